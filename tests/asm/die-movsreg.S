/* die-movsreg: a 64-bit program may load null or its own user segments
 * into ds/es/fs/gs (0x2b into ss), but not a kernel selector: #GP,
 * SIGSEGV (139).
 *@status 139
 */
#include "check.h"
test_main:
  mov $0x33, %eax
  mov %eax, %ds             /* readable code: fine */
  mov $0x7b, %eax
  mov %eax, %es             /* the per-CPU segment: fine */
  xor %eax, %eax
  mov %eax, %ds
  mov %eax, %es
  mov $0x2b, %eax
  mov %eax, %ss
  mov $0x10, %eax           /* __KERNEL_CS */
  mov %eax, %fs
  ret
