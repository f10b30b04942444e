#!/usr/bin/env bash
# Corpus benchmark of the real binary: generates synthetic Vietnamese documents with the
# shared vncorpus tool, imports them into a fresh archive, runs a few searches and reports
# wall time and peak memory (GNU time -v) of each step.
#
#   scripts/bench.sh [BIN]          (default ./khovanban; make bench builds it first)
#
# Settings (environment): BENCH_DOCS (default 10000), BENCH_SEED (1), BENCH_DIR (bench-data),
# BENCH_QUICK (set: the corpus's figures without the development set, the metadata accuracy and
# the relevance benchmark, as make bench-million does), BENCH_NORECOLL (set: no recollindex beside
# the import, which at a million documents would take an hour of both cores; make bench-million),
# BENCH_ARCHIVE (the archive's folder, kept afterwards; default a temporary one), BENCH_ROUNDS
# (default 3: recollindex and our import of the corpus, one after the other, that many times; the
# median of the rounds' ratios is the figure, as the machine's speed may change between minutes).
# Corpora are kept in $BENCH_DIR/corpus-N-seedS and reused; each run imports into a new archive.
# Without the vncorpus tool (../shared/tools/vncorpus, as beside a project checkout) the
# corpus part is skipped with a message: the project itself does not ship it.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=$(realpath "${1:-./khovanban}")
docs=${BENCH_DOCS:-10000}
seed=${BENCH_SEED:-1}
dir=${BENCH_DIR:-bench-data}
queries=('quyết tâm' 'quyet tam' 'nông thôn mới' '"xây dựng nông thôn mới"' 'Đảng ủy' 'ban chấp hành')

say() { printf 'bench: %s\n' "$*"; }
[ -x "$bin" ] || { say "no executable at $bin (run make build)"; exit 1; }
[ -x /usr/bin/time ] || { say "GNU time is missing: scripts/install-deps.sh --bench"; exit 1; }

# relevance NAME ARCHIVE TRUTH DOCS: the known-item relevance benchmark
# (scripts/relevance) on an archive, with Recoll beside it over the same
# files when recollindex is installed; its table goes to the README's
# "Search quality".
relevance() {
  local name=$1 archive=$2 truth=$3 docs=$4 rc=()
  if command -v recollindex >/dev/null; then
    local conf="$work/recoll-$name"
    mkdir -p "$conf"
    printf 'topdirs = %s\nskippedNames+ = labels.tsv truth.tsv\n' "$(realpath "$docs")" >"$conf/recoll.conf"
    # Recoll's filters run "env python3": the system's (python3-lxml, for .docx).
    PATH=/usr/bin:/bin:$PATH recollindex -c "$conf" >"$work/recollindex-$name.log" 2>&1 ||
      { say "recollindex failed on $docs"; tail -5 "$work/recollindex-$name.log" >&2; return 1; }
    rc=(-recoll "$conf")
  else
    say "recollindex not installed: relevance of our search alone (apt-get install recollcmd)"
  fi
  say "relevance on $name (known-item queries made from the documents, seed ${BENCH_SEED:-1})"
  go run -tags migrated_fynedo ./scripts/relevance -name "$name" -archive "$archive" -truth "$truth" \
    "${rc[@]}" -bin "$bin" -misses "$work/misses-$name.tsv"
}

work=$(mktemp -d /tmp/khovanban-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

# The development set of real documents (labels.tsv beside them), when
# present: BENCH_REALDEV, or ../realdev beside a project checkout.
realdev=${BENCH_REALDEV:-}
if [ -z "$realdev" ]; then
  for d in ../realdev /work/realdev; do
    [ -s "$d/labels.tsv" ] && { realdev=$d; break; }
  done
fi
if [ -n "${BENCH_QUICK:-}" ]; then
  : # make bench-million: the corpus's whole-process figures only
elif [ -n "$realdev" ] && [ -s "$realdev/labels.tsv" ]; then
  say "importing the development set $realdev"
  "$bin" -archive "$work/realdev" import "$realdev" >"$work/realdev-import.log" 2>&1 ||
    say "some files of $realdev were not imported (see the import report)"
  relevance realdev "$work/realdev" "$realdev/labels.tsv" "$realdev"
else
  say "SKIPPED relevance on real documents: no development set (labels.tsv) at ../realdev or \$BENCH_REALDEV"
fi

tool=""
for d in ../shared/tools/vncorpus /work/shared/tools/vncorpus; do
  [ -f "$d/main.go" ] && { tool=$(realpath "$d"); break; }
done
if [ -z "$tool" ]; then
  say "SKIPPED corpus benchmark: no vncorpus tool at ../shared/tools/vncorpus"
  exit 0
fi

mkdir -p "$dir"
corpus="$dir/corpus-$docs-seed$seed"
if [ ! -s "$corpus/truth.tsv" ]; then
  # shared/ is read-only: build the tool from a copy.
  cp -r "$tool" "$work/vncorpus"
  (cd "$work/vncorpus" && go build -o vncorpus .)
  say "generating $docs documents (seed $seed) into $corpus"
  rm -rf "$corpus"
  "$work/vncorpus/vncorpus" -n "$docs" -seed "$seed" -out "$corpus" -nfd 0.1 -cp1258 0.05 -oldtone 0.1 -typo 0.03
fi
corpus_size=$(du -sh "$corpus" | cut -f1)

# measure LABEL CMD...: runs CMD under GNU time, prints wall time and peak RSS, keeps stdout.
# Peak RSS counts the pages of files the program maps (the index's segments, the catalog), which
# the system drops without writing when memory is short; the private peak (the most anonymous
# memory, RssAnon, sampled twice a second) is what the program itself holds.
measure() {
  local label=$1; shift
  /usr/bin/time -v -o "$work/time" "$@" >"$work/out" 2>"$work/err" &
  local timer=$! anon=0 child a
  while kill -0 "$timer" 2>/dev/null; do
    for child in $(pgrep -P "$timer"); do
      a=$(awk '/^RssAnon:/ {print $2}' "/proc/$child/status" 2>/dev/null || true)
      if [ -n "$a" ] && [ "$a" -gt "$anon" ]; then anon=$a; fi
    done
    sleep 0.5
  done
  if ! wait "$timer"; then
    say "FAILED: $label: $*"
    tail -20 "$work/err" >&2
    exit 1
  fi
  local wall rss cpu
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.1f", s}' "$work/time")
  local private="– (under half a second)"
  [ "$anon" -gt 0 ] && private="$((anon / 1024)) MB"
  results+=("| $label | $wall | $cpu s | $((rss / 1024)) MB | $private |")
  say "$label: $wall, CPU $cpu s, peak $((rss / 1024)) MB (private $private)"
  last_wall=$(awk -F': ' '/Elapsed/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$work/time")
  last_rss=$((rss / 1024)) last_cpu=$cpu last_anon=$((anon / 1024))
  last_load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?")
}

archive=${BENCH_ARCHIVE:-$work/archive} # BENCH_ARCHIVE: a new folder kept afterwards
[ -e "$archive" ] && { say "$archive exists: BENCH_ARCHIVE must name a new folder"; exit 1; }
# Recoll first, then ours, in the same minutes on the same folder: the
# machine may be shared, so the two are only compared side by side.
recoll_wall=""
if [ -n "${BENCH_NORECOLL:-}" ]; then
  say "BENCH_NORECOLL set: no Recoll comparison"
elif command -v recollindex >/dev/null; then
  mkdir -p "$work/recoll"
  # recollindex lowers its own priority to nice 19 unless told not to
  # (idxniceprio): both run at the priority the bench is run at, so that
  # on a shared machine neither is given less of it.
  printf 'topdirs = %s\nskippedNames+ = labels.tsv truth.tsv\nidxniceprio = 0\n' "$(realpath "$corpus")" >"$work/recoll/recoll.conf"
  measure "recollindex $docs docs (for comparison)" recollindex -c "$work/recoll"
  recoll_wall=$last_wall recoll_rss=$last_rss recoll_cpu=$last_cpu recoll_load=$last_load
else
  say "recollindex not installed: no Recoll comparison (scripts/install-deps.sh --bench)"
fi
measure "import $docs docs ($corpus_size)" "$bin" -archive "$archive" import "$corpus"
ours_wall=$last_wall ours_rss=$last_rss ours_cpu=$last_cpu ours_load=$last_load ours_anon=$last_anon
# More rounds side by side, into archives and Recoll indexes thrown away
# after: each ratio is of two runs a minute apart, and their median the figure.
ratios=()
if [ -n "$recoll_wall" ]; then
  ratios+=("$(awk -v o="$ours_wall" -v r="$recoll_wall" 'BEGIN {printf "%.3f", o / r}')")
  for round in $(seq 2 "${BENCH_ROUNDS:-3}"); do
    rm -rf "$work/recoll-round" "$work/archive-round"
    mkdir -p "$work/recoll-round"
    cp "$work/recoll/recoll.conf" "$work/recoll-round/"
    measure "recollindex $docs docs, round $round" recollindex -c "$work/recoll-round"
    rw=$last_wall
    measure "import $docs docs, round $round" "$bin" -archive "$work/archive-round" import "$corpus"
    ratios+=("$(awk -v o="$last_wall" -v r="$rw" 'BEGIN {printf "%.3f", o / r}')")
    rm -rf "$work/recoll-round" "$work/archive-round"
  done
fi
for q in "${queries[@]}"; do
  measure "search $q" "$bin" -archive "$archive" search "$q"
  sed -n '1,3s/^/    /p' "$work/out"
done
measure "stats" "$bin" -archive "$archive" stats
sed 's/^/    /' "$work/out" | head -20
[ -d "$archive" ] && say "archive on disk: $(du -sh "$archive" | cut -f1)"

[ -n "$recoll_wall" ] && measure "recollq quyet tam (for comparison)" recollq -c "$work/recoll" -n 0-19 "quyet tam"

printf '\n| step | wall (m:ss) | CPU | peak RSS | private peak |\n|---|---|---|---|---|\n'
printf '%s\n' "${results[@]}"
if [ -n "$recoll_wall" ]; then
  # CPU seconds too, and the load average after each: on a shared
  # machine wall times say little alone.
  say "$(awk -v o="$ours_wall" -v r="$recoll_wall" -v om="$ours_rss" -v rm="$recoll_rss" -v n="$docs" \
    -v oc="$ours_cpu" -v rc="$recoll_cpu" -v ol="$ours_load" -v rl="$recoll_load" -v oa="$ours_anon" 'BEGIN {
    printf "SIDE BY SIDE, %d documents: khovanban import %.1f s (CPU %.1f s), peak %d MB (private %d MB), load %s; recollindex %.1f s (CPU %.1f s), peak %d MB, load %s: %.2fx Recoll time, %.2fx its CPU (goal 0.5x, under 400 MB)", n, o, oc, om, oa, ol, r, rc, rm, rl, o / r, oc / rc }')"
  say "SIDE BY SIDE, ${#ratios[@]} rounds: $(printf '%s\n' "${ratios[@]}" | sort -n | awk '{v[NR] = $1} END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    s = ""; for (i = 1; i <= NR; i++) s = s sprintf("%s%.2fx", i > 1 ? ", " : "", v[i])
    printf "%s of Recoll time (sorted); median %.2fx (goal 0.5x)", s, m }')"
fi

# In-process figures: each kind of query with snippets and facets (median
# and 99th percentile), opening the archive, and the metadata reader's
# accuracy against the corpus's truth.tsv.
say "search and open, in process, on the $docs-document archive"
KHOVANBAN_BENCH_ARCHIVE="$archive" go test -run='^$' -bench='SearchKinds|Open' -benchtime=200x ./index/ | grep -E '^Benchmark'
say "a keystroke's search (SearchAsTyped), typing a query letter by letter: CPU per keystroke, p50 and p99"
KHOVANBAN_BENCH_ARCHIVE="$archive" go test -run='^$' -bench='SearchAsTyped' -benchtime=10x ./index/ | grep -E '^Benchmark'
say "window: from a keystroke to its results on screen (debounce included)"
KHOVANBAN_BENCH_ARCHIVE="$archive" go test -tags migrated_fynedo -run='^$' -bench='Keystroke' -benchtime=3x ./ui/ | grep -E '^Benchmark'
say "window: opening the archive until its first results and facets are on screen (ready-ms, the CPU by then), and the resident memory after five searches and five documents read"
KHOVANBAN_BENCH_ARCHIVE="$archive" go test -tags migrated_fynedo -run='^$' -bench='WindowReady' -benchtime=3x ./ui/ | grep -E '^Benchmark'
[ -n "${BENCH_QUICK:-}" ] && exit 0 # make bench-million: no accuracy or relevance (truth of a million)
say "metadata accuracy on $docs documents"
KHOVANBAN_CORPUS="$(realpath "$corpus")" go test -count=1 -run='^TestCorpusAccuracy$' -v ./index/meta/ | grep -E 'documents,|%'
relevance "vncorpus-$docs" "$archive" "$corpus/truth.tsv" "$corpus"
