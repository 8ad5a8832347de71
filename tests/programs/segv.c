/* segv: writes through a wild pointer. Must die of SIGSEGV (status 139
 * in the shell) with the output before it already flushed.
 *@status 139
 */
#include <stdio.h>
int main(void) {
  printf("about to fault\n");
  fflush(stdout);
  volatile int *p = (int *)0x10;
  *p = 42;
  volatile long *q = (long *)0x7654321000ul;
  *q = 1;
  printf("not reached\n");
  return 0;
}
