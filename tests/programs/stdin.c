/* stdin: reads its standard input (a file the runner redirects) in odd
 * chunk sizes and prints counts and a checksum, then echoes a few lines
 * through stdio.
 *@stdin printf-int.c
 */
#include <stdio.h>
#include <unistd.h>

int main(void) {
  static char buf[8192];
  unsigned long bytes = 0, lines = 0, sum = 0;
  ssize_t n;
  size_t chunk = 1;
  while ((n = read(0, buf, chunk)) > 0) {
    for (ssize_t k = 0; k < n; k++) {
      lines += buf[k] == '\n';
      sum = sum * 131 + (unsigned char)buf[k];
    }
    bytes += n;
    chunk = chunk * 3 % 8191 + 1;
  }
  printf("bytes %lu lines %lu sum %016lx last read %zd\n", bytes, lines, sum,
         n);
  printf("lseek back %ld\n", (long)lseek(0, 0, SEEK_SET));
  char line[256];
  for (int k = 0; k < 3 && fgets(line, sizeof line, stdin); k++)
    fputs(line, stdout);
  return 0;
}
