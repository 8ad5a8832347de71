/* fastpath.h: decode-time specialization of common instruction forms. */
#ifndef BLINK_VM_FASTPATH_H
#define BLINK_VM_FASTPATH_H

#include "insn.h"

/* A handler specialized for this decoded instruction in code mode mode,
 * or NULL to keep the general one from the opcode table. */
OpFn fast_select(const struct Insn *i, int mode);

/* The same for SSE forms, applied by the icache (icache_decode) rather
 * than the decoder: tests/vm/test-sse.c checks that the decoder picks the
 * opcode table's handler for every SSE form, and runs that handler. */
OpFn fast_select_sse(const struct Insn *i, int mode);

/* The scalar double arithmetic fast paths, kept in ops-sse-fp.c with the
 * MXCSR reasoning they rely on. */
OpFn sse_fp_fast(const struct Insn *i);
/* pcmpistri run by the host (ops-sse-42.c). */
OpFn sse42_fast(const struct Insn *i);

#endif
