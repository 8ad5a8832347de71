/* cmd-break.c: the one list of breakpoints and watchpoints.
 *
 * struct Cmd's bp[] is the set the UI's margin, its breakpoint panel,
 * `info breakpoints` and the VM agree on: cmd_vm_sync mirrors the
 * enabled entries into the VM's own breakpoints and watchpoints
 * (debug.h), so continue runs at vm_run speed. When the VM was built
 * without them (the weak references below are NULL), the execution
 * commands step one instruction at a time and check here instead. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "dbg/dbg.h"
#include "vm/debug.h"
#include "vm/history.h"
#include "vm/vm.h"

/* Until every branch has them: a build without the VM's breakpoints
 * still links, and falls back to stepping. */
#pragma weak vm_break_set
#pragma weak vm_break_clear_all
#pragma weak vm_watch_set
#pragma weak vm_watch_clear_all
#pragma weak vm_watch_hit

int cmd_vm_has_breaks(void) {
  return vm_break_set != NULL && vm_break_clear_all != NULL;
}

int cmd_vm_has_watches(void) {
  return vm_watch_set != NULL && vm_watch_clear_all != NULL &&
         vm_watch_hit != NULL;
}

static const char *kind_name(int kind) {
  switch (kind) {
    case CMD_WATCH: return "hw watchpoint";
    case CMD_RWATCH: return "read watchpoint";
    case CMD_AWATCH: return "acc watchpoint";
    default: return "breakpoint";
  }
}

/* gdb's words when it sets or hits one. */
static const char *kind_title(const struct CmdBreak *b) {
  switch (b->kind) {
    case CMD_WATCH: return "Hardware watchpoint";
    case CMD_RWATCH: return "Hardware read watchpoint";
    case CMD_AWATCH: return "Hardware access (read/write) watchpoint";
    default: return b->temp ? "Temporary breakpoint" : "Breakpoint";
  }
}

int cmd_read_uint(struct Cmd *c, uint64_t addr, int len, uint64_t *val) {
  uint8_t b[8];
  if (len < 1 || len > 8 || vm_peek(c->m, addr, b, len) != (size_t)len)
    return -1;
  *val = 0;
  for (int i = len - 1; i >= 0; --i) *val = *val << 8 | b[i];
  return 0;
}

static size_t watch_bytes(const struct CmdBreak *b) {
  return b->len < sizeof(b->old) ? b->len : sizeof(b->old);
}

static void remember(struct Cmd *c, struct CmdBreak *b) {
  memset(b->old, 0, sizeof(b->old));
  vm_peek(c->m, b->addr, b->old, watch_bytes(b));
}

void cmd_vm_sync(struct Cmd *c) {
  if (cmd_vm_has_breaks()) {
    vm_break_clear_all(c->m);
    for (int i = 0; i < c->nbp; ++i)
      if (c->bp[i].enabled && c->bp[i].kind == CMD_BREAK)
        vm_break_set(c->m, c->bp[i].addr);
  }
  if (cmd_vm_has_watches()) vm_watch_clear_all(c->m);
  /* Two passes: the ones the VM held before keep their places, so a
   * newly enabled one is what a full VM refuses. */
  int had[CMD_MAX_BREAKS];
  for (int i = 0; i < c->nbp; ++i) {
    had[i] = c->bp[i].vm_id >= 0;
    c->bp[i].vm_id = -1;
    if (c->bp[i].kind != CMD_BREAK) remember(c, &c->bp[i]);
  }
  for (int pass = 0; pass < 2 && cmd_vm_has_watches(); ++pass)
    for (int i = 0; i < c->nbp; ++i) {
      struct CmdBreak *b = &c->bp[i];
      if (b->kind == CMD_BREAK || !b->enabled || had[i] != !pass) continue;
      int kind = b->kind == CMD_WATCH    ? VM_WATCH_WRITE
                 : b->kind == CMD_RWATCH ? VM_WATCH_READ
                                         : VM_WATCH_ACCESS;
      b->vm_id = vm_watch_set(c->m, b->addr, b->len, kind);
    }
}

void cmd_init(struct Cmd *c, struct Machine *m, struct DbgTable *syms,
              void (*out)(void *ctx, int err, const char *line),
              void *out_ctx) {
  memset(c, 0, sizeof(*c));
  c->m = m;
  c->syms = syms;
  c->out = out;
  c->out_ctx = out_ctx;
}

void cmd_destroy(struct Cmd *c) {
  c->nbp = 0;
  cmd_vm_sync(c);
}

struct CmdBreak *cmd_break_at(struct Cmd *c, uint64_t addr) {
  for (int i = 0; i < c->nbp; ++i)
    if (c->bp[i].enabled && c->bp[i].kind == CMD_BREAK &&
        c->bp[i].addr == addr)
      return &c->bp[i];
  return NULL;
}

struct CmdBreak *cmd_break_find(struct Cmd *c, int num) {
  for (int i = 0; i < c->nbp; ++i)
    if (c->bp[i].num == num) return &c->bp[i];
  return NULL;
}

static void bp_remove(struct Cmd *c, int i) {
  memmove(&c->bp[i], &c->bp[i + 1], (c->nbp - i - 1) * sizeof(c->bp[0]));
  --c->nbp;
}

int cmd_break_add(struct Cmd *c, int kind, uint64_t addr, uint64_t len,
                  int temp, const char *expr) {
  if (c->nbp == CMD_MAX_BREAKS)
    return cmd_error(c, "too many breakpoints and watchpoints (%d)",
                     CMD_MAX_BREAKS);
  if (kind != CMD_BREAK && (len < 1 || len > 4096))
    return cmd_error(c, "watchpoint length %" PRIu64 " out of range 1-4096",
                     len);
  if (kind != CMD_BREAK && !vm_mapped(c->m, addr))
    return cmd_error(c, "Cannot access memory at address 0x%" PRIx64, addr);
  if ((kind == CMD_RWATCH || kind == CMD_AWATCH) && !cmd_vm_has_watches())
    return cmd_error(c, "This build's VM cannot watch reads: use watch");
  struct CmdBreak *b = &c->bp[c->nbp++];
  memset(b, 0, sizeof(*b));
  b->num = ++c->next_num;
  b->kind = kind;
  b->addr = addr;
  b->len = kind == CMD_BREAK ? 0 : len;
  b->enabled = 1;
  b->temp = temp;
  b->vm_id = -1;
  if (expr) snprintf(b->expr, sizeof(b->expr), "%s", expr);
  cmd_vm_sync(c);
  if (kind != CMD_BREAK && cmd_vm_has_watches() && b->vm_id < 0) {
    --c->nbp;
    --c->next_num;
    cmd_vm_sync(c);
    return cmd_error(c, "The VM cannot watch more: delete a watchpoint.");
  }
  if (kind == CMD_BREAK) {
    char at[160];
    cmd_addr_text(c, addr, at, sizeof(at));
    cmd_printf(c, "%s %d at %s", kind_title(b), b->num, at);
  } else {
    cmd_printf(c, "%s %d: %s", kind_title(b), b->num, b->expr);
  }
  return b->num;
}

int cmd_break_toggle(struct Cmd *c, uint64_t addr) {
  int found = 0;
  for (int i = c->nbp - 1; i >= 0; --i)
    if (c->bp[i].kind == CMD_BREAK && c->bp[i].addr == addr) {
      cmd_printf(c, "Deleted breakpoint %d", c->bp[i].num);
      bp_remove(c, i);
      found = 1;
    }
  if (found) {
    cmd_vm_sync(c);
    return 0;
  }
  return cmd_break_add(c, CMD_BREAK, addr, 0, 0, NULL) < 0 ? -1 : 1;
}

/* Splits "LOCATION if COND": cond points into a copy, or NULL. */
static void split_if(const char *arg, char *loc, size_t size, char **cond) {
  snprintf(loc, size, "%s", arg);
  *cond = NULL;
  for (char *p = loc; *p; ++p)
    if ((p == loc || isspace((unsigned char)p[-1])) && !strncmp(p, "if", 2) &&
        (!p[2] || isspace((unsigned char)p[2]))) {
      *p = 0;
      *cond = p + 2;
      while (isspace((unsigned char)**cond)) ++*cond;
      return;
    }
}

static int do_break(struct Cmd *c, const char *arg, int temp) {
  char loc[512], *cond;
  split_if(arg, loc, sizeof(loc), &cond);
  if (cond && !*cond) return cmd_error(c, "Argument required (boolean expression).");
  uint64_t a;
  if (cmd_location(c, loc, &a)) return -1;
  int num = cmd_break_add(c, CMD_BREAK, a, 0, temp, NULL);
  if (num < 0) return -1;
  if (cond) {
    struct CmdBreak *b = cmd_break_find(c, num);
    snprintf(b->cond, sizeof(b->cond), "%s", cond);
  }
  return 0;
}

int cmd_do_break(struct Cmd *c, const char *arg) { return do_break(c, arg, 0); }
int cmd_do_tbreak(struct Cmd *c, const char *arg) { return do_break(c, arg, 1); }

/* delete/disable/enable [N...]: no numbers means all of them. */
static int bpnums(struct Cmd *c, const char *arg, int what) {
  const char *p = arg;
  while (isspace((unsigned char)*p)) ++p;
  if (!strncmp(p, "breakpoints", 11)) p += 11;
  while (isspace((unsigned char)*p)) ++p;
  if (!*p) {
    if (what == 0) c->nbp = 0;
    for (int i = 0; i < c->nbp; ++i) c->bp[i].enabled = what == 2;
    cmd_vm_sync(c);
    return 0;
  }
  int rc = 0;
  while (*p) {
    char *end;
    long n = strtol(p, &end, 10);
    if (end == p || (*end && !isspace((unsigned char)*end))) {
      rc = cmd_error(c, "Convenience variable must have integer value: "
                        "\"%s\"", p);
      break;
    }
    int i;
    for (i = 0; i < c->nbp; ++i)
      if (c->bp[i].num == n) break;
    if (i == c->nbp) {
      rc = cmd_error(c, "No breakpoint number %ld.", n);
    } else if (what == 0) {
      bp_remove(c, i);
    } else {
      c->bp[i].enabled = what == 2;
    }
    p = end;
    while (isspace((unsigned char)*p)) ++p;
  }
  cmd_vm_sync(c);
  return rc;
}

int cmd_do_delete(struct Cmd *c, const char *arg) { return bpnums(c, arg, 0); }
int cmd_do_disable(struct Cmd *c, const char *arg) { return bpnums(c, arg, 1); }
int cmd_do_enable(struct Cmd *c, const char *arg) {
  int rc = bpnums(c, arg, 2);
  /* Watchpoints the VM could not take stay disabled, said once. */
  int refused = 0;
  for (int i = 0; i < c->nbp; ++i)
    if (c->bp[i].enabled && c->bp[i].kind != CMD_BREAK &&
        cmd_vm_has_watches() && c->bp[i].vm_id < 0) {
      c->bp[i].enabled = 0;
      ++refused;
    }
  if (refused) {
    cmd_vm_sync(c);
    return cmd_error(c, "The VM cannot watch more: %d watchpoint%s left "
                        "disabled.", refused, refused == 1 ? "" : "s");
  }
  return rc;
}

static struct CmdBreak *num_arg(struct Cmd *c, const char **arg) {
  const char *p = *arg;
  while (isspace((unsigned char)*p)) ++p;
  char *end;
  long n = strtol(p, &end, 10);
  if (end == p) {
    cmd_error(c, "Argument required (breakpoint number).");
    return NULL;
  }
  struct CmdBreak *b = cmd_break_find(c, (int)n);
  if (!b) {
    cmd_error(c, "No breakpoint number %ld.", n);
    return NULL;
  }
  while (isspace((unsigned char)*end)) ++end;
  *arg = end;
  return b;
}

/* condition N [EXPR]: no EXPR makes it unconditional. */
int cmd_do_condition(struct Cmd *c, const char *arg) {
  struct CmdBreak *b = num_arg(c, &arg);
  if (!b) return -1;
  if (strlen(arg) >= sizeof(b->cond))
    return cmd_error(c, "condition too long");
  snprintf(b->cond, sizeof(b->cond), "%s", arg);
  if (!*arg) cmd_printf(c, "Breakpoint %d now unconditional.", b->num);
  return 0;
}

/* ignore N COUNT */
int cmd_do_ignore(struct Cmd *c, const char *arg) {
  struct CmdBreak *b = num_arg(c, &arg);
  if (!b) return -1;
  if (!*arg) return cmd_error(c, "Second argument (specified ignore-count) "
                                 "is missing.");
  uint64_t n;
  char err[160];
  if (cmd_eval(c, arg, &n, err, sizeof(err))) return cmd_error(c, "%s", err);
  b->ignore = (long)n < 0 ? 0 : (long)n;
  if (!b->ignore)
    cmd_printf(c, "Will stop next time breakpoint %d is reached.", b->num);
  else if (b->ignore == 1)
    cmd_printf(c, "Will ignore next crossing of breakpoint %d.", b->num);
  else
    cmd_printf(c, "Will ignore next %ld crossings of breakpoint %d.",
               b->ignore, b->num);
  return 0;
}

/* watch [-l|-location] EXPR. What is watched:
 *   SYMBOL          the symbol's bytes (its ELF size; 8 when it has none)
 *   *ADDR           8 bytes at ADDR
 *   *(TYPE *)ADDR   sizeof(TYPE) bytes: char 1, short 2, int 4, long and
 *   {TYPE}ADDR      any pointer 8
 *   -l EXPR         EXPR's value is the address: `watch -l &p` and
 *                   `watch -l p` watch p (symbols are addresses), 8 bytes
 *                   or the symbol's size. */
static int do_watch(struct Cmd *c, const char *arg, int kind) {
  while (isspace((unsigned char)*arg)) ++arg;
  int loc = 0;
  if (!strncmp(arg, "-location", 9) && (!arg[9] || isspace((unsigned char)arg[9]))) {
    loc = 1;
    arg += 9;
  } else if (!strncmp(arg, "-l", 2) && (!arg[2] || isspace((unsigned char)arg[2]))) {
    loc = 1;
    arg += 2;
  }
  while (isspace((unsigned char)*arg)) ++arg;
  char text[96];
  snprintf(text, sizeof(text), "%s", arg);
  size_t tl = strlen(text);
  while (tl && isspace((unsigned char)text[tl - 1])) text[--tl] = 0;
  if (!*text) return cmd_error(c, "Argument required (expression to compute).");
  const char *p = text;
  uint64_t addr, len = 8;
  char err[160];
  if (*p == '{') {
    int size = cmd_parse_cast(&p, 1);
    if (!size) return cmd_error(c, "A syntax error in expression, near `%s'.", p);
    len = size;
    if (cmd_eval(c, p, &addr, err, sizeof(err))) return cmd_error(c, "%s", err);
  } else if (*p == '*') {
    ++p;
    while (isspace((unsigned char)*p)) ++p;
    const char *q = p;
    int size = *q == '(' ? cmd_parse_cast(&q, 0) : 0;
    if (size) {
      len = size;
      p = q;
    }
    if (cmd_eval(c, p, &addr, err, sizeof(err))) return cmd_error(c, "%s", err);
  } else {
    const char *q = p;
    if (loc && *q == '&') ++q;
    while (isspace((unsigned char)*q)) ++q;
    struct DbgSym s;
    if (c->syms && dbg_lookup_sym(c->syms, q, &s)) {
      addr = s.addr;
      if (s.size) len = s.size;
    } else if (!loc) {
      return cmd_error(c, "Cannot watch constant value `%s'.", text);
    } else if (cmd_eval(c, p, &addr, err, sizeof(err))) {
      return cmd_error(c, "%s", err);
    }
  }
  char shown[96];
  if (loc)
    snprintf(shown, sizeof(shown), "-location %s", text);
  else
    snprintf(shown, sizeof(shown), "%s", text);
  return cmd_break_add(c, kind, addr, len, 0, shown) < 0 ? -1 : 0;
}

int cmd_do_watch(struct Cmd *c, const char *arg) {
  return do_watch(c, arg, CMD_WATCH);
}
int cmd_do_rwatch(struct Cmd *c, const char *arg) {
  return do_watch(c, arg, CMD_RWATCH);
}
int cmd_do_awatch(struct Cmd *c, const char *arg) {
  return do_watch(c, arg, CMD_AWATCH);
}

int cmd_info_breakpoints(struct Cmd *c, int watch_only) {
  int any = 0;
  for (int i = 0; i < c->nbp; ++i) {
    struct CmdBreak *b = &c->bp[i];
    if (watch_only && b->kind == CMD_BREAK) continue;
    if (!any++)
      cmd_printf(c, "Num     Type            Disp Enb Address            What");
    char what[200] = "";
    if (b->kind == CMD_BREAK) {
      uint64_t off = 0;
      const char *s = cmd_symbol(c, b->addr, &off);
      struct DbgLine ln;
      char at[96] = "";
      if (c->syms && dbg_line_at(c->syms, b->addr, &ln) && ln.line) {
        const char *f = strrchr(ln.file, '/');
        snprintf(at, sizeof(at), " at %s:%u", f ? f + 1 : ln.file, ln.line);
      }
      if (s && off)
        snprintf(what, sizeof(what), "<%s+%" PRIu64 ">%s", s, off, at);
      else if (s)
        snprintf(what, sizeof(what), "<%s>%s", s, at);
      cmd_printf(c, "%-7d %-15s %-4s %-3s 0x%016" PRIx64 " %s", b->num,
                 kind_name(b->kind), b->temp ? "del" : "keep",
                 b->enabled ? "y" : "n", b->addr, what);
    } else {
      cmd_printf(c, "%-7d %-15s %-4s %-3s %-18s %s (%" PRIu64
                 " bytes at 0x%" PRIx64 ")",
                 b->num, kind_name(b->kind), "keep", b->enabled ? "y" : "n",
                 "", b->expr, b->len, b->addr);
    }
    if (b->cond[0]) cmd_printf(c, "\tstop only if %s", b->cond);
    if (b->hits)
      cmd_printf(c, "\tbreakpoint already hit %ld time%s", b->hits,
                 b->hits == 1 ? "" : "s");
    if (b->ignore)
      cmd_printf(c, "\tWill ignore next %ld crossings of breakpoint.",
                 b->ignore);
  }
  if (!any)
    cmd_printf(c, watch_only ? "No watchpoints." :
                               "No breakpoints or watchpoints.");
  return 0;
}

/* A condition: 1 true, 0 false, -1 error (reported: gdb stops). */
static int cond_true(struct Cmd *c, struct CmdBreak *b, int report) {
  if (!b->cond[0]) return 1;
  uint64_t v;
  char err[160];
  if (cmd_eval(c, b->cond, &v, err, sizeof(err))) {
    if (report) {
      cmd_error(c, "Error in testing condition for breakpoint %d:", b->num);
      cmd_error(c, "%s", err);
    }
    return -1;
  }
  return v != 0;
}

void cmd_stopped(struct Cmd *c, int stop, int num, const char *fmt, ...) {
  va_list va;
  va_start(va, fmt);
  vsnprintf(c->why, sizeof(c->why), fmt, va);
  va_end(va);
  c->stop = stop;
  c->hit_bp = num;
  cmd_printf(c, "%s", c->why);
}

int cmd_bp_hit(struct Cmd *c, uint64_t pc) {
  struct CmdBreak *stop = NULL;
  for (int i = 0; i < c->nbp; ++i) {
    struct CmdBreak *b = &c->bp[i];
    if (!b->enabled || b->kind != CMD_BREAK || b->addr != pc) continue;
    int t = cond_true(c, b, 1);
    if (!t) continue;
    ++b->hits;
    if (t > 0 && b->ignore > 0) {
      --b->ignore;
      continue;
    }
    if (!stop) stop = b;
  }
  if (!stop) return 0;
  char at[160];
  cmd_addr_text(c, pc, at, sizeof(at));
  int num = stop->num;
  cmd_stopped(c, VM_STOP_BREAK, num, "%s %d, %s", kind_title(stop), num, at);
  if (stop->temp) {
    bp_remove(c, (int)(stop - c->bp));
    cmd_vm_sync(c);
  }
  return 1;
}

int cmd_bp_would_stop(struct Cmd *c, uint64_t pc) {
  for (int i = 0; i < c->nbp; ++i) {
    struct CmdBreak *b = &c->bp[i];
    if (b->enabled && b->kind == CMD_BREAK && b->addr == pc &&
        cond_true(c, b, 0))
      return 1;
  }
  return 0;
}

int cmd_any_watch(struct Cmd *c) {
  for (int i = 0; i < c->nbp; ++i)
    if (c->bp[i].enabled && c->bp[i].kind != CMD_BREAK) return 1;
  return 0;
}

static void value_text(const struct CmdBreak *b, const uint8_t *v, char *buf,
                       size_t size) {
  if (b->len <= 8) {
    uint64_t x = 0;
    for (int i = (int)b->len - 1; i >= 0; --i) x = x << 8 | v[i];
    if (b->len == 8)
      snprintf(buf, size, "0x%" PRIx64, x);
    else {
      int64_t s = (int64_t)(x << (64 - 8 * b->len)) >> (64 - 8 * b->len);
      snprintf(buf, size, "%" PRId64, s);
    }
    return;
  }
  size_t o = snprintf(buf, size, "{");
  for (size_t i = 0; i < watch_bytes(b) && o + 8 < size; ++i)
    o += snprintf(buf + o, size - o, "%s0x%02x", i ? ", " : "", v[i]);
  snprintf(buf + o, size - o, "%s}", b->len > watch_bytes(b) ? "..." : "");
}

/* Reports a watchpoint that triggered: returns 1 to stop. */
static int report_watch(struct Cmd *c, struct CmdBreak *b, int wrote,
                        const char *who) {
  uint8_t now[sizeof(b->old)] = {0};
  vm_peek(c->m, b->addr, now, watch_bytes(b));
  int changed = memcmp(now, b->old, watch_bytes(b)) != 0;
  if (b->kind == CMD_WATCH && !changed) return 0;
  ++b->hits;
  char o[128], n[128];
  value_text(b, b->old, o, sizeof(o));
  value_text(b, now, n, sizeof(n));
  cmd_stopped(c, VM_STOP_WATCH, b->num, "%s%s %d: %s", who, kind_title(b),
              b->num, b->expr);
  if (changed && (wrote || b->kind == CMD_WATCH)) {
    cmd_printf(c, "Old value = %s", o);
    cmd_printf(c, "New value = %s", n);
  } else {
    cmd_printf(c, "Value = %s", n);
  }
  memcpy(b->old, now, sizeof(now));
  return 1;
}

int cmd_watch_report(struct Cmd *c, const struct VmWatchHit *h,
                     const char *who) {
  for (int i = 0; i < c->nbp; ++i)
    if (c->bp[i].enabled && c->bp[i].kind != CMD_BREAK &&
        c->bp[i].vm_id == h->id) {
      if (report_watch(c, &c->bp[i], h->kind == VM_WATCH_WRITE, who)) return 1;
      break;
    }
  for (int i = 0; i < c->nbp; ++i) remember(c, &c->bp[i]);
  return 0;
}

int cmd_watch_check(struct Cmd *c, int vm_stop) {
  if (vm_stop == VM_STOP_WATCH && cmd_vm_has_watches()) {
    struct VmWatchHit h;
    if (vm_watch_hit(c->m, &h)) return 0;
    for (int i = 0; i < c->nbp; ++i)
      if (c->bp[i].enabled && c->bp[i].kind != CMD_BREAK &&
          c->bp[i].vm_id == h.id) {
        if (report_watch(c, &c->bp[i], h.kind == VM_WATCH_WRITE, ""))
          return 1;
        /* An unchanged write (watch stops on changes only) goes on;
         * others' values may have changed though. */
        break;
      }
    for (int i = 0; i < c->nbp; ++i) remember(c, &c->bp[i]);
    return 0;
  }
  if (cmd_vm_has_watches() && !history_replaying(c->m)) return 0;
  /* No VM watchpoints (or replaying the past, where the VM may not
   * report them): compare the bytes after every instruction. */
  for (int i = 0; i < c->nbp; ++i) {
    struct CmdBreak *b = &c->bp[i];
    if (!b->enabled || b->kind == CMD_BREAK) continue;
    uint8_t now[sizeof(b->old)] = {0};
    vm_peek(c->m, b->addr, now, watch_bytes(b));
    if (memcmp(now, b->old, watch_bytes(b)) && report_watch(c, b, 1, ""))
      return 1;
  }
  return 0;
}
