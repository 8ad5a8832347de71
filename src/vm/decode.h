/* decode.h: the x86 instruction decoder. */
#ifndef BLINK_VM_DECODE_H
#define BLINK_VM_DECODE_H

#include <stddef.h>
#include <stdint.h>

#include "insn.h"

enum {
  DECODE_OK = 0,
  DECODE_SHORT = 1,   /* the n bytes given end before the instruction does
                         (n < 15): the caller fetches more or faults */
  DECODE_TOOLONG = 2, /* longer than 15 bytes: #GP */
  DECODE_INVALID = 3, /* an undefined encoding: #UD */
};

/* Decode one instruction from the n bytes at p (n may exceed 15; at most
 * 15 are read) in code mode MODE_REAL, MODE_PROT32 or MODE_LONG (for the
 * 32-bit modes the caller passes the default operand size through mode:
 * MODE_REAL means 16-bit defaults). Fills *i, including i->fn from the
 * opcode tables (optab.h). Never reads p[n] or beyond. */
int decode_insn(struct Insn *i, const uint8_t *p, size_t n, int mode);

#endif
