/* cmd-info.c: frames, source lines and listings: backtrace, info
 * frame|line|source, disassemble, list, and the source line shown after
 * step/next. Everything comes from src/dbg (symbols, DWARF lines, CFI). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "dbg/dbg.h"
#include "vm/debug.h"
#include "vm/disasm.h"
#include "vm/vm.h"

/* One source file's lines, cached: list and step read it often. */
static struct {
  char path[512];
  char *text;
  size_t *starts, nlines;
} src;

static int load_source(const char *path) {
  if (src.text && !strcmp(src.path, path)) return 0;
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  size_t cap = 1 << 16, len = 0;
  char *t = malloc(cap + 1);
  size_t got;
  while (t && (got = fread(t + len, 1, cap - len, f)) > 0) {
    len += got;
    if (len == cap) {
      char *u = cap < (64u << 20) ? realloc(t, 2 * cap + 1) : NULL;
      if (!u) break;
      t = u;
      cap *= 2;
    }
  }
  fclose(f);
  if (!t) return -1;
  t[len] = 0;
  size_t n = 0;
  for (size_t i = 0; i < len; ++i) n += t[i] == '\n';
  size_t *s = malloc((n + 2) * sizeof(*s));
  if (!s) {
    free(t);
    return -1;
  }
  size_t k = 0;
  s[k++] = 0;
  for (size_t i = 0; i < len; ++i)
    if (t[i] == '\n') {
      t[i] = 0;
      if (i + 1 < len) s[k++] = i + 1;
    }
  free(src.text);
  free(src.starts);
  src.text = t;
  src.starts = s;
  src.nlines = len ? k : 0;
  snprintf(src.path, sizeof(src.path), "%s", path);
  return 0;
}

int cmd_source_line(struct Cmd *c, const char *file, unsigned line, char *buf,
                    size_t size) {
  (void)c;
  if (!file || load_source(file) || !line || line > src.nlines) return -1;
  const char *l = src.text + src.starts[line - 1];
  /* Tabs as spaces would misalign less, but gdb keeps them: keep. */
  snprintf(buf, size, "%s", l);
  return 0;
}

static const char *base(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

int cmd_show_line(struct Cmd *c, uint64_t pc, int with_func) {
  struct DbgLine ln;
  if (!c->syms || !dbg_line_at(c->syms, pc, &ln) || !ln.line) return -1;
  if (with_func) {
    struct DbgFunc f;
    static uint64_t last_entry;
    if (dbg_func_at(c->syms, pc, &f) && f.entry != last_entry) {
      cmd_printf(c, "%s () at %s:%u", f.name ? f.name : "??", base(ln.file),
                 ln.line);
      last_entry = f.entry;
    }
  }
  char text[400];
  if (cmd_source_line(c, ln.file, ln.line, text, sizeof(text)))
    cmd_printf(c, "%u\tin %s", ln.line, ln.file);
  else if (pc != ln.addr)
    cmd_printf(c, "0x%016" PRIx64 "\t%u\t%s", pc, ln.line, text);
  else
    cmd_printf(c, "%u\t%s", ln.line, text);
  c->list_next = ln.line > 5 ? ln.line - 5 : 1;
  snprintf(c->list_file, sizeof(c->list_file), "%s", ln.file);
  return 0;
}

/* The current source file: the last listed or shown, else the pc's,
 * else main's (gdb's default before the program stops anywhere). */
int cmd_default_file(struct Cmd *c, char *buf, size_t size, unsigned *line) {
  struct DbgLine ln;
  uint64_t a;
  if (c->list_file[0]) {
    snprintf(buf, size, "%s", c->list_file);
    if (line) *line = c->list_next;
    return 0;
  }
  if (!c->syms) return -1;
  if ((dbg_line_at(c->syms, vm_pc(c->m), &ln) && ln.line) ||
      (dbg_lookup(c->syms, "main", &a) && dbg_line_at(c->syms, a, &ln) &&
       ln.line)) {
    snprintf(buf, size, "%s", ln.file);
    if (line) *line = ln.line > 5 ? ln.line - 5 : 1;
    return 0;
  }
  return -1;
}

static void frame_line(struct Cmd *c, int n, uint64_t pc, int top) {
  uint64_t off = 0;
  const char *s = cmd_symbol(c, pc, &off);
  struct DbgLine ln;
  /* A return address belongs to the call before it. */
  uint64_t look = top ? pc : pc - 1;
  char at[600] = "";
  if (c->syms && dbg_line_at(c->syms, look, &ln) && ln.line)
    snprintf(at, sizeof(at), " at %s:%u", base(ln.file), ln.line);
  if (top && (!s || !off))
    cmd_printf(c, "#%-2d %s ()%s", n, s ? s : "??", at);
  else
    cmd_printf(c, "#%-2d 0x%016" PRIx64 " in %s ()%s", n, pc, s ? s : "??",
               at);
}

int cmd_do_backtrace(struct Cmd *c, const char *arg) {
  uint64_t max = 64;
  while (isspace((unsigned char)*arg)) ++arg;
  if (*arg) {
    char err[160];
    if (cmd_eval(c, arg, &max, err, sizeof(err)))
      return cmd_error(c, "%s", err);
  }
  struct VmRegs r;
  vm_regs(c->m, &r);
  return cmd_backtrace_regs(c, &r, max);
}

int cmd_backtrace_regs(struct Cmd *c, const struct VmRegs *r, uint64_t max) {
  struct DbgFrameRegs f = {r->pc, r->r[VM_RSP], r->r[VM_RBP], true};
  for (int n = 0; (uint64_t)n < max && n < 1000; ++n) {
    frame_line(c, n, f.rip, f.top);
    if (!c->syms || !dbg_unwind(c->syms, &f, cmd_read_word, c) || !f.rip) {
      return 0;
    }
    f.top = false;
  }
  if (max >= 64) cmd_printf(c, "(More stack frames follow...)");
  return 0;
}

int cmd_frame_regs(struct Cmd *c, int level, struct DbgFrameRegs *f) {
  struct VmRegs r;
  vm_regs(c->m, &r);
  *f = (struct DbgFrameRegs){r.pc, r.r[VM_RSP], r.r[VM_RBP], true};
  for (int i = 0; i < level; ++i) {
    if (!c->syms || !dbg_unwind(c->syms, f, cmd_read_word, c) || !f->rip)
      return i;
    f->top = false;
  }
  return level;
}

int cmd_info_frame(struct Cmd *c, const char *arg) {
  (void)arg;
  struct DbgFrameRegs f;
  cmd_frame_regs(c, c->frame, &f);
  uint64_t pc = f.rip, sp = f.rsp;
  char at[160];
  cmd_addr_text(c, pc, at, sizeof(at));
  /* gdb names a frame by its CFA: the caller's rsp after the return. */
  int up = c->syms && dbg_unwind(c->syms, &f, cmd_read_word, c) && f.rip;
  cmd_printf(c, "Stack level %d, frame at 0x%" PRIx64 ":", c->frame,
             up ? f.rsp : sp);
  struct DbgLine ln;
  if (c->syms && dbg_line_at(c->syms, c->frame ? pc - 1 : pc, &ln) &&
      ln.line)
    cmd_printf(c, " rip = %s; source %s:%u", at, base(ln.file), ln.line);
  else
    cmd_printf(c, " rip = %s", at);
  if (up) {
    char caller[160];
    cmd_addr_text(c, f.rip, caller, sizeof(caller));
    cmd_printf(c, " saved rip = %s", caller);
    cmd_printf(c, " CFA 0x%" PRIx64 " (the caller's rsp after return)", f.rsp);
  } else {
    cmd_printf(c, " caller unknown (no CFI and no frame pointer chain)");
  }
  return 0;
}

/* frame [N], up [N], down [N]: select a caller's frame for info frame,
 * list and the registers $pc $sp $fp (the others are not unwound). Any
 * command that moves the machine selects frame 0 again. */
static int select_frame(struct Cmd *c, int level) {
  struct DbgFrameRegs f;
  if (level < 0) return cmd_error(c, "Bottom (innermost) frame selected; "
                                     "you cannot go down.");
  int got = cmd_frame_regs(c, level, &f);
  if (got < level)
    return cmd_error(c, "Initial frame selected; you cannot go up.");
  c->frame = level;
  frame_line(c, level, f.rip, f.top);
  struct DbgLine ln;
  uint64_t look = f.top ? f.rip : f.rip - 1;
  char text[400];
  if (c->syms && dbg_line_at(c->syms, look, &ln) && ln.line) {
    if (!cmd_source_line(c, ln.file, ln.line, text, sizeof(text)))
      cmd_printf(c, "%u\t%s", ln.line, text);
    snprintf(c->list_file, sizeof(c->list_file), "%s", ln.file);
    c->list_next = ln.line > 5 ? ln.line - 5 : 1;
  }
  return 0;
}

static int level_arg(struct Cmd *c, const char *arg, int dflt, int *n) {
  while (isspace((unsigned char)*arg)) ++arg;
  *n = dflt;
  if (!*arg) return 0;
  uint64_t v;
  char err[160];
  if (cmd_eval(c, arg, &v, err, sizeof(err))) return cmd_error(c, "%s", err);
  if ((int64_t)v < 0 || v > 10000) return cmd_error(c, "frame %lld out of range", (long long)v);
  *n = (int)v;
  return 0;
}

int cmd_do_frame(struct Cmd *c, const char *arg) {
  int n;
  if (level_arg(c, arg, c->frame, &n)) return -1;
  return select_frame(c, n);
}

int cmd_do_up(struct Cmd *c, const char *arg) {
  int n;
  if (level_arg(c, arg, 1, &n)) return -1;
  return select_frame(c, c->frame + n);
}

int cmd_do_down(struct Cmd *c, const char *arg) {
  int n;
  if (level_arg(c, arg, 1, &n)) return -1;
  return select_frame(c, c->frame - n);
}

/* LOCATION for list/info line: FILE:LINE or LINE give a line; the rest
 * an address. */
static int line_loc(struct Cmd *c, const char *arg, char *file, size_t fsize,
                    unsigned *line, uint64_t *addr) {
  while (isspace((unsigned char)*arg)) ++arg;
  const char *colon = strrchr(arg, ':');
  *addr = 0;
  if (colon && isdigit((unsigned char)colon[1]) && *arg != '*') {
    snprintf(file, fsize, "%.*s", (int)(colon - arg), arg);
    *line = (unsigned)atoi(colon + 1);
    return 1;
  }
  if (*arg && arg[strspn(arg, "0123456789 \t")] == 0) {
    if (cmd_default_file(c, file, fsize, NULL))
      return cmd_error(c, "No default source file: use FILE:LINE.");
    *line = (unsigned)atoi(arg);
    return 1;
  }
  if (*arg == '*') {
    char err[160];
    if (cmd_eval(c, arg + 1, addr, err, sizeof(err)))
      return cmd_error(c, "%s", err);
    return 0;
  }
  if (cmd_location(c, arg, addr)) return -1;
  /* A function: its entry line (list shows around it). */
  struct DbgFunc f;
  if (*arg && c->syms && dbg_func_at(c->syms, *addr, &f) && f.file &&
      dbg_lookup(c->syms, arg, addr)) {
    snprintf(file, fsize, "%s", f.file);
    *line = f.line;
    return 2;
  }
  return 0;
}

/* The full path DWARF has for a file named by its trailing part. */
static const char *dwarf_file(struct Cmd *c, const char *name) {
  size_t n = dbg_row_count(c->syms), nl = strlen(name);
  for (size_t i = 0; i < n; ++i) {
    struct DbgRow r;
    if (!dbg_row(c->syms, i, &r) || !r.file) continue;
    size_t fl = strlen(r.file);
    if (!strcmp(r.file, name) ||
        (fl > nl && r.file[fl - nl - 1] == '/' &&
         !strcmp(r.file + fl - nl, name)))
      return r.file;
  }
  return NULL;
}

int cmd_do_list(struct Cmd *c, const char *arg) {
  if (!c->syms || !dbg_has_lines(c->syms))
    return cmd_error(c, "No symbol table is loaded.  Use the \"file\" "
                        "command.");
  while (isspace((unsigned char)*arg)) ++arg;
  char file[512];
  unsigned line, first;
  if (!strcmp(arg, "-")) {
    /* The ten lines before the last listing. */
    if (!c->list_file[0] || !c->list_first)
      return cmd_error(c, "No default source file: use list FILE:LINE.");
    if (c->list_first == 1)
      return cmd_error(c, "Already at the start of %s.", base(c->list_file));
    snprintf(file, sizeof(file), "%s", c->list_file);
    first = c->list_first > 10 ? c->list_first - 10 : 1;
    if (load_source(file))
      return cmd_error(c, "%s: cannot read the source file", file);
    unsigned last = c->list_first - 1;
    for (unsigned i = first; i <= last && i <= src.nlines; ++i)
      cmd_printf(c, "%u\t%s", i, src.text + src.starts[i - 1]);
    c->list_first = first;
    return 0;
  }
  if (!*arg) {
    if (!c->list_file[0]) {
      if (cmd_default_file(c, c->list_file, sizeof(c->list_file),
                           &c->list_next))
        return cmd_error(c, "No default source file: use list FILE:LINE.");
    } else if (c->list_next == 0) {
      c->list_next = 1;
    }
    snprintf(file, sizeof(file), "%s", c->list_file);
    first = c->list_next;
  } else {
    uint64_t addr;
    int k = line_loc(c, arg, file, sizeof(file), &line, &addr);
    if (k < 0) return -1;
    if (k == 0) {
      struct DbgLine ln;
      if (!dbg_line_at(c->syms, addr, &ln) || !ln.line)
        return cmd_error(c, "No line number information available for "
                            "address 0x%" PRIx64, addr);
      snprintf(file, sizeof(file), "%s", ln.file);
      line = ln.line;
    }
    const char *full = dwarf_file(c, file);
    if (!full) return cmd_error(c, "No source file named %s.", file);
    snprintf(file, sizeof(file), "%s", full);
    first = line > 5 ? line - 5 : 1;
  }
  if (load_source(file))
    return cmd_error(c, "%s: cannot read the source file", file);
  if (first > src.nlines)
    return cmd_error(c, "Line number %u out of range; \"%s\" has %zu lines.",
                     first, base(file), src.nlines);
  unsigned last = first + 9;
  if (last > src.nlines) last = (unsigned)src.nlines;
  for (unsigned i = first; i <= last; ++i)
    cmd_printf(c, "%u\t%s", i, src.text + src.starts[i - 1]);
  snprintf(c->list_file, sizeof(c->list_file), "%s", file);
  c->list_first = first;
  c->list_next = last + 1;
  return 0;
}

int cmd_info_line(struct Cmd *c, const char *arg) {
  if (!c->syms || !dbg_has_lines(c->syms))
    return cmd_error(c, "No line number information available.");
  while (isspace((unsigned char)*arg)) ++arg;
  char file[512];
  unsigned line;
  uint64_t addr = vm_pc(c->m);
  struct DbgLine ln;
  if (*arg) {
    int k = line_loc(c, arg, file, sizeof(file), &line, &addr);
    if (k < 0) return -1;
    if (k >= 1) {
      uint64_t a[1];
      unsigned used;
      if (!dbg_addrs_for(c->syms, file, line, a, 1, &used))
        return cmd_error(c, "Line %u of \"%s\" has no code.", line, file);
      addr = a[0];
    }
  }
  if (!dbg_line_at(c->syms, addr, &ln) || !ln.line)
    return cmd_error(c, "No line number information available for address "
                        "0x%" PRIx64, addr);
  /* The end of the row: the next row's address. */
  uint64_t end = 0;
  size_t n = dbg_row_count(c->syms);
  for (size_t i = 0; i < n; ++i) {
    struct DbgRow r;
    if (dbg_row(c->syms, i, &r) && r.addr > ln.addr &&
        (!end || r.addr < end))
      end = r.addr;
  }
  char a1[160], a2[160];
  cmd_addr_text(c, ln.addr, a1, sizeof(a1));
  cmd_addr_text(c, end, a2, sizeof(a2));
  cmd_printf(c, "Line %u of \"%s\" starts at address %s and ends at %s.",
             ln.line, base(ln.file), a1, a2);
  snprintf(c->list_file, sizeof(c->list_file), "%s", ln.file);
  c->list_next = ln.line > 5 ? ln.line - 5 : 1;
  return 0;
}

int cmd_info_source(struct Cmd *c, const char *arg) {
  (void)arg;
  struct DbgLine ln;
  if (!c->syms || !dbg_line_at(c->syms, vm_pc(c->m), &ln) || !ln.line) {
    if (c->list_file[0]) {
      cmd_printf(c, "Current source file is %s", c->list_file);
      return 0;
    }
    cmd_printf(c, "No current source file.");
    return 0;
  }
  cmd_printf(c, "Current source file is %s", ln.file);
  if (!load_source(ln.file))
    cmd_printf(c, "Contains %zu lines.", src.nlines);
  cmd_printf(c, "Source language is c.");
  return 0;
}

int cmd_do_disassemble(struct Cmd *c, const char *arg) {
  uint64_t pc = vm_pc(c->m), addr = pc;
  int raw = 0, source = 0;
  while (isspace((unsigned char)*arg)) ++arg;
  /* /r: the bytes too; /s or /m: the source lines between. */
  while (*arg == '/') {
    for (++arg; *arg && !isspace((unsigned char)*arg); ++arg) {
      if (*arg == 'r') raw = 1;
      else if (*arg == 's' || *arg == 'm') source = 1;
      else return cmd_error(c, "Invalid disassembly modifier.");
    }
    while (isspace((unsigned char)*arg)) ++arg;
  }
  if (*arg) {
    char err[160];
    const char *e = *arg == '*' ? arg + 1 : arg;
    uint64_t a;
    if (c->syms && dbg_lookup(c->syms, e, &a))
      addr = a;
    else if (cmd_eval(c, e, &addr, err, sizeof(err)))
      return cmd_error(c, "%s", err);
  }
  uint64_t lo, hi;
  const char *name = NULL;
  struct DbgFunc f;
  if (c->syms && dbg_func_at(c->syms, addr, &f)) {
    lo = f.lo;
    hi = f.hi;
    name = f.name;
  } else {
    uint64_t off;
    name = cmd_symbol(c, addr, &off);
    if (!name)
      return cmd_error(c, "No function contains specified address.");
    /* A sizeless label: up to the next symbol, at most 256 bytes. */
    lo = addr - off;
    hi = lo + 1;
    while (hi < lo + 256) {
      uint64_t o2;
      const char *n2 = dbg_symbol_at(c->syms, hi, &o2);
      if (n2 && o2 == 0 && hi != lo) break;
      ++hi;
    }
  }
  cmd_printf(c, "Dump of assembler code for function %s:", name);
  struct VmRegs r;
  vm_regs(c->m, &r);
  struct DisOptions o = {DIS_ATT, r.mode, c->syms ? cmd_dis_sym : NULL, c};
  unsigned shown = 0;
  if (!c->syms) source = 0;
  for (uint64_t a = lo; a < hi;) {
    uint8_t code[16];
    size_t n = vm_peek(c->m, a, code, sizeof(code));
    if (!n) {
      cmd_printf(c, "Cannot access memory at address 0x%" PRIx64, a);
      break;
    }
    char text[128], bytes[64] = "";
    int len = dis_insn(text, sizeof(text), code, n, a, &o);
    if (len <= 0) len = 1;
    struct DbgLine ln;
    if (source && dbg_line_at(c->syms, a, &ln) && ln.line && ln.addr == a &&
        ln.line != shown) {
      char src_text[400];
      if (!shown) cmd_printf(c, "%s:", base(ln.file));
      if (!cmd_source_line(c, ln.file, ln.line, src_text, sizeof(src_text)))
        cmd_printf(c, "%u\t%s", ln.line, src_text);
      shown = ln.line;
    }
    if (raw) {
      size_t o2 = 0;
      for (int i = 0; i < len && (size_t)i < n; ++i)
        o2 += snprintf(bytes + o2, sizeof(bytes) - o2, "%02x ", code[i]);
      if (o2) bytes[o2 - 1] = '\t';
    }
    cmd_printf(c, "%s0x%016" PRIx64 " <+%" PRIu64 ">:\t%s%s",
               a == pc ? "=> " : "   ", a, a - lo, bytes, text);
    a += len;
  }
  cmd_printf(c, "End of assembler dump.");
  return 0;
}
