/* exec-loop.h: the body of the dispatch loop, included twice by exec.c
 * (no include guard): once as run_loop, vm_run's loop, and once as
 * run_loop_limited, which also ends when icount reaches m->run_limit (the
 * history's replay). One source, two functions: an inlined shared body
 * with a constant flag made the compiler allocate vm_run's loop
 * differently (strings-glibc ran 25% slower with equal instruction
 * counts), and this loop is what every guest instruction costs. exec.c
 * defines EXEC_LOOP_WHILE, the loop's condition, before each inclusion, and
 * EXEC_LOOP_USER: 1 when the machine cannot be bare (vm_run's loop for a
 * Linux process; bare machines and the replay use the limited one). */
  const struct Insn *i = NULL;
  struct CodePage *cp = NULL;
  uint32_t gen = 0;
  uint64_t end = 0; /* rip after i when it does not branch */
  const struct Insn *next = NULL;
  /* i's branch link as stored (insn.h: record address | target offset
   * << 48) and i's page: unpacked only when i did branch, so the common
   * fall-through path costs one load for both links. */
  uint64_t al = 0, ipage = 0;
  while (EXEC_LOOP_WHILE) {
    uint64_t rip = m->rip;
    const struct Insn *n;
    m->ip = rip;
    n = rip == end                    ? next
        : rip == (ipage | al >> 48)   ? (const struct Insn *)(uintptr_t)(
                                          al & 0xffffffffffffull)
                                      : NULL;
    if (__builtin_expect(n && m->cp == cp && cp->gen == gen, 1)) {
      i = n;
    } else {
      struct Insn *prev = (struct Insn *)i;
      struct CodePage *pcp = cp;
      uint32_t pgen = gen;
      uint64_t pend = end;
      i = EXEC_LOOP_USER ? fetch_user(m) : fetch(m);
      cp = m->cp;
      gen = cp->gen;
      /* Link prev to i when both are live records of the same page. */
      if (prev && cp == pcp && gen == pgen && i >= cp->insns &&
          i < cp->insns + cp->n && prev >= cp->insns &&
          prev < cp->insns + cp->n) {
        if (rip == pend) {
          prev->next = i;
        } else {
          /* One store of address and offset (insn.h); a host address
           * past 48 bits is not linked. */
          if (!((uintptr_t)i >> 48))
            __atomic_store_n(&prev->alt, (uint64_t)(uintptr_t)i | (rip & 4095) << 48,
                             __ATOMIC_RELAXED);
        }
      }
    }
    /* The links are read before the handler runs, off its critical
     * path; the generation test afterwards says whether they still hold. */
    next = i->next;
    al = __atomic_load_n(&i->alt, __ATOMIC_RELAXED);
    ipage = rip & ~4095ull; /* links stay on i's page */
    end = rip + i->len;
    m->rip = end;
    i->fn(m, i);
    m->icount++;
  }
