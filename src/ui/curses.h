/* The one place the reader includes curses from (as htop's
 * ProvideCurses.h): wide-character ncurses. */
#ifndef LEDE_UI_CURSES_H
#define LEDE_UI_CURSES_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <ncursesw/curses.h>

#endif
