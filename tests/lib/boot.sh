# boot.sh: the boot-sector tests (tests/boot), sourced by run-tests.sh.
#
# t_boot NAME SRC: assembles tests/boot/NAME.S (real-mode code at
# 0000:7C00, see tests/boot/boot.h for its macros and directives) into
# a disk image, boots it with `blink -r -T LIMIT` (stdin: NAME.keys when
# there is one), and compares stdout with NAME.out and the status with
# @status (default 0). @args adds blink flags, @size pads the image,
# @after is a bash command run afterwards with $IMG (the image as the
# run left it), $ORIG (as built) and $SRC set; it must succeed.
# t_boot_bad NAME STATUS IMAGE [CMD...]: blink -r refuses IMAGE with one
# line (run under CMD when given).

# build_boot OUT SRC: OUT.img from SRC; the log in OUT.log.
build_boot() {
  local out=$1 src=$2 size
  mkdir -p "$(dirname "$out")"
  size=$(directive size "$src")
  {
    gcc -m32 -c -x assembler-with-cpp -I"$SRC/boot" -o "$out.o" "$src" &&
      ld -m elf_i386 -Ttext 0x7c00 --oformat binary -o "$out.img" "$out.o" &&
      { [ -z "$size" ] || truncate -s "$size" "$out.img"; }
  } >"$out.log" 2>&1
}

t_boot() {
  local name=$1 src=$2 img w st want args limit keys after r
  img=$OUT/bin/boot/$name
  build_boot "$img" "$src" || { fail "build: $(first_line "$img.log")"; return; }
  want=$(directive status "$src")
  want=${want:-0}
  args=$(directive args "$src")
  limit=$(directive limit "$src")
  limit=${limit:-10}
  keys=$SRC/boot/$name.keys
  [ -e "$keys" ] || keys=/dev/null
  w=$OUT/work/boot/$name
  # The run gets its own copy: tests write to their disks.
  mkdir -p "$(dirname "$w")" && cp "$img.img" "$w.img" && chmod u+w "$w.img" || { fail "cannot copy the image"; return; }
  # shellcheck disable=SC2086 # @args is a list of words
  run_in "$w" "$keys" "$TEST_TIMEOUT" -- "${RUN_ENV[@]}" "$BLINK" -r -T "$limit" $args "$w.img"
  st=$?
  after=$(directive after "$src")
  if r=$(check_blink "$w"); then
    fail "$r"
  elif [ "$st" != "$want" ]; then
    fail "status $st, expected $want: $(first_line "$w/stderr")"
  elif ! cmp -s "$w/stdout" "$SRC/boot/$name.out"; then
    fail "stdout differs, $(first_diff "$w/stdout" "$SRC/boot/$name.out")"
  elif [ -n "$after" ] && ! IMG=$w.img ORIG=$img.img SRC=$SRC bash -c "$after" >"$w/after.log" 2>&1; then
    fail "afterwards: $after"
  else
    pass
  fi
}

t_boot_bad() {
  local name=$1 want=$2 image=$3 w st
  shift 3
  w=$OUT/work/boot-bad/$name
  # "$@": a command to run blink under (setpriv); -L: the work directory
  # may not be writable for it
  run_in "$w" /dev/null 60 -- "${RUN_ENV[@]}" "$@" "$BLINK" -L /dev/null -r "$image"
  st=$?
  if r=$(check_blink "$w"); then
    fail "$r"
  elif [ "$st" != "$want" ]; then
    fail "status $st, expected $want: $(first_line "$w/stderr")"
  elif [ "$(wc -l <"$w/stderr")" != 1 ] || ! grep -q '^blink: ' "$w/stderr"; then
    fail "expected one line on stderr, got: $(head -c 200 "$w/stderr")"
  elif [ -s "$w/stdout" ]; then
    fail "output on stdout"
  else
    pass
  fi
}

# t_boot_tty: on a terminal (script(1) makes one), blink -r switches it
# to raw input and gives the settings back, whether the guest ends the
# run, the time runs out or SIGTERM comes; in the background it leaves
# the terminal alone.
t_boot_tty() {
  local w=$OUT/work/boot-tty halt=$OUT/bin/boot/halt loop=$OUT/bin/boot/time-limit k cmd
  command -v script >/dev/null || { skip "no script(1)"; return; }
  rm -rf "$w"
  mkdir -p "$w"
  build_boot "$halt" "$SRC/boot/halt.S" || { fail "build: $(first_line "$halt.log")"; return; }
  build_boot "$loop" "$SRC/boot/time-limit.S" || { fail "build: $(first_line "$loop.log")"; return; }
  # background: a job of an interactive shell leaves the terminal
  # alone (no keys) instead of being stopped by SIGTTOU
  script -qec "set -m; '$BLINK' -r -p -T 0.3 '$loop.img' >'$w/bg.out' 2>&1 & wait; jobs -l" \
    /dev/null </dev/null >"$w/bg.log" 2>&1
  if grep -q Stopped "$w/bg.log" || ! grep -q 'time limit' "$w/bg.out"; then
    fail "background: $(head -c 200 "$w/bg.log")"
    return
  fi
  for k in exit limit term; do
    case $k in
      exit) cmd="'$BLINK' -r -p '$halt.img'" ;;
      limit) cmd="'$BLINK' -r -p -T 0.3 '$loop.img'" ;;
      term) cmd="{ '$BLINK' -r -p '$loop.img' </dev/tty & sleep 0.5; kill -TERM \$!; wait; }" ;;
    esac
    script -qec "stty -g >'$w/$k.before'; $cmd >'$w/$k.out' 2>&1; stty -g >'$w/$k.after'" \
      /dev/null </dev/null >"$w/$k.log" 2>&1
    if ! [ -s "$w/$k.before" ] || ! [ -s "$w/$k.out" ]; then
      fail "$k: the run under script(1) did not happen: $(head -c 200 "$w/$k.log")"
      return
    elif ! cmp -s "$w/$k.before" "$w/$k.after"; then
      fail "$k: the terminal's settings were not restored"
      return
    fi
  done
  pass
}

# t_boot_signal: SIGTERM ends a run like the time limit: the -S dump
# still comes, one line names the signal, the status is 128 + 15.
t_boot_signal() {
  local w=$OUT/work/boot-signal loop=$OUT/bin/boot/time-limit pid st
  rm -rf "$w"
  mkdir -p "$w"
  build_boot "$loop" "$SRC/boot/time-limit.S" || { fail "build: $(first_line "$loop.log")"; return; }
  "$BLINK" -L /dev/null -r -p -S -T 60 "$loop.img" </dev/null >"$w/stdout" 2>"$w/stderr" &
  pid=$!
  # until the guest has printed its 's' (it then sleeps in hlt)
  for _ in $(seq 100); do [ -s "$w/stdout" ] && break; sleep 0.1; done
  kill -TERM "$pid"
  wait "$pid"
  st=$?
  if [ "$st" != 143 ]; then
    fail "status $st, expected 143: $(first_line "$w/stderr")"
  elif ! grep -q '^blink: stopped by signal 15 at ' "$w/stderr"; then
    fail "stderr: $(head -c 200 "$w/stderr")"
  elif [ "$(head -c 1 "$w/stdout")" != s ] || ! grep -q '^blink: screen mode 03h' "$w/stdout"; then
    fail "stdout: $(head -c 200 "$w/stdout")"
  else
    pass
  fi
}

# add_boot_tests: every tests/boot/*.S, and the images blink refuses.
add_boot_tests() {
  local src b
  for src in "$SRC"/boot/*.S; do
    b=$(basename "$src" .S)
    add "boot/$b" t_boot "$b" "$src"
  done
  mkdir -p "$OUT/bad/boot"
  : >"$OUT/bad/boot/empty.img"
  mkdir -p "$OUT/bad/boot/directory.img"
  add boot-bad/missing t_boot_bad missing 1 "$OUT/bad/boot/no-such.img"
  add boot-bad/empty t_boot_bad empty 1 "$OUT/bad/boot/empty.img"
  add boot-bad/directory t_boot_bad directory 1 "$OUT/bad/boot/directory.img"
  add boot-bad/device t_boot_bad device 1 /dev/null
  # blink -r's command line: the -r flags without -r, two images, a
  # bad time; each one line and the usage status 1.
  add cli/pc-flags-without-r t_cli pc-flags-without-r 1 stderr -p "$OUT/bad/boot/empty.img"
  add cli/pc-two-images t_cli pc-two-images 1 stderr -r "$OUT/bad/boot/empty.img" "$OUT/bad/boot/empty.img"
  add cli/pc-bad-time t_cli pc-bad-time 1 stderr -r -T soon "$OUT/bad/boot/empty.img"
  add cli/pc-no-image t_cli pc-no-image 1 stderr -r
  add boot-tty/restored t_boot_tty
  add boot-signal/term t_boot_signal
  if [ "$(id -u)" != 0 ]; then
    printf 'x' >"$OUT/bad/boot/unreadable.img"
    chmod 000 "$OUT/bad/boot/unreadable.img"
    add boot-bad/unreadable t_boot_bad unreadable 1 "$OUT/bad/boot/unreadable.img"
  elif command -v setpriv >/dev/null; then
    # root reads every file: run blink as nobody for this one
    printf 'x' >"$OUT/bad/boot/unreadable.img"
    chmod 000 "$OUT/bad/boot/unreadable.img"
    add boot-bad/unreadable t_boot_bad unreadable 1 "$OUT/bad/boot/unreadable.img" \
      setpriv --reuid=65534 --regid=65534 --clear-groups
  else
    add boot-bad/unreadable t_skip "running as root without setpriv: every file is readable"
  fi
}
