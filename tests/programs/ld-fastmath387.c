/* ld-fastmath387: code compiled for the x87 unit with -ffast-math (here
 * by pragmas), where gcc emits the x87 transcendental instructions
 * inline: fsin, fsincos, fptan, fpatan, f2xm1, fyl2x, fscale, frndint,
 * fsqrt. Their results are the CPU's own (not correctly rounded, and not
 * the same on every CPU model): blink runs them on the host unit, so the
 * digits must match the native run exactly. */
#pragma GCC optimize("fast-math")
#pragma GCC target("fpmath=387")
#include <math.h>
#include <stdio.h>

int main(void) {
  double s = 0;
  for (int i = 1; i < 20000; i++) {
    double x = i * 0.001;
    double v = sin(x) * cos(x) + exp(-x) + log(x) + atan2(x, 1.5) + sqrt(x) +
               pow(x, 0.3) + tan(x * 0.1) + floor(x * 3.3) + rint(x * 1.7);
    s += v;
    if (i % 1000 == 0) printf("%d %.17g %a\n", i, s, v);
  }
  long double t = 0;
  for (int i = 1; i < 20000; i++) {
    long double x = i * 0.001L;
    long double v = sinl(x) + cosl(x * 3) + expl(-x) + logl(x) +
                    atan2l(x, 1) + sqrtl(x) + exp2l(x / 64) + log2l(x);
    t += v;
    if (i % 1000 == 0) printf("%d %.21Lg %La\n", i, t, v);
  }
  /* beyond the range fsin and fptan reduce (|x| >= 2^63): the CPU
   * leaves C2 set and the operand alone */
  volatile double big = 0x1p70;
  printf("big %a %a %a\n", sin(big), cos(big), tan(big));
  return 0;
}
