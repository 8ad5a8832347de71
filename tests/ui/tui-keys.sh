#!/bin/bash
# tests/ui/tui-keys.sh: blinkenlights' n, f, R and ? keys through tmux, on
# tests/ui/progs/calls.S (built here with $CC -nostdlib -static).
#   s then n: over the first call, at "mov $0x2,%ebx", rbx = 2;
#   s s then f: out of the second call, at "mov $0x3c,%eax", rbx = 3;
#   R: back at the first instruction with icount 0;
#   ?: the help lists every key the man page lists;
#   -H, and the bytes n's call pushed are highlighted (underlined).
# Environment: BLINKENLIGHTS, CC, TOP_SRCDIR. Exits 77 without tmux,
# blinkenlights or a compiler that links -nostdlib -static.
. "$(dirname "$0")/lib/prog.sh"
needs tmux
PROG=$PWD/calls
build calls

SOCK=bl-tui-keys-$$
# shellcheck source=lib/tmux.sh
. "$(dirname "$0")/lib/tmux.sh"
current() { printf '%s\n' "$SCREEN" | grep -m1 '▶'; }

# -H: no colors, so the one underlined thing is a memory byte the last
# step or run wrote (registers use reverse video).
session 100 32 "TERM=xterm-256color '$BL' -H '$PROG'" || fail "tmux new-session"
wait_for 'icount 0' || fail "the UI did not come up"
[ "$(tm capture-pane -e -p -t t | grep -cE $'\e\\[([0-9;]*;)?4m')" = 0 ] ||
  fail "bytes highlighted as written before anything ran"
tm send-keys -t t s
wait_for 'icount 1( |$)' || fail "s did not step"
tm send-keys -t t n
wait_for 'icount 20( |$)' || fail "n did not run the call (21 instructions in all)"
current | grep -q 'mov    \$0x2,%ebx' || fail "n did not stop after the call"
printf '%s\n' "$SCREEN" | grep -qE 'rbx 0{15}2' || fail "rbx is not 2 after n"
# The call pushed its return address (0x40100a): those stack bytes are
# highlighted as written; nothing is before the first step.
under=$(tm capture-pane -e -p -t t | grep -cE $'\e\\[([0-9;]*;)?4m')
[ "$under" -ge 1 ] || fail "no written stack bytes highlighted after n"
tm send-keys -t t s s
wait_for 'icount 22( |$)' || fail "s s did not step into the call"
tm send-keys -t t f
wait_for 'icount 40( |$)' || fail "f did not run to the return"
current | grep -q 'mov    \$0x3c,%eax' || fail "f did not stop after the call"
printf '%s\n' "$SCREEN" | grep -qE 'rbx 0{15}3' || fail "rbx is not 3 after f"
tm send-keys -t t R
wait_for 'restarted' || fail "R did not restart"
wait_for 'icount 0( |$)' || fail "R did not reset the instruction count"
current | grep -q 'mov    \$0x1,%ebx' || fail "R is not at the first instruction"
tm send-keys -t t '?'
wait_for 'keys \(any key closes\)' || fail "? did not open the help"
# Every key the man page's KEYS section names is in the help.
keys=$(sed -n '/^\.SH KEYS/,/^\.SH /p' "$SRCDIR/man/blinkenlights.1" |
  sed -n '/^\.TP/{n;s/^\.B //;s/\\-/-/g;p}')
for k in $keys; do
  printf '%s\n' "$SCREEN" | grep -qE -- "^ *.{0,30}  $(printf '%s' "$k" | sed 's/[?.+]/\\&/g') " ||
    fail "the help does not list '$k' (man/blinkenlights.1 does)"
done
tm send-keys -t t x
tm send-keys -t t q
n=30
while ((n-- > 0)) && tm has-session -t t 2>/dev/null; do sleep 0.1; done
tm has-session -t t 2>/dev/null && fail "q did not quit"
echo "ok: n, f, R, ? (keys: $(echo $keys))"
