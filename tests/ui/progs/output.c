/* output.c: for tests/ui/tui-output.sh. Says whether its stdout is a
 * terminal and how big, then writes far more than a pty buffers, which
 * blinkenlights must drain while the program runs (C) without blocking
 * the program or losing the end. */
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

int main(void) {
  for (int i = 1; i <= 3000; i++)
    printf("line %d of a stream long enough to fill a pty's buffer\n", i);
  /* Last, so that it is still in the panel at the end. */
  struct winsize w = {0};
  ioctl(1, TIOCGWINSZ, &w);
  printf("isatty=%d rows=%d cols=%d\n", isatty(1), w.ws_row, w.ws_col);
  fprintf(stderr, "and a last line on stderr\n");
  return 0;
}
