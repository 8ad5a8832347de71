/* real-interp: a small compiler and interpreter, the kind of code in
 * every scripting language: a tokenizer, a recursive-descent parser for
 * a tiny language (integer and double arithmetic, variables, while, if,
 * functions), a bytecode compiler, and a dispatch loop using computed
 * goto (an indirect jump per instruction, as in CPython and Lua). The
 * programs below compute known things; each prints its result. */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { T_NUM, T_ID, T_OP, T_EOF };
typedef struct {
  int kind;
  double num;
  char text[32];
} Token;

static const char *src;
static Token tok;
static jmp_buf fail;
static char errmsg[128];

static void error(const char *m) {
  snprintf(errmsg, sizeof errmsg, "%s near '%s'", m, tok.text);
  longjmp(fail, 1);
}

static void lex(void) {
  while (*src == ' ' || *src == '\n' || *src == '\t') src++;
  if (!*src) {
    tok.kind = T_EOF;
    strcpy(tok.text, "<eof>");
    return;
  }
  if ((*src >= '0' && *src <= '9') || *src == '.') {
    char *end;
    tok.num = strtod(src, &end);
    tok.kind = T_NUM;
    snprintf(tok.text, sizeof tok.text, "%.*s", (int)(end - src), src);
    src = end;
    return;
  }
  if ((*src >= 'a' && *src <= 'z') || *src == '_') {
    int n = 0;
    while (((*src >= 'a' && *src <= 'z') || (*src >= '0' && *src <= '9') || *src == '_') && n < 31)
      tok.text[n++] = *src++;
    tok.text[n] = 0;
    tok.kind = T_ID;
    return;
  }
  static const char *two[] = {"==", "!=", "<=", ">=", "&&", "||", "<<", ">>"};
  for (int i = 0; i < 8; i++) {
    if (!strncmp(src, two[i], 2)) {
      strcpy(tok.text, two[i]);
      src += 2;
      tok.kind = T_OP;
      return;
    }
  }
  tok.text[0] = *src++;
  tok.text[1] = 0;
  tok.kind = T_OP;
}
static int is(const char *op) { return tok.kind != T_NUM && !strcmp(tok.text, op); }
static void expect(const char *op) {
  if (!is(op)) error("expected different token");
  lex();
}

/* Bytecode. */
enum {
  OP_CONST, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_IDIV,
  OP_LT, OP_LE, OP_EQ, OP_NE, OP_AND, OP_OR, OP_SHL, OP_SHR, OP_NEG, OP_NOT,
  OP_JMP, OP_JZ, OP_CALL, OP_RET, OP_PRINT, OP_POP, OP_HALT, OP_SQRT
};
typedef struct {
  int op;
  int arg;
  double val;
} Insn;

#define MAXCODE 4096
static Insn code[MAXCODE];
static int ncode;
static char names[64][32];
static int nnames;
static struct { char name[32]; int addr, nparams; } funcs[16];
static int nfuncs;

static int emit(int op, int arg, double val) {
  if (ncode >= MAXCODE) error("program too big");
  code[ncode].op = op;
  code[ncode].arg = arg;
  code[ncode].val = val;
  return ncode++;
}
static int slot(const char *name) {
  for (int i = 0; i < nnames; i++)
    if (!strcmp(names[i], name)) return i;
  if (nnames == 64) error("too many variables");
  strcpy(names[nnames], name);
  return nnames++;
}

static void expr(void);
static void primary(void) {
  if (tok.kind == T_NUM) {
    emit(OP_CONST, 0, tok.num);
    lex();
  } else if (tok.kind == T_ID) {
    char name[32];
    strcpy(name, tok.text);
    lex();
    if (is("(")) {
      lex();
      int nargs = 0;
      while (!is(")")) {
        expr();
        nargs++;
        if (is(",")) lex();
      }
      lex();
      if (!strcmp(name, "sqrt")) {
        emit(OP_SQRT, 0, 0);
        return;
      }
      int f;
      for (f = 0; f < nfuncs && strcmp(funcs[f].name, name); f++) {}
      if (f == nfuncs) error("unknown function");
      emit(OP_CALL, f, nargs);
    } else {
      emit(OP_LOAD, slot(name), 0);
    }
  } else if (is("(")) {
    lex();
    expr();
    expect(")");
  } else if (is("-")) {
    lex();
    primary();
    emit(OP_NEG, 0, 0);
  } else if (is("!")) {
    lex();
    primary();
    emit(OP_NOT, 0, 0);
  } else {
    error("unexpected token");
  }
}
static int binop_prec(int *op) {
  static const struct { const char *s; int prec, op; } t[] = {
      {"||", 1, OP_OR}, {"&&", 2, OP_AND}, {"==", 3, OP_EQ}, {"!=", 3, OP_NE},
      {"<", 4, OP_LT}, {"<=", 4, OP_LE}, {">", 4, -OP_LT}, {">=", 4, -OP_LE},
      {"<<", 5, OP_SHL}, {">>", 5, OP_SHR}, {"+", 6, OP_ADD}, {"-", 6, OP_SUB},
      {"*", 7, OP_MUL}, {"/", 7, OP_DIV}, {"%", 7, OP_MOD}, {"\\", 7, OP_IDIV}};
  if (tok.kind != T_OP) return 0;
  for (int i = 0; i < 16; i++)
    if (!strcmp(tok.text, t[i].s)) {
      *op = t[i].op;
      return t[i].prec;
    }
  return 0;
}
static void binary(int min) {
  primary();
  int op, p;
  while ((p = binop_prec(&op)) >= min && p) {
    lex();
    binary(p + 1);
    if (op < 0) {
      /* a > b is b < a: swap via the stack is awkward, so negate the
         opposite comparison: a > b == !(a <= b). */
      emit(op == -OP_LT ? OP_LE : OP_LT, 0, 0);
      emit(OP_NOT, 0, 0);
    } else {
      emit(op, 0, 0);
    }
  }
}
static void expr(void) { binary(1); }

static void statement(void);
static void block(void) {
  expect("{");
  while (!is("}")) statement();
  lex();
}
static void statement(void) {
  if (is("while")) {
    lex();
    int top = ncode;
    expr();
    int jz = emit(OP_JZ, 0, 0);
    block();
    emit(OP_JMP, top, 0);
    code[jz].arg = ncode;
  } else if (is("if")) {
    lex();
    expr();
    int jz = emit(OP_JZ, 0, 0);
    block();
    if (is("else")) {
      lex();
      int j = emit(OP_JMP, 0, 0);
      code[jz].arg = ncode;
      block();
      code[j].arg = ncode;
    } else {
      code[jz].arg = ncode;
    }
  } else if (is("print")) {
    lex();
    expr();
    emit(OP_PRINT, 0, 0);
    expect(";");
  } else if (is("return")) {
    lex();
    expr();
    emit(OP_RET, 0, 0);
    expect(";");
  } else if (is("def")) {
    lex();
    if (nfuncs == 16) error("too many functions");
    strcpy(funcs[nfuncs].name, tok.text);
    lex();
    int skip = emit(OP_JMP, 0, 0);
    funcs[nfuncs].addr = ncode;
    expect("(");
    int params[8], n = 0;
    while (!is(")")) {
      params[n++] = slot(tok.text);
      lex();
      if (is(",")) lex();
    }
    lex();
    funcs[nfuncs].nparams = n;
    nfuncs++;
    /* Arguments arrive on the stack: store them last to first. */
    for (int i = n - 1; i >= 0; i--) emit(OP_STORE, params[i], 0);
    block();
    emit(OP_CONST, 0, 0);
    emit(OP_RET, 0, 0);
    code[skip].arg = ncode;
  } else if (tok.kind == T_ID) {
    int s = slot(tok.text);
    lex();
    expect("=");
    expr();
    emit(OP_STORE, s, 0);
    expect(";");
  } else {
    expr();
    emit(OP_POP, 0, 0);
    expect(";");
  }
}

/* Variables are global, but a call saves and restores all of them, so
   recursion works (slowly: that's fine, it's a test). */
static double run(long *steps) {
  static void *labels[] = {
      &&l_const, &&l_load, &&l_store, &&l_add, &&l_sub, &&l_mul, &&l_div, &&l_mod,
      &&l_idiv, &&l_lt, &&l_le, &&l_eq, &&l_ne, &&l_and, &&l_or, &&l_shl, &&l_shr,
      &&l_neg, &&l_not, &&l_jmp, &&l_jz, &&l_call, &&l_ret, &&l_print, &&l_pop,
      &&l_halt, &&l_sqrt};
  static double stack[4096];
  static struct { int pc; double vars[64]; } frames[256];
  double vars[64] = {0};
  int sp = 0, fp = 0, pc = 0;
  long n = 0;
  double a, b;
#define NEXT                                   \
  do {                                         \
    n++;                                       \
    if (sp > 4000 || sp < 0) error("stack");   \
    goto *labels[code[pc].op];                 \
  } while (0)
  NEXT;
l_const: stack[sp++] = code[pc++].val; NEXT;
l_load: stack[sp++] = vars[code[pc++].arg]; NEXT;
l_store: vars[code[pc++].arg] = stack[--sp]; NEXT;
#define BIN(label, expr_) \
  label: b = stack[--sp]; a = stack[sp - 1]; stack[sp - 1] = (expr_); pc++; NEXT;
BIN(l_add, a + b)
BIN(l_sub, a - b)
BIN(l_mul, a * b)
BIN(l_div, a / b)
BIN(l_mod, (double)((int64_t)a % ((int64_t)b ? (int64_t)b : 1)))
BIN(l_idiv, (double)((int64_t)a / ((int64_t)b ? (int64_t)b : 1)))
BIN(l_lt, a < b)
BIN(l_le, a <= b)
BIN(l_eq, a == b)
BIN(l_ne, a != b)
BIN(l_and, a != 0 && b != 0)
BIN(l_or, a != 0 || b != 0)
BIN(l_shl, (double)((int64_t)a << ((int64_t)b & 63)))
BIN(l_shr, (double)((int64_t)a >> ((int64_t)b & 63)))
l_neg: stack[sp - 1] = -stack[sp - 1]; pc++; NEXT;
l_not: stack[sp - 1] = stack[sp - 1] == 0; pc++; NEXT;
l_sqrt: stack[sp - 1] = __builtin_sqrt(stack[sp - 1]); pc++; NEXT;
l_jmp: pc = code[pc].arg; NEXT;
l_jz: pc = stack[--sp] == 0 ? code[pc].arg : pc + 1; NEXT;
l_call:
  if (fp == 256) error("recursion too deep");
  frames[fp].pc = pc + 1;
  memcpy(frames[fp].vars, vars, sizeof vars);
  fp++;
  pc = funcs[code[pc].arg].addr;
  NEXT;
l_ret:
  if (fp == 0) goto l_halt;
  fp--;
  memcpy(vars, frames[fp].vars, sizeof vars);
  pc = frames[fp].pc;
  NEXT;
l_print: printf("  %.17g\n", stack[--sp]); pc++; NEXT;
l_pop: sp--; pc++; NEXT;
l_halt:
  *steps = n;
  return sp ? stack[sp - 1] : 0;
}

static void program(const char *name, const char *text) {
  ncode = nnames = nfuncs = 0;
  src = text;
  printf("%s:\n", name);
  if (setjmp(fail)) {
    printf("  error: %s\n", errmsg);
    return;
  }
  lex();
  while (tok.kind != T_EOF) statement();
  emit(OP_HALT, 0, 0);
  long steps;
  run(&steps);
  printf("  (%d instructions, %ld steps)\n", ncode, steps);
}

int main(void) {
  program("fib", "def fib(n) { if n < 2 { return n; } return fib(n - 1) + fib(n - 2); } "
                 "print fib(16);");
  program("primes", "n = 2; c = 0; s = 0; while c < 300 { p = 1; d = 2; "
                    "while d * d <= n && p { if n % d == 0 { p = 0; } d = d + 1; } "
                    "if p { c = c + 1; s = s + n; } n = n + 1; } print n - 1; print s;");
  program("collatz", "best = 0; arg = 0; i = 1; while i < 400 { n = i; k = 0; "
                     "while n != 1 { if n % 2 { n = 3 * n + 1; } else { n = n \\ 2; } k = k + 1; } "
                     "if k > best { best = k; arg = i; } i = i + 1; } print arg; print best;");
  program("newton", "x = 2; g = 1; i = 0; while i < 8 { g = (g + x / g) / 2; i = i + 1; } "
                    "print g; print g * g - 2; print sqrt(2) - g;");
  program("series", "s = 0; k = 0; while k < 2000 { s = s + 4 / (2 * k + 1) * (1 - 2 * (k % 2)); "
                    "k = k + 1; } print s; e = 1; t = 1; k = 1; while k < 20 { t = t / k; e = e + t; "
                    "k = k + 1; } print e;");
  program("bits", "x = 1; i = 0; while i < 62 { x = (x << 1) + (i % 3 == 0); i = i + 1; } "
                  "print x; print x >> 40; print -x >> 3; print (x \\ 7) % 1000;");
  program("mandel", "y = -1; n = 0; while y <= 1 { x = -2; while x <= 0.5 { a = 0; b = 0; i = 0; "
                    "while i < 40 && a * a + b * b < 4 { t = a * a - b * b + x; b = 2 * a * b + y; "
                    "a = t; i = i + 1; } n = n + i; x = x + 0.125; } y = y + 0.125; } print n;");
  program("ackermann", "def ack(m, n) { if m == 0 { return n + 1; } if n == 0 { return ack(m - 1, 1); } "
                       "return ack(m - 1, ack(m, n - 1)); } print ack(2, 3); print ack(3, 3);");
  program("syntax error", "x = (1 + ;");
  program("unknown function", "print nope(1);");
  program("deep recursion", "def f(n) { return f(n + 1); } print f(0);");
  return 0;
}
