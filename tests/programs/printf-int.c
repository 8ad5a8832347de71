/* printf-int: integer formatting of every width, sign and base.
 * Exercises libc's number conversion (div/mul by constants, shifts,
 * branchy digit loops) on values at the edges of each type. */
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

static const long long vals[] = {
    0, 1, -1, 7, -7, 9, 10, 99, 100, 127, -128, 128, 255, 256, 1000,
    32767, -32768, 65535, 65536, 2147483647LL, -2147483647LL - 1,
    4294967295LL, 4294967296LL, 123456789012LL, -987654321098LL,
    LLONG_MAX, LLONG_MIN, LLONG_MAX / 3, 0x0123456789abcdefLL,
};

int main(void) {
  size_t n = sizeof(vals) / sizeof(vals[0]);
  for (size_t k = 0; k < n; k++) {
    long long v = vals[k];
    printf("[%d] %d %i %u %x %X %o %#x %#o\n", (int)k, (int)v, (int)v,
           (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v,
           (unsigned)v);
    printf("  hh: %hhd %hhu %hhx  h: %hd %hu %hx\n", (signed char)v,
           (unsigned char)v, (unsigned char)v, (short)v, (unsigned short)v,
           (unsigned short)v);
    printf("  l: %ld %lu %lx %lo  ll: %lld %llu %llx %llX %llo\n", (long)v,
           (unsigned long)v, (unsigned long)v, (unsigned long)v, v,
           (unsigned long long)v, (unsigned long long)v,
           (unsigned long long)v, (unsigned long long)v);
    printf("  z: %zu %zd %zx  j: %jd %ju  t: %td\n", (size_t)v, (ssize_t)v,
           (size_t)v, (intmax_t)v, (uintmax_t)v, (ptrdiff_t)v);
    printf("  w: [%5d] [%-5d] [%05d] [%+d] [% d] [%.3d] [%8.4d] [%-+8d]\n",
           (int)v, (int)v, (int)v, (int)v, (int)v, (int)v, (int)v, (int)v);
    printf("  W: [%20lld] [%-20lld] [%020lld] [%+lld] [%.25lld] [%#22llx] "
           "[%#24llo]\n",
           v, v, v, v, v, (unsigned long long)v, (unsigned long long)v);
    printf("  *: [%*d] [%-*d] [%.*d]\n", 12, (int)v, 12, (int)v, 7, (int)v);
    printf("  PRI: %" PRId64 " %" PRIu32 " %" PRIx16 " %" PRIo8 "\n",
           (int64_t)v, (uint32_t)v, (uint16_t)v, (uint8_t)v);
  }
  printf("%c%c%c %5c|%-5c| %s %10s %-10s| %.2s %%\n", 'a', 'B', '0', 'x', 'y',
         "str", "right", "left", "truncate");
  int count = 0;
  printf("count%n\n", &count);
  printf("n=%d\n", count);
  return 0;
}
