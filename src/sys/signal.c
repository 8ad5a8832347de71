/* signal.c: CPU exceptions and fatal signals in Linux mode.
 *
 * A guest fault becomes the signal Linux would send. Delivering signals
 * to guest handlers is a later issue, so for now every such signal ends
 * the process: the machine stops with STOP_SIGNAL and the front end makes
 * the host process die of the same signal. */
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "log.h"
#include "machine.h"
#include "memory.h"
#include "sys.h"

static const char *const sig_names[] = {
    [SIGHUP] = "SIGHUP",   [SIGINT] = "SIGINT",       [SIGQUIT] = "SIGQUIT",
    [SIGILL] = "SIGILL",   [SIGTRAP] = "SIGTRAP",     [SIGABRT] = "SIGABRT",
    [SIGBUS] = "SIGBUS",   [SIGFPE] = "SIGFPE",       [SIGKILL] = "SIGKILL",
    [SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV",     [SIGUSR2] = "SIGUSR2",
    [SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM",     [SIGTERM] = "SIGTERM",
    [SIGSTKFLT] = "SIGSTKFLT", [SIGCHLD] = "SIGCHLD", [SIGCONT] = "SIGCONT",
    [SIGSTOP] = "SIGSTOP", [SIGTSTP] = "SIGTSTP",     [SIGTTIN] = "SIGTTIN",
    [SIGTTOU] = "SIGTTOU", [SIGURG] = "SIGURG",       [SIGXCPU] = "SIGXCPU",
    [SIGXFSZ] = "SIGXFSZ", [SIGVTALRM] = "SIGVTALRM", [SIGPROF] = "SIGPROF",
    [SIGWINCH] = "SIGWINCH", [SIGIO] = "SIGIO",       [SIGPWR] = "SIGPWR",
    [SIGSYS] = "SIGSYS",
};

const char *sig_name(int sig) {
  static char buf[16];
  if (sig > 0 && sig < (int)(sizeof(sig_names) / sizeof(sig_names[0])) &&
      sig_names[sig])
    return sig_names[sig];
  snprintf(buf, sizeof(buf), "SIG%d", sig);
  return buf;
}

/* Linux's default actions: these are ignored, or stop/continue the
 * process (which we treat as nothing happening); all others kill. */
int sig_is_fatal_default(int sig) {
  switch (sig) {
    case SIGCHLD: case SIGURG: case SIGWINCH: case SIGCONT:
    case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
      return 0;
    default:
      return sig >= 1 && sig <= SYS_NSIG;
  }
}

void sig_kill(struct Machine *m, int sig) {
  m->stop = STOP_SIGNAL;
  m->stop_signal = sig;
  m->trap = 1;
}

static int sig_for_vector(int vector) {
  switch (vector) {
    case EXC_DE: case EXC_MF: case EXC_XM: return SIGFPE;
    case EXC_UD: return SIGILL;
    case EXC_DB: case EXC_BP: return SIGTRAP;
    case EXC_AC: return SIGBUS;
    case EXC_SS: return SIGBUS; /* as Linux's do_stack_segment */
    default: return SIGSEGV; /* #PF, #GP, #NP, #OF, #BR, ... */
  }
}

void sig_on_exception(struct Machine *m, int vector, uint64_t err,
                      uint64_t addr) {
  int sig = sig_for_vector(vector);
  uint64_t rip = m->rip;  /* exec_fault points it at the instruction */
  uint8_t b[15];
  size_t n = 0;
  while (n < sizeof(b) &&
         !mem_peek(m, b + n, rip + m->seg_base[SEG_CS] + n, 1))
    ++n;
  char hex[sizeof(b) * 3 + 1];
  hex[0] = 0;
  for (size_t k = 0; k < n; ++k) snprintf(hex + k * 3, 4, "%02x ", b[k]);
  if (n) hex[n * 3 - 1] = 0;
  blog("%s (exception %d, error code %#" PRIx64 ") at rip %#" PRIx64
       " fault address %#" PRIx64 " instruction [%s] rsp %#" PRIx64,
       sig_name(sig), vector, err, rip, addr, n ? hex : "unreadable",
       m->r[RSP]);
  m->fault_vector = vector;
  m->fault_err = err;
  m->fault_addr = addr;
  if (m->sys) m->sys->fatal_fault = 1;
  sig_kill(m, sig);
}
