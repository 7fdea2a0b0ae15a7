/* layout: where each pane of the reader goes, as pure arithmetic from the
 * terminal size, the layout mode and the split.  No curses here, so the
 * rules are unit-tested for 80x24, 160x48 and degenerate sizes. */
#ifndef LEDE_UI_LAYOUT_H
#define LEDE_UI_LAYOUT_H

#include <stdbool.h>

/* A rectangle of the screen; its first row is the pane's title bar. */
struct rect {
	int	y, x, h, w;
};

enum layout_mode {
	LAYOUT_AUTO,	/* wide from WIDE_COLS columns, else narrow */
	LAYOUT_WIDE,	/* list and related left, body and captions right */
	LAYOUT_NARROW,	/* list over body, captions or related in a strip */
};

#define LAYOUT_WIDE_COLS	120
#define LAYOUT_SPLIT_MIN	20	/* percent */
#define LAYOUT_SPLIT_MAX	80
#define LAYOUT_SPLIT_DEFAULT	40

enum strip_tab {
	STRIP_RELATED,
	STRIP_CAPTIONS,
};

struct layout {
	bool		wide;
	struct rect	list, body, captions, related;	/* h == 0: hidden */
	struct rect	status;
	int		sep_x;		/* column of the vertical rule, -1 */
};

/* Compute the layout of a cols x lines screen.  split is the share of
 * the list (narrow: of the height; wide: of the width) in percent,
 * clamped to [LAYOUT_SPLIT_MIN, LAYOUT_SPLIT_MAX].  In the narrow layout
 * one of captions and related shows, in a strip under the body, as tab
 * says.  Panes never overlap and never leave the screen; on a screen too
 * small for them, panes are hidden (h == 0) in the order strip, body. */
void layout_compute(int cols, int lines, enum layout_mode mode, int split,
    enum strip_tab tab, struct layout *out);

/* The split after one press of grow (delta > 0) or shrink (delta < 0):
 * split moved by delta as many times as it takes to change the list's
 * size, or split itself (clamped) when no split in range would.  So a press
 * always shows, and none is spent past the largest or smallest list
 * the screen allows. */
int layout_step(int cols, int lines, enum layout_mode mode, int split,
    enum strip_tab tab, int delta);

#endif
