/* ops-sse-mov.c: SSE/SSE2/SSE3 and MMX data movement.
 *
 * movups/movaps/movss/movsd, movlps/movhps and friends, movd/movq,
 * movdqa/movdqu, the non-temporal stores and maskmov. None of these touch
 * MXCSR: they move bits, never interpret them. Memory is always read
 * completely before a register is written, and a store is the last thing
 * a handler does, so a fault leaves the machine as it was. */
#include "ops-sse.h"
#include "ops.h"

/* 0F 10: movups, movupd, movss, movsd (loads). */
void op_sse_10(struct Machine *m, const struct Insn *i) {
  Xmm *d = &m->xmm[i->reg];
  switch (sse_pfx(i)) {
    case PFX_NONE:
    case PFX_66: {
      Xmm s;
      sse_get_ex(m, i, &s, 0);
      *d = s;
      return;
    }
    case PFX_F3:
      if (i->mod == 3) {
        d->d[0] = m->xmm[i->rm].d[0];
      } else {
        /* From memory the rest of the register is cleared. */
        uint32_t v = (uint32_t)mem_load(m, insn_ea(m, i), 4);
        d->q[0] = v;
        d->q[1] = 0;
      }
      return;
    default:
      if (i->mod == 3) {
        d->q[0] = m->xmm[i->rm].q[0];
      } else {
        uint64_t v = mem_load(m, insn_ea(m, i), 8);
        d->q[0] = v;
        d->q[1] = 0;
      }
      return;
  }
}

/* 0F 11: the store directions of the above. */
void op_sse_11(struct Machine *m, const struct Insn *i) {
  const Xmm *s = &m->xmm[i->reg];
  switch (sse_pfx(i)) {
    case PFX_NONE:
    case PFX_66:
      if (i->mod == 3) m->xmm[i->rm] = *s;
      else sse_store16(m, insn_ea(m, i), s, 0);
      return;
    case PFX_F3:
      if (i->mod == 3) m->xmm[i->rm].d[0] = s->d[0];
      else mem_store(m, insn_ea(m, i), 4, s->d[0]);
      return;
    default:
      if (i->mod == 3) m->xmm[i->rm].q[0] = s->q[0];
      else mem_store(m, insn_ea(m, i), 8, s->q[0]);
      return;
  }
}

/* 0F 12: movhlps / movlps, movlpd, movsldup (SSE3), movddup (SSE3). */
void op_sse_12(struct Machine *m, const struct Insn *i) {
  Xmm *d = &m->xmm[i->reg];
  switch (sse_pfx(i)) {
    case PFX_NONE:
      if (i->mod == 3) d->q[0] = m->xmm[i->rm].q[1];
      else d->q[0] = mem_load(m, insn_ea(m, i), 8);
      return;
    case PFX_66:
      if (i->mod == 3) exec_ud(m);
      d->q[0] = mem_load(m, insn_ea(m, i), 8);
      return;
    case PFX_F3: {
      Xmm s;
      sse_get_ex(m, i, &s, 1);
      d->d[0] = d->d[1] = s.d[0];
      d->d[2] = d->d[3] = s.d[2];
      return;
    }
    default: {
      uint64_t v = i->mod == 3 ? m->xmm[i->rm].q[0]
                               : mem_load(m, insn_ea(m, i), 8);
      d->q[0] = d->q[1] = v;
      return;
    }
  }
}

/* 0F 13 / 0F 17: movlps/movlpd and movhps/movhpd stores (memory only). */
static void store_half(struct Machine *m, const struct Insn *i, int hi) {
  unsigned p = sse_pfx(i);
  if (i->mod == 3 || (p != PFX_NONE && p != PFX_66)) exec_ud(m);
  mem_store(m, insn_ea(m, i), 8, m->xmm[i->reg].q[hi]);
}

void op_sse_13(struct Machine *m, const struct Insn *i) { store_half(m, i, 0); }
void op_sse_17(struct Machine *m, const struct Insn *i) { store_half(m, i, 1); }

/* 0F 16: movlhps / movhps, movhpd, movshdup (SSE3). */
void op_sse_16(struct Machine *m, const struct Insn *i) {
  Xmm *d = &m->xmm[i->reg];
  switch (sse_pfx(i)) {
    case PFX_NONE:
      if (i->mod == 3) d->q[1] = m->xmm[i->rm].q[0];
      else d->q[1] = mem_load(m, insn_ea(m, i), 8);
      return;
    case PFX_66:
      if (i->mod == 3) exec_ud(m);
      d->q[1] = mem_load(m, insn_ea(m, i), 8);
      return;
    case PFX_F3: {
      Xmm s;
      sse_get_ex(m, i, &s, 1);
      d->d[0] = d->d[1] = s.d[1];
      d->d[2] = d->d[3] = s.d[3];
      return;
    }
    default:
      exec_ud(m);
  }
}

/* 0F 28 / 0F 29: movaps, movapd (aligned). */
void op_sse_28(struct Machine *m, const struct Insn *i) {
  Xmm s;
  if (i->rep) exec_ud(m);
  sse_get_ex(m, i, &s, 1);
  m->xmm[i->reg] = s;
}

void op_sse_29(struct Machine *m, const struct Insn *i) {
  if (i->rep) exec_ud(m);
  if (i->mod == 3) m->xmm[i->rm] = m->xmm[i->reg];
  else sse_store16(m, insn_ea(m, i), &m->xmm[i->reg], 1);
}

/* 0F 2B: movntps, movntpd; 0F E7: movntq, movntdq. The non-temporal hint
 * means nothing to an interpreter: they are ordinary stores. */
void op_sse_2b(struct Machine *m, const struct Insn *i) {
  if (i->rep || i->mod == 3) exec_ud(m);
  sse_store16(m, insn_ea(m, i), &m->xmm[i->reg], 1);
}

void op_sse_e7(struct Machine *m, const struct Insn *i) {
  if (i->rep || i->mod == 3) exec_ud(m);
  if (i->opsize_prefix) {
    sse_store16(m, insn_ea(m, i), &m->xmm[i->reg], 1);
  } else {
    mmx_check(m);
    mem_store(m, insn_ea(m, i), 8, m->mmx[i->reg & 7]);
    mmx_enter(m);
  }
}

/* 0F 50: movmskps, movmskpd: the sign bits into a general register. */
void op_sse_50(struct Machine *m, const struct Insn *i) {
  const Xmm *s = &m->xmm[i->rm];
  uint64_t r;
  if (i->rep || i->mod != 3) exec_ud(m);
  if (i->opsize_prefix)
    r = (s->q[0] >> 63) | (s->q[1] >> 63 << 1);
  else
    r = (s->d[0] >> 31) | (s->d[1] >> 31 << 1) | (s->d[2] >> 31 << 2) |
        (s->d[3] >> 31 << 3);
  m->r[i->reg] = r;
}

/* 0F 6E: movd/movq mm or xmm from r/m32 (r/m64 with REX.W). */
void op_sse_6e(struct Machine *m, const struct Insn *i) {
  uint64_t v;
  if (i->rep) exec_ud(m);
  if (!i->opsize_prefix) mmx_check(m);
  v = op_get_e(m, i, (i->rex & 8) ? 8 : 4);
  if (i->opsize_prefix) {
    m->xmm[i->reg].q[0] = v;
    m->xmm[i->reg].q[1] = 0;
  } else {
    mmx_enter(m);
    mmx_put(m, i->reg & 7, v);
  }
}

/* 0F 7E: movd/movq r/m32 (r/m64) from mm or xmm; F3: movq xmm, xmm/m64. */
void op_sse_7e(struct Machine *m, const struct Insn *i) {
  switch (sse_pfx(i)) {
    case PFX_NONE:
      mmx_check(m);
      op_put_e(m, i, (i->rex & 8) ? 8 : 4, m->mmx[i->reg & 7]);
      mmx_enter(m);
      return;
    case PFX_66:
      op_put_e(m, i, (i->rex & 8) ? 8 : 4, m->xmm[i->reg].q[0]);
      return;
    case PFX_F3: {
      uint64_t v = i->mod == 3 ? m->xmm[i->rm].q[0]
                               : mem_load(m, insn_ea(m, i), 8);
      m->xmm[i->reg].q[0] = v;
      m->xmm[i->reg].q[1] = 0;
      return;
    }
    default:
      exec_ud(m);
  }
}

/* 0F 6F: movq mm, mm/m64; movdqa; movdqu. */
void op_sse_6f(struct Machine *m, const struct Insn *i) {
  switch (sse_pfx(i)) {
    case PFX_NONE: {
      uint64_t v;
      mmx_check(m);
      v = mmx_get_e(m, i);
      mmx_enter(m);
      mmx_put(m, i->reg & 7, v);
      return;
    }
    case PFX_66:
    case PFX_F3: {
      Xmm s;
      sse_get_ex(m, i, &s, i->rep == 0);
      m->xmm[i->reg] = s;
      return;
    }
    default:
      exec_ud(m);
  }
}

/* 0F 7F: the store directions of 0F 6F. */
void op_sse_7f(struct Machine *m, const struct Insn *i) {
  switch (sse_pfx(i)) {
    case PFX_NONE:
      mmx_check(m);
      if (i->mod == 3) mmx_put(m, i->rm & 7, m->mmx[i->reg & 7]);
      else mem_store(m, insn_ea(m, i), 8, m->mmx[i->reg & 7]);
      mmx_enter(m);
      return;
    case PFX_66:
    case PFX_F3:
      if (i->mod == 3) m->xmm[i->rm] = m->xmm[i->reg];
      else sse_store16(m, insn_ea(m, i), &m->xmm[i->reg], i->rep == 0);
      return;
    default:
      exec_ud(m);
  }
}

/* 0F D6: 66 movq xmm/m64, xmm; F3 movq2dq xmm, mm; F2 movdq2q mm, xmm. */
void op_sse_d6(struct Machine *m, const struct Insn *i) {
  switch (sse_pfx(i)) {
    case PFX_66:
      if (i->mod == 3) {
        m->xmm[i->rm].q[0] = m->xmm[i->reg].q[0];
        m->xmm[i->rm].q[1] = 0;
      } else {
        mem_store(m, insn_ea(m, i), 8, m->xmm[i->reg].q[0]);
      }
      return;
    case PFX_F3:
      if (i->mod != 3) exec_ud(m);
      mmx_enter(m);
      m->xmm[i->reg].q[0] = m->mmx[i->rm & 7];
      m->xmm[i->reg].q[1] = 0;
      return;
    case PFX_F2:
      if (i->mod != 3) exec_ud(m);
      mmx_enter(m);
      mmx_put(m, i->reg & 7, m->xmm[i->rm].q[0]);
      return;
    default:
      exec_ud(m);
  }
}

/* 0F F0: F2 lddqu (SSE3), an unaligned load. */
void op_sse_f0(struct Machine *m, const struct Insn *i) {
  Xmm s;
  if (i->rep != REP_F2 || i->mod == 3) exec_ud(m);
  sse_load16(m, insn_ea(m, i), &s, 0);
  m->xmm[i->reg] = s;
}

/* The CPU (AMD, the reference host) checks the whole n-byte destination
 * before it writes a byte: whatever the mask, even an empty one, a page
 * of it that is not writable faults and nothing is written. (Intel leaves
 * faults from masked-off bytes implementation-defined.) Every page of the
 * range is made to show a write translation first: one whose TLB entry
 * lacks it gets a store of the byte it already holds, which faults when
 * the page is not writable and changes nothing when it is. */
static void maskmov_probe(struct Machine *m, uint64_t a, unsigned n) {
  uint64_t p = a, end = a + n;
  while (p < end) {
    uint64_t next = (p | PAGE_MASK) + 1;
    if (next > end) next = end;
    if (!mem_host_rw(m, p, (unsigned)(next - p)))
      mem_store(m, p, 1, mem_load(m, p, 1));
    p = next;
  }
}

/* 0F F7: maskmovq mm, mm / 66 maskmovdqu xmm, xmm: store the bytes of reg
 * whose mask byte (in rm) has its top bit set, at DS:rDI. */
void op_sse_f7(struct Machine *m, const struct Insn *i) {
  const uint8_t *v, *k;
  unsigned n, j;
  uint64_t a, mm[2];
  if (i->rep || i->mod != 3) exec_ud(m);
  if (i->opsize_prefix) {
    v = m->xmm[i->reg].b;
    k = m->xmm[i->rm].b;
    n = 16;
  } else {
    mmx_check(m);
    mm[0] = m->mmx[i->reg & 7];
    mm[1] = m->mmx[i->rm & 7];
    v = (const uint8_t *)&mm[0];
    k = (const uint8_t *)&mm[1];
    n = 8;
  }
  a = trunc_sz(m->r[RDI], i->asz) +
      m->seg_base[i->segovr ? i->segovr - 1 : SEG_DS];
  maskmov_probe(m, a, n);
  for (j = 0; j < n; ++j)
    if (k[j] & 0x80) mem_store(m, a + j, 1, v[j]);
  if (!i->opsize_prefix) mmx_enter(m);
}
