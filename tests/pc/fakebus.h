/* fakebus.h: a stand-in for src/pc/pc.c in the device unit tests.
 *
 * The devices see the pc.h bus (ports, IRQ lines, the clock, timers,
 * RAM, console output, A20 and reset); here the test owns the clock
 * (fake_now, nanoseconds) and runs the timers when it says so
 * (fake_service), so timing checks are exact instead of racing the host.
 * Include it in one test program only: it defines the pc_* functions the
 * device objects in libvm.a call, so pc.o is not linked in. */
#ifndef BLINK_TESTS_PC_FAKEBUS_H
#define BLINK_TESTS_PC_FAKEBUS_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pc/dev.h"
#include "pc/pc.h"

#define FAKE static __attribute__((unused))

struct Pc {
  int unused;
};

FAKE struct Pc fake_pc;
FAKE struct FakePort {
  uint16_t first, last;
  pc_in_fn in;
  pc_out_fn out;
  void *dev;
} fake_ports[32];
FAKE int fake_nports;
FAKE struct FakeTimer {
  uint64_t (*service)(void *, uint64_t);
  void *dev;
  uint64_t next;
} fake_timers[16];
FAKE int fake_ntimers;
FAKE uint64_t fake_now;
FAKE int fake_level[16];   /* IRQ line levels as the devices drove them */
FAKE int fake_rises[16];   /* rising edges seen on each line */
FAKE struct Pic *fake_pic; /* when set, IRQ lines go into it */
FAKE char fake_out[3][4096];
FAKE size_t fake_outlen[3];
FAKE int fake_a20 = 1, fake_resets;
FAKE uint8_t fake_mem[0x100000];
FAKE int fake_unclaimed;   /* accesses to ports nobody claimed */

void pc_ports(struct Pc *pc, uint16_t first, uint16_t last, pc_in_fn in,
              pc_out_fn out, void *dev) {
  (void)pc;
  fake_ports[fake_nports++] = (struct FakePort){first, last, in, out, dev};
}

void pc_irq(struct Pc *pc, int line, int level) {
  (void)pc;
  if (level && !fake_level[line]) ++fake_rises[line];
  fake_level[line] = level;
  if (fake_pic) pic_line(fake_pic, line, level);
}

uint64_t pc_now(struct Pc *pc) {
  (void)pc;
  return fake_now;
}

/* Registering again asks for a call at the next service. */
void pc_timer(struct Pc *pc, uint64_t (*service)(void *, uint64_t),
              void *dev) {
  int i;
  (void)pc;
  for (i = 0; i < fake_ntimers; ++i) {
    if (fake_timers[i].service == service && fake_timers[i].dev == dev) {
      fake_timers[i].next = 0;
      return;
    }
  }
  fake_timers[fake_ntimers++] = (struct FakeTimer){service, dev, 0};
}

void *pc_alloc(struct Pc *pc, size_t size) {
  (void)pc;
  return calloc(1, size); /* the tests run once: never freed */
}

void pc_set_a20(struct Pc *pc, int on) {
  (void)pc;
  fake_a20 = on;
}

int pc_a20(struct Pc *pc) {
  (void)pc;
  return fake_a20;
}

void pc_reset(struct Pc *pc) {
  (void)pc;
  ++fake_resets;
}

uint8_t *pc_ram(struct Pc *pc, uint64_t phys, size_t len) {
  (void)pc;
  if (phys > sizeof(fake_mem) || len > sizeof(fake_mem) - phys) return 0;
  return fake_mem + phys;
}

void pc_output(struct Pc *pc, int source, const char *s, size_t n) {
  (void)pc;
  if (n > sizeof(fake_out[source]) - 1 - fake_outlen[source]) return;
  memcpy(fake_out[source] + fake_outlen[source], s, n);
  fake_outlen[source] += n;
  fake_out[source][fake_outlen[source]] = 0;
}

/* The earliest time a timer wants, UINT64_MAX: none. */
FAKE uint64_t fake_next(void) {
  uint64_t t = UINT64_MAX;
  int i;
  for (i = 0; i < fake_ntimers; ++i)
    if (fake_timers[i].next < t) t = fake_timers[i].next;
  return t;
}

/* pc_service: the timers whose time came. */
FAKE void fake_service(void) {
  int i;
  for (i = 0; i < fake_ntimers; ++i) {
    if (fake_timers[i].next <= fake_now) {
      fake_timers[i].next = UINT64_MAX;
      fake_timers[i].next = fake_timers[i].service(fake_timers[i].dev,
                                                   fake_now);
    }
  }
}

/* Moves the clock to t, servicing every deadline on the way, as a PC
 * whose CPU runs all the time would. */
FAKE void fake_run_until(uint64_t t) {
  uint64_t n;
  while ((n = fake_next()) <= t) {
    if (n > fake_now) fake_now = n;
    fake_service();
  }
  fake_now = t;
}

FAKE struct FakePort *fake_port(uint16_t port) {
  int i;
  for (i = 0; i < fake_nports; ++i)
    if (port >= fake_ports[i].first && port <= fake_ports[i].last)
      return fake_ports + i;
  return 0;
}

FAKE uint32_t in_(uint16_t port, unsigned size) {
  struct FakePort *p = fake_port(port);
  if (!p) {
    ++fake_unclaimed;
    return 0xffffffffu >> (32 - 8 * size);
  }
  return p->in(p->dev, port, size);
}

FAKE void out_(uint16_t port, unsigned size, uint32_t v) {
  struct FakePort *p = fake_port(port);
  if (!p) {
    ++fake_unclaimed;
    return;
  }
  p->out(p->dev, port, size, v);
}

FAKE uint8_t inb(uint16_t port) {
  return (uint8_t)in_(port, 1);
}

FAKE void outb(uint16_t port, uint8_t v) {
  out_(port, 1, v);
}

#endif
