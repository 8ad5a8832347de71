/* pipe: a pipe within one process (no fork): writes, reads, poll-free
 * non-blocking read on an empty pipe (EAGAIN), dup2 onto stdout, and
 * fcntl flags. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
  int p[2];
  if (pipe(p)) { perror("pipe"); return 1; }
  const char msg[] = "through the pipe";
  printf("write %zd\n", write(p[1], msg, sizeof msg));
  char in[64] = {0};
  printf("read %zd [%s]\n", read(p[0], in, sizeof in), in);
  int fl = fcntl(p[0], F_GETFL);
  printf("nonblock before %d\n", (fl & O_NONBLOCK) != 0);
  fcntl(p[0], F_SETFL, fl | O_NONBLOCK);
  errno = 0;
  ssize_t r = read(p[0], in, sizeof in);
  printf("empty read %zd eagain %d\n", r, errno == EAGAIN);
  printf("cloexec %d\n", fcntl(p[0], F_GETFD) & FD_CLOEXEC);
  fflush(stdout);
  int saved = dup(1);
  dup2(p[1], 1);
  printf("this goes into the pipe too\n");
  fflush(stdout);
  dup2(saved, 1);
  close(saved);
  memset(in, 0, sizeof in);
  printf("via stdout: %zd [%s]\n", read(p[0], in, sizeof in - 1), in);
  close(p[1]);
  fcntl(p[0], F_SETFL, fl);
  printf("eof read %zd\n", read(p[0], in, sizeof in));
  int q[2];
  printf("pipe2 %d\n", pipe2(q, O_CLOEXEC));
  printf("pipe2 cloexec %d\n", fcntl(q[1], F_GETFD) & FD_CLOEXEC);
  return 0;
}
