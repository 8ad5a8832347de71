/* cmd.h: the debugger's command language (gdb's words), without curses.
 *
 * cmd_exec runs one command line against a machine and hands every line
 * of output to a callback, so the UI's readline line and the batch mode
 * (-x FILE, -ex CMD) share one interpreter. Stepping goes through
 * history.h, so the reverse- commands work on what was executed. */
#ifndef BLINK_UI_CMD_H
#define BLINK_UI_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct Machine;
struct DbgTable;
struct VmWatchHit;

#define CMD_MAX_BREAKS 64

/* CmdBreak.kind: one list holds breakpoints and watchpoints, so the
 * UI's breakpoint panel, the disassembly margin, `info breakpoints` and
 * the VM (vm_break_set / vm_watch_set) all see the same set. */
enum {
  CMD_BREAK = 0, /* break / tbreak: stop before the instruction at addr */
  CMD_WATCH,     /* watch: a write that changes [addr, addr+len) */
  CMD_RWATCH,    /* rwatch: a read of the range */
  CMD_AWATCH,    /* awatch: a read or a write */
};

struct CmdBreak {
  int num;          /* gdb's number, never reused */
  int kind;         /* CMD_BREAK .. CMD_AWATCH */
  uint64_t addr;
  uint64_t len;     /* watchpoints: bytes watched (1..4096); 0 for break */
  int enabled;
  int temp;         /* tbreak: deleted when hit */
  long hits;        /* times it stopped the program (or was ignored) */
  long ignore;      /* `ignore N COUNT`: hits still to pass over */
  char cond[128];   /* `if EXPR` / `condition N EXPR`; "" for none */
  char expr[96];    /* watchpoints: the expression as typed */
  uint8_t old[8];   /* watch: the first bytes' value last seen */
  int vm_id;        /* vm_watch_set's id, -1 none (internal) */
};

struct Cmd {
  struct Machine *m;
  struct DbgTable *syms; /* may be NULL: no names */
  /* Output: one line at a time, no trailing newline. err is 1 for an
   * error message (batch mode sends those to stderr). */
  void (*out)(void *ctx, int err, const char *line);
  void *out_ctx;
  struct CmdBreak bp[CMD_MAX_BREAKS]; /* in number order; nbp used */
  int nbp, next_num;
  int exited;     /* the program ended (exit or fatal signal) */
  int value_num;  /* print's $N */

  /* Set by every cmd_exec, for the UI to read afterwards: */
  int moved;      /* the machine state changed (position, registers or
                     memory): redraw the panels */
  int stop;       /* the VM_STOP_* that ended the last execution
                     command (VM_STOP_NONE: it finished its count) */
  int hit_bp;     /* number of the breakpoint/watchpoint that stopped
                     it (its CmdBreak: cmd_break_find), 0 none */
  int other_thread; /* another guest thread's hit stopped it (thread 1,
                       the one shown, is wherever it was) */
  char why[160];  /* one line on why it stopped ("Breakpoint 1, 0x401005
                     <f+5>", "Hardware watchpoint 2: x", "[program exited
                     with code 0]"), "" when nothing stopped it */

  /* Internal state of the commands (zero is the initial state). */
  uint64_t x_next;    /* x with no address continues here */
  char x_fmt[8];      /* ... with this format */
  int x_valid;
  char list_file[256]; /* list with no argument continues */
  unsigned list_next;
  unsigned list_first; /* list -: before this line */
  int frame;          /* the selected frame (frame/up/down), 0 innermost */
  volatile int interrupted; /* cmd_interrupt */
  int quit;       /* `quit` was typed: the front end should exit */
  /* Called (with out_ctx) when a full-speed run returns from vm_run
   * without a stop, e.g. after a vm_interrupt another thread sent, so a
   * front end can show progress; NULL: nothing. (Added by the UI.) */
  void (*progress)(void *ctx);
  /* A bare machine (blinkenlights -r) halted (hlt) during a run with
   * interrupts on: the front end waits a little for one (a timer tick,
   * a key) and returns 1 to go on running, 0 to stop there. NULL (a
   * Linux process): a halt ends the program. (Added by the UI.) */
  int (*halted)(void *ctx);
};

/* Stops the command that is running (a SIGINT handler may call it):
 * it returns with stop VM_STOP_INTERRUPT after the current instruction. */
void cmd_interrupt(struct Cmd *c);

/* A zeroed struct Cmd with m, syms and out set is ready; this is that. */
void cmd_init(struct Cmd *c, struct Machine *m, struct DbgTable *syms,
              void (*out)(void *ctx, int err, const char *line),
              void *out_ctx);
/* Clears the VM breakpoints and watchpoints the Cmd set. */
void cmd_destroy(struct Cmd *c);

/* The `b` key: deletes every breakpoint (CMD_BREAK) at addr, or sets a
 * new one there ("Breakpoint N at ..." is printed either way through
 * out). Returns 1 when set, 0 when cleared, -1 when the list is full. */
int cmd_break_toggle(struct Cmd *c, uint64_t addr);
/* The enabled CMD_BREAK at addr (for the disassembly margin), or NULL. */
struct CmdBreak *cmd_break_at(struct Cmd *c, uint64_t addr);
/* The entry numbered num (any kind), or NULL. */
struct CmdBreak *cmd_break_find(struct Cmd *c, int num);
/* Adds a breakpoint (kind CMD_BREAK, len 0) or watchpoint (len bytes
 * at addr; expr is what `info breakpoints` shows, may be NULL), as the
 * -b / -w flags do. Prints what gdb prints. Returns its number, or -1
 * after an error line. */
int cmd_break_add(struct Cmd *c, int kind, uint64_t addr, uint64_t len,
                  int temp, const char *expr);

/* Completion for readline. line is the whole line (rl_line_buffer),
 * start the offset of the word being completed, text that word. Call it
 * with state 0, 1, 2... as readline's rl_completion_matches generator
 * does: each call returns the next candidate as a malloc'd string (the
 * caller/readline frees it), NULL when there are no more.
 * Candidates: command names (and aliases) for the first word; "info"
 * subcommands after info; symbol names (dbg_symbol_prefix) after break,
 * tbreak, until, watch, rwatch, awatch, list, disassemble, print, x,
 * info symbol/line/scope and after a '*' or '&'; source file names
 * followed by ':' for break/tbreak/list when DWARF lines exist. */
char *cmd_complete(struct Cmd *c, const char *line, int start,
                   const char *text, int state);

/* One instruction forward (history_step). On a PC (halted set), as the
 * CPU's own single-step trap: a hardware interrupt taken at the
 * boundary (its delivery is vm_step's step there: vm_step_took_irq), in
 * any CPU mode, runs its
 * whole handler back to where the step began (a breakpoint in it stops
 * there), then the instruction is stepped; a CPU halted with interrupts
 * on waits (the halted hook, up to a second) for the interrupt that
 * wakes it. Returns the VM_STOP_*. */
int cmd_step_insn(struct Cmd *c);

/* Runs one command line. Returns 0, or -1 after reporting an error. */
int cmd_exec(struct Cmd *c, const char *line);

/* Evaluates EXPR (numbers, $registers, symbols, *ADDR, + - * / and
 * parentheses). Returns 0, or -1 with a message in err. */
int cmd_eval(struct Cmd *c, const char *expr, uint64_t *val, char *err,
             size_t errsize);

/* The symbol containing ADDR (or a sizeless label up to 4 KiB below). */
const char *cmd_symbol(struct Cmd *c, uint64_t addr, uint64_t *off);

/* The disassembler's names for branch targets (a DisSymFn, ctx the
 * Cmd): the symbol table's, except on a PC (-r), whose table is the
 * ROM's: outside F0000h-FFFFFh no name (the nearest symbol below would
 * be the ROM's last label, megabytes away). */
const char *cmd_dis_sym(void *ctx, uint64_t addr, uint64_t *off);

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

/* ---- Shared by the cmd-*.c files (not for the UI) ---- */

/* Breakpoint LOCATION: *EXPR, FILE:LINE, LINE (the current file), a
 * function (after its prologue), an EXPR; empty = pc. 0 or -1 (error
 * reported). */
int cmd_location(struct Cmd *c, const char *arg, uint64_t *addr);
/* "=> 0x401005 <f+5>:\tinsn" for the pc. */
void cmd_show_where(struct Cmd *c);
/* The source line of pc: "LINE\ttext" (or "FILE:LINE" without the
 * file); 0, or -1 without line info. */
int cmd_show_line(struct Cmd *c, uint64_t pc, int with_func);
/* The current source file (last listed or shown, the pc's, main's):
 * 0, or -1 without one; *line (may be NULL): where list starts. */
int cmd_default_file(struct Cmd *c, char *buf, size_t size, unsigned *line);
/* Line text of FILE (1-based) into buf: 0, or -1 unreadable. */
int cmd_source_line(struct Cmd *c, const char *file, unsigned line, char *buf,
                    size_t size);
/* Sets why/hit_bp/stop and prints the line. */
void cmd_stopped(struct Cmd *c, int stop, int num, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Mirrors the enabled entries into the VM (vm_break_set/vm_watch_set)
 * when it has them; remembers the watched values. */
void cmd_vm_sync(struct Cmd *c);
int cmd_vm_has_breaks(void);
int cmd_vm_has_watches(void);
/* After reaching pc going forward: whether an enabled breakpoint there
 * stops (conditions, ignore counts, hit counts, temp deletion; prints
 * "Breakpoint N, ..."). 1 stop, 0 go on. */
int cmd_bp_hit(struct Cmd *c, uint64_t pc);
/* The same for a reverse search: no counts changed. */
int cmd_bp_would_stop(struct Cmd *c, uint64_t pc);
/* After an instruction going forward: a watchpoint triggered (VM
 * report, or changed bytes when the VM has no watchpoints). Prints the
 * gdb lines and returns 1, else 0. vm_stop: what history_* returned. */
int cmd_watch_check(struct Cmd *c, int vm_stop);
/* The same for a hit the VM described (another thread's: who prefixes
 * the stop line, "Thread 2 (LWP 1235) hit "). */
int cmd_watch_report(struct Cmd *c, const struct VmWatchHit *h,
                     const char *who);
/* Whether any enabled watchpoint exists (forces stepping without VM
 * watchpoints). */
int cmd_any_watch(struct Cmd *c);
/* Reads len (<= 8) bytes little endian; 0 or -1. */
int cmd_read_uint(struct Cmd *c, uint64_t addr, int len, uint64_t *val);
/* A DbgReadFn over the guest's memory (ctx: the Cmd). */
bool cmd_read_word(void *ctx, uint64_t addr, uint64_t *val);
/* Parses a size cast at *p: "{int}", "(long *)" etc.: returns the size
 * of the pointee (1, 2, 4, 8) and advances *p, or 0. */
int cmd_parse_cast(const char **p, int braces);
/* Commands implemented in the other files. */
int cmd_do_break(struct Cmd *c, const char *arg);
int cmd_do_tbreak(struct Cmd *c, const char *arg);
int cmd_do_delete(struct Cmd *c, const char *arg);
int cmd_do_disable(struct Cmd *c, const char *arg);
int cmd_do_enable(struct Cmd *c, const char *arg);
int cmd_do_condition(struct Cmd *c, const char *arg);
int cmd_do_ignore(struct Cmd *c, const char *arg);
int cmd_do_watch(struct Cmd *c, const char *arg);
int cmd_do_rwatch(struct Cmd *c, const char *arg);
int cmd_do_awatch(struct Cmd *c, const char *arg);
int cmd_info_breakpoints(struct Cmd *c, int watch_only);
int cmd_do_step(struct Cmd *c, const char *arg);
int cmd_do_next(struct Cmd *c, const char *arg);
int cmd_do_stepi(struct Cmd *c, const char *arg);
int cmd_do_nexti(struct Cmd *c, const char *arg);
int cmd_do_finish(struct Cmd *c, const char *arg);
int cmd_do_continue(struct Cmd *c, const char *arg);
int cmd_do_until(struct Cmd *c, const char *arg);
int cmd_do_run(struct Cmd *c, const char *arg);
int cmd_do_start(struct Cmd *c, const char *arg);
int cmd_do_reverse_step(struct Cmd *c, const char *arg);
int cmd_do_reverse_next(struct Cmd *c, const char *arg);
int cmd_do_reverse_stepi(struct Cmd *c, const char *arg);
int cmd_do_reverse_nexti(struct Cmd *c, const char *arg);
int cmd_do_reverse_finish(struct Cmd *c, const char *arg);
int cmd_do_reverse_continue(struct Cmd *c, const char *arg);
int cmd_do_backtrace(struct Cmd *c, const char *arg);
int cmd_do_disassemble(struct Cmd *c, const char *arg);
int cmd_do_list(struct Cmd *c, const char *arg);
int cmd_do_complete(struct Cmd *c, const char *arg);
int cmd_info_frame(struct Cmd *c, const char *arg);
int cmd_do_frame(struct Cmd *c, const char *arg);
int cmd_do_up(struct Cmd *c, const char *arg);
int cmd_do_down(struct Cmd *c, const char *arg);
/* The registers of frame level (0: the machine's); returns the level
 * reached (less at the end of the stack). */
struct DbgFrameRegs;
int cmd_frame_regs(struct Cmd *c, int level, struct DbgFrameRegs *f);
int cmd_info_line(struct Cmd *c, const char *arg);
int cmd_info_source(struct Cmd *c, const char *arg);
/* cmd-threads.c: info threads, thread [N]; after the front machine
 * stopped or before it runs: */
int cmd_info_threads(struct Cmd *c, const char *arg);
/* backtrace from the registers r (another thread's), max frames. */
struct VmRegs;
int cmd_backtrace_regs(struct Cmd *c, const struct VmRegs *r, uint64_t max);
int cmd_do_thread(struct Cmd *c, const char *arg);
/* Another guest thread reached one of the user's breakpoints: prints
 * the stop and returns 1 (the command stops); 0 when none did; -1 for a
 * breakpoint not the user's (the front's run may have returned for it:
 * cmd_threads_run, then run again). */
int cmd_thread_hit(struct Cmd *c);
/* Lets the other guest threads run (before running the front); 1 when
 * instead another thread's pending hit is to be reported first
 * (cmd_thread_hit). */
int cmd_threads_go(struct Cmd *c);
/* cmd_threads_go until the threads run (0) or a pending hit was
 * reported as a stop (1): what every forward move does first. */
int cmd_threads_run(struct Cmd *c);
/* cmd-handle.c: handle SIG [no]stop, info signals; gdb's defaults
 * (the faults stop before the guest's handler) for a new machine. */
int cmd_do_handle(struct Cmd *c, const char *arg);
int cmd_info_signals(struct Cmd *c, const char *arg);
void cmd_signals_default(struct Cmd *c);
/* The command table, for help and completion. */
struct CmdDef {
  const char *name, *alias;
  int (*fn)(struct Cmd *, const char *);
  const char *usage, *help;
};
extern const struct CmdDef cmd_defs[];
extern const int cmd_ndefs;

#endif
