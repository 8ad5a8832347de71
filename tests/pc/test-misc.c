/* test-misc.c: the small ports: E8h/E9h console output, port 61h
 * (channel 2's gate and output, the refresh toggle; IBM PC/AT technical
 * reference), the POST code port, port 92h (fast A20, reset). */
#include "../vm/check.h"
#include "fakebus.h"

int main(void) {
  struct Pit *t = pit_new(&fake_pc);
  int i, flips, last;
  misc_ports_new(&fake_pc, t);
  fake_now = 1000000000;

  /* Console ports. */
  outb(0xe9, 'h');
  outb(0xe9, 'i');
  outb(0xe8, 'A');
  CHECK(fake_outlen[PC_OUT_E9] == 2 && !memcmp(fake_out[PC_OUT_E9], "hi", 2));
  CHECK(fake_outlen[PC_OUT_TTY] == 1 && fake_out[PC_OUT_TTY][0] == 'A');
  CHECK(fake_outlen[PC_OUT_SERIAL] == 0);
  CHECK(inb(0xe9) == 0xe9);

  /* Port 61h: the refresh bit flips every 15.085 us. */
  flips = 0;
  last = inb(0x61) & 0x10;
  for (i = 0; i < 100; ++i) {
    fake_now += 15085;
    if ((inb(0x61) & 0x10) != last) ++flips;
    last = inb(0x61) & 0x10;
  }
  CHECK(flips == 100);
  /* Bit 0 gates channel 2; bit 5 is its output: a mode 0 count of 100
   * runs only while the gate is on (the BIOS's speaker and delay
   * measurements use this). */
  outb(0x61, 0x00);
  outb(0x43, 0xb0);
  outb(0x42, 100);
  outb(0x42, 0);
  fake_now += 1000000;
  CHECK((inb(0x61) & 0x21) == 0x00);
  outb(0x61, 0x01);
  CHECK((inb(0x61) & 0x21) == 0x01);
  fake_now += 100 * 1000000000ull / 1193182 + 1;
  CHECK((inb(0x61) & 0x21) == 0x21);
  /* Bits 1-3 read back as written. */
  outb(0x61, 0x0e);
  CHECK((inb(0x61) & 0x0f) == 0x0e);

  /* POST codes read back. */
  outb(0x80, 0x42);
  CHECK(inb(0x80) == 0x42);

  /* Port 92h: bit 1 is A20, bit 0 resets (and reads 0 after). */
  CHECK(inb(0x92) & 0x02);
  outb(0x92, 0x00);
  CHECK(fake_a20 == 0 && (inb(0x92) & 0x02) == 0);
  outb(0x92, 0x02);
  CHECK(fake_a20 == 1 && (inb(0x92) & 0x03) == 0x02);
  CHECK(fake_resets == 0);
  outb(0x92, 0x03);
  CHECK(fake_resets == 1 && (inb(0x92) & 0x01) == 0);

  CHECK(fake_unclaimed == 0);
  printf("test-misc: %d checks, %d failures\n", checks, failures);
  return failures != 0;
}
