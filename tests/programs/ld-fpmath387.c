/* ld-fpmath387: float and double code compiled for the x87 unit
 * (-mfpmath=387, here by a target pragma) instead of SSE, as 32-bit-era
 * code and some numeric programs are. Doubles are then computed in 80-bit
 * registers and rounded when stored, which blink must reproduce exactly:
 * the results differ from SSE's in the last bits, and the native run is
 * the reference. Also exercises fild/fistp/fisttp conversions, fcomi
 * compares and fcmov that gcc emits for x87 code. */
#pragma GCC target("fpmath=387")
#include <stdio.h>

static unsigned long long seed = 0xdeadbeefcafef00dull;
static unsigned long long next(void) {
  seed ^= seed << 13;
  seed ^= seed >> 7;
  seed ^= seed << 17;
  return seed;
}

__attribute__((noinline)) static double poly(double x) {
  double s = 0, p = 1;
  for (int k = 0; k < 12; ++k) {
    s += p / (k + 1);
    p *= x;
  }
  return s;
}

__attribute__((noinline)) static float fdot(const float *a, const float *b,
                                            int n) {
  float s = 0;
  for (int k = 0; k < n; ++k) s += a[k] * b[k];
  return s;
}

__attribute__((noinline)) static double dmax(double a, double b) {
  return a > b ? a : b;
}

int main(void) {
  float fa[64], fb[64];
  for (int k = 0; k < 64; ++k) {
    fa[k] = (float)(next() % 100000) / 977.0f;
    fb[k] = (float)((long long)(next() % 100000) - 50000) / 131.0f;
  }
  printf("fdot %a\n", (double)fdot(fa, fb, 64));
  for (int t = 0; t < 200; ++t) {
    double x = (double)(long long)(next() % 2000001 - 1000000) / 65537.0;
    double y = (double)(next() >> 11) * 0x1p-40;
    long long i = (long long)(x * 1e9);
    int j = (int)(y * 3.7);
    unsigned u = (unsigned)(y * 1000.0);
    printf("%a %a %a %lld %d %u %a %d\n", poly(x / 1000), x * y + y / 3,
           dmax(x, y), i, j, u, (double)i / 7.0, x < y);
  }
  return 0;
}
