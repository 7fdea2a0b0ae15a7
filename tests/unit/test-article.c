/* Unit tests for article.c: lifecycle and the content digest that lets an
 * unchanged re-import be recognised. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "util.h"

static struct article *
sample(void)
{
	struct article *a = article_new();

	a->title = xstrdup("Harbour cranes fall silent");
	a->body = xstrdup("First paragraph.\n\nSecond paragraph.");
	a->source = xstrdup("Meridian Press");
	a->published = 1700000000;
	article_add_caption(a, "Cranes at dusk", "A. Photographer");
	return a;
}

static void
test_article_free_null(void **state)
{
	(void)state;
	article_free(NULL);
}

static void
test_article_new_is_undated(void **state)
{
	struct article *a = article_new();

	(void)state;
	assert_int_equal(a->published, ARTICLE_UNDATED);
	assert_null(a->title);
	assert_int_equal(article_paragraphs(a), 0);
	article_free(a);
}

static void
test_article_dup_is_deep(void **state)
{
	struct article *a = sample(), *b = article_dup(a);

	(void)state;
	assert_ptr_not_equal(a->title, b->title);
	assert_string_equal(a->title, b->title);
	assert_int_equal(b->ncaptions, 1);
	assert_ptr_not_equal(a->captions, b->captions);
	assert_string_equal(b->captions[0].credit, "A. Photographer");
	article_free(a);
	assert_string_equal(b->body, "First paragraph.\n\nSecond paragraph.");
	article_free(b);
}

static void
test_article_digest_stable_and_sensitive(void **state)
{
	struct article *a = sample(), *b = sample();
	char da[17], db[17];

	(void)state;
	article_digest(a, da);
	article_digest(b, db);
	assert_string_equal(da, db);
	assert_int_equal(strlen(da), 16);
	/* Read state and id are not content. */
	b->is_read = true;
	b->id = 42;
	article_digest(b, db);
	assert_string_equal(da, db);
	/* Every content field counts, captions included. */
	b->published = 1700086400;
	article_digest(b, db);
	assert_string_not_equal(da, db);
	b->published = a->published;
	free(b->captions[0].credit);
	b->captions[0].credit = NULL;
	article_digest(b, db);
	assert_string_not_equal(da, db);
	/* Moving text between fields changes the digest. */
	free(a->title);
	a->title = xstrdup("ab");
	free(a->dek);
	a->dek = xstrdup("c");
	article_digest(a, da);
	free(a->title);
	a->title = xstrdup("a");
	free(a->dek);
	a->dek = xstrdup("bc");
	article_digest(a, db);
	assert_string_not_equal(da, db);
	article_free(a);
	article_free(b);
}

static void
test_article_paragraphs_counts(void **state)
{
	struct article *a = sample();

	(void)state;
	assert_int_equal(article_paragraphs(a), 2);
	article_free(a);
}

/* A language code is what names a stopword list: "lang:" and the
 * importer's list loading use the same test. */
static void
test_article_is_language(void **state)
{
	static const char *const yes[] = { "en", "de", "ast" };
	static const char *const no[] = { "", "e", "engl", "EN", "pt-br",
	    "en_US", "e1", "../en" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		assert_true(article_is_language(yes[i]));
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		if (article_is_language(no[i]))
			fail_msg("\"%s\" taken for a language code", no[i]);
}

/* The one date every listing, the reader and show print: the UTC day,
 * and nothing for an undated article. */
static void
test_article_date(void **state)
{
	char d[11];

	(void)state;
	article_date(1643241600 + 86399, d);	/* 2022-01-27 23:59:59 */
	assert_string_equal(d, "2022-01-27");
	article_date(0, d);
	assert_string_equal(d, "1970-01-01");
	article_date(ARTICLE_UNDATED, d);
	assert_string_equal(d, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_article_free_null),
		cmocka_unit_test(test_article_new_is_undated),
		cmocka_unit_test(test_article_dup_is_deep),
		cmocka_unit_test(test_article_digest_stable_and_sensitive),
		cmocka_unit_test(test_article_paragraphs_counts),
		cmocka_unit_test(test_article_is_language),
		cmocka_unit_test(test_article_date),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
