/* syscall.h: the Linux system call layer's entry points. */
#ifndef BLINK_SYS_SYSCALL_H
#define BLINK_SYS_SYSCALL_H

struct Machine;

/* The SYSCALL instruction in long mode: number in RAX, arguments in RDI,
 * RSI, RDX, R10, R8, R9; result (or -errno) in RAX; RCX and R11 get the
 * return address and RFLAGS as the CPU defines. */
void syscall_dispatch(struct Machine *m);

/* int 0x80 in long mode: the i386 system call table (number in EAX,
 * arguments in EBX, ECX, EDX, ESI, EDI, EBP) as a 64-bit Linux kernel
 * with IA32 emulation runs it; result in RAX. syscall.c. */
void syscall_dispatch_int80(struct Machine *m);

/* Before the SYSCALL instruction's call (op_syscall): when a front end
 * set a wait hook (vm_set_wait_hook) and the call would block, waits
 * through it. Returns 1 when the hook stopped the machine instead
 * (STOP_INTERRUPT: the caller puts rip back on the instruction and
 * undoes nothing else, since nothing was done). syscall-wait.c. */
int syscall_wait(struct Machine *m);

/* -Z: the most frequent system calls, one "syscalls.NAME = N" line
 * each, after vm_print_stats's lines. syscall.c. */
#include <stdio.h>
void syscall_print_stats(FILE *f);
/* A fork child counts its own calls from zero. */
void syscall_stats_reset(void);

/* Set by -s: log each call with its arguments and result. */
extern int syscall_trace;

#endif
