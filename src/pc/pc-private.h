/* pc-private.h: struct Pc, shared by the files of the PC core (pc.c,
 * pc-run.c, pc-keys.c, pc-config.c, disk.c). Devices use pc.h only. */
#ifndef BLINK_PC_PC_PRIVATE_H
#define BLINK_PC_PC_PRIVATE_H

#include <stdint.h>

#include "pc/pc.h"

#define PC_MAX_RANGES 64
#define PC_MAX_TIMERS 16
#define PC_KEYQ 4096 /* keys typed ahead (a power of two) */

struct Disk;

struct PcRange {
  pc_in_fn in;
  pc_out_fn out;
  void *dev;
};

struct PcTimer {
  uint64_t (*service)(void *dev, uint64_t now);
  void *dev;
  uint64_t next; /* pc_now() time of the next call */
};

struct PcBlock {
  struct PcBlock *next;
  /* the device's memory follows, suitably aligned */
  _Alignas(16) unsigned char data[];
};

struct Pc {
  struct Machine *m;
  struct PcOptions opt;
  uint64_t ram_size;
  uint64_t t0; /* CLOCK_MONOTONIC at power on, ns */
  int a20;

  /* the port bus: port_range[port] is 1 + an index into ranges, 0 none */
  struct PcRange ranges[PC_MAX_RANGES];
  int nranges;
  uint8_t port_range[65536];
  uint8_t port_logged[65536 / 8];

  struct PcTimer timers[PC_MAX_TIMERS];
  int ntimers;
  struct PcBlock *blocks;

  void (*out)(void *ctx, int source, const char *s, size_t n);
  void *out_ctx;

  struct Pic *pic;
  struct Pit *pit;
  struct Kbd *kbd;
  struct Cmos *cmos;
  struct Uart *uart;
  struct Vga *vga;
  struct Disk *disk;

  /* Keys (pc-keys.c): typed ahead into a queue, fed to the keyboard
   * controller as the guest takes them. stdin_fd is -1 when keys do not
   * come from stdin (or after its end). */
  int keyq[PC_KEYQ];
  unsigned key_head, key_tail;
  uint64_t key_last;     /* pc_now() of the last key fed */
  int stdin_fd;
  int stdin_tty;         /* a terminal: ESC + a character is Alt */
  uint64_t stdin_polled; /* pc_now() of the last look at stdin */
  unsigned char esc[8];  /* an escape sequence read in part */
  int nesc;
  uint64_t esc_time;     /* when its first byte came */

  volatile int interrupted; /* pc_interrupt's signal, 0 none */
};

/* pc.c */
void pc_update_irq(struct Pc *pc);
uint64_t pc_next_timer(struct Pc *pc);
/* pc-keys.c: stdin bytes and the key queue. */
void pc_keys_feed(struct Pc *pc, uint64_t now);
int pc_keys_read_stdin(struct Pc *pc, uint64_t now);
/* pc-config.c: the CMOS configuration bytes (memory, drives). */
void pc_cmos_config(struct Pc *pc);

#endif
