/* cp437.c: bytes as the glyphs of IBM code page 437 (the table is
 * src/pc/cp437.c, which the PC's screen text shares). */
#include "pc/pc.h"
#include "ui/ui.h"

wchar_t cp437_glyph(uint8_t b) { return (wchar_t)pc_cp437(b); }
