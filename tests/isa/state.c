/* state.c: compares the host's and the VM's results and prints cases. */
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "disasm.h"
#include "isa.h"
#include "machine.h"


static const char *const regname[16] = {
    "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
    "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};

const char *isa_sig_name(int sig) {
  switch (sig) {
    case 0: return "none";
    case -1: return "(VM never reached the end)";
    case -2: return "(host child died)";
    case -3: return "(host child hung)";
    case SIGSEGV: return "SIGSEGV";
    case SIGILL: return "SIGILL";
    case SIGFPE: return "SIGFPE";
    case SIGTRAP: return "SIGTRAP";
    case SIGBUS: return "SIGBUS";
    default: return "signal?";
  }
}

static void flagstr(char *b, uint64_t f) {
  snprintf(b, 32, "%#07" PRIx64 " %c%c%c%c%c%c%c", f, f & FLAG_OF ? 'O' : '-',
           f & FLAG_DF ? 'D' : '-', f & FLAG_SF ? 'S' : '-',
           f & FLAG_ZF ? 'Z' : '-', f & FLAG_AF ? 'A' : '-',
           f & FLAG_PF ? 'P' : '-', f & FLAG_CF ? 'C' : '-');
}

void state_print_case(FILE *f, const struct Case *c) {
  for (int k = 0; k < c->ninsn; ++k) {
    const struct InsnInfo *ii = &c->insn[k];
    char hex[64] = "", text[128] = "";
    for (int b = 0; b < ii->len && b < 15; ++b)
      snprintf(hex + 3 * b, 4, "%02x ", c->code[ii->off + b]);
    struct DisOptions o = {DIS_ATT, MODE_LONG, NULL, NULL};
    dis_insn(text, sizeof(text), c->code + ii->off, ii->len,
             c->at + ii->off, &o);
    fprintf(f, "    %08" PRIx64 ": %-45s %-40s [%s]\n", c->at + ii->off,
            hex, text, ii->entry >= 0 ? gen_table[ii->entry].name : "?");
  }
}

static void hexbytes(char *b, const uint8_t *p, int n) {
  for (int k = 0; k < n; ++k) snprintf(b + 2 * k, 3, "%02x", p[n - 1 - k]);
}

/* Prints one field's three values when they differ (or always with
 * verbose); returns whether they differ. */
static int field(FILE *f, int verbose, const char *name, const uint8_t *i,
                 const uint8_t *a, const uint8_t *b, int n) {
  int diff = memcmp(a, b, (size_t)n) != 0;
  if (f && (diff || verbose)) {
    char x[80], y[80], z[80];
    hexbytes(x, i, n);
    hexbytes(y, a, n);
    hexbytes(z, b, n);
    fprintf(f, "    %-7s %-34s %-34s %-34s%s\n", name, x, y, z,
            diff ? " <--" : "");
  }
  return diff;
}

int state_compare(const struct Case *c, const struct Result *nat,
                  const struct Result *vm, const struct Undef *u, FILE *f,
                  int verbose) {
  int nd = 0;
  const struct CpuState *i = &c->init, *a = &nat->st, *b = &vm->st;
  if (f) {
    fprintf(f, "    signal: host %s, vm %s%s\n", isa_sig_name(nat->sig),
            isa_sig_name(vm->sig), nat->sig != vm->sig ? " <--" : "");
    fprintf(f, "    %-7s %-34s %-34s %-34s\n", "", "initial", "host", "vm");
  }
  nd += nat->sig != vm->sig;
  if (nat->sig < -1 || u->tainted) return nd;
  for (int k = 0; k < 16; ++k) {
    if ((u->regs >> k) & 1) continue;
    nd += field(f, verbose, regname[k], (const uint8_t *)&i->r[k],
                (const uint8_t *)&a->r[k], (const uint8_t *)&b->r[k], 8);
  }
  uint64_t rip0 = c->at;
  nd += field(f, verbose, "rip", (const uint8_t *)&rip0,
              (const uint8_t *)&a->rip, (const uint8_t *)&b->rip, 8);
  uint64_t mask = ~(u->flags | FLAG_RF);
  uint64_t fa = a->rflags & mask, fb = b->rflags & mask;
  if (fa != fb || (f && verbose)) {
    nd += fa != fb;
    if (f) {
      char x[32], y[32], z[32];
      flagstr(x, i->rflags);
      flagstr(y, a->rflags);
      flagstr(z, b->rflags);
      fprintf(f, "    %-7s %-34s %-34s %-34s%s\n", "rflags", x, y, z,
              fa != fb ? " <--" : "");
      if (u->flags) fprintf(f, "    (undefined flags %#" PRIx64 " not compared)\n", u->flags);
    }
  }
  nd += field(f, verbose, "fcw", i->fx + FX_FCW, a->fx + FX_FCW, b->fx + FX_FCW, 2);
  {
    uint16_t sa, sb, si;
    memcpy(&sa, a->fx + FX_FSW, 2);
    memcpy(&sb, b->fx + FX_FSW, 2);
    memcpy(&si, i->fx + FX_FSW, 2);
    sa &= (uint16_t)~u->fsw;
    sb &= (uint16_t)~u->fsw;
    nd += field(f, verbose, "fsw", (uint8_t *)&si, (uint8_t *)&sa, (uint8_t *)&sb, 2);
  }
  nd += field(f, verbose, "ftw", i->fx + FX_FTW, a->fx + FX_FTW, b->fx + FX_FTW, 1);
  nd += field(f, verbose, "mxcsr", i->fx + FX_MXCSR, a->fx + FX_MXCSR, b->fx + FX_MXCSR, 4);
  for (int k = 0; k < 8; ++k) {
    char nm[16];
    snprintf(nm, sizeof(nm), "st%d", k);
    nd += field(f, verbose, nm, i->fx + FX_ST + 16 * k, a->fx + FX_ST + 16 * k,
                b->fx + FX_ST + 16 * k, 10);
  }
  for (int k = 0; k < 16; ++k) {
    char nm[16];
    snprintf(nm, sizeof(nm), "xmm%d", k);
    nd += field(f, verbose, nm, i->fx + FX_XMM + 16 * k,
                a->fx + FX_XMM + 16 * k, b->fx + FX_XMM + 16 * k, 16);
  }
  /* memory, 8 bytes at a time */
  static uint8_t init[ISA_SCR_SIZE];
  int have_init = 0;
  for (unsigned o = 0; o < ISA_SCR_SIZE; o += 8) {
    uint8_t x[8], y[8];
    memcpy(x, nat->mem + o, 8);
    memcpy(y, vm->mem + o, 8);
    for (int k = 0; k < 8; ++k)
      for (int j = 0; j < u->nmem; ++j)
        if ((int)o + k >= u->mem[j].off && (int)o + k < u->mem[j].off + u->mem[j].len)
          x[k] = y[k] = 0;
    if (!memcmp(x, y, 8)) continue;
    ++nd;
    if (f) {
      char nm[16];
      if (!have_init) scratch_fill(init, c), have_init = 1;
      snprintf(nm, sizeof(nm), "m+%03x", o);
      field(f, 0, nm, init + o, x, y, 8);
    }
  }
  for (int j = 0; j < u->nmem && f; ++j)
    fprintf(f, "    (undefined memory at m+%03x, %d bytes, not compared)\n",
            u->mem[j].off, u->mem[j].len);
  return nd;
}
