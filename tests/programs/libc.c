/* libc: a tour of library code that exercises a broad mix of
 * instructions: POSIX regular expressions, time conversion (gmtime,
 * timegm, strftime at fixed times), getopt, fnmatch, tsearch, rand with
 * a fixed seed, wide-character functions, div/ldiv, and two
 * computations of our own (SHA-256 and a big-number factorial).
 *@args -v -n 42 -x -vv file1 file2
 */
#define _GNU_SOURCE
#include <fnmatch.h>
#include <getopt.h>
#include <inttypes.h>
#include <regex.h>
#include <search.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

static void sha256(const unsigned char *msg, size_t len, unsigned char out[32]) {
  static const uint32_t k[64] = {
      0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
      0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
      0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
      0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
      0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
      0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
      0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
      0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
      0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
      0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
      0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
  uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
#define ROR(x, n) ((x) >> (n) | (x) << (32 - (n)))
  size_t total = ((len + 8) / 64 + 1) * 64;
  for (size_t off = 0; off < total; off += 64) {
    uint32_t w[64];
    for (int i = 0; i < 16; i++) {
      uint32_t v = 0;
      for (int j = 0; j < 4; j++) {
        size_t p = off + i * 4 + j;
        unsigned char c = p < len ? msg[p] : p == len ? 0x80 : 0;
        if (p >= total - 8) c = (unsigned char)((uint64_t)len * 8 >> (8 * (total - 1 - p)));
        v = v << 8 | c;
      }
      w[i] = v;
    }
    for (int i = 16; i < 64; i++) {
      uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
      uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5],
             g = h[6], hh = h[7];
    for (int i = 0; i < 64; i++) {
      uint32_t t1 = hh + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) +
                    ((e & f) ^ (~e & g)) + k[i] + w[i];
      uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) +
                    ((a & b) ^ (a & c) ^ (b & c));
      hh = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
    }
    h[0] += a, h[1] += b, h[2] += c, h[3] += d;
    h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
  }
  for (int i = 0; i < 32; i++) out[i] = (unsigned char)(h[i / 4] >> (24 - 8 * (i % 4)));
}

static int cmp_int(const void *a, const void *b) {
  return *(const int *)a - *(const int *)b;
}
static void walk(const void *node, VISIT v, int depth) {
  (void)depth;
  if (v == postorder || v == leaf) printf(" %d", **(int *const *)node);
}

int main(int argc, char **argv) {
  /* getopt over the @args above. */
  int opt, verbose = 0;
  long num = 0;
  opterr = 0;
  while ((opt = getopt(argc, argv, "vn:")) != -1) {
    if (opt == 'v') verbose++;
    else if (opt == 'n') num = strtol(optarg, NULL, 10);
    else printf("getopt: unknown -%c\n", optopt);
  }
  printf("verbose %d num %ld rest:", verbose, num);
  for (int i = optind; i < argc; i++) printf(" %s", argv[i]);
  printf("\n");

  /* Regular expressions. */
  regex_t re;
  regmatch_t m[4];
  const char *texts[] = {"2024-02-29T12:34:56", "date: 1999-12-31", "no date",
                         "0000-00-00 and 2001-09-09"};
  if (regcomp(&re, "([0-9]{4})-([0-9]{2})-([0-9]{2})", REG_EXTENDED)) return 1;
  for (int i = 0; i < 4; i++) {
    if (regexec(&re, texts[i], 4, m, 0) == 0)
      printf("regex %d: at %d, year %.*s month %.*s\n", i, (int)m[0].rm_so,
             (int)(m[1].rm_eo - m[1].rm_so), texts[i] + m[1].rm_so,
             (int)(m[2].rm_eo - m[2].rm_so), texts[i] + m[2].rm_so);
    else
      printf("regex %d: no match\n", i);
  }
  regfree(&re);
  if (regcomp(&re, "^(a|b)*c+[[:space:]]?$", REG_EXTENDED | REG_NOSUB)) return 1;
  const char *tries[] = {"ababcc", "abab", "c ", "", "cccc\t", "xc"};
  for (int i = 0; i < 6; i++) printf("[%s]%d ", tries[i], regexec(&re, tries[i], 0, 0, 0) == 0);
  printf("\n");
  regfree(&re);

  /* Time conversion at fixed instants, in UTC. */
  time_t ts[] = {0, 951782400, 1234567890, 2147483647, 4102444800LL, -86400};
  for (int i = 0; i < 6; i++) {
    struct tm tm;
    char buf[128];
    gmtime_r(&ts[i], &tm);
    strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %a %b %j %U %u", &tm);
    printf("%lld -> %s -> %lld\n", (long long)ts[i], buf, (long long)timegm(&tm));
  }

  /* fnmatch. */
  const char *pats[] = {"*.c", "te?t.[ch]", "[!a-m]*", "**/x", "\\*"};
  const char *names[] = {"main.c", "test.h", "zeta", "a/b/x", "*"};
  for (int p = 0; p < 5; p++)
    for (int n = 0; n < 5; n++) printf("%d", fnmatch(pats[p], names[n], 0) == 0);
  printf(" fnmatch\n");

  /* tsearch: a balanced tree, walked in order. */
  void *root = NULL;
  static int vals[40];
  for (int i = 0; i < 40; i++) {
    vals[i] = (i * 17) % 41;
    tsearch(&vals[i], &root, cmp_int);
  }
  int key = 17;
  printf("tfind 17: %d; in order:", tfind(&key, &root, cmp_int) != NULL);
  twalk(root, walk);
  printf("\n");

  /* rand with a fixed seed: deterministic for a given libc. */
  srand(1);
  unsigned long rs = 0;
  for (int i = 0; i < 1000; i++) rs = rs * 31 + (unsigned)rand();
  printf("rand hash %lx\n", rs);

  /* Wide characters in the C locale. */
  wchar_t wbuf[64];
  size_t wn = mbstowcs(wbuf, "wide chars", 64);
  printf("mbstowcs %zu wcslen %zu wcscmp %d\n", wn, wcslen(wbuf),
         wcscmp(wbuf, L"wide chars") == 0);
  printf("%ls|%5lc|\n", L"wprintf", (wint_t)L'x');

  div_t d = div(-17, 5);
  ldiv_t ld = ldiv(123456789012L, -1000L);
  printf("div %d %d ldiv %ld %ld abs %d llabs %lld\n", d.quot, d.rem, ld.quot,
         ld.rem, abs(-5), llabs(-9000000000LL));

  /* SHA-256 of growing messages (known answer for "abc"). */
  unsigned char dig[32];
  sha256((const unsigned char *)"abc", 3, dig);
  printf("sha256(abc) ");
  for (int i = 0; i < 32; i++) printf("%02x", dig[i]);
  printf("\n");
  static unsigned char big[100000];
  for (size_t i = 0; i < sizeof big; i++) big[i] = (unsigned char)(i * i >> 3);
  for (size_t n = 55; n < sizeof big; n = n * 3 + 1) {
    sha256(big, n, dig);
    printf("sha256(%zu) %02x%02x%02x%02x\n", n, dig[0], dig[1], dig[2], dig[31]);
  }

  /* 300! in base 10^9 limbs: 64-bit multiply and divide. */
  static uint32_t limb[200];
  int nl = 1;
  limb[0] = 1;
  for (uint32_t f = 2; f <= 300; f++) {
    uint64_t carry = 0;
    for (int i = 0; i < nl; i++) {
      uint64_t v = (uint64_t)limb[i] * f + carry;
      limb[i] = (uint32_t)(v % 1000000000u);
      carry = v / 1000000000u;
    }
    while (carry) limb[nl++] = (uint32_t)(carry % 1000000000u), carry /= 1000000000u;
  }
  printf("300! = %" PRIu32, limb[nl - 1]);
  for (int i = nl - 2; i >= 0; i--) printf("%09" PRIu32, limb[i]);
  printf("\n");
  return 0;
}
