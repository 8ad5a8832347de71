/* int1a.S: INT 1Ah, time of day (Ralf Brown's Interrupt List, INT 1A):
 * the tick count INT 08h keeps (00h, 01h) and the real-time clock in the
 * CMOS (02h-05h), whose registers are BCD in 24-hour mode as POST sets
 * status register B. Reading the clock while it updates (status A bit
 * 7) would mix two seconds: the BIOS waits for the update to end and
 * reports CF = 1 if it does not. */
	.include "bios.inc"
	.text

/* A clock register to or from the caller's saved register (the frame
 * field): 02h-05h move the time and date this way, field by field. */
	.macro RTC_GET reg, field
	mov bl, \reg
	call cmos_read
	mov [bp+\field], al
	.endm

	.macro RTC_PUT field, reg
	mov al, [bp+\field]
	mov bl, \reg
	call cmos_write
	.endm

	.globl int1a
int1a:
	sti
	ENTER_FRAME
	push BDA_SEG
	pop ds
	mov ah, [bp+F_AH]
	cmp ah, 0x00
	je get_ticks
	cmp ah, 0x01
	je set_ticks
	cmp ah, 0x02
	je get_time
	cmp ah, 0x03
	je set_time
	cmp ah, 0x04
	je get_date
	cmp ah, 0x05
	je set_date
	cmp ah, 0x06
	je set_alarm
	cmp ah, 0x07
	je reset_alarm
	/* The rest: not here. */
fail:	SET_CF
	LEAVE_FRAME
	iret
ok:	CLEAR_CF
	LEAVE_FRAME
	iret

/* 00h: CX:DX = ticks since midnight; AL = midnight passed since the
 * last call (then cleared). */
get_ticks:
	cli
	mov ax, ds:[BDA_TICKS]
	mov [bp+F_DX], ax
	mov ax, ds:[BDA_TICKS+2]
	mov [bp+F_CX], ax
	mov al, 0
	xchg al, ds:[BDA_MIDNIGHT]
	mov [bp+F_AL], al
	jmp ok

/* 01h: ticks since midnight = CX:DX. */
set_ticks:
	cli
	mov ax, [bp+F_DX]
	mov ds:[BDA_TICKS], ax
	mov ax, [bp+F_CX]
	mov ds:[BDA_TICKS+2], ax
	mov byte ptr ds:[BDA_MIDNIGHT], 0
	jmp ok

/* 02h: CH hours, CL minutes, DH seconds (BCD), DL = 1 if daylight
 * saving time is on (status B bit 0). */
get_time:
	call rtc_wait
	jc fail
	RTC_GET CMOS_HOUR, F_CH
	RTC_GET CMOS_MIN, F_CL
	RTC_GET CMOS_SEC, F_DH
	mov bl, CMOS_B
	call cmos_read
	and al, 0x01
	mov [bp+F_DL], al
	jmp ok

/* 03h: set the clock to CH:CL:DH (BCD), DL daylight saving. The SET
 * bit holds the clock still while the registers change. */
set_time:
	call rtc_set_begin
	RTC_PUT F_CH, CMOS_HOUR
	RTC_PUT F_CL, CMOS_MIN
	RTC_PUT F_DH, CMOS_SEC
	mov ah, [bp+F_DL]
	and ah, 1
	jmp rtc_set_end

/* 04h: CH century, CL year, DH month, DL day (BCD). */
get_date:
	call rtc_wait
	jc fail
	RTC_GET CMOS_CENTURY, F_CH
	RTC_GET CMOS_YEAR, F_CL
	RTC_GET CMOS_MON, F_DH
	RTC_GET CMOS_DAY, F_DL
	jmp ok

/* 05h: set the date from CH century, CL year, DH month, DL day. */
set_date:
	call rtc_set_begin
	RTC_PUT F_CH, CMOS_CENTURY
	RTC_PUT F_CL, CMOS_YEAR
	RTC_PUT F_DH, CMOS_MON
	RTC_PUT F_DL, CMOS_DAY
	mov bl, CMOS_B
	call cmos_read
	mov ah, al
	and ah, 1			/* daylight saving as it was */
	jmp rtc_set_end

/* 06h: the alarm at CH:CL:DH (BCD; C0h-FFh in a field matches any
 * value): the RTC raises IRQ8 then, and its handler calls INT 4Ah (ivt.S
 * irq8). CF if an alarm is set already. */
set_alarm:
	mov bl, CMOS_B
	call cmos_read
	test al, 0x20			/* AIE: an alarm is on */
	jnz fail
	mov al, [bp+F_DH]
	mov bl, CMOS_SEC + 1		/* the alarm registers follow the */
	call cmos_write			/* time's: 01h, 03h, 05h */
	mov al, [bp+F_CL]
	mov bl, CMOS_MIN + 1
	call cmos_write
	mov al, [bp+F_CH]
	mov bl, CMOS_HOUR + 1
	call cmos_write
	mov bl, CMOS_B
	call cmos_read
	or al, 0x20
	call cmos_write
	in al, PIC2_DATA		/* IRQ8 (and the cascade) unmasked */
	and al, 0xfe
	out PIC2_DATA, al
	in al, PIC1_DATA
	and al, 0xfb
	out PIC1_DATA, al
	jmp ok

/* 07h: no alarm. */
reset_alarm:
	mov bl, CMOS_B
	call cmos_read
	and al, 0xdf
	call cmos_write
	jmp ok

rtc_set_begin:
	mov bl, CMOS_B
	call cmos_read
	or al, 0x80			/* SET: updates stop */
	jmp cmos_write

/* Status B back to 24-hour BCD, updates running, DST = AH. */
rtc_set_end:
	mov al, 0x02
	or al, ah
	mov bl, CMOS_B
	call cmos_write
	jmp ok

/* Wait (a bounded while) until the RTC is not updating: CF if it
 * stays busy. */
rtc_wait:
	mov cx, 0xffff
1:	mov bl, CMOS_A
	call cmos_read
	test al, 0x80
	jz 2f
	loop 1b
	stc
	ret
2:	clc
	ret

/* POST: status B to 24-hour BCD (no RTC interrupts), and the tick count
 * from the RTC's time of day: seconds * 1193182 / 65536. */
	.globl ticks_init
ticks_init:
	push ds
	mov bl, CMOS_B
	call cmos_read
	and al, 0x01			/* keep daylight saving */
	or al, 0x02			/* 24-hour, BCD */
	call cmos_write
	call rtc_wait
	mov bl, CMOS_HOUR
	call cmos_read
	call bcd_to_bin
	movzx ecx, al
	imul ecx, ecx, 60
	mov bl, CMOS_MIN
	call cmos_read
	call bcd_to_bin
	movzx eax, al
	add ecx, eax
	imul ecx, ecx, 60
	mov bl, CMOS_SEC
	call cmos_read
	call bcd_to_bin
	movzx eax, al
	add eax, ecx			/* seconds since midnight */
	mov ecx, 1193182
	mul ecx				/* EDX:EAX = seconds * PIT Hz */
	shrd eax, edx, 16		/* / 65536 */
	push BDA_SEG
	pop ds
	mov ds:[BDA_TICKS], eax
	mov byte ptr ds:[BDA_MIDNIGHT], 0
	pop ds
	ret

/* AL from BCD to binary. */
bcd_to_bin:
	push cx
	mov cl, al
	shr al, 4
	mov ch, 10
	mul ch
	and cl, 0x0f
	add al, cl
	pop cx
	ret
