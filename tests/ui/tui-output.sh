#!/bin/bash
# tests/ui/tui-output.sh: the guest's output in blinkenlights' terminal
# panel (tests/ui/progs/output.c, built here with $CC -static): the guest
# sees a terminal of the panel's size on fd 1, 3000 lines (far more than a pty
# buffers) all arrive in order while C runs, stderr too, and the UI is
# not drawn over.
# Environment: BLINKENLIGHTS, CC, TOP_SRCDIR. Exits 77 without tmux,
# blinkenlights or a static-linking compiler.
. "$(dirname "$0")/lib/prog.sh"
needs tmux
PROG=$PWD/output
build output -O1

SOCK=bl-tui-output-$$
# shellcheck source=lib/tmux.sh
. "$(dirname "$0")/lib/tmux.sh"

# 100x60: a terminal panel of 100-23 columns and 12 text rows.
session 100 60 "TERM=xterm-256color '$BL' '$PROG'" || fail "tmux new-session"
wait_for 'icount 0' || fail "the UI did not come up"
tm send-keys -t t C
wait_for 'program exited with status 0' 30 || fail "C did not run the program to its end"
wait_for 'and a last line on stderr' 3 || fail "stderr's line is not in the terminal panel"
printf '%s\n' "$SCREEN" | grep -q 'line 3000 of a stream' || fail "the last stdout line is missing"
printf '%s\n' "$SCREEN" | grep -q 'line 2993 of a stream' || fail "line 2993 is missing"
printf '%s\n' "$SCREEN" | head -n1 | grep -q '^ disassembly' || fail "the output drew over the UI"
# The pty has the terminal panel's size: at 100x60, 77 columns (100 less
# the 22-column register panel and a gap) and 12 rows (58 rows above the
# command line, less 8 command output, 25 disassembly, 12 stack and the
# title).
printf '%s\n' "$SCREEN" | grep -q 'isatty=1 rows=12 cols=77' ||
  fail "the guest did not see a 77x12 terminal (the panel's size) on fd 1"
tm send-keys -t t q
echo "ok: a terminal for the guest, 3000 lines and stderr captured, UI intact"
