#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proj.h"

void sb_init(struct strbuf *b) {
  b->cap = 16;
  b->len = 0;
  b->p = malloc(b->cap);
  b->p[0] = 0;
}

void sb_addf(struct strbuf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  while (b->len + (size_t)n + 1 > b->cap) {
    b->cap *= 2;
    b->p = realloc(b->p, b->cap);
  }
  va_start(ap, fmt);
  vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

void sb_free(struct strbuf *b) {
  free(b->p);
  b->p = NULL;
  b->len = b->cap = 0;
}
