/* bios-rom.S: the BIOS ROM, built from bios/*.S, inside libvm.a.
 *
 * bios_rom is the 64 KiB image pc.c copies to F0000h-FFFFFh (and the
 * alias below 4 GiB); bios_elf is the linked ROM with its symbols and
 * line table for the debugger: its addresses are offsets in segment
 * F000h (linear address = F0000h + address). Built into the program so
 * that blink needs no file at run time. */
	.section .rodata
	.globl bios_rom, bios_rom_end, bios_elf, bios_elf_end
	.balign 16
bios_rom:
	.incbin "bios/bios.bin"
bios_rom_end:
	.balign 16
bios_elf:
	.incbin "bios/bios.elf"
bios_elf_end:
	/* no executable stack wanted (without this note, ld assumes so) */
	.section .note.GNU-stack, "", %progbits
