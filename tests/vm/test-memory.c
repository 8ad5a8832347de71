/* test-memory.c: guest memory: mapping, protections, faults, page-crossing
 * accesses, address search, moves, shared mappings, and code
 * invalidation on stores. */
#include <errno.h>
#include <inttypes.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "icache.h"
#include "machine.h"
#include "memory.h"
#include "vm.h"

#include "check.h"

static int last_vector;
static uint64_t last_addr, last_err;

static void on_exc(struct Machine *m, int vector, uint64_t err, uint64_t addr) {
  (void)m;
  last_vector = vector;
  last_addr = addr;
  last_err = err;
}

/* Run an access that may fault; returns 1 when it faulted. */
#define FAULTS(m, expr)                        \
  ({                                           \
    int faulted_ = 0;                          \
    last_vector = -1;                          \
    if (setjmp((m)->onfault)) faulted_ = 1;    \
    else { expr; }                             \
    faulted_;                                  \
  })

/* mem_each_region's reports, for checking region splits and joins. */
struct Regions {
  int n;
  uint64_t va[16], len[16];
  int prot[16];
};

static void collect(void *ctx, uint64_t va, uint64_t len, int prot) {
  struct Regions *r = ctx;
  if (r->n < 16) {
    r->va[r->n] = va;
    r->len[r->n] = len;
    r->prot[r->n] = prot;
  }
  r->n++;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Maps 1 TiB at big; the host reserves address space for it, which is
 * not there under valgrind or a tight RLIMIT_AS, so then the same things
 * are tested smaller. Returns the size mapped. */
__attribute__((noinline)) static uint64_t map_big(struct Machine *m, uint64_t big) {
  for (uint64_t size = 1ull << 40; size >= 1ull << 30; size >>= 4) {
    int rc = mem_map(m, big, size, MPROT_READ | MPROT_WRITE, -1, 0);
    if (!rc) {
      if (size != 1ull << 40)
        printf("test-memory: no host room for 1 TiB; testing with %" PRIu64 " MiB\n",
               size >> 20);
      return size;
    }
    if (rc != -ENOMEM) break;
  }
  return 0;
}

/* Huge mappings cost what Linux's do: nothing until pages are touched. */
static void test_lazy(struct Machine *m) {
  const uint64_t big = 0x100000000000ull;
  double t0 = now();
  const uint64_t size = map_big(m, big);
  CHECK(size != 0);
  if (!size) return; /* the accesses below would fault outside FAULTS() */
  CHECK(now() - t0 < 0.1);
  const uint64_t q = size / 1024, half = size / 2;
  CHECK(mem_mapped(m, big, size));
  CHECK(mem_prot(m, big + 700 * q) == (MPROT_READ | MPROT_WRITE));
  /* Touching pages anywhere in it works. */
  CHECK(mem_load64(m, big + 5 * q) == 0);
  mem_store64(m, big, 0x1111);
  mem_store64(m, big + half - 8, 0x2222);
  mem_store64(m, big + half + 3 * PAGE_SIZE, 0x3333);
  mem_store64(m, big + size - 8, 0x4444);
  CHECK(mem_load64(m, big) == 0x1111 && mem_load64(m, big + size - 8) == 0x4444);
  CHECK(mem_copy_out(m, big + 9 * q + PAGE_SIZE - 2, "abcd", 5) == 0);
  char buf[8];
  CHECK(mem_copy_in(m, buf, big + 9 * q + PAGE_SIZE - 2, 5) == 0 && !strcmp(buf, "abcd"));
  int err = 0;
  char *s = mem_strdup_in(m, big + 9 * q + PAGE_SIZE - 2, 100, &err);
  CHECK(s && !strcmp(s, "abcd"));
  free(s);
  struct Regions r = {0};
  mem_each_region(m, collect, &r);
  int before = r.n;

  /* Unmapping a middle piece splits the region and faults there. */
  CHECK(mem_unmap(m, big + half, 3 * PAGE_SIZE) == 0);
  CHECK(!mem_mapped(m, big, size) && mem_mapped(m, big, half));
  CHECK(mem_mapped(m, big + half + 3 * PAGE_SIZE, size - half - 3 * PAGE_SIZE));
  CHECK(FAULTS(m, mem_load8(m, big + half + PAGE_SIZE)) && last_vector == EXC_PF &&
        last_addr == big + half + PAGE_SIZE && !(last_err & PF_PRESENT));
  CHECK(FAULTS(m, mem_store64(m, big + half - 4, 1)));
  CHECK(mem_load64(m, big + half - 8) == 0x2222);
  CHECK(mem_load64(m, big + half + 3 * PAGE_SIZE) == 0x3333);
  CHECK(mem_prot(m, big + half) == -1);
  r.n = 0;
  mem_each_region(m, collect, &r);
  CHECK(r.n == before + 1);

  /* mem_find skips the huge region but finds the hole in it. */
  CHECK(mem_find(m, big, PAGE_SIZE) == big + half);
  CHECK(mem_find(m, big, 3 * PAGE_SIZE) == big + half);
  CHECK(mem_find(m, big, 4 * PAGE_SIZE) == big + size);
  CHECK(mem_find(m, big + half + PAGE_SIZE, PAGE_SIZE) == big + half + PAGE_SIZE);

  /* Protecting part of a region: the touched and untouched pages. */
  uint64_t p = big + 9 * q;
  CHECK(mem_protect(m, p, 2 * PAGE_SIZE, MPROT_READ) == 0);
  CHECK(mem_prot(m, p - 1) == (MPROT_READ | MPROT_WRITE));
  CHECK(mem_prot(m, p) == MPROT_READ && mem_prot(m, p + 2 * PAGE_SIZE - 1) == MPROT_READ);
  CHECK(mem_prot(m, p + 2 * PAGE_SIZE) == (MPROT_READ | MPROT_WRITE));
  CHECK(FAULTS(m, mem_store8(m, p + PAGE_SIZE - 2, 1)) && (last_err & PF_PRESENT) &&
        (last_err & PF_WRITE));
  CHECK(FAULTS(m, mem_store8(m, p + PAGE_SIZE + 7, 1)) && (last_err & PF_PRESENT));
  CHECK(mem_load8(m, p + PAGE_SIZE - 2) == 'a' && mem_load8(m, p + PAGE_SIZE + 1) == 'd');
  CHECK(mem_copy_out(m, p, "x", 1) == -EFAULT);
  int prot = -1;
  CHECK(mem_run_end(m, p + 5, &prot) == p + 2 * PAGE_SIZE && prot == MPROT_READ);
  CHECK(mem_run_end(m, big, &prot) == p && prot == (MPROT_READ | MPROT_WRITE));
  CHECK(mem_run_end(m, big + half, &prot) == 0);
  r.n = 0;
  mem_each_region(m, collect, &r);
  CHECK(r.n == before + 3);
  /* Giving the old protection back joins the runs again. */
  CHECK(mem_protect(m, p, 2 * PAGE_SIZE, MPROT_READ | MPROT_WRITE) == 0);
  r.n = 0;
  mem_each_region(m, collect, &r);
  CHECK(r.n == before + 1);
  mem_store8(m, p + PAGE_SIZE + 7, 9);
  CHECK(mem_load8(m, p + PAGE_SIZE + 7) == 9);
  /* Protecting a range with a hole fails and changes nothing. */
  CHECK(mem_protect(m, big + half - PAGE_SIZE, 2 * PAGE_SIZE, MPROT_READ) == -ENOMEM);
  CHECK(mem_prot(m, big + half - PAGE_SIZE) == (MPROT_READ | MPROT_WRITE));

  /* Moving a piece carries touched pages, untouched pages and split
   * protections along; the old place faults. */
  uint64_t src = big + 100 * q, dst = 0x50000000;
  mem_store64(m, src + 8, 0x5555);
  mem_store64(m, src + 2 * PAGE_SIZE, 0x6666);
  CHECK(mem_protect(m, src + 2 * PAGE_SIZE, PAGE_SIZE, MPROT_READ) == 0);
  CHECK(mem_move(m, src, 4 * PAGE_SIZE, dst, 6 * PAGE_SIZE) == 0);
  CHECK(mem_load64(m, dst + 8) == 0x5555 && mem_load64(m, dst + 2 * PAGE_SIZE) == 0x6666);
  CHECK(mem_load64(m, dst + PAGE_SIZE) == 0 && mem_load64(m, dst + 5 * PAGE_SIZE) == 0);
  CHECK(mem_prot(m, dst + 2 * PAGE_SIZE) == MPROT_READ);
  CHECK(mem_prot(m, dst + 3 * PAGE_SIZE) == (MPROT_READ | MPROT_WRITE));
  CHECK(mem_prot(m, dst + 5 * PAGE_SIZE) == (MPROT_READ | MPROT_WRITE));
  CHECK(!mem_mapped(m, dst + 6 * PAGE_SIZE, 1));
  CHECK(FAULTS(m, mem_store8(m, dst + 2 * PAGE_SIZE, 1)));
  mem_store8(m, dst + 3 * PAGE_SIZE, 1);
  CHECK(FAULTS(m, mem_load8(m, src + 8)) && !(last_err & PF_PRESENT));
  CHECK(!mem_mapped(m, src, 1) && mem_mapped(m, src + 4 * PAGE_SIZE, PAGE_SIZE));
  CHECK(mem_find(m, src - PAGE_SIZE, PAGE_SIZE) == src);
  /* A move that shrinks drops the tail. */
  CHECK(mem_move(m, dst, 6 * PAGE_SIZE, 0x60000000, 2 * PAGE_SIZE) == 0);
  CHECK(mem_load64(m, 0x60000000 + 8) == 0x5555 && !mem_mapped(m, 0x60000000 + 2 * PAGE_SIZE, 1));
  CHECK(!mem_mapped(m, dst, 1) && !mem_mapped(m, dst + 5 * PAGE_SIZE, 1));
  CHECK(mem_unmap(m, 0x60000000, 2 * PAGE_SIZE) == 0);

  /* Map over part of the region: fresh zero pages there. */
  CHECK(mem_map(m, big, 2 * PAGE_SIZE, MPROT_READ, -1, 0) == 0);
  CHECK(mem_load64(m, big) == 0 && mem_prot(m, big) == MPROT_READ);
  CHECK(mem_unmap(m, big, size) == 0);
  CHECK(!mem_mapped(m, big, 1) && mem_prot(m, big + size - 1) == -1);
  CHECK(FAULTS(m, mem_load8(m, big + size - 8)));
  CHECK(mem_find(m, big, size) == big);

  /* What Go and sanitizers do: reserve and release a huge range, many times. */
  t0 = now();
  for (volatile int k = 0; k < 50; ++k) {
    CHECK(mem_map(m, big, size, MPROT_READ | MPROT_WRITE, -1, 0) == 0);
    if (FAULTS(m, mem_store8(m, big + 12345, 1))) break;
    mem_store8(m, big + size - 1, 2);
    CHECK(mem_unmap(m, big, size) == 0);
  }
  CHECK(now() - t0 < 0.5);
}

/* File mappings: contents, zeroes past the end, private writes. */
static void test_file(struct Machine *m) {
  char path[] = "/tmp/test-memory-XXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  if (fd < 0) return;
  unlink(path);
  char data[5000];
  for (int k = 0; k < 5000; ++k) data[k] = (char)(k % 251 + 1);
  CHECK(write(fd, data, sizeof(data)) == (ssize_t)sizeof(data));
  uint64_t va = 0x70000000;
  CHECK(mem_map(m, va, 4 * PAGE_SIZE, MPROT_READ | MPROT_WRITE, fd, 0) == 0);
  CHECK(mem_load8(m, va) == 1 && mem_load8(m, va + 4999) == (uint8_t)data[4999]);
  CHECK(mem_load8(m, va + 5000) == 0 && mem_load64(m, va + 2 * PAGE_SIZE) == 0);
  CHECK(mem_load64(m, va + 4 * PAGE_SIZE - 8) == 0);
  mem_store8(m, va + 3 * PAGE_SIZE, 7);
  mem_store8(m, va, 9);
  CHECK(mem_load8(m, va + 3 * PAGE_SIZE) == 7 && mem_load8(m, va) == 9);
  char c;
  CHECK(pread(fd, &c, 1, 0) == 1 && c == 1); /* private: the file keeps its byte */
  /* From an offset, wholly past the end, and split by protect. */
  CHECK(mem_map(m, va + 8 * PAGE_SIZE, 2 * PAGE_SIZE, MPROT_READ, fd, PAGE_SIZE) == 0);
  CHECK(mem_load8(m, va + 8 * PAGE_SIZE) == (uint8_t)data[PAGE_SIZE]);
  CHECK(mem_load8(m, va + 8 * PAGE_SIZE + 5000 - PAGE_SIZE) == 0);
  CHECK(mem_map(m, va + 12 * PAGE_SIZE, PAGE_SIZE, MPROT_READ, fd, 4 * PAGE_SIZE) == 0);
  CHECK(mem_load64(m, va + 12 * PAGE_SIZE) == 0);
  CHECK(mem_protect(m, va + PAGE_SIZE, PAGE_SIZE, MPROT_READ) == 0);
  CHECK(mem_load8(m, va + PAGE_SIZE) == (uint8_t)data[PAGE_SIZE]);
  CHECK(mem_map(m, va, PAGE_SIZE, MPROT_READ, fd, 1) == -EINVAL);
  close(fd);
  CHECK(mem_unmap(m, va, 16 * PAGE_SIZE) == 0);
}

/* Shared mappings: stores reach the file, the kind survives protect and
 * move, and a shared file mapping grows with more of the file. */
static void test_shared(struct Machine *m) {
  char path[] = "/tmp/test-memory-XXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  if (fd < 0) return;
  unlink(path);
  char data[3 * PAGE_SIZE];
  memset(data, 'f', sizeof(data));
  CHECK(write(fd, data, sizeof(data)) == (ssize_t)sizeof(data));
  uint64_t va = 0x71000000;
  int kind = -1;
  CHECK(mem_map_shared(m, va, 2 * PAGE_SIZE, MPROT_READ | MPROT_WRITE, fd, 0) == 0);
  CHECK(mem_shared_end(m, va, &kind) == va + 2 * PAGE_SIZE && kind == MEM_SHARED_FILE);
  mem_store8(m, va + 10, 'S');
  char c = 0;
  CHECK(pread(fd, &c, 1, 10) == 1 && c == 'S');
  CHECK(pwrite(fd, "W", 1, PAGE_SIZE) == 1 && mem_load8(m, va + PAGE_SIZE) == 'W');
  /* Anonymous shared memory next to it: another kind, not merged. */
  CHECK(mem_map_shared(m, va + 2 * PAGE_SIZE, PAGE_SIZE, MPROT_READ | MPROT_WRITE, -1, 0) == 0);
  CHECK(mem_shared_end(m, va + 2 * PAGE_SIZE, &kind) == va + 3 * PAGE_SIZE &&
        kind == MEM_SHARED_ANON);
  CHECK(mem_shared_end(m, va, &kind) == va + 2 * PAGE_SIZE && kind == MEM_SHARED_FILE);
  CHECK(mem_unmap(m, va + 2 * PAGE_SIZE, PAGE_SIZE) == 0);
  /* Protect splits keep the kind. */
  CHECK(mem_protect(m, va + PAGE_SIZE, PAGE_SIZE, MPROT_READ) == 0);
  CHECK(mem_shared_end(m, va + PAGE_SIZE, &kind) && kind == MEM_SHARED_FILE);
  CHECK(mem_protect(m, va + PAGE_SIZE, PAGE_SIZE, MPROT_READ | MPROT_WRITE) == 0);
  /* Growing moves it with more of the file; past its end, zeroes. */
  uint64_t to = 0x72000000;
  CHECK(mem_grow_shared_file(m, va, 2 * PAGE_SIZE, to, 5 * PAGE_SIZE) == 0);
  CHECK(!mem_mapped(m, va, PAGE_SIZE) && mem_mapped(m, to, 5 * PAGE_SIZE));
  CHECK(mem_load8(m, to + 10) == 'S' && mem_load8(m, to + 2 * PAGE_SIZE) == 'f');
  CHECK(mem_load64(m, to + 3 * PAGE_SIZE) == 0 && mem_load64(m, to + 5 * PAGE_SIZE - 8) == 0);
  mem_store8(m, to + 2 * PAGE_SIZE + 1, 'G');
  CHECK(pread(fd, &c, 1, 2 * PAGE_SIZE + 1) == 1 && c == 'G');
  CHECK(mem_shared_end(m, to, &kind) == to + 5 * PAGE_SIZE && kind == MEM_SHARED_FILE);
  /* Now two host mappings (file, then zeroes): it cannot grow again. */
  CHECK(mem_grow_shared_file(m, to, 5 * PAGE_SIZE, to, 6 * PAGE_SIZE) == -ENOMEM);
  /* Private pages are not grown this way. */
  CHECK(mem_map(m, va, PAGE_SIZE, MPROT_READ, fd, 0) == 0);
  CHECK(mem_shared_end(m, va, &kind) == va + PAGE_SIZE && kind == 0);
  CHECK(mem_grow_shared_file(m, va, PAGE_SIZE, va, 2 * PAGE_SIZE) == -ENOMEM);
  /* A move keeps the pages shared with the file. */
  CHECK(mem_move(m, to, 2 * PAGE_SIZE, 0x73000000, 2 * PAGE_SIZE) == 0);
  mem_store8(m, 0x73000000 + 11, 'M');
  CHECK(pread(fd, &c, 1, 11) == 1 && c == 'M');
  close(fd);
  CHECK(mem_unmap(m, va, PAGE_SIZE) == 0);
  CHECK(mem_unmap(m, to, 5 * PAGE_SIZE) == 0);
  CHECK(mem_unmap(m, 0x73000000, 2 * PAGE_SIZE) == 0);
}

/* Code pages keep their bookkeeping through a protect that keeps exec,
 * and lose it when their mapping goes. */
static void test_code(struct Machine *m) {
  uint64_t code = 0x38000000;
  CHECK(mem_map(m, code, 64 * PAGE_SIZE, MPROT_READ | MPROT_WRITE | MPROT_EXEC, -1, 0) == 0);
  uint64_t pg = code + 10 * PAGE_SIZE;
  mem_store8(m, pg, 0x90);
  struct CodePage *cp = icache_page(mem_icache(m->mem), pg >> 12);
  const struct Insn *i = icache_decode(m, cp, pg);
  CHECK(i && cp->n == 1);
  CHECK(mem_protect(m, code, 64 * PAGE_SIZE, MPROT_READ | MPROT_WRITE | MPROT_EXEC) == 0);
  CHECK(cp->n == 1);
  mem_store8(m, pg, 0xc3); /* still seen as a store over code */
  CHECK(cp->n == 0);
  i = icache_decode(m, cp, pg);
  CHECK(i && cp->n == 1);
  CHECK(mem_unmap(m, code, 64 * PAGE_SIZE) == 0);
  cp = icache_find(mem_icache(m->mem), pg >> 12);
  CHECK(!cp || cp->n == 0);
}

int main(void) {
  struct Machine *m = vm_new();
  m->on_exception = on_exc;
  uint64_t base = 0x10000000;

  CHECK(mem_map(m, base, 3 * PAGE_SIZE, MPROT_READ | MPROT_WRITE, -1, 0) == 0);
  CHECK(mem_load64(m, base) == 0);
  mem_store64(m, base + 8, 0x1122334455667788ull);
  CHECK(mem_load64(m, base + 8) == 0x1122334455667788ull);
  CHECK(mem_load8(m, base + 15) == 0x11);

  /* Page-crossing accesses, both directions. */
  mem_store64(m, base + PAGE_SIZE - 3, 0xa1a2a3a4a5a6a7a8ull);
  CHECK(mem_load64(m, base + PAGE_SIZE - 3) == 0xa1a2a3a4a5a6a7a8ull);
  CHECK(mem_load8(m, base + PAGE_SIZE) == 0xa5);
  CHECK(mem_load32(m, base + PAGE_SIZE - 2) == 0xa4a5a6a7u);

  /* Unmapped and protected pages fault with the right address. */
  CHECK(FAULTS(m, mem_load8(m, base + 3 * PAGE_SIZE)) && last_vector == EXC_PF &&
        last_addr == base + 3 * PAGE_SIZE && !(last_err & PF_PRESENT));
  CHECK(mem_protect(m, base + PAGE_SIZE, PAGE_SIZE, MPROT_READ) == 0);
  CHECK(FAULTS(m, mem_store8(m, base + PAGE_SIZE + 5, 1)) && last_vector == EXC_PF &&
        last_addr == base + PAGE_SIZE + 5 && (last_err & PF_WRITE) &&
        (last_err & PF_PRESENT));
  CHECK(!FAULTS(m, mem_load8(m, base + PAGE_SIZE + 5)));
  /* A crossing store onto a read-only page changes neither page. */
  mem_store8(m, base + PAGE_SIZE - 1, 0x55);
  CHECK(FAULTS(m, mem_store16(m, base + PAGE_SIZE - 1, 0xbbaa)));
  CHECK(mem_load8(m, base + PAGE_SIZE - 1) == 0x55);
  CHECK(mem_protect(m, base, PAGE_SIZE, 0) == 0);
  CHECK(FAULTS(m, mem_load8(m, base)));
  CHECK(mem_prot(m, base) == 0 && mem_prot(m, base + PAGE_SIZE) == MPROT_READ);
  CHECK(mem_prot(m, base + 3 * PAGE_SIZE) == -1);
  /* Wild and non-canonical pointers fault; syscall copies say EFAULT. */
  CHECK(FAULTS(m, mem_load64(m, 0xffff800000000000ull)));
  CHECK(FAULTS(m, mem_load64(m, 8)));
  char buf[16];
  CHECK(mem_copy_in(m, buf, 0xdeadbeef000ull, 4) == -EFAULT);
  CHECK(mem_copy_out(m, base + PAGE_SIZE, buf, 4) == -EFAULT);
  CHECK(mem_copy_out(m, base + 2 * PAGE_SIZE, "hi", 3) == 0);
  int err = 0;
  char *s = mem_strdup_in(m, base + 2 * PAGE_SIZE, 100, &err);
  CHECK(s && !strcmp(s, "hi"));
  free(s);

  /* mem_find skips mapped pages; unmap makes room again. */
  uint64_t f = mem_find(m, base, PAGE_SIZE);
  CHECK(f == base + 3 * PAGE_SIZE);
  CHECK(mem_unmap(m, base + PAGE_SIZE, PAGE_SIZE) == 0);
  CHECK(mem_find(m, base, PAGE_SIZE) == base + PAGE_SIZE);
  CHECK(!mem_mapped(m, base, 3 * PAGE_SIZE));

  /* Moving pages keeps their contents. */
  CHECK(mem_protect(m, base + 2 * PAGE_SIZE, PAGE_SIZE, MPROT_READ | MPROT_WRITE) == 0);
  mem_store32(m, base + 2 * PAGE_SIZE + 100, 0xcafef00d);
  CHECK(mem_move(m, base + 2 * PAGE_SIZE, PAGE_SIZE, 0x20000000, 2 * PAGE_SIZE) == 0);
  CHECK(mem_load32(m, 0x20000000 + 100) == 0xcafef00d);
  CHECK(mem_load32(m, 0x20000000 + PAGE_SIZE) == 0);
  CHECK(!mem_mapped(m, base + 2 * PAGE_SIZE, 1));

  /* Code invalidation: decode an instruction, store over it. */
  uint64_t code = 0x30000000;
  CHECK(mem_map(m, code, PAGE_SIZE, MPROT_READ | MPROT_WRITE | MPROT_EXEC, -1, 0) == 0);
  mem_store8(m, code, 0x90);
  mem_store8(m, code + 1, 0x90);
  struct CodePage *cp = icache_page(mem_icache(m->mem), code >> 12);
  const struct Insn *i = icache_decode(m, cp, code);
  CHECK(i && i->len == 1 && cp->n == 1);
  mem_store8(m, code + 100, 1); /* not covered: kept */
  CHECK(cp->n == 1);
  mem_store8(m, code, 0xc3);    /* covered: dropped */
  CHECK(cp->n == 0 && cp->slot[0] == 0);

  /* An instruction spilling onto the next page is dropped when the tail
   * changes. */
  CHECK(mem_map(m, code + PAGE_SIZE, PAGE_SIZE, MPROT_READ | MPROT_WRITE | MPROT_EXEC, -1, 0) == 0);
  mem_store8(m, code + PAGE_SIZE - 1, 0xb8); /* mov eax, imm32 */
  i = icache_decode(m, cp, code + PAGE_SIZE - 1);
  CHECK(i && i->len == 5 && cp->n == 1);
  mem_store8(m, code + PAGE_SIZE + 2, 7);
  CHECK(cp->n == 0);
  /* Fetch from a non-executable page faults with the fetch bit. */
  CHECK(FAULTS(m, icache_decode(m, cp, 0x20000000)) && (last_err & PF_FETCH));

  test_lazy(m);
  test_file(m);
  test_shared(m);
  test_code(m);

  vm_free(m);
  printf("test-memory: %d checks, %d failures\n", checks, failures);
  return failures != 0;
}
