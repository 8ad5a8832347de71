/* optab.h: the opcode tables the decoder picks handlers from. */
#ifndef BLINK_VM_OPTAB_H
#define BLINK_VM_OPTAB_H

#include "insn.h"

/* optab[map][opcode]: the handler for an opcode in MAP_1BYTE, MAP_0F,
 * MAP_0F38 or MAP_0F3A. Never NULL (undefined entries are op_ud). */
extern const OpFn *const optab[4];

/* Whether fn is the #UD handler (for the decoder and the disassembler). */
void op_ud(struct Machine *m, const struct Insn *i);

#endif
