/* vmrun.c: runs a case in the VM.
 *
 * One Machine for the whole run, with the code page and the scratch area
 * at the addresses the host child uses. Each case runs twice from the
 * same state: instruction by instruction with vm_step (which lets
 * undef_step see the registers each instruction starts from), then
 * through vm_run, the linked dispatch loop programs use, on the records
 * the first run left in the icache. The two must agree exactly; the
 * first is what gets compared with the host. */
#include <signal.h>
#include <string.h>
#include <sys/time.h>

#include "flags.h"
#include "icache.h"
#include "isa.h"
#include "machine.h"
#include "memory.h"
#include "vm.h"
#include "x87.h"

static struct Machine *m;

static int vec;

static void on_exc(struct Machine *mm, int vector, uint64_t err,
                   uint64_t addr) {
  (void)err;
  (void)addr;
  vec = vector;
  mm->stop = STOP_SIGNAL;
  mm->trap = 1;
}

/* A VM bug that loops (a branch that goes backwards, a string op that
 * never ends) must not hang the test: a once-a-second timer stops a
 * case that has run for two ticks. */
static volatile sig_atomic_t ticks;
static void on_alarm(int sig) {
  (void)sig;
  if (++ticks >= 3 && m) m->trap = 1;
}

int vm_setup(void) {
  struct sigaction sa;
  struct itimerval it = {{1, 0}, {1, 0}};
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = on_alarm;
  sa.sa_flags = SA_RESTART;
  sigaction(SIGALRM, &sa, NULL);
  setitimer(ITIMER_REAL, &it, NULL);
  m = vm_new();
  if (!m) return -1;
  m->on_exception = on_exc;
  if (mem_map(m, ISA_CODE, ISA_CODE_SIZE, MPROT_READ | MPROT_WRITE | MPROT_EXEC, -1, 0) ||
      mem_map(m, ISA_SCR, ISA_SCR_SIZE, MPROT_READ | MPROT_WRITE, -1, 0))
    return -1;
  return 0;
}

static int vec_sig(int v) {
  switch (v) {
    case -1: return 0;
    case EXC_DE: case EXC_MF: case EXC_XM: return 8;  /* SIGFPE */
    case EXC_UD: return 4;                            /* SIGILL */
    case EXC_BP: case EXC_DB: return 5;               /* SIGTRAP */
    case EXC_AC: case EXC_SS: case EXC_NP: return 7; /* SIGBUS, as Linux */
    default: return 11;                               /* SIGSEGV */
  }
}

static int rd(void *ctx, uint64_t a, void *dst, unsigned n) {
  (void)ctx;
  return mem_copy_in(m, dst, a, n);
}

static void load(const struct Case *c) {
  static uint8_t img[ISA_SCR_SIZE], code[ISA_CODE_SIZE];
  uint32_t mx;
  scratch_fill(img, c);
  mem_write_bytes(m, ISA_SCR, img, ISA_SCR_SIZE);
  code_image(code, c);
  mem_write_bytes(m, ISA_CODE, code, ISA_CODE_SIZE);
  for (uint64_t p = ISA_CODE; p < ISA_CODE + ISA_CODE_SIZE; p += 4096)
    icache_invalidate(mem_icache(m->mem), p >> 12);
  memcpy(m->r, c->init.r, sizeof(m->r));
  m->sreg[SEG_CS] = 0x33;
  m->sreg[SEG_SS] = 0x2b;
  m->sreg[SEG_DS] = m->sreg[SEG_ES] = m->sreg[SEG_FS] = m->sreg[SEG_GS] = 0;
  for (int k = 0; k <= SEG_COUNT; ++k) m->seg_base[k] = 0;
  m->mode = MODE_LONG;
  x87_fxrstor(m, c->init.fx);
  memcpy(&mx, c->init.fx + FX_MXCSR, 4);
  m->mxcsr = mx;
  memcpy(m->xmm, c->init.fx + FX_XMM, sizeof(m->xmm));
  x87_host_dirty();
  flags_set(m, c->init.rflags);
  m->rip = c->at;
  m->stop = STOP_NONE;
  m->trap = 0;
  vec = -1;
}

static void save(struct Result *out) {
  uint32_t mx = m->mxcsr;
  memset(&out->st, 0, sizeof(out->st));
  memcpy(out->st.r, m->r, sizeof(m->r));
  out->st.rflags = flags_get(m);
  out->st.rip = m->rip;
  x87_fxsave(m, out->st.fx);
  memcpy(out->st.fx + FX_MXCSR, &mx, 4);
  memcpy(out->st.fx + FX_XMM, m->xmm, sizeof(m->xmm));
  mem_copy_in(m, out->mem, ISA_SCR, ISA_SCR_SIZE);
}

int vm_run_twice = 1;

void vm_run_case(const struct Case *c, struct Result *out, struct Undef *u,
                 struct Result *out2) {
  uint64_t end = c->at + c->len;
  int steps = 0;
  ticks = 0;
  load(c);
  memset(u, 0, sizeof(*u));
  out->sig = 0;
  while (m->rip != end) {
    if (++steps > 4096 || ticks >= 3) {
      out->sig = -1; /* never reached the end */
      break;
    }
    int k;
    for (k = 0; k < c->ninsn; ++k)
      if (c->at + c->insn[k].off == m->rip) break;
    if (k < c->ninsn && !c->replay && c->insn[k].entry >= 0)
      undef_step(u, c, k, m->r, 0, 0, rd, 0);
    else if (!c->replay) u->tainted = 1;
    vm_step(m);
    if (vec >= 0) {
      out->sig = vec_sig(vec);
      break;
    }
  }
  save(out);
  if (!out2) return;
  /* the same through vm_run */
  ticks = 0;
  load(c);
  vm_run(m);
  out2->sig = ticks >= 3 && vec < 0 ? -1 : vec_sig(vec);
  if (vec == EXC_PF && m->rip == native_back_addr()) {
    out2->sig = 0;
    m->rip = end;
  }
  save(out2);
}
