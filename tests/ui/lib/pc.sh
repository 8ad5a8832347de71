# tests/ui/lib/pc.sh: what the blinkenlights -r (PC) tmux tests share.
# Source it after tmux.sh. It gives:
#   pc_session ARGS   a 200x60 session t running `blinkenlights -r ARGS`
#                     (one string, paths quoted inside it) and waits for
#                     the UI to come up in real mode; fails otherwise.
#   no_rom            true when the PC started at the boot sector 7C00
#                     (a build with no BIOS ROM) rather than F000:FFF0.
#   needs_rom         exits 77 (skip) in that case.
#   screen_rows       the screen panel's rows of $SCREEN.
#   wait_screen REGEX SECONDS   like wait_for, on the screen panel's rows.
#   codes_at ROW TEXT the SGR parameters set just before TEXT on row ROW
#                     (0 first) of the screen panel (capture-pane -e), as
#                     one line of numbers.

pc_session() {
  session 200 60 "TERM=xterm-256color '$BL' -r $1" || fail "tmux new-session"
  wait_for 'real mode, 16-bit code \| icount 0' 5 || fail "the UI did not come up in real mode"
}

no_rom() { printf '%s\n' "$SCREEN" | grep -q '▶.0000:7c00'; }

needs_rom() {
  if no_rom; then
    echo "the PC has no BIOS ROM yet (it starts at the boot sector)"
    exit 77
  fi
}

screen_rows() { printf '%s\n' "$SCREEN" | sed -n '/^ screen:/,/^ COM1/p'; }

wait_screen() {
  local n=$(($2 * 10))
  while ((n-- > 0)); do
    cap
    screen_rows | grep -qE -- "$1" && return 0
    sleep 0.1
  done
  return 1
}

codes_at() {
  local line seg n
  n=$(tm capture-pane -p -t t | grep -n '^ screen:' | head -n1 | cut -d: -f1)
  line=$(tm capture-pane -p -e -t t | sed -n "$((n + 1 + $1))p")
  seg=${line%%"$2"*}
  printf '%s' "$seg" | grep -oE $'(\e\\[[0-9;]*m)+$' | tr -c '0-9\n' '\n' | grep . | tr '\n' ' '
}
