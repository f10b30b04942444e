package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"

	"khovanban/index/internal/engine"
)

// openIndex opens the Bleve index, or creates an empty one and says why
// it must be rebuilt (see loadIndex). The reason is "" when the index is
// usable.
func (a *Archive) openIndex() (reason string, err error) {
	// The facet cache was once kept inside Bleve's folder, where Bleve
	// ignores it.
	_ = os.RemoveAll(filepath.Join(a.dir, indexDir, facetsDir))
	if reason := a.loadIndex(); reason != "" {
		return reason, a.createIndex()
	}
	a.eng.PruneCache()
	return "", nil
}

// facetsDir is the engine's cache of each index segment's facet values and
// dates, beside the index folder (see engine.Config).
const facetsDir = "facets"

// newEngine sets up the query engine over the index folder.
func (a *Archive) newEngine() {
	var facets []engine.FacetField
	for _, f := range facetFieldsInOrder {
		facets = append(facets, engine.FacetField{Field: f, Prefix: facetPrefix[f]})
	}
	a.eng = engine.New(engine.Config{
		Schema: engine.Schema{Facets: facets, Date: fieldDate, Twin: fieldTwin, TwinLeader: twinLeader,
			Ranked: []string{fieldExact, fieldFolded, fieldPairs, fieldTitleFolded, fieldTitleExact}},
		IndexDir:   filepath.Join(a.dir, indexDir),
		CacheDir:   filepath.Join(a.dir, facetsDir),
		ReadOnly:   a.readOnly,
		PhraseText: a.store.phraseText,
	})
}

// facetFieldsInOrder are the keyword fields facets are counted on.
var facetFieldsInOrder = []string{fieldCampaign, fieldYear, fieldTopic, fieldType, fieldIssuer}

// loadIndex opens the existing Bleve index, read-only when the archive
// is, or says why it cannot serve: it is missing, cannot be opened, is of
// another mapping version, or fails a first query.
func (a *Archive) loadIndex() (reason string) {
	path := filepath.Join(a.dir, indexDir)
	a.newEngine()
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
	a.setIndex(idx)
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
	config := map[string]interface{}{"unsafe_batch": true}
	if onlineMergeOptions != nil {
		config["scorchMergePlanOptions"] = onlineMergeOptions
	}
	return config
}

// onlineMergeOptions, when not nil, replace Bleve's own options for the
// merges it makes as an index grows (mergeplan.MergePlanOptions' fields,
// by name): for the tests, which keep small segments apart with them
// (tidy_test.go).
var onlineMergeOptions map[string]any

// releaseIndexPages lets go of the index's pages mapped into this process
// (engine's ReleaseMapped); an import does it once a batch. Measured on
// 25,000 vncorpus documents imported into 175,000: peak resident 873 →
// 424 MB with the catalog's (archivestore's releaseMapped), CPU 3.86 → 4.02 ms
// a document at load 22–30.
func (a *Archive) releaseIndexPages() {
	snap, err := a.snapshot()
	if err != nil {
		return
	}
	snap.ReleaseMapped()
	snap.Close()
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
	snap, err := engine.OpenSnapshot(idx)
	if err != nil {
		return err
	}
	defer snap.Close()
	return snap.Probe(fieldYear)
}

// createIndex replaces whatever is in the index folder by an empty index.
func (a *Archive) createIndex() error {
	a.setIndex(nil)
	path := filepath.Join(a.dir, indexDir)
	if err := os.RemoveAll(path); err != nil {
		return fmt.Errorf("remove old index: %w", err)
	}
	if err := a.eng.ClearCache(); err != nil {
		return err
	}
	idx, err := bleve.NewUsing(path, newMapping(), bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, scorchConfig())
	if err != nil {
		return fmt.Errorf("create index: %w", err)
	}
	a.setIndex(idx)
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
	failed := engine.PersistFailures(a.idx)
	if err := a.idx.Batch(b); err != nil {
		return asDiskFull(err)
	}
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			return asDiskFull(err)
		case <-tick.C:
			if engine.PersistFailures(a.idx) > failed {
				return a.notSaved()
			}
		}
	}
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
