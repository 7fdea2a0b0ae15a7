/* help: a centred window with one line per action: its keys and what it
 * does, straight from actions.def, so help and keymap cannot differ. */
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

/* The keys of an action as people write them, each name once ("Enter",
 * not three times for ^J, ^M and KEY_ENTER). */
static char *
pretty_keys(const char *keys)
{
	struct strbuf b = { 0 };
	char *copy = xstrdup(keys), *save = NULL, *k;
	const char *seen[8];
	size_t nseen = 0, i;

	for (k = strtok_r(copy, " ", &save); k != NULL;
	    k = strtok_r(NULL, " ", &save)) {
		const char *label = ui_key_label(k);

		for (i = 0; i < nseen; i++)
			if (strcmp(seen[i], label) == 0)
				break;
		if (i < nseen)
			continue;
		if (nseen < sizeof seen / sizeof seen[0])
			seen[nseen++] = label;
		if (b.len > 0)
			strbuf_adds(&b, " ");
		strbuf_adds(&b, label);
	}
	free(copy);
	return strbuf_steal(&b);
}

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
		if (rows < 1)
			return;
		y = (LINES - h) / 2;
		x = (COLS - w) / 2;
		win = newwin(h, w, y, x);
		if (win == NULL)
			return;
		werase(win);
		box(win, 0, 0);
		ui_put(ui, win, 0, 2, (int)text_width(_(" lede: keys ")) <
		    w - 4 ? (int)text_width(_(" lede: keys ")) : w - 4,
		    _(" lede: keys "), A_BOLD);
		for (a = first; a < ACT_COUNT && a - first < rows; a++) {
			keys = pretty_keys(ui_action_keys((enum action)a));
			ui_put(ui, win, a - first + 1, 2, 18 < w - 4 ? 18 :
			    w - 4, keys, A_BOLD);
			if (w > 24)
				ui_put(ui, win, a - first + 1, 21, w - 23,
				    _(helps[a]), A_NORMAL);
			free(keys);
		}
		first = a;
		{
			/* TRANSLATORS: the help's footer; q and ? are the
			 * default keys of "quit" and "help". */
			const char *foot = first < ACT_COUNT ?
			    _(" any key: more, q or ?: close ") :
			    _(" any key closes ");
			int fw = (int)text_width(foot);

			ui_put(ui, win, h - 1, 2, fw < w - 4 ? fw : w - 4, foot,
			    A_DIM);
		}
		/* Read through the help's own window: get_wch would refresh
		 * stdscr first, over it (from the second page on, the screen
		 * was blank). */
		keypad(win, TRUE);
		wrefresh(win);
		wtimeout(win, -1);
		rc = ui_get_wch(win, &wc);
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
