/* misc.S: the small services: INT 11h equipment, INT 12h memory size,
 * INT 17h printer (there is none). */
	.include "bios.inc"
	.text

/* INT 11h: AX = the equipment word POST stored at 40:10. */
	.globl int11
int11:
	push ds
	push BDA_SEG
	pop ds
	mov ax, ds:[BDA_EQUIP]
	pop ds
	iret

/* INT 12h: AX = KiB of memory below 640K that programs may use (40:13;
 * the EBDA's 1 KiB is not counted). */
	.globl int12
int12:
	push ds
	push BDA_SEG
	pop ds
	mov ax, ds:[BDA_MEMKB]
	pop ds
	iret

/* INT 17h: the printer ports. This PC has none (40:08 is 0): every
 * function (00h print, 01h initialise, 02h status) answers AH = 01h,
 * time-out, as a BIOS does for a printer that never answers. */
	.globl int17
int17:
	mov ah, 0x01
	iret
