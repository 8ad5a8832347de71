# dev/setup.sh: shared set-up for dev/demo and dev/test (sourced, not run).
#
# Installs the Debian/Ubuntu packages the build and the tests need (with
# sudo when not root; nothing is installed when all are there), then
# generates, configures and builds the tree in place. Re-running is cheap:
# each step is skipped when its output is up to date.

# What we build with, and what the tests use: musl-gcc builds a second
# static variant of each test program, busybox-static gives real programs
# to run, tmux drives the TUI tests, git lets `make check-asan` copy a
# tree configured in place; the static libraries (zlib, xz, bzip2,
# SQLite, OpenSSL, GMP, CPython, Tcl, JPEG, PNG, libxml2, expat) go into
# the tests/programs/real-* library tests; zip and xz make fixtures for
# the busybox cases.
BLINK_PACKAGES=(build-essential autoconf automake libtool pkg-config
  libncurses-dev libreadline-dev libelf-dev libdwarf-dev libvterm-dev
  musl-tools busybox-static tmux binutils git
  zlib1g-dev liblzma-dev libbz2-dev libsqlite3-dev libssl-dev libgmp-dev
  libpython3-dev tcl-dev libjpeg-dev libpng-dev libxml2-dev libexpat1-dev
  zip xz-utils)

say() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }

install_packages() {
  local missing=() p
  if ! command -v dpkg-query >/dev/null 2>&1; then
    say "not a Debian/Ubuntu system: install the equivalents of" \
        "${BLINK_PACKAGES[*]} yourself"
    return 0
  fi
  for p in "${BLINK_PACKAGES[@]}"; do
    if [[ $(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) != "install ok installed" ]]; then
      missing+=("$p")
    fi
  done
  ((${#missing[@]})) || return 0
  say "installing ${missing[*]}"
  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null 2>&1 || { say "need root or sudo to install ${missing[*]}"; return 1; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q </dev/null
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
}

# The build directory is the source tree itself (./configure && make), as
# the README shows for building by hand.
build_tree() {
  local stale=0 f
  if [[ ! -x configure || ! -f Makefile.in ]]; then
    stale=1
  else
    for f in configure.ac Makefile.am m4/*.m4; do
      [[ $f -nt configure || $f -nt Makefile.in ]] && stale=1
    done
  fi
  if ((stale)); then
    say "autoreconf -fi"
    autoreconf -fi
  fi
  if [[ ! -f config.status ]]; then
    say "./configure $*"
    ./configure "$@"
  fi
  say "make -j$JOBS"
  make -j"$JOBS"
}

JOBS=$(nproc 2>/dev/null || echo 2)
