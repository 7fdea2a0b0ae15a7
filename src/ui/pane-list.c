/* pane-list: the article list.  It keeps one screenful of rows and the
 * key of the first; every movement is at most one keyset query of a
 * screenful (store_list_page), so its cost depends on the screen, not on
 * the cache.  Moving the selection selects the article (ui_select). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "i18n.h"
#include "store.h"
#include "ui/ui.h"
#include "util.h"

struct row {
	struct store_key key;
	int64_t	 id;
	int64_t	 published;
	int64_t	 copies;
	char	*title;
	char	*source;
	bool	 is_read;
	bool	 is_starred;
	bool	 copies_unread;
};

struct list {
	struct row	*rows;
	size_t		 n, cap;
	size_t		 sel;
	int64_t		 want;		/* select this on the next recalc */
	bool		 has_top;
	struct store_key top;
};

struct fetch {
	struct row	*v;
	size_t		 n, cap;
};

static int
add_row(const struct store_page_row *r, void *ctx)
{
	struct fetch *f = ctx;
	struct row *x;

	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 32;
		f->v = xreallocarray(f->v, f->cap, sizeof *f->v);
	}
	x = &f->v[f->n++];
	x->key = r->key;
	x->id = r->id;
	x->published = r->published;
	x->copies = r->copies;
	x->title = xstrdup(r->title ? r->title : "");
	x->source = r->source ? xstrdup(r->source) : NULL;
	x->is_read = r->is_read;
	x->is_starred = r->is_starred;
	x->copies_unread = r->copies_unread;
	return 0;
}

static void
free_rows(struct row *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].title);
		free(v[i].source);
	}
	free(v);
}

/* The rows q asks for. */
static struct fetch
fetch_page(struct pane *p, const struct store_page_query *q)
{
	struct fetch f = { 0 };
	char *err = NULL;

	if (store_list_page(p->ui->st, q, add_row, &f, &err) != 0) {
		ui_message(p->ui, "%s", err);
		free(err);
	}
	return f;
}

/* Rows from key (NULL: the newest) towards older or newer articles. */
static struct fetch
fetch(struct pane *p, const struct store_key *from, bool inclusive,
    bool older, int limit)
{
	struct store_page_query q = { .from = from, .inclusive = inclusive,
	    .older = older, .limit = limit, .fold = p->ui->fold,
	    .filter = p->ui->query };

	return fetch_page(p, &q);
}

/* Put r first in f, a page of at most h rows: a full page's last row
 * makes room. */
static void
put_first(struct fetch *f, struct row r, int h)
{
	if (f->n > 0 && f->n >= (size_t)h) {
		f->n--;
		free(f->v[f->n].title);
		free(f->v[f->n].source);
	}
	f->v = xreallocarray(f->v, f->n + 1, sizeof *f->v);
	memmove(f->v + 1, f->v, f->n * sizeof *f->v);
	f->v[0] = r;
	f->n++;
}

static bool
has_row(const struct fetch *f, int64_t id)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (f->v[i].id == id)
			return true;
	return false;
}

static void
list_init(struct pane *p)
{
	p->data = xcalloc(1, sizeof(struct list));
}

static void
list_fini(struct pane *p)
{
	struct list *l = p->data;

	free_rows(l->rows, l->n);
	free(l);
}

static void
select_current(struct pane *p)
{
	struct list *l = p->data;

	if (l->n == 0) {
		ui_select(p->ui, 0);
		return;
	}
	if (l->sel >= l->n)
		l->sel = l->n - 1;
	ui_select(p->ui, l->rows[l->sel].id);
}

static void list_recalc_anchored(struct pane *p, bool anchored);

static void
list_recalc(struct pane *p)
{
	list_recalc_anchored(p, false);
}

/* anchored: this is already the second try, anchored on the selection. */
static void
list_recalc_anchored(struct pane *p, bool anchored)
{
	struct ui *ui = p->ui;
	struct list *l = p->data;
	int h = ui_rows(p);
	struct fetch f, more;
	int64_t keep = l->want ? l->want : l->n ? l->rows[l->sel].id : 0;
	bool jumped = false;
	size_t i;

	l->want = 0;

	if (ui->list_reset) {
		/* A new search or fold: the list starts again at the top. */
		ui->list_reset = false;
		l->has_top = false;
		keep = 0;
	}
	f = fetch(p, l->has_top ? &l->top : NULL, true, true, h);
	/* A jump to a row the page shows moves the selection only (z, or
	 * Space to the next unread): the list keeps its place.  The page
	 * is fetched to know, not the rows on screen: folded, a cluster's
	 * row can come on the page from below it. */
	if (ui->jump_to != 0 && !anchored && has_row(&f, ui->jump_to)) {
		keep = ui->jump_to;
		ui->jump_to = 0;
	}
	if (ui->jump_to != 0) {
		jumped = !anchored;
		struct store_key k;
		char *err = NULL;

		if (store_article_key(ui->st, ui->jump_to, &k, &err) == 0) {
			l->top = k;
			l->has_top = true;
			keep = ui->jump_to;
			free_rows(f.v, f.n);
			f = fetch(p, &l->top, true, true, h);
		}
		free(err);
		ui->jump_to = 0;
	}
	/* The page starts at the article to show, which it lacks.  (Before
	 * the rows above are added: they move the top off it.) */
	if (keep != 0 && l->has_top && l->top.id == keep && (f.n == 0 ||
	    f.v[0].id != keep)) {
		/* The page unfolded, and every article alone. */
		struct store_page_query unfolded = { .from = &l->top,
		    .inclusive = true, .older = true, .limit = h,
		    .filter = ui->query };
		struct store_page_query alone = { .from = &l->top,
		    .inclusive = true, .older = true, .limit = 1 };
		struct fetch u = { 0 };

		/* Opened, and the fold hides it: unfold to show it. */
		if (jumped && ui->fold)
			u = fetch_page(p, &unfolded);
		if (u.n > 0 && u.v[0].id == keep) {
			free_rows(f.v, f.n);
			f = u;
			ui->fold = false;
			ui->unfolded_to_show = true;
			ui_message(ui, _("Unfolded to show a duplicate."));
		} else {
			/* The filter no longer takes it ("unread", once it
			 * is read): it stays in view while it is selected,
			 * rather than the selection moving on and marking
			 * another article read. */
			free_rows(u.v, u.n);
			u = fetch_page(p, &alone);
			if (u.n == 1 && u.v[0].id == keep) {
				put_first(&f, u.v[0], h);
				free(u.v);
			} else
				free_rows(u.v, u.n);
		}
	}
	/* Near the end of the list, fill the screen from above. */
	if (l->has_top && f.n < (size_t)h && f.n > 0) {
		more = fetch(p, &f.v[0].key, false, false, h - (int)f.n);
		if (more.n > 0) {
			struct row *v = xcalloc(f.n + more.n, sizeof *v);

			for (i = 0; i < more.n; i++)
				v[i] = more.v[more.n - 1 - i];
			memcpy(v + more.n, f.v, f.n * sizeof *v);
			free(more.v);
			free(f.v);
			f.v = v;
			f.n += more.n;
			l->top = f.v[0].key;
		} else
			free(more.v);
	}
	if (f.n == 0 && l->has_top) {
		l->has_top = false;
		free(f.v);
		f = fetch(p, NULL, true, true, h);
	}
	/* The status line says so beside the query, for as long as the
	 * list is empty (as-you-type passes through texts that match
	 * nothing, "B" on the way to "Brenmoor"). */
	ui->no_match = f.n == 0 && ui->query != NULL;
	free_rows(l->rows, l->n);
	l->rows = f.v;
	l->n = f.n;
	l->sel = 0;
	for (i = 0; i < l->n; i++)
		if (l->rows[i].id == keep)
			break;
	if (i < l->n) {
		l->sel = i;
	} else if (keep != 0 && !anchored) {
		/* The selected article fell off the page (a smaller window,
		 * new articles above it): anchor the page on it again. */
		ui->jump_to = keep;
		list_recalc_anchored(p, true);
		return;
	}
	select_current(p);
}

static void
list_draw(struct pane *p)
{
	struct ui *ui = p->ui;
	struct list *l = p->data;
	int h = ui_rows(p), w = p->r.w, y, x;
	bool focus = &ui->pane[ui->focus] == p;
	char mark[4];

	for (y = 0; y < h; y++) {
		const struct row *r;
		bool unread;
		attr_t a;

		if ((size_t)y >= l->n) {
			ui_put(ui, p->win, y + 1, 0, w, "", A_NORMAL);
			continue;
		}
		r = &l->rows[y];
		/* The selected article's marks may have changed since. */
		if (r->id == ui->id && ui->article != NULL) {
			l->rows[y].is_read = ui->article->is_read;
			l->rows[y].is_starred = ui->article->is_starred;
		}
		unread = !r->is_read || r->copies_unread;
		a = unread ? A_BOLD : A_NORMAL;
		if ((size_t)y == l->sel)
			a |= focus ? A_REVERSE : A_UNDERLINE;
		mark[0] = unread ? 'N' : ' ';
		mark[1] = r->is_starred ? '*' : ' ';
		mark[2] = ' ';
		mark[3] = '\0';
		ui_put(ui, p->win, y + 1, 0, 3 < w ? 3 : w, mark, a);
		x = ui_put_date_source(ui, p->win, y + 1, 3, w, r->published,
		    r->source, 40, 64, 17, a);
		ui_put_title(ui, p->win, y + 1, x, w, r->copies, r->title, a);
	}
}

/* Forget the rows (and so the selection) before a move that leaves the
 * page, so that the new page is not anchored back on the old article. */
static void
drop_rows(struct list *l)
{
	free_rows(l->rows, l->n);
	l->rows = NULL;
	l->n = 0;
	l->sel = 0;
}

/* Move the window by up to half a page at its edge; false if there is
 * no row to move to, else *next is the row next to the old edge.  Half
 * a page, not a row: moving by a row redraws every line of the list, a
 * pane narrower than the terminal that curses cannot scroll, so holding
 * j at the bottom wrote the whole list for each row over the link. */
static bool
shift(struct pane *p, bool older, int64_t *next)
{
	struct list *l = p->data;
	struct fetch f;
	int h = ui_rows(p);
	size_t m;

	if (l->n == 0)
		return false;
	f = fetch(p, older ? &l->rows[l->n - 1].key : &l->rows[0].key, false,
	    older, h > 3 ? h / 2 : 1);
	if ((m = f.n) > 0) {
		/* fetch gives the nearest row first. */
		*next = f.v[0].id;
		l->top = older ? (m < l->n ? l->rows[m].key :
		    f.v[m - l->n].key) : f.v[m - 1].key;
		l->has_top = true;
	}
	free_rows(f.v, f.n);
	return m > 0;
}

/* After shift: the page from the new top, with next selected. */
static void
select_after_shift(struct pane *p, int64_t next)
{
	struct list *l = p->data;

	l->want = next;
	list_recalc(p);
}

static int
list_action(struct pane *p, enum action a)
{
	struct ui *ui = p->ui;
	struct list *l = p->data;
	int h = ui_rows(p);
	struct fetch f;
	int64_t next;

	switch (a) {
	case ACT_DOWN:
		if (l->sel + 1 < l->n) {
			l->sel++;
			select_current(p);
		} else if (shift(p, true, &next))
			select_after_shift(p, next);
		return HANDLED;
	case ACT_UP:
		if (l->sel > 0) {
			l->sel--;
			select_current(p);
		} else if (shift(p, false, &next))
			select_after_shift(p, next);
		return HANDLED;
	case ACT_PAGE_DOWN:
		if (l->n == 0)
			return HANDLED;
		f = fetch(p, &l->rows[l->n - 1].key, false, true, 1);
		if (f.n > 0) {
			l->top = f.v[0].key;
			l->has_top = true;
			drop_rows(l);
			list_recalc(p);
		} else {
			l->sel = l->n - 1;
			select_current(p);
		}
		free_rows(f.v, f.n);
		return HANDLED;
	case ACT_PAGE_UP:
		if (l->n == 0)
			return HANDLED;
		f = fetch(p, &l->rows[0].key, false, false, h);
		if (f.n > 0) {
			l->top = f.v[f.n - 1].key;
			l->has_top = true;
			drop_rows(l);
			list_recalc(p);
		} else {
			l->sel = 0;
			select_current(p);
		}
		free_rows(f.v, f.n);
		return HANDLED;
	case ACT_FIRST:
		l->has_top = false;
		drop_rows(l);
		list_recalc(p);
		l->sel = 0;
		select_current(p);
		return HANDLED;
	case ACT_LAST:
		f = fetch(p, NULL, true, false, h);
		if (f.n > 0) {
			l->top = f.v[f.n - 1].key;
			l->has_top = true;
			drop_rows(l);
			list_recalc(p);
			l->sel = l->n ? l->n - 1 : 0;
			select_current(p);
		}
		free_rows(f.v, f.n);
		return HANDLED;
	case ACT_READ_ON:
		/* Space pages the body even from the list. */
		if (ui->pane[PANE_BODY].win == NULL)
			return IGNORED;
		ui->pane[PANE_BODY].flags |= PANE_DIRTY;
		return ui->pane[PANE_BODY].type->on_action(&ui->pane[PANE_BODY],
		    a);
	default:
		return IGNORED;
	}
}

static void
list_click(struct pane *p, int y)
{
	struct list *l = p->data;

	if ((size_t)y < l->n) {
		l->sel = (size_t)y;
		select_current(p);
	}
}

bool
pane_list_next_unread(struct pane *p)
{
	struct list *l = p->data;
	struct ui *ui = p->ui;
	struct store_page_query q = { .older = true, .limit = 1,
	    .filter = ui->query, .unread_only = true };
	struct row *cur;
	struct fetch f;
	int64_t to = 0, head;
	char *err = NULL;
	bool found = false, wrapped = false;

	if (l->n == 0)
		return false;
	cur = &l->rows[l->sel];
	/* Done with this story: its copies are read too, a copy that came
	 * in after the story was read included (which the folded row
	 * shows, and opening the story leaves alone). */
	if (ui->fold && ui->read_cluster && cur->copies_unread) {
		ui_mark(ui, cur->id, false, true, true);
		cur->copies_unread = false;
		p->flags |= PANE_DIRTY;
	}
	/* Unfolded: the unread article may be a copy the fold hides.  Its
	 * cluster's row stands for it where reading one copy reads all;
	 * else the jump to the copy unfolds the list to show it. */
	q.from = &cur->key;
	f = fetch_page(p, &q);
	if (f.n == 0) {
		/* None below: the newest unread above, as a newsreader's
		 * next-unread wraps within the group. */
		free_rows(f.v, f.n);
		q.from = NULL;
		q.inclusive = true;
		f = fetch_page(p, &q);
		wrapped = true;
	}
	if (f.n == 1) {
		to = f.v[0].id;
		if (ui->fold && ui->read_cluster && store_fold_head(ui->st, to,
		    ui->query, &head, &err) == 0)
			to = head;
		free(err);
	}
	if (to != 0 && to != cur->id) {
		if (wrapped)
			ui_message(ui, _("Wrapped to the newest unread "
			    "article."));
		ui->jump_to = to;
		list_recalc(p);
		found = true;
	}
	free_rows(f.v, f.n);
	p->flags |= PANE_DIRTY;
	return found;
}

const struct pane_type pane_list_type = {
	.name = N_("Articles"),
	.init = list_init,
	.recalc = list_recalc,
	.draw = list_draw,
	.on_action = list_action,
	.on_click = list_click,
	.fini = list_fini,
};
