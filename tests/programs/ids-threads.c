/* ids-threads: glibc's setresuid/setegid wrappers in a process with a
 * second thread: glibc makes every other thread repeat the call by
 * sending it SIGSETXID (33) and waiting for it; musl does the same with
 * its own signal. The ids stay the caller's own (a non-root-safe
 * sequence), and both threads see them.
 */
#define _GNU_SOURCE 1
#include <grp.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static pthread_barrier_t bar;
static int other_euid = -2;

static void *other(void *a) {
  (void)a;
  pthread_barrier_wait(&bar); /* main changes the ids */
  pthread_barrier_wait(&bar);
  other_euid = (int)geteuid();
  return 0;
}

static void *watchdog(void *a) {
  (void)a;
  for (int k = 0; k < 1000; ++k) usleep(10000);
  printf("timed out\n");
  fflush(stdout);
  syscall(SYS_exit_group, 99);
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_t w; /* a lost broadcast ends the test instead of hanging it */
  pthread_create(&w, 0, watchdog, 0);
  pthread_barrier_init(&bar, 0, 2);
  pthread_create(&t, 0, other, 0);
  pthread_barrier_wait(&bar);
  printf("setresuid %d\n", setresuid(getuid(), geteuid(), -1));
  printf("setresgid %d\n", setresgid(getgid(), getegid(), -1));
  printf("seteuid %d\n", seteuid(geteuid()));
  printf("setegid %d\n", setegid(getegid()));
  printf("setgroups(0) as root or EPERM: %d\n",
         setgroups(0, 0) == 0 || geteuid() != 0);
  pthread_barrier_wait(&bar);
  pthread_join(t, 0);
  printf("other thread's euid is ours: %d\n", other_euid == (int)geteuid());
  return 0;
}
