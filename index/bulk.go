package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/util"

	"khovanban/index/internal/archivestore"
)

// A bulk build writes a whole index at once with Bleve's offline builder
// (scorch.Builder): it builds segments of bulkBatch documents and merges
// them once at the end, where the online index merges its small segments
// again and again while it grows. The new index is written beside the
// live one, in index.new/, and takes its place by renames once complete:
//
//	index.new/  the index being built; removed by Open (a kill left it)
//	index.old/  the index it replaces, for the moment of the swap
//
// A kill at any moment leaves index/ as it was before, or the new index
// whole; a missing index/ (a kill between the two renames) is rebuilt by
// Open like any other.
const (
	bulkNewDir = "index.new"
	bulkOldDir = "index.old"
)

// bulkBatch is how many documents make one segment of a bulk build, and
// bulkMergeMax how many segments are merged at once. Measured rebuilding
// 10,000 vncorpus documents (whole process, machine shared): 250 per
// segment, 40 at once: 16.9 s of CPU, peak 177 MB; 500 and 20: 16.5 s,
// 306 MB; 1000 and 10: 15.3 s, 472 MB (Bleve's building of a segment holds
// about 0.3 MB per document).
const (
	bulkBatch    = 500
	bulkMergeMax = 20
)

// bulkBuilder writes a new index with Bleve's offline builder.
type bulkBuilder struct {
	dir     string // the archive's folder
	b       *scorch.Builder
	indexed int
}

// newBulkBuilder starts a new index in index.new/, marked with the
// mapping version: once it is swapped in it needs no other mark. Its
// segments are of batch documents, merged mergeMax at a time.
func newBulkBuilder(archiveDir string, batch, mergeMax int) (*bulkBuilder, error) {
	path := filepath.Join(archiveDir, bulkNewDir)
	if err := os.RemoveAll(path); err != nil {
		return nil, fmt.Errorf("bulk index: %w", err)
	}
	if err := os.MkdirAll(path, 0o755); err != nil {
		return nil, fmt.Errorf("bulk index: %w", err)
	}
	// What bleve.NewBuilder does, with the version mark added to the
	// index's internal values (it takes only the mapping).
	m := newMapping()
	mappingJSON, err := util.MarshalJSON(m)
	if err != nil {
		return nil, fmt.Errorf("bulk index: %w", err)
	}
	meta, _ := json.Marshal(map[string]string{"storage": scorch.Name, "index_type": scorch.Name})
	if err := os.WriteFile(filepath.Join(path, "index_meta.json"), meta, 0o644); err != nil {
		return nil, fmt.Errorf("bulk index: %w", err)
	}
	b, err := scorch.NewBuilder(map[string]interface{}{
		"path":            filepath.Join(path, "store"),
		"buildPathPrefix": path, // the segments are renamed into store/: one file system
		"batchSize":       batch,
		"mergeMax":        mergeMax,
		"internal": map[string][]byte{
			string(util.MappingInternalKey): mappingJSON,
			string(internalVersionKey):      []byte(mappingVersion),
		},
	})
	if err != nil {
		return nil, fmt.Errorf("bulk index: %w", err)
	}
	return &bulkBuilder{dir: archiveDir, b: b}, nil
}

// add indexes one document's entry (bleveDocument); each id at most
// once.
func (bb *bulkBuilder) add(doc *document.Document) error {
	if err := bb.b.Index(doc); err != nil {
		return bb.failed(fmt.Errorf("bulk index %s: %w", doc.ID(), err))
	}
	bb.indexed++
	return nil
}

// finish merges the segments into the final index, in index.new/, and
// syncs it. It does not swap it in (see swapIn).
func (bb *bulkBuilder) finish() error {
	if bb.indexed == 0 {
		// The builder cannot close with no segment at all.
		return errors.New("bulk index: no documents")
	}
	if err := bb.b.Close(); err != nil {
		return bb.failed(fmt.Errorf("bulk index: %w", err))
	}
	path := filepath.Join(bb.dir, bulkNewDir)
	for _, p := range []string{filepath.Join(path, "store"), path} {
		if err := syncTree(p); err != nil {
			return fmt.Errorf("bulk index: %w", err)
		}
	}
	return nil
}

// failed adds to an error of Bleve's builder, which keeps only its text,
// that the disk is full when it is: its text says so (asDiskFull), or
// else the disk has no room left. (The builder's files are removed when
// a write fails, so the disk that filled has room again by then: the
// check of room alone missed it.)
func (bb *bulkBuilder) failed(err error) error {
	err = asDiskFull(err)
	if !errors.Is(err, syscall.ENOSPC) && diskFull(bb.dir) {
		return fmt.Errorf("%w: %w", err, syscall.ENOSPC)
	}
	return err
}

// abandon removes what an unfinished bulk build wrote.
func (bb *bulkBuilder) abandon() {
	_ = os.RemoveAll(filepath.Join(bb.dir, bulkNewDir))
}

// syncTree flushes the files directly in dir, then dir itself.
func syncTree(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		f, err := os.OpenFile(filepath.Join(dir, e.Name()), os.O_RDWR, 0) // Windows flushes only what it may write
		if err != nil {
			return err
		}
		serr := f.Sync()
		cerr := f.Close()
		if err := errors.Join(serr, cerr); err != nil {
			return err
		}
	}
	return syncDir(dir)
}

// swapBulkIndex puts a finished index.new/ in place of index/. The live
// index must be closed.
func swapBulkIndex(archiveDir string) error {
	live := filepath.Join(archiveDir, indexDir)
	old := filepath.Join(archiveDir, bulkOldDir)
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("bulk index: %w", err)
	}
	if err := os.Rename(live, old); err != nil && !missing(err) {
		return fmt.Errorf("bulk index: %w", err)
	}
	if err := os.Rename(filepath.Join(archiveDir, bulkNewDir), live); err != nil {
		return fmt.Errorf("bulk index: %w", err)
	}
	if err := syncDir(archiveDir); err != nil {
		return fmt.Errorf("bulk index: %w", err)
	}
	_ = os.RemoveAll(old)
	return nil
}

// clearBulkLeftovers removes what a bulk build killed before its swap
// left beside the index.
func clearBulkLeftovers(archiveDir string) {
	_ = os.RemoveAll(filepath.Join(archiveDir, bulkNewDir))
	_ = os.RemoveAll(filepath.Join(archiveDir, bulkOldDir))
}

// rebuildBulk builds the index anew from the store with the offline
// builder and puts it in place of the live one, which it closes and
// replaces; the live one serves searches until then, and stays when the
// build fails or is stopped. Each stored document's metadata is read again (fields a person
// set are kept) and its file rewritten when that changed it. The files are
// read, understood and turned into index entries by one worker per core;
// the builder takes them one at a time.
func (a *Archive) rebuildBulk(ctx context.Context, ids []string, progress func(Progress)) error {
	bb, err := newBulkBuilder(a.dir, bulkBatch, bulkMergeMax)
	if err != nil {
		return err
	}
	built := false
	var reread []stored // metadata read again and stored, not in the live index
	defer func() {
		if !built {
			a.abandonRebuild(bb, reread)
		}
	}()
	type entry struct {
		doc     *Document
		changed bool
		entry   *document.Document
		err     error
	}
	workers := runtime.NumCPU()
	jobs := make(chan string)
	out := make(chan entry, 2*workers)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range jobs {
				e := entry{}
				if e.doc, e.changed, e.err = a.rereadStored(id); e.err == nil {
					e.entry = bleveDocument(e.doc)
				}
				select {
				case out <- e:
				case <-stop:
					return
				}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, id := range ids {
			select {
			case jobs <- id:
			case <-stop:
				return
			}
		}
	}()
	go func() { wg.Wait(); close(out) }()
	fail := func(err error) error {
		close(stop)
		for range out { // let the workers end
		}
		return err
	}
	last := time.Time{}
	done := 0
	var changed []*Document // metadata read again, to store
	for e := range out {
		if err := ctx.Err(); err != nil {
			return fail(err)
		}
		if e.err != nil {
			return fail(e.err)
		}
		if err := bb.add(e.entry); err != nil {
			return fail(err)
		}
		if e.changed {
			if changed = append(changed, e.doc); len(changed) >= batchDocs {
				p, err := a.storeReread(changed)
				if err != nil {
					return fail(err)
				}
				reread, changed = append(reread, p), nil
			}
		}
		done++
		if progress != nil && (time.Since(last) > 100*time.Millisecond || done == len(ids)) {
			last = time.Now()
			progress(Progress{Done: done, Total: len(ids), Current: e.doc.Title})
		}
	}
	p, err := a.storeReread(changed)
	if err != nil {
		return err
	}
	reread = append(reread, p)
	if err := bb.finish(); err != nil {
		return err
	}
	// Until here the index in place served searches; a failure leaves it.
	closeErr := a.idx.Close()
	a.setIndex(nil)
	if err := errors.Join(closeErr, a.eng.ClearCache()); err != nil {
		return errors.Join(fmt.Errorf("close index: %w", err), a.reopenIndex())
	}
	if err := swapBulkIndex(a.dir); err != nil {
		return errors.Join(err, a.reopenIndex())
	}
	built = true
	idx, err := openBleve(filepath.Join(a.dir, indexDir), false)
	if err != nil {
		return errors.Join(fmt.Errorf("open rebuilt index: %w", err), a.createIndex())
	}
	a.setIndex(idx)
	a.clearJournal()
	return nil
}

// abandonRebuild removes what a rebuild that failed or was stopped built;
// the index kept takes the metadata it read again and stored meanwhile.
func (a *Archive) abandonRebuild(bb *bulkBuilder, reread []stored) {
	bb.abandon()
	var ids []string
	for _, p := range reread {
		ids = append(ids, p.ids...)
	}
	if a.idx == nil || len(ids) == 0 {
		return
	}
	_ = a.reindex(ids, func() {
		for _, p := range reread {
			a.indexed(p)
		}
	})
}

// rereadStored reads a stored document, reads its metadata again and
// says whether that changed it (the caller stores a batch of them,
// storeReread).
func (a *Archive) rereadStored(id string) (*Document, bool, error) {
	d, err := a.store.getDoc(id)
	if err != nil {
		return nil, false, fmt.Errorf("rebuild: %w", err)
	}
	before, _ := json.Marshal(d)
	a.reread(d)
	after, _ := json.Marshal(d)
	if string(after) == string(before) {
		return d, false, nil
	}
	return d, true, nil
}

// storeReread stores, in one transaction of the volume store, the
// metadata a rebuild read again, marking the documents as not yet
// indexed: a kill before the new index takes the old one's place leaves
// them to be indexed by the next Open (a failure, by the index kept). It
// returns what it stored.
func (a *Archive) storeReread(docs []*Document) (stored, error) {
	if len(docs) == 0 {
		return stored{}, nil
	}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	seq, err := a.store.vol.commit(ids, func(tx *archivestore.Tx) error {
		for _, d := range docs {
			if err := a.store.vol.setMeta(tx, d); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return stored{}, fmt.Errorf("rebuild: %w", err)
	}
	return stored{seq: seq, ids: ids}, nil
}
