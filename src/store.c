/* store: schema, migrations, transactions and queries over SQLite.
 *
 * Articles are keyed by (origin, guid): a file's absolute path with an
 * empty guid, or later a feed URL and its item id.  The FTS5 index uses
 * external content (a view joining articles and their captions) so the
 * text is stored once; the index is maintained here, in the same
 * transaction as the rows, with FTS5's 'delete' command fed from that same
 * view before each change.  All statements are prepared once per
 * connection. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "article.h"
#include "i18n.h"
#include "query.h"
#include "store.h"
#include "text.h"
#include "util.h"

/* 'lede' in ASCII: marks the file as ours for file(1) and for store_open. */
#define APPLICATION_ID	0x6c656465

/* The full-text index's key of an article (schema 8): its sort_time
 * times KEY_SCALE (2^28) plus its id, so that the index walks in date
 * order.  An article's id is its key's low bits; sort_time, published
 * or else imported, is kept within +-2^34 s so the key fits.  Written
 * once, as numbers that C and SQL both read (STR). */
#define KEY_SCALE	268435456
#define FTS_ID_MAX	(KEY_SCALE - 1)
#define SORT_TIME_MAX	ARTICLE_SORT_MAX
#define SORT_TIME_MIN	ARTICLE_SORT_MIN
#define STR_(x)		#x
#define STR(x)		STR_(x)
#define FTS_ID(key)	((key) & FTS_ID_MAX)
#define SQL_FTS_ID(e)	"((" e ") & " STR(FTS_ID_MAX) ")"
#define SQL_KEY(time, id) "(" time " * " STR(KEY_SCALE) " + " id ")"
#define SQL_CLAMP_TIME(t) \
	"max(" STR(SORT_TIME_MIN) ", min(" STR(SORT_TIME_MAX) ", " t "))"
#define SORT_TIME(imported) SQL_CLAMP_TIME("coalesce(?9, " imported ")")

/* The lowest key of an article of sort_time t or later. */
static int64_t
key_at(int64_t t)
{
	if (t < SORT_TIME_MIN)
		t = SORT_TIME_MIN;
	if (t > SORT_TIME_MAX)
		t = SORT_TIME_MAX;
	return t * KEY_SCALE;
}

/* The text of each article's captions for the full-text index. */
#define FTS_CAPTIONS \
	"    (SELECT group_concat(c.text || ifnull(' ' || c.credit, '')," \
	"       char(10)) FROM (SELECT text, credit FROM captions" \
	"       WHERE article_id = a.id ORDER BY position) c)"

enum stmt_id {
	S_FIND,
	S_INSERT,
	S_UPDATE,
	S_DEL_CAPTIONS,
	S_ADD_CAPTION,
	S_FTS_SRC,
	S_KEY_OF,
	S_KEY_SPAN,
	S_NEWEST_DATED,
	S_FTS_DELETE,
	S_FTS_INSERT,
	S_SOURCE_ADD,
	S_SOURCE_ID,
	S_GET,
	S_GET_CAPTIONS,
	S_JSON,
	S_SIG_GET,
	S_RELATED,
	S_DATA_VERSION,
	S_SIG_PUT,
	S_SIG_DEL,
	S_POST_ADD,
	S_POST_DEL,
	S_CAND_WINDOW,
	S_CAND_UNDATED,
	S_CAND_ALL,
	S_DF_GET,
	S_DF_ADD,
	S_META_GET,
	S_META_ADD,
	S_REL_PUT,
	S_REL_LIST,
	S_REL_DEL,
	S_REL_FORGET,
	S_CLUSTER_LEAVE,
	S_CLUSTER_LONE,
	S_CLUSTER_GET,
	S_CLUSTER_ONE,
	S_CLUSTER_SET,
	S_TERM_ADD,
	S_TERM_PREFIX,
	S_COUNT
};

static const char *const stmt_sql[S_COUNT] = {
	[S_FIND] = "SELECT id, content_hash FROM articles"
	    " WHERE origin = ?1 AND guid = ?2",
	[S_INSERT] = "INSERT INTO articles(source_id, origin, guid, url, title,"
	    " dek, byline, dateline, published, imported, sort_time, body,"
	    " language, content_hash)"
	    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
	    " " SORT_TIME("?10") ", ?11, ?12, ?13)",
	[S_UPDATE] = "UPDATE articles SET source_id = ?1, url = ?4,"
	    " title = ?5, dek = ?6, byline = ?7, dateline = ?8,"
	    " published = ?9, sort_time = " SORT_TIME("imported") ","
	    " body = ?11, language = ?12, content_hash = ?13"
	    " WHERE id = ?14",
	[S_DEL_CAPTIONS] = "DELETE FROM captions WHERE article_id = ?1",
	[S_ADD_CAPTION] = "INSERT INTO captions(article_id, position, text,"
	    " credit) VALUES(?1, ?2, ?3, ?4)",
	/* The index is fed from the view row by row with VALUES: an
	 * INSERT ... SELECT would open a statement savepoint, and FTS5
	 * flushes its pending index at every savepoint. */
	[S_FTS_SRC] = "SELECT key, title, dek, byline, body, captions"
	    " FROM article_fts_src WHERE id = ?1",
	[S_KEY_OF] = "SELECT fts_key FROM articles WHERE id = ?1",
	[S_KEY_SPAN] = "SELECT count(*) FROM (SELECT 1 FROM articles"
	    " WHERE fts_key BETWEEN ?1 AND ?2 LIMIT ?3)",
	[S_NEWEST_DATED] = "SELECT max(sort_time) FROM articles"
	    " WHERE published IS NOT NULL",
	[S_FTS_DELETE] = "INSERT INTO article_fts(article_fts, rowid, title,"
	    " dek, byline, body, captions) VALUES('delete', ?1, ?2, ?3, ?4,"
	    " ?5, ?6)",
	[S_FTS_INSERT] = "INSERT INTO article_fts(rowid, title, dek, byline,"
	    " body, captions) VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
	[S_SOURCE_ADD] = "INSERT INTO sources(name) VALUES(?1)"
	    " ON CONFLICT(name) DO NOTHING",
	[S_SOURCE_ID] = "SELECT id FROM sources WHERE name = ?1",
	[S_GET] = "SELECT a.id, a.origin, nullif(a.guid, ''), a.url, a.title,"
	    " a.dek, a.byline, a.dateline, s.name, a.language, a.body,"
	    " a.published, a.imported, a.is_read, a.is_starred"
	    " FROM articles a LEFT JOIN sources s ON s.id = a.source_id"
	    " WHERE a.id = ?1",
	[S_GET_CAPTIONS] = "SELECT text, credit FROM captions"
	    " WHERE article_id = ?1 ORDER BY position",
	[S_JSON] = "SELECT json_object('id', a.id, 'origin', a.origin,"
	    " 'url', a.url, 'title', a.title, 'dek', a.dek,"
	    " 'byline', a.byline, 'dateline', a.dateline, 'source', s.name,"
	    " 'published', strftime('%Y-%m-%d', a.published, 'unixepoch'),"
	    " 'imported', strftime('%Y-%m-%dT%H:%M:%SZ', a.imported,"
	    " 'unixepoch'), 'language', a.language, 'body', a.body,"
	    " 'read', json(iif(a.is_read, 'true', 'false')),"
	    " 'starred', json(iif(a.is_starred, 'true', 'false')),"
	    " 'captions', (SELECT json_group_array(json_object('text', c.text,"
	    " 'credit', c.credit)) FROM (SELECT text, credit FROM captions"
	    " WHERE article_id = a.id ORDER BY position) c))"
	    " FROM articles a LEFT JOIN sources s ON s.id = a.source_id"
	    " WHERE a.id = ?1",
	[S_SIG_GET] = "SELECT sig, keys, day FROM sim_sig"
	    " WHERE article_id = ?1",
	[S_DATA_VERSION] = "PRAGMA data_version",
	[S_RELATED] = "SELECT r.other_id, r.score, r.label,"
	    " a.title, s.name, a.published, json_object('id', r.other_id,"
	    " 'score', round(r.score, 3), 'label', r.label, 'title', a.title,"
	    " 'source', s.name, 'published', strftime('%Y-%m-%d',"
	    " a.published, 'unixepoch')), a.cluster_id"
	    " FROM related r JOIN articles a ON a.id = r.other_id"
	    " LEFT JOIN sources s ON s.id = a.source_id"
	    " WHERE r.article_id = ?1 ORDER BY r.score DESC, r.other_id"
	    " LIMIT ?2",
	/* Writes here touch one row each (no REPLACE, no IN (...)): a
	 * statement that may change several rows opens a savepoint, and
	 * FTS5 flushes its pending index at every savepoint. */
	[S_SIG_PUT] = "INSERT INTO sim_sig(article_id, day, sig, keys)"
	    " VALUES(?1, ?2, ?3, ?4) ON CONFLICT(article_id) DO UPDATE SET"
	    " day = excluded.day, sig = excluded.sig, keys = excluded.keys",
	[S_SIG_DEL] = "DELETE FROM sim_sig WHERE article_id = ?1",
	[S_POST_ADD] = "INSERT OR IGNORE INTO sim_post(key, day, article_id)"
	    " VALUES(?1, ?2, ?3)",
	[S_POST_DEL] = "DELETE FROM sim_post WHERE key = ?1 AND day = ?2"
	    " AND article_id = ?3",
	/* Candidates: the newest postings of a key within a time window,
	 * plus the undated ones; an undated article searches all days. */
	[S_CAND_WINDOW] = "SELECT article_id FROM (SELECT article_id FROM"
	    " sim_post WHERE key = ?1 AND day BETWEEN ?2 AND ?3"
	    " ORDER BY day DESC LIMIT ?4) UNION ALL SELECT article_id FROM"
	    " (SELECT article_id FROM sim_post WHERE key = ?1"
	    " AND day = -2147483648 ORDER BY article_id DESC LIMIT ?4)",
	[S_CAND_UNDATED] = "SELECT article_id FROM sim_post WHERE key = ?1"
	    " AND day = -2147483648 ORDER BY article_id DESC LIMIT ?4",
	[S_CAND_ALL] = "SELECT article_id FROM sim_post WHERE key = ?1"
	    " ORDER BY day DESC LIMIT ?4",
	[S_DF_GET] = "SELECT df FROM sim_df WHERE term = ?1",
	[S_DF_ADD] = "INSERT INTO sim_df(term, df) VALUES(?1, max(?2, 0))"
	    " ON CONFLICT(term) DO UPDATE SET df = max(df + ?2, 0)",
	[S_META_GET] = "SELECT value FROM sim_meta WHERE name = ?1",
	[S_META_ADD] = "UPDATE sim_meta SET value = max(value + ?2, 0)"
	    " WHERE name = ?1",
	[S_REL_PUT] = "INSERT INTO related(article_id, other_id, score, label)"
	    " VALUES(?1, ?2, ?3, ?4) ON CONFLICT(article_id, other_id)"
	    " DO UPDATE SET score = excluded.score, label = excluded.label",
	/* One list, for its size and weakest entry (store_related_put). */
	[S_REL_LIST] = "SELECT other_id, score FROM related"
	    " WHERE article_id = ?1",
	[S_REL_DEL] = "DELETE FROM related WHERE article_id = ?1"
	    " AND other_id = ?2",
	[S_REL_FORGET] = "DELETE FROM related WHERE article_id = ?1"
	    " OR other_id = ?1",
	[S_CLUSTER_LEAVE] = "UPDATE articles SET cluster_id = NULL"
	    " WHERE id = ?1",
	[S_CLUSTER_LONE] = "UPDATE articles SET cluster_id = NULL"
	    " WHERE cluster_id = ?1 AND (SELECT count(*) FROM articles"
	    " WHERE cluster_id = ?1) < 2",
	[S_CLUSTER_GET] = "SELECT coalesce(cluster_id, id) FROM articles"
	    " WHERE id = ?1",
	[S_CLUSTER_ONE] = "UPDATE articles SET cluster_id = ?1 WHERE id = ?2",
	[S_CLUSTER_SET] = "UPDATE articles SET cluster_id = ?1"
	    " WHERE id IN (?2, ?3) OR cluster_id IN (?4, ?5)",
	[S_TERM_ADD] = "INSERT OR IGNORE INTO fts_terms(term) VALUES(?1)",
	[S_TERM_PREFIX] = "SELECT term FROM fts_terms WHERE term >= ?1"
	    " AND term < ?2 LIMIT ?3",
};

/* Document frequencies read or changed during this connection, so that
 * an import pays one SELECT per distinct term and one upsert per term
 * and batch, not one per article. */
struct dfent {
	int64_t		term;	/* 0 = empty slot */
	uint32_t	df;	/* as stored */
	int32_t		pending;/* not yet written */
};

/* Words of the full-text index this connection knows to be in
 * fts_terms, in a set by hash, and those the tokenizer met that are not
 * yet written there (fresh).  write_article writes them with the
 * article, so fts_terms never lacks a word the index has. */
struct termset {
	char	**slot;		/* NULL: empty */
	size_t	  cap, n;
	char	**fresh;
	size_t	  nfresh, capfresh;
};

#define TERMS_MAX	1000000	/* past this many, start afresh */

/* The ids an FTS5 expression matches, as a bitmap (see match_set). */
#define MATCH_SETS	16

struct match_set {
	char		*match;		/* NULL: unused */
	int64_t		 version, count;
	uint64_t	 writes;	/* st->fts_writes when built */
	uint64_t	*bits;
	size_t		 words;
	unsigned	 used;		/* st->set_clock when last asked */
	unsigned	 gen;		/* bumped when rebuilt */
};

/* An article and its full-text index key. */
struct keyed {
	int64_t	key, id;
};

struct store {
	sqlite3		*db;
	char		*path;
	sqlite3_stmt	*stmt[S_COUNT];
	int		 opened_version;
	bool		 in_tx;
	unsigned	 fail_after;	/* test seam, see store_fail_put_after */
	char		*last_source;	/* one-entry cache of source ids */
	int64_t		 last_source_id;
	struct dfent	*df;		/* see struct dfent */
	size_t		 dfcap, dfn;
	int64_t		 ndocs;		/* signatures stored, -1 unknown */
	int64_t		 ndocs_pending;
	/* Waiting for another writer's lock: see busy_wait. */
	char		*wal_path;
	int		 open_fd;	/* the file, for open_lock; -1 */
	int		 busy_ms;	/* give up after this long ... */
	bool		 busy_progress;	/* ... without the other's commits */
	struct timespec	 busy_since;	/* the wait, or the last progress */
	struct stat	 busy_wal;	/* the -wal file as last seen */
	char		*floor_match;	/* see matches_floor */
	int64_t		 floor;
	struct match_set sets[MATCH_SETS];	/* see match_set */
	unsigned	 set_clock;
	uint64_t	 fts_writes;	/* this connection's, for match_set */
	struct keyed	*fts_pending;	/* articles of this transaction that */
	size_t		 npending;	/* the index still lacks (fts_defer) */
	size_t		 cappending;
	struct termset	 terms;		/* see struct termset */
	bool		 indexing;	/* the tokenizer notes words */
	char		*qm_src, *qm, *qm_kinds;	/* see qmatch */
	int64_t		 qm_version;
	uint64_t	 qm_writes;
};

/* How long a writer waits for another that makes no progress. */
#define BUSY_MS_DEFAULT	10000

/* Add to fts_terms every word of the full-text index that it lacks. */
#define TERMS_FILL \
	"CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_vocab USING" \
	"  fts5vocab(main, article_fts, row);" \
	"INSERT OR IGNORE INTO fts_terms SELECT term FROM temp.fts_vocab;" \
	"DROP TABLE temp.fts_vocab;"

/* The length in characters of the prefixes that the full-text index
 * keeps (schema step 9). */
#define FTS_PREFIX	2

/* The settings of a new full-text index, then its rows from the view,
 * as one statement, so one savepoint, in key order; then one segment,
 * as a large import leaves it (store_optimize). */
#define FTS_FILL \
	"INSERT INTO article_fts(article_fts, rank) VALUES('automerge', 16);" \
	"INSERT INTO article_fts(article_fts, rank) VALUES('crisismerge', 64);" \
	"INSERT INTO article_fts(article_fts, rank)" \
	"  VALUES('rank', 'bm25(8.0, 3.0, 2.0, 1.0, 2.0)');" \
	"INSERT INTO article_fts(rowid, title, dek, byline, body, captions)" \
	"  SELECT key, title, dek, byline, body, captions" \
	"  FROM article_fts_src ORDER BY key;" \
	"INSERT INTO article_fts(article_fts) VALUES('optimize');"

/* The full-text index built again from the articles, with its list of
 * words: a migration's, and the repair store_check's problems ask for. */
#define FTS_REBUILD \
	"INSERT INTO article_fts(article_fts) VALUES('delete-all');" \
	FTS_FILL TERMS_FILL

/* The schema, as the steps that build it: step i (1-based) upgrades a
 * cache from version i-1 to i.  Never edit a released step; append one
 * (a step whose whole work a later one redoes may become empty). */
static const char *const migrations[] = {
	/* 1: articles, sources, captions. */
	"CREATE TABLE sources ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE"
	");"
	"CREATE TABLE articles ("
	"  id INTEGER PRIMARY KEY,"
	"  source_id INTEGER REFERENCES sources(id),"
	"  origin TEXT NOT NULL,"		/* file path or feed URL */
	"  guid TEXT NOT NULL DEFAULT '',"	/* '' for files */
	"  url TEXT,"
	"  title TEXT NOT NULL,"
	"  dek TEXT,"
	"  byline TEXT,"
	"  dateline TEXT,"
	"  published INTEGER,"			/* Unix UTC; NULL undated */
	"  imported INTEGER NOT NULL,"
	"  sort_time INTEGER NOT NULL,"		/* published, else imported */
	"  body TEXT NOT NULL,"
	"  language TEXT,"
	"  content_hash TEXT NOT NULL,"
	"  is_read INTEGER NOT NULL DEFAULT 0,"
	"  is_starred INTEGER NOT NULL DEFAULT 0,"
	"  UNIQUE (origin, guid)"
	");"
	"CREATE INDEX articles_by_time ON articles(sort_time, id);"
	"CREATE INDEX articles_by_source ON articles(source_id, sort_time);"
	"CREATE TABLE captions ("
	"  article_id INTEGER NOT NULL"
	"    REFERENCES articles(id) ON DELETE CASCADE,"
	"  position INTEGER NOT NULL,"
	"  text TEXT NOT NULL,"
	"  credit TEXT,"
	"  PRIMARY KEY (article_id, position)"
	") WITHOUT ROWID;",

	/* 2: full-text index over titles, deks, bylines, bodies and
	 * captions, with external content so no text is stored twice. */
	"CREATE VIEW article_fts_src(id, title, dek, byline, body, captions)"
	"  AS SELECT a.id, a.title, a.dek, a.byline, a.body,"
	FTS_CAPTIONS
	"  FROM articles a;"
	"CREATE VIRTUAL TABLE article_fts USING fts5("
	"  title, dek, byline, body, captions,"
	"  content='article_fts_src', content_rowid='id',"
	"  tokenize='unicode61 remove_diacritics 2');"
	"INSERT INTO article_fts(article_fts) VALUES('rebuild');"
	/* Fewer, larger merges: measured 30% faster bulk indexing. */
	"INSERT INTO article_fts(article_fts, rank) VALUES('automerge', 16);"
	"INSERT INTO article_fts(article_fts, rank) VALUES('crisismerge', 64);",

	/* 3: the similarity engine's data: a signature per article, posting
	 * keys to find candidates (by day, so a search can keep to a time
	 * window; undated articles sit at day -2^31), document frequencies
	 * of terms, the top related list of every article, and duplicate
	 * clusters. */
	"CREATE TABLE sim_sig ("
	"  article_id INTEGER PRIMARY KEY"
	"    REFERENCES articles(id) ON DELETE CASCADE,"
	"  day INTEGER NOT NULL,"
	"  sig BLOB NOT NULL,"
	"  keys BLOB NOT NULL"			/* its posting keys, i64 LE */
	");"
	"CREATE TABLE sim_post ("
	"  key INTEGER NOT NULL,"
	"  day INTEGER NOT NULL,"
	"  article_id INTEGER NOT NULL,"
	"  PRIMARY KEY (key, day, article_id)"
	") WITHOUT ROWID;"
	"CREATE TABLE sim_df ("
	"  term INTEGER PRIMARY KEY,"
	"  df INTEGER NOT NULL"
	");"
	"CREATE TABLE sim_meta ("
	"  name TEXT PRIMARY KEY,"
	"  value INTEGER NOT NULL"
	") WITHOUT ROWID;"
	"INSERT INTO sim_meta VALUES('ndocs', 0);"
	"CREATE TABLE related ("
	"  article_id INTEGER NOT NULL"
	"    REFERENCES articles(id) ON DELETE CASCADE,"
	"  other_id INTEGER NOT NULL"
	"    REFERENCES articles(id) ON DELETE CASCADE,"
	"  score REAL NOT NULL,"
	"  label TEXT NOT NULL,"
	"  PRIMARY KEY (article_id, other_id)"
	") WITHOUT ROWID;"
	"CREATE INDEX related_by_other ON related(other_id);"
	"ALTER TABLE articles ADD COLUMN cluster_id INTEGER;"
	"CREATE INDEX articles_by_cluster ON articles(cluster_id)"
	"  WHERE cluster_id IS NOT NULL;",

	/* 4: counting articles and unread ones from a small index instead
	 * of the table (the reader's status line: 129 M instructions at
	 * 100,000 articles without it). */
	"CREATE INDEX articles_by_read ON articles(is_read);",

	/* 5: the full-text index splits and folds words with libunistring
	 * (the "lede" tokenizer below) instead of unicode61, which folds
	 * neither "ß" nor compatibility forms and makes one token of a run
	 * of CJK text.  Titles weigh most in the ranking. */
	"DROP TABLE article_fts;"
	"CREATE VIRTUAL TABLE article_fts USING fts5("
	"  title, dek, byline, body, captions,"
	"  content='article_fts_src', content_rowid='id',"
	"  tokenize='lede');"
	"INSERT INTO article_fts(article_fts) VALUES('rebuild');"
	"INSERT INTO article_fts(article_fts, rank) VALUES('automerge', 16);"
	"INSERT INTO article_fts(article_fts, rank) VALUES('crisismerge', 64);"
	"INSERT INTO article_fts(article_fts, rank)"
	"  VALUES('rank', 'bm25(8.0, 3.0, 2.0, 1.0, 2.0)');",

	/* 6: filters in date order.  Undated articles sort by their import
	 * time, newest of all, so a date filter walking the time index
	 * stepped over every one of them (0.4 s at 200,000); and "unread"
	 * sorted all unread articles.  Partial indexes keep each walk to
	 * the rows that can match. */
	"CREATE INDEX articles_dated ON articles(sort_time, id)"
	"  WHERE published IS NOT NULL;"
	"CREATE INDEX articles_unread ON articles(sort_time, id)"
	"  WHERE is_read = 0;"
	/* The planner took it for "unread" and sorted; the partial index
	 * counts unread articles as well. */
	"DROP INDEX articles_by_read;",

	/* 7: every word in the full-text index, so that a prefix is asked
	 * as its words (see expand_prefixes).  Filled from the index once
	 * (8 s at 200,000 articles), then by the tokenizer. */
	"CREATE TABLE fts_terms ("
	"  term TEXT PRIMARY KEY"
	") WITHOUT ROWID;"
	TERMS_FILL,

	/* 8: the full-text index keyed in date order.  An article's key is
	 * its sort_time times 2^28 plus its id (fts_key), so the index
	 * walks its matches newest first and a listing in date order stops
	 * after a page: a phrase of two common words checked positions in
	 * every article that had both (297 M instructions at 200,000), a
	 * page of them now costs a few thousand articles.  sort_time is
	 * kept to +-2^34 s (the years 1425 to 2514) so that the key fits
	 * in 63 bits; the id is its low 28 bits.  FTS5 flushes its pending
	 * index when a key is lower than the last one written, so the
	 * index is filled in key order, here and by store_commit. */
	"DROP TABLE article_fts;"
	"DROP VIEW article_fts_src;"
	"UPDATE articles SET sort_time = " SQL_CLAMP_TIME("sort_time")
	"  WHERE sort_time NOT BETWEEN " STR(SORT_TIME_MIN) " AND "
	STR(SORT_TIME_MAX) ";"
	"ALTER TABLE articles ADD COLUMN fts_key INTEGER GENERATED ALWAYS"
	"  AS " SQL_KEY("sort_time", "id") " VIRTUAL;"
	"CREATE UNIQUE INDEX articles_by_key ON articles(fts_key);"
	"CREATE VIEW article_fts_src(key, id, title, dek, byline, body,"
	"  captions)"
	"  AS SELECT a.fts_key, a.id, a.title, a.dek, a.byline, a.body,"
	FTS_CAPTIONS
	"  FROM articles a;"
	"CREATE VIRTUAL TABLE article_fts USING fts5("
	"  title, dek, byline, body, captions,"
	"  content='article_fts_src', content_rowid='key',"
	"  tokenize='lede');"
	FTS_FILL,

	/* 9: a prefix index of every word's first two characters.  A
	 * prefix of two letters stands for a few hundred words (sa*: 172
	 * at 200,000 articles), which a search walked together, testing
	 * each at every row (83 M instructions); from the prefix index it
	 * is one posting list, like a word.  It is the prefix that the
	 * reader's search as you type asks first.  Longer prefixes cover
	 * few words and stay as their words (expand_prefixes). */
	"DROP TABLE article_fts;"
	"CREATE VIRTUAL TABLE article_fts USING fts5("
	"  title, dek, byline, body, captions,"
	"  content='article_fts_src', content_rowid='key',"
	"  tokenize='lede', prefix='" STR(FTS_PREFIX) "');"
	FTS_FILL,

	/* 10: the articles with a duplicate or a rewrite, for label: (see
	 * query.c).  A listing tests its articles one by one along the
	 * date order, and few have these labels: read through the primary
	 * key, each test decoded the article's whole related list, 17 M of
	 * the 45 M instructions of "list --fold label:rewrite" at 200,000
	 * articles.  Partial, so an import adds to them only for those
	 * labels (6% of the related rows). */
	"CREATE INDEX related_duplicates ON related(article_id)"
	"  WHERE label = 'duplicate';"
	"CREATE INDEX related_rewrites ON related(article_id)"
	"  WHERE label = 'rewrite';",

	/* 11: starred articles and a language, in date order.  Both are
	 * few among many, so a listing walking the time index stepped over
	 * the whole cache to fill a page: "starred" with nothing starred
	 * took 220 ms at 100,000 articles, "lang:de" in an English cache
	 * 316 ms.  Starring is rare, so its index is partial and an import
	 * writes nothing to it. */
	"CREATE INDEX articles_starred ON articles(sort_time, id)"
	"  WHERE is_starred = 1;"
	"CREATE INDEX articles_by_lang ON articles(language, sort_time, id);",

	/* 12: read articles, in date order.  A reader reads few of the
	 * articles a cache keeps, so "is:read" walked the time index over
	 * every unread one (0.27 s at 100,000 with nothing read).  Partial:
	 * an import writes nothing to it, marking one read a row. */
	"CREATE INDEX articles_read ON articles(sort_time, id)"
	"  WHERE is_read = 1;",

	/* 13: a word that holds an invisible character (a soft hyphen,
	 * which German sites put in long words, a word joiner) is one
	 * word.  This step built the index again where the text held such
	 * a character; step 14 builds every index again, so that work is
	 * left to it (a cache of step 12 would have paid for two). */
	"",

	/* 14: the dateline is searched with the byline: a city named only
	 * in "TOKYO (AP) --" was found nowhere.  And keys changed: the
	 * digits of other scripts are ASCII (8500 finds "٨٥٠٠"), a dotless
	 * ı is an i.  So the index is built again, in key order (21 s at
	 * 100,000 articles). */
	"DROP VIEW article_fts_src;"
	"CREATE VIEW article_fts_src(key, id, title, dek, byline, body,"
	"  captions)"
	"  AS SELECT a.fts_key, a.id, a.title, a.dek,"
	"  coalesce(a.byline || char(10) || a.dateline, a.byline, a.dateline),"
	"  a.body," FTS_CAPTIONS
	"  FROM articles a;"
	FTS_REBUILD,
};

/* ---- the "lede" FTS5 tokenizer -------------------------------------------
 * Tokens and their keys come from text_tokens, so the index, the queries
 * and the reader's highlighting agree on what a word is.  Its handle is
 * the store: while indexing, it notes each word in st->terms. */

static int
tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	(void)argv;
	*out = (Fts5Tokenizer *)ctx;	/* the store */
	return argc == 0 ? SQLITE_OK : SQLITE_ERROR;
}

static void
terms_clear(struct termset *t)
{
	size_t i;

	for (i = 0; i < t->cap; i++)
		free(t->slot[i]);
	free(t->slot);
	free(t->fresh);
	memset(t, 0, sizeof *t);
}

/* The index has the word key (n bytes): remember it, as fresh if new. */
static void
terms_meet(struct termset *t, const char *key, size_t n)
{
	size_t i, j, mask;
	char **old;
	size_t oldcap;

	if (t->n * 2 >= t->cap) {
		old = t->slot;
		oldcap = t->cap;
		t->cap = t->cap ? t->cap * 2 : 4096;
		t->slot = xcalloc(t->cap, sizeof *t->slot);
		mask = t->cap - 1;
		for (i = 0; i < oldcap; i++) {
			if (old[i] == NULL)
				continue;
			j = fnv1a(FNV1A_SEED, old[i], strlen(old[i])) & mask;
			while (t->slot[j] != NULL)
				j = (j + 1) & mask;
			t->slot[j] = old[i];
		}
		free(old);
	}
	mask = t->cap - 1;
	for (i = fnv1a(FNV1A_SEED, key, n) & mask; t->slot[i] != NULL;
	    i = (i + 1) & mask)
		if (strncmp(t->slot[i], key, n) == 0 && t->slot[i][n] == '\0')
			return;
	t->slot[i] = xstrndup(key, n);
	t->n++;
	if (t->nfresh == t->capfresh) {
		t->capfresh = t->capfresh ? t->capfresh * 2 : 256;
		t->fresh = xreallocarray(t->fresh, t->capfresh,
		    sizeof *t->fresh);
	}
	t->fresh[t->nfresh++] = t->slot[i];
}

static void
tok_delete(Fts5Tokenizer *t)
{
	(void)t;
}

struct tok_ctx {
	void		*fts;
	int		(*token)(void *, int, const char *, int, int, int);
	struct termset	*terms;		/* NULL: not indexing */
};

static int
tok_one(const struct text_token *t, void *ctx)
{
	struct tok_ctx *tc = ctx;

	/* FTS5 keeps the first 32,768 bytes of a longer word. */
	if (tc->terms != NULL)
		terms_meet(tc->terms, t->key, t->keylen < 32768 ? t->keylen :
		    32768);
	return tc->token(tc->fts, 0, t->key, (int)t->keylen, (int)t->start,
	    (int)t->end);
}

static int
tok_tokenize(Fts5Tokenizer *t, void *fts, int flags, const char *text,
    int n, int (*token)(void *, int, const char *, int, int, int))
{
	struct store *st = (struct store *)t;
	struct tok_ctx tc = { fts, token, NULL };

	if (n <= 0)
		return SQLITE_OK;
	if (st->indexing && (flags & FTS5_TOKENIZE_DOCUMENT))
		tc.terms = &st->terms;
	return text_tokens(text, (size_t)n, tok_one, &tc);
}

static void
set_add(struct match_set *m, int64_t id)
{
	size_t w, n;

	if (id < 0)
		return;
	if ((w = (size_t)(id / 64)) >= m->words) {
		n = w + 1 > m->words * 2 ? w + 1 : m->words * 2;
		m->bits = xreallocarray(m->bits, n, sizeof *m->bits);
		memset(m->bits + m->words, 0, (n - m->words) * sizeof *m->bits);
		m->words = n;
	}
	if (!(m->bits[w] >> (id % 64) & 1)) {
		m->bits[w] |= UINT64_C(1) << (id % 64);
		m->count++;
	}
}

static int
collect_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *ctx)
{
	set_add(ctx, FTS_ID(api->xRowid(fts)));
	return SQLITE_OK;
}

/* lede_collect(article_fts, set): adds every article that any phrase of
 * the query matches to the match_set passed as a pointer, one walk
 * inside FTS5 each (the query's matches when it is phrases joined by
 * OR).  Asked on the first row only (LIMIT 1): with no match, there is
 * no row and the set stays empty. */
static void
lede_collect(const Fts5ExtensionApi *api, Fts5Context *fts,
    sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct match_set *m = argc == 1 ? sqlite3_value_pointer(argv[0],
	    "lede_set") : NULL;
	int i, rc;

	if (m == NULL) {
		sqlite3_result_error(ctx, "lede_collect: bad arguments", -1);
		return;
	}
	for (i = 0; i < api->xPhraseCount(fts); i++)
		if ((rc = api->xQueryPhrase(fts, i, m, collect_row)) !=
		    SQLITE_OK) {
			sqlite3_result_error_code(ctx, rc);
			return;
		}
}

/* The first quoted phrase of an FTS5 expression at or after p: *q at
 * its opening quote, *end at its closing one.  query.c quotes only keys,
 * which hold letters, marks and digits (text_leaf), and the index words
 * that expand_prefixes adds have no quote either, so a quote never
 * stands inside a phrase.  Every walk of an expression goes through
 * here; false when there is no further phrase. */
static bool
next_phrase(const char *p, const char **q, const char **end)
{
	return (*q = strchr(p, '"')) != NULL &&
	    (*end = strchr(*q + 1, '"')) != NULL;
}

/* Whether the FTS5 expression match is quoted words joined by OR only
 * (so that its matches are the union of its phrases'). */
static bool
words_or(const char *match)
{
	const char *p = match, *q, *end;

	while (*p != '\0') {
		if (*p == '"') {
			if (!next_phrase(p, &q, &end) || end[1] == '*')
				return false;
			p = end + 1;
		} else if (*p == ' ' || *p == '(' || *p == ')')
			p++;
		else if (strncmp(p, "OR ", 3) == 0)
			p += 3;
		else
			return false;
	}
	return true;
}

/* ---- the "lede_rank" ranking function ------------------------------------
 * Okapi BM25 as FTS5's bm25() computes it (k1 = 1.2, b = 0.75, column
 * weights as arguments), but for the document frequency of each phrase.
 * bm25() counts every article that has the phrase, a walk of its whole
 * posting list on the first row: for a word in 95% of a 200,000-article
 * cache that walk alone took 20 ms, and for a phrase of two such words
 * it checked positions 190,000 times.  lede_rank reads the first
 * RANK_SAMPLE matches only (the oldest: FTS5 walks its keys up) and,
 * when there are more, takes their share of the articles in the span
 * of dates they cover for the whole cache, counted up to RANK_SPAN
 * articles (past that, the word is rare enough that the estimate
 * hardly matters).  Exact below RANK_SAMPLE matches, where it matters:
 * a rare word's high IDF; above it, an estimate of a number that
 * barely moves the score.  Arguments: the FTS5 table, the kind of each
 * phrase in order (see expand_prefixes: only 't' is counted, and the
 * words of a prefix are one term), a struct rank_hits pointer or NULL,
 * then one weight per column.  Returns -score, as bm25() does. */

#define RANK_SAMPLE	1000
#define RANK_SPAN	50000
#define RANK_K1		1.2
#define RANK_B		0.75

struct rank_count {
	sqlite3_int64	n;
	sqlite3_int64	first, last;	/* rowids of the first and last seen */
};

struct rank_data {
	int	 nphrase, ngroup;
	int	*group;		/* of each phrase: the words of one prefix
				 * (expand_prefixes) are one group */
	double	 avgdl;
	double	*idf;		/* of each group */
	double	*freq;		/* of each group, for the row being ranked */
};

/* The phrases that each ranked row has, when the caller asks (the
 * fourth argument, a "lede_hits" pointer): a search makes the snippets
 * of its page with only the words that the page has (search_narrow). */
struct rank_hits {
	size_t		 words;		/* bitmap words per row */
	size_t		 n, cap;	/* rows */
	int64_t		*id;
	uint64_t	*bits;		/* words per row */
	uint64_t	*page;		/* words: the union over a page */
	bool		 unseen;	/* a row of the page was not ranked */
};

static void
rank_hits_fini(struct rank_hits *h)
{
	free(h->id);
	free(h->bits);
	free(h->page);
	memset(h, 0, sizeof *h);
}

/* Add the phrases of the row of article id to the page's. */
static void
rank_hits_page(struct rank_hits *h, int64_t id)
{
	size_t i, w;
	bool seen = false;

	if (h->words == 0) {
		h->unseen = true;
		return;
	}
	if (h->page == NULL)
		h->page = xcalloc(h->words, sizeof *h->page);
	for (i = 0; i < h->n; i++)
		if (h->id[i] == id) {
			seen = true;
			for (w = 0; w < h->words; w++)
				h->page[w] |= h->bits[i * h->words + w];
		}
	if (!seen)
		h->unseen = true;
}

/* For a match that is quoted words joined by OR (words_or): the same
 * words but those that no row of the page has, or NULL if it cannot
 * tell.  The page matches it as it matched the whole, with the same
 * hits to show, and an OR of a prefix's 172 words costs a test of each
 * at every row of the snippets' walk, and in lede_snippet. */
static char *
search_narrow(const char *match, const struct rank_hits *h)
{
	struct strbuf b = { 0 };
	const char *p = match, *q, *end;
	size_t i = 0;

	if (h->page == NULL || h->unseen || !words_or(match))
		return NULL;
	for (; next_phrase(p, &q, &end); p = end + 1, i++) {
		if (i / 64 >= h->words) {
			strbuf_fini(&b);
			return NULL;
		}
		if (h->page[i / 64] >> (i % 64) & 1) {
			if (b.len > 0)
				strbuf_adds(&b, " OR ");
			strbuf_add(&b, q, (size_t)(end + 1 - q));
		}
	}
	if (b.len == 0) {
		strbuf_fini(&b);
		return NULL;
	}
	return strbuf_steal(&b);
}

static int
rank_count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *ctx)
{
	struct rank_count *c = ctx;

	c->last = api->xRowid(fts);
	if (c->n++ == 0)
		c->first = c->last;
	return c->n >= RANK_SAMPLE ? SQLITE_DONE : SQLITE_OK;
}

static void
rank_data_free(void *p)
{
	struct rank_data *d = p;

	if (d != NULL) {
		free(d->group);
		free(d->idf);
		free(d->freq);
	}
	free(d);
}

static sqlite3_stmt *stmt(struct store *st, enum stmt_id id);

/* How many articles have a key from first to last, counted up to
 * RANK_SPAN; 0 if the cache cannot tell. */
static sqlite3_int64
rank_span(struct store *st, sqlite3_int64 first, sqlite3_int64 last)
{
	sqlite3_stmt *s = stmt(st, S_KEY_SPAN);
	sqlite3_int64 n = 0;

	sqlite3_bind_int64(s, 1, first);
	sqlite3_bind_int64(s, 2, last);
	sqlite3_bind_int(s, 3, RANK_SPAN);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return n;
}

static struct rank_data *
rank_data_new(const Fts5ExtensionApi *api, Fts5Context *fts,
    const char *kinds, int *rc)
{
	struct rank_data *d = xcalloc(1, sizeof *d);
	struct store *st = api->xUserData(fts);
	sqlite3_int64 nrow = 0, ntok = 0;
	struct rank_count c;
	double df, span;
	size_t n, nkinds;
	int i, g;

	*rc = api->xRowCount(fts, &nrow);
	if (*rc == SQLITE_OK)
		*rc = api->xColumnTotalSize(fts, -1, &ntok);
	d->nphrase = api->xPhraseCount(fts);
	d->avgdl = nrow > 0 ? (double)ntok / (double)nrow : 1.0;
	if (d->avgdl <= 0)
		d->avgdl = 1.0;
	n = d->nphrase > 0 ? (size_t)d->nphrase : 1;
	d->group = xcalloc(n, sizeof *d->group);
	d->idf = xcalloc(n, sizeof *d->idf);
	d->freq = xcalloc(n, sizeof *d->freq);
	nkinds = kinds != NULL ? strlen(kinds) : 0;
	for (i = 0; *rc == SQLITE_OK && i < d->nphrase; i++) {
		if (i > 0 && (size_t)i < nkinds && kinds[i] == 'x') {
			d->group[i] = d->group[i - 1];
			continue;
		}
		d->group[i] = d->ngroup++;
		/* A prefix would merge the posting lists of all its words
		 * again, and a phrase of common words check the positions in
		 * most of the cache: those get the weight of a phrase with
		 * RANK_SAMPLE matches, or a tenth of a small cache (all of
		 * it would weigh nothing). */
		if ((size_t)i >= nkinds || kinds[i] != 't') {
			df = RANK_SAMPLE < nrow / 10 ? RANK_SAMPLE :
			    (double)nrow / 10;
			goto weigh;
		}
		memset(&c, 0, sizeof c);
		*rc = api->xQueryPhrase(fts, i, &c, rank_count_row);
		df = (double)c.n;
		if (c.n >= RANK_SAMPLE && (span = (double)rank_span(st,
		    c.first, c.last)) >= 1) {
			df = df * (double)nrow / span;
			if (df > (double)nrow)
				df = (double)nrow;
		}
weigh:
		g = d->group[i];
		d->idf[g] = log(((double)nrow - df + 0.5) / (df + 0.5));
		if (d->idf[g] <= 0.0)
			d->idf[g] = 1e-6;
	}
	return d;
}

static void
lede_rank(const Fts5ExtensionApi *api, Fts5Context *fts,
    sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	struct rank_data *d = api->xGetAuxdata(fts, 0);
	struct rank_hits *h;
	uint64_t *bits = NULL;
	double score = 0, weight, dl;
	int rc = SQLITE_OK, p, col, off, ntok = 0;
	Fts5PhraseIter it;

	if (nval < 2) {
		sqlite3_result_error(ctx, "lede_rank: arguments", -1);
		return;
	}
	if (d == NULL) {
		d = rank_data_new(api, fts,
		    (const char *)sqlite3_value_text(val[0]), &rc);
		if (rc == SQLITE_OK)
			rc = api->xSetAuxdata(fts, d, rank_data_free);
		else
			rank_data_free(d);
		if (rc != SQLITE_OK) {
			sqlite3_result_error_code(ctx, rc);
			return;
		}
	}
	memset(d->freq, 0, (size_t)(d->ngroup > 0 ? d->ngroup : 1) *
	    sizeof *d->freq);
	if ((h = sqlite3_value_pointer(val[1], "lede_hits")) != NULL) {
		if (h->words == 0)
			h->words = ((size_t)d->nphrase + 63) / 64;
		if (h->n == h->cap) {
			h->cap = h->cap ? 2 * h->cap : 1024;
			h->id = xreallocarray(h->id, h->cap, sizeof *h->id);
			h->bits = xreallocarray(h->bits, h->cap * h->words,
			    sizeof *h->bits);
		}
		h->id[h->n] = FTS_ID(api->xRowid(fts));
		bits = &h->bits[h->n++ * h->words];
		memset(bits, 0, h->words * sizeof *bits);
	}
	/* Phrase by phrase, not xInst: FTS5 (3.40) orders the instances
	 * of a row by scanning every phrase for each one, which for the
	 * 172 words of sa* was 34,000 instructions a row. */
	for (p = 0; rc == SQLITE_OK && p < d->nphrase; p++) {
		rc = api->xPhraseFirst(fts, p, &it, &col, &off);
		if (rc == SQLITE_OK && col >= 0 && bits != NULL)
			bits[p / 64] |= UINT64_C(1) << (p % 64);
		for (; rc == SQLITE_OK && col >= 0; api->xPhraseNext(fts, &it,
		    &col, &off)) {
			weight = col + 2 < nval ?
			    sqlite3_value_double(val[col + 2]) : 1.0;
			d->freq[d->group[p]] += weight;
		}
	}
	if (rc == SQLITE_OK)
		rc = api->xColumnSize(fts, -1, &ntok);
	if (rc != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	dl = (double)ntok;
	for (p = 0; p < d->ngroup; p++)
		score += d->idf[p] * (d->freq[p] * (RANK_K1 + 1.0)) /
		    (d->freq[p] + RANK_K1 * (1.0 - RANK_B + RANK_B * dl /
		    d->avgdl));
	sqlite3_result_double(ctx, -score);
}

/* ---- the "lede_snippet" function -----------------------------------------
 * What FTS5's snippet() shows -- a window of ntoken tokens from the
 * column with the best hits, the hits marked, an ellipsis where the
 * window cuts the text -- for a fraction of the work.  snippet() (3.40)
 * tokenizes every column of the article, and the best one twice, and
 * scores each hit against every other: 9.5-13.5 M of the 26-38 M
 * instructions of a page of 20 at 200,000 articles (2-3 M here).  Here
 * the window is chosen from the hits' positions (xPhraseFirst), and
 * only its column is tokenized, up to the window's end.  The scores are
 * snippet()'s: 1000 for each phrase a window has and 1 for each further
 * hit, the window centred on its hits, the first column winning a tie,
 * and 100 more for a window that starts a sentence (after "." or ":"),
 * 120 at the column's start.  Arguments: the FTS5 table, the text to put
 * before a hit and after it, the ellipsis, the window's size in tokens. */

struct snip_hit {
	int	col, off, len, phrase;
};

static int
snip_hit_cmp(const void *a, const void *b)
{
	const struct snip_hit *x = a, *y = b;

	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	return (x->len < y->len) - (x->len > y->len);
}

/* The score of the window of ntoken tokens from start over the hits
 * h[0..n) of one column, sorted; seen has a slot per phrase, and stamp
 * a value that no slot holds yet.  *first and *last: the first hit's
 * position and the end of the last, or -1.  The window's first hit is
 * found by bisection: snip_choose asks for a window at every hit, and
 * a walk from the column's first hit made that quadratic (a transcript
 * of 80,000 hits took 6 s to show, 400,000 froze the reader). */
static int
snip_score(const struct snip_hit *h, int n, int start, int ntoken,
    int *seen, int stamp, int *first, int *last)
{
	int i, lo = 0, hi = n, score = 0;

	*first = *last = -1;
	while (lo < hi) {
		i = lo + (hi - lo) / 2;
		if (h[i].off < start)
			lo = i + 1;
		else
			hi = i;
	}
	for (i = lo; i < n; i++) {
		if (h[i].off >= start + ntoken)
			break;
		score += seen[h[i].phrase] == stamp ? 1 : 1000;
		seen[h[i].phrase] = stamp;
		if (*first < 0)
			*first = h[i].off;
		*last = h[i].off + h[i].len;
	}
	return score;
}

/* The hits of column col among the sorted h[0..n): h[*lo..*hi). */
static void
snip_column(const struct snip_hit *h, int n, int col, int *lo, int *hi)
{
	for (*lo = 0; *lo < n && h[*lo].col != col; (*lo)++)
		;
	for (*hi = *lo; *hi < n && h[*hi].col == col; (*hi)++)
		;
}

/* The window a snippet shows. */
struct snip_window {
	int	col, start;	/* its column and first token */
	int	first;		/* its first hit */
	int	value;		/* its score, with any sentence bonus */
	int	raw;		/* without the bonus, or -1: do not move it */
};

/* The best window over the n sorted hits h.  snippet() also tries, for
 * each hit, the window from the last sentence start before it: that
 * needs every column tokenized.  Here a column longer than the window is
 * taken to have one (+100), except that its start is one for sure (+120,
 * no tokens needed); the caller then moves the window to its real
 * sentence start if that keeps its phrases. */
static int
snip_choose(const Fts5ExtensionApi *api, Fts5Context *fts,
    const struct snip_hit *h, int n, int ntoken, int *seen, int *stamp,
    struct snip_window *w)
{
	int lo, hi, k, colsize, score, first, last, adj, bonus, rc;
	bool lng;

	memset(w, 0, sizeof *w);
	w->raw = -1;
	for (lo = 0; lo < n; lo = hi) {
		for (hi = lo; hi < n && h[hi].col == h[lo].col; hi++)
			;
		if ((rc = api->xColumnSize(fts, h[lo].col, &colsize)) !=
		    SQLITE_OK)
			return rc;
		lng = colsize > ntoken;
		if (lng && h[lo].off > 0 && h[lo].off < ntoken && (score =
		    snip_score(h + lo, hi - lo, 0, ntoken, seen, ++*stamp,
		    &first, &last) + 120) > w->value) {
			w->col = h[lo].col;
			w->start = w->first = 0;
			w->value = score;
			w->raw = -1;
		}
		for (k = lo; k < hi; k++) {
			score = snip_score(h + lo, hi - lo, h[k].off, ntoken,
			    seen, ++*stamp, &first, &last);
			bonus = lng && first > 0 ? 100 : 0;
			if (score + bonus <= w->value)
				continue;
			/* Centred on its hits, within the column. */
			adj = first - (ntoken - (last - first)) / 2;
			if (adj + ntoken > colsize)
				adj = colsize - ntoken;
			w->col = h[k].col;
			w->start = adj > 0 ? adj : 0;
			w->first = first;
			w->value = score + bonus;
			w->raw = bonus > 0 ? score : -1;
		}
	}
	return SQLITE_OK;
}

/* Token positions of one column, from 0 to stop, as byte ranges, and
 * the last sentence start before position before. */
struct snip_tokens {
	const char	*text;
	int		 pos, stop, before, sentence;
	int		*from, *to;
	size_t		 cap;
};

static int
snip_token(void *ctx, int flags, const char *token, int n, int from, int to)
{
	struct snip_tokens *t = ctx;
	int i;

	(void)flags;
	(void)token;
	(void)n;
	if ((size_t)t->pos == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->from = xreallocarray(t->from, t->cap, sizeof *t->from);
		t->to = xreallocarray(t->to, t->cap, sizeof *t->to);
	}
	t->from[t->pos] = from;
	t->to[t->pos] = to;
	if (t->pos > 0 && t->pos < t->before) {
		for (i = from - 1; i >= 0 && (t->text[i] == ' ' ||
		    t->text[i] == '\t' || t->text[i] == '\n' ||
		    t->text[i] == '\r'); i--)
			;
		if (i != from - 1 && i >= 0 && (t->text[i] == '.' ||
		    t->text[i] == ':'))
			t->sentence = t->pos;
	}
	return t->pos++ >= t->stop ? SQLITE_DONE : SQLITE_OK;
}

/* Write tokens start to end of the column (its tokens t, its text of
 * ntext bytes, colsize tokens) into out, each run of overlapping hits
 * among h[0..n) (the column's, sorted) marked once, from its first token
 * to its last or the window's end, with an ellipsis where the column
 * goes on. */
static void
snip_write(struct strbuf *out, const struct snip_tokens *t, int ntext,
    int colsize, int start, int end, const struct snip_hit *h, int n,
    const char *open, const char *close, const char *ellipsis)
{
	int i, k, span = -1;

	if (start > 0 && start <= end)
		strbuf_adds(out, ellipsis);
	for (k = 0; k < n && h[k].off < start; k++)
		;
	for (i = start; i <= end; i++) {
		if (i > start)
			strbuf_add(out, t->text + t->to[i - 1],
			    (size_t)(t->from[i] - t->to[i - 1]));
		if (span < 0 && k < n && h[k].off == i) {
			strbuf_adds(out, open);
			span = i + h[k].len - 1;
		}
		for (; k < n && h[k].off <= span; k++)
			if (h[k].off + h[k].len - 1 > span)
				span = h[k].off + h[k].len - 1;
		strbuf_add(out, t->text + t->from[i], (size_t)(t->to[i] -
		    t->from[i]));
		if (span >= 0 && (i == span || i == end)) {
			strbuf_adds(out, close);
			span = -1;
		}
	}
	if (end >= colsize - 1)
		strbuf_add(out, t->text + (end >= 0 ? t->to[end] : 0),
		    (size_t)(ntext - (end >= 0 ? t->to[end] : 0)));
	else
		strbuf_adds(out, ellipsis);
}

static void
lede_snippet(const Fts5ExtensionApi *api, Fts5Context *fts,
    sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	struct snip_hit *h = NULL;
	struct snip_tokens t = { 0 };
	struct snip_window w;
	struct strbuf out = { 0 };
	const char *open, *close, *ellipsis, *text;
	int *seen = NULL, nphrase, ntoken, nhit = 0, caphit = 0, lo, hi;
	int rc = SQLITE_OK, p, c, o, score, first, last, end, stamp = 0;
	int colsize = 0, ntext = 0;
	Fts5PhraseIter it;

	if (nval != 4) {
		sqlite3_result_error(ctx, "lede_snippet: arguments", -1);
		return;
	}
	open = (const char *)sqlite3_value_text(val[0]);
	close = (const char *)sqlite3_value_text(val[1]);
	ellipsis = (const char *)sqlite3_value_text(val[2]);
	ntoken = sqlite3_value_int(val[3]);
	if (open == NULL || close == NULL || ellipsis == NULL || ntoken < 1) {
		sqlite3_result_error(ctx, "lede_snippet: arguments", -1);
		return;
	}
	nphrase = api->xPhraseCount(fts);
	for (p = 0; rc == SQLITE_OK && p < nphrase; p++)
		for (rc = api->xPhraseFirst(fts, p, &it, &c, &o);
		    rc == SQLITE_OK && c >= 0;
		    api->xPhraseNext(fts, &it, &c, &o)) {
			if (nhit == caphit) {
				caphit = caphit ? 2 * caphit : 64;
				h = xreallocarray(h, (size_t)caphit, sizeof *h);
			}
			h[nhit].col = c;
			h[nhit].off = o;
			h[nhit].len = api->xPhraseSize(fts, p);
			h[nhit++].phrase = p;
		}
	if (rc != SQLITE_OK)
		goto out;
	qsort(h, (size_t)nhit, sizeof *h, snip_hit_cmp);
	seen = xcalloc(nphrase > 0 ? (size_t)nphrase : 1, sizeof *seen);
	if ((rc = snip_choose(api, fts, h, nhit, ntoken, seen, &stamp, &w)) !=
	    SQLITE_OK || (rc = api->xColumnSize(fts, w.col, &colsize)) !=
	    SQLITE_OK || (rc = api->xColumnText(fts, w.col, &text, &ntext)) !=
	    SQLITE_OK)
		goto out;
	/* The column's tokens up to the furthest end the window can have,
	 * and its last sentence start before the first hit. */
	t.text = text != NULL ? text : "";
	t.before = w.raw >= 0 ? w.first : 0;
	t.stop = (w.first > w.start ? w.first : w.start) + ntoken;
	rc = api->xTokenize(fts, t.text, ntext, &t, snip_token);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	if (rc != SQLITE_OK)
		goto out;
	snip_column(h, nhit, w.col, &lo, &hi);
	if (t.before > 0) {
		score = snip_score(h + lo, hi - lo, t.sentence, ntoken, seen,
		    ++stamp, &first, &last);
		if (score + (t.sentence == 0 ? 120 : 100) > w.raw)
			w.start = t.sentence;
	}
	end = w.start + ntoken - 1;
	if (end >= t.pos)
		end = t.pos - 1;
	snip_write(&out, &t, ntext, colsize, w.start, end, h + lo, hi - lo,
	    open, close, ellipsis);
	sqlite3_result_text(ctx, out.s != NULL ? out.s : "", (int)out.len,
	    SQLITE_TRANSIENT);
out:
	if (rc != SQLITE_OK)
		sqlite3_result_error_code(ctx, rc);
	strbuf_fini(&out);
	free(t.from);
	free(t.to);
	free(seen);
	free(h);
}

/* lede_squeeze(text): text with each run of white space one space, and
 * none at the ends (text_squeeze).  A snippet is one line: a paragraph
 * break inside it showed as a double space, or a blank line. */
static void
sql_squeeze(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *text = (const char *)sqlite3_value_text(argv[0]);

	(void)argc;
	if (text == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	sqlite3_result_text(ctx, text_squeeze(text), -1, free);
}

/* Register the tokenizer and lede_rank with this connection's FTS5. */
static int
register_tokenizer(struct store *st, char **err)
{
	static fts5_tokenizer tok = { tok_create, tok_delete, tok_tokenize };
	fts5_api *api = NULL;
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(st->db, "SELECT fts5(?1)", -1, &s, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_pointer(s, 1, &api, "fts5_api_ptr", NULL);
		sqlite3_step(s);
	}
	sqlite3_finalize(s);
	if (api == NULL || api->iVersion < 2 || api->xCreateTokenizer(api,
	    "lede", st, &tok, NULL) != SQLITE_OK ||
	    api->xCreateFunction(api, "lede_rank", st, lede_rank, NULL) !=
	    SQLITE_OK || api->xCreateFunction(api, "lede_collect", NULL,
	    lede_collect, NULL) != SQLITE_OK || api->xCreateFunction(api,
	    "lede_snippet", NULL, lede_snippet, NULL) != SQLITE_OK) {
		*err = xasprintf(_("%s: SQLite lacks FTS5"), st->path);
		return -1;
	}
	return 0;
}

/* SQLite's message for the last error, but for a full disk one that
 * says so: "database or disk is full" leaves the user to guess which;
 * and "attempt to write a readonly database" is said plainly. */
static const char *
db_error(struct store *st)
{
	if ((sqlite3_errcode(st->db) & 0xff) == SQLITE_FULL)
		return _("the disk is full");
	if ((sqlite3_errcode(st->db) & 0xff) == SQLITE_READONLY)
		return _("the cache is read-only");
	return sqlite3_errmsg(st->db);
}

static int
fail(struct store *st, char **err, const char *what)
{
	*err = xasprintf("%s: %s: %s", st->path, what, db_error(st));
	return -1;
}

static int
exec(struct store *st, const char *sql, char **err)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		if ((sqlite3_errcode(st->db) & 0xff) == SQLITE_FULL ||
		    (sqlite3_errcode(st->db) & 0xff) == SQLITE_READONLY)
			*err = xasprintf("%s: %s: %s", st->path,
			    _("cannot write the cache"), db_error(st));
		else
			*err = xasprintf("%s: %s", st->path, msg ? msg :
			    sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int
pragma_int(struct store *st, const char *sql, int *out, char **err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return fail(st, err, _("cannot read the cache"));
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return fail(st, err, _("cannot read the cache"));
	return 0;
}

/* The end of a one-row lookup, its statement reset or finalized with
 * rc its step's result: no row is STORE_ENOTFOUND, a failed step -1. */
static int
lookup_done(struct store *st, int rc, char **err)
{
	if (rc == SQLITE_DONE)
		return STORE_ENOTFOUND;
	if (rc != SQLITE_ROW)
		return fail(st, err, _("cannot read the cache"));
	return 0;
}

char *
store_default_path(bool create, char **err)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	char *base, *dir, *p;

	if (xdg != NULL && *xdg == '/')
		base = xstrdup(xdg);
	else if (home != NULL && *home != '\0')
		base = xasprintf("%s/.local/share", home);
	else {
		*err = xstrdup(_("cannot find the cache: HOME is not set "
		    "and XDG_DATA_HOME is not an absolute path (use --db "
		    "PATH)"));
		return NULL;
	}
	dir = xasprintf("%s/lede", base);
	free(base);
	if (create) {
		/* mkdir -p, each new level private to the user. */
		for (p = dir + 1; ; p++) {
			if (*p != '/' && *p != '\0')
				continue;
			char c = *p;

			*p = '\0';
			if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
				*err = xasprintf(_("cannot create %s: %s"),
				    dir, strerror(errno));
				free(dir);
				return NULL;
			}
			*p = c;
			if (c == '\0')
				break;
		}
	}
	p = xasprintf("%s/cache.db", dir);
	free(dir);
	return p;
}

/* The prepared statement id, prepared on first use: most commands use a
 * few of them, and preparing all at open was half the cost of "lede
 * related".  NULL if it cannot be prepared (a damaged schema); SQLite's
 * calls on a NULL statement fail with SQLITE_MISUSE, which callers
 * report like any other error. */
static sqlite3_stmt *
stmt(struct store *st, enum stmt_id id)
{
	if (st->stmt[id] == NULL)
		sqlite3_prepare_v3(st->db, stmt_sql[id], -1,
		    SQLITE_PREPARE_PERSISTENT, &st->stmt[id], NULL);
	return st->stmt[id];
}

/* Read the schema version and refuse what this lede cannot use: another
 * application's database, or a newer schema. */
static int
schema_version(struct store *st, int target, int *version, char **err)
{
	int appid, ntables;

	if (pragma_int(st, "PRAGMA user_version", version, err) != 0 ||
	    pragma_int(st, "PRAGMA application_id", &appid, err) != 0 ||
	    pragma_int(st, "SELECT count(*) FROM sqlite_schema", &ntables,
	    err) != 0)
		return -1;
	if ((appid != 0 && appid != APPLICATION_ID) || (appid == 0 &&
	    ntables > 0 && *version == 0)) {
		*err = xasprintf(_("%s: not a lede cache (it is another "
		    "SQLite database)"), st->path);
		return -1;
	}
	if (*version > target) {
		*err = xasprintf(_("%s: the cache has schema version %d, newer "
		    "than this lede understands (%d); upgrade lede"),
		    st->path, *version, target);
		return -1;
	}
	return 0;
}

static int
migrate(struct store *st, char **err)
{
	int version, target = (int)(sizeof migrations /
	    sizeof migrations[0]);
	char *sql;

	if (schema_version(st, target, &version, err) != 0)
		return -1;
	st->opened_version = version;
	if (version == target)
		return 0;
	if (store_readonly(st)) {
		*err = xasprintf(_("%s: the cache is read-only, and this"
		    " lede must upgrade it (schema %d to %d): run lede on it"
		    " once as a user who may write it"), st->path, version,
		    target);
		return -1;
	}
	if (exec(st, "BEGIN IMMEDIATE", err) != 0)
		return -1;
	/* Another lede may have upgraded (or created) the cache while we
	 * waited for the lock: read the version again under it, or two
	 * imports into a new cache would both create the tables. */
	if (schema_version(st, target, &version, err) != 0)
		goto fail;
	for (; version < target; version++)
		if (exec(st, migrations[version], err) != 0)
			goto fail;
	sql = xasprintf("PRAGMA user_version = %d;"
	    "PRAGMA application_id = %d", target, APPLICATION_ID);
	if (exec(st, sql, err) != 0) {
		free(sql);
		goto fail;
	}
	free(sql);
	return exec(st, "COMMIT", err);
fail:
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* SQLite's busy handler: called while another connection holds the lock
 * we need.  SQLite's own gives up after a fixed time, and polls every
 * 100 ms; an importer that takes the lock again a moment after each
 * commit then starves a second importer, which failed with "database is
 * locked" after 10 s.  Here a writer waits as long as the other one
 * commits (its -wal file changes), polls every millisecond so as to
 * catch the gap between the other's batches (store_commit leaves one),
 * and gives up after busy_ms without progress: a lock held by a stuck
 * process still fails. */
static int
busy_wait(void *arg, int count)
{
	struct store *st = arg;
	struct timespec now, pause = { 0, 1000000 };
	struct stat sb;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (count == 0) {
		st->busy_since = now;
		if (stat(st->wal_path, &st->busy_wal) != 0)
			memset(&st->busy_wal, 0, sizeof st->busy_wal);
	} else if (st->busy_progress && stat(st->wal_path, &sb) == 0 &&
	    (sb.st_size != st->busy_wal.st_size || sb.st_mtim.tv_sec !=
	    st->busy_wal.st_mtim.tv_sec || sb.st_mtim.tv_nsec !=
	    st->busy_wal.st_mtim.tv_nsec)) {
		st->busy_since = now;
		st->busy_wal = sb;
	}
	if (ms_between(&st->busy_since, &now) >= st->busy_ms)
		return 0;
	nanosleep(&pause, NULL);
	return 1;
}

static void sql_matched(sqlite3_context *, int, sqlite3_value **);

/* Two processes setting up one cache at once, the first creating it:
 * the second opened the empty file, and its switch to WAL waited for an
 * exclusive lock through the first's whole import, then failed with
 * "database is locked" (cli-concurrent.sh, 2 runs in 12).  The setup,
 * from opening to the last migration, is taken in turns under flock(2),
 * which SQLite's fcntl(2) locks do not see.  A holder stuck for
 * BUSY_MS_DEFAULT is passed by.  The descriptor stays open until
 * SQLite is closed: closing a file drops the process's fcntl locks on
 * it, SQLite's included. */
static void
open_lock(struct store *st)
{
	struct timespec start, now, pause = { 0, 1000000 };

	clock_gettime(CLOCK_MONOTONIC, &start);
	while (flock(st->open_fd, LOCK_EX | LOCK_NB) != 0 && errno ==
	    EWOULDBLOCK) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (ms_between(&start, &now) >= BUSY_MS_DEFAULT)
			return;
		nanosleep(&pause, NULL);
	}
}

static char *
no_cache_here(const char *path)
{
	return xasprintf(_("%s: no cache here (import articles first with "
	    "'lede import')"), path);
}

int
store_open(const char *path, int flags, struct store **out, char **err)
{
	static bool configured;
	struct store *st = xcalloc(1, sizeof *st);
	int oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

	/* lede has one thread, and reads no allocation statistics: without
	 * SQLite's mutexes and its count of every allocation, an import
	 * spends a few per cent less.  Both must precede the first open. */
	if (!configured) {
		sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
		configured = true;
	}
	*out = NULL;
	st->path = xstrdup(path);
	st->open_fd = -1;
	if (flags & STORE_CREATE) {
		/* Create the file ourselves so it is private from the
		 * start; SQLite gives -wal and -shm the same mode.  A file
		 * that is there is only read here: a cache we may not
		 * write can still be read (store_readonly). */
		st->open_fd = open(path, O_RDONLY | O_CLOEXEC);
		if (st->open_fd < 0 && errno == ENOENT)
			st->open_fd = open(path, O_WRONLY | O_CREAT |
			    O_CLOEXEC, 0600);
		if (st->open_fd < 0) {
			*err = xasprintf(_("%s: cannot create the cache: %s"),
			    path, strerror(errno));
			goto fail;
		}
	} else {
		/* Only an import may create a cache: no file is no cache
		 * here, and neither is a database without tables (an
		 * empty file among them), found below. */
		if (access(path, F_OK) != 0) {
			*err = no_cache_here(path);
			goto fail;
		}
		st->open_fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	if (st->open_fd >= 0)
		open_lock(st);
	if (sqlite3_open_v2(path, &st->db, oflags, NULL) != SQLITE_OK) {
		if (st->db == NULL)
			fatal("out of memory");
		fail(st, err, _("cannot open the cache"));
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	/* The busy timeout comes first: the other pragmas may wait on a
	 * concurrent importer. */
	st->wal_path = xasprintf("%s-wal", path);
	st->busy_ms = BUSY_MS_DEFAULT;
	st->busy_progress = true;
	sqlite3_busy_handler(st->db, busy_wait, st);
	/* A database without tables is no cache, whatever its size: an
	 * empty file, or an import killed while it created the cache (a
	 * page and a hot journal, which reading the schema rolls back to
	 * empty).  This read comes before the journal pragma, which would
	 * write a page to an empty file. */
	if (!(flags & STORE_CREATE)) {
		int ntables = 0;

		if (pragma_int(st, "SELECT count(*) FROM sqlite_schema",
		    &ntables, err) != 0)
			goto not_cache;
		if (ntables == 0) {
			*err = no_cache_here(path);
			goto fail;
		}
	}
	if (exec(st, "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = NORMAL;"
	    "PRAGMA foreign_keys = ON", err) != 0)
		goto not_cache;
	/* The functions first: a migration may call them. */
	if (register_tokenizer(st, err) != 0)
		goto fail;
	if (sqlite3_create_function_v2(st->db, "lede_matched", 2, SQLITE_UTF8 |
	    SQLITE_DIRECTONLY, st, sql_matched, NULL, NULL, NULL) !=
	    SQLITE_OK || sqlite3_create_function_v2(st->db, "lede_squeeze", 1,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL,
	    sql_squeeze, NULL, NULL, NULL) != SQLITE_OK) {
		fail(st, err, _("cannot open the cache"));
		goto fail;
	}
	/* Temporary data in memory, but not while migrating: rebuilding
	 * the full-text index of 100,000 articles in one statement kept a
	 * statement journal of 370 MB. */
	if (migrate(st, err) != 0 ||
	    exec(st, "PRAGMA temp_store = MEMORY", err) != 0)
		goto fail;
	st->ndocs = -1;
	if (st->open_fd >= 0)
		flock(st->open_fd, LOCK_UN);
	*out = st;
	return 0;
not_cache:
	if (sqlite3_extended_errcode(st->db) == SQLITE_READONLY_DIRECTORY) {
		/* Not the file's fault: SQLite keeps its log and index
		 * of the log beside it, even to read. */
		free(*err);
		*err = xasprintf(_("%s: cannot read the cache: its directory"
		    " is read-only, and SQLite needs to keep %s-wal and"
		    " %s-shm beside it"), path, path, path);
	} else {
		char *msg = *err;

		*err = xasprintf(_("%s (is it a lede cache?)"), msg);
		free(msg);
	}
fail:
	store_close(st);
	return -1;
}

void
store_close(struct store *st)
{
	int i;

	if (st == NULL)
		return;
	if (st->in_tx)
		store_rollback(st);
	for (i = 0; i < S_COUNT; i++)
		sqlite3_finalize(st->stmt[i]);
	sqlite3_close(st->db);
	if (st->open_fd >= 0)
		close(st->open_fd);
	free(st->df);
	free(st->last_source);
	free(st->wal_path);
	free(st->floor_match);
	free(st->fts_pending);
	terms_clear(&st->terms);
	free(st->qm_src);
	free(st->qm);
	free(st->qm_kinds);
	for (i = 0; i < MATCH_SETS; i++) {
		free(st->sets[i].match);
		free(st->sets[i].bits);
	}
	free(st->path);
	free(st);
}

int
store_opened_version(const struct store *st)
{
	return st->opened_version;
}

bool
store_readonly(const struct store *st)
{
	return sqlite3_db_readonly(st->db, "main") == 1;
}

int
store_begin(struct store *st, char **err)
{
	if (exec(st, "BEGIN IMMEDIATE", err) != 0)
		return -1;
	st->in_tx = true;
	return 0;
}

#define BATCH_FIRST	500
#define BATCH_SECONDS	3
#define BATCH_MAX	5000

int
store_batch_begin(struct store *st, struct store_batch *b, char **err)
{
	if (st->in_tx)
		return 0;
	if (store_begin(st, err) != 0)
		return -1;
	b->n = 0;
	clock_gettime(CLOCK_MONOTONIC, &b->start);
	return 0;
}

void
store_batch_count(struct store_batch *b)
{
	b->n++;
}

bool
store_batch_due(const struct store *st, const struct store_batch *b)
{
	struct timespec now;

	if (!st->in_tx)
		return false;
	if (b->every)
		return b->n >= b->every;
	if (b->n < BATCH_FIRST)
		return false;
	if (!b->committed || b->n >= BATCH_MAX)
		return true;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return ms_between(&b->start, &now) >= BATCH_SECONDS * 1000;
}

int
store_batch_commit(struct store *st, struct store_batch *b, char **err)
{
	if (!st->in_tx)
		return 0;
	if (store_commit(st, err) != 0)
		return -1;
	b->committed = true;
	return 0;
}

static int flush_sim_counts(struct store *st, char **err);
static void drop_sim_counts(struct store *st);
static int fts_write_pending(struct store *st, char **err);

int
store_commit(struct store *st, char **err)
{
	if (fts_write_pending(st, err) != 0 || flush_sim_counts(st, err) != 0) {
		store_rollback(st);
		return -1;
	}
	if (exec(st, "COMMIT", err) != 0) {
		store_rollback(st);
		return -1;
	}
	st->in_tx = false;
	/* A moment without the lock, in which another writer polling
	 * for it (busy_wait) gets its turn: batches take turns instead of
	 * one import holding the cache until it ends.  A few ms per batch
	 * of hundreds of articles. */
	{
		struct timespec pause = { 0, 3000000 };

		nanosleep(&pause, NULL);
	}
	return 0;
}

void
store_rollback(struct store *st)
{
	drop_sim_counts(st);
	st->npending = 0;
	terms_clear(&st->terms);	/* what it wrote is gone */
	if (sqlite3_get_autocommit(st->db) == 0)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_tx = false;
}

void
store_fail_put_after(struct store *st, unsigned n)
{
	st->fail_after = n;
}

/* Bind text, or NULL for a NULL pointer. */
static void
bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v != NULL)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

/* Run a statement that returns no rows, then reset it. */
static int
step_done(struct store *st, sqlite3_stmt *s, char **err)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return fail(st, err, _("cannot write the cache"));
	return 0;
}

static int
source_id(struct store *st, const char *name, int64_t *id, char **err)
{
	sqlite3_stmt *s;
	int rc;

	if (st->last_source != NULL && strcmp(st->last_source, name) == 0) {
		*id = st->last_source_id;
		return 0;
	}
	s = stmt(st, S_SOURCE_ADD);
	bind_text(s, 1, name);
	if (step_done(st, s, err) != 0)
		return -1;
	s = stmt(st, S_SOURCE_ID);
	bind_text(s, 1, name);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return fail(st, err, _("cannot write the cache"));
	free(st->last_source);
	st->last_source = xstrdup(name);
	st->last_source_id = *id;
	return 0;
}

/* Add (S_FTS_INSERT) or remove (S_FTS_DELETE) article id's entry in the
 * full-text index, under its key, with the values the content view
 * gives now. */
static int
fts_sync(struct store *st, enum stmt_id which, int64_t id, char **err)
{
	sqlite3_stmt *src = stmt(st, S_FTS_SRC), *s = stmt(st, which);
	int i, rc;

	sqlite3_bind_int64(src, 1, id);
	rc = sqlite3_step(src);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(src);
		return fail(st, err, _("cannot read the cache"));
	}
	sqlite3_bind_value(s, 1, sqlite3_column_value(src, 0));
	for (i = 0; i < 5; i++)
		sqlite3_bind_value(s, i + 2, sqlite3_column_value(src, i + 1));
	st->fts_writes++;
	rc = step_done(st, s, err);
	sqlite3_reset(src);
	sqlite3_clear_bindings(s);
	return rc;
}

/* Write the words the tokenizer met for the first time to fts_terms,
 * in the transaction of the article that has them. */
static int
flush_terms(struct store *st, char **err)
{
	struct termset *t = &st->terms;
	sqlite3_stmt *s = stmt(st, S_TERM_ADD);
	size_t i;

	for (i = 0; i < t->nfresh; i++) {
		sqlite3_bind_text(s, 1, t->fresh[i], -1, SQLITE_STATIC);
		if (step_done(st, s, err) != 0) {
			terms_clear(t);
			return -1;
		}
	}
	t->nfresh = 0;
	if (t->n > TERMS_MAX)
		terms_clear(t);
	return 0;
}

/* The entry of article id among those the index still lacks, or
 * NULL. */
static struct keyed *
fts_pending(const struct store *st, int64_t id)
{
	size_t i;

	for (i = 0; i < st->npending; i++)
		if (st->fts_pending[i].id == id)
			return &st->fts_pending[i];
	return NULL;
}

static int
keyed_cmp(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;

	return (x->key > y->key) - (x->key < y->key);
}

/* Index the articles written since the transaction began, in key
 * order: FTS5 flushes its pending index to a new segment whenever a
 * key is lower than the last one written, which in date order an
 * import of articles in any order would do at every other article. */
static int
fts_write_pending(struct store *st, char **err)
{
	sqlite3_stmt *s = stmt(st, S_KEY_OF);
	size_t i, n = st->npending;
	int rc = 0;

	if (n == 0)
		return 0;
	/* Read at the end: an article written twice may have changed
	 * its date.  (RETURNING fts_key on the write cost 50,000
	 * instructions an article more than this.) */
	for (i = 0; i < n && rc == 0; i++) {
		sqlite3_bind_int64(s, 1, st->fts_pending[i].id);
		if (sqlite3_step(s) == SQLITE_ROW)
			st->fts_pending[i].key = sqlite3_column_int64(s, 0);
		else
			rc = fail(st, err, _("cannot read the cache"));
		sqlite3_reset(s);
	}
	if (rc == 0)
		qsort(st->fts_pending, n, sizeof *st->fts_pending, keyed_cmp);
	/* Only these inserts note words: not the removal of an old
	 * version, nor a check, which tokenize documents too. */
	st->indexing = true;
	for (i = 0; i < n && rc == 0; i++)
		rc = fts_sync(st, S_FTS_INSERT, st->fts_pending[i].id, err);
	st->indexing = false;
	st->npending = 0;
	if (rc != 0)
		return -1;
	return flush_terms(st, err);
}

/* Index article id with the transaction's others (fts_write_pending),
 * or at once outside a transaction. */
static int
fts_defer(struct store *st, int64_t id, char **err)
{
	if (fts_pending(st, id) == NULL) {
		if (st->npending == st->cappending) {
			st->cappending = st->cappending ? 2 * st->cappending :
			    512;
			st->fts_pending = xreallocarray(st->fts_pending,
			    st->cappending, sizeof *st->fts_pending);
		}
		st->fts_pending[st->npending++].id = id;
	}
	return st->in_tx ? 0 : fts_write_pending(st, err);
}

static int
write_article(struct store *st, struct article *a, const char *digest,
    int64_t existing, char **err)
{
	sqlite3_stmt *s;
	int64_t src = 0;
	size_t i;

	if (a->source != NULL && source_id(st, a->source, &src, err) != 0)
		return -1;
	/* An article written earlier in this transaction is not in the
	 * index yet: it is indexed once, as it is at the end. */
	if (existing != 0 && fts_pending(st, existing) == NULL &&
	    fts_sync(st, S_FTS_DELETE, existing, err) != 0)
		return -1;
	s = stmt(st, existing ? S_UPDATE : S_INSERT);
	if (a->source != NULL)
		sqlite3_bind_int64(s, 1, src);
	else
		sqlite3_bind_null(s, 1);
	bind_text(s, 2, a->origin);
	bind_text(s, 3, a->guid ? a->guid : "");
	bind_text(s, 4, a->url);
	bind_text(s, 5, a->title);
	bind_text(s, 6, a->dek);
	bind_text(s, 7, a->byline);
	bind_text(s, 8, a->dateline);
	if (a->published != ARTICLE_UNDATED)
		sqlite3_bind_int64(s, 9, a->published);
	else
		sqlite3_bind_null(s, 9);
	sqlite3_bind_int64(s, 10, a->imported);
	bind_text(s, 11, a->body);
	bind_text(s, 12, a->language);
	bind_text(s, 13, digest);
	if (existing)
		sqlite3_bind_int64(s, 14, existing);
	if (step_done(st, s, err) != 0)
		return -1;
	a->id = existing ? existing : sqlite3_last_insert_rowid(st->db);
	if (a->id > FTS_ID_MAX) {
		*err = xasprintf(_("%s: the cache is full (article ids are "
		    "used up)"), st->path);
		return -1;
	}
	if (existing) {
		s = stmt(st, S_DEL_CAPTIONS);
		sqlite3_bind_int64(s, 1, a->id);
		if (step_done(st, s, err) != 0)
			return -1;
	}
	if (st->fail_after > 0 && --st->fail_after == 0) {
		*err = xasprintf("%s: injected failure", st->path);
		return -1;
	}
	s = stmt(st, S_ADD_CAPTION);
	for (i = 0; i < a->ncaptions; i++) {
		sqlite3_bind_int64(s, 1, a->id);
		sqlite3_bind_int64(s, 2, (int64_t)i);
		bind_text(s, 3, a->captions[i].text);
		bind_text(s, 4, a->captions[i].credit);
		if (step_done(st, s, err) != 0)
			return -1;
	}
	return fts_defer(st, a->id, err);
}

int
store_article_put(struct store *st, struct article *a, const char *digest,
    enum store_put *result, char **err)
{
	sqlite3_stmt *s = stmt(st, S_FIND);
	int64_t existing = 0;
	bool same = false;
	int rc;

	bind_text(s, 1, a->origin);
	bind_text(s, 2, a->guid ? a->guid : "");
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		existing = sqlite3_column_int64(s, 0);
		same = strcmp((const char *)sqlite3_column_text(s, 1),
		    digest) == 0;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return fail(st, err, _("cannot read the cache"));
	if (same) {
		a->id = existing;
		*result = STORE_UNCHANGED;
		return 0;
	}
	/* No savepoint per article: FTS5 flushes its pending index at every
	 * savepoint, which would cost a quarter of the import time.  A
	 * failure here leaves the article partly written inside the open
	 * transaction, so the caller must roll the batch back. */
	if (write_article(st, a, digest, existing, err) != 0) {
		/* The source cache may name a row about to be rolled back. */
		free(st->last_source);
		st->last_source = NULL;
		return -1;
	}
	*result = existing ? STORE_UPDATED : STORE_INSERTED;
	return 0;
}

/* A date column: ARTICLE_UNDATED for NULL. */
static int64_t
column_time(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? ARTICLE_UNDATED :
	    sqlite3_column_int64(s, i);
}

static char *
column_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t != NULL ? xstrdup((const char *)t) : NULL;
}

int
store_article_get(struct store *st, int64_t id, struct article **out,
    char **err)
{
	sqlite3_stmt *s = stmt(st, S_GET);
	struct article *a = NULL;
	int rc;

	*out = NULL;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		a = article_new();
		a->id = sqlite3_column_int64(s, 0);
		a->origin = column_dup(s, 1);
		a->guid = column_dup(s, 2);
		a->url = column_dup(s, 3);
		a->title = column_dup(s, 4);
		a->dek = column_dup(s, 5);
		a->byline = column_dup(s, 6);
		a->dateline = column_dup(s, 7);
		a->source = column_dup(s, 8);
		a->language = column_dup(s, 9);
		a->body = column_dup(s, 10);
		a->published = column_time(s, 11);
		a->imported = sqlite3_column_int64(s, 12);
		a->is_read = sqlite3_column_int(s, 13) != 0;
		a->is_starred = sqlite3_column_int(s, 14) != 0;
	}
	sqlite3_reset(s);
	if ((rc = lookup_done(st, rc, err)) != 0)
		return rc;
	s = stmt(st, S_GET_CAPTIONS);
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		article_add_caption(a, (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1));
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		article_free(a);
		return fail(st, err, _("cannot read the cache"));
	}
	*out = a;
	return 0;
}

int
store_article_json(struct store *st, int64_t id, char **json, char **err)
{
	sqlite3_stmt *s = stmt(st, S_JSON);
	int rc;

	*json = NULL;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*json = column_dup(s, 0);
	sqlite3_reset(s);
	return lookup_done(st, rc, err);
}

/* End a row loop: finalize s and turn a failed step into -1 and *err;
 * returns what the callback returned otherwise. */
static int
rows_done(struct store *st, sqlite3_stmt *s, int rc, int stop, char **err)
{
	if (stop == 0 && rc != SQLITE_DONE) {
		fail(st, err, _("cannot read the cache"));
		stop = -1;
	}
	sqlite3_finalize(s);
	return stop;
}

/* ---- filters (query.h) -------------------------------------------------
 * A query brings an FTS5 expression and an SQL condition over "a" whose
 * values are bound by name, so the SQL text holds no user input. */

/* Past this many matches a word is common (see add_filter), and a
 * search ranks only the newest this many (by date: the index's key);
 * it looks for them among the newest SEARCH_SCAN matches of its words. */
#define COMMON_MATCHES	1000
#define SEARCH_SCAN	5000

/* A prefix that covers at most this many words is asked as its words. */
#define PREFIX_TERMS	256
/* A listing tests at most this many words article by article. */
#define PROBE_WORDS	8

struct same_key {
	const char	*key;
	size_t		 n;	/* tokens seen */
	bool		 same;	/* the first was key */
};

static int
same_key_token(const struct text_token *t, void *ctx)
{
	struct same_key *k = ctx;

	if (k->n++ == 0)
		k->same = t->keylen == strlen(k->key) &&
		    memcmp(t->key, k->key, t->keylen) == 0;
	return k->n > 1;
}

/* Whether FTS5 asked for the index word w as a query finds w itself:
 * folding is not always idempotent ("5½" folds to "51⁄2", which is two
 * words as a query), and such a word can only be reached by a prefix. */
static bool
asks_itself(const char *w)
{
	struct same_key k = { w, 0, false };

	text_tokens(w, strlen(w), same_key_token, &k);
	return k.n == 1 && k.same;
}

/* Into w, the words of the index that begin with key, as "(" "a" OR
 * "b" ... ")", and how many: 0 when there are none or more than most. */
static int
prefix_words(struct store *st, const char *key, int most, struct strbuf *w)
{
	sqlite3_stmt *s = stmt(st, S_TERM_PREFIX);
	const char *term;
	size_t len = strlen(key);
	char *upto;
	int n = 0, rc = SQLITE_DONE;

	strbuf_reset(w);
	if (most == 0 || len == 0)
		return 0;
	upto = xstrdup(key);
	/* Keys are UTF-8, whose bytes stop below 0xF5. */
	upto[len - 1] = (char)((unsigned char)upto[len - 1] + 1);
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, upto, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, most + 1);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		term = (const char *)sqlite3_column_text(s, 0);
		if (term == NULL || strchr(term, '"') != NULL ||
		    !asks_itself(term))
			break;
		strbuf_addf(w, "%s\"%s\"", n++ ? " OR " : "(", term);
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	free(upto);
	if (rc != SQLITE_DONE || n > most)
		return 0;
	if (n > 0)
		strbuf_adds(w, ")");
	return n;
}

/* match with each one-word prefix ("gov"*) replaced by the words of the
 * index that it covers, joined by OR.  FTS5 (3.40) answers a prefix by
 * merging the posting lists of all its words before the first row,
 * whatever the query needs: gov* merged 191,123 articles' positions for
 * a page of 20.  Words joined by OR are walked together, one row at a
 * time.  A prefix of more than most words, or of none, is left to
 * FTS5, and so is one of FTS_PREFIX characters, which the index keeps
 * as one posting list.  Returns a new string, and in *kinds (new too)
 * the kind of each of its phrases in the order FTS5 numbers them: 't'
 * one word, 'm' several, 'p' a prefix, 'P' a prefix that the index
 * keeps (it costs what a word costs), 'X' the first word a prefix stood
 * for and 'x' the others (lede_rank adds up their hits and weighs them
 * as one prefix). */
static char *
expand_prefixes(struct store *st, const char *match, int most,
    char **kinds)
{
	struct strbuf b = { 0 }, w = { 0 }, k = { 0 };
	const char *p = match, *q, *end;
	char *key;
	size_t len;
	bool kept;
	int n;

	while (next_phrase(p, &q, &end)) {
		strbuf_add(&b, p, (size_t)(q - p));
		len = (size_t)(end - q - 1);
		if (end[1] != '*' || len == 0 || memchr(q + 1, ' ', len)) {
			strbuf_add(&b, q, (size_t)(end + 1 - q));
			strbuf_addc(&k, end[1] == '*' ? 'p' : memchr(q + 1,
			    ' ', len) ? 'm' : 't');
			p = end + 1;
			continue;
		}
		key = xstrndup(q + 1, len);
		kept = text_chars(key) == FTS_PREFIX;
		n = kept ? 0 : prefix_words(st, key, most, &w);
		free(key);
		if (n > 0) {
			strbuf_adds(&b, w.s);
			strbuf_addc(&k, 'X');
			while (--n > 0)
				strbuf_addc(&k, 'x');
		} else {
			strbuf_add(&b, q, (size_t)(end + 2 - q));
			strbuf_addc(&k, kept ? 'P' : 'p');
		}
		p = end + 2;
	}
	strbuf_adds(&b, p);
	strbuf_fini(&w);
	*kinds = strbuf_steal(&k);
	return strbuf_steal(&b);
}

/* f's FTS5 expression as asked of FTS5 (expand_prefixes), kept until
 * the index may have new words; qkinds, its kinds.  (A search copies
 * both and binds its copy, so that its statements agree with its kinds
 * even if an import commits in between.) */
static const char *
qmatch(struct store *st, const struct query *f)
{
	const char *match = f != NULL ? query_match(f) : NULL;
	int64_t version;

	if (match == NULL)
		return NULL;
	version = store_data_version(st);
	if (st->qm_src != NULL && strcmp(st->qm_src, match) == 0 &&
	    st->qm_version == version && st->qm_writes == st->fts_writes)
		return st->qm;
	free(st->qm_src);
	free(st->qm);
	free(st->qm_kinds);
	st->qm_src = xstrdup(match);
	st->qm = expand_prefixes(st, match, PREFIX_TERMS, &st->qm_kinds);
	st->qm_version = version;
	st->qm_writes = st->fts_writes;
	return st->qm;
}

static const char *
qkinds(struct store *st, const struct query *f)
{
	return qmatch(st, f) != NULL ? st->qm_kinds : "";
}

/* How a listing tests its words (see words_plan). */
enum words_plan {
	WORDS_IDS,	/* the list of matching ids, from one lookup */
	WORDS_PROBE,	/* FTS5, article by article along the date order */
	WORDS_SET,	/* match_set's bitmap, article by article */
	WORDS_WALK,	/* FTS5 walks its matches in date order (its keys) */
};

/* The condition of filter f over articles "a", starting with " AND".
 * Rare words are looked up once, as a list of ids; common ones article
 * by article while walking the list in date order, which stops after a
 * page instead of collecting most of the cache first (2 s at 200,000). */
static void
add_filter(struct strbuf *sql, const struct query *f, enum words_plan plan)
{
	if (f == NULL)
		return;
	if (query_match(f) != NULL)
		strbuf_adds(sql, plan == WORDS_PROBE ? " AND EXISTS (SELECT 1"
		    " FROM article_fts WHERE article_fts MATCH :qm AND"
		    " rowid = a.fts_key)" : plan == WORDS_SET ?
		    " AND lede_matched(:qm, a.id)" : " AND a.id IN (SELECT "
		    SQL_FTS_ID("rowid") " FROM article_fts WHERE article_fts"
		    " MATCH :qm)");
	if (strcmp(query_where(f), "1") != 0)
		strbuf_addf(sql, " AND (%s)", query_where(f));
}

/* Folded, a cluster shows as its oldest member among those that match:
 * most often the original that the others copied. */
static void
add_fold(struct strbuf *sql, const struct query *f, enum words_plan plan)
{
	strbuf_adds(sql, " AND (a.cluster_id IS NULL OR NOT EXISTS"
	    " (SELECT 1 FROM articles b WHERE b.cluster_id = a.cluster_id"
	    " AND (b.sort_time, b.id) < (a.sort_time, a.id)");
	if (f != NULL) {
		/* The filter again, over its own "a", for b alone (a list of
		 * every match would be built first). */
		strbuf_adds(sql, " AND EXISTS (SELECT 1 FROM articles a"
		    " WHERE a.id = b.id");
		add_filter(sql, f, plan);
		strbuf_adds(sql, ")");
	}
	strbuf_adds(sql, "))");
}

/* Filter f again for a cluster's member "c", over an "a" of its own. */
static void
add_member_filter(struct strbuf *sql, const struct query *f,
    enum words_plan plan)
{
	if (f == NULL)
		return;
	strbuf_adds(sql, " AND EXISTS (SELECT 1 FROM articles a"
	    " WHERE a.id = c.id");
	add_filter(sql, f, plan == WORDS_WALK ? WORDS_PROBE : plan);
	strbuf_adds(sql, ")");
}

static void
bind_filter(struct store *st, sqlite3_stmt *s, const struct query *f)
{
	const struct query_param *p;
	char name[32];
	size_t i, n;
	int at;

	if (f == NULL)
		return;
	if (query_match(f) != NULL && (at = sqlite3_bind_parameter_index(s,
	    ":qm")) > 0)
		sqlite3_bind_text(s, at, qmatch(st, f), -1, SQLITE_TRANSIENT);
	p = query_params(f, &n);
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof name, ":q%zu", i + 1);
		if ((at = sqlite3_bind_parameter_index(s, name)) == 0)
			continue;
		if (p[i].is_text)
			sqlite3_bind_text(s, at, p[i].text, -1, SQLITE_STATIC);
		else
			sqlite3_bind_int64(s, at, p[i].num);
	}
}

/* No floor: keys are negative before 1970. */
#define NO_FLOOR	INT64_MIN

/* Keys in [lo, hi]: a search's dates (see keys_of). */
struct key_range {
	int64_t	lo, hi;
};

static const struct key_range ALL_KEYS = { INT64_MIN, INT64_MAX };

/* The key (fts_key) of the n-th newest article with a key in r that the
 * FTS5 expression match matches, or NO_FLOOR when fewer match. */
static int64_t
match_floor(struct store *st, const char *match, int n, struct key_range r)
{
	sqlite3_stmt *s = NULL;
	int64_t floor = NO_FLOOR;

	if (sqlite3_prepare_v2(st->db, "SELECT rowid FROM article_fts WHERE"
	    " article_fts MATCH ?1 AND rowid BETWEEN ?3 AND ?4 ORDER BY"
	    " rowid DESC LIMIT 1 OFFSET ?2", -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 2, n - 1);
		sqlite3_bind_int64(s, 3, r.lo);
		sqlite3_bind_int64(s, 4, r.hi);
		if (sqlite3_step(s) == SQLITE_ROW)
			floor = sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	return floor;
}

/* match with each phrase of several words ("a b") asked as its words,
 * all of them, anywhere ("a" "b"): FTS5 finds where such a phrase
 * starts to be rare without checking positions. */
static char *
phrase_words(const char *match)
{
	struct strbuf b = { 0 };
	const char *p = match, *q, *end, *sp;

	while (next_phrase(p, &q, &end)) {
		strbuf_add(&b, p, (size_t)(q - p));
		sp = memchr(q + 1, ' ', (size_t)(end - q - 1));
		if (sp == NULL || end[1] == '*') {
			strbuf_add(&b, q, (size_t)(end + 1 - q));
		} else {
			strbuf_adds(&b, "(\"");
			for (q++; q < end; q++)
				if (*q == ' ')
					strbuf_adds(&b, "\" \"");
				else
					strbuf_addc(&b, *q);
			strbuf_adds(&b, "\")");
		}
		p = end + 1;
	}
	strbuf_adds(&b, p);
	return strbuf_steal(&b);
}

/* match_floor at COMMON_MATCHES, or NO_FLOOR without words: whether
 * the words are common (add_filter).  Kept for the last words asked:
 * the reader asks again on every page of a list.  An import since then
 * changes which plan is quicker, never the rows. */
static int64_t
matches_floor(struct store *st, const struct query *f)
{
	if (f == NULL || query_match(f) == NULL)
		return NO_FLOOR;
	if (st->floor_match != NULL && strcmp(st->floor_match,
	    query_match(f)) == 0)
		return st->floor;
	st->floor = match_floor(st, qmatch(st, f), COMMON_MATCHES, ALL_KEYS);
	free(st->floor_match);
	st->floor_match = xstrdup(query_match(f));
	return st->floor;
}

/* The ids an FTS5 expression matches, as a bitmap kept until another
 * connection commits or this one changes the index (a read mark does
 * not): for a prefix or a phrase, which FTS5
 * cannot test article by article without merging the posting lists of
 * every word of the prefix, or checking positions, again for each (gov*
 * on 200,000 articles: 3.6 G instructions for a page), and for a
 * negated word; SQLite's own list of ids, an index, cost 800 M more to
 * build than this.  The reader asks again on every page.  NULL if the
 * cache cannot be read. */
static struct match_set *
match_set(struct store *st, const char *match)
{
	struct match_set *m = NULL;
	sqlite3_stmt *s = NULL;
	int64_t version = store_data_version(st);
	char *kinds, *asked;
	bool one;
	size_t i;
	int rc;

	st->set_clock++;
	for (i = 0; i < MATCH_SETS; i++) {
		if (st->sets[i].match != NULL && strcmp(st->sets[i].match,
		    match) == 0) {
			m = &st->sets[i];
			if (m->version == version && m->writes ==
			    st->fts_writes) {
				m->used = st->set_clock;
				return m;
			}
			break;
		}
		if (m == NULL || st->sets[i].used < m->used)
			m = &st->sets[i];	/* the least recently asked */
	}
	free(m->match);
	m->match = NULL;
	m->count = 0;
	m->gen++;
	if (m->words > 0)
		memset(m->bits, 0, m->words * sizeof *m->bits);
	/* Words, or words joined by OR (several -words), are walked
	 * inside FTS5 by lede_collect: a row of SQL for each match was
	 * half of the cost (191,123 rows: 132 M instructions, now 68 M),
	 * and so are the words a prefix stands for.  Not a prefix left to
	 * FTS5, nor a phrase: the first row would merge or check them
	 * once more. */
	asked = expand_prefixes(st, match, PREFIX_TERMS, &kinds);
	one = strspn(kinds, "tXx") == strlen(kinds) && words_or(asked);
	free(kinds);
	if (sqlite3_prepare_v2(st->db, one ? "SELECT lede_collect(article_fts,"
	    " ?2) FROM article_fts WHERE article_fts MATCH ?1 LIMIT 1" :
	    "SELECT rowid FROM article_fts WHERE article_fts MATCH ?1", -1,
	    &s, NULL) != SQLITE_OK) {
		free(asked);
		return NULL;
	}
	sqlite3_bind_text(s, 1, asked, -1, free);
	if (one)
		sqlite3_bind_pointer(s, 2, m, "lede_set", NULL);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (!one)
			set_add(m, FTS_ID(sqlite3_column_int64(s, 0)));
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return NULL;
	m->match = xstrdup(match);
	m->version = version;
	m->writes = st->fts_writes;
	m->used = st->set_clock;
	return m;
}

/* What a statement keeps of lede_matched's set between rows. */
struct set_ref {
	struct match_set	*m;
	unsigned		 gen;
};

/* lede_matched(match, id): whether the FTS5 expression match matches
 * article id, from match_set, looked up once per statement. */
static void
sql_matched(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store *st = sqlite3_user_data(ctx);
	struct set_ref *ref = sqlite3_get_auxdata(ctx, 0);
	const char *match = (const char *)sqlite3_value_text(argv[0]);
	int64_t id = sqlite3_value_int64(argv[1]);
	struct match_set *m;

	(void)argc;
	if (ref == NULL || ref->m->gen != ref->gen || ref->m->match == NULL) {
		if (match == NULL || (m = match_set(st, match)) == NULL) {
			/* SQLite's own words: locked, full, corrupt... */
			sqlite3_result_error(ctx, sqlite3_errmsg(st->db), -1);
			return;
		}
		ref = xcalloc(1, sizeof *ref);
		ref->m = m;
		ref->gen = m->gen;
		sqlite3_set_auxdata(ctx, 0, ref, free);
		if ((ref = sqlite3_get_auxdata(ctx, 0)) == NULL) {
			/* SQLite could not keep it: answer this row. */
			sqlite3_result_int(ctx, id >= 0 && (size_t)(id / 64) <
			    m->words && (m->bits[id / 64] >> (id % 64) & 1));
			return;
		}
	}
	m = ref->m;
	sqlite3_result_int(ctx, id >= 0 && (size_t)(id / 64) < m->words &&
	    (m->bits[id / 64] >> (id % 64) & 1));
}

/* How a listing finds f's words.  Words alone, when the listing has no
 * other condition (alone), are walked by FTS5 in its key order, which
 * is date order: it stops after a page, where a phrase of two common
 * words checked positions in every article with both (297 M
 * instructions at 200,000 articles, now 10 M).  With other conditions
 * the walk could go through every match before a page passes, so past
 * COMMON_MATCHES, a single word is tested article by article by FTS5
 * along the date order, and a prefix or a phrase by match_set's bitmap;
 * fewer are looked up as a list. */
static enum words_plan
words_plan(struct store *st, const struct query *f, bool alone)
{
	struct match_set *m;
	const char *kinds;
	bool words;

	if (f == NULL || query_match(f) == NULL)
		return WORDS_IDS;
	if (alone && strcmp(query_where(f), "1") == 0)
		return WORDS_WALK;
	kinds = qkinds(st, f);
	/* Each test sets up every word again: past a few words (a prefix
	 * of many), reading them once into a set is cheaper. */
	words = strspn(kinds, "tPXx") == strlen(kinds) && strlen(kinds) <=
	    PROBE_WORDS;
	if (words)
		return matches_floor(st, f) != NO_FLOOR ? WORDS_PROBE :
		    WORDS_IDS;
	/* The string that add_filter's lede_matched gets (bind_filter),
	 * so that the set is built once. */
	if ((m = match_set(st, qmatch(st, f))) == NULL)
		return WORDS_IDS;
	return m->count > COMMON_MATCHES ? WORDS_SET : WORDS_IDS;
}

/* The plan of a statement that reads every match of the FTS5
 * expression match (NULL: none), a count or a mark: a common word once,
 * into match_set's bitmap, which a walk interrupted by a progress
 * handler leaves empty, not short; a rare one as a list of ids.  -1
 * when the cache cannot be read. */
static int
every_match_plan(struct store *st, const char *match, enum words_plan *plan)
{
	struct match_set *m;

	*plan = WORDS_IDS;
	if (match == NULL)
		return 0;
	if ((m = match_set(st, match)) == NULL)
		return -1;
	if (m->count > COMMON_MATCHES)
		*plan = WORDS_SET;
	return 0;
}

/* Prepare sql and free it.  query.c writes only FTS5 expressions that
 * SQLite accepts (its fuzz target runs every parsed query), so a failure
 * here or while stepping is the cache's. */
static int
prepare_filtered(struct store *st, struct strbuf *sql, sqlite3_stmt **s,
    char **err)
{
	int rc = sqlite3_prepare_v2(st->db, sql->s, -1, s, NULL);

	strbuf_fini(sql);
	if (rc != SQLITE_OK)
		return fail(st, err, _("cannot read the cache"));
	return 0;
}

/* prepare_filtered for a listing: its filter and its ":limit" bound. */
static int
prepare_listing(struct store *st, struct strbuf *sql,
    const struct store_list_query *q, sqlite3_stmt **s, char **err)
{
	if (prepare_filtered(st, sql, s, err) != 0)
		return -1;
	bind_filter(st, *s, q->filter);
	sqlite3_bind_int64(*s, sqlite3_bind_parameter_index(*s, ":limit"),
	    q->limit > 0 ? q->limit : -1);
	return 0;
}

/* The join "k" of a listing's page: the ids of the articles that pass
 * where (conditions starting with " AND", or "") and filter f, folded or
 * not, in date order, newest first if older, limited to :limit; the
 * columns come after, for those rows only.  A filter that makes SQLite
 * sort (source:, -word) then sorts ids, not rows with their JSON (60 M
 * instructions for one outlet's 7,600 articles).  For WORDS_WALK, where
 * may name the index's key, f.rowid. */
static void
add_page_ids(struct strbuf *sql, const char *where, const struct query *f,
    bool fold, enum words_plan plan, bool older)
{
	const char *dir = older ? "DESC" : "ASC";

	if (plan == WORDS_WALK) {
		/* CROSS JOIN keeps the index's walk outermost, so that
		 * its order is the listing's. */
		strbuf_addf(sql, " JOIN (SELECT a.id AS kid FROM article_fts f"
		    " CROSS JOIN articles a ON a.id = " SQL_FTS_ID("f.rowid")
		    " WHERE article_fts MATCH :qm%s", where);
		/* A copy is tested on its own, one of few. */
		if (fold)
			add_fold(sql, f, WORDS_PROBE);
		strbuf_addf(sql, " ORDER BY f.rowid %s LIMIT :limit) k", dir);
	} else {
		strbuf_addf(sql, " JOIN (SELECT a.id AS kid FROM articles a"
		    " WHERE 1%s", where);
		add_filter(sql, f, plan);
		if (fold)
			add_fold(sql, f, plan);
		strbuf_addf(sql, " ORDER BY a.sort_time %s, a.id %s"
		    " LIMIT :limit) k", dir, dir);
	}
	strbuf_addf(sql, " ON a.id = k.kid ORDER BY a.sort_time %s, a.id %s",
	    dir, dir);
}

#define LIST_COLUMNS \
	"SELECT a.id, a.origin, a.title, s.name, a.published, a.is_read," \
	" a.is_starred, json_object('id', a.id, 'origin', a.origin," \
	" 'title', a.title, 'source', s.name," \
	" 'published', strftime('%Y-%m-%d', a.published, 'unixepoch')," \
	" 'language', a.language," \
	" 'read', json(iif(a.is_read, 'true', 'false'))," \
	" 'starred', json(iif(a.is_starred, 'true', 'false')))" \
	" FROM articles a LEFT JOIN sources s ON s.id = a.source_id"

int
store_list(struct store *st, const struct store_list_query *q,
    store_row_fn fn, void *ctx, char **err)
{
	struct strbuf sql = { 0 };
	sqlite3_stmt *s = NULL;
	struct store_row row;
	int rc, stop = 0;

	strbuf_adds(&sql, LIST_COLUMNS);
	add_page_ids(&sql, "", q->filter, q->fold, words_plan(st, q->filter,
	    true), true);
	if (prepare_listing(st, &sql, q, &s, err) != 0)
		return -1;
	while (stop == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		row.id = sqlite3_column_int64(s, 0);
		row.origin = (const char *)sqlite3_column_text(s, 1);
		row.title = (const char *)sqlite3_column_text(s, 2);
		row.source = (const char *)sqlite3_column_text(s, 3);
		row.published = column_time(s, 4);
		row.is_read = sqlite3_column_int(s, 5) != 0;
		row.is_starred = sqlite3_column_int(s, 6) != 0;
		row.json = (const char *)sqlite3_column_text(s, 7);
		stop = fn(&row, ctx);
	}
	return rows_done(st, s, rc, stop, err);
}

/* The ranking: BM25 (lede_rank, negative, lower is better; titles weigh
 * 8, deks 3, bylines 2, bodies 1, captions 2) raised by up to half for
 * the newest articles, a quarter at two weeks older than the newest dated
 * article in the cache; relative to the cache, not the clock, so an
 * archive ranks the same next year.  An undated article gets no lift: its
 * import time says nothing of when the story ran. */
#define SEARCH_SCORE \
	"(-lede_rank(article_fts, :kinds, :hits, 8.0, 3.0, 2.0, 1.0," \
	" 2.0) * (1.0 + coalesce(0.5 / (1.0 + (:newest - a.published) /" \
	" 1209600.0), 0.0)))"

/* A search by date, for a query without words: no scores, no snippets. */
static int
search_by_date(struct store *st, const struct store_list_query *q,
    store_hit_fn fn, void *ctx, char **err)
{
	struct strbuf sql = { 0 };
	sqlite3_stmt *s = NULL;
	struct store_hit h = { .snippet = "" };
	int rc, stop = 0;

	strbuf_adds(&sql, "SELECT a.id, a.title, s.name, a.published,"
	    " json_object('id', a.id, 'title', a.title, 'source', s.name,"
	    " 'published', strftime('%Y-%m-%d', a.published, 'unixepoch'),"
	    " 'score', 0.0, 'snippet', '') FROM articles a LEFT JOIN sources s"
	    " ON s.id = a.source_id");
	add_page_ids(&sql, "", q->filter, q->fold, WORDS_IDS, true);
	if (prepare_listing(st, &sql, q, &s, err) != 0)
		return -1;
	while (stop == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		h.id = sqlite3_column_int64(s, 0);
		h.title = (const char *)sqlite3_column_text(s, 1);
		h.source = (const char *)sqlite3_column_text(s, 2);
		h.published = column_time(s, 3);
		h.json = (const char *)sqlite3_column_text(s, 4);
		stop = fn(&h, ctx);
	}
	return rows_done(st, s, rc, stop, err);
}

/* The sort_time of the newest dated article into *t, or false when no
 * article has a date. */
static bool
newest_dated(struct store *st, int64_t *t)
{
	sqlite3_stmt *s = stmt(st, S_NEWEST_DATED);
	bool found = false;

	if (sqlite3_step(s) == SQLITE_ROW &&
	    sqlite3_column_type(s, 0) != SQLITE_NULL) {
		*t = sqlite3_column_int64(s, 0);
		found = true;
	}
	sqlite3_reset(s);
	return found;
}

/* The keys an article of filter f can have, when it matches dated
 * articles alone (query_dated): those of its dates, and none above the
 * newest dated article (dated says whether there is one, newest its
 * time), since the undated sort by their import time, above every
 * date of a bulk import (40,000 of the 200,000-article bench cache,
 * which a search with since: stepped over: 777 M instructions).  A walk
 * of the dates alone reads the rows of those dates only. */
static struct key_range
keys_of(const struct query *f, bool dated, int64_t newest)
{
	struct key_range r = ALL_KEYS;
	int64_t from, to, hi;

	if (!query_dated(f, &from, &to))
		return r;
	if (from != INT64_MIN)
		r.lo = key_at(from);
	/* No dated article: no key. */
	r.hi = dated ? key_at(newest) + FTS_ID_MAX : INT64_MIN;
	if (to != INT64_MAX && to > SORT_TIME_MIN && to <= SORT_TIME_MAX &&
	    (hi = key_at(to) - 1) < r.hi)
		r.hi = hi;
	return r;
}

/* Pass 1 of store_search: rank the newest COMMON_MATCHES matches of the
 * FTS5 expression match (of kinds) and q's filter with keys in r, the
 * recency lift counted from newest (dated: see newest_dated), and put
 * the page into top as a JSON array of [id, score], with its count and
 * key range, and into hits the phrases the page has.  0, or -1 with
 * *err. */
static int
search_rank(struct store *st, const struct store_list_query *q,
    const char *match, const char *kinds, struct key_range r, bool dated,
    int64_t newest, struct rank_hits *hits, struct strbuf *top, size_t *n,
    int64_t *lo, int64_t *hi, char **err)
{
	struct strbuf sql = { 0 };
	sqlite3_stmt *s = NULL;
	int64_t id, key;
	int rc;

	strbuf_adds(&sql, "SELECT id, score, key FROM (SELECT a.id AS id, "
	    SEARCH_SCORE " AS score, f.rowid AS key FROM article_fts f"
	    " CROSS JOIN articles a ON a.id = " SQL_FTS_ID("f.rowid")
	    " WHERE article_fts MATCH :qm");
	if (r.lo != INT64_MIN)
		strbuf_addf(&sql, " AND f.rowid >= %lld", (long long)r.lo);
	if (r.hi != INT64_MAX)
		strbuf_addf(&sql, " AND f.rowid <= %lld", (long long)r.hi);
	if (strcmp(query_where(q->filter), "1") != 0)
		strbuf_addf(&sql, " AND (%s)", query_where(q->filter));
	if (q->fold)
		add_fold(&sql, q->filter, words_plan(st, q->filter, false));
	strbuf_addf(&sql, " ORDER BY f.rowid DESC LIMIT %d)"
	    " ORDER BY score DESC, id DESC LIMIT :limit", COMMON_MATCHES);
	if (prepare_listing(st, &sql, q, &s, err) != 0)
		return -1;
	sqlite3_bind_text(s, sqlite3_bind_parameter_index(s, ":qm"), match,
	    -1, SQLITE_STATIC);
	sqlite3_bind_text(s, sqlite3_bind_parameter_index(s, ":kinds"), kinds,
	    -1, SQLITE_STATIC);
	if (dated)
		sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s,
		    ":newest"), newest);
	/* Only an OR of words can be narrowed (search_narrow). */
	rank_hits_fini(hits);
	if (words_or(match))
		sqlite3_bind_pointer(s, sqlite3_bind_parameter_index(s,
		    ":hits"), hits, "lede_hits", NULL);
	strbuf_reset(top);
	strbuf_adds(top, "[");
	*n = 0;
	*lo = INT64_MAX;
	*hi = INT64_MIN;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		id = sqlite3_column_int64(s, 0);
		strbuf_addf(top, "%s[%lld,%.17g]", (*n)++ ? "," : "",
		    (long long)id, sqlite3_column_double(s, 1));
		rank_hits_page(hits, id);
		key = sqlite3_column_int64(s, 2);
		if (key < *lo)
			*lo = key;
		if (key > *hi)
			*hi = key;
	}
	strbuf_adds(top, "]");
	return rows_done(st, s, rc, 0, err) != 0 ? -1 : 0;
}

/* Search in two statements.  The first ranks the matches (past
 * COMMON_MATCHES, the newest ones) and keeps the best page; the second
 * makes the snippets of that page alone, with one walk of the matches
 * between its lowest and highest key: asked article by article, FTS5
 * would evaluate the query again for each, and a prefix would merge its
 * posting lists each time. */
int
store_search(struct store *st, const struct store_list_query *q,
    store_hit_fn fn, void *ctx, char **err)
{
	struct strbuf sql = { 0 }, top = { 0 };
	struct rank_hits hits = { 0 };
	sqlite3_stmt *s = NULL;
	struct store_hit h;
	struct key_range r, window;
	char *match, *kinds, *narrow;
	int64_t floor, newest = 0, lo, hi;
	size_t n = 0, want;
	bool dated;
	int rc, stop = 0;

	if (q->filter == NULL || query_match(q->filter) == NULL)
		return search_by_date(st, q, fn, ctx, err);
	/* Ranking costs about 10 us an article: a word in most of the
	 * cache would take seconds.  Only the newest COMMON_MATCHES
	 * matches are ranked, found in one walk of the index from the
	 * newest article down; with a filter that few of
	 * them pass (since:, source:) the walk stops at the newest
	 * SEARCH_SCAN matches of the words.  For a phrase, that is the
	 * newest SEARCH_SCAN articles that have all its words: checking
	 * positions in every article that has two common words took 100
	 * ms at 200,000 articles.  A prefix has no such bound: FTS5 merges
	 * the posting lists of its words before the first row.  When
	 * fewer than a page pass in the window (an old date, a phrase of
	 * words that are mostly apart), the walk goes on to the end, with
	 * prefixes as FTS5 asks them: an OR of many words costs a test of
	 * each at every row, more than one merge over the whole cache. */
	match = xstrdup(qmatch(st, q->filter));
	kinds = xstrdup(st->qm_kinds);	/* of that same expansion */
	dated = newest_dated(st, &newest);
	r = keys_of(q->filter, dated, newest);
	if (strchr(kinds, 'p') != NULL || (strchr(kinds, 'm') == NULL &&
	    !q->fold && strcmp(query_where(q->filter), "1") == 0)) {
		/* Words without a filter: each row of the walk is a
		 * match, and it stops at COMMON_MATCHES. */
		floor = NO_FLOOR;
	} else if (strchr(kinds, 'm') != NULL) {
		char *words = phrase_words(match);

		floor = match_floor(st, words, SEARCH_SCAN, r);
		free(words);
	} else
		floor = match_floor(st, match, SEARCH_SCAN, r);
	want = q->limit > 0 ? (size_t)q->limit : COMMON_MATCHES;
	window = r;
	if (floor > window.lo)
		window.lo = floor;
	if (search_rank(st, q, match, kinds, window, dated, newest, &hits,
	    &top, &n, &lo, &hi, err) != 0) {
		stop = -1;
		goto out;
	}
	if (floor != NO_FLOOR && n < want) {
		free(match);
		free(kinds);
		match = expand_prefixes(st, query_match(q->filter), 0, &kinds);
		if (search_rank(st, q, match, kinds, r, dated, newest, &hits,
		    &top, &n, &lo, &hi, err) != 0) {
			stop = -1;
			goto out;
		}
	}
	if (n == 0)
		goto out;
	if ((narrow = search_narrow(match, &hits)) != NULL) {
		free(match);
		match = narrow;
	}
	/* CROSS JOIN keeps the FTS5 walk outermost; "+" keeps the page's
	 * ids a test on each row, not one FTS5 lookup each. */
	strbuf_adds(&sql, "SELECT a.id, a.title, s.name, a.published,"
	    " (SELECT json_extract(value, '$[1]') FROM json_each(:top)"
	    " WHERE json_extract(value, '$[0]') = a.id) AS score,"
	    " lede_squeeze(lede_snippet(article_fts, char(1), char(2), '…',"
	    " 16)) AS snip"
	    " FROM article_fts f CROSS JOIN articles a"
	    " ON a.id = " SQL_FTS_ID("f.rowid")
	    " LEFT JOIN sources s ON s.id = a.source_id"
	    " WHERE article_fts MATCH :qm AND f.rowid BETWEEN :lo AND :hi"
	    " AND +a.id IN (SELECT json_extract(value, '$[0]')"
	    " FROM json_each(:top))");
	{
		struct strbuf outer = { 0 };

		strbuf_addf(&outer, "SELECT id, title, name, published, score,"
		    " snip, json_object('id', id, 'title', title, 'source',"
		    " name, 'published', strftime('%%Y-%%m-%%d', published,"
		    " 'unixepoch'), 'score', round(score, 4), 'snippet',"
		    " replace(replace(snip, char(1), '['), char(2), ']'))"
		    " FROM (%s) ORDER BY score DESC, id DESC", sql.s);
		strbuf_fini(&sql);
		sql = outer;
	}
	if (prepare_filtered(st, &sql, &s, err) != 0) {
		stop = -1;
		goto out;
	}
	bind_filter(st, s, q->filter);
	sqlite3_bind_text(s, sqlite3_bind_parameter_index(s, ":qm"), match, -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(s, sqlite3_bind_parameter_index(s, ":top"), top.s,
	    -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":lo"), lo);
	sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":hi"), hi);
	while (stop == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		h.id = sqlite3_column_int64(s, 0);
		h.title = (const char *)sqlite3_column_text(s, 1);
		h.source = (const char *)sqlite3_column_text(s, 2);
		h.published = column_time(s, 3);
		h.score = sqlite3_column_double(s, 4);
		h.snippet = (const char *)sqlite3_column_text(s, 5);
		if (h.snippet == NULL)
			h.snippet = "";
		h.json = (const char *)sqlite3_column_text(s, 6);
		stop = fn(&h, ctx);
	}
	stop = rows_done(st, s, rc, stop, err);
out:
	free(match);
	free(kinds);
	strbuf_fini(&top);
	rank_hits_fini(&hits);
	return stop;
}

int
store_snippet(struct store *st, const struct query *filter, int64_t id,
    char **out, char **err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	*out = NULL;
	if (filter == NULL || query_match(filter) == NULL)
		return 0;
	if (sqlite3_prepare_v2(st->db, "SELECT lede_squeeze(lede_snippet("
	    "article_fts, char(1), char(2), '…', 24)) FROM article_fts"
	    " WHERE article_fts MATCH :qm AND rowid = (SELECT fts_key FROM"
	    " articles WHERE id = :id)", -1, &s, NULL) != SQLITE_OK)
		return fail(st, err, _("cannot read the cache"));
	bind_filter(st, s, filter);
	sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":id"), id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = column_dup(s, 0);
	return rows_done(st, s, rc == SQLITE_ROW ? SQLITE_DONE : rc, 0,
	    err);
}

#define STATS_SQL \
	"SELECT (SELECT count(*) FROM articles) AS articles," \
	" (SELECT count(*) FROM articles WHERE NOT is_read) AS unread," \
	" (SELECT count(*) FROM articles WHERE is_starred) AS starred," \
	" (SELECT count(DISTINCT source_id) FROM articles) AS sources," \
	" (SELECT count(*) FROM captions) AS captions," \
	" (SELECT count(*) FROM articles WHERE published IS NULL) AS undated," \
	" (SELECT min(published) FROM articles) AS oldest," \
	" (SELECT max(published) FROM articles) AS newest," \
	" (SELECT (page_count - freelist_count) * page_size" \
	"   FROM pragma_page_count, pragma_freelist_count, pragma_page_size)" \
	"   AS bytes," \
	" (SELECT user_version FROM pragma_user_version) AS schema"

int
store_stats(struct store *st, struct store_stats *out, char **err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, STATS_SQL, -1, &s, NULL) != SQLITE_OK)
		return fail(st, err, _("cannot read the cache"));
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->articles = sqlite3_column_int64(s, 0);
		out->unread = sqlite3_column_int64(s, 1);
		out->starred = sqlite3_column_int64(s, 2);
		out->sources = sqlite3_column_int64(s, 3);
		out->captions = sqlite3_column_int64(s, 4);
		out->undated = sqlite3_column_int64(s, 5);
		out->oldest = column_time(s, 6);
		out->newest = column_time(s, 7);
		out->bytes = sqlite3_column_int64(s, 8);
		out->schema = sqlite3_column_int(s, 9);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return fail(st, err, _("cannot read the cache"));
	return 0;
}

/* Each query yields rows of problems (none when all is well). */
static const struct {
	enum store_damage	 what;
	const char		*sql;
} check_sql[] = {
	{ STORE_DAMAGE_FILE,
	"SELECT integrity_check FROM pragma_integrity_check(100)"
	"  WHERE integrity_check <> 'ok'" },
	{ STORE_DAMAGE_SEARCH,
	"SELECT 'articles missing from the full-text index: ' || count(*)"
	"  FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_fts_docsize"
	"  d WHERE d.id = a.fts_key) HAVING count(*) > 0" },
	{ STORE_DAMAGE_DERIVED,
	"SELECT 'articles without similarity data: ' || count(*)"
	"  FROM articles a WHERE NOT EXISTS (SELECT 1 FROM sim_sig s"
	"  WHERE s.article_id = a.id) HAVING count(*) > 0" },
	/* Written by a lede from before the list (schema 6) that was
	 * still importing when another upgraded the cache. */
	{ STORE_DAMAGE_DERIVED,
	"SELECT 'words of the full-text index missing from the list that'"
	"  || ' prefixes search: ' || count(*) FROM temp.fts_vocab v"
	"  WHERE NOT EXISTS (SELECT 1 FROM fts_terms t WHERE t.term = v.term)"
	"  HAVING count(*) > 0" },
};

int
store_terms_fill(struct store *st, char **err)
{
	return exec(st, TERMS_FILL, err);
}

int
store_fts_rebuild(struct store *st, char **err)
{
	int rc;

	/* One statement writes the whole index: its statement journal
	 * goes to a file, not to memory (see store_open). */
	if (exec(st, "PRAGMA temp_store = FILE", err) != 0)
		return -1;
	rc = exec(st, "BEGIN IMMEDIATE;" FTS_REBUILD "COMMIT;", err);
	if (rc != 0)
		store_rollback(st);
	sqlite3_exec(st->db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
	return rc;
}

int
store_check(struct store *st, store_problem_fn fn, void *ctx, char **err)
{
	sqlite3_stmt *s = NULL;
	char *msg = NULL;
	size_t i;
	int rc, n = 0;

	if (exec(st, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_vocab"
	    " USING fts5vocab(main, article_fts, row)", err) != 0)
		return -1;
	for (i = 0; i < sizeof check_sql / sizeof check_sql[0]; i++) {
		if (sqlite3_prepare_v2(st->db, check_sql[i].sql, -1, &s,
		    NULL) != SQLITE_OK)
			return fail(st, err, _("cannot check the cache"));
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			fn(check_sql[i].what,
			    (const char *)sqlite3_column_text(s, 0), ctx);
			n++;
		}
		/* SQLite's own check may stop at a page it cannot read:
		 * that is a finding too. */
		if (rc != SQLITE_DONE && (rc & 0xff) == SQLITE_CORRUPT &&
		    check_sql[i].what == STORE_DAMAGE_FILE) {
			fn(STORE_DAMAGE_FILE, sqlite3_errmsg(st->db), ctx);
			n++;
			rc = SQLITE_DONE;
		}
		sqlite3_finalize(s);
		if (rc != SQLITE_DONE)
			return fail(st, err, _("cannot check the cache"));
		/* The other checks read through a damaged file, and would
		 * stop at its first bad page with SQLite's "malformed". */
		if (check_sql[i].what == STORE_DAMAGE_FILE && n > 0)
			return n;
	}
	if (exec(st, "DROP TABLE temp.fts_vocab", err) != 0)
		return -1;
	/* FTS5 compares its index with the content it was built from; it
	 * reports a difference as SQLITE_CORRUPT_VTAB.  The comparison is
	 * asked as a write, which a read-only cache refuses: there it is
	 * left out (store_readonly tells the caller). */
	if (store_readonly(st))
		return n;
	rc = sqlite3_exec(st->db, "INSERT INTO article_fts(article_fts, rank)"
	    " VALUES('integrity-check', 1)", NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		if ((rc & 0xff) != SQLITE_CORRUPT) {
			sqlite3_free(msg);
			return fail(st, err, _("cannot check the cache"));
		}
		fn(STORE_DAMAGE_SEARCH,
		    _("the full-text index does not match the articles"), ctx);
		n++;
	}
	sqlite3_free(msg);
	return n;
}

int
store_stats_json(struct store *st, char **json, char **err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	*json = NULL;
	if (sqlite3_prepare_v2(st->db, "SELECT json_object("
	    "'articles', articles, 'unread', unread, 'starred', starred,"
	    " 'sources', sources, 'captions', captions, 'undated', undated,"
	    " 'oldest', strftime('%Y-%m-%d', oldest, 'unixepoch'),"
	    " 'newest', strftime('%Y-%m-%d', newest, 'unixepoch'),"
	    " 'bytes', bytes, 'schema', schema) FROM (" STATS_SQL ")",
	    -1, &s, NULL) != SQLITE_OK)
		return fail(st, err, _("cannot read the cache"));
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*json = column_dup(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return fail(st, err, _("cannot read the cache"));
	return 0;
}

/* ---- similarity data ---------------------------------------------------- */

static struct dfent *
df_slot(struct store *st, int64_t term)
{
	size_t i;

	if (term == 0)
		term = 1;
	if ((st->dfn + 1) * 2 > st->dfcap) {
		struct dfent *old = st->df;
		size_t j, oldcap = st->dfcap;

		st->dfcap = st->dfcap ? st->dfcap * 2 : 4096;
		st->df = xcalloc(st->dfcap, sizeof *st->df);
		for (j = 0; j < oldcap; j++) {
			if (old[j].term == 0)
				continue;
			for (i = (uint64_t)old[j].term & (st->dfcap - 1);
			    st->df[i].term != 0; i = (i + 1) & (st->dfcap - 1))
				;
			st->df[i] = old[j];
		}
		free(old);
	}
	for (i = (uint64_t)term & (st->dfcap - 1); st->df[i].term != 0 &&
	    st->df[i].term != term; i = (i + 1) & (st->dfcap - 1))
		;
	return &st->df[i];
}

/* Find or load the entry for term; NULL on a read error. */
static struct dfent *
df_entry(struct store *st, uint64_t term)
{
	sqlite3_stmt *s = stmt(st, S_DF_GET);
	int64_t t = (int64_t)term;
	struct dfent *e;
	int rc;

	if (t == 0)
		t = 1;
	e = df_slot(st, t);
	if (e->term != 0)
		return e;
	sqlite3_bind_int64(s, 1, t);
	rc = sqlite3_step(s);
	e->df = rc == SQLITE_ROW ? (uint32_t)sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return NULL;
	e->term = t;
	e->pending = 0;
	st->dfn++;
	return e;
}

uint32_t
store_sim_df(struct store *st, uint64_t term)
{
	struct dfent *e = df_entry(st, term);
	int64_t v;

	if (e == NULL)
		return 0;
	v = (int64_t)e->df + e->pending;
	return v > 0 ? (uint32_t)v : 0;
}

void
store_sim_df_add(struct store *st, const uint64_t *terms, size_t n, int delta)
{
	struct dfent *e;
	size_t i;

	for (i = 0; i < n; i++)
		if ((e = df_entry(st, terms[i])) != NULL)
			e->pending += delta;
	st->ndocs_pending += delta;
}

int
store_sim_ndocs(struct store *st, uint64_t *n, char **err)
{
	sqlite3_stmt *s = stmt(st, S_META_GET);
	int rc;

	if (st->ndocs < 0) {
		sqlite3_bind_text(s, 1, "ndocs", -1, SQLITE_STATIC);
		rc = sqlite3_step(s);
		st->ndocs = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
		sqlite3_reset(s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return fail(st, err, _("cannot read the cache"));
	}
	*n = (uint64_t)(st->ndocs + st->ndocs_pending > 0 ? st->ndocs +
	    st->ndocs_pending : 0);
	return 0;
}

/* Write the counts changed in this transaction (store_commit). */
static int
flush_sim_counts(struct store *st, char **err)
{
	sqlite3_stmt *s = stmt(st, S_DF_ADD);
	size_t i;

	for (i = 0; i < st->dfcap; i++) {
		struct dfent *e = &st->df[i];

		if (e->term == 0 || e->pending == 0)
			continue;
		sqlite3_bind_int64(s, 1, e->term);
		sqlite3_bind_int64(s, 2, e->pending);
		if (step_done(st, s, err) != 0)
			return -1;
	}
	if (st->ndocs_pending != 0) {
		s = stmt(st, S_META_ADD);
		sqlite3_bind_text(s, 1, "ndocs", -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, st->ndocs_pending);
		if (step_done(st, s, err) != 0)
			return -1;
	}
	/* Written: the stored values now include what was pending. */
	for (i = 0; i < st->dfcap; i++) {
		struct dfent *e = &st->df[i];
		int64_t v = (int64_t)e->df + e->pending;

		e->df = v > 0 ? (uint32_t)v : 0;
		e->pending = 0;
	}
	if (st->ndocs >= 0)
		st->ndocs += st->ndocs_pending;
	st->ndocs_pending = 0;
	/* Bound the cache: past a million terms start afresh. */
	if (st->dfn > 1000000) {
		free(st->df);
		st->df = NULL;
		st->dfcap = st->dfn = 0;
	}
	return 0;
}

static void
drop_sim_counts(struct store *st)
{
	size_t i;

	for (i = 0; i < st->dfcap; i++)
		st->df[i].pending = 0;
	st->ndocs_pending = 0;
}

int
store_sim_sig(struct store *st, int64_t id, void **sig, size_t *siglen,
    void **keys, size_t *keyslen, char **err)
{
	sqlite3_stmt *s = stmt(st, S_SIG_GET);
	int rc;

	*sig = NULL;
	if (keys != NULL)
		*keys = NULL;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*siglen = (size_t)sqlite3_column_bytes(s, 0);
		*sig = xmalloc(*siglen ? *siglen : 1);
		memcpy(*sig, sqlite3_column_blob(s, 0), *siglen);
		if (keys != NULL) {
			*keyslen = (size_t)sqlite3_column_bytes(s, 1);
			*keys = xmalloc(*keyslen ? *keyslen : 1);
			memcpy(*keys, sqlite3_column_blob(s, 1), *keyslen);
		}
	}
	sqlite3_reset(s);
	return lookup_done(st, rc, err);
}

static void
keys_encode(const int64_t *keys, size_t n, unsigned char *out)
{
	size_t i;
	int b;

	for (i = 0; i < n; i++)
		for (b = 0; b < 8; b++)
			out[i * 8 + b] = (unsigned char)((uint64_t)keys[i] >>
			    (8 * b));
}

static int64_t
key_decode(const unsigned char *p)
{
	uint64_t v = 0;
	int b;

	for (b = 0; b < 8; b++)
		v |= (uint64_t)p[b] << (8 * b);
	return (int64_t)v;
}

int
store_sim_put(struct store *st, int64_t id, int32_t day, const void *sig,
    size_t siglen, const int64_t *keys, size_t nkeys, char **err)
{
	sqlite3_stmt *s = stmt(st, S_SIG_PUT);
	unsigned char *kb = xmalloc(nkeys * 8 + 1);
	size_t i;
	int rc;

	keys_encode(keys, nkeys, kb);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, day);
	sqlite3_bind_blob(s, 3, sig, (int)siglen, SQLITE_STATIC);
	sqlite3_bind_blob(s, 4, kb, (int)(nkeys * 8), SQLITE_STATIC);
	rc = step_done(st, s, err);
	free(kb);
	if (rc != 0)
		return -1;
	s = stmt(st, S_POST_ADD);
	for (i = 0; i < nkeys; i++) {
		sqlite3_bind_int64(s, 1, keys[i]);
		sqlite3_bind_int(s, 2, day);
		sqlite3_bind_int64(s, 3, id);
		if (step_done(st, s, err) != 0)
			return -1;
	}
	return 0;
}

static int cluster_of(struct store *st, int64_t id, int64_t *c, char **err);

int
store_sim_forget(struct store *st, int64_t id, char **err)
{
	sqlite3_stmt *s = stmt(st, S_SIG_GET), *del;
	const unsigned char *k;
	int64_t cluster;
	int rc, day = 0, n, i;

	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		day = sqlite3_column_int(s, 2);
		k = sqlite3_column_blob(s, 1);
		n = sqlite3_column_bytes(s, 1) / 8;
		del = stmt(st, S_POST_DEL);
		for (i = 0; i < n && rc == SQLITE_ROW; i++) {
			sqlite3_bind_int64(del, 1, key_decode(k + 8 * i));
			sqlite3_bind_int(del, 2, day);
			sqlite3_bind_int64(del, 3, id);
			if (sqlite3_step(del) != SQLITE_DONE)
				rc = SQLITE_ERROR;
			sqlite3_reset(del);
		}
		st->ndocs_pending--;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return fail(st, err, _("cannot write the cache"));
	s = stmt(st, S_SIG_DEL);
	sqlite3_bind_int64(s, 1, id);
	if (step_done(st, s, err) != 0)
		return -1;
	s = stmt(st, S_REL_FORGET);
	sqlite3_bind_int64(s, 1, id);
	if (step_done(st, s, err) != 0)
		return -1;
	/* Its new text decides its group again, and a group it leaves
	 * with one member is no group. */
	if (cluster_of(st, id, &cluster, err) != 0)
		return -1;
	s = stmt(st, S_CLUSTER_LEAVE);
	sqlite3_bind_int64(s, 1, id);
	if (step_done(st, s, err) != 0)
		return -1;
	s = stmt(st, S_CLUSTER_LONE);
	sqlite3_bind_int64(s, 1, cluster);
	return step_done(st, s, err);
}

int
store_sim_candidates(struct store *st, const int64_t *keys, size_t nkeys,
    int32_t day, int32_t window, int per_key, store_cand_fn fn, void *ctx,
    char **err)
{
	sqlite3_stmt *s;
	size_t i;
	int rc = SQLITE_DONE, stop = 0;

	for (i = 0; i < nkeys && stop == 0; i++) {
		/* Shingle keys are specific enough to search all days. */
		if (day == INT32_MIN || keys[i] < 0)
			s = stmt(st, S_CAND_ALL);
		else {
			s = stmt(st, S_CAND_WINDOW);
			sqlite3_bind_int64(s, 2, (int64_t)day - window);
			sqlite3_bind_int64(s, 3, (int64_t)day + window);
		}
		sqlite3_bind_int64(s, 1, keys[i]);
		sqlite3_bind_int(s, 4, per_key);
		while (stop == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW)
			stop = fn(sqlite3_column_int64(s, 0), keys[i], ctx);
		sqlite3_reset(s);
		if (stop == 0 && rc != SQLITE_DONE)
			return fail(st, err, _("cannot read the cache"));
	}
	return 0;
}

int
store_related_add(struct store *st, int64_t id, int64_t other, double score,
    const char *label, char **err)
{
	sqlite3_stmt *s = stmt(st, S_REL_PUT);

	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, other);
	sqlite3_bind_double(s, 3, score);
	sqlite3_bind_text(s, 4, label, -1, SQLITE_STATIC);
	return step_done(st, s, err);
}

int
store_related_put(struct store *st, int64_t id, int64_t other, double score,
    const char *label, int keep, char **err)
{
	sqlite3_stmt *s = stmt(st, S_REL_LIST);
	int64_t n = 0, weakest = 0, o;
	double low = 0, sc;
	int rc;

	/* A full list takes a newcomer only in place of its weakest: the
	 * lowest score, and the newest of equals.  Found here rather than
	 * by ORDER BY ... LIMIT 1, whose sorter made this query 12% of
	 * the engine's instructions for a list of a dozen rows. */
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		o = sqlite3_column_int64(s, 0);
		sc = sqlite3_column_double(s, 1);
		if (n++ == 0 || sc < low || (sc == low && o > weakest)) {
			weakest = o;
			low = sc;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return fail(st, err, _("cannot read the cache"));
	if (n >= keep && score <= low && weakest != other)
		return 0;
	if (store_related_add(st, id, other, score, label, err) != 0)
		return -1;
	if (n < keep || weakest == other)
		return 0;
	/* The list was full and other was new to it: drop the weakest. */
	s = stmt(st, S_REL_DEL);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, weakest);
	return step_done(st, s, err);
}

static int
cluster_of(struct store *st, int64_t id, int64_t *c, char **err)
{
	sqlite3_stmt *s = stmt(st, S_CLUSTER_GET);
	int rc;

	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	*c = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : id;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return fail(st, err, _("cannot read the cache"));
	return 0;
}

int
store_cluster_join(struct store *st, int64_t a, int64_t b, char **err)
{
	sqlite3_stmt *s = stmt(st, S_CLUSTER_SET);
	int64_t ca, cb;

	if (cluster_of(st, a, &ca, err) != 0 || cluster_of(st, b, &cb,
	    err) != 0)
		return -1;
	if (ca == cb)
		return 0;
	/* The common case: a newcomer joins an existing group (or starts
	 * one with an article that had none), one row at a time. */
	if (ca == a || cb == b) {
		int64_t c = ca < cb ? ca : cb;

		s = stmt(st, S_CLUSTER_ONE);
		sqlite3_bind_int64(s, 1, c);
		sqlite3_bind_int64(s, 2, a);
		if (step_done(st, s, err) != 0)
			return -1;
		sqlite3_bind_int64(s, 1, c);
		sqlite3_bind_int64(s, 2, b);
		if (step_done(st, s, err) != 0)
			return -1;
		if (ca == a && cb == b)
			return 0;
		/* One side was a group: rename it only if the other side,
		 * a lone article, has the smaller id. */
		if ((ca != a && c != ca) || (cb != b && c != cb)) {
			int64_t group = ca != a ? ca : cb;

			s = stmt(st, S_CLUSTER_SET);
			sqlite3_bind_int64(s, 1, c);
			sqlite3_bind_int64(s, 2, a);
			sqlite3_bind_int64(s, 3, b);
			sqlite3_bind_int64(s, 4, group);
			sqlite3_bind_int64(s, 5, group);
			return step_done(st, s, err);
		}
		return 0;
	}
	/* Two groups merge: the smaller id names the result, so the older
	 * group's id stays stable as copies arrive. */
	sqlite3_bind_int64(s, 1, ca < cb ? ca : cb);
	sqlite3_bind_int64(s, 2, a);
	sqlite3_bind_int64(s, 3, b);
	sqlite3_bind_int64(s, 4, ca);
	sqlite3_bind_int64(s, 5, cb);
	return step_done(st, s, err);
}

int
store_sim_clear(struct store *st, char **err)
{
	st->ndocs = -1;
	st->ndocs_pending = 0;
	free(st->df);
	st->df = NULL;
	st->dfcap = st->dfn = 0;
	return exec(st, "DELETE FROM related; DELETE FROM sim_post;"
	    " DELETE FROM sim_sig; DELETE FROM sim_df;"
	    " UPDATE sim_meta SET value = 0 WHERE name = 'ndocs';"
	    " UPDATE articles SET cluster_id = NULL"
	    " WHERE cluster_id IS NOT NULL", err);
}

int
store_article_ids(struct store *st, int64_t **ids, size_t *n, char **err)
{
	sqlite3_stmt *s = NULL;
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(st->db, "SELECT id FROM articles"
	    " ORDER BY sort_time, id", -1, &s, NULL) != SQLITE_OK)
		return fail(st, err, _("cannot read the cache"));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 1024;
			*ids = xreallocarray(*ids, cap, sizeof **ids);
		}
		(*ids)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		return fail(st, err, _("cannot read the cache"));
	}
	return 0;
}

int
store_related(struct store *st, int64_t id, int64_t limit,
    store_related_fn fn, void *ctx, char **err)
{
	sqlite3_stmt *s = NULL;
	struct store_related_row row;
	int rc, stop = 0;

	/* Kept prepared: the reader asks on every move. */
	if ((s = stmt(st, S_RELATED)) == NULL)
		return fail(st, err, _("cannot read the cache"));
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, limit > 0 ? limit : -1);
	while (stop == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		row.id = sqlite3_column_int64(s, 0);
		row.score = sqlite3_column_double(s, 1);
		row.label = (const char *)sqlite3_column_text(s, 2);
		row.title = (const char *)sqlite3_column_text(s, 3);
		row.source = (const char *)sqlite3_column_text(s, 4);
		row.published = column_time(s, 5);
		row.json = (const char *)sqlite3_column_text(s, 6);
		row.cluster = sqlite3_column_int64(s, 7);
		stop = fn(&row, ctx);
	}
	if (stop == 0 && rc != SQLITE_DONE)
		stop = fail(st, err, _("cannot read the cache"));
	sqlite3_reset(s);
	return stop;
}

int
store_dupes(struct store *st, store_dupe_fn fn, void *ctx, char **err)
{
	sqlite3_stmt *s = NULL;
	struct store_dupe_row row;
	int rc, stop = 0;

	/* Clusters by their newest member, newest first; inside a cluster
	 * the oldest (the likely original) first. */
	if (sqlite3_prepare_v2(st->db, "SELECT a.cluster_id, a.id, a.title,"
	    " s.name, a.published, json_object('id', a.id, 'title', a.title,"
	    " 'source', s.name, 'published', strftime('%Y-%m-%d',"
	    " a.published, 'unixepoch'))"
	    " FROM articles a LEFT JOIN sources s ON s.id = a.source_id"
	    " JOIN (SELECT cluster_id AS c, max(sort_time) AS newest"
	    "   FROM articles WHERE cluster_id IS NOT NULL GROUP BY cluster_id"
	    "   HAVING count(*) > 1) g ON g.c = a.cluster_id"
	    " ORDER BY g.newest DESC, a.cluster_id, a.sort_time, a.id", -1, &s,
	    NULL) != SQLITE_OK)
		return fail(st, err, _("cannot read the cache"));
	while (stop == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		row.cluster = sqlite3_column_int64(s, 0);
		row.id = sqlite3_column_int64(s, 1);
		row.title = (const char *)sqlite3_column_text(s, 2);
		row.source = (const char *)sqlite3_column_text(s, 3);
		row.published = column_time(s, 4);
		row.json = (const char *)sqlite3_column_text(s, 5);
		stop = fn(&row, ctx);
	}
	stop = rows_done(st, s, rc, stop, err);
	return stop;
}

int
store_json_quote(struct store *st, const char *s, char **out, char **err)
{
	sqlite3_stmt *q = NULL;
	int rc;

	*out = NULL;
	if (sqlite3_prepare_v2(st->db, "SELECT json_quote(?1)", -1, &q,
	    NULL) != SQLITE_OK)
		return fail(st, err, _("cannot read the cache"));
	sqlite3_bind_text(q, 1, s, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*out = column_dup(q, 0);
	sqlite3_finalize(q);
	if (rc != SQLITE_ROW)
		return fail(st, err, _("cannot read the cache"));
	return 0;
}

int
store_list_page(struct store *st, const struct store_page_query *q,
    store_page_fn fn, void *ctx, char **err)
{
	struct strbuf sql = { 0 }, where = { 0 };
	struct store_page_row row;
	sqlite3_stmt *s = NULL;
	enum words_plan plan;
	const char *cmp;
	int rc, stop = 0;

	plan = words_plan(st, q->filter, !q->unread_only);
	strbuf_adds(&sql, "SELECT a.sort_time, a.id, a.published, a.title,"
	    " s.name, a.is_read, a.is_starred, coalesce(a.cluster_id, 0), ");
	if (q->fold) {
		/* The copies the folded row hides: those the list would
		 * show unfolded, so under a filter only those it takes. */
		strbuf_adds(&sql, "CASE WHEN a.cluster_id IS NULL THEN 0"
		    " ELSE (SELECT count(*) FROM articles c"
		    " WHERE c.cluster_id = a.cluster_id AND c.id <> a.id");
		add_member_filter(&sql, q->filter, plan);
		/* A copy that came in after its story was read must not
		 * hide behind the folded row. */
		strbuf_adds(&sql, ") END, a.cluster_id IS NOT NULL AND EXISTS"
		    " (SELECT 1 FROM articles c WHERE c.cluster_id ="
		    " a.cluster_id AND c.id <> a.id AND c.is_read = 0");
		add_member_filter(&sql, q->filter, plan);
		strbuf_adds(&sql, ")");
	} else
		strbuf_adds(&sql, "0, 0");
	/* The copies of each cluster counted for the rows of the page
	 * only (add_page_ids). */
	strbuf_adds(&sql, " FROM articles a LEFT JOIN sources s"
	    " ON s.id = a.source_id");
	if (q->from != NULL) {
		cmp = q->older ? (q->inclusive ? "<=" : "<") : (q->inclusive ?
		    ">=" : ">");
		/* The same bound, as the index's key (fts_key). */
		if (plan == WORDS_WALK)
			strbuf_addf(&where, " AND f.rowid %s :from_key", cmp);
		else
			strbuf_addf(&where, " AND (a.sort_time, a.id) %s"
			    " (:from_time, :from_id)", cmp);
	}
	if (q->unread_only)
		strbuf_adds(&where, " AND a.is_read = 0");
	add_page_ids(&sql, where.s != NULL ? where.s : "", q->filter, q->fold,
	    plan, q->older);
	strbuf_fini(&where);
	if (prepare_filtered(st, &sql, &s, err) != 0)
		return -1;
	/* Named, as the filter's own parameters are: a numbered one could
	 * share a slot with them. */
	if (q->from != NULL) {
		sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s,
		    ":from_time"), q->from->time);
		sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s,
		    ":from_id"), q->from->id);
		sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s,
		    ":from_key"), key_at(q->from->time) + q->from->id);
	}
	bind_filter(st, s, q->filter);
	sqlite3_bind_int(s, sqlite3_bind_parameter_index(s, ":limit"),
	    q->limit);
	while (stop == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		row.key.time = sqlite3_column_int64(s, 0);
		row.key.id = row.id = sqlite3_column_int64(s, 1);
		row.published = column_time(s, 2);
		row.title = (const char *)sqlite3_column_text(s, 3);
		row.source = (const char *)sqlite3_column_text(s, 4);
		row.is_read = sqlite3_column_int(s, 5) != 0;
		row.is_starred = sqlite3_column_int(s, 6) != 0;
		row.cluster = sqlite3_column_int64(s, 7);
		row.copies = sqlite3_column_int64(s, 8);
		row.copies_unread = sqlite3_column_int(s, 9) != 0;
		stop = fn(&row, ctx);
	}
	stop = rows_done(st, s, rc, stop, err);
	return stop < 0 ? -1 : 0;
}

/* Step the prepared UPDATE of marks s and finalise it; *changed (if not
 * NULL) the rows it changed.  STORE_EBUSY when another process holds
 * the lock past the busy timeout. */
static int
run_mark(struct store *st, sqlite3_stmt *s, int64_t *changed, char **err)
{
	int rc = sqlite3_step(s);

	sqlite3_finalize(s);
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		return STORE_EBUSY;
	if (rc != SQLITE_DONE)
		return fail(st, err, _("cannot write the cache"));
	if (changed != NULL)
		*changed = sqlite3_changes64(st->db);
	return 0;
}

/* Run an UPDATE of a mark: ?1 the id, ?2 the value; *changed (if not
 * NULL) the rows it changed. */
static int
update_mark(struct store *st, const char *sql, int64_t id, bool value,
    int64_t *changed, char **err)
{
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return fail(st, err, _("cannot write the cache"));
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, value);
	return run_mark(st, s, changed, err);
}

/* Only the rows whose mark differs are written, so that the count of
 * changes is the change in the unread count. */
int
store_set_read(struct store *st, int64_t id, bool read, bool cluster,
    int64_t *changed, char **err)
{
	return update_mark(st, cluster ? "UPDATE articles SET is_read = ?2"
	    " WHERE (id = ?1 OR (cluster_id IS NOT NULL AND cluster_id ="
	    " (SELECT cluster_id FROM articles WHERE id = ?1)))"
	    " AND is_read <> ?2" :
	    "UPDATE articles SET is_read = ?2 WHERE id = ?1 AND is_read <> ?2",
	    id, read, changed, err);
}

int
store_mark_matches(struct store *st, const struct query *f, bool read,
    int64_t *changed, char **err)
{
	struct strbuf sql = { 0 };
	sqlite3_stmt *s = NULL;
	enum words_plan plan;

	if (every_match_plan(st, qmatch(st, f), &plan) != 0)
		return fail(st, err, _("cannot read the cache"));
	strbuf_addf(&sql, "UPDATE articles SET is_read = %d WHERE is_read <>"
	    " %d AND id IN (SELECT a.id FROM articles a WHERE 1", read, read);
	add_filter(&sql, f, plan);
	strbuf_adds(&sql, ")");
	if (prepare_filtered(st, &sql, &s, err) != 0)
		return -1;
	bind_filter(st, s, f);
	return run_mark(st, s, changed, err);
}

int
store_set_starred(struct store *st, int64_t id, bool starred, char **err)
{
	return update_mark(st, "UPDATE articles SET is_starred = ?2"
	    " WHERE id = ?1", id, starred, NULL, err);
}

int64_t
store_data_version(struct store *st)
{
	sqlite3_stmt *s = stmt(st, S_DATA_VERSION);
	int64_t v = 0;

	/* Asked every second by the reader and per page by match_set: the
	 * statement stays prepared. */
	if (s != NULL && sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	if (s != NULL)
		sqlite3_reset(s);
	return v;
}

int
store_counts(struct store *st, int64_t *articles, int64_t *unread,
    char **err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT (SELECT count(*) FROM articles"
	    " INDEXED BY articles_by_time), (SELECT count(*) FROM articles"
	    " INDEXED BY articles_unread WHERE is_read = 0)", -1, &s, NULL) !=
	    SQLITE_OK)
		return fail(st, err, _("cannot read the cache"));
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*articles = sqlite3_column_int64(s, 0);
		*unread = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return fail(st, err, _("cannot read the cache"));
	return 0;
}

/* sqlite3_progress_handler's callback for store_count_matches. */
struct count_stop {
	bool	(*fn)(void *);
	void	*ctx;
	bool	 stopped;
};

static int
count_progress(void *arg)
{
	struct count_stop *c = arg;

	if (!c->stopped && c->fn(c->ctx))
		c->stopped = true;
	return c->stopped;
}

/* How often (in steps of SQLite's machine: a few tens of microseconds
 * for 2,000) store_count_matches asks its stop function. */
#define COUNT_ASK_STEPS	2000

int
store_count_matches(struct store *st, const struct query *f,
    bool (*stop)(void *), void *ctx, int64_t *articles, int64_t *unread,
    char **err)
{
	struct count_stop c = { stop, ctx, false };
	struct strbuf sql = { 0 };
	sqlite3_stmt *s = NULL;
	enum words_plan plan;
	const char *match = qmatch(st, f);
	int64_t n[2] = { 0, 0 };
	int rc = 0, pass;

	/* Only after qmatch: a prefix's words cut short by a stop would
	 * be kept for the list's next pages. */
	if (stop != NULL)
		sqlite3_progress_handler(st->db, COUNT_ASK_STEPS,
		    count_progress, &c);
	if (every_match_plan(st, match, &plan) != 0) {
		if (!c.stopped)
			fail(st, err, _("cannot read the cache"));
		rc = -1;
		goto out;
	}
	/* Twice, so that each count reads an index, never the rows: a
	 * row's is_read lies beyond its body, in its overflow pages. */
	for (pass = 0; pass < 2 && rc == 0; pass++) {
		strbuf_adds(&sql, "SELECT count(*) FROM articles a WHERE ");
		strbuf_adds(&sql, pass == 0 ? "1" : "a.is_read = 0");
		add_filter(&sql, f, plan);
		if (c.stopped || prepare_filtered(st, &sql, &s, err) != 0) {
			rc = -1;
			break;
		}
		bind_filter(st, s, f);
		if (sqlite3_step(s) == SQLITE_ROW)
			n[pass] = sqlite3_column_int64(s, 0);
		else {
			if (!c.stopped)
				fail(st, err, _("cannot read the cache"));
			rc = -1;
		}
		sqlite3_finalize(s);
		s = NULL;
	}
	if (rc == 0) {
		*articles = n[0];
		*unread = n[1];
	}
out:
	strbuf_fini(&sql);
	sqlite3_finalize(s);
	if (stop != NULL)
		sqlite3_progress_handler(st->db, 0, NULL, NULL);
	return c.stopped ? STORE_ESTOPPED : rc;
}

int
store_article_key(struct store *st, int64_t id, struct store_key *key,
    char **err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT sort_time FROM articles"
	    " WHERE id = ?1", -1, &s, NULL) != SQLITE_OK)
		return fail(st, err, _("cannot read the cache"));
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		key->time = sqlite3_column_int64(s, 0);
		key->id = id;
	}
	sqlite3_finalize(s);
	return lookup_done(st, rc, err);
}

int
store_fold_head(struct store *st, int64_t id, const struct query *filter,
    int64_t *head, char **err)
{
	struct strbuf sql = { 0 };
	sqlite3_stmt *s = NULL;
	int rc;

	/* The row add_fold keeps: the oldest member that f takes.  A
	 * cluster has few members, so words are probed one by one. */
	strbuf_adds(&sql, "SELECT a.id FROM articles a WHERE a.cluster_id ="
	    " (SELECT cluster_id FROM articles WHERE id = :id)");
	add_filter(&sql, filter, WORDS_PROBE);
	strbuf_adds(&sql, " ORDER BY a.sort_time, a.id LIMIT 1");
	if (prepare_filtered(st, &sql, &s, err) != 0)
		return -1;
	sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":id"), id);
	bind_filter(st, s, filter);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*head = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return lookup_done(st, rc, err);
}

int
store_optimize(struct store *st, char **err)
{
	return exec(st, "INSERT INTO article_fts(article_fts)"
	    " VALUES('optimize')", err);
}

void
store_bulk(struct store *st)
{
	/* Tuning only: SQLite keeps its defaults if either fails. */
	sqlite3_exec(st->db, "PRAGMA cache_size = -65536;"
	    "PRAGMA wal_autocheckpoint = 8192", NULL, NULL, NULL);
}

void
store_set_busy_timeout(struct store *st, int ms)
{
	st->busy_ms = ms;
	st->busy_progress = false;
}
