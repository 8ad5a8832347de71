/* qsort: sorting ints, doubles and strings, then binary search.
 * Deterministic pseudo-random input from a fixed LCG seed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t seed = 12345;
static uint32_t rnd(void) {
  seed = seed * 1103515245u + 12345u;
  return seed >> 8;
}

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}
static int cmp_dbl(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}
static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

#define N 20000
static int ints[N];
static double dbls[N];
static char words[2000][16];
static char *ptrs[2000];

int main(void) {
  for (int k = 0; k < N; k++) ints[k] = (int)(rnd() % 100000) - 50000;
  qsort(ints, N, sizeof(int), cmp_int);
  unsigned long h = 0;
  for (int k = 0; k < N; k++) {
    if (k && ints[k - 1] > ints[k]) printf("ints out of order at %d\n", k);
    h = h * 31 + (unsigned)ints[k];
  }
  printf("ints: min %d max %d median %d hash %lx\n", ints[0], ints[N - 1],
         ints[N / 2], h);
  int found = 0;
  for (int k = -50000; k < 50000; k += 37)
    found += bsearch(&k, ints, N, sizeof(int), cmp_int) != NULL;
  printf("bsearch found %d\n", found);

  for (int k = 0; k < N; k++) dbls[k] = (double)rnd() / 3.0 - 1e6;
  qsort(dbls, N, sizeof(double), cmp_dbl);
  printf("dbls: %.6f %.6f %.6f\n", dbls[0], dbls[N / 2], dbls[N - 1]);

  for (int k = 0; k < 2000; k++) {
    int len = 1 + rnd() % 14;
    for (int j = 0; j < len; j++) words[k][j] = 'a' + rnd() % 26;
    words[k][len] = 0;
    ptrs[k] = words[k];
  }
  qsort(ptrs, 2000, sizeof(char *), cmp_str);
  for (int k = 0; k < 2000; k += 97) printf("%s\n", ptrs[k]);
  for (int k = 1; k < 2000; k++)
    if (strcmp(ptrs[k - 1], ptrs[k]) > 0) printf("strings out of order\n");
  return 0;
}
