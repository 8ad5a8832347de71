/* ui.h: the blinkenlights terminal UI, shared between its panels.
 *
 * Each panel is a small module with a draw function that renders into a
 * rectangle the layout engine computed (layout.c); ui.c owns the loop,
 * the keys and the machine. Panels read the VM only through the public
 * headers (vm.h, debug.h, disasm.h). */
#ifndef BLINK_UI_UI_H
#define BLINK_UI_UI_H

#include <stdint.h>
#include <sys/types.h>
#include <wchar.h>

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
};
enum { UI_MIN_COLS = 80, UI_MIN_LINES = 24 };
void layout_compute(struct Layout *l, int lines, int cols);

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
};
enum { MV_CODE, MV_STACK, MV_COUNT };

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
  uint64_t breaks[64]; /* breakpoints.c */
  int nbreaks;
  uint64_t cursor;     /* the disassembly cursor (up/down), for b */
  int cursor_on;       /* shown since the last up/down, until a step */
  struct MemView mv[MV_COUNT];
  int snap_hold;       /* n/f: keep the snapshot taken at their start */
  long code_scroll;    /* memory panels: rows scrolled by the wheel */
  long stack_scroll;
  double ips;          /* instructions per second of the last run */
  struct Term term;
  struct DbgTable *dbg; /* the program's symbols and lines (src/dbg), or NULL */
  char dbg_err[256];    /* why loading them failed or was partial */
};

/* breakpoints.c: bp_toggle returns 1 (set), 0 (cleared), -1 (full). */
enum { UI_MAX_BREAKS = 64 };
int bp_find(const struct Ui *u, uint64_t addr);
int bp_toggle(struct Ui *u, uint64_t addr);

/* Panels: each draws itself into its rectangle. */
void panel_disasm(struct Ui *u, struct Rect r);
void disasm_scroll(struct Ui *u, int lines);
void disasm_cursor(struct Ui *u, int lines); /* up/down */
void panel_regs(struct Ui *u, struct Rect r);
void panel_flags(struct Ui *u, struct Rect r);
void panel_code(struct Ui *u, struct Rect r);
void mem_snapshot(struct Ui *u); /* before a step or run */
void panel_maps(struct Ui *u, struct Rect r);
void panel_stack(struct Ui *u, struct Rect r);
void panel_term(struct Ui *u, struct Rect r);
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

/* cp437.c: the glyph IBM code page 437 shows for a byte. */
wchar_t cp437_glyph(uint8_t b);

/* The main loop (ui.c); returns the exit status for blinkenlights. */
int ui_run(struct Ui *u);
void ui_draw(struct Ui *u);     /* every panel, now */
void ui_relayout(struct Ui *u); /* after a resize */

#endif
