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
 * process files. Absolute symbolic links inside an overlay are followed
 * by the host kernel against the host's / (known gap: resolving links
 * component by component would fix it). */
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

int sys_host_path(const char *guest, char *out, size_t n) {
  overlays_default();
  size_t len = strlen(guest);
  if (guest[0] != '/' || trivial) {
    if (len >= n) return -L_ENAMETOOLONG;
    memcpy(out, guest, len + 1);
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
