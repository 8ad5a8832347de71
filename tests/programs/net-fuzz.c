/* net-fuzz: the socket system calls with random arguments (numbers,
 * flags, lengths, descriptors, pointers into, at the end of and outside
 * a buffer of random bytes that sometimes holds pointers): the emulator
 * must answer each with some result and never crash or hang. Calls that
 * could block or send get a descriptor that is not open (1000-1002), so
 * nothing waits and no packet leaves; descriptors are closed now and
 * then. Only "survived" is compared: the results themselves may differ
 * on addresses the two runs lay out differently. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static unsigned char buf[4096];

static uint64_t rnd(void) {
  return ((uint64_t)random() << 33) ^ ((uint64_t)random() << 2) ^ (uint64_t)random();
}

static uint64_t arg(void) {
  switch (random() % 10) {
    case 0: return 0;
    case 1: return (uint64_t)-1;
    case 2: return (uint64_t)(random() % 16);
    case 3: return (uintptr_t)buf + (uint64_t)(random() % 4096);
    case 4: return (uintptr_t)buf + 4096 - (uint64_t)(random() % 64);
    case 5: return rnd();
    case 6: return 0x7fffffff;
    case 7: return (uint64_t)(random() % 200);
    case 8: return 1ull << (random() % 64);
    default: return (uintptr_t)buf;
  }
}

int main(void) {
  static const int nrs[] = {SYS_socket,     SYS_connect,     SYS_accept,
                            SYS_sendto,     SYS_recvfrom,    SYS_sendmsg,
                            SYS_recvmsg,    SYS_shutdown,    SYS_bind,
                            SYS_listen,     SYS_getsockname, SYS_getpeername,
                            SYS_socketpair, SYS_setsockopt,  SYS_getsockopt,
                            SYS_accept4,    SYS_recvmmsg,    SYS_sendmmsg};
  srandom(12345);
  for (int k = 0; k < 4096; ++k) buf[k] = (unsigned char)random();
  for (int i = 0; i < 10000; ++i) {
    int off = (int)(random() % (4096 - 256));
    for (int k = 0; k < 256; ++k) buf[off + k] = (unsigned char)random();
    if (random() % 4 == 0)
      for (int k = 0; k < 256; k += 8) {
        uint64_t v = arg();
        __builtin_memcpy(buf + (off & ~7) + k, &v, 8);
      }
    int nr = nrs[random() % (sizeof(nrs) / sizeof(nrs[0]))];
    uint64_t a[6];
    for (int k = 0; k < 6; ++k) a[k] = arg();
    switch (nr) {
      case SYS_connect: case SYS_accept: case SYS_accept4: case SYS_sendto:
      case SYS_recvfrom: case SYS_sendmsg: case SYS_recvmsg:
      case SYS_recvmmsg: case SYS_sendmmsg:
        a[0] = 1000 + (uint64_t)(random() % 3);
        break;
    }
    syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
    if (i % 200 == 199)
      for (int fd = 3; fd < 1024; ++fd) close(fd);
  }
  puts("survived");
  return 0;
}
