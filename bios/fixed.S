/* fixed.S: the top 8 KiB of the ROM (F000:E000-FFFF), where the IBM
 * PC/AT BIOS had its entry points and tables at fixed addresses.
 *
 * Old programs jump to these addresses or read the tables there
 * directly (the 8x8 font at FA6Eh, the model byte at FFFEh, the
 * diskette parameters at EFC7h), so each is placed exactly where IBM
 * put it; an entry point is a near jump to the service's real code in
 * the rest of the ROM. The reset vector at FFF0h is where the CPU
 * starts after power on and reset. `.org` is relative to E000h. */
	.include "bios.inc"
	.section .fixed, "ax"

	.macro AT addr
	.org \addr - 0xe000, 0xff
	.endm

	AT 0xe05b
post_entry:				/* POST (the reset vector jumps here) */
	jmp post
	AT 0xe2c3
	jmp int02			/* NMI */
	AT 0xe3fe
	jmp int13			/* fixed disk services */
	AT 0xe6f2
	jmp int19			/* bootstrap loader */

	AT 0xe6f5
/* INT 15h AH=C0h's system configuration table (Ralf Brown INT 15/C0). */
	.globl config_table
config_table:
	.word 8				/* bytes that follow */
	.byte 0xfc			/* model: PC/AT */
	.byte 0x01			/* submodel */
	.byte 0x00			/* BIOS revision */
	/* feature byte 1: bit 6 second 8259, bit 5 real-time clock,
	 * bit 4 INT 09h calls INT 15h AH=4Fh, bit 2 EBDA allocated */
	.byte 0x74
	.byte 0x40			/* feature byte 2: bit 6, INT 16h 09h */
	.byte 0x00, 0x00, 0x00		/* feature bytes 3-5 */

	AT 0xe729
/* Divisors of the UART's 1.8432 MHz / 16 clock for INT 14h AH=00h's
 * eight rates (110 150 300 600 1200 2400 4800 9600 baud). */
	.globl baud_table
baud_table:
	.word 1047, 768, 384, 192, 96, 48, 24, 12

	AT 0xe739
	jmp int14			/* serial ports */
	AT 0xe82e
	jmp int16			/* keyboard */
	AT 0xe987
	jmp int09			/* IRQ1: keyboard */
	AT 0xec59
	jmp int13			/* diskette services */
	AT 0xef57
	jmp irq_master			/* IRQ6: diskette controller */

	AT 0xefc7
/* The diskette parameter table INT 1Eh points at (IBM's values for a
 * 1.44M drive: step rate and head unload, head load, motor off delay
 * in ticks, 512-byte sectors, 18 sectors a track, gap, data length,
 * format gap, format fill byte, head settle ms, motor start 1/8 s). */
	.globl diskette_table
diskette_table:
	.byte 0xdf, 0x02, 0x25, 0x02, 18, 0x1b, 0xff, 0x6c, 0xf6, 0x0f, 0x08

	AT 0xefd2
	jmp int17			/* printer */
	AT 0xf065
	jmp int10			/* video */

	AT 0xf0a4
/* The video parameter table INT 1Dh points at (IBM PC/AT technical
 * reference): the 6845 CRTC's 16 registers for 40x25 and 80x25 text,
 * the CGA graphics modes and the monochrome adapter, then the regen
 * buffer sizes, the columns and the CGA mode select values of modes
 * 0-7. Old programs that set a CGA/MDA mode themselves read it; this
 * VGA's BIOS sets its modes through its own registers. */
	.globl video_params
video_params:
	.byte 0x38, 0x28, 0x2d, 0x0a, 0x1f, 0x06, 0x19, 0x1c	/* 40x25 */
	.byte 0x02, 0x07, 0x06, 0x07, 0x00, 0x00, 0x00, 0x00
	.byte 0x71, 0x50, 0x5a, 0x0a, 0x1f, 0x06, 0x19, 0x1c	/* 80x25 */
	.byte 0x02, 0x07, 0x06, 0x07, 0x00, 0x00, 0x00, 0x00
	.byte 0x38, 0x28, 0x2d, 0x0a, 0x7f, 0x06, 0x64, 0x70	/* graphics */
	.byte 0x02, 0x01, 0x06, 0x07, 0x00, 0x00, 0x00, 0x00
	.byte 0x61, 0x50, 0x52, 0x0f, 0x19, 0x06, 0x19, 0x19	/* mono */
	.byte 0x02, 0x0d, 0x0b, 0x0c, 0x00, 0x00, 0x00, 0x00
	.word 0x0800, 0x1000, 0x4000, 0x4000	/* bytes: 40x25, 80x25, gfx */
	.byte 40, 40, 80, 80, 40, 40, 80, 80	/* columns, modes 0-7 */
	.byte 0x2c, 0x28, 0x2d, 0x29, 0x2a, 0x2e, 0x1e, 0x29 /* mode select */
	AT 0xf841
	jmp int12			/* memory size */
	AT 0xf84d
	jmp int11			/* equipment list */
	AT 0xf859
	jmp int15			/* system services */

	AT 0xfa6e
/* Characters 00h-7Fh of the 8x8 font (INT 10h mode 13h text, INT 43h
 * and INT 10h AX=1130h); 80h-FFh follow elsewhere (INT 1Fh). */
	.globl font8x8
font8x8:
	.include "font8x8-lo.inc"

	AT 0xfe6e
	jmp int1a			/* time of day */
	AT 0xfea5
	jmp int08			/* IRQ0: timer */
	AT 0xff23
	jmp irq_master			/* unexpected hardware interrupt */
	AT 0xff53
	.globl dummy_iret
dummy_iret:
	iret				/* interrupts nobody services */
	AT 0xff54
	jmp int05			/* print screen */

	AT 0xfff0
	.globl reset
reset:					/* the CPU starts here */
	jmp BIOS_SEG:0xe05b
	AT 0xfff5
	.ascii "11/21/26"		/* the ROM's date */
	.byte 0
	.byte 0xfc			/* model: PC/AT */
	.byte 0x00			/* the checksum: make sets it (Makefile.am) */
