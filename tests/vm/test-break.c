/* test-break.c: breakpoints, watchpoints, vm_last_access and vm_poke
 * (debug.h), with and without the history.
 *
 * The guest is a flat binary (.bin, loaded at 0x400000 read-write-execute)
 * assembled here byte by byte, so that every instruction's address is
 * known without a toolchain: a counted loop, stack and global accesses, a
 * read-modify-write, rep stosb, movsq, a rep movsb across a page, a
 * read(2) from /dev/zero, and code that a poke changes. Each scenario
 * loads a fresh machine and points rip at its snippet. */
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "debug.h"
#include "history.h"
#include "machine.h"
#include "memory.h"
#include "vm.h"

#include "check.h"

/* ---- a tiny assembler ---- */

#define BASE 0x400000ull
#define IMG 0x3000           /* image size: code, then data at GLOB */
#define GLOB (BASE + 0x2000) /* a data page in the image; the loader maps
                                more (zeroed) memory right after it */
static uint8_t img[IMG];
static size_t pc;

static uint64_t here(void) { return BASE + pc; }
static void emit(const uint8_t *b, size_t n) {
  memcpy(img + pc, b, n);
  pc += n;
}
#define E(...) emit((const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__}))
static void imm64(uint64_t v) {
  for (int k = 0; k < 8; ++k) img[pc++] = (uint8_t)(v >> (8 * k));
}
/* mov r64, imm64 (registers 0..7) */
static void movabs(int reg, uint64_t v) {
  E(0x48, (uint8_t)(0xb8 + reg));
  imm64(v);
}
static void jcc8(uint8_t op, uint64_t target) {
  int64_t rel = (int64_t)target - (int64_t)(here() + 2);
  E(op, (uint8_t)(int8_t)rel);
}
static void sys_exit(void) { E(0xb8, 0x3c, 0, 0, 0, 0x31, 0xff, 0x0f, 0x05); }

/* Addresses of interesting instructions. */
static uint64_t loop_start, loop_add, loop_dec, loop_exit;
static uint64_t st_start, st_push, st_pop, st_after;
static uint64_t g_start, g_store, g_load, g_rmw, g_stos, g_after_stos, g_movsq,
    g_sse, g_movs, g_end;
static uint64_t z_start, z_syscall, z_after;
static uint64_t w_start, w_open, w_syscall, w_after;
static uint64_t p_start, p_mov, p_end;
static uint64_t l2_start, l2_top, l2_dec, l2_store, l2_exit;
#define L2N 100000
#define LOOPS 10

static void assemble(void) {
  /* The loop: rax += 1, LOOPS times. */
  loop_start = here();
  E(0xb9, LOOPS, 0, 0, 0); /* mov ecx, LOOPS */
  loop_add = here();
  E(0x48, 0x83, 0xc0, 0x01); /* add rax, 1 */
  loop_dec = here();
  E(0xff, 0xc9);            /* dec ecx */
  jcc8(0x75, loop_add);     /* jnz */
  loop_exit = here();
  sys_exit();

  /* The stack: push, pop. */
  pc = 0x100;
  st_start = here();
  movabs(0, 0x1122334455667788ull); /* mov rax, imm */
  st_push = here();
  E(0x50); /* push rax */
  st_pop = here();
  E(0x5b); /* pop rbx */
  st_after = here();
  E(0x90);
  sys_exit();

  /* Globals and strings. */
  pc = 0x200;
  g_start = here();
  movabs(7, GLOB);                     /* mov rdi, GLOB */
  E(0x48, 0xc7, 0xc0, 0x2a, 0, 0, 0);  /* mov rax, 42 */
  g_store = here();
  E(0x48, 0x89, 0x47, 0x08); /* mov [rdi+8], rax */
  g_load = here();
  E(0x48, 0x8b, 0x5f, 0x08); /* mov rbx, [rdi+8] */
  g_rmw = here();
  E(0x48, 0x01, 0x47, 0x08); /* add [rdi+8], rax */
  movabs(7, GLOB + 0x100);
  E(0xb9, 64, 0, 0, 0); /* mov ecx, 64 */
  E(0xb0, 0x55);        /* mov al, 0x55 */
  g_stos = here();
  E(0xf3, 0xaa);        /* rep stosb */
  g_after_stos = here();
  movabs(6, GLOB + 8);     /* mov rsi, GLOB+8 */
  movabs(7, GLOB + 0x200); /* mov rdi, GLOB+0x200 */
  g_movsq = here();
  E(0x48, 0xa5); /* movsq */
  g_sse = here();
  E(0xf3, 0x0f, 0x7f, 0x07); /* movdqu [rdi], xmm0 */
  E(0xf3, 0x0f, 0x6f, 0x0e); /* movdqu xmm1, [rsi] */
  movabs(6, GLOB + 0x100);            /* mov rsi, GLOB+0x100 */
  movabs(7, GLOB + 0x1000 - 0x400);   /* mov rdi: 0x400 before a page end */
  E(0xb9, 0x00, 0x08, 0, 0);          /* mov ecx, 0x800 */
  g_movs = here();
  E(0xf3, 0xa4); /* rep movsb */
  g_end = here();
  sys_exit();

  /* read(open("/dev/zero"), GLOB+0x300, 16) */
  pc = 0x400;
  z_start = here();
  E(0xb8, 2, 0, 0, 0);          /* mov eax, 2 (open) */
  movabs(7, GLOB + 0x800);      /* mov rdi, path */
  E(0x31, 0xf6);                /* xor esi, esi */
  E(0x0f, 0x05);                /* syscall */
  E(0x89, 0xc7);                /* mov edi, eax */
  E(0x31, 0xc0);                /* xor eax, eax (read) */
  movabs(6, GLOB + 0x300);      /* mov rsi, buf */
  E(0xba, 16, 0, 0, 0);         /* mov edx, 16 */
  z_syscall = here();
  E(0x0f, 0x05);                /* syscall */
  z_after = here();
  sys_exit();
  memcpy(img + (GLOB + 0x800 - BASE), "/dev/zero", 10);

  /* write(open("/dev/null", O_WRONLY), GLOB+0x300, 16) */
  pc = 0x480;
  w_start = here();
  E(0xb8, 2, 0, 0, 0);          /* mov eax, 2 (open) */
  movabs(7, GLOB + 0x810);      /* mov rdi, path */
  E(0xbe, 1, 0, 0, 0);          /* mov esi, O_WRONLY */
  w_open = here();
  E(0x0f, 0x05);                /* syscall */
  E(0x89, 0xc7);                /* mov edi, eax */
  E(0xb8, 1, 0, 0, 0);          /* mov eax, 1 (write) */
  movabs(6, GLOB + 0x300);      /* mov rsi, buf */
  E(0xba, 16, 0, 0, 0);         /* mov edx, 16 */
  w_syscall = here();
  E(0x0f, 0x05);                /* syscall */
  w_after = here();
  sys_exit();
  memcpy(img + (GLOB + 0x810 - BASE), "/dev/null", 10);
  memset(img + (GLOB + 0x300 - BASE), 0xff, 16);

  /* A long loop over memory, then one store, for the replay at speed. */
  pc = 0x600;
  l2_start = here();
  movabs(7, GLOB + 0x600);           /* mov rdi, GLOB+0x600 */
  E(0xb9, L2N & 0xff, (L2N >> 8) & 0xff, (L2N >> 16) & 0xff, 0); /* mov ecx */
  l2_top = here();
  E(0x48, 0x83, 0x07, 0x01);         /* add qword [rdi], 1 */
  E(0x48, 0x89, 0x4f, 0x08);         /* mov [rdi+8], rcx */
  l2_dec = here();
  E(0xff, 0xc9);                     /* dec ecx */
  jcc8(0x75, l2_top);                /* jnz */
  l2_store = here();
  E(0x48, 0x89, 0x47, 0x10);         /* mov [rdi+16], rax */
  l2_exit = here();
  sys_exit();

  /* Code a poke changes. */
  pc = 0x500;
  p_start = here();
  E(0xb8, 1, 0, 0, 0); /* mov eax, 1 */
  p_mov = here();
  E(0xbb, 2, 0, 0, 0); /* mov ebx, 2 */
  p_end = here();
  sys_exit();
}

static char prog[64];

static struct Machine *load(uint64_t rip) {
  static char *argv[] = {"test-break", NULL};
  static char *envp[] = {NULL};
  char err[256];
  struct Machine *m = vm_new();
  if (!m || vm_load(m, prog, argv, envp, err, sizeof(err))) {
    fprintf(stderr, "load %s: %s\n", prog, err);
    exit(1);
  }
  m->rip = rip;
  return m;
}

/* ---- breakpoints ---- */

static void test_break_loop(void) {
  struct Machine *m = load(loop_start);
  CHECK(vm_break_set(m, loop_add) == 0);
  CHECK(vm_break_set(m, loop_add) == 0); /* twice is once */
  for (int k = 0; k < LOOPS; ++k) {
    int s = vm_run(m);
    CHECK(s == STOP_BREAK);
    CHECK(m->rip == loop_add);
    /* mov, then 3 instructions a round */
    CHECK(vm_icount(m) == 1 + 3 * (uint64_t)k);
    CHECK(m->r[RAX] == (uint64_t)k);
  }
  int s = vm_run(m);
  CHECK(s == STOP_EXIT);
  CHECK(vm_icount(m) == 1 + 3 * LOOPS + 3);
  vm_free(m);

  /* vm_step never stops at one: it runs the instruction. */
  m = load(loop_start);
  vm_break_set(m, loop_add);
  CHECK(vm_step(m) == STOP_NONE && m->rip == loop_add);
  CHECK(vm_step(m) == STOP_NONE && m->rip == loop_dec && m->r[RAX] == 1);
  CHECK(vm_icount(m) == 2);
  /* ... and vm_run from the middle of the loop stops at the next round. */
  CHECK(vm_run(m) == STOP_BREAK && m->rip == loop_add && vm_icount(m) == 4);
  vm_free(m);
}

/* Breakpoints set and cleared while the loop's records are decoded and
 * linked to each other. */
static void test_break_hot(void) {
  struct Machine *m = load(loop_start);
  /* Decode and link the whole loop with no breakpoint at all. */
  CHECK(vm_break_set(m, loop_exit) == 0);
  CHECK(vm_run(m) == STOP_BREAK && m->rip == loop_exit);
  uint64_t n = vm_icount(m);
  CHECK(n == 1 + 3 * LOOPS);
  /* Run it again on the hot page, with a breakpoint set now. */
  m->rip = loop_start;
  CHECK(vm_break_set(m, loop_dec) == 0);
  CHECK(vm_run(m) == STOP_BREAK && m->rip == loop_dec && vm_icount(m) == n + 2);
  CHECK(vm_run(m) == STOP_BREAK && m->rip == loop_dec && vm_icount(m) == n + 5);
  /* Move it while stopped mid-loop: clear at dec, set at add. */
  vm_break_clear(m, loop_dec);
  CHECK(vm_break_set(m, loop_add) == 0);
  CHECK(vm_run(m) == STOP_BREAK && m->rip == loop_add && vm_icount(m) == n + 7);
  /* Clear all: runs to the end. */
  vm_break_clear_all(m);
  CHECK(vm_run(m) == STOP_EXIT);
  CHECK(vm_icount(m) == n + 1 + 3 * LOOPS + 3);
  /* Clearing what is not set is harmless. */
  vm_break_clear(m, 0x1234);
  /* A full set says so. */
  int full = 0;
  for (int k = 0; k < 300 && !full; ++k) full = vm_break_set(m, 0x10000 + k) < 0;
  CHECK(full);
  vm_free(m);
}

/* ---- watchpoints ---- */

static void test_watch_stack(void) {
  struct Machine *m = load(st_start);
  uint64_t slot = m->r[RSP] - 8;
  struct VmWatchHit h;
  CHECK(vm_watch_hit(m, &h) == -1);
  CHECK(vm_watch_set(m, slot, 0, VM_WATCH_WRITE) == -1);
  int id = vm_watch_set(m, slot + 4, 2, VM_WATCH_WRITE);
  CHECK(id >= 0);
  CHECK(vm_run(m) == STOP_WATCH);
  CHECK(m->rip == st_pop);
  CHECK(vm_watch_hit(m, &h) == 0 && h.id == id && h.kind == VM_WATCH_WRITE &&
        h.addr == slot && h.len == 8 && h.pc == st_push);
  /* The pop reads: a write watch does not see it. */
  CHECK(vm_run(m) == STOP_EXIT);
  CHECK(m->r[RBX] == 0x1122334455667788ull);
  vm_free(m);

  /* Read watch: the pop, not the push. */
  m = load(st_start);
  id = vm_watch_set(m, slot, 8, VM_WATCH_READ);
  CHECK(vm_run(m) == STOP_WATCH && m->rip == st_after);
  CHECK(vm_watch_hit(m, &h) == 0 && h.id == id && h.kind == VM_WATCH_READ &&
        h.addr == slot && h.len == 8 && h.pc == st_pop);
  CHECK(vm_run(m) == STOP_EXIT);
  vm_free(m);

  /* Access watch: both; cleared: neither. */
  m = load(st_start);
  id = vm_watch_set(m, slot, 1, VM_WATCH_ACCESS);
  CHECK(vm_run(m) == STOP_WATCH && m->rip == st_pop);
  CHECK(vm_watch_hit(m, &h) == 0 && h.kind == VM_WATCH_WRITE && h.pc == st_push);
  CHECK(vm_run(m) == STOP_WATCH && m->rip == st_after);
  CHECK(vm_watch_hit(m, &h) == 0 && h.kind == VM_WATCH_READ && h.pc == st_pop);
  vm_free(m);
  m = load(st_start);
  id = vm_watch_set(m, slot, 8, VM_WATCH_ACCESS);
  vm_watch_clear(m, id);
  CHECK(vm_run(m) == STOP_EXIT);
  CHECK(vm_watch_hit(m, &h) == -1);
  vm_free(m);
}

static void test_watch_global(void) {
  struct Machine *m = load(g_start);
  struct VmWatchHit h;
  /* A neighbour on the same page is not a hit, but the page is slow. */
  int id = vm_watch_set(m, GLOB + 8, 8, VM_WATCH_WRITE);
  int other = vm_watch_set(m, GLOB + 0x100 + 40, 1, VM_WATCH_WRITE);
  int far = vm_watch_set(m, GLOB + 0x1000 - 0x400 + 0x100, 4, VM_WATCH_WRITE);
  CHECK(id >= 0 && other >= 0 && far >= 0 && id != other);
  CHECK(vm_run(m) == STOP_WATCH && m->rip == g_load);
  CHECK(vm_watch_hit(m, &h) == 0 && h.id == id && h.pc == g_store &&
        h.addr == GLOB + 8 && h.len == 8 && h.kind == VM_WATCH_WRITE);
  /* The read-modify-write is reported as a write. */
  CHECK(vm_run(m) == STOP_WATCH && m->rip == g_rmw + 4);
  CHECK(vm_watch_hit(m, &h) == 0 && h.id == id && h.pc == g_rmw &&
        h.kind == VM_WATCH_WRITE);
  /* rep stosb over the other one: stops after it (one run of 64). */
  CHECK(vm_run(m) == STOP_WATCH);
  CHECK(vm_watch_hit(m, &h) == 0 && h.id == other && h.pc == g_stos);
  CHECK(h.addr <= GLOB + 0x100 + 40 && h.addr + h.len > GLOB + 0x100 + 40);
  CHECK(m->rip == g_after_stos && m->r[RCX] == 0);
  /* movsq reads GLOB+8: not a write of it. A rep movsb crossing a page
   * into the far watch stops with rip still on it and RCX left. */
  CHECK(vm_run(m) == STOP_WATCH);
  CHECK(vm_watch_hit(m, &h) == 0 && h.id == far && h.pc == g_movs);
  CHECK(m->rip == g_movs && m->r[RCX] != 0 && m->r[RCX] < 0x800);
  /* Resuming finishes the copy. */
  CHECK(vm_run(m) == STOP_EXIT);
  uint8_t a[0x800], b[0x800];
  CHECK(vm_peek(m, GLOB + 0x100, a, sizeof(a)) == sizeof(a));
  CHECK(vm_peek(m, GLOB + 0x1000 - 0x400, b, sizeof(b)) == sizeof(b));
  CHECK(!memcmp(a, b, sizeof(a)));
  uint64_t v = 0;
  vm_peek(m, GLOB + 8, &v, 8);
  CHECK(v == 84);
  vm_free(m);

  /* Set on a page the TLB already maps fast (stores and loads ran): the
   * next access there still sees it. */
  m = load(g_start);
  vm_break_set(m, g_rmw);
  CHECK(vm_run(m) == STOP_BREAK && m->rip == g_rmw);
  vm_break_clear_all(m);
  id = vm_watch_set(m, GLOB + 8, 8, VM_WATCH_WRITE);
  CHECK(vm_run(m) == STOP_WATCH && m->rip == g_rmw + 4);
  CHECK(vm_watch_hit(m, &h) == 0 && h.pc == g_rmw);
  /* ... and cleared, the page is fast again and nothing stops. */
  vm_watch_clear(m, id);
  CHECK(vm_run(m) == STOP_EXIT);
  vm_free(m);

  /* Read watch on the global: the load, then the RMW's load, then movsq. */
  m = load(g_start);
  id = vm_watch_set(m, GLOB + 12, 1, VM_WATCH_READ);
  CHECK(vm_run(m) == STOP_WATCH && m->rip == g_rmw);
  CHECK(vm_watch_hit(m, &h) == 0 && h.pc == g_load && h.kind == VM_WATCH_READ);
  CHECK(vm_run(m) == STOP_WATCH && m->rip == g_rmw + 4);
  CHECK(vm_watch_hit(m, &h) == 0 && h.pc == g_rmw && h.kind == VM_WATCH_READ);
  CHECK(vm_run(m) == STOP_WATCH && m->rip == g_movsq + 2);
  CHECK(vm_watch_hit(m, &h) == 0 && h.pc == g_movsq && h.addr == GLOB + 8);
  CHECK(vm_run(m) == STOP_EXIT);
  vm_free(m);
}

static void test_watch_syscall(void) {
  struct Machine *m = load(z_start);
  struct VmWatchHit h;
  int id = vm_watch_set(m, GLOB + 0x308, 4, VM_WATCH_WRITE);
  CHECK(vm_run(m) == STOP_WATCH && m->rip == z_after);
  CHECK(m->r[RAX] == 16);
  CHECK(vm_watch_hit(m, &h) == 0 && h.id == id && h.pc == z_syscall &&
        h.addr == GLOB + 0x300 && h.len == 16 && h.kind == VM_WATCH_WRITE);
  uint8_t buf[16], zero[16] = {0};
  CHECK(vm_peek(m, GLOB + 0x300, buf, 16) == 16 && !memcmp(buf, zero, 16));
  CHECK(vm_run(m) == STOP_EXIT);
  vm_free(m);
}

/* System calls' loads: a path and a buffer write(2) sends. */
static void test_watch_syscall_read(void) {
  struct Machine *m = load(w_start);
  struct VmWatchHit h;
  int id = vm_watch_set(m, GLOB + 0x815, 1, VM_WATCH_READ);
  int buf = vm_watch_set(m, GLOB + 0x30f, 4, VM_WATCH_ACCESS);
  CHECK(vm_run(m) == STOP_WATCH && m->rip == w_open + 2);
  CHECK(vm_watch_hit(m, &h) == 0 && h.id == id && h.kind == VM_WATCH_READ &&
        h.pc == w_open && h.addr == GLOB + 0x810 && h.len == 10);
  CHECK(vm_run(m) == STOP_WATCH && m->rip == w_after && m->r[RAX] == 16);
  CHECK(vm_watch_hit(m, &h) == 0 && h.id == buf && h.kind == VM_WATCH_READ &&
        h.pc == w_syscall && h.addr == GLOB + 0x300 && h.len == 16);
  /* The debugger's own reads are not the guest's. */
  uint8_t b[16];
  CHECK(vm_peek(m, GLOB + 0x300, b, 16) == 16);
  CHECK(vm_run(m) == STOP_EXIT);
  vm_free(m);
}

/* ---- last access, poke ---- */

static void test_last_access(void) {
  struct Machine *m = load(st_start);
  struct VmAccess a;
  uint64_t sp = m->r[RSP];
  vm_step(m); /* mov rax, imm: no memory */
  vm_last_access(m, &a);
  CHECK(a.read_len == 0 && a.write_len == 0);
  vm_step(m); /* push */
  vm_last_access(m, &a);
  CHECK(a.write_addr == sp - 8 && a.write_len == 8 && a.read_len == 0);
  vm_step(m); /* pop */
  vm_last_access(m, &a);
  CHECK(a.read_addr == sp - 8 && a.read_len == 8 && a.write_len == 0);
  vm_free(m);

  m = load(g_start);
  while (m->rip != g_store) vm_step(m);
  vm_step(m);
  vm_last_access(m, &a);
  CHECK(a.write_addr == GLOB + 8 && a.write_len == 8 && a.read_len == 0);
  vm_step(m);
  vm_last_access(m, &a);
  CHECK(a.read_addr == GLOB + 8 && a.read_len == 8 && a.write_len == 0);
  vm_step(m); /* add [rdi+8], rax */
  vm_last_access(m, &a);
  CHECK(a.read_addr == GLOB + 8 && a.write_addr == GLOB + 8);
  while (m->rip != g_movsq) vm_step(m);
  vm_step(m);
  vm_last_access(m, &a);
  CHECK(a.read_addr == GLOB + 8 && a.read_len == 8);
  CHECK(a.write_addr == GLOB + 0x200 && a.write_len == 8);
  /* 16-byte SSE accesses (two halves on the slow path) are one. */
  vm_step(m);
  vm_last_access(m, &a);
  CHECK(a.write_addr == GLOB + 0x208 && a.write_len == 16 && a.read_len == 0);
  vm_step(m);
  vm_last_access(m, &a);
  CHECK(a.read_addr == GLOB + 0x10 && a.read_len == 16 && a.write_len == 0);
  while (m->rip != g_movs) vm_step(m);
  vm_step(m); /* rep movsb: the first run */
  vm_last_access(m, &a);
  CHECK(a.read_addr == GLOB + 0x100 && a.read_len > 0);
  CHECK(a.write_addr == GLOB + 0x1000 - 0x400 && a.write_len > 0);
  /* vm_run afterwards is not slowed down: the TLB fills again. */
  CHECK(vm_run(m) == STOP_EXIT);
  vm_free(m);

  /* A step after vm_run filled the TLB still records. */
  m = load(g_start);
  vm_break_set(m, g_rmw);
  CHECK(vm_run(m) == STOP_BREAK);
  vm_step(m);
  vm_last_access(m, &a);
  CHECK(a.read_addr == GLOB + 8 && a.read_len == 8);
  CHECK(a.write_addr == GLOB + 8 && a.write_len == 8);
  vm_free(m);

  m = load(z_start);
  while (m->rip != z_syscall) vm_step(m);
  vm_step(m);
  vm_last_access(m, &a);
  CHECK(a.write_addr == GLOB + 0x300 && a.write_len == 16);
  vm_free(m);
}

static void test_poke(void) {
  struct Machine *m = load(p_start);
  /* Decode the snippet first. */
  vm_break_set(m, p_end);
  CHECK(vm_run(m) == STOP_BREAK && m->r[RBX] == 2);
  m->rip = p_start;
  uint8_t seven = 7;
  CHECK(vm_poke(m, p_mov + 1, &seven, 1) == 1);
  CHECK(vm_run(m) == STOP_BREAK && m->rip == p_end && m->r[RBX] == 7);
  /* Ignores protection, not unmapped pages. */
  CHECK(mem_protect(m, BASE, 0x1000, MPROT_READ | MPROT_EXEC) == 0);
  uint8_t nine = 9;
  CHECK(vm_poke(m, p_mov + 1, &nine, 1) == 1);
  m->rip = p_start;
  CHECK(vm_run(m) == STOP_BREAK && m->r[RBX] == 9);
  char x[8] = "abcdefg";
  CHECK(vm_poke(m, 0x1000, x, 8) == 0);
  /* Stops at the first unmapped page. */
  uint64_t end = mem_run_end(m, GLOB, NULL);
  CHECK(end != 0);
  CHECK(vm_poke(m, end - 3, x, 8) == 3);
  vm_free(m);
}

/* ---- with the history ---- */

static void test_history(void) {
  struct Machine *m = load(loop_start);
  CHECK(history_enable(m, 0) == 0);
  vm_break_set(m, loop_dec);
  uint64_t hits[LOOPS];
  for (int k = 0; k < 4; ++k) {
    CHECK(history_run(m) == STOP_BREAK && m->rip == loop_dec);
    hits[k] = history_position(m);
    CHECK(hits[k] == 2 + 3 * (uint64_t)k);
  }
  /* Back before the second hit, then continue: the replay stops at it,
   * then at the third; a seek does not stop. */
  history_seek(m, hits[1] - 1);
  CHECK(history_replaying(m));
  CHECK(history_run(m) == STOP_BREAK && history_position(m) == hits[1]);
  CHECK(m->rip == loop_dec && m->r[RAX] == 2);
  CHECK(history_run(m) == STOP_BREAK && history_position(m) == hits[2]);
  history_seek(m, 0);
  CHECK(history_replay_forward(m, 9) == 9);
  /* history_step executes the breakpointed instruction. */
  history_seek(m, hits[1]);
  CHECK(history_step(m) == STOP_NONE && history_position(m) == hits[1] + 1);
  /* Continue to the present (hits[3]) and on live. */
  CHECK(history_run(m) == STOP_BREAK && history_position(m) == hits[2]);
  CHECK(history_run(m) == STOP_BREAK && history_position(m) == hits[3]);
  CHECK(!history_replaying(m));
  CHECK(history_run(m) == STOP_BREAK && history_position(m) == hits[3] + 3);
  vm_break_clear_all(m);
  CHECK(history_run(m) == STOP_EXIT);
  history_disable(m);
  vm_free(m);

  /* A read watch live, then in the past: the stops are epoch ends, where
   * the replay restores rather than runs; the live hits are recalled. */
  m = load(g_start);
  CHECK(history_enable(m, 0) == 0);
  struct VmWatchHit rh;
  int rid = vm_watch_set(m, GLOB + 8, 8, VM_WATCH_READ);
  CHECK(history_run(m) == STOP_WATCH && m->rip == g_rmw);
  uint64_t p_load = history_position(m);
  CHECK(history_run(m) == STOP_WATCH && m->rip == g_rmw + 4);
  uint64_t p_rmw = history_position(m);
  vm_watch_clear(m, rid);
  CHECK(history_run(m) == STOP_EXIT);
  rid = vm_watch_set(m, GLOB + 10, 1, VM_WATCH_READ);
  history_seek(m, 0);
  CHECK(history_run(m) == STOP_WATCH && history_position(m) == p_load);
  CHECK(vm_watch_hit(m, &rh) == 0 && rh.id == rid && rh.kind == VM_WATCH_READ &&
        rh.pc == g_load && rh.addr == GLOB + 8 && rh.len == 8);
  CHECK(history_run(m) == STOP_WATCH && history_position(m) == p_rmw);
  CHECK(vm_watch_hit(m, &rh) == 0 && rh.pc == g_rmw);
  history_disable(m);
  vm_free(m);

  /* An epoch end made by a breakpoint stop just after a store: in the
   * past, a write watch there sees the bytes change (the whole range is
   * reported, the access being unknown there). */
  m = load(g_start);
  CHECK(history_enable(m, 0) == 0);
  vm_break_set(m, g_load);
  CHECK(history_run(m) == STOP_BREAK && history_position(m) == 3);
  vm_break_clear_all(m);
  CHECK(history_run(m) == STOP_EXIT);
  rid = vm_watch_set(m, GLOB + 4, 8, VM_WATCH_WRITE);
  history_seek(m, 0);
  CHECK(history_run(m) == STOP_WATCH && history_position(m) == 3);
  CHECK(vm_watch_hit(m, &rh) == 0 && rh.id == rid && rh.pc == g_store &&
        rh.addr == GLOB + 4 && rh.len == 8 && rh.kind == VM_WATCH_WRITE);
  history_disable(m);
  vm_free(m);

  /* A write watch live, then the same write found in the past. */
  m = load(g_start);
  CHECK(history_enable(m, 0) == 0);
  struct VmWatchHit h;
  int id = vm_watch_set(m, GLOB + 8, 8, VM_WATCH_WRITE);
  CHECK(history_run(m) == STOP_WATCH && m->rip == g_load);
  CHECK(vm_watch_hit(m, &h) == 0 && h.id == id && h.pc == g_store);
  uint64_t after = history_position(m);
  CHECK(after == 3);
  CHECK(history_run(m) == STOP_WATCH && m->rip == g_rmw + 4);
  uint64_t after_rmw = history_position(m);
  vm_watch_clear(m, id);
  CHECK(history_run(m) == STOP_EXIT);
  /* Replay through the watched writes stops after each. Both are epoch
   * ends (each live stop is), which replay restores rather than runs. */
  id = vm_watch_set(m, GLOB + 8, 8, VM_WATCH_WRITE);
  history_seek(m, 0);
  CHECK(history_run(m) == STOP_WATCH && history_position(m) == after);
  CHECK(vm_watch_hit(m, &h) == 0 && h.id == id && h.pc == g_store);
  CHECK(h.addr == GLOB + 8 && h.len == 8 && h.kind == VM_WATCH_WRITE);
  CHECK(history_run(m) == STOP_WATCH && history_position(m) == after_rmw);
  CHECK(vm_watch_hit(m, &h) == 0 && h.pc == g_rmw);
  /* A watch on other bytes than the live one: the recorded access when
   * they overlap it, else a change found by comparing (the whole range). */
  vm_watch_clear(m, id);
  id = vm_watch_set(m, GLOB + 12, 8, VM_WATCH_WRITE);
  history_seek(m, 0);
  CHECK(history_run(m) == STOP_WATCH && history_position(m) == after);
  CHECK(vm_watch_hit(m, &h) == 0 && h.id == id && h.pc == g_store);
  CHECK(h.addr == GLOB + 8 && h.len == 8);
  vm_watch_clear(m, id);
  vm_watch_clear(m, id);
  id = vm_watch_set(m, GLOB + 8, 8, VM_WATCH_WRITE);
  history_seek(m, after_rmw);
  /* One inside an epoch is seen by the instruction itself. */
  vm_watch_clear(m, id);
  int other = vm_watch_set(m, GLOB + 0x100 + 40, 1, VM_WATCH_WRITE);
  CHECK(history_run(m) == STOP_WATCH && m->rip == g_after_stos);
  CHECK(vm_watch_hit(m, &h) == 0 && h.id == other && h.pc == g_stos);
  CHECK(history_replaying(m));
  vm_watch_clear_all(m);
  /* The last access of a step in the past. */
  history_seek(m, after);
  CHECK(m->rip == g_load);
  CHECK(history_step(m) == STOP_NONE && m->rip == g_rmw);
  struct VmAccess a;
  vm_last_access(m, &a);
  CHECK(a.read_addr == GLOB + 8 && a.read_len == 8 && a.write_len == 0);
  /* The last write of the watched bytes before here is the watch's. */
  uint64_t pos;
  CHECK(history_find_write(m, GLOB + 8, GLOB + 16, &pos) == 1);
  CHECK(pos == after - 1 && m->rip == g_store);
  /* Editing the past is refused; at the present it is an edit. */
  uint8_t b = 1;
  CHECK(vm_poke(m, GLOB + 0x400, &b, 1) == 0);
  history_seek(m, history_len(m));
  CHECK(vm_poke(m, GLOB + 0x400, &b, 1) == 1);
  uint64_t v = 0;
  vm_peek(m, GLOB + 0x400, &v, 1);
  CHECK(v == 1);
  /* Going back restores the byte the edit changed. */
  history_seek(m, 0);
  vm_peek(m, GLOB + 0x400, &v, 1);
  CHECK(v == 0);
  history_seek(m, history_len(m));
  vm_peek(m, GLOB + 0x400, &v, 1);
  CHECK(v == 1);
  history_disable(m);
  vm_free(m);
}

/* history_run in the past runs each epoch at full speed: the same
 * stops as live, across several epoch ends. */
static void test_history_long(void) {
  struct Machine *m = load(l2_start);
  CHECK(history_enable(m, 0) == 0);
  /* Live: three stops (three epoch ends) early on, then to the end. */
  vm_break_set(m, l2_dec);
  for (int k = 0; k < 3; ++k)
    CHECK(history_run(m) == STOP_BREAK && history_position(m) == 4 + 4 * (uint64_t)k);
  vm_break_clear(m, l2_dec);
  vm_break_set(m, l2_top + 4);
  uint64_t hit_late = 0;
  CHECK(history_run(m) == STOP_BREAK); /* the 4th round's mov */
  vm_break_clear(m, l2_top + 4);
  CHECK(history_run(m) == STOP_EXIT);
  uint64_t len = history_len(m);
  uint64_t exit_pos = 2 + 4 * (uint64_t)L2N + 1;
  CHECK(len == exit_pos + 3);
  /* Replay from the start to a breakpoint at the exit. */
  history_seek(m, 0);
  vm_break_set(m, l2_exit);
  CHECK(history_run(m) == STOP_BREAK && history_position(m) == exit_pos);
  CHECK(m->rip == l2_exit && m->r[RCX] == 0);
  uint64_t v[2] = {0, 0};
  vm_peek(m, GLOB + 0x600, v, 16);
  CHECK(v[0] == L2N && v[1] == 1);
  /* A breakpoint late in the loop, from the middle of an epoch. */
  history_seek(m, 6);
  vm_break_set(m, l2_dec);
  for (int k = 0; k < 3; ++k) {
    CHECK(history_run(m) == STOP_BREAK);
    hit_late = history_position(m);
    CHECK(hit_late == 8 + 4 * (uint64_t)k && m->rip == l2_dec);
    CHECK(m->r[RCX] == L2N - 1 - (uint64_t)k);
  }
  vm_break_clear_all(m);
  /* A write watch inside the last epoch; the loop's page is watched too. */
  int id = vm_watch_set(m, GLOB + 0x610, 8, VM_WATCH_WRITE);
  CHECK(history_run(m) == STOP_WATCH && history_position(m) == exit_pos);
  struct VmWatchHit h;
  CHECK(vm_watch_hit(m, &h) == 0 && h.id == id && h.pc == l2_store &&
        h.addr == GLOB + 0x610 && h.len == 8);
  CHECK(m->rip == l2_exit && history_replaying(m));
  /* ... and one the loop writes every round stops after the first. */
  vm_watch_clear_all(m);
  history_seek(m, 100);
  uint64_t rcx = m->r[RCX];
  vm_watch_set(m, GLOB + 0x608, 1, VM_WATCH_WRITE);
  CHECK(history_run(m) == STOP_WATCH);
  CHECK(vm_watch_hit(m, &h) == 0 && h.pc == l2_top + 4 && m->rip == l2_dec);
  CHECK(m->r[RCX] == rcx || m->r[RCX] == rcx - 1);
  vm_watch_clear_all(m);
  history_disable(m);
  vm_free(m);
}

int main(void) {
  assemble();
  snprintf(prog, sizeof(prog), "/tmp/test-break-XXXXXX.bin");
  int fd = mkstemps(prog, 4);
  if (fd < 0 || write(fd, img, sizeof(img)) != (ssize_t)sizeof(img)) {
    perror("test-break: writing the guest");
    return 1;
  }
  fchmod(fd, 0755);
  close(fd);
  test_break_loop();
  test_break_hot();
  test_watch_stack();
  test_watch_global();
  test_watch_syscall();
  test_watch_syscall_read();
  test_last_access();
  test_poke();
  test_history();
  test_history_long();
  unlink(prog);
  printf("test-break: %d checks, %d failures\n", checks, failures);
  return failures != 0;
}
