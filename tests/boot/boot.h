/* boot.h: helpers for the boot-sector tests (tests/boot/*.S).
 *
 * Each test is real-mode code linked at 0000:7C00 (tests/lib/boot.sh
 * assembles it with gcc -m32 -c and ld --oformat binary), run by
 * `blink -r` with its stdout compared to NAME.out. Comments may carry
 * directives: "@status N" (the expected exit status), "@args FLAGS"
 * (more blink flags, e.g. -p), "@limit SECONDS" (the -T time limit,
 * default 10), "@size BYTES" (pad the image to this size: a floppy
 * geometry). NAME.keys, when present, is the run's stdin. */
        .code16
        .text

/* Output through the debug port E9h (no BIOS needed). */
        .macro  PUTC c
        mov     $\c, %al
        out     %al, $0xe9
        .endm

/* End the run with status n: SYSCALL with EAX=231 (exit_group), the
 * status in EDI (man/blink.1 "THE PC"). */
        .macro  EXIT n
        mov     $231, %eax
        mov     $\n, %edi
        syscall
        .endm

/* The usual start: segments 0, a stack below the code, DF clear. */
        .macro  START
        cli
        xor     %ax, %ax
        mov     %ax, %ds
        mov     %ax, %es
        mov     %ax, %ss
        mov     $0x7c00, %sp
        cld
        jmp     $0, $1f
1:
        .endm

/* The boot signature at the end of the first sector. */
        .macro  SIGNATURE
        .org    510
        .word   0xaa55
        .endm

/* Subroutines, included with BOOT_LIB where a test wants them:
 *   puts_e9:  the NUL-terminated string at DS:SI to port E9h
 *   hex8_e9:  AL as two hex digits;  hex16_e9: AX as four */
        .macro  BOOT_LIB
puts_e9:
        push    %ax
        push    %si
2:      lodsb
        test    %al, %al
        jz      3f
        out     %al, $0xe9
        jmp     2b
3:      pop     %si
        pop     %ax
        ret
hex16_e9:
        xchg    %al, %ah
        call    hex8_e9
        xchg    %al, %ah
hex8_e9:
        push    %ax
        shr     $4, %al
        call    4f
        pop     %ax
        push    %ax
        and     $15, %al
        call    4f
        pop     %ax
        ret
4:      add     $'0', %al
        cmp     $'9', %al
        jbe     5f
        add     $'a' - '9' - 1, %al
5:      out     %al, $0xe9
        ret
        .endm

/* The rest of a test beyond its first sector: reads LBA 1..count (CHS
 * cylinder 0, head 0, sectors 2..count+1) from the boot drive (DL as
 * the BIOS left it) to 7E00h and goes on at the test's "main"; a read
 * error ends the run with '!' and status 1. The first sector ends
 * here ("fail" is there for the test to use too). */
        .macro  LOAD_REST count
        mov     $0x0200 + \count, %ax
        mov     $0x0002, %cx
        xor     %dh, %dh
        mov     $0x7e00, %bx
        int     $0x13
        jc      fail
        jmp     main
fail:   PUTC    '!'
        EXIT    1
        SIGNATURE
        .endm

/* Line printers for the BIOS tests (they need BOOT_LIB):
 *   word: AX as four hex digits and a newline; byte: AL as two */
        .macro  LINE_LIB
word:   call    hex16_e9
        PUTC    '\n'
        ret
byte:   call    hex8_e9
        PUTC    '\n'
        ret
        .endm

/* status: a BIOS call's result as "AH CF", e.g. "00 0" (needs
 * BOOT_LIB); keeps AX and the flags. */
        .macro  STATUS_LIB
status: pushf
        push    %ax
        mov     %ah, %al
        call    hex8_e9
        PUTC    ' '
        pop     %ax
        popf
        mov     $'0', %al
        adc     $0, %al
        out     %al, $0xe9
        PUTC    '\n'
        ret
        .endm

/* From real mode into 32-bit protected mode with the test's own GDT
 * (its "gdtr": code 08h, data 10h, flat) and, with idt=1, its IDT
 * ("idtr"); continues at pm32 with DS, ES, SS = 10h and ESP = 7C00h. */
        .macro  TO_PM32 idt=0
        lgdt    gdtr
        .if     \idt
        lidt    idtr
        .endif
        mov     %cr0, %eax
        or      $1, %eax
        mov     %eax, %cr0
        ljmp    $0x08, $pm32

        .code32
pm32:   mov     $0x10, %ax
        mov     %ax, %ds
        mov     %ax, %es
        mov     %ax, %ss
        mov     $0x7c00, %esp
        .endm

/* 32-bit code: the interrupt gate for vector vec in an IDT at 1000h,
 * to handler in segment 08h, type/DPL word type (8E00h, EE00h for
 * CPL 3). Clobbers EAX. */
        .macro  GATE32 vec, handler, type
        mov     $\handler, %eax
        mov     %ax, 0x1000 + \vec * 8
        movw    $0x08, 0x1002 + \vec * 8
        movw    $\type, 0x1004 + \vec * 8
        shr     $16, %eax
        mov     %ax, 0x1006 + \vec * 8
        .endm

/* scan: byte AL as if the keyboard sent it (8042 command D2h, which
 * raises IRQ1), then waits (hlt) until INT 09h has read it: the
 * output buffer is empty again. Needs interrupts on. */
        .macro  SCAN_LIB
scan:   push    %ax
1:      in      $0x64, %al      /* the 8042 ready for a command */
        test    $2, %al
        jnz     1b
        mov     $0xd2, %al
        out     %al, $0x64
2:      in      $0x64, %al
        test    $2, %al
        jnz     2b
        pop     %ax
        out     %al, $0x60
3:      hlt                     /* IRQ1 (or the tick) */
        in      $0x64, %al
        test    $1, %al
        jnz     3b
        ret
        .endm

/* Prints "same\n" or "differ\n" (the test's strings "same" and
 * "differ") as the 512 bytes at a and at b compare (DS = ES = 0).
 * Clobbers SI, DI, CX. */
        .macro  SAME_SECTOR a, b
        mov     $\a, %si
        mov     $\b, %di
        mov     $512, %cx
        repe cmpsb
        mov     $same, %si
        je      1f
        mov     $differ, %si
1:      call    puts_e9
        .endm
