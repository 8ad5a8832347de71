/* term.c: the guest's terminal output, captured.
 *
 * The guest shares the host's descriptors (its fd 1 is our fd 1), so
 * anything it writes would land on top of the curses screen. Before
 * curses starts, fds 1 and 2 are pointed at an unlinked temporary file;
 * the UI reads what was appended since the last look and keeps the last
 * lines for the terminal panel. A file rather than a pipe: a guest that
 * writes a lot while the UI is not reading (C, full speed) must never
 * block on a full pipe, with nobody left to drain it.
 *
 * This is the placeholder for the libvterm panel of issue 4: control
 * characters other than newline, carriage return and tab are dropped. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui/cursesw.h"
#include "ui/ui.h"

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
  if (dup2(fd, 1) < 0 || dup2(fd, 2) < 0) {
    close(fd);
    return -1;
  }
  /* Our own reading descriptor, out of the guest's way (it may close or
   * reuse low numbers) and not inherited by anything it execs. */
  t->fd = fcntl(fd, F_DUPFD_CLOEXEC, 100);
  close(fd);
  if (t->fd >= 0) vm_reserve_fd(t->fd);
  return t->fd < 0 ? -1 : 0;
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

void term_poll(struct Term *t) {
  if (t->fd < 0) return;
  char buf[4096];
  ssize_t n;
  while ((n = pread(t->fd, buf, sizeof(buf), t->off)) > 0) {
    t->off += n;
    for (ssize_t i = 0; i < n; ++i) put(t, buf[i]);
  }
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
