/* proj.h: the small project tests/run-tests.sh's dyn/make-project builds
 * with make, gcc, as, ld and ar running under blink. */
#ifndef PROJ_H
#define PROJ_H
#include <stddef.h>
#include <stdint.h>

struct strbuf {
  char *p;
  size_t len, cap;
};
void sb_init(struct strbuf *b);
void sb_addf(struct strbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sb_free(struct strbuf *b);

uint32_t crc32_of(const void *p, size_t n);
int is_prime(uint64_t n);
uint64_t collatz_steps(uint64_t n);

double eval_rpn(const char *expr, int *err);
#endif
