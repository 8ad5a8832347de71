/* pc-keys.c: keys for the guest: typed ahead into a queue (pc_key, or
 * headless blink's stdin with its terminal escape sequences), fed to the
 * keyboard controller as fast as the guest takes them.
 *
 * A person types slowly; a pipe delivers a whole script at once, and a
 * PC's BIOS keeps only 15 keys (its buffer at 40:1E). So a key goes to
 * the 8042 only when the controller has sent everything of the last one
 * (kbd_idle: its make and break codes went through the IRQ1 handler),
 * the BIOS buffer is empty (the guest took the key; a program with its
 * own INT 9 leaves it empty anyway) and a couple of milliseconds have
 * passed. Keys typed during POST wait for the BIOS to set its buffer up. */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "pc/dev.h"
#include "pc/pc-private.h"

#define KEY_GAP_NS 2000000u      /* 2 ms between keys */
#define STDIN_POLL_NS 1000000u   /* look at stdin at most every 1 ms */
#define ESC_ALONE_NS 50000000u   /* a lone ESC after 50 ms is the Esc key */

void pc_key(struct Pc *pc, int key) {
  if (key <= 0) return;
  if (pc->key_tail - pc->key_head == PC_KEYQ) {
    blog_once("pc keyq", "pc: too many keys typed ahead; some are lost");
    return;
  }
  pc->keyq[pc->key_tail++ % PC_KEYQ] = key;
}

/* Whether the BIOS keyboard buffer (head 40:1A, tail 40:1C) is set up
 * (POST has not finished with the keyboard before) and empty. */
static int bios_buffer_empty(struct Pc *pc) {
  const uint8_t *b = pc_ram(pc, 0x41A, 4);
  return b && (b[0] || b[1]) && b[0] == b[2] && b[1] == b[3];
}

/* The xterm/VT220 sequences after ESC [ (CSI) or ESC O (SS3). A
 * modifier parameter (ESC [ 1 ; 5 A is ctrl+Up) is dropped: the key
 * comes without it. */
static int csi_key(const unsigned char *s, int n) {
  int fin = s[n - 1];
  if (s[0] == 'O' || n == 2 || (n == 3 && s[1] == '1') ||
      (n > 3 && s[1] == '1' && s[2] == ';')) {
    switch (fin) {
      case 'A': return PCK_UP;
      case 'B': return PCK_DOWN;
      case 'C': return PCK_RIGHT;
      case 'D': return PCK_LEFT;
      case 'H': return PCK_HOME;
      case 'F': return PCK_END;
      case 'P': return PCK_F1;
      case 'Q': return PCK_F1 + 1;
      case 'R': return PCK_F1 + 2;
      case 'S': return PCK_F1 + 3;
    }
  }
  if (s[0] == '[' && n == 3 && s[1] == '[' && fin >= 'A' && fin <= 'E')
    return PCK_F1 + (fin - 'A'); /* the Linux console's F1-F5 */
  if (s[0] == '[' && fin == '~') {
    int num = 0;
    for (int k = 1; k < n - 1 && s[k] >= '0' && s[k] <= '9'; ++k)
      num = num * 10 + (s[k] - '0');
    switch (num) {
      case 1: case 7: return PCK_HOME;
      case 2: return PCK_INS;
      case 3: return PCK_DEL;
      case 4: case 8: return PCK_END;
      case 5: return PCK_PGUP;
      case 6: return PCK_PGDN;
      case 11: case 12: case 13: case 14: case 15:
        return PCK_F1 + (num - 11);
      case 17: case 18: case 19: case 20: case 21:
        return PCK_F1 + 5 + (num - 17);
      case 23: case 24:
        return PCK_F1 + 10 + (num - 23);
    }
  }
  return 0;
}

/* One byte from the terminal. */
static void input_byte(struct Pc *pc, unsigned char c, uint64_t now) {
  if (pc->nesc) {
    if (pc->nesc == 1) {
      if (c == '[' || c == 'O') {
        pc->esc[0] = c;
        pc->nesc = 2;
        return;
      }
      pc->nesc = 0;
      /* A terminal sends ESC and a character together for Alt and that
       * key ("meta sends escape"); a person's Esc and then a key come
       * apart, after the lone ESC's 50 ms. From a pipe or a file they
       * are what they say: the Esc key, then that. */
      if (pc->stdin_tty && c >= 0x20 && c < 0x7f) {
        pc_key(pc, PCK_ALT | c);
        return;
      }
      pc_key(pc, 27);
    } else {
      pc->esc[pc->nesc - 1] = c;
      int n = pc->nesc;
      /* A final byte (40h-7Eh) ends a sequence, except the second '['
       * of the Linux console's F-keys; SS3 sequences have one byte. */
      int final = (c >= 0x40 && c <= 0x7e && !(n == 2 && c == '[')) ||
                  pc->esc[0] == 'O';
      if (final || n == (int)sizeof(pc->esc)) {
        int k = final ? csi_key(pc->esc, n) : 0;
        if (k) pc_key(pc, k);
        else blog("pc: unknown terminal key sequence ESC %.*s", n, pc->esc);
        pc->nesc = 0;
      } else {
        pc->nesc++;
      }
      return;
    }
  }
  if (c == 27) {
    pc->nesc = 1;
    pc->esc_time = now;
  } else if (c == '\n' || c == '\r') {
    pc_key(pc, '\r');
  } else if (c && c < 128) {
    pc_key(pc, c);
  } else if (c >= 128) {
    blog_once("pc non-ascii", "pc: non-ASCII bytes from stdin are not keys");
  }
}

/* Reads what stdin has now (never blocks); 0 at its end, -1 on an
 * error, else 1. */
int pc_keys_read_stdin(struct Pc *pc, uint64_t now) {
  if (pc->stdin_fd < 0) return 0;
  pc->stdin_polled = now;
  /* Leave bytes in the pipe while the queue is nearly full. */
  if (pc->key_tail - pc->key_head > PC_KEYQ - 256) return 1;
  struct pollfd p = {.fd = pc->stdin_fd, .events = POLLIN};
  if (poll(&p, 1, 0) <= 0 || !(p.revents & (POLLIN | POLLHUP | POLLERR)))
    return 1;
  unsigned char buf[256];
  ssize_t n = read(pc->stdin_fd, buf, sizeof(buf));
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return 1;
  if (n <= 0) {
    /* The end of the keys; the machine runs on. */
    if (n < 0) blog("pc: stdin: %s", strerror(errno));
    pc->stdin_fd = -1;
    if (pc->nesc == 1) pc_key(pc, 27);
    pc->nesc = 0;
    return n < 0 ? -1 : 0;
  }
  for (ssize_t k = 0; k < n; ++k) input_byte(pc, buf[k], now);
  return 1;
}

void pc_keys_feed(struct Pc *pc, uint64_t now) {
  if (pc->stdin_fd >= 0 && now - pc->stdin_polled >= STDIN_POLL_NS)
    pc_keys_read_stdin(pc, now);
  if (pc->nesc == 1 && now - pc->esc_time >= ESC_ALONE_NS) {
    pc->nesc = 0;
    pc_key(pc, 27);
  }
  if (pc->key_head != pc->key_tail && pc->kbd && kbd_idle(pc->kbd) &&
      now - pc->key_last >= KEY_GAP_NS && bios_buffer_empty(pc)) {
    kbd_key(pc->kbd, pc->keyq[pc->key_head++ % PC_KEYQ]);
    pc->key_last = now;
  }
}
