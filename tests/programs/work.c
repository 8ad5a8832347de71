/* work: small integer workloads: CRC-32 (table and bitwise), a prime
 * sieve, Collatz lengths, a 64-bit hash mix and integer division. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t crc_table[256];

static void crc_init(void) {
  for (uint32_t n = 0; n < 256; n++) {
    uint32_t c = n;
    for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
    crc_table[n] = c;
  }
}
static uint32_t crc32_table(const uint8_t *p, size_t n) {
  uint32_t c = ~0u;
  while (n--) c = crc_table[(c ^ *p++) & 0xff] ^ (c >> 8);
  return ~c;
}
static uint32_t crc32_bits(const uint8_t *p, size_t n) {
  uint32_t c = ~0u;
  while (n--) {
    c ^= *p++;
    for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xedb88320u & -(c & 1));
  }
  return ~c;
}

static uint8_t buf[200000];
static uint8_t composite[1000001];

int main(void) {
  crc_init();
  printf("crc32(\"123456789\") = %08x\n",
         crc32_table((const uint8_t *)"123456789", 9));
  uint64_t x = 88172645463325252ull;
  for (size_t k = 0; k < sizeof buf; k++) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    buf[k] = (uint8_t)x;
  }
  printf("crc32 table %08x bits %08x\n", crc32_table(buf, sizeof buf),
         crc32_bits(buf, 50000));

  int n = 1000000, count = 0;
  for (int i = 2; (long)i * i <= n; i++)
    if (!composite[i])
      for (int j = i * i; j <= n; j += i) composite[j] = 1;
  long sum = 0;
  for (int i = 2; i <= n; i++)
    if (!composite[i]) count++, sum += i;
  printf("primes <= %d: %d, sum %ld\n", n, count, sum);

  int best = 0, besti = 0;
  for (int i = 1; i < 100000; i++) {
    uint64_t v = i;
    int len = 1;
    while (v != 1) v = v & 1 ? 3 * v + 1 : v / 2, len++;
    if (len > best) best = len, besti = i;
  }
  printf("longest collatz below 100000: %d (%d steps)\n", besti, best);

  uint64_t h = 0;
  for (uint64_t i = 1; i < 200000; i++) {
    h += (h << 5) ^ (i * 0x9e3779b97f4a7c15ull);
    h ^= h >> 29;
    h += i % 7 + i / 13 + (int64_t)(h ^ i) % 1000003;
  }
  printf("hash %016llx\n", (unsigned long long)h);
  int64_t q = 0;
  for (int64_t i = -50000; i < 50000; i += 3) q += (i * 7919) / 17 - (i % 11);
  printf("divs %lld\n", (long long)q);
  unsigned __int128 big = (unsigned __int128)0xfedcba9876543210ull * 0x123456789abcdefull;
  printf("u128 %016llx%016llx\n", (unsigned long long)(big >> 64),
         (unsigned long long)big);
  return 0;
}
