/* cmd-complete.c: completion candidates for the UI's readline line.
 *
 * cmd_complete is a readline generator (see cmd.h): state 0 computes
 * what kind of word is being completed, later calls walk the matches.
 * The walk's position lives in struct CompleteState below (one
 * completion runs at a time: readline is not reentrant either). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "dbg/dbg.h"

enum { K_NONE, K_CMD, K_INFO, K_SYM, K_SYM_FILE };

static struct {
  int kind;
  size_t i;             /* next index in the current list */
  size_t first, count;  /* symbols: dbg_symbol_prefix's range */
  int files_done;       /* K_SYM_FILE: files first, then symbols */
  size_t row;           /* next DWARF row to look at for files */
  char last_file[512];  /* the previous file offered (rows repeat) */
  char prefix[256];     /* what the word starts with ('*' / '&' removed) */
  char lead[4];         /* the removed '*' or '&', put back */
} st;

static const char *const info_words[] = {
    "registers", "all-registers", "breakpoints", "watchpoints", "frame",
    "symbol",    "line",          "source"};

static char *dup2s(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  char *s = malloc(la + lb + 1);
  if (!s) return NULL;
  memcpy(s, a, la);
  memcpy(s + la, b, lb + 1);
  return s;
}

/* Which command words take what argument. */
static int arg_kind(const char *w, size_t n, const char *rest) {
  static const char *const sym_cmds[] = {
      "break", "b",           "tbreak", "tb",     "until",  "u",
      "advance", "watch",     "rwatch", "awatch", "disassemble",
      "disas", "print",       "p",      "x",      "set",    "condition"};
  static const char *const file_cmds[] = {"break", "b", "tbreak", "tb",
                                          "list", "l"};
  for (size_t i = 0; i < sizeof(file_cmds) / sizeof(*file_cmds); ++i)
    if (strlen(file_cmds[i]) == n && !strncmp(file_cmds[i], w, n))
      return K_SYM_FILE;
  for (size_t i = 0; i < sizeof(sym_cmds) / sizeof(*sym_cmds); ++i)
    if (strlen(sym_cmds[i]) == n && !strncmp(sym_cmds[i], w, n))
      return K_SYM;
  if ((n == 4 && !strncmp(w, "info", 4)) || (n == 1 && *w == 'i')) {
    /* info WORD, then info symbol/line ARG */
    while (isspace((unsigned char)*rest)) ++rest;
    size_t m = strcspn(rest, " \t");
    if (!rest[m]) return K_INFO;
    if (m >= 2 && (!strncmp(rest, "symbol", m) || !strncmp(rest, "line", m)))
      return K_SYM;
    return K_NONE;
  }
  return K_NONE;
}

char *cmd_complete(struct Cmd *c, const char *line, int start,
                   const char *text, int state) {
  if (!state) {
    memset(&st, 0, sizeof(st));
    const char *p = line;
    while (isspace((unsigned char)*p)) ++p;
    if (p - line >= start) {
      st.kind = K_CMD;
    } else {
      size_t n = 0;
      while (p[n] && !isspace((unsigned char)p[n]) && p[n] != '/') ++n;
      const char *rest = p + n;
      while (*rest && !isspace((unsigned char)*rest)) ++rest; /* /FMT */
      st.kind = arg_kind(p, n, rest);
      /* The words of `info` are completed after "info " only. */
      if (st.kind == K_INFO) {
        const char *q = rest;
        while (isspace((unsigned char)*q)) ++q;
        if (q - line != start) st.kind = K_NONE;
      }
    }
    const char *t = text;
    while (*t == '*' || *t == '&' || *t == '(') {
      size_t l = strlen(st.lead);
      if (l + 1 < sizeof(st.lead)) st.lead[l] = *t;
      ++t;
      if (st.kind == K_NONE || st.kind == K_CMD) st.kind = K_NONE;
      else st.kind = K_SYM; /* *ADDR: no files */
    }
    strncpy(st.prefix, t, sizeof(st.prefix) - 1);
    if ((st.kind == K_SYM || st.kind == K_SYM_FILE) && c->syms)
      st.count = dbg_symbol_prefix(c->syms, st.prefix, &st.first);
    if (st.kind != K_SYM_FILE || !c->syms || !dbg_has_lines(c->syms))
      st.files_done = 1;
  }
  size_t pl = strlen(st.prefix);
  switch (st.kind) {
    case K_CMD:
      while (st.i < (size_t)cmd_ndefs) {
        const struct CmdDef *d = &cmd_defs[st.i++];
        if (!strncmp(d->name, text, strlen(text))) return dup2s(d->name, "");
      }
      return NULL;
    case K_INFO:
      while (st.i < sizeof(info_words) / sizeof(*info_words)) {
        const char *w = info_words[st.i++];
        if (!strncmp(w, text, strlen(text))) return dup2s(w, "");
      }
      return NULL;
    case K_SYM:
    case K_SYM_FILE:
      if (!c->syms) return NULL;
      /* Source files as "NAME:" (the name without its directory). */
      while (!st.files_done) {
        if (st.row >= dbg_row_count(c->syms)) {
          st.files_done = 1;
          break;
        }
        struct DbgRow r;
        if (!dbg_row(c->syms, st.row++, &r) || !r.file) continue;
        const char *b = strrchr(r.file, '/');
        b = b ? b + 1 : r.file;
        if (!strcmp(b, st.last_file) || strncmp(b, st.prefix, pl)) continue;
        /* Rows of one file come together; a file named twice apart is
         * offered twice (readline removes duplicates). */
        strncpy(st.last_file, b, sizeof(st.last_file) - 1);
        return dup2s(b, ":");
      }
      while (st.i < st.count) {
        const char *s = dbg_symbol_name(c->syms, st.first + st.i++);
        /* Duplicates are next to each other (name order). */
        if (st.i >= 2 &&
            !strcmp(s, dbg_symbol_name(c->syms, st.first + st.i - 2)))
          continue;
        return dup2s(st.lead, s);
      }
      return NULL;
    default:
      return NULL;
  }
}

/* gdb's `complete LINE`: every completion of LINE's last word, as whole
 * lines (sorted by the tables' order: commands, files, then symbols). */
int cmd_do_complete(struct Cmd *c, const char *arg) {
  if (*arg == ' ') ++arg;
  size_t n = strlen(arg);
  int start = (int)n;
  while (start > 0 && !isspace((unsigned char)arg[start - 1])) --start;
  char *s;
  int shown = 0;
  for (int state = 0; (s = cmd_complete(c, arg, start, arg + start, state));
       ++state) {
    if (shown++ < 200) cmd_printf(c, "%.*s%s", start, arg, s);
    free(s);
  }
  if (shown > 200) cmd_printf(c, "(%d more)", shown - 200);
  return 0;
}
