#!/bin/bash
# tests/ui/batch-threads.sh: a threaded program under blinkenlights' batch
# mode (tests/ui/progs/threads.c, built here -static): its output is the
# native one with the history on (creating a thread ends the recording;
# reverse commands then say so) and with -B 0; a breakpoint in the worker
# function stops the program in a worker thread (all-stop), info threads
# lists the three threads, thread N shows where a stopped one is and its
# backtrace, continue reports the next hit, and
# the program ends with the native output; a watchpoint on what the
# second worker writes stops it with the native value.
# Environment: BLINKENLIGHTS, CC, TOP_SRCDIR. Exits 77 without
# blinkenlights, nm or a static-linking compiler.
. "$(dirname "$0")/lib/prog.sh"
needs nm
PROG=$PWD/threads
build threads -O1 -g -pthread
failed=0
fail() { echo "FAIL: $*"; failed=1; }
bl() { timeout 60 "$BL" "$@" </dev/null 2>&1; }
has() { printf '%s\n' "$2" | grep -qE -- "$3" || fail "$1: no /$3/ in:"$'\n'"$2"; }
lacks() { ! printf '%s\n' "$2" | grep -qE -- "$3" || fail "$1: unexpected /$3/ in:"$'\n'"$2"; }

native=$("$PROG") || fail "the native run failed"
sums=$(printf '%s\n' "$native" | grep '^sums ')
[ -n "$sums" ] || fail "no sums line natively: $native"

# 1. History on (the default): the thread's creation ends the recording;
# the program runs as natively; reverse-stepi says why it cannot.
out=$(bl -ex continue -ex reverse-stepi "$PROG"); st=$?
has "history on" "$out" "^$sums\$"
has "history on" "$out" '^\[program exited with code 0\]'
has "history on" "$out" '^no history: threads since icount [1-9][0-9]*'
[ "$st" = 1 ] || fail "history on: status $st, want 1 (reverse-stepi failed)"

# 2. -B 0: nothing recorded, the same output, and reverse says -B 0.
out=$(bl -B 0 -ex continue -ex reverse-stepi "$PROG")
has "-B 0" "$out" "^$sums\$"
has "-B 0" "$out" '^no history: the program is not being recorded'
lacks "-B 0" "$out" 'threads since'

# 3. A breakpoint in worker_step: each worker stops there once per
# continue (all-stop), then the breakpoint is deleted and it ends.
ws=$(sym_hex "$PROG" worker_step) || exit 1
out=$(bl -ex 'break worker_step' -ex continue -ex 'info threads' -ex continue \
  -ex 'info threads' -ex 'info breakpoints' -ex delete -ex continue "$PROG")
has "break" "$out" "^Thread [23] \\(LWP [0-9]+\\) hit Breakpoint 1, 0x$ws <worker_step>"
hits=$(printf '%s\n' "$out" | grep -cE "^Thread [23] \\(LWP [0-9]+\\) hit Breakpoint 1")
[ "$hits" = 2 ] || fail "break: $hits thread hits, want 2 (one per continue):"$'\n'"$out"
# The hits are workers', not the main thread's (which one depends on
# the schedule: the second worker may not exist yet at the first stop).
main=$(printf '%s\n' "$out" | sed -n 's/^\* 1 *LWP \([0-9]*\) .*/\1/p' | head -1)
for l in $(printf '%s\n' "$out" | sed -n 's/^Thread [23] (LWP \([0-9]*\)) hit.*/\1/p'); do
  [ "$l" != "$main" ] || fail "break: the main thread ($main) reported as a worker's hit"
done
# info threads: thread 1 current, the workers stopped in worker_step
# (two listings, at least one worker in each).
n=$(printf '%s\n' "$out" | grep -cE "^  [23] +LWP [0-9]+ +0x$ws <worker_step> \\(stopped at a breakpoint\\)")
[ "$n" -ge 2 ] || fail "info threads: workers not listed stopped at worker_step:"$'\n'"$out"
has "info threads" "$out" '^\* 1 +LWP [0-9]+ +0x'
has "break" "$out" 'breakpoint already hit 2 times'
has "break" "$out" "^$sums\$"
has "break" "$out" '^\[program exited with code 0\]'
# The output before the first stop is the program's first line only.
before=$(printf '%s\n' "$out" | awk '/hit Breakpoint/ { exit } { print }')
lacks "break" "$before" '^sums '

# thread N on the workers: the one that hit is stopped at worker_step
# with a backtrace through worker (the other, if it exists yet, is
# parked wherever the pause found it).
out=$(bl -ex 'break worker_step' -ex continue -ex 'thread 2' -ex 'thread 3' -ex 'thread 9' "$PROG")
has "thread" "$out" "^\\[Thread [23] \\(LWP [0-9]+\\) is stopped at 0x$ws <worker_step>"
has "thread" "$out" '^#0  worker_step \(\) at .*threads\.c:[0-9]+'
has "thread" "$out" '^#1  0x[0-9a-f]+ in worker \(\) at .*threads\.c:[0-9]+'
has "thread" "$out" '^Invalid thread ID: 9'

# The commands end with a worker stopped at the breakpoint: blinkenlights
# ends it and exits at once (vm_free would wait 5 s for a live thread).
t0=$(date +%s%N)
out=$(bl -ex 'break worker_step' -ex continue "$PROG")
ms=$((($(date +%s%N) - t0) / 1000000))
has "end" "$out" '^Thread [23] \(LWP [0-9]+\) hit Breakpoint 1'
[ "$ms" -lt 3000 ] || fail "end: blinkenlights took $ms ms to exit with a stopped worker"

# 4. A watchpoint on sums[1], which only the second worker writes: the
# stop names a worker thread and the value the native run printed.
want=$(printf '0x%x' "$(printf '%s\n' "$sums" | awk '{ print $3 }')")
out=$(bl -B 0 -ex 'watch *(long *)(&sums + 8)' -ex continue -ex continue "$PROG")
has "watch" "$out" '^Thread [23] \(LWP [0-9]+\) hit Hardware watchpoint 1: '
has "watch" "$out" '^Old value = 0x0$'
has "watch" "$out" "^New value = $want\$"
has "watch" "$out" '^\(by the instruction at 0x[0-9a-f]+ <worker\+[0-9]+>\)'
has "watch" "$out" "^$sums\$"
has "watch" "$out" '^\[program exited with code 0\]'

[ "$failed" = 0 ] && echo "ok: threads in batch mode (history ends, -B 0, all-stop breakpoints, watchpoints)"
exit "$failed"
