/* filemaps.c: which guest ranges map which file, for /proc/self/maps.
 *
 * Guest memory (memory.h) knows pages and protections only; Linux's maps
 * file also names each file mapping with its offset, device and inode.
 * The loader and mmap record them here; munmap, an anonymous mmap over a
 * range and mremap update them. A fixed table inside struct Sys (no
 * allocation, copied with it): past its size a mapping is shown without
 * a name, as anonymous memory is. Not on the hot path. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "sys.h"

/* Remove [va, end) from the table, trimming or splitting records. */
static void filemap_cut(struct Sys *s, uint64_t va, uint64_t end) {
  for (int k = 0; k < s->nfmaps;) {
    struct SysFileMap *f = &s->fmaps[k];
    if (f->end <= va || f->va >= end) {
      ++k;
      continue;
    }
    if (f->va < va && f->end > end) { /* split in two */
      if (s->nfmaps == SYS_MAX_FILEMAPS) {
        f->end = va;  /* no room: lose the upper part's name */
        ++k;
        continue;
      }
      struct SysFileMap hi = *f;
      hi.off += end - f->va;
      hi.va = end;
      f->end = va;
      s->fmaps[s->nfmaps++] = hi;
      ++k;
      continue;
    }
    if (f->va < va) {
      f->end = va;
      ++k;
    } else if (f->end > end) {
      f->off += end - f->va;
      f->va = end;
      ++k;
    } else {
      s->fmaps[k] = s->fmaps[--s->nfmaps];
    }
  }
}

static int filemap_path_index(struct Sys *s, const char *path) {
  for (int k = 0; k < s->nfpaths; ++k)
    if (!strcmp(s->fpaths[k], path)) return k;
  if (s->nfpaths == SYS_MAX_FILEPATHS || strlen(path) >= SYS_FILEPATH_MAX)
    return -1;
  strcpy(s->fpaths[s->nfpaths], path);
  return s->nfpaths++;
}

void sys_filemap_set(struct Sys *s, uint64_t va, uint64_t len, int fd,
                     uint64_t off, int shared) {
  if (!s || !len) return;
  filemap_cut(s, va, va + len);
  if (fd < 0 || s->nfmaps == SYS_MAX_FILEMAPS) return;
  struct stat st;
  char link[64], host[PATH_MAX], guest[PATH_MAX];
  if (fstat(fd, &st)) return;
  snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, host, sizeof(host) - 1);
  if (n <= 0) return;
  host[n] = 0;
  if (sys_guest_path(host, guest, sizeof(guest))) return;
  int pi = filemap_path_index(s, guest);
  if (pi < 0) return;
  struct SysFileMap *f = &s->fmaps[s->nfmaps++];
  f->va = va;
  f->end = va + len;
  f->off = off;
  f->ino = st.st_ino;
  f->dev_major = major(st.st_dev);
  f->dev_minor = minor(st.st_dev);
  f->path = (uint16_t)pi;
  f->shared = (uint8_t)!!shared;
}

void sys_filemap_moved(struct Sys *s, uint64_t old, uint64_t oldlen,
                       uint64_t va, uint64_t len) {
  if (!s) return;
  struct SysFileMap keep;
  int found = 0;
  for (int k = 0; k < s->nfmaps; ++k)
    if (s->fmaps[k].va <= old && s->fmaps[k].end > old) {
      keep = s->fmaps[k];
      keep.off += old - keep.va;
      found = 1;
    }
  if (va != old) filemap_cut(s, old, old + oldlen);
  filemap_cut(s, va, va + len);
  if (found && s->nfmaps < SYS_MAX_FILEMAPS) {
    keep.va = va;
    keep.end = va + len;
    s->fmaps[s->nfmaps++] = keep;
  }
}

const struct SysFileMap *sys_filemap_at(const struct Sys *s, uint64_t va,
                                        uint64_t *next) {
  const struct SysFileMap *hit = NULL;
  uint64_t nx = UINT64_MAX;
  for (int k = 0; s && k < s->nfmaps; ++k) {
    const struct SysFileMap *f = &s->fmaps[k];
    if (f->va <= va && va < f->end) hit = f;
    if (f->va > va && f->va < nx) nx = f->va;
    if (f->end > va && f->end < nx) nx = f->end;
  }
  *next = nx;
  return hit;
}
