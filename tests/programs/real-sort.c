/* real-sort: sorting and searching the ways real programs do: qsort
 * with several comparators (integers, doubles with NaN-free total order,
 * strings, structs by two keys), bsearch, a merge sort, a heap sort, an
 * LSD radix sort, sorting networks built from branch-free min/max (cmov
 * and minsd/maxsd at -O2, pminsd-style blends at -O3), quickselect, and
 * a binary search written with conditional moves. Each result is checked
 * against the others, and a hash of the sorted data is printed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 5000

static uint64_t rng = 0x2545f4914f6cdd1dull;
static uint64_t next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}
static uint64_t hash;
static void mix(uint64_t v) {
  hash ^= v;
  hash *= 0x100000001b3ull;
  hash ^= hash >> 29;
}
static int failures;
static void check(int ok, const char *what) {
  if (!ok) {
    failures++;
    printf("  FAILED: %s\n", what);
  }
}

static int cmp_i64(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}
static int cmp_u32_desc(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x < y) - (x > y);
}
static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}
static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}
typedef struct {
  int16_t key1;
  uint8_t key2;
  int32_t id;
} Rec;
static int cmp_rec(const void *a, const void *b) {
  const Rec *x = a, *y = b;
  if (x->key1 != y->key1) return x->key1 - y->key1;
  if (x->key2 != y->key2) return x->key2 - y->key2;
  return x->id - y->id;
}

static void merge_sort(int64_t *a, int64_t *tmp, size_t n) {
  if (n < 2) return;
  size_t h = n / 2;
  merge_sort(a, tmp, h);
  merge_sort(a + h, tmp, n - h);
  size_t i = 0, j = h, k = 0;
  while (i < h && j < n) tmp[k++] = a[j] < a[i] ? a[j++] : a[i++];
  while (i < h) tmp[k++] = a[i++];
  while (j < n) tmp[k++] = a[j++];
  memcpy(a, tmp, n * sizeof *a);
}
static void sift(int64_t *a, size_t i, size_t n) {
  for (;;) {
    size_t l = 2 * i + 1, m = i;
    if (l < n && a[l] > a[m]) m = l;
    if (l + 1 < n && a[l + 1] > a[m]) m = l + 1;
    if (m == i) return;
    int64_t t = a[i];
    a[i] = a[m];
    a[m] = t;
    i = m;
  }
}
static void heap_sort(int64_t *a, size_t n) {
  for (size_t i = n / 2; i-- > 0;) sift(a, i, n);
  for (size_t e = n; e-- > 1;) {
    int64_t t = a[0];
    a[0] = a[e];
    a[e] = t;
    sift(a, 0, e);
  }
}
static void radix_sort(int64_t *a, int64_t *tmp, size_t n) {
  for (int shift = 0; shift < 64; shift += 8) {
    size_t count[257] = {0};
    for (size_t i = 0; i < n; i++) {
      uint64_t k = (uint64_t)a[i] ^ 0x8000000000000000ull;
      count[((k >> shift) & 0xff) + 1]++;
    }
    for (int b = 0; b < 256; b++) count[b + 1] += count[b];
    for (size_t i = 0; i < n; i++) {
      uint64_t k = (uint64_t)a[i] ^ 0x8000000000000000ull;
      tmp[count[(k >> shift) & 0xff]++] = a[i];
    }
    memcpy(a, tmp, n * sizeof *a);
  }
}
/* Sorting network for 16 values: the same compare-exchange sequence
   for any input, in int32 and double. */
static const uint8_t net16[][2] = {
    {0, 13}, {1, 12}, {2, 15}, {3, 14}, {4, 8}, {5, 6}, {7, 11}, {9, 10}, {0, 5}, {1, 7},
    {2, 9}, {3, 4}, {6, 13}, {8, 14}, {10, 15}, {11, 12}, {0, 1}, {2, 3}, {4, 5}, {6, 8},
    {7, 9}, {10, 11}, {12, 13}, {14, 15}, {0, 2}, {1, 3}, {4, 10}, {5, 11}, {6, 7}, {8, 9},
    {12, 14}, {13, 15}, {1, 2}, {3, 12}, {4, 6}, {5, 7}, {8, 10}, {9, 11}, {13, 14}, {1, 4},
    {2, 6}, {5, 8}, {7, 10}, {9, 13}, {11, 14}, {2, 4}, {3, 6}, {9, 12}, {11, 13}, {3, 5},
    {6, 8}, {7, 9}, {10, 12}, {3, 4}, {5, 6}, {7, 8}, {9, 10}, {11, 12}, {6, 7}, {8, 9}};
static void network_i32(int32_t *v) {
  for (size_t k = 0; k < sizeof net16 / sizeof *net16; k++) {
    int32_t a = v[net16[k][0]], b = v[net16[k][1]];
    v[net16[k][0]] = a < b ? a : b;
    v[net16[k][1]] = a < b ? b : a;
  }
}
static void network_f64(double *v) {
  for (size_t k = 0; k < sizeof net16 / sizeof *net16; k++) {
    double a = v[net16[k][0]], b = v[net16[k][1]];
    v[net16[k][0]] = a < b ? a : b;
    v[net16[k][1]] = a < b ? b : a;
  }
}
static int64_t quickselect(int64_t *a, size_t n, size_t k) {
  size_t lo = 0, hi = n - 1;
  while (lo < hi) {
    int64_t pivot = a[(lo + hi) / 2];
    size_t i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        int64_t t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        if (j == 0) break;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}
/* Branch-free lower bound: the compiler turns the ?: into cmov. */
static size_t lower_bound(const int64_t *a, size_t n, int64_t key) {
  const int64_t *base = a;
  while (n > 1) {
    size_t half = n / 2;
    base = base[half - 1] < key ? base + half : base;
    n -= half;
  }
  return (size_t)(base - a) + (*base < key);
}

int main(void) {
  static int64_t a[N], b[N], c[N], d[N], e[N], tmp[N];
  hash = 0xcbf29ce484222325ull;
  for (int i = 0; i < N; i++) {
    uint64_t r = next();
    a[i] = i % 10 == 0 ? (int64_t)(r % 50) - 25 : (int64_t)r >> (r % 48);
    if (i % 333 == 0) a[i] = i % 2 ? INT64_MIN : INT64_MAX;
  }
  memcpy(b, a, sizeof a); memcpy(c, a, sizeof a); memcpy(d, a, sizeof a); memcpy(e, a, sizeof a);
  qsort(a, N, sizeof *a, cmp_i64);
  merge_sort(b, tmp, N);
  heap_sort(c, N);
  radix_sort(d, tmp, N);
  check(!memcmp(a, b, sizeof a), "merge sort == qsort");
  check(!memcmp(a, c, sizeof a), "heap sort == qsort");
  check(!memcmp(a, d, sizeof a), "radix sort == qsort");
  for (int i = 0; i < N; i++) mix((uint64_t)a[i]);
  printf("int64 min %lld median %lld max %lld\n", (long long)a[0], (long long)a[N / 2], (long long)a[N - 1]);
  for (size_t k = 0; k < N; k += 997) {
    int64_t q = quickselect(e, N, k);
    check(q == a[k], "quickselect");
    mix((uint64_t)q);
  }
  for (int i = 0; i < 600; i++) {
    int64_t key = i % 2 ? a[next() % N] : (int64_t)next();
    size_t lb = lower_bound(a, N, key);
    size_t ref = 0;
    while (ref < N && a[ref] < key) ref++;
    check(lb == ref, "lower_bound");
    int64_t *found = bsearch(&key, a, N, sizeof *a, cmp_i64);
    check((found != NULL) == (ref < N && a[ref] == key), "bsearch");
    mix(lb);
  }
  printf("int64s    %016llx\n", (unsigned long long)hash);

  static uint32_t u[N];
  for (int i = 0; i < N; i++) u[i] = (uint32_t)next();
  qsort(u, N, sizeof *u, cmp_u32_desc);
  int sorted = 1;
  for (int i = 1; i < N; i++) { sorted &= u[i - 1] >= u[i]; mix(u[i]); }
  check(sorted, "u32 descending");
  printf("uint32s   %016llx\n", (unsigned long long)hash);

  static double f[N];
  for (int i = 0; i < N; i++) {
    f[i] = ((double)(int64_t)next() / 9.2e18) * (i % 5 ? 1 : 1e-300);
    if (i % 777 == 0) f[i] = -0.0;
  }
  qsort(f, N, sizeof *f, cmp_double);
  for (int i = 0; i < N; i++) { uint64_t bits; memcpy(&bits, &f[i], 8); mix(bits); }
  printf("doubles   %016llx %.17g %.17g\n", (unsigned long long)hash, f[0], f[N - 1]);

  static char words[N][12];
  static char *ptrs[N];
  for (int i = 0; i < N; i++) {
    int len = 1 + (int)(next() % 10);
    for (int k = 0; k < len; k++) words[i][k] = (char)('a' + next() % (k ? 26 : 4));
    words[i][len] = 0;
    ptrs[i] = words[i];
  }
  qsort(ptrs, N, sizeof *ptrs, cmp_str);
  for (int i = 1; i < N; i++) check(strcmp(ptrs[i - 1], ptrs[i]) <= 0, "strings sorted");
  for (int i = 0; i < N; i += 50) for (const char *p = ptrs[i]; *p; p++) mix((uint64_t)*p);
  printf("strings   %016llx %s .. %s\n", (unsigned long long)hash, ptrs[0], ptrs[N - 1]);

  static Rec recs[N];
  for (int i = 0; i < N; i++) {
    recs[i].key1 = (int16_t)(next() % 64 - 32);
    recs[i].key2 = (uint8_t)next();
    recs[i].id = i;
  }
  qsort(recs, N, sizeof *recs, cmp_rec);
  for (int i = 0; i < N; i++) mix((uint64_t)recs[i].id);
  printf("records   %016llx first id %d last id %d\n", (unsigned long long)hash, recs[0].id, recs[N - 1].id);

  for (int t = 0; t < 300; t++) {
    int32_t v[16], w[16];
    double x[16], y[16];
    for (int i = 0; i < 16; i++) {
      v[i] = w[i] = (int32_t)next();
      x[i] = y[i] = (double)(int32_t)next() / 7;
    }
    network_i32(v);
    network_f64(x);
    qsort(w, 16, sizeof *w, cmp_u32_desc);
    qsort(y, 16, sizeof *y, cmp_double);
    int ok = 1;
    for (int i = 1; i < 16; i++) ok &= v[i - 1] <= v[i];
    check(ok, "int network sorted");
    check(!memcmp(x, y, sizeof x), "double network == qsort");
    for (int i = 0; i < 16; i++) { mix((uint64_t)v[i]); mix((uint64_t)(int64_t)x[i]); }
  }
  printf("networks  %016llx\n", (unsigned long long)hash);
  printf("%d failures\n", failures);
  return 0;
}
