/* threads-io: four threads write and read back their own files at the
 * same time, with buffers large enough that the emulator moves the bytes
 * through a bounce buffer: no thread may see another's bytes.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NT 4
#define LEN (256 * 1024)

static long bad[NT];

static void *io(void *arg) {
  long id = (long)arg;
  FILE *f = tmpfile();
  if (!f) {
    bad[id] = -1;
    return NULL;
  }
  int fd = fileno(f);
  unsigned char *w = malloc(LEN), *r = malloc(LEN);
  for (int round = 0; round < 40; round++) {
    memset(w, (int)(id * 50 + round), LEN);
    if (pwrite(fd, w, LEN, 0) != LEN) bad[id]++;
    if (pread(fd, r, LEN, 0) != LEN) bad[id]++;
    if (memcmp(w, r, LEN)) bad[id]++;
  }
  free(w);
  free(r);
  fclose(f);
  return NULL;
}

int main(void) {
  pthread_t t[NT];
  for (long i = 0; i < NT; i++) pthread_create(&t[i], NULL, io, (void *)i);
  for (int i = 0; i < NT; i++) pthread_join(t[i], NULL);
  for (int i = 0; i < NT; i++) printf("thread %d: %ld bad rounds\n", i, bad[i]);
  return 0;
}
