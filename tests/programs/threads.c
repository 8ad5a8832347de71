/* threads: pthreads (clone, futex, thread-local storage per thread):
 * workers summing ranges into per-thread results, a mutex-protected
 * counter, a condition variable handshake, and thread-local variables.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static long counter;
static int ready;
static __thread long mine = 100;

static void *worker(void *arg) {
  long id = (long)arg, sum = 0;
  for (long k = id * 100000; k < (id + 1) * 100000; k++) sum += k % 7;
  for (int k = 0; k < 10000; k++) {
    pthread_mutex_lock(&mu);
    counter++;
    pthread_mutex_unlock(&mu);
  }
  mine += id;
  return (void *)(sum + mine);
}

static void *waiter(void *arg) {
  (void)arg;
  pthread_mutex_lock(&mu);
  while (!ready) pthread_cond_wait(&cv, &mu);
  pthread_mutex_unlock(&mu);
  return (void *)42;
}

int main(void) {
  pthread_t t[4], w;
  for (long i = 0; i < 4; i++)
    if (pthread_create(&t[i], NULL, worker, (void *)i)) {
      printf("pthread_create failed\n");
      return 1;
    }
  pthread_create(&w, NULL, waiter, NULL);
  for (int i = 0; i < 4; i++) {
    void *r;
    pthread_join(t[i], &r);
    printf("worker %d -> %ld\n", i, (long)r);
  }
  pthread_mutex_lock(&mu);
  ready = 1;
  pthread_cond_signal(&cv);
  pthread_mutex_unlock(&mu);
  void *r;
  pthread_join(w, &r);
  printf("waiter -> %ld, counter %ld, main's tls %ld\n", (long)r, counter, mine);
  return 0;
}
