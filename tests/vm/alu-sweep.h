/* alu-sweep.h: test-alu -u, the #UD sweep over the opcode space, host
 * against VM. Included once by test-alu.c, whose harness (native_run,
 * the machine, the fault handlers) it uses; kept apart because it is
 * another question (which encodings exist) than the differential
 * tests of what they compute, and it is not part of make check. */


/* -u: which encodings are #UD on the host and in the VM, over the
 * opcode maps (one-byte, 0F, 0F 38, 0F 3A) x prefix (none, 66, F3, F2,
 * lock, REX.W, 67) x ModRM.reg x register/memory operand. The host runs each in a
 * forked child (registers point at scratch memory; RAX = 39, getpid, for
 * syscall); SIGILL with RIP at the instruction is #UD, anything else is
 * not. Prints every difference: host features the VM does not advertise
 * (AVX, XSAVE, SSE4a, ...) show up here, and so would a baseline
 * encoding left at op_ud. Host-dependent, so not part of make check. */
static volatile uint64_t g_sweep_at;

static void on_sweep_signal(int sig, siginfo_t *si, void *ctx) {
  ucontext_t *uc = ctx;
  (void)si;
  _exit(sig == SIGILL && (uint64_t)uc->uc_mcontext.gregs[REG_RIP] == g_sweep_at
            ? 1 : 0);
}

static int host_ud(const uint8_t *code, size_t n) {
  pid_t pid = fork();
  if (pid == 0) {
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_sweep_signal;
    sa.sa_flags = SA_SIGINFO;
    for (int sig = 1; sig < 32; ++sig) sigaction(sig, &sa, 0);
    alarm(2);
    struct St st;
    for (int r = 0; r < 16; ++r) st.r[r] = g_mem_mid;
    st.r[RAX] = 39;
    st.fl = 2;
    memcpy(g_buf + 0x800, code, n);
    memset(g_buf + 0x800 + n, 0, 32);
    g_sweep_at = (uint64_t)(uintptr_t)(g_buf + 0x800);
    /* native_run jumps to g_code; the instruction runs into the zero
     * bytes after it and faults or not: only the first SIGILL counts. */
    native_run(&st, g_buf + 0x800);
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 1;
}

static int vm_ud(const uint8_t *code, size_t n) {
  struct Insn ins;
  uint8_t buf[32] = {0};
  memcpy(buf, code, n);
  if (decode_insn(&ins, buf, sizeof(buf), MODE_LONG) == DECODE_INVALID) return 1;
  if (ins.fn == op_ud) return 1;
  /* Handlers that reach the system call layer, which this test has not
   * set up: valid, and they never raise #UD in long mode. */
  if (ins.fn == op_syscall || ins.fn == op_int) return 0;
  for (int r = 0; r < 16; ++r) m->r[r] = g_mem_mid;
  m->r[RAX] = 39;
  flags_set(m, 2);
  m->mode = MODE_LONG;
  m->ip = 0x1000;
  m->rip = 0x1000 + ins.len;
  m->stop = 0;
  m->trap = 0;
  last_vector = -1;
  if (setjmp(m->onfault)) return last_vector == EXC_UD;
  ins.fn(m, &ins);
  return 0;
}

static void sweep(void) {
  static const uint8_t prefixes[7] = {0, 0x66, 0xf3, 0xf2, 0xf0, 0x48, 0x67};
  static const char *const pfxname[7] = {"",    "66 ", "f3 ", "f2 ",
                                         "f0 ", "48 ", "67 "};
  static const char *const mapname[4] = {"", "0f ", "0f 38 ", "0f 3a "};
  long diffs = 0, total = 0;
  for (int map = 0; map < 4; ++map) {
    for (int op = 0; op < 256; ++op) {
      if (map == 0) {
        /* Prefixes, the escape, VEX/EVEX/XOP (BMI has its own tests). */
        if (op == 0x0f || op == 0x26 || op == 0x2e || op == 0x36 ||
            op == 0x3e || (op >= 0x40 && op <= 0x4f) ||
            (op >= 0x64 && op <= 0x67) || op == 0xf0 || op == 0xf2 ||
            op == 0xf3 || op == 0xc4 || op == 0xc5 || op == 0x62 ||
            op == 0x8f)
          continue;
      }
      if (map == 1 && (op == 0x38 || op == 0x3a)) continue;
      for (int pi = 0; pi < 7; ++pi) {
        char line[64 * 8] = "";
        int ndiff = 0;
        for (int form = 0; form < 16; ++form) {
          uint8_t code[16];
          size_t n = 0;
          if (prefixes[pi]) code[n++] = prefixes[pi];
          if (map) code[n++] = 0x0f;
          if (map == 2) code[n++] = 0x38;
          if (map == 3) code[n++] = 0x3a;
          code[n++] = (uint8_t)op;
          /* ModRM: /reg with [rbx] or with register rcx. */
          code[n++] = (uint8_t)((form & 8 ? 0xc1 : 0x03) | (form & 7) << 3);
          int h = host_ud(code, n), v = vm_ud(code, n);
          ++total;
          if (h != v) {
            ++diffs;
            ++ndiff;
            snprintf(line + strlen(line), sizeof(line) - strlen(line),
                     " /%d%s:%s", form & 7, form & 8 ? "r" : "m",
                     h ? "host-UD" : "vm-UD");
          }
        }
        if (ndiff)
          printf("sweep: %s%s%02x:%s\n", pfxname[pi], mapname[map], op, line);
      }
    }
  }
  /* Group opcodes, whose meaning also depends on ModRM.rm (0F 01's
   * register forms, x87 register forms, fences ...): every ModRM byte. */
  static const struct {
    int map, op;
  } groups[] = {
      {0, 0x80}, {0, 0x81}, {0, 0x83}, {0, 0x8f}, {0, 0xc0}, {0, 0xc1},
      {0, 0xc6}, {0, 0xc7}, {0, 0xd0}, {0, 0xd1}, {0, 0xd2}, {0, 0xd3},
      {0, 0xd8}, {0, 0xd9}, {0, 0xda}, {0, 0xdb}, {0, 0xdc}, {0, 0xdd},
      {0, 0xde}, {0, 0xdf}, {0, 0xf6}, {0, 0xf7}, {0, 0xfe}, {0, 0xff},
      {1, 0x00}, {1, 0x01}, {1, 0x0d}, {1, 0x18}, {1, 0x19}, {1, 0x1a},
      {1, 0x1b}, {1, 0x1c}, {1, 0x1d}, {1, 0x1e}, {1, 0x1f}, {1, 0x71},
      {1, 0x72}, {1, 0x73}, {1, 0xae}, {1, 0xba}, {1, 0xc7},
  };
  long gtotal = 0, gdiffs = 0;
  for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]); ++g) {
    for (int pi = 0; pi < 5; ++pi) {
      char line[256 * 12] = "";
      int ndiff = 0;
      for (int modrm = 0; modrm < 256; ++modrm) {
        uint8_t code[16];
        size_t n = 0;
        if (prefixes[pi]) code[n++] = prefixes[pi];
        if (groups[g].map) code[n++] = 0x0f;
        code[n++] = (uint8_t)groups[g].op;
        code[n++] = (uint8_t)modrm;
        int h = host_ud(code, n), v = vm_ud(code, n);
        ++gtotal;
        if (h != v) {
          ++gdiffs;
          ++ndiff;
          snprintf(line + strlen(line), sizeof(line) - strlen(line), " %02x:%s",
                   modrm, h ? "host-UD" : "vm-UD");
        }
      }
      if (ndiff)
        printf("sweep: %s%s%02x /all:%s\n", pfxname[pi],
               mapname[groups[g].map], groups[g].op, line);
    }
  }
  printf("sweep: %ld encodings, %ld differ; group opcodes with every ModRM: "
         "%ld, %ld differ\n", total, diffs, gtotal, gdiffs);
}
