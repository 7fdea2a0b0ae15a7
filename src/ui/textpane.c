/* textpane: see textpane.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui/textpane.h"
#include "util.h"

void
textpane_add(struct textpane *t, const char *s, size_t width, attr_t attr)
{
	struct text_line *lines;
	char *clean = text_sanitize(s, TEXT_KEEP_NEWLINES | TEXT_STRICT);
	size_t n = text_wrap(clean, width, &lines), i;

	for (i = 0; i < n; i++) {
		if (t->n == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 64;
			t->line = xreallocarray(t->line, t->cap,
			    sizeof *t->line);
			t->attr = xreallocarray(t->attr, t->cap,
			    sizeof *t->attr);
		}
		t->line[t->n] = xstrndup(clean + lines[i].off, lines[i].len);
		t->attr[t->n] = attr;
		t->n++;
	}
	free(lines);
	free(clean);
}

void
textpane_clear(struct textpane *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->line[i]);
	free(t->line);
	free(t->attr);
	t->line = NULL;
	t->attr = NULL;
	t->n = t->cap = 0;
	t->lv.top = t->lv.sel = 0;
}

void
textpane_draw(struct pane *p, struct textpane *t)
{
	int h = ui_rows(p), y;

	listview_set(&t->lv, t->n, (size_t)h);
	for (y = 0; y < h; y++) {
		size_t i = t->lv.top + (size_t)y;

		ui_put(p->ui, p->win, y + 1, 0, 1, "", A_NORMAL);
		ui_put(p->ui, p->win, y + 1, 1, p->r.w - 1, i < t->n ?
		    t->line[i] : "", i < t->n ? t->attr[i] : A_NORMAL);
	}
}

int
textpane_action(struct pane *p, struct textpane *t, enum action a)
{
	long page = ui_rows(p) > 1 ? ui_rows(p) - 1 : 1;

	listview_set(&t->lv, t->n, (size_t)ui_rows(p));
	switch (a) {
	case ACT_DOWN:
		listview_scroll(&t->lv, 1);
		return HANDLED;
	case ACT_UP:
		listview_scroll(&t->lv, -1);
		return HANDLED;
	case ACT_PAGE_DOWN:
		listview_scroll(&t->lv, page);
		return HANDLED;
	case ACT_PAGE_UP:
		listview_scroll(&t->lv, -page);
		return HANDLED;
	case ACT_FIRST:
		listview_scroll(&t->lv, -(long)t->n);
		return HANDLED;
	case ACT_LAST:
		listview_scroll(&t->lv, (long)t->n);
		return HANDLED;
	default:
		return IGNORED;
	}
}
