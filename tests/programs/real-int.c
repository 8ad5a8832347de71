/* real-int: integer code as compilers emit it: __int128 multiply and
 * divide (mul, div, shld/shrd, adc/sbb chains and libgcc's __udivti3),
 * division by constants (multiply-high and shifts), overflow builtins
 * (seto/setc), bit builtins (popcnt or its bit-trick fallback, bsr/bsf or
 * lzcnt/tzcnt, bswap), rotates, cmov-heavy min/max and abs, saturating
 * arithmetic, and number theory (Miller-Rabin with 128-bit products,
 * gcd, integer square roots). Each section prints a hash and a few
 * values, so a wrong instruction names its section. */
#include <stdint.h>
#include <stdio.h>

typedef unsigned __int128 u128;
typedef __int128 i128;

static uint64_t rng = 0x853c49e6748fea9bull;
static uint64_t next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}
/* Random values biased toward the edges: 0, 1, -1, sign bits, small. */
static uint64_t edgy(void) {
  static const uint64_t e[] = {0, 1, 2, 3, 0x7f, 0x80, 0xff, 0x7fff, 0x8000,
                               0xffff, 0x7fffffff, 0x80000000, 0xffffffff,
                               0x100000000, 0x7fffffffffffffff,
                               0x8000000000000000, 0xffffffffffffffff,
                               0xfffffffffffffffe, 10, 1000000007};
  uint64_t r = next();
  switch (r % 4) {
    case 0: return e[(r >> 8) % 20];
    case 1: return next() >> (r >> 8) % 64;
    default: return next();
  }
}

static uint64_t hash;
static void mix(uint64_t v) {
  hash ^= v;
  hash *= 0x100000001b3ull;
  hash ^= hash >> 31;
}
static void begin(void) { hash = 0xcbf29ce484222325ull; }
static void end(const char *name) {
  printf("%-12s %016llx\n", name, (unsigned long long)hash);
}
static void mix128(u128 v) {
  mix((uint64_t)v);
  mix((uint64_t)(v >> 64));
}
static void print128(const char *tag, u128 v) {
  char buf[48], *p = buf + sizeof buf - 1;
  *p = 0;
  do {
    *--p = (char)('0' + (int)(v % 10));
    v /= 10;
  } while (v);
  printf("  %s %s\n", tag, p);
}

static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m) {
  return (uint64_t)((u128)a * b % m);
}
static uint64_t powmod(uint64_t b, uint64_t e, uint64_t m) {
  uint64_t r = 1 % m;
  b %= m;
  while (e) {
    if (e & 1) r = mulmod(r, b, m);
    b = mulmod(b, b, m);
    e >>= 1;
  }
  return r;
}
static int is_prime(uint64_t n) {
  if (n < 2) return 0;
  static const uint64_t small[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
  for (int i = 0; i < 12; i++) {
    if (n % small[i] == 0) return n == small[i];
  }
  uint64_t d = n - 1;
  int s = 0;
  while (!(d & 1)) {
    d >>= 1;
    s++;
  }
  for (int i = 0; i < 12; i++) {
    uint64_t x = powmod(small[i], d, n);
    if (x == 1 || x == n - 1) continue;
    int k;
    for (k = 1; k < s; k++) {
      x = mulmod(x, x, n);
      if (x == n - 1) break;
    }
    if (k == s) return 0;
  }
  return 1;
}
static uint64_t gcd(uint64_t a, uint64_t b) {
  while (b) {
    uint64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}
/* Binary gcd: ctz and shifts. */
static uint64_t bgcd(uint64_t a, uint64_t b) {
  if (!a) return b;
  if (!b) return a;
  int k = __builtin_ctzll(a | b);
  a >>= __builtin_ctzll(a);
  do {
    b >>= __builtin_ctzll(b);
    if (a > b) {
      uint64_t t = a;
      a = b;
      b = t;
    }
    b -= a;
  } while (b);
  return a << k;
}
static uint64_t isqrt(uint64_t n) {
  uint64_t x = n, y = (x + 1) / 2;
  if (n < 2) return n;
  while (y < x) {
    x = y;
    y = (x + n / x) / 2;
  }
  return x;
}
static int popcount_slow(uint64_t v) {
  int n = 0;
  for (; v; v &= v - 1) n++;
  return n;
}

int main(void) {
  /* 128-bit arithmetic. */
  begin();
  for (int i = 0; i < 3000; i++) {
    u128 a = ((u128)edgy() << 64) | edgy(), b = ((u128)edgy() << 64) | edgy();
    uint64_t c = edgy();
    mix128(a * b);
    mix128(a + b);
    mix128(a - b);
    mix128((u128)(uint64_t)a * (uint64_t)b);
    mix128((i128)(int64_t)a * (int64_t)b);
    if (b) {
      mix128(a / b);
      mix128(a % b);
    }
    if (c) {
      mix128(a / c);
      mix128(a % c);
    }
    i128 sa = (i128)a, sb = (i128)b;
    if (sb && !(sb == -1 && sa == ((i128)1 << 127))) {
      mix128((u128)(sa / sb));
      mix128((u128)(sa % sb));
    }
    mix128(a << (c % 128));
    mix128(a >> (c % 128));
    mix128((u128)(sa >> (c % 128)));
    mix(a < b);
    mix(sa < sb);
  }
  end("int128");
  {
    u128 f = 1;
    for (int i = 1; i <= 34; i++) f *= (u128)i;
    print128("34! =", f);
    print128("2^128-1 =", ~(u128)0);
    print128("(2^128-1)/7 =", ~(u128)0 / 7);
    print128("10^38 =", (u128)10000000000000000000ull * 10000000000000000000ull);
  }

  /* Division by constants: the compiler's multiply-high sequences. */
  begin();
  for (int i = 0; i < 5000; i++) {
    uint64_t u = edgy();
    int64_t s = (int64_t)u;
    uint32_t w = (uint32_t)u;
    int32_t sw = (int32_t)w;
    mix(u / 3); mix(u / 7); mix(u / 10); mix(u / 1000000007); mix(u % 60);
    mix((uint64_t)(s / 3)); mix((uint64_t)(s / -7)); mix((uint64_t)(s % 10));
    mix((uint64_t)(s / 16)); mix((uint64_t)(s % 16));
    mix(w / 5); mix(w / 641); mix(w % 255); mix((uint64_t)(sw / 9)); mix((uint64_t)(sw % -13));
    mix((uint16_t)w / (uint16_t)7); mix((uint64_t)(int64_t)((int16_t)w / 3));
    mix((uint8_t)w / 3u);
  }
  end("divconst");

  /* Division by variables, all widths, both signs. */
  begin();
  for (int i = 0; i < 5000; i++) {
    uint64_t a = edgy(), b = edgy() | 1;
    int64_t sa = (int64_t)a, sb = (int64_t)b;
    mix(a / b); mix(a % b);
    if (!(sa == INT64_MIN && sb == -1)) { mix((uint64_t)(sa / sb)); mix((uint64_t)(sa % sb)); }
    uint32_t a32 = (uint32_t)a, b32 = (uint32_t)b;
    int32_t s32 = (int32_t)a32, t32 = (int32_t)b32;
    mix(a32 / b32); mix(a32 % b32);
    if (!(s32 == INT32_MIN && t32 == -1)) { mix((uint64_t)(s32 / t32)); mix((uint64_t)(s32 % t32)); }
    uint16_t a16 = (uint16_t)a, b16 = (uint16_t)b;
    mix(a16 / b16); mix((uint64_t)((int16_t)a16 / (int16_t)b16));
    uint8_t a8 = (uint8_t)a, b8 = (uint8_t)b;
    mix(a8 / b8); mix(a8 % b8); mix((uint64_t)((int8_t)a8 / (int8_t)b8));
  }
  end("divvar");

  /* Overflow builtins. */
  begin();
  for (int i = 0; i < 5000; i++) {
    uint64_t a = edgy(), b = edgy(), r;
    int64_t s, sa = (int64_t)a, sb = (int64_t)b;
    int32_t s32;
    uint32_t r32;
    mix(__builtin_add_overflow(a, b, &r)); mix(r);
    mix(__builtin_sub_overflow(a, b, &r)); mix(r);
    mix(__builtin_mul_overflow(a, b, &r)); mix(r);
    mix(__builtin_add_overflow(sa, sb, &s)); mix((uint64_t)s);
    mix(__builtin_sub_overflow(sa, sb, &s)); mix((uint64_t)s);
    mix(__builtin_mul_overflow(sa, sb, &s)); mix((uint64_t)s);
    mix(__builtin_mul_overflow((int32_t)a, (int32_t)b, &s32)); mix((uint64_t)s32);
    mix(__builtin_mul_overflow((uint32_t)a, (uint32_t)b, &r32)); mix(r32);
    mix(__builtin_add_overflow((int8_t)a, (int8_t)b, &s32)); mix((uint64_t)s32);
    mix(__builtin_mul_overflow(sa, b, &r)); mix(r);
  }
  end("overflow");

  /* Bit builtins against slow versions. */
  begin();
  int wrong = 0;
  for (int i = 0; i < 5000; i++) {
    uint64_t v = edgy();
    uint32_t w = (uint32_t)(v >> 7);
    mix((uint64_t)__builtin_popcountll(v));
    mix((uint64_t)__builtin_popcount(w));
    if (__builtin_popcountll(v) != popcount_slow(v)) wrong++;
    if (v) { mix((uint64_t)__builtin_clzll(v)); mix((uint64_t)__builtin_ctzll(v)); }
    if (w) { mix((uint64_t)__builtin_clz(w)); mix((uint64_t)__builtin_ctz(w)); }
    mix((uint64_t)__builtin_ffsll((long long)v)); mix((uint64_t)__builtin_ffs((int)w));
    mix((uint64_t)__builtin_parityll(v)); mix((uint64_t)__builtin_clrsbll((long long)v));
    mix(__builtin_bswap64(v)); mix(__builtin_bswap32(w)); mix(__builtin_bswap16((uint16_t)w));
    unsigned r = (unsigned)(v >> 58);
    mix((v << r) | (v >> ((64 - r) & 63))); mix((v >> r) | (v << ((64 - r) & 63)));
    mix((w << (r & 31)) | (w >> ((32 - r) & 31)));
    uint16_t h = (uint16_t)v;
    mix((uint16_t)((h << (r & 15)) | (h >> ((16 - r) & 15))));
    uint8_t b = (uint8_t)v;
    mix((uint8_t)((b << (r & 7)) | (b >> ((8 - r) & 7))));
    mix(v & -v); mix(v & (v - 1)); mix(v ^ (v >> 1));
    /* Bit reversal the slow way: shifts and masks. */
    uint64_t x = v;
    x = ((x >> 1) & 0x5555555555555555ull) | ((x & 0x5555555555555555ull) << 1);
    x = ((x >> 2) & 0x3333333333333333ull) | ((x & 0x3333333333333333ull) << 2);
    x = ((x >> 4) & 0x0f0f0f0f0f0f0f0full) | ((x & 0x0f0f0f0f0f0f0f0full) << 4);
    mix(__builtin_bswap64(x));
  }
  end("bits");
  printf("  popcount mismatches %d\n", wrong);

  /* cmov and setcc: min, max, abs, clamp, sign, saturating add. */
  begin();
  for (int i = 0; i < 5000; i++) {
    int64_t a = (int64_t)edgy(), b = (int64_t)edgy();
    int32_t c = (int32_t)a, d = (int32_t)b;
    uint8_t p = (uint8_t)a, q = (uint8_t)b;
    mix((uint64_t)(a < b ? a : b)); mix((uint64_t)(a > b ? a : b));
    mix((uint64_t)((uint64_t)a < (uint64_t)b ? a : b));
    mix((uint64_t)(a == INT64_MIN ? 0 : (a < 0 ? -a : a)));
    mix((uint64_t)(c < 0 ? -(int64_t)c : c));
    mix((uint64_t)(c < -1000 ? -1000 : c > 1000 ? 1000 : c));
    mix((uint64_t)((a > 0) - (a < 0)));
    mix((uint64_t)(uint8_t)(p + q < p ? 255 : p + q));
    int64_t sum = (int64_t)c + d;
    mix((uint64_t)(int32_t)(sum > INT32_MAX ? INT32_MAX : sum < INT32_MIN ? INT32_MIN : sum));
    mix((uint64_t)((uint32_t)c >= (uint32_t)d) * 3 + (c >= d) * 5 + (c != d) * 7);
  }
  end("cmov");

  /* Number theory. */
  begin();
  int primes = 0;
  uint64_t n = 0xfffffffffffffff0ull;
  for (int i = 0; i < 120; i++, n++) {
    if (is_prime(n)) {
      primes++;
      printf("  prime %llu\n", (unsigned long long)n);
    }
    if (n == 0xffffffffffffffffull) n = 1000000000000000000ull;
  }
  for (int i = 0; i < 2000; i++) {
    uint64_t a = next() >> (i % 40), b = next() >> (i % 33);
    uint64_t g = gcd(a, b);
    if (g != bgcd(a, b)) printf("  gcd mismatch %llu %llu\n", (unsigned long long)a, (unsigned long long)b);
    mix(g);
    mix(isqrt(a));
    mix(powmod(a, b, 0xffffffffffffffc5ull));
    mix((uint64_t)is_prime(a | 1));
  }
  end("numtheory");
  printf("  %d primes; 2^64 - 59 prime: %d\n", primes, is_prime(0xffffffffffffffc5ull));

  /* Mixed widths: sign and zero extensions, truncations, narrow ops. */
  begin();
  for (int i = 0; i < 5000; i++) {
    uint64_t v = edgy();
    int8_t b = (int8_t)v;
    int16_t h = (int16_t)(v >> 8);
    int32_t w = (int32_t)(v >> 16);
    mix((uint64_t)(int64_t)b); mix((uint64_t)(int64_t)h); mix((uint64_t)(int64_t)w);
    mix((uint64_t)(uint8_t)b); mix((uint64_t)(uint16_t)h); mix((uint64_t)(uint32_t)w);
    mix((uint64_t)(int8_t)(b * 3 + h)); mix((uint64_t)(int16_t)(h * h));
    mix((uint64_t)(int32_t)((uint32_t)w * 2654435761u));
    mix((uint64_t)((int64_t)w * w)); mix((uint64_t)(w >> 3)); mix((uint64_t)((uint32_t)w >> 3));
    mix((uint64_t)(h >> 15)); mix((uint64_t)(b >> 7)); mix((uint64_t)(-b)); mix((uint64_t)(~h));
  }
  end("widths");
  return 0;
}
