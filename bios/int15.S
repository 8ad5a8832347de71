/* int15.S: INT 15h, system services (Ralf Brown's Interrupt List,
 * INT 15): the memory map (E820h, E801h, 88h), waiting (86h), the A20
 * gate (2400h-2403h), the configuration table (C0h), the EBDA (C1h) and
 * the hooks other services call (4Fh keyboard intercept, 90h/91h device
 * busy/done). Unsupported functions: CF = 1, AH = 86h, as IBM's. */
	.include "bios.inc"
	.text

	.equ SMAP, 0x534d4150		/* 'SMAP' */

	.globl int15
int15:
	cmp ah, 0x4f
	je intercept
	cmp ax, 0xe820
	je e820
	sti
	ENTER_FRAME
	push BDA_SEG
	pop ds
	mov ax, [bp+F_AX]
	cmp ah, 0x24
	je a20
	cmp ah, 0x86
	je wait
	cmp ah, 0x88
	je ext_memory
	cmp ah, 0x87
	je move_block
	cmp ax, 0xe801
	je e801
	cmp ah, 0xc0
	je config
	cmp ah, 0xc1
	je ebda
	cmp ah, 0x90
	je busy
	cmp ah, 0x91
	je busy
unsupported:
	mov byte ptr [bp+F_AH], 0x86
fail:	SET_CF
	LEAVE_FRAME
	iret
ok_ah0:	mov byte ptr [bp+F_AH], 0
ok:	CLEAR_CF
	LEAVE_FRAME
	iret

/* 4Fh: INT 09h asks whether to process scan code AL: CF set = yes, AL
 * unchanged. A program that wants keys first hooks this. */
intercept:
	push bp
	mov bp, sp
	or byte ptr [bp+6], FL_CF
	pop bp
	iret

/* 90h, 91h: a device is busy / done: nothing to switch to. */
busy:
	jmp ok_ah0

/* 2400h disable A20, 2401h enable, 2402h AL = its state, 2403h BX =
 * how it can be switched (bit 0 the keyboard controller, bit 1 port
 * 92h). */
a20:
	cmp al, 0x03
	ja unsupported
	cmp al, 0x02
	je 2f
	jb 1f
	mov word ptr [bp+F_BX], 0x0003
	jmp ok_ah0
1:	mov cl, al			/* 0 off, 1 on */
	shl cl, 1
	in al, PORT_A20
	and al, 0xfc			/* (bit 0 would reset) */
	or al, cl
	out PORT_A20, al
	jmp ok_ah0
2:	in al, PORT_A20
	shr al, 1
	and al, 1
	mov [bp+F_AL], al
	jmp ok_ah0

/* 86h: wait CX:DX microseconds. Whole ticks (54925 us) sleep with hlt
 * until INT 08h has counted them; the rest counts the refresh toggle
 * (port 61h bit 4 flips every 15 us), as BIOSes time short delays. */
wait:
	mov ax, [bp+F_DX]
	mov dx, [bp+F_CX]
	mov cx, 54925
	cmp dx, cx			/* quotient must fit 16 bits */
	jae 5f
	div cx				/* AX = ticks, DX = microseconds left */
	mov bx, dx
	mov cx, ax
	jcxz 2f
	mov si, ds:[BDA_TICKS]
1:	sti
	hlt
	cmp si, ds:[BDA_TICKS]
	je 1b
	mov si, ds:[BDA_TICKS]
	loop 1b
2:	mov ax, bx			/* microseconds / 15: toggles */
	xor dx, dx
	mov cx, 15
	div cx
	mov cx, ax
	jcxz 4f
	in al, PORT_B
	and al, 0x10
	mov ah, al
3:	mov si, 0xffff			/* (a bound, should it never flip) */
6:	in al, PORT_B
	and al, 0x10
	cmp al, ah
	jne 7f
	dec si
	jnz 6b
7:	mov ah, al
	loop 3b
4:	jmp ok_ah0
5:	/* more than an hour: in hours-long pieces is not worth it */
	mov word ptr [bp+F_DX], 0xffff
	mov word ptr [bp+F_CX], 54924
	jmp wait

/* 87h: copy CX words between any two places in the 16 MiB (the 286's
 * way to memory above 1M): ES:SI = a GDT of six descriptors the caller
 * fills at 10h (source) and 18h (destination); the BIOS fills 08h (the
 * GDT itself), 20h (its code) and 28h (its stack), switches to
 * protected mode with interrupts off, copies, and comes back to real
 * mode. AH = 00h, CF clear. */
move_block:
	cli
	mov es, [bp+F_ES]
	mov si, [bp+F_SI]
	movzx eax, word ptr [bp+F_ES]	/* the GDT's linear address */
	shl eax, 4
	movzx ecx, si
	add eax, ecx
	mov word ptr es:[si+0x08], 6 * 8 - 1
	mov es:[si+0x0a], eax
	mov word ptr es:[si+0x0d], 0x0093	/* data, byte granular */
	mov byte ptr es:[si+0x0f], 0
	mov word ptr es:[si+0x20], 0xffff	/* code: F0000h, 64K, 16-bit */
	mov word ptr es:[si+0x22], 0x0000
	mov word ptr es:[si+0x24], 0x9b0f	/* base 16-23, access */
	mov word ptr es:[si+0x26], 0
	mov word ptr es:[si+0x28], 0xffff	/* stack: SS, 64K */
	mov cx, ss
	movzx ecx, cx
	shl ecx, 4
	mov es:[si+0x2a], ecx
	mov byte ptr es:[si+0x2d], 0x93
	mov word ptr es:[si+0x2e], 0
	/* The GDTR: limit, 24-bit base (16-bit lgdt), on the stack. */
	push eax
	push 6 * 8 - 1
	mov di, sp
	lgdt ss:[di]
	add sp, 6
	in al, PORT_A20			/* the gate on for the move */
	mov dl, al
	or al, 0x02
	and al, 0xfe
	out PORT_A20, al
	mov bx, ss
	mov eax, cr0
	or al, 1			/* PE */
	mov cr0, eax
	.byte 0xea			/* jmp 0020h:pm: our code selector */
	.word pm, 0x20
pm:	mov ax, 0x28
	mov ss, ax			/* the same stack, SP as it was */
	mov ax, 0x10
	mov ds, ax
	mov ax, 0x18
	mov es, ax
	xor si, si
	xor di, di
	mov cx, [bp+F_CX]
	cld
	rep movsw
	mov eax, cr0
	and al, 0xfe
	mov cr0, eax
	jmp BIOS_SEG:offset rm
rm:	mov ss, bx			/* real mode again */
	mov al, dl
	and al, 0xfe
	out PORT_A20, al		/* the gate as it was */
	jmp ok_ah0

/* 88h: AX = KiB of memory above 1M (CMOS 30h-31h, what POST found). */
ext_memory:
	mov bl, CMOS_EXT2_LO
	call cmos_read
	mov ah, al
	mov bl, CMOS_EXT2_LO + 1
	call cmos_read
	xchg al, ah
	mov [bp+F_AX], ax
	jmp ok

/* E801h: AX = CX = KiB between 1M and 16M (at most 3C00h), BX = DX =
 * 64 KiB blocks above 16M. */
e801:
	call memory_sizes
	mov [bp+F_AX], ax
	mov [bp+F_CX], ax
	mov [bp+F_BX], bx
	mov [bp+F_DX], bx
	jmp ok

/* AX = KiB 1M-16M, BX = 64K blocks above 16M, from CMOS. */
memory_sizes:
	push cx
	mov bl, CMOS_EXT2_LO
	call cmos_read
	mov cl, al
	mov bl, CMOS_EXT2_LO + 1
	call cmos_read
	mov ch, al
	cmp cx, 0x3c00
	jbe 1f
	mov cx, 0x3c00
1:	mov bl, CMOS_HIGH_LO
	call cmos_read
	mov ah, al
	mov bl, CMOS_HIGH_LO + 1
	call cmos_read
	xchg al, ah
	mov bx, ax
	mov ax, cx
	pop cx
	ret

/* C0h: ES:BX = the system configuration table (fixed.S, F000:E6F5). */
config:
	mov word ptr [bp+F_ES], BIOS_SEG
	mov word ptr [bp+F_BX], offset config_table
	jmp ok_ah0

/* C1h: ES = the EBDA's segment. */
ebda:
	mov ax, ds:[BDA_EBDA]
	mov [bp+F_ES], ax
	jmp ok

/* E820h: the memory map, one range a call: EDX = 'SMAP', EBX = 0 for
 * the first and then what the last call returned, ES:DI = a 20-byte
 * buffer (ECX its size): base (qword), length (qword), type (1 RAM,
 * 2 reserved). Returns EAX = 'SMAP', ECX = 20, EBX = the next one's
 * number (0 after the last), CF clear; CF set for a bad request.
 * The map: 0-9FBFFh RAM, the EBDA 9FC00h-9FFFFh and the ROM F0000h-
 * FFFFFh reserved, 1M to the top of RAM (CMOS) RAM, and the ROM's
 * alias below 4G reserved. The VGA window A0000h-BFFFFh is not listed
 * (neither RAM nor reserved, as on PCs). */
e820:
	cmp edx, SMAP
	jne 8f
	cmp ecx, 20
	jb 8f
	cmp ebx, 4
	ja 8f
	push ds
	push si
	push cs
	pop ds
	mov si, bx
	imul si, si, 20
	add si, offset e820_map
	push di
	cld
	mov cx, 10
	rep movsw			/* the entry as the table has it */
	pop di
	pop si
	pop ds
	cmp ebx, 3			/* RAM above 1M: length from CMOS */
	jne 1f
	push eax
	push ebx
	call memory_sizes
	movzx ebx, bx
	shl ebx, 16			/* bytes above 16M */
	test ebx, ebx
	jz 2f
	add ebx, 15 << 20		/* and 1M-16M in full */
	jmp 3f
2:	movzx ebx, ax			/* only KiB above 1M */
	shl ebx, 10
3:	mov es:[di+8], ebx
	pop ebx
	pop eax
1:	inc ebx
	cmp ebx, 5
	jb 4f
	xor ebx, ebx
4:	mov eax, SMAP
	mov ecx, 20
	push bp
	mov bp, sp
	and byte ptr [bp+6], 0xff - FL_CF
	pop bp
	iret
8:	mov ah, 0x86
	push bp
	mov bp, sp
	or byte ptr [bp+6], FL_CF
	pop bp
	iret

	.macro RANGE base, length, type
	.quad \base, \length
	.long \type
	.endm
e820_map:
	RANGE 0x00000000, 0x9fc00, 1
	RANGE 0x0009fc00, 0x00400, 2
	RANGE 0x000f0000, 0x10000, 2
	RANGE 0x00100000, 0, 1		/* length: from CMOS */
	RANGE 0xffff0000, 0x10000, 2
