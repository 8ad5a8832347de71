# case and globs, set -e / set -u, subshells and nested command
# substitution, eval, exit statuses of compound commands.
for f in a.txt b.txt c.log d.tar.gz e; do : >"$f"; done
mkdir -p sub/deep && : >sub/x.txt && : >sub/deep/y.txt
echo *.txt
echo ?.*
echo [a-c]*
echo [!a-c]*
echo sub/*/*.txt
echo *.none
set -f; echo *.txt; set +f
for f in *; do
  case $f in
    *.tar.gz) echo "$f: tarball" ;;
    *.txt | *.log) echo "$f: text" ;;
    [a-z]) echo "$f: one letter" ;;
    sub) echo "$f: directory" ;;
    *) echo "$f: other" ;;
  esac
done
v=hello.world.tar.gz
echo "${v%.*} ${v%%.*} ${v#*.} ${v##*.} ${#v}"
echo "${undef:-default} ${undef:=assigned} $undef ${v:+set}"
# set -e: a failing command ends the (sub)shell, except where tested.
( set -e; false || echo "or-list is fine"; if false; then :; fi; ! true; echo "still here"; false; echo "not here" )
echo "set -e subshell: $?"
( set -e; f() { false; echo "function body continues (tested context)"; }; f && echo ok )
( set -e; x=$(false); echo "assignment status ignored? no: not printed" )
echo "assignment from failed substitution: $?"
# set -u: an unset variable is an error.
( set -u; echo "${unset_var:-fine with default}"; echo "$unset_var"; echo "not reached" ) 2>/dev/null
echo "set -u subshell: $?"
# Subshells and nested substitutions.
x=outer
( x=inner; echo "in ( ): $x" )
echo "after ( ): $x"
echo "nested: $(echo "a $(echo "b $(echo "c $(echo d)")")")"
echo "count: $(echo $(seq 1 5) | wc -w)"
echo "arith in subst: $(( $(echo 6) * $(echo 7) ))"
y=$(x=changed; echo "$x"); echo "subst: $y, x still $x"
r=$(exit 4); echo "status of substitution: $?"
# Compound command statuses.
if false; then :; elif true; then echo "elif taken"; fi
while false; do :; done; echo "while status $?"
i=0; until [ $i -ge 3 ]; do i=$((i + 1)); done; echo "until: $i"
for i in 1 2 3 4 5 6; do
  [ $i = 2 ] && continue
  [ $i = 5 ] && break
  echo "loop $i"
done
for o in 1 2; do for j in a b c; do [ $j = b ] && continue 2; echo "$o$j"; done; done
! false; echo "negated: $?"
true && false || echo "and-or chain"
# eval with quoting.
q="it's \"quoted\""
eval "echo \"\$q\""
set -- "a b" c
eval "set -- \"\$@\" d"; echo "$# $1"
# Command lookup.
type cd | head -n 1
command -v true
