/* threads-stress: guest threads hammering the same memory: a mutex
 * counter, lock-prefixed atomics (xadd, cmpxchg, xchg, inc), a bounded
 * queue with two condition variables, a barrier, semaphores, a robust
 * mutex whose owner dies holding it, pthread_exit values, mmap/munmap
 * from several threads at once, and thread ids. Output is the same
 * whatever the interleaving.
 */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NT 4
#define ITERS 20000

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long locked_count;
static long xadd_count;
static long cas_count;
static int spin; /* an xchg spinlock */
static long spin_count;
static volatile int inc_count;

static void *hammer(void *arg) {
  (void)arg;
  for (int k = 0; k < ITERS; k++) {
    pthread_mutex_lock(&mu);
    locked_count++;
    pthread_mutex_unlock(&mu);
    __atomic_fetch_add(&xadd_count, 2, __ATOMIC_SEQ_CST);
    long v = __atomic_load_n(&cas_count, __ATOMIC_RELAXED);
    while (!__atomic_compare_exchange_n(&cas_count, &v, v + 3, 0,
                                        __ATOMIC_SEQ_CST, __ATOMIC_RELAXED)) {
    }
    while (__atomic_exchange_n(&spin, 1, __ATOMIC_ACQUIRE)) {
    }
    spin_count++;
    __atomic_store_n(&spin, 0, __ATOMIC_RELEASE);
    __asm__ volatile("lock incl %0" : "+m"(inc_count));
  }
  return NULL;
}

/* A bounded queue: producers push 1..N, consumers add up what they pop. */
#define QCAP 8
#define PER_PRODUCER 5000
static int q[QCAP], qhead, qlen, producers_left;
static pthread_mutex_t qmu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t notfull = PTHREAD_COND_INITIALIZER;
static pthread_cond_t notempty = PTHREAD_COND_INITIALIZER;

static void *producer(void *arg) {
  (void)arg;
  for (int k = 1; k <= PER_PRODUCER; k++) {
    pthread_mutex_lock(&qmu);
    while (qlen == QCAP) pthread_cond_wait(&notfull, &qmu);
    q[(qhead + qlen++) % QCAP] = k;
    pthread_cond_signal(&notempty);
    pthread_mutex_unlock(&qmu);
  }
  pthread_mutex_lock(&qmu);
  producers_left--;
  pthread_cond_broadcast(&notempty);
  pthread_mutex_unlock(&qmu);
  return NULL;
}

static void *consumer(void *arg) {
  long sum = 0, n = 0;
  (void)arg;
  for (;;) {
    pthread_mutex_lock(&qmu);
    while (!qlen && producers_left) pthread_cond_wait(&notempty, &qmu);
    if (!qlen) {
      pthread_mutex_unlock(&qmu);
      break;
    }
    sum += q[qhead];
    qhead = (qhead + 1) % QCAP;
    qlen--;
    n++;
    pthread_cond_signal(&notfull);
    pthread_mutex_unlock(&qmu);
  }
  long *r = malloc(2 * sizeof(long));
  r[0] = sum;
  r[1] = n;
  return r;
}

static pthread_barrier_t bar;
static int phase[NT];
static int barrier_bad;

static void *barrier_worker(void *arg) {
  long id = (long)arg;
  for (int round = 0; round < 50; round++) {
    phase[id] = round;
    pthread_barrier_wait(&bar);
    for (int k = 0; k < NT; k++)
      if (phase[k] != round) __atomic_store_n(&barrier_bad, 1, __ATOMIC_SEQ_CST);
    pthread_barrier_wait(&bar);
  }
  return NULL;
}

static sem_t items, slots;
static long sem_total;
static void *sem_producer(void *arg) {
  (void)arg;
  for (int k = 0; k < 3000; k++) {
    sem_wait(&slots);
    __atomic_fetch_add(&sem_total, 1, __ATOMIC_SEQ_CST);
    sem_post(&items);
  }
  return NULL;
}

static pthread_mutex_t robust;
static void *die_holding(void *arg) {
  (void)arg;
  pthread_mutex_lock(&robust);
  return (void *)7; /* ends without unlocking */
}

static void *mapper(void *arg) {
  long id = (long)arg, bad = 0;
  for (int k = 0; k < 200; k++) {
    size_t len = (size_t)(1 + (k + id) % 5) * 4096 * 16;
    unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return (void *)-1;
    for (size_t o = 0; o < len; o += 4096) p[o] = (unsigned char)(id + o);
    for (size_t o = 0; o < len; o += 4096)
      if (p[o] != (unsigned char)(id + o)) bad++;
    munmap(p, len);
  }
  return (void *)bad;
}

static void *exiter(void *arg) {
  pthread_exit((void *)((long)arg * 11));
}

static __thread int tls_tid_differs;
static void *ids(void *arg) {
  (void)arg;
  tls_tid_differs = syscall(SYS_gettid) != getpid();
  return (void *)(long)(tls_tid_differs && pthread_self() != (pthread_t)arg);
}

/* Locked adds on pages no thread has touched yet: each thread's first
 * access to a page must be atomic too. */
#define FRESH_PAGES 512
static int *fresh;
static pthread_barrier_t fresh_bar;
static void *fresh_adder(void *arg) {
  (void)arg;
  pthread_barrier_wait(&fresh_bar);
  for (int k = 0; k < FRESH_PAGES; k++)
    __atomic_fetch_add(&fresh[k * 1024], 1, __ATOMIC_SEQ_CST);
  return NULL;
}

static void *blocker(void *arg) {
  sem_wait(arg);
  return NULL;
}

int main(void) {
  pthread_t t[NT], u[NT];
  for (long i = 0; i < NT; i++) pthread_create(&t[i], NULL, hammer, (void *)i);
  for (int i = 0; i < NT; i++) pthread_join(t[i], NULL);
  printf("mutex %ld xadd %ld cas %ld xchg-spin %ld lock-inc %d\n",
         locked_count, xadd_count, cas_count, spin_count, inc_count);

  producers_left = 2;
  for (long i = 0; i < 2; i++) pthread_create(&t[i], NULL, producer, NULL);
  for (long i = 0; i < 2; i++) pthread_create(&u[i], NULL, consumer, NULL);
  long sum = 0, n = 0;
  for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
  for (int i = 0; i < 2; i++) {
    long *r;
    pthread_join(u[i], (void **)&r);
    sum += r[0];
    n += r[1];
    free(r);
  }
  printf("queue: %ld items, sum %ld\n", n, sum);

  pthread_barrier_init(&bar, NULL, NT);
  for (long i = 0; i < NT; i++)
    pthread_create(&t[i], NULL, barrier_worker, (void *)i);
  for (int i = 0; i < NT; i++) pthread_join(t[i], NULL);
  printf("barrier: %s\n", barrier_bad ? "broken" : "ok");

  sem_init(&items, 0, 0);
  sem_init(&slots, 0, 4);
  pthread_create(&t[0], NULL, sem_producer, NULL);
  for (int k = 0; k < 3000; k++) {
    sem_wait(&items);
    sem_post(&slots);
  }
  pthread_join(t[0], NULL);
  printf("semaphores: %ld\n", sem_total);

  pthread_mutexattr_t ma;
  pthread_mutexattr_init(&ma);
  pthread_mutexattr_setrobust(&ma, PTHREAD_MUTEX_ROBUST);
  pthread_mutex_init(&robust, &ma);
  void *rv;
  pthread_create(&t[0], NULL, die_holding, NULL);
  pthread_join(t[0], &rv);
  int rc = pthread_mutex_lock(&robust);
  printf("robust: thread returned %ld, lock -> %s\n", (long)rv,
         rc == EOWNERDEAD ? "EOWNERDEAD" : rc ? strerror(rc) : "0");
  if (rc == EOWNERDEAD) pthread_mutex_consistent(&robust);
  pthread_mutex_unlock(&robust);
  printf("robust: relock -> %d\n", pthread_mutex_lock(&robust));
  pthread_mutex_unlock(&robust);

  long bad = 0;
  for (long i = 0; i < NT; i++) pthread_create(&t[i], NULL, mapper, (void *)i);
  for (int i = 0; i < NT; i++) {
    pthread_join(t[i], &rv);
    bad += (long)rv;
  }
  printf("mmap from %d threads: %ld bad\n", NT, bad);

  for (long i = 0; i < NT; i++) pthread_create(&t[i], NULL, exiter, (void *)i);
  for (int i = 0; i < NT; i++) {
    pthread_join(t[i], &rv);
    printf("pthread_exit %d -> %ld\n", i, (long)rv);
  }

  pthread_create(&t[0], NULL, ids, (void *)pthread_self());
  pthread_join(t[0], &rv);
  printf("thread ids distinct: %ld\n", (long)rv);

  fresh = mmap(NULL, FRESH_PAGES * 4096, PROT_READ | PROT_WRITE,
               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  pthread_barrier_init(&fresh_bar, NULL, NT);
  for (long i = 0; i < NT; i++) pthread_create(&t[i], NULL, fresh_adder, NULL);
  for (int i = 0; i < NT; i++) pthread_join(t[i], NULL);
  int lost = 0;
  for (int k = 0; k < FRESH_PAGES; k++) lost += fresh[k * 1024] != NT;
  printf("locked adds on fresh pages: %d lost\n", lost);

  /* Signal 0 to a live thread (tgkill): it exists. */
  static sem_t hold;
  sem_init(&hold, 0, 0);
  pthread_create(&t[0], NULL, blocker, &hold);
  printf("pthread_kill(live, 0) -> %d\n", pthread_kill(t[0], 0));
  sem_post(&hold);
  pthread_join(t[0], NULL);
  return 0;
}
