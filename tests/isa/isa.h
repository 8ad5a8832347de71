/* isa.h: the differential ISA tester's shared declarations.
 *
 * fuzz-isa generates short x86-64 instruction sequences, runs each on the
 * host CPU (in a forked child, native.c) and in the VM (vmrun.c) from the
 * same registers, flags, x87/SSE state and scratch memory, and compares
 * the results (state.c), masking only what the Intel manual leaves
 * undefined (undef.c). gen.c makes the sequences. */
#ifndef BLINK_TESTS_ISA_H
#define BLINK_TESTS_ISA_H

#include <stdint.h>
#include <stdio.h>

/* Fixed guest/host addresses, the same in the child and in the VM. The
 * scratch area sits below 2 GiB so absolute disp32 operands reach it;
 * the pages on either side are left unmapped (deliberate faults). */
#define ISA_CODE 0x10000000ull
#define ISA_SCR 0x20000000ull
#define ISA_SCR_SIZE 0x2000u
#define ISA_CODE_SIZE 0x2000u /* two pages; the page after is unmapped */
#define ISA_CODE_MAX 112 /* sequence bytes (the native side adds a jump) */
#define ISA_MAX_INSNS 4
#define ISA_MAX_PATCH 4

/* Everything compared: FXSAVE image (x87, MXCSR, XMM), GPRs, RFLAGS, RIP.
 * fx comes first for fxsave/fxrstor's 16-byte alignment. */
struct CpuState {
  uint8_t fx[512] __attribute__((aligned(16)));
  uint64_t r[16];
  uint64_t rflags;
  uint64_t rip;
} __attribute__((aligned(16)));

/* Offsets into the FXSAVE image. */
#define FX_FCW 0
#define FX_FSW 2
#define FX_FTW 4
#define FX_MXCSR 24
#define FX_ST 32
#define FX_XMM 160

/* What the generator knows about one instruction of a sequence, which
 * the VM runner uses to work out which results the manual leaves
 * undefined for the operands the instruction actually saw. */
struct InsnInfo {
  uint8_t off, len;
  int16_t entry;      /* index into the opcode table (gen.c) */
  uint8_t osz;        /* operand size in bytes 1, 2, 4, 8 */
  uint8_t mem;        /* has a memory operand */
  uint8_t reg, rm;    /* ModRM.reg, ModRM.rm with REX (rm: mod == 3) */
  uint8_t vvvv;       /* VEX.vvvv register */
  uint8_t asz;        /* address size 4 or 8 */
  uint8_t base, index, scale; /* 0xff: none; 0xfe base: RIP-relative */
  int32_t disp;
  uint64_t imm;       /* first immediate (e.g. a shift count) */
  uint8_t modrm;
  uint8_t op;         /* opcode byte (with the register in its low bits) */
  uint8_t pfx;        /* PF_* mandatory prefix or rep prefix chosen */
  int8_t digit;       /* ModRM.reg when it extends the opcode, else -1 */
};

/* A patch of planted bytes in the scratch area (edge-case operands). */
struct Patch {
  uint16_t off;
  uint8_t len;
  uint8_t b[16];
};

struct Case {
  struct CpuState init;
  uint64_t at;                  /* the sequence's address, in the two code
                                   pages from ISA_CODE (some straddle them) */
  uint64_t mem_seed;            /* the scratch area's random fill */
  uint8_t code[ISA_CODE_MAX];
  uint8_t len;
  uint8_t ninsn;
  uint8_t npatch;
  uint8_t replay;               /* --replay: instruction bounds unknown */
  struct InsnInfo insn[ISA_MAX_INSNS];
  struct Patch patch[ISA_MAX_PATCH];
};

struct Result {
  struct CpuState st;
  int sig;                      /* 0: ran to the end; else the signal */
  uint8_t mem[ISA_SCR_SIZE];
};

/* What the VM run says may differ from the host on the same state. */
struct Undef {
  uint64_t flags;      /* RFLAGS bits left undefined */
  uint16_t fsw;        /* x87 status word bits left undefined (C0..C3) */
  uint16_t regs;       /* GPRs whose value is undefined */
  int nmem;            /* scratch byte ranges whose result is undefined */
  struct { int off, len; } mem[24];
  int tainted;         /* undefined input was consumed: compare nothing */
};

/* Host CPU features a row may need. */
enum {
  FT_NONE, FT_SSE3, FT_SSSE3, FT_SSE41, FT_SSE42, FT_POPCNT, FT_LZCNT,
  FT_BMI1, FT_BMI2, FT_ADX, FT_MOVBE, FT_CX16, FT_LAHF, FT_COUNT
};

/* One row of the generator's opcode table (gen.c). */
enum { F_INT, F_SSE, F_VEX, F_X87 };
enum { PF_NP = 1, PF_66 = 2, PF_F3 = 4, PF_F2 = 8 };
enum {
  IMM_NONE, IMM_B, IMM_W, IMM_Z, IMM_V, IMM_WB, IMM_REL8, IMM_REL32,
  IMM_MOFFS, IMM_B3
};
/* Undefined-result classes (undef.c). */
enum {
  U_NONE, U_LOGIC, U_MUL, U_DIV, U_GRP1, U_GRP2, U_GRP3, U_BT, U_BSF,
  U_CNT, U_SHXD, U_AP, U_ASP, U_X87, U_ALL
};
#define FR_CC 0x8000  /* reads the flags its condition code names */
#define FR_GRP1 0x4000 /* adc/sbb by ModRM.reg */
#define FR_GRP2 0x2000 /* rcl/rcr by ModRM.reg */
#define FR_FCMOV 0x1000 /* fcmovcc by opcode and ModRM */
#define A_BYTE 0x1u      /* byte operand */
#define A_MEM 0x2u       /* memory operand only */
#define A_REG 0x4u       /* register operand only */
#define A_LOCK 0x8u      /* lockable in its memory form */
#define A_W64 0x10u      /* 64-bit default operand size */
#define A_NO66 0x20u     /* no 66 prefix */
#define A_OPREG 0x40u    /* register in the opcode's low bits */
#define A_STR 0x80u      /* string op: rsi/rdi/rcx, rep prefixes */
#define A_BR 0x100u      /* relative branch within the sequence */
#define A_LAST 0x200u    /* only as the last instruction */
#define A_ENTER 0x400u   /* uses rbp as a frame pointer */
#define A_XLAT 0x800u    /* reads [rbx + al] */
#define A_GREG 0x1000u   /* ModRM.reg may name a GPR destination */
#define A_GRM 0x2000u    /* ModRM.rm may name a GPR destination */
#define A_NOMODRM 0x4000u
#define A_FIRST 0x8000u  /* only as the first instruction */
#define A_RDI 0x10000u   /* writes [rdi] (maskmov) */
#define A_BTMEM 0x20000u /* bit offset in ModRM.reg: keep it small */
#define A_MXCSR 0x40000u /* loads MXCSR from memory: plant a good one */
#define A_POPF 0x80000u  /* pops RFLAGS: plant a value without TF/AC */
#define A_SREG 0x100000u /* ModRM.reg is a segment register */
#define A_NOREX 0x200000u /* osz fixed: no REX.W variation */
#define A_CX16 0x400000u /* cmpxchg8b/16b */
#define A_NOLOCK 0x800000u /* never add a random lock */
#define A_FXSAVE 0x1000000u /* stores an FXSAVE image */
struct Ent {
  const char *name;
  uint8_t form;   /* F_* */
  uint8_t map;    /* MAP_1BYTE, MAP_0F, MAP_0F38, MAP_0F3A */
  uint8_t op;
  uint8_t nop;    /* consecutive opcodes op..op+nop-1 */
  int8_t digit;   /* ModRM.reg, or -1 (free); see also digmask */
  uint8_t pfx;    /* PF_* mandatory prefixes (VEX: the pp values) */
  uint8_t imm;    /* IMM_* */
  uint8_t ucls;   /* U_* */
  uint32_t a;     /* A_* */
  uint16_t fw;    /* arithmetic flags written (defined or not) */
  uint16_t fr;    /* flags read, or FR_* */
  uint8_t feat;   /* host feature needed (gen.c) */
  uint8_t w;      /* weight */
  uint8_t digmask; /* x87 memory forms / groups: allowed ModRM.reg */
  uint64_t regmask; /* x87 register forms: allowed ModRM 0xc0 + bit */
};
extern const struct Ent gen_table[];
extern const int gen_ntable;

/* rng (gen.c) */
uint64_t isa_rand(uint64_t *s);

/* gen.c */
void gen_init(void);
void gen_case(struct Case *c, uint64_t seed, uint64_t index);
int gen_entries(void);
const char *gen_entry_name(int e);
void scratch_fill(uint8_t *dst, const struct Case *c);
/* The classes excluded from the committed run (known VM bugs). */
int gen_excluded(int entry);
extern int gen_no_exclusions;
/* Coverage counters. */
extern uint32_t gen_hits[];

/* undef.c: before insn k of c runs on registers r (the VM's, which
 * equal the host's if all went well) and memory read through rd, update
 * u with what that instruction leaves undefined. */
typedef int (*MemReadFn)(void *ctx, uint64_t addr, void *dst, unsigned n);
void undef_step(struct Undef *u, const struct Case *c, int k,
                const uint64_t *r, uint64_t rflags, uint16_t fsw,
                MemReadFn rd, void *ctx);
/* Static view for the generator. */
uint64_t undef_max(const struct Ent *e, int digit);
void undef_x87(int op, int modrm, uint16_t *w, uint16_t *u);

/* native.c */
int native_start(void);
int native_batch(void);
struct Case *native_case(int k);     /* in the shared block */
struct Result *native_result(int k);
int native_run_batch(int n);         /* cases lost (sig -2 died, -3 hung) */
void native_stop(void);
void code_image(uint8_t *img, const struct Case *c);
uint64_t native_back_addr(void);

/* vmrun.c */
int vm_setup(void);
/* out: stepped run (undefined parts in u); out2 (may be NULL): vm_run. */
void vm_run_case(const struct Case *c, struct Result *out, struct Undef *u,
                 struct Result *out2);

/* state.c */
int state_compare(const struct Case *c, const struct Result *nat,
                  const struct Result *vm, const struct Undef *u,
                  FILE *f, int verbose);
void state_print_case(FILE *f, const struct Case *c);
const char *isa_sig_name(int sig);

#endif
