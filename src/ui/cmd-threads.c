/* cmd-threads.c: guest threads in the interpreter: info threads, thread,
 * and the stop when another thread reaches a breakpoint or watchpoint.
 *
 * The VM is all-stop (debug.h vm_threads_debug): another thread that
 * reaches a breakpoint stops every thread; the command that was running
 * the front machine (thread 1, the one the panels and commands show)
 * then stops too and cmd_thread_hit reports it as gdb would:
 * "Thread 2 (LWP 1235) hit Breakpoint 1, 0x401136 <worker+4>". Only the
 * front's registers can be changed and stepped: `thread N` shows where
 * a stopped thread is and its backtrace. Numbers are the order
 * vm_threads lists them in (the front first, then creation order). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "vm/debug.h"

enum { MAX_THREADS = 256 };

#pragma weak vm_threads
#pragma weak vm_thread_hit
#pragma weak vm_threads_resume
#pragma weak vm_thread_regs

/* The gdb number (1-based) of tid in vm_threads' order, or 0. */
static int thread_num(struct Cmd *c, int tid) {
  struct VmThread t[MAX_THREADS];
  int n = vm_threads(c->m, t, MAX_THREADS);
  for (int i = 0; i < n && i < MAX_THREADS; ++i)
    if (t[i].tid == tid) return i + 1;
  return 0;
}

int cmd_threads_go(struct Cmd *c) {
  return vm_threads_resume && vm_threads_resume(c->m);
}

int cmd_threads_run(struct Cmd *c) {
  while (cmd_threads_go(c))
    if (cmd_thread_hit(c) > 0) return 1;
  return 0;
}

int cmd_thread_hit(struct Cmd *c) {
  struct VmThread t;
  if (!vm_thread_hit || !vm_thread_hit(c->m, &t)) return 0;
  if (t.watch_valid) {
    /* gdb: "Thread 2 "prog" hit Hardware watchpoint 2: x", the values;
     * a write of the same value (watch) goes on. */
    char who[64];
    snprintf(who, sizeof(who), "Thread %d (LWP %d) hit ", thread_num(c, t.tid),
             t.tid);
    if (!cmd_watch_report(c, &t.watch, who)) return -1;
    char at[160];
    cmd_addr_text(c, t.watch.pc, at, sizeof(at));
    cmd_printf(c, "(by the instruction at %s)", at);
    c->other_thread = 1;
    return 1;
  }
  /* The user's enabled breakpoint there; a command's temporary VM
   * breakpoint (finish, next) is about the front's frame: go on. */
  struct CmdBreak *b = cmd_break_at(c, t.rip);
  if (!b) return -1; /* the next cmd_threads_run goes on */
  ++b->hits;
  char at[160];
  cmd_addr_text(c, t.rip, at, sizeof(at));
  cmd_stopped(c, VM_STOP_BREAK, b->num, "Thread %d (LWP %d) hit Breakpoint %d, %s",
              thread_num(c, t.tid), t.tid, b->num, at);
  cmd_show_line(c, t.rip, 1);
  c->other_thread = 1;
  if (b->temp) {
    char num[16];
    snprintf(num, sizeof(num), "%d", b->num);
    cmd_do_delete(c, num);
  }
  return 1;
}

int cmd_info_threads(struct Cmd *c, const char *arg) {
  (void)arg;
  if (!vm_threads) return cmd_error(c, "No threads.");
  struct VmThread t[MAX_THREADS];
  int n = vm_threads(c->m, t, MAX_THREADS);
  if (n > MAX_THREADS) n = MAX_THREADS;
  if (n <= 0) return cmd_error(c, "No threads.");
  cmd_printf(c, "  Id   Target Id        Frame");
  for (int i = 0; i < n; ++i) {
    struct VmThread *h = &t[i];
    struct VmRegs r;
    uint64_t pc = h->rip;
    if (h->front) {
      vm_regs(c->m, &r);
      pc = r.pc;
    }
    char at[160];
    cmd_addr_text(c, pc, at, sizeof(at));
    const char *state = h->front       ? ""
                        : h->at_break  ? " (stopped at a breakpoint)"
                        : h->parked    ? " (stopped)"
                        : h->in_syscall ? " (running: in a system call)"
                                        : " (running)";
    char id[32];
    snprintf(id, sizeof(id), "LWP %d", h->tid);
    cmd_printf(c, "%c %-4d %-16s %s%s", h->front ? '*' : ' ', i + 1, id, at,
               state);
  }
  return 0;
}

int cmd_do_thread(struct Cmd *c, const char *arg) {
  while (isspace((unsigned char)*arg)) ++arg;
  struct VmThread t[MAX_THREADS];
  int n = vm_threads ? vm_threads(c->m, t, MAX_THREADS) : 0;
  if (!*arg) {
    if (n <= 0) return cmd_error(c, "No thread selected.");
    cmd_printf(c, "[Current thread is 1 (LWP %d)]", t[0].tid);
    return 0;
  }
  char *end;
  long k = strtol(arg, &end, 10);
  while (isspace((unsigned char)*end)) ++end;
  if (end == arg || *end)
    return cmd_error(c, "Invalid thread ID: %s", arg);
  if (k < 1 || k > n || k > MAX_THREADS)
    return cmd_error(c, "Invalid thread ID: %ld", k);
  if (k == 1) {
    cmd_printf(c, "[Switching to thread 1 (LWP %d)]", t[0].tid);
    cmd_show_where(c);
    return 0;
  }
  char at[160];
  struct VmRegs r;
  if (!vm_thread_regs || vm_thread_regs(c->m, t[k - 1].tid, &r)) {
    cmd_addr_text(c, t[k - 1].rip, at, sizeof(at));
    return cmd_error(c, "thread %ld (LWP %d) is running, near %s: only "
                        "thread 1 can be shown and stepped here",
                     k, t[k - 1].tid, at);
  }
  /* Stopped: where it is and how it got there; the panels, registers
   * and stepping stay thread 1's. */
  cmd_addr_text(c, r.pc, at, sizeof(at));
  cmd_printf(c, "[Thread %ld (LWP %d) is stopped at %s; the panels and "
                "commands stay on thread 1]",
             k, t[k - 1].tid, at);
  cmd_printf(c, "rip 0x%llx rsp 0x%llx rbp 0x%llx",
             (unsigned long long)r.rip, (unsigned long long)r.r[VM_RSP],
             (unsigned long long)r.r[VM_RBP]);
  return cmd_backtrace_regs(c, &r, 16);
}
