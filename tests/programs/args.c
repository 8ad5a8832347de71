/* args: argv and the environment as the program sees them, plus the
 * auxiliary vector entries whose values are deterministic.
 *@args alpha "beta gamma" -x --long=1 '' 'quote"s' final
 */
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

extern char **environ;

int main(int argc, char **argv) {
  printf("argc %d\n", argc);
  for (int k = 1; k < argc; k++) printf("argv[%d] [%s]\n", k, argv[k]);
  printf("argv[argc] %s\n", argv[argc] ? "non-null" : "null");
  int n = 0;
  for (char **e = environ; *e; e++) printf("env [%s]\n", *e), n++;
  printf("%d variables\n", n);
  printf("pagesz %lu\n", getauxval(AT_PAGESZ));
  printf("has random %d\n", getauxval(AT_RANDOM) != 0);
  printf("has entry %d phnum>0 %d\n", getauxval(AT_ENTRY) != 0,
         getauxval(AT_PHNUM) > 0);
  printf("secure %lu\n", getauxval(AT_SECURE));
  const char *pl = (const char *)getauxval(AT_PLATFORM);
  printf("platform %s\n", pl ? pl : "(none)");
  return 0;
}
