/* ops-x87.c: the x87 escape opcodes D8-DF and fwait.
 *
 * These handlers do the guest-side bookkeeping of the register stack (TOP,
 * tags, stack faults, pops and pushes, the status word) and leave every
 * computation on values to the host's x87 unit (x87-host.c), which yields
 * the real 80-bit results, exception flags and condition codes. Moves that
 * cannot raise anything (fld/fst st(i), fxch, fchs, fabs, fcmov, fld m80)
 * are plain copies of the 80-bit images.
 *
 * The ModRM byte picks the instruction: mod != 3 is a memory form chosen
 * by reg, mod == 3 a register form chosen by reg and rm. The undocumented
 * register aliases real CPUs accept (DC D0-DF, DE D0-D7, DD C8-CF, DF C8-DF,
 * D9 D8-DF, DF C0-C7 ffreep) are implemented as the CPU does them. */
#include <string.h>

#include "flags.h"
#include "machine.h"
#include "memory.h"
#include "operand.h"
#include "ops.h"
#include "x87.h"

static const long double x87_zero = 0.0L;

void x87_indefinite(long double *v) {
  static const uint8_t indef[10] = {0, 0, 0, 0, 0, 0, 0, 0xc0, 0xff, 0xff};
  memcpy(v, indef, 10);
}

void x87_reset(struct Machine *m) {
  m->fpu_cw = 0x37f;
  m->fpu_sw = 0;
  m->fpu_tw = 0xffff;
  m->fpu_top = 0;
  m->fpu_ip = m->fpu_dp = 0;
  m->fpu_cs = m->fpu_ds = m->fpu_op = 0;
}

/* A waiting instruction first delivers a pending unmasked exception. */
static inline void x87_wait(struct Machine *m) {
  if (__builtin_expect(m->fpu_sw & X87_ES, 0)) exec_fault(m, EXC_MF, 0, 0);
}

/* Fold a host status word into the guest's: the exception flags are
 * sticky, the condition codes in cmask are the instruction's results and
 * the others keep their values (what the hardware does with the codes the
 * manual calls undefined). */
static inline void x87_merge(struct Machine *m, unsigned hsw, unsigned cmask) {
  unsigned sw = (m->fpu_sw & ~cmask) | (hsw & cmask) | (hsw & X87_EXC);
  m->fpu_sw = x87_fix_es((uint16_t)sw, m->fpu_cw);
}

/* Whether an unmasked exception in mask stopped the host instruction
 * before it produced a result. */
static inline int x87_aborted(struct Machine *m, unsigned hsw, unsigned mask) {
  return (hsw & ~m->fpu_cw & mask) != 0;
}

/* Stack overflow or underflow: IE and SF, C1 tells which. Returns whether
 * IE is masked, i.e. whether the caller goes on with the indefinite. */
static int x87_stack_fault(struct Machine *m, int overflow) {
  unsigned sw = m->fpu_sw | X87_IE | X87_SF;
  sw = overflow ? sw | X87_C1 : sw & ~X87_C1;
  m->fpu_sw = x87_fix_es((uint16_t)sw, m->fpu_cw);
  return m->fpu_cw & X87_IE;
}

static inline void x87_c1_clear(struct Machine *m) {
  m->fpu_sw &= (uint16_t)~X87_C1;
}

static inline void st_put(struct Machine *m, unsigned i, const long double *v) {
  unsigned p = x87_phys(m, i);
  memcpy(&m->fpu_st[p], v, 10);
  x87_retag(m, p);
}

static inline void st_put_indef(struct Machine *m, unsigned i) {
  long double v;
  x87_indefinite(&v);
  st_put(m, i, &v);
}

static inline void x87_pop(struct Machine *m) {
  x87_free(m, m->fpu_top & 7);
  x87_set_top(m, m->fpu_top + 1);
}

static inline void x87_push(struct Machine *m, const long double *v) {
  x87_set_top(m, m->fpu_top - 1);
  st_put(m, 0, v);
}

/* Room for one more push: st(7) must be empty. */
static inline int x87_full(struct Machine *m) { return !x87_empty(m, 7); }

/* ---- arithmetic and compares ---- */

/* st(dst) = st(dst) OP src, src being st(src) or a memory operand. */
static void x87_arith(struct Machine *m, unsigned op, unsigned dst,
                      unsigned src, int kind, const void *mem, int pop) {
  long double *d;
  unsigned hsw;
  if (x87_empty(m, dst) || (kind == X87_K_ST && x87_empty(m, src))) {
    if (x87_stack_fault(m, 0)) {
      st_put_indef(m, dst);
      if (pop) x87_pop(m);
    }
    return;
  }
  d = x87_st(m, dst);
  int fast = x87_host_begin(m);
  hsw = x87_bin[fast][kind][op](
      d, d, kind == X87_K_ST ? (const void *)x87_st(m, src) : mem, m->fpu_cw);
  x87_host_end(m, fast, hsw);
  if (x87_aborted(m, hsw, X87_IE | X87_DE | X87_ZE)) {
    x87_merge(m, hsw, X87_C1);
    return;
  }
  x87_retag(m, x87_phys(m, dst));
  x87_merge(m, hsw, X87_C1);
  if (pop) x87_pop(m);
}

/* fcom/fucom/ficom (C0 C2 C3) and fcomi/fucomi (ZF PF CF) of st0 with
 * st(src) or memory, then npop pops. */
static void x87_com(struct Machine *m, unsigned src, int kind, const void *mem,
                    int unordered, int npop, int eflags) {
  unsigned hsw;
  int stop;
  /* The results say unordered even when an unmasked invalid operation
   * stops the instruction (no pop then), as the host CPU does. */
  if (x87_empty(m, 0) || (kind == X87_K_ST && x87_empty(m, src))) {
    stop = !x87_stack_fault(m, 0);
    hsw = X87_C0 | X87_C2 | X87_C3;
  } else {
    int fast = x87_host_begin(m);
    hsw = x87_host_com(x87_st(m, 0),
                       kind == X87_K_ST ? (const void *)x87_st(m, src) : mem,
                       kind, unordered, m->fpu_cw, fast);
    x87_host_end(m, fast, hsw);
    stop = x87_aborted(m, hsw, X87_IE | X87_DE);
  }
  if (eflags) {
    flags_put_arith(m, ((hsw & X87_C3) ? FLAG_ZF : 0) |
                           ((hsw & X87_C2) ? FLAG_PF : 0) |
                           ((hsw & X87_C0) ? FLAG_CF : 0));
    x87_merge(m, hsw, 0); /* C1 keeps its value, as on the host */
  } else {
    x87_merge(m, hsw & ~X87_C1, X87_CC);
  }
  if (!stop)
    while (npop--) x87_pop(m);
}

/* ---- register moves ---- */

static void x87_fld_st(struct Machine *m, unsigned s) {
  long double v;
  if (x87_empty(m, s)) {
    if (!x87_stack_fault(m, 0)) return;
    x87_indefinite(&v);
  } else if (x87_full(m)) {
    if (!x87_stack_fault(m, 1)) return;
    x87_indefinite(&v);
  } else {
    memcpy(&v, x87_st(m, s), 10);
    x87_c1_clear(m);
  }
  x87_push(m, &v);
}

static void x87_fst_st(struct Machine *m, unsigned s, int pop) {
  if (x87_empty(m, 0)) {
    if (!x87_stack_fault(m, 0)) return;
    st_put_indef(m, s);
  } else {
    st_put(m, s, x87_st(m, 0));
    x87_c1_clear(m);
  }
  if (pop) x87_pop(m);
}

static void x87_fxch(struct Machine *m, unsigned s) {
  long double a, b;
  if (!x87_empty(m, 0) && !x87_empty(m, s)) {
    /* the common case: swap the registers, their tags and MMX views as
     * they are (nothing to classify) */
    unsigned p = x87_phys(m, 0), q = x87_phys(m, s);
    unsigned tp = x87_tag(m, p), tq = x87_tag(m, q);
    uint64_t t;
    memcpy(&a, &m->fpu_st[p], sizeof(a));
    memcpy(&m->fpu_st[p], &m->fpu_st[q], sizeof(a));
    memcpy(&m->fpu_st[q], &a, sizeof(a));
    t = m->mmx[p], m->mmx[p] = m->mmx[q], m->mmx[q] = t;
    m->fpu_tw = (uint16_t)((m->fpu_tw & ~(3u << 2 * p) & ~(3u << 2 * q)) |
                           tq << 2 * p | tp << 2 * q);
    x87_c1_clear(m);
    return;
  }
  if (!x87_stack_fault(m, 0)) return;
  if (x87_empty(m, 0)) st_put_indef(m, 0);
  if (x87_empty(m, s)) st_put_indef(m, s);
  memcpy(&a, x87_st(m, 0), 10);
  memcpy(&b, x87_st(m, s), 10);
  st_put(m, 0, &b);
  st_put(m, s, &a);
}

static void x87_fcmov(struct Machine *m, unsigned s, int cond) {
  if (x87_empty(m, 0) || x87_empty(m, s)) {
    if (x87_stack_fault(m, 0)) st_put_indef(m, 0);
    return;
  }
  if (cond) st_put(m, 0, x87_st(m, s));
}

/* fchs and fabs flip or clear the sign bit and nothing else: no NaN is
 * quieted, no exception but the stack fault. */
static void x87_sign(struct Machine *m, int abs) {
  uint16_t se;
  if (x87_empty(m, 0)) {
    if (x87_stack_fault(m, 0)) st_put_indef(m, 0);
    return;
  }
  /* The sign flips in the whole 16-bit word (a byte store followed by
   * retag's wider load would stall store forwarding), and the tag, which
   * does not depend on the sign, stays. */
  char *p = (char *)x87_st(m, 0);
  memcpy(&se, p + 8, 2);
  se = abs ? se & 0x7fff : se ^ 0x8000;
  memcpy(p + 8, &se, 2);
  x87_c1_clear(m);
}

/* ---- D9 E0-FF: the host does the computing ---- */

/* fxam classifies st0 without raising anything, so it is done here:
 * C3 C2 C0 = 000 unsupported, 001 NaN, 010 normal, 011 infinity, 100 zero,
 * 101 empty, 110 denormal; C1 = the sign (of whatever an empty register
 * holds, as the hardware does). */
static void x87_fxam(struct Machine *m) {
  const uint8_t *p = (const uint8_t *)x87_st(m, 0);
  uint64_t mant;
  unsigned exp = (p[8] | p[9] << 8) & 0x7fff, cc;
  memcpy(&mant, p, 8);
  if (x87_empty(m, 0)) cc = X87_C3 | X87_C0;
  else if (!exp) cc = mant ? X87_C3 | X87_C2 : X87_C3;
  else if (!(mant >> 63)) cc = 0;
  else if (exp == 0x7fff) cc = (mant << 1) ? X87_C0 : X87_C2 | X87_C0;
  else cc = X87_C2;
  if (p[9] & 0x80) cc |= X87_C1;
  m->fpu_sw = (uint16_t)((m->fpu_sw & ~X87_CC) | cc);
}

/* fld1 and fldz: exact constants, nothing to round. */
static void x87_fld_exact(struct Machine *m, int one) {
  static const uint8_t k1[10] = {0, 0, 0, 0, 0, 0, 0, 0x80, 0xff, 0x3f};
  long double v;
  if (x87_full(m)) {
    if (!x87_stack_fault(m, 1)) return;
    x87_indefinite(&v);
  } else {
    memset(&v, 0, sizeof(v));
    if (one) memcpy(&v, k1, 10);
    x87_c1_clear(m);
  }
  x87_push(m, &v);
}

static void x87_d9_compute(struct Machine *m, unsigned op) {
  long double out[2];
  unsigned hsw, cmask;
  int delta;
  int konst = op >= 0xe8 && op <= 0xee;
  int needs1 = op == 0xf1 || op == 0xf3 || op == 0xf5 || op == 0xf8 ||
               op == 0xf9 || op == 0xfd;
  int popper = op == 0xf1 || op == 0xf3 || op == 0xf9;
  int pusher = konst || op == 0xf2 || op == 0xf4 || op == 0xfb;
  int cmp = op == 0xe4;
  if ((!konst && x87_empty(m, 0)) || (needs1 && x87_empty(m, 1)) ||
      (pusher && x87_full(m))) {
    int over = !(!konst && x87_empty(m, 0)) && !(needs1 && x87_empty(m, 1));
    if (op == 0xf2 || op == 0xf5 || op == 0xf8 || op == 0xfb || op == 0xfe ||
        op == 0xff)
      m->fpu_sw &= (uint16_t)~X87_C2; /* "complete", as the host reports */
    int masked = x87_stack_fault(m, over);
    if (cmp) m->fpu_sw |= X87_C0 | X87_C2 | X87_C3; /* even unmasked */
    if (!masked || cmp) return;
    if (popper) {
      st_put_indef(m, 1);
      x87_pop(m);
    } else if (konst) {
      x87_set_top(m, m->fpu_top - 1);
      st_put_indef(m, 0);
    } else {
      st_put_indef(m, 0);
      if (pusher) {
        x87_set_top(m, m->fpu_top - 1);
        st_put_indef(m, 0);
      }
    }
    return;
  }
  int fast = x87_host_begin(m);
  hsw = x87_host_d9(op, out, konst ? &x87_zero : x87_st(m, 0),
                    needs1 ? x87_st(m, 1) : &x87_zero, m->fpu_cw, m->fpu_sw,
                    fast, &delta);
  x87_host_end(m, fast, hsw);
  if (cmp || op == 0xf5 || op == 0xf8) cmask = X87_CC;
  else if (op == 0xf2 || op == 0xfb || op == 0xfe || op == 0xff)
    cmask = X87_C1 | X87_C2;
  else cmask = X87_C1;
  if (cmp) {
    /* ftst leaves st0 alone */
  } else if (delta < 0) {
    if (!konst) st_put(m, 0, &out[1]);
    x87_push(m, &out[0]);
  } else if (delta > 0) {
    st_put(m, 1, &out[0]);
    x87_pop(m);
  } else if (!x87_aborted(m, hsw, X87_IE | X87_DE | X87_ZE)) {
    st_put(m, 0, &out[0]);
    if (needs1) st_put(m, 1, &out[1]);
  }
  x87_merge(m, hsw, cmask);
}

/* ---- memory loads and stores ---- */

static void x87_make80(long double *v, unsigned sign, unsigned exp,
                       uint64_t mant) {
  uint16_t se = (uint16_t)((sign ? 0x8000 : 0) | exp);
  memset(v, 0, sizeof(*v));
  memcpy(v, &mant, 8);
  memcpy((char *)v + 8, &se, 2);
}

/* Integer, float and double loads are exact, so they are converted here
 * without the host: returns the exception flags (IE for a signaling NaN,
 * which is quieted; DE for a denormal), or -1 for kinds left to the host. */
static int x87_convert_in(long double *v, const void *src, int kind) {
  uint64_t x, mant;
  unsigned sign, e;
  int flags = 0, n;
  switch (kind) {
    case X87_LD_I16: { int16_t t; memcpy(&t, src, 2); x = (uint64_t)(int64_t)t; break; }
    case X87_LD_I32: { int32_t t; memcpy(&t, src, 4); x = (uint64_t)(int64_t)t; break; }
    case X87_LD_I64: memcpy(&x, src, 8); break;
    case X87_LD_F32: {
      uint32_t f;
      memcpy(&f, src, 4);
      sign = f >> 31, e = (f >> 23) & 0xff, mant = f & 0x7fffff;
      if (e == 0xff) {
        if (mant && !(mant & 0x400000)) flags = X87_IE, mant |= 0x400000;
        x87_make80(v, sign, 0x7fff, 1ull << 63 | mant << 40);
      } else if (e) {
        x87_make80(v, sign, e - 127 + 16383, 1ull << 63 | mant << 40);
      } else if (mant) {
        n = __builtin_clzll(mant);
        x87_make80(v, sign, 16383 + 63 - 149 - n, mant << n);
        flags = X87_DE;
      } else {
        x87_make80(v, sign, 0, 0);
      }
      return flags;
    }
    case X87_LD_F64: {
      uint64_t d;
      memcpy(&d, src, 8);
      sign = d >> 63, e = (d >> 52) & 0x7ff, mant = d & 0xfffffffffffffull;
      if (e == 0x7ff) {
        if (mant && !(mant >> 51)) flags = X87_IE, mant |= 1ull << 51;
        x87_make80(v, sign, 0x7fff, 1ull << 63 | mant << 11);
      } else if (e) {
        x87_make80(v, sign, e - 1023 + 16383, 1ull << 63 | mant << 11);
      } else if (mant) {
        n = __builtin_clzll(mant);
        x87_make80(v, sign, 16383 + 63 - 1074 - n, mant << n);
        flags = X87_DE;
      } else {
        x87_make80(v, sign, 0, 0);
      }
      return flags;
    }
    default: return -1;
  }
  /* integers */
  sign = x >> 63;
  if (sign) x = -x;
  if (!x) {
    x87_make80(v, 0, 0, 0);
  } else {
    n = __builtin_clzll(x);
    x87_make80(v, sign, 16383 + 63 - n, x << n);
  }
  return 0;
}

static void x87_load_mem(struct Machine *m, const void *src, int kind) {
  long double v;
  unsigned hsw;
  int flags;
  if (x87_full(m)) {
    if (!x87_stack_fault(m, 1)) return;
    x87_indefinite(&v);
    x87_push(m, &v);
    return;
  }
  /* Exact conversions are done here unless they raise an unmasked
   * exception: whether that stops the load is the host CPU's call (an
   * invalid operand always does; a denormal one does not on AMD). */
  flags = x87_convert_in(&v, src, kind);
  if (flags >= 0 && !x87_aborted(m, (unsigned)flags, X87_EXC)) {
    x87_push(m, &v);
    x87_merge(m, (unsigned)flags, X87_C1);
    return;
  }
  int fast = x87_host_begin(m), pushed;
  hsw = x87_host_load(&v, src, kind, m->fpu_cw, fast, &pushed);
  x87_host_end(m, fast, hsw);
  if (!pushed) {
    x87_merge(m, hsw & ~X87_C1, X87_C1);
    return;
  }
  x87_push(m, &v);
  x87_merge(m, hsw & ~X87_C1, X87_C1);
}

/* 80-bit memory operands through the TLB fast paths when they sit in one
 * page (constants in .rodata, spills on the stack). */
static void x87_read80(struct Machine *m, uint64_t ea, void *dst) {
  if ((ea & PAGE_MASK) <= PAGE_SIZE - 10) {
    uint64_t lo = mem_load64(m, ea);
    uint16_t hi = mem_load16(m, ea + 8);
    memcpy(dst, &lo, 8);
    memcpy((char *)dst + 8, &hi, 2);
  } else {
    mem_read_bytes(m, ea, dst, 10);
  }
}

static void x87_write80(struct Machine *m, uint64_t ea, const void *src) {
  if ((ea & PAGE_MASK) <= PAGE_SIZE - 10) {
    uint64_t lo;
    uint16_t hi;
    memcpy(&lo, src, 8);
    memcpy(&hi, (const char *)src + 8, 2);
    mem_store64(m, ea, lo);
    mem_store16(m, ea + 8, hi);
  } else {
    mem_write_bytes(m, ea, src, 10);
  }
}

static void x87_fld_m80(struct Machine *m, uint64_t ea) {
  long double v;
  memset(&v, 0, sizeof(v));
  x87_read80(m, ea, &v);
  if (x87_full(m)) {
    if (!x87_stack_fault(m, 1)) return;
    x87_indefinite(&v);
  } else {
    x87_c1_clear(m);
  }
  x87_push(m, &v);
}

/* Stores write memory before any status word change: a store that
 * faults (#PF) leaves the x87 state as it was, as on the CPU. A store
 * that an unmasked exception suppresses still faults on an address it
 * could not have written (the host CPU checks the access first), so its
 * destination is probed: read and written back unchanged. */
static void x87_probe_write(struct Machine *m, uint64_t ea, unsigned n) {
  uint8_t b[10];
  mem_read_bytes(m, ea, b, n);
  mem_write_bytes(m, ea, b, n);
}

static void x87_fstp_m80(struct Machine *m, uint64_t ea) {
  long double v;
  if (x87_empty(m, 0)) {
    if (!(m->fpu_cw & X87_IE)) { /* unmasked: nothing is stored */
      x87_probe_write(m, ea, 10);
      x87_stack_fault(m, 0);
      return;
    }
    x87_indefinite(&v);
    x87_write80(m, ea, &v);
    x87_stack_fault(m, 0);
  } else {
    x87_write80(m, ea, x87_st(m, 0));
    x87_c1_clear(m);
  }
  x87_pop(m);
}

static const uint8_t x87_store_size[] = {
    [X87_ST_F32] = 4,  [X87_ST_F64] = 8,  [X87_ST_I16] = 2,
    [X87_ST_I32] = 4,  [X87_ST_I64] = 8,  [X87_ST_TI16] = 2,
    [X87_ST_TI32] = 4, [X87_ST_TI64] = 8, [X87_ST_BCD] = 10,
};

/* fst/fist/fisttp/fbstp to memory. An empty st0 stores what the CPU
 * stores for the masked stack fault: the host converts the indefinite. */
static void x87_store_mem(struct Machine *m, uint64_t ea, int kind, int pop) {
  long double indef;
  const long double *src;
  uint8_t buf[16];
  unsigned hsw, n = x87_store_size[kind], cmask = X87_C1;
  int fault = 0;
  if (x87_empty(m, 0)) {
    if (!(m->fpu_cw & X87_IE)) { /* unmasked: nothing is stored */
      x87_probe_write(m, ea, n);
      x87_stack_fault(m, 0);
      return;
    }
    x87_indefinite(&indef);
    src = &indef;
    fault = 1; /* recorded once the store is done */
  } else {
    src = x87_st(m, 0);
  }
  memset(buf, 0, sizeof(buf));
  int fast = x87_host_begin(m);
  hsw = x87_host_store(buf, src, kind, m->fpu_cw, fast);
  x87_host_end(m, fast, hsw);
  if (x87_aborted(m, hsw, X87_IE | X87_OE | X87_UE)) {
    x87_probe_write(m, ea, n);
    x87_merge(m, hsw, X87_C1);
    return;
  }
  if (n == 10) x87_write80(m, ea, buf);
  else {
    uint64_t v = 0;
    memcpy(&v, buf, n);
    mem_store(m, ea, n, v);
  }
  if (fault) x87_stack_fault(m, 0);
  if (fault || (kind >= X87_ST_TI16 && kind <= X87_ST_TI64))
    cmask = 0, m->fpu_sw &= ~X87_C1;
  x87_merge(m, hsw, cmask);
  if (pop) x87_pop(m);
}

/* ---- control: environment, save, restore ---- */

/* The environment image: 14 bytes with a 16-bit operand size, else 28,
 * in the protected-mode layout (long mode uses it too, with the low 32
 * bits of FIP and FDP). The pointers are those of the last non-control
 * instruction (x87_note), stored always, as AMD does and Intel does
 * unless CPUID says FDP is kept only on exceptions or FCS/FDS are
 * deprecated (stored as zero): see FLOATING POINT in blink(1). */
static void put16(uint8_t *p, uint64_t v) {
  uint16_t w = (uint16_t)v;
  memcpy(p, &w, 2);
}
static void put32(uint8_t *p, uint64_t v) {
  uint32_t w = (uint32_t)v;
  memcpy(p, &w, 4);
}
static uint64_t get16(const uint8_t *p) {
  uint16_t w;
  memcpy(&w, p, 2);
  return w;
}
static uint64_t get32(const uint8_t *p) {
  uint32_t w;
  memcpy(&w, p, 4);
  return w;
}

static unsigned x87_env_store(struct Machine *m, uint8_t *p, int o16) {
  uint16_t cw = m->fpu_cw, sw = x87_sw(m), tw = m->fpu_tw;
  unsigned k;
  /* The stored tags are recomputed from the registers, as FNSTENV on a
   * CPU that keeps only empty/full bits internally does. */
  for (k = 0; k < 8; ++k)
    if (((tw >> (2 * k)) & 3) != X87_TAG_EMPTY)
      tw = (uint16_t)((tw & ~(3u << (2 * k))) |
                      (x87_classify(&m->fpu_st[k]) << (2 * k)));
  if (o16) {
    memset(p, 0, 14);
    memcpy(p + 0, &cw, 2);
    memcpy(p + 2, &sw, 2);
    memcpy(p + 4, &tw, 2);
    put16(p + 6, m->fpu_ip);
    put16(p + 8, m->fpu_cs);
    put16(p + 10, m->fpu_dp);
    put16(p + 12, m->fpu_ds);
    return 14;
  }
  memset(p, 0xff, 28); /* the reserved upper halves read as ones */
  memcpy(p + 0, &cw, 2);
  memcpy(p + 4, &sw, 2);
  memcpy(p + 8, &tw, 2);
  put32(p + 12, m->fpu_ip);
  put32(p + 16, m->fpu_cs | (uint32_t)(m->fpu_op & 0x7ff) << 16);
  put32(p + 20, m->fpu_dp);
  put16(p + 24, m->fpu_ds);
  return 28;
}

static void x87_env_load(struct Machine *m, const uint8_t *p, int o16) {
  uint16_t cw, sw, tw;
  unsigned k;
  memcpy(&cw, p, 2);
  memcpy(&sw, p + (o16 ? 2 : 4), 2);
  memcpy(&tw, p + (o16 ? 4 : 8), 2);
  if (o16) {
    m->fpu_ip = get16(p + 6);
    m->fpu_cs = (uint16_t)get16(p + 8);
    m->fpu_dp = get16(p + 10);
    m->fpu_ds = (uint16_t)get16(p + 12);
    m->fpu_op = 0;
  } else {
    m->fpu_ip = get32(p + 12);
    m->fpu_cs = (uint16_t)get16(p + 16);
    m->fpu_op = (uint16_t)(get16(p + 18) & 0x7ff);
    m->fpu_dp = get32(p + 20);
    m->fpu_ds = (uint16_t)get16(p + 24);
  }
  m->fpu_cw = x87_host_cw(cw);
  m->fpu_top = (sw >> 11) & 7;
  m->fpu_sw = x87_fix_es(sw, m->fpu_cw);
  m->fpu_tw = 0xffff;
  for (k = 0; k < 8; ++k)
    if (((tw >> (2 * k)) & 3) != X87_TAG_EMPTY) x87_retag(m, k);
}

static void x87_fnstenv(struct Machine *m, uint64_t ea, int o16) {
  uint8_t buf[28];
  unsigned n = x87_env_store(m, buf, o16);
  mem_write_bytes(m, ea, buf, n);
  m->fpu_cw |= 0x3f; /* FNSTENV masks all exceptions after storing */
  m->fpu_sw = x87_fix_es(m->fpu_sw, m->fpu_cw);
}

static void x87_fldenv(struct Machine *m, uint64_t ea, int o16) {
  uint8_t buf[28];
  mem_read_bytes(m, ea, buf, o16 ? 14 : 28);
  x87_env_load(m, buf, o16);
}

static void x87_fnsave(struct Machine *m, uint64_t ea, int o16) {
  uint8_t buf[108];
  unsigned n = x87_env_store(m, buf, o16), k;
  for (k = 0; k < 8; ++k) memcpy(buf + n + 10 * k, x87_st(m, k), 10);
  mem_write_bytes(m, ea, buf, n + 80);
  x87_reset(m);
}

static void x87_frstor(struct Machine *m, uint64_t ea, int o16) {
  uint8_t buf[108];
  unsigned n = o16 ? 14 : 28, k;
  mem_read_bytes(m, ea, buf, n + 80);
  /* the registers are stored in stack order from the image's TOP */
  uint16_t sw;
  memcpy(&sw, buf + (o16 ? 2 : 4), 2);
  for (k = 0; k < 8; ++k)
    memcpy(&m->fpu_st[(((sw >> 11) & 7) + k) & 7], buf + n + 10 * k, 10);
  /* MMX register k is the significand of physical register k whatever
   * its tag says (x87_env_load mirrors only the full ones) */
  for (k = 0; k < 8; ++k) memcpy(&m->mmx[k], &m->fpu_st[k], 8);
  x87_env_load(m, buf, o16);
}

/* ---- the escapes ---- */

static inline uint64_t ea_of(struct Machine *m, const struct Insn *i) {
  return insn_ea(m, i);
}

static inline int o16_of(const struct Insn *i) { return i->osz == 2; }

/* A non-control instruction (all but fninit, fnclex, fldcw, fnstcw,
 * fnstsw, fnstenv, fldenv, fnsave, frstor and fwait) records itself as
 * the last x87 instruction: FIP, FCS, FOP, and for a memory form FDP and
 * FDS (a register form leaves those alone, as the host CPU does). Done
 * once the instruction is known to run: after the #UD checks and the
 * pending-exception check of x87_wait, and for a memory form after its
 * operand was read or written (a #PF leaves the pointers alone). */
static inline void x87_note(struct Machine *m, const struct Insn *i,
                            uint64_t ea) {
  m->fpu_ip = m->ip;
  m->fpu_cs = m->sreg[SEG_CS];
  m->fpu_op = (uint16_t)((i->op & 7) << 8 | i->modrm);
  if (i->mod != 3) {
    m->fpu_dp = ea - m->seg_base[i->seg];
    m->fpu_ds = m->sreg[i->seg];
  }
}

/* The start of a non-control register form. */
static inline void x87_start(struct Machine *m, const struct Insn *i,
                             uint64_t ea) {
  x87_wait(m);
  x87_note(m, i, ea);
}

OP(op_fpu_d8) {
  unsigned r = i->reg & 7, s = i->rm & 7;
  x87_wait(m);
  if (i->mod != 3) {
    uint64_t ea = ea_of(m, i);
    uint32_t v = mem_load32(m, ea);
    x87_note(m, i, ea); /* once the operand is read */
    if (r == 2 || r == 3) x87_com(m, 0, X87_K_F32, &v, 0, r == 3, 0);
    else x87_arith(m, r, 0, 0, X87_K_F32, &v, 0);
  } else {
    x87_note(m, i, 0);
    if (r == 2 || r == 3) x87_com(m, s, X87_K_ST, 0, 0, r == 3, 0);
    else x87_arith(m, r, 0, s, X87_K_ST, 0, 0);
  }
}

OP(op_fpu_dc) {
  unsigned r = i->reg & 7, s = i->rm & 7;
  x87_wait(m);
  if (i->mod != 3) {
    uint64_t ea = ea_of(m, i);
    uint64_t v = mem_load64(m, ea);
    x87_note(m, i, ea); /* once the operand is read */
    if (r == 2 || r == 3) x87_com(m, 0, X87_K_F64, &v, 0, r == 3, 0);
    else x87_arith(m, r, 0, 0, X87_K_F64, &v, 0);
  } else {
    /* st(i) = st(i) OP st0, with sub/subr and div/divr encoded swapped */
    x87_note(m, i, 0);
    if (r == 2 || r == 3) x87_com(m, s, X87_K_ST, 0, 0, r == 3, 0);
    else x87_arith(m, r >= 4 ? r ^ 1 : r, s, 0, X87_K_ST, 0, 0);
  }
}

OP(op_fpu_de) {
  unsigned r = i->reg & 7, s = i->rm & 7;
  if (i->mod != 3) {
    x87_wait(m);
    uint64_t ea = ea_of(m, i);
    uint16_t v = mem_load16(m, ea);
    x87_note(m, i, ea); /* once the operand is read */
    if (r == 2 || r == 3) x87_com(m, 0, X87_K_I16, &v, 0, r == 3, 0);
    else x87_arith(m, r, 0, 0, X87_K_I16, &v, 0);
    return;
  }
  if (r == 3 && s != 1) exec_ud(m);
  x87_wait(m);
  x87_note(m, i, 0);
  if (r == 2) x87_com(m, s, X87_K_ST, 0, 0, 1, 0);      /* fcomp alias */
  else if (r == 3) x87_com(m, 1, X87_K_ST, 0, 0, 2, 0); /* fcompp */
  else x87_arith(m, r >= 4 ? r ^ 1 : r, s, 0, X87_K_ST, 0, 1);
}

OP(op_fpu_da) {
  unsigned r = i->reg & 7, s = i->rm & 7;
  if (i->mod != 3) {
    x87_wait(m);
    uint64_t ea = ea_of(m, i);
    uint32_t v = mem_load32(m, ea);
    x87_note(m, i, ea); /* once the operand is read */
    if (r == 2 || r == 3) x87_com(m, 0, X87_K_I32, &v, 0, r == 3, 0);
    else x87_arith(m, r, 0, 0, X87_K_I32, &v, 0);
    return;
  }
  static const uint8_t cc[4] = {0x2, 0x4, 0x6, 0xa}; /* b, e, be, u */
  if (r < 4) {
    x87_wait(m);
    x87_note(m, i, 0);
    x87_fcmov(m, s, flags_cond(m, cc[r]));
  } else if (r == 5 && s == 1) {
    x87_wait(m);
    x87_note(m, i, 0);
    x87_com(m, 1, X87_K_ST, 0, 1, 2, 0); /* fucompp */
  } else {
    exec_ud(m);
  }
}

OP(op_fpu_db) {
  unsigned r = i->reg & 7, s = i->rm & 7;
  if (i->mod != 3) {
    uint64_t ea = ea_of(m, i);
    switch (r) {
      case 0: {
        x87_wait(m);
        uint32_t v = mem_load32(m, ea);
        x87_load_mem(m, &v, X87_LD_I32);
        break;
      }
      case 1: x87_wait(m); x87_store_mem(m, ea, X87_ST_TI32, 1); break;
      case 2: x87_wait(m); x87_store_mem(m, ea, X87_ST_I32, 0); break;
      case 3: x87_wait(m); x87_store_mem(m, ea, X87_ST_I32, 1); break;
      case 5: x87_wait(m); x87_fld_m80(m, ea); break;
      case 7: x87_wait(m); x87_fstp_m80(m, ea); break;
      default: exec_ud(m);
    }
    /* the pointers change once the operand is read or written */
    x87_note(m, i, ea);
    return;
  }
  static const uint8_t cc[4] = {0x3, 0x5, 0x7, 0xb}; /* nb, ne, nbe, nu */
  switch (r) {
    case 0: case 1: case 2: case 3:
      x87_start(m, i, 0);
      x87_fcmov(m, s, flags_cond(m, cc[r]));
      return;
    case 4:
      switch (s) {
        case 0: case 1: case 4: return; /* feni, fdisi, fsetpm: no-ops */
        case 2: /* fnclex */
          m->fpu_sw &= (uint16_t)~(X87_EXC | X87_SF | X87_ES | X87_B);
          return;
        case 3: x87_reset(m); return; /* fninit */
        default: exec_ud(m);
      }
    case 5: x87_start(m, i, 0); x87_com(m, s, X87_K_ST, 0, 1, 0, 1); return;
    case 6: x87_start(m, i, 0); x87_com(m, s, X87_K_ST, 0, 0, 0, 1); return;
    default: exec_ud(m);
  }
}

OP(op_fpu_dd) {
  unsigned r = i->reg & 7, s = i->rm & 7;
  if (i->mod != 3) {
    uint64_t ea = ea_of(m, i);
    switch (r) {
      case 0: {
        x87_wait(m);
        uint64_t v = mem_load64(m, ea);
        x87_load_mem(m, &v, X87_LD_F64);
        break;
      }
      case 1: x87_wait(m); x87_store_mem(m, ea, X87_ST_TI64, 1); break;
      case 2: x87_wait(m); x87_store_mem(m, ea, X87_ST_F64, 0); break;
      case 3: x87_wait(m); x87_store_mem(m, ea, X87_ST_F64, 1); break;
      case 4: x87_wait(m); x87_frstor(m, ea, o16_of(i)); return;
      case 6: x87_fnsave(m, ea, o16_of(i)); return;
      case 7: mem_store16(m, ea, x87_sw(m)); return; /* fnstsw m16 */
      default: exec_ud(m);
    }
    /* the pointers change once the operand is read or written */
    x87_note(m, i, ea);
    return;
  }
  switch (r) {
    case 0: /* ffree */
      x87_start(m, i, 0);
      x87_free(m, x87_phys(m, s));
      x87_c1_clear(m);
      return;
    case 1: x87_start(m, i, 0); x87_fxch(m, s); return;
    case 2: x87_start(m, i, 0); x87_fst_st(m, s, 0); return;
    case 3: x87_start(m, i, 0); x87_fst_st(m, s, 1); return;
    case 4: x87_start(m, i, 0); x87_com(m, s, X87_K_ST, 0, 1, 0, 0); return;
    case 5: x87_start(m, i, 0); x87_com(m, s, X87_K_ST, 0, 1, 1, 0); return;
    default: exec_ud(m);
  }
}

OP(op_fpu_df) {
  unsigned r = i->reg & 7, s = i->rm & 7;
  if (i->mod != 3) {
    uint64_t ea = ea_of(m, i);
    switch (r) {
      case 0: {
        x87_wait(m);
        uint16_t v = mem_load16(m, ea);
        x87_load_mem(m, &v, X87_LD_I16);
        break;
      }
      case 1: x87_wait(m); x87_store_mem(m, ea, X87_ST_TI16, 1); break;
      case 2: x87_wait(m); x87_store_mem(m, ea, X87_ST_I16, 0); break;
      case 3: x87_wait(m); x87_store_mem(m, ea, X87_ST_I16, 1); break;
      case 4: {
        uint8_t b[10];
        x87_wait(m);
        x87_read80(m, ea, b);
        x87_load_mem(m, b, X87_LD_BCD);
        break;
      }
      case 5: {
        x87_wait(m);
        uint64_t v = mem_load64(m, ea);
        x87_load_mem(m, &v, X87_LD_I64);
        break;
      }
      case 6: x87_wait(m); x87_store_mem(m, ea, X87_ST_BCD, 1); break;
      default: x87_wait(m); x87_store_mem(m, ea, X87_ST_I64, 1); break;
    }
    /* the pointers change once the operand is read or written */
    x87_note(m, i, ea);
    return;
  }
  switch (r) {
    case 0: /* ffreep */
      x87_start(m, i, 0);
      x87_free(m, x87_phys(m, s));
      x87_c1_clear(m);
      x87_pop(m);
      return;
    case 1: x87_start(m, i, 0); x87_fxch(m, s); return;
    case 2: case 3: x87_start(m, i, 0); x87_fst_st(m, s, 1); return;
    case 4:
      if (s != 0) exec_ud(m);
      reg_put(m, i, RAX, 2, x87_sw(m)); /* fnstsw ax */
      return;
    case 5: x87_start(m, i, 0); x87_com(m, s, X87_K_ST, 0, 1, 1, 1); return;
    case 6: x87_start(m, i, 0); x87_com(m, s, X87_K_ST, 0, 0, 1, 1); return;
    default: exec_ud(m);
  }
}

OP(op_fpu_d9) {
  unsigned r = i->reg & 7, s = i->rm & 7;
  if (i->mod != 3) {
    uint64_t ea = ea_of(m, i);
    switch (r) {
      case 0: {
        x87_wait(m);
        uint32_t v = mem_load32(m, ea);
        x87_load_mem(m, &v, X87_LD_F32);
        break;
      }
      case 2: x87_wait(m); x87_store_mem(m, ea, X87_ST_F32, 0); break;
      case 3: x87_wait(m); x87_store_mem(m, ea, X87_ST_F32, 1); break;
      case 4: x87_wait(m); x87_fldenv(m, ea, o16_of(i)); return;
      case 5: {
        x87_wait(m);
        uint16_t cw = mem_load16(m, ea);
        m->fpu_cw = x87_host_cw(cw);
        m->fpu_sw = x87_fix_es(m->fpu_sw, m->fpu_cw);
        return;
      }
      case 6: x87_fnstenv(m, ea, o16_of(i)); return;
      case 7: mem_store16(m, ea, m->fpu_cw); return; /* fnstcw */
      default: exec_ud(m);
    }
    /* the pointers change once the operand is read or written */
    x87_note(m, i, ea);
    return;
  }
  unsigned op = 0xc0 | (r << 3) | s;
  switch (r) {
    case 0: x87_start(m, i, 0); x87_fld_st(m, s); return;
    case 1: x87_start(m, i, 0); x87_fxch(m, s); return;
    case 2:
      if (s != 0) exec_ud(m);
      x87_start(m, i, 0); /* fnop */
      return;
    case 3: /* fstp1, the undocumented alias of fstp st(i) */
      x87_start(m, i, 0);
      /* the host CPU (AMD) pops an empty st0 without a stack fault and
       * leaves st(i) alone */
      if (x87_empty(m, 0)) x87_c1_clear(m), x87_pop(m);
      else x87_fst_st(m, s, 1);
      return;
    case 4:
      switch (s) {
        case 0: x87_start(m, i, 0); x87_sign(m, 0); return;
        case 1: x87_start(m, i, 0); x87_sign(m, 1); return;
        case 4: { /* ftst: fcom with +0.0, the same exceptions */
          static const uint32_t zero = 0;
          x87_start(m, i, 0);
          x87_com(m, 0, X87_K_F32, &zero, 0, 0, 0);
          return;
        }
        case 5: x87_start(m, i, 0); x87_fxam(m); return;
        default: exec_ud(m);
      }
    case 5:
      if (s == 7) exec_ud(m);
      x87_start(m, i, 0);
      if (s == 0 || s == 6) x87_fld_exact(m, s == 0);
      else x87_d9_compute(m, op);
      return;
    default:
      x87_start(m, i, 0);
      if (op == 0xf6 || op == 0xf7) { /* fdecstp, fincstp */
        x87_set_top(m, m->fpu_top + (op == 0xf7 ? 1 : -1));
        x87_c1_clear(m);
        return;
      }
      x87_d9_compute(m, op);
      return;
  }
}

OP(op_fwait) {
  (void)i;
  x87_wait(m);
}

/* ---- FXSAVE images, for fxsave/fxrstor and signal frames ---- */

void x87_fxsave(const struct Machine *m, uint8_t *img) {
  uint16_t cw = m->fpu_cw, sw = x87_sw(m);
  uint8_t ftw = 0;
  unsigned k;
  for (k = 0; k < 8; ++k)
    if (((m->fpu_tw >> (2 * k)) & 3) != X87_TAG_EMPTY) ftw |= (uint8_t)(1u << k);
  memset(img, 0, 24);
  memcpy(img + 0, &cw, 2);
  memcpy(img + 2, &sw, 2);
  img[4] = ftw;
  x87_fxsave_ptrs(m, img, 1);
  memset(img + 32, 0, 128);
  for (k = 0; k < 8; ++k)
    memcpy(img + 32 + 16 * k, &m->fpu_st[(m->fpu_top + k) & 7], 10);
}

void x87_fxrstor(struct Machine *m, const uint8_t *img) {
  uint16_t cw, sw;
  unsigned k, top;
  memcpy(&cw, img + 0, 2);
  memcpy(&sw, img + 2, 2);
  top = (sw >> 11) & 7;
  for (k = 0; k < 8; ++k) {
    memcpy(&m->fpu_st[(top + k) & 7], img + 32 + 16 * k, 10);
    memcpy(&m->mmx[(top + k) & 7], img + 32 + 16 * k, 8);
  }
  m->fpu_cw = x87_host_cw(cw);
  m->fpu_top = (uint8_t)top;
  m->fpu_sw = x87_fix_es(sw, m->fpu_cw);
  m->fpu_tw = 0xffff;
  for (k = 0; k < 8; ++k)
    if (img[4] & (1u << k)) x87_retag(m, k);
  x87_fxrstor_ptrs(m, img, 1);
}

void x87_fxsave_ptrs(const struct Machine *m, uint8_t *img, int rexw) {
  put16(img + 6, m->fpu_op & 0x7ff);
  if (rexw) {
    memcpy(img + 8, &m->fpu_ip, 8);
    memcpy(img + 16, &m->fpu_dp, 8);
  } else {
    put32(img + 8, m->fpu_ip);
    put32(img + 12, m->fpu_cs);
    put32(img + 16, m->fpu_dp);
    put32(img + 20, m->fpu_ds);
  }
}

void x87_fxrstor_ptrs(struct Machine *m, const uint8_t *img, int rexw) {
  m->fpu_op = (uint16_t)(get16(img + 6) & 0x7ff);
  if (rexw) { /* no selectors in this layout: they read as zero after */
    memcpy(&m->fpu_ip, img + 8, 8);
    memcpy(&m->fpu_dp, img + 16, 8);
    m->fpu_cs = m->fpu_ds = 0;
  } else {
    m->fpu_ip = get32(img + 8);
    m->fpu_cs = (uint16_t)get16(img + 12);
    m->fpu_dp = get32(img + 16);
    m->fpu_ds = (uint16_t)get16(img + 20);
  }
}

/* The si_code Linux gives the SIGFPE of an x87 #MF, from the unmasked
 * exceptions pending (0: none, a spurious trap). */
int x87_fpe_code(const struct Machine *m) {
  unsigned err = m->fpu_sw & ~m->fpu_cw & X87_EXC;
  if (err & X87_IE) return 7;                 /* FPE_FLTINV */
  if (err & X87_ZE) return 3;                 /* FPE_FLTDIV */
  if (err & X87_OE) return 4;                 /* FPE_FLTOVF */
  if (err & (X87_DE | X87_UE)) return 5;      /* FPE_FLTUND */
  if (err & X87_PE) return 6;                 /* FPE_FLTRES */
  return 0;
}
