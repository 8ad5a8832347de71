/* cmdline.c: the command line, GNU readline inside curses.
 *
 * Readline's callback interface does the editing, history and
 * completion; curses keeps the screen. The glue:
 *   - keys: the main loop reads them with getch; while the line has the
 *     focus each one is handed to rl_callback_read_char through
 *     rl_getc_function (curses' KEY_UP & co. become readline's own
 *     functions: previous/next history, cursor motion);
 *   - display: rl_redisplay_function does nothing but remember that the
 *     line changed; cmdline_draw, called last by every screen draw, puts
 *     the prompt and rl_line_buffer in Layout.cmdline with the cursor at
 *     rl_point;
 *   - the terminal: readline never touches it (prep/deprep are no-ops,
 *     no signal or SIGWINCH handlers, no LINES/COLUMNS in the
 *     environment, its streams on /dev/null so the bell, newlines and
 *     escape sequences it writes go nowhere and it never reads the
 *     guest's stdin).
 * ENTER runs the line through cmd_exec on u->cmd (the interpreter batch
 * mode uses); the output goes to the cmdout panel, then the panels
 * redraw where the machine now is. ESC, or ENTER on an empty line,
 * gives the keys back to the panels. The history is kept in
 * $XDG_STATE_HOME/blinkenlights/history (else ~/.local/state/...). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "dbg/dbg.h"
#include "ui/cursesw.h"
#include "ui/ui.h"

enum { KEY_ESC = 27, HISTORY_MAX = 1000, MAX_CMDS = 64 };

static const char prompt[] = "(bl) ";
static struct Ui *the_ui;     /* readline's callbacks have no context */
static int pending = -1;      /* the key rl_getc_function returns next */
static int installed;         /* the callback handler is installed */
static char hist_path[4096];  /* "" when there is nowhere to keep it */
static int hist_dirty;        /* lines were added since it was read */
static char *cmd_names[MAX_CMDS]; /* for completion, from `help` */
static int ncmd_names;

int cmdline_history_path(char *buf, size_t size, int create) {
  const char *xdg = getenv("XDG_STATE_HOME");
  const char *home = getenv("HOME");
  char dir[4096];
  if (xdg && xdg[0] == '/')
    snprintf(dir, sizeof(dir), "%s/blinkenlights", xdg);
  else if (home && home[0] == '/')
    snprintf(dir, sizeof(dir), "%s/.local/state/blinkenlights", home);
  else
    return -1;
  /* mkdir -p: each component; failures show up when the file is
   * written (and are then ignored). */
  for (char *p = dir + 1; create; ++p) {
    if (*p == '/' || !*p) {
      char c = *p;
      *p = 0;
      if (mkdir(dir, 0700) && errno != EEXIST) return -1;
      *p = c;
      if (!c) break;
    }
  }
  if ((size_t)snprintf(buf, size, "%s/history", dir) >= size) return -1;
  return 0;
}

/* ---- readline's hooks ---- */

static int getc_hook(FILE *f) {
  (void)f;
  if (pending >= 0) {
    int c = pending;
    pending = -1;
    return c;
  }
  /* Readline wants one more key within a call (rare in callback mode):
   * wait for it. Curses' special keys other than these mean nothing
   * here. */
  for (;;) {
    timeout(-1);
    int c = getch();
    if (c >= 0 && c < 256) return c;
    if (c == KEY_ENTER) return '\r';
    if (c == KEY_BACKSPACE) return 127;
  }
}

static int input_available_hook(void) { return pending >= 0; }
static void redisplay_hook(void) {}
static void prep_hook(int meta) { (void)meta; }
static void deprep_hook(void) {}

static void leave(struct Ui *u) {
  u->cmd_focus = 0;
  if (installed) {
    rl_replace_line("", 0);
    rl_point = rl_end = 0;
    rl_callback_handler_remove();
    installed = 0;
  }
  curs_set(0);
}

/* Written after each command (a crash or kill loses nothing) and only
 * when something was typed, so merely opening the UI creates no file. */
static void save_history(void) {
  if (!hist_path[0] || !hist_dirty) return;
  hist_dirty = 0;
  char path[sizeof(hist_path)];
  if (cmdline_history_path(path, sizeof(path), 1)) return;
  stifle_history(HISTORY_MAX);
  write_history(hist_path); /* never fatal: a note would only nag */
}

static void on_line(char *line) {
  struct Ui *u = the_ui;
  if (!line || !*line) {
    /* ENTER on an empty line (or ctrl-D): back to the panels. */
    free(line);
    leave(u);
    return;
  }
  add_history(line);
  hist_dirty = 1;
  save_history();
  cmdline_exec(u, line);
  free(line);
}

/* Command names at the start of the line, else symbols. */
static char *command_gen(const char *text, int state) {
  static int i;
  static size_t len;
  if (!state) i = 0, len = strlen(text);
  while (i < ncmd_names)
    if (!strncmp(cmd_names[i++], text, len)) return strdup(cmd_names[i - 1]);
  return NULL;
}

static char *symbol_gen(const char *text, int state) {
  static size_t first, count, i;
  static const char *last;
  struct DbgTable *t = the_ui->dbg;
  if (!t) return NULL;
  if (!state) {
    count = dbg_symbol_prefix(t, text, &first);
    i = 0;
    last = NULL;
  }
  while (i < count) {
    const char *s = dbg_symbol_name(t, first + i++);
    if (!s || (last && !strcmp(s, last))) continue; /* duplicates */
    last = s;
    return strdup(s);
  }
  return NULL;
}

static char **complete_hook(const char *text, int start, int end) {
  (void)end;
  rl_attempted_completion_over = 1; /* never file names */
  int first_word = 1;
  for (int i = 0; i < start; ++i)
    if (rl_line_buffer[i] != ' ' && rl_line_buffer[i] != '\t') first_word = 0;
  return rl_completion_matches(text, first_word ? command_gen : symbol_gen);
}

/* Two TABs with several candidates: list them in the output panel
 * (readline's own listing would write to its stream and ask questions
 * on the terminal). */
static void show_matches_hook(char **matches, int num, int max_len) {
  char line[256];
  size_t n = 0;
  int width = the_ui->lay.cmdout.w > 20 ? the_ui->lay.cmdout.w : 78;
  if (width > (int)sizeof(line) - 1) width = sizeof(line) - 1;
  for (int i = 1; i <= num; ++i) {
    size_t l = strlen(matches[i]);
    if (n && n + l + 2 > (size_t)width) {
      cmdout_add(the_ui, 0, line);
      n = 0;
    }
    n += snprintf(line + n, sizeof(line) - n, "%-*s  ",
                  max_len < width - 2 ? max_len : 0, matches[i]);
    if (n >= sizeof(line)) n = sizeof(line) - 1;
  }
  if (n) cmdout_add(the_ui, 0, line);
}

/* The command names, from the interpreter's own `help` listing (its
 * first word on each line), so the two never disagree. */
static void collect_name(void *ctx, int err, const char *line) {
  (void)ctx;
  if (err || ncmd_names == MAX_CMDS) return;
  size_t n = strcspn(line, " /[\t");
  if (!n) return;
  for (int i = 0; i < ncmd_names; ++i)
    if (strlen(cmd_names[i]) == n && !strncmp(cmd_names[i], line, n)) return;
  cmd_names[ncmd_names++] = strndup(line, n);
}

void cmdline_init(struct Ui *u) {
  if (u->cmd_ready) return;
  u->cmd_ready = 1;
  the_ui = u;
  static FILE *null_in, *null_out;
  if (!null_in) null_in = fopen("/dev/null", "r");
  if (!null_out) null_out = fopen("/dev/null", "w");
  rl_instream = null_in;
  rl_outstream = null_out;
  rl_readline_name = "blinkenlights";
  rl_catch_signals = 0;
  rl_catch_sigwinch = 0;
  rl_change_environment = 0;
  rl_prep_term_function = prep_hook;
  rl_deprep_term_function = deprep_hook;
  rl_getc_function = getc_hook;
  rl_input_available_hook = input_available_hook;
  rl_redisplay_function = redisplay_hook;
  rl_initialize();
  rl_variable_bind("bell-style", "none");
  rl_variable_bind("enable-bracketed-paste", "off");
  rl_attempted_completion_function = complete_hook;
  rl_completion_display_matches_hook = show_matches_hook;
  rl_completer_word_break_characters = (char *)" \t*+/(),=<>&|!";
  using_history();
  stifle_history(HISTORY_MAX);
  if (!cmdline_history_path(hist_path, sizeof(hist_path), 0))
    read_history(hist_path); /* none yet is fine */
  else
    hist_path[0] = 0;
  using_history();
  /* The command names. */
  struct Cmd c = u->cmd;
  c.out = collect_name;
  cmd_exec(&c, "help");
  if (ncmd_names < MAX_CMDS) cmd_names[ncmd_names++] = strdup("x");
}

void cmdline_done(struct Ui *u) {
  leave(u);
  save_history();
}

void cmdline_focus(struct Ui *u) {
  if (!u->lay.cmdline.h) {
    ui_say(u, 1, "no room for the command line (the terminal is too small)");
    return;
  }
  cmdline_init(u);
  u->cmd_focus = 1;
  if (!installed) {
    using_history();
    rl_callback_handler_install(prompt, on_line);
    installed = 1;
  }
}

static void feed(int c) {
  pending = c;
  rl_callback_read_char();
  pending = -1;
}

void cmdline_key(struct Ui *u, int ch) {
  if (!installed) {
    leave(u);
    return;
  }
  switch (ch) {
    case KEY_ESC: {
      /* ESC alone leaves; ESC and a key (alt-b...) is readline's. */
      timeout(0);
      int c2 = getch();
      timeout(-1);
      if (c2 == ERR || c2 >= 256) {
        leave(u);
        return;
      }
      feed(KEY_ESC);
      if (installed) feed(c2);
      return;
    }
    case CTRL('C'):
      leave(u);
      ui_say(u, 0, "command abandoned");
      return;
    case '\n':
    case '\r':
    case KEY_ENTER:
      feed('\r');
      return;
    case KEY_UP:
      rl_get_previous_history(1, 0);
      return;
    case KEY_DOWN:
      rl_get_next_history(1, 0);
      return;
    case KEY_LEFT:
      rl_backward_char(1, 0);
      return;
    case KEY_RIGHT:
      rl_forward_char(1, 0);
      return;
    case KEY_HOME:
      rl_beg_of_line(1, 0);
      return;
    case KEY_END:
      rl_end_of_line(1, 0);
      return;
    case KEY_BACKSPACE:
      feed(127);
      return;
    case KEY_DC:
      rl_delete(1, 0);
      return;
    default:
      if (ch >= 0 && ch < 256) feed(ch);
      return;
  }
}

void cmdline_draw(struct Ui *u) {
  struct Rect r = u->lay.cmdline;
  if (!r.h || u->lay.too_small) return;
  mvhline(r.y, r.x, ' ', r.w);
  if (!u->cmd_focus || !installed) {
    draw_text(r.y, r.x, r.w, ": command line (help lists the commands)",
              A_DIM);
    curs_set(0);
    return;
  }
  const char *p = rl_display_prompt ? rl_display_prompt : prompt;
  int plen = (int)strlen(p);
  int room = r.w - plen - 1;
  if (room < 4) room = 4;
  /* Scroll the line sideways so that the cursor stays visible. */
  int from = rl_point > room ? rl_point - room : 0;
  int col = draw_text(r.y, r.x, r.w, p, A_BOLD);
  if (rl_line_buffer && col < r.w)
    draw_text(r.y, r.x + col, r.w - col, rl_line_buffer + from, 0);
  int cx = col + rl_point - from;
  if (cx >= r.w) cx = r.w - 1;
  curs_set(1);
  move(r.y, r.x + cx);
}

/* ---- running a command ---- */

struct Capture {
  struct Ui *u;
  char hit[200]; /* the first "Breakpoint N, ..." kind of line */
  char err[200]; /* the last error */
};

static int is_hit_line(const char *s) {
  const char *p = s;
  if (!strncmp(p, "Temporary ", 10)) p += 10;
  if (!strncmp(p, "Hardware ", 9)) p += 9;
  if (!strncmp(p, "read ", 5)) p += 5;
  else if (!strncmp(p, "access ", 7)) p += 7;
  else if (!strncmp(p, "acc ", 4)) p += 4;
  if (strncmp(p, "Breakpoint ", 11) && strncmp(p, "breakpoint ", 11) &&
      strncmp(p, "watchpoint ", 11) && strncmp(p, "Watchpoint ", 11))
    return 0;
  p += 11;
  if (*p < '0' || *p > '9') return 0;
  while (*p >= '0' && *p <= '9') ++p;
  return *p == ',' || *p == ':';
}

static void capture_out(void *ctx, int err, const char *line) {
  struct Capture *cap = ctx;
  cmdout_add(cap->u, err, line);
  if (err) snprintf(cap->err, sizeof(cap->err), "%s", line);
  else if (!cap->hit[0] && is_hit_line(line))
    snprintf(cap->hit, sizeof(cap->hit), "%s", line);
}

int cmdline_exec(struct Ui *u, const char *line) {
  static struct MemView saved[MV_COUNT];
  char echo[256];
  snprintf(echo, sizeof(echo), "%s%s", prompt, line);
  cmdout_add(u, 0, echo);
  struct Capture cap = {u, "", ""};
  struct VmRegs prev = u->prev, before;
  struct VmFpu prev_fpu = u->prev_fpu;
  memcpy(saved, u->mv, sizeof(saved));
  vm_regs(u->m, &before);
  uint64_t ic0 = vm_icount(u->m);
  int had_prev = u->have_prev;
  if (u->cmd_ready) mem_snapshot(u);
  u->prev = u->regs;
  u->prev_fpu = u->fpu;
  u->have_prev = 1;
  u->cmd.m = u->m;
  u->cmd.syms = u->dbg;
  u->cmd.out = capture_out;
  u->cmd.out_ctx = &cap;
  u->cmd.exited = u->done;
  int rc = cmd_exec(&u->cmd, line);
  vm_regs(u->m, &u->regs);
  vm_fpu(u->m, &u->fpu);
  int moved = vm_icount(u->m) != ic0 || u->regs.rip != before.rip ||
              memcmp(u->regs.r, before.r, sizeof(before.r));
  if (!moved) {
    /* info, print, break...: the highlights of the last step stay. */
    u->prev = prev;
    u->prev_fpu = prev_fpu;
    u->have_prev = had_prev;
    memcpy(u->mv, saved, sizeof(saved));
  } else {
    run_command_moved(u);
  }
  if (rc)
    ui_say(u, 1, "%s", cap.err[0] ? cap.err : "the command failed");
  else if (!moved)
    u->msg[0] = 0, u->msg_error = 0;
  if (moved && cap.hit[0] && u->cmd_ready) ui_modal(u, cap.hit);
  return rc;
}
