/* cmd-data.c: expressions, print, x/FMT, set $reg, info registers and
 * info symbol. Reads the machine only through debug.h. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "dbg/dbg.h"
#include "vm/debug.h"
#include "vm/disasm.h"
#include "vm/history.h"
#include "vm/vm.h"

static const char *const reg_names[18] = {
    "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8",
    "r9",  "r10", "r11", "r12", "r13", "r14", "r15", "rip", "eflags"};
/* gdb's order for info registers. */
static const int gdb_order[] = {VM_RAX, VM_RBX, VM_RCX, VM_RDX, VM_RSI,
                                VM_RDI, VM_RBP, VM_RSP, 8,      9,
                                10,     11,     12,     13,     14,
                                15,     16,     17};

int cmd_reg_index(const char *name, size_t len) {
  for (int i = 0; i < 18; ++i)
    if (strlen(reg_names[i]) == len && !strncmp(reg_names[i], name, len))
      return i;
  if (len == 2 && !strncmp(name, "pc", 2)) return 16;
  if (len == 2 && !strncmp(name, "sp", 2)) return VM_RSP;
  if (len == 2 && !strncmp(name, "fp", 2)) return VM_RBP;
  if (len == 6 && !strncmp(name, "rflags", 6)) return 17;
  return -1;
}

static uint64_t reg_value(const struct VmRegs *r, int i) {
  return i < 16 ? r->r[i] : i == 16 ? r->rip : r->rflags;
}

/* A recursive-descent evaluator over 64-bit unsigned values (signed
 * only in how print shows them). */
struct Ev {
  struct Cmd *c;
  const char *p;
  char *err;
  size_t errsize;
  int failed;
};

static void ev_fail(struct Ev *e, const char *what, const char *at) {
  if (e->failed) return;
  e->failed = 1;
  snprintf(e->err, e->errsize, "%s%s%s", what, at ? ": " : "", at ? at : "");
}

static void skip(struct Ev *e) {
  while (isspace((unsigned char)*e->p)) ++e->p;
}

static uint64_t expr(struct Ev *e);

static uint64_t primary(struct Ev *e) {
  skip(e);
  const char *s = e->p;
  if (*s == '(') {
    ++e->p;
    uint64_t v = expr(e);
    skip(e);
    if (*e->p != ')') ev_fail(e, "missing )", NULL);
    else ++e->p;
    return v;
  }
  if (*s == '$') {
    size_t n = 1;
    while (isalnum((unsigned char)s[n]) || s[n] == '_') ++n;
    int i = cmd_reg_index(s + 1, n - 1);
    if (i < 0) {
      char name[64];
      snprintf(name, sizeof(name), "%.*s", (int)n, s);
      ev_fail(e, "unknown register", name);
      return 0;
    }
    e->p += n;
    struct VmRegs r;
    vm_regs(e->c->m, &r);
    /* $pc is an address: linear (CS's base + IP on a PC in real mode,
     * the same as $rip in a Linux process); $rip is the register. */
    if (n == 3 && !strncmp(s + 1, "pc", 2) && !e->c->frame) return r.pc;
    if (e->c->frame && (i == 16 || i == VM_RSP || i == VM_RBP)) {
      /* A caller's frame (up/frame N): what the unwinder knows. */
      struct DbgFrameRegs f;
      cmd_frame_regs(e->c, e->c->frame, &f);
      return i == 16 ? f.rip : i == VM_RSP ? f.rsp : f.rbp;
    }
    return reg_value(&r, i);
  }
  if (*s == '\'' && s[1] && s[1] != '\\' && s[2] == '\'') {
    e->p += 3; /* 'a' */
    return (unsigned char)s[1];
  }
  if (isdigit((unsigned char)*s)) {
    char *end;
    uint64_t v = strtoull(s, &end, 0);
    e->p = end;
    return v;
  }
  if (isalpha((unsigned char)*s) || *s == '_' || *s == '.') {
    size_t n = 0;
    while (isalnum((unsigned char)s[n]) || s[n] == '_' || s[n] == '.' ||
           s[n] == '@')
      ++n;
    char name[256];
    snprintf(name, sizeof(name), "%.*s", (int)n, s);
    e->p += n;
    uint64_t a;
    if (e->c->syms && dbg_lookup(e->c->syms, name, &a)) return a;
    if (!e->failed) {
      e->failed = 1;
      snprintf(e->err, e->errsize, "No symbol \"%s\" in current context.",
               name);
    }
    return 0;
  }
  ev_fail(e, *s ? "syntax error near" : "expression expected", *s ? s : NULL);
  return 0;
}

/* C type names a cast may use, with their sizes. */
static int type_size(const char *p, size_t n) {
  static const struct {
    const char *name;
    int size;
  } types[] = {{"char", 1},     {"signed char", 1}, {"unsigned char", 1},
               {"int8_t", 1},   {"uint8_t", 1},     {"short", 2},
               {"unsigned short", 2}, {"int16_t", 2}, {"uint16_t", 2},
               {"int", 4},      {"unsigned", 4},    {"unsigned int", 4},
               {"int32_t", 4},  {"uint32_t", 4},    {"float", 4},
               {"long", 8},     {"unsigned long", 8}, {"long long", 8},
               {"unsigned long long", 8}, {"int64_t", 8}, {"uint64_t", 8},
               {"size_t", 8},   {"double", 8},      {"void", 1}};
  for (size_t i = 0; i < sizeof(types) / sizeof(*types); ++i)
    if (strlen(types[i].name) == n && !strncmp(types[i].name, p, n))
      return types[i].size;
  return 0;
}

/* A type in a cast: "TYPE" and how many '*' follow. Returns the size
 * of TYPE (0: not a type) with *stars set and *end past it. */
static int parse_type(const char *p, int *stars, const char **end) {
  while (isspace((unsigned char)*p)) ++p;
  const char *s = p;
  const char *last = p;
  /* Words: "unsigned long long" is three. */
  while (isalpha((unsigned char)*p) || *p == '_') {
    while (isalnum((unsigned char)*p) || *p == '_') ++p;
    last = p;
    while (*p == ' ' || *p == '\t') ++p;
  }
  int size = type_size(s, last - s);
  if (!size) return 0;
  *stars = 0;
  p = last;
  for (;;) {
    while (isspace((unsigned char)*p)) ++p;
    if (*p != '*') break;
    ++*stars;
    ++p;
  }
  *end = p;
  return size;
}

int cmd_parse_cast(const char **pp, int braces) {
  const char *p = *pp, *end;
  while (isspace((unsigned char)*p)) ++p;
  if (*p != (braces ? '{' : '(')) return 0;
  int stars, size = parse_type(p + 1, &stars, &end);
  if (!size || *end != (braces ? '}' : ')')) return 0;
  if (braces) {
    if (stars) size = 8;
  } else {
    if (!stars) return 0; /* (int)x is no pointer cast */
    if (stars > 1) size = 8;
  }
  *pp = end + 1;
  return size;
}

static uint64_t load(struct Ev *e, uint64_t a, int size) {
  uint64_t v;
  if (e->failed) return 0;
  if (cmd_read_uint(e->c, a, size, &v)) {
    char at[32];
    snprintf(at, sizeof(at), "0x%" PRIx64, a);
    ev_fail(e, "Cannot access memory at address", at);
    return 0;
  }
  return v;
}

static uint64_t unary(struct Ev *e) {
  skip(e);
  char ch = *e->p;
  if (ch == '-' || ch == '+' || ch == '!' || ch == '~') {
    ++e->p;
    uint64_t v = unary(e);
    return ch == '-' ? -v : ch == '+' ? v : ch == '!' ? !v : ~v;
  }
  if (ch == '&') {
    /* Symbols already are their address: &x is x. */
    ++e->p;
    return unary(e);
  }
  if (ch == '*') {
    ++e->p;
    int size = cmd_parse_cast(&e->p, 0);
    uint64_t a = unary(e);
    return load(e, a, size ? size : 8);
  }
  if (ch == '{') {
    int size = cmd_parse_cast(&e->p, 1);
    if (!size) {
      ev_fail(e, "A syntax error in expression, near", e->p);
      return 0;
    }
    uint64_t a = unary(e);
    return load(e, a, size);
  }
  if (ch == '(') {
    /* A cast changes nothing here: every value is 64 bits. */
    const char *end;
    int stars;
    if (parse_type(e->p + 1, &stars, &end) && *end == ')') {
      e->p = end + 1;
      return unary(e);
    }
  }
  return primary(e);
}

/* Binary operators by C's precedence (higher binds tighter). */
static int binop(const char *p, int *len) {
  static const struct {
    const char *op;
    int prec;
  } ops[] = {{"||", 1}, {"&&", 2}, {"==", 6}, {"!=", 6}, {"<=", 7},
             {">=", 7}, {"<<", 8}, {">>", 8}, {"|", 3},  {"^", 4},
             {"&", 5},  {"<", 7},  {">", 7},  {"+", 9},  {"-", 9},
             {"*", 10}, {"/", 10}, {"%", 10}};
  for (size_t i = 0; i < sizeof(ops) / sizeof(*ops); ++i) {
    size_t n = strlen(ops[i].op);
    if (!strncmp(p, ops[i].op, n)) {
      *len = (int)n;
      return ops[i].prec;
    }
  }
  return 0;
}

static uint64_t binary(struct Ev *e, int min) {
  uint64_t v = unary(e);
  for (;;) {
    skip(e);
    int len, prec = binop(e->p, &len);
    if (!prec || prec < min || e->failed) return v;
    const char *op = e->p;
    e->p += len;
    uint64_t w = binary(e, prec + 1);
    if (e->failed) return 0;
    int64_t sv = (int64_t)v, sw = (int64_t)w;
    switch (op[0]) {
      case '|': v = len == 2 ? (v || w) : (v | w); break;
      case '&': v = len == 2 ? (v && w) : (v & w); break;
      case '^': v ^= w; break;
      case '=': v = v == w; break;
      case '!': v = v != w; break;
      case '<':
        v = len == 2 && op[1] == '<' ? v << (w & 63)
            : len == 2               ? sv <= sw
                                     : sv < sw;
        break;
      case '>':
        v = len == 2 && op[1] == '>' ? v >> (w & 63)
            : len == 2               ? sv >= sw
                                     : sv > sw;
        break;
      case '+': v += w; break;
      case '-': v -= w; break;
      case '*': v *= w; break;
      case '/':
      case '%':
        if (!w) {
          ev_fail(e, "Division by zero", NULL);
          return 0;
        }
        if (sw == -1) v = op[0] == '/' ? -v : 0;
        else v = op[0] == '/' ? (uint64_t)(sv / sw) : (uint64_t)(sv % sw);
        break;
    }
  }
}

static uint64_t expr(struct Ev *e) { return binary(e, 1); }

int cmd_eval(struct Cmd *c, const char *text, uint64_t *val, char *err,
             size_t errsize) {
  struct Ev e = {c, text, err, errsize, 0};
  *val = expr(&e);
  skip(&e);
  if (!e.failed && *e.p) ev_fail(&e, "junk after the expression", e.p);
  return e.failed ? -1 : 0;
}

#pragma weak vm_poke

/* The top-level '=' of an assignment (not == != <= >=), or NULL. */
static const char *assign_op(const char *p) {
  int depth = 0;
  for (const char *q = p; *q; ++q) {
    if (*q == '(' || *q == '{') ++depth;
    else if (*q == ')' || *q == '}') --depth;
    else if (*q == '=' && !depth) {
      if (q[1] == '=') {
        ++q;
        continue;
      }
      if (q > p && strchr("!<>=", q[-1])) continue;
      return q;
    }
  }
  return NULL;
}

/* set $reg = EXPR, set *ADDR = EXPR, set *(TYPE *)ADDR = EXPR,
 * set {TYPE}ADDR = EXPR, set var SYM = EXPR (also print LHS = EXPR:
 * gdb assigns there too). Memory goes through vm_poke, which also tells
 * the history. */
static int assign(struct Cmd *c, const char *arg, int *was_assign) {
  const char *p = arg;
  while (isspace((unsigned char)*p)) ++p;
  *was_assign = 0;
  const char *eq = assign_op(p);
  if (!eq) return 0;
  *was_assign = 1;
  char lhs[256];
  snprintf(lhs, sizeof(lhs), "%.*s", (int)(eq - p), p);
  size_t ln = strlen(lhs);
  while (ln && isspace((unsigned char)lhs[ln - 1])) lhs[--ln] = 0;
  uint64_t v;
  char err[160];
  if (cmd_eval(c, eq + 1, &v, err, sizeof(err))) return cmd_error(c, "%s", err);
  if (history_replaying(c->m))
    return cmd_error(c, "cannot change the past: go to the present first "
                        "(stepi/continue to the end of the history)");
  const char *l = lhs;
  if (!*l) return cmd_error(c, "A syntax error in expression, near `='.");
  if (*l == '$') {
    size_t n = 1;
    while (isalnum((unsigned char)l[n])) ++n;
    int i = cmd_reg_index(l + 1, n - 1);
    if (i < 0 || l[n]) return cmd_error(c, "unknown register: %s", l);
    vm_set_reg(c->m, i, v);
    history_mark_edit(c->m);
    c->moved = 1;
    return 0;
  }
  uint64_t addr;
  int size = 8;
  if (!strncmp(l, "var", 3) && isspace((unsigned char)l[3])) {
    l += 3;
    while (isspace((unsigned char)*l)) ++l;
  }
  if (*l == '*') {
    ++l;
    int s2 = cmd_parse_cast(&l, 0);
    if (s2) size = s2;
    if (cmd_eval(c, l, &addr, err, sizeof(err))) return cmd_error(c, "%s", err);
  } else if (*l == '{') {
    size = cmd_parse_cast(&l, 1);
    if (!size) return cmd_error(c, "A syntax error in expression, near `%s'.",
                                l);
    if (cmd_eval(c, l, &addr, err, sizeof(err))) return cmd_error(c, "%s", err);
  } else {
    struct DbgSym sym;
    if (!c->syms || !dbg_lookup_sym(c->syms, l, &sym))
      return cmd_error(c, "No symbol \"%s\" in current context.", l);
    if (sym.func) return cmd_error(c, "Left operand of assignment is not "
                                      "an lvalue.");
    addr = sym.addr;
    if (sym.size == 1 || sym.size == 2 || sym.size == 4) size = (int)sym.size;
  }
  if (!vm_poke) return cmd_error(c, "this build's VM cannot write memory");
  uint8_t b[8];
  for (int i = 0; i < size; ++i) b[i] = (uint8_t)(v >> (8 * i));
  if (vm_poke(c->m, addr, b, size) != (size_t)size)
    return cmd_error(c, "Cannot access memory at address 0x%" PRIx64, addr);
  c->moved = 1;
  return 0;
}

int cmd_print(struct Cmd *c, const char *fmt, const char *arg) {
  int was;
  if (!strcmp(fmt, "set")) {
    if (assign(c, arg, &was)) return -1;
    if (!was) return cmd_error(c, "usage: set $REG|*ADDR|{TYPE}ADDR|var SYM "
                                  "= EXPR");
    return 0;
  }
  if (assign(c, arg, &was)) return -1;
  if (was) return 0;
  uint64_t v;
  char err[160];
  const char *t = arg;
  while (isspace((unsigned char)*t)) ++t;
  char name[256];
  snprintf(name, sizeof(name), "%s", t);
  for (size_t n = strlen(name); n && isspace((unsigned char)name[n - 1]);)
    name[--n] = 0;
  struct DbgSym sym;
  if (c->syms && name[strcspn(name, " \t()*&+-/{}$")] == 0 &&
      dbg_lookup_sym(c->syms, name, &sym) && !sym.func &&
      (sym.size == 1 || sym.size == 2 || sym.size == 4 || sym.size == 8)) {
    /* A data symbol alone: its value, in the symbol's size (no types:
     * signed integers; &SYM or SYM+0 give the address). */
    if (cmd_read_uint(c, sym.addr, (int)sym.size, &v))
      return cmd_error(c, "Cannot access memory at address 0x%" PRIx64,
                       sym.addr);
    int sh = 64 - 8 * (int)sym.size;
    if (!*fmt || *fmt == 'd') v = (uint64_t)((int64_t)(v << sh) >> sh);
  } else if (cmd_eval(c, arg, &v, err, sizeof(err))) {
    return cmd_error(c, "%s", err);
  }
  /* An address (&SYM) shows as one, as gdb shows pointers. */
  if (!*fmt && *t == '&') fmt = "a";
  int n = ++c->value_num;
  switch (*fmt) {
    case 'x':
      cmd_printf(c, "$%d = 0x%" PRIx64, n, v);
      break;
    case 'o':
      cmd_printf(c, "$%d = 0%" PRIo64, n, v);
      break;
    case 'u':
      cmd_printf(c, "$%d = %" PRIu64, n, v);
      break;
    case 'a': {
      char at[160];
      cmd_addr_text(c, v, at, sizeof(at));
      cmd_printf(c, "$%d = %s", n, at);
      break;
    }
    case 0:
    case 'd':
      cmd_printf(c, "$%d = %" PRId64, n, (int64_t)v);
      break;
    case 'c': {
      int ch = (int)(int8_t)v;
      cmd_printf(c, (v & 0xff) >= 32 && (v & 0xff) < 127 ? "$%d = %d '%c'"
                                                         : "$%d = %d '\\%03o'",
                 n, ch, (int)(v & 0xff));
      break;
    }
    case 't': {
      char bits[65];
      int k = 0;
      for (int b = 63; b >= 0; --b)
        if (k || (v >> b & 1) || !b) bits[k++] = '0' + (v >> b & 1);
      bits[k] = 0;
      cmd_printf(c, "$%d = %s", n, bits);
      break;
    }
    default:
      --c->value_num;
      return cmd_error(c, "Undefined output format \"%s\".", fmt);
  }
  return 0;
}

int cmd_x(struct Cmd *c, const char *fmt, const char *arg) {
  long count = 1;
  char f = c->x_valid ? c->x_fmt[0] : 'x';
  int size = c->x_valid ? c->x_fmt[1] : 4;
  const char *p = fmt;
  if (isdigit((unsigned char)*p)) count = strtol(p, (char **)&p, 10);
  for (; *p; ++p) {
    if (strchr("xduotcsi", *p)) f = *p;
    else if (*p == 'b') size = 1;
    else if (*p == 'h') size = 2;
    else if (*p == 'w') size = 4;
    else if (*p == 'g') size = 8;
    else return cmd_error(c, "Invalid format letter '%c' in x/%s", *p, fmt);
  }
  if (f == 'c') size = 1;
  uint64_t a;
  char err[160];
  const char *q = arg;
  while (isspace((unsigned char)*q)) ++q;
  if (!*q) {
    /* x with no address continues after the last one. */
    if (!c->x_valid) return cmd_error(c, "Argument required (starting "
                                         "display address).");
    a = c->x_next;
  } else if (cmd_eval(c, arg, &a, err, sizeof(err))) {
    return cmd_error(c, "%s", err);
  }
  c->x_valid = 1;
  c->x_fmt[0] = f;
  c->x_fmt[1] = (char)size;
  c->x_next = a;
  char at[160], line[512];
  if (f == 'i') {
    struct VmRegs r;
    vm_regs(c->m, &r);
    struct DisOptions o = {DIS_ATT, r.mode, NULL, NULL};
    if (c->syms) {
      o.sym = cmd_dis_sym;
      o.sym_ctx = c;
    }
    for (long i = 0; i < count; ++i) {
      uint8_t code[16];
      size_t n = vm_peek(c->m, a, code, sizeof(code));
      if (!n) return cmd_error(c, "Cannot access memory at address 0x%" PRIx64, a);
      char text[128];
      int len = dis_insn(text, sizeof(text), code, n, a, &o);
      cmd_addr_text(c, a, at, sizeof(at));
      cmd_printf(c, "%s %s:\t%s", a == r.pc ? "=>" : "  ", at, text);
      a += len;
      c->x_next = a;
    }
    return 0;
  }
  if (f == 's') {
    for (long i = 0; i < count; ++i) {
      size_t o = 0;
      cmd_addr_text(c, a, at, sizeof(at));
      o = snprintf(line, sizeof(line), "%s:\t\"", at);
      int more = 0;
      for (int k = 0;; ++k) {
        uint8_t b;
        if (k == 200) { /* gdb's print elements limit */
          more = 1;
          break;
        }
        if (vm_peek(c->m, a, &b, 1) != 1)
          return cmd_error(c, "Cannot access memory at address 0x%" PRIx64, a);
        ++a;
        if (!b) break;
        if (o + 8 < sizeof(line)) {
          if (b >= 32 && b < 127 && b != '"' && b != '\\')
            line[o++] = b;
          else
            o += snprintf(line + o, sizeof(line) - o, "\\%03o", b);
        }
      }
      snprintf(line + o, sizeof(line) - o, "\"%s", more ? "..." : "");
      cmd_printf(c, "%s", line);
      c->x_next = a;
    }
    return 0;
  }
  /* gdb's words per line: 8 bytes, 8 halves, 4 words, 2 giants. */
  int per = size == 8 ? 2 : size == 4 ? 4 : 8;
  for (long i = 0; i < count; i += per) {
    cmd_addr_text(c, a, at, sizeof(at));
    size_t o = snprintf(line, sizeof(line), "%s:", at);
    for (long j = i; j < count && j < i + per; ++j, a += size) {
      uint8_t b[8];
      if (vm_peek(c->m, a, b, size) != (size_t)size) {
        cmd_printf(c, "%s", line);
        return cmd_error(c, "Cannot access memory at address 0x%" PRIx64, a);
      }
      uint64_t v = 0;
      for (int k = size - 1; k >= 0; --k) v = v << 8 | b[k];
      int64_t sv = (int64_t)(v << (64 - 8 * size)) >> (64 - 8 * size);
      switch (f) {
        case 'x':
          o += snprintf(line + o, sizeof(line) - o, "\t0x%0*" PRIx64, size * 2,
                        v);
          break;
        case 'd':
          o += snprintf(line + o, sizeof(line) - o, "\t%" PRId64, sv);
          break;
        case 'u':
          o += snprintf(line + o, sizeof(line) - o, "\t%" PRIu64, v);
          break;
        case 'o':
          o += snprintf(line + o, sizeof(line) - o, "\t0%" PRIo64, v);
          break;
        case 't':
          o += snprintf(line + o, sizeof(line) - o, "\t");
          for (int k = size * 8 - 1; k >= 0; --k)
            o += snprintf(line + o, sizeof(line) - o, "%d", (int)(v >> k & 1));
          break;
        case 'c':
          o += snprintf(line + o, sizeof(line) - o,
                        v >= 32 && v < 127 ? "\t%d '%c'" : "\t%d '\\%03o'",
                        (int)sv, (int)v);
          break;
      }
    }
    cmd_printf(c, "%s", line);
    c->x_next = a;
  }
  return 0;
}

static void flags_text(uint64_t f, char *buf, size_t size) {
  static const struct {
    uint64_t bit;
    const char *name;
  } fl[] = {{VM_FLAG_CF, "CF"}, {VM_FLAG_PF, "PF"}, {VM_FLAG_AF, "AF"},
            {VM_FLAG_ZF, "ZF"}, {VM_FLAG_SF, "SF"}, {VM_FLAG_TF, "TF"},
            {VM_FLAG_IF, "IF"}, {VM_FLAG_DF, "DF"}, {VM_FLAG_OF, "OF"}};
  size_t o = snprintf(buf, size, "[ ");
  for (size_t i = 0; i < sizeof(fl) / sizeof(fl[0]); ++i)
    if ((f & fl[i].bit) && o < size)
      o += snprintf(buf + o, size - o, "%s ", fl[i].name);
  if (o < size) snprintf(buf + o, size - o, "]");
}

static void show_reg(struct Cmd *c, const struct VmRegs *r, int i) {
  uint64_t v = reg_value(r, i);
  char nat[192];
  if (i == 16) {
    cmd_addr_text(c, v, nat, sizeof(nat));
  } else if (i == 17) {
    flags_text(v, nat, sizeof(nat));
  } else if (i == VM_RSP || i == VM_RBP) {
    snprintf(nat, sizeof(nat), "0x%" PRIx64, v);
  } else {
    snprintf(nat, sizeof(nat), "%" PRId64, (int64_t)v);
  }
  char hex[24];
  snprintf(hex, sizeof(hex), "0x%" PRIx64, v);
  cmd_printf(c, "%-15s%-19s%s", reg_names[i], hex, nat);
}

int cmd_info_registers(struct Cmd *c, const char *arg) {
  struct VmRegs r;
  vm_regs(c->m, &r);
  const char *p = arg;
  while (isspace((unsigned char)*p)) ++p;
  if (!*p) {
    for (size_t i = 0; i < sizeof(gdb_order) / sizeof(gdb_order[0]); ++i)
      show_reg(c, &r, gdb_order[i]);
    static const char *const seg[6] = {"es", "cs", "ss", "ds", "fs", "gs"};
    static const int gdb_seg[6] = {1, 2, 3, 0, 4, 5}; /* cs ss ds es fs gs */
    for (int k = 0; k < 6; ++k) {
      int s = gdb_seg[k];
      char hex[24];
      snprintf(hex, sizeof(hex), "0x%x", r.sreg[s]);
      cmd_printf(c, "%-15s%-19s%d", seg[s], hex, r.sreg[s]);
    }
    char hex[24];
    snprintf(hex, sizeof(hex), "0x%" PRIx64, r.fs_base);
    cmd_printf(c, "%-15s%-19s%" PRId64, "fs_base", hex, (int64_t)r.fs_base);
    snprintf(hex, sizeof(hex), "0x%" PRIx64, r.gs_base);
    cmd_printf(c, "%-15s%-19s%" PRId64, "gs_base", hex, (int64_t)r.gs_base);
    return 0;
  }
  while (*p) {
    if (*p == '$') ++p;
    size_t n = strcspn(p, " \t");
    int i = cmd_reg_index(p, n);
    if (i < 0) return cmd_error(c, "Invalid register `%.*s'", (int)n, p);
    show_reg(c, &r, i);
    p += n;
    while (isspace((unsigned char)*p)) ++p;
  }
  return 0;
}

int cmd_info_symbol(struct Cmd *c, const char *arg) {
  uint64_t a, off;
  char err[160];
  if (cmd_eval(c, arg, &a, err, sizeof(err))) return cmd_error(c, "%s", err);
  const char *s = cmd_symbol(c, a, &off);
  if (!s) {
    cmd_printf(c, "No symbol matches %s.", arg);
  } else if (off) {
    cmd_printf(c, "%s + %" PRIu64, s, off);
  } else {
    cmd_printf(c, "%s", s);
  }
  return 0;
}
