# script.py: what dyn/python3-script runs with /usr/bin/python3 natively
# and under blink (stdout and status compared): classes, generators, re,
# json, hashlib, subprocess.run of /bin/echo, threads with a Lock and a
# Queue, and a TCP echo over 127.0.0.1 between a server thread and a
# client.
import hashlib
import json
import queue
import re
import socket
import subprocess
import sys
import threading


class Shape:
    def __init__(self, name):
        self.name = name

    def area(self):
        raise NotImplementedError

    def __repr__(self):
        return f"{type(self).__name__}({self.name}, area={self.area():.3f})"


class Rect(Shape):
    def __init__(self, name, w, h):
        super().__init__(name)
        self.w, self.h = w, h

    def area(self):
        return self.w * self.h


class Circle(Shape):
    def __init__(self, name, r):
        super().__init__(name)
        self.r = r

    def area(self):
        return 3.141592653589793 * self.r ** 2


def primes():
    found = []
    n = 2
    while True:
        if all(n % p for p in found if p * p <= n):
            found.append(n)
            yield n
        n += 1


def fib(limit):
    a, b = 0, 1
    while a < limit:
        yield a
        a, b = b, a + b


shapes = sorted([Rect("a", 2, 3), Circle("b", 1.5), Rect("c", 0.5, 8)],
                key=lambda s: s.area())
print("shapes:", shapes)
gen = primes()
print("primes:", [next(gen) for _ in range(15)])
print("fib:", list(fib(1000)))
print("squares:", {k: k * k for k in range(6) if k % 2})

text = "user=alice id=42; user=bob id=7; user=carol id=1999"
pairs = re.findall(r"user=(\w+) id=(\d+)", text)
print("re:", pairs, re.sub(r"\d+", lambda m: str(int(m.group()) * 2), text))

doc = {"pairs": pairs, "total": sum(int(i) for _, i in pairs),
       "nested": {"list": [1, 2.5, None, True], "s": "caf\u00e9"}}
enc = json.dumps(doc, sort_keys=True)
print("json:", enc)
print("json round trip:", json.loads(enc) == json.loads(json.dumps(json.loads(enc))))

data = enc.encode() * 1000
for algo in ("md5", "sha1", "sha256", "sha512", "blake2b"):
    print(algo, hashlib.new(algo, data).hexdigest())

r = subprocess.run(["/bin/echo", "from", "a", "child"], capture_output=True,
                   text=True)
print("subprocess:", r.returncode, repr(r.stdout))
r = subprocess.run(["/bin/sh", "-c", "exit 3"])
print("subprocess status:", r.returncode)

# Threads: a work queue, a lock-protected total.
q = queue.Queue()
lock = threading.Lock()
total = [0]


def worker():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            return
        v = sum(range(item))
        with lock:
            total[0] += v
        q.task_done()


threads = [threading.Thread(target=worker) for _ in range(4)]
for t in threads:
    t.start()
for i in range(200):
    q.put(i * 10)
for _ in threads:
    q.put(None)
q.join()
for t in threads:
    t.join()
print("threads total:", total[0])

# TCP echo over loopback: a server thread, a client here.
srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 0))
srv.listen(1)
port = srv.getsockname()[1]


def serve():
    conn, _ = srv.accept()
    with conn:
        while True:
            chunk = conn.recv(4096)
            if not chunk:
                break
            conn.sendall(chunk.upper())


st = threading.Thread(target=serve)
st.start()
cli = socket.create_connection(("127.0.0.1", port))
sent = b"".join(b"line %d of the echo test\n" % i for i in range(500))
cli.sendall(sent)
cli.shutdown(socket.SHUT_WR)
got = b""
while True:
    chunk = cli.recv(65536)
    if not chunk:
        break
    got += chunk
cli.close()
st.join()
srv.close()
print("tcp echo:", len(got), got == sent.upper(), hashlib.sha256(got).hexdigest()[:16])
sys.exit(5)
