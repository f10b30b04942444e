package index

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
)

// TestChangesOfEveryKindDuringAnImport: while an import runs (online, or
// bulk with its swap), a person searches, edits many, deletes, restores,
// empties the Trash and reads the counts, all at once; then the archive
// is closed as the import ends. Every document the import reported added
// and not deleted is found by its code after Open; the deleted ones are
// gone or in the Trash; check finds nothing (newTestArchive's cleanup).
func TestChangesOfEveryKindDuringAnImport(t *testing.T) {
	for _, bulk := range []bool{false, true} {
		t.Run(fmt.Sprintf("bulk=%v", bulk), func(t *testing.T) {
			a := newTestArchive(t)
			dir := t.TempDir()
			writeChangeCorpus(t, dir, 0, 3)
			importPaths(t, a, dir)
			more := t.TempDir()
			writeChangeCorpus(t, more, 100, 60)
			if bulk {
				withBulkImportMin(t, 40)
			}
			var stop atomic.Bool
			var ops atomic.Int64
			var deleted sync.Map // id → true: deleted by the person, maybe purged
			// A delete and its note, and a restore and its note, are made
			// one at a time: else a restore's note could come after a
			// delete of the same document made meanwhile, which the
			// Trash's emptying then took ("lost", 1 of many runs).
			var moves sync.Mutex
			var wg sync.WaitGroup
			var errMu sync.Mutex
			var errs []error
			note := func(err error) {
				if err != nil && !errors.Is(err, ErrNotFound) {
					errMu.Lock()
					errs = append(errs, err)
					errMu.Unlock()
				}
			}
			ctx := context.Background()
			for w := range 3 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					rng := rand.New(rand.NewPCG(uint64(w), 9))
					for !stop.Load() {
						ids, _ := a.store.ids(docsDir)
						if len(ids) == 0 {
							continue
						}
						id := ids[rng.IntN(len(ids))]
						ops.Add(1)
						switch rng.IntN(8) {
						case 0:
							moves.Lock()
							deleted.Store(id, true)
							note(a.Delete(id))
							moves.Unlock()
						case 1:
							trash, err := a.Trash()
							note(err)
							if len(trash) > 0 {
								back := trash[rng.IntN(len(trash))].ID
								moves.Lock()
								if err := a.Undelete(back); err == nil {
									deleted.Delete(back)
								}
								moves.Unlock()
							}
						case 2:
							_, err := a.EmptyTrash(ctx)
							note(err)
						case 3:
							_, err := a.EditMany([]string{id}, BulkEdit{AddTopics: []string{"Đường làng"}})
							note(err)
						case 4:
							// During a bulk import's swap: Bleve's "index
							// is closed", as a search's.
							_, _ = a.Stats(ctx)
						default:
							_, err := a.Search(ctx, Request{Query: "giữ gìn đường làng"})
							_ = err // a search during the swap may meet the closed index
						}
					}
				}()
			}
			rep, err := a.Import(ctx, []string{more}, ImportOptions{MemoryBudget: 20000, Workers: 2})
			stop.Store(true)
			wg.Wait()
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%d changes and searches during the import of %d", ops.Load(), rep.Added)
			if ops.Load() < 10 {
				t.Errorf("only %d changes during the import", ops.Load())
			}
			for _, err := range errs {
				t.Error(err)
			}
			if err := a.Close(); err != nil {
				t.Fatal(err)
			}
			b, err := Open(a.dir, Options{Registry: testRegistry(t)})
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			for _, it := range rep.Items {
				if it.Status != Added {
					continue
				}
				_, gone := deleted.Load(it.ID)
				_, err := b.Get(it.ID)
				switch {
				case gone && err == nil:
					t.Errorf("%s (%s) deleted and live", it.ID, it.Path)
				case !gone && err != nil:
					t.Errorf("%s (%s) lost: %v", it.ID, it.Path, err)
				case !gone:
					code := fmt.Sprintf("kt%d", atoiOr(filepath.Base(it.Path)[1:4]))
					if ids := searchIDs(t, b, Request{Query: code}); len(ids) != 1 || ids[0] != it.ID {
						t.Errorf("%s (%s) found by %s as %v", it.ID, it.Path, code, ids)
					}
				}
			}
		})
	}
}

// TestSearchDuringBulkSwap: the window searches while a bulk import puts
// its new index in place of the live one; under -race, the swap of the
// live index raced with every search (Archive.liveIndex).
func TestSearchDuringBulkSwap(t *testing.T) {
	a := newTestArchive(t)
	more := t.TempDir()
	writeChangeCorpus(t, more, 100, 60)
	withBulkImportMin(t, 40)
	var stop atomic.Bool
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				_, _ = a.Search(context.Background(), Request{Query: "giữ gìn đường làng"})
				_, _ = a.Stats(context.Background())
			}
		}()
	}
	rep, err := a.Import(context.Background(), []string{more}, ImportOptions{})
	stop.Store(true)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if ids := searchIDs(t, a, Request{Query: "kt117"}); rep.Added != 60 || len(ids) != 1 {
		t.Fatalf("added %d, kt117 found as %v", rep.Added, ids)
	}
}
