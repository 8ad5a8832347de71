/* real-python: CPython 3.11 (the system's static libpython) embedded,
 * running a script over the built-in modules: big integers, float repr
 * and formatting (David Gay's dtoa), math and cmath, regular expressions,
 * json, hashing, zlib, struct, pickle, datetime, unicodedata, heapq and
 * a seeded Mersenne Twister. A whole bytecode interpreter with its
 * allocator, dicts and garbage collector: real code at scale. It reads
 * the standard library from /usr/lib/python3.11, as both runs do.
 *@libs -I/usr/include/python3.11 -lpython3.11 -lexpat -lz -lm -lutil -ldl -lpthread
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
int main(int argc, char **argv) {
  PyConfig config;
  PyConfig_InitIsolatedConfig(&config);
  config.site_import = 0;
  config.write_bytecode = 0;
  /* A fixed string hash seed: no urandom, same set order every run. */
  config.use_hash_seed = 1;
  config.hash_seed = 0;
  PyConfig_SetBytesString(&config, &config.home, "/usr");
  PyStatus st = Py_InitializeFromConfig(&config);
  if (PyStatus_Exception(st)) { fprintf(stderr, "init failed\n"); return 1; }
  int r = PyRun_SimpleString(
    "import sys, math, cmath, json, re, itertools, collections, struct, zlib, hashlib, random, heapq, bisect, array, unicodedata, datetime, pickle, binascii\n"
    "print(sys.version.split()[0])\n"
    "print(2**521 - 1)\n"
    "print(math.factorial(120) % (10**40 + 7))\n"
    "print([repr(x) for x in (0.1, 1/3, 1e23, 2.0**-1074, 1.7976931348623157e308, -0.0, float('nan'))])\n"
    "print([math.sin(x/7) for x in range(-5, 6)])\n"
    "print(math.fsum([0.1]*10), sum([0.1]*10), math.gcd(2**64+1, 3**40), math.isqrt(10**50))\n"
    "d = collections.Counter(re.findall(r'[a-z]+', 'the quick brown fox jumps over the lazy dog the end ' * 50))\n"
    "print(sorted(d.items())[:5])\n"
    "print(json.dumps({'a': [1, 2.5, None, True], 'b': {'c': 'x\\u00e9'}}, sort_keys=True))\n"
    "print(cmath.sqrt(-2+1j), cmath.exp(1j * math.pi), unicodedata.name('\u00e9'), unicodedata.normalize('NFD', '\u00e9').encode())\n"
    "print(datetime.datetime(2024, 2, 29, 12, 34, 56) + datetime.timedelta(days=400, seconds=1e5), datetime.date(1970, 1, 1).toordinal())\n"
    "h = [(x * 7919) % 1009 for x in range(500)]; heapq.heapify(h); print([heapq.heappop(h) for _ in range(8)], bisect.bisect(sorted(h), 500))\n"
    "a = array.array('d', (x / 3 for x in range(100))); print(sum(a), a.tobytes()[:16].hex(), binascii.crc32(a.tobytes()))\n"
    "print(len(pickle.dumps({'k': list(range(100)), 'f': 1.5, 's': 'x' * 50}, protocol=5)), pickle.loads(pickle.dumps((1, 2.5, 'z'))))\n"
    "random.seed(12345); print([random.randint(0, 10**6) for _ in range(5)], random.random())\n"
    "print(hashlib.sha256(b'abc').hexdigest(), zlib.crc32(b'blink' * 100), len(zlib.compress(bytes(range(256)) * 40, 9)))\n"
    "print(struct.pack('<dqf', 1.5, -2, 0.1).hex())\n"
    "print(sum(p for p in range(2, 3000) if all(p % q for q in range(2, int(p**0.5) + 1))))\n"
    "print(list(itertools.islice(itertools.permutations('abcd'), 5)))\n"
    "print('%.30f %e %g %a' % (1/3, 6.02e23, 1e-5, 0) if False else ('%.30f %e %g' % (1/3, 6.02e23, 1e-5)), (0.1).hex())\n"
    "s = 'blinkenlights ' * 1000; print(s.count('light'), s.find('lights', 5000), s[::-1][:20], s.upper()[:14])\n"
    "print(int('9' * 500) // 7 % 1000003, pow(3, 10**5, 10**9 + 7), (-7) // 2, -7 % 3, divmod(10**30, 7))\n");
  Py_Finalize();
  return r ? 1 : 0;
}
