/* pit.c: the 8254 programmable interval timer at 40h-43h (see dev.h).
 *
 * Its clock is 1193182 Hz, taken from pc_now(): nothing ticks between
 * accesses; a channel's count and output are computed from the ticks
 * elapsed since it started counting. Channel 0's output is IRQ0 (its
 * edges are found by a pc_timer service at the times they are due),
 * channel 1 (DRAM refresh on the PC) only counts, channel 2's gate and
 * output are port 61h bits 0 and 5 (misc.c). Modes 0-5, LSB/MSB/both
 * access, the counter latch and read-back commands and BCD counting as
 * in the Intel 8254 datasheet. */
#include <stdint.h>

#include "pc/dev.h"

#define PIT_HZ 1193182

enum { RW_LATCH, RW_LSB, RW_MSB, RW_BOTH };

struct Chan {
  uint8_t ctrl;       /* the control word's low 6 bits: RW, mode, BCD */
  uint8_t mode, rw, bcd;
  uint8_t gate;
  uint8_t loaded;     /* a count was written since the control word */
  uint8_t running;    /* counting (1, 5: after the trigger) */
  uint8_t null_count; /* a count written but not yet in the counter */
  uint8_t write_msb;  /* RW_BOTH: the next write is the MSB */
  uint8_t read_msb;   /* RW_BOTH: the next read is the MSB */
  uint8_t lsb;        /* RW_BOTH: the LSB written first */
  uint8_t latched;    /* bytes of latch left to read (2: both, 1: one) */
  uint8_t status_latched;
  uint8_t status;
  uint16_t latch;
  uint32_t n;         /* the count in use (1..65536, BCD as binary) */
  uint32_t pending;   /* modes 2, 3: the next period's count, 0: none */
  uint64_t pending_at; /* ... from this elapsed tick on */
  uint64_t acc;       /* ticks counted before `since` (gate pauses) */
  uint64_t since;     /* absolute tick counting (re)started */
  uint8_t counting;   /* the clock reaches the counter (gate, loaded) */
  uint64_t edges;     /* rising edges of OUT already seen (channel 0) */
  uint64_t carry;     /* edges of a finished period not yet seen */
};

struct Pit {
  struct Pc *pc;
  struct Chan ch[3];
  int line;      /* IRQ0's level as last driven */
  int owed;      /* channel 0 edges missed by a late service, to replay */
};

static uint64_t ticks(uint64_t ns) {
  return (uint64_t)((unsigned __int128)ns * PIT_HZ / 1000000000u);
}

/* The first nanosecond at which tick t has happened. */
static uint64_t tick_ns(uint64_t t) {
  return (uint64_t)(((unsigned __int128)t * 1000000000u + PIT_HZ - 1) /
                    PIT_HZ);
}

static uint64_t elapsed(const struct Chan *c, uint64_t now) {
  return c->acc + (c->counting ? now - c->since : 0);
}

/* A count register value: 0 is the largest count (2^16, BCD 10^4). */
static uint32_t count_value(const struct Chan *c, uint16_t raw) {
  if (c->bcd) {
    uint32_t d = ((raw >> 12) & 15) * 1000 + ((raw >> 8) & 15) * 100 +
                 ((raw >> 4) & 15) * 10 + (raw & 15);
    return d ? d : 10000;
  }
  return raw ? raw : 65536;
}

static uint16_t as_register(const struct Chan *c, uint32_t v) {
  if (c->bcd) {
    v %= 10000;
    return (uint16_t)((v / 1000) << 12 | (v / 100 % 10) << 8 |
                      (v / 10 % 10) << 4 | v % 10);
  }
  return (uint16_t)v;
}

/* Starts a new count period at tick now. */
static void start(struct Chan *c, uint64_t now) {
  c->acc = 0;
  c->since = now;
  c->counting = c->gate || c->mode == 1 || c->mode == 5;
  c->running = 1;
  c->null_count = 0;
  c->pending = 0;
  c->edges = 0;
  c->carry = 0;
}

/* Modes 2 and 3 take a count written while running at the end of the
 * current period ("the current period is not affected"). */
static void settle(struct Chan *c, uint64_t now) {
  uint64_t e;
  if (!c->pending) return;
  e = elapsed(c, now);
  if (e < c->pending_at) return;
  c->carry += c->pending_at / c->n - c->edges;
  c->n = c->pending;
  c->pending = 0;
  c->null_count = 0;
  c->acc = e - c->pending_at;
  c->since = now;
  c->edges = 0;
}

/* Counter value and OUT at tick now. */
static void state(struct Chan *c, uint64_t now, uint32_t *count, int *out) {
  uint64_t e, p;
  uint32_t n;
  settle(c, now);
  n = c->n;
  if (!c->running) {
    *count = c->loaded ? n : 0;
    *out = c->mode != 0;
    return;
  }
  e = elapsed(c, now);
  switch (c->mode) {
    case 0: /* interrupt on terminal count: OUT rises at 0, stays */
    case 1: /* one-shot: OUT low for n clocks after the trigger */
      *count = (uint32_t)((n - e % 65536 + 65536 * 2) % 65536);
      if (c->bcd) *count = (uint32_t)((n + 10000 * 2 - e % 10000) % 10000);
      *out = e >= n;
      break;
    case 4: /* strobes: OUT low for the one clock at 0 */
    case 5:
      *count = (uint32_t)((n - e % 65536 + 65536 * 2) % 65536);
      if (c->bcd) *count = (uint32_t)((n + 10000 * 2 - e % 10000) % 10000);
      *out = e != n;
      break;
    case 2: /* rate generator: n .. 1, OUT low while at 1 */
      p = e % n;
      *count = (uint32_t)(n - p);
      *out = p != n - 1 || !c->gate;
      break;
    default: /* 3, square wave: high for (n+1)/2, low for n/2, by twos */
      p = e % n;
      if (p < (n + 1) / 2) {
        *count = (uint32_t)((n - 2 * p) & ~1u);
        *out = 1;
      } else {
        *count = (uint32_t)((n - 2 * (p - (n + 1) / 2)) & ~1u);
        *out = 0;
      }
      if (!c->gate) *out = 1;
      break;
  }
}

/* Rising edges of OUT from the start of the period to elapsed e. */
static uint64_t rises(const struct Chan *c, uint64_t e) {
  switch (c->mode) {
    case 0:
    case 1:
      return e >= c->n;
    case 4:
    case 5:
      return e >= (uint64_t)c->n + 1;
    default:
      return e / c->n;
  }
}

/* The elapsed tick of the next change of OUT after e, or UINT64_MAX. */
static uint64_t next_change(const struct Chan *c, uint64_t e) {
  uint64_t k;
  switch (c->mode) {
    case 0:
    case 1:
      return e < c->n ? c->n : UINT64_MAX;
    case 4:
    case 5:
      return e < c->n ? c->n : e < (uint64_t)c->n + 1 ? c->n + 1
                                                        : UINT64_MAX;
    case 2:
      k = e / c->n * c->n;
      return e < k + c->n - 1 ? k + c->n - 1 : k + c->n;
    default:
      k = e / c->n * c->n;
      return e < k + (c->n + 1) / 2 ? k + (c->n + 1) / 2 : k + c->n;
  }
}

static void drive(struct Pit *t, int level) {
  if (level == t->line) return;
  t->line = level;
  pc_irq(t->pc, 0, level);
}

/* Channel 0's edges become IRQ0. A rising edge leaves the line high at
 * least until the next call, so a request cannot vanish before the CPU
 * had a chance to take it; edges missed while the guest did not run
 * (a late service, a pause in the debugger) are replayed, but at most
 * two of them. */
static uint64_t pit_service(void *dev, uint64_t now_ns) {
  struct Pit *t = dev;
  struct Chan *c = &t->ch[0];
  uint64_t now = ticks(now_ns), e, r, next;
  uint32_t count;
  int out;
  if (!c->running) {
    drive(t, c->mode != 0);
    return UINT64_MAX;
  }
  state(c, now, &count, &out);
  if (!c->counting) {
    drive(t, out);
    return UINT64_MAX;
  }
  e = elapsed(c, now);
  r = rises(c, e);
  if (r + c->carry > c->edges) {
    r += c->carry;
    if (r - c->edges > 1) t->owed += (int)(r - c->edges - 1);
    if (t->owed > 2) t->owed = 2;
    c->edges = r - c->carry;
    c->carry = 0;
    drive(t, 0);
    drive(t, 1);
  } else if (t->owed && t->line) {
    --t->owed;
    drive(t, 0);
    drive(t, 1);
  } else {
    drive(t, out);
  }
  next = next_change(c, e);
  if (t->owed) return now_ns + 250000; /* a quarter millisecond on */
  if (next == UINT64_MAX) return UINT64_MAX;
  if (c->pending && c->pending_at > e && c->pending_at < next)
    next = c->pending_at;
  return tick_ns(c->since + (next - c->acc));
}

static void reschedule(struct Pit *t) {
  /* pc_timer registers again with the new deadline computed at once. */
  pc_timer(t->pc, pit_service, t);
}

static void write_count(struct Pit *t, struct Chan *c, uint16_t raw,
                        uint64_t now) {
  uint32_t n = count_value(c, raw);
  c->loaded = 1;
  c->null_count = 1;
  if (c->mode == 2 || c->mode == 3) {
    if (c->running) { /* the current period finishes first */
      uint64_t e;
      settle(c, now);
      e = elapsed(c, now);
      c->pending = n;
      c->pending_at = e / c->n * c->n + c->n;
      if (c == &t->ch[0]) reschedule(t);
      return;
    }
    c->n = n;
    start(c, now);
  } else if (c->mode == 1 || c->mode == 5) {
    c->n = n; /* waits for a gate trigger */
    c->running = 0;
  } else {
    c->n = n;
    start(c, now);
  }
  if (c == &t->ch[0]) {
    t->owed = 0; /* replays belong to the old count */
    reschedule(t);
  }
}

static void control(struct Pit *t, uint8_t v, uint64_t now) {
  int i;
  uint32_t count;
  int out;
  if ((v >> 6) == 3) { /* read-back: bit 5 clear latches counts, 4 status */
    for (i = 0; i < 3; ++i) {
      struct Chan *c = &t->ch[i];
      if (!(v & (2 << i))) continue;
      state(c, now, &count, &out);
      if (!(v & 0x20) && !c->latched) {
        c->latch = as_register(c, count);
        c->latched = c->rw == RW_BOTH ? 2 : 1;
        c->read_msb = c->rw == RW_MSB;
      }
      if (!(v & 0x10) && !c->status_latched) {
        c->status = (uint8_t)(out << 7 | c->null_count << 6 | c->ctrl);
        c->status_latched = 1;
      }
    }
    return;
  }
  {
    struct Chan *c = &t->ch[v >> 6];
    if (((v >> 4) & 3) == RW_LATCH) { /* counter latch command */
      if (!c->latched) {
        state(c, now, &count, &out);
        c->latch = as_register(c, count);
        c->latched = c->rw == RW_BOTH ? 2 : 1;
        c->read_msb = c->rw == RW_MSB;
      }
      return;
    }
    c->ctrl = v & 0x3f;
    c->rw = (v >> 4) & 3;
    c->mode = (v >> 1) & 7;
    if (c->mode > 5) c->mode -= 4; /* 6 and 7 are 2 and 3 */
    c->bcd = v & 1;
    c->loaded = 0;
    c->running = 0;
    c->counting = 0;
    c->null_count = 1;
    c->write_msb = 0;
    c->read_msb = 0;
    c->latched = 0;
    c->status_latched = 0;
    c->pending = 0;
    if (c == &t->ch[0]) {
      t->owed = 0;
      reschedule(t);
    }
  }
}

static uint32_t pit_in(void *dev, uint16_t port, unsigned size) {
  struct Pit *t = dev;
  struct Chan *c;
  uint64_t now = ticks(pc_now(t->pc));
  uint32_t count;
  uint16_t v;
  int out;
  uint8_t b;
  if (size > 1) return pc_split_in(pit_in, dev, port, size);
  if (port == 0x43) return 0xff; /* the control register is write-only */
  c = &t->ch[port & 3];
  if (c->status_latched) {
    c->status_latched = 0;
    return c->status;
  }
  if (c->latched) {
    v = c->latch;
    --c->latched;
  } else {
    state(c, now, &count, &out);
    v = as_register(c, count);
  }
  switch (c->rw) {
    case RW_LSB:
      return v & 0xff;
    case RW_MSB:
      return v >> 8;
    default:
      b = c->read_msb ? v >> 8 : v & 0xff;
      c->read_msb ^= 1;
      return b;
  }
}

static void pit_out(void *dev, uint16_t port, unsigned size, uint32_t v) {
  struct Pit *t = dev;
  struct Chan *c;
  uint64_t now = ticks(pc_now(t->pc));
  if (size > 1) {
    pc_split_out(pit_out, dev, port, size, v);
    return;
  }
  if (port == 0x43) {
    control(t, (uint8_t)v, now);
    return;
  }
  c = &t->ch[port & 3];
  switch (c->rw) {
    case RW_LSB:
      write_count(t, c, (uint8_t)v, now);
      break;
    case RW_MSB:
      write_count(t, c, (uint16_t)((v & 0xff) << 8), now);
      break;
    default:
      if (!c->write_msb) {
        c->lsb = (uint8_t)v;
        c->write_msb = 1;
        /* Mode 0: the first byte stops the count. */
        if (c->mode == 0 && c->running) {
          c->acc = elapsed(c, now);
          c->counting = 0;
        }
      } else {
        c->write_msb = 0;
        write_count(t, c, (uint16_t)((v & 0xff) << 8 | c->lsb), now);
      }
      break;
  }
}

static void gate(struct Pit *t, struct Chan *c, int level) {
  uint64_t now = ticks(pc_now(t->pc));
  level = !!level;
  if (level == c->gate) return;
  settle(c, now);
  if (c->running && c->counting && (c->mode == 0 || c->mode == 4 ||
                                    c->mode == 2 || c->mode == 3)) {
    c->acc = elapsed(c, now); /* pause */
    c->counting = 0;
  }
  c->gate = (uint8_t)level;
  if (!level) return;
  switch (c->mode) {
    case 1:
    case 5: /* a rising gate (re)triggers */
    case 2:
    case 3: /* ... and reloads */
      if (c->loaded) start(c, now);
      break;
    default: /* 0, 4: counting goes on */
      if (c->running) {
        c->since = now;
        c->counting = 1;
      }
      break;
  }
}

void pit_gate2(struct Pit *t, int level) {
  gate(t, &t->ch[2], level);
}

int pit_out2(struct Pit *t) {
  uint32_t count;
  int out;
  state(&t->ch[2], ticks(pc_now(t->pc)), &count, &out);
  return out;
}

struct Pit *pit_new(struct Pc *pc) {
  struct Pit *t = pc_alloc(pc, sizeof(*t));
  int i;
  t->pc = pc;
  for (i = 0; i < 3; ++i) {
    t->ch[i].gate = i != 2; /* 0 and 1 are wired high; 2 is port 61h */
    t->ch[i].mode = 0;
    t->ch[i].rw = RW_BOTH;
    t->ch[i].ctrl = RW_BOTH << 4;
    t->ch[i].n = 65536;
  }
  pc_ports(pc, 0x40, 0x43, pit_in, pit_out, t);
  pc_timer(pc, pit_service, t);
  return t;
}
