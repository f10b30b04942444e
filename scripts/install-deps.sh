#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages that building, testing and packaging need, and only
# those that are missing. Safe to run again: with everything present it prints nothing and
# touches nothing.
#
#   scripts/install-deps.sh            build (cgo + OpenGL/X11 headers) and tests (Xvfb, strace)
#   scripts/install-deps.sh --build    only what `go build` needs (no test tools)
#   scripts/install-deps.sh --bench    build, plus GNU time for peak memory and Recoll with
#                                      its PDF/Word/RTF filters, for comparison (make bench)
#   scripts/install-deps.sh --dist     build, tests, the Windows cross-compiler, wine,
#                                      xz and rsvg-convert (make dist)
set -euo pipefail

build_pkgs=(gcc libc6-dev libgl-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev
  libxi-dev libxxf86vm-dev pkg-config)
# Tests: the real-window test under Xvfb, and strace for the offline test's syscall check.
test_pkgs=(xvfb xfonts-base xdotool imagemagick xauth x11-utils x11-xserver-utils strace)
dist_pkgs=(gcc-mingw-w64-x86-64 xz-utils wine wine64 librsvg2-bin)
# Benchmarks: GNU time, and Recoll (recollindex, recollq) with the programs its filters run.
bench_pkgs=(time recollcmd poppler-utils antiword unrtf python3-lxml)

want=("${build_pkgs[@]}")
case "${1:-}" in
  "") want+=("${test_pkgs[@]}") ;;
  --build) ;;
  --bench) want+=("${bench_pkgs[@]}") ;;
  --dist) want+=("${test_pkgs[@]}" "${dist_pkgs[@]}") ;;
  -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
  *) echo "install-deps: unknown option $1" >&2; exit 2 ;;
esac

# Go itself cannot be installed from here: say so plainly instead of failing later.
need_go=$(sed -n 's/^go \([0-9][0-9.]*\).*/\1/p' "$(dirname "$0")/../go.mod" | head -1)
if ! command -v go >/dev/null 2>&1; then
  echo "install-deps: 'go' is not on PATH. Install Go ${need_go:-1.26} or newer from go.dev/dl" >&2
  echo "  (for example into /usr/local/go) and add /usr/local/go/bin to PATH." >&2
  exit 1
fi
have_go=$(go env GOVERSION | sed 's/^go//')
older() { # older A B: true when version A < version B
  [ "$1" != "$2" ] && [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -1)" = "$1" ]
}
# Compare major.minor only: a newer patch of the toolchain is fetched by go itself if allowed.
if [ -n "$need_go" ] && older "$(echo "$have_go" | cut -d. -f1,2)" "$(echo "$need_go" | cut -d. -f1,2)"; then
  echo "install-deps: go.mod needs Go $need_go, but 'go' is $have_go. Install Go $need_go or newer." >&2
  exit 1
fi

missing=()
for p in "${want[@]}"; do
  # `dpkg -s` alone also succeeds for a removed package whose config files remain.
  [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: missing packages ${missing[*]}, and this is not a Debian/Ubuntu system." >&2
  echo "  Install the equivalents with your package manager." >&2
  exit 1
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "install-deps: need root to install ${missing[*]} (run as root, or install sudo)." >&2
    exit 1
  fi
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
