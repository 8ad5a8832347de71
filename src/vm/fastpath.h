/* fastpath.h: decode-time specialization of common instruction forms. */
#ifndef BLINK_VM_FASTPATH_H
#define BLINK_VM_FASTPATH_H

#include "insn.h"

/* A handler specialized for this decoded instruction in code mode mode,
 * or NULL to keep the general one from the opcode table. */
OpFn fast_select(const struct Insn *i, int mode);

#endif
