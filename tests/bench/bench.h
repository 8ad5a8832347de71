/* bench.h: shared by the benchmark programs. Each takes an optional
 * argument, the amount of work in percent of its default (100), sized
 * so a native run takes a few tenths of a second; each prints a result
 * that depends on all the work, so that nothing is optimized away and a
 * wrong answer under an emulator shows. */
#ifndef BENCH_H
#define BENCH_H
#include <stdlib.h>

static inline long bench_scale(int argc, char **argv, long base) {
  long pct = argc > 1 ? atol(argv[1]) : 100;
  long n = base * pct / 100;
  return n > 0 ? n : 1;
}

#endif
