/* term.c: the guest's terminal.
 *
 * The guest shares the host's descriptors (its fd 1 is our fd 1), so
 * anything it writes would land on top of the curses screen. Before
 * curses starts, fds 1 and 2 (and 0, when it is a terminal) are pointed
 * at the slave side of a fresh pseudo-terminal, so that the guest still
 * sees a terminal (isatty, line-buffered stdio, a window size, a line
 * discipline that echoes and edits what is typed to it); a small thread
 * copies what arrives on the master side into an unlinked temporary file,
 * and the UI feeds what was appended since its last look to libvterm,
 * which keeps the screen the guest drew (escape sequences, colours, the
 * cursor) at the terminal panel's size. The thread, not the UI, drains
 * the pty: the VM runs on the UI's thread, so a guest writing more than
 * the pty buffers while the UI is not reading (C, full speed) would
 * otherwise block forever. Without a pty (none available), fds 1 and 2
 * go to the file directly.
 *
 * Lines that scroll off the top are kept (UI_TERM_SCROLLBACK of them) for
 * the wheel. Keys typed in input mode are written to the master
 * (term-keys.c), encoded by the same libvterm instance, which knows the
 * modes the guest set (application cursor keys and so on) and answers
 * the guest's queries (cursor position reports) the same way. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "ui/cursesw.h"
#include "ui/term.h"
#include "ui/ui.h"

/* Copies the pty master into the capture file until the master fails
 * (every slave closed: nothing more can come). The master is
 * non-blocking (so that the UI's key writes never block): wait in poll. */
static void *pump(void *arg) {
  int *fds = arg; /* master, file */
  char buf[4096];
  for (;;) {
    ssize_t n = read(fds[0], buf, sizeof(buf));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) {
      struct pollfd p = {fds[0], POLLIN, 0};
      poll(&p, 1, -1);
      continue;
    }
    if (n <= 0) break;
    for (ssize_t off = 0; off < n;) {
      ssize_t w = write(fds[1], buf + off, (size_t)(n - off));
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) return NULL;
      off += w;
    }
  }
  return NULL;
}

static int pty_slave = -1;

/* A pty whose slave becomes fds 1 and 2 (and 0 when it was a terminal:
 * a redirected stdin stays the user's); the master or -1 (nothing
 * changed). */
static int open_pty(int file) {
  static int fds[2];
  int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master < 0) return -1;
  const char *name;
  int slave = -1;
  if (grantpt(master) || unlockpt(master) || !(name = ptsname(master)) ||
      (slave = open(name, O_RDWR | O_NOCTTY)) < 0) {
    close(master);
    return -1;
  }
  /* A size for programs that ask until the first layout sets the
   * terminal panel's (term_resize). */
  struct winsize ws = {24, 80, 0, 0};
  ioctl(slave, TIOCSWINSZ, &ws);
  fds[0] = fcntl(master, F_DUPFD_CLOEXEC, 100);
  close(master);
  fds[1] = file;
  pthread_t th;
  if (fds[0] < 0 || fcntl(fds[0], F_SETFL, O_RDWR | O_NONBLOCK) ||
      ui_thread_start(&th, pump, fds)) {
    if (fds[0] >= 0) close(fds[0]);
    close(slave);
    return -1;
  }
  pthread_detach(th);
  vm_reserve_fd(fds[0]);
  int in_tty = isatty(0);
  if (dup2(slave, 1) < 0 || dup2(slave, 2) < 0 ||
      (in_tty && dup2(slave, 0) < 0))
    return -1;
  /* Our own handle on the slave, for term_resize: the guest may
   * redirect its fd 1 elsewhere. */
  pty_slave = fcntl(slave, F_DUPFD_CLOEXEC, 100);
  if (pty_slave >= 0) vm_reserve_fd(pty_slave);
  if (slave > 2) close(slave);
  return fds[0];
}

/* ---- libvterm's screen ---- */

static void sb_free(struct TermLine *l) {
  free(l->cells);
  l->cells = NULL;
  l->cols = 0;
}

/* A line leaves the top of the screen: into the ring, the oldest out. */
static int sb_pushline(int cols, const VTermScreenCell *cells, void *user) {
  struct Term *t = user;
  if (!t->sb) {
    t->sb = calloc(UI_TERM_SCROLLBACK, sizeof(*t->sb));
    if (!t->sb) return 0;
  }
  struct TermLine *l = &t->sb[t->sb_head];
  VTermScreenCell *c = realloc(l->cells, (size_t)cols * sizeof(*c));
  if (!c) return 0;
  memcpy(c, cells, (size_t)cols * sizeof(*c));
  l->cells = c;
  l->cols = cols;
  t->sb_head = (t->sb_head + 1) % UI_TERM_SCROLLBACK;
  if (t->sb_n < UI_TERM_SCROLLBACK) t->sb_n++;
  if (t->scroll) t->scroll++; /* the view stays on what it showed */
  if (t->scroll > t->sb_n) t->scroll = t->sb_n;
  return 1;
}

/* The screen grew taller: the newest line comes back from the ring. */
static int sb_popline(int cols, VTermScreenCell *cells, void *user) {
  struct Term *t = user;
  if (!t->sb_n) return 0;
  t->sb_head = (t->sb_head + UI_TERM_SCROLLBACK - 1) % UI_TERM_SCROLLBACK;
  t->sb_n--;
  struct TermLine *l = &t->sb[t->sb_head];
  for (int i = 0; i < cols; ++i) {
    if (i < l->cols) {
      cells[i] = l->cells[i];
    } else {
      memset(&cells[i], 0, sizeof(cells[i]));
      cells[i].width = 1;
      if (l->cols) {
        cells[i].fg = l->cells[0].fg;
        cells[i].bg = l->cells[0].bg;
      }
    }
  }
  sb_free(l);
  if (t->scroll > t->sb_n) t->scroll = t->sb_n;
  return 1;
}

static int settermprop(VTermProp prop, VTermValue *val, void *user) {
  struct Term *t = user;
  if (prop == VTERM_PROP_CURSORVISIBLE) t->cursor_visible = val->boolean;
  return 1;
}

static int movecursor(VTermPos pos, VTermPos old, int visible, void *user) {
  struct Term *t = user;
  (void)old;
  (void)visible;
  t->cursor_row = pos.row;
  t->cursor_col = pos.col;
  return 1;
}

/* What libvterm sends back to the guest: encoded keys (term-keys.c) and
 * answers to the guest's queries. Never blocks: a full pty drops it. */
static void output(const char *s, size_t len, void *user) {
  struct Term *t = user;
  if (t->master < 0) return;
  while (len) {
    ssize_t w = write(t->master, s, len);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return;
    s += w;
    len -= (size_t)w;
  }
}

static const VTermScreenCallbacks screen_cbs = {
    .movecursor = movecursor,
    .settermprop = settermprop,
    .sb_pushline = sb_pushline,
    .sb_popline = sb_popline,
};

static int vterm_start(struct Term *t, int rows, int cols) {
  t->vt = vterm_new(rows, cols);
  if (!t->vt) return -1;
  t->rows = rows;
  t->cols = cols;
  t->cursor_visible = 1;
  vterm_set_utf8(t->vt, 1);
  vterm_output_set_callback(t->vt, output, t);
  t->vs = vterm_obtain_screen(t->vt);
  vterm_screen_set_callbacks(t->vs, &screen_cbs, t);
  vterm_screen_enable_altscreen(t->vs, 1);
  vterm_screen_reset(t->vs, 1);
  return 0;
}

void term_resize(struct Term *t, int rows, int cols) {
  if (rows <= 0 || cols <= 0) return;
  if (t->vt && (rows != t->rows || cols != t->cols)) {
    term_poll(t); /* what was written for the old size, at the old size */
    vterm_set_size(t->vt, rows, cols);
    t->rows = rows;
    t->cols = cols;
  }
  if (pty_slave < 0) return;
  struct winsize ws = {(unsigned short)rows, (unsigned short)cols, 0, 0};
  ioctl(pty_slave, TIOCSWINSZ, &ws);
}

int term_open(struct Term *t) {
  memset(t, 0, sizeof(*t));
  t->fd = t->master = t->tty = -1;
  const char *dir = getenv("TMPDIR");
  char path[4096];
  snprintf(path, sizeof(path), "%s/blinkenlights-out.XXXXXX",
           dir && *dir ? dir : "/tmp");
  int fd = mkstemp(path);
  if (fd < 0) return -1;
  unlink(path);
  /* Our own descriptors, out of the guest's way (it may close or reuse
   * low numbers; vm_reserve_fd makes them EBADF to it) and not inherited
   * by anything it execs. */
  int file = fcntl(fd, F_DUPFD_CLOEXEC, 100);
  close(fd);
  if (file < 0) return -1;
  vm_reserve_fd(file);
  t->master = open_pty(file);
  if (t->master < 0) {
    if (dup2(file, 1) < 0 || dup2(file, 2) < 0) return -1;
    /* fds 1 and 2 are not close-on-exec, unlike `file`. */
    fcntl(1, F_SETFD, 0);
    fcntl(2, F_SETFD, 0);
  }
  t->fd = file;
  return vterm_start(t, 24, 80);
}

int term_poll(struct Term *t) {
  if (t->fd < 0 || !t->vt) return 0;
  char buf[4096];
  ssize_t n;
  int got = 0;
  while ((n = pread(t->fd, buf, sizeof(buf), t->off)) > 0) {
    t->off += n;
    got = 1;
    vterm_input_write(t->vt, buf, (size_t)n);
  }
  return got;
}

/* A line of our own in the panel (not from the guest), e.g. on restart. */
void term_note(struct Term *t, const char *text) {
  term_poll(t);
  if (!t->vt) return;
  if (t->cursor_col) vterm_input_write(t->vt, "\r\n", 2);
  vterm_input_write(t->vt, "\033[0m", 4);
  vterm_input_write(t->vt, text, strlen(text));
  vterm_input_write(t->vt, "\r\n", 2);
}

void term_scroll(struct Term *t, int dir) {
  t->scroll -= 3 * dir;
  if (t->scroll > t->sb_n) t->scroll = t->sb_n;
  if (t->scroll < 0) t->scroll = 0;
}

void panel_term(struct Ui *u, struct Rect r) {
  if (!r.h) return;
  struct Term *t = &u->term;
  term_poll(t);
  char title[96];
  if (t->focus)
    snprintf(title, sizeof(title), "terminal: INPUT to the guest (ctrl-] leaves)");
  else if (t->scroll)
    snprintf(title, sizeof(title), "terminal (scrolled back %d lines)", t->scroll);
  else if (t->waiting)
    snprintf(title, sizeof(title), "terminal (the guest waits: i types to it)");
  else if (u->pc)
    snprintf(title, sizeof(title), "COM1 and port E9 output");
  else
    snprintf(title, sizeof(title), "terminal (guest output)");
  draw_title(r, title);
  if (!t->vt) return;
  int rows = r.h - 1;
  for (int i = 0; i < rows && i < t->rows; ++i) {
    int v = i - t->scroll; /* < 0: a scrollback line */
    int y = r.y + 1 + i;
    if (v < 0) {
      int idx = t->sb_head - (-v);
      idx = (idx % UI_TERM_SCROLLBACK + UI_TERM_SCROLLBACK) % UI_TERM_SCROLLBACK;
      struct TermLine *l = &t->sb[idx];
      for (int x = 0; x < r.w && x < l->cols;)
        x += term_draw_cell(y, r.x + x, r.w - x, &l->cells[x], u->colors, 0);
      continue;
    }
    for (int x = 0; x < r.w && x < t->cols;) {
      VTermScreenCell c;
      VTermPos pos = {v, x};
      if (!vterm_screen_get_cell(t->vs, pos, &c)) {
        ++x;
        continue;
      }
      int cur = t->cursor_visible && v == t->cursor_row && x == t->cursor_col;
      x += term_draw_cell(y, r.x + x, r.w - x, &c, u->colors, cur);
    }
  }
}
