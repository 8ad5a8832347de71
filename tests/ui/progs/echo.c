/* echo.c: a guest echoing the lines it reads, for tui-input.sh.
 *
 * Prints 30 numbered filler lines (more than the terminal panel shows, for
 * its scrollback), then fgets from stdin in a loop (the pty in canonical
 * mode: the line discipline echoes and edits what is typed), printing
 * "echo N: [LINE]"; "quit" ends it with status 0, end of input with
 * status 3. With the argument "sleep" it only sleeps 30 seconds. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
  char line[256];
  int n = 0;
  if (argc > 1 && !strcmp(argv[1], "sleep")) {
    printf("sleeping 30 s\n");
    fflush(stdout);
    sleep(30);
    printf("slept\n");
    return 0;
  }
  for (int i = 1; i <= 30; ++i) printf("filler %d\n", i);
  printf("isatty0=%d; type lines, quit ends\n", isatty(0));
  fflush(stdout);
  while (fgets(line, sizeof(line), stdin)) {
    line[strcspn(line, "\n")] = 0;
    if (!strcmp(line, "quit")) {
      printf("bye after %d lines\n", n);
      return 0;
    }
    printf("echo %d: [%s]\n", ++n, line);
    fflush(stdout);
  }
  printf("end of input\n");
  return 3;
}
