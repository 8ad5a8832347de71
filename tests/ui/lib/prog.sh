# tests/ui/lib/prog.sh: what the UI test scripts share before they start.
# Sets BL (the blinkenlights under test) and SRCDIR, and gives
#   needs TOOL...           exits 77 (skip) naming a missing tool, or a
#                           missing blinkenlights
#   build NAME [CFLAGS...]  tests/ui/progs/NAME.S (with -nostdlib) or
#                           NAME.c, linked -static into $PWD/NAME; exits
#                           77 when the compiler cannot
#   sym_hex PROG SYMBOL     the symbol's address in hex without leading
#                           zeros (status 1 and a FAIL line when absent)
set -u
BL=${BLINKENLIGHTS:-${TOP_BUILDDIR:-.}/blinkenlights}
SRCDIR=${TOP_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}

needs() {
  local t pkg
  for t in "$@"; do
    case $t in nm | objdump | addr2line) pkg=binutils ;; *) pkg=$t ;; esac
    command -v "$t" >/dev/null 2>&1 || { echo "no $t (install $pkg)"; exit 77; }
  done
  [ -x "$BL" ] || { echo "no blinkenlights at $BL (configured --disable-tui?)"; exit 77; }
}

build() {
  local name=$1 src=$SRCDIR/tests/ui/progs/$1.c
  shift
  if [ -f "$SRCDIR/tests/ui/progs/$name.S" ]; then
    src=$SRCDIR/tests/ui/progs/$name.S
    set -- -nostdlib "$@"
  fi
  ${CC:-cc} -static "$@" -o "$PWD/$name" "$src" 2>/dev/null ||
    { echo "cannot build ${src##*/} with ${CC:-cc} -static $*"; exit 77; }
}

sym_hex() {
  local a
  a=$(nm "$1" | awk -v s="$2" '$3 == s { print $1; exit }')
  [ -n "$a" ] || { echo "FAIL: no symbol $2 in $1"; return 1; }
  printf '%x' $((16#$a))
}
