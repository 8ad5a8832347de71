/* splitlock: locked read-modify-writes whose operand crosses a page
 * boundary (a "split lock") or is misaligned inside a page, from three
 * threads at once: lock xadd, lock add, lock inc, lock not, lock
 * cmpxchg and lock cmpxchg8b in loops, and an xchg spinlock guarding a
 * plain counter. Each must stay
 * atomic, so every total is exact.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#define THREADS 3

static long rounds = 20000;
static unsigned char *buf;
static volatile int go;
static struct timespec start;

/* Operands: page boundary at buf + 4096. */
#define XADD64 ((uint64_t *)(buf + 4096 - 4))   /* 4 + 4 bytes */
#define ADD32 ((uint32_t *)(buf + 8192 - 1))    /* 1 + 3 */
#define INC16 ((uint16_t *)(buf + 12288 - 1))   /* 1 + 1 */
#define CAS64 ((uint64_t *)(buf + 16384 - 5))   /* 5 + 3 */
#define LOCK32 ((uint32_t *)(buf + 20480 - 2))  /* 2 + 2 */
#define MIS64 ((uint64_t *)(buf + 64 * 3 - 3))  /* misaligned, one page */
#define NOT64 ((uint64_t *)(buf + 4096 * 5 + 4096 - 6)) /* 6 + 2: lock not */
#define C8B ((uint64_t *)(buf + 4096 * 6 + 4096 - 4))   /* 4 + 4: cmpxchg8b */
#define NOT_INIT 0x0123456789abcdefull
static long plain; /* guarded by the xchg spinlock */
static volatile int stuck; /* a lost unlock: give up instead of hanging */

static void *worker(void *arg) {
  (void)arg;
  while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE)) {
  }
  for (long k = 0; k < rounds; ++k) {
    uint64_t one = 1;
    __asm__ volatile("lock xaddq %0, %1" : "+r"(one), "+m"(*XADD64) :: "memory");
    __asm__ volatile("lock addl $2, %0" : "+m"(*ADD32) :: "memory");
    __asm__ volatile("lock incw %0" : "+m"(*INC16) :: "memory");
    uint64_t old = *(volatile uint64_t *)CAS64, neu;
    do {
      neu = old + 3;
      /* rax: expected, updated with what was there on failure */
      __asm__ volatile("lock cmpxchgq %2, %1"
                       : "+a"(old), "+m"(*CAS64)
                       : "r"(neu)
                       : "memory", "cc");
    } while (old != neu - 3);
    uint32_t v;
    long spins = 0;
    do {
      v = 1;
      __asm__ volatile("xchgl %0, %1" : "+r"(v), "+m"(*LOCK32) :: "memory");
      if (v && !(++spins & 0xfffff)) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec - start.tv_sec > 20) stuck = 1;
      }
    } while (v && !stuck);
    if (stuck) break;
    plain++;
    __asm__ volatile("" ::: "memory");
    v = 0;
    __asm__ volatile("xchgl %0, %1" : "+r"(v), "+m"(*LOCK32) :: "memory");
    uint64_t two = 2;
    __asm__ volatile("lock xaddq %0, %1" : "+r"(two), "+m"(*MIS64) :: "memory");
    /* An even number of nots in all leaves the value as it was. */
    __asm__ volatile("lock notq %0" : "+m"(*NOT64) :: "memory");
    /* cmpxchg8b: edx:eax expected, ecx:ebx new; ZF on success. */
    uint64_t cur = *(volatile uint64_t *)C8B;
    for (;;) {
      uint64_t want = cur + 5;
      uint32_t lo = (uint32_t)cur, hi = (uint32_t)(cur >> 32);
      unsigned char ok;
      __asm__ volatile("lock cmpxchg8b %1; sete %0"
                       : "=q"(ok), "+m"(*C8B), "+a"(lo), "+d"(hi)
                       : "b"((uint32_t)want), "c"((uint32_t)(want >> 32))
                       : "memory", "cc");
      if (ok) break;
      cur = (uint64_t)hi << 32 | lo;
    }
  }
  return NULL;
}

int main(void) {
  /* Where the host kernel traps split locks (and may slow them down
   * a lot), fewer rounds. */
  FILE *f = fopen("/proc/cpuinfo", "r");
  if (f) {
    char line[4096];
    while (fgets(line, sizeof(line), f))
      if (!strncmp(line, "flags", 5) && strstr(line, "split_lock_detect"))
        rounds = 200;
    fclose(f);
  }
  buf = mmap(NULL, 8 * 4096, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (buf == MAP_FAILED) return 1;
  *NOT64 = NOT_INIT;
  pthread_t t[THREADS];
  for (int i = 0; i < THREADS; i++) pthread_create(&t[i], NULL, worker, NULL);
  clock_gettime(CLOCK_MONOTONIC, &start);
  __atomic_store_n(&go, 1, __ATOMIC_RELEASE);
  for (int i = 0; i < THREADS; i++) pthread_join(t[i], NULL);
  long n = rounds * THREADS;
  printf("xadd64 %s\n", *XADD64 == (uint64_t)n ? "exact" : "LOST");
  printf("add32 %s\n", *ADD32 == (uint32_t)(2 * n) ? "exact" : "LOST");
  printf("inc16 %s\n", *INC16 == (uint16_t)n ? "exact" : "LOST");
  printf("cas64 %s\n", *CAS64 == (uint64_t)(3 * n) ? "exact" : "LOST");
  printf("spinlock %s\n", stuck ? "STUCK" : plain == n ? "exact" : "LOST");
  printf("misaligned xadd %s\n", *MIS64 == (uint64_t)(2 * n) ? "exact" : "LOST");
  printf("not64 %s\n", *NOT64 == (n % 2 ? ~NOT_INIT : NOT_INIT) ? "exact" : "LOST");
  printf("cmpxchg8b %s\n", *C8B == (uint64_t)(5 * n) ? "exact" : "LOST");
  return 0;
}
