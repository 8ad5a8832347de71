#!/bin/bash
# tests/ui/batch-signals.sh: a fault the program has a handler for, under
# blinkenlights' batch mode (tests/ui/progs/segv.c, built here -static):
# as in gdb, continue stops first with "Program received signal SIGSEGV"
# on the faulting store in crash_here (the handler has not run: its line
# is not printed yet); the next continue runs the handler and the program
# ends with the native output; stepi after the stop enters the handler;
# `handle SIGSEGV nostop` runs through; info signals shows the table;
# run through an execve (progs/execer.c), the stop names segv's function
# and source line (the exec'd program's symbols are loaded).
# Environment: BLINKENLIGHTS, CC, TOP_SRCDIR. Exits 77 without
# blinkenlights, nm, objdump or a static-linking compiler.
. "$(dirname "$0")/lib/prog.sh"
needs nm objdump
PROG=$PWD/segv
build segv -O1 -g
build execer -O1 -g
failed=0
fail() { echo "FAIL: $*"; failed=1; }
bl() { timeout 60 "$BL" -B 0 "$@" </dev/null 2>&1; }
has() { printf '%s\n' "$2" | grep -qE -- "$3" || fail "$1: no /$3/ in:"$'\n'"$2"; }
lacks() { ! printf '%s\n' "$2" | grep -qE -- "$3" || fail "$1: unexpected /$3/ in:"$'\n'"$2"; }

native=$("$PROG") || fail "the native run failed"
caught=$(printf '%s\n' "$native" | grep '^caught ')
[ "$caught" = "caught SIGSEGV at 0x10" ] || fail "natively: '$caught'"
# The faulting store: crash_here's instruction that writes to 0x10.
store=0x$(objdump -d --no-show-raw-insn "$PROG" |
  awk '/<crash_here>:/ { on = 1; next } /^$/ { on = 0 } on && /0x10/ { sub(":", "", $1); print $1; exit }')
[ "$store" != 0x ] || fail "objdump shows no store to 0x10 in crash_here"
handler=$(sym_hex "$PROG" on_segv) || exit 1

# 1. The stop before the handler, then the handler on continue.
out=$(bl -ex continue -ex 'info registers rip' -ex continue "$PROG")
has "stop" "$out" '^Program received signal SIGSEGV, Segmentation fault\.'
has "stop" "$out" "^rip +$store "
first=$(printf '%s\n' "$out" | awk '/^Program received signal/ { exit } { print }')
lacks "stop" "$first" '^caught'
has "stop" "$out" "^$caught\$"
has "stop" "$out" '^after$'
has "stop" "$out" '^\[program exited with code 0\]'

# 2. stepi after the stop: the handler's first instruction.
out=$(bl -ex continue -ex stepi -ex 'info registers rip' "$PROG")
has "stepi" "$out" "^rip +0x$handler "

# 3. handle SIGSEGV nostop: no stop, the same output; info signals.
out=$(bl -ex 'info signals' -ex 'handle SIGSEGV nostop' -ex continue "$PROG")
has "info signals" "$out" '^SIGSEGV +Yes +Yes +Yes'
has "nostop" "$out" '^SIGSEGV +No +No +Yes'
lacks "nostop" "$out" '^Program received signal'
has "nostop" "$out" "^$caught\$"
has "nostop" "$out" '^\[program exited with code 0\]'

# 4. After an execve: the new program's symbols and lines.
out=$(bl -ex continue -ex bt -ex continue "$PWD/execer" "$PROG")
has "exec" "$out" '^execer 7$'
has "exec" "$out" '^Program received signal SIGSEGV'
has "exec" "$out" "^=> $store <crash_here>:"
has "exec" "$out" '^#0  crash_here \(\) at .*segv\.c:[0-9]+'
has "exec" "$out" '^#1  0x[0-9a-f]+ in main \(\) at .*segv\.c:[0-9]+'
lacks "exec" "$out" 'execer_only|execer\.c'
has "exec" "$out" "^$caught\$"

[ "$failed" = 0 ] && echo "ok: a handled SIGSEGV stops first, then its handler runs"
exit "$failed"
