/* prompt: a line editor in the status line, for search words. */
#ifndef LEDE_UI_PROMPT_H
#define LEDE_UI_PROMPT_H

struct ui;

/* Read a line after label, starting from initial (may be NULL).  Returns
 * the text (caller frees; "" when emptied) or NULL when cancelled with
 * Escape. */
char *prompt_read(struct ui *ui, const char *label, const char *initial);

#endif
