/* test-history.c: reverse execution restores exact state.
 *
 * Builds a small static guest (system calls: pipe, write, read, mmap,
 * munmap, mprotect, brk; integer, SSE and x87 work in between), runs it
 * under recording one instruction at a time while taking digests of the
 * whole state (registers, flags, SSE, x87, every mapped page and the
 * region list) at chosen positions, then seeks back to each in shuffled
 * order, steps back one at a time, replays forward, searches for the last
 * write of a stack slot, returns to the present, runs on live to the exit
 * and checks the program's own checksum against a plain run. A second run
 * with a tiny budget checks that the oldest epochs are dropped.
 *
 * With --bench PROG [ARGS]: time PROG with vm_run and with history_run
 * and print the ratio (for the recording overhead). Exits 77 (skip) when
 * no C compiler can build a static guest. */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "history.h"
#include "machine.h"
#include "memory.h"
#include "vm.h"

#include "check.h"

static const char guest_src[] =
    "#define _GNU_SOURCE\n"
    "#include <stdio.h>\n"
    "#include <stdlib.h>\n"
    "#include <string.h>\n"
    "#include <unistd.h>\n"
    "#include <sys/mman.h>\n"
    "#include <signal.h>\n"

    "volatile unsigned long g[512];\n"
    "volatile int usr1, ills;\n"
    "static void on_usr1(int s) { usr1 += s; }\n"

    "int main(void) {\n"
    "  int p[2];\n"
    "  if (pipe(p)) return 99;\n"
    "  double d = 1.0; long double ld = 1.0L;\n"
    "  char buf[256];\n"
    "  unsigned long sum = 0;\n"

    "  signal(SIGUSR1, on_usr1);\n"
    "  for (int round = 0; round < 6; round++) {\n"
    "    for (int i = 0; i < 1500; i++) {\n"
    "      g[i % 512] += (unsigned long)i * round;\n"
    "      d = d * 1.0001 + i; ld = ld * 1.0001L + i;\n"
    "    }\n"
    "    size_t ql = 3 * 4096 * (round + 1);\n"
    "    char *q = mmap(0, ql, PROT_READ | PROT_WRITE,\n"
    "                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);\n"
    "    if (q == MAP_FAILED) return 98;\n"
    "    memset(q, round + 1, 5000);\n"
    "    char *br = sbrk(8192 * (round + 1));\n"
    "    memset(br, 0x40 + round, 100);\n"
    "    char *hp = malloc(1000 * (round + 1));\n"
    "    memset(hp, round, 1000);\n"
    "    int n = snprintf(buf, sizeof buf, \"round %d %g %Lg\", round, d, ld);\n"
    "    if (write(p[1], buf, n) != n) return 97;\n"
    "    memset(buf, 0, sizeof buf);\n"
    "    if (read(p[0], buf, n) != n) return 96;\n"
    "    for (int i = 0; i < n; i++) sum = sum * 31 + buf[i];\n"
    "    mprotect(q + 8192, 4096, PROT_READ);\n"
    "    sum += q[0] + q[8192] + br[5] + hp[7];\n"
    "    if (round & 1) munmap(q, 4096);\n"
    "    if (round % 3 == 2) free(hp);\n"
    "    g[round] = sum;\n"
    "    raise(SIGUSR1);\n"

    "    sum += usr1 * 3 + ills;\n"
    "  }\n"
    "  for (int i = 0; i < 512; i++) sum += g[i];\n"
    "  return (int)(sum % 251);\n"
    "}\n";

/* ---- digests ---- */

static uint64_t mix(uint64_t h, const void *p, size_t n) {
  const uint8_t *b = p;
  for (size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 0x100000001b3ull;
  return h;
}

static uint64_t mix64(uint64_t h, uint64_t v) { return mix(h, &v, 8); }

struct Dig {
  struct Machine *m;
  uint64_t h;
};

static void dig_region(void *ctx, uint64_t va, uint64_t len, int prot) {
  struct Dig *d = ctx;
  d->h = mix64(mix64(mix64(d->h, va), len), (uint64_t)prot);
  for (uint64_t a = va; a < va + len; a += PAGE_SIZE) {
    const uint8_t *hp = mem_page_host(d->m, a);
    /* Word-wise for speed: the stack reservation is large. */
    uint64_t w = 0;
    for (size_t k = 0; k < PAGE_SIZE; k += 8) {
      uint64_t x;
      memcpy(&x, hp + k, 8);
      w = (w ^ x) * 0x9e3779b97f4a7c15ull + k;
    }
    d->h = mix64(d->h, w);
  }
}

static uint64_t digest(struct Machine *m) {
  uint64_t h = 0xcbf29ce484222325ull;
  h = mix(h, m->r, sizeof(m->r));
  h = mix64(h, m->rip);
  h = mix64(h, m->rflags);
  h = mix(h, &m->lf_op, 1);
  h = mix(h, &m->lf_size, 1);
  h = mix(h, &m->lf_cf, 1);
  h = mix64(mix64(mix64(h, m->lf_res), m->lf_a), m->lf_b);
  h = mix(h, m->sreg, sizeof(m->sreg));
  h = mix(h, m->seg_base, sizeof(m->seg_base));
  h = mix(h, m->xmm, sizeof(m->xmm));
  h = mix(h, &m->mxcsr, 4);
  h = mix(h, &m->fpu_cw, 2);
  h = mix(h, &m->fpu_sw, 2);
  h = mix(h, &m->fpu_tw, 2);
  h = mix(h, &m->fpu_top, 1);
  for (int i = 0; i < 8; ++i) h = mix(h, &m->fpu_st[i], 10);
  h = mix(h, m->mmx, sizeof(m->mmx));
  h = mix64(mix64(h, m->fpu_ip), m->fpu_dp);
  h = mix(h, &m->fpu_op, 2);
  struct Dig d = {m, h};
  mem_each_region(m, dig_region, &d);
  return d.h;
}

/* ---- the guest ---- */

static int build(const char *src, const char *out) {
  char cpath[256], cmd[1024];
  snprintf(cpath, sizeof(cpath), "%s.c", out);
  FILE *f = fopen(cpath, "w");
  if (!f) return -1;
  fputs(src, f);
  fclose(f);
  const char *cc = getenv("CC_GUEST") ? getenv("CC_GUEST") : "cc";
  snprintf(cmd, sizeof(cmd), "%s -static -O1 -o %s %s 2>/dev/null", cc, out,
           cpath);
  return system(cmd) == 0 ? 0 : -1;
}

static struct Machine *load(const char *prog, char **argv) {
  static char *envp[] = {"PATH=/bin", NULL};
  char err[256];
  struct Machine *m = vm_new();
  if (!m) return NULL;
  if (vm_load(m, prog, argv, envp, err, sizeof(err))) {
    fprintf(stderr, "load %s: %s\n", prog, err);
    exit(1);
  }
  return m;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Positions with their digests. */
#define MAXSNAP 4096
static uint64_t snap_pos[MAXSNAP], snap_dig[MAXSNAP];
static int nsnap;

static void snap(struct Machine *m) {
  if (nsnap < MAXSNAP) {
    snap_pos[nsnap] = history_position(m);
    snap_dig[nsnap] = digest(m);
    nsnap++;
  }
}

static int is_syscall(struct Machine *m) {
  uint8_t b[2];
  return !mem_copy_in(m, b, m->rip + m->seg_base[SEG_CS], 2) && b[0] == 0x0f &&
         b[1] == 0x05;
}

static int find_snap(uint64_t pos) {
  for (int i = 0; i < nsnap; ++i)
    if (snap_pos[i] == pos) return i;
  return -1;
}

static int at_rip(struct Machine *m, void *ctx) {
  return m->rip == *(uint64_t *)ctx;
}

static void test_main(char **argv, int min_syscalls) {
  const char *prog = argv[0];
  /* The reference: a plain run's exit status. */
  struct Machine *ref = load(prog, argv);
  CHECK(vm_run(ref) == STOP_EXIT);
  int want = vm_exit_code(ref);
  if (min_syscalls) CHECK(want != 99 && want != 98 && want != 97 && want != 96);
  uint64_t total = ref->icount;
  vm_free(ref);

  struct Machine *m = load(prog, argv);
  CHECK(history_enable(m, 0) == 0);
  uint64_t half = total * 2 / 3;
  /* About 150 digests besides those around system calls. */
  uint64_t every = half / 150 > 1999 ? half / 150 : 1999;
  int syscalls = 0;
  snap(m);
  while (history_position(m) < half && m->stop == STOP_NONE) {
    int sc = is_syscall(m);
    if (sc) snap(m);
    history_step(m);
    if (sc) {
      snap(m);
      syscalls++;
    } else if (history_position(m) % every == 0) {
      snap(m);
    }
  }
  CHECK(m->stop == STOP_NONE);
  CHECK(syscalls >= min_syscalls);
  snap(m);
  uint64_t present = history_position(m), pdig = digest(m);
  CHECK(history_len(m) == present);
  fprintf(stderr, "test-history: %" PRIu64 " instructions, %d system calls, "
          "%d snapshots, %zu KiB recorded\n", present, syscalls, nsnap,
          history_bytes(m) >> 10);

  /* Seek to every snapshot in a shuffled order. */
  int order[MAXSNAP];
  for (int i = 0; i < nsnap; ++i) order[i] = i;
  srand(42);
  for (int i = nsnap - 1; i > 0; --i) {
    int j = rand() % (i + 1), t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  int bad = 0;
  for (int k = 0; k < nsnap; ++k) {
    int i = order[k];
    CHECK(history_seek(m, snap_pos[i]) == snap_pos[i]);
    CHECK(history_position(m) == snap_pos[i]);
    if (digest(m) != snap_dig[i] && bad++ < 5)
      fprintf(stderr, "  seek to %" PRIu64 ": state differs\n", snap_pos[i]);
    CHECK(history_replaying(m) == (snap_pos[i] != present));
  }
  CHECK(bad == 0);

  /* Forward from the start through every snapshot, in order. */
  bad = 0;
  history_seek(m, 0);
  for (int i = 0; i < nsnap; ++i) {
    if (snap_pos[i] < history_position(m)) continue;
    history_replay_forward(m, snap_pos[i] - history_position(m));
    CHECK(history_position(m) == snap_pos[i]);
    if (digest(m) != snap_dig[i] && bad++ < 5)
      fprintf(stderr, "  replay to %" PRIu64 ": state differs\n", snap_pos[i]);
  }
  CHECK(bad == 0);
  CHECK(!history_replaying(m));

  /* Single steps back across a few system calls. */
  bad = 0;
  for (int s = 0, done = 0; s < nsnap && done < 4; ++s) {
    if (snap_pos[s] < 50 || snap_pos[s] + 1 >= present) continue;
    int after = find_snap(snap_pos[s] + 1);
    if (after < 0) continue; /* not a system call pair */
    history_seek(m, snap_pos[s] + 30);
    while (history_position(m) > snap_pos[s]) history_step_back(m, 1);
    if (digest(m) != snap_dig[s]) bad++;
    history_step(m);
    if (digest(m) != snap_dig[after]) bad++;
    done++;
  }
  CHECK(bad == 0);

  /* The last write of a stack slot. */
  {
    uint64_t p = snap_pos[nsnap / 2];
    history_seek(m, p);
    uint64_t a = m->r[RSP] + 8, q = 0;
    uint8_t b0[8], b1[8], bp[8];
    int found = history_find_write(m, a, a + 8, &q);
    if (!found) {
      /* Legitimate only when the slot never changed in the recording
       * (written before it began): then it is the same at position 0. */
      CHECK(history_position(m) == p);
      mem_copy_in(m, bp, a, 8);
      history_seek(m, 0);
      mem_copy_in(m, b0, a, 8);
      CHECK(memcmp(b0, bp, 8) == 0);
    } else {
      CHECK(q < p);
      CHECK(history_position(m) == q);
      history_seek(m, q);
      mem_copy_in(m, b0, a, 8);
      history_seek(m, q + 1);
      mem_copy_in(m, b1, a, 8);
      history_seek(m, p);
      mem_copy_in(m, bp, a, 8);
      CHECK(memcmp(b0, b1, 8) != 0);
      CHECK(memcmp(b1, bp, 8) == 0);
    }
  }

  /* Reverse continue to a breakpoint: the last time RIP was where it
   * was at an earlier snapshot. */
  {
    uint64_t s0 = snap_pos[nsnap / 3], from = s0 + 20000, q = 0;
    if (from > present) from = present;
    history_seek(m, s0);
    uint64_t bp = m->rip;
    history_seek(m, from);
    int found = history_search_back(m, at_rip, &bp, &q);
    CHECK(found);
    CHECK(q >= s0 && q < from);
    CHECK(history_position(m) == q && m->rip == bp);
    int later = 0;
    for (uint64_t k = q + 1; k < from; ++k) {
      history_seek(m, k);
      later += m->rip == bp;
    }
    CHECK(later == 0);
    history_seek(m, from);
    uint64_t none = 0x12345;
    CHECK(!history_search_back(m, at_rip, &none, &q));
    CHECK(history_position(m) == from);
  }

  /* Back to the present, then on live to the end. */
  history_seek(m, history_len(m));
  CHECK(!history_replaying(m));
  CHECK(history_position(m) == present);
  CHECK(digest(m) == pdig);

  /* A debugger edit at the present (memory far below the stack pointer,
   * which the guest does not use) survives a trip into the past, and
   * edits in the past are refused. */
  {
    uint64_t a = (m->r[RSP] - 16384) & ~7ull, v = 0x1122334455667788ull, w;
    if (mem_mapped(m, a, 8)) {
      CHECK(mem_copy_out(m, a, &v, 8) == 0);
      CHECK(history_mark_edit(m) == 0);
      uint64_t edig = digest(m);
      history_seek(m, present / 2);
      CHECK(history_mark_edit(m) == -1);
      history_seek(m, history_len(m));
      CHECK(history_position(m) == present);
      CHECK(mem_copy_in(m, &w, a, 8) == 0 && w == v);
      CHECK(digest(m) == edig);
    }
  }
  CHECK(history_run(m) == STOP_EXIT);
  CHECK(vm_exit_code(m) == want);
  /* And the end can be left and found again. */
  uint64_t end = history_len(m), edig = digest(m);
  history_seek(m, end / 3);
  history_seek(m, end);
  CHECK(digest(m) == edig);
  CHECK(m->stop == STOP_EXIT && vm_exit_code(m) == want);
  history_disable(m);
  vm_free(m);
}

static void test_budget(const char *prog) {
  char *argv[] = {(char *)prog, NULL};
  struct Machine *m = load(prog, argv);
  CHECK(history_enable(m, 256 << 10) == 0);
  CHECK(history_run(m) == STOP_EXIT);
  uint64_t len = history_len(m), dig = digest(m);
  CHECK(len < m->icount);
  CHECK(history_bytes(m) < (size_t)(2 << 20));
  history_seek(m, 0);
  CHECK(history_position(m) == 0);
  history_seek(m, len);
  CHECK(digest(m) == dig);
  fprintf(stderr, "test-history: budget 256 KiB keeps %" PRIu64 " of %" PRIu64
          " instructions\n", len, m->icount);
  history_disable(m);
  vm_free(m);
}

/* What a front end's timer does: ask for a checkpoint every 50 ms, so
 * that a step back re-executes at most that much. */
static volatile int ticking;
static void *ticker(void *arg) {
  struct Machine *m = arg;
  while (ticking) {
    usleep(50000);
    if (ticking) history_request_checkpoint(m);
  }
  return NULL;
}

static int bench(int argc, char **argv) {
  double t[2];
  uint64_t n = 0;
  for (int rec = 0; rec < 2; ++rec) {
    struct Machine *m = load(argv[0], argv);
    pthread_t th;
    if (rec) {
      history_enable(m, 0);
      ticking = 1;
      pthread_create(&th, NULL, ticker, m);
    }
    double t0 = now();
    int s = rec ? history_run(m) : vm_run(m);
    t[rec] = now() - t0;
    n = m->icount;
    if (s != STOP_EXIT) fprintf(stderr, "bench: stop %d\n", s);
    if (rec) {
      ticking = 0;
      pthread_join(th, NULL);
      printf("%s: %" PRIu64 " insns, off %.3fs, on %.3fs, ratio %.2fx, "
             "%zu KiB\n", argv[0], n, t[0], t[1], t[1] / t[0],
             history_bytes(m) >> 10);
      /* How long going back takes: worst case is re-running one epoch. */
      uint64_t len = history_len(m), worst = 0;
      double w = 0;
      for (int k = 1; k <= 8; ++k) {
        uint64_t p = len / 9 * k;
        double t1 = now();
        history_seek(m, p);
        double d = now() - t1;
        if (d > w) w = d, worst = p;
      }
      t0 = now();
      history_step_back(m, 1);
      double sb = now() - t0;
      t0 = now();
      history_seek(m, len);
      printf("  seeks: slowest %.3fs (to %" PRIu64 "), one step back %.3fs, "
             "back to the present %.3fs\n", w, worst, sb, now() - t0);
    }
    vm_free(m);
  }
  (void)argc;
  return 0;
}

int main(int argc, char **argv) {
  if (argc > 2 && !strcmp(argv[1], "--bench")) return bench(argc - 2, argv + 2);
  /* --check PROG [ARGS]: the same seeks and replays on any program. */
  if (argc > 2 && !strcmp(argv[1], "--check")) {
    test_main(argv + 2, 0);
    printf("test-history: %d checks, %d failures\n", checks, failures);
    return failures != 0;
  }
  char prog[] = "/tmp/test-history-XXXXXX";
  int fd = mkstemp(prog);
  if (fd < 0) return 1;
  close(fd);
  if (build(guest_src, prog)) {
    fprintf(stderr, "test-history: cannot build a static guest; skipped\n");
    unlink(prog);
    return 77;
  }
  char *gargv[] = {prog, NULL};
  test_main(gargv, 20);
  test_budget(prog);
  char cpath[64];
  snprintf(cpath, sizeof(cpath), "%s.c", prog);
  unlink(cpath);
  unlink(prog);
  printf("test-history: %d checks, %d failures\n", checks, failures);
  return failures != 0;
}
