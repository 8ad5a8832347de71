/* stubs.c: TODO(pc): a stand-in until wip9/devices' vga.c is merged
 * into wip9/pc. Without a VGA model the screen is mode 3 at B8000h. */
#include "pc/dev.h"

struct Vga *vga_new(struct Pc *pc) { (void)pc; return 0; }
void vga_screen(struct Vga *v, struct PcScreen *s) { (void)v; (void)s; }
