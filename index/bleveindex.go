package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// openIndex opens the Bleve index, or creates an empty one and says why
// it must be rebuilt (see loadIndex). The reason is "" when the index is
// usable.
func (a *Archive) openIndex() (reason string, err error) {
	if reason := a.loadIndex(); reason != "" {
		return reason, a.createIndex()
	}
	pruneFacetCache(filepath.Join(a.dir, indexDir))
	return "", nil
}

// loadIndex opens the existing Bleve index, read-only when the archive
// is, or says why it cannot serve: it is missing, cannot be opened, is of
// another mapping version, or fails a first query.
func (a *Archive) loadIndex() (reason string) {
	path := filepath.Join(a.dir, indexDir)
	a.segs.dir = filepath.Join(path, facetCacheDir)
	if _, err := os.Stat(path); err != nil {
		return "missing"
	}
	idx, err := openBleve(path, a.readOnly)
	if err != nil {
		return "unreadable"
	}
	v, err := idx.GetInternal(internalVersionKey)
	if err != nil || string(v) != mappingVersion {
		_ = idx.Close()
		return "outdated"
	}
	if err := probe(idx); err != nil {
		_ = idx.Close()
		return "damaged"
	}
	a.idx = idx
	return ""
}

// openBleve opens an existing index, turning a panic over damaged files
// into an error.
func openBleve(path string, readOnly bool) (idx bleve.Index, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("open index: %v", r)
		}
	}()
	config := scorchConfig()
	if readOnly {
		// Batches still apply, in memory only: that is how a read-only
		// archive replays its journal (see OpenReadOnly).
		config["read_only"] = true
	}
	return bleve.OpenUsing(path, config)
}

// scorchConfig lets a batch return once it is searchable, before it is on
// disk: the archive's journal, not Bleve's wait, makes writes survive a
// kill (see commit), and importing no longer waits for each fsync.
func scorchConfig() map[string]interface{} {
	return map[string]interface{}{"unsafe_batch": true}
}

// probe reads a little of every segment, to find damage early.
func probe(idx bleve.Index) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("probe index: %v", r)
		}
	}()
	if _, err := idx.DocCount(); err != nil {
		return err
	}
	return eachSegment(idx, func(ss *scorch.SegmentSnapshot) error {
		return eachTerm(ss.Segment(), fieldYear, func(string, *roaring.Bitmap) {})
	})
}

// eachSegment calls fn with every segment of the index's current
// snapshot.
func eachSegment(idx bleve.Index, fn func(*scorch.SegmentSnapshot) error) error {
	adv, err := idx.Advanced()
	if err != nil {
		return err
	}
	reader, err := adv.Reader()
	if err != nil {
		return err
	}
	defer reader.Close()
	snap, ok := reader.(*scorch.IndexSnapshot)
	if !ok {
		return fmt.Errorf("index of type %T", reader)
	}
	for _, ss := range snap.Segments() {
		if err := fn(ss); err != nil {
			return err
		}
	}
	return nil
}

// createIndex replaces whatever is in the index folder by an empty index.
func (a *Archive) createIndex() error {
	a.idx = nil
	path := filepath.Join(a.dir, indexDir)
	if err := os.RemoveAll(path); err != nil {
		return fmt.Errorf("remove old index: %w", err)
	}
	idx, err := bleve.NewUsing(path, newMapping(), bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, scorchConfig())
	if err != nil {
		return fmt.Errorf("create index: %w", err)
	}
	a.idx = idx
	return nil
}

// markIndexCurrent records the mapping version once the index holds every
// stored document; until then a kill leaves an index Open rebuilds. It
// returns once the mark, and so every batch before it, is on disk: a
// rebuild that says it is done is not done again by the next Open.
func (a *Archive) markIndexCurrent() error {
	b := a.idx.NewBatch()
	b.SetInternal(internalVersionKey, []byte(mappingVersion))
	if err := a.batchDurably(b); err != nil {
		return fmt.Errorf("mark index: %w", err)
	}
	return nil
}

// batchDurably applies a batch and waits until Bleve has written it to
// disk, or has failed to (Bleve then retries in the background and only
// counts the failure).
func (a *Archive) batchDurably(b *bleve.Batch) error {
	done := make(chan error, 1)
	b.SetPersistedCallback(func(err error) { done <- err })
	failed := persistFailures(a.idx)
	if err := a.idx.Batch(b); err != nil {
		return err
	}
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			return err
		case <-tick.C:
			if persistFailures(a.idx) > failed {
				return a.notSaved()
			}
		}
	}
}

// persistFailures is how many times Bleve failed to write the index.
func persistFailures(idx bleve.Index) uint64 {
	adv, err := idx.Advanced()
	if err != nil {
		return 0
	}
	if s, ok := adv.(*scorch.Scorch); ok {
		if st, ok := s.Stats().(*scorch.Stats); ok {
			return atomic.LoadUint64(&st.TotPersistLoopErr)
		}
	}
	return 0
}

// notSaved says why the index could not be written, as well as can be
// told: Bleve does not pass on its error.
func (a *Archive) notSaved() error {
	if diskFull(a.dir) {
		return fmt.Errorf("%w: %w", errIndexNotSaved, syscall.ENOSPC)
	}
	return errIndexNotSaved
}

var errIndexNotSaved = errors.New("the index could not be written to disk")
