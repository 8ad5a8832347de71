#!/bin/bash
# tests/ui/cli.sh: blinkenlights' command line without the full screen:
# -h, -v, an unknown flag, the refused flags, -r's (one image, not with
# -t; -p only with it; a missing image), -b and -w with an unknown
# symbol, -B with a bad size,
# -b main and -b HEX (headless: nothing to stop for), -j accepted with a message,
# -t running the demo headless, and a missing program.
# Environment: BLINKENLIGHTS, DEMO. Exits 77 without blinkenlights.
set -u
BL=${BLINKENLIGHTS:-${TOP_BUILDDIR:-.}/blinkenlights}
DEMO=${DEMO:-${TOP_BUILDDIR:-.}/examples/demo}
[ -x "$BL" ] || { echo "no blinkenlights at $BL (configured --disable-tui?)"; exit 77; }
failed=0
fail() { echo "FAIL: $*"; failed=1; }
# expect STATUS REGEX-ON-STDOUT+STDERR ARGS...
expect() {
  local want=$1 re=$2 out st
  shift 2
  out=$("$BL" "$@" 2>&1 </dev/null)
  st=$?
  [ "$st" = "$want" ] || fail "blinkenlights $*: status $st, want $want"
  printf '%s\n' "$out" | grep -qE -- "$re" || fail "blinkenlights $*: no /$re/ in: $(printf '%s' "$out" | head -c 200)"
}
expect 0 '^usage: blinkenlights' -h
expect 0 '^blinkenlights [0-9]' -v
expect 1 'unknown option -@' -@
expect 1 'option -L needs an argument' -L
expect 1 '-r takes one disk image' -r
expect 1 '-r takes one disk image' -r a.img b.img
expect 1 'no-such\.img' -r ./no-such.img
expect 1 '-r does not go with -t' -r -t ./x.img
expect 1 '-p goes with -r' -p ./x
expect 1 '-C /nonexistent/dir: bad root directory' -C /nonexistent/dir -t ./x
expect 127 'no-such-program' -t ./no-such-program
if [ -x "$DEMO" ]; then
  expect 0 'Goodbye from the guest' -t "$DEMO"
  expect 0 '-j changes nothing' -j -t "$DEMO"
  expect 1 '-b no_such_sym: no such symbol, and not a hex address' -b no_such_sym -t "$DEMO"
  expect 0 'Goodbye from the guest' -R -b main -b 401000 -t "$DEMO"
  expect 1 '-w no_such_sym: no such symbol, and not a hex address' -w no_such_sym -t "$DEMO"
  expect 1 '-B 12q: not a size' -B 12q -t "$DEMO"
  expect 1 'option -B needs an argument' -B
  expect 0 'Goodbye from the guest' -B 1m -t "$DEMO"
fi
[ "$failed" = 0 ] && echo ok
exit "$failed"
