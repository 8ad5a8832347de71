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
