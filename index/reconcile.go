package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"khovanban/index/internal/engine"
)

// reindex makes the index agree with the store for these ids, and calls
// persisted, if not nil, once that is on disk.
func (a *Archive) reindex(ids []string, persisted func()) error {
	batch := a.idx.NewBatch()
	for _, id := range ids {
		d, err := a.store.getDoc(id)
		switch {
		case errors.Is(err, ErrNotFound):
			a.dropOriginals(id)
			batch.Delete(id)
		case errors.Is(err, ErrDamaged):
			// A document file cut short by a power failure: it never
			// finished being written, so it is not in the archive. (A
			// damaged entry of the volume store is no write cut short:
			// it stays, for check to report.)
			if !a.readOnly && a.store.vol == nil {
				_ = os.Remove(a.store.docPath(id))
			}
			a.dropOriginals(id)
			batch.Delete(id)
		case err != nil:
			return fmt.Errorf("reindex: %w", err)
		default:
			if a.store.inTrash(id) && !a.readOnly && a.store.vol == nil {
				// Imported again after deletion, killed before its old
				// copy left the Trash (see writeDocs).
				if _, err := a.doStep(a.purgeStep(id)); err != nil {
					return fmt.Errorf("reindex: %w", err)
				}
			}
			if err := batch.IndexAdvanced(bleveDocument(d)); err != nil {
				return fmt.Errorf("reindex %s: %w", id, err)
			}
		}
		if batch.Size() >= batchDocs {
			if err := a.idx.Batch(batch); err != nil {
				return fmt.Errorf("reindex: %w", err)
			}
			batch.Reset()
		}
	}
	if persisted != nil {
		batch.SetPersistedCallback(func(err error) {
			if err == nil {
				persisted()
			}
		})
	}
	if err := a.idx.Batch(batch); err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	return nil
}

// dropOriginals removes the originals of a document that is neither live
// nor in the Trash: an import killed after writing the original and
// before the document file leaves it. (Format 1: the volume store drops
// an original with the last entry that names it, in the same commit.)
func (a *Archive) dropOriginals(id string) {
	if a.readOnly || a.store.vol != nil || a.store.inTrash(id) || a.store.hasDoc(id) || !validID(id) {
		return
	}
	files, _ := filepath.Glob(filepath.Join(a.dir, originalsDir, shard(id), id+"*"))
	for _, f := range files {
		_ = os.Remove(f)
	}
}

// reconcile compares the ids in the store and in the index after a
// process did not close the archive, and mends every difference.
//
// In format 2 every write marks the ids it changes as not yet indexed in
// the transaction that stores it, and replayJournal has indexed those
// again: the two agree unless something else changed the files. There the
// ids are compared only when the counts differ (the catalog's live
// documents, kept by each transaction, and the index's): listing the
// catalog's ids reads every page of it, its metadata included (484 MB at
// 207,702 documents: 8.9 s to open after a kill with a cold cache, at load
// 23, against 1.6 s for a clean open), and would take most of a minute at
// a million documents.
func (a *Archive) reconcile() error {
	if a.store.vol != nil {
		n, err := a.idx.DocCount()
		if err != nil {
			return fmt.Errorf("reconcile: %w", err)
		}
		if c := a.store.vol.counts(); uint64(c.Docs) == n {
			return nil
		}
	}
	stored, err := a.store.ids(docsDir)
	if err != nil {
		return err
	}
	indexed, err := a.indexedIDs()
	if err != nil {
		return err
	}
	inStore := make(map[string]bool, len(stored))
	for _, id := range stored {
		inStore[id] = true
	}
	var fix []string
	for _, id := range indexed {
		if !inStore[id] {
			fix = append(fix, id)
		}
		delete(inStore, id)
	}
	for id := range inStore {
		fix = append(fix, id)
	}
	if len(fix) == 0 {
		return nil
	}
	return a.reindex(fix, nil)
}

// indexedIDs lists every document id in the index, sorted.
func (a *Archive) indexedIDs() ([]string, error) {
	snap, err := a.snapshot()
	if err != nil {
		return nil, fmt.Errorf("list index: %w", err)
	}
	defer snap.Close()
	ids, err := snap.IDs()
	if err != nil {
		if errors.Is(err, engine.ErrDamaged) {
			return nil, fmt.Errorf("list index: %w: %w", err, ErrDamaged)
		}
		return nil, fmt.Errorf("list index: %w", err)
	}
	return ids, nil
}
