/* check.h: the counting CHECK that the C test programs share. Each
 * program reports `checks` and `failures` at its end; a failed check
 * prints its file, line and condition and the program goes on, so one
 * run shows every difference. */
#ifndef BLINK_TESTS_CHECK_H
#define BLINK_TESTS_CHECK_H

#include <stdio.h>

static int checks, failures;

#define CHECK(cond)                                                     \
  do {                                                                  \
    ++checks;                                                           \
    if (!(cond)) {                                                      \
      ++failures;                                                       \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
              #cond);                                                   \
    }                                                                   \
  } while (0)

#endif
