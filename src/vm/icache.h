/* icache.h: the decoded-instruction cache.
 *
 * Decoding x86 is the expensive part of interpreting it, so each guest
 * page that runs code gets a CodePage: a slot per byte offset naming the
 * decoded record that starts there, and a bitmap of the bytes those
 * records cover. A store that touches covered bytes drops the page's
 * records (x86 promises self-modifying code works); stores elsewhere on
 * the page cost only the bitmap test. */
#ifndef BLINK_VM_ICACHE_H
#define BLINK_VM_ICACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "insn.h"

struct Machine;
struct Mem;

struct CodePage {
  uint64_t vpn;           /* guest page number */
  struct Insn *insns;     /* decoded records, in decode order */
  uint32_t n, cap;
  uint32_t gen;           /* bumped whenever records are dropped or moved,
                             which is what makes Insn.next pointers stale */
  bool spill;             /* an instruction of the previous page ends here */
  uint64_t covered[64];   /* one bit per byte covered by a record */
  uint16_t slot[4096];    /* record index + 1 by start offset, 0 = none */
};

struct ICache;

struct ICache *icache_new(void);
void icache_free(struct ICache *ic);

/* The CodePage for the page holding linear address va, created empty if
 * needed. The caller has checked that the page is executable. */
struct CodePage *icache_page(struct ICache *ic, uint64_t vpn);

/* The CodePage for vpn if one exists, else NULL. */
struct CodePage *icache_find(struct ICache *ic, uint64_t vpn);

/* Decode the instruction at linear address va (on cp's page), store it
 * and return it. Faults (#PF on fetch) go through exec_fault. */
const struct Insn *icache_decode(struct Machine *m, struct CodePage *cp,
                                 uint64_t va);

/* Decode the instruction at linear address va into *out without caching
 * it (breakpoint.c runs the real instruction under a breakpoint). */
void icache_decode_insn(struct Machine *m, uint64_t va, struct Insn *out);

/* Breakpoints (breakpoint.c): whether linear address va has one, and the
 * handler of the record icache_decode makes for such an address: it stops
 * the dispatch loop before the instruction (STOP_BREAK, rip on it, icount
 * unchanged), except for the first instruction of a vm_run/vm_step call,
 * which it runs (decoded afresh), so that a debugger can resume. */
bool break_at(struct Machine *m, uint64_t va);
void op_break(struct Machine *m, const struct Insn *i);

/* Whether a store to [off, off+size) of page vpn hits decoded bytes. */
bool icache_hits(struct CodePage *cp, unsigned off, unsigned size);

/* Drop every record of page vpn (and of the page before it when one of
 * its instructions runs into this page). Records are not freed, only
 * forgotten, so a handler still running from this page stays valid. */
void icache_invalidate(struct ICache *ic, uint64_t vpn);

/* Drop every record of every page. */
void icache_invalidate_all(struct ICache *ic);

/* Guest threads now share the cache (memory.c mem_attach): dropped and
 * moved record arrays are kept until icache_free instead of reused. */
void icache_set_threaded(struct ICache *ic);
/* A machine asked (Machine.icache_sync) has passed an instruction
 * boundary outside the dispatch loop (exec.c start()) or left. */
void icache_sync_ack(struct ICache *ic);

#endif
