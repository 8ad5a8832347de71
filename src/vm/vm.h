/* vm.h: the VM as the front ends (blink, blinkenlights) see it. */
#ifndef BLINK_VM_VM_H
#define BLINK_VM_VM_H

#include <stdint.h>
#include <stdio.h>

struct Machine;

/* A fresh x86-64 machine with an empty address space. */
struct Machine *vm_new(void);
void vm_free(struct Machine *m);

/* Load PROG (found as a shell would: absolute, relative with a slash,
 * else $PATH) with its argument and environment vectors into a fresh
 * Linux process image ("#!" scripts run through their interpreter, as
 * execve does). On failure writes one line to errbuf and returns
 * the exit status a shell would give: 127 (not found, not a program we
 * can run) or 126 (not executable). Returns 0 on success. */
int vm_load(struct Machine *m, const char *prog, char *const argv[],
            char *const envp[], char *errbuf, unsigned errlen);

/* The guest's root: a colon-separated list of host directories searched
 * in order for absolute paths, "" meaning the host's / (BLINK_OVERLAYS;
 * -C DIR passes DIR). Without a call, $BLINK_OVERLAYS or ":o". Call
 * before vm_load. Returns 0, or -1 if the list is unusable.
 * (src/sys/overlays.c) */
int vm_set_overlays(const char *spec);

/* Run until the machine stops; returns a STOP_* reason (machine.h). */
int vm_run(struct Machine *m);

/* Execute at most one instruction (for the debugger). */
int vm_step(struct Machine *m);

/* Why a stopped machine stopped: after STOP_EXIT the guest's exit status,
 * after STOP_SIGNAL the signal that ended it, the instruction it was at,
 * the faulting address (for a CPU fault) and whether a CPU exception (as
 * opposed to a signal the guest sent itself) raised it. */
int vm_exit_code(struct Machine *m);
int vm_stop_signal(struct Machine *m);
uint64_t vm_rip(struct Machine *m);
uint64_t vm_fault_addr(struct Machine *m);
int vm_fault_from_cpu(struct Machine *m);
/* The running program's absolute path (the last execve's), "" when
 * none is loaded, for messages. */
const char *vm_program(struct Machine *m);
/* A Linux signal's name, "SIGSEGV", for messages. */
const char *vm_signal_name(int sig);

/* Print the -Z statistics: instruction and event counters, and rates
 * over seconds of wall time. */
void vm_print_stats(struct Machine *m, FILE *f, double seconds);
/* Ends the host process the way a guest died of sig, so the shell shows
 * what a native run shows (139 for SIGSEGV, 134 for SIGABRT...): no core
 * (it would be the emulator's), the default action, unblocked, raised;
 * 128 + sig for a signal whose default does not kill. */
_Noreturn void vm_die_of_signal(int sig);

#endif
