#!/bin/bash
# tests/ui/tui-pc-keys.sh: keys typed while blinkenlights -r runs the PC
# are the PC's. tests/ui/boot/echo.S prints "AB" (INT 10h teletype) and
# echoes what INT 16h returns. Checks: c runs it and "AB" shows on the
# screen panel; "hello" typed comes back after it; ctrl-V ctrl-C sends
# ctrl-C to the guest (character 03h, whose CP437 glyph is ♥) and the PC
# keeps running; ctrl-C alone stops it (in hlt: INT 16h waits there);
# keys typed while stopped are the debugger's: s steps, out of the hlt
# once an interrupt woke the CPU.
# Environment: BLINKENLIGHTS, TOP_SRCDIR. Exits 77 without tmux or
# as/ld, or when the PC has no BIOS ROM yet (it then starts at 7C00).
. "$(dirname "$0")/lib/prog.sh"
. "$(dirname "$0")/lib/boot.sh"
needs tmux as ld
boot echo

SOCK=bl-tui-pck-$$
# shellcheck source=lib/tmux.sh
. "$(dirname "$0")/lib/tmux.sh"
# shellcheck source=lib/pc.sh
. "$(dirname "$0")/lib/pc.sh"

pc_session "'$PWD/echo.img'"
needs_rom
tm send-keys -t t c
wait_for '^AB' 20 || fail "the boot sector's AB is not on the screen panel"
tm send-keys -t t -l hello
wait_for '^ABhello' 5 || fail "typed keys did not come back through INT 16h and INT 10h"
tm send-keys -t t C-v C-c
wait_for '^ABhello♥' 5 || fail "ctrl-V ctrl-C did not send ctrl-C (03h) to the guest"
sleep 0.3; cap
printf '%s\n' "$SCREEN" | grep -qE '^ (running|halted) \|' || fail "ctrl-V ctrl-C stopped the PC"
tm send-keys -t t C-c
wait_for '^ stopped( in hlt)? \|' 5 || fail "ctrl-C did not stop the PC"
sleep 0.3; cap
# Stopped in INT 16h's hlt: s steps to the instruction after it once the
# next interrupt (the timer's) woke the CPU, its handler run whole.
here=$(printf '%s\n' "$SCREEN" | grep -o '▶.[0-9a-f]*:[0-9a-f]*' | head -n1)
tm send-keys -t t s
wait_for '^ stopped \|' 5 || fail "s did not step out of hlt (status)"
sleep 0.3; cap
now=$(printf '%s\n' "$SCREEN" | grep -o '▶.[0-9a-f]*:[0-9a-f]*' | head -n1)
[ -n "$now" ] && [ "$now" != "$here" ] || fail "s did not move from $here"
printf '%s\n' "$SCREEN" | grep -q '^ABhello♥s' && fail "s went to the guest while stopped"
tm send-keys -t t q
echo ok
