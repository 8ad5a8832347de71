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
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "dbg/dbg.h"
#include "ui/cursesw.h"
#include "ui/ui.h"

enum { KEY_ESC = 27, HISTORY_MAX = 1000, KEY_POLL_MS = 50,
       CHECKPOINT_MS = 200, PROGRESS_MS = 500,
       PC_TICK_MS = 20 };

static const char prompt[] = "(bl) ";
static struct Ui *the_ui;     /* readline's callbacks have no context */
static int pending = -1;      /* the key rl_getc_function returns next */
static int installed;         /* the callback handler is installed */
static char hist_path[4096];  /* "" when there is nowhere to keep it */
static int hist_dirty;        /* lines were added since it was read */

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

/* gdb repeats the last command on an empty ENTER when that command moves
 * through the program or the listing (next, step, x, list...): stepping
 * line after line is one key. After any other command an empty ENTER
 * gives the keys back to the panels. */
static char last_line[256];
static int repeatable(const char *line) {
  static const char *const words[] = {
      "s", "step", "n", "next", "si", "stepi", "ni", "nexti", "c",
      "continue", "fin", "finish", "until", "u", "advance", "x", "l", "list",
      "rs", "rn", "rsi", "rni", "rc", NULL};
  while (*line == ' ') ++line;
  size_t n = strcspn(line, " /");
  if (n > 8 && !strncmp(line, "reverse-", 8)) return 1;
  for (int k = 0; words[k]; ++k)
    if (strlen(words[k]) == n && !strncmp(line, words[k], n)) return 1;
  return 0;
}

static void on_line(char *line) {
  struct Ui *u = the_ui;
  if (line && *line == ':') memmove(line, line + 1, strlen(line)); /* a habit */
  if (!line || !*line) {
    if (line && last_line[0]) { /* ENTER: repeat, as gdb does */
      free(line);
      cmdline_exec(u, last_line);
      return;
    }
    /* ENTER on an empty line (or ctrl-D): back to the panels. */
    free(line);
    leave(u);
    return;
  }
  snprintf(last_line, sizeof(last_line), "%s", repeatable(line) ? line : "");
  add_history(line);
  hist_dirty = 1;
  save_history();
  cmdline_exec(u, line);
  free(line);
}

/* The interpreter completes (cmd_complete: command names, then what
 * each command takes: symbols, info's words, FILE:). */
static int complete_start;
static const char *const ui_words[] = {"view", NULL};
static char *complete_gen(const char *text, int state) {
  static int ours, i;
  if (!state) ours = 0, i = 0;
  if (!ours) {
    char *s = cmd_complete(&the_ui->cmd, rl_line_buffer, complete_start,
                           text, state);
    if (s) return s;
    ours = 1;
  }
  /* Then the UI's own commands, as the first word. */
  for (int k = 0; k < complete_start; ++k)
    if (rl_line_buffer[k] != ' ' && rl_line_buffer[k] != '\t') return NULL;
  while (ui_words[i])
    if (!strncmp(ui_words[i++], text, strlen(text))) return strdup(ui_words[i - 1]);
  return NULL;
}

static char **complete_hook(const char *text, int start, int end) {
  (void)end;
  rl_attempted_completion_over = 1; /* never file names */
  complete_start = start;
  return rl_completion_matches(text, complete_gen);
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
    case KEY_ESC:
      /* Always leaves: a key typed right after ESC is the panels'
       * (readline's alt- bindings are not used here). */
      leave(u);
      return;
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

static char last_error[200]; /* the last error line of a command */

void cmdline_out(void *ctx, int err, const char *line) {
  cmdout_add(ctx, err, line);
  if (err) snprintf(last_error, sizeof(last_error), "%s", line);
}

/* While a command runs (continue may run for long), a thread watches
 * the terminal: any key interrupts the command (cmd_interrupt), as a
 * key stops C. The key itself is then read and dropped. */
struct KeyWatch {
  int fd;
  struct Cmd *c;
  struct Term *term;
  struct Ui *u;
  int forward; /* a forward run: ask the history for checkpoints */
  atomic_int quit, fired;
};

/* Commands that run forward (perhaps for long): while they run, the
 * watcher asks for a history checkpoint every CHECKPOINT_MS, so that
 * going back later re-executes at most that much. Never around seeks
 * (the reverse commands): history.h asks front ends not to. */
static int runs_forward(const char *line) {
  static const char *const words[] = {
      "c", "continue", "fin", "finish", "n", "next", "ni", "nexti", "s",
      "step", "si", "stepi", "until", "u", "advance", NULL};
  while (*line == ' ' || *line == '\t') ++line;
  size_t n = strcspn(line, " \t/");
  for (int i = 0; words[i]; ++i)
    if (strlen(words[i]) == n && !strncmp(words[i], line, n)) return 1;
  return 0;
}

/* While the guest is blocked in a system call, the terminal's wait hook
 * (term-wait.c) reads the keys itself (i types to the guest, any other
 * key stops it before the call); in input mode the keys are the
 * guest's. The watcher then keeps off the terminal. */
static int keys_elsewhere(struct Term *t) {
  return __atomic_load_n(&t->waiting, __ATOMIC_RELAXED) ||
         __atomic_load_n(&t->focus, __ATOMIC_RELAXED);
}

static void *key_watch(void *arg) {
  struct KeyWatch *w = arg;
  struct pollfd p = {w->fd, POLLIN, 0};
  for (unsigned k = 1; !atomic_load(&w->quit); ++k) {
    if (w->u->pc) {
      /* blinkenlights -r: keys are the guest's (the progress callback
       * reads them, pc-run.c); vm_run returns every PC_TICK_MS so that
       * it does, and the screen is redrawn. */
      struct timespec ts = {0, PC_TICK_MS * 1000000L};
      nanosleep(&ts, NULL);
      vm_interrupt(w->u->m);
      continue;
    }
    if (w->forward && k % (CHECKPOINT_MS / KEY_POLL_MS) == 0)
      run_request_checkpoint(w->u);
    /* vm_run returns, the interpreter calls progress(): the status line
     * shows how far the run got. */
    if (w->forward && k % (PROGRESS_MS / KEY_POLL_MS) == 0)
      vm_interrupt(w->u->m);
    if (keys_elsewhere(w->term)) {
      struct timespec ts = {0, KEY_POLL_MS * 1000000L};
      nanosleep(&ts, NULL);
      continue;
    }
    if (poll(&p, 1, KEY_POLL_MS) > 0 && (p.revents & POLLIN) &&
        !keys_elsewhere(w->term)) {
      atomic_store(&w->fired, 1);
      cmd_interrupt(w->c);
      break;
    }
  }
  return NULL;
}

/* The UI's own command, before the interpreter's: `view EXPR` points
 * the user memory panel at an address; `help` without a topic lists it
 * after the interpreter's list. Returns 1 when the line was it (*rc: 0
 * or -1). (`quit` is the interpreter's: it sets Cmd.quit.) */
static int ui_command(struct Ui *u, const char *line, int *rc) {
  while (*line == ' ' || *line == '\t') ++line;
  size_t n = strcspn(line, " \t");
  const char *rest = line + n;
  while (*rest == ' ' || *rest == '\t') ++rest;
  *rc = 0;
  if (n == 4 && !strncmp(line, "view", 4)) {
    char err[200];
    uint64_t a;
    if (!*rest) {
      *rc = cmd_error(&u->cmd, "view EXPR: the address for the user memory panel");
    } else if (cmd_eval(&u->cmd, rest, &a, err, sizeof(err))) {
      *rc = cmd_error(&u->cmd, "%s", err);
    } else {
      mem_user_set(u, a);
      char at[160];
      cmd_addr_text(&u->cmd, a, at, sizeof(at));
      cmd_printf(&u->cmd, "user memory panel at %s%s", at,
                 u->lay.user.h ? "" : " (shown from 140 columns)");
    }
    return 1;
  }
  if (n == 4 && !strncmp(line, "help", 4) && !*rest) {
    *rc = cmd_exec(&u->cmd, "help");
    cmd_printf(&u->cmd, "%-40s %s", "view EXPR", "(the UI) user memory panel at EXPR");
    return 1;
  }
  return 0;
}

/* During a long run: the status line with the instruction count and
 * speed so far (the interpreter calls this on the UI's thread). */
static uint64_t progress_i0;
static double progress_t0;
static double mono(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}
static void progress(void *ctx) {
  struct Ui *u = ctx;
  if (u->pc && u->cmd_ready) pc_ui_progress(u); /* keys to the guest */
  double dt = mono() - progress_t0;
  uint64_t i = vm_icount(u->m);
  if (dt > 0 && i > progress_i0) u->ips = (i - progress_i0) / dt;
  if (!u->cmd_ready) return;
  panel_status(u, u->lay.status);
  refresh();
}

int cmdline_exec(struct Ui *u, const char *line) {
  static struct MemView saved[MV_COUNT];
  char echo[256];
  snprintf(echo, sizeof(echo), "%s%s", prompt, line);
  cmdout_add(u, 0, echo);
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
  u->cmd.out = cmdline_out;
  u->cmd.out_ctx = u;
  u->cmd.progress = progress;
  progress_i0 = ic0;
  progress_t0 = mono();
  u->cmd.exited = u->done;
  last_error[0] = 0;
  struct KeyWatch kw = {u->tty_fd, &u->cmd, &u->term, u, runs_forward(line),
                        0, 0};
  pthread_t th;
  int watching = u->cmd_ready && u->tty_fd > 0 &&
                 !ui_thread_start(&th, key_watch, &kw);
  if (u->cmd_ready) {
    u->mode = "running";
    panel_status(u, u->lay.status);
    refresh();
  }
  int rc;
  u->cmd.moved = u->cmd.hit_bp = 0; /* cmd_exec sets them; ours don't */
  u->cmd.stop = VM_STOP_NONE;
  u->cmd.why[0] = 0;
  if (!ui_command(u, line, &rc)) rc = cmd_exec(&u->cmd, line);
  if (u->cmd.quit) u->quit = 1;
  int by_key = 0;
  if (watching) {
    atomic_store(&kw.quit, 1);
    pthread_join(th, NULL);
    /* The key that stopped it is dropped; a key typed ahead during a
     * command that ended by itself stays for the next one. */
    if (atomic_load(&kw.fired) && u->cmd.stop == VM_STOP_INTERRUPT) {
      by_key = 1;
      timeout(0);
      getch();
      timeout(-1);
    }
  }
  /* Stopped by the wait hook (term-wait.c) before a blocking system
   * call: its message in u->msg says so and stays. */
  int by_hook = u->cmd.stop == VM_STOP_INTERRUPT && !by_key;
  u->cmd.interrupted = 0;
  if (u->mode && !strcmp(u->mode, "running")) u->mode = "stopped";
  vm_regs(u->m, &u->regs);
  vm_fpu(u->m, &u->fpu);
  uint64_t ic1 = vm_icount(u->m);
  int moved = u->cmd.moved || ic1 != ic0 || u->regs.rip != before.rip ||
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
    ui_say(u, 1, "%s", last_error[0] ? last_error : "the command failed");
  else if (moved && u->cmd.hit_bp)
    ui_say(u, 0, "%s", u->cmd.why);
  else if (moved && u->cmd.stop == VM_STOP_SIGNAL_RECEIVED)
    ui_say(u, 1, "%s (going on runs its handler)", u->cmd.why);
  else if (by_key)
    ui_say(u, 0, "stopped");
  else if (by_hook)
    ; /* keep it */
  else if (!moved || !u->done)
    u->msg[0] = 0, u->msg_error = 0;
  if (moved && u->cmd.hit_bp && u->cmd_ready) {
    char text[256];
    bp_hit_text(u, u->cmd.hit_bp, ic1 < ic0, text, sizeof(text));
    ui_modal(u, text);
  }
  return rc;
}
