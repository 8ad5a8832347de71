/* ops-string.c: movs, cmps, stos, lods, scas with their rep prefixes.
 *
 * Addresses are rSI/rDI cut to the address size; the source segment is
 * DS unless overridden, the destination always ES. The registers are
 * updated after every element (or every chunk, on the fast paths), so
 * that a fault part-way leaves RSI/RDI/RCX naming the faulting element,
 * and restarting the instruction resumes the copy, as on the CPU. A long
 * rep also stops early when the dispatch loop is asked to (m->trap),
 * with RIP left on the instruction so that it continues afterwards.
 *
 * rep movs and rep stos with DF=0 move whole page-contiguous runs through
 * mem_read_bytes/mem_write_bytes: glibc's memcpy and memset use rep
 * movsb/stosb for large sizes, so this is where big copies spend time. */
#include <string.h>

#include "cpu.h"
#include "flags.h"
#include "machine.h"
#include "memory.h"
#include "operand.h"
#include "ops.h"

/* The address registers at the address size. Writing ESI/EDI/ECX with a
 * 32-bit address size zero-extends, like any 32-bit register write. */
static inline uint64_t areg(struct Machine *m, unsigned r, unsigned asz) {
  return trunc_sz(m->r[r], asz);
}

static inline void aput(struct Machine *m, unsigned r, unsigned asz,
                        uint64_t v) {
  switch (asz) {
    case 2: m->r[r] = (m->r[r] & ~0xffffull) | (v & 0xffff); break;
    case 4: m->r[r] = (uint32_t)v; break;
    default: m->r[r] = v; break;
  }
}

static inline int src_seg(const struct Insn *i) {
  return i->segovr ? i->segovr - 1 : SEG_DS;
}

static inline int64_t step_of(struct Machine *m, unsigned size) {
  return (m->rflags & FLAG_DF) ? -(int64_t)size : (int64_t)size;
}

/* Elements of `size` bytes that fit from address-register value a to the
 * end of its page (linear address la) and before the address size wraps:
 * a run that is contiguous in guest memory and in the register. */
static inline uint64_t run_len(uint64_t a, uint64_t la, unsigned asz,
                               unsigned size) {
  uint64_t n = (PAGE_SIZE - (la & PAGE_MASK)) / size;
  if (asz < 8) {
    uint64_t left = ((1ull << (asz * 8)) - a) / size;
    if (left < n) n = left;
  }
  return n;
}

/* Host addresses of guest bytes the TLB already maps for reading or
 * writing, else NULL. The write tag is only ever set for writable pages
 * that hold no decoded code (memory.h), so storing through it directly
 * is what mem_store's fast path does too. */
static inline const uint8_t *tlb_read(struct Machine *m, uint64_t va) {
  struct TlbEntry *e = &m->tlb[(va >> 12) & (TLB_SIZE - 1)];
  return e->rtag == va >> 12 ? e->host + (va & PAGE_MASK) : NULL;
}

static inline uint8_t *tlb_write(struct Machine *m, uint64_t va) {
  struct TlbEntry *e = &m->tlb[(va >> 12) & (TLB_SIZE - 1)];
  return e->wtag == va >> 12 ? e->host + (va & PAGE_MASK) : NULL;
}

/* A rep that must stop for the dispatch loop: re-run this instruction
 * later, registers as they are now. */
static inline int must_yield(struct Machine *m) {
  if (__builtin_expect(m->trap, 0)) {
    m->rip = m->ip;
    return 1;
  }
  return 0;
}

/* A4/A5: movs. */
void op_movs(struct Machine *m, const struct Insn *i) {
  unsigned size = osz_bw(i), asz = i->asz;
  uint64_t sbase = m->seg_base[src_seg(i)], dbase = m->seg_base[SEG_ES];
  int64_t step = step_of(m, size);
  if (!i->rep) {
    uint64_t v = mem_load(m, sbase + areg(m, RSI, asz), size);
    mem_store(m, dbase + areg(m, RDI, asz), size, v);
    aput(m, RSI, asz, m->r[RSI] + step);
    aput(m, RDI, asz, m->r[RDI] + step);
    return;
  }
  uint8_t buf[PAGE_SIZE];
  uint64_t c = areg(m, RCX, asz);
  while (c) {
    uint64_t s = areg(m, RSI, asz), d = areg(m, RDI, asz);
    uint64_t sa = sbase + s, da = dbase + d;
    if (step > 0) {
      uint64_t n = run_len(s, sa, asz, size), nd = run_len(d, da, asz, size);
      if (nd < n) n = nd;
      if (c < n) n = c;
      /* A destination just ahead of the source must see the bytes this
       * instruction already stored (that is how rep movsb replicates a
       * pattern), so the run stops short of the overlap. */
      if (da > sa && da - sa < n * size) n = (da - sa) / size;
      /* Element by element under #AC checks and single-stepping. */
      if (n > 1 && !m->align_check && !m->trap) {
        size_t bytes = (size_t)(n * size);
        const uint8_t *hs = tlb_read(m, sa);
        uint8_t *hd = tlb_write(m, da);
        if (hs && hd) {
          memmove(hd, hs, bytes);
        } else {
          /* The slow way fills the TLB, so the next run is direct. */
          mem_read_bytes(m, sa, buf, bytes);
          mem_write_bytes(m, da, buf, bytes);
        }
        aput(m, RSI, asz, s + bytes);
        aput(m, RDI, asz, d + bytes);
        c -= n;
        aput(m, RCX, asz, c);
        if (c && must_yield(m)) return;
        continue;
      }
    }
    uint64_t v = mem_load(m, sa, size);
    mem_store(m, da, size, v);
    aput(m, RSI, asz, s + step);
    aput(m, RDI, asz, d + step);
    aput(m, RCX, asz, --c);
    if (c && must_yield(m)) return;
  }
}

/* AA/AB: stos. */
void op_stos(struct Machine *m, const struct Insn *i) {
  unsigned size = osz_bw(i), asz = i->asz;
  uint64_t dbase = m->seg_base[SEG_ES];
  uint64_t v = reg_get(m, i, RAX, size);
  int64_t step = step_of(m, size);
  if (!i->rep) {
    mem_store(m, dbase + areg(m, RDI, asz), size, v);
    aput(m, RDI, asz, m->r[RDI] + step);
    return;
  }
  uint8_t buf[PAGE_SIZE];
  size_t filled = 0; /* bytes of buf holding the pattern */
  uint64_t c = areg(m, RCX, asz);
  while (c) {
    uint64_t d = areg(m, RDI, asz), da = dbase + d;
    if (step > 0) {
      uint64_t n = run_len(d, da, asz, size);
      if (c < n) n = c;
      /* Element by element under #AC checks and single-stepping. */
      if (n > 1 && !m->align_check && !m->trap) {
        size_t bytes = (size_t)(n * size);
        uint8_t *hd = tlb_write(m, da);
        if (hd && size == 1) {
          memset(hd, (int)v, bytes);
        } else {
          /* The element pattern, built once per instruction. */
          if (filled < bytes) {
            for (size_t k = filled; k < bytes; k += size) memcpy(buf + k, &v, size);
            filled = bytes;
          }
          if (hd) memcpy(hd, buf, bytes);
          else mem_write_bytes(m, da, buf, bytes);
        }
        aput(m, RDI, asz, d + bytes);
        c -= n;
        aput(m, RCX, asz, c);
        if (c && must_yield(m)) return;
        continue;
      }
    }
    mem_store(m, da, size, v);
    aput(m, RDI, asz, d + step);
    aput(m, RCX, asz, --c);
    if (c && must_yield(m)) return;
  }
}

/* AC/AD: lods. */
void op_lods(struct Machine *m, const struct Insn *i) {
  unsigned size = osz_bw(i), asz = i->asz;
  uint64_t sbase = m->seg_base[src_seg(i)];
  int64_t step = step_of(m, size);
  if (!i->rep) {
    reg_put(m, i, RAX, size, mem_load(m, sbase + areg(m, RSI, asz), size));
    aput(m, RSI, asz, m->r[RSI] + step);
    return;
  }
  uint64_t c = areg(m, RCX, asz);
  while (c) {
    uint64_t s = areg(m, RSI, asz);
    reg_put(m, i, RAX, size, mem_load(m, sbase + s, size));
    aput(m, RSI, asz, s + step);
    aput(m, RCX, asz, --c);
    if (c && must_yield(m)) return;
  }
}

/* A6/A7: cmps: compares [seg:rSI] with [ES:rDI] (flags of src - dst).
 * F3 repeats while equal, F2 while not equal. */
void op_cmps(struct Machine *m, const struct Insn *i) {
  unsigned size = osz_bw(i), asz = i->asz;
  uint64_t sbase = m->seg_base[src_seg(i)], dbase = m->seg_base[SEG_ES];
  int64_t step = step_of(m, size);
  uint64_t c = i->rep ? areg(m, RCX, asz) : 1;
  while (c) {
    uint64_t s = areg(m, RSI, asz), d = areg(m, RDI, asz);
    uint64_t a = mem_load(m, sbase + s, size);
    uint64_t b = mem_load(m, dbase + d, size);
    aput(m, RSI, asz, s + step);
    aput(m, RDI, asz, d + step);
    flags_lazy(m, LF_SUB, (int)size, trunc_sz(a - b, size), a, b);
    if (!i->rep) return;
    aput(m, RCX, asz, --c);
    if ((a == b) != (i->rep == REP_F3)) return;
    if (c && must_yield(m)) return;
  }
}

/* AE/AF: scas: compares rAX with [ES:rDI]. */
void op_scas(struct Machine *m, const struct Insn *i) {
  unsigned size = osz_bw(i), asz = i->asz;
  uint64_t dbase = m->seg_base[SEG_ES];
  uint64_t a = reg_get(m, i, RAX, size);
  int64_t step = step_of(m, size);
  uint64_t c = i->rep ? areg(m, RCX, asz) : 1;
  while (c) {
    uint64_t d = areg(m, RDI, asz);
    uint64_t b = mem_load(m, dbase + d, size);
    aput(m, RDI, asz, d + step);
    flags_lazy(m, LF_SUB, (int)size, trunc_sz(a - b, size), a, b);
    if (!i->rep) return;
    aput(m, RCX, asz, --c);
    if ((a == b) != (i->rep == REP_F3)) return;
    if (c && must_yield(m)) return;
  }
}

/* 6C/6D ins, 6E/6F outs: I/O ports are privileged (IOPL 0 in user mode). */
/* ins/outs: port I/O of a bare machine (ops-sys.c); #GP in a Linux
 * process. */
void op_ins(struct Machine *m, const struct Insn *i) {
  if (m->bare) {
    sys_ins_outs(m, i);
    return;
  }
  exec_gp(m);
}

void op_outs(struct Machine *m, const struct Insn *i) {
  if (m->bare) {
    sys_ins_outs(m, i);
    return;
  }
  exec_gp(m);
}
