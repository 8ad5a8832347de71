/* syscall-fork.c: fork, vfork and clone in its process form.
 *
 * The host process forks: the child is a copy of the emulator with the
 * same machine, whose guest memory is copied on write by the host kernel
 * like any private memory (MAP_SHARED guest mappings stay shared, as on
 * Linux). The child returns 0 from the call, the parent the child's pid.
 * vfork is fork whose parent sleeps until the child has called execve
 * or exited, as with Linux's vfork; the memory is not shared, which a
 * correct vfork child cannot tell apart (it only calls execve or _exit).
 * One difference shows: glibc's posix_spawn child reports a failed exec
 * by writing errno into the parent's memory, so here posix_spawn returns
 * 0 and the child exits 127 where Linux returns the error. clone without CLONE_VM (glibc's fork) and with CLONE_VM |
 * CLONE_VFORK (glibc's posix_spawn, on a stack of its own) are forks too;
 * clone with CLONE_VM alone or CLONE_THREAD makes a thread: the threads
 * area's business (-ENOSYS until it lands).
 *
 * Under a front end with a wait hook (blinkenlights), the child must not
 * come back to the debugger's screen: it runs on free and headless until
 * it exits, then the host child exits the way the guest did. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "history.h"
#include "log.h"
#include "machine.h"
#include "memory.h"
#include "sys.h"
#include "syscall-defs.h"
#include "syscall.h" /* syscall_stats_reset */
#include "vm.h"

#define L_SIGCHLD 17
#define VFORK_FD_MIN 900

/* The child of a debugged guest: no screen, no history, no breakpoints;
 * run to the end and leave the host process as the guest left. */
static _Noreturn void run_free(struct Machine *m) {
  if (m->hist) history_disable(m);
  m->sys->wait_fn = NULL;
  m->sys->wait_ctx = NULL;
  m->sys->map_hook = NULL;
  m->nbreak = 0;
  m->nwatch = 0;
  m->rflags &= ~(uint64_t)FLAG_TF;
  m->r[RAX] = 0;
  int stop;
  do {
    stop = vm_run(m);
  } while (stop == STOP_NONE || stop == STOP_BREAK || stop == STOP_INTERRUPT ||
           stop == STOP_WATCH);
  if (stop == STOP_SIGNAL && m->stop_signal > 0) {
    vm_die_of_signal(m->stop_signal);
  }
  _exit(stop == STOP_EXIT ? m->exit_code & 0xff : 127);
}

/* vfork's shared memory, where it shows: a vfork child that exits
 * without exec'ing (glibc's posix_spawn reporting a failed exec through
 * the parent's memory, or any vfork child that stores before _exit) sends
 * its writable memory down the wake-up pipe, and the parent, asleep until
 * then, takes it as its own: records of {va, len} and len bytes. A child
 * that execs sends nothing (the pipe closes on exec). */
enum { VFORK_CHUNK = 1 << 16 };

static int write_full(int fd, const void *p, size_t n) {
  const char *c = p;
  while (n) {
    ssize_t w = write(fd, c, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return -1;
    c += w;
    n -= (size_t)w;
  }
  return 0;
}

static size_t read_full(int fd, void *p, size_t n) {
  char *c = p;
  size_t got = 0;
  while (got < n) {
    ssize_t r = read(fd, c + got, n - got);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    got += (size_t)r;
  }
  return got;
}

struct VforkSend {
  struct Machine *m;
  int fd, ok;
  uint8_t *buf;
};

static void vfork_send_region(void *ctx, uint64_t va, uint64_t len, int prot) {
  struct VforkSend *v = ctx;
  if (!v->ok || !(prot & MPROT_WRITE)) return;
  for (uint64_t off = 0; off < len && v->ok; off += VFORK_CHUNK) {
    uint64_t n = len - off < VFORK_CHUNK ? len - off : VFORK_CHUNK;
    uint64_t hdr[2] = {va + off, n};
    if (mem_peek(v->m, v->buf, va + off, n) ||
        write_full(v->fd, hdr, sizeof(hdr)) || write_full(v->fd, v->buf, n))
      v->ok = 0;
  }
}

void sys_vfork_exit(struct Machine *m) {
  struct Sys *s = m->sys;
  if (!s || !s->vfork_wake) return;
  int fd = s->vfork_wake - 1;
  s->vfork_wake = 0;
  struct VforkSend v = {m, fd, 1, malloc(VFORK_CHUNK)};
  if (v.buf) mem_each_region(m, vfork_send_region, &v);
  free(v.buf);
  close(fd);
}

/* The parent: sleep until the child execs or exits, taking the memory
 * it sends. */
static void vfork_wait(struct Machine *m, int fd) {
  uint8_t *buf = malloc(VFORK_CHUNK);
  uint64_t hdr[2];
  while (read_full(fd, hdr, sizeof(hdr)) == sizeof(hdr)) {
    if (!buf || hdr[1] > VFORK_CHUNK) break;
    if (read_full(fd, buf, hdr[1]) != hdr[1]) break;
    mem_copy_out(m, hdr[0], buf, hdr[1]); /* unwritable now: skipped */
  }
  char c;
  for (;;) { /* whatever is left, to the end (the child's exit or exec) */
    ssize_t r = read(fd, &c, 1);
    if (r > 0 || (r < 0 && errno == EINTR)) continue;
    break;
  }
  free(buf);
}

static int64_t do_fork(struct Machine *m, uint64_t flags, uint64_t stack,
                       uint64_t ptid, uint64_t ctid, uint64_t tls) {
  struct Sys *s = m->sys;
  if ((flags & 0xff) != L_SIGCHLD && (flags & 0xff) != 0)
    sys_unsupported("clone", "exit signal (delivered as SIGCHLD)",
                    flags & 0xff, 0, NULL);
  if (flags & (L_CLONE_FS | L_CLONE_FILES | L_CLONE_SIGHAND | L_CLONE_PARENT |
               L_CLONE_PIDFD | L_CLONE_NEWNS | 0x7e000000ull /* NEW* */))
    sys_unsupported("clone", "flags beyond a fork",
                    flags & (L_CLONE_FS | L_CLONE_FILES | L_CLONE_SIGHAND |
                             L_CLONE_PARENT | L_CLONE_PIDFD | L_CLONE_NEWNS |
                             0x7e000000ull),
                    0, NULL);
  /* vfork: the parent sleeps until the child execs or exits, which
   * close the child's end of a close-on-exec pipe (kept on high
   * numbers, out of the way of the guest's own descriptors). */
  int vf[2] = {-1, -1};
  if ((flags & L_CLONE_VFORK) && !pipe2(vf, O_CLOEXEC)) {
    for (int k = 0; k < 2; ++k) {
      int h = fcntl(vf[k], F_DUPFD_CLOEXEC, VFORK_FD_MIN);
      if (h >= 0) {
        close(vf[k]);
        vf[k] = h;
      }
    }
  }
  pid_t pid = fork();
  if (pid < 0) {
    int e = errno;
    if (vf[0] >= 0) close(vf[0]), close(vf[1]);
    return -sys_errno(e);
  }
  if (pid) {
    if (vf[0] >= 0) {
      close(vf[1]);
      vfork_wait(m, vf[0]);
      close(vf[0]);
    }
    uint32_t v = (uint32_t)pid;
    if ((flags & L_CLONE_PARENT_SETTID) && ptid) mem_copy_out(m, ptid, &v, 4);
    return pid;
  }
  /* The child. A vfork child's child must not keep its parent's parent
   * asleep: only the vfork child itself holds the wake-up pipe. */
  if (vf[0] >= 0) close(vf[0]);
  if (s && s->vfork_wake) close(s->vfork_wake - 1);
  if (s) s->vfork_wake = vf[1] >= 0 ? vf[1] + 1 : 0;
  pid = getpid();
  m->tid = pid;
  /* -Z: the child's own totals */
  m->icount = 0;
  memset(&m->stats, 0, sizeof(m->stats));
  mem_stats_reset(m->mem);
  syscall_stats_reset();
  if (s) {
    s->pid = pid;
    /* Nothing pending in the child; the forking thread's mask and
     * altstack are the child's (its host mask is the host's too). */
    struct SigThread *st = sig_thread(m);
    memset(&s->pend, 0, sizeof(s->pend));
    memset(&st->pend, 0, sizeof(st->pend));
    s->host_pending = 0;
    st->host_pending = 0;
    if (m->sigt) {
      s->sig0 = *m->sigt;
      free(m->sigt);
      m->sigt = NULL;
    }
    pthread_mutex_init(&s->siglock, NULL);
    sig_thread_enter(m);
    s->robust_list = 0;
    s->robust_len = 0;
    s->clear_child_tid = (flags & L_CLONE_CHILD_CLEARTID) ? ctid : 0;
  }
  uint32_t v = (uint32_t)pid;
  if ((flags & L_CLONE_PARENT_SETTID) && ptid) mem_copy_out(m, ptid, &v, 4);
  if ((flags & L_CLONE_CHILD_SETTID) && ctid) mem_copy_out(m, ctid, &v, 4);
  if (flags & L_CLONE_SETTLS) m->seg_base[SEG_FS] = tls;
  if (stack) m->r[RSP] = stack;
  if (s && s->wait_fn) run_free(m);
  return 0;
}

int64_t sys_fork(struct Machine *m, uint64_t a[6]) {
  (void)a;
  return do_fork(m, L_SIGCHLD, 0, 0, 0, 0);
}

int64_t sys_vfork(struct Machine *m, uint64_t a[6]) {
  (void)a;
  return do_fork(m, L_CLONE_VFORK | L_SIGCHLD, 0, 0, 0, 0);
}

/* clone's process forms (syscall-thread.c's sys_clone hands over every
 * clone that is not CLONE_VM|CLONE_THREAD): flags, stack, parent_tid,
 * child_tid, tls in the x86-64 order. */
int64_t sys_clone_process(struct Machine *m, uint64_t a[6]) {
  uint64_t flags = a[0];
  if ((flags & L_CLONE_VM) && !(flags & L_CLONE_VFORK)) {
    return sys_unsupported("clone", "CLONE_VM without CLONE_THREAD, flags",
                           flags, L_ENOSYS, NULL);
  }
  if ((flags & L_CLONE_SIGHAND) && !(flags & L_CLONE_VM)) return -L_EINVAL;
  return do_fork(m, flags, a[1], a[2], a[3], a[4]);
}
