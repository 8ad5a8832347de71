/* threads-mainexit: the first thread ends with pthread_exit while workers
 * go on; the process lives until the last one ends, then exits 0. The
 * workers' thread-local destructors and a futex handshake between them
 * run after main is gone.
 */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int turn;

static void *worker(void *arg) {
  long id = (long)arg;
  for (int k = 0; k < 5; k++) {
    pthread_mutex_lock(&mu);
    while (turn % 2 != id) pthread_cond_wait(&cv, &mu);
    printf("worker %ld turn %d\n", id, turn);
    fflush(stdout);
    turn++;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
  }
  return NULL;
}

int main(void) {
  pthread_t t[2];
  pthread_mutex_lock(&mu);
  for (long i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, (void *)i);
  printf("main leaves first\n");
  fflush(stdout);
  pthread_mutex_unlock(&mu);
  pthread_exit(NULL);
}
