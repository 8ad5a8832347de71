#include "proj.h"

uint32_t crc32_of(const void *p, size_t n) {
  const unsigned char *c = p;
  uint32_t crc = 0xffffffffu;
  for (size_t i = 0; i < n; ++i) {
    crc ^= c[i];
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
  }
  return ~crc;
}

int is_prime(uint64_t n) {
  if (n < 2) return 0;
  for (uint64_t d = 2; d * d <= n; ++d)
    if (n % d == 0) return 0;
  return 1;
}

uint64_t collatz_steps(uint64_t n) {
  uint64_t s = 0;
  while (n > 1) {
    n = n & 1 ? 3 * n + 1 : n / 2;
    ++s;
  }
  return s;
}
