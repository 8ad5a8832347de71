# Here-documents, read loops over files and pipes, redirections
# (2>&1, >&2, <>, appending), exec fd juggling, noclobber.
D=$1
name=world
cat <<EOF2
Hello, $name: $((6 * 7)) $(echo substituted)
  kept indent, \$not expanded, back\\slash
EOF2
cat <<'EOF2'
Quoted: $name $(echo no) `echo no`
EOF2
	cat <<-EOF2
	tabs stripped for $name
		one tab left
	EOF2
# A here-doc into a loop and into a function.
count() { n=0; while read -r l; do n=$((n + 1)); done; echo "$n lines"; }
count <<EOF2
a
b
c
EOF2
# read loops: fields, IFS, a file, a pipe (the loop runs in a subshell).
while IFS=, read -r a b c d; do
  echo "$c|$a"
done < "$D/table.csv" | head -n 5
total=0
while read -r w; do total=$((total + ${#w})); done < "$D/words.txt"
echo "word chars: $total"
seq 1 20 | while read -r i; do [ $((i % 7)) = 0 ] && echo "seven divides $i"; done
echo "pipe loop variable: ${i:-unset}"
# read -n, read with a prompt to stderr, read from a file descriptor.
printf 'abcdef\n' | { read -n 3 x; echo "read -n: $x"; }
# Redirections.
{ echo out; echo err >&2; } 2>&1 | sed 's/^/both: /'
{ echo out; echo err >&2; } 2>/dev/null
{ echo out; echo err >&2; } 2>err.txt >out.txt; echo "files: $(cat out.txt) $(cat err.txt)"
ls /nonexistent-dir 2>&1 >/dev/null | sed 's/:.*//'
echo first >log.txt; echo second >>log.txt; echo third >>log.txt
wc -l <log.txt
# exec: open, read line by line from fd 3, write on fd 4, dup, close.
exec 3<log.txt 4>copy.txt
read -r l1 <&3; read -r l2 <&3
echo "$l2 then $l1" >&4
exec 5>&4
echo "via dup" >&5
exec 3<&- 4>&- 5>&-
cat copy.txt
echo "closed: $( { echo x >&4; } 2>&1 | sed 's/.*: *//' )"
# Swap stdout and stderr with a spare fd.
{ echo to-err >&2; echo to-out; } 3>&1 1>&2 2>&3 3>&- 2>/dev/null
# <> opens read-write.
echo 0123456789 >rw.txt
exec 6<>rw.txt; read -n 4 x <&6; echo "rw read $x"; echo AB >&6; exec 6>&-
cat rw.txt
# noclobber
set -C
echo one >nc.txt; echo two >nc.txt 2>/dev/null || echo "noclobber refused"
echo three >|nc.txt; cat nc.txt
set +C
