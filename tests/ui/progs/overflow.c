/* overflow.c: the batch tests' C program, in the style of a real bug: a
 * buffer overflow in set_name() corrupts the pointer next to the buffer,
 * and main() crashes (SIGSEGV) dereferencing it much later. */
#include <stdio.h>

struct record {
  char name[16];
  int *count; /* overwritten by set_name's overflow */
};

static struct record rec;
int total;
int counter;

static int square(int x) {
  int y = x * x;
  return y;
}

static void set_name(struct record *r, const char *s) {
  unsigned long i;
  for (i = 0; s[i]; ++i)
    r->name[i] = s[i]; /* BUG: no bound check */
  r->name[i] = 0;
}

int main(void) {
  rec.count = &counter;
  for (int i = 1; i <= 3; ++i)
    total += square(i);
  set_name(&rec, "twenty characters!!!");
  *rec.count += total;
  printf("%d %d\n", counter, total);
  return 0;
}
