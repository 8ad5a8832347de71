/* startup: does nothing; run many times, it measures start-up and exit
 * (loading the ELF, libc initialization, tear-down). */
int main(void) { return 0; }
