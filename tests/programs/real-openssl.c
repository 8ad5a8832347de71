/* real-openssl: OpenSSL's libcrypto, statically linked: message digests,
 * ciphers with round trips (AES in several modes, ChaCha20-Poly1305,
 * Camellia, ARIA, SM4, 3DES), HMAC, bignum modular arithmetic and
 * elliptic-curve point multiplication. libcrypto picks its assembly by
 * CPUID (AES-NI, SHA, AVX2 natively; blink offers fewer), so the two
 * sides even run different code for the same answers.
 *@libs -lcrypto -lpthread -ldl
 */
#include <openssl/evp.h>
#include <openssl/bn.h>
#include <openssl/hmac.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>
#include <stdio.h>
#include <string.h>
static void hex(const char *t, const unsigned char *p, size_t n) { printf("%-24s ", t); for (size_t i = 0; i < n; i++) printf("%02x", p[i]); printf("\n"); }
int main(void) {
  static unsigned char data[16000];
  unsigned x = 1;
  for (size_t i = 0; i < sizeof data; i++) { x = x * 1103515245u + 12345u; data[i] = (unsigned char)(x >> 24); }
  const char *mds[] = {"MD5", "SHA1", "SHA224", "SHA256", "SHA384", "SHA512", "SHA512-256", "SHA3-256", "SHA3-512", "BLAKE2b512", "BLAKE2s256", "SM3", "RIPEMD160", "SHAKE128"};
  for (size_t m = 0; m < sizeof mds / sizeof *mds; m++) {
    EVP_MD *md = EVP_MD_fetch(NULL, mds[m], NULL);
    if (!md) { printf("%s: unavailable\n", mds[m]); continue; }
    unsigned char out[64]; unsigned len = 0;
    for (size_t n = 0; n <= sizeof data; n = n ? n * 7 : 1) {
      EVP_MD_CTX *c = EVP_MD_CTX_new();
      EVP_DigestInit_ex(c, md, NULL); EVP_DigestUpdate(c, data, n);
      if (EVP_MD_get_size(md) > 0) EVP_DigestFinal_ex(c, out, &len); else { EVP_DigestFinalXOF(c, out, 32); len = 32; }
      EVP_MD_CTX_free(c);
      char tag[64]; snprintf(tag, sizeof tag, "%s(%zu)", mds[m], n); hex(tag, out, len);
    }
    EVP_MD_free(md);
  }
  const char *ciphers[] = {"AES-128-CBC", "AES-256-CTR", "AES-128-GCM", "AES-256-GCM", "CHACHA20-POLY1305", "AES-192-OFB", "AES-128-XTS", "CAMELLIA-128-CBC", "ARIA-128-GCM", "SM4-CBC", "DES-EDE3-CBC"};
  unsigned char key[64], iv[16];
  for (int i = 0; i < 64; i++) key[i] = (unsigned char)(i * 7 + 1);
  for (int i = 0; i < 16; i++) iv[i] = (unsigned char)(i * 13);
  static unsigned char ct[16100], pt[16100];
  for (size_t c = 0; c < sizeof ciphers / sizeof *ciphers; c++) {
    EVP_CIPHER *ci = EVP_CIPHER_fetch(NULL, ciphers[c], NULL);
    if (!ci) { printf("%s: unavailable\n", ciphers[c]); continue; }
    EVP_CIPHER_CTX *e = EVP_CIPHER_CTX_new(); int l1 = 0, l2 = 0;
    EVP_EncryptInit_ex2(e, ci, key, iv, NULL);
    EVP_EncryptUpdate(e, ct, &l1, data, 15984); EVP_EncryptFinal_ex(e, ct + l1, &l2);
    unsigned char tag[16] = {0};
    if (EVP_CIPHER_get_mode(ci) == EVP_CIPH_GCM_MODE || EVP_CIPHER_get_nid(ci) == NID_chacha20_poly1305) EVP_CIPHER_CTX_ctrl(e, EVP_CTRL_AEAD_GET_TAG, 16, tag);
    EVP_CIPHER_CTX_free(e);
    unsigned char md[32]; unsigned ml; EVP_Digest(ct, (size_t)(l1 + l2), md, &ml, EVP_sha256(), NULL);
    char t[64]; snprintf(t, sizeof t, "%s ct sha256", ciphers[c]); hex(t, md, 16); snprintf(t, sizeof t, "%s tag", ciphers[c]); hex(t, tag, 16);
    e = EVP_CIPHER_CTX_new(); int d1 = 0, d2 = 0;
    EVP_DecryptInit_ex2(e, ci, key, iv, NULL); EVP_DecryptUpdate(e, pt, &d1, ct, l1 + l2);
    if (EVP_CIPHER_get_mode(ci) == EVP_CIPH_GCM_MODE || EVP_CIPHER_get_nid(ci) == NID_chacha20_poly1305) EVP_CIPHER_CTX_ctrl(e, EVP_CTRL_AEAD_SET_TAG, 16, tag);
    int ok = EVP_DecryptFinal_ex(e, pt + d1, &d2);
    printf("%s decrypt %s\n", ciphers[c], ok == 1 && d1 + d2 == 15984 && !memcmp(pt, data, 15984) ? "ok" : "FAILED");
    EVP_CIPHER_CTX_free(e); EVP_CIPHER_free(ci);
  }
  unsigned char mac[64]; unsigned ml;
  HMAC(EVP_sha256(), key, 32, data, 1000, mac, &ml); hex("HMAC-SHA256", mac, ml);
  HMAC(EVP_sha512(), key, 64, data, 5000, mac, &ml); hex("HMAC-SHA512", mac, ml);
  BN_CTX *bc = BN_CTX_new(); BIGNUM *a = BN_new(), *b = BN_new(), *m = BN_new(), *r = BN_new();
  BN_dec2bn(&a, "123456789012345678901234567890123456789012345678901234567890");
  BN_hex2bn(&m, "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381FFFFFFFFFFFFFFFF");
  BN_set_word(b, 65537);
  BN_mod_exp(r, a, m, m, bc); char *s = BN_bn2hex(r); printf("modexp %.64s...\n", s); OPENSSL_free(s);
  BN_mod_exp(r, a, b, m, bc); s = BN_bn2dec(r); printf("modexp65537 %.60s...\n", s); OPENSSL_free(s);
  BN_mod_inverse(r, a, m, bc); s = BN_bn2hex(r); printf("inverse %.64s\n", s); OPENSSL_free(s);
  BN_mul(r, a, a, bc); BN_mul(r, r, m, bc); s = BN_bn2dec(r); printf("product %s\n", s); OPENSSL_free(s);
  BN_div(r, b, m, a, bc); s = BN_bn2dec(r); char *s2 = BN_bn2dec(b); printf("div %s rem %s\n", s, s2); OPENSSL_free(s); OPENSSL_free(s2);
  BN_set_word(r, 1); BN_lshift(r, r, 127); BN_sub_word(r, 1);
  printf("prime(2^127-1) %d prime(a) %d\n", BN_check_prime(r, bc, NULL), BN_check_prime(a, bc, NULL));
  EC_GROUP *g = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1); EC_POINT *p = EC_POINT_new(g);
  BN_set_word(b, 0); BN_add_word(b, 0x1234567); BN_lshift(b, b, 200); BN_add_word(b, 99);
  EC_POINT_mul(g, p, b, NULL, NULL, bc);
  s = EC_POINT_point2hex(g, p, POINT_CONVERSION_UNCOMPRESSED, bc); printf("P-256 k*G %s\n", s); OPENSSL_free(s);
  EC_GROUP *g2 = EC_GROUP_new_by_curve_name(NID_secp384r1); EC_POINT *p2 = EC_POINT_new(g2);
  EC_POINT_mul(g2, p2, a, NULL, NULL, bc);
  s = EC_POINT_point2hex(g2, p2, POINT_CONVERSION_COMPRESSED, bc); printf("P-384 a*G %s\n", s); OPENSSL_free(s);
  return 0;
}
