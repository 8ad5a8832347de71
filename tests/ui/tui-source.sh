#!/bin/bash
# tests/ui/tui-source.sh: symbols and DWARF lines in blinkenlights (200x60,
# the layout with the source and frames panels), through tmux:
#   examples/demo (built with -g): -b main (by name), C stops there; the disassembly
#   has the "<main>:" label line right above the current instruction; the
#   source panel's title is demo.c:N with the current (→) line being
#   "int main"; the frames panel's frame #0 is "main at demo.c:N" with
#   __libc_start_main further up; after a few s the source line changes.
#   Branch targets read as <symbol> (the call to puts/printf).
#   tests/ui/progs/calls.S (no -g): the source panel says there is no
#   debug info.
# Environment: BLINKENLIGHTS, DEMO, CC, TOP_SRCDIR. Exits 77 without
# tmux, nm, the demo, or a compiler that links -nostdlib -static.
. "$(dirname "$0")/lib/prog.sh"
needs tmux nm
DEMO=${DEMO:-${TOP_BUILDDIR:-.}/examples/demo}
SRCDIR=${TOP_SRCDIR:-$(dirname "$0")/../..}
[ -x "$DEMO" ] || { echo "no demo at $DEMO (no static compiler?)"; exit 77; }
MAIN=$(nm "$DEMO" | awk '$3 == "main" { print $1 }')
[ -n "$MAIN" ] || { echo "FAIL: no symbol main in the demo"; exit 1; }
MAIN=$(printf '%x' $((16#$MAIN)))

SOCK=bl-tui-source-$$
# shellcheck source=lib/tmux.sh
. "$(dirname "$0")/lib/tmux.sh"
has() { printf '%s\n' "$SCREEN" | grep -qE -- "$1"; }

session 200 60 "TERM=xterm-256color '$BL' -b main '$DEMO'" || fail "tmux new-session"
wait_for 'icount 0' || fail "the UI did not come up"
has '<_start>:' || fail "no <_start>: label line at the entry"
tm send-keys -t t C
wait_for "stopped \\(ENTER continues\\)" 10 || fail "C did not stop at main ($MAIN)"
tm send-keys -t t Enter
n=30
while ((n-- > 0)); do cap; has 'ENTER continues' || break; sleep 0.1; done
# The label line, then the current instruction right under it.
printf '%s\n' "$SCREEN" | grep -A1 -E "^ +0*$MAIN <main>:" | tail -1 |
  grep -qE "^▶●0*$MAIN " || fail "no <main>: label line right above the current instruction"
has 'call +[0-9a-f]+ <[A-Za-z_]' || fail "no call target shown as <symbol>"
has '^ source demo\.c:[0-9]+ ' || fail "the source panel's title is not demo.c:N"
L1=$(printf '%s\n' "$SCREEN" | sed -nE 's/^ source demo\.c:([0-9]+) .*/\1/p')
printf '%s\n' "$SCREEN" | grep -qE "^→ +$L1 +int main" || fail "the current source line is not $L1, int main"
has "#0 +0*$MAIN main at demo\\.c:$L1" || fail "frame #0 is not main at demo.c:$L1"
has '#[1-9] +[0-9a-f]+ __libc_start_main' || fail "no __libc_start_main frame above main"
L2=$L1
for i in 1 2 3 4 5 6 7 8 9 10; do
  tm send-keys -t t s
  sleep 0.2
  cap
  L2=$(printf '%s\n' "$SCREEN" | sed -nE 's/^ source demo\.c:([0-9]+) .*/\1/p')
  [ -n "$L2" ] && [ "$L2" != "$L1" ] && break
done
[ -n "$L2" ] && [ "$L2" != "$L1" ] || fail "ten steps from main did not change the source line ($L1)"
printf '%s\n' "$SCREEN" | grep -qE "^→ +$L2 " || fail "the → marker is not on line $L2"
tm send-keys -t t q
sleep 0.3

PROG=$PWD/calls
build calls
session 200 60 "TERM=xterm-256color '$BL' '$PROG'" || fail "tmux new-session"
wait_for 'icount 0' 10 || fail "the UI did not come up on calls"
has 'no debug info \(build the program with -g\)' || fail "the source panel does not say there is no debug info"
tm send-keys -t t q
rm -f "$PROG"
echo "ok: labels, <symbol> targets, source line $L1 -> $L2, frames, no-debug-info message"
