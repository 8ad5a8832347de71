/* history.h: reverse execution: recording, rewinding and replaying.
 *
 * DESIGN
 *
 * Positions. A position is a count of instructions since recording began
 * (Machine.icount minus a base). Position p is the state before the
 * instruction numbered p runs. The recording covers [oldest, present].
 *
 * Epochs. The recording is a sequence of epochs; epoch c starts at
 * position P[c] with a checkpoint: the architectural CPU state (the top of
 * struct Machine: GPRs, RIP, RFLAGS and the lazy flags, segments, SSE,
 * x87/MMX) and the list of mapped regions. An epoch ends at the next
 * "event": a system call that changes mappings or the process (mmap,
 * munmap, mprotect, brk, mremap, madvise, clone, execve, exit...), a CPU
 * exception handed to on_exception (signal delivery or death, counted as
 * one pseudo-instruction), or any return of vm_run while live and any
 * trap during a live vm_step (a trap can stop a rep string instruction
 * half way). The event instruction is always the last of its epoch, so
 * inside an epoch execution is a pure function of the checkpoint and
 * memory.
 *
 * Other system calls are logged inside the epoch: the state after the
 * call (only the GPR..RFLAGS prefix when nothing else changed) and the
 * bytes it wrote (mem_copy_out exactly; whole pages for stores through
 * translate(), whose write tags are dropped on entry). Re-execution
 * applies the record in op_syscall instead of dispatching the call.
 *
 * Memory: copy-on-first-write pages (undo). While live, a page's write
 * tag in the TLB is only filled once the page has been saved in the
 * current epoch (a vpn -> epoch-sequence hash, looked up on the slow path
 * only). The first store to a page in an epoch takes mem_store_slow ->
 * translate(), which copies the page's 4 KiB into the epoch's undo set;
 * later stores to it run on the unmodified fast path. A new epoch flushes
 * the TLB, so write tags are earned again. System calls write through
 * mem_copy_out, which saves pages the same way. Mapping changes save the
 * resident host pages (mincore) of any range mapped over, unmapped or
 * moved, and remember the range ("touched"), so the region can be rebuilt.
 * Cost: one 4 KiB copy and one slow-path fill per page written per epoch,
 * nothing per store; measured in the status note (s4/history-status.md).
 *
 * Going back to t: undo epochs from the current one down to the epoch e
 * holding t (each undo: reconcile regions to that checkpoint's list, write
 * back its undo pages with mem_poke, which also drops decoded code of
 * those pages), restore e's CPU checkpoint, then re-execute t - P[e]
 * instructions with vm_step. The first time an ended epoch is undone,
 * the pages it wrote are first captured as they are at its end (its redo
 * set), since undo destroys them.
 *
 * Going forward (replay): within an epoch, re-execute (logged system
 * calls replayed from the log); across an epoch's
 * end (its event), apply its redo set and the next checkpoint instead of
 * executing the event, so system calls are never re-run and their effects
 * (memory, registers, mappings) come back exactly. Reaching the present
 * position makes the machine live again: recording continues. The Linux
 * process state (struct Sys: brk, fds, signal actions) is never rolled
 * back; it is only used live, and live only resumes at the present.
 *
 * Budget: undo/redo page bytes plus checkpoints are counted; when a new
 * checkpoint makes the total exceed the budget, the oldest epochs are
 * freed (never the one holding the current position).
 *
 * Rules for front ends: with history on, run with history_run and
 * history_step (not vm_run/vm_step) so that every live stop is an epoch
 * boundary; move in the past with history_seek and friends. Long pure
 * compute loops have no events: call history_request_checkpoint() from a
 * timer (e.g. every 100 ms) to bound re-execution on the way back.
 *
 * Not yet: threads (one Machine only: creating a thread ends the
 * recording, history_threads); async signals arriving during a
 * replay; "wrote" means "changed the bytes" (a store of the same value is
 * not found by history_find_write). */
#ifndef BLINK_VM_HISTORY_H
#define BLINK_VM_HISTORY_H

#include <stddef.h>
#include <stdint.h>

struct Machine;

/* Start recording at the current state with a memory budget in bytes (0
 * for the default, 1 GiB). Returns 0, -1 when out of memory, or -2 when
 * guest threads share the machine's memory (only one thread can be
 * recorded: creating one ends the recording, history_threads). */
int history_enable(struct Machine *m, size_t budget_bytes);
void history_disable(struct Machine *m);
int history_enabled(struct Machine *m);
/* From inside the live clone that creates a guest thread (syscall-thread
 * .c): other threads' writes cannot be recorded, so the recording ends.
 * The history is freed (as history_disable) when the history_run or
 * history_step that is running returns (history_run with STOP_NONE, as
 * after vm_interrupt: run on). Machine.hist_threads keeps the position
 * (icount after the clone) for the front end's "no history" messages. */
void history_threads(struct Machine *m);
/* That position (Machine.icount after the clone), 0 when no thread ended
 * a recording of m. */
uint64_t history_threads_at(struct Machine *m);
/* From inside a live system call that replaced the whole address space
 * (execve): the recorded past describes memory that is gone. Drops it and
 * starts anew with the state after the call (the first epoch); going back
 * stops there. */
void history_forget(struct Machine *m);

/* The recording spans positions [0, history_len]: 0 is the oldest
 * state kept, history_len the present. history_position is where the
 * machine is; the status line shows position - length ("-1234/50000"). */
/* (Not history_length: GNU readline exports a variable of that name,
 * and blinkenlights links both.) */
uint64_t history_len(struct Machine *m);
uint64_t history_position(struct Machine *m);
/* Whether the machine is in the past (replaying), not live. */
int history_replaying(struct Machine *m);

/* Move to position pos (clamped to [0, length]) restoring exact state.
 * Returns the position reached. Seeking never stops at breakpoints or
 * watchpoints (nor do history_step_back / history_replay_forward). */
uint64_t history_seek(struct Machine *m, uint64_t pos);
/* n instructions back / forward (forward stops at the present). */
uint64_t history_step_back(struct Machine *m, uint64_t n);
uint64_t history_replay_forward(struct Machine *m, uint64_t n);

/* One instruction forward: replayed in the past, executed (and recorded)
 * live at the present. Returns the machine's STOP_* reason. */
int history_step(struct Machine *m);
/* vm_run with recording. In the past it first replays forward one
 * instruction at a time, stopping (STOP_BREAK) before an instruction at a
 * breakpoint other than the one it starts at, (STOP_WATCH) after one a
 * watchpoint saw (debug.h), or (STOP_INTERRUPT) on vm_interrupt; at the
 * present it goes on live (a breakpoint right there stops first). */
int history_run(struct Machine *m);
/* Ask for an epoch boundary soon (async-signal safe: sets flags). */
void history_request_checkpoint(struct Machine *m);

/* The debugger changed registers or memory (set, print with side
 * effects): call after the change, so that the recording starts a new
 * epoch there (an edit is not an instruction and cannot be re-executed).
 * Returns -1, changing nothing in the history, while replaying: the
 * caller refuses the edit ("go to the present first"), since editing
 * the past would need the future dropped. */
int history_mark_edit(struct Machine *m);

/* The last instruction before the current position that changed any
 * byte of [a, b): on success moves the machine to that instruction (the
 * state just before it writes) and returns 1 with *pos set; returns 0
 * and leaves the machine where it was when none is recorded. */
int history_find_write(struct Machine *m, uint64_t a, uint64_t b,
                       uint64_t *pos);

/* Reverse continue in general: the last position before the current one
 * whose state satisfies pred (a breakpoint: m->rip == addr; reverse
 * finish: the call that made this frame; a condition). Moves there and
 * returns 1 with *pos set, or returns 0 and stays. pred sees the state
 * before each instruction and must not change it. Costs a re-execution
 * of the epochs it searches. */
int history_search_back(struct Machine *m,
                        int (*pred)(struct Machine *m, void *ctx), void *ctx,
                        uint64_t *pos);

/* Bytes the recording holds now, for -Z and the status line. */
size_t history_bytes(struct Machine *m);

/* Hooks for memory.c / exec.c / ops-misc.c (not for front ends). */
/* A translation of page va (host page h) is being filled: returns 1 when
 * its write tag may be set. write: the access is a store (save the page
 * first if needed). */
int history_page_write(struct Machine *m, uint64_t va, const uint8_t *h,
                       int write);
/* [va, va+len) with host backing h is about to be unmapped, mapped over
 * or moved away. */
void history_range_lost(struct Machine *m, uint64_t va, uint64_t len,
                        const uint8_t *h);
/* [va, va+len) is being mapped afresh (its new content is not a store). */
void history_range_mapped(struct Machine *m, uint64_t va, uint64_t len);
/* System calls (op_syscall): begin returns 1 when the call was replayed
 * from the log (do not dispatch it); end gets its number and logs it or
 * makes it an epoch boundary. */
int history_syscall_begin(struct Machine *m);
void history_syscall_end(struct Machine *m, uint64_t nr);
/* mem_copy_out is writing n bytes at va (host page hp). */
void history_copy_out(struct Machine *m, uint64_t va, const uint8_t *hp,
                      const void *src, size_t n);
/* An event ended the current instruction: retired is 1 after a system
 * call (the dispatch loop will count it) and 0 after an exception
 * (counted here as one pseudo-instruction). */
void history_event(struct Machine *m, int retired);

#endif
