/* syscall-thread.c: guest threads: clone with CLONE_VM|CLONE_THREAD,
 * thread and group exit, set_tid_address, robust futex lists,
 * membarrier.
 *
 * Each guest thread is a host pthread running its own struct Machine
 * (a copy of the creator's registers) on the shared address space
 * (memory.c attaches it: from then on the slow paths lock and mapping
 * changes shoot down the other TLBs) and the shared struct Sys. A guest
 * thread's id is its host thread id, so tgkill/tkill reach it through
 * the host (syscall-signal.c).
 *
 * Ending: exit ends the calling thread (robust futexes released, the
 * CLONE_CHILD_CLEARTID word cleared and woken); the first thread, when
 * others remain, waits for them as Linux's zombie leader would.
 * exit_group marks every other machine (group_exit + trap: exec.c's
 * start() turns it into STOP_EXIT) and wakes threads blocked in host
 * calls with WAKE_SIG, whose empty handler makes them return EINTR;
 * vm_free waits for the machines to detach before freeing memory.
 *
 * The debugger's history records one machine: clone of a thread ends
 * the recording (history_threads), and history_enable is refused while
 * more than one machine runs (history.c). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "futex.h"
#include "history.h"
#include "log.h"
#include "machine.h"
#include "memory.h"
#include "sys.h"
#include "syscall-defs.h"
#include "thread-stop.h"
#include "vm.h"

#define THREAD_FLAGS_KNOWN                                              \
  (L_CLONE_VM | L_CLONE_FS | L_CLONE_FILES | L_CLONE_SIGHAND |          \
   L_CLONE_THREAD | L_CLONE_SYSVSEM | L_CLONE_SETTLS |                  \
   L_CLONE_PARENT_SETTID | L_CLONE_CHILD_CLEARTID | L_CLONE_CHILD_SETTID)

/* The host signal that interrupts a thread's blocking host call. The
 * guest's own SIGRTMAX never travels through the host (signal.c
 * sig_hostable), and one from another process is forwarded to it by
 * sig_wake_handler. */
#define WAKE_SIG SIGRTMAX

/* What the creator waits on: on its own stack, since the new thread may
 * end and free its Thread before the creator wakes. */
struct Start {
  sem_t started;
  int tid;
};

struct Thread {
  pthread_t host;
  struct Machine *m;
  struct Start *start; /* until the thread has started */
  uint64_t flags, ptid, ctid;
  int is_main;
};

static __thread struct Machine *self;

/* The process's first thread, made a Thread on the first clone. */
static struct Thread *main_thread;

static void wake_init(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_sigaction = sig_wake_handler; /* no SA_RESTART: blocking calls end */
  sa.sa_flags = SA_SIGINFO;
  sigfillset(&sa.sa_mask);
  sigaction(WAKE_SIG, &sa, NULL);
}

static void fork_prepare(void) {
  if (self) mem_lock(self->mem);
}

static void fork_parent(void) {
  if (self) mem_unlock(self->mem);
}

/* A fork()ed child has one host thread: the one that forked. */
static void fork_child(void) {
  if (!self) return;
  mem_fork_child(self->mem, self);
  if (self->thread) self->thread->host = pthread_self();
}

static int threads_init(struct Machine *m) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, wake_init);
  if (!m->thread) {
    struct Thread *t = calloc(1, sizeof(*t));
    if (!t) return -L_ENOMEM;
    t->host = pthread_self();
    t->m = m;
    t->is_main = 1;
    m->thread = t;
    main_thread = t;
    self = m;
    pthread_atfork(fork_prepare, fork_parent, fork_child);
  }
  return 0;
}

/* CLONE_CHILD_CLEARTID and the robust list, for a thread that ends. */
static void release_robust_one(struct Machine *m, uint64_t va) {
  uint32_t *h;
  mem_lock(m->mem);
  if (futex_host(m, va, &h)) {
    mem_unlock(m->mem);
    return;
  }
  uint32_t v = __atomic_load_n(h, __ATOMIC_SEQ_CST);
  int wake = 0;
  while ((v & FUTEX_TID_MASK) == (uint32_t)m->tid) {
    uint32_t nv = (v & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
    if (__atomic_compare_exchange_n(h, &v, nv, false, __ATOMIC_SEQ_CST,
                                    __ATOMIC_SEQ_CST)) {
      wake = (v & FUTEX_WAITERS) != 0;
      break;
    }
  }
  mem_unlock(m->mem);
  if (wake) futex_wake_va(m, va, 1);
}

static void release_robust(struct Machine *m) {
  uint64_t head = m->robust_list, h[3], e, next;
  if (!head || mem_copy_in(m, h, head, sizeof(h))) return;
  int64_t off = (int64_t)h[1];
  /* Bit 0 of an entry marks a PI futex; there are none here. */
  e = h[0] & ~1ull;
  for (int n = 0; e && e != head && n < 2048; ++n) {
    if (mem_copy_in(m, &next, e, 8)) break;
    if (e != (h[2] & ~1ull)) release_robust_one(m, e + (uint64_t)off);
    e = next & ~1ull;
  }
  if (h[2] & ~1ull) release_robust_one(m, (h[2] & ~1ull) + (uint64_t)off);
}

static void thread_cleanup(struct Machine *m) {
  release_robust(m);
  m->robust_list = 0;
  if (m->clear_child_tid) {
    uint32_t zero = 0;
    if (!mem_copy_out(m, m->clear_child_tid, &zero, 4))
      futex_wake_va(m, m->clear_child_tid, 1);
    m->clear_child_tid = 0;
  }
}

/* A guest thread killed by a signal kills the process, as in Linux. */
static _Noreturn void thread_die(struct Machine *m) {
  int sig = m->stop_signal > 0 ? m->stop_signal : SIGKILL;
  const char *prog = m->sys ? m->sys->exe : "guest";
  if (m->sys && m->sys->fatal_fault)
    fprintf(stderr, "blink: %s: %s at %#llx (fault address %#llx)\n", prog,
            sig_name(sig), (unsigned long long)m->rip,
            (unsigned long long)m->fault_addr);
  else
    fprintf(stderr, "blink: %s: killed by %s at %#llx\n", prog,
            sig_name(sig), (unsigned long long)m->rip);
  vm_die_of_signal(sig);
}

static void *thread_main(void *arg) {
  struct Thread *t = arg;
  struct Machine *m = t->m;
  uint32_t tid = (uint32_t)gettid();
  self = m;
  m->tid = (int)tid;
  sig_thread_enter(m);
  if (t->flags & L_CLONE_CHILD_SETTID) mem_copy_out(m, t->ctid, &tid, 4);
  if (t->flags & L_CLONE_PARENT_SETTID) mem_copy_out(m, t->ptid, &tid, 4);
  struct Start *st = t->start;
  t->start = NULL;
  st->tid = (int)tid;
  sem_post(&st->started);
  for (;;) {
    int stop = vm_run(m);
    if (stop == STOP_EXIT) break;
    if (stop == STOP_SIGNAL) thread_die(m);
    /* STOP_NONE (a shootdown), breakpoints and interrupts: go on, once
     * the debugger lets it (all-stop, src/vm/thread-stop.c). */
    thread_stop_point(m, stop);
  }
  sig_thread_enter(NULL); /* host signals go to the other threads now */
  struct Mem *mem = m->mem;
  /* Nothing of the address space is touched after this: the last thread
   * may free it as soon as we are detached. */
  mem_detach(mem, m);
  free(t);
  free(m->sigt);
  free(m);
  sys_buffer_free();
  return NULL;
}

int64_t sys_clone(struct Machine *m, uint64_t a[6]) {
  uint64_t flags = a[0];
  if ((flags & (L_CLONE_VM | L_CLONE_THREAD)) != (L_CLONE_VM | L_CLONE_THREAD))
    return sys_clone_process(m, a);
  if (!(flags & L_CLONE_SIGHAND)) return -L_EINVAL;
  if (flags & ~(uint64_t)THREAD_FLAGS_KNOWN & ~0xffull) {
    sys_unsupported("clone", "thread flags",
                    flags & ~(uint64_t)THREAD_FLAGS_KNOWN & ~0xffull, 0, NULL);
  }
  /* The debugger's recording ends here (history.h). */
  if (m->hist) history_threads(m);
  int rc = threads_init(m);
  if (rc) return rc;
  struct Machine *c = malloc(sizeof(*c));
  struct Thread *t = calloc(1, sizeof(*t));
  struct SigThread *sigt = calloc(1, sizeof(*sigt));
  if (!c || !t || !sigt) {
    free(c);
    free(t);
    free(sigt);
    return -L_EAGAIN;
  }
  memcpy(c, m, sizeof(*c));
  /* Linux: the creator's mask (its host thread's is the new host
   * thread's too: pthread_create), nothing pending, no altstack. */
  sigt->mask = sig_thread(m)->mask;
  sigt->altstack.ss_flags = L_SS_DISABLE;
  c->sigt = sigt;
  c->r[RAX] = 0;
  if (a[1]) c->r[RSP] = a[1];
  if (flags & L_CLONE_SETTLS) c->seg_base[SEG_FS] = a[4];
  c->trap = 0;
  c->stop = STOP_NONE;
  c->group_exit = 0;
  c->tlb_stale = 1;
  c->icache_sync = 0;
  c->in_syscall = 0; /* the copy was taken inside clone */
  c->hist = NULL;
  c->icount = 0;
  memset(&c->stats, 0, sizeof(c->stats));
  c->clear_child_tid = (flags & L_CLONE_CHILD_CLEARTID) ? a[3] : 0;
  c->robust_list = c->robust_len = 0;
  c->thread = t;
  /* The debugger's breakpoints and watchpoints are every thread's
   * (breakpoint.c, watch.c); a hit stops them all (thread-stop.c). */
  c->rec_access = false;
  t->m = c;
  t->flags = flags;
  t->ptid = a[2];
  t->ctid = a[3];
  struct Start st;
  sem_init(&st.started, 0, 0);
  st.tid = 0;
  t->start = &st;
  if (mem_attach(m->mem, c)) {
    sem_destroy(&st.started);
    free(sigt);
    free(c);
    free(t);
    return -L_EAGAIN;
  }
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_attr_setstacksize(&attr, 1 << 20);
  int e = pthread_create(&t->host, &attr, thread_main, t);
  pthread_attr_destroy(&attr);
  if (e) {
    sem_destroy(&st.started);
    mem_detach(m->mem, c);
    free(sigt);
    free(c);
    free(t);
    return -L_EAGAIN;
  }
  /* The child writes the tids before the parent goes on (Linux writes
   * ptid before clone returns); it may have ended by the time we wake. */
  while (sem_wait(&st.started) && errno == EINTR) {
  }
  sem_destroy(&st.started);
  return st.tid;
}

/* exit_group with threads: tell the others. */
struct GroupExit {
  struct Machine *caller;
  int code;
  int pending; /* machines that have not seen it yet */
};

static void tell_exit(void *ctx, struct Machine *o) {
  struct GroupExit *g = ctx;
  if (o == g->caller) return;
  if (!o->group_exit) {
    o->exit_code = g->code;
    __atomic_store_n(&o->group_exit, 1, __ATOMIC_SEQ_CST);
  }
  __atomic_store_n(&o->trap, 1, __ATOMIC_SEQ_CST);
  if (o->thread) pthread_kill(o->thread->host, WAKE_SIG);
}

int64_t sys_exit_group(struct Machine *m, uint64_t a[6]) {
  int code = (int)(a[0] & 0xff);
  sys_vfork_exit(m); /* a vfork child gives its memory back (syscall-fork.c) */
  if (mem_ncpus(m->mem) > 1) {
    struct GroupExit g = {m, code, 0};
    int is_main = !m->thread || m->thread->is_main;
    /* A thread that entered a blocking call just after being woken
     * misses the signal: wake again until they are gone (the first
     * thread only stops and is freed by vm_free, so the others wait
     * for fewer machines). */
    for (int k = 0; k < 500; ++k) {
      mem_each_cpu(m->mem, tell_exit, &g);
      if (mem_wait_cpus(m->mem, is_main ? 1 : 2, 10)) break;
    }
  }
  m->exit_code = code;
  m->stop = STOP_EXIT;
  m->trap = 1;
  return 0;
}

int64_t sys_exit(struct Machine *m, uint64_t a[6]) {
  if (mem_ncpus(m->mem) < 2) return sys_exit_group(m, a);
  thread_cleanup(m);
  if (m->thread && m->thread->is_main) {
    /* The first thread: the process lives on until the last one ends.
     * As Linux's zombie leader it takes no more signals: the others do
     * (its host thread blocks them all). */
    __atomic_store_n(&sig_thread(m)->mask, ~UINT64_C(0), __ATOMIC_RELAXED);
    sig_thread_enter(NULL);
    while (!mem_wait_cpus(m->mem, 1, 1000)) {
    }
    /* Another thread's exit_group meanwhile: its status is the process's. */
    if (m->group_exit) {
      m->stop = STOP_EXIT;
      m->trap = 1;
      return 0;
    }
  }
  m->exit_code = (int)(a[0] & 0xff);
  m->stop = STOP_EXIT;
  m->trap = 1;
  return 0;
}

int64_t sys_set_tid_address(struct Machine *m, uint64_t a[6]) {
  m->clear_child_tid = a[0];
  return m->tid ? m->tid : getpid();
}

int64_t sys_set_robust_list(struct Machine *m, uint64_t a[6]) {
  if (a[1] != 24) return -L_EINVAL; /* sizeof(struct robust_list_head) */
  m->robust_list = a[0];
  m->robust_len = a[1];
  return 0;
}

int64_t sys_get_robust_list(struct Machine *m, uint64_t a[6]) {
  int pid = (int)a[0];
  if (pid && pid != m->tid) return -L_ESRCH;
  uint64_t head = m->robust_list, len = m->robust_list ? m->robust_len : 24;
  if (mem_copy_out(m, a[1], &head, 8) || mem_copy_out(m, a[2], &len, 8))
    return -L_EFAULT;
  return 0;
}

struct FindTid {
  int tid, found;
};

static void find_tid(void *ctx, struct Machine *o) {
  struct FindTid *f = ctx;
  if (o->tid == f->tid) f->found = 1;
}

int thread_exists(struct Machine *m, int tid) {
  struct FindTid f = {tid, 0};
  if (tid <= 0) return 0;
  mem_each_cpu(m->mem, find_tid, &f);
  return f.found;
}

/* tkill/tgkill within the process: SI_TKILL, to that thread only
 * (signal.c sig_post_thread: the host's kernel carries most). */
int64_t thread_signal(struct Machine *m, int tid, int sig) {
  struct linux_siginfo si;
  memset(&si, 0, sizeof(si));
  si.signo = sig;
  si.code = L_SI_TKILL;
  si.u.kill.pid = m->sys ? m->sys->pid : getpid();
  si.u.kill.uid = (uint32_t)getuid();
  return sig_post_thread(m, tid, sig, &si);
}

/* Another thread must look at its pending signals: leave the dispatch
 * loop, and end a blocking host call. Called under the mem lock
 * (mem_each_cpu), so the machine and its Thread stay. */
void thread_wake(struct Machine *o) {
  __atomic_store_n(&o->trap, 1, __ATOMIC_SEQ_CST);
  if (o->thread) pthread_kill(o->thread->host, WAKE_SIG);
  else if (o->sys && sig_thread(o)->host_tid) /* no thread made yet */
    syscall(SYS_tgkill, getpid(), sig_thread(o)->host_tid, WAKE_SIG);
}

/* membarrier: guest memory is host memory, so the host's barrier is the
 * guest's. */
#define L_MEMBARRIER_CMD_QUERY 0
#define L_MEMBARRIER_CMD_GLOBAL 1
#define L_MEMBARRIER_CMD_PRIVATE_EXPEDITED 8
#define L_MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED 16

int64_t sys_membarrier(struct Machine *m, uint64_t a[6]) {
  static int registered;
  int cmd = (int)a[0];
  (void)m;
  if ((unsigned)a[1]) return -L_EINVAL;
  switch (cmd) {
    case L_MEMBARRIER_CMD_QUERY:
      return L_MEMBARRIER_CMD_GLOBAL | L_MEMBARRIER_CMD_PRIVATE_EXPEDITED |
             L_MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED;
    case L_MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED:
      __atomic_store_n(&registered, 1, __ATOMIC_SEQ_CST);
      syscall(SYS_membarrier, L_MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0);
      return 0;
    case L_MEMBARRIER_CMD_PRIVATE_EXPEDITED:
      if (!__atomic_load_n(&registered, __ATOMIC_SEQ_CST)) return -L_EPERM;
      /* fallthrough */
    case L_MEMBARRIER_CMD_GLOBAL:
      if (syscall(SYS_membarrier, cmd, 0) && cmd == L_MEMBARRIER_CMD_GLOBAL)
        syscall(SYS_membarrier, L_MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0);
      __atomic_thread_fence(__ATOMIC_SEQ_CST);
      return 0;
    default:
      return sys_unsupported("membarrier", "command", (uint32_t)cmd, L_EINVAL,
                             NULL);
  }
}
