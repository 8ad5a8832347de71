/* threads-exit: exit() from a thread ends the whole process (exit_group)
 * while the first thread waits in pthread_join, another is blocked in a
 * condition variable forever and another spins.
 *@status 3
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;
static volatile int stop_spinning;

static void *blocked(void *arg) {
  (void)arg;
  pthread_mutex_lock(&mu);
  for (;;) pthread_cond_wait(&never, &mu);
  return NULL;
}

static void *spinner(void *arg) {
  (void)arg;
  unsigned long n = 0;
  while (!stop_spinning) n++;
  return (void *)n;
}

static void *ender(void *arg) {
  (void)arg;
  usleep(50000);
  printf("a thread calls exit(3)\n");
  fflush(stdout);
  exit(3);
}

int main(void) {
  pthread_t b, s, e;
  pthread_create(&b, NULL, blocked, NULL);
  pthread_create(&s, NULL, spinner, NULL);
  pthread_create(&e, NULL, ender, NULL);
  printf("main waits for the blocked thread\n");
  fflush(stdout);
  pthread_join(b, NULL);
  printf("not reached\n");
  return 0;
}
