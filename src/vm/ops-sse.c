/* ops-sse.c: SSE state and ordering: emms, group 15 (0F AE: fxsave,
 * fxrstor, ldmxcsr, stmxcsr, clflush, the fences), and the FXSAVE image
 * shared with the signal-frame code. */
#include "ops-sse.h"
#include "ops.h"

/* Whether emms also sets TOP to 0. The SDM describes it as emptying the
 * tag word; AMD CPUs (this project's host among them) also clear TOP,
 * as every other MMX instruction does. The host is the reference, so it
 * is asked once: fld1 moves TOP to 7, emms, fnstsw shows what is left.
 * The host's x87 stack is empty around it, as the ABI has it between
 * calls, and its control word is put back. */
static int emms_clears_top(void) {
  static int v = -1;
  if (__builtin_expect(v < 0, 0)) {
#if defined(__x86_64__) || defined(__i386__)
    uint16_t sw, cw;
    __asm__ volatile("fnstcw %1\n\t"
                     "fninit\n\t"
                     "fld1\n\t"
                     "emms\n\t"
                     "fnstsw %0\n\t"
                     "fninit\n\t"
                     "fldcw %1"
                     : "=m"(sw), "+m"(cw));
    v = (sw & X87_TOP) == 0;
#else
    v = 0;
#endif
  }
  return v;
}

/* 0F 77: emms: every x87 register empty again. */
void op_sse_77(struct Machine *m, const struct Insn *i) {
  if (sse_pfx(i) != PFX_NONE) exec_ud(m);
  mmx_check(m);
  m->fpu_tw = 0xffff;
  if (emms_clears_top()) {
    m->fpu_top = 0;
    m->fpu_sw &= (uint16_t)~X87_TOP;
  }
}

static void put16(uint8_t *p, uint16_t v) { memcpy(p, &v, 2); }
static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }

/* Layout: FCW 0, FSW 2, abridged FTW 4, FOP 6, FIP 8, FDP 16, MXCSR 24,
 * MXCSR_MASK 28, ST0-ST7 at 32 + 16k (10 bytes each, in stack order),
 * XMM0-XMM15 at 160 + 16k. We do not track the last x87 instruction's
 * opcode and pointers, so FOP, FIP and FDP read as zero. */
void sse_fxsave(struct Machine *m, uint8_t img[512], unsigned nregs) {
  unsigned k, ftw = 0;
  memset(img, 0, 160);
  put16(img + 0, m->fpu_cw);
  put16(img + 2, x87_sw(m));
  for (k = 0; k < 8; ++k)
    if (x87_tag(m, k) != X87_TAG_EMPTY) ftw |= 1u << k;
  img[4] = (uint8_t)ftw;
  put32(img + 24, m->mxcsr);
  put32(img + 28, MXCSR_MASK);
  for (k = 0; k < 8; ++k) memcpy(img + 32 + 16 * k, x87_st(m, k), 10);
  for (k = 0; k < nregs; ++k) memcpy(img + 160 + 16 * k, &m->xmm[k], 16);
}

int sse_fxrstor(struct Machine *m, const uint8_t img[512], unsigned nregs) {
  uint16_t cw, sw;
  uint32_t csr;
  unsigned k, top, tw = 0;
  memcpy(&csr, img + 24, 4);
  if (csr & ~MXCSR_MASK) return -1;
  memcpy(&cw, img + 0, 2);
  memcpy(&sw, img + 2, 2);
  top = (sw >> 11) & 7;
  m->fpu_cw = x87_host_cw(cw);
  m->fpu_top = (uint8_t)top;
  m->fpu_sw = x87_fix_es(sw, m->fpu_cw);
  for (k = 0; k < 8; ++k) {
    unsigned phys = (top + k) & 7;
    memset(&m->fpu_st[phys], 0, sizeof(m->fpu_st[phys]));
    memcpy(&m->fpu_st[phys], img + 32 + 16 * k, 10);
    memcpy(&m->mmx[phys], img + 32 + 16 * k, 8);
  }
  /* The abridged tag says empty or not; the full tag of a register in use
   * comes from its contents, as the CPU computes it. */
  for (k = 0; k < 8; ++k)
    tw |= ((img[4] >> k) & 1 ? x87_classify(&m->fpu_st[k]) : X87_TAG_EMPTY)
          << 2 * k;
  m->fpu_tw = (uint16_t)tw;
  m->mxcsr = csr;
  for (k = 0; k < nregs; ++k) memcpy(&m->xmm[k], img + 160 + 16 * k, 16);
  return 0;
}

static unsigned xmm_count(struct Machine *m) {
  return m->mode == MODE_LONG ? 16 : 8;
}

/* fxsave writes bytes 0..159 and the XMM area; the rest of the 512 bytes
 * is reserved or free for software and stays as it was, so only that much
 * is stored. The whole area must be writable and 16-aligned. */
static void fxsave(struct Machine *m, uint64_t a, int rexw) {
  uint8_t img[512];
  unsigned n = xmm_count(m);
  if (a & 15) exec_gp(m);
  sse_fxsave(m, img, n);
  x87_fxsave_ptrs(m, img, rexw); /* FOP, FIP, FDP: x87.h */
  mem_write_bytes(m, a, img, 160 + 16 * n);
}

static void fxrstor(struct Machine *m, uint64_t a, int rexw) {
  uint8_t img[512];
  if (a & 15) exec_gp(m);
  mem_read_bytes(m, a, img, 512);
  if (sse_fxrstor(m, img, xmm_count(m))) exec_gp(m);
  x87_fxrstor_ptrs(m, img, rexw);
}

/* 0F AE: group 15. */
void op_grp15(struct Machine *m, const struct Insn *i) {
  unsigned op = i->reg & 7, p = sse_pfx(i);
  uint64_t a;
  if (i->mod == 3) {
    /* F3 /0-/3 are rd/wr fs/gs base: #UD while CPUID leaves FSGSBASE out. */
    if (p != PFX_NONE) exec_ud(m);
    switch (op) {
      case 5: /* lfence */
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
        return;
      case 6: /* mfence */
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        return;
      case 7: /* sfence */
        __atomic_thread_fence(__ATOMIC_RELEASE);
        return;
      default:
        exec_ud(m);
    }
  }
  a = insn_ea(m, i);
  if (p == PFX_66) {
    /* clwb (/6) and clflushopt (/7): like clflush. */
    if (op != 6 && op != 7) exec_ud(m);
    (void)mem_load(m, a, 1);
    return;
  }
  if (p != PFX_NONE) exec_ud(m);
  switch (op) {
    case 0:
      fxsave(m, a, (i->rex & 8) != 0);
      return;
    case 1:
      fxrstor(m, a, (i->rex & 8) != 0);
      return;
    case 2: { /* ldmxcsr */
      uint32_t v = (uint32_t)mem_load(m, a, 4);
      if (v & ~MXCSR_MASK) exec_gp(m);
      m->mxcsr = v;
      return;
    }
    case 3: /* stmxcsr */
      mem_store(m, a, 4, m->mxcsr);
      return;
    case 7:
      /* clflush: there is no cache to flush, but the address must be one
       * the program may read (else #PF, as on the CPU). */
      (void)mem_load(m, a, 1);
      __atomic_thread_fence(__ATOMIC_SEQ_CST);
      return;
    default: /* xsave family: not advertised */
      exec_ud(m);
  }
}

/* Linux derives the si_code of a SIMD exception's SIGFPE from the MXCSR
 * the handler sees: the flags whose mask bit is clear, tested in this
 * order (sticky flags from earlier instructions count too). */
int sse_fpe_code(const struct Machine *m) {
  uint32_t err = m->mxcsr & ~(m->mxcsr >> 7) & MXCSR_FLAGS;
  if (err & 0x01) return 7;      /* FPE_FLTINV: invalid operation */
  if (err & 0x04) return 3;      /* FPE_FLTDIV: divide by zero */
  if (err & 0x08) return 4;      /* FPE_FLTOVF: overflow */
  if (err & 0x12) return 5;      /* FPE_FLTUND: denormal or underflow */
  if (err & 0x20) return 6;      /* FPE_FLTRES: inexact */
  return 0;
}
