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
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbg/dbg.h"
#include "pc/bios-rom.h"
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

/* -r: the BIOS ROM's symbols and DWARF lines (bios_elf, linked at
 * offsets in segment F000h) at linear F0000h + offset, for the
 * disassembly's labels, -b int10 and the frames. src/dbg reads files,
 * so the ELF image goes through a temporary file, unlinked once read.
 * NULL with the reason in err. */
struct DbgTable *ui_symbols_bios(char *err, size_t errsize) {
  const char *dir = getenv("TMPDIR");
  char path[4096];
  snprintf(path, sizeof(path), "%s/blinkenlights-bios.XXXXXX",
           dir && *dir ? dir : "/tmp");
  int fd = mkstemp(path);
  if (fd < 0) {
    snprintf(err, errsize, "the ROM's symbols: %s", strerror(errno));
    return NULL;
  }
  const uint8_t *p = bios_elf();
  size_t n = bios_elf_size(), done = 0;
  while (done < n) {
    ssize_t w = write(fd, p + done, n - done);
    if (w <= 0) break;
    done += (size_t)w;
  }
  close(fd);
  struct DbgTable *t = NULL;
  if (done == n) {
    t = dbg_new();
    if (t && dbg_add(t, path, BIOS_ROM_BASE, err, errsize) == -1) {
      dbg_free(t);
      t = NULL;
    }
  } else {
    snprintf(err, errsize, "the ROM's symbols: cannot write %s", path);
  }
  unlink(path);
  return t;
}
