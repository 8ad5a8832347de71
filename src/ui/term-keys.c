/* term-keys.c: input mode, where the keys go to the guest.
 *
 * `i` enters it; every key but ctrl-] is then written to the pty master,
 * encoded as an xterm would send it: printable and control bytes as they
 * come (ESC too, so that vi works; ctrl-C is the guest's, which its line
 * discipline may turn into ^C), and curses' decoded keys (arrows,
 * function keys, Home/End, PgUp/PgDn, Insert/Delete, BackTab) through
 * libvterm's keyboard encoder, which follows the modes the guest set
 * (DECCKM's application cursor keys, say). The pty's line discipline
 * does the rest: canonical-mode editing and echo, as on a real terminal.
 * ctrl-] (the telnet escape) returns the keys to the debugger. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "ui/cursesw.h"
#include "ui/term.h"
#include "ui/ui.h"

#define CTRL(c) ((c) & 0x1f)
enum { KEY_LEAVE = CTRL(']') };

int term_focus(struct Ui *u) {
  struct Term *t = &u->term;
  if (t->master < 0 || !t->vt) {
    snprintf(u->msg, sizeof(u->msg), "the guest has no terminal to type to");
    u->msg_error = 1;
    return -1;
  }
  t->focus = 1;
  t->scroll = 0;
  snprintf(u->msg, sizeof(u->msg),
           "input mode: keys go to the program; ctrl-] returns");
  u->msg_error = 0;
  return 0;
}

static void put_bytes(struct Ui *u, const char *b, size_t n) {
  struct Term *t = &u->term;
  while (n) {
    ssize_t w = write(t->master, b, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      snprintf(u->msg, sizeof(u->msg),
               "the program's terminal input is full (it is not reading)");
      u->msg_error = 1;
      return;
    }
    b += w;
    n -= (size_t)w;
  }
}

/* The wheel in input mode scrolls the terminal panel back. */
static void wheel(struct Ui *u) {
  MEVENT ev;
  if (getmouse(&ev) != OK) return;
  int dir = wheel_dir(ev.bstate, u->natural);
  if (dir) term_scroll(&u->term, dir);
}

static VTermKey vterm_key(int ch, VTermModifier *mod) {
  *mod = VTERM_MOD_NONE;
  switch (ch) {
    case KEY_UP: return VTERM_KEY_UP;
    case KEY_DOWN: return VTERM_KEY_DOWN;
    case KEY_LEFT: return VTERM_KEY_LEFT;
    case KEY_RIGHT: return VTERM_KEY_RIGHT;
    case KEY_SLEFT: *mod = VTERM_MOD_SHIFT; return VTERM_KEY_LEFT;
    case KEY_SRIGHT: *mod = VTERM_MOD_SHIFT; return VTERM_KEY_RIGHT;
    case KEY_HOME: return VTERM_KEY_HOME;
    case KEY_END: return VTERM_KEY_END;
    case KEY_PPAGE: return VTERM_KEY_PAGEUP;
    case KEY_NPAGE: return VTERM_KEY_PAGEDOWN;
    case KEY_IC: return VTERM_KEY_INS;
    case KEY_DC: return VTERM_KEY_DEL;
    case KEY_BACKSPACE: return VTERM_KEY_BACKSPACE;
    case KEY_ENTER: return VTERM_KEY_ENTER;
    case KEY_BTAB: *mod = VTERM_MOD_SHIFT; return VTERM_KEY_TAB;
    default:
      if (ch >= KEY_F(1) && ch <= KEY_F(12))
        return VTERM_KEY_FUNCTION(ch - KEY_F0);
      if (ch >= KEY_F(13) && ch <= KEY_F(24)) { /* shifted F1..F12 */
        *mod = VTERM_MOD_SHIFT;
        return VTERM_KEY_FUNCTION(ch - KEY_F(12));
      }
      return VTERM_KEY_NONE;
  }
}

void term_key(struct Ui *u, int ch) {
  struct Term *t = &u->term;
  if (ch == KEY_LEAVE) {
    t->focus = 0;
    if (!u->done) { /* else the status line keeps how the program ended */
      snprintf(u->msg, sizeof(u->msg), "keys go to the debugger again");
      u->msg_error = 0;
    }
    return;
  }
  if (ch == KEY_RESIZE) {
    ui_relayout(u);
    return;
  }
  if (ch == KEY_MOUSE) {
    wheel(u);
    return;
  }
  if (ch == ERR || t->master < 0) return;
  t->scroll = 0;
  if (ch >= 0 && ch < 256) {
    char b = (char)ch;
    put_bytes(u, &b, 1);
    return;
  }
  VTermModifier mod;
  VTermKey k = vterm_key(ch, &mod);
  if (k != VTERM_KEY_NONE) vterm_keyboard_key(t->vt, k, mod);
}
