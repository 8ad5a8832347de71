/* intloop: integer arithmetic in registers: a xorshift generator, a hash
 * mix with multiplies, shifts and rotates, and a few divisions. */
#include <stdint.h>
#include <stdio.h>
#include "bench.h"

int main(int argc, char **argv) {
  long n = bench_scale(argc, argv, 50000000);
  uint64_t x = 88172645463325252ull, h = 0;
  uint32_t d = 0;
  for (long i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    h = (h ^ x) * 0x9e3779b97f4a7c15ull;
    h = (h << 23) | (h >> 41);
    if ((i & 1023) == 0) d += (uint32_t)(x % 1000003u);
  }
  printf("%016llx %u\n", (unsigned long long)h, d);
  return 0;
}
