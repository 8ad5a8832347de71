/* term-wait.c: the UI stays live while the guest waits.
 *
 * The VM runs on the UI's thread, so a guest blocked in read(0) (or
 * sleeping, or in poll) would freeze the screen. The system call layer
 * instead calls this hook before a call that would block
 * (vm_set_wait_hook, debug.h); it waits for the guest's descriptors
 * together with the terminal curses reads, so that meanwhile:
 *   - the terminal panel shows what the guest (or the pty's echo) wrote,
 *   - `i` enters input mode, whose keys go to the guest (term-keys.c):
 *     typing the line it waits for lets its read return,
 *   - `?` shows the help, resizes lay the screen out again,
 *   - any other key (ctrl-C included) stops the machine *before* the
 *     call: rip stays on the syscall instruction and continuing runs
 *     the call again, so the guest never sees EINTR.
 * The hook returns "ready" when a descriptor is ready or the call's
 * timeout passed (the call then runs without blocking). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ui/cursesw.h"
#include "ui/term.h"
#include "ui/ui.h"

#define CTRL(c) ((c) & 0x1f)
enum { WAIT_FDS = 64, OUTPUT_MS = 100 };

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void wheel(struct Ui *u) {
  MEVENT ev;
  if (getmouse(&ev) != OK) return;
  struct Rect r = u->lay.term;
  if (!r.h || ev.y < r.y || ev.y >= r.y + r.h || ev.x < r.x || ev.x >= r.x + r.w)
    return;
  int dir = wheel_dir(ev.bstate, u->natural);
  if (dir) term_scroll(&u->term, dir);
}

static void waiting_message(struct Ui *u, const struct pollfd *fds,
                            int nfds) {
  char what[32] = "";
  if (nfds == 1)
    snprintf(what, sizeof(what), " (fd %d)", fds[0].fd);
  if (u->term.focus)
    snprintf(u->msg, sizeof(u->msg),
             "input mode: keys go to the program; ctrl-] returns");
  else if (!nfds)
    snprintf(u->msg, sizeof(u->msg),
             "the program sleeps: i types to it, any other key stops it");
  else
    snprintf(u->msg, sizeof(u->msg),
             "the program waits for %s%s: i types to it, any other key stops it",
             nfds == 1 && !(fds[0].events & POLLIN) ? "output room" : "input",
             what);
  u->msg_error = 0;
}

/* A key while the guest waits: 1 to stop the machine. */
static int wait_key(struct Ui *u, int ch, const struct pollfd *fds,
                    int nfds) {
  if (u->term.focus) {
    term_key(u, ch);
    if (!u->term.focus) waiting_message(u, fds, nfds);
    return 0;
  }
  switch (ch) {
    case KEY_RESIZE:
      ui_relayout(u);
      return 0;
    case KEY_MOUSE:
      wheel(u);
      return 0;
    case CTRL('L'):
      clearok(curscr, TRUE);
      return 0;
    case '?':
      help_show(u);
      return 0;
    case 'i':
      term_focus(u);
      return 0;
    default:
      return 1;
  }
}

static int wait_hook(void *ctx, const struct pollfd *fds, int nfds,
                     int timeout_ms) {
  struct Ui *u = ctx;
  struct Term *t = &u->term;
  if (nfds > WAIT_FDS) nfds = WAIT_FDS;
  struct pollfd p[WAIT_FDS + 1];
  memcpy(p, fds, (size_t)nfds * sizeof(*p));
  int np = nfds;
  if (t->tty >= 0) p[np++] = (struct pollfd){t->tty, POLLIN, 0};
  double deadline = timeout_ms >= 0 ? now() + timeout_ms / 1000.0 : 0;
  const char *mode = u->mode;
  char msg[sizeof(u->msg)];
  memcpy(msg, u->msg, sizeof(msg));
  int msg_error = u->msg_error;
  u->mode = "waiting";
  t->waiting = 1;
  waiting_message(u, fds, nfds);
  int delay = wgetdelay(stdscr); /* the caller's getch timeout */
  int result = VM_WAIT_READY, redraw = 1;
  for (;;) {
    /* Keys curses already has come first: poll cannot see them. */
    int ch;
    for (;;) {
      timeout(0); /* again each time: help_show waits with -1 */
      if ((ch = getch()) == ERR) break;
      if (wait_key(u, ch, fds, nfds)) {
        result = VM_WAIT_INTERRUPT;
        goto out;
      }
      redraw = 1;
    }
    if (redraw) {
      ui_draw(u);
      redraw = 0;
    } else if (term_poll(t)) {
      panel_term(u, u->lay.term);
      refresh();
    }
    /* Another guest thread stopped at a breakpoint: stop before the
     * call, the command reports it (cmd_thread_hit). Before the
     * deadline: syscall-wait.c's futex slices call with timeout 0. */
    if (vm_threads_stop_wanted(u->m)) {
      result = VM_WAIT_INTERRUPT;
      goto out;
    }
    int ms = OUTPUT_MS; /* the pump writes the capture file: look again */
    if (timeout_ms >= 0) {
      double left = deadline - now();
      if (left <= 0) goto out;
      if (left * 1000 < ms) ms = (int)(left * 1000) + 1;
    }
    /* A signal for the guest (its SIGALRM...) ends the wait: the call
     * then fails with EINTR or finds it (vm_signal_pending, debug.h). */
    if (vm_signal_pending(u->m)) goto out;

    int n = poll(p, (nfds_t)np, ms);
    if (n < 0 && errno != EINTR) goto out; /* let the call see it */
    if (vm_signal_pending(u->m)) goto out;
    for (int i = 0; n > 0 && i < nfds; ++i)
      if (p[i].revents) goto out;
  }
out:
  timeout(delay);
  t->waiting = 0;
  u->mode = mode;
  if (result == VM_WAIT_READY) {
    memcpy(u->msg, msg, sizeof(msg));
    u->msg_error = msg_error;
  } else if (vm_threads_stop_wanted(u->m)) {
    snprintf(u->msg, sizeof(u->msg), "another thread stopped");
    u->msg_error = 0;
  } else {
    snprintf(u->msg, sizeof(u->msg),
             "interrupted in a system call; continuing runs it again");
    u->msg_error = 0;
  }
  return result;
}

void term_attach(struct Ui *u) {
  vm_set_wait_hook(u->m, wait_hook, u);
}
