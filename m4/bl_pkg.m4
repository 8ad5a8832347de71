# bl_pkg.m4: a small pkg-config front end.
#
# We call pkg-config ourselves instead of using PKG_CHECK_MODULES so that
# `autoreconf` works even where pkg.m4 is not installed (it ships with the
# pkg-config package, which a fresh machine may lack at autoreconf time).

# BL_PROG_PKG_CONFIG: find pkg-config (optional: every check has a fallback).
AC_DEFUN([BL_PROG_PKG_CONFIG], [
  AC_ARG_VAR([PKG_CONFIG], [path to the pkg-config program])
  AC_PATH_TOOL([PKG_CONFIG], [pkg-config], [])
])

# BL_PKG_FLAGS(PREFIX, MODULE, [ACTION-IF-FOUND], [ACTION-IF-NOT-FOUND])
# Sets PREFIX_CFLAGS and PREFIX_LIBS from pkg-config when MODULE is known
# to it. Values the user gave on the command line or in the environment
# win, as with PKG_CHECK_MODULES.
AC_DEFUN([BL_PKG_FLAGS], [
  AC_REQUIRE([BL_PROG_PKG_CONFIG])
  AC_MSG_CHECKING([for pkg-config module $2])
  if test -n "${$1_LIBS+set}"; then
    AC_MSG_RESULT([given: $$1_CFLAGS $$1_LIBS])
    $3
  elif test -n "$PKG_CONFIG" && $PKG_CONFIG --exists "$2" 2>/dev/null; then
    $1_CFLAGS=`$PKG_CONFIG --cflags "$2" 2>/dev/null | sed "s/ *$//"`
    $1_LIBS=`$PKG_CONFIG --libs "$2" 2>/dev/null | sed "s/ *$//"`
    AC_MSG_RESULT([yes])
    $3
  else
    AC_MSG_RESULT([no])
    $4
  fi
])
