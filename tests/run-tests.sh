#!/usr/bin/env bash
# run-tests.sh: the whole test suite, as `make check` runs it.
#
# Environment: BLINK (the blink binary), TOP_SRCDIR, TOP_BUILDDIR (both
# default to this script's parent directory), FAST=1 for the shorter set
# used under sanitizers, JOBS (parallel tests, default 2), TEST_TIMEOUT
# (seconds per blink run), TESTS (a grep -E pattern: run only the tests
# whose names match), TEST_TIMES=1 to show each test's duration,
# TESTDATA (the disk images of tests/images, default ../shared/testdata
# beside the source tree; absent: those tests skip).
#
# Every guest program is built static from tests/programs, tests/asm and
# tests/bad into $TOP_BUILDDIR/tests/out, run natively and under blink,
# and the two runs are compared: the host is the reference. Prints one
# line per test (PASS name / FAIL name: reason / SKIP name: reason) and
# then "N passed, N failed[, N skipped]"; exits 1 when anything failed.
# The work directories under tests/out/work keep each run's stdout,
# stderr and blink.log for a failure to be looked at.
#
# Adding a test: drop a .c file in tests/programs (built with gcc -O2,
# gcc -O3 -march=x86-64, gcc -O2 -mfpmath=387, real-*.c also for
# x86-64-v2 with BMI, and with musl-gcc and as a static PIE when they
# work; FAST=1 builds only the first), a .S file in tests/asm (see
# tests/asm/check.h), or a line in tests/busybox/cases (a busybox applet
# run; the format is described there). Comments in a source may carry
# directives: "@args WORDS" (the program's arguments, shell-quoted),
# "@status N" (the expected exit status, e.g. 139 for SIGSEGV), "@stdin
# FILE" (under tests/programs), "@later FEATURE" (a failure is a SKIP
# until blink has FEATURE), "@libs FLAGS" (static libraries to link; the
# program skips when they aren't installed).
set -u
# The braces around the rest make bash read the whole script before it
# runs any of it: editing this file while a run is going can't break it.
{

here=$(cd "$(dirname "$0")" && pwd)
TOP_SRCDIR=${TOP_SRCDIR:-$(cd "$here/.." && pwd)}
TOP_BUILDDIR=${TOP_BUILDDIR:-$TOP_SRCDIR}
BLINK=${BLINK:-$TOP_BUILDDIR/blink}
FAST=${FAST:-0}
JOBS=${JOBS:-2}
TESTS=${TESTS:-}
TEST_TIMES=${TEST_TIMES:-0}
# Sanitizer builds run several times slower.
if [ "$FAST" = 1 ]; then
  TEST_TIMEOUT=${TEST_TIMEOUT:-300}
  HELPER_TIMEOUT=300
else
  TEST_TIMEOUT=${TEST_TIMEOUT:-120}
  HELPER_TIMEOUT=180
fi
case $BLINK in /*) ;; *) BLINK=$(pwd)/$BLINK ;; esac
OUT=$TOP_BUILDDIR/tests/out
SRC=$TOP_SRCDIR/tests

# shellcheck source=lib/common.sh
. "$SRC/lib/common.sh"
# shellcheck source=lib/boot.sh
. "$SRC/lib/boot.sh"

# A guest that crashes on purpose must not leave core files around, and
# neither must blink. The stack-overflow test needs a bounded stack.
ulimit -c 0
ulimit -s 8192 2>/dev/null || true

# Native and blink runs see the same small environment, so programs that
# print it agree. Sanitizer options pass through (to both sides alike).
RUN_ENV=(env -i PATH=/usr/bin:/bin HOME=/nonexistent LC_ALL=C TZ=UTC)
for v in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS; do
  [ -n "${!v:-}" ] && RUN_ENV+=("$v=${!v}")
done

# glibc picks some libm and string functions at start-up by CPUID: an
# FMA/AVX2 sin or exp on a host that has them, the SSE2 one in blink,
# whose CPUID doesn't offer them. Both are right, but may differ in the
# last bit. The guest programs' native runs are told to ignore what blink
# doesn't offer, so both sides run the same code and the outputs can be
# compared to the bit (blink's own CPUID already says so: no effect there).
PROG_ENV=("${RUN_ENV[@]}"
  GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX,-AVX2,-FMA,-FMA4,-AVX512F,-AVX512DQ,-AVX512BW,-AVX512VL,-AVX512CD)

# ---------------------------------------------------------------- tests
# Each t_* function runs in a subshell of the job pool and prints its
# result line (pass/fail/skip) last.

# Reads "@key value" directives from the comments of a test source:
# @args (shell words), @status (expected exit status), @stdin (a file
# under tests/programs).
directive() {
  sed -n "s/^.*@$1 \\(.*\\)\$/\\1/p" "$2" | head -1
}

# check_blink DIR: a sanitizer report or a core in a blink run's output.
check_blink() {
  local r
  r=$(sanitizer_report "$1/stderr") && { echo "$r"; return 0; }
  ls "$1"/core* >/dev/null 2>&1 && { echo "left a core file"; return 0; }
  return 1
}

# t_program NAME CC SRC [LINK [CFLAGS]]: build SRC with CC (linked with
# LINK, default -static; CFLAGS after the default -O2, so an -O3 there
# wins), run it natively and under blink, compare stdout and
# status. A source marked "@later FEATURE" tests something blink doesn't
# do yet: its failure is a SKIP naming the feature (remove the mark once
# the feature lands, so that failures count again).
t_program() {
  local later result
  later=$(directive later "$3")
  result=$(program_result "$@")
  case $result in
    FAIL:*) [ -n "$later" ] && result="SKIP: $later not supported yet:${result#FAIL:}" ;;
  esac
  echo "$result"
}

program_result() {
  local name=$1 cc=$2 src=$3 bin args want in st_n st_b r w libs
  bin=$OUT/bin/$name
  libs=$(directive libs "$src")
  # shellcheck disable=SC2086
  if ! LINK=${4:-} build_c "$cc" "$bin" "$src" ${5:-} $libs; then
    # A system library built without -fPIE can't go into a static PIE.
    if [ -n "$libs" ] && grep -q 'can not be used when making a PIE' "$bin.log"; then
      skip "$libs: not built position-independent, no static PIE"
    else
      fail "build: $(first_line "$bin.log")"
    fi
    return
  fi
  args=$(directive args "$src")
  want=$(directive status "$src")
  want=${want:-0}
  in=$(directive stdin "$src")
  in=${in:+$SRC/programs/$in}
  in=${in:-/dev/null}
  eval "set -- $args"
  w=$OUT/work/$name
  run_in "$w/native" "$in" "$TEST_TIMEOUT" -- "${PROG_ENV[@]}" "$bin" "$@"
  st_n=$?
  if [ "$st_n" != "$want" ]; then
    fail "native run: status $st_n, expected $want (a test bug?)"
    return
  fi
  run_in "$w/blink" "$in" "$TEST_TIMEOUT" -- "${PROG_ENV[@]}" "$BLINK" "$bin" "$@"
  st_b=$?
  if r=$(check_blink "$w/blink"); then
    fail "$r"
  elif [ "$st_b" = 124 ]; then
    fail "timed out after ${TEST_TIMEOUT}s"
  elif ! cmp -s "$w/blink/stdout" "$w/native/stdout"; then
    fail "stdout differs, $(first_diff "$w/blink/stdout" "$w/native/stdout")" \
      "(status $st_b, native $st_n) $(first_line "$w/blink/stderr")"
  elif [ "$st_b" != "$st_n" ]; then
    fail "status $st_b, native $st_n: $(first_line "$w/blink/stderr")"
  else
    pass
  fi
}

# t_asm NAME SRC: an assembly test; exits 0 (or its @status) natively
# and under blink. Under blink it gets the argument --blink (cpuid checks
# blink's own leaves then).
t_asm() {
  local name=$1 src=$2 bin w st want r
  bin=$OUT/bin/asm/$name
  build_asm "$bin" "$src" || { fail "build: $(first_line "$bin.log")"; return; }
  want=$(directive status "$src")
  want=${want:-0}
  w=$OUT/work/asm/$name
  run_in "$w/native" /dev/null "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" "$bin"
  st=$?
  [ "$st" = "$want" ] ||
    { fail "native run: status $st, expected $want: $(first_line "$w/native/stderr")"; return; }
  run_in "$w/blink" /dev/null "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" "$BLINK" "$bin" --blink
  st=$?
  if r=$(check_blink "$w/blink"); then
    fail "$r"
  elif [ "$st" = 124 ]; then
    fail "timed out after ${TEST_TIMEOUT}s"
  elif [ "$st" != "$want" ]; then
    fail "status $st, expected $want: $(first_line "$w/blink/stderr")"
  elif ! cmp -s "$w/blink/stdout" "$w/native/stdout"; then
    fail "stdout differs, $(first_diff "$w/blink/stdout" "$w/native/stdout")"
  else
    pass
  fi
}

# t_strace: -s logs each system call, strace-style, to the -L file; and
# a run with nothing to log leaves no log file behind.
t_strace() {
  local w=$OUT/work/cli/strace st r
  local bin=$OUT/bad/hello.bin
  [ -f "$bin" ] || { skip "hello.bin not made (objcopy missing?)"; return; }
  run_in "$w" /dev/null 60 -- "${RUN_ENV[@]}" "$BLINK" -s -L "$w/trace.log" "$bin"
  st=$?
  if r=$(check_blink "$w"); then
    fail "$r"
  elif [ "$st" != 5 ]; then
    fail "status $st, expected 5: $(first_line "$w/stderr")"
  elif ! grep -q 'write(1, "hello from a flat binary\\n", 25) -> 25' "$w/trace.log" 2>/dev/null; then
    fail "no write(1, \"hello...\", 25) -> 25 in the log: $(first_line "$w/trace.log")"
  elif [ -e "$w/blink.log" ]; then
    fail "-L given, but blink.log was written too"
  else
    run_in "$w/quiet" /dev/null 60 -- "${RUN_ENV[@]}" "$BLINK" "$OUT/bad/exit7.bin"
    if [ -e "$w/quiet/blink.log" ]; then
      fail "a run with nothing to log created blink.log: $(first_line "$w/quiet/blink.log")"
    else
      pass
    fi
  fi
}

# t_strace_net: -s shows socket addresses and families as strace does:
# net-unix's named and abstract AF_UNIX binds and its socketpair.
t_strace_net() {
  local w=$OUT/work/cli/strace-net bin=$OUT/bin/strace-net st r
  build_c "$GUEST_CC" "$bin" "$SRC/programs/net-unix.c" ||
    { fail "build: $(first_line "$bin.log")"; return; }
  run_in "$w" /dev/null "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" "$BLINK" -s -L "$w/trace.log" "$bin"
  st=$?
  if r=$(check_blink "$w"); then
    fail "$r"
  elif [ "$st" != 0 ]; then
    fail "status $st: $(first_line "$w/stderr")"
  elif ! grep -qE 'socketpair\(AF_UNIX, (0x1|SOCK_STREAM), 0, 0x' "$w/trace.log"; then
    fail "no socketpair(AF_UNIX, ...) in the log: $(grep -m1 socketpair "$w/trace.log")"
  elif ! grep -q 'bind(., {sa_family=AF_UNIX, sun_path="blink-net-unix-[A-Za-z0-9]*/s"}, 26) -> 0' "$w/trace.log"; then
    fail "no bind of the named address: $(grep -m1 bind "$w/trace.log")"
  elif ! grep -q 'bind(., {sa_family=AF_UNIX, sun_path=@"blink-abstract"}, 17) -> 0' "$w/trace.log"; then
    fail "no bind of the abstract address: $(grep bind "$w/trace.log" | sed -n 2p)"
  elif ! grep -q 'recvfrom(., "dgram", 16, 0, {sa_family=AF_UNIX, sun_path=@"blink-abstract"}, \[[0-9]* => 17\]) -> 5' "$w/trace.log"; then
    fail "no recvfrom with the sender's address: $(grep -m1 'recvfrom(., "dgram"' "$w/trace.log")"
  else
    pass
  fi
}

# t_strace_decode: -s shows flags by name and structures by field, as
# strace does, on the calls glibc's dynamic loader makes for /bin/true.
t_strace_decode() {
  local w=$OUT/work/cli/strace-decode st r pat
  [ -x /bin/true ] || { skip "no /bin/true"; return; }
  run_in "$w" /dev/null 60 -- "${RUN_ENV[@]}" "$BLINK" -s -L "$w/trace.log" /bin/true
  st=$?
  if r=$(check_blink "$w"); then fail "$r"; return; fi
  [ "$st" = 0 ] || { fail "status $st: $(first_line "$w/stderr")"; return; }
  for pat in 'openat\(AT_FDCWD, "[^"]*", O_RDONLY\|O_CLOEXEC\) -> [0-9]' \
      'newfstatat\([0-9]+, "", \{st_mode=S_IFREG\|0[0-7]+, st_size=[0-9]+\}, AT_EMPTY_PATH\) -> 0' \
      'mmap\(NULL, [0-9]+, PROT_READ, MAP_PRIVATE(\|MAP_DENYWRITE)?, [0-9]+, 0\) -> 0x' \
      'arch_prctl\(ARCH_SET_FS, 0x[0-9a-f]+\) -> 0' \
      'mprotect\(0x[0-9a-f]+, [0-9]+, PROT_READ\) -> 0' \
      'prlimit64\(0, RLIMIT_STACK, NULL, \{rlim_cur=([0-9]+|RLIM64_INFINITY), rlim_max=([0-9]+|RLIM64_INFINITY)\}\) -> 0'; do
    if ! grep -Eq "$pat" "$w/trace.log"; then
      fail "no line matching [$pat] in the -s log"
      return
    fi
  done
  local bin=$OUT/bin/tracee
  build_c "$GUEST_CC" "$bin" "$SRC/dyn/tracee.c" ||
    { fail "build: $(first_line "$bin.log")"; return; }
  run_in "$w/tracee" /dev/null 60 -- "${RUN_ENV[@]}" "$BLINK" -s -L "$w/tracee.log" "$bin"
  for pat in 'rt_sigaction\(SIGINT, \{sa_handler=0x[0-9a-f]+, sa_mask=\[TERM\], sa_flags=SA_RESTORER\|SA_RESTART, sa_restorer=0x[0-9a-f]+\}, NULL, 8\) -> 0' \
      'rt_sigprocmask\(SIG_BLOCK, \[INT CHLD\], NULL, 8\) -> 0' \
      'ioctl\(1, TIOCGWINSZ, 0x[0-9a-f]+\) -> ' \
      'futex\(0x[0-9a-f]+, FUTEX_WAKE_PRIVATE, 1, ' \
      'madvise\(0x[0-9a-f]+, 4096, MADV_DONTNEED\) -> 0' \
      'poll\(\[\{fd=0, events=POLLIN\}\], 1, 0\) -> (0 \(Timeout\)|1 \(\[\{fd=0, revents=POLL[A-Z|]+\}\]\))$' \
      'writev\(1, \[\{iov_base="tra", iov_len=3\}, \{iov_base="ced\\n", iov_len=4\}\], 2\) -> 7' \
      'uname\(\{sysname="Linux", nodename="[^"]*", release="[^"]*", version="[^"]*", machine="x86_64"\}\) -> 0'; do
    if ! grep -Eq "$pat" "$w/tracee.log"; then
      fail "no line matching [$pat] in tracee's -s log"
      return
    fi
  done
  pass
}

# strace_norm: a strace or blink -s log reduced to what both show the same
# way: the call lines named by $1 (an ERE on the line's start), results
# as "= N" or "= -ENAME", addresses as ADDR, wait4's pids as PID.
strace_norm() {
  sed -E -e 's/^[0-9T:.-]+Z [0-9]+ //' -e 's/\) -> /) = /' \
      -e 's/\) +=  *(-1 (E[A-Z0-9]+).*)$/) = -\2/' -e 's/^(.*)\) +=  *(.*)$/\1) = \2/' |
    grep -E "^($1)" |
    sed -E -e 's/0x[0-9a-f]+/ADDR/g' \
      -e '/^wait4\(/{s/^wait4\([0-9]+,/wait4(PID,/;s/\) = [0-9]+$/) = PID/;}' \
      -e '/^clone\(/s/\) = [0-9]+$/) = PID/'
}

# t_strace_structs: tests/strace/structs.c under `strace` natively and
# under blink -s: the lines of the calls whose arguments are structures
# (socket addresses, msghdr, iovecs, epoll events, stack_t, timers,
# termios, winsize, wait status, getdents64, fcntl, sigaction) must be
# the same, addresses and pids aside.
t_strace_structs() {
  local w=$OUT/work/cli/strace-structs bin=$OUT/bin/strace-structs st r calls
  command -v strace >/dev/null || { skip "no strace on the host"; return; }
  build_c "$GUEST_CC" "$bin" "$SRC/strace/structs.c" ||
    { fail "build: $(first_line "$bin.log")"; return; }
  run_in "$w/native" /dev/null "$TEST_TIMEOUT" -- strace -qq -o "$w/native.st" "$bin"
  st=$?
  if [ "$st" != 0 ] || ! [ -s "$w/native.st" ]; then
    skip "strace cannot trace here (status $st): $(first_line "$w/native/stderr")"
    return
  fi
  run_in "$w/blink" /dev/null "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" "$BLINK" -s -L "$w/blink/trace.log" "$bin"
  st=$?
  if r=$(check_blink "$w/blink"); then fail "$r"; return; fi
  [ "$st" = 0 ] || { fail "status $st: $(first_line "$w/blink/stderr")"; return; }
  calls='setsockopt\(|bind\(|getsockname\(|connect\(|sendmsg\(|recvmsg\(|readv\(|fcntl\(27,|epoll_ctl\(|epoll_wait\(|sigaltstack\(|setitimer\(|getitimer\(|timerfd_settime\(|rt_sigaction\(SIGUSR1|rt_sigprocmask\(SIG_(UN)?BLOCK, \[INT|ioctl\(32,|wait4\(|getdents64\(|openat\(AT_FDCWD, "(f[0-9]|\.)"|poll\(|p?select6?\(|statx\(|execve\("/(nonexistent|proc)|clone\(|sendmmsg\(|recvmmsg\(|mmap\(NULL, 12288|mprotect\(0x[0-9a-f]+, 4096|madvise\(0x[0-9a-f]+, 8192|munmap\(0x[0-9a-f]+, 12288'
  # the parent's lines only: the children are not traced natively
  local pid
  pid=$(sed -n '1s/^[^ ]* \([0-9]*\) .*/\1/p' "$w/blink/trace.log")
  grep -E "^[^ ]+ $pid " "$w/blink/trace.log" | strace_norm "$calls" >"$w/blink.norm"
  strace_norm "$calls" <"$w/native.st" >"$w/native.norm"
  if [ "$(wc -l <"$w/native.norm")" -lt 20 ]; then
    fail "only $(wc -l <"$w/native.norm") lines from the native strace"
  elif ! r=$(diff "$w/native.norm" "$w/blink.norm"); then
    fail "-s differs from strace: $(echo "$r" | grep -m2 '^[<>]' | tr '\n' ' ')"
  else
    # -ss: calls that can block are logged on entry too, as they went in
    run_in "$w/ss" /dev/null "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" "$BLINK" -ss -L "$w/ss/trace.log" "$bin"
    if ! grep -q 'pselect6([0-9]*, \[0 27\], \[28\], NULL, {tv_sec=0, tv_nsec=0}, NULL) \.\.\.$' "$w/ss/trace.log"; then
      fail "-ss: no pselect6 entry line: $(grep -m1 'pselect6' "$w/ss/trace.log")"
    else
      pass
    fi
  fi
}

# t_unsupported_once: an ioctl request, prctl option, fcntl command and
# madvise advice nobody implements, each used by three threads: the
# errors match the native run's and blink logs one line per (call, value).
t_unsupported_once() {
  local w=$OUT/work/cli/unsupported-once bin=$OUT/bin/unsupported st r pat n
  LINK="-static -pthread" build_c "$GUEST_CC" "$bin" "$SRC/strace/unsupported.c" ||
    { fail "build: $(first_line "$bin.log")"; return; }
  run_in "$w/native" /dev/null "$TEST_TIMEOUT" -- "$bin"
  run_in "$w/blink" /dev/null "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" "$BLINK" -L "$w/blink/trace.log" "$bin"
  st=$?
  if r=$(check_blink "$w/blink"); then fail "$r"; return; fi
  [ "$st" = 0 ] || { fail "status $st: $(first_line "$w/blink/stderr")"; return; }
  if ! cmp -s "$w/blink/stdout" "$w/native/stdout"; then
    fail "stdout differs from native: $(first_line "$w/blink/stdout")"
    return
  fi
  for pat in 'unsupported ioctl request 0x54ff on fd [0-9]+: -ENOTTY' \
      'unsupported prctl option 0x7ead: -EINVAL' \
      'unsupported fcntl command 0x7eed: -EINVAL' \
      'unsupported madvise advice 0x63: -EINVAL'; do
    n=$(grep -Ec "$pat\$" "$w/blink/trace.log")
    if [ "$n" != 1 ]; then
      fail "$n lines matching [$pat] in the log, expected 1"
      return
    fi
  done
  pass
}

# t_unix_root: AF_UNIX socket paths under -C ROOT are inside the root:
# tests/strace/unix-root.c binds, connects, sends to absolute paths and
# reads them back from getsockname/getpeername; its output must be the
# native run's (same program, a host directory), the socket files must be
# in ROOT and not on the host. A second path fits sun_path only without
# the root in front (a root over 20 bytes): blink reaches it through its
# directory.
t_unix_root() {
  local w=$OUT/work/cli/unix-root bin=$OUT/bin/unix-root st r root d
  build_c "$GUEST_CC" "$bin" "$SRC/strace/unix-root.c" ||
    { fail "build: $(first_line "$bin.log")"; return; }
  d=/tmp/blink-unix-root-$$
  run_in "$w/native" /dev/null "$TEST_TIMEOUT" -- "$bin" "$d"
  root=$w/root
  rm -rf "$root"
  mkdir -p "$root/tmp" && cp "$bin" "$root/unix-root" ||
    { fail "cannot make the root"; return; }
  run_in "$w/blink" /dev/null "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" "$BLINK" -C "$root" /unix-root "$d" keep
  st=$?
  if r=$(check_blink "$w/blink"); then
    fail "$r"
  elif [ "$st" != 0 ]; then
    fail "status $st: $(first_line "$w/blink/stderr")"
  elif ! cmp -s "$w/blink/stdout" "$w/native/stdout"; then
    fail "stdout differs from native: $(diff "$w/native/stdout" "$w/blink/stdout" | grep -m1 '^>')"
  elif [ -e "$d" ]; then
    fail "$d was made on the host, not in the root"
    rm -rf "$d"
  elif ! [ -S "$root$d/s" ] || ! [ -S "$root$d/$(printf '%070d' 0)/s" ]; then
    fail "the socket files are not in the root: $(ls "$root$d" 2>&1 | head -n1)"
  else
    pass
  fi
}

# t_stats: -Z prints counters to stderr at exit, without changing the
# guest's status: the exit7 flat binary runs a few instructions and makes
# exactly one system call.
t_stats() {
  local w=$OUT/work/cli/stats st r bin=$OUT/bad/exit7.bin
  [ -f "$bin" ] || { skip "exit7.bin not made"; return; }
  run_in "$w" /dev/null 60 -- "${RUN_ENV[@]}" "$BLINK" -Z "$bin"
  st=$?
  if r=$(check_blink "$w"); then
    fail "$r"
  elif [ "$st" != 7 ]; then
    fail "status $st, expected 7: $(first_line "$w/stderr")"
  elif ! grep -Eq '^instructions += [1-9][0-9]*$' "$w/stderr"; then
    fail "no instruction count on stderr: $(first_line "$w/stderr")"
  elif ! grep -Eq '^syscalls += 1$' "$w/stderr"; then
    fail "syscall count is not 1: $(grep syscalls "$w/stderr")"
  else
    pass
  fi
}

# t_stats_syscalls: -Z also lists the most frequent system calls by
# name; glibc's loader maps its libraries for /bin/true.
t_stats_syscalls() {
  local w=$OUT/work/cli/stats-syscalls st r
  [ -x /bin/true ] || { skip "no /bin/true"; return; }
  run_in "$w" /dev/null 60 -- "${RUN_ENV[@]}" "$BLINK" -Z /bin/true
  st=$?
  if r=$(check_blink "$w"); then
    fail "$r"
  elif [ "$st" != 0 ]; then
    fail "status $st: $(first_line "$w/stderr")"
  elif ! grep -Eq '^syscalls\.mmap +=  ?[1-9][0-9]*$' "$w/stderr"; then
    fail "no syscalls.mmap line on stderr: $(grep -m1 'syscalls\.' "$w/stderr")"
  else
    pass
  fi
}

# t_stats_threads: -Z's totals count every guest thread: two threads
# each make 1000 getppid calls, handle 5 signals and a fault, count to
# 3 million
# (tests/strace/threads-stats.c); the output must match the native run's.
t_stats_threads() {
  local w=$OUT/work/cli/stats-threads bin=$OUT/bin/threads-stats st r n
  LINK="-static -pthread" build_c "$GUEST_CC" "$bin" "$SRC/strace/threads-stats.c" ||
    { fail "build: $(first_line "$bin.log")"; return; }
  run_in "$w/native" /dev/null "$TEST_TIMEOUT" -- "$bin"
  run_in "$w/blink" /dev/null "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" "$BLINK" -Z "$bin"
  st=$?
  n=$(sed -n 's/^instructions *= *//p' "$w/blink/stderr")
  if r=$(check_blink "$w/blink"); then
    fail "$r"
  elif [ "$st" != 0 ]; then
    fail "status $st: $(first_line "$w/blink/stderr")"
  elif ! cmp -s "$w/blink/stdout" "$w/native/stdout"; then
    fail "stdout differs from native: $(first_line "$w/blink/stdout")"
  elif ! grep -Eq '^syscalls\.getppid += 2000$' "$w/blink/stderr"; then
    fail "not syscalls.getppid = 2000: $(grep -m1 'getppid' "$w/blink/stderr")"
  elif ! grep -Eq '^signals_delivered += 12$' "$w/blink/stderr"; then
    fail "not signals_delivered = 12: $(grep -m1 'signals' "$w/blink/stderr")"
  elif ! grep -Eq '^cpu_faults += 2$' "$w/blink/stderr"; then
    fail "not cpu_faults = 2: $(grep -m1 'cpu_faults' "$w/blink/stderr")"
  elif ! grep -Eq '^syscalls += (20[3-9][0-9]|2[1-9][0-9][0-9])$' "$w/blink/stderr"; then
    fail "syscalls total does not count both threads: $(grep -m1 '^syscalls ' "$w/blink/stderr")"
  elif [ "${n:-0}" -lt 12000000 ]; then
    fail "instructions = ${n:-none}: the threads' are not counted"
  else
    pass
  fi
}

# t_stats_exec: -Z's totals are printed even when the guest closed its
# stderr (blink writes them to its own copy), and span an execve (the
# program before it and the one after).
t_stats_exec() {
  local w=$OUT/work/cli/stats-exec bin=$OUT/bin/close-exec st r n
  build_c "$GUEST_CC" "$bin" "$SRC/strace/close-exec.c" ||
    { fail "build: $(first_line "$bin.log")"; return; }
  run_in "$w/native" /dev/null "$TEST_TIMEOUT" -- "$bin"
  run_in "$w/blink" /dev/null "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" "$BLINK" -Z "$bin"
  st=$?
  n=$(sed -n 's/^instructions *= *//p' "$w/blink/stderr")
  if r=$(check_blink "$w/blink"); then
    fail "$r"
  elif [ "$st" != 0 ]; then
    fail "status $st: $(first_line "$w/blink/stderr")"
  elif ! cmp -s "$w/blink/stdout" "$w/native/stdout"; then
    fail "stdout differs from native: $(first_line "$w/blink/stdout")"
  elif [ -z "$n" ] || [ "$n" -lt 1000 ]; then
    fail "no instruction count after the guest closed stderr: [$(first_line "$w/blink/stderr")]"
  elif ! grep -Eq '^syscalls\.set_tid_address += 2$' "$w/blink/stderr"; then
    # glibc's start calls it once per program: both are counted
    fail "not syscalls.set_tid_address = 2: $(grep -m1 set_tid "$w/blink/stderr")"
  else
    pass
  fi
}

# t_bigargs: the args program with 3000 arguments and a 100 KB
# environment variable: the initial stack gets big.
t_bigargs() {
  local bin=$OUT/bin/bigargs w=$OUT/work/bigargs st_n st_b r k
  local args=() big
  build_c "$GUEST_CC" "$bin" "$SRC/programs/args.c" ||
    { fail "build: $(first_line "$bin.log")"; return; }
  for ((k = 0; k < 3000; k++)); do
    args+=("argument-$k-$((k * 7919 % 10007))-abcdefghijklmnopqrstuvwxyz")
  done
  big=$(printf 'x%.0s' {1..1000})
  big="BIG=$big$big$big$big$big$big$big$big$big$big"
  big="$big${big#BIG=}${big#BIG=}${big#BIG=}${big#BIG=}${big#BIG=}${big#BIG=}${big#BIG=}${big#BIG=}${big#BIG=}"
  run_in "$w/native" /dev/null "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" "$big" "$bin" "${args[@]}"
  st_n=$?
  run_in "$w/blink" /dev/null "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" "$big" "$BLINK" "$bin" "${args[@]}"
  st_b=$?
  if r=$(check_blink "$w/blink"); then
    fail "$r"
  elif [ "$st_n" != 0 ]; then
    fail "native run: status $st_n"
  elif ! cmp -s "$w/blink/stdout" "$w/native/stdout"; then
    fail "stdout differs, $(first_diff "$w/blink/stdout" "$w/native/stdout") $(first_line "$w/blink/stderr")"
  elif [ "$st_b" != 0 ]; then
    fail "status $st_b: $(first_line "$w/blink/stderr")"
  else
    pass
  fi
}

# t_bad NAME STATUSES LINES FILE [ARGS...]: blink on a bad or special
# input: the status must be one of STATUSES (space-separated), stderr
# must have exactly LINES lines (or any number for "-"), with no
# sanitizer report or core.
t_bad() {
  local name=$1 want=$2 lines=$3 file=$4 w st n r
  shift 4
  case $file in
    *.bin) [ -f "$file" ] || { skip "$(basename "$file") not made (objcopy missing?)"; return; } ;;
  esac
  w=$OUT/work/bad/$name
  run_in "$w" /dev/null "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" "$BLINK" "$file" "$@"
  st=$?
  n=$(wc -l <"$w/stderr")
  if r=$(check_blink "$w"); then
    fail "$r"
  elif [ "$st" = 124 ]; then
    fail "timed out after ${TEST_TIMEOUT}s"
  elif ! [[ " $want " == *" $st "* ]]; then
    fail "status $st, expected ${want// / or }: $(first_line "$w/stderr")"
  elif [ "$lines" != - ] && [ "$n" != "$lines" ]; then
    fail "$n lines on stderr, expected $lines: $(first_line "$w/stderr")"
  else
    pass
  fi
}

# t_flat NAME STATUS STDOUT: a flat .bin guest with a known status and
# output (it can't run natively).
t_flat() {
  local name=$1 want=$2 out=$3 w st r
  w=$OUT/work/bad/$name
  [ -f "$OUT/bad/$name.bin" ] || { skip "$name.bin not made (objcopy missing?)"; return; }
  run_in "$w" /dev/null "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" "$BLINK" "$OUT/bad/$name.bin"
  st=$?
  if r=$(check_blink "$w"); then
    fail "$r"
  elif [ "$st" != "$want" ]; then
    fail "status $st, expected $want: $(first_line "$w/stderr")"
  elif [ "$(cat "$w/stdout")" != "$out" ]; then
    fail "stdout [$(first_line "$w/stdout")], expected [$out]"
  else
    pass
  fi
}

# t_cli NAME STATUS STREAM ARGS...: blink's own command line. STREAM is
# the output that must be non-empty (stdout or stderr).
t_cli() {
  local name=$1 want=$2 stream=$3 w st r
  shift 3
  w=$OUT/work/cli/$name
  run_in "$w" /dev/null 60 -- "${RUN_ENV[@]}" "$BLINK" "$@"
  st=$?
  if r=$(check_blink "$w"); then
    fail "$r"
  elif [ "$st" != "$want" ]; then
    fail "status $st, expected $want: $(first_line "$w/stderr")"
  elif [ ! -s "$w/$stream" ]; then
    fail "nothing on $stream"
  else
    pass
  fi
}

# t_dynamic: a dynamically linked host program (/bin/echo) runs, with
# the native run's output and status (more in the dyn/ tests).
t_dynamic() { t_dyn bad-dynamic /dev/null /bin/echo dynamic hello; }

# t_dyn NAME STDIN PROG ARGS...: a dynamically linked host program (its
# PT_INTERP loader, its shared libraries) run natively and under blink:
# stdout and the status must agree. STDIN is a file or /dev/null.
t_dyn() {
  local name=$1 in=$2 prog=$3 w st_n st_b r
  shift 3
  [ -x "$prog" ] || { skip "no $prog"; return; }
  w=$OUT/work/dyn/$name
  run_in "$w/native" "$in" "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" "$prog" "$@"
  st_n=$?
  run_in "$w/blink" "$in" "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" "$BLINK" "$prog" "$@"
  st_b=$?
  if r=$(check_blink "$w/blink"); then
    fail "$r"
  elif ! cmp -s "$w/blink/stdout" "$w/native/stdout"; then
    fail "stdout differs, $(first_diff "$w/blink/stdout" "$w/native/stdout") $(first_line "$w/blink/stderr")"
  elif [ "$st_b" != "$st_n" ]; then
    fail "status $st_b, native $st_n: $(first_line "$w/blink/stderr")"
  else
    pass
  fi
}

# t_gcc_hello: `gcc -O2` of tests/dyn/hello.c run under blink (the gcc
# driver, cc1, as, collect2 and ld all in the VM) and natively: the two
# programs must be the same bytes, and the one blink built, run under
# blink, must print and exit as the native one run natively.
t_gcc_hello() {
  local w=$OUT/work/dyn/gcc-hello st_n st_b r
  [ -x /usr/bin/gcc ] || { skip "no /usr/bin/gcc"; return; }
  mkdir -p "$w"
  run_in "$w/cc-native" /dev/null "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" /usr/bin/gcc -O2 -o hello "$SRC/dyn/hello.c"
  st_n=$?
  [ "$st_n" = 0 ] || { fail "native gcc failed ($st_n): $(first_line "$w/cc-native/stderr")"; return; }
  run_in "$w/cc-blink" /dev/null "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" "$BLINK" /usr/bin/gcc -O2 -o hello "$SRC/dyn/hello.c"
  st_b=$?
  if r=$(check_blink "$w/cc-blink"); then fail "$r"; return; fi
  [ "$st_b" = 0 ] || { fail "gcc under blink: status $st_b: $(first_line "$w/cc-blink/stderr")"; return; }
  cmp -s "$w/cc-blink/hello" "$w/cc-native/hello" ||
    { fail "the program gcc made under blink differs from the native one"; return; }
  run_in "$w/native" /dev/null "$TEST_TIMEOUT" -- "$w/cc-native/hello" world
  st_n=$?
  run_in "$w/blink" /dev/null "$TEST_TIMEOUT" -- "$BLINK" "$w/cc-blink/hello" world
  st_b=$?
  if r=$(check_blink "$w/blink"); then
    fail "$r"
  elif ! cmp -s "$w/blink/stdout" "$w/native/stdout"; then
    fail "stdout differs, $(first_diff "$w/blink/stdout" "$w/native/stdout")"
  elif [ "$st_b" != "$st_n" ]; then
    fail "status $st_b, native $st_n"
  else
    pass
  fi
}

# t_make_project: tests/dyn/project (pattern rules, a static library made
# with ar, a program linked with it and libm) built with `make -j2 CC=gcc`
# under blink (make, sh, gcc, cc1, as, collect2, ld and ar all run in the
# VM) and natively, each in a copy of its own. The programs must be the
# same bytes, and the one blink's make built must print and exit as the
# native one (both run natively). Also makes the library's members list.
t_make_project() {
  local w=$OUT/work/dyn/make-project st_n st_b r side
  [ -x /usr/bin/make ] || { skip "no /usr/bin/make"; return; }
  [ -x /usr/bin/gcc ] || { skip "no /usr/bin/gcc"; return; }
  [ -x /usr/bin/ar ] || { skip "no /usr/bin/ar"; return; }
  rm -rf "$w"
  mkdir -p "$w"
  for side in native blink; do
    cp -r "$SRC/dyn/project" "$w/src-$side" || { fail "cannot copy the project"; return; }
    rm -f "$w/src-$side"/*.o "$w/src-$side"/*.a "$w/src-$side/prog"
  done
  run_in "$w/make-native" /dev/null "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" /usr/bin/make -C "$w/src-native" -j2 CC=gcc
  st_n=$?
  [ "$st_n" = 0 ] || { fail "native make failed ($st_n): $(first_line "$w/make-native/stderr")"; return; }
  run_in "$w/make-blink" /dev/null "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" "$BLINK" /usr/bin/make -C "$w/src-blink" -j2 CC=gcc
  st_b=$?
  if r=$(check_blink "$w/make-blink"); then fail "$r"; return; fi
  [ "$st_b" = 0 ] || { fail "make under blink: status $st_b: $(first_line "$w/make-blink/stderr")"; return; }
  [ -x "$w/src-blink/prog" ] || { fail "make under blink made no program"; return; }
  cmp -s "$w/src-blink/prog" "$w/src-native/prog" ||
    { fail "the program made under blink differs from the native one"; return; }
  cmp -s "$w/src-blink/libproj.a" "$w/src-native/libproj.a" ||
    { fail "the library made under blink differs from the native one"; return; }
  run_in "$w/native" /dev/null "$TEST_TIMEOUT" -- "$w/src-native/prog" x y
  st_n=$?
  run_in "$w/blink" /dev/null "$TEST_TIMEOUT" -- "$w/src-blink/prog" x y
  st_b=$?
  if ! cmp -s "$w/blink/stdout" "$w/native/stdout"; then
    fail "stdout differs, $(first_diff "$w/blink/stdout" "$w/native/stdout")"
  elif [ "$st_b" != "$st_n" ]; then
    fail "status $st_b, native $st_n"
  else
    pass
  fi
}

# build_dyn CC OUT: tests/dyn/dynprog.c linked dynamically with CC.
build_dyn() {
  LINK=" " build_c "$1" "$2" "$SRC/dyn/dynprog.c"
}

# t_dynprog NAME CC: tests/dyn/dynprog.c (the auxv a dynamic program
# gets, /proc/self/exe) built dynamically with CC, native against blink.
t_dynprog() {
  local name=$1 cc=$2 bin=$OUT/dyn/$1
  build_dyn "$cc" "$bin" || { fail "build: $(first_line "$bin.log")"; return; }
  t_dyn "$name" /dev/null "$bin"
}

# t_overlays: a root directory holding only dynprog, its loader and libc
# (copied to the paths ldd names) and a file that exists nowhere else:
# `-C ROOT` and BLINK_OVERLAYS=ROOT run the program from there, loader
# and libraries included, and its open of /etc/... finds the root's file;
# BLINK_OVERLAYS=":ROOT" finds what / lacks in ROOT.
t_overlays() {
  local w=$OUT/work/dyn/overlays bin=$OUT/dyn/overlays-prog root lib st r
  build_dyn "$GUEST_CC" "$bin" || { fail "build: $(first_line "$bin.log")"; return; }
  rm -rf "$w"
  root=$w/root
  mkdir -p "$root/bin" "$root/etc"
  cp "$bin" "$root/bin/dynprog"
  for lib in $(ldd "$bin" | grep -o '/[^ ]*'); do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib" || { fail "cannot copy $lib"; return; }
  done
  cp /bin/pwd "$root/bin/pwd" 2>/dev/null || { skip "no /bin/pwd"; return; }
  echo "inside the root" >"$root/etc/blink-overlay-test"
  # Absolute links inside the root resolve inside it: the loader (named by
  # PT_INTERP) and a data file live under /blinktest, which the host
  # lacks, and are reached through links; ".." stops at the root.
  lib=$(ldd "$bin" | grep -o '/[^ ]*ld-linux[^ ]*' | head -n1)
  if [ -n "$lib" ] && [ ! -e /blinktest ]; then
    mkdir -p "$root/blinktest"
    mv "$root$lib" "$root/blinktest/loader.so"
    ln -s /blinktest/loader.so "$root$lib"
    echo "through a link" >"$root/blinktest/data"
    ln -s /blinktest/data "$root/etc/link-test"
    ln -s ../../../blinktest "$root/bin/up"
    run_in "$w/links" /dev/null "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" "$BLINK" -C "$root" \
      /bin/dynprog /../../etc/link-test
    st=$?
    if [ "$st" != 0 ] || [ "$(cat "$w/links/stdout")" != "through a link" ]; then
      fail "-C with links: status $st, printed [$(first_line "$w/links/stdout")]: $(first_line "$w/links/stderr")"
      return
    fi
    # test -f stats through the link (follows it inside the root), test
    # -h lstats the link itself, test -r checks access through it.
    if cp /usr/bin/test "$root/bin/test" 2>/dev/null; then
      for t in -f -h -r; do
        run_in "$w/test$t" /dev/null "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" "$BLINK" -C "$root" \
          /bin/test "$t" /etc/link-test
        st=$?
        if [ "$st" != 0 ]; then
          fail "-C ROOT test $t /etc/link-test (an absolute link inside the root): status $st: $(first_line "$w/test$t/stderr")"
          return
        fi
      done
    fi
    run_in "$w/links2" /dev/null "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" "$BLINK" -C "$root" \
      /bin/dynprog /bin/up/data
    st=$?
    if [ "$st" != 0 ] || [ "$(cat "$w/links2/stdout")" != "through a link" ]; then
      fail "-C with a relative link past the root: status $st, printed [$(first_line "$w/links2/stdout")]: $(first_line "$w/links2/stderr")"
      return
    fi
  fi
  [ ! -e /etc/blink-overlay-test ] || { skip "/etc/blink-overlay-test exists on the host"; return; }
  run_in "$w/c" /dev/null "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" "$BLINK" -C "$root" \
    /bin/dynprog /etc/blink-overlay-test
  st=$?
  if r=$(check_blink "$w/c"); then fail "-C: $r"; return; fi
  if [ "$st" != 0 ] || [ "$(cat "$w/c/stdout")" != "inside the root" ]; then
    fail "-C: status $st, printed [$(first_line "$w/c/stdout")]: $(first_line "$w/c/stderr")"
    return
  fi
  # The log (-s, no -L) goes where blink was started, not into the root.
  run_in "$w/log" /dev/null "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" "$BLINK" -s -C "$root" /bin/pwd
  if [ ! -s "$w/log/blink.log" ] || [ -e "$root/blink.log" ]; then
    fail "-s -C ROOT: blink.log [$(ls "$w/log/blink.log" "$root/blink.log" 2>&1 | tr '\n' ' ')]"
    return
  fi
  # -C starts in the root, and getcwd says "/" there.
  run_in "$w/pwd" /dev/null "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" "$BLINK" -C "$root" /bin/pwd
  st=$?
  if [ "$st" != 0 ] || [ "$(cat "$w/pwd/stdout")" != "/" ]; then
    fail "-C ROOT /bin/pwd: status $st, printed [$(first_line "$w/pwd/stdout")]: $(first_line "$w/pwd/stderr")"
    return
  fi
  # /proc/self/cwd and /proc/self/exe give the guest's names under -C.
  if cp /bin/readlink "$root/bin/readlink" 2>/dev/null; then
    run_in "$w/readlink" /dev/null "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" "$BLINK" -C "$root" \
      /bin/readlink /proc/self/cwd /proc/self/exe
    st=$?
    if [ "$st" != 0 ] || [ "$(cat "$w/readlink/stdout")" != "$(printf '/\n/bin/readlink')" ]; then
      fail "-C ROOT readlink /proc/self/cwd /proc/self/exe: status $st, printed [$(tr '\n' ' ' <"$w/readlink/stdout")]: $(first_line "$w/readlink/stderr")"
      return
    fi
  fi
  run_in "$w/env" /dev/null "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" BLINK_OVERLAYS="$root" \
    "$BLINK" /bin/dynprog /etc/blink-overlay-test
  st=$?
  if [ "$st" != 0 ] || [ "$(cat "$w/env/stdout")" != "inside the root" ]; then
    fail "BLINK_OVERLAYS=root: status $st, printed [$(first_line "$w/env/stdout")]: $(first_line "$w/env/stderr")"
    return
  fi
  run_in "$w/both" /dev/null "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" BLINK_OVERLAYS=":$root" \
    "$BLINK" "$bin" /etc/blink-overlay-test
  st=$?
  if [ "$st" != 0 ] || [ "$(cat "$w/both/stdout")" != "inside the root" ]; then
    fail "BLINK_OVERLAYS=:root: status $st, printed [$(first_line "$w/both/stdout")]: $(first_line "$w/both/stderr")"
  else
    pass
  fi
}

# t_badinterp NAME LOADER: dynprog linked with PT_INTERP naming LOADER
# (missing, not an ELF, itself dynamic): status 127 and one line, like a
# shell's "required file not found".
t_badinterp() {
  local name=$1 loader=$2 bin=$OUT/dyn/badinterp-$1 w=$OUT/work/dyn/badinterp-$1 st r
  LINK="-Wl,--dynamic-linker=$loader" build_c "$GUEST_CC" "$bin" "$SRC/dyn/dynprog.c" ||
    { fail "build: $(first_line "$bin.log")"; return; }
  run_in "$w" /dev/null "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" "$BLINK" "$bin"
  st=$?
  if r=$(check_blink "$w"); then
    fail "$r"
  elif [ "$st" != 127 ] || [ "$(wc -l <"$w/stderr")" != 1 ]; then
    fail "status $st (want 127), $(wc -l <"$w/stderr") lines: $(first_line "$w/stderr")"
  elif ! grep -q "$loader" "$w/stderr"; then
    fail "the message doesn't name $loader: $(first_line "$w/stderr")"
  else
    pass
  fi
}

# t_argv0: `blink -0 PROG ARG0 ARGS...` gives the guest ARG0 as argv[0];
# busybox picks its applet by argv[0], so this runs "echo".
t_argv0() {
  local w=$OUT/work/cli/argv0 st
  [ -z "$NO_BUSYBOX" ] || { skip "$NO_BUSYBOX"; return; }
  run_in "$w" /dev/null "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" "$BLINK" -0 /bin/busybox echo argv0 works
  st=$?
  if r=$(check_blink "$w"); then
    fail "$r"
  elif [ "$st" != 0 ] || [ "$(cat "$w/stdout")" != "argv0 works" ]; then
    fail "status $st, printed [$(first_line "$w/stdout")]: $(first_line "$w/stderr")"
  else
    pass
  fi
}

# t_helper NAME PROGRAM ARGS...: a test program another part of the tree
# builds (tests/vm/test-*, tests/fuzz/fuzz-decode): it must exit 0.
t_helper() {
  local name=$1 prog=$2 w st
  shift 2
  [ -x "$prog" ] || { skip "${prog#"$TOP_BUILDDIR"/} not built"; return; }
  w=$OUT/work/$name
  run_in "$w" /dev/null "$HELPER_TIMEOUT" -- "$prog" "$@"
  st=$?
  if [ "$st" = 77 ]; then
    skip "$(tail -n1 "$w/stdout")"
  elif [ "$st" != 0 ]; then
    fail "status $st: $( (cat "$w/stdout" "$w/stderr") | grep -m1 -iE 'fail|error|mismatch' || tail -n1 "$w/stdout" | cut -c1-100)"
  elif r=$(sanitizer_report "$w/stderr"); then
    fail "$r"
  else
    pass
  fi
}

# t_bbcase NAME STDIN OPTIONS WORDS: one line of tests/busybox/cases.
# WORDS (shell words; $D is the fixture directory) are busybox's
# arguments, STDIN a file under $D or "-". Both runs start in the same
# directory path (the native one is moved aside before blink's), so an
# applet that prints its working directory or writes files agrees by
# construction; what they leave there is compared too. Stdout, stderr,
# the status and the files written must all match. OPTIONS: @nostderr
# (stderr isn't compared), @empty (no output is the expected answer),
# @copy=F (fixture F is copied in first, for in-place edits), @needs=F
# (skip when fixture F wasn't made), @later=SLUG (a failure is a SKIP
# naming the findings.md entry SLUG), @pipe (stdin is a pipe, not the
# file: reads come in pieces and lseek fails).
t_bbcase() {
  case_run busybox "$@"
}

# t_cucase NAME STDIN OPTIONS WORDS: one line of tests/coreutils/cases,
# as t_bbcase, but the first word is a program looked up in PATH.
t_cucase() {
  case_run coreutils "$@"
}

# case_run KIND NAME STDIN OPTIONS WORDS: t_bbcase (KIND busybox: the
# words are busybox's arguments) or t_cucase (KIND coreutils: the first
# word names the program), the work directory under tests/out/work/KIND.
case_run() {
  local kind=$1 name=$2 in=$3 opts=$4 words=$5 w o st_n st_b r prog
  local later= nostderr=0 empty=0 copies=()
  BB_PIPE=0
  for o in $opts; do
    case $o in
      @pipe) BB_PIPE=1 ;;
      @nostderr) nostderr=1 ;;
      @empty) empty=1 ;;
      @copy=*) copies+=("${o#@copy=}") ;;
      @needs=*) [ -e "$D/${o#@needs=}" ] ||
        { skip "fixture ${o#@needs=} not made (host tool missing)"; return; } ;;
      @later=*) later=${o#@later=} ;;
      *) fail "unknown option $o in tests/$kind/cases"; return ;;
    esac
  done
  case $in in -) in=/dev/null ;; *) in=$D/$in ;; esac
  eval "set -- $words"
  if [ "$kind" = busybox ]; then
    prog=/bin/busybox
  else
    prog=$(PATH=/usr/bin:/bin command -v "$1") || { skip "no $1"; return; }
    shift
  fi
  w=$OUT/work/$kind/$name
  rm -rf "$w"
  bb_run "$w" native "$in" "${copies[@]}" -- "$prog" "$@"
  st_n=$?
  bb_run "$w" blink "$in" "${copies[@]}" -- "$BLINK" "$prog" "$@"
  st_b=$?
  r=$(bb_compare "$w" "$st_n" "$st_b" "$nostderr" "$empty")
  case $r in
    FAIL:*) [ -n "$later" ] && r="SKIP: see findings.md \"$later\":${r#FAIL:}" ;;
  esac
  echo "$r"
}

# bb_run W SIDE STDIN COPIES... -- CMD...: runs CMD in W/run (after
# copying the fixtures COPIES there), then renames W/run to W/SIDE.
bb_run() {
  local w=$1 side=$2 in=$3 st
  shift 3
  mkdir -p "$w/run"
  while [ "$1" != -- ]; do
    cp -p "$D/$1" "$w/run/"
    shift
  done
  shift
  if [ "$BB_PIPE" = 1 ]; then
    {
      (cd "$w/run" && cat "$in" 2>/dev/null |
        timeout -k 5 "$TEST_TIMEOUT" "${PROG_ENV[@]}" "$@" >../stdout.$side 2>../stderr.$side)
    } 2>/dev/null
  else
    {
      (cd "$w/run" && exec timeout -k 5 "$TEST_TIMEOUT" "${PROG_ENV[@]}" "$@" \
        <"$in" >../stdout.$side 2>../stderr.$side)
    } 2>/dev/null
  fi
  st=$?
  mv "$w/run" "$w/$side"
  mv "$w/stdout.$side" "$w/$side/stdout"
  mv "$w/stderr.$side" "$w/$side/stderr"
  # What the run left behind: type, mode, size, contents, link target
  # (blink.log is blink's own, e.g. a note on an unimplemented call).
  (cd "$w/$side" && find . ! -name . ! -path ./blink.log ! -path ./stdout ! -path ./stderr \
    -printf '%y %m %s %p -> %l\n' | LC_ALL=C sort |
    while read -r t m sz p rest; do
      case $t in
        f) echo "$t $m $sz $p $(md5sum <"$p" | cut -c1-32)" ;;
        d) echo "$t $m $p" ;;
        *) echo "$t $m $sz $p $rest" ;;
      esac
    done) >"$w/$side.files"
  return $st
}

# bb_compare W ST_NATIVE ST_BLINK NOSTDERR EMPTY: the verdict on a pair
# of bb_run runs.
bb_compare() {
  local w=$1 st_n=$2 st_b=$3 nostderr=$4 empty=$5 r
  if r=$(check_blink "$w/blink"); then
    fail "$r"
  elif [ "$st_n" = 124 ] || [ "$st_n" -ge 128 ]; then
    fail "native run: status $st_n (a test bug?): $(first_line "$w/native/stderr")"
  elif [ "$st_b" = 124 ]; then
    fail "timed out after ${TEST_TIMEOUT}s"
  elif [ "$empty" = 0 ] && [ ! -s "$w/native/stdout" ] && [ ! -s "$w/native.files" ] &&
    { [ "$nostderr" = 1 ] || [ ! -s "$w/native/stderr" ]; }; then
    # Comparing two empty outputs proves nothing.
    fail "native run printed nothing (status $st_n)"
  elif ! cmp -s "$w/blink/stdout" "$w/native/stdout"; then
    fail "stdout differs, $(first_diff "$w/blink/stdout" "$w/native/stdout") $(first_line "$w/blink/stderr")"
  elif [ "$nostderr" = 0 ] && ! cmp -s "$w/blink/stderr" "$w/native/stderr"; then
    fail "stderr differs, $(first_diff "$w/blink/stderr" "$w/native/stderr")"
  elif [ "$st_b" != "$st_n" ]; then
    fail "status $st_b, native $st_n: $(first_line "$w/blink/stderr")"
  elif ! cmp -s "$w/blink.files" "$w/native.files"; then
    fail "files written differ, $(first_diff "$w/blink.files" "$w/native.files")"
  else
    pass
  fi
}

# t_busybox_pipe: `busybox seq 1 1000 | busybox tail -1`, blink on both
# sides of the pipe.
t_busybox_pipe() {
  local w=$OUT/work/busybox/pipe st r
  rm -rf "$w"
  mkdir -p "$w"
  {
    (cd "$w" && "${RUN_ENV[@]}" timeout -k 5 "$TEST_TIMEOUT" "$BLINK" /bin/busybox seq 1 1000 2>stderr1 |
      "${RUN_ENV[@]}" timeout -k 5 "$TEST_TIMEOUT" "$BLINK" /bin/busybox tail -1 >stdout 2>stderr2
     echo "${PIPESTATUS[*]}" >status)
  } 2>/dev/null
  st=$(cat "$w/status")
  cat "$w/stderr1" "$w/stderr2" >"$w/stderr"
  if r=$(check_blink "$w"); then
    fail "$r"
  elif [ "$st" != "0 0" ]; then
    fail "statuses $st: $(first_line "$w/stderr")"
  elif [ "$(cat "$w/stdout")" != 1000 ]; then
    fail "printed [$(first_line "$w/stdout")], expected [1000]"
  else
    pass
  fi
}

# t_decode_lengths: the decoder against objdump (tests/decode-lengths.sh).
t_decode_lengths() {
  local script=$SRC/decode-lengths.sh w st
  [ -f "$script" ] || { skip "tests/decode-lengths.sh missing"; return; }
  w=$OUT/work/decode-lengths
  if [ -x "$TOP_BUILDDIR/tests/decode-lengths" ]; then
    export DECODE_LENGTHS=$TOP_BUILDDIR/tests/decode-lengths
  fi
  run_in "$w" /dev/null "$HELPER_TIMEOUT" -- sh "$script"
  st=$?
  if [ "$st" = 77 ]; then
    skip "$(tail -n1 "$w/stdout")"
  elif [ "$st" != 0 ]; then
    fail "status $st: $(grep -m1 -iE 'identical|fail|error' "$w/stdout" "$w/stderr" | cut -c1-100)"
  else
    pass
  fi
}

# t_disasm_compare: the disassembler against objdump
# (tests/disasm-compare.sh, which exits 77 to skip).
t_disasm_compare() {
  local script=$SRC/disasm-compare.sh w st
  [ -f "$script" ] || { skip "tests/disasm-compare.sh missing"; return; }
  w=$OUT/work/disasm-compare
  export DISASM_COMPARE=$TOP_BUILDDIR/tests/disasm-compare
  export FUZZ_ISA=$TOP_BUILDDIR/tests/isa/fuzz-isa
  export TEST_OUT=$OUT
  run_in "$w" /dev/null "$HELPER_TIMEOUT" -- bash "$script"
  st=$?
  if [ "$st" = 77 ]; then
    skip "$(tail -n1 "$w/stdout")"
  elif [ "$st" != 0 ]; then
    fail "status $st: $(grep -m1 -iE 'identical|fail|error' "$w/stdout" "$w/stderr" | cut -c1-100)"
  else
    pass
  fi
}

# t_ui SCRIPT: a blinkenlights test driven through tmux (tests/ui/*.sh,
# which exit 77 to skip: no tmux, no blinkenlights, no demo).
t_ui() {
  local script=$1 w st name
  name=$(basename "$script" .sh)
  command -v tmux >/dev/null 2>&1 || { skip "no tmux (install tmux)"; return; }
  w=$OUT/work/ui-$name
  export BLINKENLIGHTS=$TOP_BUILDDIR/blinkenlights
  export DEMO=$TOP_BUILDDIR/examples/demo
  run_in "$w" /dev/null "$HELPER_TIMEOUT" -- bash "$script"
  st=$?
  if [ "$st" = 77 ]; then
    skip "$(tail -n1 "$w/stdout")"
  elif [ "$st" != 0 ]; then
    fail "status $st: $(grep -m1 -E 'FAIL' "$w/stdout" "$w/stderr" | cut -c1-120)"
  else
    pass
  fi
}

# t_image SCRIPT: a disk image nobody here wrote (../shared/testdata)
# booted headless by tests/images/*.sh, which exit 77 to skip (no test
# data: a fresh clone has no ../shared) and print "FAIL reason" lines.
t_image() {
  local script=$1 w st name
  name=$(basename "$script" .sh)
  w=$OUT/work/images-$name
  mkdir -p "$w"
  run_in "$w" /dev/null "$HELPER_TIMEOUT" -- env BLINK="$BLINK" \
    TESTDATA="${TESTDATA:-$TOP_SRCDIR/../shared/testdata}" WORK="$w/work" \
    bash "$script"
  st=$?
  if [ "$st" = 77 ]; then
    skip "$(tail -n1 "$w/stdout")"
  elif [ "$st" != 0 ]; then
    fail "status $st: $(grep -m1 -E '^FAIL' "$w/stdout" | cut -c1-160)"
  else
    pass
  fi
}

# ---------------------------------------------------------------- setup
# The bad inputs, made from tests/bad (quick: one small static build).
# Failures here show up as the affected tests failing.
make_bad_inputs() {
  local d=$OUT/bad f b off i n type
  mkdir -p "$d"
  build_c "$GUEST_CC" "$d/tiny" "$SRC/bad/tiny.c" || return 1
  for f in "$SRC"/bad/*.S; do
    b=$(basename "$f" .S)
    newer "$d/$b.bin" "$f" && continue
    "$GUEST_CC" -c -o "$d/$b.o" "$f" >"$d/$b.log" 2>&1 &&
      objcopy -O binary -j .text "$d/$b.o" "$d/$b.bin" >>"$d/$b.log" 2>&1 &&
      chmod +x "$d/$b.bin"
  done
  printf 'echo this is a shell script, not a program\n' >"$d/text"
  chmod +x "$d/text"
  head -c 100 "$d/tiny" >"$d/truncated"
  chmod +x "$d/truncated"
  # e_machine (offset 18) = 0x28, ARM.
  cp "$d/tiny" "$d/arm"
  printf '\050\000' | dd of="$d/arm" bs=1 seek=18 conv=notrunc 2>/dev/null
  # EI_CLASS (offset 4) = 1, a 32-bit ELF.
  cp "$d/tiny" "$d/elf32"
  printf '\001' | dd of="$d/elf32" bs=1 seek=4 conv=notrunc 2>/dev/null
  # e_phoff (offset 32) = 16 MiB, far past the end of the file.
  cp "$d/tiny" "$d/phoff"
  printf '\000\000\000\001\000\000\000\000' |
    dd of="$d/phoff" bs=1 seek=32 conv=notrunc 2>/dev/null
  # The first PT_LOAD with file contents gets p_offset += 1 GiB (still
  # congruent with p_vaddr modulo the page size): its data is past EOF.
  cp "$d/tiny" "$d/segment"
  off=$(od -An -t u8 -j 32 -N 8 "$d/tiny" | tr -d ' ')
  n=$(od -An -t u2 -j 56 -N 2 "$d/tiny" | tr -d ' ')
  for ((i = 0; i < n; i++)); do
    type=$(od -An -t u4 -j $((off + i * 56)) -N 4 "$d/tiny" | tr -d ' ')
    b=$(od -An -t u8 -j $((off + i * 56 + 32)) -N 8 "$d/tiny" | tr -d ' ')
    if [ "$type" = 1 ] && [ "$b" -gt 0 ]; then
      printf '\000\000\000\100' |
        dd of="$d/segment" bs=1 seek=$((off + i * 56 + 8 + 3)) conv=notrunc 2>/dev/null
      break
    fi
  done
  : >"$d/empty"
  chmod +x "$d/empty"
  cp "$d/tiny" "$d/noexec"
  chmod a-x "$d/noexec"
  mkdir -p "$d/directory"
}

# ---------------------------------------------------------------- pool
T_NAMES=()
T_CMDS=()
add() {
  local name=$1
  shift
  if [ -n "$TESTS" ] && ! echo "$name" | grep -qE -- "$TESTS"; then
    return
  fi
  T_NAMES+=("$name")
  T_CMDS+=("$(printf '%q ' "$@")")
}

PASSED=0 FAILED=0 SKIPPED=0 PRINTED=0
flush() {
  local line name
  while [ "$PRINTED" -lt "${#T_NAMES[@]}" ] && [ -e "$OUT/results/$PRINTED.done" ]; do
    name=${T_NAMES[$PRINTED]}
    [ "$TEST_TIMES" = 1 ] && name="$name ($(cat "$OUT/results/$PRINTED.ms") ms)"
    line=$(tail -n1 "$OUT/results/$PRINTED")
    case $line in
      PASS) echo "PASS $name"; PASSED=$((PASSED + 1)) ;;
      SKIP:*) echo "SKIP $name:${line#SKIP:}"; SKIPPED=$((SKIPPED + 1)) ;;
      FAIL:*) echo "FAIL $name:${line#FAIL:}"; FAILED=$((FAILED + 1)) ;;
      *) echo "FAIL $name: the test itself broke: $(head -c 100 "$OUT/results/$PRINTED.err")"
         FAILED=$((FAILED + 1)) ;;
    esac
    PRINTED=$((PRINTED + 1))
  done
}

run_pool() {
  local next=0 running=0 n=${#T_NAMES[@]}
  rm -rf "$OUT/results"
  mkdir -p "$OUT/results"
  while :; do
    while [ "$running" -lt "$JOBS" ] && [ "$next" -lt "$n" ]; do
      (
        t0=$(date +%s%N)
        eval "${T_CMDS[$next]}" >"$OUT/results/$next" 2>"$OUT/results/$next.err"
        echo $((($(date +%s%N) - t0) / 1000000)) >"$OUT/results/$next.ms"
        : >"$OUT/results/$next.done"
      ) &
      running=$((running + 1))
      next=$((next + 1))
    done
    [ "$running" -eq 0 ] && break
    wait -n
    running=$((running - 1))
    flush
  done
  wait
  flush
}

# add_cases KIND FUNC: adds tests/KIND/cases, one test a line (NAME
# STDIN [@OPTION...] ARGUMENTS, see t_bbcase) run by FUNC. Under
# sanitizers (FAST=1) every fourth case runs.
add_cases() {
  local kind=$1 fn=$2 name in rest opts n=0
  local -A seen=()
  while read -r name in rest; do
    case $name in '' | '#'*) continue ;; esac
    if [ -n "${seen[$name]:-}" ]; then
      add "$kind/$name" t_skip_fail "duplicate name in tests/$kind/cases"
      continue
    fi
    seen[$name]=1
    n=$((n + 1))
    [ "$FAST" = 1 ] && [ $((n % 4)) != 1 ] && continue
    opts=
    while [[ $rest == @* ]]; do
      opts="$opts ${rest%% *}"
      rest=${rest#* }
    done
    add "$kind/$name" "$fn" "$name" "$in" "$opts" "$rest"
  done <"$SRC/$kind/cases"
}

# ---------------------------------------------------------------- main
mkdir -p "$OUT"
# Why busybox can't be used, if it can't.
NO_BUSYBOX=
if [ ! -x /bin/busybox ]; then
  NO_BUSYBOX="no /bin/busybox"
elif readelf -l /bin/busybox 2>/dev/null | grep -q INTERP; then
  # Debian's busybox package is dynamic; busybox-static is what we want.
  NO_BUSYBOX="/bin/busybox is dynamically linked (install busybox-static)"
fi
if [ ! -x "$BLINK" ]; then
  echo "run-tests: no blink at $BLINK (set BLINK)" >&2
fi
make_bad_inputs
STATIC_PIE=0
links "$GUEST_CC" -static-pie -fPIE && STATIC_PIE=1
NO_MUSL=
if [ -z "$MUSL_CC" ]; then
  NO_MUSL="no musl-gcc (install musl-tools)"
elif ! links "$MUSL_CC" -static; then
  NO_MUSL="$MUSL_CC cannot link a static program"
  MUSL_CC=
fi

add cli/help t_cli help 0 stdout -h
add cli/version t_cli version 0 stdout -v
add cli/strace t_strace
add cli/strace-net t_strace_net
add cli/strace-decode t_strace_decode
add cli/strace-structs t_strace_structs
add cli/stats-threads t_stats_threads
add cli/stats-exec t_stats_exec
add cli/unsupported-once t_unsupported_once
add cli/unix-root t_unix_root
add cli/no-program t_cli no-program 1 stderr
add cli/unknown-flag t_cli unknown-flag 1 stderr -@ "$OUT/bad/tiny"
add cli/argv0 t_argv0
add cli/stats t_stats
add cli/stats-syscalls t_stats_syscalls
add cli/chroot-missing-dir t_cli chroot-missing-dir 1 stderr -C /nonexistent/dir "$OUT/bad/tiny"
add cli/big-arguments t_bigargs

[ -n "$NO_MUSL" ] && [ "$FAST" != 1 ] && add prog/musl t_skip "$NO_MUSL"
# Can the host run code built for x86-64-v2 plus BMI and friends?
HOST_V2=1
for f in ssse3 sse4_1 sse4_2 popcnt abm bmi1 bmi2 movbe adx cx16; do
  grep -qw "$f" /proc/cpuinfo 2>/dev/null || HOST_V2=0
done
[ "$HOST_V2" = 0 ] && [ "$FAST" != 1 ] &&
  add prog/v2 t_skip "the host CPU lacks an x86-64-v2/BMI2/ADX feature: no .v2 builds"
for src in "$SRC"/programs/*.c; do
  b=$(basename "$src" .c)
  # "@libs -lz ..." links the system's static libraries (glibc-built:
  # no musl variant); a program whose libraries aren't installed skips.
  libs=$(directive libs "$src")
  # shellcheck disable=SC2086
  if [ -n "$libs" ] && ! links "$GUEST_CC" -static $libs; then
    add "prog/$b" t_skip "cannot link $libs statically (install the -dev packages)"
    continue
  fi
  add "prog/$b" t_program "$b" "$GUEST_CC" "$src"
  [ "$FAST" = 1 ] && continue
  if [ -n "$MUSL_CC" ] && [ -z "$libs" ]; then
    add "prog/$b.musl" t_program "$b.musl" "$MUSL_CC" "$src"
  fi
  # Static PIE: an ET_DYN image that relocates itself at start-up.
  # shellcheck disable=SC2086
  if [ "$STATIC_PIE" = 1 ] && { [ -z "$libs" ] || links "$GUEST_CC" -static-pie -fPIE $libs; }; then
    add "prog/$b.pie" t_program "$b.pie" "$GUEST_CC" "$src" "-static-pie -fPIE"
  fi
  # (A library program's own code is only glue: no more variants.)
  [ -n "$libs" ] && continue
  # What issue 3 asks of the ISA: the output of -O3 code (vectorized
  # loops, cmov, bit tricks) and of x87 code for all float and double
  # arithmetic matches the host's.
  add "prog/$b.O3" t_program "$b.O3" "$GUEST_CC" "$src" "" "-O3 -march=x86-64"
  add "prog/$b.387" t_program "$b.387" "$GUEST_CC" "$src" "" "-mfpmath=387"
  # blink's CPUID offers SSSE3, SSE4.1/4.2, POPCNT, LZCNT, BMI1/2, MOVBE
  # and ADX: the real-* programs built to use them must agree too.
  case $b in
    real-*) [ "$HOST_V2" = 1 ] && add "prog/$b.v2" t_program "$b.v2" "$GUEST_CC" "$src" "" \
      "-O3 -march=x86-64-v2 -mlzcnt -mbmi -mbmi2 -mmovbe -madx" ;;
  esac
done

for src in "$SRC"/asm/*.S; do
  b=$(basename "$src" .S)
  add "asm/$b" t_asm "$b" "$src"
done

add_boot_tests

B=$OUT/bad
add bad/text-file t_bad text-file 127 1 "$B/text"
add bad/truncated-elf t_bad truncated-elf 127 1 "$B/truncated"
add bad/arm-elf t_bad arm-elf 127 1 "$B/arm"
add bad/elf32 t_bad elf32 127 1 "$B/elf32"
add bad/phdrs-past-end t_bad phdrs-past-end 127 1 "$B/phoff"
add bad/segment-past-end t_bad segment-past-end 127 1 "$B/segment"
add bad/empty-file t_bad empty-file 127 1 "$B/empty"
# bash says 126 "Is a directory"; blink may say 127 "not a program".
add bad/directory t_bad directory "126 127" 1 "$B/directory"
add bad/missing-file t_bad missing-file 127 1 "$B/no-such-file"
add bad/not-executable t_bad not-executable 126 1 "$B/noexec"
add bad/dynamic t_dynamic
add dyn/true t_dyn true /dev/null /bin/true
add dyn/false t_dyn false /dev/null /bin/false
add dyn/ls-root t_dyn ls-root /dev/null /bin/ls /
add dyn/ls-l t_dyn ls-l /dev/null /bin/ls -l /usr
add dyn/sh-c t_dyn sh-c /dev/null /bin/sh -c 'for i in 1 2 3; do echo "line $i"; done; echo $((6 * 7))'
add dyn/bash-c t_dyn bash-c /dev/null /bin/bash -c 'x=5; echo $((x * 2)); for f in a b; do echo "$f"; done; [[ abc == a* ]] && echo glob; printf "%05.1f\n" 3.14159'
add dyn/sort t_dyn sort "$SRC/dyn/dynprog.c" /usr/bin/sort
add dyn/sha256sum t_dyn sha256sum "$SRC/dyn/dynprog.c" /usr/bin/sha256sum
add dyn/python3 t_dyn python3 /dev/null /usr/bin/python3 -c 'import json, sys; print(json.dumps({"sum": sum(range(100)), "v": sys.version_info[0]}))'
add dyn/python3-script t_dyn python3-script /dev/null /usr/bin/python3 "$SRC/dyn/script.py"
add dyn/gcc-hello t_gcc_hello
add dyn/make-project t_make_project
# TCP over loopback: threads, a child python3, socketserver, selectors.
add dyn/python3-tcp t_dyn python3-tcp /dev/null /usr/bin/python3 "$SRC/dyn/tcp.py"
# fork, signals, timers, subprocess pipelines, thread and process pools.
add dyn/python3-procs t_dyn python3-procs /dev/null /usr/bin/python3 "$SRC/dyn/procs.py"
add dyn/ldso-direct t_dyn ldso-direct /dev/null /lib64/ld-linux-x86-64.so.2 /bin/echo run by the loader
add dyn/glibc-auxv t_dynprog glibc-auxv "$GUEST_CC"
if [ -n "$NO_MUSL" ]; then add dyn/musl-auxv t_skip "$NO_MUSL"; else
  add dyn/musl-auxv t_dynprog musl-auxv "$MUSL_CC"; fi
add dyn/overlays t_overlays
add dyn/interp-missing t_badinterp missing /nonexistent/ld.so
add dyn/interp-not-elf t_badinterp not-elf "$SRC/dyn/dynprog.c"
add dyn/interp-dynamic t_badinterp dynamic /bin/true
add flat/exit7 t_flat exit7 7 ""
add flat/hello t_flat hello 5 "hello from a flat binary"
add flat/ud2 t_bad flat-ud2 132 - "$B/ud2.bin"
add flat/invalid-opcode t_bad flat-invalid-opcode 132 - "$B/badop.bin"
add flat/wild-jump t_bad flat-wild-jump 139 - "$B/wildjump.bin"

fuzz_count=300000
[ "$FAST" = 1 ] && fuzz_count=50000
# The known ones are listed (SKIP when not built); any other test-*
# program there runs too.
helpers=" test-alu test-sse test-x87 test-memory "
for f in "$TOP_BUILDDIR"/tests/vm/test-*; do
  t=$(basename "$f")
  case $t in *.*) continue ;; esac
  [ -x "$f" ] && [[ $helpers != *" $t "* ]] && helpers="$helpers$t "
done
for t in $helpers; do
  add "vm/$t" t_helper "vm/$t" "$TOP_BUILDDIR/tests/vm/$t"
done
# The PC's devices and parts (src/pc): tests/pc/test-*, run the same way.
pc_helpers=" test-pic test-pit test-kbd test-cmos test-uart test-vga test-misc "
for f in "$TOP_BUILDDIR"/tests/pc/test-*; do
  t=$(basename "$f")
  case $t in *.*) continue ;; esac
  [ -x "$f" ] && [[ $pc_helpers != *" $t "* ]] && pc_helpers="$pc_helpers$t "
done
for t in $pc_helpers; do
  add "pc/$t" t_helper "pc/$t" "$TOP_BUILDDIR/tests/pc/$t"
done
# src/dbg against nm, addr2line and objdump (built only with the TUI).
add dbg/test-dbg t_helper dbg/test-dbg "$TOP_BUILDDIR/tests/dbg/test-dbg" \
  "$TOP_SRCDIR"
add dbg/test-maps t_helper dbg/test-maps "$TOP_BUILDDIR/tests/dbg/test-maps" \
  "$TOP_SRCDIR"
# fuzz-syscall SEED BATCHES CALLS: random calls into the syscall layer.
fuzz_batches=60
[ "$FAST" = 1 ] && fuzz_batches=15
add fuzz/fuzz-syscall t_helper fuzz/fuzz-syscall \
  "$TOP_BUILDDIR/tests/fuzz/fuzz-syscall" 1 "$fuzz_batches" 400
add fuzz/fuzz-decode t_helper fuzz/fuzz-decode \
  "$TOP_BUILDDIR/tests/fuzz/fuzz-decode" 1 "$fuzz_count"
add decode-lengths t_decode_lengths
# The differential ISA tester: a fixed seed, so a failure reproduces.
isa_count=250000
[ "$FAST" = 1 ] && isa_count=20000
add isa/fuzz-isa t_helper isa/fuzz-isa "$TOP_BUILDDIR/tests/isa/fuzz-isa" \
  --seed 20261121 --count "$isa_count"
add disasm/compare t_disasm_compare
add ui/test-layout t_helper ui/test-layout "$TOP_BUILDDIR/tests/ui/test-layout"
add ui/test-cmd t_helper ui/test-cmd "$TOP_BUILDDIR/tests/ui/test-cmd" \
  "$SRC/ui/progs/overflow.c"
add ui/test-zoom t_helper ui/test-zoom "$TOP_BUILDDIR/tests/ui/test-zoom"
add ui/test-screen t_helper ui/test-screen "$TOP_BUILDDIR/tests/ui/test-screen"
add ui/test-pckeys t_helper ui/test-pckeys "$TOP_BUILDDIR/tests/ui/test-pckeys"
# Under sanitizers (FAST=1) the batch-mode and command-line scripts run
# (they drive the interpreter, the history and the symbols); the tmux
# ones are timing-sensitive under ASan's slowdown and run in the full set.
for f in "$SRC"/ui/*.sh; do
  [ -f "$f" ] || continue
  n=$(basename "$f" .sh)
  if [ "$FAST" = 1 ] && [ "${n#tui-}" != "$n" ]; then
    add "ui/$n" t_skip "tmux tests run in the full set, not under sanitizers"
  else
    add "ui/$n" t_ui "$f"
  fi
done

# Real-mode and bare-metal images from ../shared/testdata (TESTDATA).
for f in "$SRC"/images/*.sh; do
  n=$(basename "$f" .sh)
  [ "$n" = lib ] && continue
  # The two longest runs (about 25 s each): in the full set only.
  if [ "$FAST" = 1 ] && { [ "$n" = freedos ] || [ "$n" = gameoflife ]; }; then
    add "images/$n" t_skip "runs in the full set, not under sanitizers"
  else
    add "images/$n" t_image "$f"
  fi
done

if [ -n "$NO_BUSYBOX" ]; then
  add busybox t_skip "$NO_BUSYBOX"
  add coreutils t_skip "$NO_BUSYBOX: it makes the fixtures"
else
  # The fixtures, made by the host's busybox; cases read them as $D.
  D=$OUT/busybox-data
  bash "$SRC/busybox/make-data.sh" "$SRC/busybox/data" "$D" /bin/busybox \
    >"$OUT/busybox-data.log" 2>&1 ||
    add busybox/make-data t_skip_fail "make-data.sh failed: $(first_line "$OUT/busybox-data.log")"
  add busybox/pipe t_busybox_pipe
  add_cases busybox t_bbcase
  # Shell scripts run by busybox sh (their first argument is $D).
  for f in "$SRC"/busybox/scripts/*.sh; do
    [ -f "$f" ] || continue
    n=script-$(basename "$f" .sh)
    add "busybox/$n" t_bbcase "$n" - "" "sh $(printf %q "$f") \"\$D\""
  done
  # Programs nobody here wrote, dynamically linked, on the same fixtures.
  add_cases coreutils t_cucase
fi
t_skip_fail() { fail "$1"; }
t_skip() { skip "$1"; }

run_pool

summary="$PASSED passed, $FAILED failed"
[ "$SKIPPED" -gt 0 ] && summary="$summary, $SKIPPED skipped"
echo "$summary"
[ "$FAILED" -eq 0 ]
exit
}
