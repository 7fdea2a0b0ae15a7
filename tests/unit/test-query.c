/* Unit tests for query: what the search and filter language compiles to
 * (the FTS5 expression, the SQL and its bound values), that user text
 * never reaches the SQL text, that errors name the offending token and
 * its column, and, against a real cache, that the filters select what
 * they say. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <cmocka.h>

#include "article.h"
#include "query.h"
#include "store.h"
#include "util.h"

/* 2024-03-10 12:00 UTC: the "now" of relative dates. */
#define NOW	1710072000

/* The outlets' aliases, as data/sources gives the importer one. */
static const char *
alias(const char *value, void *ctx)
{
	(void)ctx;
	return strcasecmp(value, "MP") == 0 ? "Meridian Press" : NULL;
}

static const struct query_env env = { NOW, alias, NULL };

static struct query *
parse_ok(const char *text)
{
	struct query *q = NULL;
	char *err = NULL;
	size_t column = 0;

	if (query_parse(text, &env, &q, &column, &err) != 0)
		fail_msg("'%s' did not parse: %s", text, err);
	return q;
}

static void
test_query_words_make_one_fts_expression(void **state)
{
	static const struct {
		const char *in, *match;
	} cases[] = {
		{ "Kuleba", "\"kuleba\"" },
		{ "ZÜRICH", "\"zurich\"" },
		{ "\"Nord Stream\"", "\"nord stream\"" },
		{ "sanction*", "\"sanction\"*" },
		{ "Kuleba NOT Scholz", "(\"kuleba\" NOT \"scholz\")" },
		{ "kuleba -scholz -biden",
		    "(\"kuleba\" NOT \"scholz\" NOT \"biden\")" },
		{ "a b -c", "((\"a\" AND \"b\") NOT \"c\")" },
		{ "a or b", "(\"a\" OR \"b\")" },
		{ "(a OR b) c", "((\"a\" OR \"b\") AND \"c\")" },
		{ "title:Kremlin", "{title} : \"kremlin\"" },
		{ "caption:\"Andrey Rudakov\"",
		    "{captions} : \"andrey rudakov\"" },
		/* Quotes inside a word cannot end the FTS5 string. */
		{ "x\"y", NULL },
	};
	struct query *q;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (cases[i].match == NULL)
			continue;
		q = parse_ok(cases[i].in);
		assert_non_null(query_match(q));
		assert_string_equal(query_match(q), cases[i].match);
		assert_string_equal(query_where(q), "1");
		query_free(q);
	}
}

static void
test_query_filters_are_bound_values(void **state)
{
	const struct query_param *p;
	struct query *q;
	size_t n;

	(void)state;
	q = parse_ok("source:ap unread kuleba");
	assert_string_equal(query_match(q), "\"kuleba\"");
	assert_non_null(strstr(query_where(q), "a.is_read = 0"));
	assert_non_null(strstr(query_where(q), "name LIKE :q1"));
	p = query_params(q, &n);
	assert_int_equal(n, 2);
	assert_string_equal(p[0].text, "ap%");
	assert_string_equal(p[1].text, "% ap%");
	query_free(q);

	/* An alias stands for its outlet too. */
	q = parse_ok("source:mp");
	assert_non_null(strstr(query_where(q), "name = :q3"));
	p = query_params(q, &n);
	assert_int_equal(n, 3);
	assert_string_equal(p[2].text, "Meridian Press");
	query_free(q);

	/* Wildcards in a source name are literal. */
	q = parse_ok("source:50%_off");
	p = query_params(q, &n);
	assert_string_equal(p[0].text, "50\\%\\_off%");
	query_free(q);

	/* Dates: since and until take whole days, until inclusive. */
	q = parse_ok("since:2022-01-27 until:2022-02-01");
	p = query_params(q, &n);
	assert_int_equal(n, 2);
	assert_int_equal(p[0].num, 1643241600);	/* 2022-01-27 */
	assert_int_equal(p[1].num, 1643760000);	/* 2022-02-02 */
	query_free(q);
	q = parse_ok("on:2022-01-27");
	p = query_params(q, &n);
	assert_int_equal(p[0].num, 1643241600);
	assert_int_equal(p[1].num, 1643241600 + 86400);
	query_free(q);
	/* An age of days names its day, as yesterday does (NOW is noon):
	 * since:-7d takes all of 2024-03-03; one of hours, and age:, are
	 * moments. */
	q = parse_ok("since:-7d age:<3d age:>2h");
	p = query_params(q, &n);
	assert_int_equal(n, 3);
	assert_int_equal(p[0].num, NOW - 7 * 86400 - 12 * 3600);
	assert_int_equal(p[1].num, NOW - 3 * 86400);
	assert_int_equal(p[2].num, NOW - 2 * 3600);
	query_free(q);
	q = parse_ok("since:-1d until:-1d");
	p = query_params(q, &n);
	assert_int_equal(p[0].num, NOW - 86400 - 12 * 3600);
	assert_int_equal(p[1].num, NOW - 12 * 3600);
	query_free(q);
	q = parse_ok("on:-1w since:-6h");
	p = query_params(q, &n);
	assert_int_equal(p[0].num, NOW - 7 * 86400 - 12 * 3600);
	assert_int_equal(p[1].num, NOW - 6 * 86400 - 12 * 3600);
	assert_int_equal(p[2].num, NOW - 6 * 3600);
	query_free(q);
	q = parse_ok("since:-7d age:<3d age:>2h");
	/* Within the dates the list can order, the index's sort_time
	 * stands for published; beyond them, published itself. */
	assert_non_null(strstr(query_where(q), "a.sort_time < :q3"));
	assert_null(strstr(query_where(q), "a.published <"));
	query_free(q);
	q = parse_ok("since:2600-01-01");
	assert_non_null(strstr(query_where(q), "a.published >= :q1"));
	query_free(q);
	q = parse_ok("label:same-story has:captions lang:EN starred");
	p = query_params(q, &n);
	assert_string_equal(p[0].text, "same story");
	assert_string_equal(p[1].text, "en");
	assert_non_null(strstr(query_where(q), "FROM captions"));
	assert_non_null(strstr(query_where(q), "a.is_starred = 1"));
	query_free(q);
}

/* Words under OR with a filter, or only negated, go into the SQL as
 * bound FTS5 expressions. */
static void
test_query_mixed_or_and_negation(void **state)
{
	const struct query_param *p;
	struct query *q;
	size_t n;

	(void)state;
	q = parse_ok("kremlin or source:ap");
	assert_null(query_match(q));
	assert_non_null(strstr(query_where(q), "MATCH :q3"));
	assert_non_null(strstr(query_where(q), " OR "));
	p = query_params(q, &n);
	assert_int_equal(n, 3);
	assert_string_equal(p[2].text, "\"kremlin\"");
	query_free(q);

	q = parse_ok("-scholz");
	assert_null(query_match(q));
	assert_non_null(strstr(query_where(q), "NOT lede_matched(:q1, a.id)"));
	query_free(q);

	/* Several exclusions are one test of either. */
	q = parse_ok("-scholz -kuleba");
	assert_string_equal(query_where(q), "(NOT lede_matched(:q1, a.id))");
	p = query_params(q, &n);
	assert_int_equal(n, 1);
	assert_string_equal(p[0].text, "(\"scholz\") OR (\"kuleba\")");
	query_free(q);

	/* A mark's opposite is the other state, which has an index of
	 * its own, rather than NOT of a test. */
	q = parse_ok("not unread");
	assert_string_equal(query_where(q), "a.is_read = 1");
	query_free(q);
	q = parse_ok("-is:read");
	assert_string_equal(query_where(q), "a.is_read = 0");
	query_free(q);
	q = parse_ok("-starred");
	assert_string_equal(query_where(q), "a.is_starred = 0");
	query_free(q);

	q = parse_ok("-(unread or starred) kuleba");
	assert_string_equal(query_match(q), "\"kuleba\"");
	assert_non_null(strstr(query_where(q), "NOT (a.is_read = 0 OR"));
	query_free(q);
}

/* Whether only dated articles can match: a search then skips the
 * undated, which sort newest of all. */
static void
test_query_knows_dated_only(void **state)
{
	static const struct {
		const char	*text;
		bool		 dated;
	} cases[] = {
		{ "harbour since:2022-01-01", true },
		{ "until:2022-01-01 harbour", true },
		{ "on:2022-01-28", true },
		{ "has:date strike", true },
		{ "since:2022-01-01 or on:2021-05-01", true },
		{ "harbour", false },
		{ "harbour or since:2022-01-01", false },
		{ "-has:date harbour", false },
		{ "-since:2022-01-01", false },
		{ "source:ap has:captions", false },
	};
	struct query *q;
	int64_t from, to;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		q = parse_ok(cases[i].text);
		if (query_dated(q, &from, &to) != cases[i].dated)
			fail_msg("'%s': dated %d, want %d", cases[i].text,
			    !cases[i].dated, cases[i].dated);
		query_free(q);
	}
	/* The dates: both bounds of AND, the span of OR. */
	q = parse_ok("since:2022-01-01 harbour until:2022-01-31");
	assert_true(query_dated(q, &from, &to));
	assert_int_equal(from, 1640995200);
	assert_int_equal(to, 1643673600);	/* the 31st included */
	query_free(q);
	q = parse_ok("on:2022-01-28 or on:2021-05-01");
	assert_true(query_dated(q, &from, &to));
	assert_int_equal(from, 1619827200);
	assert_int_equal(to, 1643414400);
	query_free(q);
	q = parse_ok("has:date");
	assert_true(query_dated(q, &from, &to));
	assert_true(from == INT64_MIN && to == INT64_MAX);
	query_free(q);
}

/* Hostile text stays data: the SQL is made of fixed fragments. */
static void
test_query_user_text_never_in_sql(void **state)
{
	static const char *const hostile[] = {
		"x'; DROP TABLE articles; --",
		"source:\"'; DELETE FROM articles; --\"",
		"title:\"a\" OR 1=1",
		"\"a\"\" OR \"\"b\"",
	};
	struct query *q;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		q = parse_ok(hostile[i]);
		assert_null(strstr(query_where(q), "DROP"));
		assert_null(strstr(query_where(q), "DELETE"));
		assert_null(strchr(query_where(q), ';'));
		assert_null(strstr(query_where(q), "--"));
		assert_null(strstr(query_where(q), "1=1"));
		if (query_match(q) != NULL)
			assert_null(strchr(query_match(q), '\''));
		query_free(q);
	}
}

static void
test_query_errors_name_token_and_column(void **state)
{
	static const struct {
		const char *in;
		size_t column;
		const char *says;
	} cases[] = {
		{ "since:notadate", 7, "\"notadate\" is not a date" },
		{ "kuleba since:2022-02-31", 14, "\"2022-02-31\"" },
		{ "\"Nord Stream", 1, "unterminated quotation" },
		{ "Kuleba NOT", 8, "NOT needs a term" },
		{ "NOT", 1, "NOT needs a term" },
		{ "a OR", 3, "OR needs a term on each side" },
		{ "OR a", 1, "OR needs a term on each side" },
		{ "a AND", 3, "AND needs a term" },
		{ "(kuleba", 1, "unmatched \"(\"" },
		{ "(", 1, "unmatched \"(\"" },
		{ "kuleba)", 7, "unmatched \")\"" },
		{ "()", 1, "empty parentheses" },
		{ "färg foo:bar", 6, "unknown field \"foo:\"" },
		{ "age:soon", 5, "\"soon\" is not an age" },
		{ "label:copy", 7, "\"copy\" is not a label" },
		{ "lang:english", 6, "\"english\" is not a language code" },
		{ "lang:en_US", 6, "\"en_US\" is not a language code" },
		/* No article has a region: stopword lists are named by
		 * two or three letters. */
		{ "lang:pt-BR", 6, "\"pt-BR\" is not a language code" },
		{ "lang:en';--", 6, "is not a language code" },
		{ "has:wings", 5, "\"wings\" is not something" },
		{ "source:", 1, "needs a value" },
		{ "title:", 1, "title: needs a value" },
		{ "a caption:", 3, "caption: needs a value" },
		{ "x title:(a or b)", 3, "not a group in parentheses" },
		{ "\"—\"", 1, "has no letters or digits" },
		/* The title-setting sequence is dropped from the message. */
		{ "since:x\x1b]0;pwned\x07", 7, "\"x\" is not a date" },
		{ "'); DROP TABLE articles; --", 2, "unmatched \")\"" },
	};
	struct query *q = NULL;
	char *err = NULL, col[32];
	size_t i, column;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		column = 0;
		if (query_parse(cases[i].in, &env, &q, &column, &err) == 0)
			fail_msg("'%s' parsed", cases[i].in);
		assert_null(q);
		if (strstr(err, cases[i].says) == NULL)
			fail_msg("'%s': %s", cases[i].in, err);
		assert_int_equal(column, cases[i].column);
		snprintf(col, sizeof col, "column %zu:", cases[i].column);
		assert_non_null(strstr(err, col));
		/* Nothing a terminal acts on comes back in a message. */
		assert_null(strchr(err, '\x1b'));
		free(err);
	}
}

/* s repeated n times, then tail. */
static char *
repeat(const char *s, size_t n, const char *tail)
{
	struct strbuf b = { 0 };

	while (n-- > 0)
		strbuf_adds(&b, s);
	strbuf_adds(&b, tail);
	return strbuf_steal(&b);
}

/* A pasted or generated query of any size is an error, not a crash: the
 * parser recursed once per parenthesis, and 40,000 of them overflowed
 * the stack. */
static void
test_query_size_is_bounded(void **state)
{
	static const struct {
		const char	*unit;
		size_t		 at_limit;
		const char	*says;
	} cases[] = {
		{ "(", QUERY_MAX_DEPTH, "nested more than 100 deep" },
		{ "NOT ", QUERY_MAX_DEPTH, "nested more than 100 deep" },
		{ "NOT (", QUERY_MAX_DEPTH / 2, "nested more than 100 deep" },
		{ "dam OR ", QUERY_MAX_TERMS - 1, "more than 500 terms" },
		{ "dam ", QUERY_MAX_TERMS - 1, "more than 500 terms" },
	};
	struct query *q = NULL;
	char *err = NULL, *text, *close, *tail;
	size_t i, column;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		/* At the limit: a query. */
		close = repeat(strchr(cases[i].unit, '(') ? ")" : "",
		    cases[i].at_limit, "");
		tail = xasprintf("dam%s", close);
		text = repeat(cases[i].unit, cases[i].at_limit, tail);
		free(tail);
		if (query_parse(text, &env, &q, &column, &err) != 0)
			fail_msg("%zu of '%s': %s", cases[i].at_limit,
			    cases[i].unit, err);
		query_free(q);
		q = NULL;
		free(text);
		free(close);
		/* Past it, far past it: an error naming the limit. */
		text = repeat(cases[i].unit, cases[i].at_limit + 1, "dam");
		assert_int_not_equal(query_parse(text, &env, &q, &column, &err),
		    0);
		assert_null(q);
		if (strstr(err, cases[i].says) == NULL)
			fail_msg("'%s': %s", cases[i].unit, err);
		free(err);
		free(text);
		text = repeat(cases[i].unit, 40000, "dam");
		assert_int_not_equal(query_parse(text, &env, &q, &column, &err),
		    0);
		free(err);
		free(text);
	}
}

static void
test_query_terms_for_highlighting(void **state)
{
	const struct query_term *t;
	struct query *q;
	size_t n;

	(void)state;
	q = parse_ok("Kuleba's sanction* -Scholz \"Nord Stream\" since:-1d");
	t = query_terms(q, &n);
	assert_int_equal(n, 5);
	assert_string_equal(t[0].key, "kuleba");
	assert_string_equal(t[1].key, "s");
	assert_string_equal(t[2].key, "sanction");
	assert_true(t[2].prefix);
	assert_false(t[0].prefix);
	assert_string_equal(t[3].key, "nord");
	assert_string_equal(t[4].key, "stream");
	query_free(q);
	q = parse_ok("");
	assert_null(query_match(q));
	assert_string_equal(query_where(q), "1");
	query_free(q);
}

/* ---- against a cache ---------------------------------------------------- */

struct fixture {
	char		 dir[64];
	char		*db;
	struct store	*st;
	int64_t		 id[4];
};

static int
setup(void **state)
{
	static const struct {
		const char *title, *body, *caption, *lang, *source;
		int64_t published;
	} arts[] = {
		{ "Zürich trams halted", "A strike stopped the trams.",
		    "Empty platforms at Zürich HB.", "de", "Alpine Wire",
		    1643241600 },
		{ "Tram strike ends", "Trams in Zurich run again.", NULL,
		    "en", "Meridian Press", 1643414400 },
		{ "Comet found", "A new comet was seen.", NULL, NULL, NULL,
		    ARTICLE_UNDATED },
		{ "Straße gesperrt", "Die STRASSE ist zu.", NULL, "de", NULL,
		    1643328000 },
	};
	struct fixture *f = xcalloc(1, sizeof *f);
	enum store_put res;
	char *err = NULL, digest[17];
	size_t i;

	snprintf(f->dir, sizeof f->dir, "/tmp/lede-test-query.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	f->db = xasprintf("%s/cache.db", f->dir);
	assert_int_equal(store_open(f->db, STORE_CREATE, &f->st, &err), 0);
	assert_int_equal(store_begin(f->st, &err), 0);
	for (i = 0; i < 4; i++) {
		struct article *a = article_new();

		a->origin = xasprintf("/fixture/%zu.txt", i);
		a->title = xstrdup(arts[i].title);
		a->body = xstrdup(arts[i].body);
		if (arts[i].lang != NULL)
			a->language = xstrdup(arts[i].lang);
		if (arts[i].source != NULL)
			a->source = xstrdup(arts[i].source);
		a->published = arts[i].published;
		if (arts[i].caption != NULL)
			article_add_caption(a, arts[i].caption, "Photo: Test");
		article_digest(a, digest);
		assert_int_equal(store_article_put(f->st, a, digest, &res,
		    &err), 0);
		f->id[i] = a->id;
		article_free(a);
	}
	assert_int_equal(store_commit(f->st, &err), 0);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char *cmd;

	store_close(f->st);
	cmd = xasprintf("rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(cmd);
	free(f->db);
	free(f);
	return 0;
}

static int
add_id(const struct store_row *r, void *ctx)
{
	struct strbuf *b = ctx;

	strbuf_addf(b, "%s%lld", b->len ? "," : "", (long long)r->id);
	return 0;
}

/* The ids (newest first) that text selects, as "1,2". */
static char *
ids(struct fixture *f, const char *text)
{
	struct store_list_query lq = { 0 };
	struct strbuf b = { 0 };
	char *err = NULL;

	lq.filter = parse_ok(text);
	if (store_list(f->st, &lq, add_id, &b, &err) != 0)
		fail_msg("'%s': %s", text, err);
	query_free((struct query *)lq.filter);
	return strbuf_steal(&b);
}

#define assert_ids(f, text, want) do {				\
	char *got_ = ids((f), (text));					\
	if (strcmp(got_, (want)) != 0)					\
		fail_msg("'%s' gave %s, want %s", (text), got_, (want)); \
	free(got_);							\
} while (0)

static void
test_query_selects_in_a_cache(void **state)
{
	struct fixture *f = *state;

	/* ids are 1..4 in fixture order; newest first, and the undated
	 * one (imported at time 0 here) last. */
	assert_ids(f, "zurich", "2,1");
	assert_ids(f, "ZÜRICH", "2,1");
	assert_ids(f, "Zu\xcc\x88rich", "2,1");		/* NFD */
	assert_ids(f, "strasse", "4");
	assert_ids(f, "Straße", "4");
	assert_ids(f, "tram*", "2,1");
	assert_ids(f, "title:zurich", "1");
	assert_ids(f, "caption:platforms", "1");
	assert_ids(f, "caption:test", "1");		/* the credit */
	assert_ids(f, "tram* -strike", "");
	assert_ids(f, "trams NOT halted", "2");
	assert_ids(f, "since:2022-01-28", "2,4");
	assert_ids(f, "until:2022-01-28", "4,1");
	assert_ids(f, "on:2022-01-28", "4");
	assert_ids(f, "has:captions", "1");
	assert_ids(f, "-has:date", "3");
	assert_ids(f, "lang:de", "4,1");
	assert_ids(f, "lang:de or comet", "4,1,3");
	assert_ids(f, "(lang:de or comet) -strasse", "1,3");
	/* Not a language, not an outlet: the unknown ones too. */
	assert_ids(f, "-lang:de", "2,3");
	assert_ids(f, "not lang:en", "4,1,3");
	assert_ids(f, "source:meridian", "2");
	assert_ids(f, "-source:meridian", "4,1,3");
	assert_ids(f, "source:mp", "2");	/* an alias */
	assert_ids(f, "source:MP -source:mp", "");
	assert_ids(f, "source:alpine or not source:alpine", "2,4,1,3");
	assert_ids(f, "unread comet", "3");
	assert_ids(f, "starred", "");
}

/* What a hostile query does to the cache: nothing. */
static void
test_query_hostile_changes_nothing(void **state)
{
	struct fixture *f = *state;

	assert_ids(f, "x'; DROP TABLE articles; --", "");
	assert_ids(f, "source:\"'; DELETE FROM articles; --\"", "");
	assert_ids(f, "title:\"de' OR 1=1 --\"", "");
	assert_ids(f, "", "2,4,1,3");
}

static int
collect_hit(const struct store_hit *h, void *ctx)
{
	struct strbuf *b = ctx;

	strbuf_addf(b, "%s%lld:%.6f", b->len ? "," : "", (long long)h->id,
	    h->score);
	return 0;
}

static int
collect_id(const struct store_hit *h, void *ctx)
{
	struct strbuf *b = ctx;

	strbuf_addf(b, "%s%lld", b->len ? "," : "", (long long)h->id);
	return 0;
}

/* 2,100 articles (ids 5 to 2104) with "harbour", dated against their
 * import order; ids 5, 705 and 1405 say it "froze". */
static void
add_harbours(struct fixture *f)
{
	enum store_put res;
	char *err = NULL, digest[17];
	int i;

	assert_int_equal(store_begin(f->st, &err), 0);
	for (i = 0; i < 2100; i++) {
		struct article *a = article_new();

		a->origin = xasprintf("/common/%d.txt", i);
		a->title = xasprintf("Harbour report %d", i);
		a->body = xstrdup(i % 700 == 0 ? "The harbour froze." :
		    "The harbour was busy.");
		a->published = 1600000000 - (int64_t)i * 3600;
		article_digest(a, digest);
		assert_int_equal(store_article_put(f->st, a, digest, &res,
		    &err), 0);
		article_free(a);
	}
	assert_int_equal(store_commit(f->st, &err), 0);
}

/* A word in thousands of articles takes other paths (looked up article
 * by article in date order; ranked among the newest matches): the same
 * answers. */
static void
test_query_common_words(void **state)
{
	struct fixture *f = *state;
	struct store_list_query lq = { .limit = 3 };
	struct strbuf b = { 0 };
	char *err = NULL, *got;

	add_harbours(f);
	/* Newest first: the first three imported. */
	got = ids(f, "harbour");
	assert_int_equal(strncmp(got, "5,6,7,", 6), 0);
	free(got);
	lq.filter = parse_ok("harbour froze");
	assert_int_equal(store_list(f->st, &lq, add_id, &b, &err), 0);
	assert_string_equal(b.s, "5,705,1405");
	strbuf_reset(&b);
	assert_int_equal(store_search(f->st, &lq, collect_hit, &b, &err), 0);
	assert_int_equal(strlen(b.s) > 0, 1);
	query_free((struct query *)lq.filter);
	strbuf_reset(&b);
	/* A search in dates walks those dates alone. */
	lq.filter = parse_ok("froze since:2020-08-01");
	assert_int_equal(store_search(f->st, &lq, collect_id, &b, &err), 0);
	assert_string_equal(b.s, "5,705");
	query_free((struct query *)lq.filter);
	strbuf_reset(&b);
	lq.filter = parse_ok("froze until:2020-08-01");
	assert_int_equal(store_search(f->st, &lq, collect_id, &b, &err), 0);
	assert_string_equal(b.s, "1405");
	query_free((struct query *)lq.filter);
	strbuf_reset(&b);
	/* Ranked among the 1,000 newest by date, which are the first
	 * 1,000 imported here: the 1,100 older ones are out. */
	lq.filter = parse_ok("harbour");
	lq.limit = 0;
	strbuf_adds(&b, ",");
	assert_int_equal(store_search(f->st, &lq, collect_hit, &b, &err), 0);
	assert_non_null(strstr(b.s, ",5:"));
	assert_non_null(strstr(b.s, ",1004:"));
	assert_null(strstr(b.s, ",1005:"));
	assert_null(strstr(b.s, ",2104:"));
	query_free((struct query *)lq.filter);
	strbuf_fini(&b);
}

static bool
stop_now(void *ctx)
{
	(*(int *)ctx)++;
	return true;
}

static bool
stop_never(void *ctx)
{
	(*(int *)ctx)++;
	return false;
}

/* store_count_matches(text) must give want articles, want_unread of
 * them unread, asking stop (if any) on the way. */
static void
check_count(struct fixture *f, const char *text, bool (*stop)(void *),
    int *asked, int64_t want, int64_t want_unread)
{
	struct query *q = text != NULL ? parse_ok(text) : NULL;
	int64_t n = -1, unread = -1;
	char *err = NULL;

	if (store_count_matches(f->st, q, stop, asked, &n, &unread, &err) !=
	    0)
		fail_msg("'%s': %s", text, err ? err : "stopped");
	if (n != want || unread != want_unread)
		fail_msg("'%s' counted %lld, %lld unread; want %lld, %lld",
		    text ? text : "(all)", (long long)n, (long long)unread,
		    (long long)want, (long long)want_unread);
	query_free(q);
}

/* The reader's count of its list: every article the query takes and
 * the unread ones, by each of the ways words are found, and dates far
 * beyond those the list orders by; a count told to stop ends at once
 * and leaves nothing half done for the next. */
static void
test_query_counts(void **state)
{
	struct fixture *f = *state;
	struct article *a = article_new();
	struct query *q;
	enum store_put res;
	char *err = NULL, digest[17];
	int64_t n, unread;
	int asked = 0;

	add_harbours(f);
	/* Id 2105, dated in the year 2700. */
	a->origin = xstrdup("/far.txt");
	a->title = xstrdup("Time capsule opened");
	a->body = xstrdup("The harbour museum opened it.");
	a->published = 23036572800;
	article_digest(a, digest);
	assert_int_equal(store_begin(f->st, &err), 0);
	assert_int_equal(store_article_put(f->st, a, digest, &res, &err), 0);
	assert_int_equal(store_commit(f->st, &err), 0);
	article_free(a);
	assert_int_equal(store_set_read(f->st, 5, true, false, NULL, &err),
	    0);
	assert_int_equal(store_set_read(f->st, 705, true, false, NULL, &err),
	    0);
	assert_int_equal(store_set_read(f->st, 2, true, false, NULL, &err),
	    0);

	check_count(f, NULL, NULL, NULL, 2105, 2102);
	check_count(f, "froze", NULL, NULL, 3, 1);	/* rare: ids */
	check_count(f, "harbour", NULL, NULL, 2101, 2099);	/* common */
	check_count(f, "harbour froze", NULL, NULL, 3, 1);
	check_count(f, "harbour -froze", NULL, NULL, 2098, 2098);
	check_count(f, "\"harbour froze\"", NULL, NULL, 3, 1);
	check_count(f, "harb*", NULL, NULL, 2101, 2099);
	check_count(f, "tram* or strasse", NULL, NULL, 3, 2);
	check_count(f, "unread harbour", NULL, NULL, 2099, 2099);
	check_count(f, "is:read", NULL, NULL, 3, 0);
	check_count(f, "froze since:2020-08-01", NULL, NULL, 2, 0);
	check_count(f, "since:2022-01-28", NULL, NULL, 3, 2);
	check_count(f, "since:2600-01-01", NULL, NULL, 1, 1);
	check_count(f, "harbour until:2600-01-01", NULL, NULL, 2100, 2098);
	check_count(f, "-has:date", NULL, NULL, 1, 1);
	check_count(f, "nowhere", NULL, NULL, 0, 0);

	/* A stop that never comes is asked, and changes nothing. */
	check_count(f, "busy", stop_never, &asked, 2097, 2097);
	assert_true(asked > 0);
	/* Told to stop: no figures, no message; the same count after is
	 * whole, for words not yet looked up and for those that were. */
	asked = 0;
	q = parse_ok("busy or museum");
	n = unread = -1;
	assert_int_equal(store_count_matches(f->st, q, stop_now, &asked, &n,
	    &unread, &err), STORE_ESTOPPED);
	assert_int_equal(asked, 1);
	assert_null(err);
	assert_int_equal(n, -1);
	query_free(q);
	check_count(f, "busy or museum", NULL, NULL, 2098, 2098);
	asked = 0;
	q = parse_ok("busy or museum");
	assert_int_equal(store_count_matches(f->st, q, stop_now, &asked, &n,
	    &unread, &err), STORE_ESTOPPED);
	query_free(q);
	check_count(f, "busy or museum", NULL, NULL, 2098, 2098);
	/* The list after a stopped count: the same rows. */
	assert_ids(f, "froze", "5,705,1405");
}

/* lede mark and the reader's A: every article a query takes, and no
 * other, through the ways words are found; the count of changes is of
 * those whose mark changed. */
static void
test_query_mark_matches(void **state)
{
	struct fixture *f = *state;
	struct query *q;
	char *err = NULL;
	int64_t changed = -1;

	add_harbours(f);
	assert_int_equal(store_set_read(f->st, 5, true, false, NULL, &err),
	    0);
	q = parse_ok("froze");			/* rare: ids 5, 705, 1405 */
	assert_int_equal(store_mark_matches(f->st, q, true, &changed, &err),
	    0);
	assert_int_equal(changed, 2);
	query_free(q);
	check_count(f, "froze", NULL, NULL, 3, 0);
	check_count(f, NULL, NULL, NULL, 2104, 2101);
	q = parse_ok("harbour -froze");		/* common, and negated */
	assert_int_equal(store_mark_matches(f->st, q, true, &changed, &err),
	    0);
	assert_int_equal(changed, 2097);
	query_free(q);
	check_count(f, NULL, NULL, NULL, 2104, 4);
	check_count(f, "unread", NULL, NULL, 4, 4);
	assert_ids(f, "unread", "2,4,1,3");	/* the first fixtures */
	q = parse_ok("since:2022-01-28 or lang:de");
	assert_int_equal(store_mark_matches(f->st, q, true, &changed, &err),
	    0);
	assert_int_equal(changed, 3);
	query_free(q);
	assert_ids(f, "unread", "3");
	/* All of them unread again. */
	assert_int_equal(store_mark_matches(f->st, NULL, false, &changed,
	    &err), 0);
	assert_int_equal(changed, 2103);
	check_count(f, NULL, NULL, NULL, 2104, 2104);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_query_words_make_one_fts_expression),
		cmocka_unit_test(test_query_filters_are_bound_values),
		cmocka_unit_test(test_query_mixed_or_and_negation),
		cmocka_unit_test(test_query_knows_dated_only),
		cmocka_unit_test(test_query_user_text_never_in_sql),
		cmocka_unit_test(test_query_errors_name_token_and_column),
		cmocka_unit_test(test_query_size_is_bounded),
		cmocka_unit_test(test_query_terms_for_highlighting),
		cmocka_unit_test_setup_teardown(test_query_selects_in_a_cache,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_query_hostile_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_query_common_words,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_query_counts, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_query_mark_matches,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
