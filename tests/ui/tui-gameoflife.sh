#!/bin/bash
# tests/ui/tui-gameoflife.sh: blinkenlights -r on a guest that leaves
# real mode: ../shared/testdata/gameoflife (real -> protected -> long
# mode, then draws the board on the text screen: live cells as blanks
# with attribute DFh). Checks, after running it
# a few seconds and ctrl-C: the status line says long mode, 64-bit code,
# CPL 0; the disassembly is 64-bit, its branch targets not named after
# the ROM's last label; the registers panel shows CR0 with PG and PE and
# EFER with LMA (bits 31, 0 and 10, as the Intel SDM numbers them); the
# screen panel shows the live cells: bright white on magenta, blinking.
# Environment: BLINKENLIGHTS, TOP_SRCDIR, TESTDATA. Exits 77 without
# tmux, the image, or the BIOS ROM.
. "$(dirname "$0")/lib/prog.sh"
needs tmux
img=${TESTDATA:-$SRCDIR/../shared/testdata}/gameoflife/gameoflife.bin
[ -f "$img" ] || { echo "no $img (the shared test data)"; exit 77; }

SOCK=bl-tui-life-$$
# shellcheck source=lib/tmux.sh
. "$(dirname "$0")/lib/tmux.sh"
# shellcheck source=lib/pc.sh
. "$(dirname "$0")/lib/pc.sh"

pc_session "'$img'"
needs_rom
tm send-keys -t t c
wait_for '^ (running|halted) \| long mode, 64-bit code, CPL 0' 20 || fail "the guest did not reach long mode"
sleep 2
tm send-keys -t t C-c
wait_for '^ stopped( in hlt)? \| long mode, 64-bit code, CPL 0' 5 || fail "ctrl-C did not stop it in long mode"
sleep 0.3; cap
printf '%s\n' "$SCREEN" | grep -q 'disassembly (at&t, 64-bit)' || fail "the disassembly is not 64-bit"
printf '%s\n' "$SCREEN" | grep -q '<reset+0x' && fail "a branch target named after the ROM's last label"
cr0=$(printf '%s\n' "$SCREEN" | grep -o 'cr0  [0-9a-f]*' | head -n1 | awk '{print $2}')
efer=$(printf '%s\n' "$SCREEN" | grep -o 'efer [0-9a-f]*' | head -n1 | awk '{print $2}')
[ -n "$cr0" ] && (((16#$cr0 >> 31) & 1 && (16#$cr0 & 1))) || fail "CR0 ($cr0) does not have PG and PE"
[ -n "$efer" ] && (((16#$efer >> 10) & 1)) || fail "EFER ($efer) does not have LMA"
n=$(tm capture-pane -p -t t | grep -n '^ screen:' | head -n1 | cut -d: -f1)
rows=$(tm capture-pane -p -e -t t | sed -n "$((n + 1)),$((n + 25))p")
# DFh: bright white (97) on magenta; bit 7 blinks (5, background 45)
# while the VGA's blinking is on, as after POST, else the background is
# light magenta (105).
printf '%s' "$rows" | grep -qE $'\e\\[5m\e\\[97m\e\\[45m|\e\\[97m\e\\[105m' ||
  fail "no DFh cells (white on magenta) on the screen panel"
tm send-keys -t t q
echo ok
