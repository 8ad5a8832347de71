/* sample.h: what sample.c uses of sample-util.c. */
int util_mix(int a, int b);
int checked_div(int a, int b);
