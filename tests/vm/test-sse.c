/* test-sse.c: differential test of the SSE, SSE2, SSE3, SSSE3 and MMX
 * handlers against the host CPU.
 *
 * For every opcode/prefix form in the table below, random and edge-case
 * register, memory and MXCSR contents are run twice:
 *  - natively: the instruction's bytes, followed by a ret, are placed in an
 *    executable buffer and called from native_run(), which loads every
 *    XMM, MMX and general register, RFLAGS and MXCSR from a state block
 *    and stores them back afterwards;
 *  - in the VM: a hand-filled struct Insn (the encoder below knows every
 *    field) goes straight to the handler from the opcode table, on a
 *    machine whose registers hold the same values.
 * Memory operands are [rbx + disp8] into a page mapped at the same
 * address in the host and in the guest, so the same register values work
 * for both. Faults are compared too: SIGSEGV for #GP (misaligned m128,
 * bad MXCSR), SIGILL for #UD, SIGFPE for #XM (an unmasked SIMD
 * exception), with the native MXCSR and XMM state taken from the signal
 * context (and the si_code of the SIGFPE). The decoder is cross-checked
 * on every encoding, and a third of the cases run with redundant
 * prefixes (66 before F2/F3, REX.W, 67, DS) through the real decoder.
 * Memory operands sometimes end at the last byte before a guard page.
 *
 * Then: every cell of the SSE/MMX opcode space (0F rows, 0F38, 0F3A)
 * with each mandatory prefix and both ModRM forms, where the host decides
 * what exists (T=scan); MMX forms from random x87 states (TOP, tags, a
 * pending #MF) compared through fxsave/fnstenv (T=mmx-x87); fxsave
 * round trips and 16-byte accesses across pages.
 *
 * Prints "test-sse: N checks, M failures"; exits non-zero on failures.
 * Usage: test-sse [iterations per form, default 300]; environment: T=name
 * runs one form of the table only (or scan, mmx-x87), V=1 dumps the
 * values of a mismatch, SEED=n varies the random cases. */
#define _DEFAULT_SOURCE
#include <inttypes.h>
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <cpuid.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

#include "decode.h"
#include "fastpath.h"
#include "flags.h"
#include "insn.h"
#include "log.h"
#include "machine.h"
#include "memory.h"
#include "ops-sse.h"
#include "ops.h"
#include "optab.h"
#include "vm.h"
#include "x87.h"

static int checks, failures, verbose;
static int host_amd;  /* the host CPU's vendor is AMD */
static int host_clwb; /* the host has clflushopt and clwb */
static int fails_shown;

#define CHECK(cond, ...)                                     \
  do {                                                       \
    ++checks;                                                \
    if (!(cond)) {                                           \
      ++failures;                                            \
      if (fails_shown++ < 60) {                              \
        fprintf(stderr, "%s:%d: ", __FILE__, __LINE__);      \
        fprintf(stderr, __VA_ARGS__);                        \
        fputc('\n', stderr);                                 \
      }                                                      \
    }                                                        \
  } while (0)

/* ---- the native side ---------------------------------------------------- */

struct NState {
  uint64_t r[16];   /* 0 */
  uint64_t rflags;  /* 128 */
  uint32_t mxcsr;   /* 136 */
  uint32_t host_csr;/* 140 */
  uint64_t mmx[8];  /* 144 */
  uint64_t code;    /* 208 */
  uint64_t pad;     /* 216 */
  Xmm xmm[16];      /* 224 */
};
_Static_assert(offsetof(struct NState, rflags) == 128, "layout");
_Static_assert(offsetof(struct NState, mmx) == 144, "layout");
_Static_assert(offsetof(struct NState, code) == 208, "layout");
_Static_assert(offsetof(struct NState, xmm) == 224, "layout");

void native_run(struct NState *s);

#define XL(n) "movdqu " #n "*16+224(%r15), %xmm" #n "\n\t"
#define XS(n) "movdqu %xmm" #n ", " #n "*16+224(%r15)\n\t"
#define ML(n) "movq " #n "*8+144(%r15), %mm" #n "\n\t"
#define MS(n) "movq %mm" #n ", " #n "*8+144(%r15)\n\t"
__asm__(".text\n\t"
        ".globl native_run\n\t"
        ".type native_run,@function\n"
        "native_run:\n\t"
        "push %rbx\n\tpush %rbp\n\tpush %r12\n\tpush %r13\n\t"
        "push %r14\n\tpush %r15\n\t"
        "mov %rdi, %r15\n\t"
        "stmxcsr 140(%r15)\n\t"
        XL(0) XL(1) XL(2) XL(3) XL(4) XL(5) XL(6) XL(7)
        XL(8) XL(9) XL(10) XL(11) XL(12) XL(13) XL(14) XL(15)
        ML(0) ML(1) ML(2) ML(3) ML(4) ML(5) ML(6) ML(7)
        "ldmxcsr 136(%r15)\n\t"
        "pushq 128(%r15)\n\tpopfq\n\t"
        "mov 0(%r15), %rax\n\tmov 8(%r15), %rcx\n\tmov 16(%r15), %rdx\n\t"
        "mov 24(%r15), %rbx\n\tmov 40(%r15), %rbp\n\tmov 48(%r15), %rsi\n\t"
        "mov 56(%r15), %rdi\n\tmov 64(%r15), %r8\n\tmov 72(%r15), %r9\n\t"
        "mov 80(%r15), %r10\n\tmov 88(%r15), %r11\n\tmov 96(%r15), %r12\n\t"
        "mov 104(%r15), %r13\n\tmov 112(%r15), %r14\n\t"
        "call *208(%r15)\n\t"
        "pushfq\n\tpopq 128(%r15)\n\t"
        "mov %rax, 0(%r15)\n\tmov %rcx, 8(%r15)\n\tmov %rdx, 16(%r15)\n\t"
        "mov %rbx, 24(%r15)\n\tmov %rbp, 40(%r15)\n\tmov %rsi, 48(%r15)\n\t"
        "mov %rdi, 56(%r15)\n\tmov %r8, 64(%r15)\n\tmov %r9, 72(%r15)\n\t"
        "mov %r10, 80(%r15)\n\tmov %r11, 88(%r15)\n\tmov %r12, 96(%r15)\n\t"
        "mov %r13, 104(%r15)\n\tmov %r14, 112(%r15)\n\t"
        "stmxcsr 136(%r15)\n\t"
        XS(0) XS(1) XS(2) XS(3) XS(4) XS(5) XS(6) XS(7)
        XS(8) XS(9) XS(10) XS(11) XS(12) XS(13) XS(14) XS(15)
        MS(0) MS(1) MS(2) MS(3) MS(4) MS(5) MS(6) MS(7)
        "ldmxcsr 140(%r15)\n\t"
        "emms\n\t"
        "pop %r15\n\tpop %r14\n\tpop %r13\n\tpop %r12\n\t"
        "pop %rbp\n\tpop %rbx\n\t"
        "ret\n\t"
        ".size native_run, .-native_run\n\t");

static sigjmp_buf native_jb;
static volatile int native_sig;
static uint32_t sig_mxcsr;
static uint8_t sig_fx[512];  /* the FXSAVE image in the signal frame */
static int sig_code;
static Xmm sig_xmm[16];

static void on_signal(int sig, siginfo_t *si, void *ctx) {
  ucontext_t *uc = ctx;
  native_sig = sig;
  sig_code = si->si_code;
  if (uc->uc_mcontext.fpregs) {
    sig_mxcsr = uc->uc_mcontext.fpregs->mxcsr;
    memcpy(sig_fx, uc->uc_mcontext.fpregs, 512);
    memcpy(sig_xmm, uc->uc_mcontext.fpregs->_xmm, sizeof(sig_xmm));
  }
  siglongjmp(native_jb, 1);
}

static uint8_t *code_buf;

/* Runs bytes natively on s; returns 0 or the signal it raised. */
static int native_exec(const uint8_t *bytes, unsigned len, struct NState *s) {
  memcpy(code_buf, bytes, len);
  code_buf[len] = 0xc3;
  s->code = (uint64_t)(uintptr_t)code_buf;
  native_sig = 0;
  if (sigsetjmp(native_jb, 1)) {
    /* Unwound from the middle of native_run: put the host back. */
    unsigned csr = 0x1f80;
    __asm__ volatile("ldmxcsr %0\n\temms" : : "m"(csr));
    return native_sig;
  }
  native_run(s);
  return 0;
}

/* ---- the VM side -------------------------------------------------------- */

#define PAGE 0x10000000ull  /* data page, same address host and guest */
#define CODE 0x20000000ull  /* where the guest believes the insn is */

static struct Machine *vm;
static unsigned long fast_cases; /* cases that ran a fast-path handler */
static int vm_vector;

static void on_exc(struct Machine *m, int vector, uint64_t err, uint64_t addr) {
  (void)m, (void)err, (void)addr;
  vm_vector = vector;
}

/* Returns -1 when the handler completed, else the exception vector. */
static int vm_exec(const struct Insn *i) {
  vm_vector = -1;
  vm->ip = CODE;
  vm->rip = CODE + i->len;
  if (setjmp(vm->onfault)) return vm_vector;
  i->fn(vm, i);
  return -1;
}

static int vector_signal(int v) {
  switch (v) {
    case -1: return 0;
    case EXC_UD: return SIGILL;
    case EXC_GP: return SIGSEGV;
    case EXC_PF: return SIGSEGV;
    case EXC_XM: return SIGFPE;
    case EXC_MF: return SIGFPE;
    default: return 1000 + v;
  }
}

/* ---- random values ------------------------------------------------------ */

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}
static unsigned rndn(unsigned n) { return (unsigned)(rnd() % n); }

static const uint32_t f32s[] = {
    0x00000000, 0x80000000, 0x00000001, 0x807fffff, 0x00400000, 0x7f800000,
    0xff800000, 0x7fc00000, 0xffc00000, 0x7f800001, 0xff800001, 0x7fa00000,
    0x3f800000, 0xbf800000, 0xbfc00000, 0x7f7fffff, 0xff7fffff, 0x00800000,
    0x80800000, 0x4f000000, 0xcf000000, 0x5f000000, 0xdf000000, 0x3f000000,
    0x3fc00000, 0x40200000, 0xc0200000, 0x4effffff, 0x4f800000, 0x3effffff,
    0x0d800000, 0x72800000, 0x40490fdb, 0x3eaaaaab, 0x7effffff, 0x00000003,
    0x7f000000, 0x3e800000, 0x40800000, 0x00c00000, 0x01000000, 0x7e800001,
};
static const uint64_t f64s[] = {
    0x0000000000000000, 0x8000000000000000, 0x0000000000000001,
    0x800fffffffffffff, 0x7ff0000000000000, 0xfff0000000000000,
    0x7ff8000000000000, 0xfff8000000000000, 0x7ff0000000000001,
    0x7ff4000000000000, 0x3ff0000000000000, 0xbff0000000000000,
    0xbff8000000000000, 0x7fefffffffffffff, 0xffefffffffffffff,
    0x0010000000000000, 0x41e0000000000000, 0xc1e0000000000000,
    0x43e0000000000000, 0xc3e0000000000000, 0x3fe0000000000000,
    0x3ff8000000000000, 0x4004000000000000, 0xc004000000000000,
    0x41dfffffffc00000, 0x47efffffe0000000, 0x3810000000000000,
    0x36a0000000000000, 0x400921fb54442d18, 0x3fd5555555555555,
    0x47efffffffffffff, 0x380fffffffffffff, 0xc1e0000000200000,
    0x7fe0000000000000, 0x0020000000000000, 0x4010000000000000,
    0x3fd0000000000000, 0x0018000000000000, 0x7fd0000000000001,
    0x36a0000000000001, 0x47f0000000000000, 0x3690000000000000,
};
static const uint64_t ints[] = {
    0, 1, 2, 0xff, 0x80, 0x7f, 0x7fff, 0x8000, 0xffff, 0x7fffffff,
    0x80000000, 0xffffffff, 0x7fffffffffffffff, 0x8000000000000000,
    0xffffffffffffffff, 0xfffffffffffffffe, 0x100, 0x10, 0x3f, 0x40, 0x41,
    0x1f, 0x20, 0x21, 15, 16, 17, 7, 8, 9, 63, 64,
};
#define N(a) (sizeof(a) / sizeof((a)[0]))

static float rnd_float(void) {
  return (float)((int)rndn(2000001) - 1000000) / (float)(1 + rndn(1000));
}

static void rnd_xmm(Xmm *x) {
  switch (rndn(6)) {
    case 0:
      x->q[0] = rnd(), x->q[1] = rnd();
      break;
    case 1:
      for (int k = 0; k < 4; ++k) x->d[k] = f32s[rndn(N(f32s))];
      break;
    case 2:
      for (int k = 0; k < 2; ++k) x->q[k] = f64s[rndn(N(f64s))];
      break;
    case 3:
      for (int k = 0; k < 4; ++k) {
        if (rndn(3)) x->f[k] = rnd_float();
        else x->d[k] = f32s[rndn(N(f32s))];
      }
      break;
    case 4:
      for (int k = 0; k < 2; ++k) {
        if (rndn(3)) x->f64[k] = rnd_float() * 1.000001;
        else x->q[k] = f64s[rndn(N(f64s))];
      }
      break;
    default:
      for (int k = 0; k < 8; ++k)
        x->w[k] = rndn(2) ? (uint16_t)rnd() : (uint16_t)ints[rndn(N(ints))];
      if (rndn(2))
        for (int k = 0; k < 16; ++k)
          if (!rndn(3)) x->b[k] = (uint8_t)ints[rndn(N(ints))];
      break;
  }
}

static uint64_t rnd_gpr(void) {
  switch (rndn(4)) {
    case 0: return rnd();
    case 1: return ints[rndn(N(ints))];
    case 2: return (uint64_t)(int64_t)(int32_t)rnd();
    default: return rnd() & 0xffff;
  }
}

static uint32_t rnd_mxcsr(void) {
  uint32_t c = 0x1f80;
  /* The usual state of a running program, where the handlers take their
   * quick path (see ops-sse-fp.c): defaults plus PE, maybe more flags. */
  if (!rndn(3)) return 0x1fa0 | (rndn(2) ? (uint32_t)rndn(64) : 0);
  if (!rndn(3)) c |= (uint32_t)rndn(4) << 13;  /* RC */
  if (!rndn(6)) c |= 0x8000;                  /* FTZ */
  if (!rndn(6)) c |= 0x40;                    /* DAZ */
  if (!rndn(4)) c |= (uint32_t)rndn(64);      /* sticky flags */
  if (!rndn(12)) c &= ~(0x80u << rndn(6));    /* one exception unmasked */
  if (!rndn(16)) c &= ~(rndn(3) + 1) << 10;     /* OE and/or UE unmasked */
  return c;
}

/* ---- the instruction table ---------------------------------------------- */

enum { K_X = 1, K_M, K_G, K_N };           /* operand kinds */
enum {
  F_R = 1,     /* register form exists (mod == 3) */
  F_M = 2,     /* memory form exists */
  F_IMM = 4,   /* imm8 follows */
  F_W = 8,     /* REX.W matters: try both */
  F_RM = F_R | F_M,
};

struct T {
  const char *name;
  uint8_t pfx;  /* 0, 0x66, 0xf3, 0xf2 */
  uint8_t map;  /* MAP_0F, MAP_0F38, MAP_0F3A */
  uint8_t op;
  uint8_t regk, rmk;
  uint8_t flags;
  uint8_t ext;  /* ModRM.reg for K_N */
};

#define X(name, pfx, op, rk, mk, fl) {name, pfx, MAP_0F, op, rk, mk, fl, 0},
#define XX(name, pfx, op) X(name, pfx, op, K_X, K_X, F_RM)
#define MM(name, op) X(name, 0, op, K_M, K_M, F_RM)
#define PI(name, op) MM(name, op) XX(name, 0x66, op)  /* MMX and XMM forms */
#define FP4(name, op) XX(name "ps", 0, op) XX(name "pd", 0x66, op) \
                      XX(name "ss", 0xf3, op) XX(name "sd", 0xf2, op)
#define S3(name, op) {name, 0, MAP_0F38, op, K_M, K_M, F_RM, 0}, \
                     {name, 0x66, MAP_0F38, op, K_X, K_X, F_RM, 0},

static const struct T table[] = {
    /* moves */
    FP4("movu", 0x10)
    FP4("movu.st", 0x11)
    XX("movlps/movhlps", 0, 0x12)
    X("movlpd", 0x66, 0x12, K_X, K_X, F_M)
    XX("movsldup", 0xf3, 0x12)
    XX("movddup", 0xf2, 0x12)
    X("movlps.st", 0, 0x13, K_X, K_X, F_M)
    X("movlpd.st", 0x66, 0x13, K_X, K_X, F_M)
    XX("unpcklps", 0, 0x14) XX("unpcklpd", 0x66, 0x14)
    XX("unpckhps", 0, 0x15) XX("unpckhpd", 0x66, 0x15)
    XX("movhps/movlhps", 0, 0x16)
    X("movhpd", 0x66, 0x16, K_X, K_X, F_M)
    XX("movshdup", 0xf3, 0x16)
    X("movhps.st", 0, 0x17, K_X, K_X, F_M)
    X("movhpd.st", 0x66, 0x17, K_X, K_X, F_M)
    XX("movaps", 0, 0x28) XX("movapd", 0x66, 0x28)
    XX("movaps.st", 0, 0x29) XX("movapd.st", 0x66, 0x29)
    X("cvtpi2ps", 0, 0x2a, K_X, K_M, F_RM)
    X("cvtpi2pd", 0x66, 0x2a, K_X, K_M, F_RM)
    X("cvtsi2ss", 0xf3, 0x2a, K_X, K_G, F_RM | F_W)
    X("cvtsi2sd", 0xf2, 0x2a, K_X, K_G, F_RM | F_W)
    X("movntps", 0, 0x2b, K_X, K_X, F_M)
    X("movntpd", 0x66, 0x2b, K_X, K_X, F_M)
    X("cvttps2pi", 0, 0x2c, K_M, K_X, F_RM)
    X("cvttpd2pi", 0x66, 0x2c, K_M, K_X, F_RM)
    X("cvttss2si", 0xf3, 0x2c, K_G, K_X, F_RM | F_W)
    X("cvttsd2si", 0xf2, 0x2c, K_G, K_X, F_RM | F_W)
    X("cvtps2pi", 0, 0x2d, K_M, K_X, F_RM)
    X("cvtpd2pi", 0x66, 0x2d, K_M, K_X, F_RM)
    X("cvtss2si", 0xf3, 0x2d, K_G, K_X, F_RM | F_W)
    X("cvtsd2si", 0xf2, 0x2d, K_G, K_X, F_RM | F_W)
    XX("ucomiss", 0, 0x2e) XX("ucomisd", 0x66, 0x2e)
    XX("comiss", 0, 0x2f) XX("comisd", 0x66, 0x2f)
    X("movmskps", 0, 0x50, K_G, K_X, F_R)
    X("movmskpd", 0x66, 0x50, K_G, K_X, F_R)
    FP4("sqrt", 0x51)
    XX("rsqrtps", 0, 0x52) XX("rsqrtss", 0xf3, 0x52)
    XX("rcpps", 0, 0x53) XX("rcpss", 0xf3, 0x53)
    XX("andps", 0, 0x54) XX("andpd", 0x66, 0x54)
    XX("andnps", 0, 0x55) XX("andnpd", 0x66, 0x55)
    XX("orps", 0, 0x56) XX("orpd", 0x66, 0x56)
    XX("xorps", 0, 0x57) XX("xorpd", 0x66, 0x57)
    FP4("add", 0x58)
    FP4("mul", 0x59)
    XX("cvtps2pd", 0, 0x5a) XX("cvtpd2ps", 0x66, 0x5a)
    XX("cvtss2sd", 0xf3, 0x5a) XX("cvtsd2ss", 0xf2, 0x5a)
    XX("cvtdq2ps", 0, 0x5b) XX("cvtps2dq", 0x66, 0x5b)
    XX("cvttps2dq", 0xf3, 0x5b)
    FP4("sub", 0x5c)
    FP4("min", 0x5d)
    FP4("div", 0x5e)
    FP4("max", 0x5f)
    PI("punpcklbw", 0x60) PI("punpcklwd", 0x61) PI("punpckldq", 0x62)
    PI("packsswb", 0x63) PI("pcmpgtb", 0x64) PI("pcmpgtw", 0x65)
    PI("pcmpgtd", 0x66) PI("packuswb", 0x67) PI("punpckhbw", 0x68)
    PI("punpckhwd", 0x69) PI("punpckhdq", 0x6a) PI("packssdw", 0x6b)
    XX("punpcklqdq", 0x66, 0x6c) XX("punpckhqdq", 0x66, 0x6d)
    X("movd/q mm", 0, 0x6e, K_M, K_G, F_RM | F_W)
    X("movd/q xmm", 0x66, 0x6e, K_X, K_G, F_RM | F_W)
    MM("movq mm", 0x6f) XX("movdqa", 0x66, 0x6f) XX("movdqu", 0xf3, 0x6f)
    X("pshufw", 0, 0x70, K_M, K_M, F_RM | F_IMM)
    X("pshufd", 0x66, 0x70, K_X, K_X, F_RM | F_IMM)
    X("pshufhw", 0xf3, 0x70, K_X, K_X, F_RM | F_IMM)
    X("pshuflw", 0xf2, 0x70, K_X, K_X, F_RM | F_IMM)
    {"psrlw i", 0, MAP_0F, 0x71, K_N, K_M, F_R | F_IMM, 2},
    {"psraw i", 0, MAP_0F, 0x71, K_N, K_M, F_R | F_IMM, 4},
    {"psllw i", 0, MAP_0F, 0x71, K_N, K_M, F_R | F_IMM, 6},
    {"psrlw i", 0x66, MAP_0F, 0x71, K_N, K_X, F_R | F_IMM, 2},
    {"psraw i", 0x66, MAP_0F, 0x71, K_N, K_X, F_R | F_IMM, 4},
    {"psllw i", 0x66, MAP_0F, 0x71, K_N, K_X, F_R | F_IMM, 6},
    {"psrld i", 0, MAP_0F, 0x72, K_N, K_M, F_R | F_IMM, 2},
    {"psrad i", 0, MAP_0F, 0x72, K_N, K_M, F_R | F_IMM, 4},
    {"pslld i", 0, MAP_0F, 0x72, K_N, K_M, F_R | F_IMM, 6},
    {"psrld i", 0x66, MAP_0F, 0x72, K_N, K_X, F_R | F_IMM, 2},
    {"psrad i", 0x66, MAP_0F, 0x72, K_N, K_X, F_R | F_IMM, 4},
    {"pslld i", 0x66, MAP_0F, 0x72, K_N, K_X, F_R | F_IMM, 6},
    {"psrlq i", 0, MAP_0F, 0x73, K_N, K_M, F_R | F_IMM, 2},
    {"psllq i", 0, MAP_0F, 0x73, K_N, K_M, F_R | F_IMM, 6},
    {"psrlq i", 0x66, MAP_0F, 0x73, K_N, K_X, F_R | F_IMM, 2},
    {"psrldq", 0x66, MAP_0F, 0x73, K_N, K_X, F_R | F_IMM, 3},
    {"psllq i", 0x66, MAP_0F, 0x73, K_N, K_X, F_R | F_IMM, 6},
    {"pslldq", 0x66, MAP_0F, 0x73, K_N, K_X, F_R | F_IMM, 7},
    PI("pcmpeqb", 0x74) PI("pcmpeqw", 0x75) PI("pcmpeqd", 0x76)
    XX("haddpd", 0x66, 0x7c) XX("haddps", 0xf2, 0x7c)
    XX("hsubpd", 0x66, 0x7d) XX("hsubps", 0xf2, 0x7d)
    X("movd/q.st mm", 0, 0x7e, K_M, K_G, F_RM | F_W)
    X("movd/q.st xmm", 0x66, 0x7e, K_X, K_G, F_RM | F_W)
    XX("movq xmm", 0xf3, 0x7e)
    MM("movq.st mm", 0x7f) XX("movdqa.st", 0x66, 0x7f)
    XX("movdqu.st", 0xf3, 0x7f)
    X("cmpps", 0, 0xc2, K_X, K_X, F_RM | F_IMM)
    X("cmppd", 0x66, 0xc2, K_X, K_X, F_RM | F_IMM)
    X("cmpss", 0xf3, 0xc2, K_X, K_X, F_RM | F_IMM)
    X("cmpsd", 0xf2, 0xc2, K_X, K_X, F_RM | F_IMM)
    X("pinsrw mm", 0, 0xc4, K_M, K_G, F_RM | F_IMM)
    X("pinsrw xmm", 0x66, 0xc4, K_X, K_G, F_RM | F_IMM)
    X("pextrw mm", 0, 0xc5, K_G, K_M, F_R | F_IMM)
    X("pextrw xmm", 0x66, 0xc5, K_G, K_X, F_R | F_IMM)
    X("shufps", 0, 0xc6, K_X, K_X, F_RM | F_IMM)
    X("shufpd", 0x66, 0xc6, K_X, K_X, F_RM | F_IMM)
    XX("addsubpd", 0x66, 0xd0) XX("addsubps", 0xf2, 0xd0)
    PI("psrlw", 0xd1) PI("psrld", 0xd2) PI("psrlq", 0xd3) PI("paddq", 0xd4)
    PI("pmullw", 0xd5)
    XX("movq.st xmm", 0x66, 0xd6)
    X("movq2dq", 0xf3, 0xd6, K_X, K_M, F_R)
    X("movdq2q", 0xf2, 0xd6, K_M, K_X, F_R)
    X("pmovmskb mm", 0, 0xd7, K_G, K_M, F_R)
    X("pmovmskb xmm", 0x66, 0xd7, K_G, K_X, F_R)
    PI("psubusb", 0xd8) PI("psubusw", 0xd9) PI("pminub", 0xda)
    PI("pand", 0xdb) PI("paddusb", 0xdc) PI("paddusw", 0xdd)
    PI("pmaxub", 0xde) PI("pandn", 0xdf) PI("pavgb", 0xe0) PI("psraw", 0xe1)
    PI("psrad", 0xe2) PI("pavgw", 0xe3) PI("pmulhuw", 0xe4)
    PI("pmulhw", 0xe5)
    XX("cvttpd2dq", 0x66, 0xe6) XX("cvtdq2pd", 0xf3, 0xe6)
    XX("cvtpd2dq", 0xf2, 0xe6)
    X("movntq", 0, 0xe7, K_M, K_M, F_M)
    X("movntdq", 0x66, 0xe7, K_X, K_X, F_M)
    PI("psubsb", 0xe8) PI("psubsw", 0xe9) PI("pminsw", 0xea) PI("por", 0xeb)
    PI("paddsb", 0xec) PI("paddsw", 0xed) PI("pmaxsw", 0xee) PI("pxor", 0xef)
    X("lddqu", 0xf2, 0xf0, K_X, K_X, F_M)
    PI("psllw", 0xf1) PI("pslld", 0xf2) PI("psllq", 0xf3)
    PI("pmuludq", 0xf4) PI("pmaddwd", 0xf5) PI("psadbw", 0xf6)
    X("maskmovq", 0, 0xf7, K_M, K_M, F_R)
    X("maskmovdqu", 0x66, 0xf7, K_X, K_X, F_R)
    PI("psubb", 0xf8) PI("psubw", 0xf9) PI("psubd", 0xfa) PI("psubq", 0xfb)
    PI("paddb", 0xfc) PI("paddw", 0xfd) PI("paddd", 0xfe)
    /* SSSE3 */
    S3("pshufb", 0x00) S3("phaddw", 0x01) S3("phaddd", 0x02)
    S3("phaddsw", 0x03) S3("pmaddubsw", 0x04) S3("phsubw", 0x05)
    S3("phsubd", 0x06) S3("phsubsw", 0x07) S3("psignb", 0x08)
    S3("psignw", 0x09) S3("psignd", 0x0a) S3("pmulhrsw", 0x0b)
    S3("pabsb", 0x1c) S3("pabsw", 0x1d) S3("pabsd", 0x1e)
    {"palignr", 0, MAP_0F3A, 0x0f, K_M, K_M, F_RM | F_IMM, 0},
    {"palignr", 0x66, MAP_0F3A, 0x0f, K_X, K_X, F_RM | F_IMM, 0},
    /* SSE4.1, SSE4.2 pcmpgtq, pclmulqdq */
#define S4(name, op) {name, 0x66, MAP_0F38, op, K_X, K_X, F_RM, 0},
#define S4I(name, op) {name, 0x66, MAP_0F3A, op, K_X, K_X, F_RM | F_IMM, 0},
    S4("pblendvb", 0x10) S4("blendvps", 0x14) S4("blendvpd", 0x15)
    S4("ptest", 0x17)
    S4("pmovsxbw", 0x20) S4("pmovsxbd", 0x21) S4("pmovsxbq", 0x22)
    S4("pmovsxwd", 0x23) S4("pmovsxwq", 0x24) S4("pmovsxdq", 0x25)
    S4("pmuldq", 0x28) S4("pcmpeqq", 0x29) S4("packusdw", 0x2b)
    {"movntdqa", 0x66, MAP_0F38, 0x2a, K_X, K_X, F_M, 0},
    S4("pmovzxbw", 0x30) S4("pmovzxbd", 0x31) S4("pmovzxbq", 0x32)
    S4("pmovzxwd", 0x33) S4("pmovzxwq", 0x34) S4("pmovzxdq", 0x35)
    S4("pcmpgtq", 0x37) S4("pminsb", 0x38) S4("pminsd", 0x39)
    S4("pminuw", 0x3a) S4("pminud", 0x3b) S4("pmaxsb", 0x3c)
    S4("pmaxsd", 0x3d) S4("pmaxuw", 0x3e) S4("pmaxud", 0x3f)
    S4("pmulld", 0x40) S4("phminposuw", 0x41)
    S4I("roundps", 0x08) S4I("roundpd", 0x09) S4I("roundss", 0x0a)
    S4I("roundsd", 0x0b) S4I("blendps", 0x0c) S4I("blendpd", 0x0d)
    S4I("pblendw", 0x0e)
    {"pextrb", 0x66, MAP_0F3A, 0x14, K_X, K_G, F_RM | F_IMM, 0},
    {"pextrw", 0x66, MAP_0F3A, 0x15, K_X, K_G, F_RM | F_IMM, 0},
    {"pextrd/q", 0x66, MAP_0F3A, 0x16, K_X, K_G, F_RM | F_IMM | F_W, 0},
    {"extractps", 0x66, MAP_0F3A, 0x17, K_X, K_G, F_RM | F_IMM, 0},
    {"pinsrb", 0x66, MAP_0F3A, 0x20, K_X, K_G, F_RM | F_IMM, 0},
    S4I("insertps", 0x21)
    {"pinsrd/q", 0x66, MAP_0F3A, 0x22, K_X, K_G, F_RM | F_IMM | F_W, 0},
    S4I("dpps", 0x40) S4I("dppd", 0x41) S4I("mpsadbw", 0x42)
    S4I("pclmulqdq", 0x44)
    /* SSE4.2 string compares */
    S4I("pcmpestrm", 0x60) S4I("pcmpestri", 0x61)
    S4I("pcmpistrm", 0x62) S4I("pcmpistri", 0x63)
    /* group 15 */
    {"ldmxcsr", 0, MAP_0F, 0xae, K_N, K_X, F_M, 2},
    {"stmxcsr", 0, MAP_0F, 0xae, K_N, K_X, F_M, 3},
    {"fxrstor", 0, MAP_0F, 0xae, K_N, K_X, F_M, 1},
    {"fxsave", 0, MAP_0F, 0xae, K_N, K_X, F_M, 0},
    {"lfence", 0, MAP_0F, 0xae, K_N, K_X, F_R, 5},
    {"mfence", 0, MAP_0F, 0xae, K_N, K_X, F_R, 6},
    {"sfence", 0, MAP_0F, 0xae, K_N, K_X, F_R, 7},
    {"emms", 0, MAP_0F, 0x77, 0, 0, 0, 0},
    {"clflush", 0, MAP_0F, 0xae, K_N, K_X, F_M, 7},
    {"clflushopt", 0x66, MAP_0F, 0xae, K_N, K_X, F_M, 7},
    {"clwb", 0x66, MAP_0F, 0xae, K_N, K_X, F_M, 6},
    {"prefetchnta", 0, MAP_0F, 0x18, K_N, K_X, F_M, 0},
    {"prefetcht0", 0, MAP_0F, 0x18, K_N, K_X, F_M, 1},
    {"prefetcht1", 0, MAP_0F, 0x18, K_N, K_X, F_M, 2},
    {"prefetcht2", 0, MAP_0F, 0x18, K_N, K_X, F_M, 3},
    {"prefetchw", 0, MAP_0F, 0x0d, K_N, K_X, F_M, 1},
    {"0F 0D /0", 0, MAP_0F, 0x0d, K_N, K_X, F_RM, 0},
    {"0F 0D /2", 0, MAP_0F, 0x0d, K_N, K_X, F_RM, 2},
    {"0F 0D /5", 0, MAP_0F, 0x0d, K_N, K_X, F_RM, 5},
    {"0F 18 /0 reg", 0, MAP_0F, 0x18, K_N, K_X, F_R, 0},
    {"0F 18 /5", 0, MAP_0F, 0x18, K_N, K_X, F_RM, 5},
    /* SSE2 movnti and SSE4.2 crc32 (general-register instructions) */
    X("movnti", 0, 0xc3, K_G, K_X, F_M | F_W)
    {"crc32b", 0xf2, MAP_0F38, 0xf0, K_G, K_G, F_RM | F_W, 0},
    {"crc32", 0xf2, MAP_0F38, 0xf1, K_G, K_G, F_RM | F_W, 0},
    /* Forms that do not exist: #UD in both. */
    X("(ud) F2 0F 28", 0xf2, 0x28, K_X, K_X, F_RM)
    X("(ud) F3 0F 54", 0xf3, 0x54, K_X, K_X, F_RM)
    X("(ud) F2 0F 6F", 0xf2, 0x6f, K_X, K_X, F_RM)
    X("(ud) 66 0F 13 r", 0x66, 0x13, K_X, K_X, F_R)
    X("(ud) F2 0F 5B", 0xf2, 0x5b, K_X, K_X, F_RM)
    X("(ud) F3 0F D7", 0xf3, 0xd7, K_G, K_X, F_R)
};

/* ---- encoding ------------------------------------------------------------ */

/* General registers an operand may name: not rsp (the native stack), rbx
 * (the memory base), rdi (maskmov's pointer) or r15 (native_run's). */
static const uint8_t gprs[] = {RAX, RCX, RDX, RBP, RSI, R8, R9,
                               R10, R11, R12, R13, R14};

static unsigned pick_reg(int kind) {
  switch (kind) {
    case K_X: return rndn(16);
    case K_M: return rndn(8);
    case K_G: return gprs[rndn(N(gprs))];
    default: return 0;
  }
}

/* Encodes t with the given operands into b and fills *i the way the
 * decoder would. mem: use [rbx + disp] instead of register rm. */
static unsigned encode(const struct T *t, unsigned reg, unsigned rm, int mem,
                       int8_t disp, int w, uint8_t imm, uint8_t *b,
                       struct Insn *i) {
  unsigned n = 0, rex = 0x40;
  memset(i, 0, sizeof(*i));
  if (t->pfx) b[n++] = t->pfx;
  if (w) rex |= 8;
  if (reg & 8) rex |= 4;
  if (!mem && (rm & 8)) rex |= 1;
  if (rex != 0x40) b[n++] = (uint8_t)rex;
  b[n++] = 0x0f;
  if (t->map == MAP_0F38) b[n++] = 0x38;
  if (t->map == MAP_0F3A) b[n++] = 0x3a;
  b[n++] = t->op;
  if (t->regk || t->rmk) {
    unsigned mod = mem ? 1 : 3, r = mem ? RBX : rm;
    b[n++] = (uint8_t)(mod << 6 | (reg & 7) << 3 | (r & 7));
    if (mem) b[n++] = (uint8_t)disp;
    i->has_modrm = 1;
    i->modrm = b[n - 1 - (mem ? 1 : 0)];
    i->mod = (uint8_t)mod;
    i->reg = (uint8_t)reg;
    i->rm = (uint8_t)r;
    i->base = mem ? RBX : REG_NONE;
    i->disp = mem ? disp : 0;
  } else {
    i->base = REG_NONE;
  }
  i->index = REG_NONE;
  if (t->flags & F_IMM) {
    b[n++] = imm;
    i->imm = imm;
  }
  i->fn = optab[t->map][t->op];
  i->len = (uint8_t)n;
  i->map = t->map;
  i->op = t->op;
  i->osz = w ? 8 : t->pfx == 0x66 ? 2 : 4;
  i->asz = 8;
  i->seg = SEG_DS;
  i->rex = rex != 0x40 ? (uint8_t)rex : 0;
  i->rep = t->pfx == 0xf3 ? REP_F3 : t->pfx == 0xf2 ? REP_F2 : REP_NONE;
  i->opsize_prefix = t->pfx == 0x66;
  return n;
}

/* The decoder must agree with the hand-filled record. */
static void check_decode(const struct T *t, const uint8_t *b, unsigned n,
                         const struct Insn *h) {
  struct Insn d;
  int rc = decode_insn(&d, b, n, MODE_LONG);
  CHECK(rc == DECODE_OK && d.fn == h->fn && d.len == h->len &&
            (!h->has_modrm ||
             (d.mod == h->mod && d.reg == h->reg && d.rm == h->rm)) &&
            d.rep == h->rep && d.opsize_prefix == h->opsize_prefix &&
            (!(t->flags & F_IMM) || (uint8_t)d.imm == (uint8_t)h->imm) &&
            (h->mod == 3 || (d.disp == h->disp && d.base == h->base)) &&
            (d.rex & 8) == (h->rex & 8),
        "%s: decoder disagrees (rc %d len %d/%d reg %d/%d rm %d/%d)", t->name,
        rc, d.len, h->len, d.reg, h->reg, d.rm, h->rm);
}

/* ---- one run ------------------------------------------------------------- */

static uint8_t *host_page;
static uint8_t page_img[4096], page_out[4096];

static void hexdump(const char *what, const void *p, size_t n) {
  const uint8_t *b = p;
  fprintf(stderr, "  %s:", what);
  for (size_t k = 0; k < n; ++k) fprintf(stderr, "%s%02x", k % 4 ? "" : " ", b[k]);
  fputc('\n', stderr);
}

/* One case to run both ways: the bytes, the record the VM runs, and
 * what a mismatch report shows. */
struct Case {
  const char *name;
  const uint8_t *b;
  unsigned n;
  const struct Insn *ins;
  int mem;
  unsigned reg, rm;
  uint8_t imm;
  int fxsave;   /* an fxsave: compare only the image's defined fields */
  int8_t disp;
};

static void exec_compare(const struct Case *c, const struct NState *s0);

/* A random machine state; the data page image in page_img. */
static void rnd_state(struct NState *s0) {
  unsigned k;
  memset(s0, 0, sizeof(*s0));
  for (k = 0; k < 16; ++k) rnd_xmm(&s0->xmm[k]);
  for (k = 0; k < 8; ++k) {
    Xmm x;
    rnd_xmm(&x);
    s0->mmx[k] = x.q[rndn(2)];
  }
  for (k = 0; k < 16; ++k) s0->r[k] = rnd_gpr();
  s0->r[RBX] = PAGE + 0x800;
  s0->r[RDI] = PAGE + 0x400 + rndn(64);
  s0->r[RSP] = 0;
  s0->r[R15] = 0;
  s0->rflags = 0x202 | (rnd() & FLAGS_ARITH);
  s0->mxcsr = rnd_mxcsr();
  for (k = 0; k < 4096; k += 16) rnd_xmm((Xmm *)(page_img + k));
}

/* Optional prefixes that must not change what a table form does: a 66
 * in front of its F2/F3 (the last of F2/F3 decides, 66 is overridden),
 * a REX.W where the form ignores it, 67 on a memory form ([ebx + disp]
 * is the same address: the page lies below 4 GiB) and a DS override.
 * The real decoder decodes the result. Returns the new length, or 0 when
 * nothing was added. */
static unsigned add_noise(const struct T *t, const uint8_t *b, unsigned n,
                          int mem, int w, uint8_t *out) {
  unsigned k = 0, j = 0, added = 0;
  if (rndn(3)) return 0;
  if (mem && rndn(2)) out[k++] = 0x67, added = 1;
  if (mem && !rndn(3)) out[k++] = 0x3e, added = 1;
  if ((t->pfx == 0xf2 || t->pfx == 0xf3) && rndn(2)) out[k++] = 0x66, added = 1;
  if (t->pfx) out[k++] = b[j++];
  if (!(t->flags & F_W) && !w && rndn(2)) {
    /* Merge W into the REX prefix (there is one when b[j] is 40-4F). */
    if ((b[j] & 0xf0) == 0x40) out[k++] = b[j++] | 8;
    else out[k++] = 0x48;
    added = 1;
  }
  while (j < n) out[k++] = b[j++];
  return added ? k : 0;
}

static void run_one(const struct T *t) {
  uint8_t b[16], b2[20];
  /* 0F 0D other than prefetchw (/1) is AMD's (prefetch hints, all
   * nops); what Intel CPUs do with it varies. */
  if (t->map == MAP_0F && t->op == 0x0d && t->ext != 1 && !host_amd) return;
  /* clflushopt and clwb (66 0F AE /7, /6), which the VM runs as clflush:
   * compared only where the host has them. */
  if (t->map == MAP_0F && t->op == 0xae && t->pfx == 0x66 && !host_clwb) return;
  struct Insn ins, ins2;
  struct NState s0;
  unsigned reg, rm, w = 0, k;
  int mem;
  int8_t disp;
  uint8_t imm = (uint8_t)rnd();

  /* Operands. */
  if ((t->flags & F_RM) == F_RM) mem = rndn(3) == 0;
  else mem = (t->flags & F_M) != 0;
  reg = t->regk == K_N ? t->ext : pick_reg(t->regk);
  rm = pick_reg(t->rmk);
  if (t->flags & F_W) w = rndn(2);
  if (t->regk == K_X || t->rmk == K_X) {
    /* Mostly aligned; sometimes not, to see #GP where the CPU has it. */
    static const int8_t disps[] = {0, 16, 32, -16, 0x70, -0x80, 8, 4, 1, 12};
    disp = disps[rndn(rndn(4) ? 6 : N(disps))];
  } else {
    disp = (int8_t)(rndn(32) * 4 - 64 + (rndn(4) ? 0 : rndn(8)));
  }
  if (t->op == 0xae && t->map == MAP_0F) disp = (int8_t)(rndn(5) ? 0 : 8);
  if (t->op == 0x73 && (t->ext == 3 || t->ext == 7) && rndn(2)) imm &= 15;
  if ((t->op >= 0x71 && t->op <= 0x73) && rndn(2)) imm &= 0x3f;
  unsigned n = encode(t, reg, rm, mem, disp, (int)w, imm, b, &ins);
  check_decode(t, b, n, &ins);
  /* Half the cases run the decode-time fast path where there is one
   * (icache_decode installs it), so that it too answers to the host. */
  if (rndn(2)) {
    OpFn fast = fast_select_sse(&ins, MODE_LONG);
    if (fast) ins.fn = fast, fast_cases++;
  }

  /* State. */
  rnd_state(&s0);
  if (mem && !(t->op == 0xae && t->map == MAP_0F) && !rndn(8)) {
    /* The operand at the end of the page, before an unmapped one: an
     * access wider than the operand's size faults where the CPU's does
     * not. */
    static const unsigned ends[] = {1, 2, 4, 8, 12, 16};
    s0.r[RBX] = PAGE + 4096 - ends[rndn(N(ends))] - disp;
  }
  if (t->op == 0xf7 && t->map == MAP_0F && rndn(2)) {
    /* maskmov at the end of the page: the bytes past it fault (SIGSEGV)
     * when the mask selects one, and then nothing may have been written. */
    s0.r[RDI] = PAGE + 4096 - 1 - rndn(16);
  }
  if (t->op == 0xae && t->ext == 2) {
    /* Mostly valid values. This AMD host's MXCSR_MASK is 0x2ffff (bit 17
     * is its misaligned-SSE mode, which we do not offer): keep it clear. */
    uint32_t c = rndn(4) ? rnd_mxcsr() : (uint32_t)rnd() & ~0x20000u;
    memcpy(page_img + 0x800 + disp, &c, 4);
  }
  if (t->op == 0xae && t->ext == 1) {
    /* An FXSAVE image with a sane x87 part (FCW, FSW, FTW = empty). */
    uint8_t *p = page_img + 0x800 + disp;
    uint32_t c = rndn(8) ? rnd_mxcsr() : (uint32_t)rnd() & ~0x20000u;
    memset(p, 0, 32);
    p[0] = 0x7f, p[1] = 0x03;
    memcpy(p + 24, &c, 4);
  }

  if (t->map == MAP_0F3A && t->op >= 0x60 && t->op <= 0x63) {
    /* String compares: a small alphabet with terminators, so that
     * matches, ranges and ends all happen; lengths mostly in range. */
    static const uint8_t abc[] = {0, 'a', 'b', 'c', 'z', 0x80, 0xff, 1};
    for (k = 0; k < 16; ++k)
      for (unsigned j = 0; j < 16; ++j)
        if (rndn(4)) s0.xmm[k].b[j] = abc[rndn(rndn(2) ? 4 : N(abc))];
    for (k = 0; k < 4096; ++k)
      if (rndn(4)) page_img[k] = abc[rndn(rndn(2) ? 4 : N(abc))];
    if (rndn(4)) s0.r[RAX] = (uint64_t)(int64_t)((int)rndn(40) - 20);
    if (rndn(4)) s0.r[RDX] = (uint64_t)(int64_t)((int)rndn(40) - 20);
  }

  {
    struct Case c = {t->name, b, n, &ins, mem, reg, rm, imm,
                     t->op == 0xae && t->map == MAP_0F && t->ext == 0, disp};
    unsigned n2 = add_noise(t, b, n, mem, (int)w, b2);
    if (n2) {
      /* The same form with extra prefixes, as the decoder sees it. */
      int rc = decode_insn(&ins2, b2, n2, MODE_LONG);
      CHECK(rc == DECODE_OK && ins2.fn == optab[t->map][t->op] && ins2.len == n2,
            "%s: decoder disagrees with added prefixes (rc %d)", t->name, rc);
      if (rc != DECODE_OK) return;
      if (ins.fn != optab[t->map][t->op]) {
        OpFn fast = fast_select_sse(&ins2, MODE_LONG);
        if (fast) ins2.fn = fast;
      }
      c.b = b2, c.n = n2, c.ins = &ins2;
    } else if (!rndn(24)) {
      /* A LOCK prefix: #UD on every SSE/MMX form (the host says). */
      int rc;
      b2[0] = 0xf0;
      memcpy(b2 + 1, b, n);
      rc = decode_insn(&ins2, b2, n + 1, MODE_LONG);
      if (rc != DECODE_OK) {
        memset(&ins2, 0, sizeof(ins2));
        ins2.fn = op_ud;
      }
      ins2.len = (uint8_t)(n + 1);
      c.b = b2, c.n = n + 1, c.ins = &ins2;
    }
    exec_compare(&c, &s0);
  }
}

static void exec_compare(const struct Case *c, const struct NState *s0p) {
  const struct NState s0 = *s0p;
  struct NState s;
  unsigned k;
  int sig, vsig;
  const char *name = c->name;
  const uint8_t *b = c->b;
  unsigned n = c->n, reg = c->reg, rm = c->rm;
  int mem = c->mem;
  uint8_t imm = c->imm;
  int8_t disp = c->disp;
  struct Insn ins = *c->ins;

  /* Native. */
  s = s0;
  memcpy(host_page, page_img, 4096);
  sig = native_exec(b, n, &s);
  memcpy(page_out, host_page, 4096);

  /* VM. */
  memcpy(vm->r, s0.r, sizeof(vm->r));
  flags_set(vm, s0.rflags);
  vm->mxcsr = s0.mxcsr;
  memcpy(vm->xmm, s0.xmm, sizeof(vm->xmm));
  /* native_run loaded the MMX registers, so the x87 unit is in MMX
   * state (every tag in use, TOP 0) when the instruction runs. */
  x87_reset(vm);
  for (k = 0; k < 8; ++k) mmx_put(vm, k, s0.mmx[k]);
  mmx_enter(vm);
  mem_write_bytes(vm, PAGE, page_img, 4096);
  vsig = vector_signal(vm_exec(&ins));

  if (ins.op == 0xf7 && ins.map == MAP_0F && !host_amd) {
    /* maskmov whose range crosses into the unmapped page but selects no
     * byte there: AMD faults (the VM does too), Intel need not. */
    unsigned nb = ins.opsize_prefix ? 16 : 8, j, sel = 0;
    const uint8_t *k = ins.opsize_prefix ? s0.xmm[ins.rm].b
                                         : (const uint8_t *)&s0.mmx[ins.rm & 7];
    uint64_t a = s0.r[RDI];
    for (j = 0; j < nb; ++j)
      if ((k[j] & 0x80) && a + j >= PAGE + 4096) sel = 1;
    if (a + nb > PAGE + 4096 && !sel) return;
  }
  CHECK(sig == vsig, "%s%s: native signal %d, vm %d (mxcsr %#x)", name,
        mem ? " mem" : "", sig, vsig, s0.mxcsr);
  if (sig != vsig) {
    if (fails_shown > 60) return;
    hexdump("bytes", b, n);
    fprintf(stderr, "  mxcsr native(signal) %#x vm %#x\n", sig_mxcsr, vm->mxcsr);
    if (!mem) hexdump("src", &s0.xmm[rm], 16);
    hexdump("dst", &s0.xmm[reg], 16);
    return;
  }
  if (sig) {
    if (sig == SIGSEGV) {
      /* A faulting store writes nothing (maskmov, movdqu across pages). */
      uint8_t vpage[4096];
      mem_read_bytes(vm, PAGE, vpage, 4096);
      CHECK(!memcmp(vpage, page_out, 4096), "%s: memory differs after a fault",
            name);
    }
    if (sig == SIGFPE) {
      /* PE too: next to an unmasked OE or UE it is the rounding's at
       * unbounded exponent range (fp_unbounded_pe in ops-sse-fp.c). */
      uint32_t ign = 0;
      CHECK((vm->mxcsr & ~ign) == (sig_mxcsr & ~ign),
            "%s: #XM mxcsr native %#x vm %#x", name, sig_mxcsr, vm->mxcsr);
      CHECK(!memcmp(vm->xmm, sig_xmm, sizeof(sig_xmm)),
            "%s: xmm changed by a faulting instruction", name);
      if (!ign)
        CHECK(sse_fpe_code(vm) == sig_code,
              "%s: SIGFPE si_code native %d vm %d (mxcsr %#x)", name,
              sig_code, sse_fpe_code(vm), vm->mxcsr);
    }
    return;
  }

  /* Compare everything. */
  for (k = 0; k < 16; ++k) {
    if (k == RSP || k == R15) continue;
    CHECK(vm->r[k] == s.r[k], "%s%s: r%u native %#" PRIx64 " vm %#" PRIx64,
          name, mem ? " mem" : "", k, s.r[k], vm->r[k]);
  }
  CHECK((flags_get(vm) & FLAGS_ARITH) == (s.rflags & FLAGS_ARITH),
        "%s: flags native %#" PRIx64 " vm %#" PRIx64, name,
        s.rflags & FLAGS_ARITH, flags_get(vm) & FLAGS_ARITH);
  CHECK(vm->mxcsr == s.mxcsr, "%s%s: mxcsr native %#x vm %#x (was %#x)",
        name, mem ? " mem" : "", s.mxcsr, vm->mxcsr, s0.mxcsr);
  for (k = 0; k < 16; ++k) {
    int ok = !memcmp(&vm->xmm[k], &s.xmm[k], 16);
    CHECK(ok, "%s%s: xmm%u differs (reg %u rm %u imm %#x mxcsr %#x)", name,
          mem ? " mem" : "", k, reg, rm, imm, s0.mxcsr);
    if (!ok && verbose) {
      hexdump("bytes", b, n);
      hexdump("in  dst", &s0.xmm[k], 16);
      if (!mem) hexdump("in  src", &s0.xmm[rm], 16);
      hexdump("native", &s.xmm[k], 16);
      hexdump("vm", &vm->xmm[k], 16);
    }
  }
  for (k = 0; k < 8; ++k)
    CHECK(vm->mmx[k] == s.mmx[k],
          "%s%s: mm%u native %#" PRIx64 " vm %#" PRIx64, name,
          mem ? " mem" : "", k, s.mmx[k], vm->mmx[k]);
  {
    uint8_t vpage[4096];
    mem_read_bytes(vm, PAGE, vpage, 4096);
    if (c->fxsave) {
      /* fxsave: x87 pointers and MXCSR_MASK are host details. */
      const uint8_t *a = page_out + 0x800 + disp, *v = vpage + 0x800 + disp;
      CHECK(!memcmp(a + 24, v + 24, 4), "fxsave: mxcsr");
      CHECK(!memcmp(a + 160, v + 160, 256), "fxsave: xmm area");
      CHECK(!memcmp(a + 0, v + 0, 2), "fxsave: fcw");
      CHECK(a[4] == v[4], "fxsave: ftw native %#x vm %#x", a[4], v[4]);
      CHECK(!memcmp(a + 416, v + 416, 96), "fxsave: reserved area");
    } else {
      int ok = !memcmp(vpage, page_out, 4096);
      CHECK(ok, "%s: memory differs", name);
      if (!ok && verbose)
        for (k = 0; k < 4096; ++k)
          if (vpage[k] != page_out[k])
            fprintf(stderr, "  page+%#x native %02x vm %02x\n", k,
                    page_out[k], vpage[k]);
    }
  }
}

/* ---- every cell of the SSE opcode space ----------------------------------
 *
 * Every opcode of the 0F (SSE and MMX rows), 0F38 and 0F3A maps, with
 * each mandatory prefix and both ModRM forms, from random states: the
 * host says which encodings exist (SIGILL when not), and whatever runs is
 * compared like the table's forms. This finds forms the table misses and
 * prefixes a handler accepts that the CPU rejects, or the other way. */

/* Cells the host has and the VM does not offer (CPUID says so), or that
 * belong to others (general-purpose 0F38 F0-FF, privileged 0F38 80-82). */
static int scan_skip(unsigned map, unsigned op, unsigned pfx) {
  if (map == MAP_0F) {
    if ((op == 0x78 || op == 0x79) && (pfx == 0x66 || pfx == 0xf2))
      return 1;                               /* SSE4a extrq, insertq */
    if (op == 0x2b && (pfx == 0xf2 || pfx == 0xf3))
      return 1;                               /* SSE4a movntsd, movntss */
    return 0;
  }
  if (map == MAP_0F38) {
    if (op >= 0xc8 && op <= 0xcf) return 1;   /* SHA, GFNI */
    if (op >= 0xd8 && op <= 0xdf) return 1;   /* AES, Key Locker */
    if (op >= 0x80 && op <= 0x82) return 1;   /* invept, invvpid, invpcid */
    if (op >= 0xf0) return 1;                 /* movbe, crc32, BMI, ADX */
    return 0;
  }
  if (op == 0xcc || op == 0xce || op == 0xcf || op == 0xdf) return 1;
  return 0;                                   /* SHA, GFNI, AES */
}

static int scan_has_imm(unsigned map, unsigned op) {
  if (map == MAP_0F3A) return 1;
  if (map == MAP_0F38) return 0;
  return (op >= 0x70 && op <= 0x73) || (op >= 0xc2 && op <= 0xc6);
}

static void scan_one(unsigned map, unsigned op, unsigned pfx, int mem) {
  static const uint8_t regs[] = {0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
  static const int8_t disps[] = {0, 16, 32, -16, 0x70, -0x80, 8, 4};
  uint8_t b[20];
  char name[48];
  struct Insn ins;
  struct NState s0;
  unsigned n = 0, reg = regs[rndn(N(regs))], rm = regs[rndn(N(regs))];
  unsigned rex = 0x40;
  int8_t disp = disps[rndn(rndn(4) ? 3 : N(disps))];
  uint8_t imm = (uint8_t)rnd();
  int rc;
  if (pfx >> 8) b[n++] = (uint8_t)(pfx >> 8);  /* two prefixes: 0xAABB */
  if (pfx & 0xff) b[n++] = (uint8_t)pfx;
  if (!rndn(4)) rex |= 8;
  if (reg & 8) rex |= 4;
  if (!mem && (rm & 8)) rex |= 1;
  if (rex != 0x40) b[n++] = (uint8_t)rex;
  b[n++] = 0x0f;
  if (map == MAP_0F38) b[n++] = 0x38;
  if (map == MAP_0F3A) b[n++] = 0x3a;
  b[n++] = (uint8_t)op;
  if (mem) {
    b[n++] = (uint8_t)(1 << 6 | (reg & 7) << 3 | RBX);
    b[n++] = (uint8_t)disp;
  } else {
    b[n++] = (uint8_t)(3 << 6 | (reg & 7) << 3 | (rm & 7));
  }
  if (scan_has_imm(map, op)) b[n++] = imm;
  rc = decode_insn(&ins, b, n, MODE_LONG);
  if (rc == DECODE_OK) {
    CHECK(ins.len == n, "scan %04x %s %02x: decoded length %u, expected %u",
          pfx, map == MAP_0F ? "0F" : map == MAP_0F38 ? "0F38" : "0F3A", op,
          ins.len, n);
    if (ins.len != n) return;
    if (rndn(2)) {
      OpFn fast = fast_select_sse(&ins, MODE_LONG);
      if (fast) ins.fn = fast, fast_cases++;
    }
  } else {
    memset(&ins, 0, sizeof(ins));
    ins.fn = op_ud;
    ins.len = (uint8_t)n;
  }
  snprintf(name, sizeof(name), "scan %04x %s %02x /%u%s", pfx,
           map == MAP_0F ? "0F" : map == MAP_0F38 ? "0F38" : "0F3A", op,
           reg & 7, mem ? " mem" : "");
  rnd_state(&s0);
  {
    struct Case c = {name, b, n, &ins, mem, reg, rm, imm, 0, disp};
    exec_compare(&c, &s0);
  }
}

/* Group 15 (0F AE) by ModRM.reg with each prefix: the fences, clflush
 * and friends, and the encodings around them that must be #UD. Left out:
 * fxsave/fxrstor (the table has them), xsave/xrstor/xsaveopt (the host
 * has them, CPUID says the VM does not) and F3 0F AE /0-/3 with a
 * register (rd/wr fs/gs base, enabled on the host, not offered here). */
static void test_scan_grp15(int iters) {
  static const unsigned pfxs[] = {0, 0x66, 0xf3, 0xf2};
  static const int8_t disps[] = {0, 16, 32, -16, 0x70, -0x80, 8, 4};
  for (unsigned p = 0; p < N(pfxs); ++p)
    for (unsigned ext = 0; ext < 8; ++ext)
      for (int mem = 0; mem < 2; ++mem) {
        if (mem && (ext <= 1 || ext == 4 || ext == 5)) continue;
        if (mem && ext == 6 && pfxs[p] == 0) continue;
        if (!mem && pfxs[p] == 0xf3 && ext <= 3) continue;
        /* Register forms with 66/F2/F3 at /4-/7 are newer instructions
         * on Intel (ptwrite, incssp, tpause, umonitor, umwait ...) that
         * the VM does not offer; this AMD host has none of them. */
        if (!mem && pfxs[p] && ext >= 4 && !host_amd) continue;
        if (mem && pfxs[p] == 0x66 && ext >= 6 && !host_clwb) continue;
        for (int k = 0; k < iters; ++k) {
          uint8_t b[8];
          char name[48];
          unsigned n = 0, rm = 1 + rndn(2);
          struct Insn ins;
          struct NState s0;
          int8_t disp = disps[rndn(N(disps))];
          if (pfxs[p]) b[n++] = (uint8_t)pfxs[p];
          b[n++] = 0x0f;
          b[n++] = 0xae;
          if (mem) {
            b[n++] = (uint8_t)(0x40 | ext << 3 | RBX);
            b[n++] = (uint8_t)disp;
          } else {
            b[n++] = (uint8_t)(0xc0 | ext << 3 | rm);
          }
          if (decode_insn(&ins, b, n, MODE_LONG) != DECODE_OK || ins.len != n) {
            memset(&ins, 0, sizeof(ins));
            ins.fn = op_ud;
            ins.len = (uint8_t)n;
          }
          snprintf(name, sizeof(name), "scan %02x 0F AE /%u%s", pfxs[p], ext,
                   mem ? " mem" : "");
          rnd_state(&s0);
          if (mem && ext == 2) {
            uint32_t c = rnd_mxcsr();
            memcpy(page_img + 0x800 + disp, &c, 4);
          }
          struct Case c = {name, b, n, &ins, mem, ext, rm, 0, 0, disp};
          exec_compare(&c, &s0);
        }
      }
}

static void test_scan(int iters) {
  test_scan_grp15(iters);
  static const unsigned pfxs[] = {0, 0x66, 0xf3, 0xf2};
  static const unsigned pairs[] = {0xf3f2, 0xf2f3, 0x66f2, 0x66f3, 0xf266,
                                   0xf366};
  unsigned op, p;
  for (unsigned map = MAP_0F; map <= MAP_0F3A; ++map)
    for (op = 0; op < 256; ++op) {
      if (map == MAP_0F &&
          !((op >= 0x10 && op <= 0x17) || (op >= 0x28 && op <= 0x2f) ||
            (op >= 0x50 && op <= 0x7f) || op == 0xc2 ||
            (op >= 0xc4 && op <= 0xc6) || op >= 0xd0))
        continue;
      /* 0F 77 (emms) has no ModRM byte: test_mmx_state has it. */
      if (map == MAP_0F && (op == 0x38 || op == 0x3a || op == 0x77)) continue;
      for (p = 0; p < N(pfxs); ++p) {
        if (scan_skip(map, op, pfxs[p])) continue;
        for (int k = 0; k < iters; ++k) scan_one(map, op, pfxs[p], k & 1);
      }
      /* Two mandatory-prefix candidates: the last F2/F3 decides, and
       * either of them overrides 66. */
      for (p = 0; p < N(pairs); ++p) {
        unsigned a = pairs[p] >> 8, b = pairs[p] & 0xff;
        unsigned eff = b != 0x66 ? b : a;
        if (scan_skip(map, op, eff)) continue;
        for (int k = 0; k < (iters + 3) / 4; ++k)
          scan_one(map, op, pairs[p], k & 1);
      }
    }
}

/* ---- MMX and the x87 unit, against the host ------------------------------
 *
 * From a random x87 state (any TOP, tags, register contents, sometimes an
 * unmasked exception pending), one instruction that uses MMX registers
 * runs natively as
 *     fxrstor (%r14); <insn>; fxsave 512(%r14); fnstenv 1024(%r14); ret
 * and in the VM between sse_fxrstor and sse_fxsave. Compared: the control
 * and status words (TOP), the abridged and the full tag word, the eight
 * registers (an MMX write sets the exponent to all ones), the XMM
 * registers, EAX, the data page, and #MF (SIGFPE) for a pending x87
 * exception. SSE forms that read memory instead of an MMX register do not
 * switch to MMX state: the host shows which. */

void native_mmx(uint64_t *regs, uint8_t *imgs, const uint8_t *code);
__asm__(".text\n\t"
        ".globl native_mmx\n\t"
        ".type native_mmx,@function\n"
        "native_mmx:\n\t"
        "push %rbx\n\tpush %r14\n\tpush %r15\n\t"
        "sub $16, %rsp\n\tstmxcsr (%rsp)\n\t"
        "mov %rdi, %r15\n\tmov %rsi, %r14\n\tmov %rdx, %r11\n\t"
        "mov 0(%r15), %rax\n\tmov 8(%r15), %rbx\n\tmov 16(%r15), %rdi\n\t"
        "call *%r11\n\t"
        "mov %rax, 0(%r15)\n\t"
        /* fxrstor loaded the guest's MXCSR: put the host's back */
        "ldmxcsr (%rsp)\n\tadd $16, %rsp\n\t"
        "pop %r15\n\tpop %r14\n\tpop %rbx\n\t"
        "ret\n\t"
        ".size native_mmx, .-native_mmx\n\t");

/* Operand kinds: an MMX register, an XMM register (0-7), EAX only. */
enum { O_MM = 1, O_XM, O_EAX };
struct MmxForm {
  const char *name;
  uint8_t pfx, map, op;
  uint8_t regk, rmk;   /* 0 for emms (no ModRM); regk 0x80|n: /n */
  uint8_t forms;       /* F_R, F_M */
  uint8_t imm;
};

static const struct MmxForm mmx_forms[] = {
    {"paddb mm", 0, MAP_0F, 0xfc, O_MM, O_MM, F_RM, 0},
    {"movq mm", 0, MAP_0F, 0x6f, O_MM, O_MM, F_RM, 0},
    {"movq.st mm", 0, MAP_0F, 0x7f, O_MM, O_MM, F_RM, 0},
    {"movd mm, r", 0, MAP_0F, 0x6e, O_MM, O_EAX, F_RM, 0},
    {"movd r, mm", 0, MAP_0F, 0x7e, O_MM, O_EAX, F_RM, 0},
    {"pmovmskb r, mm", 0, MAP_0F, 0xd7, O_EAX, O_MM, F_R, 0},
    {"pextrw r, mm", 0, MAP_0F, 0xc5, O_EAX, O_MM, F_R, 1},
    {"pinsrw mm, r", 0, MAP_0F, 0xc4, O_MM, O_EAX, F_RM, 1},
    {"pshufw", 0, MAP_0F, 0x70, O_MM, O_MM, F_RM, 1},
    {"psrlw mm, i", 0, MAP_0F, 0x71, 0x82, O_MM, F_R, 1},
    {"pshufb mm", 0, MAP_0F38, 0x00, O_MM, O_MM, F_RM, 0},
    {"palignr mm", 0, MAP_0F3A, 0x0f, O_MM, O_MM, F_RM, 1},
    {"movntq", 0, MAP_0F, 0xe7, O_MM, O_MM, F_M, 0},
    {"maskmovq", 0, MAP_0F, 0xf7, O_MM, O_MM, F_R, 0},
    {"emms", 0, MAP_0F, 0x77, 0, 0, 0, 0},
    {"movq2dq", 0xf3, MAP_0F, 0xd6, O_XM, O_MM, F_R, 0},
    {"movdq2q", 0xf2, MAP_0F, 0xd6, O_MM, O_XM, F_R, 0},
    {"cvtpi2ps", 0, MAP_0F, 0x2a, O_XM, O_MM, F_RM, 0},
    {"cvtpi2pd", 0x66, MAP_0F, 0x2a, O_XM, O_MM, F_RM, 0},
    {"cvtps2pi", 0, MAP_0F, 0x2d, O_MM, O_XM, F_RM, 0},
    {"cvttps2pi", 0, MAP_0F, 0x2c, O_MM, O_XM, F_RM, 0},
    {"cvtpd2pi", 0x66, MAP_0F, 0x2d, O_MM, O_XM, F_RM, 0},
    {"cvttpd2pi", 0x66, MAP_0F, 0x2c, O_MM, O_XM, F_RM, 0},
    {"paddb xmm (no MMX)", 0x66, MAP_0F, 0xfc, O_XM, O_XM, F_RM, 0},
};

/* An 80-bit register image: the kinds that tag differently. */
static void rnd_f80(uint8_t *p) {
  uint64_t mant = rnd();
  uint16_t se = (uint16_t)rnd();
  switch (rndn(7)) {
    case 0: mant = 0, se &= 0x8000; break;                       /* zero */
    case 1: mant &= ~(1ull << 63), se &= 0x8000; break;         /* denormal */
    case 2: mant = 1ull << 63, se |= 0x7fff; break;             /* infinity */
    case 3: se |= 0x7fff; break;                                 /* NaN */
    case 4: se = 0xffff; break;                                  /* MMX */
    case 5: mant &= ~(1ull << 63); break;                        /* unnormal */
    default: mant |= 1ull << 63; se = (se & 0x8000) | 0x3fff; break;
  }
  memcpy(p, &mant, 8);
  memcpy(p + 8, &se, 2);
}

/* Runs code_buf natively through native_mmx; 0 or the signal raised. */
static int native_mmx_exec(uint64_t *regs, uint8_t *imgs) {
  native_sig = 0;
  if (sigsetjmp(native_jb, 1)) {
    unsigned csr = 0x1f80;
    __asm__ volatile("fninit\n\tldmxcsr %0" : : "m"(csr));
    return native_sig;
  }
  native_mmx(regs, imgs, code_buf);
  return 0;
}

static void test_mmx_x87(int iters) {
  static uint8_t imgs[1536] __attribute__((aligned(16)));
  uint8_t in[512] __attribute__((aligned(16))), vimg[512];
  uint8_t b[32], vpage[4096];
  unsigned f, k;
  for (f = 0; f < N(mmx_forms); ++f) {
    const struct MmxForm *t = &mmx_forms[f];
    for (int it = 0; it < iters; ++it) {
      unsigned n = 0, len, mem = 0, reg = 0, rm = 0;
      uint64_t regs[3], rax0, rdi0, rbx0;
      unsigned mdisp = 0;
      uint16_t cw, sw, ftw_full, vtw = 0;
      int sig, vsig, rc;
      struct Insn ins;
      /* The instruction. */
      if ((t->forms & F_RM) == F_RM) mem = rndn(3) == 0;
      else mem = t->forms == F_M;
      reg = t->regk & 0x80 ? t->regk & 7 : t->regk == O_EAX ? 0 : rndn(8);
      rm = t->rmk == O_EAX ? 0 : rndn(8);
      if (t->pfx) b[n++] = t->pfx;
      b[n++] = 0x0f;
      if (t->map == MAP_0F38) b[n++] = 0x38;
      if (t->map == MAP_0F3A) b[n++] = 0x3a;
      b[n++] = t->op;
      if (t->regk) {
        if (mem) {
          b[n++] = (uint8_t)(0x40 | reg << 3 | RBX);
          mdisp = rndn(4) * 16;
          b[n++] = (uint8_t)mdisp;
        } else {
          b[n++] = (uint8_t)(0xc0 | reg << 3 | rm);
        }
      }
      if (t->imm) b[n++] = (uint8_t)rnd();
      len = n;
      rc = decode_insn(&ins, b, len, MODE_LONG);
      CHECK(rc == DECODE_OK && ins.len == len, "%s: decode", t->name);
      if (rc != DECODE_OK) continue;
      if (rndn(2)) {
        OpFn fast = fast_select_sse(&ins, MODE_LONG);
        if (fast) ins.fn = fast;
      }

      /* The state: an FXSAVE image. */
      memset(in, 0, sizeof(in));
      cw = 0x037f;
      if (!rndn(4)) cw &= (uint16_t)~(1u << rndn(6));
      sw = (uint16_t)(rndn(8) << 11);
      if (!rndn(3)) sw |= (uint16_t)(rnd() & 0x3f);
      if (sw & ~cw & 0x3f) sw |= 0x8080; /* ES and B: pending */
      memcpy(in + 0, &cw, 2);
      memcpy(in + 2, &sw, 2);
      in[4] = rndn(3) ? (uint8_t)rnd() : rndn(2) ? 0xff : 0;
      {
        /* Mostly no unmasked SIMD exception; when there is one, the x87
         * state at the #XM is compared too. */
        uint32_t csr = rndn(2) ? 0x1f80 : rnd_mxcsr();
        if (rndn(4)) csr |= 0x1f80;
        memcpy(in + 24, &csr, 4);
      }
      for (k = 0; k < 8; ++k) rnd_f80(in + 32 + 16 * k);
      for (k = 0; k < 16; ++k) rnd_xmm((Xmm *)(in + 160 + 16 * k));
      for (k = 0; k < 4096; k += 16) rnd_xmm((Xmm *)(page_img + k));
      regs[0] = rax0 = rnd_gpr();
      /* Sometimes the operand straddles the end of the page: the #PF
       * must find the x87 state as the host's does. */
      regs[1] = rbx0 = mem && !rndn(6) ? PAGE + 4096 - 2 - 2 * rndn(2) - mdisp
                                      : PAGE + 0x800;
      regs[2] = rdi0 = PAGE + 0x400 + rndn(64);

      /* Native. */
      {
        static const uint8_t pre[] = {0x41, 0x0f, 0xae, 0x0e};
        static const uint8_t post[] = {0x41, 0x0f, 0xae, 0x86, 0, 2, 0, 0,
                                       0x41, 0xd9, 0xb6, 0, 4, 0, 0,
                                       0xdb, 0xe3, 0xc3};
        memcpy(code_buf, pre, sizeof(pre));
        memcpy(code_buf + sizeof(pre), b, len);
        memcpy(code_buf + sizeof(pre) + len, post, sizeof(post));
      }
      memcpy(imgs, in, 512);
      memset(imgs + 512, 0, 1024);
      memcpy(host_page, page_img, 4096);
      sig = native_mmx_exec(regs, imgs);
      memcpy(page_out, host_page, 4096);

      /* VM. */
      x87_reset(vm);
      CHECK(sse_fxrstor(vm, in, 16) == 0, "%s: fxrstor", t->name);
      vm->r[RAX] = rax0;
      vm->r[RBX] = rbx0;
      vm->r[RDI] = rdi0;
      mem_write_bytes(vm, PAGE, page_img, 4096);
      vsig = vector_signal(vm_exec(&ins));
      CHECK(sig == vsig, "%s%s: native signal %d, vm %d (fsw %#x fcw %#x)",
            t->name, mem ? " mem" : "", sig, vsig, sw, cw);
      if (sig != vsig) {
        if (verbose) {
          hexdump("bytes", b, len);
          hexdump("in", in, 32);
          fprintf(stderr, "  n %u len %u mem %u reg %u rm %u insn.len %u\n", n, len, mem, reg, rm, ins.len);
        }
        continue;
      }
      if (sig) {
        /* Nothing written (EAX, memory); the x87 state the signal frame
         * shows: TOP, tags, registers. */
        CHECK(vm->r[RAX] == rax0, "%s%s: rax written by a faulting instruction",
              t->name, mem ? " mem" : "");
        mem_read_bytes(vm, PAGE, vpage, 4096);
        CHECK(!memcmp(vpage, page_out, 4096),
              "%s%s: memory written by a faulting instruction", t->name,
              mem ? " mem" : "");
        sse_fxsave(vm, vimg, 16);
        int ok = !memcmp(sig_fx, vimg, 4) && sig_fx[4] == vimg[4];
        for (k = 0; k < 8; ++k)
          ok &= !memcmp(sig_fx + 32 + 16 * k, vimg + 32 + 16 * k, 10);
        CHECK(ok, "%s%s: x87 state at the fault differs (fsw %#x/%#x ftw "
              "%#x/%#x)", t->name, mem ? " mem" : "", sig_fx[2] | sig_fx[3] << 8,
              vimg[2] | vimg[3] << 8, sig_fx[4], vimg[4]);
        continue;
      }
      sse_fxsave(vm, vimg, 16);
      for (k = 0; k < 8; ++k) vtw |= (uint16_t)(x87_tag(vm, k) << 2 * k);
      memcpy(&ftw_full, imgs + 1024 + 8, 2);
      {
        const uint8_t *a = imgs + 512;
        int ok = !memcmp(a, vimg, 4) && a[4] == vimg[4] &&
                 !memcmp(a + 24, vimg + 24, 4);
        for (k = 0; k < 8; ++k) ok &= !memcmp(a + 32 + 16 * k, vimg + 32 + 16 * k, 10);
        CHECK(ok, "%s%s: x87 state differs (fsw %#x/%#x ftw %#x/%#x)",
              t->name, mem ? " mem" : "", a[2] | a[3] << 8,
              vimg[2] | vimg[3] << 8, a[4], vimg[4]);
        if (!ok && verbose) {
          hexdump("bytes", b, len);
          hexdump("in", in, 160);
          hexdump("native", a, 160);
          hexdump("vm", vimg, 160);
        }
        CHECK(ftw_full == vtw, "%s%s: full tag word native %#x vm %#x",
              t->name, mem ? " mem" : "", ftw_full, vtw);
        CHECK(!memcmp(a + 160, vimg + 160, 256), "%s%s: xmm differs",
              t->name, mem ? " mem" : "");
      }
      CHECK(vm->r[RAX] == regs[0], "%s: rax native %#" PRIx64 " vm %#" PRIx64,
            t->name, regs[0], vm->r[RAX]);
      mem_read_bytes(vm, PAGE, vpage, 4096);
      CHECK(!memcmp(vpage, page_out, 4096), "%s: memory differs", t->name);
    }
  }
}

/* ---- MMX / x87 state ------------------------------------------------------ */

static void test_mmx_state(void) {
  struct Insn ins;
  uint8_t b[16];
  static const struct T paddb = {"paddb", 0, MAP_0F, 0xfc, K_M, K_M, F_RM, 0};
  static const struct T emms = {"emms", 0, MAP_0F, 0x77, 0, 0, 0, 0};
  x87_reset(vm);
  encode(&paddb, 2, 3, 0, 0, 0, 0, b, &ins);
  vm->mmx[2] = 0x0102030405060708ull;
  vm->mmx[3] = 0x1010101010101010ull;
  CHECK(vm_exec(&ins) == -1, "paddb mm faulted");
  CHECK(vm->mmx[2] == 0x1112131415161718ull, "paddb mm result");
  CHECK(vm->fpu_top == 0, "MMX sets TOP to 0");
  CHECK(x87_tag(vm, 2) == X87_TAG_SPECIAL, "MMX register tagged special");
  CHECK(x87_tag(vm, 0) != X87_TAG_EMPTY, "MMX tags every register in use");
  {
    uint64_t mant;
    uint16_t se;
    memcpy(&mant, &vm->fpu_st[2], 8);
    memcpy(&se, (char *)&vm->fpu_st[2] + 8, 2);
    CHECK(mant == vm->mmx[2] && se == 0xffff, "MMX write aliases st2");
  }
  encode(&emms, 0, 0, 0, 0, 0, 0, b, &ins);
  CHECK(vm_exec(&ins) == -1, "emms faulted");
  CHECK(vm->fpu_tw == 0xffff, "emms empties the tag word");
}

/* fxsave then fxrstor round-trips the whole state, x87 included. */
static void test_fxsave_roundtrip(void) {
  uint8_t img[512], img2[512];
  struct Machine save;
  unsigned k;
  x87_reset(vm);
  for (k = 0; k < 16; ++k) rnd_xmm(&vm->xmm[k]);
  vm->mxcsr = 0x3f80 | 0x15;
  vm->fpu_cw = 0x27f;
  vm->fpu_st[7] = 3.25L;
  vm->fpu_st[6] = 0.0L;
  vm->fpu_top = 6;
  vm->fpu_sw = 6 << 11;
  vm->fpu_tw = 0x0fff | (X87_TAG_ZERO << 12);
  memset(img, 0xcc, sizeof(img));
  {
    sse_fxsave(vm, img, 16);
    CHECK(img[4] == 0xc0, "fxsave abridged tags %#x", img[4]);
    CHECK(img[2] == 0 && img[3] == 0x30, "fxsave fsw with top");
    save = *vm;
    x87_reset(vm);
    memset(vm->xmm, 0, sizeof(vm->xmm));
    vm->mxcsr = 0x1f80;
    CHECK(sse_fxrstor(vm, img, 16) == 0, "fxrstor");
    CHECK(vm->fpu_top == 6 && vm->fpu_tw == save.fpu_tw, "fxrstor tags %#x",
          vm->fpu_tw);
    CHECK(vm->fpu_st[7] == 3.25L && vm->mxcsr == save.mxcsr &&
              !memcmp(vm->xmm, save.xmm, sizeof(vm->xmm)),
          "fxrstor contents");
    sse_fxsave(vm, img2, 16);
    CHECK(!memcmp(img, img2, 416), "fxsave round trip");
    img[25] = 0, img[26] = 1; /* MXCSR bit 16: reserved */
    CHECK(sse_fxrstor(vm, img, 16) == -1, "fxrstor rejects reserved MXCSR");
  }
}

/* 16-byte accesses across a page boundary: a load sees both pages; a
 * store whose second page is read-only faults without writing the first
 * half (the CPU checks the whole access before writing any of it). */
static void test_page_cross(void) {
  static const struct T movdqu = {"movdqu", 0xf3, MAP_0F, 0x6f, K_X, K_X, F_RM, 0};
  static const struct T movdqu_st = {"movdqu.st", 0xf3, MAP_0F, 0x7f, K_X, K_X, F_RM, 0};
  const uint64_t base = 0x30000000;
  uint8_t b[16], pat[32], got[32];
  struct Insn ins;
  unsigned k;
  for (k = 0; k < 32; ++k) pat[k] = (uint8_t)(0xa0 + k);
  CHECK(mem_map(vm, base, 2 * 4096, MPROT_READ | MPROT_WRITE, -1, 0) == 0,
        "map two pages");
  mem_write_bytes(vm, base + 4096 - 16, pat, 32);
  vm->r[RBX] = base + 4096 - 8 - 0x10;
  encode(&movdqu, 5, 0, 1, 0x10, 0, 0, b, &ins);
  CHECK(vm_exec(&ins) == -1 && !memcmp(&vm->xmm[5], pat + 8, 16),
        "movdqu load across pages");
  CHECK(mem_protect(vm, base + 4096, 4096, MPROT_READ) == 0, "protect");
  memset(&vm->xmm[6], 0x55, 16);
  encode(&movdqu_st, 6, 0, 1, 0x10, 0, 0, b, &ins);
  CHECK(vm_exec(&ins) == EXC_PF, "movdqu store into a read-only page faults");
  mem_read_bytes(vm, base + 4096 - 16, got, 32);
  CHECK(!memcmp(got, pat, 32), "a faulting 16-byte store writes nothing");
  /* And a store inside one page, through the TLB. */
  vm->r[RBX] = base + 0x100 - 0x10;
  CHECK(vm_exec(&ins) == -1, "movdqu store");
  mem_read_bytes(vm, base + 0x100, got, 16);
  CHECK(!memcmp(got, &vm->xmm[6], 16), "movdqu store result");
  mem_unmap(vm, base, 2 * 4096);
}

/* The handlers reach the test through optab[], whose weak op_ud aliases
 * would satisfy the linker on their own: an archive member is never
 * pulled in to override a weak definition. Naming one handler of each
 * ops-sse*.c file here makes the link take them (and checks that the
 * opcode table points at them). */
static void test_linked(void) {
  CHECK(op_sse_10 != op_ud, "ops-sse-mov.c not linked");
  CHECK(op_sse_fc != op_ud, "ops-sse-int.c not linked");
  CHECK(op_sse_58 != op_ud, "ops-sse-fp.c not linked");
  CHECK(op_grp15 != op_ud, "ops-sse.c not linked");
  CHECK(op_sse38_17 != op_ud, "ops-sse-41.c not linked");
  CHECK(op_sse3a_63 != op_ud, "ops-sse-42.c not linked");
  CHECK(optab[MAP_0F][0x58] == op_sse_58 && optab[MAP_0F38][0x00] == op_sse38_00 &&
            optab[MAP_0F3A][0x0f] == op_sse3a_0f,
        "opcode tables do not name the SSE handlers");
}

int main(int argc, char **argv) {
  struct sigaction sa;
  int iters = argc > 1 ? atoi(argv[1]) : 300;
  verbose = getenv("V") != NULL;
  if (getenv("SEED")) rng ^= strtoull(getenv("SEED"), NULL, 0) * 0x9e3779b97f4a7c15ull;
  if (!rng) rng = 1;
  {
    unsigned a, b, c, d;
    __cpuid(0, a, b, c, d);
    host_amd = b == 0x68747541 && d == 0x69746e65 && c == 0x444d4163;
    if (a >= 7) {
      __cpuid_count(7, 0, a, b, c, d);
      host_clwb = (b >> 23 & 1) && (b >> 24 & 1);
    }
  }
  log_init("/dev/null", 0);

  memset(&sa, 0, sizeof(sa));
  sa.sa_sigaction = on_signal;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigaction(SIGSEGV, &sa, NULL);
  sigaction(SIGILL, &sa, NULL);
  sigaction(SIGFPE, &sa, NULL);
  sigaction(SIGBUS, &sa, NULL);

  code_buf = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  host_page = mmap((void *)(uintptr_t)PAGE, 4096, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  /* The page after it must fault natively, as it does in the VM. */
  if (mmap((void *)(uintptr_t)(PAGE + 4096), 4096, PROT_NONE,
           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0) ==
      MAP_FAILED) {
    fprintf(stderr, "test-sse: cannot map the guard page\n");
    return 2;
  }
  if (code_buf == MAP_FAILED || host_page != (void *)(uintptr_t)PAGE) {
    fprintf(stderr, "test-sse: cannot map test pages\n");
    return 2;
  }
  vm = vm_new();
  vm->on_exception = on_exc;
  if (mem_map(vm, PAGE, 4096, MPROT_READ | MPROT_WRITE, -1, 0)) {
    fprintf(stderr, "test-sse: mem_map failed\n");
    return 2;
  }

  test_linked();
  /* T=name runs only the table entries of that name. */
  const char *only = getenv("T");
  for (size_t t = 0; t < N(table); ++t)
    if (!only || !strcmp(only, table[t].name))
      for (int k = 0; k < iters; ++k) run_one(&table[t]);
  test_mmx_state();
  test_fxsave_roundtrip();
  test_page_cross();
  if (!only || !strcmp(only, "mmx-x87")) test_mmx_x87(iters);
  if (!only || !strcmp(only, "scan")) test_scan(iters / 10 > 4 ? iters / 10 : 4);

  printf("test-sse: %lu cases ran a decode-time fast path\n", fast_cases);
  printf("test-sse: %d checks, %d failures\n", checks, failures);
  return failures != 0;
}
