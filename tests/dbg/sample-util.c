/* sample-util.c: the second compilation unit of tests/dbg/sample.c. */
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
