/* syscall-mem.c: the guest's address space: mmap family, brk.
 *
 * All of it is guest memory (memory.h), never host mappings the guest
 * could name directly. Private file mappings are copies; MAP_SHARED maps
 * the host's shared memory (mem_map_shared) when the descriptor is open
 * for reading and writing, a private copy when it is read-only (nobody
 * can tell unless another process writes the file meanwhile). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "log.h"
#include "machine.h"
#include "memory.h"
#include "sys.h"
#include "syscall-defs.h"
#include "vm/debug.h"

#define USER_LIMIT 0x800000000000ull  /* end of the x86-64 user half */
#define MIN_ADDR 0x10000ull           /* Linux's default mmap_min_addr */

static uint64_t page_up(uint64_t x) { return (x + PAGE_MASK) & ~PAGE_MASK; }

/* Is [va, va+len) wholly unmapped? */
static int range_free(struct Machine *m, uint64_t va, uint64_t len) {
  return va >= MIN_ADDR && va + len > va && va + len <= USER_LIMIT &&
         mem_find(m, va, len) == va;
}

/* A free range for a mapping without a usable hint. */
static uint64_t pick_addr(struct Machine *m, uint64_t len) {
  uint64_t base = m->sys ? m->sys->mmap_base : 0x7f0000000000ull;
  uint64_t va = mem_find(m, base, len);
  if (va && va + len <= USER_LIMIT) return va;
  va = mem_find(m, MIN_ADDR, len);  /* the high area is full: look low */
  if (va && va + len <= USER_LIMIT) return va;
  return 0;
}

int64_t sys_mmap(struct Machine *m, uint64_t a[6]) {
  uint64_t addr = a[0], len = a[1];
  int prot = (int)a[2], flags = (int)a[3], fd = (int)a[4];
  int64_t off = (int64_t)a[5];
  int type = flags & L_MAP_TYPE;
  int anon = !!(flags & L_MAP_ANONYMOUS);
  int shared = 0;
  if (!len) return -L_EINVAL;
  if (type != L_MAP_SHARED && type != L_MAP_PRIVATE &&
      type != L_MAP_SHARED_VALIDATE)
    return -L_EINVAL;
  if (off & (int64_t)PAGE_MASK) return -L_EINVAL;
  /* Flags whose effect blink does not give: MAP_GROWSDOWN (no growth),
   * MAP_HUGETLB (and its size bits), MAP_SYNC; unknown bits (Linux
   * ignores them except with MAP_SHARED_VALIDATE). MAP_LOCKED,
   * MAP_POPULATE, MAP_NORESERVE, MAP_NONBLOCK, MAP_STACK, MAP_DENYWRITE
   * and MAP_EXECUTABLE change nothing a program can see. */
  uint32_t odd = (uint32_t)flags & ~(uint32_t)(L_MAP_TYPE | L_MAP_FIXED |
      L_MAP_ANONYMOUS | 0x40 | 0x800 | 0x1000 | 0x2000 | 0x4000 | 0x8000 |
      0x10000 | 0x20000 | L_MAP_FIXED_NOREPLACE);
  if (odd) {
    if (type == L_MAP_SHARED_VALIDATE && (odd & ~(0x100u | 0x40000u | 0xfc000000u)))
      return sys_unsupported("mmap", "flags", odd, L_EOPNOTSUPP, NULL);
    sys_unsupported("mmap", "flags", odd, 0, NULL);
  }
  uint64_t rlen = page_up(len);
  if (rlen < len || rlen > USER_LIMIT) return -L_ENOMEM;
  prot &= L_PROT_READ | L_PROT_WRITE | L_PROT_EXEC;

  if (!anon) {
    if (sys_fd_reserved(fd)) return -L_EBADF;
    struct stat st;
    if (fstat(fd, &st)) return -L_EBADF;
    int fl = fcntl(fd, F_GETFL);
    if ((fl & O_ACCMODE) == O_WRONLY) return -L_EACCES;
    if (S_ISCHR(st.st_mode) && major(st.st_rdev) == 1 && minor(st.st_rdev) == 5) {
      anon = 1;  /* /dev/zero: a mapping of it is anonymous memory */
      shared = type != L_MAP_PRIVATE;
    } else if (!S_ISREG(st.st_mode)) {
      return -L_ENODEV;
    } else if (type != L_MAP_PRIVATE) {
      if ((prot & L_PROT_WRITE) && (fl & O_ACCMODE) != O_RDWR) return -L_EACCES;
      /* A descriptor open for writing gets the host's shared mapping
       * (mem_map_shared). A read-only one cannot be mapped writable on
       * the host, which the emulator's own writes (breakpoints, the
       * history) need: it gets a private copy, which nobody can tell
       * apart unless someone else writes the file meanwhile. */
      if ((fl & O_ACCMODE) == O_RDWR) shared = 1;
      else
        blog_once("mmap shared ro",
                  "mmap: MAP_SHARED of a read-only descriptor mapped as a "
                  "private copy");
    }
  } else if (type != L_MAP_PRIVATE) {
    shared = 1;  /* shared anonymous memory: shared with forked children */
  }

  uint64_t va = 0;
  if (flags & (L_MAP_FIXED | L_MAP_FIXED_NOREPLACE)) {
    if (addr & PAGE_MASK) return -L_EINVAL;
    if (addr < MIN_ADDR) return -L_EPERM;
    if (addr + rlen < addr || addr + rlen > USER_LIMIT) return -L_ENOMEM;
    if ((flags & L_MAP_FIXED_NOREPLACE) && !range_free(m, addr, rlen))
      return -L_EEXIST;
    va = addr;
  } else {
    uint64_t hint = addr & ~PAGE_MASK;
    if (flags & 0x40) {  /* MAP_32BIT: Linux uses [1 GiB, 2 GiB) */
      va = mem_find(m, hint >= 0x40000000 ? hint : 0x40000000, rlen);
      if (va && va + rlen > 0x80000000) va = mem_find(m, 0x40000000, rlen);
      if (va && va + rlen > 0x80000000) va = 0;
    } else if (hint && range_free(m, hint, rlen)) {
      va = hint;
    } else {
      va = pick_addr(m, rlen);
    }
    if (!va) return -L_ENOMEM;
  }
  int rc = shared ? mem_map_shared(m, va, rlen, prot, anon ? -1 : fd, anon ? 0 : off)
                  : mem_map(m, va, rlen, prot, anon ? -1 : fd, anon ? 0 : off);
  if (rc < 0) return rc;
  sys_filemap_set(m->sys, va, rlen, anon ? -1 : fd, (uint64_t)off,
                  type != L_MAP_PRIVATE);
  if (!anon) sys_map_notify(m, fd, va, rlen, (uint64_t)off, prot);
  return (int64_t)va;
}

void sys_map_notify(struct Machine *m, int fd, uint64_t va, uint64_t len,
                    uint64_t off, int prot) {
  struct Sys *s = m->sys;
  if (!s || !s->map_hook) return;
  if (fd < 0) {
    if (!prot) s->map_hook(s->map_hook_ctx, NULL, va, len, 0, 0);
    return;
  }
  if (!(prot & L_PROT_EXEC)) return;
  char link[64], path[PATH_MAX];
  snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, path, sizeof(path) - 1);
  if (n <= 0) return;
  path[n] = 0;
  s->map_hook(s->map_hook_ctx, path, va, len, off,
              VM_PROT_EXEC | ((prot & L_PROT_READ) ? VM_PROT_READ : 0) |
                  ((prot & L_PROT_WRITE) ? VM_PROT_WRITE : 0));
}

void vm_set_map_hook(struct Machine *m, VmMapHook fn, void *ctx) {
  struct Sys *s = m->sys;
  if (!s) return;
  s->map_hook = fn;
  s->map_hook_ctx = ctx;
  /* The hook opens the file: give it the host's name (overlays.c). */
  char exe[PATH_MAX];
  if (sys_host_path(s->exe, exe, sizeof(exe))) return;
  for (int i = 0; fn && i < s->n_exe_maps; ++i)
    fn(ctx, s->exe_maps[i].interp ? s->interp : exe, s->exe_maps[i].va,
       s->exe_maps[i].len, s->exe_maps[i].off, VM_PROT_READ | VM_PROT_EXEC);
}

int64_t sys_munmap(struct Machine *m, uint64_t a[6]) {
  uint64_t va = a[0], len = a[1];
  if ((va & PAGE_MASK) || !len) return -L_EINVAL;
  uint64_t rlen = page_up(len);
  if (rlen < len || va + rlen < va || va + rlen > USER_LIMIT) return -L_EINVAL;
  int rc = mem_unmap(m, va, rlen);
  if (!rc) sys_map_notify(m, -1, va, rlen, 0, 0);
  if (!rc) sys_filemap_set(m->sys, va, rlen, -1, 0, 0);
  return rc;
}

int64_t sys_mprotect(struct Machine *m, uint64_t a[6]) {
  uint64_t va = a[0], len = a[1];
  int prot = (int)a[2];
  /* PROT_GROWSDOWN/GROWSUP are accepted and ignored. */
  if (prot & ~(L_PROT_READ | L_PROT_WRITE | L_PROT_EXEC | 0x03000000))
    return -L_EINVAL;
  if (va & PAGE_MASK) return -L_EINVAL;
  if (!len) return 0;
  uint64_t rlen = page_up(len);
  if (rlen < len || va + rlen < va || va + rlen > USER_LIMIT) return -L_ENOMEM;
  return mem_protect(m, va, rlen, prot & 7);
}

/* Linux resizes one VMA. We have no VMAs, so a run of mapped pages with
 * one protection stands in for one: the old range must lie in such a
 * run (else EFAULT), and grows in place only from the run's end. */
static int same_run(struct Machine *m, uint64_t va, uint64_t len, int *prot) {
  int p;
  uint64_t end = mem_run_end(m, va, &p);
  if (!end || end < va + len) return 0;
  *prot = p;
  return 1;
}

/* mem_grow_shared_file, or -ENOMEM with a log line when it cannot be
 * done (len 0: a range that mixes shared file pages with others). */
static int grow_shared_file(struct Machine *m, uint64_t old, uint64_t oldlen,
                            uint64_t to, uint64_t newlen) {
  int rc = oldlen ? mem_grow_shared_file(m, old, oldlen, to, newlen) : -L_ENOMEM;
  if (rc < 0)
    blog_once("mremap shared file",
              "mremap: this shared file mapping cannot grow (not one host "
              "mapping, or mixed with other pages): -ENOMEM");
  return rc;
}

static int64_t do_mremap(struct Machine *m, uint64_t a[6]);

/* The names /proc/self/maps shows follow a mapping that moves. */
int64_t sys_mremap(struct Machine *m, uint64_t a[6]) {
  int64_t r = do_mremap(m, a);
  if (r >= 0)
    sys_filemap_moved(m->sys, a[0], page_up(a[1]), (uint64_t)r, page_up(a[2]));
  return r;
}

static int64_t do_mremap(struct Machine *m, uint64_t a[6]) {
  uint64_t old = a[0], oldlen = page_up(a[1]), newlen = page_up(a[2]);
  int flags = (int)a[3];
  uint64_t want = a[4];
  int prot;
  if (flags & ~(L_MREMAP_MAYMOVE | L_MREMAP_FIXED | L_MREMAP_DONTUNMAP))
    return -L_EINVAL;
  if ((flags & L_MREMAP_FIXED) && !(flags & L_MREMAP_MAYMOVE)) return -L_EINVAL;
  if ((flags & L_MREMAP_DONTUNMAP) &&
      (!(flags & L_MREMAP_MAYMOVE) || a[1] != a[2]))
    return -L_EINVAL;
  if (old & PAGE_MASK) return -L_EINVAL;
  if (oldlen < a[1] || newlen < a[2]) return -L_EINVAL;
  if (!newlen) return -L_EINVAL;
  if (old + oldlen < old || old + oldlen > USER_LIMIT) return -L_EFAULT;
  /* Linux looks up the VMA at old before anything else. */
  if (mem_prot(m, old) < 0) return -L_EFAULT;
  if (flags & L_MREMAP_DONTUNMAP) {
    blog_once("mremap dontunmap", "mremap: MREMAP_DONTUNMAP is not supported");
    return -L_EINVAL;
  }
  if (flags & L_MREMAP_FIXED) {
    if (want & PAGE_MASK) return -L_EINVAL;
    if (want + newlen < want || want + newlen > USER_LIMIT) return -L_EINVAL;
    if (want < old + oldlen && old < want + newlen) return -L_EINVAL;
    if (want < MIN_ADDR) return -L_EPERM;
    mem_unmap(m, want, newlen);
    if (oldlen > newlen) {
      mem_unmap(m, old + newlen, oldlen - newlen);
      oldlen = newlen;
    }
    if (!oldlen || !same_run(m, old, oldlen, &prot)) return -L_EFAULT;
    int sh;
    uint64_t send = mem_shared_end(m, old, &sh);
    int rc;
    if (newlen > oldlen && sh == MEM_SHARED_FILE && send >= old + oldlen)
      rc = grow_shared_file(m, old, oldlen, want, newlen);
    else if (newlen > oldlen && (sh == MEM_SHARED_FILE || send < old + oldlen))
      rc = grow_shared_file(m, 0, 0, 0, 0); /* mixed: refused */
    else
      rc = mem_move(m, old, oldlen, want, newlen);
    return rc < 0 ? rc : (int64_t)want;
  }
  if (oldlen >= newlen) {
    if (oldlen > newlen) mem_unmap(m, old + newlen, oldlen - newlen);
    return (int64_t)old;
  }
  if (!oldlen) return -L_EINVAL; /* duplicating a shared mapping: none here */
  if (!same_run(m, old, oldlen, &prot)) return -L_EFAULT;
  /* A shared file mapping grows with more of the file: the host's
   * mremap does it (mem_grow_shared_file). */
  int shared;
  uint64_t send = mem_shared_end(m, old, &shared);
  if (send < old + oldlen) return grow_shared_file(m, 0, 0, 0, 0); /* mixed */
  if (shared == MEM_SHARED_FILE) {
    uint64_t to = old;
    if (!range_free(m, old + oldlen, newlen - oldlen)) {
      if (!(flags & L_MREMAP_MAYMOVE)) return -L_ENOMEM;
      if (!(to = pick_addr(m, newlen))) return -L_ENOMEM;
    }
    int rc = grow_shared_file(m, old, oldlen, to, newlen);
    return rc < 0 ? rc : (int64_t)to;
  }
  /* Grow in place when the range ends its run and the pages after it
   * are free. (An extension of a private file mapping reads as zeroes
   * rather than more of the file; a shared anonymous one grows with
   * more shared memory, where Linux would raise SIGBUS on the new
   * pages.) */
  if (mem_prot(m, old + oldlen) != prot &&
      range_free(m, old + oldlen, newlen - oldlen)) {
    int rc = shared ? mem_map_shared(m, old + oldlen, newlen - oldlen, prot, -1, 0)
                    : mem_map(m, old + oldlen, newlen - oldlen, prot, -1, 0);
    return rc < 0 ? rc : (int64_t)old;
  }
  if (!(flags & L_MREMAP_MAYMOVE)) return -L_ENOMEM;
  uint64_t va = pick_addr(m, newlen);
  if (!va) return -L_ENOMEM;
  int rc = mem_move(m, old, oldlen, va, newlen);
  return rc < 0 ? rc : (int64_t)va;
}

int64_t sys_madvise(struct Machine *m, uint64_t a[6]) {
  uint64_t va = a[0], len = page_up(a[1]);
  int advice = (int)a[2];
  /* Linux's advice values: 0-4, 8-23, 25 (MADV_COLLAPSE), 100-101
   * (memory failure injection, needing CAP_SYS_ADMIN). */
  if (!((advice >= 0 && advice <= 4) || (advice >= 8 && advice <= 23) ||
        advice == 25))
    return sys_unsupported("madvise", "advice", (uint32_t)advice, L_EINVAL,
                           NULL);
  /* Advice blink takes as only advice although it changes what the
   * program sees: MADV_REMOVE (shared memory punched out),
   * MADV_DONTFORK (the child lacks the range), MADV_WIPEONFORK (the
   * child sees zeros). */
  if (advice == 9 || advice == 10 || advice == 18)
    sys_unsupported("madvise", "advice", (uint32_t)advice, 0, NULL);
  if (va & PAGE_MASK) return -L_EINVAL;
  if (len < a[1] || va + len < va) return -L_EINVAL;
  if (!len) return 0;
  if (!mem_mapped(m, va, len)) return -L_ENOMEM;
  if (advice != L_MADV_DONTNEED) return 0;  /* advice is only advice */
  /* MADV_DONTNEED: the next touch sees zero-fill pages (for private
   * anonymous memory, which is what programs use it on). Remap each run
   * of pages with one protection. Shared pages keep their contents (on
   * Linux they come back from the file or the shared memory). */
  for (uint64_t run = va; run < va + len;) {
    int prot, shared;
    uint64_t end = mem_run_end(m, run, &prot);
    uint64_t send = mem_shared_end(m, run, &shared);
    if (!end || !send) return -L_ENOMEM;
    if (send < end) end = send;
    if (end > va + len) end = va + len;
    if (!shared) {
      int rc = mem_map(m, run, end - run, prot, -1, 0);
      if (rc < 0) return rc;
    }
    run = end;
  }
  return 0;
}

int64_t sys_msync(struct Machine *m, uint64_t a[6]) {
  if (a[0] & PAGE_MASK) return -L_EINVAL;
  if (a[1] && !mem_mapped(m, a[0], page_up(a[1]))) return -L_ENOMEM;
  if (a[2] & ~7ull) return -L_EINVAL;  /* MS_ASYNC 1, MS_INVALIDATE 2, MS_SYNC 4 */
  if ((a[2] & 1) && (a[2] & 4)) return -L_EINVAL;
  /* Shared file pages are the host's: msync them there, one run of
   * host-contiguous pages at a time (private pages ignore it). */
  uint64_t end = a[0] + page_up(a[1]);
  uint8_t *run = NULL;
  size_t runlen = 0;
  for (uint64_t va = a[0]; va <= end; va += PAGE_SIZE) {
    uint8_t *h = va < end ? mem_page_host(m, va) : NULL;
    if (h && run && h == run + runlen) {
      runlen += PAGE_SIZE;
      continue;
    }
    if (run) msync(run, runlen, (int)a[2] & (MS_ASYNC | MS_SYNC | MS_INVALIDATE));
    run = h;
    runlen = h ? PAGE_SIZE : 0;
  }
  return 0;
}

/* Guest memory is ordinary host memory that is never paged out in a way
 * the guest could tell: locking succeeds once the arguments are valid
 * and the whole range (page-aligned outward) is mapped, else ENOMEM. */
static int64_t lock_range(struct Machine *m, uint64_t va, uint64_t len) {
  uint64_t start = va & ~PAGE_MASK, end = page_up(va + len);
  if (va + len < va || end < va + len) return -L_ENOMEM;
  if (end > start && !mem_mapped(m, start, end - start)) return -L_ENOMEM;
  return 0;
}

int64_t sys_mlock(struct Machine *m, uint64_t a[6]) {
  return lock_range(m, a[0], a[1]);
}

int64_t sys_munlock(struct Machine *m, uint64_t a[6]) {
  return lock_range(m, a[0], a[1]);
}

int64_t sys_mlock2(struct Machine *m, uint64_t a[6]) {
  if (a[2] & ~1ull) return -L_EINVAL; /* MLOCK_ONFAULT */
  return lock_range(m, a[0], a[1]);
}

int64_t sys_mlockall(struct Machine *m, uint64_t a[6]) {
  (void)m;
  int f = (int)a[0];
  /* MCL_CURRENT 1, MCL_FUTURE 2, MCL_ONFAULT 4 (not alone) */
  if (!f || (f & ~7) || f == 4) return -L_EINVAL;
  return 0;
}

int64_t sys_munlockall(struct Machine *m, uint64_t a[6]) {
  (void)m;
  (void)a;
  return 0;
}

int64_t sys_brk(struct Machine *m, uint64_t a[6]) {
  struct Sys *s = m->sys;
  uint64_t want = a[0];
  if (!s) return 0;
  uint64_t cur = s->brk;
  if (want < s->brk_start) return (int64_t)cur;
  uint64_t oldend = page_up(cur), newend = page_up(want);
  if (newend < want) return (int64_t)cur;
  if (newend > oldend) {
    uint64_t limit = s->stack_top - s->stack_size;
    if (newend > limit || !range_free(m, oldend, newend - oldend))
      return (int64_t)cur;
    if (mem_map(m, oldend, newend - oldend, L_PROT_READ | L_PROT_WRITE, -1, 0))
      return (int64_t)cur;
  } else if (newend < oldend) {
    mem_unmap(m, newend, oldend - newend);
  }
  s->brk = want;
  return (int64_t)want;
}

int64_t sys_mincore(struct Machine *m, uint64_t a[6]) {
  uint64_t va = a[0], len = page_up(a[1]);
  if (va & PAGE_MASK) return -L_EINVAL;
  if (len < a[1] || va + len < va || va + len > USER_LIMIT) return -L_ENOMEM;
  uint64_t n = len / PAGE_SIZE;
  uint8_t vec[256];
  for (uint64_t k = 0; k < n; k += sizeof(vec)) {
    uint64_t c = n - k < sizeof(vec) ? n - k : sizeof(vec);
    for (uint64_t j = 0; j < c; ++j) {
      /* Every mapped guest page counts as resident. */
      if (mem_prot(m, va + (k + j) * PAGE_SIZE) < 0) return -L_ENOMEM;
      vec[j] = 1;
    }
    if (mem_copy_out(m, a[2] + k, vec, c)) return -L_EFAULT;
  }
  return 0;
}
