/* strings: libc's string functions on strings of up to 127 bytes:
 * strlen, strchr, memchr, strcpy, strcmp, memcmp and strstr. */
#include <stdio.h>
#include <string.h>
#include "bench.h"

static char text[1 << 16];
static char copy[256];

int main(int argc, char **argv) {
  long n = bench_scale(argc, argv, 900);
  for (size_t k = 0; k < sizeof text; k++)
    text[k] = (k % 128 == 127) ? 0 : 'a' + (k * 7 + k / 13) % 26;
  text[sizeof text - 1] = 0;
  unsigned long sum = 0;
  for (long r = 0; r < n; r++) {
    for (size_t off = r % 7; off < 60000; off += 13) {
      char *s = text + off;
      size_t len = strlen(s);
      sum += len;
      char *p = strchr(s, 'z' - r % 5);
      sum += p ? (size_t)(p - s) : 0;
      p = memchr(s, 'q', len);
      sum += p ? (size_t)(p - s) : 0;
      strcpy(copy, s);
      sum += strcmp(copy, s) == 0;
      sum += memcmp(copy, s, len) == 0;
    }
    char *q = strstr(text + r % 100, "zyx");
    sum += q ? (size_t)(q - text) : 1;
  }
  printf("%lu\n", sum);
  return 0;
}
