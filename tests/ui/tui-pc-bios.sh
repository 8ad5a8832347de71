#!/bin/bash
# tests/ui/tui-pc-bios.sh: blinkenlights -r with the BIOS ROM.
# tests/ui/boot/echo.S: -b 7c00 and c stop at the boot sector after the
# BIOS ran; n steps over `int $0x10` (AH=0Eh prints "A" on the screen
# panel; the next line is the instruction after the int); s on the next
# int enters the ROM (CS:IP F000:xxxx) and f runs to the iret back to
# the boot sector ("AB" on the screen). (Typing to it: tui-pc-keys.sh.)
# tests/ui/boot/mode13.S: mode 13h bands 1, 2, 4, 14 of the VGA's default
# palette (6-bit DAC 00/2A/3F: blue 0,0,170, green 0,170,0, red 170,0,0,
# yellow 255,255,85) appear as upper half blocks at 1:4 in the 97-column
# panel, coloured with the xterm colours nearest those (by hand: 19
# (0,0,175), 34 (0,175,0), 124 (175,0,0), 227 (255,255,95)); the cell
# row straddling rows 48 and 52 is blue over green (fg 19, bg 34); the
# status line says halted while it waits in hlt. tests/ui/boot/triple.S:
# the triple fault (an IDT limit of 0, int $3) shows on the status line
# ("shut down", at 0000:7c06) and s refuses to go on.
# Environment: BLINKENLIGHTS, TOP_SRCDIR. Exits 77 without tmux or
# as/ld, or when the PC has no BIOS ROM yet (it then starts at 7C00).
. "$(dirname "$0")/lib/prog.sh"
. "$(dirname "$0")/lib/boot.sh"
needs tmux as ld
boot echo
boot mode13
boot triple

SOCK=bl-tui-pcb-$$
# shellcheck source=lib/tmux.sh
. "$(dirname "$0")/lib/tmux.sh"
# shellcheck source=lib/pc.sh
. "$(dirname "$0")/lib/pc.sh"

pc_session "-b 7c00 '$PWD/echo.img'"
needs_rom
tm send-keys -t t c
wait_for 'stopped \(ENTER continues\)' 20 || fail "-b 7c00 did not stop at the boot sector"
tm send-keys -t t Enter
wait_for '▶.0000:7c00' 3 || fail "not at 0000:7c00"
tm send-keys -t t s; sleep 0.1; tm send-keys -t t s; sleep 0.1; tm send-keys -t t s
wait_for '▶.0000:7c07 cd 10 ' 3 || fail "three steps did not reach the first int \$0x10"
tm send-keys -t t n
wait_for '▶.0000:7c09 ' 5 || fail "n did not step over int \$0x10"
sleep 0.3; cap # the whole redraw, not a capture in the middle of it
screen_rows | grep -q 'A' || fail "the teletype's A is not on the screen panel"
tm send-keys -t t s
wait_for '▶.0000:7c0c cd 10 ' 3 || fail "s did not reach the second int"
tm send-keys -t t s
wait_for '▶.f000:' 3 || fail "s on int \$0x10 did not enter the ROM"
tm send-keys -t t f
wait_for '▶.0000:7c0e ' 10 || fail "f did not return from the ROM to the boot sector"
sleep 0.3; cap
screen_rows | grep -q 'AB' || fail "AB is not on the screen panel"
tm send-keys -t t q

session 200 60 "TERM=xterm-256color '$BL' -r '$PWD/mode13.img'" || fail "tmux new-session"
wait_for 'real mode, 16-bit code \| icount 0' 5 || fail "the UI did not come up (mode13)"
tm send-keys -t t c
wait_for '^ screen: mode 13h 320x200 graphics, 1:4' 20 || fail "no mode 13h screen at 1:4"
sleep 0.5
cap
printf '%s\n' "$SCREEN" | grep -q '▀▀▀▀▀▀▀▀' || fail "no half blocks"
C=$(codes_at 0 ▀); [[ " $C " == *" 38 5 19 "* && " $C " == *" 48 5 19 "* ]] || fail "row 0 is not blue over blue (codes: $C)"
C=$(codes_at 6 ▀); [[ " $C " == *" 38 5 19 "* && " $C " == *" 48 5 34 "* ]] || fail "row 6 is not blue over green (codes: $C)"
C=$(codes_at 15 ▀); [[ " $C " == *" 38 5 124 "* && " $C " == *" 48 5 124 "* ]] || fail "row 15 is not red (codes: $C)"
C=$(codes_at 22 ▀); [[ " $C " == *" 38 5 227 "* && " $C " == *" 48 5 227 "* ]] || fail "row 22 is not yellow (codes: $C)"
wait_for '^ halted \|' 3 || fail "the status line does not say halted while the CPU waits in hlt"
tm send-keys -t t C-c
wait_for '^ stopped in hlt \|' 5 || fail "ctrl-C did not stop the PC in hlt"
tm send-keys -t t q

# A triple fault ends the machine: the status line says so, s refuses.
session 200 60 "TERM=xterm-256color '$BL' -r '$PWD/triple.img'" || fail "tmux new-session"
wait_for 'real mode, 16-bit code \| icount 0' 5 || fail "the UI did not come up (triple)"
tm send-keys -t t c
wait_for '^ shut down \|.*triple fault at 0000:7c06' 20 || fail "no triple fault on the status line"
tm send-keys -t t s
wait_for 'stopped for good; R powers it on again' 3 || fail "s after the triple fault"
tm send-keys -t t q
echo ok
