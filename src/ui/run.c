/* run.c: what the keys do to the machine.
 *
 * Forward: s, n, f, c and C go through the history (history_step,
 * history_run) when it records, so everything a key executes can be
 * gone back over; in the past they replay the recording. Reverse: S, N,
 * F and B, and the wheel over the disassembly. Every run ends at a
 * breakpoint of the one set (u->cmd's) with the stop dialog.
 *
 * Breakpoints: when the VM has its own (vm_break_set, a weak reference
 * until it is linked in), C runs at full speed with them set in the VM;
 * otherwise any run with a breakpoint set steps and tests each RIP. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "dbg/dbg.h"
#include "ui/cursesw.h"
#include "ui/ui.h"
#include "vm/disasm.h"
#include "vm/history.h"
#include "vm/vm.h"

/* Declared in debug.h; implemented by the VM's breakpoint work. Weak so
 * that this builds and runs (by stepping) before that lands. */
#pragma weak vm_break_set
#pragma weak vm_break_clear_all
#pragma weak vm_watch_hit

#define CTRL(c) ((c) & 0x1f)
enum { POLL_MS = 50, POLL_STEPS = 1 << 16 };

void ui_say(struct Ui *u, int error, const char *fmt, ...) {
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

int ui_is_final(int stop) {
  return stop == VM_STOP_EXIT || stop == VM_STOP_SIGNAL || stop == VM_STOP_HALT;
}

void run_sync_state(struct Ui *u) {
  vm_regs(u->m, &u->regs);
  vm_fpu(u->m, &u->fpu);
  u->cmd.exited = u->done;
}

/* After the machine stopped for good: say why, once. */
static void finished(struct Ui *u, int stop) {
  u->done = 1;
  u->cmd.exited = 1;
  if (stop == VM_STOP_EXIT) {
    u->mode = "exited";
    ui_say(u, 0, "program exited with status %d", vm_exit_code(u->m) & 0xff);
  } else if (stop == VM_STOP_SIGNAL) {
    u->mode = "killed";
    ui_say(u, 1, "program killed by %s at %#llx",
           vm_signal_name(vm_stop_signal(u->m)),
           (unsigned long long)vm_rip(u->m));
  } else {
    u->mode = "halted";
    ui_say(u, 1, "machine stopped (reason %d)", stop);
  }
}

void run_after_move(struct Ui *u, int stop) {
  u->stop = stop;
  if (ui_is_final(stop)) finished(u, stop);
}

void run_command_moved(struct Ui *u) {
  u->dis_pinned = 0;
  u->cursor_on = 0;
  if (u->cmd.exited) {
    if (!u->done)
      finished(u, vm_stop_signal(u->m) > 0 ? VM_STOP_SIGNAL : VM_STOP_EXIT);
    return;
  }
  u->done = 0;
  u->stop = VM_STOP_NONE;
  u->mode = "stopped";
}

int run_history_text(struct Ui *u, char *buf, size_t size) {
  if (!u->hist_on) return 0;
  uint64_t len = history_len(u->m), pos = history_position(u->m);
  if (!len) return 0;
  snprintf(buf, size, "-%llu/%llu%s", (unsigned long long)(len - pos),
           (unsigned long long)len,
           history_replaying(u->m) ? " replaying" : "");
  return 1;
}

/* One instruction forward, recorded (or replayed) when the history is
 * on; returns its stop reason. */
static int step1(struct Ui *u) {
  return u->hist_on ? history_step(u->m) : vm_step(u->m);
}

/* Before any move: what the highlights compare against. */
static void before_move(struct Ui *u) {
  u->dis_pinned = 0;
  u->cursor_on = 0;
  if (!u->snap_hold) mem_snapshot(u);
  u->prev = u->regs;
  u->prev_fpu = u->fpu;
  u->have_prev = 1;
}

/* One instruction; returns its stop reason. */
static int step(struct Ui *u) {
  before_move(u);
  int stop = step1(u);
  vm_regs(u->m, &u->regs);
  vm_fpu(u->m, &u->fpu);
  run_after_move(u, stop);
  return stop;
}

static int refuse_if_done(struct Ui *u) {
  if (!u->done) return 0;
  ui_say(u, 1, "the program has ended; S/B go back, R restarts, q quits");
  return 1;
}

static int at_break(struct Ui *u) {
  return !u->done && bp_find(u, u->regs.rip) >= 0;
}

/* A box in the middle of the screen until ENTER (as the reference's
 * breakpoint dialog); the screen under it is redrawn afterwards. */
void ui_modal(struct Ui *u, const char *text) {
  for (;;) {
    ui_draw(u);
    int w = (int)strlen(text) + 6, h = 5;
    if (w < 40) w = 40;
    if (w > COLS) w = COLS;
    struct Rect r = {(LINES - h) / 2, (COLS - w) / 2, h, w};
    draw_clear(r);
    draw_title(r, "stopped (ENTER continues)");
    draw_text(r.y + 2, r.x + 3, r.w - 3, text, A_BOLD);
    curs_set(0);
    refresh();
    timeout(-1);
    int ch = getch();
    if (ch == KEY_RESIZE) {
      ui_relayout(u);
      continue;
    }
    if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) break;
  }
}

static void stopped_at_break(struct Ui *u) {
  char text[200];
  bp_hit_text(u, u->regs.rip, text, sizeof(text));
  ui_say(u, 0, "%s", text);
  u->mode = "stopped";
  ui_modal(u, text);
}

/* After VM_STOP_WATCH: "watchpoint 2: write at 0x... by 0x... <f+4>". */
static void stopped_at_watch(struct Ui *u) {
  struct VmWatchHit h;
  char text[256], by[160];
  if (!vm_watch_hit || vm_watch_hit(u->m, &h)) {
    snprintf(text, sizeof(text), "watchpoint hit");
  } else {
    cmd_addr_text(&u->cmd, h.pc, by, sizeof(by));
    snprintf(text, sizeof(text), "watchpoint %d: %s at %#llx by %s", h.id,
             h.kind == VM_WATCH_READ ? "read" : "write",
             (unsigned long long)h.addr, by);
  }
  ui_say(u, 0, "%s", text);
  u->mode = "stopped";
  ui_modal(u, text);
}

void run_step(struct Ui *u) {
  if (refuse_if_done(u)) return;
  int stop = step(u);
  if (!u->done) u->msg[0] = 0;
  if (stop == VM_STOP_WATCH) stopped_at_watch(u);
}

/* c: step and draw, u->delay_ms apart, until a key or the end. */
void run_continue(struct Ui *u) {
  if (refuse_if_done(u)) return;
  u->mode = "running";
  ui_say(u, 0, "continuing; any key stops");
  int hit = 0, stop;
  uint64_t i0 = vm_icount(u->m);
  double t0 = now();
  for (;;) {
    stop = step(u);
    if (ui_is_final(stop) || stop == VM_STOP_WATCH) break;
    if (at_break(u)) {
      hit = 1;
      break;
    }
    ui_draw(u);
    timeout(u->delay_ms);
    int ch = getch();
    if (ch == KEY_RESIZE) {
      ui_relayout(u);
      continue;
    }
    if (ch == CTRL('T')) {
      u->delay_ms /= 2;
      continue;
    }
    if (ch != ERR) {
      ui_say(u, 0, "stopped");
      break;
    }
  }
  double dt = now() - t0;
  if (dt > 0) u->ips = (vm_icount(u->m) - i0) / dt;
  if (!u->done) u->mode = "stopped";
  timeout(-1);
  if (hit) stopped_at_break(u);
  if (stop == VM_STOP_WATCH) stopped_at_watch(u);
}

/* C: history_run (vm_run) at full speed. A ticker thread interrupts it
 * every POLL_MS so that a key can stop it; nothing but the status line
 * is drawn meanwhile. A thread rather than a SIGALRM timer: a signal
 * would cut the guest's sleeps and waits short with EINTR (nanosleep is
 * not restarted by SA_RESTART), which a native run never sees. */
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

/* Puts the enabled breakpoints into the VM; 0 when it has none to take
 * them (then runs must step). */
static int vm_breaks_sync(struct Ui *u) {
  if (!vm_break_set || !vm_break_clear_all) return 0;
  vm_break_clear_all(u->m);
  for (int i = 0; i < u->cmd.nbp; ++i)
    if (u->cmd.bp[i].enabled && vm_break_set(u->m, u->cmd.bp[i].addr))
      return 0;
  return 1;
}

static int any_break(struct Ui *u) {
  for (int i = 0; i < u->cmd.nbp; ++i)
    if (u->cmd.bp[i].enabled) return 1;
  return 0;
}

void run_continue_fast(struct Ui *u) {
  if (refuse_if_done(u)) return;
  if (any_break(u) && !vm_breaks_sync(u)) {
    /* No breakpoints in the VM: C steps (about 1M instructions a
     * second instead of 100M) and tests each RIP. */
    run_until(u, never, 0, "continuing by steps (breakpoints are set)");
    return;
  }
  before_move(u);
  u->mode = "running";
  ui_say(u, 0, "running at full speed; any key stops");
  panel_status(u, u->lay.status);
  refresh();
  struct Ticker tk = {u->m, 0};
  pthread_t th;
  int have_thread = pthread_create(&th, NULL, ticker, &tk) == 0;
  if (!have_thread)
    ui_say(u, 1, "no ticker thread: C cannot be stopped by a key");
  timeout(0);
  uint64_t i0 = vm_icount(u->m);
  double t0 = now(), last_draw = t0;
  int stop;
  for (;;) {
    stop = u->hist_on ? history_run(u->m) : vm_run(u->m);
    if (ui_is_final(stop) || stop == VM_STOP_BREAK || stop == VM_STOP_WATCH)
      break;
    int ch = getch();
    if (ch == KEY_RESIZE) {
      ui_relayout(u);
      ui_draw(u);
    } else if (ch != ERR) {
      ui_say(u, 0, "stopped");
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
  run_after_move(u, stop);
  if (!u->done) u->mode = "stopped";
  if (stop == VM_STOP_BREAK) stopped_at_break(u);
  if (stop == VM_STOP_WATCH) stopped_at_watch(u);
}

/* The text of the instruction at RIP, for n and f to recognise calls
 * and returns. */
static int insn_at(struct Ui *u, uint64_t rip, char *text, size_t size) {
  uint8_t b[15];
  size_t n = vm_peek(u->m, rip, b, sizeof(b));
  if (!n) return 0;
  struct DisOptions o = {DIS_ATT, u->regs.mode, NULL, NULL};
  return dis_insn(text, size, b, n, rip, &o);
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

/* Steps until done(u, arg) says so, the program ends, a breakpoint or
 * watchpoint, or a key (looked at every POLL_STEPS instructions). For
 * n, f and C with breakpoints: no drawing meanwhile. */
static void run_until(struct Ui *u, int (*done)(struct Ui *, uint64_t),
                      uint64_t arg, const char *what) {
  struct VmRegs start = u->regs;
  struct VmFpu start_fpu = u->fpu;
  mem_snapshot(u);
  u->snap_hold = 1;
  u->mode = "running";
  ui_say(u, 0, "%s; any key stops", what);
  panel_status(u, u->lay.status);
  refresh();
  timeout(0);
  uint64_t i0 = vm_icount(u->m);
  double t0 = now();
  int hit = 0, stop = VM_STOP_NONE;
  for (unsigned long k = 1;; ++k) {
    stop = step(u);
    if (ui_is_final(stop) || stop == VM_STOP_WATCH) break;
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
      if (ch == KEY_RESIZE) {
        ui_relayout(u);
      } else if (ch != ERR) {
        ui_say(u, 0, "stopped");
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
  if (stop == VM_STOP_WATCH) stopped_at_watch(u);
}

/* n: back at the instruction after the call, with the call's frame gone
 * (RSP back where it was: a recursive call passing the same address
 * does not count). */
static uint64_t next_rsp;
static int next_done(struct Ui *u, uint64_t after) {
  return u->regs.rip == after && u->regs.r[VM_RSP] >= next_rsp;
}

void run_next(struct Ui *u) {
  if (refuse_if_done(u)) return;
  char text[128];
  int len = insn_at(u, u->regs.rip, text, sizeof(text));
  if (len <= 0 || !has_word(text, call_words)) {
    run_step(u);
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
  finish_was_ret = insn_at(u, u->regs.rip, text, sizeof(text)) > 0 &&
                   has_word(text, ret_words);
  return was && u->regs.r[VM_RSP] > rsp0;
}

void run_finish(struct Ui *u) {
  if (refuse_if_done(u)) return;
  char text[128];
  finish_was_ret = insn_at(u, u->regs.rip, text, sizeof(text)) > 0 &&
                   has_word(text, ret_words);
  run_until(u, finish_done, u->regs.r[VM_RSP], "finishing the function");
}

/* ---- reverse ---- */

static int no_history(struct Ui *u) {
  if (u->hist_on) return 0;
  ui_say(u, 1, "no history is recorded (-B 0, or no memory for it)");
  return 1;
}

/* After any move through the history: the past is before the end. */
static void after_rewind(struct Ui *u) {
  u->done = 0;
  u->stop = VM_STOP_NONE;
  u->mode = "stopped";
  run_sync_state(u);
}

static int read_word(void *ctx, uint64_t addr, uint64_t *val) {
  uint8_t b[8];
  if (vm_peek(ctx, addr, b, 8) != 8) return 0;
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = v << 8 | b[i];
  *val = v;
  return 1;
}

/* The call instruction of the current frame: RSP equal to the caller's
 * (the CFA) and the instruction just before the return address. */
struct CallSite {
  uint64_t cfa, ret;
};
static int call_pred(struct Machine *m, void *ctx) {
  struct CallSite *cs = ctx;
  struct VmRegs r;
  vm_regs(m, &r);
  return r.r[VM_RSP] == cs->cfa && r.rip < cs->ret && cs->ret - r.rip <= 15;
}

static bool read_fn(void *ctx, uint64_t addr, uint64_t *val) {
  return read_word(ctx, addr, val);
}

/* F: back to the call that entered the current function: the caller's
 * frame from DWARF CFI (else the RBP chain), then the last state at
 * that call. */
static void reverse_finish(struct Ui *u) {
  struct DbgFrameRegs fr = {u->regs.rip, u->regs.r[VM_RSP], u->regs.r[VM_RBP],
                            true};
  struct CallSite cs;
  int ok;
  if (u->dbg) {
    ok = dbg_unwind(u->dbg, &fr, read_fn, u->m) != 0;
    cs.cfa = fr.rsp;
    cs.ret = fr.rip;
  } else {
    uint64_t rbp = u->regs.r[VM_RBP];
    ok = read_word(u->m, rbp + 8, &cs.ret);
    cs.cfa = rbp + 16;
  }
  char at[160];
  cmd_addr_text(&u->cmd, u->regs.rip, at, sizeof(at));
  cmdout_add(u, 0, "reverse-finish");
  uint64_t pos;
  if (!ok || !history_search_back(u->m, call_pred, &cs, &pos)) {
    cmdout_add(u, 1, "reverse-finish: no call of this frame in the history");
    ui_say(u, 1, "no call of this frame in the history");
    return;
  }
  char line[256];
  snprintf(line, sizeof(line), "Run back to call of %s", at);
  cmdout_add(u, 0, line);
}

void run_reverse(struct Ui *u, int key) {
  if (no_history(u)) return;
  if (history_position(u->m) == 0) {
    ui_say(u, 1, "at the start of the history");
    return;
  }
  switch (key) {
    case 'S':
      cmdline_exec(u, "reverse-stepi");
      break;
    case 'N':
      cmdline_exec(u, "reverse-nexti");
      break;
    case 'B':
      cmdline_exec(u, "reverse-continue");
      break;
    case 'F':
      before_move(u);
      reverse_finish(u);
      after_rewind(u);
      break;
  }
  if (!u->msg_error) u->msg[0] = 0;
}

/* The wheel over the disassembly: one instruction a notch. */
void run_history_wheel(struct Ui *u, int dir) {
  if (no_history(u)) return;
  uint64_t p0 = history_position(u->m);
  if (dir < 0 && p0 == 0) {
    ui_say(u, 1, "at the start of the history");
    return;
  }
  if (dir > 0 && !history_replaying(u->m)) {
    ui_say(u, 0, "at the present (s steps on)");
    return;
  }
  before_move(u);
  if (dir < 0)
    history_step_back(u->m, 1);
  else
    history_replay_forward(u->m, 1);
  after_rewind(u);
  u->msg[0] = 0;
}

void run_history_start(struct Ui *u) {
  u->hist_on = 0;
  if (!u->hist_budget) return;
  if (history_enable(u->m, u->hist_budget))
    ui_say(u, 1, "no memory for the history: reverse keys will not work");
  else
    u->hist_on = 1;
}

/* R: a fresh machine with the same program and arguments. The old one's
 * output stays in the terminal panel, after a separator line. The
 * breakpoints stay (they are addresses in the same program). */
void run_restart(struct Ui *u) {
  struct Machine *m = vm_new();
  char err[1024];
  if (!m || vm_load(m, u->prog, u->argv, u->envp, err, sizeof(err))) {
    if (m) vm_free(m);
    ui_say(u, 1, "restart failed: %s", m ? err : "out of memory");
    return;
  }
  if (u->hist_on) history_disable(u->m);
  vm_free(u->m);
  u->m = m;
  u->cmd.m = m;
  u->cmd.exited = 0;
  run_history_start(u);
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
  term_note(&u->term, "--- restarted ---");
  ui_say(u, 0, "restarted %s", u->prog);
}
