/* util.S: printing for the ROM's own messages (POST, boot, exceptions).
 *
 * Everything goes through the INT 10h teletype, like the messages of a
 * real BIOS, so it is on the screen and (through the teletype's echo
 * port) on blink's stdout. */
	.include "bios.inc"
	.text

/* Print the NUL-terminated string at CS:SI. */
	.globl print_str
print_str:
	push ax
	push si
1:	mov al, cs:[si]
	test al, al
	jz 2f
	call print_char
	inc si
	jmp 1b
2:	pop si
	pop ax
	ret

/* Print the character in AL (teletype: page 0, CR/LF/BS/BEL obeyed). */
	.globl print_char
print_char:
	push ax
	push bx
	mov ah, 0x0e
	mov bx, 0x0007
	int 0x10
	pop bx
	pop ax
	ret

/* Print AX (print_hex16) or AL (print_hex8) as hex digits. */
	.globl print_hex16
print_hex16:
	xchg al, ah
	call print_hex8
	xchg al, ah
	.globl print_hex8
print_hex8:
	push ax
	shr al, 4
	call print_digit
	pop ax
	push ax
	call print_digit
	pop ax
	ret

print_digit:
	and al, 0x0f
	add al, '0'
	cmp al, '9'
	jbe 1f
	add al, 'A' - '9' - 1
1:	jmp print_char
