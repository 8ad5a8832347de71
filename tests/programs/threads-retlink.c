/* threads-retlink.c: two threads return from the same function to two
 * different callers on the same page, hundreds of thousands of times at
 * once.
 *
 * The dispatch loop links a record to the last other successor it saw
 * (Insn.alt, with its address in alt_rip): here the shared `ret`'s link
 * flips between the two return addresses with every return, written by
 * both threads without a lock. A thread that read alt from one thread's
 * link and alt_rip from the other's ran the other caller's instruction
 * at its own return address (seen as a rare extra SIGSEGV of two
 * threads faulting in a loop: siglongjmp's return from sigprocmask ran
 * __sigjmp_save's). The sums come out wrong, or the program crashes. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

/* One small page-aligned section: the callee and both callers share a
 * page (links never cross pages). */
#define SHARED __attribute__((noipa, section(".text.retlink")))

SHARED __attribute__((aligned(4096))) long leaf(long x) { return x + 1; }

SHARED long site_a(long n) {
  long s = 0;
  for (long k = 0; k < n; ++k) s += leaf(k) * 3;
  return s;
}

SHARED long site_b(long n) {
  long s = 0;
  for (long k = 0; k < n; ++k) s ^= leaf(k) << 1;
  return s;
}

enum { N = 2000000, ROUNDS = 6 };

static void *run_a(void *arg) { return (void *)(intptr_t)site_a((long)(intptr_t)arg); }
static void *run_b(void *arg) { return (void *)(intptr_t)site_b((long)(intptr_t)arg); }

int main(void) {
  long bad = 0;
  for (int r = 0; r < ROUNDS; ++r) {
    pthread_t a, b;
    void *ra, *rb;
    long n = N + r;
    pthread_create(&a, NULL, run_a, (void *)(intptr_t)n);
    pthread_create(&b, NULL, run_b, (void *)(intptr_t)n);
    pthread_join(a, &ra);
    pthread_join(b, &rb);
    long wa = 0, wb = 0;
    for (long k = 0; k < n; ++k) wa += (k + 1) * 3, wb ^= (k + 1) << 1;
    if ((long)(intptr_t)ra != wa || (long)(intptr_t)rb != wb) {
      printf("round %d: %ld %ld, want %ld %ld\n", r, (long)(intptr_t)ra,
             (long)(intptr_t)rb, wa, wb);
      ++bad;
    }
  }
  printf("%d rounds of %d returns per thread: %ld wrong\n", ROUNDS, N, bad);
  return 0;
}
