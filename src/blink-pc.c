/* blink-pc.c: blink -r IMAGE, the PC headless.
 *
 * The guest's teletype, serial and debug-port output go to stdout as the
 * guest wrote them; stdin's bytes are keys (a terminal is switched to
 * raw input for the run and restored on every way out). The exit status
 * is the guest's (the SYSCALL exit convention, man/blink.1 "THE PC"). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "blink-pc.h"
#include "pc/pc.h"
#include "vm/vm.h"

static struct termios saved_tio;
static volatile sig_atomic_t tio_saved;

static void restore_tty(void) {
  if (tio_saved) {
    tcsetattr(0, TCSAFLUSH, &saved_tio);
    tio_saved = 0;
  }
}

static struct termios raw_tio;
static struct Pc *running; /* for the signals that end the run */

/* SIGINT (^C), SIGTERM, SIGHUP end the run like the time limit does:
 * the screen dump still comes, the terminal is restored, and the status
 * is 128 + the signal. */
static void on_end_signal(int sig) {
  if (running) pc_interrupt(running, sig);
}

static void on_fatal_signal(int sig) {
  restore_tty();
  signal(sig, SIG_DFL);
  raise(sig);
}

/* ^Z: the shell gets its terminal back while blink is stopped, and raw
 * input again when it continues. */
static void on_stop(int sig) {
  (void)sig;
  struct termios now;
  int had = tio_saved;
  restore_tty();
  raise(SIGSTOP);
  if (had && !tcgetattr(0, &now)) {
    saved_tio = now;
    tio_saved = 1;
    tcsetattr(0, TCSAFLUSH, &raw_tio);
  }
}

/* Keys one at a time, without echo; ^C still ends blink (ISIG stays),
 * CR stays CR (the PC's Enter either way). */
static void raw_tty(void) {
  struct termios t;
  if (!isatty(0) || tcgetattr(0, &saved_tio)) return;
  t = saved_tio;
  t.c_lflag &= ~(tcflag_t)(ICANON | ECHO | IEXTEN);
  t.c_iflag &= ~(tcflag_t)(ICRNL | INLCR | IXON);
  t.c_cc[VMIN] = 1;
  t.c_cc[VTIME] = 0;
  tio_saved = 1;
  atexit(restore_tty);
  static const int sigs[] = {SIGQUIT, SIGABRT, SIGSEGV, SIGBUS, SIGPIPE};
  for (size_t k = 0; k < sizeof(sigs) / sizeof(sigs[0]); ++k)
    signal(sigs[k], on_fatal_signal);
  signal(SIGTSTP, on_stop);
  raw_tio = t;
  tcsetattr(0, TCSAFLUSH, &t);
}

/* The guest's output as it wrote it; the last byte is kept so that the
 * screen dump's header starts on a line of its own. */
static int last_byte = '\n';

static void to_stdout(void *ctx, int source, const char *s, size_t n) {
  (void)ctx;
  (void)source;
  if (!n) return;
  fwrite(s, 1, n, stdout);
  last_byte = (unsigned char)s[n - 1];
}

/* -S: "blink: screen ..." then the text; -SS: then "blink: attributes"
 * and each row's attribute bytes in hex, two digits a cell. */
static void print_screen(struct Pc *pc, int level) {
  struct PcScreen s;
  pc_screen(pc, &s);
  if (last_byte != '\n') fputc('\n', stdout);
  printf("blink: screen mode %02xh %dx%d%s cursor %d,%d\n", s.mode, s.cols,
         s.rows, s.graphics ? " graphics" : "", s.cursor_row, s.cursor_col);
  size_t n = pc_screen_text(pc, NULL, 0);
  char *buf = malloc(n + 1);
  if (buf) {
    pc_screen_text(pc, buf, n + 1);
    fwrite(buf, 1, n, stdout);
    fputc('\n', stdout);
    free(buf);
  }
  if (level > 1 && !s.graphics && s.mem) {
    printf("blink: attributes\n");
    for (int r = 0; r < s.rows; ++r) {
      for (int c = 0; c < s.cols; ++c)
        printf("%02x", s.mem[((size_t)r * s.cols + c) * 2 + 1]);
      fputc('\n', stdout);
    }
  }
  fflush(stdout);
}

int blink_pc(const struct BlinkPcArgs *a) {
  /* In the background of a shell, the terminal is not ours: touching
   * it would stop blink (SIGTTOU, SIGTTIN). No keys then. */
  int bg = isatty(0) && tcgetpgrp(0) != getpgrp();
  struct PcOptions o = {
      .image = a->image,
      .readonly = a->readonly,
      .keys_stdin = !bg,
      .time_limit = a->time_limit,
  };
  char err[512];
  struct Pc *pc = pc_new(&o, err, sizeof(err));
  if (!pc) {
    fprintf(stderr, "%s\n", err);
    return 1;
  }
  pc_set_output(pc, to_stdout, NULL);
  running = pc;
  struct sigaction sa = {.sa_handler = on_end_signal};
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
  if (!bg) raw_tty();
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  int status = pc_run(pc);
  restore_tty();
  signal(SIGINT, SIG_DFL);
  signal(SIGTERM, SIG_DFL);
  signal(SIGHUP, SIG_DFL);
  fflush(stdout);
  if (a->print_screen) print_screen(pc, a->print_screen);
  if (a->stats) {
    clock_gettime(CLOCK_MONOTONIC, &t1);
    vm_print_stats(pc_machine(pc), stderr,
                   (double)(t1.tv_sec - t0.tv_sec) +
                       (t1.tv_nsec - t0.tv_nsec) / 1e9);
  }
  running = NULL;
  pc_free(pc);
  return status;
}
