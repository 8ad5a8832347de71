#!/bin/bash
# tests/ui/tui-reverse.sh: reverse execution from the keys of
# blinkenlights, through tmux, on tests/ui/progs/calls.S (and watch.S):
#   s 10 times, the registers panel read at icount 5 and 10; S 5 times
#   goes back to icount 5 with every register as it was there, the
#   status line showing -N/10 and "replaying"; s 5 times replays to 10,
#   registers as at 10, "replaying" gone;
#   the wheel over the disassembly goes back and forth a notch at a time
#   (icount and the -N/M position change), reversed with -N;
#   C with `break g` stops at g twice, runs to the end; B (reverse
#   continue) comes back to g's second hit (rbx 2) then its first (rbx 1);
#   s s to after the call of g, N (reverse next) back over it to the call
#   (rbx undone); F (reverse finish) back to the call of f in _start;
#   on watch.S, with `watch counter`: C stops at each write with a dialog
#   naming the writing instruction; C to the end, B lands on store2, the
#   instruction that wrote it last (nm's address), B again on store1;
#   -w counter puts the same watchpoint in the list from the flag;
#   on spin.S, the status line counts while C runs, a key stops it and
#   S goes back from there;
#   on tests/ui/progs/overflow.c (-g -O0 -static), from the SIGSEGV a
#   `watch -l` on the corrupted pointer and B land on the overflowing
#   store's source line;
#   with -B 0 nothing is recorded and S says so.
# Environment: BLINKENLIGHTS, CC, TOP_SRCDIR. Exits 77 without tmux,
# blinkenlights, nm or a compiler that links -nostdlib -static.
. "$(dirname "$0")/lib/prog.sh"
needs tmux nm
PROG=$PWD/calls
WPROG=$PWD/watch
SPIN=$PWD/spin
for p in calls watch spin; do build $p; done
F=$(sym_hex "$PROG" f) && G=$(sym_hex "$PROG" g) && START=$(sym_hex "$PROG" _start) &&
  STORE2=$(sym_hex "$WPROG" store2) && STORE1=$(sym_hex "$WPROG" store1) &&
  COUNTER=$(sym_hex "$WPROG" counter) || exit 1
CALLF=$(printf '%x' $((16#$START + 5)))  # mov $1,%ebx is 5 bytes
CALLG=$(printf '%x' $((16#$F + 13)))     # push, mov, mov $5, dec, jnz: 13 bytes
AFTERG=$(printf '%x' $((16#$CALLG + 5)))
STATE=$PWD/state
mkdir -p "$STATE"

SOCK=bl-tui-reverse-$$
# shellcheck source=lib/tmux.sh
. "$(dirname "$0")/lib/tmux.sh"
current() { printf '%s\n' "$SCREEN" | grep -m1 '▶'; }
regs() {
  printf '%s\n' "$SCREEN" |
    grep -oE '(rax|rbx|rcx|rdx|rsi|rdi|rbp|rsp|r8 |r9 |r1[0-5]|rip|flg) +[0-9a-f]{16}'
}
reg() { printf '%s\n' "$SCREEN" | grep -oE "$1 +[0-9a-f]{16}" | head -1 | awk '{print $2}'; }
enter_dialog() {
  wait_for 'ENTER continues' || fail "$1: no stop dialog"
  tm send-keys -t t Enter
  local n=30
  while ((n-- > 0)); do cap; printf '%s\n' "$SCREEN" | grep -q 'ENTER continues' || return 0; sleep 0.1; done
  fail "$1: ENTER did not close the dialog"
}

session 160 60 "XDG_STATE_HOME='$STATE' TERM=xterm-256color '$BL' '$PROG'" ||
  fail "tmux new-session"
wait_for 'icount 0' || fail "the UI did not come up"
for i in 1 2 3 4 5 6 7 8 9 10; do
  tm send-keys -t t s
  wait_for "icount $i " || fail "s number $i"
  [ $i = 5 ] && R5=$(regs)
done
R10=$(regs)
[ "$(printf '%s\n' "$R5" | wc -l)" = 18 ] || fail "want 18 registers in the panel, got: $R5"
[ "$R5" != "$R10" ] || fail "the registers did not change from icount 5 to 10"
printf '%s\n' "$SCREEN" | grep -qE 'icount 10 \| -0/10 ' || fail "the status line has no -0/10"
for i in 1 2 3 4 5; do
  tm send-keys -t t S
  wait_for "icount $((10 - i)) \\| -$i/10 replaying" || fail "S number $i: not at -$i/10 replaying"
done
[ "$(regs)" = "$R5" ] || fail "after S x5 the registers differ from icount 5's:
$(diff <(printf '%s\n' "$R5") <(regs))"
for i in 1 2 3 4 5; do
  tm send-keys -t t s
  wait_for "icount $((5 + i)) " || fail "replaying s number $i"
done
[ "$(regs)" = "$R10" ] || fail "after replaying to 10 the registers differ from icount 10's"
printf '%s\n' "$SCREEN" | grep -q 'replaying' && fail "still replaying at the present"

# The wheel over the disassembly (row 20, column 10): up goes back.
tm send-keys -t t -l $'\e[<64;10;20M'
wait_for 'icount 9 \| -1/10 replaying' || fail "the wheel up over the disassembly did not go back one"
tm send-keys -t t -l $'\e[<64;10;20M'
wait_for 'icount 8 \| -2/10 replaying' || fail "a second notch did not go back one more"
tm send-keys -t t -l $'\e[<65;10;20M'
wait_for 'icount 9 \| -1/10 replaying' || fail "the wheel down did not replay one"

# With -N (natural scrolling) the wheel's directions swap.
tm send-keys -t t q
session 160 60 "XDG_STATE_HOME='$STATE' TERM=xterm-256color '$BL' -N '$PROG'" ||
  fail "tmux new-session (-N)"
wait_for 'icount 0' || fail "the UI did not come up (-N)"
tm send-keys -t t s s s
wait_for 'icount 3 ' || fail "-N: s s s"
tm send-keys -t t -l $'\e[<65;10;20M'
wait_for 'icount 2 \| -1/3 replaying' || fail "-N: the wheel down did not go back"
tm send-keys -t t -l $'\e[<64;10;20M'
wait_for 'icount 3 \| -0/3 ' || fail "-N: the wheel up did not replay"
for i in 1 2 3 4 5 6 7 8 9; do tm send-keys -t t s; done
wait_for 'icount 12 ' || fail "-N: s to icount 12"

# Reverse continue to breakpoints.
tm send-keys -t t : 'break g' Enter Escape
wait_for "Breakpoint 1 at 0x$G <g>" || fail "break g"
tm send-keys -t t C
enter_dialog "C to g (1)"
[ "$(reg rbx)" = 0000000000000001 ] || fail "first stop at g: rbx $(reg rbx)"
tm send-keys -t t C
enter_dialog "C to g (2)"
[ "$(reg rbx)" = 0000000000000002 ] || fail "second stop at g: rbx $(reg rbx)"
tm send-keys -t t C
wait_for 'program exited with status 0' || fail "C did not run to the end"
tm send-keys -t t B
enter_dialog "B (1)"
current | grep -qE "▶●0*$G " || fail "B did not come back to g"
[ "$(reg rbx)" = 0000000000000002 ] || fail "B: not g's second hit (rbx $(reg rbx))"
tm send-keys -t t B
enter_dialog "B (2)"
[ "$(reg rbx)" = 0000000000000001 ] || fail "B B: not g's first hit (rbx $(reg rbx))"
# Forward over g's add and ret, then N back over the whole call.
tm send-keys -t t s s
wait_for "^▶ *0*$AFTERG " || fail "s s from g did not return to $AFTERG"
[ "$(reg rbx)" = 0000000000000002 ] || fail "g's add did not run"
tm send-keys -t t N
wait_for "^▶ *0*$CALLG " || fail "N did not go back to the call of g at $CALLG"
[ "$(reg rbx)" = 0000000000000001 ] || fail "N did not undo g's add (rbx $(reg rbx))"
tm send-keys -t t F
wait_for "^▶ *0*$CALLF " || fail "F did not go back to the call of f at $CALLF"
printf '%s\n' "$SCREEN" | grep -qE 'icount 1 \|' || fail "F: not at icount 1"
tm send-keys -t t q

# A write watchpoint run backwards.
session 160 60 "XDG_STATE_HOME='$STATE' TERM=xterm-256color '$BL' '$WPROG'" ||
  fail "tmux new-session (watch)"
wait_for 'icount 0' || fail "the UI did not come up (watch)"
tm send-keys -t t : 'watch counter' Enter Escape
wait_for 'atchpoint 1: counter' || fail "watch counter"
tm send-keys -t t C
wait_for "watchpoint 1: write at 0x$COUNTER by 0x$STORE1 <store1>" ||
  fail "C: no dialog naming the write by store1"
tm send-keys -t t Enter
tm send-keys -t t C
wait_for "watchpoint 1: write at 0x$COUNTER by 0x$STORE2 <store2>" ||
  fail "C C: no dialog naming the write by store2"
tm send-keys -t t Enter
tm send-keys -t t C
wait_for 'program exited with status 0' || fail "C did not run watch to the end"
tm send-keys -t t B
wait_for "watchpoint 1: write at 0x$COUNTER by 0x$STORE2 <store2>" ||
  fail "B: no dialog naming store2's write"
wait_for "^▶.?0*$STORE2 " || fail "B did not land on store2 ($STORE2), the last write"
tm send-keys -t t Enter
tm send-keys -t t B
wait_for "^▶.?0*$STORE1 " || fail "B B did not land on store1 ($STORE1)"
tm send-keys -t t Enter q

# -w SYMBOL: the same watchpoint from the flag.
session 160 60 "XDG_STATE_HOME='$STATE' TERM=xterm-256color '$BL' -w counter '$WPROG'" ||
  fail "tmux new-session (-w)"
wait_for 'icount 0' || fail "the UI did not come up (-w)"
wait_for " 1 watch +y 0x0*$COUNTER 8 counter" || fail "-w counter is not in the breakpoints panel"
tm send-keys -t t C
wait_for "watchpoint 1: write at 0x$COUNTER by 0x$STORE1 <store1>" ||
  fail "-w counter: C did not stop at store1's write"
tm send-keys -t t Enter q

# C at full speed (recording) on an endless loop: a key stops it, and
# S goes back from there.
session 160 60 "XDG_STATE_HOME='$STATE' TERM=xterm-256color '$BL' '$SPIN'" ||
  fail "tmux new-session (spin)"
wait_for 'icount 0' || fail "the UI did not come up (spin)"
tm send-keys -t t C
wait_for '^ running \| icount [1-9][0-9]* \| -0/[1-9][0-9]* \| [0-9.e+]+ ips' 5 ||
  fail "the status line shows no progress while C runs"
tm send-keys -t t x
wait_for 'Program stopped \(interrupted\)' || fail "a key did not stop C"
wait_for '^ stopped \| icount [1-9][0-9]* \| -0/[1-9]' || fail "C: no icount or history position after the stop"
tm send-keys -t t S
wait_for '\| -1/[1-9][0-9]* replaying' || fail "S after C did not go back one"
tm send-keys -t t q

# The issue's scenario: a C program (built -g -O0 here) overflows a
# buffer into a pointer and crashes; from the crash, a watchpoint on the
# pointer and B land on the overflowing store, the source line that says
# BUG, with the dialog naming the write.
OPROG=$PWD/overflow
if ${CC:-cc} -g -O0 -static -o "$OPROG" "$SRCDIR/tests/ui/progs/overflow.c" 2>/dev/null; then
  session 200 60 "XDG_STATE_HOME='$STATE' TERM=xterm-256color '$BL' '$OPROG'" ||
    fail "tmux new-session (overflow)"
  wait_for 'icount 0' || fail "the UI did not come up (overflow)"
  tm send-keys -t t C
  wait_for 'program killed by SIGSEGV' 10 || fail "overflow did not crash under C"
  tm send-keys -t t : 'watch -l *(int **)((char *)&rec + 16)' Enter Escape
  wait_for 'atchpoint 1: -location' || fail "watch -l on the pointer"
  tm send-keys -t t B
  wait_for 'watchpoint 1: write at 0x[0-9a-f]+ by 0x[0-9a-f]+ <set_name\+[0-9]+>' 10 ||
    fail "B from the crash: no dialog naming the write in set_name"
  printf '%s\n' "$SCREEN" | grep -q '^→ .*BUG: no bound check' ||
    fail "B from the crash: the source panel is not on the overflowing line"
  printf '%s\n' "$SCREEN" | grep -qE 'icount [0-9]+ \| -[1-9][0-9]*/[0-9]+ replaying' ||
    fail "B from the crash: not in the past"
  tm send-keys -t t Enter q
  overflow="the overflow found from its crash"
else
  overflow="(no static -g C build: the overflow part was skipped)"
fi

# -B 0 records nothing: the reverse keys say so in one line, nothing moves.
session 160 60 "XDG_STATE_HOME='$STATE' TERM=xterm-256color '$BL' -B 0 '$PROG'" ||
  fail "tmux new-session (-B 0)"
wait_for 'icount 0' || fail "the UI did not come up (-B 0)"
tm send-keys -t t s s
wait_for 'icount 2 ' || fail "-B 0: s s"
printf '%s\n' "$SCREEN" | grep -q ' -0/' && fail "-B 0: a history position is shown"
tm send-keys -t t S
wait_for 'no history is recorded' || fail "-B 0: S did not say there is no history"
printf '%s\n' "$SCREEN" | grep -q 'icount 2 ' || fail "-B 0: S moved the machine"
tm send-keys -t t q
echo "ok: S/s registers, wheel, B to breakpoints, N, F, watch and B to a write, -w, C stopped by a key, -B 0, $overflow"
