#!/bin/bash
# tests/ui/batch-pc.sh: blinkenlights -r through the batch mode (-ex),
# on tests/ui/boot/echo.S (int $0x10 AH=0Eh twice at 0000:7C07 and
# 0000:7C0C, then INT 16h in a loop). Checks: the machine starts at the
# reset vector, linear FFFFFFF0h ($pc is linear: CS base FFFF0000h + IP)
# with the ROM's far jump; break *0x7c00 and continue stop where the BIOS
# hands over; stepi 3 reaches the first int; nexti steps over it (the
# ROM's handler runs to its iret: 0x7c09); stepi on the second int enters
# the ROM at its INT 10h handler, named by the ROM's symbols (<int10>),
# and finish runs to its iret, back to 0x7c0e; info registers shows the
# segment registers; steps in INT 16h's hlt loop step over the timer's
# interrupts (never into int08); a triple fault (boot/triple.S) ends
# the run and says so; what the PC printed (the teletype's AB) is on
# standard error, apart from the commands' output. Environment: BLINKENLIGHTS, TOP_SRCDIR. Exits 77
# without blinkenlights or as/ld.
. "$(dirname "$0")/lib/prog.sh"
. "$(dirname "$0")/lib/boot.sh"
needs as ld
boot echo
boot triple
failed=0
fail() { echo "FAIL: $*"; failed=1; }
# The commands' output (stdout); what the PC printed goes to stderr.
bl() { timeout 60 "$BL" "$@" </dev/null 2>"$PWD/pc.err"; }
has() { printf '%s\n' "$2" | grep -qE -- "$3" || fail "$1: no /$3/ in: $(printf '%s' "$2" | tail -n 12)"; }

out=$(bl -r -ex 'x/1i $pc' -ex 'p/x $rip' echo.img)
has "the reset vector" "$out" '^=> 0xfffffff0:[[:space:]]+ljmp +\$0xf000,\$0xe05b'
has "IP at the reset vector" "$out" '^\$1 = 0xfff0$'

out=$(bl -r -ex 'break *0x7c00' -ex continue -ex 'stepi 3' -ex nexti \
  -ex stepi -ex stepi -ex finish -ex 'info registers' echo.img)
has "the breakpoint at the boot sector" "$out" '^Breakpoint 1, 0x7c00'
has "stepi 3 to the first int" "$out" '^=> 0x7c07:[[:space:]]+int +\$0x10'
has "nexti over int \$0x10" "$out" '^=> 0x7c09:[[:space:]]+mov +\$0xe42,%ax'
has "stepi to the second int" "$out" '^=> 0x7c0c:[[:space:]]+int +\$0x10'
has "stepi into the ROM's INT 10h handler" "$out" '^=> 0xf[0-9a-f]{4} <int10>:'
has "finish back from the ROM" "$out" '^=> 0x7c0e:[[:space:]]+xor +%ah,%ah'
has "cs after the boot" "$out" '^cs +0x0 '
has "ds set by the boot sector" "$out" '^ds +0x0 '
has "the teletype's A and B on stderr" "$(cat pc.err)" 'AB'
# INT 16h waits for a key in sti; hlt: 60 steps there wait for the
# timer's interrupts, which wake the CPU, and step over their handler
# (int08) whole, as the CPU's single-step trap would: never inside it.
steps=()
for _ in $(seq 60); do steps+=(-ex stepi); done
out=$(bl -r -ex 'break *0x7c10' -ex continue -ex stepi "${steps[@]}" echo.img)
has "stepi into INT 16h" "$out" '^=> 0xf[0-9a-f]{4} <int16>:'
has "60 steps later, still in INT 16h's wait" "$(printf '%s\n' "$out" | tail -n1)" '^=> 0xf[0-9a-f]{4} <(wait_key|int16|kbd_take)[+>]'
[ "$(printf '%s\n' "$out" | grep -c '^=> ')" -ge 61 ] || fail "not every stepi printed where it stopped"
printf '%s\n' "$out" | grep -q 'int08' && fail "a step went into the timer's handler: $(printf '%s\n' "$out" | grep -m3 int08)"
# tests/ui/boot/triple.S: int $3 past an IDT limit of 0 triple-faults;
# the machine is then over (stepi refuses).
out=$(bl -r -ex continue -ex stepi triple.img)
has "the triple fault" "$out" '^\[triple fault: the CPU shut down\]'
has "stepi after it" "$(cat pc.err)" 'The program is not being run'
[ "$failed" = 0 ] && echo ok
