/* futex.h: guest futexes as host futexes (futex.c). Private to src/sys. */
#ifndef BLINK_SYS_FUTEX_H
#define BLINK_SYS_FUTEX_H

#include <stdint.h>
#include <time.h>

struct Machine;

/* The host address of the 4-byte-aligned guest word at va: 0, or
 * -L_EINVAL (misaligned) or -L_EFAULT (unmapped). */
int futex_host(struct Machine *m, uint64_t va, uint32_t **out);
/* The host's futex(2), returning -1 with errno on failure. */
long futex_host_call(uint32_t *uaddr, int op, uint32_t val,
                     const struct timespec *ts, uint32_t *uaddr2,
                     uint32_t val3);
/* FUTEX_WAKE of up to n waiters on the guest word at va (thread exit's
 * CLONE_CHILD_CLEARTID, robust release): how many woke, or -errno. */
int futex_wake_va(struct Machine *m, uint64_t va, int n);

#endif
