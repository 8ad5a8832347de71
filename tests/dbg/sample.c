/* sample.c: a guest program for tests/dbg/test-dbg.c, built -g at test
 * time. Its shapes are the ones a line table and a symbol table must get
 * right: static and global functions, a loop whose one line has several
 * rows, a function in a second file (sample-util.c), an alias, data,
 * a function split into hot and cold parts. */
#include <stdio.h>

#include "sample.h"

int counter = 3;
static const char greeting[] = "hello";

static int square(int x) {
  return x * x;
}

int sum_squares(int n) {
  int s = 0;
  for (int i = 0; i < n; i++) s += square(i);
  return s;
}

/* Two names for one function. */
int total(int n) __attribute__((alias("sum_squares")));

int main(int argc, char **argv) {
  (void)argv;
  int r = sum_squares(argc + counter);
  r += util_mix(r, 7);
  r += checked_div(r, argc);
  if (r > 1000000)
    puts(greeting);
  return r & 0;
}
