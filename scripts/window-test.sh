#!/usr/bin/env bash
# Opens the real application window under Xvfb and uses it as a person would: waits for the
# window, types a Vietnamese query into the search box, takes screenshots, checks that they
# show something and that typing changed the picture, then closes the window the way the
# title-bar X button does (WM_DELETE_WINDOW) and requires a clean exit.
#
#   scripts/window-test.sh [--bin ./khovanban | --wine KHOVANBAN.EXE] [--shots DIR] [--keep]
#
#   --bin PATH   use this binary (default: build ./khovanban with `make build`)
#   --wine EXE   test the Windows build under wine instead (make dist-check)
#   --shots DIR  also write the README screenshots to DIR: the main window on an empty
#                archive, with the bundled samples (assets/samples) imported, and a search
#   --keep       keep the work folder (logs, screenshots) even when everything passed
#
# Needs: Xvfb, xdotool, xmodmap, ImageMagick (import, identify, compare), gcc + libx11-dev
# (scripts/install-deps.sh installs them all; --dist adds wine).
set -euo pipefail
cd "$(dirname "$0")/.."

bin="" exe="" shots="" keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin=$2; shift 2 ;;
    --wine) exe=$2; shift 2 ;;
    --shots) shots=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "window-test: unknown option $1" >&2; exit 2 ;;
  esac
done

title='Kho Văn Bản'       # part of the window title the app sets
query='quyết tâm'          # typed into the search box
start_timeout=30           # seconds for the window to appear (Mesa software GL is slow)
exit_timeout=15            # seconds for the app to exit after the window is closed

say() { printf 'window-test: %s\n' "$*"; }
fail() { printf 'window-test: FAIL: %s\n' "$*" >&2; exit 1; }

for tool in Xvfb xdotool xmodmap gcc; do
  command -v "$tool" >/dev/null || fail "$tool is missing: run scripts/install-deps.sh"
done
# /usr/bin explicitly: some machines put a stand-in `convert` earlier on PATH.
im_import=/usr/bin/import im_identify=/usr/bin/identify im_compare=/usr/bin/compare
[ -x "$im_import" ] || fail "ImageMagick is missing: run scripts/install-deps.sh"

work=$(mktemp -d /tmp/khovanban-window.XXXXXX)
if [ -n "$exe" ]; then
  command -v wine >/dev/null || fail "wine is missing: run scripts/install-deps.sh --dist"
  [ -f "$exe" ] || fail "no Windows executable at $exe"
  run=(wine "$(realpath "$exe")")
  start_timeout=120 # a new wine prefix and software GL take a while
  # A throwaway prefix; no Mono/Gecko download prompts; quiet.
  export WINEPREFIX="$work/wine" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree=;mshtml="
  path_arg() { winepath -w "$1" 2>/dev/null; }
else
  if [ -z "$bin" ]; then
    make -s build
    bin=./khovanban
  fi
  [ -x "$bin" ] || fail "no executable at $bin"
  run=("$(realpath "$bin")")
  path_arg() { printf '%s' "$1"; }
fi

xvfb_pid="" app_pid=""
cleanup() {
  local rc=$?
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$exe" ] && timeout 10 wineserver -k 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  if [ $rc -ne 0 ] || [ $keep -eq 1 ]; then
    say "work folder kept: $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

# A user's click on the title-bar X sends WM_DELETE_WINDOW; with no window manager under Xvfb
# nobody else will, and xdotool 3.2016's windowclose destroys the window instead. This helper
# sends the message the way a window manager does.
cat >"$work/wmclose.c" <<'C'
#include <X11/Xlib.h>
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
  if (argc != 2) { fprintf(stderr, "usage: wmclose WINDOW-ID\n"); return 2; }
  Display *d = XOpenDisplay(NULL);
  if (!d) { fprintf(stderr, "wmclose: cannot open display\n"); return 1; }
  Window w = (Window)strtoul(argv[1], NULL, 0);
  XEvent ev = {0};
  ev.xclient.type = ClientMessage;
  ev.xclient.window = w;
  ev.xclient.message_type = XInternAtom(d, "WM_PROTOCOLS", False);
  ev.xclient.format = 32;
  ev.xclient.data.l[0] = XInternAtom(d, "WM_DELETE_WINDOW", False);
  ev.xclient.data.l[1] = CurrentTime;
  XSendEvent(d, w, False, NoEventMask, &ev);
  XCloseDisplay(d);
  return 0;
}
C
gcc -O -o "$work/wmclose" "$work/wmclose.c" -lX11 || fail "cannot build the close helper (need libx11-dev)"

# start_x SIZE: starts Xvfb with one screen of SIZE (WxH). Xvfb picks a free display itself
# and tells us its number on fd 3. -noreset keeps the keymap below when the last client
# disconnects between two launches.
start_x() {
  screen=$1
  : >"$work/display"
  Xvfb -displayfd 3 -screen 0 "${screen}x24" -nolisten tcp -noreset 3>"$work/display" 2>"$work/xvfb.log" &
  xvfb_pid=$!
  for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
  [ -s "$work/display" ] || fail "Xvfb did not start: $(cat "$work/xvfb.log")"
  export DISPLAY=":$(cat "$work/display")"
  say "Xvfb on $DISPLAY, screen $screen"
}

stop_x() {
  kill "$xvfb_pid" 2>/dev/null || true
  wait "$xvfb_pid" 2>/dev/null || true
  xvfb_pid=""
}

# Keep the app's settings and default folders out of the real home.
export LANG=C.UTF-8 XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache"

# xdotool types a letter missing from the keymap (ế) by remapping a spare key just for that
# keystroke and restoring it at once; a busy app then reads the key with the old mapping and
# the letter is lost. Give every letter of the query a key of its own beforehand instead.
map_letters() {
  local spare letter code
  spare=($(xmodmap -pke | awk 'NF == 3 { print $2 }'))
  for letter in $(printf '%s' "$1" | grep -o '[^ -~]' | sort -u); do
    code=$(printf '%d' "'$letter")
    # X keysyms: Latin-1 letters are their code point, the rest 0x1000000 + code point.
    [ "$code" -lt 256 ] || code=$((0x1000000 + code))
    [ ${#spare[@]} -gt 0 ] || fail "no spare key left for $letter"
    xmodmap -e "keycode ${spare[0]} = $(printf '0x%x 0x%x' "$code" "$code")"
    xmodmap -pke | awk -v k="${spare[0]}" '$2 == k && NF > 3 { found = 1 } END { exit !found }' ||
      fail "could not give $letter a key"
    spare=("${spare[@]:1}")
  done
}
setup_x() {
map_letters "$query"
if [ -n "$exe" ] && [ -z "${wine_ready:-}" ]; then
  wine_ready=1
  timeout 180 wineboot -i >"$work/wineboot.log" 2>&1 || fail "wineboot failed: $(tail -5 "$work/wineboot.log")"
  say "wine prefix ready ($(wine --version))"
  # Go's runtime (1.22+) calls ProcessPrng in bcryptprimitives.dll, which every Windows 10/11
  # has but wine 8.0 (Debian 12) lacks: the .exe dies with "bcryptprimitives.dll not found".
  # For the test only, put a stand-in built from RtlGenRandom into the throwaway prefix.
  sys32="$WINEPREFIX/drive_c/windows/system32"
  if [ ! -e "$sys32/bcryptprimitives.dll" ]; then
    cat >"$work/bcryptprimitives.c" <<'C'
#include <windows.h>
#include <ntsecapi.h>
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
  while (len > 0) {
    ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
    if (!RtlGenRandom(data, n)) return FALSE;
    data += n;
    len -= n;
  }
  return TRUE;
}
C
    x86_64-w64-mingw32-gcc -shared -O2 -o "$sys32/bcryptprimitives.dll" "$work/bcryptprimitives.c" -ladvapi32 ||
      fail "cannot build the bcryptprimitives.dll stand-in (need gcc-mingw-w64-x86-64)"
    say "wine lacks bcryptprimitives.dll: using a ProcessPrng stand-in for this test"
  fi
fi
}

shot() { # shot WINDOW FILE: screenshot of one window, checked not to be blank
  "$im_import" -window "$1" "$2" 2>>"$work/import.log" || fail "screenshot failed: $(tail -3 "$work/import.log")"
  local colours
  colours=$("$im_identify" -format %k "$2")
  [ "$colours" -gt 16 ] || fail "screenshot $2 is blank ($colours colours)"
  say "screenshot $(basename "$2"): $("$im_identify" -format '%wx%h' "$2"), $colours colours"
}

# launch NAME ARCHIVE: starts the app and sets app_pid and wid.
launch() {
  "${run[@]}" -archive "$(path_arg "$2")" >"$work/$1.log" 2>&1 &
  app_pid=$!
  wid="" state="still running"
  for _ in $(seq $((start_timeout * 2))); do
    wid=$(xdotool search --onlyvisible --name "$title" 2>/dev/null | head -1) || true
    [ -n "$wid" ] && break
    kill -0 "$app_pid" 2>/dev/null || { state="exited"; break; }
    sleep 0.5
  done
  [ -n "$wid" ] || fail "no window named '$title' within ${start_timeout}s (app $state); its output:
$(tail -20 "$work/$1.log")"
  say "$1: window $wid '$(xdotool getwindowname "$wid")'"
  xdotool windowfocus --sync "$wid" 2>/dev/null || xdotool windowfocus "$wid"
  sleep 2 # let the first frames render
}

# search WINDOW BEFORE AFTER: types the query and checks the window changed.
search() {
  shot "$1" "$2"
  xdotool key --window "$1" ctrl+f
  sleep 0.5
  xdotool type --delay 100 "$query"
  sleep 2 # search runs as you type; give it time to show results
  shot "$1" "$3"
  local diff
  diff=$("$im_compare" -metric AE "$2" "$3" null: 2>&1 || true)
  [ "${diff%% *}" != 0 ] || fail "typing '$query' changed nothing on screen"
  say "typing '$query' changed $diff pixels"
}

# close NAME: closes the window as the X button does and requires a clean, timely exit.
close() {
  "$work/wmclose" "$wid"
  local rc=0
  for _ in $(seq $((exit_timeout * 10))); do
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$app_pid" 2>/dev/null; then
    fail "$1: app still running ${exit_timeout}s after its window was closed; output:
$(tail -20 "$work/$1.log")"
  fi
  wait "$app_pid" || rc=$?
  app_pid=""
  [ $rc -eq 0 ] || fail "$1: app exited with status $rc; output:
$(tail -20 "$work/$1.log")"
  say "$1: closed cleanly"
}

# fits WINDOW: the window lies wholly on the screen, so that no button is out of reach.
fits() {
  local WIDTH HEIGHT X Y sw sh
  eval "$(xdotool getwindowgeometry --shell "$1")"
  sw=${screen%x*} sh=${screen#*x}
  if [ "$X" -lt 0 ] || [ "$Y" -lt 0 ] || [ $((X + WIDTH)) -gt "$sw" ] || [ $((Y + HEIGHT)) -gt "$sh" ]; then
    fail "the window (${WIDTH}x${HEIGHT} at $X,$Y) does not fit the ${screen} screen"
  fi
  say "the window (${WIDTH}x${HEIGHT} at $X,$Y) fits the ${screen} screen"
}

# The commune PC's usual screen, then the smallest one still in use.
for size in 1366x768 1024x768; do
  start_x "$size"
  setup_x
  rm -rf "$work/config" "$work/empty" # a first start on this screen: no saved window size
  mkdir -p "$work/empty"
  launch empty "$work/empty"
  fits "$wid"
  search "$wid" "$work/empty-$size.png" "$work/empty-search-$size.png"
  close empty

  if [ -n "$shots" ]; then
    mkdir -p "$shots"
    suffix=""
    [ "$size" = 1366x768 ] || suffix="-${size%x*}"
    cp "$work/empty-$size.png" "$shots/main-empty$suffix.png"
    [ -d assets/samples ] || fail "--shots needs assets/samples to import"
    if [ ! -d "$work/samples" ]; then
      mkdir -p "$work/samples"
      "${run[@]}" -archive "$(path_arg "$work/samples")" import "$(path_arg "$(realpath assets/samples)")" \
        >"$work/import-samples.log" 2>&1 ||
        fail "import of assets/samples failed: $(tail -5 "$work/import-samples.log")"
    fi
    rm -rf "$work/config"
    launch samples "$work/samples"
    fits "$wid"
    search "$wid" "$shots/main-samples$suffix.png" "$shots/search$suffix.png"
    close samples
    say "screenshots at $size written to $shots"
  fi
  stop_x
done
say "PASS"
