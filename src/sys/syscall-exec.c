/* syscall-exec.c: execve and execveat.
 *
 * The host process does not exec: the new program is loaded into a fresh
 * machine in this process (loader_exec), and only when that succeeded
 * (Linux's point of no return) does it replace the caller's memory,
 * registers and process state. Open descriptors stay open, except those
 * marked close-on-exec, which are closed here as the kernel would.
 * Signals with handlers go back to their default action; ignored ones
 * stay ignored; the mask and pending set are kept; the pid is the same.
 *
 * The dispatch loop is in the middle of the SYSCALL instruction of the
 * old program when the swap happens: trap is set so that it returns
 * before fetching anything (its cached code page belongs to the memory
 * being freed), and the front end's loop runs on (STOP_NONE). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "history.h"
#include "log.h"
#include "machine.h"
#include "memory.h"
#include "sys.h"
#include "syscall-defs.h"
#include "syscall.h" /* syscall_trace */
#include "vm.h"
#include "vm/debug.h" /* vm_set_map_hook */

#define EXEC_ARG_STRLEN (32 * 4096)  /* Linux's MAX_ARG_STRLEN */
#define EXEC_ARG_TOTAL (2u << 20)    /* a quarter of an 8 MiB stack */
#define EXEC_ARG_MAX 0x7fffffff

static void free_vec(char **v) {
  if (!v) return;
  for (char **p = v; *p; ++p) free(*p);
  free(v);
}

/* A NULL-terminated vector of guest strings, copied in. 0 or -errno. */
static int copy_vec(struct Machine *m, uint64_t va, char ***out,
                    size_t *total) {
  size_t n = 0, cap = 16;
  char **v = calloc(cap, sizeof(char *));
  if (!v) return -L_ENOMEM;
  *out = v;
  if (!va) return 0; /* Linux takes a NULL vector as empty */
  for (;;) {
    uint64_t p;
    if (mem_copy_in(m, &p, va + n * 8, 8)) return -L_EFAULT;
    if (!p) return 0;
    if (n + 2 > cap) {
      if (cap >= EXEC_ARG_MAX / 2) return -7; /* E2BIG */
      char **w = realloc(v, cap * 2 * sizeof(char *));
      if (!w) return -L_ENOMEM;
      memset(w + cap, 0, cap * sizeof(char *));
      v = w;
      *out = v;
      cap *= 2;
    }
    int err = 0;
    char *s = mem_strdup_in(m, p, EXEC_ARG_STRLEN, &err);
    if (!s) return err == -L_ENAMETOOLONG ? -7 : err;
    v[n++] = s;
    *total += strlen(s) + 1 + 8;
    if (*total > EXEC_ARG_TOTAL) return -7;
  }
}

/* Close what is marked close-on-exec, sparing the emulator's own. */
static void close_on_exec(void) {
  DIR *d = opendir("/proc/self/fd");
  if (!d) return;
  int self = dirfd(d);
  int fds[1024], n = 0;
  struct dirent *e;
  while ((e = readdir(d)) && n < 1024) {
    if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
    int fd = atoi(e->d_name);
    if (fd == self || sys_fd_reserved(fd)) continue;
    int fl = fcntl(fd, F_GETFD);
    if (fl >= 0 && (fl & FD_CLOEXEC)) fds[n++] = fd;
  }
  closedir(d);
  for (int k = 0; k < n; ++k) close(fds[k]);
}

/* Give m the new program nm was loaded with; frees nm (and with it the
 * old memory and process state). */
static void exec_swap(struct Machine *m, struct Machine *nm) {
  struct Sys *old = m->sys, *s = nm->sys;
  VmMapHook hook = old ? old->map_hook : NULL;
  void *hook_ctx = old ? old->map_hook_ctx : NULL;
  if (old) {
    s->pid = old->pid;
    s->sigmask = old->sigmask;
    s->sigpending = old->sigpending;
    memcpy(s->rlim, old->rlim, sizeof(s->rlim));
    for (int k = 0; k < SYS_NSIG; ++k)
      if (old->sigact[k].handler == L_SIG_IGN) s->sigact[k].handler = L_SIG_IGN;
    s->wait_fn = old->wait_fn;
    s->wait_ctx = old->wait_ctx;
  }
  struct Mem *mem = m->mem;
  m->mem = nm->mem;
  nm->mem = mem;
  /* Each address space lists the machines using it (shootdowns, exit_group
   * and thread ends walk the list): m is the new one's, nm the old one's
   * until vm_free. Neither attach can fail: a slot was just freed. */
  mem_detach(m->mem, nm);
  mem_attach(m->mem, m);
  mem_detach(mem, m);
  mem_attach(mem, nm);
  memcpy(m, nm, offsetof(struct Machine, mem)); /* the CPU state */
  mem_tlb_flush(m);
  m->sys = s;
  nm->sys = old;
  m->on_exception = nm->on_exception;
  m->align_check = false; /* RFLAGS.AC is clear in the new program */
  m->tid = s->pid;
  m->stop = STOP_NONE;
  m->trap = 1; /* leave the dispatch loop before it fetches again */
  vm_free(nm);
  /* The history cannot go back across an exec: it starts anew here. */
  if (m->hist) history_forget(m);
  /* A front end's map hook hears that the old program's mappings went
   * (the whole user range unmapped), then of the new program's code. */
  if (hook) {
    hook(hook_ctx, NULL, 0, 0x800000000000ull, 0, 0);
    vm_set_map_hook(m, hook, hook_ctx);
  }
}

static int64_t do_exec(struct Machine *m, char *path, uint64_t argv_va,
                       uint64_t envp_va) {
  char **argv = NULL, **envp = NULL;
  size_t total = strlen(path) + 1;
  int64_t rc = copy_vec(m, argv_va, &argv, &total);
  if (!rc) rc = copy_vec(m, envp_va, &envp, &total);
  if (!rc && !*path) rc = -L_ENOENT;
  struct Machine *nm = NULL;
  if (!rc && !(nm = vm_new())) rc = -L_ENOMEM;
  if (!rc) {
    char err[512];
    rc = loader_exec(nm, path, argv, envp, err, sizeof(err));
    if (rc) {
      /* Not found and not allowed are a shell's daily $PATH search;
       * the rest say what blink could not run. */
      if (rc != -L_ENOENT && rc != -L_EACCES && rc != -L_ENOTDIR)
        blog("execve %s: %s (-%d)", path, err, (int)-rc);
      vm_free(nm);
      nm = NULL;
    }
  }
  if (!rc && syscall_trace) {
    /* The trace line written after the call can no longer read the
     * strings (the memory they were in is gone): say it here. */
    char line[512];
    int k = snprintf(line, sizeof(line), "execve \"%s\" [", path);
    for (size_t i = 0; argv[i] && k > 0 && (size_t)k < sizeof(line); ++i)
      k += snprintf(line + k, sizeof(line) - (size_t)k, "%s\"%s\"",
                    i ? ", " : "", argv[i]);
    blog("%s]", line);
  }
  free_vec(argv);
  free_vec(envp);
  if (rc) return rc;
  close_on_exec();
  exec_swap(m, nm);
  return 0;
}

int64_t sys_execve(struct Machine *m, uint64_t a[6]) {
  int err = 0;
  char *path = sys_path_in(m, a[0], &err);
  if (!path) return err;
  int64_t rc = do_exec(m, path, a[1], a[2]);
  free(path);
  return rc;
}

/* execveat(dirfd, path, argv, envp, flags): a relative path from dirfd;
 * AT_EMPTY_PATH runs dirfd's own file (fexecve). */
int64_t sys_execveat(struct Machine *m, uint64_t a[6]) {
  int err = 0, dirfd = (int)a[0], flags = (int)a[4];
  if (flags & ~(0x100 | 0x1000)) return -L_EINVAL; /* NOFOLLOW, EMPTY_PATH */
  char *path = sys_path_in(m, a[1], &err);
  if (!path) return err;
  char *full = NULL;
  if (!*path && (flags & 0x1000)) {
    if (dirfd < 0 || sys_fd_reserved(dirfd)) err = -L_EBADF;
    else if (asprintf(&full, "/proc/self/fd/%d", dirfd) < 0) err = -L_ENOMEM;
  } else if (path[0] == '/' || dirfd == -100 /* AT_FDCWD */) {
    full = strdup(path);
    if (!full) err = -L_ENOMEM;
  } else {
    if (dirfd < 0 || sys_fd_reserved(dirfd)) err = -L_EBADF;
    else if (asprintf(&full, "/proc/self/fd/%d/%s", dirfd, path) < 0)
      err = -L_ENOMEM;
  }
  free(path);
  if (err) return err;
  int64_t rc = do_exec(m, full, a[2], a[3]);
  free(full);
  return rc;
}
