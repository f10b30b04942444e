package index

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode"

	"khovanban/index/extract"
	"khovanban/index/vntext"
)

// Status is what became of one file of an import.
type Status string

// The outcomes of importing one file.
const (
	Added       Status = "added"
	Duplicate   Status = "duplicate"   // the same content is already in the archive
	Failed      Status = "failed"      // the file could not be read; Err says why
	Unsupported Status = "unsupported" // not a format the archive takes; not stored
	Skipped     Status = "skipped"     // a link or a temporary file, left alone
)

// ImportItem is the outcome for one file.
type ImportItem struct {
	Path     string // as given, or "archive.zip/inner/name.docx" inside a zip
	Status   Status
	ID       string // the document added, or the one it duplicates
	Title    string
	Err      error    // for Failed, Unsupported and Skipped
	Warnings []string // codes such as "scanned-no-ocr", for Added
	// Twin is, for Added, the document whose text it shares (see
	// twins.go): the first of its twin group, the one the list shows,
	// and TwinName that document's file name.
	Twin, TwinName string
	// Joined says, of a twin, that its group was in the archive before
	// the import: the file is another format of a document the list
	// showed already, not of one the import added.
	Joined bool
}

// ImportReport sums up an import. Its counts are of every file; Items
// lists every file a person must act on or see (failed, unsupported,
// skipped, added with a warning, the first twin of each kind of file) and
// at most ReportListed of the other added files and of the duplicates, so
// that it stays small whatever the count (ImportOptions.Item hears every
// file).
type ImportReport struct {
	Items                                           []ImportItem
	Added, Duplicates, Failed, Unsupported, Skipped int
	// Twins is how many added files share their text with another
	// document (ImportItem.Twin), and Joined how many of those are
	// other formats of documents that were in the archive before
	// (ImportItem.Joined): Added - Twins files are new documents of the
	// list, Twins - Joined files other formats of them.
	Twins, Joined int
	Cancelled     bool
}

// ReportListed is how many of the added files (without a warning) and how
// many of the duplicates an ImportReport lists: the first ones.
const ReportListed = 300

// ErrSymlink is the reason a link found while walking a folder is skipped
// (a link named to Import itself is followed).
var ErrSymlink = errors.New("links are not followed")

// ErrFileSwapped is the reason a file is skipped that was replaced by a
// link (or by another file) between the walk that listed it and its
// reading: the link's target, which the walk would not have followed
// (a private file of the person's, a device), is not read.
var ErrFileSwapped = errors.New("the file was replaced by a link or another file while it was imported")

// readListed reads a file the import listed on disk. What the path names
// now (not following a link) must still be a regular file, and the file
// opened that very file (openRegular): a path swapped for a link before
// the opening is refused, not read through, and one swapped for a named
// pipe or a device neither blocks the import nor is read. Its size is
// checked on the opened file.
func readListed(path string, lim extract.Limits) ([]byte, error) {
	f, opened, err := openRegular(path, false)
	if errors.Is(err, ErrSymlink) {
		err = fmt.Errorf("%s: %w", filepath.Base(path), ErrFileSwapped)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if err := extract.CheckSize(opened.Size(), lim); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.Grow(int(opened.Size()) + bytes.MinRead)
	if _, err := b.ReadFrom(f); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// ErrBackupFile and ErrPackFile are the reasons a backup or a document pack
// met while importing is skipped: their insides are an archive's stored
// files (hash-named originals, the person's edits in document files), which
// read as new documents would lose the edits and the names. They are
// restored or imported as what they are.
var (
	ErrBackupFile = errors.New("a backup of an archive: restore it, do not import it")
	ErrPackFile   = errors.New("a document pack: import it as a pack")
)

// ImportOptions tune Import.
type ImportOptions struct {
	// Progress hears, at most every 100 ms and at the end, how many files
	// are done of how many, and which is being read.
	Progress func(Progress)
	// Item hears the outcome of each file once it is final (an added file
	// is then stored and searchable; in a bulk import, bulkimport.go,
	// searchable once the import ends).
	Item func(ImportItem)
	// Extract tunes the readers (limits, OCR).
	Extract extract.Options
	// Workers is how many files are read at once; 0 means one per core.
	Workers int
	// MemoryBudget bounds the bytes of the files read and not yet stored;
	// 0 means DefaultMemoryBudget. A file larger than the budget is read
	// only when no other is in memory.
	MemoryBudget int64

	// beforeIndex, for tests, is called before each batch is indexed,
	// and afterRead after each file is read; whileReading as a file's
	// reading begins; whileIndexing once an online import's batch is
	// about to be written into the index, without the archive's lock.
	// beforeSwap as a bulk import's new index is about to take the live
	// one's place.
	beforeIndex, afterRead, whileIndexing, beforeSwap func()
	whileReading                                      func(path string)
	// swapFault, for tests, returns an error to fail a bulk import's
	// swap at a step of it (swapClose, swapCache) as if that step had.
	swapFault func(step string) error
	// beforeOpen, for tests, is called just before a file listed on
	// disk (or a zip) is opened to be read.
	beforeOpen func(path string)
}

// source is one file to import: on disk, or read out of a zip.
type source struct {
	path string // for people
	disk string // file to read, or ""
	data []byte // contents, for zip entries
	err  error  // a failure found while walking
	stat Status // Skipped or Unsupported found while walking
	// zip marks a zip archive on disk, whose files are read one at a time
	// when its turn comes; count is how many it lists.
	zip   bool
	count int
	// weight is the bytes the source brings into memory (see inflight);
	// reading is the part of it that its reading alone takes (a page's
	// tree: readWeight), freed once it is read.
	weight, reading int64
}

// Import adds files and folders (recursively, zips included) to the
// archive. Every file is imported on its own: a bad one is reported and
// the rest go on. Cancelling ctx stops it, keeping what finished. The
// error is for the archive itself failing (a full disk, a read-only
// folder): the import then stops, and nothing partial remains.
func (a *Archive) Import(ctx context.Context, paths []string, opt ImportOptions) (*ImportReport, error) {
	im, err := a.runImport(ctx, paths, opt)
	if im == nil {
		return nil, err
	}
	return im.report, err
}

func (a *Archive) runImport(ctx context.Context, paths []string, opt ImportOptions) (*importer, error) {
	if err := a.check(); err != nil {
		return nil, err
	}
	// One import at a time; the archive's other changes are made between
	// its batches (importchanges.go).
	a.runMu.Lock()
	defer a.runMu.Unlock()
	if err := a.check(); err != nil { // closed while this one waited
		return nil, err
	}
	lim := opt.Extract.Limits
	if lim == (extract.Limits{}) {
		lim = extract.DefaultLimits()
		opt.Extract.Limits = lim
	}
	// The files are counted first (names only, for the progress and the
	// choice of a bulk import), then walked again as they are read: a list
	// of every file would grow with the count (188 MB at a million).
	total := countSources(ctx, paths, scanProgress(opt.Progress))
	im := &importer{a: a, opt: opt, total: total, report: &ImportReport{}, inflight: map[string]bool{}, epoch: newImportEpoch(time.Now())}
	im.memory.cond = sync.NewCond(&im.memory.mu)
	im.memory.budget = cmp.Or(opt.MemoryBudget, DefaultMemoryBudget)
	im.memory.waiting = make(chan struct{}, 1)
	if a.useBulk(total) {
		bulk, err := a.startBulk()
		if err != nil {
			return nil, err
		}
		bulk.compact, bulk.beforeSwap, bulk.swapFault = true, opt.beforeSwap, opt.swapFault
		im.bulk = bulk
	}
	a.mu.Lock()
	a.importing = newImportChanges(im.bulk != nil)
	a.mu.Unlock()
	err := im.run(ctx, func(emit func(source) bool) { walkSources(ctx, paths, lim, emit) })
	im.report.Cancelled = ctx.Err() != nil
	a.mu.Lock()
	err = errors.Join(err, a.settleBulk()) // already done unless the build stopped early
	a.importing = nil
	a.mu.Unlock()
	// Without a.mu: the archive's changes go on during the copy
	// (archivestore's CompactCatalog). A bulk import's was made beside
	// its merge (compactBeside).
	if im.bulk != nil && im.bulk.compacted {
		err = errors.Join(err, im.bulk.compactErr)
	} else {
		err = errors.Join(err, a.compactCatalogAfter(im.report.Added))
	}
	if err == nil && im.bulk == nil && im.report.Added > 0 {
		// At its best: a merge that fails leaves the index as it was,
		// and the import whole.
		_, _ = a.tidyIndex(ctx, opt.Progress)
	}
	err = asDiskFull(err)
	if errors.Is(err, syscall.ENOSPC) {
		err = a.importRoomError(err, im.bulk)
	}
	return im, err
}

// ImportRoomError is an import stopped by a full disk. The documents it
// stored are kept and readable; Free is the room left, and Need, when
// some of them wait for their index (a bulk import's, see
// bulkimport.go), about the room that index wants: they are found by
// searches once Open has built it (usertest session 8: "Ổ đĩa đã đầy"
// with 12 MB free and no figure). errors.Is sees syscall.ENOSPC in it.
type ImportRoomError struct {
	Free, Need int64 // bytes; Need 0 when no document waits
	Err        error
}

func (e *ImportRoomError) Error() string {
	return fmt.Sprintf("import: the disk is full (%d bytes free, about %d needed for the index): %v", e.Free, e.Need, e.Err)
}

func (e *ImportRoomError) Unwrap() error { return e.Err }

// importRoomError gives a full disk's error the room left and the room
// the index of a bulk import's stored documents wants: twice their texts
// (the builder's segments, then their merged copy) and 4 MB.
func (a *Archive) importRoomError(err error, bulk *bulkImport) error {
	free, _ := diskFree(a.dir)
	e := &ImportRoomError{Free: free, Err: err}
	if bulk != nil && bulk.text > 0 {
		e.Need = 2*bulk.text + 4<<20
	}
	return e
}

// walkSources walks the paths, each folder in the order of its names, and
// hands emit each file to import, until emit returns false. Zips are
// listed, not read: their files are read one at a time by feedZip.
func walkSources(ctx context.Context, paths []string, lim extract.Limits, emit func(source) bool) {
	each := func(list []source) bool {
		for _, s := range list {
			if !emit(s) {
				return false
			}
		}
		return true
	}
	for _, p := range paths {
		p, st, err := namedPath(p)
		if err != nil {
			if !emit(source{path: p, err: fmt.Errorf("read %s: %w", p, err)}) {
				return
			}
			continue
		}
		if !st.IsDir() {
			if !each(fileSources(p, st, lim)) {
				return
			}
			continue
		}
		halted := false
		_ = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if ctx.Err() != nil {
				return filepath.SkipAll
			}
			var list []source
			switch {
			case err != nil:
				list = []source{{path: path, err: err}}
			case d.IsDir():
				if isArchiveDir(path) {
					return filepath.SkipDir // an archive's own files are not documents to file again
				}
				return nil
			default:
				info, err := d.Info()
				if err != nil {
					list = []source{{path: path, err: err}}
				} else {
					list = fileSources(path, info, lim)
				}
			}
			if !each(list) {
				halted = true
				return filepath.SkipAll
			}
			return nil
		})
		if halted || ctx.Err() != nil {
			return
		}
	}
}

// countSources is how many files walkSources will hand on, from the
// folders' names and types alone (a zip counts one until it is walked);
// found (if not nil) hears the count so far after each file.
func countSources(ctx context.Context, paths []string, found func(int)) int {
	n := 0
	if found == nil {
		found = func(int) {}
	}
	for _, p := range paths {
		p, st, err := namedPath(p)
		if err != nil || !st.IsDir() {
			if err != nil || !st.Mode().IsRegular() || !isTempFile(st.Name()) {
				n++
			}
			continue
		}
		_ = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			switch {
			case ctx.Err() != nil:
				return filepath.SkipAll
			case err != nil:
				n++
			case d.IsDir():
				if isArchiveDir(path) {
					return filepath.SkipDir
				}
			case d.Type().IsRegular() && isTempFile(d.Name()):
			default:
				n++
				found(n)
			}
			return nil
		})
	}
	return n
}

// scanProgress tells progress, every 100 ms at most, how many files the
// count before an import has found (Progress.Scanning): on a USB stick
// or a large folder it takes minutes, and nothing moved meanwhile
// (usertest s13: the bar stood at 0% until the count ended).
func scanProgress(progress func(Progress)) func(int) {
	if progress == nil {
		return nil
	}
	var last time.Time
	return func(n int) {
		if now := time.Now(); now.Sub(last) >= 100*time.Millisecond {
			last = now
			progress(Progress{Scanning: true, Total: n})
		}
	}
}

// namedPath stats a path named to Import. A link the person named is
// followed: they chose what it points to. Links met inside a folder are
// not (fileSources).
func namedPath(p string) (string, fs.FileInfo, error) {
	st, err := os.Lstat(p)
	if err == nil && st.Mode()&fs.ModeSymlink != 0 {
		return followLink(p)
	}
	return p, st, err
}

// followLink resolves a link named to Import into the file or folder it
// points to, which is imported (and reported) under its own path.
func followLink(p string) (string, fs.FileInfo, error) {
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return p, nil, err
	}
	st, err := os.Lstat(real)
	return real, st, err
}

// isArchiveDir reports whether dir is an archive folder (this archive or
// another): importing a folder that holds one must not list its stored
// originals, index and journal as files to import. Packs carry archives.
func isArchiveDir(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, manifestFile))
	return err == nil
}

func fileSources(path string, info fs.FileInfo, lim extract.Limits) []source {
	name := filepath.Base(path)
	switch {
	case info.Mode()&fs.ModeSymlink != 0:
		return []source{{path: path, stat: Skipped, err: ErrSymlink}}
	case !info.Mode().IsRegular():
		return []source{{path: path, stat: Skipped, err: ErrNotRegular}}
	case isTempFile(name):
		return nil // Word's lock files and the like: not documents
	case extract.IsArchive(name):
		if err := extract.CheckSize(info.Size(), lim); err != nil {
			return []source{{path: path, err: err}}
		}
		switch bundleKindOf(path, lim) {
		case "backup":
			return []source{{path: path, stat: Skipped, err: ErrBackupFile}}
		case "pack":
			return []source{{path: path, stat: Skipped, err: ErrPackFile}}
		}
		return []source{{path: path, disk: path, zip: true, count: zipFiles(path, lim)}}
	case !extract.Supported(name):
		return []source{{path: path, stat: Unsupported, err: extract.ErrUnsupported}}
	}
	src := source{path: path, disk: path}
	if extract.CheckSize(info.Size(), lim) == nil {
		src.weight = readWeight(name, info.Size())
		src.reading = src.weight - info.Size()
	}
	return []source{src}
}

// htmlWeight is how many times its size a saved web page takes in memory
// while it is read, as the memory budget counts it: its tree of elements
// (built twice when the page is no article) holds up to about 70 times
// its bytes when they are many short ones. A 12 MB page of 1.5 million
// paragraphs took 826 MB: four read at once, one a worker, were 3.3 GB
// on a PC of 4. Weighed so, a page of over 2 MB is read alone.
const htmlWeight = 64

// readWeight is the bytes reading a file of that name and size brings
// into memory, as the budget counts them (see DefaultMemoryBudget).
func readWeight(name string, size int64) int64 {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".htm", ".html":
		return size * htmlWeight
	}
	return size
}

// zipFiles is about how many files a zip holds, for the progress count,
// from its end record (directories included; feedZip corrects the count
// once the zip is read); 1 if it cannot be read. The zip's directory is
// not read here: one of millions of entries is refused when its turn
// comes.
func zipFiles(path string, lim extract.Limits) int {
	f, st, err := openRegular(path, true) // a named pipe put there does not block
	if err != nil {
		return 1
	}
	defer f.Close()
	tail := make([]byte, min(st.Size(), 22+0xFFFF))
	if _, err := f.ReadAt(tail, st.Size()-int64(len(tail))); err != nil {
		return 1
	}
	most := cmp.Or(lim.MaxZipEntries, extract.DefaultLimits().MaxZipEntries)
	return int(min(max(extract.ZipEntryCount(tail), 1), int64(most)))
}

// errStopped ends a zip's walk when the import stops.
var errStopped = errors.New("import stopped")

// feedZip reads a zip's files one at a time and sends each to the
// workers, as it is inflated: a zip of large files is never held whole.
// Files before a limit that stops the zip are imported; the zip is then
// reported with the reason. It reports whether it stopped because the
// import stops (the rest of the zip not taken).
func (im *importer) feedZip(ctx context.Context, z source, send func(source) bool, stop <-chan struct{}) (stopped bool) {
	sent := 0
	defer func() { im.addTotal(sent - z.count) }()
	if im.opt.beforeOpen != nil {
		im.opt.beforeOpen(z.disk)
	}
	data, err := readListed(z.disk, im.opt.Extract.Limits)
	if err != nil {
		st := Failed
		if errors.Is(err, ErrFileSwapped) || errors.Is(err, ErrNotRegular) {
			st = Skipped
		}
		if send(source{path: z.path, err: err, stat: st}) {
			sent++
		}
		return false
	}
	lim := im.opt.Extract.Limits
	err = extract.WalkZip(ctx, data, lim, func(e extract.Entry) error {
		s := source{path: z.path + "/" + e.Name, data: e.Data, weight: readWeight(e.Name, int64(len(e.Data)))}
		s.reading = s.weight - int64(len(e.Data))
		if !extract.Supported(e.Name) {
			s.stat, s.err = Unsupported, extract.ErrUnsupported
		}
		if !send(s) {
			return errStopped
		}
		sent++
		if s.weight > im.memory.budget/2 {
			// a large file: the next is not inflated until it is done
			if !im.memory.acquire(im.memory.budget, stop) {
				return errStopped
			}
			im.memory.release(im.memory.budget)
		}
		return nil
	})
	switch {
	case errors.Is(err, errStopped):
		return true
	case ctx.Err() != nil:
		return false
	case err == nil && sent == 0:
		err = extract.ErrEmpty
	}
	if err != nil && send(source{path: z.path, err: err}) {
		sent++
	}
	return false
}

// addTotal corrects the progress total once a zip's files are known.
func (im *importer) addTotal(n int) {
	im.mu.Lock()
	im.total += n
	im.mu.Unlock()
}

// DefaultMemoryBudget bounds the bytes of the files an import has read
// (or is about to read) and not yet stored: a file waits until the files
// before it leave room, and a file larger than the budget waits until
// nothing else is in memory, so several large files are never read at
// once. Reading a file takes a few times its size; ordinary documents
// are far below the budget and never wait.
const DefaultMemoryBudget = 128 << 20

// inflight counts the bytes of files in memory (see DefaultMemoryBudget).
type inflight struct {
	mu     sync.Mutex
	cond   *sync.Cond
	budget int64
	held   int64
	peak   int64 // the most held at once, for tests
	// waiters is how many files wait for memory; waiting hears when one
	// starts to: the batch holding the memory is then written at once.
	waiters int
	waiting chan struct{}
}

// acquire waits until n more bytes fit, or stop is closed (false).
func (m *inflight) acquire(n int64, stop <-chan struct{}) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	for m.held > 0 && m.held+n > m.budget {
		select {
		case <-stop:
			return false
		case m.waiting <- struct{}{}:
		default:
		}
		m.waiters++
		m.cond.Wait()
		m.waiters--
	}
	m.held += n
	m.peak = max(m.peak, m.held)
	return true
}

// wanted reports whether a file waits for memory.
func (m *inflight) wanted() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.waiters > 0
}

func (m *inflight) release(n int64) {
	if n == 0 {
		return
	}
	m.mu.Lock()
	m.held -= n
	m.mu.Unlock()
	m.cond.Broadcast()
}

// isTempFile recognises files that office programs and systems leave
// beside documents.
func isTempFile(name string) bool {
	lower := strings.ToLower(name)
	return strings.HasPrefix(name, "~$") || strings.HasPrefix(name, ".~lock") ||
		lower == "thumbs.db" || lower == "desktop.ini" || lower == ".ds_store"
}

// importer runs one Import: workers read and understand files, one
// committer writes them in batches.
type importer struct {
	a      *Archive
	opt    ImportOptions
	total  int
	report *ImportReport

	mu   sync.Mutex
	done int
	// stored counts the files of an online import's batches that are
	// stored and wait for their index entries: the progress counts them
	// done (what a stop keeps), their outcome is told once they are
	// searchable (usertest session 9: the strip lagged the index, two
	// batches and more behind what was stored at a load of 20).
	stored   int
	lastProg time.Time
	// reading lists the files the workers are reading now, in the order
	// they started: the progress names the first (a scan's OCR takes
	// minutes; the name of the file finished before it stood meanwhile).
	reading []string
	// lastName is the last file finished, named when none is being read;
	// progTimer sends a progress held back by the 100 ms limit, so that
	// the last one is never lost; ended, once the final one is sent.
	lastName  string
	progTimer *time.Timer
	ended     bool
	indexing  bool            // a bulk import's index is being built: files are done
	inflight  map[string]bool // ids being imported now
	memory    inflight        // bytes of files being read and not finished
	// listed counts the added files and duplicates the report lists, and
	// the kinds of file ("PDF") of the twins it lists.
	listed struct {
		added, dups int
		twinKinds   map[string]bool
	}
	// bulk, when not nil, builds the index offline (bulkimport.go).
	bulk *bulkImport
	// epoch tells the documents the import stored from those it found.
	epoch *importEpoch
}

// readied is a document read by a worker, waiting to be committed. The
// worker has counted the terms of its text fields; the rest of its index
// entry (the twin group among them) is made by the committer.
type readied struct {
	doc    *Document
	data   []byte
	item   ImportItem
	weight int64     // of its source, released when it is finished
	sh     *shingled // its text's shingles, to find its twins (twins.go)
	terms  *docTerms
	gen    uint64 // the campaigns and topics it was filed under (Archive.regGen)
}

// run imports the files walk hands on (walkSources).
func (im *importer) run(ctx context.Context, walk func(emit func(source) bool)) error {
	workers := im.opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	jobs := make(chan source)
	results := make(chan readied, workers*2)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tc := newTermCounter(termCounterMax)
			for s := range jobs {
				r := im.read(ctx, s, tc)
				if im.opt.afterRead != nil {
					im.opt.afterRead()
				}
				results <- r
			}
		}()
	}
	c := newCommitter(im)
	c.ctx = ctx
	go im.feed(ctx, walk, jobs, c)
	go func() { wg.Wait(); close(results) }()

	// Batches are written and indexed by the committer while the workers
	// read on.
	batches := make(chan []readied)
	go c.run(batches)
	// A batch is handed to the committer once it is full, or a second
	// after the last, or when a file waits for the memory it holds; while
	// the committer is busy with the one before, it grows (to full), so
	// that the index gets fewer, larger segments.
	var batch []readied
	batchBytes := 0
	lastFlush := time.Now()
	due := false
	// A stop (ctx) drops what was read and not yet handed to the
	// committer: only the batch being written and the one being indexed
	// are finished (usertest session 8: ~435 files were added after
	// "Dừng nhập").
	stopping := ctx.Done()
	for results != nil {
		full := len(batch) >= importBatchDocs || batchBytes >= batchBytesMax
		var out chan<- []readied
		if len(batch) > 0 && (due || full) {
			out = batches
		}
		in := results
		if full {
			in = nil // until the committer takes it
		}
		select {
		case out <- batch:
			batch, batchBytes, lastFlush, due = nil, 0, time.Now(), false
		case <-im.memory.waiting:
			due = true
		case <-stopping:
			stopping = nil
			im.dropRead(ctx, batch)
			batch, batchBytes = nil, 0
		case r, ok := <-in:
			if !ok {
				results = nil
				break
			}
			if ctx.Err() != nil {
				im.dropRead(ctx, []readied{r})
				continue
			}
			if r.doc == nil {
				im.finish(r.item)
				im.memory.release(r.weight)
				continue
			}
			batch = append(batch, r)
			batchBytes += len(r.data) + len(r.doc.Text)
			due = due || time.Since(lastFlush) > time.Second || im.memory.wanted()
		}
	}
	if len(batch) > 0 {
		batches <- batch
	}
	close(batches)
	<-c.done
	im.progress()
	return c.failed()
}

// feed hands the workers the files walk finds (jobs, closed at the end),
// each when the memory it needs is free, until the import is cancelled or
// a write fails (c.stop).
func (im *importer) feed(ctx context.Context, walk func(emit func(source) bool), jobs chan<- source, c *committer) {
	stop := c.stop
	defer close(jobs)
	send := func(s source) bool {
		if ctx.Err() != nil || !im.memory.acquire(s.weight, stop) {
			return false
		}
		select {
		case jobs <- s:
			return true
		case <-stop:
			im.memory.release(s.weight)
			return false
		}
	}
	// The walker hands the files on as it finds them; it stops when
	// the import does (quit).
	srcs, quit := make(chan source, 64), make(chan struct{})
	defer close(quit)
	go func() {
		defer close(srcs)
		walk(func(s source) bool {
			select {
			case srcs <- s:
				return true
			case <-quit:
				return false
			}
		})
	}()
	for s := range srcs {
		refused := false
		if s.zip {
			im.addTotal(s.count - 1) // counted as one file before
			halted := im.feedZip(ctx, s, func(s source) bool {
				ok := send(s)
				refused = refused || !ok
				return ok
			}, stop)
			refused = refused || halted
		} else {
			refused = !send(s)
		}
		if ctx.Err() != nil {
			return
		}
		if refused { // this file, or the rest of this zip, not taken
			im.notTaken(&s, srcs, stop, c.failed)
			return
		}
		if stopped(stop) {
			im.notTaken(nil, srcs, stop, c.failed)
			return
		}
	}
}

// notTaken names, as failed with the write's error, the files an import
// stopped by a failed write (a full disk) never read (first, if not nil,
// then the rest of the walk): the report counts every file it was given.
func (im *importer) notTaken(first *source, rest <-chan source, stop <-chan struct{}, failed func() error) {
	if !stopped(stop) {
		return // cancelled
	}
	err := failed()
	if first != nil {
		im.finish(ImportItem{Path: displayName(first.path), Status: Failed, Err: err})
	}
	for s := range rest {
		im.finish(ImportItem{Path: displayName(s.path), Status: Failed, Err: err})
	}
}

func stopped(stop <-chan struct{}) bool {
	select {
	case <-stop:
		return true
	default:
		return false
	}
}

// dropRead reports the files of a stopped import that were read and not
// stored as not imported (skipped with ctx's error, which the window
// counts with the files not reached); other outcomes stand.
func (im *importer) dropRead(ctx context.Context, rs []readied) {
	for _, r := range rs {
		item := r.item
		if r.doc != nil {
			im.mu.Lock()
			delete(im.inflight, r.doc.ID)
			im.mu.Unlock()
			item.Status, item.Err, item.ID, item.Warnings, item.Twin, item.TwinName, item.Joined = Skipped, ctx.Err(), "", nil, "", "", false
		}
		im.finish(item)
		im.memory.release(r.weight)
	}
}

// importBatchDocs is the most documents of an import batch, one segment of
// Bleve's index. The committer holds two batches and one more grows
// meanwhile: 384 documents took the import of 10,000 documents to a peak
// of 410 MB (rebuild and packs use batchDocs). A variable for the tests.
var importBatchDocs = 256

// batchBytesMax bounds the memory a batch of originals and texts holds.
const batchBytesMax = 32 << 20

// failAll reports a batch that was not written because an earlier one
// failed.
func (im *importer) failAll(batch []readied, err error) {
	for _, r := range batch {
		item := r.item
		item.Status, item.Err, item.ID = Failed, err, ""
		im.finish(item)
		im.memory.release(r.weight)
	}
}

// finish records one file's final outcome.
func (im *importer) finish(item ImportItem) {
	im.mu.Lock()
	defer im.mu.Unlock()
	im.finishLocked(item)
}

// storedBatch says, for the progress, that n files of an online import
// are stored: they count as done from now on (finishStored tells their
// outcome).
func (im *importer) storedBatch(n int) {
	im.mu.Lock()
	defer im.mu.Unlock()
	im.stored += n
	im.sendProgress(false)
}

// finishStored records the outcome of a file storedBatch counted.
func (im *importer) finishStored(item ImportItem) {
	im.mu.Lock()
	defer im.mu.Unlock()
	im.stored--
	im.finishLocked(item)
}

// finishLocked is finish under im.mu.
func (im *importer) finishLocked(item ImportItem) {
	rep := im.report
	list := true
	switch item.Status {
	case Added:
		rep.Added++
		list = len(item.Warnings) > 0 || im.listed.added < ReportListed
		if list && len(item.Warnings) == 0 {
			im.listed.added++
		}
		if item.Twin != "" {
			rep.Twins++
			if item.Joined {
				rep.Joined++
			}
			kind := strings.ToUpper(filepath.Ext(item.Path))
			if im.listed.twinKinds == nil {
				im.listed.twinKinds = map[string]bool{}
			}
			if !im.listed.twinKinds[kind] {
				im.listed.twinKinds[kind], list = true, true
			}
		}
	case Duplicate:
		rep.Duplicates++
		list = im.listed.dups < ReportListed
		if list {
			im.listed.dups++
		}
	case Failed:
		rep.Failed++
	case Unsupported:
		rep.Unsupported++
	case Skipped:
		rep.Skipped++
	}
	if list {
		rep.Items = append(rep.Items, item)
	}
	if im.opt.Item != nil {
		im.opt.Item(item)
	}
	im.done++
	im.lastName = item.Path
	im.sendProgress(false)
}

// started says that a worker begins to read a file (after its duplicate
// check), which the progress names until it is done (finished).
func (im *importer) started(path string) func() {
	name := displayName(path)
	im.mu.Lock()
	im.reading = append(im.reading, name)
	im.sendProgress(false)
	im.mu.Unlock()
	return func() {
		im.mu.Lock()
		defer im.mu.Unlock()
		if i := slices.Index(im.reading, name); i >= 0 {
			im.reading = slices.Delete(im.reading, i, i+1)
		}
	}
}

// progress reports the end of the import, with no file named.
func (im *importer) progress() {
	im.mu.Lock()
	defer im.mu.Unlock()
	im.reading, im.lastName = nil, ""
	im.sendProgress(true)
	im.ended = true
}

// sendProgress calls the Progress callback at most every 100 ms, naming
// the file read the longest of those being read, else the last finished;
// one held back by the limit is sent when it ends. im.mu is held, so
// calls never overlap.
func (im *importer) sendProgress(final bool) {
	if im.opt.Progress == nil || im.ended || im.indexing && !final {
		return
	}
	now := time.Now()
	if wait := 100*time.Millisecond - now.Sub(im.lastProg); !final && wait > 0 {
		if im.progTimer == nil {
			im.progTimer = time.AfterFunc(wait, func() {
				im.mu.Lock()
				defer im.mu.Unlock()
				im.progTimer = nil
				im.sendProgress(false)
			})
		}
		return
	}
	im.sentNow()
	current := im.lastName
	if len(im.reading) > 0 {
		current = im.reading[0]
	}
	im.opt.Progress(Progress{Done: im.done + im.stored, Total: im.total, Current: current, Later: im.bulk != nil})
}

// sentNow notes that a progress is sent now: one held back is not sent.
func (im *importer) sentNow() {
	if im.progTimer != nil {
		im.progTimer.Stop()
		im.progTimer = nil
	}
	im.lastProg = time.Now()
}

// progressIndexing says that a bulk import's files are all stored and its
// index is being built.
func (im *importer) progressIndexing() {
	im.mu.Lock()
	defer im.mu.Unlock()
	if im.opt.Progress != nil {
		im.sentNow()
		im.indexing = true
		im.opt.Progress(Progress{Done: im.done, Total: im.total, Later: true, Indexing: true, Added: im.report.Added})
	}
}

// pageProgress says which scanned page of a file is being OCRed; pages
// take seconds each, so every one is reported.
func (im *importer) pageProgress(path string, page, pages int) {
	im.mu.Lock()
	defer im.mu.Unlock()
	if im.opt.Progress == nil {
		return
	}
	im.sentNow()
	im.opt.Progress(Progress{Done: im.done + im.stored, Total: im.total, Current: displayName(path), Page: page, Pages: pages, Later: im.bulk != nil})
}

// read turns one source into a document ready to commit, or a final item.
func (im *importer) read(ctx context.Context, s source, tc *termCounter) (r readied) {
	r.item = ImportItem{Path: displayName(s.path)}
	r.weight = s.weight
	defer func() {
		// What reading took beyond the file's bytes is free again.
		im.memory.release(s.reading)
		r.weight -= s.reading
	}()
	fail := func(st Status, err error) readied {
		r.item.Status, r.item.Err = st, err
		return r
	}
	if s.err != nil {
		st := s.stat
		if st == "" {
			st = Failed
		}
		return fail(st, s.err)
	}
	if ctx.Err() != nil {
		return fail(Skipped, ctx.Err())
	}
	data := s.data
	if s.disk != "" {
		if im.opt.beforeOpen != nil {
			im.opt.beforeOpen(s.disk)
		}
		var err error
		if data, err = readListed(s.disk, im.opt.Extract.Limits); errors.Is(err, ErrFileSwapped) || errors.Is(err, ErrNotRegular) {
			return fail(Skipped, err)
		} else if err != nil {
			return fail(Failed, err)
		}
	}
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])
	id := hash[:16]
	r.item.ID = id
	im.mu.Lock()
	dup := im.inflight[id] || im.a.store.hasDoc(id)
	if !dup {
		im.inflight[id] = true
	}
	im.mu.Unlock()
	if dup {
		if d, err := im.a.store.getHead(id); err == nil {
			r.item.Title = d.Title
		}
		r.item.Status = Duplicate
		return r
	}
	r.gen = im.a.regGen.Load() // before it is filed
	done := im.started(s.path)
	if im.opt.whileReading != nil {
		im.opt.whileReading(s.path)
	}
	d, err := im.understand(ctx, s.path, hash, data)
	done()
	if err != nil {
		im.mu.Lock()
		delete(im.inflight, id)
		im.mu.Unlock()
		r.item.ID = ""
		if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
			return fail(Skipped, err) // stopped while being read: not imported yet
		}
		return fail(Failed, err)
	}
	r.doc, r.data = d, data
	r.terms, r.sh = tc.analyze(d)
	// Filed from the syllables the counter folded: the text is not
	// folded and split again.
	im.a.classifyWords(d, tc.textWords())
	r.item.Status, r.item.Title, r.item.Warnings = Added, d.Title, d.Warnings
	return r
}

// understand extracts a file's text and reads its metadata, but for the
// campaigns and topics (read files them once its terms are counted).
func (im *importer) understand(ctx context.Context, path, hash string, data []byte) (*Document, error) {
	name := displayName(filepath.Base(path))
	eo := im.opt.Extract
	if eo.OCR != nil {
		eo.OCRProgress = func(page, pages int) { im.pageProgress(path, page, pages) }
	}
	res, err := extract.Extract(ctx, name, data, eo)
	if err != nil {
		return nil, err
	}
	now := time.Now().UTC().Truncate(time.Second)
	d := &Document{
		ID: hash[:16], Hash: hash,
		OriginalName: name, FileTitle: res.Title,
		Format: res.Format, Encoding: res.Encoding, Size: int64(len(data)),
		ImportedAt: now, ModifiedAt: now,
		Text: res.Text, OCRPages: res.OCRPages,
	}
	for _, w := range res.Warnings {
		d.Warnings = append(d.Warnings, w.Code)
	}
	if h := res.Handwritten; h != nil {
		d.HandNumber, d.HandDay = h.Number, h.Day
		d.HandOCRNumber, d.HandOCRDay = h.OCRNumber, h.OCRDay
		d.HandMonth, d.HandDayGuess, d.HandMonthGuess = h.Month, h.DayGuess, h.MonthGuess
		d.HandNumberGuess = h.NumberGuess
	}
	im.a.readMeta(d)
	return d, nil
}

// displayName makes a file name or path safe to show and store: NFC,
// without control characters.
func displayName(name string) string {
	name = vntext.NFC(name)
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return '_'
		}
		return r
	}, name)
}
