/* pc-screen.c: what the display shows, for the TUI and for blink -r's
 * final screen dump. vga.c knows the registers; the text is read from
 * video memory, which is plain RAM. */
#include <string.h>

#include "pc/dev.h"
#include "pc/pc-private.h"

void pc_screen(struct Pc *pc, struct PcScreen *s) {
  memset(s, 0, sizeof(*s));
  /* What mode 3 looks like, for a PC without a VGA model. */
  s->mode = 3;
  s->cols = 80;
  s->rows = 25;
  s->mem = pc_ram(pc, 0xB8000, 80 * 25 * 2);
  s->cursor_visible = 1;
  s->cursor_start = 13;
  s->cursor_end = 14;
  s->blink = 1;
  if (pc->vga) vga_screen(pc->vga, s);
}

static size_t put_utf8(char *buf, size_t len, size_t at, unsigned c) {
  char u[4];
  size_t n;
  if (c < 0x80) {
    u[0] = (char)c;
    n = 1;
  } else if (c < 0x800) {
    u[0] = (char)(0xC0 | c >> 6);
    u[1] = (char)(0x80 | (c & 0x3F));
    n = 2;
  } else {
    u[0] = (char)(0xE0 | c >> 12);
    u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    u[2] = (char)(0x80 | (c & 0x3F));
    n = 3;
  }
  for (size_t k = 0; k < n; ++k)
    if (at + k < len) buf[at + k] = u[k];
  return at + n;
}

size_t pc_screen_text(struct Pc *pc, char *buf, size_t len) {
  struct PcScreen s;
  pc_screen(pc, &s);
  size_t at = 0, keep = 0; /* keep: the length without trailing blank rows */
  if (!s.graphics && s.mem) {
    for (int r = 0; r < s.rows; ++r) {
      const uint8_t *row = s.mem + (size_t)r * s.cols * 2;
      int end = s.cols;
      /* Trailing blanks go: NUL, space and FFh all show nothing. */
      while (end > 0 && (row[(end - 1) * 2] == 0 || row[(end - 1) * 2] == ' ' ||
                         row[(end - 1) * 2] == 0xFF))
        --end;
      if (r) at = put_utf8(buf, len, at, '\n');
      for (int c = 0; c < end; ++c) at = put_utf8(buf, len, at, pc_cp437(row[c * 2]));
      if (end) keep = at;
    }
  }
  if (keep < len) buf[keep] = 0;
  else if (len) buf[len - 1] = 0;
  return keep;
}
