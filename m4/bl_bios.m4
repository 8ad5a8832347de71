# bl_bios.m4: the binutils that build the BIOS ROM (bios/*.S).
#
# The ROM is 16-bit x86 code assembled with GNU as (--32, .code16),
# linked with ld -m elf_i386 and cut to a flat image with objcopy. On an
# x86 host the native binutils do all three; elsewhere a cross binutils
# for x86 (Debian: binutils-x86-64-linux-gnu) does. BL_CHECK_BIOS_TOOLS
# sets BIOS_AS, BIOS_LD and BIOS_OBJCOPY (users may set them) or stops
# configure: blink -r cannot work without its ROM.
AC_DEFUN([BL_CHECK_BIOS_TOOLS], [
  AC_ARG_VAR([BIOS_AS], [GNU as that assembles i386 .code16 (the BIOS ROM)])
  AC_ARG_VAR([BIOS_LD], [GNU ld with -m elf_i386 (the BIOS ROM)])
  AC_ARG_VAR([BIOS_OBJCOPY], [GNU objcopy for elf32-i386 (the BIOS ROM)])
  AC_CACHE_CHECK([for binutils that can build the 16-bit BIOS ROM],
                 [bl_cv_bios_tools], [
    bl_cv_bios_tools=no
    cat >conftest.s <<'BL_EOF'
	.intel_syntax noprefix
	.code16
	.globl _start
_start:	mov ax, 0x1234
	jmp 0xf000:0xfff0
BL_EOF
    for bl_p in "" x86_64-linux-gnu- i686-linux-gnu- x86_64-elf- i686-elf-; do
      bl_as=${BIOS_AS:-${bl_p}as}
      bl_ld=${BIOS_LD:-${bl_p}ld}
      bl_oc=${BIOS_OBJCOPY:-${bl_p}objcopy}
      if $bl_as --32 -o conftest.o conftest.s >&AS_MESSAGE_LOG_FD 2>&1 &&
         $bl_ld -m elf_i386 -Ttext 0 -o conftest.elf conftest.o \
           >&AS_MESSAGE_LOG_FD 2>&1 &&
         $bl_oc -O binary conftest.elf conftest.bin \
           >&AS_MESSAGE_LOG_FD 2>&1 &&
         test -s conftest.bin; then
        bl_cv_bios_tools="$bl_as|$bl_ld|$bl_oc"
        break
      fi
    done
    rm -f conftest.s conftest.o conftest.elf conftest.bin])
  AS_IF([test "x$bl_cv_bios_tools" = xno],
    [AC_MSG_ERROR([no binutils for x86 found to build the BIOS ROM (bios/*.S): install binutils (on a non-x86 host: binutils-x86-64-linux-gnu) or set BIOS_AS, BIOS_LD and BIOS_OBJCOPY])])
  BIOS_AS=`echo "$bl_cv_bios_tools" | cut -d'|' -f1`
  BIOS_LD=`echo "$bl_cv_bios_tools" | cut -d'|' -f2`
  BIOS_OBJCOPY=`echo "$bl_cv_bios_tools" | cut -d'|' -f3`
])
