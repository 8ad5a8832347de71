/* pc.c: the PC around the CPU: memory map, I/O port bus, interrupt
 * lines, clock, device timers and keys.
 *
 * Guest-physical memory (the bare Machine's Mem holds physical pages):
 *   00000-9FFFF  conventional RAM (640 KiB)
 *   A0000-BFFFF  video memory: plain RAM that vga.c reads for the screen
 *   C0000-EFFFF  option-ROM hole: nothing (reads all ones)
 *   F0000-FFFFF  the BIOS ROM (writes are dropped, as on a PC)
 *   100000-...   extended RAM, up to ram_size
 * (the CPU itself shows the ROM again at FFFF0000-FFFFFFFF, where the
 * reset vector's fetch goes: src/vm/bare.h)
 * The headless loop and the stdin keys are in pc-run.c, the disk in
 * disk.c, one file per device (dev.h). */
#include "pc/pc.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "machine.h"
#include "bare.h"
#include "memory.h"
#include "pc/bios-rom.h"
#include "pc/dev.h"
#include "pc/disk.h"
#include "pc/pc-private.h"
#include "vm.h"

#define ROM_BASE 0xF0000u
#define ROM_SIZE 0x10000u
#define LOW_END 0xC0000u     /* conventional RAM + video memory */
#define HIGH_BASE 0x100000u  /* extended memory */
#define MAX_RAM 0xC0000000u  /* 3 GiB */

static uint64_t monotonic_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

uint64_t pc_now(struct Pc *pc) { return monotonic_ns() - pc->t0; }

void *pc_alloc(struct Pc *pc, size_t size) {
  /* A header links the blocks so that pc_free can release them. */
  struct PcBlock *b = calloc(1, sizeof(*b) + size);
  if (!b) {
    fputs("blink: out of memory\n", stderr);
    exit(1);
  }
  b->next = pc->blocks;
  pc->blocks = b;
  return b->data;
}

/* ---------------------------------------------------------------- ports */

void pc_ports(struct Pc *pc, uint16_t first, uint16_t last, pc_in_fn in,
              pc_out_fn out, void *dev) {
  if (pc->nranges == PC_MAX_RANGES) {
    blog("pc: too many port ranges; %#x-%#x dropped", first, last);
    return;
  }
  struct PcRange *r = &pc->ranges[pc->nranges++];
  r->in = in;
  r->out = out;
  r->dev = dev;
  /* One byte per port makes a lookup O(1): index + 1 of its range. */
  for (unsigned p = first; p <= last; ++p)
    pc->port_range[p] = (uint8_t)pc->nranges;
}

static void unclaimed(struct Pc *pc, uint16_t port, const char *what) {
  uint8_t bit = (uint8_t)(1u << (port & 7));
  if (pc->port_logged[port >> 3] & bit) return;
  pc->port_logged[port >> 3] |= bit;
  blog("pc: %s of port %#x, which nothing claims (logged once)", what, port);
}

/* Reads of ports nothing claims see all ones, as on an ISA bus with
 * nothing driving it. A wide access to ranges of different devices is
 * split into bytes. */
static uint32_t port_in(void *io, uint16_t port, unsigned size) {
  struct Pc *pc = io;
  uint8_t r = pc->port_range[port];
  uint32_t v;
  if (r && (size == 1 || pc->port_range[(uint16_t)(port + size - 1)] == r)) {
    struct PcRange *d = &pc->ranges[r - 1];
    v = d->in ? d->in(d->dev, port, size) : 0xffffffffu;
  } else if (size > 1) {
    v = 0;
    for (unsigned k = 0; k < size; ++k)
      v |= port_in(io, (uint16_t)(port + k), 1) << (8 * k);
  } else {
    unclaimed(pc, port, "read");
    v = 0xff;
  }
  if (size < 4) v &= (1u << (8 * size)) - 1;
  /* Reading may have changed what the PIC has to say (8042 output
   * buffer, PIC poll command). */
  pc_update_irq(pc);
  return v;
}

static void port_out(void *io, uint16_t port, unsigned size, uint32_t v) {
  struct Pc *pc = io;
  uint8_t r = pc->port_range[port];
  if (r && (size == 1 || pc->port_range[(uint16_t)(port + size - 1)] == r)) {
    struct PcRange *d = &pc->ranges[r - 1];
    if (d->out) d->out(d->dev, port, size, v);
  } else if (size > 1) {
    for (unsigned k = 0; k < size; ++k)
      port_out(io, (uint16_t)(port + k), 1, (v >> (8 * k)) & 0xff);
  } else {
    unclaimed(pc, port, "write");
  }
  /* An EOI or a new mask can let a waiting request through. */
  pc_update_irq(pc);
}

/* ---------------------------------------------------------------- IRQs */

void pc_update_irq(struct Pc *pc) {
  int p = pc->pic ? pic_pending(pc->pic) : 0;
  if (p && !pc->m->irq_pending) {
    pc->m->irq_pending = 1;
    pc->m->trap = 1; /* the loop looks at irq_pending when trap is set */
  } else if (!p) {
    pc->m->irq_pending = 0;
  }
}

void pc_irq(struct Pc *pc, int line, int level) {
  if (line < 0 || line > 15 || !pc->pic) return;
  pic_line(pc->pic, line, level);
  pc_update_irq(pc);
}

/* The INTA cycle: the CPU takes the vector the PIC gives. */
static int irq_ack(void *io) {
  struct Pc *pc = io;
  int v = pc->pic && pic_pending(pc->pic) ? pic_ack(pc->pic) : -1;
  pc_update_irq(pc);
  return v;
}

/* ---------------------------------------------------------------- timers */

void pc_timer(struct Pc *pc, uint64_t (*service)(void *dev, uint64_t now),
              void *dev) {
  /* Registered already: the device's deadline moved (the guest
   * reprogrammed it), so it is called at the next pc_service. */
  for (int k = 0; k < pc->ntimers; ++k) {
    if (pc->timers[k].service == service && pc->timers[k].dev == dev) {
      pc->timers[k].next = 0;
      return;
    }
  }
  if (pc->ntimers == PC_MAX_TIMERS) {
    blog("pc: too many device timers");
    return;
  }
  pc->timers[pc->ntimers].service = service;
  pc->timers[pc->ntimers].dev = dev;
  pc->timers[pc->ntimers].next = 0; /* a first call at once */
  pc->ntimers++;
}

uint64_t pc_next_timer(struct Pc *pc) {
  uint64_t next = UINT64_MAX;
  for (int k = 0; k < pc->ntimers; ++k)
    if (pc->timers[k].next < next) next = pc->timers[k].next;
  return next;
}

void pc_service(struct Pc *pc) {
  uint64_t now = pc_now(pc);
  for (int k = 0; k < pc->ntimers; ++k) {
    struct PcTimer *t = &pc->timers[k];
    if (t->next <= now) t->next = t->service(t->dev, now);
  }
  pc_keys_feed(pc, now);
  pc_update_irq(pc);
}

/* vm_run asks before running (deliver 0) and after a slice (1): the
 * devices catch up with the host's clock either way. Never a reason to
 * stop by itself. */
static int on_trap(struct Machine *m, int deliver) {
  (void)deliver;
  pc_service(m->io);
  return 0;
}

/* ---------------------------------------------------------------- output */

static void default_output(void *ctx, int source, const char *s, size_t n) {
  (void)ctx;
  (void)source;
  /* Flushed by pc_run after each slice and before it sleeps, not per
   * byte. */
  fwrite(s, 1, n, stdout);
}

void pc_set_output(struct Pc *pc,
                   void (*out)(void *ctx, int source, const char *s,
                               size_t n),
                   void *ctx) {
  pc->out = out ? out : default_output;
  pc->out_ctx = ctx;
}

void pc_output(struct Pc *pc, int source, const char *s, size_t n) {
  pc->out(pc->out_ctx, source, s, n);
}

/* ---------------------------------------------------------------- memory */

static int is_ram(struct Pc *pc, uint64_t phys, size_t len) {
  uint64_t end = phys + len;
  if (end < phys) return 0;
  if (end <= LOW_END) return 1;
  return phys >= HIGH_BASE && end <= pc->ram_size;
}

uint8_t *pc_ram(struct Pc *pc, uint64_t phys, size_t len) {
  if (!len || !is_ram(pc, phys, len)) return NULL;
  /* Each of the two RAM ranges is one vm_phys_map, so the host bytes of
   * a range inside one are contiguous. */
  return vm_phys_host(pc->m, phys);
}

/* Device writes into RAM (the disk's DMA) also drop instructions
 * decoded from those bytes, as a store by the CPU would. */
int pc_dma_write(struct Pc *pc, uint64_t phys, const void *src, size_t len) {
  if (!len) return 0;
  uint8_t *h = pc_ram(pc, phys, len);
  if (!h) return -1;
  memcpy(h, src, len);
  vm_phys_written(pc->m, phys, len);
  return 0;
}

int pc_dma_read(struct Pc *pc, uint64_t phys, void *dst, size_t len) {
  if (!len) return 0;
  uint8_t *h = pc_ram(pc, phys, len);
  if (!h) return -1;
  memcpy(dst, h, len);
  return 0;
}

/* The ROM image goes in through the host side (the guest sees read
 * and execute only; its writes are dropped). */
static int load_rom(struct Pc *pc) {
  struct Machine *m = pc->m;
  if (vm_phys_map(m, ROM_BASE, ROM_SIZE, MPROT_READ | MPROT_EXEC)) return -1;
  size_t n = bios_rom_size();
  if (n > ROM_SIZE) n = ROM_SIZE;
  uint8_t *h = vm_phys_host(m, ROM_BASE);
  if (!h) return -1;
  /* A shorter image ends at the top of the 64 KiB, where the reset
   * vector is; the rest reads as an erased ROM's FFh. */
  memset(h, 0xff, ROM_SIZE - n);
  if (n) memcpy(h + ROM_SIZE - n, bios_rom(), n);
  vm_phys_written(m, ROM_BASE, ROM_SIZE);
  return 0;
}

static int map_memory(struct Pc *pc) {
  struct Machine *m = pc->m;
  int rwx = MPROT_READ | MPROT_WRITE | MPROT_EXEC;
  if (vm_phys_map(m, 0, LOW_END, rwx)) return -1;
  if (pc->ram_size > HIGH_BASE &&
      vm_phys_map(m, HIGH_BASE, pc->ram_size - HIGH_BASE, rwx))
    return -1;
  return load_rom(pc);
}

/* ---------------------------------------------------------------- CPU */

void pc_set_a20(struct Pc *pc, int on) {
  pc->a20 = !!on;
  vm_set_a20(pc->m, on);
}

int pc_a20(struct Pc *pc) { return pc->a20; }

void pc_reset(struct Pc *pc) {
  blog("pc: reset");
  vm_reset(pc->m);
  pc_set_a20(pc, 1);
}

/* ---------------------------------------------------------------- life */

struct Machine *pc_machine(struct Pc *pc) { return pc->m; }

struct Pc *pc_new(const struct PcOptions *o, char *err, size_t errlen) {
  struct Pc *pc = calloc(1, sizeof(*pc));
  if (!pc) {
    snprintf(err, errlen, "blink: out of memory");
    return NULL;
  }
  pc->t0 = monotonic_ns();
  pc->opt = *o;
  pc->ram_size = o->ram_size ? o->ram_size : (uint64_t)16 << 20;
  if (pc->ram_size < LOW_END) pc->ram_size = LOW_END;
  /* RAM stays below the 32-bit top, where the CPU shows the ROM. */
  if (pc->ram_size > MAX_RAM) pc->ram_size = MAX_RAM;
  pc->ram_size = (pc->ram_size + PAGE_MASK) & ~(uint64_t)PAGE_MASK;
  pc->out = default_output;
  /* A closed stdin is no keys (checked before the image's open could
   * take descriptor 0). */
  pc->stdin_fd = o->keys_stdin && fcntl(0, F_GETFD) != -1 ? 0 : -1;
  pc->stdin_tty = pc->stdin_fd >= 0 && isatty(0);
  /* The disk first: a bad image is the likeliest failure and costs
   * nothing else yet. */
  pc->disk = disk_open(pc, o->image, o->readonly, err, errlen);
  if (!pc->disk) {
    free(pc);
    return NULL;
  }
  pc->m = vm_new_bare();
  if (!pc->m || map_memory(pc)) {
    snprintf(err, errlen, "blink: out of memory for the PC's memory");
    pc_free(pc);
    return NULL;
  }
  struct Machine *m = pc->m;
  m->io = pc;
  m->port_in = port_in;
  m->port_out = port_out;
  m->irq_ack = irq_ack;
  m->on_trap = on_trap;
  /* The devices (dev.h), each claiming its ports. */
  pc->pic = pic_new(pc);
  pc->pit = pit_new(pc);
  pc->kbd = kbd_new(pc);
  pc->cmos = cmos_new(pc);
  pc->uart = uart_new(pc, 0x3F8, 4);
  pc->vga = vga_new(pc);
  misc_ports_new(pc, pc->pit);
  disk_ports(pc->disk);
  pc_cmos_config(pc);
  pc_reset(pc);
  return pc;
}

void pc_free(struct Pc *pc) {
  if (!pc) return;
  if (pc->out == default_output) fflush(stdout);
  if (pc->disk) disk_close(pc->disk);
  if (pc->m) vm_free(pc->m);
  while (pc->blocks) {
    struct PcBlock *b = pc->blocks;
    pc->blocks = b->next;
    free(b);
  }
  free(pc);
}
