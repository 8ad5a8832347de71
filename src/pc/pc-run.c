/* pc-run.c: the headless run loop (blink -r).
 *
 * vm_run in slices of at most PC_SLICE instructions, so that the devices
 * catch up with the host's clock (pc_service) often enough for an 18.2
 * Hz timer and a typist; hlt with interrupts on sleeps until the next
 * timer deadline or key, instead of spinning. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 /* ppoll */
#endif
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <time.h>

#include "bare.h"
#include "machine.h"
#include "pc/pc-private.h"
#include "vm.h"

#define PC_SLICE 100000        /* instructions between device services */
#define MAX_SLEEP_NS 50000000u /* wake at least every 50 ms anyway */

static void where(struct Pc *pc, char *buf, size_t len) {
  struct Machine *m = pc->m;
  if (m->mode == MODE_REAL)
    snprintf(buf, len, "%04x:%04x", m->sreg[SEG_CS], (unsigned)(m->rip & 0xffff));
  else
    snprintf(buf, len, "%04x:%#" PRIx64, m->sreg[SEG_CS], m->rip);
}

/* Sleep through hlt: until the earliest device deadline, a key on
 * stdin, or the time limit. */
static void sleep_halted(struct Pc *pc, uint64_t deadline) {
  uint64_t now = pc_now(pc);
  uint64_t until = pc_next_timer(pc);
  if (pc->key_head != pc->key_tail) until = now + 1000000; /* keys to feed */
  if (deadline && deadline < until) until = deadline;
  if (until > now + MAX_SLEEP_NS) until = now + MAX_SLEEP_NS;
  if (until <= now) return;
  /* ppoll's nanoseconds, not poll's milliseconds: a 1024 Hz RTC
   * interrupt's period is under one. */
  uint64_t ns = until - now;
  struct timespec ts = {.tv_sec = (time_t)(ns / 1000000000u),
                        .tv_nsec = (long)(ns % 1000000000u)};
  struct pollfd p = {.fd = pc->stdin_fd, .events = POLLIN};
  ppoll(&p, pc->stdin_fd >= 0 ? 1 : 0, &ts, NULL);
  if (pc->stdin_fd >= 0 && p.revents) pc_keys_read_stdin(pc, pc_now(pc));
}

void pc_interrupt(struct Pc *pc, int sig) {
  pc->interrupted = sig;
  pc->m->trap = 1; /* the dispatch loop ends its slice now */
}

int pc_run(struct Pc *pc) {
  struct Machine *m = pc->m;
  uint64_t deadline = pc->opt.time_limit; /* pc_now() counts from power on */
  char at[64];
  for (;;) {
    if (pc->interrupted) {
      where(pc, at, sizeof(at));
      fflush(stdout);
      fprintf(stderr, "blink: stopped by signal %d at %s\n", pc->interrupted,
              at);
      return 128 + pc->interrupted;
    }
    if (deadline && pc_now(pc) >= deadline) {
      where(pc, at, sizeof(at));
      fflush(stdout);
      fprintf(stderr, "blink: time limit of %g seconds reached at %s\n",
              (double)pc->opt.time_limit / 1e9, at);
      return PC_STATUS_TIME;
    }
    if (m->halted && (!m->irq_pending || !(m->rflags & FLAG_IF))) {
      if (!(m->rflags & FLAG_IF)) {
        /* Nothing can wake it, a pending request included (we have no
         * NMI): a boot sector's way of saying it is done. */
        where(pc, at, sizeof(at));
        fflush(stdout);
        fprintf(stderr,
                "blink: the machine halted with interrupts off at %s\n", at);
        return 0;
      }
      fflush(stdout);
      sleep_halted(pc, deadline);
      pc_service(pc);
      continue;
    }
    m->slice = PC_SLICE;
    int stop = vm_run(m);
    fflush(stdout); /* the guest's output as it comes, for a person */
    switch (stop) {
      case STOP_NONE:
      case STOP_BREAK:
      case STOP_INTERRUPT:
        break;
      case STOP_HALT: /* m->halted: the top of the loop waits */
        break;
      case STOP_EXIT:
        fflush(stdout);
        return m->exit_code & 0xff;
      default:
        where(pc, at, sizeof(at));
        fflush(stdout);
        if (stop == STOP_TRIPLE) {
          char msg[128];
          vm_triple_msg(m, msg, sizeof(msg));
          fprintf(stderr, "blink: %s\n", msg);
        } else if (stop == STOP_SIGNAL)
          fprintf(stderr, "blink: CPU exception %d at %s (error code %#" PRIx64
                  ", address %#" PRIx64 ")\n", m->fault_vector, at,
                  m->fault_err, m->fault_addr);
        else
          fprintf(stderr, "blink: the machine stopped (reason %d) at %s\n",
                  stop, at);
        return 1;
    }
  }
}
