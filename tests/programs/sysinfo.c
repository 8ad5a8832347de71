/* sysinfo: system calls whose results are stable enough to compare:
 * uname's sysname and machine, the identity calls agreeing with each
 * other, clocks moving forward, a short nanosleep, getrandom filling its
 * buffer, getrlimit, the umask round trip, getcwd after chdir, and
 * readlink of /proc/self/exe naming this program. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  (void)argc;
  struct utsname u;
  printf("uname %d %s %s\n", uname(&u), u.sysname, u.machine);
  printf("pid>0 %d ppid>0 %d tid==pid %d\n", getpid() > 0, getppid() > 0,
         gettid() == getpid());
  printf("uid==euid %d gid==egid %d\n", getuid() == geteuid(),
         getgid() == getegid());
  struct timespec a, b, r;
  clock_gettime(CLOCK_MONOTONIC, &a);
  struct timespec nap = {0, 2000000};
  printf("nanosleep %d\n", nanosleep(&nap, NULL));
  clock_gettime(CLOCK_MONOTONIC, &b);
  long ns = (b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec);
  printf("slept at least 2 ms: %d\n", ns >= 2000000);
  printf("realtime after 2020: %d\n", time(NULL) > 1577836800);
  int rc = clock_getres(CLOCK_MONOTONIC, &r);
  printf("clock_getres %d ok %d\n", rc, r.tv_sec == 0 && r.tv_nsec > 0);
  errno = 0;
  rc = clock_gettime(12345, &a);
  printf("bad clock %d %s\n", rc, strerror(errno));
  unsigned char rnd[64] = {0};
  printf("getrandom %zd\n", getrandom(rnd, sizeof rnd, 0));
  int nz = 0;
  for (int k = 0; k < 64; k++) nz += rnd[k] != 0;
  printf("random bytes mostly non-zero %d\n", nz > 40);
  struct rlimit rl;
  rc = getrlimit(RLIMIT_STACK, &rl);
  printf("getrlimit stack %d cur>0 %d\n", rc, rl.rlim_cur > 0);
  mode_t old = umask(027);
  printf("umask round trip %o\n", umask(old));
  char cwd[PATH_MAX], exe[PATH_MAX] = {0};
  printf("chdir / %d\n", chdir("/"));
  printf("getcwd %s\n", getcwd(cwd, sizeof cwd));
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  printf("/proc/self/exe is argv[0] %d\n", n > 0 && strcmp(exe, argv[0]) == 0);
  printf("isatty(0) %d\n", isatty(0));
  printf("sysconf pagesize %ld\n", sysconf(_SC_PAGESIZE));
  return 0;
}
