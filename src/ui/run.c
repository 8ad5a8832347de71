/* run.c: what the keys do to the machine.
 *
 * Everything goes through the history when it records (-B), so all a
 * key executes can be gone back over; in the past, forward keys replay
 * the recording. n, f and C are the interpreter's nexti, finish and
 * continue (cmdline_exec: full speed with the VM's breakpoints and
 * watchpoints, conditions and ignore counts, a key interrupts); the
 * reverse keys S, N, F and B its reverse-stepi, reverse-nexti,
 * reverse-finish and reverse-continue. s steps quietly (history_step),
 * and c animates by steps, asking the interpreter about breakpoints
 * and watchpoints after each (cmd_bp_hit, cmd_watch_check). The wheel
 * over the disassembly moves a notch at a time through the history. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "pc/pc.h"
#include "ui/cursesw.h"
#include "ui/ui.h"
#include "vm/disasm.h"
#include "vm/history.h"
#include "vm/vm.h"

#define CTRL(c) ((c) & 0x1f)
enum { POLL_MS = 50 };

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

/* A PC's hlt with interrupts on waits for the next one: not an end. */
int ui_is_final(struct Ui *u, int stop) {
  if (stop == VM_STOP_HALT && u->pc) {
    struct VmRegs r;
    vm_regs(u->m, &r);
    return !(r.rflags & VM_FLAG_IF);
  }
  return stop == VM_STOP_EXIT || stop == VM_STOP_SIGNAL ||
         stop == VM_STOP_HALT || stop == VM_STOP_TRIPLE;
}

void run_sync_state(struct Ui *u) {
  vm_regs(u->m, &u->regs);
  vm_fpu(u->m, &u->fpu);
  u->cmd.exited = u->done;
}

/* After the machine stopped for good: say why, once. */
static void finished(struct Ui *u, int stop) {
  u->done = 1;
  u->term.focus = 0; /* nobody reads the keys any more: back to ours */
  u->cmd.exited = 1;
  if (stop == VM_STOP_EXIT) {
    u->mode = "exited";
    ui_say(u, 0, "program exited with status %d", vm_exit_code(u->m) & 0xff);
  } else if (stop == VM_STOP_SIGNAL) {
    u->mode = "killed";
    ui_say(u, 1, "program killed by %s at %#llx",
           vm_signal_name(vm_stop_signal(u->m)),
           (unsigned long long)vm_pc(u->m));
  } else if (stop == VM_STOP_TRIPLE) {
    u->mode = "shut down";
    ui_say(u, 1, "triple fault at %04x:%04llx: the CPU shut down (R powers on)",
           u->regs.sreg[1], (unsigned long long)u->regs.rip);
  } else if (stop == VM_STOP_HALT && u->pc) {
    u->mode = "halted";
    ui_say(u, 1, "the machine halted with interrupts off at %04x:%04llx",
           u->regs.sreg[1], (unsigned long long)u->regs.rip);
  } else {
    u->mode = "halted";
    ui_say(u, 1, "machine stopped (reason %d)", stop);
  }
}

void run_after_move(struct Ui *u, int stop) {
  u->stop = stop;
  if (ui_is_final(u, stop)) {
    finished(u, stop);
  } else if (stop == VM_STOP_HALT) {
    u->mode = "halted";
    ui_say(u, 0, "halted: waiting for an interrupt (c runs on)");
  } else if (u->pc) {
    u->mode = "stopped"; /* a step may have waited in hlt ("halted") */
  }
  if (stop == VM_STOP_SIGNAL_RECEIVED)
    ui_say(u, 1, "program received %s at %#llx: going on runs its handler",
           vm_signal_name(vm_stop_signal(u->m)),
           (unsigned long long)vm_pc(u->m));
}

void run_command_moved(struct Ui *u) {
  u->dis_pinned = 0;
  u->cursor_on = 0;
  if (u->cmd.exited) {
    if (!u->done && u->pc && ui_is_final(u, u->cmd.stop))
      finished(u, u->cmd.stop); /* a PC: triple fault, hlt with IF=0 */
    else if (!u->done)
      finished(u, vm_stop_signal(u->m) > 0 ? VM_STOP_SIGNAL : VM_STOP_EXIT);
    return;
  }
  u->done = 0;
  u->stop = VM_STOP_NONE;
  u->mode = "stopped";
}

/* A thread's creation ended the recording (history_threads): the keys
 * stop offering it, the commands panel says so once, and the status
 * line keeps saying why. */
void run_history_check(struct Ui *u) {
  if (!u->hist_on || history_enabled(u->m)) return;
  u->hist_on = 0;
  uint64_t t = history_threads_at(u->m);
  if (t)
    cmd_printf(&u->cmd, "[a thread was created at icount %llu: recording "
                        "stopped, reverse execution is off]",
               (unsigned long long)t);
}

int run_history_text(struct Ui *u, char *buf, size_t size) {
  run_history_check(u);
  if (!u->hist_on) {
    uint64_t t = history_threads_at(u->m);
    if (!t) return 0;
    snprintf(buf, size, "no history: threads since icount %llu",
             (unsigned long long)t);
    return 1;
  }
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
  run_history_check(u);
  /* Another thread's pending hit is the stop (cmd.hit_bp): no step. */
  if (cmd_threads_run(&u->cmd)) return VM_STOP_NONE;
  if (u->pc) return cmd_step_insn(&u->cmd); /* hardware IRQs: whole */
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
  if (u->pc)
    ui_say(u, 1, "the machine has stopped for good; R powers it on again, q quits");
  else
    ui_say(u, 1, "the program has ended; S/B go back, R restarts, q quits");
  return 1;
}

/* After an instruction going forward: whether a watchpoint or a
 * breakpoint of u->cmd stops here (the interpreter decides, counts the
 * hit and prints its line to the commands panel). */
static int stops_here(struct Ui *u, int stop) {
  struct Cmd *c = &u->cmd;
  if (c->hit_bp || cmd_thread_hit(c) > 0) return 1; /* another thread's */
  if (u->done) return 0;
  if (cmd_any_watch(c) && cmd_watch_check(c, stop)) return 1;
  return cmd_bp_hit(c, u->regs.pc);
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

static void stopped_at(struct Ui *u) {
  char text[256];
  bp_hit_text(u, u->cmd.hit_bp, 0, text, sizeof(text));
  ui_say(u, 0, "%s", text);
  u->mode = "stopped";
  ui_modal(u, text);
}

/* s: quiet (no breakpoint dialog for the instruction it lands on), but
 * a watchpoint it triggers says so. */
void run_step(struct Ui *u) {
  if (refuse_if_done(u)) return;
  u->cmd.hit_bp = 0;
  cmd_vm_sync(&u->cmd);
  int stop = step(u);
  /* INTERRUPT: the wait hook stopped it before a blocking system call
   * and said so in u->msg. */
  if (!u->done && stop != VM_STOP_INTERRUPT) u->msg[0] = 0;
  if (u->cmd.hit_bp || cmd_thread_hit(&u->cmd) > 0 ||
      (cmd_any_watch(&u->cmd) && cmd_watch_check(&u->cmd, stop)))
    stopped_at(u);
}

/* c: step and draw, u->delay_ms apart, until a key or the end. */
void run_continue(struct Ui *u) {
  /* A PC is not animated (a BIOS runs millions of instructions before
   * the boot sector): c runs it as C does, keys going to the guest. */
  if (u->pc) {
    run_continue_fast(u);
    return;
  }
  if (refuse_if_done(u)) return;
  u->mode = "running";
  ui_say(u, 0, "continuing; any key stops");
  u->cmd.hit_bp = 0;
  cmd_vm_sync(&u->cmd);
  int hit = 0, stop;
  uint64_t i0 = vm_icount(u->m);
  double t0 = now();
  for (;;) {
    stop = step(u);
    if (ui_is_final(u, stop) || stop == VM_STOP_INTERRUPT) break;
    if (stops_here(u, stop)) {
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
  if (hit) stopped_at(u);
}

/* C, n, f: the interpreter's continue, nexti and finish. The speed of
 * the run is shown afterwards. */
static void run_command(struct Ui *u, const char *line) {
  if (refuse_if_done(u)) return;
  uint64_t i0 = vm_icount(u->m);
  double t0 = now();
  cmdline_exec(u, line);
  double dt = now() - t0;
  uint64_t i1 = vm_icount(u->m);
  if (dt > 0.001 && i1 > i0) u->ips = (i1 - i0) / dt;
}

void run_continue_fast(struct Ui *u) { run_command(u, "continue"); }
void run_next(struct Ui *u) { run_command(u, "nexti"); }
void run_finish(struct Ui *u) { run_command(u, "finish"); }

/* ---- reverse ---- */

static int no_history(struct Ui *u) {
  run_history_check(u);
  if (u->hist_on) return 0;
  if (u->pc) {
    ui_say(u, 1, "no history: recording is off for a bare machine (-r)");
    return 1;
  }
  uint64_t t = history_threads_at(u->m);
  if (t)
    ui_say(u, 1, "no history: threads since icount %llu",
           (unsigned long long)t);
  else
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
      cmdline_exec(u, "reverse-finish");
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

void run_request_checkpoint(struct Ui *u) {
  if (u->hist_on) history_request_checkpoint(u->m);
}

void run_history_start(struct Ui *u) {
  u->hist_on = 0;
  if (!u->hist_budget || u->pc) return; /* a PC's devices are not recorded */
  if (history_enable(u->m, u->hist_budget))
    ui_say(u, 1, "no memory for the history: reverse keys will not work");
  else
    u->hist_on = 1;
}

/* R: a fresh machine with the same program and arguments. The old one's
 * output stays in the terminal panel, after a separator line. The
 * breakpoints stay (they are addresses in the same program). */
/* -r: R powers the PC off and on again (the image is opened anew). */
static int restart_pc(struct Ui *u) {
  char err[512];
  struct PcOptions o = {.image = u->image, .readonly = u->image_readonly};
  struct Pc *pc = pc_new(&o, err, sizeof(err));
  if (!pc) {
    ui_say(u, 1, "restart failed: %s", err);
    return -1;
  }
  pc_free(u->pc);
  u->pc = pc;
  u->m = pc_machine(pc);
  u->cmd.m = u->m; /* the breakpoints stay: cmd_vm_sync puts them in m */
  u->cmd.exited = 0;
  pc_ui_attach(u);
  return 0;
}

void run_restart(struct Ui *u) {
  if (u->pc) {
    if (!restart_pc(u)) {
      u->done = 0;
      u->stop = VM_STOP_NONE;
      u->mode = "stopped";
      u->have_prev = 0;
      u->dis_pinned = 0;
      u->ips = 0;
      vm_regs(u->m, &u->regs);
      u->prev = u->regs;
      vm_fpu(u->m, &u->fpu);
      u->prev_fpu = u->fpu;
      for (int i = 0; i < MV_COUNT; ++i) u->mv[i].have = 0;
      term_note(&u->term, "--- power cycled ---");
      ui_say(u, 0, "powered on again: %s", u->image);
    }
    return;
  }
  struct Machine *m = vm_new();
  char err[1024];
  if (!m || vm_load(m, u->prog, u->argv, u->envp, err, sizeof(err))) {
    if (m) vm_free(m);
    ui_say(u, 1, "restart failed: %s", m ? err : "out of memory");
    return;
  }
  if (u->hist_on) history_disable(u->m);
  vm_threads_end(u->m); /* its other threads, parked ones too */
  vm_threads_debug(u->m, 0);
  vm_free(u->m);
  vm_threads_debug(m, 1);
  u->m = m;
  ui_symbols_follow(m, u->dbg);
  u->cmd.m = m; /* the breakpoints stay: cmd_vm_sync puts them in m */
  cmd_signals_default(&u->cmd);
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
  term_attach(u);
  term_note(&u->term, "--- restarted ---");
  ui_say(u, 0, "restarted %s", u->prog);
}
