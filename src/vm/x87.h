/* x87.h: the x87 FPU's guest-visible state and the host primitives that
 * compute its arithmetic.
 *
 * State lives in struct Machine: fpu_cw, fpu_sw, fpu_tw, fpu_top and the
 * eight physical registers fpu_st[] (st(i) is fpu_st[(top + i) & 7]).
 * fpu_ip, fpu_dp, fpu_cs, fpu_ds and fpu_op describe the last non-control
 * instruction (FIP, FDP, FCS, FDS, FOP), set by every x87 instruction but
 * fninit, fnclex, fldcw, fnstcw, fnstsw, fnstenv, fldenv, fnsave, frstor
 * and fwait (a register form keeps FDP and FDS), cleared by fninit.
 * Conventions kept by every x87 handler:
 *  - fpu_top is authoritative for TOP; fpu_sw's TOP field (bits 11-13) is
 *    kept equal to it so that a reader of fpu_sw alone sees the truth.
 *  - fpu_tw is the full two-bit tag word and always exact (valid, zero,
 *    special, empty), recomputed from the contents on every write, which
 *    is what FNSTENV/FNSAVE on a modern CPU report.
 *  - ES and B in fpu_sw are set exactly when an unmasked exception flag is
 *    set; a waiting x87 instruction then raises #MF (EXC_MF).
 *  - every register write also updates mmx[] (the significand is what MMX
 *    register n aliases), so x87 -> MMX aliasing holds; ops-sse.h's
 *    mmx_put() mirrors the other way.
 *
 * The arithmetic itself runs on the host's x87 unit (see x87-host.c): this
 * host's long double is the 80-bit format, so doing the very instruction
 * with the guest's control word gives bit-exact results, condition codes
 * and exception flags, which no software emulation in double could. */
#ifndef BLINK_VM_X87_H
#define BLINK_VM_X87_H

#include <stdint.h>
#include <string.h>

#include "machine.h"

/* Status word bits. */
#define X87_IE 0x0001u
#define X87_DE 0x0002u
#define X87_ZE 0x0004u
#define X87_OE 0x0008u
#define X87_UE 0x0010u
#define X87_PE 0x0020u
#define X87_SF 0x0040u
#define X87_ES 0x0080u
#define X87_C0 0x0100u
#define X87_C1 0x0200u
#define X87_C2 0x0400u
#define X87_TOP 0x3800u
#define X87_C3 0x4000u
#define X87_B  0x8000u
#define X87_CC (X87_C0 | X87_C1 | X87_C2 | X87_C3)
#define X87_EXC 0x003fu

/* Tag values. */
enum { X87_TAG_VALID = 0, X87_TAG_ZERO = 1, X87_TAG_SPECIAL = 2,
       X87_TAG_EMPTY = 3 };

/* Source operand kinds of the host arithmetic primitives. */
enum { X87_K_ST = 0, X87_K_F32, X87_K_F64, X87_K_I16, X87_K_I32, X87_K_N };

/* Arithmetic operation numbers, the ModRM.reg of D8 (2 and 3 are the
 * compares and have no arithmetic primitive). */
enum { X87_ADD = 0, X87_MUL = 1, X87_SUB = 4, X87_SUBR = 5, X87_DIV = 6,
       X87_DIVR = 7 };

/* ---- host primitives (x87-host.c) ----
 * Each runs one x87 instruction on the host with the guest control word
 * loaded and returns the host status word it produced (exception flags of
 * this instruction only, condition codes, TOP). Results are 80-bit values
 * written to memory; the inputs may alias the outputs. */

/* *r = *a OP b; b points at a long double (X87_K_ST) or the raw memory
 * operand of the given kind. */
typedef uint16_t (*X87Bin)(long double *r, const long double *a,
                           const void *b, unsigned cw);
extern const X87Bin x87_bin[2][X87_K_N][8]; /* [fast] */

/* fcom/fucom of *a with b (kind as above; unordered only for X87_K_ST). */
uint16_t x87_host_com(const long double *a, const void *b, int kind,
                      int unordered, unsigned cw, int fast);

/* Loads: *r = converted memory operand (fld m32/m64, fild m16/m32/m64,
 * fbld); *pushed says whether the host pushed it (not when an unmasked
 * exception stopped the load). */
enum { X87_LD_F32, X87_LD_F64, X87_LD_I16, X87_LD_I32, X87_LD_I64,
       X87_LD_BCD };
uint16_t x87_host_load(long double *r, const void *src, int kind,
                       unsigned cw, int fast, int *pushed);

/* Stores: memory image of *a converted (fst m32/m64, fist m16/m32/m64,
 * fisttp m16/m32/m64, fbstp) into dst (up to 10 bytes). */
enum { X87_ST_F32, X87_ST_F64, X87_ST_I16, X87_ST_I32, X87_ST_I64,
       X87_ST_TI16, X87_ST_TI32, X87_ST_TI64, X87_ST_BCD };
uint16_t x87_host_store(void *dst, const long double *a, int kind,
                        unsigned cw, int fast);

/* The one-register and two-register instructions of D9 E0-FF: runs D9 op
 * (the second opcode byte) on a host stack holding st0 = *a, st1 = *b.
 * out[0], out[1] get the host st0, st1 afterwards and *delta how the
 * host's TOP moved (-1 pushed, 0, +1 popped), so the caller mirrors what
 * the real instruction did even when an unmasked exception stopped it.
 * sw is the guest status word: fprem and fprem1 leave some condition codes
 * alone for some operands, so they run with the guest's codes loaded. */
uint16_t x87_host_d9(unsigned op, long double out[2], const long double *a,
                     const long double *b, unsigned cw, unsigned sw,
                     int fast, int *delta);

/* What FLDCW leaves in the control word (reserved bits as the CPU
 * reports them). */
uint16_t x87_host_cw(uint16_t cw);

/* ---- the fast path ----
 * The primitives come in two shapes (the fast argument / x87_bin[1]).
 * The careful one clears the host's flags before and after the
 * instruction (fnclex, slow on real hardware and slower in a VM) and is
 * needed whenever the guest unmasks an exception. The fast one, for a
 * guest with every exception masked, relies on an invariant instead: the
 * host's sticky exception flags are a subset of the guest's. It holds
 * after every fast instruction (the guest ORs in what the host reports),
 * and x87_host_begin re-establishes it with one fnclex when the host
 * thread last served another machine or the guest's flags lost bits
 * since (fnclex, fninit, frstor, or other code writing fpu_sw). The host
 * runs with the x86-64 default control word 0x37f; a different guest
 * word is loaded for the instruction and 0x37f put back.
 * Host code outside src/vm that computes in long double (and so may set
 * host flags) should call x87_host_dirty() before the guest runs on. */
extern __thread const struct Machine *x87_host_owner;
extern __thread uint16_t x87_host_guard; /* guest flags after the last op */
void x87_host_clear(void);        /* fnclex */
void x87_host_fldcw(uint16_t cw); /* fldcw */

static inline void x87_host_dirty(void) { x87_host_owner = 0; }

/* Whether the fast shape may run; if so the host is ready for it. */
static inline int x87_host_begin(struct Machine *m) {
  if ((m->fpu_cw & 0x3f) != 0x3f) return 0;
  if (x87_host_owner != m || (x87_host_guard & ~m->fpu_sw & 0x3f)) {
    x87_host_clear();
    x87_host_owner = m;
  }
  if (m->fpu_cw != 0x37f) x87_host_fldcw(m->fpu_cw);
  return 1;
}

/* After the instruction: hsw is what it reported, which the caller ORs
 * into the guest's flags. */
static inline void x87_host_end(struct Machine *m, int fast, unsigned hsw) {
  if (!fast) return;
  if (m->fpu_cw != 0x37f) x87_host_fldcw(0x37f);
  x87_host_guard = (uint16_t)((m->fpu_sw | hsw) & 0x3f);
}

/* ---- state helpers ---- */

static inline unsigned x87_phys(const struct Machine *m, unsigned i) {
  return (m->fpu_top + i) & 7;
}

static inline unsigned x87_tag(const struct Machine *m, unsigned phys) {
  return (m->fpu_tw >> (phys * 2)) & 3;
}

static inline int x87_empty(const struct Machine *m, unsigned i) {
  return x87_tag(m, x87_phys(m, i)) == X87_TAG_EMPTY;
}

static inline long double *x87_st(struct Machine *m, unsigned i) {
  return &m->fpu_st[x87_phys(m, i)];
}

/* The tag a value would get: what FNSTENV reports for a full register. */
static inline unsigned x87_classify(const long double *v) {
  uint64_t mant;
  uint16_t se;
  memcpy(&mant, v, 8);
  memcpy(&se, (const char *)v + 8, 2);
  se &= 0x7fff;
  if (!se) return mant ? X87_TAG_SPECIAL : X87_TAG_ZERO;
  if (se == 0x7fff || !(mant >> 63)) return X87_TAG_SPECIAL;
  return X87_TAG_VALID;
}

/* After writing fpu_st[phys]: tag it from its contents, mirror MMX. */
static inline void x87_retag(struct Machine *m, unsigned phys) {
  unsigned t = x87_classify(&m->fpu_st[phys]);
  m->fpu_tw = (uint16_t)((m->fpu_tw & ~(3u << (phys * 2))) | (t << (phys * 2)));
  memcpy(&m->mmx[phys], &m->fpu_st[phys], 8);
}

static inline void x87_set_top(struct Machine *m, unsigned top) {
  m->fpu_top = top & 7;
  m->fpu_sw = (uint16_t)((m->fpu_sw & ~X87_TOP) | (m->fpu_top << 11));
}

static inline void x87_free(struct Machine *m, unsigned phys) {
  m->fpu_tw |= (uint16_t)(3u << (phys * 2));
}

/* The status word as FNSTSW stores it. */
static inline uint16_t x87_sw(const struct Machine *m) {
  return (uint16_t)((m->fpu_sw & ~X87_TOP) | ((m->fpu_top & 7) << 11));
}

/* Recompute ES and B from the flags and masks. */
static inline uint16_t x87_fix_es(uint16_t sw, uint16_t cw) {
  if (sw & ~cw & X87_EXC) return sw | X87_ES | X87_B;
  return sw & ~(X87_ES | X87_B);
}

/* The x87 part of an FXSAVE image (also the x86-64 signal frame's
 * fpstate, the 64-bit layout): bytes 0-23 (FCW, FSW, abridged FTW, FOP,
 * FIP, FDP) and 32-159 (ST0-ST7, 16 bytes each). MXCSR at 24-31 and the
 * XMM registers are the caller's. x87_fxrstor reads the same bytes. */
void x87_fxsave(const struct Machine *m, uint8_t *img);
void x87_fxrstor(struct Machine *m, const uint8_t *img);

/* Just FOP, FIP and FDP (bytes 6-23) of an FXSAVE image: with REX.W
 * (fxsave64) FIP and FDP are 64 bits at 8 and 16; without it 32 bits
 * each followed by the FCS and FDS selectors. They are stored always
 * (Intel's behaviour; AMD's FXSAVE stores them only while an exception
 * is pending and writes zeros otherwise). */
void x87_fxsave_ptrs(const struct Machine *m, uint8_t *img, int rexw);
void x87_fxrstor_ptrs(struct Machine *m, const uint8_t *img, int rexw);

/* For the Linux layer: the si_code of the SIGFPE that an x87 #MF
 * (EXC_MF) becomes, from the pending unmasked exceptions (FPE_FLTINV,
 * FPE_FLTDIV, FPE_FLTOVF, FPE_FLTUND, FPE_FLTRES; 0 if none). */
int x87_fpe_code(const struct Machine *m);

/* Reset to the FNINIT state. */
void x87_reset(struct Machine *m);

/* The 80-bit QNaN "real indefinite". */
void x87_indefinite(long double *v);

#endif
