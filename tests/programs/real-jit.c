/* real-jit: what JIT compilers do: generate x86-64 machine code at run
 * time into an mmap'd buffer, run it, patch it in place and run it
 * again. Checks that blink notices code that changes under it: new code
 * written where old code ran (through a writable+executable mapping and
 * through mprotect flips), immediates patched between calls, and a store
 * that rewrites the very next instruction (x86 guarantees the new bytes
 * run). Each generated function is checked against C arithmetic. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static uint8_t *buf;
static size_t pos;
static void b(int v) { buf[pos++] = (uint8_t)v; }
static void d32(uint32_t v) {
  for (int i = 0; i < 4; i++) b((int)(v >> (8 * i)) & 0xff);
}
static void d64(uint64_t v) {
  for (int i = 0; i < 8; i++) b((int)(v >> (8 * i)) & 0xff);
}

typedef int64_t (*fn2)(int64_t, int64_t);

static uint64_t rng = 0x0ddc0ffee0ddf00dull;
static uint64_t next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

/* A random expression over x (rdi) and y (rsi), compiled to a stack
   machine on the real stack (push/pop), evaluated in C alongside. */
static int64_t compile_expr(int depth, int64_t x, int64_t y) {
  int kind = depth > 3 ? (int)(next() % 3) : (int)(next() % 9);
  int64_t l, r;
  switch (kind) {
    case 0: b(0x57); return x;                       /* push rdi */
    case 1: b(0x56); return y;                       /* push rsi */
    case 2: {
      int64_t k = (int64_t)(next() % 2000) - 1000;
      b(0x48); b(0xb8); d64((uint64_t)k);            /* mov rax, imm64 */
      b(0x50);                                       /* push rax */
      return k;
    }
    default:
      l = compile_expr(depth + 1, x, y);
      r = compile_expr(depth + 1, x, y);
      b(0x59);                                       /* pop rcx (right) */
      b(0x58);                                       /* pop rax (left) */
      switch (kind) {
        case 3: b(0x48); b(0x01); b(0xc8); b(0x50); return (int64_t)((uint64_t)l + (uint64_t)r);
        case 4: b(0x48); b(0x29); b(0xc8); b(0x50); return (int64_t)((uint64_t)l - (uint64_t)r);
        case 5: b(0x48); b(0x0f); b(0xaf); b(0xc1); b(0x50); return (int64_t)((uint64_t)l * (uint64_t)r);
        case 6: b(0x48); b(0x31); b(0xc8); b(0x50); return l ^ r;
        case 7:                                      /* shl rax, cl (cl & 63) */
          b(0x48); b(0xd3); b(0xe0); b(0x50); return (int64_t)((uint64_t)l << (r & 63));
        default:                                     /* cmp; setl; movzx */
          b(0x48); b(0x39); b(0xc8); b(0x0f); b(0x9c); b(0xc0); b(0x48); b(0x0f); b(0xb6); b(0xc0); b(0x50);
          return l < r;
      }
  }
}

int main(void) {
  buf = mmap(NULL, 1 << 16, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (buf == MAP_FAILED) {
    perror("mmap");
    return 1;
  }
  /* 1. Many expressions compiled into the same bytes, one after another. */
  int wrong = 0;
  uint64_t h = 0;
  for (int e = 0; e < 300; e++) {
    int64_t x = (int64_t)(next() % 100000) - 50000, y = (int64_t)next() >> (next() % 60);
    uint64_t saved = rng;
    pos = 0;
    int64_t want = compile_expr(0, x, y);
    b(0x58); b(0xc3);                                /* pop rax; ret */
    int64_t got = ((fn2)buf)(x, y);
    /* The same code with other inputs: rerun the generator to know the
       answer, without touching the code. */
    int64_t x2 = x * 3 + 1, y2 = y ^ 0x5a5a;
    rng = saved;
    size_t len = pos;
    pos = 1 << 15;                                   /* scratch: don't disturb */
    int64_t want2 = compile_expr(0, x2, y2);
    pos = len;
    int64_t got2 = ((fn2)buf)(x2, y2);
    if (got != want || got2 != want2) {
      if (wrong++ < 5) printf("expression %d: got %lld %lld, want %lld %lld\n", e, (long long)got, (long long)got2, (long long)want, (long long)want2);
    }
    h = h * 1000003 ^ (uint64_t)got ^ (uint64_t)got2 * 7;
  }
  printf("expressions: %d wrong, hash %016llx\n", wrong, (unsigned long long)h);

  /* 2. Patching an immediate between calls. */
  pos = 0;
  b(0x48); b(0xb8); size_t imm = pos; d64(0);       /* mov rax, imm64 */
  b(0x48); b(0x0f); b(0xaf); b(0xc7);               /* imul rax, rdi */
  b(0x48); b(0x05); size_t add = pos; d32(0);       /* add rax, imm32 */
  b(0xc3);
  int64_t sum = 0;
  for (int i = 0; i < 1000; i++) {
    uint64_t k = next() % 1000;
    uint32_t a = (uint32_t)(next() % 100000);
    memcpy(buf + imm, &k, 8);
    memcpy(buf + add, &a, 4);
    int64_t r = ((fn2)buf)(i, 0);
    if (r != (int64_t)(k * (uint64_t)i) + a) wrong++;
    sum += r;
  }
  printf("patched immediates: sum %lld, %d wrong\n", (long long)sum, wrong);

  /* 3. W^X: write while read-write, run while read-execute, repeat. */
  uint8_t *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  int64_t total = 0;
  for (int i = 0; i < 50; i++) {
    mprotect(page, 4096, PROT_READ | PROT_WRITE);
    uint8_t code[] = {0xb8, 0, 0, 0, 0, 0x0f, 0xaf, 0xc7, 0xc3}; /* mov eax, imm; imul eax, edi; ret */
    uint32_t v = (uint32_t)(i * i + 7);
    memcpy(code + 1, &v, 4);
    memcpy(page + (i % 3) * 64, code, sizeof code);
    mprotect(page, 4096, PROT_READ | PROT_EXEC);
    total += ((fn2)(page + (i % 3) * 64))(i + 1, 0);
  }
  printf("w^x: total %lld\n", (long long)total);

  /* 4. A store that rewrites the next instruction's immediate. */
  pos = 0;
  b(0x89); b(0x3d); d32(1);                         /* mov [rip+1], edi */
  b(0xb8); d32(12345);                              /* mov eax, imm32 <- patched */
  b(0xc3);
  int64_t r1 = ((fn2)buf)(777, 0), r2 = ((fn2)buf)(-5, 0);
  printf("self-patching: %lld %lld\n", (long long)r1, (long long)r2);

  /* 5. A loop whose body is rewritten by the loop itself: each pass
     bumps the imm8 of its own add (store into the code it is running). */
  pos = 0;
  b(0x31); b(0xc0);                                 /* xor eax, eax */
  b(0x89); b(0xf9);                                 /* mov ecx, edi */
  size_t loop = pos;
  b(0x83); b(0xc0); size_t k8 = pos; b(1);          /* add eax, imm8 */
  b(0xfe); b(0x05);                                 /* inc byte [rip+disp] */
  int32_t disp = (int32_t)k8 - (int32_t)(pos + 4);
  d32((uint32_t)disp);
  b(0xff); b(0xc9);                                 /* dec ecx */
  b(0x75); b((int)(loop - (pos + 1)) & 0xff);       /* jnz loop */
  b(0xc3);
  printf("self-modifying loop: %lld\n", (long long)((fn2)buf)(20, 0));
  printf("self-modifying loop again: %lld\n", (long long)((fn2)buf)(5, 0));
  return wrong ? 1 : 0;
}
