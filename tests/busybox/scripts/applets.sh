# Applets together: pipelines of five and more, find -exec, sort -n |
# uniq -c, sed -i, awk programs, ulimit, umask, tr, cut, paste.
D=$1
cat "$D/big.txt" | awk '{print $2}' | sort | uniq -c | sort -k1,1nr -k2 | head -n 5
cut -d' ' -f3 "$D/big.txt" | tr a-z A-Z | sed 's/[AEIOU]//g' | sort -u | head -n 8 | paste -sd, -
seq 1 500 | awk '$1 % 3 == 0' | sed 's/$/ x/' | cut -d' ' -f1 | sort -rn | head -n 3 | tr '\n' ' '; echo
seq 1 60 | shuf | sort -n | uniq | wc -l
awk '{n[$2]++; s[$2] += length($0)} END {for (k in n) printf "%s %d %d\n", k, n[k], s[k]}' "$D/big.txt" | sort
awk 'BEGIN { for (i = 1; i <= 10; i++) { f = f * i + (i == 1); printf "%d! = %d\n", i, f } }'
awk -F, 'NR > 1 { sum[$3] += $4 } END { for (k in sum) print k, sum[k] }' "$D/table.csv" | sort
awk 'function fib(n) { return n < 2 ? n : fib(n-1) + fib(n-2) } BEGIN { print fib(20) }'
awk 'BEGIN { x = sprintf("%5.2f|%-6s|%x|%c", 3.14159, "ab", 255, 65); print x; print substr("blinkenlights", 6, 6), index("abc", "c"), toupper("q") }'
echo "one two three" | awk '{ gsub(/o/, "0"); n = split($0, a, " "); print n, a[3], $0 }'
# find -exec with {} + and {} \;
mkdir -p tree/a/b tree/c
for f in tree/1.txt tree/a/2.txt tree/a/b/3.log tree/c/4.txt; do echo "$f" >"$f"; done
find tree -type f -name '*.txt' -exec cat {} + | sort
find tree -type f -exec sh -c 'echo "$(basename "$1"): $(wc -c <"$1")"' sh {} \; | sort
find tree -type d | sort
find tree -newer tree/1.txt -type f | wc -l >/dev/null
# sed -i in place, with a backup suffix too.
cp "$D/text.txt" edit.txt
sed -i 's/the/THE/g; /^$/d' edit.txt
sed -i.bak -e '1i first line' -e '$a last line' edit.txt
head -n 3 edit.txt; tail -n 2 edit.txt; cmp -s edit.txt edit.txt.bak || echo "backup differs"
sort -n "$D/nums.txt" | uniq -c | sort -k1,1nr -k2,2n | head -n 4
# ulimit and umask.
ulimit -n 128; ulimit -n
ulimit -c 0; ulimit -c
( ulimit -n 64; ulimit -n ); ulimit -n
# The limit is read in a command substitution: the test's stdout is a
# file already past one block.
r=$(ulimit -f 1; ulimit -f; sh -c 'head -c 2000 /dev/zero >big.bin'; echo "write past -f: $?")
echo "$r"; wc -c <big.bin
umask 077; : >private.txt; mkdir privdir; umask 022; : >public.txt
stat -c '%a %n' private.txt privdir public.txt
(umask 0; umask); umask
# tr, cut, paste, fold, expand.
echo "Hello, World" | tr -d ',' | tr ' ' '\n' | tr 'a-z' 'A-Z'
printf 'a\tb\tc\n1\t2\t3\n' | cut -f2,3 | paste - -
echo abcdefghijklmnopqrstuvwxyz | fold -w 7
printf 'x\ty\n' | expand -t 4 | od -c | head -n 1
