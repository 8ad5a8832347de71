/* cmd-run.c: execution forward and back: run, start, stepi, nexti,
 * step, next, until/advance, finish, continue and their reverse- forms.
 *
 * Forward, everything goes through history.h so that reverse works on
 * what ran. run_until() is the one place that chooses how: history_run
 * (vm_run speed, live or replaying the past) stopped by the VM's
 * breakpoints and watchpoints, which cmd_vm_sync mirrors from the list,
 * plus temporary VM breakpoints for the command's own targets (the
 * return address for finish and nexti over a call, every line start of
 * the function for next and step, every DWARF function's body for
 * step); or, without VM breakpoints (or with a watchpoint while
 * replaying), history_step one instruction at a time, checking each.
 * The per-instruction loops stay for stepi and for functions without
 * call frame information.
 *
 * Backward, history_search_back finds the last state satisfying a
 * predicate (a breakpoint, a frame's CFA, a line boundary) and
 * history_find_write the last write to a watched range. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "dbg/dbg.h"
#include "vm/debug.h"
#include "vm/disasm.h"
#include "vm/history.h"
#include "vm/vm.h"

void cmd_interrupt(struct Cmd *c) {
  c->interrupted = 1;
  vm_interrupt(c->m);
}

/* The instruction at pc: its length (0 unreadable) and AT&T text. */
static int insn_at(struct Cmd *c, uint64_t pc, char *text, size_t size) {
  struct VmRegs r;
  vm_regs(c->m, &r);
  uint8_t code[16];
  size_t n = vm_peek(c->m, pc, code, sizeof(code));
  text[0] = 0;
  if (!n) return 0;
  struct DisOptions o = {DIS_ATT, r.mode, NULL, NULL};
  return dis_insn(text, size, code, n, pc, &o);
}

/* Calls nexti steps over: near and far calls, and software interrupts
 * (`int $0x10` in a boot sector: the ROM's handler runs to its iret);
 * returns finish watches for: near, far (lret) and interrupt (iret). */
static int is_call(const char *t) {
  return !strncmp(t, "call", 4) || !strncmp(t, "lcall", 5) ||
         (!strncmp(t, "int", 3) && (t[3] == ' ' || t[3] == '\t'));
}
static int is_ret(const char *t) {
  return !strncmp(t, "ret", 3) || !strncmp(t, "lret", 4) ||
         !strncmp(t, "iret", 4);
}

/* DWARF register numbers to VmRegs indexes. */
static const int dwarf_reg[16] = {VM_RAX, VM_RDX, VM_RCX, VM_RBX,
                                  VM_RSI, VM_RDI, VM_RBP, VM_RSP,
                                  8,      9,      10,     11,
                                  12,     13,     14,     15};

/* The frame's canonical frame address (the caller's rsp before its
 * call), from CFI; without CFI the rsp (good inside one function body
 * at -O0, where gcc keeps it constant). */
static uint64_t frame_cfa(struct Cmd *c, const struct VmRegs *r) {
  struct DbgCfi cfi;
  if (c->syms && dbg_cfi_at(c->syms, r->pc, &cfi) &&
      cfi.cfa_kind == DBG_CFI_REG_OFF && cfi.cfa_reg >= 0 &&
      cfi.cfa_reg < 16)
    return r->r[dwarf_reg[cfi.cfa_reg]] + cfi.cfa_off;
  return r->r[VM_RSP];
}

/* A program that ended says so once and refuses to go further. */
static int ended(struct Cmd *c, int stop) {
  if (stop == VM_STOP_NONE || stop == VM_STOP_BREAK ||
      stop == VM_STOP_INTERRUPT || stop == VM_STOP_WATCH)
    return 0;
  if (stop == VM_STOP_SIGNAL_RECEIVED) {
    /* handle SIG stop: before the guest's handler, which runs when the
     * program goes on (gdb's "pass"). */
    int sig = vm_stop_signal(c->m);
    cmd_stopped(c, stop, 0, "Program received signal %s, %s.",
                vm_signal_name(sig), strsignal(sig));
    cmd_show_where(c);
    cmd_show_line(c, vm_pc(c->m), 1);
    return 1;
  }
  if (stop == VM_STOP_HALT && c->halted) {
    /* A PC's hlt: with interrupts on, the next one wakes it (running
     * on waits for it); with them off nothing will. */
    struct VmRegs r;
    vm_regs(c->m, &r);
    if (r.rflags & VM_FLAG_IF) {
      cmd_stopped(c, stop, 0, "[halted: waiting for an interrupt]");
      return 1;
    }
    c->exited = 1;
    cmd_stopped(c, stop, 0, "[the machine halted with interrupts off]");
    return 1;
  }
  c->exited = 1;
  if (stop == VM_STOP_TRIPLE) {
    cmd_stopped(c, stop, 0, "[triple fault: the CPU shut down]");
    return 1;
  }
  if (stop == VM_STOP_EXIT)
    cmd_stopped(c, stop, 0, "[program exited with code %d]",
                vm_exit_code(c->m));
  else if (stop == VM_STOP_SIGNAL) {
    /* gdb's words: the machine stays where the signal struck, so bt,
     * x and reverse-continue show the crash; it cannot go on. */
    int sig = vm_stop_signal(c->m);
    cmd_stopped(c, stop, 0, "Program received signal %s, %s.",
                vm_signal_name(sig), strsignal(sig));
    cmd_show_where(c);
    cmd_show_line(c, vm_pc(c->m), 1);
  }
  else
    cmd_stopped(c, stop, 0, "[program halted]");
  return 1;
}

static int interrupted(struct Cmd *c) {
  if (!c->interrupted) return 0;
  c->interrupted = 0;
  cmd_stopped(c, VM_STOP_INTERRUPT, 0, "Program stopped (interrupted).");
  return 1;
}

/* One instruction forward. Returns 1 when the command must stop: the
 * program ended, a watchpoint triggered, an interrupt. Breakpoints are
 * the caller's business (stepi does not stop at its first). */
static int step1(struct Cmd *c) {
  if (cmd_threads_run(c)) return 1;
  int stop = cmd_step_insn(c);
  c->moved = 1;
  if (cmd_thread_hit(c) > 0) return 1;
  if (ended(c, stop)) return 1;
  if (cmd_any_watch(c) && cmd_watch_check(c, stop)) return 1;
  return interrupted(c);
}

/* step1, then a breakpoint at the new pc. */
static int step1_bp(struct Cmd *c) {
  return step1(c) || cmd_bp_hit(c, vm_pc(c->m));
}

#pragma weak vm_break_set

/* until/advance: stop at loc, or when the frame returns to ret with rsp
 * above sp. */
struct Until {
  int on;
  uint64_t loc, loc_sp; /* loc, reached with rsp >= loc_sp */
  uint64_t ret, sp;     /* ret (0: none), reached with rsp > sp */
  const uint64_t *stops; /* next: these, in the frame whose CFA is */
  int nstops;
  uint64_t stops_cfa;
  const uint64_t *any;   /* step: these in any frame (functions entered) */
  int nany;
};

static uint64_t frame_cfa(struct Cmd *c, const struct VmRegs *r);

static int until_reached(struct Cmd *c, const struct Until *u) {
  if (!u || !u->on) return 0;
  struct VmRegs r;
  vm_regs(c->m, &r);
  if ((r.pc == u->loc && r.r[VM_RSP] >= u->loc_sp) ||
      (u->ret && r.pc == u->ret && r.r[VM_RSP] > u->sp))
    return 1;
  for (int i = 0; i < u->nany; ++i)
    if (r.pc == u->any[i]) return 1;
  for (int i = 0; i < u->nstops; ++i)
    if (r.pc == u->stops[i]) return frame_cfa(c, &r) == u->stops_cfa;
  return 0;
}

/* Runs until a breakpoint, a watchpoint, the end or an interrupt (or
 * u's places). */
static void run_until(struct Cmd *c, const struct Until *u) {
  cmd_vm_sync(c);
  int slow = !cmd_vm_has_breaks();
  if (u && u->on && !slow) {
    /* The VM's set is full (user's + temporary > its size): step. */
    slow |= vm_break_set(c->m, u->loc) < 0;
    if (u->ret) slow |= vm_break_set(c->m, u->ret) < 0;
    for (int i = 0; i < u->nstops; ++i)
      slow |= vm_break_set(c->m, u->stops[i]) < 0;
    for (int i = 0; i < u->nany; ++i)
      slow |= vm_break_set(c->m, u->any[i]) < 0;
  }
  for (;;) {
    /* history_run replays the past at full speed too, stopping at the
     * VM's breakpoints and watchpoints. */
    if (slow || (cmd_any_watch(c) && !cmd_vm_has_watches())) {
      if (step1(c)) break;
      if (cmd_bp_hit(c, vm_pc(c->m))) break;
      if (until_reached(c, u)) break;
      continue;
    }
    if (cmd_threads_run(c)) break;
    int stop = history_run(c->m);
    c->moved = 1;
    /* Another thread's breakpoint stopped them all (vm_interrupt, or the
     * wait hook stopped a blocked call: VM_STOP_INTERRUPT). */
    int th = cmd_thread_hit(c);
    if (th > 0) break;
    if (th < 0 && (stop == VM_STOP_NONE || stop == VM_STOP_INTERRUPT)) continue;
    if (stop == VM_STOP_NONE && c->progress) c->progress(c->out_ctx);
    if (stop == VM_STOP_BREAK) {
      /* A user's breakpoint first: gdb reports it even where the
       * command would have stopped anyway. */
      if (cmd_bp_hit(c, vm_pc(c->m))) break;
      if (until_reached(c, u)) break;
      continue;
    }
    if (stop == VM_STOP_WATCH) {
      if (cmd_watch_check(c, stop)) break;
      continue;
    }
    /* A PC waiting in hlt for an interrupt: the front end waits with
     * it (a timer tick or a key wakes it), then the run goes on. */
    if (stop == VM_STOP_HALT && c->halted) {
      if (interrupted(c)) break;
      if (c->halted(c->out_ctx)) continue;
    }
    if (ended(c, stop) || interrupted(c)) break;
    if (stop == VM_STOP_INTERRUPT) {
      cmd_stopped(c, stop, 0, "Program stopped (interrupted).");
      break;
    }
  }
  if (u && u->on) cmd_vm_sync(c); /* drop the temporary ones */
}

static void run_to_stop(struct Cmd *c) { run_until(c, NULL); }

/* How many times a step waits (the halted hook: ~10 ms each) for an
 * interrupt to wake a CPU halted in hlt before it says it is halted. */
enum { STEP_HLT_WAITS = 100 };

int cmd_step_insn(struct Cmd *c) {
  for (int k = 0, waits = 0;; ++k) {
    struct VmRegs r0;
    vm_regs(c->m, &r0);
    uint64_t ic = vm_icount(c->m);
    int stop = history_step(c->m);
    /* Halted with interrupts on: the step is the next instruction after
     * the interrupt that wakes it (the timer's comes within 55 ms). */
    if (stop == VM_STOP_HALT && c->halted && waits < STEP_HLT_WAITS &&
        !c->interrupted && (r0.rflags & VM_FLAG_IF)) {
      ++waits;
      if (c->halted(c->out_ctx)) continue;
    }
    if (!c->halted || stop != VM_STOP_NONE || !vm_step_took_irq(c->m) ||
        vm_icount(c->m) != ic || k == 8)
      return stop;
    /* The handler runs to its iret, back where the step began. */
    struct Until u = {1, r0.pc, r0.r[VM_RSP], 0, 0, NULL, 0, 0, NULL, 0};
    c->stop = VM_STOP_NONE;
    run_until(c, &u);
    if (c->stop != VM_STOP_NONE || !until_reached(c, &u))
      return c->stop != VM_STOP_NONE ? c->stop : VM_STOP_INTERRUPT;
  }
}

static int count_arg(struct Cmd *c, const char *arg, uint64_t *n) {
  while (isspace((unsigned char)*arg)) ++arg;
  *n = 1;
  if (!*arg) return 0;
  char err[160];
  if (cmd_eval(c, arg, n, err, sizeof(err))) return cmd_error(c, "%s", err);
  return 0;
}

static int not_running(struct Cmd *c) {
  if (!c->exited) return 0;
  cmd_error(c, "The program is not being run.");
  return 1;
}

static int start(struct Cmd *c, const char *arg, uint64_t *n) {
  if (count_arg(c, arg, n) || not_running(c)) return -1;
  cmd_vm_sync(c);
  return 0;
}

int cmd_do_stepi(struct Cmd *c, const char *arg) {
  uint64_t n;
  if (start(c, arg, &n)) return -1;
  for (uint64_t i = 0; i < n; ++i) {
    if (step1(c)) return 0;
    if (i + 1 < n && cmd_bp_hit(c, vm_pc(c->m))) break;
  }
  cmd_show_where(c);
  return 0;
}

/* Steps over the call at pc (text, len), the callee's first instruction
 * next: to the instruction after the call at the same or a shallower
 * stack, at full speed (a temporary VM breakpoint on the return address)
 * when the VM has breakpoints. 1 when something else stopped it. */
static int over_call(struct Cmd *c, uint64_t pc, int len, uint64_t sp) {
  if (cmd_bp_hit(c, vm_pc(c->m))) return 1;
  if (cmd_vm_has_breaks()) {
    struct Until u = {1, pc + len, sp, 0, 0, NULL, 0, 0, NULL, 0};
    run_until(c, &u);
    return c->stop != VM_STOP_NONE || !until_reached(c, &u);
  }
  for (;;) {
    struct VmRegs q;
    vm_regs(c->m, &q);
    if (q.pc == pc + len && q.r[VM_RSP] >= sp) return 0;
    if (q.r[VM_RSP] > sp) return 0; /* longjmp or the like: left */
    if (step1_bp(c)) return 1;
  }
}

int cmd_do_nexti(struct Cmd *c, const char *arg) {
  uint64_t n;
  if (start(c, arg, &n)) return -1;
  for (uint64_t i = 0; i < n; ++i) {
    struct VmRegs r;
    vm_regs(c->m, &r);
    char text[128];
    int il = insn_at(c, r.pc, text, sizeof(text));
    if (step1(c)) return 0;
    if (is_call(text) && il) {
      if (over_call(c, r.pc, il, r.r[VM_RSP])) return 0;
    } else if (i + 1 < n && cmd_bp_hit(c, vm_pc(c->m))) {
      return cmd_show_where(c), 0;
    }
  }
  cmd_show_where(c);
  return 0;
}

/* Runs until a ret leaves the frame whose rsp is sp. 1 when stopped by
 * something else. With call frame information for the pc, at full
 * speed to the return address (rsp at or above the CFA); otherwise one
 * instruction at a time, watching the rets. */
static int out_of_frame(struct Cmd *c, uint64_t sp) {
  struct VmRegs r;
  vm_regs(c->m, &r);
  struct DbgFrameRegs f = {r.pc, r.r[VM_RSP], r.r[VM_RBP], true};
  if (cmd_vm_has_breaks() && c->syms &&
      dbg_unwind(c->syms, &f, cmd_read_word, c) == 1 && f.rip &&
      f.rsp > sp) {
    struct Until u = {1, f.rip, f.rsp, 0, 0, NULL, 0, 0, NULL, 0};
    run_until(c, &u);
    return c->stop != VM_STOP_NONE || !until_reached(c, &u);
  }
  for (;;) {
    vm_regs(c->m, &r);
    char text[128];
    insn_at(c, r.pc, text, sizeof(text));
    if (step1(c)) return 1;
    if (is_ret(text)) {
      vm_regs(c->m, &r);
      if (r.r[VM_RSP] > sp) return 0;
    }
    if (cmd_bp_hit(c, vm_pc(c->m))) return 1;
  }
}

/* finish [N]: out of the current function (N: of N frames). */
int cmd_do_finish(struct Cmd *c, const char *arg) {
  uint64_t n;
  if (start(c, arg, &n)) return -1;
  for (uint64_t i = 0; i < n; ++i) {
    struct VmRegs r;
    vm_regs(c->m, &r);
    char at[160];
    cmd_addr_text(c, r.pc, at, sizeof(at));
    cmd_printf(c, "Run till exit from %s", at);
    if (out_of_frame(c, r.r[VM_RSP])) return 0;
  }
  cmd_show_where(c);
  cmd_show_line(c, vm_pc(c->m), 0);
  return 0;
}

int cmd_do_continue(struct Cmd *c, const char *arg) {
  uint64_t n;
  if (start(c, arg, &n)) return -1;
  /* continue N: ignore the breakpoint we are at N-1 more times. */
  struct CmdBreak *b = cmd_break_at(c, vm_pc(c->m));
  if (n > 1 && b) {
    b->ignore = (long)(n - 1);
    cmd_printf(c, "Will ignore next %ld crossings of breakpoint %d.  "
               "Continuing.", b->ignore, b->num);
  } else {
    cmd_printf(c, "Continuing.");
  }
  run_to_stop(c);
  if (c->other_thread) {
    char at[160];
    cmd_addr_text(c, vm_pc(c->m), at, sizeof(at));
    cmd_printf(c, "[thread 1, the one shown, is at %s]", at);
  } else if (!c->exited) {
    cmd_show_where(c);
    cmd_show_line(c, vm_pc(c->m), 0);
  }
  return 0;
}

/* run: the program is loaded and waiting at its entry, so run is
 * continue; after it has run, it goes back to the oldest recorded state
 * (the start, unless the history budget dropped it) and continues: the
 * recording replays the same execution at full speed. start: the same
 * with a temporary breakpoint on main. */
int cmd_do_run(struct Cmd *c, const char *arg) {
  while (isspace((unsigned char)*arg)) ++arg;
  if (*arg) return cmd_error(c, "run takes no arguments here: the program's "
                                "arguments are given on the command line");
  if (c->exited && !history_enabled(c->m))
    return cmd_error(c, "The program has ended and nothing was recorded: it "
                        "cannot start again.");
  if (history_position(c->m) || c->exited) {
    history_seek(c->m, 0);
    c->exited = 0;
    c->moved = 1;
    cmd_printf(c, "Starting program again (from the oldest recorded state).");
  } else {
    cmd_printf(c, "Starting program.");
  }
  run_to_stop(c);
  if (!c->exited) {
    cmd_show_where(c);
    cmd_show_line(c, vm_pc(c->m), 0);
  }
  return 0;
}

int cmd_do_start(struct Cmd *c, const char *arg) {
  uint64_t a;
  if (!c->syms || !dbg_lookup(c->syms, "main", &a))
    return cmd_error(c, "No symbol table loaded: no main to stop at.");
  if (cmd_do_tbreak(c, "main")) return -1;
  return cmd_do_run(c, arg);
}

/* until/advance LOCATION: run to LOCATION or until the current frame
 * returns (whichever first; breakpoints on the way stop it too). */
int cmd_do_until(struct Cmd *c, const char *arg) {
  while (isspace((unsigned char)*arg)) ++arg;
  if (!*arg) return cmd_error(c, "Argument required (a location).");
  if (not_running(c)) return -1;
  struct Until u = {1, 0, 0, 0, 0, NULL, 0, 0, NULL, 0};
  if (cmd_location(c, arg, &u.loc)) return -1;
  struct VmRegs r;
  vm_regs(c->m, &r);
  struct DbgFrameRegs f = {r.pc, r.r[VM_RSP], r.r[VM_RBP], true};
  if (c->syms && dbg_unwind(c->syms, &f, cmd_read_word, c)) {
    u.ret = f.rip;
    u.sp = r.r[VM_RSP];
  }
  run_until(c, &u);
  if (!c->exited) {
    cmd_show_where(c);
    cmd_show_line(c, vm_pc(c->m), 1);
  }
  return 0;
}

/* ---- source lines ---- */

struct Pos {
  uint64_t pc, sp, cfa;
  int has_line;
  struct DbgLine ln;
};

static void pos_get(struct Cmd *c, struct Pos *p) {
  struct VmRegs r;
  vm_regs(c->m, &r);
  p->pc = r.pc;
  p->sp = r.r[VM_RSP];
  p->cfa = frame_cfa(c, &r);
  p->has_line = c->syms && dbg_line_at(c->syms, r.pc, &p->ln) && p->ln.line;
}

static int same_file(const char *a, const char *b) {
  return a == b || (a && b && !strcmp(a, b));
}

/* `next` and `step` at full speed: temporary VM breakpoints on the
 * starts of the function's other lines (and of this line's rows at or
 * before the one we are on: a loop back), stopping only in this frame
 * (its CFA), and on the return address; for step also after the prologue
 * of every function with DWARF lines, in any frame. -1 when it can't (no
 * function bounds or CFI, more than 200 places): the caller single-steps
 * instead. */
static int line_fast(struct Cmd *c, int over, unsigned line,
                     const char *file, uint64_t row0, uint64_t cfa) {
  struct VmRegs r;
  vm_regs(c->m, &r);
  struct DbgFunc f, g;
  if (!dbg_func_at(c->syms, r.pc, &f)) return -1;
  struct DbgFrameRegs fr = {r.pc, r.r[VM_RSP], r.r[VM_RBP], true};
  if (dbg_unwind(c->syms, &fr, cmd_read_word, c) != 1 || !fr.rip ||
      fr.rsp != cfa)
    return -1;
  enum { MAX = 200 };
  uint64_t stops[MAX], entries[MAX];
  int n = 0, ne = 0;
  size_t rows = dbg_row_count(c->syms);
  for (size_t i = 0; i < rows; ++i) {
    struct DbgRow w;
    struct DbgLine ln;
    if (!dbg_row(c->syms, i, &w) || w.end) continue;
    if (!over && dbg_func_at(c->syms, w.addr, &g) && g.entry == w.addr &&
        g.dwarf) {
      uint64_t a = dbg_after_prologue(c->syms, g.entry);
      int dup = 0;
      for (int j = 0; j < ne; ++j) dup |= entries[j] == a;
      if (!dup) {
        if (ne == MAX || n + ne == MAX) return -1;
        entries[ne++] = a;
      }
    }
    if (w.addr < f.lo || w.addr >= f.hi) continue;
    /* The same test as the stepping loop's, on the row at that address. */
    if (!dbg_line_at(c->syms, w.addr, &ln) || ln.addr != w.addr || !ln.stmt ||
        !ln.line)
      continue;
    if (ln.line == line && same_file(ln.file, file) && w.addr > row0) continue;
    int dup = 0;
    for (int j = 0; j < n; ++j) dup |= stops[j] == w.addr;
    if (dup) continue;
    if (n + ne == MAX) return -1;
    stops[n++] = w.addr;
  }
  struct Until u = {1, fr.rip, fr.rsp, 0, 0, stops, n, cfa, entries, ne};
  run_until(c, &u);
  if (c->stop != VM_STOP_NONE || !until_reached(c, &u)) return 1;
  struct Pos w;
  pos_get(c, &w);
  if (w.pc == fr.rip && w.sp >= fr.rsp && !w.has_line)
    return out_of_frame(c, w.sp); /* a caller without lines */
  return 0;
}

/* One `step` (into calls with line info) or `next`. 1: stopped by
 * something else (already reported). */
static int step_line(struct Cmd *c, int over) {
  struct Pos w0, w;
  pos_get(c, &w0);
  if (!w0.has_line) {
    uint64_t off;
    const char *f = cmd_symbol(c, w0.pc, &off);
    cmd_printf(c, "Single stepping until exit from function %s,",
               f ? f : "??");
    cmd_printf(c, "which has no line number information.");
    if (out_of_frame(c, w0.sp)) return 1;
    pos_get(c, &w0);
    if (!w0.has_line) return 0;
  }
  unsigned line = w0.ln.line;
  const char *file = w0.ln.file;
  uint64_t row0 = w0.ln.addr, cfa = w0.cfa;
  if (cmd_vm_has_breaks()) {
    int k = line_fast(c, over, line, file, row0, cfa);
    if (k >= 0) return k;
  }
  for (;;) {
    struct VmRegs r;
    vm_regs(c->m, &r);
    char text[128];
    int il = insn_at(c, r.pc, text, sizeof(text));
    if (step1(c)) return 1;
    pos_get(c, &w);
    if (is_call(text) && il && w.sp < r.r[VM_RSP] && w.pc != r.pc + il) {
      if (!over && w.has_line) {
        /* Into a function with lines: stop after its prologue. */
        uint64_t target = dbg_after_prologue(c->syms, w.pc);
        uint64_t sp = w.sp;
        while (vm_pc(c->m) != target) {
          if (step1_bp(c)) return 1;
          if (vm_regs(c->m, &r), r.r[VM_RSP] > sp) break;
        }
        return 0;
      }
      if (over_call(c, r.pc, il, r.r[VM_RSP])) return 1;
      pos_get(c, &w);
    } else if (cmd_bp_hit(c, w.pc)) {
      return 1;
    }
    if (is_ret(text) && w.cfa > cfa) {
      /* Back in the caller, in the middle of its line: gdb stops there
       * ("main () at x.c:30"); a caller without lines is stepped out of
       * as well. */
      if (w.has_line) return 0;
      if (out_of_frame(c, w.sp)) return 1;
      return 0;
    }
    if (w.has_line && w.pc == w.ln.addr && w.ln.stmt &&
        (w.ln.line != line || !same_file(w.ln.file, file) || w.pc <= row0))
      return 0;
  }
}

static int do_step(struct Cmd *c, const char *arg, int over) {
  uint64_t n;
  if (start(c, arg, &n)) return -1;
  if (!c->syms || !dbg_has_lines(c->syms))
    return over ? cmd_do_nexti(c, arg) : cmd_do_stepi(c, arg);
  for (uint64_t i = 0; i < n; ++i)
    if (step_line(c, over)) {
      /* A breakpoint or watchpoint on the way: show where, as continue. */
      if (!c->exited) {
        cmd_show_where(c);
        cmd_show_line(c, vm_pc(c->m), 0);
      }
      return 0;
    }
  if (cmd_show_line(c, vm_pc(c->m), 1)) cmd_show_where(c);
  return 0;
}

int cmd_do_step(struct Cmd *c, const char *arg) { return do_step(c, arg, 0); }
int cmd_do_next(struct Cmd *c, const char *arg) { return do_step(c, arg, 1); }

/* ---- reverse ---- */

static void no_more(struct Cmd *c) {
  cmd_stopped(c, VM_STOP_NONE, 0, "No more reverse-execution history.");
}

/* Why there is no recording to go back in. */
static int no_history(struct Cmd *c) {
  uint64_t t = history_threads_at(c->m);
  if (t)
    return cmd_error(c, "no history: threads since icount %llu (a program "
                        "with threads is not recorded)",
                     (unsigned long long)t);
  return cmd_error(c, "no history: the program is not being recorded (-B 0, "
                      "or no memory for it)");
}

static int back_start(struct Cmd *c, const char *arg, uint64_t *n) {
  if (count_arg(c, arg, n)) return -1;
  if (!history_enabled(c->m)) return no_history(c);
  c->exited = 0; /* the past is before the end */
  c->moved = 1;
  return 0;
}

int cmd_do_reverse_stepi(struct Cmd *c, const char *arg) {
  uint64_t n;
  if (back_start(c, arg, &n)) return -1;
  uint64_t before = history_position(c->m);
  uint64_t after = history_step_back(c->m, n);
  if (before - after < n) no_more(c);
  cmd_show_where(c);
  return 0;
}

static int shallower_pred(struct Machine *m, void *ctx) {
  struct VmRegs r;
  vm_regs(m, &r);
  return r.r[VM_RSP] >= *(uint64_t *)ctx;
}

/* reverse-nexti: back one instruction; when that lands inside a callee
 * (a ret, RSP below ours), on back to the call at our depth: the last
 * state whose RSP is not below the one we started from. */
int cmd_do_reverse_nexti(struct Cmd *c, const char *arg) {
  uint64_t n, pos;
  if (back_start(c, arg, &n)) return -1;
  for (uint64_t i = 0; i < n; ++i) {
    struct VmRegs r;
    vm_regs(c->m, &r);
    uint64_t sp = r.r[VM_RSP];
    if (!history_position(c->m)) {
      no_more(c);
      break;
    }
    history_step_back(c->m, 1);
    vm_regs(c->m, &r);
    if (r.r[VM_RSP] < sp &&
        !history_search_back(c->m, shallower_pred, &sp, &pos)) {
      no_more(c);
      break;
    }
  }
  cmd_show_where(c);
  return 0;
}

/* reverse-finish: back to the call that made this frame: the last state
 * whose rsp is at or above the frame's CFA (the call instruction). */
int cmd_do_reverse_finish(struct Cmd *c, const char *arg) {
  uint64_t n, pos;
  if (back_start(c, arg, &n)) return -1;
  for (uint64_t i = 0; i < n; ++i) {
    struct VmRegs r;
    vm_regs(c->m, &r);
    /* The caller's rsp after the return is the CFA: dbg_unwind (CFI, or
     * the frame pointer chain); without symbols, a function's entry. */
    uint64_t cfa = r.r[VM_RSP] + 8;
    struct DbgFrameRegs f = {r.pc, r.r[VM_RSP], r.r[VM_RBP], true};
    if (c->syms && dbg_unwind(c->syms, &f, cmd_read_word, c)) cfa = f.rsp;
    char at[160];
    cmd_addr_text(c, r.pc, at, sizeof(at));
    cmd_printf(c, "Run back to call of %s", at);
    if (!history_search_back(c->m, shallower_pred, &cfa, &pos)) {
      history_seek(c->m, 0);
      no_more(c);
      break;
    }
  }
  cmd_show_where(c);
  cmd_show_line(c, vm_pc(c->m), 0);
  return 0;
}

static int bp_pred(struct Machine *m, void *ctx) {
  return cmd_bp_would_stop(ctx, vm_pc(m));
}

/* reverse-continue: the latest of the last breakpoint reached and the
 * last write to a write/access watchpoint's range (rwatch: reads are not
 * searched). A watchpoint lands on the writing instruction itself (the
 * state before it stores: stepi shows the change again). */
int cmd_do_reverse_continue(struct Cmd *c, const char *arg) {
  uint64_t n;
  if (back_start(c, arg, &n)) return -1;
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t here = history_position(c->m), best = 0, pos;
    int found = 0, num = 0;
    for (int j = 0; j < c->nbp; ++j) {
      struct CmdBreak *b = &c->bp[j];
      if (!b->enabled || (b->kind != CMD_WATCH && b->kind != CMD_AWATCH))
        continue;
      if (history_find_write(c->m, b->addr, b->addr + b->len, &pos)) {
        if (!found || pos > best) best = pos, num = b->num;
        found = 1;
        history_seek(c->m, here);
      }
    }
    if (history_search_back(c->m, bp_pred, c, &pos)) {
      if (!found || pos > best) best = pos, num = 0;
      found = 1;
    }
    if (!found) {
      history_seek(c->m, 0);
      no_more(c);
      cmd_show_where(c);
      return 0;
    }
    if (history_position(c->m) != best) history_seek(c->m, best);
    if (i + 1 < n) continue;
    struct CmdBreak *b = num ? cmd_break_find(c, num) : NULL;
    if (b) {
      ++b->hits;
      cmd_stopped(c, VM_STOP_WATCH, b->num, "%s %d: %s",
                  b->kind == CMD_WATCH
                      ? "Hardware watchpoint"
                      : "Hardware access (read/write) watchpoint",
                  b->num, b->expr);
      char text[128];
      insn_at(c, vm_pc(c->m), text, sizeof(text));
      cmd_printf(c, "Written by the next instruction (%s)", text);
    } else {
      b = NULL;
      for (int j = 0; j < c->nbp; ++j)
        if (c->bp[j].enabled && c->bp[j].kind == CMD_BREAK &&
            c->bp[j].addr == vm_pc(c->m)) {
          b = &c->bp[j];
          break;
        }
      if (b) {
        ++b->hits;
        char at[160];
        cmd_addr_text(c, b->addr, at, sizeof(at));
        cmd_stopped(c, VM_STOP_BREAK, b->num, "Breakpoint %d, %s", b->num,
                    at);
      }
    }
  }
  cmd_vm_sync(c); /* the watched values are those of this moment */
  cmd_show_where(c);
  cmd_show_line(c, vm_pc(c->m), 0);
  return 0;
}

/* The line boundary search of reverse-step/next: a state not inside
 * the execution of the current line (same file:line in the same frame;
 * deeper frames count as inside for next, and for step when they have
 * no lines; the prologue counts as inside, so reverse-step from a
 * function's first line goes back to its caller). */
struct RevLine {
  struct Cmd *c;
  unsigned line;
  const char *file;
  uint64_t cfa;
  int over;
  int prologue; /* the prologue is inside the line (phase 1) */
};

static int rev_pred(struct Machine *m, void *ctx) {
  struct RevLine *x = ctx;
  struct VmRegs r;
  vm_regs(m, &r);
  uint64_t cfa = frame_cfa(x->c, &r);
  struct DbgLine ln;
  int lines = dbg_line_at(x->c->syms, r.pc, &ln) && ln.line;
  if (cfa < x->cfa) return !x->over && lines; /* a callee */
  if (cfa > x->cfa) return 1;                 /* the caller */
  if (!lines) return 0;
  struct DbgFunc f;
  if (x->prologue && dbg_func_at(x->c->syms, r.pc, &f) && r.pc >= f.entry &&
      r.pc < dbg_after_prologue(x->c->syms, f.entry))
    return 0;
  return ln.line != x->line || !same_file(ln.file, x->file);
}

static int reverse_line(struct Cmd *c, int over) {
  struct Pos w;
  uint64_t pos;
  pos_get(c, &w);
  struct RevLine x = {c, w.has_line ? w.ln.line : 0,
                      w.has_line ? w.ln.file : NULL, w.cfa, over, 1};
  /* 1: back to the last instruction of the previous line (in the middle
   * of a line, gdb goes to its beginning: phase 2 only). */
  struct DbgLine prev;
  int mid = w.has_line && dbg_line_at(c->syms, w.pc - 1, &prev) &&
            prev.line == w.ln.line && same_file(prev.file, w.ln.file);
  if (!mid) {
    if (!history_search_back(c->m, rev_pred, &x, &pos)) {
      history_seek(c->m, 0);
      no_more(c);
      return 1;
    }
    pos_get(c, &w);
    if (!w.has_line) return 0;
  }
  /* 2: back to where that line's execution began. */
  x.line = w.ln.line;
  x.file = w.ln.file;
  x.cfa = w.cfa;
  x.over = 1;
  x.prologue = 0;
  if (history_search_back(c->m, rev_pred, &x, &pos)) {
    history_replay_forward(c->m, 1);
  } else {
    history_seek(c->m, 0);
    no_more(c);
    return 1;
  }
  return 0;
}

static int do_reverse_step(struct Cmd *c, const char *arg, int over) {
  uint64_t n;
  if (back_start(c, arg, &n)) return -1;
  if (!c->syms || !dbg_has_lines(c->syms))
    return over ? cmd_do_reverse_nexti(c, arg) : cmd_do_reverse_stepi(c, arg);
  for (uint64_t i = 0; i < n; ++i)
    if (reverse_line(c, over)) break;
  if (cmd_show_line(c, vm_pc(c->m), 1)) cmd_show_where(c);
  return 0;
}

int cmd_do_reverse_step(struct Cmd *c, const char *arg) {
  return do_reverse_step(c, arg, 0);
}
int cmd_do_reverse_next(struct Cmd *c, const char *arg) {
  return do_reverse_step(c, arg, 1);
}
