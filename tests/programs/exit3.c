/* exit3: exit status from exit(), after running atexit handlers and
 * flushing stdio buffers.
 *@status 3
 */
#include <stdio.h>
#include <stdlib.h>
static void bye(void) { printf("atexit handler ran\n"); }
int main(void) {
  atexit(bye);
  printf("buffered output before exit");
  exit(3);
}
