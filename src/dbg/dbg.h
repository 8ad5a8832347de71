/* dbg.h: what the debugger knows about a program's names, lines and
 * frames.
 *
 * A DbgTable gathers, from one or more ELF files (the program, later the
 * files it maps), the symbols of .symtab and .dynsym (libelf) and, from
 * DWARF (libdwarf), the .debug_line rows, the functions' address ranges
 * and the call frame information (.eh_frame, .debug_frame) that
 * dbg_unwind() walks the stack with. When PATH.dbg exists beside PATH
 * (objcopy --only-keep-debug), its symbols and DWARF are read too, so a
 * stripped program still has names and lines.
 *
 * It lives in src/dbg, not src/vm or src/ui: it needs libdwarf, which
 * configure only looks for when the TUI is built (libvm must build with
 * --disable-tui), and it never needs curses. It is libdbg.a, linked into
 * blinkenlights (and its tests) before libvm.a. Nothing here touches the
 * VM: addresses are guest virtual addresses, plain uint64_t.
 *
 * Lookups are binary searches over arrays sorted once per dbg_add(), so
 * a panel may call them for every line it draws. Strings returned stay
 * valid until dbg_free(). */
#ifndef BLINK_DBG_DBG_H
#define BLINK_DBG_DBG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct DbgTable;

/* An empty table. NULL only when out of memory. */
struct DbgTable *dbg_new(void);
void dbg_free(struct DbgTable *t);

/* Adds the symbols, DWARF and CFI of the ELF file at path (and of
 * path.dbg when present), their addresses moved by bias (0 for an
 * ET_EXEC; the load address for a PIE or a shared object). Returns 0;
 * 1 when something was read but path.dbg isn't ELF or libdwarf refused
 * some DWARF (a one-line reason in err, for the status line; what could
 * be read is in the table); -1 with the reason in err when path can't be
 * read as ELF (nothing added) or memory ran out. err is "" on 0. A file
 * without symbols or without DWARF is not a problem: dbg_has_lines()
 * tells the source panel why it is empty. */
int dbg_add(struct DbgTable *t, const char *path, uint64_t bias, char *err,
            size_t errsize);

/* dbg_new() + dbg_add(path, 0): NULL when dbg_add returns -1; a table
 * with err set (non-empty) when it returns 1. */
struct DbgTable *dbg_load(const char *path, char *err, size_t errsize);

/* ---- symbols ---- */

/* The name of the symbol at or nearest below addr, offset in *off: the
 * DisSymFn of src/vm/disasm.h, with the table as ctx, so the disassembly
 * panel passes it straight to dis_insn. Of several symbols at one
 * address it names one the way objdump does (functions and objects
 * before labels, globals before weaks before locals, the larger, then
 * the first by name). NULL below every symbol or with no symbols. */
const char *dbg_symbol_at(void *table, uint64_t addr, uint64_t *off);

/* Like dbg_symbol_at() but only when addr is inside the symbol: below
 * its value plus its size, or equal to its value when it has no size.
 * For `info symbol` and frames, where "_end+0x7ffe0000" for a stack
 * address would mislead. */
const char *dbg_symbol_in(const struct DbgTable *t, uint64_t addr,
                          uint64_t *off);

/* The address of the symbol called name (functions and objects first,
 * then globals first; "name@VER" matches name too). Returns false when
 * nothing has that name. */
bool dbg_lookup(const struct DbgTable *t, const char *name, uint64_t *addr);

/* What the symbol table says of one symbol, for `watch NAME` (its
 * size) and `print NAME` (whether it's data). */
struct DbgSym {
  const char *name;
  uint64_t addr, size; /* size 0: unknown */
  bool func;           /* STT_FUNC/STT_GNU_IFUNC, else data or a label */
  bool global;         /* STB_GLOBAL or STB_WEAK */
};

/* dbg_lookup with the rest of the symbol: the same one it picks. */
bool dbg_lookup_sym(const struct DbgTable *t, const char *name,
                    struct DbgSym *out);

/* All symbol names in name order, for command-line completion: the
 * i-th (0 <= i < dbg_symbol_count()) with duplicates kept. */
size_t dbg_symbol_count(const struct DbgTable *t);
const char *dbg_symbol_name(const struct DbgTable *t, size_t i);
/* The names starting with prefix are dbg_symbol_name(first ..
 * first + count - 1): returns count, sets *first (readline's completion
 * generator walks that range). */
size_t dbg_symbol_prefix(const struct DbgTable *t, const char *prefix,
                         size_t *first);

/* ---- lines (DWARF .debug_line) ---- */

struct DbgLine {
  const char *file; /* as DWARF names it, with its directory joined */
  unsigned line;    /* 0 for code the compiler attributes to no line */
  uint64_t addr;    /* the start of the row that covers the address */
  bool stmt;        /* a recommended breakpoint location (is_stmt) */
};

/* Whether any DWARF line table was read: false means the source panel
 * should say "no debug info (build with -g)". */
bool dbg_has_lines(const struct DbgTable *t);

/* The row covering addr: of the rows of one sequence, the last whose
 * address is <= addr, when the sequence extends past addr (as addr2line
 * answers). Returns false for an address no sequence covers. */
bool dbg_line_at(const struct DbgTable *t, uint64_t addr, struct DbgLine *out);

/* The addresses to break at for `break FILE:LINE`: for each function
 * with an is_stmt row of that line, the lowest such address (moved past
 * the prologue when it is the function's entry, so breaking on the line
 * of a function's opening brace stops where `break FUNCTION` does); when
 * no row has exactly that line, the next line that has rows (as gdb
 * does).
 * file matches a DWARF name whole or as a trailing path ("x.c" matches
 * "/src/x.c", "src/x.c" too). Writes up to max addresses in ascending
 * order; returns how many there are in all (0: no such file or line).
 * *line_out (may be NULL) receives the line actually used. */
size_t dbg_addrs_for(const struct DbgTable *t, const char *file,
                     unsigned line, uint64_t *addrs, size_t max,
                     unsigned *line_out);

/* Rows in the order the line programs list them (the order objdump
 * --dwarf=decodedline prints), end-of-sequence rows included (end set,
 * line 0), for the tests and for `info line`. */
struct DbgRow {
  uint64_t addr;
  const char *file;
  unsigned line;
  bool stmt, end;
};
size_t dbg_row_count(const struct DbgTable *t);
bool dbg_row(const struct DbgTable *t, size_t i, struct DbgRow *out);

/* ---- functions ---- */

struct DbgFunc {
  const char *name;
  uint64_t lo, hi;  /* [lo, hi): the part of the function holding addr */
  uint64_t entry;   /* its entry: lo, unless the compiler split it into
                       parts (a hot/cold split at -O2: DW_AT_ranges) */
  const char *file; /* the file:line of its first instruction, from */
  unsigned line;    /* the line table; NULL, 0 when none covers it */
  bool dwarf;       /* from a DWARF subprogram, not an ELF size */
};

/* The function containing addr: from DWARF subprograms (DW_AT_low_pc
 * and DW_AT_high_pc, or DW_AT_ranges) where there are, otherwise from an
 * STT_FUNC symbol with a size ("main.cold" is then a function of its
 * own). Returns false when none contains it. */
bool dbg_func_at(const struct DbgTable *t, uint64_t addr, struct DbgFunc *out);

/* Where `break FUNCTION` stops: past the prologue that sets up the
 * frame, so that the arguments are in place. With a line table, the
 * first is_stmt row of the function (at or after entry) whose line
 * differs from the entry row's line, when there is one inside the
 * function's part holding entry; otherwise entry itself (an optimized
 * function often has the body's rows at its first address already). */
uint64_t dbg_after_prologue(const struct DbgTable *t, uint64_t entry);

/* Forgets every symbol, row, function and CFI row in [lo, hi): for a
 * file the program unmapped (munmap of what dbg_add read at a bias).
 * Their strings stay allocated until dbg_free. */
void dbg_remove(struct DbgTable *t, uint64_t lo, uint64_t hi);

/* ---- files, and what the program maps later ---- */

/* The files dbg_add() read, in the order they were added (the program
 * first): path as given, the bias, and the extent of its PT_LOAD
 * segments moved by the bias (lo = hi = 0 when it has none). */
struct DbgModule {
  const char *path;
  uint64_t bias;
  uint64_t lo, hi;
};
size_t dbg_module_count(const struct DbgTable *t);
bool dbg_module(const struct DbgTable *t, size_t i, struct DbgModule *out);

/* The program mapped the file at path: its bytes from file offset
 * `offset` are now at [va, va+len) (an mmap with PROT_EXEC: a loader
 * mapping a shared object's code, or the program's own segments). Works
 * out the load bias from path's program headers (the PT_LOAD segment
 * that holds offset: bias = va - (its p_vaddr + offset - its p_offset))
 * and dbg_add()s path at that bias, unless the same file (device and
 * inode) is in the table at that bias already. Returns dbg_add's 0, 1 or
 * -1, 2 when the file was there already, and -1 too (with err) when path
 * is not ELF, no segment holds offset, or the program has mapped too
 * many files (256 in the table at once, 4096 read in all: a guest mapping
 * and unmapping in a loop must not make the debugger slower and slower). */
int dbg_add_mapping(struct DbgTable *t, const char *path, uint64_t va,
                    uint64_t len, uint64_t offset, char *err,
                    size_t errsize);

/* The program unmapped [va, va+len): each file dbg_add_mapping() added
 * whose executable mappings all lie inside is forgotten (dbg_remove()
 * over its extent). Partial unmaps (a loader trimming the gaps between
 * segments) forget nothing. Returns how many files went. */
size_t dbg_unmapped(struct DbgTable *t, uint64_t va, uint64_t len);

/* Source files. DWARF names a file as the compiler saw it (an absolute
 * build path for most); when the program was installed or moved, its
 * sources may be elsewhere. dbg_find_source() tries file itself, then
 * its last component in each directory given to dbg_add_source_dir()
 * (in that order), then next to each file in the table (the program's
 * own directory first). Writes the first readable path to out and
 * returns true; false when none is (out then holds file). */
bool dbg_add_source_dir(struct DbgTable *t, const char *dir);
bool dbg_find_source(const struct DbgTable *t, const char *file, char *out,
                     size_t outsize);

/* ---- call frame information (.eh_frame / .debug_frame) ---- */

/* How a value is recovered in the caller's frame. */
enum {
  DBG_CFI_UNDEF,   /* unknown (e.g. RA in the outermost frame) */
  DBG_CFI_SAME,    /* unchanged from the callee's */
  DBG_CFI_AT_CFA,  /* saved in memory at CFA + off */
  DBG_CFI_REG_OFF, /* (CFA only) register cfa_reg + off */
  DBG_CFI_IN_REG,  /* in another register */
  DBG_CFI_EXPR,    /* a DWARF expression (PLT stubs, signal frames): not
                      evaluated; the unwinder falls back to RBP */
};

/* The CFI row covering a pc. Registers are DWARF x86-64 numbers: 6 RBP,
 * 7 RSP (16 is the return address column). */
struct DbgCfi {
  uint64_t lo, hi; /* the row's [lo, hi) */
  int cfa_kind;    /* DBG_CFI_REG_OFF or DBG_CFI_EXPR */
  int cfa_reg;
  int64_t cfa_off;
  int ra_kind;     /* the return address: normally DBG_CFI_AT_CFA, -8 */
  int64_t ra_off;
  int rbp_kind;
  int64_t rbp_off;
};
bool dbg_cfi_at(const struct DbgTable *t, uint64_t pc, struct DbgCfi *out);

/* Reads the 8-byte little-endian word at a guest address; false when
 * it isn't mapped. The debugger passes one over the VM's memory. */
typedef bool (*DbgReadFn)(void *ctx, uint64_t addr, uint64_t *val);

/* The registers a backtrace needs. top: the innermost frame (its rip
 * is the pc itself, not a return address). */
struct DbgFrameRegs {
  uint64_t rip, rsp, rbp;
  bool top;
};

/* Replaces *r with the caller's registers: by CFI when a row covers the
 * pc (returns 1), else by the RBP chain (returns 2). Returns 0 at the
 * end of the stack (return address 0, unreadable memory, no frame
 * pointer), leaving *r as it was or partly updated. */
int dbg_unwind(const struct DbgTable *t, struct DbgFrameRegs *r,
               DbgReadFn read, void *ctx);

#endif
