/* Unit tests for store.c: round trips, change detection, the FTS index
 * kept in step, migrations from an older schema, refusal of newer, foreign
 * and corrupt files, all-or-nothing articles under an injected failure,
 * listing order, and private file modes.  Every test uses a fresh
 * temporary cache. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "article.h"
#include "query.h"
#include "store.h"
#include "util.h"

struct fixture {
	char	 dir[64];
	char	*db;
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	snprintf(f->dir, sizeof f->dir, "/tmp/lede-store-XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	f->db = xasprintf("%s/cache.db", f->dir);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char *cmd = xasprintf("rm -rf '%s'", f->dir);
	int rc = system(cmd);

	free(cmd);
	free(f->db);
	free(f);
	return rc == 0 ? 0 : -1;
}

static struct article *
make(const char *origin, const char *title, const char *body)
{
	struct article *a = article_new();

	a->origin = xstrdup(origin);
	a->title = xstrdup(title);
	a->body = xstrdup(body);
	a->imported = 1700000000;
	return a;
}

/* Put a in the open batch. */
static enum store_put
put_in_batch(struct store *st, struct article *a)
{
	enum store_put res;
	char digest[17], *err = NULL;

	article_digest(a, digest);
	if (store_article_put(st, a, digest, &res, &err) != 0)
		fail_msg("%s", err);
	return res;
}

/* Put a in a batch of its own. */
static enum store_put
put(struct store *st, struct article *a)
{
	enum store_put res;
	char *err = NULL;

	assert_int_equal(store_begin(st, &err), 0);
	res = put_in_batch(st, a);
	assert_int_equal(store_commit(st, &err), 0);
	return res;
}

static int
count_row(const struct store_row *r, void *ctx)
{
	(void)r;
	(*(int *)ctx)++;
	return 0;
}

/* Store-level problems fail the test; these tests write no similarity
 * data (related.c does), so its absence is expected. */
static void
no_problem(enum store_damage what, const char *problem, void *ctx)
{
	(void)ctx;
	if (strstr(problem, "similarity") == NULL)
		fail_msg("lede check: %s", problem);
	assert_int_equal(what, STORE_DAMAGE_DERIVED);
}

/* The parsed query text, which must parse. */
static struct query *
filter_of(const char *text)
{
	struct query *filter = NULL;
	char *err = NULL;
	size_t column;

	if (query_parse(text, NULL, &filter, &column, &err) != 0)
		fail_msg("query_parse(%s): %s", text, err);
	return filter;
}

static int
count_matches(struct store *st, const char *word)
{
	struct store_list_query q = { 0 };
	struct query *filter = filter_of(word);
	char *err = NULL;
	int n = 0;

	q.filter = filter;
	assert_int_equal(store_list(st, &q, count_row, &n, &err), 0);
	query_free(filter);
	return n;
}

/* Raw statements on the file, as another program would run them. */
static int
sql_exec(const char *db, const char *sql)
{
	sqlite3 *h;
	int rc;

	assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
	rc = sqlite3_exec(h, sql, NULL, NULL, NULL);
	sqlite3_close(h);
	return rc;
}

/* Raw SQL on the file, as a second program would see it. */
static int64_t
sql_int(const char *db, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *s;
	int64_t v = -1;

	assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(h);
	return v;
}

static void
test_store_open_missing_without_create(void **state)
{
	struct fixture *f = *state;
	struct store *st = NULL;
	char *err = NULL;

	assert_int_equal(store_open(f->db, 0, &st, &err), -1);
	assert_null(st);
	assert_non_null(strstr(err, "no cache here"));
	free(err);
	assert_int_equal(access(f->db, F_OK), -1);	/* nothing created */
}

/* An import killed while it created the cache leaves a written page and
 * a hot journal; SQLite empties the file when it reads it.  Reading
 * commands must call that no cache (before: they made one of it), and an
 * import must still fill it. */
static void
test_store_open_hot_journal_without_create(void **state)
{
	struct fixture *f = *state;
	struct store *st = NULL;
	char *err = NULL, *journal = xasprintf("%s-journal", f->db);
	struct stat sb;
	pid_t pid;
	int status;

	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		sqlite3 *h;

		/* Rollback mode and a small page cache: SQLite spills the
		 * new table to the file before a commit that never comes,
		 * and _exit leaves the journal hot. */
		if (sqlite3_open(f->db, &h) != SQLITE_OK || sqlite3_exec(h,
		    "PRAGMA cache_size = 10; BEGIN; CREATE TABLE t(x);"
		    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
		    "FROM n WHERE i < 200) INSERT INTO t SELECT zeroblob(4000) "
		    "FROM n", NULL, NULL, NULL) != SQLITE_OK)
			_exit(1);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(stat(f->db, &sb), 0);
	assert_true(sb.st_size > 0);
	assert_int_equal(access(journal, F_OK), 0);

	assert_int_equal(store_open(f->db, 0, &st, &err), -1);
	assert_null(st);
	assert_non_null(strstr(err, "no cache here"));
	free(err);
	assert_int_equal(stat(f->db, &sb), 0);
	assert_int_equal(sb.st_size, 0);	/* rolled back, nothing made */

	assert_int_equal(store_open(f->db, STORE_CREATE, &st, &err), 0);
	store_close(st);
	assert_int_equal(sql_int(f->db, "PRAGMA user_version"),
	    STORE_SCHEMA_VERSION);
	free(journal);
}

/* A database with no tables (an import killed after it chose the
 * journal, before its first commit) is no cache to a reading command. */
static void
test_store_open_tableless_without_create(void **state)
{
	struct fixture *f = *state;
	struct store *st = NULL;
	char *err = NULL;

	assert_int_equal(sql_exec(f->db, "PRAGMA journal_mode = WAL"),
	    SQLITE_OK);
	assert_int_equal(store_open(f->db, 0, &st, &err), -1);
	assert_non_null(strstr(err, "no cache here"));
	free(err);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM sqlite_schema"),
	    0);
}

static void
test_store_creates_private_wal_cache(void **state)
{
	struct fixture *f = *state;
	struct store *st = NULL;
	struct stat sb;
	char *err = NULL;

	assert_int_equal(store_open(f->db, STORE_CREATE, &st, &err), 0);
	assert_int_equal(stat(f->db, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	store_close(st);
	assert_int_equal(sql_int(f->db, "PRAGMA user_version"),
	    STORE_SCHEMA_VERSION);
	assert_int_equal(sql_int(f->db, "SELECT journal_mode = 'wal' FROM "
	    "pragma_journal_mode"), 1);
}

static void
test_store_default_path_is_private(void **state)
{
	struct fixture *f = *state;
	char *xdg = xasprintf("%s/xdg", f->dir), *p, *err = NULL, *dir, *want;
	struct stat sb;

	setenv("XDG_DATA_HOME", xdg, 1);
	p = store_default_path(true, &err);
	assert_non_null(p);
	dir = xasprintf("%s/lede", xdg);
	want = xasprintf("%s/cache.db", dir);
	assert_string_equal(p, want);
	free(want);
	assert_int_equal(stat(dir, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	free(p);
	free(dir);
	free(xdg);
	unsetenv("XDG_DATA_HOME");
}

static void
test_store_roundtrip(void **state)
{
	struct fixture *f = *state;
	struct article *a = make("/x/a.txt", "Title", "One.\n\nTwo."), *b;
	struct store *st = NULL;
	char *err = NULL, *json = NULL;

	assert_int_equal(store_open(f->db, STORE_CREATE, &st, &err), 0);
	a->published = 1643241600;	/* 2022-01-27 */
	a->source = xstrdup("Meridian Press");
	a->dateline = xstrdup("LUMEN");
	article_add_caption(a, "A crane.", "Ines Vale");
	article_add_caption(a, "A ship.", NULL);
	assert_int_equal(put(st, a), STORE_INSERTED);
	assert_true(a->id > 0);
	assert_int_equal(store_article_get(st, a->id, &b, &err), 0);
	assert_string_equal(b->title, "Title");
	assert_string_equal(b->source, "Meridian Press");
	assert_int_equal(b->published, 1643241600);
	assert_int_equal(b->ncaptions, 2);
	assert_string_equal(b->captions[0].credit, "Ines Vale");
	assert_null(b->captions[1].credit);
	assert_null(b->guid);
	article_free(b);
	assert_int_equal(store_article_json(st, a->id, &json, &err), 0);
	assert_non_null(strstr(json, "\"published\":\"2022-01-27\""));
	assert_non_null(strstr(json, "\"captions\":[{\"text\":\"A crane.\","
	    "\"credit\":\"Ines Vale\"},{\"text\":\"A ship.\",\"credit\":null}]"));
	assert_non_null(strstr(json, "\"body\":\"One.\\n\\nTwo.\""));
	free(json);
	assert_int_equal(store_article_get(st, 999, &b, &err),
	    STORE_ENOTFOUND);
	assert_int_equal(store_article_json(st, 999, &json, &err),
	    STORE_ENOTFOUND);
	article_free(a);
	store_close(st);
}

static void
test_store_json_escapes_controls(void **state)
{
	struct fixture *f = *state;
	struct article *a = make("/x/e.txt", "Quote \" and \x1b", "Tab\there.");
	struct store *st = NULL;
	char *err = NULL, *json = NULL;

	assert_int_equal(store_open(f->db, STORE_CREATE, &st, &err), 0);
	put(st, a);
	assert_int_equal(store_article_json(st, a->id, &json, &err), 0);
	assert_null(strchr(json, 0x1b));
	assert_null(strchr(json, '\t'));
	assert_non_null(strstr(json, "Quote \\\" and \\u001b"));
	free(json);
	article_free(a);
	store_close(st);
}

static void
test_store_unchanged_and_updated(void **state)
{
	struct fixture *f = *state;
	struct article *a = make("/x/a.txt", "Harbour strike", "Cranes idle.");
	struct store *st = NULL;
	char *err = NULL;
	int64_t id;

	assert_int_equal(store_open(f->db, STORE_CREATE, &st, &err), 0);
	article_add_caption(a, "Pickets at the gate.", NULL);
	assert_int_equal(put(st, a), STORE_INSERTED);
	id = a->id;
	assert_int_equal(put(st, a), STORE_UNCHANGED);
	assert_int_equal(count_matches(st, "cranes"), 1);
	assert_int_equal(count_matches(st, "pickets"), 1);
	/* Same origin, new text: the same row, with the index following. */
	free(a->body);
	a->body = xstrdup("Ferries stopped.");
	free(a->captions[0].text);
	a->captions[0].text = xstrdup("Empty quay.");
	assert_int_equal(put(st, a), STORE_UPDATED);
	assert_int_equal(a->id, id);
	assert_int_equal(count_matches(st, "cranes"), 0);
	assert_int_equal(count_matches(st, "pickets"), 0);
	assert_int_equal(count_matches(st, "ferries"), 1);
	assert_int_equal(count_matches(st, "quay"), 1);
	article_free(a);
	store_close(st);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM captions"), 1);
	/* The index agrees with its content: FTS5's own check. */
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM articles"), 1);
	assert_int_equal(store_open(f->db, 0, &st, &err), 0);
	assert_int_equal(store_check(st, no_problem, NULL, &err), 1);
	store_close(st);
}

/* Batch atomicity: a failure in the middle of an article (after its row,
 * before its captions and index entry) is followed by a rollback of the
 * batch; the cache then holds no trace of the batch, and what earlier
 * batches committed is intact. */
static void
test_store_failed_put_leaves_no_partial_article(void **state)
{
	struct fixture *f = *state;
	struct article *a[3];
	struct store *st = NULL;
	enum store_put res;
	char *err = NULL, digest[17];
	int i;

	assert_int_equal(store_open(f->db, STORE_CREATE, &st, &err), 0);
	for (i = 0; i < 3; i++) {
		char origin[32];

		snprintf(origin, sizeof origin, "/x/%d.txt", i);
		a[i] = make(origin, "T", i == 0 ? "bread" : "marmalade");
		article_add_caption(a[i], "cap", NULL);
	}
	/* Batch one commits the first article. */
	put(st, a[0]);
	/* Batch two: the second put of the batch fails half way. */
	assert_int_equal(store_begin(st, &err), 0);
	store_fail_put_after(st, 2);
	article_digest(a[1], digest);
	assert_int_equal(store_article_put(st, a[1], digest, &res, &err), 0);
	article_digest(a[2], digest);
	assert_int_equal(store_article_put(st, a[2], digest, &res, &err), -1);
	assert_non_null(strstr(err, "injected failure"));
	free(err);
	store_rollback(st);
	assert_int_equal(count_matches(st, "marmalade"), 0);
	assert_int_equal(count_matches(st, "bread"), 1);
	store_close(st);
	for (i = 0; i < 3; i++)
		article_free(a[i]);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM articles"), 1);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM captions"), 1);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM articles "
	    "WHERE body = 'marmalade'"), 0);
}

/* A rolled-back batch (the importer's reaction to a store error) leaves
 * nothing of the batch. */
static void
test_store_rollback_discards_batch(void **state)
{
	struct fixture *f = *state;
	struct article *a = make("/x/r.txt", "T", "rollback");
	struct store *st = NULL;
	char *err = NULL;

	assert_int_equal(store_open(f->db, STORE_CREATE, &st, &err), 0);
	assert_int_equal(store_begin(st, &err), 0);
	put_in_batch(st, a);
	store_rollback(st);
	assert_int_equal(count_matches(st, "rollback"), 0);
	store_close(st);
	article_free(a);
	assert_int_equal(sql_int(f->db, "SELECT count(*) FROM articles"), 0);
}

/* Batches of a long run of writes: the first commits at 500 articles,
 * later ones after 3 seconds (or 5,000 articles); a fixed size overrides
 * both.  Committed batches are in the cache. */
static void
test_store_batch_policy(void **state)
{
	struct fixture *f = *state;
	struct store_batch b = { 0 }, fixed = { .every = 2 };
	struct store *st = NULL;
	char *err = NULL;
	size_t i;

	assert_int_equal(store_open(f->db, STORE_CREATE, &st, &err), 0);
	assert_false(store_batch_due(st, &b));	/* nothing open */
	assert_int_equal(store_batch_begin(st, &b, &err), 0);
	for (i = 0; i < 499; i++)
		store_batch_count(&b);
	assert_false(store_batch_due(st, &b));
	store_batch_count(&b);
	assert_true(store_batch_due(st, &b));	/* the first: 500 */
	assert_int_equal(store_batch_commit(st, &b, &err), 0);
	assert_false(store_batch_due(st, &b));	/* none open */

	assert_int_equal(store_batch_begin(st, &b, &err), 0);
	for (i = 0; i < 600; i++)
		store_batch_count(&b);
	assert_false(store_batch_due(st, &b));	/* later: by time */
	b.start.tv_sec -= 4;
	assert_true(store_batch_due(st, &b));
	b.start.tv_sec += 4;
	for (; i < 5000; i++)
		store_batch_count(&b);
	assert_true(store_batch_due(st, &b));	/* or 5,000 */
	assert_int_equal(store_batch_commit(st, &b, &err), 0);

	assert_int_equal(store_batch_begin(st, &fixed, &err), 0);
	store_batch_count(&fixed);
	assert_false(store_batch_due(st, &fixed));
	store_batch_count(&fixed);
	assert_true(store_batch_due(st, &fixed));
	assert_int_equal(store_batch_commit(st, &fixed, &err), 0);
	/* Committing what is not open is nothing. */
	assert_int_equal(store_batch_commit(st, &fixed, &err), 0);
	store_close(st);
}

/* A cache written by schema version 1 (before the full-text index)
 * opens, is upgraded, and its articles become searchable. */
static void
test_store_migrates_version_1(void **state)
{
	struct fixture *f = *state;
	struct store *st = NULL;
	sqlite3 *h;
	char *err = NULL;

	assert_int_equal(sqlite3_open(f->db, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h,
	    "CREATE TABLE sources (id INTEGER PRIMARY KEY,"
	    "  name TEXT NOT NULL UNIQUE);"
	    "CREATE TABLE articles (id INTEGER PRIMARY KEY,"
	    "  source_id INTEGER REFERENCES sources(id), origin TEXT NOT NULL,"
	    "  guid TEXT NOT NULL DEFAULT '', url TEXT, title TEXT NOT NULL,"
	    "  dek TEXT, byline TEXT, dateline TEXT, published INTEGER,"
	    "  imported INTEGER NOT NULL, sort_time INTEGER NOT NULL,"
	    "  body TEXT NOT NULL, language TEXT, content_hash TEXT NOT NULL,"
	    "  is_read INTEGER NOT NULL DEFAULT 0,"
	    "  is_starred INTEGER NOT NULL DEFAULT 0, UNIQUE (origin, guid));"
	    "CREATE INDEX articles_by_time ON articles(sort_time, id);"
	    "CREATE INDEX articles_by_source ON articles(source_id, sort_time);"
	    "CREATE TABLE captions (article_id INTEGER NOT NULL"
	    "  REFERENCES articles(id) ON DELETE CASCADE,"
	    "  position INTEGER NOT NULL, text TEXT NOT NULL, credit TEXT,"
	    "  PRIMARY KEY (article_id, position)) WITHOUT ROWID;"
	    "INSERT INTO articles(origin, title, imported, sort_time, body,"
	    "  content_hash) VALUES('/old.txt', 'Old', 1, 1, 'lighthouse', 'h');"
	    "PRAGMA application_id = 1818584165;"
	    "PRAGMA user_version = 1;", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	assert_int_equal(store_open(f->db, 0, &st, &err), 0);
	assert_int_equal(store_opened_version(st), 1);
	assert_int_equal(count_matches(st, "lighthouse"), 1);
	store_close(st);
	assert_int_equal(sql_int(f->db, "PRAGMA user_version"),
	    STORE_SCHEMA_VERSION);
}

/* A word with a soft hyphen is one word.  A cache of step 12 indexed it
 * as two, so its index is built again on the way to this schema (by step
 * 14).  A body changed behind the index's back shows whether it was
 * built again. */
static void
test_store_migrates_soft_hyphens(void **state)
{
	struct fixture *f = *state;
	struct store *st = NULL;
	struct article *a = make("/a.txt", "Koalition",
	    "Die Bundes\xc2\xadregierung tagte.");
	struct article *b = make("/b.txt", "Leuchtturm",
	    "The lighthouse keeper.");
	char *err = NULL;

	assert_int_equal(store_open(f->db, STORE_CREATE, &st, &err), 0);
	put(st, a);
	put(st, b);
	article_free(a);
	article_free(b);
	assert_int_equal(count_matches(st, "Bundesregierung"), 1);
	store_close(st);
	assert_int_equal(sql_exec(f->db, "UPDATE articles SET body = "
	    "'Der Haus' || char(173) || 'halts' || char(173) || 'entwurf.'"
	    " WHERE origin = '/a.txt';"
	    "PRAGMA user_version = 12"), SQLITE_OK);
	assert_int_equal(store_open(f->db, 0, &st, &err), 0);
	assert_int_equal(count_matches(st, "Haushaltsentwurf"), 1);
	assert_int_equal(count_matches(st, "Bundesregierung"), 0);
	assert_int_equal(count_matches(st, "Haus*"), 1);
	store_close(st);
	assert_int_equal(sql_int(f->db, "PRAGMA user_version"),
	    STORE_SCHEMA_VERSION);
}

/* Schema step 14: the dateline is searched with the byline, and search
 * keys changed (digits of other scripts, the dotless ı), so the index of
 * a cache of step 13 is built again from its articles. */
static void
test_store_migrates_datelines_and_keys(void **state)
{
	struct fixture *f = *state;
	struct store *st = NULL;
	struct article *a = make("/a.txt", "Quake", "A strong earthquake.");
	struct article *b = make("/b.txt", "الجنود", "نشر ٨٥٠٠ جندي.");
	char *err = NULL;

	a->dateline = xstrdup("TOKYO");
	a->byline = xstrdup("By Ada Kern");
	assert_int_equal(store_open(f->db, STORE_CREATE, &st, &err), 0);
	put(st, a);
	put(st, b);
	article_free(a);
	article_free(b);
	assert_int_equal(count_matches(st, "tokyo"), 1);
	assert_int_equal(count_matches(st, "byline:tokyo"), 1);
	assert_int_equal(count_matches(st, "byline:kern"), 1);
	assert_int_equal(count_matches(st, "8500"), 1);
	store_close(st);
	/* The index of step 13 knew neither: it is built again. */
	assert_int_equal(sql_exec(f->db, "UPDATE articles SET dateline ="
	    " 'OSAKA' WHERE origin = '/a.txt';"
	    "UPDATE articles SET body = 'عام ٢٠٢٥.' WHERE origin = '/b.txt';"
	    "PRAGMA user_version = 13"), SQLITE_OK);
	assert_int_equal(store_open(f->db, 0, &st, &err), 0);
	assert_int_equal(count_matches(st, "osaka"), 1);
	assert_int_equal(count_matches(st, "tokyo"), 0);
	assert_int_equal(count_matches(st, "2025"), 1);
	assert_int_equal(count_matches(st, "osa*"), 1);	/* the word list */
	assert_int_equal(store_check(st, no_problem, NULL, &err), 1);
	store_close(st);
	assert_int_equal(sql_int(f->db, "PRAGMA user_version"),
	    STORE_SCHEMA_VERSION);
}

/* What store_check found, as store_problem_fn notes it. */
struct damage {
	unsigned	what;	/* a bit per enum store_damage */
	int		n;
};

static void
note_damage(enum store_damage what, const char *problem, void *ctx)
{
	struct damage *d = ctx;

	(void)problem;
	d->what |= 1u << what;
	d->n++;
}

/* A full-text index that no longer matches its articles is damage to
 * the search index, which store_fts_rebuild repairs from the articles;
 * the similarity data (absent here) is another matter. */
static void
test_store_rebuilds_search_index(void **state)
{
	struct fixture *f = *state;
	struct store *st = NULL;
	struct article *a = make("/a.txt", "Harbour", "The cranes stood idle.");
	struct damage d = { 0 };
	char *err = NULL;

	assert_int_equal(store_open(f->db, STORE_CREATE, &st, &err), 0);
	put(st, a);
	article_free(a);
	store_close(st);
	assert_int_equal(sql_exec(f->db, "UPDATE articles SET body ="
	    " 'Ferries stopped.' WHERE origin = '/a.txt'"), SQLITE_OK);
	assert_int_equal(store_open(f->db, 0, &st, &err), 0);
	assert_int_equal(store_check(st, note_damage, &d, &err), 2);
	assert_int_equal(d.what, 1u << STORE_DAMAGE_SEARCH |
	    1u << STORE_DAMAGE_DERIVED);
	assert_int_equal(count_matches(st, "ferries"), 0);
	assert_int_equal(store_fts_rebuild(st, &err), 0);
	assert_int_equal(count_matches(st, "ferries"), 1);
	assert_int_equal(count_matches(st, "cranes"), 0);
	assert_int_equal(count_matches(st, "fer*"), 1);	/* the word list */
	assert_int_equal(store_check(st, no_problem, NULL, &err), 1);
	store_close(st);
}

static void
test_store_refuses_newer_version(void **state)
{
	struct fixture *f = *state;
	struct store *st = NULL;
	sqlite3 *h;
	char *err = NULL;

	assert_int_equal(store_open(f->db, STORE_CREATE, &st, &err), 0);
	store_close(st);
	assert_int_equal(sqlite3_open(f->db, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "PRAGMA user_version = 99", NULL,
	    NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	assert_int_equal(store_open(f->db, 0, &st, &err), -1);
	assert_non_null(strstr(err, "schema version 99, newer than"));
	assert_non_null(strstr(err, f->db));
	free(err);
	/* The refusal changed nothing. */
	assert_int_equal(sql_int(f->db, "PRAGMA user_version"), 99);
}

static void
test_store_refuses_garbage_and_foreign(void **state)
{
	struct fixture *f = *state;
	struct store *st = NULL;
	char *err = NULL;
	sqlite3 *h;
	FILE *fp;

	/* A text file where the cache should be. */
	fp = fopen(f->db, "w");
	fputs("this is not a database, just some text that is long enough "
	    "to fill a header page and then some more text\n", fp);
	fclose(fp);
	assert_int_equal(store_open(f->db, 0, &st, &err), -1);
	assert_non_null(strstr(err, f->db));
	assert_non_null(strstr(err, "not a database"));
	free(err);
	/* A truncated cache: the first half page of a real one. */
	unlink(f->db);
	assert_int_equal(store_open(f->db, STORE_CREATE, &st, &err), 0);
	store_close(st);
	assert_int_equal(truncate(f->db, 100), 0);
	{
		char *wal = xasprintf("%s-wal", f->db);

		unlink(wal);
		free(wal);
	}
	assert_int_equal(store_open(f->db, 0, &st, &err), -1);
	assert_non_null(strstr(err, f->db));
	free(err);
	/* Somebody else's SQLite database. */
	unlink(f->db);
	assert_int_equal(sqlite3_open(f->db, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "CREATE TABLE t(x)", NULL, NULL,
	    NULL), SQLITE_OK);
	sqlite3_close(h);
	assert_int_equal(store_open(f->db, 0, &st, &err), -1);
	assert_non_null(strstr(err, "not a lede cache"));
	free(err);
}

struct order {
	int64_t		 ids[64];
	struct store_key last;	/* of the last page row */
	int		 n;
};

static int
collect_ids(const struct store_row *r, void *ctx)
{
	struct order *o = ctx;

	o->ids[o->n++] = r->id;
	return 0;
}

static void
test_store_list_newest_first_with_limit(void **state)
{
	struct fixture *f = *state;
	struct store_list_query q = { 0 };
	struct store *st = NULL;
	struct order o = { 0 };
	struct article *a;
	char *err = NULL;
	int64_t ids[4];
	int i;

	assert_int_equal(store_open(f->db, STORE_CREATE, &st, &err), 0);
	for (i = 0; i < 4; i++) {
		char origin[32];

		snprintf(origin, sizeof origin, "/x/%d.txt", i);
		a = make(origin, "T", "text");
		/* dated 1, 3, 2; the last undated, imported later */
		a->published = i == 3 ? ARTICLE_UNDATED : (int64_t[]){ 100,
		    300, 200 }[i];
		a->imported = 1000;
		put(st, a);
		ids[i] = a->id;
		article_free(a);
	}
	assert_int_equal(store_list(st, &q, collect_ids, &o, &err), 0);
	assert_int_equal(o.n, 4);
	assert_int_equal(o.ids[0], ids[3]);
	assert_int_equal(o.ids[1], ids[1]);
	assert_int_equal(o.ids[2], ids[2]);
	assert_int_equal(o.ids[3], ids[0]);
	o.n = 0;
	q.limit = 2;
	assert_int_equal(store_list(st, &q, collect_ids, &o, &err), 0);
	assert_int_equal(o.n, 2);
	store_close(st);
}

/* A prefix or a phrase in more than 1,000 articles is listed from a
 * bitmap of its matches, kept between pages: the pages stay in date
 * order, and an article added since, by this connection or another,
 * shows up at once. */
static void
test_store_common_prefix_and_phrase_lists(void **state)
{
	struct fixture *f = *state;
	struct store_list_query q = { 0 };
	struct store *st = NULL, *other = NULL;
	struct query *filter = NULL;
	struct order o = { 0 };
	struct article *a;
	char origin[32], *err = NULL;
	int64_t newest = 0;
	int i;

	assert_int_equal(store_open(f->db, STORE_CREATE, &st, &err), 0);
	assert_int_equal(store_begin(st, &err), 0);
	for (i = 0; i < 1200; i++) {
		snprintf(origin, sizeof origin, "/x/%d.txt", i);
		/* The newest hundred have both words, not the phrase. */
		a = make(origin, "Council", i < 1100 ?
		    "Government officials met the governor today." :
		    "Officials met the government today.");
		a->published = 1600000000 + (int64_t)(i < 1100 ? i : i - 2000) *
		    3600;
		put_in_batch(st, a);
		if (i == 1099)
			newest = a->id;
		article_free(a);
	}
	assert_int_equal(store_commit(st, &err), 0);
	assert_int_equal(count_matches(st, "gover*"), 1200);
	assert_int_equal(count_matches(st, "\"government officials\""), 1100);
	filter = filter_of("\"government officials\"");
	q.filter = filter;
	q.limit = 3;
	assert_int_equal(store_list(st, &q, collect_ids, &o, &err), 0);
	assert_int_equal(o.n, 3);
	assert_int_equal(o.ids[0], newest);
	assert_int_equal(o.ids[1], newest - 1);
	assert_int_equal(o.ids[2], newest - 2);
	/* Another connection adds a newer match, then this one. */
	assert_int_equal(store_open(f->db, 0, &other, &err), 0);
	for (i = 0; i < 2; i++) {
		int64_t id;

		snprintf(origin, sizeof origin, "/x/late-%d.txt", i);
		a = make(origin, "Late", "Government officials again.");
		a->published = 1700000000 + i;
		put(i == 0 ? other : st, a);
		id = a->id;
		article_free(a);
		o.n = 0;
		assert_int_equal(store_list(st, &q, collect_ids, &o, &err), 0);
		assert_int_equal(o.ids[0], id);
		assert_int_equal(o.ids[1], i == 0 ? newest : id - 1);
	}
	store_close(other);
	assert_int_equal(count_matches(st, "\"government officials\""), 1102);
	query_free(filter);
	store_close(st);
}

/* Excluded words are read from the index once, as a set: one word,
 * several, a word that is nowhere, and with a word to find. */
static void
test_store_exclusions(void **state)
{
	struct fixture *f = *state;
	struct store *st = NULL;
	struct article *a;
	char *err = NULL;
	const char *texts[][2] = {
		{ "Harbour strike", "Dockers stop work." },
		{ "Harbour pilots", "Pilots guide ships." },
		{ "Airport strike", "Baggage handlers stop work." },
		{ "Council vote", "The budget passes." },
	};
	char origin[16];
	size_t i;

	assert_int_equal(store_open(f->db, STORE_CREATE, &st, &err), 0);
	for (i = 0; i < 4; i++) {
		snprintf(origin, sizeof origin, "/x/%zu.txt", i);
		a = make(origin, texts[i][0], texts[i][1]);
		put(st, a);
		article_free(a);
	}
	assert_int_equal(count_matches(st, "-strike"), 2);
	assert_int_equal(count_matches(st, "-strike -pilots"), 1);
	assert_int_equal(count_matches(st, "-zzyzx"), 4);
	assert_int_equal(count_matches(st, "harbour -pilots"), 1);
	assert_int_equal(count_matches(st, "-title:strike -stop"), 2);
	store_close(st);
}

static void
put_text(struct store *st, const char *origin, const char *body)
{
	struct article *a = make(origin, "Notes", body);

	put(st, a);
	article_free(a);
}

/* A prefix is asked as the words of the index it covers: every word
 * the index has must be among them, whoever wrote it, after a batch
 * that was rolled back, and in a cache from before the list existed. */
static void
test_store_prefix_words(void **state)
{
	struct fixture *f = *state;
	struct store *st = NULL, *other = NULL;
	struct article *a;
	char origin[32], body[64], *err = NULL;
	int i;

	assert_int_equal(store_open(f->db, STORE_CREATE, &st, &err), 0);
	put_text(st, "/x/1.txt", "The harbour was calm.");
	put_text(st, "/x/2.txt", "A harbor in the south.");
	put_text(st, "/x/3.txt", "Two harbours closed.");
	assert_int_equal(count_matches(st, "harb*"), 3);
	assert_int_equal(count_matches(st, "title:harb*"), 0);
	assert_int_equal(count_matches(st, "notes -harb*"), 0);
	/* A word another connection adds. */
	assert_int_equal(store_open(f->db, 0, &other, &err), 0);
	put_text(other, "/x/4.txt", "The harbourmaster retired.");
	store_close(other);
	assert_int_equal(count_matches(st, "harb*"), 4);
	/* A word first met in a batch that was rolled back. */
	assert_int_equal(store_begin(st, &err), 0);
	a = make("/x/5.txt", "Notes", "A quokka appeared.");
	put_in_batch(st, a);
	article_free(a);
	store_rollback(st);
	put_text(st, "/x/6.txt", "Quokkas everywhere.");
	put_text(st, "/x/7.txt", "One quokka left.");
	assert_int_equal(count_matches(st, "quok*"), 2);
	/* More words than are asked one by one. */
	assert_int_equal(store_begin(st, &err), 0);
	for (i = 0; i < 300; i++) {
		snprintf(origin, sizeof origin, "/z/%d.txt", i);
		snprintf(body, sizeof body, "zeta%d rises", i);
		a = make(origin, "Notes", body);
		put_in_batch(st, a);
		article_free(a);
	}
	assert_int_equal(store_commit(st, &err), 0);
	assert_int_equal(count_matches(st, "zeta*"), 300);
	assert_int_equal(count_matches(st, "zeta1*"), 111);
	/* A word whose folding is not itself again as a query ("5½" is
	 * "51⁄2", two words when asked) is still found by its prefix. */
	put_text(st, "/x/9.txt", "A 5\xc2\xbd hour delay.");
	assert_int_equal(count_matches(st, "51*"), 1);
	/* Αθήνα, Αθλητές */
	put_text(st, "/x/10.txt", "Flights to \xce\x91\xce\xb8\xce\xae\xce\xbd"
	    "\xce\xb1 resume.");
	put_text(st, "/x/11.txt", "\xce\x91\xce\xb8\xce\xbb\xce\xb7\xcf\x84"
	    "\xce\xad\xcf\x82 arrive.");
	store_close(st);
	/* A list that lacks words (a cache upgraded to schema 7 while an
	 * older lede still imported) is made again from the index. */
	assert_int_equal(sql_exec(f->db, "DELETE FROM fts_terms"
	    " WHERE term <> 'harbor'"
	    " AND term NOT LIKE '\xce\xb1\xce\xb8\xce\xb7%'"), SQLITE_OK);
	assert_int_equal(store_open(f->db, 0, &st, &err), 0);
	assert_int_equal(count_matches(st, "harb*"), 1);
	/* Two letters are read from the index's prefixes, not the list. */
	assert_int_equal(count_matches(st, "ha*"), 4);
	assert_int_equal(count_matches(st, "notes -ha*"),
	    count_matches(st, "notes") - 4);
	/* Two letters, not two bytes (the list has only αθηνα). */
	assert_int_equal(count_matches(st, "\xce\xb1\xce\xb8*"), 2);
	assert_int_equal(store_terms_fill(st, &err), 0);
	put_text(st, "/x/8.txt", "A harbinger of spring.");
	assert_int_equal(count_matches(st, "harb*"), 5);
	assert_int_equal(count_matches(st, "quok*"), 2);
	store_close(st);
}

struct scores {
	int64_t	ids[8];
	double	score[8];
	char	snip[8][256];
	int	n;
};

static int
collect_score(const struct store_hit *h, void *ctx)
{
	struct scores *o = ctx;

	o->ids[o->n] = h->id;
	snprintf(o->snip[o->n], sizeof o->snip[o->n], "%s", h->snippet);
	o->score[o->n++] = h->score;
	return 0;
}

/* The first limit hits (at most 8) of a search for text, with their
 * scores and snippets. */
static void
search_scores(struct store *st, const char *text, int limit,
    struct scores *o)
{
	struct store_list_query q = { .limit = limit };
	struct query *filter = filter_of(text);
	char *err = NULL;

	q.filter = filter;
	o->n = 0;
	assert_int_equal(store_search(st, &q, collect_score, o, &err), 0);
	query_free(filter);
}

/* The words a prefix stands for rank as one term: four forms of it
 * count as four hits of one word, and a query with many such words
 * still weighs its last term. */
static void
test_store_prefix_ranks_as_one_term(void **state)
{
	struct fixture *f = *state;
	struct store *st = NULL;
	struct scores o;
	char origin[32], body[64], *err = NULL;
	int i;

	assert_int_equal(store_open(f->db, STORE_CREATE, &st, &err), 0);
	put_text(st, "/r/1.txt", "harbour harbour harbour harbour");
	put_text(st, "/r/2.txt", "harbour harbor harbours harbourmaster");
	search_scores(st, "harb*", 8, &o);
	assert_int_equal(o.n, 2);
	assert_true(fabs(o.score[0] - o.score[1]) < 1e-9);
	/* In a cache this small a prefix still weighs something. */
	assert_true(o.score[0] > 0.1);
	/* Two prefixes of 32 words each, then a word: three hits of it
	 * rank above one. */
	for (i = 0; i < 32; i++) {
		snprintf(origin, sizeof origin, "/r/a%d.txt", i);
		snprintf(body, sizeof body, "aa%d bb%d filler", i, i);
		put_text(st, origin, body);
	}
	put_text(st, "/r/z3.txt", "aa1 bb1 zebra zebra zebra");
	put_text(st, "/r/z1.txt", "aa2 bb2 zebra filler filler");
	search_scores(st, "aa* bb* zebra", 8, &o);
	assert_int_equal(o.n, 2);
	assert_true(o.score[0] > o.score[1]);
	assert_int_equal(o.ids[0], o.ids[1] - 1);	/* z3, imported first */
	store_close(st);
}

/* The page of a prefix shows every word of it that the page has, each
 * marked in its own article's snippet, though the snippets are made
 * with the page's words only. */
static void
test_store_prefix_snippets(void **state)
{
	struct fixture *f = *state;
	struct store *st = NULL;
	struct scores o;
	char origin[32], body[64], word[32], *err = NULL;
	int i;

	assert_int_equal(store_open(f->db, STORE_CREATE, &st, &err), 0);
	for (i = 0; i < 40; i++) {
		snprintf(origin, sizeof origin, "/p/%d.txt", i);
		snprintf(body, sizeof body, "Filler then zeta%d and more.", i);
		put_text(st, origin, body);
	}
	put_text(st, "/p/both.txt", "Now zeta3 and zeta39 together.");
	search_scores(st, "zeta*", 4, &o);
	assert_int_equal(o.n, 4);
	for (i = 0; i < o.n; i++) {
		if (o.ids[i] == 41) {
			assert_non_null(strstr(o.snip[i], "\001zeta3\002"));
			assert_non_null(strstr(o.snip[i], "\001zeta39\002"));
		} else {
			snprintf(word, sizeof word, "\001zeta%d\002",
			    (int)o.ids[i] - 1);
			assert_non_null(strstr(o.snip[i], word));
		}
	}
	store_close(st);
}

/* A snippet is a window of 16 words around the best hits, of the body
 * rather than a title that the result shows anyway, moved to the start
 * of a sentence when that keeps its hits, with a phrase marked as one
 * and an ellipsis only where the text goes on. */
static void
test_store_snippet_windows(void **state)
{
	struct fixture *f = *state;
	struct store *st = NULL;
	struct strbuf body = { 0 };
	struct article *a;
	struct scores o;
	char *err = NULL;
	int i;

	assert_int_equal(store_open(f->db, STORE_CREATE, &st, &err), 0);
	for (i = 0; i < 40; i++)
		strbuf_addf(&body, "w%d%s", i, i == 39 ? ". " : " ");
	strbuf_adds(&body, "Tugboats waited while the harbour pilots argued"
	    " about fees.");
	for (i = 40; i < 80; i++)
		strbuf_addf(&body, " v%d", i);
	put_text(st, "/s/1.txt", body.s);
	search_scores(st, "\"harbour pilots\"", 8, &o);
	assert_int_equal(o.n, 1);
	assert_string_equal(o.snip[0], "…Tugboats waited while the"
	    " \001harbour pilots\002 argued about fees. v40 v41 v42 v43 v44"
	    " v45 v46…");
	search_scores(st, "fees", 8, &o);
	assert_int_equal(o.n, 1);
	assert_string_equal(o.snip[0], "…Tugboats waited while the harbour"
	    " pilots argued about \001fees\002. v40 v41 v42 v43 v44 v45"
	    " v46…");
	search_scores(st, "v60", 8, &o);
	assert_int_equal(o.n, 1);
	assert_string_equal(o.snip[0], "…v53 v54 v55 v56 v57 v58 v59"
	    " \001v60\002 v61 v62 v63 v64 v65 v66 v67 v68…");
	strbuf_fini(&body);

	put_text(st, "/s/2.txt", "Ships waited outside. By evening the"
	    " lagoon was calm.");
	search_scores(st, "lagoon", 8, &o);
	assert_int_equal(o.n, 1);
	assert_string_equal(o.snip[0], "Ships waited outside. By evening the"
	    " \001lagoon\002 was calm.");

	a = make("/s/3.txt", "Quay strike ends", "The quay reopened on Monday"
	    " after a strike of three weeks, and the first ships came in at"
	    " dawn to unload grain.");
	put(st, a);
	article_free(a);
	search_scores(st, "quay", 8, &o);
	assert_int_equal(o.n, 1);
	assert_string_equal(o.snip[0], "The \001quay\002 reopened on Monday"
	    " after a strike of three weeks, and the first ships came…");
	store_close(st);
}

/* Search ranks only the newest matches: for plain words and phrases,
 * among the newest 5,000 articles that have all the words.  When fewer
 * than the page pass in that window, it looks further, so a phrase whose
 * words are mostly apart, or an old date, still finds its articles. */
static void
test_store_search_past_window(void **state)
{
	struct fixture *f = *state;
	struct store *st = NULL;
	struct scores o;
	struct article *a;
	char origin[32], *err = NULL;
	size_t i;
	const char *queries[] = {
		"\"harbour pilots\"",
		"title:\"harbour pilots\" OR zzyzx",
		"harbour until:2001-01-01",
		"harb* until:2001-01-01",
	};
	int k;

	assert_int_equal(store_open(f->db, STORE_CREATE, &st, &err), 0);
	assert_int_equal(store_begin(st, &err), 0);
	for (k = 0; k < 5100; k++) {
		snprintf(origin, sizeof origin, "/x/%d.txt", k);
		/* The oldest 20 have the phrase; the 5,080 after them have
		 * both words apart. */
		a = make(origin, k < 20 ? "Harbour pilots strike" :
		    "Pilots return", k < 20 ? "Harbour pilots strike at dawn." :
		    "The pilots met at the old harbour.");
		a->published = (k < 20 ? 946684800 : 1600000000) + k * 60;
		put_in_batch(st, a);
		article_free(a);
	}
	assert_int_equal(store_commit(st, &err), 0);
	for (i = 0; i < sizeof queries / sizeof *queries; i++) {
		search_scores(st, queries[i], 5, &o);
		assert_int_equal(o.n, 5);
		for (k = 0; k < o.n; k++)
			assert_true(o.ids[k] <= 20);
	}
	store_close(st);
}

static int
collect_page(const struct store_page_row *r, void *ctx)
{
	struct order *o = ctx;

	assert_true(o->n < 64);
	o->ids[o->n++] = r->id;
	o->last = r->key;
	return 0;
}

/* The reader's pages after the first start from a key: with a filter
 * they still hold exactly the filter's articles (a numbered parameter
 * of the key once shared a slot with the filter's, and pages after
 * the first lost a date filter or came back empty). */
static void
test_store_page_from_key_keeps_filter(void **state)
{
	struct fixture *f = *state;
	struct store_page_query pq = { .older = true, .limit = 8 };
	struct store *st = NULL;
	struct query *filter = NULL;
	struct store_key key;
	struct order o = { 0 };
	struct article *a;
	char origin[32], *err = NULL;
	int64_t ids[6];
	int i;

	assert_int_equal(store_open(f->db, STORE_CREATE, &st, &err), 0);
	for (i = 0; i < 6; i++) {
		snprintf(origin, sizeof origin, "/x/%d.txt", i);
		a = make(origin, "Harbour", i % 2 ? "strike" : "calm");
		a->published = 1643241600 + (int64_t)i * 86400; /* 2022-01-27 */
		put(st, a);
		ids[i] = a->id;
		article_free(a);
	}
	filter = filter_of("since:2022-01-29 strike");
	pq.filter = filter;
	assert_int_equal(store_article_key(st, ids[5], &key, &err), 0);
	pq.from = &key;
	assert_int_equal(store_list_page(st, &pq, collect_page, &o, &err), 0);
	/* Older than 2022-02-01, from 01-29, with the word: 01-30 alone. */
	assert_int_equal(o.n, 1);
	assert_int_equal(o.ids[0], ids[3]);
	query_free(filter);
	store_close(st);
}

/* SQLite's virtual machine steps on every connection this process
 * opens, counted by a progress handler that each new connection gets
 * (sqlite3_auto_extension): the work of a statement, independent of
 * the machine's speed. */
static unsigned long vm_steps;

static int
count_step(void *ctx)
{
	(void)ctx;
	vm_steps++;
	return 0;
}

static int
count_steps_on(sqlite3 *db, const char **msg,
    const struct sqlite3_api_routines *api)
{
	(void)msg;
	(void)api;
	sqlite3_progress_handler(db, 1, count_step, NULL);
	return SQLITE_OK;
}

/* Steps of one page of the list under the filter text. */
static unsigned long
page_steps(struct store *st, const char *text, struct order *o)
{
	struct store_page_query pq = { .older = true, .limit = 40 };
	struct query *filter = text != NULL ? filter_of(text) : NULL;
	char *err = NULL;

	pq.filter = filter;
	memset(o, 0, sizeof *o);
	vm_steps = 0;
	assert_int_equal(store_list_page(st, &pq, collect_page, o, &err), 0);
	query_free(filter);
	return vm_steps;
}

/* A page under the filter text lists article id alone, in fewer steps
 * than all. */
static void
assert_only_for_less(struct store *st, const char *text, unsigned long all,
    int64_t id)
{
	struct order o;

	assert_true(page_steps(st, text, &o) < all);
	assert_int_equal(o.n, 1);
	assert_int_equal(o.ids[0], id);
}

/* A page of the few starred or read articles, or of a language that
 * few have, costs no more than a page of everything: the listing walks
 * an index of those articles rather than every article in the cache
 * (it took 0.2-0.3 s at 100,000 articles). */
static void
test_store_rare_filters_cost_a_page(void **state)
{
	struct fixture *f = *state;
	struct store *st = NULL;
	struct order o;
	struct article *a;
	char origin[32], *err = NULL;
	int64_t starred = 0, german = 0, read = 0;
	unsigned long all;
	int i;

	assert_int_equal(sqlite3_auto_extension((void (*)(void))
	    count_steps_on), SQLITE_OK);
	assert_int_equal(store_open(f->db, STORE_CREATE, &st, &err), 0);
	assert_int_equal(store_begin(st, &err), 0);
	for (i = 0; i < 1500; i++) {
		snprintf(origin, sizeof origin, "/x/%d.txt", i);
		a = make(origin, "Harbour", "the ferry sailed");
		a->published = 1643241600 + (int64_t)i * 3600;
		a->language = xstrdup(i == 20 ? "de" : "en");
		put_in_batch(st, a);
		if (i == 10)
			starred = a->id;
		if (i == 20)
			german = a->id;
		if (i == 30)
			read = a->id;
		article_free(a);
	}
	assert_int_equal(store_commit(st, &err), 0);
	assert_int_equal(store_set_starred(st, starred, true, &err), 0);
	assert_int_equal(store_set_read(st, read, true, false, NULL, &err), 0);

	all = page_steps(st, NULL, &o);
	assert_int_equal(o.n, 40);
	assert_only_for_less(st, "starred", all, starred);
	assert_only_for_less(st, "lang:de", all, german);
	assert_only_for_less(st, "is:read", all, read);
	assert_only_for_less(st, "not unread", all, read);
	store_close(st);
	sqlite3_reset_auto_extension();
}

struct dated {
	int64_t	time, id;
};

static int
newest_first(const void *a, const void *b)
{
	const struct dated *x = a, *y = b;

	if (x->time != y->time)
		return x->time < y->time ? 1 : -1;
	return (x->id < y->id) - (x->id > y->id);
}

/* Every page of pq's listing from the newest, in pages of 7. */
static void
all_pages(struct store *st, struct store_page_query pq, struct order *all)
{
	struct order w;
	char *err = NULL;
	int i;

	all->n = 0;
	pq.limit = 7;
	pq.older = true;
	pq.from = NULL;
	for (;;) {
		w.n = 0;
		assert_int_equal(store_list_page(st, &pq, collect_page, &w,
		    &err), 0);
		for (i = 0; i < w.n; i++) {
			assert_true(all->n < 64);
			all->ids[all->n++] = w.ids[i];
		}
		all->last = w.last;
		if (w.n < pq.limit)
			break;
		pq.from = &all->last;
		pq.inclusive = false;
	}
}

/* Words alone are listed by the full-text index walking its keys, which
 * are in date order whatever the order of import: pages of them, either
 * way and from a key, hold what a sort by date gives and what the other
 * plans give (here, with "unread"), an article written twice in one
 * batch is indexed once, and a cluster folds to its oldest match. */
static void
test_store_word_pages_in_date_order(void **state)
{
	struct fixture *f = *state;
	struct store_page_query pq = { 0 };
	struct store *st = NULL;
	struct query *filter = NULL;
	struct order all, other;
	struct dated want[40];
	struct article *a;
	char origin[32], *err = NULL;
	int64_t time[40];
	int i, n = 0;

	assert_int_equal(store_open(f->db, STORE_CREATE, &st, &err), 0);
	assert_int_equal(store_begin(st, &err), 0);
	for (i = 0; i < 40; i++) {
		snprintf(origin, sizeof origin, "/w/%d.txt", i);
		a = make(origin, "Notes", i % 3 ? "A red harbour at dawn." :
		    "A harbour, and red sails.");
		/* Dates against the import order, two articles a date,
		 * and every tenth undated (sorted by its import time, the
		 * same for all); one in 1960 (a key below 0), one in
		 * 3237 (kept to 2514 in the key). */
		if (i == 1)
			a->published = INT64_C(40000000000);
		else if (i == 2)
			a->published = -315619200;
		else if (i % 10 != 9)
			a->published = 1600000000 + (int64_t)((i * 17) % 40 /
			    2) * 3600;
		time[i] = i % 10 != 9 ? a->published : a->imported;
		put_in_batch(st, a);
		if (i % 3 != 0 && i != 4) {
			want[n].time = time[i];
			want[n++].id = a->id;
		}
		article_free(a);
	}
	/* Article 4 again, in the same batch, without the phrase and a
	 * second later: indexed once, under its new key. */
	a = make("/w/4.txt", "Notes", "A grey harbour.");
	a->published = time[4] + 1;
	assert_int_equal(put_in_batch(st, a), STORE_UPDATED);
	article_free(a);
	assert_int_equal(store_commit(st, &err), 0);
	/* The one problem: no similarity data, which related.c writes. */
	assert_int_equal(store_check(st, no_problem, NULL, &err), 1);
	qsort(want, (size_t)n, sizeof *want, newest_first);

	filter = filter_of("\"red harbour\"");
	pq.filter = filter;
	all_pages(st, pq, &all);
	assert_int_equal(all.n, n);
	for (i = 0; i < n; i++)
		assert_int_equal(all.ids[i], want[i].id);
	pq.unread_only = true;
	all_pages(st, pq, &other);
	assert_int_equal(other.n, n);
	assert_memory_equal(other.ids, all.ids, (size_t)n * sizeof *all.ids);
	pq.unread_only = false;
	/* Towards the newer, from the oldest, itself included. */
	pq.from = &all.last;
	pq.inclusive = true;
	pq.older = false;
	pq.limit = 64;
	other.n = 0;
	assert_int_equal(store_list_page(st, &pq, collect_page, &other, &err),
	    0);
	assert_int_equal(other.n, n);
	for (i = 0; i < n; i++)
		assert_int_equal(other.ids[i], want[n - 1 - i].id);
	/* The two newest matches in one cluster: folded, the newer goes. */
	assert_int_equal(store_begin(st, &err), 0);
	assert_int_equal(store_cluster_join(st, want[0].id, want[1].id, &err),
	    0);
	assert_int_equal(store_commit(st, &err), 0);
	pq.fold = true;
	all_pages(st, pq, &all);
	assert_int_equal(all.n, n - 1);
	assert_int_equal(all.ids[0], want[1].id);
	assert_int_equal(all.ids[1], want[2].id);
	query_free(filter);
	store_close(st);
}

struct copies_of {
	int64_t	id;
	int	copies_unread;	/* -1: no such row */
	int64_t	copies;
};

static int
note_copies(const struct store_page_row *r, void *ctx)
{
	struct copies_of *o = ctx;

	if (r->id == o->id) {
		o->copies_unread = r->copies_unread;
		o->copies = r->copies;
	}
	return 0;
}

/* Whether article id's row on the page q gives has an unread copy; -1
 * if there is no such row. */
static int
row_copies_unread(struct store *st, const struct store_page_query *q,
    int64_t id)
{
	struct copies_of o = { id, -1, -1 };
	char *err = NULL;

	assert_int_equal(store_list_page(st, q, note_copies, &o, &err), 0);
	return o.copies_unread;
}

/* The copies article id's row on the page q gives stands for (its
 * "(+N)"); -1 if there is no such row. */
static int64_t
row_copies(struct store *st, const struct store_page_query *q, int64_t id)
{
	struct copies_of o = { id, -1, -1 };
	char *err = NULL;

	assert_int_equal(store_list_page(st, q, note_copies, &o, &err), 0);
	return o.copies;
}

/* z in the reader keeps its place on a cluster's row: the row the folded
 * list shows for a duplicate is its oldest copy that the filter takes,
 * and an article in no cluster, or a cluster the filter drops, has none.
 * The row says how many copies it hides and whether one is unread, of
 * those the filter takes. */
static void
test_store_fold_head(void **state)
{
	struct fixture *f = *state;
	static const char *const body[] = { "A grey harbour.", "A red harbour.",
	    "A red harbour again.", "A red harbour, alone." };
	struct store_page_query pq = { .older = true, .limit = 10,
	    .fold = true };
	struct store *st = NULL;
	struct query *red = filter_of("red"), *blue = filter_of("blue");
	struct article *a;
	struct order page = { 0 };
	char origin[32], *err = NULL;
	int64_t id[4], head = 0;
	int i;

	assert_int_equal(store_open(f->db, STORE_CREATE, &st, &err), 0);
	for (i = 0; i < 4; i++) {
		snprintf(origin, sizeof origin, "/f/%d.txt", i);
		a = make(origin, "Harbour", body[i]);
		a->published = 1600000000 + i * 3600;
		put(st, a);
		id[i] = a->id;
		article_free(a);
	}
	assert_int_equal(store_begin(st, &err), 0);
	assert_int_equal(store_cluster_join(st, id[1], id[0], &err), 0);
	assert_int_equal(store_cluster_join(st, id[2], id[0], &err), 0);
	assert_int_equal(store_commit(st, &err), 0);

	assert_int_equal(store_fold_head(st, id[2], NULL, &head, &err), 0);
	assert_int_equal(head, id[0]);
	assert_int_equal(store_fold_head(st, id[0], NULL, &head, &err), 0);
	assert_int_equal(head, id[0]);
	/* "red" leaves the grey original out: the next copy stands in. */
	assert_int_equal(store_fold_head(st, id[2], red, &head, &err), 0);
	assert_int_equal(head, id[1]);
	assert_int_equal(store_fold_head(st, id[2], blue, &head, &err),
	    STORE_ENOTFOUND);
	assert_int_equal(store_fold_head(st, id[3], NULL, &head, &err),
	    STORE_ENOTFOUND);
	/* The same row as the folded list's, which has the two rows. */
	pq.filter = red;
	assert_int_equal(store_list_page(st, &pq, collect_page, &page, &err),
	    0);
	assert_int_equal(page.n, 2);
	assert_int_equal(page.ids[0], id[3]);
	assert_int_equal(page.ids[1], id[1]);
	/* Folded, the cluster's row says that a copy is unread: here the
	 * newest, unread after the others (a copy imported later). */
	assert_int_equal(store_set_read(st, id[0], true, true, NULL, &err),
	    0);
	pq.filter = NULL;
	assert_int_equal(row_copies_unread(st, &pq, id[0]), 0);
	assert_int_equal(store_set_read(st, id[2], false, false, NULL, &err),
	    0);
	assert_int_equal(row_copies_unread(st, &pq, id[0]), 1);
	assert_int_equal(row_copies_unread(st, &pq, id[3]), 0);
	/* The row counts and flags the copies z would show: under "red",
	 * not the grey original. */
	assert_int_equal(row_copies(st, &pq, id[0]), 2);
	assert_int_equal(row_copies(st, &pq, id[3]), 0);
	assert_int_equal(store_set_read(st, id[2], true, false, NULL, &err),
	    0);
	assert_int_equal(store_set_read(st, id[0], false, false, NULL, &err),
	    0);
	pq.filter = red;
	assert_int_equal(row_copies(st, &pq, id[1]), 1);
	assert_int_equal(row_copies_unread(st, &pq, id[1]), 0);
	assert_int_equal(store_set_read(st, id[2], false, false, NULL, &err),
	    0);
	assert_int_equal(row_copies_unread(st, &pq, id[1]), 1);
	query_free(red);
	query_free(blue);
	store_close(st);
}

struct rel_list {
	int64_t	id[8];
	int	n;
};

static int
collect_related(const struct store_related_row *r, void *ctx)
{
	struct rel_list *l = ctx;

	if (l->n < 8)
		l->id[l->n++] = r->id;
	return 0;
}

static bool
in_list(const struct rel_list *l, int64_t id)
{
	int i;

	for (i = 0; i < l->n; i++)
		if (l->id[i] == id)
			return true;
	return false;
}

/* A full related list takes a newcomer only in place of its weakest
 * entry, the newest of the lowest scores; a weaker newcomer stays out,
 * and an entry already listed is updated, not counted twice. */
static void
test_store_related_put_keeps_best(void **state)
{
	struct fixture *f = *state;
	struct store *st = NULL;
	struct article *a;
	struct rel_list l;
	char origin[32], *err = NULL;
	int64_t id[7];
	int i;

	assert_int_equal(store_open(f->db, STORE_CREATE, &st, &err), 0);
	for (i = 0; i < 7; i++) {
		snprintf(origin, sizeof origin, "/r/%d.txt", i);
		a = make(origin, "Harbour", origin);
		put(st, a);
		id[i] = a->id;
		article_free(a);
	}
	assert_int_equal(store_begin(st, &err), 0);
	assert_int_equal(store_related_put(st, id[0], id[1], 0.5, "related",
	    3, &err), 0);
	assert_int_equal(store_related_put(st, id[0], id[2], 0.3, "related",
	    3, &err), 0);
	assert_int_equal(store_related_put(st, id[0], id[3], 0.3, "related",
	    3, &err), 0);
	/* Full: 0.2 is weaker than all, and stays out. */
	assert_int_equal(store_related_put(st, id[0], id[4], 0.2, "related",
	    3, &err), 0);
	/* 0.4 takes the place of the newer of the two at 0.3. */
	assert_int_equal(store_related_put(st, id[0], id[5], 0.4, "related",
	    3, &err), 0);
	memset(&l, 0, sizeof l);
	assert_int_equal(store_related(st, id[0], 10, collect_related, &l,
	    &err), 0);
	assert_int_equal(l.n, 3);
	assert_int_equal(l.id[0], id[1]);
	assert_int_equal(l.id[1], id[5]);
	assert_int_equal(l.id[2], id[2]);
	/* A listed entry scored again moves up and keeps the list's size. */
	assert_int_equal(store_related_put(st, id[0], id[2], 0.6,
	    "same story", 3, &err), 0);
	assert_int_equal(store_commit(st, &err), 0);
	memset(&l, 0, sizeof l);
	assert_int_equal(store_related(st, id[0], 10, collect_related, &l,
	    &err), 0);
	assert_int_equal(l.n, 3);
	assert_int_equal(l.id[0], id[2]);
	assert_int_equal(l.id[1], id[1]);
	assert_int_equal(l.id[2], id[5]);
	assert_false(in_list(&l, id[3]));
	assert_false(in_list(&l, id[4]));
	store_close(st);
}

static void
test_store_stats_counts(void **state)
{
	struct fixture *f = *state;
	struct article *a = make("/x/s.txt", "T", "b");
	struct store_stats s;
	struct store *st = NULL;
	char *err = NULL, *json = NULL;

	assert_int_equal(store_open(f->db, STORE_CREATE, &st, &err), 0);
	a->source = xstrdup("Harbor Times");
	article_add_caption(a, "c", "d");
	put(st, a);
	assert_int_equal(store_stats(st, &s, &err), 0);
	assert_int_equal(s.articles, 1);
	assert_int_equal(s.unread, 1);
	assert_int_equal(s.sources, 1);
	assert_int_equal(s.captions, 1);
	assert_int_equal(s.undated, 1);
	assert_int_equal(s.oldest, ARTICLE_UNDATED);
	assert_int_equal(s.schema, STORE_SCHEMA_VERSION);
	assert_int_equal(store_stats_json(st, &json, &err), 0);
	assert_non_null(strstr(json, "\"articles\":1,"));
	assert_non_null(strstr(json, "\"oldest\":null"));
	free(json);
	store_close(st);
	article_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_store_open_missing_without_create, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_open_hot_journal_without_create, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_open_tableless_without_create, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_fold_head, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_related_put_keeps_best, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_creates_private_wal_cache, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_default_path_is_private, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_roundtrip, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_json_escapes_controls, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_unchanged_and_updated, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_failed_put_leaves_no_partial_article, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_rollback_discards_batch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_batch_policy,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_migrates_soft_hyphens,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_migrates_datelines_and_keys,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_rebuilds_search_index,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_migrates_version_1,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_refuses_newer_version, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_refuses_garbage_and_foreign, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_list_newest_first_with_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_common_prefix_and_phrase_lists, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_search_past_window, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_exclusions, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_prefix_words, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_prefix_ranks_as_one_term, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_prefix_snippets, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_snippet_windows, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_page_from_key_keeps_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_word_pages_in_date_order, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_rare_filters_cost_a_page, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_stats_counts, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
