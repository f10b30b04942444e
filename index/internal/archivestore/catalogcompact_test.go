package archivestore

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestCompactCatalogKeepsEveryCommit hammers the catalog with commits (new
// documents, metadata changed, moves to the Trash and back, removals) and
// clearings of marks while CompactCatalog runs again and again beside
// them, readers reading throughout: every commit that returned must be in
// the catalog after each compaction, whether its copy was put in place or
// given up (review session 10: the copy is read without the write lock
// since b670b3d), and after Close and Open.
func TestCompactCatalogKeepsEveryCommit(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, Options{VolumeSize: 1 << 20})
	type want struct {
		bucket Bucket
		meta   string
		text   string
		hash   string
	}
	model := map[string]want{}
	small := func(n int) (id, hash, text string, orig []byte) {
		text = fmt.Sprintf("Văn bản %d về phong trào thi đua", n)
		orig = []byte("gốc " + text)
		sum := sha256.Sum256(orig)
		hash = hex.EncodeToString(sum[:])
		return hash[:16], hash, text, orig
	}
	// A catalog large enough for a copy to take a while: 1,500 entries
	// of 1 KB of metadata, committed in random order as an import does.
	pad := make([]byte, 1000)
	for i := range pad {
		pad[i] = 'a' + byte(i%26)
	}
	for batch := range 15 {
		tx, err := s.Begin()
		if err != nil {
			t.Fatal(err)
		}
		for i := range 100 {
			id, hash, text, orig := small(batch*100 + i)
			meta := fmt.Sprintf(`{"id":%q,"v":0,"pad":%q}`, id, pad)
			if err := tx.PutOriginal(hash, orig); err != nil {
				t.Fatal(err)
			}
			if err := tx.PutDoc(Live, id, []byte(meta), text, hash); err != nil {
				t.Fatal(err)
			}
			model[id] = want{Live, meta, text, hash}
		}
		if _, err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	seeded := len(model)

	var (
		stop     = make(chan struct{})
		wg       sync.WaitGroup
		commits  atomic.Int64
		mu       sync.Mutex // guards model and marks while the committer runs
		marksSeq []uint64
		markIDs  [][]string
		// gate, held by a quiet round of compaction until its copy is
		// made, keeps the writers out of the copy: the writes waiting
		// then race with its swap.
		gate  sync.RWMutex
		quiet atomic.Bool
	)
	s.afterCopy = func() {
		if quiet.CompareAndSwap(true, false) {
			gate.Unlock()
		}
	}
	verify := func(when string) {
		t.Helper()
		mu.Lock()
		defer mu.Unlock()
		for id, w := range model {
			e, err := s.Get(w.bucket, id)
			if err != nil {
				t.Fatalf("%s: %s %s lost: %v", when, w.bucket, id, err)
			}
			if string(e.Meta) != w.meta || e.Original != w.hash {
				t.Fatalf("%s: %s %s: metadata %.60q, want %.60q", when, w.bucket, id, e.Meta, w.meta)
			}
			other := Trash
			if w.bucket == Trash {
				other = Live
			}
			if s.Has(other, id) {
				t.Fatalf("%s: %s is in %s too", when, id, other)
			}
		}
	}
	// The committer: one transaction after another, sometimes a pause,
	// so that some copies are put in place and some given up.
	wg.Add(1)
	go func() {
		defer wg.Done()
		rng := rand.New(rand.NewPCG(10, 11))
		next := 100000
		for n := 0; ; n++ {
			select {
			case <-stop:
				return
			default:
			}
			gate.RLock() // for the whole write
			// mu held from the model's reading to its update: verify
			// sees no commit half noted.
			mu.Lock()
			ids := make([]string, 0, len(model))
			for id := range model {
				ids = append(ids, id)
			}
			tx, err := s.Begin()
			if err != nil {
				mu.Unlock()
				gate.RUnlock()
				t.Error(err)
				return
			}
			changed := map[string]want{}
			removed := map[string]bool{}
			var marked []string
			for range 1 + rng.IntN(4) {
				switch k := rng.IntN(10); {
				case k < 4:
					id, hash, text, orig := small(next)
					next++
					meta := fmt.Sprintf(`{"id":%q,"v":%d}`, id, n)
					if err := errors.Join(tx.PutOriginal(hash, orig), tx.PutDoc(Live, id, []byte(meta), text, hash)); err != nil {
						mu.Unlock()
						gate.RUnlock()
						tx.Rollback()
						t.Error(err)
						return
					}
					tx.MarkUnindexed(id)
					marked = append(marked, id)
					changed[id] = want{Live, meta, text, hash}
				default:
					id := ids[rng.IntN(len(ids))]
					if _, done := changed[id]; done || removed[id] {
						continue
					}
					w := model[id]
					switch {
					case k < 7:
						w.meta = fmt.Sprintf(`{"id":%q,"v":%d}`, id, n)
						tx.SetMeta(w.bucket, id, []byte(w.meta))
						changed[id] = w
					case k < 9:
						to := Trash
						if w.bucket == Trash {
							to = Live
						}
						tx.Move(id, w.bucket, to)
						w.bucket = to
						changed[id] = w
					default:
						tx.Remove(w.bucket, id)
						removed[id] = true
					}
				}
			}
			seq, err := tx.Commit()
			if err != nil {
				mu.Unlock()
				gate.RUnlock()
				t.Error(err)
				return
			}
			for id, w := range changed {
				model[id] = w
			}
			for id := range removed {
				delete(model, id)
			}
			if len(marked) > 0 {
				marksSeq = append(marksSeq, seq)
				markIDs = append(markIDs, marked)
			}
			mu.Unlock()
			gate.RUnlock()
			commits.Add(1)
			if rng.IntN(4) == 0 {
				time.Sleep(time.Duration(rng.IntN(3000)) * time.Microsecond)
			}
		}
	}()
	// Clearing of marks, beside (ClearUnindexed is a write the swap keeps
	// out, not a commit).
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
			mu.Lock()
			if len(marksSeq) == 0 {
				mu.Unlock()
				continue
			}
			seq, ids := marksSeq[0], markIDs[0]
			marksSeq, markIDs = marksSeq[1:], markIDs[1:]
			mu.Unlock()
			gate.RLock()
			err := s.ClearUnindexed(ids, seq)
			gate.RUnlock()
			if err != nil {
				t.Error(err)
				return
			}
		}
	}()
	// Readers of the seeded entries that are never written (those past
	// the ones the committer picks are as likely written as not: read
	// them all, accept a missing one only if the model lost it).
	for r := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(r), 12))
			for {
				select {
				case <-stop:
					return
				default:
				}
				id, _, text, _ := small(rng.IntN(seeded))
				for _, b := range []Bucket{Live, Trash} {
					if e, err := s.Get(b, id); err == nil {
						if got, err := s.Text(id, e); err != nil || string(got) != text {
							t.Errorf("reader: %s %s: %q %v", b, id, got, err)
							return
						}
					}
				}
			}
		}()
	}

	path := filepath.Join(dir, CatalogFile)
	swaps, kept := 0, 0
	deadline := time.Now().Add(compactHammerFor)
	for time.Now().Before(deadline) || swaps < 2 || kept == 0 {
		if time.Since(deadline) > time.Minute {
			t.Errorf("after a minute more: %d swaps, %d copies given up", swaps, kept)
			break
		}
		old, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if (swaps+kept)%2 == 0 { // a quiet round
			gate.Lock()
			quiet.Store(true)
		}
		_, _, err = s.CompactCatalog()
		if quiet.CompareAndSwap(true, false) { // not reached when the copy failed
			gate.Unlock()
		}
		if err != nil {
			t.Fatal(err)
		}
		now, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if os.SameFile(old, now) {
			kept++
		} else {
			swaps++
		}
		verify(fmt.Sprintf("after compaction %d", swaps+kept))
	}
	close(stop)
	wg.Wait()
	t.Logf("%d commits; %d compactions put in place, %d given up", commits.Load(), swaps, kept)
	verify("at the end")
	requireClean(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openTest(t, dir, Options{})
	verify("after Close and Open")
	requireClean(t, s)
}

// compactHammerFor is how long TestCompactCatalogKeepsEveryCommit
// compacts while commits go on.
const compactHammerFor = 2 * time.Second
