/* main: the lede command line.  Parses global options, dispatches to one
 * command function per subcommand, prints plain or JSON output and maps
 * outcomes to the documented exit codes.  Text from the cache is passed
 * through text_sanitize before it reaches a terminal; JSON is built by
 * SQLite's JSON functions in the store, which escape control characters. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "article.h"
#include "i18n.h"
#include "import.h"
#include "query.h"
#include "related.h"
#include "similar.h"
#include "store.h"
#include "text.h"
#include "ui/settings.h"
#include "ui/ui.h"
#include "util.h"

/* Exit codes, documented in lede(1). */
#define EXIT_OK		0
#define EXIT_ERROR	1	/* runtime failure: cache, I/O, not found */
#define EXIT_USAGE	2	/* bad command line */
#define EXIT_PARTIAL	3	/* import finished, but some files failed */

struct globals {
	const char	*db;	/* --db, else LEDE_DB, else the default */
	const char	*config; /* --config for the reader, or NULL */
};

struct command {
	const char	*name;
	int		(*fn)(struct globals *, int, char **);
	const char	*args;	/* for usage lines */
	const char	*help;	/* N_() */
};

static int cmd_read(struct globals *, int, char **);
static int cmd_import(struct globals *, int, char **);
static int cmd_list(struct globals *, int, char **);
static int cmd_search(struct globals *, int, char **);
static int cmd_show(struct globals *, int, char **);
static int cmd_stats(struct globals *, int, char **);
static int cmd_related(struct globals *, int, char **);
static int cmd_similarity(struct globals *, int, char **);
static int cmd_dupes(struct globals *, int, char **);
static int cmd_reindex(struct globals *, int, char **);
static int cmd_check(struct globals *, int, char **);
static int cmd_mark(struct globals *, int, char **);

static const struct command commands[] = {
	{ "read", cmd_read, N_("[--wide|--narrow] [ID]"),
	    N_("open the reader (also: lede with no command)") },
	{ "import", cmd_import, N_("[--source NAME] [--max-size BYTES] PATH..."),
	    N_("import plain-text articles (files or directories)") },
	{ "list", cmd_list, N_("[--json] [--limit N|--count] [--fold] "
	    "[QUERY...]"),
	    N_("list the articles that match a query, newest first") },
	{ "search", cmd_search, N_("[--json] [--limit N] [--fold] QUERY..."),
	    N_("search, best match first (20 unless --limit)") },
	{ "show", cmd_show, N_("[--json] ID"), N_("show one article") },
	{ "mark", cmd_mark, N_("[--unread] (--all | QUERY...)"),
	    N_("mark the articles that match a query read (or unread)") },
	{ "stats", cmd_stats, N_("[--json]"),
	    N_("show figures about the cache") },
	{ "related", cmd_related, N_("[--json] [--limit N] ID"),
	    N_("show the stories related to an article, best first") },
	{ "similarity", cmd_similarity, N_("[--json] ID1 ID2"),
	    N_("compare two articles and show the evidence") },
	{ "dupes", cmd_dupes, N_("[--json]"),
	    N_("list the clusters of duplicates and rewrites") },
	{ "reindex", cmd_reindex, N_("[--search]"),
	    N_("rebuild all similarity data (and the search index)") },
	{ "check", cmd_check, "",
	    N_("check the cache for damage") },
};

static void
usage(FILE *f)
{
	size_t i;

	fprintf(f, _("Usage: lede [--db PATH] [--config PATH] "
	    "[COMMAND [OPTIONS] [ARGS]]\n"));
	fprintf(f, _("A terminal news reader with story-aware related "
	    "articles.\n\n"));
	fprintf(f, _("Commands:\n"));
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %s%s%s\n      %s\n", commands[i].name,
		    *commands[i].args ? " " : "", *commands[i].args ?
		    _(commands[i].args) : "", _(commands[i].help));
	fprintf(f, _("\nGlobal options (before the command):\n"
	    "      --db PATH        use the cache at PATH (default: "
	    "$XDG_DATA_HOME/lede/cache.db)\n"
	    "      --config PATH    read the reader's settings from PATH "
	    "(default:\n"
	    "                       $XDG_CONFIG_HOME/lede/config)\n"
	    "  -h, --help           show this help and exit\n"
	    "  -V, --version        show the version and exit\n"));
	fprintf(f, _("\nCommand options:\n"
	    "  -j, --json           print JSON instead of text (list, search, "
	    "show,\n"
	    "                       stats, related, similarity, dupes)\n"
	    "  -n, --limit N        print at most N articles (list, search, "
	    "related)\n"
	    "      --fold           one article per cluster of copies (list, "
	    "search)\n"
	    "  -s, --source NAME    set the outlet of every imported article "
	    "(import)\n"
	    "      --max-size BYTES refuse larger files (import; default "
	    "4194304)\n"));
	fprintf(f, _("\nExit status: 0 success, 1 error, 2 usage error, "
	    "3 import with failed files.\n"));
	fprintf(f, _("Report bugs to: %s\n"), PACKAGE_BUGREPORT);
}

static int
usage_error(const char *fmt, ...) LEDE_PRINTF(1, 2);

static int
usage_error(const char *fmt, ...)
{
	va_list ap;
	char *msg, *m;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	/* Messages quote the arguments, which may hold escape sequences
	 * (a pasted query, a mistyped command). */
	m = text_printable(msg);
	fprintf(stderr, "lede: %s", m);
	free(m);
	free(msg);
	fprintf(stderr, _("\nTry 'lede --help' for more information.\n"));
	return EXIT_USAGE;
}

/* The options before the command. */
static const struct option global_opts[] = {
	{ "db", required_argument, NULL, 'd' },
	{ "config", required_argument, NULL, 'c' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* getopt_long reported c ('?' or ':') for argv; say which option. */
static int
bad_option(const char *cmd, int c, char **argv)
{
	char shortopt[3] = { '-', (char)optopt, '\0' };
	const char *opt = argv[optind - 1];
	const struct option *g;

	/* A long option is named as written; a short one may sit in a
	 * cluster ("-jx"), so name just its letter. */
	if (strncmp(opt, "--", 2) != 0 && optopt != 0)
		opt = shortopt;
	if (cmd == NULL)
		return c == ':' ? usage_error(_("option '%s' needs an "
		    "argument"), opt) : usage_error(_("unknown option '%s'"),
		    opt);
	if (c == ':')
		return usage_error(_("%s: option '%s' needs an argument"), cmd,
		    opt);
	/* "lede list --db x": right option, wrong place. */
	for (g = global_opts; strncmp(opt, "--", 2) == 0 && g->name; g++) {
		size_t n = strlen(g->name);

		if (g->has_arg == required_argument &&
		    strncmp(opt + 2, g->name, n) == 0 && (opt[2 + n] == '\0' ||
		    opt[2 + n] == '='))
			return usage_error(_("%s: '%s' goes before the "
			    "command: lede --%s ... %s ..."), cmd, opt,
			    g->name, cmd);
	}
	/* glibc names a known long option given "=value" it does not take
	 * in optopt. */
	if (optopt != 0 && strncmp(opt, "--", 2) == 0 && strchr(opt, '='))
		return usage_error(_("%s: option '%.*s' takes no argument"),
		    cmd, (int)(strchr(opt, '=') - opt), opt);
	return usage_error(_("%s: unknown option '%s'"), cmd, opt);
}

/* Digits only, at least one: no sign, no spaces (which strtoll would
 * take).  IDs, --limit and --max-size are written so. */
static bool
is_decimal(const char *s)
{
	return *s != '\0' && s[strspn(s, "0123456789")] == '\0';
}

/* A name given on the command line, made fit to store as article text
 * is: valid UTF-8, no controls or escapes, NFC, spaces squeezed. */
static char *
clean_name(const char *arg)
{
	char *utf8, *clean, *nfc, *name;

	text_repair_utf8(arg, strlen(arg), &utf8, NULL, NULL);
	clean = text_sanitize(utf8, 0);
	nfc = text_nfc(clean);
	name = text_squeeze(nfc);
	free(utf8);
	free(clean);
	free(nfc);
	return name;
}

/* The options most commands share: --json where json is not NULL,
 * --limit N where limit is not NULL, --fold where fold is not NULL.
 * Without operands, arguments after the options are a usage error.
 * Returns 0, or the exit code of a usage error. */
static int
command_opts(const char *cmd, int argc, char **argv, bool *json,
    int64_t *limit, bool *fold, bool *count, bool operands)
{
	struct option longopts[5] = { { NULL, 0, NULL, 0 } };
	char shortopts[8] = ":";
	int c, n = 0;

	if (json != NULL) {
		longopts[n++] = (struct option){ "json", no_argument, NULL,
		    'j' };
		strcat(shortopts, "j");
	}
	if (limit != NULL) {
		longopts[n++] = (struct option){ "limit", required_argument,
		    NULL, 'n' };
		strcat(shortopts, "n:");
	}
	if (fold != NULL)
		longopts[n++] = (struct option){ "fold", no_argument, NULL,
		    'f' };
	if (count != NULL)
		longopts[n++] = (struct option){ "count", no_argument, NULL,
		    'c' };
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) !=
	    -1) {
		if (c == 'j') {
			*json = true;
		} else if (c == 'f') {
			*fold = true;
		} else if (c == 'c') {
			*count = true;
		} else if (c == 'n') {
			errno = 0;
			*limit = strtoll(optarg, NULL, 10);
			if (errno == ERANGE && is_decimal(optarg))
				return usage_error(_("%s: --limit: too large: "
				    "'%s'"), cmd, optarg);
			if (errno || !is_decimal(optarg) || *limit <= 0)
				return usage_error(_("%s: --limit: not a "
				    "positive number: '%s'"), cmd, optarg);
		} else
			return bad_option(cmd, c, argv);
	}
	if (!operands && optind != argc)
		return usage_error(_("%s: unexpected argument '%s'"), cmd,
		    argv[optind]);
	return 0;
}

static int
fail_msg(char *msg)
{
	/* Messages name files, whose names are untrusted text too. */
	char *m = text_printable(msg);

	fprintf(stderr, "lede: %s\n", m);
	free(m);
	free(msg);
	return EXIT_ERROR;
}

/* Print JSON made by SQLite, which leaves C1 and bidi controls raw. */
static void
put_json(const char *json)
{
	char *j = text_json_escape(json);

	fputs(j, stdout);
	free(j);
}

static const char *
datadir(void)
{
	const char *d = getenv("LEDE_DATADIR");

	return d != NULL && *d != '\0' ? d : PKGDATADIR;
}

/* Open the cache named by --db, LEDE_DB or the default location. */
static int
open_store(struct globals *g, bool create, struct store **st, char **err)
{
	char *path = NULL;
	const char *p = g->db;
	int rc;

	if (p == NULL)
		p = getenv("LEDE_DB");
	if (p == NULL || *p == '\0') {
		if ((path = store_default_path(create, err)) == NULL)
			return -1;
		p = path;
	}
	rc = store_open(p, create ? STORE_CREATE : 0, st, err);
	free(path);
	return rc;
}

static bool
parse_id(const char *s, int64_t *id)
{
	long long v;

	/* "007" is 7. */
	if (!is_decimal(s))
		return false;
	errno = 0;
	v = strtoll(s, NULL, 10);
	if (errno != 0 || v <= 0)
		return false;
	*id = v;
	return true;
}

/* Print s for a terminal or pipe: controls and escapes neutralised. */
static void
put_clean(const char *s, int flags)
{
	char *c = text_sanitize(s, flags | TEXT_STRICT);

	fputs(c, stdout);
	free(c);
}

/* Print s cut to at most cols terminal cells (SIZE_MAX: whole), then
 * spaces up to pad cells. */
static void
put_cols(const char *s, size_t cols, size_t pad)
{
	char *c = text_sanitize(s, TEXT_STRICT), *t = text_shorten(c, cols);
	size_t w = text_width(t);

	fputs(t, stdout);
	for (; w < pad; w++)
		putchar(' ');
	free(t);
	free(c);
}

/* The width of the terminal that standard output is, or 0 for a pipe
 * or file, which get whole lines (see term_cols). */
static size_t out_cols;

/* The fewest cells a title is cut to, however narrow the terminal. */
#define TITLE_MIN_COLS	20

static size_t
term_cols(void)
{
	struct winsize ws;
	const char *c = getenv("COLUMNS");

	if (!isatty(STDOUT_FILENO))
		return 0;
	/* As ls(1): COLUMNS first, then the terminal's own width. */
	if (c != NULL && atoi(c) > 0)
		return (size_t)atoi(c);
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

/* What is left of a terminal line after used cells, or SIZE_MAX. */
static size_t
cols_left(size_t used)
{
	if (out_cols == 0)
		return SIZE_MAX;
	return out_cols > used + TITLE_MIN_COLS ? out_cols - used :
	    TITLE_MIN_COLS;
}

/* The outlet's column in a listing, in cells. */
#define SOURCE_COLS	20

/* The last two columns of a listing, after used cells: the outlet, the
 * title.  On a terminal the outlet is cut to its column and the title
 * to the line, so that a listing at 80 columns keeps one article a
 * line. */
static void
put_source_title(size_t used, const char *source, const char *title)
{
	size_t left = cols_left(used + SOURCE_COLS + 2);

	/* A pipe or file gets the whole outlet too, for grep: a long one
	 * pushes its title along. */
	put_cols(source ? source : "", out_cols == 0 ? SIZE_MAX : SOURCE_COLS,
	    SOURCE_COLS);
	fputs("  ", stdout);
	if (left == SIZE_MAX)
		put_clean(title, 0);
	else
		put_cols(title, left, 0);
	putchar('\n');
}

/* The importer's rules: data/ plus the user's extra boilerplate. */
static int
load_rules(struct import_rules **rules, char **err)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char *extra = NULL;
	int rc;

	if (xdg != NULL && *xdg == '/')
		extra = xasprintf("%s/lede/boilerplate", xdg);
	else if (home != NULL && *home != '\0')
		extra = xasprintf("%s/.config/lede/boilerplate", home);
	rc = import_rules_load(datadir(), extra, rules, err);
	free(extra);
	return rc;
}

static void
import_warn(const char *msg, void *ctx)
{
	char *m = text_printable(msg);

	(void)ctx;
	fprintf(stderr, _("lede: warning: %s\n"), m);
	free(m);
}

static int
open_import_store(struct store **st, void *ctx, char **err)
{
	return open_store(ctx, true, st, err);
}

static int
cmd_import(struct globals *g, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "source", required_argument, NULL, 's' },
		{ "max-size", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 },
	};
	struct import_opts o = { 0 };
	struct import_rules *rules = NULL;
	struct import_files *files = NULL;
	struct import_stats stats;
	struct store *st = NULL;
	char *err = NULL, *source = NULL;
	int c, rc;

	while ((c = getopt_long(argc, argv, ":s:", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			free(source);
			source = clean_name(optarg);
			/* An empty outlet would be stored as a name. */
			if (*source == '\0') {
				rc = usage_error(_("%s: --source: the name "
				    "of an outlet is missing"), "import");
				goto out;
			}
			o.source = source;
			break;
		case 'm':
			errno = 0;
			o.max_bytes = strtoul(optarg, NULL, 10);
			if (errno || !is_decimal(optarg) || !o.max_bytes) {
				rc = usage_error(_("%s: --max-size: not a "
				    "positive number of bytes: '%s'"),
				    "import", optarg);
				goto out;
			}
			break;
		default:
			rc = bad_option("import", c, argv);
			goto out;
		}
	}
	if (optind >= argc) {
		rc = usage_error(_("import: no file or directory given"));
		goto out;
	}

	if (load_rules(&rules, &err) != 0) {
		rc = fail_msg(err);
		goto out;
	}
	o.progress = isatty(STDERR_FILENO);
	o.now = (int64_t)time(NULL);
	o.warn = import_warn;
	files = import_scan(argv + optind, (size_t)(argc - optind), &o,
	    &stats);
	/* Nothing to read (a mistyped path, files all refused): no cache
	 * is created for it, so the reader still says there is none. */
	rc = 0;
	if (import_files_count(files) > 0) {
		rc = import_files(&st, open_import_store, g, rules, files, &o,
		    &stats, &err);
		store_close(st);
		st = NULL;
	}
	/* Not after a cache that could not be opened: "Imported: 0, ...
	 * failed: 0" would gainsay the error. */
	if (rc == 0 || stats.imported + stats.updated + stats.unchanged +
	    stats.failed > 0)
		printf(_("Imported: %zu, updated: %zu, unchanged: %zu, "
		    "failed: %zu\n"), stats.imported, stats.updated,
		    stats.unchanged, stats.failed);
	if (rc != 0)
		rc = fail_msg(err);
	else
		rc = stats.failed > 0 ? EXIT_PARTIAL : EXIT_OK;
out:
	store_close(st);
	import_files_free(files);
	import_rules_free(rules);
	free(source);
	return rc;
}

struct list_ctx {
	bool	json;
	size_t	n;
};

/* The n-th element of a JSON array printed one element a line. */
static void
json_element(size_t n, const char *json)
{
	printf("%s\n  ", n ? "," : "");
	put_json(json);
}

static int
print_row(const struct store_row *r, void *ctx)
{
	struct list_ctx *lc = ctx;
	char date[11];
	int used;

	if (lc->json) {
		json_element(lc->n, r->json);
	} else {
		article_date(r->published, date);
		used = printf("%6" PRId64 " %c%c %-10s  ", r->id,
		    r->is_read ? ' ' : 'N', r->is_starred ? '*' : ' ', date);
		put_source_title((size_t)used, r->source, r->title);
	}
	lc->n++;
	/* Stop early when the reader of a pipe has gone (head, less). */
	return ferror(stdout) ? -1 : 0;
}

/* The aliases of data/sources, read at the first "source:" of a query:
 * a query without one, and so most starts, reads no file for them. */
struct aliases {
	struct import_rules	*rules;		/* NULL: none or unreadable */
	bool			 read;
};

/* The outlet that an alias stands for in "source:" (query_source_fn).
 * A file that cannot be read means no aliases: they are a convenience
 * here, and "lede import" reports the file's errors. */
static const char *
source_alias(const char *alias, void *ctx)
{
	struct aliases *al = ctx;
	char *err = NULL;

	if (!al->read) {
		al->read = true;
		if (import_sources_load(datadir(), &al->rules, &err) != 0)
			free(err);
	}
	return al->rules != NULL ? import_rules_source(al->rules, alias) :
	    NULL;
}

/* Whether any of the n arguments is more than blanks. */
static bool
has_text(int n, char **v)
{
	int i;

	for (i = 0; i < n; i++)
		if (v[i][strspn(v[i], " \t\n")] != '\0')
			return true;
	return false;
}

/* The query of a command's arguments, joined by spaces (so that
 * "lede list source:ap unread" and "lede list 'source:ap unread'" agree).
 * Words that are all punctuation or symbols ("👍", "...") leave nothing
 * to look for, which is a usage error: list would print the whole cache
 * and mark would mark it.  Returns 0, or the exit code of a usage
 * error. */
static int
parse_query(const char *cmd, int argc, char **argv, struct query **q)
{
	struct aliases al = { NULL, false };
	struct query_env env = { (int64_t)time(NULL), source_alias, &al };
	struct strbuf b = { 0 };
	char *err = NULL;
	size_t column;
	int i, rc;

	for (i = optind; i < argc; i++) {
		if (i > optind)
			strbuf_addc(&b, ' ');
		strbuf_adds(&b, argv[i]);
	}
	rc = query_parse(b.s ? b.s : "", &env, q, &column, &err);
	import_rules_free(al.rules);
	strbuf_fini(&b);
	if (rc != 0) {
		rc = usage_error("%s: %s", cmd, err);
		free(err);
		return rc;
	}
	if (has_text(argc - optind, argv + optind) && query_match(*q) ==
	    NULL && strcmp(query_where(*q), "1") == 0) {
		query_free(*q);
		*q = NULL;
		return usage_error(_("%s: the query has no word or filter to "
		    "look for"), cmd);
	}
	return 0;
}

/* Whether a is a bundle of -j and -n as getopt reads one ("-jn5",
 * "-jn" before its N, "-jj"): *takes_next when -n ends it without its
 * number.  Anything else after the dash ("-jazz") is a word. */
static bool
is_bundle(const char *a, bool *takes_next)
{
	size_t i = 1;

	*takes_next = false;
	if (a[0] != '-' || a[1] == '\0')
		return false;
	while (a[i] == 'j')
		i++;
	if (a[i] == 'n') {
		if (a[++i] == '\0') {
			*takes_next = true;
			return true;
		}
		return strspn(a + i, "0123456789") == strlen(a + i);
	}
	return a[i] == '\0';
}

/* The arguments of list and search with the options first, then "--",
 * then the query's words in order: "-harbour" is a word to exclude, not
 * a bundle of short options (only -j, -n N, their bundles and the long
 * options are options there), and getopt would otherwise take it for
 * one.  The strings stay argv's; the caller frees the array. */
static char **
query_args(int argc, char **argv, int *nargc)
{
	char **v = xcalloc((size_t)argc + 2, sizeof *v);
	char **words = xcalloc((size_t)argc + 1, sizeof *words);
	int i, n = 0, nw = 0;
	bool next;

	v[n++] = argv[0];
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0) {
			while (++i < argc)
				words[nw++] = argv[i];
		} else if (strcmp(a, "-n") == 0 || (strlen(a) > 2 &&
		    strncmp("--limit", a, strlen(a)) == 0)) {
			/* --limit N, or an abbreviation ("--lim N") that
			 * getopt_long will accept. */
			v[n++] = argv[i];
			if (i + 1 < argc)
				v[n++] = argv[++i];
		} else if (is_bundle(a, &next) || strncmp(a, "--", 2) == 0) {
			/* is_bundle sets next for every argument. */
			v[n++] = argv[i];
			if (next && i + 1 < argc)
				v[n++] = argv[++i];
		} else
			words[nw++] = argv[i];
	}
	if (nw > 0)
		v[n++] = "--";
	memcpy(v + n, words, (size_t)nw * sizeof *words);
	free(words);
	*nargc = n + nw;
	return v;
}

struct search_ctx {
	bool		 json;
	bool		 color;	/* hits in reverse video, else in [ ] */
	size_t		 n;
};

/* The snippet snip, to be shown in cols cells, with the words before its
 * first hit cut to a third of them if it would not fit: the hit is what
 * a snippet is for.  Returns NULL when snip can stay as it is. */
static char *
snippet_to_hit(const char *snip, size_t cols)
{
	const char *hit = strchr(snip, STORE_HIT_ON), *p;
	char *pre, *c, *out = NULL, *plain, *d;
	size_t room = cols / 3, w;

	if (hit == NULL || cols == SIZE_MAX)
		return NULL;
	/* Does it fit, markers aside? */
	plain = d = xstrdup(snip);
	for (p = snip; *p != '\0'; p++)
		if (*p != STORE_HIT_ON && *p != STORE_HIT_OFF)
			*d++ = *p;
	*d = '\0';
	c = text_sanitize(plain, TEXT_STRICT);
	w = text_width(c);
	free(c);
	free(plain);
	if (w <= cols)
		return NULL;
	pre = xstrndup(snip, (size_t)(hit - snip));
	c = text_sanitize(pre, TEXT_STRICT);
	if (text_width(c) > room) {
		/* The first word after which the rest fits. */
		for (p = c; *p != '\0'; p++)
			if (*p == ' ' && text_width(p + 1) + 1 <= room)
				break;
		out = xasprintf("…%s%s", *p ? p + 1 : "", hit);
	}
	free(c);
	free(pre);
	return out;
}

/* A snippet with its hits marked, each stretch cleaned on its own (the
 * markers are control characters the cleaning would remove), in at most
 * cols cells: a hit cut short is still closed. */
static void
put_snippet(const char *snip, bool color, size_t cols)
{
	char *moved = snippet_to_hit(snip, cols);
	const char *p = moved ? moved : snip, *q;
	char *part, *c, *t;
	size_t w, mark = color ? 0 : 1;
	bool in_hit = false;

	while (*p != '\0' && cols > mark) {
		q = p + strcspn(p, "\001\002");
		part = xstrndup(p, (size_t)(q - p));
		c = text_sanitize(part, TEXT_STRICT);
		/* Room for the marker that closes a hit; a word or two is
		 * no more use than the "…" alone. */
		w = cols - (in_hit ? mark : 0);
		t = text_width(c) <= w || w >= 12 ? text_shorten(c, w) :
		    xstrdup("…");
		fputs(t, stdout);
		w = text_width(t);
		cols -= w < cols ? w : cols;
		if (strcmp(t, c) != 0)
			q = "";		/* cut: the rest does not fit */
		free(t);
		free(c);
		free(part);
		if (*q == STORE_HIT_ON && cols > 2 * mark) {
			fputs(color ? "\033[7m" : "[", stdout);
			in_hit = true;
			cols -= mark;
		} else if (*q == STORE_HIT_OFF) {
			fputs(color ? "\033[27m" : "]", stdout);
			in_hit = false;
			cols -= mark;
		} else if (*q == STORE_HIT_ON)
			break;
		p = *q ? q + 1 : q;
	}
	if (in_hit)
		fputs(color ? "\033[27m" : "]", stdout);
	free(moved);
}

static int
print_hit(const struct store_hit *h, void *ctx)
{
	struct search_ctx *sc = ctx;
	char date[11];
	int used;

	if (sc->json) {
		json_element(sc->n, h->json);
	} else {
		article_date(h->published, date);
		used = printf("%6" PRId64 " %5.2f %-10s  ", h->id, h->score,
		    date);
		put_source_title((size_t)used, h->source, h->title);
		if (*h->snippet != '\0') {
			fputs("             ", stdout);
			put_snippet(h->snippet, sc->color, cols_left(13));
			putchar('\n');
		}
	}
	sc->n++;
	return ferror(stdout) ? -1 : 0;
}

/* list and search: the options, the query, then its rows (by date, or
 * best first). */
static int
cmd_query(struct globals *g, int argc, char **argv, bool search)
{
	const char *cmd = search ? "search" : "list", *nc = getenv("NO_COLOR");
	struct store_list_query q = { .limit = search ? 20 : 0 };
	struct list_ctx lc = { 0 };
	struct search_ctx sc = { 0 };
	bool *json = search ? &sc.json : &lc.json;
	size_t *n = search ? &sc.n : &lc.n;
	struct query *filter = NULL;
	struct store *st = NULL;
	char *err = NULL, **args;
	bool count = false;
	int64_t articles = 0, unread = 0;
	int rc;

	argv = args = query_args(argc, argv, &argc);
	rc = command_opts(cmd, argc, argv, json, &q.limit, &q.fold,
	    search ? NULL : &count, true);
	if (rc == 0 && search && !has_text(argc - optind, argv + optind))
		rc = usage_error(_("search: what to search for is missing"));
	if (rc == 0 && count && q.limit > 0)
		rc = usage_error(_("list: --count and --limit exclude each "
		    "other"));
	if (rc == 0)
		rc = parse_query(cmd, argc, argv, &filter);
	free(args);
	if (rc != 0)
		return rc;
	sc.color = isatty(STDOUT_FILENO) && (nc == NULL || *nc == '\0');
	q.filter = filter;
	if (open_store(g, false, &st, &err) != 0) {
		query_free(filter);
		return fail_msg(err);
	}
	if (count) {
		/* For a status bar: how many, not which. */
		rc = store_count_matches(st, filter, NULL, NULL, &articles,
		    &unread, &err);
		store_close(st);
		query_free(filter);
		if (rc != 0)
			return fail_msg(err);
		if (*json)
			printf("{\"articles\":%" PRId64 ",\"unread\":%" PRId64
			    "}\n", articles, unread);
		else
			printf("%" PRId64 "\n", articles);
		return EXIT_OK;
	}
	if (*json)
		fputs("[", stdout);
	rc = search ? store_search(st, &q, print_hit, &sc, &err) :
	    store_list(st, &q, print_row, &lc, &err);
	store_close(st);
	query_free(filter);
	if (*json)
		fputs(*n ? "\n]\n" : "]\n", stdout);
	if (rc < 0 && err != NULL)
		return fail_msg(err);
	return EXIT_OK;
}

static int
cmd_list(struct globals *g, int argc, char **argv)
{
	return cmd_query(g, argc, argv, false);
}

static int
cmd_search(struct globals *g, int argc, char **argv)
{
	return cmd_query(g, argc, argv, true);
}

static int
cmd_read(struct globals *g, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "wide", no_argument, NULL, 'w' },
		{ "narrow", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	struct ui_opts o = { .mode = LAYOUT_AUTO, .config = g->config };
	struct aliases al = { NULL, false };
	enum layout_mode mode;
	struct store *st = NULL;
	char *err = NULL;
	int c, rc, sig;

	while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (c) {
		case 'w':
		case 'n':
			mode = c == 'w' ? LAYOUT_WIDE : LAYOUT_NARROW;
			if (o.mode != LAYOUT_AUTO && o.mode != mode)
				return usage_error(_("read: --wide and --narrow "
				    "exclude each other"));
			o.mode = mode;
			break;
		default:
			return bad_option("read", c, argv);
		}
	}
	if (optind + 1 < argc)
		return usage_error(_("read: expected at most one article ID"));
	if (optind < argc && !parse_id(argv[optind], &o.open_id))
		return usage_error(_("read: not an article ID: '%s'"),
		    argv[optind]);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return fail_msg(xstrdup(_("the reader needs a terminal (try "
		    "'lede list' in scripts)")));
	if (open_store(g, true, &st, &err) != 0)
		return fail_msg(err);
	if (o.open_id != 0) {
		struct article *a = NULL;

		rc = store_article_get(st, o.open_id, &a, &err);
		article_free(a);
		if (rc == STORE_ENOTFOUND) {
			store_close(st);
			return fail_msg(xasprintf(_("no article with ID %"
			    PRId64), o.open_id));
		}
	}
	o.source = source_alias;
	o.source_ctx = &al;
	rc = ui_run(st, &o, &err);
	import_rules_free(al.rules);
	store_close(st);
	if (rc != 0)
		return fail_msg(err);
	/* The terminal is restored and the marks saved: now end as the
	 * signal would have (status 128 + its number in a shell), so that
	 * a loop or script around the reader stops too. */
	if ((sig = ui_signal()) != 0) {
		signal(sig, SIG_DFL);
		raise(sig);
	}
	return EXIT_OK;
}

static int
cmd_show(struct globals *g, int argc, char **argv)
{
	struct article *a = NULL;
	struct store *st = NULL;
	char *err = NULL, *json = NULL, *text = NULL;
	bool as_json = false;
	int64_t id;
	int rc;

	if ((rc = command_opts("show", argc, argv, &as_json, NULL, NULL,
	    NULL, true)) != 0)
		return rc;
	if (optind + 1 != argc)
		return usage_error(_("show: expected one article ID"));
	if (!parse_id(argv[optind], &id))
		return usage_error(_("show: not an article ID: '%s'"),
		    argv[optind]);
	if (open_store(g, false, &st, &err) != 0)
		return fail_msg(err);
	if (as_json)
		rc = store_article_json(st, id, &json, &err);
	else
		rc = store_article_get(st, id, &a, &err);
	store_close(st);
	if (rc == STORE_ENOTFOUND)
		return fail_msg(xasprintf(_("no article with ID %" PRId64), id));
	if (rc != 0)
		return fail_msg(err);
	if (as_json) {
		put_json(json);
		putchar('\n');
	} else {
		text = article_text_new(a);
		fputs(text, stdout);
	}
	free(text);
	free(json);
	article_free(a);
	return EXIT_OK;
}

static int
cmd_stats(struct globals *g, int argc, char **argv)
{
	struct store_stats s;
	struct store *st = NULL;
	char *err = NULL, *json = NULL, d1[11], d2[11];
	bool as_json = false;
	int rc;

	if ((rc = command_opts("stats", argc, argv, &as_json, NULL, NULL,
	    NULL, false)) != 0)
		return rc;
	if (open_store(g, false, &st, &err) != 0)
		return fail_msg(err);
	rc = as_json ? store_stats_json(st, &json, &err) :
	    store_stats(st, &s, &err);
	store_close(st);
	if (rc != 0)
		return fail_msg(err);
	if (as_json) {
		put_json(json);
		putchar('\n');
		free(json);
		return EXIT_OK;
	}
	article_date(s.oldest, d1);
	article_date(s.newest, d2);
	printf(_("Articles: %" PRId64 " (%" PRId64 " unread, %" PRId64
	    " starred, %" PRId64 " undated)\n"), s.articles, s.unread,
	    s.starred, s.undated);
	printf(_("Sources:  %" PRId64 "\n"), s.sources);
	printf(_("Captions: %" PRId64 "\n"), s.captions);
	if (*d1)
		printf(_("Dates:    %s to %s\n"), d1, d2);
	{
		/* The one number written for people only: in the user's
		 * own notation ("1,5 MB"), the rest of lede's numbers being
		 * in C's (see main).  Only LC_NUMERIC changes: a locale made
		 * from C's would leave the message untranslated. */
		locale_t base = duplocale(LC_GLOBAL_LOCALE);
		locale_t user = base ? newlocale(LC_NUMERIC_MASK, "", base) :
		    (locale_t)0;
		locale_t was = user ? uselocale(user) : (locale_t)0;

		if (base && !user)
			freelocale(base);
		printf(_("Size:     %.1f MB (schema version %d)\n"),
		    (double)s.bytes / 1e6, s.schema);
		if (user) {
			uselocale(was);
			freelocale(user);
		}
	}
	return EXIT_OK;
}

static int
print_related(const struct store_related_row *r, void *ctx)
{
	struct list_ctx *lc = ctx;
	char date[11];
	int used;

	if (lc->json) {
		json_element(lc->n, r->json);
	} else {
		article_date(r->published, date);
		used = printf("%6" PRId64 "  %.2f  %-10s  %-10s  ", r->id,
		    r->score, r->label, date);
		put_source_title((size_t)used, r->source, r->title);
	}
	lc->n++;
	return ferror(stdout) ? -1 : 0;
}

static int
cmd_related(struct globals *g, int argc, char **argv)
{
	struct list_ctx lc = { 0 };
	struct article *a = NULL;
	struct store *st = NULL;
	char *err = NULL;
	int64_t id, limit = 0;
	int rc;

	if ((rc = command_opts("related", argc, argv, &lc.json, &limit,
	    NULL, NULL, true)) != 0)
		return rc;
	if (optind + 1 != argc)
		return usage_error(_("related: expected one article ID"));
	if (!parse_id(argv[optind], &id))
		return usage_error(_("related: not an article ID: '%s'"),
		    argv[optind]);
	if (open_store(g, false, &st, &err) != 0)
		return fail_msg(err);
	/* A missing article is an error, not an empty list. */
	rc = store_article_get(st, id, &a, &err);
	article_free(a);
	if (rc == STORE_ENOTFOUND) {
		store_close(st);
		return fail_msg(xasprintf(_("no article with ID %" PRId64),
		    id));
	}
	if (rc == 0) {
		void *blob = NULL;
		size_t len;

		/* An article without a signature was never indexed: a cache
		 * upgraded from before the engine, say.  Say how to fix it
		 * rather than print an empty list as if it were the answer. */
		if (store_sim_sig(st, id, &blob, &len, NULL, NULL, &err) ==
		    STORE_ENOTFOUND)
			fprintf(stderr, _("lede: article %" PRId64 " has no "
			    "similarity data yet; run 'lede reindex'\n"), id);
		free(blob);
		if (lc.json)
			fputs("[", stdout);
		rc = store_related(st, id, limit, print_related, &lc, &err);
		if (lc.json)
			fputs(lc.n ? "\n]\n" : "]\n", stdout);
	}
	store_close(st);
	if (rc < 0 && err != NULL)
		return fail_msg(err);
	return EXIT_OK;
}

static uint32_t
store_df(uint64_t term, void *ctx)
{
	return store_sim_df(ctx, term);
}

/* The match of two articles' stored signatures: 1 when both have one,
 * 0 when either has none (not indexed yet), -1 with *err on an error. */
static int
stored_match(struct store *st, int64_t ida, int64_t idb,
    struct sim_match *m, char **err)
{
	struct sim_sig *sa = NULL, *sb = NULL;
	void *blob = NULL;
	size_t len;
	int r, rc = 0;

	r = store_sim_sig(st, ida, &blob, &len, NULL, NULL, err);
	if (r == 0) {
		sa = sim_sig_decode(blob, len);
		free(blob);
		r = store_sim_sig(st, idb, &blob, &len, NULL, NULL, err);
		if (r == 0) {
			sb = sim_sig_decode(blob, len);
			free(blob);
		}
	}
	if (r < 0)
		rc = -1;
	else if (sa != NULL && sb != NULL) {
		*m = sim_compare(sa, sb);
		rc = 1;
	}
	sim_sig_free(sa);
	sim_sig_free(sb);
	return rc;
}

/* Print v as a JSON array of strings, escaped by SQLite. */
static int
print_json_strings(struct store *st, char **v, size_t n, char **err)
{
	char *q;
	size_t i;

	putchar('[');
	for (i = 0; i < n; i++) {
		if (store_json_quote(st, v[i], &q, err) != 0)
			return -1;
		fputs(i ? "," : "", stdout);
		put_json(q);
		free(q);
	}
	putchar(']');
	return 0;
}

static int
cmd_similarity(struct globals *g, int argc, char **argv)
{
	struct import_rules *rules = NULL;
	struct article *a = NULL, *b = NULL;
	struct sim_evidence ev = { 0 };
	struct store *st = NULL;
	char *err = NULL;
	bool as_json = false;
	uint64_t ndocs = 0;
	int64_t ida, idb;
	size_t i;
	int rc = EXIT_ERROR, r;

	if ((r = command_opts("similarity", argc, argv, &as_json, NULL,
	    NULL, NULL, true)) != 0)
		return r;
	if (optind + 2 != argc)
		return usage_error(_("similarity: expected two article IDs"));
	if (!parse_id(argv[optind], &ida) || !parse_id(argv[optind + 1],
	    &idb))
		return usage_error(_("similarity: not an article ID: '%s'"),
		    parse_id(argv[optind], &ida) ? argv[optind + 1] :
		    argv[optind]);
	if (load_rules(&rules, &err) != 0)
		return fail_msg(err);
	if (open_store(g, false, &st, &err) != 0)
		goto out;
	if ((r = store_article_get(st, ida, &a, &err)) == 0)
		r = store_article_get(st, idb, &b, &err);
	if (r == STORE_ENOTFOUND) {
		err = xasprintf(_("no article with ID %" PRId64), a ? idb :
		    ida);
		goto out;
	}
	if (r != 0 || store_sim_ndocs(st, &ndocs, &err) != 0)
		goto out;
	sim_explain(import_rules_lexicon(rules), a, b, store_df, st, ndocs,
	    &ev);
	/* Score as the related lists did: from the stored signatures, which
	 * carry the weights of their import and any inherited day.  The
	 * text supplies the evidence. */
	if (stored_match(st, ida, idb, &ev.m, &err) < 0)
		goto out;
	/* An undated copy compares as of its source's day (see "Undated
	 * articles" in lede(1)), but days apart are of publication dates,
	 * which it has none of. */
	if (a->published == ARTICLE_UNDATED || b->published ==
	    ARTICLE_UNDATED)
		ev.m.days = -1;
	if (as_json) {
		printf("{\"score\":%.3f,\"label\":%s%s%s,"
		    "\"containment\":%.3f,\"ordered\":%.3f,"
		    "\"shared_shingles\":%u,\"in_order\":%u,"
		    "\"cosine\":%.3f,\"days\":", ev.m.score, ev.m.label ?
		    "\"" : "", ev.m.label ? sim_label_name(ev.m.label) : "null",
		    ev.m.label ? "\"" : "", ev.m.containment, ev.m.ordered,
		    ev.m.shared, ev.m.in_order, ev.m.cosine);
		if (ev.m.days >= 0)
			printf("%d", ev.m.days);
		else
			fputs("null", stdout);
		if (ev.m.facts >= 0)
			printf(",\"facts\":%.3f,\"shared_facts\":%u,"
			    "\"compared_facts\":%u", ev.m.facts,
			    ev.m.shared_facts, ev.m.small_facts);
		else
			fputs(",\"facts\":null,\"shared_facts\":null,"
			    "\"compared_facts\":null", stdout);
		fputs(",\"shared_names\":", stdout);
		if (print_json_strings(st, ev.names, ev.nnames, &err) != 0)
			goto out;
		fputs(",\"shared_quotes\":", stdout);
		if (print_json_strings(st, ev.quotes, ev.nquotes, &err) != 0)
			goto out;
		fputs("}\n", stdout);
	} else {
		/* The label is a value (as in JSON), not prose. */
		printf(_("Score:       %.3f (%s)\n"), ev.m.score, ev.m.label ?
		    sim_label_name(ev.m.label) : "none");
		printf(_("Containment: %.3f of sampled 3-word shingles, %.3f "
		    "in the same order\n"), ev.m.containment, ev.m.ordered);
		printf(_("Cosine:      %.3f of weighted terms\n"),
		    ev.m.cosine);
		if (ev.m.facts >= 0)
			printf(_("Facts:       %.3f of names and numbers (%u "
			    "of %u)\n"), ev.m.facts, ev.m.shared_facts,
			    ev.m.small_facts);
		else
			printf(_("Facts:       unknown (run \"lede reindex\")"
			    "\n"));
		if (ev.m.days >= 0)
			printf(_("Days apart:  %d\n"), ev.m.days);
		else
			printf(_("Days apart:  unknown (an article is "
			    "undated)\n"));
		printf(_("Shared names (%zu):"), ev.nnames);
		for (i = 0; i < ev.nnames; i++) {
			fputs(i ? ", " : " ", stdout);
			put_clean(ev.names[i], 0);
		}
		putchar('\n');
		printf(_("Shared quotations (%zu):\n"), ev.nquotes);
		for (i = 0; i < ev.nquotes; i++) {
			fputs("  “", stdout);
			put_clean(ev.quotes[i], 0);
			fputs("”\n", stdout);
		}
	}
	rc = EXIT_OK;
out:
	sim_evidence_fini(&ev);
	article_free(a);
	article_free(b);
	store_close(st);
	import_rules_free(rules);
	if (rc != EXIT_OK)
		return fail_msg(err);
	return rc;
}

struct dupes_ctx {
	bool	json;
	int64_t	cluster;
	size_t	nclusters;
};

static int
print_dupe(const struct store_dupe_row *r, void *ctx)
{
	struct dupes_ctx *dc = ctx;
	char date[11];
	int used;
	bool first = r->cluster != dc->cluster;

	if (dc->json) {
		if (first)
			printf("%s\n  {\"cluster\":%" PRId64 ",\"articles\":[",
			    dc->nclusters ? "]}," : "", r->cluster);
		fputs(first ? "" : ",", stdout);
		put_json(r->json);
	} else {
		if (first) {
			if (dc->nclusters)
				putchar('\n');
			/* TRANSLATORS: the number is the article id naming a cluster. */
			printf(_("Cluster %" PRId64 ":\n"), r->cluster);
		}
		article_date(r->published, date);
		used = printf("%6" PRId64 "  %-10s  ", r->id, date);
		put_source_title((size_t)used, r->source, r->title);
	}
	if (first) {
		dc->cluster = r->cluster;
		dc->nclusters++;
	}
	return ferror(stdout) ? -1 : 0;
}

static int
cmd_dupes(struct globals *g, int argc, char **argv)
{
	struct dupes_ctx dc = { .cluster = -1 };
	struct store *st = NULL;
	char *err = NULL;
	int rc;

	if ((rc = command_opts("dupes", argc, argv, &dc.json, NULL, NULL,
	    NULL, false)) != 0)
		return rc;
	if (open_store(g, false, &st, &err) != 0)
		return fail_msg(err);
	if (dc.json)
		fputs("[", stdout);
	rc = store_dupes(st, print_dupe, &dc, &err);
	if (dc.json)
		fputs(dc.nclusters ? "]}\n]\n" : "]\n", stdout);
	store_close(st);
	if (rc < 0 && err != NULL)
		return fail_msg(err);
	return EXIT_OK;
}

static void
reindex_progress(size_t done, size_t total, void *ctx)
{
	static struct timespec last;
	struct timespec now;
	char bar[31];
	size_t i, fill;

	(void)ctx;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (done != total && ms_between(&last, &now) < 100)
		return;
	last = now;
	fill = total ? done * 30 / total : 30;
	for (i = 0; i < 30; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[30] = '\0';
	fputc('\r', stderr);
	/* TRANSLATORS: progress bar; articles done, in all, percent. */
	fprintf(stderr, _("Reindexing [%s] %zu/%zu (%zu%%)"), bar, done,
	    total, total ? done * 100 / total : 100);
	if (done == total)
		fputc('\n', stderr);
	fflush(stderr);
}

static int
cmd_reindex(struct globals *g, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "search", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct import_rules *rules = NULL;
	struct store *st = NULL;
	char *err = NULL;
	bool search = false;
	int rc, c;

	while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		if (c != 's')
			return bad_option("reindex", c, argv);
		search = true;
	}
	if (optind != argc)
		return usage_error(_("%s: unexpected argument '%s'"),
		    "reindex", argv[optind]);
	if (load_rules(&rules, &err) != 0)
		return fail_msg(err);
	if (open_store(g, false, &st, &err) != 0) {
		import_rules_free(rules);
		return fail_msg(err);
	}
	if (search && isatty(STDERR_FILENO))
		fprintf(stderr, _("Rebuilding the search index…\n"));
	rc = search ? store_fts_rebuild(st, &err) : store_terms_fill(st, &err);
	if (rc == 0)
		rc = related_reindex(st, import_rules_lexicon(rules),
		    isatty(STDERR_FILENO) ? reindex_progress : NULL, NULL,
		    &err);
	store_close(st);
	import_rules_free(rules);
	if (rc != 0)
		return fail_msg(err);
	return EXIT_OK;
}

/* mark: the articles a query takes read or unread.  A query is needed,
 * or --all: an empty one would take the whole cache. */
static int
cmd_mark(struct globals *g, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "unread", no_argument, NULL, 'u' },
		{ "all", no_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	struct query *filter = NULL;
	struct store *st = NULL;
	char *err = NULL, **args;
	bool read = true, all = false, asked;
	int64_t changed = 0;
	int c, i, rc = 0;

	/* Unlike list's and search's, mark's query takes a term that
	 * starts with "-" only after "--": a mistyped option ("-u" for
	 * --unread) would otherwise be a word to leave out, and mark the
	 * rest of the cache the wrong way. */
	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (argv[i][0] == '-' && argv[i][1] != '-' && argv[i][1] != '\0')
			return usage_error(_("mark: unknown option '%s' (a term"
			    " that starts with '-' goes after '--')"), argv[i]);
	argv = args = query_args(argc, argv, &argc);
	while (rc == 0 && (c = getopt_long(argc, argv, ":", longopts,
	    NULL)) != -1) {
		if (c == 'u')
			read = false;
		else if (c == 'a')
			all = true;
		else
			rc = bad_option("mark", c, argv);
	}
	asked = rc == 0 && has_text(argc - optind, argv + optind);
	if (rc == 0 && all && asked)
		rc = usage_error(_("mark: --all and a query exclude each "
		    "other"));
	else if (rc == 0 && !all && !asked)
		rc = usage_error(_("mark: which articles? Give a query, or "
		    "--all"));
	if (rc == 0 && asked)
		rc = parse_query("mark", argc, argv, &filter);
	free(args);
	if (rc != 0)
		return rc;
	if (open_store(g, false, &st, &err) != 0) {
		query_free(filter);
		return fail_msg(err);
	}
	/* Another lede writing (an import) is waited for, as import
	 * waits. */
	store_set_busy_timeout(st, 10000);
	rc = store_mark_matches(st, filter, read, &changed, &err);
	store_close(st);
	query_free(filter);
	if (rc == STORE_EBUSY)
		return fail_msg(xstrdup(_("the cache stayed locked by another "
		    "lede: try again")));
	if (rc != 0)
		return fail_msg(err);
	printf(read ? ngettext("%" PRId64 " article marked read\n",
	    "%" PRId64 " articles marked read\n", (unsigned long)changed) :
	    ngettext("%" PRId64 " article marked unread\n", "%" PRId64
	    " articles marked unread\n", (unsigned long)changed), changed);
	return EXIT_OK;
}

/* Print a problem, and note in the mask at ctx what it damaged. */
static void
print_problem(enum store_damage what, const char *problem, void *ctx)
{
	char *clean = text_sanitize(problem, 0);

	*(unsigned *)ctx |= 1u << what;
	printf("%s\n", clean);
	free(clean);
}

/* Print the problems of the reader's settings file (--config, or the
 * default one when it exists); returns how many. */
static size_t
check_settings(const struct globals *g)
{
	struct settings set;
	char *path = g->config ? xstrdup(g->config) : settings_default_path();
	size_t n;
	int r = 0;

	settings_init(&set);
	if (path != NULL)
		r = settings_load(&set, path, g->config != NULL);
	if (set.errors != NULL) {
		/* One problem a line, as settings keeps them. */
		char *clean = text_sanitize(set.errors, TEXT_KEEP_NEWLINES);

		printf("%s\n", clean);
		free(clean);
	}
	fflush(stdout);
	if (r == -1)
		fprintf(stderr, _("lede: the settings file has problems; the "
		    "reader skips those lines\n"));
	n = set.nerrors;
	settings_fini(&set);
	free(path);
	return n;
}

/* Exit 0 when the cache and the settings are whole, 1 (listing the
 * problems) when not. */
static int
cmd_check(struct globals *g, int argc, char **argv)
{
	struct store *st = NULL;
	char *err = NULL;
	unsigned damaged = 0;
	size_t nset;
	int n;

	if ((n = command_opts("check", argc, argv, NULL, NULL, NULL, NULL,
	    false)) != 0)
		return n;
	/* The reader's settings too: its status line shows only the
	 * first problem of the file and sends the user here. */
	nset = check_settings(g);
	if (open_store(g, false, &st, &err) != 0)
		return fail_msg(err);
	n = store_check(st, print_problem, &damaged, &err);
	if (n >= 0 && store_readonly(st))
		fprintf(stderr, _("lede: note: the cache is read-only, so its"
		    " search index was not compared with its articles\n"));
	store_close(st);
	if (n < 0)
		return fail_msg(err);
	/* Name the repair for what is damaged.  A damaged database file
	 * is beyond any command: rebuilding an index would read it. */
	if (damaged & 1u << STORE_DAMAGE_FILE)
		fprintf(stderr, _("lede: the cache file itself is damaged, "
		    "which lede cannot repair; keep a copy of it, and import "
		    "the articles into a new cache (--db)\n"));
	else if (damaged & 1u << STORE_DAMAGE_SEARCH)
		fprintf(stderr, _("lede: the cache has problems; \"lede "
		    "reindex --search\" rebuilds the search index and the "
		    "similarity data\n"));
	else if (damaged)
		fprintf(stderr, _("lede: the cache has problems; \"lede "
		    "reindex\" rebuilds the similarity data and the word "
		    "list\n"));
	if (n == 0 && nset > 0)
		printf(_("the cache is ok\n"));	/* the settings are not */
	if (n > 0 || nset > 0)
		return EXIT_ERROR;
	printf(_("ok\n"));
	return EXIT_OK;
}

/* Report a failed write to stdout (a full disk, a closed pipe) instead of
 * exiting 0 with truncated output. */
static int
close_stdout(int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		if (errno == EPIPE)
			return rc;
		fprintf(stderr, _("lede: write error: %s\n"), strerror(errno));
		return rc == EXIT_OK ? EXIT_ERROR : rc;
	}
	return rc;
}

int
main(int argc, char **argv)
{
	struct globals g = { 0 };
	size_t i;
	int c;

	setlocale(LC_ALL, "");
	out_cols = term_cols();
	/* Scores go into JSON and into the SQL that ranks a search: with
	 * a decimal comma (de_DE, fr_FR) "[3,1.67]" became "[3,1,67]".
	 * Every number is written with a point; stats' size alone is
	 * for people (see cmd_stats). */
	setlocale(LC_NUMERIC, "C");
#if ENABLE_NLS
	bindtextdomain(PACKAGE, LOCALEDIR);
	textdomain(PACKAGE);
#endif
	/* Options errors are ours to word (bad_option). */
	opterr = 0;
	/* '+': stop at the command name; its options are its own. */
	while ((c = getopt_long(argc, argv, "+:hV", global_opts, NULL)) !=
	    -1) {
		switch (c) {
		case 'd':
		case 'c':
			/* An empty path is a mistake (an unset shell
			 * variable), not a request for the default. */
			if (*optarg == '\0')
				return usage_error(_("option '%s' needs a file "
				    "name, not an empty text"), c == 'd' ?
				    "--db" : "--config");
			if (c == 'd')
				g.db = optarg;
			else
				g.config = optarg;
			break;
		case 'h':
			usage(stdout);
			return close_stdout(EXIT_OK);
		case 'V':
			printf("lede %s\n", PACKAGE_VERSION);
			return close_stdout(EXIT_OK);
		default:
			return bad_option(NULL, c, argv);
		}
	}
	if (optind >= argc) {
		/* No command: the reader. */
		char *read_argv[] = { "read", NULL };

		optind = 0;
		return close_stdout(cmd_read(&g, 1, read_argv));
	}
	/* "lede list --help": the help, as a user expects; but after
	 * "--" "-h" is a word or a file name. */
	for (i = (size_t)optind + 1; i < (size_t)argc &&
	    strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i],
		    "-h") == 0) {
			usage(stdout);
			return close_stdout(EXIT_OK);
		}
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcmp(argv[optind], commands[i].name) == 0) {
			argc -= optind;
			argv += optind;
			optind = 0;	/* glibc: reinitialise */
			return close_stdout(commands[i].fn(&g, argc, argv));
		}
	}
	return usage_error(_("unknown command '%s'"), argv[optind]);
}
