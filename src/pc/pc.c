/* pc.c: the PC around the CPU: memory map, I/O port bus, interrupt
 * lines, clock, device timers and keys.
 *
 * Guest-physical memory (the bare Machine's Mem holds physical pages):
 *   00000-9FFFF  conventional RAM (640 KiB)
 *   A0000-BFFFF  video memory: plain RAM that vga.c reads for the screen
 *   C0000-EFFFF  option-ROM hole: nothing (reads all ones)
 *   F0000-FFFFF  the BIOS ROM (writes are dropped, as on a PC)
 *   100000-...   extended RAM, up to ram_size
 *   FFFF0000-    the ROM again, where the reset vector's fetch goes
 * The headless loop and the stdin keys are in pc-run.c, the disk in
 * disk.c, one file per device (dev.h). */
#include "pc/pc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "machine.h"
#include "memory.h"
#include "pc/bios-rom.h"
#include "pc/dev.h"
#include "pc/disk.h"
#include "pc/pc-private.h"
#include "vm.h"

#define ROM_BASE 0xF0000u
#define ROM_SIZE 0x10000u
#define ROM_ALIAS 0xFFFF0000u
#define LOW_END 0xC0000u     /* conventional RAM + video memory */
#define HIGH_BASE 0x100000u  /* extended memory */

uint64_t pc_now(struct Pc *pc) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  uint64_t ns = (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
  return ns - pc->t0;
}

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
  fwrite(s, 1, n, stdout);
  fflush(stdout);
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
  /* Each of the two RAM ranges is one host mapping (memory.c), so the
   * host bytes of a range inside one are contiguous. */
  uint8_t *h = mem_page_host(pc->m, phys & ~(uint64_t)PAGE_MASK);
  return h ? h + (phys & PAGE_MASK) : NULL;
}

/* Device writes into RAM (the disk's DMA) also drop instructions
 * decoded from those bytes, as a store by the CPU would. */
int pc_dma_write(struct Pc *pc, uint64_t phys, const void *src, size_t len) {
  if (!len) return 0;
  if (!is_ram(pc, phys, len)) return -1;
  const uint8_t *s = src;
  while (len) {
    size_t n = PAGE_SIZE - (phys & PAGE_MASK);
    if (n > len) n = len;
    mem_poke_page(pc->m, phys, s, n);
    phys += n;
    s += n;
    len -= n;
  }
  return 0;
}

int pc_dma_read(struct Pc *pc, uint64_t phys, void *dst, size_t len) {
  if (!len) return 0;
  uint8_t *h = pc_ram(pc, phys, len);
  if (!h) return -1;
  memcpy(dst, h, len);
  return 0;
}

/* The ROM image goes into its pages past the protection (mem_poke_page
 * ignores it); the guest sees read and execute only. */
static int load_rom(struct Pc *pc, uint64_t base) {
  struct Machine *m = pc->m;
  if (mem_map(m, base, ROM_SIZE, MPROT_READ | MPROT_EXEC, -1, 0)) return -1;
  size_t n = bios_rom_size();
  const uint8_t *rom = bios_rom();
  if (n > ROM_SIZE) n = ROM_SIZE;
  /* A shorter image ends at the top of the 64 KiB, where the reset
   * vector is. */
  uint64_t at = base + ROM_SIZE - n;
  for (size_t k = 0; k < n;) {
    size_t c = PAGE_SIZE - ((at + k) & PAGE_MASK);
    if (c > n - k) c = n - k;
    mem_poke_page(m, at + k, rom + k, c);
    k += c;
  }
  return 0;
}

static int map_memory(struct Pc *pc) {
  struct Machine *m = pc->m;
  int rwx = MPROT_READ | MPROT_WRITE | MPROT_EXEC;
  if (mem_map(m, 0, LOW_END, rwx, -1, 0)) return -1;
  if (pc->ram_size > HIGH_BASE &&
      mem_map(m, HIGH_BASE, pc->ram_size - HIGH_BASE, rwx, -1, 0))
    return -1;
  if (load_rom(pc, ROM_BASE) || load_rom(pc, ROM_ALIAS)) return -1;
  return 0;
}

/* ---------------------------------------------------------------- CPU */

void pc_set_a20(struct Pc *pc, int on) {
  pc->a20 = !!on;
  /* TODO(cpu): vm_set_a20(pc->m, on) once wip9/cpu has it. */
}

int pc_a20(struct Pc *pc) { return pc->a20; }

/* The power-on state of the CPU (Intel SDM vol. 3, 9.1.1): real mode,
 * CS selector F000h with base FFFF0000h, IP FFF0h. */
static void cpu_reset(struct Pc *pc) {
  struct Machine *m = pc->m;
  /* TODO(cpu): vm_reset(m) once wip9/cpu has it; this is its subset. */
  memset(m->r, 0, sizeof(m->r));
  m->r[RDX] = 0x0600;
  m->mode = MODE_REAL;
  m->rflags = 2;
  for (int s = 0; s < SEG_COUNT; ++s) {
    m->sreg[s] = 0;
    m->seg_base[s] = 0;
  }
  m->sreg[SEG_CS] = 0xF000;
  m->seg_base[SEG_CS] = 0xFFFF0000u;
  m->rip = 0xFFF0;
  m->halted = false;
  m->irq_pending = 0;
  m->cp = NULL;
  mem_tlb_flush(m);
}

/* TODO(bios): without a ROM in the build, do what INT 19h does: the
 * disk's first sector at 0000:7C00, DL the drive, SP below it. */
static void direct_boot(struct Pc *pc) {
  struct Machine *m = pc->m;
  uint8_t sector[512];
  if (disk_read_boot(pc->disk, sector)) return;
  pc_dma_write(pc, 0x7C00, sector, sizeof(sector));
  m->sreg[SEG_CS] = 0;
  m->seg_base[SEG_CS] = 0;
  m->rip = 0x7C00;
  m->r[RSP] = 0x7C00;
  m->r[RDX] = (uint64_t)disk_drive(pc->disk);
  m->rflags = 0x202;
}

void pc_reset(struct Pc *pc) {
  blog("pc: reset");
  cpu_reset(pc);
  pc_set_a20(pc, 1);
  if (!bios_rom_size()) direct_boot(pc);
}

/* ---------------------------------------------------------------- life */

struct Machine *pc_machine(struct Pc *pc) { return pc->m; }

struct Pc *pc_new(const struct PcOptions *o, char *err, size_t errlen) {
  struct Pc *pc = calloc(1, sizeof(*pc));
  if (!pc) {
    snprintf(err, errlen, "blink: out of memory");
    return NULL;
  }
  pc->t0 = 0;
  pc->t0 = pc_now(pc);
  pc->opt = *o;
  pc->ram_size = o->ram_size ? o->ram_size : (uint64_t)16 << 20;
  if (pc->ram_size < LOW_END) pc->ram_size = LOW_END;
  pc->ram_size = (pc->ram_size + PAGE_MASK) & ~(uint64_t)PAGE_MASK;
  pc->out = default_output;
  pc->stdin_fd = o->keys_stdin ? 0 : -1;
  /* The disk first: a bad image is the likeliest failure and costs
   * nothing else yet. */
  pc->disk = disk_open(pc, o->image, o->readonly, err, errlen);
  if (!pc->disk) {
    free(pc);
    return NULL;
  }
  pc->m = vm_new(); /* TODO(cpu): the bare-machine constructor */
  if (!pc->m || map_memory(pc)) {
    snprintf(err, errlen, "blink: out of memory for the PC's memory");
    pc_free(pc);
    return NULL;
  }
  struct Machine *m = pc->m;
  m->bare = true;
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
  if (pc->disk) disk_close(pc->disk);
  if (pc->m) vm_free(pc->m);
  while (pc->blocks) {
    struct PcBlock *b = pc->blocks;
    pc->blocks = b->next;
    free(b);
  }
  free(pc);
}
