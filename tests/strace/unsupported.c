/* unsupported.c: a request, an option, a command and an advice that no
 * kernel knows, each used three times, from three threads: every call
 * must fail as on Linux (the output names the errors), and blink must
 * log one line for each (call, value) however many threads use it
 * (cli/unsupported-once counts them). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

static int fd;
static void *page;
static char out[3][200];

static const char *err(long rc) {
  if (rc != -1) return "ok";
  switch (errno) {
    case EINVAL: return "EINVAL";
    case ENOTTY: return "ENOTTY";
    case ENOSYS: return "ENOSYS";
    default: return strerror(errno);
  }
}

static void calls(char *buf) {
  const char *a = err(ioctl(fd, 0x54ff));
  const char *b = err(prctl(0x7ead, 0, 0, 0, 0));
  const char *c = err(fcntl(fd, 0x7eed));
  const char *d = err(madvise(page, 4096, 99));
  snprintf(buf, 200, "ioctl %s, prctl %s, fcntl %s, madvise %s", a, b, c, d);
}

static void *thread(void *arg) {
  calls(arg);
  return NULL;
}

int main(void) {
  fd = open("/dev/null", O_RDONLY);
  page = mmap(0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  calls(out[0]);
  for (int k = 1; k < 3; ++k) {
    pthread_t t;
    pthread_create(&t, NULL, thread, out[k]);
    pthread_join(t, NULL);
  }
  for (int k = 0; k < 3; ++k) puts(out[k]);
  return 0;
}
