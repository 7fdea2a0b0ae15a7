/* Unit tests for related.c: the incremental related lists and clusters,
 * through a real store in a temporary file.  Articles are fictional and
 * generated from fixed seeds. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "article.h"
#include "related.h"
#include "similar.h"
#include "store.h"
#include "util.h"

static struct sim_lexicon *lex;
static struct store *st;
static char dir[64];

static const char *const stops[] = { "the", "a", "of", "and", "to", "in",
    "on", "said", "that", "was", "after", "with", "by" };
static const char *const words[] = { "harbour", "council", "union",
    "ferry", "bridge", "budget", "court", "strike", "vote", "river",
    "engineers", "residents", "workers", "ships", "cargo", "tariff",
    "inquiry", "report", "blocked", "approved", "delayed", "rejected",
    "opened", "closed", "reviewed", "local", "northern", "public" };

static uint64_t rng;

static const char *
word(void)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return words[(rng >> 33) % (sizeof words / sizeof words[0])];
}

/* n sentences of a story about names in place, from seed. */
static char *
text(uint64_t seed, int n, const char *names, const char *place)
{
	struct strbuf b = { 0 };
	int i;

	rng = seed;
	for (i = 0; i < n; i++) {
		const char *w1 = word(), *w2 = word(), *w3 = word();
		const char *w4 = word(), *w5 = word();

		strbuf_addf(&b, "%s said the %s %s was %s in %s after the %s "
		    "%s. ", names, w1, w2, w3, place, w4, w5);
	}
	return strbuf_steal(&b);
}

static int
setup(void **state)
{
	char *path, *err = NULL;
	size_t i;
	int en;

	(void)state;
	lex = sim_lexicon_new();
	en = sim_lexicon_lang(lex, "en");
	for (i = 0; i < sizeof stops / sizeof stops[0]; i++)
		sim_lexicon_add_stopword(lex, en, stops[i]);
	snprintf(dir, sizeof dir, "/tmp/lede-related-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	path = xasprintf("%s/c.db", dir);
	if (store_open(path, STORE_CREATE, &st, &err) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	free(path);
	return 0;
}

static int
teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	(void)state;
	store_close(st);
	sim_lexicon_free(lex);
	if (system(cmd) != 0)
		return -1;
	free(cmd);
	return 0;
}

static int serial;

/* Store and index an article under title; returns its id. */
static int64_t
add_titled(const char *title, char *body, int64_t published)
{
	struct article *a = article_new();
	enum store_put res;
	char digest[17], *err = NULL;
	int64_t id;

	a->origin = xasprintf("/fixture/%d.txt", serial++);
	a->title = xstrdup(title);
	a->body = body;
	a->language = xstrdup("en");
	a->published = published;
	a->imported = 1700000000;
	article_digest(a, digest);
	assert_int_equal(store_begin(st, &err), 0);
	assert_int_equal(store_article_put(st, a, digest, &res, &err), 0);
	if (related_index(st, lex, a, res == STORE_UPDATED, &err) != 0)
		fail_msg("%s", err);
	assert_int_equal(store_commit(st, &err), 0);
	id = a->id;
	article_free(a);
	return id;
}

static int64_t
add(char *body, int64_t published)
{
	return add_titled("Port Selva", body, published);
}

struct list {
	int64_t	id[16];
	char	label[16][16];
	double	score[16];
	int	n;
};

static int
collect(const struct store_related_row *r, void *ctx)
{
	struct list *l = ctx;

	l->id[l->n] = r->id;
	snprintf(l->label[l->n], sizeof l->label[0], "%s", r->label);
	l->score[l->n] = r->score;
	l->n++;
	return 0;
}

static struct list
list_of(int64_t id)
{
	struct list l = { .n = 0 };
	char *err = NULL;

	assert_int_equal(store_related(st, id, 0, collect, &l, &err), 0);
	return l;
}

static int
find(const struct list *l, int64_t id)
{
	int i;

	for (i = 0; i < l->n; i++)
		if (l->id[i] == id)
			return i;
	return -1;
}

#define T0 1709596800

/* An article's list is found from the articles before it, and a later
 * article enters the earlier ones' lists (in both directions). */
static void
test_related_index_incremental(void **state)
{
	int64_t a, b, c, d;
	struct list l;

	(void)state;
	a = add(text(1, 60, "Dara Quill", "Port Selva"), T0);
	/* Unrelated: a cup final (named for its own story; one place in
	 * common would make it related). */
	d = add_titled("Cup final", xstrdup("Castelbruck Athletic beat "
	    "Lowmere Rovers in the cup final. Striker Ivo Marsh scored "
	    "twice and goalkeeper Anselm Rook saved a penalty at Fenwick "
	    "Park on a cold evening."), T0);
	c = add(text(2, 40, "Dara Quill", "Port Selva"), T0);
	l = list_of(a);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.id[0], c);
	assert_string_equal(l.label[0], "same story");
	/* A copy of a arrives later: it tops a's list. */
	b = add(text(1, 60, "Dara Quill", "Port Selva"), T0 + 86400);
	l = list_of(a);
	assert_int_equal(l.id[0], b);
	assert_string_equal(l.label[0], "duplicate");
	assert_true(find(&l, c) > 0);
	l = list_of(b);
	assert_int_equal(l.id[0], a);
	/* The unrelated article is in no list and has none. */
	assert_int_equal(list_of(d).n, 0);
	assert_int_equal(find(&l, d), -1);
	l = list_of(c);
	assert_int_equal(find(&l, d), -1);
}

/* Lists keep the best SIM_RELATED_MAX entries, and a better newcomer
 * replaces the weakest. */
static void
test_related_index_keeps_best(void **state)
{
	int64_t a, last = 0;
	struct list l;
	int i;

	(void)state;
	a = add(text(50, 60, "Mira Soll", "Cape Orrin"), T0);
	/* Fourteen reports of the same story on the same day. */
	for (i = 0; i < 14; i++)
		add(text(60 + (uint64_t)i, 40, "Mira Soll", "Cape Orrin"), T0);
	l = list_of(a);
	assert_int_equal(l.n, SIM_RELATED_MAX);
	for (i = 1; i < l.n; i++)
		assert_true(l.score[i - 1] >= l.score[i]);
	/* A duplicate beats them all and pushes the weakest out. */
	last = add(text(50, 60, "Mira Soll", "Cape Orrin"), T0);
	l = list_of(a);
	assert_int_equal(l.n, SIM_RELATED_MAX);
	assert_int_equal(l.id[0], last);
}

struct clusters {
	int64_t	id[32];
	int64_t	cluster[32];
	int	n;
};

static int
collect_dupe(const struct store_dupe_row *r, void *ctx)
{
	struct clusters *c = ctx;

	c->id[c->n] = r->id;
	c->cluster[c->n] = r->cluster;
	c->n++;
	return 0;
}

static int64_t
cluster_of(int64_t id)
{
	struct clusters c = { .n = 0 };
	char *err = NULL;
	int i;

	assert_int_equal(store_dupes(st, collect_dupe, &c, &err), 0);
	for (i = 0; i < c.n; i++)
		if (c.id[i] == id)
			return c.cluster[i];
	return 0;
}

/* Re-import article id with a new body, as an edited file would be. */
static void
retext(int64_t id, const char *body)
{
	struct article *x = NULL;
	enum store_put res;
	char digest[17], *err = NULL;

	assert_int_equal(store_article_get(st, id, &x, &err), 0);
	free(x->body);
	x->body = xstrdup(body);
	article_digest(x, digest);
	assert_int_equal(store_begin(st, &err), 0);
	assert_int_equal(store_article_put(st, x, digest, &res, &err), 0);
	assert_int_equal(res, STORE_UPDATED);
	assert_int_equal(related_index(st, lex, x, true, &err), 0);
	assert_int_equal(store_commit(st, &err), 0);
	article_free(x);
}

/* Copies share a cluster named by the oldest member, however they
 * arrive; an updated article leaves its group when it no longer fits. */
static void
test_related_clusters_and_updates(void **state)
{
	int64_t a, b, c;
	struct list l;

	(void)state;
	a = add(text(80, 60, "Ansel Brand", "Lumen"), T0);
	b = add(text(80, 60, "Ansel Brand", "Lumen"), T0);
	c = add(text(80, 50, "Ansel Brand", "Lumen"), T0);	/* trimmed */
	assert_int_equal(cluster_of(a), a);
	assert_int_equal(cluster_of(b), a);
	assert_int_equal(cluster_of(c), a);
	/* b is rewritten into something else entirely. */
	retext(b, "The comet Halvorsen brightened overnight and amateur "
	    "astronomers at Widdon Falls photographed its tail above the "
	    "plateau before dawn on a very clear morning.");
	assert_int_equal(cluster_of(b), 0);
	l = list_of(a);
	assert_int_equal(find(&l, b), -1);
	assert_int_equal(list_of(b).n, 0);
	assert_int_equal(cluster_of(c), a);
	/* When c changes too, a is left alone: a group of one is none
	 * ("lede dupes" listed it). */
	retext(c, "Hail flattened the barley around Widdon Falls on Sunday "
	    "and farmers counted their losses along the river road while "
	    "insurers sent assessors from the city.");
	assert_int_equal(cluster_of(c), 0);
	assert_int_equal(cluster_of(a), 0);
}

/* An undated copy of a dated article is compared as of its source's
 * day: same-day coverage is the same story for it too, and later
 * coverage a follow-up.  (The fixture texts name no weekday, so without
 * the inherited day neither would be more than "related".) */
static void
test_related_undated_copy_inherits_day(void **state)
{
	int64_t c, d, b;
	struct list l;
	int ic, id;

	(void)state;
	add(text(100, 60, "Ines Vale", "Valdora"), T0);
	c = add(text(101, 40, "Ines Vale", "Valdora"), T0);
	d = add(text(102, 40, "Ines Vale", "Valdora"), T0 + 6 * 86400);
	b = add(text(100, 60, "Ines Vale", "Valdora"), ARTICLE_UNDATED);
	l = list_of(b);
	assert_string_equal(l.label[0], "duplicate");
	ic = find(&l, c);
	id = find(&l, d);
	assert_true(ic > 0 && id > 0);
	assert_string_equal(l.label[ic], "same story");
	assert_string_equal(l.label[id], "related");
}

/* A reindex rebuilds the same lists from scratch. */
static void
test_related_reindex_reproduces(void **state)
{
	struct list before, after;
	int64_t a;
	char *err = NULL;
	int i;

	(void)state;
	a = add(text(90, 60, "Hela Morrow", "Brenmoor"), T0);
	add(text(90, 60, "Hela Morrow", "Brenmoor"), T0);
	add(text(91, 40, "Hela Morrow", "Brenmoor"), T0);
	add(text(92, 40, "Hela Morrow", "Brenmoor"), T0 + 5 * 86400);
	before = list_of(a);
	assert_true(before.n >= 3);
	assert_int_equal(related_reindex(st, lex, NULL, NULL, &err), 0);
	after = list_of(a);
	assert_int_equal(after.n, before.n);
	for (i = 0; i < before.n; i++) {
		assert_int_equal(after.id[i], before.id[i]);
		assert_string_equal(after.label[i], before.label[i]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_related_index_incremental,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_related_index_keeps_best,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_related_clusters_and_updates, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_related_undated_copy_inherits_day, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_related_reindex_reproduces, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
