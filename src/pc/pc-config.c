/* pc-config.c: the configuration a PC keeps in its CMOS RAM, which our
 * BIOS reads at POST like a real one (IBM PC/AT Technical Reference,
 * CMOS RAM map): drives, equipment and memory sizes. */
#include "pc/dev.h"
#include "pc/disk.h"
#include "pc/pc-private.h"

void pc_cmos_config(struct Pc *pc) {
  struct Cmos *c = pc->cmos;
  if (!c) return;
  uint8_t b[0x40] = {0};
  int floppy = disk_drive(pc->disk) < 0x80;
  /* 10h: diskette types, drive A in the high nibble. */
  b[0x10] = floppy ? (uint8_t)(disk_floppy_type(pc->disk) << 4) : 0;
  /* 12h: hard disk types; Fh = "see 19h", 47 = user-defined (the BIOS
   * asks the controller for the geometry). */
  if (!floppy) {
    b[0x12] = 0xF0;
    b[0x19] = 47;
  }
  /* 14h: equipment: bit 0 diskettes present (bits 7-6 how many - 1),
   * bit 1 math coprocessor, bits 5-4 00 = EGA/VGA (its own BIOS). */
  b[0x14] = (uint8_t)((floppy ? 0x01 : 0x00) | 0x02);
  /* 15h-16h: base memory, KiB. */
  b[0x15] = 640 & 0xff;
  b[0x16] = 640 >> 8;
  /* 17h-18h and 30h-31h: memory above 1 MiB in KiB (at most 65535);
   * 34h-35h: memory above 16 MiB in 64 KiB units. */
  uint64_t ext = pc->ram_size > 0x100000 ? (pc->ram_size - 0x100000) >> 10 : 0;
  if (ext > 0xffff) ext = 0xffff;
  b[0x17] = b[0x30] = (uint8_t)ext;
  b[0x18] = b[0x31] = (uint8_t)(ext >> 8);
  uint64_t above16 = pc->ram_size > (16u << 20) ? (pc->ram_size - (16u << 20)) >> 16 : 0;
  if (above16 > 0xffff) above16 = 0xffff;
  b[0x34] = (uint8_t)above16;
  b[0x35] = (uint8_t)(above16 >> 8);
  /* 2Eh-2Fh: the checksum of 10h-2Dh, high byte first. */
  unsigned sum = 0;
  for (int k = 0x10; k <= 0x2d; ++k) sum += b[k];
  b[0x2e] = (uint8_t)(sum >> 8);
  b[0x2f] = (uint8_t)sum;
  for (int k = 0x10; k < 0x40; ++k) cmos_set(c, k, b[k]);
}
