/* fuzz-text: the path untrusted text takes from a file to the screen,
 * text_repair_utf8 -> text_sanitize -> text_nfc/text_fold -> text_width
 * -> text_wrap -> text_shorten -> text_ascii, checked at each step for
 * what a reader would notice: a control or escape byte reaching the
 * terminal, invalid UTF-8, a line wider than the pane, text lost or
 * duplicated by the wrapper, a title longer than its column. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "fuzz.h"
#include "text.h"

/* Width of the n bytes at s, through text_width on a copy. */
static size_t
width_of(const char *s, size_t n)
{
	char *tmp = malloc(n + 1);
	size_t w;

	FUZZ_CHECK(tmp != NULL, "out of memory");
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	w = text_width(tmp);
	free(tmp);
	return w;
}

/* Valid UTF-8 with no ESC, C0 (but '\n' when newlines are allowed), DEL
 * or C1 control, and no bidi control: nothing a terminal would act on. */
static void
check_inert(const char *s, bool newlines, bool strict, const char *step)
{
	const uint8_t *p = (const uint8_t *)s;
	ucs4_t uc;
	int len;

	FUZZ_CHECK(u8_check(p, strlen(s)) == NULL, step);
	for (; *p != '\0'; p += len) {
		len = u8_strmbtouc(&uc, p);
		FUZZ_CHECK(len > 0, step);
		FUZZ_CHECK(uc >= 0x20 || (newlines && uc == '\n'), step);
		FUZZ_CHECK(uc < 0x7F || uc > 0x9F, step);
		FUZZ_CHECK(!(uc >= 0x202A && uc <= 0x202E) &&
		    !(uc >= 0x2066 && uc <= 0x2069) && uc != 0xFEFF &&
		    uc != 0x061C, step);
		/* Strict: no format character but ZWNJ, which is
		 * spelling (Persian, Indic scripts). */
		if (strict)
			FUZZ_CHECK(uc == 0x200C || !uc_is_general_category(uc,
			    UC_CATEGORY_Cf), step);
	}
}

static void
check_wrap(const char *s, size_t width)
{
	struct text_line *v = NULL;
	size_t n, i, len = strlen(s), pos = 0, nl = 0, k;
	ucs4_t uc;

	for (k = 0; k < len; k++)
		nl += s[k] == '\n';
	n = text_wrap(s, width, &v);
	FUZZ_CHECK(v != NULL && n >= nl + 1, "text_wrap: one line per '\\n' "
	    "at least");
	for (i = 0; i < n; i++) {
		const struct text_line *l = &v[i];

		/* Lines lie inside s, in order, without overlap. */
		FUZZ_CHECK(l->off >= pos && l->off <= len &&
		    l->len <= len - l->off, "text_wrap: range outside s");
		/* What lies between two lines is only spaces and line
		 * ends: the wrapper loses no text. */
		for (k = pos; k < l->off; k++)
			FUZZ_CHECK(s[k] == ' ' || s[k] == '\n',
			    "text_wrap: text dropped between lines");
		/* Lines start and end on character boundaries. */
		FUZZ_CHECK(u8_check((const uint8_t *)s + l->off, l->len) ==
		    NULL, "text_wrap: line splits a character");
		FUZZ_CHECK(memchr(s + l->off, '\n', l->len) == NULL,
		    "text_wrap: '\\n' inside a line");
		FUZZ_CHECK(l->width == width_of(s + l->off, l->len),
		    "text_wrap: width is not the line's width");
		/* Wider than asked only when one character alone is: it
		 * cannot be split further. */
		if (l->width > width) {
			int clen = u8_mbtouc(&uc, (const uint8_t *)s + l->off,
			    l->len);

			FUZZ_CHECK(clen > 0 && width_of(s + l->off,
			    (size_t)clen) == l->width,
			    "text_wrap: line wider than the width");
		}
		pos = l->off + l->len;
	}
	for (k = pos; k < len; k++)
		FUZZ_CHECK(s[k] == ' ' || s[k] == '\n',
		    "text_wrap: text dropped after the last line");
	free(v);
}

static void
check_shorten(const char *s, size_t maxcols)
{
	char *t = text_shorten(s, maxcols);
	size_t n = strlen(t), ell = sizeof "…" - 1;

	FUZZ_CHECK(u8_check((const uint8_t *)t, n) == NULL,
	    "text_shorten: invalid UTF-8");
	FUZZ_CHECK(text_width(t) <= maxcols, "text_shorten: too wide");
	if (text_width(s) <= maxcols) {
		FUZZ_CHECK(strcmp(t, s) == 0, "text_shorten: changed text "
		    "that fits");
	} else if (maxcols > 0) {
		/* What is kept is a prefix of s, then the ellipsis. */
		FUZZ_CHECK(n >= ell && strcmp(t + n - ell, "…") == 0,
		    "text_shorten: no ellipsis");
		FUZZ_CHECK(strncmp(t, s, n - ell) == 0,
		    "text_shorten: not a prefix");
	}
	free(t);
}

/* s as a JSON string, escaped as SQLite's json_quote does: quote,
 * backslash and C0 controls only. */
static char *
json_quote(const char *s)
{
	char *out = malloc(6 * strlen(s) + 3), *o = out;

	FUZZ_CHECK(out != NULL, "out of memory");
	*o++ = '"';
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20)
			o += sprintf(o, "\\u%04x", (unsigned char)*s);
		else if (*s == '"' || *s == '\\')
			o += sprintf(o, "\\%c", *s);
		else
			*o++ = *s;
	}
	*o++ = '"';
	*o = '\0';
	return out;
}

static int
check_word(const char *word, size_t n, void *ctx)
{
	const char *s = ctx;

	FUZZ_CHECK(word >= s && n > 0 && word + n <= s + strlen(s),
	    "text_words: word outside the string");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t widths[] = { 1, 2, 3, 7, 40, 80 };
	static const size_t cols[] = { 0, 1, 2, 5, 20, 80 };
	static const int flags[] = { 0, TEXT_KEEP_NEWLINES, TEXT_STRICT,
	    TEXT_KEEP_NEWLINES | TEXT_STRICT };
	char *fixed = NULL, *clean = NULL, *again = NULL, *nfc = NULL,
	    *fold = NULL, *ascii = NULL, *nfc2 = NULL, *printable = NULL,
	    *json = NULL, *quoted = NULL;
	size_t nbad, i, f;

	nbad = text_repair_utf8((const char *)data, size, &fixed, NULL, NULL);
	FUZZ_CHECK(u8_check((const uint8_t *)fixed, strlen(fixed)) == NULL,
	    "text_repair_utf8: invalid UTF-8 out");
	/* Valid input without NUL comes out unchanged. */
	if (u8_check(data, size) == NULL && memchr(data, 0, size) == NULL)
		FUZZ_CHECK(nbad == 0 && strlen(fixed) == size &&
		    memcmp(fixed, data, size) == 0,
		    "text_repair_utf8: changed valid text");
	else
		FUZZ_CHECK(nbad > 0, "text_repair_utf8: missed a bad byte");

	/* Messages show file names through text_printable: not even a
	 * newline may pass, and each character stays visible. */
	printable = text_printable(fixed);
	check_inert(printable, false, false, "text_printable");
	free(printable);
	/* text_json_escape wants JSON; a JSON string holding the repaired
	 * input stands for what SQLite writes (it escapes C0 itself). */
	quoted = json_quote(fixed);
	json = text_json_escape(quoted);
	check_inert(json, false, false, "text_json_escape");
	free(json);
	free(quoted);

	for (f = 0; f < sizeof flags / sizeof flags[0]; f++) {
		bool keep = flags[f] & TEXT_KEEP_NEWLINES;
		bool strict = flags[f] & TEXT_STRICT;

		clean = text_sanitize(fixed, flags[f]);
		check_inert(clean, keep, strict, "text_sanitize");
		/* Stored text is sanitised again before it is shown: the
		 * second pass must not change it. */
		again = text_sanitize(clean, flags[f]);
		FUZZ_CHECK(strcmp(again, clean) == 0,
		    "text_sanitize: not idempotent");
		free(again);

		nfc = text_nfc(clean);
		check_inert(nfc, keep, strict, "text_nfc");
		nfc2 = text_nfc(nfc);
		FUZZ_CHECK(strcmp(nfc2, nfc) == 0, "text_nfc: not stable");
		free(nfc2);
		fold = text_fold(clean);
		FUZZ_CHECK(u8_check((const uint8_t *)fold, strlen(fold)) ==
		    NULL, "text_fold: invalid UTF-8");
		free(fold);

		/* Every character takes at most two cells. */
		FUZZ_CHECK(text_width(nfc) <= 2 * strlen(nfc),
		    "text_width: implausible");
		for (i = 0; i < sizeof widths / sizeof widths[0]; i++)
			check_wrap(nfc, widths[i]);
		for (i = 0; i < sizeof cols / sizeof cols[0]; i++)
			check_shorten(nfc, cols[i]);
		text_words(nfc, strlen(nfc), check_word, nfc);

		ascii = text_ascii(nfc);
		for (i = 0; ascii[i] != '\0'; i++)
			FUZZ_CHECK((unsigned char)ascii[i] < 0x7F &&
			    ((unsigned char)ascii[i] >= 0x20 ||
			    (keep && ascii[i] == '\n')),
			    "text_ascii: not printable ASCII");
		free(ascii);
		free(nfc);
		free(clean);
	}
	free(fixed);
	return 0;
}
