/* panel-fpu.c: the x87 stack and status, and the SSE registers.
 *
 * x87: ST(0)..ST(7) as numbers (empty registers say so), then the
 * control and status words and TOP. SSE: xmm0..xmm15 as lanes in the
 * format the v key cycles through (bytes, words, dwords, qwords in hex,
 * dwords as signed or unsigned decimal, floats, doubles), lane 0 first.
 * Values the last step changed are highlighted. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stdio.h>
#include <string.h>

#include "ui/cursesw.h"
#include "ui/ui.h"

static int changed_attr(struct Ui *u) {
  return u->colors ? (int)(COLOR_PAIR(CP_CHANGED) | A_BOLD) : A_REVERSE;
}

void panel_x87(struct Ui *u, struct Rect r) {
  if (!r.h) return;
  draw_title(r, "x87");
  const struct VmFpu *f = &u->fpu, *p = &u->prev_fpu;
  for (int i = 0; i < 8 && 1 + i < r.h; ++i) {
    char line[64];
    if (f->st_empty[i]) {
      snprintf(line, sizeof(line), "st%d empty", i);
    } else {
      long double v;
      memcpy(&v, f->st[i], 10);
      snprintf(line, sizeof(line), "st%d %.18Lg", i, v);
    }
    int ch = u->have_prev && (memcmp(f->st[i], p->st[i], 10) ||
                              f->st_empty[i] != p->st_empty[i]);
    draw_text(r.y + 1 + i, r.x, r.w, line, ch ? changed_attr(u) : 0);
  }
  /* Formatting long doubles touched the host x87 flags. */
  vm_host_fp_used();
  if (r.h > 9) {
    char line[64];
    snprintf(line, sizeof(line), "cw %04x sw %04x tw %04x top %d", f->cw,
             f->sw, f->tw, f->top);
    int ch = u->have_prev && (f->cw != p->cw || f->sw != p->sw ||
                              f->tw != p->tw);
    draw_text(r.y + 9, r.x, r.w, line, ch ? changed_attr(u) : 0);
  }
}

static const char *const fmt_names[SSE_NFMT] = {
    "hex8", "hex16", "hex32", "hex64", "i32", "u32", "f32", "f64",
};

const char *sse_format_name(int fmt) { return fmt_names[fmt % SSE_NFMT]; }

/* One register in format fmt: lanes separated by a space. */
static void lanes(char *out, size_t size, const uint8_t x[16], int fmt) {
  size_t n = 0;
  out[0] = 0;
  for (int off = 0; off < 16 && n < size;) {
    int w;
    uint64_t q = 0;
    switch (fmt) {
      case SSE_HEX8: w = 1; break;
      case SSE_HEX16: w = 2; break;
      case SSE_HEX64: case SSE_F64: w = 8; break;
      default: w = 4; break;
    }
    memcpy(&q, x + off, w);
    int k = 0;
    switch (fmt) {
      case SSE_HEX8: k = snprintf(out + n, size - n, "%02llx ", (unsigned long long)q); break;
      case SSE_HEX16: k = snprintf(out + n, size - n, "%04llx ", (unsigned long long)q); break;
      case SSE_HEX32: k = snprintf(out + n, size - n, "%08llx ", (unsigned long long)q); break;
      case SSE_HEX64: k = snprintf(out + n, size - n, "%016llx ", (unsigned long long)q); break;
      case SSE_I32: k = snprintf(out + n, size - n, "%11d ", (int32_t)(uint32_t)q); break;
      case SSE_U32: k = snprintf(out + n, size - n, "%10u ", (uint32_t)q); break;
      case SSE_F32: {
        float v;
        memcpy(&v, x + off, 4);
        k = snprintf(out + n, size - n, "%11.5g ", v);
        break;
      }
      default: {
        double v;
        memcpy(&v, x + off, 8);
        k = snprintf(out + n, size - n, "%23.15g ", v);
        break;
      }
    }
    if (k < 0) break;
    n += (size_t)k;
    off += w;
  }
}

void panel_sse(struct Ui *u, struct Rect r) {
  if (!r.h) return;
  char title[64];
  snprintf(title, sizeof(title), "sse (%s, lane 0 first; v: format)",
           sse_format_name(u->sse_fmt));
  draw_title(r, title);
  for (int i = 0; i < 16 && 1 + i < r.h; ++i) {
    char name[8], line[160];
    snprintf(name, sizeof(name), "xmm%-2d ", i);
    int col = draw_text(r.y + 1 + i, r.x, r.w, name, 0);
    lanes(line, sizeof(line), u->fpu.xmm[i], u->sse_fmt);
    int ch = u->have_prev && memcmp(u->fpu.xmm[i], u->prev_fpu.xmm[i], 16);
    draw_text(r.y + 1 + i, r.x + col, r.w - col, line,
              ch ? changed_attr(u) : 0);
  }
}
