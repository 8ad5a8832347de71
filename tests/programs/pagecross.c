/* pagecross: unaligned loads and stores of every size that straddle a
 * page boundary (both pages mapped, the second mapped separately), then
 * a store straddling into an unmapped page, which must fault: SIGSEGV.
 *@status 139
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <emmintrin.h>

#define PG 4096

int main(void) {
  unsigned char *p = mmap(0, 3 * PG, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return 1;
  /* Replace the second page by a separate mapping, so the two halves of
   * an access come from different mappings. */
  if (mmap(p + PG, PG, PROT_READ | PROT_WRITE,
           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
    return 1;
  for (int k = 0; k < 2 * PG; k++) p[k] = (unsigned char)(k * 7 + 3);
  unsigned long h = 0;
  for (int off = 1; off < 16; off++) {
    volatile unsigned char *q = p + PG - off;
    uint16_t w;
    uint32_t d;
    uint64_t x;
    memcpy(&w, (void *)q, 2);
    memcpy(&d, (void *)q, 4);
    memcpy(&x, (void *)q, 8);
    __m128i v = _mm_loadu_si128((const __m128i *)q);
    uint64_t lo = (uint64_t)_mm_cvtsi128_si64(v);
    uint64_t hi = (uint64_t)_mm_cvtsi128_si64(_mm_srli_si128(v, 8));
    printf("off %2d: %04x %08x %016llx %016llx%016llx\n", off, w, d,
           (unsigned long long)x, (unsigned long long)hi,
           (unsigned long long)lo);
    /* Stores across the boundary, read back byte by byte. */
    x = 0x1122334455667788ull * off;
    memcpy((void *)q, &x, 8);
    _mm_storeu_si128((__m128i *)(p + PG - off - 4),
                     _mm_set_epi32(off, -off, off * 3, 0x7f7f7f7f));
    for (int k = -8; k < 24; k++) h = h * 31 + q[k];
  }
  printf("hash %lx\n", h);
  /* Unmap the third page; a store that straddles into it must fault
   * (and the part in the mapped page may or may not be written). */
  munmap(p + 2 * PG, PG);
  printf("about to fault\n");
  fflush(stdout);
  uint64_t x = 42;
  memcpy((void *)(p + 2 * PG - 3), &x, 8);
  __asm__ volatile("" ::: "memory");
  printf("not reached %d\n", p[2 * PG - 3]);
  return 0;
}
