#!/bin/sh
# decode-lengths.sh: check the decoder's instruction lengths against
# objdump -d on a few host binaries (see decode-lengths.c).
#
# usage: tests/decode-lengths.sh [ELF...]
# With no arguments: /bin/ls, /bin/busybox when present, and a static
# glibc program built here (it carries the AVX2/EVEX string functions).
# Then random instruction streams in 16-, 32- and 64-bit modes.
# DECODE_LENGTHS may name an already built decode-lengths program;
# otherwise it is built from the sources next to this script.
# On an x86-64 host it then asks the CPU itself which encodings are #UD
# (decode-lengths --host-ud). Exits 77 (skip) when objdump or a compiler
# is missing.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
command -v objdump >/dev/null 2>&1 || { echo "no objdump: skipped"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/decode-lengths.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
CC=${CC:-cc}

prog=${DECODE_LENGTHS:-}
if [ -z "$prog" ]; then
  prog=$tmp/decode-lengths
  $CC -std=gnu11 -O2 -I"$top/src" -I"$top/src/vm" -o "$prog" \
      "$here/decode-lengths.c" "$top/src/vm/decode.c" "$top/src/vm/optab.c" \
      || { echo "cannot build decode-lengths: skipped"; exit 77; }
fi

if [ $# -eq 0 ]; then
  set -- /bin/ls
  [ -f /bin/busybox ] && set -- "$@" /bin/busybox
  cat >"$tmp/hello.c" <<'EOF'
#include <stdio.h>
#include <string.h>
int main(int argc, char **argv) {
  printf("%zu %s\n", strlen(argv[0]), argc > 1 ? argv[1] : "");
  return 0;
}
EOF
  if $CC -static -O2 -o "$tmp/hello-static" "$tmp/hello.c" 2>/dev/null; then
    set -- "$@" "$tmp/hello-static"
  else
    echo "no static glibc: static program skipped"
  fi
fi

status=0
for elf; do
  # One line per instruction: address, byte count, objdump's text.
  objdump -d --insn-width=16 "$elf" |
    awk -F'\t' '/^ *[0-9a-f]+:\t/ && NF >= 3 {
      a = $1; sub(/^ +/, "", a); sub(/:$/, "", a)
      print a, split($2, b, " "), $3
    }' >"$tmp/listing"
  "$prog" "$elf" <"$tmp/listing" || status=1
done
# Pseudo-random instruction streams in each mode (fixed seeds).
for bits in 16 32 64; do
  case $bits in
    16) arch=i8086 ;;
    32) arch=i386 ;;
    64) arch=i386:x86-64 ;;
  esac
  "$prog" --gen 1 20000 $bits "$tmp/random$bits" || { status=1; continue; }
  objdump -D -b binary -m $arch --insn-width=16 "$tmp/random$bits" |
    awk -F'\t' '/^ *[0-9a-f]+:\t/ && NF >= 3 {
      a = $1; sub(/^ +/, "", a); sub(/:$/, "", a)
      print a, split($2, b, " "), $3
    }' >"$tmp/listing"
  "$prog" --raw $bits "$tmp/random$bits" <"$tmp/listing" || status=1
done

if [ "$(uname -m)" = x86_64 ]; then
  "$prog" --host-ud
  r=$?
  [ $r -ne 0 ] && [ $r -ne 77 ] && status=1
fi
exit $status
