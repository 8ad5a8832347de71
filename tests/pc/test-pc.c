/* test-pc.c: the PC core (src/pc/pc.c, disk.c, pc-keys.c, pc-config.c)
 * through its own interfaces: the disk controller's answers for images
 * of every kind (the PC floppy formats by size, an MBR hard disk, odd
 * sizes), the memory map (pc_ram), unclaimed ports, the CMOS bytes the
 * BIOS reads (IBM PC/AT CMOS map), and the terminal's bytes and escape
 * sequences (xterm/VT220) as keys. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 /* posix_openpt, ptsname */
#endif
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "bare.h"
#include "machine.h"
#include "pc/bios-rom.h"
#include "pc/pc-private.h"
#include "pc/pc.h"
#include "../vm/check.h"

static char dir[] = "/tmp/test-pc-XXXXXX";

/* An image of size bytes; mbr: a valid partition table in sector 0. */
static const char *image(const char *name, uint64_t size, int mbr) {
  static char path[256];
  snprintf(path, sizeof(path), "%s/%s", dir, name);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  if (fd < 0 || ftruncate(fd, (off_t)size)) abort();
  uint8_t s[512] = {0};
  s[510] = 0x55;
  s[511] = 0xaa;
  if (mbr) {
    uint8_t *e = s + 446;
    e[0] = 0x80;
    e[4] = 0x06;           /* FAT16 */
    e[8] = 63;             /* starts at LBA 63 */
    e[12] = 100;           /* 100 sectors */
  }
  if (pwrite(fd, s, 512 < size ? 512 : size, 0) < 0) abort();
  close(fd);
  return path;
}

static struct Pc *boot(const char *path, int ro) {
  struct PcOptions o = {.image = path, .readonly = ro};
  char err[256];
  struct Pc *pc = pc_new(&o, err, sizeof(err));
  if (!pc) fprintf(stderr, "pc_new: %s\n", err);
  return pc;
}

static uint32_t in(struct Pc *pc, uint16_t port, unsigned size) {
  struct Machine *m = pc_machine(pc);
  return m->port_in(m->io, port, size);
}

static void out(struct Pc *pc, uint16_t port, unsigned size, uint32_t v) {
  struct Machine *m = pc_machine(pc);
  m->port_out(m->io, port, size, v);
}

struct Id {
  int status;
  uint64_t sectors;
  unsigned cyls, heads, spt, ssize;
};

static struct Id identify(struct Pc *pc, int drive) {
  struct Id id;
  out(pc, 0x510, 1, (uint32_t)drive);
  out(pc, 0x511, 1, 4);
  id.status = (int)in(pc, 0x511, 1);
  id.sectors = in(pc, 0x514, 4) | (uint64_t)in(pc, 0x518, 4) << 32;
  id.ssize = in(pc, 0x512, 2);
  id.cyls = in(pc, 0x51c, 2);
  id.heads = in(pc, 0x51e, 1);
  id.spt = in(pc, 0x51f, 1);
  return id;
}

static uint8_t cmos(struct Pc *pc, int index) {
  out(pc, 0x70, 1, (uint32_t)index);
  return (uint8_t)in(pc, 0x71, 1);
}

/* The PC floppy formats: the size says the geometry (and CMOS 10h's
 * type, IBM PC/AT: 1 360K, 2 1.2M, 3 720K, 4 1.44M, 5 2.88M). */
static void test_floppies(void) {
  static const struct {
    uint32_t kib;
    unsigned c, h, s, type;
  } f[] = {{160, 40, 1, 8, 1},   {180, 40, 1, 9, 1},   {320, 40, 2, 8, 1},
           {360, 40, 2, 9, 1},   {720, 80, 2, 9, 3},   {1200, 80, 2, 15, 2},
           {1440, 80, 2, 18, 4}, {2880, 80, 2, 36, 5}};
  for (size_t k = 0; k < sizeof(f) / sizeof(f[0]); ++k) {
    /* even with a partition table: the size wins */
    struct Pc *pc = boot(image("floppy.img", f[k].kib * 1024ull, k == 4), 0);
    CHECK(pc);
    if (!pc) continue;
    struct Id id = identify(pc, 0);
    CHECK(id.status == 0);
    CHECK(id.cyls == f[k].c && id.heads == f[k].h && id.spt == f[k].s);
    CHECK(id.sectors == (uint64_t)f[k].c * f[k].h * f[k].s);
    CHECK(id.sectors * 512 == f[k].kib * 1024ull);
    CHECK(id.ssize == 512);
    CHECK(identify(pc, 0x80).status == 0x80); /* no hard disk */
    CHECK(cmos(pc, 0x10) == f[k].type << 4);
    CHECK((cmos(pc, 0x14) & 0xC1) == 0x01); /* one diskette drive */
    pc_free(pc);
  }
}

static void test_odd_sizes(void) {
  /* A lone boot sector: the smallest floppy, 40/1/8. */
  struct Pc *pc = boot(image("sector.img", 512, 0), 0);
  struct Id id = identify(pc, 0);
  CHECK(id.status == 0 && id.cyls == 40 && id.heads == 1 && id.spt == 8);
  CHECK(id.sectors == 320);
  pc_free(pc);
  /* 200 KiB without a partition table: the 320K floppy holds it. */
  pc = boot(image("odd.img", 200 * 1024, 0), 0);
  id = identify(pc, 0);
  CHECK(id.status == 0 && id.cyls == 40 && id.heads == 2 && id.spt == 8);
  pc_free(pc);
  /* 1 MiB with a partition table: hard disk 80h, 16 x 63, ceil(2048 /
   * 1008) = 3 cylinders, 2048 sectors; no floppy. */
  pc = boot(image("hd.img", 1 << 20, 1), 0);
  id = identify(pc, 0x80);
  CHECK(id.status == 0 && id.heads == 16 && id.spt == 63 && id.cyls == 3);
  CHECK(id.sectors == 2048);
  CHECK(identify(pc, 0).status == 0x80);
  CHECK(cmos(pc, 0x10) == 0 && (cmos(pc, 0x14) & 0x01) == 0);
  CHECK(cmos(pc, 0x12) == 0xF0 && cmos(pc, 0x19) == 47);
  pc_free(pc);
  /* 4 MiB without one: bigger than any floppy, a hard disk. */
  pc = boot(image("big.img", 4 << 20, 0), 0);
  id = identify(pc, 0x80);
  CHECK(id.status == 0 && id.sectors == 8192 && id.cyls == 9);
  pc_free(pc);
  /* 55AA with an entry that starts past the end: not a partition table,
   * so a 64 KiB file is a floppy. */
  const char *p = image("bad-mbr.img", 64 * 1024, 1);
  int fd = open(p, O_RDWR);
  uint8_t far[4] = {0, 0, 0, 1}; /* LBA 16M */
  CHECK(pwrite(fd, far, 4, 446 + 8) == 4);
  close(fd);
  pc = boot(p, 0);
  CHECK(identify(pc, 0).status == 0 && identify(pc, 0x80).status == 0x80);
  pc_free(pc);
}

/* Reads and writes through the controller, at the edges. */
static void test_transfers(void) {
  const char *p = image("rw.img", 3 * 512, 0);
  struct Pc *pc = boot(p, 0);
  uint8_t *ram = pc_ram(pc, 0x8000, 1024);
  CHECK(ram != NULL);
  memset(ram, 0xA5, 1024);
  /* write 2 sectors at LBA 1 from 8000h */
  out(pc, 0x510, 1, 0);
  out(pc, 0x512, 2, 2);
  out(pc, 0x514, 4, 1);
  out(pc, 0x518, 4, 0);
  out(pc, 0x51c, 4, 0x8000);
  out(pc, 0x511, 1, 2);
  CHECK(in(pc, 0x511, 1) == 0 && in(pc, 0x512, 2) == 2);
  int fd = open(p, O_RDONLY);
  uint8_t b[1024];
  CHECK(pread(fd, b, 1024, 512) == 1024);
  CHECK(b[0] == 0xA5 && b[1023] == 0xA5);
  close(fd);
  /* A word OUT at 510h gives the drive and the command together. Read
   * LBA 2-3: sector 3 is past the 3-sector file but on the 160K floppy,
   * so it reads as zeros; from 319, sector 320 is past the disk: 04h
   * after one done. */
  memset(ram, 0, 1024);
  out(pc, 0x512, 2, 2);
  out(pc, 0x514, 4, 2);
  out(pc, 0x510, 2, 0x0100); /* drive 0, command 1 */
  CHECK(in(pc, 0x511, 1) == 0 && in(pc, 0x512, 2) == 2);
  CHECK(ram[0] == 0xA5 && ram[511] == 0xA5 && ram[512] == 0 && ram[1023] == 0);
  out(pc, 0x512, 2, 2);
  out(pc, 0x514, 4, 319);
  out(pc, 0x510, 2, 0x0100);
  CHECK(in(pc, 0x511, 1) == 0x04 && in(pc, 0x512, 2) == 1);
  /* a high LBA word past 32 bits */
  out(pc, 0x512, 2, 1);
  out(pc, 0x514, 4, 0);
  out(pc, 0x518, 4, 1);
  out(pc, 0x510, 2, 0x0300);
  CHECK(in(pc, 0x511, 1) == 0x04);
  out(pc, 0x518, 4, 0);
  /* a DMA into the option-ROM hole is lost, not an error */
  out(pc, 0x51c, 4, 0xC8000);
  out(pc, 0x510, 2, 0x0100);
  CHECK(in(pc, 0x511, 1) == 0);
  /* unknown command, and command 0 */
  out(pc, 0x511, 1, 0x77);
  CHECK(in(pc, 0x511, 1) == 0x01);
  out(pc, 0x511, 1, 0);
  CHECK(in(pc, 0x511, 1) == 0x01);
  pc_free(pc);
  /* read-only: 03h, nothing done, the file unchanged */
  pc = boot(p, 1);
  ram = pc_ram(pc, 0x8000, 512);
  memset(ram, 0x11, 512);
  out(pc, 0x512, 2, 1);
  out(pc, 0x514, 4, 1);
  out(pc, 0x51c, 4, 0x8000);
  out(pc, 0x510, 2, 0x0200);
  CHECK(in(pc, 0x511, 1) == 0x03 && in(pc, 0x512, 2) == 0);
  fd = open(p, O_RDONLY);
  CHECK(pread(fd, b, 1, 512) == 1 && b[0] == 0xA5);
  close(fd);
  pc_free(pc);
}

static void test_memory_map(void) {
  struct Pc *pc = boot(image("m.img", 512, 0), 0);
  CHECK(pc_ram(pc, 0, 0xA0000) != NULL);
  CHECK(pc_ram(pc, 0xB8000, 4000) != NULL);      /* video memory is RAM */
  CHECK(pc_ram(pc, 0xBFFFF, 2) == NULL);         /* into the hole */
  CHECK(pc_ram(pc, 0xC0000, 1) == NULL);
  CHECK(pc_ram(pc, 0xF0000, 1) == NULL);         /* ROM is not RAM */
  CHECK(pc_ram(pc, 0x100000, 15 << 20) != NULL);
  CHECK(pc_ram(pc, (16 << 20) - 1, 2) == NULL);  /* past the end */
  /* the ROM ends at FFFFFh, the reset vector's jump at FFFF0h */
  uint8_t *rom = vm_phys_host(pc_machine(pc), 0xF0000);
  size_t n = bios_rom_size();
  CHECK(rom != NULL);
  if (rom && n && n <= 0x10000)
    CHECK(!memcmp(rom + 0x10000 - n, bios_rom(), n));
  /* unclaimed ports read all ones */
  CHECK(in(pc, 0x2F0, 1) == 0xFF && in(pc, 0x2F0, 2) == 0xFFFF);
  /* CMOS: base memory 640 KiB, 15 MiB extended (IBM AT 15h-18h, 30h-31h) */
  CHECK((cmos(pc, 0x15) | cmos(pc, 0x16) << 8) == 640);
  CHECK((cmos(pc, 0x17) | cmos(pc, 0x18) << 8) == 15360);
  CHECK((cmos(pc, 0x30) | cmos(pc, 0x31) << 8) == 15360);
  CHECK(cmos(pc, 0x34) == 0 && cmos(pc, 0x35) == 0);
  unsigned sum = 0;
  for (int k = 0x10; k <= 0x2d; ++k) sum += cmos(pc, k);
  CHECK((unsigned)(cmos(pc, 0x2e) << 8 | cmos(pc, 0x2f)) == sum);
  pc_free(pc);
}

/* The terminal's bytes: stdin is a pipe here. */
static void test_keys(void) {
  int p[2];
  CHECK(pipe(p) == 0);
  int saved = dup(0);
  dup2(p[0], 0);
  close(p[0]);
  struct PcOptions o = {.image = image("k.img", 512, 0), .keys_stdin = 1};
  char err[256];
  struct Pc *pc = pc_new(&o, err, sizeof(err));
  static const char bytes[] =
      "aZ\n\r\x08\x7f\x03"          /* letters, Enter twice, BS, DEL, ^C */
      "\x1b[A\x1b[B\x1b[C\x1b[D"    /* arrows */
      "\x1bOH\x1b[F\x1b[1~\x1b[4~"  /* Home, End both ways */
      "\x1b[2~\x1b[3~\x1b[5~\x1b[6~" /* Ins Del PgUp PgDn */
      "\x1bOP\x1bOS\x1b[15~\x1b[17~\x1b[21~\x1b[24~" /* F1 F4 F5 F6 F10 F12 */
      "\x1b[[A"                     /* the Linux console's F1 */
      "\x1b[1;5A\x1b[3;2~"          /* ctrl+Up, shift+Del: no modifier */
      "\x1bx"                       /* Esc, then x */
      "\x1b[99~"                    /* unknown: nothing */
      "\x1b";                       /* a lone Esc at the end */
  static const int want[] = {
      'a', 'Z', '\r', '\r', 8, 127, 3,
      PCK_UP, PCK_DOWN, PCK_RIGHT, PCK_LEFT,
      PCK_HOME, PCK_END, PCK_HOME, PCK_END,
      PCK_INS, PCK_DEL, PCK_PGUP, PCK_PGDN,
      PCK_F1, PCK_F1 + 3, PCK_F1 + 4, PCK_F1 + 5, PCK_F1 + 9, PCK_F1 + 11,
      PCK_F1,
      PCK_UP, PCK_DEL,
      27, 'x',
      27};
  CHECK(write(p[1], bytes, sizeof(bytes) - 1) == sizeof(bytes) - 1);
  close(p[1]);
  /* read everything, then the end of input (the lone Esc goes out) */
  for (int k = 0; k < 4; ++k) pc_keys_read_stdin(pc, 0);
  unsigned n = pc->key_tail - pc->key_head;
  CHECK(n == sizeof(want) / sizeof(want[0]));
  for (unsigned k = 0; k < n && k < sizeof(want) / sizeof(want[0]); ++k) {
    if (pc->keyq[(pc->key_head + k) % PC_KEYQ] != want[k])
      fprintf(stderr, "key %u: %#x, want %#x\n", k,
              pc->keyq[(pc->key_head + k) % PC_KEYQ], want[k]);
    CHECK(pc->keyq[(pc->key_head + k) % PC_KEYQ] == want[k]);
  }
  CHECK(pc->stdin_fd == -1); /* the end of the keys */
  pc_free(pc);
  dup2(saved, 0);
  close(saved);
}

/* From a terminal, ESC and a character in one read are Alt and that
 * key (what xterm sends with "meta sends escape"); ESC [ A is still Up. */
static void test_tty_alt(void) {
  int master = posix_openpt(O_RDWR | O_NOCTTY);
  CHECK(master >= 0);
  if (master < 0) return;
  CHECK(grantpt(master) == 0 && unlockpt(master) == 0);
  int slave = open(ptsname(master), O_RDWR | O_NOCTTY);
  CHECK(slave >= 0);
  struct termios t;
  tcgetattr(slave, &t);
  cfmakeraw(&t);
  tcsetattr(slave, TCSANOW, &t);
  int saved = dup(0);
  dup2(slave, 0);
  close(slave);
  struct PcOptions o = {.image = image("t.img", 512, 0), .keys_stdin = 1};
  char err[256];
  struct Pc *pc = pc_new(&o, err, sizeof(err));
  CHECK(pc && pc->stdin_tty);
  static const char bytes[] = "\x1b" "f" "\x1b[A" "\x1b" "X" "q";
  CHECK(write(master, bytes, sizeof(bytes) - 1) == (ssize_t)sizeof(bytes) - 1);
  usleep(20000);
  pc_keys_read_stdin(pc, 0);
  static const int want[] = {PCK_ALT | 'f', PCK_UP, PCK_ALT | 'X', 'q'};
  unsigned n = pc->key_tail - pc->key_head;
  CHECK(n == 4);
  for (unsigned k = 0; k < n && k < 4; ++k)
    CHECK(pc->keyq[(pc->key_head + k) % PC_KEYQ] == want[k]);
  pc_free(pc);
  dup2(saved, 0);
  close(saved);
  close(master);
}

static void test_bad_images(void) {
  char err[256];
  struct PcOptions o = {0};
  char path[256];
  snprintf(path, sizeof(path), "%s/none.img", dir);
  o.image = path;
  CHECK(!pc_new(&o, err, sizeof(err)) && strstr(err, "none.img"));
  o.image = dir;
  CHECK(!pc_new(&o, err, sizeof(err)) && strstr(err, "directory"));
  o.image = image("empty.img", 0, 0);
  CHECK(!pc_new(&o, err, sizeof(err)) && strstr(err, "empty"));
  o.image = "/dev/null";
  CHECK(!pc_new(&o, err, sizeof(err)) && strstr(err, "not a regular file"));
  CHECK(!strchr(err, '\n'));
}

int main(void) {
  if (!mkdtemp(dir)) return 2;
  test_floppies();
  test_odd_sizes();
  test_transfers();
  test_memory_map();
  test_keys();
  test_tty_alt();
  test_bad_images();
  char cmd[300];
  snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
  if (system(cmd)) fprintf(stderr, "could not remove %s\n", dir);
  printf("test-pc: %d checks, %d failures\n", checks, failures);
  return failures != 0;
}
