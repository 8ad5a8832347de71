# TCP over loopback in python3 (dynamically linked, with its own
# extension modules): a threaded echo server on an ephemeral port,
# clients in threads of this process and one in a child python3 process
# (subprocess: fork, exec, pipes), a socketserver, selectors-driven
# non-blocking I/O and asyncio streams. Run by tests/run-tests.sh natively and under blink;
# what it prints doesn't depend on ports or timing.
import asyncio
import hashlib
import selectors
import socket
import socketserver
import subprocess
import sys
import threading


def recv_all(s, n):
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk:
            break
        data += chunk
    return data


def handle(conn):
    with conn:
        while True:
            data = conn.recv(65536)
            if not data:
                return
            conn.sendall(data.upper())


def serve(lsock, count):
    threads = []
    for _ in range(count):
        conn, _ = lsock.accept()
        t = threading.Thread(target=handle, args=(conn,))
        t.start()
        threads.append(t)
    for t in threads:
        t.join()


def client(port, i, results):
    msg = (("client %d says hello " % i) * (200 * (i + 1))).encode()
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.sendall(msg)
        s.shutdown(socket.SHUT_WR)
        got = recv_all(s, len(msg) + 1)
    results[i] = (len(got), got == msg.upper(), hashlib.sha256(got).hexdigest()[:16])


lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
lsock.bind(("127.0.0.1", 0))
lsock.listen(8)
port = lsock.getsockname()[1]
NCLIENTS = 4
server = threading.Thread(target=serve, args=(lsock, NCLIENTS + 1))
server.start()
results = {}
clients = [threading.Thread(target=client, args=(port, i, results)) for i in range(NCLIENTS)]
for t in clients:
    t.start()
for t in clients:
    t.join()
for i in sorted(results):
    print("thread client", i, *results[i])

# A client in another process.
child = subprocess.run(
    [sys.executable, "-c",
     "import socket, sys\n"
     "s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))\n"
     "s.sendall(b'from the child process\\n' * 100)\n"
     "s.shutdown(socket.SHUT_WR)\n"
     "d = b''\n"
     "while True:\n"
     "    c = s.recv(4096)\n"
     "    if not c: break\n"
     "    d += c\n"
     "print(len(d), d.splitlines()[0].decode())\n",
     str(port)],
    capture_output=True, text=True, timeout=100)
print("child client:", child.returncode, child.stdout.strip(), child.stderr.strip())
server.join()
lsock.close()


# socketserver with a threading mixin, line-oriented.
class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        for line in self.rfile:
            words = line.split()
            self.wfile.write(b"%d %s\n" % (len(words), b"-".join(reversed(words))))


with socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler) as srv:
    srv.daemon_threads = True
    t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05})
    t.start()
    with socket.create_connection(srv.server_address) as s:
        f = s.makefile("rwb")
        for line in [b"one two three", b"blink runs python", b""]:
            f.write(line + b"\n")
            f.flush()
            print("socketserver:", f.readline().decode().rstrip())
    srv.shutdown()
    t.join()

# Non-blocking sockets driven by selectors (epoll): a socketpair-free
# loopback connection, 64 KiB each way.
sel = selectors.DefaultSelector()
ls = socket.socket()
ls.bind(("127.0.0.1", 0))
ls.listen(1)
a = socket.socket()
a.setblocking(False)
a.connect_ex(ls.getsockname())
b, _ = ls.accept()
b.setblocking(False)
payload = bytes(range(256)) * 256
out = {a: payload, b: payload[::-1]}
got = {a: b"", b: b""}
sel.register(a, selectors.EVENT_READ | selectors.EVENT_WRITE)
sel.register(b, selectors.EVENT_READ | selectors.EVENT_WRITE)
while len(got[a]) < len(payload) or len(got[b]) < len(payload):
    for key, ev in sel.select(timeout=10):
        s = key.fileobj
        if ev & selectors.EVENT_WRITE and out[s]:
            n = s.send(out[s][:16384])
            out[s] = out[s][n:]
            if not out[s]:
                sel.modify(s, selectors.EVENT_READ)
        if ev & selectors.EVENT_READ:
            got[s] += s.recv(65536)
print("selectors:", got[b] == payload, got[a] == payload[::-1], type(sel).__name__)
for s in (a, b, ls):
    s.close()


# asyncio streams: a server and two clients on one event loop.
async def amain():
    async def handle(r, w):
        while line := await r.readline():
            w.write(line[::-1].strip() + b"\n")
            await w.drain()
        w.close()

    srv = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = srv.sockets[0].getsockname()[1]

    async def talk(words):
        r, w = await asyncio.open_connection("127.0.0.1", port)
        out = []
        for word in words:
            w.write(word.encode() + b"\n")
            await w.drain()
            out.append((await r.readline()).decode().strip())
        w.close()
        await w.wait_closed()
        return out

    res = await asyncio.gather(talk(["blink", "lights"]), talk(["asyncio", "loop", "back"]))
    srv.close()
    await srv.wait_closed()
    return res


print("asyncio:", asyncio.run(amain()))
