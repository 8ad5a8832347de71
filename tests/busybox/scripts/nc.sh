# TCP over loopback with busybox nc: a listener in the background, a
# client feeding it a pipeline's output, then the other direction (the
# listener sends, the client receives). busybox's small nc quits at EOF
# on its stdin, so the receiving side reads a fifo the shell holds open
# until the transfer is over. The port comes from the pid (not printed):
# the native and blink runs don't share one.
port=$((20000 + $$ % 20000))
connect() {
  # The listener may not be up yet: retry while the connection is refused.
  i=0
  while [ $i -lt 100 ]; do
    "$@" 2>/dev/null && return 0
    i=$((i + 1))
    sleep 0.05
  done
  echo "could not connect"
  return 1
}
mkfifo hold
nc -l -p $port <hold >received.txt &
server=$!
exec 3>hold
connect sh -c "seq 1 2000 | nc 127.0.0.1 $port"
wait $server; echo "listener status $?"
exec 3>&-
wc -l <received.txt; tail -n 1 received.txt; md5sum <received.txt
port=$((port + 1))
seq 1 500 | sed 's/^/line /' | nc -l -p $port &
server=$!
exec 3<>hold
connect sh -c "nc 127.0.0.1 $port <hold >from-server.txt"
exec 3>&-
wait $server; echo "sender status $?"
wc -l <from-server.txt; head -n 2 from-server.txt; md5sum <from-server.txt
rm hold
