/* pane-body: the selected article: title, dek, byline, dateline, source
 * and date, then the paragraphs wrapped to the pane. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "i18n.h"
#include "ui/textpane.h"
#include "ui/ui.h"
#include "util.h"

static void
body_init(struct pane *p)
{
	p->data = xcalloc(1, sizeof(struct textpane));
}

static void
body_fini(struct pane *p)
{
	textpane_clear(p->data);
	free(p->data);
}

static void
body_recalc(struct pane *p)
{
	struct textpane *t = p->data;
	const struct article *a = p->ui->article;
	size_t w = p->r.w > 3 ? (size_t)p->r.w - 2 : 1;
	struct strbuf meta = { 0 };
	char date[11];
	char *by;

	textpane_clear(t);
	if (a == NULL) {
		textpane_add(t, _("No article selected."), w, A_DIM);
		return;
	}
	textpane_add(t, a->title, w, A_BOLD);
	if (a->dek != NULL)
		textpane_add(t, a->dek, w, A_NORMAL);
	if (a->byline != NULL) {
		by = xasprintf(_("By %s"), a->byline);
		textpane_add(t, by, w, A_DIM);
		free(by);
	}
	ui_date(a->published, date);
	if (a->dateline != NULL)
		strbuf_adds(&meta, a->dateline);
	if (a->source != NULL) {
		if (meta.len)
			strbuf_adds(&meta, p->ui->ascii ? " - " : " · ");
		strbuf_adds(&meta, a->source);
	}
	if (meta.len)
		strbuf_adds(&meta, p->ui->ascii ? " - " : " · ");
	strbuf_adds(&meta, *date ? date : _("undated"));
	textpane_add(t, meta.s, w, A_DIM);
	strbuf_fini(&meta);
	textpane_add(t, "", w, A_NORMAL);
	textpane_add(t, a->body, w, A_NORMAL);
}

static void
body_draw(struct pane *p)
{
	textpane_draw(p, p->data);
}

static int
body_action(struct pane *p, enum action a)
{
	struct textpane *t = p->data;

	if (a == ACT_READ_ON) {
		listview_set(&t->lv, t->n, (size_t)ui_rows(p));
		if (listview_at_end(&t->lv)) {
			if (!pane_list_next_unread(&p->ui->pane[PANE_LIST]))
				ui_message(p->ui, _("No more unread articles."));
			return HANDLED;
		}
		return textpane_action(p, t, ACT_PAGE_DOWN);
	}
	return textpane_action(p, t, a);
}

const struct pane_type pane_body_type = {
	.name = N_("Article"),
	.init = body_init,
	.recalc = body_recalc,
	.draw = body_draw,
	.on_action = body_action,
	.fini = body_fini,
};
