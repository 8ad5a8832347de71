# bl_readline.m4: GNU readline, which runs the TUI's command line.
#
# BL_CHECK_READLINE sets READLINE_CFLAGS and READLINE_LIBS or stops
# configure. We need GNU readline's callback interface (libedit's
# compatibility layer lacks parts of it), so check for that function.
AC_DEFUN([BL_CHECK_READLINE], [
  AC_ARG_VAR([READLINE_CFLAGS], [C compiler flags for GNU readline])
  AC_ARG_VAR([READLINE_LIBS], [linker flags for GNU readline])
  bl_readline_ok=no
  bl_save_CPPFLAGS=$CPPFLAGS
  bl_save_LIBS=$LIBS
  if test -z "${READLINE_LIBS+set}"; then
    READLINE_CFLAGS=
    READLINE_LIBS=-lreadline
  fi
  CPPFLAGS="$CPPFLAGS $READLINE_CFLAGS"
  LIBS="$READLINE_LIBS $LIBS"
  AC_CHECK_HEADER([readline/readline.h], [
    AC_CACHE_CHECK([for rl_callback_handler_install in $READLINE_LIBS],
      [bl_cv_readline_links], [
      AC_LINK_IFELSE([AC_LANG_PROGRAM([[#include <stdio.h>
#include <readline/readline.h>]],
          [[rl_callback_handler_install("", (rl_vcpfunc_t *)0);]])],
        [bl_cv_readline_links=yes], [bl_cv_readline_links=no])])
    bl_readline_ok=$bl_cv_readline_links], [], [#include <stdio.h>])
  CPPFLAGS=$bl_save_CPPFLAGS
  LIBS=$bl_save_LIBS
  if test "x$bl_readline_ok" != xyes; then
    AC_MSG_ERROR([GNU readline not found: install the Debian package libreadline-dev])
  fi
  AC_SUBST([READLINE_CFLAGS])
  AC_SUBST([READLINE_LIBS])
])
