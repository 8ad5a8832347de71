/* keys.c: what each key and wheel notch does (the ? help lists them:
 * help.c, and man/blinkenlights.1's KEYS section; keep all three in
 * step). While the command line has the focus, keys go to readline
 * (cmdline.c) instead. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <signal.h>
#include <unistd.h>

#include "ui/cursesw.h"
#include "ui/ui.h"
#include "vm/disasm.h"

#define CTRL(c) ((c) & 0x1f)
enum { KEY_ESC = 27, DELAY_MAX = 1000 };

static int inside(struct Rect r, int y, int x) {
  return r.h && y >= r.y && y < r.y + r.h && x >= r.x && x < r.x + r.w;
}

/* The wheel: over the disassembly it moves through the history, one
 * instruction a notch (up goes back); over a memory panel it scrolls it
 * by rows, and with ctrl zooms it out (down) or in (up); over the
 * commands or breakpoints panel it scrolls them. -N reverses the
 * direction (natural scrolling). */
static void mouse(struct Ui *u) {
  MEVENT ev;
  if (getmouse(&ev) != OK) return;
  int dir = wheel_dir(ev.bstate, u->natural);
  if (!dir) return;
  int mp = mem_panel_at(u, ev.y, ev.x);
  if (ev.bstate & BUTTON_CTRL) {
    if (mp >= 0) mem_zoom(u, mp, dir);
    return;
  }
  if (inside(u->lay.disasm, ev.y, ev.x))
    run_history_wheel(u, dir);
  else if (mp >= 0)
    mem_scroll(u, mp, dir);
  else if (inside(u->lay.term, ev.y, ev.x))
    term_scroll(&u->term, dir);
  else if (inside(u->lay.cmdout, ev.y, ev.x))
    cmdout_scroll(u, -3 * dir);
  else if (inside(u->lay.breaks, ev.y, ev.x)) {
    u->breaks_scroll += dir;
    if (u->breaks_scroll < 0) u->breaks_scroll = 0;
  }
}

static void suspend(struct Ui *u) {
  endwin();
  kill(getpid(), SIGTSTP);
  /* continued */
  refresh();
  ui_relayout(u);
}

int keys_handle(struct Ui *u, int ch) {
  if (u->cmd_focus && ch != KEY_RESIZE && ch != KEY_MOUSE) {
    cmdline_key(u, ch);
    return 0;
  }
  switch (ch) {
    case KEY_RESIZE:
      ui_relayout(u);
      break;
    case KEY_MOUSE:
      mouse(u);
      break;
    case 'q':
      return 1;
    case ':':
      cmdline_focus(u);
      break;
    case 'i':
      /* A PC's keyboard is the guest's while it runs: i runs it. */
      if (u->pc)
        run_continue_fast(u);
      else
        term_focus(u);
      break;
    case CTRL(']'): /* leaves input mode (term-keys.c); out of it, nothing */
      break;
    case 's':
      run_step(u);
      break;
    case 'n':
      run_next(u);
      break;
    case 'f':
      run_finish(u);
      break;
    case 'c':
      run_continue(u);
      break;
    case 'C':
      run_continue_fast(u);
      break;
    case 'S':
    case 'N':
    case 'F':
    case 'B':
      run_reverse(u, ch);
      break;
    case KEY_UP:
      disasm_cursor(u, -1);
      break;
    case KEY_DOWN:
      disasm_cursor(u, 1);
      break;
    case 'b': {
      uint64_t a = u->cursor_on ? u->cursor : u->regs.pc;
      int r = bp_toggle(u, a);
      if (r < 0)
        ui_say(u, 1, "too many breakpoints (%d)", UI_MAX_BREAKS);
      else
        ui_say(u, 0, "breakpoint %s at %#llx", r ? "set" : "cleared",
               (unsigned long long)a);
      break;
    }
    case 'R':
      run_restart(u);
      break;
    case 'o':
      u->cmdout_big = !u->cmdout_big;
      ui_relayout(u);
      if (u->cmdout_big && u->lay.term.h)
        u->cmdout_big = 0, ui_say(u, 1, "no room: the commands panel is not under the terminal panel");
      else
        ui_say(u, 0, "%s", u->cmdout_big ? "the commands panel over the terminal (o: back)"
                                         : "the terminal panel is back");
      break;
    case 'a':
      u->syntax = u->syntax == DIS_INTEL ? DIS_ATT : DIS_INTEL;
      ui_say(u, 0, "disassembly in %s syntax",
             u->syntax == DIS_INTEL ? "Intel" : "AT&T");
      break;
    case 'v':
      u->sse_fmt = (u->sse_fmt + 1) % SSE_NFMT;
      ui_say(u, 0, "sse lanes as %s", sse_format_name(u->sse_fmt));
      break;
    case '?':
      help_show(u);
      break;
    case CTRL('L'):
      clearok(curscr, TRUE);
      ui_relayout(u);
      break;
    case CTRL('Z'):
      suspend(u);
      break;
    case CTRL('T'):
      u->delay_ms = u->delay_ms / 2;
      ui_say(u, 0, "animation delay %d ms", u->delay_ms);
      break;
    case KEY_ESC: {
      /* alt-T arrives as ESC T */
      timeout(0);
      int c2 = getch();
      timeout(-1);
      if (c2 == 't' || c2 == 'T') {
        u->delay_ms = u->delay_ms ? u->delay_ms * 2 : 1;
        if (u->delay_ms > DELAY_MAX) u->delay_ms = DELAY_MAX;
        ui_say(u, 0, "animation delay %d ms", u->delay_ms);
      }
      break;
    }
    case CTRL('C'):
      ui_say(u, 0, "nothing to interrupt; q quits");
      break;
    case ERR:
      break;
    default:
      ui_say(u, 1, "unknown key (? lists the keys)");
      break;
  }
  return 0;
}
