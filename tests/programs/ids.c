/* ids: user and group ids as a sequence safe for any user: the real,
 * effective and saved ids (getres*id) agree with get*id; every set* call
 * is made with the ids the process already has (which any user may do),
 * and with -1 for "unchanged"; setfs*id return the previous fs id;
 * setgroups with the current list (EPERM unless privileged, as the host
 * says); bad pointers and sizes give EFAULT / EINVAL; personality's query
 * and ADDR_NO_RANDOMIZE set and cleared. Raw system calls are used where
 * libc would hide the kernel's answer.
 */
#define _GNU_SOURCE 1
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <sys/fsuid.h>
#include <sys/personality.h>
#include <sys/syscall.h>
#include <unistd.h>

static void say(const char *what, long r) {
  if (r < 0) printf("%s = -1 errno %d\n", what, errno);
  else printf("%s = %ld\n", what, r);
}

int main(void) {
  uid_t r, e, s;
  gid_t gr, ge, gs;
  say("getresuid", getresuid(&r, &e, &s));
  printf("uid r=%d e=%d s=%d, getuid %d geteuid %d\n", (int)r, (int)e,
         (int)s, r == getuid(), e == geteuid());
  say("getresgid", getresgid(&gr, &ge, &gs));
  printf("gid r=%d e=%d s=%d, getgid %d getegid %d\n", (int)gr, (int)ge,
         (int)gs, gr == getgid(), ge == getegid());

  say("setuid(getuid)", syscall(SYS_setuid, getuid()));
  say("setgid(getgid)", syscall(SYS_setgid, getgid()));
  say("setreuid(-1,-1)", syscall(SYS_setreuid, -1, -1));
  say("setreuid(r,e)", syscall(SYS_setreuid, r, e));
  say("setregid(-1,-1)", syscall(SYS_setregid, -1, -1));
  say("setregid(r,e)", syscall(SYS_setregid, gr, ge));
  say("setresuid(-1,-1,-1)", syscall(SYS_setresuid, -1, -1, -1));
  say("setresuid(r,e,s)", syscall(SYS_setresuid, r, e, s));
  say("setresgid(-1,-1,-1)", syscall(SYS_setresgid, -1, -1, -1));
  say("setresgid(r,e,s)", syscall(SYS_setresgid, gr, ge, gs));
  /* The libc wrappers too (glibc broadcasts to all threads: one here). */
  say("libc setresuid", setresuid(r, e, s));
  say("libc setresgid", setresgid(gr, ge, gs));
  say("libc seteuid", seteuid(e));
  say("libc setegid", setegid(ge));
  uid_t r2, e2, s2;
  getresuid(&r2, &e2, &s2);
  printf("unchanged uids: %d\n", r2 == r && e2 == e && s2 == s);

  /* setfsuid returns the previous fsuid (the euid); -1 only asks. */
  printf("setfsuid(-1) is euid: %d\n", (uid_t)setfsuid(-1) == e);
  printf("setfsuid(e) is euid: %d\n", (uid_t)setfsuid(e) == e);
  printf("setfsgid(-1) is egid: %d\n", (gid_t)setfsgid(-1) == ge);
  printf("setfsgid(e) is egid: %d\n", (gid_t)setfsgid(ge) == ge);

  gid_t g[256];
  int n = getgroups(256, g);
  printf("getgroups: %d groups\n", n);
  say("setgroups(current)", syscall(SYS_setgroups, n, g));
  int n2 = getgroups(256, g);
  printf("groups unchanged: %d\n", n2 == n);
  say("setgroups(huge)", syscall(SYS_setgroups, 65537, g));
  say("setgroups(bad ptr)", syscall(SYS_setgroups, 2, (void *)8));
  say("getresuid(bad ptr)", syscall(SYS_getresuid, &r, (void *)8, &s));
  say("getresgid(bad ptr)", syscall(SYS_getresgid, (void *)8, &ge, &gs));

  /* The persona is inherited: print it relative to the start. */
  long p0 = syscall(SYS_personality, 0xffffffffUL);
  printf("personality query ok: %d, ADDR_NO_RANDOMIZE %d\n", p0 >= 0,
         p0 >= 0 && (p0 & ADDR_NO_RANDOMIZE) != 0);
  long p1 = syscall(SYS_personality, (unsigned long)(p0 | ADDR_NO_RANDOMIZE));
  printf("set ADDR_NO_RANDOMIZE returns the old one: %d\n", p1 == p0);
  long p2 = syscall(SYS_personality, 0xffffffffUL);
  printf("now has ADDR_NO_RANDOMIZE: %d\n", (p2 & ADDR_NO_RANDOMIZE) != 0);
  long p3 = syscall(SYS_personality, (unsigned long)(p0 & ~ADDR_NO_RANDOMIZE));
  printf("clear returns the set one: %d\n", p3 == p2);
  long p4 = syscall(SYS_personality, 0xffffffffUL);
  printf("now PER_LINUX: %d\n", p4 == (p0 & ~ADDR_NO_RANDOMIZE));
  syscall(SYS_personality, (unsigned long)p0);
  return 0;
}
