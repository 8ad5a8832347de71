/* ops-alu.h: the host atomics behind LOCK-prefixed read-modify-writes,
 * shared by ops-alu.c and ops-bit.c. p comes from mem_host_rw(). */
#ifndef BLINK_VM_OPS_ALU_H
#define BLINK_VM_OPS_ALU_H

#include <stdbool.h>
#include <stdint.h>

uint64_t alu_atomic_load(void *p, unsigned size);
/* Compare-and-swap; on failure *expect gets the current value. */
bool alu_cas(void *p, unsigned size, uint64_t *expect, uint64_t want);

#endif
