/* bios-rom.h: the BIOS ROM image built from bios/ and linked into
 * libvm (src/pc/bios-rom.S), so blink needs no file at run time. */
#ifndef BLINK_PC_BIOS_ROM_H
#define BLINK_PC_BIOS_ROM_H

#include <stddef.h>
#include <stdint.h>

const uint8_t *bios_rom(void);
size_t bios_rom_size(void); /* 0: no ROM in this build */

#endif
