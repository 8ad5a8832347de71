/* overlays.c: BLINK_OVERLAYS and -C: where the guest's absolute paths
 * lie on the host.
 *
 * The guest's root is a list of host directories, searched in order like
 * $PATH (the reference README's BLINK_OVERLAYS): the empty entry is the
 * host's own /, a relative entry is made absolute once at startup. The
 * default ":o" looks in / first and then in ./o. An absolute guest path
 * goes to the first overlay where it exists; when it exists in none (a
 * file about to be created), to the first overlay. A single non-empty
 * overlay is a chroot without privileges, which is what -C sets.
 *
 * Not translated: relative paths (they follow the host cwd, which -C
 * sets to the root), and /proc/..., /dev/... and /sys/... when no overlay
 * has them, so that a bare root directory still has /dev/null and the
 * process files.
 *
 * Under a single overlay (-C), symbolic links are resolved here, one
 * component at a time inside the root, so that an absolute link in the
 * root (Debian's /lib64/ld-linux-x86-64.so.2 -> /lib/...) stays in it
 * and ".." stops at the root. The last component's link is followed only
 * when the caller asks (sys_host_path_follow: open without O_NOFOLLOW,
 * the loader); other calls leave it to the host kernel, which follows a
 * relative link correctly and an absolute one against the host's / (a
 * known gap for stat and friends of such a link). With several overlays
 * the host kernel resolves links in whichever overlay has the path. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "linux-abi.h"
#include "sys.h"
#include "vm.h"

#define MAX_OVERLAYS 16

static char *overlays[MAX_OVERLAYS];
static int n_overlays = -1;   /* -1: not set up yet (the default applies) */
static int trivial;           /* just "": no translation at all */

int sys_overlays_set(const char *spec) {
  for (int k = 0; k < n_overlays; ++k) free(overlays[k]);
  n_overlays = 0;
  trivial = 0;
  char cwd[PATH_MAX];
  if (!getcwd(cwd, sizeof(cwd))) cwd[0] = 0;
  for (const char *p = spec;;) {
    const char *colon = strchr(p, ':');
    size_t n = colon ? (size_t)(colon - p) : strlen(p);
    if (n_overlays == MAX_OVERLAYS) return -1;
    char dir[PATH_MAX];
    int k;
    if (!n) k = snprintf(dir, sizeof(dir), "%s", "");
    else if (p[0] == '/') k = snprintf(dir, sizeof(dir), "%.*s", (int)n, p);
    else k = snprintf(dir, sizeof(dir), "%s/%.*s", cwd, (int)n, p);
    if (k < 0 || (size_t)k >= sizeof(dir)) return -1;
    while (k > 0 && dir[k - 1] == '/') dir[--k] = 0;  /* "/" is "" */
    /* Symbolic links resolved, so that getcwd's answers can be matched. */
    char real[PATH_MAX];
    if (k && realpath(dir, real)) snprintf(dir, sizeof(dir), "%s", real);
    if (!strcmp(dir, "/")) dir[0] = 0;
    if (!(overlays[n_overlays++] = strdup(dir))) return -1;
    if (!colon) break;
    p = colon + 1;
  }
  trivial = n_overlays == 1 && !overlays[0][0];
  return 0;
}

static void overlays_default(void) {
  if (n_overlays >= 0) return;
  const char *env = getenv("BLINK_OVERLAYS");
  if (sys_overlays_set(env ? env : ":o")) sys_overlays_set("");
}

static int host_only(const char *p) {
  return !strncmp(p, "/proc/", 6) || !strcmp(p, "/proc") ||
         !strncmp(p, "/dev/", 5) || !strcmp(p, "/dev") ||
         !strncmp(p, "/sys/", 5) || !strcmp(p, "/sys");
}

/* Drop the last component of a resolved guest path ("" is /). */
static void drop_last(char *res) {
  char *slash = strrchr(res, '/');
  if (slash) *slash = 0;
}

/* guest (absolute) resolved inside root, links included (the last one
 * only with follow): root + the resolved path in out. */
static int resolve_in_root(const char *root, const char *guest, char *out,
                           size_t n, int follow) {
  char rest[PATH_MAX], res[PATH_MAX] = "", host[PATH_MAX * 2];
  size_t rl = strlen(guest);
  if (rl >= sizeof(rest)) return -L_ENAMETOOLONG;
  memcpy(rest, guest, rl + 1);
  int links = 0;
  const char *p = rest;
  for (;;) {
    while (*p == '/') ++p;
    if (!*p) break;
    const char *end = strchr(p, '/');
    size_t cl = end ? (size_t)(end - p) : strlen(p);
    const char *after = p + cl;
    while (*after == '/') ++after;
    int last = !*after;
    if (cl == 1 && p[0] == '.') {
      p = after;
      continue;
    }
    if (cl == 2 && p[0] == '.' && p[1] == '.') {
      drop_last(res);
      p = after;
      continue;
    }
    size_t have = strlen(res);
    if (have + 1 + cl >= sizeof(res)) return -L_ENAMETOOLONG;
    res[have] = '/';
    memcpy(res + have + 1, p, cl);
    res[have + 1 + cl] = 0;
    p = after;
    if (last && !follow) break;
    snprintf(host, sizeof(host), "%s%s", root, res);
    struct stat st;
    if (lstat(host, &st) || !S_ISLNK(st.st_mode)) continue;
    if (++links > 40) return -40; /* ELOOP */
    char target[PATH_MAX], next[PATH_MAX];
    ssize_t tl = readlink(host, target, sizeof(target) - 1);
    if (tl <= 0) continue;
    target[tl] = 0;
    int k = snprintf(next, sizeof(next), "%s/%s", target, p);
    if (k < 0 || (size_t)k >= sizeof(next)) return -L_ENAMETOOLONG;
    if (target[0] == '/') res[0] = 0;
    else drop_last(res);
    memcpy(rest, next, (size_t)k + 1);
    p = rest;
  }
  int k = snprintf(out, n, "%s%s", root, res[0] ? res : "/");
  if (k < 0 || (size_t)k >= n) return -L_ENAMETOOLONG;
  return 0;
}

static int host_path(const char *guest, char *out, size_t n, int follow);

int sys_host_path(const char *guest, char *out, size_t n) {
  return host_path(guest, out, n, 0);
}

int sys_host_path_follow(const char *guest, char *out, size_t n) {
  return host_path(guest, out, n, 1);
}

static int host_path(const char *guest, char *out, size_t n, int follow) {
  overlays_default();
  size_t len = strlen(guest);
  if (guest[0] != '/' || trivial) {
    if (len >= n) return -L_ENAMETOOLONG;
    memcpy(out, guest, len + 1);
    return 0;
  }
  if (n_overlays == 1) {
    int rc = resolve_in_root(overlays[0], guest, out, n, follow);
    struct stat st;
    if (rc || !host_only(guest) || !lstat(out, &st)) return rc;
    if (len >= n) return -L_ENAMETOOLONG;
    memcpy(out, guest, len + 1);  /* /dev/null in a root without /dev */
    return 0;
  }
  int first = -1;
  for (int k = 0; k < n_overlays; ++k) {
    char cand[PATH_MAX];
    int c = snprintf(cand, sizeof(cand), "%s%s", overlays[k], guest);
    if (c < 0 || (size_t)c >= sizeof(cand) || (size_t)c >= n) continue;
    if (first < 0) first = k;
    struct stat st;
    if (!lstat(cand, &st)) {
      memcpy(out, cand, (size_t)c + 1);
      return 0;
    }
  }
  if (host_only(guest)) first = -1;
  if (first < 0) {
    if (!host_only(guest)) return -L_ENAMETOOLONG;
    if (len >= n) return -L_ENAMETOOLONG;
    memcpy(out, guest, len + 1);
    return 0;
  }
  snprintf(out, n, "%s%s", overlays[first], guest);
  return 0;
}

int sys_guest_path(const char *host, char *out, size_t n) {
  overlays_default();
  const char *g = host;
  for (int k = 0; !trivial && k < n_overlays; ++k) {
    size_t dl = strlen(overlays[k]);
    if (dl && !strncmp(host, overlays[k], dl) &&
        (host[dl] == '/' || !host[dl])) {
      g = host[dl] ? host + dl : "/";
      break;
    }
  }
  if (strlen(g) >= n) return -L_ENAMETOOLONG;
  strcpy(out, g);
  return 0;
}

const char *sys_chroot_dir(void) {
  overlays_default();
  return n_overlays == 1 && overlays[0][0] ? overlays[0] : NULL;
}

int vm_set_overlays(const char *spec) { return sys_overlays_set(spec); }
