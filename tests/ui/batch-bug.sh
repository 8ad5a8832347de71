#!/bin/bash
# tests/ui/batch-bug.sh: issue 4's "how this is checked" scenario in batch
# mode, on tests/ui/progs/overflow.c: set_name() overflows rec.name into
# rec.count, main() later dereferences it and dies of SIGSEGV. Run to the
# crash, watch the pointer's location, reverse-continue: we must land on
# the store that corrupted it (addr2line: the overflowing line). Also
# break FILE:LINE / FUNC, reverse-step restoring every register, and a
# watched global found again by reverse-continue after the end.
. "$(dirname "$0")/lib/batch.sh"

bug=$(line_of 'BUG: no bound check')
rec=$(sym rec)

# 1. The crash, then back to the corruption.
out=$(bl -ex continue -ex 'print &rec' \
  -ex 'watch -l *(int **)((char *)&rec + 16)' -ex 'reverse-continue' \
  -ex 'info registers rip' -ex 'print {char}((char *)&rec + 19)' -ex 'bt' \
  -ex 'stepi' -ex 'print {char}((char *)&rec + 19)' "$PROG")
has crash "$out" '^Program received signal SIGSEGV, Segmentation fault\.$'
has 'crash line' "$out" "^$(line_of '*rec.count += total;')"$'\t'
has 'print &rec' "$out" "^\\\$1 = $rec <rec>$"
has 'watch -l' "$out" '^Hardware watchpoint 1: -location \*\(int \*\*\)'
pc=$(reg rip "$out")
[ -n "$pc" ] && [ "$(src_line "$pc")" = "$bug" ] ||
  fail "reverse-continue stopped at $pc (line $(src_line "$pc")), not on line $bug: $out"
insn=$(objdump -d --no-show-raw-insn "$PROG" | awk -v a="${pc#0x}:" '$1 == a { $1 = ""; print; exit }')
printf '%s\n' "$insn" | grep -qE '^ *mov +%[a-z0-9]+,\(' ||
  fail "the instruction at $pc is not a store: $insn"
has 'the state before the store' "$out" '^\$2 = 0$'
has bt "$out" '^#0  0x[0-9a-f]+ in set_name \(\) at overflow\.c:'"$bug"'$'
has bt "$out" '^#1  0x[0-9a-f]+ in main \(\) at overflow\.c:'"$(line_of 'set_name(&rec,')"'$'
has 'stepi redoes the store' "$out" '^Old value = 0x'
has 'stepi redoes the store' "$out" '^\$3 = 33$'

# 2. break FILE:LINE and FUNC; reverse-step from square's first line
# goes back to the start of the calling line: every register as at the
# breakpoint there.
l30=$(line_of 'total += square(i);')
out=$(bl -ex "break overflow.c:$l30" -ex 'break square' -ex continue \
  -ex 'info registers' -ex continue -ex 'info registers rip' \
  -ex 'reverse-step' -ex 'info registers' "$PROG")
b1=$(printf '%s\n' "$out" | sed -n 's/^Breakpoint 1 at \(0x[0-9a-f]*\) .*/\1/p')
b2=$(printf '%s\n' "$out" | sed -n 's/^Breakpoint 2 at \(0x[0-9a-f]*\) .*/\1/p')
[ -n "$b1" ] && [ "$(src_line "$b1")" = "$l30" ] || fail "break overflow.c:$l30 at $b1: $out"
[ -n "$b2" ] && [ "$(src_line "$b2")" = "$(line_of 'int y = x * x;')" ] ||
  fail "break square at $b2 is not on square's first line: $out"
has 'continue to 1' "$out" "^Breakpoint 1, $b1 <main\\+[0-9]+>$"
has 'continue to 2' "$out" "^Breakpoint 2, $b2 <square\\+[0-9]+>$"
has 'reverse-step' "$out" "^main \\(\\) at overflow\\.c:$l30$"
regs=$(printf '%s\n' "$out" | sed -n '/^rax /,/^gs_base /p')
a=$(printf '%s\n' "$regs" | sed -n '1,26p')
b=$(printf '%s\n' "$regs" | sed -n '27,52p')
[ "$(printf '%s\n' "$a" | wc -l)" = 26 ] && [ "$a" = "$b" ] ||
  fail "reverse-step did not restore the registers:"$'\n'"$(diff <(echo "$a") <(echo "$b"))"

# 3. watch a global: stops on each change with gdb's Old/New lines; after
# the end, reverse-continue lands on the instruction that wrote it last.
store=$(objdump -d --no-show-raw-insn "$PROG" |
  awk '/<main>:/ { on = 1 } /^$/ { on = 0 } on && /mov +%eax,.*<total>/ { sub(":", "", $1); print "0x" $1; exit }')
out=$(bl -ex 'watch total' -ex continue -ex continue -ex 'delete 1' \
  -ex continue -ex 'watch total' -ex 'reverse-continue' \
  -ex 'info registers rip' -ex 'print total' -ex stepi -ex 'print total' "$PROG")
has 'watch total' "$out" '^Hardware watchpoint 1: total$'
has 'first change' "$out" '^Old value = 0$'
has 'first change' "$out" '^New value = 1$'
has 'second change' "$out" '^New value = 5$'
has 'to the end' "$out" '^Program received signal SIGSEGV, Segmentation fault\.$'
[ "$(reg rip "$out")" = "$store" ] ||
  fail "reverse-continue to the last write of total: rip $(reg rip "$out"), want $store: $out"
has 'before the last write' "$out" '^\$1 = 5$'
has 'stepi redoes it' "$out" '^New value = 14$'
has 'after it' "$out" '^\$2 = 14$'
exit $failed
