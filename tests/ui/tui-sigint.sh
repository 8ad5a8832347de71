#!/bin/bash
# tests/ui/tui-sigint.sh: ctrl-C under blinkenlights -t (headless) reaches
# the debugger even when the guest installed a SIGINT handler
# (tests/ui/progs/sigint.c): natively the same ctrl-C in the same tmux
# runs the guest's handler (status 7), which shows the key is delivered;
# under -t the UI opens instead ("interrupted by ctrl-C", the handler
# never ran) and q quits. Then, in the UI, a SIGSEGV the program
# catches (tests/ui/progs/segv.c) stops C first ("Program received
# signal SIGSEGV" in the status line, the handler's line not printed);
# C again runs the handler and the program ends as natively.
# Environment: BLINKENLIGHTS, CC, TOP_SRCDIR. Exits 77 without tmux,
# blinkenlights or a static-linking compiler.
. "$(dirname "$0")/lib/prog.sh"
needs tmux
PROG=$PWD/sigint
build sigint -O1
build segv -O1 -g

SOCK=bl-tui-sigint-$$
# shellcheck source=lib/tmux.sh
. "$(dirname "$0")/lib/tmux.sh"

# Natively: the handler runs.
session 100 40 "'$PROG'; echo NATIVE-EXIT \$?; sleep 30" || fail "tmux new-session (native)"
wait_for '^ready' 5 || fail "the native program did not start"
tm send-keys -t t C-c
wait_for '^NATIVE-EXIT 7' 5 || fail "natively, ctrl-C did not run the handler (status 7)"
printf '%s\n' "$SCREEN" | grep -q "the guest's SIGINT handler ran" || fail "natively, no handler line"

# Under blinkenlights -t: the debugger's.
session 160 60 "TERM=xterm-256color '$BL' -t '$PROG'; echo BL-EXIT \$?; sleep 30" ||
  fail "tmux new-session"
wait_for '^ready' 10 || fail "the program did not start under -t"
sleep 0.3
tm send-keys -t t C-c
wait_for 'interrupted by ctrl-C' 10 || fail "ctrl-C did not open the UI"
printf '%s\n' "$SCREEN" | grep -q "SIGINT handler ran" && fail "the guest's handler ran"
printf '%s\n' "$SCREEN" | grep -q '^BL-EXIT' && fail "blinkenlights exited"
tm send-keys -t t q
wait_for '^BL-EXIT 0' 5 || fail "q did not quit"
printf '%s\n' "$SCREEN" | grep -q "SIGINT handler ran" && fail "the guest's handler ran on the way out"
session 160 60 "TERM=xterm-256color '$BL' '$PWD/segv'; echo BL-EXIT \$?; sleep 30" ||
  fail "tmux new-session (segv)"
wait_for 'icount 0' || fail "the UI did not come up (segv)"
tm send-keys -t t C
wait_for 'Program received signal SIGSEGV' 10 || fail "C did not stop at the SIGSEGV"
printf '%s\n' "$SCREEN" | grep -qE '^ stopped \| .*Program received signal SIGSEGV' ||
  fail "the status line does not say which signal"
printf '%s\n' "$SCREEN" | grep -q 'caught SIGSEGV' && fail "the handler ran before the stop"
tm send-keys -t t C
wait_for 'program exited with status 0' 10 || fail "the second C did not run the handler to the end"
# The terminal panel is fed by its own thread: the line may land a
# moment after the status line says the program exited.
wait_for 'caught SIGSEGV at 0x10' 5 || fail "the handler's line is missing"
tm send-keys -t t q
wait_for '^BL-EXIT 0' 5 || fail "q did not quit (segv)"
echo "ok: ctrl-C is the debugger's under -t with a guest SIGINT handler; a caught SIGSEGV stops first"
