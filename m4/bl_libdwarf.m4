# bl_libdwarf.m4: libdwarf, which the debugger reads line tables with.
#
# Two generations of libdwarf are in use and their APIs differ (e.g.
# dwarf_init_path takes 8 arguments in 0.x and 12 before it, and
# dwarf_finish lost its error argument):
#   - 0.x ships libdwarf.pc; its headers are in <libdwarf-0/libdwarf.h>
#     or, with the .pc's -I, plain <libdwarf.h>.
#   - the old 2021 API (Debian 12's libdwarf-dev 20210528) has no .pc
#     file; headers in /usr/include/libdwarf/ and a static -ldwarf that
#     needs libelf and zlib after it.
# BL_CHECK_LIBDWARF sets LIBDWARF_CFLAGS and LIBDWARF_LIBS and defines
# HAVE_LIBDWARF, LIBDWARF_H and DWARF_H (the headers to include) and,
# for the new API only, HAVE_LIBDWARF_0X. Otherwise it stops configure.
# Needs BL_CHECK_LIBELF first (for LIBELF_LIBS).
AC_DEFUN([BL_CHECK_LIBDWARF], [
  AC_REQUIRE([BL_CHECK_LIBELF])
  AC_ARG_VAR([LIBDWARF_CFLAGS], [C compiler flags for libdwarf])
  AC_ARG_VAR([LIBDWARF_LIBS], [linker flags for libdwarf])
  bl_dwarf_api=no
  bl_save_CPPFLAGS=$CPPFLAGS
  bl_save_LIBS=$LIBS

  # 1. The 0.x API, found through pkg-config.
  BL_PKG_FLAGS([LIBDWARF], [libdwarf], [
    CPPFLAGS="$bl_save_CPPFLAGS $LIBDWARF_CFLAGS"
    LIBS="$LIBDWARF_LIBS $bl_save_LIBS"
    AC_CACHE_CHECK([for the libdwarf 0.x API], [bl_cv_libdwarf_0x], [
      bl_cv_libdwarf_0x=no
      for bl_h in libdwarf-0/libdwarf.h libdwarf.h; do
        AC_LINK_IFELSE([AC_LANG_PROGRAM([[#include <stddef.h>
#include <$bl_h>]], [[Dwarf_Debug dbg = 0; Dwarf_Error err = 0;
          if (dwarf_init_path("x", 0, 0, DW_GROUPNUMBER_ANY, 0, 0,
                              &dbg, &err) == DW_DLV_OK)
            dwarf_finish(dbg);]])],
          [bl_cv_libdwarf_0x=$bl_h; break])
      done])
    if test "x$bl_cv_libdwarf_0x" != xno; then
      bl_dwarf_api=0x
      bl_dwarf_h="<$bl_cv_libdwarf_0x>"
      bl_dwarf_dwarf_h="<`echo $bl_cv_libdwarf_0x | sed 's,libdwarf\.h$,dwarf.h,'`>"
    fi
  ])

  # 2. The old API: Debian 12's headers in libdwarf/, no .pc file.
  if test "x$bl_dwarf_api" = xno; then
    CPPFLAGS=$bl_save_CPPFLAGS
    AC_CACHE_CHECK([for the old libdwarf API in <libdwarf/libdwarf.h>],
      [bl_cv_libdwarf_old], [
      bl_cv_libdwarf_old=no
      # The static -ldwarf needs zlib for compressed sections; prefer it.
      for bl_libs in "-ldwarf $LIBELF_LIBS -lz" "-ldwarf $LIBELF_LIBS"; do
        LIBS="$bl_libs $bl_save_LIBS"
        AC_LINK_IFELSE([AC_LANG_PROGRAM([[#include <stddef.h>
#include <libdwarf/libdwarf.h>]], [[Dwarf_Debug dbg = 0; Dwarf_Error err = 0;
          if (dwarf_init_path("x", 0, 0, DW_DLC_READ, DW_GROUPNUMBER_ANY,
                              0, 0, &dbg, 0, 0, 0, &err) == DW_DLV_OK)
            dwarf_finish(dbg, &err);]])],
          [bl_cv_libdwarf_old=$bl_libs; break])
      done])
    if test "x$bl_cv_libdwarf_old" != xno; then
      bl_dwarf_api=old
      LIBDWARF_CFLAGS=
      LIBDWARF_LIBS=$bl_cv_libdwarf_old
      bl_dwarf_h="<libdwarf/libdwarf.h>"
      bl_dwarf_dwarf_h="<libdwarf/dwarf.h>"
    fi
  fi

  CPPFLAGS=$bl_save_CPPFLAGS
  LIBS=$bl_save_LIBS
  AC_MSG_CHECKING([which libdwarf API to use])
  AC_MSG_RESULT([$bl_dwarf_api])
  if test "x$bl_dwarf_api" = xno; then
    AC_MSG_ERROR([libdwarf not found: install the Debian package libdwarf-dev])
  fi
  if test "x$bl_dwarf_api" = x0x; then
    AC_DEFINE([HAVE_LIBDWARF_0X], [1],
      [Define if libdwarf has the 0.x API (8-argument dwarf_init_path).])
  fi
  AC_DEFINE([HAVE_LIBDWARF], [1], [Define if libdwarf is available.])
  AC_DEFINE_UNQUOTED([LIBDWARF_H], [$bl_dwarf_h],
    [The libdwarf header to include: #include LIBDWARF_H])
  AC_DEFINE_UNQUOTED([DWARF_H], [$bl_dwarf_dwarf_h],
    [The DWARF constants header to include: #include DWARF_H])
  AC_SUBST([LIBDWARF_CFLAGS])
  AC_SUBST([LIBDWARF_LIBS])
])
