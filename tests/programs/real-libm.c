/* real-libm: glibc's double and float libm over special and random
 * arguments, every result to the bit (%a), plus the floating-point
 * exception flags each function raised. run-tests.sh has the native
 * run ignore the CPU features blink doesn't offer (FMA, AVX2), so both
 * sides run the same libm code; a difference is then an instruction
 * computing a different bit (a rounding, a flag, a NaN's sign or a
 * conversion). Per function: a few values in full, then a hash of all. */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static uint64_t hash;
static void mixu(uint64_t u) {
  hash ^= u;
  hash *= 0x100000001b3ull;
  hash ^= hash >> 29;
}
static void mixd(double d) {
  uint64_t u;
  memcpy(&u, &d, 8);
  mixu(u);
}
static void mixf(float f) {
  uint32_t u;
  memcpy(&u, &f, 4);
  mixu(u);
}

#define NARGS 160
static double args[NARGS];
static float fargs[NARGS];

static void make_args(void) {
  static const double special[] = {
      0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, 3.0, 10.0, 0.1, -0.1,
      M_PI, -M_PI, M_PI / 2, M_PI / 4, 1e-310, -4.9e-324, 2.2250738585072014e-308,
      1e-20, 1e20, 1e300, -1e300, 710.0, -745.0, 709.78, 88.7, 1e15 + 0.5,
      DBL_MAX, -DBL_MAX, INFINITY, -INFINITY, NAN, 0.9999999999999999,
      1.0000000000000002, 6.0221e23, 1e-5, 100.25, -7.75, 4503599627370495.5,
      2.5, 3.5, -2.5, 1e6 + 0.5, 123456.789};
  int n = (int)(sizeof(special) / sizeof(special[0]));
  for (int i = 0; i < NARGS; i++) {
    if (i < n) {
      args[i] = special[i];
    } else if (i % 3 == 0) {
      /* Any bit pattern that isn't a NaN: all exponents. */
      uint64_t u = next();
      double d;
      memcpy(&d, &u, 8);
      args[i] = isnan(d) ? (double)(u >> 40) : d;
    } else {
      /* The ranges that matter most: |x| up to about 2^12. */
      int e = (int)(next() % 26) - 13;
      double m = (double)(next() >> 11) / 9007199254740992.0;
      args[i] = ldexp(m, e) * ((next() & 1) ? -1 : 1) * 8;
    }
    fargs[i] = (float)args[i];
  }
}

/* Which flags the function raised: 5 bits. */
static int flags(void) {
  int e = fetestexcept(FE_ALL_EXCEPT);
  return (e & FE_INVALID ? 1 : 0) | (e & FE_DIVBYZERO ? 2 : 0) |
         (e & FE_OVERFLOW ? 4 : 0) | (e & FE_UNDERFLOW ? 8 : 0) |
         (e & FE_INEXACT ? 16 : 0);
}

typedef double (*fn1)(double);
typedef double (*fn2)(double, double);
typedef float (*ff1)(float);
typedef float (*ff2)(float, float);

static void run1(const char *name, fn1 f) {
  hash = 0xcbf29ce484222325ull;
  for (int i = 0; i < NARGS; i++) {
    feclearexcept(FE_ALL_EXCEPT);
    volatile double r = f(args[i]);
    int fl = flags();
    mixd(r);
    mixu((uint64_t)fl);
    if (i % 40 == 7) printf("%s(%a) = %a [%d]\n", name, args[i], r, fl);
  }
  printf("%-10s %016llx\n", name, (unsigned long long)hash);
}

static void run2(const char *name, fn2 f) {
  hash = 0xcbf29ce484222325ull;
  for (int i = 0; i < NARGS; i++) {
    double y = args[(i * 7 + 3) % NARGS];
    feclearexcept(FE_ALL_EXCEPT);
    volatile double r = f(args[i], y);
    int fl = flags();
    mixd(r);
    mixu((uint64_t)fl);
    if (i % 40 == 11) printf("%s(%a, %a) = %a [%d]\n", name, args[i], y, r, fl);
  }
  printf("%-10s %016llx\n", name, (unsigned long long)hash);
}

static void runf1(const char *name, ff1 f) {
  hash = 0xcbf29ce484222325ull;
  for (int i = 0; i < NARGS; i++) {
    feclearexcept(FE_ALL_EXCEPT);
    volatile float r = f(fargs[i]);
    int fl = flags();
    mixf(r);
    mixu((uint64_t)fl);
    if (i % 40 == 9) printf("%s(%a) = %a [%d]\n", name, fargs[i], r, fl);
  }
  printf("%-10s %016llx\n", name, (unsigned long long)hash);
}

static void runf2(const char *name, ff2 f) {
  hash = 0xcbf29ce484222325ull;
  for (int i = 0; i < NARGS; i++) {
    float y = fargs[(i * 5 + 1) % NARGS];
    feclearexcept(FE_ALL_EXCEPT);
    volatile float r = f(fargs[i], y);
    int fl = flags();
    mixf(r);
    mixu((uint64_t)fl);
    if (i % 40 == 13) printf("%s(%a, %a) = %a [%d]\n", name, fargs[i], y, r, fl);
  }
  printf("%-10s %016llx\n", name, (unsigned long long)hash);
}

/* Wrappers for the functions that don't fit fn1/fn2. */
static double w_lgamma(double x) { return lgamma(x) + signgam * 0.0 + (signgam < 0 ? -0.0 : 0.0); }
static double w_signgam(double x) { lgamma(x); return signgam; }
static double w_frexp(double x) { int e; double m = frexp(x, &e); return m + e * 1024.0; }
static double w_modf(double x) { double ip; double f = modf(x, &ip); return f * 3 + ip; }
static double w_ilogb(double x) { return ilogb(x); }
static double w_lrint(double x) { return (double)lrint(x); }
static double w_llround(double x) { return (double)llround(x); }
static double w_ldexp(double x, double y) { return ldexp(x, (int)fmod(y, 2100.0)); }
static double w_scalbn(double x, double y) { return scalbn(x, (int)fmod(y, 60.0)); }
static double w_remquo(double x, double y) { int q; double r = remquo(x, y, &q); return r + (q & 7) * 1e-3; }
static double w_fma(double x, double y) { return fma(x, y, x * 0.25 - y); }
static double w_nexttoward(double x, double y) { return nexttoward(x, (long double)y); }
static double w_jn(double x) { return jn(3, x); }
static double w_yn(double x) { return yn(2, fabs(x)); }
static double w_sincos(double x) { double s, c; sincos(x, &s, &c); return s - 2 * c; }
static double w_exp10(double x) { return exp10(x); }
static float w_fmaf(float x, float y) { return fmaf(x, y, -x); }
static float w_lgammaf(float x) { return lgammaf(x); }

int main(void) {
  make_args();
  run1("sin", sin); run1("cos", cos); run1("tan", tan);
  run1("asin", asin); run1("acos", acos); run1("atan", atan);
  run1("sinh", sinh); run1("cosh", cosh); run1("tanh", tanh);
  run1("asinh", asinh); run1("acosh", acosh); run1("atanh", atanh);
  run1("exp", exp); run1("exp2", exp2); run1("expm1", expm1);
  run1("exp10", w_exp10); run1("log", log); run1("log2", log2);
  run1("log10", log10); run1("log1p", log1p); run1("cbrt", cbrt);
  run1("sqrt", sqrt); run1("erf", erf); run1("erfc", erfc);
  run1("lgamma", w_lgamma); run1("signgam", w_signgam); run1("tgamma", tgamma);
  run1("j0", j0); run1("j1", j1); run1("y0", y0); run1("y1", y1);
  run1("jn", w_jn); run1("yn", w_yn); run1("sincos", w_sincos);
  run1("floor", floor); run1("ceil", ceil); run1("round", round);
  run1("trunc", trunc); run1("rint", rint); run1("nearbyint", nearbyint);
  run1("lrint", w_lrint); run1("llround", w_llround); run1("logb", logb);
  run1("ilogb", w_ilogb); run1("frexp", w_frexp); run1("modf", w_modf);
  run1("fabs", fabs);
  run2("atan2", atan2); run2("pow", pow); run2("hypot", hypot);
  run2("fmod", fmod); run2("remainder", remainder); run2("remquo", w_remquo);
  run2("fdim", fdim); run2("fmin", fmin); run2("fmax", fmax);
  run2("copysign", copysign); run2("nextafter", nextafter);
  run2("nexttoward", w_nexttoward); run2("fma", w_fma);
  run2("ldexp", w_ldexp); run2("scalbn", w_scalbn);
  runf1("sinf", sinf); runf1("cosf", cosf); runf1("tanf", tanf);
  runf1("expf", expf); runf1("exp2f", exp2f); runf1("logf", logf);
  runf1("log2f", log2f); runf1("cbrtf", cbrtf); runf1("sqrtf", sqrtf);
  runf1("atanf", atanf); runf1("asinf", asinf); runf1("erff", erff);
  runf1("tanhf", tanhf); runf1("lgammaf", w_lgammaf); runf1("expm1f", expm1f);
  runf1("log1pf", log1pf); runf1("rintf", rintf); runf1("floorf", floorf);
  runf2("powf", powf); runf2("atan2f", atan2f); runf2("hypotf", hypotf);
  runf2("fmodf", fmodf); runf2("fmaf", w_fmaf);

  /* The rounding functions and basic arithmetic in every rounding mode. */
  static const int modes[] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO};
  static const char *mname[] = {"nearest", "down", "up", "zero"};
  for (int m = 0; m < 4; m++) {
    fesetround(modes[m]);
    hash = 0xcbf29ce484222325ull;
    for (int i = 0; i < NARGS; i++) {
      volatile double x = args[i], y = args[(i * 11 + 5) % NARGS];
      feclearexcept(FE_ALL_EXCEPT);
      mixd(rint(x)); mixd(nearbyint(x)); mixu((uint64_t)llrint(x));
      mixd(x + y); mixd(x - y); mixd(x * y); mixd(x / y); mixd(sqrt(fabs(x)));
      mixf((float)x); mixf((float)x * (float)y); mixd((double)(int64_t)(x * 1e-3 > 9e18 || x * 1e-3 < -9e18 ? 0 : x * 1e-3));
      mixd(exp(x * 1e-2)); mixd(log(fabs(x) + 1)); mixd(sin(x)); mixd(pow(fabs(x), 0.3));
      mixu((uint64_t)flags());
    }
    printf("round %-7s %016llx %a %a %a\n", mname[m], (unsigned long long)hash,
           1.0 / 3.0 * (volatile double){1.0}, (volatile double){2.0} / 3.0,
           (double)(float)(volatile double){0.1});
  }
  fesetround(FE_TONEAREST);
  return 0;
}
