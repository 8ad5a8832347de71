/* ansi.c: a guest that draws with escape sequences, for tui-ansi.sh.
 *
 * Clears the screen, draws a 12x4 box at row 3, column 5 (1-based CSI H
 * coordinates) with a red border on the default background and a blue
 * interior with yellow text "BOX", a line on the bottom row, then reads
 * one key with the terminal in non-canonical mode and prints
 * "got <key>". Exits 0 when a key came, 1 on end of input. */
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

int main(void) {
  struct winsize ws = {24, 80, 0, 0};
  ioctl(1, TIOCGWINSZ, &ws);
  printf("\033[2J\033[H");
  printf("\033[3;5H\033[31m+----------+");
  printf("\033[4;5H|\033[44;33m   BOX    \033[0;31m|");
  printf("\033[5;5H|\033[44m          \033[0;31m|");
  printf("\033[6;5H+----------+\033[0m");
  printf("\033[%d;1H\033[1;32mbottom row %dx%d\033[0m", ws.ws_row, ws.ws_row,
         ws.ws_col);
  printf("\033[8;1Hpress a key: ");
  fflush(stdout);
  struct termios t, saved;
  int tty = tcgetattr(0, &t) == 0;
  if (tty) {
    saved = t;
    t.c_lflag &= ~(ICANON | ECHO);
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    tcsetattr(0, TCSANOW, &t);
  }
  char c;
  ssize_t n = read(0, &c, 1);
  if (tty) tcsetattr(0, TCSANOW, &saved);
  if (n != 1) {
    printf("no key\n");
    return 1;
  }
  printf("got %c\n", c);
  return 0;
}
