/* bios-rom.h: the BIOS ROM image built from bios/ and linked into
 * libvm (src/pc/bios-image.S, bios-rom.c), so blink needs no file at run
 * time. */
#ifndef BLINK_PC_BIOS_ROM_H
#define BLINK_PC_BIOS_ROM_H

#include <stddef.h>
#include <stdint.h>

/* The 64 KiB image for physical F0000h-FFFFFh (reset vector at FFFF0h). */
const uint8_t *bios_rom(void);
size_t bios_rom_size(void); /* 0: no ROM in this build */

/* The linked ROM as an ELF32 file in memory (symbols and a DWARF line
 * table of the bios sources), for the debugger. Its addresses are offsets in
 * segment F000h: the linear address is BIOS_ROM_BASE + the address. */
const uint8_t *bios_elf(void);
size_t bios_elf_size(void);

#define BIOS_ROM_BASE 0xF0000
#define BIOS_ROM_SIZE 0x10000

#endif
