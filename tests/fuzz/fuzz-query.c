/* fuzz-query: the search and filter language.  Any input must either
 * parse, into SQL made only of the compiler's fixed fragments (no byte of
 * the input outside bound values) and an FTS5 expression that SQLite
 * accepts, or fail with a message that names a column inside the input
 * and holds nothing a terminal would act on.  The parsed query is run,
 * as lede list and lede search run it, on a small cache made on the first
 * call: an SQL or FTS5 error there is the compiler's bug. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "article.h"
#include "fuzz.h"
#include "query.h"
#include "store.h"
#include "util.h"

#define NOW	1710072000
static const struct query_env env = { NOW, NULL, NULL };

static struct store *
cache(void)
{
	static struct store *st;
	static char dir[] = "/tmp/lede-fuzz-query.XXXXXX";
	static const char *const titles[] = {
		"Zürich trams halted", "Nord Stream talks", "東京の天気",
	};
	enum store_put res;
	char *path, *err = NULL, digest[17];
	size_t i;

	if (st != NULL)
		return st;
	FUZZ_CHECK(mkdtemp(dir) != NULL, "no scratch directory");
	path = xasprintf("%s/cache.db", dir);
	FUZZ_CHECK(store_open(path, STORE_CREATE, &st, &err) == 0, err);
	FUZZ_CHECK(store_begin(st, &err) == 0, err);
	for (i = 0; i < sizeof titles / sizeof titles[0]; i++) {
		struct article *a = article_new();

		a->origin = xasprintf("/fuzz/%zu.txt", i);
		a->title = xstrdup(titles[i]);
		a->body = xstrdup("Kuleba met Scholz; the STRASSE was shut.");
		a->language = xstrdup("en");
		a->published = NOW - (int64_t)i * 86400;
		article_add_caption(a, "A caption", "Photo: Fuzz");
		article_digest(a, digest);
		FUZZ_CHECK(store_article_put(st, a, digest, &res, &err) == 0,
		    err);
		article_free(a);
	}
	FUZZ_CHECK(store_commit(st, &err) == 0, err);
	/* The cache lives as long as the process; its files need not. */
	unlink(path);
	free(path);
	return st;
}

static int
count_row(const struct store_row *r, void *ctx)
{
	(void)r;
	(*(int *)ctx)++;
	return 0;
}

static int
count_hit(const struct store_hit *h, void *ctx)
{
	FUZZ_CHECK(h->snippet != NULL && h->json != NULL, "a hit lacks parts");
	(*(int *)ctx)++;
	return 0;
}

/* The SQL holds no quote but those of the fixed ESCAPE '\' clauses, and
 * nothing that would end a statement. */
static void
check_sql(const char *where)
{
	const char *p;
	size_t quotes = 0, escapes = 0;

	for (p = where; *p != '\0'; p++)
		quotes += *p == '\'';
	for (p = where; (p = strstr(p, "ESCAPE '\\'")) != NULL; p++)
		escapes++;
	FUZZ_CHECK(quotes == 2 * escapes, "a quote in the SQL");
	FUZZ_CHECK(strchr(where, ';') == NULL, "a ';' in the SQL");
	FUZZ_CHECK(strstr(where, "--") == NULL, "a comment in the SQL");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store_list_query lq = { .limit = 5 };
	struct query *q = NULL;
	char *text, *err = NULL;
	size_t column = 0, chars = 0, i;
	int n = 0;

	text = malloc(size + 1);
	FUZZ_CHECK(text != NULL, "out of memory");
	memcpy(text, data, size);
	text[size] = '\0';
	for (i = 0; text[i] != '\0'; i++)
		chars += ((unsigned char)text[i] & 0xc0) != 0x80;
	if (query_parse(text, &env, &q, &column, &err) != 0) {
		FUZZ_CHECK(q == NULL && err != NULL, "a failure without a message");
		FUZZ_CHECK(column >= 1 && column <= chars + 1,
		    "an error column outside the query");
		for (i = 0; err[i] != '\0'; i++)
			FUZZ_CHECK((unsigned char)err[i] >= 0x20 &&
			    err[i] != 0x7f, "a control character in a message");
		free(err);
		free(text);
		return 0;
	}
	FUZZ_CHECK(q != NULL && query_where(q) != NULL, "no SQL");
	check_sql(query_where(q));
	lq.filter = q;
	err = NULL;
	FUZZ_CHECK(store_list(cache(), &lq, count_row, &n, &err) == 0,
	    err ? err : "store_list failed");
	FUZZ_CHECK(store_search(cache(), &lq, count_hit, &n, &err) == 0,
	    err ? err : "store_search failed");
	lq.fold = true;
	FUZZ_CHECK(store_list(cache(), &lq, count_row, &n, &err) == 0,
	    err ? err : "store_list --fold failed");
	query_free(q);
	free(text);
	return 0;
}
