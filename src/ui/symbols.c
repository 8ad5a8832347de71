/* symbols.c: the debugger's symbol table (src/dbg) follows what the
 * guest maps.
 *
 * The program's own symbols are read at the address the loader put it
 * (a static-pie runs at a bias, not at its link addresses), and every
 * file the guest later maps with PROT_EXEC (a shared object's code) is
 * added at its load bias; a munmap of all of it forgets it again. The
 * VM tells us through debug.h's map hook. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stdio.h>
#include <string.h>

#include "dbg/dbg.h"
#include "ui/ui.h"
#include "vm/debug.h"

#ifndef BLINK_DEMO_SRCDIR
#define BLINK_DEMO_SRCDIR ""
#endif

/* The first problem a mapping's file had (one table per process). */
static char map_err[256];

static void on_map(void *ctx, const char *path, uint64_t va, uint64_t len,
                   uint64_t offset, int prot) {
  struct DbgTable *t = ctx;
  char err[256];
  (void)prot;
  if (!path) {
    dbg_unmapped(t, va, len);
    return;
  }
  if (dbg_add_mapping(t, path, va, len, offset, err, sizeof(err)) != 0 &&
      err[0] && !map_err[0])
    snprintf(map_err, sizeof(map_err), "%s", err);
}

void ui_symbols_follow(struct Machine *m, struct DbgTable *t) {
  if (m && t) vm_set_map_hook(m, on_map, t);
}

struct DbgTable *ui_symbols_load(struct Machine *m, const char *prog,
                                 char *err, size_t errsize) {
  struct DbgTable *t = dbg_new();
  if (err && errsize) *err = 0;
  if (!t) {
    snprintf(err, errsize, "out of memory");
    return NULL;
  }
  /* Where an installed demo's sources are (DWARF names the build tree). */
  if (BLINK_DEMO_SRCDIR[0]) dbg_add_source_dir(t, BLINK_DEMO_SRCDIR);
  map_err[0] = 0;
  ui_symbols_follow(m, t); /* adds the program's executable segments */
  if (!dbg_module_count(t)) {
    /* A flat binary, or a program whose mapping could not be read back:
     * its file at its link addresses, as dbg_load() would. */
    if (dbg_add(t, prog, 0, err, errsize) == -1) {
      vm_set_map_hook(m, NULL, NULL);
      dbg_free(t);
      return NULL;
    }
  } else if (map_err[0]) {
    snprintf(err, errsize, "%s", map_err);
  }
  return t;
}
