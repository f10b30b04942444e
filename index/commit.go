package index

import (
	"errors"
	"fmt"
	"os"

	"github.com/blevesearch/bleve/v2/document"
)

// change is one all-or-nothing write to the archive: files written by
// write, then the index updated with put and del.
type change struct {
	ids   []string                 // every id the change touches, for the journal
	write func() ([]string, error) // writes the files; returns their paths
	put   []*Document              // to index
	del   []string                 // to remove from the index
	// entry is the index entry of a document of put; bleveDocument when
	// nil (an import counts the terms of its documents beforehand).
	entry func(*Document) *document.Document
}

// commit applies a change so that, after a kill at any moment, each
// document it touches is either wholly changed (stored and searchable) or
// not at all: the journal names them before any file is written, and Open
// replays it. When writing fails (a full disk, a read-only folder), the
// files written so far are undone before the error is returned.
func (a *Archive) commit(c change) error {
	jpath, err := a.commitFiles(c)
	if err != nil || jpath == "" {
		return err
	}
	return a.commitIndex(c, jpath)
}

// commitFiles is the first half of commit: the journal entry, then the
// files, synced. It returns the journal entry's path ("" for an empty
// change), which commitIndex removes. An import writes a batch's files
// while the batch before it is being indexed; until its commitIndex, a
// change's documents are stored and its journal entry is on disk, as
// after a kill.
func (a *Archive) commitFiles(c change) (string, error) {
	if len(c.ids) == 0 {
		return "", nil
	}
	if err := a.writable(); err != nil {
		return "", err
	}
	jpath, err := a.journalWrite(c.ids)
	if err != nil {
		return "", err
	}
	written, err := c.write()
	if err == nil {
		err = a.store.syncAll(written)
	}
	if err != nil {
		return "", errors.Join(err, a.undo(c.ids, jpath))
	}
	return jpath, nil
}

// commitIndex is the second half of commit: the index updated, and the
// journal entry removed once that is on disk.
func (a *Archive) commitIndex(c change, jpath string) error {
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
			a.removeJournal(jpath)
		}
	})
	if err := a.idx.Batch(batch); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return nil
}

// undo is called when a change's files could not all be written: the
// caller's write function already took back what it wrote, and the index
// is made to agree with whatever the store now holds for those ids before
// the journal goes.
func (a *Archive) undo(ids []string, jpath string) error {
	return a.reindex(ids, func() { a.removeJournal(jpath) })
}

// putDocs is the write function of an import batch: each original, then
// each document file, by two writers (most of the time goes to system
// calls). On failure it removes the files it created, so no
// half-imported document remains; files it replaced keep their new,
// complete content and are put right by the journal replay.
func (a *Archive) putDocs(docs []*Document, originals map[string][]byte) func() ([]string, error) {
	return func() ([]string, error) {
		half := len(docs) / 2
		var w2, c2 []string
		var err2 error
		done := make(chan struct{})
		go func() {
			defer close(done)
			w2, c2, err2 = a.writeDocs(docs[half:], originals)
		}()
		w1, c1, err1 := a.writeDocs(docs[:half], originals)
		<-done
		if err := errors.Join(err1, err2); err != nil {
			a.removeAll(c1)
			a.removeAll(c2)
			return nil, err
		}
		// A document imported again after it was deleted leaves the
		// Trash, with its old original if that is another file. A kill
		// before this is finished by the journal's replay (reindex).
		for _, d := range docs {
			if a.store.inTrash(d.ID) {
				if _, err := a.doStep(a.purgeStep(d.ID)); err != nil {
					return nil, err
				}
			}
		}
		return append(w1, w2...), nil
	}
}

// writeDocs writes originals and document files, returning every path
// written and those of them that did not exist before, up to the first
// failure.
func (a *Archive) writeDocs(docs []*Document, originals map[string][]byte) (written, created []string, err error) {
	for _, d := range docs {
		if data, ok := originals[d.ID]; ok {
			p := a.store.originalPath(d.Hash, d.Format)
			_, statErr := os.Stat(p)
			if _, err := a.store.putOriginal(d.Hash, d.Format, data); err != nil {
				return written, created, err
			}
			if statErr != nil {
				created = append(created, p)
			}
			written = append(written, p)
		}
		isNew := !a.store.hasDoc(d.ID)
		p, err := a.store.putDoc(d)
		if err != nil {
			return written, created, err
		}
		if isNew {
			created = append(created, p)
		}
		written = append(written, p)
	}
	return written, created, nil
}

func (a *Archive) removeAll(paths []string) {
	for _, p := range paths {
		_ = a.store.remove(p)
	}
}
