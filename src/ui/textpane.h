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
};

/* Append s wrapped to width cells, every line with attr. */
void textpane_add(struct textpane *t, const char *s, size_t width,
    attr_t attr);
void textpane_clear(struct textpane *t);
void textpane_draw(struct pane *p, struct textpane *t);
/* Scrolling actions; IGNORED for the others. */
int textpane_action(struct pane *p, struct textpane *t, enum action a);

#endif
