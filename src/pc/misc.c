/* misc.c: the PC's small ports (see dev.h).
 *
 * E8h: the BIOS teletype's echo (blink's own; the headless console
 *      prints it): a written byte goes to PC_OUT_TTY.
 * E9h: the Bochs-convention debug port: written bytes go to PC_OUT_E9;
 *      it reads E9h, so a guest can tell the port is there.
 * 61h: system control port B (IBM PC/AT technical reference): bit 0
 *      channel 2's gate, bit 1 speaker data, bits 2-3 parity and I/O
 *      check enables (kept), bit 4 the DRAM refresh toggle (flips every
 *      15.09 us: BIOS delay loops count it), bit 5 channel 2's output.
 * 80h: POST codes: kept (reads give the last one) and logged when they
 *      change, the first few dozen times (delay loops write there too).
 * 92h: system control port A: bit 1 fast A20, bit 0 set
 *      resets the CPU (it reads 0 again after). */
#include <stdint.h>

#include "log.h"
#include "pc/dev.h"

#define REFRESH_NS 15085 /* 18 PIT clocks */
#define POST_LOG_MAX 64

struct Misc {
  struct Pc *pc;
  struct Pit *pit;
  uint8_t port61; /* bits 0-3 as written */
  uint8_t post;
  int post_logged;
  uint8_t port92;
};

static uint32_t misc_in(void *dev, uint16_t port, unsigned size) {
  struct Misc *m = dev;
  if (size > 1) return pc_split_in(misc_in, dev, port, size);
  switch (port) {
    case 0x61:
      return (m->port61 & 0x0f) |
             (uint8_t)((pc_now(m->pc) / REFRESH_NS) & 1) << 4 |
             (pit_out2(m->pit) ? 0x20 : 0);
    case 0x80:
      return m->post;
    case 0x92:
      return (m->port92 & ~0x02) | (pc_a20(m->pc) ? 0x02 : 0);
    case 0xe9:
      return 0xe9;
    default:
      return 0xff;
  }
}

static void misc_out(void *dev, uint16_t port, unsigned size, uint32_t v) {
  struct Misc *m = dev;
  char c = (char)v;
  if (size > 1) {
    pc_split_out(misc_out, dev, port, size, v);
    return;
  }
  switch (port) {
    case 0x61:
      m->port61 = (uint8_t)v & 0x0f;
      pit_gate2(m->pit, v & 1);
      break;
    case 0x80:
      if ((uint8_t)v != m->post && m->post_logged < POST_LOG_MAX) {
        if (++m->post_logged == POST_LOG_MAX) {
          blog("pc: POST code %02x (further changes not logged)",
               (uint8_t)v);
        } else {
          blog("pc: POST code %02x", (uint8_t)v);
        }
      }
      m->post = (uint8_t)v;
      break;
    case 0x92:
      pc_set_a20(m->pc, (v >> 1) & 1);
      m->port92 = (uint8_t)v & 0x02; /* bit 0 reads 0: the reset is done */
      if (v & 1) pc_reset(m->pc);
      break;
    case 0xe8:
      pc_output(m->pc, PC_OUT_TTY, &c, 1);
      break;
    case 0xe9:
      pc_output(m->pc, PC_OUT_E9, &c, 1);
      break;
    default:
      break;
  }
}

void misc_ports_new(struct Pc *pc, struct Pit *pit) {
  struct Misc *m = pc_alloc(pc, sizeof(*m));
  m->pc = pc;
  m->pit = pit;
  m->port92 = 0x02; /* A20 on: the PC powers on as the BIOS leaves it */
  pc_ports(pc, 0x61, 0x61, misc_in, misc_out, m);
  pc_ports(pc, 0x80, 0x80, misc_in, misc_out, m);
  pc_ports(pc, 0x92, 0x92, misc_in, misc_out, m);
  pc_ports(pc, 0xe8, 0xe9, misc_in, misc_out, m);
}
