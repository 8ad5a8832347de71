/* disk.c: the boot disk and the "blink disk controller".
 *
 * The controller is the PC's private interface to the image (the BIOS's
 * INT 13h programs it; man/blink.1 "THE PC" documents it):
 *   510h  drive number as INT 13h numbers it (00h, 01h, 80h, 81h)
 *   511h  write: command (1 read, 2 write, 3 verify, 4 identify);
 *         read: status, 0 or an INT 13h status code
 *   512h  word: sector count; after a command, the sectors done
 *   514h  dword: LBA bits 0-31;  518h dword: LBA bits 32-63
 *   51Ch  dword: physical address of the buffer (transfers go straight
 *         to RAM, like DMA)
 * Identify answers in the same registers: 514h/518h the size in sectors,
 * 512h the sector size, 51Ch the cylinders (word), 51Eh the heads and
 * 51Fh the sectors per track. Commands complete before the OUT that
 * starts them returns.
 *
 * Writes go through to the image file at once (pwrite), so a boot
 * sector's INT 13h write is in the file when blink exits. */
#include "pc/disk.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "pc/pc-private.h"

#define SECTOR 512u
#define PORT_BASE 0x510

/* INT 13h status codes (Ralf Brown's list, INT 13h AH=01h). */
enum {
  ST_OK = 0x00,
  ST_BAD_COMMAND = 0x01,
  ST_WRITE_PROTECTED = 0x03,
  ST_NOT_FOUND = 0x04,
  ST_NO_DRIVE = 0x80, /* timeout: nothing answers */
  ST_CONTROLLER = 0x20,
};

enum { CMD_READ = 1, CMD_WRITE = 2, CMD_VERIFY = 3, CMD_IDENTIFY = 4 };

struct Disk {
  struct Pc *pc;
  int fd;
  int readonly;
  int drive;            /* 00h or 80h */
  uint64_t size;        /* bytes in the file */
  uint64_t sectors;     /* what the drive says it holds */
  unsigned cyls, heads, spt;
  int floppy_type;
  uint8_t reg[16];      /* 510h-51Fh as last written (511h: command) */
  uint8_t status;
};

/* The PC floppy formats, by image size (IBM PC/AT, PS/2 references). */
static const struct {
  uint32_t kib;
  uint8_t cyls, heads, spt, type;
} floppies[] = {
    {160, 40, 1, 8, 1},   {180, 40, 1, 9, 1},   {320, 40, 2, 8, 1},
    {360, 40, 2, 9, 1},   {720, 80, 2, 9, 3},   {1200, 80, 2, 15, 2},
    {1440, 80, 2, 18, 4}, {2880, 80, 2, 36, 5},
};
#define NFLOPPIES (sizeof(floppies) / sizeof(floppies[0]))

/* A partition table worth the name: the signature, every boot flag 00h
 * or 80h, and at least one entry with a type and a size that starts
 * inside the image. */
static int valid_mbr(const uint8_t *s, uint64_t sectors) {
  if (s[510] != 0x55 || s[511] != 0xAA) return 0;
  int used = 0;
  for (int k = 0; k < 4; ++k) {
    const uint8_t *e = s + 446 + 16 * k;
    if (e[0] != 0x00 && e[0] != 0x80) return 0;
    uint32_t start = (uint32_t)e[8] | e[9] << 8 | e[10] << 16 |
                     (uint32_t)e[11] << 24;
    uint32_t len = (uint32_t)e[12] | e[13] << 8 | e[14] << 16 |
                   (uint32_t)e[15] << 24;
    if (!e[4]) continue;
    if (!len || !start || start >= sectors) return 0;
    used = 1;
  }
  return used;
}

static void set_floppy(struct Disk *d, int k) {
  d->drive = 0x00;
  d->cyls = floppies[k].cyls;
  d->heads = floppies[k].heads;
  d->spt = floppies[k].spt;
  d->floppy_type = floppies[k].type;
  d->sectors = (uint64_t)d->cyls * d->heads * d->spt;
}

/* Floppy by exact size; else a hard disk when the first sector has a
 * partition table; else the smallest floppy that holds the file (a
 * lone boot sector is a 160K floppy whose other sectors read as zeros);
 * bigger than any floppy, a hard disk without one. */
static void detect(struct Disk *d, const uint8_t *boot) {
  uint64_t secs = (d->size + SECTOR - 1) / SECTOR;
  for (size_t k = 0; k < NFLOPPIES; ++k)
    if (d->size == (uint64_t)floppies[k].kib * 1024) {
      set_floppy(d, (int)k);
      return;
    }
  if (!valid_mbr(boot, secs)) {
    for (size_t k = 0; k < NFLOPPIES; ++k)
      if (d->size <= (uint64_t)floppies[k].kib * 1024) {
        set_floppy(d, (int)k);
        return;
      }
  }
  /* A hard disk with the geometry BIOSes give to LBA-translated disks
   * of up to 504 MiB: 16 heads, 63 sectors a track. */
  d->drive = 0x80;
  d->heads = 16;
  d->spt = 63;
  uint64_t c = (secs + 16 * 63 - 1) / (16 * 63);
  d->cyls = c > 65535 ? 65535 : (unsigned)c;
  d->sectors = secs;
  d->floppy_type = 0;
}

struct Disk *disk_open(struct Pc *pc, const char *path, int readonly,
                       char *err, size_t errlen) {
  if (!path || !*path) {
    snprintf(err, errlen, "blink: -r needs a disk image");
    return NULL;
  }
  int fd = -1;
  if (!readonly) {
    fd = open(path, O_RDWR | O_CLOEXEC);
    /* A file we may not write (like shared test images) is a
     * write-protected disk, not an error. */
    if (fd < 0 && (errno == EACCES || errno == EROFS || errno == EPERM)) {
      readonly = 1;
      blog("%s: not writable; the disk is write-protected", path);
    } else if (fd < 0 && errno != EISDIR) {
      snprintf(err, errlen, "blink: %s: %s", path, strerror(errno));
      return NULL;
    }
  }
  if (fd < 0) fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    snprintf(err, errlen, "blink: %s: %s", path, strerror(errno));
    return NULL;
  }
  struct stat st;
  if (fstat(fd, &st)) {
    snprintf(err, errlen, "blink: %s: %s", path, strerror(errno));
    close(fd);
    return NULL;
  }
  if (S_ISDIR(st.st_mode)) {
    snprintf(err, errlen, "blink: %s: is a directory, not a disk image",
             path);
    close(fd);
    return NULL;
  }
  if (!S_ISREG(st.st_mode)) {
    snprintf(err, errlen, "blink: %s: not a regular file", path);
    close(fd);
    return NULL;
  }
  if (!st.st_size) {
    snprintf(err, errlen, "blink: %s: empty file, not a disk image", path);
    close(fd);
    return NULL;
  }
  uint8_t boot[SECTOR] = {0};
  ssize_t got = pread(fd, boot, SECTOR, 0);
  if (got < 0) {
    snprintf(err, errlen, "blink: %s: %s", path, strerror(errno));
    close(fd);
    return NULL;
  }
  struct Disk *d = calloc(1, sizeof(*d));
  if (!d) {
    snprintf(err, errlen, "blink: out of memory");
    close(fd);
    return NULL;
  }
  d->pc = pc;
  d->fd = fd;
  d->readonly = readonly;
  d->size = (uint64_t)st.st_size;
  detect(d, boot);
  blog("%s: %s %02Xh, %u/%u/%u, %llu sectors%s", path,
       d->drive ? "hard disk" : "floppy", d->drive, d->cyls, d->heads,
       d->spt, (unsigned long long)d->sectors,
       readonly ? ", write-protected" : "");
  return d;
}

void disk_close(struct Disk *d) {
  if (!d) return;
  close(d->fd);
  free(d);
}

int disk_drive(const struct Disk *d) { return d->drive; }
uint64_t disk_sectors(const struct Disk *d) { return d->sectors; }
int disk_readonly(const struct Disk *d) { return d->readonly; }
int disk_floppy_type(const struct Disk *d) { return d->floppy_type; }

void disk_geometry(const struct Disk *d, unsigned *cyls, unsigned *heads,
                   unsigned *spt) {
  *cyls = d->cyls;
  *heads = d->heads;
  *spt = d->spt;
}

/* One sector of the image; past the end of a short file, zeros. */
static int read_sector(struct Disk *d, uint64_t lba, uint8_t *buf) {
  memset(buf, 0, SECTOR);
  uint64_t off = lba * SECTOR;
  if (off >= d->size) return 0;
  size_t want = d->size - off < SECTOR ? (size_t)(d->size - off) : SECTOR;
  ssize_t got = pread(d->fd, buf, want, (off_t)off);
  return got == (ssize_t)want ? 0 : -1;
}

static uint32_t reg32(const struct Disk *d, int at) {
  return (uint32_t)d->reg[at] | (uint32_t)d->reg[at + 1] << 8 |
         (uint32_t)d->reg[at + 2] << 16 | (uint32_t)d->reg[at + 3] << 24;
}

static void put32(struct Disk *d, int at, uint32_t v) {
  for (int k = 0; k < 4; ++k) d->reg[at + k] = (uint8_t)(v >> (8 * k));
}

static void put16(struct Disk *d, int at, unsigned v) {
  d->reg[at] = (uint8_t)v;
  d->reg[at + 1] = (uint8_t)(v >> 8);
}

/* Read, write or verify count sectors from lba; stops at the first
 * sector it cannot do, with its status, leaving the count done. */
static uint8_t transfer(struct Disk *d, int cmd, uint64_t lba, unsigned count,
                        uint64_t buf, unsigned *done) {
  uint8_t sector[SECTOR];
  *done = 0;
  if (cmd == CMD_WRITE && d->readonly) return ST_WRITE_PROTECTED;
  for (unsigned k = 0; k < count; ++k, ++lba, buf += SECTOR) {
    if (lba >= d->sectors) return ST_NOT_FOUND;
    if (cmd == CMD_READ) {
      if (read_sector(d, lba, sector)) return ST_CONTROLLER;
      /* Into RAM only: a transfer into the ROM or the hole is lost, as
       * on a PC. */
      pc_dma_write(d->pc, buf & 0xffffffffu, sector, SECTOR);
    } else if (cmd == CMD_WRITE) {
      /* The image does not grow: a floppy's sectors past a short
       * file's end are not there to write. */
      if ((lba + 1) * SECTOR > d->size) return ST_NOT_FOUND;
      if (pc_dma_read(d->pc, buf & 0xffffffffu, sector, SECTOR))
        memset(sector, 0xff, SECTOR);
      if (pwrite(d->fd, sector, SECTOR, (off_t)(lba * SECTOR)) != SECTOR) {
        blog("disk write at sector %llu: %s", (unsigned long long)lba,
             strerror(errno));
        return ST_CONTROLLER;
      }
    }
    ++*done;
  }
  return ST_OK;
}

static void command(struct Disk *d, int cmd) {
  int drive = d->reg[0];
  unsigned done = 0;
  if (drive != d->drive) {
    d->status = ST_NO_DRIVE;
    put16(d, 2, 0);
    return;
  }
  switch (cmd) {
    case CMD_READ:
    case CMD_WRITE:
    case CMD_VERIFY: {
      uint64_t lba = reg32(d, 4) | (uint64_t)reg32(d, 8) << 32;
      unsigned count = d->reg[2] | d->reg[3] << 8;
      d->status = transfer(d, cmd, lba, count, reg32(d, 12), &done);
      put16(d, 2, done);
      break;
    }
    case CMD_IDENTIFY:
      put32(d, 4, (uint32_t)d->sectors);
      put32(d, 8, (uint32_t)(d->sectors >> 32));
      put16(d, 2, SECTOR);
      put16(d, 12, d->cyls);
      d->reg[14] = (uint8_t)d->heads;
      d->reg[15] = (uint8_t)d->spt;
      d->status = ST_OK;
      break;
    default:
      d->status = ST_BAD_COMMAND;
      break;
  }
}

static uint32_t disk_in(void *dev, uint16_t port, unsigned size) {
  struct Disk *d = dev;
  uint32_t v = 0;
  for (unsigned k = 0; k < size; ++k) {
    unsigned at = (unsigned)(port - PORT_BASE) + k;
    uint8_t b = at == 1 ? d->status : at < 16 ? d->reg[at] : 0xff;
    v |= (uint32_t)b << (8 * k);
  }
  return v;
}

static void disk_out(void *dev, uint16_t port, unsigned size, uint32_t v) {
  struct Disk *d = dev;
  int cmd = 0;
  for (unsigned k = 0; k < size; ++k) {
    unsigned at = (unsigned)(port - PORT_BASE) + k;
    if (at >= 16) break;
    d->reg[at] = (uint8_t)(v >> (8 * k));
    if (at == 1) cmd = d->reg[1] ? d->reg[1] : -1;
  }
  /* After every byte of the write is in, so that one word OUT can give
   * the drive and the command together. */
  if (cmd) command(d, cmd < 0 ? 0 : cmd);
}

void disk_ports(struct Disk *d) {
  pc_ports(d->pc, PORT_BASE, PORT_BASE + 15, disk_in, disk_out, d);
}
