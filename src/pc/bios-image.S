/* bios-image.S: the BIOS ROM, built from bios/*.S, inside libvm.a.
 *
 * bios_rom_image is the 64 KiB image pc.c copies to F0000h-FFFFFh (and the
 * alias below 4 GiB); bios_elf_image is the linked ROM with its symbols and
 * line table for the debugger: its addresses are offsets in segment
 * F000h (linear address = F0000h + address). Built into the program so
 * that blink needs no file at run time. */
	.section .rodata
	.globl bios_rom_image, bios_rom_image_end, bios_elf_image, bios_elf_image_end
	.balign 16
bios_rom_image:
	.incbin "bios/bios.bin"
bios_rom_image_end:
	.balign 16
bios_elf_image:
	.incbin "bios/bios.elf"
bios_elf_image_end:
	/* no executable stack wanted (without this note, ld assumes so) */
	.section .note.GNU-stack, "", %progbits
