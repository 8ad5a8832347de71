/* execer.c: prints a line, then execv's its arguments (batch-signals.sh
 * runs segv through it: the debugger must then name segv's functions and
 * lines, not this program's, which sit at the same addresses). */
#include <stdio.h>
#include <unistd.h>

__attribute__((noinline)) int execer_only(int x) { return x * 3 + 1; }

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  printf("execer %d\n", execer_only(argc));
  fflush(stdout);
  execv(argv[1], argv + 1);
  perror("execv");
  return 1;
}
