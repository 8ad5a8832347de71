/* panel-regs.c: the general registers, RIP, RFLAGS and the FS/GS bases,
 * and, when the panel is wide enough, the segment selectors beside them.
 *
 * A value the last step (or run) changed is highlighted, so the effect
 * of an instruction can be read off without comparing numbers. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stdio.h>

#include "ui/cursesw.h"
#include "ui/ui.h"

static const char *const names[16] = {
    "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
    "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15",
};

static void row(struct Ui *u, struct Rect r, int i, const char *name,
                uint64_t now, uint64_t before) {
  if (1 + i >= r.h) return;
  int changed = u->have_prev && now != before;
  int attr = 0;
  if (changed) attr = u->colors ? COLOR_PAIR(CP_CHANGED) | A_BOLD : A_REVERSE;
  char line[40];
  snprintf(line, sizeof(line), "%-3s ", name);
  int col = draw_text(r.y + 1 + i, r.x, r.w, line, 0);
  snprintf(line, sizeof(line), "%016llx", (unsigned long long)now);
  draw_text(r.y + 1 + i, r.x + col, r.w - col, line, attr);
}

/* A PC outside long mode: 32-bit registers (what real and protected
 * mode code can name), then each segment's selector and hidden base
 * ("cs f000 000f0000"), which say where code, stack and data are. */
static void regs32(struct Ui *u, struct Rect r) {
  static const char *const n32[8] = {"eax", "ebx", "ecx", "edx",
                                     "esi", "edi", "ebp", "esp"};
  static const int order[8] = {0, 3, 1, 2, 6, 7, 5, 4};
  char line[40];
  int i = 0;
  for (; i < 10 && 1 + i < r.h; ++i) {
    uint64_t now, before;
    const char *name;
    if (i < 8) {
      name = n32[i];
      now = u->regs.r[order[i]] & 0xffffffff;
      before = u->prev.r[order[i]] & 0xffffffff;
    } else {
      name = i == 8 ? "eip" : "efl";
      now = (i == 8 ? u->regs.rip : u->regs.rflags) & 0xffffffff;
      before = (i == 8 ? u->prev.rip : u->prev.rflags) & 0xffffffff;
    }
    int changed = u->have_prev && now != before;
    int attr = !changed ? 0
               : u->colors ? COLOR_PAIR(CP_CHANGED) | A_BOLD
                           : A_REVERSE;
    snprintf(line, sizeof(line), "%s ", name);
    int col = draw_text(r.y + 1 + i, r.x, r.w, line, 0);
    snprintf(line, sizeof(line), "%08llx", (unsigned long long)now);
    draw_text(r.y + 1 + i, r.x + col, r.w - col, line, attr);
  }
  static const char *const sregs[6] = {"es", "cs", "ss", "ds", "fs", "gs"};
  static const int sorder[6] = {1, 2, 3, 0, 4, 5};
  for (int k = 0; k < 6 && 1 + i < r.h; ++k, ++i) {
    int s = sorder[k];
    int changed = u->have_prev && (u->regs.sreg[s] != u->prev.sreg[s] ||
                                   u->regs.seg_base[s] != u->prev.seg_base[s]);
    int attr = !changed ? 0
               : u->colors ? COLOR_PAIR(CP_CHANGED) | A_BOLD
                           : A_REVERSE;
    snprintf(line, sizeof(line), "%s  ", sregs[s]);
    int col = draw_text(r.y + 1 + i, r.x, r.w, line, 0);
    snprintf(line, sizeof(line), "%04x %08llx", u->regs.sreg[s],
             (unsigned long long)u->regs.seg_base[s]);
    draw_text(r.y + 1 + i, r.x + col, r.w - col, line, attr);
  }
  /* The control registers, once protected mode may use them. */
  const struct { const char *name; uint64_t now, before; } cr[4] = {
      {"cr0", u->regs.cr0, u->prev.cr0}, {"cr2", u->regs.cr2, u->prev.cr2},
      {"cr3", u->regs.cr3, u->prev.cr3}, {"cr4", u->regs.cr4, u->prev.cr4}};
  for (int k = 0; k < 4 && 1 + i < r.h; ++k, ++i) {
    int changed = u->have_prev && cr[k].now != cr[k].before;
    int attr = !changed ? 0
               : u->colors ? COLOR_PAIR(CP_CHANGED) | A_BOLD
                           : A_REVERSE;
    snprintf(line, sizeof(line), "%s ", cr[k].name);
    int col = draw_text(r.y + 1 + i, r.x, r.w, line, 0);
    snprintf(line, sizeof(line), "%08llx", (unsigned long long)cr[k].now);
    draw_text(r.y + 1 + i, r.x + col, r.w - col, line, attr);
  }
}

/* A PC in long mode: under the selectors, CR0, CR3, CR4 and EFER. */
static void long_cr(struct Ui *u, struct Rect r) {
  const struct { const char *name; uint64_t now, before; } cr[4] = {
      {"cr0", u->regs.cr0, u->prev.cr0}, {"cr3", u->regs.cr3, u->prev.cr3},
      {"cr4", u->regs.cr4, u->prev.cr4}, {"efer", u->regs.efer, u->prev.efer}};
  for (int k = 0; k < 4 && 8 + k < r.h; ++k) {
    int changed = u->have_prev && cr[k].now != cr[k].before;
    int attr = !changed ? 0
               : u->colors ? COLOR_PAIR(CP_CHANGED) | A_BOLD
                           : A_REVERSE;
    char line[24];
    snprintf(line, sizeof(line), "%-4s ", cr[k].name);
    int col = draw_text(r.y + 8 + k, r.x + 26, r.w - 26, line, 0);
    snprintf(line, sizeof(line), "%016llx", (unsigned long long)cr[k].now);
    draw_text(r.y + 8 + k, r.x + 26 + col, r.w - 26 - col, line, attr);
  }
}

void panel_regs(struct Ui *u, struct Rect r) {
  if (!r.h) return;
  draw_title(r, "registers");
  if (u->pc && u->regs.mode != VM_MODE_LONG) {
    regs32(u, r);
    return;
  }
  /* In the order a person reads them: the accumulator and friends, the
   * stack, then the argument registers of the System V ABI. */
  static const int order[16] = {0, 3, 1, 2, 6, 7, 5, 4,
                                8, 9, 10, 11, 12, 13, 14, 15};
  int i = 0;
  for (; i < 16; ++i)
    row(u, r, i, names[order[i]], u->regs.r[order[i]], u->prev.r[order[i]]);
  row(u, r, i++, "rip", u->regs.rip, u->prev.rip);
  row(u, r, i++, "flg", u->regs.rflags, u->prev.rflags);
  row(u, r, i++, "fs", u->regs.fs_base, u->prev.fs_base);
  row(u, r, i++, "gs", u->regs.gs_base, u->prev.gs_base);
  /* The selectors, in a second column (the bases above are what 64-bit
   * code uses; the selectors matter in 16- and 32-bit code). */
  static const char *const sregs[6] = {"es", "cs", "ss", "ds", "fs", "gs"};
  static const int sorder[6] = {1, 2, 3, 0, 4, 5};
  if (r.w < 40) return;
  for (int k = 0; k < 6 && 1 + k < r.h; ++k) {
    int s = sorder[k];
    int changed = u->have_prev && u->regs.sreg[s] != u->prev.sreg[s];
    int attr = !changed ? 0
               : u->colors ? COLOR_PAIR(CP_CHANGED) | A_BOLD
                           : A_REVERSE;
    char line[16];
    snprintf(line, sizeof(line), "%s ", sregs[s]);
    int col = draw_text(r.y + 1 + k, r.x + 26, r.w - 26, line, 0);
    snprintf(line, sizeof(line), "%04x", u->regs.sreg[s]);
    draw_text(r.y + 1 + k, r.x + 26 + col, r.w - 26 - col, line, attr);
  }
  if (u->pc && r.w >= 26 + 22) long_cr(u, r);
}
