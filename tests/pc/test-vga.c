/* test-vga.c: the VGA registers through their ports and what
 * vga_screen reports; expectations from the IBM VGA register reference
 * (CRTC cursor and start address, the attribute flip-flop reset by
 * input status 1, DAC index auto-increment, the default mode-13h
 * palette) and the BIOS data area's mode fields. */
#include "../vm/check.h"
#include "fakebus.h"

static struct Vga *v;

static void crtc(uint8_t i, uint8_t b) {
  outb(0x3d4, i);
  outb(0x3d5, b);
}

static int rgb(const struct PcScreen *s, int i, int r, int g, int b) {
  return s->palette[i][0] == r && s->palette[i][1] == g &&
         s->palette[i][2] == b;
}

int main(void) {
  struct PcScreen s;
  int i, vr, de, vr_edges, last;
  uint8_t r, g, b;
  v = vga_new(&fake_pc);

  /* Mode 3 in the BDA: 80 columns, rows-1 = 24. */
  fake_mem[0x449] = 3;
  fake_mem[0x44a] = 80;
  fake_mem[0x484] = 24;
  memcpy(fake_mem + 0xb8000, "H\x07i\x1f", 4);
  crtc(0x0e, 0x00);
  crtc(0x0f, 81); /* row 1, column 1 */
  vga_screen(v, &s);
  CHECK(s.mode == 3 && !s.graphics && s.cols == 80 && s.rows == 25);
  CHECK(s.mem == fake_mem + 0xb8000 && s.mem[0] == 'H' && s.mem[3] == 0x1f);
  CHECK(s.cursor_row == 1 && s.cursor_col == 1 && s.cursor_visible);
  CHECK(s.cursor_start == 13 && s.cursor_end == 14);
  CHECK(s.blink == 1);
  /* The CGA colours for attributes 0-15 (6-bit 42 is 8-bit 170, 21 is
   * 85, 63 is 255). */
  CHECK(rgb(&s, 0, 0, 0, 0) && rgb(&s, 1, 0, 0, 170) &&
        rgb(&s, 6, 170, 85, 0) && rgb(&s, 7, 170, 170, 170) &&
        rgb(&s, 8, 85, 85, 85) && rgb(&s, 14, 255, 255, 85) &&
        rgb(&s, 15, 255, 255, 255));
  /* The cursor off (CR0A bit 5), and start above end hides it too. */
  crtc(0x0a, 0x2d);
  vga_screen(v, &s);
  CHECK(!s.cursor_visible);
  crtc(0x0a, 0x0f);
  vga_screen(v, &s);
  CHECK(!s.cursor_visible);
  crtc(0x0a, 0x00);
  crtc(0x0b, 0x0f);
  vga_screen(v, &s);
  CHECK(s.cursor_visible && s.cursor_start == 0 && s.cursor_end == 15);
  /* The mono pair reaches the same CRTC; reads give back what was
   * written. */
  outb(0x3b4, 0x0f);
  outb(0x3b5, 82);
  outb(0x3d4, 0x0f);
  CHECK(inb(0x3d5) == 82);
  /* A word write: index in AL, data in AH. */
  out_(0x3d4, 2, 0x0f | 83 << 8);
  CHECK(inb(0x3d5) == 83);
  /* The start address scrolls (page 1 at B9000h: start 800h words);
   * the cursor is relative to it. */
  crtc(0x0c, 0x08);
  crtc(0x0d, 0x00);
  crtc(0x0e, 0x08);
  crtc(0x0f, 0xa2);
  vga_screen(v, &s);
  CHECK(s.mem == fake_mem + 0xb9000);
  CHECK(s.cursor_row == 2 && s.cursor_col == 2);
  crtc(0x0c, 0);
  crtc(0x0d, 0);
  /* CR11 bit 7 write-protects CR00-CR07. */
  crtc(0x01, 0x4f);
  crtc(0x11, 0x80);
  crtc(0x01, 0x27);
  outb(0x3d4, 0x01);
  CHECK(inb(0x3d5) == 0x4f);
  crtc(0x11, 0x00);

  /* Mode 7: monochrome memory at B0000h. 40 columns for mode 1. */
  fake_mem[0x449] = 7;
  vga_screen(v, &s);
  CHECK(s.mode == 7 && s.mem == fake_mem + 0xb0000);
  fake_mem[0x449] = 1;
  fake_mem[0x44a] = 40;
  vga_screen(v, &s);
  CHECK(s.cols == 40 && s.rows == 25);
  /* Graphics modes other than 13h are not emulated: nothing to show
   * (not their memory read as text). */
  fake_mem[0x449] = 0x12;
  vga_screen(v, &s);
  CHECK(s.mode == 0x12 && !s.mem && !s.graphics);
  /* CGA graphics: mode 4's bytes hold four 2-bit pixels, leftmost in
   * the high bits; odd scan lines start at BA000h. Mode 6: one bit a
   * pixel, 640 wide. Colours through the attribute palette. */
  fake_mem[0x449] = 4;
  memset(fake_mem + 0xb8000, 0, 0x4000);
  fake_mem[0xb8000] = 0xe4;        /* row 0: 3 2 1 0 */
  fake_mem[0xba000 + 80] = 0x1b;   /* row 3: 0 1 2 3 */
  vga_screen(v, &s);
  CHECK(s.mode == 4 && s.graphics && s.cols == 320 && s.rows == 200);
  CHECK(s.mem && s.mem[0] == 3 && s.mem[1] == 2 && s.mem[2] == 1 &&
        s.mem[3] == 0 && s.mem[4] == 0);
  CHECK(s.mem && s.mem[3 * 320] == 0 && s.mem[3 * 320 + 1] == 1 &&
        s.mem[3 * 320 + 3] == 3 && s.mem[320] == 0);
  CHECK(rgb(&s, 3, 0, 170, 170)); /* attribute register 3 -> DAC 3 */
  fake_mem[0x449] = 6;
  fake_mem[0xb8000 + 1] = 0x81;    /* row 0, pixels 8 and 15 */
  vga_screen(v, &s);
  CHECK(s.cols == 640 && s.rows == 200 && s.mem[0] == 1 && s.mem[1] == 1 &&
        s.mem[2] == 1 && s.mem[6] == 0 && s.mem[8] == 1 &&
        s.mem[9] == 0 && s.mem[15] == 1);

  /* The attribute controller: index then data through 3C0h; reading
   * 3DAh resets the flip-flop to "index". Mode control bit 3 off:
   * bright backgrounds. */
  inb(0x3da);
  outb(0x3c0, 0x10);
  outb(0x3c0, 0x04);
  outb(0x3c0, 0x30); /* index again (PAS on), not data */
  CHECK(inb(0x3c0) == 0x30 && inb(0x3c1) == 0x04);
  inb(0x3da); /* the flip-flop was at "data": back to "index" */
  outb(0x3c0, 0x30);
  outb(0x3c0, 0x08);
  CHECK(inb(0x3c0) == 0x30 && inb(0x3c1) == 0x08);
  vga_screen(v, &s);
  CHECK(s.blink == 1);
  outb(0x3c0, 0x30);
  outb(0x3c0, 0x00);
  vga_screen(v, &s);
  CHECK(s.blink == 0);
  /* Palette register 1 points at DAC entry 3Ah: colour 1 shows it. */
  inb(0x3da);
  outb(0x3c0, 0x01);
  outb(0x3c0, 0x3a);
  outb(0x3c0, 0x20);
  vga_screen(v, &s);
  CHECK(s.palette[1][0] == s.palette[0x3a][0] &&
        s.palette[1][1] == s.palette[0x3a][1] &&
        s.palette[1][2] == s.palette[0x3a][2]);

  /* The DAC: write index, three 6-bit components an entry, the index
   * moves on; the read index likewise. */
  outb(0x3c8, 0x20);
  outb(0x3c9, 63);
  outb(0x3c9, 32);
  outb(0x3c9, 1);
  outb(0x3c9, 2);
  outb(0x3c9, 3);
  outb(0x3c9, 4);
  CHECK(inb(0x3c8) == 0x22 && inb(0x3c7) == 0x00);
  outb(0x3c7, 0x20);
  CHECK(inb(0x3c7) == 0x03);
  r = inb(0x3c9);
  g = inb(0x3c9);
  b = inb(0x3c9);
  CHECK(r == 63 && g == 32 && b == 1);
  CHECK(inb(0x3c9) == 2 && inb(0x3c9) == 3 && inb(0x3c9) == 4);
  /* Components are 6 bits. */
  outb(0x3c8, 0x30);
  outb(0x3c9, 0xff);
  outb(0x3c9, 0x40);
  outb(0x3c9, 0x3f);
  outb(0x3c7, 0x30);
  CHECK(inb(0x3c9) == 0x3f && inb(0x3c9) == 0x00 && inb(0x3c9) == 0x3f);

  /* Mode 13h: pixels at A0000h and the default palette: CGA colours,
   * greys, then the hue wheel (32 blue, 36 magenta, 40 red, 44 yellow,
   * 48 green, 52 cyan) in three saturations and intensities, and eight
   * blacks. Entries 20h-22h were changed above: check the others. */
  {
    struct Vga *w = vga_new(&fake_pc); /* a fresh one, default DAC */
    fake_mem[0x449] = 0x13;
    fake_mem[0xa0000] = 0x28;
    vga_screen(w, &s);
    CHECK(s.graphics && s.cols == 320 && s.rows == 200);
    CHECK(s.mem == fake_mem + 0xa0000 && s.mem[0] == 0x28);
    CHECK(rgb(&s, 6, 170, 85, 0) && rgb(&s, 16, 0, 0, 0) &&
          rgb(&s, 23, 97, 97, 97) && rgb(&s, 31, 255, 255, 255));
    CHECK(rgb(&s, 32, 0, 0, 255) && rgb(&s, 33, 65, 0, 255) &&
          rgb(&s, 36, 255, 0, 255) && rgb(&s, 40, 255, 0, 0) &&
          rgb(&s, 44, 255, 255, 0) && rgb(&s, 48, 0, 255, 0) &&
          rgb(&s, 52, 0, 255, 255) && rgb(&s, 55, 0, 65, 255));
    CHECK(rgb(&s, 56, 125, 125, 255) && rgb(&s, 80, 182, 182, 255) &&
          rgb(&s, 104, 0, 0, 113) && rgb(&s, 128, 56, 56, 113) &&
          rgb(&s, 152, 81, 81, 113) && rgb(&s, 176, 0, 0, 65) &&
          rgb(&s, 200, 32, 32, 65) && rgb(&s, 224, 44, 44, 65) &&
          rgb(&s, 247, 44, 48, 65));
    for (i = 248; i < 256; ++i) CHECK(rgb(&s, i, 0, 0, 0));
    /* The pixel mask applies to the 8-bit colour (the ports reach the
     * first VGA, v). */
    outb(0x3c6, 0x0f);
    vga_screen(v, &s);
    CHECK(s.palette[0x28][0] == s.palette[0x08][0]);
    outb(0x3c6, 0xff);
  }

  /* Input status 1 over two frames (70 Hz): vertical retrace starts
   * once a frame and lasts two lines; display enable toggles with
   * every line. */
  vr_edges = 0;
  vr = de = 0;
  last = 0;
  for (fake_now = 0; fake_now < 2 * 449 * 31778ull; fake_now += 1000) {
    int st = inb(0x3da);
    if ((st & 8) && !last) ++vr_edges;
    if (st & 8) ++vr;
    if (!(st & 1)) ++de;
    last = st & 8;
  }
  CHECK(vr_edges == 2);
  CHECK(vr >= 2 * 63 && vr <= 2 * 64 + 2);
  CHECK(de > 2 * 400 * 25 && de < 2 * 400 * 26);

  /* Sequencer, graphics controller, misc output read back. */
  outb(0x3c4, 0x04);
  outb(0x3c5, 0x0e);
  CHECK(inb(0x3c5) == 0x0e);
  outb(0x3ce, 0x05);
  outb(0x3cf, 0x40);
  CHECK(inb(0x3cf) == 0x40);
  outb(0x3c2, 0x63);
  CHECK(inb(0x3cc) == 0x63);

  CHECK(fake_unclaimed == 0);
  printf("test-vga: %d checks, %d failures\n", checks, failures);
  return failures != 0;
}
