#!/bin/bash
# tests/images/tetros.sh: TetrOS (../shared/testdata/games/tetros.bin,
# Tetris in a boot sector) sets 40x25 text mode (INT 10h AH=00h AL=00h)
# and draws with INT 10h AH=02h/09h: blanks whose colours are the picture,
# so its text screen is empty and the attributes (blink -SS) are checked.
# What a person sees: the well, grey (attribute 78h) walls in columns 14
# and 27 of rows 5-21 and a grey floor in row 22 (columns 14-27), black
# inside (background 0: the game erases a piece with attribute 01h); and a
# falling piece: four cells of one background colour inside the well (it
# moves one row per 100 INT 15h AH=86h waits of 3 ms, so after 3 s it has
# not landed yet).
. "$(dirname "$0")/lib.sh"

img=$TESTDATA/games/tetros.bin
need "$img"

boot tetros "$img" 3
[ "$(status tetros)" = "$TIME_STATUS" ] ||
  fail "the run ended with status $(status tetros), not by the time limit: $(head -c 300 "$WORK/tetros.err")"
has 'the mode' "$WORK/tetros.raw" '^blink: screen mode 00h 40x25'
a=$WORK/tetros.attrs
# attr ROW COL (1-based): that cell's attribute, two hex digits.
attr() { sed -n "$1p" "$a" | cut -c$((2 * $2 - 1))-$((2 * $2)); }
for r in $(seq 5 21); do
  if [ "$(attr "$r" 14)" != 78 ] || [ "$(attr "$r" 27)" != 78 ]; then
    fail "row $r: the walls are [$(attr "$r" 14)] and [$(attr "$r" 27)], expected grey (78)"
  fi
done
floor=$(sed -n 22p "$a" | cut -c27-54)
[ "$floor" = "$(printf '78%.0s' $(seq 14))" ] ||
  fail "the floor (row 22, columns 14-27) is [$floor], expected 14 cells of 78"
# Inside the well (rows 5-21, columns 15-26): the backgrounds that are
# not black, counted.
inside=$(for r in $(seq 5 21); do sed -n "${r}p" "$a" | cut -c29-52 | fold -w2; done |
  cut -c1 | grep -v '^0$' | sort | uniq -c)
[ "$(echo "$inside" | awk 'NF { n++; c = $1 } END { print n "/" c }')" = 1/4 ] ||
  fail "inside the well, expected one piece (4 cells of one colour), got: $(echo "$inside" | tr '\n' ' ')"
finish
