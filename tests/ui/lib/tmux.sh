# tests/ui/lib/tmux.sh: what the tmux-driven UI tests share. The sourcing
# script sets SOCK (its own tmux server, so parallel tests never meet)
# and gets tm (tmux on that server), cap (the screen of window t into
# SCREEN), fail MESSAGE (prints it with the screen, exits 1) and
# wait_for REGEX [SECONDS] (polls the screen until it matches).

tm() { tmux -L "$SOCK" -f /dev/null -u "$@"; }
# kill-server leaves the socket file behind: remove it too.
trap 'tm kill-server >/dev/null 2>&1; rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"' EXIT
export LC_ALL=C.UTF-8
SCREEN=
cap() { SCREEN=$(tm capture-pane -p -t t 2>/dev/null); }
fail() { echo "FAIL: $*"; echo "---- screen ----"; printf '%s\n' "$SCREEN"; exit 1; }
wait_for() {
  local n=$((${2:-5} * 10))
  while ((n-- > 0)); do
    cap
    printf '%s\n' "$SCREEN" | grep -qE -- "$1" && return 0
    sleep 0.1
  done
  return 1
}
