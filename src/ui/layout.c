/* layout: pane rectangles from the screen size; see layout.h. */
#include "config.h"

#include <string.h>

#include "ui/layout.h"

static struct rect
rect(int y, int x, int h, int w)
{
	struct rect r = { y, x, h > 0 ? h : 0, w > 0 ? w : 0 };

	if (r.h == 0 || r.w == 0)
		r.h = r.w = 0;
	return r;
}

void
layout_compute(int cols, int lines, enum layout_mode mode, int split,
    enum strip_tab tab, struct layout *out)
{
	int usable, left, top, strip;

	memset(out, 0, sizeof *out);
	out->sep_x = -1;
	if (cols < 1 || lines < 1)
		return;
	if (split < LAYOUT_SPLIT_MIN)
		split = LAYOUT_SPLIT_MIN;
	if (split > LAYOUT_SPLIT_MAX)
		split = LAYOUT_SPLIT_MAX;
	out->status = rect(lines - 1, 0, 1, cols);
	usable = lines - 1;
	out->wide = mode == LAYOUT_WIDE || (mode == LAYOUT_AUTO &&
	    cols >= LAYOUT_WIDE_COLS);
	if (out->wide && cols >= 40 && usable >= 8) {
		/* Two columns and a rule between them. */
		left = cols * split / 100;
		out->sep_x = left;
		top = usable * 60 / 100;
		out->list = rect(0, 0, top, left);
		out->related = rect(top, 0, usable - top, left);
		top = usable * 70 / 100;
		out->body = rect(0, left + 1, top, cols - left - 1);
		out->captions = rect(top, left + 1, usable - top,
		    cols - left - 1);
		return;
	}
	out->wide = false;
	if (usable < 6) {
		/* Room for the list only. */
		out->list = rect(0, 0, usable, cols);
		return;
	}
	top = usable * split / 100;
	if (top < 3)
		top = 3;
	strip = usable >= 16 ? usable / 4 : 0;
	if (strip > 8)
		strip = 8;
	/* However large the split, the body keeps three rows. */
	if (top > usable - strip - 3)
		top = usable - strip - 3;
	out->list = rect(0, 0, top, cols);
	out->body = rect(top, 0, usable - top - strip, cols);
	if (strip > 0) {
		if (tab == STRIP_CAPTIONS)
			out->captions = rect(usable - strip, 0, strip, cols);
		else
			out->related = rect(usable - strip, 0, strip, cols);
	}
}

int
layout_step(int cols, int lines, enum layout_mode mode, int split,
    enum strip_tab tab, int delta)
{
	struct layout now, next;
	int s;

	if (split < LAYOUT_SPLIT_MIN)
		split = LAYOUT_SPLIT_MIN;
	if (split > LAYOUT_SPLIT_MAX)
		split = LAYOUT_SPLIT_MAX;
	if (delta == 0)
		return split;
	layout_compute(cols, lines, mode, split, tab, &now);
	for (s = split + delta; s >= LAYOUT_SPLIT_MIN &&
	    s <= LAYOUT_SPLIT_MAX; s += delta) {
		layout_compute(cols, lines, mode, s, tab, &next);
		if (next.list.h != now.list.h || next.list.w != now.list.w)
			return s;
	}
	return split;
}
