# Traps: EXIT, signals the shell sends itself (USR1, INT, TERM, HUP),
# trap listings, resetting with "trap -", traps in subshells, ignoring.
trap 'echo "exit trap, status $?"' EXIT
trap 'echo "got USR1"' USR1
trap 'echo "got USR2"; usr2=$((usr2 + 1))' USR2
usr2=0
kill -USR1 $$
echo "after USR1"
kill -s USR2 $$; kill -USR2 $$
echo "usr2 count: $usr2"
trap 'echo "got INT"' INT
kill -INT $$
echo "after INT"
trap
echo "-- reset USR1 and INT"
trap - USR1 INT
trap
# A subshell: the EXIT trap there is its own.
( trap 'echo "subshell exit trap"' EXIT; echo "in subshell" )
# An ignored signal stays ignored in a child.
trap '' HUP
sh -c 'kill -HUP $$; echo "child survived HUP"'
trap - HUP
# A child killed by a signal: status 128+n.
sh -c 'kill -TERM $$'; echo "child TERM status $?"
sh -c 'kill -USR1 $$'; echo "child USR1 status $?"
# A trap set in a function stays set.
settrap() { trap 'echo "TERM handled, n=$n"' TERM; }
n=3; settrap; kill -TERM $$; echo "after TERM"
# A trap that runs a command substitution and a loop.
trap 'for i in 1 2 3; do printf "%s." "$i"; done; echo " $(echo trapped)"' USR1
kill -USR1 $$
# The exit status reaches the EXIT trap.
(trap 'echo "sub exit with $?"' EXIT; exit 3); echo "subshell status $?"
exit 5
