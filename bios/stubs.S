/* stubs.S: TODO(bios): the glyphs of characters 80h-FFh for INT 1Fh
 * (8 bytes each). Blank until then. */
	.include "bios.inc"
	.text
	.globl font8x8_hi
font8x8_hi:
	.fill 1024, 1, 0
