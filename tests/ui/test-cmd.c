/* test-cmd.c: the interpreter's C API as the UI uses it (cmd.h): the one
 * breakpoint list (cmd_break_toggle/at/find/add), what a command leaves
 * for the UI (moved, stop, hit_bp, why), one output call per line, and
 * cmd_complete as readline calls it. The guest is tests/ui/progs/overflow.c
 * (argv[1]) built -g -O0 -static; exits 77 when it cannot be built. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "dbg/dbg.h"
#include "vm/debug.h"
#include "vm/history.h"
#include "vm/vm.h"

static int checks, failures;
static char lines[64][512];
static int nlines, errors, newline_in_line;

#define CHECK(x)                                                      \
  do {                                                                \
    ++checks;                                                         \
    if (!(x)) {                                                       \
      ++failures;                                                     \
      printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #x);             \
      for (int i_ = 0; i_ < nlines; ++i_) printf("  | %s\n", lines[i_]); \
    }                                                                 \
  } while (0)

static void out(void *ctx, int err, const char *line) {
  (void)ctx;
  if (strchr(line, '\n')) newline_in_line = 1;
  errors += err;
  if (nlines < 64) snprintf(lines[nlines++], sizeof(lines[0]), "%s", line);
}

static int run(struct Cmd *c, const char *line) {
  nlines = errors = 0;
  return cmd_exec(c, line);
}

static int said(const char *prefix) {
  for (int i = 0; i < nlines; ++i)
    if (!strncmp(lines[i], prefix, strlen(prefix))) return 1;
  return 0;
}

/* All of cmd_complete's candidates, joined by spaces. */
static void complete(struct Cmd *c, const char *line, char *buf, size_t size) {
  int start = (int)strlen(line);
  while (start > 0 && line[start - 1] != ' ') --start;
  buf[0] = 0;
  char *s;
  for (int st = 0; (s = cmd_complete(c, line, start, line + start, st)); ++st) {
    if (strlen(buf) + strlen(s) + 2 < size) {
      if (buf[0]) strcat(buf, " ");
      strcat(buf, s);
    }
    free(s);
  }
}

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  char prog[] = "/tmp/test-cmd-XXXXXX";
  int fd = mkstemp(prog);
  if (fd < 0) return 1;
  close(fd);
  char cmd[1024];
  const char *cc = getenv("CC_GUEST") ? getenv("CC_GUEST") : "cc";
  snprintf(cmd, sizeof(cmd), "%s -g -O0 -static -o %s %s 2>/dev/null", cc,
           prog, argv[1]);
  if (system(cmd)) {
    printf("cannot build %s -g -O0 -static: skipped\n", argv[1]);
    unlink(prog);
    return 77;
  }
  static char *envp[] = {"PATH=/bin", NULL};
  char *gargv[] = {prog, NULL};
  char err[256];
  struct Machine *m = vm_new();
  if (!m || vm_load(m, prog, gargv, envp, err, sizeof(err))) {
    printf("load: %s\n", err);
    return 1;
  }
  struct DbgTable *syms = dbg_load(prog, err, sizeof(err));
  CHECK(syms != NULL);
  CHECK(history_enable(m, 0) == 0);
  static struct Cmd c;
  cmd_init(&c, m, syms, out, NULL);

  /* break adds to the list; the b key's toggle works on the same one. */
  CHECK(run(&c, "break square") == 0);
  CHECK(c.nbp == 1 && c.bp[0].kind == CMD_BREAK && c.bp[0].num == 1);
  uint64_t sq = c.bp[0].addr, sn;
  CHECK(cmd_break_at(&c, sq) == &c.bp[0]);
  CHECK(cmd_location(&c, "set_name", &sn) == 0);
  nlines = 0;
  CHECK(cmd_break_toggle(&c, sn) == 1);
  CHECK(c.nbp == 2 && cmd_break_at(&c, sn) && cmd_break_find(&c, 2));
  CHECK(said("Breakpoint 2 at 0x"));
  nlines = 0;
  CHECK(cmd_break_toggle(&c, sn) == 0);
  CHECK(c.nbp == 1 && !cmd_break_at(&c, sn) && !cmd_break_find(&c, 2));
  CHECK(said("Deleted breakpoint 2"));
  CHECK(run(&c, "disable 1") == 0 && !cmd_break_at(&c, sq));
  CHECK(run(&c, "enable 1") == 0 && cmd_break_at(&c, sq));

  /* A mistyped command: an error line, the machine did not move. */
  uint64_t ic = vm_icount(m);
  CHECK(run(&c, "contnue") == -1 && errors == 1 && !c.moved);
  CHECK(vm_icount(m) == ic);

  /* continue: stop info for the UI. */
  CHECK(run(&c, "continue") == 0);
  CHECK(c.moved && c.stop == VM_STOP_BREAK && c.hit_bp == 1);
  CHECK(!strncmp(c.why, "Breakpoint 1, 0x", 16) && vm_rip(m) == sq);
  CHECK(c.bp[0].hits == 1);
  CHECK(run(&c, "info registers rip") == 0 && !c.moved && !c.hit_bp &&
        !c.why[0]);

  /* A watchpoint is in the same list, with its kind and size (numbers
   * are never reused: the toggled breakpoint had 2). */
  CHECK(run(&c, "watch total") == 0);
  CHECK(c.nbp == 2 && c.bp[1].kind == CMD_WATCH && c.bp[1].len == 4);
  CHECK(!strcmp(c.bp[1].expr, "total"));
  CHECK(run(&c, "delete 1") == 0 && c.nbp == 1);
  CHECK(run(&c, "continue") == 0);
  CHECK(c.stop == VM_STOP_WATCH && c.hit_bp == 3);
  CHECK(!strcmp(c.why, "Hardware watchpoint 3: total"));
  CHECK(said("Old value = 0") && said("New value = 1"));

  /* -b / -w go through cmd_break_add. */
  uint64_t tot;
  CHECK(cmd_location(&c, "*&counter", &tot) == 0);
  CHECK(cmd_break_add(&c, CMD_WATCH, tot, 4, 0, "counter") == 4);
  CHECK(cmd_break_add(&c, CMD_WATCH, 0, 4, 0, "0") == -1); /* unmapped */
  CHECK(cmd_break_add(&c, CMD_BREAK, sq, 0, 1, NULL) == 5 && c.bp[2].temp);
  CHECK(run(&c, "delete") == 0 && c.nbp == 0);

  /* More watchpoints than the VM holds: one clear error, none half-set. */
  if (cmd_vm_has_watches()) {
    int ok = 0, bad = 0;
    for (int i = 0; i < 40; ++i) {
      if (cmd_break_add(&c, CMD_WATCH, tot + i, 1, 0, "w") > 0) ++ok;
      else ++bad;
    }
    CHECK(ok >= 8 && bad > 0 && c.nbp == ok);
    for (int i = 0; i < c.nbp; ++i) CHECK(c.bp[i].vm_id >= 0);
    CHECK(run(&c, "delete") == 0 && c.nbp == 0);
  }

  /* To the end: the stop says so and forward commands refuse. */
  CHECK(run(&c, "continue") == 0);
  CHECK(c.stop == VM_STOP_SIGNAL && c.exited && !c.hit_bp);
  CHECK(!strncmp(c.why, "Program received signal SIGSEGV, ", 33));
  CHECK(run(&c, "stepi") == -1 && !c.moved);
  CHECK(run(&c, "reverse-stepi") == 0 && c.moved && !c.exited);

  /* Completion as readline asks for it. */
  char buf[4096];
  complete(&c, "rev", buf, sizeof(buf));
  CHECK(!strcmp(buf, "reverse-step reverse-next reverse-stepi reverse-nexti "
                     "reverse-finish reverse-continue"));
  complete(&c, "break squ", buf, sizeof(buf));
  CHECK(!strcmp(buf, "square"));
  complete(&c, "tbreak overfl", buf, sizeof(buf));
  CHECK(!strcmp(buf, "overflow.c:"));
  complete(&c, "print &tot", buf, sizeof(buf));
  CHECK(!strcmp(buf, "&total"));
  complete(&c, "info br", buf, sizeof(buf));
  CHECK(!strcmp(buf, "breakpoints"));
  complete(&c, "stepi squ", buf, sizeof(buf));
  CHECK(!strcmp(buf, ""));
  complete(&c, "  fin", buf, sizeof(buf));
  CHECK(!strcmp(buf, "finish"));

  /* Without a recording (history never enabled): forward works, the
   * reverse commands and run-after-the-end say why they can't. */
  struct Machine *m2 = vm_new();
  CHECK(m2 && !vm_load(m2, prog, gargv, envp, err, sizeof(err)));
  static struct Cmd c2;
  cmd_init(&c2, m2, syms, out, NULL);
  CHECK(run(&c2, "break square") == 0 && run(&c2, "continue") == 0);
  CHECK(c2.hit_bp == 1 && vm_rip(m2) == sq);
  CHECK(run(&c2, "next") == 0 && run(&c2, "finish") == 0 && c2.moved);
  CHECK(run(&c2, "reverse-step") == -1 && errors == 1 &&
        said("no history: the program is not being recorded"));
  CHECK(run(&c2, "reverse-stepi") == -1 && errors == 1 && !c2.moved);
  CHECK(run(&c2, "delete") == 0 && run(&c2, "continue") == 0 && c2.exited);
  CHECK(run(&c2, "run") == -1 && errors == 1);
  cmd_destroy(&c2);
  vm_free(m2);

  CHECK(!newline_in_line);
  cmd_destroy(&c);
  dbg_free(syms);
  history_disable(m);
  vm_free(m);
  unlink(prog);
  printf("test-cmd: %d checks, %d failures\n", checks, failures);
  return failures != 0;
}
