/* memcopy: moving memory: memcpy and memmove of blocks of many sizes,
 * memset, and a byte loop the compiler vectorizes with SSE2 (the xor
 * keeps gcc from turning it into a memcpy call). */
#include <stdio.h>
#include <string.h>
#include "bench.h"

static unsigned char a[1 << 20], b[1 << 20];

int main(int argc, char **argv) {
  long n = bench_scale(argc, argv, 1000);
  unsigned long sum = 0;
  for (size_t k = 0; k < sizeof a; k++) a[k] = (unsigned char)(k * 31 + 7);
  for (long r = 0; r < n; r++) {
    memcpy(b, a, sizeof a);
    for (size_t s = 1; s < 65536; s = s * 2 + 1)
      memmove(b + (r % 64), b + s % 4096, s);
    memset(a + (r % 4096), (int)r, 100000);
    for (size_t k = 0; k < 200000; k++) a[k + 300000] = b[k + 17] ^ 0x5a;
    sum += b[r % sizeof b] + a[(r * 7919) % sizeof a];
  }
  printf("%lu\n", sum);
  return 0;
}
