#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "proj.h"

/* A reverse Polish calculator: numbers, + - * / ^ and sqrt. */
double eval_rpn(const char *expr, int *err) {
  double st[64];
  int n = 0;
  char buf[256];
  strncpy(buf, expr, sizeof(buf) - 1);
  buf[sizeof(buf) - 1] = 0;
  *err = 0;
  for (char *save, *tok = strtok_r(buf, " ", &save); tok;
       tok = strtok_r(NULL, " ", &save)) {
    if (!strcmp(tok, "sqrt")) {
      if (n < 1) goto bad;
      st[n - 1] = sqrt(st[n - 1]);
    } else if (strchr("+-*/^", tok[0]) && !tok[1]) {
      if (n < 2) goto bad;
      double b = st[--n], a = st[--n];
      switch (tok[0]) {
        case '+': st[n++] = a + b; break;
        case '-': st[n++] = a - b; break;
        case '*': st[n++] = a * b; break;
        case '/': st[n++] = a / b; break;
        default: st[n++] = pow(a, b); break;
      }
    } else {
      if (n == 64) goto bad;
      st[n++] = strtod(tok, NULL);
    }
  }
  if (n == 1) return st[0];
bad:
  *err = 1;
  return 0;
}
