/* ops-sse-42.c: the SSE4.2 string compares, pcmpestri, pcmpestrm,
 * pcmpistri and pcmpistrm (66 0F3A 60-63), written from the description
 * in the Intel SDM (vol. 2, "Programming with the String and Text
 * Processing Instructions"). pcmpgtq and crc32 live elsewhere
 * (ops-sse-41.c, the crc32 owner's file).
 *
 * imm8 controls everything:
 *   [1:0] element format: unsigned bytes, unsigned words, signed bytes,
 *         signed words (n = 16 or 8 elements)
 *   [3:2] aggregation: equal any, ranges, equal each, equal ordered
 *   [5:4] polarity: positive, negative, masked positive, masked negative
 *   [6]   index: lowest (0) or highest (1) set bit;
 *         mask: bit mask (0) or expanded byte/word mask (1)
 * The first operand (xmm1, ModRM.reg) is the "set" or pattern, the second
 * (xmm2/m128, no alignment needed) the text. Lengths are explicit (EAX
 * and EDX, RAX and RDX with REX.W, absolute value, at most n) or implicit
 * (up to the first zero element). */
#include "fastpath.h"
#include "flags.h"
#include "ops-sse.h"
#include "ops.h"

/* Element k of x in the given format, sign- or zero-extended. */
static inline int elem(const Xmm *x, unsigned fmt, unsigned k) {
  switch (fmt) {
    case 0: return x->b[k];
    case 1: return x->w[k];
    case 2: return x->sb[k];
    default: return x->sw[k];
  }
}

static unsigned implicit_len(const Xmm *x, unsigned fmt, unsigned n) {
  unsigned k;
  for (k = 0; k < n; ++k)
    if (!elem(x, fmt, k)) break;
  return k;
}

static unsigned explicit_len(uint64_t r, int w, unsigned n) {
  int64_t v = w ? (int64_t)r : (int64_t)(int32_t)r;
  uint64_t a = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
  return a > n ? n : (unsigned)a;
}

/* IntRes2 of the comparison, as an n-bit mask. */
static unsigned pcmpstr(const Xmm *a, const Xmm *b, unsigned la, unsigned lb,
                        unsigned imm) {
  unsigned fmt = imm & 3, agg = (imm >> 2) & 3, pol = (imm >> 4) & 3;
  unsigned n = (fmt & 1) ? 8 : 16, all = (1u << n) - 1;
  unsigned res = 0, i, j;
  switch (agg) {
    case 0: /* equal any: b[j] is one of the valid a[i] */
      for (j = 0; j < lb; ++j)
        for (i = 0; i < la; ++i)
          if (elem(a, fmt, i) == elem(b, fmt, j)) {
            res |= 1u << j;
            break;
          }
      break;
    case 1: /* ranges: a holds [lo, hi] pairs */
      for (j = 0; j < lb; ++j)
        for (i = 0; i + 1 < la; i += 2) { /* both bounds valid */
          if (elem(b, fmt, j) >= elem(a, fmt, i) &&
              elem(b, fmt, j) <= elem(a, fmt, i + 1)) {
            res |= 1u << j;
            break;
          }
        }
      break;
    case 2: /* equal each: a[j] == b[j]; both past their ends counts */
      for (j = 0; j < n; ++j) {
        int va = j < la, vb = j < lb;
        if (va && vb ? elem(a, fmt, j) == elem(b, fmt, j) : !va && !vb)
          res |= 1u << j;
      }
      break;
    default: /* equal ordered: a occurs in b at j (a's end matches all) */
      for (j = 0; j < n; ++j) {
        unsigned ok = 1;
        for (i = 0; i + j < n && i < la; ++i)
          if (i + j >= lb || elem(a, fmt, i) != elem(b, fmt, i + j)) {
            ok = 0;
            break;
          }
        res |= ok << j;
      }
      break;
  }
  switch (pol) {
    case 1: res ^= all; break;
    case 3: res ^= (1u << lb) - 1; break;
    default: break;
  }
  return res & all;
}

static void pcmpstr_op(struct Machine *m, const struct Insn *i, int expl,
                       int index) {
  Xmm b;
  const Xmm *a = &m->xmm[i->reg];
  unsigned imm = (uint8_t)i->imm, fmt = imm & 3, n = (fmt & 1) ? 8 : 16;
  unsigned la, lb, res;
  int w = (i->rex & 8) != 0;
  if (sse_pfx(i) != PFX_66) exec_ud(m);
  sse_get_ex(m, i, &b, 0);
  if (expl) {
    la = explicit_len(m->r[RAX], w, n);
    lb = explicit_len(m->r[RDX], w, n);
  } else {
    la = implicit_len(a, fmt, n);
    lb = implicit_len(&b, fmt, n);
  }
  res = pcmpstr(a, &b, la, lb, imm);
  if (index) {
    unsigned x = n;
    if (res) x = (imm & 0x40) ? 31 - (unsigned)__builtin_clz(res)
                              : (unsigned)__builtin_ctz(res);
    m->r[RCX] = x;
  } else {
    Xmm r;
    memset(&r, 0, sizeof(r));
    if (imm & 0x40) {
      for (unsigned k = 0; k < n; ++k)
        if (res >> k & 1) {
          if (n == 16) r.b[k] = 0xff;
          else r.w[k] = 0xffff;
        }
    } else {
      r.w[0] = (uint16_t)res;
    }
    m->xmm[0] = r;
  }
  flags_put_arith(m, (res ? FLAG_CF : 0) | (lb < n ? FLAG_ZF : 0) |
                         (la < n ? FLAG_SF : 0) | ((res & 1) ? FLAG_OF : 0));
}

void op_sse3a_60(struct Machine *m, const struct Insn *i) { pcmpstr_op(m, i, 1, 0); }
void op_sse3a_61(struct Machine *m, const struct Insn *i) { pcmpstr_op(m, i, 1, 1); }
void op_sse3a_62(struct Machine *m, const struct Insn *i) { pcmpstr_op(m, i, 0, 0); }
void op_sse3a_63(struct Machine *m, const struct Insn *i) { pcmpstr_op(m, i, 0, 1); }

/* --- decode-time fast path (fastpath.c asks sse42_fast) ------------------
 *
 * pcmpistri with the immediates glibc's string functions use, run by the
 * host CPU itself when it has SSE4.2 (this is an x86-64 host and, by
 * design, the reference): ECX and the four flags it defines come straight
 * from the instruction; AF and PF are cleared, as the general handler
 * above and the CPU do. */
#define HOST_PCMPISTRI(IMM)                                                 \
  static void fast_pcmpistri_##IMM(struct Machine *m,                       \
                                   const struct Insn *i) {                  \
    Xmm b;                                                                  \
    sse_get_ex(m, i, &b, 0);                                                \
    typedef long long V2 __attribute__((vector_size(16)));                  \
    V2 va, vb;                                                              \
    unsigned idx;                                                           \
    uint8_t cf, zf, sf, of;                                                 \
    memcpy(&va, &m->xmm[i->reg], 16);                                       \
    memcpy(&vb, &b, 16);                                                    \
    __asm__("pcmpistri $" #IMM ", %[b], %[a]\n\t"                           \
            "setc %[cf]\n\tsetz %[zf]\n\tsets %[sf]\n\tseto %[of]"           \
            : "=c"(idx), [cf] "=q"(cf), [zf] "=q"(zf), [sf] "=q"(sf),       \
              [of] "=q"(of)                                                 \
            : [a] "x"(va), [b] "x"(vb)                                      \
            : "cc");                                                        \
    m->r[RCX] = idx;                                                        \
    flags_put_arith(m, (cf ? FLAG_CF : 0) | (zf ? FLAG_ZF : 0) |           \
                           (sf ? FLAG_SF : 0) | (of ? FLAG_OF : 0));        \
  }
HOST_PCMPISTRI(0x02)
HOST_PCMPISTRI(0x12)
HOST_PCMPISTRI(0x1a)
HOST_PCMPISTRI(0x3a)

OpFn sse42_fast(const struct Insn *i) {
  static int host = -1;
  if (i->map != MAP_0F3A || i->op != 0x63 || i->rep || !i->opsize_prefix ||
      i->vex || i->lock)
    return 0;
  if (host < 0) host = __builtin_cpu_supports("sse4.2") ? 1 : 0;
  if (!host) return 0;
  switch ((uint8_t)i->imm) {
    case 0x02: return fast_pcmpistri_0x02;
    case 0x12: return fast_pcmpistri_0x12;
    case 0x1a: return fast_pcmpistri_0x1a;
    case 0x3a: return fast_pcmpistri_0x3a;
    default: return 0;
  }
}
