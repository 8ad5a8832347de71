/* math: libm functions over ranges of arguments. sqrt and the rounding
 * functions are exact in IEEE arithmetic and print with all 17 digits.
 * The transcendental functions print 14: glibc picks their code at
 * start-up from CPUID (an FMA version on this host's CPU, an SSE2 one
 * where CPUID reports no FMA), and the two may differ in the last bit
 * while both are right. */
#include <math.h>
#include <stdio.h>

int main(void) {
  double h = 0;
  for (int k = -40; k <= 40; k++) {
    double x = k * 0.37;
    printf("%+.2f sqrt %.17g sin %.14g cos %.14g exp %.14g\n", x,
           sqrt(fabs(x)), sin(x), cos(x), exp(x));
    printf("      log %.14g pow %.14g atan2 %.14g tanh %.14g\n",
           log(fabs(x) + 1e-3), pow(fabs(x), 1.7), atan2(x, 1.5), tanh(x));
    h += floor(x) + ceil(x) + round(x) + trunc(x) + rint(x) + fmod(x, 1.3);
  }
  printf("rounding sum %.17g\n", h);
  for (int k = 0; k < 10; k++) {
    double x = pow(10.0, k * 30 - 150);
    printf("big/small %g: log10 %.14g cbrt %.14g hypot %.17g\n", x, log10(x),
           cbrt(x), hypot(x, 3.0));
  }
  float f = 0;
  for (int k = 1; k < 100; k++) f += sqrtf((float)k) * sinf((float)k);
  printf("float sum %.7g\n", f);
  int e;
  double m = frexp(1234.5678, &e);
  printf("frexp %.17g %d ldexp %.17g modf ", m, e, ldexp(m, e));
  double ip, fp = modf(-3.75, &ip);
  printf("%g %g\n", ip, fp);
  printf("lround %ld llrint %lld nearbyint %g\n", lround(-2.5), llrint(2.5),
         nearbyint(3.5));
  printf("nan checks %d %d %d\n", isnan(sqrt(-1.0)) != 0,
         isinf(log(0.0)) != 0, isnan(0.0 / 0.0) != 0);
  printf("fma %.17g copysign %g nextafter %.17g\n", fma(1.1, 2.2, 3.3),
         copysign(2.0, -0.0), nextafter(1.0, 2.0));
  return 0;
}
