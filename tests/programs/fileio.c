/* fileio: files and directories in a fresh temporary directory: mkdir,
 * open/write/read/lseek/pread/pwrite, fstat/stat/lstat, rename, unlink,
 * rmdir, symlink/readlink, opendir/readdir, stdio buffering, dup and
 * errors (ENOENT, EEXIST, EBADF, ENOTDIR). Prints only contents, sizes,
 * types and errno names, never times, inode numbers or names of the
 * temporary directory. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

#define SHOW(expr)                                                       \
  do {                                                                   \
    errno = 0;                                                           \
    long r_ = (long)(expr);                                              \
    printf("%-50s = %ld%s%s\n", #expr, r_, errno ? " errno " : "",      \
           errno ? strerror(errno) : "");                                \
  } while (0)

int main(void) {
  char tmpl[] = "blink-fileio-XXXXXX";
  if (!mkdtemp(tmpl)) { perror("mkdtemp"); return 1; }
  if (chdir(tmpl)) { perror("chdir"); return 1; }

  SHOW(mkdir("sub", 0755));
  SHOW(mkdir("sub", 0755));
  int fd = open("sub/a.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
  printf("open ok %d\n", fd >= 0);
  char data[10000];
  for (int k = 0; k < (int)sizeof data; k++) data[k] = 'A' + k % 23;
  SHOW(write(fd, data, sizeof data));
  SHOW(lseek(fd, 0, SEEK_CUR));
  SHOW(lseek(fd, 100, SEEK_SET));
  char in[64] = {0};
  SHOW(read(fd, in, 20));
  printf("read: %.20s\n", in);
  SHOW(lseek(fd, -5, SEEK_END));
  SHOW(read(fd, in, 64));
  SHOW(read(fd, in, 64));
  SHOW(pwrite(fd, "HELLO", 5, 3));
  SHOW(pread(fd, in, 10, 0));
  printf("pread: %.10s\n", in);
  SHOW(lseek(fd, 20000, SEEK_SET));
  SHOW(write(fd, "end", 3));
  struct stat st;
  SHOW(fstat(fd, &st));
  printf("size %lld reg %d mode %o blocks>0 %d\n", (long long)st.st_size,
         S_ISREG(st.st_mode), st.st_mode & 0777, st.st_blocks > 0);
  SHOW(pread(fd, in, 4, 15000));
  printf("hole bytes %d %d %d %d\n", in[0], in[1], in[2], in[3]);
  SHOW(ftruncate(fd, 50));
  SHOW(fstat(fd, &st));
  printf("size after truncate %lld\n", (long long)st.st_size);
  int fd2 = dup(fd);
  SHOW(lseek(fd2, 0, SEEK_CUR));
  SHOW(close(fd2));
  SHOW(close(fd));
  SHOW(close(fd));
  SHOW(stat("sub", &st));
  printf("dir %d\n", S_ISDIR(st.st_mode));
  SHOW(stat("nope", &st));
  SHOW(open("nope/x", O_RDONLY));
  SHOW(open("sub/a.txt/x", O_RDONLY));
  SHOW(rename("sub/a.txt", "sub/b.txt"));
  SHOW(access("sub/a.txt", F_OK));
  SHOW(access("sub/b.txt", R_OK | W_OK));
  SHOW(symlink("b.txt", "sub/link"));
  char lnk[64] = {0};
  SHOW(readlink("sub/link", lnk, sizeof lnk));
  printf("link -> %s\n", lnk);
  SHOW(lstat("sub/link", &st));
  printf("lnk %d\n", S_ISLNK(st.st_mode));
  SHOW(stat("sub/link", &st));
  printf("follows to size %lld\n", (long long)st.st_size);

  /* stdio: fprintf, fgets, fread, fseek, ftell. */
  FILE *f = fopen("sub/c.txt", "w+");
  for (int k = 0; k < 1000; k++) fprintf(f, "line %d %x\n", k, k * k);
  printf("ftell %ld\n", ftell(f));
  rewind(f);
  char line[64];
  int lines = 0;
  unsigned long sum = 0;
  while (fgets(line, sizeof line, f)) {
    lines++;
    for (char *p = line; *p; p++) sum = sum * 33 + (unsigned char)*p;
  }
  printf("lines %d sum %lx eof %d\n", lines, sum, feof(f) != 0);
  fseek(f, -12, SEEK_END);
  size_t got = fread(line, 1, 12, f);
  printf("tail %zu [%.*s]\n", got, (int)got - 1, line);
  fclose(f);

  for (int k = 0; k < 12; k++) {
    char name[32];
    snprintf(name, sizeof name, "sub/f%02d", (k * 7) % 12);
    close(open(name, O_CREAT | O_WRONLY, 0600));
  }
  DIR *d = opendir("sub");
  if (!d) { perror("opendir"); return 1; }
  char *names[64];
  int nn = 0;
  struct dirent *e;
  while ((e = readdir(d)) && nn < 64) {
    names[nn++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, nn, sizeof(char *), cmp);
  for (int k = 0; k < nn; k++) printf("entry %s\n", names[k]);
  for (int k = 0; k < nn; k++) {
    if (names[k][0] == '.') continue;
    char path[80];
    snprintf(path, sizeof path, "sub/%s", names[k]);
    if (unlink(path)) printf("unlink %s: %s\n", names[k], strerror(errno));
  }
  SHOW(rmdir("sub"));
  SHOW(rmdir("sub"));
  SHOW(chdir(".."));
  SHOW(rmdir(tmpl));
  char cwd[4096];
  printf("getcwd ok %d\n", getcwd(cwd, sizeof cwd) != NULL);
  return 0;
}
