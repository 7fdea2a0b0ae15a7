/* pane-captions: the selected article's photo captions, each with its
 * credit, or a line saying there are none. */
#include "config.h"

#include <stdlib.h>

#include "article.h"
#include "i18n.h"
#include "ui/textpane.h"
#include "ui/ui.h"
#include "util.h"

static void
captions_recalc(struct pane *p)
{
	struct textpane *t = p->data;
	const struct article *a = p->ui->article;
	size_t w = p->r.w > 3 ? (size_t)p->r.w - 2 : 1, i;
	char *line;

	textpane_clear(t);
	if (a == NULL)
		return;
	if (a->ncaptions == 0) {
		textpane_add(t, _("No captions for this article."), w, A_DIM);
		return;
	}
	for (i = 0; i < a->ncaptions; i++) {
		line = xasprintf("[%zu] %s", i + 1, a->captions[i].text);
		textpane_add(t, line, w, A_NORMAL);
		free(line);
		if (a->captions[i].credit != NULL) {
			line = xasprintf(_("Credit: %s"), a->captions[i].credit);
			textpane_add(t, line, w, A_DIM);
			free(line);
		}
	}
}

static int
captions_action(struct pane *p, enum action a)
{
	return textpane_action(p, p->data, a);
}

const struct pane_type pane_captions_type = {
	.name = N_("Captions"),
	.init = textpane_init,
	.recalc = captions_recalc,
	.draw = textpane_draw,
	.on_action = captions_action,
	.fini = textpane_fini,
};
