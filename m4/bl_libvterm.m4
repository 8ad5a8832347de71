# bl_libvterm.m4: libvterm, which parses the guest's terminal output for
# blinkenlights' terminal panel (escape sequences, colours, the cursor)
# and encodes the keys typed to the guest.
#
# BL_CHECK_LIBVTERM sets LIBVTERM_CFLAGS and LIBVTERM_LIBS or stops
# configure: the TUI needs it (there is no plain-text fallback; one code
# path that the tests exercise). Order: pkg-config `vterm`, else
# <vterm.h> and -lvterm found by hand.
AC_DEFUN([BL_CHECK_LIBVTERM], [
  AC_ARG_VAR([LIBVTERM_CFLAGS], [C compiler flags for libvterm])
  AC_ARG_VAR([LIBVTERM_LIBS], [linker flags for libvterm])
  bl_save_CPPFLAGS=$CPPFLAGS
  bl_save_LIBS=$LIBS
  BL_PKG_FLAGS([LIBVTERM], [vterm], [], [
    LIBVTERM_CFLAGS=
    LIBVTERM_LIBS=-lvterm])
  CPPFLAGS="$CPPFLAGS $LIBVTERM_CFLAGS"
  LIBS="$LIBVTERM_LIBS $LIBS"
  AC_CACHE_CHECK([whether libvterm links ($LIBVTERM_LIBS)], [bl_cv_libvterm], [
    AC_LINK_IFELSE([AC_LANG_PROGRAM([[#include <vterm.h>]],
        [[VTerm *vt = vterm_new(24, 80);
          VTermScreen *s = vterm_obtain_screen(vt);
          VTermScreenCell c;
          VTermPos p = {0, 0};
          vterm_screen_get_cell(s, p, &c);
          vterm_free(vt);]])],
      [bl_cv_libvterm=yes], [bl_cv_libvterm=no])])
  CPPFLAGS=$bl_save_CPPFLAGS
  LIBS=$bl_save_LIBS
  if test "x$bl_cv_libvterm" != xyes; then
    AC_MSG_ERROR([libvterm not found: install the Debian package libvterm-dev (or configure --disable-tui)])
  fi
  AC_SUBST([LIBVTERM_CFLAGS])
  AC_SUBST([LIBVTERM_LIBS])
])
