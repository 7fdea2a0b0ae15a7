/* Unit tests for text.c: UTF-8 repair, the sanitiser (the choke point for
 * untrusted text), normalisation, folding, width and shortening.  Inputs
 * cover degenerate cases first, then CJK, emoji, combining marks and RTL. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>
#include <uniwbrk.h>

#include "text.h"

static size_t bad_lines[8];
static size_t nbad_lines;

static void
record_bad(size_t line, void *ctx)
{
	(void)ctx;
	if (nbad_lines < 8)
		bad_lines[nbad_lines++] = line;
}

static void
check_repair(const char *in, size_t n, const char *want, size_t want_bad)
{
	char *out = NULL;

	assert_int_equal(text_repair_utf8(in, n, &out, NULL, NULL), want_bad);
	assert_string_equal(out, want);
	free(out);
}

static void
test_text_repair_utf8_degenerate(void **state)
{
	(void)state;
	check_repair("", 0, "", 0);
	check_repair("a", 1, "a", 0);
	check_repair("\xff", 1, "\xEF\xBF\xBD", 1);
	check_repair("\xC3", 1, "\xEF\xBF\xBD", 1);	/* truncated */
}

static void
test_text_repair_utf8_invalid_forms(void **state)
{
	(void)state;
	/* Overlong '/', encoded surrogate, code point above U+10FFFF. */
	check_repair("a\xC0\xAFz", 4, "a\xEF\xBF\xBDz", 1);
	check_repair("\xED\xA0\x80x", 4, "\xEF\xBF\xBDx", 1);
	check_repair("\xF4\x90\x80\x80", 4, "\xEF\xBF\xBD", 1);
	/* A NUL byte cannot survive in a C string. */
	check_repair("a\0b", 3, "a\xEF\xBF\xBD" "b", 1);
	/* Valid multi-byte text is untouched. */
	check_repair("Zürich 東京 🌊", strlen("Zürich 東京 🌊"),
	    "Zürich 東京 🌊", 0);
}

static void
test_text_repair_utf8_reports_lines(void **state)
{
	const char *in = "ok\nbad \xff\nok\n\xfe and \xfd\n";
	char *out = NULL;

	(void)state;
	nbad_lines = 0;
	assert_int_equal(text_repair_utf8(in, strlen(in), &out, record_bad,
	    NULL), 3);
	/* Once per line, 1-based. */
	assert_int_equal(nbad_lines, 2);
	assert_int_equal(bad_lines[0], 2);
	assert_int_equal(bad_lines[1], 4);
	free(out);
}

struct san_case {
	const char	*in;
	int		 flags;
	const char	*want;
};

static const struct san_case san_cases[] = {
	{ "", 0, "" },
	{ "plain", 0, "plain" },
	{ "tab\there", 0, "tab here" },
	{ "two\nlines", 0, "two lines" },
	{ "two\nlines", TEXT_KEEP_NEWLINES, "two\nlines" },
	{ "bell\a and del\x7f", 0, "bell and del" },
	/* CSI colour and cursor movement */
	{ "\x1b[31mred\x1b[0m", 0, "red" },
	{ "a\x1b[2J\x1b[Hb", 0, "ab" },
	/* OSC 0 title with BEL, OSC 52 clipboard with ST, OSC 8 link */
	{ "x\x1b]0;pwned\ay", 0, "xy" },
	{ "x\x1b]52;c;ZXZpbA==\x1b\\y", 0, "xy" },
	{ "\x1b]8;;http://e.x\x1b\\link\x1b]8;;\x1b\\", 0, "link" },
	/* DCS, APC, PM, SOS */
	{ "a\x1bPq#0;2;0;0;0\x1b\\b", 0, "ab" },
	{ "a\x1b_secret\x1b\\b\x1b^pm\x1b\\c\x1bXsos\x1b\\d", 0, "abcd" },
	/* The screen/tmux window name: its text goes with it. */
	{ "a\x1bkpwned-name\x1b\\b", 0, "ab" },
	/* An unterminated OSC ends at the line, not at the end of text. */
	{ "a\x1b]0;never ends\nnext", TEXT_KEEP_NEWLINES, "a\nnext" },
	/* Two-byte escapes: RIS, charset selection */
	{ "a\x1b" "cb\x1b(Bc", 0, "abc" },
	/* 8-bit C1 CSI (U+009B) and OSC (U+009D) as UTF-8 */
	{ "a\xc2\x9b" "31mb", 0, "ab" },
	{ "a\xc2\x9d" "0;t\xc2\x9c" "b", 0, "ab" },
	{ "a\xc2\x85" "b", 0, "ab" },
	/* Bidi override and isolate controls, BOM */
	{ "\xe2\x80\xae" "evil\xe2\x80\xac", 0, "evil" },
	{ "\xe2\x81\xa6" "x\xe2\x81\xa9", 0, "x" },
	{ "\xef\xbb\xbfstart", 0, "start" },
	/* Zero-width characters stay in storage, leave in strict mode;
	 * RTL letters are text, never removed. */
	{ "a\xe2\x80\x8b" "b", 0, "a\xe2\x80\x8b" "b" },
	{ "a\xe2\x80\x8b" "b", TEXT_STRICT, "ab" },
	{ "שלום עולם", TEXT_STRICT, "שלום עולם" },
	{ "emoji 👩‍🚒 ok", 0, "emoji 👩‍🚒 ok" },
	/* ZWNJ is spelling (Persian "می‌خواهم"): kept in strict mode
	 * too.  ZWJ is not, as terminals draw its sequences in two cells
	 * or four. */
	{ "emoji 👩‍🚒 ok", TEXT_STRICT, "emoji 👩🚒 ok" },
	{ "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xae", TEXT_STRICT,
	  "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xae" },
	{ "soft\xc2\xadhyphen", TEXT_STRICT, "softhyphen" },
};

static void
test_text_sanitize_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof san_cases / sizeof san_cases[0]; i++) {
		char *got = text_sanitize(san_cases[i].in, san_cases[i].flags);

		if (strcmp(got, san_cases[i].want) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, got,
			    san_cases[i].want);
		free(got);
	}
}

static void
test_text_sanitize_never_emits_esc(void **state)
{
	/* Whatever the mix, no ESC and no C1 control survives. */
	const char *in = "\x1b\x1b[\x1b]\x1bP\xc2\x9b\xc2\x9d\x1b[999;999H"
	    "\x1b]0;\x1b[31m\a\x1b";
	char *got;

	(void)state;
	got = text_sanitize(in, 0);
	assert_null(strchr(got, 0x1b));
	assert_null(strstr(got, "\xc2\x9b"));
	assert_null(strstr(got, "\xc2\x9d"));
	free(got);
}

/* A file name in a message: controls show as '?', bad bytes as U+FFFD,
 * the rest as it is. */
static void
test_text_printable_table(void **state)
{
	static const struct { const char *in, *want; } cases[] = {
		{ "", "" },
		{ "plain/path.txt", "plain/path.txt" },
		{ "a\x1b]0;t\ab", "a?]0;t?b" },
		{ "new\nline\ttab\rcr", "new?line?tab?cr" },
		{ "del\x7f c1\xc2\x9b" "31m", "del? c1?31m" },
		{ "\xe2\x80\xae" "txt.exe", "?txt.exe" },
		{ "latin1 \xe9t\xe9", "latin1 \xef\xbf\xbdt\xef\xbf\xbd" },
		{ "Zürich 東京", "Zürich 東京" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = text_printable(cases[i].in);

		if (strcmp(got, cases[i].want) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, got,
			    cases[i].want);
		free(got);
	}
}

/* JSON as SQLite writes it: what a terminal acts on becomes an escape,
 * everything else (structure, escapes, text) stays byte for byte. */
static void
test_text_json_escape_table(void **state)
{
	static const struct { const char *in, *want; } cases[] = {
		{ "", "" },
		{ "{\"a\":[1,null,\"x\\u001b]0;t\\u0007\"]}",
		    "{\"a\":[1,null,\"x\\u001b]0;t\\u0007\"]}" },
		{ "\"c1 \xc2\x9b" "31m \xc2\x9d\"", "\"c1 \\u009b31m \\u009d\"" },
		{ "\"del \x7f\"", "\"del \\u007f\"" },
		{ "\"\xe2\x80\xae" "x \xe2\x81\xa6y \xe2\x80\xa8" "z\"",
		    "\"\\u202ex \\u2066y \\u2028z\"" },
		{ "\"lrm \xe2\x80\x8e" "rlm \xe2\x80\x8f\"",
		    "\"lrm \\u200erlm \\u200f\"" },
		{ "\"bad \xff\"", "\"bad \\ufffd\"" },
		{ "\"Zürich 東京 \xe2\x80\x8b\"", "\"Zürich 東京 \xe2\x80\x8b\"" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = text_json_escape(cases[i].in);

		if (strcmp(got, cases[i].want) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, got,
			    cases[i].want);
		free(got);
	}
}

static void
test_text_nfc_composes(void **state)
{
	char *s;

	(void)state;
	s = text_nfc("Zu\xcc\x88rich");	/* u + combining diaeresis */
	assert_string_equal(s, "Zürich");
	free(s);
	s = text_nfc("");
	assert_string_equal(s, "");
	free(s);
}

static void
test_text_fold_any_script(void **state)
{
	char *a, *b;

	(void)state;
	a = text_fold("ZÜRICH");
	b = text_fold("Zu\xcc\x88rich");	/* NFD input folds the same */
	assert_string_equal(a, b);
	free(a);
	free(b);
	a = text_fold("Straße");
	assert_string_equal(a, "strasse");
	free(a);
	a = text_fold("ΑΘΗΝΑ");
	b = text_fold("αθηνα");
	assert_string_equal(a, b);
	free(a);
	free(b);
}

/* The similarity engine's key of a word: one key for the spellings of
 * one word, whatever the script of its digits. */
static void
test_text_word_key_folds_spellings(void **state)
{
	static const struct {
		const char	*in, *key;
	} cases[] = {
		{ "Reuters", "reuters" },
		{ "Straße", "strasse" },		/* German and Swiss */
		{ "STRASSE", "strasse" },
		{ "\xef\xac\x81re", "fire" },		/* the ligature fi */
		{ "Zürich", "zürich" },
		{ "٨٬٥٠٠", "8,500" },			/* Arabic-Indic */
		{ "۱۴۰۳", "1403" },			/* Persian */
		{ "४२", "42" },				/* Devanagari */
		{ "２０２５年", "2025年" },		/* fullwidth */
		{ "3٫5", "3.5" },
		{ "ıslak", "islak" },			/* Turkish: ISLAK */
		{ "ISLAK", "islak" },
		{ "Bundes\xc2\xadregierung", "bundesregierung" },
	};
	size_t i;
	char *k;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		k = text_word_key(cases[i].in, strlen(cases[i].in));
		assert_string_equal(k, cases[i].key);
		free(k);
	}
	/* Only the n bytes given. */
	k = text_word_key("Straße am Ring", 7);
	assert_string_equal(k, "strasse");
	free(k);
}

struct width_case {
	const char	*s;
	size_t		 w;
};

static const struct width_case width_cases[] = {
	{ "", 0 },
	{ "a", 1 },
	{ "abc def", 7 },
	{ "東京", 4 },			/* CJK: two cells each */
	{ "한국어", 6 },
	{ "🌊", 2 },			/* emoji */
	{ "e\xcc\x81", 1 },		/* combining acute: zero cells */
	{ "שלום", 4 },			/* RTL letters: one cell each */
};

static void
test_text_width_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof width_cases / sizeof width_cases[0]; i++)
		if (text_width(width_cases[i].s) != width_cases[i].w)
			fail_msg("\"%s\": width %zu, want %zu",
			    width_cases[i].s, text_width(width_cases[i].s),
			    width_cases[i].w);
}

static void
test_text_shorten_word_boundary(void **state)
{
	char *s;

	(void)state;
	s = text_shorten("short", 10);
	assert_string_equal(s, "short");
	free(s);
	s = text_shorten("The quick brown fox jumps", 16);
	assert_string_equal(s, "The quick brown…");
	free(s);
	/* No space in the last third: cut mid-word rather than lose most. */
	s = text_shorten("Supercalifragilistic", 8);
	assert_string_equal(s, "Superca…");
	free(s);
	/* A wide character never straddles the limit. */
	s = text_shorten("東京東京東京", 6);
	assert_true(text_width(s) <= 6);
	assert_string_equal(s, "東京…");
	free(s);
	s = text_shorten("anything", 0);
	assert_string_equal(s, "");
	free(s);
}

static void
test_text_squeeze_spaces(void **state)
{
	char *s;

	(void)state;
	s = text_squeeze("  a \t b\n\nc \xc2\xa0 ");
	assert_string_equal(s, "a b c");
	free(s);
	s = text_squeeze("   ");
	assert_string_equal(s, "");
	free(s);
}

static void
test_text_case_predicates(void **state)
{
	(void)state;
	assert_true(text_is_upper("MOSCOW", 6));
	assert_true(text_is_upper("SÃO PAULO", strlen("SÃO PAULO")));
	assert_false(text_is_upper("Moscow", 6));
	assert_false(text_is_upper("123", 3));	/* no letter */
	assert_false(text_is_upper("", 0));
	assert_true(text_starts_upper("Émile"));
	assert_false(text_starts_upper("émile"));
	/* Headings: any script, after opening quotes; never lower case. */
	assert_true(text_starts_heading("Émile"));
	assert_true(text_starts_heading("東京で大雨、三万人に避難指示"));
	assert_true(text_starts_heading("«Nous resterons» dit le maire"));
	assert_true(text_starts_heading("“We stay,” says mayor"));
	assert_true(text_starts_heading("3 dead as storm hits coast"));
	assert_true(text_starts_heading("שריפה בצפון"));
	assert_false(text_starts_heading("and then the council met"));
	assert_false(text_starts_heading("“and then"));
	/* A name starts with a capital or a letter without case, not a
	 * digit or a quote. */
	assert_true(text_starts_name("Émile Roux"));
	assert_true(text_starts_name("محمد علي"));
	assert_false(text_starts_name("the staff"));
	assert_false(text_starts_name("2030"));
	assert_false(text_starts_name("“Émile"));
	assert_false(text_starts_heading("— "));
	assert_false(text_starts_heading(""));
	assert_false(text_starts_upper(""));
}

/* Characters, not bytes: what a two-letter prefix is counted in. */
static void
test_text_chars_counts(void **state)
{
	(void)state;
	assert_int_equal(text_chars(""), 0);
	assert_int_equal(text_chars("sa"), 2);
	assert_int_equal(text_chars("\xce\xb1\xce\xb8"), 2);	/* αθ */
	/* Limits count characters, whatever their bytes. */
	assert_true(text_chars_at_most("", 0));
	assert_true(text_chars_at_most("sa", 2));
	assert_false(text_chars_at_most("sa", 1));
	assert_true(text_chars_at_most("\xce\xb1\xce\xb8", 2));
	assert_false(text_chars_at_most("\xce\xb1\xce\xb8", 1));
	assert_true(text_chars_at_most("हड़ताल जारी", 11));	/* 31 bytes */
	assert_false(text_chars_at_most("हड़ताल जारी", 10));
	assert_false(text_chars_at_most("\xf0\x9f\x8e\x89\xf0\x9f\x8e\x89"
	    "\xf0\x9f\x8e\x89", 2));			/* 12 bytes */
	assert_int_equal(text_chars("\xe6\x9d\xb1\xe4\xba\xac"), 2);
	assert_int_equal(text_chars("a\xff"), 2);	/* a bad byte is one */
}

static char *
line_of(const char *s, const struct text_line *l)
{
	static char buf[512];

	snprintf(buf, sizeof buf, "%.*s", (int)l->len, s + l->off);
	return buf;
}

static void
test_text_wrap_words_and_widths(void **state)
{
	const char *s = "The quick brown fox jumps over the lazy dog";
	struct text_line *l;
	size_t n, i;

	(void)state;
	n = text_wrap("", 10, &l);
	assert_int_equal(n, 1);
	assert_int_equal(l[0].len, 0);
	free(l);
	n = text_wrap(s, 15, &l);
	assert_int_equal(n, 3);
	assert_string_equal(line_of(s, &l[0]), "The quick brown");
	assert_string_equal(line_of(s, &l[1]), "fox jumps over");
	assert_string_equal(line_of(s, &l[2]), "the lazy dog");
	for (i = 0; i < n; i++)
		assert_true(l[i].width <= 15);
	free(l);
	/* Newlines end lines; an empty paragraph is an empty line. */
	n = text_wrap("one\n\ntwo", 40, &l);
	assert_int_equal(n, 3);
	assert_int_equal(l[1].len, 0);
	free(l);
}

static void
test_text_wrap_cjk_and_long_words(void **state)
{
	const char *cjk = "東京港で新しいフェリーが就航した";
	const char *longword = "Supercalifragilisticexpialidocious";
	struct text_line *l;
	size_t n, i, total = 0;

	(void)state;
	/* Two cells a character: never more than the width, and CJK
	 * breaks between characters without spaces. */
	n = text_wrap(cjk, 9, &l);
	assert_true(n >= 4);
	for (i = 0; i < n; i++) {
		assert_true(l[i].width <= 9);
		total += l[i].len;
	}
	assert_int_equal(total, strlen(cjk));
	free(l);
	/* A word wider than the line is cut, not left to overflow. */
	n = text_wrap(longword, 10, &l);
	assert_int_equal(n, 4);
	for (i = 0; i < n; i++)
		assert_true(l[i].width <= 10);
	free(l);
	/* Emoji take two cells; combining marks none. */
	n = text_wrap("🌊🌊🌊 e\xcc\x81" "e\xcc\x81", 6, &l);
	for (i = 0; i < n; i++)
		assert_true(l[i].width <= 6);
	free(l);
}

static void
test_text_ascii_lookalikes(void **state)
{
	char *s;

	(void)state;
	s = text_ascii("“Zürich” — café… ‘ok’ 東");
	assert_string_equal(s, "\"Zurich\" -- cafe... 'ok' ?");
	free(s);
}

/* Search tokens: keys joined with "|", and their source bytes. */
struct tokbuf {
	char	keys[256];
	char	spans[256];
	const char *src;
};

static int
collect_token(const struct text_token *t, void *ctx)
{
	struct tokbuf *b = ctx;

	if (*b->keys != '\0')
		strcat(b->keys, "|"), strcat(b->spans, "|");
	strncat(b->keys, t->key, t->keylen);
	strncat(b->spans, b->src + t->start, t->end - t->start);
	return 0;
}

static const char *
tokens(const char *s, struct tokbuf *b)
{
	memset(b, 0, sizeof *b);
	b->src = s;
	assert_int_equal(text_tokens(s, strlen(s), collect_token, b), 0);
	return b->keys;
}

static void
test_text_tokens_fold_every_script(void **state)
{
	static const struct {
		const char *in, *keys;
	} cases[] = {
		{ "ZÜRICH", "zurich" },
		{ "Zu\xcc\x88rich", "zurich" },		/* NFD */
		{ "Straße STRASSE", "strasse|strasse" },
		{ "\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3", "abc" }, /* fullwidth */
		{ "\xef\xac\x81nance", "finance" },	/* fi ligature */
		{ "ΟΔΟΣ οδός", "οδοσ|οδοσ" },		/* final sigma, tonos */
		{ "Kuleba's U.S. 8,500", "kuleba|s|u|s|8|500" },
		{ "東京の天気", "東|京|の|天|気" },
		{ "Москва МОСКВА", "москва|москва" },
		{ "— «»  ", "" },
		{ "abcé Abc東京 x", "abce|abc|東|京|x" },	/* ASCII runs on */
		{ "Zürich's", "zurich|s" },
		/* ASCII runs ended by other characters. */
		{ "Kyiv\xe2\x80\x99s WAR\xe2\x80\x94" "end 8\xc2\xa0km",
		    "kyiv|s|war|end|8|km" },
		{ "Cafe\xcc\x81 Abc\xc3\xa9", "cafe|abce" },
		/* Invisible characters inside a word: a soft hyphen, a
		 * word joiner, a zero-width space, a variation selector. */
		{ "Bundes\xc2\xadregierung", "bundesregierung" },
		{ "Finanz\xe2\x81\xa0minister", "finanzminister" },
		{ "zero\xe2\x80\x8bwidth", "zerowidth" },
		{ "Zürich\xc2\xadsee", "zurichsee" },
		{ "\xc2\xad \xe2\x80\x8b x", "x" },
		{ "東\xef\xb8\x80京", "東|京" },
		/* The digits of other scripts are ASCII in a key. */
		{ "٨٥٠٠ ٨٬٥٠٠", "8500|8|500" },
		{ "२०२४ ๒๕๖๗", "2024|2567" },
		{ "Ab٣", "ab3" },
		/* A dotless ı is an i, as Turkish capitals are I. */
		{ "ıslak ISLAK İSTANBUL", "islak|islak|istanbul" },
	};
	struct tokbuf b;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_string_equal(tokens(cases[i].in, &b), cases[i].keys);
	/* Spans are the source bytes, for highlighting. */
	tokens("Ein ZÜRICHER Bericht", &b);
	assert_string_equal(b.spans, "Ein|ZÜRICHER|Bericht");
	/* A vowel sign is part of a Devanagari letter, not an accent. */
	assert_string_not_equal(tokens("कि", &b), "क");
}

/* text_words against libunistring over the whole text: the fast path for
 * ASCII words must find exactly the same words. */
struct wordlist {
	char	s[4096];
	size_t	len;
};

static int
collect_word(const char *w, size_t n, void *ctx)
{
	struct wordlist *l = ctx;

	assert_true(l->len + n + 2 < sizeof l->s);
	memcpy(l->s + l->len, w, n);
	l->len += n;
	l->s[l->len++] = '|';
	l->s[l->len] = '\0';
	return 0;
}

static void
reference_words(const char *s, struct wordlist *l)
{
	size_t n = strlen(s), i, start;
	char *breaks = malloc(n + 1);
	ucs4_t uc;

	u8_wordbreaks((const uint8_t *)s, n, breaks);
	for (start = 0; start < n; start = i) {
		for (i = start + 1; i < n && !breaks[i]; i++)
			;
		if (u8_mbtouc(&uc, (const uint8_t *)s + start, i - start) >
		    0 && (uc_is_alpha(uc) || uc_is_digit(uc)))
			collect_word(s + start, i - start, l);
	}
	free(breaks);
}

/* The core of a word of text_words: the part that names it. */
static void
test_text_word_core_drops_clitics(void **state)
{
	static const struct {
		const char *word, *core;
	} cases[] = {
		{ "Russia's", "Russia" },
		{ "Russia\u2019s", "Russia" },		/* curly apostrophe */
		{ "l'Ukraine", "Ukraine" },
		{ "dell'Italia", "Italia" },
		{ "quell'anno", "anno" },
		{ "d\u2019Ivoire", "Ivoire" },
		{ "Ankara'da", "Ankara" },		/* Turkish suffix */
		{ "T\u00fcrkiye'nin", "T\u00fcrkiye" },
		{ "O'Brien", "O'Brien" },
		{ "O'Brien's", "O'Brien" },
		{ "don't", "don" },
		{ "aujourd'hui", "aujourd" },		/* too long to elide */
		{ "Kuleba", "Kuleba" },
		{ "8,500", "8,500" },
	};
	size_t i, off, n;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		n = text_word_core(cases[i].word, strlen(cases[i].word), &off);
		assert_int_equal(n, strlen(cases[i].core));
		assert_memory_equal(cases[i].word + off, cases[i].core, n);
	}
}

static void
test_text_words_match_uax29(void **state)
{
	/* Pieces that exercise the rules near the fast path: mid-word
	 * punctuation, numbers, underscores, quotes, accents after a space,
	 * Indic vowel signs, CJK, emoji, and every kind of ASCII space. */
	static const char *const pieces[] = {
		"said", "Kuleba's", "U.S.", "8,500", "3.5", "e.g.", "(AP)",
		"\"quote\"", "don't", "a_b", "_x", "x_", "—", "«", "»", "Zürich",
		"Zu\xcc\x88rich", "\xcc\x81", "\xe0\xa4\xbf", "क\xe0\xa4\xbf",
		"東京", "の", "😀", "\xe2\x80\x8d", "\xe2\x80\x99", "'", ".", ",",
		":", ";", "-", "a", "9", " ", " ", "  ", "\t", "\n", "\r\n", "\v",
		"\f", "\xe3\x80\x80", "\xc2\xa0", "ב\"ה", "x.y", "1:2", "!",
	};
	struct wordlist got, want;
	char text[1024];
	unsigned seed = 12345;
	size_t i, k, len;

	(void)state;
	for (i = 0; i < 20000; i++) {
		text[0] = '\0';
		len = 0;
		for (k = 0; k < 12; k++) {
			const char *piece;

			seed = seed * 1103515245u + 12345u;
			piece = pieces[(seed >> 16) %
			    (sizeof pieces / sizeof pieces[0])];
			if (len + strlen(piece) + 1 >= sizeof text)
				break;
			strcat(text, piece);
			len += strlen(piece);
		}
		got.len = want.len = 0;
		got.s[0] = want.s[0] = '\0';
		assert_int_equal(text_words(text, len, collect_word, &got), 0);
		reference_words(text, &want);
		if (strcmp(got.s, want.s) != 0)
			fail_msg("text \"%s\": words \"%s\", UAX #29 \"%s\"",
			    text, got.s, want.s);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_repair_utf8_degenerate),
		cmocka_unit_test(test_text_repair_utf8_invalid_forms),
		cmocka_unit_test(test_text_repair_utf8_reports_lines),
		cmocka_unit_test(test_text_sanitize_table),
		cmocka_unit_test(test_text_sanitize_never_emits_esc),
		cmocka_unit_test(test_text_printable_table),
		cmocka_unit_test(test_text_json_escape_table),
		cmocka_unit_test(test_text_nfc_composes),
		cmocka_unit_test(test_text_fold_any_script),
		cmocka_unit_test(test_text_word_key_folds_spellings),
		cmocka_unit_test(test_text_width_table),
		cmocka_unit_test(test_text_shorten_word_boundary),
		cmocka_unit_test(test_text_squeeze_spaces),
		cmocka_unit_test(test_text_case_predicates),
		cmocka_unit_test(test_text_chars_counts),
		cmocka_unit_test(test_text_wrap_words_and_widths),
		cmocka_unit_test(test_text_wrap_cjk_and_long_words),
		cmocka_unit_test(test_text_ascii_lookalikes),
		cmocka_unit_test(test_text_tokens_fold_every_script),
		cmocka_unit_test(test_text_words_match_uax29),
		cmocka_unit_test(test_text_word_core_drops_clitics),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
