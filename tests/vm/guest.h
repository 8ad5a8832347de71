/* guest.h: build a static guest program from C source, for the C tests
 * that run a real Linux program in the VM (test-wait*, test-sigproxy).
 *
 * guest_build() writes src to a temporary .c file and compiles it with
 * $CC_GUEST (default cc) -static -O1 into prog, a path made from the
 * template prog (mkstemp's "XXXXXX"; rewritten in place, at most 63
 * bytes). Returns 1 when built; 0 when no static guest can be built (no
 * compiler, no static libc): the caller skips (exit 77). A second call
 * with the same prog rebuilds it from other source. */
#ifndef BLINK_TESTS_GUEST_H
#define BLINK_TESTS_GUEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int guest_build(char *prog, const char *src) {
  if (strstr(prog, "XXXXXX")) {
    int fd = mkstemp(prog);
    if (fd < 0) return 0;
    close(fd);
  }
  char cpath[80], cmd[300];
  snprintf(cpath, sizeof(cpath), "%s.c", prog);
  FILE *f = fopen(cpath, "w");
  if (!f) return 0;
  fputs(src, f);
  fclose(f);
  const char *cc = getenv("CC_GUEST") ? getenv("CC_GUEST") : "cc";
  snprintf(cmd, sizeof(cmd), "%s -static -O1 -o %s %s 2>/dev/null", cc, prog,
           cpath);
  int built = system(cmd) == 0;
  unlink(cpath);
  if (!built) unlink(prog);
  return built;
}

#endif
