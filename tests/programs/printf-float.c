/* printf-float: double formatting (%f %e %g %a) with precisions, flags
 * and the special values. Exercises SSE2 arithmetic, conversions between
 * integers and doubles, and libc's big-number printing code. */
#include <float.h>
#include <math.h>
#include <stdio.h>

static const double vals[] = {
    0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 3.14159265358979,
    2.718281828459045, 1e-5, 1e-300, 1e300, 123456.789, -98765.4321, 1e15,
    1e16, 1e17, 9007199254740993.0, 0.000123456, 5e-324, DBL_MIN, DBL_MAX,
    DBL_EPSILON, 1.5, 2.5, -2.5, 0.125, 100.0, 1e22, 1e23, 4.35, 0.045,
};

int main(void) {
  int n = sizeof(vals) / sizeof(vals[0]);
  for (int k = 0; k < n; k++) {
    double v = vals[k];
    printf("[%d] %f %e %g %a\n", k, v, v, v, v);
    printf("  %.0f %.1f %.3f %.10f %.17g %.20e\n", v, v, v, v, v, v);
    printf("  [%12.4f] [%-12.4e] [%+g] [% g] [%#g] [%012.3f] [%G] [%E] [%A]\n",
           v, v, v, v, v, v, v, v, v);
    printf("  %.0e %.0g %#.0f %.3a %.30f\n", v, v, v, v, v);
    float f = (float)v;
    printf("  float %g %.9g %a\n", f, f, f);
  }
  double specials[] = {INFINITY, -INFINITY, NAN, -NAN};
  for (int k = 0; k < 4; k++) {
    double v = specials[k];
    printf("special %f %e %g %F %E %G [%8f] [%-8f|]\n", v, v, v, v, v, v, v,
           v);
    printf("  isnan=%d isinf=%d signbit=%d\n", isnan(v) != 0, isinf(v) != 0,
           signbit(v) != 0);
  }
  /* Large and small exponents and rounding of halfway cases. */
  for (int e = -320; e <= 308; e += 17) {
    double v = 1.2345678901234567 * pow(10.0, e);
    printf("e%d %.15e %g\n", e, v, v);
  }
  for (int k = 0; k < 20; k++) printf("%.1f ", k + 0.05 * k);
  printf("\n%.2f %.2f %.2f %.2f\n", 1.005, 1.015, 2.675, 1.125);
  return 0;
}
