/* fork-shm: memory after fork: MAP_SHARED|MAP_ANONYMOUS pages are shared
 * between parent and child (a counter both update, a message the child
 * leaves), private memory is copied (the child's writes to the stack,
 * the heap, globals and a MAP_PRIVATE mapping stay the child's), and a
 * chain of forks, each waiting for its child, passes a value down and a
 * status back up. vfork's parent resumes only after the child exited and sees its stores.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int global = 1;

static int chain(int depth) {
  if (depth == 0) return 1;
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) _exit(chain(depth - 1) + 1);
  int st = 0;
  waitpid(p, &st, 0);
  return WIFEXITED(st) ? WEXITSTATUS(st) : 100;
}

int main(void) {
  volatile int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                              MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  char *priv = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  char *heap = malloc(64);
  if (shared == MAP_FAILED || priv == MAP_FAILED || !heap) {
    printf("setup failed\n");
    return 1;
  }
  strcpy(priv, "parent's private page");
  strcpy(heap, "parent's heap");
  int local = 10;
  shared[0] = 100;
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) {
    shared[0] += 5;
    strcpy((char *)&shared[16], "left by the child");
    strcpy(priv, "child's write");
    strcpy(heap, "child's heap");
    global = 2;
    local = 20;
    _exit(local + global);
  }
  int st = 0;
  waitpid(p, &st, 0);
  printf("child status %d\n", WEXITSTATUS(st));
  printf("shared counter %d, message [%s]\n", shared[0], (char *)&shared[16]);
  printf("private [%s] heap [%s] global %d local %d\n", priv, heap, global,
         local);

  /* Two children add to the shared counter in turn. */
  for (int k = 0; k < 2; ++k) {
    fflush(stdout);
    if (fork() == 0) {
      for (int i = 0; i < 1000; ++i) shared[0]++;
      _exit(0);
    }
    wait(NULL);
  }
  printf("after two children %d\n", shared[0]);

  printf("chain of 5 forks returns %d\n", chain(5));

  /* vfork: the parent goes on only once the child has exited, and sees
   * what the child stored (the memory is shared on Linux). */
  shared[1] = 0;
  global = 1;
  fflush(stdout);
  p = vfork();
  if (p == 0) {
    struct timespec ts = {0, 100000000};
    nanosleep(&ts, NULL);
    shared[1] = 1;
    global = 77;
    _exit(0);
  }
  printf("vfork: child done before the parent resumed %d\n", shared[1]);
  printf("vfork: the child's store to a global seen %d\n", global == 77);
  waitpid(p, &st, 0);
  return 0;
}
