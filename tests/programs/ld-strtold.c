/* ld-strtold: decimal <-> 80-bit conversions both ways. strtold and the
 * %Lg/%La printers of glibc and musl run on x87 arithmetic (musl's
 * strtold multiplies and adds long doubles, glibc's printf converts the
 * 64-bit significand); every output digit must match the native run. */
#include <stdio.h>
#include <stdlib.h>

static unsigned long long seed = 0x9e3779b97f4a7c15ull;
static unsigned long long next(void) {
  seed ^= seed << 13;
  seed ^= seed >> 7;
  seed ^= seed << 17;
  return seed;
}

int main(void) {
  static const char *strs[] = {
      "0", "-0", "1", "0.1", "0.3333333333333333333333333333",
      "3.14159265358979323846264338327950288",
      "2.71828182845904523536028747135266250",
      "1e4932", "1.18973149535723176502e+4932", "1.18973149535723176508e+4932",
      "3.36210314311209350626e-4932", "3.6451995318824746025e-4951",
      "1e-4951", "1e-4952", "4e-4951", "1e5000", "-1e-5000",
      "18446744073709551615", "18446744073709551616", "18446744073709551617",
      "9223372036854775807.5", "0x1.fffffffffffffffep+16383",
      "0x1p-16445", "0x1.23456789abcdefp-16400", "123456789012345678901234567890",
      "1.00000000000000000005421010862427522", "nan", "-inf", "infinity",
      "0.000000000000000000000000000000000000001234567890123456789",
  };
  for (unsigned k = 0; k < sizeof(strs) / sizeof(strs[0]); ++k) {
    long double v = strtold(strs[k], 0);
    printf("%s -> %.21Lg %La %.30Le\n", strs[k], v, v, v);
  }
  char buf[128];
  for (int k = 0; k < 120; ++k) {
    /* random decimal strings of 1-25 significant digits, exponents mostly
     * moderate and now and then across the whole range (the big ones are
     * slow to convert: musl's strtold takes bignum steps per digit) */
    int nd = 1 + (int)(next() % 25), n = 0;
    int e = k % 16 ? (int)(next() % 80) - 40 : (int)(next() % 9800) - 4900;
    if (next() & 1) buf[n++] = '-';
    for (int d = 0; d < nd; ++d) {
      buf[n++] = (char)('0' + next() % 10);
      if (d == 0) buf[n++] = '.';
    }
    n += snprintf(buf + n, sizeof(buf) - (size_t)n, "e%d", e);
    long double v = strtold(buf, 0);
    char back[64];
    snprintf(back, sizeof(back), "%.21Lg", v);
    long double w = strtold(back, 0);
    printf("%s -> %s %La%s\n", buf, back, v, v == w ? "" : " (no round trip)");
  }
  for (int k = 0; k < 60; ++k) {
    /* random bit patterns printed exactly, magnitudes up to 2^100 (%Lf
     * of a huge value prints thousands of digits, slowly) */
    union { long double v; struct { unsigned long long m; unsigned short se; } b; } u;
    u.v = 0;
    u.b.m = next() | 1ull << 63;
    u.b.se = (unsigned short)(0x3fff - 100 + next() % 200);
    if (next() & 1) u.b.se |= 0x8000;
    printf("%La = %.40Lg = %.30Lf\n", u.v, u.v, u.v);
  }
  return 0;
}
