/* fuzz-decode.c: throw random bytes at decode_insn in all three modes.
 *
 * usage: fuzz-decode [SEED [COUNT]]   (default: seed 1, 300000 strings)
 *
 * Each byte string is copied into a heap block of exactly n bytes so that
 * AddressSanitizer catches any read past the end; build with
 *   cc -std=gnu11 -g -O1 -fsanitize=address,undefined -Isrc -Isrc/vm \
 *      tests/fuzz/fuzz-decode.c src/vm/decode.c src/vm/optab.c
 * Compiled with -DFUZZ_LIBFUZZER (and -fsanitize=fuzzer) it is a libFuzzer
 * target instead: the first input byte picks the mode.
 *
 * Beyond "never crash", it checks what the caller relies on: lengths are
 * 1..15 and within n, every field is in range, and the answer does not
 * depend on n: an instruction of length L decodes the same from exactly L
 * bytes and is DECODE_SHORT from L-1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "machine.h"
#include "optab.h"


static unsigned long failures __attribute__((unused));

#define CHECK(c)                                                        \
  do {                                                                  \
    if (!(c)) fail(#c, p, n, mode);                                     \
  } while (0)

static void fail(const char *what, const uint8_t *p, size_t n, int mode) {
  fprintf(stderr, "fuzz-decode: mode %d: %s:", mode, what);
  for (size_t k = 0; k < n; ++k) fprintf(stderr, " %02x", p[k]);
  fprintf(stderr, "\n");
#ifdef FUZZ_LIBFUZZER
  abort();
#else
  if (++failures > 50) exit(1);
#endif
}

/* Decode from a heap copy of exactly n bytes. */
static int decode_exact(struct Insn *in, const uint8_t *p, size_t n,
                        int mode) {
  uint8_t *q = malloc(n ? n : 1);
  if (n) memcpy(q, p, n);
  int rc = decode_insn(in, q, n, mode);
  free(q);
  return rc;
}

static int reg_ok(unsigned r) { return r < 16; }

static void check_one(const uint8_t *p, size_t n, int mode) {
  struct Insn in, in2;
  int rc = decode_exact(&in, p, n, mode);
  CHECK(rc >= DECODE_OK && rc <= DECODE_INVALID);
  if (rc == DECODE_SHORT) CHECK(n < 15);
  if (rc != DECODE_OK && rc != DECODE_INVALID) return;
  CHECK(in.len >= 1 && in.len <= 15 && in.len <= n);
  CHECK(in.fn != NULL);
  if (rc == DECODE_INVALID) CHECK(in.fn == op_ud);
  CHECK(in.map <= MAP_0F3A);
  CHECK(in.osz == 2 || in.osz == 4 || in.osz == 8);
  CHECK(in.asz == 2 || in.asz == 4 || in.asz == 8);
  CHECK(mode == MODE_LONG || (in.osz != 8 && in.asz != 8));
  CHECK(mode == MODE_LONG || in.rex == 0);
  CHECK(reg_ok(in.reg) && reg_ok(in.rm) && in.mod <= 3);
  CHECK(reg_ok(in.base) || in.base == REG_NONE || in.base == BASE_RIP);
  CHECK(in.base != BASE_RIP || mode == MODE_LONG);
  CHECK(reg_ok(in.index) || in.index == REG_NONE);
  CHECK(in.index != RSP || in.rex & 2 || in.vex);
  CHECK(in.scale <= 3);
  CHECK(in.seg < SEG_COUNT && in.segovr <= SEG_COUNT);
  CHECK(in.rep == REP_NONE || in.rep == REP_F2 || in.rep == REP_F3);
  CHECK(in.vex_v < 16 && in.vex <= 1);
  if (in.has_modrm) CHECK(in.mod == 3 || in.modrm >> 6 == in.mod);

  /* The same answer from exactly len bytes; SHORT from one fewer. */
  int rc2 = decode_exact(&in2, p, in.len, mode);
  CHECK(rc2 == rc);
  CHECK(memcmp(&in, &in2, sizeof(in)) == 0);
  rc2 = decode_exact(&in2, p, in.len - 1, mode);
  CHECK(rc2 == DECODE_SHORT);
}

/* Random bytes, weighted towards the bytes that steer the decoder
 * (prefixes, escapes, VEX/EVEX starts) so that long prefix chains and the
 * rarer maps come up often. */
static uint64_t rng_state;

static uint32_t rng(void) {
  rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
  return (uint32_t)(rng_state >> 33);
}

static const uint8_t interesting[] = {
    0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65, 0x66, 0x67, 0xf0, 0xf2, 0xf3,
    0x40, 0x41, 0x44, 0x48, 0x4c, 0x4f, 0x0f, 0x38, 0x3a, 0xc4, 0xc5,
    0x62, 0x8f, 0x04, 0x05, 0x0c, 0x44, 0x84, 0x24, 0x25, 0xe5, 0xff,
    0xf6, 0xf7, 0xa0, 0xa1, 0xb8, 0x9a, 0xea, 0xc8, 0xe8, 0x0f};

static const uint8_t prefixes[] = {0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65, 0x66,
                                   0x67, 0xf0, 0xf2, 0xf3, 0x48, 0x41};

static void __attribute__((unused)) fill(uint8_t *p, size_t n) {
  size_t k = 0;
  /* One string in eight starts with a long run of prefixes, so that the
   * 15-byte limit is reached often. */
  if ((rng() & 7) == 0)
    for (size_t run = 8 + rng() % 10; k < run && k < n; ++k)
      p[k] = prefixes[rng() % sizeof(prefixes)];
  for (; k < n; ++k) {
    uint32_t r = rng();
    p[k] = (r & 3) == 0 ? interesting[(r >> 2) % sizeof(interesting)]
                        : (uint8_t)(r >> 8);
  }
}

/* The answer for the first n of the 20 bytes in buf must agree with the
 * answer for all 20: an instruction of length L is there in full when
 * n >= L and is DECODE_SHORT when n < L; one longer than 15 bytes is
 * DECODE_TOOLONG from 15 bytes on. */
static void check_prefix_of(const uint8_t *buf, size_t n, int mode) {
  struct Insn ref, in;
  const uint8_t *p = buf;
  int want = decode_exact(&ref, buf, 20, mode);
  int rc = decode_exact(&in, buf, n, mode);
  if (want == DECODE_TOOLONG) {
    if (n >= 15) CHECK(rc == DECODE_TOOLONG);
    else CHECK(rc == DECODE_SHORT || rc == DECODE_TOOLONG);
  } else if (n >= ref.len) {
    CHECK(rc == want && memcmp(&in, &ref, sizeof(in)) == 0);
  } else {
    CHECK(rc == DECODE_SHORT);
  }
}

#ifdef FUZZ_LIBFUZZER
/* Input: a mode byte, a length byte, then the instruction bytes; inputs
 * of 20 or more instruction bytes also get the truncation check. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2) return 0;
  int mode = data[0] % 3;
  check_one(data + 2, size - 2, mode);
  if (size - 2 >= 20) check_prefix_of(data + 2, data[1] % 21, mode);
  return 0;
}
#else
int main(int argc, char **argv) {
  unsigned long seed = argc > 1 ? strtoul(argv[1], NULL, 0) : 1;
  unsigned long count = argc > 2 ? strtoul(argv[2], NULL, 0) : 300000;
  uint8_t buf[20];
  unsigned long ok = 0, invalid = 0, shortc = 0, toolong = 0;
  rng_state = seed;
  for (unsigned long c = 0; c < count; ++c) {
    size_t n = rng() % 21;
    fill(buf, sizeof(buf));
    for (int mode = MODE_REAL; mode <= MODE_LONG; ++mode) {
      struct Insn in;
      const uint8_t *p = buf;
      check_one(p, n, mode);
      check_prefix_of(p, n, mode);
      switch (decode_insn(&in, p, n, mode)) {
        case DECODE_OK: ok++; break;
        case DECODE_INVALID: invalid++; break;
        case DECODE_SHORT: shortc++; break;
        default: toolong++; break;
      }
    }
  }
  printf("fuzz-decode: seed %lu, %lu strings x 3 modes: %lu ok, %lu invalid, "
         "%lu short, %lu too long, %lu failures\n",
         seed, count, ok, invalid, shortc, toolong, failures);
  return failures != 0;
}
#endif
