/* replay: a main() for a fuzz target built without libFuzzer.  It runs
 * the target once on each file named on the command line (directories
 * are read one level deep), or, without arguments, on every file of
 * $top_srcdir/tests/fuzz/FUZZ_NAME, the target's seed corpus.  That
 * keeps the corpus, crash regressions included, in make check, with
 * gcc and under ASan+UBSan alike.  Exits 0, or 1 when an input could not
 * be read; a broken invariant aborts. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

#ifndef FUZZ_NAME
#error "build with -DFUZZ_NAME=\"<target>\""
#endif

/* Run the target on one file.  The buffer is exactly the file's size so
 * that ASan sees a read past the end of the input. */
static int
replay_file(const char *path)
{
	FILE *f = NULL;
	uint8_t *buf = NULL;
	struct stat sb;
	size_t n;
	int rc = -1;

	if ((f = fopen(path, "rb")) == NULL || fstat(fileno(f), &sb) != 0) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		goto out;
	}
	buf = malloc(sb.st_size > 0 ? (size_t)sb.st_size : 1);
	if (buf == NULL) {
		fprintf(stderr, "%s: out of memory\n", path);
		goto out;
	}
	n = fread(buf, 1, (size_t)sb.st_size, f);
	if (n != (size_t)sb.st_size) {
		fprintf(stderr, "%s: short read\n", path);
		goto out;
	}
	LLVMFuzzerTestOneInput(buf, n);
	rc = 0;
out:
	if (f != NULL)
		fclose(f);
	free(buf);
	return rc;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replay every regular file of dir, in name order so that a failure is
 * reproducible; *count grows by the number run. */
static int
replay_dir(const char *dir, size_t *count)
{
	DIR *d = NULL;
	struct dirent *e;
	char **names = NULL, *path = NULL;
	size_t n = 0, cap = 0, i;
	struct stat sb;
	int rc = -1;

	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "%s: %s\n", dir, strerror(errno));
		goto out;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **tmp;

			cap = cap ? cap * 2 : 64;
			tmp = realloc(names, cap * sizeof *names);
			if (tmp == NULL)
				goto out;
			names = tmp;
		}
		if ((names[n] = strdup(e->d_name)) == NULL)
			goto out;
		n++;
	}
	if (n > 0)
		qsort(names, n, sizeof *names, cmp_str);
	rc = 0;
	for (i = 0; i < n && rc == 0; i++) {
		size_t len = strlen(dir) + strlen(names[i]) + 2;

		free(path);
		if ((path = malloc(len)) == NULL) {
			rc = -1;
			break;
		}
		snprintf(path, len, "%s/%s", dir, names[i]);
		if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
			continue;
		rc = replay_file(path);
		if (rc == 0)
			(*count)++;
	}
out:
	if (d != NULL)
		closedir(d);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(path);
	return rc;
}

int
main(int argc, char **argv)
{
	const char *srcdir = getenv("top_srcdir");
	char *dir = NULL;
	size_t count = 0, len;
	struct stat sb;
	int i, rc = 0;

	if (argc > 1) {
		for (i = 1; i < argc && rc == 0; i++) {
			if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode))
				rc = replay_dir(argv[i], &count);
			else if ((rc = replay_file(argv[i])) == 0)
				count++;
		}
	} else {
		if (srcdir == NULL) {
			fprintf(stderr, "usage: %s [FILE|DIR]...\n(without "
			    "arguments, $top_srcdir/tests/fuzz/%s is "
			    "replayed; top_srcdir is not set)\n", argv[0],
			    FUZZ_NAME);
			return 1;
		}
		len = strlen(srcdir) + sizeof "/tests/fuzz/" + strlen(FUZZ_NAME);
		if ((dir = malloc(len)) == NULL)
			return 1;
		snprintf(dir, len, "%s/tests/fuzz/%s", srcdir, FUZZ_NAME);
		rc = replay_dir(dir, &count);
	}
	/* An empty corpus would make this test pass without testing. */
	if (rc == 0 && count == 0) {
		fprintf(stderr, "%s: no inputs to replay\n", argv[0]);
		rc = -1;
	}
	if (rc == 0)
		printf("%s: %zu inputs replayed\n", FUZZ_NAME, count);
	free(dir);
	return rc == 0 ? 0 : 1;
}
