/* threads-jit: two threads each rewrite and call their own little
 * function, both functions on one executable page: every rewrite drops
 * the decoded code of the page the other thread is running from.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static unsigned char *page;
static long wrong[2], sums[2];

static void *jit(void *arg) {
  long id = (long)arg;
  unsigned char *f = page + 64 * id;
  long bad = 0, sum = 0;
  for (unsigned k = 0; k < 20000; k++) {
    unsigned v = k * 7 + (unsigned)id;
    /* mov eax, imm32; ret */
    f[0] = 0xb8;
    memcpy(f + 1, &v, 4);
    f[5] = 0xc3;
    __asm__ volatile("" ::: "memory");
    unsigned r = ((unsigned (*)(void))f)();
    if (r != v) bad++;
    sum += r & 0xff;
  }
  wrong[id] = bad;
  sums[id] = sum;
  return NULL;
}

int main(void) {
  page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
              MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (page == MAP_FAILED) return 1;
  pthread_t t[2];
  for (long i = 0; i < 2; i++) pthread_create(&t[i], NULL, jit, (void *)i);
  pthread_join(t[0], NULL);
  pthread_join(t[1], NULL);
  for (int i = 0; i < 2; i++)
    printf("thread %d: %ld wrong, sum %ld\n", i, wrong[i], sums[i]);
  return 0;
}
