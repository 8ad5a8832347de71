/* demo-asm.S: the demo's hand-written assembly (AT&T syntax: the source
 * operand comes first, the destination last).
 *
 * Two small functions that demo.c calls, following the System V x86-64
 * calling convention: the first arguments arrive in %rdi, %rsi, %rdx,
 * the result goes back in %rax (%eax for 32 bits), and %rax, %rcx,
 * %rdx, %rsi, %rdi, %r8-%r11 may be changed freely (the caller saved
 * what it needed). Neither function touches the stack, so neither
 * needs a frame.
 *
 * Built with -g, so the assembler records a line table: stepping here
 * moves the source panel along this file. The comment after each
 * instruction says what it does to the registers and to the flags
 * (CF carry, ZF zero, SF sign, OF overflow, PF parity): watch the flags
 * panel while you step. */

	.text

/* size_t shout(char *dst, const char *src)
 *
 * Copies the string src to dst, turning a-z into A-Z, and returns its
 * length. In demo.c dst is a buffer on the stack, so the STACK panel
 * shows the capitals appear one by one. */
	.globl	shout
	.type	shout, @function
shout:
	.cfi_startproc
	mov	%rdi, %rax	/* rax = dst: remembered to compute the length */
1:	movzbl	(%rsi), %ecx	/* ecx = *src, zero-extended (no flag changes) */
	lea	-'a'(%rcx), %edx /* edx = c - 'a' (lea computes, flags untouched) */
	cmp	$'z'-'a', %edx	/* edx - 25, result dropped: sets CF, ZF, SF... */
	ja	2f		/* unsigned above (CF=0 and ZF=0): not a-z, skip */
	sub	$'a'-'A', %ecx	/* a lower-case letter: minus 0x20 makes it upper */
2:	mov	%cl, (%rdi)	/* *dst = c: a byte stored, the memory panel lights */
	inc	%rsi		/* src++ (inc sets ZF/SF/OF but leaves CF alone) */
	inc	%rdi		/* dst++ */
	test	%cl, %cl	/* cl AND cl: ZF=1 exactly when c was the 0 byte */
	jnz	1b		/* not the end yet: next character */
	sub	%rax, %rdi	/* rdi = bytes written, the 0 included */
	lea	-1(%rdi), %rax	/* the result: the length without the 0 */
	ret			/* pops the return address into rip */
	.cfi_endproc
	.size	shout, .-shout

/* uint32_t checksum(const void *p, size_t n)
 *
 * A rotate-and-add hash of n bytes: h = rol(h, 5) + byte, for each byte.
 * Step through the loop: %rdi walks the buffer, %rsi counts down to 0
 * and %eax mixes in one byte a turn. */
	.globl	checksum
	.type	checksum, @function
checksum:
	.cfi_startproc
	xor	%eax, %eax	/* eax = 0 (and rax's upper half); ZF=1, CF=OF=0 */
	test	%rsi, %rsi	/* n AND n: ZF=1 when n == 0 */
	jz	2f		/* nothing to hash */
1:	movzbl	(%rdi), %edx	/* edx = the next byte (a READ of memory) */
	rol	$5, %eax	/* rotate left 5: the bit rotated round goes to CF */
	add	%edx, %eax	/* eax += byte: CF on unsigned overflow, OF on signed */
	inc	%rdi		/* p++ */
	dec	%rsi		/* n--: ZF=1 when it reaches 0 (CF untouched) */
	jnz	1b		/* more bytes: loop */
2:	ret			/* the hash is in eax */
	.cfi_endproc
	.size	checksum, .-checksum

	.section .note.GNU-stack, "", @progbits
