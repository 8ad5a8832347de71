/* close-exec.c: execs itself, and the new program closes its stderr
 * before it exits (as coreutils programs do). cli/stats-exec checks that
 * -Z still prints its totals, on blink's own copy of stderr, and that
 * they span the exec (both programs' startup calls). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "again")) {
    close(2);
    puts("ok");
    return 0;
  }
  char *args[] = {argv[0], "again", NULL};
  execv("/proc/self/exe", args);
  return 1;
}
