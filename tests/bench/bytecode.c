/* bytecode: a branchy interpreter loop: a small stack machine, dispatched
 * by switch, running a program that counts primes by trial division. */
#include <stdio.h>
#include "bench.h"

enum { PUSH, LOAD, STORE, ADD, MUL, MOD, LT, JZ, JMP, INC, HALT };

static long run(const int *code, long limit) {
  long stack[64], loc[8] = {0};
  int sp = 0, pc = 0;
  loc[1] = limit;
  for (;;) {
    switch (code[pc++]) {
      case PUSH: stack[sp++] = code[pc++]; break;
      case LOAD: stack[sp++] = loc[code[pc++]]; break;
      case STORE: loc[code[pc++]] = stack[--sp]; break;
      case ADD: sp--, stack[sp - 1] += stack[sp]; break;
      case MUL: sp--, stack[sp - 1] *= stack[sp]; break;
      case MOD: sp--, stack[sp - 1] %= stack[sp]; break;
      case LT: sp--, stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
      case JZ: pc = stack[--sp] ? pc + 1 : code[pc]; break;
      case JMP: pc = code[pc]; break;
      case INC: loc[code[pc++]]++; break;
      case HALT: return loc[2];
    }
  }
}

int main(int argc, char **argv) {
  long n = bench_scale(argc, argv, 150000);
  /* locals: 0 = i, 1 = limit, 2 = count, 3 = d. Assembled here, with
   * forward jumps patched, rather than as a table of hand-counted
   * offsets. */
  int code[128], k = 0;
#define E(x) code[k++] = (x)
  E(PUSH), E(2), E(STORE), E(0);                    /* i = 2 */
  int top = k;
  E(LOAD), E(0), E(LOAD), E(1), E(LT), E(JZ);       /* while i < limit */
  int to_end = k;
  E(0);
  E(PUSH), E(2), E(STORE), E(3);                    /* d = 2 */
  int inner = k;
  E(LOAD), E(0), E(LOAD), E(3), E(LOAD), E(3), E(MUL), E(LT), E(JZ);
  int to_test = k;                                  /* i < d*d: prime */
  E(0);
  E(INC), E(2), E(INC), E(0), E(JMP), E(top);
  code[to_test] = k;
  E(LOAD), E(0), E(LOAD), E(3), E(MOD), E(JZ);      /* d divides i */
  int to_composite = k;
  E(0);
  E(INC), E(3), E(JMP), E(inner);
  code[to_composite] = k;
  E(INC), E(0), E(JMP), E(top);
  code[to_end] = k;
  E(HALT);
  printf("primes below %ld: %ld\n", n, run(code, n));
  return 0;
}
