/* abort: abort() raises SIGABRT on itself (rt_sigprocmask + tgkill):
 * status 134.
 *@status 134
 */
#include <stdio.h>
#include <stdlib.h>
int main(void) {
  printf("aborting\n");
  fflush(stdout);
  abort();
}
