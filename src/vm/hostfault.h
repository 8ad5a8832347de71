/* hostfault.h: host SIGSEGV/SIGBUS raised by guest memory.
 *
 * Guest pages are host pages; some can fault on the host although the
 * guest's page tables say they are fine: a shared (or not yet written
 * private) file mapping whose file was truncated below them raises
 * SIGBUS, as it would natively. The handler (on an alternate stack per
 * host thread) turns such a fault into what Linux gives the guest:
 * - inside hostfault_copy() (the system call layer's mem_copy_in/out):
 *   the copy returns -EFAULT;
 * - inside an instruction of the machine this thread runs (vm_run,
 *   vm_step): the guest gets SIGBUS (BUS_ADRERR, si_addr the guest
 *   address), or SIGSEGV for a host SIGSEGV, through exec_fault() like
 *   any #PF.
 * Anything else is the emulator's own bug: one line "blink: internal
 * fault at ..." on standard error and in the log, then the signal kills
 * as it would have without the handler. */
#ifndef BLINK_VM_HOSTFAULT_H
#define BLINK_VM_HOSTFAULT_H

#include <stddef.h>

struct Machine;

/* Not an x86 vector: the pseudo-vector exec_fault() gets for a host bus
 * error on a guest page (signal.c: SIGBUS, BUS_ADRERR; the frame's
 * trapno says #PF, as Linux's does). */
#define EXC_BUS 32

/* memcpy that returns -EFAULT (not dying) when either side faults on the
 * host; 0 when copied. */
int hostfault_copy(void *dst, const void *src, size_t n);

/* exec.c: entering (m) and leaving (NULL) the dispatch loop on this host
 * thread; the first entry on a thread installs the handlers and the
 * thread's alternate signal stack. */
void hostfault_enter(struct Machine *m);
void hostfault_leave(void);

#endif
