/* demo.c: a small guest program to show blink (and later blinkenlights)
 * running something pleasant.
 *
 * It draws the Mandelbrot set in fixed-point integer arithmetic, so every
 * pixel is a few thousand multiplies, shifts, compares and branches (a
 * nice thing to watch in the debugger), then prints a few number tables.
 * Built by `make` as a static program: `./blink examples/demo`. */
#include <stdint.h>
#include <stdio.h>

enum { WIDTH = 72, HEIGHT = 24, MAXITER = 200 };

/* Numbers are 4.28 fixed point: a 64-bit product of two of them still
 * has room for |z|^2 up to 4 (escape radius 2) without overflow. */
#define FRAC 28
#define ONE ((int64_t)1 << FRAC)

static int escape_time(int64_t cr, int64_t ci) {
  int64_t zr = 0, zi = 0;
  for (int n = 0; n < MAXITER; n++) {
    int64_t rr = (zr * zr) >> FRAC, ii = (zi * zi) >> FRAC;
    if (rr + ii > 4 * ONE) return n;
    zi = ((zr * zi) >> (FRAC - 1)) + ci;
    zr = rr - ii + cr;
  }
  return MAXITER;
}

static void mandelbrot(void) {
  /* Outside the set, shade by the square root of the escape time: the
   * bands then widen towards the boundary, as the eye expects. */
  static const char shades[] = " .,:;-=+*%#";
  /* The view: real -2.2 .. 0.8, imaginary -1.2 .. 1.2. */
  int64_t x0 = -22 * ONE / 10, dx = 30 * ONE / 10 / WIDTH;
  int64_t y0 = 12 * ONE / 10, dy = 24 * ONE / 10 / HEIGHT;
  for (int y = 0; y < HEIGHT; y++) {
    char line[WIDTH + 1];
    for (int x = 0; x < WIDTH; x++) {
      int n = escape_time(x0 + x * dx, y0 - y * dy);
      int band = 0;
      while (band < (int)sizeof(shades) - 2 && band * band < n) band++;
      line[x] = n == MAXITER ? '@' : shades[band];
    }
    line[WIDTH] = 0;
    printf("  %s\n", line);
  }
}

static void primes(void) {
  char sieve[100] = {0};
  printf("  primes below 100:");
  for (int i = 2; i < 100; i++) {
    if (sieve[i]) continue;
    printf(" %d", i);
    for (int j = i * i; j < 100; j += i) sieve[j] = 1;
  }
  printf("\n");
}

static void fibonacci(void) {
  uint64_t a = 0, b = 1;
  printf("  fibonacci:");
  for (int i = 0; i < 16; i++) {
    uint64_t t = a + b;
    printf(" %llu", (unsigned long long)a);
    a = b;
    b = t;
  }
  printf(" ... F(90) = ");
  a = 0, b = 1;
  for (int i = 0; i < 90; i++) {
    uint64_t t = a + b;
    a = b;
    b = t;
  }
  printf("%llu\n", (unsigned long long)a);
}

int main(void) {
  printf("\n  Blinkenlights: an x86-64 Linux program, running in a virtual "
         "machine.\n\n");
  mandelbrot();
  printf("\n");
  primes();
  fibonacci();
  printf("\n  Goodbye from the guest.\n\n");
  return 0;
}
