/* tls: thread-local variables (addressed through %fs, set up by libc with
 * arch_prctl(ARCH_SET_FS)), errno, which is thread-local too, and the
 * stack protector canary, which lives at %fs:0x28. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

static __thread int counter = 5;
static __thread char name[16] = "tls-initial";
static __thread long zeroed[100];

__attribute__((noinline)) static int bump(int k) {
  counter += k;
  zeroed[k % 100] += k;
  return counter;
}

__attribute__((noinline, optimize("stack-protector-all"))) static int
guarded(const char *s) {
  char local[64];
  int n = 0;
  while (s[n] && n < 63) local[n] = s[n], n++;
  local[n] = 0;
  return n + local[0];
}

int main(void) {
  printf("initial %d %s %ld\n", counter, name, zeroed[7]);
  int last = 0;
  for (int k = 0; k < 1000; k++) last = bump(k);
  long s = 0;
  for (int k = 0; k < 100; k++) s += zeroed[k];
  printf("after %d sum %ld\n", last, s);
  name[0] = 'T';
  printf("name %s\n", name);
  errno = 0;
  close(-1);
  printf("errno after close(-1): %d (EBADF=%d)\n", errno, EBADF);
  printf("guarded %d\n", guarded("stack protector"));
  return 0;
}
