# shellcheck shell=bash
# tests/images/lib.sh: sourced by the tests/images/*.sh scripts, which
# boot disk images nobody here wrote (../shared/testdata, see its
# README.md) headless with `blink -r` and judge what a person would see:
# the teletype output on stdout and the final text screen.
#
# A script exits 0 (pass), 1 (fail: the reasons are on stdout, one
# "FAIL ..." line each) or 77 (skip: the last stdout line says why).
# Environment: BLINK (the blink binary), TESTDATA (default: the project
# root's ../shared/testdata; a git worktree has none, so set it), WORK
# (a scratch directory, default a temporary one).
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
BLINK=${BLINK:-$top/blink}
TESTDATA=${TESTDATA:-$top/../shared/testdata}
if [ -z "${WORK:-}" ]; then
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/images.XXXXXX")
  trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK"
FAILED=0

# The headless flags (man blink, "THE PC"): -T SECONDS ends the run when
# the time is up (status 124, like timeout(1)); -S prints the final
# text screen to stdout after a line that says so, -SS then also its
# attribute bytes (one row of hex pairs per text row, after the line
# "blink: attributes").
# shellcheck disable=SC2034 # used by the scripts that source this
TIME_STATUS=124
LIMIT_FLAG=-T
SCREEN_FLAG=-SS
SCREEN_MARK='^blink: screen'
ATTRS_MARK='^blink: attributes$'

fail() {
  echo "FAIL $*"
  FAILED=1
}

skip() {
  echo "$*"
  exit 77
}

# need FILE: skip the test when a test image is absent (a fresh clone
# has no ../shared).
need() {
  [ -f "$1" ] || skip "no $1 (the test data in ../shared/testdata is absent)"
  [ -x "$BLINK" ] || skip "no blink at $BLINK"
}

# feed STEP...: writes keys to stdout as a person would type them, each
# step one argument:
#   "wait TEXT"  until the run's teletype output ($OUTFILE) contains TEXT
#                (at most WAIT_MAX seconds, default 60);
#   "waitn N TEXT"  until N lines of it contain TEXT;
#   "waitline N TEXT"  until N lines of it are TEXT (carriage returns
#                aside);
#   "until N KEYS TEXT"  types KEYS every N seconds until TEXT is there
#                (a prompt that may eat keys typed too early: a person
#                presses again);
#   "sleep N"    N seconds;
#   "type STR"   the characters of STR (printf %b escapes: \r is Enter).
# When the steps are done stdin ends: no more keys, the machine runs on.
feed() {
  local step arg i n
  for step; do
    arg=${step#* }
    case $step in
      waitn\ *)
        n=${arg%% *}
        arg=${arg#* }
        for ((i = 0; i < ${WAIT_MAX:-60} * 10; i++)); do
          [ "$(grep -acF -- "$arg" "$OUTFILE" 2>/dev/null)" -ge "$n" ] && break
          sleep 0.1
        done ;;
      waitline\ *)
        n=${arg%% *}
        arg=${arg#* }
        for ((i = 0; i < ${WAIT_MAX:-60} * 10; i++)); do
          [ "$(tr -d '\r' <"$OUTFILE" 2>/dev/null | grep -acxF -- "$arg")" -ge "$n" ] && break
          sleep 0.1
        done ;;
      until\ *)
        n=${arg%% *}
        arg=${arg#* }
        for ((i = 0; i < ${WAIT_MAX:-60} * 10; i++)); do
          ((i % (n * 10) == 0)) && printf '%b' "${arg%% *}"
          grep -aqF -- "${arg#* }" "$OUTFILE" 2>/dev/null && break
          sleep 0.1
        done ;;
      wait\ *)
        for ((i = 0; i < ${WAIT_MAX:-60} * 10; i++)); do
          grep -aqF -- "$arg" "$OUTFILE" 2>/dev/null && break
          sleep 0.1
        done ;;
      sleep\ *) sleep "$arg" ;;
      type\ *) printf '%b' "$arg" ;;
      *) echo "feed: bad step: $step" >&2 ;;
    esac
  done
}

# boot NAME IMAGE SECONDS [STEP...]: boots IMAGE headless for at most
# SECONDS with the keys of the STEPs (see feed). Leaves
# $WORK/NAME.out (stdout before the screen dump: the teletype, serial and
# E9 output), $WORK/NAME.screen (the final text screen, UTF-8),
# $WORK/NAME.attrs (its attributes: a row of hex pairs per text row),
# $WORK/NAME.err (stderr) and $WORK/NAME.status.
boot() {
  local name=$1 image=$2 secs=$3 fifo feeder st
  shift 3
  OUTFILE=$WORK/$name.raw
  fifo=$WORK/$name.keys
  rm -f "$fifo" "$OUTFILE"
  mkfifo "$fifo"
  feed "$@" >"$fifo" &
  feeder=$!
  timeout -k 5 $((secs + 30)) "$BLINK" "$LIMIT_FLAG" "$secs" "$SCREEN_FLAG" -r "$image" \
    <"$fifo" >"$OUTFILE" 2>"$WORK/$name.err"
  st=$?
  kill "$feeder" 2>/dev/null
  wait "$feeder" 2>/dev/null
  echo "$st" >"$WORK/$name.status"
  # Split stdout at the screen dump's header line (none: it is all both).
  if grep -aqE "$SCREEN_MARK" "$OUTFILE"; then
    awk -v mark="$SCREEN_MARK" -v amark="$ATTRS_MARK" -v out="$WORK/$name.out" \
      -v scr="$WORK/$name.screen" -v attrs="$WORK/$name.attrs" '
      BEGIN { printf "" > out; printf "" > scr; printf "" > attrs }
      part == 0 && $0 ~ mark { part = 1; next }
      part == 1 && $0 ~ amark { part = 2; next }
      { print > (part == 0 ? out : part == 1 ? scr : attrs) }' "$OUTFILE"
  else
    cp "$OUTFILE" "$WORK/$name.out"
    cp "$OUTFILE" "$WORK/$name.screen"
    : >"$WORK/$name.attrs"
  fi
  return 0
}

# text FILE: a file's text as a person reads it: CP437 bytes (the
# teletype's) as UTF-8, carriage returns dropped.
text() {
  iconv -f CP437 -t UTF-8 "$1" 2>/dev/null | tr -d '\r'
}

# has WHAT FILE REGEX: some line of FILE matches the extended REGEX.
has() {
  grep -qE -- "$3" "$2" || fail "$1: no line matching /$3/ in $2: $(head -c 300 "$2" | tr '\n' '|')"
}

# status NAME: the run's exit status.
status() {
  cat "$WORK/$1.status"
}

# finish: the script's end: PASS and 0, or 1 after a FAIL line.
finish() {
  [ "$FAILED" = 0 ] && echo PASS
  exit "$FAILED"
}

# answer WHAT FILE INPUT WANT: in FILE (text, one line per row), the line
# right after the first line equal to INPUT (the program's echo of what
# was typed) must be WANT: the program's answer to that input.
answer() {
  local got
  got=$(in_=$3 awk 'found { print; exit } $0 == ENVIRON["in_"] { found = 1 }' "$2")
  [ "$got" = "$4" ] || fail "$1: typed [$3], expected the answer [$4], got [$got]"
}

# cells FILE ROW COL [LEN]: the text of LEN characters (default: to the
# end of the row) at 1-based ROW and COL of a UTF-8 screen dump (cut(1)
# and mawk count bytes, not characters).
cells() {
  perl -CSD -ne 'chomp; if ($. == $ARGV_ROW) { print substr($_, $c - 1, $n); exit }
    BEGIN { ($ARGV_ROW, $c, $n) = splice(@ARGV, 1, 3) }' "$1" "$2" "$3" "${4:-9999}"
}

# others FILE FIRST LAST CHARS: the characters of rows FIRST-LAST of FILE
# that are not in CHARS (nor newlines): empty when those rows hold only
# CHARS.
others() {
  perl -CSDA -e 'my ($f, $a, $b, $set) = @ARGV; open(my $h, "<:encoding(UTF-8)", $f) or exit;
    my %ok = map { $_ => 1 } split //, $set; my $out = "";
    while (<$h>) { chomp; next if $. < $a || $. > $b; $out .= join "", grep { !$ok{$_} } split //; }
    print $out' "$1" "$2" "$3" "$4"
}
