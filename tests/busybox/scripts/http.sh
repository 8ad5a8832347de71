# HTTP over loopback with busybox httpd (a forking server) and wget: a
# static file, a directory index-less 404, a CGI script (httpd forks and
# execs the shell), a POST body through CGI. The port comes from the pid.
port=$((20000 + ($$ * 7) % 20000))
mkdir -p www/cgi-bin
seq 1 3000 >www/numbers.txt
cat >www/cgi-bin/echo.sh <<'CGI'
#!/bin/busybox sh
echo "Content-Type: text/plain"
echo
echo "method $REQUEST_METHOD query $QUERY_STRING"
[ "$REQUEST_METHOD" = POST ] && { echo "body:"; head -c "$CONTENT_LENGTH" | tr a-z A-Z; echo; }
CGI
chmod 755 www/cgi-bin/echo.sh
httpd -f -p 127.0.0.1:$port -h www &
server=$!
url=http://127.0.0.1:$port
i=0
until wget -q -O got.txt $url/numbers.txt 2>/dev/null || [ $i -ge 100 ]; do
  i=$((i + 1))
  sleep 0.05
done
wc -l <got.txt; md5sum <got.txt; cmp got.txt www/numbers.txt && echo "file intact"
wget -q -O - $url/missing.txt 2>&1 | sed 's/.*\(404\).*/\1/'
wget -q -O - "$url/cgi-bin/echo.sh?a=1&b=two"
wget -q -O - --post-data="posted to a cgi" $url/cgi-bin/echo.sh
# Several clients at once.
pids=
for n in 1 2 3 4; do wget -q -O part$n.txt $url/numbers.txt & pids="$pids $!"; done
wait $pids
for n in 1 2 3 4; do cmp -s part$n.txt www/numbers.txt && echo "part $n intact"; done
kill $server
wait $server 2>/dev/null
echo "server stopped"
rm -r www got.txt part*.txt
