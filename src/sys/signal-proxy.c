/* signal-proxy.c: signals the host's kernel must send but cannot send
 * under the guest's number: 32 and 33 are the host C library's own and
 * SIGRTMAX the emulator's wake-up (signal.c sig_hostable). A POSIX timer
 * of the guest on one of them (glibc's and musl's SIGEV_THREAD use 32 on
 * a helper thread of theirs) is a host timer aimed (SIGEV_THREAD_ID) at
 * this file's host thread, which runs no guest, blocks every host signal
 * and takes those three with the raw rt_sigtimedwait: the host's siginfo
 * (SI_TIMER, timer id, overrun, value) is exact. A route table says which
 * guest thread each timer's signal is for (0: the process), and
 * signal.c's sig_post_async posts it there and wakes the thread. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sys.h"

#define ROUTES 256

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int proxy_tid = -1; /* under lock */
static struct {
  int used, key, tid;
} routes[ROUTES];

static int route_of(int key) {
  int tid = 0;
  pthread_mutex_lock(&lock);
  for (int k = 0; k < ROUTES; ++k)
    if (routes[k].used && routes[k].key == key) {
      tid = routes[k].tid;
      break;
    }
  pthread_mutex_unlock(&lock);
  return tid;
}

static void *proxy_main(void *arg) {
  sem_t *started = arg;
  /* Everything blocked, 32 and 33 too (glibc's pthread_sigmask hides
   * them: the raw call). */
  uint64_t all = ~UINT64_C(0);
  syscall(SYS_rt_sigprocmask, SIG_BLOCK, &all, NULL, 8);
  proxy_tid = (int)gettid(); /* the starter holds the lock and waits */
  sem_post(started);
  uint64_t want = (UINT64_C(1) << 31) | (UINT64_C(1) << 32) |
                  (UINT64_C(1) << (SIGRTMAX - 1));
  for (;;) {
    siginfo_t hi;
    int sig = (int)syscall(SYS_rt_sigtimedwait, &want, &hi, NULL, 8);
    if (sig < 1 || sig > SYS_NSIG) continue;
    struct linux_siginfo li;
    memcpy(&li, &hi, sizeof(li));
    int tid = hi.si_code == SI_TIMER ? route_of(hi.si_timerid) : 0;
    sig_post_async(sig, &li, tid);
  }
  return NULL;
}

/* A fork child has no proxy thread and no timers (POSIX). */
static void fork_child(void) {
  pthread_mutex_init(&lock, NULL);
  proxy_tid = -1;
  memset(routes, 0, sizeof(routes));
}

static void proxy_once(void) { pthread_atfork(NULL, NULL, fork_child); }

int sig_proxy_tid(void) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, proxy_once);
  pthread_mutex_lock(&lock);
  if (proxy_tid < 0) {
    sem_t started;
    sem_init(&started, 0, 0);
    pthread_t th;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 64 << 10);
    if (!pthread_create(&th, &attr, proxy_main, &started))
      while (sem_wait(&started)) {
      }
    pthread_attr_destroy(&attr);
    sem_destroy(&started);
  }
  int tid = proxy_tid;
  pthread_mutex_unlock(&lock);
  return tid;
}

void sig_proxy_route(int key, int tid) {
  pthread_mutex_lock(&lock);
  int free_slot = -1;
  for (int k = 0; k < ROUTES; ++k) {
    if (routes[k].used && routes[k].key == key) {
      routes[k].tid = tid;
      free_slot = -2;
      break;
    }
    if (!routes[k].used && free_slot == -1) free_slot = k;
  }
  if (free_slot >= 0) {
    routes[free_slot].used = 1;
    routes[free_slot].key = key;
    routes[free_slot].tid = tid;
  }
  pthread_mutex_unlock(&lock);
}

void sig_proxy_unroute(int key) {
  pthread_mutex_lock(&lock);
  for (int k = 0; k < ROUTES; ++k)
    if (routes[k].used && routes[k].key == key) routes[k].used = 0;
  pthread_mutex_unlock(&lock);
}
