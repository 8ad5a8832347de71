/* demo.c: the program blinkenlights opens when you give it none.
 *
 * A short tour of a machine at work, in C and (demo-asm.S) assembly.
 * It runs in well under a second, always the same way, and prints a few
 * lines to the terminal panel. It is built with -O0 -g: at -O0 each C
 * statement becomes its own little run of instructions and every
 * variable lives in memory, so stepping follows the source line by line
 * and a watchpoint on a variable sees every store to it.
 *
 * Things to try (`?` lists every key; `:` opens the command line, where
 * gdb's commands work; try them in this order):
 *
 *  1. Step. Press s a few times: RIP moves, and the registers an
 *     instruction changed are highlighted. n steps over a call, f runs to
 *     the end of the current function, c runs animated, C at full speed.
 *  2. Break by name. `:break paint` then `:continue` (or start with
 *     `blinkenlights -b paint`). Step through paint()'s loop: the WRITE
 *     panel shows the message appear in the global `screen`.
 *  3. Assembly. `:break shout`, `:continue`: the source panel now shows
 *     demo-asm.S. shout() writes an upper-case copy of a string into
 *     `loud`, a buffer on the stack: watch the STACK panel fill up, and
 *     the flags panel as each compare sets CF and ZF. checksum() is a
 *     tight loop: RDI walks the buffer, RSI counts down, EAX mixes.
 *  4. Floating point. root2() computes in double, in the SSE registers
 *     (xmm0, xmm1); golden() in long double, on the x87 stack (st0..).
 *     A wide terminal (200x51 or more) shows both panels.
 *  5. Back in time. The game starts with 3 lives, yet the last lines say
 *     otherwise: something wrote to `lives`. Run to the end (C), then
 *     `:watch lives` and `:reverse-continue`: the machine runs backwards
 *     to the instruction that last wrote `lives` (memory, registers and
 *     all), and the source panel shows the guilty line. The frames panel
 *     shows who called it; `:reverse-step` and `:step` go back and forth
 *     from there, and the mouse wheel over the disassembly moves through
 *     the history too.
 *  6. `:break demo.c:LINE` stops at a line; `:x/s screen`, `:x/dw lives`
 *     and `:info registers` read the machine.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* In demo-asm.S. */
size_t shout(char *dst, const char *src);
uint32_t checksum(const void *p, size_t n);

/* A global buffer: what paint() writes here shows in the WRITE panel
 * (and `:x/32c &screen` prints it). */
char screen[32];

/* The player's lives. Only the start of the game should set them... */
int lives = 3;

/* Copies msg into screen, one character per turn of the loop. */
static void paint(const char *msg) {
  int i = 0;
  while (msg[i] != 0) {
    screen[i] = msg[i]; /* one byte stored: a glyph lights up */
    i = i + 1;
  }
  screen[i] = 0; /* C strings end with a zero byte */
}

/* The first n Fibonacci numbers, printed. At -O0 a and b live in the
 * stack frame, so each turn shows loads, an add and stores. */
static void fibonacci(int n) {
  uint64_t a = 0, b = 1;
  printf("  fibonacci:");
  for (int i = 0; i < n; i++) {
    uint64_t next = a + b;
    printf(" %llu", (unsigned long long)a);
    a = b;
    b = next;
  }
  printf("\n");
}

/* The square root of 2 by Newton's method, in double: SSE2 code
 * (divsd, addsd, mulsd on the xmm registers). Each turn doubles the
 * number of correct digits. */
static double root2(void) {
  double x = 1.0;
  for (int i = 0; i < 5; i++) x = (x + 2.0 / x) * 0.5;
  return x;
}

/* The golden ratio as the continued fraction 1 + 1/(1 + 1/(1 + ...)),
 * in long double: x87 code (fld1, fdivrp, faddp on the st registers). */
static long double golden(void) {
  long double phi = 1.0L;
  for (int i = 0; i < 40; i++) phi = 1.0L + 1.0L / phi;
  return phi;
}

/* Counts the vowels and the other letters of s into *vowels and
 * *others. It does what it is told; the bug is in what main() tells it. */
static void count_letters(const char *s, int *vowels, int *others) {
  int v = 0, o = 0;
  for (; *s; s++) {
    char c = *s | 0x20; /* to lower case (for letters) */
    if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u')
      v = v + 1;
    else if (c >= 'a' && c <= 'z')
      o = o + 1;
  }
  *vowels = v;
  *others = o; /* stores through the pointer it was given */
}

int main(void) {
  char loud[32]; /* on the stack: see the STACK panel */
  int vowels = 0, consonants = 0;

  printf("\n  Hello from the guest: an x86-64 Linux program running in a "
         "virtual machine.\n\n");

  paint("Blinkenlights!");
  size_t n = shout(loud, "hello, world");
  uint32_t sum = checksum(loud, n);
  printf("  %s: %s (%zu letters, checksum %08x)\n", screen, loud, n,
         (unsigned)sum);

  fibonacci(12);
  printf("  sqrt(2) = %.15f, golden ratio = %.18Lf\n", root2(), golden());

  /* The bug: the last argument should be &consonants. */
  count_letters(screen, &vowels, &lives);
  printf("  %s has %d vowels and %d consonants\n", screen, vowels,
         consonants);
  printf("  lives: %d (the game started with 3: who changed them?)\n",
         lives);

  printf("\n  Goodbye from the guest.\n\n");
  return 0;
}
