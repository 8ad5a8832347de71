/* sys.h: the Linux process the guest believes it is, and the helpers the
 * system call handlers share. Private to src/sys. */
#ifndef BLINK_SYS_SYS_H
#define BLINK_SYS_SYS_H

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "linux-abi.h"

struct Machine;
struct pollfd;

#define SYS_NSIG 64

/* A guest range mapping a file, for /proc/self/maps (filemaps.c). */
#define SYS_MAX_FILEMAPS 512
#define SYS_MAX_FILEPATHS 96
#define SYS_FILEPATH_MAX 224
struct SysFileMap {
  uint64_t va, end, off, ino;
  uint32_t dev_major, dev_minor;
  uint16_t path;  /* index into Sys.fpaths */
  uint8_t shared;
};

/* Process state hanging off Machine.sys. */
struct Sys {
  uint64_t brk_start;   /* page after the highest loaded segment */
  uint64_t brk;         /* current break (may be unaligned) */
  uint64_t mmap_base;   /* where mmap without a hint starts looking */
  uint64_t stack_top;   /* the initial stack's end (exclusive) */
  uint64_t stack_size;
  uint64_t entry;       /* program entry point (after any load bias) */
  /* vm_set_map_hook (debug.h): told of executable file mappings. The
   * loader's own (exe's executable segments) are kept to be told when
   * the hook is set. */
  void (*map_hook)(void *ctx, const char *path, uint64_t va, uint64_t len,
                   uint64_t offset, int prot);
  void *map_hook_ctx;
  struct { uint64_t va, len, off; int interp; } exe_maps[4];
  int n_exe_maps;
  char interp[PATH_MAX];    /* the dynamic loader's host path, or "" */
  /* File mappings and their (guest) paths, for /proc/self/maps. */
  struct SysFileMap fmaps[SYS_MAX_FILEMAPS];
  int nfmaps, nfpaths;
  char fpaths[SYS_MAX_FILEPATHS][SYS_FILEPATH_MAX];
  /* Where exec put the argument and environment strings and the auxv,
   * for /proc/self/cmdline, environ and auxv (read live, as Linux does). */
  uint64_t arg_start, arg_end, env_start, env_end, auxv, auxv_len;
  uint64_t clear_child_tid; /* set_tid_address */
  uint64_t robust_list;     /* set_robust_list head */
  uint64_t robust_len;
  uint64_t sigmask;         /* blocked signals, bit sig-1 */
  uint64_t sigpending;      /* waiting for delivery, bit sig-1 */
  struct linux_siginfo siginfo[SYS_NSIG]; /* each pending signal's info */
  /* Real-time signals queue: those behind the one in siginfo[]. */
#define SIG_RTQ 16
  struct linux_siginfo rtq[SYS_NSIG - 31][SIG_RTQ]; /* index sig-32 */
  uint8_t rtq_n[SYS_NSIG - 31];
  /* Host signals caught for the guest (signal.c's host handler): bits
   * set atomically by the handler, moved to sigpending by sig_check. */
  volatile uint64_t host_pending;
  /* rt_sigsuspend's caller's mask, for the frame of the handler that
   * ends the wait (restore_mask: saved_mask is to be put back). */
  uint64_t saved_mask;
  int restore_mask;
  int in_fault;             /* delivering a CPU exception's signal */
  /* signalfd: the union of the masks of the signalfds made (sigfd_mask)
   * and the signals that are really blocked on the host so that they
   * stay pending there, where a host signalfd reads them (host_blocked:
   * sigfd_mask & sigmask). signal.c. */
  uint64_t sigfd_mask, host_blocked;
  struct linux_siginfo host_info[SYS_NSIG];
  struct linux_sigaction sigact[SYS_NSIG]; /* index sig-1 */
  struct linux_stack altstack;
  /* Resource limits the guest sees. Those that would constrain the
   * emulator itself (address space, data, stack...) are only recorded;
   * the rest are also applied to the host process. */
  struct linux_rlimit rlim[16];
  int pid;
  char comm[16];            /* prctl(PR_SET_NAME) */
  int fatal_fault;          /* the fatal signal came from a CPU exception */
  char exe[PATH_MAX];       /* the program's absolute guest path (/proc/self/exe) */
  /* The front end's wait hook (vm_set_wait_hook, syscall-wait.c). */
  int (*wait_fn)(void *ctx, const struct pollfd *fds, int nfds, int timeout_ms);
  void *wait_ctx;
  int waited;  /* the hook already waited out this call's timeout */
  /* A vfork child: its end (plus one; 0 none) of the pipe the parent
   * sleeps on until this process execs or exits (syscall-fork.c). */
  int vfork_wake;
  /* A blocking connect that syscall_wait started non-blocking so that
   * the hook could wait for it (sys_connect finishes it): the socket, and
   * -1 for "in progress" or the host errno it ended with (0: done). */
  int connect_fd, connect_err;
  int interrupted; /* a signal ended the hook's wait: the call is not
                      run and returns -EINTR (sig_check decides) */
};

/* Tells the map hook, if any, that host fd's bytes from off are now at
 * [va, va+len) with prot (L_PROT_*), when prot has L_PROT_EXEC; fd -1
 * with prot 0: [va, va+len) was unmapped. */
void sys_map_notify(struct Machine *m, int fd, uint64_t va, uint64_t len,
                    uint64_t off, int prot);

/* A fresh process state (calloc'd, so free() releases it). */
struct Sys *sys_new(void);

/* Host errno to Linux errno: the one place to change on another host. */
int sys_errno(int host_errno);

/* Host result to guest result: r, or -errno when r < 0. */
static inline int64_t sys_ret(int64_t r) {
  return r < 0 ? -(int64_t)sys_errno(errno) : r;
}

/* A guest path copied in (malloc'd), with /proc/self/exe and friends
 * resolved to the guest program and absolute paths to the host file
 * under the overlays (sys_host_path); NULL and *err = -errno on failure. */
char *sys_path_in(struct Machine *m, uint64_t va, int *err);
/* The same, following a symbolic link in the last component under -C
 * (overlays.c): for calls that follow links (open without O_NOFOLLOW). */
char *sys_path_in_follow(struct Machine *m, uint64_t va, int *err);

/* overlays.c: the guest's root (BLINK_OVERLAYS, -C). sys_overlays_set
 * takes a colon-separated list (-1 if malformed); sys_host_path maps an
 * absolute guest path to the host file it means (others are copied);
 * sys_guest_path strips an overlay prefix from a host path; both return
 * 0 or -L_ENAMETOOLONG. sys_chroot_dir: the single overlay, or NULL. */
int sys_overlays_set(const char *spec);
int sys_host_path(const char *guest, char *out, size_t n);
/* The same, following a symbolic link in the last component too. */
int sys_host_path_follow(const char *guest, char *out, size_t n);
int sys_guest_path(const char *host, char *out, size_t n);
const char *sys_chroot_dir(void);

/* Whether path names the running program (/proc/self/exe, ...). */
int sys_is_self_exe(const char *path, int pid);

/* Whether the whole guest range is mapped with at least prot. */
int sys_range_ok(struct Machine *m, uint64_t va, uint64_t n, int prot);

/* How many bytes from va on are mapped with at least prot (at most n):
 * Linux copies up to the first bad page and reports a short count. */
uint64_t sys_range_prefix(struct Machine *m, uint64_t va, uint64_t n, int prot);

/* A bounce buffer of at least n bytes (grows once, never shrinks), for
 * moving I/O data between the host kernel and guest memory. NULL when
 * out of memory. */
void *sys_buffer(size_t n);
/* Each host thread has its own; a guest thread's host thread frees its
 * own when it ends. */
void sys_buffer_free(void);

/* Whether the call about to run already had its timeout waited out by
 * the front end's hook (syscall-wait.c): then it must not wait again
 * (sleeps return at once, poll and select use a zero timeout). */
int sys_waited(struct Machine *m);

/* syscall-wait.c: starts the blocking connect of guest fd to the address
 * a[1], a[2] without blocking, for the wait hook; returns 1 while it is
 * in progress (wait for POLLOUT), 0 when it ended or was not started. */
int sys_connect_start(struct Machine *m, const uint64_t a[6]);

/* Whether a guest descriptor is one the emulator keeps for itself. */
int sys_fd_reserved(int fd);
/* All of them, sorted (for close_range); returns how many. */
#define SYS_RESERVED_MAX 9
int sys_fds_reserved(int out[SYS_RESERVED_MAX]);

/* From log.c: the log's descriptor or -1. */

/* signal.c */
void sig_on_exception(struct Machine *m, int vector, uint64_t err,
                      uint64_t addr);
/* Stop the machine as killed by sig (from a fault or kill-self). */
void sig_kill(struct Machine *m, int sig);
/* Whether sig's default action terminates the process. */
int sig_is_fatal_default(int sig);
/* The signal's name ("SIGSEGV"), or "SIG%d" in a static buffer. */
const char *sig_name(int sig);

/* syscall-thread.c: whether tid is another guest thread of this
 * process, and sending it sig (0: only the check; -L_ESRCH when there is
 * no such thread). The signal goes to its host thread. */
int thread_exists(struct Machine *m, int tid);
int64_t thread_signal(struct Machine *m, int tid, int sig);

/* loader.c: execve's load into m (a fresh machine): path as given (no
 * $PATH search), "#!" scripts through their interpreter. 0, or -errno
 * (Linux numbering: ENOENT, EACCES, ENOEXEC, ELOOP, E2BIG, ENOMEM) with
 * one line in errbuf. */
int loader_exec(struct Machine *m, const char *path, char *const argv[],
                char *const envp[], char *errbuf, unsigned errlen);

/* syscall-fork.c: a vfork child exiting without exec'ing hands its
 * memory to the parent (vfork shares it on Linux). From exit_group. */
void sys_vfork_exit(struct Machine *m);
/* syscall-fork.c: clone's process forms; syscall-thread.c's sys_clone
 * hands it every clone that is not CLONE_VM|CLONE_THREAD. */
int64_t sys_clone_process(struct Machine *m, uint64_t a[6]);

/* syscall-cap.c: prctl's capability options, passed to the host. */
int64_t sys_prctl_cap(struct Machine *m, uint64_t a[6]);

/* filemaps.c: [va, va+len) now maps host fd from off (fd -1: no file
 * any more); mremap moved [old, old+oldlen) to [va, va+len); the record
 * covering va (or NULL), with *next the next boundary after va. */
void sys_filemap_set(struct Sys *s, uint64_t va, uint64_t len, int fd,
                     uint64_t off, int shared);
void sys_filemap_moved(struct Sys *s, uint64_t old, uint64_t oldlen,
                       uint64_t va, uint64_t len);
const struct SysFileMap *sys_filemap_at(const struct Sys *s, uint64_t va,
                                        uint64_t *next);

/* proc-cpuinfo.c: /proc/cpuinfo from the VM's CPUID; 0 or -1. */
#include <stdio.h>
int sys_cpuinfo_write(FILE *f);

/* Post sig to the process with info (NULL: SI_USER from ourselves): it
 * is delivered, or acted on, by the next sig_check. signal.c. */
void sig_post(struct Machine *m, int sig, const struct linux_siginfo *info);
/* Deliver or act on the pending signals the mask lets through. Called at
 * the end of each system call with its number (a -EINTR result is then
 * turned into a restart where Linux would restart) and with nr -1
 * between instructions (Machine.on_trap). signal.c. */
void sig_check(struct Machine *m, long nr);
int sig_on_trap(struct Machine *m, int deliver);
/* Set the blocked signals (SIGKILL and SIGSTOP never are), keeping the
 * host's dispositions in step (sig_host_follow). */
void sig_set_mask(struct Machine *m, uint64_t mask);
/* After sigmask or sigfd_mask changed: block on the host the signals
 * signalfds wait for while the guest blocks them, taking back into
 * sigpending those that the guest unblocked. */
void sig_sync_host_block(struct Machine *m);
/* Take pending sig's first instance (its siginfo into *out, if not
 * NULL): the pending bit stays while real-time instances remain. */
void sig_take(struct Sys *s, int sig, struct linux_siginfo *out);
/* Forget every pending instance of sig. */
void sig_discard(struct Sys *s, int sig);
/* sig_post without the detour through the host for host_blocked ones. */
void sig_post_local(struct Machine *m, int sig,
                    const struct linux_siginfo *info);
/* Take the host-pending signals in want & host_blocked into sigpending
 * (for rt_sigtimedwait and rt_sigsuspend, which consume them). */
void sig_take_host(struct Machine *m, uint64_t want);
/* Move the signals the host caught for the guest to sigpending. */
void sig_collect(struct Machine *m);
/* Install (or remove) the emulator's host handler that forwards sig to
 * the guest, as the guest's disposition requires. signal.c. */
void sig_host_follow(struct Machine *m, int sig);
/* A thread's machine is about to be freed: host signals forwarded to it
 * go to heir (another machine of the process, or NULL) instead. */
void sig_host_forget(struct Machine *m, struct Machine *heir);
/* A new program (vm_load): the forwarding handlers a previous one left
 * follow this one's dispositions, and none points at the old machine. */
void sig_host_reset(struct Machine *m);

/* signal-frame.c: build the rt_sigframe and enter the handler of sig
 * (0), or kill the process with SIGSEGV when that fails (-1). */
int sig_deliver(struct Machine *m, int sig, const struct linux_siginfo *si);
/* Whether the guest stack pointer is on the sigaltstack. */
int sig_on_altstack(struct Machine *m);
/* A handler's result meaning "RAX is already what it must be" (rt_sigreturn
 * and calls that killed the process). */
#define SYS_RET_KEEP INT64_MIN

/* syscall-names.c: x86-64 syscall names by number, NULL when unused. */
const char *syscall_name(unsigned nr);
#define SYSCALL_NAMES_MAX 512

#endif
