/* real-string: the C library's string and memory functions at every
 * alignment and length up to a few hundred bytes, each checked against
 * a plain byte loop in this file. glibc's versions are hand-written SSE2
 * (pcmpeqb, pmovmskb, pminub, bsf, unaligned loads that cross into the
 * next page) picked by CPUID; musl's are C with word-at-a-time tricks.
 * Mismatches are printed; a hash of all results goes last. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

static uint64_t hash = 0xcbf29ce484222325ull;
static void mix(uint64_t v) {
  hash ^= v;
  hash *= 0x100000001b3ull;
  hash ^= hash >> 29;
}
static int errors;
#define CHECK(cond, ...)                  \
  do {                                    \
    if (!(cond)) {                        \
      if (errors++ < 20) printf(__VA_ARGS__); \
    }                                     \
  } while (0)

static uint64_t rng = 0x5851f42d4c957f2dull;
static unsigned rnd(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (unsigned)(rng >> 32);
}

static size_t ref_strlen(const char *s) {
  size_t n = 0;
  while (s[n]) n++;
  return n;
}
static const char *ref_strchr(const char *s, int c) {
  for (;; s++) {
    if (*s == (char)c) return s;
    if (!*s) return NULL;
  }
}
static const char *ref_strrchr(const char *s, int c) {
  const char *r = NULL;
  for (;; s++) {
    if (*s == (char)c) r = s;
    if (!*s) return r;
  }
}
static const void *ref_memchr(const void *p, int c, size_t n) {
  const unsigned char *s = p;
  for (size_t i = 0; i < n; i++)
    if (s[i] == (unsigned char)c) return s + i;
  return NULL;
}
static int sign(int v) { return (v > 0) - (v < 0); }
static int ref_memcmp(const void *a, const void *b, size_t n) {
  const unsigned char *x = a, *y = b;
  for (size_t i = 0; i < n; i++)
    if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}
static int ref_strcmp(const char *a, const char *b) {
  for (;; a++, b++) {
    if (*a != *b) return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
    if (!*a) return 0;
  }
}
static int ref_strncmp(const char *a, const char *b, size_t n) {
  for (; n; n--, a++, b++) {
    if (*a != *b) return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
    if (!*a) return 0;
  }
  return 0;
}
static const char *ref_strstr(const char *h, const char *n) {
  size_t k = ref_strlen(n);
  for (; *h; h++)
    if (!ref_strncmp(h, n, k)) return h;
  return k ? NULL : h;
}
static size_t ref_strspn(const char *s, const char *set) {
  size_t n = 0;
  while (s[n] && ref_strchr(set, s[n])) n++;
  return n;
}

/* Buffers placed against an unmapped page: reads past the end fault. */
static unsigned char *guarded(size_t size) {
  long pg = sysconf(_SC_PAGESIZE);
  size_t len = (size + (size_t)pg - 1) / (size_t)pg * (size_t)pg;
  unsigned char *p = mmap(NULL, len + (size_t)pg, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) {
    perror("mmap");
    exit(1);
  }
  mprotect(p + len, (size_t)pg, PROT_NONE);
  return p + len - size;
}

int main(void) {
  enum { MAX = 300, BUF = 1024 };
  unsigned char *a = guarded(BUF), *b = guarded(BUF), *c = guarded(BUF);
  unsigned char *end = guarded(64);

  for (int len = 0; len < MAX; len += (len < 80 ? 1 : 7)) {
    for (int al = 0; al < 17; al++) {
      /* Fill with non-zero bytes, then terminate. */
      for (int i = 0; i < BUF; i++) a[i] = (unsigned char)(rnd() % 255 + 1);
      char *s = (char *)a + al;
      s[len] = 0;
      size_t n = strlen(s);
      CHECK(n == ref_strlen(s), "strlen len %d al %d: %zu\n", len, al, n);
      mix(n);
      CHECK(strnlen(s, (size_t)len / 2) == (size_t)len / 2, "strnlen %d\n", len);
      int ch = len ? (unsigned char)s[len / 2] : 'x';
      CHECK(strchr(s, ch) == ref_strchr(s, ch), "strchr len %d al %d\n", len, al);
      CHECK(strrchr(s, ch) == ref_strrchr(s, ch), "strrchr len %d al %d\n", len, al);
      CHECK(strchr(s, 0) == s + len, "strchr nul len %d\n", len);
      CHECK(memchr(s, ch, (size_t)len) == ref_memchr(s, ch, (size_t)len), "memchr len %d al %d\n", len, al);
      CHECK(memrchr(s, ch, (size_t)len) == (len ? (void *)ref_strrchr(s, ch) : NULL) ||
                !len, "memrchr len %d\n", len);
      CHECK(memchr(s, 0, (size_t)len + 16) == s + len, "memchr nul len %d\n", len);
      mix((uint64_t)(strchr(s, ch) ? strchr(s, ch) - s : -1));
      mix((uint64_t)(strrchr(s, ch) ? strrchr(s, ch) - s : -1));

      /* Copies at every relative alignment, overlapping moves. */
      int bl = (al * 5) % 16;
      memset(b, 0xee, BUF);
      memcpy(b + bl, s, (size_t)len + 1);
      CHECK(!ref_memcmp(b + bl, s, (size_t)len + 1) && b[bl + len + 1] == 0xee,
            "memcpy len %d al %d/%d\n", len, al, bl);
      char *e = stpcpy((char *)c + bl, s);
      CHECK(e == (char *)c + bl + len && !ref_strcmp((char *)c + bl, s), "stpcpy len %d\n", len);
      memset(c, 'z', BUF);
      strncpy((char *)c + 3, s, (size_t)len / 2 + 40);
      int ok = 1;
      for (int i = 0; i < len / 2 + 40; i++)
        if (c[3 + i] != (i < len ? (unsigned char)s[i] : 0)) ok = 0;
      CHECK(ok && c[3 + len / 2 + 40] == 'z', "strncpy len %d\n", len);
      memmove(b + bl + 3, b + bl, (size_t)len);
      CHECK(!ref_memcmp(b + bl + 3, s, (size_t)len), "memmove up len %d\n", len);
      memmove(b + bl, b + bl + 3, (size_t)len);
      CHECK(!ref_memcmp(b + bl, s, (size_t)len), "memmove down len %d\n", len);
      memset(b + bl, al, (size_t)len);
      ok = 1;
      for (int i = 0; i < len; i++) ok &= b[bl + i] == al;
      CHECK(ok, "memset len %d\n", len);

      /* Comparisons differing at each position. */
      memcpy(b, s, (size_t)len + 1);
      int pos = len ? (int)(rnd() % (unsigned)len) : 0;
      if (len) b[pos] = (unsigned char)(b[pos] + (rnd() & 1 ? 1 : -1));
      if (len && !b[pos]) b[pos] = 1;
      int r1 = memcmp(s, b, (size_t)len), r2 = strcmp(s, (char *)b);
      int r3 = strncmp(s, (char *)b, (size_t)pos + 1);
      CHECK(sign(r1) == ref_memcmp(s, b, (size_t)len), "memcmp len %d pos %d\n", len, pos);
      CHECK(sign(r2) == ref_strcmp(s, (char *)b), "strcmp len %d pos %d\n", len, pos);
      CHECK(sign(r3) == ref_strncmp(s, (char *)b, (size_t)pos + 1), "strncmp len %d\n", len);
      CHECK(!strncmp(s, (char *)b, (size_t)pos), "strncmp prefix len %d\n", len);
      CHECK(!bcmp(s, s, (size_t)len), "bcmp len %d\n", len);
      mix((uint64_t)sign(r1) + 3 * (uint64_t)sign(r2) + 9 * (uint64_t)sign(r3));
    }
  }

  /* Strings that end right before an unmapped page. */
  for (int len = 0; len < 64; len++) {
    char *s = (char *)end + 63 - len;
    memset(s, 'q', (size_t)len);
    s[len] = 0;
    CHECK(strlen(s) == (size_t)len, "strlen at page end %d\n", len);
    CHECK(strchr(s, 'r') == NULL, "strchr at page end %d\n", len);
    CHECK(strrchr(s, 'q') == (len ? s + len - 1 : NULL), "strrchr at page end %d\n", len);
    CHECK(memchr(s, 0, (size_t)len + 1) == s + len, "memchr at page end %d\n", len);
    CHECK(!strcmp(s, s), "strcmp at page end %d\n", len);
    char copy[80];
    strcpy(copy, s);
    CHECK(!strcmp(copy, s), "strcpy at page end %d\n", len);
  }

  /* Searches. */
  static const char *hay[] = {"", "a", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "the quick brown fox",
                              "abababababababababababababababac", "mississippi",
                              "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxyz"};
  static const char *ndl[] = {"", "a", "ab", "aab", "fox", "ississ", "abac", "yz", "zz", "ppi",
                              "aaaaaaaaaaaaaaaab"};
  for (size_t i = 0; i < sizeof hay / sizeof *hay; i++) {
    for (size_t j = 0; j < sizeof ndl / sizeof *ndl; j++) {
      const char *r = strstr(hay[i], ndl[j]);
      CHECK(r == ref_strstr(hay[i], ndl[j]), "strstr(%s, %s)\n", hay[i], ndl[j]);
      mix((uint64_t)(r ? r - hay[i] : -1));
      const char *m = memmem(hay[i], strlen(hay[i]), ndl[j], strlen(ndl[j]));
      CHECK(m == r, "memmem(%s, %s)\n", hay[i], ndl[j]);
      mix(strspn(hay[i], ndl[j]));
      CHECK(strspn(hay[i], ndl[j]) == ref_strspn(hay[i], ndl[j]), "strspn %zu %zu\n", i, j);
      mix(strcspn(hay[i], ndl[j]));
      mix((uint64_t)sign(strcasecmp(hay[i], ndl[j])));
      mix((uint64_t)(strpbrk(hay[i], ndl[j]) ? strpbrk(hay[i], ndl[j]) - hay[i] : -1));
    }
  }
  char line[] = "alpha, beta;gamma  delta,,epsilon";
  char *save, *tok;
  for (tok = strtok_r(line, ",; ", &save); tok; tok = strtok_r(NULL, ",; ", &save))
    printf("[%s]", tok);
  printf("\n");
  char *dup = strdup("Hello, World"), *up = strndup("abcdefgh", 5);
  printf("%s %s %d %d\n", dup, up, strcasecmp(dup, "HELLO, world"), strncasecmp(dup, "help", 3));
  free(dup);
  free(up);
  char buf[64];
  int w = snprintf(buf, 8, "%.*s|%-6.3s|", 4, "truncate", "xyzw");
  printf("%d [%s]\n", w, buf);
  printf("errors %d hash %016llx\n", errors, (unsigned long long)hash);
  return 0;
}
