/* article: lifecycle of struct article, its content digest and its plain
 * text. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "article.h"
#include "i18n.h"
#include "text.h"
#include "util.h"

struct article *
article_new(void)
{
	struct article *a = xcalloc(1, sizeof *a);

	a->published = ARTICLE_UNDATED;
	a->imported = ARTICLE_UNDATED;
	return a;
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

struct article *
article_dup(const struct article *a)
{
	struct article *c = article_new();
	size_t i;

	*c = *a;
	c->origin = dup_or_null(a->origin);
	c->guid = dup_or_null(a->guid);
	c->url = dup_or_null(a->url);
	c->title = dup_or_null(a->title);
	c->dek = dup_or_null(a->dek);
	c->byline = dup_or_null(a->byline);
	c->dateline = dup_or_null(a->dateline);
	c->source = dup_or_null(a->source);
	c->language = dup_or_null(a->language);
	c->body = dup_or_null(a->body);
	c->captions = NULL;
	c->ncaptions = 0;
	for (i = 0; i < a->ncaptions; i++)
		article_add_caption(c, a->captions[i].text,
		    a->captions[i].credit);
	return c;
}

void
article_free(struct article *a)
{
	size_t i;

	if (a == NULL)
		return;
	free(a->origin);
	free(a->guid);
	free(a->url);
	free(a->title);
	free(a->dek);
	free(a->byline);
	free(a->dateline);
	free(a->source);
	free(a->language);
	free(a->body);
	for (i = 0; i < a->ncaptions; i++) {
		free(a->captions[i].text);
		free(a->captions[i].credit);
	}
	free(a->captions);
	free(a);
}

void
article_add_caption(struct article *a, const char *text, const char *credit)
{
	a->captions = xreallocarray(a->captions, a->ncaptions + 1,
	    sizeof *a->captions);
	a->captions[a->ncaptions].text = xstrdup(text);
	a->captions[a->ncaptions].credit = dup_or_null(credit);
	a->ncaptions++;
}

/* FNV-1a, 64 bit: not cryptographic, only a change detector for text the
 * user imports themselves.  Each field is followed by a separator byte
 * that cannot occur in it, so ("ab","c") and ("a","bc") differ. */
static uint64_t
mix(uint64_t h, const char *s)
{
	static const unsigned char none = 0xFE, end = 0xFF;

	if (s == NULL)
		h = fnv1a(h, &none, 1);
	else
		h = fnv1a(h, s, strlen(s));
	return fnv1a(h, &end, 1);
}

void
article_digest(const struct article *a, char out[17])
{
	uint64_t h = FNV1A_SEED;
	char num[32];
	size_t i;

	h = mix(h, a->guid);
	h = mix(h, a->url);
	h = mix(h, a->title);
	h = mix(h, a->dek);
	h = mix(h, a->byline);
	h = mix(h, a->dateline);
	h = mix(h, a->source);
	h = mix(h, a->language);
	h = mix(h, a->body);
	snprintf(num, sizeof num, "%" PRId64, a->published);
	h = mix(h, num);
	for (i = 0; i < a->ncaptions; i++) {
		h = mix(h, a->captions[i].text);
		h = mix(h, a->captions[i].credit);
	}
	snprintf(out, 17, "%016" PRIx64, h);
}

size_t
article_paragraphs(const struct article *a)
{
	const char *p;
	size_t n;

	if (a->body == NULL || *a->body == '\0')
		return 0;
	for (n = 1, p = a->body; (p = strstr(p, "\n\n")) != NULL; p += 2)
		n++;
	return n;
}

bool
article_is_language(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz");

	return n >= 2 && n <= 3 && s[n] == '\0';
}

void
article_date(int64_t t, char out[11])
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t == ARTICLE_UNDATED || gmtime_r(&tt, &tm) == NULL)
		out[0] = '\0';
	else
		strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Sanitised: article fields are clean from the importer, but a cache
 * is a file anyone could have written. */
static void
add_clean(struct strbuf *b, const char *s, int flags)
{
	char *c = text_sanitize(s, flags | TEXT_STRICT);

	strbuf_adds(b, c);
	free(c);
}

char *
article_text_new(const struct article *a)
{
	struct strbuf b = { 0 };
	const char *sep = "";
	char date[11];
	size_t i;

	add_clean(&b, a->title, 0);
	strbuf_addc(&b, '\n');
	if (a->dek) {
		add_clean(&b, a->dek, 0);
		strbuf_addc(&b, '\n');
	}
	if (a->byline) {
		strbuf_adds(&b, _("By "));
		add_clean(&b, a->byline, 0);
		strbuf_addc(&b, '\n');
	}
	if (a->dateline) {
		add_clean(&b, a->dateline, 0);
		sep = " · ";
	}
	if (a->source) {
		strbuf_adds(&b, sep);
		add_clean(&b, a->source, 0);
		sep = " · ";
	}
	article_date(a->published, date);
	strbuf_addf(&b, "%s%s\n\n", sep, *date ? date : _("undated"));
	add_clean(&b, a->body, TEXT_KEEP_NEWLINES);
	strbuf_addc(&b, '\n');
	if (a->ncaptions > 0)
		strbuf_addf(&b, "\n%s\n", _("Captions:"));
	for (i = 0; i < a->ncaptions; i++) {
		strbuf_addf(&b, "  [%zu] ", i + 1);
		add_clean(&b, a->captions[i].text, 0);
		if (a->captions[i].credit) {
			strbuf_adds(&b, _(" (credit: "));
			add_clean(&b, a->captions[i].credit, 0);
			strbuf_addc(&b, ')');
		}
		strbuf_addc(&b, '\n');
	}
	return strbuf_steal(&b);
}
