/* proc-cpuinfo.c: /proc/cpuinfo as the guest must see it: built from the
 * VM's CPUID (cpuid_query), not the host's, so that a program reading the
 * flags line and one executing CPUID agree. One block per host CPU the
 * process may run on (guest threads are host threads). Flag names and
 * their order are Linux's (its capability words: 1.EDX, 80000001.EDX,
 * 1.ECX, 80000001.ECX, 7.EBX, 7.ECX, 7.EDX). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cpuid.h"
#include "sys.h"

struct FlagWord {
  uint32_t leaf;
  int reg;
  const char *names[32];
};

static const struct FlagWord words[] = {
    {1, CPUID_EDX,
     {"fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic",
      NULL, "sep", "mtrr", "pge", "mca", "cmov", "pat", "pse36", "pn",
      "clflush", NULL, "dts", "acpi", "mmx", "fxsr", "sse", "sse2", "ss",
      "ht", "tm", "ia64", "pbe"}},
    {0x80000001, CPUID_EDX,
     {[11] = "syscall", [19] = "mp", [20] = "nx", [22] = "mmxext",
      [25] = "fxsr_opt", [26] = "pdpe1gb", [27] = "rdtscp", [29] = "lm",
      [30] = "3dnowext", [31] = "3dnow"}},
    {1, CPUID_ECX,
     {"pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx", "est",
      "tm2", "ssse3", "cid", "sdbg", "fma", "cx16", "xtpr", "pdcm", NULL,
      "pcid", "dca", "sse4_1", "sse4_2", "x2apic", "movbe", "popcnt",
      "tsc_deadline_timer", "aes", "xsave", NULL, "avx", "f16c", "rdrand",
      "hypervisor"}},
    {0x80000001, CPUID_ECX,
     {"lahf_lm", "cmp_legacy", "svm", "extapic", "cr8_legacy", "abm", "sse4a",
      "misalignsse", "3dnowprefetch", "osvw", "ibs", "xop", "skinit", "wdt",
      NULL, "lwp", "fma4", "tce", NULL, "nodeid_msr", NULL, "tbm", "topoext",
      "perfctr_core", "perfctr_nb", NULL, "bpext", "ptsc", "perfctr_llc",
      "mwaitx"}},
    {7, CPUID_EBX,
     {"fsgsbase", "tsc_adjust", "sgx", "bmi1", "hle", "avx2", NULL, "smep",
      "bmi2", "erms", "invpcid", "rtm", "cqm", NULL, "mpx", "rdt_a",
      "avx512f", "avx512dq", "rdseed", "adx", "smap", "avx512ifma", NULL,
      "clflushopt", "clwb", "intel_pt", "avx512pf", "avx512er", "avx512cd",
      "sha_ni", "avx512bw", "avx512vl"}},
    {7, CPUID_ECX,
     {[1] = "avx512vbmi", [2] = "umip", [3] = "pku", [4] = "ospke",
      [5] = "waitpkg", [6] = "avx512_vbmi2", [8] = "gfni", [9] = "vaes",
      [10] = "vpclmulqdq", [11] = "avx512_vnni", [12] = "avx512_bitalg",
      [14] = "avx512_vpopcntdq", [16] = "la57", [22] = "rdpid",
      [25] = "cldemote", [27] = "movdiri", [28] = "movdir64b"}},
    {7, CPUID_EDX, {[4] = "fsrm", [14] = "serialize"}},
};

static void put_regs(char *out, const uint32_t r[4], const int order[4]) {
  for (int k = 0; k < 4; ++k) memcpy(out + 4 * k, &r[order[k]], 4);
}

int sys_cpuinfo_write(FILE *f) {
  uint32_t r[4];
  char vendor[13] = {0}, brand[49] = {0};
  cpuid_query(0, 0, r);
  static const int vorder[4] = {CPUID_EBX, CPUID_EDX, CPUID_ECX, CPUID_EAX};
  char tmp[16];
  put_regs(tmp, r, vorder);
  memcpy(vendor, tmp, 12);
  uint32_t maxleaf = r[CPUID_EAX];
  cpuid_query(0x80000000, 0, r);
  if (r[CPUID_EAX] >= 0x80000004) {
    static const int border[4] = {CPUID_EAX, CPUID_EBX, CPUID_ECX, CPUID_EDX};
    for (uint32_t k = 0; k < 3; ++k) {
      cpuid_query(0x80000002 + k, 0, r);
      put_regs(brand + 16 * k, r, border);
    }
  }
  char *b = brand;
  while (*b == ' ') ++b;
  cpuid_query(1, 0, r);
  uint32_t eax = r[CPUID_EAX];
  unsigned family = (eax >> 8) & 15, model = (eax >> 4) & 15;
  if (family == 15) family += (eax >> 20) & 255;
  if (family >= 6) model += ((eax >> 16) & 15) << 4;
  char flags[2048];
  size_t n = 0;
  flags[0] = 0;
  for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); ++w) {
    if (words[w].leaf < 0x80000000 && words[w].leaf > maxleaf) continue;
    cpuid_query(words[w].leaf, 0, r);
    for (int bit = 0; bit < 32; ++bit) {
      const char *name = words[w].names[bit];
      if (!name || !(r[words[w].reg] >> bit & 1)) continue;
      int k = snprintf(flags + n, sizeof(flags) - n, "%s%s", n ? " " : "", name);
      if (k > 0 && (size_t)k < sizeof(flags) - n) n += (size_t)k;
    }
  }
  cpu_set_t set;
  int ncpu = 1;
  if (!sched_getaffinity(0, sizeof(set), &set)) ncpu = CPU_COUNT(&set);
  long online = sysconf(_SC_NPROCESSORS_ONLN);
  if (online > ncpu) ncpu = (int)online;
  if (ncpu < 1) ncpu = 1;
  for (int cpu = 0; cpu < ncpu; ++cpu) {
    fprintf(f,
            "processor\t: %d\n"
            "vendor_id\t: %s\n"
            "cpu family\t: %u\n"
            "model\t\t: %u\n"
            "model name\t: %s\n"
            "stepping\t: %u\n"
            "physical id\t: 0\n"
            "siblings\t: %d\n"
            "core id\t\t: %d\n"
            "cpu cores\t: %d\n"
            "fpu\t\t: yes\n"
            "fpu_exception\t: yes\n"
            "cpuid level\t: %u\n"
            "wp\t\t: yes\n"
            "flags\t\t: %s\n"
            "clflush size\t: 64\n"
            "cache_alignment\t: 64\n"
            "address sizes\t: 48 bits physical, 48 bits virtual\n"
            "power management:\n\n",
            cpu, vendor, family, model, *b ? b : "unknown", eax & 15, ncpu,
            cpu, ncpu, maxleaf, flags);
  }
  return ferror(f) ? -1 : 0;
}
