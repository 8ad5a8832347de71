/* ldouble: long double (x87) arithmetic: a series, a polynomial and
 * square roots, printed with all 64 mantissa bits. */
#include <math.h>
#include <stdio.h>
#include "bench.h"

int main(int argc, char **argv) {
  long n = bench_scale(argc, argv, 25000000);
  long double s = 0, p = 1, r = 0;
  for (long k = 1; k <= n; k++) {
    long double x = (long double)k;
    s += 1.0L / (x * x);
    p = p * 1.0000001L - 1e-9L * x;
    if ((k & 255) == 0) r += sqrtl(x);
  }
  printf("%.21Lg %.21Lg %.21Lg\n", s, p, r);
  return 0;
}
