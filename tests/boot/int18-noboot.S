/* A disk without the boot signature (no 55h AAh at its end): INT 19h
 * says so and, with no hard disk either, INT 18h asks for a boot disk
 * and waits for a key (int18-noboot.keys: one), then tries again. The
 * run ends at its time limit (status 124). This code never runs.
 * @status 124
 * @limit 3
 */
#include "boot.h"
        START
        EXIT    5
        .org    512
