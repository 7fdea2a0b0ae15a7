/* article: the in-memory article model shared by the importer, the store,
 * the similarity engine and the reader.  Plain data and its lifecycle; no
 * I/O.  All strings are NFC UTF-8 already sanitised by the importer; an
 * absent optional field is NULL, never "". */
#ifndef LEDE_ARTICLE_H
#define LEDE_ARTICLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* published/imported value meaning "no date known". */
#define ARTICLE_UNDATED INT64_MIN

/* The list orders articles by their date, else their import time, kept
 * within +-2^34 s (the year 2514) so that the full-text index's key
 * holds it; a date beyond sorts at the limit. */
#define ARTICLE_SORT_MAX 17179869183
#define ARTICLE_SORT_MIN (-ARTICLE_SORT_MAX - 1)

struct caption {
	char	*text;		/* never NULL */
	char	*credit;	/* NULL when the caption names none */
};

struct article {
	int64_t	 id;		/* store row id; 0 before it is stored */
	char	*origin;	/* absolute file path or feed URL */
	char	*guid;		/* feed item id; NULL for files */
	char	*url;
	char	*title;		/* never NULL once parsed */
	char	*dek;		/* summary under the headline */
	char	*byline;	/* names only, "By" and outlet removed */
	char	*dateline;	/* "MOSCOW", "KYIV, Ukraine" */
	char	*source;	/* outlet name, canonical form */
	char	*language;	/* ISO 639-1 code, e.g. "en" */
	char	*body;		/* paragraphs separated by "\n\n" */
	int64_t	 published;	/* Unix time UTC, ARTICLE_UNDATED if unknown */
	int64_t	 imported;	/* Unix time UTC of the first import */
	bool	 is_read;
	bool	 is_starred;
	struct caption *captions;
	size_t	 ncaptions;
};

/* An empty article (all NULL, undated); caller frees with article_free. */
struct article *article_new(void);
/* Deep copy; caller frees with article_free. */
struct article *article_dup(const struct article *a);
/* NULL-safe. */
void article_free(struct article *a);

/* Append a caption (copies both strings; credit may be NULL). */
void article_add_caption(struct article *a, const char *text,
    const char *credit);

/* A 64-bit digest of every field the importer derives from the source
 * text (not id, read/starred or imported), as 16 hex digits in out[17].
 * Two parses of the same input give the same digest, so an unchanged
 * re-import can be recognised without rewriting anything. */
void article_digest(const struct article *a, char out[17]);

/* Whether s is a language code as articles carry them: two or three
 * lower-case ASCII letters, the name of a stopword list ("en"). */
bool article_is_language(const char *s);

/* t (published or imported) as YYYY-MM-DD, UTC, in out[11]; "" when
 * ARTICLE_UNDATED. */
void article_date(int64_t t, char out[11]);

/* The article as plain text, as "lede show" prints it and the reader
 * pipes it: title, dek, byline, dateline, outlet and date, body,
 * captions.  Control and format characters removed.  Caller frees. */
char *article_text_new(const struct article *a);

/* Number of paragraphs in the body. */
size_t article_paragraphs(const struct article *a);

#endif
