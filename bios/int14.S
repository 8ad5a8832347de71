/* int14.S: INT 14h, serial ports (Ralf Brown's Interrupt List, INT 14),
 * on the 8250/16550 UARTs whose base ports POST put at 40:00 (COM1 at
 * 3F8h). DX = port number 0-3. Status: AH = line status (bit 7 set:
 * time-out), AL = modem status. Sending waits for the transmitter to be
 * empty, receiving for a byte, each at most 40:7C+DX seconds. */
	.include "bios.inc"
	.text

	.equ LSR, 5			/* line status register */
	.equ MSR, 6			/* modem status register */
	.equ LCR, 3			/* line control: bit 7 DLAB */

	.globl int14
int14:
	sti
	ENTER_FRAME
	push BDA_SEG
	pop ds
	mov si, [bp+F_DX]
	cmp si, 3
	ja timeout
	shl si, 1
	mov dx, ds:[BDA_COM + si]	/* DX = the UART's base port */
	test dx, dx
	jz timeout
	mov ah, [bp+F_AH]
	cmp ah, 0x00
	je init
	cmp ah, 0x01
	je send
	cmp ah, 0x02
	je receive
	cmp ah, 0x03
	je status
	jmp done			/* others: not here */
timeout:
	or byte ptr [bp+F_AH], 0x80
done:
	LEAVE_FRAME
	iret

/* 00h: AL bits 7-5 the rate (110 150 300 600 1200 2400 4800 9600 baud,
 * fixed.S baud_table), 4-3 parity (x0 none, 01 odd, 11 even), 2 two
 * stop bits, 1-0 word length (10 seven, 11 eight): which is the line
 * control register's layout for bits 4-0. */
init:
	push dx
	add dx, LCR
	mov al, 0x80			/* DLAB: the divisor latch */
	out dx, al
	movzx bx, byte ptr [bp+F_AL]
	shr bx, 5
	shl bx, 1
	mov ax, cs:[baud_table + bx]
	pop dx
	push dx
	out dx, al			/* divisor low */
	inc dx
	mov al, ah
	out dx, al			/* divisor high */
	pop dx
	push dx
	add dx, LCR
	mov al, [bp+F_AL]
	and al, 0x1f
	out dx, al
	pop dx
	push dx
	inc dx				/* interrupts off: the BIOS polls */
	xor al, al
	out dx, al
	pop dx
status:
	call line_status
	jmp done

/* 01h: send AL; AH = line status (bit 7: it timed out). */
send:
	mov ah, 0x20			/* wait for THR empty */
	call wait_lsr
	pushf
	jc 1f
	mov al, [bp+F_AL]
	out dx, al
1:	mov bl, [bp+F_AL]
	call line_status
	mov [bp+F_AL], bl		/* AL stays the character */
	popf
	jc timeout
	jmp done

/* 02h: AL = a byte received; AH = line status errors (bits 1-4), bit 7
 * if nothing came. */
receive:
	mov ah, 0x01			/* wait for data ready */
	call wait_lsr
	jc 1f
	in al, dx
	mov [bp+F_AL], al
	add dx, LSR
	in al, dx
	and al, 0x1e
	mov [bp+F_AH], al
	jmp done
1:	mov byte ptr [bp+F_AH], 0x80
	jmp done

/* AH = LSR, AL = MSR of the UART at DX, into the frame. */
line_status:
	push dx
	add dx, LSR
	in al, dx
	mov [bp+F_AH], al
	inc dx
	in al, dx
	mov [bp+F_AL], al
	pop dx
	ret

/* Wait until LSR & AH (DX = base): at most the port's time-out in
 * seconds (40:7C+port), counted in timer ticks; CF when it ran out. */
wait_lsr:
	push dx
	add dx, LSR
	mov si, [bp+F_DX]
	movzx cx, byte ptr ds:[BDA_COMTIMEOUT + si]
	imul cx, cx, 18			/* ticks */
	inc cx
	mov bx, ds:[BDA_TICKS]
1:	in al, dx
	test al, ah
	jnz 3f
	sti
	hlt				/* nothing yet: sleep to an interrupt */
	cmp bx, ds:[BDA_TICKS]
	je 1b
	mov bx, ds:[BDA_TICKS]
	loop 1b
	pop dx
	stc
	ret
3:	pop dx
	clc
	ret
