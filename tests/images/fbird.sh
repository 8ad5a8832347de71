#!/bin/bash
# tests/images/fbird.sh: F-Bird (../shared/testdata/games/fbird.bin, a
# Flappy Bird in a boot sector, 80x25 text written straight into B800h).
# 1. Its first screen, before any key: the title F-BIRD in row 1 (at
#    column 38: its code writes it at offset 4Ah), the ground (row 25 is
#    80 ▀) and trees along it (◘ trunks, some with a ▲ top: random, from
#    PIT channel 0's counter, so only their glyphs are checked); the sky
#    in between is empty (the first pipe comes 160 frames later).
# 2. A key starts the game; a bird that never flaps falls (the game
#    steps once per timer tick, INT 1Ah) and hits the ground within about
#    2.5 s, and "BONK!" stays in row 13 for the next 100 ticks (5.5 s).
. "$(dirname "$0")/lib.sh"

img=$TESTDATA/games/fbird.bin
need "$img"

boot first "$img" 3
scr=$WORK/first.screen
[ "$(status first)" = "$TIME_STATUS" ] ||
  fail "the run ended with status $(status first), not by the time limit: $(head -c 300 "$WORK/first.err")"
[ "$(cells "$scr" 1 38)" = F-BIRD ] ||
  fail "row 1 is [$(sed -n 1p "$scr")], expected F-BIRD at column 38"
[ "$(sed -n 25p "$scr")" = "$(printf '▀%.0s' $(seq 80))" ] ||
  fail "row 25 is [$(sed -n 25p "$scr")], expected the ground: 80 ▀"
row24=$(sed -n 24p "$scr")
if [ -z "$row24" ] || [ -n "$(others "$scr" 24 24 ' ◘')" ]; then
  fail "row 24 is [$row24], expected tree trunks ◘ and blanks"
fi
[ -z "$(others "$scr" 22 23 ' ◘▲')" ] ||
  fail "rows 22-23 have more than tree trunks and tops: [$(sed -n 22,23p "$scr")]"
[ -z "$(others "$scr" 2 21 ' ')" ] ||
  fail "the sky (rows 2-21) is not empty: [$(sed -n 2,21p "$scr" | tr -s '\n' '|')]"

boot bonk "$img" 6 "sleep 1" "type  "
[ "$(cells "$WORK/bonk.screen" 13 38 5)" = 'BONK!' ] ||
  fail "5 s after a key, row 13 is [$(sed -n 13p "$WORK/bonk.screen")], expected BONK! at column 38"
finish
