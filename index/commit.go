package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/document"

	"khovanban/index/internal/archivestore"
)

// change is one all-or-nothing write to the archive: a transaction of
// the volume store made by tx, then the index updated with put and del.
type change struct {
	ids []string                     // every id the change touches, marked as not yet indexed
	tx  func(*archivestore.Tx) error // puts the change into a transaction
	put []*Document                  // to index
	del []string                     // to remove from the index
	// entry is the index entry of a document of put; bleveDocument when
	// nil (an import counts the terms of its documents beforehand).
	entry func(*Document) *document.Document
}

// commit applies a change so that, after a kill at any moment, each
// document it touches is either wholly changed (stored and searchable) or
// not at all: the transaction marks them as not yet indexed, and Open
// indexes what is marked. A transaction that fails (a full disk, a
// read-only folder) changes nothing.
//
// It is called with a.mu held; during an import, its change is noted
// (importchanges.go) so that the import's batches and a bulk import's new
// index do not lose it.
func (a *Archive) commit(c change) error {
	p, err := a.commitFiles(c)
	if err != nil || p.none() {
		return err
	}
	c, p = a.importing.deferred(c, a.importing.noted(p))
	if len(c.put) == 0 && len(c.del) == 0 {
		return nil // every entry deferred until the batch being indexed is in
	}
	return a.commitIndex(c, p)
}

// stored is a change stored and not yet known to be indexed on disk: the
// commit that marked its ids as not yet indexed. Open indexes what it
// names.
type stored struct {
	seq uint64
	ids []string
}

func (p stored) none() bool { return p.seq == 0 }

// indexed forgets a stored change once the index has it on disk.
func (a *Archive) indexed(p stored) {
	if p.seq != 0 && a.store.vol != nil {
		_ = a.store.vol.st.ClearUnindexed(p.ids, p.seq)
	}
}

// commitFiles is the first half of commit: one transaction of the volume
// store that also marks the ids as not yet indexed. It returns what
// commitIndex clears (none for an empty change). An import writes a
// batch while the batch before it is being indexed; until its
// commitIndex, a change's documents are stored and marked, as after a
// kill.
func (a *Archive) commitFiles(c change) (stored, error) {
	if len(c.ids) == 0 {
		return stored{}, nil
	}
	if err := a.writable(); err != nil {
		return stored{}, err
	}
	seq, err := a.store.vol.commit(c.ids, c.tx)
	if err != nil {
		return stored{}, err
	}
	return stored{seq: seq, ids: c.ids}, nil
}

// commitIndex is the second half of commit: the index updated, and the
// journal entry removed (the marks cleared) once that is on disk.
func (a *Archive) commitIndex(c change, p stored) error {
	batch := a.idx.NewBatch()
	entry := c.entry
	if entry == nil {
		entry = bleveDocument
	}
	for _, d := range c.put {
		if err := batch.IndexAdvanced(entry(d)); err != nil {
			return fmt.Errorf("index %s: %w", d.ID, err)
		}
	}
	for _, id := range c.del {
		batch.Delete(id)
	}
	// The journal goes once the batch is on disk; a kill before that
	// leaves it for Open to replay.
	batch.SetPersistedCallback(func(err error) {
		if err == nil {
			a.indexed(p)
		}
	})
	if err := a.idx.Batch(batch); err != nil {
		return asDiskFull(fmt.Errorf("index: %w", err))
	}
	return nil
}

// putDocs puts documents into a transaction: each, with its original
// when given, out of the Trash when it was there (imported again after
// deletion). A live document given without an original is one whose
// metadata changed (twins linked, campaigns filed again): its text is
// the stored one, so only its metadata is written.
func (a *Archive) putDocs(docs []*Document, originals map[string][]byte) func(*archivestore.Tx) error {
	return func(tx *archivestore.Tx) error {
		v := a.store.vol
		for _, d := range docs {
			data, ok := originals[d.ID]
			if !ok && v.hasDoc(d.ID) {
				if err := v.setMeta(tx, d); err != nil {
					return err
				}
				continue
			}
			if err := v.putDoc(tx, d, data); err != nil {
				return err
			}
		}
		return nil
	}
}
