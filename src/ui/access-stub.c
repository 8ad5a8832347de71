/* access-stub.c: TEMPORARY, on branch wip/layout only. vm_last_access()
 * is declared in src/vm/debug.h and implemented on wip/vmbreak; until
 * that lands this weak definition ("no access seen") lets blinkenlights
 * link. The real one in libvm.a overrides it. Delete this file (and its
 * Makefile.am line) when merging wip/vmbreak. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <string.h>

#include "vm/debug.h"

__attribute__((weak)) void vm_last_access(struct Machine *m,
                                          struct VmAccess *out) {
  (void)m;
  memset(out, 0, sizeof(*out));
}
