/* stubs.S: TODO(bios): services not written yet; each returns without
 * doing anything (see bios-status.md). Moved to their own files as
 * they are written. */
	.include "bios.inc"
	.text
	.globl int08, int09, int11, int12, int14, int15, int16, int17, int1a
	.globl ticks_init, font8x8_hi
int08:
	push ax
	mov al, PIC_EOI
	out PIC1_CMD, al
	pop ax
	iret
int09:
	push ax
	in al, KBC_DATA
	mov al, PIC_EOI
	out PIC1_CMD, al
	pop ax
	iret
int11:
int12:
int14:
int15:
int16:
int17:
int1a:
	iret
ticks_init:
	ret
font8x8_hi:
	.fill 1024, 1, 0
