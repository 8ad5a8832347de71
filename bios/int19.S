/* int19.S: INT 19h (bootstrap loader) and INT 18h (no bootable disk).
 *
 * INT 19h tries the first diskette drive (00h), then the first hard disk
 * (80h): it reads the drive's sector 0 to 0000:7C00 and, when the last
 * two bytes are 55h AAh, jumps there. A drive that is absent is skipped
 * quietly; one that cannot be read or has no signature gets a message.
 * When nothing boots, INT 18h.
 *
 * What the boot sector finds (what PC BIOSes commonly leave, and what
 * boot sectors rely on): CS:IP = 0000:7C00, DL = the boot drive,
 * DS = ES = SS = 0, SP = 7C00h, AX = BX = CX = SI = DI = BP = 0, DH = 0,
 * interrupts enabled, direction flag clear, the A20 gate on. */
	.include "bios.inc"
	.text

	.globl int19
int19:
	sti
	cld
	xor ax, ax
	mov ds, ax
	mov es, ax
	mov dl, 0x00
	call boot_drive
	mov dl, 0x80
	call boot_drive
	int 0x18
	jmp int19

/* Boot from drive DL if it can: does not return then. */
boot_drive:
	mov al, dl
	call disk_identify		/* int13.S: CF = no such drive */
	jc 9f
	mov al, dl
	mov ah, DISK_READ
	mov cx, 1
	xor esi, esi			/* LBA 0 */
	xor edi, edi
	mov ebx, 0x7c00			/* physical address of 0000:7C00 */
	call disk_cmd
	jc 2f
	cmp word ptr ds:[0x7dfe], 0xaa55
	jne 3f

	/* Hand over. */
	cli
	xor ax, ax
	mov ss, ax
	mov sp, 0x7c00
	mov ds, ax
	mov es, ax
	xor bx, bx
	xor cx, cx
	xor dh, dh
	xor si, si
	xor di, di
	xor bp, bp
	sti
	jmp 0x0000:0x7c00

2:	push ax				/* AL = the controller's status */
	call drive_msg
	PRINT msg_readerr
	pop ax
	call print_hex8
	PRINT msg_h
	ret
3:	call drive_msg
	PRINT msg_nosig
9:	ret

drive_msg:				/* "blink bios: drive 00h" */
	PRINT msg_drive
	mov al, dl
	call print_hex8
	mov al, 'h'
	jmp print_char

msg_drive:	.asciz "blink bios: drive "
msg_h:		.asciz "h\r\n"
msg_readerr:	.asciz ": boot sector read error "
msg_nosig:	.asciz ": not bootable (no 55AAh signature)\r\n"

/* INT 18h: on the IBM PC, ROM BASIC; on later PCs, the message that no
 * disk could boot. Wait for a key and try again (INT 19h). */
	.globl int18
int18:
	sti
	PRINT msg_noboot
	xor ax, ax
	int 0x16
	int 0x19
	iret

msg_noboot:
	.asciz "No bootable disk. Insert a boot disk and press a key.\r\n"
