/* cpuid.h: what the CPUID instruction reports about the virtual CPU.
 *
 * The feature bits live in one table in cpuid.c (one line, one comment
 * per bit) so that what we advertise and what the handlers implement are
 * decided in one place. */
#ifndef BLINK_VM_CPUID_H
#define BLINK_VM_CPUID_H

#include <stdint.h>

/* The optional features whose instructions check them: features[] in
 * cpuid.c advertises each with these values, and the handlers test the
 * same constants, so switching one off makes the VM act like a CPU
 * without it (lzcnt and tzcnt fall back to bsr and bsf, as F3 is
 * ignored there on older CPUs; the others are #UD). Compile-time
 * constants: no cost on the hot path. */
#define CPUID_HAS_POPCNT 1
#define CPUID_HAS_MOVBE 1
#define CPUID_HAS_CX16 1
#define CPUID_HAS_RDRAND 1
#define CPUID_HAS_RDSEED 1
#define CPUID_HAS_RDPID 1
#define CPUID_HAS_RDTSCP 1
#define CPUID_HAS_LAHF_LM 1
#define CPUID_HAS_ABM 1   /* lzcnt */
#define CPUID_HAS_BMI1 1  /* andn bextr blsi blsmsk blsr tzcnt */
#define CPUID_HAS_BMI2 1  /* bzhi mulx pdep pext rorx sarx shlx shrx */
#define CPUID_HAS_ADX 1   /* adcx adox */

/* Register indexes of the result. */
enum { CPUID_EAX = 0, CPUID_EBX = 1, CPUID_ECX = 2, CPUID_EDX = 3 };

/* The four registers CPUID returns for leaf (EAX) and subleaf (ECX).
 * Unknown leaves give zeros. */
void cpuid_query(uint32_t leaf, uint32_t subleaf, uint32_t out[4]);

/* Whether the feature bit `bit` of register `reg` (CPUID_E?X) of leaf
 * (subleaf 0) is advertised; for handlers whose validity depends on an
 * advertised feature (lahf in long mode, xgetbv ...). */
int cpuid_has(uint32_t leaf, int reg, int bit);

/* CPUID.1:EDX, which Linux passes to programs as AT_HWCAP. */
uint32_t cpuid_hwcap(void);

#endif
