/* dbg-dwarf.h: opening and closing libdwarf, for the files of src/dbg
 * that call it (include LIBDWARF_H first). The two libdwarf APIs differ
 * here; dbg-line.c holds both versions. */
#ifndef BLINK_DBG_DBG_DWARF_H
#define BLINK_DBG_DBG_DWARF_H

/* dwarf_init_path with a no-op error handler: libdwarf 20210528 aborts
 * the process when a call that got no error pointer fails and there is
 * no handler, so with this every call may pass NULL for its error. e
 * may be NULL. Returns DW_DLV_OK, DW_DLV_NO_ENTRY (no DWARF sections) or
 * DW_DLV_ERROR. */
int dbg_dw_open(const char *path, Dwarf_Debug *dbg, Dwarf_Error *e);
void dbg_dw_close(Dwarf_Debug dbg);

#endif
