# Background jobs: $!, wait for one, wait for all, wait -n, statuses of
# killed jobs, timeout, xargs -P2, kill of a sleeping job.
(sleep 0.2; echo "slow job done" >slow.txt) &
p1=$!
(echo "fast job done" >fast.txt; exit 3) &
p2=$!
wait $p2; echo "wait fast: $?"
wait $p1; echo "wait slow: $?"
cat fast.txt slow.txt
# Many jobs at once, then wait for all.
for i in 1 2 3 4 5 6 7 8; do (echo "job $i" >job$i.out) & done
wait
cat job*.out
# wait -n (busybox 1.35's ash waits for every job here, status 0).
sleep 0.3 &
(sleep 0.1; exit 7) &
wait -n; echo "wait -n: $?"
# A sleeping job killed.
sleep 5 &
long=$!
kill $long; wait $long; echo "killed sleep: $?"
# A job that kills itself.
sh -c 'kill -KILL $$' &
wait $!; echo "SIGKILL job: $?"
# wait for a pid that isn't a child.
wait 1 2>/dev/null; echo "wait 1: $?"
# timeout.
timeout 1 sleep 5; echo "timeout: $?"
timeout 5 sh -c 'exit 6'; echo "no timeout: $?"
timeout -s INT 1 sleep 5; echo "timeout -s INT: $?"
# xargs -P2 runs two at once; the output is sorted, the order varies.
seq 1 12 | xargs -P2 -n 3 sh -c 'echo "batch $*: $(($1 + $2 + $3))"' sh | sort -t: -k2 -n
seq 1 6 | xargs -P2 -I{} sh -c 'echo {} >x{}.txt'
cat x*.txt | sort -n | tr '\n' ' '; echo
# A pipeline in the background, its output in a file.
(seq 1 100 | grep 7 | wc -l >bgpipe.txt) &
wait $!; echo "bg pipeline: $(cat bgpipe.txt)"
# $! of the last job, jobs still there after it ends.
true & wait; echo "all done"
