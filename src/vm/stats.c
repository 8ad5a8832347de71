/* stats.c: what a stopped machine can tell its front end (vm.h). */
#include <inttypes.h>
#include <stdio.h>

#include "machine.h"
#include "vm.h"

/* The Linux layer records whether a fatal signal came from the CPU. */
#include "sys/sys.h"

int vm_exit_code(struct Machine *m) { return m->exit_code; }
int vm_stop_signal(struct Machine *m) { return m->stop_signal; }
uint64_t vm_rip(struct Machine *m) { return m->rip; }
uint64_t vm_fault_addr(struct Machine *m) { return m->fault_addr; }
int vm_fault_from_cpu(struct Machine *m) { return m->sys && m->sys->fatal_fault; }
const char *vm_signal_name(int sig) { return sig_name(sig); }

void vm_print_stats(struct Machine *m, FILE *f, double seconds) {
  fprintf(f, "instructions          = %" PRIu64 "\n", m->icount);
  fprintf(f, "instructions_decoded  = %" PRIu64 "\n", m->stats.decoded);
  fprintf(f, "smc_flushes           = %" PRIu64 "\n", m->stats.smc_flushes);
  fprintf(f, "tlb_fills             = %" PRIu64 "\n", m->stats.tlb_fills);
  fprintf(f, "syscalls              = %" PRIu64 "\n", m->stats.syscalls);
  fprintf(f, "seconds               = %.3f\n", seconds);
  if (seconds > 0)
    fprintf(f, "mips                  = %.1f\n", m->icount / seconds / 1e6);
}
