/* exec-threads: a program that execs itself, then runs threads that map
 * and unmap memory (each change makes the other threads' TLBs stale)
 * and ends with exit while threads are still blocked. Blink's execve
 * left its address space listing the temporary machine the new program
 * was loaded in (freed right after) instead of the running one: every
 * mapping change and the exit wrote into freed memory (xz -T2 after
 * sh's exec, seen by ASan; a crash or hang waiting to happen).
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int fds[2];

static void *mapper(void *arg) {
  long id = (long)arg, sum = 0;
  int i;
  for (i = 0; i < 300; i++) {
    size_t len = 4096 * (1 + (i + id) % 7);
    unsigned char *p = mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return (void *)-1;
    memset(p, (int)(i & 255), len);
    sum += p[len - 1] + p[0];
    munmap(p, len);
  }
  return (void *)sum;
}

static void *blocker(void *arg) {
  char c;
  (void)arg;
  read(fds[0], &c, 1); /* never returns: exit ends it */
  return 0;
}

int main(int argc, char **argv) {
  pthread_t t[4], b;
  void *r;
  long i, total = 0;
  if (argc < 2) {
    char *args[] = {argv[0], "again", 0};
    printf("before exec\n");
    fflush(stdout);
    execv(argv[0], args);
    perror("execv");
    return 1;
  }
  printf("after exec: %s\n", argv[1]);
  for (i = 0; i < 4; i++) pthread_create(&t[i], 0, mapper, (void *)i);
  for (i = 0; i < 4; i++) {
    pthread_join(t[i], &r);
    total += (long)r;
  }
  printf("mapper total %ld\n", total);
  pipe(fds);
  pthread_create(&b, 0, blocker, 0);
  usleep(10000);
  printf("exit with a thread blocked\n");
  fflush(stdout);
  return 0;
}
