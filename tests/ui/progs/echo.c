/* echo.c: a guest echoing the lines it reads, for tui-input.sh.
 *
 * fgets from stdin in a loop (the pty in canonical mode: the line
 * discipline echoes and edits what is typed), printing "echo: LINE" and
 * a count; "quit" ends it with status 0, end of input with status 3. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
  char line[256];
  int n = 0;
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
