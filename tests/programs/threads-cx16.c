/* threads-cx16: lock cmpxchg16b and lock cmpxchg8b are atomic across
 * threads. Four threads each add 1 to both halves of a 16-byte pair with
 * a cmpxchg16b loop (and to a 64-bit word split as edx:eax with a
 * cmpxchg8b loop) 200,000 times; a lost update shows as a total short
 * of 800,000 or halves that disagree. Also the failure path: a
 * cmpxchg16b whose comparison fails loads the current value and leaves
 * memory alone. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define THREADS 4
#define ROUNDS 200000

static struct {
  uint64_t lo, hi;
} pair __attribute__((aligned(16)));
static uint64_t word;

static int cx16(void *p, uint64_t *lo, uint64_t *hi, uint64_t nlo,
                uint64_t nhi) {
  unsigned char ok;
  __asm__ volatile("lock cmpxchg16b %1\n\tsetz %0"
                   : "=q"(ok), "+m"(*(__int128 *)p), "+a"(*lo), "+d"(*hi)
                   : "b"(nlo), "c"(nhi)
                   : "cc", "memory");
  return ok;
}

static int cx8(uint64_t *p, uint32_t *lo, uint32_t *hi, uint32_t nlo,
               uint32_t nhi) {
  unsigned char ok;
  __asm__ volatile("lock cmpxchg8b %1\n\tsetz %0"
                   : "=q"(ok), "+m"(*p), "+a"(*lo), "+d"(*hi)
                   : "b"(nlo), "c"(nhi)
                   : "cc", "memory");
  return ok;
}

static void *worker(void *arg) {
  long retries = 0;
  for (int k = 0; k < ROUNDS; ++k) {
    uint64_t lo = pair.lo, hi = pair.hi;
    while (!cx16(&pair, &lo, &hi, lo + 1, hi + 1)) ++retries;
    uint32_t wl = (uint32_t)word, wh = (uint32_t)(word >> 32);
    for (;;) {
      uint64_t v = ((uint64_t)wh << 32 | wl) + 0x100000001ull;
      if (cx8(&word, &wl, &wh, (uint32_t)v, (uint32_t)(v >> 32))) break;
      ++retries;
    }
  }
  return (void *)retries;
}

int main(void) {
  pthread_t t[THREADS];
  for (int k = 0; k < THREADS; ++k) pthread_create(&t[k], NULL, worker, NULL);
  for (int k = 0; k < THREADS; ++k) pthread_join(t[k], NULL);
  printf("cmpxchg16b: lo %llu hi %llu\n", (unsigned long long)pair.lo,
         (unsigned long long)pair.hi);
  printf("cmpxchg8b: lo %u hi %u\n", (unsigned)(uint32_t)word,
         (unsigned)(word >> 32));
  uint64_t lo = 1, hi = 2;
  int ok = cx16(&pair, &lo, &hi, 7, 7);
  printf("failing compare: ok %d loaded %llu %llu memory %llu %llu\n", ok,
         (unsigned long long)lo, (unsigned long long)hi,
         (unsigned long long)pair.lo, (unsigned long long)pair.hi);
  return 0;
}
