/* sigint.c: a program with its own SIGINT handler, for tui-sigint.sh:
 * it says "ready", then sleeps up to 30 s in small steps; its handler
 * says so and exits 7. Natively a ctrl-C runs the handler; under
 * blinkenlights -t, ctrl-C belongs to the debugger (as in gdb), which
 * opens the UI instead. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void on_int(int sig) {
  (void)sig;
  static const char msg[] = "the guest's SIGINT handler ran\n";
  write(1, msg, sizeof(msg) - 1);
  _exit(7);
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = on_int;
  sigaction(SIGINT, &sa, NULL);
  printf("ready\n");
  fflush(stdout);
  for (int i = 0; i < 300; ++i) {
    struct timespec ts = {0, 100000000};
    nanosleep(&ts, NULL);
  }
  printf("no signal came\n");
  return 0;
}
