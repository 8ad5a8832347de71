/* native.c: runs cases on the host CPU in a forked child.
 *
 * One long-lived child runs whole batches out of a MAP_SHARED block, with
 * no system call per case: a trampoline loads the case's state (fxrstor,
 * popfq, the sixteen GPRs including RSP, which points into the scratch
 * area) and jumps to the sequence in the code pages; it ends with a
 * jump back to a stub that stores everything. A fault is caught by a
 * SA_SIGINFO handler on an alternate stack (the guest RSP may point
 * anywhere), which takes the state from the ucontext and siglongjmps to
 * the next case. A child that dies anyway is reported and re-forked. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#include "isa.h"

struct CpuState g_in, g_out;
uint64_t g_host_rsp;
uint64_t g_entry = ISA_CODE;
uint32_t g_mxcsr_default = 0x1f80;
void native_enter(void);
void native_back(void);

/* Offsets: fx 0..511, r[] at 512, rflags at 640. */
__asm__(".text\n"
        ".globl native_enter\n"
        "native_enter:\n"
        "  push %rbx\n push %rbp\n push %r12\n push %r13\n push %r14\n push %r15\n"
        "  mov %rsp, g_host_rsp(%rip)\n"
        "  fxrstor64 g_in(%rip)\n"
        "  lea g_in(%rip), %rax\n"
        "  pushq 640(%rax)\n"
        "  popfq\n"
        "  mov 520(%rax), %rcx\n mov 528(%rax), %rdx\n mov 536(%rax), %rbx\n"
        "  mov 544(%rax), %rsp\n mov 552(%rax), %rbp\n mov 560(%rax), %rsi\n"
        "  mov 568(%rax), %rdi\n mov 576(%rax), %r8\n mov 584(%rax), %r9\n"
        "  mov 592(%rax), %r10\n mov 600(%rax), %r11\n mov 608(%rax), %r12\n"
        "  mov 616(%rax), %r13\n mov 624(%rax), %r14\n mov 632(%rax), %r15\n"
        "  mov 512(%rax), %rax\n"
        "  jmp *g_entry(%rip)\n"
        ".globl native_back\n"
        "native_back:\n"
        "  mov %rsp, g_out+544(%rip)\n"
        "  mov g_host_rsp(%rip), %rsp\n"
        "  pushfq\n"
        "  popq g_out+640(%rip)\n"
        "  mov %rax, g_out+512(%rip)\n mov %rcx, g_out+520(%rip)\n"
        "  mov %rdx, g_out+528(%rip)\n mov %rbx, g_out+536(%rip)\n"
        "  mov %rbp, g_out+552(%rip)\n mov %rsi, g_out+560(%rip)\n"
        "  mov %rdi, g_out+568(%rip)\n mov %r8, g_out+576(%rip)\n"
        "  mov %r9, g_out+584(%rip)\n mov %r10, g_out+592(%rip)\n"
        "  mov %r11, g_out+600(%rip)\n mov %r12, g_out+608(%rip)\n"
        "  mov %r13, g_out+616(%rip)\n mov %r14, g_out+624(%rip)\n"
        "  mov %r15, g_out+632(%rip)\n"
        "  fxsave64 g_out(%rip)\n"
        "  fninit\n"
        "  ldmxcsr g_mxcsr_default(%rip)\n"
        "  cld\n"
        "  pop %r15\n pop %r14\n pop %r13\n pop %r12\n pop %rbp\n pop %rbx\n"
        "  ret\n");

_Static_assert(__builtin_offsetof(struct CpuState, r) == 512, "layout");
_Static_assert(__builtin_offsetof(struct CpuState, rflags) == 640, "layout");

#define BATCH 256
struct Shm {
  volatile int32_t cur;
  int32_t n;
  struct Case cases[BATCH];
  struct Result res[BATCH];
};
static struct Shm *shm;
static pid_t child = -1;
static int to_child = -1, from_child = -1;

int native_batch(void) { return BATCH; }
struct Case *native_case(int k) { return &shm->cases[k]; }
struct Result *native_result(int k) { return &shm->res[k]; }

/* ---------------------------------------------------------- the child */

static sigjmp_buf g_jb;
static volatile sig_atomic_t g_in_native, g_sig;

static void on_fault(int sig, siginfo_t *si, void *ctx) {
  ucontext_t *uc = ctx;
  (void)si;
  if (!g_in_native) {
    signal(sig, SIG_DFL);
    raise(sig);
    return;
  }
  g_in_native = 0;
  greg_t *gr = uc->uc_mcontext.gregs;
  static const int map[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX,
                              REG_RSP, REG_RBP, REG_RSI, REG_RDI,
                              REG_R8,  REG_R9,  REG_R10, REG_R11,
                              REG_R12, REG_R13, REG_R14, REG_R15};
  for (int k = 0; k < 16; ++k) g_out.r[k] = (uint64_t)gr[map[k]];
  g_out.rip = (uint64_t)gr[REG_RIP];
  g_out.rflags = (uint64_t)gr[REG_EFL];
  if (uc->uc_mcontext.fpregs)
    memcpy(g_out.fx, uc->uc_mcontext.fpregs, 512);
  g_sig = sig;
  siglongjmp(g_jb, 1);
}

/* The code pages' bytes, the same in the child and the VM (an operand
 * that strays into them reads the same thing): zeros, the sequence, and
 * `jmp *0(%rip)` to native_back (unmapped in the VM: its fetch fault
 * marks the end there). */
void code_image(uint8_t *img, const struct Case *c) {
  uint64_t back = (uint64_t)(uintptr_t)native_back;
  uint8_t *code = img + (c->at - ISA_CODE);
  memset(img, 0, ISA_CODE_SIZE);
  memcpy(code, c->code, c->len);
  memcpy(code + c->len, "\xff\x25\0\0\0\0", 6);
  memcpy(code + c->len + 6, &back, 8);
}

uint64_t native_back_addr(void) { return (uint64_t)(uintptr_t)native_back; }

static void run_one(struct Case *c, struct Result *res) {
  scratch_fill((uint8_t *)(uintptr_t)ISA_SCR, c);
  code_image((uint8_t *)(uintptr_t)ISA_CODE, c);
  memcpy(&g_in, &c->init, sizeof(g_in));
  memset(&g_out, 0, sizeof(g_out));
  g_entry = c->at;
  g_sig = 0;
  if (!sigsetjmp(g_jb, 0)) {
    g_in_native = 1;
    native_enter();
    g_in_native = 0;
    g_out.rip = c->at + c->len;
  } else {
    /* back from the handler: the kernel gave it a clean FPU state */
    __asm__ volatile("fninit\n\tldmxcsr %0\n\tcld" : : "m"(g_mxcsr_default));
  }
  memcpy(&res->st, &g_out, sizeof(g_out));
  res->sig = g_sig;
  memcpy(res->mem, (void *)(uintptr_t)ISA_SCR, ISA_SCR_SIZE);
}

static void child_main(int in, int out) {
  static char altstack[65536] __attribute__((aligned(16)));
  stack_t ss = {.ss_sp = altstack, .ss_size = sizeof(altstack)};
  struct sigaction sa;
  sigaltstack(&ss, NULL);
  memset(&sa, 0, sizeof(sa));
  sa.sa_sigaction = on_fault;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigaction(SIGSEGV, &sa, NULL);
  sigaction(SIGBUS, &sa, NULL);
  sigaction(SIGILL, &sa, NULL);
  sigaction(SIGFPE, &sa, NULL);
  sigaction(SIGTRAP, &sa, NULL);
  void *a = mmap((void *)(uintptr_t)ISA_CODE, ISA_CODE_SIZE,
                 PROT_READ | PROT_WRITE | PROT_EXEC,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  void *b = mmap((void *)(uintptr_t)ISA_SCR, ISA_SCR_SIZE,
                 PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  char ok = a == (void *)(uintptr_t)ISA_CODE && b == (void *)(uintptr_t)ISA_SCR;
  if (write(out, &ok, 1) != 1 || !ok) _exit(1);
  for (;;) {
    int32_t start;
    if (read(in, &start, 4) != 4) _exit(0);
    for (int k = start; k < shm->n; ++k) {
      shm->cur = k;
      run_one(&shm->cases[k], &shm->res[k]);
    }
    char done = 1;
    if (write(out, &done, 1) != 1) _exit(0);
  }
}

/* ---------------------------------------------------------- the parent */

static int spawn(void) {
  int p1[2], p2[2];
  if (pipe(p1) || pipe(p2)) return -1;
  fflush(NULL);
  child = fork();
  if (child < 0) return -1;
  if (!child) {
    close(p1[1]);
    close(p2[0]);
    child_main(p1[0], p2[1]);
    _exit(0);
  }
  close(p1[0]);
  close(p2[1]);
  to_child = p1[1];
  from_child = p2[0];
  char ok = 0;
  if (read(from_child, &ok, 1) != 1 || !ok) return -1;
  return 0;
}

static void reap(void) {
  if (child > 0) {
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
  }
  if (to_child >= 0) close(to_child);
  if (from_child >= 0) close(from_child);
  child = -1;
  to_child = from_child = -1;
}

int native_start(void) {
  shm = mmap(NULL, sizeof(*shm), PROT_READ | PROT_WRITE,
             MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (shm == MAP_FAILED) return -1;
  signal(SIGPIPE, SIG_IGN);
  return spawn();
}

void native_stop(void) { reap(); }

/* Runs cases [0, n); a case that kills the child or hangs gets sig -2 or
 * -3. Returns how many did. */
int native_run_batch(int n) {
  int lost = 0, start = 0;
  shm->n = n;
  while (start < n) {
    shm->cur = start;
    if (child < 0 && spawn()) return -1;
    int32_t s = start;
    char done;
    struct pollfd pf = {.fd = from_child, .events = POLLIN};
    int pr = -1;
    if (write(to_child, &s, 4) == 4) {
      do pr = poll(&pf, 1, 60000);
      while (pr < 0 && errno == EINTR);
    }
    if (pr == 1 && read(from_child, &done, 1) == 1) return lost;
    int bad = shm->cur;
    int hung = !(pf.revents & (POLLIN | POLLHUP));
    reap();
    memset(&shm->res[bad], 0, sizeof(shm->res[bad]));
    shm->res[bad].sig = hung ? -3 : -2;
    ++lost;
    start = bad + 1;
  }
  return lost;
}
