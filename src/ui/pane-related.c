/* pane-related: the selected article's stored related list (label, date,
 * source, title), best first; Enter opens one, and "back" returns. */
#include "config.h"

#include <stdlib.h>

#include "article.h"
#include "i18n.h"
#include "ui/listview.h"
#include "ui/ui.h"
#include "util.h"

static void
related_init(struct pane *p)
{
	p->data = xcalloc(1, sizeof(struct listview));
}

static void
related_fini(struct pane *p)
{
	free(p->data);
}

static void
related_recalc(struct pane *p)
{
	struct listview *lv = p->data;

	lv->sel = lv->top = 0;
	listview_set(lv, p->ui->nrelated, (size_t)ui_rows(p));
}

static void
related_draw(struct pane *p)
{
	struct ui *ui = p->ui;
	struct listview *lv = p->data;
	bool focus = &ui->pane[ui->focus] == p;
	int h = ui_rows(p), w = p->r.w, y, x;

	listview_set(lv, ui->nrelated, (size_t)h);
	for (y = 0; y < h; y++) {
		size_t i = lv->top + (size_t)y;
		const struct related_item *r;
		attr_t a = A_NORMAL, la;

		if (i >= ui->nrelated) {
			ui_put(ui, p->win, y + 1, 0, w, i == 0 && y == 0 &&
			    ui->article != NULL ? _(" No related stories.") :
			    "", A_DIM);
			continue;
		}
		r = &ui->related[i];
		if (i == lv->sel && focus)
			a = A_REVERSE;
		la = a | A_BOLD | (ui->color ? COLOR_PAIR(r->label[0] == 'r' &&
		    r->label[2] == 'w' ? 4 : r->label[0] == 'd' ? 4 : 3) : 0);
		ui_put(ui, p->win, y + 1, 0, 1, "", a);
		ui_put(ui, p->win, y + 1, 1, 11 < w - 1 ? 11 : w - 1, r->label,
		    la);
		x = ui_put_date_source(ui, p->win, y + 1, 12, w, r->published,
		    r->source, 44, 72, 15, a);
		ui_put_title(ui, p->win, y + 1, x, w, r->copies, r->title, a);
	}
}

static int
related_action(struct pane *p, enum action a)
{
	struct listview *lv = p->data;
	long page = ui_rows(p) > 1 ? ui_rows(p) - 1 : 1;

	listview_set(lv, p->ui->nrelated, (size_t)ui_rows(p));
	switch (a) {
	case ACT_DOWN:
		listview_move(lv, 1);
		return HANDLED;
	case ACT_UP:
		listview_move(lv, -1);
		return HANDLED;
	case ACT_PAGE_DOWN:
		listview_move(lv, page);
		return HANDLED;
	case ACT_PAGE_UP:
		listview_move(lv, -page);
		return HANDLED;
	case ACT_FIRST:
		listview_to(lv, 0);
		return HANDLED;
	case ACT_LAST:
		listview_to(lv, lv->n ? lv->n - 1 : 0);
		return HANDLED;
	case ACT_OPEN:
		if (lv->sel < p->ui->nrelated)
			ui_open_related(p->ui, p->ui->related[lv->sel].id);
		return HANDLED;
	default:
		return IGNORED;
	}
}

static void
related_click(struct pane *p, int y)
{
	struct listview *lv = p->data;

	listview_set(lv, p->ui->nrelated, (size_t)ui_rows(p));
	if (lv->top + (size_t)y < lv->n)
		listview_to(lv, lv->top + (size_t)y);
}

const struct pane_type pane_related_type = {
	.name = N_("Related"),
	.init = related_init,
	.recalc = related_recalc,
	.draw = related_draw,
	.on_action = related_action,
	.on_click = related_click,
	.fini = related_fini,
};
