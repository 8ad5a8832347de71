/* pty: a terminal through a pseudo-terminal pair, the way an editor uses
 * its terminal: posix_openpt/grantpt/unlockpt/ptsname (TIOCGPTN,
 * TIOCSPTLCK), isatty, tcgetattr/tcsetattr (TCGETS/TCSETS*), cfmakeraw
 * and the raw-mode flags read back, canonical versus raw input, echo,
 * TIOCSWINSZ/TIOCGWINSZ, FIONREAD, TIOCOUTQ, FIONBIO, tcflush (TCFLSH),
 * tcdrain (TCSBRK), TIOCGPTLCK, TIOCPKT/TIOCGPKT, TIOCGEXCL, TIOCSTI and
 * TIOCGPGRP without a controlling terminal, and an unknown ioctl
 * (ENOTTY). Prints results only, never the pty's number. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

static void show(const char *what, long r) {
  printf("%-30s %ld%s%s\n", what, r, r < 0 ? " " : "", r < 0 ? strerror(errno) : "");
}

/* What is readable on fd within 200 ms, with control bytes escaped. */
static void drain(const char *what, int fd) {
  char buf[128];
  long n = 0;
  struct pollfd p = {fd, POLLIN, 0};
  while (n < (long)sizeof(buf) && poll(&p, 1, 200) > 0) {
    long r = read(fd, buf + n, sizeof(buf) - (size_t)n);
    if (r <= 0) break;
    n += r;
  }
  printf("%s: %ld [", what, n);
  for (long k = 0; k < n; ++k) {
    unsigned char c = (unsigned char)buf[k];
    if (c < 32 || c > 126) printf("\\x%02x", c);
    else putchar(c);
  }
  printf("]\n");
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  int mfd = posix_openpt(O_RDWR | O_NOCTTY);
  if (mfd < 0) {
    /* No pty device here: nothing to compare (both sides agree). */
    printf("no pty: %s\n", strerror(errno));
    return 0;
  }
  show("grantpt", grantpt(mfd));
  show("unlockpt", unlockpt(mfd));
  char *name = ptsname(mfd);
  show("ptsname under /dev/pts", name && !strncmp(name, "/dev/pts/", 9));
  int sfd = open(name, O_RDWR | O_NOCTTY);
  show("open slave", sfd >= 0);
  show("isatty slave", isatty(sfd));
  show("isatty pipe", isatty(-1));

  struct termios t;
  show("tcgetattr", tcgetattr(sfd, &t));
  printf("cooked: icanon %d echo %d isig %d opost %d\n", !!(t.c_lflag & ICANON),
         !!(t.c_lflag & ECHO), !!(t.c_lflag & ISIG), !!(t.c_oflag & OPOST));
  /* Canonical: nothing readable until the newline. */
  t.c_lflag &= ~(tcflag_t)ECHO;
  show("tcsetattr no echo", tcsetattr(sfd, TCSANOW, &t));
  write(mfd, "ab", 2);
  int n = -1;
  usleep(50000);
  show("FIONREAD before newline", ioctl(sfd, FIONREAD, &n));
  printf("readable %d\n", n);
  write(mfd, "c\n", 2);
  drain("canonical line", sfd);

  struct termios raw = t;
  cfmakeraw(&raw);
  raw.c_cc[VMIN] = 1;
  raw.c_cc[VTIME] = 0;
  show("tcsetattr raw (TCSAFLUSH)", tcsetattr(sfd, TCSAFLUSH, &raw));
  struct termios back;
  tcgetattr(sfd, &back);
  printf("raw: icanon %d echo %d isig %d opost %d icrnl %d cs8 %d vmin %d\n",
         !!(back.c_lflag & ICANON), !!(back.c_lflag & ECHO), !!(back.c_lflag & ISIG),
         !!(back.c_oflag & OPOST), !!(back.c_iflag & ICRNL),
         (back.c_cflag & CSIZE) == CS8, back.c_cc[VMIN]);
  write(mfd, "x\r\x03", 3);
  drain("raw bytes (no newline, ^C kept)", sfd);
  write(sfd, "out\n", 4);
  drain("raw output (no CR added)", mfd);
  show("tcsetattr cooked (TCSADRAIN)", tcsetattr(sfd, TCSADRAIN, &t));
  write(sfd, "out\n", 4);
  drain("cooked output (CRLF)", mfd);
  t.c_lflag |= ECHO;
  tcsetattr(sfd, TCSANOW, &t);
  write(mfd, "hi\n", 3);
  drain("echo to master", mfd);
  drain("line to slave", sfd);

  struct winsize ws = {.ws_row = 33, .ws_col = 101, .ws_xpixel = 7, .ws_ypixel = 9};
  show("TIOCSWINSZ", ioctl(mfd, TIOCSWINSZ, &ws));
  memset(&ws, 0, sizeof(ws));
  show("TIOCGWINSZ slave", ioctl(sfd, TIOCGWINSZ, &ws));
  printf("winsize %d x %d (%d, %d)\n", ws.ws_row, ws.ws_col, ws.ws_xpixel, ws.ws_ypixel);
  n = -1;
  show("TIOCOUTQ", ioctl(sfd, TIOCOUTQ, &n));
  printf("outq %d\n", n);
  show("tcdrain", tcdrain(sfd));
  write(mfd, "zz\n", 3);
  usleep(50000);
  show("tcflush TCIFLUSH", tcflush(sfd, TCIFLUSH));
  n = -1;
  ioctl(sfd, FIONREAD, &n);
  printf("after flush %d\n", n);
  int on = 1;
  show("FIONBIO on", ioctl(sfd, FIONBIO, &on));
  show("O_NONBLOCK set", !!(fcntl(sfd, F_GETFL) & O_NONBLOCK));
  char c;
  show("read empty nonblocking", read(sfd, &c, 1));
  on = 0;
  show("FIONBIO off", ioctl(sfd, FIONBIO, &on));
  show("O_NONBLOCK clear", !!(fcntl(sfd, F_GETFL) & O_NONBLOCK));
  int v = -1;
  show("TIOCGPTLCK (unlocked)", ioctl(mfd, TIOCGPTLCK, &v));
  printf("ptlck %d\n", v);
  on = 1;
  show("TIOCPKT on", ioctl(mfd, TIOCPKT, &on));
  v = -1;
  show("TIOCGPKT", ioctl(mfd, TIOCGPKT, &v));
  printf("pkt %d\n", v);
  on = 0;
  ioctl(mfd, TIOCPKT, &on);
  v = -1;
  show("TIOCGEXCL", ioctl(sfd, TIOCGEXCL, &v));
  printf("excl %d\n", v);
  show("TIOCSTI (no ctty)", ioctl(sfd, TIOCSTI, "q"));
  pid_t pg;
  show("TIOCGPGRP not ctty", ioctl(sfd, TIOCGPGRP, &pg));
  show("tcgetattr on a file", tcgetattr(open("/", O_RDONLY), &t));
  show("unknown ioctl", ioctl(sfd, 0x5499, 0));
  show("FIOCLEX", ioctl(sfd, FIOCLEX));
  show("cloexec", fcntl(sfd, F_GETFD) & FD_CLOEXEC);
  close(sfd);
  close(mfd);
  return 0;
}
