/* fuzz-import: the plain-text article parser, with the rules of the data
 * directory ($LEDE_DATADIR, else the installed one).  Any input
 * must give either an article whose every field is sanitised NFC UTF-8
 * (newlines only between body paragraphs) or an error naming the input;
 * warnings must name the input and a line that exists. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "article.h"
#include "fuzz.h"
#include "import.h"
#include "text.h"

#define LABEL "fuzz.txt"

struct warn_ctx {
	size_t	lines;	/* lines in the input */
};

/* A field fit to store and show: valid NFC UTF-8, nothing the sanitiser
 * would remove, '\n' only where allowed. */
static void
check_field(const char *s, bool newlines, const char *what)
{
	char *again, *nfc;
	size_t i;

	if (s == NULL)
		return;
	FUZZ_CHECK(u8_check((const uint8_t *)s, strlen(s)) == NULL, what);
	again = text_sanitize(s, newlines ? TEXT_KEEP_NEWLINES : 0);
	FUZZ_CHECK(strcmp(again, s) == 0, what);
	free(again);
	nfc = text_nfc(s);
	FUZZ_CHECK(strcmp(nfc, s) == 0, what);
	free(nfc);
	for (i = 0; s[i] != '\0'; i++)
		FUZZ_CHECK(newlines || s[i] != '\n', what);
}

static void
on_warn(const char *msg, void *ctx)
{
	const struct warn_ctx *wc = ctx;
	char *end;
	unsigned long line;

	FUZZ_CHECK(strncmp(msg, LABEL ":", sizeof LABEL) == 0,
	    "a warning does not name the input");
	line = strtoul(msg + sizeof LABEL, &end, 10);
	FUZZ_CHECK(*end == ':' && line >= 1 && line <= wc->lines,
	    "a warning names a line the input lacks");
}

static const struct import_rules *
rules(void)
{
	static struct import_rules *r;
	const char *dir = getenv("LEDE_DATADIR");
	char *err = NULL;

	if (r != NULL)
		return r;
	if (dir == NULL)
		dir = PKGDATADIR;
	if (import_rules_load(dir, NULL, &r, &err) != 0) {
		fprintf(stderr, "fuzz-import: %s\n", err);
		abort();
	}
	return r;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct warn_ctx wc = { .lines = 1 };
	struct article *a = NULL;
	char *err = NULL, digest[17];
	size_t i;
	int rc;

	/* Lone CRs end lines too (see import_text_parse). */
	for (i = 0; i < size; i++)
		if (data[i] == '\n' || (data[i] == '\r' && (i + 1 == size ||
		    data[i + 1] != '\n')))
			wc.lines++;
	rc = import_text_parse(rules(), LABEL, (const char *)data, size, &a,
	    on_warn, &wc, &err);
	if (rc != 0) {
		FUZZ_CHECK(rc == -1 && a == NULL && err != NULL,
		    "a failed parse must give an error and no article");
		FUZZ_CHECK(strncmp(err, LABEL ":", sizeof LABEL) == 0,
		    "the error does not name the input");
		free(err);
		return 0;
	}
	FUZZ_CHECK(a != NULL && err == NULL, "a parse gave no article");
	FUZZ_CHECK(a->title != NULL && a->body != NULL,
	    "an article without title or body");
	FUZZ_CHECK(*a->body != '\0', "an article with an empty body");
	FUZZ_CHECK(*a->title != '\0', "an article with an empty title");
	check_field(a->title, false, "title");
	check_field(a->dek, false, "dek");
	check_field(a->byline, false, "byline");
	check_field(a->dateline, false, "dateline");
	check_field(a->source, false, "source");
	check_field(a->language, false, "language");
	check_field(a->body, true, "body");
	for (i = 0; i < a->ncaptions; i++) {
		FUZZ_CHECK(a->captions[i].text != NULL, "caption text");
		check_field(a->captions[i].text, false, "caption");
		check_field(a->captions[i].credit, false, "credit");
	}
	FUZZ_CHECK(article_paragraphs(a) >= 1, "no paragraph");
	article_digest(a, digest);
	FUZZ_CHECK(strlen(digest) == 16, "digest");
	article_free(a);
	return 0;
}
