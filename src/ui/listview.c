/* listview: see listview.h. */
#include "config.h"

#include "ui/listview.h"

static size_t
max_top(const struct listview *lv)
{
	return lv->n > lv->height ? lv->n - lv->height : 0;
}

static void
keep_visible(struct listview *lv)
{
	if (lv->n == 0) {
		lv->sel = lv->top = 0;
		return;
	}
	if (lv->sel >= lv->n)
		lv->sel = lv->n - 1;
	if (lv->sel < lv->top)
		lv->top = lv->sel;
	if (lv->height > 0 && lv->sel >= lv->top + lv->height)
		lv->top = lv->sel - lv->height + 1;
	if (lv->top > max_top(lv))
		lv->top = max_top(lv);
}

void
listview_set(struct listview *lv, size_t n, size_t height)
{
	lv->n = n;
	lv->height = height;
	keep_visible(lv);
}

void
listview_move(struct listview *lv, long delta)
{
	if (lv->n == 0)
		return;
	if (delta < 0 && (size_t)-delta > lv->sel)
		lv->sel = 0;
	else if (delta > 0 && lv->sel + (size_t)delta >= lv->n)
		lv->sel = lv->n - 1;
	else
		lv->sel = (size_t)((long)lv->sel + delta);
	keep_visible(lv);
}

void
listview_to(struct listview *lv, size_t i)
{
	lv->sel = i;
	keep_visible(lv);
}

void
listview_scroll(struct listview *lv, long delta)
{
	if (delta < 0 && (size_t)-delta > lv->top)
		lv->top = 0;
	else
		lv->top = (size_t)((long)lv->top + delta);
	if (lv->top > max_top(lv))
		lv->top = max_top(lv);
	lv->sel = lv->top;
}

int
listview_at_end(const struct listview *lv)
{
	return lv->top >= max_top(lv);
}
