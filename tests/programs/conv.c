/* conv: text <-> number conversions: snprintf into small buffers,
 * sscanf, strtol/strtoul/strtoll in every base, strtod/strtof/atof. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  char buf[16];
  for (int k = 0; k < 16; k += 3) {
    int r = snprintf(buf, k, "%d-%s-%.2f", 12345, "abc", 3.14159);
    printf("snprintf size %d -> %d [%s]\n", k, r, k ? buf : "");
  }
  const char *ints[] = {"0", "42", "-42", "+7", "  123abc", "0x1F", "0777",
                        "z", "9223372036854775807", "9223372036854775808",
                        "-9223372036854775809", "18446744073709551615",
                        "zz", "1010", "-0", ""};
  int bases[] = {0, 2, 8, 10, 16, 36};
  for (unsigned k = 0; k < sizeof(ints) / sizeof(ints[0]); k++) {
    for (unsigned b = 0; b < sizeof(bases) / sizeof(bases[0]); b++) {
      char *end;
      errno = 0;
      long v = strtol(ints[k], &end, bases[b]);
      int e1 = errno;
      errno = 0;
      unsigned long u = strtoul(ints[k], NULL, bases[b]);
      int e2 = errno;
      printf("strtol(\"%s\",%d) = %ld end+%ld e%d | ul %lu e%d\n", ints[k],
             bases[b], v, (long)(end - ints[k]), e1 != 0, u, e2 != 0);
    }
  }
  const char *dbls[] = {"0",       "1.5",     "-2.25e3", "1e-310",  "1e309",
                        "0x1.8p1", "inf",     "-INF",    "nan",     ".5",
                        "5.",      "1e",      "  +3.0x", "123456789012345678901234567890",
                        "2.2250738585072011e-308", "4.9406564584124654e-324",
                        "0.1", "1.7976931348623157e308", "3.14159265358979323846"};
  for (unsigned k = 0; k < sizeof(dbls) / sizeof(dbls[0]); k++) {
    char *end;
    errno = 0;
    double d = strtod(dbls[k], &end);
    int e = errno;
    float f = strtof(dbls[k], NULL);
    printf("strtod(\"%s\") = %.17g %a end+%ld erange %d | f %.9g\n", dbls[k],
           d, d, (long)(end - dbls[k]), e == ERANGE, f);
  }
  printf("atoi %d atol %ld atof %g\n", atoi("  -99x"), atol("123456789012"),
         atof("2.5e-3"));

  int a, n;
  unsigned x;
  double d;
  char word[32], c;
  int r = sscanf("  17 0x2a 6.25e1 hello! z", "%d %x %lf %31[a-z]%c %n", &a,
                 &x, &d, word, &c, &n);
  printf("sscanf -> %d: %d %u %g %s %c n=%d\n", r, a, x, d, word, c, n);
  long long ll;
  short sh;
  r = sscanf("-9000000000 70000 12:34:56", "%lld %hd %d:%*d:%d", &ll, &sh, &a,
             &n);
  printf("sscanf -> %d: %lld %hd %d %d\n", r, ll, sh, a, n);
  r = sscanf("abc", "%d", &a);
  printf("sscanf mismatch -> %d\n", r);
  r = sscanf("", "%d", &a);
  printf("sscanf empty -> %d\n", r);
  /* Round trips through text. */
  unsigned long bad = 0;
  double v = 1.0;
  for (int k = 0; k < 2000; k++) {
    char t[64];
    snprintf(t, sizeof t, "%.17g", v);
    if (strtod(t, NULL) != v) bad++;
    v = v * 1.37 + 0.001 * k;
    if (v > 1e200) v = 1e-200 * k;
  }
  printf("round trip failures: %lu\n", bad);
  return 0;
}
