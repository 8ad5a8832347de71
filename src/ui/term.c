/* term.c: the guest's terminal output, captured.
 *
 * The guest shares the host's descriptors (its fd 1 is our fd 1), so
 * anything it writes would land on top of the curses screen. Before
 * curses starts, fds 1 and 2 are pointed at the slave side of a fresh
 * pseudo-terminal, so that the guest still sees a terminal (isatty,
 * line-buffered stdio, a window size); a small thread copies what
 * arrives on the master side into an unlinked temporary file, and the
 * UI reads what was appended since its last look. The thread, not the
 * UI, drains the pty: the VM runs on the UI's thread, so a guest
 * writing more than the pty buffers while the UI is not reading (C,
 * full speed) would otherwise block forever. Without a pty (none
 * available), fds 1 and 2 go to the file directly.
 *
 * This is the placeholder for the libvterm panel of issue 4: control
 * characters other than newline, carriage return and tab are dropped,
 * and no keys reach the guest yet (a terminal stdin becomes /dev/null). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "ui/cursesw.h"
#include "ui/ui.h"

/* Copies the pty master into the capture file until the master fails
 * (every slave closed: nothing more can come). */
static void *pump(void *arg) {
  int *fds = arg; /* master, file */
  char buf[4096];
  for (;;) {
    ssize_t n = read(fds[0], buf, sizeof(buf));
    if (n < 0 && errno == EINTR) continue;
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

/* A pty whose slave becomes fds 1 and 2; 0 or -1 (nothing changed). */
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
  if (fds[0] < 0 || pthread_create(&th, NULL, pump, fds)) {
    if (fds[0] >= 0) close(fds[0]);
    close(slave);
    return -1;
  }
  pthread_detach(th);
  vm_reserve_fd(fds[0]);
  if (dup2(slave, 1) < 0 || dup2(slave, 2) < 0) return -1;
  /* Our own handle on the slave, for term_resize: the guest may
   * redirect its fd 1 elsewhere. */
  pty_slave = fcntl(slave, F_DUPFD_CLOEXEC, 100);
  if (pty_slave >= 0) vm_reserve_fd(pty_slave);
  if (slave > 2) close(slave);
  return 0;
}

void term_resize(struct Term *t, int rows, int cols) {
  (void)t;
  if (pty_slave < 0 || rows <= 0 || cols <= 0) return;
  struct winsize ws = {(unsigned short)rows, (unsigned short)cols, 0, 0};
  ioctl(pty_slave, TIOCSWINSZ, &ws);
}

int term_open(struct Term *t) {
  memset(t, 0, sizeof(*t));
  t->fd = -1;
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
  if (open_pty(file)) {
    if (dup2(file, 1) < 0 || dup2(file, 2) < 0) return -1;
    /* fds 1 and 2 are not close-on-exec, unlike `file`. */
    fcntl(1, F_SETFD, 0);
    fcntl(2, F_SETFD, 0);
  }
  t->fd = file;
  return 0;
}

static void put(struct Term *t, char c) {
  char *line = t->lines[t->head];
  if (c == '\n') {
    t->head = (t->head + 1) % UI_TERM_LINES;
    t->lines[t->head][0] = 0;
    t->col = 0;
    t->total++;
    return;
  }
  if (c == '\r') {
    t->col = 0;
    return;
  }
  if (c == '\t') {
    do put(t, ' '); while (t->col % 8);
    return;
  }
  if ((unsigned char)c < 0x20 || c == 0x7f) return;
  if (t->col >= UI_TERM_COLS - 1) return;
  int len = (int)strlen(line);
  line[t->col++] = c;
  if (t->col > len) line[t->col] = 0;
}

int term_poll(struct Term *t) {
  if (t->fd < 0) return 0;
  char buf[4096];
  ssize_t n;
  int got = 0;
  while ((n = pread(t->fd, buf, sizeof(buf), t->off)) > 0) {
    t->off += n;
    got = 1;
    for (ssize_t i = 0; i < n; ++i) put(t, buf[i]);
  }
  return got;
}

void panel_term(struct Ui *u, struct Rect r) {
  if (!r.h) return;
  struct Term *t = &u->term;
  term_poll(t);
  draw_title(r, "terminal (guest output)");
  int rows = r.h - 1;
  /* The last rows lines, the one being written included when not empty. */
  int last = t->head;
  if (!t->lines[last][0]) last = (last + UI_TERM_LINES - 1) % UI_TERM_LINES;
  for (int i = 0; i < rows; ++i) {
    int idx = (last - (rows - 1 - i) + 2 * UI_TERM_LINES) % UI_TERM_LINES;
    draw_text(r.y + 1 + i, r.x, r.w, t->lines[idx], 0);
  }
}

/* A line of our own in the panel (not from the guest), e.g. on restart. */
void term_note(struct Term *t, const char *text) {
  term_poll(t);
  if (t->col) put(t, '\n');
  for (const char *p = text; *p; ++p) put(t, *p);
  put(t, '\n');
}
