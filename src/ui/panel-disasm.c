/* panel-disasm.c: the disassembly panel.
 *
 * Instructions around RIP, one a line: a margin (the current instruction
 * is marked with a triangle, breakpoints will be marked here too), the
 * address, the bytes when the panel is wide enough, and dis_insn's text,
 * the current line highlighted. x86 cannot be decoded backwards, so the
 * panel keeps its first address while RIP stays inside the window, and
 * otherwise re-anchors a few instructions before RIP at an address whose
 * forward decoding lands exactly on RIP. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stdio.h>
#include <string.h>

#include "dbg/dbg.h"
#include "ui/cursesw.h"
#include "ui/ui.h"
#include "vm/disasm.h"

enum { MAX_INSN = 15, BYTE_COLS_MIN_WIDTH = 72, SHOW_BYTES = 7 };

/* Locale-independent, unlike isalnum(). */
static int isalnum_c(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z');
}

/* A branch target's name. On a PC the table is the ROM's: an address
 * outside F0000h-FFFFFh is in none of its symbols (the nearest below
 * would be the ROM's last label, far away). */
static const char *target_name(void *ctx, uint64_t a, uint64_t *off) {
  struct Ui *u = ctx;
  if (u->pc && (a < 0xF0000 || a > 0xFFFFF)) return NULL;
  return dbg_symbol_at(u->dbg, a, off);
}

/* Length of the instruction at a (0 when unreadable). */
static int insn_len(struct Ui *u, uint64_t a, char *text, size_t size) {
  uint8_t b[MAX_INSN];
  size_t n = vm_peek(u->m, a, b, sizeof(b));
  if (!n) return 0;
  /* With symbols, branch targets read as <symbol+off>, as objdump. */
  struct DisOptions o = {u->syntax, u->regs.mode, u->dbg ? target_name : NULL,
                         u};
  char tmp[128];
  return dis_insn(text ? text : tmp, text ? size : sizeof(tmp), b, n, a, &o);
}

/* Does decoding from s land exactly on target within max instructions?
 * Returns how many instructions precede target, or -1. With `clean`,
 * also -1 when the way there looks like data rather than code: an
 * instruction made of zero bytes only (padding, the ELF header before
 * _start) or one objdump would call "(bad)". */
static int lands_on_ex(struct Ui *u, uint64_t s, uint64_t target, int max,
                       int clean) {
  int k = 0;
  while (s < target && k < max) {
    char text[128];
    uint8_t b[MAX_INSN];
    int len = insn_len(u, s, text, sizeof(text));
    if (len <= 0) return -1;
    if (clean) {
      if (strstr(text, "(bad)")) return -1;
      size_t n = vm_peek(u->m, s, b, (size_t)len);
      int zero = n == (size_t)len;
      for (size_t i = 0; zero && i < n; ++i) zero = !b[i];
      if (zero) return -1;
    }
    s += len;
    ++k;
  }
  return s == target ? k : -1;
}

static int lands_on(struct Ui *u, uint64_t s, uint64_t target, int max) {
  return lands_on_ex(u, s, target, max, 0);
}

/* Picks a first address that puts up to `want` instructions before rip
 * on a way there that looks like code (see lands_on_ex); rip itself when
 * only data precedes it (then nothing is shown above it). */
static uint64_t anchor(struct Ui *u, uint64_t rip, int want) {
  if (want <= 0) return rip;
  /* With symbols, decode forward from the containing function's start:
   * exact where the heuristic below only guesses. Start at the function
   * (its label then shows) when it is near, else want lines up. */
  struct DbgFunc f;
  if (u->dbg && dbg_func_at(u->dbg, rip, &f) && f.lo <= rip &&
      rip - f.lo < 4096) {
    int k = lands_on(u, f.lo, rip, 4096);
    if (k >= 0) {
      uint64_t s = f.lo;
      for (; k > want; --k) s += insn_len(u, s, NULL, 0);
      return s;
    }
  }
  /* Farthest start first: more context; then drop surplus lines. */
  for (uint64_t back = (uint64_t)want * 8; back > 0; --back) {
    if (back > rip) continue;
    uint64_t s = rip - back;
    int k = lands_on_ex(u, s, rip, want * 8, 1);
    if (k < 0) continue;
    while (k > want) {
      s += insn_len(u, s, NULL, 0);
      --k;
    }
    return s;
  }
  return rip;
}

/* The symbol starting exactly at a, which gets a label line above its
 * first instruction; NULL when none does. */
static const char *label_at(struct Ui *u, uint64_t a) {
  uint64_t off;
  if (!u->dbg) return NULL;
  const char *name = dbg_symbol_at(u->dbg, a, &off);
  return name && !off ? name : NULL;
}

/* Whether rip is on one of the first rows-2 lines starting at top (so
 * that at least a line after it shows), label lines counted. */
static int visible(struct Ui *u, uint64_t top, uint64_t rip, int rows) {
  if (rip < top) return 0;
  int k = lands_on(u, top, rip, rows - 2);
  if (k < 0) return 0;
  int lines = k;
  for (uint64_t a = top; a <= rip && lines < rows - 1; ) {
    if (label_at(u, a)) ++lines;
    if (a == rip) break;
    int len = insn_len(u, a, NULL, 0);
    if (len <= 0) return 0;
    a += len;
  }
  return lines < rows - 1;
}

/* Light syntax highlighting of dis_insn text: the mnemonic, registers
 * (%reg in AT&T), numbers ($imm, 0x...). Intel text gets the mnemonic
 * and numbers. */
static void put_insn_text(struct Ui *u, int y, int x, int w, const char *s,
                          int base) {
  int col = 0;
  if (!u->colors) {
    draw_text(y, x, w, s, base);
    return;
  }
  /* mnemonic: up to the first space */
  const char *sp = strchr(s, ' ');
  int mn = sp ? (int)(sp - s) : (int)strlen(s);
  char buf[160];
  snprintf(buf, sizeof(buf), "%.*s", mn, s);
  col += draw_text(y, x, w, buf, base | COLOR_PAIR(CP_MNEMONIC) | A_BOLD);
  const char *p = s + mn;
  while (*p && col < w) {
    int attr = base;
    const char *q = p;
    if (*p == '%') {
      attr |= COLOR_PAIR(CP_REGISTER);
      ++q;
      while (*q && (isalnum_c(*q))) ++q;
    } else if (*p == '$' || (*p == '0' && p[1] == 'x')) {
      attr |= COLOR_PAIR(CP_NUMBER);
      q += *p == '$' ? 1 : 2;
      while (*q && isalnum_c(*q)) ++q;
    } else {
      ++q;
    }
    snprintf(buf, sizeof(buf), "%.*s", (int)(q - p), p);
    col += draw_text(y, x + col, w - col, buf, attr);
    p = q;
  }
}

/* The address column: linear, 12 digits for a program; for a PC in
 * real mode CS:offset when the address is in CS's 64 KiB (as the
 * code's own far pointers write it), else 5 linear digits; 8 digits in
 * protected mode. */
static void addr_text(struct Ui *u, uint64_t a, char *buf, size_t size) {
  if (u->pc && u->regs.mode == VM_MODE_REAL) {
    uint64_t base = u->regs.seg_base[1];
    if (a >= base && a - base <= 0xffff)
      snprintf(buf, size, "%04x:%04llx", u->regs.sreg[1],
               (unsigned long long)(a - base));
    else
      snprintf(buf, size, "%05llx", (unsigned long long)a);
  } else if (u->pc && u->regs.mode == VM_MODE_PROT32) {
    snprintf(buf, size, "%08llx", (unsigned long long)a);
  } else {
    snprintf(buf, size, "%012llx", (unsigned long long)a);
  }
}

void panel_disasm(struct Ui *u, struct Rect r) {
  if (!r.h) return;
  char title[64];
  if (u->pc)
    snprintf(title, sizeof(title), "disassembly (%s, %d-bit)",
             u->syntax == DIS_INTEL ? "intel" : "at&t",
             pc_ui_code_bits(&u->regs));
  else
    snprintf(title, sizeof(title), "disassembly (%s)",
             u->syntax == DIS_INTEL ? "intel" : "at&t");
  draw_title(r, title);
  int rows = r.h - 1;
  uint64_t rip = u->regs.pc;
  if (!u->dis_pinned && !visible(u, u->dis_top, rip, rows))
    u->dis_top = anchor(u, rip, rows / 3);
  int bytes = r.w >= BYTE_COLS_MIN_WIDTH;
  uint64_t a = u->dis_top;
  int labelled = 0; /* the label line of a was drawn */
  for (int i = 0; i < rows; ++i) {
    int y = r.y + 1 + i;
    char text[128], line[256];
    const char *label = labelled ? NULL : label_at(u, a);
    if (label) {
      /* objdump's form, so a function start is easy to spot. */
      char at[32];
      addr_text(u, a, at, sizeof(at));
      snprintf(line, sizeof(line), "%s <%s>:", at, label);
      draw_text(y, r.x + 2, r.w - 2, line,
                u->colors ? (int)(COLOR_PAIR(CP_TITLE) | A_BOLD) : A_BOLD);
      labelled = 1;
      continue;
    }
    labelled = 0;
    uint8_t b[MAX_INSN];
    size_t n = vm_peek(u->m, a, b, sizeof(b));
    int len = n ? insn_len(u, a, text, sizeof(text)) : 0;
    int cur = a == rip;
    int base = cur ? (u->colors ? COLOR_PAIR(CP_CURRENT) | A_BOLD : A_REVERSE)
                   : 0;
    if (u->cursor_on && a == u->cursor) base |= A_UNDERLINE;
    if (cur || (u->cursor_on && a == u->cursor)) {
      attron(base);
      mvhline(y, r.x, ' ', r.w);
      attroff(base);
    }
    /* The marker is a character, not only an attribute, so that a
     * monochrome terminal (and a test reading the screen) sees it. */
    int col = 0;
    if (cur) mvaddwstr(y, r.x, L"\u25b6");
    if (bp_find(u, a) >= 0) {
      int battr = u->colors ? (int)(COLOR_PAIR(CP_ERROR) | A_BOLD) : A_BOLD;
      attron(battr);
      mvaddwstr(y, r.x + 1, L"\u25cf");
      attroff(battr);
    }
    col = 2;
    if (!len) {
      char at[32];
      addr_text(u, a, at, sizeof(at));
      snprintf(line, sizeof(line), "%s (unmapped)", at);
      draw_text(y, r.x + col, r.w - col, line, base | A_DIM);
      break;
    }
    char at[32];
    addr_text(u, a, at, sizeof(at));
    snprintf(line, sizeof(line), "%s ", at);
    col += draw_text(y, r.x + col, r.w - col, line, base);
    if (bytes) {
      char hex[3 * SHOW_BYTES + 2] = "";
      for (int k = 0; k < SHOW_BYTES; ++k) {
        char h[4];
        if (k < len)
          snprintf(h, sizeof(h), k + 1 < SHOW_BYTES || len <= SHOW_BYTES
                                     ? "%02x "
                                     : "%02x+",
                   b[k]);
        else
          snprintf(h, sizeof(h), "   ");
        strcat(hex, h);
      }
      col += draw_text(y, r.x + col, r.w - col, hex, base | A_DIM);
      col += 1;
    }
    if (col < r.w) put_insn_text(u, y, r.x + col, r.w - col, text, base);
    a += len;
  }
}

/* The wheel over the panel: lines > 0 scrolls towards higher addresses
 * by whole instructions, lines < 0 back (re-anchoring, since x86 does not
 * decode backwards). The view stays put until the next step. (Issue 4
 * gives the wheel over disassembly to history once it exists.) */
void disasm_scroll(struct Ui *u, int lines) {
  u->dis_pinned = 1;
  for (; lines > 0; --lines) {
    int len = insn_len(u, u->dis_top, NULL, 0);
    if (len <= 0) break;
    u->dis_top += len;
  }
  if (lines < 0) u->dis_top = anchor(u, u->dis_top, -lines);
}

/* up/down: moves the cursor by instructions, starting from RIP, and
 * scrolls the view to keep it in sight. */
void disasm_cursor(struct Ui *u, int lines) {
  if (!u->cursor_on) u->cursor = u->regs.pc;
  u->cursor_on = 1;
  for (; lines > 0; --lines) {
    int len = insn_len(u, u->cursor, NULL, 0);
    if (len <= 0) break;
    u->cursor += len;
  }
  if (lines < 0) u->cursor = anchor(u, u->cursor, -lines);
  int rows = u->lay.disasm.h - 1;
  if (rows > 2 && !visible(u, u->dis_top, u->cursor, rows)) {
    u->dis_top = anchor(u, u->cursor, rows / 3);
    u->dis_pinned = 1;
  }
}
