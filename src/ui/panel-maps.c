/* panel-maps.c: the guest's memory map, one mapping a line.
 *
 * "start-end prot size", with the mappings holding RIP and RSP marked,
 * like a short /proc/self/maps. When there are more mappings than rows,
 * the ones around RIP's and RSP's win over the rest (by keeping the list
 * window that shows RSP's mapping: the stack is usually last, code
 * first, and both matter most). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stdio.h>

#include "ui/cursesw.h"
#include "ui/ui.h"

enum { MAX_MAPS = 512 };

struct MapList {
  int n;
  struct {
    uint64_t va, len;
    int prot;
  } e[MAX_MAPS];
};

static void add(void *ctx, uint64_t va, uint64_t len, int prot) {
  struct MapList *l = ctx;
  if (l->n < MAX_MAPS) {
    l->e[l->n].va = va;
    l->e[l->n].len = len;
    l->e[l->n].prot = prot;
    l->n++;
  }
}

static void size_text(char *buf, size_t size, uint64_t len) {
  if (len >= (1ull << 30) && !(len & ((1ull << 30) - 1)))
    snprintf(buf, size, "%lluG", (unsigned long long)(len >> 30));
  else if (len >= (1ull << 20) && !(len & ((1ull << 20) - 1)))
    snprintf(buf, size, "%lluM", (unsigned long long)(len >> 20));
  else
    snprintf(buf, size, "%lluK", (unsigned long long)(len >> 10));
}

void panel_maps(struct Ui *u, struct Rect r) {
  if (!r.h) return;
  static struct MapList l;
  l.n = 0;
  vm_each_map(u->m, add, &l);
  char title[48];
  snprintf(title, sizeof(title), "maps (%d)", l.n);
  draw_title(r, title);
  int rows = r.h - 1;
  int first = 0;
  /* Keep RSP's mapping in view: the window ends at it when needed. */
  for (int i = 0; i < l.n; ++i) {
    uint64_t sp = u->regs.r[VM_RSP];
    if (sp >= l.e[i].va && sp - l.e[i].va < l.e[i].len && i >= rows)
      first = i - rows + 1;
  }
  for (int k = 0; k < rows && first + k < l.n; ++k) {
    int i = first + k;
    uint64_t va = l.e[i].va, len = l.e[i].len;
    int prot = l.e[i].prot;
    char sz[24], line[112];
    size_text(sz, sizeof(sz), len);
    const char *mark = "";
    uint64_t ip = u->regs.pc, sp = u->regs.r[VM_RSP];
    if (ip >= va && ip - va < len) mark = " <rip";
    else if (sp >= va && sp - va < len) mark = " <rsp";
    snprintf(line, sizeof(line), "%012llx-%012llx %c%c%c %5s%s",
             (unsigned long long)va, (unsigned long long)(va + len),
             prot & VM_PROT_READ ? 'r' : '-', prot & VM_PROT_WRITE ? 'w' : '-',
             prot & VM_PROT_EXEC ? 'x' : '-', sz, mark);
    draw_text(r.y + 1 + k, r.x, r.w, line, *mark ? A_BOLD : 0);
  }
}
