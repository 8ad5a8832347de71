# tests/ui/lib/batch.sh: shared by the tests/ui/batch-*.sh scripts that run
# blinkenlights' batch mode (-ex CMD) on tests/ui/progs/overflow.c, built
# -g -O0 -static here. Expectations come from the source text (line
# numbers by grep), nm, objdump and addr2line, never from blinkenlights.
# Sets BL, SRCDIR, PROG, SRC, tmp, failed; defines fail, bl, reg, line_of,
# has, lacks. Exits 77 when a tool or a static libc is missing.
set -u
BL=${BLINKENLIGHTS:-${TOP_BUILDDIR:-.}/blinkenlights}
SRCDIR=${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
[ -x "$BL" ] || { echo "no blinkenlights at $BL (configured --disable-tui?)"; exit 77; }
for t in objdump nm addr2line; do
  command -v $t >/dev/null || { echo "needs $t"; exit 77; }
done
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
SRC=$SRCDIR/tests/ui/progs/overflow.c
PROG=$tmp/overflow
${CC:-cc} -g -O0 -static -o "$PROG" "$SRC" 2>/dev/null ||
  { echo "cannot build overflow.c with ${CC:-cc} -g -O0 -static"; exit 77; }
failed=0
fail() { echo "FAIL: $*"; failed=1; }
# bl ARGS...: blinkenlights with stdout and stderr together.
bl() { "$BL" "$@" </dev/null 2>&1; }
# reg NAME OUTPUT: the hex value the last info registers printed for NAME.
reg() { printf '%s\n' "$2" | awk -v r="$1" '$1 == r { v = $2 } END { print v }'; }
# line_of TEXT: the source line number of the line containing TEXT.
line_of() { grep -nF -- "$1" "$SRC" | head -1 | cut -d: -f1; }
# sym NAME: its address as 0x... without leading zeros.
sym() { printf '0x%x' "0x$(nm "$PROG" | awk -v n="$1" '$3 == n { print $1; exit }')"; }
# src_line ADDR: addr2line's line number of ADDR.
src_line() { addr2line -e "$PROG" "$1" | sed 's/.*://; s/ .*//'; }
# has WHAT OUTPUT REGEX / lacks: grep -E on the output.
has() { printf '%s\n' "$2" | grep -qE -- "$3" || fail "$1: no /$3/ in:"$'\n'"$2"; }
lacks() { ! printf '%s\n' "$2" | grep -qE -- "$3" || fail "$1: unexpected /$3/ in:"$'\n'"$2"; }
# insns FUNC: objdump's instruction addresses of FUNC, one a line.
insns() { objdump -d --no-show-raw-insn "$PROG" | awk -v f="<$1>:" '$2 == f { on = 1; next } /^$/ { on = 0 } on { sub(":", "", $1); print "0x" $1 }'; }
# first_of_line FUNC LINE: the lowest address of FUNC on source LINE.
first_of_line() {
  local a
  for a in $(insns "$1"); do
    [ "$(src_line "$a")" = "$2" ] && { echo "$a"; return; }
  done
}
