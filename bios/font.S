/* font.S: the 8x8 font, all 256 characters in one piece (INT 43h points
 * here; INT 1Fh at its second half, 80h-FFh). The first half is also at
 * F000:FA6E (fixed.S), where the IBM PC had it. Glyphs: font8x8.txt. */
	.include "bios.inc"
	.text
	.globl font8x8_full, font8x8_hi
font8x8_full:
	.include "font8x8-lo.inc"
font8x8_hi:
	.include "font8x8-hi.inc"
