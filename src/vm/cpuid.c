/* cpuid.c: the virtual CPU's identity and feature bits.
 *
 * Programs (glibc's ifunc resolvers above all) pick code paths from these
 * bits, so a bit may only be set when every instruction it promises is
 * implemented: advertising SSE4.2 without pcmpistri would send strlen into
 * #UD. Feature bits are all in features[] below; flip a line's `on` when
 * the instructions behind it land. Identity leaves follow the reference
 * README (GenuineIntel / GenuineBlink / host OS / host arch). */
#include "cpuid.h"

#include <string.h>

struct Feature {
  uint32_t leaf;
  uint8_t reg;  /* CPUID_E?X */
  uint8_t bit;
  uint8_t on;
};

/* Every feature bit the VM may advertise. Subleaf is always 0. */
static const struct Feature features[] = {
    /* Leaf 1, EDX: the x86-64 baseline, which every 64-bit program
     * assumes (and AT_HWCAP). */
    {1, CPUID_EDX, 0, 1},   /* FPU: x87 (ops-fpu) */
    {1, CPUID_EDX, 4, 1},   /* TSC: rdtsc */
    {1, CPUID_EDX, 8, 1},   /* CX8: cmpxchg8b */
    {1, CPUID_EDX, 15, 1},  /* CMOV: cmovcc (and fcmov) */
    {1, CPUID_EDX, 19, 1},  /* CLFSH: clflush (0F AE /7) */
    {1, CPUID_EDX, 23, 1},  /* MMX */
    {1, CPUID_EDX, 24, 1},  /* FXSR: fxsave/fxrstor */
    {1, CPUID_EDX, 25, 1},  /* SSE */
    {1, CPUID_EDX, 26, 1},  /* SSE2 */
    /* Leaf 1, ECX. */
    {1, CPUID_ECX, 0, 1},   /* SSE3: addsubp?, hadd/hsub, movddup, movs?dup,
                              lddqu, fisttp (monitor/mwait: bit 3, off) */
    {1, CPUID_ECX, 1, 1},   /* PCLMULQDQ */
    {1, CPUID_ECX, 9, 1},   /* SSSE3: pshufb, palignr, pabs, phadd/phsub,
                              psign, pmaddubsw, pmulhrsw (MMX and XMM) */
    {1, CPUID_ECX, 13, CPUID_HAS_CX16},  /* CX16: cmpxchg16b */
    {1, CPUID_ECX, 19, 1},  /* SSE4.1: blends, ptest, pmovsx/zx, pmin/pmax,
                              pmulld, insert/extract, round, dpp, mpsadbw */
    {1, CPUID_ECX, 20, 1},  /* SSE4.2: crc32, pcmpgtq, pcmp[ei]str[im] */
    {1, CPUID_ECX, 22, CPUID_HAS_MOVBE},  /* MOVBE */
    {1, CPUID_ECX, 23, CPUID_HAS_POPCNT},  /* POPCNT (ops-alu) */
    {1, CPUID_ECX, 30, CPUID_HAS_RDRAND},  /* RDRAND */
    {1, CPUID_ECX, 31, 1},  /* hypervisor present: we are a VM */
    /* Leaf 7 subleaf 0, EBX. */
    {7, CPUID_EBX, 3, CPUID_HAS_BMI1},   /* BMI1: andn bextr blsi blsmsk blsr tzcnt */
    {7, CPUID_EBX, 8, CPUID_HAS_BMI2},   /* BMI2: bzhi mulx pdep pext rorx sarx shlx shrx */
    {7, CPUID_EBX, 9, 1},   /* ERMS: rep movsb/stosb are fast (ops-string
                               copies whole pages), so glibc uses them */
    {7, CPUID_EBX, 18, CPUID_HAS_RDSEED},  /* RDSEED */
    {7, CPUID_EBX, 19, CPUID_HAS_ADX},  /* ADX: adcx adox */
    /* Leaf 7 subleaf 0, ECX. */
    {7, CPUID_ECX, 22, CPUID_HAS_RDPID},  /* RDPID */
    /* Leaf 0x80000001, ECX. */
    {0x80000001, CPUID_ECX, 0, CPUID_HAS_LAHF_LM},   /* LAHF-SAHF in 64-bit mode */
    {0x80000001, CPUID_ECX, 5, CPUID_HAS_ABM},   /* ABM: lzcnt (F3 0F BD, ops-bit) */
    {0x80000001, CPUID_ECX, 8, 1},   /* PREFETCHW (0F 0D, a nop here) */
    {0x80000001, CPUID_ECX, 31, 0},  /* Blink: JIT enabled (we have none) */
    /* Leaf 0x80000001, EDX. */
    {0x80000001, CPUID_EDX, 11, 1},  /* SYSCALL/SYSRET */
    {0x80000001, CPUID_EDX, 20, 1},  /* NX: pages without PROT_EXEC fault */
    {0x80000001, CPUID_EDX, 27, CPUID_HAS_RDTSCP},  /* RDTSCP */
    {0x80000001, CPUID_EDX, 29, 1},  /* LM: long mode */
};

/* Twelve bytes of a vendor-style string into three registers. */
static void put12(uint32_t *a, uint32_t *b, uint32_t *c, const char *s) {
  char buf[12] = {0};
  memcpy(buf, s, strnlen(s, 12));
  memcpy(a, buf, 4);
  memcpy(b, buf + 4, 4);
  memcpy(c, buf + 8, 4);
}

static const char *host_os(void) {
#if defined(__linux__)
  return "Linux";
#elif defined(__APPLE__)
  return "XNU";
#elif defined(__FreeBSD__)
  return "FreeBSD";
#elif defined(__NetBSD__)
  return "NetBSD";
#elif defined(__OpenBSD__)
  return "OpenBSD";
#elif defined(__CYGWIN__)
  return "Cygwin";
#else
  return "Unknown";
#endif
}

static const char *host_arch(void) {
#if defined(__x86_64__)
  return "x86_64";
#elif defined(__i386__)
  return "i386";
#elif defined(__aarch64__)
  return "aarch64";
#elif defined(__arm__)
  return "arm";
#elif defined(__powerpc64__) && defined(__LITTLE_ENDIAN__)
  return "ppc64le";
#elif defined(__powerpc64__)
  return "ppc64";
#elif defined(__powerpc__)
  return "ppc";
#elif defined(__s390x__)
  return "s390x";
#elif defined(__riscv) && __riscv_xlen == 64
  return "riscv64";
#elif defined(__riscv)
  return "riscv32";
#else
  return "Unknown";
#endif
}

/* Leaf 4, deterministic cache parameters. glibc sizes its memcpy and
 * memset strategies from these: with no cache information it would treat
 * every copy above a few KiB as "larger than the cache" and use its
 * non-temporal SSE loop, sixteen bytes an instruction, where rep movsb
 * copies a page per instruction here. A large last-level cache keeps
 * big copies on rep movsb. */
struct Cache {
  uint8_t type;  /* 1 data, 2 instruction, 3 unified */
  uint8_t level;
  uint16_t ways;
  uint32_t size;  /* bytes; 64-byte lines, one partition */
  uint8_t inclusive;
};

static const struct Cache caches[] = {
    {1, 1, 8, 32 << 10, 0},    /* L1d 32 KiB */
    {2, 1, 8, 32 << 10, 0},    /* L1i 32 KiB */
    {3, 2, 16, 1 << 20, 0},    /* L2 1 MiB */
    {3, 3, 16, 32 << 20, 1},   /* L3 32 MiB, inclusive */
};

static void cache_leaf(uint32_t subleaf, uint32_t out[4]) {
  if (subleaf >= sizeof(caches) / sizeof(caches[0])) return; /* type 0: end */
  const struct Cache *c = &caches[subleaf];
  /* One core with one thread shares each cache (bits 25:14, 31:26 = 0). */
  out[CPUID_EAX] = c->type | (uint32_t)c->level << 5 | 1u << 8; /* self-init */
  out[CPUID_EBX] = 63u | 0u << 12 | (uint32_t)(c->ways - 1) << 22;
  out[CPUID_ECX] = c->size / (64u * c->ways) - 1; /* sets - 1 */
  out[CPUID_EDX] = c->inclusive ? 2u : 0u;
}

static const char brand[48] = "Blink Virtual Machine";

void cpuid_query(uint32_t leaf, uint32_t subleaf, uint32_t out[4]) {
  memset(out, 0, 4 * sizeof(uint32_t));
  switch (leaf) {
    case 0:
      out[CPUID_EAX] = 7; /* highest basic leaf */
      /* "GenuineIntel" is EBX, EDX, ECX in that order. */
      put12(&out[CPUID_EBX], &out[CPUID_EDX], &out[CPUID_ECX], "GenuineIntel");
      return;
    case 1:
      /* Family 6, model 0x2c (a Westmere-class Core): glibc then treats
       * unaligned loads and rep strings as fast, which they are here. */
      out[CPUID_EAX] = 0x000206c2;
      /* CLFLUSH line 8 quadwords, one logical processor, APIC id 0. */
      out[CPUID_EBX] = 0x00010800;
      break;
    case 2:
      /* One round; descriptor FFh: "no descriptors, see leaf 4". */
      out[CPUID_EAX] = 0x0000ff01;
      return;
    case 4:
      cache_leaf(subleaf, out);
      return;
    case 7:
      if (subleaf != 0) return;
      out[CPUID_EAX] = 0; /* highest subleaf */
      break;
    case 0x40000000:
      out[CPUID_EAX] = 0x40000000;
      put12(&out[CPUID_EBX], &out[CPUID_ECX], &out[CPUID_EDX], "GenuineBlink");
      return;
    case 0x40031337:
      put12(&out[CPUID_EBX], &out[CPUID_ECX], &out[CPUID_EDX], host_os());
      return;
    case 0x40031338:
      put12(&out[CPUID_EBX], &out[CPUID_ECX], &out[CPUID_EDX], host_arch());
      return;
    case 0x80000000:
      out[CPUID_EAX] = 0x80000004; /* highest extended leaf */
      put12(&out[CPUID_EBX], &out[CPUID_EDX], &out[CPUID_ECX], "GenuineIntel");
      return;
    case 0x80000001:
      break;
    case 0x80000002:
    case 0x80000003:
    case 0x80000004:
      memcpy(out, brand + (leaf - 0x80000002) * 16, 16);
      return;
    default:
      return;
  }
  for (size_t k = 0; k < sizeof(features) / sizeof(features[0]); ++k)
    if (features[k].leaf == leaf && features[k].on)
      out[features[k].reg] |= 1u << features[k].bit;
}

int cpuid_has(uint32_t leaf, int reg, int bit) {
  uint32_t r[4];
  cpuid_query(leaf, 0, r);
  return (r[reg] >> bit) & 1;
}

uint32_t cpuid_hwcap(void) {
  uint32_t r[4];
  cpuid_query(1, 0, r);
  return r[CPUID_EDX];
}
