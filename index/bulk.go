package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"syscall"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/util"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zapv17 "github.com/blevesearch/zapx/v17"

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

// bulkBatch is how many documents make one segment of a bulk build
// (a rebuild, a bulk import). Bleve's building of a segment holds about
// 0.3 MB a document, bulkBuilders segments are built at once, and an
// import's workers and batches hold theirs beside. Measured with one
// segment built at a time, importing 10,000 vncorpus documents (load
// 16-22): 500, 32.4-33.6 s of CPU, peak 362-399 MB; 256, 33.2 s, 303 MB.
// With two at a time (load 15-28): 256, peak 335-431 MB; 192, 323-350 MB;
// 160, 311-389 MB, for the same CPU within the noise. The segments are
// merged all at once: every document is written once more.
const bulkBatch = 192

// bulkBuilders is how many segments a bulk build builds at once, each in
// its own goroutine. Bleve's builder (scorch.Builder) builds every
// segment in the goroutine that gives it the documents, and an import's
// index stage was the slowest of its stages: the files stage waited for
// it 3.2 s of a 35 s import (runtime trace, 10,000 documents, load 17;
// 69 s of 167 s beside a larger import), and the readers behind it; with
// two builders it never waits for it.
const bulkBuilders = 2

// bulkGCPercent is the collector's percent (GOGC) while a bulk build
// runs, unless GOGC is set: the heap may grow to 2.75 times what is live
// instead of twice between collections. A bulk build's live heap is
// mostly the segments being built, whose counted fields hold a tenth of
// what their maps did (lazyFields). Importing 10,000 vncorpus documents
// (2026-12-02, load 17-23, BenchmarkImportCorpus, alternating, 3-4 runs
// each): before, 30.9-43.0 s of CPU, peak 276-357 MB; lazy fields,
// 36.2-38.0 s, 221-235 MB; with 150, 29.9-38.2 s, 255-301 MB; with 200,
// 28.9-36.2 s, 307-380 MB. The whole process (load 19-30, beside
// recollindex, 3-6 runs each): before 37.5-41.4 s, 306-337 MB; 200,
// 28.7-38.1 s, 329-379 MB; 175, 33.2-38.4 s, 308-357 MB, kept for the
// room it leaves under 400 MB.
const bulkGCPercent = 175

// bulkGC counts the bulk builds running, and keeps the percent the
// collector had before the first.
var bulkGC struct {
	sync.Mutex
	builds int
	before int
}

// raiseGC sets the collector's percent to bulkGCPercent while a bulk
// build runs (unless GOGC is set), and returns what puts it back once the
// last build ends; called more than once, that does it once.
func raiseGC() func() {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	bulkGC.Lock()
	defer bulkGC.Unlock()
	if bulkGC.builds == 0 {
		bulkGC.before = debug.SetGCPercent(bulkGCPercent)
	}
	bulkGC.builds++
	var once sync.Once
	return func() {
		once.Do(func() {
			bulkGC.Lock()
			defer bulkGC.Unlock()
			if bulkGC.builds--; bulkGC.builds == 0 {
				debug.SetGCPercent(bulkGC.before)
			}
		})
	}
}

// The segment format: Bleve's default, which its builder writes too.
var bulkSegments = &zapv17.ZapPlugin{}

// bulkBuilder writes a new index in index.new/: it builds segments of
// batch documents, up to bulkBuilders at a time, each in its own
// goroutine, and merges them once into one at the end, as Bleve's
// offline builder (scorch.Builder) does in one goroutine. The index's
// root (root.bolt: the segment's file name, the mapping and the version
// mark, nothing of the segment's content) is written by Bleve's builder
// around a segment of one placeholder document, whose file the merged
// segment then replaces (writeIndexAround).
type bulkBuilder struct {
	dir     string // the archive's folder
	path    string // index.new/
	batch   int
	pending []bulkEntry // the next segment's documents
	indexed int

	slots   chan struct{}      // one per segment being built
	scratch chan *fieldScratch // one per goroutine building a segment
	lowerGC func()             // puts the collector's percent back (raiseGC)
	wg      sync.WaitGroup

	mu    sync.Mutex
	segs  []string // the built segments' files, in the order of their documents
	built int      // segments started
	err   error    // the first that failed
}

// bulkEntry gives one document's index entry when its segment is built:
// the entries of a segment take about 0.3 MB a document, so they are made
// only then, by the goroutine that builds it, whose fieldScratch the
// counted fields of an import's documents (lazyFields) may use.
type bulkEntry func(*fieldScratch) *document.Document

// newBulkBuilder starts a new index in index.new/, marked with the
// mapping version: once it is swapped in it needs no other mark. Its
// segments are of batch documents.
func newBulkBuilder(archiveDir string, batch int) (*bulkBuilder, error) {
	path := filepath.Join(archiveDir, bulkNewDir)
	if err := os.RemoveAll(path); err != nil {
		return nil, fmt.Errorf("bulk index: %w", err)
	}
	if err := os.MkdirAll(filepath.Join(path, "segments"), 0o755); err != nil {
		return nil, fmt.Errorf("bulk index: %w", err)
	}
	bb := &bulkBuilder{dir: archiveDir, path: path, batch: batch, slots: make(chan struct{}, bulkBuilders), scratch: make(chan *fieldScratch, bulkBuilders)}
	for range bulkBuilders {
		bb.scratch <- &fieldScratch{}
	}
	bb.lowerGC = raiseGC()
	return bb, nil
}

// add gives the builder one document's index entry (bleveDocument); each
// id at most once. It waits while bulkBuilders segments are being built
// and this one is full, and returns the error of a segment that failed.
func (bb *bulkBuilder) add(e bulkEntry) error {
	bb.pending = append(bb.pending, e)
	bb.indexed++
	if len(bb.pending) >= bb.batch {
		bb.flush()
	}
	return bb.failure()
}

// flush starts building the pending documents' segment.
func (bb *bulkBuilder) flush() {
	if len(bb.pending) == 0 {
		return
	}
	entries := bb.pending
	bb.pending = nil
	bb.slots <- struct{}{}
	bb.mu.Lock()
	n := bb.built
	bb.built++
	bb.segs = append(bb.segs, "")
	bb.mu.Unlock()
	bb.wg.Add(1)
	go func() {
		defer func() { <-bb.slots; bb.wg.Done() }()
		if bb.failure() != nil {
			return
		}
		path := filepath.Join(bb.path, "segments", fmt.Sprintf("%06d.zap", n))
		s := <-bb.scratch
		err := buildSegment(entries, path, s)
		bb.scratch <- s
		bb.mu.Lock()
		defer bb.mu.Unlock()
		if err != nil && bb.err == nil {
			bb.err = bb.failed(fmt.Errorf("bulk index: %w", err))
		}
		bb.segs[n] = path
	}()
}

// failure is the error of a segment that failed, if any.
func (bb *bulkBuilder) failure() error {
	bb.mu.Lock()
	defer bb.mu.Unlock()
	return bb.err
}

// buildSegment builds the segment of entries and writes it to path, as
// scorch.Builder does with a batch; s is the building goroutine's own.
func buildSegment(entries []bulkEntry, path string, s *fieldScratch) error {
	docs := make([]bindex.Document, len(entries))
	for i, e := range entries {
		d := e(s)
		d.AddIDField()
		d.VisitFields(func(f bindex.Field) {
			if f.Options().IsIndexed() {
				f.Analyze()
			}
		})
		docs[i] = d
		entries[i] = nil
	}
	seg, _, err := bulkSegments.New(docs)
	if err != nil {
		return err
	}
	defer seg.Close()
	u, ok := seg.(segment.UnpersistedSegment)
	if !ok {
		return fmt.Errorf("segment of type %T cannot be written", seg)
	}
	return u.Persist(path)
}

// finish merges the segments into the final index, in index.new/, and
// syncs it. It does not swap it in (see swapIn).
func (bb *bulkBuilder) finish() error {
	defer bb.lowerGC()
	if bb.indexed == 0 {
		return errors.New("bulk index: no documents")
	}
	bb.flush()
	bb.wg.Wait()
	if err := bb.failure(); err != nil {
		return err
	}
	merged, err := bb.merge()
	if err != nil {
		return bb.failed(fmt.Errorf("bulk index: %w", err))
	}
	if err := writeIndexAround(bb.path, merged); err != nil {
		return bb.failed(fmt.Errorf("bulk index: %w", err))
	}
	for _, p := range []string{filepath.Join(bb.path, "store"), bb.path} {
		if err := syncTree(p); err != nil {
			return fmt.Errorf("bulk index: %w", err)
		}
	}
	return nil
}

// merge merges the built segments into one file, all at once (every
// document is written once more), and returns its path.
func (bb *bulkBuilder) merge() (string, error) {
	if len(bb.segs) == 1 {
		return bb.segs[0], nil
	}
	segs := make([]segment.Segment, 0, len(bb.segs))
	defer func() {
		for _, s := range segs {
			_ = s.Close()
		}
	}()
	for _, p := range bb.segs {
		s, err := bulkSegments.Open(p)
		if err != nil {
			return "", err
		}
		segs = append(segs, s)
	}
	// Opening the segments mapped most of their files (this kernel maps a
	// page cache's large folio whole where one page of it is read): the
	// start of the merge was a rebuild's peak. Let go of at once.
	releaseSegmentPages(segs)
	path := filepath.Join(bb.path, "segments", "merged.zap")
	rel := &mergeReleaser{segs: segs, step: mergeReleaseBytes, next: mergeReleaseBytes}
	if _, _, err := bulkSegments.Merge(segs, make([]*roaring.Bitmap, len(segs)), path, nil, rel); err != nil {
		return "", err
	}
	return path, nil
}

// mergeReleaseBytes is how much a bulk build's merge writes between two
// releases of the pages of its segments mapped into the process.
const mergeReleaseBytes = 32 << 20

// mergeReleaser lets go of the pages of the segments being merged that
// the merge read (releaseSegmentPages), each time it has written
// mergeReleaseBytes more of the merged one: the merge maps every segment
// and reads them all, field by field, and each page read stays mapped
// into the process until the segments are closed. Rebuilding 100,000
// vncorpus documents (521 segments, about 800 MB) peaked at 1,028 MB
// resident there, 974 MB of it mapped files and 54 MB of heap (session 21,
// load 13-27). Zapx reports the bytes it writes from the goroutine that
// merges, the one that reads the segments.
type mergeReleaser struct {
	segs                []segment.Segment
	step, written, next uint64 // bytes between releases, written, at the next release
	releases            int
}

// ReportBytesWritten implements segment.StatsReporter.
func (r *mergeReleaser) ReportBytesWritten(n uint64) {
	r.written += n
	if r.written >= r.next {
		r.next = r.written + r.step
		r.releases++
		releaseSegmentPages(r.segs)
	}
}

// writeIndexAround makes index.new/ (dir) an index of the one segment in
// the file seg: Bleve's offline builder writes the index's files around a
// segment of one placeholder document, and seg takes that segment's
// place. The root it writes names the segment's file and holds the
// mapping and the version mark, nothing of the segment's content
// (scorch.Builder.Close: no deleted documents, no statistics).
func writeIndexAround(dir, seg string) error {
	m := newMapping()
	mappingJSON, err := util.MarshalJSON(m)
	if err != nil {
		return err
	}
	// What bleve.NewBuilder does, with the version mark added to the
	// index's internal values (it takes only the mapping).
	meta, _ := json.Marshal(map[string]string{"storage": scorch.Name, "index_type": scorch.Name})
	if err := os.WriteFile(filepath.Join(dir, "index_meta.json"), meta, 0o644); err != nil {
		return err
	}
	store := filepath.Join(dir, "store")
	b, err := scorch.NewBuilder(map[string]interface{}{
		"path":                store,
		"buildPathPrefix":     dir, // renamed into store/: one file system
		"batchSize":           1,
		"forceSegmentType":    bulkSegments.Type(),
		"forceSegmentVersion": int(bulkSegments.Version()),
		"internal": map[string][]byte{
			string(util.MappingInternalKey): mappingJSON,
			string(internalVersionKey):      []byte(mappingVersion),
		},
	})
	if err != nil {
		return err
	}
	if err := b.Index(document.NewDocument("placeholder")); err != nil {
		return err
	}
	if err := b.Close(); err != nil {
		return err
	}
	// The one segment of an index written by the builder (its id 2). A
	// Bleve that names it otherwise must fail the build here, not leave
	// an index of the placeholder alone.
	placeholder := filepath.Join(store, "000000000002.zap")
	if files, err := filepath.Glob(filepath.Join(store, "*.zap")); err != nil || len(files) != 1 || files[0] != placeholder {
		return fmt.Errorf("bleve's builder wrote segments %v, not the one %s expected", files, placeholder)
	}
	if err := os.Rename(seg, placeholder); err != nil {
		return err
	}
	return os.RemoveAll(filepath.Join(dir, "segments"))
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

// abandon removes what an unfinished bulk build wrote, once the segments
// being built are done.
func (bb *bulkBuilder) abandon() {
	bb.mu.Lock()
	if bb.err == nil {
		bb.err = errors.New("bulk index: abandoned")
	}
	bb.mu.Unlock()
	bb.wg.Wait()
	bb.lowerGC()
	_ = os.RemoveAll(bb.path)
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

// swapBulkIndex puts a finished index.new/ in place of index/, which it
// moves to index.old/ (the caller removes it once the new one opens, see
// openSwapped). The live index must be closed. placed says the new one is
// in place: an error with it is the folder's sync; without it, what was
// moved is put back as far as it can be (reopenIndex finishes that).
func swapBulkIndex(archiveDir string) (placed bool, err error) {
	live := filepath.Join(archiveDir, indexDir)
	old := filepath.Join(archiveDir, bulkOldDir)
	if err := os.RemoveAll(old); err != nil {
		return false, fmt.Errorf("bulk index: %w", err)
	}
	if err := os.Rename(live, old); err != nil && !missing(err) {
		return false, fmt.Errorf("bulk index: %w", err)
	}
	if err := os.Rename(filepath.Join(archiveDir, bulkNewDir), live); err != nil {
		_ = os.Rename(old, live)
		return false, fmt.Errorf("bulk index: %w", err)
	}
	if err := syncDir(archiveDir); err != nil {
		return true, fmt.Errorf("bulk index: %w", err)
	}
	return true, nil
}

// openSwapped opens the index swapBulkIndex put in place and removes the
// one it replaced. When the new one does not open, it is removed and the
// old one put back and opened (reopenIndex), and the error returned.
func (a *Archive) openSwapped() error {
	live := filepath.Join(a.dir, indexDir)
	idx, err := openBleve(live, false)
	if err != nil {
		err = fmt.Errorf("open new index: %w", err)
		if rerr := os.RemoveAll(live); rerr != nil {
			return errors.Join(err, rerr, a.createIndex())
		}
		return errors.Join(err, a.reopenIndex())
	}
	a.setIndex(idx)
	_ = os.RemoveAll(filepath.Join(a.dir, bulkOldDir))
	return nil
}

// clearBulkLeftovers removes what a bulk build killed before its swap
// left beside the index, and puts back the live index a kill between the
// swap's two renames left moved aside.
func clearBulkLeftovers(archiveDir string) {
	live := filepath.Join(archiveDir, indexDir)
	if _, err := os.Stat(live); missing(err) {
		_ = os.Rename(filepath.Join(archiveDir, bulkOldDir), live)
	}
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
	bb, err := newBulkBuilder(a.dir, bulkBatch)
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
				e.doc, e.changed, e.err = a.rereadStored(id)
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
		d := e.doc
		if err := bb.add(func(*fieldScratch) *document.Document { return bleveDocument(d) }); err != nil {
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
		if done++; done%rebuildReleaseDocs == 0 && a.store.vol != nil {
			a.store.vol.st.ReleaseMapped()
		}
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
	// The heap the reading no longer uses goes back to the system before
	// the merge maps the segments (324 MB of a rebuild of 100,000 was
	// still held when its merge began, its peak).
	debug.FreeOSMemory()
	if err := bb.finish(); err != nil {
		return err
	}
	// Until here the index in place served searches; a failure leaves it.
	closeErr := a.idx.Close()
	a.setIndex(nil)
	if err := errors.Join(closeErr, a.eng.ClearCache()); err != nil {
		return errors.Join(fmt.Errorf("close index: %w", err), a.reopenIndex())
	}
	if placed, err := swapBulkIndex(a.dir); !placed {
		return errors.Join(err, a.reopenIndex())
	} else if err != nil {
		return errors.Join(err, a.openSwapped()) // in place, its renames maybe not on disk
	}
	if err := a.openSwapped(); err != nil {
		return err // the old index back, given what was read again (abandonRebuild)
	}
	built = true
	a.clearJournal()
	return nil
}

// rebuildReleaseDocs is how many documents a rebuild reads between two
// releases of the catalog's pages those reads mapped into the process
// (archivestore's ReleaseMapped): a rebuild reads every entry and writes
// none (but those whose metadata changed), so no write transaction lets
// them go as an import's do. Rebuilding 100,000 documents kept the whole
// catalog (145 MB) mapped from its reading to its end; 1,000,000 would
// keep 1.5 GB.
const rebuildReleaseDocs = 2000

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
