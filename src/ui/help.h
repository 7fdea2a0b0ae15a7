/* help: the overlay listing every key, made from actions.def. */
#ifndef LEDE_UI_HELP_H
#define LEDE_UI_HELP_H

struct ui;

/* Show the help over the panes until a key is pressed. */
void help_show(struct ui *ui);

#endif
