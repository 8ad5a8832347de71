/* linux-abi.h: the x86-64 Linux kernel's user-visible structures and
 * constants, as the guest sees them.
 *
 * These are written out here, field by field, rather than taken from the
 * host's libc headers: glibc's struct stat, termios and sigaction are not
 * the kernel's, and a future non-Linux host would differ again. Every
 * structure handed to the guest is built in one of these layouts. */
#ifndef BLINK_SYS_LINUX_ABI_H
#define BLINK_SYS_LINUX_ABI_H

#include <stdint.h>

/* errno values (the x86-64 Linux numbering) used by name in src/sys. */
#define L_EPERM 1
#define L_ENOENT 2
#define L_ESRCH 3
#define L_EINTR 4
#define L_EIO 5
#define L_EBADF 9
#define L_ECHILD 10
#define L_EAGAIN 11
#define L_ENOMEM 12
#define L_EACCES 13
#define L_EFAULT 14
#define L_EEXIST 17
#define L_ENOTDIR 20
#define L_EISDIR 21
#define L_EINVAL 22
#define L_EOPNOTSUPP 95
#define L_ENOTTY 25
#define L_ERANGE 34
#define L_ENAMETOOLONG 36
#define L_ENOSYS 38
#define L_ENODEV 19

#define L_AT_FDCWD (-100)
#define L_AT_SYMLINK_NOFOLLOW 0x100
#define L_AT_EMPTY_PATH 0x1000

struct linux_stat {          /* 144 bytes */
  uint64_t st_dev;
  uint64_t st_ino;
  uint64_t st_nlink;
  uint32_t st_mode;
  uint32_t st_uid;
  uint32_t st_gid;
  uint32_t pad0;
  uint64_t st_rdev;
  int64_t st_size;
  int64_t st_blksize;
  int64_t st_blocks;
  uint64_t st_atime_sec;
  uint64_t st_atime_nsec;
  uint64_t st_mtime_sec;
  uint64_t st_mtime_nsec;
  uint64_t st_ctime_sec;
  uint64_t st_ctime_nsec;
  int64_t unused[3];
};

struct linux_statx_timestamp {
  int64_t tv_sec;
  uint32_t tv_nsec;
  int32_t reserved;
};

struct linux_statx {         /* 256 bytes */
  uint32_t stx_mask;
  uint32_t stx_blksize;
  uint64_t stx_attributes;
  uint32_t stx_nlink;
  uint32_t stx_uid;
  uint32_t stx_gid;
  uint16_t stx_mode;
  uint16_t pad0;
  uint64_t stx_ino;
  uint64_t stx_size;
  uint64_t stx_blocks;
  uint64_t stx_attributes_mask;
  struct linux_statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
  uint32_t stx_rdev_major;
  uint32_t stx_rdev_minor;
  uint32_t stx_dev_major;
  uint32_t stx_dev_minor;
  uint64_t spare[14];
};

struct linux_timespec {
  int64_t tv_sec;
  int64_t tv_nsec;
};

struct linux_timeval {
  int64_t tv_sec;
  int64_t tv_usec;
};

struct linux_timezone {
  int32_t tz_minuteswest;
  int32_t tz_dsttime;
};

struct linux_iovec {
  uint64_t iov_base;
  uint64_t iov_len;
};

struct linux_rlimit {
  uint64_t rlim_cur;
  uint64_t rlim_max;
};

struct linux_utsname {
  char sysname[65];
  char nodename[65];
  char release[65];
  char version[65];
  char machine[65];
  char domainname[65];
};

/* The kernel's termios for TCGETS/TCSETS (not glibc's, which is longer). */
#define L_NCCS 19
struct linux_termios {       /* 36 bytes */
  uint32_t c_iflag;
  uint32_t c_oflag;
  uint32_t c_cflag;
  uint32_t c_lflag;
  uint8_t c_line;
  uint8_t c_cc[L_NCCS];
};

struct linux_winsize {
  uint16_t ws_row;
  uint16_t ws_col;
  uint16_t ws_xpixel;
  uint16_t ws_ypixel;
};

struct linux_flock {         /* 32 bytes */
  int16_t l_type;
  int16_t l_whence;
  int32_t pad0;
  int64_t l_start;
  int64_t l_len;
  int32_t l_pid;
  int32_t pad1;
};

struct linux_pollfd {
  int32_t fd;
  int16_t events;
  int16_t revents;
};

/* rt_sigaction's struct (the kernel's, with the restorer). */
struct linux_sigaction {
  uint64_t handler;
  uint64_t flags;
  uint64_t restorer;
  uint64_t mask;
};
#define L_SIG_DFL 0
#define L_SIG_IGN 1
#define L_SA_RESTORER 0x04000000

struct linux_stack {
  uint64_t ss_sp;
  int32_t ss_flags;
  int32_t pad0;
  uint64_t ss_size;
};
/* siginfo_t: 128 bytes; the union's members used here. */
struct linux_siginfo {
  int32_t signo;
  int32_t errno_;
  int32_t code;
  int32_t pad0;
  union {
    struct { int32_t pid; uint32_t uid; int32_t status; } kill; /* also SIGCHLD */
    struct { uint64_t addr; } fault;
    struct { int32_t tid, overrun; uint64_t value; } timer;
    uint8_t raw[112];
  } u;
};
#define L_SI_USER 0
#define L_SI_KERNEL 0x80
#define L_SI_TKILL (-6)
#define L_SEGV_MAPERR 1
#define L_SEGV_ACCERR 2
#define L_FPE_INTDIV 1
#define L_ILL_ILLOPN 2
#define L_BUS_ADRALN 1
#define L_TRAP_BRKPT 1
#define L_TRAP_TRACE 2
#define L_SS_ONSTACK 1
#define L_SS_DISABLE 2
#define L_MINSIGSTKSZ 2048

struct linux_sysinfo {       /* 112 bytes */
  int64_t uptime;
  uint64_t loads[3];
  uint64_t totalram;
  uint64_t freeram;
  uint64_t sharedram;
  uint64_t bufferram;
  uint64_t totalswap;
  uint64_t freeswap;
  uint16_t procs;
  uint16_t pad;
  uint32_t pad2;
  uint64_t totalhigh;
  uint64_t freehigh;
  uint32_t mem_unit;
  char reserved[4];
};

struct linux_rusage {        /* 144 bytes */
  struct linux_timeval ru_utime;
  struct linux_timeval ru_stime;
  int64_t rest[14];
};

struct linux_tms {
  int64_t tms_utime, tms_stime, tms_cutime, tms_cstime;
};

/* The sizes the kernel's x86-64 ABI fixes. */
_Static_assert(sizeof(struct linux_stat) == 144, "struct stat");
_Static_assert(sizeof(struct linux_statx) == 256, "struct statx");
_Static_assert(sizeof(struct linux_termios) == 36, "struct termios");
_Static_assert(sizeof(struct linux_flock) == 32, "struct flock");
_Static_assert(sizeof(struct linux_sigaction) == 32, "struct sigaction");
_Static_assert(sizeof(struct linux_stack) == 24, "stack_t");
_Static_assert(sizeof(struct linux_siginfo) == 128, "siginfo_t");
_Static_assert(sizeof(struct linux_sysinfo) == 112, "struct sysinfo");
_Static_assert(sizeof(struct linux_rusage) == 144, "struct rusage");
_Static_assert(sizeof(struct linux_utsname) == 390, "struct utsname");
_Static_assert(sizeof(struct linux_pollfd) == 8, "struct pollfd");

/* mmap family. */
#define L_PROT_READ 1
#define L_PROT_WRITE 2
#define L_PROT_EXEC 4
#define L_MAP_SHARED 0x01
#define L_MAP_PRIVATE 0x02
#define L_MAP_SHARED_VALIDATE 0x03
#define L_MAP_TYPE 0x0f
#define L_MAP_FIXED 0x10
#define L_MAP_ANONYMOUS 0x20
#define L_MAP_GROWSDOWN 0x100
#define L_MAP_FIXED_NOREPLACE 0x100000
#define L_MREMAP_MAYMOVE 1
#define L_MREMAP_FIXED 2
#define L_MREMAP_DONTUNMAP 4
#define L_MADV_DONTNEED 4

/* arch_prctl codes. */
#define L_ARCH_SET_GS 0x1001
#define L_ARCH_SET_FS 0x1002
#define L_ARCH_GET_FS 0x1003
#define L_ARCH_GET_GS 0x1004

/* auxv types. */
#define L_AT_NULL 0
#define L_AT_PHDR 3
#define L_AT_PHENT 4
#define L_AT_PHNUM 5
#define L_AT_PAGESZ 6
#define L_AT_BASE 7
#define L_AT_FLAGS 8
#define L_AT_ENTRY 9
#define L_AT_UID 11
#define L_AT_EUID 12
#define L_AT_GID 13
#define L_AT_EGID 14
#define L_AT_PLATFORM 15
#define L_AT_HWCAP 16
#define L_AT_CLKTCK 17
#define L_AT_SECURE 23
#define L_AT_RANDOM 25
#define L_AT_HWCAP2 26
#define L_AT_EXECFN 31

/* ioctl requests. */
#define L_TCGETS 0x5401
#define L_TCSETS 0x5402
#define L_TCSETSW 0x5403
#define L_TCSETSF 0x5404
#define L_TIOCGPGRP 0x540f
#define L_TIOCSPGRP 0x5410
#define L_TIOCGWINSZ 0x5413
#define L_TIOCSWINSZ 0x5414
#define L_FIONREAD 0x541b
#define L_FIONBIO 0x5421
#define L_FIONCLEX 0x5450
#define L_FIOCLEX 0x5451
#define L_FIOASYNC 0x5452
#define L_TCSBRK 0x5409
#define L_TCXONC 0x540a
#define L_TCFLSH 0x540b
#define L_TIOCEXCL 0x540c
#define L_TIOCNXCL 0x540d
#define L_TIOCSCTTY 0x540e
#define L_TIOCOUTQ 0x5411
#define L_TIOCNOTTY 0x5422
#define L_TIOCSETD 0x5423
#define L_TIOCGETD 0x5424
#define L_TCSBRKP 0x5425
#define L_TIOCGSID 0x5429
#define L_TIOCGPTN 0x80045430
#define L_TIOCSPTLCK 0x40045431
#define L_TIOCGPTPEER 0x5441
#define L_TIOCSTI 0x5412
#define L_TIOCPKT 0x5420
#define L_TIOCGDEV 0x80045432
#define L_TIOCGPKT 0x80045438
#define L_TIOCGPTLCK 0x80045439
#define L_TIOCGEXCL 0x80045440

/* epoll's event: packed on x86-64 (12 bytes), so kept as bytes here and
 * read and written field by field (sys_epoll_*). */
#define L_EPOLL_EVENT_SIZE 12
#define L_EPOLL_CTL_ADD 1
#define L_EPOLL_CTL_DEL 2
#define L_EPOLL_CTL_MOD 3

struct linux_itimerspec {    /* 32 bytes */
  struct linux_timespec it_interval;
  struct linux_timespec it_value;
};
_Static_assert(sizeof(struct linux_itimerspec) == 32, "struct itimerspec");

/* capget/capset. */
struct linux_cap_header {
  uint32_t version;
  int32_t pid;
};
struct linux_cap_data {
  uint32_t effective, permitted, inheritable;
};
#define L_CAP_V1 0x19980330
#define L_CAP_V2 0x20071026
#define L_CAP_V3 0x20080522

/* clone's flags (linux/sched.h); the high ones only clone3 takes. */
#define L_CLONE_NEWTIME 0x80ull
#define L_CLONE_VM 0x100ull
#define L_CLONE_FS 0x200ull
#define L_CLONE_FILES 0x400ull
#define L_CLONE_SIGHAND 0x800ull
#define L_CLONE_PIDFD 0x1000ull
#define L_CLONE_PTRACE 0x2000ull
#define L_CLONE_VFORK 0x4000ull
#define L_CLONE_PARENT 0x8000ull
#define L_CLONE_THREAD 0x10000ull
#define L_CLONE_NEWNS 0x20000ull
#define L_CLONE_SYSVSEM 0x40000ull
#define L_CLONE_SETTLS 0x80000ull
#define L_CLONE_PARENT_SETTID 0x100000ull
#define L_CLONE_CHILD_CLEARTID 0x200000ull
#define L_CLONE_DETACHED 0x400000ull
#define L_CLONE_UNTRACED 0x800000ull
#define L_CLONE_CHILD_SETTID 0x1000000ull
#define L_CLONE_NS_FLAGS 0x7e020000ull /* NEWNS, NEWCGROUP...NEWNET */
#define L_CLONE_CLEAR_SIGHAND 0x100000000ull
#define L_CLONE_INTO_CGROUP 0x200000000ull

#endif
