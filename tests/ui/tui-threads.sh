#!/bin/bash
# tests/ui/tui-threads.sh: a threaded program in the blinkenlights UI,
# through tmux (tests/ui/progs/threads.c, built here -static):
#   : break worker_step; continue stops with the dialog naming the
#   worker thread that hit it (all-stop: the main thread waits in
#   pthread_join's futex meanwhile, and the UI stays live);
#   info threads lists three threads, the workers stopped in worker_step;
#   the status line says why there is no history (a thread was created);
#   delete, continue: the program ends with the native output in the
#   terminal panel; q quits at once.
# Then, with the history off (-B 0), ctrl-C stops the program while the
# main thread waits in pthread_join for a sleeping worker (the futex wait
# goes through the wait hook in slices), and q quits at once; and q
# quits at once while a worker is stopped at a breakpoint.
# Environment: BLINKENLIGHTS, CC, TOP_SRCDIR. Exits 77 without tmux,
# blinkenlights, nm or a static-linking compiler.
. "$(dirname "$0")/lib/prog.sh"
needs tmux nm
PROG=$PWD/threads
build threads -O1 -g -pthread
WS=$(sym_hex "$PROG" worker_step) || exit 1
sums=$("$PROG" | grep '^sums ')
[ -n "$sums" ] || { echo "FAIL: no sums line natively"; exit 1; }
STATE=$PWD/state
mkdir -p "$STATE"

SOCK=bl-tui-threads-$$
# shellcheck source=lib/tmux.sh
. "$(dirname "$0")/lib/tmux.sh"
# typed LINE: types LINE into the focused command line, waits for its
# echo on the prompt (a key typed while a command still ends can be
# lost), then ENTER.
typed() {
  tm send-keys -t t -l "$1"
  wait_for "^\\(bl\\) $1 *\$" 5 || fail "the command line did not take '$1'"
  tm send-keys -t t Enter
}
gone() { # gone REGEX: waits (3 s) until the screen no longer matches
  local n=30
  while ((n-- > 0)); do cap; printf '%s\n' "$SCREEN" | grep -qE -- "$1" || return 0; sleep 0.1; done
  return 1
}

session 160 60 "XDG_STATE_HOME='$STATE' TERM=xterm-256color '$BL' '$PROG'; echo BL-EXIT \$?; sleep 30" ||
  fail "tmux new-session"
wait_for 'icount 0' || fail "the UI did not come up"
tm send-keys -t t :
wait_for '^\(bl\) *$' || fail ": did not focus the command line"
typed 'break worker_step'
wait_for "Breakpoint 1 at 0x$WS <worker_step>" || fail "break worker_step did not answer"
typed continue
wait_for 'ENTER continues' 20 || fail "continue did not stop at the worker's breakpoint"
printf '%s\n' "$SCREEN" | grep -qE "Thread [23] \(LWP [0-9]+\) hit Breakpoint 1, 0x$WS <worker_step>" ||
  fail "the dialog does not name the worker thread's hit"
tm send-keys -t t Enter
gone 'ENTER continues' || fail "ENTER did not close the dialog"
printf '%s\n' "$SCREEN" | grep -q 'no history: threads since icount [1-9]' ||
  fail "the status line does not say why there is no history"
printf '%s\n' "$SCREEN" | grep -q 'recording stopped' ||
  fail "the commands panel does not say the recording stopped"
typed 'info threads'
wait_for "[23] +LWP [0-9]+ +0x" || fail "info threads printed no table"
n=$(printf '%s\n' "$SCREEN" | grep -cE "[23] +LWP [0-9]+ +0x$WS <worker_step> \(stopped")
[ "$n" -ge 1 ] || fail "info threads does not list a worker stopped in worker_step"
printf '%s\n' "$SCREEN" | grep -qE '\* 1 +LWP [0-9]+' || fail "info threads: no current thread 1"
typed delete
typed continue
wait_for 'program exited with status 0' 30 || fail "the program did not run to its end"
printf '%s\n' "$SCREEN" | grep -qF "$sums" || fail "the terminal panel lacks the native '$sums'"
tm send-keys -t t Escape q
wait_for '^BL-EXIT 0' 5 || fail "q did not quit (status 0)"

# ctrl-C while the main thread waits in pthread_join (a futex wait) for
# a worker that sleeps 30 s: the wait goes through the UI's wait hook in
# slices, so the UI answers, ctrl-C stops it before the call, and q
# quits at once.
session 160 60 "XDG_STATE_HOME='$STATE' TERM=xterm-256color '$BL' -B 0 '$PROG' 30000; echo BL-EXIT \$?; sleep 30" ||
  fail "tmux new-session (-B 0)"
wait_for 'icount 0' || fail "the UI did not come up (-B 0)"
tm send-keys -t t C
wait_for 'the program sleeps' 10 || fail "-B 0: C did not reach the wait in pthread_join"
sleep 0.5
tm send-keys -t t C-c
wait_for 'Program stopped \(interrupted\)|interrupted in a system call' 5 || fail "-B 0: ctrl-C did not stop the futex wait"
printf '%s\n' "$SCREEN" | grep -q 'program exited' && fail "-B 0: the program ended (the worker sleeps 30 s)"
printf '%s\n' "$SCREEN" | grep -qE '^ stopped \| icount' || fail "-B 0: the status line does not say stopped"
tm send-keys -t t : 
wait_for '^\(bl\) *$' || fail "-B 0: : did not focus the command line"
typed 'info threads'
wait_for "2 +LWP [0-9]+ +0x" || fail "-B 0: info threads lists no second thread"
tm send-keys -t t Escape q
wait_for '^BL-EXIT 0' 5 || fail "-B 0: q did not quit at once (status 0)"
# q while a worker is stopped at a breakpoint (parked) and the main
# thread is stopped: blinkenlights ends at once.
session 160 60 "XDG_STATE_HOME='$STATE' TERM=xterm-256color '$BL' '$PROG'; echo BL-EXIT \$?; sleep 30" ||
  fail "tmux new-session (q)"
wait_for 'icount 0' || fail "the UI did not come up (q)"
tm send-keys -t t :
wait_for '^\(bl\) *$' || fail ": did not focus the command line (q)"
typed 'break worker_step'
typed continue
wait_for 'ENTER continues' 20 || fail "q: continue did not stop at the worker's breakpoint"
tm send-keys -t t Enter
gone 'ENTER continues' || fail "q: ENTER did not close the dialog"
tm send-keys -t t Escape q
wait_for '^BL-EXIT 0' 5 || fail "q did not quit while a worker was stopped"
echo "ok: threads under the UI (worker breakpoint, info threads, no history, ctrl-C in a futex wait, q)"
