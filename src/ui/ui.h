/* ui.h: the blinkenlights terminal UI, shared between its panels.
 *
 * Each panel is a small module with a draw function that renders into a
 * rectangle the layout engine computed (layout.c); ui.c owns the loop,
 * the keys and the machine. Panels read the VM only through the public
 * headers (vm.h, debug.h, disasm.h). */
#ifndef BLINK_UI_UI_H
#define BLINK_UI_UI_H

#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/types.h>
#include <wchar.h>

#include "ui/cmd.h"
#include "vm/debug.h"

struct Machine;
struct DbgTable;

struct Rect {
  int y, x, h, w; /* h == 0 or w == 0: the panel is not shown */
};

/* Color pairs (ui.c sets them up when the terminal has colors). */
enum {
  CP_TITLE = 1, /* panel title bars */
  CP_CURRENT,   /* the instruction at RIP */
  CP_CHANGED,   /* a register or flag that the last step changed */
  CP_MNEMONIC,  /* disassembly syntax highlighting */
  CP_REGISTER,
  CP_NUMBER,
  CP_UNMAPPED,  /* memory cells with no page behind them */
  CP_STATUS,    /* the status line */
  CP_ERROR,     /* a message about something that went wrong */
};

/* Where the panels go for a terminal of a given size (layout.c). */
struct Layout {
  int lines, cols;
  int too_small;  /* below 80x24: only a message is drawn */
  struct Rect disasm, regs, flags, x87, sse, code, stack, maps, term, status;
  struct Rect source, frames; /* from 140 columns on */
  struct Rect cmdline;        /* the readline prompt: one row above status */
  struct Rect cmdout;         /* the commands' output */
  struct Rect breaks;         /* the breakpoint/watchpoint list */
  struct Rect read, write, user; /* memory around the last read, the last
                                    write, and an address the user chose */
  struct Rect screen;         /* -r: the PC's display (layout_bare) */
};
enum { UI_MIN_COLS = 80, UI_MIN_LINES = 24 };
void layout_compute(struct Layout *l, int lines, int cols);
/* -r: the PC's screen panel takes the source and terminal panels' place
 * (and the narrow layout's stack panel); a smaller terminal panel stays
 * when there is room (COM1 and port E9 output). */
void layout_bare(struct Layout *l);

/* The guest's terminal (term*.c): its fds 0, 1 and 2 are the slave of a
 * pty; what it writes is copied into a capture file by a pump thread and
 * parsed by libvterm into a screen the size of the terminal panel; the
 * lines that scroll off its top are kept for the wheel; keys typed in
 * input mode (term_focus) go to the pty master. */
struct TermLine;
struct Term {
  int fd;          /* the capture file (the pty pump, or fds 1 and 2, write it) */
  off_t off;       /* how far it has been read */
  int master;      /* the pty master (keys to the guest), or -1 */
  int tty;         /* curses' terminal descriptor (the wait hook polls it), or -1 */
  struct VTerm *vt;
  struct VTermScreen *vs;
  int rows, cols;  /* the screen's size (the panel's text area) */
  int cursor_row, cursor_col, cursor_visible;
  struct TermLine *sb; /* scrollback ring: sb_n lines, the newest at sb_head-1 */
  int sb_n, sb_head;
  int scroll;      /* lines scrolled back with the wheel (0: the live screen) */
  int focus;       /* input mode: keys go to the guest until ctrl-] */
  int waiting;     /* the guest is blocked in a system call (the wait hook) */
};
enum { UI_TERM_SCROLLBACK = 2000 };
int term_open(struct Term *t);  /* redirects fds 0, 1 and 2; 0 or -1 */
/* Takes in what the guest wrote since; whether there was anything. */
int term_poll(struct Term *t);
void term_note(struct Term *t, const char *text); /* a line of our own */
/* The guest's terminal size: the panel's text area (rows x cols). */
void term_resize(struct Term *t, int rows, int cols);
/* The wheel over the terminal panel: dir < 0 back into the scrollback. */
void term_scroll(struct Term *t, int dir);

/* What a memory panel showed, and its bytes before the last step or run,
 * so that bytes written since can be highlighted (panel-mem.c). */
enum { MEMVIEW_MAX = 8192 };
struct MemView {
  uint64_t start;              /* the range drawn last */
  size_t n;
  uint64_t before_start;       /* the snapshot */
  size_t before_n;             /* readable bytes in it */
  uint8_t before[MEMVIEW_MAX];
  int have;
  int zoom_delta;              /* ctrl+wheel: added to Ui.zoom (-z) */
  long scroll;                 /* rows scrolled (READ/WRITE/user panels) */
};
enum { MV_CODE, MV_STACK, MV_READ, MV_WRITE, MV_USER, MV_COUNT };
enum { ZOOM_MAX = 8 };         /* 1:256, one byte a cell at most zoomed out */

struct Ui {
  struct Machine *m;
  const char *prog;
  char **argv;         /* the guest's argument vector, for R (restart) */
  char **envp;
  struct Layout lay;
  struct VmRegs regs;  /* now */
  struct VmRegs prev;  /* before the last step, for change highlights */
  struct VmFpu fpu, prev_fpu;
  int sse_fmt;         /* SSE_* lane format (the v key) */
  int have_prev;
  int syntax;          /* DIS_ATT or DIS_INTEL */
  int colors;          /* the terminal has colors and -H was not given */
  int natural;         /* -N */
  int zoom;            /* -z count */
  int done;            /* the guest has exited or died: no more stepping */
  int stop;            /* the last VM_STOP_* */
  int delay_ms;        /* between animated steps (c); ctrl-T / alt-T */
  const char *mode;    /* "stopped", "running", "exited", ... */
  char msg[256];       /* the status line's last message */
  int msg_error;
  uint64_t dis_top;    /* first address the disassembly panel shows */
  int dis_pinned;      /* the wheel moved dis_top: keep it even if RIP
                          leaves the window, until the next step */
  uint64_t cursor;     /* the disassembly cursor (up/down), for b */
  int cursor_on;       /* shown since the last up/down, until a step */
  struct MemView mv[MV_COUNT];
  int snap_hold;       /* n/f: keep the snapshot taken at their start */
  long code_scroll;    /* memory panels: rows scrolled by the wheel */
  long stack_scroll;
  uint64_t read_addr, read_len;   /* the last data read and write seen */
  uint64_t write_addr, write_len; /* (vm_last_access), for READ/WRITE */
  uint64_t acc_icount; /* icount when they were taken in */
  uint64_t user_addr;  /* the user memory panel's address (mem_user_set) */
  int user_set;        /* else it shows the first writable mapping */
  double ips;          /* instructions per second of the last run */
  struct Term term;
  struct DbgTable *dbg; /* the program's symbols and lines (src/dbg), or NULL */
  char dbg_err[256];    /* why loading them failed or was partial */
  /* The command line (cmdline.c) and its interpreter: one struct Cmd,
   * the same type batch mode uses; its breakpoint set is the only one
   * (the b key, -b, -w, the margin dots and the breakpoints panel). */
  struct Cmd cmd;
  int cmd_focus;        /* keys go to the command line (the : key) */
  int cmd_ready;        /* cmdline_init ran */
  size_t hist_budget;   /* -B: the history's memory budget, bytes */
  int hist_on;          /* history_enable succeeded for u->m */
  struct CmdOut *out;   /* the commands' output (panel-cmdout.c) */
  int breaks_scroll;    /* the breakpoints panel's first row */
  int quit;             /* the quit command: leave the main loop */
  int cmdout_big;       /* o: the commands panel over the terminal's rows */
  int tty_fd;           /* the terminal curses reads (> 0), watched for a
                           key that interrupts a running command */
  /* blinkenlights -r: the PC (src/pc) whose CPU m is; NULL for a Linux
   * program. Its screen replaces the terminal panel (which shows COM1's
   * and port E9's output instead); while it runs, keys are the guest's
   * (pc-run.c). */
  struct Pc *pc;
  const char *image;    /* its boot image (R powers it on again) */
  int image_readonly;   /* -p */
  int pc_literal;       /* ctrl-V was typed: the next key goes as is */
  double pc_drawn;      /* when the screen was last drawn during a run */
};

/* breakpoints.c: the UI's view of u->cmd's breakpoint set. bp_find:
 * the index of an enabled breakpoint at addr in u->cmd.bp, or -1;
 * bp_toggle (the b key): 1 (set), 0 (cleared), -1 (full). */
enum { UI_MAX_BREAKS = CMD_MAX_BREAKS };
int bp_find(const struct Ui *u, uint64_t addr);
int bp_toggle(struct Ui *u, uint64_t addr);
/* The stop dialog's text after entry num of u->cmd stopped a run
 * (reverse: the run went backwards). */
void bp_hit_text(struct Ui *u, int num, int reverse, char *buf, size_t size);

/* run.c: what the keys do to the machine (forward through the history
 * when it records, reverse keys, restart), and the stop dialog. */
void run_step(struct Ui *u);
void run_next(struct Ui *u);
void run_finish(struct Ui *u);
void run_continue(struct Ui *u);        /* c: animated */
void run_continue_fast(struct Ui *u);   /* C */
void run_reverse(struct Ui *u, int key); /* S N F B */
void run_history_wheel(struct Ui *u, int dir); /* -1 back, 1 forward */
void run_restart(struct Ui *u);
void run_history_start(struct Ui *u);   /* history_enable with -B */
/* From another thread, during a forward run: an epoch boundary soon,
 * so that going back re-executes little (history_request_checkpoint). */
void run_request_checkpoint(struct Ui *u);
void run_sync_state(struct Ui *u);      /* re-read registers after a move */
void run_after_move(struct Ui *u, int stop);
/* A command (cmdline_exec) moved the machine: ended, rewound, ... */
void run_command_moved(struct Ui *u);
/* The status line's history part: "-1234/50000" and whether the
 * machine is replaying; 0 when nothing is recorded. */
int run_history_text(struct Ui *u, char *buf, size_t size);
/* The recording ended under us (a guest thread: history_threads). */
void run_history_check(struct Ui *u);
void ui_modal(struct Ui *u, const char *text);
void ui_say(struct Ui *u, int error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void ui_draw(struct Ui *u);
void ui_relayout(struct Ui *u);
int ui_is_final(struct Ui *u, int stop);

/* keys.c: one key (or mouse event) of the main loop; 1 means quit. */
int keys_handle(struct Ui *u, int ch);

/* cmdline.c: the readline command line in Layout.cmdline. */
void cmdline_init(struct Ui *u);     /* readline + history file */
void cmdline_focus(struct Ui *u);    /* the : key */
void cmdline_key(struct Ui *u, int ch); /* a key while focused */
void cmdline_draw(struct Ui *u);     /* the prompt row; cursor last */
void cmdline_done(struct Ui *u);     /* saves the history file */
/* Runs one command as if typed (output to the cmdout panel), then
 * brings the panels up to date and opens the stop dialog on a hit. */
int cmdline_exec(struct Ui *u, const char *line);
/* u->cmd's output callback (ctx: the Ui): lines to the cmdout panel. */
void cmdline_out(void *ctx, int err, const char *line);
/* Where the history file goes: $XDG_STATE_HOME/blinkenlights/history,
 * else ~/.local/state/blinkenlights/history (with create, the
 * directories are made). 0, or -1 when there is no such place. */
int cmdline_history_path(char *buf, size_t size, int create);

/* panel-cmdout.c: the commands' output, a ring of lines. */
void cmdout_add(struct Ui *u, int err, const char *line);
void cmdout_scroll(struct Ui *u, int lines);
void panel_cmdout(struct Ui *u, struct Rect r);
/* panel-breaks.c: breakpoints and watchpoints of u->cmd. */
void panel_breaks(struct Ui *u, struct Rect r);

/* Panels: each draws itself into its rectangle. */
void panel_disasm(struct Ui *u, struct Rect r);
void disasm_scroll(struct Ui *u, int lines);
void disasm_cursor(struct Ui *u, int lines); /* up/down */
void panel_regs(struct Ui *u, struct Rect r);
void panel_flags(struct Ui *u, struct Rect r);
void panel_code(struct Ui *u, struct Rect r);
void mem_snapshot(struct Ui *u); /* before a step or run */
void panel_read(struct Ui *u, struct Rect r);   /* around the last read */
void panel_write(struct Ui *u, struct Rect r);  /* around the last write */
void panel_user(struct Ui *u, struct Rect r);   /* around u->user_addr */
void mem_user_set(struct Ui *u, uint64_t addr);
/* The memory panel (MV_*) at a screen cell, or -1; the wheel over it
 * scrolls it by rows, ctrl+wheel zooms it out (+1) or in (-1). */
int mem_panel_at(const struct Ui *u, int y, int x);
void mem_scroll(struct Ui *u, int panel, int dir);
void mem_zoom(struct Ui *u, int panel, int dir);
int mem_zoom_level(const struct Ui *u, int panel); /* 0..ZOOM_MAX */

/* mem-zoom.c: reduces n bytes (a multiple of 2^levels) to n >> levels
 * values, one 2:1 low-pass-filtered step per level (see there). */
void zoom_reduce(const uint8_t *in, size_t n, int levels, uint8_t *out);
void panel_maps(struct Ui *u, struct Rect r);
void panel_stack(struct Ui *u, struct Rect r);
void panel_term(struct Ui *u, struct Rect r);
void panel_screen(struct Ui *u, struct Rect r); /* -r: the PC's display */

/* pc-run.c: blinkenlights -r. pc_ui_attach: the hooks a PC needs (its
 * output into the terminal panel, the halted wait). pc_ui_progress:
 * during a run (the command interpreter's progress callback): keys to
 * the guest (ctrl-C stops the run, ctrl-V sends the next key as is),
 * the screen redrawn now and then. pc_ui_mode: "real mode, 16-bit
 * code" and the like. pc_ui_key: a curses key as pc_key's code, or -1. */
void pc_ui_attach(struct Ui *u);
void pc_ui_progress(struct Ui *u);
const char *pc_ui_mode(const struct VmRegs *r);
int pc_ui_key(int ch);
int pc_ui_code_bits(const struct VmRegs *r);
void panel_x87(struct Ui *u, struct Rect r);
void panel_sse(struct Ui *u, struct Rect r);
enum { SSE_HEX8, SSE_HEX16, SSE_HEX32, SSE_HEX64, SSE_I32, SSE_U32, SSE_F32,
       SSE_F64, SSE_NFMT };
const char *sse_format_name(int fmt);
void panel_status(struct Ui *u, struct Rect r);
void panel_source(struct Ui *u, struct Rect r);  /* panel-source.c */
void panel_frames(struct Ui *u, struct Rect r);  /* panel-frames.c */
void help_show(struct Ui *u);   /* the ? screen; waits for a key */

/* The terminal panel's keys and waits (term-keys.c, term-wait.c). */
int term_focus(struct Ui *u);   /* i: input mode; 0, or -1 (no pty) */
/* A key in input mode: to the guest, or ctrl-] leaves the mode. */
void term_key(struct Ui *u, int ch);
/* Installs the wait hook on u->m (after loading or restarting it): a
 * guest blocked reading its terminal or sleeping leaves the UI live. */
void term_attach(struct Ui *u);

/* Shared drawing helpers (draw.c). */
void draw_title(struct Rect r, const char *title);
void draw_clear(struct Rect r);
/* Draws at most w columns of s at (y, x); returns columns used. */
int draw_text(int y, int x, int w, const char *s, int attr);
/* A mouse event's wheel direction (curses' button state): -1 up, 1
 * down, 0 not the wheel; natural (-N) reverses it. */
int wheel_dir(unsigned long bstate, int natural);

/* xterm-colors.c: entry i of the xterm 256-colour palette as RGB, and
 * the entry below limit (8, 16 or 256: what the terminal has) nearest to
 * an RGB colour. term-colors.c: the curses pair for curses colours fg
 * and bg (-1 the default), allocated on first use; 0 when out of pairs. */
void xterm_rgb(int i, int *r, int *g, int *b);
int xterm_nearest(int r, int g, int b, int limit);
int color_pair(int fg, int bg);

/* cp437.c: the glyph IBM code page 437 shows for a byte. */
wchar_t cp437_glyph(uint8_t b);

/* The main loop (ui.c); returns the exit status for blinkenlights. */
int ui_run(struct Ui *u);
void ui_draw(struct Ui *u);     /* every panel, now */
void ui_relayout(struct Ui *u); /* after a resize */

/* symbols.c: the program's symbols at its load address, then those of
 * every file it maps executable later (debug.h's map hook). Call after
 * vm_load; NULL (err says why) when the program can't be read as ELF.
 * ui_symbols_follow: the same table on a new machine (R restart). */
struct DbgTable *ui_symbols_load(struct Machine *m, const char *prog,
                                 char *err, size_t errsize);
void ui_symbols_follow(struct Machine *m, struct DbgTable *t);
/* -r: the BIOS ROM's symbols at their linear addresses (F0000h + the
 * ELF's offsets), or NULL with the reason in err. */
struct DbgTable *ui_symbols_bios(char *err, size_t errsize);

/* Starts a UI host thread (the terminal pump, the key watcher) with
 * every signal blocked: host signal masks follow the guest threads'
 * masks, so a process-directed signal that all guest threads block
 * must not land on a thread that runs no guest, where the host's
 * default action would kill the debugger. */
static inline int ui_thread_start(pthread_t *th, void *(*fn)(void *),
                                  void *arg) {
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, &old);
  int rc = pthread_create(th, NULL, fn, arg);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  return rc;
}

#endif
