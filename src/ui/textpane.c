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
	t->hit = -1;
}

struct hits {
	struct pane	*p;
	const char	*line;
	int		 y;
	attr_t		 attr;
	bool		 draw;		/* else only say whether there is one */
	bool		 found;
};

/* Draw a hit over the line as drawn, at the cells its bytes start at. */
static int
on_token(const struct text_token *tk, void *ctx)
{
	struct hits *h = ctx;
	struct ui *ui = h->p->ui;
	char *before, *word;
	size_t col, width, room;

	if (!ui_is_hit(ui, tk->key, tk->keylen))
		return 0;
	h->found = true;
	if (!h->draw)
		return 1;
	before = xstrndup(h->line, tk->start);
	word = xstrndup(h->line + tk->start, tk->end - tk->start);
	col = text_width(before);
	width = text_width(word);
	room = h->p->r.w > 1 ? (size_t)h->p->r.w - 1 : 0;
	if (col < room)
		ui_put(ui, h->p->win, h->y, 1 + (int)col, (int)(width < room -
		    col ? width : room - col), word, h->attr | A_REVERSE);
	free(before);
	free(word);
	return 0;
}

/* Look for hits in line; draw them at row y when draw. */
static bool
line_hits(struct pane *p, const char *line, int y, attr_t attr, bool draw)
{
	struct hits h = { p, line, y, attr, draw, false };

	text_tokens(line, strlen(line), on_token, &h);
	return h.found;
}

void
textpane_init(struct pane *p)
{
	struct textpane *t = xcalloc(1, sizeof *t);

	t->hit = -1;
	p->data = t;
}

void
textpane_fini(struct pane *p)
{
	textpane_clear(p->data);
	free(p->data);
}

void
textpane_draw(struct pane *p)
{
	struct textpane *t = p->data;
	int h = ui_rows(p), y;
	/* Cells of ASCII look-alikes need not match the text's: no hits
	 * drawn there. */
	bool hits = p->ui->query != NULL && !p->ui->ascii;

	listview_set(&t->lv, t->n, (size_t)h);
	for (y = 0; y < h; y++) {
		size_t i = t->lv.top + (size_t)y;

		ui_put(p->ui, p->win, y + 1, 0, 1, "", A_NORMAL);
		ui_put(p->ui, p->win, y + 1, 1, p->r.w - 1, i < t->n ?
		    t->line[i] : "", i < t->n ? t->attr[i] : A_NORMAL);
		if (hits && i < t->n)
			line_hits(p, t->line[i], y + 1, t->attr[i], true);
	}
}

long
textpane_find_hit(struct pane *p, struct textpane *t, long from, int dir)
{
	long i;

	if (p->ui->query == NULL)
		return -1;
	for (i = from; i >= 0 && (size_t)i < t->n; i += dir)
		if (line_hits(p, t->line[i], 0, A_NORMAL, false))
			return i;
	return -1;
}

void
textpane_show_line(struct pane *p, struct textpane *t, size_t i)
{
	listview_set(&t->lv, t->n, (size_t)ui_rows(p));
	listview_scroll(&t->lv, (long)i - (long)t->lv.top - 1);
	t->hit = (long)i;
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
