/* test-maps.c: symbols of what a guest maps later, and of a static-pie
 * at its load address (src/dbg + debug.h's map hook + src/sys).
 *
 * Builds, with $CC (default cc):
 *   libmaps.so   from tests/dbg/maps-lib.c   (-shared -fPIC -g -O0)
 *   maps-guest   from tests/dbg/maps-guest.c (-static -g -O0): mmaps a
 *                file PROT_READ|PROT_EXEC, calls mapped_at(p), munmaps it
 *   maps-pie     the same guest as -static-pie (skipped if cc can't)
 * and checks:
 *   1. vm_set_map_hook right after vm_load reports the program's
 *      executable segment; dbg_add_mapping() of it adds the program at
 *      bias 0 (ET_EXEC) and `main` is where nm says;
 *   2. running the guest, the hook reports libmaps.so (its absolute path)
 *      mapped executable; after dbg_add_mapping(), maps_square and
 *      maps_cube are found at the mapping's address + nm's value, named
 *      by dbg_symbol_at/dbg_symbol_in/dbg_func_at (also one byte in),
 *      with DWARF lines in maps-lib.c; a second report of the same
 *      mapping adds nothing (returns 2);
 *   3. the munmap is reported (path NULL) and dbg_unmapped() forgets
 *      the library: its names no longer resolve, the program's still do;
 *   4. the static-pie: its symbols are at its load address (`_start` is
 *      the initial rip, `main` at nm's value + the bias) and not at the
 *      link addresses;
 *   5. dbg_find_source(): a file DWARF names in a directory that does not
 *      exist is found by its name in a dbg_add_source_dir() directory,
 *      then next to the program;
 *   6. limits: 256 files at once (the 257th refused with a reason), room
 *      again after an unmap;
 *   7. batch mode, when $TOP_BUILDDIR/blinkenlights exists: `break
 *      mapped_at`, `continue`, `info symbol $rdi+OFF` names maps_square.
 * Exits 0, 1 on a failure, 77 when the guest can't be built.
 * Usage: test-maps [SRCDIR]   (default $TOP_SRCDIR, then ".") */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbg/dbg.h"
#include "vm/debug.h"
#include "vm/vm.h"

extern char **environ;
static int g_fails, g_checks;

static void check(bool ok, const char *fmt, ...) {
  va_list va;
  g_checks++;
  if (ok) return;
  g_fails++;
  va_start(va, fmt);
  printf("FAIL: ");
  vprintf(fmt, va);
  printf("\n");
  va_end(va);
}

static int sh(const char *fmt, ...) {
  char cmd[4096];
  va_list va;
  va_start(va, fmt);
  vsnprintf(cmd, sizeof(cmd), fmt, va);
  va_end(va);
  return system(cmd);
}

/* nm's value of symbol name in path, or -1. */
static long long nm_value(const char *path, const char *name) {
  char cmd[1024], line[512], sym[256], type;
  unsigned long long v;
  long long found = -1;
  FILE *f;
  snprintf(cmd, sizeof(cmd), "nm '%s' 2>/dev/null", path);
  if (!(f = popen(cmd, "r"))) return -1;
  while (fgets(line, sizeof(line), f))
    if (sscanf(line, "%llx %c %255s", &v, &type, sym) == 3 &&
        !strcmp(sym, name))
      found = (long long)v;
  pclose(f);
  return found;
}

/* What the hook saw, and the table it feeds. */
struct Seen {
  struct DbgTable *t;
  const char *lib;     /* realpath of libmaps.so */
  int exe_maps, lib_maps, unmaps, lib_forgotten;
  uint64_t lib_va, lib_len;
  long long sq, cube;  /* nm values in the library */
  int add_rc, again_rc;
};

static void check_lib_symbols(struct Seen *s) {
  struct DbgTable *t = s->t;
  uint64_t a = 0, off = 0;
  struct DbgFunc fn;
  struct DbgLine l;
  const char *n;
  uint64_t sq = s->lib_va + (uint64_t)s->sq, cube = s->lib_va + (uint64_t)s->cube;
  check(dbg_lookup(t, "maps_square", &a) && a == sq,
        "maps_square at %#llx, want %#llx", (unsigned long long)a,
        (unsigned long long)sq);
  check(dbg_lookup(t, "maps_cube", &a) && a == cube,
        "maps_cube at %#llx, want %#llx", (unsigned long long)a,
        (unsigned long long)cube);
  n = dbg_symbol_at(t, sq, &off);
  check(n && !strcmp(n, "maps_square") && off == 0,
        "symbol_at(maps_square) = %s+%llu", n ? n : "(none)",
        (unsigned long long)off);
  n = dbg_symbol_in(t, cube + 1, &off);
  check(n && !strcmp(n, "maps_cube") && off == 1,
        "symbol_in(maps_cube+1) = %s+%llu", n ? n : "(none)",
        (unsigned long long)off);
  check(dbg_func_at(t, sq + 1, &fn) && !strcmp(fn.name, "maps_square") &&
            fn.lo == sq,
        "func_at(maps_square+1)");
  check(dbg_line_at(t, sq, &l) && l.file && strstr(l.file, "maps-lib.c") &&
            l.line == 4,
        "line_at(maps_square) = %s:%u, want maps-lib.c:4",
        dbg_line_at(t, sq, &l) && l.file ? l.file : "(none)", l.line);
}

static void hook(void *ctx, const char *path, uint64_t va, uint64_t len,
                 uint64_t offset, int prot) {
  struct Seen *s = ctx;
  char err[256];
  if (!path) {
    s->unmaps++;
    size_t before = dbg_module_count(s->t);
    size_t gone = dbg_unmapped(s->t, va, len);
    if (gone) s->lib_forgotten = 1;
    check(dbg_module_count(s->t) == before - gone, "module count after unmap");
    return;
  }
  check(prot & VM_PROT_EXEC, "a map report without VM_PROT_EXEC");
  if (s->lib && !strcmp(path, s->lib)) {
    s->lib_maps++;
    s->lib_va = va;
    s->lib_len = len;
    s->add_rc = dbg_add_mapping(s->t, path, va, len, offset, err, sizeof(err));
    check(s->add_rc == 0, "dbg_add_mapping(libmaps.so) = %d: %s", s->add_rc,
          err);
    check_lib_symbols(s);
    s->again_rc =
        dbg_add_mapping(s->t, path, va, len, offset, err, sizeof(err));
    check(s->again_rc == 2, "the same mapping again returned %d, want 2",
          s->again_rc);
    return;
  }
  s->exe_maps++;
  int rc = dbg_add_mapping(s->t, path, va, len, offset, err, sizeof(err));
  check(rc == 0, "dbg_add_mapping(%s) = %d: %s", path, rc, err);
}

/* Loads prog (argv prog lib), hooks a fresh table; runs it when run. */
static struct Machine *load(const char *prog, const char *lib,
                            struct Seen *s) {
  char err[512];
  char *argv[] = {(char *)prog, (char *)lib, NULL};
  struct Machine *m = vm_new();
  if (!m || vm_load(m, prog, argv, environ, err, sizeof(err))) {
    check(false, "vm_load %s: %s", prog, err);
    if (m) vm_free(m);
    return NULL;
  }
  s->t = dbg_new();
  vm_set_map_hook(m, hook, s);
  return m;
}

static void check_static(const char *guest, const char *lib) {
  struct Seen s = {0};
  uint64_t a = 0;
  long long nmain = nm_value(guest, "main");
  char real[4096];
  if (!realpath(lib, real)) {
    check(false, "realpath %s", lib);
    return;
  }
  s.lib = real;
  s.sq = nm_value(lib, "maps_square");
  s.cube = nm_value(lib, "maps_cube");
  check(nmain > 0 && s.sq > 0 && s.cube > 0, "nm values");
  struct Machine *m = load(guest, lib, &s);
  if (!m) return;
  /* 1: the program, reported by vm_set_map_hook itself. */
  check(s.exe_maps >= 1, "vm_set_map_hook reported %d program mappings",
        s.exe_maps);
  struct DbgModule mod;
  check(dbg_module_count(s.t) == 1 && dbg_module(s.t, 0, &mod) &&
            mod.bias == 0,
        "the program is one module at bias 0");
  check(dbg_lookup(s.t, "main", &a) && a == (uint64_t)nmain,
        "main at %#llx, nm %#llx", (unsigned long long)a,
        (unsigned long long)nmain);
  /* 2, 3: run it. */
  int stop;
  while ((stop = vm_run(m)) == VM_STOP_NONE) {
  }
  check(stop == VM_STOP_EXIT && vm_exit_code(m) == 0,
        "the guest stopped with %d (exit code %d)", stop, vm_exit_code(m));
  check(s.lib_maps == 1, "libmaps.so reported %d times, want 1", s.lib_maps);
  check(s.unmaps >= 1 && s.lib_forgotten, "the munmap did not forget it");
  check(!dbg_lookup(s.t, "maps_square", &a), "maps_square still there");
  check(dbg_lookup(s.t, "main", &a) && a == (uint64_t)nmain,
        "main gone after the library's unmap");
  check(dbg_module_count(s.t) == 1, "%zu modules after the unmap",
        dbg_module_count(s.t));
  dbg_free(s.t);
  vm_free(m);
}

static void check_pie(const char *pie, const char *lib) {
  struct Seen s = {0};
  struct VmRegs r;
  uint64_t a = 0;
  long long nstart = nm_value(pie, "_start"), nmain = nm_value(pie, "main");
  s.lib = NULL;
  struct Machine *m = load(pie, lib, &s);
  if (!m) return;
  vm_regs(m, &r);
  uint64_t bias = r.rip - (uint64_t)nstart;
  check(bias != 0, "the static-pie runs at its link address (no bias)");
  check(dbg_lookup(s.t, "_start", &a) && a == r.rip,
        "static-pie _start at %#llx, rip %#llx", (unsigned long long)a,
        (unsigned long long)r.rip);
  check(dbg_lookup(s.t, "main", &a) && a == (uint64_t)nmain + bias,
        "static-pie main at %#llx, want %#llx", (unsigned long long)a,
        (unsigned long long)(nmain + bias));
  struct DbgLine l;
  check(dbg_line_at(s.t, (uint64_t)nmain + bias, &l) &&
            strstr(l.file, "maps-guest.c"),
        "static-pie main has no line in maps-guest.c");
  const char *n = dbg_symbol_at(s.t, (uint64_t)nmain, &a);
  check(!n || strcmp(n, "main"), "a symbol at main's link address");
  dbg_free(s.t);
  vm_free(m);
}

static void check_sources(const char *guest, const char *dir) {
  char out[8192], want[8192];
  struct DbgTable *t = dbg_new();
  check(dbg_add(t, guest, 0, out, sizeof(out)) == 0, "dbg_add %s", guest);
  check(!dbg_find_source(t, "/nonexistent/dir/nothing-here.c", out,
                         sizeof(out)),
        "found a file that exists nowhere");
  /* Next to the program: the copy of maps-guest.c the test made. */
  snprintf(want, sizeof(want), "%s/maps-guest.c", dir);
  check(dbg_find_source(t, "/nonexistent/build/maps-guest.c", out,
                        sizeof(out)) &&
            !strcmp(out, want),
        "next to the program: %s, want %s", out, want);
  check(dbg_add_source_dir(t, dir) &&
            dbg_find_source(t, "/elsewhere/maps-guest.c", out, sizeof(out)) &&
            !strcmp(out, want),
        "in the source dir: %s", out);
  dbg_free(t);
}

/* The limits: 256 files in the table at once (a 257th mapping is
 * refused with a reason), and an unmapped one makes room again. */
static void check_limits(const char *lib) {
  char err[512];
  struct DbgTable *t = dbg_new();
  uint64_t base = 0x10000000, step = 0x100000, a;
  int refused = 0, i;
  for (i = 0; i < 257; i++) {
    int rc = dbg_add_mapping(t, lib, base + i * step, 0x1000, 0, err,
                             sizeof(err));
    if (rc == -1) {
      refused = i;
      break;
    }
  }
  check(refused == 256 && strstr(err, "too many"),
        "mapping %d refused (want 256): %s", refused, err);
  check(dbg_unmapped(t, base, step) == 1, "unmapping the first did not forget it");
  check(dbg_add_mapping(t, lib, base + 300 * step, 0x1000, 0, err,
                        sizeof(err)) == 0,
        "no room after an unmap: %s", err);
  check(dbg_lookup(t, "maps_square", &a), "maps_square after the re-add");
  dbg_free(t);
}

static void check_batch(const char *guest, const char *lib, long long sq) {
  const char *top = getenv("TOP_BUILDDIR");
  char bl[4096], cmd[16384], line[1024];
  bool named = false;
  snprintf(bl, sizeof(bl), "%s/blinkenlights", top ? top : ".");
  if (access(bl, X_OK)) {
    printf("note: no %s: the batch-mode check is skipped\n", bl);
    return;
  }
  snprintf(cmd, sizeof(cmd),
           "'%s' -ex 'break mapped_at' -ex continue -ex 'info symbol "
           "$rdi+%#llx' '%s' '%s' 2>&1",
           bl, sq, guest, lib);
  FILE *f = popen(cmd, "r");
  if (!f) return;
  while (fgets(line, sizeof(line), f)) {
    if (strstr(line, "maps_square")) named = true;
  }
  pclose(f);
  check(named, "batch mode: info symbol $rdi+%#llx did not name maps_square",
        sq);
}

int main(int argc, char **argv) {
  const char *src = argc > 1 ? argv[1] : getenv("TOP_SRCDIR");
  const char *cc = getenv("CC");
  char dir[4096], guest[4200], pie[4200], lib[4200];
  if (!src) src = ".";
  if (!cc || !*cc) cc = "cc";
  if (!getcwd(dir, sizeof(dir))) return 1;
  snprintf(guest, sizeof(guest), "%s/maps-guest", dir);
  snprintf(pie, sizeof(pie), "%s/maps-pie", dir);
  snprintf(lib, sizeof(lib), "%s/libmaps.so", dir);
  if (sh("cp '%s/tests/dbg/maps-guest.c' '%s/maps-guest.c'", src, dir) ||
      sh("%s -g -O0 -static -o '%s' '%s/maps-guest.c' 2>/dev/null", cc, guest,
         dir)) {
    printf("cannot build maps-guest with %s -static\n", cc);
    return 77;
  }
  if (sh("%s -g -O0 -shared -fPIC -o '%s' '%s/tests/dbg/maps-lib.c'", cc, lib,
         src)) {
    printf("FAIL: cannot build libmaps.so with %s -shared -fPIC\n", cc);
    return 1;
  }
  check_static(guest, lib);
  if (sh("%s -g -O0 -static-pie -o '%s' '%s/maps-guest.c' 2>/dev/null", cc,
         pie, dir) == 0)
    check_pie(pie, lib);
  else
    printf("note: %s cannot link -static-pie: that part is skipped\n", cc);
  check_sources(guest, dir);
  check_limits(lib);
  check_batch(guest, lib, nm_value(lib, "maps_square"));
  printf("%d checks, %d failed\n", g_checks, g_fails);
  return g_fails ? 1 : 0;
}
