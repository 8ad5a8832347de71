/* int13-rw.S with -p: the write fails with AH=03h (write protected),
 * CF set, and the image file stays as it was.
 * @args -p
 * @after cmp -s "$IMG" "$ORIG"
 */
#include "int13-rw.S"
