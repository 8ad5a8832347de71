/* breakpoint.c: debugger breakpoints at full speed (debug.h).
 *
 * A breakpoint costs nothing in the dispatch loop: when the decoder makes
 * the record for an address with a breakpoint, it gives it op_break as its
 * handler (icache_decode). Setting or clearing one drops the decoded
 * records of its page, which bumps the page's generation, so no linked
 * record (Insn.next/alt) leads past the new breakpoint and a cleared one
 * leaves no op_break record behind. Pages without breakpoints keep their
 * records and their links.
 *
 * op_break stops the loop before the instruction: rip back on it and the
 * count the loop is about to add taken off first. Resuming: vm_run and
 * vm_step remember where they started (resume_ip at resume_icount), and
 * op_break runs the real instruction there instead of stopping, decoding
 * it afresh into a local record (a few hundred nanoseconds, once per
 * resume). */
#include <string.h>

#include "vm/debug.h"

#include "icache.h"
#include "machine.h"
#include "memory.h"

bool break_at(struct Machine *m, uint64_t va) {
  for (int k = 0; k < m->nbreak; ++k)
    if (m->brk[k] == va) return true;
  return false;
}

void op_break(struct Machine *m, const struct Insn *i) {
  (void)i;
  if (m->ip == m->resume_ip && m->icount == m->resume_icount) {
    struct Insn real;
    icache_decode_insn(m, m->ip + m->seg_base[SEG_CS], &real);
    real.fn(m, &real);
    return;
  }
  m->rip = m->ip;
  m->icount--; /* the dispatch loop counts this record as retired */
  m->stop = STOP_BREAK;
  m->trap = 1;
}

/* Forget the decoded records of the page holding va (and the ones linked
 * to them), so that the next fetch there decodes with the current set. */
static void redecode(struct Machine *m, uint64_t va) {
  struct ICache *ic = mem_icache(m->mem);
  icache_invalidate(ic, va >> 12);
  /* An instruction of the next page never starts on this one, but the
   * page that spills into this one was dropped with it (icache.h). */
  m->cp = NULL;
}

/* Guest threads share the decoded records: whichever machine decodes
 * an address first decides whether it is op_break, so every machine on
 * the address space has the same list (a new thread copies its
 * creator's). The debugger changes it while the other threads are
 * paused (thread-stop.c), or in a system call. */
static void copy_list(void *ctx, struct Machine *o) {
  struct Machine *m = ctx;
  if (o == m) return;
  memcpy(o->brk, m->brk, m->nbreak * sizeof(m->brk[0]));
  o->nbreak = m->nbreak;
}

static void share(struct Machine *m) {
  if (mem_ncpus(m->mem) > 1) mem_each_cpu(m->mem, copy_list, m);
}

int vm_break_set(struct Machine *m, uint64_t addr) {
  if (break_at(m, addr)) return 0;
  if (m->nbreak == BREAK_MAX) return -1;
  m->brk[m->nbreak++] = addr;
  share(m);
  redecode(m, addr);
  return 0;
}

void vm_break_clear(struct Machine *m, uint64_t addr) {
  for (int k = 0; k < m->nbreak; ++k) {
    if (m->brk[k] == addr) {
      m->brk[k] = m->brk[--m->nbreak];
      share(m);
      redecode(m, addr);
      return;
    }
  }
}

void vm_break_clear_all(struct Machine *m) {
  while (m->nbreak) vm_break_clear(m, m->brk[m->nbreak - 1]);
}
