/* log.c: the log file.
 *
 * Lines go to blink.log in the starting directory (or -L PATH, or
 * $BLINK_LOG_FILENAME), created only when the first line is written, and
 * with -e to standard error as well. The log's descriptor is moved to
 * 1000 or above and marked close-on-exec because guest descriptors map
 * 1:1 onto host ones: a low log fd would be visible to (and clobbered by)
 * the guest's open/dup2. Each line names the host thread that wrote it
 * (the process id for the first thread; a guest thread's id otherwise,
 * which is the id the guest sees). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 /* gettid */
#endif
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define LOG_MIN_FD 1000
#define LOG_LINE_MAX 4096
#define LOG_ONCE_MAX 512

static char log_path[PATH_MAX];
static int log_path_set;   /* log_path holds the final, absolute choice */
static int log_stderr;
static int log_fd_ = -1;
static int log_failed;     /* opening failed once: do not retry per line */

static uint64_t log_once_keys[LOG_ONCE_MAX];
static unsigned log_once_count;

/* Resolve a path against the current directory now, so that a guest
 * chdir() later does not move the log. */
static void log_set_path(const char *path) {
  log_path_set = 1;
  if (!path || !*path) path = "blink.log";
  if (path[0] == '/') {
    snprintf(log_path, sizeof(log_path), "%s", path);
    return;
  }
  char cwd[PATH_MAX];
  size_t c, p = strlen(path);
  if (getcwd(cwd, sizeof(cwd)) && (c = strlen(cwd)) + 1 + p < sizeof(log_path)) {
    memcpy(log_path, cwd, c);
    log_path[c] = '/';
    memcpy(log_path + c + 1, path, p + 1);
  } else {
    snprintf(log_path, sizeof(log_path), "%s", path);
  }
}

void log_init(const char *path, int also_stderr) {
  log_stderr = also_stderr;
  if (!path) path = getenv("BLINK_LOG_FILENAME");
  if (log_fd_ >= 0) {
    close(log_fd_);
    log_fd_ = -1;
  }
  log_failed = 0;
  log_set_path(path);
}

/* The log's host descriptor, or -1 while none is open (the system call
 * layer keeps the guest off it). */
int log_fd(void) { return log_fd_; }

/* Guest threads log from several host threads: the first open and the
 * once-table are taken under this lock (a line is one write). */
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

static int log_open_locked(void);

static int log_open(void) {
  if (log_fd_ >= 0) return log_fd_;
  pthread_mutex_lock(&log_lock);
  int fd = log_open_locked();
  pthread_mutex_unlock(&log_lock);
  return fd;
}

static int log_open_locked(void) {
  if (log_fd_ >= 0) return log_fd_;
  if (log_failed) return -1;
  if (!log_path_set) log_init(NULL, log_stderr);
  int fd = open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) {
    log_failed = 1;
    return -1;
  }
  int hi = fcntl(fd, F_DUPFD_CLOEXEC, LOG_MIN_FD);
  if (hi >= 0) {
    close(fd);
    fd = hi;
  }
  log_fd_ = fd;
  return fd;
}

static void write_all(int fd, const char *p, size_t n) {
  while (n) {
    ssize_t w = write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return;
    }
    p += w;
    n -= (size_t)w;
  }
}

void vblog(const char *fmt, va_list va) {
  int saved = errno; /* callers often log and then return -errno */
  char line[LOG_LINE_MAX];
  struct timespec ts;
  struct tm tm;
  clock_gettime(CLOCK_REALTIME, &ts);
  gmtime_r(&ts.tv_sec, &tm);
  int n = snprintf(line, sizeof(line), "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ %d ",
                   tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                   tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000, (int)gettid());
  if (n < 0) n = 0;
  size_t head = (size_t)n;
  int k = vsnprintf(line + head, sizeof(line) - head - 1, fmt, va);
  size_t len = head + (k < 0 ? 0 : (size_t)k);
  if (len > sizeof(line) - 2) len = sizeof(line) - 2;
  line[len++] = '\n';
  int fd = log_open();
  if (fd >= 0) write_all(fd, line, len);
  /* Standard error gets the message without the time stamp. */
  if (log_stderr) {
    char e[LOG_LINE_MAX];
    size_t m = len - head;
    memcpy(e, "blink: ", 7);
    memcpy(e + 7, line + head, m);
    write_all(2, e, 7 + m);
  }
  errno = saved;
}

void blog(const char *fmt, ...) {
  va_list va;
  va_start(va, fmt);
  vblog(fmt, va);
  va_end(va);
}

/* FNV-1a: the keys are short strings and the table is tiny. */
static uint64_t log_hash(const char *s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (; *s; ++s) h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
  return h | 1;
}

void blog_once(const char *key, const char *fmt, ...) {
  uint64_t h = log_hash(key);
  pthread_mutex_lock(&log_lock);
  for (unsigned j = 0; j < log_once_count; ++j) {
    if (log_once_keys[j] == h) {
      pthread_mutex_unlock(&log_lock);
      return;
    }
  }
  if (log_once_count < LOG_ONCE_MAX) log_once_keys[log_once_count++] = h;
  pthread_mutex_unlock(&log_lock);
  va_list va;
  va_start(va, fmt);
  vblog(fmt, va);
  va_end(va);
}
