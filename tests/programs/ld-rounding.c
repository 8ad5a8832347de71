/* ld-rounding: long double arithmetic under each rounding mode and x87
 * precision control. fesetround writes the x87 control word's RC field
 * (and MXCSR); fldcw here sets the precision control to 24, 53 or 64
 * bits: blink runs each guest instruction with the guest's control word,
 * so the last bits must come out as they do natively. */
#include <fenv.h>
#include <math.h>
#include <stdio.h>

static unsigned long long seed = 0x1234567887654321ull;
static unsigned long long next(void) {
  seed ^= seed << 13;
  seed ^= seed >> 7;
  seed ^= seed << 17;
  return seed;
}

static long double rnd(void) {
  long double f = (long double)next() / 18446744073709551616.0L;
  return (next() & 1 ? -1 : 1) * f * (long double)(1 + next() % 1000);
}

/* volatile so the compiler computes at run time, under the mode set. */
static volatile long double va, vb;

/* musl has no <fpu_control.h>: the control word by hand. */
static unsigned short getcw(void) {
  unsigned short cw;
  __asm__ volatile("fnstcw %0" : "=m"(cw));
  return cw;
}
static void setcw(unsigned short cw) { __asm__ volatile("fldcw %0" : : "m"(cw)); }

static void ops(const char *tag) {
  long double a = va, b = vb;
  printf("%s %La %La: %La %La %La %La %La %.21Lg\n", tag, a, b, a + b, a - b,
         a * b, a / b, sqrtl(a < 0 ? -a : a), a / 3);
  printf("  rint %La nearbyint %La lrint %ld llrint %lld (int)%d\n",
         rintl(a * 7), nearbyintl(b * 7), lrintl(a * 1e5L), llrintl(b * 1e17L),
         (int)(a * 11));
  double d = (double)(a / b);
  float f = (float)(a * b);
  printf("  to double %a to float %a\n", d, (double)f);
}

int main(void) {
  static const int modes[] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD,
                              FE_TOWARDZERO};
  static const char *names[] = {"nearest", "down", "up", "zero"};
  static const unsigned short pcs[] = {0x300, 0x200, 0x000};
  static const char *pnames[] = {"64", "53", "24"};
  unsigned short cw0 = getcw();
  for (int t = 0; t < 30; ++t) {
    va = rnd(), vb = rnd();
    if (t == 0) va = 1, vb = 3;
    if (t == 1) va = 0x1p-16382L, vb = 0x1.8p+1L;
    if (t == 2) va = 0x1.fffffffffffffffep+16383L, vb = 0x1p-2L;
    for (int p = 0; p < 3; ++p) {
      for (int r = 0; r < 4; ++r) {
        fesetround(modes[r]);
        setcw((unsigned short)((getcw() & ~0x300) | pcs[p]));
        char tag[32];
        snprintf(tag, sizeof(tag), "pc%s %s", pnames[p], names[r]);
        ops(tag);
      }
    }
    setcw(cw0);
    fesetround(FE_TONEAREST);
  }
  /* The sticky exception flags, as fetestexcept reads them (fnstsw). */
  static const char *ex[] = {"inexact", "divbyzero", "underflow",
                             "overflow", "invalid"};
  static const int exv[] = {FE_INEXACT, FE_DIVBYZERO, FE_UNDERFLOW,
                            FE_OVERFLOW, FE_INVALID};
  volatile long double z = 0, one = 1, big = 0x1p16383L, tiny = 0x1p-16382L;
  long double results[6];
  for (int k = 0; k < 6; ++k) {
    feclearexcept(FE_ALL_EXCEPT);
    switch (k) {
      case 0: results[k] = one / 3; break;
      case 1: results[k] = one / z; break;
      case 2: results[k] = tiny / 3; break;
      case 3: results[k] = big * 2; break;
      case 4: results[k] = z / z; break;
      default: results[k] = sqrtl(-one); break;
    }
    printf("case %d = %La:", k, results[k]);
    for (int e = 0; e < 5; ++e)
      if (fetestexcept(exv[e])) printf(" %s", ex[e]);
    printf("\n");
  }
  return 0;
}
