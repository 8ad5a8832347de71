/* disk.h: the boot disk behind the "blink disk controller" (ports
 * 0x510-0x51F, man/blink.1 "THE PC"), which the BIOS's INT 13h drives. */
#ifndef BLINK_PC_DISK_H
#define BLINK_PC_DISK_H

#include <stddef.h>
#include <stdint.h>

struct Pc;
struct Disk;

/* Opens the image and decides what it is from its size and its first
 * sector: a floppy (by size; under 160 KiB the smallest geometry) or,
 * with a valid MBR partition table, hard disk 80h. NULL with one line in
 * err for a missing, unreadable, empty or non-regular file. A file that
 * cannot be opened for writing is used write-protected. */
struct Disk *disk_open(struct Pc *pc, const char *path, int readonly,
                       char *err, size_t errlen);
/* Claims the controller's ports (after the devices). */
void disk_ports(struct Disk *d);
void disk_close(struct Disk *d);

/* INT 13h's number for the drive (00h floppy, 80h hard disk), its
 * geometry and size in sectors, and whether writes are refused. */
int disk_drive(const struct Disk *d);
void disk_geometry(const struct Disk *d, unsigned *cyls, unsigned *heads,
                   unsigned *spt);
uint64_t disk_sectors(const struct Disk *d);
int disk_readonly(const struct Disk *d);
/* CMOS byte 10h's floppy type (1 360K, 2 1.2M, 3 720K, 4 1.44M, 5 2.88M;
 * 0 for sizes the AT had no type for). */
int disk_floppy_type(const struct Disk *d);

#endif
