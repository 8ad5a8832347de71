/* real-image: image codecs from the system's static libraries: JPEG
 * (libjpeg-turbo: its SSE2 or AVX2 DCT, color conversion and
 * upsampling, picked by CPUID; the integer paths give the same bits as
 * its C code) at several qualities, DCT methods, subsamplings and a
 * progressive scan, and PNG (libpng + zlib) with and without filters.
 * Prints sizes and hashes of the coded and decoded images.
 *@libs -ljpeg -lpng16 -lz -lm
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>
#include <png.h>
static unsigned long fnv(const unsigned char *p, size_t n) { unsigned long h = 1469598103934665603ul; for (size_t i = 0; i < n; i++) { h ^= p[i]; h *= 1099511628211ul; } return h; }
enum { W = 173, H = 131 };
static unsigned char img[W * H * 3];
static void jpeg_round(int quality, J_DCT_METHOD dct, int smooth, int subsample) {
  struct jpeg_compress_struct c; struct jpeg_error_mgr e; unsigned char *buf = NULL; unsigned long len = 0;
  c.err = jpeg_std_error(&e); jpeg_create_compress(&c); jpeg_mem_dest(&c, &buf, &len);
  c.image_width = W; c.image_height = H; c.input_components = 3; c.in_color_space = JCS_RGB;
  jpeg_set_defaults(&c); jpeg_set_quality(&c, quality, TRUE); c.dct_method = dct; c.smoothing_factor = smooth;
  if (!subsample) { c.comp_info[0].h_samp_factor = c.comp_info[0].v_samp_factor = 1; }
  if (quality > 90) jpeg_simple_progression(&c);
  jpeg_start_compress(&c, TRUE);
  while (c.next_scanline < H) { JSAMPROW row = img + c.next_scanline * W * 3; jpeg_write_scanlines(&c, &row, 1); }
  jpeg_finish_compress(&c); jpeg_destroy_compress(&c);
  struct jpeg_decompress_struct d; d.err = jpeg_std_error(&e); jpeg_create_decompress(&d); jpeg_mem_src(&d, buf, len);
  jpeg_read_header(&d, TRUE); d.dct_method = dct; d.do_fancy_upsampling = (boolean)(quality % 2);
  jpeg_start_decompress(&d);
  unsigned char *out = malloc((size_t)W * H * 3);
  while (d.output_scanline < d.output_height) { JSAMPROW row = out + d.output_scanline * W * 3; jpeg_read_scanlines(&d, &row, 1); }
  jpeg_finish_decompress(&d); jpeg_destroy_decompress(&d);
  long err = 0; for (size_t i = 0; i < (size_t)W * H * 3; i++) err += abs(out[i] - img[i]);
  printf("jpeg q%d dct %d smooth %d sub %d: %lu bytes %016lx, decoded %016lx, mean error %.4f\n", quality, (int)dct, smooth, subsample, len, fnv(buf, len), fnv(out, (size_t)W * H * 3), (double)err / (W * H * 3));
  free(out); free(buf);
}
static unsigned char pngbuf[1 << 20]; static size_t pnglen;
static void pw(png_structp p, png_bytep d, png_size_t n) { (void)p; memcpy(pngbuf + pnglen, d, n); pnglen += n; }
static void pf(png_structp p) { (void)p; }
int main(void) {
  for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) {
    unsigned char *p = img + (y * W + x) * 3;
    p[0] = (unsigned char)(x * 255 / W); p[1] = (unsigned char)((x * y) % 256); p[2] = (unsigned char)(((x - 80) * (x - 80) + (y - 60) * (y - 60)) < 1600 ? 250 : y * 2);
  }
  jpeg_round(75, JDCT_ISLOW, 0, 1); jpeg_round(95, JDCT_ISLOW, 0, 0); jpeg_round(50, JDCT_IFAST, 0, 1); jpeg_round(85, JDCT_IFAST, 30, 1); jpeg_round(10, JDCT_ISLOW, 0, 1);
  for (int filt = 0; filt < 2; filt++) {
    png_structp p = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL); png_infop info = png_create_info_struct(p);
    pnglen = 0; png_set_write_fn(p, NULL, pw, pf);
    png_set_IHDR(p, info, W, H, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_filter(p, 0, filt ? PNG_ALL_FILTERS : PNG_FILTER_NONE); png_set_compression_level(p, 9);
    png_write_info(p, info); for (int y = 0; y < H; y++) png_write_row(p, img + y * W * 3); png_write_end(p, info); png_destroy_write_struct(&p, &info);
    png_image im; memset(&im, 0, sizeof im); im.version = PNG_IMAGE_VERSION;
    png_image_begin_read_from_memory(&im, pngbuf, pnglen); im.format = PNG_FORMAT_RGB;
    unsigned char *back = malloc(PNG_IMAGE_SIZE(im)); png_image_finish_read(&im, NULL, back, 0, NULL);
    printf("png filters %d: %zu bytes %016lx, decoded %s\n", filt, pnglen, fnv(pngbuf, pnglen), memcmp(back, img, sizeof img) ? "DIFFERS" : "identical");
    free(back);
  }
  return 0;
}
