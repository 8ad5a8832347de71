/* stats.c: what a stopped machine can tell its front end (vm.h). */
#include <inttypes.h>
#include <stdio.h>

#include "machine.h"
#include "memory.h"
#include "vm.h"

/* The Linux layer records whether a fatal signal came from the CPU. */
#include "sys/sys.h"

int vm_exit_code(struct Machine *m) { return m->exit_code; }
int vm_stop_signal(struct Machine *m) { return m->stop_signal; }
uint64_t vm_rip(struct Machine *m) { return m->rip; }
uint64_t vm_fault_addr(struct Machine *m) { return m->fault_addr; }
int vm_fault_from_cpu(struct Machine *m) { return m->sys && m->sys->fatal_fault; }
const char *vm_signal_name(int sig) { return sig_name(sig); }

/* Every thread's counters (the exited ones' too): mem_stats. */
void vm_print_stats(struct Machine *m, FILE *f, double seconds) {
  struct MachineStats t;
  mem_stats(m->mem, &t);
  fprintf(f, "instructions          = %" PRIu64 "\n", t.icount);
  fprintf(f, "instructions_decoded  = %" PRIu64 "\n", t.decoded);
  fprintf(f, "smc_flushes           = %" PRIu64 "\n", t.smc_flushes);
  fprintf(f, "tlb_fills             = %" PRIu64 "\n", t.tlb_fills);
  fprintf(f, "syscalls              = %" PRIu64 "\n", t.syscalls);
  fprintf(f, "signals_delivered     = %" PRIu64 "\n", t.signals);
  fprintf(f, "cpu_faults            = %" PRIu64 "\n", t.faults);
  fprintf(f, "seconds               = %.3f\n", seconds);
  if (seconds > 0)
    fprintf(f, "mips                  = %.1f\n", t.icount / seconds / 1e6);
}
