/* tiny: a small static program the bad-input tests damage in various
 * ways (truncated, another machine, headers past the end). */
int main(void) { return 0; }
