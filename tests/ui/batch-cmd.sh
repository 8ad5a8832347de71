#!/bin/bash
# tests/ui/batch-cmd.sh: the command interpreter through the batch mode
# (-ex CMD, -x FILE) on tests/ui/progs/calls.S, whose addresses are fixed
# (no libc): expectations come from nm/objdump and the program's text.
# Environment: BLINKENLIGHTS, SRCDIR, CC. Exits 77 without blinkenlights.
set -u
BL=${BLINKENLIGHTS:-${TOP_BUILDDIR:-.}/blinkenlights}
SRCDIR=${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
[ -x "$BL" ] || { echo "no blinkenlights at $BL (configured --disable-tui?)"; exit 77; }
command -v objdump >/dev/null && command -v nm >/dev/null ||
  { echo "needs objdump and nm"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
PROG=$tmp/calls
${CC:-cc} -nostdlib -static -o "$PROG" "$SRCDIR/tests/ui/progs/calls.S" 2>/dev/null ||
  { echo "cannot build calls.S with ${CC:-cc} -nostdlib -static"; exit 77; }
failed=0
fail() { echo "FAIL: $*"; failed=1; }
bl() { "$BL" "$@" </dev/null 2>&1; }
# reg NAME OUTPUT: the hex value info registers printed for NAME (last one).
reg() { printf '%s\n' "$2" | awk -v r="$1" '$1 == r { v = $2 } END { print v }'; }

f=0x$(nm "$PROG" | awk '$3 == "f" { print $1 }' | sed 's/^0*//')
start=0x$(nm "$PROG" | awk '$3 == "_start" { print $1 }' | sed 's/^0*//')
# Execution order of the first 6 instructions: _start's mov and call,
# then f's push, mov, mov, and the loop's dec (objdump's addresses).
mapfile -t faddr < <(objdump -d "$PROG" | awk '/<f>:/ { on = 1; next } /^$/ { on = 0 } on { sub(":", "", $1); print "0x" $1 }')
[ "${#faddr[@]}" -ge 4 ] || { fail "objdump gave no instructions for f"; exit 1; }

# 1. stepi 5 then info registers: where the program text says.
out=$(bl -ex 'info registers' -ex 'stepi 5' -ex 'info registers' "$PROG")
rsp0=$(printf '%s\n' "$out" | awk '$1 == "rsp" { print $2; exit }')
[ "$(printf '%s\n' "$out" | awk '$1 == "rip" { print $2; exit }')" = "$start" ] ||
  fail "initial rip is not _start ($start): $out"
[ "$(reg rip "$out")" = "${faddr[3]}" ] || fail "stepi 5: rip $(reg rip "$out"), want ${faddr[3]} (f's 4th insn)"
[ "$(reg rbx "$out")" = 0x1 ] || fail "stepi 5: rbx $(reg rbx "$out"), want 0x1"
[ "$(reg rcx "$out")" = 0x5 ] || fail "stepi 5: rcx $(reg rcx "$out"), want 0x5"
want_sp=$(printf '0x%x' $((rsp0 - 16)))
[ "$(reg rsp "$out")" = "$want_sp" ] || fail "stepi 5: rsp $(reg rsp "$out"), want $want_sp (call + push)"
[ "$(reg rbp "$out")" = "$want_sp" ] || fail "stepi 5: rbp $(reg rbp "$out"), want $want_sp"
printf '%s\n' "$out" | grep -q "^=> ${faddr[3]} <f+[0-9]*>:"$'\t'"dec " ||
  fail "stepi 5 did not show the dec at ${faddr[3]}: $out"

# 2. break on a symbol + continue stops at its address; the second
# continue at the second call; then the program ends.
out=$(bl -ex 'break f' -ex 'continue' -ex 'info registers rip rbx' -ex 'c' \
  -ex 'info registers rbx' -ex 'info breakpoints' -ex c "$PROG")
printf '%s\n' "$out" | grep -q "^Breakpoint 1 at $f <f>" || fail "break f: $out"
printf '%s\n' "$out" | grep -q "^Breakpoint 1, $f <f>" || fail "continue did not stop at f: $out"
[ "$(printf '%s\n' "$out" | awk '$1 == "rip" { print $2; exit }')" = "$f" ] || fail "rip after continue is not f=$f"
[ "$(reg rbx "$out")" = 0x2 ] || fail "second continue: rbx $(reg rbx "$out"), want 0x2"
printf '%s\n' "$out" | grep -q 'breakpoint already hit 2 times' || fail "info breakpoints hit count: $out"
printf '%s\n' "$out" | grep -q '^\[program exited with code 0\]' || fail "last continue did not end the program: $out"

# 3. reverse-stepi 5 returns every register to its earlier value (from
# inside f, back across the call and the push).
out=$(bl -ex 'stepi 3' -ex 'info registers' -ex 'stepi 5' -ex 'info registers' \
  -ex 'reverse-stepi 5' -ex 'info registers' "$PROG")
a=$(printf '%s\n' "$out" | sed -n '/^rax /,/^gs_base /p' | sed -n '1,26p')
mid=$(printf '%s\n' "$out" | sed -n '/^rax /,/^gs_base /p' | sed -n '27,52p')
b=$(printf '%s\n' "$out" | sed -n '/^rax /,/^gs_base /p' | sed -n '53,78p')
[ "$(printf '%s\n' "$a" | wc -l)" = 26 ] || fail "info registers: not 26 lines: $a"
[ "$a" = "$b" ] || fail "reverse-stepi 5 did not restore the registers: $(diff <(echo "$a") <(echo "$b"))"
[ "$a" != "$mid" ] || fail "stepi 5 changed no register"
# And memory: the return address the call pushed is gone from the view
# only in time, not in bytes, so check the stack word is what it was.
out=$(bl -ex 'stepi 1' -ex 'x/1xg $rsp-8' -ex 'stepi 4' -ex 'reverse-stepi 4' -ex 'x/1xg $rsp-8' "$PROG")
[ "$(printf '%s\n' "$out" | grep -c $'^0x7[0-9a-f]*:\t0x0000000000000000$')" = 2 ] ||
  fail "reverse-stepi did not restore the stack word below rsp: $out"

# 4. reverse-continue: back to the first hit of f from the second.
out=$(bl -ex 'break f' -ex c -ex c -ex 'reverse-continue' -ex 'info registers rbx' "$PROG")
[ "$(printf '%s\n' "$out" | grep -c "^Breakpoint 1, $f <f>")" = 3 ] || fail "reverse-continue did not stop at f: $out"
[ "$(reg rbx "$out")" = 0x1 ] || fail "reverse-continue: rbx $(reg rbx "$out"), want 0x1 (first call)"

# 5. x, print, set, info symbol, tbreak, nexti, delete, help, errors;
# the same commands from a -x file.
cat >"$tmp/cmds" <<EOC
tbreak *$f+4
c
info symbol \$pc
print \$rbx * 3 + (8 - 2) / 2
p/x \$rsp - \$rbp
set \$rax = 0x1234
p/x \$rax
x/2i $start
x/4xb $start
nexti
info breakpoints
EOC
out=$(bl -x "$tmp/cmds" "$PROG")
printf '%s\n' "$out" | grep -q "^Temporary breakpoint 1, $(printf '0x%x' $((f + 4))) <f+4>" || fail "tbreak: $out"
printf '%s\n' "$out" | grep -q '^f + 4$' || fail "info symbol: $out"
printf '%s\n' "$out" | grep -q '^\$1 = 6$' || fail "print arithmetic: $out"
printf '%s\n' "$out" | grep -q '^\$2 = 0x0$' || fail "p/x rsp-rbp: $out"
printf '%s\n' "$out" | grep -q '^\$3 = 0x1234$' || fail "set \$rax: $out"
printf '%s\n' "$out" | grep -q "^   $start <_start>:"$'\t'"mov    \$0x1,%ebx" || fail "x/2i: $out"
printf '%s\n' "$out" | grep -q "^$start <_start>:"$'\t0xbb\t0x01\t0x00\t0x00' || fail "x/4xb: $out"
printf '%s\n' "$out" | grep -q '^No breakpoints or watchpoints.$' || fail "tbreak was not deleted: $out"
# nexti over the call to g: from the loop, step until the call, then over it.
out=$(bl -ex "break *${faddr[5]}" -ex c -ex 'info registers rbx' -ex nexti -ex 'info registers rbx rsp' "$PROG")
call_next=$(objdump -d "$PROG" | awk -v a="${faddr[5]#0x}" '$1 == a":" { getline; sub(":", "", $1); print "0x" $1 }')
printf '%s\n' "$out" | grep -q "^=> $call_next <f+[0-9]*>:" || fail "nexti over call g did not stop after it ($call_next): $out"
[ "$(reg rbx "$out")" = 0x2 ] || fail "nexti: g did not run (rbx $(reg rbx "$out"))"
# reverse-nexti from after the call goes back over g to the call itself,
# with g's effect on rbx undone; from after _start's call, over all of f.
out=$(bl -ex "break *${faddr[5]}" -ex c -ex nexti -ex reverse-nexti -ex 'info registers rbx rip' "$PROG")
[ "$(reg rip "$out")" = "${faddr[5]}" ] || fail "reverse-nexti: rip $(reg rip "$out"), want the call ${faddr[5]}"
[ "$(reg rbx "$out")" = 0x1 ] || fail "reverse-nexti: rbx $(reg rbx "$out"), want 0x1"
# From _start after the second call: back over the whole call of f to
# the call, then to the mov before it (rbx as the first call left it).
mapfile -t saddr < <(objdump -d "$PROG" | awk '/<_start>:/ { on = 1; next } /^$/ { on = 0 } on { sub(":", "", $1); print "0x" $1 }')
out=$(bl -ex "break *${saddr[4]}" -ex c -ex 'reverse-nexti' -ex 'info registers rip' -ex 'reverse-nexti' -ex 'info registers rip rbx' "$PROG")
[ "$(printf '%s\n' "$out" | awk '$1 == "rip" { print $2; exit }')" = "${saddr[3]}" ] ||
  fail "reverse-nexti over f: want the call at ${saddr[3]}: $out"
[ "$(reg rip "$out")" = "${saddr[2]}" ] || fail "reverse-nexti 2: rip $(reg rip "$out"), want ${saddr[2]}"
[ "$(reg rbx "$out")" = 0x2 ] || fail "reverse-nexti 2: rbx $(reg rbx "$out"), want 0x2"
# finish from inside f (first call): back in _start after the call, g ran.
out=$(bl -ex 'break f' -ex c -ex 'stepi 3' -ex finish -ex 'info registers rip rbx' "$PROG")
[ "$(reg rip "$out")" = "${saddr[2]}" ] || fail "finish: rip $(reg rip "$out"), want ${saddr[2]}: $out"
[ "$(reg rbx "$out")" = 0x2 ] || fail "finish: rbx $(reg rbx "$out"), want 0x2"
printf '%s\n' "$out" | grep -q "^Run till exit from ${faddr[3]} <f+" || fail "finish's first line: $out"

expect_err() {
  local re=$1
  shift
  out=$(bl "$@" "$PROG")
  st=$?
  [ "$st" = 1 ] || fail "$*: status $st, want 1"
  printf '%s\n' "$out" | grep -qE -- "$re" || fail "$*: no /$re/ in: $out"
}
expect_err 'Undefined command: "frobnicate"' -ex frobnicate
expect_err 'Function "nosuch" not defined.' -ex 'break nosuch'
expect_err 'Division by zero' -ex 'print 1/0'
expect_err 'unknown register: \$xyz' -ex 'print $xyz'
expect_err 'No breakpoint number 7' -ex 'delete 7'
expect_err 'Cannot access memory at address 0x10' -ex 'x/xg 16'
expect_err 'The program is not being run' -ex 'c' -ex 'stepi'
out=$(bl -ex help "$PROG")
for c in break tbreak delete disable enable stepi nexti finish continue reverse-stepi \
  reverse-nexti reverse-continue x/FMT print set info help; do
  printf '%s\n' "$out" | grep -q "^$c" || fail "help does not list $c"
  w=${c%%/*}
  bl -ex "help $w" "$PROG" | grep -q . || fail "help $w says nothing"
done
# Batch flags mixed with the others, and without PROG's symbols.
out=$(bl -L /dev/null -ex 'info registers rip' "$PROG")
[ "$(reg rip "$out")" = "$start" ] || fail "-L then -ex: $out"
exit $failed
