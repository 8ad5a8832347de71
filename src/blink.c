/* blink.c: the headless virtual machine command.
 *
 *   blink [-hvjmsZe] [-L PATH] [-0] [-C PATH] PROG [ARGS...]
 *   blink -r [-pSZe] [-T SECONDS] [-L PATH] IMAGE
 *
 * Loads PROG into a fresh Linux process image, runs it, and leaves the
 * host process in the state a native run would: the same exit status, or
 * death by the same signal. With -r, boots a PC from a disk image
 * instead (blink-pc.c). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "blink-pc.h"
#include "sys/syscall.h"
#include "vm/debug.h" /* vm_reserve_fd */
#include "vm/log.h"
#include "vm/machine.h" /* STOP_* */
#include "vm/vm.h"

#ifndef BLINK_VERSION
#define BLINK_VERSION "1.0"
#endif

extern char **environ;

static const char usage_text[] =
    "usage: blink [-hvjmsZe] [-L PATH] [-0] [-C PATH] PROG [ARGS...]\n"
    "       blink -r [-pSZe] [-T SECONDS] [-L PATH] IMAGE\n"
    "Runs PROG, an x86-64 Linux program, in a virtual machine; with -r,\n"
    "boots a PC (real mode, BIOS) from the disk image IMAGE.\n"
    "PROG is an absolute path, a relative path with a slash, or a name\n"
    "searched for in $PATH.\n"
    "\n"
    "  -h       show this help and exit\n"
    "  -v       show the version and build configuration and exit\n"
    "  -e       also write log lines to standard error\n"
    "  -L PATH  log to PATH (default: blink.log, or $BLINK_LOG_FILENAME)\n"
    "  -s       log system calls strace-style (repeat for more)\n"
    "  -0       the argument after PROG is argv[0]: blink -0 cmd arg0 arg1\n"
    "  -j       no JIT (accepted; this blink is an interpreter)\n"
    "  -m       no linear memory (accepted; memory is always translated)\n"
    "  -Z       print statistics to standard error at exit\n"
    "  -C PATH  run PROG with PATH as its root, starting there (the\n"
    "           same as BLINK_OVERLAYS=PATH; absolute paths only)\n"
    "  -r       boot IMAGE (a boot sector, floppy or hard disk image) in a\n"
    "           PC: its console output to stdout, keys from stdin\n"
    "  -p       with -r: the disk is write-protected (writes fail)\n"
    "  -S       with -r: print the text screen to stdout at the end\n"
    "           (-SS: and its attributes)\n"
    "  -T SECS  with -r: end the run after SECS seconds (status 124)\n"
    "environment: BLINK_OVERLAYS=DIR:DIR... directories searched in\n"
    "  order for absolute paths, empty for the real / (default \":o\")\n";

static void print_version(void) {
  printf("blink %s (blinkenlights x86-64 Linux virtual machine)\n",
         BLINK_VERSION);
  printf("engine: interpreter (decoded-instruction cache; no JIT)\n");
#ifdef BLINK_CC
  printf("compiler: %s\n", BLINK_CC);
#endif
#ifdef __VERSION__
  printf("compiler version: %s\n", __VERSION__);
#endif
#ifdef BLINK_CFLAGS
  printf("cflags: %s\n", BLINK_CFLAGS);
#endif
#ifdef BLINK_CONFIGURE_ARGS
  printf("configure: %s\n", BLINK_CONFIGURE_ARGS);
#else
  printf("configure: (not built with configure)\n");
#endif
#ifdef BLINK_TUI
  printf("blinkenlights tui: enabled\n");
#else
  printf("blinkenlights tui: disabled\n");
#endif
}

int main(int argc, char *argv[]) {
  const char *logpath = NULL, *root = NULL;
  int also_stderr = 0, explicit_argv0 = 0, want_stats = 0;
  int pc_mode = 0;
  struct BlinkPcArgs pca = {0};
  int opt;
  opterr = 0;  /* our own one-line complaint, named "blink" */
  while ((opt = getopt(argc, argv, "+hvjmsZeL:0C:rpST:")) != -1) {
    switch (opt) {
      case 'h':
        fputs(usage_text, stdout);
        return 0;
      case 'v':
        print_version();
        return 0;
      case 'j':
      case 'm':
        break;
      case 's':
        ++syscall_trace;
        break;
      case 'e':
        also_stderr = 1;
        break;
      case 'L':
        logpath = optarg;
        break;
      case '0':
        explicit_argv0 = 1;
        break;
      case 'Z':
        want_stats = 1;
        break;
      case 'C':
        /* The overlays with one entry: absolute paths resolve under DIR,
         * which is also the starting directory, as after chroot(1). */
        if (!*optarg || access(optarg, X_OK) || vm_set_overlays(optarg)) {
          fprintf(stderr, "blink: -C %s: bad root directory\n", optarg);
          return 1;
        }
        root = optarg;  /* entered after the log's path is made absolute */
        break;
      case 'r':
        pc_mode = 1;
        break;
      case 'p':
        pca.readonly = 1;
        break;
      case 'S':
        ++pca.print_screen;
        break;
      case 'T': {
        char *end;
        double secs = strtod(optarg, &end);
        if (end == optarg || *end || !(secs > 0) || secs > 1e9) {
          fprintf(stderr, "blink: -T %s: not a number of seconds\n", optarg);
          return 1;
        }
        pca.time_limit = (uint64_t)(secs * 1e9);
        break;
      }
      default:
        if (optopt == 'L' || optopt == 'C' || optopt == 'T')
          fprintf(stderr, "blink: option -%c needs an argument\n", optopt);
        else
          fprintf(stderr, "blink: unknown option -%c\n", optopt);
        fputs(usage_text, stderr);
        return 1;
    }
  }
  if (optind >= argc) {
    fputs(usage_text, stderr);
    return 1;
  }
  if (!pc_mode && (pca.readonly || pca.print_screen || pca.time_limit)) {
    fputs("blink: -p, -S and -T go with -r\n", stderr);
    return 1;
  }
  if (pc_mode) {
    if (root || explicit_argv0 || syscall_trace) {
      fputs("blink: -C, -0 and -s do not go with -r\n", stderr);
      return 1;
    }
    if (optind + 1 != argc) {
      fputs("blink: -r takes one disk image and no arguments\n", stderr);
      return 1;
    }
    log_init(logpath, also_stderr);
    pca.image = argv[optind];
    pca.stats = want_stats;
    return blink_pc(&pca);
  }
  const char *prog = argv[optind];
  char **gargv = explicit_argv0 ? argv + optind + 1 : argv + optind;
  /* -C: the log stays where blink was started, not in the root. */
  char logabs[4096];
  if (root) {
    const char *lp = logpath ? logpath : "blink.log";
    char cwd[2048];
    if (lp[0] != '/' && getcwd(cwd, sizeof(cwd)) &&
        strlen(cwd) + strlen(lp) + 2 <= sizeof(logabs)) {
      int k = snprintf(logabs, sizeof(logabs), "%s/%s", cwd, lp);
      if (k > 0 && (size_t)k < sizeof(logabs)) logpath = logabs;
    }
  }
  log_init(logpath, also_stderr);
  /* -Z writes to blink's own copy of stderr, kept from the guest (a
   * guest's close(2) at exit, as coreutils' does, would lose it). */
  FILE *stats = stderr;
  if (want_stats) {
    int fd = fcntl(2, F_DUPFD_CLOEXEC, 64);
    FILE *f = fd >= 0 && vm_reserve_fd(fd) == 0 ? fdopen(fd, "w") : NULL;
    if (f) stats = f;
    else if (fd >= 0) close(fd);
  }
  if (root && chdir(root)) {
    fprintf(stderr, "blink: -C %s: bad root directory\n", root);
    return 1;
  }

  struct Machine *m = vm_new();
  if (!m) {
    fputs("blink: out of memory\n", stderr);
    return 127;
  }
  char err[1024];
  int status = vm_load(m, prog, gargv, environ, err, sizeof(err));
  if (status) {
    fprintf(stderr, "%s\n", err);
    vm_free(m);  /* a refused PT_INTERP leaves the program's pages mapped */
    return status;
  }
  char loaded[4096]; /* the program vm_load loaded, to notice an execve */
  snprintf(loaded, sizeof(loaded), "%s", vm_program(m));
  int stop;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  do {
    stop = vm_run(m);
  } while (stop == STOP_NONE || stop == STOP_BREAK || stop == STOP_INTERRUPT);
  if (want_stats) {
    clock_gettime(CLOCK_MONOTONIC, &t1);
    vm_print_stats(m, stats, (double)(t1.tv_sec - t0.tv_sec) +
                                 (t1.tv_nsec - t0.tv_nsec) / 1e9);
    syscall_print_stats(stats);
    fflush(stats);
  }
  if (stop == STOP_EXIT) {
    int code = vm_exit_code(m) & 0xff;
    vm_free(m);
    return code;
  }
  if (stop == STOP_SIGNAL && vm_stop_signal(m) > 0) {
    int sig = vm_stop_signal(m);
    /* After an execve the program is no longer the one on the command
     * line. */
    if (*vm_program(m) && strcmp(vm_program(m), loaded)) prog = vm_program(m);
    if (vm_fault_from_cpu(m))
      fprintf(stderr, "blink: %s: %s at %#llx (fault address %#llx)\n", prog,
              vm_signal_name(sig), (unsigned long long)vm_rip(m),
              (unsigned long long)vm_fault_addr(m));
    else /* sent by a process (kill, raise, abort): Linux says nothing */
      blog("%s: killed by %s at %#llx", prog, vm_signal_name(sig),
           (unsigned long long)vm_rip(m));
    vm_free(m);
    vm_die_of_signal(sig);
  }
  /* hlt in user mode faults before getting here; anything else is ours. */
  fprintf(stderr, "blink: %s: machine stopped (reason %d)\n", prog, stop);
  return 127;
}
