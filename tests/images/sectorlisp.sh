#!/bin/bash
# tests/images/sectorlisp.sh: SectorLISP (../shared/testdata/sectorlisp,
# a LISP in one i8086 boot sector: INT 16h to read, INT 10h teletype to
# print) evaluates the expressions of its README. The expected answers
# are the README's ("(QUOTE HI)" displays "HI", and so on), not ours.
# The program echoes what it reads, so each answer is the line after the
# echoed expression.
. "$(dirname "$0")/lib.sh"

img=$TESTDATA/sectorlisp/${IMAGE:-sectorlisp.bin}
need "$img"

q1='(QUOTE HI)'
q2='(CONS (QUOTE A) (QUOTE B))'
q3='((LAMBDA (FF X) (FF X)) (QUOTE (LAMBDA (X) (COND ((ATOM X) X) ((QUOTE T) (FF (CAR X)))))) (QUOTE ((A) B C)))'
boot lisp "$img" 12 "sleep 1" "type $q1\r" "waitline 1 HI" \
  "type $q2\r" "waitn 2 B)" "type $q3\r" "waitline 1 A" "sleep 2"
text "$WORK/lisp.out" >"$WORK/lisp.txt"
answer 'README: Hello World' "$WORK/lisp.txt" "$q1" 'HI'
answer 'README: data structures' "$WORK/lisp.txt" "$q2" '(A∙B)'
answer 'README: recursive functions' "$WORK/lisp.txt" "$q3" 'A'
# What the screen shows agrees with the teletype output.
has 'screen' "$WORK/lisp.screen" '^\(A∙B\)$'
finish
