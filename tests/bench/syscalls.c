/* syscalls: many small system calls (getppid, and a one-byte read from a
 * pipe kept full), measuring the cost of the round trip. */
#include <stdio.h>
#include <unistd.h>
#include "bench.h"

int main(int argc, char **argv) {
  long n = bench_scale(argc, argv, 400000);
  long sum = 0;
  pid_t pp = getppid();
  for (long k = 0; k < n; k++) sum += getppid() == pp;
  int p[2];
  if (pipe(p)) return 1;
  char c = 'x';
  for (long k = 0; k < n / 10; k++) {
    if (write(p[1], &c, 1) != 1 || read(p[0], &c, 1) != 1) return 1;
    sum += c == 'x';
  }
  printf("%ld\n", sum);
  return 0;
}
