#!/bin/bash
# tests/ui/tui-fork.sh: fork, wait and execve under blinkenlights
# (tests/ui/progs/forkexec.c, built here with $CC -static): a forked child
# runs free (its output reaches the terminal panel, it never draws), the
# parent's blocking wait4 waits through the UI, and after the execve the
# new program runs to its end with its own exit status.
# Environment: BLINKENLIGHTS, CC, TOP_SRCDIR. Exits 77 without tmux,
# blinkenlights or a static-linking compiler.
. "$(dirname "$0")/lib/prog.sh"
needs tmux
PROG=$PWD/forkexec
build forkexec -O1

SOCK=bl-tui-fork-$$
# shellcheck source=lib/tmux.sh
. "$(dirname "$0")/lib/tmux.sh"

session 100 60 "TERM=xterm-256color '$BL' '$PROG'" || fail "tmux new-session"
wait_for 'icount 0' || fail "the UI did not come up"
tm send-keys -t t C
wait_for 'program exited with status 3' 30 || fail "C did not run through fork, wait and exec to status 3"
for line in 'the child says hello' 'the parent saw status 5' 'after the wait, status 6' \
  "the exec'd program runs (second)"; do
  printf '%s\n' "$SCREEN" | grep -qF "$line" || fail "missing in the terminal panel: $line"
done
printf '%s\n' "$SCREEN" | head -n1 | grep -q '^ disassembly' || fail "a child drew over the UI"
tm send-keys -t t q
echo "ok: fork, wait4 and execve under the UI"
