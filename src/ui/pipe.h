/* pipe: hand the selected article to a shell command (the pager, a
 * mailer, a clipboard tool), with the terminal lent to it meanwhile. */
#ifndef LEDE_UI_PIPE_H
#define LEDE_UI_PIPE_H

struct ui;

/* Ask for a command (the last one, else $PAGER, else less) and write
 * the article's plain text (article_text_new) to its standard input.
 * After a command other than the pager, or one that failed, wait for a
 * key so that its output can be read. */
void pipe_article(struct ui *ui);

#endif
