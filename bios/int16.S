/* int16.S: INT 16h, keyboard services (Ralf Brown's Interrupt List,
 * INT 16), on the buffer INT 09h fills (40:1A head, 40:1C tail, the
 * words between 40:80 and 40:82). Waiting for a key halts the CPU with
 * interrupts on (sti; hlt) until the next interrupt instead of spinning,
 * so an idle machine costs the host nothing. */
	.include "bios.inc"
	.text

	.globl int16
int16:
	sti
	cld
	ENTER_FRAME
	push BDA_SEG
	pop ds
	mov ah, [bp+F_AH]
	cmp ah, 0x00
	je read
	cmp ah, 0x10
	je read_ext
	cmp ah, 0x01
	je peek
	cmp ah, 0x11
	je peek_ext
	cmp ah, 0x02
	je shift_flags
	cmp ah, 0x12
	je shift_flags_ext
	cmp ah, 0x05
	je store
	cmp ah, 0x09
	je capabilities
	cmp ah, 0x0a
	je keyboard_id
	/* 03h typematic rate, 04h click: accepted, nothing to set. Others:
	 * no such function, registers unchanged. */
done:
	LEAVE_FRAME
	iret

/* 00h: wait for a key, AX = its word, taken from the buffer; the keys
 * of the 101-key keyboard that the 84-key one had not are skipped and
 * the grey keys read like their keypad twins (see plain_key). 10h: any
 * key, as it is. */
read:
	call wait_key
	call kbd_take
	call plain_key
	jc read				/* not for 00h: skipped */
	mov [bp+F_AX], ax
	jmp done
read_ext:
	call wait_key
	call kbd_take
	mov [bp+F_AX], ax
	jmp done

wait_key:
1:	cli
	mov ax, ds:[BDA_KBHEAD]
	cmp ax, ds:[BDA_KBTAIL]
	jne 2f
	sti
	hlt				/* until an interrupt: IRQ1 or the tick */
	jmp 1b
2:	sti
	mov si, ax
	mov ax, ds:[si]
	ret

/* 01h/11h: is there a key? ZF = 1 if not; else ZF = 0 and AX = the key,
 * left in the buffer. */
peek:
	cli
	mov si, ds:[BDA_KBHEAD]
	cmp si, ds:[BDA_KBTAIL]
	je 2f
	mov ax, ds:[si]
	call plain_key
	jnc 1f
	call kbd_take			/* an extended key 01h can't see */
	jmp peek
peek_ext:
	cli
	mov si, ds:[BDA_KBHEAD]
	cmp si, ds:[BDA_KBTAIL]
	je 2f
	mov ax, ds:[si]
1:	mov [bp+F_AX], ax
	and byte ptr [bp+F_FLAGS], 0xff - FL_ZF
	jmp done
2:	or byte ptr [bp+F_FLAGS], FL_ZF
	jmp done

/* For functions 00h/01h: CF set if AX is a key only the enhanced
 * functions report (scan codes 85h and up with no character: F11, F12,
 * Ctrl/Alt + grey keys...); else AX as the old keyboard had it: the
 * grey keys' E0h character becomes 00h, grey Enter and / get their
 * main keyboard scan codes. */
plain_key:
	cmp ah, 0xe0
	jne 1f
	mov ah, 0x35			/* grey / */
	cmp al, '/'
	je 3f
	mov ah, 0x1c			/* grey Enter, Ctrl+Enter */
	jmp 3f
1:	cmp al, 0xe0
	jne 2f
	test ah, ah
	jz 3f				/* Alt+224 typed on the keypad */
	xor al, al
2:	cmp ah, 0x85
	jb 3f
	test al, al
	jnz 3f
	stc
	ret
3:	clc
	ret

/* Remove the key at the head of the buffer: AX = it. */
kbd_take:
	cli
	mov si, ds:[BDA_KBHEAD]
	mov ax, ds:[si]
	add si, 2
	cmp si, ds:[BDA_KBEND]
	jb 1f
	mov si, ds:[BDA_KBSTART]
1:	mov ds:[BDA_KBHEAD], si
	sti
	ret

/* 02h: AL = the shift flags (40:17). 12h: AH too: bit 0 left Ctrl,
 * 1 left Alt, 2 right Ctrl, 3 right Alt, 4 Scroll Lock, 5 Num Lock,
 * 6 Caps Lock held down, 7 SysRq held down. */
shift_flags:
	mov al, ds:[BDA_KBFLAG]
	mov [bp+F_AL], al
	jmp done
shift_flags_ext:
	mov al, ds:[BDA_KBFLAG]
	mov [bp+F_AL], al
	mov al, ds:[BDA_KBFLAG1]
	mov ah, al
	and al, 0x73			/* left ctrl/alt, the locks held */
	and ah, 0x04			/* SysRq held: bit 2 -> bit 7 */
	shl ah, 5
	or al, ah
	mov ah, ds:[BDA_KBFLAG3]
	and ah, 0x0c			/* right ctrl/alt: bits 2, 3 */
	or al, ah
	mov [bp+F_AH], al
	jmp done

/* 05h: put CX in the buffer as if typed: AL = 0, or 1 if it is full. */
store:
	mov ax, [bp+F_CX]
	call kbd_store
	mov byte ptr [bp+F_AL], 0
	jnc done
	mov byte ptr [bp+F_AL], 1
	jmp done

/* 09h: AL = which functions exist (Ralf Brown's table 00585): bits 0-3
 * the typematic subfunctions 0300h, 0304h, 0305h, 0306h (accepted),
 * bit 4 0Ah (keyboard ID), bit 5 10h-12h (the enhanced keyboard); not
 * bit 6 (the 122-key functions 20h-22h). INT 15h AH=C0h's second
 * feature byte says that 09h exists. */
capabilities:
	mov byte ptr [bp+F_AL], 0x3f
	jmp done

/* 0Ah: BX = the keyboard's ID: 41ABh, an MF2 keyboard behind a
 * translating 8042 (what the keyboard answers to F2h, translated). */
keyboard_id:
	mov word ptr [bp+F_BX], 0x41ab
	jmp done

/* Append key word AX to the buffer (DS = BDA): CF set when it is full
 * (the key is lost, as on a PC; the PC would beep). */
	.globl kbd_store
kbd_store:
	push si
	push di
	pushf
	cli
	mov si, ds:[BDA_KBTAIL]
	mov di, si
	add di, 2
	cmp di, ds:[BDA_KBEND]
	jb 1f
	mov di, ds:[BDA_KBSTART]
1:	cmp di, ds:[BDA_KBHEAD]
	je 2f
	mov ds:[si], ax
	mov ds:[BDA_KBTAIL], di
	popf
	pop di
	pop si
	clc
	ret
2:	popf
	pop di
	pop si
	stc
	ret
