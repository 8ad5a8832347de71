#!/bin/bash
# tests/ui/tui-freedos.sh: the issue's check of blinkenlights -r: boot
# the FreeDOS 1.3 floppy (../shared/testdata/freedos, a copy: the disk is
# writable) in tmux, see its screen in colour, type a DOS command and see
# the answer. c runs the PC; the kernel's language menu ("1 - English")
# appears on the screen panel and 1 answers it; the installer asks
# whether to proceed (its screen has a blue background: the screen
# panel's rows carry background colour 44); N
# leaves it for the A:\> prompt; `ver` typed there answers with the
# kernel's and FreeCOM's versions. Keys go to the PC while it runs
# (tests/ui/tui-pc.sh checks ctrl-C and the rest).
# Environment: BLINKENLIGHTS, TOP_SRCDIR. Exits 77 without tmux, without
# the image, or when the PC has no BIOS ROM yet.
. "$(dirname "$0")/lib/prog.sh"
needs tmux
src=$SRCDIR/../shared/testdata/freedos/freedos13-floppy.img
[ -f "$src" ] || { echo "no $src (the shared test data)"; exit 77; }
cp "$src" "$PWD/freedos.img" && chmod u+w "$PWD/freedos.img" || { echo "FAIL: cannot copy $src"; exit 1; }

SOCK=bl-tui-dos-$$
# shellcheck source=lib/tmux.sh
. "$(dirname "$0")/lib/tmux.sh"

screen_rows() { printf '%s\n' "$SCREEN" | sed -n '/^ screen:/,/^ COM1/p'; }
# wait_screen REGEX SECONDS: like wait_for, on the screen panel's rows.
wait_screen() {
  local n=$(($2 * 10))
  while ((n-- > 0)); do
    cap
    screen_rows | grep -qE -- "$1" && return 0
    sleep 0.1
  done
  return 1
}

session 200 60 "TERM=xterm-256color '$BL' -r '$PWD/freedos.img'" || fail "tmux new-session"
wait_for 'real mode, 16-bit code \| icount 0' 5 || fail "the UI did not come up"
if printf '%s\n' "$SCREEN" | grep -q '▶.0000:7c00'; then
  echo "the PC has no BIOS ROM yet (it starts at the boot sector)"
  exit 77
fi
tm send-keys -t t c
wait_screen '1 - English' 120 || fail "no FreeDOS language menu on the screen panel"
tm send-keys -t t 1
wait_screen 'proceed' 60 || fail "the installer did not ask whether to proceed"
# The installer's screen: grey text on a blue background (CGA 1 is the
# terminal's blue, background 44).
n=$(tm capture-pane -p -t t | grep -n '^ screen:' | head -n1 | cut -d: -f1)
rows=$(tm capture-pane -p -e -t t | sed -n "$((n + 1)),$((n + 25))p")
printf '%s' "$rows" | grep -qE $'\e\\[([0-9]+;)*44m' ||
  fail "the installer's screen is not blue on the screen panel"
for _ in 1 2 3 4 5 6; do
  tm send-keys -t t N
  wait_screen 'A:\\>' 15 && break
done
screen_rows | grep -q 'A:\\>' || fail "no A:\\> prompt"
# Ns typed ahead of the prompt would land on its line: rub them out.
for _ in 1 2 3 4 5 6 7 8; do tm send-keys -t t BSpace; done
tm send-keys -t t -l 'ver'
tm send-keys -t t Enter
wait_screen 'FreeCom version' 20 || fail "ver did not answer on the screen panel"
screen_rows | grep -q 'FreeDOS kernel' || fail "ver did not name the kernel"
tm send-keys -t t C-c
wait_for '^ stopped \|' 5 || fail "ctrl-C did not stop the PC"
tm send-keys -t t q
echo ok
