/* textpane: wrapped, scrollable lines of text shared by the body and
 * captions panes (building lines is theirs; keeping, scrolling and
 * drawing them is here). */
#ifndef LEDE_UI_TEXTPANE_H
#define LEDE_UI_TEXTPANE_H

#include "ui/listview.h"
#include "ui/ui.h"

struct textpane {
	char		**line;
	attr_t		 *attr;
	size_t		  n, cap;
	struct listview	  lv;
	long		  hit;	/* the line n or N last showed, -1: none */
};

/* Append s wrapped to width cells, every line with attr. */
void textpane_add(struct textpane *t, const char *s, size_t width,
    attr_t attr);
void textpane_clear(struct textpane *t);
/* The pane_type functions of a pane whose data is a textpane. */
void textpane_init(struct pane *p);
void textpane_fini(struct pane *p);
void textpane_draw(struct pane *p);
/* The first line at or after from (dir 1), or at or before it (dir -1),
 * that holds a search hit; -1 when none. */
long textpane_find_hit(struct pane *p, struct textpane *t, long from,
    int dir);
/* Scroll so that line i is in view near the top. */
void textpane_show_line(struct pane *p, struct textpane *t, size_t i);
/* Scrolling actions; IGNORED for the others. */
int textpane_action(struct pane *p, struct textpane *t, enum action a);

#endif
