/* ld-math: libm's long double functions over many arguments, printed to
 * the last bit (%.21Lg and %La). glibc's and musl's expl, logl, sinl, ...
 * are built from x87 instructions (f2xm1, fyl2x, fsin, fpatan, fprem,
 * fscale, frndint, fxtract) and 64-bit-significand arithmetic, so every
 * digit here checks that blink computes in real 80-bit extended
 * precision, as the host does; an emulator that keeps doubles in the
 * x87 registers prints different digits from about the 16th on. */
#include <math.h>
#include <stdio.h>

static unsigned long long seed = 0x2545f4914f6cdd1dull;
static unsigned long long next(void) {
  seed ^= seed << 13;
  seed ^= seed >> 7;
  seed ^= seed << 17;
  return seed;
}

/* A long double in [lo, hi) with all 64 significand bits random. */
static long double arg(long double lo, long double hi) {
  long double f = (long double)next() / 18446744073709551616.0L;
  return lo + (hi - lo) * f;
}

#define ONE(f, x) printf(#f "(%La) = %.21Lg %La\n", x, f(x), f(x))
#define TWO(f, x, y) \
  printf(#f "(%La, %La) = %.21Lg %La\n", x, y, f(x, y), f(x, y))

int main(void) {
  static const long double fixed[] = {0.0L, -0.0L, 0.5L, 1.0L, -1.0L, 2.0L,
                                      0.1L, 3.14159265358979323846264338L,
                                      1e-300L, 1e300L, 1e-4930L, 11356.0L};
  int n = (int)(sizeof(fixed) / sizeof(fixed[0]));
  for (int k = 0; k < n; ++k) {
    long double x = fixed[k];
    ONE(sqrtl, x); ONE(expl, x); ONE(exp2l, x); ONE(expm1l, x);
    ONE(logl, x); ONE(log2l, x); ONE(log10l, x); ONE(log1pl, x);
    ONE(sinl, x); ONE(cosl, x); ONE(tanl, x); ONE(atanl, x);
    ONE(cbrtl, x); ONE(rintl, x); ONE(floorl, x); ONE(ceill, x);
    ONE(truncl, x); ONE(roundl, x);
  }
  for (int k = 0; k < 40; ++k) {
    long double x = arg(-50, 50), y = arg(-20, 20), p = arg(0, 1000);
    ONE(expl, x); ONE(exp2l, x); ONE(expm1l, y / 64);
    ONE(logl, p); ONE(log2l, p); ONE(log10l, p); ONE(log1pl, p / 1e6L);
    ONE(sqrtl, p); ONE(cbrtl, x);
    ONE(sinl, x); ONE(cosl, x); ONE(tanl, y); ONE(atanl, x);
    ONE(asinl, y / 20); ONE(acosl, y / 20);
    ONE(sinhl, y); ONE(coshl, y); ONE(tanhl, y / 8);
    ONE(asinhl, x); ONE(atanhl, y / 21);
    TWO(powl, p, y); TWO(atan2l, x, y); TWO(hypotl, x, y);
    TWO(fmodl, x, y); TWO(remainderl, x, y);
    ONE(rintl, x); ONE(nearbyintl, y * 3);
    long double lg = lgammal(p / 10);
    printf("lgammal(%La) = %.21Lg\n", p / 10, lg);
    int e;
    long double m = frexpl(x, &e);
    printf("frexpl(%La) = %.21Lg %d ldexpl %La\n", x, m, e, ldexpl(m, e + 3));
    printf("logbl %La ilogbl %d scalbnl %La\n", logbl(p), ilogbl(p),
           scalbnl(x, (int)y * 100));
    ONE(erfl, y / 4); ONE(erfcl, y / 4); ONE(tgammal, y);
    printf("fmal %La nextafterl %La %La\n", fmal(x, y, p),
           nextafterl(x, y), nextafterl(p, 0));
    long double ip;
    int q;
    long double fr = modfl(x, &ip), rq = remquol(x, y, &q);
    printf("modfl %La %La remquol %La %d\n", fr, ip, rq, q & 7);
    printf("lroundl %ld llroundl %lld lrintl %ld fdiml %La fmaxl %La\n",
           lroundl(x * 1e6L), llroundl(y * 1e15L), lrintl(x * 3),
           fdiml(x, y), fmaxl(x, y));
  }
  /* Arguments where the x87 instructions themselves need care: fsin and
   * fptan near multiples of pi and beyond 2^63 (C2 set, the library
   * reduces), fprem with huge quotients, exp near overflow. */
  static const long double hard[] = {
      3.14159265358979323846264338L * 1e6L, 0x1p62L, 0x1p63L, 0x1p64L,
      1e30L, 1e4000L, 11356.52340629414394L, -11355.0L, 0x1.fffffffep-1L};
  for (int k = 0; k < (int)(sizeof(hard) / sizeof(hard[0])); ++k) {
    long double x = hard[k];
    ONE(sinl, x); ONE(cosl, x); ONE(tanl, x); ONE(expl, x);
    TWO(fmodl, x, 3.0L); TWO(remainderl, x, 0.7L);
  }
  return 0;
}
