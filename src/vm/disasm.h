/* disasm.h: the disassembler, on the same decoder the VM executes with.
 *
 * Prints one instruction the way GNU objdump -d prints it (AT&T by
 * default, or Intel syntax as objdump -M intel does), so that the text
 * can be compared with objdump's line for line. Front ends (blink's
 * logs, blinkenlights' panels, the tests) use only this header. */
#ifndef BLINK_VM_DISASM_H
#define BLINK_VM_DISASM_H

#include <stddef.h>
#include <stdint.h>

enum { DIS_ATT = 0, DIS_INTEL = 1 };

/* Names a code address: returns the symbol that contains addr (or the
 * nearest one before it, as objdump chooses) and stores addr minus the
 * symbol's value in *off; NULL when nothing names it. */
typedef const char *(*DisSymFn)(void *ctx, uint64_t addr, uint64_t *off);

struct DisOptions {
  int syntax;    /* DIS_ATT or DIS_INTEL */
  int mode;      /* MODE_LONG, MODE_PROT32 or MODE_REAL (machine.h) */
  DisSymFn sym;  /* may be NULL: targets print as bare addresses */
  void *sym_ctx;
};

/* Disassembles the instruction at p[0..n), which sits at guest address
 * addr. Writes its text (mnemonic and operands, no address or bytes;
 * operands separated by "," as objdump does, one space after the
 * mnemonic) to buf, always NUL-terminated when size > 0. Returns the
 * number of bytes the instruction takes (1..15), or 0 when n is 0. As in
 * objdump, an encoding that is not an instruction prints "(bad)" and
 * takes the length objdump gives it (its prefixes and opcode bytes), and
 * bytes that end inside an instruction print ".byte 0xNN" and take 1. */
int dis_insn(char *buf, size_t size, const uint8_t *p, size_t n,
             uint64_t addr, const struct DisOptions *o);

#endif
