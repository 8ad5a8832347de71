/* post.S: the power-on self test: from the reset vector to INT 19h.
 *
 * What a PC/AT BIOS sets up before it boots, in order: a stack, the
 * interrupt vector table, the interrupt controllers, the timer, the
 * keyboard controller, the BIOS data area from CMOS and from probing
 * the ports, the A20 gate, the display (video mode 3); then it enables
 * interrupts and lets INT 19h load the boot sector. Each step writes a
 * POST code to port 80h as PC BIOSes do, so a hang shows where. */
	.include "bios.inc"
	.text

	.globl post
post:
	cli
	cld
	mov al, 0x01
	out POST_CODE, al
	/* A stack below the boot sector's address, in memory every PC has. */
	xor ax, ax
	mov ss, ax
	mov sp, 0x7c00
	mov ds, ax
	mov es, ax

	/* Clear the IVT, the BDA and DOS's communication area (0-5FFh),
	 * all but the reset flag at 40:72: 1234h there says this is a
	 * warm boot (Ctrl+Alt+Del), which programs may ask about. */
	mov dx, ds:[0x400 + BDA_RESETFLAG]
	xor di, di
	mov cx, 0x600 / 2
	rep stosw
	mov ds:[0x400 + BDA_RESETFLAG], dx

	mov al, 0x02
	out POST_CODE, al
	call ivt_init			/* ivt.S */
	call pic_init
	call pit_init
	mov al, 0x03
	out POST_CODE, al
	/* The keyboard before the BDA: its reset would lose keys, and the
	 * emulator types only into a BIOS whose buffer pointers are set. */
	call kbc_init
	call bda_init
	call ticks_init			/* int1a.S: 40:6C from the RTC */
	mov al, 0x04
	out POST_CODE, al

	/* The A20 gate on ("fast A20", port 92h bit 1), as modern BIOSes
	 * boot: memory above 1M is reachable without wrapping. */
	in al, PORT_A20
	or al, 0x02
	and al, 0xfe			/* bit 0 would reset the machine */
	out PORT_A20, al

	mov al, 0x05
	out POST_CODE, al
	mov ax, 0x0003			/* 80x25 colour text */
	int 0x10

	mov al, 0x06
	out POST_CODE, al
	sti
	int 0x19			/* does not return */
1:	hlt
	jmp 1b

/* The 8259A pair, as the PC/AT programs it: edge-triggered, cascaded
 * (slave on the master's IRQ2), master vectors 08h-0Fh, slave 70h-77h.
 * Unmasked: IRQ0 timer, IRQ1 keyboard, IRQ2 cascade; the rest stay
 * masked until a program that drives the device unmasks its line. */
pic_init:
	mov al, 0x11			/* ICW1: edge, cascade, ICW4 follows */
	out PIC1_CMD, al
	out PIC2_CMD, al
	mov al, 0x08			/* ICW2: vector base */
	out PIC1_DATA, al
	mov al, 0x70
	out PIC2_DATA, al
	mov al, 0x04			/* ICW3: slave on IRQ2 */
	out PIC1_DATA, al
	mov al, 0x02			/* ICW3: slave id 2 */
	out PIC2_DATA, al
	mov al, 0x01			/* ICW4: 8086 mode, normal EOI */
	out PIC1_DATA, al
	out PIC2_DATA, al
	mov al, 0xf8			/* OCW1: masks */
	out PIC1_DATA, al
	mov al, 0xff
	out PIC2_DATA, al
	ret

/* PIT channel 0: mode 3 (square wave), divisor 0 (65536): IRQ0 at
 * 1193182 / 65536 = 18.2 Hz, the BIOS tick. */
pit_init:
	mov al, 0x36			/* channel 0, lobyte/hibyte, mode 3 */
	out PIT_MODE, al
	xor al, al
	out PIT_CH0, al
	out PIT_CH0, al
	ret

/* The 8042 and the keyboard, as the PC/AT's POST checks them: the
 * controller's self test (AAh: 55h), the command byte 45h (bit 0 IRQ1,
 * bit 2 system flag, bit 6 translate to scan code set 1), the keyboard
 * interface on (AEh), the keyboard reset (FFh: FAh then AAh, its self
 * test passed) and scanning on (F4h: FAh). A failure is reported and
 * POST goes on: the PC still boots without a keyboard. */
kbc_init:
	call kbc_drain
	mov al, 0xaa			/* controller self test */
	call kbc_command
	call kbc_read
	cmp al, 0x55
	jne 8f
	mov al, 0x60			/* write the command byte */
	call kbc_command
	mov al, 0x45
	call kbc_data
	mov al, 0xae			/* enable the keyboard interface */
	call kbc_command
	mov al, 0xff			/* keyboard: reset */
	call kbc_data
	call kbc_read
	cmp al, 0xfa
	jne 9f
	call kbc_read
	cmp al, 0xaa
	jne 9f
	mov al, 0xf4			/* keyboard: scan */
	call kbc_data
	call kbc_read
	cmp al, 0xfa
	jne 9f
	ret
8:	PRINT msg_kbc
	ret
9:	PRINT msg_kbd
	ret

msg_kbc:	.asciz "blink bios: keyboard controller self test failed\r\n"
msg_kbd:	.asciz "blink bios: no keyboard\r\n"

/* Throw away whatever the 8042 has for us. */
kbc_drain:
	push cx
	mov cx, 16
1:	in al, KBC_STATUS
	test al, 0x01
	jz 2f
	in al, KBC_DATA
	loop 1b
2:	pop cx
	ret

/* AL to the 8042 as a command (port 64h) or data (port 60h: for the
 * keyboard, or the command's argument). */
kbc_command:
	push ax
	call kbc_wait_write
	pop ax
	out KBC_CMD, al
	ret
kbc_data:
	push ax
	call kbc_wait_write
	pop ax
	out KBC_DATA, al
	ret

/* AL = the next byte from the 8042 (a bounded wait; 00h if none). The
 * keyboard answers in its own time, so this polls the status's output
 * buffer bit with interrupts off (IRQ1 would take the byte). */
kbc_read:
	push cx
	push dx
	mov dx, 16			/* 16 x 65536 polls: some ms at least */
	xor cx, cx
1:	in al, KBC_STATUS
	test al, 0x01
	jnz 2f
	loop 1b
	dec dx
	jnz 1b
	xor al, al
	pop dx
	pop cx
	ret
2:	in al, KBC_DATA
	pop dx
	pop cx
	ret

/* Wait (a bounded while) until the 8042 takes a byte: status bit 1. */
	.globl kbc_wait_write
kbc_wait_write:
	push cx
	mov cx, 0xffff
1:	in al, KBC_STATUS
	test al, 0x02
	loopnz 1b
	pop cx
	ret

/* The BIOS data area and the EBDA: what the services and programs read
 * about the machine. Memory sizes come from CMOS like a real BIOS's
 * (the emulator writes them there from its options). */
bda_init:
	push ds
	mov ax, BDA_SEG
	mov ds, ax

	/* Keyboard buffer: empty, the usual 16 words at 40:1E-3D. */
	mov word ptr ds:[BDA_KBHEAD], BDA_KBBUF
	mov word ptr ds:[BDA_KBTAIL], BDA_KBBUF
	mov word ptr ds:[BDA_KBSTART], BDA_KBBUF
	mov word ptr ds:[BDA_KBEND], BDA_KBBUF + 32
	mov byte ptr ds:[BDA_KBFLAG3], 0x10	/* 101/102-key keyboard */

	/* Base memory: 639 KiB and a 1 KiB EBDA at 9FC0:0000 (its first
	 * byte is its size in KiB). */
	mov word ptr ds:[BDA_MEMKB], BASE_KIB
	mov word ptr ds:[BDA_EBDA], EBDA_SEG
	push es
	mov ax, EBDA_SEG
	mov es, ax
	xor di, di
	mov cx, EBDA_KIB * 1024 / 2
	xor ax, ax
	rep stosw
	mov byte ptr es:[0], EBDA_KIB
	pop es

	/* Serial ports: a UART answers on its scratch register (base+7). */
	mov dx, COM1 + 7
	mov al, 0x5a
	out dx, al
	in al, dx
	xor bx, bx			/* serial ports found */
	cmp al, 0x5a
	jne 1f
	mov word ptr ds:[BDA_COM], COM1
	mov byte ptr ds:[BDA_COMTIMEOUT], 1
	inc bx
1:
	/* Equipment word (INT 11h): bits 9-11 serial ports, bits 4-5 = 10b
	 * initial video 80x25 colour, bit 1 a maths coprocessor (the VM's
	 * x87), bit 0 and bits 6-7 the diskette drives (CMOS 10h). */
	mov dx, bx
	shl dx, 9
	or dx, 0x0022
	mov bl, CMOS_FLOPPY
	call cmos_read
	xor cx, cx			/* diskette drives */
	test al, 0xf0
	jz 2f
	inc cx
2:	test al, 0x0f
	jz 3f
	inc cx
3:	jcxz 4f
	dec cx
	shl cx, 6
	or dx, cx
	or dx, 0x0001
4:	mov ds:[BDA_EQUIP], dx

	/* Hard disks: the disk controller says which of 80h, 81h exist. */
	xor cx, cx
	mov al, 0x80
	call disk_identify		/* int13.S; CF: no such drive */
	jc 5f
	inc cx
	mov al, 0x81
	call disk_identify
	jc 5f
	inc cx
5:	mov ds:[BDA_HDCOUNT], cl
	call hd_tables_init		/* int13.S: INT 41h, 46h */

	/* Video: the CRTC port mode 3 uses (INT 10h AH=00h sets the rest). */
	mov word ptr ds:[BDA_CRTC], CRTC_COLOR
	/* EGA/VGA: 256K, colour, features: VGA active (BIOS switches 09h). */
	mov byte ptr ds:[BDA_EGAMISC], 0x60
	mov byte ptr ds:[BDA_EGASW], 0x09
	mov byte ptr ds:[BDA_VGAFLAGS], 0x11	/* 400 lines, VGA */
	pop ds
	ret

/* Read CMOS register BL into AL (NMI stays enabled: bit 7 clear). */
	.globl cmos_read
cmos_read:
	mov al, bl
	out CMOS_INDEX, al
	in al, CMOS_DATA
	ret

/* Write AL to CMOS register BL. */
	.globl cmos_write
cmos_write:
	xchg al, bl
	out CMOS_INDEX, al
	xchg al, bl
	out CMOS_DATA, al
	ret
