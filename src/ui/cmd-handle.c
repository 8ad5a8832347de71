/* cmd-handle.c: gdb's `handle SIGNAL [stop|nostop]...` and `info
 * signals` for the faults the VM can stop at before the guest's handler
 * runs (debug.h vm_signal_stop): SIGSEGV, SIGBUS, SIGFPE, SIGILL and
 * SIGTRAP. print/noprint and pass/nopass are accepted as in gdb; the
 * signal is always passed (the handler runs when the program goes on). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "vm/debug.h"
#include "vm/vm.h"

static const int faults[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP};
enum { NFAULTS = sizeof(faults) / sizeof(faults[0]) };

static int parse_sig(const char *w, size_t n) {
  for (int i = 0; i < NFAULTS; ++i) {
    const char *name = vm_signal_name(faults[i]);
    if ((strlen(name) == n && !strncasecmp(name, w, n)) ||
        (strlen(name) == n + 3 && !strncasecmp(name + 3, w, n)))
      return faults[i];
  }
  return 0;
}

static void show(struct Cmd *c, int sig) {
  cmd_printf(c, "%-12s%-8s%-8s%-8s%s", vm_signal_name(sig),
             vm_signal_stops(c->m, sig) ? "Yes" : "No",
             vm_signal_stops(c->m, sig) ? "Yes" : "No", "Yes", strsignal(sig));
}

static void header(struct Cmd *c) {
  cmd_printf(c, "Signal      Stop    Print   Pass to program Description");
}

int cmd_do_handle(struct Cmd *c, const char *arg) {
  while (isspace((unsigned char)*arg)) ++arg;
  size_t n = strcspn(arg, " \t");
  if (!n) return cmd_error(c, "Argument required (signal and action).");
  int sig = parse_sig(arg, n);
  if (!sig)
    return cmd_error(c, "handle %.*s: only SIGSEGV, SIGBUS, SIGFPE, SIGILL "
                        "and SIGTRAP (the faults) can stop here",
                     (int)n, arg);
  int stop = vm_signal_stops(c->m, sig);
  for (const char *p = arg + n;;) {
    while (isspace((unsigned char)*p)) ++p;
    size_t k = strcspn(p, " \t");
    if (!k) break;
    if ((k == 4 && !strncmp(p, "stop", 4)) || (k == 5 && !strncmp(p, "print", 5)))
      stop = 1;
    else if ((k == 6 && !strncmp(p, "nostop", 6)) ||
             (k == 7 && !strncmp(p, "noprint", 7)))
      stop = 0;
    else if ((k == 4 && !strncmp(p, "pass", 4)) ||
             (k == 8 && !strncmp(p, "noignore", 8)))
      ;
    else if ((k == 6 && !strncmp(p, "nopass", 6)) ||
             (k == 6 && !strncmp(p, "ignore", 6)))
      return cmd_error(c, "nopass: the signal always reaches the program here");
    else
      return cmd_error(c, "Unrecognized or ambiguous flag word: \"%.*s\".",
                       (int)k, p);
    p += k;
  }
  vm_signal_stop(c->m, sig, stop);
  header(c);
  show(c, sig);
  return 0;
}

int cmd_info_signals(struct Cmd *c, const char *arg) {
  (void)arg;
  header(c);
  for (int i = 0; i < NFAULTS; ++i) show(c, faults[i]);
  return 0;
}

void cmd_signals_default(struct Cmd *c) {
  /* gdb's defaults: the faults stop (SIGTRAP is the debugger's own). */
  for (int i = 0; i < NFAULTS; ++i)
    vm_signal_stop(c->m, faults[i], faults[i] != SIGTRAP);
}
