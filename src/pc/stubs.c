/* stubs.c: TODO(pc): stand-ins until wip9/devices' vga.c and wip9/bios
 * are merged into wip9/pc; each goes when the real one comes. Without a
 * VGA model the screen is mode 3 at B8000h; without a ROM pc_reset
 * boots the disk's first sector directly at 0000:7C00. */
#include "pc/bios-rom.h"
#include "pc/dev.h"

struct Vga *vga_new(struct Pc *pc) { (void)pc; return 0; }
void vga_screen(struct Vga *v, struct PcScreen *s) { (void)v; (void)s; }

const uint8_t *bios_rom(void) { return 0; }
size_t bios_rom_size(void) { return 0; }
