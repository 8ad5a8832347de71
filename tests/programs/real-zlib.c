/* real-zlib: the system's compression libraries, statically linked:
 * zlib at every level and strategy, liblzma (xz) presets, libbz2 block
 * sizes; each round trip must give the input back, and the compressed
 * bytes (hashed) must be the host's. Real optimized library code: hash
 * chains, bit buffers, range coding, CRC-32/CRC-64 (tables or CLMUL,
 * chosen from CPUID).
 *@libs -lz -llzma -lbz2 -lpthread
 */
#include <bzlib.h>
#include <lzma.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>
int main(void) {
  static unsigned char in[24000], out[40000], back[24000];
  unsigned x = 7;
  for (size_t i = 0; i < sizeof in; i++) { x = x * 1103515245u + 12345u; in[i] = (unsigned char)("etaoin shrdlu\n"[(x >> 16) % 14] ^ (i % 1000 < 100 ? (x >> 8) & 0x7f : 0)); }
  printf("zlib %s crc32 %08lx adler32 %08lx\n", zlibVersion(), crc32(0, in, sizeof in), adler32(1, in, sizeof in));
  for (int level = 0; level <= 9; level++) {
    for (int strat = 0; strat <= 3; strat++) {
      z_stream s; memset(&s, 0, sizeof s);
      deflateInit2(&s, level, Z_DEFLATED, 15, 8, strat);
      s.next_in = in; s.avail_in = sizeof in; s.next_out = out; s.avail_out = sizeof out;
      deflate(&s, Z_FINISH); size_t n = s.total_out; deflateEnd(&s);
      z_stream d; memset(&d, 0, sizeof d); inflateInit(&d); d.next_in = out; d.avail_in = (uInt)n; d.next_out = back; d.avail_out = sizeof back;
      int ir = inflate(&d, Z_FINISH); size_t m = d.total_out; inflateEnd(&d);
      printf("deflate level %d strategy %d: %zu bytes crc %08lx, inflate %s\n", level, strat, n, crc32(0, out, (uInt)n),
             ir == Z_STREAM_END && m == sizeof in && !memcmp(back, in, m) ? "ok" : "FAILED");
    }
  }
  for (uint32_t preset = 0; preset <= 2; preset += 2) {
    size_t pos = 0;
    lzma_ret r = lzma_easy_buffer_encode(preset, LZMA_CHECK_CRC64, NULL, in, sizeof in, out, &pos, sizeof out);
    size_t ip = 0, op = 0; uint64_t limit = UINT64_MAX;
    lzma_ret d = lzma_stream_buffer_decode(&limit, 0, NULL, out, &ip, pos, back, &op, sizeof back);
    printf("xz preset %u: %d %zu bytes crc64 %016llx, decode %s\n", preset, r, pos, (unsigned long long)lzma_crc64(out, pos, 0),
           d == LZMA_OK && op == sizeof in && !memcmp(back, in, op) ? "ok" : "FAILED");
  }
  for (int blk = 1; blk <= 9; blk += 4) {
    unsigned int n = sizeof out, m = sizeof back;
    int r = BZ2_bzBuffToBuffCompress((char *)out, &n, (char *)in, sizeof in, blk, 0, 0);
    int d = BZ2_bzBuffToBuffDecompress((char *)back, &m, (char *)out, n, 0, 0);
    printf("bzip2 -%d: %d %u bytes crc %08lx, decode %s\n", blk, r, n, crc32(0, out, n), d == BZ_OK && m == sizeof in && !memcmp(back, in, m) ? "ok" : "FAILED");
  }
  return 0;
}
