/* futex-ops: the futex operations through raw system calls, between two
 * threads: WAIT (wrong value, timeout), WAIT_BITSET with an absolute
 * timeout, WAKE, CMP_REQUEUE (with a wrong value, then moving a waiter),
 * REQUEUE, WAKE_OP, WAKE_BITSET with a bitset that misses and one that
 * hits, private and shared forms, a misaligned word.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* linux/futex.h's values (musl's compiler has no kernel headers). */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_WAIT_PRIVATE (FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE (FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#define FUTEX_CMP_REQUEUE_PRIVATE (FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_OP_PRIVATE (FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAIT_BITSET_PRIVATE (FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_BITSET_PRIVATE (FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG)
#define FUTEX_OP_ADD 1
#define FUTEX_OP_OR 2
#define FUTEX_OP_CMP_EQ 0
#define FUTEX_OP_CMP_GT 4
#define FUTEX_OP(op, oparg, cmp, cmparg)                      \
  (((op & 0xf) << 28) | ((cmp & 0xf) << 24) | ((oparg & 0xfff) << 12) | \
   (cmparg & 0xfff))

static long futex(uint32_t *a, int op, uint32_t val, const void *ts_or_val2,
                  uint32_t *a2, uint32_t val3) {
  return syscall(SYS_futex, a, op, val, ts_or_val2, a2, val3);
}

static const char *res(long r) {
  static char buf[32];
  if (r >= 0) {
    snprintf(buf, sizeof(buf), "%ld", r);
    return buf;
  }
  return errno == EAGAIN      ? "EAGAIN"
         : errno == ETIMEDOUT ? "ETIMEDOUT"
         : errno == EINVAL    ? "EINVAL"
         : errno == EFAULT    ? "EFAULT"
                              : "other";
}

static uint32_t f1, f2, f3;
static uint32_t words[4];

static void *waiter(void *arg) {
  long op = (long)arg;
  long r;
  if (op == FUTEX_WAIT_BITSET_PRIVATE)
    r = futex(&f3, op, 0, NULL, NULL, 0x2);
  else
    r = futex(&f1, op, 0, NULL, NULL, 0);
  return (void *)(r == 0 ? 1L : -1L);
}

/* Repeat an operation until it reports one waiter (the waiter may not
 * have blocked yet). */
static long until_one(uint32_t *a, int op, uint32_t val, const void *v2,
                      uint32_t *a2, uint32_t val3) {
  for (int k = 0; k < 100000; k++) {
    long r = futex(a, op, val, v2, a2, val3);
    if (r != 0) return r;
    usleep(100);
  }
  return 0;
}

int main(void) {
  struct timespec ten_ms = {0, 10000000};
  printf("wake, nobody waits: %s\n", res(futex(&f1, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0)));
  printf("wait, value differs: %s\n", res(futex(&f1, FUTEX_WAIT_PRIVATE, 7, NULL, NULL, 0)));
  printf("wait 10 ms: %s\n", res(futex(&f1, FUTEX_WAIT_PRIVATE, 0, &ten_ms, NULL, 0)));
  printf("wait 10 ms, shared: %s\n", res(futex(&f1, FUTEX_WAIT, 0, &ten_ms, NULL, 0)));
  struct timespec past;
  clock_gettime(CLOCK_MONOTONIC, &past);
  printf("wait_bitset, deadline passed: %s\n",
         res(futex(&f1, FUTEX_WAIT_BITSET_PRIVATE, 0, &past, NULL, ~0u)));
  clock_gettime(CLOCK_REALTIME, &past);
  printf("wait_bitset realtime, deadline passed: %s\n",
         res(futex(&f1, FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME, 0,
                   &past, NULL, ~0u)));
  printf("misaligned: %s\n",
         res(futex((uint32_t *)((char *)words + 1), FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0)));
  printf("cmp_requeue, value differs: %s\n",
         res(futex(&f1, FUTEX_CMP_REQUEUE_PRIVATE, 0, (void *)1L, &f2, 9)));

  pthread_t t;
  void *rv;
  /* A waiter on f1 is moved to f2 (none woken, one requeued), then woken
   * there. */
  pthread_create(&t, NULL, waiter, (void *)(long)FUTEX_WAIT_PRIVATE);
  printf("cmp_requeue f1 -> f2: %s\n",
         res(until_one(&f1, FUTEX_CMP_REQUEUE_PRIVATE, 0, (void *)1L, &f2, 0)));
  printf("wake on f1 after the move: %s\n", res(futex(&f1, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0)));
  printf("wake on f2: %s\n", res(until_one(&f2, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0)));
  pthread_join(t, &rv);
  printf("waiter -> %ld\n", (long)rv);

  /* Shared (not private) forms: REQUEUE then WAKE. */
  pthread_create(&t, NULL, waiter, (void *)(long)FUTEX_WAIT);
  printf("requeue f1 -> f2: %s\n", res(until_one(&f1, FUTEX_REQUEUE, 0, (void *)1L, &f2, 0)));
  printf("wake on f2: %s\n", res(until_one(&f2, FUTEX_WAKE, 1, NULL, NULL, 0)));
  pthread_join(t, &rv);
  printf("waiter -> %ld\n", (long)rv);

  /* WAKE_OP: f2 += 5, wake on f2 when the old value was 0. */
  f2 = 0;
  long r = futex(&f1, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1L, &f2,
                 FUTEX_OP(FUTEX_OP_ADD, 5, FUTEX_OP_CMP_EQ, 0));
  printf("wake_op: %s, f2 now %u\n", res(r), f2);
  r = futex(&f1, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1L, &f2,
            FUTEX_OP(FUTEX_OP_OR, 0x30, FUTEX_OP_CMP_GT, 100));
  printf("wake_op or: %s, f2 now %#x\n", res(r), f2);

  /* Bitsets: a waiter on bit 1 is not woken through bit 0. */
  pthread_create(&t, NULL, waiter, (void *)(long)FUTEX_WAIT_BITSET_PRIVATE);
  usleep(20000);
  printf("wake_bitset, other bit: %s\n",
         res(futex(&f3, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, 0x1)));
  printf("wake_bitset, its bit: %s\n",
         res(until_one(&f3, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, 0x2)));
  pthread_join(t, &rv);
  printf("waiter -> %ld\n", (long)rv);
  return 0;
}
