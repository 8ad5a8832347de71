/* cmd.h: the debugger's command language (gdb's words), without curses.
 *
 * cmd_exec runs one command line against a machine and hands every line
 * of output to a callback, so the UI's readline line and the batch mode
 * (-x FILE, -ex CMD) share one interpreter. Stepping goes through
 * history.h, so the reverse- commands work on what was executed. */
#ifndef BLINK_UI_CMD_H
#define BLINK_UI_CMD_H

#include <stddef.h>
#include <stdint.h>

struct Machine;
struct DbgTable;

#define CMD_MAX_BREAKS 64

struct CmdBreak {
  uint64_t addr;
  int num;     /* gdb's breakpoint number, never reused */
  int enabled;
  int temp;    /* tbreak: deleted when hit */
  long hits;
};

struct Cmd {
  struct Machine *m;
  struct DbgTable *syms; /* may be NULL: no names */
  /* Output: one line at a time, no trailing newline. err is 1 for an
   * error message (batch mode sends those to stderr). */
  void (*out)(void *ctx, int err, const char *line);
  void *out_ctx;
  struct CmdBreak bp[CMD_MAX_BREAKS];
  int nbp, next_num;
  int exited;     /* the program ended (exit or fatal signal) */
  int value_num;  /* print's $N */
};

/* Runs one command line. Returns 0, or -1 after reporting an error. */
int cmd_exec(struct Cmd *c, const char *line);

/* Evaluates EXPR (numbers, $registers, symbols, *ADDR, + - * / and
 * parentheses). Returns 0, or -1 with a message in err. */
int cmd_eval(struct Cmd *c, const char *expr, uint64_t *val, char *err,
             size_t errsize);

/* The symbol containing ADDR (or a sizeless label up to 4 KiB below). */
const char *cmd_symbol(struct Cmd *c, uint64_t addr, uint64_t *off);

/* Formats ADDR as "0x401000 <sym+4>" (no <> without a symbol). */
void cmd_addr_text(struct Cmd *c, uint64_t addr, char *buf, size_t size);

/* Output helpers for the cmd-*.c files. */
void cmd_printf(struct Cmd *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int cmd_error(struct Cmd *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* In cmd-data.c: x/FMT, print, info registers|symbol, set $reg. */
int cmd_x(struct Cmd *c, const char *fmt, const char *arg);
int cmd_print(struct Cmd *c, const char *fmt, const char *arg);
int cmd_info_registers(struct Cmd *c, const char *arg);
int cmd_info_symbol(struct Cmd *c, const char *arg);
/* Register names: index into struct VmRegs order (0..15 GPRs, 16 rip,
 * 17 rflags), or -1. */
int cmd_reg_index(const char *name, size_t len);

#endif
