package index

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
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

// Rebuild throws the index away and builds it again from the stored
// documents, reading each one's metadata again (fields a person set are
// kept). progress, if not nil, hears how far it is.
func (a *Archive) Rebuild(ctx context.Context, progress func(Progress)) error {
	if err := a.check(); err != nil {
		return err
	}
	if err := a.writable(); err != nil {
		return err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if err := a.idx.Close(); err != nil {
		return fmt.Errorf("close index: %w", err)
	}
	if err := a.createIndex(); err != nil {
		return err
	}
	return a.rebuildIndex(ctx, progress)
}

// rebuildIndex fills the empty index from the store.
func (a *Archive) rebuildIndex(ctx context.Context, progress func(Progress)) error {
	ids, err := a.store.ids(docsDir)
	if err != nil {
		return err
	}
	slices.Sort(ids)
	batch := a.idx.NewBatch()
	last := time.Time{}
	for i, id := range ids {
		if err := ctx.Err(); err != nil {
			return err
		}
		d, err := a.store.getDoc(id)
		if err != nil {
			return fmt.Errorf("rebuild: %w", err)
		}
		before, _ := json.Marshal(d)
		a.reread(d)
		if after, _ := json.Marshal(d); string(after) != string(before) {
			if _, err := a.store.putDoc(d); err != nil {
				return fmt.Errorf("rebuild: %w", err)
			}
		}
		if err := batch.IndexAdvanced(bleveDocument(d)); err != nil {
			return fmt.Errorf("rebuild %s: %w", id, err)
		}
		if batch.Size() >= batchDocs {
			if err := a.idx.Batch(batch); err != nil {
				return fmt.Errorf("rebuild: %w", err)
			}
			batch.Reset()
		}
		if progress != nil && (time.Since(last) > 100*time.Millisecond || i == len(ids)-1) {
			last = time.Now()
			progress(Progress{Done: i + 1, Total: len(ids), Current: d.Title})
		}
	}
	if err := a.idx.Batch(batch); err != nil {
		return fmt.Errorf("rebuild: %w", err)
	}
	if err := a.store.syncAll(nil); err != nil {
		return err
	}
	a.clearJournal()
	return a.markIndexCurrent()
}

// batchDocs is how many documents go to the index in one batch: fewer,
// larger segments mean less merging later. Measured on 10,000 documents,
// whole import process: 128 → 18.0 s, 182 MB at the peak; 256 → 16.9 s,
// 253 MB; 384 → 15.5 s, 345 MB; 512 → 14.9 s, 370 MB. (A batch is also
// cut at 32 MB of text and after a second.)
const batchDocs = 384

// The journal makes each write batch all-or-nothing for the index: before
// documents are written, their ids go into journal/<n>.ids; the file is
// removed once the index holds them. Open replays what a kill left: each
// id is indexed again from the store, or removed from the index when the
// store no longer has it.
const journalDir = "journal"

func (a *Archive) journalWrite(ids []string) (string, error) {
	return a.writeJournal(".ids", ids)
}

// writeJournal writes a journal file of lines, durably: the file and its
// entry in the folder are on disk when it returns.
func (a *Archive) writeJournal(ext string, lines []string) (string, error) {
	dir := filepath.Join(a.dir, journalDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("journal: %w", err)
	}
	path := filepath.Join(dir, fmt.Sprintf("%d%s", time.Now().UnixNano(), ext))
	a.fileOp("create", path)
	f, err := os.Create(path)
	if err != nil {
		return "", fmt.Errorf("journal: %w", err)
	}
	_, werr := f.WriteString(strings.Join(lines, "\n") + "\n")
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr, syncDir(dir)); err != nil {
		_ = os.Remove(path)
		return "", fmt.Errorf("journal: %w", err)
	}
	return path, nil
}

// removeJournal removes a journal file whose work is on disk.
func (a *Archive) removeJournal(path string) {
	a.fileOp("remove", path)
	if os.Remove(path) == nil {
		_ = syncDir(filepath.Dir(path))
	}
}

func (a *Archive) replayJournal() error {
	if err := a.replaySteps(); err != nil {
		return err
	}
	files, _ := filepath.Glob(filepath.Join(a.dir, journalDir, "*.ids"))
	if len(files) == 0 {
		return nil
	}
	seen := map[string]bool{}
	var ids []string
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			return fmt.Errorf("journal: %w", err)
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			if id := strings.TrimSpace(sc.Text()); validID(id) && !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		fh.Close()
	}
	if a.readOnly {
		return a.reindex(ids, nil) // in memory; the files stay for Open
	}
	// The journal files go once the index has the replayed batch on disk.
	return a.reindex(ids, func() {
		for _, f := range files {
			a.removeJournal(f)
		}
	})
}

// waitJournal waits, at most d, until Bleve has reported every batch on
// disk and the journal is empty. Closing a Bleve index while it writes a
// batch drops the batch; the journal would then replay it on the next
// Open, which is safe but slow after a large import.
func (a *Archive) waitJournal(d time.Duration) {
	for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if files, _ := filepath.Glob(filepath.Join(a.dir, journalDir, "*.ids")); len(files) == 0 {
			return
		}
	}
}

func (a *Archive) clearJournal() {
	files, _ := filepath.Glob(filepath.Join(a.dir, journalDir, "*.ids"))
	for _, f := range files {
		a.removeJournal(f)
	}
}

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
			// finished being written, so it is not in the archive.
			if !a.readOnly {
				_ = os.Remove(a.store.docPath(id))
			}
			a.dropOriginals(id)
			batch.Delete(id)
		case err != nil:
			return fmt.Errorf("reindex: %w", err)
		default:
			if a.store.inTrash(id) && !a.readOnly {
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
// before the document file leaves it.
func (a *Archive) dropOriginals(id string) {
	if a.readOnly || a.store.inTrash(id) || a.store.hasDoc(id) || !validID(id) {
		return
	}
	files, _ := filepath.Glob(filepath.Join(a.dir, originalsDir, shard(id), id+"*"))
	for _, f := range files {
		_ = os.Remove(f)
	}
}

// reconcile compares the ids in the store and in the index after a
// process did not close the archive, and mends every difference.
func (a *Archive) reconcile() error {
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

// indexedIDs lists every document id in the index, sorted, from the id
// terms of each segment.
func (a *Archive) indexedIDs() (ids []string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("list index: %v: %w", r, ErrDamaged)
		}
	}()
	err = eachSegment(a.idx, func(ss *scorch.SegmentSnapshot) error {
		d, err := ss.Segment().Dictionary(idField)
		if err != nil {
			return err
		}
		it := termsIn(d, nil, nil)
		for {
			entry, err := it.Next()
			if err != nil {
				return err
			}
			if entry == nil {
				return nil
			}
			if ss.Deleted() != nil {
				// An older version of an edited document stays in its
				// segment, marked deleted.
				pl, err := d.PostingsList([]byte(entry.Term), ss.Deleted(), nil)
				if err != nil {
					return err
				}
				if pl.Count() == 0 {
					continue
				}
			}
			ids = append(ids, entry.Term)
		}
	})
	if err != nil {
		return nil, fmt.Errorf("list index: %w", err)
	}
	slices.Sort(ids)
	return slices.Compact(ids), nil
}

// idField is the field in which Bleve indexes document ids.
const idField = "_id"

// change is one all-or-nothing write to the archive: files written by
// write, then the index updated with put and del.
type change struct {
	ids   []string                 // every id the change touches, for the journal
	write func() ([]string, error) // writes the files; returns their paths
	put   []*Document              // to index
	del   []string                 // to remove from the index
}

// commit applies a change so that, after a kill at any moment, each
// document it touches is either wholly changed (stored and searchable) or
// not at all: the journal names them before any file is written, and Open
// replays it. When writing fails (a full disk, a read-only folder), the
// files written so far are undone before the error is returned.
func (a *Archive) commit(c change) error {
	if len(c.ids) == 0 {
		return nil
	}
	if err := a.writable(); err != nil {
		return err
	}
	jpath, err := a.journalWrite(c.ids)
	if err != nil {
		return err
	}
	written, err := c.write()
	if err == nil {
		err = a.store.syncAll(written)
	}
	if err != nil {
		return errors.Join(err, a.undo(c.ids, jpath))
	}
	batch := a.idx.NewBatch()
	for _, d := range c.put {
		if err := batch.IndexAdvanced(bleveDocument(d)); err != nil {
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
		_ = os.Remove(p)
	}
}
