/* int10.S: INT 10h, video services (Ralf Brown's Interrupt List, INT 10).
 *
 * The display is a VGA whose text memory (B800:0000, B000:0000 in mode
 * 7) and mode-13h memory (A000:0000) are plain RAM; the BIOS keeps the
 * mode, the cursors and the page in the BDA (40:49-66, 40:84-88) and
 * tells the CRTC where the cursor is and what shape it has. Every
 * character the teletype prints also goes to the echo port E8h, which
 * headless blink copies to stdout. */
	.include "bios.inc"
	.text

	.globl int10
int10:
	sti
	cld
	ENTER_FRAME
	push BDA_SEG
	pop ds				/* DS = BDA for the whole service */
	mov ax, [bp+F_AX]
	movzx bx, ah
	cmp bx, (functions_end - functions) / 2
	jae done
	shl bx, 1
	jmp word ptr cs:[bx + functions]
done:
	LEAVE_FRAME
	iret

functions:
	.word set_mode			/* 00h */
	.word done			/* 01h TODO cursor shape */
	.word set_cursor		/* 02h */
	.word get_cursor		/* 03h */
	.word done			/* 04h light pen: none */
	.word done			/* 05h TODO page */
	.word done			/* 06h TODO scroll up */
	.word done			/* 07h TODO scroll down */
	.word done			/* 08h TODO read char */
	.word done			/* 09h TODO write char/attr */
	.word done			/* 0Ah TODO write char */
	.word done			/* 0Bh TODO CGA palette */
	.word done			/* 0Ch TODO pixel */
	.word done			/* 0Dh TODO pixel */
	.word teletype			/* 0Eh */
	.word get_mode			/* 0Fh */
functions_end:

/* 00h: set mode AL (bit 7: keep the screen's contents). */
set_mode:
	and al, 0x7f
	mov ds:[BDA_MODE], al
	mov word ptr ds:[BDA_COLS], 80
	mov word ptr ds:[BDA_PAGESIZE], 0x1000
	mov word ptr ds:[BDA_PAGESTART], 0
	mov byte ptr ds:[BDA_PAGE], 0
	mov byte ptr ds:[BDA_ROWS], 24
	mov word ptr ds:[BDA_CHARH], 16
	mov word ptr ds:[BDA_CURSHAPE], 0x0607
	mov word ptr ds:[BDA_CRTC], CRTC_COLOR
	xor ax, ax
	mov di, BDA_CURPOS
	mov cx, 8
	push ds
	pop es
	rep stosw
	/* clear the screen: spaces, light grey on black */
	push 0xb800
	pop es
	xor di, di
	mov ax, 0x0720
	mov cx, 0x4000
	test byte ptr [bp+F_AL], 0x80
	jnz 1f
	rep stosw
1:	call cursor_update
	jmp done

/* 02h: cursor of page BH to row DH, column DL. */
set_cursor:
	movzx bx, byte ptr [bp+F_BH]
	and bl, 7
	shl bx, 1
	mov ax, [bp+F_DX]
	mov ds:[BDA_CURPOS + bx], ax
	call cursor_update
	jmp done

/* 03h: page BH's cursor: DH row, DL column; CX its shape. */
get_cursor:
	movzx bx, byte ptr [bp+F_BH]
	and bl, 7
	shl bx, 1
	mov ax, ds:[BDA_CURPOS + bx]
	mov [bp+F_DX], ax
	mov ax, ds:[BDA_CURSHAPE]
	mov [bp+F_CX], ax
	jmp done

/* 0Fh: AL mode, AH columns, BH active page. */
get_mode:
	mov al, ds:[BDA_MODE]
	mov ah, ds:[BDA_COLS]
	mov [bp+F_AX], ax
	mov al, ds:[BDA_PAGE]
	mov [bp+F_BH], al
	jmp done

/* 0Eh: teletype: AL at the cursor of the active page, which moves on;
 * CR, LF, BS and BEL act; the screen scrolls up at the bottom. */
teletype:
	mov al, [bp+F_AL]
	out PORT_TTY, al
	movzx bx, byte ptr ds:[BDA_PAGE]
	shl bx, 1
	mov dx, ds:[BDA_CURPOS + bx]	/* DH row, DL column */
	cmp al, 0x0d
	je 2f
	cmp al, 0x0a
	je 3f
	cmp al, 0x08
	je 4f
	cmp al, 0x07
	je 9f
	/* a printable character: into text memory, attribute kept */
	push 0xb800
	pop es
	push ax
	mov al, dh
	mul byte ptr ds:[BDA_COLS]	/* AX = row * columns */
	movzx di, dl
	add di, ax
	shl di, 1
	pop ax
	mov es:[di], al
	inc dl
	cmp dl, ds:[BDA_COLS]
	jb 8f
	xor dl, dl
3:	inc dh				/* line feed */
	cmp dh, ds:[BDA_ROWS]
	jbe 8f
	mov dh, ds:[BDA_ROWS]
	call scroll_screen
	jmp 8f
2:	xor dl, dl			/* carriage return */
	jmp 8f
4:	test dl, dl			/* backspace: left, not past column 0 */
	jz 8f
	dec dl
8:	mov ds:[BDA_CURPOS + bx], dx
	call cursor_update
9:	jmp done

/* Scroll the whole text screen up a line; the new line is blank with
 * the attribute of the last line's first character. */
scroll_screen:
	push ds
	push dx
	push 0xb800
	pop es
	mov ax, ds:[BDA_COLS]
	movzx cx, byte ptr ds:[BDA_ROWS]
	mul cx				/* AX = cells in rows 1..last */
	mov cx, ax
	mov si, ds:[BDA_COLS]
	shl si, 1
	xor di, di
	push es
	pop ds
	rep movsw
	mov ah, es:[di+1]
	mov al, ' '
	pop dx
	pop ds
	mov cx, ds:[BDA_COLS]
	rep stosw
	ret

/* Tell the CRTC where the active page's cursor is (registers 0Eh/0Fh,
 * a cell offset) and its shape (0Ah/0Bh). */
cursor_update:
	push ax
	push bx
	push dx
	movzx bx, byte ptr ds:[BDA_PAGE]
	shl bx, 1
	mov dx, ds:[BDA_CURPOS + bx]
	movzx ax, dh
	mul byte ptr ds:[BDA_COLS]
	xor dh, dh
	add ax, dx
	mov bx, ds:[BDA_PAGESTART]
	shr bx, 1
	add bx, ax
	mov dx, ds:[BDA_CRTC]
	mov al, 0x0e
	mov ah, bh
	out dx, ax
	mov al, 0x0f
	mov ah, bl
	out dx, ax
	mov bx, ds:[BDA_CURSHAPE]
	mov al, 0x0a
	mov ah, bh
	out dx, ax
	mov al, 0x0b
	mov ah, bl
	out dx, ax
	pop dx
	pop bx
	pop ax
	ret
