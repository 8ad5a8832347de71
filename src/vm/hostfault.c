/* hostfault.c: host SIGSEGV/SIGBUS raised by guest memory (hostfault.h).
 *
 * One handler for both signals, installed once, running on an alternate
 * stack that each host thread gets when it first enters the dispatch
 * loop (freed when the thread ends). It decides from thread-local state
 * only, with no lock and no allocation:
 * 1. a copy through hostfault_copy() is under way on this thread and
 *    the address is one of its two buffers: back to the copy (it
 *    returns -EFAULT);
 * 2. this thread is running a machine and the host page is one that
 *    machine's recent translations handed out (mem_host_to_guest): the
 *    guest's fault, through exec_fault() (which unwinds to vm_run);
 * 3. otherwise the emulator's own bug: one line on standard error and in
 *    the log, then the default action (the fault happens again without
 *    the handler and kills, core and all). A signal sent by kill() (not
 *    a fault) also gets the default action, as it did before.
 * Before leaving the handler by a jump, the signal mask is set back to
 * what it was when the fault came (the ucontext's), as a return from the
 * handler would. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 /* REG_ERR, REG_RIP */
#endif
#include "hostfault.h"

#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "log.h"
#include "machine.h"
#include "memory.h"

#define ALT_SIZE (256u * 1024u) /* exec_fault delivers a guest signal on it */

extern char __executable_start[]; /* the linker's: where blink starts */

static __thread struct Machine *cur;       /* running in vm_run/vm_step */
static __thread sigjmp_buf *volatile copy_jb;
static __thread const char *copy_dst, *copy_src;
static __thread size_t copy_n;
static __thread int ready;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_key_t alt_key;
static int alt_key_ok;
/* What was there before (SIG_DFL, or a sanitizer's handler). */
static struct sigaction old_segv, old_bus;

/* ---- The one-line report, async-signal-safe ---- */

static size_t put_str(char *b, size_t n, size_t cap, const char *s) {
  while (*s && n + 1 < cap) b[n++] = *s++;
  return n;
}

static size_t put_hex(char *b, size_t n, size_t cap, uint64_t v) {
  char t[19];
  int k = 0;
  do t[k++] = "0123456789abcdef"[v & 15];
  while ((v >>= 4) && k < 16);
  n = put_str(b, n, cap, "0x");
  while (k && n + 1 < cap) b[n++] = t[--k];
  return n;
}

static size_t put_dec(char *b, size_t n, size_t cap, long v) {
  char t[24];
  int k = 0;
  unsigned long u = v < 0 ? 0ul - (unsigned long)v : (unsigned long)v;
  do t[k++] = (char)('0' + u % 10);
  while ((u /= 10) && k < 22);
  if (v < 0 && n + 1 < cap) b[n++] = '-';
  while (k && n + 1 < cap) b[n++] = t[--k];
  return n;
}

static void report(int sig, const siginfo_t *si, const ucontext_t *uc) {
  char b[200];
  size_t n = 0;
  n = put_str(b, n, sizeof(b), "blink: internal fault at ");
  n = put_hex(b, n, sizeof(b), (uint64_t)(uintptr_t)si->si_addr);
  n = put_str(b, n, sizeof(b), sig == SIGBUS ? " (SIGBUS" : " (SIGSEGV");
  n = put_str(b, n, sizeof(b), ", si_code ");
  n = put_dec(b, n, sizeof(b), si->si_code);
#if defined(__x86_64__) && defined(REG_RIP)
  uint64_t pc = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];
  n = put_str(b, n, sizeof(b), ", host pc ");
  n = put_hex(b, n, sizeof(b), pc);
  /* For addr2line -e blink: the offset in the executable. */
  uint64_t base = (uint64_t)(uintptr_t)&__executable_start;
  if (pc >= base) {
    n = put_str(b, n, sizeof(b), " = blink+");
    n = put_hex(b, n, sizeof(b), pc - base);
  }
#else
  (void)uc;
#endif
  n = put_str(b, n, sizeof(b), cur ? ", guest rip " : ", outside the guest");
  if (cur) n = put_hex(b, n, sizeof(b), cur->ip);
  b[n++] = '\n';
  ssize_t w = write(2, b, n);
  int fd = log_fd();
  if (fd >= 0 && fd != 2) w = write(fd, b, n);
  (void)w;
}

/* ---- The handler ---- */

static int in_copy(const char *a) {
  return (a >= copy_dst && a - copy_dst < (ptrdiff_t)copy_n) ||
         (a >= copy_src && a - copy_src < (ptrdiff_t)copy_n);
}

static void on_fault(int sig, siginfo_t *si, void *ucv) {
  ucontext_t *uc = ucv;
  int saved = errno;
  if (si->si_code > 0) { /* raised by the kernel for an access */
    const char *a = si->si_addr;
    if (copy_jb && in_copy(a)) {
      pthread_sigmask(SIG_SETMASK, &uc->uc_sigmask, NULL);
      siglongjmp(*copy_jb, 1);
    }
    struct Machine *m = cur;
    uint64_t va;
    if (m && mem_host_to_guest(m, a, &va)) {
      uint64_t err = 4; /* user mode */
#if defined(__x86_64__) && defined(REG_ERR)
      if (uc->uc_mcontext.gregs[REG_ERR] & 2) err |= 2; /* a write */
#endif
      pthread_sigmask(SIG_SETMASK, &uc->uc_sigmask, NULL);
      mem_fault_release(m->mem);
      copy_jb = NULL; /* (a copy under way, faulting elsewhere: done) */
      /* A system call's handler that touched guest memory outside
       * mem_copy_*: the fault is the syscall instruction's, and the
       * machine is no longer in the handler (memory.c relies on it). */
      __atomic_store_n(&m->in_syscall, 0, __ATOMIC_SEQ_CST);
      /* A bus error is Linux's SIGBUS/BUS_ADRERR; a host SIGSEGV on a
       * guest page (one held back after an unmap) is a #PF for a page
       * that is not there: SIGSEGV/SEGV_MAPERR. */
      exec_fault(m, sig == SIGBUS ? EXC_BUS : EXC_PF, err, va);
    }
    report(sig, si, uc);
  }
  /* Not the guest's: what would have happened without us. */
  sigaction(sig, sig == SIGBUS ? &old_bus : &old_segv, NULL);
  /* A fault comes back when the instruction runs again; a kill()ed
   * signal is sent again (blocked until we return). */
  if (si->si_code <= 0) raise(sig);
  errno = saved;
}

static void alt_free(void *p) {
  stack_t ss;
  memset(&ss, 0, sizeof(ss));
  ss.ss_flags = SS_DISABLE;
  sigaltstack(&ss, NULL);
  munmap(p, ALT_SIZE);
}

static void install(void) {
  alt_key_ok = !pthread_key_create(&alt_key, alt_free);
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_sigaction = on_fault;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGSEGV, &sa, &old_segv);
  sigaction(SIGBUS, &sa, &old_bus);
}

static void thread_init(void) {
  pthread_once(&once, install);
  ready = 1;
  stack_t old;
  if (!sigaltstack(NULL, &old) && !(old.ss_flags & SS_DISABLE)) return;
  void *p = mmap(NULL, ALT_SIZE, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) return; /* the thread's own stack, then */
  stack_t ss;
  memset(&ss, 0, sizeof(ss));
  ss.ss_sp = p;
  ss.ss_size = ALT_SIZE;
  if (sigaltstack(&ss, NULL)) {
    munmap(p, ALT_SIZE);
    return;
  }
  /* The first thread's stays until the process ends. */
  if (alt_key_ok && getpid() != gettid()) pthread_setspecific(alt_key, p);
}

void hostfault_enter(struct Machine *m) {
  if (__builtin_expect(!ready, 0)) thread_init();
  cur = m;
}

void hostfault_leave(void) { cur = NULL; }

int hostfault_copy(void *dst, const void *src, size_t n) {
  sigjmp_buf jb;
  if (__builtin_expect(!ready, 0)) thread_init();
  if (sigsetjmp(jb, 0)) {
    copy_jb = NULL;
    return -EFAULT;
  }
  copy_dst = dst;
  copy_src = src;
  copy_n = n;
  copy_jb = &jb;
  __atomic_signal_fence(__ATOMIC_SEQ_CST);
  memcpy(dst, src, n);
  __atomic_signal_fence(__ATOMIC_SEQ_CST);
  copy_jb = NULL;
  return 0;
}
