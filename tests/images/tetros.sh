#!/bin/bash
# tests/images/tetros.sh: TetrOS (../shared/testdata/games/tetros.bin,
# Tetris in a boot sector) sets 40x25 text mode (INT 10h AH=00h AL=00h)
# and draws with INT 10h AH=02h/09h: blanks whose colours are the picture,
# so the text screen is empty and the attributes are checked
# (tests/images/screen-attrs prints them). What a person sees: the well,
# grey (attribute 78h) walls in columns 14 and 27 of rows 5-21 and a grey
# floor in row 22 (columns 14-27), black inside; and a falling piece: four
# cells of one colour inside the well.
. "$(dirname "$0")/lib.sh"

img=$TESTDATA/games/tetros.bin
need "$img"
tool=${SCREEN_ATTRS:-$top/tests/images/screen-attrs}
[ -x "$tool" ] || skip "no $tool (make check builds it)"

"$tool" 3 "$img" >"$WORK/attrs" 2>"$WORK/attrs.err" ||
  fail "screen-attrs: $(tail -n1 "$WORK/attrs.err")"
read -r _ mode _ cols _ rows <"$WORK/attrs"
[ "$mode/$cols/$rows" = 0/40/25 ] || fail "mode $mode ${cols}x$rows, expected mode 0, 40x25"
# attr ROW COL (1-based): that cell's attribute, two hex digits.
attr() { sed -n "$(($1 + 1))p" "$WORK/attrs" | cut -c$((2 * $2 - 1))-$((2 * $2)); }
for r in $(seq 5 21); do
  [ "$(attr "$r" 14)" = 78 ] && [ "$(attr "$r" 27)" = 78 ] ||
    fail "row $r: the walls are [$(attr "$r" 14)] and [$(attr "$r" 27)], expected grey (78)"
done
floor=$(sed -n 23p "$WORK/attrs" | cut -c27-54)
[ "$floor" = "$(printf '78%.0s' $(seq 14))" ] || fail "the floor (row 22, columns 14-27) is [$floor], expected 14 cells of 78"
# Inside the well: black, but for the piece's four cells of one colour.
inside=$(for r in $(seq 5 21); do sed -n "$((r + 1))p" "$WORK/attrs" | cut -c29-52 | fold -w2; done | grep -v '^00$' | sort | uniq -c)
[ "$(echo "$inside" | wc -l)" = 1 ] && [ "$(echo "$inside" | awk '{print $1}')" = 4 ] ||
  fail "inside the well, expected one piece (4 cells of one colour), got: $(echo "$inside" | tr '\n' ' ')"
finish
