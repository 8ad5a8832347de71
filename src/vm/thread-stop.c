/* thread-stop.c: guest threads under a debugger, all-stop (debug.h).
 *
 * Each guest thread is a host thread running its own Machine on the
 * shared address space; the front end drives one of them (the "front"
 * machine, normally the first thread) with vm_run/vm_step on its own
 * thread. The others run in syscall-thread.c's thread_main, which calls
 * thread_stop_point() each time their vm_run returns without ending.
 *
 * Breakpoints are decoded records (op_break) in the shared icache and
 * every machine has the front's list and watchpoints (breakpoint.c,
 * watch.c), so another thread reaching one stops with STOP_BREAK or
 * STOP_WATCH like the front would.
 * Here it records the hit (the first one wins), sets `paused`, traps
 * every other machine (the front with vm_interrupt, so that its
 * vm_run returns; a front blocked in a futex wait sees it through the
 * UI's wait hook, vm_threads_stop_wanted) and parks on a condition
 * variable until vm_threads_resume. A machine trapped while `paused`
 * parks too, at its next instruction boundary, or when the system call it
 * is blocked in returns. Resuming runs each from where it stopped (a
 * thread stopped at a breakpoint executes that instruction: vm_run's
 * resume_ip).
 *
 * All of it is process-wide state under one mutex (one debugged
 * process per front end; a fork child, which runs free, is told by its
 * pid). */
#include <pthread.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vm/debug.h"

#include "machine.h"
#include "memory.h"
#include "thread-stop.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
/* Under lock. */
static struct {
  struct Machine *front; /* NULL: off */
  pid_t pid;             /* the debugged process: a fork child runs free */
  int paused;
  struct VmThread hit;   /* hit.tid 0: none */
  int seen;              /* vm_thread_hit gave it to the front end */
} st;

enum { PARK_POLL_MS = 50 };
/* Machine.dbg_parked: paused; paused with a hit not reported yet; its
 * hit reported by vm_threads_resume (it runs on when resumed). */
enum { PARK_PAUSED = 1, PARK_HIT = 2, PARK_REPORTED = 3 };

void vm_threads_debug(struct Machine *m, int on) {
  pthread_mutex_lock(&lock);
  st.front = on ? m : NULL;
  st.pid = getpid();
  st.paused = 0;
  st.hit.tid = 0;
  pthread_cond_broadcast(&cond);
  pthread_mutex_unlock(&lock);
}

static void trap_one(void *ctx, struct Machine *m) {
  if (m == ctx) return;
  if (m == st.front)
    vm_interrupt(m);
  else
    m->trap = 1;
}

/* lock held. */
static void pause_all(struct Machine *except) {
  st.paused = 1;
  if (st.front) mem_each_cpu(st.front->mem, trap_one, except);
}

/* Again each time: a thread that was leaving thread_stop_point when
 * `paused` was set may have had its trap cleared by vm_run's start(). */
void vm_threads_pause(struct Machine *m) {
  pthread_mutex_lock(&lock);
  if (st.front == m && mem_ncpus(m->mem) > 1) pause_all(m);
  pthread_mutex_unlock(&lock);
}

/* lock held: the stop of machine o (its hit) becomes the reported one. */
static void set_hit(struct Machine *o) {
  st.seen = 0;
  memset(&st.hit, 0, sizeof(st.hit));
  st.hit.tid = o->tid;
  st.hit.rip = o->rip;
  st.hit.parked = 1;
  st.hit.at_break = o->stop == STOP_BREAK;
  if (o->stop == STOP_WATCH && o->whit.valid) {
    st.hit.watch_valid = 1;
    st.hit.watch.id = o->whit.id;
    st.hit.watch.kind = o->whit.kind;
    st.hit.watch.addr = o->whit.addr;
    st.hit.watch.len = o->whit.len;
    st.hit.watch.pc = o->whit.pc;
  }
}

static void find_pending(void *ctx, struct Machine *o) {
  struct Machine **found = ctx;
  if (!*found && o->dbg_parked == PARK_HIT) *found = o;
}

int vm_threads_resume(struct Machine *m) {
  int pending = 0;
  pthread_mutex_lock(&lock);
  if (st.front == m && st.paused && st.hit.tid && !st.seen) {
    pending = 1; /* not reported yet */
  } else if (st.front == m && st.paused) {
    /* A hit another thread had while paused is reported first, nothing
     * running meanwhile (as gdb reports pending events). */
    struct Machine *o = NULL;
    mem_each_cpu(m->mem, find_pending, &o);
    if (o) {
      set_hit(o);
      o->dbg_parked = PARK_REPORTED;
      pending = 1;
    } else {
      st.paused = 0;
      st.hit.tid = 0;
      pthread_cond_broadcast(&cond);
    }
  }
  pthread_mutex_unlock(&lock);
  return pending;
}

int vm_threads_stop_wanted(struct Machine *m) {
  pthread_mutex_lock(&lock);
  int r = st.front == m && st.hit.tid;
  pthread_mutex_unlock(&lock);
  return r;
}

int vm_thread_hit(struct Machine *m, struct VmThread *out) {
  pthread_mutex_lock(&lock);
  int r = st.front == m && st.hit.tid;
  if (r && out) *out = st.hit;
  if (r) st.seen = 1;
  pthread_mutex_unlock(&lock);
  return r;
}

void thread_stop_point(struct Machine *m, int stop) {
  pthread_mutex_lock(&lock);
  if (!st.front || st.front->mem != m->mem || st.pid != getpid()) {
    pthread_mutex_unlock(&lock);
    return;
  }
  /* A thread that reached a breakpoint (or saw a watchpoint) while the
   * process was paused reports it when it resumes, as the next stop (gdb
   * reports every hit). */
  int hit = stop == STOP_BREAK || stop == STOP_WATCH;
  for (int reported = 0;;) {
    if (hit && !st.paused && !reported) {
      set_hit(m);
      reported = 1;
      pause_all(m);
    }
    if (!st.paused) break;
    m->dbg_parked = hit && !reported ? PARK_HIT : PARK_PAUSED;
    /* Timed: exit_group (group_exit) and a debugger that went away
     * end the wait too. */
    while (st.paused && st.front && !m->group_exit) {
      struct timespec t;
      clock_gettime(CLOCK_REALTIME, &t);
      t.tv_nsec += PARK_POLL_MS * 1000000L;
      if (t.tv_nsec >= 1000000000L) {
        t.tv_nsec -= 1000000000L;
        ++t.tv_sec;
      }
      pthread_cond_timedwait(&cond, &lock, &t);
    }
    /* vm_threads_resume reported this one's hit instead of resuming. */
    if (m->dbg_parked == PARK_REPORTED) reported = 1;
    m->dbg_parked = 0;
    if (reported || !hit || !st.front || m->group_exit) break;
  }
  pthread_mutex_unlock(&lock);
}

static void end_one(void *ctx, struct Machine *o) {
  if (o == ctx) return;
  if (!o->group_exit) __atomic_store_n(&o->group_exit, 1, __ATOMIC_SEQ_CST);
  __atomic_store_n(&o->trap, 1, __ATOMIC_SEQ_CST);
}

void vm_threads_end(struct Machine *m) {
  if (mem_ncpus(m->mem) < 2) return;
  pthread_mutex_lock(&lock);
  mem_each_cpu(m->mem, end_one, m);
  pthread_cond_broadcast(&cond);
  pthread_mutex_unlock(&lock);
  /* Parked and running ones end at once; one blocked in a host call is
   * left to vm_free's wait. */
  mem_wait_cpus(m->mem, 1, 500);
}

struct Find {
  int tid;
  struct VmRegs *out;
  int found;
};

static void regs_one(void *ctx, struct Machine *o) {
  struct Find *f = ctx;
  if (o->tid != f->tid || !o->dbg_parked || f->found) return;
  vm_regs(o, f->out);
  f->found = 1;
}

int vm_thread_regs(struct Machine *m, int tid, struct VmRegs *out) {
  struct Find f = {tid, out, 0};
  /* Under lock: a parked machine stays parked until vm_threads_resume,
   * which takes it too. */
  pthread_mutex_lock(&lock);
  mem_each_cpu(m->mem, regs_one, &f);
  pthread_mutex_unlock(&lock);
  return f.found ? 0 : -1;
}

struct List {
  struct VmThread *out;
  int max, n;
  struct Machine *front;
};

static void list_one(void *ctx, struct Machine *m) {
  struct List *l = ctx;
  if (l->n < l->max) {
    struct VmThread *t = &l->out[l->n];
    memset(t, 0, sizeof(*t));
    t->tid = m->tid;
    t->rip = __atomic_load_n(&m->rip, __ATOMIC_RELAXED);
    t->front = m == l->front;
    t->parked = m->dbg_parked != 0;
    t->at_break = m->dbg_parked && m->stop == STOP_BREAK;
    t->in_syscall = __atomic_load_n(&m->in_syscall, __ATOMIC_RELAXED);
  }
  l->n++;
}

int vm_threads(struct Machine *m, struct VmThread *out, int max) {
  struct List l = {out, max, 0, m};
  /* The front's lock first, as thread_stop_point's pause_all does. */
  pthread_mutex_lock(&lock);
  mem_each_cpu(m->mem, list_one, &l);
  pthread_mutex_unlock(&lock);
  /* The front first, as gdb's thread 1. */
  for (int i = 1; i < l.n && i < max; ++i)
    if (out[i].front) {
      struct VmThread t = out[i];
      memmove(out + 1, out, i * sizeof(*out));
      out[0] = t;
    }
  return l.n;
}
