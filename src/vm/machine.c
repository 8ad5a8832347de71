/* machine.c: creating and destroying a machine. */
#include <stdlib.h>

#include "machine.h"
#include "memory.h"
#include "vm.h"

struct Machine *vm_new(void) {
  struct Machine *m = calloc(1, sizeof(*m));
  if (!m) return NULL;
  m->mem = mem_new();
  if (!m->mem) {
    free(m);
    return NULL;
  }
  m->mode = MODE_LONG;
  m->rflags = 0x202; /* IF and the always-one bit 1 */
  m->mxcsr = 0x1f80; /* all SSE exceptions masked, round to nearest */
  m->fpu_cw = 0x37f; /* what finit loads: extended precision, all masked */
  m->fpu_tw = 0xffff; /* all registers empty */
  mem_tlb_flush(m);
  if (mem_attach(m->mem, m)) {
    mem_free(m->mem);
    free(m);
    return NULL;
  }
  return m;
}

void vm_free(struct Machine *m) {
  if (!m) return;
  /* Other guest threads end first (exit_group told them to). One that
   * does not within seconds (stuck in a host call, or the process is
   * dying of a signal) keeps the address space: it is leaked, not freed
   * under a running thread. */
  if (!mem_wait_cpus(m->mem, 1, 5000)) return;
  mem_free(m->mem);
  free(m->sys); /* one calloc'd block (src/sys/sys.h) */
  free(m);
}
