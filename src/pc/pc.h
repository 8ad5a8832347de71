/* pc.h: the PC around the CPU, for blink -r and blinkenlights -r.
 *
 * RAM and the BIOS ROM in guest-physical memory, the I/O port bus, the
 * interrupt lines into the 8259 pair, a clock, the boot disk, and the
 * devices (one file each in src/pc). The CPU is a bare struct Machine
 * (machine.h: bare, port_in/port_out, irq_pending/irq_ack, slice). */
#ifndef BLINK_PC_PC_H
#define BLINK_PC_PC_H

#include <stddef.h>
#include <stdint.h>

struct Pc;
struct Machine;

struct PcOptions {
  const char *image;  /* the boot disk image */
  int readonly;       /* no writes reach the image: INT 13h says 03h */
  uint64_t ram_size;  /* bytes of RAM; 0: 16 MiB */
  int keys_stdin;     /* headless: keys come from stdin */
  uint64_t time_limit; /* ns: pc_run ends the run after this long, with
                          PC_STATUS_TIME (0: no limit) */
};
/* pc_run's status when the time limit ran out (as timeout(1)'s). */
#define PC_STATUS_TIME 124

/* Power on: RAM, ROM, devices, the disk; the CPU at the reset vector.
 * NULL with one line in err (no such file, not a disk image...). */
struct Pc *pc_new(const struct PcOptions *o, char *err, size_t errlen);
void pc_free(struct Pc *pc);
struct Machine *pc_machine(struct Pc *pc);

/* The I/O bus: ports [first, last] belong to dev; size is 1, 2 or 4.
 * Unclaimed ports read as all ones and drop writes (logged once each). */
typedef uint32_t (*pc_in_fn)(void *dev, uint16_t port, unsigned size);
typedef void (*pc_out_fn)(void *dev, uint16_t port, unsigned size,
                          uint32_t v);
void pc_ports(struct Pc *pc, uint16_t first, uint16_t last, pc_in_fn in,
              pc_out_fn out, void *dev);

/* Interrupt request lines 0-15 into the PIC pair (edge-triggered, as on
 * the ISA bus: a rising level is a request). */
void pc_irq(struct Pc *pc, int line, int level);

/* The PC's clock: host CLOCK_MONOTONIC nanoseconds since power on. */
uint64_t pc_now(struct Pc *pc);
/* A device with timed work: pc_service calls service(dev, now), which
 * returns when it next wants a call (UINT64_MAX: not until asked).
 * Calling pc_timer again with the same service and dev is that asking:
 * the next pc_service calls it (no second registration). */
void pc_timer(struct Pc *pc, uint64_t (*service)(void *dev, uint64_t now),
              void *dev);

/* Memory for a device's state: zeroed, freed by pc_free. */
void *pc_alloc(struct Pc *pc, size_t size);

/* The A20 gate (port 92h bit 1, the keyboard controller's output port,
 * INT 15h AX=240xh): off, addresses wrap at 1 MiB as on an 8086. */
void pc_set_a20(struct Pc *pc, int on);
int pc_a20(struct Pc *pc);
/* A reset request (keyboard controller command FEh, port 92h bit 0, a
 * triple fault): the CPU restarts at the reset vector; RAM is kept. */
void pc_reset(struct Pc *pc);

/* Host address of guest-physical [phys, phys + len) when it is all RAM,
 * else NULL: for devices that move data to memory (the disk). */
uint8_t *pc_ram(struct Pc *pc, uint64_t phys, size_t len);
/* Device transfers to and from RAM (the disk's DMA): -1 when
 * [phys, phys + len) is not all RAM. Writes drop instructions the CPU
 * decoded from those bytes, as its own stores do. */
int pc_dma_write(struct Pc *pc, uint64_t phys, const void *src, size_t len);
int pc_dma_read(struct Pc *pc, uint64_t phys, void *dst, size_t len);

/* Console output. PC_OUT_TTY: what the BIOS teletype printed (its echo
 * port 0xE8); PC_OUT_SERIAL: COM1's transmitter; PC_OUT_E9: the debug
 * port. The default sink writes everything to stdout. */
enum { PC_OUT_TTY, PC_OUT_SERIAL, PC_OUT_E9 };
void pc_set_output(struct Pc *pc,
                   void (*out)(void *ctx, int source, const char *s,
                               size_t n),
                   void *ctx);
/* For devices: send output to the sink. */
void pc_output(struct Pc *pc, int source, const char *s, size_t n);

/* Keys from the terminal: ASCII 1-127 (control characters are ctrl+
 * letter, '\r' and '\n' Enter, 27 Esc, 8 and 127 Backspace, 9 Tab) or a
 * PCK_* code. The keyboard controller turns them into scan code set 1
 * make/break sequences (shift and ctrl around them as needed) and raises
 * IRQ1. */
enum {
  PCK_UP = 0x100, PCK_DOWN, PCK_LEFT, PCK_RIGHT, PCK_HOME, PCK_END,
  PCK_PGUP, PCK_PGDN, PCK_INS, PCK_DEL,
  PCK_F1, /* PCK_F1 + n - 1 is Fn, up to F12 */
  PCK_ALT = 0x1000, /* or'ed with any key above: Alt held (ESC x) */
};
void pc_key(struct Pc *pc, int key);

/* Bring the devices up to now (timers fire, input arrives, interrupt
 * requests go to the CPU). The PC's on_trap hook calls it; front ends
 * may too. */
void pc_service(struct Pc *pc);
/* Ask pc_run to end the run as soon as it can (between two slices, or
 * out of its sleep), with status 128 + sig and one line naming the
 * signal: for a front end's signal handler (async-signal-safe). */
void pc_interrupt(struct Pc *pc, int sig);
/* The headless loop: run until the guest ends the run (the SYSCALL exit
 * convention), halts for good or faults beyond repair; sleeps through
 * hlt until the next timer or key. Returns the exit status. */
int pc_run(struct Pc *pc);

/* What the display shows (vga.c). */
struct PcScreen {
  int mode;             /* BIOS video mode (BDA 40:49): 0-3, 7, 0x13 */
  int graphics;         /* 1: mode 13h, or CGA 4-6 (a byte a pixel) */
  int cols, rows;       /* text 40 or 80 x 25; graphics 320 (640) x 200 */
  const uint8_t *mem;   /* text: char, attribute pairs; 13h: pixels */
  int cursor_row, cursor_col, cursor_visible;
  int cursor_start, cursor_end; /* scan lines */
  int blink;            /* attribute bit 7 blinks (1) or is bright
                           background (0) */
  uint8_t palette[256][3]; /* 8 bits a component */
};
void pc_screen(struct Pc *pc, struct PcScreen *s);
/* The text screen as UTF-8 (CP437 glyphs), rows joined by '\n',
 * trailing blanks and blank last rows dropped; returns the length it
 * needs (writes at most len bytes, NUL-terminated when it fits). */
size_t pc_screen_text(struct Pc *pc, char *buf, size_t len);
/* The Unicode code point of a CP437 byte's glyph (0 and FFh: space). */
unsigned pc_cp437(uint8_t b);

#endif
