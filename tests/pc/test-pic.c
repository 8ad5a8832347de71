/* test-pic.c: the 8259A pair driven through its ports as a BIOS or an
 * operating system drives it; expectations from the Intel 8259A
 * datasheet (ICWs, OCWs, priority, EOI, cascade, the default IR7). */
#include "../vm/check.h"
#include "fakebus.h"

static struct Pic *p;

/* The PC/AT initialization: edge, cascade, ICW4; vectors 08h and 70h;
 * the slave on IR2; 8086 mode. */
static void init_at(uint8_t icw4) {
  outb(0x20, 0x11);
  outb(0x21, 0x08);
  outb(0x21, 0x04);
  outb(0x21, icw4);
  outb(0xa0, 0x11);
  outb(0xa1, 0x70);
  outb(0xa1, 0x02);
  outb(0xa1, icw4 & ~0x10);
  outb(0x21, 0x00);
  outb(0xa1, 0x00);
}

static uint8_t irr(uint16_t base) {
  outb(base, 0x0a);
  return inb(base);
}

static uint8_t isr(uint16_t base) {
  outb(base, 0x0b);
  return inb(base);
}

static void eoi(uint16_t base) {
  outb(base, 0x20);
}

static void pulse(int line) {
  pic_line(p, line, 1);
  pic_line(p, line, 0);
}

int main(void) {
  p = pic_new(&fake_pc);
  fake_pic = p;

  /* Before initialization nothing is requested (all masked). */
  pic_line(p, 0, 1);
  CHECK(!pic_pending(p));
  pic_line(p, 0, 0);
  CHECK(inb(0x21) == 0xff);

  init_at(0x01);
  CHECK(inb(0x21) == 0x00 && inb(0xa1) == 0x00);
  CHECK(!pic_pending(p));

  /* An edge is latched in IRR; INTA moves it to ISR and gives 08h. */
  pic_line(p, 0, 1);
  CHECK(irr(0x20) == 0x01);
  CHECK(pic_pending(p));
  CHECK(pic_ack(p) == 0x08);
  CHECK(isr(0x20) == 0x01 && irr(0x20) == 0x00);
  /* The line still high is no new request (edge triggered). */
  CHECK(!pic_pending(p));
  eoi(0x20);
  CHECK(isr(0x20) == 0x00 && !pic_pending(p));
  pic_line(p, 0, 0);

  /* Fixed priority: IR1 before IR3; IR3 waits while IR1 is in service,
   * IR0 interrupts IR1 (nesting); a non-specific EOI ends the highest. */
  pic_line(p, 3, 1);
  pic_line(p, 1, 1);
  CHECK(pic_ack(p) == 0x09);
  CHECK(!pic_pending(p)); /* IR3 is lower than IR1 in service */
  pic_line(p, 0, 1);
  CHECK(pic_pending(p));
  CHECK(pic_ack(p) == 0x08);
  CHECK(isr(0x20) == 0x03);
  eoi(0x20); /* ends IR0 */
  CHECK(isr(0x20) == 0x02);
  CHECK(!pic_pending(p));
  eoi(0x20); /* ends IR1 */
  CHECK(pic_pending(p));
  CHECK(pic_ack(p) == 0x0b);
  eoi(0x20);
  CHECK(isr(0x20) == 0 && irr(0x20) == 0);
  pic_line(p, 0, 0);
  pic_line(p, 1, 0);
  pic_line(p, 3, 0);

  /* A specific EOI ends the named level, not the highest. */
  pulse(4);
  pic_line(p, 4, 1);
  CHECK(pic_ack(p) == 0x0c);
  pic_line(p, 2 + 3, 1); /* IR5 */
  pic_line(p, 0, 1);
  CHECK(pic_ack(p) == 0x08);
  outb(0x20, 0x64); /* specific EOI, level 4 */
  CHECK(isr(0x20) == 0x01);
  eoi(0x20);
  CHECK(pic_ack(p) == 0x0d);
  eoi(0x20);
  pic_line(p, 0, 0);
  pic_line(p, 4, 0);
  pic_line(p, 5, 0);

  /* A masked request stays in IRR and is taken once unmasked. */
  outb(0x21, 0x40);
  pic_line(p, 6, 1);
  CHECK(!pic_pending(p) && irr(0x20) == 0x40);
  outb(0x21, 0x00);
  CHECK(pic_pending(p) && pic_ack(p) == 0x0e);
  eoi(0x20);
  pic_line(p, 6, 0);

  /* Cascade: IRQ10 reaches the CPU through the master's IR2 with the
   * slave's vector; both chips have it in service until both EOIs. */
  pic_line(p, 10, 1);
  CHECK(irr(0xa0) == 0x04 && irr(0x20) == 0x04);
  CHECK(pic_ack(p) == 0x72);
  CHECK(isr(0xa0) == 0x04 && isr(0x20) == 0x04);
  pic_line(p, 9, 1); /* higher on the slave, but IR2 is in service */
  CHECK(!pic_pending(p));
  eoi(0xa0);
  eoi(0x20);
  CHECK(pic_pending(p) && pic_ack(p) == 0x71);
  eoi(0xa0);
  eoi(0x20);
  pic_line(p, 9, 0);
  pic_line(p, 10, 0);
  /* A master line above IR2 still interrupts a slave handler. */
  pic_line(p, 15, 1);
  CHECK(pic_ack(p) == 0x77);
  pic_line(p, 1, 1);
  CHECK(pic_pending(p) && pic_ack(p) == 0x09);
  eoi(0x20);
  eoi(0xa0);
  eoi(0x20);
  CHECK(isr(0x20) == 0 && isr(0xa0) == 0);
  pic_line(p, 1, 0);
  pic_line(p, 15, 0);
  /* The slave masked: nothing from it, and its IMR reads back. */
  outb(0xa1, 0xff);
  pic_line(p, 8, 1);
  CHECK(!pic_pending(p) && inb(0xa1) == 0xff);
  outb(0xa1, 0x00);
  CHECK(pic_ack(p) == 0x70);
  eoi(0xa0);
  eoi(0x20);
  pic_line(p, 8, 0);

  /* Spurious: a request that went away before INTA is the default IR7,
   * which sets no ISR bit (so the handler must not send an EOI). */
  pic_line(p, 5, 1);
  CHECK(pic_pending(p));
  pic_line(p, 5, 0);
  CHECK(pic_ack(p) == 0x0f);
  CHECK(isr(0x20) == 0);
  /* ... also when it came through the slave. */
  pic_line(p, 12, 1);
  pic_line(p, 12, 0);
  CHECK(pic_ack(p) == 0x0f && isr(0x20) == 0 && isr(0xa0) == 0);

  /* Level sensing via ELCR: the request lasts as long as the line and
   * returns after the EOI while the line is still high. IRQ 0-2 cannot
   * be level sensed. */
  outb(0x4d0, 0xff);
  CHECK(inb(0x4d0) == 0xf8);
  outb(0x4d1, 0x08); /* IRQ11 */
  CHECK(inb(0x4d1) == 0x08);
  pic_line(p, 11, 1);
  CHECK(pic_ack(p) == 0x73);
  eoi(0xa0);
  eoi(0x20);
  CHECK(pic_pending(p) && pic_ack(p) == 0x73);
  pic_line(p, 11, 0);
  eoi(0xa0);
  eoi(0x20);
  CHECK(!pic_pending(p));
  outb(0x4d0, 0x00);
  outb(0x4d1, 0x00);

  /* Poll mode: OCW3 with P=1, the next read is 80h|level and acts as an
   * acknowledge. */
  pic_line(p, 3, 1);
  outb(0x20, 0x0c);
  CHECK(inb(0x20) == 0x83);
  CHECK(isr(0x20) == 0x08 && !pic_pending(p));
  eoi(0x20);
  outb(0x20, 0x0c);
  CHECK(inb(0x20) == 0x00);
  pic_line(p, 3, 0);

  /* Rotation: a rotating non-specific EOI makes the ended level the
   * lowest, so IR1 now outranks IR0. */
  pic_line(p, 0, 1);
  CHECK(pic_ack(p) == 0x08);
  outb(0x20, 0xa0); /* rotate on non-specific EOI */
  pic_line(p, 0, 0);
  pic_line(p, 0, 1);
  pic_line(p, 1, 1);
  CHECK(pic_ack(p) == 0x09);
  outb(0x20, 0x61); /* specific EOI level 1 */
  CHECK(pic_ack(p) == 0x08);
  outb(0x20, 0xc7); /* set priority: IR7 lowest, fixed order again */
  eoi(0x20);
  pic_line(p, 0, 0);
  pic_line(p, 1, 0);
  pic_line(p, 1, 1);
  pic_line(p, 0, 1);
  CHECK(pic_ack(p) == 0x08);
  eoi(0x20);
  CHECK(pic_ack(p) == 0x09);
  eoi(0x20);
  pic_line(p, 0, 0);
  pic_line(p, 1, 0);

  /* Special mask mode: with IR1 in service and masked, the lower IR4 is
   * taken. */
  pic_line(p, 1, 1);
  CHECK(pic_ack(p) == 0x09);
  pic_line(p, 4, 1);
  CHECK(!pic_pending(p));
  outb(0x21, 0x02);
  outb(0x20, 0x68); /* OCW3: set special mask */
  CHECK(pic_pending(p) && pic_ack(p) == 0x0c);
  outb(0x20, 0x64); /* specific EOI 4 */
  outb(0x20, 0x48); /* reset special mask */
  outb(0x21, 0x00);
  outb(0x20, 0x61);
  CHECK(isr(0x20) == 0);
  pic_line(p, 1, 0);
  pic_line(p, 4, 0);

  /* Special fully nested mode on the master (ICW4 bit 4): a higher
   * slave request interrupts a slave handler through the IR2 already in
   * service (without it, the same sequence waited: see above). */
  init_at(0x11);
  pic_line(p, 10, 1);
  CHECK(pic_ack(p) == 0x72);
  pic_line(p, 9, 1);
  CHECK(pic_pending(p) && pic_ack(p) == 0x71);
  eoi(0xa0);
  CHECK(isr(0xa0) == 0x04); /* the slave still has IRQ10 in service */
  eoi(0xa0);
  eoi(0x20);
  CHECK(isr(0xa0) == 0 && isr(0x20) == 0);
  pic_line(p, 9, 0);
  pic_line(p, 10, 0);
  init_at(0x01);

  /* Automatic EOI (ICW4 bit 1): nothing stays in service. Re-running
   * the ICWs clears the mask and pending state. */
  pic_line(p, 6, 1);
  init_at(0x03);
  CHECK(!pic_pending(p));
  pic_line(p, 6, 0);
  pic_line(p, 6, 1);
  CHECK(pic_ack(p) == 0x0e && isr(0x20) == 0);
  pic_line(p, 6, 0);
  /* Initialized again, with vectors from 20h. */
  outb(0x20, 0x11);
  outb(0x21, 0x20); /* ICW2: vectors 20h */
  outb(0x21, 0x04);
  outb(0x21, 0x01);
  pic_line(p, 2 + 1, 1);
  CHECK(pic_ack(p) == 0x23);
  eoi(0x20);
  pic_line(p, 3, 0);
  /* Single mode without ICW3 (ICW1 bit 1): IR2 is an ordinary line,
   * here carrying the slave's output, and no slave is asked for a
   * vector. The bus's IRQ2 arrives as IRQ9 (the AT's redirection). */
  outb(0x20, 0x13);
  outb(0x21, 0x40);
  outb(0x21, 0x01);
  outb(0x21, 0x00);
  pic_line(p, 2, 1);
  CHECK(pic_ack(p) == 0x42);
  eoi(0x20);

  /* A word OUT to 20h: the OCW to 20h, the mask to 21h (byte by byte
   * on the ISA bus); a word IN reads IRR (or ISR) and the mask. */
  out_(0x20, 2, 0x5a0a);
  CHECK(inb(0x21) == 0x5a);
  CHECK(in_(0x20, 2) == 0x5a00);
  outb(0x21, 0x00);

  printf("test-pic: %d checks, %d failures\n", checks, failures);
  return failures != 0;
}
