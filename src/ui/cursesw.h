/* ui/cursesw.h: the wide-character curses header, whichever configure
 * found (NCURSESW_H), with the wide declarations switched on. */
#ifndef BLINK_UI_CURSESW_H
#define BLINK_UI_CURSESW_H
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifdef NCURSESW_H
#include NCURSESW_H
#else
#include <curses.h>
#endif
#endif
