/* dynprog.c: built dynamically (glibc and musl), run natively and under
 * blink with outputs compared by tests/run-tests.sh (dyn/...). It checks
 * what the kernel tells a dynamically linked program: AT_BASE is the
 * dynamic loader's base (nonzero, page aligned), AT_ENTRY is the
 * program's own entry (not the loader's), AT_PHDR/AT_PHNUM describe the
 * program's headers (a PT_DYNAMIC among them), AT_PAGESZ is 4096,
 * AT_RANDOM and AT_EXECFN point at readable memory; /proc/self/exe names
 * this program; /proc/self/maps names the program, the loader and libc
 * (the basenames of its file mappings, sorted, and main's line is
 * r-xp); a libc function from the shared library works. With an
 * argument, prints that file's contents (the overlays test). */
#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern char _start[];

int main(int argc, char **argv) {
  if (argc > 1) {
    int fd = open(argv[1], O_RDONLY);
    if (fd < 0) {
      perror(argv[1]);
      return 1;
    }
    char buf[512];
    ssize_t n;
    while ((n = read(fd, buf, sizeof(buf))) > 0) fwrite(buf, 1, (size_t)n, stdout);
    close(fd);
    return 0;
  }
  unsigned long base = getauxval(AT_BASE), entry = getauxval(AT_ENTRY);
  unsigned long phdr = getauxval(AT_PHDR), phnum = getauxval(AT_PHNUM);
  printf("AT_BASE nonzero and aligned: %d\n", base && !(base & 4095));
  printf("AT_ENTRY is _start: %d\n", entry == (unsigned long)_start);
  printf("AT_PAGESZ: %lu\n", getauxval(AT_PAGESZ));
  int dyn = 0;
  const Elf64_Phdr *ph = (const Elf64_Phdr *)phdr;
  for (unsigned long k = 0; ph && k < phnum; ++k)
    if (ph[k].p_type == PT_DYNAMIC) dyn = 1;
  printf("AT_PHDR has PT_DYNAMIC: %d\n", dyn);
  const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
  unsigned sum = 0;
  for (int k = 0; rnd && k < 16; ++k) sum |= rnd[k];
  printf("AT_RANDOM readable, not all zero: %d\n", rnd && sum);
  const char *fn = (const char *)getauxval(AT_EXECFN);
  printf("AT_EXECFN ends in dynprog: %d\n",
         fn && strstr(fn, "dynprog") != NULL);
  char exe[PATH_MAX], real[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
  if (n > 0) exe[n] = 0;
  printf("/proc/self/exe is this program: %d\n",
         n > 0 && realpath(argv[0], real) && !strcmp(exe, real));
  FILE *maps = fopen("/proc/self/maps", "r");
  char line[4096], names[16][256];
  int nnames = 0, main_ok = 0;
  while (maps && fgets(line, sizeof(line), maps)) {
    unsigned long lo, hi;
    char perms[8];
    if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) != 3) continue;
    char *path = strchr(line, '/');
    if (!path) continue;
    path[strcspn(path, "\n")] = 0;
    if (lo <= (unsigned long)main && (unsigned long)main < hi)
      main_ok = !strcmp(perms, "r-xp") && !strcmp(path, real);
    const char *base = strrchr(path, '/') + 1;
    int seen = 0;
    for (int k = 0; k < nnames; ++k) seen |= !strcmp(names[k], base);
    if (!seen && nnames < 16) snprintf(names[nnames++], 256, "%s", base);
  }
  if (maps) fclose(maps);
  qsort(names, (size_t)nnames, sizeof(names[0]),
        (int (*)(const void *, const void *))strcmp);
  printf("/proc/self/maps files:");
  for (int k = 0; k < nnames; ++k) printf(" %s", names[k]);
  printf("\nmain is in an r-xp line naming the program: %d\n", main_ok);
  char *s = strdup("shared library call");
  printf("%s: %zu\n", s, strlen(s));
  free(s);
  return 0;
}
