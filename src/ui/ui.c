/* ui: the reader's loop.  One iteration: apply a resize, let panes that
 * need it fetch their rows (recalc), draw the dirty ones into their own
 * windows, write the screen once (doupdate), then wait for a key with a
 * timeout so that another process's import is noticed.  Keys become
 * actions through the keymap built from actions.def; the focused pane
 * handles what it can and the rest falls to the global handler here. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "article.h"
#include "i18n.h"
#include "query.h"
#include "store.h"
#include "text.h"
#include "ui/help.h"
#include "ui/pipe.h"
#include "ui/prompt.h"
#include "ui/settings.h"
#include "ui/ui.h"
#include "util.h"

/* The key wait: how often another process's import is noticed
 * (set refresh N). */
static int poll_ms = 1000;

static volatile sig_atomic_t got_signal;

static void
on_signal(int sig)
{
	got_signal = sig;
}

int
ui_signal(void)
{
	return got_signal;
}

bool
ui_gone(void)
{
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };

	if (got_signal)
		return true;
	/* A closed terminal (the SSH connection or tmux server gone) reads
	 * as end of file at once, forever.  No SIGHUP need reach us (we may
	 * be outside its session): the reader starts only on a terminal, so
	 * one that stopped being one, or reports a hangup, has gone. */
	if (!isatty(STDIN_FILENO))
		return true;
	return poll(&pfd, 1, 0) > 0 && (pfd.revents & (POLLHUP | POLLERR |
	    POLLNVAL)) != 0;
}

/* ---- keys ------------------------------------------------------------------ */

struct binding {
	int		code;	/* a character, or a KEY_ code */
	bool		is_key;	/* code is a KEY_ code */
	enum action	act;
};

static struct binding keymap[128];
static size_t nkeymap;

static const char *const action_keys[ACT_COUNT] = {
#define ACTION(id, name, keys, help) [id] = keys,
#include "ui/actions.def"
#undef ACTION
};

/* Key names: as actions.def writes them, as people (help, settings)
 * write them, and what curses returns.  The one table for all three. */
static const struct {
	const char	*def;		/* actions.def */
	const char	*label;		/* help and settings */
	int		 code;
	bool		 is_key;	/* a KEY_ code, not a character */
} key_names[] = {
	{ "KEY_DOWN", "Down", KEY_DOWN, true },
	{ "KEY_UP", "Up", KEY_UP, true },
	{ "KEY_LEFT", "Left", KEY_LEFT, true },
	{ "KEY_RIGHT", "Right", KEY_RIGHT, true },
	{ "KEY_NPAGE", "PgDn", KEY_NPAGE, true },
	{ "KEY_PPAGE", "PgUp", KEY_PPAGE, true },
	{ "KEY_HOME", "Home", KEY_HOME, true },
	{ "KEY_END", "End", KEY_END, true },
	{ "KEY_BTAB", "S-Tab", KEY_BTAB, true },
	{ "KEY_ENTER", "Enter", KEY_ENTER, true },
	{ "KEY_BACKSPACE", "BS", KEY_BACKSPACE, true },
	{ "^M", "Enter", '\r', false },
	{ "^J", "Enter", '\n', false },
	{ "^I", "Tab", '\t', false },
	{ "^[", "Esc", 27, false },
	{ "^H", "BS", 8, false },
	{ "SPACE", "Space", ' ', false },
};

bool
ui_key_parse(const char *name, int *code, bool *is_key)
{
	size_t i;

	for (i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (strcmp(name, key_names[i].def) == 0 ||
		    strcmp(name, key_names[i].label) == 0) {
			*code = key_names[i].code;
			*is_key = key_names[i].is_key;
			return true;
		}
	*is_key = false;
	if (name[0] == '^' && name[1] != '\0' && name[2] == '\0') {
		*code = name[1] == '?' ? 127 : (name[1] & 0x1f);
		return true;
	}
	if (name[0] != '\0' && name[1] == '\0' && (unsigned char)name[0] >
	    ' ') {
		*code = (unsigned char)name[0];
		return true;
	}
	return false;
}

/* The name people know for a bound key ("PgDn", "Enter", "^F", "x")
 * in buf. */
static const char *
key_label(const struct binding *b, char buf[8])
{
	size_t i;

	for (i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (key_names[i].code == b->code &&
		    key_names[i].is_key == b->is_key)
			return key_names[i].label;
	if (b->is_key)
		snprintf(buf, 8, "#%d", b->code);
	else if (b->code < ' ' || b->code == 127)
		snprintf(buf, 8, "^%c", b->code == 127 ? '?' : b->code | 0x40);
	else
		snprintf(buf, 8, "%c", b->code);
	return buf;
}

char *
ui_bound_keys(enum action a)
{
	struct strbuf b = { 0 };
	char buf[8], *out;
	const char *label, *p;
	size_t i, n;

	for (i = 0; i < nkeymap; i++) {
		if (keymap[i].act != a)
			continue;
		label = key_label(&keymap[i], buf);
		n = strlen(label);
		/* Each name once: ^M, ^J and KEY_ENTER are all "Enter". */
		for (p = b.s; p != NULL && (p = strstr(p, label)) != NULL;
		    p += n)
			if ((p == b.s || p[-1] == ' ') && (p[n] == ' ' ||
			    p[n] == '\0'))
				break;
		if (p != NULL)
			continue;
		if (b.len > 0)
			strbuf_addc(&b, ' ');
		strbuf_adds(&b, label);
	}
	out = b.s != NULL ? strbuf_steal(&b) : xstrdup("");
	return out;
}

static void
bind_keys(void)
{
	enum action a;
	char *copy, *save, *k;

	nkeymap = 0;
	for (a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		copy = xstrdup(action_keys[a]);
		for (k = strtok_r(copy, " ", &save); k != NULL &&
		    nkeymap < sizeof keymap / sizeof keymap[0];
		    k = strtok_r(NULL, " ", &save)) {
			struct binding b = { .act = a };

			if (ui_key_parse(k, &b.code, &b.is_key))
				keymap[nkeymap++] = b;
		}
		free(copy);
	}
}

/* A binding from the settings replaces the defaults of its key. */
static void
rebind(int code, bool is_key, enum action act)
{
	size_t i, j;

	for (i = j = 0; i < nkeymap; i++)
		if (!(keymap[i].code == code && keymap[i].is_key == is_key))
			keymap[j++] = keymap[i];
	nkeymap = j;
	if (act != ACT_NONE && nkeymap < sizeof keymap / sizeof keymap[0]) {
		keymap[nkeymap].code = code;
		keymap[nkeymap].is_key = is_key;
		keymap[nkeymap].act = act;
		nkeymap++;
	}
}

static enum action
lookup(int code, bool is_key)
{
	size_t i;

	/* Terminals send DEL for backspace as often as ^H. */
	for (i = 0; i < nkeymap; i++)
		if (keymap[i].code == code && keymap[i].is_key == is_key)
			return keymap[i].act;
	if (!is_key && code == 127)
		return ACT_BACK;
	return ACT_NONE;
}

enum action
ui_key_action(int code, bool is_key)
{
	return lookup(code, is_key);
}

/* ---- drawing helpers ------------------------------------------------------ */

void
ui_put(struct ui *ui, WINDOW *w, int y, int x, int width, const char *s,
    attr_t attr)
{
	char *clean, *show, *cut;
	size_t cw, n;

	if (w == NULL || width <= 0)
		return;
	clean = text_sanitize(s ? s : "", TEXT_STRICT);
	if (ui->ascii) {
		show = text_ascii(clean);
		n = strlen(show);
		if (n > (size_t)width && width >= 4) {
			/* Cut as in UTF-8, at a word, then "..." for "…". */
			char *t = text_shorten(show, (size_t)width - 2);

			n = strlen(t) - strlen("…");
			memcpy(show, t, n);
			memcpy(show + n, "...", sizeof "...");
			free(t);
		} else if (n > (size_t)width) {
			show[width] = '\0';
		}
		cut = show;
	} else {
		show = NULL;
		cut = text_shorten(clean, (size_t)width);
	}
	cw = ui->ascii ? strlen(cut) : text_width(cut);
	wattrset(w, attr);
	mvwaddnstr(w, y, x, cut, -1);
	for (; cw < (size_t)width; cw++)
		waddch(w, ' ');
	wattrset(w, A_NORMAL);
	if (cut != show)
		free(cut);
	free(show);
	free(clean);
}

int
ui_put_date_source(struct ui *ui, WINDOW *w, int y, int x, int width,
    int64_t published, const char *source, int date_min, int source_min,
    int source_w, attr_t attr)
{
	char date[11];

	if (width >= date_min) {
		article_date(published, date);
		ui_put(ui, w, y, x, 11, date, attr);
		x += 11;
	}
	if (width >= source_min) {
		/* One column stays blank: a long name is cut with "…",
		 * which would otherwise touch what follows.  The blank
		 * takes attr too, or the selection bar has a gap. */
		ui_put(ui, w, y, x, source_w > 1 ? source_w - 1 : source_w,
		    source ? source : "", attr);
		if (source_w > 1)
			ui_put(ui, w, y, x + source_w - 1, 1, "", attr);
		x += source_w;
	}
	return x;
}

void
ui_put_title(struct ui *ui, WINDOW *w, int y, int x, int width,
    int64_t copies, const char *title, attr_t attr)
{
	char *t;

	if (x >= width)
		return;
	if (copies == 0) {
		ui_put(ui, w, y, x, width - x, title, attr);
		return;
	}
	t = xasprintf("(+%" PRId64 ") %s", copies, title);
	ui_put(ui, w, y, x, width - x, t, attr);
	free(t);
}

int
ui_rows(const struct pane *p)
{
	return p->r.h > 1 ? p->r.h - 1 : 0;
}

void
ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	free(ui->message);
	va_start(ap, fmt);
	ui->message = xvasprintf(fmt, ap);
	va_end(ap);
}

/* The title bar: a rule with the pane's name, bold when focused. */
static void
draw_title(struct ui *ui, struct pane *p, const char *extra)
{
	bool focus = &ui->pane[ui->focus] == p;
	char *t = xasprintf(" %s%s%s ", _(p->type->name), extra ? " " : "",
	    extra ? extra : "");
	int i;

	wattrset(p->win, focus ? A_BOLD | (ui->color ? COLOR_PAIR(1) : 0) :
	    (ui->color ? COLOR_PAIR(2) : A_DIM));
	wmove(p->win, 0, 0);
	for (i = 0; i < p->r.w; i++)
		waddch(p->win, ACS_HLINE);
	wattrset(p->win, A_NORMAL);
	if (p->r.w > 4)
		ui_put(ui, p->win, 0, 1, (int)(text_width(t) < (size_t)p->r.w -
		    2 ? text_width(t) : (size_t)p->r.w - 2), t, focus ?
		    A_BOLD | A_REVERSE : A_BOLD);
	free(t);
}

/* ---- the selected article --------------------------------------------- */

static int
collect_related(const struct store_related_row *r, void *ctx)
{
	struct ui *ui = ctx;
	struct related_item *it;
	size_t i;

	/* Folded, as the list is: the copies of one story take the row of
	 * the best of them, which a strip of four rows at 80x24 needs. */
	for (i = 0; ui->fold && r->cluster != 0 && i < ui->nrelated; i++)
		if (ui->related[i].cluster == r->cluster) {
			ui->related[i].copies++;
			return 0;
		}
	ui->related = xreallocarray(ui->related, ui->nrelated + 1,
	    sizeof *ui->related);
	it = &ui->related[ui->nrelated++];
	it->id = r->id;
	it->score = r->score;
	it->label = xstrdup(r->label ? r->label : "");
	it->title = xstrdup(r->title ? r->title : "");
	it->source = r->source ? xstrdup(r->source) : NULL;
	it->published = r->published;
	it->cluster = r->cluster;
	it->copies = 0;
	return 0;
}

static void
clear_related(struct ui *ui)
{
	size_t i;

	for (i = 0; i < ui->nrelated; i++) {
		free(ui->related[i].label);
		free(ui->related[i].title);
		free(ui->related[i].source);
	}
	free(ui->related);
	ui->related = NULL;
	ui->nrelated = 0;
}

/* The selected article's related list, folded or not as the list is. */
static void
load_related(struct ui *ui)
{
	char *err = NULL;

	clear_related(ui);
	ui->pane[PANE_RELATED].flags |= PANE_RECALC;
	if (ui->article == NULL)
		return;
	if (store_related(ui->st, ui->id, 0, collect_related, ui, &err) < 0) {
		ui_message(ui, "%s", err ? err : "");
		free(err);
	}
}

static int
write_mark(struct ui *ui, const struct pending_mark *m)
{
	char *err = NULL;
	int64_t changed = 0;
	int rc = m->star ? store_set_starred(ui->st, m->id, m->value, &err) :
	    store_set_read(ui->st, m->id, m->value, m->cluster, &changed,
	    &err);

	/* The unread count moves by what the store changed: a cluster's
	 * other copies, or nothing if another reader got there first. */
	if (rc == 0 && ui->unread >= 0)
		ui->unread += m->value ? -changed : changed;
	/* The list's own count: at once for an article of the list, and
	 * counted again when idle, in case a copy was outside it. */
	if (rc == 0 && !m->star && ui->view_unread >= 0 && m->id == ui->id)
		ui->view_unread += m->value ? -changed : changed;
	/* Other copies changed too: their rows show the old mark. */
	if (rc == 0 && changed > 1)
		ui->pane[PANE_LIST].flags |= PANE_RECALC;
	if (rc != 0 && rc != STORE_EBUSY) {
		ui_message(ui, "%s", err ? err : "");
		free(err);
	}
	return rc;
}

void
ui_mark(struct ui *ui, int64_t id, bool star, bool value, bool cluster)
{
	struct pending_mark m = { id, star, value, cluster };
	size_t i;

	/* The reader's start said that marks are not kept. */
	if (ui->readonly)
		return;
	/* A cluster's marks change counts we cannot know here. */
	ui->counts_stale = true;
	/* A later mark of the same kind replaces a waiting one. */
	for (i = 0; i < ui->npending; i++)
		if (ui->pending[i].id == id && ui->pending[i].star == star) {
			ui->pending[i] = m;
			return;
		}
	if (ui->npending == 0 && write_mark(ui, &m) != STORE_EBUSY)
		return;
	if (ui->npending < sizeof ui->pending / sizeof ui->pending[0])
		ui->pending[ui->npending++] = m;
}

/* Write the waiting marks, in order, while the lock is free. */
static void
flush_marks(struct ui *ui)
{
	size_t done = 0;

	while (done < ui->npending && write_mark(ui,
	    &ui->pending[done]) != STORE_EBUSY)
		done++;
	memmove(ui->pending, ui->pending + done, (ui->npending - done) *
	    sizeof ui->pending[0]);
	ui->npending -= done;
}

/* A key, as wget_wch gives it.  In a single-byte locale ncursesw drops
 * the rest of a burst of input after a byte the locale cannot decode (a
 * UTF-8 paste under LANG=C lost everything after its first "ü"); there
 * keys are read as bytes, and such a byte alone is skipped. */
int
ui_get_wch(WINDOW *win, wint_t *wc)
{
	int c;

	if (MB_CUR_MAX > 1)
		return wget_wch(win, wc);
	while ((c = wgetch(win)) != ERR && c < KEY_MIN && btowc(c) == WEOF)
		;
	if (c == ERR)
		return ERR;
	if (c >= KEY_MIN) {
		*wc = (wint_t)c;
		return KEY_CODE_YES;
	}
	*wc = btowc(c);
	return OK;
}

int
ui_wait_key(struct ui *ui, WINDOW *win, wint_t *wc)
{
	int rc;

	/* Never block for good: a resize made while the reader was
	 * stopped (Ctrl-Z) is only reported by a read that starts after
	 * fg, and a read blocked since before the stop would sit out the
	 * resize until a key came. */
	wtimeout(win, ui->refresh_ms);
	while ((rc = ui_get_wch(win, wc)) == ERR && !ui_gone())
		;
	return rc;
}

/* The article shown is read. */
static void
mark_shown(struct ui *ui)
{
	if (ui->article == NULL || ui->article->is_read)
		return;
	ui_mark(ui, ui->id, false, true, ui->read_cluster);
	ui->article->is_read = true;
	ui->pane[PANE_LIST].flags |= PANE_DIRTY;
}

/* The first key: the article the reader opened on was read, unless the
 * key quits. */
static void
end_opening(struct ui *ui, bool quitting)
{
	if (!ui->opening)
		return;
	ui->opening = false;
	if (!quitting && ui->opened_unmarked == ui->id)
		mark_shown(ui);
}

/* Keys that change only how the screen looks: pressing them is no sign
 * that the article the reader opened on was read. */
static bool
looks_only(enum action a)
{
	return a == ACT_HELP || a == ACT_LAYOUT || a == ACT_GROW ||
	    a == ACT_SHRINK || a == ACT_TAB || a == ACT_REFRESH;
}

void
ui_select(struct ui *ui, int64_t id)
{
	char *err = NULL;
	int i;

	if (id == ui->id && ui->article != NULL) {
		ui->preview_pending = false;
		return;
	}
	if (ui->hold_preview || (ui->defer_preview && ui->preview_ms > 0)) {
		ui->preview_id = id;
		ui->preview_pending = true;
		return;
	}
	ui->preview_pending = false;
	article_free(ui->article);
	ui->article = NULL;
	clear_related(ui);
	ui->id = id;
	if (id != 0 && store_article_get(ui->st, id, &ui->article, &err) != 0) {
		if (err != NULL)
			ui_message(ui, "%s", err);
		free(err);
		err = NULL;
	}
	if (ui->article != NULL) {
		load_related(ui);
		if (ui->opening)
			ui->opened_unmarked = id;
		else
			mark_shown(ui);
	}
	for (i = PANE_BODY; i < PANE_COUNT; i++)
		ui->pane[i].flags |= PANE_RECALC;
}

/* ---- layout and windows ------------------------------------------------ */

static struct rect *
rect_of(struct layout *l, enum pane_id id)
{
	switch (id) {
	case PANE_LIST:
		return &l->list;
	case PANE_BODY:
		return &l->body;
	case PANE_CAPTIONS:
		return &l->captions;
	default:
		return &l->related;
	}
}

static void
apply_layout(struct ui *ui)
{
	enum pane_id i;

	layout_compute(COLS, LINES, ui->mode, ui->split, ui->tab, &ui->lay);
	for (i = 0; i < PANE_COUNT; i++) {
		struct pane *p = &ui->pane[i];

		if (p->win != NULL)
			delwin(p->win);
		p->win = NULL;
		p->r = *rect_of(&ui->lay, i);
		if (p->r.h > 0)
			p->win = newwin(p->r.h, p->r.w, p->r.y, p->r.x);
		p->flags |= PANE_RECALC | PANE_DIRTY;
	}
	/* Focus never rests on a hidden pane. */
	if (ui->pane[ui->focus].win == NULL)
		ui->focus = PANE_LIST;
	erase();
	if (ui->lay.sep_x >= 0)
		mvvline(0, ui->lay.sep_x, ACS_VLINE, LINES - 1);
	wnoutrefresh(stdscr);
}

/* ---- what the list shows ------------------------------------------------ */

static void
scope_fini(struct ui_scope *sc)
{
	free(sc->view);
	free(sc->filter);
	free(sc->search);
	free(sc->typed);
	memset(sc, 0, sizeof *sc);
}

static char *
dup_or_null(const char *s)
{
	return s != NULL && *s != '\0' ? xstrdup(s) : NULL;
}

static struct ui_scope
scope_dup(const struct ui_scope *sc)
{
	struct ui_scope d = { dup_or_null(sc->view), dup_or_null(sc->filter),
	    dup_or_null(sc->search), dup_or_null(sc->typed) };

	return d;
}

/* The status line's words for the scope. */
static char *
scope_label(const struct ui *ui)
{
	const struct ui_scope *sc = &ui->scope;
	struct strbuf b = { 0 };

	if (sc->view != NULL)
		strbuf_addf(&b, _("view %s"), sc->view);
	else if (sc->filter != NULL)
		strbuf_addf(&b, _("filter: %s"), sc->filter);
	if (sc->search != NULL)
		strbuf_addf(&b, "%s%s", b.len ? ", " : "", sc->search);
	if (b.len == 0)
		strbuf_adds(&b, _("all articles"));
	return strbuf_steal(&b);
}

/* A problem with one part shows with the part's own columns. */
static char *
check_part(const char *text)
{
	struct query *q = NULL;
	char *err = NULL;
	size_t column;

	if (query_parse(text, NULL, &q, &column, &err) != 0)
		return err;
	query_free(q);
	return NULL;
}

/* Make sc what the list shows (the caller keeps sc).  Returns -1 with
 * *err when its text does not parse; the list is then unchanged. */
static int
set_scope(struct ui *ui, const struct ui_scope *sc, char **err)
{
	struct query *q = NULL;
	struct strbuf b = { 0 };
	size_t column;

	/* Each part must stand alone, with its own columns in a message:
	 * in parentheses, "dam) or (strike" would escape its own and
	 * join the other part's. */
	if ((sc->filter != NULL && (*err = check_part(sc->filter)) != NULL) ||
	    (sc->search != NULL && (*err = check_part(sc->search)) != NULL))
		return -1;
	/* Each part in parentheses: "a or b" and "c" mean (a or b) c. */
	if (sc->filter != NULL)
		strbuf_addf(&b, "(%s)", sc->filter);
	if (sc->search != NULL)
		strbuf_addf(&b, "%s(%s)", b.len ? " " : "", sc->search);
	ui->env.now = (int64_t)time(NULL);
	if (b.len > 0 && query_parse(b.s, &ui->env, &q, &column, err) !=
	    0) {
		strbuf_fini(&b);
		return -1;
	}
	strbuf_fini(&b);
	query_free(ui->query);
	ui->query = q;
	if (&ui->scope != sc) {
		scope_fini(&ui->scope);
		ui->scope = scope_dup(sc);
	}
	ui->list_reset = true;
	ui->view_total = ui->view_unread = -1;
	ui->view_stale = q != NULL;
	ui->pane[PANE_LIST].flags |= PANE_RECALC;
	/* The body's snippet and highlights follow the query. */
	ui->pane[PANE_BODY].flags |= PANE_RECALC;
	ui->pane[PANE_CAPTIONS].flags |= PANE_DIRTY;
	return 0;
}

bool
ui_is_hit(const struct ui *ui, const char *key, size_t keylen)
{
	const struct query_term *t;
	size_t i, n, len;

	if (ui->query == NULL)
		return false;
	t = query_terms(ui->query, &n);
	for (i = 0; i < n; i++) {
		len = strlen(t[i].key);
		if (t[i].prefix ? keylen >= len && memcmp(key, t[i].key,
		    len) == 0 : keylen == len && memcmp(key, t[i].key, len) ==
		    0)
			return true;
	}
	return false;
}

/* z: fold or unfold, and stay where the reader is.  Unfolded, the
 * article keeps its row (z z comes back to the copy it left).  Folded, a
 * duplicate's row is its cluster's (the oldest copy the filter takes);
 * otherwise the article keeps its row, and the list its top. */
static void
fold_in_place(struct ui *ui)
{
	int64_t head;
	char *err = NULL;
	int r;

	ui->fold = !ui->fold;
	ui->unfolded_to_show = false;
	ui->pane[PANE_LIST].flags |= PANE_RECALC;
	load_related(ui);
	if (!ui->fold) {
		/* Back on the copy the fold moved away from, if the
		 * selection is still on its cluster's row. */
		ui->jump_to = ui->id == ui->folded_to && ui->folded_from ?
		    ui->folded_from : ui->id;
		ui->folded_from = ui->folded_to = 0;
		return;
	}
	ui->folded_from = ui->folded_to = 0;
	if (ui->id == 0)
		return;
	r = store_fold_head(ui->st, ui->id, ui->query, &head, &err);
	if (r == 0 && head != ui->id) {
		ui->folded_from = ui->id;
		ui->folded_to = ui->jump_to = head;
	} else if (r != 0 && r != STORE_ENOTFOUND)
		ui_message(ui, "%s", err);
	free(err);
}

static void
push_prev(struct ui *ui)
{
	size_t max = sizeof ui->prev / sizeof ui->prev[0];

	if (ui->nprev == max) {
		scope_fini(&ui->prev[0].scope);
		memmove(ui->prev, ui->prev + 1, (max - 1) * sizeof ui->prev[0]);
		ui->nprev--;
	}
	/* Esc keeps the fold (z is the user's own choice): no fold here. */
	ui->prev[ui->nprev] = (struct ui_place){ .id = ui->id,
	    .scope = scope_dup(&ui->scope) };
	ui->nprev++;
}

/* Back to a saved list, with its article selected. */
static void
restore_place(struct ui *ui, struct ui_place *pl)
{
	char *err = NULL;

	if (set_scope(ui, &pl->scope, &err) != 0)
		free(err);
	scope_fini(&pl->scope);
	ui->list_reset = false;
	ui->jump_to = pl->id;
}

/* n for ngettext, of a count that may not be known yet (-1), which is
 * then shown as "..." with the plural. */
static unsigned long
plural_n(int64_t n)
{
	return n >= 0 ? (unsigned long)n : 2;
}

/* n for the status line: "…" while it is not counted yet (-1). */
static void
put_count(const struct ui *ui, int64_t n, char buf[32])
{
	if (n < 0)
		snprintf(buf, 32, "%s", ui->ascii ? "..." : "…");
	else
		snprintf(buf, 32, "%" PRId64, n);
}

/* The status line's counts: all articles and the unread ones, or under
 * a search or filter, those it takes of all and the unread among them.
 * Caller frees. */
static char *
status_counts(const struct ui *ui)
{
	char all[32], n[32], unread[32];

	put_count(ui, ui->total, all);
	if (ui->query == NULL) {
		put_count(ui, ui->unread, unread);
		/* TRANSLATORS: status line: all articles, and unread
		 * ones. */
		return xasprintf(ngettext("%s article, %s unread",
		    "%s articles, %s unread", plural_n(ui->total)), all,
		    unread);
	}
	put_count(ui, ui->view_total, n);
	put_count(ui, ui->view_total < 0 ? -1 : ui->view_unread, unread);
	/* TRANSLATORS: status line: the articles that the search or
	 * filter takes, of all articles (the number that chooses the
	 * form), and unread ones among those it takes. */
	return xasprintf(ngettext("%s of %s article, %s unread",
	    "%s of %s articles, %s unread", plural_n(ui->total)), n, all,
	    unread);
}

void
ui_draw_status(struct ui *ui)
{
	struct pane *p = &ui->pane[ui->focus];
	char *left, *scope, *count;

	if (ui->message != NULL) {
		left = xstrdup(ui->message);
	} else if (ui->no_match) {
		scope = scope_label(ui);
		/* TRANSLATORS: status line when the search or filter (the
		 * second %s) matches nothing. */
		left = xasprintf(_(" %s | no article matches | %s |"
		    " Esc: back | ? help"), _(p->type->name), scope);
		free(scope);
	} else {
		scope = scope_label(ui);
		count = status_counts(ui);
		/* TRANSLATORS: status line: pane, the counts above, the
		 * view, filter and search ("all" when none), fold state. */
		left = xasprintf(_(" %s | %s | %s | %s | ? help"),
		    _(p->type->name), count, scope, ui->fold ? _("folded") :
		    _("unfolded"));
		free(count);
		free(scope);
	}
	ui_put(ui, stdscr, ui->lay.status.y, 0, COLS, left, ui->color ?
	    COLOR_PAIR(5) | A_REVERSE : A_REVERSE);
	wnoutrefresh(stdscr);
	free(left);
}

static const char readonly_note[] = N_("the cache is read-only: read"
    " marks and stars are not kept");

/* For store_count_matches: whether a key (or a signal) waits. */
static bool
key_waiting(void *arg)
{
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };

	(void)arg;
	return got_signal || poll(&pfd, 1, 0) > 0;
}

/* Count the query's articles, unless a key comes first: then the count
 * waits for the next pause. */
static void
count_view(struct ui *ui)
{
	char *err = NULL;
	int64_t n, unread;
	int rc = store_count_matches(ui->st, ui->query, key_waiting, NULL,
	    &n, &unread, &err);

	if (rc == STORE_ESTOPPED)
		return;
	ui->view_stale = false;
	if (rc != 0) {
		ui_message(ui, "%s", err);
		free(err);
		return;
	}
	ui->view_total = n;
	ui->view_unread = unread;
}

/* The next key within wait_ms.  While a count of the list is due, it
 * runs first if no key is waiting already, and gives way to one that
 * comes: a keypress never waits for it. */
static int
next_key(struct ui *ui, wint_t *wc, int wait_ms)
{
	int rc;

	if (ui->view_stale && ui->query != NULL && !ui->preview_pending) {
		timeout(0);
		if ((rc = ui_get_wch(stdscr, wc)) != ERR)
			return rc;
		count_view(ui);
		ui_draw_status(ui);
		doupdate();
	}
	timeout(wait_ms);
	return ui_get_wch(stdscr, wc);
}

static void
refresh_counts(struct ui *ui)
{
	char *err = NULL;

	if (store_counts(ui->st, &ui->total, &ui->unread, &err) != 0) {
		ui_message(ui, "%s", err);
		free(err);
	}
}

/* ---- global actions ---------------------------------------------------- */

static void
focus_step(struct ui *ui, int dir)
{
	int i, f = ui->focus;

	for (i = 0; i < PANE_COUNT; i++) {
		f = (f + dir + PANE_COUNT) % PANE_COUNT;
		if (ui->pane[f].win != NULL)
			break;
	}
	ui->pane[ui->focus].flags |= PANE_DIRTY;
	ui->focus = (enum pane_id)f;
	ui->pane[ui->focus].flags |= PANE_DIRTY;
}

static void
mark_all(struct ui *ui, int flags)
{
	int i;

	for (i = 0; i < PANE_COUNT; i++)
		ui->pane[i].flags |= flags;
}

static void
recalc_pane(struct pane *p)
{
	bool due = (p->flags & PANE_RECALC) && p->win != NULL;

	/* Cleared first: the recalc may ask for another. */
	p->flags &= ~PANE_RECALC;
	if (due) {
		p->type->recalc(p);
		p->flags |= PANE_DIRTY;
	}
}

/* Fetch again what the panes marked PANE_RECALC show. */
static void
recalc_panes(struct ui *ui)
{
	int i, pass;
	bool again = true;

	/* The list first: it may select another article, which marks the
	 * panes after it.  Opening that article marks it read, and with it
	 * the copies of its cluster, whose rows the list has just fetched
	 * with their old marks: the list asks again, and the second pass
	 * shows them read (the article is open by then, so it settles). */
	for (pass = 0; pass < 3 && again; pass++) {
		for (i = 0; i < PANE_COUNT; i++)
			recalc_pane(&ui->pane[i]);
		for (i = PANE_BODY; i < PANE_COUNT; i++)
			recalc_pane(&ui->pane[i]);
		again = false;
		for (i = 0; i < PANE_COUNT; i++)
			if ((ui->pane[i].flags & PANE_RECALC) &&
			    ui->pane[i].win != NULL)
				again = true;
	}
}

/* Show the selection the list moved to (ui_select), in every pane, so
 * that the key about to be handled acts on it. */
static void
show_preview(struct ui *ui)
{
	if (!ui->preview_pending)
		return;
	ui_select(ui, ui->preview_id);
	recalc_panes(ui);
}

/* The list's own movements, which leave the other panes waiting. */
static bool
is_list_move(const struct ui *ui, enum action a)
{
	return ui->focus == PANE_LIST && (a == ACT_DOWN || a == ACT_UP ||
	    a == ACT_PAGE_DOWN || a == ACT_PAGE_UP || a == ACT_FIRST ||
	    a == ACT_LAST);
}

/* Recompute and draw what changed: the loop's work between two keys. */
static void
update_screen(struct ui *ui)
{
	int i;

	recalc_panes(ui);
	for (i = 0; i < PANE_COUNT; i++) {
		struct pane *p = &ui->pane[i];

		if ((p->flags & PANE_DIRTY) && p->win != NULL) {
			draw_title(ui, p, NULL);
			p->type->draw(p);
			wnoutrefresh(p->win);
		}
		p->flags &= ~PANE_DIRTY;
	}
}

void
ui_resized(struct ui *ui)
{
	apply_layout(ui);
	update_screen(ui);
}

struct live {
	struct ui	*ui;
	bool		 search;	/* else the filter */
	struct ui_scope	 base;		/* the scope being edited */
};

/* The search as it is typed: the word being typed is a beginning, so
 * "Kess" shows Kessing (after Enter, see enter_scope).  Not a field's
 * value: "source:a*" means nothing.  Nor a single character, which is
 * searched as a word: "s*" stands for thousands of words, and the list
 * froze for 1.4 s at 200,000 articles on the first key typed. */
static char *
as_typed(const char *text, bool search)
{
	const char *last = strrchr(text, ' ');
	size_t n = strlen(text);

	last = last != NULL ? last + 1 : text;
	if (search && text_chars(last) >= 2 && strchr(last, ':') == NULL &&
	    ((unsigned char)text[n - 1] >= 0x80 ||
	    isalnum((unsigned char)text[n - 1])))
		return xasprintf("%s*", text);
	return xstrdup(text);
}

/* Put text, applied as t, in sc as the search or the filter (both
 * borrowed). */
static void
scope_put(struct ui_scope *sc, char *text, char *t, bool search)
{
	if (search) {
		sc->search = *t ? t : NULL;
		sc->typed = *text ? text : NULL;
	} else {
		sc->filter = *t ? t : NULL;
		sc->view = NULL;
	}
}

/* As-you-type: show what the text matches so far, or what is wrong. */
static char *
live_change(const char *text, void *ctx)
{
	struct live *lv = ctx;
	struct ui_scope sc = lv->base;
	char *err = NULL, *t = as_typed(text, lv->search);
	char *typed = xstrdup(text);

	scope_put(&sc, typed, t, lv->search);
	/* The list follows; the article under it waits (hold_preview). */
	if (set_scope(lv->ui, &sc, &err) == 0) {
		update_screen(lv->ui);
		doupdate();
	}
	free(typed);
	free(t);
	return err;
}

static int
found_one(const struct store_row *r, void *ctx)
{
	(void)r;
	*(bool *)ctx = true;
	return 1;
}

/* Whether the list in scope shows no article. */
static bool
scope_empty(struct ui *ui)
{
	struct store_list_query q = { .filter = ui->query, .limit = 1 };
	char *err = NULL;
	bool found = false;

	store_list(ui->st, &q, found_one, &found, &err);
	free(err);
	return !found;
}

/* Enter: the words as typed, so that "ab" is the word ab, not every word
 * that begins so, as it was while typing; but where the last one finds
 * nothing as typed ("Kess"), it stays the beginning that the list
 * showed.  Returns -1 with *err as set_scope. */
static int
enter_scope(struct ui *ui, const struct ui_scope *base, char *text,
    bool search, char **err)
{
	struct ui_scope sc = *base;
	char *t = as_typed(text, search);
	int rc;

	if (strcmp(t, text) != 0) {
		scope_put(&sc, text, text, search);
		if ((rc = set_scope(ui, &sc, err)) != 0 || !scope_empty(ui)) {
			free(t);
			return rc;
		}
		sc = *base;
	}
	scope_put(&sc, text, t, search);
	rc = set_scope(ui, &sc, err);
	free(t);
	return rc;
}

/* / and f: edit the search words or the filter, applying them as they
 * are typed; Escape puts back the list as it was. */
static void
edit_scope(struct ui *ui, bool search)
{
	struct live lv = { ui, search, scope_dup(&ui->scope) };
	const char *now = !search ? ui->scope.filter : ui->scope.typed ?
	    ui->scope.typed : ui->scope.search;
	char *text, *err = NULL;
	int64_t id = ui->id;

	push_prev(ui);
	/* The article under the list is shown, and marked read, only once
	 * the text is applied. */
	ui->hold_preview = true;
	text = prompt_read(ui, search ? _("Search: ") : _("Filter: "), now,
	    live_change, &lv);
	ui->hold_preview = false;
	if (text == NULL) {
		restore_place(ui, &ui->prev[--ui->nprev]);
		ui->jump_to = id;
	} else {
		if (enter_scope(ui, &lv.base, text, search, &err) != 0) {
			ui_message(ui, "%s", err);
			free(err);
		}
		free(text);
	}
	scope_fini(&lv.base);
}

/* v: choose a view by name (a unique beginning will do); an empty answer
 * shows all articles. */
static void
pick_view(struct ui *ui)
{
	struct strbuf names = { 0 };
	struct ui_scope sc = { 0 };
	const struct settings_view *pick = NULL;
	char *label, *text, *err = NULL;
	size_t i, n = 0;

	if (ui->nviews == 0) {
		ui_message(ui, _("No views: add lines such as \"view world = "
		    "source:ap since:-7d\" to the settings file."));
		return;
	}
	for (i = 0; i < ui->nviews; i++)
		strbuf_addf(&names, "%s%s", i ? ", " : "", ui->views[i].name);
	label = xasprintf(_("View (%s): "), names.s);
	strbuf_fini(&names);
	text = prompt_read(ui, label, NULL, NULL, NULL);
	free(label);
	if (text == NULL)
		return;
	for (i = 0; i < ui->nviews && *text; i++) {
		if (strcmp(ui->views[i].name, text) == 0) {
			pick = &ui->views[i];
			n = 1;
			break;
		}
		if (strncmp(ui->views[i].name, text, strlen(text)) == 0) {
			pick = &ui->views[i];
			n++;
		}
	}
	if (*text && n != 1) {
		ui_message(ui, n ? _("More than one view starts with \"%s\".")
		    : _("No view named \"%s\"."), text);
		free(text);
		return;
	}
	free(text);
	push_prev(ui);
	if (pick != NULL) {
		sc.view = (char *)pick->name;
		sc.filter = (char *)pick->filter;
	}
	if (set_scope(ui, &sc, &err) != 0) {
		ui_message(ui, "%s", err);
		free(err);
	}
}

/* Ask question in the status line: true for y.  Any other key says no;
 * a new terminal size redraws the screen and asks again. */
static bool
confirm(struct ui *ui, const char *question)
{
	wint_t wc = 0;
	int rc;

	for (;;) {
		ui_message(ui, "%s", question);
		update_screen(ui);
		ui_draw_status(ui);
		doupdate();
		rc = ui_wait_key(ui, stdscr, &wc);
		if (rc != KEY_CODE_YES || wc != KEY_RESIZE)
			break;
		apply_layout(ui);
	}
	free(ui->message);
	ui->message = NULL;
	return rc == OK && (wc == L'y' || wc == L'Y');
}

/* A: every article of the list read, as newsboat's A or tin's catchup,
 * once the user has said yes to how many that is. */
static void
mark_list_read(struct ui *ui)
{
	char *err = NULL, *q;
	int64_t n, unread, changed = 0;
	int rc;

	if (ui->readonly) {
		ui_message(ui, "%s", _(readonly_note));
		return;
	}
	flush_marks(ui);
	if (store_count_matches(ui->st, ui->query, NULL, NULL, &n, &unread,
	    &err) != 0) {
		ui_message(ui, "%s", err);
		free(err);
		return;
	}
	if (unread == 0) {
		ui_message(ui, _("no unread article in this list"));
		return;
	}
	q = xasprintf(ngettext("Mark the %" PRId64 " unread article of this"
	    " list read? (y/n)", "Mark the %" PRId64 " unread articles of"
	    " this list read? (y/n)", (unsigned long)unread), unread);
	if (!confirm(ui, q)) {
		free(q);
		ui_message(ui, _("nothing marked"));
		return;
	}
	free(q);
	rc = store_mark_matches(ui->st, ui->query, true, &changed, &err);
	if (rc == STORE_EBUSY) {
		ui_message(ui, _("another lede is writing the cache: try again"
		    " in a moment"));
		return;
	}
	if (rc != 0) {
		ui_message(ui, "%s", err);
		free(err);
		return;
	}
	if (ui->article != NULL)
		ui->article->is_read = true;
	refresh_counts(ui);
	ui->view_stale = ui->query != NULL;
	mark_all(ui, PANE_RECALC);
	ui->jump_to = ui->id;
	ui_message(ui, ngettext("%" PRId64 " article marked read",
	    "%" PRId64 " articles marked read", (unsigned long)changed),
	    changed);
}

static void
global_action(struct ui *ui, enum action a)
{
	switch (a) {
	case ACT_QUIT:
		ui->quit = true;
		break;
	case ACT_FOCUS_NEXT:
		focus_step(ui, 1);
		break;
	case ACT_FOCUS_PREV:
		focus_step(ui, -1);
		break;
	case ACT_HELP:
		help_show(ui);
		apply_layout(ui);
		break;
	case ACT_LAYOUT:
		ui->mode = ui->lay.wide ? LAYOUT_NARROW : LAYOUT_WIDE;
		apply_layout(ui);
		break;
	case ACT_GROW:
	case ACT_SHRINK:
		ui->split = layout_step(COLS, LINES, ui->mode, ui->split,
		    ui->tab, a == ACT_GROW ? 5 : -5);
		apply_layout(ui);
		break;
	case ACT_TAB:
		ui->tab = ui->tab == STRIP_RELATED ? STRIP_CAPTIONS :
		    STRIP_RELATED;
		apply_layout(ui);
		/* Said, or the key seems dead. */
		if (ui->lay.wide)
			ui_message(ui, "%s", _("The wide layout shows captions "
			    "and related stories both."));
		break;
	case ACT_FOLD:
		fold_in_place(ui);
		break;
	case ACT_SEARCH:
	case ACT_FILTER:
		edit_scope(ui, a == ACT_SEARCH);
		mark_all(ui, PANE_DIRTY);
		break;
	case ACT_NEXT_HIT:
	case ACT_PREV_HIT:
		/* The body's hits, whichever pane has the focus. */
		ui->pane[PANE_BODY].type->on_action(&ui->pane[PANE_BODY], a);
		ui->pane[PANE_BODY].flags |= PANE_DIRTY;
		break;
	case ACT_VIEW:
		pick_view(ui);
		mark_all(ui, PANE_DIRTY);
		break;
	case ACT_CLEAR:
		if (ui->nprev > 0) {
			restore_place(ui, &ui->prev[--ui->nprev]);
		} else if (ui->query != NULL) {
			struct ui_scope none = { 0 };

			set_scope(ui, &none, NULL);
			ui->list_reset = false;
			ui->jump_to = ui->id;
		}
		break;
	case ACT_BACK:
		if (ui->nhistory > 0) {
			struct ui_place *pl = &ui->history[--ui->nhistory];

			/* Opening a duplicate unfolds the list to show it;
			 * back there, the list folds again, unless the user
			 * has chosen with z since.  (Esc keeps the fold.) */
			if (pl->fold && ui->unfolded_to_show && !ui->fold) {
				ui->fold = true;
				ui->unfolded_to_show = false;
			}
			restore_place(ui, pl);
		}
		break;
	case ACT_TOGGLE_READ:
	case ACT_TOGGLE_STAR:
		if (ui->article == NULL)
			break;
		if (ui->readonly) {
			ui_message(ui, "%s", _(readonly_note));
			break;
		}
		ui_mark(ui, ui->id, a == ACT_TOGGLE_STAR, a == ACT_TOGGLE_READ ?
		    !ui->article->is_read : !ui->article->is_starred, false);
		if (a == ACT_TOGGLE_READ)
			ui->article->is_read = !ui->article->is_read;
		else
			ui->article->is_starred = !ui->article->is_starred;
		ui->pane[PANE_LIST].flags |= PANE_RECALC;
		break;
	case ACT_MARK_ALL_READ:
		mark_list_read(ui);
		break;
	case ACT_PIPE:
		pipe_article(ui);
		apply_layout(ui);
		break;
	case ACT_REFRESH:
		refresh_counts(ui);
		mark_all(ui, PANE_RECALC);
		clearok(curscr, TRUE);
		break;
	default:
		break;
	}
}

/* Open a related story: remember where we were, then go there. */
void
ui_open_related(struct ui *ui, int64_t id)
{
	struct ui_scope none = { 0 };

	if (ui->nhistory == sizeof ui->history / sizeof ui->history[0]) {
		scope_fini(&ui->history[0].scope);
		memmove(ui->history, ui->history + 1, sizeof ui->history -
		    sizeof ui->history[0]);
		ui->nhistory--;
	}
	/* Back returns to this article in this list. */
	ui->history[ui->nhistory].id = ui->id;
	ui->history[ui->nhistory].scope = scope_dup(&ui->scope);
	ui->history[ui->nhistory].fold = ui->fold;
	ui->nhistory++;
	/* The list must be able to show it: drop a search that hides it. */
	if (ui->query != NULL)
		set_scope(ui, &none, NULL);
	ui->list_reset = false;
	ui->jump_to = id;
	ui->pane[PANE_LIST].flags |= PANE_RECALC;
	ui->focus = PANE_LIST;
	mark_all(ui, PANE_DIRTY);
}

/* ---- mouse -------------------------------------------------------------- */

static void
on_mouse(struct ui *ui)
{
	MEVENT ev;
	enum pane_id i;

	if (getmouse(&ev) != OK)
		return;
	for (i = 0; i < PANE_COUNT; i++) {
		struct pane *p = &ui->pane[i];

		if (p->win == NULL || ev.y < p->r.y || ev.y >= p->r.y + p->r.h ||
		    ev.x < p->r.x || ev.x >= p->r.x + p->r.w)
			continue;
		if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
			enum action a = ev.bstate & BUTTON4_PRESSED ? ACT_UP :
			    ACT_DOWN;
			int k;

			/* The wheel over the list moves it as keys do. */
			if (i == PANE_LIST)
				ui->defer_preview = true;
			else
				show_preview(ui);
			for (k = 0; k < 3; k++)
				p->type->on_action(p, a);
			return;
		}
		show_preview(ui);
		if (ui->focus != i) {
			ui->pane[ui->focus].flags |= PANE_DIRTY;
			ui->focus = i;
			p->flags |= PANE_DIRTY;
		}
		if (ev.y > p->r.y && p->type->on_click != NULL)
			p->type->on_click(p, ev.y - p->r.y - 1);
		return;
	}
}

/* ---- the loop ------------------------------------------------------------ */

static void
init_colors(struct ui *ui, const struct settings *set)
{
	const char *nc = getenv("NO_COLOR");
	int i;

	ui->color = has_colors() && (nc == NULL || *nc == '\0');
	if (!ui->color)
		return;
	start_color();
	use_default_colors();	/* the terminal's own palette */
	init_pair(1, COLOR_YELLOW, -1);	/* focused title */
	init_pair(2, COLOR_BLUE, -1);	/* other titles */
	init_pair(3, COLOR_CYAN, -1);	/* labels, sources */
	init_pair(4, COLOR_GREEN, -1);	/* rewrites and duplicates */
	init_pair(5, -1, -1);		/* status */
	for (i = 0; i < SETTINGS_COLOURS; i++)
		if (set->colour[i].set && (set->colour[i].fg < COLORS) &&
		    (set->colour[i].bg < COLORS))
			init_pair((short)(i + 1), (short)set->colour[i].fg,
			    (short)set->colour[i].bg);
}

int
ui_run(struct store *st, const struct ui_opts *o, char **err)
{
	struct ui ui = { .st = st };
	struct sigaction sa;
	struct settings set;
	const char *cs, *term;
	char *cap;
	SCREEN *screen;
	bool exit_after_draw;
	wint_t wc;
	int i, rc, r;
	int64_t v;

	settings_init(&set);
	{
		char *path = o->config ? xstrdup(o->config) :
		    settings_default_path();

		/* A file named with --config that cannot be read is most
		 * likely a typo: starting without the user's bindings and
		 * views would hide it. */
		if (path != NULL && settings_load(&set, path, o->config !=
		    NULL) == -2 && o->config != NULL) {
			*err = xstrdup(set.errors);
			free(path);
			settings_fini(&set);
			return -1;
		}
		free(path);
	}
	ui.mode = o->mode != LAYOUT_AUTO ? o->mode : set.layout;
	ui.fold = set.fold;
	ui.read_cluster = set.read_cluster;
	ui.split = set.split;
	ui.views = set.views;
	ui.nviews = set.nviews;
	poll_ms = set.refresh * 1000;
	ui.refresh_ms = poll_ms;
	ui.preview_ms = set.preview_delay;
	exit_after_draw = getenv("LEDE_EXIT_AFTER_DRAW") != NULL;
	cs = nl_langinfo(CODESET);
	ui.ascii = cs == NULL || strcmp(cs, "UTF-8") != 0;
	/* newterm, not initscr, which prints ncurses' own message and
	 * exits on an unknown terminal type. */
	term = getenv("TERM");
	if ((screen = newterm(NULL, stdout, stdin)) == NULL) {
		*err = term != NULL && *term != '\0' ?
		    xasprintf(_("%s: unknown terminal type (TERM)"), term) :
		    xstrdup(_("TERM is not set: the terminal type is unknown"));
		return -1;
	}
	/* A terminal that cannot place the cursor (dumb) could show
	 * nothing usable. */
	cap = tigetstr("cup");
	if (cap == NULL || cap == (char *)-1) {
		endwin();
		delscreen(screen);
		*err = xasprintf(_("%s: the terminal cannot move the cursor "
		    "(TERM)"), term != NULL ? term : "?");
		return -1;
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED |
	    BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	init_colors(&ui, &set);
	bind_keys();
	for (i = 0; i < (int)set.nbinds; i++)
		rebind(set.binds[i].code, set.binds[i].is_key,
		    set.binds[i].act);
	/* Problems with the file show in the status line; the rest of it
	 * applies. */
	if (set.errors != NULL) {
		int first = (int)strcspn(set.errors, "\n");

		if (set.nerrors > 1)
			/* TRANSLATORS: the first problem, then how many
			 * more; "lede check" is a command. */
			ui_message(&ui, ngettext("%.*s (and %zu more problem"
			    " in the file: \"lede check\" lists them)",
			    "%.*s (and %zu more problems in the file:"
			    " \"lede check\" lists them)", set.nerrors - 1),
			    first, set.errors, set.nerrors - 1);
		else
			ui_message(&ui, "%s", set.errors);
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	ui.pane[PANE_LIST].type = &pane_list_type;
	ui.pane[PANE_BODY].type = &pane_body_type;
	ui.pane[PANE_CAPTIONS].type = &pane_captions_type;
	ui.pane[PANE_RELATED].type = &pane_related_type;
	for (i = 0; i < PANE_COUNT; i++) {
		ui.pane[i].ui = &ui;
		ui.pane[i].type->init(&ui.pane[i]);
	}
	/* Writes (marks) must never freeze the reader while another lede
	 * imports: wait a moment for the lock, then keep the mark for later
	 * (ui_mark). */
	store_set_busy_timeout(st, 50);
	ui.jump_to = o->open_id;
	/* An article asked for by its ID is read when shown. */
	ui.opening = o->open_id == 0;
	ui.env.source = o->source;
	ui.env.source_ctx = o->source_ctx;
	ui.data_version = store_data_version(st);
	ui.total = ui.unread = -1;	/* counted after the first screen */
	if ((ui.readonly = store_readonly(st)))
		ui_message(&ui, "%s", _(readonly_note));
	ui.view_total = ui.view_unread = -1;
	apply_layout(&ui);
	timeout(poll_ms);

	while (!ui.quit && !got_signal) {
		update_screen(&ui);
		ui.defer_preview = false;
		ui_draw_status(&ui);
		doupdate();
		/* For benchmarks: the time to a first full screen. */
		if (exit_after_draw)
			break;
		if (ui.total < 0) {
			refresh_counts(&ui);
			ui_draw_status(&ui);
			doupdate();
		}

		rc = next_key(&ui, &wc, ui.preview_pending ? ui.preview_ms :
		    poll_ms);
		if (ui.npending > 0)
			flush_marks(&ui);
		if (rc == ERR) {
			if (ui_gone())
				break;
			if (ui.preview_pending) {
				show_preview(&ui);
				continue;
			}
			/* Idle: recount what marks changed (an index-only
			 * scan, not worth doing on every key). */
			if (ui.counts_stale && ui.npending == 0) {
				ui.counts_stale = false;
				refresh_counts(&ui);
				ui.view_stale = true;
			}
			/* The timeout: has another process imported? */
			v = store_data_version(st);
			if (v != ui.data_version) {
				ui.data_version = v;
				refresh_counts(&ui);
				ui.view_stale = true;
				ui.jump_to = ui.id;
				ui.pane[PANE_LIST].flags |= PANE_RECALC;
			}
			continue;
		}
		if (ui.message != NULL) {
			free(ui.message);
			ui.message = NULL;
		}
		if (rc == KEY_CODE_YES && wc == KEY_RESIZE) {
			show_preview(&ui);
			apply_layout(&ui);
			continue;
		}
		if (rc == KEY_CODE_YES && wc == KEY_MOUSE) {
			end_opening(&ui, false);
			on_mouse(&ui);
			continue;
		}
		{
			enum action a = lookup((int)wc, rc == KEY_CODE_YES);
			struct pane *p = &ui.pane[ui.focus];

			if (a == ACT_NONE)
				continue;
			if (!looks_only(a))
				end_opening(&ui, a == ACT_QUIT);
			/* Any other key acts on the article selected; quitting
			 * leaves one the list only passed unread. */
			if (is_list_move(&ui, a))
				ui.defer_preview = true;
			else if (a != ACT_QUIT)
				show_preview(&ui);
			r = p->type->on_action(p, a);
			if (r & IGNORED)
				global_action(&ui, a);
			p->flags |= PANE_DIRTY;
		}
	}

	for (i = 0; i < PANE_COUNT; i++) {
		if (ui.pane[i].type->fini != NULL)
			ui.pane[i].type->fini(&ui.pane[i]);
		if (ui.pane[i].win != NULL)
			delwin(ui.pane[i].win);
	}
	endwin();
	delscreen(screen);
	/* Marks still waiting: now the wait may be long. */
	if (ui.npending > 0) {
		store_set_busy_timeout(st, 10000);
		flush_marks(&ui);
	}
	article_free(ui.article);
	clear_related(&ui);
	scope_fini(&ui.scope);
	query_free(ui.query);
	while (ui.nprev > 0)
		scope_fini(&ui.prev[--ui.nprev].scope);
	while (ui.nhistory > 0)
		scope_fini(&ui.history[--ui.nhistory].scope);
	free(ui.message);
	free(ui.pipe_cmd);
	settings_fini(&set);
	return 0;
}
