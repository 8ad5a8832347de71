/* membarrier: the query, PRIVATE_EXPEDITED before and after registering,
 * bad flags and an unknown command.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  long q = syscall(SYS_membarrier, 0, 0);
  printf("query %s\n", q >= 0 ? "ok" : "fails");
  if (q >= 0 && (q & 8)) {
    printf("private expedited unregistered: %s\n", syscall(SYS_membarrier, 8, 0) == -1 && errno == EPERM ? "EPERM" : "other");
    printf("register: %ld\n", syscall(SYS_membarrier, 16, 0));
    printf("private expedited: %ld\n", syscall(SYS_membarrier, 8, 0));
  }
  printf("bad flags: %s\n", syscall(SYS_membarrier, 0, 1) == -1 && errno == EINVAL ? "EINVAL" : "other");
  printf("bad cmd: %s\n", syscall(SYS_membarrier, 1 << 20, 0) == -1 && errno == EINVAL ? "EINVAL" : "other");
  return 0;
}
