/* test-modes.c: a bare machine (bare.h) without any BIOS: physical RAM
 * and a ROM mapped by hand, code assembled by the host's assembler (the
 * programs below, .code16/.code32/.code64 in top-level asm, copied to
 * physical 0x7C00), ports E9 (output) and 92h (A20) served by this file,
 * one interrupt line simulated. The expected values come from the
 * Intel SDM (the machine's state after each step is what it specifies),
 * not from running the emulator.
 *
 * Each program ends with the bare-metal exit convention (syscall with
 * EAX=60, EDI=status) or hlt. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bare.h"
#include "machine.h"
#include "memory.h"
#include "vm.h"

#include "check.h"

#if defined(__x86_64__) && defined(__GNUC__)

#define PROG(name) extern const uint8_t name[], name##_end[];
PROG(p_seam)
PROG(p_a20)
PROG(p_reset)
PROG(p_de)

/* Programs are position dependent: each is linked at 0x7C00, so
 * addresses are written as (label - start + 0x7C00). */
__asm__(
    ".pushsection .rodata\n"
    /* ---- in/out, the sti shadow, hlt wake-up, slice, syscall exit ---- */
    ".code16\n"
    "p_seam:\n"
    "  xor %ax, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov $0x7000, %sp\n"
    "  movw $(seam_irq - p_seam + 0x7c00), 0x80\n" /* IVT[0x20] */
    "  movw $0, 0x82\n"
    "  mov $'A', %al\n"
    "  out %al, $0xe9\n"
    "  mov $0xe9, %dx\n"
    "  mov $'B', %al\n"
    "  out %al, %dx\n"
    "  in $0x42, %al\n"
    "  out %al, %dx\n"
    "  mov $0x1234, %ax\n"
    "  out %ax, $0x80\n"
    "  in $0x44, %eax\n"
    "  mov %eax, %ebp\n"
    "  mov $'D', %al\n"
    "  sti\n"
    "  out %al, %dx\n" /* in the shadow: before the interrupt */
    "  mov $'E', %al\n"
    "  out %al, %dx\n"
    "  hlt\n"
    "  mov $'F', %al\n"
    "  out %al, %dx\n"
    "  mov $60, %eax\n"
    "  mov $42, %edi\n"
    "  syscall\n"
    "seam_irq:\n"
    "  push %ax\n"
    "  mov $'I', %al\n"
    "  out %al, %dx\n"
    "  pop %ax\n"
    "  iret\n"
    "p_seam_end:\n"

    /* ---- A20 off/on, 64 KiB offset wrap, open bus, ROM ---- */
    "p_a20:\n"
    "  xor %ax, %ax\n"
    "  mov %ax, %ds\n"
    "  mov $0xffff, %ax\n"
    "  mov %ax, %es\n"
    "  movb $0x11, 0x0000\n"
    "  movb $0x22, %es:0x0010\n" /* linear 100000h */
    "  mov 0x0000, %bl\n"
    "  mov %es:0x0010, %bh\n"
    "  mov $0, %al\n"
    "  out %al, $0x92\n"          /* A20 off */
    "  mov %es:0x0010, %cl\n"     /* wraps to 0 */
    "  movb $0x33, %es:0x0011\n"  /* writes physical 1 */
    "  mov 0x0001, %ch\n"
    "  mov $2, %al\n"
    "  out %al, $0x92\n"          /* A20 on */
    "  mov %es:0x0010, %dl\n"
    "  mov $0x1000, %ax\n"
    "  mov %ax, %ds\n"
    "  movb $0x44, 0x0002\n"
    "  mov $0xfffe, %si\n"
    "  mov 4(%si), %dh\n"         /* offset (FFFE + 4) & FFFF = 2 */
    "  mov $0xa000, %ax\n"
    "  mov %ax, %ds\n"
    "  movb $0x55, 0x0000\n"      /* nothing there: dropped */
    "  mov 0x0000, %bp\n"         /* FFFF */
    "  mov $0xf000, %ax\n"
    "  mov %ax, %ds\n"
    "  mov 0x0000, %al\n"
    "  movb $0x66, 0x0000\n"      /* ROM: dropped */
    "  mov 0x0000, %ah\n"
    "  mov %ax, %si\n"
    "  mov $60, %eax\n"
    "  mov $0, %edi\n"
    "  syscall\n"
    "p_a20_end:\n"

    /* ---- the reset vector reaches 0:7C00 through the ROM ---- */
    "p_reset:\n"
    "  mov %cs, %si\n"
    "  mov %dx, %bx\n"            /* EDX at reset: the signature */
    "  mov $60, %eax\n"
    "  mov $7, %edi\n"
    "  syscall\n"
    "p_reset_end:\n"

    /* ---- #DE through the IVT, the pushed IP is the div's ---- */
    "p_de:\n"
    "  xor %ax, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov $0x7000, %sp\n"
    "  movw $(de_h - p_de + 0x7c00), 0x00\n"
    "  movw $0, 0x02\n"
    "  xor %cx, %cx\n"
    "  mov $5, %ax\n"
    "de_at:\n"
    "  div %cl\n"
    "  mov $60, %eax\n"
    "  mov $1, %edi\n"
    "  syscall\n"
    "de_h:\n"
    "  pop %bx\n"                 /* IP */
    "  pop %cx\n"                 /* CS */
    "  pop %dx\n"                 /* FLAGS */
    "  mov $60, %eax\n"
    "  mov $0xde, %edi\n"
    "  syscall\n"
    "p_de_end:\n"
    ".code64\n"
    ".popsection\n");

#define ORG 0x7c00
#define SYM(p, l) (ORG + (uint64_t)((l) - (p)))

static struct Machine *m;
static char e9[256];
static size_t ne9;
static uint16_t last_port;
static unsigned last_size;
static uint32_t last_val;
static int irq_vec = -1;
static int acks;

static uint32_t t_in(void *io, uint16_t port, unsigned size) {
  (void)io;
  if (port == 0x42 && size == 1) return 'C';
  if (port == 0x44 && size == 4) return 0xcafef00d;
  return 0xffffffff;
}

static void t_out(void *io, uint16_t port, unsigned size, uint32_t v) {
  (void)io;
  if (port == 0xe9 && size == 1 && ne9 < sizeof(e9) - 1) e9[ne9++] = (char)v;
  if (port == 0x92) vm_set_a20(m, (v & 2) != 0);
  last_port = port;
  last_size = size;
  last_val = v;
}

static int t_ack(void *io) {
  (void)io;
  int v = irq_vec;
  irq_vec = -1;
  m->irq_pending = 0;
  ++acks;
  return v;
}

static void raise_irq(int vec) {
  irq_vec = vec;
  m->irq_pending = 1;
  m->trap = 1;
}

/* A fresh machine: RAM 0-9FFFF and 100000-1FFFFF, ROM F0000-FFFFF
 * (holding rom[] at its end when given), the program at 0:7C00. */
static void boot(const uint8_t *p, const uint8_t *end, const uint8_t *rom,
                 size_t romlen) {
  if (m) vm_free(m);
  m = vm_new_bare();
  CHECK(m != NULL);
  CHECK(vm_phys_map(m, 0, 0xa0000, 7) == 0);
  CHECK(vm_phys_map(m, 0x100000, 0x100000, 7) == 0);
  CHECK(vm_phys_map(m, 0xf0000, 0x10000, 5) == 0);
  uint8_t *r = vm_phys_host(m, 0xf0000);
  memset(r, 0xf4, 0x10000); /* hlt */
  r[0] = 0x5a;
  if (rom) memcpy(r + 0x10000 - romlen, rom, romlen);
  memcpy(vm_phys_host(m, ORG), p, (size_t)(end - p));
  m->io = NULL;
  m->port_in = t_in;
  m->port_out = t_out;
  m->irq_ack = t_ack;
  ne9 = 0;
  memset(e9, 0, sizeof(e9));
  irq_vec = -1;
  acks = 0;
  if (!rom) {
    /* Start at 0:7C00 as a BIOS leaves a boot sector. */
    m->sreg[SEG_CS] = 0;
    m->seg_base[SEG_CS] = 0;
    m->rip = ORG;
    m->cp = NULL;
  }
}

static int run(void) {
  int s;
  for (int k = 0; k < 100; ++k) {
    s = vm_run(m);
    if (s != STOP_NONE) return s;
  }
  return s;
}

static void test_seam(void) {
  boot(p_seam, p_seam_end, NULL, 0);
  /* A request before sti: IF is clear at reset, so it waits. */
  raise_irq(0x20);
  m->slice = 3;
  uint64_t ic = m->icount;
  CHECK(vm_run(m) == STOP_NONE);
  CHECK(m->icount - ic == 3); /* the slice */
  m->slice = 0;
  CHECK(vm_run(m) == STOP_HALT);
  CHECK(m->halted);
  CHECK(!strcmp(e9, "ABCDIE"));
  CHECK((uint32_t)m->r[RBP] == 0xcafef00d);
  CHECK(acks == 1);
  /* Halted with nothing pending: stays halted. */
  CHECK(vm_run(m) == STOP_HALT);
  /* An interrupt wakes it: the handler runs, then the code after hlt. */
  raise_irq(0x20);
  CHECK(run() == STOP_EXIT);
  CHECK(!m->halted);
  CHECK(m->exit_code == 42);
  CHECK(!strcmp(e9, "ABCDIEIF"));
  if (strcmp(e9, "ABCDIEIF")) fprintf(stderr, "e9: %s\n", e9);
}

static void test_word_port(void) {
  /* out %ax, $0x80 went to port 80h as a 2-byte write of 1234h. */
  static uint16_t port;
  static unsigned size;
  static uint32_t val;
  boot(p_seam, p_seam_end, NULL, 0);
  /* Run up to the out (8 instructions in). */
  m->slice = 15;
  vm_run(m);
  port = last_port, size = last_size, val = last_val;
  CHECK(port == 0x80 && size == 2 && val == 0x1234);
}

static void test_a20(void) {
  boot(p_a20, p_a20_end, NULL, 0);
  CHECK(run() == STOP_EXIT);
  CHECK((m->r[RBX] & 0xff) == 0x11);
  CHECK(((m->r[RBX] >> 8) & 0xff) == 0x22);
  CHECK((m->r[RCX] & 0xff) == 0x11);        /* wrapped */
  CHECK(((m->r[RCX] >> 8) & 0xff) == 0x33);
  CHECK((m->r[RDX] & 0xff) == 0x22);        /* not wrapped again */
  CHECK(((m->r[RDX] >> 8) & 0xff) == 0x44); /* offset wrap */
  CHECK(vm_phys_host(m, 0x100000)[0] == 0x22);
  CHECK(vm_phys_host(m, 1)[0] == 0x33);
  CHECK((m->r[RBP] & 0xffff) == 0xffff);      /* open bus */
  CHECK((m->r[RSI] & 0xff) == 0x5a);         /* ROM byte */
  CHECK(((m->r[RSI] >> 8) & 0xff) == 0x5a);  /* still: write dropped */
  CHECK(vm_phys_host(m, 0xf0000)[0] == 0x5a);
  CHECK(m->a20);
}


static void test_reset(void) {
  /* At the top of the ROM: ljmp $0, $0x7c00, then hlt padding. */
  static const uint8_t rom[16] = {0xea, 0x00, 0x7c, 0x00, 0x00, 0xf4, 0xf4, 0xf4,
                                  0xf4, 0xf4, 0xf4, 0xf4, 0xf4, 0xf4, 0xf4, 0xf4};
  boot(p_reset, p_reset_end, rom, sizeof(rom));
  CHECK(m->sreg[SEG_CS] == 0xf000 && m->seg_base[SEG_CS] == 0xffff0000);
  CHECK(m->rip == 0xfff0);
  CHECK(m->cr0 == 0x60000010);
  CHECK(m->mode == MODE_REAL);
  CHECK(run() == STOP_EXIT);
  CHECK(m->exit_code == 7);
  CHECK((m->r[RSI] & 0xffff) == 0);
  CHECK((m->r[RBX] & 0xffff) == 0x600);
}

static void test_de(void) {
  boot(p_de, p_de_end, NULL, 0);
  CHECK(run() == STOP_EXIT);
  CHECK(m->exit_code == 0xde);
  extern const uint8_t de_at[];
  CHECK((m->r[RBX] & 0xffff) == SYM(p_de, de_at));
  CHECK((m->r[RCX] & 0xffff) == 0);
  CHECK((m->r[RDX] & 0x2) == 2);
}

int main(void) {
  test_seam();
  test_word_port();
  test_a20();
  test_reset();
  test_de();
  if (m) vm_free(m);
  printf("%d checks, %d failures\n", checks, failures);
  return failures != 0;
}

#else
int main(void) {
  printf("test-modes needs an x86-64 host's assembler\n");
  return 77;
}
#endif
