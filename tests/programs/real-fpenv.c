/* real-fpenv: the corners of floating point that numeric code runs into
 * and emulators get wrong: exception flags after each operation (SSE
 * MXCSR and x87 status word, as fetestexcept reads both), MXCSR's
 * flush-to-zero and denormals-are-zero bits, NaN payload and sign
 * propagation (SSE keeps the first operand's NaN, x87 the larger
 * significand), the "integer indefinite" of out-of-range conversions,
 * signed zeros, and float<->double<->long double conversions of
 * subnormals in every rounding mode. Everything prints as bits. */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <xmmintrin.h>

static uint64_t bits(double d) {
  uint64_t u;
  memcpy(&u, &d, 8);
  return u;
}
static uint32_t fbits(float f) {
  uint32_t u;
  memcpy(&u, &f, 4);
  return u;
}
static double from(uint64_t u) {
  double d;
  memcpy(&d, &u, 8);
  return d;
}
static const char *flags(void) {
  static char s[8];
  int e = fetestexcept(FE_ALL_EXCEPT);
  snprintf(s, sizeof s, "%c%c%c%c%c", e & FE_INVALID ? 'I' : '-', e & FE_DIVBYZERO ? 'Z' : '-',
           e & FE_OVERFLOW ? 'O' : '-', e & FE_UNDERFLOW ? 'U' : '-', e & FE_INEXACT ? 'P' : '-');
  return s;
}

/* volatile: computed at run time, in the mode in force then. */
static volatile double vals[] = {0.0, -0.0, 1.0, -1.0, 3.0, 0.1, 1e308, -1e308, 2.2250738585072014e-308,
                                 4.9406564584124654e-324, 1.5e-310, INFINITY, -INFINITY, 0x1p-1022,
                                 0x1.fffffffffffffp+1023, 0x1p+63, -0x1p+63, 0x1p+31, 4294967296.5};
#define NV (sizeof vals / sizeof vals[0])

static void arith(const char *tag) {
  unsigned long long h = 0;
  for (size_t i = 0; i < NV; i++) {
    for (size_t j = 0; j < NV; j += 3) {
      double a = vals[i], b = vals[j];
      feclearexcept(FE_ALL_EXCEPT);
      volatile double r1 = a + b, r2 = a * b, r3 = a / b, r4 = a - b;
      h = h * 31 + (bits(r1) ^ bits(r2) * 3 ^ bits(r3) * 5 ^ bits(r4) * 7);
      h = h * 31 + (unsigned long long)fetestexcept(FE_ALL_EXCEPT);
    }
    feclearexcept(FE_ALL_EXCEPT);
    volatile double s = sqrt(vals[i]);
    volatile float f = (float)vals[i];
    printf("%s x=%a: sqrt %016llx float %08x [%s]\n", tag, vals[i], (unsigned long long)bits(s),
           fbits(f), flags());
  }
  printf("%s arithmetic hash %016llx\n", tag, h);
}

static void conversions(void) {
  for (size_t i = 0; i < NV; i++) {
    volatile double a = vals[i];
    feclearexcept(FE_ALL_EXCEPT);
    volatile int32_t i32 = (int32_t)a;
    const char *f1 = flags();
    char f1s[8];
    strcpy(f1s, f1);
    feclearexcept(FE_ALL_EXCEPT);
    volatile int64_t i64 = (int64_t)a;
    char f2s[8];
    strcpy(f2s, flags());
    feclearexcept(FE_ALL_EXCEPT);
    volatile long l = lrint(a);
    char f3s[8];
    strcpy(f3s, flags());
    printf("convert %a: (int32) %d [%s] (int64) %lld [%s] lrint %ld [%s]\n", a, i32, f1s,
           (long long)i64, f2s, l, f3s);
  }
  volatile double nan1 = from(0x7ff8000000000123ull), nan2 = from(0xfff8000000000456ull);
  volatile double snan = from(0x7ff0000000000789ull);
  feclearexcept(FE_ALL_EXCEPT);
  volatile double r1 = nan1 + nan2, r2 = nan2 + nan1, r3 = nan1 * 2, r4 = 2 - nan2;
  printf("nan add %016llx %016llx mul %016llx sub %016llx [%s]\n", (unsigned long long)bits(r1),
         (unsigned long long)bits(r2), (unsigned long long)bits(r3), (unsigned long long)bits(r4), flags());
  feclearexcept(FE_ALL_EXCEPT);
  volatile double r5 = snan + 1, r6 = 1 + snan, r7 = snan * nan1;
  printf("snan %016llx %016llx %016llx [%s]\n", (unsigned long long)bits(r5), (unsigned long long)bits(r6),
         (unsigned long long)bits(r7), flags());
  feclearexcept(FE_ALL_EXCEPT);
  volatile double inv1 = vals[11] - vals[11], inv2 = vals[0] / vals[1], inv3 = sqrt(-1.0 * vals[2]);
  printf("default nans %016llx %016llx %016llx [%s]\n", (unsigned long long)bits(inv1),
         (unsigned long long)bits(inv2), (unsigned long long)bits(inv3), flags());
  volatile float fn = (float)nan1, fs = (float)snan;
  printf("nan to float %08x snan to float %08x\n", fbits(fn), fbits(fs));
  feclearexcept(FE_ALL_EXCEPT);
  volatile int lt = nan1 < 1.0, eq = nan1 == nan1, un = isunordered(nan1, 1.0);
  printf("compare nan: < %d == %d unordered %d [%s]\n", lt, eq, un, flags());
  feclearexcept(FE_ALL_EXCEPT);
  volatile double mn = fmin(nan1, 2.0), mx = fmax(-0.0, 0.0);
  printf("fmin(nan, 2) %a fmax(-0, 0) %a [%s]\n", mn, mx, flags());
}

static void long_doubles(void) {
  volatile long double nan1 = __builtin_nanl("0x123"), big = 0x1p16000L, tiny = 0x1p-16400L;
  feclearexcept(FE_ALL_EXCEPT);
  volatile long double r = nan1 + 1.0L, p = big * big, q = tiny * tiny, d = 1.0L / (tiny - tiny);
  unsigned char b[10];
  memcpy(b, (const void *)&r, 10);
  printf("x87 nan+1 %02x%02x..%02x%02x, big*big %Lg, tiny*tiny %La, 1/0 %Lg [%s]\n", b[9], b[8], b[1],
         b[0], p, q, d, flags());
  static const int modes[] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO};
  for (int m = 0; m < 4; m++) {
    fesetround(modes[m]);
    feclearexcept(FE_ALL_EXCEPT);
    volatile long double x = 0x1.123456789abcdef0p-1030L, y = 0x1.fffffffffffffffep+1023L;
    volatile double dx = (double)x, dy = (double)y;
    volatile float fx = (float)(long double)(double)vals[9], fy = (float)y;
    printf("mode %d: ld->double %016llx %016llx float %08x %08x [%s]\n", m, (unsigned long long)bits(dx),
           (unsigned long long)bits(dy), fbits(fx), fbits(fy), flags());
  }
  fesetround(FE_TONEAREST);
}

int main(void) {
  arith("default");
  conversions();
  long_doubles();
  /* Flush-to-zero (MXCSR bit 15) and denormals-are-zero (bit 6). */
  unsigned csr = _mm_getcsr();
  _mm_setcsr(csr | 0x8000);
  arith("ftz");
  _mm_setcsr(csr | 0x0040);
  arith("daz");
  _mm_setcsr(csr | 0x8040);
  arith("ftz+daz");
  _mm_setcsr(csr);
  fesetround(FE_UPWARD);
  arith("upward");
  fesetround(FE_TONEAREST);
  printf("mxcsr at the end %08x\n", _mm_getcsr() & ~0x3fu);
  return 0;
}
