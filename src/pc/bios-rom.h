/* bios-rom.h: the BIOS ROM image and its symbols (src/pc/bios-rom.S).
 *
 * bios_rom..bios_rom_end: 64 KiB for physical F0000h-FFFFFh (reset
 * vector at FFFF0h). bios_elf..bios_elf_end: an ELF32 file (the linked
 * ROM, with symbols and a DWARF line table for bios/*.S) whose addresses
 * are offsets in segment F000h: add F0000h for the linear address. */
#ifndef BLINK_PC_BIOS_ROM_H
#define BLINK_PC_BIOS_ROM_H

extern const unsigned char bios_rom[], bios_rom_end[];
extern const unsigned char bios_elf[], bios_elf_end[];

#define BIOS_ROM_BASE 0xF0000
#define BIOS_ROM_SIZE 0x10000

#endif
