/* query: see query.h.  Three stages: a lexer that cuts the text into
 * tokens with their positions, a recursive-descent parser that builds a
 * tree (errors carry the offending token's position), and a compiler
 * that turns the tree into one FTS5 expression plus SQL. */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "article.h"
#include "i18n.h"
#include "query.h"
#include "text.h"
#include "util.h"

#define DAY	86400

enum tok_kind {
	T_END,
	T_LPAREN,
	T_RPAREN,
	T_AND,
	T_OR,
	T_NOT,
	T_MINUS,	/* "-" glued to the term after it */
	T_TERM,		/* a word, "phrase" or field:value */
};

struct tok {
	enum tok_kind	 kind;
	size_t		 pos;		/* byte offset in the query */
	char		*field;		/* "since" of since:x, or NULL */
	char		*value;		/* the word or phrase, unquoted */
	bool		 quoted;
	bool		 prefix;	/* ended in '*' */
};

enum node_kind {
	N_AND,
	N_OR,
	N_NOT,
	N_TEXT,		/* words for the full-text index */
	N_SQL,		/* a filter */
};

struct node {
	enum node_kind	 kind;
	struct node	*a, *b;		/* AND, OR: both; NOT: a */
	char		*s;		/* TEXT: FTS5 expression; SQL: SQL */
	bool		 dated;		/* SQL: dated articles in [from, to) */
	int64_t		 from, to;
};

struct query {
	char			*match;
	char			*where;
	bool			 dated;		/* see query_dated */
	int64_t			 from, to;
	struct query_param	*params;
	size_t			 nparams;
	struct query_term	*terms;
	size_t			 nterms;
	/* parser state */
	const char		*text;
	struct tok		*toks;
	size_t			 ntoks, at;
	unsigned		 depth;		/* NOT, - and ( being parsed */
	unsigned		 leaves;	/* terms parsed */
	int64_t			 now;
	const struct query_env	*env;		/* NULL: none */
	char			*err;
	size_t			 errpos;
};

/* ---- errors ------------------------------------------------------------ */

/* Record the first error.  The message quotes the user's text, so it is
 * cleaned of anything a terminal would act on. */
static int
syntax(struct query *q, size_t pos, const char *fmt, ...) LEDE_PRINTF(3, 4);

static int
syntax(struct query *q, size_t pos, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (q->err == NULL) {
		va_start(ap, fmt);
		msg = xvasprintf(fmt, ap);
		va_end(ap);
		q->err = text_sanitize(msg, 0);
		q->errpos = pos;
		free(msg);
	}
	return -1;
}

/* 1-based column, in characters, of byte offset pos. */
static size_t
column_of(const char *s, size_t pos)
{
	size_t i, col = 1;

	for (i = 0; i < pos && s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			col++;
	return col;
}

/* ---- lexer ------------------------------------------------------------- */

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool
ends_bare(char c)
{
	return c == '\0' || is_space(c) || c == '(' || c == ')' || c == '"';
}

/* A quoted string at s (which points at the opening quote). */
static int
lex_quoted(struct query *q, const char **s, struct tok *t)
{
	const char *start = *s + 1, *end = strchr(start, '"');

	if (end == NULL)
		return syntax(q, (size_t)(*s - q->text),
		    _("unterminated quotation: %s"), *s);
	t->value = xstrndup(start, (size_t)(end - start));
	t->quoted = true;
	*s = end + 1;
	if (**s == '*') {
		t->prefix = true;
		(*s)++;
	}
	return 0;
}

static int
count_token(const struct text_token *t, void *ctx)
{
	(void)t;
	(*(size_t *)ctx)++;
	return 1;
}

static bool
has_token(const char *s)
{
	size_t n = 0;

	text_tokens(s, strlen(s), count_token, &n);
	return n > 0;
}

static int
lex(struct query *q)
{
	const char *s = q->text, *start, *colon;
	struct tok t;
	size_t cap = 0;

	for (;;) {
		while (is_space(*s))
			s++;
		memset(&t, 0, sizeof t);
		t.pos = (size_t)(s - q->text);
		if (*s == '\0') {
			t.kind = T_END;
		} else if (*s == '(' || *s == ')') {
			t.kind = *s == '(' ? T_LPAREN : T_RPAREN;
			s++;
		} else if (*s == '-' && s[1] != '\0' && !is_space(s[1]) &&
		    s[1] != ')' && s[1] != '-') {
			t.kind = T_MINUS;
			s++;
		} else if (*s == '"') {
			t.kind = T_TERM;
			if (lex_quoted(q, &s, &t) != 0)
				return -1;
		} else {
			start = s;
			while (!ends_bare(*s))
				s++;
			t.kind = T_TERM;
			colon = memchr(start, ':', (size_t)(s - start));
			if (colon != NULL && colon > start &&
			    isalpha((unsigned char)*start)) {
				const char *c;

				for (c = start; c < colon &&
				    isalpha((unsigned char)*c); c++)
					;
				if (c == colon)
					t.field = xstrndup(start,
					    (size_t)(colon - start));
			}
			if (t.field != NULL && colon + 1 == s && *s == '"') {
				if (lex_quoted(q, &s, &t) != 0) {
					free(t.field);
					return -1;
				}
			} else {
				if (t.field != NULL)
					start = colon + 1;
				t.value = xstrndup(start, (size_t)(s - start));
			}
			if (t.field == NULL && !t.quoted) {
				if (strcasecmp(t.value, "and") == 0)
					t.kind = T_AND;
				else if (strcasecmp(t.value, "or") == 0)
					t.kind = T_OR;
				else if (strcasecmp(t.value, "not") == 0)
					t.kind = T_NOT;
			}
			if (t.kind == T_TERM && !t.quoted) {
				size_t n = strlen(t.value);

				if (n > 0 && t.value[n - 1] == '*') {
					t.value[n - 1] = '\0';
					t.prefix = true;
				}
			}
		}
		/* Bare punctuation ("--", "–", "');") is no word to look
		 * for: leave it out, as a search engine would. */
		if (t.kind == T_TERM && t.field == NULL && !t.quoted &&
		    !has_token(t.value)) {
			free(t.value);
			continue;
		}
		if (q->ntoks == cap) {
			cap = cap ? cap * 2 : 16;
			q->toks = xreallocarray(q->toks, cap, sizeof *q->toks);
		}
		q->toks[q->ntoks++] = t;
		if (t.kind == T_END)
			return 0;
	}
}

/* ---- leaves ------------------------------------------------------------ */

static struct node *
node_new(enum node_kind kind, struct node *a, struct node *b, char *s)
{
	struct node *n = xcalloc(1, sizeof *n);

	n->kind = kind;
	n->a = a;
	n->b = b;
	n->s = s;
	return n;
}

static void
node_free(struct node *n)
{
	if (n == NULL)
		return;
	node_free(n->a);
	node_free(n->b);
	free(n->s);
	free(n);
}

/* Name a new parameter; its value is the query's from now on. */
static char *
param(struct query *q, const char *text, int64_t num)
{
	struct query_param *p;

	q->params = xreallocarray(q->params, q->nparams + 1,
	    sizeof *q->params);
	p = &q->params[q->nparams++];
	p->is_text = text != NULL;
	p->text = text != NULL ? xstrdup(text) : NULL;
	p->num = num;
	return xasprintf(":q%zu", q->nparams);
}

struct keys {
	struct strbuf	 b;
	size_t		 n;
	struct query	*q;
	bool		 highlight;
};

static int
add_key(const struct text_token *t, void *ctx)
{
	struct keys *k = ctx;
	struct query *q = k->q;

	if (k->n++ > 0)
		strbuf_addc(&k->b, ' ');
	strbuf_add(&k->b, t->key, t->keylen);
	if (k->highlight) {
		q->terms = xreallocarray(q->terms, q->nterms + 1,
		    sizeof *q->terms);
		q->terms[q->nterms].key = xstrndup(t->key, t->keylen);
		q->terms[q->nterms++].prefix = false;
	}
	return 0;
}

/* Words for the index: an FTS5 phrase of the value's keys, which hold
 * only letters, marks and digits, so quoting cannot be escaped. */
static struct node *
text_leaf(struct query *q, const struct tok *t, const char *column,
    bool negated)
{
	struct keys k = { .q = q, .highlight = !negated };
	struct strbuf fts = { 0 };
	size_t first = q->nterms;

	text_tokens(t->value, strlen(t->value), add_key, &k);
	if (k.n == 0) {
		strbuf_fini(&k.b);
		syntax(q, t->pos, _("\"%s\" has no letters or digits to search "
		    "for"), t->value);
		return NULL;
	}
	if (column != NULL)
		strbuf_addf(&fts, "{%s} : ", column);
	strbuf_addf(&fts, "\"%s\"%s", k.b.len ? k.b.s : "",
	    t->prefix ? "*" : "");
	if (t->prefix && q->nterms > first)
		q->terms[q->nterms - 1].prefix = true;
	strbuf_fini(&k.b);
	return node_new(N_TEXT, NULL, NULL, strbuf_steal(&fts));
}

static int64_t
day_start(int64_t t)
{
	return t - ((t % DAY) + DAY) % DAY;
}

/* A point in time: YYYY-MM-DD (UTC), today, yesterday, or an age back from
 * now such as -7d / 7d (units h, d, w, m = 30 days, y = 365 days).
 * *is_day says whether it names a calendar day; *in_days whether it is
 * an age counted in days or longer. */
static int
parse_time(struct query *q, const char *s, int64_t *t, bool *is_day,
    bool *in_days)
{
	static const struct {
		char	unit;
		int64_t	seconds;
	} units[] = {
		{ 'h', 3600 }, { 'd', DAY }, { 'w', 7 * DAY },
		{ 'm', 30 * DAY }, { 'y', 365 * DAY },
	};
	struct tm tm;
	char *end;
	long long n;
	size_t i;

	*is_day = true;
	*in_days = false;
	if (strcasecmp(s, "today") == 0) {
		*t = day_start(q->now);
		return 0;
	}
	if (strcasecmp(s, "yesterday") == 0) {
		*t = day_start(q->now) - DAY;
		return 0;
	}
	memset(&tm, 0, sizeof tm);
	end = strptime(s, "%Y-%m-%d", &tm);
	if (end != NULL && *end == '\0' && strlen(s) == 10) {
		int y = tm.tm_year, m = tm.tm_mon, d = tm.tm_mday;

		*t = (int64_t)timegm(&tm);
		/* strptime takes 2022-02-31; timegm would roll it over. */
		gmtime_r(&(time_t){ (time_t)*t }, &tm);
		if (tm.tm_year == y && tm.tm_mon == m && tm.tm_mday == d)
			return 0;
		return -1;
	}
	*is_day = false;
	if (*s == '-')
		s++;
	if (!isdigit((unsigned char)*s))
		return -1;
	n = strtoll(s, &end, 10);
	if (n < 0 || n > 100000 || end[0] == '\0' || end[1] != '\0')
		return -1;
	for (i = 0; i < sizeof units / sizeof units[0]; i++)
		if (tolower((unsigned char)*end) == units[i].unit) {
			*t = q->now - (int64_t)n * units[i].seconds;
			*in_days = units[i].seconds >= DAY;
			return 0;
		}
	return -1;
}

/* published in [from, to): dated articles only.  For them sort_time
 * is published held within ARTICLE_SORT_MIN/MAX, so a bound in that
 * range is tested on sort_time alone, which the index of dated articles
 * holds: no row is read (a count of 34,000 articles since a date read
 * them all, 160 ms; now 3 ms).  A bound beyond it is tested on
 * published alone. */
static struct node *
time_leaf(struct query *q, int64_t from, int64_t to)
{
	struct node *n;
	char *pf = NULL, *pt = NULL, *sql;
	bool pub_from, pub_to;

	if (from != INT64_MIN)
		pf = param(q, NULL, from);
	if (to != INT64_MAX)
		pt = param(q, NULL, to);
	pub_from = pf != NULL && (from < ARTICLE_SORT_MIN ||
	    from > ARTICLE_SORT_MAX);
	pub_to = pt != NULL && (to < ARTICLE_SORT_MIN ||
	    to > ARTICLE_SORT_MAX);
	sql = xasprintf("(a.published IS NOT NULL%s%s%s%s)", pf == NULL ? "" :
	    pub_from ? " AND a.published >= " : " AND a.sort_time >= ",
	    pf ? pf : "", pt == NULL ? "" : pub_to ? " AND a.published < " :
	    " AND a.sort_time < ", pt ? pt : "");
	free(pf);
	free(pt);
	n = node_new(N_SQL, NULL, NULL, sql);
	n->dated = true;
	n->from = from;
	n->to = to;
	return n;
}

static const char date_help[] = N_("\"%s\" is not a date (use YYYY-MM-DD, "
    "today, yesterday, or an age such as -7d)");

static struct node *
date_leaf(struct query *q, const struct tok *t)
{
	bool is_day, in_days;
	int64_t at;

	if (parse_time(q, t->value, &at, &is_day, &in_days) != 0) {
		syntax(q, t->pos + strlen(t->field) + 1, _(date_help),
		    t->value);
		return NULL;
	}
	/* -7d is a day, as yesterday is: most articles carry a date, not
	 * a time, and since:-1d taken as a moment left out yesterday's,
	 * which since:yesterday takes. */
	if (in_days) {
		at = day_start(at);
		is_day = true;
	}
	if (strcasecmp(t->field, "since") == 0)
		return time_leaf(q, at, INT64_MAX);
	if (strcasecmp(t->field, "until") == 0)
		return time_leaf(q, INT64_MIN, is_day ? at + DAY : at);
	at = day_start(at);	/* on: the whole day */
	return time_leaf(q, at, at + DAY);
}

/* age:<3d (newer than), age:>3d (older than); a bare age means newer. */
static struct node *
age_leaf(struct query *q, const struct tok *t)
{
	const char *v = t->value;
	bool older = false, is_day, in_days;
	int64_t at;

	if (*v == '<' || *v == '>')
		older = *v++ == '>';
	if (*v == '-' || parse_time(q, v, &at, &is_day, &in_days) != 0 ||
	    is_day) {
		syntax(q, t->pos + 4, _("\"%s\" is not an age (use <3d, >2w, "
		    "with h, d, w, m or y)"), t->value);
		return NULL;
	}
	return older ? time_leaf(q, INT64_MIN, at) :
	    time_leaf(q, at, INT64_MAX);
}

/* LIKE pattern text with its wildcards escaped by '\'. */
static void
add_like_escaped(struct strbuf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			strbuf_addc(b, '\\');
		strbuf_addc(b, *s);
	}
}

/* source:ap: an outlet whose name, or a word of it, starts with the
 * value (ASCII letters without regard to case, as LIKE does), or the
 * outlet that the value is an alias of ("AP": Associated Press), as the
 * importer read it. */
static struct node *
source_leaf(struct query *q, const struct tok *t)
{
	struct strbuf b = { 0 };
	const char *name = NULL;
	char *p1, *p2, *p3, *sql;

	add_like_escaped(&b, t->value);
	strbuf_adds(&b, "%");
	p1 = param(q, b.s, 0);
	strbuf_reset(&b);
	strbuf_adds(&b, "% ");
	add_like_escaped(&b, t->value);
	strbuf_adds(&b, "%");
	p2 = param(q, b.s, 0);
	strbuf_fini(&b);
	if (q->env != NULL && q->env->source != NULL)
		name = q->env->source(t->value, q->env->source_ctx);
	p3 = name != NULL ? param(q, name, 0) : NULL;
	sql = xasprintf("a.source_id IN (SELECT id FROM sources WHERE"
	    " name LIKE %s ESCAPE '\\' OR name LIKE %s ESCAPE '\\'%s%s)", p1,
	    p2, p3 != NULL ? " OR name = " : "", p3 != NULL ? p3 : "");
	free(p1);
	free(p2);
	free(p3);
	return node_new(N_SQL, NULL, NULL, sql);
}

static struct node *
sql_leaf(const char *sql)
{
	return node_new(N_SQL, NULL, NULL, xstrdup(sql));
}

static struct node *
label_leaf(struct query *q, const struct tok *t)
{
	/* The word, the label in the related table, and its index: the
	 * rare labels have one each (store.c, schema 10), which SQLite
	 * uses only for the label written out, not bound; it is this
	 * table's text, not the user's. */
	static const struct {
		const char	*word, *label, *index;
	} labels[] = {
		{ "duplicate", "duplicate", "related_duplicates" },
		{ "rewrite", "rewrite", "related_rewrites" },
		{ "same-story", "same story", NULL },
		{ "same story", "same story", NULL },
		{ "related", "related", NULL },
	};
	char *p, *sql;
	size_t i;

	for (i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcasecmp(t->value, labels[i].word) == 0)
			break;
	if (i == sizeof labels / sizeof labels[0]) {
		syntax(q, t->pos + 6, _("\"%s\" is not a label (use duplicate, "
		    "rewrite, same-story or related)"), t->value);
		return NULL;
	}
	if (labels[i].index != NULL)
		sql = xasprintf("EXISTS (SELECT 1 FROM related r INDEXED BY %s"
		    " WHERE r.article_id = a.id AND r.label = '%s')",
		    labels[i].index, labels[i].label);
	else {
		p = param(q, labels[i].label, 0);
		sql = xasprintf("EXISTS (SELECT 1 FROM related r WHERE"
		    " r.article_id = a.id AND r.label = %s)", p);
		free(p);
	}
	return node_new(N_SQL, NULL, NULL, sql);
}

static struct node *
lang_leaf(struct query *q, const struct tok *t)
{
	char *v = xstrdup(t->value), *p, *sql, *c;

	for (c = v; *c != '\0'; c++)
		*c = (char)tolower((unsigned char)*c);
	/* "lang:english" would match nothing, silently. */
	if (!article_is_language(v)) {
		syntax(q, t->pos + 5, _("\"%s\" is not a language code (use a "
		    "code such as en, de or fr)"), t->value);
		free(v);
		return NULL;
	}
	p = param(q, v, 0);
	sql = xasprintf("a.language = %s", p);
	free(v);
	free(p);
	return node_new(N_SQL, NULL, NULL, sql);
}

/* A term: words, a field filter, or a keyword (unread, starred). */
static struct node *
leaf(struct query *q, const struct tok *t, bool negated)
{
	static const char *const columns[][2] = {
		{ "title", "title" }, { "dek", "dek" }, { "byline", "byline" },
		{ "body", "body" }, { "caption", "captions" },
		{ "captions", "captions" },
	};
	const char *f = t->field, *v = t->value;
	size_t i;

	if (f == NULL) {
		if (!t->quoted && !t->prefix && strcasecmp(v, "unread") == 0)
			return sql_leaf("a.is_read = 0");
		if (!t->quoted && !t->prefix && strcasecmp(v, "starred") == 0)
			return sql_leaf("a.is_starred = 1");
		return text_leaf(q, t, NULL, negated);
	}
	/* Every field, the text ones (title:) too. */
	if (*v == '\0') {
		/* "title:(a or b)": the field ended at the parenthesis. */
		if (q->text[t->pos + strlen(f) + 1] == '(')
			syntax(q, t->pos, _("%s: takes one word or \"phrase\", "
			    "not a group in parentheses (write %s:a or %s:b)"),
			    f, f, f);
		else
			syntax(q, t->pos, _("%s: needs a value after the "
			    "colon"), f);
		return NULL;
	}
	for (i = 0; i < sizeof columns / sizeof columns[0]; i++)
		if (strcasecmp(f, columns[i][0]) == 0)
			return text_leaf(q, t, columns[i][1], negated);
	if (t->prefix) {
		syntax(q, t->pos, _("%s: takes no '*'"), f);
		return NULL;
	}
	if (strcasecmp(f, "since") == 0 || strcasecmp(f, "until") == 0 ||
	    strcasecmp(f, "on") == 0)
		return date_leaf(q, t);
	if (strcasecmp(f, "age") == 0)
		return age_leaf(q, t);
	if (strcasecmp(f, "source") == 0)
		return source_leaf(q, t);
	if (strcasecmp(f, "label") == 0)
		return label_leaf(q, t);
	if (strcasecmp(f, "lang") == 0)
		return lang_leaf(q, t);
	if (strcasecmp(f, "is") == 0) {
		if (strcasecmp(v, "unread") == 0)
			return sql_leaf("a.is_read = 0");
		if (strcasecmp(v, "read") == 0)
			return sql_leaf("a.is_read = 1");
		if (strcasecmp(v, "starred") == 0)
			return sql_leaf("a.is_starred = 1");
		syntax(q, t->pos + 3, _("\"%s\" is not a state (use is:unread, "
		    "is:read or is:starred)"), v);
		return NULL;
	}
	if (strcasecmp(f, "has") == 0) {
		if (strcasecmp(v, "captions") == 0 ||
		    strcasecmp(v, "caption") == 0)
			return sql_leaf("EXISTS (SELECT 1 FROM captions c"
			    " WHERE c.article_id = a.id)");
		if (strcasecmp(v, "related") == 0)
			return sql_leaf("EXISTS (SELECT 1 FROM related r"
			    " WHERE r.article_id = a.id)");
		if (strcasecmp(v, "date") == 0)
			return time_leaf(q, INT64_MIN, INT64_MAX);
		syntax(q, t->pos + 4, _("\"%s\" is not something an article has "
		    "(use has:captions, has:related or has:date)"), v);
		return NULL;
	}
	syntax(q, t->pos, _("unknown field \"%s:\" (fields: title, dek, byline, "
	    "body, caption, source, since, until, on, age, lang, label, has, "
	    "is)"), f);
	return NULL;
}

/* ---- parser ------------------------------------------------------------ */

static struct node *parse_or(struct query *);

/* Whether every article that n matches has a date in [*from, *to): a
 * date leaf (since:, until:, on:, has:date) on a side of every OR,
 * joined by AND to anything. */
static bool
dated_only(const struct node *n, int64_t *from, int64_t *to)
{
	int64_t af, at, bf, bt;
	bool a, b;

	/* Undated, a side allows any time: AND is the intersection. */
	*from = INT64_MIN;
	*to = INT64_MAX;
	if (n->kind == N_SQL && n->dated) {
		*from = n->from;
		*to = n->to;
	}
	if (n->kind != N_AND && n->kind != N_OR)
		return n->kind == N_SQL && n->dated;
	a = dated_only(n->a, &af, &at);
	b = dated_only(n->b, &bf, &bt);
	if (n->kind == N_OR) {
		*from = af < bf ? af : bf;
		*to = at > bt ? at : bt;
		return a && b;
	}
	*from = af > bf ? af : bf;
	*to = at < bt ? at : bt;
	return a || b;
}

static const struct tok *
peek(struct query *q)
{
	return &q->toks[q->at];
}

static bool
starts_unary(enum tok_kind k)
{
	return k == T_TERM || k == T_LPAREN || k == T_NOT || k == T_MINUS;
}

static struct node *
parse_unary(struct query *q, bool negated)
{
	const struct tok *t = peek(q);
	struct node *n;

	/* The parser, and the tree's walks after it, recurse once per
	 * level: a pasted or generated query must not exhaust the stack. */
	if ((t->kind == T_NOT || t->kind == T_MINUS || t->kind ==
	    T_LPAREN) && q->depth >= QUERY_MAX_DEPTH) {
		syntax(q, t->pos, _("nested more than %d deep"),
		    QUERY_MAX_DEPTH);
		return NULL;
	}
	switch (t->kind) {
	case T_NOT:
	case T_MINUS:
		q->at++;
		if (!starts_unary(peek(q)->kind)) {
			syntax(q, t->pos, t->kind == T_NOT ?
			    _("%s needs a term after it") :
			    _("%s needs a term right after it"),
			    t->kind == T_NOT ? "NOT" : "-");
			return NULL;
		}
		q->depth++;
		n = parse_unary(q, !negated);
		q->depth--;
		return n ? node_new(N_NOT, n, NULL, NULL) : NULL;
	case T_LPAREN:
		q->at++;
		if (peek(q)->kind == T_RPAREN) {
			syntax(q, t->pos, _("%s: empty parentheses"), "()");
			return NULL;
		}
		/* "(" alone: the parenthesis is what is wrong. */
		if (peek(q)->kind == T_END) {
			syntax(q, t->pos, _("unmatched \"%s\""), "(");
			return NULL;
		}
		q->depth++;
		n = parse_or(q);
		q->depth--;
		if (n == NULL)
			return NULL;
		if (peek(q)->kind != T_RPAREN) {
			node_free(n);
			syntax(q, t->pos, _("unmatched \"%s\""), "(");
			return NULL;
		}
		q->at++;
		return n;
	case T_TERM:
		/* A chain of terms makes a tree as deep as it is long. */
		if (++q->leaves > QUERY_MAX_TERMS) {
			syntax(q, t->pos, _("more than %d terms"),
			    QUERY_MAX_TERMS);
			return NULL;
		}
		q->at++;
		return leaf(q, t, negated);
	case T_RPAREN:
		syntax(q, t->pos, _("unmatched \"%s\""), ")");
		return NULL;
	case T_AND:
	case T_OR:
		syntax(q, t->pos, _("%s needs a term on each side"),
		    t->kind == T_AND ? "AND" : "OR");
		return NULL;
	case T_END:
		break;
	}
	syntax(q, t->pos, "%s", _("a term is missing at the end"));
	return NULL;
}

static struct node *
parse_and(struct query *q)
{
	struct node *n, *m;
	const struct tok *t;

	if ((n = parse_unary(q, false)) == NULL)
		return NULL;
	for (;;) {
		t = peek(q);
		if (t->kind == T_AND) {
			q->at++;
			if (!starts_unary(peek(q)->kind)) {
				node_free(n);
				syntax(q, t->pos, _("%s needs a term on each "
				    "side"), "AND");
				return NULL;
			}
		} else if (!starts_unary(t->kind))
			return n;
		if ((m = parse_unary(q, false)) == NULL) {
			node_free(n);
			return NULL;
		}
		n = node_new(N_AND, n, m, NULL);
	}
}

static struct node *
parse_or(struct query *q)
{
	struct node *n, *m;
	const struct tok *t;

	if ((n = parse_and(q)) == NULL)
		return NULL;
	while ((t = peek(q))->kind == T_OR) {
		q->at++;
		if (!starts_unary(peek(q)->kind)) {
			node_free(n);
			syntax(q, t->pos, _("%s needs a term on each side"),
			    "OR");
			return NULL;
		}
		if ((m = parse_and(q)) == NULL) {
			node_free(n);
			return NULL;
		}
		n = node_new(N_OR, n, m, NULL);
	}
	return n;
}

/* ---- compiler ----------------------------------------------------------
 * Each subtree compiles to words only (an FTS5 expression), negated words
 * (an FTS5 expression to exclude), or SQL.  Words stay in one FTS5
 * expression as long as possible: FTS5 answers "a AND b NOT c" in one
 * index lookup, and only that part can be ranked. */

enum piece_kind {
	P_TEXT,
	P_NEGTEXT,
	P_SQL,
};

struct piece {
	enum piece_kind	 kind;
	char		*s;
};

static char *
in_match(struct query *q, const char *fts, bool negated)
{
	char *p = param(q, fts, 0), *sql;

	/* Excluded words are tested article by article, from the store's
	 * bitmap of their matches (lede_matched): the list walks the date
	 * order and stops after a page, where a list of every match of a
	 * common word would be built first. */
	if (negated)
		sql = xasprintf("NOT lede_matched(%s, a.id)", p);
	else
		sql = xasprintf("a.fts_key IN (SELECT rowid FROM article_fts WHERE"
		    " article_fts MATCH %s)", p);
	free(p);
	return sql;
}

/* The piece as SQL. */
static char *
as_sql(struct query *q, struct piece *p)
{
	char *s;

	if (p->kind == P_SQL) {
		s = p->s;
		p->s = NULL;
		return s;
	}
	return in_match(q, p->s, p->kind == P_NEGTEXT);
}

/* The operands of a chain of ANDs (or ORs), left to right. */
static void
flatten(struct node *n, enum node_kind kind, struct node ***v, size_t *len)
{
	if (n->kind == kind) {
		flatten(n->a, kind, v, len);
		flatten(n->b, kind, v, len);
		return;
	}
	*v = xreallocarray(*v, *len + 1, sizeof **v);
	(*v)[(*len)++] = n;
}

static struct piece compile(struct query *, struct node *);

/* AND: the positive words become one FTS5 conjunction with the negated
 * words as its NOT operands; *match (when wanted) receives it, so that
 * the caller can rank by it, and the rest is SQL. */
static struct piece
compile_and(struct query *q, struct node *n, char **match)
{
	struct strbuf pos = { 0 }, neg = { 0 }, sql = { 0 };
	struct piece out = { P_SQL, NULL }, *pc;
	struct node **v = NULL;
	size_t len = 0, i, npos = 0, nneg = 0, nsql = 0;
	char *s;

	flatten(n, N_AND, &v, &len);
	pc = xcalloc(len, sizeof *pc);
	for (i = 0; i < len; i++) {
		pc[i] = compile(q, v[i]);
		if (pc[i].kind == P_TEXT)
			strbuf_addf(&pos, "%s%s", npos++ ? " AND " : "",
			    pc[i].s);
		else if (pc[i].kind == P_NEGTEXT)
			strbuf_addf(&neg, " NOT %s", pc[i].s), nneg++;
	}
	if (npos > 0 && (npos > 1 || nneg > 0)) {
		/* FTS5's NOT binds tighter than AND: group the conjunction
		 * first, "((a AND b) NOT c NOT d)". */
		s = xasprintf(npos > 1 && nneg > 0 ? "((%s)%s)" : "(%s%s)",
		    pos.s, neg.len ? neg.s : "");
		strbuf_reset(&pos);
		strbuf_adds(&pos, s);
		free(s);
	}
	for (i = 0; i < len; i++) {
		if (pc[i].kind == P_TEXT || pc[i].kind == P_NEGTEXT)
			continue;
		s = as_sql(q, &pc[i]);
		strbuf_addf(&sql, "%s%s", nsql++ ? " AND " : "", s);
		free(s);
	}
	if (npos == 0 && nneg > 0) {
		/* Without a word to match, "-a -b" is one test: not "a OR
		 * b". */
		struct strbuf any = { 0 };

		for (i = 0; i < len; i++)
			if (pc[i].kind == P_NEGTEXT)
				strbuf_addf(&any, nneg > 1 ? "%s(%s)" : "%s%s",
				    any.len ? " OR " : "", pc[i].s);
		s = in_match(q, any.s, true);
		strbuf_addf(&sql, "%s%s", nsql++ ? " AND " : "", s);
		free(s);
		strbuf_fini(&any);
	}
	if (npos > 0 && nsql == 0) {
		out.kind = P_TEXT;
		out.s = strbuf_steal(&pos);
	} else {
		if (npos > 0) {
			if (match != NULL) {
				*match = strbuf_steal(&pos);
			} else {
				s = in_match(q, pos.s, false);
				strbuf_addf(&sql, " AND %s", s);
				free(s);
			}
		}
		out.s = xasprintf("(%s)", sql.s);
	}
	for (i = 0; i < len; i++)
		free(pc[i].s);
	free(pc);
	free(v);
	strbuf_fini(&pos);
	strbuf_fini(&neg);
	strbuf_fini(&sql);
	return out;
}

static struct piece
compile_or(struct query *q, struct node *n)
{
	struct strbuf b = { 0 };
	struct piece out = { P_TEXT, NULL }, *pc;
	struct node **v = NULL;
	size_t len = 0, i;
	char *s;

	flatten(n, N_OR, &v, &len);
	pc = xcalloc(len, sizeof *pc);
	for (i = 0; i < len; i++) {
		pc[i] = compile(q, v[i]);
		if (pc[i].kind != P_TEXT)
			out.kind = P_SQL;
	}
	for (i = 0; i < len; i++) {
		s = out.kind == P_TEXT ? xstrdup(pc[i].s) : as_sql(q, &pc[i]);
		strbuf_addf(&b, "%s%s", i ? " OR " : "", s);
		free(s);
		free(pc[i].s);
	}
	out.s = xasprintf("(%s)", b.s);
	strbuf_fini(&b);
	free(pc);
	free(v);
	return out;
}

/* The opposite of a mark's test, as a test of its own.  A mark is 0 or
 * 1, never NULL, so "not unread" is "is:read", and written so it can
 * walk that state's partial index (store.c), which "NOT ... IS 1"
 * cannot. */
static char *
complement(const struct node *n)
{
	static const char *const pairs[][2] = {
		{ "a.is_read = 0", "a.is_read = 1" },
		{ "a.is_starred = 1", "a.is_starred = 0" },
	};
	size_t i, j;

	if (n->kind != N_SQL)
		return NULL;
	for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
		for (j = 0; j < 2; j++)
			if (strcmp(n->s, pairs[i][j]) == 0)
				return xstrdup(pairs[i][1 - j]);
	return NULL;
}

static struct piece
compile(struct query *q, struct node *n)
{
	struct piece p = { P_SQL, NULL };
	char *s;

	switch (n->kind) {
	case N_TEXT:
		p.kind = P_TEXT;
		p.s = xstrdup(n->s);
		break;
	case N_SQL:
		p.s = xstrdup(n->s);
		break;
	case N_AND:
		return compile_and(q, n, NULL);
	case N_OR:
		return compile_or(q, n);
	case N_NOT:
		if ((s = complement(n->a)) != NULL) {
			p.s = s;
			break;
		}
		p = compile(q, n->a);
		if (p.kind == P_TEXT)
			p.kind = P_NEGTEXT;
		else if (p.kind == P_NEGTEXT)
			p.kind = P_TEXT;
		else {
			/* A test of an unknown value (no outlet, no
			 * language) is NULL, and so is NOT of it, which
			 * would drop the article: "not source:x" keeps
			 * it.  IS binds tighter than NOT, and every
			 * piece is 0, 1 or NULL. */
			s = xasprintf("NOT %s IS 1", p.s);
			free(p.s);
			p.s = s;
		}
		break;
	}
	return p;
}

/* ---- public ------------------------------------------------------------ */

int
query_parse(const char *text, const struct query_env *env,
    struct query **out, size_t *column, char **err)
{
	struct query *q = xcalloc(1, sizeof *q);
	struct node *root = NULL;
	struct piece p;
	size_t i;

	*out = NULL;
	q->text = text;
	q->env = env;
	q->now = env != NULL ? env->now : 0;
	if (lex(q) != 0)
		goto fail;
	if (peek(q)->kind == T_END) {
		q->where = xstrdup("1");
		goto done;
	}
	if ((root = parse_or(q)) == NULL)
		goto fail;
	if (peek(q)->kind != T_END) {
		syntax(q, peek(q)->pos, _("unmatched \"%s\""), ")");
		goto fail;
	}
	q->dated = dated_only(root, &q->from, &q->to);
	if (root->kind == N_AND) {
		p = compile_and(q, root, &q->match);
	} else {
		p = compile(q, root);
	}
	if (p.kind == P_TEXT) {
		q->match = p.s;
		q->where = xstrdup("1");
	} else {
		q->where = as_sql(q, &p);
		free(p.s);
	}
done:
	q->env = NULL;		/* the caller's, for the parse only */
	node_free(root);
	for (i = 0; i < q->ntoks; i++) {
		free(q->toks[i].field);
		free(q->toks[i].value);
	}
	free(q->toks);
	q->toks = NULL;
	q->ntoks = 0;
	q->text = NULL;
	*out = q;
	return 0;
fail:
	node_free(root);
	*column = column_of(text, q->errpos);
	*err = xasprintf(_("column %zu: %s"), *column, q->err);
	q->text = NULL;
	query_free(q);
	return -1;
}

void
query_free(struct query *q)
{
	size_t i;

	if (q == NULL)
		return;
	for (i = 0; i < q->ntoks; i++) {
		free(q->toks[i].field);
		free(q->toks[i].value);
	}
	free(q->toks);
	for (i = 0; i < q->nparams; i++)
		free((char *)q->params[i].text);
	free(q->params);
	for (i = 0; i < q->nterms; i++)
		free((char *)q->terms[i].key);
	free(q->terms);
	free(q->match);
	free(q->where);
	free(q->err);
	free(q);
}

const char *
query_match(const struct query *q)
{
	return q->match;
}

const char *
query_where(const struct query *q)
{
	return q->where;
}

bool
query_dated(const struct query *q, int64_t *from, int64_t *to)
{
	*from = q->from;
	*to = q->to;
	return q->dated;
}

const struct query_param *
query_params(const struct query *q, size_t *n)
{
	*n = q->nparams;
	return q->params;
}

const struct query_term *
query_terms(const struct query *q, size_t *n)
{
	*n = q->nterms;
	return q->terms;
}
