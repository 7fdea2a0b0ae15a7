/* text: every Unicode operation lede performs, as thin wrappers around
 * libunistring: UTF-8 repair, NFC normalisation, case folding, display
 * width, word-boundary shortening and the control/escape sanitiser that is
 * the single choke point for untrusted text.  Knows nothing of curses,
 * SQLite or articles; all strings in and out are NUL-terminated UTF-8 and
 * every returned char * is the caller's to free. */
#ifndef LEDE_TEXT_H
#define LEDE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Called once per input line that held invalid UTF-8 (line is 1-based). */
typedef void (*text_bad_fn)(size_t line, void *ctx);

/* Copy n bytes of s as valid UTF-8, replacing each invalid or truncated
 * sequence (overlong forms and encoded surrogates included) with U+FFFD.
 * NUL bytes are kept as U+FFFD too, so the result is a C string.  Returns
 * the number of replacements; *out is the caller's. */
size_t text_repair_utf8(const char *s, size_t n, char **out,
    text_bad_fn bad, void *ctx);

/* Sanitiser flags. */
#define TEXT_KEEP_NEWLINES	0x1	/* keep '\n' (else it becomes a space) */
#define TEXT_STRICT		0x2	/* also drop zero-width/format characters
					   but ZWNJ (for the terminal, not
					   for storage) */

/* Neutralise text that will be stored or shown: remove ESC sequences (CSI,
 * OSC, DCS, SOS, PM, APC, the screen/tmux window name ESC k, two-byte
 * escapes) in their 7- and 8-bit forms, the remaining C0 and C1 controls
 * and DEL, bidi embedding, override and isolate controls and U+FEFF; a
 * tab becomes a space.  s must be valid UTF-8 (see text_repair_utf8). */
char *text_sanitize(const char *s, int flags);

/* s for a message on a terminal, as ls -q shows file names: invalid
 * UTF-8 becomes U+FFFD, and each C0 control (newline and tab too), DEL,
 * C1 control and bidi control becomes '?', so that a hostile file name
 * shows what it holds without acting on the terminal or faking a line. */
char *text_printable(const char *s);

/* json, a valid JSON text, with each DEL, C1 control, bidi control and
 * U+2028/U+2029 written as a \uXXXX escape and each invalid UTF-8 byte
 * as \ufffd.  JSON allows those characters raw inside strings, where a
 * terminal showing the output would act on them; outside strings they
 * cannot occur, so the result is the same JSON value, made safe. */
char *text_json_escape(const char *json);

/* NFC-normalise s. */
char *text_nfc(const char *s);

/* Full Unicode case fold of s (NFKC-normalised), for comparisons. */
char *text_fold(const char *s);

/* The key of the word in the n bytes at s, for the similarity engine and
 * its word lists: case-folded and NFKC-normalised ("Straße" and
 * "STRASSE" are "strasse", "ﬁre" is "fire"), with the decimal digits of
 * every script as ASCII ("٢٠٢٥" and "２０２５" are "2025"), a dotless ı as
 * i, and without the invisible characters text_tokens ignores.  ASCII is
 * only lower-cased, with no call into libunistring. */
char *text_word_key(const char *s, size_t n);

/* Called for each word; return non-zero to stop the walk. */
typedef int (*text_word_fn)(const char *word, size_t n, void *ctx);

/* Split the n bytes at s at Unicode word boundaries (UAX #29, through
 * libunistring) and call fn for each segment that starts with a letter
 * or digit (so spaces and punctuation are skipped; an ideograph is a word
 * of its own).  Returns what fn last returned, or 0. */
int text_words(const char *s, size_t n, text_word_fn fn, void *ctx);

/* One search token: the bytes [start, end) of the text, and its key, the
 * form under which it is indexed and matched. */
struct text_token {
	const char	*key;
	size_t		 keylen;
	size_t		 start;
	size_t		 end;
};

/* Called for each token; return non-zero to stop the walk. */
typedef int (*text_token_fn)(const struct text_token *t, void *ctx);

/* Split the n bytes at s into search tokens: runs of letters, marks and
 * digits, also cut at every Unicode word boundary (UAX #29), so that each
 * CJK ideograph is a token and "Kuleba's" gives "kuleba" and "s".  A
 * key is compatibility-decomposed and fully case-folded with the generic
 * combining accents removed, then composed again: "ZÜRICH", "Zürich" in NFC
 * or NFD, "zurich", "Straße" and "STRASSE", "ＡＢＣ" and "abc" all meet.
 * The decimal digits of every script are ASCII in a key ("٨٥٠٠" is
 * "8500"), and a Turkish dotless ı is an i ("ISLAK" and "ıslak" meet).
 * Invisible characters (Unicode's default-ignorable ones: a soft hyphen,
 * a word joiner, a zero-width space) neither cut a token nor enter its
 * key, as the reader shows none of them.  Returns what fn last returned,
 * or 0. */
int text_tokens(const char *s, size_t n, text_token_fn fn, void *ctx);

/* Display width of s in terminal cells (CJK and emoji 2, combining 0). */
size_t text_width(const char *s);

/* s shortened to at most maxcols cells, cut at a word boundary where one
 * exists in the last third, with "…" appended when anything was cut. */
char *text_shorten(const char *s, size_t maxcols);

/* Whitespace runs (Unicode spaces included) collapsed to one ASCII space,
 * leading and trailing whitespace removed.  '\n' is whitespace too. */
char *text_squeeze(const char *s);

/* One line of wrapped text: a byte range of the wrapped string. */
struct text_line {
	size_t	off;
	size_t	len;
	size_t	width;	/* in cells */
};

/* Wrap s (sanitised, newlines allowed) to lines of at most width cells
 * at Unicode line-break opportunities (UAX #14, through libunistring);
 * a word wider than the line is cut between characters.  Each '\n'
 * ends a line; an empty paragraph gives an empty line.  Returns the
 * number of lines and sets *lines (caller frees), never NULL. */
size_t text_wrap(const char *s, size_t width, struct text_line **lines);

/* s for a terminal that cannot show UTF-8: typographic quotes, dashes
 * and spaces become their ASCII look-alikes, accented letters lose
 * their accents, anything else becomes '?'. */
char *text_ascii(const char *s);

/* True when the n bytes at s contain a letter and none is lower case. */
bool text_is_upper(const char *s, size_t n);

/* True when the character starting at s is an upper-case letter. */
bool text_starts_upper(const char *s);

/* True when the character starting at s may begin a name: an upper- or
 * title-case letter, or a letter of a script without case (Arabic,
 * CJK).  "By the way" and "By 2030" are no bylines. */
bool text_starts_name(const char *s);

/* True when s starts as a heading may in any script: after opening
 * quotes or brackets, an upper- or title-case letter, a letter of a
 * script without case (CJK, Arabic, Hebrew, Thai...) or a digit.  Lower
 * case does not: such a line continues a sentence. */
bool text_starts_heading(const char *s);

/* The part of the word w (n bytes, one word of text_words) that names
 * it, as an offset and a length: an apostrophe that UAX #29 keeps inside
 * a word joins a clitic to it.  A short lower-case elision goes ("l'Etat"
 * and "dell'Italia" are Etat and Italia), and so does what follows an
 * apostrophe unless it starts with a capital ("Russia's", "Ankara'da"
 * and "don't" are Russia, Ankara and don; "O'Brien's" is O'Brien).  So
 * the forms of a name meet in every language that writes them so. */
size_t text_word_core(const char *w, size_t n, size_t *off);

/* Byte length of the UTF-8 character at s (1 for a bad or NUL byte). */
size_t text_charlen(const char *s);

/* The characters of the UTF-8 string s (a bad byte counts as one). */
size_t text_chars(const char *s);

/* text_chars(s) <= max, without counting when the byte length decides
 * (a character takes one to four bytes): paragraphs are checked against
 * length limits by the thousand. */
bool text_chars_at_most(const char *s, size_t max);

#endif
