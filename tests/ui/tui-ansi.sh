#!/bin/bash
# tests/ui/tui-ansi.sh: the terminal panel is a terminal (libvterm).
# tests/ui/progs/ansi.c ($CC -static) clears the screen, draws a box with
# CSI H at row 3, column 5 of its screen, red border, blue inside, yellow
# "BOX", a green line on its bottom row, then reads one key with ICANON
# off. Checks: the box at that place in the terminal panel (the panel's
# first text row is the guest's row 1), the bottom line on the panel's
# last row, the colours and the cursor (reversed) in capture-pane -e, the
# UI live while the guest waits in read(0); then `i` (input mode), `q`,
# ctrl-]: the guest reads q, prints "got q" and exits 0.
# Environment: BLINKENLIGHTS, CC, TOP_SRCDIR. Exits 77 without tmux,
# blinkenlights or a static-linking compiler.
. "$(dirname "$0")/lib/prog.sh"
needs tmux
PROG=$PWD/ansi
build ansi -O1

SOCK=bl-tui-ansi-$$
# shellcheck source=lib/tmux.sh
. "$(dirname "$0")/lib/tmux.sh"

# 120x60: a terminal panel of more than 8 rows (the prompt is on row 8,
# the bottom row must be another).
session 120 60 "TERM=xterm-256color '$BL' '$PROG'" || fail "tmux new-session"
wait_for 'icount 0' || fail "the UI did not come up"
tm send-keys -t t C
wait_for 'press a key:' 10 || fail "the guest's prompt did not appear"
wait_for '^ waiting \|' 3 || fail "the status line does not say the program waits"
# The panel's title row; the guest's row N is N rows below it.
T=$(printf '%s\n' "$SCREEN" | grep -n '^ terminal' | head -n1 | cut -d: -f1)
[ -n "$T" ] || fail "no terminal panel title"
line() { printf '%s\n' "$SCREEN" | sed -n "$1p"; }
[ "$(line $((T + 3)) | cut -c1-16)" = "    +----------+" ] ||
  fail "the box's top is not at the guest's row 3, column 5"
[ "$(line $((T + 4)) | cut -c1-16)" = "    |   BOX    |" ] ||
  fail "the box's text row is not at row 4"
[ "$(line $((T + 6)) | cut -c1-16)" = "    +----------+" ] ||
  fail "the box's bottom is not at row 6"
line $((T + 1)) | grep -q '[^ ]' && fail "row 1 should be blank (the screen was cleared)"
# The panel's last text row is above the commands panel (layout.c puts
# it under the terminal panel), or above the status line without one.
N=$(printf '%s\n' "$SCREEN" | grep -n -m1 '^ commands' | cut -d: -f1)
[ -n "$N" ] || N=$(printf '%s\n' "$SCREEN" | wc -l)
BOTTOM=$(line $((N - 1)))
printf '%s\n' "$BOTTOM" | grep -q '^bottom row [0-9]*x[0-9]*' ||
  fail "the guest's bottom row is not the panel's last row"
ROWS=$(printf '%s\n' "$BOTTOM" | sed 's/^bottom row \([0-9]*\)x.*/\1/')
[ "$ROWS" -eq $((N - 1 - T)) ] ||
  fail "the guest's terminal has $ROWS rows, the panel $((N - 1 - T))"
# Colours and the cursor, as tmux saw them drawn.
E=$(tm capture-pane -e -p -t t)
ESC=$'\033'
eline() { printf '%s\n' "$E" | sed -n "$1p"; }
eline $((T + 3)) | grep -q "${ESC}\[31m+----------+" || fail "the border is not red"
eline $((T + 4)) | grep -q "${ESC}\[33m${ESC}\[44m   BOX" ||
  eline $((T + 4)) | grep -q "${ESC}\[44m${ESC}\[33m   BOX" ||
  fail "BOX is not yellow on blue"
eline $((N - 1)) | grep -q "32m.*bottom row" || fail "the bottom row is not green"
eline $((T + 8)) | grep -q "press a key: ${ESC}\[7m" ||
  fail "no cursor (a reversed cell) after the prompt"
# The UI is live while the guest is blocked in read(0): ? draws the help.
tm send-keys -t t '?'
wait_for 'keys \(any key closes\)' 3 || fail "? did not draw the help while the guest waits"
tm send-keys -t t Escape
wait_for '^ terminal \(the guest waits' 3 || fail "the help did not close"
tm send-keys -t t i
wait_for 'terminal: INPUT to the guest' 3 || fail "i did not enter input mode"
tm send-keys -t t q
wait_for 'press a key: got q' 5 || fail "the guest did not read q"
tm send-keys -t t C-]
wait_for 'program exited with status 0' 5 || fail "the guest did not exit with 0"
wait_for '^ terminal \(guest output\)' 3 || fail "still in input mode after ctrl-]"
tm send-keys -t t q
echo "ok: box at (3,5) in colours, bottom row, cursor; UI live in read(0); i q ctrl-] -> got q, status 0"
