/* divzero: integer division by zero. Must die of SIGFPE (status 136).
 *@status 136
 */
#include <stdio.h>
int main(void) {
  volatile int zero = 0;
  printf("about to divide\n");
  fflush(stdout);
  volatile int r = 1000 / zero;
  printf("not reached %d\n", r);
  return 0;
}
