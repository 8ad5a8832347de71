/* test-pckeys.c: the keys blinkenlights -r hands the PC (src/ui/pc-keys.c)
 * against pc.h's codes, named here key by key: printable ASCII and the
 * control characters as they are, LF (curses' Enter with nl()) and
 * KEY_ENTER as CR, KEY_BACKSPACE as BS, DEL (the terminal's Backspace)
 * as it is; the arrows, Home, End, PgUp, PgDn, Insert, Delete and
 * F1-F12 as PCK_*, each once; what a PC keyboard has no key for (F13,
 * the mouse, a resize, NUL) as -1. Prints "ok" or the failures. */
#include <stdio.h>

#include "pc/pc.h"
#include "ui/cursesw.h"
#include "ui/ui.h"

static int fails;

static void check(int ok, const char *what, int a, int b) {
  if (!ok && fails++ < 20) printf("FAIL: %s (%d, %d)\n", what, a, b);
}

int main(void) {
  for (int c = 1; c < 128; ++c)
    if (c != '\n')
      check(pc_ui_key(c) == c, "ASCII passes as it is", c, pc_ui_key(c));
  check(pc_ui_key('\n') == '\r', "LF is Enter (CR)", '\n', pc_ui_key('\n'));
  check(pc_ui_key(KEY_ENTER) == '\r', "KEY_ENTER is CR", 0, 0);
  check(pc_ui_key(KEY_BACKSPACE) == 8, "KEY_BACKSPACE is BS", 0, 0);
  check(pc_ui_key(3) == 3, "ctrl-C itself is 3 (pc-run.c keeps it)", 0, 0);
  static const struct {
    int curses, pc;
    const char *name;
  } named[] = {
      {KEY_UP, PCK_UP, "up"},         {KEY_DOWN, PCK_DOWN, "down"},
      {KEY_LEFT, PCK_LEFT, "left"},   {KEY_RIGHT, PCK_RIGHT, "right"},
      {KEY_HOME, PCK_HOME, "home"},   {KEY_END, PCK_END, "end"},
      {KEY_PPAGE, PCK_PGUP, "pgup"},  {KEY_NPAGE, PCK_PGDN, "pgdn"},
      {KEY_IC, PCK_INS, "insert"},    {KEY_DC, PCK_DEL, "delete"},
  };
  int n = sizeof(named) / sizeof(named[0]);
  for (int i = 0; i < n; ++i)
    check(pc_ui_key(named[i].curses) == named[i].pc, named[i].name,
          named[i].curses, pc_ui_key(named[i].curses));
  for (int f = 1; f <= 12; ++f)
    check(pc_ui_key(KEY_F(f)) == PCK_F1 + f - 1, "F1-F12", f,
          pc_ui_key(KEY_F(f)));
  /* No two keys give one code. */
  int seen[PCK_F1 + 12] = {0};
  for (int ch = 0; ch < KEY_MAX; ++ch) {
    int k = pc_ui_key(ch);
    if (k >= 0x100 && k < PCK_F1 + 12) {
      check(!seen[k], "a PCK code from two keys", ch, k);
      seen[k] = 1;
    }
  }
  check(pc_ui_key(0) == -1, "NUL", 0, 0);
  check(pc_ui_key(KEY_F(13)) == -1, "F13 (shift-F1)", 0, 0);
  check(pc_ui_key(KEY_MOUSE) == -1, "the mouse", 0, 0);
  check(pc_ui_key(KEY_RESIZE) == -1, "a resize", 0, 0);
  if (fails) {
    printf("%d failures\n", fails);
    return 1;
  }
  printf("ok\n");
  return 0;
}
