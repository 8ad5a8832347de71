#!/bin/bash
# tests/ui/tui-reactive.sh: blinkenlights -t (no UI) opening the UI, as
# the reference README says, on a crash, a -b breakpoint and ctrl-C, and
# -R keeping it closed. Programs: tests/ui/progs/{crash,spin,calls}.S.
#   -t crash: UI with "SIGSEGV at ..." on the faulting store; q: status 139
#   -t -R crash: no UI, status 139
#   -t -b f calls: UI stopped at f, C runs on to the end (status 0 at q)
#   -t spin, ctrl-C: UI "interrupted by ctrl-C"; s steps on from there
# Environment: BLINKENLIGHTS, CC, TOP_SRCDIR. Exits 77 without tmux, nm,
# blinkenlights or a compiler that links -nostdlib -static.
. "$(dirname "$0")/lib/prog.sh"
needs tmux nm
for p in crash spin calls; do build $p; done
F=$(sym_hex calls f) || exit 1

SOCK=bl-tui-reactive-$$
# shellcheck source=lib/tmux.sh
. "$(dirname "$0")/lib/tmux.sh"
# start ARGS...: a session running blinkenlights ARGS, then printing its
# exit status as "status=N" and waiting (so the screen can be read).
start() {
  session 100 30 \
    "TERM=xterm-256color '$BL' $*; echo status=\$?; sleep 60" || fail "tmux new-session"
}

start -t ./crash
# (Not just "SIGSEGV at": blinkenlights also says so on stderr, before
# the UI starts.)
wait_for '^ killed \| icount [0-9]+ \| SIGSEGV at 0x' || fail "-t crash: the UI did not open on the crash"
printf '%s\n' "$SCREEN" | grep -m1 '▶' | grep -q 'mov    %eax,0x1234' ||
  fail "-t crash: the current line is not the faulting store"
tm send-keys -t t q
wait_for 'status=139' || fail "-t crash: after q, the status is not 139 (SIGSEGV)"

start -t -R ./crash
wait_for 'status=139' || fail "-t -R crash: not status 139"
printf '%s\n' "$SCREEN" | grep -q 'disassembly' && fail "-t -R crash: the UI opened"

start -t -b "$F" ./calls
wait_for "breakpoint at 0x$F \\(-t\\)" || fail "-t -b: the UI did not open at the breakpoint"
printf '%s\n' "$SCREEN" | grep -m1 '▶' | grep -qE "0*$F " || fail "-t -b: not at $F"
tm send-keys -t t C
wait_for 'ENTER continues' || fail "-t -b: C did not stop at f's second call"
tm send-keys -t t Enter
sleep 0.2
tm send-keys -t t C
wait_for 'program exited with status 0' || fail "-t -b: C did not run to the end"
tm send-keys -t t q
wait_for 'status=0' || fail "-t -b: status after q is not 0"

start -t ./spin
sleep 0.5
tm send-keys -t t C-c
wait_for 'interrupted by ctrl-C' || fail "-t spin: ctrl-C did not open the UI"
wait_for 'icount [1-9]' || fail "-t spin: no instructions counted"
tm send-keys -t t s
wait_for '^ stopped \| icount' || fail "-t spin: s after ctrl-C"
tm send-keys -t t q
wait_for 'status=' || fail "-t spin: q did not quit"
echo "ok: -t opens the UI on a crash, -b and ctrl-C; -R does not"
