#!/bin/bash
# tests/ui/tui-freedos.sh: the issue's check of blinkenlights -r: boot
# the FreeDOS 1.3 floppy (../shared/testdata/freedos, a copy: the disk is
# writable) in tmux, see its screen in colour, type a DOS command and see
# the answer. c runs the PC; the kernel's language menu ("1 - English")
# appears on the screen panel and 1 answers it; the installer asks
# whether to proceed under the FreeDOS logo, green on blue (the screen
# panel's cells carry 32 on 44); N and Enter leave it for the A:\>
# prompt; `ver` typed there answers with FreeCOM's version. Keys go to
# the PC while it runs (tests/ui/tui-pc*.sh check ctrl-C and the rest).
# Environment: BLINKENLIGHTS, TOP_SRCDIR. Exits 77 without tmux, without
# the image, or when the PC has no BIOS ROM yet.
. "$(dirname "$0")/lib/prog.sh"
needs tmux
# TESTDATA as tests/images/lib.sh: the project root's ../shared/testdata.
src=${TESTDATA:-$SRCDIR/../shared/testdata}/freedos/freedos13-floppy.img
[ -f "$src" ] || { echo "no $src (the shared test data)"; exit 77; }
cp "$src" "$PWD/freedos.img" && chmod u+w "$PWD/freedos.img" || { echo "FAIL: cannot copy $src"; exit 1; }

SOCK=bl-tui-dos-$$
# shellcheck source=lib/tmux.sh
. "$(dirname "$0")/lib/tmux.sh"
# shellcheck source=lib/pc.sh
. "$(dirname "$0")/lib/pc.sh"

pc_session "'$PWD/freedos.img'"
needs_rom
tm send-keys -t t c
wait_screen '1 - English' 120 || fail "no FreeDOS language menu on the screen panel"
tm send-keys -t t 1
wait_screen 'proceed' 60 || fail "the installer did not ask whether to proceed"
# The FreeDOS logo over the installer's question: green on blue (the
# CGA's 2 on 1: the terminal's 32 on 44).
n=$(tm capture-pane -p -t t | grep -n '^ screen:' | head -n1 | cut -d: -f1)
rows=$(tm capture-pane -p -e -t t | sed -n "$((n + 1)),$((n + 25))p")
printf '%s' "$rows" | grep -qE $'\e\\[([0-9]+;)*44m[^\e]*(\e\\[[0-9;]*m)*\e\\[([0-9]+;)*32m' ||
  fail "the logo is not green on blue on the screen panel"
# N and Enter: no installation; DOS's prompt.
tm send-keys -t t N
sleep 1
tm send-keys -t t Enter
wait_screen 'aborted' 20 || fail "N did not leave the installer"
# (the panel's row goes on with blanks, then other panels)
wait_screen '^A:\\> {20}' 20 || fail "no A:\\> prompt"
tm send-keys -t t -l 'ver'
tm send-keys -t t Enter
wait_screen '^A:\\>ver' 10 || fail "ver was not echoed at the prompt"
n=30
until screen_rows | grep -A3 '^A:\\>ver' | grep -q 'FreeCom version'; do
  ((n-- > 0)) || fail "ver did not answer with FreeCOM's version"
  sleep 0.2
  cap
done
tm send-keys -t t C-c
wait_for '^ stopped( in hlt)? \|' 5 || fail "ctrl-C did not stop the PC"
tm send-keys -t t q
echo ok
