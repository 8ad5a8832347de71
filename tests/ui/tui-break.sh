#!/bin/bash
# tests/ui/tui-break.sh: breakpoints in blinkenlights through tmux, on
# tests/ui/progs/calls.S: -b at f, C stops there with the dialog, ENTER
# clears it; down down b sets one two instructions on (the margin dot),
# c stops there; b on it clears it; C then runs to the end, stopping
# again at f's second call on the way.
# Environment: BLINKENLIGHTS, CC, TOP_SRCDIR. Exits 77 without tmux,
# blinkenlights, nm or a compiler that links -nostdlib -static.
. "$(dirname "$0")/lib/prog.sh"
needs tmux nm
PROG=$PWD/calls
build calls
F=$(sym_hex "$PROG" f) || exit 1
# f: push %rbp (1 byte), mov %rsp,%rbp (3), then mov $5,%ecx.
F2=$(printf '%x' $((16#$F + 4)))

SOCK=bl-tui-break-$$
# shellcheck source=lib/tmux.sh
. "$(dirname "$0")/lib/tmux.sh"
current() { printf '%s\n' "$SCREEN" | grep -m1 '▶'; }

session 100 30 "TERM=xterm-256color '$BL' -b $F '$PROG'" || fail "tmux new-session"
wait_for 'icount 0' || fail "the UI did not come up"
tm send-keys -t t C
wait_for "stopped \\(ENTER continues\\)" || fail "C did not stop at -b $F"
printf '%s\n' "$SCREEN" | grep -qE "Breakpoint [0-9]+, 0x$F <f>" || fail "the dialog does not name 0x$F"
current | grep -qE "▶●0*$F " || fail "the current line is not $F with a breakpoint dot"
tm send-keys -t t x
sleep 0.3
cap
printf '%s\n' "$SCREEN" | grep -q 'ENTER continues' || fail "a key other than ENTER closed the dialog"
tm send-keys -t t Enter
n=30
while ((n-- > 0)); do cap; printf '%s\n' "$SCREEN" | grep -q 'ENTER continues' || break; sleep 0.1; done
printf '%s\n' "$SCREEN" | grep -q 'ENTER continues' && fail "ENTER did not close the dialog"
tm send-keys -t t Down Down b
wait_for "breakpoint set at 0x$F2" || fail "down down b did not set a breakpoint at $F2"
printf '%s\n' "$SCREEN" | grep -qE "^ ●0*$F2 " || fail "no dot in the margin at $F2"
tm send-keys -t t c
wait_for "Breakpoint [0-9]+, 0x$F2 <f\\+4>" || fail "c did not stop at $F2"
tm send-keys -t t Enter
sleep 0.3
tm send-keys -t t b
wait_for "breakpoint cleared at 0x$F2" || fail "b at RIP did not clear the breakpoint"
tm send-keys -t t C
wait_for "stopped \\(ENTER continues\\)" || fail "C did not stop at f's second call"
tm send-keys -t t Enter
sleep 0.3
tm send-keys -t t C
wait_for 'program exited with status 0' || fail "C did not run to the end"
tm send-keys -t t q
echo "ok: -b, dialog, cursor + b, c and C stop at breakpoints, b clears"
