/* sched: scheduling policy and parameters (only changes any user may
 * make: SCHED_OTHER <-> SCHED_BATCH, nice 0), the priority ranges of
 * every policy, invalid policies and priorities, rr_get_interval, CPU
 * affinity of the process and of a second thread by its tid (set to one
 * CPU of the allowed ones, read back, restored; an empty mask is
 * EINVAL), and the I/O priority (read, set to itself, a bad class).
 */
#define _GNU_SOURCE 1
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static void say(const char *what, long r) {
  if (r < 0) printf("%s = -1 errno %d\n", what, errno);
  else printf("%s = %ld\n", what, r);
}

static pthread_barrier_t bar;
static volatile pid_t other_tid;

static void *other(void *a) {
  (void)a;
  other_tid = (pid_t)syscall(SYS_gettid);
  pthread_barrier_wait(&bar); /* main sets our affinity */
  pthread_barrier_wait(&bar);
  cpu_set_t s;
  CPU_ZERO(&s);
  sched_getaffinity(0, sizeof(s), &s);
  printf("thread sees its own mask: %d cpus\n", CPU_COUNT(&s));
  return 0;
}

int main(void) {
  struct sched_param p;
  say("getscheduler", sched_getscheduler(0));
  p.sched_priority = -1;
  say("getparam", sched_getparam(0, &p));
  printf("priority %d\n", p.sched_priority);
  int pols[] = {SCHED_OTHER, SCHED_FIFO, SCHED_RR, SCHED_BATCH, SCHED_IDLE, 99};
  for (unsigned k = 0; k < sizeof(pols) / sizeof(pols[0]); ++k) {
    char b[64];
    snprintf(b, sizeof(b), "priority_max(%d)", pols[k]);
    say(b, sched_get_priority_max(pols[k]));
    snprintf(b, sizeof(b), "priority_min(%d)", pols[k]);
    say(b, sched_get_priority_min(pols[k]));
  }
  p.sched_priority = 0;
  say("setscheduler(BATCH)", sched_setscheduler(0, SCHED_BATCH, &p));
  say("getscheduler", sched_getscheduler(0));
  say("setscheduler(OTHER)", sched_setscheduler(0, SCHED_OTHER, &p));
  say("getscheduler", sched_getscheduler(0));
  p.sched_priority = 0;
  say("setscheduler(FIFO, 0)", sched_setscheduler(0, SCHED_FIFO, &p));
  say("setscheduler(99)", sched_setscheduler(0, 99, &p));
  say("setparam(0)", sched_setparam(0, &p));
  p.sched_priority = 5;
  say("setparam(5) for OTHER", sched_setparam(0, &p));
  say("setparam(bad ptr)", syscall(SYS_sched_setparam, 0, (void *)8));
  say("getparam(bad ptr)", syscall(SYS_sched_getparam, 0, (void *)8));
  say("getscheduler(no such pid)", sched_getscheduler(0x3ffffff0));
  struct timespec ts = {-1, -1};
  say("rr_get_interval", sched_rr_get_interval(0, &ts));
  printf("interval sane: %d\n", ts.tv_sec >= 0 && ts.tv_nsec >= 0);

  cpu_set_t all, one, got;
  CPU_ZERO(&all);
  say("getaffinity", sched_getaffinity(0, sizeof(all), &all) >= 0 ? 0 : -1);
  int first = -1;
  for (int c = 0; c < CPU_SETSIZE && first < 0; ++c)
    if (CPU_ISSET(c, &all)) first = c;
  CPU_ZERO(&one);
  CPU_SET(first, &one);
  say("setaffinity(one)", sched_setaffinity(0, sizeof(one), &one));
  CPU_ZERO(&got);
  sched_getaffinity(0, sizeof(got), &got);
  printf("got one back: %d\n", CPU_EQUAL(&got, &one));
  say("setaffinity(all)", sched_setaffinity(0, sizeof(all), &all));
  CPU_ZERO(&got);
  sched_getaffinity(0, sizeof(got), &got);
  printf("got all back: %d\n", CPU_EQUAL(&got, &all));
  cpu_set_t none;
  CPU_ZERO(&none);
  say("setaffinity(empty)", sched_setaffinity(0, sizeof(none), &none));
  say("setaffinity(no such pid)", sched_setaffinity(0x3ffffff0, sizeof(all), &all));
  say("setaffinity(bad ptr)", syscall(SYS_sched_setaffinity, 0, 128, (void *)8));

  pthread_t t;
  pthread_barrier_init(&bar, 0, 2);
  pthread_create(&t, 0, other, 0);
  pthread_barrier_wait(&bar);
  say("setaffinity(thread, one)", sched_setaffinity(other_tid, sizeof(one), &one));
  CPU_ZERO(&got);
  sched_getaffinity(other_tid, sizeof(got), &got);
  printf("thread's mask is one: %d\n", CPU_EQUAL(&got, &one));
  CPU_ZERO(&got);
  sched_getaffinity(0, sizeof(got), &got);
  printf("ours is still all: %d\n", CPU_EQUAL(&got, &all));
  pthread_barrier_wait(&bar);
  pthread_join(t, 0);

  long io = syscall(SYS_ioprio_get, 1 /* IOPRIO_WHO_PROCESS */, 0);
  say("ioprio_get", io);
  say("ioprio_set(same)", syscall(SYS_ioprio_set, 1, 0, io));
  say("ioprio_get again", syscall(SYS_ioprio_get, 1, 0));
  say("ioprio_set(best effort 4)", syscall(SYS_ioprio_set, 1, 0, (2 << 13) | 4));
  say("ioprio_get", syscall(SYS_ioprio_get, 1, 0));
  say("ioprio_set(bad class)", syscall(SYS_ioprio_set, 1, 0, (7 << 13) | 4));
  say("ioprio_get(bad which)", syscall(SYS_ioprio_get, 9, 0));
  return 0;
}
