/* int09.S: INT 09h, IRQ1: a byte from the keyboard.
 *
 * The 8042 hands over scan code set 1 (it translates): a make code when
 * a key goes down, the same | 80h when it comes up, E0h before the grey
 * keys, E1h before Pause. This handler keeps the shift state in the BDA
 * (40:17, 40:18, 40:96), turns makes into INT 16h key words (scan code
 * << 8 | character, kbd-tables.inc) and queues them in the buffer at
 * 40:1E. Before anything, INT 15h AH=4Fh may change or swallow the byte
 * (keyboard intercept: CF clear on return = swallowed). */
	.include "bios.inc"
	.text

	/* 40:17 */
	.equ K_RSHIFT, 0x01
	.equ K_LSHIFT, 0x02
	.equ K_CTRL, 0x04
	.equ K_ALT, 0x08
	.equ K_SCROLL, 0x10
	.equ K_NUM, 0x20
	.equ K_CAPS, 0x40
	.equ K_INSERT, 0x80
	/* 40:18 (keys held down) */
	.equ K1_LCTRL, 0x01
	.equ K1_LALT, 0x02
	/* 40:96 */
	.equ K3_E1, 0x01
	.equ K3_E0, 0x02
	.equ K3_RCTRL, 0x04
	.equ K3_RALT, 0x08
	.equ KBD_TABLE_KEYS, 0x59	/* make codes in kbd-tables.inc */

	.globl int09
int09:
	ENTER_FRAME
	cld
	push BDA_SEG
	pop ds
	in al, KBC_DATA
	mov ah, 0x4f			/* keyboard intercept */
	stc
	int 0x15
	jnc done
	/* Prefixes: remembered for the next byte. */
	cmp al, 0xe0
	jne 1f
	or byte ptr ds:[BDA_KBFLAG3], K3_E0
	jmp done
1:	cmp al, 0xe1
	jne 2f
	or byte ptr ds:[BDA_KBFLAG3], K3_E1
	jmp done
2:	mov ah, ds:[BDA_KBFLAG3]	/* AH bit 1: after E0 */
	and byte ptr ds:[BDA_KBFLAG3], 0xff - K3_E0 - K3_E1
	test ah, K3_E1			/* Pause: E1 1D 45 E1 9D C5, ignored */
	jz 3f
	mov bl, al
	and bl, 0x7f
	cmp bl, 0x1d
	jne done
	or byte ptr ds:[BDA_KBFLAG3], K3_E1	/* the 45h/C5h still to come */
	jmp done
3:	mov bl, al
	and bl, 0x7f			/* BL = key, AL bit 7 = released */
	mov bh, al
	and bh, 0x80			/* BH = 80h when released */

	/* The shift keys. */
	cmp bl, 0x2a
	je lshift
	cmp bl, 0x36
	je rshift
	cmp bl, 0x1d
	je ctrl
	cmp bl, 0x38
	je alt
	cmp bl, 0x3a
	je caps
	cmp bl, 0x45
	je num
	cmp bl, 0x46
	je scroll
	test bh, bh			/* other keys: only makes matter */
	jnz done
	call translate			/* AX = key word, 0: none */
	test ax, ax
	jz done
	call kbd_store			/* int16.S */
	jmp done

lshift:	test ah, K3_E0			/* E0 2A: the 8042's fake shift */
	jnz done
	mov cl, K_LSHIFT
	jmp held
rshift:	test ah, K3_E0
	jnz done
	mov cl, K_RSHIFT
held:	test bh, bh			/* 40:17 bit CL while held */
	jnz 1f
	or ds:[BDA_KBFLAG], cl
	jmp done
1:	not cl
	and ds:[BDA_KBFLAG], cl
	jmp done

/* Ctrl and Alt: left and right are held separately (40:18, 40:96); the
 * 40:17 bit is "either". */
ctrl:	mov cl, K1_LCTRL
	mov ch, K3_RCTRL
	mov dl, K_CTRL
	jmp either
alt:	mov cl, K1_LALT
	mov ch, K3_RALT
	mov dl, K_ALT
	test bh, bh
	jz either
	/* Alt released after digits typed on the keypad: that character. */
	movzx ax, byte ptr ds:[BDA_ALTNUM]
	mov byte ptr ds:[BDA_ALTNUM], 0
	test al, al
	jz either
	push ax
	call kbd_store
	pop ax
either:	mov si, BDA_KBFLAG1
	test ah, K3_E0
	jz 1f
	mov si, BDA_KBFLAG3
	mov cl, ch
1:	test bh, bh
	jnz 2f
	or ds:[si], cl
	jmp 3f
2:	not cl
	and ds:[si], cl
3:	/* either side still down? */
	mov al, ds:[BDA_KBFLAG1]
	and al, K1_LCTRL | K1_LALT
	mov cl, ds:[BDA_KBFLAG3]
	shr cl, 2			/* right ctrl/alt to bits 0/1 */
	or al, cl
	not dl
	and ds:[BDA_KBFLAG], dl
	not dl
	test al, K1_LCTRL
	jz 4f
	or byte ptr ds:[BDA_KBFLAG], K_CTRL
4:	test al, K1_LALT
	jz 5f
	or byte ptr ds:[BDA_KBFLAG], K_ALT
5:	jmp done

/* The lock keys toggle on the make (not again while held: 40:18). */
caps:	mov cl, K_CAPS
	jmp toggle
num:	test ah, K3_E0
	jnz done
	mov cl, K_NUM
	jmp toggle
scroll:	test ah, K3_E0			/* E0 46: Ctrl+Break */
	jz 1f
	test bh, bh
	jnz done
	or byte ptr ds:[BDA_BREAK], 0x80
	mov ax, ds:[BDA_KBSTART]	/* empty the buffer, then INT 1Bh */
	mov ds:[BDA_KBHEAD], ax
	mov ds:[BDA_KBTAIL], ax
	int 0x1b
	xor ax, ax
	call kbd_store
	jmp done
1:	mov cl, K_SCROLL
toggle:	test bh, bh
	jnz 1f
	test ds:[BDA_KBFLAG1], cl	/* already held: typematic repeat */
	jnz done
	or ds:[BDA_KBFLAG1], cl
	xor ds:[BDA_KBFLAG], cl
	jmp done
1:	not cl
	and ds:[BDA_KBFLAG1], cl
	jmp done

done:
	cli
	mov al, PIC_EOI
	out PIC1_CMD, al
	LEAVE_FRAME
	iret

/* Key BL (a make code; AH bit 1: after E0) in the current shift state
 * -> AX = its key word, 0 for none. May reboot (Ctrl+Alt+Del). */
translate:
	mov dl, ds:[BDA_KBFLAG]
	mov dh, ah			/* DH: the E0 flag */
	/* Ctrl+Alt+Del: a warm boot, as on a PC. */
	cmp bl, 0x53
	jne 1f
	mov al, dl
	and al, K_CTRL | K_ALT
	cmp al, K_CTRL | K_ALT
	jne 1f
	mov word ptr ds:[BDA_RESETFLAG], 0x1234
	mov al, PIC_EOI			/* this IRQ is over: POST starts */
	out PIC1_CMD, al		/* from a quiet 8259 */
	jmp BIOS_SEG:0xfff0
1:	cmp bl, KBD_TABLE_KEYS
	jae none
	movzx si, bl
	shl si, 3
	add si, offset kbd_table	/* CS:SI = the key's four words */
	test dh, K3_E0
	jnz grey
	/* Insert toggles 40:17 bit 7 (and is a key too). */
	cmp bl, 0x52
	jne 2f
	test dl, K_ALT | K_CTRL | K_NUM | K_LSHIFT | K_RSHIFT
	jnz 2f
	xor byte ptr ds:[BDA_KBFLAG], K_INSERT
2:	test dl, K_ALT
	jz 4f
	/* Alt + keypad digits: the character's code in decimal. */
	call keypad_digit
	jc 3f
	cmp al, 10			/* the point is not a digit */
	jae 3f
	mov ch, al
	mov al, ds:[BDA_ALTNUM]
	mov cl, 10
	mul cl				/* AX = the number so far * 10 */
	add al, ch
	mov ds:[BDA_ALTNUM], al
	jmp none
3:	mov ax, cs:[si+6]
	ret
4:	test dl, K_CTRL
	jz 5f
	mov ax, cs:[si+4]
	ret
5:	/* Shift, reversed by Num Lock on the keypad and by Caps Lock on
	 * letters. */
	xor cl, cl
	test dl, K_LSHIFT | K_RSHIFT
	jz 6f
	inc cl
6:	call keypad_digit
	jc 7f
	test dl, K_NUM
	jz 8f
	xor cl, 1
	jmp 8f
7:	mov al, cs:[si]			/* a letter? */
	cmp al, 'a'
	jb 8f
	cmp al, 'z'
	ja 8f
	test dl, K_CAPS
	jz 8f
	xor cl, 1
8:	mov ax, cs:[si]
	test cl, cl
	jz 9f
	mov ax, cs:[si+2]
9:	ret
none:	xor ax, ax
	ret

/* After E0: the grey keys. The cursor block reads like the keypad's
 * without Num Lock but with character E0h (INT 16h AH=00h turns it into
 * 00h); Alt gives scan codes 97h-A3h; grey Enter and / have E0h as the
 * scan code. */
grey:	cmp bl, 0x1c
	jne 1f
	mov ax, 0xe00d
	test dl, K_CTRL
	jz 0f
	mov ax, 0xe00a
0:	test dl, K_ALT
	jz 9f
	mov ax, 0xa600
	ret
1:	cmp bl, 0x35
	jne 2f
	mov ax, 0xe02f
	test dl, K_CTRL
	jz 0f
	mov ax, 0x9500
0:	test dl, K_ALT
	jz 9f
	mov ax, 0xa400
9:	ret
2:	call keypad_digit
	jc none				/* PrtSc, the Windows keys...: none */
	test dl, K_ALT
	jz 3f
	mov ah, bl
	add ah, 0x50
	xor al, al
	ret
3:	mov ax, cs:[si]
	test dl, K_CTRL
	jz 4f
	mov ax, cs:[si+4]
4:	mov al, 0xe0
	ret

/* CF clear if BL is a keypad key with a digit (or the point) on it:
 * AL = the digit's value (the point: 10). */
keypad_digit:
	cmp bl, 0x47
	jb 1f
	cmp bl, 0x53
	ja 1f
	cmp bl, 0x4a
	je 1f
	cmp bl, 0x4e
	je 1f
	mov al, cs:[si+2]		/* the shifted character: '0'-'9' '.' */
	sub al, '0'
	cmp al, 10
	jb 0f
	mov al, 10
0:	clc
	ret
1:	stc
	ret

	.include "kbd-tables.inc"
