/* uart.c: a National Semiconductor 16550A UART (see dev.h); COM1 is at
 * 3F8h-3FFh on IRQ4.
 *
 * Registers as in the 16550A datasheet: RBR/THR and DLL, IER and DLM
 * (LCR bit 7, DLAB, picks the divisor latch), IIR/FCR, LCR, MCR, LSR,
 * MSR, SCR. Transmission is instant: a byte written to THR goes to the
 * console (PC_OUT_SERIAL) and the transmitter is empty again, so LSR
 * always says THRE and TEMT. Received bytes come from uart_input into a
 * 16-byte FIFO (1 byte with FIFOs off); the data-available interrupt
 * fires at the trigger level, the character timeout after four character
 * times with fewer. Interrupts reach the IRQ line only with MCR's OUT2,
 * as on a PC. In loopback (MCR bit 4) transmitted bytes are received and
 * the modem inputs follow the modem outputs; otherwise a terminal is
 * there (CTS, DSR and DCD on). */
#include <stdint.h>

#include "pc/dev.h"

#define FIFO 16
#define BASE_HZ 115200 /* 1.8432 MHz / 16: divisor 1 is 115200 baud */

enum { IER_RDA = 1, IER_THRE = 2, IER_RLS = 4, IER_MSI = 8 };
enum { LSR_DR = 1, LSR_OE = 2, LSR_THRE = 0x20, LSR_TEMT = 0x40 };
enum { MCR_DTR = 1, MCR_RTS = 2, MCR_OUT1 = 4, MCR_OUT2 = 8, MCR_LOOP = 16 };

struct Uart {
  struct Pc *pc;
  uint16_t base;
  int irq, line;
  uint8_t ier, lcr, mcr, lsr_err, msr, scr, fcr;
  uint16_t divisor;
  uint8_t rx[FIFO];
  int rhead, rcount;
  int thre;            /* the THR-empty interrupt is pending */
  int timeout;         /* the character timeout interrupt is pending */
  uint64_t last_rx;    /* pc_now of the last byte in or out of the FIFO */
};

static int fifo_on(struct Uart *u) {
  return u->fcr & 1;
}

static int trigger(struct Uart *u) {
  static const uint8_t kLevels[4] = {1, 4, 8, 14};
  return fifo_on(u) ? kLevels[u->fcr >> 6] : 1;
}

static uint64_t char_ns(struct Uart *u) {
  unsigned d = u->divisor ? u->divisor : 65536;
  return (uint64_t)10 * d * 1000000000u / BASE_HZ;
}

/* IIR: the highest-priority interrupt pending (bit 0 clear), or 01h. */
static uint8_t iir(struct Uart *u) {
  uint8_t f = fifo_on(u) ? 0xc0 : 0;
  if ((u->ier & IER_RLS) && (u->lsr_err & LSR_OE)) return f | 0x06;
  if ((u->ier & IER_RDA) && u->rcount >= trigger(u)) return f | 0x04;
  if ((u->ier & IER_RDA) && u->timeout) return f | 0x0c;
  if ((u->ier & IER_THRE) && u->thre) return f | 0x02;
  if ((u->ier & IER_MSI) && (u->msr & 0x0f)) return f | 0x00;
  return f | 0x01;
}

static void update_irq(struct Uart *u) {
  /* The PC gates INTR with the OUT2 pin, which loopback holds off. */
  int level = !(iir(u) & 1) && (u->mcr & (MCR_OUT2 | MCR_LOOP)) == MCR_OUT2;
  if (level == u->line) return;
  u->line = level;
  pc_irq(u->pc, u->irq, level);
}

/* The modem inputs: a terminal is attached, or loopback's wiring. */
static uint8_t modem_inputs(struct Uart *u) {
  if (u->mcr & MCR_LOOP) {
    return (uint8_t)((u->mcr & MCR_RTS ? 0x10 : 0) |
                     (u->mcr & MCR_DTR ? 0x20 : 0) |
                     (u->mcr & MCR_OUT1 ? 0x40 : 0) |
                     (u->mcr & MCR_OUT2 ? 0x80 : 0));
  }
  return 0xb0;
}

/* The modem status's high bits changed: set the delta bits (bit 2 only
 * when RI went from on to off, "trailing edge"). */
static void modem_changed(struct Uart *u) {
  uint8_t now = modem_inputs(u), old = u->msr & 0xf0, d = now ^ old;
  u->msr = (uint8_t)(now | (u->msr & 0x0f) | (d & 0x10 ? 1 : 0) |
                     (d & 0x20 ? 2 : 0) | ((old & 0x40) && !(now & 0x40) ? 4 : 0) |
                     (d & 0x80 ? 8 : 0));
}

static int receive(struct Uart *u, uint8_t b) {
  int cap = fifo_on(u) ? FIFO : 1;
  if (u->rcount >= cap) {
    u->lsr_err |= LSR_OE; /* overrun: the byte is lost */
    return 0;
  }
  u->rx[(u->rhead + u->rcount++) % FIFO] = b;
  u->last_rx = pc_now(u->pc);
  u->timeout = 0;
  return 1;
}

static uint64_t uart_service(void *dev, uint64_t now) {
  struct Uart *u = dev;
  uint64_t due;
  if (!fifo_on(u) || !u->rcount || u->rcount >= trigger(u) || u->timeout)
    return UINT64_MAX;
  due = u->last_rx + 4 * char_ns(u);
  if (now < due) return due;
  u->timeout = 1;
  update_irq(u);
  return UINT64_MAX;
}

size_t uart_input(struct Uart *u, const char *s, size_t n) {
  size_t i;
  int cap = fifo_on(u) ? FIFO : 1;
  if (u->mcr & MCR_LOOP) return 0; /* the line is disconnected */
  for (i = 0; i < n && u->rcount < cap; ++i) receive(u, (uint8_t)s[i]);
  update_irq(u);
  pc_timer(u->pc, uart_service, u);
  return i;
}

static uint32_t uart_in(void *dev, uint16_t port, unsigned size) {
  struct Uart *u = dev;
  uint8_t v;
  if (size > 1) return pc_split_in(uart_in, dev, port, size);
  switch (port - u->base) {
    case 0:
      if (u->lcr & 0x80) return u->divisor & 0xff;
      if (!u->rcount) return 0;
      v = u->rx[u->rhead];
      u->rhead = (u->rhead + 1) % FIFO;
      --u->rcount;
      u->timeout = 0;
      u->last_rx = pc_now(u->pc);
      update_irq(u);
      pc_timer(u->pc, uart_service, u);
      return v;
    case 1:
      if (u->lcr & 0x80) return u->divisor >> 8;
      return u->ier;
    case 2:
      v = iir(u);
      if ((v & 0x0f) == 0x02) { /* reading IIR clears THRE's interrupt */
        u->thre = 0;
        update_irq(u);
      }
      return v;
    case 3:
      return u->lcr;
    case 4:
      return u->mcr;
    case 5:
      v = (uint8_t)(LSR_THRE | LSR_TEMT | (u->rcount ? LSR_DR : 0) |
                    u->lsr_err);
      u->lsr_err = 0;
      update_irq(u);
      return v;
    case 6:
      v = u->msr;
      u->msr &= 0xf0;
      update_irq(u);
      return v;
    default:
      return u->scr;
  }
}

static void uart_out(void *dev, uint16_t port, unsigned size, uint32_t v) {
  struct Uart *u = dev;
  char c = (char)v;
  uint8_t old;
  if (size > 1) {
    pc_split_out(uart_out, dev, port, size, v);
    return;
  }
  switch (port - u->base) {
    case 0:
      if (u->lcr & 0x80) {
        u->divisor = (uint16_t)((u->divisor & 0xff00) | (v & 0xff));
        break;
      }
      if (u->mcr & MCR_LOOP) {
        receive(u, (uint8_t)v);
        pc_timer(u->pc, uart_service, u);
      } else {
        pc_output(u->pc, PC_OUT_SERIAL, &c, 1);
      }
      u->thre = 1; /* sent at once: the holding register is empty again */
      break;
    case 1:
      if (u->lcr & 0x80) {
        u->divisor = (uint16_t)((u->divisor & 0xff) | (v & 0xff) << 8);
        break;
      }
      old = u->ier;
      u->ier = (uint8_t)v & 0x0f;
      /* Enabling the THRE interrupt with the holding register empty
       * interrupts at once. */
      if ((u->ier & IER_THRE) && !(old & IER_THRE)) u->thre = 1;
      break;
    case 2:
      if ((v & 1) != (u->fcr & 1)) { /* switching FIFOs clears them */
        u->rcount = 0;
        u->timeout = 0;
      }
      if (v & 2) {
        u->rcount = 0;
        u->timeout = 0;
      }
      u->fcr = (uint8_t)v & 0xc1;
      break;
    case 3:
      u->lcr = (uint8_t)v;
      break;
    case 4:
      u->mcr = (uint8_t)v & 0x1f;
      modem_changed(u);
      break;
    case 5:
    case 6:
      break; /* LSR and MSR are read-only here (factory test) */
    default:
      u->scr = (uint8_t)v;
      break;
  }
  update_irq(u);
}

struct Uart *uart_new(struct Pc *pc, uint16_t base, int irq) {
  struct Uart *u = pc_alloc(pc, sizeof(*u));
  u->pc = pc;
  u->base = base;
  u->irq = irq;
  u->divisor = 12; /* 9600 baud until the BIOS sets it */
  u->msr = modem_inputs(u);
  pc_ports(pc, base, base + 7, uart_in, uart_out, u);
  pc_timer(pc, uart_service, u);
  return u;
}
