/* futex-hammer: six threads hammering glibc's futex-based primitives on
 * every host core: contended mutex lock/unlock (normal, recursive and
 * error-checking), a condition-variable token ring, a barrier checked
 * phase by phase, a rwlock whose readers check the writers' invariant,
 * a semaphore producer/consumer queue, and lock-prefixed atomics (xadd,
 * cmpxchg loops). Every total is checked against what it must be and
 * printed, so the output is the same whatever the interleaving; a lost
 * wake-up shows as a hang (the test's timeout), a lost update as a
 * wrong total. The argument scales the iteration counts (1: about four
 * million lock operations in all).
 * @args 1
 */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NT 6

static long scale = 1;
static int bad;

static void check(const char *what, long got, long want) {
  printf("%-26s %ld%s\n", what, got, got == want ? "" : " WRONG");
  if (got != want) {
    printf("  expected %ld\n", want);
    bad = 1;
  }
}

static void die(const char *what, int err) {
  fprintf(stderr, "futex-hammer: %s: %s\n", what, strerror(err));
  exit(2);
}

static void run(void *(*fn)(void *)) {
  pthread_t t[NT];
  int i, e;
  for (i = 0; i < NT; i++)
    if ((e = pthread_create(&t[i], 0, fn, (void *)(long)i))) die("pthread_create", e);
  for (i = 0; i < NT; i++)
    if ((e = pthread_join(t[i], 0))) die("pthread_join", e);
}

/* ---- 1. mutexes: plain, recursive (locked twice), error-checking */
static pthread_mutex_t mu_plain = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t mu_rec, mu_err;
static long n_plain, n_rec, n_err, n_trylock_busy_ok;

static void *mutexes(void *arg) {
  long i, n = 120000 * scale;
  (void)arg;
  for (i = 0; i < n; i++) {
    pthread_mutex_lock(&mu_plain);
    n_plain++;
    pthread_mutex_unlock(&mu_plain);
  }
  for (i = 0; i < n / 4; i++) {
    pthread_mutex_lock(&mu_rec);
    pthread_mutex_lock(&mu_rec);
    n_rec += 2;
    pthread_mutex_unlock(&mu_rec);
    pthread_mutex_unlock(&mu_rec);
  }
  for (i = 0; i < n / 4; i++) {
    pthread_mutex_lock(&mu_err);
    /* Locking it again is EDEADLK, not a hang; trylock is EBUSY. */
    if (pthread_mutex_lock(&mu_err) == EDEADLK && pthread_mutex_trylock(&mu_err) == EBUSY)
      n_trylock_busy_ok++;
    n_err++;
    pthread_mutex_unlock(&mu_err);
  }
  return 0;
}

/* ---- 2. a token ring: thread i waits for turn == i, passes it on */
static pthread_mutex_t ring_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ring_cv[NT];
static int turn;
static long ring_passes, ring_sum;

static void *ring(void *arg) {
  int me = (int)(long)arg;
  long r, rounds = 3000 * scale;
  for (r = 0; r < rounds; r++) {
    pthread_mutex_lock(&ring_mu);
    while (turn != me) pthread_cond_wait(&ring_cv[me], &ring_mu);
    ring_passes++;
    ring_sum += me;
    turn = (me + 1) % NT;
    pthread_cond_signal(&ring_cv[turn]);
    pthread_mutex_unlock(&ring_mu);
  }
  return 0;
}

/* ---- 3. a barrier: each phase's slots are all written before any
 * thread reads them in the next phase */
static pthread_barrier_t bar;
static long slot[2][NT];
static long bar_ok, bar_serial;

static void *barrier(void *arg) {
  int me = (int)(long)arg, j;
  long p, phases = 2000 * scale, sum;
  for (p = 0; p < phases; p++) {
    slot[p & 1][me] = p * NT + me;
    if (pthread_barrier_wait(&bar) == PTHREAD_BARRIER_SERIAL_THREAD)
      __atomic_fetch_add(&bar_serial, 1, __ATOMIC_RELAXED);
    for (sum = 0, j = 0; j < NT; j++) sum += slot[p & 1][j];
    if (sum == p * NT * NT + NT * (NT - 1) / 2) __atomic_fetch_add(&bar_ok, 1, __ATOMIC_RELAXED);
    /* Nobody writes this phase's slots again until all have read them. */
    pthread_barrier_wait(&bar);
  }
  return 0;
}

/* ---- 4. a rwlock: writers keep a + b == 0, readers check it */
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static long rw_a, rw_b, rw_writes, rw_reads, rw_torn;

static void *rwlocks(void *arg) {
  int me = (int)(long)arg;
  long i, n = 40000 * scale, a, b;
  for (i = 0; i < n; i++) {
    if (me < 2 && i % 4 == 0) {
      pthread_rwlock_wrlock(&rw);
      rw_a += i + 1;
      rw_b -= i + 1;
      rw_writes++;
      pthread_rwlock_unlock(&rw);
    } else {
      pthread_rwlock_rdlock(&rw);
      a = rw_a;
      b = rw_b;
      pthread_rwlock_unlock(&rw);
      if (a + b != 0) __atomic_fetch_add(&rw_torn, 1, __ATOMIC_RELAXED);
      __atomic_fetch_add(&rw_reads, 1, __ATOMIC_RELAXED);
    }
  }
  return 0;
}

/* ---- 5. semaphores: three producers, three consumers, an 8-slot queue */
#define QN 8
static sem_t q_free, q_full;
static pthread_mutex_t q_mu = PTHREAD_MUTEX_INITIALIZER;
static long q_buf[QN], q_head, q_tail, q_got, q_sum;

static void *semaphores(void *arg) {
  int me = (int)(long)arg;
  long i, n = 30000 * scale, v;
  for (i = 0; i < n; i++) {
    if (me % 2 == 0) {
      while (sem_wait(&q_free) && errno == EINTR) {}
      pthread_mutex_lock(&q_mu);
      q_buf[q_tail++ % QN] = i + 1;
      pthread_mutex_unlock(&q_mu);
      sem_post(&q_full);
    } else {
      while (sem_wait(&q_full) && errno == EINTR) {}
      pthread_mutex_lock(&q_mu);
      v = q_buf[q_head++ % QN];
      q_got++;
      q_sum += v;
      pthread_mutex_unlock(&q_mu);
      sem_post(&q_free);
    }
  }
  return 0;
}

/* ---- 6. atomics: xadd and a compare-and-swap loop */
static long at_add, at_cas;

static void *atomics(void *arg) {
  long i, n = 200000 * scale, old;
  (void)arg;
  for (i = 0; i < n; i++) {
    __atomic_fetch_add(&at_add, 1, __ATOMIC_SEQ_CST);
    old = __atomic_load_n(&at_cas, __ATOMIC_RELAXED);
    while (!__atomic_compare_exchange_n(&at_cas, &old, old + 3, 0, __ATOMIC_SEQ_CST,
                                        __ATOMIC_RELAXED)) {}
  }
  return 0;
}

int main(int argc, char **argv) {
  pthread_mutexattr_t ma;
  long n, i;
  int e;
  if (argc > 1) scale = atol(argv[1]);
  if (scale < 1) scale = 1;
  pthread_mutexattr_init(&ma);
  pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&mu_rec, &ma);
  pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&mu_err, &ma);
  for (i = 0; i < NT; i++) pthread_cond_init(&ring_cv[i], 0);
  if ((e = pthread_barrier_init(&bar, 0, NT))) die("pthread_barrier_init", e);
  if (sem_init(&q_free, 0, QN) || sem_init(&q_full, 0, 0)) die("sem_init", errno);
  printf("%d threads, scale %ld\n", NT, scale);

  run(mutexes);
  n = 120000 * scale;
  check("mutex plain", n_plain, NT * n);
  check("mutex recursive", n_rec, NT * (n / 4) * 2);
  check("mutex errorcheck", n_err, NT * (n / 4));
  check("  EDEADLK and EBUSY", n_trylock_busy_ok, NT * (n / 4));

  run(ring);
  n = 3000 * scale;
  check("ring passes", ring_passes, NT * n);
  check("ring sum", ring_sum, n * (NT * (NT - 1) / 2));
  check("ring ends at", turn, 0);

  run(barrier);
  n = 2000 * scale;
  check("barrier phases seen whole", bar_ok, NT * n);
  check("barrier serial threads", bar_serial, n);

  run(rwlocks);
  n = 40000 * scale;
  check("rwlock writes", rw_writes, 2 * (n / 4));
  check("rwlock reads", rw_reads, NT * n - 2 * (n / 4));
  check("rwlock torn reads", rw_torn, 0);
  check("rwlock a", rw_a, 2 * ((n / 4) * (n / 4 - 1) / 2 * 4 + n / 4));

  run(semaphores);
  n = 30000 * scale;
  check("queue items", q_got, (NT / 2) * n);
  check("queue sum", q_sum, (NT / 2) * (n * (n + 1) / 2));
  sem_getvalue(&q_free, &e);
  check("queue free at end", e, QN);

  run(atomics);
  n = 200000 * scale;
  check("atomic xadd", at_add, NT * n);
  check("atomic cmpxchg", at_cas, 3 * NT * n);

  puts(bad ? "FAILED" : "all totals right");
  return bad;
}
