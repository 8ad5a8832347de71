/* fenv: floating point environment: rounding modes (fesetround, which
 * sets both MXCSR and the x87 control word), exception flags raised by
 * SSE arithmetic and conversions, conversions of out-of-range values to
 * integers (the "integer indefinite" 0x80000000...), and float/double
 * conversions of denormals, infinities and NaNs. */
#include <fenv.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static volatile double vd;
static volatile float vf;

static void flags(const char *what) {
  int e = fetestexcept(FE_ALL_EXCEPT);
  printf("%-28s %s%s%s%s%s\n", what, e & FE_INVALID ? " invalid" : "",
         e & FE_DIVBYZERO ? " divbyzero" : "", e & FE_OVERFLOW ? " overflow" : "",
         e & FE_UNDERFLOW ? " underflow" : "", e & FE_INEXACT ? " inexact" : "");
  feclearexcept(FE_ALL_EXCEPT);
}

static uint64_t bits(double d) {
  uint64_t u;
  memcpy(&u, &d, 8);
  return u;
}

int main(void) {
  static const int modes[] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO};
  static const char *names[] = {"nearest", "down", "up", "zero"};
  for (int m = 0; m < 4; m++) {
    fesetround(modes[m]);
    vd = 1.0;
    double third = vd / 3.0;
    vd = -1.0;
    double mthird = vd / 3.0;
    vd = 2.5;
    printf("%-8s 1/3=%016llx -1/3=%016llx rint(2.5)=%g rint(-2.5)=%g "
           "nearbyint(3.5)=%g lrint(-0.5)=%ld (float)0.1=%a sqrt2=%016llx\n",
           names[m], (unsigned long long)bits(third),
           (unsigned long long)bits(mthird), rint(vd), rint(-vd),
           nearbyint(vd + 1), lrint(-0.5 + vd * 0), (double)(float)(vd * 0 + 0.1),
           (unsigned long long)bits(sqrt(vd * 0 + 2.0)));
    long double x = 1.0L;
    x /= 3;
    printf("         long double 1/3 = %.25Lg\n", x);
  }
  fesetround(FE_TONEAREST);
  printf("round mode back: %d\n", fegetround() == FE_TONEAREST);

  feclearexcept(FE_ALL_EXCEPT);
  vd = 1.0;
  vd = vd / 3.0;
  flags("1/3");
  vd = 0.0;
  vd = 1.0 / vd;
  flags("1/0");
  vd = 0.0;
  vd = vd / vd;
  flags("0/0");
  vd = DBL_MAX;
  vd = vd * 2;
  flags("DBL_MAX*2");
  vd = DBL_MIN;
  vd = vd / 3;
  flags("DBL_MIN/3");
  vd = -1;
  vd = sqrt(vd);
  flags("sqrt(-1)");
  vd = 1e300;
  vf = (float)vd;
  flags("(float)1e300");
  vd = 2.0;
  vd = vd * 4;
  flags("2*4 (exact)");

  /* Out-of-range conversions give the integer indefinite value. */
  static const double big[] = {1e30, -1e30, 3e9, -3e9, 2147483648.0, -2147483649.0,
                               9.3e18, NAN, INFINITY, -0.9, 0.9};
  for (int k = 0; k < 11; k++) {
    vd = big[k];
    int i = (int)vd;
    long l = (long)vd;
    printf("%-12g -> int %d long %ld\n", vd, i, l);
    feclearexcept(FE_ALL_EXCEPT);
  }
  vd = 4e9;
  unsigned u = (unsigned)vd;
  vd = 1.8e19;
  unsigned long ul = (unsigned long)vd;
  printf("unsigned %u %lu\n", u, ul);

  /* float <-> double edge values. */
  static const double dv[] = {1e-40, 1e-46, 3.4028235677973366e38, 3.5e38, -0.0,
                              1.0000000596046448, 1.0000000596046449};
  for (int k = 0; k < 7; k++) {
    vf = (float)dv[k];
    printf("(float)%.17g = %a\n", dv[k], (double)vf);
  }
  vf = NAN;
  vd = vf;
  printf("nan float->double bits %016llx\n", (unsigned long long)bits(vd));
  vd = -NAN;
  printf("-nan bits %016llx signbit %d\n", (unsigned long long)bits(vd),
         signbit(vd) != 0);
  vd = 0.0;
  printf("0*-inf bits %016llx\n", (unsigned long long)bits(vd * -INFINITY));
  return 0;
}
