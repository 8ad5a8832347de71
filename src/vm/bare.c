/* bare.c: a bare machine's life: creation, reset, the A20 gate, physical
 * memory for the PC, external interrupts, exceptions through the guest's
 * tables (double and triple faults), and the mode the decoder runs in. */
#include "bare.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cpu.h"
#include "flags.h"
#include "icache.h"
#include "machine.h"
#include "memory.h"
#include "vm.h"

void cpu_flush(struct Machine *m) {
  mem_tlb_flush(m);
  icache_invalidate_all(mem_icache(m->mem));
}

void cpu_update_mode(struct Machine *m) {
  int mode;
  if ((m->efer & EFER_LMA) && (m->seg_attr[SEG_CS] & ATTR_L))
    mode = MODE_LONG;
  else if (m->seg_attr[SEG_CS] & ATTR_DB) /* (also in real mode until
                                              CS is loaded there) */
    mode = MODE_PROT32;
  else
    mode = MODE_REAL;
  if (mode != m->mode) {
    /* The icache is keyed by linear address, not by mode: records
     * decoded for one code size must not run in another. */
    m->mode = mode;
    icache_invalidate_all(mem_icache(m->mem));
  }
  m->cp = NULL;
  /* #AC needs CR0.AM, EFLAGS.AC and CPL 3 (the privilege level may
   * have just changed). */
  bool ac = (m->rflags & FLAG_AC) && (m->cr0 & CR0_AM) && m->cpl == 3;
  if (ac != m->align_check) {
    m->align_check = ac;
    mem_tlb_flush(m);
  }
  /* Limits apply in 16/32-bit protected mode, not in real or 64-bit
   * mode. */
  for (int s = 0; s < SEG_COUNT; ++s)
    if (s != SEG_CS) seg_sync(m, s);
  bool big = (m->cr0 & CR0_PE) && (m->seg_attr[SEG_SS] & ATTR_DB);
  m->stack_other = mode != MODE_LONG && big != (mode == MODE_PROT32);
}

/* A segment register as real mode (and reset) leaves it. */
static void seg_power_on(struct Machine *m, int s, uint16_t sel, uint64_t base) {
  m->sreg[s] = sel;
  m->seg_base[s] = base;
  m->seg_limit[s] = 0xffff;
  m->seg_attr[s] = ATTR_P | ATTR_S | (s == SEG_CS ? 0x0b : 0x03);
}

void vm_reset(struct Machine *m) {
  memset(m->r, 0, sizeof(m->r));
  m->r[RDX] = 0x600; /* family 6: what EDX holds after reset */
  m->rip = m->ip = 0xfff0;
  m->lf_op = 0;
  flags_set(m, 2);
  memset(m->seg_real, 0, sizeof(m->seg_real));
  for (int s = 0; s < SEG_COUNT; ++s) seg_power_on(m, s, 0, 0);
  /* CS's base is the top of the 4 GiB space until the first far jump
   * reloads it, as on the CPU: F000:FFF0 is linear FFFFFFF0. */
  seg_power_on(m, SEG_CS, 0xf000, 0xffff0000);
  m->cr0 = 0x60000010;
  m->cr2 = m->cr3 = m->cr4 = m->cr8 = m->efer = 0;
  memset(m->dr, 0, sizeof(m->dr));
  m->dr[6] = 0xffff0ff0;
  m->dr[7] = 0x400;
  m->gdt_base = m->idt_base = 0;
  m->gdt_limit = m->idt_limit = 0xffff;
  m->ldt_sel = m->tr_sel = 0;
  m->ldt_base = m->tr_base = 0;
  m->ldt_limit = m->tr_limit = 0xffff;
  m->ldt_attr = ATTR_P | 0x2;
  m->tr_attr = ATTR_P | 0xb;
  m->cpl = 0;
  m->halted = false;
  m->shadow = ~0ull;
  m->delivering = -1;
  m->msr_star = m->msr_lstar = m->msr_cstar = m->msr_sfmask = 0;
  m->msr_kgs_base = m->msr_tsc_adj = 0;
  m->msr_pat = 0x0007040600070406ull;
  m->msr_nmisc = 0;
  memset(m->xmm, 0, sizeof(m->xmm));
  m->mxcsr = 0x1f80;
  m->fpu_cw = 0x40; /* the x87's reset value (finit gives 37Fh) */
  m->fpu_sw = 0;
  m->fpu_tw = 0xffff;
  m->fpu_top = 0;
  m->mode = -1; /* forces the icache flush in cpu_update_mode */
  cpu_update_mode(m);
  cpu_flush(m);
}

struct Machine *vm_new_bare(void) {
  struct Machine *m = vm_new();
  if (!m) return NULL;
  m->bare = true;
  m->a20 = true;
  m->on_exception = cpu_exception;
  vm_reset(m);
  return m;
}

void vm_set_a20(struct Machine *m, bool on) {
  if (m->a20 == on) return;
  m->a20 = on;
  /* Linear pages above 1 MiB now name other physical pages. */
  cpu_flush(m);
}

int vm_phys_map(struct Machine *m, uint64_t pa, uint64_t len, int prot) {
  int rc = mem_map(m, pa, len, prot, -1, 0);
  cpu_flush(m);
  return rc < 0 ? rc : 0;
}

uint8_t *vm_phys_host(struct Machine *m, uint64_t pa) {
  uint8_t *h = mem_page_host(m, pa);
  return h ? h + (pa & PAGE_MASK) : NULL;
}

void vm_phys_written(struct Machine *m, uint64_t pa, uint64_t len) {
  mem_phys_written(m, pa, len);
}

bool vm_irq_deliver(struct Machine *m) {
  if (!m->irq_pending || !m->irq_ack || !(m->rflags & FLAG_IF) ||
      m->icount == m->shadow)
    return false;
  int v = m->irq_ack(m->io);
  if (v < 0) return false;
  m->halted = false;
  m->ip = m->rip; /* a fault while delivering restarts here */
  cpu_interrupt(m, v & 0xff, INTR_EXT, -1);
  return true;
}

/* Exception classes for the double-fault rules (SDM vol. 3, 6.15,
 * "Interrupt 8"): contributory faults and page faults. */
static bool contributory(int v) {
  return v == EXC_DE || v == EXC_TS || v == EXC_NP || v == EXC_SS ||
         v == EXC_GP;
}

static bool has_error_code(int v) {
  return v == EXC_DF || v == EXC_TS || v == EXC_NP || v == EXC_SS ||
         v == EXC_GP || v == EXC_PF || v == EXC_AC;
}

void cpu_exception(struct Machine *m, int vector, uint64_t err,
                   uint64_t addr) {
  int first = m->delivering;
  if (vector == EXC_PF) m->cr2 = addr;
  if (first >= 0) {
    if (first == EXC_DF) {
      m->delivering = -1;
      m->fault_vector = vector;
      m->stop = STOP_TRIPLE;
      m->trap = 1;
      return;
    }
    if ((contributory(first) && contributory(vector)) ||
        (first == EXC_PF && (vector == EXC_PF || contributory(vector)))) {
      vector = EXC_DF;
      err = 0;
    }
  }
  m->delivering = vector;
  /* Real mode pushes no error codes. */
  bool code = has_error_code(vector) && (m->cr0 & CR0_PE);
  cpu_interrupt(m, vector, INTR_EXC, code ? (int64_t)(err & 0xffffffff) : -1);
  m->delivering = -1;
}

void vm_triple_msg(struct Machine *m, char *buf, size_t len) {
  snprintf(buf, len, "triple fault at %04x:%04" PRIx64 " (vector %d)",
           m->sreg[SEG_CS], m->rip, m->fault_vector);
}

int vm_code_bits(struct Machine *m) {
  return m->mode == MODE_LONG ? 64 : m->mode == MODE_PROT32 ? 32 : 16;
}

const char *vm_mode_name(struct Machine *m) {
  if (!m->bare) return m->mode == MODE_LONG ? "long" : m->mode == MODE_PROT32 ? "protected" : "real";
  if (m->efer & EFER_LMA) return m->mode == MODE_LONG ? "long" : "compatibility";
  if (!(m->cr0 & CR0_PE)) return "real";
  if (m->rflags & FLAG_VM) return "vm86";
  return m->mode == MODE_PROT32 ? "protected" : "protected 16-bit";
}
