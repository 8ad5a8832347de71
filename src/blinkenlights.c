/* blinkenlights.c: the visual debugger's command.
 *
 *   blinkenlights [-hvtsZzVRHNjm] [-L PATH] [-b ADDR] [-w ADDR] [-B SIZE]
 *                 [PROG [ARGS...]]
 *
 * Loads PROG (or, with none, the bundled demo) like blink does, then
 * hands the machine to the curses UI (src/ui). With -t it runs without
 * the UI, like blink. Flags follow the reference README's blinkenlights
 * section; the ones whose feature does not exist yet are refused with a
 * plain message rather than silently ignored. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "dbg/dbg.h"
#include "sys/syscall.h" /* syscall_trace */
#include "pc/pc.h"
#include "ui/cmd.h"
#include "ui/cursesw.h"
#include "ui/ui.h"
#include "vm/disasm.h"
#include "vm/history.h"
#include "vm/log.h"
#include "vm/vm.h"

#ifndef BLINK_VERSION
#define BLINK_VERSION "1.0"
#endif

extern char **environ;

static const char usage_text[] =
    "usage: blinkenlights [-hvtsZzVRHNjm] [-L PATH] [-b ADDR] [-w ADDR]\n"
    "                     [-B SIZE] [-ex CMD] [-x FILE] [PROG [ARGS...]]\n"
    "       blinkenlights -r [-p] [-b ADDR] [-ex CMD] [-x FILE] IMAGE\n"
    "Debugs PROG, an x86-64 Linux program, in a full-screen terminal UI.\n"
    "Without PROG, opens the bundled demo program. PROG is an absolute\n"
    "path, a relative path with a slash, or a name searched in $PATH.\n"
    "\n"
    "  -h       show this help and exit\n"
    "  -v       show the version and build configuration and exit\n"
    "  -t       run without the UI (like blink); a crash, a -b breakpoint\n"
    "           or ctrl-C opens it\n"
    "  -L PATH  log to PATH (default: $TMPDIR/blink.log or /tmp/blink.log)\n"
    "  -s       log system calls (repeat for more)\n"
    "  -Z       print statistics to standard error at exit\n"
    "  -z       zoom the memory panels out 2:1 (repeatable)\n"
    "  -V       more verbose (repeatable)\n"
    "  -R       no reactive error mode (with -t: never open the UI)\n"
    "  -H       no syntax highlighting or colors\n"
    "  -N       natural scrolling\n"
    "  -j, -m   accepted: this build has no JIT and no linear memory\n"
    "  -b ADDR  a breakpoint at ADDR (a symbol, or hex; repeatable)\n"
    "  -w ADDR  a write watchpoint on ADDR (a symbol: its size, else 8\n"
    "           bytes at a hex address; repeatable)\n"
    "  -B SIZE  memory for the reverse-execution history (k, m, g\n"
    "           suffixes; default 256m; 0 records nothing)\n"
    "  -C PATH  run PROG with PATH as its root, starting there\n"
    "  -r       PROG is a disk image: debug a PC booting it, stopped at\n"
    "           the reset vector F000:FFF0 (-b 7c00 stops at the boot\n"
    "           sector); c runs it, keys then go to the PC, ctrl-C stops\n"
    "  -p       with -r: the image is read-only (writes fail)\n"
    "  -ex CMD  run debugger command CMD without the UI, like gdb -batch\n"
    "           (repeatable; with -x, in the order given)\n"
    "  -x FILE  run the commands in FILE (one a line) without the UI\n"
    "\n"
    "Keys: s step, c continue (animated), C continue at full speed,\n"
    "S N F B the same backwards, : command line, ? help, q quit.\n"
    "See blinkenlights(1).\n";

static void print_version(void) {
  printf("blinkenlights %s (x86-64 Linux virtual machine and debugger)\n",
         BLINK_VERSION);
  printf("engine: interpreter (decoded-instruction cache; no JIT)\n");
#ifdef BLINK_CC
  printf("compiler: %s\n", BLINK_CC);
#endif
#ifdef BLINK_CFLAGS
  printf("cflags: %s\n", BLINK_CFLAGS);
#endif
#ifdef BLINK_CONFIGURE_ARGS
  printf("configure: %s\n", BLINK_CONFIGURE_ARGS);
#endif
  printf("curses: %s\n", curses_version());
}

/* The demo next to our own executable (the build tree's examples/demo),
 * else the installed one ($(pkglibexecdir)/demo), or NULL. */
static char *find_demo(void) {
  static char path[PATH_MAX + 32];
  ssize_t n = readlink("/proc/self/exe", path, PATH_MAX);
  if (n > 0) {
    path[n] = 0;
    char *slash = strrchr(path, '/');
    if (slash) {
      strcpy(slash, "/examples/demo");
      if (access(path, X_OK) == 0) return path;
    }
  }
#ifdef BLINK_DEMO_DIR
  snprintf(path, sizeof(path), "%s/demo", BLINK_DEMO_DIR);
  if (access(path, X_OK) == 0) return path;
#endif
  return NULL;
}


/* -t: run to the end without the UI, exiting as the guest did. Unless
 * `reactive` is off (-R, or no terminal), three things open the UI
 * instead, as the reference README describes: a crash (HEADLESS_DEAD:
 * the UI shows the dead machine, where the registers and memory of the
 * crash can be looked at), a -b breakpoint and ctrl-C (HEADLESS_LIVE:
 * the program can be stepped on from there). `why` says which. */
enum { HEADLESS_DEAD = -1, HEADLESS_LIVE = -2 };
static struct Machine *volatile headless_m;
static volatile sig_atomic_t headless_sigint;

static void on_sigint(int sig) {
  (void)sig;
  headless_sigint = 1;
  if (headless_m) vm_interrupt(headless_m);
}

static int run_headless(struct Machine *m, const char *prog, int stats,
                        int reactive, const uint64_t *breaks, int nbreaks,
                        char *why, size_t whylen) {
  struct sigaction sa, old;
  if (reactive) {
    /* No SA_RESTART: ctrl-C should also end a wait the guest is in. */
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    headless_m = m;
    sigaction(SIGINT, &sa, &old);
    /* ctrl-C is ours even when the guest has a SIGINT handler. */
    vm_front_signal(m, SIGINT, 1);
  } else {
    nbreaks = 0; /* nothing to stop for without the UI */
  }
  int stop, live = 0;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  /* The VM stops at its own breakpoints at full speed; the UI's command
   * interpreter takes the set over (cmd_vm_sync) if the UI opens. */
  for (int i = 0; i < nbreaks; ++i) vm_break_set(m, breaks[i]);
  for (;;) {
    stop = vm_run(m);
    if (stop == VM_STOP_BREAK) {
      snprintf(why, whylen, "breakpoint at %#llx (-t)",
               (unsigned long long)vm_rip(m));
      live = 1;
    }
    if (headless_sigint) {
      snprintf(why, whylen, "interrupted by ctrl-C at %#llx (-t)",
               (unsigned long long)vm_rip(m));
      live = 1;
    }
    if (live) break;
    if (stop != VM_STOP_NONE && stop != VM_STOP_BREAK &&
        stop != VM_STOP_INTERRUPT)
      break;
  }
  if (reactive) {
    sigaction(SIGINT, &old, NULL);
    headless_m = NULL;
    vm_front_signal(m, SIGINT, 0);
  }
  vm_break_clear_all(m);
  if (live) return HEADLESS_LIVE;
  if (stats) {
    clock_gettime(CLOCK_MONOTONIC, &t1);
    vm_print_stats(m, stderr, (double)(t1.tv_sec - t0.tv_sec) +
                                  (t1.tv_nsec - t0.tv_nsec) / 1e9);
    syscall_print_stats(stderr);
  }
  if (stop == VM_STOP_EXIT) return vm_exit_code(m) & 0xff;
  if (stop == VM_STOP_SIGNAL && vm_stop_signal(m) > 0) {
    fprintf(stderr, "blinkenlights: %s: %s at %#llx\n", prog,
            vm_signal_name(vm_stop_signal(m)), (unsigned long long)vm_rip(m));
    if (reactive) {
      snprintf(why, whylen, "%s at %#llx (-t crash; q quits)",
               vm_signal_name(vm_stop_signal(m)),
               (unsigned long long)vm_rip(m));
      return HEADLESS_DEAD;
    }
    vm_die_of_signal(vm_stop_signal(m));
  }
  fprintf(stderr, "blinkenlights: %s: machine stopped (reason %d)\n", prog,
          stop);
  return 127;
}

/* A descriptor number the guest is unlikely to touch, close-on-exec. */
static int high_fd(int fd) {
  int h = fcntl(fd, F_DUPFD_CLOEXEC, 100);
  close(fd);
  return h;
}

/* -b ARG: a symbol of the program (its first instruction, as the
 * disassembly's <name>: label shows it) when there is one by that name,
 * else a hex address ("f" is a symbol in a program that has one, 0xf
 * otherwise). 0, or -1 after saying why. */
static int resolve_breaks(struct DbgTable *dbg, const char *const *args,
                          uint64_t *breaks, int n) {
  for (int i = 0; i < n; ++i) {
    uint64_t a;
    if (dbg && dbg_lookup(dbg, args[i], &a)) {
      breaks[i] = a;
      continue;
    }
    char *end;
    errno = 0;
    unsigned long long h = strtoull(args[i], &end, 16);
    if (errno || end == args[i] || *end) {
      fprintf(stderr,
              "blinkenlights: -b %s: no such symbol, and not a hex "
              "address\n",
              args[i]);
      return -1;
    }
    breaks[i] = h;
  }
  return 0;
}

/* -B SIZE: bytes, with an optional k, m or g suffix (powers of 1024).
 * 0, or -1 when it is not a size. */
static int parse_size(const char *s, size_t *out) {
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || end == s || *s == '-') return -1;
  int shift = 0;
  switch (*end) {
    case 'k': case 'K': shift = 10; ++end; break;
    case 'm': case 'M': shift = 20; ++end; break;
    case 'g': case 'G': shift = 30; ++end; break;
  }
  if (*end == 'b' || *end == 'B') ++end;
  if (*end || v > (~0ull >> shift)) return -1;
  *out = (size_t)(v << shift);
  return 0;
}

/* Batch mode (-x FILE, -ex CMD), like gdb -batch: the commands run in
 * the order given, their output goes to stdout and errors to stderr. */
struct BatchCmd {
  int is_file;
  const char *text;
};

static void batch_out(void *ctx, int err, const char *line) {
  (void)ctx;
  fflush(err ? stdout : stderr);
  fprintf(err ? stderr : stdout, "%s\n", line);
  fflush(err ? stderr : stdout);
}

/* Batch mode's wait hook: the call's own wait, in slices, so that a
 * breakpoint another guest thread reaches (all-stop) stops the first
 * thread even while it blocks, in pthread_join say (a futex wait, which
 * syscall-wait.c slices and offers here with timeout 0). */
enum { BATCH_SLICE_MS = 50 };
static int batch_wait(void *ctx, const struct pollfd *fds, int nfds,
                      int timeout_ms) {
  struct Machine *m = ctx;
  struct pollfd p[64];
  if (nfds > 64) nfds = 64;
  struct timespec t0, t;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (;;) {
    if (vm_threads_stop_wanted(m)) return VM_WAIT_INTERRUPT;
    if (vm_signal_pending(m)) return VM_WAIT_READY;
    int ms = BATCH_SLICE_MS;
    if (timeout_ms >= 0) {
      clock_gettime(CLOCK_MONOTONIC, &t);
      long left = timeout_ms - ((t.tv_sec - t0.tv_sec) * 1000 +
                                (t.tv_nsec - t0.tv_nsec) / 1000000);
      if (left <= 0) return VM_WAIT_READY;
      if (left < ms) ms = (int)left;
    }
    memcpy(p, fds, (size_t)nfds * sizeof(*p));
    int n = poll(p, (nfds_t)nfds, ms);
    if (n > 0 || (n < 0 && errno != EINTR)) return VM_WAIT_READY;
  }
}

/* -r: a PC halted with interrupts on waits for the next one (a timer
 * tick): the devices catch up every BATCH_HLT_MS and the run goes on. */
enum { BATCH_HLT_MS = 10 };
static struct Pc *batch_pc;
static int batch_halted(void *ctx) {
  struct VmRegs r;
  vm_regs(ctx, &r);
  if (!(r.rflags & VM_FLAG_IF)) return 0;
  struct timespec ts = {0, BATCH_HLT_MS * 1000000L};
  nanosleep(&ts, NULL);
  pc_service(batch_pc);
  return 1;
}

/* -r: what the PC prints (the BIOS teletype's echo, COM1, port E9)
 * goes to standard error, so that standard output is the commands'. */
static void batch_pc_out(void *ctx, int source, const char *s, size_t n) {
  (void)ctx;
  (void)source;
  fflush(stdout);
  fwrite(s, 1, n, stderr);
  fflush(stderr);
}

/* Returns 0 when every command succeeded, else 1 (gdb -batch's rule is
 * the last command's status; any failure is more useful to scripts). */
static int run_batch(struct Machine *m, const char *prog,
                     const struct BatchCmd *bc, int n, size_t budget) {
  char err[512] = "";
  /* prog NULL: a PC (-r): the BIOS ROM's symbols. */
  struct DbgTable *syms = prog ? ui_symbols_load(m, prog, err, sizeof(err))
                               : ui_symbols_bios(err, sizeof(err));
  if (err[0])
    fprintf(stderr, "blinkenlights: %s: %s\n", prog ? prog : "-r", err);
  struct Cmd *c = calloc(1, sizeof(*c));
  if (!c) return 1;
  c->m = m;
  c->syms = syms;
  c->out = batch_out;
  if (batch_pc) {
    c->halted = batch_halted;
    c->out_ctx = m;
  }
  vm_threads_debug(m, 1); /* all-stop between the commands */
  vm_set_wait_hook(m, batch_wait, m);
  cmd_signals_default(c); /* after the hook: the faults stop first */
  /* -B 0: nothing is recorded (reverse commands say so). */
  if (budget && history_enable(m, budget))
    fputs("blinkenlights: no memory for the history: reverse commands "
          "will fail\n", stderr);
  int failed = 0;
  for (int i = 0; i < n; ++i) {
    if (!bc[i].is_file) {
      failed |= cmd_exec(c, bc[i].text) != 0;
      vm_threads_pause(m);
      continue;
    }
    FILE *f = fopen(bc[i].text, "r");
    if (!f) {
      fprintf(stderr, "%s: %s\n", bc[i].text, strerror(errno));
      failed = 1;
      continue;
    }
    /* As in gdb, an error ends the file's commands. */
    char line[4096];
    while (fgets(line, sizeof(line), f)) {
      line[strcspn(line, "\n")] = 0;
      int bad = cmd_exec(c, line);
      vm_threads_pause(m);
      if (bad) {
        failed = 1;
        break;
      }
    }
    fclose(f);
  }
  free(c);
  if (syms) dbg_free(syms);
  return failed;
}

/* Takes -x FILE and -ex CMD out of argv before getopt sees it (getopt
 * has no two-letter options), stopping at PROG. */
static int take_batch_flags(int *argc, char **argv, struct BatchCmd **out) {
  struct BatchCmd *bc = calloc(*argc, sizeof(*bc));
  int n = 0, j = 1, i = 1;
  if (!bc) return -1;
  for (; i < *argc; ++i) {
    const char *a = argv[i];
    if (!strcmp(a, "--") || a[0] != '-' || !a[1]) break;
    if (!strcmp(a, "-ex") || !strcmp(a, "-x")) {
      if (i + 1 == *argc) {
        fprintf(stderr, "blinkenlights: option %s needs an argument\n", a);
        free(bc);
        return -1;
      }
      bc[n].is_file = a[1] == 'x';
      bc[n++].text = argv[++i];
      continue;
    }
    argv[j++] = argv[i];
    /* Flags whose argument is the next word. */
    if (strlen(a) == 2 && strchr("bwLCB", a[1]) && i + 1 < *argc)
      argv[j++] = argv[++i];
  }
  while (i < *argc) argv[j++] = argv[i++];
  argv[j] = NULL;
  *argc = j;
  *out = bc;
  return n;
}

int main(int argc, char *argv[]) {
  const char *logpath = NULL, *root = NULL;
  struct BatchCmd *batch = NULL;
  int nbatch = take_batch_flags(&argc, argv, &batch);
  if (nbatch < 0) return 1;
  int headless = 0, stats = 0, zoom = 0, verbose = 0, natural = 0;
  int nohighlight = 0, noreactive = 0, bare = 0, readonly = 0;
  uint64_t breaks[UI_MAX_BREAKS];
  const char *break_args[UI_MAX_BREAKS];
  int nbreaks = 0;
  const char *watch_args[UI_MAX_BREAKS];
  int nwatches = 0;
  size_t budget = (size_t)256 << 20;
  int opt;
  opterr = 0;
  while ((opt = getopt(argc, argv, "+hvrpb:w:B:tL:C:sZzVRHNjm")) != -1) {
    switch (opt) {
      case 'h':
        fputs(usage_text, stdout);
        return 0;
      case 'v':
        print_version();
        return 0;
      case 't':
        headless = 1;
        break;
      case 'L':
        logpath = optarg;
        break;
      case 's':
        ++syscall_trace;
        break;
      case 'Z':
        stats = 1;
        break;
      case 'z':
        ++zoom;
        break;
      case 'V':
        ++verbose;
        break;
      case 'R':
        noreactive = 1;
        break;
      case 'H':
        nohighlight = 1;
        break;
      case 'N':
        natural = 1;
        break;
      case 'j':
      case 'm':
        fprintf(stderr,
                "blinkenlights: -%c changes nothing: this build is an "
                "interpreter with translated memory\n",
                opt);
        break;
      case 'b': {
        /* A symbol name or a hex address: resolved once the program's
         * symbols are loaded (see resolve_breaks). */
        if (nbreaks == UI_MAX_BREAKS) {
          fprintf(stderr, "blinkenlights: more than %d -b\n", UI_MAX_BREAKS);
          return 1;
        }
        break_args[nbreaks] = optarg;
        breaks[nbreaks++] = 0;
        break;
      }
      case 'w':
        if (nwatches == UI_MAX_BREAKS) {
          fprintf(stderr, "blinkenlights: more than %d -w\n", UI_MAX_BREAKS);
          return 1;
        }
        watch_args[nwatches++] = optarg;
        break;
      case 'B':
        if (parse_size(optarg, &budget)) {
          fprintf(stderr,
                  "blinkenlights: -B %s: not a size (like 64m, 1g or 0)\n",
                  optarg);
          return 1;
        }
        break;
      case 'C':
        /* As blink -C: absolute paths under PATH, which is the cwd. */
        if (!*optarg || access(optarg, X_OK) || vm_set_overlays(optarg)) {
          fprintf(stderr, "blinkenlights: -C %s: bad root directory\n",
                  optarg);
          return 1;
        }
        root = optarg;  /* entered after the log's path is made absolute */
        break;
      case 'r':
        bare = 1;
        break;
      case 'p':
        readonly = 1;
        break;
      default:
        if (optopt == 'L' || optopt == 'C' || optopt == 'b' || optopt == 'w' ||
            optopt == 'B')
          fprintf(stderr, "blinkenlights: option -%c needs an argument\n",
                  optopt);
        else
          fprintf(stderr, "blinkenlights: unknown option -%c\n", optopt);
        fputs(usage_text, stderr);
        return 1;
    }
  }
  (void)verbose;
  if (bare) {
    if (optind + 1 != argc) {
      fputs("blinkenlights: -r takes one disk image (and no arguments)\n",
            stderr);
      return 1;
    }
    if (headless || root) {
      fprintf(stderr, "blinkenlights: -r does not go with -%c (blink -r runs "
                      "an image without the UI)\n", headless ? 't' : 'C');
      return 1;
    }
  } else if (readonly) {
    fputs("blinkenlights: -p goes with -r (a read-only disk image)\n", stderr);
    return 1;
  }
  char *demo_argv[2] = {NULL, NULL};
  char **gargv;
  if (optind < argc) {
    gargv = argv + optind;
  } else {
    demo_argv[0] = find_demo();
    if (!demo_argv[0]) {
      fputs("blinkenlights: no PROG given and no bundled demo found "
            "(build it with make)\n",
            stderr);
      fputs(usage_text, stderr);
      return 1;
    }
    gargv = demo_argv;
  }
  const char *prog = gargv[0];
  char defaultlog[PATH_MAX];
  if (!logpath && !getenv("BLINK_LOG_FILENAME")) {
    const char *tmp = getenv("TMPDIR");
    snprintf(defaultlog, sizeof(defaultlog), "%s/blink.log",
             tmp && *tmp ? tmp : "/tmp");
    logpath = defaultlog;
  }
  /* -C: the log stays where blinkenlights was started, not in the root. */
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
  log_init(logpath, 0);
  if (root && chdir(root)) {
    fprintf(stderr, "blinkenlights: -C %s: bad root directory\n", root);
    return 1;
  }

  struct Machine *m = NULL;
  struct Pc *pc = NULL;
  char err[1024];
  int status = 0;
  if (bare) {
    /* The PC powered on: the CPU at the reset vector, nothing run. */
    struct PcOptions o = {.image = prog, .readonly = readonly};
    pc = pc_new(&o, err, sizeof(err));
    if (!pc) {
      const char *e = strncmp(err, "blink: ", 7) ? err : err + 7;
      fprintf(stderr, "blinkenlights: %s\n", e);
      return 1;
    }
    m = pc_machine(pc);
    budget = 0; /* a PC's devices are not recorded: no reverse */
  } else if (!(m = vm_new())) {
    fputs("blinkenlights: out of memory\n", stderr);
    return 127;
  } else {
    status = vm_load(m, prog, gargv, environ, err, sizeof(err));
  }
  if (status) {
    /* vm_load's message names blink; this command is blinkenlights. */
    const char *e = strncmp(err, "blink: ", 7) ? err : err + 7;
    fprintf(stderr, "blinkenlights: %s\n", e);
    vm_free(m);  /* a refused PT_INTERP leaves the program's pages mapped */
    return status;
  }
  if (nbatch) {
    /* Freed so that leak checkers see only real leaks. */
    batch_pc = pc;
    if (pc) pc_set_output(pc, batch_pc_out, NULL);
    int rc = run_batch(m, bare ? NULL : prog, batch, nbatch, budget);
    if (pc) {
      pc_free(pc);
      free(batch);
      return rc;
    }
    history_disable(m);
    vm_threads_end(m);
    vm_free(m);
    free(batch);
    return rc;
  }
  /* Symbols and lines for -b NAME and the panels; a program without
   * them still runs (the source panel says why there is nothing). */
  char dbg_err[256] = "";
  struct DbgTable *dbg =
      bare ? ui_symbols_bios(dbg_err, sizeof(dbg_err))
           : ui_symbols_load(m, prog, dbg_err, sizeof(dbg_err));
  if (resolve_breaks(dbg, break_args, breaks, nbreaks)) return 1;
  /* -w: the watch command for a symbol (its size) or 8 bytes at hex. */
  static char watch_lines[UI_MAX_BREAKS][600];
  for (int i = 0; i < nwatches; ++i) {
    uint64_t a;
    if (dbg && dbg_lookup(dbg, watch_args[i], &a)) {
      snprintf(watch_lines[i], sizeof(watch_lines[i]), "watch %s",
               watch_args[i]);
      continue;
    }
    char *end;
    errno = 0;
    unsigned long long h = strtoull(watch_args[i], &end, 16);
    if (errno || end == watch_args[i] || *end) {
      fprintf(stderr,
              "blinkenlights: -w %s: no such symbol, and not a hex "
              "address\n", watch_args[i]);
      return 1;
    }
    snprintf(watch_lines[i], sizeof(watch_lines[i]), "watch *(long *)%#llx",
             h);
  }
  int crashed = 0;
  char why[128] = "";
  if (headless) {
    /* Reactive only when there is a terminal to open the UI on. */
    int reactive = !noreactive && isatty(2);
    int rc = run_headless(m, prog, stats, reactive, breaks, nbreaks, why,
                          sizeof(why));
    if (rc >= 0) return rc;
    crashed = rc == HEADLESS_DEAD;
  }

  /* Curses gets its own descriptor on the terminal; the guest's fds 0, 1
   * and 2 then go to the terminal panel's pty (term.c). */
  int tty = open("/dev/tty", O_RDWR | O_CLOEXEC);
  if (tty < 0 || (tty = high_fd(tty)) < 0) {
    fputs("blinkenlights: needs a terminal (use -t to run without the UI)\n",
          stderr);
    return 1;
  }
  int real_stderr = fcntl(2, F_DUPFD_CLOEXEC, 100);
  vm_reserve_fd(tty);
  if (real_stderr >= 0) vm_reserve_fd(real_stderr);
  FILE *ttyf = fdopen(tty, "r+");
  setlocale(LC_ALL, "");
  static struct Ui u;
  u.m = m;
  u.prog = prog;
  u.argv = gargv;
  u.envp = environ;
  u.syntax = DIS_ATT;
  u.colors = !nohighlight;
  u.natural = natural;
  u.zoom = zoom;
  u.dbg = dbg;
  snprintf(u.dbg_err, sizeof(u.dbg_err), "%s", dbg_err);
  /* One command interpreter, one breakpoint set: -b and -w go into
   * it as the commands `break *ADDR` and `watch ...` would. */
  cmd_init(&u.cmd, m, dbg, cmdline_out, &u);
  vm_threads_debug(m, 1); /* all-stop: thread-stop.c */
  cmd_signals_default(&u.cmd);
  u.tty_fd = tty;
  u.hist_budget = budget;
  u.pc = pc;
  u.image = bare ? prog : NULL;
  u.image_readonly = readonly;
  for (int i = 0; i < nbreaks; ++i) bp_toggle(&u, breaks[i]);
  for (int i = 0; i < nwatches; ++i)
    if (cmdline_exec(&u, watch_lines[i])) {
      fprintf(stderr, "blinkenlights: -w %s: %s\n", watch_args[i], u.msg);
      return 1;
    }
  u.msg[0] = 0;
  /* Recording starts here: after -t ran headless, the UI's history
   * begins where that stopped. */
  run_history_start(&u);
  /* The guest's fds 0, 1 and 2 become the terminal panel's pty (0 only
   * when it was a terminal: a redirected stdin stays the program's). */
  if (term_open(&u.term)) {
    fputs("blinkenlights: cannot capture the program's output\n", stderr);
    return 1;
  }
  u.term.tty = tty;
  SCREEN *scr = newterm(NULL, ttyf, ttyf);
  if (!scr) {
    dprintf(real_stderr, "blinkenlights: cannot start curses on this terminal "
                         "(TERM=%s)\n",
            getenv("TERM") ? getenv("TERM") : "");
    return 1;
  }
  set_term(scr);
  if (crashed) {
    /* The machine is dead: the UI shows where and why, no stepping. */
    u.done = 1;
    u.mode = "killed";
    u.msg_error = 1;
  }
  if (why[0]) snprintf(u.msg, sizeof(u.msg), "%s", why);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  int rc = ui_run(&u);
  m = u.m; /* R (restart) replaces the machine */
  endwin();
  delscreen(scr);
  if (stats && real_stderr >= 0) {
    FILE *f = fdopen(real_stderr, "w");
    if (f) {
      clock_gettime(CLOCK_MONOTONIC, &t1);
      vm_print_stats(m, f, (double)(t1.tv_sec - t0.tv_sec) +
                               (t1.tv_nsec - t0.tv_nsec) / 1e9);
      syscall_print_stats(f);
      fclose(f);
    }
  }
  if (u.pc) {
    pc_free(u.pc);
    return rc;
  }
  /* After a -t crash, the shell still sees the guest's death. */
  if (crashed) vm_die_of_signal(vm_stop_signal(m));
  return rc;
}
