/* x87-host.c: x87 arithmetic done by the host's own x87 unit.
 *
 * Why the host FPU: this emulator runs on x86-64, whose long double is the
 * very 80-bit extended format the guest computes in. Rather than emulate
 * 64-bit-significand arithmetic in software (slow) or in double (wrong
 * digits, which is what the reference does), each guest instruction is
 * performed by the same host instruction on the same 80-bit operands with
 * the guest's control word loaded, so precision control, rounding control,
 * the C1 round-up bit, the condition codes, denormal and NaN handling and
 * the transcendentals' results are those of a real x87, bit for bit.
 *
 * Every primitive has a careful shape, one asm statement like this:
 *   fnstcw save; fnclex; fldcw guest   -- guest rounding/precision/masks;
 *                                         fnclex first so no stale host flag
 *                                         can fire when masks are cleared
 *   fld operands (80-bit loads raise no numeric exceptions)
 *   the instruction
 *   fnstsw sw; fnclex                  -- this instruction's flags only;
 *                                         clearing before any waiting
 *                                         instruction, so a guest exception
 *                                         left unmasked never traps the host
 *   fstp results; fldcw save
 * With an unmasked exception the host gives the unmasked response (no
 * result for invalid/denormal/zero-divide, a scaled result for overflow
 * and underflow), which the callers mirror into the guest.
 *
 * Most have a fast shape too, used while the guest masks every exception
 * (nearly always): just the loads, the instruction, fnstsw and the stores.
 * fnclex is the expensive part of the careful shape (tens of ns), and the
 * fast shape does without it by keeping the host's sticky flags a subset
 * of the guest's (x87.h, x87_host_begin); fldcw is skipped when the guest
 * uses the host's own control word 0x37f.
 *
 * The host x87 stack is empty on entry (the x86-64 ABI) and left empty.
 * TOP may end up moved when an instruction stopped early and a cleanup
 * ffree/underflowing fstp took care of the rest; with every register empty
 * TOP has no meaning to compiled code. */
#include "x87.h"

#define X87_CLOBBERS "st", "st(1)", "st(2)", "st(3)", "st(4)", "st(5)", \
                     "st(6)", "st(7)"

/* The careful shape (any guest exception unmasked). */
#define PRO "fnstcw %[save]\n\tfnclex\n\tfldcw %[cw]\n\t"
#define SWC "fnstsw %[sw]\n\tfnclex\n\t"
#define EPI "fldcw %[save]"
/* The fast shape, for a guest that masks every exception (the usual
 * case): no fnclex, which costs as much as the rest together. The caller
 * loads the control word (x87_host_begin) and keeps the host's sticky
 * flags a subset of the guest's, so what fnstsw reads after the
 * instruction, ORed into the guest's flags, is exactly right. */
#define PRO_F ""
#define SWC_F "fnstsw %[sw]\n\t"
#define EPI_F ""

__thread const struct Machine *x87_host_owner;
__thread uint16_t x87_host_guard;

/* ---- binary arithmetic ---- */

#define BIN_ST(name, insn, P, S, E)                                          \
  static uint16_t name(long double *r, const long double *a, const void *b,  \
                       unsigned cw) {                                        \
    uint16_t sw, save, c = (uint16_t)cw;                                     \
    __asm__ volatile(P "fldt %[b]\n\tfldt %[a]\n\t" insn                     \
                     " %%st(1), %%st\n\t" S                                  \
                     "fstpt %[r]\n\tfstp %%st(0)\n\t" E                      \
                     : [r] "=m"(*r), [sw] "=m"(sw), [save] "=m"(save)        \
                     : [a] "m"(*a), [b] "m"(*(const long double *)b),        \
                       [cw] "m"(c)                                           \
                     : X87_CLOBBERS);                                        \
    return sw;                                                               \
  }

#define BIN_M(name, insn, type, P, S, E)                                     \
  static uint16_t name(long double *r, const long double *a, const void *b,  \
                       unsigned cw) {                                        \
    uint16_t sw, save, c = (uint16_t)cw;                                     \
    __asm__ volatile(P "fldt %[a]\n\t" insn " %[b]\n\t" S                    \
                     "fstpt %[r]\n\t" E                                      \
                     : [r] "=m"(*r), [sw] "=m"(sw), [save] "=m"(save)        \
                     : [a] "m"(*a), [b] "m"(*(const type *)b), [cw] "m"(c)   \
                     : X87_CLOBBERS);                                        \
    return sw;                                                               \
  }

#define BIN_ALL2(op, v, P, S, E)                          \
  BIN_ST(bin_##op##_st##v, "f" #op, P, S, E)              \
  BIN_M(bin_##op##_f32##v, "f" #op "s", uint32_t, P, S, E) \
  BIN_M(bin_##op##_f64##v, "f" #op "l", uint64_t, P, S, E) \
  BIN_M(bin_##op##_i16##v, "fi" #op "s", uint16_t, P, S, E) \
  BIN_M(bin_##op##_i32##v, "fi" #op "l", uint32_t, P, S, E)
#define BIN_ALL(op) BIN_ALL2(op, , PRO, SWC, EPI) \
  BIN_ALL2(op, _f, PRO_F, SWC_F, EPI_F)

BIN_ALL(add)
BIN_ALL(mul)
BIN_ALL(sub)
BIN_ALL(subr)
BIN_ALL(div)
BIN_ALL(divr)

#define ROW(k)                                                        \
  { bin_add_##k, bin_mul_##k, 0, 0, bin_sub_##k, bin_subr_##k,        \
    bin_div_##k, bin_divr_##k }

const X87Bin x87_bin[2][X87_K_N][8] = {
    {ROW(st), ROW(f32), ROW(f64), ROW(i16), ROW(i32)},
    {ROW(st_f), ROW(f32_f), ROW(f64_f), ROW(i16_f), ROW(i32_f)},
};

/* ---- compares ---- */

#define COM_ST(insn, P, S, E)                                            \
  __asm__ volatile(P "fldt %[b]\n\tfldt %[a]\n\t" insn " %%st(1)\n\t" S  \
                   "fstp %%st(0)\n\tfstp %%st(0)\n\t" E                  \
                   : [sw] "=m"(sw), [save] "=m"(save)                    \
                   : [a] "m"(*a), [b] "m"(*(const long double *)b),      \
                     [cw] "m"(c)                                         \
                   : X87_CLOBBERS)

#define COM_M(insn, type, P, S, E)                                       \
  __asm__ volatile(P "fldt %[a]\n\t" insn " %[b]\n\t" S                  \
                   "fstp %%st(0)\n\t" E                                  \
                   : [sw] "=m"(sw), [save] "=m"(save)                    \
                   : [a] "m"(*a), [b] "m"(*(const type *)b), [cw] "m"(c) \
                   : X87_CLOBBERS)

#define COM_ALL(P, S, E)                                    \
  switch (kind) {                                           \
    case X87_K_ST:                                          \
      if (unordered) COM_ST("fucom", P, S, E);              \
      else COM_ST("fcom", P, S, E);                         \
      break;                                                \
    case X87_K_F32: COM_M("fcoms", uint32_t, P, S, E); break; \
    case X87_K_F64: COM_M("fcoml", uint64_t, P, S, E); break; \
    case X87_K_I16: COM_M("ficoms", uint16_t, P, S, E); break; \
    default: COM_M("ficoml", uint32_t, P, S, E); break;     \
  }

uint16_t x87_host_com(const long double *a, const void *b, int kind,
                      int unordered, unsigned cw, int fast) {
  uint16_t sw, save, c = (uint16_t)cw;
  if (fast) COM_ALL(PRO_F, SWC_F, EPI_F)
  else COM_ALL(PRO, SWC, EPI)
  return sw;
}

/* ---- loads and stores ---- */

/* An unmasked exception may leave nothing pushed (an invalid operand
 * always does; a denormal one does on some CPUs): the fstpt then runs
 * under the host's control word, so it stores the indefinite quietly.
 * sw0, the status before the load, tells whether TOP moved. */
#define LD(insn, type)                                                   \
  __asm__ volatile(PRO "fnstsw %[sw0]\n\t" insn " %[s]\n\t" SWC EPI      \
                   "\n\tfstpt %[r]\n\tfnclex"                           \
                   : [r] "=m"(*r), [sw] "=m"(sw), [save] "=m"(save),     \
                     [sw0] "=m"(sw0)                                     \
                   : [s] "m"(*(const type *)src), [cw] "m"(c)            \
                   : X87_CLOBBERS)
/* With every exception masked a load always pushes. */
#define LD_F(insn, type)                                                 \
  __asm__ volatile(insn " %[s]\n\tfnstsw %[sw]\n\tfstpt %[r]"            \
                   : [r] "=m"(*r), [sw] "=m"(sw)                         \
                   : [s] "m"(*(const type *)src)                         \
                   : X87_CLOBBERS)

typedef struct { uint8_t b[10]; } X87Tbyte;

#define LD_ALL(L)                                   \
  switch (kind) {                                   \
    case X87_LD_F32: L("flds", uint32_t); break;    \
    case X87_LD_F64: L("fldl", uint64_t); break;    \
    case X87_LD_I16: L("filds", uint16_t); break;   \
    case X87_LD_I32: L("fildl", uint32_t); break;   \
    case X87_LD_I64: L("fildll", uint64_t); break;  \
    default: L("fbld", X87Tbyte); break;            \
  }

uint16_t x87_host_load(long double *r, const void *src, int kind,
                       unsigned cw, int fast, int *pushed) {
  uint16_t sw, sw0 = 0, save, c = (uint16_t)cw;
  if (fast) LD_ALL(LD_F)
  else LD_ALL(LD)
  (void)save, (void)c;
  *pushed = fast || (((sw0 >> 11) - (sw >> 11)) & 7) == 1; /* TOP - 1 */
  return sw;
}

/* The non-popping stores are followed by an fstp; the popping ones by an
 * ffree, which also covers the unmasked case where they did not pop. */
#define STK(insn, type, tail, P, S, E)                                   \
  __asm__ volatile(P "fldt %[a]\n\t" insn " %[d]\n\t" S tail E           \
                   : [d] "=m"(*(type *)dst), [sw] "=m"(sw),              \
                     [save] "=m"(save)                                   \
                   : [a] "m"(*a), [cw] "m"(c)                            \
                   : X87_CLOBBERS)
#define ST_ALL(P, S, E)                                                     \
  switch (kind) {                                                           \
    case X87_ST_F32: STK("fsts", uint32_t, "fstp %%st(0)\n\t", P, S, E); break; \
    case X87_ST_F64: STK("fstl", uint64_t, "fstp %%st(0)\n\t", P, S, E); break; \
    case X87_ST_I16: STK("fists", uint16_t, "fstp %%st(0)\n\t", P, S, E); break; \
    case X87_ST_I32: STK("fistl", uint32_t, "fstp %%st(0)\n\t", P, S, E); break; \
    case X87_ST_I64: STK("fistpll", uint64_t, "ffree %%st(0)\n\t", P, S, E); break; \
    case X87_ST_TI16: STK("fisttps", uint16_t, "ffree %%st(0)\n\t", P, S, E); break; \
    case X87_ST_TI32: STK("fisttpl", uint32_t, "ffree %%st(0)\n\t", P, S, E); break; \
    case X87_ST_TI64: STK("fisttpll", uint64_t, "ffree %%st(0)\n\t", P, S, E); break; \
    default: STK("fbstp", X87Tbyte, "ffree %%st(0)\n\t", P, S, E); break;  \
  }

uint16_t x87_host_store(void *dst, const long double *a, int kind,
                        unsigned cw, int fast) {
  uint16_t sw, save, c = (uint16_t)cw;
  if (fast) ST_ALL(PRO_F, SWC_F, EPI_F)
  else ST_ALL(PRO, SWC, EPI)
  return sw;
}

void x87_host_clear(void) {
  __asm__ volatile("fnclex");
}

void x87_host_fldcw(uint16_t cw) {
  __asm__ volatile("fldcw %0" : : "m"(cw));
}

/* ---- D9 E0-FF ---- */

/* Up to three registers can be live afterwards (two loaded, one pushed);
 * the three fstpt run under the host's own control word, so those that
 * find an empty register just store the indefinite (masked underflow)
 * and the stack ends empty whatever the instruction did. */
#define D9(insn) D9X(PRO, insn)
/* The same with the whole environment loaded: guest control word and
 * condition codes, no flags, all registers empty. */
#define D9ENV(insn) D9X("fnstcw %[save]\n\tfldenv %[env]\n\t", insn)
#define D9X(pro, insn)                                                    \
  __asm__ volatile(pro "fldt %[b]\n\tfldt %[a]\n\tfnstsw %[sw0]\n\t" insn \
                   "\n\tfnstsw %[sw]\n\tfnclex\n\tfldcw %[save]\n\t"       \
                   "fstpt %[o0]\n\tfstpt %[o1]\n\tfstpt %[o2]\n\tfnclex"   \
                   : [o0] "=m"(out[0]), [o1] "=m"(out[1]), [o2] "=m"(junk), \
                     [sw] "=m"(sw), [sw0] "=m"(sw0), [save] "=m"(save)     \
                   : [a] "m"(*a), [b] "m"(*b), [cw] "m"(c), [env] "m"(env) \
                   : X87_CLOBBERS)

struct X87Env {
  uint16_t cw, r0, sw, r1, tw, r2;
  uint32_t ptrs[4];
};

/* Fast shapes for the instructions whose stack effect is fixed when no
 * exception is unmasked: one operand in, one result (U1), two in and st0
 * replaced (B2), two in and one popped (P1). */
#define U1(insn)                                                          \
  __asm__ volatile("fldt %[a]\n\t" insn "\n\tfnstsw %[sw]\n\tfstpt %[o0]" \
                   : [o0] "=m"(out[0]), [sw] "=m"(sw)                     \
                   : [a] "m"(*a)                                          \
                   : X87_CLOBBERS)
#define B2(insn)                                                          \
  __asm__ volatile("fldt %[b]\n\tfldt %[a]\n\t" insn                      \
                   "\n\tfnstsw %[sw]\n\tfstpt %[o0]\n\tfstpt %[o1]"          \
                   : [o0] "=m"(out[0]), [o1] "=m"(out[1]), [sw] "=m"(sw)  \
                   : [a] "m"(*a), [b] "m"(*b)                             \
                   : X87_CLOBBERS)
#define P1(insn)                                                          \
  __asm__ volatile("fldt %[b]\n\tfldt %[a]\n\t" insn                      \
                   "\n\tfnstsw %[sw]\n\tfstpt %[o0]"                       \
                   : [o0] "=m"(out[0]), [sw] "=m"(sw)                     \
                   : [a] "m"(*a), [b] "m"(*b)                             \
                   : X87_CLOBBERS)

static int x87_host_d9_fast(unsigned op, long double out[2],
                            const long double *a, const long double *b,
                            int *delta, uint16_t *hsw) {
  uint16_t sw;
  switch (op) {
    case 0xf0: U1("f2xm1"); break;
    case 0xfa: U1("fsqrt"); break;
    case 0xfc: U1("frndint"); break;
    case 0xfe: U1("fsin"); break;
    case 0xff: U1("fcos"); break;
    case 0xfd: B2("fscale"); break;
    case 0xf1: P1("fyl2x"); *delta = 1; *hsw = sw; return 1;
    case 0xf3: P1("fpatan"); *delta = 1; *hsw = sw; return 1;
    case 0xf9: P1("fyl2xp1"); *delta = 1; *hsw = sw; return 1;
    default: return 0;
  }
  *delta = 0;
  *hsw = sw;
  return 1;
}

uint16_t x87_host_d9(unsigned op, long double out[2], const long double *a,
                     const long double *b, unsigned cw, unsigned gsw,
                     int fast, int *delta) {
  uint16_t sw, sw0, save, c = (uint16_t)cw;
  if (fast && x87_host_d9_fast(op & 0xff, out, a, b, delta, &sw)) return sw;
  struct X87Env env = {(uint16_t)cw, 0xffff, (uint16_t)(gsw & 0x4700), 0xffff,
                       0xffff, 0xffff, {0, 0, 0, 0}};
  long double junk;
  unsigned d;
  switch (op & 0xff) {
    case 0xe0: D9("fchs"); break;
    case 0xe1: D9("fabs"); break;
    case 0xe4: D9("ftst"); break;
    case 0xe5: D9("fxam"); break;
    case 0xe8: D9("fld1"); break;
    case 0xe9: D9("fldl2t"); break;
    case 0xea: D9("fldl2e"); break;
    case 0xeb: D9("fldpi"); break;
    case 0xec: D9("fldlg2"); break;
    case 0xed: D9("fldln2"); break;
    case 0xee: D9("fldz"); break;
    case 0xf0: D9("f2xm1"); break;
    case 0xf1: D9("fyl2x"); break;
    case 0xf2: D9("fptan"); break;
    case 0xf3: D9("fpatan"); break;
    case 0xf4: D9("fxtract"); break;
    case 0xf5: D9ENV("fprem1"); break;
    case 0xf8: D9ENV("fprem"); break;
    case 0xf9: D9("fyl2xp1"); break;
    case 0xfa: D9("fsqrt"); break;
    case 0xfb: D9("fsincos"); break;
    case 0xfc: D9("frndint"); break;
    case 0xfd: D9("fscale"); break;
    case 0xfe: D9("fsin"); break;
    case 0xff: D9("fcos"); break;
    default: /* not a computation: nothing happened */
      out[0] = *a;
      out[1] = *b;
      *delta = 0;
      return 0;
  }
  d = ((sw >> 11) - (sw0 >> 11)) & 7;
  *delta = d == 7 ? -1 : d == 1 ? 1 : 0;
  return sw;
}

/* What FNSTCW reads back after FLDCW: bits 13-15 and 7 read as zero and
 * bit 6 as one (checked against the host by test-x87). */
uint16_t x87_host_cw(uint16_t cw) {
  return (uint16_t)((cw & 0x1f3f) | 0x40);
}
