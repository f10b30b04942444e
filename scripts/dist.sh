#!/usr/bin/env bash
# Builds the release files into dist/:
#   khovanban-VERSION-linux-amd64.tar.xz    fyne package -os linux (binary, .desktop, icon)
#   khovanban-VERSION-windows-amd64.exe     GUI .exe cross-compiled with mingw-w64, with the
#                                           icon, a manifest and version info embedded
#   SHA256SUMS
# Both are built from a copy of the work tree, so the tree stays clean: `fyne package` bumps
# Build in FyneApp.toml and the Windows resources (.syso) must sit beside main.go.
# Needs scripts/install-deps.sh --dist (make dist runs it).
#
#   scripts/dist.sh [linux] [windows]      (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

fyne_tools=fyne.io/tools/cmd/fyne@v1.7.4
winres=github.com/tc-hib/go-winres@v0.3.3
tags=migrated_fynedo

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(linux windows)

toml() { sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\"\{0,1\}\([^\"]*\)\"\{0,1\}[[:space:]]*$/\1/p" FyneApp.toml | head -1; }
version=$(toml Version)
build=$(toml Build)
name=$(toml Name)
[ -n "$version" ] && [ -n "$build" ] || { echo "dist: Version and Build must be set in FyneApp.toml" >&2; exit 1; }
say() { printf 'dist: %s\n' "$*"; }

work=$(mktemp -d /tmp/khovanban-dist.XXXXXX)
trap 'rm -rf "$work"' EXIT
# The copy's folder is named khovanban: fyne package names the executable after it.
src="$work/khovanban"
mkdir -p "$src" dist
git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
  tar --null -T - -cf - | tar -xf - -C "$src"

linux() {
  local out="dist/khovanban-$version-linux-amd64.tar.xz"
  GOBIN="$work/bin" go install "$fyne_tools"
  say "fyne package -os linux (release build; a cold one takes a few minutes)"
  # fyne takes -ldflags from GOFLAGS and adds its own -s -w for --release.
  (cd "$src" && GOFLAGS="${GOFLAGS:-} -ldflags=-X=main.version=$version" \
    "$work/bin/fyne" package -os linux --release --src . --icon assets/icon.png)
  mv "$src"/*.tar.xz "$out"
  say "$out: $(du -h "$out" | cut -f1)"
  tar -tJf "$out" | sed 's/^/  /'
}

windows() {
  local out="dist/khovanban-$version-windows-amd64.exe"
  say "Windows resources: icon, manifest, version $version.$build"
  (cd "$src" && go run "$winres" simply --arch amd64 --out rsrc --manifest gui \
    --icon assets/icon.png --product-name "$name" --file-description "$name" \
    --original-filename khovanban.exe --product-version "$version.$build" \
    --file-version "$version.$build")
  say "go build for windows/amd64 with mingw-w64 (a cold one takes about 6 minutes)"
  (cd "$src" && CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
    go build -tags "$tags" -ldflags "-s -w -H=windowsgui -X main.version=$version" \
    -o "$root/$out" .)
  say "$out: $(du -h "$out" | cut -f1)"
}

for t in "${targets[@]}"; do
  case "$t" in
    linux) linux ;;
    windows) windows ;;
    *) echo "dist: unknown target $t (linux, windows)" >&2; exit 2 ;;
  esac
done
(cd dist && rm -f SHA256SUMS && sha256sum -- *.tar.xz *.exe 2>/dev/null >SHA256SUMS || true)
say "dist/SHA256SUMS:"
sed 's/^/  /' dist/SHA256SUMS
