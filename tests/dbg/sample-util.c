/* sample-util.c: the second compilation unit of tests/dbg/sample.c. */
#include <stdio.h>
#include <stdlib.h>

#include "sample.h"

static int helper(int a) {
  int b = a;
  while (b > 10)
    b /= 3;
  return b;
}

int util_mix(int a, int b) {
  int c = helper(a) ^ b;
  switch (c & 3) {
  case 0: return c + 1;
  case 1: return c * 2;
  default: return helper(c + b);
  }
}

/* Never returns; cold, so that GCC moves the code calling it out of
 * line. */
__attribute__((cold, noreturn, noinline)) static void die(int a) {
  fprintf(stderr, "checked_div: %d / 0\n", a);
  exit(2);
}

/* At -O2 the branch to die() goes to a separate .cold part (of
 * checked_div.part.0, GCC's partial-inlining clone): one function, two
 * address ranges (DW_AT_ranges). The loop makes the block big enough
 * for GCC to move it. */
int checked_div(int a, int b) {
  if (b == 0) {
    for (int i = 0; i < a; i++) fprintf(stderr, "checked_div: %d %d\n", a, i);
    die(a);
  }
  return a / b;
}
