#!/usr/bin/env bash
# run-bench.sh: CPU-bound benchmarks natively, under blink and under
# qemu-x86_64 (when installed), as seconds and slowdown against native,
# with the geometric mean of the slowdowns. `make bench` runs it.
#
# Environment: BLINK, TOP_SRCDIR, TOP_BUILDDIR (as for run-tests.sh);
# BENCH_SCALE, the work per program in percent (default 100: a native
# run takes a few tenths of a second); BENCH (a grep -E pattern to pick
# benchmarks); BENCH_TIMEOUT (seconds per emulated run, default 600);
# STARTUP_RUNS (how many runs of the start-up benchmark, default 100).
#
# Times are wall-clock, best of BENCH_REPEAT (default 1) runs (native:
# at least 3). Nothing is asserted; a run whose output differs from the
# native one is marked "wrong", one that fails or times out
# "failed"/"timeout", and those are left out of the geometric mean.
set -u

here=$(cd "$(dirname "$0")" && pwd)
TOP_SRCDIR=${TOP_SRCDIR:-$(cd "$here/../.." && pwd)}
TOP_BUILDDIR=${TOP_BUILDDIR:-$TOP_SRCDIR}
BLINK=${BLINK:-$TOP_BUILDDIR/blink}
BENCH_SCALE=${BENCH_SCALE:-100}
BENCH=${BENCH:-}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-600}
BENCH_REPEAT=${BENCH_REPEAT:-1}
# Native runs are short and this machine's timing is noisy: take the best
# of at least three.
NATIVE_REPEAT=$((BENCH_REPEAT > 3 ? BENCH_REPEAT : 3))
STARTUP_RUNS=${STARTUP_RUNS:-100}
OUT=$TOP_BUILDDIR/tests/out/bench
SRC=$TOP_SRCDIR/tests
# shellcheck source=../lib/common.sh
. "$SRC/lib/common.sh"

QEMU=$(command -v qemu-x86_64 2>/dev/null || true)
[ -n "$MUSL_CC" ] && ! links "$MUSL_CC" -static && MUSL_CC=
mkdir -p "$OUT"
ulimit -c 0

now() { date +%s.%N; }

# timed OUTFILE CMD...: wall seconds of one run (or "failed"/"timeout"),
# stdout to OUTFILE.
timed() {
  local out=$1 t0 t1 st
  shift
  t0=$(now)
  { timeout -k 5 "$BENCH_TIMEOUT" "$@" >"$out" 2>"$out.err"; } 2>/dev/null
  st=$?
  t1=$(now)
  if [ "$st" = 124 ]; then
    echo timeout
  elif [ "$st" != 0 ]; then
    echo failed
  else
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
  fi
}

# best REPEAT OUTFILE CMD...: the fastest of REPEAT runs.
best() {
  local repeat=$1 out=$2 k t b=""
  shift 2
  for ((k = 0; k < repeat; k++)); do
    t=$(timed "$out" "$@")
    case $t in
      failed | timeout) echo "$t"; return ;;
    esac
    if [ -z "$b" ] || awk -v t="$t" -v b="$b" 'BEGIN { exit !(t < b) }'; then
      b=$t
    fi
  done
  echo "$b"
}

# A loop in a child shell, so that `timeout` can run it; each iteration
# forks and execs alike for native, blink and qemu.
LOOP='n=$1; shift; for ((k = 0; k < n; k++)); do "$@" || exit 1; done'

# command KIND EMU...: the command line for one benchmark run; EMU is
# empty natively. Sets the array CMD.
command_for() {
  local kind=$1
  shift
  if [ "$kind" = startup ]; then
    CMD=(bash -c "$LOOP" loop "$STARTUP_RUNS" "$@" "$bin")
  else
    CMD=("$@" "$bin" "$BENCH_SCALE")
  fi
}

# measure NAME KIND: one row of the table for the program $OUT/NAME.
RATIOS_B=()
RATIOS_Q=()
measure() {
  local name=$1 kind=$2 bin=$OUT/$1 tn tb tq rb rq wb="" wq=""
  command_for "$kind"
  tn=$(best "$NATIVE_REPEAT" "$OUT/$name.native.out" "${CMD[@]}")
  command_for "$kind" "$BLINK"
  tb=$(best "$BENCH_REPEAT" "$OUT/$name.blink.out" "${CMD[@]}")
  if [ -n "$QEMU" ]; then
    command_for "$kind" "$QEMU"
    tq=$(best "$BENCH_REPEAT" "$OUT/$name.qemu.out" "${CMD[@]}")
  else
    tq=-
  fi
  rb=$(ratio "$tn" "$tb")
  rq=$(ratio "$tn" "$tq")
  if [ "$rb" != - ] && ! cmp -s "$OUT/$name.native.out" "$OUT/$name.blink.out"; then
    wb=" wrong"
  elif [ "$rb" != - ]; then
    RATIOS_B+=("$rb")
  fi
  if [ "$rq" != - ] && ! cmp -s "$OUT/$name.native.out" "$OUT/$name.qemu.out"; then
    wq=" wrong"
  elif [ "$rq" != - ]; then
    RATIOS_Q+=("$rq")
  fi
  printf '%-22s %9s %9s %8s %9s %8s\n' "$name" "$tn" "$tb" "$(fmt_ratio "$rb")$wb" \
    "$tq" "$(fmt_ratio "$rq")$wq"
}

ratio() {
  case "$1/$2" in
    */- | */failed | */timeout | failed/* | timeout/*) echo - ;;
    *) awk -v n="$1" -v e="$2" 'BEGIN { if (n <= 0) n = 0.001; printf "%.2f", e / n }' ;;
  esac
}
fmt_ratio() { [ "$1" = - ] && echo - || echo "${1}x"; }

geomean() {
  [ $# -eq 0 ] && { echo -; return; }
  printf '%s\n' "$@" | awk '{ s += log($1); n++ } END { printf "%.2fx", exp(s / n) }'
}

# ---------------------------------------------------------------- build
names=()
for src in "$SRC"/bench/*.c; do
  b=$(basename "$src" .c)
  [ -n "$BENCH" ] && ! echo "$b" | grep -qE -- "$BENCH" && continue
  # build_c only looks at the .c file; the shared header counts too.
  newer "$OUT/$b-glibc" "$SRC/bench/bench.h" || rm -f "$OUT/$b-glibc" "$OUT/$b-musl"
  if build_c "$GUEST_CC" "$OUT/$b-glibc" "$src" -I"$SRC/bench"; then
    names+=("$b-glibc")
  else
    echo "bench: cannot build $b with $GUEST_CC (see $OUT/$b-glibc.log)" >&2
  fi
  if [ -n "$MUSL_CC" ]; then
    if build_c "$MUSL_CC" "$OUT/$b-musl" "$src" -I"$SRC/bench"; then
      names+=("$b-musl")
    else
      echo "bench: cannot build $b with musl-gcc (see $OUT/$b-musl.log)" >&2
    fi
  fi
done

# ---------------------------------------------------------------- run
echo "blink: $BLINK"
[ -n "$QEMU" ] && echo "qemu:  $QEMU ($("$QEMU" --version | head -1))"
echo "scale: $BENCH_SCALE%, best of $BENCH_REPEAT (native $NATIVE_REPEAT); startup is $STARTUP_RUNS runs"
echo
printf '%-22s %9s %9s %8s %9s %8s\n' benchmark native blink ratio qemu ratio
for name in "${names[@]}"; do
  case $name in
    startup-*) measure "$name" startup ;;
    *) measure "$name" work ;;
  esac
done
printf '%-22s %9s %9s %8s %9s %8s\n' "geometric mean" "" "" "$(geomean "${RATIOS_B[@]}")" \
  "" "$(geomean "${RATIOS_Q[@]}")"

# ---------------------------------------------------------------- history
# The reverse-execution recording's cost: each program run with vm_run and
# with history_run (a checkpoint every 50 ms, as the debugger's timer
# asks), from tests/vm/test-history --bench.
HIST=$TOP_BUILDDIR/tests/vm/test-history
if [ -x "$HIST" ]; then
  echo
  echo "recording on vs off (reverse-execution history):"
  for b in intloop memcopy syscalls; do
    [ -x "$OUT/$b-glibc" ] || continue
    "$HIST" --bench "$OUT/$b-glibc" "$BENCH_SCALE" 2>&1 | grep -E 'ratio|seeks' |
      sed "s|$OUT/||"
  done
fi
