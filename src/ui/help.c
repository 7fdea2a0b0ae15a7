/* help: a centred window with one line per action: the keys bound to it
 * now (ui_bound_keys: the defaults of actions.def as the settings file
 * changed them) and what it does. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "ui/help.h"
#include "ui/ui.h"
#include "util.h"

static const char *const helps[ACT_COUNT] = {
#define ACTION(id, name, keys, help) [id] = help,
#include "ui/actions.def"
#undef ACTION
};

void
help_show(struct ui *ui)
{
	int w, h, y, x, a, first = ACT_NONE + 1, page, rows, rc;
	WINDOW *win;
	char *keys;
	wint_t wc;

	/* Page through the actions when the screen is too short. */
	while (first < ACT_COUNT) {
		page = first;
		w = 78 < COLS ? 78 : COLS;
		h = ACT_COUNT - first + 2;
		if (h > LINES)
			h = LINES;
		rows = h - 2;
		y = (LINES - h) / 2;
		x = (COLS - w) / 2;
		win = rows < 1 ? NULL : newwin(h, w, y, x);
		/* Too small for a line of help: stay open for a size that
		 * has room (a window being dragged passes through such
		 * sizes); any other key closes. */
		if (win == NULL) {
			rc = ui_wait_key(ui, stdscr, &wc);
			if (rc != KEY_CODE_YES || wc != KEY_RESIZE)
				break;
			ui_resized(ui);
			ui_draw_status(ui);
			doupdate();
			continue;
		}
		werase(win);
		box(win, 0, 0);
		ui_put(ui, win, 0, 2, (int)text_width(_(" lede: keys ")) <
		    w - 4 ? (int)text_width(_(" lede: keys ")) : w - 4,
		    _(" lede: keys "), A_BOLD);
		for (a = first; a < ACT_COUNT && a - first < rows; a++) {
			keys = ui_bound_keys((enum action)a);
			ui_put(ui, win, a - first + 1, 2, 18 < w - 4 ? 18 :
			    w - 4, keys, A_BOLD);
			if (w > 24)
				ui_put(ui, win, a - first + 1, 21, w - 23,
				    _(helps[a]), A_NORMAL);
			free(keys);
		}
		first = a;
		{
			static const enum action closers[] = { ACT_QUIT,
			    ACT_HELP, ACT_CLEAR };
			struct strbuf keys_b = { 0 };
			char *foot;
			size_t c;
			int fw;

			for (c = 0; c < sizeof closers / sizeof *closers;
			    c++) {
				keys = ui_bound_keys(closers[c]);
				if (*keys != '\0')
					strbuf_addf(&keys_b, "%s%s", keys_b.len ?
					    " " : "", keys);
				free(keys);
			}
			/* TRANSLATORS: the help's footer; %s is the keys
			 * that close it, such as "q ? Esc". */
			foot = first < ACT_COUNT ? xasprintf(_(" any key: "
			    "more, %s: close "), keys_b.s ? keys_b.s : "") :
			    xstrdup(_(" any key closes "));
			strbuf_fini(&keys_b);
			fw = (int)text_width(foot);
			ui_put(ui, win, h - 1, 2, fw < w - 4 ? fw : w - 4, foot,
			    A_DIM);
			free(foot);
		}
		/* Read through the help's own window: get_wch would refresh
		 * stdscr first, over it (from the second page on, the screen
		 * was blank). */
		keypad(win, TRUE);
		wrefresh(win);
		rc = ui_wait_key(ui, win, &wc);
		delwin(win);
		touchwin(stdscr);
		if (rc == ERR && ui_gone())
			break;
		/* The keys of quit, help and clear (q, ?, Esc) close it from
		 * any page, as in a pager; other keys turn the page. */
		if (rc != ERR) {
			enum action act = ui_key_action((int)wc,
			    rc == KEY_CODE_YES);

			if (act == ACT_QUIT || act == ACT_HELP ||
			    act == ACT_CLEAR)
				break;
		}
		/* A new size: show this page of the help anew, centred. */
		if (rc == KEY_CODE_YES && wc == KEY_RESIZE)
			first = page;
		/* Lay the reader out again beneath the next page: a shorter
		 * page left the last one's rows on the screen. */
		if (first < ACT_COUNT) {
			ui_resized(ui);
			ui_draw_status(ui);
			doupdate();
		}
	}
	timeout(ui->refresh_ms);
}
