/* real-setjmp: non-local control flow as real programs use it: an
 * exception-style error path out of deep recursion (setjmp/longjmp),
 * nested handlers, volatile locals that must survive the jump, callee-
 * saved registers live across it, longjmp from a signal-free callback,
 * coroutines on ucontext (getcontext/makecontext/swapcontext: they save
 * and restore the FPU control words and MXCSR too), alloca and VLAs whose
 * stack space the jump discards, and a deep recursion of its own. glibc
 * mangles the saved stack and frame pointers (xor + rol with a secret
 * from the TLS): a wrong rol or a wrong fs-relative load breaks it. */
#include <alloca.h>
#include <fenv.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#ifdef __GLIBC__ /* musl has no ucontext functions */
#include <ucontext.h>
#define HAVE_UCONTEXT 1
#endif

static jmp_buf *handler;
static int depth_reached;

static void throw_(int code) { longjmp(*handler, code); }

static uint64_t recurse(int n, uint64_t acc) {
  char *scratch = alloca((size_t)(n % 64) + 16);
  memset(scratch, n, (size_t)(n % 64) + 16);
  acc = acc * 31 + (uint64_t)scratch[n % 16];
  depth_reached = n;
  if (n == 0) throw_((int)(acc % 1000) + 1);
  return recurse(n - 1, acc) + 1;
}

static int try_depth(int n) {
  jmp_buf env, *saved = handler;
  handler = &env;
  volatile int result = -1;
  int code = setjmp(env);
  if (code == 0) {
    recurse(n, 7);
    result = 0;
  } else {
    result = code;
  }
  handler = saved;
  return result;
}

/* Nested handlers: the inner one rethrows to the outer. */
static int nested(int v) {
  jmp_buf outer;
  jmp_buf *saved = handler;
  volatile int stage = 0;
  handler = &outer;
  int code = setjmp(outer);
  if (code) {
    handler = saved;
    return code * 100 + stage;
  }
  stage = 1;
  {
    jmp_buf inner;
    handler = &inner;
    int c2 = setjmp(inner);
    if (c2) {
      stage = 2;
      handler = &outer;
      throw_(c2 + v);
    }
    stage = 3;
    throw_(5);
  }
  return -1;
}

/* Many live values across setjmp: the compiler keeps them in callee-
   saved registers or spills them; both must survive. */
static uint64_t registers_survive(uint64_t seed) {
  jmp_buf env;
  volatile uint64_t a = seed, b = seed * 3, c = seed ^ 0x5555, d = seed + 77;
  volatile double x = (double)seed / 7, y = 1.5;
  if (setjmp(env) == 0) {
    a += 1; b += 2; c += 3; d += 4; x *= 2; y += 0.25;
    longjmp(env, 1);
  }
  return a ^ b ^ c ^ d ^ (uint64_t)(x * 1000) ^ (uint64_t)(y * 1000);
}

/* sigsetjmp without a mask, as some programs use for speed. */
static int sigjmp_test(void) {
  sigjmp_buf env;
  volatile int count = 0;
  if (sigsetjmp(env, 0) < 10) {
    count++;
    siglongjmp(env, count);
  }
  return count;
}

#ifdef HAVE_UCONTEXT
/* Coroutines: a generator producing Fibonacci numbers and a consumer. */
static ucontext_t main_ctx, gen_ctx;
static uint64_t gen_value;
static int gen_done;
static void generator(void) {
  uint64_t a = 0, b = 1;
  for (int i = 0; i < 60; i++) {
    gen_value = a;
    uint64_t t = a + b;
    a = b;
    b = t;
    swapcontext(&gen_ctx, &main_ctx);
  }
  gen_done = 1;
}

/* Two coroutines ping-ponging float arithmetic across switches, with a
   rounding mode set on one side: the context switch carries it. */
static ucontext_t ping_ctx, pong_ctx;
static double shared;
static void pong(void) {
  for (int i = 0; i < 20; i++) {
    shared = shared * 1.1 + 1.0 / 3.0;
    swapcontext(&pong_ctx, &ping_ctx);
  }
}
#endif

int main(void) {
  for (int n = 0; n < 600; n += 97) {
    int r = try_depth(n);
    printf("depth %3d: caught %d (deepest %d)\n", n, r, depth_reached);
  }
  for (int v = 0; v < 3; v++) printf("nested %d: %d\n", v, nested(v));
  uint64_t h = 0;
  for (uint64_t s = 1; s < 50; s += 7) h = h * 131 + registers_survive(s);
  printf("registers %016llx\n", (unsigned long long)h);
  printf("sigsetjmp count %d\n", sigjmp_test());

#ifdef HAVE_UCONTEXT
  static char stack[64 * 1024];
  getcontext(&gen_ctx);
  gen_ctx.uc_stack.ss_sp = stack;
  gen_ctx.uc_stack.ss_size = sizeof stack;
  gen_ctx.uc_link = &main_ctx;
  makecontext(&gen_ctx, generator, 0);
  uint64_t sum = 0;
  int n = 0;
  while (!gen_done) {
    swapcontext(&main_ctx, &gen_ctx);
    if (!gen_done) {
      sum += gen_value;
      n++;
      if (n % 15 == 0) printf("fib[%d] = %llu\n", n - 1, (unsigned long long)gen_value);
    }
  }
  printf("generator: %d values, sum %llu\n", n, (unsigned long long)sum);

  static char stack2[64 * 1024];
  getcontext(&pong_ctx);
  pong_ctx.uc_stack.ss_sp = stack2;
  pong_ctx.uc_stack.ss_size = sizeof stack2;
  pong_ctx.uc_link = &ping_ctx;
  makecontext(&pong_ctx, pong, 0);
  shared = 1;
  fesetround(FE_UPWARD);
  for (int i = 0; i < 20; i++) {
    swapcontext(&ping_ctx, &pong_ctx);
    volatile double third = 1.0;
    shared = shared / (third * 3.0);
  }
  int mode = fegetround();
  fesetround(FE_TONEAREST);
  printf("ping-pong %a, rounding mode after %s\n", shared,
         mode == FE_UPWARD ? "upward" : mode == FE_TONEAREST ? "nearest" : "other");
#endif

  /* A VLA in a loop with longjmp out of each iteration. */
  jmp_buf env;
  volatile uint64_t total = 0;
  for (volatile int i = 1; i <= 50; i++) {
    int vla[i];
    for (int k = 0; k < i; k++) vla[k] = k * i;
    if (setjmp(env) == 0) {
      total += (uint64_t)vla[i - 1];
      longjmp(env, 1);
    }
  }
  printf("vla total %llu\n", (unsigned long long)total);
  return 0;
}
