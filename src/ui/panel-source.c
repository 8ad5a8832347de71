/* panel-source.c: the source panel.
 *
 * The file and line DWARF attributes to RIP (src/dbg's dbg_line_at),
 * with the lines around it and the current one highlighted and marked.
 * When there is nothing to show it says why in the panel itself (no
 * symbols loaded, no -g, an address the line table does not cover, a
 * file that cannot be read), so an empty panel is never a mystery. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbg/dbg.h"
#include "ui/cursesw.h"
#include "ui/ui.h"

/* The last file read, kept so that stepping does not reread it. Line
 * starts index into text; lines are cut at '\n'. */
static struct {
  char *path;
  char *text;
  size_t *start;  /* start[i]: offset of line i+1 */
  size_t nlines;
  int failed;     /* path could not be read */
} src;

static void src_forget(void) {
  free(src.path);
  free(src.text);
  free(src.start);
  memset(&src, 0, sizeof(src));
}

/* Makes src hold path; 0, or -1 when it cannot be read. */
static int src_load(const char *path) {
  if (src.path && !strcmp(src.path, path)) return src.failed ? -1 : 0;
  src_forget();
  src.path = strdup(path);
  FILE *f = fopen(path, "rb");
  if (!f || !src.path) {
    if (f) fclose(f);
    src.failed = 1;
    return -1;
  }
  size_t cap = 0, n = 0;
  char buf[8192];
  size_t got;
  while ((got = fread(buf, 1, sizeof(buf), f)) > 0) {
    if (n + got + 1 > cap) {
      cap = (n + got + 1) * 2;
      char *t = realloc(src.text, cap);
      if (!t) break;
      src.text = t;
    }
    memcpy(src.text + n, buf, got);
    n += got;
  }
  fclose(f);
  if (!src.text) src.text = strdup("");
  if (!src.text) {
    src.failed = 1;
    return -1;
  }
  src.text[n] = 0;
  size_t lines = 1;
  for (size_t i = 0; i < n; ++i) lines += src.text[i] == '\n';
  src.start = malloc(lines * sizeof(*src.start));
  if (!src.start) {
    src.failed = 1;
    return -1;
  }
  src.start[0] = 0;
  src.nlines = 1;
  for (size_t i = 0; i < n; ++i) {
    if (src.text[i] != '\n') continue;
    src.text[i] = 0;
    if (i + 1 < n) src.start[src.nlines++] = i + 1;
  }
  return 0;
}

/* A reason, in the panel's first text row. */
static void say(struct Rect r, const char *why) {
  draw_text(r.y + 1, r.x + 1, r.w - 1, why, A_DIM);
}

/* Draws a line with tabs expanded to 8 columns. */
static void put_line(int y, int x, int w, const char *s, int attr) {
  char out[512];
  size_t o = 0;
  for (; *s && o + 9 < sizeof(out); ++s) {
    if (*s == '\t') {
      do out[o++] = ' ';
      while (o % 8);
    } else {
      out[o++] = *s;
    }
  }
  out[o] = 0;
  draw_text(y, x, w, out, attr);
}

void panel_source(struct Ui *u, struct Rect r) {
  if (!r.h) return;
  struct DbgLine l;
  uint64_t rip = u->regs.pc;
  int have = u->dbg && dbg_line_at(u->dbg, rip, &l) && l.line;
  char title[256];
  if (have) {
    const char *base = strrchr(l.file, '/');
    snprintf(title, sizeof(title), "source %s:%u", base ? base + 1 : l.file,
             l.line);
  } else {
    snprintf(title, sizeof(title), "source");
  }
  draw_title(r, title);
  if (r.h < 2) return;
  if (!u->dbg) {
    char why[320];
    snprintf(why, sizeof(why), "no symbols: %s",
             u->dbg_err[0] ? u->dbg_err : "the program could not be read");
    say(r, why);
    return;
  }
  if (!dbg_has_lines(u->dbg)) {
    say(r, "no debug info (build the program with -g)");
    return;
  }
  if (!have) {
    char why[96];
    snprintf(why, sizeof(why), "no line information for %#llx",
             (unsigned long long)rip);
    say(r, why);
    return;
  }
  /* Where the file is now (dbg_find_source: an installed or moved
   * program's sources), looked up again only when the file changes. */
  static char named[1024], found[1024];
  if (strcmp(named, l.file)) {
    snprintf(named, sizeof(named), "%s", l.file);
    dbg_find_source(u->dbg, l.file, found, sizeof(found));
  }
  if (src_load(found)) {
    char why[320];
    snprintf(why, sizeof(why), "%s:%u (file not found)", l.file, l.line);
    say(r, why);
    return;
  }
  int rows = r.h - 1;
  /* The current line a third of the way down. */
  long first = (long)l.line - rows / 3;
  if (first + rows - 1 > (long)src.nlines) first = (long)src.nlines - rows + 1;
  if (first < 1) first = 1;
  for (int i = 0; i < rows; ++i) {
    long n = first + i;
    if (n > (long)src.nlines) break;
    int y = r.y + 1 + i;
    int cur = n == (long)l.line;
    int attr = cur ? (u->colors ? (int)(COLOR_PAIR(CP_CURRENT) | A_BOLD)
                                : A_REVERSE)
                   : 0;
    if (cur) {
      attron(attr);
      mvhline(y, r.x, ' ', r.w);
      attroff(attr);
      /* Not the disassembly's triangle: one marker for RIP on screen. */
      mvaddwstr(y, r.x, L"\u2192");
    }
    char num[16];
    snprintf(num, sizeof(num), "%5ld ", n);
    int col = 2;
    col += draw_text(y, r.x + col, r.w - col, num, attr | (cur ? 0 : A_DIM));
    if (col < r.w)
      put_line(y, r.x + col, r.w - col, src.text + src.start[n - 1], attr);
  }
}
