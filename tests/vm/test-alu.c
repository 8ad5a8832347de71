/* test-alu.c: differential test of the integer, flag, shift, bit and BCD
 * handlers against the host CPU.
 *
 * Every case is a real instruction encoding. The host runs it natively:
 * a small trampoline loads all sixteen registers and RFLAGS from a state
 * record, jumps to the instruction copied into an executable buffer, and
 * stores registers and RFLAGS back (SIGFPE / SIGILL become "fault"). The
 * VM decodes the same bytes with decode_insn(), checks that the decoder
 * chose the handler we mean to test, and runs it on a Machine holding the
 * same registers, flags and memory. Registers, the flags the manual
 * defines for the instruction (see flag_table below), memory around the
 * operand, the fault vector, and every flags_cond()/flags_xx() answer on
 * the lazy state are compared.
 *
 * 16- and 32-bit-only instructions (daa, das, aaa, aas, aam, aad, salc,
 * inc/dec 40-4F) run natively in a 32-bit compatibility-mode code segment
 * (selector 0x23 on Linux) reached with a far call from a buffer below
 * 4 GiB.
 *
 * Usage: test-alu [-v] [-c] [-u] [-s SEED] [-n ITERATIONS]
 * (-c: no chaining; -u: the #UD sweep over the opcode maps, see sweep())
 * Prints "test-alu: N checks, M failures"; exits 1 on any failure.
 * Differences in flags the manual leaves undefined are counted and
 * listed separately (with -v) but are not failures. */
#define _GNU_SOURCE
#include <inttypes.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#if !defined(__x86_64__) || !defined(__linux__)
#include <stdio.h>
/* The reference is the host CPU: nothing to compare with elsewhere. */
int main(void) {
  printf("test-alu: 0 checks, 0 failures (needs an x86-64 Linux host)\n");
  return 0;
}
#else
#include "decode.h"
#include "flags.h"
#include "insn.h"
#include "log.h"
#include "machine.h"
#include "memory.h"
#include "ops.h"
#include "operand.h"
#include "optab.h"
#include "vm.h"

/* ------------------------------------------------------------ state */

struct St {
  uint64_t r[16];
  uint64_t fl;
};

static long checks, failures, undef_diffs;
static int verbose;
static long iters = 150;

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void) {
  uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static uint64_t trunc_to(uint64_t x, unsigned size) {
  return size >= 8 ? x : x & ((1ull << (size * 8)) - 1);
}

/* Values that find carry, overflow and sign mistakes. */
static uint64_t edge_value(unsigned k, unsigned size) {
  uint64_t sb = 1ull << (size * 8 - 1);
  switch (k % 20) {
    case 0: return 0;
    case 1: return 1;
    case 2: return 2;
    case 3: return sb - 1;
    case 4: return sb;
    case 5: return ~0ull;
    case 6: return ~1ull;
    case 7: return sb + 1;
    case 8: return sb - 2;
    case 9: return 0x5555555555555555ull;
    case 10: return 0xaaaaaaaaaaaaaaaaull;
    case 11: return 0x0f;
    case 12: return 0x10;
    case 13: return 0xf0;
    case 14: return size * 8 - 1;
    case 15: return size * 8;
    case 16: return size * 8 + 1;
    case 17: return 0x99;
    case 18: return 0x8000;
    default: return rnd() & 0xff;
  }
}

static uint64_t pick(unsigned size) {
  uint64_t v;
  switch (rnd() % 4) {
    case 0:
    case 1: v = edge_value((unsigned)rnd(), size); break;
    case 2: v = rnd() >> (rnd() % 64); break;
    default: v = rnd(); break;
  }
  return trunc_to(v, size);
}

static uint64_t random_flags(void) {
  return 2 | (rnd() & FLAGS_ARITH);
}

static void random_regs(struct St *s) {
  for (int k = 0; k < 16; ++k) s->r[k] = rnd();
  s->r[RSP] = 0;
  s->fl = random_flags();
}

/* Writes a register operand the way an instruction would see it, keeping
 * the other bits (random upper halves test the x86-64 zeroing rules). */
static void set_reg(struct St *s, unsigned r, unsigned size, int rex,
                    uint64_t v) {
  if (size == 1 && r >= 4 && r < 8 && !rex) {
    s->r[r - 4] = (s->r[r - 4] & ~0xff00ull) | ((v & 0xff) << 8);
  } else if (size >= 8) {
    s->r[r] = v;
  } else {
    uint64_t mask = (1ull << (size * 8)) - 1;
    s->r[r] = (s->r[r] & ~mask) | (v & mask);
  }
}

/* ------------------------------------------------------------ encoder */

#define MEM (-1) /* rm: memory operand [rbx + disp32] */
#define MEM_BASE RBX

struct Enc {
  int map;      /* MAP_* */
  int op;
  int osz;      /* 1 (byte form), 2 (66), 4, 8 (REX.W) */
  int modrm;    /* has a ModRM byte */
  int reg, rm;  /* reg 0..15 (or /digit); rm 0..15 or MEM */
  int32_t disp;
  int immsz;
  uint64_t imm;
  int rex40;    /* force a REX prefix (SPL..DIL) */
  int lock, rep, p66;
  int vex, vex_v, vex_l, vex_w, pp; /* pp: 0, 1 = 66, 2 = F3, 3 = F2 */
  int mode32;
};

static int encode(const struct Enc *e, uint8_t *b) {
  int n = 0;
  if (e->lock) b[n++] = 0xf0;
  if (e->rep) b[n++] = (uint8_t)e->rep;
  if (e->osz == 2 || e->p66) b[n++] = 0x66;
  int r = e->reg >= 8, x = 0, bb = e->rm == MEM ? MEM_BASE >= 8 : e->rm >= 8;
  if (e->vex) {
    int w = e->vex_w;
    b[n++] = 0xc4;
    b[n++] = (uint8_t)((!r << 7) | (!x << 6) | (!bb << 5) | e->map);
    b[n++] = (uint8_t)((w << 7) | ((~e->vex_v & 15) << 3) | (e->vex_l << 2) |
                       e->pp);
  } else {
    int rex = (e->osz == 8 ? 8 : 0) | (r << 2) | (x << 1) | bb;
    if ((rex || e->rex40) && !e->mode32) b[n++] = (uint8_t)(0x40 | rex);
    if (e->map >= MAP_0F) b[n++] = 0x0f;
    if (e->map == MAP_0F38) b[n++] = 0x38;
    if (e->map == MAP_0F3A) b[n++] = 0x3a;
  }
  b[n++] = (uint8_t)e->op;
  if (e->modrm) {
    if (e->rm == MEM) {
      b[n++] = (uint8_t)(0x80 | ((e->reg & 7) << 3) | (MEM_BASE & 7));
      memcpy(b + n, &e->disp, 4);
      n += 4;
    } else {
      b[n++] = (uint8_t)(0xc0 | ((e->reg & 7) << 3) | (e->rm & 7));
    }
  }
  for (int k = 0; k < e->immsz; ++k) b[n++] = (uint8_t)(e->imm >> (8 * k));
  return n;
}

/* ------------------------------------------------------------ native */

static struct St *volatile g_st;
static void *volatile g_code;
static void *volatile g_rsp;
void native_run(struct St *s, void *code);
void native_back(void);

/* native_run(s, code): load s, jump to code, which jumps back to
 * native_back, which stores s. Callee-saved registers live on the host
 * stack; the instruction under test never touches RSP. */
__asm__(
    ".text\n"
    ".globl native_run\n"
    "native_run:\n"
    "  push %rbx\n push %rbp\n push %r12\n push %r13\n push %r14\n"
    "  push %r15\n"
    "  mov %rsp, g_rsp(%rip)\n"
    "  mov %rdi, g_st(%rip)\n"
    "  mov %rsi, g_code(%rip)\n"
    "  pushq 128(%rdi)\n"
    "  popfq\n"
    "  mov 8(%rdi), %rcx\n mov 16(%rdi), %rdx\n mov 24(%rdi), %rbx\n"
    "  mov 40(%rdi), %rbp\n mov 48(%rdi), %rsi\n"
    "  mov 64(%rdi), %r8\n mov 72(%rdi), %r9\n mov 80(%rdi), %r10\n"
    "  mov 88(%rdi), %r11\n mov 96(%rdi), %r12\n mov 104(%rdi), %r13\n"
    "  mov 112(%rdi), %r14\n mov 120(%rdi), %r15\n"
    "  mov 0(%rdi), %rax\n mov 56(%rdi), %rdi\n"
    "  jmp *g_code(%rip)\n"
    ".globl native_back\n"
    "native_back:\n"
    "  pushfq\n"
    "  push %rdi\n"
    "  mov g_st(%rip), %rdi\n"
    "  mov %rax, 0(%rdi)\n mov %rcx, 8(%rdi)\n mov %rdx, 16(%rdi)\n"
    "  mov %rbx, 24(%rdi)\n mov %rbp, 40(%rdi)\n mov %rsi, 48(%rdi)\n"
    "  mov %r8, 64(%rdi)\n mov %r9, 72(%rdi)\n mov %r10, 80(%rdi)\n"
    "  mov %r11, 88(%rdi)\n mov %r12, 96(%rdi)\n mov %r13, 104(%rdi)\n"
    "  mov %r14, 112(%rdi)\n mov %r15, 120(%rdi)\n"
    "  popq 56(%rdi)\n"
    "  popq 128(%rdi)\n"
    "  mov g_rsp(%rip), %rsp\n"
    "  pop %r15\n pop %r14\n pop %r13\n pop %r12\n pop %rbp\n pop %rbx\n"
    "  ret\n");

static uint8_t *g_buf;        /* executable, below 4 GiB */
static uint8_t *g_lowstack;   /* stack for compatibility-mode code */
static sigjmp_buf g_jb;
static volatile int g_in_native;

static void on_signal(int sig, siginfo_t *si, void *ctx) {
  (void)si;
  (void)ctx;
  if (!g_in_native) {
    signal(sig, SIG_DFL);
    return;
  }
  siglongjmp(g_jb, sig);
}

static void put64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }
static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }

/* Runs the instruction natively; returns 0 or the signal number. */
static int native(struct St *s, const uint8_t *code, int len, int mode32) {
  uint8_t *p = g_buf;
  int n = 0;
  if (!mode32) {
    memcpy(p, code, (size_t)len);
    n = len;
  } else {
    /* xchg rsp, [rip+slot]; lcall [rip+farptr]; xchg rsp, [rip+slot] */
    uint8_t *slot = g_buf + 0x100, *farp = g_buf + 0x108;
    uint8_t *c32 = g_buf + 0x200;
    p[n++] = 0x48; p[n++] = 0x87; p[n++] = 0x25;
    put32(p + n, (uint32_t)(slot - (p + n + 4))); n += 4;
    p[n++] = 0xff; p[n++] = 0x1d;
    put32(p + n, (uint32_t)(farp - (p + n + 4))); n += 4;
    p[n++] = 0x48; p[n++] = 0x87; p[n++] = 0x25;
    put32(p + n, (uint32_t)(slot - (p + n + 4))); n += 4;
    put64(slot, (uint64_t)(uintptr_t)(g_lowstack + 65536 - 64));
    put32(farp, (uint32_t)(uintptr_t)c32);
    farp[4] = 0x23;
    farp[5] = 0;
    /* DS is a null selector in 64-bit Linux processes, which faults on
     * use in 32-bit code: the user data segment (0x2b) for the
     * instruction, null again after it (push imm8, pop ds). */
    c32[0] = 0x6a; c32[1] = 0x2b; c32[2] = 0x1f;
    memcpy(c32 + 3, code, (size_t)len);
    c32[len + 3] = 0x6a; c32[len + 4] = 0x00; c32[len + 5] = 0x1f;
    c32[len + 6] = 0xcb; /* retf */
  }
  p[n++] = 0xff; p[n++] = 0x25; put32(p + n, 0); n += 4;
  put64(p + n, (uint64_t)(uintptr_t)native_back);
  int sig = sigsetjmp(g_jb, 1);
  if (sig) {
    g_in_native = 0;
    return sig;
  }
  g_in_native = 1;
  native_run(s, g_buf);
  g_in_native = 0;
  return 0;
}

/* ------------------------------------------------------------ VM side */

static struct Machine *m;
static uint8_t *g_mem;            /* host scratch memory */
#define MEM_PAGES 8
#define MEM_SIZE (MEM_PAGES * 4096)
static uint64_t g_mem_mid;        /* MEM_BASE points here */
static int last_vector;

static void on_exc(struct Machine *mm, int vector, uint64_t err,
                   uint64_t addr) {
  (void)mm;
  (void)err;
  (void)addr;
  last_vector = vector;
}

/* Set: 32-bit cases run natively in compatibility mode but in real mode
 * in the VM (for instructions that mean the same in both, the BCD
 * group), so that real mode is checked against the host too. */
static int vm_real;

/* Runs the instruction in the VM; returns -1 or the exception vector. */
static int emulate(struct St *s, const uint8_t *code, int plen, int len,
                   int mode32, OpFn want, int *cond, int *single) {
  struct Insn pre, ins;
  int dmode = mode32 ? (vm_real ? MODE_REAL : MODE_PROT32) : MODE_LONG;
  int rc = decode_insn(&ins, code + plen, (size_t)len, dmode);
  memcpy(m->r, s->r, sizeof(m->r));
  flags_set(m, s->fl);
  m->mode = dmode;
  if (plen && (decode_insn(&pre, code, (size_t)plen, dmode) != DECODE_OK ||
               pre.len != plen)) {
    fprintf(stderr, "could not decode the chained instruction\n");
    return -2;
  }
  m->ip = 0x1000;
  m->rip = 0x1000 + (uint64_t)len;
  if (rc == DECODE_INVALID) {
    /* The decoder refuses it: #UD, after the chained instruction ran. */
    if (plen) pre.fn(m, &pre);
    memcpy(s->r, m->r, sizeof(s->r));
    s->fl = flags_get(m);
    return EXC_UD;
  }
  if (rc != DECODE_OK || ins.len != len) {
    fprintf(stderr, "decode_insn returned %d (len %d, want %d)\n", rc,
            ins.len, len);
    return -2;
  }
  /* The table's handler must be the one meant (the decoder may then
   * swap in a specialized fast path, which this test runs). */
  if (want && optab[ins.map][ins.op] != want && ins.fn != op_ud) {
    fprintf(stderr, "decoder chose another handler\n");
    return -2;
  }
  m->ip = 0x1000;
  m->rip = 0x1000 + (uint64_t)len;
  last_vector = -1;
  if (setjmp(m->onfault)) {
    memcpy(s->r, m->r, sizeof(s->r));
    s->fl = flags_get(m);
    return last_vector;
  }
  /* The chained instruction leaves lazy flags for the one under test. */
  if (plen) pre.fn(m, &pre);
  ins.fn(m, &ins);
  /* Condition codes and single flags straight off the lazy state. */
  for (unsigned cc = 0; cc < 16; ++cc) cond[cc] = flags_cond(m, cc);
  single[0] = flags_cf(m);
  single[1] = flags_pf(m);
  single[2] = flags_af(m);
  single[3] = flags_zf(m);
  single[4] = flags_sf(m);
  single[5] = flags_of(m);
  memcpy(s->r, m->r, sizeof(s->r));
  s->fl = flags_get(m);
  return -1;
}

/* ------------------------------------------------------------ compare */

/* What a host SIGSEGV stands for: a page fault, except in tests of
 * instructions whose own exception Linux delivers as SIGSEGV (bound's
 * #BR). */
static int segv_vector = EXC_PF;

static int sig_vector(int sig) {
  switch (sig) {
    case 0: return -1;
    case SIGFPE: return EXC_DE;
    case SIGILL: return EXC_UD;
    case SIGSEGV: return segv_vector;
    default: return 100 + sig;
  }
}

static void flagstr(char *b, uint64_t f) {
  snprintf(b, 16, "%c%c%c%c%c%c", f & FLAG_OF ? 'O' : '-',
           f & FLAG_SF ? 'S' : '-', f & FLAG_ZF ? 'Z' : '-',
           f & FLAG_AF ? 'A' : '-', f & FLAG_PF ? 'P' : '-',
           f & FLAG_CF ? 'C' : '-');
}

static const char *const regname[16] = {
    "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
    "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};

/* What each condition code reads. */
static const unsigned cond_needs[8] = {
    FLAG_OF, FLAG_CF, FLAG_ZF, FLAG_CF | FLAG_ZF, FLAG_SF, FLAG_PF,
    FLAG_SF | FLAG_OF, FLAG_ZF | FLAG_SF | FLAG_OF};

static int cond_of(uint64_t f, unsigned cc) {
  int of = !!(f & FLAG_OF), sf = !!(f & FLAG_SF), zf = !!(f & FLAG_ZF),
      cf = !!(f & FLAG_CF), pf = !!(f & FLAG_PF), r;
  switch (cc >> 1) {
    case 0: r = of; break;
    case 1: r = cf; break;
    case 2: r = zf; break;
    case 3: r = cf | zf; break;
    case 4: r = sf; break;
    case 5: r = pf; break;
    case 6: r = sf != of; break;
    default: r = zf | (sf != of); break;
  }
  return r ^ (cc & 1);
}

/* Failures printed per test name, to keep the output readable. */
#define MAX_REPORTS 6
struct Tally {
  const char *name;
  long fails, undef;
  int reported;
  uint64_t undef_bits;
};
static struct Tally tallies[256];
static int ntallies;

static struct Tally *tally(const char *name) {
  for (int k = 0; k < ntallies; ++k)
    if (!strcmp(tallies[k].name, name)) return &tallies[k];
  if (ntallies < 256) {
    tallies[ntallies].name = name;
    return &tallies[ntallies++];
  }
  return &tallies[255];
}

static void dump(const char *name, const uint8_t *code, int len,
                 const struct St *in, const struct St *nat, int nsig,
                 const struct St *emu, int evec, const char *why) {
  char f1[16], f2[16], f3[16];
  fprintf(stderr, "FAIL %s: %s\n  bytes:", name, why);
  for (int k = 0; k < len; ++k) fprintf(stderr, " %02x", code[k]);
  flagstr(f1, in->fl);
  flagstr(f2, nat->fl);
  flagstr(f3, emu->fl);
  fprintf(stderr, "\n  flags in %s host %s vm %s; host signal %d, vm vector %d\n",
          f1, f2, f3, nsig, evec);
  for (int r = 0; r < 16; ++r)
    if (r == RAX || in->r[r] != nat->r[r] || nat->r[r] != emu->r[r])
      fprintf(stderr, "  %-3s in %016" PRIx64 " host %016" PRIx64
                      " vm %016" PRIx64 "\n",
              regname[r], in->r[r], nat->r[r], emu->r[r]);
}

/* Chaining: half the 64-bit cases run behind a random flag-setting
 * instruction (ALU, neg, shift, imul, bsf; destination r8..r15, so the
 * base and count registers keep their values), so that the instruction
 * under test starts from each kind of lazy flag state rather than from
 * materialized flags. */
static int chain = 1;

static int gen_pre(uint8_t *b, const struct Enc *main_insn) {
  struct Enc e = {0};
  static const unsigned szs[4] = {1, 2, 4, 8};
  unsigned size = szs[rnd() % 4];
  int dst, src;
  /* Never change a register the main instruction addresses memory or
   * counts bits with. */
  do dst = 8 + (int)(rnd() % 8);
  while (dst == main_insn->reg || (main_insn->vex && dst == main_insn->vex_v));
  do src = (int)(rnd() % 16);
  while (src == RSP);
  e.osz = (int)size;
  e.modrm = 1;
  e.rex40 = 1;
  switch (rnd() % 8) {
    default: /* op Ev, Gv or op Gv, Ev */
      if (rnd() & 1) {
        e.op = (int)((rnd() % 8) << 3 | (size == 1 ? 0 : 1));
        e.rm = dst;
        e.reg = src;
      } else {
        e.op = (int)((rnd() % 8) << 3 | (size == 1 ? 2 : 3));
        e.reg = dst;
        e.rm = src;
      }
      break;
    case 5: /* neg */
      e.op = size == 1 ? 0xf6 : 0xf7;
      e.reg = 3;
      e.rm = dst;
      break;
    case 6: /* shifts and rotates by an immediate */
      e.op = size == 1 ? 0xc0 : 0xc1;
      e.reg = (int)(rnd() % 8);
      e.rm = dst;
      e.immsz = 1;
      e.imm = rnd() % 70;
      break;
    case 7: /* imul or bsf */
      if (size == 1) e.osz = size = 4;
      e.map = MAP_0F;
      e.op = (rnd() & 1) ? 0xaf : 0xbc;
      e.reg = dst;
      e.rm = src;
      break;
  }
  return encode(&e, b);
}

/* The memory operand's value for the next run() (run_mem): run()
 * randomizes a window around the operand and then writes this over it,
 * in host memory and guest memory alike. */
static uint64_t pending_mem_at;
static unsigned pending_mem_size;
static uint64_t pending_mem_val;

static void write_mem(uint64_t at, unsigned size, uint64_t v) {
  memcpy((void *)(uintptr_t)at, &v, size);
  mem_copy_out(m, at, &v, size);
}

/* One case. defmask: the flags the manual defines for this instruction
 * and these operands; memat: the address of the memory operand (0 for
 * none), around which memory is randomized and compared. */
static void run(const char *name, const struct Enc *e, const struct St *in,
                unsigned defmask, OpFn want, uint64_t memat) {
  uint8_t code[48];
  int plen = (chain && !e->mode32 && (rnd() & 1)) ? gen_pre(code, e) : 0;
  int len = encode(e, code + plen);
  struct St nat = *in, emu = *in;
  int cond[16], single[6];
  uint8_t win_host[64], win_vm[64];
  uint64_t lo = 0;
  struct Tally *t = tally(name);
  if (memat) {
    lo = (memat - 24) & ~7ull;
    if (lo < (uint64_t)(uintptr_t)g_mem) lo = (uint64_t)(uintptr_t)g_mem;
    if (lo + 64 > (uint64_t)(uintptr_t)g_mem + MEM_SIZE)
      lo = (uint64_t)(uintptr_t)g_mem + MEM_SIZE - 64;
    for (int k = 0; k < 64; ++k) win_host[k] = (uint8_t)rnd();
    memcpy((void *)(uintptr_t)lo, win_host, 64);
    mem_copy_out(m, lo, win_host, 64);
    if (pending_mem_at)
      write_mem(pending_mem_at, pending_mem_size, pending_mem_val);
  }
  int nsig = native(&nat, code, plen + len, e->mode32);
  int evec = emulate(&emu, code, plen, len, e->mode32, want, cond, single);
  int nvec = sig_vector(nsig);
  char why[200] = "";
  ++checks;
  if (nvec != evec) {
    snprintf(why, sizeof(why), "fault differs");
  } else {
    if (nvec >= 0) {
      /* A faulting instruction changes nothing: what the host state was
       * before it is the input, or the input after the chained one. */
      nat = *in;
      if (plen) native(&nat, code, plen, 0);
    }
    for (int r = 0; r < 16 && !why[0]; ++r) {
      uint64_t a = nat.r[r], b = emu.r[r];
      if (r == RSP) continue;
      if (e->mode32) {
        if (r >= 8) continue;
        a = (uint32_t)a;
        b = (uint32_t)b;
      }
      if (a != b) snprintf(why, sizeof(why), "register %s differs", regname[r]);
    }
    if (!why[0] && ((nat.fl ^ emu.fl) & defmask & FLAGS_ARITH)) {
      char f1[16];
      flagstr(f1, (nat.fl ^ emu.fl) & defmask & FLAGS_ARITH);
      snprintf(why, sizeof(why), "defined flags differ (%s)", f1);
    }
    if (!why[0] && nvec < 0) {
      for (unsigned cc = 0; cc < 16; ++cc) {
        if ((cond_needs[cc >> 1] & defmask) != cond_needs[cc >> 1]) continue;
        if (cond[cc] != cond_of(nat.fl, cc)) {
          snprintf(why, sizeof(why), "flags_cond(%x) differs", cc);
          break;
        }
      }
      static const unsigned bits[6] = {FLAG_CF, FLAG_PF, FLAG_AF,
                                       FLAG_ZF, FLAG_SF, FLAG_OF};
      for (int k = 0; k < 6 && !why[0]; ++k)
        if ((defmask & bits[k]) && single[k] != !!(nat.fl & bits[k]))
          snprintf(why, sizeof(why), "single flag %d differs", k);
    }
    if (!why[0] && memat) {
      memcpy(win_host, (void *)(uintptr_t)lo, 64);
      mem_copy_in(m, win_vm, lo, 64);
      if (memcmp(win_host, win_vm, 64))
        snprintf(why, sizeof(why), "memory differs");
    }
  }
  if (why[0]) {
    ++failures;
    ++t->fails;
    if (t->reported++ < MAX_REPORTS)
      dump(name, code, plen + len, in, &nat, nsig, &emu, evec, why);
    return;
  }
  if (nvec < 0 && ((nat.fl ^ emu.fl) & ~defmask & FLAGS_ARITH)) {
    ++undef_diffs;
    ++t->undef;
    t->undef_bits |= (nat.fl ^ emu.fl) & ~defmask & FLAGS_ARITH;
    if (verbose > 1 && t->undef <= 3 + 20 * (verbose > 2))
      dump(name, code, plen + len, in, &nat, nsig, &emu, evec,
           "(undefined flags differ)");
  }
}

/* ------------------------------------------------------------ flag table */

#define ALL (FLAG_CF | FLAG_PF | FLAG_AF | FLAG_ZF | FLAG_SF | FLAG_OF)

/* Flags the Intel SDM leaves undefined, per instruction. Everything else
 * (including "unaffected") is compared. Counted-shift rules are applied
 * in the shift tests: count 0 defines all flags (unchanged); count 1
 * leaves AF undefined; a larger count also OF; shl/shr by at least the
 * operand width also CF; rotates by other than 1 leave OF undefined;
 * 16-bit shld/shrd by more than 16 leave the result and all flags
 * undefined. */
static const struct {
  const char *name;
  unsigned undefined;
} flag_table[] = {
    {"add/adc/sub/sbb/cmp/neg/inc/dec", 0},
    {"and/or/xor/test", FLAG_AF},
    {"mul/imul", FLAG_SF | FLAG_ZF | FLAG_AF | FLAG_PF},
    {"div/idiv", ALL},
    {"not/bswap/mulx/pdep/pext/rorx/shlx/sarx/shrx", 0 /* unaffected */},
    {"bt/bts/btr/btc", FLAG_OF | FLAG_SF | FLAG_AF | FLAG_PF},
    {"bsf/bsr", FLAG_CF | FLAG_OF | FLAG_SF | FLAG_AF | FLAG_PF},
    {"tzcnt/lzcnt", FLAG_OF | FLAG_SF | FLAG_AF | FLAG_PF},
    {"popcnt", 0},
    {"andn/blsi/blsmsk/blsr/bzhi", FLAG_AF | FLAG_PF},
    {"bextr", FLAG_AF | FLAG_SF | FLAG_PF},
    {"adcx/adox", 0},
    {"daa/das", FLAG_OF},
    {"aaa/aas", FLAG_OF | FLAG_SF | FLAG_ZF | FLAG_PF},
    {"aam/aad", FLAG_OF | FLAG_AF | FLAG_CF},
    {"salc", 0},
};

static unsigned defined(const char *group) {
  for (size_t k = 0; k < sizeof(flag_table) / sizeof(flag_table[0]); ++k)
    if (!strcmp(flag_table[k].name, group))
      return ALL & ~flag_table[k].undefined;
  fprintf(stderr, "no flag_table entry %s\n", group);
  exit(2);
}

/* ------------------------------------------------------------ helpers */

/* A register for an operand of this size: never RSP (nor SPL), and in
 * memory tests never the base register (nor BL/BH). */
static int pick_reg(unsigned size, int rex, int memtest, int mode32) {
  for (;;) {
    int r = (int)(rnd() % (mode32 ? 8 : 16));
    if (size == 1 && !rex && r >= 8) continue;
    if (r == RSP && !(size == 1 && !rex)) continue;
    if (memtest && (r == MEM_BASE || (size == 1 && !rex && r == 7)))
      continue;
    return r;
  }
}

static const unsigned sizes_v[3] = {2, 4, 8};

/* Sets up a memory operand at a random offset near the middle of the
 * scratch area; returns its address. */
static uint64_t setup_mem(struct Enc *e, struct St *s, unsigned size) {
  e->rm = MEM;
  e->disp = (int32_t)(rnd() % 512) - 256;
  (void)size;
  s->r[MEM_BASE] = g_mem_mid;
  return g_mem_mid + (uint64_t)(int64_t)e->disp;
}


/* ------------------------------------------------------------ tests */

static const char *alu_names[8] = {"add", "or", "adc", "sbb",
                                   "and", "sub", "xor", "cmp"};

static unsigned alu_def(unsigned kind) {
  return (kind == 1 || kind == 4 || kind == 6)
             ? defined("and/or/xor/test")
             : defined("add/adc/sub/sbb/cmp/neg/inc/dec");
}


static void run_mem(const char *name, const struct Enc *e, const struct St *in,
                    unsigned defmask, OpFn want, uint64_t memat,
                    unsigned size, uint64_t val) {
  pending_mem_at = memat;
  pending_mem_size = size;
  pending_mem_val = val;
  run(name, e, in, defmask, want, memat);
  pending_mem_at = 0;
}

static void test_alu(void) {
  for (unsigned kind = 0; kind < 8; ++kind) {
    for (unsigned form = 0; form < 6; ++form) {
      for (int si = 0; si < 4; ++si) {
        unsigned size = (form & 1) ? sizes_v[si % 3] : 1;
        if (!(form & 1) && si) break;
        if ((form & 1) && si == 3) break;
        for (long it = 0; it < iters * 4; ++it) {
          struct Enc e = {0};
          struct St s;
          int memtest = form < 4 && (it & 3) == 3;
          random_regs(&s);
          e.op = (int)(kind << 3 | form);
          e.osz = size;
          e.rex40 = size == 1 && (rnd() & 1);
          uint64_t a = pick(size), b = pick(size), memat = 0;
          if (form < 4) {
            e.modrm = 1;
            e.reg = pick_reg(size, e.rex40, memtest, 0);
            if (memtest) {
              memat = setup_mem(&e, &s, size);
              e.lock = form < 2 && kind != 7 && (rnd() & 1);
            } else {
              e.rm = pick_reg(size, e.rex40, 0, 0);
            }
            int g = e.reg;
            set_reg(&s, (unsigned)g, size, e.rex40, form < 2 ? b : a);
            if (!memtest) set_reg(&s, (unsigned)e.rm, size, e.rex40, form < 2 ? a : b);
            if (memtest) run_mem(alu_names[kind], &e, &s, alu_def(kind), op_alu,
                                 memat, size, form < 2 ? a : b);
            else run(alu_names[kind], &e, &s, alu_def(kind), op_alu, 0);
          } else {
            e.immsz = size == 1 ? 1 : size == 2 ? 2 : 4;
            e.imm = b;
            set_reg(&s, RAX, size, 0, a);
            run(alu_names[kind], &e, &s, alu_def(kind), op_alu, 0);
          }
        }
      }
    }
  }
  /* 80, 81, 82, 83 with every /digit. */
  static const int grp1_ops[4] = {0x80, 0x81, 0x82, 0x83};
  for (int oi = 0; oi < 4; ++oi) {
    for (unsigned kind = 0; kind < 8; ++kind) {
      for (int si = 0; si < 3; ++si) {
        int op = grp1_ops[oi];
        unsigned size = (op & 1) ? sizes_v[si] : 1;
        if (!(op & 1) && si) break;
        for (long it = 0; it < iters * 2; ++it) {
          struct Enc e = {0};
          struct St s;
          int memtest = (it & 3) == 3;
          random_regs(&s);
          e.op = op;
          e.osz = size;
          e.modrm = 1;
          e.reg = (int)kind;
          e.rex40 = size == 1 && (rnd() & 1);
          e.immsz = op == 0x81 ? (size == 2 ? 2 : 4) : 1;
          e.imm = pick(e.immsz);
          uint64_t a = pick(size);
          if (memtest) {
            uint64_t at = setup_mem(&e, &s, size);
            e.lock = kind != 7 && (rnd() & 1);
            run_mem(alu_names[kind], &e, &s, alu_def(kind), op_alu_grp1, at,
                    size, a);
          } else {
            e.rm = pick_reg(size, e.rex40, 0, 0);
            set_reg(&s, (unsigned)e.rm, size, e.rex40, a);
            e.lock = (it % 17) == 5; /* lock with a register: #UD */
            run(alu_names[kind], &e, &s, alu_def(kind), op_alu_grp1, 0);
          }
        }
      }
    }
  }
}

static void test_test(void) {
  unsigned def = defined("and/or/xor/test");
  static const int ops[6] = {0x84, 0x85, 0xa8, 0xa9, 0xf6, 0xf7};
  for (int oi = 0; oi < 6; ++oi) {
    for (int si = 0; si < 3; ++si) {
      int op = ops[oi];
      unsigned size = (op & 1) ? sizes_v[si] : 1;
      if (!(op & 1) && si) break;
      for (long it = 0; it < iters * 4; ++it) {
        struct Enc e = {0};
        struct St s;
        random_regs(&s);
        e.op = op;
        e.osz = size;
        e.rex40 = size == 1 && (rnd() & 1);
        uint64_t a = pick(size), b = pick(size);
        if (op >= 0xa8 && op <= 0xa9) {
          e.immsz = size == 1 ? 1 : size == 2 ? 2 : 4;
          e.imm = b;
          set_reg(&s, RAX, size, 0, a);
          run("test", &e, &s, def, op_test, 0);
          continue;
        }
        e.modrm = 1;
        if (op >= 0xf6) {
          e.reg = (int)(it & 1); /* /0 and the /1 alias */
          e.immsz = size == 1 ? 1 : size == 2 ? 2 : 4;
          e.imm = b;
        } else {
          e.reg = pick_reg(size, e.rex40, (it & 3) == 3, 0);
          set_reg(&s, (unsigned)e.reg, size, e.rex40, b);
        }
        if ((it & 3) == 3) {
          uint64_t at = setup_mem(&e, &s, size);
          run_mem("test", &e, &s, def, op >= 0xf6 ? op_grp3 : op_test, at,
                  size, a);
        } else {
          e.rm = pick_reg(size, e.rex40, 0, 0);
          set_reg(&s, (unsigned)e.rm, size, e.rex40, a);
          run("test", &e, &s, def, op >= 0xf6 ? op_grp3 : op_test, 0);
        }
      }
    }
  }
}

static void test_grp3(void) {
  static const char *names[8] = {"test", "test", "not", "neg",
                                 "mul", "imul", "div", "idiv"};
  for (int ext = 2; ext < 8; ++ext) {
    unsigned def = ext == 2 ? ALL
                   : ext == 3 ? defined("add/adc/sub/sbb/cmp/neg/inc/dec")
                   : ext < 6 ? defined("mul/imul")
                             : defined("div/idiv");
    for (int si = 0; si < 4; ++si) {
      unsigned size = si == 0 ? 1 : sizes_v[si - 1];
      for (long it = 0; it < iters * 8; ++it) {
        struct Enc e = {0};
        struct St s;
        int memtest = (it & 3) == 3;
        random_regs(&s);
        e.op = size == 1 ? 0xf6 : 0xf7;
        e.osz = size;
        e.modrm = 1;
        e.reg = ext;
        e.rex40 = size == 1 && (rnd() & 1);
        uint64_t a = pick(size);
        if (ext >= 4) {
          /* Accumulator and rDX: small or edge dividends, so that some
           * divisions fit and some overflow. */
          uint64_t ax = pick(size), dx = pick(size);
          if (ext >= 6 && (rnd() & 1)) dx = (rnd() & 1) ? 0 : trunc_to(~0ull, size);
          if (size == 1) set_reg(&s, RAX, 2, 0, ax | (dx << 8));
          else {
            set_reg(&s, RAX, size, 0, ax);
            set_reg(&s, RDX, size, 0, dx);
          }
          if (ext >= 6 && (it % 13) == 0) a = 0;
          if (ext == 7 && (it % 11) == 0) a = trunc_to(~0ull, size);
        }
        if (memtest) {
          uint64_t at = setup_mem(&e, &s, size);
          e.lock = ext < 4 && (rnd() & 1);
          run_mem(names[ext], &e, &s, def, op_grp3, at, size, a);
        } else {
          e.rm = pick_reg(size, e.rex40, 0, 0);
          set_reg(&s, (unsigned)e.rm, size, e.rex40, a);
          run(names[ext], &e, &s, def, op_grp3, 0);
        }
      }
    }
  }
}

/* Division edges: the most negative dividend by -1 (#DE, even where the
 * host's own C division would trap), quotients at the limits. */
static void test_div_edges(void) {
  for (int si = 0; si < 4; ++si) {
    unsigned size = si == 0 ? 1 : sizes_v[si - 1], bits = size * 8;
    for (int k = 0; k < 12; ++k) {
      struct Enc e = {0};
      struct St s;
      uint64_t hi, lo, d;
      random_regs(&s);
      e.op = size == 1 ? 0xf6 : 0xf7;
      e.osz = (int)size;
      e.modrm = 1;
      e.reg = 6 + (k & 1); /* div, idiv */
      e.rm = RBX;
      switch (k >> 1) {
        case 0: hi = 1ull << (bits - 1); lo = 0; d = ~0ull; break;
        case 1: hi = ~0ull; lo = 1ull << (bits - 1); d = ~0ull; break;
        case 2: hi = ~0ull; lo = 1ull << (bits - 1); d = 1; break;
        case 3: hi = 0; lo = (1ull << (bits - 1)) - 1; d = 1; break;
        case 4: hi = (1ull << (bits - 1)) - 1; lo = ~0ull; d = ~0ull >> 1; break;
        default: hi = 0; lo = 0; d = 0; break;
      }
      if (size == 1) {
        set_reg(&s, RAX, 2, 0, (lo & 0xff) | ((hi & 0xff) << 8));
      } else {
        set_reg(&s, RAX, size, 0, lo);
        set_reg(&s, RDX, size, 0, hi);
      }
      set_reg(&s, RBX, size, 0, d);
      run(k & 1 ? "idiv" : "div", &e, &s, defined("div/idiv"), op_grp3, 0);
    }
  }
}

static void test_imul(void) {
  unsigned def = defined("mul/imul");
  static const int ops[3] = {0x69, 0x6b, 0xaf};
  for (int oi = 0; oi < 3; ++oi) {
    for (int si = 0; si < 3; ++si) {
      unsigned size = sizes_v[si];
      for (long it = 0; it < iters * 8; ++it) {
        struct Enc e = {0};
        struct St s;
        int memtest = (it & 3) == 3;
        random_regs(&s);
        e.op = ops[oi];
        e.map = ops[oi] == 0xaf ? MAP_0F : MAP_1BYTE;
        e.osz = size;
        e.modrm = 1;
        e.reg = pick_reg(size, 0, memtest, 0);
        if (e.op == 0x69) {
          e.immsz = size == 2 ? 2 : 4;
          e.imm = pick(e.immsz);
        } else if (e.op == 0x6b) {
          e.immsz = 1;
          e.imm = pick(1);
        }
        uint64_t a = pick(size);
        set_reg(&s, (unsigned)e.reg, size, 0, pick(size));
        if (memtest) {
          uint64_t at = setup_mem(&e, &s, size);
          run_mem("imul", &e, &s, def,
                  e.op == 0xaf ? op_imul_gv_ev : op_imul_imm, at, size, a);
        } else {
          e.rm = pick_reg(size, 0, 0, 0);
          set_reg(&s, (unsigned)e.rm, size, 0, a);
          run("imul", &e, &s, def, e.op == 0xaf ? op_imul_gv_ev : op_imul_imm,
              0);
        }
      }
    }
  }
}

static const unsigned shift_counts[] = {0,  1,  2,  3,  7,  8,  9,  15, 16, 17,
                                        31, 32, 33, 63, 64, 65, 255, 18, 24, 5};

static void test_shifts(void) {
  static const char *names[8] = {"rol", "ror", "rcl", "rcr",
                                 "shl", "shr", "sal", "sar"};
  static const int ops[6] = {0xc0, 0xc1, 0xd0, 0xd1, 0xd2, 0xd3};
  for (int ext = 0; ext < 8; ++ext) {
    for (int oi = 0; oi < 6; ++oi) {
      for (int si = 0; si < 3; ++si) {
        int op = ops[oi];
        unsigned size = (op & 1) ? sizes_v[si] : 1, bits = size * 8;
        if (!(op & 1) && si) break;
        for (long it = 0; it < iters * 3; ++it) {
          struct Enc e = {0};
          struct St s;
          int memtest = (it & 3) == 3;
          random_regs(&s);
          e.op = op;
          e.osz = size;
          e.modrm = 1;
          e.reg = ext;
          e.rex40 = size == 1 && (rnd() & 1);
          unsigned count = shift_counts[it % 20];
          if (it >= 40) count = (unsigned)rnd() & 0xff;
          if (op <= 0xc1) {
            e.immsz = 1;
            e.imm = count;
          } else if (op <= 0xd1) {
            count = 1;
          } else {
            s.r[RCX] = (s.r[RCX] & ~0xffull) | count;
          }
          unsigned mc = count & (size == 8 ? 63 : 31);
          unsigned def = ALL;
          if (mc) {
            if (ext < 4) {
              if (mc != 1) def &= ~FLAG_OF;
            } else {
              def &= ~FLAG_AF;
              if (mc != 1) def &= ~FLAG_OF;
              if ((ext == 4 || ext == 5 || ext == 6) && mc >= bits)
                def &= ~FLAG_CF;
            }
          }
          uint64_t a = pick(size);
          if (memtest) {
            /* The count register must not be the base. */
            uint64_t at = setup_mem(&e, &s, size);
            run_mem(names[ext], &e, &s, def, op_grp2, at, size, a);
          } else {
            do e.rm = pick_reg(size, e.rex40, 0, 0);
            while (op >= 0xd2 && (e.rm == RCX || (size == 1 && !e.rex40 && e.rm == 5)));
            set_reg(&s, (unsigned)e.rm, size, e.rex40, a);
            run(names[ext], &e, &s, def, op_grp2, 0);
          }
        }
      }
    }
  }
}

static void test_shd(void) {
  static const int ops[4] = {0xa4, 0xa5, 0xac, 0xad};
  for (int oi = 0; oi < 4; ++oi) {
    for (int si = 0; si < 3; ++si) {
      unsigned size = sizes_v[si], bits = size * 8;
      for (long it = 0; it < iters * 6; ++it) {
        struct Enc e = {0};
        struct St s;
        int memtest = (it & 3) == 3;
        int op = ops[oi];
        random_regs(&s);
        e.map = MAP_0F;
        e.op = op;
        e.osz = size;
        e.modrm = 1;
        unsigned count = shift_counts[it % 20];
        if (it >= 40) count = (unsigned)rnd() & 0xff;
        if (!(op & 1)) {
          e.immsz = 1;
          e.imm = count;
        }
        do e.reg = pick_reg(size, 0, memtest, 0);
        while ((op & 1) && e.reg == RCX);
        s.r[e.reg] = rnd();
        if (op & 1) s.r[RCX] = (s.r[RCX] & ~0xffull) | count;
        unsigned mc = count & (size == 8 ? 63 : 31);
        unsigned def = ALL;
        if (mc) {
          def &= ~FLAG_AF;
          if (mc != 1) def &= ~FLAG_OF;
          if (mc > bits) def = 0;
        }
        const char *name = op < 0xa8 ? "shld" : "shrd";
        if (mc > bits) name = op < 0xa8 ? "shld16>16" : "shrd16>16";
        uint64_t a = pick(size);
        if (memtest) {
          uint64_t at = setup_mem(&e, &s, size);
          run_mem(name, &e, &s, def, op < 0xa8 ? op_shld : op_shrd, at, size, a);
        } else {
          do e.rm = pick_reg(size, 0, 0, 0);
          while ((op & 1) && e.rm == RCX);
          set_reg(&s, (unsigned)e.rm, size, 0, a);
          run(name, &e, &s, def, op < 0xa8 ? op_shld : op_shrd, 0);
        }
      }
    }
  }
}

static void test_bt(void) {
  unsigned def = defined("bt/bts/btr/btc");
  static const int ops[4] = {0xa3, 0xab, 0xb3, 0xbb};
  static const char *names[4] = {"bt", "bts", "btr", "btc"};
  for (int oi = 0; oi < 4; ++oi) {
    for (int si = 0; si < 3; ++si) {
      unsigned size = sizes_v[si];
      for (long it = 0; it < iters * 6; ++it) {
        struct Enc e = {0};
        struct St s;
        int memtest = (it & 1) == 1;
        random_regs(&s);
        e.map = MAP_0F;
        e.op = ops[oi];
        e.osz = size;
        e.modrm = 1;
        e.reg = pick_reg(size, 0, memtest, 0);
        if (memtest) {
          /* Offsets reaching up to two pages either way. */
          int64_t off = (int64_t)(rnd() % (2 * 8 * 8192)) - 8 * 8192;
          if (rnd() & 1) off = (int64_t)(rnd() % 200) - 100;
          if (size == 2) off = (int16_t)off;
          set_reg(&s, (unsigned)e.reg, size, 0, (uint64_t)off);
          uint64_t at = setup_mem(&e, &s, size);
          at += (uint64_t)((off >> (size == 2 ? 4 : size == 4 ? 5 : 6)) *
                           (int64_t)size);
          e.lock = oi && (rnd() & 1);
          run(names[oi], &e, &s, def, op_bt, at);
        } else {
          e.rm = pick_reg(size, 0, 0, 0);
          set_reg(&s, (unsigned)e.rm, size, 0, pick(size));
          if (rnd() & 1) set_reg(&s, (unsigned)e.reg, size, 0, rnd());
          run(names[oi], &e, &s, def, op_bt, 0);
        }
      }
    }
  }
  for (int ext = 4; ext < 8; ++ext) {
    for (int si = 0; si < 3; ++si) {
      unsigned size = sizes_v[si];
      for (long it = 0; it < iters * 4; ++it) {
        struct Enc e = {0};
        struct St s;
        random_regs(&s);
        e.map = MAP_0F;
        e.op = 0xba;
        e.osz = size;
        e.modrm = 1;
        e.reg = ext;
        e.immsz = 1;
        e.imm = rnd() & 0xff;
        if (it & 1) {
          uint64_t at = setup_mem(&e, &s, size);
          e.lock = ext > 4 && (rnd() & 1);
          run_mem(names[ext - 4], &e, &s, def, op_bt_grp8, at, size, pick(size));
        } else {
          e.rm = pick_reg(size, 0, 0, 0);
          set_reg(&s, (unsigned)e.rm, size, 0, pick(size));
          run(names[ext - 4], &e, &s, def, op_bt_grp8, 0);
        }
      }
    }
  }
}

static void test_scan(void) {
  struct {
    const char *name, *group;
    int op, rep;
    OpFn fn;
  } t[] = {
      {"bsf", "bsf/bsr", 0xbc, 0, op_bsf},
      {"bsr", "bsf/bsr", 0xbd, 0, op_bsr},
      {"tzcnt", "tzcnt/lzcnt", 0xbc, 0xf3, op_bsf},
      {"lzcnt", "tzcnt/lzcnt", 0xbd, 0xf3, op_bsr},
      {"popcnt", "popcnt", 0xb8, 0xf3, op_popcnt},
  };
  for (size_t k = 0; k < sizeof(t) / sizeof(t[0]); ++k) {
    for (int si = 0; si < 3; ++si) {
      unsigned size = sizes_v[si];
      for (long it = 0; it < iters * 6; ++it) {
        struct Enc e = {0};
        struct St s;
        int memtest = (it & 3) == 3;
        random_regs(&s);
        e.map = MAP_0F;
        e.op = t[k].op;
        e.rep = t[k].rep;
        e.osz = size;
        e.modrm = 1;
        e.reg = pick_reg(size, 0, memtest, 0);
        uint64_t a = (it % 5) == 0 ? 0 : pick(size);
        if (memtest) {
          uint64_t at = setup_mem(&e, &s, size);
          run_mem(t[k].name, &e, &s, defined(t[k].group), t[k].fn, at, size, a);
        } else {
          e.rm = pick_reg(size, 0, 0, 0);
          set_reg(&s, (unsigned)e.rm, size, 0, a);
          run(t[k].name, &e, &s, defined(t[k].group), t[k].fn, 0);
        }
      }
    }
  }
  /* 0F B8 without F3 is not popcnt. */
  for (long it = 0; it < 4; ++it) {
    struct Enc e = {0};
    struct St s;
    random_regs(&s);
    e.map = MAP_0F;
    e.op = 0xb8;
    e.osz = 4;
    e.modrm = 1;
    e.reg = RAX;
    e.rm = RCX;
    run("popcnt-without-f3", &e, &s, ALL, 0, 0);
  }
  for (int si = 0; si < 3; ++si) {
    for (long it = 0; it < iters; ++it) {
      struct Enc e = {0};
      struct St s;
      random_regs(&s);
      e.map = MAP_0F;
      e.osz = sizes_v[si];
      int r = pick_reg(8, 0, 0, 0);
      e.op = 0xc8 | (r & 7);
      e.rm = r >= 8 ? 8 : 0; /* only for REX.B */
      run("bswap", &e, &s, ALL, op_bswap, 0);
    }
  }
}

/* BMI1/BMI2/ADX. */
static void test_bmi(void) {
  struct {
    const char *name, *group;
    int map, op, pp, ext; /* ext: ModRM.reg digit or -1 */
    OpFn fn;
  } t[] = {
      {"andn", "andn/blsi/blsmsk/blsr/bzhi", MAP_0F38, 0xf2, 0, -1, op_andn},
      {"blsr", "andn/blsi/blsmsk/blsr/bzhi", MAP_0F38, 0xf3, 0, 1, op_bmi_grp17},
      {"blsmsk", "andn/blsi/blsmsk/blsr/bzhi", MAP_0F38, 0xf3, 0, 2, op_bmi_grp17},
      {"blsi", "andn/blsi/blsmsk/blsr/bzhi", MAP_0F38, 0xf3, 0, 3, op_bmi_grp17},
      {"bzhi", "andn/blsi/blsmsk/blsr/bzhi", MAP_0F38, 0xf5, 0, -1, op_bzhi_pdep_pext},
      {"pdep", "not/bswap/mulx/pdep/pext/rorx/shlx/sarx/shrx", MAP_0F38, 0xf5, 3, -1, op_bzhi_pdep_pext},
      {"pext", "not/bswap/mulx/pdep/pext/rorx/shlx/sarx/shrx", MAP_0F38, 0xf5, 2, -1, op_bzhi_pdep_pext},
      {"mulx", "not/bswap/mulx/pdep/pext/rorx/shlx/sarx/shrx", MAP_0F38, 0xf6, 3, -1, op_mulx_adx},
      {"bextr", "bextr", MAP_0F38, 0xf7, 0, -1, op_bextr_shx},
      {"shlx", "not/bswap/mulx/pdep/pext/rorx/shlx/sarx/shrx", MAP_0F38, 0xf7, 1, -1, op_bextr_shx},
      {"sarx", "not/bswap/mulx/pdep/pext/rorx/shlx/sarx/shrx", MAP_0F38, 0xf7, 2, -1, op_bextr_shx},
      {"shrx", "not/bswap/mulx/pdep/pext/rorx/shlx/sarx/shrx", MAP_0F38, 0xf7, 3, -1, op_bextr_shx},
      {"rorx", "not/bswap/mulx/pdep/pext/rorx/shlx/sarx/shrx", MAP_0F3A, 0xf0, 3, -1, op_rorx},
  };
  for (size_t k = 0; k < sizeof(t) / sizeof(t[0]); ++k) {
    for (int w = 0; w < 2; ++w) {
      unsigned size = w ? 8 : 4;
      for (long it = 0; it < iters * 6; ++it) {
        struct Enc e = {0};
        struct St s;
        int memtest = (it & 3) == 3;
        random_regs(&s);
        e.vex = 1;
        e.vex_w = w;
        e.map = t[k].map;
        e.op = t[k].op;
        e.pp = t[k].pp;
        e.osz = 4;
        e.modrm = 1;
        e.reg = t[k].ext >= 0 ? t[k].ext : pick_reg(size, 0, memtest, 0);
        e.vex_v = pick_reg(size, 0, memtest, 0);
        if (!strcmp(t[k].name, "bzhi") || !strcmp(t[k].name, "bextr") ||
            t[k].op == 0xf7) {
          uint64_t ctl = (rnd() % 3) ? rnd() % 72 : rnd();
          if (!strcmp(t[k].name, "bextr"))
            ctl = (rnd() % 80) | ((rnd() % 80) << 8) | (rnd() & ~0xffffull);
          s.r[e.vex_v] = ctl;
        }
        if (t[k].op == 0xf0) {
          if (it % 8) e.vex_v = 0; /* else #UD: rorx has no vvvv */
          e.immsz = 1;
          e.imm = rnd() & 0xff;
        }
        uint64_t a = (it % 7) == 0 ? 0 : pick(size);
        if (memtest) {
          uint64_t at = setup_mem(&e, &s, size);
          run_mem(t[k].name, &e, &s, defined(t[k].group), t[k].fn, at, size, a);
        } else {
          e.rm = pick_reg(size, 0, 0, 0);
          set_reg(&s, (unsigned)e.rm, size, 0, a);
          run(t[k].name, &e, &s, defined(t[k].group), t[k].fn, 0);
        }
      }
    }
  }
  /* Invalid forms: F3 /0, /4../7; adcx/adox's 0F38 F6 without 66/F3 or
   * with F2; VEX.L = 1. */
  for (int k = 0; k < 8; ++k) {
    struct Enc e = {0};
    struct St s;
    random_regs(&s);
    e.map = MAP_0F38;
    e.modrm = 1;
    e.osz = 4;
    e.rm = RSI;
    e.reg = RDI;
    if (k < 5) {
      e.vex = 1;
      e.op = 0xf3;
      e.reg = k == 0 ? 0 : 3 + k;
      e.vex_v = RDX;
    } else if (k < 7) {
      e.op = 0xf6;
      e.rep = k == 6 ? 0xf2 : 0;
    } else {
      e.vex = 1;
      e.vex_l = 1;
      e.op = 0xf2;
      e.vex_v = RDX;
    }
    run("bmi-invalid", &e, &s, ALL, 0, 0);
  }
  /* adcx (66) and adox (F3), 32 and 64 bits. */
  for (int k = 0; k < 2; ++k) {
    for (int w = 0; w < 2; ++w) {
      for (long it = 0; it < iters * 6; ++it) {
        struct Enc e = {0};
        struct St s;
        int memtest = (it & 3) == 3;
        unsigned size = w ? 8 : 4;
        random_regs(&s);
        e.map = MAP_0F38;
        e.op = 0xf6;
        e.osz = size;
        if (k) e.rep = 0xf3;
        else e.p66 = 1;
        e.modrm = 1;
        e.reg = pick_reg(size, 0, memtest, 0);
        set_reg(&s, (unsigned)e.reg, size, 0, pick(size));
        uint64_t a = pick(size);
        if (memtest) {
          uint64_t at = setup_mem(&e, &s, size);
          run_mem(k ? "adox" : "adcx", &e, &s, defined("adcx/adox"),
                  op_mulx_adx, at, size, a);
        } else {
          e.rm = pick_reg(size, 0, 0, 0);
          set_reg(&s, (unsigned)e.rm, size, 0, a);
          run(k ? "adox" : "adcx", &e, &s, defined("adcx/adox"), op_mulx_adx, 0);
        }
      }
    }
  }
}

/* xchg, cmpxchg, xadd (registers and memory, with and without lock),
 * the 90+r short forms, cmpxchg8b/16b (including cmpxchg16b's #GP on a
 * misaligned operand). */
static void test_xchg(void) {
  static const struct {
    const char *name;
    int map, op;
    OpFn fn;
  } t[] = {
      {"xchg", MAP_1BYTE, 0x86, op_xchg},      {"xchg", MAP_1BYTE, 0x87, op_xchg},
      {"cmpxchg", MAP_0F, 0xb0, op_cmpxchg},   {"cmpxchg", MAP_0F, 0xb1, op_cmpxchg},
      {"xadd", MAP_0F, 0xc0, op_xadd},         {"xadd", MAP_0F, 0xc1, op_xadd},
  };
  unsigned arith = defined("add/adc/sub/sbb/cmp/neg/inc/dec");
  for (size_t k = 0; k < sizeof(t) / sizeof(t[0]); ++k) {
    for (int si = 0; si < 3; ++si) {
      unsigned size = (t[k].op & 1) ? sizes_v[si] : 1;
      if (!(t[k].op & 1) && si) break;
      for (long it = 0; it < iters * 4; ++it) {
        struct Enc e = {0};
        struct St s;
        int memtest = (it & 1);
        random_regs(&s);
        e.map = t[k].map;
        e.op = t[k].op;
        e.osz = (int)size;
        e.modrm = 1;
        e.rex40 = size == 1 && (rnd() & 1);
        e.reg = pick_reg(size, e.rex40, memtest, 0);
        uint64_t a = pick(size), b = pick(size);
        set_reg(&s, (unsigned)e.reg, size, e.rex40, b);
        /* cmpxchg: the accumulator equal to the destination half the
         * time (set before the operands, which may be the accumulator). */
        int eq = t[k].fn == op_cmpxchg && (rnd() & 1);
        if (eq) set_reg(&s, RAX, size, 0, a);
        if (memtest) {
          uint64_t at = setup_mem(&e, &s, size);
          e.lock = (int)(rnd() & 1);
          run_mem(t[k].name, &e, &s, t[k].fn == op_xchg ? ALL : arith,
                  t[k].fn, at, size, a);
        } else {
          e.rm = pick_reg(size, e.rex40, 0, 0);
          set_reg(&s, (unsigned)e.rm, size, e.rex40, a);
          if (eq) set_reg(&s, RAX, size, 0, a);
          e.lock = (it % 13) == 4; /* lock with a register: #UD */
          run(t[k].name, &e, &s, t[k].fn == op_xchg ? ALL : arith, t[k].fn, 0);
        }
      }
    }
  }
  /* 90+r (REX.B reaches r8..r15; 90 without it is nop, with it xchg r8). */
  for (int si = 0; si < 3; ++si) {
    for (long it = 0; it < iters; ++it) {
      struct Enc e = {0};
      struct St s;
      random_regs(&s);
      int r = (int)(rnd() % 16);
      if (r == RSP) continue;
      e.osz = (int)sizes_v[si];
      e.op = 0x90 | (r & 7);
      e.rm = r >= 8 ? 8 : 0; /* only for REX.B */
      run("xchg-ax", &e, &s, ALL, op_xchg_ax, 0);
    }
  }
  /* cmpxchg8b and cmpxchg16b (0F C7 /1), matching half the time. */
  for (int w = 0; w < 2; ++w) {
    for (long it = 0; it < iters * 4; ++it) {
      struct Enc e = {0};
      struct St s;
      random_regs(&s);
      e.map = MAP_0F;
      e.op = 0xc7;
      e.osz = w ? 8 : 4;
      e.modrm = 1;
      e.reg = 1;
      e.lock = (int)(rnd() & 1);
      uint64_t at = setup_mem(&e, &s, 8);
      int misaligned = w && (it % 8) == 7;
      at &= ~15ull;
      if (misaligned) at += 8;
      e.disp = (int32_t)(at - g_mem_mid);
      uint64_t lo = pick(8), hi = pick(8);
      if (rnd() & 1) {
        s.r[RAX] = w ? lo : (uint32_t)lo | (s.r[RAX] & ~0xffffffffull);
        s.r[RDX] = w ? hi : (uint32_t)(lo >> 32) | (s.r[RDX] & ~0xffffffffull);
        if (rnd() & 1) s.r[RDX] ^= 1ull << (rnd() % (w ? 64 : 32));
      }
      write_mem(at + 8, 8, hi);
      segv_vector = EXC_GP;
      /* ZF is the only flag written; the others are unaffected. */
      run_mem(w ? "cmpxchg16b" : "cmpxchg8b", &e, &s, ALL, op_grp9, at, 8, lo);
      segv_vector = EXC_PF;
    }
  }
}

/* movbe (loads and stores in each size; the register form and F3 are
 * #UD), cbw/cwde/cdqe, cwd/cdq/cqo, lahf, sahf, cmc, clc, stc; inc and
 * dec through FE/FF (registers, memory, lock). */
static void test_small(void) {
  for (int ext = 0; ext < 2; ++ext) {
    for (int si = 0; si < 4; ++si) {
      unsigned size = si == 0 ? 1 : sizes_v[si - 1];
      for (long it = 0; it < iters * 4; ++it) {
        struct Enc e = {0};
        struct St s;
        int memtest = it & 1;
        random_regs(&s);
        e.op = size == 1 ? 0xfe : 0xff;
        e.osz = (int)size;
        e.modrm = 1;
        e.reg = ext;
        e.rex40 = size == 1 && (rnd() & 1);
        uint64_t a = pick(size);
        if (memtest) {
          uint64_t at = setup_mem(&e, &s, size);
          e.lock = (int)(rnd() & 1);
          run_mem(ext ? "dec" : "inc", &e, &s,
                  defined("add/adc/sub/sbb/cmp/neg/inc/dec"),
                  size == 1 ? op_grp4 : op_grp5, at, size, a);
        } else {
          e.rm = pick_reg(size, e.rex40, 0, 0);
          set_reg(&s, (unsigned)e.rm, size, e.rex40, a);
          e.lock = (it % 15) == 2; /* #UD */
          run(ext ? "dec" : "inc", &e, &s,
              defined("add/adc/sub/sbb/cmp/neg/inc/dec"),
              size == 1 ? op_grp4 : op_grp5, 0);
        }
      }
    }
  }
  for (int op = 0xf0; op <= 0xf1; ++op) {
    for (int si = 0; si < 3; ++si) {
      unsigned size = sizes_v[si];
      for (long it = 0; it < iters * 2; ++it) {
        struct Enc e = {0};
        struct St s;
        random_regs(&s);
        e.map = MAP_0F38;
        e.op = op;
        e.osz = (int)size;
        e.modrm = 1;
        e.reg = pick_reg(size, 0, 1, 0);
        if ((it % 16) == 5) e.rep = 0xf3;
        if ((it % 16) == 9) {
          e.rm = pick_reg(size, 0, 0, 0);
          run("movbe", &e, &s, ALL, op_movbe, 0);
          continue;
        }
        uint64_t at = setup_mem(&e, &s, size);
        run_mem("movbe", &e, &s, ALL, op_movbe, at, size, pick(size));
      }
    }
  }
  static const struct {
    const char *name;
    int op;
    OpFn fn;
  } t[] = {
      {"cbw", 0x98, op_cbw},   {"cwd", 0x99, op_cwd},   {"sahf", 0x9e, op_sahf},
      {"lahf", 0x9f, op_lahf}, {"cmc", 0xf5, op_cmc},   {"clc", 0xf8, op_clc},
      {"stc", 0xf9, op_stc},
  };
  for (size_t k = 0; k < sizeof(t) / sizeof(t[0]); ++k) {
    for (int si = 0; si < 3; ++si) {
      for (long it = 0; it < iters * 2; ++it) {
        struct Enc e = {0};
        struct St s;
        random_regs(&s);
        e.op = t[k].op;
        e.osz = (int)sizes_v[si];
        set_reg(&s, RAX, 8, 0, pick(8));
        run(t[k].name, &e, &s, ALL, t[k].fn, 0);
      }
    }
  }
}

/* Instructions of the 16/32-bit modes, run natively in compatibility
 * mode. */
static void test_legacy(void) {
  static const struct {
    const char *name, *group;
    int op;
    OpFn fn;
  } bcd[] = {
      {"daa", "daa/das", 0x27, op_bcd},
      {"das", "daa/das", 0x2f, op_bcd},
      {"aaa", "aaa/aas", 0x37, op_bcd},
      {"aas", "aaa/aas", 0x3f, op_bcd},
      {"salc", "salc", 0xd6, op_salc},
  };
  for (size_t kk = 0; kk < 2 * sizeof(bcd) / sizeof(bcd[0]); ++kk) {
    size_t k = kk % (sizeof(bcd) / sizeof(bcd[0]));
    vm_real = kk >= sizeof(bcd) / sizeof(bcd[0]);
    /* Every AL with every CF/AF, and AH 0, 0xff or random. */
    for (unsigned al = 0; al < 256; ++al) {
      for (unsigned f = 0; f < 4; ++f) {
        struct Enc e = {0};
        struct St s;
        random_regs(&s);
        e.mode32 = 1;
        e.op = bcd[k].op;
        e.osz = 4;
        s.fl = (s.fl & ~(uint64_t)(FLAG_CF | FLAG_AF)) |
               ((f & 1) ? FLAG_CF : 0) | ((f & 2) ? FLAG_AF : 0);
        static const unsigned ahs[6] = {0xff, 0x7f, 0x80, 0, 0xfe, 0x7e};
        unsigned ah = (rnd() % 2) ? ahs[rnd() % 6] : (unsigned)rnd() & 0xff;
        set_reg(&s, RAX, 2, 0, al | (ah << 8));
        run(vm_real ? "bcd-real-mode" : bcd[k].name, &e, &s,
            defined(bcd[k].group), bcd[k].fn, 0);
      }
    }
  }
  for (int opr = 0; opr < 4; ++opr) {
    int op = 0xd4 + (opr & 1);
    vm_real = opr >= 2;
    for (long it = 0; it < 2048; ++it) {
      struct Enc e = {0};
      struct St s;
      random_regs(&s);
      e.mode32 = 1;
      e.op = op;
      e.osz = 4;
      e.immsz = 1;
      e.imm = it < 256 ? (uint64_t)it : (it & 1) ? 10 : rnd() & 0xff;
      set_reg(&s, RAX, 2, 0, pick(2));
      run(vm_real ? "aam/aad-real-mode" : op == 0xd4 ? "aam" : "aad", &e, &s,
          defined("aam/aad"),
          op == 0xd4 ? op_aam : op_aad, 0);
    }
  }
  vm_real = 0;
  /* inc/dec r16/r32. */
  for (int op = 0x40; op < 0x50; ++op) {
    if ((op & 7) == RSP) continue;
    for (int o16 = 0; o16 < 2; ++o16) {
      for (long it = 0; it < iters * 2; ++it) {
        struct Enc e = {0};
        struct St s;
        unsigned size = o16 ? 2 : 4;
        random_regs(&s);
        e.mode32 = 1;
        e.op = op;
        e.osz = size;
        set_reg(&s, (unsigned)op & 7, size, 0, pick(size));
        run(op < 0x48 ? "inc" : "dec", &e, &s,
            defined("add/adc/sub/sbb/cmp/neg/inc/dec"), op_incdec_r, 0);
      }
    }
  }
  /* A few ALU forms in 32-bit code too (16- and 32-bit operands). */
  for (long it = 0; it < iters * 8; ++it) {
    struct Enc e = {0};
    struct St s;
    unsigned kind = (unsigned)rnd() % 8, size = (rnd() & 1) ? 2 : 4;
    random_regs(&s);
    e.mode32 = 1;
    e.op = (int)(kind << 3 | 1);
    e.osz = size;
    e.modrm = 1;
    e.reg = pick_reg(size, 0, 0, 1);
    e.rm = pick_reg(size, 0, 0, 1);
    set_reg(&s, (unsigned)e.reg, size, 0, pick(size));
    set_reg(&s, (unsigned)e.rm, size, 0, pick(size));
    run(alu_names[kind], &e, &s, alu_def(kind), op_alu, 0);
  }
}

/* bound (62 /r, memory only) in 16- and 32-bit operand size, run
 * natively in compatibility mode: #BR, which Linux delivers as SIGSEGV,
 * when the signed index is outside [lower, upper]. The bounds live below
 * 4 GiB (g_low), where [ebx+disp32] reaches them on both sides. */
static uint8_t *g_low;

static void test_bound(void) {
  for (int o16 = 0; o16 < 2; ++o16) {
    unsigned size = o16 ? 2 : 4;
    for (long it = 0; it < iters * 8; ++it) {
      struct Enc e = {0};
      struct St s;
      random_regs(&s);
      e.mode32 = 1;
      e.op = 0x62;
      e.osz = (int)size;
      e.modrm = 1;
      e.reg = pick_reg(size, 0, 1, 1);
      e.rm = MEM;
      e.disp = (int32_t)(rnd() % 2048);
      s.r[MEM_BASE] = (uint64_t)(uintptr_t)g_low;
      uint64_t lo = pick(size), hi = pick(size), x;
      if ((rnd() & 3) && sext_sz(lo, size) > sext_sz(hi, size)) {
        uint64_t t = lo;
        lo = hi;
        hi = t;
      }
      switch (rnd() % 7) {
        case 0: x = lo - 1; break;
        case 1: x = lo; break;
        case 2: x = lo + 1; break;
        case 3: x = hi - 1; break;
        case 4: x = hi; break;
        case 5: x = hi + 1; break;
        default: x = pick(size); break;
      }
      uint8_t *at = g_low + e.disp;
      write_mem((uint64_t)(uintptr_t)at, size, lo);
      write_mem((uint64_t)(uintptr_t)at + size, size, hi);
      set_reg(&s, (unsigned)e.reg, size, 0, trunc_to(x, size));
      segv_vector = EXC_BR;
      run("bound", &e, &s, ALL, op_bound, 0);
      segv_vector = EXC_PF;
    }
  }
}

/* bound where the host cannot run it: 64-bit mode (62 is #UD there, or
 * the EVEX prefix on AVX-512 hosts) and real mode (16-bit addressing),
 * checked against the SDM's pseudo-code: IF Index < LowerBound OR Index
 * > UpperBound THEN #BR; registers and flags unchanged either way. */
static void test_bound_vm(void) {
  static const uint64_t seg = 0x2000; /* DS paragraph: linear 0x20000 */
  uint8_t code[8];
  struct Insn ins;
  /* 64-bit mode: 62 /r with a memory operand does not decode. */
  memset(code, 0, sizeof(code));
  code[0] = 0x62;
  code[1] = 0x03; /* [rbx] */
  ++checks;
  if (decode_insn(&ins, code, sizeof(code), MODE_LONG) != DECODE_INVALID &&
      ins.fn != op_ud) {
    ++failures;
    fprintf(stderr, "FAIL bound: 62 03 decodes in 64-bit mode\n");
  }
  if (mem_map(m, seg << 4, 0x10000, MPROT_READ | MPROT_WRITE, -1, 0)) {
    fprintf(stderr, "mem_map failed\n");
    exit(2);
  }
  for (int o32 = 0; o32 < 2; ++o32) {
    unsigned size = o32 ? 4 : 2;
    for (long it = 0; it < iters * 8; ++it) {
      int n = 0;
      unsigned reg = (unsigned)(rnd() % 8);
      uint16_t bx = (uint16_t)rnd(), disp = (uint16_t)rnd();
      uint16_t off = (uint16_t)(bx + disp);
      if (off > 0x10000 - 2 * size) continue;
      if (reg == RBX) reg = RAX;
      if (o32) code[n++] = 0x66;
      code[n++] = 0x62;
      code[n++] = (uint8_t)(0x87 | reg << 3); /* [bx+disp16] */
      code[n++] = (uint8_t)disp;
      code[n++] = (uint8_t)(disp >> 8);
      uint64_t lo = pick(size), hi = pick(size), x;
      if ((rnd() & 3) && sext_sz(lo, size) > sext_sz(hi, size)) {
        uint64_t t = lo;
        lo = hi;
        hi = t;
      }
      switch (rnd() % 5) {
        case 0: x = lo - 1; break;
        case 1: x = hi + 1; break;
        case 2: x = lo; break;
        case 3: x = hi; break;
        default: x = pick(size); break;
      }
      x = trunc_to(x, size);
      mem_copy_out(m, (seg << 4) + off, &lo, size);
      mem_copy_out(m, (seg << 4) + off + size, &hi, size);
      for (int r = 0; r < 16; ++r) m->r[r] = rnd();
      m->r[RBX] = (m->r[RBX] & ~0xffffull) | bx;
      m->r[reg] = (m->r[reg] & ~((size == 4 ? 1ull << 32 : 1ull << 16) - 1)) | x;
      uint64_t before[16], fl = random_flags();
      flags_set(m, fl);
      memcpy(before, m->r, sizeof(before));
      m->mode = MODE_REAL;
      m->seg_base[SEG_DS] = seg << 4;
      m->sreg[SEG_DS] = (uint16_t)seg;
      volatile int want = sext_sz(x, size) < sext_sz(lo, size) ||
                 sext_sz(x, size) > sext_sz(hi, size);
      volatile int got = 0;
      int rc = decode_insn(&ins, code, (size_t)n, MODE_REAL);
      ++checks;
      if (rc != DECODE_OK || ins.len != n) {
        ++failures;
        fprintf(stderr, "FAIL bound-real-mode: decode %d len %d\n", rc, ins.len);
        continue;
      }
      m->ip = 0x1000;
      m->rip = 0x1000 + (uint64_t)n;
      last_vector = -1;
      if (setjmp(m->onfault)) got = last_vector == EXC_BR ? 1 : 100 + last_vector;
      else ins.fn(m, &ins);
      if (got != want || memcmp(before, m->r, sizeof(before)) ||
          (flags_get(m) & FLAGS_ARITH) != (fl & FLAGS_ARITH)) {
        struct Tally *t = tally("bound-real-mode");
        ++failures;
        ++t->fails;
        if (t->reported++ < MAX_REPORTS)
          fprintf(stderr, "FAIL bound-real-mode: size %u index %#" PRIx64
                          " bounds [%#" PRIx64 ", %#" PRIx64 "]: #BR %d, want %d\n",
                  size, x, lo, hi, got, want);
      }
    }
  }
  m->seg_base[SEG_DS] = 0;
  m->sreg[SEG_DS] = 0;
  m->mode = MODE_LONG;
}

/* 82 is invalid in 64-bit mode but an alias of 80 in 32-bit code. */
static void test_82(void) {
  for (long it = 0; it < iters * 2; ++it) {
    struct Enc e = {0};
    struct St s;
    random_regs(&s);
    e.mode32 = 1;
    e.op = 0x82;
    e.osz = 1;
    e.modrm = 1;
    e.reg = (int)(rnd() % 8);
    e.rm = pick_reg(1, 0, 0, 1);
    e.immsz = 1;
    e.imm = pick(1);
    set_reg(&s, (unsigned)e.rm, 1, 0, pick(1));
    run(alu_names[e.reg], &e, &s, alu_def((unsigned)e.reg), op_alu_grp1, 0);
  }
}

/* Read-only memory: which instructions write their destination (and so
 * fault) even when they leave it unchanged, and that a faulting
 * instruction leaves registers and flags alone. */
static uint8_t *g_ro;

static void test_readonly(void) {
  static const struct {
    const char *name;
    int map, op, ext, immsz;
    uint64_t imm;
    int lock;
    OpFn fn;
  } t[] = {
      {"shl", MAP_1BYTE, 0xc1, 4, 1, 0, 0, op_grp2},
      {"rol", MAP_1BYTE, 0xc1, 0, 1, 0, 0, op_grp2},
      {"rcr", MAP_1BYTE, 0xc1, 3, 1, 32, 0, op_grp2},
      {"shl", MAP_1BYTE, 0xd3, 4, 0, 0, 0, op_grp2},
      {"shld", MAP_0F, 0xa4, RDX, 1, 0, 0, op_shld},
      {"shrd", MAP_0F, 0xad, RDX, 0, 0, 0, op_shrd},
      {"add", MAP_1BYTE, 0x83, 0, 1, 0, 0, op_alu_grp1},
      {"add", MAP_1BYTE, 0x83, 0, 1, 0, 1, op_alu_grp1},
      {"cmp", MAP_1BYTE, 0x83, 7, 1, 0, 0, op_alu_grp1},
      {"test", MAP_1BYTE, 0x85, RDX, 0, 0, 0, op_test},
      {"not", MAP_1BYTE, 0xf7, 2, 0, 0, 0, op_grp3},
      {"neg", MAP_1BYTE, 0xf7, 3, 0, 0, 1, op_grp3},
      {"mul", MAP_1BYTE, 0xf7, 4, 0, 0, 0, op_grp3},
      {"bt", MAP_0F, 0xba, 4, 1, 3, 0, op_bt_grp8},
      {"bts", MAP_0F, 0xba, 5, 1, 3, 0, op_bt_grp8},
      {"btr", MAP_0F, 0xb3, RDX, 0, 0, 1, op_bt},
      {"bsf", MAP_0F, 0xbc, RDX, 0, 0, 0, op_bsf},
      {"imul", MAP_0F, 0xaf, RDX, 0, 0, 0, op_imul_gv_ev},
  };
  for (size_t k = 0; k < sizeof(t) / sizeof(t[0]); ++k) {
    for (int si = 0; si < 3; ++si) {
      struct Enc e = {0};
      struct St s;
      random_regs(&s);
      e.map = t[k].map;
      e.op = t[k].op;
      e.osz = (int)sizes_v[si];
      e.modrm = 1;
      e.reg = t[k].ext;
      e.rm = MEM;
      e.disp = (int32_t)(rnd() % 4000);
      e.immsz = t[k].immsz;
      e.imm = t[k].imm;
      e.lock = t[k].lock;
      s.r[MEM_BASE] = (uint64_t)(uintptr_t)g_ro;
      if (t[k].op == 0xd3) s.r[RCX] &= ~0xffull;
      /* bt offsets stay inside the page: a far one lands wherever the
       * host happens to have memory (ASan's shadow covers terabytes), and
       * the host and the VM would disagree about faulting. */
      s.r[RDX] &= 0xff;
      if (t[k].op == 0xad) s.r[RCX] = (s.r[RCX] & ~0xffull) | 64;
      run(t[k].name, &e, &s, ALL, t[k].fn, 0);
    }
  }
}

/* LOCK where it is not allowed (no memory destination written): #UD. */
static void test_bad_lock(void) {
  static const struct {
    const char *name;
    int map, op, ext, immsz;
    OpFn fn;
  } t[] = {
      {"lock-cmp", MAP_1BYTE, 0x39, RDX, 0, op_alu},
      {"lock-cmp", MAP_1BYTE, 0x83, 7, 1, op_alu_grp1},
      {"lock-test", MAP_1BYTE, 0x85, RDX, 0, op_test},
      {"lock-test", MAP_1BYTE, 0xf7, 0, 4, op_grp3},
      {"lock-add-g", MAP_1BYTE, 0x03, RDX, 0, op_alu},
      {"lock-bt", MAP_0F, 0xa3, RDX, 0, op_bt},
      {"lock-bt", MAP_0F, 0xba, 4, 1, op_bt_grp8},
      {"lock-shl", MAP_1BYTE, 0xd1, 4, 0, op_grp2},
      {"lock-mul", MAP_1BYTE, 0xf7, 4, 0, op_grp3},
      {"lock-imul", MAP_0F, 0xaf, RDX, 0, op_imul_gv_ev},
      {"lock-bsf", MAP_0F, 0xbc, RDX, 0, op_bsf},
  };
  for (size_t k = 0; k < sizeof(t) / sizeof(t[0]); ++k) {
    struct Enc e = {0};
    struct St s;
    random_regs(&s);
    e.map = t[k].map;
    e.op = t[k].op;
    e.osz = 4;
    e.modrm = 1;
    e.reg = t[k].ext;
    e.immsz = t[k].immsz;
    e.imm = 1;
    e.lock = 1;
    s.r[RDX] &= 0xff;
    uint64_t at = setup_mem(&e, &s, 4);
    run(t[k].name, &e, &s, ALL, t[k].fn, at);
  }
}

/* The -u sweep (its own concept, in its own file). */
#include "alu-sweep.h"

/* ------------------------------------------------------------ main */

int main(int argc, char **argv) {
  int do_sweep = 0;
  for (int k = 1; k < argc; ++k) {
    if (!strcmp(argv[k], "-v")) ++verbose;
    else if (!strcmp(argv[k], "-c")) chain = 0;
    else if (!strcmp(argv[k], "-u")) do_sweep = 1;
    else if (!strcmp(argv[k], "-s") && k + 1 < argc)
      rng_state = strtoull(argv[++k], 0, 0);
    else if (!strcmp(argv[k], "-n") && k + 1 < argc)
      iters = strtol(argv[++k], 0, 0);
    else {
      fprintf(stderr, "usage: %s [-v] [-c] [-u] [-s SEED] [-n ITERATIONS]\n", argv[0]);
      return 2;
    }
  }
  log_init("/dev/null", 0);
  g_buf = mmap(0, 65536, PROT_READ | PROT_WRITE | PROT_EXEC,
               MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
  g_lowstack = mmap(0, 65536, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
  g_mem = mmap(0, MEM_SIZE, PROT_READ | PROT_WRITE,
               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (g_buf == MAP_FAILED || g_lowstack == MAP_FAILED || g_mem == MAP_FAILED) {
    perror("mmap");
    return 2;
  }
  g_low = mmap(0, 4096, PROT_READ | PROT_WRITE,
               MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
  if (g_low == MAP_FAILED ||
      mem_map(m = vm_new(), (uint64_t)(uintptr_t)g_low, 4096,
              MPROT_READ | MPROT_WRITE, -1, 0)) {
    fprintf(stderr, "low page: map failed\n");
    return 2;
  }
  g_ro = mmap(0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (g_ro == MAP_FAILED) {
    perror("mmap");
    return 2;
  }
  g_mem_mid = (uint64_t)(uintptr_t)g_mem + MEM_SIZE / 2;
  m->on_exception = on_exc;
  if (mem_map(m, (uint64_t)(uintptr_t)g_mem, MEM_SIZE,
              MPROT_READ | MPROT_WRITE, -1, 0)) {
    fprintf(stderr, "mem_map failed\n");
    return 2;
  }
  if (mem_map(m, (uint64_t)(uintptr_t)g_ro, 4096, MPROT_READ, -1, 0)) {
    fprintf(stderr, "mem_map failed\n");
    return 2;
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_sigaction = on_signal;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigaction(SIGFPE, &sa, 0);
  sigaction(SIGILL, &sa, 0);
  sigaction(SIGSEGV, &sa, 0);
  sigaction(SIGBUS, &sa, 0);

  if (do_sweep) {
    sweep();
    return 0;
  }
  test_alu();
  test_test();
  test_grp3();
  test_div_edges();
  test_imul();
  test_shifts();
  test_shd();
  test_bt();
  test_scan();
  test_bmi();
  test_xchg();
  test_small();
  /* Kernels can disable 32-bit code (ia32_emulation=0): probe with a
   * nop before running the legacy-mode tests. */
  {
    struct St probe;
    static const uint8_t nop = 0x90;
    random_regs(&probe);
    if (native(&probe, &nop, 1, 1) == 0) {
      test_legacy();
      test_82();
      test_bound();
    } else {
      printf("test-alu: no 32-bit code segment on this host; skipping the "
             "16/32-bit-only instructions\n");
    }
  }
  test_readonly();
  test_bad_lock();
  test_bound_vm();

  if (undef_diffs) {
    printf("test-alu: %ld differences in undefined flags (not failures):\n",
           undef_diffs);
    for (int k = 0; k < ntallies; ++k) {
      char f[16];
      if (!tallies[k].undef) continue;
      flagstr(f, tallies[k].undef_bits);
      printf("  %-12s %6ld  %s\n", tallies[k].name, tallies[k].undef, f);
    }
  }
  for (int k = 0; k < ntallies; ++k)
    if (tallies[k].fails)
      printf("  FAILED %-12s %ld\n", tallies[k].name, tallies[k].fails);
  printf("test-alu: %ld checks, %ld failures\n", checks, failures);
  return failures ? 1 : 0;
}

#endif /* __x86_64__ && __linux__ */
