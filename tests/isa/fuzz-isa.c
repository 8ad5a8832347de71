/* fuzz-isa: the differential ISA tester (issue 3, item 4).
 *
 *   fuzz-isa [--seed S] [--count N] [--index K] [--replay HEX] [-v]
 *            [--dump FILE] [--no-exclusions] [--max-report M] [--coverage]
 *
 * Runs N generated instruction sequences (gen.c) on the host CPU
 * (native.c) and in the VM (vmrun.c) and compares the results
 * (state.c). Without --seed it takes a fresh seed from the clock and
 * prints it first. --index K runs case K of the seed alone, verbosely;
 * --replay HEX runs the given bytes from case K's state (split into
 * instructions by the VM's decoder and matched to table rows for the
 * undefined-flag rules; registers as case K set them up). --dump FILE
 * writes the generated encodings back to back, for objdump comparisons,
 * and runs nothing. Exits 0 without mismatches, 1 with, 77 when the host
 * cannot run the test (last line of output says why). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "decode.h"
#include "isa.h"
#include "log.h"
#include "machine.h"

#if !defined(__x86_64__) || !defined(__linux__)
int main(void) {
  printf("fuzz-isa: the reference is the host CPU: needs x86-64 Linux\n");
  return 77;
}
#else

void gen_print_exclusions(FILE *f);
int gen_forms(int *nops);
extern int vm_run_twice;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* The table row an instruction the decoder split off belongs to, or -1. */
static int find_row(const struct Insn *in) {
  int pfx = in->rep == REP_F3 ? PF_F3 : in->rep == REP_F2 ? PF_F2
            : in->opsize_prefix ? PF_66 : PF_NP;
  for (int k = 0; k < gen_ntable; ++k) {
    const struct Ent *e = &gen_table[k];
    if (e->map != in->map || in->op < e->op || in->op >= e->op + e->nop) continue;
    if (!!in->vex != (e->form == F_VEX)) continue;
    if (e->form == F_SSE || e->form == F_VEX) {
      if (!(e->pfx & pfx)) continue;
    } else if (e->pfx && e->pfx != pfx) {
      continue;
    } else if (!e->pfx && e->form == F_INT && in->rep == REP_F3 &&
               e->map == MAP_0F && (in->op == 0xb8 || in->op == 0xbc || in->op == 0xbd)) {
      continue; /* popcnt/tzcnt/lzcnt rows */
    }
    if (e->form == F_X87 && in->has_modrm && !!(e->a & A_REG) != (in->mod == 3)) continue;
    if (in->has_modrm && e->digit >= 0 && e->digit != (in->reg & 7)) continue;
    if (in->has_modrm && e->digit < 0 && e->digmask && !((e->digmask >> (in->reg & 7)) & 1)) continue;
    return k;
  }
  return -1;
}

/* --replay: split the bytes with the VM's decoder and describe each
 * instruction the way gen.c would have, for the undefined-flag rules. */
static void describe(struct Case *c) {
  int off = 0, k = 0;
  while (off < c->len && k < ISA_MAX_INSNS) {
    struct Insn in;
    struct InsnInfo *ii = &c->insn[k];
    memset(ii, 0, sizeof(*ii));
    ii->off = (uint8_t)off;
    ii->entry = -1;
    ii->base = ii->index = 0xff;
    ii->digit = -1;
    if (decode_insn(&in, c->code + off, (size_t)(c->len - off), MODE_LONG) != DECODE_OK) {
      ii->len = (uint8_t)(c->len - off);
      ++k;
      break;
    }
    ii->len = in.len;
    ii->entry = (int16_t)find_row(&in);
    const struct Ent *e = ii->entry >= 0 ? &gen_table[ii->entry] : NULL;
    ii->osz = e && (e->a & A_BYTE) ? 1 : in.osz;
    ii->mem = in.has_modrm && in.mod != 3;
    ii->reg = in.reg;
    ii->rm = in.rm;
    ii->vvvv = in.vex_v;
    ii->asz = in.asz;
    ii->base = in.base == BASE_RIP ? 0xfe : in.base;
    ii->index = in.index;
    ii->scale = in.scale;
    ii->disp = (int32_t)in.disp;
    ii->imm = in.imm;
    ii->modrm = in.modrm;
    ii->op = in.op;
    ii->pfx = (uint8_t)(in.rep == REP_F3 ? PF_F3 : in.rep == REP_F2 ? PF_F2 : 0);
    if (e && (e->digit >= 0 || e->digmask)) ii->digit = (int8_t)(in.reg & 7);
    off += in.len;
    ++k;
  }
  c->ninsn = (uint8_t)(k ? k : 1);
  c->replay = (uint8_t)(off < c->len); /* bytes left over: no masking */
}

static int hexval(int ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

/* Distinct mismatch classes: the sequence's table rows. */
#define MAXCLS 256
static struct { char key[160]; long n; uint64_t first; } cls[MAXCLS];
static int ncls;

static void count_class(const struct Case *c, uint64_t index) {
  char key[160] = "";
  for (int k = 0; k < c->ninsn; ++k) {
    if (k) strncat(key, " ; ", sizeof(key) - strlen(key) - 1);
    strncat(key, c->insn[k].entry >= 0 ? gen_table[c->insn[k].entry].name : "?",
            sizeof(key) - strlen(key) - 1);
  }
  for (int k = 0; k < ncls; ++k)
    if (!strcmp(cls[k].key, key)) { cls[k].n++; return; }
  if (ncls < MAXCLS) {
    snprintf(cls[ncls].key, sizeof(cls[ncls].key), "%s", key);
    cls[ncls].n = 1;
    cls[ncls++].first = index;
  }
}

int main(int argc, char **argv) {
  uint64_t seed = 0, count = 1000, index = 0;
  int have_seed = 0, one = 0, verbose = 0, max_report = 10, coverage = 0;
  const char *dump = NULL, *replay = NULL;
  for (int k = 1; k < argc; ++k) {
    const char *a = argv[k], *v = k + 1 < argc ? argv[k + 1] : NULL;
    if (!strcmp(a, "--seed") && v) seed = strtoull(v, 0, 0), have_seed = 1, ++k;
    else if (!strcmp(a, "--count") && v) count = strtoull(v, 0, 0), ++k;
    else if (!strcmp(a, "--index") && v) index = strtoull(v, 0, 0), one = 1, ++k;
    else if (!strcmp(a, "--replay") && v) replay = v, one = 1, ++k;
    else if (!strcmp(a, "--dump") && v) dump = v, ++k;
    else if (!strcmp(a, "--max-report") && v) max_report = atoi(v), ++k;
    else if (!strcmp(a, "--no-exclusions")) gen_no_exclusions = 1;
    else if (!strcmp(a, "--coverage")) coverage = 1;
    else if (!strcmp(a, "-v")) verbose = 1;
    else {
      fprintf(stderr,
              "usage: %s [--seed S] [--count N] [--index K] [--replay HEX] [-v]\n"
              "       [--dump FILE] [--no-exclusions] [--max-report M] [--coverage]\n",
              argv[0]);
      return 2;
    }
  }
  if (!have_seed) {
    seed = (uint64_t)time(NULL) ^ ((uint64_t)clock() << 20) ^ (uint64_t)now();
    seed &= 0xffffffffffull;
  }
  printf("fuzz-isa: seed %" PRIu64 "\n", seed);
  fflush(stdout);
  log_init("/dev/null", 0);
  gen_init();
  if (!gen_entries()) {
    printf("fuzz-isa: no instruction the host CPU can run\n");
    return 77;
  }

  if (dump) {
    FILE *f = fopen(dump, "wb");
    struct Case *c = malloc(sizeof(*c));
    if (!f || !c) { perror(dump); return 2; }
    for (uint64_t k = 0; k < count; ++k) {
      gen_case(c, seed, k);
      fwrite(c->code, 1, c->len, f);
    }
    fclose(f);
    printf("fuzz-isa: wrote %" PRIu64 " sequences to %s\n", count, dump);
    return 0;
  }

  if (vm_setup()) {
    printf("fuzz-isa: could not set up the VM\n");
    return 77;
  }
  if (native_start()) {
    printf("fuzz-isa: cannot map the code and scratch pages at %#llx and %#llx here\n",
           ISA_CODE, ISA_SCR);
    return 77;
  }
  if (one) count = 1;
  static struct Result vmres, vmres2;
  struct Undef u;
  long mismatches = 0, reported = 0, lost = 0, runs_differ = 0;
  long sigs[32] = {0};
  static long ill[1024], ran[1024];
  double tnat = 0, tvm = 0;
  int batch = native_batch();
  for (uint64_t base = 0; base < count; base += (uint64_t)batch) {
    int n = count - base < (uint64_t)batch ? (int)(count - base) : batch;
    if (base && count >= 2000000 && base % 1000192 < (uint64_t)batch) {
      printf("fuzz-isa: %" PRIu64 " done, %ld mismatches so far\n", base, mismatches + runs_differ + lost);
      fflush(stdout);
    }
    for (int k = 0; k < n; ++k) {
      struct Case *c = native_case(k);
      gen_case(c, seed, one ? index : base + (uint64_t)k);
      if (replay) {
        int len = 0;
        for (const char *p = replay; *p && len < ISA_CODE_MAX;) {
          if (hexval(p[0]) < 0) { ++p; continue; }
          if (hexval(p[1]) < 0) break;
          c->code[len++] = (uint8_t)(hexval(p[0]) * 16 + hexval(p[1]));
          p += 2;
        }
        c->len = (uint8_t)len;
        describe(c);
      }
    }
    double t0 = now();
    int l = native_run_batch(n);
    double t1 = now();
    tnat += t1 - t0;
    if (l < 0) {
      printf("fuzz-isa: cannot start the host child\n");
      return 77;
    }
    lost += l;
    for (int k = 0; k < n; ++k) {
      struct Case *c = native_case(k);
      struct Result *nr = native_result(k);
      uint64_t idx = one ? index : base + (uint64_t)k;
      sigs[nr->sig > 0 && nr->sig < 32 ? nr->sig : 0]++;
      for (int j = 0; j < c->ninsn; ++j) {
        if (c->insn[j].entry < 0) continue;
        ran[c->insn[j].entry]++;
        if (nr->sig == 4 && nr->st.rip == c->at + c->insn[j].off) ill[c->insn[j].entry]++;
      }
      double t2 = now();
      vm_run_case(c, &vmres, &u, vm_run_twice ? &vmres2 : NULL);
      tvm += now() - t2;
      int nd = state_compare(c, nr, &vmres, &u, NULL, 0);
      int rd = 0;
      /* The two VM runs must agree on everything but the saved FIP/FDP
       * and reserved bytes of fxsave/fnsave images. */
      struct Undef none;
      memset(&none, 0, sizeof(none));
      none.nmem = u.nmem;
      memcpy(none.mem, u.mem, sizeof(u.mem));
      if (vm_run_twice) rd = state_compare(c, &vmres, &vmres2, &none, NULL, 0);
      if (nd || rd || one) {
        if (nd || rd) {
          mismatches += nd != 0;
          runs_differ += rd != 0;
          count_class(c, idx);
        }
        if (reported < max_report || one) {
          ++reported;
          printf("%s seed %" PRIu64 " index %" PRIu64 "\n",
                 nd ? "MISMATCH (host vs vm)" : rd ? "MISMATCH (vm_step vs vm_run)" : "case",
                 seed, idx);
          state_print_case(stdout, c);
          printf("    replay: tests/isa/fuzz-isa --seed %" PRIu64 " --index %" PRIu64 "\n",
                 seed, idx);
          if (nd || one) state_compare(c, nr, &vmres, &u, stdout, verbose || one);
          if (rd) {
            printf("    vm_step (host column) vs vm_run (vm column):\n");
            state_compare(c, &vmres, &vmres2, &none, stdout, 0);
          }
        }
      }
    }
  }
  native_stop();
  if (ncls) {
    printf("mismatch classes (sequence rows: count, first index):\n");
    for (int k = 0; k < ncls; ++k)
      printf("  %5ld  %-70s  --index %" PRIu64 "\n", cls[k].n, cls[k].key, cls[k].first);
  }
  if (coverage) {
    int hit = 0;
    for (int k = 0; k < gen_ntable; ++k) hit += gen_hits[k] != 0;
    printf("coverage: %d of %d table rows drawn (%d runnable on this host)\n",
           hit, gen_ntable, gen_entries());
    for (int k = 0; k < gen_ntable; ++k)
      if (!gen_hits[k]) printf("  never drawn: %s\n", gen_table[k].name);
    for (int k = 0; k < gen_ntable; ++k)
      if (ran[k] && ill[k] * 4 > ran[k])
        printf("  SIGILL in %ld of %ld: %s\n", ill[k], ran[k], gen_table[k].name);
    gen_print_exclusions(stdout);
  }
  printf("host outcomes: %ld ran to the end, %ld SIGSEGV, %ld SIGILL, %ld SIGFPE, "
         "%ld SIGTRAP, %ld SIGBUS\n", sigs[0], sigs[11], sigs[4], sigs[8], sigs[5], sigs[7]);
  int nops, nforms = gen_forms(&nops);
  printf("fuzz-isa: %" PRIu64 " sequences (%d opcodes, %d forms), %ld mismatches, "
         "%ld vm_step/vm_run differences, %ld lost host runs; host %.0f/s, vm %.0f/s\n",
         count, nops, nforms, mismatches, runs_differ, lost,
         count / (tnat > 0 ? tnat : 1), count / (tvm > 0 ? tvm : 1));
  return mismatches || runs_differ || lost ? 1 : 0;
}
#endif
