/* pc-run.c: blinkenlights -r, the parts of running a PC that a Linux
 * process does not have.
 *
 * A PC runs through the same command interpreter as a program does (C,
 * n, f and c are continue, nexti, finish: breakpoints, conditions and
 * the stop dialog work the same), on its CPU's linear addresses. What
 * differs:
 *  - keys: while the PC runs they are the guest's, as a real keyboard's
 *    (the Linux terminal panel's input mode, without entering it): the
 *    interpreter's progress callback (called whenever vm_run returns,
 *    which the key watcher makes happen every PC_TICK_MS) reads them
 *    and hands them to the keyboard controller (pc_key). ctrl-C stops
 *    the run, as it stops C for a program; ctrl-V then a key sends that
 *    key as it is (ctrl-V ctrl-C is ctrl-C for the guest), as a Unix
 *    terminal's literal-next. While stopped, keys are the debugger's.
 *  - the screen: redrawn every SCREEN_MS during a run (the panel reads
 *    video memory; nothing is copied), with the status line;
 *  - hlt: with interrupts on, the CPU waits for the next interrupt: the
 *    interpreter calls pc_halted, which sleeps until a key arrives or
 *    WAIT_MS pass, lets the PC's devices catch up (pc_service: the
 *    timer's tick is an interrupt) and runs on; nothing spins a core;
 *  - the output of COM1 and of port E9 goes to the terminal panel (its
 *    pty, fd 1); the BIOS teletype's echo (port E8) is dropped, since
 *    the screen panel shows what the teletype drew. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pc/pc.h"
#include "ui/cursesw.h"
#include "ui/ui.h"
#include "vm/vm.h"

#define CTRL(c) ((c) & 0x1f)
enum { SCREEN_MS = 50, WAIT_MS = 10 };

static double mono(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int pc_ui_code_bits(const struct VmRegs *r) {
  if (r->bits) return r->bits;
  return r->mode == VM_MODE_LONG ? 64 : r->mode == VM_MODE_PROT32 ? 32 : 16;
}

/* "real mode, 16-bit code", "protected mode, 32-bit code, CPL 3",
 * "compatibility mode, 32-bit code, CPL 0"...: the CPU's mode (its
 * first word: "protected 16-bit" is protected mode with 16-bit code)
 * and the code size the disassembly uses. */
const char *pc_ui_mode(const struct VmRegs *r) {
  static char text[80];
  const char *name = r->mode_name ? r->mode_name : "real";
  int n = (int)strcspn(name, " ");
  int real = n == 4 && !strncmp(name, "real", 4);
  if (real)
    snprintf(text, sizeof(text), "real mode, %d-bit code", pc_ui_code_bits(r));
  else
    snprintf(text, sizeof(text), "%.*s mode, %d-bit code, CPL %d", n, name,
             pc_ui_code_bits(r), r->cpl);
  return text;
}

static void pc_out(void *ctx, int source, const char *s, size_t n) {
  (void)ctx;
  if (source == PC_OUT_TTY) return; /* the screen panel shows it */
  while (n) {
    ssize_t w = write(1, s, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return;
    s += w;
    n -= (size_t)w;
  }
}

/* Keys typed during a run go to the guest. */
static void take_keys(struct Ui *u) {
  int ch;
  timeout(0);
  while ((ch = getch()) != ERR) {
    if (ch == KEY_RESIZE) {
      ui_relayout(u);
      continue;
    }
    if (ch == KEY_MOUSE) continue;
    if (!u->pc_literal) {
      if (ch == CTRL('C')) {
        ui_say(u, 0, "stopped (ctrl-C; ctrl-V ctrl-C sends it to the guest)");
        cmd_interrupt(&u->cmd);
        break;
      }
      if (ch == CTRL('V')) {
        u->pc_literal = 1;
        continue;
      }
    }
    u->pc_literal = 0;
    int k = pc_ui_key(ch);
    if (k >= 0) pc_key(u->pc, k);
  }
  timeout(-1);
}

static void draw_running(struct Ui *u) {
  double t = mono();
  if (t - u->pc_drawn < SCREEN_MS / 1000.) return;
  u->pc_drawn = t;
  vm_regs(u->m, &u->regs); /* the status line's CPU mode, live */
  panel_screen(u, u->lay.screen);
  panel_term(u, u->lay.term);
  panel_status(u, u->lay.status);
  refresh();
}

void pc_ui_progress(struct Ui *u) {
  if (u->mode && !strcmp(u->mode, "halted")) u->mode = "running";
  take_keys(u);
  draw_running(u);
}

/* The interpreter's halted hook: hlt with interrupts on. The status
 * line says "halted" while the CPU waits (progress says "running" again
 * once it runs). */
static int pc_halted(void *ctx) {
  struct Ui *u = ctx;
  struct VmRegs r;
  vm_regs(u->m, &r);
  if (!(r.rflags & VM_FLAG_IF)) return 0;
  u->mode = "halted";
  if (u->tty_fd > 0) {
    struct pollfd p = {u->tty_fd, POLLIN, 0};
    poll(&p, 1, WAIT_MS);
  } else {
    struct timespec ts = {0, WAIT_MS * 1000000L};
    nanosleep(&ts, NULL);
  }
  take_keys(u);
  draw_running(u);
  pc_service(u->pc);
  return 1;
}

void pc_ui_attach(struct Ui *u) {
  u->cmd.halted = pc_halted;
  pc_set_output(u->pc, pc_out, u);
}
