package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The kill tests of an import's phases: the random kills of
// TestKillDuringImportAndEdit land between the import's commits; these
// land where those seldom do: while the first files are read, before
// anything is committed, and in the import's end (a bulk import's merge,
// its swap of the index and the catalog's compaction; Close writing the
// index). The child kills itself (SIGKILL) at the moment chosen, so that
// the moment does not depend on how fast the parent hears of it.

const (
	// phasePrefix begins the child's mode of these tests: phase-read,
	// phase-end, phase-close.
	phasePrefix = "phase-"
	// envKillAt is where the child kills itself: for phase-read, at the
	// Nth file read; else so many microseconds after its phase began
	// (-1: not at all, to time the phase).
	envKillAt = "KHOVANBAN_KILL_AT"
)

// Lines the child prints (besides killReady): each document the import
// reports added ("added ID"), its phase's beginning, the import's end,
// and Close's end with the microseconds since the phase began.
const (
	linePhase    = "phase"
	lineImported = "imported"
	lineClosed   = "closed"
)

// killSelf ends this process as kill -9 would.
func killSelf() {
	p, err := os.FindProcess(os.Getpid())
	if err == nil {
		err = p.Kill()
	}
	if err != nil {
		panic(err)
	}
	select {} // until the signal lands
}

// phaseChild is the child of the phase tests: it imports the corpus
// into the archive and closes it, killing itself where envKillAt says.
func phaseChild(t *testing.T, phase string) {
	at, err := strconv.ParseInt(os.Getenv(envKillAt), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	if phase == "end" {
		// A bulk import, and a compaction of the catalog after it, for
		// the corpus of 120; set before Open, for its replay too.
		bulkImportMin, catalogCompactMin = 10, 50
	}
	a, err := Open(os.Getenv(envArchive), Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println(killReady)
	var (
		once  sync.Once
		start atomic.Int64
	)
	begin := func() {
		once.Do(func() {
			start.Store(time.Now().UnixMicro())
			fmt.Println(linePhase)
			if at >= 0 {
				time.AfterFunc(time.Duration(at)*time.Microsecond, killSelf)
			}
		})
	}
	opts := ImportOptions{Workers: 2, MemoryBudget: 20000, Item: func(it ImportItem) {
		if it.Status == Added {
			fmt.Println("added", it.ID)
		}
	}}
	var reads atomic.Int64
	switch phase {
	case "read":
		// Batches as an import makes them: handed to the committer full,
		// or a second after the import began.
		opts.MemoryBudget = 0
		opts.afterRead = func() {
			if reads.Add(1) == at {
				killSelf()
			}
		}
	case "end":
		opts.Progress = func(p Progress) {
			if p.Indexing {
				begin() // every file stored; the new index being merged
			}
		}
	}
	if _, err := a.Import(context.Background(), []string{os.Getenv(envCorpus)}, opts); err != nil {
		t.Fatal(err)
	}
	fmt.Println(lineImported)
	if phase == "close" {
		begin()
	}
	err = a.Close()
	fmt.Println(lineClosed, time.Now().UnixMicro()-start.Load())
	if err != nil {
		t.Fatal(err)
	}
}

// runPhaseChild runs the child in phase with envKillAt at, until it ends
// (killed by itself, or done), and returns what it printed.
func runPhaseChild(t *testing.T, phase, archive, corpus string, at int64) []string {
	t.Helper()
	t.Setenv(envKillAt, strconv.FormatInt(at, 10))
	p := startKillChild(t, phasePrefix+phase, archive, corpus)
	select {
	case <-p.drained:
	case <-time.After(5 * time.Minute):
		t.Fatalf("the child (%s) did not end in 5 minutes", phase)
	}
	p.kill() // waits for it
	return p.printed()
}

// phaseLines reads the child's lines: the ids it reported added, and
// whether it printed each marker line.
func phaseLines(lines []string) (added []string, seen map[string]bool) {
	seen = map[string]bool{}
	for _, l := range lines {
		word, rest, _ := strings.Cut(l, " ")
		if word == "added" {
			added = append(added, rest)
		}
		seen[word] = true
	}
	return added, seen
}

// storedIDs lists the archive's live documents, read only.
func storedIDs(t *testing.T, dir string) []string {
	t.Helper()
	a, err := OpenReadOnly(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	ids, err := a.store.ids(docsDir)
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// requireKept fails unless every id of want is stored in the archive.
func requireKept(t *testing.T, kill int, what string, want, stored []string) {
	t.Helper()
	for _, id := range want {
		if !slices.Contains(stored, id) {
			t.Fatalf("kill %d: %s %s lost (%d stored)", kill, what, id, len(stored))
		}
	}
}

// TestKillWhileReadingBeforeFirstCommit kills an import while its first
// files are read, before its first commit (at the first file read, the
// committer has had nothing to write), into an archive holding 40
// documents already: the archive opens whole (checkArchive: every
// document with its original and found, the index agreeing with the
// store, nothing half-written), the 40 are there, and a kill at the
// first read leaves the catalog without a commit. Kills at later reads
// land before or after the first batch is committed; what the child
// reported added is there.
func TestKillWhileReadingBeforeFirstCommit(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	kills, corpus := killCount(), killCorpus(t)
	archive := filepath.Join(t.TempDir(), "a")
	a, err := Open(archive, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	var first []string
	for i := 0; i < 400; i += 10 {
		first = append(first, filepath.Join(corpus, fmt.Sprintf("d%03d.txt", i)))
	}
	if rep, err := a.Import(context.Background(), first, ImportOptions{}); err != nil || rep.Added != len(first) {
		t.Fatalf("%v %+v", err, rep)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	before := storedIDs(t, archive)
	seq := checkArchive(t, archive, -1)
	rng := rand.New(rand.NewPCG(5, 6))
	uncommitted := 0
	for k := range kills {
		at := int64(1)
		if k%2 == 1 {
			at = 2 + rng.Int64N(40)
		}
		lines := runPhaseChild(t, "read", archive, corpus, at)
		added, seen := phaseLines(lines)
		after := checkArchive(t, archive, k)
		stored := storedIDs(t, archive)
		requireKept(t, k, "document stored before the import", before, stored)
		requireKept(t, k, "document reported added", added, stored)
		if after == seq {
			uncommitted++
		} else if at == 1 {
			t.Errorf("kill %d at the first file read: %d commits before it, want none", k, after-seq)
		}
		t.Logf("kill %d at read %d: %d commits, %d reported added, %d stored, import ended %v", k, at, after-seq, len(added), len(stored), seen[lineImported])
		seq, before = after, stored
	}
	if uncommitted == 0 {
		t.Error("no kill landed before the import's first commit")
	}
}

// TestKillAtImportsEnd kills imports in their last phase, timed over
// it: a bulk import of 120 documents into a new archive (phase-end)
// once every file is stored, while the new index is merged and put in
// place of the live one and the catalog compacted, and in Close; an
// online import (phase-close) while Close writes the index. After each
// kill the archive opens whole (checkArchive), and every document the
// import reported added is stored and found.
func TestKillAtImportsEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	// 120 files: the child's bulk import takes 10 or more (phaseChild),
	// and each of the 14 children imports them all (under -race, 400
	// took 7.4 s to merge and close, and the test 10 minutes).
	const files = 120
	kills, corpus := killCount(), killCorpusOf(t, files)
	for _, phase := range []string{"end", "close"} {
		t.Run(phase, func(t *testing.T) {
			archive := filepath.Join(t.TempDir(), "a")
			// The phase timed once, not killed.
			lines := runPhaseChild(t, phase, filepath.Join(t.TempDir(), "timed"), corpus, -1)
			_, seen := phaseLines(lines)
			var took int64
			for _, l := range lines {
				if v, ok := strings.CutPrefix(l, lineClosed+" "); ok {
					took, _ = strconv.ParseInt(v, 10, 64)
				}
			}
			if !seen[lineClosed] || took <= 0 {
				t.Fatalf("the phase was not timed: %q", lines)
			}
			inside := 0
			for k := range kills {
				os.RemoveAll(archive)
				at := took * int64(2*k+1) / int64(2*kills)
				added, seen := phaseLines(runPhaseChild(t, phase, archive, corpus, at))
				checkArchive(t, archive, k)
				stored := storedIDs(t, archive)
				requireKept(t, k, "document reported added", added, stored)
				if !seen[linePhase] || len(added) != len(stored) || len(stored) != files {
					t.Fatalf("kill %d: %d reported added, %d stored, phase begun %v; want %d", k, len(added), len(stored), seen[linePhase], files)
				}
				where := "after Close"
				switch {
				case !seen[lineImported]:
					where = "before the import returned"
				case !seen[lineClosed]:
					where = "in Close"
				}
				if !seen[lineClosed] {
					inside++
				}
				t.Logf("kill %d, %d µs into %d: %s", k, at, took, where)
			}
			if inside == 0 {
				t.Errorf("no kill landed in the phase (%d µs)", took)
			}
		})
	}
}
