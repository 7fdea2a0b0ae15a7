/* ui: the reader's loop.  One iteration: apply a resize, let panes that
 * need it fetch their rows (recalc), draw the dirty ones into their own
 * windows, write the screen once (doupdate), then wait for a key with a
 * timeout so that another process's import is noticed.  Keys become
 * actions through the keymap built from actions.def; the focused pane
 * handles what it can and the rest falls to the global handler here. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "article.h"
#include "i18n.h"
#include "store.h"
#include "text.h"
#include "ui/help.h"
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

bool
ui_stopping(void)
{
	/* The reader starts only on a terminal (main checks), so one that
	 * is no longer a terminal was hung up, perhaps without a SIGHUP
	 * reaching us: we may be outside its session. */
	return got_signal != 0 || !isatty(STDIN_FILENO);
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

const char *
ui_action_keys(enum action a)
{
	return a < ACT_COUNT && action_keys[a] ? action_keys[a] : "";
}

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

const char *
ui_key_label(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (strcmp(name, key_names[i].def) == 0)
			return key_names[i].label;
	return name;
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
		if (n > (size_t)width)
			show[width] = '\0';
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

void
ui_date(int64_t t, char out[11])
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t == ARTICLE_UNDATED || gmtime_r(&tt, &tm) == NULL)
		out[0] = '\0';
	else
		strftime(out, 11, "%Y-%m-%d", &tm);
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

	ui->related = xreallocarray(ui->related, ui->nrelated + 1,
	    sizeof *ui->related);
	it = &ui->related[ui->nrelated++];
	it->id = r->id;
	it->score = r->score;
	it->label = xstrdup(r->label ? r->label : "");
	it->title = xstrdup(r->title ? r->title : "");
	it->source = r->source ? xstrdup(r->source) : NULL;
	it->published = r->published;
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

static int
write_mark(struct ui *ui, const struct pending_mark *m)
{
	char *err = NULL;
	int rc = m->star ? store_set_starred(ui->st, m->id, m->value, &err) :
	    store_set_read(ui->st, m->id, m->value, m->cluster, &err);

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

void
ui_select(struct ui *ui, int64_t id)
{
	char *err = NULL;
	int i;

	if (id == ui->id && ui->article != NULL)
		return;
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
		if (store_related(ui->st, id, 0, collect_related, ui, &err) < 0) {
			ui_message(ui, "%s", err ? err : "");
			free(err);
			err = NULL;
		}
		if (!ui->article->is_read) {
			ui_mark(ui, id, false, true, ui->read_cluster);
			ui->article->is_read = true;
			ui->unread--;
			ui->pane[PANE_LIST].flags |= PANE_DIRTY;
		}
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

static void
draw_status(struct ui *ui)
{
	char *left, buf[64];
	struct pane *p = &ui->pane[ui->focus];

	if (ui->message != NULL) {
		left = xstrdup(ui->message);
	} else {
		char ubuf[64];

		/* Counted just after the first screen: "…" until then. */
		if (ui->total < 0) {
			snprintf(buf, sizeof buf, "%s", ui->ascii ? "..." : "…");
			snprintf(ubuf, sizeof ubuf, "%s", buf);
		} else {
			snprintf(buf, sizeof buf, "%" PRId64, ui->total);
			snprintf(ubuf, sizeof ubuf, "%" PRId64, ui->unread);
		}
		/* TRANSLATORS: status line: pane, article count, unread,
		 * search words or "-", fold state. */
		left = xasprintf(_(" %s | %s articles, %s unread | "
		    "search: %s | %s | ? help"), _(p->type->name), buf, ubuf,
		    ui->search ? ui->search : "-", ui->fold ? _("folded") :
		    _("unfolded"));
	}
	ui_put(ui, stdscr, ui->lay.status.y, 0, COLS, left, ui->color ?
	    COLOR_PAIR(5) | A_REVERSE : A_REVERSE);
	wnoutrefresh(stdscr);
	free(left);
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
global_action(struct ui *ui, enum action a)
{
	char *words;

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
		ui->split += a == ACT_GROW ? 5 : -5;
		if (ui->split < LAYOUT_SPLIT_MIN)
			ui->split = LAYOUT_SPLIT_MIN;
		if (ui->split > LAYOUT_SPLIT_MAX)
			ui->split = LAYOUT_SPLIT_MAX;
		apply_layout(ui);
		break;
	case ACT_TAB:
		ui->tab = ui->tab == STRIP_RELATED ? STRIP_CAPTIONS :
		    STRIP_RELATED;
		apply_layout(ui);
		break;
	case ACT_FOLD:
		/* Unfolding keeps the article in view; folding may hide it,
		 * so the list starts again. */
		ui->fold = !ui->fold;
		if (ui->fold)
			ui->list_reset = true;
		else
			ui->jump_to = ui->id;
		ui->pane[PANE_LIST].flags |= PANE_RECALC;
		break;
	case ACT_SEARCH:
		words = prompt_read(ui, _("Search: "), ui->search);
		if (words != NULL) {
			free(ui->search);
			ui->search = *words ? words : NULL;
			if (!*words)
				free(words);
			ui->jump_to = 0;
			ui->list_reset = true;
			ui->pane[PANE_LIST].flags |= PANE_RECALC;
		}
		mark_all(ui, PANE_DIRTY);
		break;
	case ACT_CLEAR:
		if (ui->search != NULL) {
			free(ui->search);
			ui->search = NULL;
			ui->jump_to = ui->id;
			ui->pane[PANE_LIST].flags |= PANE_RECALC;
		}
		break;
	case ACT_BACK:
		if (ui->nhistory > 0) {
			ui->jump_to = ui->history[--ui->nhistory];
			ui->pane[PANE_LIST].flags |= PANE_RECALC;
		}
		break;
	case ACT_TOGGLE_READ:
	case ACT_TOGGLE_STAR:
		if (ui->article == NULL)
			break;
		ui_mark(ui, ui->id, a == ACT_TOGGLE_STAR, a == ACT_TOGGLE_READ ?
		    !ui->article->is_read : !ui->article->is_starred, false);
		if (a == ACT_TOGGLE_READ) {
			ui->article->is_read = !ui->article->is_read;
			ui->unread += ui->article->is_read ? -1 : 1;
		} else
			ui->article->is_starred = !ui->article->is_starred;
		ui->pane[PANE_LIST].flags |= PANE_RECALC;
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
	if (ui->nhistory == sizeof ui->history / sizeof ui->history[0]) {
		memmove(ui->history, ui->history + 1, sizeof ui->history -
		    sizeof ui->history[0]);
		ui->nhistory--;
	}
	ui->history[ui->nhistory++] = ui->id;
	/* The list must be able to show it: drop a search that hides it. */
	free(ui->search);
	ui->search = NULL;
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

			for (k = 0; k < 3; k++)
				p->type->on_action(p, a);
			return;
		}
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
	const char *cs;
	bool exit_after_draw;
	wint_t wc;
	int i, rc, r;
	int64_t v;

	settings_init(&set);
	{
		char *path = o->config ? xstrdup(o->config) :
		    settings_default_path();

		if (path != NULL)
			settings_load(&set, path);
		free(path);
	}
	ui.mode = o->mode != LAYOUT_AUTO ? o->mode : set.layout;
	ui.fold = set.fold;
	ui.read_cluster = set.read_cluster;
	ui.split = set.split;
	poll_ms = set.refresh * 1000;
	ui.refresh_ms = poll_ms;
	exit_after_draw = getenv("LEDE_EXIT_AFTER_DRAW") != NULL;
	cs = nl_langinfo(CODESET);
	ui.ascii = cs == NULL || strcmp(cs, "UTF-8") != 0;
	if (initscr() == NULL) {
		*err = xstrdup(_("cannot set up the terminal"));
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
		if (set.nerrors > 1)
			ui_message(&ui, _("%s (and %zu more problems in the "
			    "file)"), set.errors, set.nerrors - 1);
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
	ui.data_version = store_data_version(st);
	ui.total = ui.unread = -1;	/* counted after the first screen */
	apply_layout(&ui);
	timeout(poll_ms);

	while (!ui.quit && !got_signal) {
		for (i = 0; i < PANE_COUNT; i++) {
			struct pane *p = &ui.pane[i];

			if ((p->flags & PANE_RECALC) && p->win != NULL) {
				p->type->recalc(p);
				p->flags |= PANE_DIRTY;
			}
			p->flags &= ~PANE_RECALC;
		}
		/* The list may have selected another article. */
		for (i = PANE_BODY; i < PANE_COUNT; i++) {
			struct pane *p = &ui.pane[i];

			if ((p->flags & PANE_RECALC) && p->win != NULL) {
				p->type->recalc(p);
				p->flags |= PANE_DIRTY;
			}
			p->flags &= ~PANE_RECALC;
		}
		for (i = 0; i < PANE_COUNT; i++) {
			struct pane *p = &ui.pane[i];

			if ((p->flags & PANE_DIRTY) && p->win != NULL) {
				draw_title(&ui, p, NULL);
				p->type->draw(p);
				wnoutrefresh(p->win);
			}
			p->flags &= ~PANE_DIRTY;
		}
		draw_status(&ui);
		doupdate();
		/* For benchmarks: the time to a first full screen. */
		if (exit_after_draw)
			break;
		if (ui.total < 0) {
			refresh_counts(&ui);
			draw_status(&ui);
			doupdate();
		}

		rc = get_wch(&wc);
		if (ui.npending > 0)
			flush_marks(&ui);
		if (rc == ERR) {
			if (ui_stopping()) {
				ui.quit = true;
				continue;
			}
			/* Idle: recount what marks changed (an index-only
			 * scan, not worth doing on every key). */
			if (ui.counts_stale && ui.npending == 0) {
				ui.counts_stale = false;
				refresh_counts(&ui);
			}
			/* The timeout: has another process imported? */
			v = store_data_version(st);
			if (v != ui.data_version) {
				ui.data_version = v;
				refresh_counts(&ui);
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
			apply_layout(&ui);
			continue;
		}
		if (rc == KEY_CODE_YES && wc == KEY_MOUSE) {
			on_mouse(&ui);
			continue;
		}
		{
			enum action a = lookup((int)wc, rc == KEY_CODE_YES);
			struct pane *p = &ui.pane[ui.focus];

			if (a == ACT_NONE)
				continue;
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
	/* Marks still waiting: now the wait may be long. */
	if (ui.npending > 0) {
		store_set_busy_timeout(st, 10000);
		flush_marks(&ui);
	}
	article_free(ui.article);
	clear_related(&ui);
	free(ui.search);
	free(ui.message);
	settings_fini(&set);
	return 0;
}
