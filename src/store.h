/* store: the article cache, and the only module that speaks SQL.
 *
 * It owns the schema and its forward migrations (PRAGMA user_version), the
 * connection settings (WAL, synchronous=NORMAL, busy timeout, foreign
 * keys), transactions, the FTS5 index kept in step with articles and
 * captions, and every query the rest of lede needs.  SQLite result codes
 * never leave this module: functions return 0 on success and -1 on error
 * with a message in *err (caller frees), or STORE_ENOTFOUND where said.
 * It never prints and never includes curses. */
#ifndef LEDE_STORE_H
#define LEDE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct article;
struct query;
struct store;

#define STORE_ENOTFOUND		1	/* a lookup found no such article */
#define STORE_EBUSY		2	/* another process is writing; try later */
#define STORE_ESTOPPED		3	/* the caller's stop function said so */

/* The schema version this build writes. */
#define STORE_SCHEMA_VERSION	14

/* store_open flags */
#define STORE_CREATE		0x1	/* create the file (mode 0600) if absent */

/* Default cache path: $XDG_DATA_HOME/lede/cache.db, else
 * ~/.local/share/lede/cache.db.  With create, missing directories are made
 * with mode 0700.  Caller frees; NULL with *err when HOME is unknown or a
 * directory cannot be made. */
char *store_default_path(bool create, char **err);

/* Open (and with STORE_CREATE create) the cache at path, upgrading an
 * older schema in one transaction.  Refuses a newer schema, a file that is
 * not an SQLite database, and a database that is not a lede cache. */
int store_open(const char *path, int flags, struct store **out, char **err);
/* NULL-safe; rolls back an open transaction. */
void store_close(struct store *st);

/* Whether the cache may only be read (its file is not writable for this
 * user): every write then fails with a message that says so. */
bool store_readonly(const struct store *st);

/* The cache's schema version as found when opened (before upgrading). */
int store_opened_version(const struct store *st);

/* Batch transactions: BEGIN IMMEDIATE ... COMMIT.  Waiting for another
 * writer's lock lasts as long as that writer keeps committing, and 10 s
 * at most without a commit (see store_set_busy_timeout).  store_commit
 * leaves the lock free for a few ms, so that concurrent writers take
 * turns.  store_rollback is safe without a transaction. */
int store_begin(struct store *st, char **err);
int store_commit(struct store *st, char **err);
void store_rollback(struct store *st);

/* The transactions of a long run of writes (import, reindex).  A commit
 * costs about the same however many articles it holds: in a large
 * cache each dirties pages all over the postings, related lists and
 * indexes, and they are written whole (at 100,000 articles, 5,000 more
 * took 8.2 s in batches of 500, 6.2 s in batches of 2,000 and 5.5 s in
 * one; bench/RESULTS.md).  So the first batch is 500 articles, which
 * shows an open reader the first articles at once and keeps a small
 * run's commits as they were; later ones last 3 seconds, or 5,000
 * articles, whichever comes first.  The time bounds how long another
 * writer waits for the lock (its timeout is 10 s) and how much a crash
 * loses; the count bounds the write-ahead log.  Zero-initialise; set
 * every to commit every so many articles instead (for tests). */
struct store_batch {
	size_t		every;
	size_t		n;		/* articles in the open transaction */
	bool		committed;	/* once, in this run */
	struct timespec	start;
};

/* Begin a transaction unless one is open (a rollback closes it). */
int store_batch_begin(struct store *st, struct store_batch *b, char **err);
/* Count one more article written in b's transaction. */
void store_batch_count(struct store_batch *b);
/* Whether the open transaction is due for its commit. */
bool store_batch_due(const struct store *st, const struct store_batch *b);
/* Commit the open transaction, if any. */
int store_batch_commit(struct store *st, struct store_batch *b, char **err);

enum store_put {
	STORE_INSERTED,
	STORE_UPDATED,
	STORE_UNCHANGED,
};

/* Insert or update the article identified by (origin, guid), with its
 * captions and FTS entry.  digest identifies the content
 * (article_digest); an equal stored digest means STORE_UNCHANGED and
 * nothing is written.  Sets a->id.  Must run inside store_begin; on error
 * the article may be partly written, and the caller must store_rollback
 * the transaction (so that no partial article is ever committed). */
int store_article_put(struct store *st, struct article *a,
    const char *digest, enum store_put *result, char **err);

/* Test seam: make the n-th following store_article_put fail after it has
 * written part of the article (0 disables). */
void store_fail_put_after(struct store *st, unsigned n);

/* The article with this id, captions included; caller frees with
 * article_free.  STORE_ENOTFOUND when there is none. */
int store_article_get(struct store *st, int64_t id, struct article **out,
    char **err);

/* The article as the JSON object documented for "lede show --json";
 * caller frees *json.  STORE_ENOTFOUND when there is none. */
int store_article_json(struct store *st, int64_t id, char **json,
    char **err);

/* One row of a listing; the strings are borrowed for the callback's
 * duration only. */
struct store_row {
	int64_t		 id;
	const char	*origin;
	const char	*title;
	const char	*source;	/* NULL when unknown */
	int64_t		 published;	/* ARTICLE_UNDATED when unknown */
	bool		 is_read;
	bool		 is_starred;
	const char	*json;		/* the row as "lede list --json" */
};

/* Return non-zero to stop the listing early (that value is returned). */
typedef int (*store_row_fn)(const struct store_row *row, void *ctx);

struct store_list_query {
	const struct query *filter;	/* query.h; NULL: every article */
	int64_t		 limit;		/* 0 = no limit */
	bool		 fold;		/* one row per duplicate cluster */
};

/* Call fn for each matching article, newest first (undated articles by
 * their import time), streaming: memory does not grow with the cache.
 * Folded, a cluster shows as its oldest member that matches. */
int store_list(struct store *st, const struct store_list_query *q,
    store_row_fn fn, void *ctx, char **err);

/* Hits in a snippet are between these bytes, which stored text never
 * holds (the importer removes control characters). */
#define STORE_HIT_ON	'\001'
#define STORE_HIT_OFF	'\002'

struct store_hit {
	int64_t		 id;
	const char	*title;
	const char	*source;	/* NULL when unknown */
	int64_t		 published;	/* ARTICLE_UNDATED when unknown */
	double		 score;		/* higher is better; 0 without words */
	const char	*snippet;	/* with STORE_HIT_ON/OFF; "" without
					   words */
	const char	*json;		/* as "lede search --json" prints it */
};

typedef int (*store_hit_fn)(const struct store_hit *h, void *ctx);

/* Search: the articles matching q->filter, best first by bm25 (title
 * hits weigh most) raised for articles near the newest in the cache;
 * by date when the query requires no word. */
int store_search(struct store *st, const struct store_list_query *q,
    store_hit_fn fn, void *ctx, char **err);

struct store_stats {
	int64_t	articles;
	int64_t	unread;
	int64_t	starred;
	int64_t	sources;
	int64_t	captions;
	int64_t	undated;
	int64_t	oldest;		/* ARTICLE_UNDATED when no dated article */
	int64_t	newest;
	int64_t	bytes;		/* database pages in use, in bytes */
	int	schema;
};

int store_stats(struct store *st, struct store_stats *out, char **err);
/* What a problem that store_check finds has damaged, and so what
 * repairs it. */
enum store_damage {
	STORE_DAMAGE_FILE,	/* the database file: no lede command */
	STORE_DAMAGE_SEARCH,	/* the full-text index: store_fts_rebuild */
	STORE_DAMAGE_DERIVED,	/* the word list and similarity data:
				 * store_terms_fill and a reindex */
};

/* Check the cache: SQLite's integrity check, the full-text index against
 * the articles, and that every article has its similarity data.  Calls fn
 * with each problem found (at most 100) and returns their number, or -1
 * with *err when the check itself could not run. */
typedef void (*store_problem_fn)(enum store_damage what,
    const char *problem, void *ctx);
int store_check(struct store *st, store_problem_fn fn, void *ctx,
    char **err);

/* Build the full-text index again from the articles, in one
 * transaction, then complete the word list (store_terms_fill). */
int store_fts_rebuild(struct store *st, char **err);

/* The same figures as the JSON object of "lede stats --json". */
int store_stats_json(struct store *st, char **json, char **err);

/* s as a JSON string literal, quoted and escaped by SQLite's JSON1;
 * caller frees *out. */
int store_json_quote(struct store *st, const char *s, char **out,
    char **err);

/* The text of article id around the hits of filter's words, with the
 * hits between STORE_HIT_ON and STORE_HIT_OFF; *out is NULL when the
 * filter has no words or the article does not match them.  Caller
 * frees. */
int store_snippet(struct store *st, const struct query *filter, int64_t id,
    char **out, char **err);

/* ---- the reader's queries ----------------------------------------------
 * Pages of the article list by keyset: the list is ordered by (sort_time,
 * id) descending, and a page is the rows after (or before) a key, so a
 * keypress costs an index seek and a screenful of rows whatever the size
 * of the cache. */

/* A position in the list. */
struct store_key {
	int64_t	time;	/* sort_time: published, else imported */
	int64_t	id;
};

struct store_page_row {
	struct store_key key;
	int64_t		 id;
	int64_t		 published;	/* ARTICLE_UNDATED when unknown */
	const char	*title;
	const char	*source;	/* NULL when unknown */
	bool		 is_read;
	bool		 is_starred;
	int64_t		 cluster;	/* 0 when in no cluster */
	int64_t		 copies;	/* cluster members folded into this
					   row (0 when not folded) */
	bool		 copies_unread;	/* folded: one of them is unread */
};

typedef int (*store_page_fn)(const struct store_page_row *r, void *ctx);

struct store_page_query {
	const struct store_key *from;	/* NULL: from the newest */
	bool		 inclusive;	/* include the row at from */
	bool		 older;		/* true: towards older articles */
	int		 limit;
	bool		 fold;		/* one row per duplicate cluster */
	const struct query *filter;	/* query.h; NULL: every article */
	bool		 unread_only;
};

/* The list position of article id.  STORE_ENOTFOUND if none. */
int store_article_key(struct store *st, int64_t id, struct store_key *key,
    char **err);

/* The row that stands for article id's duplicate cluster in a folded
 * list under filter (NULL: every article): the oldest member the filter
 * takes.  STORE_ENOTFOUND if id is in no cluster, or the filter takes
 * none of it. */
int store_fold_head(struct store *st, int64_t id, const struct query *filter,
    int64_t *head, char **err);

/* Rows of the list from q->from in q->older's direction, at most
 * q->limit, nearest first.  A folded cluster shows as its oldest member
 * with the count of the others, and whether one of them is unread. */
int store_list_page(struct store *st, const struct store_page_query *q,
    store_page_fn fn, void *ctx, char **err);

/* Mark an article read or unread, starred or not.  With cluster, the
 * other members of its duplicate cluster get the same read mark.
 * *changed (if not NULL) is set to the number of articles whose read
 * mark changed.  STORE_EBUSY (no message) when another process holds
 * the write lock longer than the busy timeout. */
int store_set_read(struct store *st, int64_t id, bool read, bool cluster,
    int64_t *changed, char **err);
int store_set_starred(struct store *st, int64_t id, bool starred,
    char **err);
/* Mark every article that filter f takes (NULL: every article) read or
 * unread, in one statement; *changed (if not NULL) is set to the number
 * whose mark changed.  STORE_EBUSY as store_set_read. */
int store_mark_matches(struct store *st, const struct query *f, bool read,
    int64_t *changed, char **err);

/* Ready the connection for a long run of writes (import, reindex): a
 * page cache of 64 MB instead of SQLite's 2 MB, and a checkpoint every
 * 32 MB of log instead of every 4 MB.  At 100,000 articles this halves
 * the time spent in the kernel reading and rewriting pages. */
void store_bulk(struct store *st);

/* Merge the full-text index into one segment.  Imports add segments
 * (37 after 200,000 articles), and a search that tests articles one by
 * one reads each of them per article: a common word's first page took
 * 45 M instructions on that cache, 7 M once merged (the merge: 13 s). */
int store_optimize(struct store *st, char **err);

/* Wait at most ms for another process's lock before STORE_EBUSY (or
 * an error), however busy the other writer is: the reader keeps this
 * short, so it never freezes. */
void store_set_busy_timeout(struct store *st, int ms);

/* A number that changes whenever another connection commits to the
 * cache (PRAGMA data_version): cheap enough to ask every second. */
int64_t store_data_version(struct store *st);

/* Number of articles and of unread ones (index-only scans). */
int store_counts(struct store *st, int64_t *articles, int64_t *unread,
    char **err);

/* Number of articles that filter f takes (NULL: every article), and of
 * unread ones among them, copies of a story each counted.  That reads
 * every match: stop, when not NULL, is asked every few thousand steps of
 * the count and ends it with STORE_ESTOPPED (no message) when it returns
 * true, so that the reader counts while no key waits. */
int store_count_matches(struct store *st, const struct query *f,
    bool (*stop)(void *), void *ctx, int64_t *articles, int64_t *unread,
    char **err);

/* ---- similarity data -----------------------------------------------------
 * Kept for the similarity engine (similar.h says what the values mean);
 * all of it is written inside the import's transactions. */

/* Document frequency of a term and the number of articles with a
 * signature, including changes not yet committed. */
uint32_t store_sim_df(struct store *st, uint64_t term);
int store_sim_ndocs(struct store *st, uint64_t *n, char **err);
/* Count an article's distinct terms in (delta 1) or out (-1), with the
 * article count; written at store_commit, dropped by store_rollback. */
void store_sim_df_add(struct store *st, const uint64_t *terms, size_t n,
    int delta);

/* The stored signature and posting keys of an article (caller frees
 * both; keys may be NULL when not wanted).  STORE_ENOTFOUND if none. */
int store_sim_sig(struct store *st, int64_t id, void **sig, size_t *siglen,
    void **keys, size_t *keyslen, char **err);
/* Store an article's signature and its posting keys under day. */
int store_sim_put(struct store *st, int64_t id, int32_t day, const void *sig,
    size_t siglen, const int64_t *keys, size_t nkeys, char **err);
/* Remove an article's signature, postings and related entries (both
 * directions), before it is indexed again. */
int store_sim_forget(struct store *st, int64_t id, char **err);

/* Called once per posting found; return non-zero to stop. */
typedef int (*store_cand_fn)(int64_t id, int64_t key, void *ctx);

/* Articles posted under each key: the per_key newest within day +-
 * window (and the undated), or on any day for an undated article and
 * for shingle keys (negative). */
int store_sim_candidates(struct store *st, const int64_t *keys, size_t nkeys,
    int32_t day, int32_t window, int per_key, store_cand_fn fn, void *ctx,
    char **err);

/* Put other in id's related list, which the caller knows has room (the
 * list of an article being indexed, written best first). */
int store_related_add(struct store *st, int64_t id, int64_t other,
    double score, const char *label, char **err);
/* Put other in id's related list and keep only its best keep entries. */
int store_related_put(struct store *st, int64_t id, int64_t other, double score,
    const char *label, int keep, char **err);
/* Put a and b (and their clusters) in one duplicate cluster, named by
 * the smallest article id among them. */
int store_cluster_join(struct store *st, int64_t a, int64_t b, char **err);

/* Add to the list of index words (which prefix search reads) any that
 * the full-text index has and the list lacks: the repair for the
 * problem store_check names. */
int store_terms_fill(struct store *st, char **err);

/* Forget all similarity data (for a reindex), inside a transaction. */
int store_sim_clear(struct store *st, char **err);
/* Every article id, oldest first; caller frees *ids. */
int store_article_ids(struct store *st, int64_t **ids, size_t *n,
    char **err);

struct store_related_row {
	int64_t		 id;
	double		 score;
	const char	*label;
	const char	*title;
	const char	*source;
	int64_t		 published;
	int64_t		 cluster;	/* its cluster of copies, 0: none */
	const char	*json;	/* as "lede related --json" prints it */
};

typedef int (*store_related_fn)(const struct store_related_row *r,
    void *ctx);

/* An article's stored related list, best first. */
int store_related(struct store *st, int64_t id, int64_t limit,
    store_related_fn fn, void *ctx, char **err);

struct store_dupe_row {
	int64_t		 cluster;
	int64_t		 id;
	const char	*title;
	const char	*source;
	int64_t		 published;
	const char	*json;
};

typedef int (*store_dupe_fn)(const struct store_dupe_row *r, void *ctx);

/* Members of every duplicate cluster, cluster by cluster. */
int store_dupes(struct store *st, store_dupe_fn fn, void *ctx, char **err);

#endif
