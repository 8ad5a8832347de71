/* die-wtext: a store into the program's own text (mapped read+exec) is a
 * page fault: SIGSEGV.
 *@status 139
 */
#include "check.h"
test_main:
  lea test_main(%rip), %rax
  movb $0x90, (%rax)
  ret
