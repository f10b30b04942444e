package index

import (
	"errors"
	"fmt"
	"os"

	"github.com/blevesearch/bleve/v2/document"

	"khovanban/index/internal/archivestore"
)

// change is one all-or-nothing write to the archive: files written by
// write (format 1) or a transaction of the volume store made by tx
// (format 2), then the index updated with put and del.
type change struct {
	ids   []string                     // every id the change touches, for the journal
	write func() ([]string, error)     // writes the files; returns their paths
	tx    func(*archivestore.Tx) error // puts the change into a transaction
	put   []*Document                  // to index
	del   []string                     // to remove from the index
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
	p, err := a.commitFiles(c)
	if err != nil || p.none() {
		return err
	}
	return a.commitIndex(c, p)
}

// stored is a change stored and not yet known to be indexed on disk: its
// journal entry (format 1), or the commit that marked its ids as not yet
// indexed (format 2). Open indexes what either names.
type stored struct {
	jpath string
	seq   uint64
	ids   []string
}

func (p stored) none() bool { return p.jpath == "" && p.seq == 0 }

// indexed forgets a stored change once the index has it on disk.
func (a *Archive) indexed(p stored) {
	switch {
	case p.jpath != "":
		a.removeJournal(p.jpath)
	case p.seq != 0 && a.store.vol != nil:
		_ = a.store.vol.st.ClearUnindexed(p.ids, p.seq)
	}
}

// commitFiles is the first half of commit: the journal entry, then the
// files, synced; in format 2, one transaction of the volume store that
// also marks the ids as not yet indexed. It returns what commitIndex
// clears (none for an empty change). An import writes a batch's files
// while the batch before it is being indexed; until its commitIndex, a
// change's documents are stored and its journal entry is on disk, as
// after a kill.
func (a *Archive) commitFiles(c change) (stored, error) {
	if len(c.ids) == 0 {
		return stored{}, nil
	}
	if err := a.writable(); err != nil {
		return stored{}, err
	}
	if a.store.vol != nil {
		if c.tx == nil {
			return stored{}, fmt.Errorf("store %d documents: no transaction for format %d", len(c.ids), archiveFmtVolumes)
		}
		// A transaction that fails changes nothing: nothing to undo.
		seq, err := a.store.vol.commit(c.ids, c.tx)
		if err != nil {
			return stored{}, err
		}
		return stored{seq: seq, ids: c.ids}, nil
	}
	jpath, err := a.journalWrite(c.ids)
	if err != nil {
		return stored{}, err
	}
	written, err := c.write()
	if err == nil {
		err = a.store.syncAll(written)
	}
	if err != nil {
		return stored{}, errors.Join(err, a.undo(c.ids, jpath))
	}
	return stored{jpath: jpath}, nil
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

// putDocsTx is putDocs for an archive of format 2: each document, with
// its original when given, into the transaction, out of the Trash when it
// was there. A live document given without an original is one whose
// metadata changed (twins linked, campaigns filed again): its text is
// the stored one, so only its metadata is written.
func (a *Archive) putDocsTx(docs []*Document, originals map[string][]byte) func(*archivestore.Tx) error {
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
