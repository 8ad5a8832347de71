/* test-memory.c: guest memory: mapping, protections, faults, page-crossing
 * accesses, address search, moves, and code invalidation on stores. */
#include <errno.h>
#include <inttypes.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "icache.h"
#include "machine.h"
#include "memory.h"
#include "vm.h"

static int checks, failures;

#define CHECK(cond)                                              \
  do {                                                           \
    ++checks;                                                    \
    if (!(cond)) {                                               \
      ++failures;                                                \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,     \
              __LINE__, #cond);                                  \
    }                                                            \
  } while (0)

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

  vm_free(m);
  printf("test-memory: %d checks, %d failures\n", checks, failures);
  return failures != 0;
}
