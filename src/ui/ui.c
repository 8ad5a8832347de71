/* ui.c: the blinkenlights main loop: draw, read a key, act.
 *
 * The screen is redrawn whole after every event (erase + panels); curses
 * sends only what changed. Resizes arrive as KEY_RESIZE (ncurses handles
 * SIGWINCH), and are followed by a new layout. Keys are read in raw mode,
 * so ctrl-C and ctrl-Z arrive as keys and are handled here rather than
 * by signals that would kill the UI mid-draw. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ui/cursesw.h"
#include "ui/ui.h"
#include "vm/disasm.h"
#include "vm/vm.h"

#define CTRL(c) ((c) & 0x1f)
enum { KEY_ESC = 27, POLL_MS = 50, OUTPUT_MS = 200, DELAY_MAX = 1000 };

static void say(struct Ui *u, int error, const char *fmt, ...) {
  va_list va;
  va_start(va, fmt);
  vsnprintf(u->msg, sizeof(u->msg), fmt, va);
  va_end(va);
  u->msg_error = error;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void draw(struct Ui *u) {
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
  panel_maps(u, u->lay.maps);
  panel_source(u, u->lay.source);
  panel_frames(u, u->lay.frames);
  panel_term(u, u->lay.term);
  panel_status(u, u->lay.status);
  refresh();
}

/* A new layout for the terminal's size; the guest's terminal (the pty)
 * takes the size of the panel that shows it. (No SIGWINCH reaches the
 * guest yet: the VM does not deliver signals to handlers.) */
static void relayout(struct Ui *u) {
  layout_compute(&u->lay, LINES, COLS);
  if (u->lay.term.h > 1) term_resize(&u->term, u->lay.term.h - 1, u->lay.term.w);
}

/* For the terminal's wait hook (term-wait.c), which draws while the
 * guest is blocked in a system call. */
void ui_draw(struct Ui *u) { draw(u); }
void ui_relayout(struct Ui *u) { relayout(u); }

/* After the machine stopped for good: say why, once. */
static void finished(struct Ui *u, int stop) {
  u->done = 1;
  u->term.focus = 0; /* nobody reads the keys any more: back to ours */
  if (stop == VM_STOP_EXIT) {
    u->mode = "exited";
    say(u, 0, "program exited with status %d", vm_exit_code(u->m) & 0xff);
  } else if (stop == VM_STOP_SIGNAL) {
    u->mode = "killed";
    say(u, 1, "program killed by %s at %#llx",
        vm_signal_name(vm_stop_signal(u->m)),
        (unsigned long long)vm_rip(u->m));
  } else {
    u->mode = "halted";
    say(u, 1, "machine stopped (reason %d)", stop);
  }
}

static int is_final(int stop) {
  return stop == VM_STOP_EXIT || stop == VM_STOP_SIGNAL || stop == VM_STOP_HALT;
}

/* One instruction; returns its stop reason. */
static int step(struct Ui *u) {
  u->dis_pinned = 0;
  u->cursor_on = 0;
  if (!u->snap_hold) mem_snapshot(u);
  u->prev = u->regs;
  u->prev_fpu = u->fpu;
  u->have_prev = 1;
  int stop = vm_step(u->m);
  vm_regs(u->m, &u->regs);
  vm_fpu(u->m, &u->fpu);
  u->stop = stop;
  if (is_final(stop)) finished(u, stop);
  return stop;
}

static int refuse_if_done(struct Ui *u) {
  if (!u->done) return 0;
  say(u, 1, "the program has ended; R restarts, q quits");
  return 1;
}

static int at_break(struct Ui *u) {
  return !u->done && bp_find(u, u->regs.rip) >= 0;
}

/* A box in the middle of the screen until ENTER (as the reference's
 * breakpoint dialog); the screen under it is redrawn afterwards. */
static void modal(struct Ui *u, const char *text) {
  for (;;) {
    draw(u);
    int w = (int)strlen(text) + 6, h = 5;
    if (w < 40) w = 40;
    if (w > COLS) w = COLS;
    struct Rect r = {(LINES - h) / 2, (COLS - w) / 2, h, w};
    draw_clear(r);
    draw_title(r, "stopped (ENTER continues)");
    draw_text(r.y + 2, r.x + 3, r.w - 3, text, A_BOLD);
    refresh();
    timeout(-1);
    int ch = getch();
    if (ch == KEY_RESIZE) {
      relayout(u);
      continue;
    }
    if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) break;
  }
}

static void stopped_at_break(struct Ui *u) {
  char text[96];
  snprintf(text, sizeof(text), "breakpoint at %#llx",
           (unsigned long long)u->regs.rip);
  say(u, 0, "%s", text);
  u->mode = "stopped";
  modal(u, text);
}

/* c: step and draw, u->delay_ms apart, until a key or the end. */
static void continue_animated(struct Ui *u) {
  if (refuse_if_done(u)) return;
  u->mode = "running";
  say(u, 0, "continuing; any key stops");
  int hit = 0;
  uint64_t i0 = vm_icount(u->m);
  double t0 = now();
  for (;;) {
    int st = step(u);
    if (is_final(st) || st == VM_STOP_INTERRUPT) break;
    if (at_break(u)) {
      hit = 1;
      break;
    }
    draw(u);
    timeout(u->delay_ms);
    int ch = getch();
    if (ch == KEY_RESIZE) {
      relayout(u);
      continue;
    }
    if (ch == CTRL('T')) {
      u->delay_ms /= 2;
      continue;
    }
    if (ch != ERR) {
      say(u, 0, "stopped");
      break;
    }
  }
  double dt = now() - t0;
  if (dt > 0) u->ips = (vm_icount(u->m) - i0) / dt;
  if (!u->done) u->mode = "stopped";
  timeout(-1);
  if (hit) stopped_at_break(u);
}

/* C: vm_run at full speed. A ticker thread interrupts it every POLL_MS
 * so that a key can stop it; nothing but the status line is drawn
 * meanwhile. A thread rather than a SIGALRM timer: a signal would cut
 * the guest's sleeps and waits short with EINTR (nanosleep is not
 * restarted by SA_RESTART), which a native run never sees. */
struct Ticker {
  struct Machine *m;
  atomic_int quit;
};

static void *ticker(void *arg) {
  struct Ticker *t = arg;
  struct timespec ts = {0, POLL_MS * 1000000L};
  while (!atomic_load(&t->quit)) {
    nanosleep(&ts, NULL);
    vm_interrupt(t->m);
  }
  return NULL;
}

static void run_until(struct Ui *u, int (*done)(struct Ui *, uint64_t),
                      uint64_t arg, const char *what);
static int never(struct Ui *u, uint64_t arg) {
  (void)u;
  (void)arg;
  return 0;
}

static void continue_fast(struct Ui *u) {
  if (refuse_if_done(u)) return;
  if (u->nbreaks) {
    /* The VM has no breakpoints yet: with any set, C steps (about 1M
     * instructions a second instead of 100M) and tests each RIP. */
    run_until(u, never, 0, "continuing by steps (breakpoints are set)");
    return;
  }
  u->dis_pinned = 0;
  mem_snapshot(u);
  u->prev = u->regs;
  u->prev_fpu = u->fpu;
  u->have_prev = 1;
  u->mode = "running";
  say(u, 0, "running at full speed; any key stops");
  panel_status(u, u->lay.status);
  refresh();
  struct Ticker tk = {u->m, 0};
  pthread_t th;
  int have_thread = pthread_create(&th, NULL, ticker, &tk) == 0;
  if (!have_thread) say(u, 1, "no ticker thread: C cannot be stopped by a key");
  timeout(0);
  uint64_t i0 = vm_icount(u->m);
  double t0 = now(), last_draw = t0;
  int stop;
  for (;;) {
    stop = vm_run(u->m);
    /* INTERRUPT: the wait hook stopped it in a blocking system call. */
    if (is_final(stop) || stop == VM_STOP_BREAK || stop == VM_STOP_INTERRUPT)
      break;
    int ch = getch();
    if (ch == KEY_RESIZE) {
      relayout(u);
      draw(u);
    } else if (ch != ERR && u->term.focus) {
      term_key(u, ch); /* input mode: the key is the program's */
    } else if (ch != ERR) {
      say(u, 0, "stopped");
      break;
    }
    double t = now();
    if (t - last_draw > 0.5) {
      u->ips = (vm_icount(u->m) - i0) / (t - t0);
      panel_status(u, u->lay.status);
      refresh();
      last_draw = t;
    }
  }
  if (have_thread) {
    atomic_store(&tk.quit, 1);
    pthread_join(th, NULL);
  }
  timeout(-1);
  double dt = now() - t0;
  if (dt > 0) u->ips = (vm_icount(u->m) - i0) / dt;
  vm_regs(u->m, &u->regs);
  vm_fpu(u->m, &u->fpu);
  u->stop = stop;
  if (is_final(stop))
    finished(u, stop);
  else
    u->mode = "stopped";
}

/* The text of the instruction at RIP, for n and f to recognise calls
 * and returns. */
static int insn_at_rip(struct Ui *u, char *text, size_t size) {
  uint8_t b[15];
  size_t n = vm_peek(u->m, u->regs.rip, b, sizeof(b));
  if (!n) return 0;
  struct DisOptions o = {DIS_ATT, u->regs.mode, NULL, NULL};
  return dis_insn(text, size, b, n, u->regs.rip, &o);
}

/* Whether one of the words of an instruction's text is one of names
 * (prefixes like "addr32", "notrack", "bnd", "repz" come first). */
static int has_word(const char *text, const char *const *names) {
  char buf[128];
  snprintf(buf, sizeof(buf), "%s", text);
  for (char *w = strtok(buf, " ,"); w; w = strtok(NULL, " ,"))
    for (int i = 0; names[i]; ++i)
      if (!strcmp(w, names[i])) return 1;
  return 0;
}
static const char *const call_words[] = {"call", "callq", "lcall", NULL};
static const char *const ret_words[] = {"ret", "retq", "lret", "lretq", NULL};

/* Steps until done(u, arg) says so, the program ends, or a key is
 * pressed (looked at every POLL_STEPS instructions). For n and f: no
 * drawing meanwhile. */
enum { POLL_STEPS = 1 << 16 };
static void run_until(struct Ui *u, int (*done)(struct Ui *, uint64_t),
                      uint64_t arg, const char *what) {
  struct VmRegs start = u->regs;
  struct VmFpu start_fpu = u->fpu;
  mem_snapshot(u);
  u->snap_hold = 1;
  u->mode = "running";
  say(u, 0, "%s; any key stops", what);
  panel_status(u, u->lay.status);
  refresh();
  timeout(0);
  uint64_t i0 = vm_icount(u->m);
  double t0 = now();
  int hit = 0;
  for (unsigned long k = 1;; ++k) {
    int st = step(u);
    if (is_final(st) || st == VM_STOP_INTERRUPT) break;
    if (done(u, arg)) {
      u->msg[0] = 0;
      break;
    }
    if (at_break(u)) {
      hit = 1;
      break;
    }
    if (k % POLL_STEPS == 0) {
      int ch = getch();
      if (ch == KEY_RESIZE) relayout(u);
      else if (ch != ERR) {
        say(u, 0, "stopped");
        break;
      }
    }
  }
  timeout(-1);
  double dt = now() - t0;
  if (dt > 0) u->ips = (vm_icount(u->m) - i0) / dt;
  /* Highlights show what the whole n or f changed. */
  u->prev = start;
  u->prev_fpu = start_fpu;
  u->snap_hold = 0;
  if (!u->done) u->mode = "stopped";
  if (hit) stopped_at_break(u);
}

/* n: back at the instruction after the call, with the call's frame gone
 * (RSP back where it was: a recursive call passing the same address
 * does not count). */
static uint64_t next_rsp;
static int next_done(struct Ui *u, uint64_t after) {
  return u->regs.rip == after && u->regs.r[VM_RSP] >= next_rsp;
}

static void next(struct Ui *u) {
  if (refuse_if_done(u)) return;
  char text[128];
  int len = insn_at_rip(u, text, sizeof(text));
  if (len <= 0 || !has_word(text, call_words)) {
    if (step(u) != VM_STOP_INTERRUPT && !u->done) u->msg[0] = 0;
    return;
  }
  next_rsp = u->regs.r[VM_RSP];
  run_until(u, next_done, u->regs.rip + len, "stepping over the call");
}

/* f: until a return leaves the current frame, i.e. a ret executed with
 * RSP at or above where it was when f was pressed. */
static int finish_was_ret;
static int finish_done(struct Ui *u, uint64_t rsp0) {
  int was = finish_was_ret;
  char text[128];
  finish_was_ret = insn_at_rip(u, text, sizeof(text)) > 0 &&
                   has_word(text, ret_words);
  return was && u->regs.r[VM_RSP] > rsp0;
}

static void finish(struct Ui *u) {
  if (refuse_if_done(u)) return;
  char text[128];
  finish_was_ret =
      insn_at_rip(u, text, sizeof(text)) > 0 && has_word(text, ret_words);
  run_until(u, finish_done, u->regs.r[VM_RSP], "finishing the function");
}

/* R: a fresh machine with the same program and arguments. The old one's
 * output stays in the terminal panel, after a separator line. */
static void restart(struct Ui *u) {
  struct Machine *m = vm_new();
  char err[1024];
  if (!m || vm_load(m, u->prog, u->argv, u->envp, err, sizeof(err))) {
    if (m) vm_free(m);
    say(u, 1, "restart failed: %s", m ? err : "out of memory");
    return;
  }
  vm_free(u->m);
  u->m = m;
  u->done = 0;
  u->stop = VM_STOP_NONE;
  u->mode = "stopped";
  u->have_prev = 0;
  u->dis_pinned = 0;
  u->ips = 0;
  vm_regs(m, &u->regs);
  u->prev = u->regs;
  vm_fpu(u->m, &u->fpu);
  u->prev_fpu = u->fpu;
  for (int i = 0; i < MV_COUNT; ++i) u->mv[i].have = 0;
  term_attach(u);
  term_note(&u->term, "--- restarted ---");
  say(u, 0, "restarted %s", u->prog);
}

static int inside(struct Rect r, int y, int x) {
  return r.h && y >= r.y && y < r.y + r.h && x >= r.x && x < r.x + r.w;
}

/* The wheel: scrolls the panel under the pointer, 3 lines a notch (one
 * with -N reversed: natural scrolling). ctrl+wheel will zoom memory. */
static void mouse(struct Ui *u) {
  MEVENT ev;
  if (getmouse(&ev) != OK) return;
  int dir = 0;
  if (ev.bstate & BUTTON4_PRESSED) dir = -1;
#ifdef BUTTON5_PRESSED
  if (ev.bstate & BUTTON5_PRESSED) dir = 1;
#endif
  if (!dir) return;
  if (u->natural) dir = -dir;
  if (ev.bstate & BUTTON_CTRL) {
    say(u, 0, "memory zoom (ctrl+wheel) is not drawn yet");
    return;
  }
  if (inside(u->lay.disasm, ev.y, ev.x))
    disasm_scroll(u, 3 * dir);
  else if (inside(u->lay.stack, ev.y, ev.x))
    u->stack_scroll += dir;
  else if (inside(u->lay.code, ev.y, ev.x))
    u->code_scroll += dir;
  else if (inside(u->lay.term, ev.y, ev.x))
    term_scroll(&u->term, dir);
}

static void suspend(struct Ui *u) {
  endwin();
  kill(getpid(), SIGTSTP);
  /* continued */
  refresh();
  relayout(u);
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
  relayout(u);
  term_attach(u);
  /* Waiting for a key, look for guest output every OUTPUT_MS: the pty
   * pump (term.c) may still be copying what the guest wrote last. */
  int redraw = 1;
  for (;;) {
    if (redraw) draw(u);
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
        refresh();
      }
      redraw = 0;
      continue;
    }
    switch (ch) {
      case KEY_RESIZE:
        relayout(u);
        break;
      case KEY_MOUSE:
        mouse(u);
        break;
      case 'q':
        return 0;
      case 's':
        if (!refuse_if_done(u)) {
          if (step(u) != VM_STOP_INTERRUPT && !u->done) u->msg[0] = 0;
        }
        break;
      case 'i':
        term_focus(u);
        break;
      case 'n':
        next(u);
        break;
      case KEY_UP:
        disasm_cursor(u, -1);
        break;
      case KEY_DOWN:
        disasm_cursor(u, 1);
        break;
      case 'b': {
        uint64_t a = u->cursor_on ? u->cursor : u->regs.rip;
        int r = bp_toggle(u, a);
        if (r < 0)
          say(u, 1, "too many breakpoints (%d)", UI_MAX_BREAKS);
        else
          say(u, 0, "breakpoint %s at %#llx", r ? "set" : "cleared",
              (unsigned long long)a);
        break;
      }
      case 'f':
        finish(u);
        break;
      case 'R':
        restart(u);
        break;
      case 'v':
        u->sse_fmt = (u->sse_fmt + 1) % SSE_NFMT;
        say(u, 0, "sse lanes as %s", sse_format_name(u->sse_fmt));
        break;
      case 'c':
        continue_animated(u);
        break;
      case 'C':
        continue_fast(u);
        break;
      case '?':
        help_show(u);
        break;
      case CTRL('L'):
        clearok(curscr, TRUE);
        relayout(u);
        break;
      case CTRL('Z'):
        suspend(u);
        break;
      case CTRL('T'):
        u->delay_ms = u->delay_ms / 2;
        say(u, 0, "animation delay %d ms", u->delay_ms);
        break;
      case KEY_ESC: {
        /* alt-T arrives as ESC T */
        timeout(0);
        int c2 = getch();
        timeout(-1);
        if (c2 == 't' || c2 == 'T') {
          u->delay_ms = u->delay_ms ? u->delay_ms * 2 : 1;
          if (u->delay_ms > DELAY_MAX) u->delay_ms = DELAY_MAX;
          say(u, 0, "animation delay %d ms", u->delay_ms);
        }
        break;
      }
      case CTRL('C'):
        say(u, 0, "nothing to interrupt; q quits");
        break;
      case CTRL(']'): /* leaves input mode (term-keys.c); out of it, nothing */
        break;
      case ERR:
        break;
      default:
        say(u, 1, "unknown key (? lists the keys)");
        break;
    }
  }
}
