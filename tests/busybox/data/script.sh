# Shell builtins (the sh-* cases with processes test pipes and the rest).
fib() { a=0 b=1 i=0; while [ $i -lt $1 ]; do t=$((a + b)); a=$b; b=$t; i=$((i + 1)); done; echo "fib($1) = $a"; }
fib 10
fib 50
fib 90
s="The quick brown fox jumps over the lazy dog"
echo "${#s} ${s#The } ${s%dog} ${s##* } ${s%% *}"
echo "${s/quick/slow} ${s//o/0}"
x=abc; echo "${x:-unset} ${y:-unset} ${x:1:1} ${x:+set}"
for w in alpha beta gamma; do
  case $w in a*) echo "$w starts with a" ;; *m*) echo "$w has an m" ;; *) echo "$w: other" ;; esac
done
n=0; for i in 1 2 3 4 5 6 7 8 9 10; do n=$((n + i * i)); done; echo "sum of squares $n"
echo $((0x7fffffffffffffff + 1)) $((-9223372036854775807 - 1)) $((1 << 62)) $((-7 / 2)) $((-7 % 2)) $((255 & 15 | 64 ^ 3))
echo $((3 > 2 ? 10 : 20)) $((!0)) $((~5)) $((2 ** 40))
set -- one "two three" four
echo "$# args: $1 / $2 / $3"
shift; echo "after shift: $*"
printf '%5s|%-5s|%05d|%x|%o|%c|%b\n' ab cd 42 255 8 Zulu 'a\tb'
printf '%s=%d\n' a 1 b 2 c 3
i=0; while :; do i=$((i + 1)); [ $i -ge 1000 ] && break; done; echo "loop ran $i times"
test -d / && echo "root is a dir"
[ "abc" \< "abd" ] && echo "string order"
[ 10 -gt 9 -a 3 -le 3 ] && echo "numbers compare"
f() { local v=inner; echo "in f: $v $1"; return 3; }
v=outer; f arg; echo "status $? v=$v"
IFS=:; set -- a:b::c; echo "$# fields"; IFS=' '
unset x; echo "${x-gone}"
read -r line <<EOF
here document line
EOF
echo "read: $line"
echo done
