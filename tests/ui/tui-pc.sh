#!/bin/bash
# tests/ui/tui-pc.sh: blinkenlights -r IMAGE on a boot sector that needs
# no BIOS (tests/ui/boot/color.S writes "HELLO" white on blue and "R"
# yellow on red into the text screen's memory, then spins). Checks: the
# UI comes up stopped at the reset vector F000:FFF0 (or, on a PC with no
# ROM yet, at 0000:7C00 where the boot sector was put), the status line
# names the CPU mode and says recording is off; -b 7c00 stops c at the
# boot sector (the stop dialog); s steps 16-bit code with CS:IP
# addresses, and the registers panel shows the segment ES loaded (B800,
# base B8000); c runs, the screen panel shows HELLOR with the CGA
# colours as terminal colours (capture-pane -e: bright white 97 on blue
# 44, bright yellow 93 on red 41); ctrl-C stops it at the spin loop; S
# says there is no history on a bare machine; R powers the PC on again
# (the screen is blank and CS:IP back at the start); q quits.
# Environment: BLINKENLIGHTS, TOP_SRCDIR. Exits 77 without tmux or as/ld.
. "$(dirname "$0")/lib/prog.sh"
. "$(dirname "$0")/lib/boot.sh"
needs tmux as ld
boot color

SOCK=bl-tui-pc-$$
# shellcheck source=lib/tmux.sh
. "$(dirname "$0")/lib/tmux.sh"
# shellcheck source=lib/pc.sh
. "$(dirname "$0")/lib/pc.sh"

pc_session "-b 7c00 '$PWD/color.img'"
printf '%s\n' "$SCREEN" | grep -q 'recording: off (bare metal)' || fail "the status line does not say recording is off"
printf '%s\n' "$SCREEN" | grep -q 'disassembly (at&t, 16-bit)' || fail "the disassembly is not 16-bit"
if no_rom; then
  echo "note: no BIOS ROM: the PC starts at the boot sector"
else
  printf '%s\n' "$SCREEN" | grep -q '▶.f000:fff0' || fail "not stopped at the reset vector f000:fff0"
  tm send-keys -t t c
  wait_for 'stopped \(ENTER continues\)' 20 || fail "-b 7c00 did not stop c at the boot sector"
  printf '%s\n' "$SCREEN" | grep -q '▶.0000:7c00' || fail "the breakpoint is not at 0000:7c00"
  tm send-keys -t t Enter
fi
wait_for 'cs  0000 00000000' 3 || fail "the registers panel does not show CS and its base"
for _ in 1 2 3 4 5; do tm send-keys -t t s; sleep 0.1; done
wait_for '▶.0000:7c0a' 3 || fail "five steps did not reach 0000:7c0a"
sleep 0.3; cap # the whole redraw, not a capture in the middle of it
printf '%s\n' "$SCREEN" | grep -q 'es  b800 000b8000' || fail "ES (b800, base b8000) not shown after mov %ax,%es"
printf '%s\n' "$SCREEN" | grep -q 'mov    %ax,%es' || fail "no 16-bit disassembly"
tm send-keys -t t c
wait_for '^HELLOR' 5 || fail "the screen panel does not show HELLOR"
printf '%s\n' "$SCREEN" | grep -q '^ screen: mode 03h 80x25 text' || fail "the screen panel's title"
C=$(codes_at 0 ELLO)
[[ " $C " == *" 97 "* && " $C " == *" 44 "* ]] || fail "HELLO is not bright white on blue (codes: $C)"
C=$(codes_at 0 R)
[[ " $C " == *" 93 "* && " $C " == *" 41 "* ]] || fail "R is not bright yellow on red (codes: $C)"
tm send-keys -t t C-c
wait_for 'stopped \(ctrl-C' 3 || fail "ctrl-C did not stop the PC"
wait_for '▶.0000:7c1e' 3 || fail "not stopped in the spin loop at 0000:7c1e"
sleep 0.3; cap
printf '%s\n' "$SCREEN" | grep -q '^ stopped |' || fail "the status line does not say stopped"
tm send-keys -t t S
wait_for 'recording is off for a bare machine' 3 || fail "S does not say there is no history"
tm send-keys -t t R
wait_for 'powered on again' 3 || fail "R did not power the PC on again"
sleep 0.3; cap
printf '%s\n' "$SCREEN" | grep -q '^HELLOR' && fail "the screen survived the power cycle"
printf '%s\n' "$SCREEN" | grep -qE '▶.(0000:7c00|f000:fff0)' || fail "R did not go back to the start"
tm send-keys -t t q
sleep 0.3
tm has-session -t t 2>/dev/null && { cap; fail "q did not quit"; }
echo ok
