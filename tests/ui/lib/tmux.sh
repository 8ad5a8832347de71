# tests/ui/lib/tmux.sh: what the tmux-driven UI tests share. The sourcing
# script sets SOCK (its own tmux server, so parallel tests never meet)
# and gets tm (tmux on that server), cap (the screen of window t into
# SCREEN), fail MESSAGE (prints it with the screen, exits 1) and
# wait_for REGEX [SECONDS] (polls the screen until it matches) and
# session W H COMMAND (a fresh session t, W x H, running COMMAND).

tm() { tmux -L "$SOCK" -f /dev/null -u "$@"; }
# kill-server leaves the socket file behind: remove it too.
trap 'tm kill-server >/dev/null 2>&1; rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"' EXIT
export LC_ALL=C.UTF-8
# session W H COMMAND: replaces session t. A tmux server exits with its
# last session, and a new-session racing that exit fails ("server exited
# unexpectedly"): a keeper session holds the server up for the whole test.
session() {
  tm has-session -t keep 2>/dev/null || tm new-session -d -s keep 'sleep 3600' || return 1
  tm kill-session -t t 2>/dev/null
  tm new-session -d -s t -x "$1" -y "$2" "$3"
}
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
