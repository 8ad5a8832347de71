/* test-uart.c: the 16550A at 3F8h (COM1, IRQ4) as a driver programs
 * it; expectations from the 16550A datasheet (DLAB, IIR priorities and
 * FIFO bits, THRE interrupt rules, trigger levels, character timeout,
 * overrun, loopback, modem status deltas) and the PC's OUT2 gating. */
#include "../vm/check.h"
#include "fakebus.h"

#define COM1 0x3f8

static struct Uart *u;

int main(void) {
  int r;
  u = uart_new(&fake_pc, COM1, 4);
  fake_now = 1000000000;

  /* The divisor latch behind DLAB; the registers it hides keep their
   * values. */
  outb(COM1 + 1, 0x00);
  outb(COM1 + 3, 0x80);
  outb(COM1 + 0, 0x01);
  outb(COM1 + 1, 0x00);
  CHECK(inb(COM1 + 0) == 0x01 && inb(COM1 + 1) == 0x00);
  outb(COM1 + 3, 0x03); /* 8N1 */
  CHECK(inb(COM1 + 3) == 0x03 && inb(COM1 + 1) == 0x00);
  outb(COM1 + 3, 0x80);
  CHECK(inb(COM1 + 0) == 0x01);
  outb(COM1 + 3, 0x03);

  /* Transmit: to the serial console; LSR always has THRE and TEMT. */
  CHECK(inb(COM1 + 5) == 0x60);
  outb(COM1, 'O');
  outb(COM1, 'K');
  CHECK(fake_outlen[PC_OUT_SERIAL] == 2 &&
        !memcmp(fake_out[PC_OUT_SERIAL], "OK", 2));
  CHECK(inb(COM1 + 5) == 0x60);
  /* No interrupts enabled: IIR says none (FIFOs off: bits 7-6 zero). */
  CHECK(inb(COM1 + 2) == 0x01);
  CHECK(inb(COM1 + 7) == 0x00);
  outb(COM1 + 7, 0x5a);
  CHECK(inb(COM1 + 7) == 0x5a);

  /* THRE interrupt: enabling it with THR empty interrupts at once, but
   * the line needs OUT2; reading IIR (THRE the source) clears it,
   * writing THR arms it again. */
  outb(COM1 + 1, 0x02);
  CHECK(inb(COM1 + 2) == 0x02);
  CHECK(inb(COM1 + 2) == 0x01);
  CHECK(fake_level[4] == 0);
  outb(COM1 + 4, 0x0b); /* DTR, RTS, OUT2 */
  r = fake_rises[4];
  outb(COM1, 'x');
  CHECK(fake_level[4] == 1 && fake_rises[4] == r + 1);
  CHECK(inb(COM1 + 2) == 0x02 && fake_level[4] == 0);
  outb(COM1 + 1, 0x00);

  /* Receive without FIFOs: one byte holds; a second is an overrun. */
  outb(COM1 + 1, 0x05); /* data available, line status */
  CHECK(uart_input(u, "ab", 2) == 1);
  CHECK(inb(COM1 + 5) == 0x61);
  CHECK(inb(COM1 + 2) == 0x04 && fake_level[4] == 1);
  CHECK(inb(COM1) == 'a');
  CHECK(inb(COM1 + 2) == 0x01 && fake_level[4] == 0);
  CHECK(uart_input(u, "b", 1) == 1);
  outb(COM1 + 4, 0x1b); /* loopback: the THR byte arrives on top */
  outb(COM1 + 1, 0x05);
  outb(COM1, 'c');
  /* Overrun outranks data available, and reading LSR clears it. In
   * loopback the OUT2 pin is off: nothing reaches IRQ4. */
  CHECK(inb(COM1 + 2) == 0x06 && fake_level[4] == 0);
  CHECK(inb(COM1 + 5) == 0x63);
  CHECK(inb(COM1 + 2) == 0x04);
  CHECK(inb(COM1) == 'b');
  outb(COM1 + 4, 0x0b);

  /* FIFOs on, trigger 4: three bytes raise nothing until the character
   * timeout (4 character times: 10 bits at 115200 baud each). */
  outb(COM1 + 2, 0x47);
  CHECK((inb(COM1 + 2) & 0xc0) == 0xc0);
  CHECK(uart_input(u, "123", 3) == 3);
  fake_service();
  CHECK((inb(COM1 + 2) & 0x0f) == 0x01);
  fake_run_until(fake_now + 4 * 86805 - 1000);
  CHECK((inb(COM1 + 2) & 0x0f) == 0x01);
  fake_run_until(fake_now + 2000);
  CHECK(inb(COM1 + 2) == 0xcc && fake_level[4] == 1);
  CHECK(inb(COM1) == '1');
  CHECK((inb(COM1 + 2) & 0x0f) == 0x01);
  CHECK(inb(COM1) == '2' && inb(COM1) == '3');
  CHECK(inb(COM1 + 5) == 0x60);
  /* Trigger level reached: at once. */
  CHECK(uart_input(u, "wxyz", 4) == 4);
  CHECK(inb(COM1 + 2) == 0xc4);
  /* The FIFO holds 16: the rest is left to the caller. */
  CHECK(uart_input(u, "0123456789abcdefgh", 18) == 12);
  CHECK(!(inb(COM1 + 5) & 0x02));
  outb(COM1 + 2, 0x43); /* clear the receive FIFO */
  CHECK(inb(COM1 + 5) == 0x60);

  /* Loopback: modem inputs follow the outputs (RTS->CTS, DTR->DSR,
   * OUT1->RI, OUT2->DCD) with delta bits cleared by reading MSR. */
  outb(COM1 + 4, 0x10);
  inb(COM1 + 6);
  outb(COM1 + 4, 0x13);
  CHECK(inb(COM1 + 6) == 0x33);
  CHECK(inb(COM1 + 6) == 0x30);
  outb(COM1 + 4, 0x1c);
  CHECK(inb(COM1 + 6) == 0xcb);
  outb(COM1 + 4, 0x18); /* RI off: the trailing edge bit */
  CHECK(inb(COM1 + 6) == 0x84);
  /* Modem status interrupt. */
  outb(COM1 + 1, 0x08);
  outb(COM1 + 4, 0x19);
  CHECK(inb(COM1 + 2) == 0xc0);
  inb(COM1 + 6);
  CHECK(inb(COM1 + 2) == 0xc1);
  /* Not in loopback: a terminal (CTS, DSR, DCD). */
  outb(COM1 + 4, 0x0b);
  CHECK((inb(COM1 + 6) & 0xf0) == 0xb0);

  /* A word OUT at 3F8h: THR gets the low byte, IER the high one. */
  out_(COM1, 2, 0x0000 | 'w');
  CHECK(fake_out[PC_OUT_SERIAL][fake_outlen[PC_OUT_SERIAL] - 1] == 'w' &&
        inb(COM1 + 1) == 0x00);
  out_(COM1 + 6, 2, 0x3c00); /* MSR (read-only) and SCR */
  CHECK(inb(COM1 + 7) == 0x3c);

  CHECK(fake_unclaimed == 0);
  printf("test-uart: %d checks, %d failures\n", checks, failures);
  return failures != 0;
}
