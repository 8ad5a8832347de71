# bl_libelf.m4: libelf (elfutils), which the ELF loader needs.
#
# BL_CHECK_LIBELF sets LIBELF_CFLAGS and LIBELF_LIBS or stops configure.
# Order: pkg-config `libelf`; else <gelf.h> and -lelf found by hand.
AC_DEFUN([BL_CHECK_LIBELF], [
  AC_ARG_VAR([LIBELF_CFLAGS], [C compiler flags for libelf])
  AC_ARG_VAR([LIBELF_LIBS], [linker flags for libelf])
  bl_libelf_ok=no
  bl_save_CPPFLAGS=$CPPFLAGS
  bl_save_LIBS=$LIBS
  BL_PKG_FLAGS([LIBELF], [libelf], [
    CPPFLAGS="$CPPFLAGS $LIBELF_CFLAGS"
    LIBS="$LIBELF_LIBS $LIBS"
    AC_CHECK_HEADER([gelf.h], [
      AC_CACHE_CHECK([whether libelf from pkg-config links], [bl_cv_libelf_links], [
        AC_LINK_IFELSE([AC_LANG_PROGRAM([[#include <gelf.h>]],
            [[GElf_Ehdr h; return elf_version(EV_CURRENT) == EV_NONE ||
                                  !gelf_getehdr((Elf *)0, &h);]])],
          [bl_cv_libelf_links=yes], [bl_cv_libelf_links=no])])
      bl_libelf_ok=$bl_cv_libelf_links])
  ], [
    AC_CHECK_HEADER([gelf.h], [
      AC_CHECK_LIB([elf], [gelf_getehdr], [
        LIBELF_CFLAGS=
        LIBELF_LIBS=-lelf
        bl_libelf_ok=yes])])
  ])
  CPPFLAGS=$bl_save_CPPFLAGS
  LIBS=$bl_save_LIBS
  if test "x$bl_libelf_ok" != xyes; then
    AC_MSG_ERROR([libelf not found: install the Debian package libelf-dev])
  fi
  AC_SUBST([LIBELF_CFLAGS])
  AC_SUBST([LIBELF_LIBS])
])
