/* real-strtod: doubles, floats and long doubles printed (%a, %.17g,
 * %.40e, %f, %g) and read back (strtod, strtof, strtold, sscanf). glibc
 * does both with multi-precision integer arithmetic (64-bit mul/div,
 * shifts, carries), so a wrong carry or a wrong quotient bit shows up as
 * a wrong digit. Every round trip must give the same bits back; the
 * text of the first values is printed in full and the rest hashed. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 0x243f6a8885a308d3ull;
static uint64_t next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static uint64_t hash = 0xcbf29ce484222325ull;
static void mixs(const char *s) {
  for (; *s; s++) {
    hash ^= (unsigned char)*s;
    hash *= 0x100000001b3ull;
  }
}

static int bad;

static void one_double(double d, int show) {
  char a[64], g[64], e[96], f[400], h[64];
  snprintf(a, sizeof a, "%a", d);
  snprintf(g, sizeof g, "%.17g", d);
  snprintf(e, sizeof e, "%.40e", d);
  snprintf(h, sizeof h, "%g|%.3g|%#.0f|%+.1e", d, d, fabs(d) < 1e30 ? d : 0, d);
  if (fabs(d) < 1e60)
    snprintf(f, sizeof f, "%.30f", d);
  else
    snprintf(f, sizeof f, "%.0f", d);
  mixs(a); mixs(g); mixs(e); mixs(f); mixs(h);
  if (show) printf("%s %s %s\n  %s %s\n", a, g, e, h, f);
  /* Round trips: every exact form gives the bits back. */
  const char *forms[] = {a, g, e};
  for (int k = 0; k < 3; k++) {
    char *end;
    double r = strtod(forms[k], &end);
    if (memcmp(&r, &d, 8) != 0 && !(isnan(r) && isnan(d))) {
      bad++;
      printf("round trip of %s gave %a\n", forms[k], r);
    }
    if (*end) printf("strtod stopped early in %s\n", forms[k]);
  }
  double s;
  if (sscanf(g, "%lf", &s) != 1 || (memcmp(&s, &d, 8) != 0 && !isnan(d))) {
    bad++;
    printf("sscanf of %s gave %a\n", g, s);
  }
}

static void one_float(float x, int show) {
  char a[64], g[64];
  snprintf(a, sizeof a, "%a", x);
  snprintf(g, sizeof g, "%.9g", x);
  mixs(a); mixs(g);
  if (show) printf("float %s %s\n", a, g);
  float r = strtof(g, NULL), q = strtof(a, NULL);
  if ((memcmp(&r, &x, 4) != 0 || memcmp(&q, &x, 4) != 0) && !isnan(x)) {
    bad++;
    printf("float round trip of %s gave %a %a\n", g, r, q);
  }
}

static void one_ldouble(long double x, int show) {
  char a[64], g[64], e[128];
  snprintf(a, sizeof a, "%La", x);
  snprintf(g, sizeof g, "%.21Lg", x);
  snprintf(e, sizeof e, "%.50Le", x);
  mixs(a); mixs(g); mixs(e);
  if (show) printf("ldouble %s %s %s\n", a, g, e);
  long double r = strtold(g, NULL), q = strtold(a, NULL);
  if ((r != x || q != x) && !isnan(x)) {
    bad++;
    printf("long double round trip of %s gave %La %La\n", g, r, q);
  }
}

int main(void) {
  static const char *texts[] = {
      "0", "-0", "0.1", "0.2", "0.3", "1e23", "8.98846567431158e307",
      "2.2250738585072011e-308", "2.2250738585072012e-308", "4.9e-324",
      "2.4703282292062327e-324", "2.4703282292062328e-324", "1e-400", "1e400",
      "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
      "0x1.fffffffffffffp1023", "0x1p-1074", "0x1.8p-1075", "-0x1.23456789abcdefp-3",
      "9007199254740993", "9007199254740992.99999999999999999999",
      "123456789012345678901234567890e-40", "  +3.14159265358979323846264338327950288",
      "inf", "-Infinity", "nan", "1e", "1.5e+", ".5", "5.", "0e99999999999",
      "1000000000000000000000000000000000000000000000000000000000000000000001e-70",
      "0.000000000000000000000000000000000000000000000000000000000000000000000000"
      "00000000000000000000000000000000000000000000000000000000000000000000000000"
      "0000000000000000000000000000000000000000000000000000000000000000000000001"};
  for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
    char *end;
    double d = strtod(texts[k], &end);
    float f = strtof(texts[k], NULL);
    long double l = strtold(texts[k], NULL);
    printf("[%s] -> %a (%td used) float %a ldouble %La\n", texts[k], d,
           end - texts[k], f, l);
  }
  /* A 780-digit halfway case: 2^-1074 * 1.5 spelled out exactly. */
  {
    char big[1200] = "0.";
    for (int i = 0; i < 323; i++) strcat(big, "0");
    strcat(big, "7410984687618698162648531893023320585475897039214015"
                "6131570897683328330497864474442466064093613432225469"
                "6547005587290625");
    double d = strtod(big, NULL);
    printf("halfway: %a %.17g\n", d, d);
    big[strlen(big) - 1] = '6';
    d = strtod(big, NULL);
    printf("above halfway: %a %.17g\n", d, d);
  }
  for (int i = 0; i < 600; i++) {
    uint64_t u = next();
    double d;
    if (i % 2) {
      memcpy(&d, &u, 8);
    } else {
      /* Values near 1 to 1e16: the %f forms get long. */
      d = ldexp((double)(u >> 11), (int)(u % 100) - 100);
    }
    one_double(d, i < 12);
    uint32_t v = (uint32_t)(u >> 17);
    float x;
    memcpy(&x, &v, 4);
    one_float(x, i < 6);
    if (i % 3 == 0) {
      long double l = (long double)(int64_t)next() / (long double)(next() | 1) *
                      powl(2.0L, (long double)((int)(next() % 400) - 200));
      one_ldouble(l, i < 9);
    }
  }
  /* Integers: strtol/strtoull in several bases and their overflow. */
  static const char *ints[] = {"0", "-1", "9223372036854775807", "9223372036854775808",
                               "-9223372036854775808", "18446744073709551615",
                               "18446744073709551616", "0x7fffffff", "0777", "z",
                               "  -0b101", "1a2b3c", "-ZZZZZZZZZZZZZ"};
  for (size_t k = 0; k < sizeof ints / sizeof ints[0]; k++) {
    long long a = strtoll(ints[k], NULL, 0);
    unsigned long long b = strtoull(ints[k], NULL, 0);
    long long c = strtoll(ints[k], NULL, 36);
    printf("int [%s] %lld %llu %lld\n", ints[k], a, b, c);
  }
  printf("hash %016llx, %d round trips failed\n", (unsigned long long)hash, bad);
  return 0;
}
