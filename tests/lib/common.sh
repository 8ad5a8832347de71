# common.sh: shell helpers shared by tests/run-tests.sh and
# tests/bench/run-bench.sh. Sourced, never run. Bash only.
#
# Expects: OUT (the output directory). Provides the guest compilers, an
# up-to-date check, a run wrapper that captures status/stdout/stderr
# without the shell's "Segmentation fault" chatter, and the test result
# protocol used by the runner's job pool.

GUEST_CC=${GUEST_CC:-gcc}
if [ -z "${MUSL_CC+x}" ]; then
  MUSL_CC=$(command -v musl-gcc 2>/dev/null || true)
fi

# links CC FLAGS...: can CC link a trivial program with FLAGS? (musl-gcc
# is a wrapper script that can outlive its libc; -static-pie needs
# rcrt1.o.)
links() {
  local cc=$1 probe
  shift
  probe=$(mktemp "${TMPDIR:-/tmp}/links.XXXXXX") || return 1
  echo 'int main(void) { return 0; }' |
    $cc "$@" -x c -o "$probe" - >/dev/null 2>&1 && "$probe"
  local st=$?
  rm -f "$probe"
  return $st
}

# newer OUT SRC...: true when OUT exists and is newer than every SRC.
newer() {
  local out=$1 src
  shift
  [ -e "$out" ] || return 1
  for src; do
    [ "$src" -nt "$out" ] && return 1
  done
  return 0
}

# build_c CC OUT SRC [FLAGS...]: a static guest program, rebuilt only
# when the source changed. Compiler messages go to OUT.log. LINK may
# replace -static (e.g. LINK="-static-pie -fPIE").
build_c() {
  local cc=$1 out=$2 src=$3
  shift 3
  newer "$out" "$src" && return 0
  mkdir -p "$(dirname "$out")"
  # Write under a temporary name so a parallel reader never sees half a
  # file, then rename into place.
  # shellcheck disable=SC2086
  if $cc -O2 ${LINK:--static} -o "$out.tmp.$$" "$src" "$@" -lm >"$out.log" 2>&1; then
    mv -f "$out.tmp.$$" "$out"
  else
    rm -f "$out.tmp.$$"
    return 1
  fi
}

# build_asm OUT SRC: an assembly test, linked without libc.
build_asm() {
  local out=$1 src=$2 inc
  inc=$(dirname "$src")
  newer "$out" "$src" "$inc/check.h" && return 0
  mkdir -p "$(dirname "$out")"
  if $GUEST_CC -nostdlib -static -I"$inc" -o "$out.tmp.$$" "$src" \
      >"$out.log" 2>&1; then
    mv -f "$out.tmp.$$" "$out"
  else
    rm -f "$out.tmp.$$"
    return 1
  fi
}

# run_in DIR STDIN TIMEOUT -- CMD...: runs CMD in DIR with its stdin from
# STDIN (a file or /dev/null) and a time limit, stdout to DIR/stdout,
# stderr to DIR/stderr. Returns the status a shell would show: 128+N for
# death by signal N, 124 for a timeout. The braces' 2>/dev/null keeps
# bash's own "Segmentation fault" report out of our output.
run_in() {
  local dir=$1 in=$2 limit=$3
  shift 4
  rm -rf "$dir"
  mkdir -p "$dir"
  {
    (cd "$dir" && exec timeout -k 5 "$limit" "$@" <"$in" >stdout 2>stderr)
  } 2>/dev/null
}

# sanitizer_report FILE: prints the first line of a sanitizer or
# emulator-crash report found in FILE, if any.
sanitizer_report() {
  grep -m1 -E 'ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:|Sanitizer:DEADLYSIGNAL|core dumped' \
    "$1" 2>/dev/null
}

# first_diff A B: describes the first line where two files differ,
# showing the part of both lines around the first differing character.
first_diff() {
  local n
  n=$(cmp -- "$1" "$2" 2>/dev/null | sed -n 's/.* line \([0-9]*\).*/\1/p')
  if [ -z "$n" ]; then
    # cmp reports EOF on one side: one output is a prefix of the other.
    echo "output is $(wc -l <"$1") lines, native $(wc -l <"$2")"
    return
  fi
  awk -v n="$n" '
    FNR == n && NR == FNR { a = $0 }
    FNR == n && NR != FNR { b = $0 }
    END {
      for (i = 1; i <= length(a) && substr(a, i, 1) == substr(b, i, 1); i++) ;
      s = i > 30 ? i - 30 : 1
      printf "line %d col %d: [%s] native [%s]\n", n, i, substr(a, s, 50), substr(b, s, 50)
    }' "$1" "$2"
}

# first_line FILE: the first non-empty line, cut short, for messages.
first_line() {
  grep -m1 . "$1" 2>/dev/null | cut -c1-100
}

# Result protocol: a test prints exactly one of these lines last.
pass() { echo "PASS"; }
fail() { echo "FAIL: $*"; }
skip() { echo "SKIP: $*"; }
