#!/bin/bash
# tests/images/basic.sh: BootBASIC (../shared/testdata/games/basic.bin, a
# BASIC interpreter in a boot sector): `print 2+3` prints 5, and a
# numbered program with a loop (if/goto) runs. Its keywords are lower
# case (it compares them byte for byte: "PRINT" is a syntax error, "@#!",
# on any PC). It prompts with '>' and echoes what it reads, so each
# answer is on the line after the echoed command.
. "$(dirname "$0")/lib.sh"

img=$TESTDATA/games/basic.bin
need "$img"

boot basic "$img" 10 "wait >" "type print 2+3\r" "waitn 2 >" \
  "type 10 a=3\r20 print a\r30 a=a-1\r40 if a goto 20\r" "waitn 6 >" \
  "type run\r" "waitn 7 >" "type print 7*6-2\r" "waitn 8 >" "sleep 1"
text "$WORK/basic.out" >"$WORK/basic.txt"
answer 'print 2+3' "$WORK/basic.txt" '>print 2+3' '5'
answer 'print 7*6-2' "$WORK/basic.txt" '>print 7*6-2' '40'
# The loop counts a down from 3 while a is not zero.
got=$(awk 'f && /^>/ { exit } f { print } $0 == ">run" { f = 1 }' "$WORK/basic.txt" | tr '\n' ' ')
[ "$got" = "3 2 1 " ] || fail "run: the loop printed [$got], expected [3 2 1 ]"
# The screen shows the same session (the teletype wrote video memory).
has 'screen: print 2+3' "$WORK/basic.screen" '^>print 2\+3$'
has 'screen: the listing typed' "$WORK/basic.screen" '^>40 if a goto 20$'
has 'screen: print 7*6-2' "$WORK/basic.screen" '^>print 7\*6-2$'
finish
