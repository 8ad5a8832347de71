/* threads-leader: the first thread ends with pthread_exit, then a worker
 * calls exit(5): the process's status is the worker's.
 *@status 5
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void *worker(void *arg) {
  (void)arg;
  usleep(50000);
  printf("worker exits 5\n");
  fflush(stdout);
  exit(5);
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  printf("main leaves\n");
  fflush(stdout);
  pthread_exit(NULL);
}
