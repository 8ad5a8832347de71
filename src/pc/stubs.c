/* stubs.c: TODO(pc): stand-ins until wip9/devices and wip9/bios are
 * merged into wip9/pc; each goes when the real one comes. Without
 * devices the PC has no interrupt controller, timer or keyboard; without
 * a ROM pc_reset boots the disk's first sector directly at 0000:7C00. */
#include "pc/dev.h"

struct Pic *pic_new(struct Pc *pc) { (void)pc; return 0; }
void pic_line(struct Pic *p, int line, int level) { (void)p; (void)line; (void)level; }
int pic_pending(struct Pic *p) { (void)p; return 0; }
int pic_ack(struct Pic *p) { (void)p; return -1; }
struct Pit *pit_new(struct Pc *pc) { (void)pc; return 0; }
struct Kbd *kbd_new(struct Pc *pc) { (void)pc; return 0; }
void kbd_key(struct Kbd *k, int key) { (void)k; (void)key; }
struct Cmos *cmos_new(struct Pc *pc) { (void)pc; return 0; }
void cmos_set(struct Cmos *c, int index, uint8_t v) { (void)c; (void)index; (void)v; }
struct Uart *uart_new(struct Pc *pc, uint16_t base, int irq) { (void)pc; (void)base; (void)irq; return 0; }
struct Vga *vga_new(struct Pc *pc) { (void)pc; return 0; }
void vga_screen(struct Vga *v, struct PcScreen *s) { (void)v; (void)s; }

/* E8h and E9h, the two output ports headless tests need first. */
static void misc_out(void *dev, uint16_t port, unsigned size, uint32_t v) {
  (void)size;
  char c = (char)v;
  pc_output(dev, port == 0xE9 ? PC_OUT_E9 : PC_OUT_TTY, &c, 1);
}
static uint32_t misc_in(void *dev, uint16_t port, unsigned size) {
  (void)dev; (void)size;
  return port == 0xE9 ? 0xE9 : 0xff;
}
void misc_ports_new(struct Pc *pc, struct Pit *pit) {
  (void)pit;
  pc_ports(pc, 0xE8, 0xE9, misc_in, misc_out, pc);
}
