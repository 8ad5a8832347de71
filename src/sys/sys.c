/* sys.c: process state and the helpers every system call handler uses. */
#include "sys.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "machine.h"
#include "log.h"
#include "vm/debug.h" /* vm_reserve_fd */
#include "memory.h"
#include "vm.h"

struct Sys *sys_new(void) {
  struct Sys *s = calloc(1, sizeof(*s));
  if (!s) return NULL;
  s->pid = (int)getpid();
  s->connect_fd = -1;
  /* Ignored dispositions survive execve: the guest starts with what the
   * host process was given. */
  for (int sig = 1; sig < 32; ++sig) {
    struct sigaction old;
    if (!sigaction(sig, NULL, &old) && old.sa_handler == SIG_IGN)
      s->sigact[sig - 1].handler = L_SIG_IGN;
  }
  for (int k = 0; k < 16; ++k) {
    struct rlimit rl;
    if (getrlimit(k, &rl)) {
      rl.rlim_cur = RLIM_INFINITY;
      rl.rlim_max = RLIM_INFINITY;
    }
    s->rlim[k].rlim_cur = rl.rlim_cur;
    s->rlim[k].rlim_max = rl.rlim_max;
  }
  return s;
}

const char *vm_program(struct Machine *m) {
  return m && m->sys ? m->sys->exe : "";
}

/* The host is Linux on x86-64, whose numbering is the guest's, so this is
 * the identity; a port to another host translates here and nowhere else. */
int sys_errno(int host_errno) { return host_errno; }

/* Is path one of the names Linux gives the running program's file? The
 * host's /proc/self/exe is the emulator, not the guest program. */
int sys_is_self_exe(const char *path, int pid) {
  if (!strcmp(path, "/proc/self/exe") || !strcmp(path, "/proc/thread-self/exe"))
    return 1;
  char mine[64];
  snprintf(mine, sizeof(mine), "/proc/%d/exe", pid);
  return !strcmp(path, mine);
}

static char *path_in(struct Machine *m, uint64_t va, int *err, int follow);

char *sys_path_in(struct Machine *m, uint64_t va, int *err) {
  return path_in(m, va, err, 0);
}

char *sys_path_in_follow(struct Machine *m, uint64_t va, int *err) {
  return path_in(m, va, err, 1);
}

static char *path_in(struct Machine *m, uint64_t va, int *err, int follow) {
  char *p = mem_strdup_in(m, va, PATH_MAX, err);
  if (!p) return NULL;
  if (m->sys && m->sys->exe[0] && sys_is_self_exe(p, m->sys->pid)) {
    char *q = strdup(m->sys->exe);
    free(p);
    if (!q) {
      *err = -L_ENOMEM;
      return NULL;
    }
    p = q;
  }
  if (p[0] == '/') {
    char host[PATH_MAX];
    int rc = follow ? sys_host_path_follow(p, host, sizeof(host))
                    : sys_host_path(p, host, sizeof(host));
    free(p);
    if (rc < 0) {
      *err = rc;
      return NULL;
    }
    if (!(p = strdup(host))) *err = -L_ENOMEM;
  }
  return p;
}

int sys_range_ok(struct Machine *m, uint64_t va, uint64_t n, int prot) {
  if (!n) return 1;
  if (va + n < va) return 0;
  return sys_range_prefix(m, va, n, prot) == n;
}

uint64_t sys_range_prefix(struct Machine *m, uint64_t va, uint64_t n, int prot) {
  /* Whole runs of one protection at a time, not page by page: a buffer
   * may span a huge mapping. */
  uint64_t done = 0;
  while (done < n) {
    int got;
    uint64_t end = mem_run_end(m, va + done, &got);
    if (!end || (got & prot) != prot) break;
    done = end - va;
  }
  return done < n ? done : n;
}

/* One per host thread: guest threads do I/O at the same time. */
static __thread void *sys_buf;
static __thread size_t sys_buf_size;

void sys_buffer_free(void) {
  free(sys_buf);
  sys_buf = NULL;
  sys_buf_size = 0;
}

void *sys_buffer(size_t n) {
  if (n <= sys_buf_size) return sys_buf;
  size_t want = n < 65536 ? 65536 : n;
  void *p = realloc(sys_buf, want);
  if (!p) return NULL;
  sys_buf = p;
  sys_buf_size = want;
  return p;
}

/* Descriptors a front end keeps for itself (vm_reserve_fd, debug.h):
 * blinkenlights' terminal and its output-capture reader. Few and fixed,
 * so a linear scan. */
static int reserved_fds[8];
static int n_reserved_fds;

int vm_reserve_fd(int fd) {
  if (fd < 0 || n_reserved_fds == (int)(sizeof(reserved_fds) / sizeof(int)))
    return -1;
  reserved_fds[n_reserved_fds++] = fd;
  return 0;
}

int sys_fds_reserved(int out[SYS_RESERVED_MAX]) {
  int n = 0;
  if (log_fd() >= 0) out[n++] = log_fd();
  for (int i = 0; i < n_reserved_fds && n < SYS_RESERVED_MAX; ++i)
    out[n++] = reserved_fds[i];
  for (int i = 1; i < n; ++i) /* insertion sort: a handful */
    for (int j = i; j > 0 && out[j - 1] > out[j]; --j) {
      int t = out[j];
      out[j] = out[j - 1];
      out[j - 1] = t;
    }
  return n;
}

int sys_fd_reserved(int fd) {
  if (fd < 0) return 0;
  if (fd == log_fd()) return 1;
  for (int i = 0; i < n_reserved_fds; ++i)
    if (reserved_fds[i] == fd) return 1;
  return 0;
}
