/* threads-segv: a thread's SIGSEGV (no handler) kills the whole process
 * while the first thread waits in pthread_join.
 *@status 139
 */
#include <pthread.h>
#include <stdio.h>

static void *faulter(void *arg) {
  printf("thread faults\n");
  fflush(stdout);
  *(volatile int *)arg = 1;
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, faulter, NULL);
  pthread_join(t, NULL);
  printf("not reached\n");
  return 0;
}
