/* pc-keys.c: a key curses read as the PC's keyboard sees it (pc_key's
 * codes, pc.h): ASCII as it is, control characters included (ctrl-C is
 * 3: pc-run.c keeps a bare ctrl-C for itself), Enter as CR, the
 * terminal's DEL and curses' KEY_BACKSPACE as Backspace, and the named
 * keys: arrows, Home, End, PgUp, PgDn, Insert, Delete, F1-F12. No
 * drawing: tests/ui/test-pckeys.c checks the table alone. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "pc/pc.h"
#include "ui/cursesw.h"
#include "ui/ui.h"

int pc_ui_key(int ch) {
  if (ch >= 1 && ch < 128) return ch == '\n' ? '\r' : ch;
  switch (ch) {
    case KEY_UP: return PCK_UP;
    case KEY_DOWN: return PCK_DOWN;
    case KEY_LEFT: return PCK_LEFT;
    case KEY_RIGHT: return PCK_RIGHT;
    case KEY_HOME: return PCK_HOME;
    case KEY_END: return PCK_END;
    case KEY_PPAGE: return PCK_PGUP;
    case KEY_NPAGE: return PCK_PGDN;
    case KEY_IC: return PCK_INS;
    case KEY_DC: return PCK_DEL;
    case KEY_BACKSPACE: return 8;
    case KEY_ENTER: return '\r';
    default:
      if (ch >= KEY_F(1) && ch <= KEY_F(12)) return PCK_F1 + (ch - KEY_F(1));
      return -1;
  }
}

