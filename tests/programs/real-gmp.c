/* real-gmp: GMP bignums (the system's static libgmp, hand-written mpn
 * assembly picked by CPUID): factorials, Fibonacci numbers, modular
 * powers, primality tests, roots, gcd, division, mpf square roots and
 * rationals.
 *@libs -lgmp
 */
#include <gmp.h>
#include <stdio.h>
#include <string.h>
int main(void) {
  mpz_t a, b, c, m; mpz_inits(a, b, c, m, NULL);
  mpz_fac_ui(a, 500); char *s = mpz_get_str(NULL, 10, a); size_t n = strlen(s);
  printf("500! has %zu digits: %.30s...%s\n", n, s, s + n - 30);
  mpz_fib_ui(b, 3000); s = mpz_get_str(NULL, 16, b); n = strlen(s); printf("fib(3000) hex %zu: %.30s...%s\n", n, s, s + n - 30);
  mpz_ui_pow_ui(m, 2, 607); mpz_sub_ui(m, m, 1); printf("2^607-1 probably prime: %d\n", mpz_probab_prime_p(m, 2));
  mpz_set_str(c, "123456789123456789123456789", 10); mpz_powm(c, c, a, m); s = mpz_get_str(NULL, 36, c); printf("powm base36 %.50s\n", s);
  mpz_sqrt(c, a); s = mpz_get_str(NULL, 10, c); printf("isqrt(500!) %.40s\n", s);
  mpz_gcd(c, a, b); printf("gcd(500!, fib) = "); mpz_out_str(stdout, 10, c); printf("\n");
  mpz_mul(c, a, b); mpz_tdiv_qr(a, b, c, m); printf("quotient bits %zu remainder bits %zu\n", mpz_sizeinbase(a, 2), mpz_sizeinbase(b, 2));
  mpz_nextprime(c, m); mpz_sub(c, c, m); printf("next prime after 2^607-1 is +"); mpz_out_str(stdout, 10, c); printf("\n");
  mpz_set_ui(a, 1); mpz_mul_2exp(a, a, 10000); mpz_sub_ui(a, a, 1); mpz_root(c, a, 7); printf("7th root bits %zu popcount %lu\n", mpz_sizeinbase(c, 2), (unsigned long)mpz_popcount(c));
  mpf_set_default_prec(600); mpf_t x, y; mpf_init(x); mpf_init(y); mpf_set_ui(x, 2); mpf_sqrt(y, x); gmp_printf("sqrt2 %.150Ff\n", y);
  mpq_t q; mpq_init(q); mpq_set_str(q, "355/113", 10); mpq_t q2; mpq_init(q2); mpq_set_str(q2, "-22/7", 10); mpq_add(q, q, q2); gmp_printf("355/113-22/7 = %Qd\n", q);
  return 0;
}
