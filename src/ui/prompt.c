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

char *
prompt_read(struct ui *ui, const char *label, const char *initial)
{
	struct strbuf b = { 0 };
	char *line, mb[MB_LEN_MAX + 1];
	int rc, y = LINES - 1;
	size_t n;
	wint_t wc;

	strbuf_adds(&b, initial ? initial : "");
	curs_set(1);
	timeout(-1);
	for (;;) {
		line = xasprintf("%s%s", label, b.s);
		ui_put(ui, stdscr, y, 0, COLS, line, A_NORMAL);
		n = ui->ascii ? strlen(line) : text_width(line);
		move(y, n < (size_t)COLS ? (int)n : COLS - 1);
		free(line);
		refresh();
		rc = get_wch(&wc);
		if (rc == ERR && ui_stopping())
			goto cancel;
		if (rc == ERR)
			continue;
		if (rc == KEY_CODE_YES) {
			if (wc == KEY_ENTER)
				break;
			if (wc == KEY_BACKSPACE)
				goto backspace;
			continue;
		}
		if (wc == 27) {
cancel:
			strbuf_fini(&b);
			curs_set(0);
			timeout(ui->refresh_ms);
			return NULL;
		}
		if (wc == '\r' || wc == '\n')
			break;
		if (wc == 21) {		/* ^U */
			strbuf_reset(&b);
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
			continue;
		}
		if (wc < 32)
			continue;
		n = wcrtomb(mb, (wchar_t)wc, NULL);
		if (n != (size_t)-1)
			strbuf_add(&b, mb, n);
	}
	curs_set(0);
	timeout(ui->refresh_ms);
	return strbuf_steal(&b);
}
