/* mmap-trunc: a file shrinks below its mappings. Touching a page past
 * the new end of the file raises SIGBUS (BUS_ADRERR, si_addr the byte
 * touched) for a MAP_SHARED mapping and for a MAP_PRIVATE one whose page
 * was never written; a system call reading or writing such a page fails
 * with EFAULT; pages still inside the file work. Last, with no handler,
 * the SIGBUS kills the process.
 * @status 135
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf jb;
static volatile int got_sig, got_code;
static char *volatile got_addr;

static void onbus(int sig, siginfo_t *si, void *uc) {
  (void)uc;
  got_sig = sig;
  got_code = si->si_code;
  got_addr = si->si_addr;
  siglongjmp(jb, 1);
}

/* Reads (write=0) or writes one byte at p; what happened. */
static void touch(const char *what, char *base, char *p, int write) {
  got_sig = 0;
  if (!sigsetjmp(jb, 0)) {
    if (write) *(volatile char *)p = 'x';
    else {
      char c = *(volatile char *)p;
      printf("%s: read %d\n", what, c);
      return;
    }
    printf("%s: written\n", what);
    return;
  }
  printf("%s: signal %d code %d at base%+ld\n", what, got_sig, got_code,
         (long)(got_addr - base));
}

static void sysres(const char *what, long r) {
  if (r < 0) printf("%s: -1 %s\n", what, strerror(errno));
  else printf("%s: %ld\n", what, r);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_sigaction = onbus;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGBUS, &sa, NULL);

  FILE *tf = tmpfile(), *tf2 = tmpfile();
  if (!tf || !tf2) return 1;
  int fd = fileno(tf), fd2 = fileno(tf2);
  static char page[4096];
  memset(page, 'A', sizeof(page));
  if (write(fd, page, 4096) != 4096) return 2;
  memset(page, 'B', sizeof(page));
  if (write(fd, page, 4096) != 4096) return 3;
  if (write(fd2, "0123456789abcdefghij", 20) != 20) return 4;

  char *sh = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  char *pr = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  if (sh == MAP_FAILED || pr == MAP_FAILED) return 5;
  touch("shared page 2 before", sh, sh + 4096, 0);
  if (ftruncate(fd, 4096)) return 6;

  touch("shared page 1", sh, sh + 10, 0);
  touch("shared page 1 write", sh, sh + 11, 1);
  touch("shared page 2", sh, sh + 4096 + 100, 0);
  touch("shared page 2 write", sh, sh + 4096 + 200, 1);
  touch("private page 1", pr, pr + 12, 0);
  touch("private page 2", pr, pr + 8191, 0);
  touch("private page 2 write", pr, pr + 4096, 1);

  int pfd[2];
  if (pipe(pfd)) return 7;
  sysres("write from shared page 2", write(pfd[1], sh + 4096, 10));
  sysres("write from shared page 1", write(pfd[1], sh + 4000, 10));
  sysres("pread into shared page 2", pread(fd2, sh + 8000, 10, 0));
  sysres("pread into shared page 1", pread(fd2, sh + 100, 10, 5));
  sysres("open path in shared page 2", open(sh + 4200, O_RDONLY));
  char buf[16] = {0};
  if (read(pfd[0], buf, 10) == 10) printf("pipe has: %.10s\n", buf);
  printf("shared page 1 now: %.20s\n", sh + 95);

  /* Growing the file again brings the page back (zeros). */
  if (ftruncate(fd, 8192)) return 8;
  touch("shared page 2 regrown", sh, sh + 4096 + 100, 0);
  if (ftruncate(fd, 4096)) return 9;

  signal(SIGBUS, SIG_DFL);
  printf("now without a handler\n");
  touch("shared page 2 unhandled", sh, sh + 4096, 0);
  printf("not reached\n");
  return 0;
}
