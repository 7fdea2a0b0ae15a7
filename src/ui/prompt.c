/* prompt: line editing in the status line, with the keys of readline's
 * emacs mode that people use most: Left/Right (^B/^F), Home/End
 * (^A/^E), Backspace, Delete (^D), ^U and ^K (to the start, to the
 * end), ^W (a word back), Enter and Escape.  What is typed is text like
 * any other: it is drawn through ui_put. */
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

#define CTRL(c)	((c) & 0x1f)

/* Byte offsets of the character before and after i in s. */
static size_t
char_before(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[--i] & 0xC0) == 0x80)
		;
	return i;
}

static size_t
char_after(const char *s, size_t len, size_t i)
{
	if (i < len)
		i += text_charlen(s + i);
	return i > len ? len : i;
}

/* Cells taken by the n bytes at s, as ui_put will draw them. */
static size_t
cells(const struct ui *ui, const char *s, size_t n)
{
	char *sub = xstrndup(s, n), *a;
	size_t w;

	if (ui->ascii) {
		a = text_ascii(sub);
		w = strlen(a);
		free(a);
	} else
		w = text_width(sub);
	free(sub);
	return w;
}

/* Remove bytes [from, to) of b. */
static void
cut(struct strbuf *b, size_t from, size_t to)
{
	if (b->s == NULL || from >= to)
		return;
	memmove(b->s + from, b->s + to, b->len - to + 1);
	b->len -= to - from;
}

/* The label in at most half the line, so that what is typed has room (a
 * view prompt names every view); its closing ": " stays. */
static char *
fit_label(const struct ui *ui, const char *label)
{
	size_t max = COLS > 8 ? (size_t)COLS / 2 : 4, len = strlen(label);
	size_t tail = len >= 2 && strcmp(label + len - 2, ": ") == 0 ? 2 : 0;
	char *head, *cut, *out;

	if (cells(ui, label, len) <= max)
		return xstrdup(label);
	head = xstrndup(label, len - tail);
	cut = text_shorten(head, max - tail);
	out = xasprintf("%s%s", cut, label + len - tail);
	free(cut);
	free(head);
	return out;
}

char *
prompt_read(struct ui *ui, const char *label, const char *initial,
    prompt_change_fn change, void *ctx)
{
	struct strbuf b = { 0 };
	char *line, *problem = NULL, *shown = NULL, mb[MB_LEN_MAX + 1];
	int rc, y;
	bool changed = false;
	size_t n, at, off = 0, lw, cx;
	wint_t wc;

	strbuf_adds(&b, initial ? initial : "");
	at = b.len;
	curs_set(1);
	for (;;) {
		y = LINES - 1;
		free(shown);
		shown = fit_label(ui, label);
		/* Scroll the text so that the cursor stays on the screen. */
		lw = cells(ui, shown, strlen(shown));
		if (off > at)
			off = at;
		cx = lw + (b.s ? cells(ui, b.s + off, at - off) : 0);
		while (off < at && cx + 1 > (size_t)COLS) {
			n = char_after(b.s, b.len, off);
			cx -= cells(ui, b.s + off, n - off);
			off = n;
		}
		/* And back while the whole rest fits, so that a wider
		 * screen (or a shorter text) shows what scrolled away. */
		if (off > 0) {
			size_t rest = lw + cells(ui, b.s + off, b.len - off), w;

			while (off > 0) {
				n = char_before(b.s, off);
				w = cells(ui, b.s + n, off - n);
				if (rest + w + 1 > (size_t)COLS)
					break;
				rest += w;
				cx += w;
				off = n;
			}
		}
		line = xasprintf("%s%s", shown, b.s ? b.s + off : "");
		n = cells(ui, line, strlen(line));
		ui_put(ui, stdscr, y, 0, COLS, line, A_NORMAL);
		/* A problem with the text shows after it, dimmed. */
		if (problem != NULL && n + 3 < (size_t)COLS)
			ui_put(ui, stdscr, y, (int)n + 2, COLS - (int)n - 2,
			    problem, A_DIM);
		move(y, cx < (size_t)COLS ? (int)cx : COLS - 1);
		free(line);
		refresh();
		/* Not -1 when idle: see ui_wait_key (Ctrl-Z, resize, fg). */
		timeout(change != NULL && changed ? PROMPT_DEBOUNCE :
		    ui->refresh_ms);
		rc = ui_get_wch(stdscr, &wc);
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
			switch (wc) {
			case KEY_ENTER:
				goto enter;
			case KEY_BACKSPACE:
				goto backspace;
			case KEY_DC:
				goto delete;
			case KEY_LEFT:
				goto left;
			case KEY_RIGHT:
				goto right;
			case KEY_HOME:
				goto home;
			case KEY_END:
				goto end;
			}
			continue;
		}
		if (wc == 27) {
cancel:
			strbuf_fini(&b);
			free(problem);
			free(shown);
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
		switch (wc) {
		case CTRL('b'):
left:
			at = char_before(b.s, at);
			continue;
		case CTRL('f'):
right:
			at = char_after(b.s, b.len, at);
			continue;
		case CTRL('a'):
home:
			at = 0;
			continue;
		case CTRL('e'):
end:
			at = b.len;
			continue;
		case CTRL('u'):
			cut(&b, 0, at);
			at = 0;
			changed = true;
			continue;
		case CTRL('k'):
			cut(&b, at, b.len);
			changed = true;
			continue;
		case CTRL('w'): {
			/* The word before the cursor, and the spaces after it. */
			size_t from = at;

			while (from > 0 && b.s[from - 1] == ' ')
				from--;
			while (from > 0 && b.s[from - 1] != ' ')
				from--;
			cut(&b, from, at);
			at = from;
			changed = true;
			continue;
		}
		case CTRL('d'):
delete:
			cut(&b, at, char_after(b.s, b.len, at));
			changed = true;
			continue;
		case 127:
		case CTRL('h'):
backspace:
			/* The character before the cursor, not a byte. */
			n = char_before(b.s, at);
			cut(&b, n, at);
			at = n;
			changed = true;
			continue;
		}
		if (wc < 32)
			continue;
		n = wcrtomb(mb, (wchar_t)wc, NULL);
		if (n != (size_t)-1) {
			/* Insert at the cursor. */
			strbuf_add(&b, mb, n);
			memmove(b.s + at + n, b.s + at, b.len - n - at);
			memcpy(b.s + at, mb, n);
			at += n;
			changed = true;
		}
	}
	free(problem);
	free(shown);
	curs_set(0);
	timeout(ui->refresh_ms);
	return strbuf_steal(&b);
}
