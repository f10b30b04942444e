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
	"testing"
	"time"

	"khovanban/index/classify"
	"khovanban/index/extract"
)

// writeChangeCorpus writes n files of texts of their own (no two are
// twins), numbered from first, each found by its code ("kt17") and by the
// phrase a campaign added during the import recognises.
func writeChangeCorpus(t testing.TB, dir string, first, n int) {
	t.Helper()
	for i := first; i < first+n; i++ {
		text := strings.Join(twinGroupText(i), "\n") + fmt.Sprintf("\nHưởng ứng việc giữ gìn đường làng.\nĐẩy mạnh việc giữ gìn đường làng.\nMã kiểm tra kt%d.\n", i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("e%03d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// modelCampaign is the campaign added while the import runs.
var modelCampaign = classify.Category{Name: "Thi đua kiểu mẫu", Kind: classify.Campaign,
	Rules: []classify.Rule{{Kind: classify.Phrase, Terms: []string{"giữ gìn đường làng"}}}}

// changer makes a person's changes while an import runs and remembers
// what each document must be afterwards.
type changer struct {
	a  *Archive
	mu sync.Mutex
	n  int
	// title is the code ("st12") of each document's last saved title.
	title   map[string]int
	trashed map[string]bool
	once    map[string]bool // edited by the hook before a batch is indexed
	during  map[string]bool // edited by the hook while it is
	waits   []time.Duration // how long each change took
	errs    []error
}

func newChanger(a *Archive) *changer {
	return &changer{a: a, title: map[string]int{}, trashed: map[string]bool{}, once: map[string]bool{}, during: map[string]bool{}}
}

// do runs one change, timed, under the changer's lock.
func (c *changer) do(f func() error) {
	start := time.Now()
	err := f()
	c.waits = append(c.waits, time.Since(start))
	if err != nil && !strings.Contains(err.Error(), "not found") {
		c.errs = append(c.errs, err)
	}
}

func (c *changer) edit(id string) {
	c.n++
	n := c.n
	c.do(func() error {
		_, err := c.a.Edit(id, map[string]string{"title": fmt.Sprintf("Tiêu đề sửa st%d", n)})
		if err == nil {
			c.title[id] = n
		}
		return err
	})
}

// editUnindexed edits, once each (once remembers), the stored documents
// whose id ends in an even digit (or odd): called before each batch is
// indexed, it edits the batch's documents, stored and not yet indexed;
// called while the batch's entries are being written, those too.
func (c *changer) editUnindexed(once map[string]bool, odd int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ids, _ := c.a.store.ids(docsDir)
	for _, id := range ids {
		if !once[id] && int(id[len(id)-1])%2 == odd {
			once[id] = true
			c.edit(id)
		}
	}
}

// random makes one change to a random stored document: an edit, a
// delete, or the undoing of a delete.
func (c *changer) random(rng *rand.Rand) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ids, _ := c.a.store.ids(docsDir)
	if len(ids) == 0 {
		return
	}
	id := ids[rng.IntN(len(ids))]
	switch k := rng.IntN(10); {
	case k == 0:
		c.do(func() error {
			err := c.a.Delete(id)
			if err == nil {
				c.trashed[id] = true
			}
			return err
		})
	case k == 1:
		for back := range c.trashed {
			c.do(func() error {
				err := c.a.Undelete(back)
				if err == nil {
					delete(c.trashed, back)
				}
				return err
			})
			break
		}
	default:
		c.edit(id)
	}
}

// verify checks every change is in the archive: each document's last
// title stored and found by its code alone, deleted ones in the Trash and
// found by nothing, the index agreeing with the store, every live
// document filed under the campaign added during the import.
func (c *changer) verify(t *testing.T, a *Archive, when string) {
	t.Helper()
	ctx := context.Background()
	live, _ := a.store.ids(docsDir)
	indexed, err := a.indexedIDs()
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(live)
	slices.Sort(indexed)
	if !slices.Equal(live, indexed) {
		t.Fatalf("%s: %d stored, %d indexed: the index disagrees with the store", when, len(live), len(indexed))
	}
	for id, n := range c.title {
		d, err := a.store.getIn(docsDir, id, false)
		if c.trashed[id] {
			d, err = a.store.getIn(trashDir, id, false)
		}
		if err != nil {
			t.Fatalf("%s: %s: %v", when, id, err)
		}
		if want := fmt.Sprintf("Tiêu đề sửa st%d", n); d.Title != want {
			t.Errorf("%s: %s stored with title %q, want %q", when, id, d.Title, want)
		}
		res, err := a.Search(ctx, Request{Query: fmt.Sprintf("st%d", n)})
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case c.trashed[id] && res.Total != 0:
			t.Errorf("%s: %s is in the Trash and found by its title", when, id)
		case !c.trashed[id] && (res.Total != 1 || res.Hits[0].ID != id):
			t.Errorf("%s: %s not found by its last title st%d: %d results", when, id, n, res.Total)
		}
	}
	for id := range c.trashed {
		if !a.store.inTrash(id) || a.store.hasDoc(id) {
			t.Errorf("%s: %s deleted but not in the Trash", when, id)
		}
	}
	res, err := a.Search(ctx, Request{Filters: Filters{Campaigns: []string{modelCampaign.Name}}, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != len(live) {
		t.Errorf("%s: %d of the %d documents filed under the campaign added during the import", when, res.Total, len(live))
	}
	a.waitJournal(10 * time.Second)
	if a.journalPending() {
		t.Errorf("%s: documents left marked as not indexed", when)
	}
}

// TestChangesBetweenImportBatches edits, deletes and brings back
// documents while an import runs, online and with the offline builder
// (a bulk import), and adds a campaign midway: every document stored is
// edited once just before its batch is indexed (stored, not yet in the
// index, or given to the builder), others at random all along. Afterwards,
// and after Close and Open, every change is there: each title stored and
// found, each delete in the Trash, the new campaign on every document,
// the index agreeing with the store, check clean.
func TestChangesBetweenImportBatches(t *testing.T) {
	for _, mode := range []string{"online", "bulk"} {
		t.Run(mode, func(t *testing.T) {
			if mode == "bulk" {
				withBulkImportMin(t, 10)
			}
			testChangesDuringImport(t, mode == "bulk")
		})
	}
}

func testChangesDuringImport(t *testing.T, bulk bool) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "archive")
	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { a.Close() }()
	before := t.TempDir()
	writeChangeCorpus(t, before, 0, 4)
	first, err := a.Import(ctx, []string{before}, ImportOptions{})
	if err != nil || first.Added != 4 {
		t.Fatalf("first import: %v %+v", err, first)
	}
	var firstIDs []string
	for _, it := range first.Items {
		firstIDs = append(firstIDs, it.ID)
	}
	files := t.TempDir()
	const n = 60
	writeChangeCorpus(t, files, 4, n)

	c := newChanger(a)
	var added sync.Once
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		rng := rand.New(rand.NewPCG(8, 9))
		for {
			select {
			case <-stop:
				return
			default:
			}
			c.random(rng)
			time.Sleep(time.Millisecond)
		}
	}()
	var heldErr error
	rep, err := a.Import(ctx, []string{files}, ImportOptions{
		MemoryBudget: 3000, Workers: 2, // a few files a batch: many batches
		Progress: func(p Progress) {
			if !p.Indexing {
				return
			}
			// Every batch given to the builder, before the swap: the
			// documents there before, changed during the import and
			// indexed only in the live index, are still marked.
			_, marks, err := a.store.vol.unindexed()
			for _, id := range firstIDs {
				if _, ok := marks[id]; !ok || err != nil {
					heldErr = fmt.Errorf("%s, changed during the bulk import, no longer marked before the swap (%v)", id, err)
				}
			}
		},
		whileIndexing: func() { c.editUnindexed(c.during, 1) },
		beforeIndex: func() {
			c.editUnindexed(c.once, 0)
			if bulk { // no entries written while the builder takes them
				c.editUnindexed(c.during, 1)
			}
			added.Do(func() {
				if err := a.ChangeRegistry(ctx, RegistryOp{Op: OpAdd, Category: modelCampaign}, nil); err != nil {
					t.Error(err)
				}
			})
		},
	})
	close(stop)
	wg.Wait()
	if err != nil || rep.Added != n {
		t.Fatalf("import: %v, added %d of %d", err, rep.Added, n)
	}
	if len(c.errs) > 0 {
		t.Fatalf("changes failed: %v", c.errs)
	}
	if heldErr != nil {
		t.Error(heldErr)
	}
	slices.Sort(c.waits)
	t.Logf("bulk %v: %d changes during the import, waited median %v, longest %v", bulk, len(c.waits),
		c.waits[len(c.waits)/2], c.waits[len(c.waits)-1])
	if len(c.once)+len(c.during) < n || len(c.during) < n/4 {
		t.Errorf("%d documents edited before their batch was indexed, %d while it was", len(c.once), len(c.during))
	}
	c.verify(t, a, "after the import")
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if a, err = Open(dir, Options{Registry: testRegistry(t)}); err != nil {
		t.Fatal(err)
	}
	c.verify(t, a, "after Close and Open")
	requireCheck(t, a)
}

// TestUndeletedDuringImportIsADuplicate: a file whose document is in the
// Trash is read by an import (not a duplicate then), and the document is
// brought back before its batch is stored: the batch finds it live and
// reports a duplicate, and the person's document keeps its edits, not
// overwritten by the file read again.
func TestUndeletedDuringImportIsADuplicate(t *testing.T) {
	a := newTestArchive(t)
	dir := t.TempDir()
	writeChangeCorpus(t, dir, 0, 1)
	path := filepath.Join(dir, "e000.txt")
	rep, err := a.Import(context.Background(), []string{path}, ImportOptions{})
	if err != nil || rep.Added != 1 {
		t.Fatalf("import: %v %+v", err, rep)
	}
	id := rep.Items[0].ID
	if _, err := a.Edit(id, map[string]string{"title": "Tiêu đề của người sửa"}); err != nil {
		t.Fatal(err)
	}
	if err := a.Delete(id); err != nil {
		t.Fatal(err)
	}
	im := &importer{a: a, report: &ImportReport{}, inflight: map[string]bool{}}
	im.memory.cond = sync.NewCond(&im.memory.mu)
	im.opt.Extract.Limits = extract.DefaultLimits()
	r := readForTest(t, im, path)
	if err := a.Undelete(id); err != nil {
		t.Fatal(err)
	}
	st, dups, err := newCommitter(im).files([]readied{r})
	if err != nil {
		t.Fatal(err)
	}
	if len(dups) != 1 || dups[0].item.Status != Duplicate || dups[0].item.ID != id || !st.p.none() {
		t.Fatalf("the document brought back was not a duplicate: %+v, stored %v", dups, st.p)
	}
	if d, err := a.Get(id); err != nil || d.Title != "Tiêu đề của người sửa" {
		t.Fatalf("the person's document was overwritten: %v %+v", err, d)
	}
}

// changeUntilKilled edits stored documents (a new title each time, found
// by its code "st…" as checkArchive looks for it), deleting one in ten
// and bringing it back after, until the process is killed.
func changeUntilKilled(a *Archive) {
	for n := 1_000_000; ; n++ {
		ids, _ := a.store.ids(docsDir)
		if len(ids) == 0 {
			time.Sleep(time.Millisecond)
			continue
		}
		id := ids[n*7919%len(ids)]
		if n%10 == 0 {
			if a.Delete(id) == nil {
				a.Undelete(id)
			}
			continue
		}
		year := 2000 + n%25
		a.Edit(id, map[string]string{"title": fmt.Sprintf("Tiêu đề sửa st%d", n), "year": strconv.Itoa(year), "date": fmt.Sprintf("%d-03-04", year)})
	}
}

// TestKillDuringImportWithChanges kills, at random moments, a process
// importing 400 files while another goroutine of it edits, deletes and
// brings back the documents stored so far: into a new archive (a bulk
// import), then into what the kill left (online, unless the Open after
// the kill found less than a tenth stored). After each kill the archive
// opens with every document intact, its title as stored found by search,
// and the index agreeing with the store.
func TestKillDuringImportWithChanges(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	withBulkImportMin(t, 10)
	kills, corpus := killCount(), killCorpus(t)
	archive := filepath.Join(t.TempDir(), "a")
	rng := rand.New(rand.NewPCG(10, 11))
	building := func() bool {
		_, err := os.Stat(filepath.Join(archive, bulkNewDir))
		return err == nil
	}
	for k := range kills {
		mode := "importedit"
		if k%2 == 0 {
			os.RemoveAll(archive)
			mode = "bulkimportedit"
		}
		child := startKillChild(t, mode, archive, corpus)
		if mode == "bulkimportedit" {
			// killed while the builder takes the batches, merges them,
			// or swaps the new index in
			for start := time.Now(); time.Since(start) < time.Minute && !building(); time.Sleep(5 * time.Millisecond) {
			}
			time.Sleep(time.Duration(rng.IntN(3000)) * time.Millisecond)
		} else {
			time.Sleep(time.Duration(1000+rng.IntN(3000)) * time.Millisecond)
		}
		child.kill()
		t.Logf("kill %d (%s): killed with a new index being built: %v", k, mode, building())
		checkArchive(t, archive, k)
	}
}
