#include <stdio.h>
#include <string.h>

#include "proj.h"

int main(int argc, char **argv) {
  struct strbuf b;
  sb_init(&b);
  for (int i = 1; i < argc; ++i) sb_addf(&b, "[%s]", argv[i]);
  int primes = 0;
  for (uint64_t k = 0; k < 20000; ++k) primes += is_prime(k);
  sb_addf(&b, " primes<20000=%d", primes);
  uint64_t best = 0, at = 0;
  for (uint64_t k = 1; k < 100000; ++k) {
    uint64_t s = collatz_steps(k);
    if (s > best) best = s, at = k;
  }
  sb_addf(&b, " collatz %llu@%llu", (unsigned long long)best, (unsigned long long)at);
  printf("%s\ncrc %08x\n", b.p, (unsigned)crc32_of(b.p, b.len));
  const char *exprs[] = {"1 2 +", "2 10 ^ 3 /", "2 sqrt 2 sqrt *", "1 +", "9 4 - 5 *"};
  int bad = 0;
  for (unsigned k = 0; k < sizeof(exprs) / sizeof(exprs[0]); ++k) {
    int err;
    double v = eval_rpn(exprs[k], &err);
    if (err) ++bad, printf("%-18s error\n", exprs[k]);
    else printf("%-18s %.17g\n", exprs[k], v);
  }
  sb_free(&b);
  return 40 + bad;
}
