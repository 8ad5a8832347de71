/* screen.S with -SS: the attribute bytes too, two hex digits a cell
 * (1Eh where the text was written, 07h where the screen was cleared).
 * @args -SS
 */
#include "screen.S"
