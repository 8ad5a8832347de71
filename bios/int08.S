/* int08.S: INT 08h, IRQ0: the 18.2 Hz timer tick (PIT channel 0 with
 * divisor 65536: 1193182 / 65536 ticks a second).
 *
 * Counts ticks since midnight in 40:6C; at 1800B0h (24 hours of ticks)
 * starts again from 0 and sets the midnight flag 40:70, which INT 1Ah
 * AH=00h reports; counts the diskette motor time down; calls INT 1Ch,
 * the hook programs use for periodic work; then ends the interrupt. */
	.include "bios.inc"
	.text

	.equ TICKS_A_DAY, 0x1800b0

	.globl int08
int08:
	push ax
	push ds
	push BDA_SEG
	pop ds
	inc dword ptr ds:[BDA_TICKS]
	cmp dword ptr ds:[BDA_TICKS], TICKS_A_DAY
	jb 1f
	mov dword ptr ds:[BDA_TICKS], 0
	mov byte ptr ds:[BDA_MIDNIGHT], 1
1:	cmp byte ptr ds:[BDA_FDMOTOR_TICKS], 0
	je 2f
	dec byte ptr ds:[BDA_FDMOTOR_TICKS]
	jnz 2f
	and byte ptr ds:[BDA_FDMOTOR], 0xf0	/* motors off */
2:	int 0x1c
	cli
	mov al, PIC_EOI
	out PIC1_CMD, al
	pop ds
	pop ax
	iret
