/* prompt: minimal line editing (type, Backspace, ^U, Enter, Escape) in
 * the status line.  What is typed is text like any other: it is drawn
 * through ui_put. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "text.h"
#include "ui/prompt.h"
#include "ui/ui.h"
#include "util.h"

/* Typing pauses this long (ms) before the text is applied: a search per
 * keystroke would be wasted on a fast typist and a slow link. */
#define PROMPT_DEBOUNCE	150

char *
prompt_read(struct ui *ui, const char *label, const char *initial,
    prompt_change_fn change, void *ctx)
{
	struct strbuf b = { 0 };
	char *line, *problem = NULL, mb[MB_LEN_MAX + 1];
	int rc, y;
	bool changed = false;
	size_t n;
	wint_t wc;

	strbuf_adds(&b, initial ? initial : "");
	curs_set(1);
	for (;;) {
		y = LINES - 1;
		line = xasprintf("%s%s", label, b.s);
		n = ui->ascii ? strlen(line) : text_width(line);
		ui_put(ui, stdscr, y, 0, COLS, line, A_NORMAL);
		/* A problem with the text shows after it, dimmed. */
		if (problem != NULL && n + 3 < (size_t)COLS)
			ui_put(ui, stdscr, y, (int)n + 2, COLS - (int)n - 2,
			    problem, A_DIM);
		move(y, n < (size_t)COLS ? (int)n : COLS - 1);
		free(line);
		refresh();
		timeout(change != NULL && changed ? PROMPT_DEBOUNCE : -1);
		rc = get_wch(&wc);
		/* Gone: as Escape, nothing typed is applied. */
		if (rc == ERR && ui_gone())
			goto cancel;
		if (rc == ERR) {
			if (changed) {
				changed = false;
				free(problem);
				problem = change(b.s ? b.s : "", ctx);
				curs_set(1);
			}
			continue;
		}
		/* A new size lays the panes out again under the prompt,
		 * which moves to the new last line; the text is unchanged. */
		if (rc == KEY_CODE_YES && wc == KEY_RESIZE) {
			ui_resized(ui);
			continue;
		}
		if (rc == KEY_CODE_YES) {
			if (wc == KEY_ENTER)
				goto enter;
			if (wc == KEY_BACKSPACE)
				goto backspace;
			continue;
		}
		if (wc == 27) {
cancel:
			strbuf_fini(&b);
			free(problem);
			curs_set(0);
			timeout(ui->refresh_ms);
			return NULL;
		}
		if (wc == '\r' || wc == '\n') {
enter:
			/* A text with a problem is not taken: the prompt
			 * stays, with the problem beside it. */
			if (change == NULL)
				break;
			if (changed) {
				free(problem);
				problem = change(b.s ? b.s : "", ctx);
				changed = false;
				curs_set(1);
			}
			if (problem == NULL)
				break;
			continue;
		}
		if (wc == 21) {		/* ^U */
			strbuf_reset(&b);
			changed = true;
			continue;
		}
		if (wc == 127 || wc == 8) {
backspace:
			/* Drop the last character, not the last byte. */
			while (b.len > 0 && ((unsigned char)b.s[b.len - 1] &
			    0xC0) == 0x80)
				b.len--;
			if (b.len > 0)
				b.len--;
			if (b.s != NULL)
				b.s[b.len] = '\0';
			changed = true;
			continue;
		}
		if (wc < 32)
			continue;
		n = wcrtomb(mb, (wchar_t)wc, NULL);
		if (n != (size_t)-1) {
			strbuf_add(&b, mb, n);
			changed = true;
		}
	}
	free(problem);
	curs_set(0);
	timeout(ui->refresh_ms);
	return strbuf_steal(&b);
}
