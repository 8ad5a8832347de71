/* printf-ldouble: long double arithmetic and printing. glibc prints long
 * double through the x87 unit with full 64-bit mantissas; an emulator
 * that computes in double precision gets the last digits wrong. */
#include <float.h>
#include <math.h>
#include <stdio.h>

int main(void) {
  long double vals[] = {
      0.0L, 1.0L, -1.0L, 0.1L, 1.0L / 3, 2.0L / 3, 3.14159265358979323846L,
      1e-4000L, 1e4000L, LDBL_MAX, LDBL_MIN, LDBL_EPSILON, 123456789.123456789L,
      18446744073709551615.0L, 9223372036854775807.0L, -0.5L,
  };
  int n = sizeof(vals) / sizeof(vals[0]);
  for (int k = 0; k < n; k++) {
    long double v = vals[k];
    printf("[%d] %Lf %Le %Lg %.25Lg %La\n", k, v, v, v, v, v);
    printf("  %.30Lf %.21Le\n", v, v);
  }
  /* Arithmetic that needs the 64-bit mantissa. */
  long double x = 1.0L;
  for (int k = 1; k <= 25; k++) {
    x = x * k;
    printf("%d! = %.0Lf\n", k, x);
  }
  long double s = 0;
  for (int k = 1; k <= 1000; k++) s += 1.0L / ((long double)k * k);
  printf("zeta2 ~ %.21Lf\n", s);
  long double r = sqrtl(2.0L);
  printf("sqrt2 = %.21Lf r*r-2 = %Le\n", r, r * r - 2);
  long double big = 1e18L;
  unsigned long long u = (unsigned long long)(big * 9.5L);
  long long i = (long long)(-big * 3.25L);
  printf("conv %llu %lld %Lf\n", u, i, (long double)u / 7);
  printf("cmp %d %d %d\n", 0.1L < 0.1, 0.1L > 0.1, (long double)0.1 == 0.1);
  return 0;
}
