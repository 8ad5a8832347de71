/* debug.h: what a debugger front end may read and ask of a machine.
 *
 * The public face of the VM for blinkenlights, beside vm.h and disasm.h:
 * register snapshots, reading guest memory without faulting, the stop
 * reasons, and an async-signal-safe interrupt. The UI includes this and
 * never machine.h, so the interpreter's layout can change freely. */
#ifndef BLINK_VM_DEBUG_H
#define BLINK_VM_DEBUG_H

#include <stddef.h>
#include <stdint.h>

struct Machine;

/* Why vm_run / vm_step returned: the same values as machine.h's STOP_*
 * (debug.c checks that they agree at compile time). */
enum {
  VM_STOP_NONE = 0,
  VM_STOP_EXIT,
  VM_STOP_SIGNAL,
  VM_STOP_HALT,
  VM_STOP_BREAK,
  VM_STOP_INTERRUPT,
  VM_STOP_WATCH,     /* a watchpoint saw an access (vm_watch_hit) */
  VM_STOP_SIGNAL_RECEIVED, /* vm_signal_stop: vm_stop_signal says which */
  VM_STOP_TRIPLE,    /* bare metal: triple fault (bare.h vm_triple_msg) */
};

/* General register numbers, in encoding order. */
enum {
  VM_RAX, VM_RCX, VM_RDX, VM_RBX, VM_RSP, VM_RBP, VM_RSI, VM_RDI,
  VM_R8, VM_R9, VM_R10, VM_R11, VM_R12, VM_R13, VM_R14, VM_R15
};

/* RFLAGS bits a debugger shows. */
#define VM_FLAG_CF 0x0001u
#define VM_FLAG_PF 0x0004u
#define VM_FLAG_AF 0x0010u
#define VM_FLAG_ZF 0x0040u
#define VM_FLAG_SF 0x0080u
#define VM_FLAG_TF 0x0100u
#define VM_FLAG_IF 0x0200u
#define VM_FLAG_DF 0x0400u
#define VM_FLAG_OF 0x0800u

/* VmRegs.mode and DisOptions.mode: how code decodes (machine.h's
 * MODE_*; debug.c checks that they agree). */
enum { VM_MODE_REAL = 0, VM_MODE_PROT32 = 1, VM_MODE_LONG = 2 };

/* A copy of the integer register file. rflags has its lazily computed
 * status bits resolved, so it is what pushf would push. */
struct VmRegs {
  uint64_t r[16];   /* VM_RAX..VM_R15 */
  uint64_t rip;
  uint64_t rflags;
  uint16_t sreg[6]; /* es cs ss ds fs gs */
  uint64_t fs_base, gs_base;
  int mode;         /* the decoder mode, for DisOptions.mode */
  /* Bare metal (blink -r): what the debugger shows of the CPU beyond a
   * Linux process's registers. For a Linux process: seg_base all 0 but
   * FS/GS, bits 64, cpl 3, mode_name "long", the rest 0. The
   * disassembly of CS:IP is at linear seg_base[1] + rip = pc: what the
   * debugger's addresses (breakpoints, the disassembly, the code panel)
   * are; pc == rip in a Linux process. */
  uint64_t seg_base[6];   /* es cs ss ds fs gs */
  uint64_t pc;
  uint64_t cr0, cr2, cr3, cr4, efer;
  int cpl;
  int bits;               /* code size: 16, 32 or 64 */
  const char *mode_name;  /* "real", "protected", "protected 16-bit",
                             "long", "compatibility" */
  int bare;               /* a PC's CPU (blink -r) */
  int halted;             /* stopped in hlt, waiting for an interrupt */
};
void vm_regs(struct Machine *m, struct VmRegs *out);
/* The linear address of the next instruction (VmRegs.pc). */
uint64_t vm_pc(struct Machine *m);
/* A bare machine: whether the last vm_step delivered an external
 * interrupt (CS:IP now its handler's first instruction, no instruction
 * run) rather than executing one; a debugger steps over the handler as
 * the CPU's own single-step trap does. 0 for a Linux process. */
int vm_step_took_irq(struct Machine *m);
/* Changes one register: 0..15 the GPRs (VM_RAX..), 16 rip, 17 rflags
 * (the debugger's set command). Returns 0, or -1 for another index. */
int vm_set_reg(struct Machine *m, int index, uint64_t value);

/* The x87 and SSE state. */
struct VmFpu {
  uint16_t cw, sw, tw; /* sw as fnstsw stores it (TOP included); tw with
                          two bits a register, as fnstenv stores it */
  int top;
  uint8_t st[8][10];   /* ST(0)..ST(7), 80-bit extended, little endian */
  int st_empty[8];     /* ST(i) is tagged empty */
  uint32_t mxcsr;
  uint8_t xmm[16][16];
};
void vm_fpu(struct Machine *m, struct VmFpu *out);

/* The VM's x87 fast path trusts the host FPU's sticky flags to be ones
 * it set itself. A front end that computes in long double on the same
 * thread (formatting ST values, say) calls this afterwards. */
void vm_host_fp_used(void);

/* Copies up to n bytes of guest memory at va into dst, never faulting:
 * returns how many leading bytes were readable (0 when va is unmapped).
 * The first page that is unmapped or not readable ends the copy. */
size_t vm_peek(struct Machine *m, uint64_t va, void *dst, size_t n);

/* Visits the guest's mappings in address order: maximal runs of pages
 * with one protection (VM_PROT_* bits). */
#define VM_PROT_READ 1
#define VM_PROT_WRITE 2
#define VM_PROT_EXEC 4
void vm_each_map(struct Machine *m,
                 void (*fn)(void *ctx, uint64_t va, uint64_t len, int prot),
                 void *ctx);

/* Whether the page holding va is mapped. */
int vm_mapped(struct Machine *m, uint64_t va);

/* Keeps a host descriptor from the guest: its system calls on fd get
 * EBADF, as for the log's descriptor, so it cannot close, dup2 over or
 * write into the front end's terminal. Up to 8; 0 or -1 when full.
 * (Implemented in src/sys/sys.c, beside the log's reservation.) */
int vm_reserve_fd(int fd);

/* Files the program maps executable, for the debugger's symbols of
 * shared objects (a loader's, a dlopen's) and of a PIE's load address.
 * fn(ctx, path, va, len, offset, prot): the file at path (absolute, as
 * the host names it) has its bytes from offset at [va, va+len) with
 * prot (VM_PROT_*, VM_PROT_EXEC always set). Called once for each
 * executable segment vm_load mapped, before vm_set_map_hook returns
 * (so call it after vm_load), then from the mmap system call for every
 * mapping of a regular file with PROT_EXEC; and with path NULL, offset 0
 * and prot 0 after every munmap of [va, va+len). fn runs inside the
 * system call: it must not call into the VM. fn NULL removes the hook;
 * vm_load starts a process without one. (src/sys/syscall-mem.c) */
typedef void (*VmMapHook)(void *ctx, const char *path, uint64_t va,
                          uint64_t len, uint64_t offset, int prot);
void vm_set_map_hook(struct Machine *m, VmMapHook fn, void *ctx);

/* Instructions retired so far. */
uint64_t vm_icount(struct Machine *m);

/* Ask a running vm_run to return before its next instruction (with
 * VM_STOP_NONE unless something else stopped it). Safe to call from a
 * signal handler. */
void vm_interrupt(struct Machine *m);

/* Breakpoints, checked by the interpreter itself so that vm_run keeps
 * its full speed. vm_run and vm_step stop *before* an instruction at a
 * breakpoint's address (VM_STOP_BREAK, rip = the address, icount
 * unchanged), except the first instruction of the call: a debugger resumes
 * from the breakpoint it stopped at (so vm_step never stops at one).
 * Replay (history.h: history_run in the past) stops at them too; seeking
 * does not. addr is linear (= rip in 64-bit mode) and must be where an
 * instruction starts. vm_break_set returns 0 (also when already set), or
 * -1 when the set (256) is full. */
int vm_break_set(struct Machine *m, uint64_t addr);
void vm_break_clear(struct Machine *m, uint64_t addr);
void vm_break_clear_all(struct Machine *m);

/* Watchpoints on guest memory [addr, addr+len). kind: what stops the
 * machine. The stop comes *after* the accessing instruction completed (rip
 * = the next instruction), as with the CPU's debug registers; stores by
 * system calls (read(2) into the range) count as writes, and their loads
 * (write(2) from it, a path) as reads; vm_peek is not an access. A rep
 * string instruction stops after the run of elements that touched the range
 * (up to a page): rip stays on it when iterations remain (RCX says how
 * many) and the next vm_run finishes it. A read-modify-write is reported as
 * the write. No cost while none is set; while some are, accesses to their
 * pages take the slow path. In the past, history_run stops after the
 * instruction too. At an epoch's end (where the recording stopped live),
 * which replay restores rather than runs, an access a live watchpoint
 * stopped for is recalled (the last 64 such stops); otherwise only a
 * change of the watched bytes is seen, reported with the whole watched
 * range, and system calls' loads are not seen in the past. Returns an id
 * >= 0, or -1 (full: 32, len 0, kind 0, or the range wraps). */
enum { VM_WATCH_WRITE = 1, VM_WATCH_READ = 2, VM_WATCH_ACCESS = 3 };
int vm_watch_set(struct Machine *m, uint64_t addr, uint64_t len, int kind);
void vm_watch_clear(struct Machine *m, int id);
void vm_watch_clear_all(struct Machine *m);
/* After VM_STOP_WATCH: which watchpoint, what the access was (VM_WATCH_READ
 * or VM_WATCH_WRITE), the bytes it touched and the instruction that did it
 * (its address; rip is already past it). Returns 0, or -1 if none. */
struct VmWatchHit {
  int id;
  int kind;
  uint64_t addr, len;
  uint64_t pc;
};
int vm_watch_hit(struct Machine *m, struct VmWatchHit *out);

/* The data memory the last instruction executed by vm_step (or
 * history_step) read and wrote (first address and length; len 0: none),
 * for the READ and WRITE memory panels. Stack pushes are writes, pops
 * reads; a rep string instruction's is its first run of elements; a
 * system call's are the buffers it copied. Not kept by vm_run, nor by a
 * history_step that crosses an epoch's end in the past (both lens 0). */
struct VmAccess {
  uint64_t read_addr, write_addr;
  uint64_t read_len, write_len;
};
void vm_last_access(struct Machine *m, struct VmAccess *out);

/* Writes guest memory as a debugger edit (set *ADDR = V): ignores page
 * protection but not unmapped pages, drops decoded code it overwrites,
 * and tells the history (the edit starts a new present; going back
 * restores what the bytes held). Returns the number of leading bytes
 * written: 0 while replaying (history_replaying: editing the past is
 * refused; say "go to the present first"). */
size_t vm_poke(struct Machine *m, uint64_t va, const void *src, size_t n);

/* Waiting for the outside world without freezing the front end. Before a
 * system call that would block on host descriptors or sleep (read, readv,
 * pread64, preadv(2), write and friends, poll, ppoll, select, pselect6,
 * nanosleep, clock_nanosleep), the system call layer first checks whether
 * it would: if so, and a hook is set, it calls fn with the host
 * descriptors and events (poll(2)'s) the call waits for (nfds 0: a sleep)
 * and the longest the call would wait (timeout_ms, -1: no limit). Calls
 * that wait less than VM_WAIT_MIN_MS just run.
 *
 * fn returns VM_WAIT_READY when one of fds is ready or timeout_ms has
 * passed: the call then runs (and a timeout already waited is not waited
 * again). VM_WAIT_INTERRUPT stops the machine *before* the call:
 * vm_run/vm_step return VM_STOP_INTERRUPT with rip on the syscall
 * instruction, icount and every register unchanged, so running on
 * executes the call anew; the guest never sees EINTR. While replaying
 * history the hook is never called. fn NULL removes the hook. */
struct pollfd;
enum { VM_WAIT_READY = 0, VM_WAIT_INTERRUPT = 1, VM_WAIT_MIN_MS = 50 };
typedef int vm_wait_fn(void *ctx, const struct pollfd *fds, int nfds,
                       int timeout_ms);
void vm_set_wait_hook(struct Machine *m, vm_wait_fn *fn, void *ctx);
/* Whether a signal for the guest has arrived (e.g. its SIGALRM) while the
 * hook waits: the hook should then return VM_WAIT_READY at once. The call
 * then returns EINTR to the guest, or is restarted after its handler,
 * as Linux would do (src/sys/signal.c). */
int vm_signal_pending(struct Machine *m);

/* The front end keeps host signal sig (own 1: SIGINT for ctrl-C while
 * running headless): a guest that installs a handler for it (or ignores
 * it) no longer changes the host's handler, as in gdb, where ctrl-C
 * stops the program and is not passed to it. own 0 gives it back: the
 * guest's disposition (m's) is applied to the host at once.
 * (src/sys/signal.c) */
void vm_front_signal(struct Machine *m, int sig, int own);

/* gdb's `handle SIG stop`: a CPU fault raising sig (SIGSEGV, SIGBUS,
 * SIGFPE, SIGILL, SIGTRAP) that the guest has a handler for stops the
 * machine the wait hook is for (vm_set_wait_hook) before the handler
 * runs: VM_STOP_SIGNAL_RECEIVED, rip on the faulting instruction, the
 * signal pending; running on delivers it first (stepping too: the step
 * enters the handler). Without a handler the fault kills as always
 * (VM_STOP_SIGNAL). vm_signal_stops: whether sig stops. Off for every
 * signal until set. (src/sys/signal.c) */
void vm_signal_stop(struct Machine *m, int sig, int stop);
int vm_signal_stops(struct Machine *m, int sig);

/* Guest threads (thread-stop.c). m is the machine the front end drives
 * (the first thread); every other guest thread runs on its own host
 * thread. vm_threads_debug(m, 1) makes it all-stop, as in gdb: a
 * breakpoint reached by another thread stops that thread, pauses all
 * others at their next instruction (m's vm_run returns as after
 * vm_interrupt; a wait hook should return VM_WAIT_INTERRUPT when
 * vm_threads_stop_wanted) and is reported by vm_thread_hit until
 * vm_threads_resume. vm_threads_pause stops the other threads at their
 * next instruction (or when their blocking system call returns): call it
 * while waiting for the user, and vm_threads_resume before running m
 * again. Breakpoints and watchpoints (vm_break_set, vm_watch_set on m)
 * are every thread's. */
struct VmThread {
  int tid;
  uint64_t rip;   /* exact when parked; a recent value while running */
  int front;      /* the machine the front end drives */
  int parked;     /* paused by the debugger */
  int at_break;   /* stopped at a breakpoint (before rip) */
  int in_syscall; /* inside a system call (maybe blocked in it) */
  int watch_valid; /* vm_thread_hit: a watchpoint's, described by watch */
  struct VmWatchHit watch;
};
void vm_threads_debug(struct Machine *m, int on);
void vm_threads_pause(struct Machine *m);
/* Returns 1, resuming nothing, when another thread had a hit while
 * paused: it is now vm_thread_hit's (report it, as a stop). */
int vm_threads_resume(struct Machine *m);
/* The debugger is done with the process (before vm_free): the other
 * threads end (as after exit_group), parked ones included. */
void vm_threads_end(struct Machine *m);
int vm_threads_stop_wanted(struct Machine *m);
/* 1 and *out (if not NULL) when another thread's breakpoint stopped the
 * process since the last resume. */
int vm_thread_hit(struct Machine *m, struct VmThread *out);
/* The guest threads sharing m's memory, m first: how many (up to max in
 * out). */
int vm_threads(struct Machine *m, struct VmThread *out, int max);
/* The registers of guest thread tid while it is parked (exact): 0, or
 * -1 when it runs or is not one of m's. */
int vm_thread_regs(struct Machine *m, int tid, struct VmRegs *out);

#endif
