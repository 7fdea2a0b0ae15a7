/* prompt: a line editor in the status line, for search words. */
#ifndef LEDE_UI_PROMPT_H
#define LEDE_UI_PROMPT_H

struct ui;

/* Called with the text when the user pauses typing; returns a problem to
 * show after the text (caller frees) or NULL. */
typedef char *(*prompt_change_fn)(const char *text, void *ctx);

/* Read a line after label, starting from initial (may be NULL); with
 * change, as-you-type, and Enter takes the text only when change finds
 * no problem with it.  Returns the text (caller frees; "" when emptied)
 * or NULL when cancelled with Escape. */
char *prompt_read(struct ui *ui, const char *label, const char *initial,
    prompt_change_fn change, void *ctx);

#endif
