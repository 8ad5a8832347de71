/* cmd-core.c: command dispatch, breakpoints and (reverse) execution.
 *
 * Breakpoints are checked by the stepping loop after each instruction
 * (the VM has no breakpoint hook yet), so continue runs at vm_step
 * speed; the same set serves reverse-continue as a history search
 * predicate. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "dbg/dbg.h"
#include "vm/debug.h"
#include "vm/disasm.h"
#include "vm/history.h"
#include "vm/vm.h"

static void emit(struct Cmd *c, int err, const char *fmt, va_list va) {
  char buf[1024];
  vsnprintf(buf, sizeof(buf), fmt, va);
  /* One callback call per line, so a front end never splits lines. */
  char *p = buf;
  for (;;) {
    char *nl = strchr(p, '\n');
    if (nl) *nl = 0;
    c->out(c->out_ctx, err, p);
    if (!nl) break;
    p = nl + 1;
  }
}

void cmd_printf(struct Cmd *c, const char *fmt, ...) {
  va_list va;
  va_start(va, fmt);
  emit(c, 0, fmt, va);
  va_end(va);
}

int cmd_error(struct Cmd *c, const char *fmt, ...) {
  va_list va;
  va_start(va, fmt);
  emit(c, 1, fmt, va);
  va_end(va);
  return -1;
}

const char *cmd_symbol(struct Cmd *c, uint64_t addr, uint64_t *off) {
  if (!c->syms) return NULL;
  const char *s = dbg_symbol_in(c->syms, addr, off);
  /* Labels in assembly have no size: name a near one as gdb does. */
  if (!s && (s = dbg_symbol_at(c->syms, addr, off)) && *off >= 0x1000)
    s = NULL;
  return s;
}

void cmd_addr_text(struct Cmd *c, uint64_t addr, char *buf, size_t size) {
  uint64_t off = 0;
  const char *s = cmd_symbol(c, addr, &off);
  if (!s)
    snprintf(buf, size, "0x%llx", (unsigned long long)addr);
  else if (off)
    snprintf(buf, size, "0x%llx <%s+%llu>", (unsigned long long)addr, s,
             (unsigned long long)off);
  else
    snprintf(buf, size, "0x%llx <%s>", (unsigned long long)addr, s);
}

/* "=> 0x401005 <_start+5>:\tmov $0x2,%ebx": where the machine is. */
static void show_where(struct Cmd *c) {
  struct VmRegs r;
  vm_regs(c->m, &r);
  uint8_t code[16];
  size_t n = vm_peek(c->m, r.rip, code, sizeof(code));
  char text[128] = "(unreadable)", at[160];
  if (n) {
    struct DisOptions o = {DIS_ATT, r.mode, NULL, NULL};
    if (c->syms) {
      o.sym = dbg_symbol_at;
      o.sym_ctx = c->syms;
    }
    dis_insn(text, sizeof(text), code, n, r.rip, &o);
  }
  cmd_addr_text(c, r.rip, at, sizeof(at));
  cmd_printf(c, "=> %s:\t%s", at, text);
}

static struct CmdBreak *bp_at(struct Cmd *c, uint64_t addr) {
  for (int i = 0; i < c->nbp; ++i)
    if (c->bp[i].enabled && c->bp[i].addr == addr) return &c->bp[i];
  return NULL;
}

static void bp_remove(struct Cmd *c, int i) {
  memmove(&c->bp[i], &c->bp[i + 1], (c->nbp - i - 1) * sizeof(c->bp[0]));
  --c->nbp;
}

/* Resolves a breakpoint location: *EXPR, FILE:LINE, a function name
 * (after its prologue when DWARF says where that ends), or an EXPR. */
static int location(struct Cmd *c, const char *arg, uint64_t *addr) {
  char err[160];
  while (isspace((unsigned char)*arg)) ++arg;
  if (!*arg) {
    *addr = vm_rip(c->m);
    return 0;
  }
  if (*arg == '*') {
    if (cmd_eval(c, arg + 1, addr, err, sizeof(err)))
      return cmd_error(c, "%s", err);
    return 0;
  }
  const char *colon = strrchr(arg, ':');
  if (colon && c->syms && isdigit((unsigned char)colon[1])) {
    char file[512];
    snprintf(file, sizeof(file), "%.*s", (int)(colon - arg), arg);
    uint64_t addrs[1];
    size_t n = dbg_addrs_for(c->syms, file, (unsigned)atoi(colon + 1), addrs,
                             1, NULL);
    if (!n) return cmd_error(c, "No line %s in the program.", arg);
    *addr = addrs[0];
    return 0;
  }
  uint64_t a;
  if (c->syms && dbg_lookup(c->syms, arg, &a)) {
    *addr = dbg_after_prologue(c->syms, a);
    return 0;
  }
  if (cmd_eval(c, arg, addr, err, sizeof(err)))
    return cmd_error(c, "%s", err);
  return 0;
}

static int do_break(struct Cmd *c, const char *arg, int temp) {
  uint64_t a;
  if (location(c, arg, &a)) return -1;
  if (c->nbp == CMD_MAX_BREAKS)
    return cmd_error(c, "too many breakpoints (%d)", CMD_MAX_BREAKS);
  struct CmdBreak *b = &c->bp[c->nbp++];
  memset(b, 0, sizeof(*b));
  b->addr = a;
  b->num = ++c->next_num;
  b->enabled = 1;
  b->temp = temp;
  char at[160];
  cmd_addr_text(c, a, at, sizeof(at));
  cmd_printf(c, "%s %d at %s", temp ? "Temporary breakpoint" : "Breakpoint",
             b->num, at);
  return 0;
}

/* delete/disable/enable [N...]: no numbers means all of them. */
static int do_bpnums(struct Cmd *c, const char *arg, int what) {
  const char *p = arg;
  while (isspace((unsigned char)*p)) ++p;
  if (!*p) {
    if (what == 0) c->nbp = 0;
    for (int i = 0; i < c->nbp; ++i) c->bp[i].enabled = what == 2;
    return 0;
  }
  int rc = 0;
  while (*p) {
    char *end;
    long n = strtol(p, &end, 10);
    if (end == p) return cmd_error(c, "Convenience variable must have "
                                      "integer value: \"%s\"", p);
    int i;
    for (i = 0; i < c->nbp; ++i)
      if (c->bp[i].num == n) break;
    if (i == c->nbp) {
      rc = cmd_error(c, "No breakpoint number %ld.", n);
    } else if (what == 0) {
      bp_remove(c, i);
    } else {
      c->bp[i].enabled = what == 2;
    }
    p = end;
    while (isspace((unsigned char)*p)) ++p;
  }
  return rc;
}

static int info_breakpoints(struct Cmd *c) {
  if (!c->nbp) {
    cmd_printf(c, "No breakpoints or watchpoints.");
    return 0;
  }
  cmd_printf(c, "Num     Type           Disp Enb Address            What");
  for (int i = 0; i < c->nbp; ++i) {
    struct CmdBreak *b = &c->bp[i];
    uint64_t off = 0;
    const char *s = cmd_symbol(c, b->addr, &off);
    char what[160] = "";
    if (s && off) snprintf(what, sizeof(what), "<%s+%llu>", s,
                           (unsigned long long)off);
    else if (s) snprintf(what, sizeof(what), "<%s>", s);
    cmd_printf(c, "%-7d %-14s %-4s %-3s 0x%016llx %s", b->num, "breakpoint",
               b->temp ? "del" : "keep", b->enabled ? "y" : "n",
               (unsigned long long)b->addr, what);
    if (b->hits)
      cmd_printf(c, "\tbreakpoint already hit %ld time%s", b->hits,
                 b->hits == 1 ? "" : "s");
  }
  return 0;
}

/* A program that ended says so once and refuses to go further. */
static int check_stop(struct Cmd *c, int stop) {
  if (stop == VM_STOP_NONE || stop == VM_STOP_BREAK ||
      stop == VM_STOP_INTERRUPT)
    return 0;
  c->exited = 1;
  if (stop == VM_STOP_EXIT)
    cmd_printf(c, "[program exited with code %d]", vm_exit_code(c->m));
  else if (stop == VM_STOP_SIGNAL)
    cmd_printf(c, "Program terminated with signal %s.",
               vm_signal_name(vm_stop_signal(c->m)));
  else
    cmd_printf(c, "[program halted]");
  return 1;
}

static int report_hit(struct Cmd *c) {
  struct CmdBreak *b = bp_at(c, vm_rip(c->m));
  if (!b) return 0;
  ++b->hits;
  char at[160];
  cmd_addr_text(c, b->addr, at, sizeof(at));
  cmd_printf(c, "%s %d, %s", b->temp ? "Temporary breakpoint" : "Breakpoint",
             b->num, at);
  if (b->temp) bp_remove(c, (int)(b - c->bp));
  return 1;
}

static int count_arg(struct Cmd *c, const char *arg, uint64_t *n) {
  while (isspace((unsigned char)*arg)) ++arg;
  *n = 1;
  if (!*arg) return 0;
  char err[160];
  if (cmd_eval(c, arg, n, err, sizeof(err))) return cmd_error(c, "%s", err);
  return 0;
}

static int not_running(struct Cmd *c) {
  if (!c->exited) return 0;
  cmd_error(c, "The program is not being run.");
  return 1;
}

static int do_stepi(struct Cmd *c, const char *arg) {
  uint64_t n;
  if (count_arg(c, arg, &n) || not_running(c)) return -1;
  for (uint64_t i = 0; i < n; ++i) {
    if (check_stop(c, history_step(c->m))) return 0;
    if (i + 1 < n && report_hit(c)) break;
  }
  show_where(c);
  return 0;
}

/* nexti: a call runs until the instruction after it (at the same or a
 * shallower stack), so it steps over the callee. */
static int do_nexti(struct Cmd *c, const char *arg) {
  uint64_t n;
  if (count_arg(c, arg, &n) || not_running(c)) return -1;
  for (uint64_t i = 0; i < n; ++i) {
    struct VmRegs r;
    vm_regs(c->m, &r);
    uint8_t code[16];
    size_t len = vm_peek(c->m, r.rip, code, sizeof(code));
    char text[128] = "";
    struct DisOptions o = {DIS_ATT, r.mode, NULL, NULL};
    int il = len ? dis_insn(text, sizeof(text), code, len, r.rip, &o) : 0;
    if (check_stop(c, history_step(c->m))) return 0;
    if (!strncmp(text, "call", 4) && il) {
      uint64_t after = r.rip + il, sp = r.r[VM_RSP];
      for (;;) {
        struct VmRegs q;
        vm_regs(c->m, &q);
        if (q.rip == after && q.r[VM_RSP] >= sp) break;
        if (report_hit(c)) {
          show_where(c);
          return 0;
        }
        if (check_stop(c, history_step(c->m))) return 0;
      }
    }
    if (report_hit(c)) break;
  }
  show_where(c);
  return 0;
}

/* finish: run until a ret leaves the current frame (RSP above where it
 * was), as the UI's f key does; a breakpoint on the way stops it. */
static int do_finish(struct Cmd *c, const char *arg) {
  while (isspace((unsigned char)*arg)) ++arg;
  if (*arg) return cmd_error(c, "finish takes no arguments");
  if (not_running(c)) return -1;
  struct VmRegs r;
  vm_regs(c->m, &r);
  uint64_t sp = r.r[VM_RSP];
  char at[160];
  cmd_addr_text(c, r.rip, at, sizeof(at));
  cmd_printf(c, "Run till exit from %s", at);
  for (;;) {
    vm_regs(c->m, &r);
    uint8_t code[16];
    size_t len = vm_peek(c->m, r.rip, code, sizeof(code));
    char text[128] = "";
    struct DisOptions o = {DIS_ATT, r.mode, NULL, NULL};
    if (len) dis_insn(text, sizeof(text), code, len, r.rip, &o);
    if (check_stop(c, history_step(c->m))) return 0;
    if (!strncmp(text, "ret", 3)) {
      vm_regs(c->m, &r);
      if (r.r[VM_RSP] > sp) break;
    }
    if (report_hit(c)) break;
  }
  show_where(c);
  return 0;
}

static int do_continue(struct Cmd *c, const char *arg) {
  uint64_t n;
  if (count_arg(c, arg, &n) || not_running(c)) return -1;
  /* continue N: ignore the current breakpoint N-1 more times. */
  cmd_printf(c, "Continuing.");
  for (;;) {
    if (check_stop(c, history_step(c->m))) return 0;
    struct CmdBreak *b = bp_at(c, vm_rip(c->m));
    if (b && --n == 0) break;
    if (b) ++b->hits;
  }
  report_hit(c);
  show_where(c);
  return 0;
}

static int do_reverse_stepi(struct Cmd *c, const char *arg) {
  uint64_t n;
  if (count_arg(c, arg, &n)) return -1;
  uint64_t before = history_position(c->m);
  uint64_t after = history_step_back(c->m, n);
  if (before - after < n) {
    cmd_printf(c, "No more reverse-execution history.");
  }
  c->exited = 0; /* the past is before the end */
  show_where(c);
  return 0;
}

static int shallower_pred(struct Machine *m, void *ctx) {
  struct VmRegs r;
  vm_regs(m, &r);
  return r.r[VM_RSP] >= *(uint64_t *)ctx;
}

/* reverse-nexti: back one instruction; when that lands inside a callee
 * (a ret, RSP below ours), on back to the call at our depth: the last
 * state whose RSP is not below the one we started from. */
static int do_reverse_nexti(struct Cmd *c, const char *arg) {
  uint64_t n, pos;
  if (count_arg(c, arg, &n)) return -1;
  for (uint64_t i = 0; i < n; ++i) {
    struct VmRegs r;
    vm_regs(c->m, &r);
    uint64_t sp = r.r[VM_RSP];
    if (!history_position(c->m)) {
      cmd_printf(c, "No more reverse-execution history.");
      break;
    }
    history_step_back(c->m, 1);
    c->exited = 0;
    vm_regs(c->m, &r);
    if (r.r[VM_RSP] < sp && !history_search_back(c->m, shallower_pred, &sp,
                                                 &pos)) {
      cmd_printf(c, "No more reverse-execution history.");
      break;
    }
  }
  c->exited = 0;
  show_where(c);
  return 0;
}

static int bp_pred(struct Machine *m, void *ctx) {
  return bp_at(ctx, vm_rip(m)) != NULL;
}

static int do_reverse_continue(struct Cmd *c, const char *arg) {
  uint64_t n, pos;
  if (count_arg(c, arg, &n)) return -1;
  for (uint64_t i = 0; i < n; ++i) {
    if (!history_search_back(c->m, bp_pred, c, &pos)) {
      history_seek(c->m, 0);
      c->exited = 0;
      cmd_printf(c, "No more reverse-execution history.");
      show_where(c);
      return 0;
    }
  }
  c->exited = 0;
  report_hit(c);
  show_where(c);
  return 0;
}

static int do_info(struct Cmd *c, const char *arg);
static int do_help(struct Cmd *c, const char *arg);

static int do_x(struct Cmd *c, const char *arg) { return cmd_x(c, "", arg); }
static int do_print(struct Cmd *c, const char *arg) {
  return cmd_print(c, "", arg);
}
static int do_tbreak(struct Cmd *c, const char *arg) {
  return do_break(c, arg, 1);
}
static int do_bbreak(struct Cmd *c, const char *arg) {
  return do_break(c, arg, 0);
}
static int do_delete(struct Cmd *c, const char *arg) {
  return do_bpnums(c, arg, 0);
}
static int do_disable(struct Cmd *c, const char *arg) {
  return do_bpnums(c, arg, 1);
}
static int do_enable(struct Cmd *c, const char *arg) {
  return do_bpnums(c, arg, 2);
}
static int do_set(struct Cmd *c, const char *arg) {
  return cmd_print(c, "set", arg);
}

static const struct {
  const char *name, *alias;
  int (*fn)(struct Cmd *, const char *);
  const char *usage, *help;
} cmds[] = {
    {"break", "b", do_bbreak, "break [LOCATION]",
     "Set a breakpoint at LOCATION: *ADDR, a function name (after its\n"
     "prologue), FILE:LINE or an expression; none means the current pc."},
    {"tbreak", NULL, do_tbreak, "tbreak [LOCATION]",
     "Set a temporary breakpoint: deleted when it is hit."},
    {"delete", "d", do_delete, "delete [N...]",
     "Delete breakpoints N... (all without arguments)."},
    {"disable", NULL, do_disable, "disable [N...]",
     "Disable breakpoints N... (all without arguments)."},
    {"enable", NULL, do_enable, "enable [N...]",
     "Enable breakpoints N... (all without arguments)."},
    {"stepi", "si", do_stepi, "stepi [N]",
     "Execute N instructions (1 by default), then show the next one."},
    {"nexti", "ni", do_nexti, "nexti [N]",
     "Like stepi, but a call runs until it returns."},
    {"finish", "fin", do_finish, "finish",
     "Run until the current function returns (a ret leaves its frame)."},
    {"continue", "c", do_continue, "continue [N]",
     "Run until a breakpoint is hit (the Nth time) or the program ends."},
    {"reverse-stepi", "rsi", do_reverse_stepi, "reverse-stepi [N]",
     "Go back N instructions in the recorded history."},
    {"reverse-nexti", "rni", do_reverse_nexti, "reverse-nexti [N]",
     "Go back N instructions, over calls (to the call instruction)."},
    {"reverse-continue", "rc", do_reverse_continue, "reverse-continue [N]",
     "Go back to the last time a breakpoint was reached (N times)."},
    {"x", NULL, do_x, "x/FMT ADDR",
     "Examine memory. FMT is [COUNT][FORMAT][SIZE]: FORMAT x d u o t c s i,\n"
     "SIZE b h w g (byte, 2, 4, 8 bytes); x/4xg $rsp, x/3i $pc."},
    {"print", "p", do_print, "print[/x] EXPR",
     "Evaluate EXPR: numbers, $rax.. $r15 $rip $pc $sp $fp $eflags,\n"
     "symbols (their address), *ADDR (8 bytes), + - * / and ( )."},
    {"set", NULL, do_set, "set $REG = EXPR",
     "Change a register (rax..r15, rip)."},
    {"info", "i", do_info, "info registers|breakpoints|symbol ADDR",
     "info registers [REG...]: the integer registers.\n"
     "info breakpoints: the breakpoint table.\n"
     "info symbol ADDR: the symbol containing ADDR."},
    {"help", "h", do_help, "help [COMMAND]",
     "List the commands, or describe one."},
};
#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))

static int find_cmd(const char *w, size_t n) {
  for (size_t i = 0; i < NCMDS; ++i)
    if ((strlen(cmds[i].name) == n && !memcmp(cmds[i].name, w, n)) ||
        (cmds[i].alias && strlen(cmds[i].alias) == n &&
         !memcmp(cmds[i].alias, w, n)))
      return (int)i;
  return -1;
}

static int do_help(struct Cmd *c, const char *arg) {
  while (isspace((unsigned char)*arg)) ++arg;
  if (*arg) {
    size_t n = strcspn(arg, " \t");
    int i = find_cmd(arg, n);
    if (i < 0) return cmd_error(c, "Undefined command: \"%.*s\".", (int)n, arg);
    cmd_printf(c, "%s", cmds[i].usage);
    cmd_printf(c, "%s", cmds[i].help);
    return 0;
  }
  for (size_t i = 0; i < NCMDS; ++i)
    cmd_printf(c, "%-40s %s%s", cmds[i].usage,
               cmds[i].alias ? "alias " : "",
               cmds[i].alias ? cmds[i].alias : "");
  return 0;
}

static int do_info(struct Cmd *c, const char *arg) {
  while (isspace((unsigned char)*arg)) ++arg;
  size_t n = strcspn(arg, " \t");
  const char *rest = arg + n;
  if (n && (!strncmp(arg, "registers", n) || !strncmp(arg, "all-registers", n)))
    return cmd_info_registers(c, rest);
  if (n && !strncmp(arg, "breakpoints", n)) return info_breakpoints(c);
  if (n >= 2 && !strncmp(arg, "symbol", n)) return cmd_info_symbol(c, rest);
  return cmd_error(c, "info: registers, breakpoints or symbol ADDR");
}

int cmd_exec(struct Cmd *c, const char *line) {
  while (isspace((unsigned char)*line)) ++line;
  if (!*line || *line == '#') return 0;
  size_t n = 0;
  while (line[n] && !isspace((unsigned char)line[n]) && line[n] != '/') ++n;
  const char *rest = line + n;
  if (n == 1 && *line == 'x') {
    /* x/FMT ADDR: the format is glued to the command. */
    char fmt[32] = "";
    if (*rest == '/') {
      size_t f = strcspn(rest + 1, " \t");
      snprintf(fmt, sizeof(fmt), "%.*s", (int)f, rest + 1);
      rest += 1 + f;
    }
    return cmd_x(c, fmt, rest);
  }
  int i = find_cmd(line, n);
  if (i < 0) return cmd_error(c, "Undefined command: \"%.*s\".  Try \"help\".",
                              (int)n, line);
  if (cmds[i].fn == do_print && *rest == '/') {
    size_t f = strcspn(rest + 1, " \t");
    char fmt[32];
    snprintf(fmt, sizeof(fmt), "%.*s", (int)f, rest + 1);
    return cmd_print(c, fmt, rest + 1 + f);
  }
  if (*rest == '/') return cmd_error(c, "%s takes no /FMT", cmds[i].name);
  return cmds[i].fn(c, rest);
}
