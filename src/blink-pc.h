/* blink-pc.h: blink's -r mode (blink-pc.c). */
#ifndef BLINK_BLINK_PC_H
#define BLINK_BLINK_PC_H

#include <stdint.h>

struct BlinkPcArgs {
  const char *image;
  int readonly;      /* -p */
  int print_screen;  /* -S: 1, -SS: 2 */
  int stats;         /* -Z */
  uint64_t time_limit; /* -T, ns (0: none) */
};

/* Boots the image and runs it headless; returns blink's exit status. */
int blink_pc(const struct BlinkPcArgs *a);

#endif
