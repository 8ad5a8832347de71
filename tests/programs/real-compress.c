/* real-compress: a small deflate-like compressor written inline: LZ77
 * with a hash chain, then canonical Huffman codes for literals/lengths
 * and distances, written to a bit stream; and the decompressor that
 * reads it back. Plus CRC-32 (table and bitwise), Adler-32 and a
 * run-length coder. Bit streams are all shifts, masks and variable
 * counts: a wrong shift or carry garbles everything after it. Prints
 * sizes and checksums for several inputs, and whether each round trip
 * gave the input back. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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
  uint32_t c = 0xffffffffu;
  while (n--) c = crc_table[(c ^ *p++) & 0xff] ^ (c >> 8);
  return c ^ 0xffffffffu;
}
static uint32_t crc32_bitwise(const uint8_t *p, size_t n) {
  uint32_t c = 0xffffffffu;
  while (n--) {
    c ^= *p++;
    for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xedb88320u & -(c & 1));
  }
  return ~c;
}
static uint32_t adler32(const uint8_t *p, size_t n) {
  uint32_t a = 1, b = 0;
  while (n--) {
    a = (a + *p++) % 65521;
    b = (b + a) % 65521;
  }
  return b << 16 | a;
}

/* ---- bit stream */
typedef struct {
  uint8_t *buf;
  size_t pos, cap;
  uint64_t acc;
  int nacc;
} BitW;
static void putbits(BitW *w, uint32_t v, int n) {
  w->acc |= (uint64_t)v << w->nacc;
  w->nacc += n;
  while (w->nacc >= 8) {
    if (w->pos < w->cap) w->buf[w->pos] = (uint8_t)w->acc;
    w->pos++;
    w->acc >>= 8;
    w->nacc -= 8;
  }
}
static void flushbits(BitW *w) {
  if (w->nacc) putbits(w, 0, 8 - w->nacc);
}
typedef struct {
  const uint8_t *buf;
  size_t pos, len;
  uint64_t acc;
  int nacc;
} BitR;
static uint32_t getbits(BitR *r, int n) {
  while (r->nacc < n) {
    uint64_t b = r->pos < r->len ? r->buf[r->pos] : 0;
    r->pos++;
    r->acc |= b << r->nacc;
    r->nacc += 8;
  }
  uint32_t v = (uint32_t)(r->acc & ((1ull << n) - 1));
  r->acc >>= n;
  r->nacc -= n;
  return v;
}

/* ---- Huffman: code lengths by package-merge-free heuristic (limit 15). */
#define NSYM 288
#define NDIST 32
static void build_lengths(const uint32_t *freq, int n, uint8_t *len) {
  /* A plain Huffman tree by repeated minimum search, then lengths capped
     at 15 by flattening (rarely needed for these inputs). */
  int parent[2 * NSYM], nodes = n;
  uint64_t w[2 * NSYM];
  int alive[2 * NSYM];
  for (int i = 0; i < n; i++) {
    w[i] = freq[i];
    alive[i] = freq[i] > 0;
    parent[i] = -1;
  }
  int count = 0;
  for (int i = 0; i < n; i++) count += alive[i];
  memset(len, 0, (size_t)n);
  if (count == 0) return;
  if (count == 1) {
    for (int i = 0; i < n; i++)
      if (alive[i]) len[i] = 1;
    return;
  }
  while (count > 1) {
    int a = -1, b = -1;
    for (int i = 0; i < nodes; i++) {
      if (!alive[i]) continue;
      if (a < 0 || w[i] < w[a]) {
        b = a;
        a = i;
      } else if (b < 0 || w[i] < w[b]) {
        b = i;
      }
    }
    w[nodes] = w[a] + w[b];
    alive[nodes] = 1;
    parent[nodes] = -1;
    alive[a] = alive[b] = 0;
    parent[a] = parent[b] = nodes;
    nodes++;
    count--;
  }
  for (int i = 0; i < n; i++) {
    if (!freq[i]) continue;
    int d = 0;
    for (int j = i; parent[j] >= 0; j = parent[j]) d++;
    len[i] = (uint8_t)(d > 15 ? 15 : d);
  }
  /* Fix the Kraft sum if capping broke it: lengthen the shortest codes. */
  for (;;) {
    uint32_t kraft = 0;
    for (int i = 0; i < n; i++)
      if (len[i]) kraft += 1u << (15 - len[i]);
    if (kraft <= 1u << 15) break;
    int best = -1;
    for (int i = 0; i < n; i++)
      if (len[i] && len[i] < 15 && (best < 0 || len[i] > len[best])) best = i;
    len[best]++;
  }
}
static void canonical(const uint8_t *len, int n, uint16_t *code) {
  int bl_count[16] = {0};
  uint16_t next_code[16];
  for (int i = 0; i < n; i++) bl_count[len[i]]++;
  bl_count[0] = 0;
  uint16_t c = 0;
  for (int b = 1; b < 16; b++) {
    c = (uint16_t)((c + bl_count[b - 1]) << 1);
    next_code[b] = c;
  }
  for (int i = 0; i < n; i++) {
    if (!len[i]) continue;
    /* Reverse: the stream is LSB-first, like deflate. */
    uint16_t v = next_code[len[i]]++, r = 0;
    for (int k = 0; k < len[i]; k++) r = (uint16_t)(r << 1 | ((v >> k) & 1));
    code[i] = r;
  }
}
/* Decoding by table: every 15-bit window whose low bits are a code
   maps to that code's symbol and length. */
typedef struct {
  uint16_t sym[1 << 15];
  uint8_t len[1 << 15];
} Table;
static void make_table(Table *t, const uint8_t *len, const uint16_t *code, int n) {
  memset(t->len, 0, sizeof t->len);
  for (int i = 0; i < n; i++) {
    if (!len[i]) continue;
    for (uint32_t k = 0; k < 1u << (15 - len[i]); k++) {
      uint32_t idx = code[i] | k << len[i];
      t->sym[idx] = (uint16_t)i;
      t->len[idx] = len[i];
    }
  }
}
static int decode_sym(BitR *r, const Table *t) {
  while (r->nacc < 15) {
    uint64_t b = r->pos < r->len ? r->buf[r->pos] : 0;
    r->pos++;
    r->acc |= b << r->nacc;
    r->nacc += 8;
  }
  uint32_t idx = (uint32_t)(r->acc & 0x7fff);
  if (!t->len[idx]) return -1;
  r->acc >>= t->len[idx];
  r->nacc -= t->len[idx];
  return t->sym[idx];
}

/* Length/distance classes: a base and extra bits, like deflate's. */
static int len_class(int len, int *extra, int *nbits) {
  /* Classes of power-of-two widths: 4 per width. */
  int l = len - 3, k = 0;
  while ((l >> k) > 3) k++;
  *nbits = k;
  *extra = l & ((1 << k) - 1);
  return 257 + k * 4 + (l >> k);
}
static int dist_class(int d, int *extra, int *nbits) {
  int v = d - 1, k = 0;
  while ((v >> k) > 1) k++;
  *nbits = k;
  *extra = v & ((1 << k) - 1);
  return k * 2 + (v >> k);
}

#define WIN 32768
#define MAXMATCH 258
static size_t compress(const uint8_t *in, size_t n, uint8_t *out, size_t cap) {
  static int head[1 << 15], prev[WIN];
  static int syms[1 << 20][3];
  int nsyms = 0;
  for (int i = 0; i < (1 << 15); i++) head[i] = -1;
  uint32_t lfreq[NSYM] = {0}, dfreq[NDIST] = {0};
  size_t i = 0;
  while (i < n) {
    int best = 0, bestd = 0;
    if (i + 3 <= n) {
      uint32_t h = ((uint32_t)in[i] << 10 ^ (uint32_t)in[i + 1] << 5 ^ in[i + 2]) & 0x7fff;
      int chain = 64;
      for (int j = head[h]; j >= 0 && (int)i - j <= WIN - 1 && chain--; j = prev[j % WIN]) {
        int l = 0;
        while (l < MAXMATCH && i + (size_t)l < n && in[j + l] == in[i + (size_t)l]) l++;
        if (l > best) {
          best = l;
          bestd = (int)i - j;
        }
      }
      prev[i % WIN] = head[h];
      head[h] = (int)i;
    }
    if (best >= 3) {
      int e, nb;
      syms[nsyms][0] = len_class(best, &e, &nb);
      syms[nsyms][1] = best;
      syms[nsyms][2] = bestd;
      lfreq[syms[nsyms][0]]++;
      dfreq[dist_class(bestd, &e, &nb)]++;
      nsyms++;
      for (int k = 1; k < best; k++) {
        size_t p = i + (size_t)k;
        if (p + 3 <= n) {
          uint32_t h = ((uint32_t)in[p] << 10 ^ (uint32_t)in[p + 1] << 5 ^ in[p + 2]) & 0x7fff;
          prev[p % WIN] = head[h];
          head[h] = (int)p;
        }
      }
      i += (size_t)best;
    } else {
      syms[nsyms][0] = in[i];
      lfreq[in[i]]++;
      nsyms++;
      i++;
    }
  }
  syms[nsyms++][0] = 256;
  lfreq[256]++;
  uint8_t llen[NSYM], dlen[NDIST];
  uint16_t lcode[NSYM], dcode[NDIST];
  build_lengths(lfreq, NSYM, llen);
  build_lengths(dfreq, NDIST, dlen);
  canonical(llen, NSYM, lcode);
  canonical(dlen, NDIST, dcode);
  BitW w = {out, 0, cap, 0, 0};
  putbits(&w, (uint32_t)n, 32);
  for (int k = 0; k < NSYM; k++) putbits(&w, llen[k], 4);
  for (int k = 0; k < NDIST; k++) putbits(&w, dlen[k], 4);
  for (int s = 0; s < nsyms; s++) {
    int sym = syms[s][0];
    putbits(&w, lcode[sym], llen[sym]);
    if (sym > 256) {
      int e, nb;
      len_class(syms[s][1], &e, &nb);
      putbits(&w, (uint32_t)e, nb);
      int dc = dist_class(syms[s][2], &e, &nb);
      putbits(&w, dcode[dc], dlen[dc]);
      putbits(&w, (uint32_t)e, nb);
    }
  }
  flushbits(&w);
  return w.pos;
}

static size_t decompress(const uint8_t *in, size_t n, uint8_t *out, size_t cap) {
  BitR r = {in, 0, n, 0, 0};
  size_t total = getbits(&r, 32), o = 0;
  uint8_t llen[NSYM], dlen[NDIST];
  uint16_t lcode[NSYM], dcode[NDIST];
  for (int k = 0; k < NSYM; k++) llen[k] = (uint8_t)getbits(&r, 4);
  for (int k = 0; k < NDIST; k++) dlen[k] = (uint8_t)getbits(&r, 4);
  static Table lt, dt;
  canonical(llen, NSYM, lcode);
  canonical(dlen, NDIST, dcode);
  make_table(&lt, llen, lcode, NSYM);
  make_table(&dt, dlen, dcode, NDIST);
  for (;;) {
    int sym = decode_sym(&r, &lt);
    if (sym < 0 || r.pos > n + 8) return (size_t)-1;
    if (sym < 256) {
      if (o < cap) out[o] = (uint8_t)sym;
      o++;
    } else if (sym == 256) {
      break;
    } else {
      int k = (sym - 257) / 4, top = (sym - 257) % 4;
      int len = ((top << k) | (int)getbits(&r, k)) + 3;
      int dc = decode_sym(&r, &dt);
      if (dc < 0) return (size_t)-1;
      int dk = dc / 2, dtop = dc % 2;
      int dist = ((dtop << dk) | (int)getbits(&r, dk)) + 1;
      if ((size_t)dist > o) return (size_t)-1;
      for (int j = 0; j < len; j++, o++)
        if (o < cap) out[o] = out[o - (size_t)dist];
    }
  }
  return o == total ? o : (size_t)-1;
}

static size_t rle(const uint8_t *in, size_t n, uint8_t *out) {
  size_t o = 0;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && j - i < 255 && in[j] == in[i]) j++;
    out[o++] = (uint8_t)(j - i);
    out[o++] = in[i];
    i = j;
  }
  return o;
}

static void test(const char *name, const uint8_t *data, size_t n) {
  static uint8_t packed[1 << 21], unpacked[1 << 20], runs[1 << 21];
  uint32_t c1 = crc32_table(data, n), c2 = crc32_bitwise(data, n);
  size_t z = compress(data, n, packed, sizeof packed);
  size_t u = decompress(packed, z, unpacked, sizeof unpacked);
  int ok = u == n && !memcmp(unpacked, data, n);
  printf("%-8s %7zu bytes crc32 %08x%s adler32 %08x -> %6zu (crc %08x) rle %zu %s\n", name, n,
         c1, c1 == c2 ? "" : "(bitwise differs!)", adler32(data, n), z, crc32_table(packed, z),
         rle(data, n, runs), ok ? "round trip ok" : "ROUND TRIP FAILED");
}

int main(void) {
  static uint8_t buf[1 << 18];
  crc_init();
  test("empty", buf, 0);
  const char *s = "The quick brown fox jumps over the lazy dog";
  test("fox", (const uint8_t *)s, strlen(s));
  /* English-like text from a word list and a fixed generator. */
  static const char *words[] = {"the", "of", "and", "a", "to", "in", "is", "you", "that", "it",
                                "he", "was", "for", "on", "are", "as", "with", "his", "they",
                                "instruction", "register", "flag", "carry", "overflow", "blink"};
  uint32_t x = 12345;
  size_t n = 0;
  while (n < 30000) {
    x = x * 1103515245u + 12345u;
    const char *w = words[(x >> 16) % 25];
    size_t l = strlen(w);
    memcpy(buf + n, w, l);
    n += l;
    buf[n++] = (x >> 8) % 11 == 0 ? '\n' : ' ';
  }
  test("text", buf, n);
  for (size_t i = 0; i < 20000; i++) {
    x = x * 1103515245u + 12345u;
    buf[i] = (uint8_t)(x >> 23);
  }
  test("random", buf, 20000);
  for (size_t i = 0; i < 25000; i++) buf[i] = (uint8_t)((i / 1000) % 3 == 0 ? 0 : (i * i) >> 7);
  test("mixed", buf, 25000);
  memset(buf, 'a', 20000);
  test("same", buf, 20000);
  for (size_t i = 0; i < 32768; i++) buf[i] = (uint8_t)(i ^ (i >> 8));
  test("pattern", buf, 32768);
  return 0;
}
