/* vga.c: the VGA's registers (see dev.h); its memory is plain RAM.
 *
 * CRTC (index/data at 3B4h/3B5h and 3D4h/3D5h: both answer, whatever
 * the misc output's I/O select says, so a program that picked the wrong
 * pair still moves the cursor), input status 1 (3BAh/3DAh: display
 * enable and vertical retrace follow a 640x400 70 Hz frame on pc_now;
 * reading it resets the attribute controller's flip-flop), the
 * attribute controller (3C0h/3C1h), misc output (3C2h write, 3CCh
 * read), sequencer (3C4h/3C5h), graphics controller (3CEh/3CFh) and the
 * DAC (3C6h mask, 3C7h/3C8h read and write index, 3C9h data, three
 * 6-bit components an entry). The planar and chained memory modes are
 * not emulated: text modes read their characters from B8000h (B0000h
 * for mode 7), CGA graphics (modes 4-6) their interleaved pixels from
 * B8000h and mode 13h its pixels from A0000h, all plain RAM.
 *
 * Power-on state: the DAC holds the default mode-13h palette (the 16
 * CGA colours, 16 greys, 216 colours in 24 hues x 3 saturations x 3
 * intensities, 8 blacks) and the attribute palette is the identity, so
 * text is right whether or not a BIOS loads the EGA-style text palette. */
#include <stdint.h>
#include <string.h>

#include "pc/dev.h"

#define LINE_NS 31778      /* 800 dot clocks at 25.175 MHz */
#define ACTIVE_NS 25422    /* 640 of them show pixels */
#define FRAME_LINES 449
#define VISIBLE_LINES 400
#define VRETRACE_LINE 412  /* 2 lines of vertical sync */

struct Vga {
  struct Pc *pc;
  uint8_t crtc[25], crtc_index;
  uint8_t attr[21], attr_index, attr_flip; /* flip 1: next 3C0h is data */
  uint8_t seq[5], seq_index;
  uint8_t gc[9], gc_index;
  uint8_t misc;
  uint8_t dac[256][3];
  uint8_t dac_mask, dac_read, dac_write, dac_comp, dac_state;
  uint8_t *cga; /* CGA graphics unpacked to a byte a pixel (640x200) */
};

static uint8_t scale(uint8_t v) {
  v &= 63;
  return (uint8_t)(v << 2 | v >> 4);
}

static void default_palette(struct Vga *v) {
  static const uint8_t kCga[16][3] = {
      {0, 0, 0},    {0, 0, 42},   {0, 42, 0},   {0, 42, 42},
      {42, 0, 0},   {42, 0, 42},  {42, 21, 0},  {42, 42, 42},
      {21, 21, 21}, {21, 21, 63}, {21, 63, 21}, {21, 63, 63},
      {63, 21, 21}, {63, 21, 63}, {63, 63, 21}, {63, 63, 63}};
  static const uint8_t kGrey[16] = {0,  5,  8,  11, 14, 17, 20, 24,
                                    28, 32, 36, 40, 45, 50, 56, 63};
  /* Five component levels for each intensity x saturation band, low to
   * high; the 24 hues walk blue, magenta, red, yellow, green, cyan. */
  static const uint8_t kLevels[3][3][5] = {
      {{0, 16, 31, 47, 63}, {31, 39, 47, 55, 63}, {45, 49, 54, 58, 63}},
      {{0, 7, 14, 21, 28}, {14, 17, 21, 24, 28}, {20, 22, 24, 26, 28}},
      {{0, 4, 8, 12, 16}, {8, 10, 12, 14, 16}, {11, 12, 13, 15, 16}}};
  int i, b, s, h, n = 32;
  memcpy(v->dac, kCga, sizeof(kCga));
  for (i = 0; i < 16; ++i)
    v->dac[16 + i][0] = v->dac[16 + i][1] = v->dac[16 + i][2] = kGrey[i];
  for (b = 0; b < 3; ++b) {
    for (s = 0; s < 3; ++s) {
      const uint8_t *l = kLevels[b][s];
      for (h = 0; h < 24; ++h, ++n) {
        /* Each component's level along the wheel: rising, high,
         * falling, low, in steps of one over four hues. */
        int k, c[3];
        for (k = 0; k < 3; ++k) {
          /* red rises over hues 0-4, stays 4-12, falls 12-16;
           * green is red 8 hues later, blue 8 hues before red */
          int p = ((h - 8 * (k == 1) + 8 * (k == 2)) % 24 + 24) % 24;
          c[k] = p <= 4 ? l[p] : p <= 12 ? l[4] : p <= 16 ? l[16 - p]
                                                           : l[0];
        }
        v->dac[n][0] = (uint8_t)c[0];
        v->dac[n][1] = (uint8_t)c[1];
        v->dac[n][2] = (uint8_t)c[2];
      }
    }
  }
  /* 248-255 stay black. */
}

/* Input status 1: bit 0 the display is not showing pixels (horizontal
 * or vertical blanking), bit 3 vertical retrace. */
static uint8_t status1(struct Vga *v) {
  uint64_t now = pc_now(v->pc);
  uint64_t line = now / LINE_NS % FRAME_LINES, x = now % LINE_NS;
  uint8_t s = 0;
  if (line >= VISIBLE_LINES || x >= ACTIVE_NS) s |= 0x01;
  if (line >= VRETRACE_LINE && line < VRETRACE_LINE + 2) s |= 0x08;
  return s;
}

static uint32_t vga_in(void *dev, uint16_t port, unsigned size) {
  struct Vga *v = dev;
  uint8_t b;
  if (size > 1) return pc_split_in(vga_in, dev, port, size);
  switch (port) {
    case 0x3b4:
    case 0x3d4:
      return v->crtc_index;
    case 0x3b5:
    case 0x3d5:
      return v->crtc_index < sizeof(v->crtc) ? v->crtc[v->crtc_index] : 0xff;
    case 0x3ba:
    case 0x3da:
      v->attr_flip = 0;
      return status1(v);
    case 0x3c0:
      return v->attr_index;
    case 0x3c1:
      return (v->attr_index & 0x1f) < sizeof(v->attr)
                 ? v->attr[v->attr_index & 0x1f]
                 : 0xff;
    case 0x3c2: /* input status 0: no switch sense, no interrupt */
      return 0x00;
    case 0x3c4:
      return v->seq_index;
    case 0x3c5:
      return v->seq_index < sizeof(v->seq) ? v->seq[v->seq_index] : 0xff;
    case 0x3c6:
      return v->dac_mask;
    case 0x3c7: /* DAC state: 3 after a read index was set, 0 write */
      return v->dac_state;
    case 0x3c8:
      return v->dac_write;
    case 0x3c9:
      b = v->dac[v->dac_read][v->dac_comp];
      if (++v->dac_comp == 3) {
        v->dac_comp = 0;
        ++v->dac_read;
      }
      return b;
    case 0x3cc:
      return v->misc;
    case 0x3ce:
      return v->gc_index;
    case 0x3cf:
      return v->gc_index < sizeof(v->gc) ? v->gc[v->gc_index] : 0xff;
    default:
      return 0xff;
  }
}

static void crtc_write(struct Vga *v, uint8_t b) {
  uint8_t i = v->crtc_index;
  if (i >= sizeof(v->crtc)) return;
  /* CR11 bit 7 protects CR00-CR07, except CR07's line compare bit 4. */
  if ((v->crtc[0x11] & 0x80) && i <= 7) {
    if (i == 7) v->crtc[7] = (uint8_t)((v->crtc[7] & ~0x10) | (b & 0x10));
    return;
  }
  v->crtc[i] = b;
}

static void vga_out(void *dev, uint16_t port, unsigned size, uint32_t val) {
  struct Vga *v = dev;
  uint8_t b = (uint8_t)val;
  if (size > 1) { /* out dx, ax: index in AL, data in AH */
    pc_split_out(vga_out, dev, port, size, val);
    return;
  }
  switch (port) {
    case 0x3b4:
    case 0x3d4:
      v->crtc_index = b & 0x3f;
      break;
    case 0x3b5:
    case 0x3d5:
      crtc_write(v, b);
      break;
    case 0x3c0:
      if (!v->attr_flip) {
        v->attr_index = b & 0x3f; /* bit 5: palette address source */
      } else if ((v->attr_index & 0x1f) < sizeof(v->attr)) {
        v->attr[v->attr_index & 0x1f] = b;
      }
      v->attr_flip ^= 1;
      break;
    case 0x3c2:
      v->misc = b;
      break;
    case 0x3c4:
      v->seq_index = b & 7;
      break;
    case 0x3c5:
      if (v->seq_index < sizeof(v->seq)) v->seq[v->seq_index] = b;
      break;
    case 0x3c6:
      v->dac_mask = b;
      break;
    case 0x3c7:
      v->dac_read = b;
      v->dac_comp = 0;
      v->dac_state = 3;
      break;
    case 0x3c8:
      v->dac_write = b;
      v->dac_comp = 0;
      v->dac_state = 0;
      break;
    case 0x3c9:
      v->dac[v->dac_write][v->dac_comp] = b & 63;
      if (++v->dac_comp == 3) {
        v->dac_comp = 0;
        ++v->dac_write;
      }
      break;
    case 0x3ce:
      v->gc_index = b & 15;
      break;
    case 0x3cf:
      if (v->gc_index < sizeof(v->gc)) v->gc[v->gc_index] = b;
      break;
    default:
      break;
  }
}

/* Colours 0-15 through the attribute palette, colour select and DAC
 * (text and CGA modes); the rest straight from the DAC. */
static void text_palette(struct Vga *v, struct PcScreen *s) {
  uint8_t mode_ctl = v->attr[0x10], csel = v->attr[0x14];
  int i;
  for (i = 0; i < 256; ++i) {
    int k = i;
    if (i < 16) {
      k = v->attr[i] & 0x3f;
      if (mode_ctl & 0x80) k = (k & 0x0f) | (csel & 3) << 4;
      k |= (csel & 0x0c) << 4;
    }
    s->palette[i][0] = scale(v->dac[k][0]);
    s->palette[i][1] = scale(v->dac[k][1]);
    s->palette[i][2] = scale(v->dac[k][2]);
  }
}

/* CGA graphics at B8000h: even scan lines from B8000h, odd ones from
 * BA000h, 80 bytes each; modes 4 and 5 pack four 2-bit pixels a byte
 * (320x200), mode 6 eight 1-bit ones (640x200), leftmost in the high
 * bits. Unpacked into a byte a pixel, colours through the attribute
 * palette as the VGA does. */
static void cga_screen(struct Vga *v, struct PcScreen *s) {
  const uint8_t *src = pc_ram(v->pc, 0xb8000, 0x4000);
  int bits = s->mode == 6 ? 1 : 2, x, y;
  s->graphics = 1;
  s->cols = 640 / bits;
  s->rows = 200;
  if (!src) return;
  if (!v->cga) v->cga = pc_alloc(v->pc, 640 * 200);
  for (y = 0; y < 200; ++y) {
    const uint8_t *line = src + (y & 1) * 0x2000 + (y >> 1) * 80;
    uint8_t *out = v->cga + y * s->cols;
    for (x = 0; x < s->cols; ++x) {
      int per = 8 / bits, b = line[x / per];
      out[x] = (uint8_t)((b >> (8 - bits * (x % per + 1))) & ((1 << bits) - 1));
    }
  }
  s->mem = v->cga;
}

void vga_screen(struct Vga *v, struct PcScreen *s) {
  const uint8_t *bda = pc_ram(v->pc, 0x449, 0x85 - 0x49);
  unsigned start = v->crtc[0x0c] << 8 | v->crtc[0x0d];
  unsigned cursor = v->crtc[0x0e] << 8 | v->crtc[0x0f];
  uint8_t mode_ctl = v->attr[0x10];
  int i;
  memset(s, 0, sizeof(*s));
  s->mode = bda ? bda[0] & 0x7f : 3; /* bit 7: "memory not cleared" */
  s->blink = (mode_ctl >> 3) & 1;
  if (s->mode == 0x13) {
    s->graphics = 1;
    s->cols = 320;
    s->rows = 200;
    s->mem = pc_ram(v->pc, 0xa0000 + 4 * (uint64_t)start, 320 * 200);
    for (i = 0; i < 256; ++i) {
      int k = i & v->dac_mask;
      s->palette[i][0] = scale(v->dac[k][0]);
      s->palette[i][1] = scale(v->dac[k][1]);
      s->palette[i][2] = scale(v->dac[k][2]);
    }
    return;
  }
  if (s->mode >= 4 && s->mode <= 6) {
    cga_screen(v, s);
    text_palette(v, s);
    return;
  }
  if (s->mode > 3 && s->mode != 7) {
    /* Planar EGA/VGA graphics (Dh-12h) are not emulated: nothing to
     * show rather than their memory read as text. */
    return;
  }
  s->cols = bda ? bda[1] | bda[2] << 8 : 80;
  if (s->cols != 40 && s->cols != 80) s->cols = 80;
  s->rows = bda && bda[0x84 - 0x49] ? bda[0x84 - 0x49] + 1 : 25;
  if (s->rows > 60) s->rows = 25;
  s->mem = pc_ram(v->pc, (s->mode == 7 ? 0xb0000 : 0xb8000) + 2 * start,
                  (size_t)s->cols * s->rows * 2);
  s->cursor_start = v->crtc[0x0a] & 0x1f;
  s->cursor_end = v->crtc[0x0b] & 0x1f;
  if (cursor >= start && cursor - start < (unsigned)(s->cols * s->rows)) {
    s->cursor_row = (int)((cursor - start) / s->cols);
    s->cursor_col = (int)((cursor - start) % s->cols);
    /* CR0A bit 5 turns it off; a VGA shows none when start > end. */
    s->cursor_visible = !(v->crtc[0x0a] & 0x20) &&
                        s->cursor_start <= s->cursor_end;
  }
  text_palette(v, s);
}

struct Vga *vga_new(struct Pc *pc) {
  struct Vga *v = pc_alloc(pc, sizeof(*v));
  int i;
  v->pc = pc;
  default_palette(v);
  for (i = 0; i < 16; ++i) v->attr[i] = (uint8_t)i;
  v->attr[0x10] = 0x0c; /* text, line graphics, blink */
  v->attr[0x12] = 0x0f; /* all planes */
  v->misc = 0x67;       /* colour (3Dxh), 28 MHz clock, RAM on */
  v->crtc[0x0a] = 0x0d; /* an underline cursor, scan lines 13-14 */
  v->crtc[0x0b] = 0x0e;
  v->dac_mask = 0xff;
  v->seq[4] = 0x02;
  pc_ports(pc, 0x3b4, 0x3b5, vga_in, vga_out, v);
  pc_ports(pc, 0x3ba, 0x3ba, vga_in, vga_out, v);
  pc_ports(pc, 0x3c0, 0x3cf, vga_in, vga_out, v);
  pc_ports(pc, 0x3d4, 0x3d5, vga_in, vga_out, v);
  pc_ports(pc, 0x3da, 0x3da, vga_in, vga_out, v);
  return v;
}
