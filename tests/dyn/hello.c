/* hello.c: what dyn/gcc-hello compiles with gcc -O2 under blink (cc1,
 * as, collect2 and ld run in the VM), then runs. */
#include <stdio.h>
#include <string.h>

static unsigned long long fact(int n) { return n < 2 ? 1 : n * fact(n - 1); }

int main(int argc, char **argv) {
  char buf[64];
  snprintf(buf, sizeof(buf), "hello from %s", argc > 1 ? argv[1] : "nobody");
  printf("%s (%zu bytes)\n", buf, strlen(buf));
  for (int k = 1; k <= 20; k += 6) printf("%d! = %llu\n", k, fact(k));
  printf("%.10f\n", 355.0 / 113.0);
  return 7;
}
