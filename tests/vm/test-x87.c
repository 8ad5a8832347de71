/* test-x87.c: differential test of the x87 handlers against the host CPU.
 *
 * Every x87 encoding (all 8 escapes x 64 register forms, and the 8 memory
 * forms of each escape addressed as [rdx], with and without a 66 prefix)
 * is run many times from random machine states built from edge values:
 * once natively, as generated code
 *     push rcx; popf; frstor [rdi]; <insn>; fnsave [rsi]; mov [r8], rax;
 *     pushf; pop rax; ret
 * and once through the VM's decoder and handlers (decode_insn). The
 * two end states are compared: the eight 80-bit registers, TOP, the full
 * tag word, the status word, the control word, the memory operand, AX
 * (fnstsw ax), the arithmetic flags (fcomi, fcmov), and whether the
 * instruction raised #UD (SIGILL natively) or #MF (SIGFPE natively, from
 * a pending unmasked exception; then x87_fpe_code must give the si_code
 * Linux gave), FIP/FOP/FDP (see the vendor rules in test_one), and that
 * each MMX register is still the significand of its x87 register. A few
 * MMX instructions run the same way (the register file is shared). Then
 * random sequences of 2-8 of those instructions, one in eight MMX, from
 * one start state (the state must chain, and so must the host fast
 * path's bookkeeping), and x87_fxsave/x87_fxrstor against the CPU's
 * fxsave/fxrstor. Start states mix edge values (zeros, denormals,
 * pseudo-denormals, unnormals, infinities, NaNs, pseudo-NaNs, extremes,
 * integer and rounding boundaries), all rounding and precision modes and
 * random exception masks. Prints
 *     test-x87: N checks, M failures
 * and exits non-zero on any failure. X87_SEED, X87_TRIALS and X87_VERBOSE
 * in the environment override the seed, trials per encoding and detail;
 * X87_STRICT=1 also compares the condition codes Intel calls undefined;
 * X87_PORTABLE=1 applies the rules for a non-AMD host (no undocumented
 * aliases, last-instruction pointers only with an exception pending);
 * X87_ONLY=d9f8 (escape and ModRM byte, in hex) runs one encoding. */
#include <inttypes.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "decode.h"
#include "flags.h"
#include "insn.h"
#include "machine.h"
#include "memory.h"
#include "ops.h"
#include "vm.h"
#include "x87.h"

static long checks, failures, n_ud, n_mf;
struct Enc { uint8_t b[4]; uint8_t len; };
static struct Enc seq_insns[1024];
static unsigned nseq_insns;
static int verbose;
static unsigned mmx_stale; /* physical registers whose MMX view is stale */
static int host_amd; /* the vendor decides what FIP/FDP/FCS/FDS show */

/* ---- random edge values ---- */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void) {
  uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

typedef struct { uint64_t mant; uint16_t se; } F80;

static F80 f80(uint16_t se, uint64_t mant) {
  F80 v = {mant, se};
  return v;
}

static F80 from_ld(long double x) {
  F80 v;
  memcpy(&v.mant, &x, 8);
  memcpy(&v.se, (char *)&x + 8, 2);
  return v;
}

/* An 80-bit value: edges (zeros, denormals, pseudo-denormals, unnormals,
 * infinities, NaNs, pseudo-NaNs, extremes), integers near conversion
 * limits, halves for rounding ties, and random normals. */
static F80 rand_f80(void) {
  uint16_t s = (rnd() & 1) ? 0x8000 : 0;
  switch (rnd() % 34) {
    case 0: return f80(s, 0);
    case 1: return f80(s | 0x3fff, 1ull << 63);                 /* 1 */
    case 2: return f80(s, rnd() >> (rnd() % 64) >> 1);          /* denormal */
    case 3: return f80(s, (1ull << 63) | (rnd() >> 1));         /* pseudo-denormal */
    case 4: return f80(s | 0x7fff, 1ull << 63);                 /* inf */
    case 5: return f80(s | 0x7fff, (3ull << 62) | (rnd() >> 2)); /* QNaN */
    case 6: return f80(s | 0x7fff, (1ull << 63) | (rnd() >> 3) | 1); /* SNaN */
    case 7: return f80(0xffff, 3ull << 62);                     /* indefinite */
    case 8: return f80(s | 0x7ffe, ~0ull);                      /* max */
    case 9: return f80(s | 1, 1ull << 63);                      /* min normal */
    case 10: return f80(s | (uint16_t)(1 + rnd() % 0x7ffe), rnd() >> 1); /* unnormal */
    case 11: return f80(s | 0x7fff, rnd() >> 1);                /* pseudo-NaN/inf */
    case 12: return from_ld((long double)(int64_t)(rnd() % 70000) - 35000 +
                            (rnd() % 4) * 0.25L);
    case 13: return from_ld((s ? -1 : 1) * 0x1p63L - (rnd() % 3));
    case 14: return from_ld((s ? -1 : 1) * (0x1p31L + (rnd() % 5) - 2.5L));
    case 15: return from_ld((s ? -1 : 1) * (32767.0L + (rnd() % 4) * 0.5L));
    case 16: return from_ld((s ? -1 : 1) * (999999999999999999.0L + (rnd() % 5) - 2));
    case 17: return f80(s | (uint16_t)(0x3fff + rnd() % 130 - 65), (1ull << 63) | rnd());
    case 18: return f80(s | (uint16_t)(0x3fff + rnd() % 20 - 10), (1ull << 63) | (rnd() & ~0xfffull));
    case 19: return f80(s | (uint16_t)(rnd() % 40), (1ull << 63) | rnd()); /* tiny */
    case 20: return f80(s | (uint16_t)(0x7ffe - rnd() % 40), (1ull << 63) | rnd()); /* huge */
    case 21: return f80(s | (uint16_t)(0x3f80 + rnd() % 256), (1ull << 63) | rnd()); /* float-ish */
    case 22: return f80(s | (uint16_t)(0x3c01 + rnd() % 2046), (1ull << 63) | rnd()); /* double range */
    case 23: return f80(s | 0x3fff, (1ull << 63) | (rnd() % 4) << 61);
    case 24: return f80(s | (uint16_t)(0x3c00 - rnd() % 64), (1ull << 63) | rnd()); /* double denormal range */
    case 25: return f80(s | (uint16_t)(0x3f80 - rnd() % 30), (1ull << 63) | rnd()); /* float denormal range */
    case 26: return from_ld((s ? -1 : 1) * 3.14159265358979323846264L * (int)(rnd() % 9));
    case 27: return f80(s | (uint16_t)(0x3fff + 63 + rnd() % 4), (1ull << 63) | rnd()); /* 2^63.. */
    default: return f80(s | (uint16_t)(0x3fff + rnd() % 64 - 32), (1ull << 63) | rnd());
  }
}

/* ---- machine states ---- */

struct State {
  uint16_t cw, sw, tw; /* tw: full tags; sw includes TOP */
  F80 st[8];           /* physical registers */
  /* the last-instruction pointers as the 32-bit FNSAVE image holds them */
  uint32_t fip, fdp;
  uint16_t fcs, fop, fds;
};

/* The FNSAVE image (32-bit layout) of a state. */
static void state_to_image(const struct State *s, uint8_t img[108]) {
  unsigned top = (s->sw >> 11) & 7;
  memset(img, 0, 108);
  memcpy(img + 0, &s->cw, 2);
  memcpy(img + 4, &s->sw, 2);
  memcpy(img + 8, &s->tw, 2);
  uint32_t csop = s->fcs | (uint32_t)(s->fop & 0x7ff) << 16;
  memcpy(img + 12, &s->fip, 4);
  memcpy(img + 16, &csop, 4);
  memcpy(img + 20, &s->fdp, 4);
  memcpy(img + 24, &s->fds, 2);
  for (unsigned k = 0; k < 8; ++k) {
    const F80 *v = &s->st[(top + k) & 7];
    memcpy(img + 28 + 10 * k, &v->mant, 8);
    memcpy(img + 36 + 10 * k, &v->se, 2);
  }
}

static void image_to_state(const uint8_t img[108], struct State *s) {
  memcpy(&s->cw, img + 0, 2);
  memcpy(&s->sw, img + 4, 2);
  memcpy(&s->tw, img + 8, 2);
  memcpy(&s->fip, img + 12, 4);
  memcpy(&s->fcs, img + 16, 2);
  memcpy(&s->fop, img + 18, 2);
  s->fop &= 0x7ff;
  memcpy(&s->fdp, img + 20, 4);
  memcpy(&s->fds, img + 24, 2);
  unsigned top = (s->sw >> 11) & 7;
  for (unsigned k = 0; k < 8; ++k) {
    F80 *v = &s->st[(top + k) & 7];
    memcpy(&v->mant, img + 28 + 10 * k, 8);
    memcpy(&v->se, img + 36 + 10 * k, 2);
  }
}

static unsigned tag_of(const F80 *v) {
  long double x = 0;
  memcpy(&x, &v->mant, 8);
  memcpy((char *)&x + 8, &v->se, 2);
  return x87_classify(&x);
}

static void rand_state(struct State *s, int masked_only) {
  static const uint16_t pcs[3] = {0x000, 0x200, 0x300};
  unsigned top = rnd() & 7, nfull;
  s->cw = 0x1040 | pcs[rnd() % 3] | (uint16_t)((rnd() & 3) << 10);
  if (masked_only || (rnd() % 4)) s->cw |= 0x3f;
  else s->cw |= (uint16_t)(rnd() & 0x3f);
  if (!(rnd() % 3)) s->cw = 0x37f; /* the usual one */
  /* Sticky flags only where masked, so that nothing is pending. */
  s->sw = (uint16_t)(rnd() & (X87_CC | (s->cw & 0x3f)));
  s->sw |= (uint16_t)(top << 11);
  /* now and then an unmasked exception pending: waiting instructions must
   * raise #MF (SIGFPE natively), the no-wait ones run */
  if (!masked_only && (s->cw & 0x3f) != 0x3f && !(rnd() % 16)) {
    s->sw |= (uint16_t)(~s->cw & 0x3f & (1u << (rnd() % 6)));
    if (s->sw & ~s->cw & 0x3f) s->sw |= X87_ES | X87_B;
  }
  s->tw = 0;
  /* the pointers of some earlier instruction, which control instructions
   * keep and the others replace */
  s->fip = (uint32_t)rnd();
  s->fdp = (uint32_t)rnd();
  s->fop = (uint16_t)(rnd() & 0x7ff);
  s->fcs = rnd() & 1 ? 0x33 : 0;
  s->fds = 0;
  /* mostly a few registers from TOP up, sometimes random holes */
  nfull = rnd() % 9;
  for (unsigned k = 0; k < 8; ++k) {
    unsigned p = (top + k) & 7;
    int full = (rnd() % 8) ? k < nfull : (int)(rnd() & 1);
    s->st[p] = rand_f80();
    s->tw |= (uint16_t)((full ? tag_of(&s->st[p]) : 3u) << (2 * p));
  }
}

/* ---- native execution ---- */

typedef uint64_t (*NativeFn)(void *in, void *out, void *mem, uint64_t flags,
                             uint64_t *rax);
static uint8_t *jit;
#define NATIVE_PRE 6 /* bytes of code before the instruction under test */
static sigjmp_buf native_jmp;
static volatile int native_sig;
static volatile int native_code; /* si_code of the native signal */

static volatile int in_native;

static void on_signal(int sig, siginfo_t *si, void *uc) {
  (void)uc;
  if (!in_native) { /* a crash of the emulator itself */
    signal(sig, SIG_DFL);
    fprintf(stderr, "test-x87: signal %d outside the native code\n", sig);
    raise(sig);
    return;
  }
  in_native = 0;
  native_sig = sig;
  native_code = si->si_code;
  siglongjmp(native_jmp, 1);
}

/* Runs insn natively; returns the signal it raised or 0. */
static int run_native(const uint8_t *insn, unsigned len, const struct State *in,
                      struct State *out, uint8_t *mem, uint64_t *flags,
                      uint64_t *rax) {
  static const uint8_t pre[NATIVE_PRE] = {0x31, 0xc0, 0x51, 0x9d, 0xdd, 0x27};
  static const uint8_t post[] = {0xdd, 0x36, 0x49, 0x89, 0x00, 0x9c, 0x58, 0xc3};
  uint8_t inimg[108], outimg[108];
  unsigned n = 0;
  memcpy(jit + n, pre, sizeof(pre)), n += sizeof(pre);
  memcpy(jit + n, insn, len), n += len;
  memcpy(jit + n, post, sizeof(post)), n += sizeof(post);
  __builtin___clear_cache((char *)jit, (char *)jit + n);
  state_to_image(in, inimg);
  native_sig = 0;
  if (sigsetjmp(native_jmp, 1)) {
    __asm__ volatile("fninit");
    return native_sig;
  }
  in_native = 1;
  *flags = ((NativeFn)jit)(inimg, outimg, mem, *flags, rax);
  in_native = 0;
  image_to_state(outimg, out);
  return 0;
}

/* ---- emulated execution ---- */

#define GUEST_MEM 0x100000ull

static void on_exc(struct Machine *m, int vector, uint64_t err, uint64_t addr) {
  (void)m, (void)err, (void)addr;
  (void)vector;
}

/* Returns the exception vector raised, or -1. */
static int run_emu(struct Machine *m, const uint8_t *insn, unsigned len,
                   const struct State *in, struct State *out, uint8_t *mem,
                   size_t memlen, uint64_t *flags, uint64_t *rax) {
  m->fpu_cw = in->cw;
  m->fpu_sw = in->sw;
  m->fpu_top = (in->sw >> 11) & 7;
  m->fpu_tw = in->tw;
  for (unsigned k = 0; k < 8; ++k) {
    memset(&m->fpu_st[k], 0, sizeof(m->fpu_st[k]));
    memcpy(&m->fpu_st[k], &in->st[k].mant, 8);
    memcpy((char *)&m->fpu_st[k] + 8, &in->st[k].se, 2);
  }
  m->fpu_ip = in->fip, m->fpu_dp = in->fdp, m->fpu_op = in->fop;
  m->fpu_cs = in->fcs, m->fpu_ds = in->fds;
  for (unsigned k = 0; k < 8; ++k) m->mmx[k] = in->st[k].mant;
  m->r[RAX] = 0;
  m->r[RDX] = GUEST_MEM;
  flags_set(m, *flags);
  mem_write_bytes(m, GUEST_MEM, mem, memlen);
  /* insn may hold several instructions: run them in turn */
  volatile unsigned off = 0;
  int vec = -1;
  if (setjmp(m->onfault)) {
    vec = m->fault_vector;
  } else {
    while (off < len) {
      struct Insn i;
      /* the real decoder and opcode tables, as blink runs them */
      if (decode_insn(&i, insn + off, len - off, MODE_LONG) != DECODE_OK) {
        vec = EXC_UD;
        break;
      }
      /* where the native run has it, so that FIP compares as is */
      m->ip = (uint64_t)(uintptr_t)jit + NATIVE_PRE + off;
      m->rip = m->ip + i.len;
      off += i.len;
      i.fn(m, &i);
    }
  }
  out->cw = m->fpu_cw;
  out->sw = x87_sw(m);
  out->tw = m->fpu_tw;
  for (unsigned k = 0; k < 8; ++k) {
    memcpy(&out->st[k].mant, &m->fpu_st[k], 8);
    memcpy(&out->st[k].se, (char *)&m->fpu_st[k] + 8, 2);
  }
  /* MMX register k must stay the significand of physical register k */
  mmx_stale = 0;
  for (unsigned k = 0; k < 8; ++k)
    if (m->mmx[k] != out->st[k].mant) mmx_stale |= 1u << k;
  out->fip = (uint32_t)m->fpu_ip, out->fdp = (uint32_t)m->fpu_dp;
  out->fop = m->fpu_op, out->fcs = m->fpu_cs, out->fds = m->fpu_ds;
  mem_read_bytes(m, GUEST_MEM, mem, memlen);
  *flags = flags_get(m);
  *rax = m->r[RAX];
  return vec;
}

/* ---- comparing ---- */

static void show_state(const char *what, const struct State *s) {
  fprintf(stderr, "  %s: cw=%04x sw=%04x tw=%04x\n", what, s->cw, s->sw, s->tw);
  for (unsigned k = 0; k < 8; ++k)
    fprintf(stderr, "    phys%u: %04x %016" PRIx64 "%s\n", k, s->st[k].se,
            s->st[k].mant, ((s->tw >> (2 * k)) & 3) == 3 ? " (empty)" : "");
}

static void hexdump(const char *what, const uint8_t *p, size_t n) {
  fprintf(stderr, "  %s:", what);
  for (size_t k = 0; k < n; ++k) fprintf(stderr, " %02x", p[k]);
  fprintf(stderr, "\n");
}

static int fail_shown;

static void fail(const uint8_t *insn, unsigned len, const char *what,
                 const struct State *in, const struct State *nat,
                 const struct State *emu, const uint8_t *mem0,
                 const uint8_t *nmem, const uint8_t *emem, size_t memlen) {
  ++failures;
  if (fail_shown++ >= (verbose ? 1000 : 40)) return;
  fprintf(stderr, "FAIL");
  for (unsigned k = 0; k < len; ++k) fprintf(stderr, " %02x", insn[k]);
  fprintf(stderr, ": %s\n", what);
  if (verbose || fail_shown <= 10) {
    show_state("in", in);
    show_state("native", nat);
    show_state("emulated", emu);
    hexdump("mem in", mem0, memlen);
    hexdump("mem native", nmem, memlen);
    hexdump("mem emulated", emem, memlen);
  }
}

/* Bytes of the memory operand that are compared for an fnstenv/fnsave:
 * the instruction and data pointers are not modeled. */
static int ptr_byte(const uint8_t *insn, unsigned k) {
  int o16 = insn[0] == 0x66;
  const uint8_t *p = insn + o16;
  unsigned r = (p[1] >> 3) & 7;
  int env = (p[0] == 0xd9 && r == 6) || (p[0] == 0xdd && r == 6);
  if (!env || (p[1] >> 6) == 3) return 0;
  return o16 ? k >= 6 && k < 14 : k >= 12 && k < 28;
}

#define MEMLEN 112

/* The undocumented register aliases (fstp1, fcom2, fcomp3, fxch4, fcomp5,
 * fxch7, fstp8, fstp9, ffreep): blink does what the AMD host does. */
static int undocumented(unsigned esc, unsigned modrm) {
  switch (esc) {
    case 0xd9: return modrm >= 0xd8 && modrm <= 0xdf;
    case 0xdc: return modrm >= 0xd0 && modrm <= 0xdf;
    case 0xdd: return modrm >= 0xc8 && modrm <= 0xcf;
    case 0xde: return modrm >= 0xd0 && modrm <= 0xd7;
    case 0xdf: return modrm >= 0xc0 && modrm <= 0xdf;
    default: return 0;
  }
}

/* ---- condition codes the Intel manual leaves undefined ----
 * For each instruction, which of C0-C3 it defines (def) and which it
 * leaves undefined (undef); the rest it does not affect. Unless
 * X87_STRICT is set (a check that blink matches this very host, which
 * it does on the AMD it was written on: it keeps the codes the CPU
 * keeps), the undefined ones are not compared, since another vendor may
 * write anything there. */
#define CC_ALL (X87_C0 | X87_C1 | X87_C2 | X87_C3)
static int strict_cc;

static void cc_rule(const uint8_t *p, unsigned *def, unsigned *undef) {
  unsigned esc = p[0], modrm = p[1], r = (modrm >> 3) & 7;
  unsigned c1 = X87_C1, rest = X87_C0 | X87_C2 | X87_C3;
  *def = c1, *undef = rest; /* the common case: C1 only */
  if (modrm < 0xc0) {
    switch (esc) {
      case 0xd8: case 0xda: case 0xdc: case 0xde:
        if (r == 2 || r == 3) *def = CC_ALL, *undef = 0; /* fcom, ficom */
        return;
      case 0xd9:
        if (r == 4) *def = CC_ALL, *undef = 0;           /* fldenv */
        else if (r >= 5) *def = 0, *undef = CC_ALL;      /* fldcw ... */
        return;
      case 0xdd:
        if (r == 4 || r == 6) *def = CC_ALL, *undef = 0; /* frstor, fnsave */
        else if (r == 7) *def = 0, *undef = CC_ALL;      /* fnstsw */
        return;
      default: return;
    }
  }
  switch (esc) {
    case 0xd8: case 0xdc:
      if (r == 2 || r == 3) *def = CC_ALL, *undef = 0;
      return;
    case 0xde:
      if (r == 2 || r == 3) *def = CC_ALL, *undef = 0;
      return;
    case 0xd9:
      switch (modrm) {
        case 0xd0: *def = 0, *undef = CC_ALL; return;       /* fnop */
        case 0xe4: case 0xe5: case 0xf5: case 0xf8:         /* ftst, fxam, fprem */
          *def = CC_ALL, *undef = 0; return;
        case 0xf2: case 0xfb: case 0xfe: case 0xff:         /* fptan ... fcos */
          *def = X87_C1 | X87_C2, *undef = X87_C0 | X87_C3; return;
        default: return;
      }
    case 0xda:
      if (modrm == 0xe9) *def = CC_ALL, *undef = 0;         /* fucompp */
      else if (r < 4) *def = 0, *undef = CC_ALL;            /* fcmov */
      return;
    case 0xdb:
      if (r < 4) *def = 0, *undef = CC_ALL;                 /* fcmov */
      else if (modrm == 0xe3) *def = CC_ALL, *undef = 0;    /* fninit */
      else if (r == 4) *def = 0, *undef = CC_ALL;           /* fnclex, ... */
      else *def = c1, *undef = 0;                           /* fcomi: C1 = 0 */
      return;
    case 0xdd:
      if (r == 0) *def = 0, *undef = CC_ALL;                /* ffree */
      else if (r == 4 || r == 5) *def = CC_ALL, *undef = 0; /* fucom */
      return;
    default: /* df */
      if (r == 0 || r == 4) *def = 0, *undef = CC_ALL;      /* ffreep, fnstsw */
      else if (r == 5 || r == 6) *def = c1, *undef = 0;     /* fcomip */
      return;
  }
}

/* The codes undefined after the instructions in insn (*any: undefined
 * at some point, for values stored on the way). */
static unsigned cc_undefined(const uint8_t *insn, unsigned len, unsigned *any) {
  unsigned undef = 0, def, u, off = 0;
  *any = 0;
  while (off < len) {
    struct Insn i;
    if (decode_insn(&i, insn + off, len - off, MODE_LONG) != DECODE_OK) break;
    if (i.map == MAP_1BYTE && i.op >= 0xd8 && i.op <= 0xdf) {
      uint8_t p[2] = {i.op, i.modrm};
      cc_rule(p, &def, &u);
      undef = (undef & ~def) | u;
      *any |= undef;
    } /* MMX instructions leave the condition codes alone */
    off += i.len;
  }
  return strict_cc ? 0 : undef;
}

static void fill_mem(uint8_t *mem, const uint8_t *insn) {
  int o16 = insn[0] == 0x66;
  const uint8_t *p = insn + o16;
  unsigned r = (p[1] >> 3) & 7;
  for (unsigned k = 0; k < MEMLEN; ++k) mem[k] = (uint8_t)rnd();
  if ((p[0] == 0xd9 && r == 4) || (p[0] == 0xdd && r == 4)) {
    /* fldenv/frstor: a plausible image most of the time */
    if (rnd() % 4) {
      struct State s;
      uint8_t img[108];
      rand_state(&s, 1);
      state_to_image(&s, img);
      if (o16) {
        memcpy(mem, img, 2), memcpy(mem + 2, img + 4, 2),
            memcpy(mem + 4, img + 8, 2);
        memcpy(mem + 14, img + 28, 80);
      } else {
        memcpy(mem, img, 108);
      }
    }
    return;
  }
  if (p[0] == 0xd9 && r == 5) { /* fldcw: mostly sane words */
    uint16_t cw = (uint16_t)(rnd() % 3 ? (0x3f | (rnd() & 0xf00)) : rnd());
    memcpy(mem, &cw, 2);
    return;
  }
  switch (rnd() % 6) {
    case 0: { /* a float */
      static const uint32_t e[] = {0, 0x80000000, 1, 0x807fffff, 0x7f800000,
                                   0xff800000, 0x7fc00000, 0x7f800001,
                                   0x3f800000, 0x7f7fffff, 0x00800000};
      uint32_t v = rnd() % 2 ? e[rnd() % 11] : (uint32_t)rnd();
      memcpy(mem, &v, 4);
      break;
    }
    case 1: { /* a double */
      static const uint64_t e[] = {0, 1ull << 63, 1, 0x000fffffffffffffull,
                                   0x7ff0000000000000ull, 0x7ff8000000000000ull,
                                   0x7ff0000000000001ull, 0x3ff0000000000000ull,
                                   0x7fefffffffffffffull};
      uint64_t v = rnd() % 2 ? e[rnd() % 9] : rnd();
      memcpy(mem, &v, 8);
      break;
    }
    case 2: { /* a small or extreme integer */
      static const int64_t e[] = {0, 1, -1, 32767, -32768, 2147483647,
                                  -2147483647 - 1, INT64_MAX, INT64_MIN};
      int64_t v = rnd() % 2 ? e[rnd() % 9] : (int64_t)(rnd() % 200001) - 100000;
      memcpy(mem, &v, 8);
      break;
    }
    case 3: { /* BCD, usually valid */
      for (unsigned k = 0; k < 9; ++k)
        mem[k] = (uint8_t)((rnd() % 10) << 4 | rnd() % 10);
      mem[9] = (rnd() & 1) ? 0x80 : 0;
      if (!(rnd() % 5)) mem[rnd() % 10] = (uint8_t)rnd();
      break;
    }
    case 4: { /* an 80-bit value */
      F80 v = rand_f80();
      memcpy(mem, &v.mant, 8);
      memcpy(mem + 8, &v.se, 2);
      break;
    }
    default: break; /* random bytes */
  }
}

static void test_one(struct Machine *m, const uint8_t *insn, unsigned len,
                     const struct State *in, uint64_t flags_in) {
  struct State nat, emu;
  uint8_t mem0[MEMLEN], nmem[MEMLEN], emem[MEMLEN];
  uint64_t nflags = flags_in, eflags = flags_in, nrax = 0, erax = 0;
  char what[200];
  fill_mem(mem0, insn);
  memcpy(nmem, mem0, MEMLEN);
  memcpy(emem, mem0, MEMLEN);
  int nsig = run_native(insn, len, in, &nat, nmem, &nflags, &nrax);
  int evec = run_emu(m, insn, len, in, &emu, emem, MEMLEN, &eflags, &erax);
  ++checks;
  if (nsig || evec >= 0) {
    int nud = nsig == SIGILL, eud = evec == EXC_UD;
    int nmf = nsig == SIGFPE, emf = evec == EXC_MF;
    n_ud += nud, n_mf += nmf;
    if (nud != eud || nmf != emf || (nsig && !nud && !nmf) ||
        (evec >= 0 && !eud && !emf)) {
      snprintf(what, sizeof(what), "native signal %d, emulated vector %d",
               nsig, evec);
      fail(insn, len, what, in, &nat, &emu, mem0, nmem, emem, MEMLEN);
    } else if (nmf && x87_fpe_code(m) != native_code) {
      /* the si_code Linux gives the #MF is what x87_fpe_code tells the
       * signal layer */
      snprintf(what, sizeof(what), "SIGFPE si_code %d, native %d",
               x87_fpe_code(m), native_code);
      fail(insn, len, what, in, &nat, &emu, mem0, nmem, emem, MEMLEN);
    }
    return;
  }
  what[0] = 0;
  unsigned anyundef, undef = cc_undefined(insn, len, &anyundef);
  if (strict_cc) anyundef = 0;
  nat.sw &= (uint16_t)~undef, emu.sw &= (uint16_t)~undef;
  if (anyundef) { /* fnstsw ax or m16 on the way may have stored them */
    nrax &= ~(uint64_t)anyundef, erax &= ~(uint64_t)anyundef;
    for (unsigned k = 0; k + 1 < len; ++k)
      if (insn[k] == 0xdd && insn[k + 1] < 0xc0 &&
          ((insn[k + 1] >> 3) & 7) == 7)
        nmem[1] &= (uint8_t)~(anyundef >> 8), emem[1] &= (uint8_t)~(anyundef >> 8);
  }
  if (mmx_stale)
    snprintf(what + strlen(what), 40, "mmx view stale %02x; ", mmx_stale);
  if (nat.cw != emu.cw)
    snprintf(what + strlen(what), 40, "cw %04x != %04x; ", emu.cw, nat.cw);
  if (nat.sw != emu.sw)
    snprintf(what + strlen(what), 40, "sw %04x != %04x; ", emu.sw, nat.sw);
  if (nat.tw != emu.tw)
    snprintf(what + strlen(what), 40, "tw %04x != %04x; ", emu.tw, nat.tw);
  for (unsigned k = 0; k < 8; ++k) {
    if (nat.st[k].se != emu.st[k].se || nat.st[k].mant != emu.st[k].mant) {
      /* an empty register's stale contents are not architectural */
      if (((nat.tw >> (2 * k)) & 3) == 3 && ((emu.tw >> (2 * k)) & 3) == 3)
        continue;
      snprintf(what + strlen(what), 40, "phys%u differs; ", k);
    }
  }
  for (unsigned k = 0; k < MEMLEN; ++k) {
    if (nmem[k] != emem[k] && !ptr_byte(insn, k)) {
      snprintf(what + strlen(what), 40, "memory byte %u differs; ", k);
      break;
    }
  }
  /* FIP, FOP and FDP name the last non-control instruction. The guest's
   * memory operand is at GUEST_MEM where the native one is at nmem. AMD
   * (the reference host) always reports them; Intel may keep FDP only for
   * an instruction that raised an unmasked exception and store FCS/FDS
   * as zero (CPUID 7.0:EBX bits 6 and 13), so elsewhere only the
   * pointers of an instruction that left an exception pending compare. */
  {
    uint32_t edp = emu.fdp;
    if (edp - (uint32_t)GUEST_MEM < MEMLEN)
      edp = edp - (uint32_t)GUEST_MEM + (uint32_t)(uintptr_t)nmem;
    /* On AMD the kernel's XSAVE/XRSTOR drop the pointers (while no
     * exception is pending, as AMD's FXSAVE does): a context switch in
     * the middle of the native run leaves them zero, which no instruction
     * here would produce; one before a register form leaves FDP zero. */
    int lost = !nat.fip && !nat.fdp && !nat.fop;
    int dplost = !nat.fdp;
    if (lost) {
      /* nothing to compare */
    } else if (host_amd || (nat.sw & X87_ES)) {
      if (nat.fip != emu.fip || nat.fop != emu.fop)
        snprintf(what + strlen(what), 60, "fip:fop %08x:%03x != %08x:%03x; ",
                 emu.fip, emu.fop, nat.fip, nat.fop);
      if (nat.fdp != edp && !dplost && (host_amd || nat.fdp - (uint32_t)(uintptr_t)nmem < MEMLEN))
        snprintf(what + strlen(what), 40, "fdp %08x != %08x; ", edp, nat.fdp);
    }
    /* The kernel's 64-bit XSAVE format has no FCS/FDS: after a context
     * switch they read as zero. */
    if (host_amd && (nat.fcs || nat.fds) && (nat.fcs != emu.fcs || nat.fds != emu.fds))
      snprintf(what + strlen(what), 50, "fcs:fds %04x:%04x != %04x:%04x; ",
               emu.fcs, emu.fds, nat.fcs, nat.fds);
  }
  if (nrax != erax)
    snprintf(what + strlen(what), 50, "rax %" PRIx64 " != %" PRIx64 "; ",
             erax, nrax);
  if ((nflags & FLAGS_ARITH) != (eflags & FLAGS_ARITH))
    snprintf(what + strlen(what), 50, "flags %03x != %03x; ",
             (unsigned)(eflags & FLAGS_ARITH), (unsigned)(nflags & FLAGS_ARITH));
  if (what[0]) fail(insn, len, what, in, &nat, &emu, mem0, nmem, emem, MEMLEN);
}

/* ---- FXSAVE images ---- */

static void load_machine(struct Machine *m, const struct State *in) {
  m->fpu_cw = in->cw;
  m->fpu_sw = in->sw;
  m->fpu_top = (in->sw >> 11) & 7;
  m->fpu_tw = in->tw;
  for (unsigned k = 0; k < 8; ++k) {
    memset(&m->fpu_st[k], 0, sizeof(m->fpu_st[k]));
    memcpy(&m->fpu_st[k], &in->st[k].mant, 8);
    memcpy((char *)&m->fpu_st[k] + 8, &in->st[k].se, 2);
  }
  m->fpu_ip = in->fip, m->fpu_dp = in->fdp, m->fpu_op = in->fop;
  m->fpu_cs = in->fcs, m->fpu_ds = in->fds;
}

static void save_machine(struct Machine *m, struct State *out) {
  out->fip = (uint32_t)m->fpu_ip, out->fdp = (uint32_t)m->fpu_dp;
  out->fop = m->fpu_op, out->fcs = m->fpu_cs, out->fds = m->fpu_ds;
  out->cw = m->fpu_cw;
  out->sw = x87_sw(m);
  out->tw = m->fpu_tw;
  for (unsigned k = 0; k < 8; ++k) {
    memcpy(&out->st[k].mant, &m->fpu_st[k], 8);
    memcpy(&out->st[k].se, (char *)&m->fpu_st[k] + 8, 2);
  }
}

/* x87_fxsave against the CPU's fxsave of the same state, and x87_fxrstor
 * against fxrstor of the same (partly random) image. */
static void test_fxsave(struct Machine *m, long n) {
  static uint8_t nat[512] __attribute__((aligned(16)));
  static uint8_t emu[512] __attribute__((aligned(16)));
  uint8_t img[108];
  for (long t = 0; t < n; ++t) {
    struct State in, a, b;
    rand_state(&in, rnd() % 4 != 0); /* now and then ES pending */
    state_to_image(&in, img);
    memset(nat, 0, sizeof(nat));
    memset(emu, 0, sizeof(emu));
    __asm__ volatile("frstor %1\n\tfxsave64 %0\n\tfninit"
                     : "=m"(nat) : "m"(img) : "memory");
    load_machine(m, &in);
    x87_fxsave(m, emu);
    ++checks;
    /* MXCSR is not ours to compare; FOP, FIP and FDP only with an
     * exception pending: every vendor stores them then (AMD only then) */
    int ptrs = (nat[2] & X87_ES) && memcmp(nat + 6, emu + 6, 18);
    if (memcmp(nat, emu, 6) || memcmp(nat + 32, emu + 32, 128) || ptrs) {
      ++failures;
      if (fail_shown++ < 20) {
        fprintf(stderr, "FAIL fxsave\n");
        show_state("in", &in);
        hexdump("native", nat, 160);
        hexdump("emulated", emu, 160);
      }
    }
    /* restore: scramble the image a little first */
    for (unsigned k = 0; k < 4; ++k)
      if (rnd() & 1) nat[rnd() % 6] ^= (uint8_t)(1u << (rnd() % 8));
    if (rnd() & 1) nat[32 + rnd() % 128] = (uint8_t)rnd();
    for (unsigned k = 6; k < 24; ++k) nat[k] = (uint8_t)rnd();
    nat[24] = 0x80, nat[25] = 0x1f, nat[26] = nat[27] = 0; /* sane MXCSR */
    memset(nat + 28, 0, 4);
    uint8_t out[108];
    __asm__ volatile("fxrstor64 %1\n\tfnsave %0" : "=m"(out) : "m"(nat) : "memory");
    image_to_state(out, &a);
    x87_fxrstor(m, nat);
    save_machine(m, &b);
    ++checks;
    int bad = a.cw != b.cw || a.sw != b.sw || a.tw != b.tw;
    for (unsigned k = 0; k < 8; ++k)
      if (((a.tw >> (2 * k)) & 3) != 3 &&
          (a.st[k].se != b.st[k].se || a.st[k].mant != b.st[k].mant))
        bad = 1;
    /* the pointers it loaded (zero: a context switch lost them, AMD) */
    if ((a.fip || a.fdp || a.fop) &&
        (a.fip != b.fip || a.fdp != b.fdp || a.fop != b.fop ||
         a.fcs != b.fcs || a.fds != b.fds))
      bad = 1;
    if (bad) {
      ++failures;
      if (fail_shown++ < 20) {
        fprintf(stderr, "FAIL fxrstor\n");
        hexdump("image", nat, 160);
        show_state("native", &a);
        show_state("emulated", &b);
      }
    }
  }
}


int main(int argc, char **argv) {
  (void)argc, (void)argv;
  const char *e;
  long trials = 300;
  uint64_t seed = 0x9e3779b97f4a7c15ull;
  if ((e = getenv("X87_SEED"))) seed = strtoull(e, 0, 0);
  if ((e = getenv("X87_TRIALS"))) trials = strtol(e, 0, 0);
  verbose = getenv("X87_VERBOSE") != NULL;
  strict_cc = getenv("X87_STRICT") != NULL;
  const char *only = getenv("X87_ONLY"); /* e.g. "d9f8" */

  jit = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
             MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (jit == MAP_FAILED) {
    perror("mmap");
    return 2;
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_sigaction = on_signal;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGILL, &sa, 0);
  sigaction(SIGFPE, &sa, 0);
  sigaction(SIGSEGV, &sa, 0);
  sigaction(SIGBUS, &sa, 0);

  {
    unsigned a, b, c, d;
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0), "c"(0));
    host_amd = b == 0x68747541; /* "Auth"enticAMD */
    /* X87_PORTABLE=1: compare only what holds on every vendor, as on a
     * non-AMD host (to try those rules here) */
    if (getenv("X87_PORTABLE")) host_amd = 0;
  }
  struct Machine *m = vm_new();
  m->on_exception = on_exc;
  m->sreg[SEG_CS] = 0x33; /* as the loader sets it, and Linux */
  if (mem_map(m, GUEST_MEM, PAGE_SIZE, MPROT_READ | MPROT_WRITE, -1, 0)) {
    fprintf(stderr, "mem_map failed\n");
    return 2;
  }

  for (unsigned esc = 0xd8; esc <= 0xdf; ++esc) {
    for (unsigned form = 0; form < 64 + 16; ++form) {
      uint8_t insn[4];
      unsigned len;
      if (form < 64) {
        insn[0] = (uint8_t)esc, insn[1] = (uint8_t)(0xc0 + form), len = 2;
      } else if (form < 72) {
        insn[0] = (uint8_t)esc, insn[1] = (uint8_t)(((form - 64) << 3) | 2);
        len = 2;
      } else {
        insn[0] = 0x66, insn[1] = (uint8_t)esc;
        insn[2] = (uint8_t)(((form - 72) << 3) | 2), len = 3;
      }
      /* The register aliases only AMD documents are undefined to the
       * Intel manual: another vendor's CPU is no reference for them. */
      if (!host_amd && form < 64 && undocumented(esc, 0xc0 + form)) continue;
      if (only) {
        char name[8];
        snprintf(name, sizeof(name), "%02x%02x", esc, insn[len - 1]);
        if (strcmp(name, only)) continue;
      }
      long before = failures, ud_at_start = n_ud;
      /* each encoding its own stream, so X87_ONLY reproduces a failure */
      rng_state = seed ^ ((uint64_t)(esc << 8 | form) * 0x2545f4914f6cdd1dull);
      /* D9 E0-FF (fxam, fprem, the transcendentals, ...) have the most
       * operand classes to tell apart: four times the trials */
      long ntrials = esc == 0xd9 && form >= 0x20 && form < 64 ? 4 * trials
                                                               : trials;
      for (long t = 0; t < ntrials; ++t) {
        struct State in;
        rand_state(&in, 0);
        uint64_t flags = 0x202 | (rnd() & (FLAG_CF | FLAG_PF | FLAG_ZF |
                                           FLAG_SF | FLAG_OF | FLAG_AF));
        test_one(m, insn, len, &in, flags);
      }
      {
        /* usable in sequences: no #UD, and no fnstenv/fnsave (their
         * FDP fields hold addresses that differ between the runs) */
        unsigned r = (insn[len - 1] >> 3) & 7, mod = insn[len - 1] >> 6;
        int env = mod != 3 && (esc == 0xd9 || esc == 0xdd) && r == 6;
        if (n_ud == ud_at_start && !env && nseq_insns < 1024) {
          memcpy(seq_insns[nseq_insns].b, insn, len);
          seq_insns[nseq_insns++].len = (uint8_t)len;
        }
      }
      if (failures != before) {
        fprintf(stderr, "encoding");
        for (unsigned k = 0; k < len; ++k) fprintf(stderr, " %02x", insn[k]);
        fprintf(stderr, ": %ld of %ld failed\n", failures - before, ntrials);
      }
    }
  }

  /* MMX instructions on the shared register file: TOP = 0 and all tags
   * in use, writes with exponent all ones, emms, #MF from a pending x87
   * exception; they join the sequences, mixed with x87 code. So does
   * fwait. */
  static const struct Enc mmx[] = {
      {{0x0f, 0x6f, 0xc1}, 3},       /* movq mm0, mm1 */
      {{0x0f, 0x6f, 0xdd}, 3},       /* movq mm3, mm5 */
      {{0x0f, 0x7f, 0xfe}, 3},       /* movq mm6, mm7 */
      {{0x0f, 0x6e, 0xc0}, 3},       /* movd mm0, eax */
      {{0x0f, 0x7e, 0xd0}, 3},       /* movd eax, mm2 */
      {{0x48, 0x0f, 0x7e, 0xf8}, 4}, /* movq rax, mm7 */
      {{0x48, 0x0f, 0x6e, 0xe0}, 4}, /* movq mm4, rax */
      {{0x0f, 0x6f, 0x0a}, 3},       /* movq mm1, [rdx] */
      {{0x0f, 0x7f, 0x1a}, 3},       /* movq [rdx], mm3 */
      {{0x0f, 0xef, 0xc0}, 3},       /* pxor mm0, mm0 */
      {{0x0f, 0xfc, 0xca}, 3},       /* paddb mm1, mm2 */
      {{0x0f, 0xd5, 0xee}, 3},       /* pmullw mm5, mm6 */
      {{0x0f, 0xd7, 0xc1}, 3},       /* pmovmskb eax, mm1 */
      {{0x0f, 0x73, 0xd7, 0x05}, 4}, /* psrlq mm7, 5 */
      {{0x0f, 0x77}, 2},             /* emms */
      {{0x9b}, 1},                   /* fwait: #MF when one is pending */
  };
  for (unsigned k = 0; k < sizeof(mmx) / sizeof(mmx[0]) && !only; ++k) {
    long before = failures;
    rng_state = seed ^ ((uint64_t)(0x10000 + k) * 0x2545f4914f6cdd1dull);
    for (long t = 0; t < trials; ++t) {
      struct State in;
      rand_state(&in, 0);
      test_one(m, mmx[k].b, mmx[k].len, &in, 0x202);
    }
    if (failures != before) {
      fprintf(stderr, "encoding");
      for (unsigned j = 0; j < mmx[k].len; ++j)
        fprintf(stderr, " %02x", mmx[k].b[j]);
      fprintf(stderr, ": %ld of %ld failed\n", failures - before, trials);
    }
  }

  if (!only) test_fxsave(m, trials * 20);

  /* Sequences of 2-8 instructions from one start state: the handlers'
   * state must chain (and the host's fast-path bookkeeping hold across
   * instructions, fnclex and control word changes). */
  long nseq = trials * 100, seqfail = failures;
  rng_state = seed ^ 0x5e95e9ull;
  for (long t = 0; t < nseq && nseq_insns && !only; ++t) {
    uint8_t code[64];
    unsigned len = 0, n = 2 + rnd() % 7;
    for (unsigned k = 0; k < n; ++k) {
      /* one in eight an MMX instruction */
      const struct Enc *e = rnd() % 8 ? &seq_insns[rnd() % nseq_insns]
                                      : &mmx[rnd() % (sizeof(mmx) / sizeof(mmx[0]))];
      memcpy(code + len, e->b, e->len);
      len += e->len;
    }
    struct State in;
    rand_state(&in, rnd() % 4 != 0);
    uint64_t flags = 0x202 | (rnd() & (FLAG_CF | FLAG_PF | FLAG_ZF));
    test_one(m, code, len, &in, flags);
  }
  if (failures != seqfail)
    fprintf(stderr, "sequences: %ld of %ld failed\n", failures - seqfail, nseq);
  if (verbose)
    fprintf(stderr, "native #UD %ld times, #MF %ld times; %u encodings in sequences\n", n_ud, n_mf, nseq_insns);
  printf("test-x87: %ld checks, %ld failures\n", checks, failures);
  return failures != 0;
}
