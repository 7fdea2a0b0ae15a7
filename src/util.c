/* util: the xmalloc family and the string buffer.  Allocation failure ends
 * the program here, once, instead of being checked at every call site. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void
fatal(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("lede: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void
xqsort(void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

void
sort_u64(uint64_t *v, size_t n)
{
	uint64_t *tmp, *from = v, *to, *swap, x, all, any;
	size_t count[256], i, j, sum, c;
	unsigned shift;

	if (n < 48) {
		/* Insertion sort: fewer steps than the passes below. */
		for (i = 1; i < n; i++) {
			x = v[i];
			for (j = i; j > 0 && v[j - 1] > x; j--)
				v[j] = v[j - 1];
			v[j] = x;
		}
		return;
	}
	/* A byte that is the same in every key needs no pass (the high
	 * bytes of small ids, say). */
	for (i = 0, all = ~UINT64_C(0), any = 0; i < n; i++) {
		all &= v[i];
		any |= v[i];
	}
	tmp = xreallocarray(NULL, n, sizeof *tmp);
	to = tmp;
	for (shift = 0; shift < 64; shift += 8) {
		if (((all ^ any) >> shift & 0xFF) == 0)
			continue;
		memset(count, 0, sizeof count);
		for (i = 0; i < n; i++)
			count[(from[i] >> shift) & 0xFF]++;
		for (i = sum = 0; i < 256; i++) {
			c = count[i];
			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			to[count[(from[i] >> shift) & 0xFF]++] = from[i];
		swap = from;
		from = to;
		to = swap;
	}
	if (from != v)
		memcpy(v, from, n * sizeof *v);
	free(tmp);
}

uint64_t
fnv1a(uint64_t h, const void *s, size_t n)
{
	const unsigned char *p = s;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return h;
}

void
sort_i64(int64_t *v, size_t n)
{
	uint64_t *u = (uint64_t *)v;	/* same size; aliasing allowed */
	size_t i;

	/* Flipping the sign bit orders signed keys as unsigned ones. */
	for (i = 0; i < n; i++)
		u[i] ^= UINT64_C(1) << 63;
	sort_u64(u, n);
	for (i = 0; i < n; i++)
		u[i] ^= UINT64_C(1) << 63;
}

char *
trim_line(char *line)
{
	char *s, *e;

	for (s = line; *s == ' ' || *s == '\t' || *s == '\r' || *s == '\n';
	    s++)
		;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
	    e[-1] == '\n'))
		*--e = '\0';
	return *s == '\0' || *s == '#' ? NULL : s;
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		fatal("out of memory (%zu bytes)", n);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		fatal("out of memory");
	return p;
}

void *
xreallocarray(void *p, size_t nmemb, size_t size)
{
	if (size != 0 && nmemb > SIZE_MAX / size)
		fatal("allocation overflow");
	p = realloc(p, nmemb * size != 0 ? nmemb * size : 1);
	if (p == NULL)
		fatal("out of memory");
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	char *s;

	if (vasprintf(&s, fmt, ap) < 0)
		fatal("out of memory");
	return s;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

void
strbuf_init(struct strbuf *b)
{
	b->s = NULL;
	b->len = b->cap = 0;
}

void
strbuf_fini(struct strbuf *b)
{
	free(b->s);
	strbuf_init(b);
}

static void
grow(struct strbuf *b, size_t extra)
{
	size_t want;

	if (b->len + extra + 1 <= b->cap)
		return;
	want = b->cap ? b->cap : 64;
	while (want < b->len + extra + 1)
		want *= 2;
	b->s = xreallocarray(b->s, want, 1);
	b->cap = want;
}

void
strbuf_add(struct strbuf *b, const char *s, size_t n)
{
	grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
strbuf_adds(struct strbuf *b, const char *s)
{
	strbuf_add(b, s, strlen(s));
}

void
strbuf_addc(struct strbuf *b, char c)
{
	strbuf_add(b, &c, 1);
}

void
strbuf_addf(struct strbuf *b, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	strbuf_adds(b, s);
	free(s);
}

void
strbuf_reset(struct strbuf *b)
{
	b->len = 0;
	if (b->s != NULL)
		b->s[0] = '\0';
}

char *
strbuf_steal(struct strbuf *b)
{
	char *s = b->s ? b->s : xstrdup("");

	strbuf_init(b);
	return s;
}

long
ms_between(const struct timespec *a, const struct timespec *b)
{
	return (long)(b->tv_sec - a->tv_sec) * 1000 +
	    (b->tv_nsec - a->tv_nsec) / 1000000;
}
