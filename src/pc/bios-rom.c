/* bios-rom.c: the ROM bytes bios-image.S includes, behind bios-rom.h's
 * functions (the assembler's symbols stay out of every other file). */
#include "pc/bios-rom.h"

extern const uint8_t bios_rom_image[], bios_rom_image_end[];
extern const uint8_t bios_elf_image[], bios_elf_image_end[];

const uint8_t *bios_rom(void) { return bios_rom_image; }
size_t bios_rom_size(void) {
  return (size_t)(bios_rom_image_end - bios_rom_image);
}
const uint8_t *bios_elf(void) { return bios_elf_image; }
size_t bios_elf_size(void) {
  return (size_t)(bios_elf_image_end - bios_elf_image);
}
