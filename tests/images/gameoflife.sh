#!/bin/bash
# tests/images/gameoflife.sh: Conway's game of life for bare-metal x86-64
# (../shared/testdata/gameoflife: a boot sector that loads the rest with
# INT 13h extensions, unreal mode, then protected mode, then long mode
# with 4-level paging, and a Rust kernel that draws generations into the
# 80x25 text buffer). Its first two stages say so through the BIOS
# teletype; then the board: 24 rows of 80 blank cells, a live one white
# on pink (attribute DFh), a dead one black (00h): colours only, so the
# attributes (blink -SS) are checked. Two runs stopped at different times
# must show two different boards (the seed is fixed, so the difference is
# the generations in between), both looking like a life board: only those
# two colours over blanks, neither empty nor full.
. "$(dirname "$0")/lib.sh"

img=$TESTDATA/gameoflife/gameoflife.bin
need "$img"

board() {
  local name=$1 scr=$WORK/$1.screen live
  [ "$(status "$name")" = "$TIME_STATUS" ] ||
    fail "$name: the run ended with status $(status "$name"), not by the time limit: $(head -c 300 "$WORK/$name.err")"
  text "$WORK/$name.out" >"$WORK/$name.txt"
  has "$name: stage 1" "$WORK/$name.txt" '^Booting \(first stage\)\.\.\.$'
  has "$name: stage 2" "$WORK/$name.txt" '^Booting \(second stage\)\.\.\.$'
  [ -z "$(others "$scr" 1 24 ' ')" ] ||
    fail "$name: the board has text: [$(others "$scr" 1 24 ' ' | head -c 100)]"
  sed -n 1,24p "$WORK/$name.attrs" >"$WORK/$name.board"
  [ "$(wc -l <"$WORK/$name.board")" = 24 ] &&
    ! fold -w2 "$WORK/$name.board" | grep -qvxE 'df|00' ||
    fail "$name: the board's rows are not all live (df) and dead (00) cells: $(head -c 200 "$WORK/$name.attrs")"
  live=$(fold -w2 "$WORK/$name.board" | grep -c '^df$')
  if [ "$live" -lt 20 ] || [ "$live" -gt 1500 ]; then
    fail "$name: $live live cells of 1920: not a life board"
  fi
}

boot early "$img" 8
board early
boot later "$img" 14
board later
cmp -s "$WORK/early.board" "$WORK/later.board" &&
  fail "the boards after 8 s and 14 s are the same: no generations in between"
finish
