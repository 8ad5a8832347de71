#!/bin/bash
# tests/ui/tui-cmdline.sh: the readline command line of blinkenlights,
# through tmux, on tests/ui/progs/calls.S:
#   : focuses it; `break f` ENTER; `continue` stops at f with the dialog
#   naming breakpoint 1 and the marker on f (with the margin dot); the
#   breakpoints panel lists it with its hit;
#   `info registers rip` prints rip's line in the commands panel;
#   a mistyped command prints one error line and icount does not move;
#   TAB completes a command prefix (rev -> reverse-), lists the
#   candidates on a second TAB, and completes a symbol (break _st ->
#   break _start);
#   ESC gives the keys back to the panels (s steps again; a switches the
#   disassembly to Intel syntax and back);
#   the history file under $XDG_STATE_HOME is written, and a second
#   session recalls the last command with the up arrow, and ctrl-R finds
#   and runs an older one;
#   o gives the terminal panel's rows to the commands panel (more of
#   info registers shows) and back;
#   the UI's own commands: view $rsp points the user memory panel there
#   (TAB completes vi to view), quit leaves.
# Environment: BLINKENLIGHTS, CC, TOP_SRCDIR. Exits 77 without tmux,
# blinkenlights, nm or a compiler that links -nostdlib -static.
. "$(dirname "$0")/lib/prog.sh"
needs tmux nm
PROG=$PWD/calls
build calls
F=$(sym_hex "$PROG" f) || exit 1
STATE=$PWD/state
rm -rf "$STATE"
mkdir -p "$STATE"

SOCK=bl-tui-cmdline-$$
# shellcheck source=lib/tmux.sh
. "$(dirname "$0")/lib/tmux.sh"
current() { printf '%s\n' "$SCREEN" | grep -m1 '▶'; }
icount() { printf '%s\n' "$SCREEN" | grep -oE 'icount [0-9]+' | tail -1; }
line() { printf '%s\n' "$SCREEN" | grep -E '^\(bl\) ' | tail -1; }

# 160x60: a commands panel under the terminal panel, breakpoints in the
# middle column.
session 160 60 "XDG_STATE_HOME='$STATE' TERM=xterm-256color '$BL' '$PROG'" ||
  fail "tmux new-session"
wait_for 'icount 0' || fail "the UI did not come up"
wait_for ': command line' || fail "no command line row"
tm send-keys -t t :
wait_for '^\(bl\) *$' || fail ": did not focus the command line"
tm send-keys -t t 'break f' Enter
wait_for "Breakpoint 1 at 0x$F <f>" || fail "break f did not answer 'Breakpoint 1 at 0x$F <f>'"
wait_for " 1 break +y 0x$F <f> +hits 0" || fail "the breakpoints panel does not list it"
tm send-keys -t t 'continue' Enter
wait_for 'ENTER continues' || fail "continue did not stop with the dialog"
printf '%s\n' "$SCREEN" | grep -q "Breakpoint 1, 0x$F <f>" ||
  fail "the dialog does not name breakpoint 1 at f"
current | grep -qE "▶●0*$F " || fail "the marker is not on f ($F) with its dot"
tm send-keys -t t Enter
n=30
while ((n-- > 0)); do cap; printf '%s\n' "$SCREEN" | grep -q 'ENTER continues' || break; sleep 0.1; done
printf '%s\n' "$SCREEN" | grep -q 'ENTER continues' && fail "ENTER did not close the dialog"
printf '%s\n' "$SCREEN" | grep -qE "hits 1" || fail "the breakpoints panel does not count the hit"
ic=$(icount)
[ "$ic" = "icount 2" ] || fail "continue stopped at $ic, want icount 2"

tm send-keys -t t 'info registers rip' Enter
wait_for "^rip +0x0*$F +0x$F <f>" || fail "info registers rip: no rip line in the commands panel"

tm send-keys -t t 'stepx 3' Enter
wait_for 'Undefined command: "stepx"' || fail "a mistyped command gave no error line"
n=$(printf '%s\n' "$SCREEN" | grep -c 'Undefined command')
[ "$n" = 2 ] || fail "want the error once in the panel and once in the status line, got $n"
[ "$(icount)" = "$ic" ] || fail "a mistyped command moved the machine ($(icount))"

tm send-keys -t t 'rev' Tab
wait_for '^\(bl\) reverse-$' || fail "TAB did not complete rev to reverse- ($(line))"
tm send-keys -t t Tab Tab
wait_for 'reverse-continue +reverse-finish +reverse-next +reverse-nexti' || fail "TAB TAB did not list the reverse- commands"
tm send-keys -t t C-u 'break _st' Tab
wait_for '^\(bl\) break _start *$' || fail "TAB did not complete the symbol _st to _start ($(line))"
tm send-keys -t t C-u Escape
wait_for ': command line' || fail "ESC did not leave the command line"
tm send-keys -t t s
wait_for 'icount 3' || fail "s did not step after ESC"
tm send-keys -t t a
wait_for 'disassembly \(intel\)' || fail "a did not switch to Intel syntax"
printf '%s\n' "$SCREEN" | grep -qE 'mov +ebx,0x2' || fail "no Intel operand order (mov ebx,0x2)"
tm send-keys -t t a
wait_for 'disassembly \(at&t\)' || fail "a did not switch back to AT&T"
tm send-keys -t t :
wait_for '^\(bl\) *$' || fail ": did not focus the command line again"
tm send-keys -t t 'print 6*7' Enter
wait_for '^\$1 = 42' || fail "print 6*7"
tm send-keys -t t Enter
wait_for ': command line' || fail "ENTER on an empty line did not leave the command line"
tm send-keys -t t q
n=30
while ((n-- > 0)) && tm has-session -t t 2>/dev/null; do sleep 0.1; done

HIST=$STATE/blinkenlights/history
[ -f "$HIST" ] || fail "no history file at $HIST"
grep -qx 'break f' "$HIST" || fail "the history file lacks 'break f': $(cat "$HIST")"
[ "$(tail -1 "$HIST")" = 'print 6*7' ] || fail "the history file does not end with 'print 6*7'"

# A second session: the up arrow recalls the last command of the first.
session 160 60 "XDG_STATE_HOME='$STATE' TERM=xterm-256color '$BL' '$PROG'" ||
  fail "tmux new-session (2)"
wait_for 'icount 0' || fail "the UI did not come up (2)"
tm send-keys -t t : Up
wait_for '^\(bl\) print 6\*7$' || fail "the up arrow did not recall 'print 6*7' ($(line))"
tm send-keys -t t Up Up
wait_for '^\(bl\) info registers rip$' || fail "two more ups did not reach 'info registers rip' ($(line))"
# ctrl-R searches the history (readline's incremental search).
tm send-keys -t t Down Down Down
wait_for '^\(bl\) *$' || fail "three downs did not come back to an empty line ($(line))"
tm send-keys -t t C-r 'info'
wait_for "^\(reverse-i-search\)\`info': info registers rip" || fail "ctrl-R info did not find 'info registers rip'"
tm send-keys -t t Enter
wait_for '^rip +0x0*401000 ' || fail "the found command did not run"
# o: the commands panel takes the terminal panel's rows (more of a long
# output shows), and gives them back.
tm send-keys -t t 'info registers' Enter
wait_for '^gs +0x' || fail "info registers"
tm send-keys -t t Escape
wait_for ': command line' || fail "ESC (before o)"
printf '%s\n' "$SCREEN" | grep -q '^ terminal' || fail "no terminal panel before o"
printf '%s\n' "$SCREEN" | grep -q '^rip ' && fail "rip's line fits before o (the test needs a small panel)"
tm send-keys -t t o
wait_for 'the commands panel over the terminal' || fail "o did not enlarge the commands panel"
printf '%s\n' "$SCREEN" | grep -q '^ terminal' && fail "o: the terminal panel is still drawn"
printf '%s\n' "$SCREEN" | grep -qE '^rip +0x' || fail "o: info registers' rip line does not show"
tm send-keys -t t o
wait_for '^ terminal' || fail "o again did not bring the terminal panel back"
tm send-keys -t t :
wait_for '^\(bl\) *$' || fail ": after o"

# gdb's habits: a leading : is ignored; an empty ENTER repeats stepi.
ic=$(icount)
tm send-keys -t t C-u ':stepi' Enter
wait_for "icount $((${ic#icount }+1))" || fail ":stepi did not step once ($(icount), was $ic)"
tm send-keys -t t Enter
wait_for "icount $((${ic#icount }+2))" || fail "an empty ENTER did not repeat stepi ($(icount))"
printf '%s\n' "$SCREEN" | grep -q ': command line' && fail "the empty ENTER after stepi left the command line"

# The UI's own commands: view EXPR (the user memory panel), quit.
RSP=$(printf '%s\n' "$SCREEN" | grep -oE 'rsp [0-9a-f]{16}' | head -1 | awk '{print $2}')
RSP=$(printf "%x" $((16#$RSP)))
tm send-keys -t t C-u 'view $rsp' Enter
wait_for "user memory panel at 0x$RSP" || fail "view \$rsp did not answer"
wait_for " user 0x$RSP" || fail "the user memory panel's title does not name \$rsp"
tm send-keys -t t 'vi' Tab
wait_for '^\(bl\) view *$' || fail "TAB did not complete vi to view ($(line))"
tm send-keys -t t C-u 'quit' Enter
n=30
while ((n-- > 0)) && tm has-session -t t 2>/dev/null; do sleep 0.1; done
tm has-session -t t 2>/dev/null && fail "quit did not leave blinkenlights"
echo "ok: break/continue/dialog, info registers, an error, completion, history file, view, quit"
