/* real-bigint: arbitrary-precision arithmetic two ways: base 10^9 limbs
 * in 32-bit words with 64-bit products and divisions (the classic
 * bignum), and base 2^64 limbs with __int128 products, carries and
 * 128/64 divisions for the conversion to decimal. Computes pi to 600
 * digits (Machin's formula), e to 600 digits (a spigot), 300!, 3^1000,
 * Fibonacci(3000) and Mersenne numbers; the two representations must
 * give the same decimal strings. Known digits make wrong ones obvious. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef unsigned __int128 u128;

/* ---- base 10^9, little-endian limbs */
#define B9 1000000000u
typedef struct {
  int n;
  uint32_t d[800];
} Dec;
static void dec_set(Dec *a, uint32_t v) {
  a->n = 1;
  a->d[0] = v % B9;
  if (v >= B9) {
    a->d[1] = v / B9;
    a->n = 2;
  }
}
static void dec_mul_small(Dec *a, uint32_t m) {
  uint64_t carry = 0;
  for (int i = 0; i < a->n; i++) {
    uint64_t t = (uint64_t)a->d[i] * m + carry;
    a->d[i] = (uint32_t)(t % B9);
    carry = t / B9;
  }
  while (carry) {
    a->d[a->n++] = (uint32_t)(carry % B9);
    carry /= B9;
  }
}
static void dec_add(Dec *a, const Dec *b) {
  uint32_t carry = 0;
  int n = a->n > b->n ? a->n : b->n;
  for (int i = 0; i < n; i++) {
    uint32_t x = (i < a->n ? a->d[i] : 0) + (i < b->n ? b->d[i] : 0) + carry;
    carry = x >= B9;
    a->d[i] = carry ? x - B9 : x;
  }
  a->n = n;
  if (carry) a->d[a->n++] = 1;
}
static void dec_print(const char *tag, const Dec *a, char *out) {
  char *p = out;
  p += sprintf(p, "%u", a->d[a->n - 1]);
  for (int i = a->n - 2; i >= 0; i--) p += sprintf(p, "%09u", a->d[i]);
  size_t len = strlen(out);
  printf("%s (%zu digits): %.40s...%s\n", tag, len, out, len > 40 ? out + len - 20 : "");
}

/* ---- base 2^64 */
typedef struct {
  int n;
  uint64_t d[400];
} Bin;
static void bin_set(Bin *a, uint64_t v) {
  a->n = 1;
  a->d[0] = v;
}
static void bin_mul_small(Bin *a, uint64_t m) {
  uint64_t carry = 0;
  for (int i = 0; i < a->n; i++) {
    u128 t = (u128)a->d[i] * m + carry;
    a->d[i] = (uint64_t)t;
    carry = (uint64_t)(t >> 64);
  }
  if (carry) a->d[a->n++] = carry;
}
static void bin_add(Bin *a, const Bin *b) {
  unsigned char c = 0;
  int n = a->n > b->n ? a->n : b->n;
  for (int i = 0; i < n; i++) {
    uint64_t x = i < a->n ? a->d[i] : 0, y = i < b->n ? b->d[i] : 0;
    /* The carry chain the way crypto code writes it (adc). */
    c = (unsigned char)__builtin_add_overflow(x, y, &x) | (unsigned char)__builtin_add_overflow(x, (uint64_t)c, &x);
    a->d[i] = x;
  }
  a->n = n;
  if (c) a->d[a->n++] = 1;
}
static void bin_mul(Bin *r, const Bin *a, const Bin *b) {
  uint64_t t[800] = {0};
  for (int i = 0; i < a->n; i++) {
    uint64_t carry = 0;
    for (int j = 0; j < b->n; j++) {
      u128 p = (u128)a->d[i] * b->d[j] + t[i + j] + carry;
      t[i + j] = (uint64_t)p;
      carry = (uint64_t)(p >> 64);
    }
    t[i + b->n] = carry;
  }
  r->n = a->n + b->n;
  while (r->n > 1 && !t[r->n - 1]) r->n--;
  memcpy(r->d, t, (size_t)r->n * 8);
}
/* Divides by d in place, returns the remainder: 128/64-bit divisions. */
static uint64_t bin_div_small(Bin *a, uint64_t d) {
  u128 rem = 0;
  for (int i = a->n - 1; i >= 0; i--) {
    u128 cur = rem << 64 | a->d[i];
    a->d[i] = (uint64_t)(cur / d);
    rem = cur % d;
  }
  while (a->n > 1 && !a->d[a->n - 1]) a->n--;
  return (uint64_t)rem;
}
static void bin_to_dec(const Bin *src, char *out) {
  Bin a = *src;
  uint64_t chunks[1000];
  int n = 0;
  do {
    chunks[n++] = bin_div_small(&a, 10000000000000000000ull);
  } while (a.n > 1 || a.d[0]);
  char *p = out + sprintf(out, "%llu", (unsigned long long)chunks[n - 1]);
  for (int i = n - 2; i >= 0; i--) p += sprintf(p, "%019llu", (unsigned long long)chunks[i]);
}

static char s1[8000], s2[8000];
static void compare(const char *tag, const Dec *d, const Bin *b) {
  dec_print(tag, d, s1);
  bin_to_dec(b, s2);
  if (strcmp(s1, s2)) printf("  MISMATCH: base 2^64 gives %.40s...\n", s2);
}

/* pi * 10^D by Machin: 16 atan(1/5) - 4 atan(1/239), in fixed point
   with base 10^9 limbs, most significant first. */
#define PL 70
static void fx_div(uint32_t *x, uint32_t d) {
  uint64_t rem = 0;
  for (int i = 0; i < PL; i++) {
    uint64_t cur = rem * B9 + x[i];
    x[i] = (uint32_t)(cur / d);
    rem = cur % d;
  }
}
static int fx_zero(const uint32_t *x) {
  for (int i = 0; i < PL; i++)
    if (x[i]) return 0;
  return 1;
}
static void fx_addsub(uint32_t *acc, const uint32_t *x, int sub) {
  int64_t carry = 0;
  for (int i = PL - 1; i >= 0; i--) {
    int64_t v = (int64_t)acc[i] + (sub ? -(int64_t)x[i] : (int64_t)x[i]) + carry;
    carry = 0;
    if (v < 0) { v += B9; carry = -1; }
    if (v >= B9) { v -= B9; carry = 1; }
    acc[i] = (uint32_t)v;
  }
}
static void atan_inv(uint32_t *acc, uint32_t x, uint32_t mul, int sub) {
  uint32_t term[PL] = {0}, t2[PL];
  term[0] = mul;
  fx_div(term, x);
  uint32_t x2 = x * x;
  for (uint32_t k = 1; !fx_zero(term); k += 2) {
    memcpy(t2, term, sizeof t2);
    fx_div(t2, k);
    fx_addsub(acc, t2, sub ^ (((k - 1) / 2) & 1));
    fx_div(term, x2);
  }
}

int main(void) {
  static Dec d, e;
  static Bin b, c, f;

  dec_set(&d, 1); bin_set(&b, 1);
  for (uint32_t i = 2; i <= 300; i++) { dec_mul_small(&d, i); bin_mul_small(&b, i); }
  compare("300!", &d, &b);

  dec_set(&d, 1); bin_set(&b, 1);
  for (int i = 0; i < 1000; i++) { dec_mul_small(&d, 3); bin_mul_small(&b, 3); }
  compare("3^1000", &d, &b);
  /* 3^1000 again as (3^500)^2 with the schoolbook multiply. */
  bin_set(&c, 1);
  for (int i = 0; i < 500; i++) bin_mul_small(&c, 3);
  bin_mul(&f, &c, &c);
  bin_to_dec(&f, s2);
  printf("(3^500)^2 %s 3^1000\n", strcmp(s1, s2) ? "DIFFERS FROM" : "equals");

  /* Fibonacci(3000) by repeated addition. */
  static Dec fa, fb;
  static Bin ba, bb;
  dec_set(&fa, 0); dec_set(&fb, 1); bin_set(&ba, 0); bin_set(&bb, 1);
  for (int i = 0; i < 3000; i++) {
    Dec t = fb; dec_add(&fb, &fa); fa = t;
    Bin u = bb; bin_add(&bb, &ba); ba = u;
  }
  compare("fib(3000)", &fa, &ba);

  /* 2^p - 1 for Mersenne exponents. */
  static const int ps[] = {61, 89, 107, 127, 521, 607, 1279};
  for (int k = 0; k < 7; k++) {
    dec_set(&e, 1); bin_set(&c, 1);
    for (int i = 0; i < ps[k]; i++) { dec_mul_small(&e, 2); bin_mul_small(&c, 2); }
    e.d[0] -= 1; /* 2^p mod 10^9 is never 0: no borrow */
    for (int i = 0; i < c.n && c.d[i]-- == 0; i++) {}
    while (c.n > 1 && !c.d[c.n - 1]) c.n--;
    char tag[32];
    snprintf(tag, sizeof tag, "2^%d-1", ps[k]);
    compare(tag, &e, &c);
  }

  /* pi to 600 digits. */
  uint32_t pi[PL] = {0};
  atan_inv(pi, 5, 16, 0);
  atan_inv(pi, 239, 4, 1);
  printf("pi = %u.", pi[0]);
  for (int i = 1; i < PL - 3; i++) printf("%09u", pi[i]);
  printf("\n");

  /* e by the spigot of Rabinowitz and Wagon, 600 digits. */
  enum { ED = 600, EN = 320 };
  static uint32_t a[EN];
  for (int i = 0; i < EN; i++) a[i] = 1;
  printf("e = 2.");
  for (int k = 0; k < ED; k++) {
    uint32_t carry = 0;
    for (int i = EN - 1; i >= 0; i--) {
      uint32_t x = a[i] * 10 + carry;
      a[i] = x % (uint32_t)(i + 2);
      carry = x / (uint32_t)(i + 2);
    }
    putchar('0' + (int)carry);
  }
  printf("\n");
  return 0;
}
