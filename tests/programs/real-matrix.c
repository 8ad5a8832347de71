/* real-matrix: numerical kernels: matrix multiply in double, float and
 * integers (the loops -O3 vectorizes and unrolls), LU decomposition with
 * partial pivoting and a solve, a radix-2 complex FFT and its inverse,
 * a Runge-Kutta integration, Kahan summation, a Mandelbrot set and
 * Horner polynomials. Results print with all digits (%.17g or %a), so
 * one wrong rounding in a mulsd or a different operation order shows;
 * -mfpmath=387 builds compute in x87 registers instead. */
#include <complex.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define N 48

static uint64_t rng = 0x9fb21c651e98df25ull;
static double urand(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (double)(rng >> 11) / 9007199254740992.0;
}

static uint64_t hash;
static void mixd(double d) {
  uint64_t u;
  memcpy(&u, &d, 8);
  hash ^= u;
  hash *= 0x100000001b3ull;
  hash ^= hash >> 29;
}
static void report(const char *name) {
  printf("%-12s %016llx\n", name, (unsigned long long)hash);
  hash = 0xcbf29ce484222325ull;
}

static double A[N][N], B[N][N], C[N][N];
static float Af[N][N], Bf[N][N], Cf[N][N];
static int32_t Ai[N][N], Bi[N][N], Ci[N][N];
static int64_t Al[N][N], Cl[N][N];

__attribute__((noinline)) static void matmul(void) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      A[i][j] = urand() * 2 - 1;
      B[i][j] = urand() * 2 - 1;
      Af[i][j] = (float)A[i][j];
      Bf[i][j] = (float)B[i][j];
      Ai[i][j] = (int32_t)(A[i][j] * 1000);
      Bi[i][j] = (int32_t)(B[i][j] * 1000);
      Al[i][j] = (int64_t)(A[i][j] * 4e9);
    }
  memset(C, 0, sizeof C);
  for (int i = 0; i < N; i++)
    for (int k = 0; k < N; k++)
      for (int j = 0; j < N; j++) C[i][j] += A[i][k] * B[k][j];
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) mixd(C[i][j]);
  printf("  C[0][0] %.17g C[%d][%d] %.17g\n", C[0][0], N - 1, N - 1, C[N - 1][N - 1]);
  report("dgemm");
  memset(Cf, 0, sizeof Cf);
  for (int i = 0; i < N; i++)
    for (int k = 0; k < N; k++)
      for (int j = 0; j < N; j++) Cf[i][j] += Af[i][k] * Bf[k][j];
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) mixd(Cf[i][j]);
  printf("  Cf[1][2] %.9g\n", Cf[1][2]);
  report("sgemm");
  memset(Ci, 0, sizeof Ci);
  for (int i = 0; i < N; i++)
    for (int k = 0; k < N; k++)
      for (int j = 0; j < N; j++) Ci[i][j] += Ai[i][k] * Bi[k][j];
  memset(Cl, 0, sizeof Cl);
  for (int i = 0; i < N; i++)
    for (int k = 0; k < N; k++)
      for (int j = 0; j < N; j++) Cl[i][j] += Al[i][k] * (int64_t)Bi[k][j];
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      mixd((double)Ci[i][j]);
      mixd((double)Cl[i][j]);
    }
  printf("  Ci[3][4] %d Cl[5][6] %lld\n", Ci[3][4], (long long)Cl[5][6]);
  report("igemm");
}

__attribute__((noinline)) static void lu(void) {
  static double M[N][N], b[N], x[N];
  int perm[N];
  for (int i = 0; i < N; i++) {
    for (int j = 0; j < N; j++) M[i][j] = A[i][j] + (i == j ? 4 : 0);
    b[i] = urand();
    perm[i] = i;
  }
  for (int k = 0; k < N; k++) {
    int p = k;
    for (int i = k + 1; i < N; i++)
      if (fabs(M[i][k]) > fabs(M[p][k])) p = i;
    if (p != k) {
      for (int j = 0; j < N; j++) {
        double t = M[k][j];
        M[k][j] = M[p][j];
        M[p][j] = t;
      }
      int t = perm[k];
      perm[k] = perm[p];
      perm[p] = t;
    }
    for (int i = k + 1; i < N; i++) {
      M[i][k] /= M[k][k];
      for (int j = k + 1; j < N; j++) M[i][j] -= M[i][k] * M[k][j];
    }
  }
  double det = 1;
  for (int i = 0; i < N; i++) det *= M[i][i];
  /* Forward and back substitution on the permuted right-hand side. */
  for (int i = 0; i < N; i++) {
    double s = b[perm[i]];
    for (int j = 0; j < i; j++) s -= M[i][j] * x[j];
    x[i] = s;
  }
  for (int i = N - 1; i >= 0; i--) {
    double s = x[i];
    for (int j = i + 1; j < N; j++) s -= M[i][j] * x[j];
    x[i] = s / M[i][i];
  }
  double resid = 0;
  for (int i = 0; i < N; i++) {
    double s = -b[i];
    for (int j = 0; j < N; j++) s += (A[i][j] + (i == j ? 4 : 0)) * x[j];
    resid = fmax(resid, fabs(s));
    mixd(x[i]);
  }
  printf("  det %.17g x0 %.17g resid %.3g\n", det, x[0], resid);
  report("lu");
}

__attribute__((noinline)) static void fft(void) {
  enum { L = 1024 };
  static double complex z[L], orig[L];
  for (int i = 0; i < L; i++) {
    orig[i] = z[i] = sin(i * 0.05) + 0.5 * cos(i * 0.31) + (urand() - 0.5) * 0.1 + I * (i % 7) * 0.01;
  }
  for (int dir = -1; dir <= 1; dir += 2) {
    /* Bit reversal, then butterflies. */
    for (int i = 1, j = 0; i < L; i++) {
      int bit = L >> 1;
      for (; j & bit; bit >>= 1) j ^= bit;
      j ^= bit;
      if (i < j) {
        double complex t = z[i];
        z[i] = z[j];
        z[j] = t;
      }
    }
    for (int len = 2; len <= L; len <<= 1) {
      double ang = dir * 2 * M_PI / len;
      double complex wl = cos(ang) + I * sin(ang);
      for (int i = 0; i < L; i += len) {
        double complex w = 1;
        for (int k = 0; k < len / 2; k++) {
          double complex u = z[i + k], v = z[i + k + len / 2] * w;
          z[i + k] = u + v;
          z[i + k + len / 2] = u - v;
          w *= wl;
        }
      }
    }
    if (dir < 0) {
      int peak = 1;
      for (int i = 1; i < L / 2; i++)
        if (cabs(z[i]) > cabs(z[peak])) peak = i;
      printf("  spectrum peak at %d |%.17g| phase %.17g\n", peak, cabs(z[peak]), carg(z[peak]));
      for (int i = 0; i < L; i++) { mixd(creal(z[i])); mixd(cimag(z[i])); }
    }
  }
  double err = 0;
  for (int i = 0; i < L; i++) err = fmax(err, cabs(z[i] / L - orig[i]));
  printf("  inverse error %.3g\n", err);
  report("fft");
}

__attribute__((noinline)) static void ode(void) {
  /* Lorenz system, RK4, fixed step. */
  double x = 1, y = 1, z = 1, h = 0.005;
#define FX(x, y, z) (10 * ((y) - (x)))
#define FY(x, y, z) ((x) * (28 - (z)) - (y))
#define FZ(x, y, z) ((x) * (y) - 8.0 / 3 * (z))
  for (int i = 0; i < 2000; i++) {
    double k1x = FX(x, y, z), k1y = FY(x, y, z), k1z = FZ(x, y, z);
    double k2x = FX(x + h / 2 * k1x, y + h / 2 * k1y, z + h / 2 * k1z);
    double k2y = FY(x + h / 2 * k1x, y + h / 2 * k1y, z + h / 2 * k1z);
    double k2z = FZ(x + h / 2 * k1x, y + h / 2 * k1y, z + h / 2 * k1z);
    double k3x = FX(x + h / 2 * k2x, y + h / 2 * k2y, z + h / 2 * k2z);
    double k3y = FY(x + h / 2 * k2x, y + h / 2 * k2y, z + h / 2 * k2z);
    double k3z = FZ(x + h / 2 * k2x, y + h / 2 * k2y, z + h / 2 * k2z);
    double k4x = FX(x + h * k3x, y + h * k3y, z + h * k3z);
    double k4y = FY(x + h * k3x, y + h * k3y, z + h * k3z);
    double k4z = FZ(x + h * k3x, y + h * k3y, z + h * k3z);
    x += h / 6 * (k1x + 2 * k2x + 2 * k3x + k4x);
    y += h / 6 * (k1y + 2 * k2y + 2 * k3y + k4y);
    z += h / 6 * (k1z + 2 * k2z + 2 * k3z + k4z);
    if (i % 500 == 499) printf("  lorenz t=%.1f %a %a %a\n", (i + 1) * h, x, y, z);
  }
  report("ode");
}

__attribute__((noinline)) static void sums(void) {
  double naive = 0, kahan = 0, comp = 0, pairwise[64] = {0};
  for (int i = 1; i <= 100000; i++) {
    double v = 1.0 / ((double)i * i);
    naive += v;
    double y = v - comp, t = kahan + y;
    comp = (t - kahan) - y;
    kahan = t;
    pairwise[i % 64] += v;
  }
  double p = 0;
  for (int i = 0; i < 64; i++) p += pairwise[i];
  printf("  zeta(2) naive %.17g kahan %.17g pairwise %.17g\n", naive, kahan, p);
  /* Horner: a degree-12 polynomial over [-2, 2]. */
  static const double c[13] = {1, -0.5, 1.0 / 3, -0.25, 0.2, -1.0 / 6, 1.0 / 7, -0.125, 1.0 / 9, -0.1, 1.0 / 11, -1.0 / 12, 1.0 / 13};
  for (double x = -2; x <= 2; x += 1.0 / 16) {
    double r = c[12];
    for (int k = 11; k >= 0; k--) r = r * x + c[k];
    mixd(r);
  }
  /* Mandelbrot escape counts. */
  long total = 0;
  for (int py = 0; py < 40; py++)
    for (int px = 0; px < 60; px++) {
      double cr = -2.2 + px * 0.05, ci = -1.2 + py * 0.06, zr = 0, zi = 0;
      int k = 0;
      while (k < 100 && zr * zr + zi * zi <= 4) {
        double t = zr * zr - zi * zi + cr;
        zi = 2 * zr * zi + ci;
        zr = t;
        k++;
      }
      total += k;
      mixd(zr);
    }
  printf("  mandelbrot %ld\n", total);
  report("sums");
}

int main(void) {
  hash = 0xcbf29ce484222325ull;
  matmul();
  lu();
  fft();
  ode();
  sums();
  return 0;
}
