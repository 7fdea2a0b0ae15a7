/* Unit tests for the reader's pure arithmetic: layout_compute (no pane
 * leaves the screen or overlaps another, at 80x24, 160x48, odd and
 * degenerate sizes) and listview (selection and scrolling). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "ui/layout.h"
#include "ui/listview.h"

static bool
overlap(const struct rect *a, const struct rect *b)
{
	if (a->h == 0 || b->h == 0)
		return false;
	return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h &&
	    b->y < a->y + a->h;
}

static void
check_sane(const struct layout *l, int cols, int lines)
{
	const struct rect *r[] = { &l->list, &l->body, &l->captions,
	    &l->related, &l->status };
	size_t i, j;

	for (i = 0; i < 5; i++) {
		if (r[i]->h == 0)
			continue;
		assert_true(r[i]->x >= 0 && r[i]->y >= 0);
		assert_true(r[i]->x + r[i]->w <= cols);
		assert_true(r[i]->y + r[i]->h <= lines);
		for (j = i + 1; j < 5; j++)
			assert_false(overlap(r[i], r[j]));
		/* The rule runs down every row but the status line. */
		if (l->sep_x >= 0 && r[i] != &l->status)
			assert_true(l->sep_x < r[i]->x || l->sep_x >= r[i]->x +
			    r[i]->w);
	}
}

static void
test_layout_degenerate(void **state)
{
	struct layout l;

	(void)state;
	layout_compute(0, 0, LAYOUT_AUTO, 40, STRIP_RELATED, &l);
	assert_int_equal(l.list.h, 0);
	layout_compute(1, 1, LAYOUT_AUTO, 40, STRIP_RELATED, &l);
	check_sane(&l, 1, 1);
	layout_compute(20, 5, LAYOUT_AUTO, 40, STRIP_RELATED, &l);
	check_sane(&l, 20, 5);
	/* Room for the list and the status line only. */
	assert_true(l.list.h > 0);
	assert_int_equal(l.body.h, 0);
	assert_int_equal(l.status.y, 4);
}

static void
test_layout_80x24_narrow(void **state)
{
	struct layout l;

	(void)state;
	layout_compute(80, 24, LAYOUT_AUTO, 40, STRIP_RELATED, &l);
	check_sane(&l, 80, 24);
	assert_false(l.wide);
	assert_true(l.list.h >= 4 && l.body.h >= 6);
	assert_true(l.related.h >= 3);
	assert_int_equal(l.captions.h, 0);	/* the strip shows one */
	assert_int_equal(l.list.w, 80);
	layout_compute(80, 24, LAYOUT_AUTO, 40, STRIP_CAPTIONS, &l);
	assert_true(l.captions.h >= 3);
	assert_int_equal(l.related.h, 0);
}

static void
test_layout_160x48_wide(void **state)
{
	struct layout l;

	(void)state;
	layout_compute(160, 48, LAYOUT_AUTO, 40, STRIP_RELATED, &l);
	check_sane(&l, 160, 48);
	assert_true(l.wide);
	/* All four panes at once. */
	assert_true(l.list.h > 0 && l.body.h > 0 && l.captions.h > 0 &&
	    l.related.h > 0);
	assert_true(l.body.w > l.list.w);
	assert_int_equal(l.sep_x, l.list.w);
}

static void
test_layout_split_is_clamped(void **state)
{
	struct layout a, b;
	int cols, lines;

	(void)state;
	layout_compute(80, 24, LAYOUT_NARROW, 0, STRIP_RELATED, &a);
	layout_compute(80, 24, LAYOUT_NARROW, LAYOUT_SPLIT_MIN, STRIP_RELATED,
	    &b);
	assert_int_equal(a.list.h, b.list.h);
	layout_compute(80, 24, LAYOUT_NARROW, 1000, STRIP_RELATED, &a);
	check_sane(&a, 80, 24);
	assert_true(a.body.h > 0);
	/* Every size from tiny to large stays sane in every mode. */
	for (cols = 1; cols <= 200; cols += 7)
		for (lines = 1; lines <= 60; lines += 3) {
			layout_compute(cols, lines, LAYOUT_AUTO, 40,
			    STRIP_RELATED, &a);
			check_sane(&a, cols, lines);
			layout_compute(cols, lines, LAYOUT_WIDE, 65,
			    STRIP_CAPTIONS, &a);
			check_sane(&a, cols, lines);
		}
}

/* The list's height in the narrow layout at 80x24 for a split. */
static int
list_rows(int split)
{
	struct layout l;

	layout_compute(80, 24, LAYOUT_NARROW, split, STRIP_RELATED, &l);
	return l.list.h;
}

static void
test_layout_step_always_shows(void **state)
{
	struct layout l;
	int split = LAYOUT_SPLIT_DEFAULT, next, presses = 0, w;

	(void)state;
	/* Every grow press makes the list taller, until it cannot grow. */
	while ((next = layout_step(80, 24, LAYOUT_NARROW, split,
	    STRIP_RELATED, 5)) != split) {
		assert_true(list_rows(next) > list_rows(split));
		split = next;
		assert_true(++presses < 100);
	}
	/* At 80x24 the body and the strip keep their rows before the
	 * split reaches its maximum. */
	assert_true(split < LAYOUT_SPLIT_MAX);
	assert_int_equal(list_rows(split), list_rows(LAYOUT_SPLIT_MAX));
	/* So one shrink press, after any number of grow presses, shows. */
	next = layout_step(80, 24, LAYOUT_NARROW, split, STRIP_RELATED, -5);
	assert_true(list_rows(next) < list_rows(split));
	/* As it does from the largest split the settings allow. */
	next = layout_step(80, 24, LAYOUT_NARROW, LAYOUT_SPLIT_MAX,
	    STRIP_RELATED, -5);
	assert_true(list_rows(next) < list_rows(LAYOUT_SPLIT_MAX));
	/* The other end: shrink stops at the smallest list. */
	split = LAYOUT_SPLIT_DEFAULT;
	while ((next = layout_step(80, 24, LAYOUT_NARROW, split,
	    STRIP_RELATED, -5)) != split)
		split = next;
	assert_int_equal(split, LAYOUT_SPLIT_MIN);
	/* In the wide layout a press changes the list's width. */
	layout_compute(160, 48, LAYOUT_WIDE, 40, STRIP_RELATED, &l);
	w = l.list.w;
	layout_compute(160, 48, LAYOUT_WIDE, layout_step(160, 48, LAYOUT_WIDE,
	    40, STRIP_RELATED, 5), STRIP_RELATED, &l);
	assert_true(l.list.w > w);
}

static void
test_listview_move_and_scroll(void **state)
{
	struct listview lv = { 0 };

	(void)state;
	listview_set(&lv, 0, 5);
	listview_move(&lv, 3);
	assert_int_equal(lv.sel, 0);
	listview_set(&lv, 20, 5);
	listview_move(&lv, 7);
	assert_int_equal(lv.sel, 7);
	assert_int_equal(lv.top, 3);		/* sel is the last visible */
	listview_move(&lv, -100);
	assert_int_equal(lv.sel, 0);
	assert_int_equal(lv.top, 0);
	listview_to(&lv, 99);
	assert_int_equal(lv.sel, 19);
	assert_int_equal(lv.top, 15);
	assert_true(listview_at_end(&lv));
	listview_scroll(&lv, -3);
	assert_int_equal(lv.top, 12);
	listview_scroll(&lv, 100);
	assert_int_equal(lv.top, 15);
	/* Shrinking the list keeps the selection inside it. */
	listview_set(&lv, 4, 5);
	assert_true(lv.sel < 4);
	assert_int_equal(lv.top, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout_degenerate),
		cmocka_unit_test(test_layout_80x24_narrow),
		cmocka_unit_test(test_layout_160x48_wide),
		cmocka_unit_test(test_layout_split_is_clamped),
		cmocka_unit_test(test_layout_step_always_shows),
		cmocka_unit_test(test_listview_move_and_scroll),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
