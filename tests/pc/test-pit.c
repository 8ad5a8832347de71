/* test-pit.c: the 8254 through ports 40h-43h against a clock the test
 * moves; expectations from the Intel 8254 datasheet (modes 0-5, the
 * access modes, counter latch, read-back, BCD, gates) and the PC's
 * wiring (channel 0 is IRQ0, channel 2's gate and output are port 61h's
 * bits 0 and 5). */
#include "../vm/check.h"
#include "fakebus.h"

#define HZ 1193182

static struct Pit *t;
static uint64_t base; /* the tick a check's times count from */

static uint64_t tick_ns(uint64_t k) {
  return (uint64_t)(((unsigned __int128)k * 1000000000u + HZ - 1) / HZ);
}

/* The clock at `k` ticks after base, with every timer due on the way. */
static void run_to(uint64_t k) {
  fake_run_until(tick_ns(base + k));
}

/* The clock at k ticks after base without running the timers: the
 * guest did not run (a pause). */
static void jump_to(uint64_t k) {
  fake_now = tick_ns(base + k);
}

/* The next check starts at a fresh tick. */
static void rebase(void) {
  base += 10000000;
  jump_to(0);
  fake_service();
}

static uint16_t read16(uint16_t port) {
  uint16_t lo = inb(port);
  return (uint16_t)(lo | inb(port) << 8);
}

static void write16(uint16_t port, uint16_t v) {
  outb(port, v & 0xff);
  outb(port, v >> 8);
}

static uint16_t latch0(void) {
  outb(0x43, 0x00);
  return read16(0x40);
}

int main(void) {
  int r;
  t = pit_new(&fake_pc);
  base = 1000;
  rebase();

  /* Mode 2, the rate generator: a rising edge of OUT (an IRQ0 request)
   * every n clocks; the count runs n .. 1. */
  outb(0x43, 0x34);
  write16(0x40, 1000);
  fake_service();
  r = fake_rises[0];
  run_to(999);
  CHECK(fake_rises[0] == r);
  run_to(1000);
  CHECK(fake_rises[0] == r + 1);
  run_to(10000);
  CHECK(fake_rises[0] == r + 10);
  CHECK(fake_level[0] == 1);
  /* Counter latch mid-count: the value at the latch, however late it is
   * read; the next read sees the counter again. */
  run_to(10300);
  CHECK(latch0() == 700);
  outb(0x43, 0x00);
  run_to(10400);
  CHECK(read16(0x40) == 700);
  CHECK(read16(0x40) == 600);
  /* A second latch command before the first was read is ignored. */
  outb(0x43, 0x00);
  run_to(10450);
  outb(0x43, 0x00);
  CHECK(read16(0x40) == 600);
  /* Read-back: the status (OUT, null count, the control word) and then
   * the latched count. */
  run_to(10500);
  outb(0x43, 0xc2); /* latch count and status of channel 0 */
  CHECK(inb(0x40) == 0xb4);
  CHECK(read16(0x40) == 500);
  outb(0x43, 0xe2); /* status only */
  CHECK(inb(0x40) == 0xb4);
  CHECK(read16(0x40) == 500);
  /* A new count waits for the end of the current period. */
  run_to(10700);
  write16(0x40, 500);
  run_to(11000);
  CHECK(fake_rises[0] == r + 11);
  CHECK(read16(0x40) == 500);
  run_to(11499);
  CHECK(fake_rises[0] == r + 11);
  run_to(11500);
  CHECK(fake_rises[0] == r + 12);

  /* A long pause (a debugger): the missed edges are not all replayed,
   * at most a couple. */
  r = fake_rises[0];
  jump_to(11500 + 500 * 1000);
  fake_service();
  run_to(11500 + 500 * 1000 + 20);
  CHECK(fake_rises[0] - r >= 1 && fake_rises[0] - r <= 3);
  fake_run_until(fake_now + 2000000); /* replays are done within 2 ms */
  run_to(11500 + 500 * 1010);
  r = fake_rises[0];
  run_to(11500 + 500 * 1020);
  CHECK(fake_rises[0] - r == 10);

  /* Mode 0: OUT low from the control word, high at terminal count and
   * then it stays high: one request. The count wraps on past 0. */
  rebase();
  outb(0x43, 0x30);
  fake_service();
  CHECK(fake_level[0] == 0);
  outb(0x43, 0xe2);
  CHECK(inb(0x40) == 0x70); /* OUT low, null count, mode 0, both bytes */
  r = fake_rises[0];
  write16(0x40, 500);
  fake_service();
  run_to(499);
  CHECK(fake_level[0] == 0 && fake_rises[0] == r);
  CHECK(latch0() == 1);
  run_to(500);
  CHECK(fake_level[0] == 1 && fake_rises[0] == r + 1);
  run_to(510);
  CHECK(latch0() == 65526);
  run_to(500 + 3 * 65536);
  CHECK(fake_rises[0] == r + 1);
  /* Mode 0, writing the first byte stops the count, the second starts
   * a new one. */
  outb(0x40, 0x10);
  run_to(600 + 3 * 65536);
  outb(0x40, 0x00);
  fake_service();
  CHECK(fake_level[0] == 0);
  run_to(600 + 3 * 65536 + 16);
  CHECK(fake_level[0] == 1 && fake_rises[0] == r + 2);

  /* The BIOS's setting: mode 3, count 0 (65536): 18.2 Hz, OUT high
   * for the first half of each period and low for the second, one IRQ0
   * edge a period. */
  rebase();
  outb(0x43, 0x36);
  outb(0x40, 0);
  outb(0x40, 0);
  fake_service();
  r = fake_rises[0];
  run_to(32767);
  CHECK(fake_level[0] == 1);
  run_to(32768);
  CHECK(fake_level[0] == 0);
  CHECK(latch0() == 0); /* the second half counts from the top (0 = 65536) */
  run_to(65535);
  CHECK(fake_level[0] == 0 && fake_rises[0] == r);
  run_to(65536);
  CHECK(fake_level[0] == 1 && fake_rises[0] == r + 1);
  run_to(65536 + 100);
  CHECK(latch0() == 65536 - 200);
  run_to(11 * 65536);
  CHECK(fake_rises[0] == r + 11);
  /* Odd counts: high for (n+1)/2, low for (n-1)/2. */
  outb(0x43, 0x36);
  write16(0x40, 5);
  run_to(11 * 65536 + 2);
  CHECK(fake_level[0] == 1);
  run_to(11 * 65536 + 3);
  CHECK(fake_level[0] == 0);
  run_to(11 * 65536 + 5);
  CHECK(fake_level[0] == 1);

  /* LSB-only access: one byte is the whole count (high byte 0). */
  rebase();
  outb(0x43, 0x10);
  outb(0x40, 80);
  run_to(30);
  CHECK(inb(0x40) == 50);
  /* MSB-only. */
  outb(0x43, 0x20);
  outb(0x40, 0x02); /* 512 */
  run_to(30 + 256);
  CHECK(inb(0x40) == 0x01);

  /* BCD counting: 1000 decimal counts 0999, 0998 ... */
  rebase();
  outb(0x43, 0x35);
  write16(0x40, 0x1000);
  run_to(1);
  CHECK(latch0() == 0x0999);
  run_to(995);
  CHECK(latch0() == 0x0005);
  /* Count 0 is 10^4 in BCD. */
  outb(0x43, 0x31);
  write16(0x40, 0);
  run_to(995 + 1);
  CHECK(latch0() == 0x9999);

  /* Channel 2, mode 3 (square wave) behind its gate: high and stopped
   * while the gate is low; high for n/2, low for n/2 after it rises. */
  rebase();
  outb(0x43, 0xb6);
  write16(0x42, 100);
  run_to(200);
  CHECK(pit_out2(t) == 1);
  outb(0x43, 0x80);
  CHECK(read16(0x42) == 100);
  pit_gate2(t, 1);
  run_to(249);
  CHECK(pit_out2(t) == 1);
  run_to(250);
  CHECK(pit_out2(t) == 0);
  outb(0x43, 0x80);
  CHECK(read16(0x42) == 100);
  run_to(299);
  CHECK(pit_out2(t) == 0);
  run_to(300);
  CHECK(pit_out2(t) == 1);
  /* Counting by twos. */
  run_to(310);
  outb(0x43, 0x80);
  CHECK(read16(0x42) == 80);
  /* The gate falling forces OUT high. */
  run_to(360);
  CHECK(pit_out2(t) == 0);
  pit_gate2(t, 0);
  CHECK(pit_out2(t) == 1);
  pit_gate2(t, 0);

  /* Mode 0 on channel 2: a low gate pauses the count. */
  outb(0x43, 0xb0);
  write16(0x42, 100);
  run_to(460);
  outb(0x43, 0x80);
  CHECK(read16(0x42) == 100);
  pit_gate2(t, 1);
  run_to(500);
  outb(0x43, 0x80);
  CHECK(read16(0x42) == 60);
  pit_gate2(t, 0);
  run_to(600);
  outb(0x43, 0x80);
  CHECK(read16(0x42) == 60);
  CHECK(pit_out2(t) == 0);
  pit_gate2(t, 1);
  run_to(659);
  CHECK(pit_out2(t) == 0);
  run_to(660);
  CHECK(pit_out2(t) == 1);
  pit_gate2(t, 0);

  /* Mode 1, the hardware one-shot: OUT goes low at the gate's rising
   * edge for n clocks; a new edge retriggers. */
  outb(0x43, 0xb2);
  write16(0x42, 50);
  run_to(700);
  CHECK(pit_out2(t) == 1);
  pit_gate2(t, 1);
  run_to(740);
  CHECK(pit_out2(t) == 0);
  pit_gate2(t, 0);
  pit_gate2(t, 1); /* retrigger at 740 */
  run_to(789);
  CHECK(pit_out2(t) == 0);
  run_to(790);
  CHECK(pit_out2(t) == 1);
  pit_gate2(t, 0);

  /* Mode 4, the software strobe: OUT low for the one clock at count 0. */
  outb(0x43, 0xb8);
  pit_gate2(t, 1);
  write16(0x42, 30);
  run_to(819);
  CHECK(pit_out2(t) == 1);
  run_to(820);
  CHECK(pit_out2(t) == 0);
  run_to(821);
  CHECK(pit_out2(t) == 1);
  run_to(821 + 70000);
  CHECK(pit_out2(t) == 1);
  pit_gate2(t, 0);

  /* Mode 5: the strobe after a gate trigger. */
  outb(0x43, 0xba);
  write16(0x42, 10);
  run_to(100000);
  CHECK(pit_out2(t) == 1);
  pit_gate2(t, 1);
  run_to(100010);
  CHECK(pit_out2(t) == 0);
  run_to(100011);
  CHECK(pit_out2(t) == 1);

  /* The control port reads nothing useful and claims 40h-43h only. */
  CHECK(inb(0x43) == 0xff);
  CHECK(fake_unclaimed == 0);

  printf("test-pit: %d checks, %d failures\n", checks, failures);
  return failures != 0;
}
