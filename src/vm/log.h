/* log.h: the log file (blink.log by default; -L and -e choose). */
#ifndef BLINK_VM_LOG_H
#define BLINK_VM_LOG_H

#include <stdarg.h>

/* Where the log goes: path (NULL keeps the default, "blink.log" in the
 * starting directory, or $BLINK_LOG_FILENAME) and whether every line is
 * also written to standard error. The file is created on the first line. */
void log_init(const char *path, int also_stderr);

/* Append one line (a newline is added). Safe to call before log_init. */
void blog(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vblog(const char *fmt, va_list va);

/* The log file's descriptor, or -1 before the first line (the system
 * call layer keeps the guest's hands off it). */
int log_fd(void);

/* Log a message only the first time this exact key string is seen, for
 * "unimplemented syscall X" style messages that would otherwise repeat. */
void blog_once(const char *key, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
