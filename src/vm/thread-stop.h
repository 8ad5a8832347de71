/* thread-stop.h: the debugger's all-stop for guest threads (thread-stop.c,
 * the front end's side is in debug.h). */
#ifndef BLINK_VM_THREAD_STOP_H
#define BLINK_VM_THREAD_STOP_H

struct Machine;

/* A guest thread other than the debugger's (syscall-thread.c
 * thread_main) is out of vm_run with stop (not STOP_EXIT/STOP_SIGNAL):
 * under a debugger, a breakpoint (STOP_BREAK) stops every thread, and a
 * paused process parks the caller here until the debugger resumes it. */
void thread_stop_point(struct Machine *m, int stop);

#endif
