/* pic.c: the two 8259A interrupt controllers of a PC/AT (see dev.h).
 *
 * Master at 20h-21h takes IRQ 0-7, the slave at A0h-A1h IRQ 8-15 and
 * drives the master's IR2; ELCR at 4D0h-4D1h picks edge or level
 * sensing per line (the EISA/PCI addition every PC since has). Behaviour
 * follows the Intel 8259A datasheet: ICW1-ICW4, OCW1-OCW3, fixed or
 * rotating priority, automatic EOI, special mask, special fully nested
 * mode, poll, and the "default IR7" when a request went away before the
 * acknowledge. */
#include <stdint.h>

#include "pc/dev.h"

struct Chip {
  uint8_t irr, isr, imr;
  uint8_t lines;  /* current level of IR0-7 */
  uint8_t elcr;   /* 1: level sensed */
  uint8_t base;   /* ICW2: vector of IR0 (low 3 bits zero) */
  uint8_t icw1, icw3, icw4;
  uint8_t init;   /* next ICW expected: 2, 3, 4; 0 when initialized */
  uint8_t lowest; /* the line with the lowest priority (7 after init) */
  uint8_t read_isr, special_mask, poll, rotate_aeoi;
  uint8_t elcr_mask; /* lines that may be level sensed */
};

struct Pic {
  struct Pc *pc;
  struct Chip c[2]; /* master, slave */
};

/* The requests the chip sees: edge requests are latched (and dropped
 * again when the line falls before the acknowledge: datasheet, "the IR
 * input must remain high until after the falling edge of the first
 * INTA"); level requests are the line itself. */
static uint8_t requests(const struct Chip *c) {
  return (uint8_t)(((c->irr & ~c->elcr) | (c->lines & c->elcr)) & ~c->imr);
}

/* Priority rank of line n: 0 is the highest. */
static int rank(const struct Chip *c, int n) {
  return (n - c->lowest - 1) & 7;
}

/* The highest-priority line set in bits, or -1. */
static int highest(const struct Chip *c, uint8_t bits) {
  int i, n;
  for (i = 0; i < 8; ++i) {
    n = (c->lowest + 1 + i) & 7;
    if (bits & (1 << n)) return n;
  }
  return -1;
}

/* The line the chip would interrupt for now, or -1: a request outranks
 * everything in service (special mask mode: only the masked in-service
 * levels are out of the way; special fully nested mode: the slave's own
 * level may interrupt itself). */
static int winner(const struct Chip *c, int is_master) {
  int req, srv;
  uint8_t isr = c->isr;
  if (c->init) return -1;
  req = highest(c, requests(c));
  if (req < 0) return -1;
  if (c->special_mask) isr &= ~c->imr;
  if (is_master && (c->icw4 & 0x10)) isr &= ~c->icw3;
  srv = highest(c, isr);
  if (srv >= 0 && rank(c, srv) <= rank(c, req)) return -1;
  return req;
}

static void set_line(struct Chip *c, int n, int level) {
  uint8_t bit = 1 << n;
  if (level) {
    if (!(c->lines & bit)) c->irr |= bit; /* rising edge */
    c->lines |= bit;
  } else {
    c->lines &= ~bit;
    c->irr &= ~bit; /* the request vanished */
  }
}

/* The slave's INT output is the master's IR2. */
static void cascade(struct Pic *p) {
  set_line(&p->c[0], 2, winner(&p->c[1], 0) >= 0);
}

void pic_line(struct Pic *p, int line, int level) {
  if (line < 0 || line > 15) return;
  /* The master's IR2 is the slave; the bus's IRQ2 pin is wired to the
   * slave's IR1 on every AT (IRQ2/9). */
  if (line == 2) line = 9;
  set_line(&p->c[line >> 3], line & 7, level);
  cascade(p);
}

int pic_pending(struct Pic *p) {
  return winner(&p->c[0], 1) >= 0;
}

/* One chip's acknowledge: the line now in service, or 7 for the default
 * IR7 (nothing set in service, as the datasheet says). */
static int ack_chip(struct Chip *c, int is_master) {
  int n = winner(c, is_master);
  if (n < 0) return -1;
  c->irr &= ~(1 << n);
  if (c->icw4 & 0x02) { /* automatic EOI */
    if (c->rotate_aeoi) c->lowest = n;
  } else {
    c->isr |= 1 << n;
  }
  return n;
}

int pic_ack(struct Pic *p) {
  struct Chip *m = &p->c[0], *s = &p->c[1];
  int n = ack_chip(m, 1), v;
  if (n < 0) {
    v = m->base | 7;
  } else if ((m->icw3 & (1 << n)) && !(m->icw1 & 0x02)) {
    int k = ack_chip(s, 0);
    v = k < 0 ? (s->base | 7) : (s->base | k);
  } else {
    v = m->base | n;
  }
  cascade(p);
  return v;
}

/* The poll command (OCW3 P=1): the next read is 80h|line of the highest
 * request, which is acknowledged as by an INTA; 0 when there is none. */
static uint8_t poll_chip(struct Pic *p, int which) {
  struct Chip *c = &p->c[which];
  int n = ack_chip(c, which == 0);
  c->poll = 0;
  cascade(p);
  return n < 0 ? 0 : (uint8_t)(0x80 | n);
}

static void eoi(struct Chip *c, uint8_t ocw2) {
  int n;
  switch (ocw2 >> 5) {
    case 1: /* non-specific EOI: the highest level in service */
    case 5: /* ... and rotate */
      {
        uint8_t isr = c->isr;
        if (c->special_mask) isr &= ~c->imr;
        n = highest(c, isr);
      }
      if (n < 0) return;
      c->isr &= ~(1 << n);
      if (ocw2 >> 5 == 5) c->lowest = n;
      break;
    case 3: /* specific EOI */
      c->isr &= ~(1 << (ocw2 & 7));
      break;
    case 7: /* specific EOI and rotate */
      c->isr &= ~(1 << (ocw2 & 7));
      c->lowest = ocw2 & 7;
      break;
    case 4: /* rotate in automatic EOI mode: set / clear */
    case 0:
      c->rotate_aeoi = ocw2 >> 5 == 4;
      break;
    case 6: /* set priority: the named line becomes the lowest */
      c->lowest = ocw2 & 7;
      break;
    default: /* 2: no operation */
      break;
  }
}

static void write_chip(struct Chip *c, int a0, uint8_t v) {
  if (!a0 && (v & 0x10)) { /* ICW1: start over */
    c->icw1 = v;
    c->init = 2;
    c->imr = 0;
    c->isr = 0;
    c->irr = 0; /* edge sense latches are cleared */
    c->lowest = 7;
    c->read_isr = 0;
    c->special_mask = 0;
    c->poll = 0;
    c->rotate_aeoi = 0;
    c->icw3 = 0;
    if (!(v & 0x01)) c->icw4 = 0; /* no ICW4: its bits are all zero */
    return;
  }
  if (c->init) {
    if (!a0) return; /* an OCW in the middle of the ICWs: ignored */
    switch (c->init) {
      case 2:
        c->base = v & 0xf8;
        c->init = !(c->icw1 & 0x02) ? 3 : (c->icw1 & 0x01) ? 4 : 0;
        break;
      case 3:
        c->icw3 = v;
        c->init = (c->icw1 & 0x01) ? 4 : 0;
        break;
      default:
        c->icw4 = v;
        c->init = 0;
        break;
    }
    return;
  }
  if (a0) { /* OCW1 */
    c->imr = v;
  } else if (!(v & 0x08)) { /* OCW2 */
    eoi(c, v);
  } else { /* OCW3 */
    if (v & 0x02) c->read_isr = v & 0x01;
    if (v & 0x40) c->special_mask = (v >> 5) & 1;
    c->poll = (v >> 2) & 1;
  }
}

static uint32_t pic_in(void *dev, uint16_t port, unsigned size) {
  struct Pic *p = dev;
  struct Chip *c;
  int which;
  if (size > 1) return pc_split_in(pic_in, dev, port, size);
  if (port == 0x4d0 || port == 0x4d1) return p->c[port & 1].elcr;
  which = (port & 0x80) ? 1 : 0;
  c = &p->c[which];
  if (c->poll) return poll_chip(p, which);
  if (port & 1) return c->imr;
  if (c->read_isr) return c->isr;
  return (c->irr & ~c->elcr) | (c->lines & c->elcr);
}

static void pic_out(void *dev, uint16_t port, unsigned size, uint32_t v) {
  struct Pic *p = dev;
  if (size > 1) {
    pc_split_out(pic_out, dev, port, size, v);
    return;
  }
  if (port == 0x4d0 || port == 0x4d1) {
    struct Chip *c = &p->c[port & 1];
    c->elcr = (uint8_t)v & c->elcr_mask;
  } else {
    write_chip(&p->c[(port & 0x80) ? 1 : 0], port & 1, (uint8_t)v);
  }
  cascade(p);
}

struct Pic *pic_new(struct Pc *pc) {
  struct Pic *p = pc_alloc(pc, sizeof(*p));
  int i;
  p->pc = pc;
  for (i = 0; i < 2; ++i) {
    /* Until the BIOS programs them the chips take no requests (init
     * pending), as after a real power on. */
    p->c[i].init = 2;
    p->c[i].lowest = 7;
    p->c[i].imr = 0xff;
  }
  p->c[0].base = 0x08;
  p->c[1].base = 0x70;
  /* IRQ 0, 1, 2, 8 and 13 are edge-only on the chipsets that have an
   * ELCR (the timer, keyboard, cascade, RTC and FPU are ISA devices). */
  p->c[0].elcr_mask = 0xf8;
  p->c[1].elcr_mask = 0xde;
  pc_ports(pc, 0x20, 0x21, pic_in, pic_out, p);
  pc_ports(pc, 0xa0, 0xa1, pic_in, pic_out, p);
  pc_ports(pc, 0x4d0, 0x4d1, pic_in, pic_out, p);
  return p;
}
