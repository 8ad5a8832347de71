#define _GNU_SOURCE
/* string: libc string and memory functions on many lengths and
 * alignments, checked against simple byte loops. glibc picks SSE2/AVX2
 * versions at start-up from CPUID, and they read past the terminator in
 * aligned 16-byte blocks, so this exercises the vector paths and the
 * page-boundary logic. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static size_t ref_strlen(const char *s) {
  size_t n = 0;
  while (s[n]) n++;
  return n;
}
static int sgn(int x) { return (x > 0) - (x < 0); }
static int ref_memcmp(const unsigned char *a, const unsigned char *b,
                      size_t n) {
  for (size_t k = 0; k < n; k++)
    if (a[k] != b[k]) return a[k] < b[k] ? -1 : 1;
  return 0;
}

static unsigned char A[4096 + 256], B[4096 + 256], C[4096 + 256];
static int errors;
#define EXPECT(c)                                                  \
  do {                                                             \
    if (!(c)) {                                                    \
      if (errors++ < 20) printf("line %d: %s\n", __LINE__, #c);    \
    }                                                              \
  } while (0)

int main(void) {
  static const int lens[] = {0,  1,  2,  3,  7,  8,  15, 16,  17,  31, 32,
                             33, 47, 63, 64, 65, 100, 127, 128, 129, 255,
                             256, 257, 511, 1000, 1024, 2049, 4000};
  int nl = sizeof(lens) / sizeof(lens[0]);
  unsigned long total = 0;
  for (int li = 0; li < nl; li++) {
    size_t n = lens[li];
    for (int al = 0; al < 33; al++) {
      char *s = (char *)A + al;
      for (size_t k = 0; k < n; k++) s[k] = 'a' + (k * 7 + al) % 26;
      s[n] = 0;
      s[n + 1] = 'z';
      EXPECT(strlen(s) == n);
      EXPECT(strnlen(s, n / 2) == n / 2);
      char *d = (char *)B + (al * 5) % 17;
      EXPECT(strcpy(d, s) == d);
      EXPECT(strcmp(d, s) == 0 && ref_strlen(d) == n);
      if (n) {
        d[n - 1] = 'A';
        EXPECT(strcmp(d, s) < 0 && strcmp(s, d) > 0);
        EXPECT(strncmp(d, s, n - 1) == 0);
        d[n - 1] = s[n - 1];
      }
      EXPECT(strchr(s, 0) == s + n);
      EXPECT(strchr(s, '#') == NULL);
      EXPECT(strrchr(s, '#') == NULL);
      if (n > 3) {
        s[n / 2] = '#';
        s[n / 3] = '#';
        EXPECT(strchr(s, '#') == s + n / 3);
        EXPECT(strrchr(s, '#') == s + n / 2);
        EXPECT(memchr(s, '#', n) == s + n / 3);
        EXPECT(memrchr(s, '#', n) == s + n / 2);
        EXPECT(strstr(s, "#") == s + n / 3);
        EXPECT(strspn(s, "abcdefghijklmnopqrstuvwxyz") == n / 3);
        EXPECT(strcspn(s, "#") == n / 3);
        s[n / 2] = s[n / 3] = 'a';
      }
      EXPECT(memchr(s, '#', n) == NULL);
      /* memcpy/memmove/memset/memcmp with distinct source and target
       * alignments. */
      unsigned char *src = A + al, *dst = C + (al * 3) % 32;
      for (size_t k = 0; k < n; k++) src[k] = (unsigned char)(k * 13 + al);
      memset(C, 0xee, sizeof(C));
      EXPECT(memcpy(dst, src, n) == dst);
      EXPECT(ref_memcmp(dst, src, n) == 0);
      EXPECT(memcmp(dst, src, n) == 0);
      EXPECT(dst[n] == 0xee && (dst == C || dst[-1] == 0xee));
      if (n) {
        dst[n - 1] ^= 0x80;
        EXPECT(sgn(memcmp(dst, src, n)) == ref_memcmp(dst, src, n));
        EXPECT(sgn(memcmp(src, dst, n)) == ref_memcmp(src, dst, n));
        dst[n - 1] ^= 0x80;
        dst[0] += 1;
        EXPECT(sgn(memcmp(dst, src, n)) == ref_memcmp(dst, src, n));
      }
      memset(dst, al, n);
      for (size_t k = 0; k < n; k++) total += dst[k] == (unsigned char)al;
      EXPECT(dst[n] == 0xee);
      /* Overlapping moves both ways. */
      for (size_t k = 0; k < n + 40; k++) B[k] = (unsigned char)k;
      memmove(B + al % 9 + 1, B, n);
      for (size_t k = 0; k < n; k++)
        if (B[al % 9 + 1 + k] != (unsigned char)k) { EXPECT(0); break; }
      for (size_t k = 0; k < n + 40; k++) B[k] = (unsigned char)k;
      memmove(B, B + al % 9 + 1, n);
      for (size_t k = 0; k < n; k++)
        if (B[k] != (unsigned char)(k + al % 9 + 1)) { EXPECT(0); break; }
    }
  }
  /* Strings that end right before an unmapped page: vector code must
   * not fault even though it reads whole aligned blocks. */
  unsigned char *pg = mmap(0, 8192, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (pg == MAP_FAILED) return 2;
  munmap(pg + 4096, 4096);
  for (int n = 0; n < 70; n++) {
    char *s = (char *)pg + 4096 - n - 1;
    memset(s, 'q', n);
    s[n] = 0;
    EXPECT(strlen(s) == (size_t)n);
    EXPECT(strchr(s, 'x') == NULL);
    EXPECT(strrchr(s, 'q') == (n ? s + n - 1 : NULL));
    EXPECT(memchr(s, 0, n + 1) == s + n);
    char tmp[80];
    strcpy(tmp, s);
    EXPECT(strcmp(tmp, s) == 0);
  }
  /* strstr with longer needles (two-way algorithm). */
  const char *hay = "the quick brown fox jumps over the lazy dog; "
                    "abababababababababc ababc abcabcabd";
  const char *needles[] = {"fox", "dog;", "ababc", "abcabd", "lazy dogs",
                           "abababababababababc", "", "q"};
  for (int k = 0; k < 8; k++) {
    const char *p = strstr(hay, needles[k]);
    printf("strstr(%s) = %ld\n", needles[k], p ? (long)(p - hay) : -1L);
  }
  char buf[64];
  strcpy(buf, "hello");
  strcat(buf, ", world");
  strncat(buf, "!?!?!", sizeof(buf) - strlen(buf) - 1 > 2 ? 2 : 0);
  printf("%s %zu\n", buf, strlen(buf));
  printf("dup %s\n", strdup(buf) + 7);
  printf("casecmp %d %d\n", strcasecmp("HeLLo", "hello"),
         sgn(strncasecmp("abcD", "ABCE", 4)));
  char tok[] = "a,b,,c;d";
  for (char *save, *t = strtok_r(tok, ",;", &save); t;
       t = strtok_r(NULL, ",;", &save))
    printf("tok %s\n", t);
  printf("string test: total %lu, %d errors\n", total, errors);
  return errors != 0;
}
