/* ui.c: the blinkenlights main loop: draw, read a key, act.
 *
 * The screen is redrawn whole after every event (erase + panels); curses
 * sends only what changed. Resizes arrive as KEY_RESIZE (ncurses handles
 * SIGWINCH), and are followed by a new layout. Keys are read in raw mode,
 * so ctrl-C and ctrl-Z arrive as keys and are handled here rather than
 * by signals that would kill the UI mid-draw. What keys do is in keys.c,
 * the runs they start in run.c, the command line in cmdline.c. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stdio.h>
#include <string.h>

#include "ui/cursesw.h"
#include "ui/ui.h"
#include "vm/vm.h"

enum { OUTPUT_MS = 200 };

void ui_draw(struct Ui *u) {
  erase();
  if (u->lay.too_small) {
    char m[96];
    snprintf(m, sizeof(m), "blinkenlights needs at least %dx%d (this is %dx%d)",
             UI_MIN_COLS, UI_MIN_LINES, u->lay.cols, u->lay.lines);
    draw_text(0, 0, COLS, m, A_BOLD);
    refresh();
    return;
  }
  panel_disasm(u, u->lay.disasm);
  panel_regs(u, u->lay.regs);
  panel_flags(u, u->lay.flags);
  panel_x87(u, u->lay.x87);
  panel_sse(u, u->lay.sse);
  panel_code(u, u->lay.code);
  panel_stack(u, u->lay.stack);
  panel_read(u, u->lay.read);
  panel_write(u, u->lay.write);
  panel_user(u, u->lay.user);
  panel_maps(u, u->lay.maps);
  panel_source(u, u->lay.source);
  panel_frames(u, u->lay.frames);
  panel_term(u, u->lay.term);
  panel_screen(u, u->lay.screen);
  panel_cmdout(u, u->lay.cmdout);
  panel_breaks(u, u->lay.breaks);
  panel_status(u, u->lay.status);
  cmdline_draw(u); /* last: it places the cursor when focused */
  refresh();
}

/* A new layout for the terminal's size; the guest's terminal (the pty)
 * takes the size of the panel that shows it. (No SIGWINCH reaches the
 * guest yet: the VM does not deliver signals to handlers.) */
void ui_relayout(struct Ui *u) {
  layout_compute(&u->lay, LINES, COLS);
  if (u->pc) layout_bare(&u->lay);
  if (u->lay.term.h > 1) term_resize(&u->term, u->lay.term.h - 1, u->lay.term.w);
  /* o: the commands panel takes the terminal panel's rows too (the
   * guest's terminal keeps its size; it is only not drawn). */
  struct Layout *l = &u->lay;
  if (u->cmdout_big && l->cmdout.h && l->term.h && l->term.x == l->cmdout.x &&
      l->term.w == l->cmdout.w && l->term.y + l->term.h == l->cmdout.y) {
    l->cmdout.y = l->term.y;
    l->cmdout.h += l->term.h;
    l->term.h = l->term.w = 0;
  }
}

static void setup_colors(struct Ui *u) {
  if (!u->colors || !has_colors()) {
    u->colors = 0;
    return;
  }
  start_color();
  use_default_colors();
  init_pair(CP_TITLE, COLOR_BLACK, COLOR_CYAN);
  init_pair(CP_CURRENT, COLOR_BLACK, COLOR_YELLOW);
  init_pair(CP_CHANGED, COLOR_RED, -1);
  init_pair(CP_MNEMONIC, COLOR_BLUE, -1);
  init_pair(CP_REGISTER, COLOR_MAGENTA, -1);
  init_pair(CP_NUMBER, COLOR_GREEN, -1);
  init_pair(CP_UNMAPPED, -1, COLOR_BLUE);
  init_pair(CP_STATUS, COLOR_BLACK, COLOR_WHITE);
  init_pair(CP_ERROR, COLOR_RED, COLOR_WHITE);
}

int ui_run(struct Ui *u) {
  raw();
  noecho();
  keypad(stdscr, TRUE);
  curs_set(0);
  set_escdelay(25);
  /* Wheel events only: clicks are left to the terminal (copying text). */
  mousemask(BUTTON4_PRESSED | BUTTON5_PRESSED | BUTTON_CTRL, NULL);
  mouseinterval(0);
  setup_colors(u);
  if (!u->delay_ms) u->delay_ms = 16;
  if (!u->mode) u->mode = "stopped";
  vm_regs(u->m, &u->regs);
  u->prev = u->regs;
  vm_fpu(u->m, &u->fpu);
  u->prev_fpu = u->fpu;
  ui_relayout(u);
  term_attach(u); /* the wait hook: a blocked guest leaves the UI live */
  if (u->pc) pc_ui_attach(u);
  cmdline_init(u);
  /* Waiting for a key, look for guest output every OUTPUT_MS: the pty
   * pump (term.c) may still be copying what the guest wrote last. */
  int redraw = 1;
  for (;;) {
    /* All-stop: the other guest threads wait while the user does. */
    vm_threads_pause(u->m);
    if (redraw) ui_draw(u);
    redraw = 1;
    timeout(OUTPUT_MS);
    int ch = getch();
    timeout(-1);
    if (ch != ERR && u->term.focus) {
      term_key(u, ch); /* input mode (i): keys go to the program */
      continue;
    }
    if (ch == ERR) {
      if (term_poll(&u->term)) {
        /* Only the terminal panel changed. */
        panel_term(u, u->lay.term);
        cmdline_draw(u);
        refresh();
      }
      redraw = 0;
      continue;
    }
    if (keys_handle(u, ch) || u->quit) break;
  }
  cmdline_done(u);
  return 0;
}
