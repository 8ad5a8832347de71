/* disasm-avx.c: VEX (AVX, AVX2, FMA, F16C, opmask) and EVEX (AVX-512)
 * encodings for the disassembler.
 *
 * The opcode rows live in disasm-vec.c, shared with the legacy module:
 * a VEX or EVEX form is the legacy name with a 'v' and the extra vvvv
 * operand, plus the rows that exist only in the newer encodings. The
 * BMI1/BMI2 VEX opcodes are the integer module's: this module declines
 * them. */
#include <string.h>

#include "dis.h"
#include "disasm-vec.h"

bool dis_avx(struct DisInsn *d) {
  const struct Insn *i = d->i;
  const struct DvEnt *e;
  /* VEX has maps 1-3, EVEX also 5 and 6 (AVX512-FP16): the rest is
   * "(bad)". */
  if (!d->vex || d->vex_map < 1 ||
      (d->vex_map > 3 && !(d->vex == 4 && (d->vex_map == 5 || d->vex_map == 6))))
    return false;
  if (d->vex != 4) {
    if (d->vex_map == 1 && i->op == 0x77 && !i->has_modrm) {
      if (d->vex_v) {
        d->bad = true;
        return true;
      }
      dis_mnem(d, d->vex_l ? "vzeroall" : "vzeroupper", NULL);
      return true;
    }
    e = dv_find(d, DVK_VEX, d->vex_pp);
    if (!e) return false;
    dv_apply(d, e, DVK_VEX);
    return true;
  }
  /* EVEX's fixed bits: P0 bit 3 clear, P1 bit 2 set (the framework
   * sizes the "(bad)" as objdump does). */
  if ((d->p[d->opc - 3] & 0x08) || !(d->p[d->opc - 2] & 0x04)) {
    d->bad = true;
    return true;
  }
  e = dv_find(d, DVK_EVEX, d->vex_pp);
  if (!e) {
    /* objdump's "(bad)" for an EVEX opcode it doesn't know shows no
     * prefix, not even a REX before the 62 */
    dis_hide_prefixes(d);
    return true;
  }
  dv_apply(d, e, DVK_EVEX);
  return true;
}
