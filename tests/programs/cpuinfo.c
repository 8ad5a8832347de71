/* cpuinfo.c: /proc/cpuinfo agrees with the CPUID instruction: the
 * vendor_id line is CPUID.0's vendor string, and each flag below is in
 * the first "flags" line exactly when its CPUID bit is set. Under blink
 * both come from the VM (src/sys/proc-cpuinfo.c), natively from the host
 * CPU and kernel; the program prints the same lines either way. */
#include <cpuid.h>
#include <stdio.h>
#include <string.h>

struct Flag {
  const char *name;
  unsigned leaf;
  int reg; /* 0 eax 1 ebx 2 ecx 3 edx */
  int bit;
};

static const struct Flag flags[] = {
    {"fpu", 1, 3, 0},        {"tsc", 1, 3, 4},       {"cx8", 1, 3, 8},
    {"cmov", 1, 3, 15},      {"mmx", 1, 3, 23},      {"fxsr", 1, 3, 24},
    {"sse", 1, 3, 25},       {"sse2", 1, 3, 26},     {"pni", 1, 2, 0},
    {"ssse3", 1, 2, 9},      {"cx16", 1, 2, 13},     {"sse4_1", 1, 2, 19},
    {"sse4_2", 1, 2, 20},    {"popcnt", 1, 2, 23},   {"lm", 0x80000001, 3, 29},
    {"lahf_lm", 0x80000001, 2, 0}, {"bmi1", 7, 1, 3}, {"bmi2", 7, 1, 8},
    {"adx", 7, 1, 19},
};

static int has_word(const char *line, const char *w) {
  size_t n = strlen(w);
  for (const char *p = line; (p = strstr(p, w)); p += n)
    if ((p == line || p[-1] == ' ' || p[-1] == '\t') &&
        (p[n] == ' ' || p[n] == '\n' || !p[n]))
      return 1;
  return 0;
}

int main(void) {
  FILE *f = fopen("/proc/cpuinfo", "r");
  if (!f) {
    puts("no /proc/cpuinfo");
    return 1;
  }
  char line[8192], vendor_line[256] = "", flags_line[8192] = "";
  int processors = 0;
  while (fgets(line, sizeof(line), f)) {
    if (!strncmp(line, "processor", 9)) ++processors;
    if (!vendor_line[0] && !strncmp(line, "vendor_id", 9))
      snprintf(vendor_line, sizeof(vendor_line), "%s", line);
    if (!flags_line[0] && !strncmp(line, "flags", 5))
      snprintf(flags_line, sizeof(flags_line), "%s", line);
  }
  fclose(f);
  printf("has processors: %d\n", processors > 0);
  unsigned r[4];
  __cpuid(0, r[0], r[1], r[2], r[3]);
  char vendor[13];
  memcpy(vendor, &r[1], 4);
  memcpy(vendor + 4, &r[3], 4);
  memcpy(vendor + 8, &r[2], 4);
  vendor[12] = 0;
  printf("vendor_id matches cpuid: %d\n", strstr(vendor_line, vendor) != NULL);
  int bad = 0;
  for (size_t k = 0; k < sizeof(flags) / sizeof(flags[0]); ++k) {
    unsigned max = __get_cpuid_max(flags[k].leaf & 0x80000000, NULL);
    int set = 0;
    if (max >= flags[k].leaf) {
      __cpuid_count(flags[k].leaf, 0, r[0], r[1], r[2], r[3]);
      set = (r[flags[k].reg] >> flags[k].bit) & 1;
    }
    if (set != has_word(flags_line, flags[k].name)) {
      printf("flag %s: cpuid %d, /proc/cpuinfo %d\n", flags[k].name, set, !set);
      ++bad;
    }
  }
  printf("flags agree: %d\n", !bad);
  return 0;
}
