/* kbd.c: the 8042 keyboard controller at 60h/64h and the keyboard behind
 * it (see dev.h).
 *
 * The controller as the IBM PC/AT technical reference and the PS/2
 * controller documentation describe it: a status register, the command
 * byte (20h/60h), self tests, the input and output ports (A20 and the
 * reset line), keyboard enable/disable, and the pulse commands F0h-FFh.
 * Bytes written to 60h without a controller command waiting for data go
 * to the keyboard, which answers as an MF2 keyboard does (FAh ack, AAh
 * after reset, ABh 83h identify...). Keys from the terminal become scan
 * code set 1 (what the controller's translation delivers), shift or ctrl
 * make and break codes around them when needed (alt too for PCK_ALT),
 * E0h before grey keys.
 *
 * Pacing: a key's bytes go out one at a time, the next one after the
 * output buffer was read; a new key starts only when the BIOS keyboard
 * buffer (BDA 40:1A head, 40:1C tail) holds fewer than 8 keys, so a
 * pasted line or a keys file never overflows its 16 slots. A program
 * with its own IRQ1 handler leaves that buffer empty and gets keys as
 * fast as it reads them. */
#include <stdint.h>
#include <string.h>

#include "pc/dev.h"

#define RESP_MAX 8
#define KEYS_MAX 1024 /* bytes of scan codes waiting */
#define POLL_NS 1000000 /* re-check the BIOS buffer every millisecond */

enum {
  ST_OBF = 0x01,
  ST_IBF = 0x02,
  ST_SYS = 0x04,
  ST_CMD = 0x08,
  ST_UNLOCKED = 0x10, /* the keyboard inhibit switch is off */
  ST_AUX = 0x20,
  ST_TIMEOUT = 0x40,
};

enum { CB_IRQ1 = 0x01, CB_SYS = 0x04, CB_KBD_OFF = 0x10, CB_AUX_OFF = 0x20,
       CB_XLAT = 0x40 };

struct Kbd {
  struct Pc *pc;
  uint8_t status, config, out;
  uint8_t a20;
  int line;           /* IRQ1 as last driven */
  uint8_t want;       /* controller command waiting for its data byte */
  uint8_t dev_want;   /* keyboard command waiting for its parameter */
  uint8_t scanning;   /* the keyboard sends keys (F4h/F5h) */
  uint8_t set;        /* scan code set the guest asked for (F0h) */
  uint8_t leds, typematic, last;
  uint8_t resp[RESP_MAX];
  int nresp;
  uint8_t keys[KEYS_MAX]; /* whole key events, ends marked in `ends` */
  uint8_t ends[KEYS_MAX];
  int khead, kcount;
  int in_event;       /* the bytes of a started key event are going out */
};

static void update_irq(struct Kbd *k) {
  int level = (k->status & ST_OBF) && (k->config & CB_IRQ1);
  if (level == k->line) return;
  k->line = level;
  pc_irq(k->pc, 1, level);
}

static void put_out(struct Kbd *k, uint8_t b) {
  k->out = b;
  k->status |= ST_OBF;
  update_irq(k);
}

/* Whether the BIOS's type-ahead buffer has room for another key: head
 * and tail at 40:1A/40:1C, the buffer's bounds at 40:80/40:82 (41Eh-
 * 43Dh unless a program moved it). */
static int bios_room(struct Kbd *k) {
  uint8_t *bda = pc_ram(k->pc, 0x41a, 0x84 - 0x1a);
  unsigned head, tail, start, end, used;
  if (!bda) return 1;
  head = bda[0] | bda[1] << 8;
  tail = bda[2] | bda[3] << 8;
  start = bda[0x80 - 0x1a] | bda[0x81 - 0x1a] << 8;
  end = bda[0x82 - 0x1a] | bda[0x83 - 0x1a] << 8;
  if (start >= end || end - start < 4) start = 0x1e, end = 0x3e;
  if (head < start || head >= end || tail < start || tail >= end) return 1;
  used = (tail + (end - start) - head) % (end - start) / 2;
  return used < 8;
}

/* Fills the empty output buffer: controller and keyboard answers first,
 * then the next scan code byte. Returns whether keys wait. */
static int refill(struct Kbd *k) {
  if (k->status & ST_OBF) return k->kcount > 0;
  if (k->nresp) {
    put_out(k, k->resp[0]);
    memmove(k->resp, k->resp + 1, --k->nresp);
    return k->kcount > 0;
  }
  if (!k->kcount) return 0;
  if (k->config & CB_KBD_OFF) return 1;
  if (!k->in_event && !bios_room(k)) return 1;
  {
    uint8_t b = k->keys[k->khead];
    k->in_event = !k->ends[k->khead];
    k->khead = (k->khead + 1) % KEYS_MAX;
    --k->kcount;
    put_out(k, b);
  }
  return k->kcount > 0;
}

static uint64_t kbd_service(void *dev, uint64_t now) {
  struct Kbd *k = dev;
  if (!refill(k)) return UINT64_MAX;
  return now + POLL_NS;
}

static void respond(struct Kbd *k, uint8_t b) {
  if (k->nresp < RESP_MAX) k->resp[k->nresp++] = b;
  refill(k);
}

static void from_keyboard(struct Kbd *k, uint8_t b) {
  k->last = b;
  respond(k, b);
}

static void keyboard_reset(struct Kbd *k) {
  k->scanning = 1;
  k->set = 2;
  k->leds = 0;
  k->typematic = 0x2b; /* 10.9 characters a second after 500 ms */
  k->dev_want = 0;
  k->kcount = 0;
  k->in_event = 0;
}

/* A byte for the keyboard itself. */
static void keyboard_write(struct Kbd *k, uint8_t v) {
  if (k->dev_want) {
    uint8_t cmd = k->dev_want;
    k->dev_want = 0;
    switch (cmd) {
      case 0xed:
        k->leds = v & 7;
        from_keyboard(k, 0xfa);
        return;
      case 0xf3:
        k->typematic = v & 0x7f;
        from_keyboard(k, 0xfa);
        return;
      case 0xf0:
        if (v > 3) {
          from_keyboard(k, 0xfe);
          return;
        }
        from_keyboard(k, 0xfa);
        if (v == 0) {
          from_keyboard(k, k->set);
        } else {
          k->set = v;
        }
        return;
      default:
        break;
    }
  }
  switch (v) {
    case 0xed: /* set LEDs */
    case 0xf3: /* typematic rate and delay */
    case 0xf0: /* scan code set */
      k->dev_want = v;
      from_keyboard(k, 0xfa);
      break;
    case 0xee: /* echo */
      from_keyboard(k, 0xee);
      break;
    case 0xf2: /* identify: an MF2 keyboard */
      from_keyboard(k, 0xfa);
      from_keyboard(k, 0xab);
      from_keyboard(k, 0x83);
      break;
    case 0xf4: /* enable scanning */
      k->scanning = 1;
      from_keyboard(k, 0xfa);
      break;
    case 0xf5: /* disable scanning and restore defaults */
      keyboard_reset(k);
      k->scanning = 0;
      from_keyboard(k, 0xfa);
      break;
    case 0xf6: /* restore defaults */
      keyboard_reset(k);
      from_keyboard(k, 0xfa);
      break;
    case 0xfe: /* resend */
      respond(k, k->last);
      break;
    case 0xff: /* reset and self test */
      keyboard_reset(k);
      from_keyboard(k, 0xfa);
      from_keyboard(k, 0xaa);
      break;
    case 0xf7: case 0xf8: case 0xf9: case 0xfa:
    case 0xfb: case 0xfc: case 0xfd: /* set 3 key types: acknowledged */
      from_keyboard(k, 0xfa);
      break;
    default:
      from_keyboard(k, 0xfe);
      break;
  }
}

static uint8_t output_port(struct Kbd *k) {
  /* bit 0 reset line (high: running), 1 A20, 4 output buffer full,
   * 6 and 7 the keyboard clock and data lines (idle high) */
  return (uint8_t)(0xc1 | k->a20 << 1 | (k->status & ST_OBF) << 4);
}

static void write_output_port(struct Kbd *k, uint8_t v) {
  k->a20 = (v >> 1) & 1;
  pc_set_a20(k->pc, k->a20);
  if (!(v & 1)) pc_reset(k->pc);
}

static void command(struct Kbd *k, uint8_t c) {
  switch (c) {
    case 0x20: /* read the command byte */
      respond(k, k->config);
      break;
    case 0x60: /* write the command byte */
    case 0xd1: /* write the output port */
    case 0xd2: /* write the keyboard output buffer */
    case 0xd3: /* write the aux output buffer */
    case 0xd4: /* write to the aux device */
      k->want = c;
      break;
    case 0xa7: /* disable the aux port */
      k->config |= CB_AUX_OFF;
      break;
    case 0xa8: /* enable the aux port */
      k->config &= ~CB_AUX_OFF;
      break;
    case 0xa9: /* aux interface test: 01h, clock line stuck low (there
                * is no mouse port) */
      respond(k, 0x01);
      break;
    case 0xaa: /* controller self test */
      k->status |= ST_SYS;
      k->config |= CB_SYS;
      respond(k, 0x55);
      break;
    case 0xab: /* keyboard interface test: no error */
      respond(k, 0x00);
      break;
    case 0xad: /* disable the keyboard */
      k->config |= CB_KBD_OFF;
      break;
    case 0xae: /* enable the keyboard */
      k->config &= ~CB_KBD_OFF;
      refill(k);
      break;
    case 0xc0: /* read the input port: not inhibited, colour display,
                * no manufacturing jumper, 640 KiB on the board */
      respond(k, 0xb0);
      break;
    case 0xd0: /* read the output port */
      respond(k, output_port(k));
      break;
    case 0xdd: /* A20 off, on (HP Vectra style) */
    case 0xdf:
      k->a20 = c == 0xdf;
      pc_set_a20(k->pc, k->a20);
      break;
    default:
      /* F0h-FFh pulse the output port lines whose bit is 0 in the low
       * nibble; bit 0 is the CPU reset line (FEh resets). */
      if (c >= 0xf0 && !(c & 1)) pc_reset(k->pc);
      break;
  }
}

static uint32_t kbd_in(void *dev, uint16_t port, unsigned size) {
  struct Kbd *k = dev;
  uint8_t b;
  (void)size; /* 60h and 64h are single ports: the bus splits wider ones */
  if (port == 0x64) return k->status;
  b = k->out;
  k->status &= ~ST_OBF;
  update_irq(k);
  /* The next byte comes at the next service, not at once: handlers that
   * read port 60h twice see the same byte, as on a real controller. */
  if (k->nresp || k->kcount) pc_timer(k->pc, kbd_service, k);
  return b;
}

static void kbd_out(void *dev, uint16_t port, unsigned size, uint32_t v) {
  struct Kbd *k = dev;
  uint8_t want;
  (void)size;
  if (port == 0x64) {
    k->status |= ST_CMD;
    k->want = 0;
    command(k, (uint8_t)v);
    return;
  }
  k->status &= ~ST_CMD;
  want = k->want;
  k->want = 0;
  switch (want) {
    case 0x60:
      k->config = (uint8_t)v & 0x7f;
      k->status = (uint8_t)((k->status & ~ST_SYS) | (v & CB_SYS));
      update_irq(k);
      refill(k);
      break;
    case 0xd1:
      write_output_port(k, (uint8_t)v);
      break;
    case 0xd2:
      respond(k, (uint8_t)v);
      break;
    case 0xd3: /* no aux device: dropped */
      break;
    case 0xd4:
      k->status |= ST_TIMEOUT; /* nothing answers on the aux port */
      break;
    default:
      k->status &= ~ST_TIMEOUT;
      keyboard_write(k, (uint8_t)v);
      break;
  }
}

/* Scan code set 1 make codes by ASCII (unshifted, shifted). */
static const char kUnshifted[] = "\0\0331234567890-=\b\tqwertyuiop[]\r\0"
                                 "asdfghjkl;'`\0\\zxcvbnm,./";
static const char kShifted[] = "\0\0!@#$%^&*()_+\0\0QWERTYUIOP{}\0\0"
                               "ASDFGHJKL:\"~\0|ZXCVBNM<>?";

static void push(struct Kbd *k, const uint8_t *b, int n) {
  int i;
  if (k->kcount + n > KEYS_MAX) return; /* typed far ahead: dropped */
  for (i = 0; i < n; ++i) {
    int at = (k->khead + k->kcount) % KEYS_MAX;
    k->keys[at] = b[i];
    k->ends[at] = i == n - 1;
    ++k->kcount;
  }
}

void kbd_key(struct Kbd *k, int key) {
  uint8_t b[10];
  int n = 0, code = 0, mod = 0, grey = 0, alt = key & PCK_ALT;
  const char *p;
  if (!k->scanning) return;
  key &= ~PCK_ALT;
  if (key >= PCK_UP && key <= PCK_DEL) {
    static const uint8_t kGrey[] = {0x48, 0x50, 0x4b, 0x4d, 0x47,
                                    0x4f, 0x49, 0x51, 0x52, 0x53};
    code = kGrey[key - PCK_UP];
    grey = 1;
  } else if (key >= PCK_F1 && key < PCK_F1 + 12) {
    int f = key - PCK_F1;
    code = f < 10 ? 0x3b + f : 0x57 + (f - 10);
  } else if (key == '\n' || key == '\r') {
    code = 0x1c;
  } else if (key == 8 || key == 127) {
    code = 0x0e;
  } else if (key == ' ') {
    code = 0x39;
  } else if (key > 0 && key < 128 &&
             (p = memchr(kUnshifted + 1, key, sizeof(kUnshifted) - 2))) {
    code = (int)(p - kUnshifted);
  } else if (key > 0 && key < 128 &&
             (p = memchr(kShifted + 1, key, sizeof(kShifted) - 2))) {
    code = (int)(p - kShifted);
    mod = 0x2a; /* left shift */
  } else if (key > 0 && key < 32) {
    /* ctrl+letter (1-26) and ctrl+\ ] ^ _ (28-31) */
    int c = key < 27 ? 'a' + key - 1 : "\\]6-"[key - 28];
    code = (int)((const char *)memchr(kUnshifted + 1, c,
                                      sizeof(kUnshifted) - 2) - kUnshifted);
    mod = 0x1d; /* left ctrl */
  } else {
    return;
  }
  if (alt) b[n++] = 0x38; /* left alt */
  if (mod) b[n++] = (uint8_t)mod;
  if (grey) b[n++] = 0xe0;
  b[n++] = (uint8_t)code;
  if (grey) b[n++] = 0xe0;
  b[n++] = (uint8_t)(code | 0x80);
  if (mod) b[n++] = (uint8_t)(mod | 0x80);
  if (alt) b[n++] = 0xb8;
  push(k, b, n);
  if (refill(k)) pc_timer(k->pc, kbd_service, k);
}

int kbd_idle(struct Kbd *k) {
  return !(k->status & ST_OBF) && !k->nresp && !k->kcount;
}

struct Kbd *kbd_new(struct Pc *pc) {
  struct Kbd *k = pc_alloc(pc, sizeof(*k));
  k->pc = pc;
  k->status = ST_UNLOCKED;
  k->config = CB_IRQ1 | CB_XLAT;
  k->a20 = 1;
  keyboard_reset(k);
  pc_ports(pc, 0x60, 0x60, kbd_in, kbd_out, k);
  pc_ports(pc, 0x64, 0x64, kbd_in, kbd_out, k);
  pc_timer(pc, kbd_service, k);
  return k;
}
