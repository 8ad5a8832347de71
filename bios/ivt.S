/* ivt.S: the interrupt vector table and the handlers of last resort.
 *
 * POST points every vector 00h-77h somewhere harmless first (an iret,
 * or for hardware interrupts an end-of-interrupt to the 8259), then the
 * vectors the BIOS services from the table below. CPU exceptions that
 * nobody took over print which one and where, and halt: a program that
 * divides by zero in real mode stops with a message, not silently. */
	.include "bios.inc"
	.text

	.globl ivt_init
ivt_init:
	push ds
	push es
	xor ax, ax
	mov es, ax
	xor di, di
	mov cx, 0x78
1:	mov ax, offset dummy_iret	/* fixed.S, F000:FF53 */
	stosw
	mov ax, BIOS_SEG
	stosw
	loop 1b
	/* The BIOS's own vectors: (vector, offset) pairs, segment F000h. */
	mov ax, cs
	mov ds, ax
	mov si, offset vectors
2:	lodsb
	cmp al, 0xff
	je 3f
	movzx di, al
	shl di, 2
	movsw
	mov ax, BIOS_SEG
	stosw
	jmp 2b
3:	pop es
	pop ds
	ret

	.macro VEC n, handler
	.byte \n
	.word \handler
	.endm

vectors:
	VEC 0x00, exc00
	VEC 0x01, exc01
	VEC 0x02, int02
	VEC 0x03, exc03
	VEC 0x04, exc04
	VEC 0x05, int05			/* print screen (BOUND's #BR too) */
	VEC 0x06, exc06
	VEC 0x07, exc07
	VEC 0x08, int08			/* IRQ0 timer */
	VEC 0x09, int09			/* IRQ1 keyboard */
	VEC 0x0a, irq2			/* IRQ2 (cascade) or #TS */
	VEC 0x0b, irq3			/* IRQ3 COM2 or #NP */
	VEC 0x0c, irq4			/* IRQ4 COM1 or #SS */
	VEC 0x0d, irq5			/* IRQ5 or #GP */
	VEC 0x0e, irq6			/* IRQ6 diskette or #PF */
	VEC 0x0f, irq7			/* IRQ7 (or a spurious one) */
	VEC 0x10, int10
	VEC 0x11, int11
	VEC 0x12, int12
	VEC 0x13, int13
	VEC 0x14, int14
	VEC 0x15, int15
	VEC 0x16, int16
	VEC 0x17, int17
	VEC 0x18, int18
	VEC 0x19, int19
	VEC 0x1a, int1a
	VEC 0x1d, video_params		/* a pointer to data, not code */
	VEC 0x1e, diskette_table	/* ditto */
	VEC 0x1f, font8x8_hi		/* ditto: glyphs 80h-FFh */
	VEC 0x43, font8x8_full		/* ditto: all 256 glyphs */
	VEC 0x70, irq8			/* IRQ8 real-time clock */
	VEC 0x71, irq_slave
	VEC 0x72, irq_slave
	VEC 0x73, irq_slave
	VEC 0x74, irq_slave
	VEC 0x75, irq_slave
	VEC 0x76, irq_slave
	VEC 0x77, irq_slave
	.byte 0xff

/* A hardware interrupt nobody handles: acknowledge it, so the 8259
 * lets lower-priority ones through again. */
	.globl irq_master
irq_master:
	push ax
	mov al, PIC_EOI
	out PIC1_CMD, al
	pop ax
	iret

	.globl irq_slave
irq_slave:
	push ax
	mov al, PIC_EOI
	out PIC2_CMD, al
	out PIC1_CMD, al
	pop ax
	iret

/* Vectors 0Ah-0Fh are both IRQ 2-7 and, since the 80286, CPU exceptions
 * (#TS, #NP, #SS, #GP, #PF...) that real-mode code can raise too. The
 * 8259's in-service register tells them apart: a hardware interrupt
 * gets its end-of-interrupt, an exception is reported like 00h-07h
 * (an iret would run the faulting instruction again, forever). IRQ7
 * not in service is the 8259's spurious interrupt: nothing to do. */
	.macro IRQ n
irq\n:
	push ax
	mov ah, 1 << \n
	jmp irq_or_exception
	.endm
	IRQ 2
	IRQ 3
	IRQ 4
	IRQ 5
	IRQ 6
	IRQ 7

irq_or_exception:
	mov al, 0x0b			/* OCW3: read the in-service register */
	out PIC1_CMD, al
	in al, PIC1_CMD
	push ax
	mov al, 0x0a			/* and back to the request register, */
	out PIC1_CMD, al		/* what port 20h reads by default */
	pop ax
	test al, ah
	jnz 2f
	cmp ah, 0x80
	je 1f				/* spurious IRQ7: no EOI */
	/* an exception: its vector from the bit, then as for 00h-07h */
	xor al, al
	bsf ax, ax			/* AX = 8 + the bit number */
	xchg ax, [esp]			/* (the vector where AX was saved) */
	jmp exception
1:	pop ax
	iret
2:	mov al, PIC_EOI
	out PIC1_CMD, al
	pop ax
	iret

/* IRQ8: the RTC raised its line; reading register C lowers it and says
 * why. The alarm (bit 5) is the user's INT 4Ah (INT 1Ah AH=06h). */
irq8:
	push ax
	push bx
	mov bl, CMOS_C
	call cmos_read
	test al, 0x20
	jz 1f
	int 0x4a
1:	mov al, PIC_EOI
	out PIC2_CMD, al
	out PIC1_CMD, al
	pop bx
	pop ax
	iret

/* NMI (parity, channel check): nothing to report on this machine. */
	.globl int02
int02:
	iret

/* Print screen (Shift+PrtSc): no printer here, nothing to do. */
	.globl int05
int05:
	iret

/* CPU exceptions 00h-07h taken in real mode with no handler installed:
 * "blink bios: exception 06h at CS:IP", then halt with interrupts off. */
	.macro EXC n
exc0\n:
	push 0x0\n
	jmp exception
	.endm
	EXC 0
	EXC 1
	EXC 3
	EXC 4
	EXC 6
	EXC 7

exception:
	mov bp, sp
	PRINT msg_exc
	mov ax, [bp]			/* the vector */
	call print_hex8
	PRINT msg_at
	mov ax, [bp+4]			/* the CS iret would return to */
	call print_hex16
	mov al, ':'
	call print_char
	mov ax, [bp+2]			/* and the IP */
	call print_hex16
	PRINT msg_crlf
	cli
1:	hlt
	jmp 1b

msg_exc:	.asciz "blink bios: exception "
msg_at:		.asciz "h at "
	.globl msg_crlf
msg_crlf:	.asciz "\r\n"
