/* listview: selection and scrolling of a list of n rows shown height at
 * a time, as pure arithmetic (the tmux mode-tree role).  Used by the
 * panes whose rows are all in memory: captions, related, and the body's
 * wrapped lines (where only the scroll offset matters). */
#ifndef LEDE_UI_LISTVIEW_H
#define LEDE_UI_LISTVIEW_H

#include <stddef.h>

struct listview {
	size_t	n;	/* rows */
	size_t	height;	/* rows visible */
	size_t	sel;	/* selected row, < n (0 when n == 0) */
	size_t	top;	/* first visible row */
};

/* New row count or height; keeps the selection in range and visible. */
void listview_set(struct listview *lv, size_t n, size_t height);
/* Move the selection by delta rows (clamped), scrolling to keep it
 * visible. */
void listview_move(struct listview *lv, long delta);
/* Select row i (clamped). */
void listview_to(struct listview *lv, size_t i);
/* Scroll the view by delta rows without regard to the selection (the
 * body); the selection follows the top. */
void listview_scroll(struct listview *lv, long delta);
/* True when the view shows the last row. */
int listview_at_end(const struct listview *lv);

#endif
