/* sig-cancel: pthread_cancel, which the C library builds on a signal the
 * emulator keeps for itself (glibc's SIGCANCEL is 32, musl's 33: never
 * the host's): a thread blocked in read, in nanosleep, in a condition
 * wait (its cleanup handler runs and unlocks the mutex), one spinning
 * with asynchronous cancellation, and one with cancellation disabled
 * that only ends at its pthread_testcancel once enabled again.
 */
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static int p[2];
static volatile int stage;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static volatile int cleaned, went_on;

static void *in_read(void *a) {
  char c;
  stage = 1;
  if (read(p[0], &c, 1) >= 0) printf("read returned?\n");
  return a;
}

static void *in_sleep(void *a) {
  struct timespec d = {30, 0};
  stage = 2;
  nanosleep(&d, NULL);
  printf("sleep returned?\n");
  return a;
}

static void unlock(void *a) {
  cleaned = 1;
  pthread_mutex_unlock(a);
}

static void *in_cond(void *a) {
  pthread_mutex_lock(&mu);
  pthread_cleanup_push(unlock, &mu);
  stage = 3;
  for (;;) pthread_cond_wait(&cv, &mu);
  pthread_cleanup_pop(1);
  return a;
}

static void *spinning(void *a) {
  pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, NULL);
  stage = 4;
  for (;;) {
  }
  return a;
}

static void *disabled(void *a) {
  pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
  stage = 5;
  while (stage != 6) {
  }
  struct timespec d = {0, 50 * 1000 * 1000};
  nanosleep(&d, NULL); /* not a cancellation point now */
  went_on = 1;
  pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, NULL);
  pthread_testcancel();
  went_on = 2;
  return a;
}

static void run(const char *what, void *(*fn)(void *), int want) {
  pthread_t t;
  void *r;
  stage = 0;
  pthread_create(&t, NULL, fn, NULL);
  while (stage != want) {
  }
  struct timespec d = {0, 100 * 1000 * 1000};
  nanosleep(&d, NULL); /* into its blocking call */
  pthread_cancel(t);
  if (want == 5) stage = 6;
  pthread_join(t, &r);
  printf("%s: canceled %d\n", what, r == PTHREAD_CANCELED);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  if (pipe(p)) return 1;
  run("blocked read", in_read, 1);
  run("nanosleep", in_sleep, 2);
  run("condition wait", in_cond, 3);
  printf("cleanup ran %d, mutex free %d\n", cleaned,
         pthread_mutex_trylock(&mu) == 0);
  run("asynchronous spin", spinning, 4);
  run("disabled, then testcancel", disabled, 5);
  printf("went on to the test %d\n", went_on);
  return 0;
}
