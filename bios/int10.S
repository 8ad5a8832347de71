/* int10.S: INT 10h, video services (Ralf Brown's Interrupt List, INT 10).
 *
 * The display is a VGA whose text memory (B800:0000; B000:0000 in mode
 * 7) and mode-13h memory (A000:0000, one byte a pixel) are plain RAM.
 * The modes: 00h/01h 40x25 text, 02h/03h 80x25 text, 07h 80x25
 * monochrome text, 13h 320x200 in 256 colours (text in it is drawn with
 * the 8x8 font INT 43h points at: 40x25 cells). The BIOS keeps the mode,
 * the cursors and the page in the BDA (40:49-66, 40:84-88) and tells
 * the CRTC where the cursor is and what shape it has.
 *
 * Every register the caller does not get a result in is preserved (the
 * frame, bios.inc), AL after AH=0Eh included: programs rely on it. Every
 * character the teletype (0Eh, 13h) prints also goes to the echo port
 * E8h, which headless blink copies to stdout. */
	.include "bios.inc"
	.text

/* The current mode's geometry, worked out by `geometry` into locals
 * below the frame: a cell's address is BASE + row * ROWB + col * CELLB
 * in segment VSEG, and a text row is LINES lines LINEB bytes apart (one
 * line in text modes; 8 pixel lines in mode 13h). */
	.equ L_VSEG, -2
	.equ L_BASE, -4
	.equ L_ROWB, -6
	.equ L_CELLB, -8
	.equ L_LINES, -10
	.equ L_LINEB, -12
	.equ L_GFX, -14			/* 1 in mode 13h */
	.equ L_FILL, -16		/* scroll's blank: char + attribute */
	.equ L_SIZE, 16

	.globl int10
int10:
	sti
	cld
	ENTER_FRAME
	sub sp, L_SIZE
	push BDA_SEG
	pop ds				/* DS = BDA for the whole service */
	mov ax, [bp+F_AX]
	movzx bx, ah
	cmp bx, (functions_end - functions) / 2
	jae done
	shl bx, 1
	jmp word ptr cs:[bx + functions]
done:
	mov sp, bp
	LEAVE_FRAME
	iret

functions:
	.word set_mode			/* 00h */
	.word set_shape			/* 01h */
	.word set_cursor		/* 02h */
	.word get_cursor		/* 03h */
	.word light_pen			/* 04h */
	.word set_page			/* 05h */
	.word scroll_up			/* 06h */
	.word scroll_down		/* 07h */
	.word read_char			/* 08h */
	.word write_char_attr		/* 09h */
	.word write_char		/* 0Ah */
	.word cga_palette		/* 0Bh */
	.word write_pixel		/* 0Ch */
	.word read_pixel		/* 0Dh */
	.word teletype			/* 0Eh */
	.word get_mode			/* 0Fh */
	.word palette			/* 10h */
	.word font			/* 11h */
	.word alt_select		/* 12h */
	.word write_string		/* 13h */
	.word done, done, done, done	/* 14h-17h */
	.word done, done		/* 18h, 19h */
	.word display_combination	/* 1Ah */
	.word state_info		/* 1Bh */
functions_end:

/* ---------------------------------------------------------------- modes */

/* A mode: number, columns, kind (MK_*), pages; bytes a page; segment. */
	.equ MK_GFX, 1
	.equ MK_MONO, 2
	.macro MODE n, cols, kind, pages, pagesize, seg, modesel
	.byte \n, \cols, \kind, \pages, \modesel
	.word \pagesize, \seg
	.endm
	.equ MODE_SIZE, 9
modes:
	MODE 0x00, 40, 0, 8, 0x0800, 0xb800, 0x2c
	MODE 0x01, 40, 0, 8, 0x0800, 0xb800, 0x28
	MODE 0x02, 80, 0, 8, 0x1000, 0xb800, 0x2d
	MODE 0x03, 80, 0, 8, 0x1000, 0xb800, 0x29
	MODE 0x07, 80, MK_MONO, 8, 0x1000, 0xb000, 0x29
	MODE 0x13, 40, MK_GFX, 1, 0xfa00, 0xa000, 0x00
	.byte 0xff

/* 00h: set mode AL (bit 7: keep the screen's contents). A mode this
 * VGA does not have (the CGA/EGA planar graphics modes, 04h-06h,
 * 0Dh-12h) changes nothing. */
set_mode:
	mov ah, al
	and al, 0x7f
	mov si, offset modes
1:	mov bl, cs:[si]
	cmp bl, 0xff
	je done
	cmp bl, al
	je 2f
	add si, MODE_SIZE
	jmp 1b
2:	and byte ptr ds:[BDA_VGAFLAGS], 0x7f
	and ah, 0x80			/* 40:87 bit 7: memory not cleared */
	mov ds:[BDA_EGAMISC], ah
	or byte ptr ds:[BDA_EGAMISC], 0x60
	mov ds:[BDA_MODE], al
	movzx ax, byte ptr cs:[si+1]
	mov ds:[BDA_COLS], ax
	mov al, cs:[si+4]
	mov ds:[BDA_MODESEL], al
	mov byte ptr ds:[BDA_PALETTE], 0x30
	mov ax, cs:[si+5]
	mov ds:[BDA_PAGESIZE], ax
	mov word ptr ds:[BDA_PAGESTART], 0
	mov byte ptr ds:[BDA_PAGE], 0
	mov byte ptr ds:[BDA_ROWS], 24
	mov word ptr ds:[BDA_CHARH], 16
	mov word ptr ds:[BDA_CURSHAPE], 0x0607
	mov word ptr ds:[BDA_CRTC], CRTC_COLOR
	/* equipment word bits 4-5: 10b colour 80x25, 11b monochrome */
	and byte ptr ds:[BDA_EQUIP], 0xcf
	or byte ptr ds:[BDA_EQUIP], 0x20
	mov bl, cs:[si+2]
	test bl, MK_MONO
	jz 3f
	mov word ptr ds:[BDA_CURSHAPE], 0x0b0c
	mov word ptr ds:[BDA_CRTC], CRTC_MONO
	or byte ptr ds:[BDA_EQUIP], 0x30
3:	test bl, MK_GFX
	jz 4f
	mov word ptr ds:[BDA_CHARH], 8
	mov word ptr ds:[BDA_CURSHAPE], 0x2000	/* no cursor */
4:	push ds
	pop es
	mov di, BDA_CURPOS		/* every page's cursor at 0,0 */
	xor ax, ax
	mov cx, 8
	rep stosw

	call vga_program
	test byte ptr [bp+F_AL], 0x80
	jnz 6f
	/* Clear the memory: text cells to space on light grey (0720h, as
	 * IBM's BIOS: programs test for blank cells), pixels to 0. */
	mov es, cs:[si+7]
	xor di, di
	mov ax, 0x0720
	mov cx, 0x4000			/* 32 KiB of text pages */
	test bl, MK_GFX
	jz 5f
	xor ax, ax
	mov cx, 0x8000			/* the 64 KiB window */
5:	rep stosw
6:	call cursor_update
	jmp done

/* The VGA's registers for the mode in 40:49 (SI = its modes entry, BL
 * its kind): misc output (colour or mono I/O addresses), the attribute
 * controller (palette 0-15 = DAC 0-15, text or graphics, blink on), the
 * CRTC's start address, and the default DAC palette. */
vga_program:
	push si
	mov al, 0x67			/* misc output: colour, I/O at 3Dxh */
	test bl, MK_MONO
	jz 1f
	mov al, 0x66			/* mono, 3Bxh */
1:	mov dx, VGA_MISC_W
	out dx, al
	/* the attribute controller: read input status 1 to reset its
	 * index/data flip-flop, then index, value pairs */
	mov dx, ds:[BDA_CRTC]
	add dx, 6			/* 3DAh or 3BAh */
	in al, dx
	mov dx, VGA_ATTR
	xor ah, ah
2:	mov al, ah			/* palette registers 00h-0Fh */
	out dx, al
	out dx, al
	inc ah
	cmp ah, 16
	jb 2b
	mov al, 0x10			/* mode control */
	out dx, al
	mov al, 0x0c			/* text: line graphics, blink */
	test bl, MK_MONO
	jz 3f
	mov al, 0x0e			/* mono text */
3:	test bl, MK_GFX
	jz 4f
	mov al, 0x41			/* graphics, 256 colours */
4:	out dx, al
	mov al, 0x11			/* overscan: black */
	out dx, al
	xor al, al
	out dx, al
	mov al, 0x14			/* colour select */
	out dx, al
	xor al, al
	out dx, al
	mov al, 0x20			/* palette address source: show */
	out dx, al
	/* CRTC start address 0 */
	mov dx, ds:[BDA_CRTC]
	mov ax, 0x000c
	out dx, ax
	mov ax, 0x000d
	out dx, ax
	/* the DAC: all 256 entries from the default palette */
	mov dx, VGA_DAC_WR
	xor al, al
	out dx, al
	inc dx				/* VGA_DAC_DATA */
	push ds
	push cs
	pop ds
	mov si, offset vga_palette
	mov cx, 768
	rep outsb
	pop ds
	pop si
	ret

/* 0Fh: AL mode (bit 7 from 40:87: the last mode set kept the screen,
 * as EGA/VGA BIOSes report it), AH columns, BH active page. */
get_mode:
	mov al, ds:[BDA_EGAMISC]
	and al, 0x80
	or al, ds:[BDA_MODE]
	mov ah, ds:[BDA_COLS]
	mov [bp+F_AX], ax
	mov al, ds:[BDA_PAGE]
	mov [bp+F_BH], al
	jmp done

/* 05h: show page AL: the CRTC starts there, its cursor is the one. */
set_page:
	and al, 7
	mov ds:[BDA_PAGE], al
	movzx ax, al
	mul word ptr ds:[BDA_PAGESIZE]
	mov ds:[BDA_PAGESTART], ax
	mov bx, ax
	shr bx, 1			/* in cells (words) */
	mov dx, ds:[BDA_CRTC]
	mov al, 0x0c
	mov ah, bh
	out dx, ax
	mov al, 0x0d
	mov ah, bl
	out dx, ax
	call cursor_update
	jmp done

/* --------------------------------------------------------------- cursor */

/* 01h: cursor shape: CH start line (bit 5: invisible), CL end line. */
set_shape:
	mov ax, [bp+F_CX]
	mov ds:[BDA_CURSHAPE], ax
	call cursor_update
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

/* 03h: page BH's cursor: DH row, DL column; CX the shape. */
get_cursor:
	movzx bx, byte ptr [bp+F_BH]
	and bl, 7
	shl bx, 1
	mov ax, ds:[BDA_CURPOS + bx]
	mov [bp+F_DX], ax
	mov ax, ds:[BDA_CURSHAPE]
	mov [bp+F_CX], ax
	jmp done

/* 04h: the light pen: never triggered (AH = 0). */
light_pen:
	mov byte ptr [bp+F_AH], 0
	jmp done

/* Tell the CRTC where the active page's cursor is (registers 0Eh/0Fh,
 * in cells from the start of video memory) and its shape (0Ah/0Bh).
 * The shape in 40:60 is in CGA terms (8 lines a cell); on the VGA's 16
 * lines a cell it is scaled as VGA BIOSes do ("cursor emulation"): a
 * cursor in the lower half stays that far from the bottom. */
cursor_update:
	push ax
	push bx
	push cx
	push dx
	movzx bx, byte ptr ds:[BDA_PAGE]
	shl bx, 1
	mov dx, ds:[BDA_CURPOS + bx]
	mov al, dh
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
	mov cx, ds:[BDA_CURSHAPE]	/* CH start, CL end */
	mov bl, ds:[BDA_CHARH]
	cmp bl, 8
	jbe 2f
	mov al, ch
	and al, 0x1f
	cmp al, 7
	ja 2f
	cmp cl, 7
	ja 2f
	cmp al, 4			/* lower half: from the bottom */
	jb 1f
	add ch, bl
	sub ch, 8
	add cl, bl
	sub cl, 8
	jmp 2f
1:	cmp cl, 7			/* a block down to the last line */
	jne 2f
	mov cl, bl
	dec cl
2:	mov al, 0x0a
	mov ah, ch
	out dx, ax
	mov al, 0x0b
	mov ah, cl
	out dx, ax
	pop dx
	pop cx
	pop bx
	pop ax
	ret

/* -------------------------------------------------------------- geometry */

/* The locals L_* for page BH (text modes; mode 13h has one page). */
geometry:
	push ax
	push dx
	mov word ptr [bp+L_VSEG], 0xb800
	cmp byte ptr ds:[BDA_MODE], 7
	jne 1f
	mov word ptr [bp+L_VSEG], 0xb000
1:	cmp byte ptr ds:[BDA_MODE], 0x13
	je 2f
	mov word ptr [bp+L_GFX], 0
	movzx ax, bh
	and al, 7
	mul word ptr ds:[BDA_PAGESIZE]
	mov [bp+L_BASE], ax
	mov ax, ds:[BDA_COLS]
	shl ax, 1
	mov [bp+L_ROWB], ax
	mov word ptr [bp+L_CELLB], 2
	mov word ptr [bp+L_LINES], 1
	mov word ptr [bp+L_LINEB], 0
	pop dx
	pop ax
	ret
2:	mov word ptr [bp+L_GFX], 1
	mov word ptr [bp+L_VSEG], 0xa000
	mov word ptr [bp+L_BASE], 0
	mov word ptr [bp+L_ROWB], 320 * 8
	mov word ptr [bp+L_CELLB], 8
	mov word ptr [bp+L_LINES], 8
	mov word ptr [bp+L_LINEB], 320
	pop dx
	pop ax
	ret

/* DI = the offset of cell row DH, column DL (geometry first). */
cell_addr:
	push ax
	push dx
	mov al, dh
	xor ah, ah
	mul word ptr [bp+L_ROWB]
	mov di, ax
	pop dx
	push dx
	movzx ax, dl
	mul word ptr [bp+L_CELLB]
	add di, ax
	add di, [bp+L_BASE]
	pop dx
	pop ax
	ret

/* ---------------------------------------------------------------- scroll */

/* 06h/07h: scroll the window CH,CL (top row, left column) - DH,DL
 * (bottom, right) of the active page up/down by AL lines (0: blank it
 * all); the new lines are blank with attribute BH (mode 13h: colour
 * BH). */
scroll_up:
	xor si, si
	jmp 1f
scroll_down:
	mov si, 1
1:	mov bx, [bp+F_BX]
	push bx
	mov bh, ds:[BDA_PAGE]
	call geometry
	pop bx
	mov cx, [bp+F_CX]
	mov dx, [bp+F_DX]
	call scroll
	jmp done

/* scroll: window CX-DX of the page `geometry` set up, AL lines, BH the
 * fill, SI 0 up / 1 down. */
scroll:
	/* the window within the screen */
	mov ah, ds:[BDA_COLS]
	dec ah
	cmp dl, ah
	jbe 1f
	mov dl, ah
1:	mov ah, ds:[BDA_ROWS]
	cmp dh, ah
	jbe 2f
	mov dh, ah
2:	cmp ch, dh
	ja 9f
	cmp cl, dl
	ja 9f
	mov ah, dh
	sub ah, ch
	inc ah				/* AH = the window's height */
	test al, al
	jz 3f
	cmp al, ah
	jbe 4f
3:	mov al, ah			/* blank it all */
4:	push es
	push ds
	mov es, [bp+L_VSEG]
	/* the fill pattern: text space + attribute; 13h colour twice */
	mov byte ptr [bp+L_FILL], ' '
	cmp word ptr [bp+L_GFX], 0
	je 5f
	mov [bp+L_FILL], bh
5:	mov [bp+L_FILL+1], bh
	test si, si
	jnz scroll_dn
	/* up: rows top+AL..bottom move to top.., the last AL rows blank */
	push ax
	mov ah, ch			/* AH = destination row */
6:	mov bh, ah
	add bh, al			/* source row */
	cmp bh, dh
	ja 7f
	call copy_row
	inc ah
	jmp 6b
7:	pop ax
	mov ah, dh
	sub ah, al
	inc ah				/* first row to blank */
8:	cmp ah, dh
	ja 10f
	call fill_row
	inc ah
	jmp 8b
scroll_dn:
	push ax
	mov ah, dh			/* destination row, from the bottom */
6:	mov bh, ah
	sub bh, al
	jb 7f
	cmp bh, ch
	jb 7f
	call copy_row
	dec ah
	jmp 6b
7:	pop ax
	mov ah, ch
	add al, ch			/* blank rows top..top+AL-1 */
8:	cmp ah, al
	jae 10f
	call fill_row
	inc ah
	jmp 8b
10:	pop ds
	pop es
9:	ret

/* Row BH to row AH, columns CL..DL (ES = video memory, DS = BDA). */
copy_row:
	pusha
	push ds
	push dx
	mov dh, bh
	mov dl, cl
	call cell_addr
	mov si, di
	mov dh, ah
	call cell_addr
	pop dx
	mov al, dl
	sub al, cl
	inc al
	xor ah, ah
	mul word ptr [bp+L_CELLB]
	mov bx, ax			/* bytes a line */
	mov dx, [bp+L_LINES]
	mov ds, [bp+L_VSEG]
1:	push si
	push di
	mov cx, bx
	rep movsb
	pop di
	pop si
	add si, [bp+L_LINEB]
	add di, [bp+L_LINEB]
	dec dx
	jnz 1b
	pop ds
	popa
	ret

/* Row AH, columns CL..DL blank: the word L_FILL in every cell-word. */
fill_row:
	pusha
	push dx
	mov dh, ah
	mov dl, cl
	call cell_addr
	pop dx
	mov al, dl
	sub al, cl
	inc al
	xor ah, ah
	mul word ptr [bp+L_CELLB]
	shr ax, 1
	mov si, ax			/* words a line */
	mov dx, [bp+L_LINES]
	mov ax, [bp+L_FILL]
1:	push di
	mov cx, si
	rep stosw
	pop di
	add di, [bp+L_LINEB]
	dec dx
	jnz 1b
	popa
	ret

/* ----------------------------------------------------------- characters */

/* 08h: AL = the character, AH = its attribute at page BH's cursor. In
 * mode 13h the cell's pixels are matched against the font (AH = 0; AL
 * = 0 if no glyph matches). */
read_char:
	mov bh, [bp+F_BH]
	call geometry
	call cursor_of_page
	call cell_addr
	mov es, [bp+L_VSEG]
	cmp word ptr [bp+L_GFX], 0
	jne 1f
	mov ax, es:[di]
	mov [bp+F_AX], ax
	jmp done
1:	call match_glyph
	xor ah, ah
	mov [bp+F_AX], ax
	jmp done

/* DX = page BH's cursor. */
cursor_of_page:
	push bx
	movzx bx, bh
	and bl, 7
	shl bx, 1
	mov dx, ds:[BDA_CURPOS + bx]
	pop bx
	ret

/* 09h: AL with attribute BL, CX times from page BH's cursor (which
 * stays). 0Ah: the same keeping the attributes there. In mode 13h both
 * draw AL in colour BL (bit 7: XOR onto the pixels). */
write_char_attr:
	mov si, 1
	jmp 1f
write_char:
	xor si, si
1:	mov bh, [bp+F_BH]
	call geometry
	call cursor_of_page
	mov cx, [bp+F_CX]
	jcxz 9f
	mov al, [bp+F_AL]
	mov bl, [bp+F_BL]
2:	call put_cell
	inc dl				/* along the row, on to the next */
	cmp dl, ds:[BDA_COLS]
	jb 3f
	xor dl, dl
	inc dh
	cmp dh, ds:[BDA_ROWS]
	ja 9f
3:	loop 2b
9:	jmp done

/* Character AL at row DH, column DL; SI = 1: with attribute (text) BL;
 * in 13h colour BL. */
put_cell:
	push di
	push es
	mov es, [bp+L_VSEG]
	call cell_addr
	cmp word ptr [bp+L_GFX], 0
	jne 2f
	mov es:[di], al
	test si, si
	jz 1f
	mov es:[di+1], bl
1:	pop es
	pop di
	ret
2:	call draw_glyph
	pop es
	pop di
	ret

/* Mode 13h: glyph AL of the 8x8 font (INT 43h) at ES:DI, colour BL
 * (bit 7: XOR), background 0. */
draw_glyph:
	pusha
	push ds
	xor si, si
	mov ds, si
	lds si, ds:[0x43 * 4]
	movzx cx, al
	shl cx, 3
	add si, cx
	mov ch, 8			/* lines */
1:	lodsb
	mov ah, al
	mov cl, 8			/* pixels */
2:	xor al, al
	shl ah, 1
	jnc 3f
	mov al, bl
	and al, 0x7f
3:	test bl, 0x80
	jz 4f
	xor es:[di], al
	jmp 5f
4:	mov es:[di], al
5:	inc di
	dec cl
	jnz 2b
	add di, 320 - 8
	dec ch
	jnz 1b
	pop ds
	popa
	ret

/* Mode 13h: AL = the character whose glyph matches the cell at ES:DI
 * (a pixel is set if it is not colour 0), 0 if none does. */
match_glyph:
	push bx
	push cx
	push si
	push di
	push ds
	/* the cell as 8 bytes of bits, on the stack */
	sub sp, 8
	mov si, sp
	mov ch, 8
1:	xor ah, ah
	mov cl, 8
2:	cmp byte ptr es:[di], 0
	je 3f
	stc
3:	rcl ah, 1
	inc di
	dec cl
	jnz 2b
	mov ss:[si], ah
	inc si
	add di, 320 - 8
	dec ch
	jnz 1b
	/* search the font */
	push es
	xor bx, bx
	mov ds, bx
	les di, ds:[0x43 * 4]
	push ss
	pop ds
	xor bx, bx			/* BL = the character */
4:	mov si, sp
	add si, 2			/* (past the pushed ES) */
	push di
	mov cx, 8
	repe cmpsb
	pop di
	je 5f
	add di, 8
	inc bl
	jnz 4b
5:	pop es
	mov al, bl
	add sp, 8
	pop ds
	pop di
	pop si
	pop cx
	pop bx
	ret

/* ---------------------------------------------------------------- pixels */

/* 0Ch: mode 13h pixel CX (x), DX (y) to colour AL (bit 7: XOR). */
write_pixel:
	call pixel_addr
	jc done
	mov al, [bp+F_AL]
	test al, 0x80
	jz 1f
	and al, 0x7f
	xor es:[di], al
	jmp done
1:	mov es:[di], al
	jmp done

/* 0Dh: AL = the colour of mode 13h pixel CX, DX. */
read_pixel:
	call pixel_addr
	jc done
	mov al, es:[di]
	mov [bp+F_AL], al
	jmp done

/* ES:DI = pixel CX, DX in mode 13h; CF if not in that mode or off the
 * screen. */
pixel_addr:
	cmp byte ptr ds:[BDA_MODE], 0x13
	jne 1f
	mov cx, [bp+F_CX]
	mov dx, [bp+F_DX]
	cmp cx, 320
	jae 1f
	cmp dx, 200
	jae 1f
	push 0xa000
	pop es
	mov ax, 320
	mul dx
	add ax, cx
	mov di, ax
	clc
	ret
1:	stc
	ret

/* -------------------------------------------------------------- teletype */

/* 0Eh: teletype: AL at the active page's cursor, which moves on; CR,
 * LF, BS and BEL act; the screen scrolls up at the bottom. Text modes
 * keep the cell's attribute; mode 13h draws in colour BL. */
teletype:
	mov bh, ds:[BDA_PAGE]
	call geometry
	mov al, [bp+F_AL]
	mov bl, [bp+F_BL]
	xor si, si			/* no attribute */
	call tty_char
	jmp done

/* tty_char: AL to page BH the teletype's way (echoed to port E8h); SI
 * = 1: with attribute BL (text), BL the colour in mode 13h. */
tty_char:
	out PORT_TTY, al
	call cursor_of_page		/* DH row, DL column */
	cmp al, 0x0d
	je 2f
	cmp al, 0x0a
	je 3f
	cmp al, 0x08
	je 4f
	cmp al, 0x07
	je 9f				/* BEL: no speaker to beep */
	call put_cell
	inc dl
	cmp dl, ds:[BDA_COLS]
	jb 8f
	xor dl, dl
3:	inc dh				/* line feed */
	cmp dh, ds:[BDA_ROWS]
	jbe 8f
	mov dh, ds:[BDA_ROWS]
	call tty_scroll
	jmp 8f
2:	xor dl, dl			/* carriage return */
	jmp 8f
4:	test dl, dl			/* backspace: left, not past column 0 */
	jz 8f
	dec dl
8:	push bx				/* the new cursor */
	movzx bx, bh
	and bl, 7
	shl bx, 1
	mov ds:[BDA_CURPOS + bx], dx
	pop bx
	call cursor_update
9:	ret

/* The page up a line under the teletype: the new bottom line blank with
 * the attribute of the cell the cursor is on (mode 13h: colour 0). */
tty_scroll:
	pusha
	mov es, [bp+L_VSEG]
	call cell_addr
	mov bh, es:[di+1]
	cmp word ptr [bp+L_GFX], 0
	je 1f
	xor bh, bh
1:	mov al, 1
	xor cx, cx
	mov dh, ds:[BDA_ROWS]
	mov dl, ds:[BDA_COLS]
	dec dl
	xor si, si
	call scroll
	popa
	ret

/* 13h: write string: ES:BP, CX characters, at row DH column DL of page
 * BH. AL bit 0: the cursor ends after the string (else it stays); bit 1:
 * the string is character, attribute pairs (else all in attribute BL).
 * CR, LF, BS and BEL act as in the teletype. */
write_string:
	mov bh, [bp+F_BH]
	call geometry
	call cursor_of_page
	push dx				/* where the cursor was */
	mov dx, [bp+F_DX]		/* start there */
	movzx bx, bh
	and bl, 7
	shl bx, 1
	mov ds:[BDA_CURPOS + bx], dx
	mov bh, [bp+F_BH]
	mov cx, [bp+F_CX]
	mov es, [bp+F_ES]
	mov di, [bp+F_BP]
	jcxz 4f
1:	mov al, es:[di]
	inc di
	mov bl, [bp+F_BL]
	test byte ptr [bp+F_AL], 0x02
	jz 2f
	mov bl, es:[di]
	inc di
2:	push es
	push di
	push cx
	mov si, 1			/* with its attribute */
	call tty_char
	pop cx
	pop di
	pop es
	loop 1b
4:	pop dx
	test byte ptr [bp+F_AL], 0x01
	jnz 5f
	movzx bx, byte ptr [bp+F_BH]	/* the cursor back */
	and bl, 7
	shl bx, 1
	mov ds:[BDA_CURPOS + bx], dx
	call cursor_update
5:	jmp done

/* ---------------------------------------------------------------- colour */

/* 0Bh: the CGA's border/background (BH = 0) or palette (BH = 1): kept
 * in 40:66 for programs that read it back; the VGA's text colours do
 * not change. */
cga_palette:
	mov al, ds:[BDA_PALETTE]
	mov bl, [bp+F_BL]
	cmp byte ptr [bp+F_BH], 0
	jne 1f
	and al, 0xe0
	and bl, 0x1f
	jmp 2f
1:	and al, 0xdf
	and bl, 1
	shl bl, 5
2:	or al, bl
	mov ds:[BDA_PALETTE], al
	jmp done

/* 10h: the palette registers and the DAC. AL = 00h palette register BL
 * := BH; 01h overscan := BH; 02h registers 0-15 and overscan from
 * ES:DX (17 bytes); 03h BL = 0 bright backgrounds, 1 blinking; 07h BH
 * := register BL; 08h BH := overscan; 09h the 17 bytes to ES:DX; 10h
 * DAC entry BX := DH red, CH green, CL blue; 12h CX entries from BX out
 * of ES:DX (3 bytes each); 15h DH, CH, CL := DAC entry BX; 17h CX
 * entries from BX to ES:DX; 1Ah BL = 0 (paging mode), BH = 0 (page). */
palette:
	mov dx, ds:[BDA_CRTC]
	add dx, 6
	in al, dx			/* the attribute flip-flop to index */
	mov dx, VGA_ATTR
	mov al, [bp+F_AL]
	cmp al, 0x00
	je pal_set
	cmp al, 0x01
	je pal_overscan
	cmp al, 0x02
	je pal_all
	cmp al, 0x03
	je pal_blink
	cmp al, 0x07
	je pal_get
	cmp al, 0x08
	je pal_get_overscan
	cmp al, 0x09
	je pal_get_all
	cmp al, 0x10
	je dac_set
	cmp al, 0x12
	je dac_set_block
	cmp al, 0x15
	je dac_get
	cmp al, 0x17
	je dac_get_block
	cmp al, 0x1a
	je dac_state
	jmp pal_end

pal_set:
	mov al, [bp+F_BL]
	and al, 0x0f
	mov ah, [bp+F_BH]
	call attr_write
	jmp pal_end
pal_overscan:
	mov al, 0x11
	mov ah, [bp+F_BH]
	call attr_write
	jmp pal_end
pal_all:
	mov es, [bp+F_ES]
	mov si, [bp+F_DX]
	xor al, al
1:	mov ah, es:[si]
	inc si
	call attr_write
	inc al
	cmp al, 16
	jb 1b
	mov al, 0x11
	mov ah, es:[si]
	call attr_write
	jmp pal_end
pal_blink:
	mov al, 0x10
	call attr_read
	and ah, 0xf7
	cmp byte ptr [bp+F_BL], 0
	je 1f
	or ah, 0x08
1:	call attr_write
	jmp pal_end
pal_get:
	mov al, [bp+F_BL]
	and al, 0x0f
	call attr_read
	mov [bp+F_BH], ah
	jmp pal_end
pal_get_overscan:
	mov al, 0x11
	call attr_read
	mov [bp+F_BH], ah
	jmp pal_end
pal_get_all:
	mov es, [bp+F_ES]
	mov di, [bp+F_DX]
	xor al, al
1:	call attr_read
	mov es:[di], ah
	inc di
	inc al
	cmp al, 16
	jb 1b
	mov al, 0x11
	call attr_read
	mov es:[di], ah
	jmp pal_end
dac_set:
	mov dx, VGA_DAC_WR
	mov al, [bp+F_BL]
	out dx, al
	inc dx
	mov al, [bp+F_DH]
	out dx, al
	mov al, [bp+F_CH]
	out dx, al
	mov al, [bp+F_CL]
	out dx, al
	jmp pal_end
dac_set_block:
	mov dx, VGA_DAC_WR
	mov al, [bp+F_BL]
	out dx, al
	inc dx
	mov cx, [bp+F_CX]
	mov ax, cx
	shl cx, 1
	add cx, ax			/* 3 bytes an entry */
	mov ds, [bp+F_ES]
	mov si, [bp+F_DX]
	rep outsb
	jmp pal_end
dac_get:
	mov dx, VGA_DAC_RD
	mov al, [bp+F_BL]
	out dx, al
	add dx, 2			/* VGA_DAC_DATA */
	in al, dx
	mov [bp+F_DH], al
	in al, dx
	mov [bp+F_CH], al
	in al, dx
	mov [bp+F_CL], al
	jmp pal_end
dac_get_block:
	mov dx, VGA_DAC_RD
	mov al, [bp+F_BL]
	out dx, al
	add dx, 2
	mov cx, [bp+F_CX]
	mov ax, cx
	shl cx, 1
	add cx, ax
	mov es, [bp+F_ES]
	mov di, [bp+F_DX]
	rep insb
	jmp pal_end
dac_state:
	mov word ptr [bp+F_BX], 0
pal_end:
	push BDA_SEG
	pop ds
	mov dx, ds:[BDA_CRTC]
	add dx, 6
	in al, dx
	mov dx, VGA_ATTR
	mov al, 0x20			/* the palette back to the display */
	out dx, al
	jmp done

/* Attribute controller register AL := AH (DX = 3C0h, flip-flop at
 * index); AH := register AL. */
attr_write:
	push ax
	out dx, al
	mov al, ah
	out dx, al
	pop ax
	ret
attr_read:
	push bx
	mov bl, al
	out dx, al
	inc dx
	in al, dx			/* 3C1h: the data */
	dec dx
	mov ah, al
	push dx				/* the flip-flop back to index */
	mov dx, ds:[BDA_CRTC]
	add dx, 6
	in al, dx
	pop dx
	mov al, bl
	pop bx
	ret

/* ------------------------------------------------------- fonts and info */

/* 11h: AX=1130h: ES:BP = font BH (00h INT 1Fh's, 01h INT 43h's, 03h
 * the ROM's 8x8 00h-7Fh, 04h 80h-FFh; the others (8x14, 8x16) are not
 * in this ROM: the 8x8 one), CX = the current character height, DL =
 * the rows - 1. Loading fonts (other AL): accepted, the text screen
 * stays as it is. */
font:
	cmp al, 0x30
	jne done
	mov bl, [bp+F_BH]
	xor ax, ax
	mov es, ax
	cmp bl, 0x00
	jne 1f
	les di, es:[0x1f * 4]
	jmp 3f
1:	cmp bl, 0x01
	jne 2f
	les di, es:[0x43 * 4]
	jmp 3f
2:	push cs
	pop es
	mov di, offset font8x8
	cmp bl, 0x04
	jne 3f
	mov di, offset font8x8_hi
3:	mov [bp+F_ES], es
	mov [bp+F_BP], di
	mov ax, ds:[BDA_CHARH]
	mov [bp+F_CX], ax
	mov al, ds:[BDA_ROWS]
	mov [bp+F_DL], al
	jmp done

/* 12h: alternate select. BL = 10h: EGA/VGA information: BH = 0 colour
 * (1 mono), BL = 03h (256K), CH = 0 (feature bits), CL = the switch
 * settings (40:88). The other subfunctions (scan lines, cursor
 * emulation, video on/off...) answer AL = 12h: done. */
alt_select:
	mov bl, [bp+F_BL]
	cmp bl, 0x10
	jne 2f
	mov ax, 0x0300
	cmp byte ptr ds:[BDA_MODE], 7
	jne 1f
	mov al, 0x01
1:	xchg al, ah			/* BH = colour/mono, BL = memory */
	mov [bp+F_BX], ax
	mov cl, ds:[BDA_EGASW]
	and cl, 0x0f
	xor ch, ch
	mov [bp+F_CX], cx
	jmp done
2:	cmp bl, 0x20
	jb done
	mov byte ptr [bp+F_AL], 0x12
	jmp done

/* 1Ah: display combination. AL = 00h: BL = 08h (VGA, colour) or 07h
 * (VGA, mono), BH = 00h (no second display); AL = 01h: set (ignored).
 * Either way AL = 1Ah, which says the function exists. */
display_combination:
	cmp al, 1
	ja done
	mov byte ptr [bp+F_AL], 0x1a
	test al, al
	jnz done
	mov bx, 0x0008
	cmp byte ptr ds:[BDA_MODE], 7
	jne 1f
	mov bl, 0x07
1:	mov [bp+F_BX], bx
	jmp done

/* 1Bh (BX = 0): functionality and state information to ES:DI, 64
 * bytes (Ralf Brown's Interrupt List, INT 10/AH=1Bh): a far pointer to
 * the static functionality table, the BDA's video data (40:49-66), rows,
 * character height, the display combination, colours, pages, scan
 * lines, flags (cursor emulation, blinking) and 256K of memory. AL =
 * 1Bh says the function exists. */
state_info:
	cmp word ptr [bp+F_BX], 0
	jne done
	mov es, [bp+F_ES]
	mov di, [bp+F_DI]
	push di
	xor ax, ax
	mov cx, 32
	rep stosw			/* the 64 bytes, zero first */
	pop di
	mov word ptr es:[di], offset static_table
	mov word ptr es:[di+2], BIOS_SEG
	push di
	add di, 4
	mov si, BDA_MODE
	mov cx, 0x67 - BDA_MODE		/* 40:49-66, 30 bytes */
	rep movsb
	pop di
	mov al, ds:[BDA_ROWS]
	inc al
	mov es:[di+0x22], al
	mov ax, ds:[BDA_CHARH]
	mov es:[di+0x23], ax
	mov byte ptr es:[di+0x31], 3	/* 256K */
	mov al, ds:[BDA_MODE]
	mov bx, 16			/* colours */
	mov cx, 0x0802			/* 8 pages, 400 lines (code 2) */
	mov dx, 0x3008			/* flags: emulation, blink; VGA colour */
	cmp al, 7
	jne 1f
	xor bx, bx			/* monochrome */
	mov dl, 0x07
1:	cmp al, 0x13
	jne 2f
	mov bx, 256
	mov cx, 0x0100			/* 1 page, 200 lines (code 0) */
	mov dh, 0x10
2:	mov es:[di+0x25], dl
	mov es:[di+0x27], bx
	mov es:[di+0x29], ch
	mov es:[di+0x2a], cl
	mov es:[di+0x2d], dh
	mov byte ptr [bp+F_AL], 0x1b
	jmp done

/* What this video BIOS can do (for 1Bh): modes 00h-03h, 07h (byte 0),
 * 13h (byte 2); 200 and 400 scan lines; one character block; cursor
 * emulation, the palette and DAC functions; blink/intensity and the
 * display combination. */
static_table:
	.byte 0x8f, 0x00, 0x08, 0, 0, 0, 0
	.byte 0x05, 1, 1, 0x70, 0x0c, 0, 0, 0, 0

	.include "vga-palette.inc"
