/* cmov: every condition code through jcc, setcc and cmovcc, from flags
 * set by cmp. A table gives, for each pair (a, b) compared with
 * `cmp b, a`, the bitmap of conditions 0..15 (o no b ae e ne be a s ns p
 * np l ge le g) that hold; each mechanism must agree with it. Also: cmov
 * with a false condition still zeroes the upper half of a 32-bit
 * destination, and setcc writes one byte. */
#include "check.h"

  .section .rodata
  .align 8
/* a, b, expected condition bitmap */
cases:
  .quad 5, 5
  .quad (1<<1)|(1<<3)|(1<<4)|(1<<6)|(1<<9)|(1<<10)|(1<<13)|(1<<14)
  .quad 3, 5
  .quad (1<<1)|(1<<2)|(1<<5)|(1<<6)|(1<<8)|(1<<11)|(1<<12)|(1<<14)
  .quad 5, 3
  .quad (1<<1)|(1<<3)|(1<<5)|(1<<7)|(1<<9)|(1<<11)|(1<<13)|(1<<15)
  .quad -1, 1
  .quad (1<<1)|(1<<3)|(1<<5)|(1<<7)|(1<<8)|(1<<11)|(1<<12)|(1<<14)
  .quad 0x8000000000000000, 1
  .quad (1<<0)|(1<<3)|(1<<5)|(1<<7)|(1<<9)|(1<<10)|(1<<12)|(1<<14)
  .quad 0x7fffffffffffffff, -1
  .quad (1<<0)|(1<<2)|(1<<5)|(1<<6)|(1<<8)|(1<<10)|(1<<13)|(1<<15)
  .quad 0, 0x100
  .quad (1<<1)|(1<<2)|(1<<5)|(1<<6)|(1<<8)|(1<<10)|(1<<12)|(1<<14)
ncases = 7

  .text
/* r12 = case index, rbx = a, rbp = b, r13 = expected bitmap. Each
 * mechanism builds its own bitmap in r8 from 16 identical cmps. */
#define EACH_CC(M) M(o,0) M(no,1) M(b,2) M(ae,3) M(e,4) M(ne,5) M(be,6) \
  M(a,7) M(s,8) M(ns,9) M(p,10) M(np,11) M(l,12) M(ge,13) M(le,14) M(g,15)

#define VIA_JCC(cc, n) cmp %rbp, %rbx; j##cc 1f; jmp 2f; 1: bts $n, %r8; 2:
#define VIA_SETCC(cc, n) mov $0xaaaaaaaaaaaaaa00, %rax; cmp %rbp, %rbx; \
  set##cc %al; movzbl %al, %ecx; shl $n, %ecx; or %rcx, %r8; \
  shr $8, %rax; cmp %r9, %rax; jne bad_setcc;
#define VIA_CMOV(cc, n) mov $0xffffffffffffffff, %rax; mov $(1<<n), %edx; \
  xor %ecx, %ecx; cmp %rbp, %rbx; cmov##cc %edx, %ecx; cmov##cc %edx, %eax; \
  or %rcx, %r8; mov $0xffffffff, %r10d; cmp %r10, %rax; ja bad_cmov;

test_main:
  push %rbx
  push %rbp
  push %r12
  push %r13
  mov $0x00aaaaaaaaaaaaaa, %r9
  xor %r12d, %r12d
next_case:
  lea cases(%rip), %rax
  imul $24, %r12, %rcx
  mov (%rax,%rcx), %rbx
  mov 8(%rax,%rcx), %rbp
  mov 16(%rax,%rcx), %r13

  xor %r8d, %r8d
  EACH_CC(VIA_JCC)
  cmp %r13, %r8
  FAIL_IF(jne)
  xor %r8d, %r8d
  EACH_CC(VIA_SETCC)
  cmp %r13, %r8
  FAIL_IF(jne)
  xor %r8d, %r8d
  EACH_CC(VIA_CMOV)
  cmp %r13, %r8
  FAIL_IF(jne)

  inc %r12
  cmp $ncases, %r12
  jb next_case

  /* cmov from memory, 64-bit and 16-bit. */
  movq $0x1234, -40(%rsp)
  mov $1, %eax
  cmp $1, %eax
  mov $0x5555555555555555, %rdx
  cmove -40(%rsp), %rdx
  EQ(%rdx, 0x1234)
  mov $0x5555555555555555, %rdx
  cmp $1, %eax
  cmovnew -40(%rsp), %dx
  EQ(%rdx, 0x5555555555555555)
  cmp $1, %eax
  cmovew -40(%rsp), %dx
  EQ(%rdx, 0x5555555555551234)
  /* setcc to memory and to a high byte register. */
  movq $-1, -40(%rsp)
  stc
  setc -40(%rsp)
  EQM(-40(%rsp), 0xffffffffffffff01)
  mov $0xffff, %eax
  clc
  setc %ah
  EQ(%rax, 0x00ff)
  pop %r13
  pop %r12
  pop %rbp
  pop %rbx
  ret

bad_setcc:
  FAIL()
bad_cmov:
  FAIL()
