# bl_ncursesw.m4: the wide-character curses library the TUI draws with.
#
# BL_CHECK_NCURSESW sets NCURSESW_CFLAGS and NCURSESW_LIBS or stops
# configure. Order: pkg-config `ncursesw`; else a curses header and
# -lncursesw (plus -ltinfo where the terminfo functions live apart).
# Defines NCURSESW_H to the header to include (`#include NCURSESW_H`)
# and NCURSES_WIDECHAR, which makes that header declare cchar_t & co.
AC_DEFUN([BL_CHECK_NCURSESW], [
  AC_ARG_VAR([NCURSESW_CFLAGS], [C compiler flags for ncursesw])
  AC_ARG_VAR([NCURSESW_LIBS], [linker flags for ncursesw])
  bl_ncursesw_ok=no
  bl_save_CPPFLAGS=$CPPFLAGS
  bl_save_LIBS=$LIBS
  BL_PKG_FLAGS([NCURSESW], [ncursesw], [bl_ncursesw_pkg=yes], [bl_ncursesw_pkg=no])
  CPPFLAGS="$CPPFLAGS $NCURSESW_CFLAGS"
  # ncursesw/curses.h is the wide build's own header; plain curses.h is
  # the same file on Debian, but not on every system.
  AC_CACHE_CHECK([for a wide-character curses header], [bl_cv_ncursesw_h], [
    bl_cv_ncursesw_h=no
    for bl_h in ncursesw/curses.h ncurses.h curses.h; do
      AC_COMPILE_IFELSE([AC_LANG_PROGRAM([[#define NCURSES_WIDECHAR 1
#include <$bl_h>]], [[cchar_t c; (void)c; return 0;]])],
        [bl_cv_ncursesw_h="<$bl_h>"; break])
    done])
  if test "x$bl_cv_ncursesw_h" != xno; then
    if test "x$bl_ncursesw_pkg" = xyes; then
      LIBS="$NCURSESW_LIBS $LIBS"
      AC_CACHE_CHECK([whether ncursesw from pkg-config links], [bl_cv_ncursesw_links], [
        AC_LINK_IFELSE([AC_LANG_CALL([], [wadd_wch])],
          [bl_cv_ncursesw_links=yes], [bl_cv_ncursesw_links=no])])
      bl_ncursesw_ok=$bl_cv_ncursesw_links
    else
      AC_CHECK_LIB([ncursesw], [wadd_wch], [
        NCURSESW_CFLAGS=
        NCURSESW_LIBS=-lncursesw
        LIBS="-lncursesw $LIBS"
        bl_ncursesw_ok=yes
        # Split builds keep tigetstr & co. in libtinfo.
        AC_SEARCH_LIBS([tigetstr], [tinfow tinfo], [
          case $ac_cv_search_tigetstr in
            -l*) NCURSESW_LIBS="$NCURSESW_LIBS $ac_cv_search_tigetstr" ;;
          esac])])
    fi
  fi
  CPPFLAGS=$bl_save_CPPFLAGS
  LIBS=$bl_save_LIBS
  if test "x$bl_ncursesw_ok" != xyes; then
    AC_MSG_ERROR([ncursesw not found: install the Debian package libncurses-dev])
  fi
  AC_DEFINE_UNQUOTED([NCURSESW_H], [$bl_cv_ncursesw_h],
    [The curses header to include: #include NCURSESW_H])
  AC_DEFINE([NCURSES_WIDECHAR], [1],
    [Make the curses header declare its wide-character API.])
  AC_SUBST([NCURSESW_CFLAGS])
  AC_SUBST([NCURSESW_LIBS])
])
