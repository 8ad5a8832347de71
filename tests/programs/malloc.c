/* malloc: allocation of many sizes, including big blocks that glibc and
 * musl serve with mmap, realloc growth and shrinkage (mremap for big
 * blocks), calloc zeroing, and heap reuse after free. Contents are
 * checked, never addresses. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t seed = 777;
static uint32_t rnd(void) {
  seed = seed * 1664525u + 1013904223u;
  return seed >> 4;
}

/* Past the first 4 KiB only 8 bytes of every KiB are filled and checked:
 * enough to catch lost or misplaced pages, and cheap. The pattern
 * depends on the offset only, so a realloc'd prefix still matches. */
static size_t next(size_t k) {
  return k < 4096 || k % 1024 < 7 ? k + 1 : (k | 1023) + 1;
}
static void fill(unsigned char *p, size_t n, unsigned tag) {
  for (size_t k = 0; k < n; k = next(k)) p[k] = (unsigned char)(tag + k * 7);
}
static int check(const unsigned char *p, size_t n, unsigned tag) {
  for (size_t k = 0; k < n; k = next(k))
    if (p[k] != (unsigned char)(tag + k * 7)) return 0;
  return 1;
}

#define SLOTS 512
static unsigned char *slot[SLOTS];
static size_t size[SLOTS];

int main(void) {
  int bad = 0;
  /* Every small size once. */
  for (size_t n = 0; n < 2048; n++) {
    unsigned char *p = malloc(n);
    if (!p && n) { printf("malloc(%zu) failed\n", n); return 1; }
    fill(p, n, n);
    bad += !check(p, n, n);
    free(p);
  }
  /* Big blocks: 128 KiB and up go through mmap. */
  size_t bigs[] = {100000, 131072, 200000, 1 << 20, 5 << 20, 33 << 20};
  for (int k = 0; k < 6; k++) {
    unsigned char *p = malloc(bigs[k]);
    if (!p) { printf("big malloc failed\n"); return 1; }
    p[0] = 1;
    p[bigs[k] - 1] = 2;
    memset(p + bigs[k] / 2, 0x5a, 4096);
    bad += p[0] != 1 || p[bigs[k] - 1] != 2 || p[bigs[k] / 2 + 4095] != 0x5a;
    free(p);
  }
  /* Random churn with realloc. */
  for (int round = 0; round < 6000; round++) {
    int s = rnd() % SLOTS;
    size_t n = (rnd() % 16 == 0) ? rnd() % 300000 : rnd() % 600;
    if (slot[s]) bad += !check(slot[s], size[s], s);
    switch (rnd() % 3) {
      case 0:
        free(slot[s]);
        slot[s] = malloc(n);
        size[s] = n;
        fill(slot[s], n, s);
        break;
      case 1: {
        unsigned char *q = realloc(slot[s], n ? n : 1);
        if (!q) { printf("realloc failed\n"); return 1; }
        size_t keep = size[s] < n ? size[s] : n;
        bad += !check(q, keep, s);
        slot[s] = q;
        size[s] = n;
        fill(q, n, s);
        break;
      }
      default: {
        free(slot[s]);
        unsigned char *q = calloc(n + 1, 1);
        for (size_t k = 0; k <= n; k = next(k)) bad += q[k] != 0;
        slot[s] = q;
        size[s] = n;
        fill(q, n, s);
      }
    }
  }
  for (int s = 0; s < SLOTS; s++) {
    if (slot[s]) bad += !check(slot[s], size[s], s);
    free(slot[s]);
  }
  /* A realloc chain growing one block from 1 byte to 16 MiB. */
  unsigned char *g = NULL;
  size_t gn = 0;
  for (size_t n = 1; n <= (16 << 20); n *= 2) {
    g = realloc(g, n);
    if (!g) { printf("grow failed\n"); return 1; }
    for (size_t k = (gn + 60) / 61 * 61; k < n; k += 61)
      g[k] = (unsigned char)(k ^ (k >> 9));
    gn = n;
  }
  for (size_t k = 0; k < gn; k += 61 * 67)
    bad += g[k] != (unsigned char)(k ^ (k >> 9));
  g = realloc(g, 100);
  bad += g[61] != (unsigned char)(61 ^ 0);
  free(g);
  printf("malloc test: %d errors\n", bad);
  return bad != 0;
}
