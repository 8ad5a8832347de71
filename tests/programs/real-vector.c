/* real-vector: loops gcc vectorizes at -O3 (SSE2 only, -march=x86-64):
 * reductions, saxpy, element-wise integer arithmetic in every width
 * (paddb..paddq, pmullw, pmuludq, shifts, saturating packs emulation,
 * compares and blends via pand/pandn/por), conversions between ints and
 * floats (cvtdq2ps, cvttps2dq, unpacks for widening), min/max, abs,
 * byte histograms and searches. The arrays have awkward lengths so the
 * scalar prologue and epilogue loops run too. At -O2 the same source
 * gives scalar code: both must agree with the host. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define N 1027

static uint64_t rng = 0xda942042e4dd58b5ull;
static uint64_t next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static uint64_t hash;
static void mixb(const void *p, size_t n) {
  const unsigned char *c = p;
  for (size_t i = 0; i < n; i++) {
    hash ^= c[i];
    hash *= 0x100000001b3ull;
  }
}
static void mix(uint64_t v) { mixb(&v, 8); }
static void report(const char *name) {
  printf("%-14s %016llx\n", name, (unsigned long long)hash);
  hash = 0xcbf29ce484222325ull;
}

static int8_t b8[N], c8[N], d8[N];
static uint8_t u8[N], v8[N], w8[N];
static int16_t b16[N], c16[N], d16[N];
static uint16_t u16[N], v16[N];
static int32_t b32[N], c32[N], d32[N];
static uint32_t u32[N], v32[N];
static int64_t b64[N], c64[N], d64[N];
static uint64_t u64[N];
static float f32[N], g32[N], h32[N];
static double f64[N], g64[N], h64[N];

static void fill(void) {
  for (int i = 0; i < N; i++) {
    uint64_t r = next(), s = next();
    b8[i] = (int8_t)r; c8[i] = (int8_t)(r >> 8);
    u8[i] = (uint8_t)(r >> 16); v8[i] = (uint8_t)(r >> 24);
    b16[i] = (int16_t)(r >> 32); c16[i] = (int16_t)(r >> 48);
    u16[i] = (uint16_t)s; v16[i] = (uint16_t)(s >> 16);
    b32[i] = (int32_t)s; c32[i] = (int32_t)(s >> 32);
    u32[i] = (uint32_t)(r ^ s); v32[i] = (uint32_t)((r ^ s) >> 32) | 1;
    b64[i] = (int64_t)r; c64[i] = (int64_t)(s * 3);
    u64[i] = r * s;
    f32[i] = (float)((int32_t)s) / 65536.0f;
    g32[i] = (float)(i % 17) - 8.25f;
    f64[i] = (double)(int64_t)r / 4294967296.0;
    g64[i] = (double)(i % 29) * 0.125 - 1.5;
    if (i % 97 == 0) { b8[i] = -128; b16[i] = -32768; b32[i] = INT32_MIN; b64[i] = INT64_MIN; }
  }
}

__attribute__((noinline)) static void int8_ops(void) {
  for (int i = 0; i < N; i++) d8[i] = (int8_t)(b8[i] + c8[i]);
  mixb(d8, N);
  for (int i = 0; i < N; i++) d8[i] = (int8_t)(b8[i] - c8[i] * 3);
  mixb(d8, N);
  for (int i = 0; i < N; i++) w8[i] = u8[i] > v8[i] ? u8[i] : v8[i];
  mixb(w8, N);
  for (int i = 0; i < N; i++) w8[i] = u8[i] < v8[i] ? u8[i] : v8[i];
  mixb(w8, N);
  for (int i = 0; i < N; i++) d8[i] = b8[i] > c8[i] ? b8[i] : c8[i];
  mixb(d8, N);
  for (int i = 0; i < N; i++) {
    int s = u8[i] + v8[i];
    w8[i] = (uint8_t)(s > 255 ? 255 : s);
  }
  mixb(w8, N);
  for (int i = 0; i < N; i++) {
    int s = b8[i] - c8[i];
    d8[i] = (int8_t)(s > 127 ? 127 : s < -128 ? -128 : s);
  }
  mixb(d8, N);
  for (int i = 0; i < N; i++) w8[i] = (uint8_t)((u8[i] + v8[i] + 1) >> 1);
  mixb(w8, N);
  for (int i = 0; i < N; i++) d8[i] = (int8_t)(b8[i] < 0 ? -b8[i] : b8[i]);
  mixb(d8, N);
  for (int i = 0; i < N; i++) w8[i] = (uint8_t)(u8[i] == v8[i] ? 0xff : u8[i] ^ 0x5a);
  mixb(w8, N);
  for (int i = 0; i < N; i++) d8[i] = (int8_t)(b8[i] >> 3);
  mixb(d8, N);
  for (int i = 0; i < N; i++) w8[i] = (uint8_t)(u8[i] << 2 | u8[i] >> 6);
  mixb(w8, N);
  for (int i = 0; i < N; i++) d8[i] = (int8_t)(b8[i] * c8[i]);
  mixb(d8, N);
  unsigned sum = 0, sad = 0;
  for (int i = 0; i < N; i++) sum += u8[i];
  for (int i = 0; i < N; i++) sad += (unsigned)(u8[i] > v8[i] ? u8[i] - v8[i] : v8[i] - u8[i]);
  mix(sum); mix(sad);
  int ssum = 0;
  for (int i = 0; i < N; i++) ssum += b8[i] * c8[i];
  mix((uint64_t)ssum);
  report("int8");
}

__attribute__((noinline)) static void int16_ops(void) {
  for (int i = 0; i < N; i++) d16[i] = (int16_t)(b16[i] + c16[i]);
  mixb(d16, sizeof d16);
  for (int i = 0; i < N; i++) d16[i] = (int16_t)(b16[i] * c16[i]);
  mixb(d16, sizeof d16);
  for (int i = 0; i < N; i++) d16[i] = (int16_t)((b16[i] * c16[i]) >> 16);
  mixb(d16, sizeof d16);
  for (int i = 0; i < N; i++) v16[i] = (uint16_t)(((uint32_t)u16[i] * v16[i]) >> 16);
  mixb(v16, sizeof v16);
  for (int i = 0; i < N; i++) d16[i] = b16[i] < c16[i] ? b16[i] : c16[i];
  mixb(d16, sizeof d16);
  for (int i = 0; i < N; i++) d16[i] = (int16_t)(b16[i] >> (i & 7));
  mixb(d16, sizeof d16);
  for (int i = 0; i < N; i++) d16[i] = (int16_t)(b16[i] >> 5);
  mixb(d16, sizeof d16);
  for (int i = 0; i < N; i++) u16[i] = (uint16_t)(u16[i] >> 3 ^ v16[i] << 1);
  mixb(u16, sizeof u16);
  for (int i = 0; i < N; i++) {
    int s = b16[i] + c16[i];
    d16[i] = (int16_t)(s > 32767 ? 32767 : s < -32768 ? -32768 : s);
  }
  mixb(d16, sizeof d16);
  int64_t dot = 0;
  for (int i = 0; i < N; i++) dot += b16[i] * c16[i];
  mix((uint64_t)dot);
  for (int i = 0; i < N; i++) b8[i] = (int8_t)(b16[i] > 127 ? 127 : b16[i] < -128 ? -128 : b16[i]);
  mixb(b8, N);
  for (int i = 0; i < N; i++) d32[i] = b16[i] * 3 + c16[i];
  mixb(d32, sizeof d32);
  report("int16");
}

__attribute__((noinline)) static void int32_ops(void) {
  for (int i = 0; i < N; i++) d32[i] = (int32_t)((uint32_t)b32[i] + (uint32_t)c32[i]);
  mixb(d32, sizeof d32);
  for (int i = 0; i < N; i++) d32[i] = (int32_t)((uint32_t)b32[i] * (uint32_t)c32[i]);
  mixb(d32, sizeof d32);
  for (int i = 0; i < N; i++) u32[i] = u32[i] / 7 + u32[i] % 13;
  mixb(u32, sizeof u32);
  for (int i = 0; i < N; i++) d32[i] = b32[i] > c32[i] ? b32[i] - c32[i] / 2 : c32[i];
  mixb(d32, sizeof d32);
  for (int i = 0; i < N; i++) d32[i] = b32[i] >> (c32[i] & 31);
  mixb(d32, sizeof d32);
  for (int i = 0; i < N; i++) u32[i] = u32[i] << (v32[i] & 31) | u32[i] >> 7;
  mixb(u32, sizeof u32);
  for (int i = 0; i < N; i++) d32[i] = b32[i] == INT32_MIN ? 0 : (b32[i] < 0 ? -b32[i] : b32[i]);
  mixb(d32, sizeof d32);
  uint32_t x = 0, o = 0, a = 0xffffffff;
  int64_t s = 0;
  for (int i = 0; i < N; i++) { x ^= u32[i]; o |= u32[i] & 0x10101; a &= u32[i] | 0x80000000; }
  for (int i = 0; i < N; i++) s += b32[i];
  mix(x); mix(o); mix(a); mix((uint64_t)s);
  int32_t mx = INT32_MIN, mn = INT32_MAX;
  for (int i = 0; i < N; i++) { mx = b32[i] > mx ? b32[i] : mx; mn = c32[i] < mn ? c32[i] : mn; }
  mix((uint64_t)mx); mix((uint64_t)mn);
  for (int i = 0; i < N; i++) b64[i] = (int64_t)b32[i] * c32[i];
  mixb(b64, sizeof b64);
  for (int i = 0; i < N; i++) u64[i] = (uint64_t)u32[i] * v32[i];
  mixb(u64, sizeof u64);
  int cnt = 0;
  for (int i = 0; i < N; i++) cnt += b32[i] < c32[i];
  mix((uint64_t)cnt);
  report("int32");
}

__attribute__((noinline)) static void int64_ops(void) {
  for (int i = 0; i < N; i++) d64[i] = (int64_t)((uint64_t)b64[i] + (uint64_t)c64[i]);
  mixb(d64, sizeof d64);
  for (int i = 0; i < N; i++) d64[i] = (int64_t)((uint64_t)b64[i] * (uint64_t)c64[i]);
  mixb(d64, sizeof d64);
  for (int i = 0; i < N; i++) d64[i] = b64[i] >> 13;
  mixb(d64, sizeof d64);
  for (int i = 0; i < N; i++) u64[i] = u64[i] >> (i & 63) ^ (u64[i] << 7);
  mixb(u64, sizeof u64);
  for (int i = 0; i < N; i++) d64[i] = b64[i] < c64[i] ? b64[i] : c64[i];
  mixb(d64, sizeof d64);
  uint64_t s = 0, x = 0;
  for (int i = 0; i < N; i++) { s += u64[i]; x ^= (uint64_t)b64[i]; }
  mix(s); mix(x);
  report("int64");
}

__attribute__((noinline)) static void float_ops(void) {
  for (int i = 0; i < N; i++) h32[i] = f32[i] * 2.5f + g32[i];
  mixb(h32, sizeof h32);
  for (int i = 0; i < N; i++) h32[i] = f32[i] / (g32[i] + 0.5f);
  mixb(h32, sizeof h32);
  for (int i = 0; i < N; i++) h32[i] = f32[i] < g32[i] ? f32[i] : g32[i];
  mixb(h32, sizeof h32);
  for (int i = 0; i < N; i++) h32[i] = __builtin_sqrtf(f32[i] < 0 ? -f32[i] : f32[i]);
  mixb(h32, sizeof h32);
  for (int i = 0; i < N; i++) d32[i] = (int32_t)f32[i];
  mixb(d32, sizeof d32);
  for (int i = 0; i < N; i++) h32[i] = (float)b32[i];
  mixb(h32, sizeof h32);
  for (int i = 0; i < N; i++) h32[i] = (float)u32[i];
  mixb(h32, sizeof h32);
  for (int i = 0; i < N; i++) h64[i] = (double)f32[i] * g64[i];
  mixb(h64, sizeof h64);
  for (int i = 0; i < N; i++) h32[i] = (float)(f64[i] * 0.001);
  mixb(h32, sizeof h32);
  float fs = 0;
  for (int i = 0; i < N; i++) fs += f32[i] * g32[i];
  mixb(&fs, 4);
  report("float");
}

__attribute__((noinline)) static void double_ops(void) {
  for (int i = 0; i < N; i++) h64[i] = f64[i] * 1.0000001 + g64[i];
  mixb(h64, sizeof h64);
  for (int i = 0; i < N; i++) h64[i] = f64[i] / (g64[i] - 0.0625);
  mixb(h64, sizeof h64);
  for (int i = 0; i < N; i++) h64[i] = f64[i] > g64[i] ? f64[i] - g64[i] : g64[i];
  mixb(h64, sizeof h64);
  for (int i = 0; i < N; i++) h64[i] = __builtin_sqrt(f64[i] * f64[i] + g64[i]);
  mixb(h64, sizeof h64);
  for (int i = 0; i < N; i++) d64[i] = (int64_t)(f64[i] * 1e6);
  mixb(d64, sizeof d64);
  for (int i = 0; i < N; i++) h64[i] = (double)b64[i];
  mixb(h64, sizeof h64);
  for (int i = 0; i < N; i++) h64[i] = (double)u64[i];
  mixb(h64, sizeof h64);
  for (int i = 0; i < N; i++) d32[i] = (int32_t)(g64[i] * 1000.0);
  mixb(d32, sizeof d32);
  for (int i = 0; i < N; i++) h64[i] = __builtin_fabs(f64[i]) + __builtin_copysign(1.0, g64[i]);
  mixb(h64, sizeof h64);
  for (int i = 0; i < N; i++) h64[i] = __builtin_floor(f64[i]) + __builtin_ceil(g64[i] * 3.3) + __builtin_trunc(f64[i] / 7);
  mixb(h64, sizeof h64);
  double s = 0, p = 1;
  for (int i = 0; i < N; i++) { s += f64[i] * g64[i]; p *= 1.0 + g64[i] * 1e-3; }
  mixb(&s, 8); mixb(&p, 8);
  printf("  dot %.17g product %.17g\n", s, p);
  report("double");
}

/* saxpy and a stencil, the textbook vectorizer cases. */
__attribute__((noinline)) static void kernels(void) {
  static float y[N];
  static double z[N + 2];
  for (int i = 0; i < N; i++) y[i] = (float)i * 0.5f;
  for (int r = 0; r < 8; r++)
    for (int i = 0; i < N; i++) y[i] = 1.0009765625f * f32[i] + y[i] * 0.5f;
  mixb(y, sizeof y);
  for (int i = 0; i < N + 2; i++) z[i] = (double)(i % 13);
  for (int r = 0; r < 8; r++)
    for (int i = 1; i <= N; i++) z[i] = (z[i - 1] + 2 * z[i] + z[i + 1]) * 0.25;
  mixb(z, sizeof z);
  /* Byte histogram and a memchr-style search loop. */
  unsigned hist[256] = {0};
  for (int i = 0; i < N; i++) hist[u8[i]]++;
  mixb(hist, sizeof hist);
  int first = -1;
  for (int i = 0; i < N; i++) if (u8[i] == 0x42 && v8[i] > 0x80) { first = i; break; }
  mix((uint64_t)first);
  /* Strided and reversed accesses, interleaved complex numbers. */
  static float re[N], im[N], cx[2 * N];
  for (int i = 0; i < N; i++) { cx[2 * i] = f32[i]; cx[2 * i + 1] = g32[i]; }
  for (int i = 0; i < N; i++) {
    re[i] = cx[2 * i] * cx[2 * (N - 1 - i)] - cx[2 * i + 1] * cx[2 * (N - 1 - i) + 1];
    im[i] = cx[2 * i] * cx[2 * (N - 1 - i) + 1] + cx[2 * i + 1] * cx[2 * (N - 1 - i)];
  }
  mixb(re, sizeof re); mixb(im, sizeof im);
  for (int i = 0; i < N; i++) d32[N - 1 - i] = b32[i] ^ (int32_t)i;
  mixb(d32, sizeof d32);
  report("kernels");
}

int main(void) {
  hash = 0xcbf29ce484222325ull;
  fill();
  int8_ops();
  int16_ops();
  int32_ops();
  int64_ops();
  float_ops();
  double_ops();
  kernels();
  return 0;
}
