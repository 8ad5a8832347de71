/* disk-ctl.S with -p: writes fail with 03h and the image file stays as
 * it was.
 * @args -p
 *
 * @after cmp -s "$IMG" "$ORIG"
 */
#include "disk-ctl.S"
