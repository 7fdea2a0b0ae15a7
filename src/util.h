/* util: allocation that aborts on exhaustion (memory failure is fatal in
 * lede, so no caller checks for NULL), formatted allocation, a growable
 * string buffer, sorting, hashing and elapsed time.  Knows no other
 * module. */
#ifndef LEDE_UTIL_H
#define LEDE_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#if defined(__GNUC__)
#define LEDE_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define LEDE_NORETURN __attribute__((noreturn))
#else
#define LEDE_PRINTF(f, a)
#define LEDE_NORETURN
#endif

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Like asprintf(3); the caller frees the result. */
char *xasprintf(const char *fmt, ...) LEDE_PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap) LEDE_PRINTF(1, 0);
/* qsort(3) that also takes n == 0 with a NULL base: plain qsort's
 * behaviour is undefined there, and UBSan says so. */
void xqsort(void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *));
/* Milliseconds from a to b, two readings of one clock. */
long ms_between(const struct timespec *a, const struct timespec *b);
/* Sort n 64-bit keys in ascending order, stable for the bits above
 * those that tie: a radix sort, for the hashes sorted by the thousand
 * per article at import, where qsort spends most of its time in calls
 * through the comparison pointer. */
void sort_u64(uint64_t *v, size_t n);
/* The same for signed keys. */
void sort_i64(int64_t *v, size_t n);
/* FNV-1a, 64 bit, of the n bytes at s, continuing from h (FNV1A_SEED to
 * start): the project's one fast non-cryptographic hash. */
#define FNV1A_SEED	0xcbf29ce484222325ULL
uint64_t fnv1a(uint64_t h, const void *s, size_t n);
/* A line of a rules or settings file, trimmed of surrounding white space
 * in place; NULL for a blank line or a # comment. */
char *trim_line(char *line);
/* Print "lede: MESSAGE" to stderr and exit(1). */
void fatal(const char *fmt, ...) LEDE_PRINTF(1, 2) LEDE_NORETURN;

/* A NUL-terminated byte string that grows as needed.  Initialise with
 * strbuf_init (or = {0}); strbuf_fini frees it; strbuf_steal hands the bytes
 * to the caller (who frees them) and leaves the buffer empty. */
struct strbuf {
	char	*s;	/* NULL until the first append */
	size_t	 len;
	size_t	 cap;
};

void strbuf_init(struct strbuf *b);
void strbuf_fini(struct strbuf *b);
void strbuf_add(struct strbuf *b, const char *s, size_t n);
void strbuf_adds(struct strbuf *b, const char *s);
void strbuf_addc(struct strbuf *b, char c);
void strbuf_addf(struct strbuf *b, const char *fmt, ...) LEDE_PRINTF(2, 3);
void strbuf_reset(struct strbuf *b);
/* Never NULL: an empty buffer yields a fresh "". */
char *strbuf_steal(struct strbuf *b);

#endif
