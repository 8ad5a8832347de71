/* real-crypto: hash functions and ciphers written plainly in C, run on
 * the published test vectors (so the expected answers are known even
 * without a native run) and on longer generated inputs: MD5, SHA-1,
 * SHA-256, SHA-512, ChaCha20, Poly1305 (130-bit arithmetic in 26-bit
 * limbs), AES-128 (S-box from the field inverse, xtime) and SipHash-2-4. These are rotates, adds with carries, and
 * big multiplies: exactly what a wrong flag or shift breaks. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void hex(const char *tag, const uint8_t *p, size_t n) {
  printf("%-22s ", tag);
  for (size_t i = 0; i < n; i++) printf("%02x", p[i]);
  printf("\n");
}
#define ROL32(x, n) ((uint32_t)((x) << (n) | (x) >> (32 - (n))))
#define ROR32(x, n) ((uint32_t)((x) >> (n) | (x) << (32 - (n))))
#define ROR64(x, n) ((uint64_t)((x) >> (n) | (x) << (64 - (n))))
#define ROL64(x, n) ((uint64_t)((x) << (n) | (x) >> (64 - (n))))

/* ---- MD5 */
static void md5(const uint8_t *msg, size_t len, uint8_t out[16]) {
  static const uint32_t K[64] = {
      0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
      0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
      0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
      0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
      0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
      0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
      0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
      0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391};
  static const int R[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                            5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
                            4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                            6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};
  uint32_t h[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
  uint8_t block[64];
  size_t total = len + 9, nblocks = (total + 63) / 64;
  for (size_t b = 0; b < nblocks; b++) {
    for (int i = 0; i < 64; i++) {
      size_t pos = b * 64 + (size_t)i;
      if (pos < len) block[i] = msg[pos];
      else if (pos == len) block[i] = 0x80;
      else if (pos >= nblocks * 64 - 8) block[i] = (uint8_t)((uint64_t)len * 8 >> (8 * (pos - (nblocks * 64 - 8))));
      else block[i] = 0;
    }
    uint32_t w[16];
    for (int i = 0; i < 16; i++)
      w[i] = (uint32_t)block[4 * i] | (uint32_t)block[4 * i + 1] << 8 |
             (uint32_t)block[4 * i + 2] << 16 | (uint32_t)block[4 * i + 3] << 24;
    uint32_t a = h[0], bb = h[1], c = h[2], d = h[3];
    for (int i = 0; i < 64; i++) {
      uint32_t f;
      int g;
      if (i < 16) { f = (bb & c) | (~bb & d); g = i; }
      else if (i < 32) { f = (d & bb) | (~d & c); g = (5 * i + 1) % 16; }
      else if (i < 48) { f = bb ^ c ^ d; g = (3 * i + 5) % 16; }
      else { f = c ^ (bb | ~d); g = (7 * i) % 16; }
      uint32_t t = d;
      d = c;
      c = bb;
      bb = bb + ROL32(a + f + K[i] + w[g], R[i]);
      a = t;
    }
    h[0] += a; h[1] += bb; h[2] += c; h[3] += d;
  }
  for (int i = 0; i < 4; i++)
    for (int k = 0; k < 4; k++) out[4 * i + k] = (uint8_t)(h[i] >> (8 * k));
}

/* ---- SHA-1 and SHA-256 share the padding. */
static size_t pad_be(const uint8_t *msg, size_t len, uint8_t *buf, size_t bs) {
  size_t lenfield = bs == 64 ? 8 : 16;
  size_t n = (len + 1 + lenfield + bs - 1) / bs * bs;
  memcpy(buf, msg, len);
  buf[len] = 0x80;
  memset(buf + len + 1, 0, n - len - 1);
  for (int i = 0; i < 8; i++) buf[n - 1 - (size_t)i] = (uint8_t)((uint64_t)len * 8 >> (8 * i));
  return n;
}
static uint8_t padbuf[1 << 17];

static void sha1(const uint8_t *msg, size_t len, uint8_t out[20]) {
  uint32_t h[5] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
  size_t n = pad_be(msg, len, padbuf, 64);
  for (size_t b = 0; b < n; b += 64) {
    uint32_t w[80];
    for (int i = 0; i < 16; i++)
      w[i] = (uint32_t)padbuf[b + 4 * (size_t)i] << 24 | (uint32_t)padbuf[b + 4 * (size_t)i + 1] << 16 |
             (uint32_t)padbuf[b + 4 * (size_t)i + 2] << 8 | padbuf[b + 4 * (size_t)i + 3];
    for (int i = 16; i < 80; i++) w[i] = ROL32(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    uint32_t a = h[0], bb = h[1], c = h[2], d = h[3], e = h[4];
    for (int i = 0; i < 80; i++) {
      uint32_t f, k;
      if (i < 20) { f = (bb & c) | (~bb & d); k = 0x5a827999; }
      else if (i < 40) { f = bb ^ c ^ d; k = 0x6ed9eba1; }
      else if (i < 60) { f = (bb & c) | (bb & d) | (c & d); k = 0x8f1bbcdc; }
      else { f = bb ^ c ^ d; k = 0xca62c1d6; }
      uint32_t t = ROL32(a, 5) + f + e + k + w[i];
      e = d; d = c; c = ROL32(bb, 30); bb = a; a = t;
    }
    h[0] += a; h[1] += bb; h[2] += c; h[3] += d; h[4] += e;
  }
  for (int i = 0; i < 5; i++) {
    out[4 * i] = (uint8_t)(h[i] >> 24); out[4 * i + 1] = (uint8_t)(h[i] >> 16);
    out[4 * i + 2] = (uint8_t)(h[i] >> 8); out[4 * i + 3] = (uint8_t)h[i];
  }
}

static void sha256(const uint8_t *msg, size_t len, uint8_t out[32]) {
  static const uint32_t K[64] = {
      0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
      0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
      0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
      0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
      0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
      0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
      0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
      0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
  uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  size_t n = pad_be(msg, len, padbuf, 64);
  for (size_t b = 0; b < n; b += 64) {
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
      w[i] = (uint32_t)padbuf[b + 4 * (size_t)i] << 24 | (uint32_t)padbuf[b + 4 * (size_t)i + 1] << 16 |
             (uint32_t)padbuf[b + 4 * (size_t)i + 2] << 8 | padbuf[b + 4 * (size_t)i + 3];
    for (int i = 16; i < 64; i++) {
      uint32_t s0 = ROR32(w[i - 15], 7) ^ ROR32(w[i - 15], 18) ^ (w[i - 15] >> 3);
      uint32_t s1 = ROR32(w[i - 2], 17) ^ ROR32(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], bb = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; i++) {
      uint32_t S1 = ROR32(e, 6) ^ ROR32(e, 11) ^ ROR32(e, 25);
      uint32_t ch = (e & f) ^ (~e & g);
      uint32_t t1 = hh + S1 + ch + K[i] + w[i];
      uint32_t S0 = ROR32(a, 2) ^ ROR32(a, 13) ^ ROR32(a, 22);
      uint32_t mj = (a & bb) ^ (a & c) ^ (bb & c);
      uint32_t t2 = S0 + mj;
      hh = g; g = f; f = e; e = d + t1; d = c; c = bb; bb = a; a = t1 + t2;
    }
    h[0] += a; h[1] += bb; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
  }
  for (int i = 0; i < 8; i++) {
    out[4 * i] = (uint8_t)(h[i] >> 24); out[4 * i + 1] = (uint8_t)(h[i] >> 16);
    out[4 * i + 2] = (uint8_t)(h[i] >> 8); out[4 * i + 3] = (uint8_t)h[i];
  }
}

static void sha512(const uint8_t *msg, size_t len, uint8_t out[64]) {
  static const uint64_t K[80] = {
      0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc, 0x3956c25bf348b538,
      0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118, 0xd807aa98a3030242, 0x12835b0145706fbe,
      0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2, 0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235,
      0xc19bf174cf692694, 0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
      0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5, 0x983e5152ee66dfab,
      0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4, 0xc6e00bf33da88fc2, 0xd5a79147930aa725,
      0x06ca6351e003826f, 0x142929670a0e6e70, 0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed,
      0x53380d139d95b3df, 0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
      0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30, 0xd192e819d6ef5218,
      0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8, 0x19a4c116b8d2d0c8, 0x1e376c085141ab53,
      0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8, 0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373,
      0x682e6ff3d6b2b8a3, 0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
      0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b, 0xca273eceea26619c,
      0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178, 0x06f067aa72176fba, 0x0a637dc5a2c898a6,
      0x113f9804bef90dae, 0x1b710b35131c471b, 0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc,
      0x431d67c49c100d4c, 0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817};
  uint64_t h[8] = {0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
                   0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179};
  size_t n = pad_be(msg, len, padbuf, 128);
  for (size_t b = 0; b < n; b += 128) {
    uint64_t w[80];
    for (int i = 0; i < 16; i++) {
      w[i] = 0;
      for (int k = 0; k < 8; k++) w[i] = w[i] << 8 | padbuf[b + 8 * (size_t)i + (size_t)k];
    }
    for (int i = 16; i < 80; i++) {
      uint64_t s0 = ROR64(w[i - 15], 1) ^ ROR64(w[i - 15], 8) ^ (w[i - 15] >> 7);
      uint64_t s1 = ROR64(w[i - 2], 19) ^ ROR64(w[i - 2], 61) ^ (w[i - 2] >> 6);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint64_t a = h[0], bb = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 80; i++) {
      uint64_t t1 = hh + (ROR64(e, 14) ^ ROR64(e, 18) ^ ROR64(e, 41)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
      uint64_t t2 = (ROR64(a, 28) ^ ROR64(a, 34) ^ ROR64(a, 39)) + ((a & bb) ^ (a & c) ^ (bb & c));
      hh = g; g = f; f = e; e = d + t1; d = c; c = bb; bb = a; a = t1 + t2;
    }
    h[0] += a; h[1] += bb; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
  }
  for (int i = 0; i < 8; i++)
    for (int k = 0; k < 8; k++) out[8 * i + k] = (uint8_t)(h[i] >> (56 - 8 * k));
}

/* ---- ChaCha20 (RFC 8439) */
#define QR(a, b, c, d)                      \
  a += b; d ^= a; d = ROL32(d, 16);         \
  c += d; b ^= c; b = ROL32(b, 12);         \
  a += b; d ^= a; d = ROL32(d, 8);          \
  c += d; b ^= c; b = ROL32(b, 7)
static void chacha20_block(const uint32_t key[8], uint32_t counter, const uint32_t nonce[3], uint8_t out[64]) {
  uint32_t s[16] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574, key[0], key[1], key[2], key[3],
                    key[4], key[5], key[6], key[7], counter, nonce[0], nonce[1], nonce[2]};
  uint32_t x[16];
  memcpy(x, s, sizeof x);
  for (int i = 0; i < 10; i++) {
    QR(x[0], x[4], x[8], x[12]); QR(x[1], x[5], x[9], x[13]);
    QR(x[2], x[6], x[10], x[14]); QR(x[3], x[7], x[11], x[15]);
    QR(x[0], x[5], x[10], x[15]); QR(x[1], x[6], x[11], x[12]);
    QR(x[2], x[7], x[8], x[13]); QR(x[3], x[4], x[9], x[14]);
  }
  for (int i = 0; i < 16; i++) {
    uint32_t v = x[i] + s[i];
    for (int k = 0; k < 4; k++) out[4 * i + k] = (uint8_t)(v >> (8 * k));
  }
}

/* ---- Poly1305 (RFC 8439) in 26-bit limbs: 32x32->64 multiplies and
   long carry chains. */
static uint32_t le32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static void poly1305(const uint8_t *m, size_t len, const uint8_t key[32], uint8_t tag[16]) {
  const uint32_t M = 0x3ffffff;
  uint32_t r0 = le32(key) & M, r1 = (le32(key + 3) >> 2) & 0x3ffff03;
  uint32_t r2 = (le32(key + 6) >> 4) & 0x3ffc0ff, r3 = (le32(key + 9) >> 6) & 0x3f03fff;
  uint32_t r4 = (le32(key + 12) >> 8) & 0x00fffff;
  uint32_t s1 = r1 * 5, s2 = r2 * 5, s3 = r3 * 5, s4 = r4 * 5;
  uint32_t h0 = 0, h1 = 0, h2 = 0, h3 = 0, h4 = 0;
  while (len) {
    uint8_t b[16] = {0};
    size_t n = len < 16 ? len : 16;
    uint32_t hibit = 1u << 24;
    memcpy(b, m, n);
    if (n < 16) {
      b[n] = 1;
      hibit = 0;
    }
    h0 += le32(b) & M;
    h1 += (le32(b + 3) >> 2) & M;
    h2 += (le32(b + 6) >> 4) & M;
    h3 += (le32(b + 9) >> 6) & M;
    h4 += (le32(b + 12) >> 8) | hibit;
    uint64_t d0 = (uint64_t)h0 * r0 + (uint64_t)h1 * s4 + (uint64_t)h2 * s3 + (uint64_t)h3 * s2 + (uint64_t)h4 * s1;
    uint64_t d1 = (uint64_t)h0 * r1 + (uint64_t)h1 * r0 + (uint64_t)h2 * s4 + (uint64_t)h3 * s3 + (uint64_t)h4 * s2;
    uint64_t d2 = (uint64_t)h0 * r2 + (uint64_t)h1 * r1 + (uint64_t)h2 * r0 + (uint64_t)h3 * s4 + (uint64_t)h4 * s3;
    uint64_t d3 = (uint64_t)h0 * r3 + (uint64_t)h1 * r2 + (uint64_t)h2 * r1 + (uint64_t)h3 * r0 + (uint64_t)h4 * s4;
    uint64_t d4 = (uint64_t)h0 * r4 + (uint64_t)h1 * r3 + (uint64_t)h2 * r2 + (uint64_t)h3 * r1 + (uint64_t)h4 * r0;
    uint32_t c = (uint32_t)(d0 >> 26); h0 = (uint32_t)d0 & M;
    d1 += c; c = (uint32_t)(d1 >> 26); h1 = (uint32_t)d1 & M;
    d2 += c; c = (uint32_t)(d2 >> 26); h2 = (uint32_t)d2 & M;
    d3 += c; c = (uint32_t)(d3 >> 26); h3 = (uint32_t)d3 & M;
    d4 += c; c = (uint32_t)(d4 >> 26); h4 = (uint32_t)d4 & M;
    h0 += c * 5; c = h0 >> 26; h0 &= M;
    h1 += c;
    m += n;
    len -= n;
  }
  uint32_t c = h1 >> 26; h1 &= M;
  h2 += c; c = h2 >> 26; h2 &= M;
  h3 += c; c = h3 >> 26; h3 &= M;
  h4 += c; c = h4 >> 26; h4 &= M;
  h0 += c * 5; c = h0 >> 26; h0 &= M;
  h1 += c;
  /* h - p, kept if it doesn't go negative: a branch-free select. */
  uint32_t g0 = h0 + 5; c = g0 >> 26; g0 &= M;
  uint32_t g1 = h1 + c; c = g1 >> 26; g1 &= M;
  uint32_t g2 = h2 + c; c = g2 >> 26; g2 &= M;
  uint32_t g3 = h3 + c; c = g3 >> 26; g3 &= M;
  uint32_t g4 = h4 + c - (1u << 26);
  uint32_t mask = (g4 >> 31) - 1;
  h0 = (h0 & ~mask) | (g0 & mask); h1 = (h1 & ~mask) | (g1 & mask);
  h2 = (h2 & ~mask) | (g2 & mask); h3 = (h3 & ~mask) | (g3 & mask);
  h4 = (h4 & ~mask) | (g4 & mask);
  uint32_t w0 = h0 | h1 << 26, w1 = h1 >> 6 | h2 << 20, w2 = h2 >> 12 | h3 << 14, w3 = h3 >> 18 | h4 << 8;
  uint64_t f = (uint64_t)w0 + le32(key + 16);
  w0 = (uint32_t)f;
  f = (uint64_t)w1 + le32(key + 20) + (f >> 32);
  w1 = (uint32_t)f;
  f = (uint64_t)w2 + le32(key + 24) + (f >> 32);
  w2 = (uint32_t)f;
  f = (uint64_t)w3 + le32(key + 28) + (f >> 32);
  w3 = (uint32_t)f;
  uint32_t w[4] = {w0, w1, w2, w3};
  for (int i = 0; i < 16; i++) tag[i] = (uint8_t)(w[i / 4] >> (8 * (i % 4)));
}

/* ---- AES-128 encryption, byte-oriented. */
static uint8_t sbox[256];
static uint8_t xtime(uint8_t x) { return (uint8_t)(x << 1 ^ (x >> 7) * 0x1b); }
static uint8_t gmul(uint8_t a, uint8_t b) {
  uint8_t p = 0;
  while (b) {
    if (b & 1) p ^= a;
    a = xtime(a);
    b >>= 1;
  }
  return p;
}
static void aes_init(void) {
  /* The S-box from the field inverse and the affine map. */
  for (int i = 0; i < 256; i++) {
    uint8_t inv = 0;
    for (int j = 1; j < 256 && i; j++)
      if (gmul((uint8_t)i, (uint8_t)j) == 1) { inv = (uint8_t)j; break; }
    uint8_t s = inv;
    uint8_t x = (uint8_t)(s ^ (s << 1 | s >> 7) ^ (s << 2 | s >> 6) ^ (s << 3 | s >> 5) ^ (s << 4 | s >> 4) ^ 0x63);
    sbox[i] = x;
  }
}
static void aes128_encrypt(const uint8_t key[16], const uint8_t in[16], uint8_t out[16]) {
  uint8_t rk[176], s[16];
  memcpy(rk, key, 16);
  uint8_t rcon = 1;
  for (int i = 16; i < 176; i += 4) {
    uint8_t t[4] = {rk[i - 4], rk[i - 3], rk[i - 2], rk[i - 1]};
    if (i % 16 == 0) {
      uint8_t u = t[0];
      t[0] = (uint8_t)(sbox[t[1]] ^ rcon); t[1] = sbox[t[2]]; t[2] = sbox[t[3]]; t[3] = sbox[u];
      rcon = xtime(rcon);
    }
    for (int k = 0; k < 4; k++) rk[i + k] = rk[i - 16 + k] ^ t[k];
  }
  for (int i = 0; i < 16; i++) s[i] = in[i] ^ rk[i];
  for (int round = 1; round <= 10; round++) {
    uint8_t t[16];
    for (int i = 0; i < 16; i++) t[i] = sbox[s[(i + 4 * (i % 4)) % 16]];
    if (round < 10) {
      for (int c = 0; c < 4; c++) {
        uint8_t *col = t + 4 * c, a0 = col[0], a1 = col[1], a2 = col[2], a3 = col[3];
        col[0] = (uint8_t)(xtime(a0) ^ xtime(a1) ^ a1 ^ a2 ^ a3);
        col[1] = (uint8_t)(a0 ^ xtime(a1) ^ xtime(a2) ^ a2 ^ a3);
        col[2] = (uint8_t)(a0 ^ a1 ^ xtime(a2) ^ xtime(a3) ^ a3);
        col[3] = (uint8_t)(xtime(a0) ^ a0 ^ a1 ^ a2 ^ xtime(a3));
      }
    }
    for (int i = 0; i < 16; i++) s[i] = t[i] ^ rk[16 * round + i];
  }
  memcpy(out, s, 16);
}

/* ---- SipHash-2-4 */
static uint64_t siphash(const uint8_t key[16], const uint8_t *m, size_t len) {
  uint64_t k0 = 0, k1 = 0;
  for (int i = 7; i >= 0; i--) { k0 = k0 << 8 | key[i]; k1 = k1 << 8 | key[8 + i]; }
  uint64_t v0 = 0x736f6d6570736575ull ^ k0, v1 = 0x646f72616e646f6dull ^ k1;
  uint64_t v2 = 0x6c7967656e657261ull ^ k0, v3 = 0x7465646279746573ull ^ k1;
#define SIPROUND                                                        \
  v0 += v1; v1 = ROL64(v1, 13); v1 ^= v0; v0 = ROL64(v0, 32);           \
  v2 += v3; v3 = ROL64(v3, 16); v3 ^= v2;                               \
  v0 += v3; v3 = ROL64(v3, 21); v3 ^= v0;                               \
  v2 += v1; v1 = ROL64(v1, 17); v1 ^= v2; v2 = ROL64(v2, 32)
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t w = 0;
    for (int k = 7; k >= 0; k--) w = w << 8 | m[i + (size_t)k];
    v3 ^= w; SIPROUND; SIPROUND; v0 ^= w;
  }
  uint64_t b = (uint64_t)len << 56;
  for (size_t k = 0; i + k < len; k++) b |= (uint64_t)m[i + k] << (8 * k);
  v3 ^= b; SIPROUND; SIPROUND; v0 ^= b;
  v2 ^= 0xff; SIPROUND; SIPROUND; SIPROUND; SIPROUND;
  return v0 ^ v1 ^ v2 ^ v3;
}

static int hexval(char c) { return c <= '9' ? c - '0' : c - 'a' + 10; }
static void unhex(const char *s, uint8_t *out) {
  for (size_t i = 0; s[2 * i]; i++) out[i] = (uint8_t)(hexval(s[2 * i]) << 4 | hexval(s[2 * i + 1]));
}

int main(void) {
  uint8_t d[64];
  static const char *msgs[] = {"", "abc", "message digest",
                               "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                               "The quick brown fox jumps over the lazy dog"};
  for (int i = 0; i < 5; i++) {
    const uint8_t *m = (const uint8_t *)msgs[i];
    size_t n = strlen(msgs[i]);
    printf("\"%s\"\n", msgs[i]);
    md5(m, n, d); hex("  md5", d, 16);
    sha1(m, n, d); hex("  sha1", d, 20);
    sha256(m, n, d); hex("  sha256", d, 32);
    sha512(m, n, d); hex("  sha512", d, 64);
  }
  /* A long generated input, at lengths around the block boundaries. */
  static uint8_t big[70000];
  uint64_t x = 0x0123456789abcdefull;
  for (size_t i = 0; i < sizeof big; i++) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    big[i] = (uint8_t)(x >> 56);
  }
  static const size_t lens[] = {55, 56, 63, 64, 111, 112, 119, 120, 127, 128, 1000, 70000};
  for (int i = 0; i < 12; i++) {
    char tag[32];
    snprintf(tag, sizeof tag, "big[%zu]", lens[i]);
    printf("%s\n", tag);
    md5(big, lens[i], d); hex("  md5", d, 16);
    sha256(big, lens[i], d); hex("  sha256", d, 32);
    sha512(big, lens[i], d); hex("  sha512", d, 64);
  }
  sha1(big, 70000, d); hex("sha1 big", d, 20);

  /* ChaCha20 block, RFC 8439 2.3.2. */
  uint32_t key[8], nonce[3] = {0x09000000, 0x4a000000, 0x00000000};
  for (int i = 0; i < 8; i++) key[i] = (uint32_t)(4 * i) | (uint32_t)(4 * i + 1) << 8 | (uint32_t)(4 * i + 2) << 16 | (uint32_t)(4 * i + 3) << 24;
  chacha20_block(key, 1, nonce, d);
  hex("chacha20 rfc8439", d, 64);
  uint8_t stream[64];
  uint64_t acc = 0;
  for (uint32_t c = 0; c < 500; c++) {
    chacha20_block(key, c, nonce, stream);
    for (int i = 0; i < 64; i++) acc = acc * 31 + stream[i];
  }
  printf("chacha20 500 blocks   %016llx\n", (unsigned long long)acc);

  /* Poly1305, RFC 8439 2.5.2. */
  uint8_t pkey[32], tag[16];
  unhex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b", pkey);
  const char *pm = "Cryptographic Forum Research Group";
  poly1305((const uint8_t *)pm, strlen(pm), pkey, tag);
  hex("poly1305 rfc8439", tag, 16);
  poly1305(big, 70000, pkey, tag);
  hex("poly1305 big", tag, 16);
  memset(pkey, 0xff, 32);
  poly1305(big, 333, pkey, tag);
  hex("poly1305 ff key", tag, 16);

  /* AES-128, FIPS-197 C.1, then CBC-style chaining over the input. */
  aes_init();
  uint8_t k[16], pt[16], ct[16];
  unhex("000102030405060708090a0b0c0d0e0f", k);
  unhex("00112233445566778899aabbccddeeff", pt);
  aes128_encrypt(k, pt, ct);
  hex("aes128 fips197", ct, 16);
  memset(ct, 0, 16);
  for (int b = 0; b < 256; b++) {
    for (int i = 0; i < 16; i++) pt[i] = ct[i] ^ big[16 * b + i];
    aes128_encrypt(k, pt, ct);
  }
  hex("aes128 cbc 4k", ct, 16);

  /* SipHash-2-4 reference vectors (key 00..0f, message 00..len-1). */
  uint8_t sk[16], sm[64];
  for (int i = 0; i < 16; i++) sk[i] = (uint8_t)i;
  for (int i = 0; i < 64; i++) sm[i] = (uint8_t)i;
  for (int n = 0; n < 64; n += 7) printf("siphash len %2d        %016llx\n", n, (unsigned long long)siphash(sk, sm, (size_t)n));
  printf("siphash big           %016llx\n", (unsigned long long)siphash(sk, big, 70000));
  return 0;
}
