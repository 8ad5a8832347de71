/* test-hostfault.c: host faults on guest memory (hostfault.c) and host
 * memory of unmapped guest pages given back only once every machine's
 * TLB is past the unmap (memory.c).
 * - hostfault_copy: 0 and the bytes for good memory; -EFAULT, not death,
 *   for a shared file page past the end of its file (SIGBUS) and for an
 *   inaccessible page (SIGSEGV).
 * - a fault that is no guest's (a child process): one line "blink:
 *   internal fault at ADDR" on standard error, and the child dies of the
 *   signal (SIGSEGV, SIGBUS); a SIGSEGV sent by kill() kills without the
 *   line.
 * - two machines on one address space: an unmap by one leaves the host
 *   page mapped while the other's TLB may hold it, and gives it back when
 *   the other empties its TLB (mem_tlb_sync), is inside a system call
 *   (in_syscall) or leaves (mem_detach); a shared file mapping moved on
 *   the host by mremap keeps its old host range reserved meanwhile. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hostfault.h"
#include "machine.h"
#include "memory.h"
#include "vm.h"

#include "check.h"

static void test_copy(void) {
  char tmpl[] = "/tmp/test-hostfault.XXXXXX";
  int fd = mkstemp(tmpl);
  CHECK(fd >= 0);
  unlink(tmpl);
  static char page[4096];
  memset(page, 'q', sizeof(page));
  CHECK(write(fd, page, 4096) == 4096);
  CHECK(write(fd, page, 4096) == 4096);
  char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  CHECK(p != MAP_FAILED);
  CHECK(!ftruncate(fd, 4096));
  char buf[64];
  memset(buf, 0, sizeof(buf));
  CHECK(hostfault_copy(buf, p + 100, 10) == 0);
  CHECK(!memcmp(buf, "qqqqqqqqqq", 10));
  CHECK(hostfault_copy(buf, p + 4096 + 8, 10) == -EFAULT);
  CHECK(hostfault_copy(p + 4096, "x", 1) == -EFAULT);
  /* A copy across the end: the first page's part is done, then EFAULT. */
  CHECK(hostfault_copy(buf, p + 4090, 20) == -EFAULT);
  CHECK(hostfault_copy(buf, p, 10) == 0); /* and again fine */
  char *none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  CHECK(none != MAP_FAILED);
  CHECK(hostfault_copy(buf, none + 5, 4) == -EFAULT);
  munmap(none, 4096);
  munmap(p, 8192);
  close(fd);
}

/* A sanitizer's own SIGSEGV handler gets the faults that are not the
 * guest's (hostfault.c puts the previous handler back): it reports and
 * exits instead of dying of the signal. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

/* Runs fn in a child; its signal (1000 + its status if it exited) and
 * whether its standard error starts with want. */
static int child(void (*fn)(void), const char *want, int *said) {
  int pfd[2];
  if (pipe(pfd)) return -1;
  pid_t pid = fork();
  if (!pid) {
    struct rlimit no = {0, 0};
    setrlimit(RLIMIT_CORE, &no); /* the default action dumps core */
    dup2(pfd[1], 2);
    close(pfd[0]);
    fn();
    _exit(0);
  }
  close(pfd[1]);
  char out[256];
  ssize_t n = 0, r;
  while (n < (ssize_t)sizeof(out) - 1 &&
         (r = read(pfd[0], out + n, sizeof(out) - 1 - (size_t)n)) > 0)
    n += r;
  out[n < 0 ? 0 : n] = 0;
  close(pfd[0]);
  int st;
  waitpid(pid, &st, 0);
  *said = want ? !strncmp(out, want, strlen(want)) : n == 0;
  if (!*said) fprintf(stderr, "child said: %s\n", out);
  return WIFSIGNALED(st) ? WTERMSIG(st) : 1000 + WEXITSTATUS(st);
}

static void bad_pointer(void) {
  char c;
  hostfault_copy(&c, "y", 1); /* installs the handlers */
  int *volatile bad = (int *)16;
  *(volatile int *)bad = 1;
}

static void lost_page(void) {
  char c;
  hostfault_copy(&c, "y", 1);
  FILE *f = tmpfile();
  if (!f || ftruncate(fileno(f), 8192)) _exit(3);
  volatile char *p = mmap(NULL, 8192, PROT_READ, MAP_SHARED, fileno(f), 0);
  if (p == MAP_FAILED || ftruncate(fileno(f), 0)) _exit(4);
  c = p[4096 + 7]; /* not a copy, no machine: the emulator's own */
  (void)c;
}

static void killed(void) {
  char c;
  hostfault_copy(&c, "y", 1);
  kill(getpid(), SIGSEGV);
  for (;;) pause();
}

static void test_internal(void) {
  int said, r;
  r = child(bad_pointer, "blink: internal fault at 0x10 (SIGSEGV", &said);
  CHECK(SANITIZED ? r != 1000 : r == SIGSEGV);
  CHECK(said);
  r = child(lost_page, "blink: internal fault at 0x", &said);
  CHECK(SANITIZED ? r != 1000 : r == SIGBUS);
  CHECK(said);
  if (!SANITIZED) {
    CHECK(child(killed, NULL, &said) == SIGSEGV);
    CHECK(said);
  }
}

/* Whether the host page at p is mapped. */
static int host_mapped(const void *p) {
  return !msync((void *)((uintptr_t)p & ~(uintptr_t)4095), 4096, MS_ASYNC);
}

static void test_late_unmap(void) {
  struct Machine *m = vm_new();
  CHECK(m != NULL);
  struct Machine *o = calloc(1, sizeof(*o));
  o->mem = m->mem;
  mem_tlb_flush(o);
  CHECK(mem_attach(m->mem, o) == 0);
  uint64_t va = 0x100000;
  CHECK(mem_map(m, va, 8192, MPROT_READ | MPROT_WRITE, -1, -1) == 0);
  mem_store64(m, va, 0x1122334455667788ull);
  /* o reads it: its TLB now holds the host page. */
  CHECK(mem_load64(o, va) == 0x1122334455667788ull);
  struct TlbEntry *e = &o->tlb[(va >> 12) & (TLB_SIZE - 1)];
  CHECK(e->rtag == va >> 12);
  uint8_t *h = e->host;
  uint64_t where;
  CHECK(mem_host_to_guest(o, h + 24, &where) && where == va + 24);
  o->tlb_stale = o->trap = 0;
  CHECK(mem_unmap(m, va, 8192) == 0);
  CHECK(o->tlb_stale == 1 && o->trap == 1);
  /* o's instruction under way may still use the entry: still there. */
  CHECK(host_mapped(h));
  CHECK(mem_load64(o, va) == 0x1122334455667788ull);
  /* o passes an instruction boundary (exec.c start()): given back. */
  o->tlb_stale = 0;
  mem_tlb_sync(o);
  CHECK(!host_mapped(h));
  CHECK(e->rtag == ~0ull);

  /* o inside a system call: given back at once. */
  CHECK(mem_map(m, va, 4096, MPROT_READ | MPROT_WRITE, -1, -1) == 0);
  CHECK(mem_load64(o, va) == 0);
  h = o->tlb[(va >> 12) & (TLB_SIZE - 1)].host;
  o->in_syscall = 1;
  CHECK(mem_unmap(m, va, 4096) == 0);
  CHECK(!host_mapped(h));
  o->in_syscall = 0;

  /* Replaced by a new map (MAP_FIXED): the old host page waits too. */
  CHECK(mem_map(m, va, 4096, MPROT_READ | MPROT_WRITE, -1, -1) == 0);
  o->tlb_stale = 0;
  mem_tlb_sync(o);
  CHECK(mem_load64(o, va) == 0);
  h = o->tlb[(va >> 12) & (TLB_SIZE - 1)].host;
  CHECK(mem_map(m, va, 4096, MPROT_READ | MPROT_WRITE, -1, -1) == 0);
  CHECK(host_mapped(h));
  /* o leaves the address space: nothing holds it any more. */
  o->tlb_stale = 0;
  mem_tlb_sync(o);
  CHECK(!host_mapped(h));

  /* A shared file mapping grown by mremap that moves on the host: the
   * old host range is kept reserved (inaccessible) while o may hold it,
   * and o's stale entry still names the guest page for hostfault.c. */
  FILE *f = tmpfile();
  CHECK(f && !ftruncate(fileno(f), 8192));
  uint64_t fva = 0x200000, nva = 0x300000;
  CHECK(mem_map_shared(m, fva, 4096, MPROT_READ | MPROT_WRITE, fileno(f), 0) == 0);
  CHECK(mem_load64(o, fva) == 0);
  h = o->tlb[(fva >> 12) & (TLB_SIZE - 1)].host;
  /* Something right after it on the host, so that it cannot grow there. */
  void *block = mmap(h + 4096, 4096, PROT_NONE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  CHECK(mem_grow_shared_file(m, fva, 4096, nva, 8192) == 0);
  CHECK(mem_prot(m, nva + 4096) >= 0 && mem_prot(m, fva) < 0);
  CHECK(o->tlb_stale == 1);
  CHECK(host_mapped(h)); /* reserved */
  CHECK(mem_host_to_guest(o, h + 8, &where) && where == fva + 8);
  /* o leaves the address space: nothing holds it any more. */
  mem_detach(m->mem, o);
  CHECK(!host_mapped(h));
  if (block != MAP_FAILED) munmap(block, 4096);
  fclose(f);
  free(o);
  vm_free(m);
}

int main(void) {
  test_copy();
  test_internal();
  test_late_unmap();
  printf("test-hostfault: %d checks, %d failures\n", checks, failures);
  return failures != 0;
}
