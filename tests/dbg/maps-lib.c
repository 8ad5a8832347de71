/* maps-lib.c: the shared object tests/dbg/test-maps maps into a guest
 * (built -shared -fPIC -g). Nothing calls it: its symbols and lines are
 * what the test looks up at the mapping's address. */
int maps_square(int x) {
  int y = x * x;
  return y;
}

int maps_cube(int x) {
  return maps_square(x) * x;
}
