/* pane-body: the selected article: title, dek, byline, dateline, source
 * and date, then the paragraphs wrapped to the pane. */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "i18n.h"
#include "query.h"
#include "store.h"
#include "ui/textpane.h"
#include "ui/ui.h"
#include "util.h"

/* Searching: where the words are, however far down the text they are.
 * The hits themselves are drawn highlighted like any other. */
static void
add_snippet(struct pane *p, struct textpane *t, size_t w)
{
	char *snip = NULL, *err = NULL, *line, *c, *d;

	if (store_snippet(p->ui->st, p->ui->query, p->ui->id, &snip,
	    &err) != 0) {
		ui_message(p->ui, "%s", err);
		free(err);
		return;
	}
	if (snip == NULL)
		return;
	for (c = d = snip; *c != '\0'; c++)
		if (*c != STORE_HIT_ON && *c != STORE_HIT_OFF)
			*d++ = *c;
	*d = '\0';
	line = xasprintf(_("Found: %s"), snip);
	textpane_add(t, line, w, A_DIM);
	free(line);
	free(snip);
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
		/* Nothing selected in the whole list: an empty cache, which
		 * a new user should learn how to fill. */
		textpane_add(t, p->ui->scope.filter == NULL &&
		    p->ui->scope.search == NULL ? _("No articles yet: import "
		    "some with \"lede import DIRECTORY\".") :
		    _("No article selected."), w, A_DIM);
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
	article_date(a->published, date);
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
	/* The ID, for "lede related ID" and the other commands. */
	strbuf_addf(&meta, "%s#%" PRId64, p->ui->ascii ? " - " : " · ",
	    a->id);
	textpane_add(t, meta.s, w, A_DIM);
	strbuf_fini(&meta);
	add_snippet(p, t, w);
	textpane_add(t, "", w, A_NORMAL);
	textpane_add(t, a->body, w, A_NORMAL);
	/* Arrived here with n or N: show the first or last hit. */
	if (p->ui->hit_pending != 0) {
		long i = p->ui->hit_pending > 0 ? textpane_find_hit(p, t, 0, 1)
		    : textpane_find_hit(p, t, (long)t->n - 1, -1);

		p->ui->hit_pending = 0;
		if (i >= 0)
			textpane_show_line(p, t, (size_t)i);
	}
}

/* n and N: the next hit after the one shown (or above it); past the
 * last, the next article of the list and its first hit. */
static void
step_hit(struct pane *p, struct textpane *t, int dir)
{
	struct pane *list = &p->ui->pane[PANE_LIST];
	int64_t before;
	long i, from, rows;

	size_t nterms = 0;

	if (p->ui->query != NULL)
		query_terms(p->ui->query, &nterms);
	if (nterms == 0) {
		/* No words (none, or a filter such as "unread"): no hits
		 * to step to, and moving on would only be j. */
		ui_message(p->ui, _("No search words: / searches."));
		return;
	}
	listview_set(&t->lv, t->n, (size_t)ui_rows(p));
	/* On from the hit shown last while it is on screen (near the end,
	 * or at the title, the text cannot scroll it to where show_line
	 * puts it); else from the screen's edge. */
	rows = ui_rows(p);
	if (t->hit >= (long)t->lv.top && t->hit < (long)t->lv.top + rows)
		from = t->hit + dir;
	else
		from = dir > 0 ? (long)t->lv.top : (long)t->lv.top + rows - 1;
	i = textpane_find_hit(p, t, from, dir);
	if (i >= 0) {
		textpane_show_line(p, t, (size_t)i);
		return;
	}
	before = p->ui->id;
	p->ui->hit_pending = dir;
	list->type->on_action(list, dir > 0 ? ACT_DOWN : ACT_UP);
	list->flags |= PANE_DIRTY;
	if (p->ui->id == before) {
		p->ui->hit_pending = 0;
		ui_message(p->ui, dir > 0 ? _("No more hits below.") :
		    _("No more hits above."));
	}
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
	if (a == ACT_NEXT_HIT || a == ACT_PREV_HIT) {
		step_hit(p, t, a == ACT_NEXT_HIT ? 1 : -1);
		return HANDLED;
	}
	return textpane_action(p, t, a);
}

const struct pane_type pane_body_type = {
	.name = N_("Article"),
	.init = textpane_init,
	.recalc = body_recalc,
	.draw = textpane_draw,
	.on_action = body_action,
	.fini = textpane_fini,
};
