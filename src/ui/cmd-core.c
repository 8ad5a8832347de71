/* cmd-core.c: output, locations, the command table, help and
 * dispatch. Breakpoints are in cmd-break.c, execution in cmd-run.c,
 * data in cmd-data.c, frames/lines/listing in cmd-info.c and completion
 * in cmd-complete.c. */
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

const char *cmd_dis_sym(void *ctx, uint64_t addr, uint64_t *off) {
  struct Cmd *c = ctx;
  if (!c->syms) return NULL;
  struct VmRegs r;
  vm_regs(c->m, &r);
  if (r.bare && (addr < 0xF0000 || addr > 0xFFFFF)) return NULL;
  return dbg_symbol_at(c->syms, addr, off);
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
void cmd_show_where(struct Cmd *c) {
  struct VmRegs r;
  vm_regs(c->m, &r);
  uint8_t code[16];
  size_t n = vm_peek(c->m, r.pc, code, sizeof(code));
  char text[128] = "(unreadable)", at[160];
  if (n) {
    struct DisOptions o = {DIS_ATT, r.mode, NULL, NULL};
    if (c->syms) {
      o.sym = cmd_dis_sym;
      o.sym_ctx = c;
    }
    dis_insn(text, sizeof(text), code, n, r.pc, &o);
  }
  cmd_addr_text(c, r.pc, at, sizeof(at));
  cmd_printf(c, "=> %s:\t%s", at, text);
}


bool cmd_read_word(void *ctx, uint64_t addr, uint64_t *val) {
  return !cmd_read_uint(ctx, addr, 8, val);
}

/* Resolves a breakpoint location: *EXPR, FILE:LINE, LINE (in the file
 * of the pc, else of the last list), a function name (after its
 * prologue when DWARF says where that ends), or an EXPR. */
int cmd_location(struct Cmd *c, const char *arg, uint64_t *addr) {
  char err[160], buf[512];
  while (isspace((unsigned char)*arg)) ++arg;
  snprintf(buf, sizeof(buf), "%s", arg);
  size_t n = strlen(buf);
  while (n && isspace((unsigned char)buf[n - 1])) buf[--n] = 0;
  arg = buf;
  if (!*arg) {
    *addr = vm_pc(c->m);
    return 0;
  }
  if (*arg == '*') {
    if (cmd_eval(c, arg + 1, addr, err, sizeof(err)))
      return cmd_error(c, "%s", err);
    return 0;
  }
  const char *colon = strrchr(arg, ':');
  int all_digits = arg[strspn(arg, "0123456789")] == 0;
  if ((colon && isdigit((unsigned char)colon[1])) || all_digits) {
    if (!c->syms || !dbg_has_lines(c->syms))
      return cmd_error(c, "No symbol table is loaded.  Use the \"file\" "
                          "command.");
    char file[512];
    const char *num = colon ? colon + 1 : arg;
    if (colon) {
      snprintf(file, sizeof(file), "%.*s", (int)(colon - arg), arg);
    } else {
      if (cmd_default_file(c, file, sizeof(file), NULL))
        return cmd_error(c, "No default source file: use FILE:LINE.");
    }
    uint64_t addrs[1];
    if (!dbg_addrs_for(c->syms, file, (unsigned)atoi(num), addrs, 1, NULL)) {
      return cmd_error(c, colon ? "No line %s in the program."
                                : "No line %s in the current file.",
                       colon ? arg : num);
    }
    *addr = addrs[0];
    return 0;
  }
  uint64_t a;
  if (c->syms && dbg_lookup(c->syms, arg, &a)) {
    *addr = dbg_after_prologue(c->syms, a);
    return 0;
  }
  if (cmd_eval(c, arg, addr, err, sizeof(err))) {
    if (!strncmp(err, "No symbol \"", 11))
      return cmd_error(c, "Function \"%s\" not defined.", arg);
    return cmd_error(c, "%s", err);
  }
  return 0;
}

static int do_info(struct Cmd *c, const char *arg);
static int do_help(struct Cmd *c, const char *arg);

static int do_x(struct Cmd *c, const char *arg) { return cmd_x(c, "", arg); }
static int do_quit(struct Cmd *c, const char *arg) {
  (void)arg;
  c->quit = 1;
  return 0;
}
static int do_print(struct Cmd *c, const char *arg) {
  return cmd_print(c, "", arg);
}
static int do_set(struct Cmd *c, const char *arg) {
  return cmd_print(c, "set", arg);
}

const struct CmdDef cmd_defs[] = {
    {"break", "b", cmd_do_break, "break [LOCATION] [if COND]",
     "Set a breakpoint at LOCATION: *ADDR, a function name (after its\n"
     "prologue), FILE:LINE, LINE (current file) or an expression; none\n"
     "means the pc. With `if COND' it stops only when COND is non-zero\n"
     "(an error in COND stops and says so)."},
    {"tbreak", "tb", cmd_do_tbreak, "tbreak [LOCATION] [if COND]",
     "Set a temporary breakpoint: deleted when it is hit."},
    {"condition", NULL, cmd_do_condition, "condition N [EXPR]",
     "Stop at breakpoint N only when EXPR is non-zero; no EXPR removes\n"
     "the condition."},
    {"ignore", NULL, cmd_do_ignore, "ignore N COUNT",
     "Pass over breakpoint N the next COUNT times it is reached."},
    {"delete", "d", cmd_do_delete, "delete [N...]",
     "Delete breakpoints or watchpoints N... (all without arguments)."},
    {"disable", NULL, cmd_do_disable, "disable [N...]",
     "Disable breakpoints or watchpoints N... (all without arguments)."},
    {"enable", NULL, cmd_do_enable, "enable [N...]",
     "Enable breakpoints or watchpoints N... (all without arguments)."},
    {"watch", NULL, cmd_do_watch, "watch [-l] EXPR",
     "Stop after an instruction changes the watched bytes (gdb prints\n"
     "Old value/New value). EXPR: SYMBOL (its ELF size), *ADDR (8 bytes),\n"
     "*(char|short|int|long *)ADDR or {char|short|int|long}ADDR; with -l\n"
     "(-location) EXPR's value is the address (watch -l &p). System calls\n"
     "writing there count. reverse-continue stops at the last write."},
    {"rwatch", NULL, cmd_do_rwatch, "rwatch [-l] EXPR",
     "Stop after an instruction reads the watched bytes. In reverse,\n"
     "reads are not searched: reverse-continue ignores rwatch."},
    {"awatch", NULL, cmd_do_awatch, "awatch [-l] EXPR",
     "Stop after an instruction reads or writes the watched bytes. In\n"
     "reverse only the writes are found."},
    {"step", "s", cmd_do_step, "step [N]",
     "Run to the next source line, into calls of functions with line\n"
     "info; a function without it is run to its return (\"Single stepping\n"
     "until exit ...\"). Without DWARF lines: stepi."},
    {"next", "n", cmd_do_next, "next [N]",
     "Run to the next source line, over calls. Without lines: nexti."},
    {"stepi", "si", cmd_do_stepi, "stepi [N]",
     "Execute N instructions (1 by default), then show the next one."},
    {"nexti", "ni", cmd_do_nexti, "nexti [N]",
     "Like stepi, but a call runs until it returns."},
    {"finish", "fin", cmd_do_finish, "finish [N]",
     "Run until the current function returns (N: N functions out)."},
    {"continue", "c", cmd_do_continue, "continue [N]",
     "Run until a breakpoint or watchpoint stops it or the program ends;\n"
     "N: ignore the breakpoint we are at N-1 more times."},
    {"run", "r", cmd_do_run, "run",
     "Run the program: at its entry, continue; after it ran, go back to\n"
     "the oldest recorded state (its start) and continue from there."},
    {"start", NULL, cmd_do_start, "start",
     "A temporary breakpoint on main, then run."},
    {"until", "u", cmd_do_until, "until LOCATION",
     "Run until LOCATION is reached or the current function returns\n"
     "(also: advance LOCATION)."},
    {"advance", NULL, cmd_do_until, "advance LOCATION",
     "The same as until LOCATION."},
    {"reverse-step", "rs", cmd_do_reverse_step, "reverse-step [N]",
     "Go back to the beginning of the previous source line executed,\n"
     "into the last line of functions with line info."},
    {"reverse-next", "rn", cmd_do_reverse_next, "reverse-next [N]",
     "Go back to the beginning of the previous source line, over calls."},
    {"reverse-stepi", "rsi", cmd_do_reverse_stepi, "reverse-stepi [N]",
     "Go back N instructions in the recorded history."},
    {"reverse-nexti", "rni", cmd_do_reverse_nexti, "reverse-nexti [N]",
     "Go back N instructions, over calls (to the call instruction)."},
    {"reverse-finish", "rfin", cmd_do_reverse_finish, "reverse-finish [N]",
     "Go back to the call instruction that entered the current function\n"
     "(N: N functions out)."},
    {"reverse-continue", "rc", cmd_do_reverse_continue,
     "reverse-continue [N]",
     "Go back to the last breakpoint reached or the last write to a\n"
     "watch/awatch range (the writing instruction, before it stores),\n"
     "whichever is later; N times. rwatch reads are not searched."},
    {"x", NULL, do_x, "x/FMT [ADDR]",
     "Examine memory. FMT is [COUNT][FORMAT][SIZE]: FORMAT x d u o t c s i,\n"
     "SIZE b h w g (1, 2, 4, 8 bytes); x/4xg $rsp, x/3i $pc. Without ADDR\n"
     "it continues after the last x."},
    {"print", "p", do_print, "print[/x|d|u|o|t|c|a] EXPR",
     "Evaluate EXPR: numbers, $rax.. $r15 $rip $pc $sp $fp $eflags,\n"
     "symbols (their address; &SYM too), *ADDR (8 bytes), *(int *)ADDR,\n"
     "{char}ADDR, + - * / % & | ^ << >> == != < <= > >= && || ! ~ ( )."},
    {"set", NULL, do_set, "set $REG|*ADDR|{TYPE}ADDR|var SYM = EXPR",
     "Change a register (rax..r15, rip, eflags) or memory: *ADDR 8 bytes,\n"
     "*(int *)ADDR, {char}ADDR, var SYM (the symbol's size, up to 8).\n"
     "Only at the present (not while replaying the past)."},
    {"info", "i", do_info,
     "info registers|breakpoints|watchpoints|frame|symbol|line|source|threads|signals",
     "info registers [REG...]: the integer registers.\n"
     "info breakpoints / watchpoints: the breakpoint table.\n"
     "info frame: the current frame (pc, CFA, caller).\n"
     "info symbol ADDR: the symbol containing ADDR.\n"
     "info line [LOCATION]: the addresses of a source line.\n"
     "info source: the current source file.\n"
     "info threads: the guest's threads (LWP = thread id) and where.\n"
     "info signals: which faults stop before the program's handler."},
    {"handle", NULL, cmd_do_handle, "handle SIGNAL [stop|nostop]",
     "Whether a fault (SIGSEGV SIGBUS SIGFPE SIGILL SIGTRAP) that the\n"
     "program has a handler for stops first (\"Program received signal\");\n"
     "going on then runs the handler. The four first stop by default."},
    {"thread", NULL, cmd_do_thread, "thread [N]",
     "Show the current thread (1: the one the panels show); N: where\n"
     "stopped thread N is, with its backtrace (the panels and commands\n"
     "stay on thread 1)."},
    {"backtrace", "bt", cmd_do_backtrace, "backtrace [N]",
     "The call stack (CFI, else the frame pointer chain), N frames."},
    {"frame", "f", cmd_do_frame, "frame [N]",
     "Select stack frame N (0 the innermost) for info frame, list and\n"
     "$pc $sp $fp; without N, show the selected one."},
    {"up", NULL, cmd_do_up, "up [N]", "Select the frame N (1) callers up."},
    {"down", NULL, cmd_do_down, "down [N]",
     "Select the frame N (1) calls down."},
    {"disassemble", "disas", cmd_do_disassemble,
     "disassemble [/r] [/s] [LOCATION]",
     "Disassemble the function holding LOCATION (default: the pc); \"=>\"\n"
     "marks the pc. /r adds the bytes, /s (or /m) the source lines."},
    {"list", "l", cmd_do_list, "list [LOCATION|-]",
     "Show 10 source lines around LOCATION (FUNCTION, FILE:LINE, LINE,\n"
     "*ADDR); without one, the next 10; list - the 10 before the last."},
    {"complete", NULL, cmd_do_complete, "complete TEXT",
     "List the completions of TEXT's last word (what TAB offers)."},
    {"quit", "q", do_quit, "quit",
     "Leave the debugger (batch mode: stop reading commands)."},
    {"help", "h", do_help, "help [COMMAND]",
     "List the commands, or describe one."},
};
const int cmd_ndefs = sizeof(cmd_defs) / sizeof(cmd_defs[0]);

static int find_cmd(const char *w, size_t n) {
  for (int i = 0; i < cmd_ndefs; ++i)
    if ((strlen(cmd_defs[i].name) == n && !memcmp(cmd_defs[i].name, w, n)) ||
        (cmd_defs[i].alias && strlen(cmd_defs[i].alias) == n &&
         !memcmp(cmd_defs[i].alias, w, n)))
      return i;
  /* A unique prefix, as gdb accepts. */
  int found = -1;
  for (int i = 0; i < cmd_ndefs; ++i)
    if (n && !strncmp(cmd_defs[i].name, w, n)) {
      if (found >= 0) return -2;
      found = i;
    }
  return found;
}

static int do_help(struct Cmd *c, const char *arg) {
  while (isspace((unsigned char)*arg)) ++arg;
  if (*arg) {
    size_t n = strcspn(arg, " \t");
    int i = n == 1 && *arg == 'x' ? find_cmd("x", 1) : find_cmd(arg, n);
    if (i < 0)
      return cmd_error(c, "Undefined command: \"%.*s\".  Try \"help\".",
                       (int)n, arg);
    cmd_printf(c, "%s", cmd_defs[i].usage);
    cmd_printf(c, "%s", cmd_defs[i].help);
    if (cmd_defs[i].alias) cmd_printf(c, "Alias: %s", cmd_defs[i].alias);
    return 0;
  }
  for (int i = 0; i < cmd_ndefs; ++i)
    cmd_printf(c, "%-44s %s%s", cmd_defs[i].usage,
               cmd_defs[i].alias ? "alias " : "",
               cmd_defs[i].alias ? cmd_defs[i].alias : "");
  return 0;
}

static int do_info(struct Cmd *c, const char *arg) {
  while (isspace((unsigned char)*arg)) ++arg;
  size_t n = strcspn(arg, " \t");
  const char *rest = arg + n;
#define IS(w, min) (n >= (min) && !strncmp(arg, w, n))
  if (IS("registers", 1) || IS("all-registers", 1))
    return cmd_info_registers(c, rest);
  if (IS("breakpoints", 1)) return cmd_info_breakpoints(c, 0);
  if (IS("watchpoints", 1)) return cmd_info_breakpoints(c, 1);
  if (IS("frame", 1)) return cmd_info_frame(c, rest);
  if (IS("symbol", 2)) return cmd_info_symbol(c, rest);
  if (IS("line", 1)) return cmd_info_line(c, rest);
  if (IS("source", 2)) return cmd_info_source(c, rest);
  if (IS("threads", 1)) return cmd_info_threads(c, rest);
  if (IS("signals", 3) || IS("handle", 1)) return cmd_info_signals(c, rest);
#undef IS
  if (!n) return cmd_error(c, "\"info\" must be followed by the name of an "
                              "info command.");
  return cmd_error(c, "Undefined info command: \"%.*s\".  Try \"help info\".",
                   (int)n, arg);
}

int cmd_exec(struct Cmd *c, const char *line) {
  c->moved = 0;
  c->stop = VM_STOP_NONE;
  c->hit_bp = 0;
  c->other_thread = 0;
  c->why[0] = 0;
  c->interrupted = 0;
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
  if (i == -2)
    return cmd_error(c, "Ambiguous command \"%.*s\".", (int)n, line);
  if (i < 0)
    return cmd_error(c, "Undefined command: \"%.*s\".  Try \"help\".", (int)n,
                     line);
  if (cmd_defs[i].fn == do_print && *rest == '/') {
    size_t f = strcspn(rest + 1, " \t");
    char fmt[32];
    snprintf(fmt, sizeof(fmt), "%.*s", (int)f, rest + 1);
    return cmd_print(c, fmt, rest + 1 + f);
  }
  if (*rest == '/' && cmd_defs[i].fn != cmd_do_disassemble)
    return cmd_error(c, "%s takes no /FMT", cmd_defs[i].name);
  int rc = cmd_defs[i].fn(c, rest);
  if (c->moved) c->frame = 0; /* the machine moved: frame 0 again */
  return rc;
}
