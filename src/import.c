/* import: the batch driver behind "lede import".  Walks the given paths,
 * refuses what is not an article file (too large, binary, empty, not
 * regular), parses the rest with import_text_parse and writes them to the
 * store in transactions (batches), so that a crash loses at most the
 * batch in progress and never leaves part of an article. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "article.h"
#include "i18n.h"
#include "import.h"
#include "related.h"
#include "store.h"
#include "text.h"
#include "util.h"

struct filelist {
	char	**v;	/* paths as the user wrote them, for messages */
	size_t	 *arg;	/* the argument each came from */
	bool	 *linked;	/* reached through a symbolic link */
	size_t	  n, cap;
	size_t	  cur;	/* the argument being walked */
};

struct run {
	struct store		*st;		/* NULL until an article is read */
	import_open_fn		 open;
	void			*open_ctx;
	const struct import_rules *rules;
	const struct import_opts *o;
	struct import_stats	*stats;
	struct import_stats	 pending;	/* of the open batch */
	struct store_batch	 batch;		/* see store.h */
	size_t			 done, total;
	struct timespec		 last_draw;
	size_t			 drawn;		/* columns of the progress line */
};

static void
report(const struct import_opts *o, struct import_stats *stats,
    const char *msg)
{
	char *m;

	stats->warnings++;
	if (o->warn != NULL) {
		o->warn(msg, o->ctx);
		return;
	}
	m = text_printable(msg);	/* it may hold a hostile file name */
	fprintf(stderr, "lede: %s\n", m);
	free(m);
}

static void
filelist_add(struct filelist *fl, char *path, bool linked)
{
	/* Doubling: growing by one entry copied the list at every file of
	 * a large directory wherever realloc could not grow in place. */
	if (fl->n == fl->cap) {
		fl->cap = fl->cap ? fl->cap * 2 : 64;
		fl->v = xreallocarray(fl->v, fl->cap, sizeof *fl->v);
		fl->arg = xreallocarray(fl->arg, fl->cap, sizeof *fl->arg);
		fl->linked = xreallocarray(fl->linked, fl->cap,
		    sizeof *fl->linked);
	}
	fl->arg[fl->n] = fl->cur;
	fl->linked[fl->n] = linked;
	fl->v[fl->n++] = path;
}

/* Order names, skipping the type byte walk() puts in front. */
static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a + 1, *(char *const *)b + 1);
}

static bool
is_article_name(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && strcasecmp(name + n - 4, ".txt") == 0;
}

/* The directories walked so far, so that a symbolic link back up the
 * tree (a loop) or across it does not import the same files again under
 * other names. */
struct dirs_seen {
	struct dir_id {
		dev_t	 dev;
		ino_t	 ino;
		char	*path;
	}	*v;
	size_t	 n, cap;
};

/* The path under which the directory was walked before, or NULL after
 * noting it as walked now. */
static const char *
dirs_seen_add(struct dirs_seen *ds, const struct stat *sb, const char *path)
{
	size_t i;

	for (i = 0; i < ds->n; i++)
		if (ds->v[i].dev == sb->st_dev && ds->v[i].ino == sb->st_ino)
			return ds->v[i].path;
	if (ds->n == ds->cap) {
		ds->cap = ds->cap ? ds->cap * 2 : 16;
		ds->v = xreallocarray(ds->v, ds->cap, sizeof *ds->v);
	}
	ds->v[ds->n].dev = sb->st_dev;
	ds->v[ds->n].ino = sb->st_ino;
	ds->v[ds->n++].path = xstrdup(path);
	return NULL;
}

static void
dirs_seen_free(struct dirs_seen *ds)
{
	size_t i;

	for (i = 0; i < ds->n; i++)
		free(ds->v[i].path);
	free(ds->v);
}

/* Collect article files below dir, in name order.  Inside directories
 * only *.txt files are taken, so that READMEs and rule files beside the
 * articles are not imported as articles; hidden entries are skipped.
 * linked: dir was reached through a symbolic link. */
static void
walk(const char *dir, struct filelist *fl, struct dirs_seen *seen,
    const struct import_opts *o, struct import_stats *stats, bool linked,
    int depth)
{
	DIR *d;
	struct dirent *e;
	struct filelist names = { 0 };
	struct stat sb;
	const char *before;
	char *path, *msg;
	size_t i;

	if (depth > 64) {
		msg = xasprintf(_("%s: directories nested too deeply"), dir);
		report(o, stats, msg);
		free(msg);
		stats->failed++;
		return;
	}
	if ((d = opendir(dir)) == NULL) {
		msg = xasprintf(_("%s: cannot read directory: %s"), dir,
		    strerror(errno));
		report(o, stats, msg);
		free(msg);
		stats->failed++;
		return;
	}
	if (fstat(dirfd(d), &sb) == 0 &&
	    (before = dirs_seen_add(seen, &sb, dir)) != NULL) {
		msg = xasprintf(_("%s: skipped, already walked as %s"), dir,
		    before);
		report(o, stats, msg);
		free(msg);
		closedir(d);
		return;
	}
	/* The entry type rides along in the name's first byte, so that
	 * the common case needs no stat(2) per file. */
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		path = xmalloc(strlen(e->d_name) + 2);
		path[0] = e->d_type == DT_REG ? 'f' : e->d_type == DT_DIR ?
		    'd' : e->d_type == DT_LNK ? 'l' : '?';
		strcpy(path + 1, e->d_name);
		filelist_add(&names, path, false);
	}
	closedir(d);
	xqsort(names.v, names.n, sizeof *names.v, cmp_name);
	for (i = 0; i < names.n; i++) {
		char type = names.v[i][0];
		bool via = linked;

		path = xasprintf("%s%s%s", dir, *dir && dir[strlen(dir) - 1] ==
		    '/' ? "" : "/", names.v[i] + 1);
		free(names.v[i]);
		if (type == '?' && lstat(path, &sb) == 0 &&
		    S_ISLNK(sb.st_mode))
			type = 'l';	/* a file system without d_type */
		if (type == 'l' || type == '?') {
			via = via || type == 'l';
			if (stat(path, &sb) != 0) {
				/* Vanished while we walked: nothing there.
				 * A loop of links, or a dangling link where
				 * an article would be taken, is worth a
				 * word. */
				int serr = errno;

				if (serr != ENOENT || (is_article_name(path) &&
				    lstat(path, &sb) == 0 &&
				    S_ISLNK(sb.st_mode))) {
					msg = serr == ENOENT ? xasprintf(_("%s: "
					    "dangling link"), path) :
					    xasprintf("%s: %s", path,
					    strerror(serr));
					report(o, stats, msg);
					free(msg);
					stats->failed++;
				}
				free(path);
				continue;
			}
			type = S_ISDIR(sb.st_mode) ? 'd' : S_ISREG(sb.st_mode) ?
			    'f' : '?';
		}
		if (type == 'd') {
			walk(path, fl, seen, o, stats, via, depth + 1);
			free(path);
		} else if (type == 'f' && is_article_name(path))
			filelist_add(fl, path, via);
		else {
			/* A pipe, a device or a socket with an article's
			 * name (or a link to one) is worth a word. */
			if (type == '?' && is_article_name(path)) {
				msg = xasprintf(_("%s: not a regular file"),
				    path);
				report(o, stats, msg);
				free(msg);
				stats->failed++;
			}
			free(path);
		}
	}
	free(names.v);
	free(names.arg);
	free(names.linked);
}

static int
read_file(const char *path, size_t max, char **buf, size_t *len, char **err)
{
	struct stat sb;
	size_t got = 0;
	ssize_t r;
	int fd;

	*buf = NULL;
	/* Not blocking: a FIFO would wait for a writer before fstat. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0) {
		*err = xasprintf(_("%s: cannot open: %s"), path,
		    strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		*err = xasprintf(_("%s: not a regular file"), path);
		close(fd);
		return -1;
	}
	if ((uintmax_t)sb.st_size > max) {
		*err = xasprintf(_("%s: file too large (%jd bytes; the limit "
		    "is %zu)"), path, (intmax_t)sb.st_size, max);
		close(fd);
		return -1;
	}
	*buf = xmalloc((size_t)sb.st_size + 1);
	/* The file may grow while we read; never read past the limit. */
	while (got < (size_t)sb.st_size && (r = read(fd, *buf + got,
	    (size_t)sb.st_size - got)) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			*err = xasprintf(_("%s: read error: %s"), path,
			    strerror(errno));
			free(*buf);
			*buf = NULL;
			close(fd);
			return -1;
		}
		got += (size_t)r;
	}
	close(fd);
	*len = got;
	return 0;
}

static void
draw_progress(struct run *run, bool force)
{
	struct timespec now;
	char *line;

	if (!run->o->progress)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!force && ms_between(&run->last_draw, &now) < 100)
		return;
	run->last_draw = now;
	/* TRANSLATORS: progress line; %zu are files done and in all. */
	line = xasprintf(_("Importing %zu/%zu files (%zu%%)"), run->done,
	    run->total, run->total ? run->done * 100 / run->total : 100);
	fprintf(stderr, "\r%s", line);
	fflush(stderr);
	run->drawn = text_width(line);
	free(line);
}

/* A problem found while the progress line is up: the line is blanked
 * first, so that the message starts a line of its own and the next
 * draw comes under it. */
static void
run_report(struct run *run, const char *msg)
{
	if (run->drawn > 0) {
		fprintf(stderr, "\r%*s\r", (int)run->drawn, "");
		run->drawn = 0;
	}
	report(run->o, run->stats, msg);
}

static void
parse_warn(const char *msg, void *ctx)
{
	run_report(ctx, msg);
}

static int
flush_batch(struct run *run, char **err)
{
	if (run->st == NULL)
		return 0;	/* nothing was read: no cache was opened */
	if (store_batch_commit(run->st, &run->batch, err) != 0)
		return -1;
	run->stats->imported += run->pending.imported;
	run->stats->updated += run->pending.updated;
	run->stats->unchanged += run->pending.unchanged;
	memset(&run->pending, 0, sizeof run->pending);
	return 0;
}

/* 0: done (or the file failed, counted); -1: store error, stop.  path is
 * as the user wrote it; origin is its absolute form. */
static int
import_one(struct run *run, const char *path, char *origin, char **err)
{
	const struct import_opts *o = run->o;
	struct article *a = NULL;
	char *buf = NULL, *msg = NULL, digest[17];
	enum store_put res;
	size_t len = 0;
	int rc = 0;

	if (read_file(path, o->max_bytes ? o->max_bytes :
	    IMPORT_MAX_BYTES_DEFAULT, &buf, &len, &msg) != 0 ||
	    import_text_parse(run->rules, path, buf, len, &a, parse_warn, run,
	    &msg) != 0) {
		run_report(run, msg);
		run->stats->failed++;
		goto out;
	}
	a->origin = origin;
	origin = NULL;
	if (o->source != NULL) {
		/* --source AP means Associated Press, as in the text. */
		const char *known = import_rules_source(run->rules, o->source);

		free(a->source);
		a->source = xstrdup(known ? known : o->source);
	}
	a->imported = o->now;
	article_digest(a, digest);
	if (run->st == NULL) {
		if (run->open(&run->st, run->open_ctx, err) != 0) {
			rc = -1;
			goto out;
		}
		store_bulk(run->st);
	}
	if (store_batch_begin(run->st, &run->batch, err) != 0) {
		rc = -1;
		goto out;
	}
	store_batch_count(&run->batch);
	if (store_article_put(run->st, a, digest, &res, err) != 0) {
		rc = -1;
		goto out;
	}
	if (res != STORE_UNCHANGED && related_index(run->st,
	    import_rules_lexicon(run->rules), a, res == STORE_UPDATED,
	    err) != 0) {
		rc = -1;
		goto out;
	}
	if (res == STORE_INSERTED)
		run->pending.imported++;
	else if (res == STORE_UPDATED)
		run->pending.updated++;
	else
		run->pending.unchanged++;
	if (store_batch_due(run->st, &run->batch))
		rc = flush_batch(run, err);
out:
	article_free(a);
	free(origin);
	free(buf);
	free(msg);
	return rc;
}

/* After an import that made a tenth of the cache (and at least
 * OPTIMIZE_MIN articles), merge the search index: such an import leaves
 * dozens of segments, which every article-by-article search reads.
 * Small imports only add a few small segments on top. */
#define OPTIMIZE_MIN	1000

/* The articles are committed by then: a merge that fails (another
 * writer, a full disk) is a warning, and the next large import tries
 * again. */
static void
optimize_after(struct run *run)
{
	int64_t articles = 0, unread;
	size_t n = run->stats->imported + run->stats->updated;
	char *err = NULL, *msg;

	if (n < OPTIMIZE_MIN || run->st == NULL)
		return;
	if (store_counts(run->st, &articles, &unread, &err) == 0 &&
	    (int64_t)n * 10 < articles)
		return;
	if (err == NULL && run->o->progress)
		fprintf(stderr, "%s\n", _("Merging the search index…"));
	if (err == NULL && store_optimize(run->st, &err) == 0)
		return;
	msg = xasprintf(_("the search index was not merged: %s"), err);
	run_report(run, msg);
	free(msg);
	free(err);
}

/* The files an import reads: what import_scan found, and the absolute
 * path of each argument, which with a file's path below it makes the
 * article's origin. */
struct import_files {
	struct filelist	  fl;
	char *const	 *paths;	/* the arguments, borrowed */
	char		**abs;
	size_t		  npaths;
};

struct import_files *
import_scan(char *const *paths, size_t npaths, const struct import_opts *opts,
    struct import_stats *stats)
{
	struct import_files *f = xcalloc(1, sizeof *f);
	struct filelist *fl = &f->fl;
	struct dirs_seen seen = { 0 };
	struct stat sb;
	char *msg;
	size_t i;
	bool found;

	memset(stats, 0, sizeof *stats);
	f->paths = paths;
	f->npaths = npaths;
	f->abs = xcalloc(npaths ? npaths : 1, sizeof *f->abs);
	for (i = 0; i < npaths; i++) {
		/* Origins are absolute and canonical at the argument, so that
		 * the same file imported from anywhere is the same article;
		 * below it they follow the walk, which saves a realpath(3),
		 * and its system call per path component, per file. */
		fl->cur = i;
		found = stat(paths[i], &sb) == 0;
		if (found && !S_ISDIR(sb.st_mode) && !S_ISREG(sb.st_mode)) {
			/* A pipe (/dev/stdin) has no path to be its origin,
			 * and realpath would call it missing. */
			msg = xasprintf(_("%s: not a regular file (import "
			    "reads files and directories)"), paths[i]);
			report(opts, stats, msg);
			free(msg);
			stats->failed++;
		} else if (!found ||
		    (f->abs[i] = realpath(paths[i], NULL)) == NULL) {
			if (strcmp(paths[i], "-") == 0 && errno == ENOENT)
				msg = xasprintf(_("%s: no such file (import "
				    "does not read standard input)"),
				    paths[i]);
			else
				msg = xasprintf("%s: %s", paths[i],
				    strerror(errno));
			report(opts, stats, msg);
			free(msg);
			stats->failed++;
		} else if (S_ISDIR(sb.st_mode)) {
			size_t before = fl->n, dirs = seen.n;
			size_t failed = stats->failed;

			walk(paths[i], fl, &seen, opts, stats, false, 0);
			/* Likely the wrong directory: say so (unless it was
			 * walked already, or its files could not be taken,
			 * which walk has said). */
			if (fl->n == before && seen.n > dirs &&
			    stats->failed == failed) {
				msg = xasprintf(_("%s: no articles here (files "
				    "named *.txt)"), paths[i]);
				report(opts, stats, msg);
				free(msg);
			}
		} else
			filelist_add(fl, xstrdup(paths[i]), false);
	}
	dirs_seen_free(&seen);
	return f;
}

size_t
import_files_count(const struct import_files *f)
{
	return f->fl.n;
}

void
import_files_free(struct import_files *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->fl.n; i++)
		free(f->fl.v[i]);
	free(f->fl.v);
	free(f->fl.arg);
	free(f->fl.linked);
	for (i = 0; i < f->npaths; i++)
		free(f->abs[i]);
	free(f->abs);
	free(f);
}

int
import_files(struct store **st, import_open_fn open, void *open_ctx,
    const struct import_rules *r, const struct import_files *f,
    const struct import_opts *opts, struct import_stats *stats,
    char **err)
{
	struct run run = { .st = *st, .open = open, .open_ctx = open_ctx,
	    .rules = r, .o = opts, .stats = stats,
	    .batch = { .every = opts->batch } };
	const struct filelist *fl = &f->fl;
	size_t i;
	int rc = 0;

	if (run.st != NULL)
		store_bulk(run.st);
	run.total = fl->n;
	for (i = 0; i < fl->n && rc == 0; i++) {
		const char *arg = f->paths[fl->arg[i]];
		char *origin = NULL;

		/* A file reached through a link is the file linked to, so
		 * that it is one article whichever way it is imported. */
		if (fl->linked[i])
			origin = realpath(fl->v[i], NULL);
		if (origin == NULL)
			origin = xasprintf("%s%s", f->abs[fl->arg[i]],
			    fl->v[i] + strlen(arg));
		rc = import_one(&run, fl->v[i], origin, err);
		run.done++;
		draw_progress(&run, false);
	}
	if (rc == 0)
		rc = flush_batch(&run, err);
	*st = run.st;
	if (rc != 0 && run.st != NULL) {
		store_rollback(run.st);
		/* The open batch is gone: whatever it held was not written. */
		memset(&run.pending, 0, sizeof run.pending);
	}
	if (opts->progress && run.total > 0) {
		draw_progress(&run, true);
		fputc('\n', stderr);
		run.drawn = 0;
	}
	if (rc == 0)
		optimize_after(&run);
	return rc;
}
