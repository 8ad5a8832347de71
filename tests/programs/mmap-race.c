/* mmap-race: one thread maps, protects and unmaps a window of pages in a
 * loop while three others read, write and execute code there. A worker
 * that touches the window while it is gone or read-only gets SIGSEGV,
 * which its handler counts and skips (siglongjmp); what it reads must be
 * what the file holds, and the code must return what the file's code
 * returns. The emulator must never die of it (a stale TLB entry of
 * another guest thread pointing at host memory that was unmapped). Output
 * is the same whatever the interleaving: only wrong values, never the
 * fault counts, are printed.
 */
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGES 4
#define WORD 0x5a5a1234cafe0001ull
#define ROUNDS 1500
#define WORKERS 3

static unsigned char *win;
static int fd, devnull;
static volatile int done, finished;
static __thread sigjmp_buf jb;
static __thread volatile int armed;
static long faults[WORKERS], bad[WORKERS], badcall[WORKERS], badio[WORKERS];
static long reads[WORKERS];

static void onsegv(int sig) {
  (void)sig;
  if (armed) siglongjmp(jb, 1);
  _exit(99);
}

static void *worker(void *arg) {
  long id = (long)arg;
  unsigned seed = (unsigned)id * 2654435761u + 1;
  while (!__atomic_load_n(&done, __ATOMIC_ACQUIRE)) {
    armed = 1;
    if (sigsetjmp(jb, 0)) {
      faults[id]++;
      continue;
    }
    seed = seed * 1103515245u + 12345u;
    unsigned k = (seed >> 8) % (3 * 4096 / 8);
    volatile uint64_t *w = (volatile uint64_t *)win + k;
    uint64_t v = *w;
    reads[id]++;
    if (v != WORD) bad[id]++;
    *w = v; /* a store of what is there: SIGSEGV while read-only */
    if ((seed >> 20) % 8 == 0) {
      int (*f)(void) = (int (*)(void))(win + 3 * 4096);
      if (f() != 42) badcall[id]++;
    }
    if ((seed >> 24) % 16 == 0) {
      /* A system call reading the window: all of it or EFAULT. */
      ssize_t r = write(devnull, win + ((seed >> 4) & 4095), 4096);
      if (r != 4096 && r != -1) badio[id]++;
    }
    armed = 0;
  }
  armed = 0;
  /* No thread exits while another may still be handling a fault: a libc
   * blocks all signals in an exiting thread, and with one signal mask
   * per process (blink before per-thread masks) that made a fault in
   * flight fatal. */
  __atomic_add_fetch(&finished, 1, __ATOMIC_SEQ_CST);
  while (__atomic_load_n(&finished, __ATOMIC_SEQ_CST) < WORKERS) {
  }
  return NULL;
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = onsegv;
  /* SIGSEGV stays unblocked in the handler, so that no mask needs
   * restoring when it jumps out (two threads may fault at once). */
  sa.sa_flags = SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGSEGV, &sa, NULL);
  devnull = open("/dev/null", O_WRONLY);
  /* The file: three pages of WORD, then code: mov eax, 42; ret. */
  FILE *tf = tmpfile();
  if (!tf || devnull < 0) return 1;
  fd = fileno(tf);
  static uint64_t buf[4096 / 8];
  for (int i = 0; i < 512; ++i) buf[i] = WORD;
  for (int p = 0; p < 3; ++p)
    if (write(fd, buf, 4096) != 4096) return 2;
  memset(buf, 0xcc, 4096);
  memcpy(buf, "\xb8\x2a\x00\x00\x00\xc3", 6);
  if (write(fd, buf, 4096) != 4096) return 3;
  /* A reserved range, so that nothing else lands on the window. */
  win = mmap(NULL, PAGES * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (win == MAP_FAILED) return 4;
  if (mmap(win, PAGES * 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
           MAP_PRIVATE | MAP_FIXED, fd, 0) != win)
    return 5;
  pthread_t t[WORKERS];
  for (long i = 0; i < WORKERS; i++) pthread_create(&t[i], NULL, worker, (void *)i);
  long maperr = 0;
  for (int r = 0; r < ROUNDS; ++r) {
    switch (r % 5) {
      case 0: /* gone, then back */
        if (munmap(win, PAGES * 4096)) maperr++;
        break;
      case 1: /* read-only data, code kept */
        if (mprotect(win, 3 * 4096, PROT_READ)) maperr++;
        break;
      case 2: /* the code page alone goes and comes back */
        if (munmap(win + 3 * 4096, 4096)) maperr++;
        if (mmap(win + 3 * 4096, 4096, PROT_READ | PROT_EXEC,
                 MAP_PRIVATE | MAP_FIXED, fd, 3 * 4096) != win + 3 * 4096)
          maperr++;
        break;
      case 3: /* nothing at all */
        if (mprotect(win, PAGES * 4096, PROT_NONE)) maperr++;
        break;
      default: /* replaced in place */
        break;
    }
    for (volatile int s = 0; s < 200; ++s) {
    }
    if (mmap(win, PAGES * 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
             MAP_PRIVATE | MAP_FIXED, fd, 0) != win)
      maperr++;
    for (volatile int s = 0; s < 200; ++s) {
    }
  }
  __atomic_store_n(&done, 1, __ATOMIC_RELEASE);
  long total = 0;
  for (int i = 0; i < WORKERS; i++) {
    pthread_join(t[i], NULL);
    printf("worker %d: %ld wrong values, %ld wrong calls, %ld bad writes\n", i,
           bad[i], badcall[i], badio[i]);
    total += reads[i];
  }
  printf("map errors %ld, reads %s\n", maperr, total > 0 ? "some" : "none");
  return 0;
}
