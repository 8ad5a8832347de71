/* setjmp: non-local jumps (glibc mangles the saved stack and frame
 * pointers with a key from %fs), deep recursion and varargs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>

static jmp_buf env;
static int depth_reached;

static void dive(int depth) {
  volatile char pad[256];
  pad[0] = (char)depth;
  if (depth == 20000) {
    depth_reached = depth + pad[0] * 0;
    longjmp(env, depth);
  }
  dive(depth + 1);
  pad[1] = 0;
}

static long sum(int n, ...) {
  va_list ap;
  va_start(ap, n);
  long s = 0;
  for (int k = 0; k < n; k++) s += k % 2 ? va_arg(ap, int) : va_arg(ap, long);
  va_end(ap);
  return s;
}

static double dsum(int n, ...) {
  va_list ap;
  va_start(ap, n);
  double s = 0;
  for (int k = 0; k < n; k++) s += va_arg(ap, double);
  va_end(ap);
  return s;
}

static int ackermann(int m, int n) {
  if (!m) return n + 1;
  if (!n) return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}

int main(void) {
  volatile int rounds = 0;
  int r = setjmp(env);
  printf("setjmp returned %d\n", r);
  if (rounds++ < 3) dive(0);
  printf("depth %d rounds %d\n", depth_reached, rounds);
  printf("varargs %ld %g\n", sum(9, 1L, 2, 3L, 4, 5L, 6, 7L, 8, 9L),
         dsum(10, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.5, 10.25));
  printf("ackermann(2,3)=%d ackermann(3,6)=%d\n", ackermann(2, 3),
         ackermann(3, 6));
  return 0;
}
