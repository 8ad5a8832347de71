/* test-kbd.c: the 8042 and its keyboard through ports 60h and 64h as a
 * BIOS drives them; expectations from the IBM PC/AT technical reference
 * and the PS/2 keyboard controller documentation (status bits, command
 * byte, self tests, output port, keyboard commands and their answers),
 * scan code set 1 from the IBM keyboard tables. */
#include "../vm/check.h"
#include "fakebus.h"

static struct Kbd *k;

/* The next byte the controller has for the CPU, -1: none (as a BIOS's
 * polling loop sees it after the devices were serviced). */
static int next_byte(void) {
  fake_service();
  if (!(inb(0x64) & 0x01)) return -1;
  return inb(0x60);
}

static void cmd(uint8_t c) {
  outb(0x64, c);
}

/* The bytes the key sends, compared with want[0..n). */
static int key_sends(int key, const uint8_t *want, int n) {
  int i, b, ok = 1, r = fake_rises[1];
  kbd_key(k, key);
  for (i = 0; i < n; ++i) {
    b = next_byte();
    if (b != want[i]) {
      fprintf(stderr, "key %#x byte %d: %#x, want %#x\n", key, i, b,
              want[i]);
      ok = 0;
    }
  }
  if (next_byte() != -1) ok = 0;
  if (fake_rises[1] - r != n) {
    fprintf(stderr, "key %#x: %d IRQ1 edges for %d bytes\n", key,
            fake_rises[1] - r, n);
    ok = 0;
  }
  return ok;
}

#define KEY(key, ...)                                         \
  key_sends(key, (const uint8_t[]){__VA_ARGS__},              \
            sizeof((const uint8_t[]){__VA_ARGS__}))

int main(void) {
  int b;
  k = kbd_new(&fake_pc);

  /* Power on: nothing to read, the inhibit switch off, no system flag. */
  CHECK(inb(0x64) == 0x10);
  CHECK(next_byte() == -1);

  /* Controller self test: 55h, and the system flag is set; the last
   * write went to the command port (bit 3). */
  cmd(0xaa);
  CHECK(inb(0x64) == 0x1d);
  CHECK(inb(0x60) == 0x55);
  CHECK(inb(0x64) == 0x1c);
  cmd(0xab);
  CHECK(next_byte() == 0x00);
  /* The command byte: IRQ1, system flag, translation. */
  cmd(0x20);
  CHECK(next_byte() == 0x45);
  /* Written through 60h; with IRQ1 off a byte raises no interrupt. */
  cmd(0x60);
  outb(0x60, 0x44);
  CHECK((inb(0x64) & 0x08) == 0);
  cmd(0x20);
  fake_service();
  CHECK((inb(0x64) & 1) && fake_level[1] == 0);
  CHECK(inb(0x60) == 0x44);
  cmd(0x60);
  outb(0x60, 0x45);
  /* With IRQ1 on, a byte in the output buffer is a request until read. */
  cmd(0x20);
  CHECK(fake_level[1] == 1);
  CHECK(inb(0x60) == 0x45 && fake_level[1] == 0);

  /* The output port: bit 0 the reset line, bit 1 A20. */
  cmd(0xd0);
  CHECK(next_byte() == 0xc3);
  cmd(0xd1);
  outb(0x60, 0xc1);
  CHECK(fake_a20 == 0 && fake_resets == 0);
  cmd(0xd0);
  CHECK(next_byte() == 0xc1);
  cmd(0xd1);
  outb(0x60, 0xc3);
  CHECK(fake_a20 == 1);
  cmd(0xdd);
  CHECK(fake_a20 == 0);
  cmd(0xdf);
  CHECK(fake_a20 == 1);
  /* Reset: FEh pulses the reset line, FFh pulses nothing, an output
   * port value with bit 0 clear resets too. */
  cmd(0xfe);
  CHECK(fake_resets == 1);
  cmd(0xff);
  CHECK(fake_resets == 1);
  cmd(0xf0);
  CHECK(fake_resets == 2);
  cmd(0xd1);
  outb(0x60, 0xc2);
  CHECK(fake_resets == 3);
  cmd(0xd1);
  outb(0x60, 0xc3);
  /* Input port; the aux interface test fails (no mouse port). */
  cmd(0xc0);
  CHECK(next_byte() == 0xb0);
  cmd(0xa9);
  CHECK(next_byte() == 0x01);
  /* D2h: a byte as if from the keyboard. */
  cmd(0xd2);
  outb(0x60, 0x99);
  CHECK(next_byte() == 0x99);

  /* Keyboard commands: reset answers FAh then AAh; identify FAh ABh
   * 83h; LEDs and the scan code set take a parameter byte (each
   * acknowledged); echo; unknown commands ask for a resend (FEh). */
  outb(0x60, 0xff);
  CHECK(next_byte() == 0xfa);
  CHECK(next_byte() == 0xaa);
  CHECK(next_byte() == -1);
  outb(0x60, 0xf2);
  CHECK(next_byte() == 0xfa);
  CHECK(next_byte() == 0xab);
  CHECK(next_byte() == 0x83);
  outb(0x60, 0xed);
  CHECK(next_byte() == 0xfa);
  outb(0x60, 0x07);
  CHECK(next_byte() == 0xfa);
  outb(0x60, 0xee);
  CHECK(next_byte() == 0xee);
  outb(0x60, 0xf0);
  CHECK(next_byte() == 0xfa);
  outb(0x60, 0x00);
  CHECK(next_byte() == 0xfa);
  CHECK(next_byte() == 0x02);
  outb(0x60, 0xf3);
  CHECK(next_byte() == 0xfa);
  outb(0x60, 0x20);
  CHECK(next_byte() == 0xfa);
  outb(0x60, 0x12);
  CHECK(next_byte() == 0xfe);
  outb(0x60, 0xfe); /* resend: the last byte again */
  CHECK(next_byte() == 0xfe);
  outb(0x60, 0xf4);
  CHECK(next_byte() == 0xfa);

  /* Scan code set 1: make then break (make | 80h); shift around
   * shifted characters, ctrl around control characters, E0h before the
   * grey keys' make and break. One IRQ1 edge a byte. */
  CHECK(KEY('a', 0x1e, 0x9e));
  CHECK(KEY('z', 0x2c, 0xac));
  CHECK(KEY('1', 0x02, 0x82));
  CHECK(KEY('0', 0x0b, 0x8b));
  CHECK(KEY('A', 0x2a, 0x1e, 0x9e, 0xaa));
  CHECK(KEY('!', 0x2a, 0x02, 0x82, 0xaa));
  CHECK(KEY('|', 0x2a, 0x2b, 0xab, 0xaa));
  CHECK(KEY('~', 0x2a, 0x29, 0xa9, 0xaa));
  CHECK(KEY('"', 0x2a, 0x28, 0xa8, 0xaa));
  CHECK(KEY('?', 0x2a, 0x35, 0xb5, 0xaa));
  CHECK(KEY('/', 0x35, 0xb5));
  CHECK(KEY(' ', 0x39, 0xb9));
  CHECK(KEY('\n', 0x1c, 0x9c));
  CHECK(KEY('\r', 0x1c, 0x9c));
  CHECK(KEY('\t', 0x0f, 0x8f));
  CHECK(KEY(27, 0x01, 0x81));
  CHECK(KEY(8, 0x0e, 0x8e));
  CHECK(KEY(127, 0x0e, 0x8e));
  CHECK(KEY(3, 0x1d, 0x2e, 0xae, 0x9d));   /* ctrl+C */
  CHECK(KEY(26, 0x1d, 0x2c, 0xac, 0x9d));  /* ctrl+Z */
  CHECK(KEY(28, 0x1d, 0x2b, 0xab, 0x9d));  /* ctrl+\ */
  CHECK(KEY(PCK_UP, 0xe0, 0x48, 0xe0, 0xc8));
  CHECK(KEY(PCK_DOWN, 0xe0, 0x50, 0xe0, 0xd0));
  CHECK(KEY(PCK_LEFT, 0xe0, 0x4b, 0xe0, 0xcb));
  CHECK(KEY(PCK_RIGHT, 0xe0, 0x4d, 0xe0, 0xcd));
  CHECK(KEY(PCK_HOME, 0xe0, 0x47, 0xe0, 0xc7));
  CHECK(KEY(PCK_END, 0xe0, 0x4f, 0xe0, 0xcf));
  CHECK(KEY(PCK_PGUP, 0xe0, 0x49, 0xe0, 0xc9));
  CHECK(KEY(PCK_PGDN, 0xe0, 0x51, 0xe0, 0xd1));
  CHECK(KEY(PCK_INS, 0xe0, 0x52, 0xe0, 0xd2));
  CHECK(KEY(PCK_DEL, 0xe0, 0x53, 0xe0, 0xd3));
  CHECK(KEY(PCK_F1, 0x3b, 0xbb));
  CHECK(KEY(PCK_F1 + 9, 0x44, 0xc4));
  CHECK(KEY(PCK_F1 + 10, 0x57, 0xd7));
  CHECK(KEY(PCK_F1 + 11, 0x58, 0xd8));
  /* Alt held around the key (and its shift). */
  CHECK(KEY(PCK_ALT | 'f', 0x38, 0x21, 0xa1, 0xb8));
  CHECK(KEY(PCK_ALT | 'X', 0x38, 0x2a, 0x2d, 0xad, 0xaa, 0xb8));
  CHECK(KEY(PCK_ALT | PCK_LEFT, 0x38, 0xe0, 0x4b, 0xe0, 0xcb, 0xb8));
  CHECK(KEY(PCK_ALT | (PCK_F1 + 3), 0x38, 0x3e, 0xbe, 0xb8));

  /* One byte at a time: until the service after a read, 60h reads the
   * same byte again. kbd_idle says when all is read. */
  CHECK(kbd_idle(k));
  kbd_key(k, 'b');
  CHECK(!kbd_idle(k));
  fake_service();
  CHECK(inb(0x60) == 0x30);
  CHECK(inb(0x60) == 0x30 && !(inb(0x64) & 1));
  CHECK(!kbd_idle(k));
  CHECK(next_byte() == 0xb0);
  CHECK(kbd_idle(k));

  /* Pacing: while the BIOS buffer (BDA 41Ah head, 41Ch tail) holds 8
   * keys, a new key waits; the one under way finishes. */
  fake_mem[0x41a] = 0x1e;
  fake_mem[0x41c] = 0x2e; /* 8 keys */
  kbd_key(k, 'c');
  CHECK(next_byte() == -1);
  fake_mem[0x41c] = 0x2c; /* 7 */
  fake_now += 1000000;
  CHECK(next_byte() == 0x2e);
  fake_mem[0x41c] = 0x2e;
  CHECK(next_byte() == 0xae);
  fake_mem[0x41a] = 0x2e;
  /* A buffer moved by a program (40:80/40:82: 100h-140h, 32 keys):
   * 8 keys in it, wrapping around its end, hold the next key too. */
  fake_mem[0x480] = 0x00;
  fake_mem[0x481] = 0x01;
  fake_mem[0x482] = 0x40;
  fake_mem[0x483] = 0x01;
  fake_mem[0x41a] = 0x38;
  fake_mem[0x41b] = 0x01;
  fake_mem[0x41c] = 0x08;
  fake_mem[0x41d] = 0x01; /* (108h + 40h - 138h) / 2 = 8 */
  kbd_key(k, 'g');
  CHECK(next_byte() == -1);
  fake_mem[0x41c] = 0x06; /* 7 */
  fake_now += 1000000;
  CHECK(next_byte() == 0x22);
  CHECK(next_byte() == 0xa2);
  memset(fake_mem + 0x41a, 0, 4);
  memset(fake_mem + 0x480, 0, 4);
  /* A disabled keyboard (ADh) keeps its keys until AEh. */
  cmd(0xad);
  kbd_key(k, 'd');
  CHECK(next_byte() == -1);
  cmd(0xae);
  CHECK(next_byte() == 0x20);
  CHECK(next_byte() == 0xa0);
  /* Scanning off (F5h): keys are not sent at all. */
  outb(0x60, 0xf5);
  CHECK(next_byte() == 0xfa);
  kbd_key(k, 'e');
  CHECK(next_byte() == -1);
  outb(0x60, 0xf4);
  CHECK(next_byte() == 0xfa);
  /* An answer to a command goes before keys already queued. */
  kbd_key(k, 'f');
  fake_service();
  CHECK(inb(0x60) == 0x21);
  outb(0x60, 0xee);
  b = next_byte();
  CHECK(b == 0xee);
  CHECK(next_byte() == 0xa1);

  CHECK(fake_unclaimed == 0);
  printf("test-kbd: %d checks, %d failures\n", checks, failures);
  return failures != 0;
}
