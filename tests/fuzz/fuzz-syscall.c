/* fuzz-syscall.c: random system calls with random and wild arguments
 * straight into the syscall layer (syscall_dispatch), which must never
 * crash, abort or hang the emulator on anything a guest passes.
 *
 * usage: fuzz-syscall [SEED [BATCHES [CALLS]]]  (default 1, 200, 400)
 *
 * Each batch runs in a forked child (so calls that change the process,
 * close descriptors or eat memory cannot spoil the next), in a fresh
 * temporary directory with /dev/null as stdin/stdout/stderr, on a VM
 * loaded with a tiny flat program plus a data area of random bytes. The
 * arguments are a mix of small integers, -1, flags-looking values, random
 * 64-bit words and pointers into, at the edge of, and outside guest
 * memory. Guest memory holds no '/' or '.' bytes, so every path a call
 * sees is a relative name inside the temporary directory.
 *
 * Left out (by name, so calls added later are covered): the ones that end
 * or signal the process (now or by a timer), fork or exec, change
 * directory, lower resource limits for the host process, or set a
 * real-time scheduling policy. A child still in a call after
 * its alarm (3 s per call) is a hang, unless the call is one that may
 * wait by design (sleep, poll, futex wait, read of a pipe, sync...),
 * which ends the batch.
 * Exit status 0 when no batch crashed or hung, 1 otherwise. */
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "machine.h"
#include "memory.h"
#include "sys/sys.h"
#include "sys/syscall.h"
#include "vm.h"

#define DATA_VA 0x10000000ull
#define DATA_LEN (256ull << 10)
#define MAX_NR 460

static uint64_t rng_state;

static uint64_t rnd(void) {
  uint64_t x = rng_state += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

static const char *const excluded[] = {
    "exit", "exit_group", "kill", "tkill", "tgkill", "rt_sigqueueinfo",
    "rt_tgsigqueueinfo", "pidfd_send_signal", "fork", "vfork", "clone",
    "clone3", "execve", "execveat", "chdir", "fchdir", "chroot", "setrlimit",
    "prlimit64", "reboot", "kexec_load", "kexec_file_load", "ptrace",
    "pivot_root", "mount", "umount2", "swapon", "swapoff", "sethostname",
    "setdomainname", "settimeofday", "clock_settime", "adjtimex",
    "clock_adjtime", "init_module", "finit_module", "delete_module", "acct",
    "process_vm_writev", "setsid", "vhangup",
    /* a timer signals the process later; a real-time policy as root can
     * starve the machine */
    "timer_create", "sched_setscheduler", "sched_setparam", NULL};

/* Calls that may wait by design: an alarm in one of them is not a hang. */
static const char *const may_wait[] = {
    "read", "readv", "pread64", "preadv", "preadv2", "write", "writev",
    "pause", "nanosleep", "clock_nanosleep", "poll", "ppoll", "select",
    "pselect6", "epoll_wait", "epoll_pwait", "epoll_pwait2", "futex",
    "futex_waitv", "wait4", "waitid", "rt_sigsuspend", "rt_sigtimedwait",
    "accept", "accept4", "connect", "recvfrom", "recvmsg", "recvmmsg",
    "sendto", "sendmsg", "sendmmsg", "msgrcv", "msgsnd", "semop",
    "semtimedop", "mq_timedreceive", "mq_timedsend", "flock", "fcntl",
    "sendfile", "splice", "tee", "copy_file_range", "io_getevents",
    "sched_yield", "open", "openat", "openat2", "creat", "sync", "syncfs",
    "fsync", "fdatasync", "sync_file_range", "msync", NULL};

static int in_list(const char *const *list, const char *name) {
  for (int k = 0; list[k]; ++k)
    if (!strcmp(list[k], name)) return 1;
  return 0;
}

/* What the parent needs to know after a child dies. */
struct Shared {
  volatile uint64_t nr, args[6], calls;
};

/* Recent small non-negative results (likely descriptors the guest just
 * opened), offered back as arguments so calls reach their real work. */
static uint64_t recent[8];
static int nrecent;

static uint64_t pick_arg(void) {
  if (nrecent && rnd() % 6 == 0) return recent[rnd() % (uint64_t)nrecent];
  switch (rnd() % 12) {
    case 0: return 0;
    case 1: return rnd() % 8;
    case 2: return (uint64_t)-1;
    case 3: return rnd() % 4096;
    case 4: return 1ull << (rnd() % 64);
    case 5: return rnd();
    case 6: return (uint64_t)(int64_t)(int32_t)rnd();
    case 7: return DATA_VA + rnd() % DATA_LEN;             /* inside */
    case 8: return DATA_VA + DATA_LEN - rnd() % 64;        /* at the edge */
    case 9: return DATA_VA - 1 - rnd() % 4096;             /* just below */
    case 10: return 0x7ffffffff000ull - rnd() % 0x100000;  /* the stack */
    default: return rnd() & 0xffffffffffffull;              /* wild */
  }
}

static void child(struct Shared *sh, uint64_t seed, int calls) {
  int nul = open("/dev/null", O_RDWR);
  dup2(nul, 0);
  dup2(nul, 1);
  dup2(nul, 2);
  if (nul > 2) close(nul);
  /* A runaway mapping must fail, not take the machine down (not under
   * AddressSanitizer, whose shadow memory needs a huge address space). */
  struct rlimit rl = {4ull << 30, 4ull << 30};
#ifndef __SANITIZE_ADDRESS__
  setrlimit(RLIMIT_AS, &rl);
#endif
  rl.rlim_cur = rl.rlim_max = 1 << 20;
  setrlimit(RLIMIT_FSIZE, &rl);
  signal(SIGPIPE, SIG_IGN);
  signal(SIGXFSZ, SIG_IGN);
  rng_state = seed;
  /* A third of the batches trace every call (-s, -ss, -sss): the trace's
   * decoders read guest memory through the same wild pointers. The log
   * goes to blink.log in the batch's directory. */
  syscall_trace = (int)(seed % 4);
  static const uint8_t prog[] = {0xf4};  /* hlt: never run */
  int fd = open("p.bin", O_CREAT | O_WRONLY | O_TRUNC, 0755);
  if (fd < 0 || write(fd, prog, sizeof(prog)) != 1) _exit(3);
  close(fd);
  struct Machine *m = vm_new();
  char err[256];
  char *argv[] = {"p.bin", NULL}, *envp[] = {"A=1", NULL};
  if (!m || vm_load(m, "./p.bin", argv, envp, err, sizeof(err))) _exit(3);
  if (mem_map(m, DATA_VA, DATA_LEN, MPROT_READ | MPROT_WRITE, -1, 0)) _exit(3);
  uint8_t *buf = malloc(DATA_LEN);
  if (!buf) _exit(3);
  for (size_t k = 0; k < DATA_LEN; ++k) {
    uint8_t c = (uint8_t)rnd();
    if (rnd() % 4 == 0) c = 0;  /* short strings */
    if (c == '/' || c == '.') c = 'x';
    buf[k] = c;
  }
  mem_copy_out(m, DATA_VA, buf, DATA_LEN);
  for (int i = 0; i < calls; ++i) {
    alarm(3); /* per call: a busy machine must not fail the batch */
    uint64_t nr;
    const char *name;
    do {
      nr = rnd() % 50 == 0 ? rnd() : rnd() % MAX_NR;
      name = syscall_name((unsigned)(nr < MAX_NR ? nr : 0));
    } while (nr < MAX_NR && name && in_list(excluded, name));
    m->r[RAX] = nr;
    static const int regs[6] = {RDI, RSI, RDX, R10, R8, R9};
    sh->nr = nr;
    for (int k = 0; k < 6; ++k) m->r[regs[k]] = sh->args[k] = pick_arg();
    if (rnd() % 16 == 0) {
      /* int 0x80: the i386 numbers, arguments in EBX ECX EDX ESI EDI EBP;
       * the excluded calls' i386 numbers (exit 1, fork 2, execve 11,
       * chdir 12, kill 37, chroot 61, setsid 66, setrlimit 75, clone 120,
       * fchdir 133, vfork 190, tkill 238, exit_group 252, tgkill 270)
       * become getpid (20). */
      static const int regs32[6] = {RBX, RCX, RDX, RSI, RDI, RBP};
      static const uint16_t bad32[] = {1,   2,   11,  12,  37,  61,  66, 75,
                                       120, 133, 190, 238, 252, 270, 0};
      uint64_t n32 = rnd() % 450;
      for (int k = 0; bad32[k]; ++k)
        if (n32 == bad32[k]) n32 = 20; /* getpid */
      m->r[RAX] = n32;
      for (int k = 0; k < 6; ++k) m->r[regs32[k]] = sh->args[k];
      sh->nr = MAX_NR + n32; /* reported as "?" */
      syscall_dispatch_int80(m);
    } else {
      syscall_dispatch(m);
    }
    m->stop = STOP_NONE;
    sh->calls++;
    if (m->r[RAX] > 2 && m->r[RAX] < 1024) {
      if (nrecent < 8) recent[nrecent++] = m->r[RAX];
      else recent[rnd() % 8] = m->r[RAX];
    }
    /* Keep the data area's guarantee (no '/', no '.') and its mapping:
     * calls may have written or unmapped it. */
    if (i % 16 == 15) {
      if (mem_map(m, DATA_VA, DATA_LEN, MPROT_READ | MPROT_WRITE, -1, 0))
        _exit(4);
      mem_copy_out(m, DATA_VA, buf, DATA_LEN);
    }
  }
  _exit(0);
}

int main(int argc, char **argv) {
  uint64_t seed = argc > 1 ? strtoull(argv[1], NULL, 0) : 1;
  int batches = argc > 2 ? atoi(argv[2]) : 200;
  int calls = argc > 3 ? atoi(argv[3]) : 400;
  char dir[] = "/tmp/fuzz-syscall.XXXXXX";
  if (!mkdtemp(dir)) {
    perror("mkdtemp");
    return 1;
  }
  struct Shared *sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
                           MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (sh == MAP_FAILED) return 1;
  int failures = 0, waits = 0;
  uint64_t total = 0;
  for (int b = 0; b < batches && failures < 10; ++b) {
    char sub[64];
    snprintf(sub, sizeof(sub), "%s/%d", dir, b);
    memset((void *)sh, 0, sizeof(*sh));
    pid_t pid = fork();
    if (pid < 0) return 1;
    if (!pid) {
      if (mkdir(sub, 0700) || chdir(sub)) _exit(3);
      child(sh, seed * 1000003 + (uint64_t)b, calls);
    }
    int st;
    waitpid(pid, &st, 0);
    total += sh->calls;
    const char *name = syscall_name((unsigned)(sh->nr < MAX_NR ? sh->nr : 0));
    if (sh->nr >= MAX_NR) name = NULL;
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0) continue;
    if (WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM && name &&
        in_list(may_wait, name)) {
      ++waits;
      if (getenv("FUZZ_VERBOSE")) printf("waiting in %s\n", name);
      continue;
    }
    ++failures;
    printf("FAIL batch %d (seed %" PRIu64 "): %s %d in syscall %" PRIu64
           " (%s) args %#" PRIx64 " %#" PRIx64 " %#" PRIx64 " %#" PRIx64
           " %#" PRIx64 " %#" PRIx64 "\n",
           b, seed, WIFSIGNALED(st) ? "signal" : "exit status",
           WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st), sh->nr,
           name ? name : "?", sh->args[0], sh->args[1], sh->args[2],
           sh->args[3], sh->args[4], sh->args[5]);
  }
  char cmd[128];
  snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
  if (system(cmd)) fprintf(stderr, "fuzz-syscall: could not remove %s\n", dir);
  printf("fuzz-syscall: %" PRIu64 " calls in %d batches, %d ended waiting in "
         "a call that may wait, %d failures\n", total, batches, waits, failures);
  return failures ? 1 : 0;
}
