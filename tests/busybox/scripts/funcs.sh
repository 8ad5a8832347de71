# Functions: recursion, local scoping, return statuses, positional
# parameters, eval, getopts inside a function, arithmetic.
fib() {
  local n=$1 a b
  if [ "$n" -lt 2 ]; then echo "$n"; return; fi
  a=$(fib $((n - 1)))
  b=$(fib $((n - 2)))
  echo $((a + b))
}
echo "fib 12 = $(fib 12)"

# Towers of Hanoi, recursion without subshells: moves counted in a global.
moves=0
hanoi() {
  local n=$1 from=$2 to=$3 via=$4
  [ "$n" -eq 0 ] && return 0
  hanoi $((n - 1)) "$from" "$via" "$to"
  moves=$((moves + 1))
  [ "$n" -ge 4 ] && echo "disk $n: $from -> $to"
  hanoi $((n - 1)) "$via" "$to" "$from"
}
hanoi 6 A C B
echo "moves: $moves"

gcd() { if [ "$2" -eq 0 ]; then echo "$1"; else gcd "$2" $(($1 % $2)); fi; }
for p in "1071 462" "270 192" "17 5" "1000000 625"; do
  set -- $p
  echo "gcd($1,$2) = $(gcd "$1" "$2")"
done

x=global
shadow() { local x=local; inner; echo "shadow sees $x"; }
inner() { echo "inner sees $x"; x=changed-by-inner; }
shadow
echo "after: $x"

status() { return "$1"; }
for s in 0 1 7 255; do status "$s"; echo "return $s -> $?"; done

args() { echo "$# args: $*"; shift; echo "after shift: $1"; }
args one "two words" three

opts() {
  local OPTIND o verbose=0 name=none
  while getopts vn: o; do
    case $o in
      v) verbose=$((verbose + 1)) ;;
      n) name=$OPTARG ;;
      *) echo "bad option"; return 2 ;;
    esac
  done
  shift $((OPTIND - 1))
  echo "verbose=$verbose name=$name rest=$*"
}
opts -v -n alpha x y
opts -vv -nbeta
opts -- -v
opts -q 2>/dev/null; echo "opts -q: $?"

# eval building variable names and commands.
for i in 1 2 3; do eval "var_$i=\$((i * i))"; done
eval 'echo "vars: $var_1 $var_2 $var_3"'
cmd='for w in a b c; do printf "%s-" "$w"; done; echo'
eval "$cmd"
name=var_2; eval "echo indirect \$$name"

# Arithmetic: precedence, bases, assignment operators, ternary.
i=5
echo $((i += 3)) $((i *= 2)) $((i -= 1)) $((i /= 3)) $((i %= 4)) $((i <<= 4)) $((i |= 1))
echo $((2 + 3 * 4 ** 2)) $(((2 + 3) * 4)) $((17 / 5)) $((-17 / 5)) $((-17 % 5))
echo $((0x1f)) $((010)) $((1 < 2 ? 10 : 20)) $((!0)) $((~5)) $((5 ^ 3)) $((6 & 3))
n=0; while [ $n -lt 10 ]; do : $((n += 1)); done; echo "n=$n"
