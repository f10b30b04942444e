package index

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"khovanban/index/internal/archivestore"
)

// withBulkImportMin lowers the fewest files of a bulk import for a test.
func withBulkImportMin(t testing.TB, n int) {
	old := bulkImportMin
	bulkImportMin = n
	t.Cleanup(func() { bulkImportMin = old })
}

// TestBulkImport imports, into an archive holding one document, 35
// files: the index is built offline and swapped in at the
// end. Before that the stored documents are not searchable (the progress
// says so); after it every document is, every twin group is whole (groups
// spread over batches, one joined by the document that was there before,
// whose entry the builder had already taken), no document is left marked
// as not indexed, and nothing of the build is left beside the index.
func TestBulkImport(t *testing.T) {
	withBulkImportMin(t, 10)
	a := newTestArchive(t)
	dir := t.TempDir()
	const groups = 12
	writeTwinGroups(t, dir, groups)
	first := filepath.Join(t.TempDir(), "g00-a.txt")
	if err := os.Rename(filepath.Join(dir, "g00-a.txt"), first); err != nil {
		t.Fatal(err)
	}
	before, err := a.Import(context.Background(), []string{first}, ImportOptions{})
	if err != nil || before.Added != 1 {
		t.Fatalf("first import: %v %+v", err, before)
	}

	var mu sync.Mutex
	var progress []Progress
	var foundEarly int
	rep, err := a.Import(context.Background(), []string{dir}, ImportOptions{
		MemoryBudget: 3000, Workers: 2, // a file or two a batch: groups over several batches
		Progress: func(p Progress) {
			mu.Lock()
			progress = append(progress, p)
			mu.Unlock()
		},
		beforeIndex: func() {
			res, err := a.Search(context.Background(), Request{Query: "giữ gìn đường làng"})
			if err == nil {
				foundEarly = max(foundEarly, res.Total)
			}
			time.Sleep(5 * time.Millisecond)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 3*groups-1 {
		t.Fatalf("added %d, want %d: %+v", rep.Added, 3*groups-1, rep.Items)
	}
	if foundEarly > 1 {
		t.Errorf("%d documents found while the bulk import ran, want only the one there before", foundEarly)
	}
	last := progress[len(progress)-1]
	if !slices.ContainsFunc(progress, func(p Progress) bool { return p.Indexing }) || !last.Later {
		t.Errorf("the progress never said the index was being built: %+v", progress)
	}
	ids := map[string]string{"g00-a.txt": before.Items[0].ID}
	for _, it := range rep.Items {
		ids[filepath.Base(it.Path)] = it.ID
	}
	for g := range groups {
		requireGroup(t, a, fmt.Sprintf(`"báo cáo số %d về việc"`, g+1),
			ids[fmt.Sprintf("g%02d-a.txt", g)], ids[fmt.Sprintf("g%02d-b.htm", g)], ids[fmt.Sprintf("g%02d-c.txt", g)])
	}
	n, _ := a.idx.DocCount()
	if n != 3*groups {
		t.Errorf("index holds %d documents, want %d", n, 3*groups)
	}
	a.waitJournal(10 * time.Second) // the twin's entry indexed again, online
	if a.journalPending() {
		t.Error("documents left marked as not indexed")
	}
	for _, left := range []string{bulkNewDir, bulkOldDir} {
		if _, err := os.Stat(filepath.Join(a.dir, left)); err == nil {
			t.Errorf("%s left", left)
		}
	}
	requireCheck(t, a)

	// Imported again: every file a duplicate, the online path (the
	// archive holds them all), nothing changed.
	again, err := a.Import(context.Background(), []string{dir}, ImportOptions{})
	if err != nil || again.Duplicates != 3*groups-1 {
		t.Fatalf("import again: %v, %d duplicates", err, again.Duplicates)
	}
}

// TestBulkImportSameAsOnline imports the same files through the offline
// builder and through the online index: the two archives answer every
// query alike.
func TestBulkImportSameAsOnline(t *testing.T) {
	dir := t.TempDir()
	writeTwinGroups(t, dir, 4)
	for i, k := range slices.Sorted(maps.Keys(testDocs)) {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("d%02d.txt", i)), []byte(testDocs[k]), 0o644)
	}
	results := map[string][]string{}
	for _, mode := range []string{"online", "bulk"} {
		if mode == "bulk" {
			withBulkImportMin(t, 1)
		}
		a := newTestArchive(t)
		rep, err := a.Import(context.Background(), []string{dir}, ImportOptions{MemoryBudget: 3000})
		if err != nil || rep.Failed > 0 {
			t.Fatalf("%s: %v %+v", mode, err, rep)
		}
		for _, q := range []string{"kế hoạch", "ke hoach", `"báo cáo số 2"`, "ủy ban năm:2023", "giữ gìn đường làng", "quyết định"} {
			res, err := a.Search(context.Background(), Request{Query: q})
			if err != nil {
				t.Fatal(err)
			}
			// A twin group is shown by one of its members, the one
			// imported first, and which file is read first depends on
			// the workers: a group is compared by all its members.
			var got []string
			for _, h := range res.Hits {
				group := []string{h.ID}
				for _, m := range h.Twins {
					group = append(group, m.ID)
				}
				slices.Sort(group)
				got = append(got, strings.Join(slices.Compact(group), "+"))
			}
			slices.Sort(got)
			results[mode] = append(results[mode], fmt.Sprintf("%s: %d %v", q, res.Total, got))
		}
	}
	if !slices.Equal(results["online"], results["bulk"]) {
		t.Fatalf("online and bulk imports differ:\n%v\n%v", results["online"], results["bulk"])
	}
}

// TestBulkImportCompactsBesideMerge: a bulk import that adds enough
// documents (the threshold lowered) compacts the catalog while its new
// index is merged, before the swap, not after it alone: when the new
// index is about to take the live one's place, the catalog is already
// another file (the compacted copy) and the import's documents are not
// yet found. After the import every document is found, none is left
// marked as not indexed, and the catalog is not copied again.
func TestBulkImportCompactsBesideMerge(t *testing.T) {
	withBulkImportMin(t, 10)
	was := catalogCompactMin
	catalogCompactMin = 2
	t.Cleanup(func() { catalogCompactMin = was })
	a := newTestArchive(t)
	dir := t.TempDir()
	const groups = 6
	writeTwinGroups(t, dir, groups)
	path := filepath.Join(a.Dir(), archivestore.CatalogFile)
	first, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	var atSwap os.FileInfo
	found := -1
	rep, err := a.Import(context.Background(), []string{dir}, ImportOptions{beforeSwap: func() {
		atSwap, _ = os.Stat(path)
		if n, err := a.idx.DocCount(); err == nil {
			found = int(n)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 3*groups {
		t.Fatalf("added %d, want %d", rep.Added, 3*groups)
	}
	if atSwap == nil || found != 0 {
		t.Fatalf("the swap was not reached with the live index empty: %v, %d indexed", atSwap, found)
	}
	if os.SameFile(first, atSwap) {
		t.Error("the catalog was not compacted before the new index was swapped in")
	}
	after, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(atSwap, after) {
		t.Error("the catalog was copied again after the swap")
	}
	ids := map[string]string{}
	for _, it := range rep.Items {
		ids[filepath.Base(it.Path)] = it.ID
	}
	for g := range groups {
		requireGroup(t, a, fmt.Sprintf(`"báo cáo số %d về việc"`, g+1),
			ids[fmt.Sprintf("g%02d-a.txt", g)], ids[fmt.Sprintf("g%02d-b.htm", g)], ids[fmt.Sprintf("g%02d-c.txt", g)])
	}
	if n, _ := a.idx.DocCount(); n != 3*groups {
		t.Errorf("index holds %d documents, want %d", n, 3*groups)
	}
	a.waitJournal(10 * time.Second)
	if a.journalPending() {
		t.Error("documents left marked as not indexed")
	}
	requireCheck(t, a)
}

// TestKillDuringBulkImport kills, at random moments, a process importing
// 400 files with the offline builder into a new archive, then a process
// importing them again into what the kill left (online, unless the Open
// after the kill found less than a tenth of them stored): the archive
// opens each time with the index agreeing with the store (what was stored
// and not yet swapped in is indexed by Open, offline when it is ten times
// what the index holds), every document found, and nothing of the build
// left beside the index.
func TestKillDuringBulkImport(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	withBulkImportMin(t, 10) // Open too: the replay of many marks is offline
	kills, corpus := killCount(), killCorpus(t)
	archive := filepath.Join(t.TempDir(), "a")
	rng := rand.New(rand.NewPCG(5, 6))
	building := func() bool {
		_, err := os.Stat(filepath.Join(archive, bulkNewDir))
		return err == nil
	}
	waitFor := func(building func() bool, want bool) {
		for start := time.Now(); time.Since(start) < time.Minute && building() != want; time.Sleep(5 * time.Millisecond) {
		}
	}
	// The first import is killed after it ends (in the edits that
	// follow), and timed: the others are killed at random moments of
	// that span after they begin (the machine's load makes it 2-10 s),
	// before the first batch is stored, while the builder takes them,
	// while it merges, after the swap.
	var span time.Duration
	for k := range kills {
		if k%2 == 0 {
			os.RemoveAll(archive)
		}
		child := startKillChild(t, "bulkimport", archive, corpus)
		switch {
		case k == 0:
			waitFor(building, true)
			start := time.Now()
			waitFor(building, false)
			span = time.Since(start)
			t.Logf("the import took %v", span)
		case k%2 == 0:
			waitFor(building, true)
			time.Sleep(time.Duration(rng.Int64N(int64(span + span/5))))
		default: // into what the last kill left: online when it holds more than a tenth
			time.Sleep(time.Second + time.Duration(rng.Int64N(int64(span))))
		}
		child.kill()
		_, err := os.Stat(filepath.Join(archive, bulkNewDir))
		t.Logf("kill %d: killed with a new index being built: %v", k, err == nil)
		checkArchive(t, archive, k)
		for _, left := range []string{bulkNewDir, bulkOldDir} {
			if _, err := os.Stat(filepath.Join(archive, left)); err == nil {
				t.Errorf("kill %d: %s left after Open", k, left)
			}
		}
	}
}

// TestBulkSwapFailureLeavesArchiveUsable makes a bulk import's swap fail
// at each step after the live index is closed: closing it and emptying
// the engine's cache folder (injected: a file held open on Windows, a
// folder a person may not write), moving the new index into place (it
// vanished) and opening it (damaged). Each time the import says it
// failed, the live index is the one from before, open (the document
// stored before the import is found), the import's documents are stored,
// the archive closes without a panic (the closed index was closed again
// in Bleve: a panic), and the next Open indexes the import's documents.
func TestBulkSwapFailureLeavesArchiveUsable(t *testing.T) {
	withBulkImportMin(t, 10)
	injected := errors.New("injected")
	failAt := func(step string) ImportOptions {
		return ImportOptions{swapFault: func(s string) error {
			if s == step {
				return injected
			}
			return nil
		}}
	}
	cases := []struct {
		name string
		opt  func(archive string) ImportOptions
	}{
		{"close", func(string) ImportOptions { return failAt(swapClose) }},
		{"cache", func(string) ImportOptions { return failAt(swapCache) }},
		{"rename", func(archive string) ImportOptions {
			return ImportOptions{beforeSwap: func() {
				if err := os.Rename(filepath.Join(archive, bulkNewDir), filepath.Join(archive, "elsewhere")); err != nil {
					t.Error(err)
				}
			}}
		}},
		{"open", func(archive string) ImportOptions {
			return ImportOptions{beforeSwap: func() {
				writeFile(t, filepath.Join(archive, bulkNewDir, "index_meta.json"), []byte("{damaged"))
			}}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			corpus := killCorpusOf(t, 13)
			first := filepath.Join(t.TempDir(), "d000.txt")
			if err := os.Rename(filepath.Join(corpus, "d000.txt"), first); err != nil {
				t.Fatal(err)
			}
			archive := filepath.Join(t.TempDir(), "a")
			a, err := Open(archive, Options{Registry: testRegistry(t)})
			if err != nil {
				t.Fatal(err)
			}
			if rep, err := a.Import(context.Background(), []string{first}, ImportOptions{}); err != nil || rep.Added != 1 {
				t.Fatalf("first import: %v %+v", err, rep)
			}
			rep, err := a.Import(context.Background(), []string{corpus}, c.opt(archive))
			if err == nil {
				t.Fatal("the swap's failure was not reported")
			}
			t.Logf("import: %v", err)
			res, err := a.Search(context.Background(), Request{Query: "kt0"})
			if err != nil || res.Total != 1 {
				t.Fatalf("the document from before the import is not found after the failed swap: %v %+v", err, res)
			}
			if rep == nil || rep.Added != 12 {
				t.Fatalf("report %+v, want 12 added", rep)
			}
			for _, it := range rep.Items {
				if _, err := a.Get(it.ID); err != nil {
					t.Fatalf("%s not stored: %v", it.Path, err)
				}
			}
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("Close panicked: %v", r)
					}
				}()
				if err := a.Close(); err != nil {
					t.Fatalf("Close: %v", err)
				}
			}()
			checkArchive(t, archive, 0) // every document stored, indexed and found by its own word
			for _, left := range []string{bulkNewDir, bulkOldDir} {
				if _, err := os.Stat(filepath.Join(archive, left)); err == nil {
					t.Errorf("%s left after Open", left)
				}
			}
		})
	}
}

// TestImportPairsKeepsLatestShingles: a bulk import keeps the shingles of
// the last keptShinglesMax candidates it read back, the oldest dropped
// first, and gives none for a text of another length than they were cut
// from.
func TestImportPairsKeepsLatestShingles(t *testing.T) {
	var ip importPairs
	sh := func(i int) *shingled {
		return shingle(fmt.Sprintf("văn bản số %d của ủy ban nhân dân xã", i))
	}
	kept := make([]*shingled, keptShinglesMax+10)
	for i := range kept {
		kept[i] = sh(i)
		ip.keep(fmt.Sprint("d", i), 100+i, kept[i])
		ip.keep(fmt.Sprint("d", i/2), 100+i/2, kept[i/2]) // kept again: not a new entry
	}
	if len(ip.kept) != keptShinglesMax {
		t.Errorf("%d shingles kept, want %d", len(ip.kept), keptShinglesMax)
	}
	for i := range kept {
		got := ip.shingles(fmt.Sprint("d", i), 100+i)
		if dropped := i < 10; dropped != (got == nil) {
			t.Errorf("d%d: shingles %v, want dropped %v", i, got != nil, dropped)
		}
		if got != nil && got != kept[i] {
			t.Errorf("d%d: another document's shingles", i)
		}
	}
	if got := ip.shingles("d500", 99); got != nil {
		t.Error("shingles given for a text of another length")
	}
}
