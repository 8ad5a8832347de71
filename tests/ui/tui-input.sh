#!/bin/bash
# tests/ui/tui-input.sh: keys to the guest, and a guest blocked reading
# its terminal does not freeze the UI. tests/ui/progs/echo.c ($CC
# -static) echoes the lines fgets gives it from fd 0, which is the
# terminal panel's pty in canonical mode: the line discipline echoes what
# is typed and edits it (backspace). Checks: C runs until the guest waits
# in read(0) ("waiting"); the wheel scrolls the panel back to the filler
# lines that scrolled off its top, and down again; ? draws the help meanwhile; i + two lines (one
# edited with backspace) come back echoed; ctrl-] leaves input mode;
# ctrl-C stops the machine *before* the read ("interrupted", the marker
# on a syscall instruction), s runs the read again (waiting again) and
# ctrl-C stops it again with icount unchanged; C and i + "quit" end the
# program with status 0. Then `echo sleep`: C while it sleeps 30 s,
# ctrl-C stops it at once on the syscall. Then busybox vi (if a static
# busybox is installed) edits a file with arrows, End, ESC, dd and :wq.
# Environment: BLINKENLIGHTS, CC, TOP_SRCDIR. Exits 77 without tmux,
# blinkenlights or a static-linking compiler.
. "$(dirname "$0")/lib/prog.sh"
needs tmux
PROG=$PWD/echo
build echo -O1

SOCK=bl-tui-input-$$
# shellcheck source=lib/tmux.sh
. "$(dirname "$0")/lib/tmux.sh"

icount() { printf '%s\n' "$SCREEN" | sed -n 's/.*| icount \([0-9]*\) |.*/\1/p' | tail -n1; }

session 120 40 "TERM=xterm-256color '$BL' '$PROG'" || fail "tmux new-session"
wait_for 'icount 0' || fail "the UI did not come up"
tm send-keys -t t C
wait_for 'isatty0=1; type lines' 10 || fail "the guest's fd 0 is not the terminal (or no prompt)"
wait_for '^ waiting \| .*waits for input \(fd 0\)' 3 || fail "the status line does not say the program waits"
printf '%s\n' "$SCREEN" | grep -q '^filler 1$' && fail "filler 1 should have scrolled off"
# The wheel over the terminal panel (SGR mouse reports, as xterm sends
# them: button 64 is up) scrolls back into what scrolled off its top.
T=$(printf '%s\n' "$SCREEN" | grep -n '^ terminal' | head -n1 | cut -d: -f1)
for _ in 1 2 3 4 5 6 7 8 9 10 11; do tm send-keys -t t -l $'\e[<64;5;'$((T + 2))'M'; done
wait_for '^filler 1$' 3 || fail "the wheel did not scroll the terminal panel back to filler 1"
printf '%s\n' "$SCREEN" | grep -q '^ terminal (scrolled back [0-9]* lines)' ||
  fail "the title does not say the panel is scrolled back"
for _ in 1 2 3 4 5 6 7 8 9 10 11; do tm send-keys -t t -l $'\e[<65;5;'$((T + 2))'M'; done
wait_for '^ terminal \(the guest waits' 3 || fail "the wheel did not scroll back down"
printf '%s\n' "$SCREEN" | grep -q '^filler 1$' && fail "filler 1 still shown at the bottom"
tm send-keys -t t '?'
wait_for 'keys \(any key closes\)' 3 || fail "? did not draw the help while the guest waits in read"
tm send-keys -t t Escape
wait_for '^ waiting \|' 3 || fail "the help did not close back to waiting"
tm send-keys -t t i
wait_for 'terminal: INPUT to the guest' 3 || fail "i did not enter input mode"
tm send-keys -t t -l 'hello world'
tm send-keys -t t Enter
wait_for 'echo 1: \[hello world\]' 5 || fail "the first line did not come back"
printf '%s\n' "$SCREEN" | grep -q '^hello world$' || fail "the line discipline did not echo the typed line"
tm send-keys -t t -l 'abcX'
tm send-keys -t t BSpace
tm send-keys -t t -l 'd'
tm send-keys -t t Enter
wait_for 'echo 2: \[abcd\]' 5 || fail "backspace did not edit the line (canonical mode)"
tm send-keys -t t C-]
wait_for '^ terminal \(the guest waits: i types to it\)' 3 || fail "ctrl-] did not leave input mode"
tm send-keys -t t C-c
wait_for 'interrupted in a system call' 5 || fail "ctrl-C did not stop the machine in read"
wait_for '^ stopped \|' 3 || fail "not stopped after ctrl-C"
printf '%s\n' "$SCREEN" | grep -q '^▶ .*syscall' || fail "rip is not on the syscall instruction"
N1=$(icount)
tm send-keys -t t s
wait_for '^ waiting \|' 5 || fail "s on the read did not wait again"
tm send-keys -t t C-c
wait_for '^ stopped \| .*interrupted in a system call' 5 || fail "ctrl-C did not stop the step"
N2=$(icount)
[ -n "$N1" ] && [ "$N1" = "$N2" ] || fail "icount changed by an interrupted read ($N1 -> $N2)"
printf '%s\n' "$SCREEN" | grep -q '^▶ .*syscall' || fail "rip left the syscall instruction"
tm send-keys -t t C
wait_for '^ waiting \|' 5 || fail "C did not run the read again"
tm send-keys -t t i
tm send-keys -t t -l 'quit'
tm send-keys -t t Enter
wait_for 'bye after 2 lines' 5 || fail "the read after the interrupts did not get the line"
wait_for 'program exited with status 0' 5 || fail "the guest did not exit with 0"
tm send-keys -t t C-]
tm send-keys -t t q

# A sleeping guest: C can be stopped at once, and runs on after.
session 120 40 "TERM=xterm-256color '$BL' '$PROG' sleep" || fail "tmux new-session (sleep)"
wait_for 'icount 0' || fail "the UI did not come up (sleep)"
tm send-keys -t t C
wait_for '^ waiting \| .*the program sleeps' 10 || fail "the status line does not say the program sleeps"
wait_for 'sleeping 30 s' 3 || fail "no output before the sleep"
tm send-keys -t t C-c
wait_for '^ stopped \| .*interrupted in a system call' 2 || fail "ctrl-C did not stop a sleeping program at once"
printf '%s\n' "$SCREEN" | grep -q '^▶ .*syscall' || fail "rip is not on the sleep's syscall"
tm send-keys -t t q

# A full-screen editor: busybox vi (when a static busybox is installed,
# as dev/setup.sh does) edits a file through input mode: arrows, End, ESC
# and ex commands all reach it.
BB=$(command -v busybox || true)
if [ -n "$BB" ] && command -v readelf >/dev/null 2>&1 && ! readelf -l "$BB" 2>/dev/null | grep -q INTERP; then
  printf 'line one\nline two\n' > vi.txt
  session 120 40 "TERM=xterm-256color '$BL' '$BB' vi '$PWD/vi.txt'" || fail "tmux new-session (vi)"
  wait_for 'icount 0' || fail "the UI did not come up (vi)"
  tm send-keys -t t C
  wait_for '^line two$' 10 || fail "vi did not draw the file"
  wait_for '^ waiting \|' 3 || fail "vi is not waiting for keys"
  tm send-keys -t t i
  tm send-keys -t t Down End a
  tm send-keys -t t -l ' and more'
  tm send-keys -t t Escape
  wait_for '^line two and more$' 5 || fail "vi did not get the arrow, End, a and the text"
  # vi waits a moment after ESC for the rest of a key sequence: until its
  # status line leaves insert mode ("I ..." to "- ..."), an arrow sent now
  # would run into the ESC.
  wait_for '^- .*vi\.txt' 5 || fail "ESC did not reach vi (still in insert mode)"
  tm send-keys -t t Up
  tm send-keys -t t -l 'dd:wq'
  tm send-keys -t t Enter
  wait_for 'program exited with status 0' 10 || fail "vi did not exit after :wq"
  [ "$(cat vi.txt)" = "line two and more" ] || fail "vi wrote '$(cat vi.txt)', not the edit"
  tm send-keys -t t q
  VI=", busybox vi edits a file"
else
  VI=" (no static busybox: vi not tried)"
fi
echo "ok: read(0) waits with the UI live (?, wheel scrollback), typed lines echoed and edited, ctrl-C stops before the read, s/C run it again; a sleep is stopped at once$VI"
