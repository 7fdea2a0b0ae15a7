/* import: turning files into stored articles.
 *
 * import_text.c owns the plain-text (seed format) parser: bytes in, one
 * struct article out, plus the data-driven rules it applies (boilerplate
 * patterns, outlet aliases, stopwords for language detection), which live
 * in files under the data directory so users can extend them.  It never
 * touches SQL.  import.c owns the batch driver: walking paths, size and
 * binary checks, progress, batching into the store, and the summary. */
#ifndef LEDE_IMPORT_H
#define LEDE_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct article;
struct store;

/* Files larger than this are refused unless the caller sets another
 * limit; no real article comes close. */
#define IMPORT_MAX_BYTES_DEFAULT (4u * 1024 * 1024)

struct import_rules;

/* Load the rules from datadir (files "boilerplate", "sources" and
 * "stopwords/<lang>"); extra, when not NULL and present, is a user file of
 * further boilerplate patterns.  On error returns -1 and sets *err to a
 * message naming file and line; the caller frees *err. */
int import_rules_load(const char *datadir, const char *extra,
    struct import_rules **out, char **err);
void import_rules_free(struct import_rules *r);

/* Load only the outlet names and aliases (datadir/sources), for
 * import_rules_source: what "source:" of a query needs, without the
 * cost of the rest.  As import_rules_load otherwise. */
int import_sources_load(const char *datadir, struct import_rules **out,
    char **err);

/* The stopwords and weekday names the rules loaded, for the similarity
 * engine; borrowed from r. */
struct sim_lexicon;
const struct sim_lexicon *import_rules_lexicon(const struct import_rules *r);

/* Canonical outlet name for name or alias (e.g. "AP"), or NULL when the
 * rules do not know it.  Borrowed from r. */
const char *import_rules_source(const struct import_rules *r,
    const char *name);

/* Receives one warning, already prefixed with "label:line: ". */
typedef void (*import_warn_fn)(const char *msg, void *ctx);

/* Parse len bytes of one plain-text article.  label names the input in
 * messages (normally its path).  On success returns 0 and *out, an article
 * without origin, id or imported time (caller frees with article_free);
 * recoverable oddities (invalid UTF-8, an impossible header date such as
 * 2024-02-30) go to warn; a header that is not a date is article text.
 * Returns -1 with *err set for input that is not an article: empty,
 * binary (NUL bytes), or nothing left after boilerplate removal. */
int import_text_parse(const struct import_rules *r, const char *label,
    const char *buf, size_t len, struct article **out,
    import_warn_fn warn, void *ctx, char **err);

/* Counters for one import run. */
struct import_stats {
	size_t	imported;
	size_t	updated;
	size_t	unchanged;
	size_t	failed;
	size_t	warnings;
};

struct import_opts {
	const char	*source;	/* --source: outlet for every article */
	size_t		 max_bytes;	/* 0 = IMPORT_MAX_BYTES_DEFAULT */
	size_t		 batch;		/* articles per transaction, 0 = by time */
	bool		 progress;	/* draw a progress line on stderr */
	int64_t		 now;		/* import time (Unix); seam for tests */
	import_warn_fn	 warn;		/* per-file problems; NULL = stderr */
	void		*ctx;
};

/* The files to import, found by import_scan. */
struct import_files;

/* Find every regular file under each of paths (directories recursively,
 * in name order, hidden entries skipped), without reading them.  stats
 * starts at zero; a path that cannot be read is reported through
 * opts->warn and counted as failed.  Never NULL; the caller frees it
 * with import_files_free, and keeps paths until then. */
struct import_files *import_scan(char *const *paths, size_t npaths,
    const struct import_opts *opts, struct import_stats *stats);
size_t import_files_count(const struct import_files *f);
void import_files_free(struct import_files *f);

/* Opens (and creates) the cache an import writes to. */
typedef int (*import_open_fn)(struct store **st, void *ctx, char **err);

/* Import the files import_scan found into *st, adding to stats.  When
 * *st is NULL, open is called for it once the first article has been
 * read, so that an import whose every file is refused creates no cache;
 * the caller closes *st.  Problems with single files are reported
 * through opts->warn and counted as failed; the rest goes on.  Returns 0
 * when the store stayed usable (check stats->failed), -1 with *err on a
 * store error, after rolling back the batch in progress. */
int import_files(struct store **st, import_open_fn open, void *open_ctx,
    const struct import_rules *r, const struct import_files *f,
    const struct import_opts *opts, struct import_stats *stats,
    char **err);

#endif
