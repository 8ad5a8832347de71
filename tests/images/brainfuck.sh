#!/bin/bash
# tests/images/brainfuck.sh: the brainf*ck interpreter boot sector
# (../shared/testdata/sectorlisp/brainfuck.bin) reads a program with INT
# 16h until '$' (no echo) and runs it; '.' prints a cell with the INT 10h
# teletype, ',' reads a key. By the language's definition:
# 8 x 8 + 1 = 65 is 'A', and a program that adds 1 to each key it reads
# turns "HAL" into "IBM". Each program ends in [] on a nonzero cell, a
# loop forever: the interpreter has no end of program, it would go on
# through memory after the '$' (the loop keeps the output what it is).
. "$(dirname "$0")/lib.sh"

img=$TESTDATA/sectorlisp/brainfuck.bin
need "$img"

boot bf "$img" 5 "sleep 1" "type ++++++++[>++++++++<-]>+.[]\$"
[ "$(cat "$WORK/bf.out")" = A ] || fail "8*8+1 printed [$(cat -A "$WORK/bf.out")], expected [A]"
boot bf2 "$img" 5 "sleep 1" "type ,+.,+.,+.[]\$" "sleep 1" "type HAL"
[ "$(cat "$WORK/bf2.out")" = IBM ] || fail "HAL plus one printed [$(cat -A "$WORK/bf2.out")], expected [IBM]"
finish
