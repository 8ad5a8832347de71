/* dbg-cfi.c: call frame information (.eh_frame, else .debug_frame) as
 * a table of rows, and the unwinder the frames panel and `finish` use.
 *
 * Each row says, for [lo, hi): CFA = register + offset, and where the
 * caller's RIP (the return address column) and RBP are: saved at
 * CFA + offset, unchanged, or unknown. That is all a backtrace of
 * function names needs (RIP, RSP = CFA, RBP for the next frame). The
 * rows are read once at dbg_add(), so unwinding is a binary search per
 * frame, without libdwarf.
 *
 * The libdwarf calls differ between the APIs here: 20210528's
 * *_reg3_b return Dwarf_Signed and a Dwarf_Ptr block, 0.x's return
 * Dwarf_Unsigned and a Dwarf_Block. dw_cfa() and dw_reg() hide that. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include LIBDWARF_H
#include DWARF_H

#include "dbg/dbg-dwarf.h"
#include "dbg/dbg-int.h"

enum { RBP = 6, RSP = 7, RA = 16 }; /* x86-64 DWARF register numbers */

/* One rule: kind (DBG_CFI_*), register and offset. */
struct Rule {
  int kind;
  int reg;
  int64_t off;
};

static void rule_from(struct Rule *r, Dwarf_Small type, int64_t relevant,
                      int64_t reg, int64_t off) {
  r->reg = (int)reg;
  r->off = off;
  if (type == DW_EXPR_OFFSET && reg == DW_FRAME_CFA_COL3 && relevant)
    r->kind = DBG_CFI_AT_CFA;
  else if (type == DW_EXPR_OFFSET && reg == DW_FRAME_SAME_VAL)
    r->kind = DBG_CFI_SAME;
  else if (type == DW_EXPR_OFFSET && reg == DW_FRAME_UNDEFINED_VAL)
    r->kind = DBG_CFI_UNDEF;
  else if (type == DW_EXPR_OFFSET && relevant && reg >= 0 && reg < 17)
    r->kind = DBG_CFI_REG_OFF; /* (for the CFA: register + offset) */
  else if (type == DW_EXPR_OFFSET && !relevant && reg >= 0 && reg < 17)
    r->kind = DBG_CFI_IN_REG;
  else
    r->kind = DBG_CFI_EXPR; /* a DWARF expression: not evaluated */
}

#ifdef HAVE_LIBDWARF_0X
static int dw_cfa(Dwarf_Fde fde, Dwarf_Addr pc, struct Rule *r,
                  Dwarf_Addr *row, Dwarf_Bool *more, Dwarf_Addr *next) {
  Dwarf_Small type = 0;
  Dwarf_Unsigned relevant = 0, reg = 0, off = 0;
  Dwarf_Block block;
  int rc = dwarf_get_fde_info_for_cfa_reg3_b(fde, pc, &type, &relevant, &reg,
                                             &off, &block, row, more, next,
                                             NULL);
  if (rc == DW_DLV_OK)
    rule_from(r, type, (int64_t)relevant, (int64_t)reg, (int64_t)off);
  return rc;
}
static int dw_reg(Dwarf_Fde fde, int col, Dwarf_Addr pc, struct Rule *r) {
  Dwarf_Small type = 0;
  Dwarf_Unsigned relevant = 0, reg = 0, off = 0;
  Dwarf_Block block;
  Dwarf_Addr row, next;
  Dwarf_Bool more;
  int rc = dwarf_get_fde_info_for_reg3_b(fde, (Dwarf_Half)col, pc, &type,
                                         &relevant, &reg, &off, &block, &row,
                                         &more, &next, NULL);
  if (rc == DW_DLV_OK)
    rule_from(r, type, (int64_t)relevant, (int64_t)reg, (int64_t)off);
  return rc;
}
#else
static int dw_cfa(Dwarf_Fde fde, Dwarf_Addr pc, struct Rule *r,
                  Dwarf_Addr *row, Dwarf_Bool *more, Dwarf_Addr *next) {
  Dwarf_Small type = 0;
  Dwarf_Signed relevant = 0, reg = 0, off = 0;
  Dwarf_Ptr block;
  int rc = dwarf_get_fde_info_for_cfa_reg3_b(fde, pc, &type, &relevant, &reg,
                                             &off, &block, row, more, next,
                                             NULL);
  if (rc == DW_DLV_OK) rule_from(r, type, relevant, reg, off);
  return rc;
}
static int dw_reg(Dwarf_Fde fde, int col, Dwarf_Addr pc, struct Rule *r) {
  Dwarf_Small type = 0;
  Dwarf_Signed relevant = 0, reg = 0, off = 0;
  Dwarf_Ptr block;
  Dwarf_Addr row, next;
  Dwarf_Bool more;
  int rc = dwarf_get_fde_info_for_reg3_b(fde, (Dwarf_Half)col, pc, &type,
                                         &relevant, &reg, &off, &block, &row,
                                         &more, &next, NULL);
  if (rc == DW_DLV_OK) rule_from(r, type, relevant, reg, off);
  return rc;
}
#endif

static bool add_row(struct DbgTable *t, uint64_t lo, uint64_t hi,
                    const struct Rule *cfa, const struct Rule *ra,
                    const struct Rule *rbp) {
  struct DbgCfiEnt *c;
  if (!dbg_grow((void **)&t->cfi, &t->ccfi, t->ncfi + 1, sizeof(*t->cfi)))
    return false;
  c = &t->cfi[t->ncfi++];
  c->lo = lo;
  c->hi = hi;
  c->cfa_kind = (signed char)cfa->kind;
  c->cfa_reg = (signed char)cfa->reg;
  c->cfa_off = cfa->off;
  c->ra_kind = (signed char)ra->kind;
  c->ra_off = ra->off;
  c->rbp_kind = (signed char)rbp->kind;
  c->rbp_off = rbp->off;
  return true;
}

/* Adds the rows of every FDE in fde[0..n). */
static bool read_fdes(struct DbgTable *t, Dwarf_Fde *fde, Dwarf_Signed n,
                      uint64_t bias) {
  for (Dwarf_Signed i = 0; i < n; i++) {
    Dwarf_Addr lo, pc, row, next;
    Dwarf_Unsigned len, bytelen;
    Dwarf_Ptr bytes;
    Dwarf_Off cieoff, fdeoff;
    Dwarf_Signed cieidx;
    Dwarf_Bool more;
    if (dwarf_get_fde_range(fde[i], &lo, &len, &bytes, &bytelen, &cieoff,
                            &cieidx, &fdeoff, NULL) != DW_DLV_OK ||
        !len)
      continue;
    /* Row by row: each query answers the row holding pc and where the
     * next one starts. */
    for (pc = lo; pc < lo + len;) {
      struct Rule cfa, ra, rbp;
      uint64_t end;
      more = 0;
      next = 0;
      if (dw_cfa(fde[i], pc, &cfa, &row, &more, &next) != DW_DLV_OK) break;
      if (dw_reg(fde[i], RA, pc, &ra) != DW_DLV_OK) ra.kind = DBG_CFI_UNDEF;
      if (dw_reg(fde[i], RBP, pc, &rbp) != DW_DLV_OK) rbp.kind = DBG_CFI_SAME;
      end = more && next > pc && next < lo + len ? next : lo + len;
      if (!add_row(t, pc + bias, end + bias, &cfa, &ra, &rbp)) return false;
      pc = end;
    }
  }
  return true;
}

static int cfi_cmp(const void *x, const void *y) {
  const struct DbgCfiEnt *a = x, *b = y;
  return a->lo < b->lo ? -1 : a->lo > b->lo;
}

bool dbg_index_cfi(struct DbgTable *t) {
  if (t->ncfi) qsort(t->cfi, t->ncfi, sizeof(*t->cfi), cfi_cmp);
  return true;
}

/* Returns 1 when path had frame information, 0 when not, -1 when out
 * of memory. .eh_frame first: every function of a static glibc program
 * has an entry there, while .debug_frame is only in -g objects that
 * asked for it. */
int dbg_read_cfi(struct DbgTable *t, const char *path, uint64_t bias) {
  Dwarf_Debug dbg;
  Dwarf_Cie *cie;
  Dwarf_Fde *fde;
  Dwarf_Signed ncie, nfde;
  size_t before = t->ncfi;
  int rc = 0;
  if (dbg_dw_open(path, &dbg, NULL) != DW_DLV_OK) return 0;
  if (dwarf_get_fde_list_eh(dbg, &cie, &ncie, &fde, &nfde, NULL) ==
      DW_DLV_OK) {
    if (!read_fdes(t, fde, nfde, bias)) rc = -1;
    dwarf_fde_cie_list_dealloc(dbg, cie, ncie, fde, nfde);
  }
  if (rc == 0 && t->ncfi == before &&
      dwarf_get_fde_list(dbg, &cie, &ncie, &fde, &nfde, NULL) == DW_DLV_OK) {
    if (!read_fdes(t, fde, nfde, bias)) rc = -1;
    dwarf_fde_cie_list_dealloc(dbg, cie, ncie, fde, nfde);
  }
  dbg_dw_close(dbg);
  if (rc == 0 && t->ncfi > before) rc = 1;
  return rc;
}

/* ------------------------------------------------------------ lookups */

bool dbg_cfi_at(const struct DbgTable *t, uint64_t pc, struct DbgCfi *out) {
  size_t lo = 0, hi;
  const struct DbgCfiEnt *c;
  if (!t || !t->ncfi) return false;
  hi = t->ncfi;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (t->cfi[mid].lo <= pc)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (!lo || pc >= t->cfi[lo - 1].hi) return false;
  c = &t->cfi[lo - 1];
  out->lo = c->lo;
  out->hi = c->hi;
  out->cfa_kind = c->cfa_kind;
  out->cfa_reg = c->cfa_reg;
  out->cfa_off = c->cfa_off;
  out->ra_kind = c->ra_kind;
  out->ra_off = c->ra_off;
  out->rbp_kind = c->rbp_kind;
  out->rbp_off = c->rbp_off;
  return true;
}

int dbg_unwind(const struct DbgTable *t, struct DbgFrameRegs *r,
               DbgReadFn read, void *ctx) {
  struct DbgCfi c;
  uint64_t cfa, ra, rbp = r->rbp;
  /* A caller's RIP is a return address: the call is the byte before,
   * possibly in another row (a noreturn call ends its function). */
  uint64_t pc = r->top ? r->rip : r->rip - 1;
  if (dbg_cfi_at(t, pc, &c) && c.cfa_kind == DBG_CFI_REG_OFF &&
      (c.cfa_reg == RSP || c.cfa_reg == RBP) && c.ra_kind == DBG_CFI_AT_CFA) {
    cfa = (c.cfa_reg == RSP ? r->rsp : r->rbp) + (uint64_t)c.cfa_off;
    if (!read(ctx, cfa + (uint64_t)c.ra_off, &ra)) return 0;
    if (c.rbp_kind == DBG_CFI_AT_CFA &&
        !read(ctx, cfa + (uint64_t)c.rbp_off, &rbp))
      return 0;
    r->rip = ra;
    r->rsp = cfa;
    r->rbp = rbp;
    r->top = false;
    return ra ? 1 : 0;
  }
  /* No usable CFI: the frame-pointer chain, [rbp] = caller's rbp,
   * [rbp+8] = return address. */
  if (!r->rbp || !read(ctx, r->rbp + 8, &ra) || !read(ctx, r->rbp, &rbp))
    return 0;
  if (rbp && rbp <= r->rbp) rbp = 0; /* the chain must go up the stack */
  r->rsp = r->rbp + 16;
  r->rip = ra;
  r->rbp = rbp;
  r->top = false;
  return ra ? 2 : 0;
}
