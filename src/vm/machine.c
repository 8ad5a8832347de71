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
  return m;
}

void vm_free(struct Machine *m) {
  if (!m) return;
  mem_free(m->mem);
  free(m->sys); /* one calloc'd block (src/sys/sys.h) */
  free(m);
}
