/* syscall-defs.h: prototypes of the system call handlers (sys_NAME), one
 * per line of syscall-list.h. A handler gets the six argument registers
 * and returns the result or -errno (Linux numbering). */
#ifndef BLINK_SYS_SYSCALL_DEFS_H
#define BLINK_SYS_SYSCALL_DEFS_H

#include <stdint.h>

struct Machine;

#define SYSCALL(nr, name, ...) \
  int64_t sys_##name(struct Machine *m, uint64_t a[6]);
#include "syscall-list.h"
#undef SYSCALL

#endif
