/* query: the search and filter language, parsed into parameterised SQL.
 *
 * A query is words, phrases and filters combined with AND (implied), OR,
 * NOT / -term and parentheses:
 *
 *   kuleba "nord stream" sanction*   title:peskov caption:kremlin
 *   source:ap since:2022-01-27 until:-7d on:today age:<3d
 *   unread starred has:captions lang:en label:rewrite   (a or b) -c
 *
 * query_parse reads the text with a tokenizer and a recursive-descent
 * parser and compiles it into two parts the store splices into its own
 * statements: an FTS5 expression for the words every result must contain
 * (what bm25 ranks and snippets show), and an SQL condition over the
 * articles table "a" for everything else.  User text only ever reaches
 * SQLite as bound values (named parameters ":q1", ":q2", ...): the SQL
 * text is made of fixed fragments, and inside FTS5 expressions every word
 * is a quoted string.  Words are split and folded by text_tokens, as the
 * index is.  Knows nothing of SQLite's API or the terminal: it executes
 * nothing. */
#ifndef LEDE_QUERY_H
#define LEDE_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct query;

/* The largest query: NOT, - and parentheses nested this deep, this many
 * terms.  Beyond them query_parse says so instead of recursing on. */
#define QUERY_MAX_DEPTH	100
#define QUERY_MAX_TERMS	500

/* A value bound to the parameter named ":q<index+1>". */
struct query_param {
	bool		 is_text;
	const char	*text;
	int64_t		 num;
};

/* A word to highlight in a result: the key of text_tokens, and whether
 * it was a prefix ("sanction*"). */
struct query_term {
	const char	*key;
	bool		 prefix;
};

/* The outlet name that an alias stands for in source: ("Associated
 * Press" for "AP", from data/sources as the importer reads it), or
 * NULL. */
typedef const char *(*query_source_fn)(const char *alias, void *ctx);

/* What a query is read against besides its text. */
struct query_env {
	int64_t		 now;		/* anchors "since:-7d", "age:<3d" */
	query_source_fn	 source;	/* NULL: no aliases */
	void		*source_ctx;
};

/* Parse text (UTF-8) into *out, in env (NULL: time 0, no aliases).  On
 * a syntax error returns -1 with *err naming the offending token and its
 * column (caller frees) and *column set to it (1-based, in
 * characters). */
int query_parse(const char *text, const struct query_env *env,
    struct query **out, size_t *column, char **err);
void query_free(struct query *q);

/* The FTS5 expression every result matches (bound as ":qm"), or NULL when
 * the query requires no word (only filters, or words only under OR with a
 * filter, or negated). */
const char *query_match(const struct query *q);
/* The SQL condition over articles "a" (and only that alias): "1" when
 * the query has no other part. */
const char *query_where(const struct query *q);

/* Whether the filter can only match articles dated in [*from, *to)
 * (since:, until:, on:, has:date on every branch; INT64_MIN and
 * INT64_MAX for no bound): a search then walks those dates alone, and
 * leaves out the undated articles, which sort by their import time. */
bool query_dated(const struct query *q, int64_t *from, int64_t *to);
/* The parameters of query_where, in order. */
const struct query_param *query_params(const struct query *q, size_t *n);
/* The words a result is shown for, to highlight (not negated ones). */
const struct query_term *query_terms(const struct query *q, size_t *n);

#endif
