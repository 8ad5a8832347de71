# Processes, signals and threads in python3 (dynamically linked): an
# interval timer's SIGALRM interrupting sleeps, threading.Timer, os.fork
# with a pipe, a shell pipeline through subprocess, a thread pool hashing
# in parallel (hashlib drops the GIL) and a process pool. Run by
# tests/run-tests.sh natively and under blink; the output doesn't depend
# on timing.
import concurrent.futures as cf
import hashlib
import os
import signal
import subprocess
import threading
import time

hits = []
signal.signal(signal.SIGALRM, lambda s, f: hits.append(s))
signal.setitimer(signal.ITIMER_REAL, 0.05, 0.05)
while len(hits) < 5:
    time.sleep(1)
signal.setitimer(signal.ITIMER_REAL, 0)
print("alarms:", len(hits) >= 5, set(hits) == {signal.SIGALRM})

ev = threading.Event()
threading.Timer(0.1, ev.set).start()
print("timer:", ev.wait(30))

r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(r)
    os.write(w, b"from the child")
    os._exit(7)
os.close(w)
print("fork:", os.read(r, 100), os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
os.close(r)

p = subprocess.Popen("tr a-z A-Z | rev | sed 's/^/> /'", shell=True,
                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
print("pipeline:", p.communicate(b"a pipeline of programs")[0], p.returncode)

with cf.ThreadPoolExecutor(4) as ex:
    digests = ex.map(lambda i: hashlib.sha256(bytes([i]) * 200000).hexdigest()[:12], range(8))
    print("threads:", list(digests))

# A child killed by a signal, and one that ignores SIGTERM, forked after
# the thread pool: glibc's thread exits block every signal in the dying
# threads, which must not reach this thread's mask nor the child's (see
# tests/programs/sig-mask-threads.c).
c = subprocess.run(["sh", "-c", "kill -TERM $$"])
print("killed child:", c.returncode)
c = subprocess.run(["sh", "-c", "trap '' TERM; kill -TERM $$; echo survived"],
                   capture_output=True, text=True)
print("ignoring child:", c.returncode, c.stdout.strip())

with cf.ProcessPoolExecutor(2) as ex:
    print("processes:", list(ex.map(pow, [2, 3, 5, 7], [10, 5, 3, 2])))

