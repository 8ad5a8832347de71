/* unsupported.c: the one log line for a flag, command, request or option
 * a system call does not implement (sys.h: sys_unsupported). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 /* strerrorname_np */
#endif
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "log.h"
#include "sys.h"

int64_t sys_unsupported(const char *call, const char *what, uint64_t value,
                        int err, const char *where) {
  char key[96];
  snprintf(key, sizeof(key), "unsupported %s %s %#" PRIx64, call, what, value);
  const char *name = err ? strerrorname_np(err) : NULL;
  char result[24];
  if (!err) snprintf(result, sizeof(result), "ignored");
  else if (name) snprintf(result, sizeof(result), "-%s", name);
  else snprintf(result, sizeof(result), "-%d", err);
  /* blog_once: one line per key, from any thread (log.c locks) */
  blog_once(key, "%s%s%s: %s", key, where ? " " : "", where ? where : "",
            result);
  return -(int64_t)err;
}
