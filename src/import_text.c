/* import_text: the plain-text article parser.
 *
 * The input format is what web scrapers leave behind: an optional
 * "date YYYY-MM-DD" header sharing the first line with text, then
 * paragraphs (one per line, or blocks separated by blank lines), with
 * navigation boilerplate, photo captions, a byline and a dateline mixed in.
 * The parser works on paragraphs in a fixed order of passes, each
 * documented where it is applied: header, paragraphs, outlet clues,
 * boilerplate, captions, headline/dek, byline, dateline, lead title,
 * language.  Which lines are boilerplate, how outlets are spelt and which
 * words are stopwords come from files (see import_rules_load), not from
 * this code. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <locale.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <unictype.h>
#include <unistr.h>

#include "article.h"
#include "i18n.h"
#include "import.h"
#include "similar.h"
#include "text.h"
#include "util.h"

#define TITLE_COLS	100	/* a lead sentence used as title is cut here */
/* Lengths in characters, so that a script of three bytes a letter gets
 * as long a headline as English. */
#define HEADLINE_MAX	200	/* longer first lines are body text */
#define BYLINE_MAX	200
#define DEK_MAX		500	/* a standfirst of sentences is short */
#define CAPTION_MAX	600	/* a parenthesised-credit caption is short */
#define CREDIT_MAX	100

struct alias {
	char	*alias;		/* folded */
	char	*name;
};

struct import_rules {
	locale_t	 c_locale;	/* the patterns are byte patterns */
	regex_t		 boiler;	/* all patterns as one alternation */
	bool		 has_boiler;
	struct alias	*aliases;
	size_t		 naliases;
	struct sim_lexicon *lex;	/* stopwords and weekday names */
};

/* One paragraph of the input and the line it started on. */
struct para {
	char	*text;
	size_t	 line;
};

struct parse {
	const struct import_rules *rules;
	const char	*label;
	import_warn_fn	 warn;
	void		*ctx;
	struct para	*p;
	size_t		 n;
	/* Outlet clues, strongest first; each NULL until found. */
	char		*src_byline;
	char		*src_dateline;
	bool		 dateline_code;	/* src_dateline is a "(XX)" code */
	char		*src_copyright;
	char		*src_contrib;
};

static void
warnf(struct parse *ps, size_t line, const char *fmt, ...)
    LEDE_PRINTF(3, 4);

static void
warnf(struct parse *ps, size_t line, const char *fmt, ...)
{
	va_list ap;
	char *msg, *full;

	if (ps->warn == NULL)
		return;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	full = xasprintf("%s:%zu: %s", ps->label, line, msg);
	ps->warn(full, ps->ctx);
	free(full);
	free(msg);
}

static void
bad_utf8(size_t line, void *ctx)
{
	warnf(ctx, line, _("invalid UTF-8 replaced with U+FFFD"));
}

/* ---- rules ------------------------------------------------------------ */

/* Read a whole rules file; lines are returned through fn with their
 * number, comments (#) and blank lines skipped, whitespace trimmed. */
static int
each_line(const char *path, int (*fn)(const char *line, size_t no,
    const char *path, void *arg, char **err), void *arg, bool optional,
    char **err)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, *s;
	size_t cap = 0, no = 0;
	int rc = 0;

	if (f == NULL) {
		/* Absent, or under a file where a directory would be
		 * ("~/.config" a file). */
		if (optional && (errno == ENOENT || errno == ENOTDIR))
			return 0;
		*err = xasprintf(_("%s: cannot read rules: %s"), path,
		    strerror(errno));
		return -1;
	}
	while (getline(&line, &cap, f) != -1) {
		no++;
		if ((s = trim_line(line)) == NULL)
			continue;
		if ((rc = fn(s, no, path, arg, err)) != 0)
			break;
	}
	if (rc == 0 && ferror(f)) {
		*err = xasprintf(_("%s: read error: %s"), path,
		    strerror(errno));
		rc = -1;
	}
	free(line);
	fclose(f);
	return rc;
}

static int
add_pattern(const char *line, size_t no, const char *path, void *arg,
    char **err)
{
	struct strbuf *all = arg;
	char buf[256];
	regex_t re;
	int rc;

	/* Compile each pattern alone first so a mistake is reported with
	 * its own line; the matcher then uses one combined expression. */
	rc = regcomp(&re, line, REG_EXTENDED | REG_ICASE | REG_NOSUB);
	if (rc != 0) {
		regerror(rc, &re, buf, sizeof buf);
		*err = xasprintf(_("%s:%zu: bad pattern: %s"), path, no, buf);
		return -1;
	}
	regfree(&re);
	strbuf_adds(all, all->len ? "|(" : "^((");
	strbuf_adds(all, line);
	strbuf_adds(all, ")");
	return 0;
}

static int
add_alias(const char *line, size_t no, const char *path, void *arg,
    char **err)
{
	struct import_rules *r = arg;
	const char *eq = strchr(line, '=');
	char *alias, *name, *t;

	if (eq == NULL) {
		*err = xasprintf(_("%s:%zu: expected ALIAS = NAME"), path, no);
		return -1;
	}
	alias = xstrndup(line, (size_t)(eq - line));
	t = text_squeeze(alias);
	free(alias);
	alias = text_fold(t);
	free(t);
	name = text_squeeze(eq + 1);
	if (*alias == '\0' || *name == '\0') {
		free(alias);
		free(name);
		*err = xasprintf(_("%s:%zu: expected ALIAS = NAME"), path, no);
		return -1;
	}
	r->aliases = xreallocarray(r->aliases, r->naliases + 1,
	    sizeof *r->aliases);
	r->aliases[r->naliases].alias = alias;
	r->aliases[r->naliases].name = name;
	r->naliases++;
	return 0;
}

struct stop_ctx {
	struct sim_lexicon	*lex;
	int			 lang;
};

static int
add_stopword(const char *line, size_t no, const char *path, void *arg,
    char **err)
{
	struct stop_ctx *sc = arg;
	char *low = text_word_key(line, strlen(line));

	(void)no;
	(void)path;
	(void)err;
	sim_lexicon_add_stopword(sc->lex, sc->lang, low);
	free(low);
	return 0;
}

/* "LANG monday tuesday ... sunday" */
static int
add_weekdays(const char *line, size_t no, const char *path, void *arg,
    char **err)
{
	struct sim_lexicon *lex = arg;
	char *copy = xstrdup(line), *save = NULL, *w, *low;
	int day = -1;

	for (w = strtok_r(copy, " \t", &save); w != NULL;
	    w = strtok_r(NULL, " \t", &save), day++) {
		if (day < 0)
			continue;	/* the language code, for the reader */
		if (day > 6) {
			day = 8;	/* too many names */
			break;
		}
		low = text_word_key(w, strlen(w));
		sim_lexicon_add_weekday(lex, low, day);
		free(low);
	}
	free(copy);
	if (day != 7) {
		*err = xasprintf(_("%s:%zu: expected a language code and seven "
		    "day names"), path, no);
		return -1;
	}
	return 0;
}

/* Lists of words per language, one "LANG word word ..." a line: the
 * engine's lexicon takes each word through add. */
struct word_list {
	const char	*file;
	void		(*add)(struct sim_lexicon *, int, const char *);
	const char	*error;		/* N_(): a line with no word */
};

static const struct word_list word_lists[] = {
	/* Determiners, for languages that capitalise their nouns. */
	{ "determiners", sim_lexicon_add_determiner,
	    N_("expected a language code and its determiners") },
	/* Month names, for languages that capitalise them. */
	{ "months", sim_lexicon_add_month,
	    N_("expected a language code and month names") },
};

struct word_list_ctx {
	const struct word_list	*list;
	struct sim_lexicon	*lex;
};

static int
add_lang_words(const char *line, size_t no, const char *path, void *arg,
    char **err)
{
	const struct word_list_ctx *c = arg;
	char *copy = xstrdup(line), *save = NULL, *w, *low;
	int lang = -1, n = 0;

	for (w = strtok_r(copy, " \t", &save); w != NULL;
	    w = strtok_r(NULL, " \t", &save), n++) {
		if (n == 0) {
			lang = sim_lexicon_lang(c->lex, w);
			continue;
		}
		low = text_word_key(w, strlen(w));
		c->list->add(c->lex, lang, low);
		free(low);
	}
	free(copy);
	if (n < 2 || lang < 0) {
		*err = xasprintf("%s:%zu: %s", path, no, _(c->list->error));
		return -1;
	}
	return 0;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Load every stopword list in dir: a file named by its language code
 * ("en", "de"), so that a language is added by adding a file.  Lists
 * are read in name order, which is also the tie-break order of
 * language detection. */
static int
load_stopwords(struct sim_lexicon *lex, const char *dir, char **err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL, *path;
	size_t n = 0, i;
	int rc = 0;

	if (d == NULL)
		return 0;	/* no lists: no stopwords, no detection */
	while ((e = readdir(d)) != NULL) {
		if (!article_is_language(e->d_name))
			continue;
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	xqsort(names, n, sizeof *names, cmp_name);
	for (i = 0; i < n; i++) {
		struct stop_ctx sc = { lex, sim_lexicon_lang(lex, names[i]) };

		path = xasprintf("%s/%s", dir, names[i]);
		if (rc == 0 && sc.lang >= 0)
			rc = each_line(path, add_stopword, &sc, false, err);
		free(path);
		free(names[i]);
	}
	free(names);
	return rc;
}

int
import_rules_load(const char *datadir, const char *extra,
    struct import_rules **out, char **err)
{
	struct import_rules *r = xcalloc(1, sizeof *r);
	struct strbuf all = { 0 };
	char *path = NULL, buf[256];
	locale_t saved;
	size_t i;
	int rc;

	*out = NULL;
	/* Patterns are compiled and run in the C locale: matching bytes
	 * instead of converting every line to wide characters makes them
	 * several times faster, and they are ASCII in practice; any other
	 * letter in a pattern matches itself exactly. */
	r->c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	if (r->c_locale == (locale_t)0)
		fatal("cannot create the C locale");
	path = xasprintf("%s/boilerplate", datadir);
	saved = uselocale(r->c_locale);
	rc = each_line(path, add_pattern, &all, false, err);
	if (rc == 0 && extra != NULL)
		rc = each_line(extra, add_pattern, &all, true, err);
	uselocale(saved);
	if (rc != 0)
		goto fail;
	if (all.len > 0) {
		saved = uselocale(r->c_locale);
		strbuf_adds(&all, ")$");
		rc = regcomp(&r->boiler, all.s, REG_EXTENDED | REG_ICASE |
		    REG_NOSUB);
		uselocale(saved);
		if (rc != 0) {
			regerror(rc, &r->boiler, buf, sizeof buf);
			*err = xasprintf(_("%s: bad pattern: %s"), path, buf);
			goto fail;
		}
		r->has_boiler = true;
	}
	free(path);
	path = xasprintf("%s/sources", datadir);
	if (each_line(path, add_alias, r, true, err) != 0)
		goto fail;
	r->lex = sim_lexicon_new();
	free(path);
	path = xasprintf("%s/stopwords", datadir);
	if (load_stopwords(r->lex, path, err) != 0)
		goto fail;
	free(path);
	path = xasprintf("%s/weekdays", datadir);
	if (each_line(path, add_weekdays, r->lex, true, err) != 0)
		goto fail;
	free(path);
	for (i = 0; i < sizeof word_lists / sizeof word_lists[0]; i++) {
		struct word_list_ctx c = { &word_lists[i], r->lex };

		path = xasprintf("%s/%s", datadir, word_lists[i].file);
		if (each_line(path, add_lang_words, &c, true, err) != 0)
			goto fail;
		free(path);
	}
	strbuf_fini(&all);
	*out = r;
	return 0;
fail:
	free(path);
	strbuf_fini(&all);
	import_rules_free(r);
	return -1;
}

int
import_sources_load(const char *datadir, struct import_rules **out,
    char **err)
{
	struct import_rules *r = xcalloc(1, sizeof *r);
	char *path = xasprintf("%s/sources", datadir);
	int rc;

	*out = NULL;
	rc = each_line(path, add_alias, r, true, err);
	free(path);
	if (rc != 0) {
		import_rules_free(r);
		return -1;
	}
	*out = r;
	return 0;
}

const struct sim_lexicon *
import_rules_lexicon(const struct import_rules *r)
{
	return r->lex;
}

void
import_rules_free(struct import_rules *r)
{
	size_t i;

	if (r == NULL)
		return;
	if (r->has_boiler)
		regfree(&r->boiler);
	if (r->c_locale != (locale_t)0)
		freelocale(r->c_locale);
	for (i = 0; i < r->naliases; i++) {
		free(r->aliases[i].alias);
		free(r->aliases[i].name);
	}
	free(r->aliases);
	sim_lexicon_free(r->lex);
	free(r);
}

const char *
import_rules_source(const struct import_rules *r, const char *name)
{
	char *sq = text_squeeze(name), *f = text_fold(sq);
	const char *found = NULL;
	size_t i;

	for (i = 0; i < r->naliases && found == NULL; i++)
		if (strcmp(r->aliases[i].alias, f) == 0)
			found = r->aliases[i].name;
	free(sq);
	free(f);
	return found;
}

/* ---- small string helpers ----------------------------------------------- */

static bool
starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool
ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

/* Closing quotes and brackets that may follow sentence punctuation. */
static const char *const closers[] = {
	"\"", "'", ")", "]", "”", "’", "»", "」", "』", "）"
};

/* Length of s once trailing closers are skipped. */
static size_t
strip_closers(const char *s, size_t n)
{
	size_t i;
	bool again = true;

	while (again && n > 0) {
		again = false;
		for (i = 0; i < sizeof closers / sizeof closers[0]; i++)
			if (ends_with(s, n, closers[i])) {
				n -= strlen(closers[i]);
				again = true;
				break;
			}
	}
	return n;
}

/* Sentence ends of other scripts: ideographic and full-width stops,
 * Arabic and Urdu question mark and full stop, the Devanagari danda. */
static const char *const stops[] = {
	"…", "。", "！", "？", "．", "：", "；", "，", "、", "؟", "۔", "।"
};

/* Does the paragraph end as a sentence does (., !, ?, …, :, ;, "," or
 * their kin in other scripts), possibly inside closing quotes?
 * Headlines and deks do not. */
static bool
ends_sentence(const char *s)
{
	size_t n = strip_closers(s, strlen(s)), i;

	if (n == 0)
		return false;
	if (strchr(".!?:;,", s[n - 1]) != NULL)
		return true;
	for (i = 0; i < sizeof stops / sizeof stops[0]; i++)
		if (ends_with(s, n, stops[i]))
			return true;
	return false;
}

/* If s starts with a dash used as a separator (" - ", " — ", " – "),
 * return its byte length including surrounding spaces, else 0. */
static size_t
dash_len(const char *s)
{
	static const char *const dashes[] = { "—", "–", "-" };
	size_t i, k = 0;

	while (s[k] == ' ')
		k++;
	for (i = 0; i < sizeof dashes / sizeof dashes[0]; i++)
		if (starts_with(s + k, dashes[i])) {
			k += strlen(dashes[i]);
			if (s[k] != ' ' && i == 2)
				return 0;	/* a hyphenated word */
			while (s[k] == ' ')
				k++;
			return k;
		}
	return 0;
}

/* ---- passes --------------------------------------------------------------- */

static void
para_add(struct parse *ps, char *text, size_t line)
{
	ps->p = xreallocarray(ps->p, ps->n + 1, sizeof *ps->p);
	ps->p[ps->n].text = text;
	ps->p[ps->n].line = line;
	ps->n++;
}

static void
para_remove(struct parse *ps, size_t i)
{
	free(ps->p[i].text);
	memmove(ps->p + i, ps->p + i + 1, (ps->n - i - 1) * sizeof *ps->p);
	ps->n--;
}

static bool
valid_date(int y, int m, int d)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (y < 1800 || y > 9999 || m < 1 || m > 12 || d < 1)
		return false;
	if (m == 2 && d == 29)
		return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1];
}

/* Header rule: the first non-blank line may start with "date YYYY-MM-DD"
 * followed by article text on the same line.  A well-formed but
 * impossible date is dropped with a warning; nothing else sets the date. */
static char *
take_date_header(struct parse *ps, char *line, size_t no, int64_t *published)
{
	char *s = line;
	int y, m, d, used = 0;
	struct tm tm;

	while (*s == ' ')
		s++;
	if (strncmp(s, "date ", 5) != 0)
		return line;
	if (sscanf(s + 5, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 ||
	    used != 10 || (s[5 + used] != '\0' && s[5 + used] != ' '))
		return line;
	if (!valid_date(y, m, d)) {
		warnf(ps, no, _("impossible date %.10s ignored"), s + 5);
	} else {
		memset(&tm, 0, sizeof tm);
		tm.tm_year = y - 1900;
		tm.tm_mon = m - 1;
		tm.tm_mday = d;
		*published = (int64_t)timegm(&tm);
	}
	return s + 5 + used;
}

/* Paragraph rule: every non-blank line is a paragraph (the common
 * scraped form).  Only in a file that looks hard-wrapped (no line but
 * the first longer than WRAP_MAX characters) is a blank-line-separated
 * block joined into one paragraph, and only when its lines are long and
 * mostly run on into the next (runs_on): headlines, bylines and
 * datelines stacked on single lines are never joined. */
#define WRAP_MAX 100
#define WRAP_FULL 85	/* a line this many % of the width is full */

static bool
starts_lower(const char *s)
{
	ucs4_t uc;

	return u8_strmbtouc(&uc, (const uint8_t *)s) > 0 && uc_is_lower(uc);
}

/* Whether line a was broken only for width before line b: b goes on in
 * lower case, or b's first word would not have fit on a within width
 * (the file's widest line but its first), as a wrapping editor leaves
 * it.  The second test is what finds wrapped German, whose nouns start
 * in capitals, and English lines that start with a name or a number;
 * it needs width, so the first line (often the widest, a headline)
 * runs on only by the first. */
static bool
runs_on(size_t a_chars, const char *b, size_t width, bool first_line)
{
	if (starts_lower(b))
		return true;
	if (first_line || width == 0)
		return false;
	return a_chars + 1 + u8_mbsnlen((const uint8_t *)b, strcspn(b, " ")) >
	    width;
}

/* Two lines run on by width only when the second ends a sentence: a
 * long dek over a byline ("By ...") would pass the width test alone. */
static bool
block_is_wrapped(char **lines, const size_t *chars, size_t first,
    size_t end, size_t width, size_t title)
{
	size_t j, cont = 0;

	if (end - first < 2)
		return false;
	if (end - first == 2 && !ends_sentence(lines[first + 1]))
		width = 0;
	for (j = first; j + 1 < end; j++) {
		if (strlen(lines[j]) < 40)
			return false;
		if (runs_on(chars[j], lines[j + 1], width, j == title))
			cont++;
	}
	return cont * 2 >= end - 1 - first;
}

static bool is_boilerplate(const struct import_rules *r, const char *s);
static void note_outlet_clues(struct parse *ps, const char *s);

/* Whether the squeezed line s shows nothing but spaces: zero-width
 * spaces, joiners, lone combining marks.  Most lines hold a printable
 * ASCII byte and stop there. */
static bool
is_invisible(const char *s)
{
	const unsigned char *p;
	size_t spaces = 0;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p > ' ' && *p < 0x7f)
			return false;
		spaces += *p == ' ';
	}
	return text_width(s) == spaces;
}

static void
split_paragraphs(struct parse *ps, char *text, int64_t *published)
{
	char **lines = NULL, *s, *nl;
	size_t *nos = NULL, n = 0, i, j, no = 1, first = 0, width = 0;
	size_t title = SIZE_MAX, near = 0, *chars = NULL;
	bool header_seen = false, wrapped_file = true;

	for (s = text; s != NULL; s = nl ? nl + 1 : NULL, no++) {
		nl = strchr(s, '\n');
		if (nl)
			*nl = '\0';
		if (!header_seen && strspn(s, " ") != strlen(s)) {
			header_seen = true;
			s = take_date_header(ps, s, no, published);
		}
		lines = xreallocarray(lines, n + 1, sizeof *lines);
		nos = xreallocarray(nos, n + 1, sizeof *nos);
		lines[n] = text_squeeze(s);
		if (is_invisible(lines[n]))
			*lines[n] = '\0';	/* a blank line, to a reader */
		/* Outlet clues first: copyright lines are boilerplate too. */
		note_outlet_clues(ps, lines[n]);
		if (is_boilerplate(ps->rules, lines[n]))
			*lines[n] = '\0';
		/* The first line, the headline, may be left whole. */
		if (title == SIZE_MAX && *lines[n] != '\0')
			title = n;
		else if (wrapped_file && !text_chars_at_most(lines[n], WRAP_MAX))
			wrapped_file = false;
		nos[n] = no;
		n++;
	}
	/* The width the file was wrapped to: its widest line, but for the
	 * first, which a wrapping editor may have left alone. */
	if (wrapped_file)
		chars = xcalloc(n + 1, sizeof *chars);
	for (i = 0; chars != NULL && i < n; i++) {
		chars[i] = text_chars(lines[i]);
		if (i != title && chars[i] > width)
			width = chars[i];
	}
	/* Trusted only when lines fill it: a wrapping editor leaves many
	 * near it, and a few unwrapped paragraphs have one widest line,
	 * which would seem to run on into anything. */
	for (i = 0; width > 0 && i < n; i++)
		if (i != title && chars[i] > 0 &&
		    chars[i] * 100 >= width * WRAP_FULL)
			near++;
	if (near < 3)
		width = 0;
	for (i = 0; i <= n; i++) {
		if (i < n && *lines[i] != '\0')
			continue;
		/* lines[first..i) is a block. */
		if (wrapped_file && block_is_wrapped(lines, chars, first, i,
		    width, title)) {
			struct strbuf b = { 0 };

			for (j = first; j < i; j++) {
				if (j > first)
					strbuf_addc(&b, ' ');
				strbuf_adds(&b, lines[j]);
			}
			/* A wrapped notice is only whole once joined. */
			note_outlet_clues(ps, b.s);
			if (is_boilerplate(ps->rules, b.s))
				strbuf_fini(&b);
			else
				para_add(ps, strbuf_steal(&b), nos[first]);
		} else {
			for (j = first; j < i; j++)
				para_add(ps, xstrdup(lines[j]), nos[j]);
		}
		first = i + 1;
	}
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	free(chars);
	free(nos);
}

/* Outlet clue: "Copyright 2022 The Associated Press. All rights ...",
 * "Copyright © 2024 Name.", or "© Name 2024". */
static char *
copyright_holder(const char *s)
{
	const char *p, *e;
	size_t n;

	if (strncasecmp(s, "Copyright ", 10) == 0)
		p = s + 10;
	else if (starts_with(s, "© "))
		p = s + strlen("© ");
	else
		return NULL;
	if (starts_with(p, "© "))
		p += strlen("© ");
	else if (strncasecmp(p, "(c) ", 4) == 0)
		p += 4;
	if (strspn(p, "0123456789") == 4 && p[4] == ' ')
		p += 5;
	for (e = p; *e != '\0' && *e != ',' && !(e[0] == '.' && (e[1] ==
	    ' ' || e[1] == '\0')); e++)
		;
	n = (size_t)(e - p);
	/* "Name 2024": the year after the name. */
	if (n > 5 && p[n - 5] == ' ' && strspn(p + n - 4, "0123456789") == 4)
		n -= 5;
	if (n == 0 || n > 60 || !text_starts_upper(p))
		return NULL;
	return xstrndup(p, n);
}

/* Does a possessive ending start at s: "’s ", "'s ", or "’ " after a
 * plural such as "Times"? */
static bool
possessive(const char *s)
{
	if (starts_with(s, "’s ") || starts_with(s, "'s "))
		return true;
	return s[-1] == 's' && (starts_with(s, "’ ") || starts_with(s, "' "));
}

/* Outlet clues in a contributor line ("... contributed to this report"):
 * "The Washington Post’s Chico Harlan ..." or "Associated Press writer
 * Yuras Karmanau ...".  Returns the outlet or NULL. */
static char *
contributor_outlet(const char *s)
{
	static const char *const roles[] = { " writer", " writers",
	    " correspondent", " correspondents", " reporter", " reporters",
	    " staff" };
	const char *p, *q, *best = NULL;
	size_t i;

	if (strstr(s, "contributed") == NULL)
		return NULL;
	/* "The X Y’s": capitalised words after a sentence start. */
	for (p = s; (p = strstr(p, "The ")) != NULL; p += 4) {
		if (p != s && p[-1] != ' ')
			continue;
		for (q = p + 4; text_starts_upper(q);) {
			while (*q != '\0' && *q != ' ' && !possessive(q))
				q++;
			if (possessive(q))
				return xstrndup(p, (size_t)(q - p));
			if (*q != ' ')
				break;
			q++;
		}
	}
	/* "Outlet writer": the capitalised words right before a role. */
	for (i = 0; i < sizeof roles / sizeof roles[0] && best == NULL; i++) {
		const char *r = strstr(s, roles[i]);

		if (r == NULL || (r[strlen(roles[i])] != ' '))
			continue;
		for (p = r; p > s && p[-1] != '.' && p[-1] != ','; p--)
			;
		while (*p == ' ')
			p++;
		if (p < r && text_starts_upper(p))
			return xstrndup(p, (size_t)(r - p));
	}
	return NULL;
}

static void
set_clue(char **slot, char *value)
{
	if (*slot == NULL)
		*slot = value;
	else
		free(value);
}

/* Outlet clues are read before boilerplate removal, since copyright lines
 * are both boilerplate and the clearest statement of the outlet. */
static void
note_outlet_clues(struct parse *ps, const char *s)
{
	char *c;

	if (*s == '\0')
		return;
	if ((c = copyright_holder(s)) != NULL)
		set_clue(&ps->src_copyright, c);
	if ((c = contributor_outlet(s)) != NULL)
		set_clue(&ps->src_contrib, c);
}

/* Boilerplate rule: a paragraph that matches a pattern of the rules file
 * as a whole is dropped; so is one made only of separator characters. */
static bool
is_separator(const char *s)
{
	static const char *const seps[] = { "-", "_", "*", "=", "~", "#", "•",
	    "·", "—", "–", " ", ".", "+" };
	size_t i, k;

	if (*s == '\0')
		return true;
	while (*s != '\0') {
		for (i = 0; i < sizeof seps / sizeof seps[0]; i++) {
			k = strlen(seps[i]);
			if (strncmp(s, seps[i], k) == 0)
				break;
		}
		if (i == sizeof seps / sizeof seps[0])
			return false;
		s += k;
	}
	return true;
}

static bool
is_boilerplate(const struct import_rules *r, const char *s)
{
	locale_t saved;
	bool match;

	/* Boilerplate is short; long paragraphs skip the regex. */
	if (is_separator(s))
		return true;
	if (!r->has_boiler || strlen(s) >= 300)
		return false;
	saved = uselocale(r->c_locale);
	match = regexec(&r->boiler, s, 0, NULL, 0) == 0;
	uselocale(saved);
	return match;
}

/* Trailing stray separators after a sentence: "this report.-". */
static void
trim_stray(char *s)
{
	size_t n = strlen(s);

	while (n > 1 && (s[n - 1] == '-' || s[n - 1] == '_') &&
	    strchr(".!?\"”’)", s[n - 2]) != NULL)
		s[--n] = '\0';
}

/* The "(Name/Outlet)" credit at the end of s, if s ends with one.  A
 * credit is short and names an agency with a slash or "via". */
static const char *
trailing_credit(const char *s, size_t *credit_len)
{
	size_t n = strlen(s);
	const char *open;

	if (n < 4 || s[n - 1] != ')')
		return NULL;
	open = strrchr(s, '(');
	if (open == NULL || open == s || open[-1] != ' ')
		return NULL;
	*credit_len = (size_t)(s + n - 1 - (open + 1));
	if (*credit_len == 0 || *credit_len > CREDIT_MAX)
		return NULL;
	if (memchr(open, '/', *credit_len) == NULL && strstr(open, " via ") ==
	    NULL)
		return NULL;
	return open;
}

/* A closing "(…)" at the end of s, short enough to be a credit. */
static const char *
any_parenthesis(const char *s, size_t *len)
{
	size_t n = strlen(s);
	const char *open;

	if (n < 4 || s[n - 1] != ')' || (open = strrchr(s, '(')) == NULL ||
	    open == s || open[-1] != ' ')
		return NULL;
	*len = (size_t)(s + n - 1 - (open + 1));
	return *len > 0 && *len <= CREDIT_MAX ? open : NULL;
}

/* The length of the "Photo: " label s starts with, in the languages lede
 * knows, or 0.  Scraped pages keep a picture's caption as a paragraph
 * under such a label. */
static size_t
caption_label(const char *s)
{
	/* Not German "Bild:", which press reviews use for the paper. */
	static const char *const labels[] = { "Photo", "Picture", "Pictured",
	    "Image", "Foto", "Immagine", "Imagem", "Zdjęcie", "Fotoğraf",
	    "Фото", "Снимок", "صورة", "写真" };
	size_t i, n;

	for (i = 0; i < sizeof labels / sizeof labels[0]; i++) {
		n = strlen(labels[i]);
		if (strncasecmp(s, labels[i], n) != 0)
			continue;
		if (starts_with(s + n, ": ") || (s[n] == ':' && s[n + 1] ==
		    '\0'))
			return n + 1 + (s[n + 1] == ' ');
		if (starts_with(s + n, "："))
			return n + strlen("：");
	}
	return 0;
}

/* Whether t, the rest of a "Photo: " paragraph, is a credit and no
 * caption: "dpa", "Jane Roe/Reuters", "(Reuters)", "Meridian Press";
 * short, no sentence, and a slash or at most three words, all names
 * when more than one. */
static bool
is_credit_line(const char *t)
{
	size_t n = strlen(t), words = 1, names;
	const char *p;

	if (n == 0 || n > CREDIT_MAX || ends_sentence(t))
		return false;
	if ((t[0] == '(' && t[n - 1] == ')') || strchr(t, '/') != NULL)
		return true;
	names = text_starts_name(t);
	for (p = t; (p = strchr(p, ' ')) != NULL; p++) {
		words++;
		names += text_starts_name(p + 1);
	}
	/* Japanese, Chinese and Korean need no spaces: one "word" there
	 * is a caption.  (Lead bytes 0xE3-0xED: U+3000 to U+DFFF.) */
	for (p = t; *p != '\0'; p++)
		if ((unsigned char)*p >= 0xE3 && (unsigned char)*p <= 0xED)
			return false;
	return words == 1 || (words <= 3 && names == words);
}

/* The credit closing a labelled caption: "(Name)" or the full-width
 * "（Name）", starting with a name and not a party and state, "(R)" or
 * "(D-Ore.)".  Returns the credit and sets *cut to where the caption
 * text ends, or NULL. */
static char *
closing_credit(const char *t, size_t *cut)
{
	const char *open, *start;
	size_t n = strlen(t), len;

	if ((open = any_parenthesis(t, &len)) != NULL) {
		start = open + 1;
		*cut = (size_t)(open - 1 - t);
	} else if (ends_with(t, n, "）") && (open = strstr(t, "（")) !=
	    NULL) {
		const char *next;

		while ((next = strstr(open + 1, "（")) != NULL)
			open = next;
		start = open + strlen("（");
		len = (size_t)(t + n - strlen("）") - start);
		*cut = (size_t)(open - t);
		if (len == 0 || len > CREDIT_MAX || *cut == 0)
			return NULL;
	} else {
		return NULL;
	}
	if (!text_starts_name(start) || len < 2 || start[1] == '-')
		return NULL;
	return xstrndup(start, len);
}

/* A labelled credit alone, "(Reuters)" or "Jane Roe/Reuters", credits
 * the caption just above if that has none. */
static void
credit_above(struct article *a, const char *t)
{
	size_t n = strlen(t);
	struct caption *c;

	if (n > 1 && t[0] == '(' && t[n - 1] == ')') {
		t++;
		n -= 2;
	}
	if (a->ncaptions == 0 || n == 0)
		return;
	c = &a->captions[a->ncaptions - 1];
	if (c->credit == NULL)
		c->credit = xstrndup(t, n);
}

static bool
has_caption(const struct article *a, const char *text)
{
	size_t i;

	for (i = 0; i < a->ncaptions; i++)
		if (strcmp(a->captions[i].text, text) == 0)
			return true;
	return false;
}

/* Caption rules: "Caption TEXT Credit: WHO" paragraphs, short paragraphs
 * ending in a parenthesised agency credit, and short paragraphs under a
 * "Photo: " label (a closing parenthesis that starts with a name is then
 * the credit) leave the body for the caption list; the same caption is
 * stored once; and a paragraph repeating a caption's text without its
 * credit (scrapers keep the alt text too) is dropped as well. */
static void
take_captions(struct parse *ps, struct article *a)
{
	size_t i = 0, clen;
	bool after_caption = false;	/* the paragraph above was one */

	while (i < ps->n) {
		char *s = ps->p[i].text, *text = NULL, *credit = NULL;
		const char *open, *cr;

		if (starts_with(s, "Caption ") && (cr = strstr(s,
		    " Credit:")) != NULL) {
			const char *c;

			/* The last " Credit:" wins: caption text may quote
			 * the word. */
			while ((c = strstr(cr + 1, " Credit:")) != NULL)
				cr = c;
			/* In "Caption Credit: X" the space ending "Caption "
			 * also starts " Credit:": the text is empty, and cr
			 * lies one byte before it. */
			text = xstrndup(s + 8, cr > s + 8 ?
			    (size_t)(cr - (s + 8)) : 0);
			credit = text_squeeze(cr + 8);
			/* "(AP Photo/X) Credit: X": keep the richer agency
			 * credit only when the plain one says nothing.  In a
			 * Caption paragraph any closing parenthesis is the
			 * agency's, slash or not. */
			if ((open = trailing_credit(text, &clen)) != NULL ||
			    (open = any_parenthesis(text, &clen)) != NULL) {
				if (*credit == '\0' || strcasecmp(credit,
				    "Uncredited") == 0) {
					free(credit);
					credit = xstrndup(open + 1, clen);
				}
				text[open - 1 - text] = '\0';
			}
		} else if (text_chars_at_most(s, CAPTION_MAX) &&
		    (open = trailing_credit(s, &clen)) != NULL) {
			text = xstrndup(s, (size_t)(open - 1 - s));
			credit = xstrndup(open + 1, clen);
		} else if (text_chars_at_most(s, CAPTION_MAX) &&
		    (clen = caption_label(s)) > 0) {
			size_t cut;

			text = xstrdup(s + clen);
			if (is_credit_line(text)) {
				if (after_caption)
					credit_above(a, text);
				text[0] = '\0';
				credit = xstrdup("");
			} else if ((credit = closing_credit(text, &cut)) !=
			    NULL) {
				text[cut] = '\0';
			} else {
				credit = xstrdup("");
			}
		}
		if (text == NULL) {
			after_caption = false;
			i++;
			continue;
		}
		if (*text != '\0' && !has_caption(a, text))
			article_add_caption(a, text, *credit ? credit : NULL);
		free(text);
		free(credit);
		para_remove(ps, i);
		after_caption = true;
	}
	for (i = 0; i < ps->n;) {
		if (has_caption(a, ps->p[i].text))
			para_remove(ps, i);
		else
			i++;
	}
}

/* "By " and its equivalents in the languages lede knows; the length of
 * the one s starts with, or 0. */
static size_t
byline_prefix(const char *s)
{
	static const char *const prefixes[] = { "By ", "Von ", "Par ",
	    "Por ", "Di ", "Door ", "Autor: ", "Autorka: ", "Автор: ",
	    "Muhabir: ", "بقلم: ", "بقلم ", "كتب: ", "كتبت: " };
	size_t i;

	for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (starts_with(s, prefixes[i]))
			return strlen(prefixes[i]);
	return 0;
}

/* Whether s (after a byline's comma) is the writer's role, "Science
 * Correspondent", rather than an outlet: its last word says so. */
static bool
is_role(const char *s)
{
	static const char *const roles[] = { "correspondent", "reporter",
	    "editor", "writer", "columnist", "contributor", "staff",
	    "analyst", "producer", "critic", "chief", "desk" };
	const char *last = strrchr(s, ' ');
	size_t i;

	last = last != NULL ? last + 1 : s;
	for (i = 0; i < sizeof roles / sizeof roles[0]; i++)
		if (strcasecmp(last, roles[i]) == 0)
			return true;
	return false;
}

/* Whether the n bytes at w are one of the count words of list. */
static bool
word_in(const char *const *list, size_t count, const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
			return true;
	return false;
}

/* Whether the n bytes at w are a word that joins names in a byline: "and",
 * "van der", "in" (a place follows) and their kin. */
static bool
is_name_particle(const char *w, size_t n)
{
	static const char *const particles[] = { "and", "the", "with", "in",
	    "und", "mit", "et", "avec", "y", "e", "i", "en", "ve", "con",
	    "com", "и", "van", "der", "den", "de", "del", "della", "la", "le",
	    "da", "das", "dos", "do", "di", "du", "von", "zu", "ter", "ten",
	    "al", "el", "bin", "ibn" };

	return word_in(particles, sizeof particles / sizeof particles[0], w,
	    n);
}

/* Whether s, after "By ", reads as names: up to a comma, a spaced dash
 * or a bar (the outlet or the role), every word a name, a particle or an
 * address, and no quotation or colon.  "By Friday, the council said"
 * and "Di Maio ha detto: «...»" are sentences. */
static bool
names_only(const char *s)
{
	const char *w = s, *e;

	for (;;) {
		for (e = w; *e != '\0' && *e != ' ' && *e != ','; e++)
			if (strchr(":;?!\"", *e) != NULL ||
			    starts_with(e, "«") || starts_with(e, "»") ||
			    starts_with(e, "“") || starts_with(e, "„"))
				return false;
		/* "| Outlet", "/ Outlet", "• Outlet" end the names. */
		if (e - w == 1 && strchr("|/", *w) != NULL)
			return true;
		if (starts_with(w, "•") || starts_with(w, "·"))
			return true;
		if (e > w && !text_starts_name(w) && !is_name_particle(w,
		    (size_t)(e - w)) && memchr(w, '@', (size_t)(e - w)) ==
		    NULL)
			return false;
		if (*e == '\0')
			return true;
		if (*e == ',') {
			/* An outlet, a role or more names follow. */
			e += e[1] == ' ' ? 2 : 1;
			return text_starts_name(e) || is_role(e);
		}
		w = e + 1;
		if (dash_len(e) > 0)
			return true;	/* " – Outlet" */
	}
}

/* Whether paragraph s is a byline: "By " and names, short, and no
 * sentence.  The length of its prefix, or 0. */
static size_t
is_byline(const char *s)
{
	size_t plen = byline_prefix(s);

	if (plen == 0 || !text_chars_at_most(s, BYLINE_MAX) ||
	    !(text_starts_name(s + plen) || starts_with(s + plen, "the ")) ||
	    ends_sentence(s) || !names_only(s + plen))
		return 0;
	return plen;
}

/* Byline rule: "By NAME[ and NAME][ – Outlet|, Outlet]" among the first
 * paragraphs.  The names are kept; the outlet becomes a clue.  A role
 * after the comma ("By Ann Lee, Science Correspondent") is no outlet:
 * the byline keeps it. */
static bool
take_byline(struct parse *ps, size_t i, struct article *a)
{
	const char *s = ps->p[i].text, *e, *sep = NULL;
	size_t k, plen;

	if ((plen = is_byline(s)) == 0)
		return false;
	s += plen - 3;	/* the code below skips a three-byte "By " */
	for (e = s + 3; *e != '\0'; e++) {
		if ((k = dash_len(e)) > 0 && e[0] == ' ') {
			sep = e;
			set_clue(&ps->src_byline, xstrdup(e + k));
			break;
		}
		if (starts_with(e, " | ") && e[3] != '\0') {
			sep = e;
			set_clue(&ps->src_byline, xstrdup(e + 3));
			break;
		}
		if (e[0] == ',' && e[1] == ' ' && text_starts_upper(e + 2) &&
		    strchr(e + 2, ',') == NULL && strstr(e + 2, " and ") ==
		    NULL) {
			if (is_role(e + 2))
				break;
			sep = e;
			set_clue(&ps->src_byline, xstrdup(e + 2));
			break;
		}
	}
	a->byline = sep ? xstrndup(s + 3, (size_t)(sep - (s + 3))) :
	    xstrdup(s + 3);
	para_remove(ps, i);
	return true;
}

/* The Japanese dateline "【place＝agency】" (the agency is optional). */
static bool
take_bracket_dateline(struct parse *ps, char *s, struct article *a)
{
	char *close, *eq;

	/* Nothing after it: the paragraph is text, not a dateline (as
	 * for "MOSCOW (AP) —" alone), or the body would be empty. */
	if (!starts_with(s, "【") || (close = strstr(s, "】")) == NULL ||
	    close - s > 80 || close[strlen("】")] == '\0')
		return false;
	eq = strstr(s, "＝");
	if (eq != NULL && eq < close) {
		a->dateline = xstrndup(s + strlen("【"), (size_t)(eq - s -
		    strlen("【")));
		set_clue(&ps->src_dateline, xstrndup(eq + strlen("＝"),
		    (size_t)(close - eq - strlen("＝"))));
	} else {
		a->dateline = xstrndup(s + strlen("【"), (size_t)(close - s -
		    strlen("【")));
	}
	close += strlen("】");
	memmove(s, close, strlen(close) + 1);
	return true;
}

/* Whether the n bytes at s are a date as wires write it before their
 * code, with no place: "Oct 24", "Sept. 3". */
static bool
is_month_day(const char *s, size_t n)
{
	size_t i = 0, letters, digits;

	if (n == 0 || !isupper((unsigned char)s[0]))
		return false;
	while (i < n && isalpha((unsigned char)s[i]))
		i++;
	letters = i;
	if (i < n && s[i] == '.')
		i++;
	if (letters < 3 || letters > 9 || i >= n || s[i++] != ' ')
		return false;
	for (digits = 0; i < n && isdigit((unsigned char)s[i]); i++)
		digits++;
	return i == n && digits >= 1 && digits <= 2;
}

/* Dateline rule: the first body paragraph may open with an upper-case
 * place ("MOSCOW", "KYIV, Ukraine"), an optional agency code "(AP)",
 * after a state's code if there are two ("(DF) (Reuters)"), and a
 * dash.  The place is kept, the code is an outlet clue, and the prefix
 * leaves the paragraph.  A date in place of the place, "Oct 24
 * (Reuters) -", goes too, with its code.  True if a prefix went. */
static bool
take_dateline(struct parse *ps, size_t i, struct article *a)
{
	char *s = ps->p[i].text, *place_end, *comma, *p, *rest;
	char *code = NULL, *region_end = NULL;
	size_t k;
	bool dated;

	if (take_bracket_dateline(ps, s, a))
		return true;
	for (p = s; *p != '\0' && p - s <= 60; p += text_charlen(p)) {
		if (*p == '(' || ((k = dash_len(p)) > 0 && *p == ' '))
			break;
	}
	if (p == s || *p == '\0' || p - s > 60)
		return false;
	place_end = p;
	while (place_end > s && place_end[-1] == ' ')
		place_end--;
	comma = memchr(s, ',', (size_t)(place_end - s));
	dated = *p == '(' && is_month_day(s, (size_t)(place_end - s));
	if (!dated && !text_is_upper(s, (size_t)((comma ? comma : place_end) -
	    s)))
		return false;
	if (*p == '(') {
		char *close = strchr(p, ')');

		if (close == NULL || close - p > 24)
			return false;
		/* "BRASÍLIA (DF) (Reuters) –": the first names the state. */
		if (close[1] == ' ' && close[2] == '(' && !dated) {
			char *second = strchr(close + 2, ')');

			if (second == NULL || second - (close + 2) > 24)
				return false;
			region_end = close + 1;
			p = close + 2;
			close = second;
		}
		code = xstrndup(p + 1, (size_t)(close - p - 1));
		p = close + 1;
	}
	if ((k = dash_len(p)) == 0 || (*p != ' ' && code == NULL)) {
		free(code);
		return false;
	}
	rest = p + k;
	if (*rest == '\0') {
		free(code);
		return false;
	}
	if (!dated)
		a->dateline = xstrndup(s, (size_t)((region_end ? region_end :
		    place_end) - s));
	if (code != NULL) {
		ps->dateline_code = ps->src_dateline == NULL &&
		    region_end == NULL;
		set_clue(&ps->src_dateline, code);
	}
	memmove(s, rest, strlen(rest) + 1);
	return true;
}

/* Whether paragraph i opens with a dateline, asked of a scratch copy so
 * that nothing is taken. */
static bool
opens_with_dateline(const struct parse *ps, size_t i)
{
	struct para one = { xstrdup(ps->p[i].text), ps->p[i].line };
	struct parse tmp = { .rules = ps->rules, .p = &one, .n = 1 };
	struct article *scratch = article_new();
	bool yes = take_dateline(&tmp, 0, scratch);

	free(one.text);
	free(tmp.src_dateline);
	article_free(scratch);
	return yes;
}

static bool
is_abbreviation(const char *word, size_t n)
{
	static const char *const abbr[] = { "Mr", "Mrs", "Ms", "Dr", "St",
	    "Jr", "Sr", "Gen", "Gov", "Sen", "Rep", "Lt", "Col", "Capt",
	    "Sgt", "Prof", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
	    "Sep", "Sept", "Oct", "Nov", "Dec", "No", "vs", "etc", "Inc",
	    "Corp", "Co", "Ltd", "Mt", "Ft", "Rev", "approx" };

	if (n == 1 || memchr(word, '.', n) != NULL)
		return true;	/* "M.", "U.S." */
	return word_in(abbr, sizeof abbr / sizeof abbr[0], word, n);
}

/* Byte length of the first sentence of s: up to ., ! or ? (with closing
 * quotes) followed by a space and an upper-case letter or opening quote,
 * unless the period ends an abbreviation; or up to an ideographic or
 * full-width 。, ！ or ？, which need no space. */
static size_t
first_sentence(const char *s)
{
	const char *p, *w, *q;

	for (p = s; *p != '\0'; p++) {
		/* Ideographic and full-width ends need no space after. */
		if (starts_with(p, "。") || starts_with(p, "！") ||
		    starts_with(p, "？"))
			return (size_t)(p - s) + strlen("。");
		if (*p != '.' && *p != '!' && *p != '?')
			continue;
		q = p + 1;
		while (*q != '\0' && *q != ' ')
			q++;	/* closing quotes, brackets */
		if (*q != ' ' || !(text_starts_upper(q + 1) ||
		    starts_with(q + 1, "“") || q[1] == '"' ||
		    starts_with(q + 1, "‘")))
			continue;
		if (*p == '.') {
			for (w = p; w > s && w[-1] != ' '; w--)
				;
			if (is_abbreviation(w, (size_t)(p - w)))
				continue;
		}
		return (size_t)(q - s);
	}
	return strlen(s);
}

/* Title rule: without a headline, the lead sentence is the title,
 * shortened at a word boundary. */
static char *
lead_title(const char *para)
{
	char *sent = xstrndup(para, first_sentence(para));
	char *t = text_shorten(sent, TITLE_COLS);

	free(sent);
	return t;
}

/* Whether paragraph i opens the article as a headline (or, after one,
 * as a dek).  A short line that a byline follows is one whatever its
 * shape, for no lead is followed by its byline: "Is the crane safe?",
 * "iPhone maker opens plant" (a lead that a dateline opens may be, and
 * is no headline).  Otherwise a headline ends no sentence and starts as
 * a heading may. */
static bool
is_headline(const struct parse *ps, size_t i)
{
	const char *s = ps->p[i].text;

	if (!text_chars_at_most(s, HEADLINE_MAX) || byline_prefix(s) != 0)
		return false;
	if (i + 1 < ps->n && is_byline(ps->p[i + 1].text) > 0 &&
	    !opens_with_dateline(ps, i))
		return true;
	return !ends_sentence(s) && text_starts_heading(s);
}

/* Language rule: the stopword list with the most hits among the first
 * words of the body, 60 when one list leads clearly and up to 200 when
 * not; scripts without spaces are recognised by script. */
#define LANG_WORDS 200	/* at most */
#define LANG_SURE_WORDS 60	/* enough when the leader has LANG_SURE_HITS */
#define LANG_SURE_HITS 8

struct lang_count {
	const struct import_rules *r;
	size_t	hits[16];
	size_t	best;		/* the most hits of any language */
	size_t	words;
};

static int
count_stopword(const char *w, size_t n, void *ctx)
{
	struct lang_count *lc = ctx;
	uint32_t langs;
	size_t second, leaders;
	char *low;
	int i;

	/* Stopwords are short: a long word cannot be one. */
	if (n <= 16) {
		low = text_word_key(w, n);
		langs = sim_lexicon_stop_langs(lc->r->lex, low, strlen(low));
		free(low);
		for (i = 0; langs != 0; i++, langs >>= 1)
			if ((langs & 1) && ++lc->hits[i] > lc->best)
				lc->best = lc->hits[i];
	}
	/* A lead full of names, or a quotation in another language, gives
	 * no clear leader: read on, up to a limit. */
	++lc->words;
	if (lc->words >= LANG_WORDS)
		return 1;
	if (lc->words < LANG_SURE_WORDS || lc->best < LANG_SURE_HITS)
		return 0;
	for (i = 0, second = 0, leaders = 0; i < 16; i++) {
		if (lc->hits[i] == lc->best)
			leaders++;
		else if (lc->hits[i] > second)
			second = lc->hits[i];
	}
	return leaders == 1 && lc->best >= 3 * second;
}

static char *
detect_language(const struct import_rules *r, const char *body)
{
	struct lang_count lc = { .r = r };
	size_t han = 0, kana = 0, hangul = 0, letters = 0, i, best = 0,
	    besti = 0, n;
	const uint8_t *p, *end;
	ucs4_t uc;
	int len;

	/* Enough text to decide, cut at a character boundary. */
	n = strlen(body);
	if (n > 1500) {
		n = 1500;
		while (n > 0 && ((unsigned char)body[n] & 0xC0) == 0x80)
			n--;
	}
	end = (const uint8_t *)body + n;
	for (p = (const uint8_t *)body; p < end; p += len) {
		if (*p < 0x80) {
			len = 1;
			letters += (*p | 0x20) >= 'a' && (*p | 0x20) <= 'z';
			continue;
		}
		len = u8_mbtouc(&uc, p, (size_t)(end - p));
		if (len <= 0) {
			len = 1;
			continue;
		}
		if (!uc_is_alpha(uc))
			continue;
		letters++;
		if (uc_is_property_ideographic(uc))
			han++;
		else if (uc >= 0x3040 && uc <= 0x30FF)
			kana++;
		else if (uc >= 0xAC00 && uc <= 0xD7AF)
			hangul++;
	}
	if (letters > 0 && (han + kana + hangul) * 3 > letters) {
		if (hangul > han + kana)
			return xstrdup("ko");
		return xstrdup(kana > 0 ? "ja" : "zh");
	}
	text_words(body, n, count_stopword, &lc);
	for (i = 0; i < (size_t)sim_lexicon_nlangs(r->lex); i++)
		if (lc.hits[i] > best) {
			best = lc.hits[i];
			besti = i;
		}
	/* A handful of hits in a short text is noise, not a language. */
	if (best < 3 || best * 20 < lc.words)
		return NULL;
	return xstrdup(sim_lexicon_lang_code(r->lex, (int)besti));
}

/* Whether a dateline's code names a region rather than an outlet: two
 * capitals in a Portuguese or Italian article, whose papers write "SÃO
 * PAULO (SP) –" and "BERGAMO (BG) –" and give their agencies' longer
 * names ("(ANSA)", "(Agência Brasil)").  Elsewhere "(AP)" is the wire. */
static bool
is_region(const char *language, const char *code)
{
	return language != NULL && (strcmp(language, "pt") == 0 ||
	    strcmp(language, "it") == 0) && strlen(code) == 2 &&
	    isupper((unsigned char)code[0]) && isupper((unsigned char)code[1]);
}

static char *
canonical_source(const struct import_rules *r, const char *clue)
{
	const char *known = import_rules_source(r, clue);

	return xstrdup(known ? known : clue);
}

static void
parse_free(struct parse *ps)
{
	size_t i;

	for (i = 0; i < ps->n; i++)
		free(ps->p[i].text);
	free(ps->p);
	free(ps->src_byline);
	free(ps->src_dateline);
	free(ps->src_copyright);
	free(ps->src_contrib);
}

int
import_text_parse(const struct import_rules *r, const char *label,
    const char *buf, size_t len, struct article **out, import_warn_fn warn,
    void *ctx, char **err)
{
	struct parse ps = { .rules = r, .label = label, .warn = warn,
	    .ctx = ctx };
	struct article *a = NULL;
	struct strbuf body = { 0 };
	char *utf8 = NULL, *clean = NULL, *nfc = NULL, *w;
	const char *nul;
	const char *clue;
	size_t i;
	bool dated = false;	/* a dateline prefix went */
	int rc = -1;

	*out = NULL;
	if (len == 0) {
		*err = xasprintf(_("%s: empty file"), label);
		goto out;
	}
	/* Notepad's "Unicode": every other byte NUL, which would say only
	 * "binary file". */
	if (len >= 2 && ((buf[0] == '\xff' && buf[1] == '\xfe') ||
	    (buf[0] == '\xfe' && buf[1] == '\xff'))) {
		*err = xasprintf(_("%s:1: UTF-16 text, not UTF-8 (convert it, "
		    "e.g. with iconv -f UTF-16 -t UTF-8)"), label);
		goto out;
	}
	if ((nul = memchr(buf, '\0', len)) != NULL) {
		const char *p;
		size_t no = 1;

		/* The line too, as for every other complaint about a file:
		 * an editor goes to a line, not to a byte offset. */
		for (p = buf; p < nul; p++)
			no += *p == '\n';
		*err = xasprintf(_("%s:%zu: binary file (NUL byte at offset "
		    "%zu)"), label, no, (size_t)(nul - buf));
		goto out;
	}
	/* Each bad line is reported once, by the one repair. */
	text_repair_utf8(buf, len, &utf8, warn != NULL ? bad_utf8 : NULL, &ps);
	/* CR LF and lone CR end lines too. */
	for (w = utf8; (w = strchr(w, '\r')) != NULL; w++)
		*w = w[1] == '\n' ? ' ' : '\n';
	clean = text_sanitize(utf8, TEXT_KEEP_NEWLINES);
	nfc = text_nfc(clean);

	a = article_new();
	split_paragraphs(&ps, nfc, &a->published);
	for (i = 0; i < ps.n; i++)
		trim_stray(ps.p[i].text);
	take_captions(&ps, a);

	/* Headline, dek and byline, in the order they occur at the top. */
	if (ps.n > 0)
		take_byline(&ps, 0, a);
	if (ps.n >= 3 && is_headline(&ps, 0)) {
		a->title = xstrdup(ps.p[0].text);
		para_remove(&ps, 0);
		if (ps.n >= 2 && is_headline(&ps, 0)) {
			char *tmp = xstrdup(ps.p[0].text);

			/* A dek is not a dateline paragraph. */
			dated = take_dateline(&ps, 0, a);
			if (!dated) {
				a->dek = tmp;
				para_remove(&ps, 0);
			} else {
				free(tmp);
			}
		}
	}
	/* A standfirst written as sentences, then the byline: that
	 * paragraph is the dek, not the lead (which a dateline opens). */
	if (a->title != NULL && a->dek == NULL && a->byline == NULL &&
	    ps.n >= 3 && text_chars_at_most(ps.p[0].text, DEK_MAX) &&
	    is_byline(ps.p[1].text) > 0 && !opens_with_dateline(&ps, 0)) {
		a->dek = xstrdup(ps.p[0].text);
		para_remove(&ps, 0);
	}
	if (a->byline == NULL && ps.n > 0)
		take_byline(&ps, 0, a);
	if (ps.n > 0 && !dated)
		take_dateline(&ps, 0, a);

	if (ps.n == 0) {
		*err = xasprintf(_("%s: no article text (only a header, "
		    "captions or boilerplate)"), label);
		goto out;
	}
	for (i = 0; i < ps.n; i++) {
		if (*ps.p[i].text == '\0')
			continue;
		if (body.len > 0)
			strbuf_adds(&body, "\n\n");
		strbuf_adds(&body, ps.p[i].text);
	}
	a->body = strbuf_steal(&body);
	if (a->title == NULL)
		a->title = lead_title(ps.p[0].text);
	a->language = detect_language(r, a->body);
	if (ps.src_dateline != NULL && ps.dateline_code &&
	    a->dateline != NULL && is_region(a->language, ps.src_dateline)) {
		/* "SÃO JOAQUIM (MG) –": the code names the state. */
		char *place = xasprintf("%s (%s)", a->dateline,
		    ps.src_dateline);

		free(a->dateline);
		a->dateline = place;
		free(ps.src_dateline);
		ps.src_dateline = NULL;
	}
	clue = ps.src_byline ? ps.src_byline : ps.src_dateline ?
	    ps.src_dateline : ps.src_copyright ? ps.src_copyright :
	    ps.src_contrib;
	if (clue != NULL)
		a->source = canonical_source(r, clue);
	*out = a;
	a = NULL;
	rc = 0;
out:
	parse_free(&ps);
	strbuf_fini(&body);
	article_free(a);
	free(utf8);
	free(clean);
	free(nfc);
	return rc;
}
