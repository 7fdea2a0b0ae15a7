/* text: libunistring wrappers.  The sanitiser is hand-written because no
 * library knows which terminal sequences are dangerous; everything that is
 * a Unicode property (width, case, normal forms, word breaks) is asked of
 * libunistring rather than approximated. */
#include "config.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unilbrk.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwbrk.h>
#include <uniwidth.h>

#include "text.h"
#include "util.h"

#define REPLACEMENT 0xFFFD

static void
add_uc(struct strbuf *b, ucs4_t uc)
{
	uint8_t tmp[6];
	int n = u8_uctomb(tmp, uc, sizeof tmp);

	if (n > 0)
		strbuf_add(b, (const char *)tmp, (size_t)n);
}

size_t
text_repair_utf8(const char *s, size_t n, char **out, text_bad_fn bad,
    void *ctx)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + n;
	struct strbuf b = { 0 };
	size_t nbad = 0, line = 1, reported = 0;

	strbuf_add(&b, "", 0);
	while (p < end) {
		ucs4_t uc;
		int len;

		if (*p < 0x80 && *p != 0) {
			const uint8_t *q = p;

			/* Copy a run of ASCII at once. */
			while (q < end && *q < 0x80 && *q != 0)
				if (*q++ == '\n')
					line++;
			strbuf_add(&b, (const char *)p, (size_t)(q - p));
			p = q;
			continue;
		}
		len = u8_mbtoucr(&uc, p, (size_t)(end - p));
		if (len > 0 && uc != 0) {
			strbuf_add(&b, (const char *)p, (size_t)len);
			p += len;
			continue;
		}
		/* Invalid, truncated or NUL: one U+FFFD per maximal bad
		 * prefix, as the Unicode standard recommends; u8_mbtoucr
		 * tells us nothing about its length, so skip one byte plus
		 * any continuation bytes that follow it. */
		add_uc(&b, REPLACEMENT);
		nbad++;
		if (bad != NULL && reported != line) {
			bad(line, ctx);
			reported = line;
		}
		p++;
		while (p < end && (*p & 0xC0) == 0x80)
			p++;
	}
	*out = strbuf_steal(&b);
	return nbad;
}

/* Characters that reorder or hide text: bidi embeddings, overrides and
 * isolates, plus the BOM/ZWNBSP. */
static int
is_bidi_control(ucs4_t uc)
{
	return (uc >= 0x202A && uc <= 0x202E) || (uc >= 0x2066 &&
	    uc <= 0x2069) || uc == 0xFEFF || uc == 0x061C;
}

/* Skip the body of an ESC or C1 introduced sequence; p points just past the
 * introducer, kind is the final character of the 7-bit form ('[', ']',
 * 'P', 'X', '^', '_', 'k') or 0 for a two-byte escape.  Returns where normal
 * text resumes.  String sequences end at BEL, ST (ESC \ or U+009C) or, so
 * that an unterminated one cannot swallow the article, at a newline. */
static const uint8_t *
skip_sequence(const uint8_t *p, int kind)
{
	ucs4_t uc;
	int len;

	if (kind == '[') {
		/* Parameters and intermediates, then one final byte. */
		while (*p >= 0x20 && *p <= 0x3F)
			p++;
		while (*p >= 0x20 && *p <= 0x2F)
			p++;
		if (*p >= 0x40 && *p <= 0x7E)
			p++;
		return p;
	}
	if (kind == 0)
		return p;
	while (*p != '\0' && *p != '\n') {
		if (*p == 0x07)
			return p + 1;
		if (*p == 0x1B) {
			if (p[1] == '\\')
				return p + 2;
			return p;	/* a new sequence starts */
		}
		len = u8_strmbtouc(&uc, p);
		if (len <= 0)
			return p + 1;
		if (uc == 0x9C)
			return p + len;
		p += len;
	}
	return p;
}

char *
text_sanitize(const char *s, int flags)
{
	const uint8_t *p = (const uint8_t *)s;
	struct strbuf b = { 0 };
	ucs4_t uc;
	int len;

	strbuf_add(&b, "", 0);
	while (*p != '\0') {
		if (*p == 0x1B) {
			uint8_t k = p[1];

			/* ESC k is no ECMA-48 string, but screen and tmux
			 * take what follows, up to ST, as the window name. */
			if (k == '[' || k == ']' || k == 'P' || k == 'X' ||
			    k == '^' || k == '_' || k == 'k')
				p = skip_sequence(p + 2, k);
			else if (k >= 0x20 && k <= 0x2F) {
				/* nF escape: intermediates then a final. */
				p++;
				while (*p >= 0x20 && *p <= 0x2F)
					p++;
				if (*p >= 0x30 && *p <= 0x7E)
					p++;
			} else if (k >= 0x30 && k <= 0x7E)
				p += 2;
			else
				p++;
			continue;
		}
		if (*p >= 0x20 && *p < 0x7F) {
			const uint8_t *q = p + 1;

			/* Copy a run of printable ASCII at once. */
			while (*q >= 0x20 && *q < 0x7F)
				q++;
			strbuf_add(&b, (const char *)p, (size_t)(q - p));
			p = q;
			continue;
		}
		if (*p < 0x80) {
			if (*p == '\n')
				strbuf_addc(&b, (flags & TEXT_KEEP_NEWLINES) ?
				    '\n' : ' ');
			else if (*p == '\t')
				strbuf_addc(&b, ' ');
			else if (*p >= 0x20 && *p != 0x7F)
				strbuf_addc(&b, (char)*p);
			p++;
			continue;
		}
		len = u8_strmbtouc(&uc, p);
		if (len <= 0) {
			/* Callers pass repaired text; be safe anyway. */
			add_uc(&b, REPLACEMENT);
			p++;
			continue;
		}
		if (uc >= 0x80 && uc <= 0x9F) {
			int k = 0;

			switch (uc) {
			case 0x9B: k = '['; break;
			case 0x9D: k = ']'; break;
			case 0x90: k = 'P'; break;
			case 0x98: k = 'X'; break;
			case 0x9E: k = '^'; break;
			case 0x9F: k = '_'; break;
			}
			p = k ? skip_sequence(p + len, k) : p + len;
			continue;
		}
		if (uc == 0x2028 || uc == 0x2029) {
			strbuf_addc(&b, (flags & TEXT_KEEP_NEWLINES) ? '\n' :
			    ' ');
			p += len;
			continue;
		}
		/* Strict drops invisible format characters but ZWNJ, which
		 * is spelling in Persian and Indic scripts and changes no
		 * width.  ZWJ goes: terminals differ on whether 👩‍🚒 takes
		 * two cells or four, and the panes' borders need to know. */
		if (is_bidi_control(uc) || ((flags & TEXT_STRICT) &&
		    uc != 0x200C &&
		    uc_is_general_category(uc, UC_CATEGORY_Cf))) {
			p += len;
			continue;
		}
		strbuf_add(&b, (const char *)p, (size_t)len);
		p += len;
	}
	return strbuf_steal(&b);
}

/* A character a terminal acts on: a C0 or C1 control or DEL. */
static bool
is_control(ucs4_t uc)
{
	return uc < 0x20 || (uc >= 0x7F && uc <= 0x9F);
}

char *
text_printable(const char *s)
{
	struct strbuf b = { 0 };
	const uint8_t *p;
	char *fixed;
	ucs4_t uc;
	int len;

	text_repair_utf8(s, strlen(s), &fixed, NULL, NULL);
	strbuf_add(&b, "", 0);
	for (p = (const uint8_t *)fixed; *p != '\0'; p += len) {
		len = u8_strmbtouc(&uc, p);
		assert(len > 0);	/* repaired above */
		if (is_control(uc) || is_bidi_control(uc))
			strbuf_addc(&b, '?');
		else
			strbuf_add(&b, (const char *)p, (size_t)len);
	}
	free(fixed);
	return strbuf_steal(&b);
}

char *
text_json_escape(const char *json)
{
	const uint8_t *p = (const uint8_t *)json, *q;
	struct strbuf b = { 0 };
	ucs4_t uc;
	int len;

	strbuf_add(&b, "", 0);
	while (*p != '\0') {
		/* Copy a run of ASCII but DEL at once. */
		for (q = p; *q != '\0' && *q < 0x7F; q++)
			;
		strbuf_add(&b, (const char *)p, (size_t)(q - p));
		if (*(p = q) == '\0')
			break;
		len = u8_strmbtouc(&uc, p);
		if (len <= 0) {
			strbuf_adds(&b, "\\ufffd");
			p++;
		} else if (uc >= 0x7F && (is_control(uc) ||
		    is_bidi_control(uc) || uc == 0x200E || uc == 0x200F ||
		    uc == 0x2028 || uc == 0x2029)) {
			/* The marks (LRM, RLM) too: stored, since they place
			 * punctuation in right-to-left text, but they reorder
			 * a terminal line as the controls do. */
			strbuf_addf(&b, "\\u%04x", (unsigned)uc);
			p += len;
		} else {
			strbuf_add(&b, (const char *)p, (size_t)len);
			p += len;
		}
	}
	return strbuf_steal(&b);
}

static char *
normalize(const char *s, uninorm_t form)
{
	size_t n = 0;
	uint8_t *r;
	char *out;

	r = u8_normalize(form, (const uint8_t *)s, strlen(s), NULL, &n);
	if (r == NULL)
		return xstrdup(s);	/* only on ENOMEM or bad input */
	out = xstrndup((const char *)r, n);
	free(r);
	return out;
}

/* True when every character of s is one whose NFC form is itself and
 * that cannot compose with a neighbour: everything below U+0300 and the
 * dashes, quotes, bullets and ellipsis of U+2010..U+2027.  Composition
 * always involves a character from U+0300 up, so such text is NFC as it
 * stands and the (costly) normaliser can be skipped. */
static bool
trivially_nfc(const char *s)
{
	const uint8_t *p = (const uint8_t *)s;
	ucs4_t uc;
	int len;

	for (; *p != '\0'; p += len) {
		if (*p < 0x80) {
			len = 1;
			continue;
		}
		len = u8_strmbtouc(&uc, p);
		if (len <= 0)
			return false;
		if (uc >= 0x300 && (uc < 0x2010 || uc > 0x2027))
			return false;
	}
	return true;
}

char *
text_nfc(const char *s)
{
	if (trivially_nfc(s))
		return xstrdup(s);
	return normalize(s, UNINORM_NFC);
}

/* An invisible character that a word may hold without being split: a
 * soft hyphen (German sites put one in long words), a word joiner, a
 * zero-width space or joiner, a variation selector.  Unicode's
 * default-ignorable code points, which the reader never shows. */
static inline bool
is_ignorable(ucs4_t uc)
{
	return uc >= 0xA0 && uc_is_property_default_ignorable_code_point(uc);
}

/* What the keys of words (text_word_key) and of search tokens
 * (token_key) hold for uc besides case folding: KEY_KEEP, uc itself;
 * KEY_DROP, nothing (an invisible character, which the reader never
 * shows); else this ASCII character.  Case folding and NFKC leave the
 * digits of other scripts, but one outlet writes ٨٬٥٠٠ where another,
 * and the reader typing a search, writes 8,500; and a dotless ı, which
 * Turkish capitalises as I, so that "ISLAK" folded to "islak" while
 * "ıslak" stayed. */
#define KEY_KEEP	(-1)
#define KEY_DROP	0

static int
key_char(ucs4_t uc)
{
	int v;

	if (uc < 0x80)
		return KEY_KEEP;
	if ((v = uc_decimal_value(uc)) >= 0)
		return '0' + v;
	if (uc == 0x066B)		/* Arabic decimal separator */
		return '.';
	if (uc == 0x066C)		/* Arabic thousands separator */
		return ',';
	if (uc == 0x0131)		/* dotless ı */
		return 'i';
	return is_ignorable(uc) ? KEY_DROP : KEY_KEEP;
}

char *
text_word_key(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s;
	uint8_t *r, *nf = NULL;
	ucs4_t uc, part[UC_DECOMPOSITION_MAX_LENGTH];
	size_t len = 0, i, j, m = n;
	bool compat = false, remap = false;
	char *out;
	int k, c, tag;

	for (i = 0; i < n && p[i] < 0x80; i++)
		;
	if (i == n) {
		out = xmalloc(n + 1);
		for (i = 0; i < n; i++)
			out[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] +
			    32 : s[i]);
		out[n] = '\0';
		return out;
	}
	/* Full case folding with NFKC costs four times a lower-casing;
	 * most words have no compatibility character for NFKC to change,
	 * and case folding alone costs what lower-casing does. */
	for (; i < n; i += (size_t)k) {
		k = u8_mbtouc(&uc, p + i, n - i);
		if (uc < 0xA0)
			continue;
		if (key_char(uc) != KEY_KEEP)
			remap = true;
		else if (uc_decomposition(uc, &tag, part) > 0 &&
		    tag != UC_DECOMP_CANONICAL)
			compat = true;
	}
	if (compat && (nf = u8_normalize(UNINORM_NFKC, p, n, NULL,
	    &len)) != NULL) {
		p = nf;
		m = len;
	}
	r = u8_casefold(p, m, NULL, NULL, NULL, &len);
	free(nf);
	if (r == NULL)
		return xstrndup(s, n);
	/* key_char's replacements, each shorter: in place. */
	for (i = j = 0; remap && i < len; i += (size_t)k) {
		k = u8_mbtouc(&uc, r + i, len - i);
		if ((c = key_char(uc)) == KEY_KEEP) {
			memmove(r + j, r + i, (size_t)k);
			j += (size_t)k;
		} else if (c != KEY_DROP)
			r[j++] = (uint8_t)c;
	}
	out = xstrndup((const char *)r, remap ? j : len);
	free(r);
	return out;
}

char *
text_fold(const char *s)
{
	size_t n = 0;
	uint8_t *r;
	char *out;

	r = u8_casefold((const uint8_t *)s, strlen(s), NULL, UNINORM_NFKC,
	    NULL, &n);
	if (r == NULL)
		return xstrdup(s);
	out = xstrndup((const char *)r, n);
	free(r);
	return out;
}

/* ASCII white space.  UAX #29 puts a word boundary on both sides of each
 * of these (WB3a, WB3b, WB999); only WB4 joins what follows a space to it,
 * so a chunk that begins with a non-ASCII character is looked at with the
 * white space before it. */
static bool
is_ascii_space(uint8_t c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static inline bool
is_ascii_alnum(uint8_t c)
{
	/* Setting bit 5 lower-cases a letter and leaves a digit alone. */
	return (uint8_t)((c | 0x20) - 'a') < 26 || (uint8_t)(c - '0') < 10;
}

/* The words of p[from, to), with UAX #29 from libunistring; segments
 * that start before "at" (the white space given for context) are not
 * words. */
static int
chunk_words(const uint8_t *p, size_t from, size_t at, size_t to,
    text_word_fn fn, void *ctx)
{
	char small[256], *breaks = small;
	size_t n = to - from, i, start;
	ucs4_t uc;
	int rc = 0;

	if (n > sizeof small)
		breaks = xmalloc(n);
	u8_wordbreaks(p + from, n, breaks);
	for (start = 0; start < n && rc == 0; start = i) {
		for (i = start + 1; i < n && !breaks[i]; i++)
			;
		if (from + start >= at && u8_mbtouc(&uc, p + from + start,
		    i - start) > 0 && (uc_is_alpha(uc) || uc_is_digit(uc)))
			rc = fn((const char *)p + from + start, i - start, ctx);
	}
	if (breaks != small)
		free(breaks);
	return rc;
}

/* Most of a text is words of ASCII letters and digits between spaces,
 * perhaps with punctuation at either end ("said," "(AP)").  UAX #29 never
 * breaks such a run (WB5, WB8-WB10) and always breaks between it and
 * that punctuation (what could join them, WB6-WB7 and WB11-WB12, needs a
 * letter or digit on the far side, and "_" is not taken): those words
 * are emitted as they are.  Every other chunk between white space goes
 * to libunistring (test-text checks the two ways agree). */
int
text_words(const char *s, size_t n, text_word_fn fn, void *ctx)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t i = 0, start, end, a, b, k;
	int rc = 0;

	while (i < n && rc == 0) {
		while (i < n && is_ascii_space(p[i]))
			i++;
		if (i == n)
			break;
		start = i;
		while (i < n && !is_ascii_space(p[i]))
			i++;
		end = i;
		/* The core, without ASCII punctuation at its ends. */
		for (a = start; a < end && p[a] < 0x80 && p[a] != '_' &&
		    !is_ascii_alnum(p[a]); a++)
			;
		for (b = end; b > a && p[b - 1] < 0x80 && p[b - 1] != '_' &&
		    !is_ascii_alnum(p[b - 1]); b--)
			;
		for (k = a; k < b && is_ascii_alnum(p[k]); k++)
			;
		if (k == b) {
			if (a < b)
				rc = fn(s + a, b - a, ctx);
			continue;
		}
		rc = chunk_words(p, start > 0 ? start - 1 : 0, start, end, fn,
		    ctx);
	}
	return rc;
}

/* A combining accent that search ignores: the generic diacritic blocks
 * shared by Latin, Greek and Cyrillic.  Marks that are letters of their
 * script (Devanagari vowel signs, Hebrew points) stay. */
static bool
is_generic_accent(ucs4_t uc)
{
	return (uc >= 0x0300 && uc <= 0x036f) ||
	    (uc >= 0x1ab0 && uc <= 0x1aff) || (uc >= 0x1dc0 && uc <= 0x1dff) ||
	    (uc >= 0x20d0 && uc <= 0x20ff) || (uc >= 0xfe20 && uc <= 0xfe2f);
}

static bool
is_token_char(ucs4_t uc)
{
	if (uc < 0x80)
		return (uc >= 'a' && uc <= 'z') || (uc >= 'A' && uc <= 'Z') ||
		    (uc >= '0' && uc <= '9');
	return uc_is_general_category(uc, UC_CATEGORY_L) ||
	    uc_is_general_category(uc, UC_CATEGORY_M) ||
	    uc_is_general_category(uc, UC_CATEGORY_N);
}

/* The key of one token (see text_tokens); *key is malloc'd. */
static size_t
token_key(const uint8_t *p, size_t n, uint8_t **key)
{
	uint8_t *folded, *kept, *composed;
	size_t i, nf = 0, nk = 0, nc = 0;
	ucs4_t uc;
	int len, c;

	for (i = 0; i < n && p[i] < 0x80; i++)
		;
	if (i == n) {
		/* ASCII, the common case: lower case is the whole fold. */
		*key = xmalloc(n + 1);
		for (i = 0; i < n; i++)
			(*key)[i] = (p[i] >= 'A' && p[i] <= 'Z') ? p[i] + 32 :
			    p[i];
		return n;
	}
	folded = u8_casefold(p, n, NULL, UNINORM_NFKD, NULL, &nf);
	if (folded == NULL) {
		*key = xmalloc(n + 1);
		memcpy(*key, p, n);
		return n;
	}
	kept = xmalloc(nf + 1);
	for (i = 0; i < nf; i += (size_t)len) {
		len = u8_mbtouc(&uc, folded + i, nf - i);
		if ((c = key_char(uc)) == KEY_KEEP && !is_generic_accent(uc)) {
			memcpy(kept + nk, folded + i, (size_t)len);
			nk += (size_t)len;
		} else if (c != KEY_KEEP && c != KEY_DROP)
			kept[nk++] = (uint8_t)c;
	}
	free(folded);
	composed = u8_normalize(UNINORM_NFC, kept, nk, NULL, &nc);
	if (composed == NULL) {
		*key = kept;
		return nk;
	}
	free(kept);
	*key = composed;
	return nc;
}

/* Emit the run [start, end) of token characters as tokens. */
static int
emit_run(const uint8_t *p, size_t start, size_t end, bool wide,
    text_token_fn fn, void *ctx)
{
	struct text_token t;
	uint8_t *key;
	char *breaks = NULL;
	size_t i, from;
	int rc = 0;

	/* Word boundaries fall inside a run of letters only where a script
	 * writes no spaces (CJK, kana): only runs with such characters pay
	 * for UAX #29. */
	if (wide) {
		breaks = xmalloc(end - start);
		u8_wordbreaks(p + start, end - start, breaks);
	}
	for (from = start, i = start + 1; rc == 0 && from < end; i++) {
		if (i < end && (breaks == NULL || !breaks[i - start]))
			continue;
		t.keylen = token_key(p + from, i - from, &key);
		t.key = (const char *)key;
		t.start = from;
		t.end = i;
		if (t.keylen > 0)
			rc = fn(&t, ctx);
		free(key);
		from = i;
	}
	free(breaks);
	return rc;
}

int
text_tokens(const char *s, size_t n, text_token_fn fn, void *ctx)
{
	const uint8_t *p = (const uint8_t *)s;
	struct text_token t;
	char small[64], *key;
	size_t i = 0, start, k;
	bool wide, ended;
	ucs4_t uc;
	int len = 1, rc = 0;

	while (i < n && rc == 0) {
		if (p[i] < 0x80 && !is_ascii_alnum(p[i])) {
			i++;
			continue;
		}
		/* A run of ASCII letters and digits, the common case: its
		 * key is its lower case, and no word boundary falls inside
		 * it (emit_run would find none). */
		start = i;
		while (i < n && is_ascii_alnum(p[i]))
			i++;
		/* Ended by ASCII, or by a character that is no part of a
		 * token (a curly apostrophe, a dash, a no-break space). */
		ended = i == n || p[i] < 0x80;
		if (i > start && !ended) {
			len = u8_mbtouc(&uc, p + i, n - i);
			ended = !is_token_char(uc) && !is_ignorable(uc);
		}
		if (i > start && ended) {
			key = i - start <= sizeof small ? small :
			    xmalloc(i - start);
			for (k = start; k < i; k++)
				key[k - start] = (char)(p[k] | 0x20);
			t.key = key;
			t.keylen = i - start;
			t.start = start;
			t.end = i;
			rc = fn(&t, ctx);
			if (key != small)
				free(key);
			continue;
		}
		/* Any other run of letters, marks and digits. */
		wide = false;
		for (i = start; i < n; i += (size_t)len) {
			len = u8_mbtouc(&uc, p + i, n - i);
			if (!is_token_char(uc) && !is_ignorable(uc))
				break;
			if (uc >= 0x2e80)
				wide = true;
		}
		if (i == start) {
			i += (size_t)len;	/* not a token character */
			continue;
		}
		rc = emit_run(p, start, i, wide, fn, ctx);
	}
	return rc;
}

size_t
text_width(const char *s)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t w = 0;
	ucs4_t uc;
	int len, cw;

	/* u8_strwidth counts a control character as 0 but stops at nothing
	 * else; summing uc_width lets a bad byte count as one cell. */
	while (*p != '\0') {
		len = u8_strmbtouc(&uc, p);
		if (len <= 0) {
			w++;
			p++;
			continue;
		}
		cw = uc_width(uc, "UTF-8");
		if (cw > 0)
			w += (size_t)cw;
		p += len;
	}
	return w;
}

char *
text_shorten(const char *s, size_t maxcols)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t n = strlen(s), w = 0, cut = 0, brk = 0, i;
	char *breaks = NULL, *out;
	ucs4_t uc;
	int len, cw;

	if (text_width(s) <= maxcols)
		return xstrdup(s);
	if (maxcols == 0)
		return xstrdup("");
	/* Find the longest prefix that leaves a cell for the ellipsis. */
	while (cut < n) {
		len = u8_mbtoucr(&uc, p + cut, n - cut);
		if (len <= 0)
			len = 1, uc = '?';
		cw = uc_width(uc, "UTF-8");
		if (cw < 0)
			cw = 0;
		if (w + (size_t)cw > maxcols - 1)
			break;
		w += (size_t)cw;
		cut += (size_t)len;
	}
	breaks = xmalloc(n);
	u8_wordbreaks(p, n, breaks);
	/* breaks[i] marks a boundary before byte i; prefer one at a space. */
	for (i = cut; i > 0 && i * 3 >= cut * 2; i--) {
		if (breaks[i] && (p[i] == ' ' || p[i - 1] == ' ')) {
			brk = i;
			break;
		}
	}
	free(breaks);
	if (brk == 0)
		brk = cut;
	while (brk > 0 && (p[brk - 1] == ' ' || p[brk - 1] == ',' ||
	    p[brk - 1] == ';' || p[brk - 1] == ':'))
		brk--;
	out = xmalloc(brk + sizeof "…");
	memcpy(out, s, brk);
	memcpy(out + brk, "…", sizeof "…");
	return out;
}

char *
text_squeeze(const char *s)
{
	const uint8_t *p = (const uint8_t *)s;
	char *out = xmalloc(strlen(s) + 1), *o = out;
	bool pending = false;
	ucs4_t uc;
	int len;

	/* The result is never longer than s: write it in place. */
	while (*p != '\0') {
		if (*p > ' ' && *p < 0x80) {
			if (pending)
				*o++ = ' ';
			pending = false;
			*o++ = (char)*p++;
			continue;
		}
		if (*p == ' ' || (*p >= '\t' && *p <= '\r')) {
			/* ASCII white space, as uc_is_space says. */
			pending = o > out;
			p++;
			continue;
		}
		len = u8_strmbtouc(&uc, p);
		if (len <= 0)
			len = 1, uc = *p;
		if (uc_is_space(uc) || uc == 0xA0 || uc == 0x202F ||
		    uc == 0x2007) {
			pending = o > out;
		} else {
			if (pending)
				*o++ = ' ';
			pending = false;
			memcpy(o, p, (size_t)len);
			o += len;
		}
		p += len;
	}
	*o = '\0';
	return out;
}

bool
text_is_upper(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + n;
	bool letter = false;
	ucs4_t uc;
	int len;

	while (p < end) {
		len = u8_mbtoucr(&uc, p, (size_t)(end - p));
		if (len <= 0)
			return false;
		if (uc_is_lower(uc))
			return false;
		if (uc_is_alpha(uc))
			letter = true;
		p += len;
	}
	return letter;
}

bool
text_starts_upper(const char *s)
{
	ucs4_t uc;

	if (u8_strmbtouc(&uc, (const uint8_t *)s) <= 0)
		return false;
	return uc_is_upper(uc) || uc_is_general_category(uc,
	    UC_CATEGORY_Lt);
}

/* Upper or title case, or a letter of a script without case. */
static bool
may_start_name(ucs4_t uc)
{
	return uc_is_upper(uc) || uc_is_general_category(uc,
	    UC_CATEGORY_Lt) || uc_is_general_category(uc, UC_CATEGORY_Lo);
}

bool
text_starts_name(const char *s)
{
	ucs4_t uc;

	return u8_strmbtouc(&uc, (const uint8_t *)s) > 0 && may_start_name(uc);
}

bool
text_starts_heading(const char *s)
{
	const uint8_t *p = (const uint8_t *)s;
	ucs4_t uc;
	int len;

	for (;;) {
		if ((len = u8_strmbtouc(&uc, p)) <= 0)
			return false;
		/* Opening quotes and brackets: “, «, ‘, (, [, 「. */
		if (!uc_is_general_category(uc, UC_CATEGORY_Pi) &&
		    !uc_is_general_category(uc, UC_CATEGORY_Ps) &&
		    uc != '"' && uc != '\'')
			break;
		p += len;
	}
	return may_start_name(uc) || uc_is_general_category(uc,
	    UC_CATEGORY_Nd);
}

/* The length of the apostrophe at p (', U+2019 or U+02BC), or 0. */
static size_t
apostrophe_len(const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;

	if (n >= 1 && u[0] == '\'')
		return 1;
	if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0x99)
		return 3;
	if (n >= 2 && u[0] == 0xCA && u[1] == 0xBC)
		return 2;
	return 0;
}

/* Longest elision kept apart: Italian "quell'", "dell'", "nell'". */
#define ELISION_MAX	5

/* Whether the n bytes at p start with an upper-case letter. */
static bool
starts_upper_n(const char *p, size_t n)
{
	ucs4_t uc;

	if (n == 0)
		return false;
	if ((unsigned char)*p < 0x80)
		return *p >= 'A' && *p <= 'Z';
	return u8_mbtouc(&uc, (const uint8_t *)p, n) > 0 && (uc_is_upper(uc) ||
	    uc_is_general_category(uc, UC_CATEGORY_Lt));
}

size_t
text_word_core(const char *w, size_t n, size_t *off)
{
	size_t i, k = 0;

	*off = 0;
	/* Most words have no apostrophe: no byte that can start one. */
	for (i = 0; i < n; i++)
		if (w[i] == '\'' || (unsigned char)w[i] == 0xE2 ||
		    (unsigned char)w[i] == 0xCA)
			break;
	if (i == n)
		return n;
	for (i = 0; i < n && i <= ELISION_MAX; i++)
		if ((k = apostrophe_len(w + i, n - i)) > 0 || w[i] < 'a' ||
		    w[i] > 'z')
			break;
	/* Two bytes at least after it: "can't" keeps its "can". */
	if (i > 0 && k > 0 && n - i - k >= 2) {
		*off = i + k;
		w += *off;
		n -= *off;
	}
	for (i = 1; i < n; i++) {
		if ((k = apostrophe_len(w + i, n - i)) == 0)
			continue;
		if (!starts_upper_n(w + i + k, n - i - k))
			return i;
		i += k - 1;	/* O'Brien */
	}
	return n;
}

size_t
text_charlen(const char *s)
{
	ucs4_t uc;
	int len = u8_strmbtouc(&uc, (const uint8_t *)s);

	return len > 0 ? (size_t)len : 1;
}

size_t
text_chars(const char *s)
{
	return u8_mbsnlen((const uint8_t *)s, strlen(s));
}

bool
text_chars_at_most(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return true;
	if (n / 4 > max)
		return false;
	return u8_mbsnlen((const uint8_t *)s, n) <= max;
}

static size_t
cell_width(ucs4_t uc)
{
	int w = uc_width(uc, "UTF-8");

	return w > 0 ? (size_t)w : 0;
}

/* Append lines for s[off..end) (no '\n' inside), breaking where the
 * break array allows and cutting words wider than width. */
static void
wrap_para(const char *s, size_t off, size_t end, const char *brk,
    size_t width, struct text_line **v, size_t *n, size_t *cap)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t start = off, i = off, w = 0, last = 0, lastw = 0;
	ucs4_t uc;
	int len;

	while (i < end) {
		len = u8_mbtouc(&uc, p + i, end - i);
		if (len <= 0)
			len = 1;
		if (i > start && brk[i - off] == UC_BREAK_POSSIBLE) {
			last = i;
			lastw = w;
		}
		if (w + cell_width(uc) > width && i > start) {
			/* A space may hang past the edge: break at it. */
			size_t cut = uc == ' ' ? i : last > start ? last : i;
			size_t cw = uc == ' ' ? w : last > start ? lastw : w;

			if (*n == *cap) {
				*cap = *cap ? *cap * 2 : 32;
				*v = xreallocarray(*v, *cap, sizeof **v);
			}
			/* Trailing spaces do not belong to the line. */
			(*v)[*n].off = start;
			(*v)[*n].len = cut - start;
			while ((*v)[*n].len > 0 && s[start + (*v)[*n].len - 1] ==
			    ' ') {
				(*v)[*n].len--;
				cw--;
			}
			(*v)[*n].width = cw;
			(*n)++;
			start = cut;
			while (start < end && s[start] == ' ')
				start++;
			i = start;
			w = 0;
			last = 0;
			continue;
		}
		w += cell_width(uc);
		i += (size_t)len;
	}
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		*v = xreallocarray(*v, *cap, sizeof **v);
	}
	(*v)[*n].off = start;
	(*v)[*n].len = end - start;
	(*v)[*n].width = w;
	(*n)++;
}

size_t
text_wrap(const char *s, size_t width, struct text_line **lines)
{
	struct text_line *v = NULL;
	size_t n = 0, cap = 0, off = 0, end, len = strlen(s);
	char *brk;

	if (width == 0)
		width = 1;
	for (off = 0; off <= len; off = end + 1) {
		const char *nl = memchr(s + off, '\n', len - off);

		end = nl ? (size_t)(nl - s) : len;
		brk = xmalloc(end - off + 1);
		if (end > off)
			u8_possible_linebreaks((const uint8_t *)s + off,
			    end - off, "UTF-8", brk);
		wrap_para(s, off, end, brk, width, &v, &n, &cap);
		free(brk);
		if (nl == NULL)
			break;
	}
	*lines = v;
	return n;
}

char *
text_ascii(const char *s)
{
	static const struct { ucs4_t uc; const char *ascii; } map[] = {
		{ 0x2018, "'" }, { 0x2019, "'" }, { 0x201A, "," },
		{ 0x201C, "\"" }, { 0x201D, "\"" }, { 0x201E, "\"" },
		{ 0x00AB, "<<" }, { 0x00BB, ">>" }, { 0x2039, "<" },
		{ 0x203A, ">" }, { 0x2010, "-" }, { 0x2011, "-" },
		{ 0x2012, "-" }, { 0x2013, "-" }, { 0x2014, "--" },
		{ 0x2015, "--" }, { 0x2026, "..." }, { 0x2022, "*" },
		{ 0x00B7, "." }, { 0x00A0, " " }, { 0x202F, " " },
		{ 0x2009, " " }, { 0x00A9, "(c)" }, { 0x00AE, "(R)" },
		{ 0x2122, "(TM)" }, { 0x00B0, "deg" }, { 0x20AC, "EUR" },
		{ 0x00A3, "GBP" }, { 0x00D7, "x" }, { 0x00DF, "ss" },
		{ 0x2032, "'" }, { 0x2033, "\"" }, { 0xFFFD, "?" },
	};
	const uint8_t *p = (const uint8_t *)s;
	struct strbuf b = { 0 };
	ucs4_t uc, base;
	size_t i;
	int len;

	strbuf_add(&b, "", 0);
	while (*p != '\0') {
		if (*p < 0x80) {
			strbuf_addc(&b, (char)*p++);
			continue;
		}
		len = u8_strmbtouc(&uc, p);
		if (len <= 0) {
			strbuf_addc(&b, '?');
			p++;
			continue;
		}
		p += len;
		for (i = 0; i < sizeof map / sizeof map[0]; i++)
			if (map[i].uc == uc)
				break;
		if (i < sizeof map / sizeof map[0]) {
			strbuf_adds(&b, map[i].ascii);
			continue;
		}
		if (uc_combining_class(uc) != 0)
			continue;	/* a mark: its base is already out */
		/* An accented letter: its canonical decomposition starts
		 * with the ASCII base ("é" is "e" + U+0301). */
		{
			ucs4_t dec[UC_DECOMPOSITION_MAX_LENGTH];
			int k = uc_canonical_decomposition(uc, dec);

			base = k > 0 ? dec[0] : uc;
		}
		strbuf_addc(&b, base < 0x80 ? (char)base : '?');
	}
	return strbuf_steal(&b);
}
