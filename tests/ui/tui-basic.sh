#!/bin/bash
# tests/ui/tui-basic.sh: blinkenlights driven through tmux, checking what a
# person would see (issue 4, item 8: the first of the TUI tests).
#
#   open examples/demo in a 120x40 window; step ten times and check that
#   RIP changed and that the current-line marker moved to the new RIP;
#   resize to 80x24, 200x60 and back, checking every panel is whole
#   (titles, all register rows with their 16 hex digits, the flags row,
#   the status line); scroll the stack panel with the wheel; run to
#   the end with C and check the guest's output is in the terminal panel
#   and not over the UI; quit with q and check the program is gone.
#
# Environment: BLINKENLIGHTS (the built program), DEMO (examples/demo).
# Exits 77 (skip) without tmux or without the program or the demo.
# On failure prints what failed and the last screen.
. "$(dirname "$0")/lib/prog.sh"
needs tmux
DEMO=${DEMO:-${TOP_BUILDDIR:-.}/examples/demo}
[ -x "$DEMO" ] || { echo "no $DEMO (needs a static-linking cc)"; exit 77; }

SOCK=bl-tui-test-$$
# shellcheck source=lib/tmux.sh
. "$(dirname "$0")/lib/tmux.sh"
rip() { printf '%s\n' "$SCREEN" | grep -oE 'rip [0-9a-f]{16}' | head -n1 | cut -c5-; }
# The address on the line carrying the current-instruction marker.
marker_addr() {
  printf '%s\n' "$SCREEN" | grep -m1 '▶' | grep -oE '[0-9a-f]{12}' | head -n1
}

session 120 40 "TERM=xterm-256color '$BL' '$DEMO'" ||
  fail "tmux new-session failed"
wait_for '^ disassembly' || fail "the UI did not come up"
wait_for 'icount 0' || fail "no status line with an instruction count"
rip0=$(rip)
m0=$(marker_addr)
[ -n "$rip0" ] || fail "no rip in the registers panel"
[ -n "$m0" ] || fail "no current-instruction marker in the disassembly"
[ "$((16#$m0))" = "$((16#$rip0))" ] || fail "marker at $m0 but rip is $rip0"

for i in 1 2 3 4 5 6 7 8 9 10; do
  tm send-keys -t t s
  wait_for "icount $i( |\$)" || fail "step $i: icount did not reach $i"
done
rip1=$(rip)
m1=$(marker_addr)
[ "$rip1" != "$rip0" ] || fail "rip did not change over ten steps ($rip0)"
[ -n "$m1" ] || fail "no marker after ten steps"
[ "$m1" != "$m0" ] || fail "the marker did not move ($m0)"
[ "$((16#$m1))" = "$((16#$rip1))" ] || fail "marker at $m1 but rip is $rip1"

# check_whole COLS ROWS: after resizing, every panel whole: each title
# once, every register row with its 16 hex digits, the flags row, the
# status line last, the marker still on RIP. (That panels never overlap
# is tests/ui/test-layout's job, for every size.)
check_whole() {
  local c=$1 r=$2 rows t n
  tm resize-window -t t -x "$c" -y "$r"
  wait_for 'icount 10' || fail "${c}x$r: no redraw after resizing"
  sleep 0.3
  cap
  rows=$(printf '%s\n' "$SCREEN" | wc -l)
  [ "$rows" -le "$r" ] || fail "${c}x$r: $rows rows"
  for t in 'disassembly \(at&t\)' registers flags 'stack \(rsp\)' 'terminal \(guest output\)'; do
    n=$(printf '%s\n' "$SCREEN" | grep -cE -- " $t")
    [ "$n" = 1 ] || fail "${c}x$r: panel title '$t' shown $n times"
  done
  if [ "$c" -ge 140 ]; then
    printf '%s\n' "$SCREEN" | grep -qE -- ' code \(rip\)' || fail "${c}x$r: no code panel"
    printf '%s\n' "$SCREEN" | grep -qE -- ' maps \([0-9]+\)' || fail "${c}x$r: no maps panel"
    printf '%s\n' "$SCREEN" | grep -qE -- '[0-9a-f]{12}-[0-9a-f]{12} rw- +[0-9]+[KMG] <rsp' ||
      fail "${c}x$r: no stack mapping marked <rsp in the maps panel"
    printf '%s\n' "$SCREEN" | grep -qE -- '[0-9a-f]{12}-[0-9a-f]{12} r-x +[0-9]+[KMG] <rip' ||
      fail "${c}x$r: no code mapping marked <rip in the maps panel"
  fi
  if [ "$c" -ge 200 ] && [ "$r" -ge 52 ]; then
    printf '%s\n' "$SCREEN" | grep -qE -- ' x87( |$)' || fail "${c}x$r: no x87 panel"
    printf '%s\n' "$SCREEN" | grep -qE -- ' cs 0033$' && printf '%s\n' "$SCREEN" | grep -qE -- ' ss 002b$' ||
      fail "${c}x$r: no segment selectors (cs 0033, ss 002b) beside the registers"
    printf '%s\n' "$SCREEN" | grep -qE -- ' sse \(hex8' || fail "${c}x$r: no sse panel"
    for t in 0 7; do
      printf '%s\n' "$SCREEN" | grep -qE -- " st$t " || fail "${c}x$r: no st$t row"
    done
    for t in 0 15; do
      printf '%s\n' "$SCREEN" | grep -qE -- " xmm$t +([0-9a-f]{2} ){15}[0-9a-f]{2}" ||
        fail "${c}x$r: xmm$t row missing or cut"
    done
  fi
  for t in rax rbx rcx rdx rsi rdi rbp rsp r8 r9 r10 r11 r12 r13 r14 r15 rip flg; do
    printf '%s\n' "$SCREEN" | grep -qE -- "(^| )$t +[0-9a-f]{16}( |\$)" ||
      fail "${c}x$r: register row '$t' missing or cut"
  done
  printf '%s\n' "$SCREEN" | grep -qE '(cf|CF) (zf|ZF) (sf|SF) (of|OF) (pf|PF) (af|AF) (df|DF)' ||
    fail "${c}x$r: the flags row is missing or cut"
  printf '%s\n' "$SCREEN" | tail -n1 | grep -qE '^ stopped \| icount 10' ||
    fail "${c}x$r: the status line is not the last row"
  [ "$(marker_addr)" = "$m1" ] || fail "${c}x$r: the marker moved on resize"
}
check_whole 80 24
# At 80x24 the ? help comes in pages, each description whole.
tm send-keys -t t '?'
wait_for 'keys, page 1/2 \(SPACE' || fail "80x24: ? did not show page 1/2"
printf '%s\n' "$SCREEN" | grep -q 'reverse continue: back to a breakpoint/watchpoint' ||
  fail "80x24: a help line is cut"
tm send-keys -t t Space
wait_for 'keys, page 2/2 \(any key closes\)' || fail "80x24: SPACE did not turn the help page"
printf '%s\n' "$SCREEN" | grep -qE ' q +quit' ||
  fail "80x24: q is not on the help's last page"
tm send-keys -t t x
wait_for '^ disassembly' || fail "80x24: a key did not close the help"
check_whole 200 60
check_whole 80 24

# The wheel (an SGR mouse report, as xterm sends it) over the stack panel
# scrolls it; at 80x24 its rows are 13..17 (1-based).
tm send-keys -t t -l $'\e[<65;5;14M'
wait_for 'stack \(rsp\) \+1 rows' 3 || fail "the wheel did not scroll the stack panel"
tm send-keys -t t -l $'\e[<64;5;14M'
wait_for ' stack \(rsp\)  ' 3 || fail "the wheel did not scroll the stack panel back"

# Run to the end: the guest's output goes to the terminal panel.
tm send-keys -t t C
wait_for 'program exited with status 0' 20 || fail "C did not run the demo to its end"
# The pty pump may still be copying the last lines when the exit shows.
wait_for 'Goodbye from the guest' 3 ||
  fail "the guest's output is not in the terminal panel"
printf '%s\n' "$SCREEN" | head -n1 | grep -q '^ disassembly' ||
  fail "the guest's output drew over the UI"

tm send-keys -t t q
n=30
while ((n-- > 0)) && tm has-session -t t 2>/dev/null; do sleep 0.1; done
tm has-session -t t 2>/dev/null && fail "q did not quit"
echo "ok: stepped $rip0 -> $rip1, 80x24 and 200x60 whole, output captured, q quits"
exit 0
