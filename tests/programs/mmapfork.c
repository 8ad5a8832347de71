/* mmapfork: memory shared between a parent and its forked child:
 * MAP_SHARED|MAP_ANONYMOUS and a MAP_SHARED memfd mapping see the
 * child's stores after wait, while a MAP_PRIVATE mapping stays the
 * parent's own. The child's stores are also checked through the memfd.
 * blink maps MAP_SHARED as host shared memory and fork is a host fork.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  char *anon = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  char *priv = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  int fd = (int)syscall(SYS_memfd_create, "mmapfork", 0);
  if (anon == MAP_FAILED || priv == MAP_FAILED || fd < 0 || ftruncate(fd, 4096)) return 1;
  char *file = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (file == MAP_FAILED) return 1;
  strcpy(anon, "parent");
  strcpy(priv, "parent");
  strcpy(file, "parent");
  pid_t pid = fork();
  if (pid < 0) return 2;
  if (pid == 0) {
    strcpy(anon, "child wrote anon");
    strcpy(priv, "child wrote priv");
    strcpy(file, "child wrote file");
    _exit(0);
  }
  int st;
  if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st)) return 3;
  printf("anon [%s]\npriv [%s]\nfile [%s]\n", anon, priv, file);
  char buf[32] = {0};
  if (pread(fd, buf, 16, 0) != 16) return 4;
  printf("memfd [%s]\n", buf);
  return 0;
}
