/* int13.S: INT 13h, disk services, on blink's disk controller.
 *
 * The controller (ports 510h-51Fh, man/blink.1 "THE PC") moves whole
 * sectors between the image and physical memory by LBA; this file is
 * the BIOS side: CHS addressing with the drive's geometry, the extended
 * (LBA) functions, the status bytes in the BDA (40:41 diskettes, 40:74
 * hard disks) and the INT 13h register conventions (Ralf Brown's
 * Interrupt List, INT 13). Every function returns AH = status and
 * CF = (status != 0) unless it says otherwise. */
	.include "bios.inc"
	.text

/* disk_identify: does drive AL exist? CF clear if so, and the
 * controller's registers then hold its size and geometry (DISK_LBA,
 * DISK_CYLS, DISK_HEADS, DISK_SPT). Preserves all but flags. */
	.globl disk_identify
disk_identify:
	push ax
	push dx
	mov dx, DISK_DRIVE
	out dx, al
	mov al, DISK_IDENTIFY
	inc dx				/* DISK_CMD */
	out dx, al
	in al, dx
	cmp al, 1			/* CF = (status == 0) */
	cmc				/* CF = (status != 0) */
	pop dx
	pop ax
	ret

/* disk_cmd: command AH on drive AL: CX sectors at LBA EDI:ESI, to or
 * from physical address EBX. Returns AL = status, CF = (AL != 0),
 * CX = sectors done. */
	.globl disk_cmd
disk_cmd:
	push dx
	push ax
	mov dx, DISK_DRIVE
	out dx, al
	mov dx, DISK_COUNT
	mov ax, cx
	out dx, ax
	mov dx, DISK_LBA
	mov eax, esi
	out dx, eax
	mov dx, DISK_LBA_HI
	mov eax, edi
	out dx, eax
	mov dx, DISK_ADDR
	mov eax, ebx
	out dx, eax
	pop ax
	push ax
	mov al, ah
	mov dx, DISK_CMD
	out dx, al			/* go: the transfer is done when */
	in al, dx			/* the status can be read */
	mov dx, DISK_COUNT
	push ax
	in ax, dx
	mov cx, ax
	pop ax
	pop dx				/* (the caller's AX: keep its AH) */
	mov ah, dh
	pop dx
	cmp al, 1
	cmc
	ret

	.equ DRIVE, -2			/* the drive the call was for */

	.macro RETURN
	mov sp, bp
	LEAVE_FRAME
	iret
	.endm

/* ---- the service: registers in the frame (bios.inc ENTER_FRAME) ---- */
	.globl int13
int13:
	sti
	cld
	ENTER_FRAME
	push word ptr [bp+F_DX]		/* [bp+DRIVE]: 08h returns DL */
	mov ax, [bp+F_AX]
	mov dl, [bp+F_DL]
	cmp ah, 0x01
	je get_status
	mov bl, ah
	xor bh, bh
	cmp bl, 0x18			/* functions 00h-18h: the first table */
	jbe 1f
	sub bl, 0x41
	jb bad_command
	cmp bl, 0x48 - 0x41		/* 41h-48h: the second */
	ja bad_command
	add bl, 0x19
1:	shl bx, 1
	jmp word ptr cs:[bx + functions]

functions:
	.word disk_reset		/* 00h reset */
	.word get_status		/* 01h last status */
	.word chs_read			/* 02h read sectors */
	.word chs_write			/* 03h write sectors */
	.word chs_verify		/* 04h verify sectors */
	.word format			/* 05h format track */
	.word bad_command, bad_command	/* 06h, 07h (XT formats) */
	.word get_params		/* 08h drive parameters */
	.word disk_reset		/* 09h initialise drive pair */
	.word bad_command, bad_command	/* 0Ah, 0Bh long read/write */
	.word disk_reset		/* 0Ch seek: nothing to wait for */
	.word disk_reset		/* 0Dh alternate reset */
	.word bad_command, bad_command	/* 0Eh, 0Fh buffer diagnostics */
	.word disk_reset		/* 10h test drive ready */
	.word disk_reset		/* 11h recalibrate */
	.word bad_command, bad_command, bad_command /* 12h-14h diagnostics */
	.word get_type			/* 15h drive type */
	.word change_line		/* 16h disk change status */
	.word disk_reset		/* 17h set media type for format */
	.word disk_reset		/* 18h set media type for format */
	.word ext_check			/* 41h extensions installed? */
	.word ext_read			/* 42h extended read */
	.word ext_write			/* 43h extended write */
	.word ext_verify		/* 44h extended verify */
	.word bad_command		/* 45h lock/unlock */
	.word bad_command		/* 46h eject */
	.word ext_seek			/* 47h extended seek */
	.word ext_params		/* 48h extended parameters */

/* Return with status AL (in AH; CF when nonzero), remembered in the BDA
 * byte of the drive's kind, as AH=01h reports it. */
bad_command:
	mov al, 0x01
	jmp finish
finish_ok:
	xor al, al
finish:
	mov [bp+F_AH], al
	push ds
	push BDA_SEG
	pop ds
	test byte ptr [bp+DRIVE], 0x80
	jnz 1f
	mov ds:[BDA_FDSTATUS], al
	jmp 2f
1:	mov ds:[BDA_HDSTATUS], al
2:	pop ds
	CLEAR_CF
	test al, al
	jz 3f
	SET_CF
3:	RETURN

/* 01h: the status of the last operation on this kind of drive. */
get_status:
	push BDA_SEG
	pop ds
	mov al, ds:[BDA_FDSTATUS]
	test byte ptr [bp+DRIVE], 0x80
	jz 1f
	mov al, ds:[BDA_HDSTATUS]
1:	mov [bp+F_AH], al
	CLEAR_CF
	test al, al
	jz 2f
	SET_CF
2:	RETURN

/* 00h and the functions that only need the drive to be there. */
disk_reset:
	mov al, dl
	call disk_identify
	jc no_drive
	jmp finish_ok
no_drive:
	mov al, DISK_NODRIVE		/* 80h: timeout (not ready) */
	jmp finish

/* 02h-04h: AL sectors at cylinder CH (+ bits 6-7 of CL), head DH,
 * sector CL bits 0-5 (from 1), to or from ES:BX. AL = sectors done. */
chs_read:
	mov ah, DISK_READ
	jmp chs
chs_write:
	mov ah, DISK_WRITE
	jmp chs
chs_verify:
	mov ah, DISK_VERIFY
chs:
	mov byte ptr [bp+F_AL], 0	/* sectors done, so far */
	push ax				/* AH = command, AL = count */
	test al, al
	jz 8f				/* 0 sectors: a bad request */
	mov al, dl
	call disk_identify
	jc 9f
	/* The geometry: heads and sectors a track, from the controller. */
	mov dx, DISK_SPT
	in al, dx
	movzx edi, al			/* EDI = sectors a track */
	dec dx				/* DISK_HEADS */
	in al, dx
	movzx esi, al			/* ESI = heads */
	mov dx, DISK_CYLS
	in ax, dx
	movzx ebx, ax			/* EBX = cylinders */
	/* The address: cylinder, head, sector, each within the geometry
	 * (else 04h: sector not found, as a drive reports it). */
	movzx eax, byte ptr [bp+F_CH]
	mov cl, [bp+F_CL]
	shr cl, 6
	mov ah, cl			/* AX = cylinder (10 bits) */
	cmp eax, ebx
	jae 7f
	movzx ecx, byte ptr [bp+F_DH]	/* head */
	cmp ecx, esi
	jae 7f
	mul esi				/* EAX = cylinder * heads + head */
	add eax, ecx
	mul edi				/* * sectors a track */
	movzx ecx, byte ptr [bp+F_CL]
	and cl, 0x3f			/* sector, 1-based */
	jz 7f
	cmp ecx, edi
	ja 7f
	dec ecx
	add eax, ecx
	mov esi, eax			/* LBA */
	xor edi, edi
	/* The buffer's physical address: ES * 16 + BX. */
	movzx ebx, word ptr [bp+F_ES]
	shl ebx, 4
	movzx eax, word ptr [bp+F_BX]
	add ebx, eax
	pop ax
	movzx cx, al
	mov al, [bp+F_DL]
	call disk_cmd
	mov [bp+F_AL], cl		/* sectors done */
	jmp finish
7:	pop ax
	mov al, 0x04			/* sector not found */
	jmp finish
8:	pop ax
	jmp bad_command
9:	pop ax
	jmp no_drive

/* 05h: format the track at cylinder CH (+ bits 6-7 of CL), head DH:
 * AL sectors, ES:BX = their address fields (cylinder, head, sector,
 * size: 4 bytes each). Each sector named there is written with the
 * format's fill byte (F6h, the diskette table's; 00h on a hard disk),
 * which is what a freshly formatted sector reads as. */
	.equ TRACK_LBA, -6		/* locals below DRIVE */
	.equ TRACK_SPT, -8
	.equ FILL_BUF, 0x200		/* a sector's worth in the EBDA */
format:
	sub sp, 6
	movzx cx, al
	test cx, cx
	jz 8f
	mov al, dl
	call disk_identify
	jc 9f
	/* the fill: a sector of it in the EBDA */
	push EBDA_SEG
	pop es
	mov di, FILL_BUF
	mov al, cs:[diskette_table + 8]
	test byte ptr [bp+DRIVE], 0x80
	jz 1f
	xor al, al
1:	push cx
	mov cx, 512
	rep stosb
	pop cx
	/* the track's first LBA: (cylinder * heads + head) * sectors */
	mov dx, DISK_SPT
	in al, dx
	movzx edi, al
	mov [bp+TRACK_SPT], di
	dec dx				/* DISK_HEADS */
	in al, dx
	movzx esi, al
	movzx eax, byte ptr [bp+F_CH]
	mov bl, [bp+F_CL]
	shr bl, 6
	mov ah, bl
	mul esi
	movzx ebx, byte ptr [bp+F_DH]
	add eax, ebx
	mul edi
	mov [bp+TRACK_LBA], eax
	/* each sector named in the address fields */
	mov es, [bp+F_ES]
	mov si, [bp+F_BX]
2:	movzx eax, byte ptr es:[si+2]	/* R: the sector, from 1 */
	test ax, ax
	jz 7f
	cmp ax, [bp+TRACK_SPT]
	ja 7f
	dec eax
	add eax, [bp+TRACK_LBA]
	push cx
	push si
	mov esi, eax
	xor edi, edi
	mov ebx, EBDA_SEG * 16 + FILL_BUF
	mov cx, 1
	mov al, [bp+DRIVE]
	mov ah, DISK_WRITE
	call disk_cmd
	pop si
	pop cx
	jc finish			/* AL = the controller's status */
	add si, 4
	loop 2b
	jmp finish_ok
7:	mov al, 0x04			/* no such sector on the track */
	jmp finish
8:	jmp bad_command
9:	jmp no_drive

/* 08h: the drive's geometry as CHS limits: CH = last cylinder (low 8
 * bits), CL = sectors a track | last cylinder's bits 8-9 << 6,
 * DH = last head, DL = drives of this kind; diskettes: BL = drive type
 * (CMOS 10h) and ES:DI = the diskette parameter table. */
get_params:
	mov al, dl
	call disk_identify
	jc 9f
	mov dx, DISK_CYLS
	in ax, dx
	cmp ax, 1024			/* CHS reaches 1024 cylinders */
	jbe 1f
	mov ax, 1024
1:	dec ax
	mov [bp+F_CH], al
	shl ah, 6
	mov dx, DISK_SPT
	in al, dx
	or al, ah
	mov [bp+F_CL], al
	dec dx				/* DISK_HEADS */
	in al, dx
	dec al
	mov [bp+F_DH], al
	mov byte ptr [bp+F_AL], 0
	push BDA_SEG
	pop ds
	test byte ptr [bp+DRIVE], 0x80
	jz 2f
	mov al, ds:[BDA_HDCOUNT]
	mov [bp+F_DL], al
	jmp finish_ok
2:	call floppy_count
	mov [bp+F_DL], al
	call floppy_type
	mov [bp+F_BL], al
	mov byte ptr [bp+F_BH], 0
	mov word ptr [bp+F_ES], BIOS_SEG
	mov word ptr [bp+F_DI], offset diskette_table
	jmp finish_ok
9:	/* No such drive: status 01h, as IBM's BIOS answers. For a diskette
	 * drive number, DL is still the number of diskette drives. */
	test byte ptr [bp+DRIVE], 0x80
	jnz 3f
	call floppy_count
	mov [bp+F_DL], al
3:	jmp bad_command

/* AL = the diskette drives the equipment word counts. */
floppy_count:
	push ds
	push BDA_SEG
	pop ds
	mov ax, ds:[BDA_EQUIP]
	pop ds
	test al, 0x01
	jz 1f
	shr al, 6
	inc al
	ret
1:	xor al, al
	ret

/* AL = drive [bp+DRIVE]'s type from CMOS 10h (1 360K, 2 1.2M, 3 720K,
 * 4 1.44M, 5 2.88M): drive 0 is the high nibble. */
floppy_type:
	push bx
	mov bl, CMOS_FLOPPY
	call cmos_read
	pop bx
	test byte ptr [bp+DRIVE], 0x01
	jnz 1f
	shr al, 4
1:	and al, 0x0f
	ret

/* 15h: AH = 00h no drive, 01h diskette without change line, 02h with,
 * 03h hard disk with CX:DX = its sectors. CF clear: AH is not a status
 * here, and the BDA status is left alone. */
get_type:
	mov al, dl
	call disk_identify
	mov al, 0x00
	jc 2f
	mov al, 0x01
	test dl, 0x80
	jz 2f
	mov dx, DISK_LBA
	in eax, dx
	mov [bp+F_DX], ax
	shr eax, 16
	mov [bp+F_CX], ax
	mov al, 0x03
2:	mov [bp+F_AH], al
	CLEAR_CF
	RETURN

/* 16h: has the diskette changed? An image never changes: 00h. */
change_line:
	mov al, dl
	call disk_identify
	jc no_drive
	jmp finish_ok

/* 41h: BX = 55AAh asks whether the extensions are there: BX = AA55h,
 * AH = 21h (EDD 1.1), CX = 1 (the disk access functions 42h-44h, 47h,
 * 48h), CF clear. */
ext_check:
	cmp word ptr [bp+F_BX], 0x55aa
	jne bad_command
	mov al, dl
	call disk_identify
	jc bad_command
	mov word ptr [bp+F_BX], 0xaa55
	mov word ptr [bp+F_CX], 0x0001
	mov byte ptr [bp+F_AH], 0x21
	CLEAR_CF
	RETURN

/* 42h-44h: DS:SI = a disk address packet: byte size (10h, or 18h with
 * a 64-bit flat buffer address at +10h used when +4 is FFFF:FFFF), byte
 * 0, word sectors (set to the sectors done), dword buffer segment:
 * offset, qword LBA. */
ext_read:
	mov ah, DISK_READ
	jmp ext
ext_write:
	mov ah, DISK_WRITE
	jmp ext
ext_verify:
	mov ah, DISK_VERIFY
ext:
	mov ds, [bp+F_DS]
	mov si, [bp+F_SI]
	mov al, [si]			/* packet size */
	cmp al, 0x10
	jb bad_command
	mov cx, [si+2]
	mov word ptr [si+2], 0
	movzx ebx, word ptr [si+6]	/* segment */
	shl ebx, 4
	movzx edi, word ptr [si+4]	/* offset */
	add ebx, edi
	cmp dword ptr [si+4], 0xffffffff
	jne 1f
	cmp al, 0x18
	jb bad_command
	cmp dword ptr [si+0x14], 0	/* above 4G: not on this PC */
	jne bad_command
	mov ebx, [si+0x10]
1:	mov edi, [si+12]		/* LBA high */
	mov esi, [si+8]			/* LBA low */
	mov al, dl
	call disk_cmd
	mov si, [bp+F_SI]
	mov [si+2], cx
	jmp finish

/* 47h: seek to the packet's LBA: fine when the drive is there. */
ext_seek:
	jmp disk_reset

/* 48h: DS:SI = a result buffer whose first word the caller set to its
 * size (1Ah at least; 1Eh gets the EDD configuration pointer too): size,
 * flags (bit 1: the CHS geometry is valid), dword cylinders, heads,
 * sectors a track, qword sectors, word bytes a sector. */
ext_params:
	mov ds, [bp+F_DS]
	mov si, [bp+F_SI]
	mov cx, [si]
	cmp cx, 0x1a
	jb bad_command
	mov al, dl
	call disk_identify
	jc no_drive
	mov word ptr [si], 0x1a
	mov word ptr [si+2], 0x0002
	mov dx, DISK_CYLS
	in ax, dx
	movzx eax, ax
	mov [si+4], eax
	mov dx, DISK_HEADS
	in al, dx
	movzx eax, al
	mov [si+8], eax
	mov dx, DISK_SPT
	in al, dx
	movzx eax, al
	mov [si+12], eax
	mov dx, DISK_LBA
	in eax, dx
	mov [si+16], eax
	mov dx, DISK_LBA_HI
	in eax, dx
	mov [si+20], eax
	mov dx, DISK_COUNT		/* the sector size */
	in ax, dx
	mov [si+24], ax
	cmp cx, 0x1e
	jb 1f
	mov word ptr [si], 0x1e
	mov dword ptr [si+26], 0xffffffff /* no EDD configuration */
1:	jmp finish_ok

/* POST: the fixed disk parameter tables INT 41h (drive 80h) and INT 46h
 * (81h) point at, in the EBDA at 3Dh and 4Dh as BIOSes with
 * user-defined drive types keep them (IBM PC/AT layout, 16 bytes:
 * cylinders, heads, reduced write current cylinder, write
 * precompensation cylinder (FFFFh: none), ECC burst, control byte (bit
 * 3: more than 8 heads), three time-outs, landing zone, sectors a track,
 * reserved). A drive that is not there has a table of zeros. */
	.equ HDT_80, 0x3d
	.equ HDT_81, 0x4d
	.globl hd_tables_init
hd_tables_init:
	push ds
	push es
	xor ax, ax
	mov es, ax
	mov word ptr es:[0x41 * 4], HDT_80
	mov word ptr es:[0x41 * 4 + 2], EBDA_SEG
	mov word ptr es:[0x46 * 4], HDT_81
	mov word ptr es:[0x46 * 4 + 2], EBDA_SEG
	push EBDA_SEG
	pop ds
	mov di, HDT_80
	mov al, 0x80
	call hd_table
	mov di, HDT_81
	mov al, 0x81
	call hd_table
	pop es
	pop ds
	ret

/* The table for drive AL at DS:DI (the EBDA is zeroed already). */
hd_table:
	call disk_identify
	jc 2f
	mov dx, DISK_CYLS
	in ax, dx
	cmp ax, 1024
	jbe 1f
	mov ax, 1024
1:	mov [di], ax			/* cylinders */
	mov [di+0x0c], ax		/* landing zone */
	mov dx, DISK_HEADS
	in al, dx
	mov [di+2], al
	cmp al, 8
	jbe 3f
	mov byte ptr [di+8], 0x08
3:	mov word ptr [di+5], 0xffff	/* no write precompensation */
	mov dx, DISK_SPT
	in al, dx
	mov [di+0x0e], al
2:	ret
