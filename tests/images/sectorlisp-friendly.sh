#!/bin/bash
# tests/images/sectorlisp-friendly.sh: the friendly SectorLISP build: the
# README's expressions as in sectorlisp.sh, and its DEFINE, which only
# this build has: FF defined apart finds the first atom of ((A) B C),
# which the README says is A.
. "$(dirname "$0")/lib.sh"

img=$TESTDATA/sectorlisp/sectorlisp-friendly.bin
need "$img"

q1='(QUOTE HI)'
q2='(CONS (QUOTE A) (QUOTE B))'
d='(DEFINE FF . (LAMBDA (X) (COND ((ATOM X) X) ((QUOTE T) (FF (CAR X))))))'
q3='(FF (QUOTE ((A) B C)))'
boot lisp "$img" 12 "sleep 1" "type $q1\r" "waitline 1 HI" \
  "type $q2\r" "waitn 2 B)" "type $d\r" "sleep 3" \
  "type $q3\r" "waitline 1 A" "sleep 2"
text "$WORK/lisp.out" >"$WORK/lisp.txt"
answer 'README: Hello World' "$WORK/lisp.txt" "$q1" 'HI'
answer 'README: data structures' "$WORK/lisp.txt" "$q2" '(A∙B)'
answer 'README: DEFINE, then the recursive function' "$WORK/lisp.txt" "$q3" 'A'
finish
