/* sys.h: the Linux process the guest believes it is, and the helpers the
 * system call handlers share. Private to src/sys. */
#ifndef BLINK_SYS_SYS_H
#define BLINK_SYS_SYS_H

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stddef.h>
#include <signal.h>
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

/* Pending signals: a bit per signal (bit sig-1), each one's siginfo,
 * and for real-time ones the instances queued behind the first. */
#define SIG_RTQ 16
struct SigPend {
  uint64_t bits;
  struct linux_siginfo info[SYS_NSIG];
  struct linux_siginfo rtq[SYS_NSIG - 31][SIG_RTQ]; /* index sig-32 */
  uint8_t rtq_n[SYS_NSIG - 31];
};

/* A guest thread's signal state (Machine.sigt; the first thread's is
 * Sys.sig0): Linux keeps the mask, the thread-directed pending set and
 * the sigaltstack per thread. signal.c. */
struct SigThread {
  uint64_t mask;              /* blocked signals, bit sig-1 */
  int host_tid;               /* its host thread's id (signals go there) */
  struct SigPend pend;        /* thread-directed, and host ones caught */
  /* Host signals the host handler caught on this thread's host thread:
   * bits set atomically, moved to pend by sig_collect. */
  volatile uint64_t host_pending;
  struct linux_siginfo host_info[SYS_NSIG];
  /* The mask to put back once a handler ran (rt_sigsuspend, ppoll's and
   * friends' temporary masks): restore_mask says saved_mask is valid. */
  uint64_t saved_mask;
  int restore_mask;
  int in_fault;               /* delivering a CPU exception's signal */
  struct linux_stack altstack;
  /* nanosleep/clock_nanosleep interrupted and restarted (no handler
   * ran): the CLOCK_MONOTONIC deadline of the restarted sleep, when
   * sleep_restart is set (syscall-time.c reads it). */
  int sleep_restart;
  struct { int64_t sec, nsec; } sleep_deadline;
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
  /* Signals (signal.c): the process-directed pending ones that live in
   * the emulator (not the host's kernel), the first thread's own state,
   * the ones a host thread that runs no guest thread caught (set
   * atomically by the host handler), and the lock of every SigPend. */
  struct SigPend pend;
  struct SigThread sig0;
  volatile uint64_t host_pending;
  struct linux_siginfo host_info[SYS_NSIG];
  pthread_mutex_t siglock;
  struct linux_sigaction sigact[SYS_NSIG]; /* index sig-1 */
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
  struct Machine *wait_m; /* the machine (guest thread) the hook is for: the
                             only one that waits through it and uses waited,
                             interrupted and connect_fd */
  int waited;  /* the hook already waited out this call's timeout (2: a
                  futex wait ended, syscall-wait.c futex_slices) */
  /* A vfork child: its end (plus one; 0 none) of the pipe the parent
   * sleeps on until this process execs or exits (syscall-fork.c). */
  int vfork_wake;
  /* A blocking connect that syscall_wait started non-blocking so that
   * the hook could wait for it (sys_connect finishes it): the socket, and
   * -1 for "in progress" or the host errno it ended with (0: done). */
  int connect_fd, connect_err;
  int interrupted; /* a signal ended the hook's wait: the call is not
                      run and returns -EINTR (sig_check decides) */
  uint64_t dbg_sigstop; /* faults the debugger stops for before the
                           guest's handler (vm_signal_stop), bit sig-1 */
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

/* A flag, command, request or option of call that blink does not
 * implement: logs "unsupported CALL WHAT VALUE [WHERE]: -EERR" (or
 * "ignored" when err is 0) once per distinct (call, what, value), and
 * returns -err. where (may be NULL): context such as "on fd 3", not part
 * of what makes a line distinct. unsupported.c. */
int64_t sys_unsupported(const char *call, const char *what, uint64_t value,
                        int err, const char *where);

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
/* Make another thread look at its signals (trap, and its blocking host
 * call ended). Under the mem lock (mem_each_cpu). */
void thread_wake(struct Machine *o);

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

/* The calling guest thread's signal state. */
static inline struct SigThread *sig_thread(struct Machine *m);
/* Post sig to the process with info (NULL: SI_USER from ourselves), as
 * the kernel would: signals the host can carry go through the host's
 * kernel (which picks the thread, keeps them pending while blocked and
 * feeds signalfds), the others are kept here (Sys.pend) and one thread
 * that does not block them is woken. Delivered, or acted on, by a
 * sig_check. 0 or -errno (EAGAIN: too many queued). sig_post_thread: to
 * one thread (tid; -L_ESRCH if none).
 * signal.c. */
int64_t sig_post(struct Machine *m, int sig, const struct linux_siginfo *info);
int64_t sig_post_thread(struct Machine *m, int tid, int sig,
                        const struct linux_siginfo *info);
/* sig_post / sig_post_thread (tid; 0: the process) from a host thread
 * that runs no guest thread (signal-proxy.c): the first thread's
 * machine is the way in; the target is woken. */
void sig_post_async(int sig, const struct linux_siginfo *info, int tid);
/* signal-proxy.c: signals the host cannot carry under the guest's
 * number (32, 33, SIGRTMAX) but the host's kernel must send (a POSIX
 * timer's): a host thread of the emulator waits for them. sig_proxy_tid
 * starts it (once) and returns its host thread id, for a host timer's
 * SIGEV_THREAD_ID (-1 if it cannot start); what arrives there with
 * si_timerid == key goes to guest thread tid (0: the process, as Linux
 * does for SIGEV_SIGNAL) after sig_proxy_route(key, tid), until
 * sig_proxy_unroute(key); unrouted ones go to the process. */
int sig_proxy_tid(void);
void sig_proxy_route(int key, int tid);
void sig_proxy_unroute(int key);
/* Whether sig travels through the host's kernel (sig_post). */
int sig_hostable(int sig);
/* Deliver or act on the pending signals the mask lets through. Called at
 * the end of each system call with its number (a -EINTR result is then
 * turned into a restart where Linux would restart) and with nr -1
 * between instructions (Machine.on_trap). signal.c. */
void sig_check(struct Machine *m, long nr);
int sig_on_trap(struct Machine *m, int deliver);
/* Set the calling thread's blocked signals (SIGKILL and SIGSTOP never
 * are); its host thread's mask follows for the signals the host carries. */
void sig_set_mask(struct Machine *m, uint64_t mask);
/* The host mask matching a guest mask (for ppoll's and friends' own). */
void sig_host_mask(struct Machine *m, uint64_t mask, sigset_t *out);
/* A call with a temporary mask (ppoll, pselect6, epoll_pwait(2)): begin
 * with the guest's set at va (0: none; -errno on a bad set), giving the
 * host set to wait with in *host (NULL result: wait with none); 1 when a
 * signal the temporary mask lets through is already pending (return
 * -EINTR at once). End with the call's result: the old mask comes back
 * now unless the call was interrupted (then after the handler). */
int sig_mask_begin(struct Machine *m, uint64_t va, uint64_t size,
                   sigset_t *host, sigset_t **hostp);
void sig_mask_end(struct Machine *m, int64_t r);
/* Take pending sig's first instance from p (its siginfo into *out, if
 * not NULL): the pending bit stays while real-time instances remain.
 * The caller holds Sys.siglock. */
void sig_take(struct SigPend *p, int sig, struct linux_siginfo *out);
/* Forget every pending instance of sig, for the process and all. */
void sig_discard(struct Machine *m, int sig);
/* Take one host-pending (blocked) signal in want into the thread's
 * pending set (for rt_sigtimedwait, which consumes it). */
void sig_take_host(struct Machine *m, uint64_t want);
/* Move the signals the host caught for the guest to the pending sets. */
void sig_collect(struct Machine *m);
/* Install (or remove) the emulator's host handler that forwards sig to
 * the guest, as the guest's disposition requires. signal.c. */
void sig_host_follow(struct Machine *m, int sig);
/* Make sure the host handler catches sig (for waits that unblock it). */
void sig_host_catch(struct Machine *m, int sig);
/* A new program (vm_load): the forwarding handlers a previous one left
 * follow this one's dispositions, and none points at the old machine;
 * the first thread's mask is the host thread's. */
void sig_host_reset(struct Machine *m);
/* execve: handlers reset, the altstack off, the host following again. */
void sig_exec(struct Machine *m);
/* execve is loading the new program (1) or done (0): vm_load keeps the
 * host mask then. */
void sig_exec_loading(int on);
/* A guest thread's host thread begins (m: its machine) or ends (NULL:
 * every host signal blocked first). */
void sig_thread_enter(struct Machine *m);
/* The signal handler of the emulator's wake signal (SIGRTMAX, which
 * syscall-thread.c sends to interrupt a thread's blocking host call):
 * one from anyone else is the guest's SIGRTMAX. */
void sig_wake_handler(int sig, siginfo_t *si, void *uc);
/* The signals that end a wait (pause, sigsuspend): unblocked ones that
 * have a handler or kill. */
uint64_t sig_active(struct Machine *m);

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

#include "machine.h"
static inline struct SigThread *sig_thread(struct Machine *m) {
  return m->sigt ? m->sigt : &m->sys->sig0;
}

#endif
