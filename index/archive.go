package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"

	"khovanban/index/classify"
	"khovanban/index/internal/engine"
)

// Archive is an open archive folder. Its methods are safe for concurrent
// use; writes are serialised.
type Archive struct {
	dir   string
	lock  *archiveLock
	store *store
	// idx is the live index. It is replaced (a bulk import's swap, a
	// rebuild, Open) under a.mu or a.runMu and through setIndex; a reader
	// that holds neither (a search of the window) takes it by liveIndex.
	idx   bleve.Index
	idxMu sync.RWMutex
	opts  Options

	registry func() *classify.Registry
	eng      *engine.Engine // evaluates searches over the index

	// runMu is held for the whole of an import, a pack's import, a
	// rebuild, a check and Close: one at a time. mu serialises each write
	// to the store and the index: an edit, a delete, one step of a
	// change of the campaigns or of emptying the Trash, one batch of an
	// import (its files, then its index entries). The changes asked for during an import are made between
	// its batches (importchanges.go). Always runMu first, then mu.
	runMu sync.Mutex
	mu    sync.Mutex
	// stepMu is held for the whole of a run that takes mu a step at a
	// time (EmptyTrash, ChangeRegistry): one at a time, and Close waits
	// for it. Always runMu, then stepMu, then mu.
	stepMu    sync.Mutex
	importing *importChanges // under mu: the import under way, if any
	// regGen counts the changes to the campaigns and topics: a document
	// an import read under an earlier registry is filed again before it
	// is stored.
	regGen atomic.Uint64
	// refiling, under mu, is the note of a filing again not finished
	// (refile.go), nil when none.
	refiling *pendingRefile
	// betweenSteps, in tests, runs after each step of a run that takes mu
	// a step at a time (whileLocked), with mu free.
	betweenSteps func()
	closed       atomic.Bool
	readOnly     bool      // opened by OpenReadOnly: nothing is written
	created      time.Time // the marker's creation time (Created)
	// twinsChecked is the last check of the stored twin groups run by
	// Open or a rebuild (TwinsChecked), nil when none ran.
	twinsChecked atomic.Pointer[TwinCheck]
}

// Options tune Open.
type Options struct {
	// Registry is the built-in campaign and topic registry (JSON, shipped in
	// assets); the archive keeps the person's changes to it.
	Registry []byte
	// Progress, if set, hears about an index rebuild that Open has to do.
	Progress func(Progress)
	// Program names who opens the archive ("khovanban search"), for the
	// message of another process that finds it in use; by default the
	// executable's name.
	Program string

	// beforeFileOp, in tests, hears of each file operation of the volume
	// store (archivestore.Options.BeforeFileOp) just before it happens;
	// in an archive of format 1 whose journal Open replays before its
	// migration, of each journal file removed and each stored file
	// renamed or removed by a move or a purge (steps.go).
	beforeFileOp func(op, path string)
	// freeSpace, in tests, replaces diskFree: the free bytes of the file
	// system holding a folder, and whether it could tell.
	freeSpace func(dir string) (int64, bool)
	// packManifest, in tests, replaces the largest manifest of a pack
	// a receiving archive reads (packManifestLimit).
	packManifest int64
	// phraseBudget, in tests, replaces defaultPhraseBudget.
	phraseBudget int
	// twinPace, in tests, replaces the pace of the twin check
	// (twinCheckStep, twinCheckNoteEvery).
	twinPace *twinPace
}

// Progress reports long work: Done of Total items, the current one named.
type Progress struct {
	Done, Total int
	Current     string
	// Page and Pages, when Pages > 0, say that Current is being OCRed:
	// its scanned page Page of Pages.
	Page, Pages int
	// Migrating says that Open is turning an archive of an earlier
	// version into this version's format (migrate.go), Done of Total
	// documents copied, rather than rebuilding the index.
	Migrating bool
	// CheckingTwins says that the stored twin groups are being checked
	// under the rule of now (twinscheck.go), by Open once for each rule or
	// by a rebuild: Done of Total documents of the groups.
	CheckingTwins bool
	// Cleaning says that the files of the earlier format are being
	// removed after a migration (or after a kill during their removal):
	// Done of Total folders.
	Cleaning bool
	// Later says, of an import that builds its index at its end (a bulk
	// import, bulkimport.go), that the documents it stored are found by
	// searches only once it ends; Indexing, that every file is read and
	// stored and that index is being built.
	Later, Indexing bool
	// Added is, with Indexing, how many documents the import stored.
	Added int
	// Scanning says that an import is still counting its files, before
	// it reads any: Total is how many it found so far.
	Scanning bool
	// Unsharing says that Open is copying a file of the archive that has
	// other names (a copy of the folder made with hard links), Current,
	// so that writing here changes nothing in the copy: seconds for a
	// big catalog.
	Unsharing bool
	// Tidying says that an import is done and the index's small segments
	// are being merged into one (tidy.go): Done of Total percent of the
	// merged segment written. Every document is searchable meanwhile.
	Tidying bool
}

const (
	manifestFile = "khovanban-archive.json"
	indexDir     = "index"
	dirtyFile    = "index.open" // present while a process has the index open
	archiveFmt   = 1
)

type manifest struct {
	Format  archiveFormat `json:"format"`
	Created time.Time     `json:"created"`
	Office  string        `json:"office,omitempty"`
}

// DefaultDir is where the archive lives when none is named: data/archive
// beside the executable when an archive is there (portable mode, for a
// USB stick), else the user's data folder.
func DefaultDir() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		exe = ""
	}
	return defaultDirFor(exe)
}

func defaultDirFor(exe string) (string, error) {
	if exe != "" {
		// Only an archive the program made there, not any folder named
		// "data" (one in Downloads beside a program run from there).
		portable := filepath.Join(filepath.Dir(exe), "data", "archive")
		if st, err := os.Stat(filepath.Join(portable, manifestFile)); err == nil && st.Mode().IsRegular() {
			return portable, nil
		}
	}
	base, err := userDataDir()
	if err != nil {
		return "", fmt.Errorf("find data folder: %w", err)
	}
	return filepath.Join(base, "khovanban", "archive"), nil
}

func userDataDir() (string, error) {
	if runtime.GOOS == "windows" {
		if d := os.Getenv("APPDATA"); d != "" {
			return d, nil
		}
		return os.UserConfigDir()
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return d, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	if runtime.GOOS == "darwin" {
		return filepath.Join(home, "Library", "Application Support"), nil
	}
	return filepath.Join(home, ".local", "share"), nil
}

// Open opens the archive in dir for reading and writing, creating it when
// dir does not exist or is empty. A full disk's error says syscall.ENOSPC
// (also Windows' own errnos of it: IsDiskFull). Only one process may have an archive
// open: another gets ErrLocked. A missing, damaged or outdated index is
// rebuilt from the stored documents before Open returns. An archive of
// format 1 (two files per document, made by earlier versions) is turned
// into format 2 (volumes and a catalog) first, its progress told with
// Progress.Migrating; a kill meanwhile is taken up by the next Open.
func Open(dir string, opts Options) (*Archive, error) {
	m, err := prepareDir(dir)
	if err != nil {
		return nil, asDiskFull(err)
	}
	if err := checkLinks(dir, false); err != nil {
		return nil, err
	}
	lock, err := lockArchive(dir, opts.Program, false)
	if err != nil {
		return nil, asDiskFull(err)
	}
	if err := unshareArchive(dir, opts.Progress); err != nil {
		_ = lock.release()
		return nil, asDiskFull(err)
	}
	a := &Archive{dir: dir, lock: lock, opts: opts, created: m.Created}
	if err := a.open(int(m.Format)); err != nil {
		if a.idx != nil {
			_ = a.idx.Close()
		}
		_ = a.store.close()
		_ = lock.release()
		return nil, asDiskFull(err)
	}
	openHere.Store(openKey(dir), a)
	return a, nil
}

// openHere are the archives this process has open, by folder: a backup
// of one of format 2 reads it through the Archive's store.
var openHere sync.Map

func openKey(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	return filepath.Clean(dir)
}

// openedHere is the Archive this process has open in dir, if any.
func openedHere(dir string) *Archive {
	if v, ok := openHere.Load(openKey(dir)); ok {
		if a := v.(*Archive); !a.closed.Load() {
			return a
		}
	}
	return nil
}

// CanOpen reports, writing nothing, whether Open would take dir: nil for
// an archive, an empty folder or one not made yet, ErrNotArchive (wrapped)
// for a folder of other files, so that a window can say so before it
// closes the archive it has open.
func CanOpen(dir string) error {
	if _, err := os.Stat(filepath.Join(dir, manifestFile)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if missing(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read archive %s: %w", dir, err)
	}
	entries = slices.DeleteFunc(entries, func(e os.DirEntry) bool { return e.Name() == manifestFile+".tmp" })
	if len(entries) > 0 {
		return fmt.Errorf("%s has other files: %w", dir, ErrNotArchive)
	}
	return nil
}

// prepareDir creates a new archive in dir, of format 2, or checks that
// dir holds one, and returns its marker (format, creation time).
func prepareDir(dir string) (manifest, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return manifest{}, fmt.Errorf("create archive %s: %w", dir, err)
	}
	const writes = archiveFmtVolumes
	mpath := filepath.Join(dir, manifestFile)
	data, err := readArchiveFile(dir, mpath)
	if lo := (*LinkOutsideError)(nil); errors.As(err, &lo) {
		lo.Reading = false // Open writes there
	}
	if errors.Is(err, ErrNotRegular) || errors.Is(err, ErrLinkOutside) {
		return manifest{}, err
	}
	if err == nil {
		var m manifest
		if json.Unmarshal(data, &m) != nil || m.Format == 0 {
			return manifest{}, fmt.Errorf("%s: %w", mpath, ErrNotArchive)
		}
		if int(m.Format) > writes {
			return manifest{}, fmt.Errorf("%s: format %d, written only by a later version: %w", mpath, m.Format, ErrNotArchive)
		}
		return m, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return manifest{}, fmt.Errorf("read archive %s: %w", dir, err)
	}
	// What a kill while creating the archive left is not another's file.
	entries = slices.DeleteFunc(entries, func(e os.DirEntry) bool { return e.Name() == manifestFile+".tmp" })
	if len(entries) > 0 {
		return manifest{}, fmt.Errorf("%s has other files: %w", dir, ErrNotArchive)
	}
	m := manifest{Format: archiveFormat(writes), Created: time.Now().UTC()}
	data, _ = json.MarshalIndent(m, "", "  ")
	if err := writeDurably(mpath, data); err != nil {
		return manifest{}, fmt.Errorf("create archive %s: %w", dir, err)
	}
	return m, nil
}

// writeDurably writes a small file through a temporary one beside it,
// then flushes the file and its folder: after a power cut the file is
// there whole or not at all.
func writeDurably(path string, data []byte) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	return syncDir(filepath.Dir(path))
}

func (a *Archive) open(format int) error {
	if err := a.openStore(format); err != nil {
		return err
	}
	if err := a.loadRegistry(); err != nil {
		return err
	}
	_, statErr := os.Stat(filepath.Join(a.dir, dirtyFile))
	unclean := statErr == nil
	a.store.loadSummary(unclean, false)
	clearBulkLeftovers(a.dir) // a rebuild killed before or during its swap
	reason, err := a.openIndex()
	if err != nil {
		return err
	}
	// The journal first: it removes what a kill left half written, which
	// the rebuild would otherwise stop at.
	if err := a.replayJournal(); err != nil {
		return err
	}
	if format < archiveFmtVolumes {
		if err := a.migrate(); err != nil {
			return err
		}
	}
	if reason != "" {
		if err := a.rebuildIndex(context.Background(), a.opts.Progress); err != nil {
			return err
		}
	} else if unclean {
		if err := a.reconcile(); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(a.dir, dirtyFile), []byte(a.lock.owner+"\n"), 0o644); err != nil {
		return err
	}
	// The twin groups of an archive imported under an earlier rule, once
	// (twinscheck.go). A check that fails (a full disk, a damaged entry)
	// does not keep the person from the archive: what it stored stays,
	// and the next Open checks the rest.
	_ = a.checkTwinsOnOpen()
	return nil
}

// migrate turns the archive of format 1 into one of format 2
// (migrate.go), reporting its progress, once the index has on disk what
// the journal replayed; a kill is taken up by the next Open.
func (a *Archive) migrate() error {
	// A disk without room for the migration is said before it begins,
	// not midway (the archive would stay of format 1 either way).
	free := a.opts.freeSpace
	if free == nil {
		free = diskFree
	}
	if err := checkMigrationRoom(a.dir, free); err != nil {
		return err
	}
	// Format 2 keeps no journal files: the replayed journal must be in
	// the index on disk first. Open waits as long as the index writes;
	// one that cannot be written fails Open, and the archive stays of
	// format 1 (read as it is) rather than be written in that format.
	for a.journalPending() {
		if engine.PersistFailures(a.idx) > 0 {
			return fmt.Errorf("migrate: %w", a.notSaved())
		}
		a.waitJournal(time.Second)
	}
	if _, err := migrateToVolumes(a.dir, a.opts.Progress); err != nil {
		return err
	}
	return a.openStore(archiveFmtVolumes)
}

// openStore opens the store of an archive of this format: its files
// (format 1, read and its journal replayed before its migration), or its
// volume store (format 2), after removing what a kill left of the
// format-1 folders at the end of a migration and the originals written
// out for other programs.
func (a *Archive) openStore(format int) error {
	if format != archiveFmtVolumes {
		a.store = &store{dir: a.dir}
		return nil
	}
	if err := removeFormat1(a.dir, a.opts.Progress); err != nil {
		return err
	}
	clearOriginalCache(a.dir)
	v, err := openVolumeStore(a.dir, false, a.opts.beforeFileOp)
	if err != nil {
		return err
	}
	a.store = &store{dir: a.dir, vol: v}
	return nil
}

// Dir is the archive's folder.
func (a *Archive) Dir() string { return a.dir }

// Created is when the archive was made, to the nanosecond, as its marker
// says: with Dir it tells this archive from another made later in the
// same folder (the window's note of an import cut short belongs to one).
// It is the zero time for a marker that has none.
func (a *Archive) Created() time.Time { return a.created }

// ReadOnly reports whether the archive was opened by OpenReadOnly: it can be
// searched and read, and every method that writes returns ErrReadOnly.
func (a *Archive) ReadOnly() bool { return a.readOnly }

// Close writes what is pending and releases the archive. It returns an
// error when the index could not be written (a full disk): what was
// stored is indexed by the next Open.
func (a *Archive) Close() error {
	a.runMu.Lock() // an import or a rebuild under way ends first
	defer a.runMu.Unlock()
	a.stepMu.Lock() // and emptying the Trash, filing again
	defer a.stepMu.Unlock()
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closed.Load() {
		return nil
	}
	a.closed.Store(true)
	openHere.CompareAndDelete(openKey(a.dir), a)
	if a.readOnly {
		return errors.Join(a.idx.Close(), a.store.close(), a.lock.release())
	}
	a.waitJournal(5 * time.Second)
	var unsaved error
	if a.journalPending() && engine.PersistFailures(a.idx) > 0 {
		// The documents are stored and the journal will index them on
		// the next Open, but the index could not be written: say so.
		unsaved = a.notSaved()
	}
	err := a.idx.Close()
	if err == nil {
		a.keepFacetCache()
	}
	if serr := a.store.close(); serr != nil {
		err = errors.Join(err, serr)
	}
	err = asDiskFull(err)
	clearOriginalCache(a.dir)
	if err == nil {
		_ = os.Remove(filepath.Join(a.dir, dirtyFile))
	}
	return errors.Join(unsaved, err, a.lock.release())
}

func (a *Archive) check() error {
	if a == nil || a.closed.Load() {
		return ErrClosed
	}
	return nil
}

// writable says why the archive cannot be written to, if it cannot: open
// for reading only, or of format 1, which only its migration writes
// (Open migrates it before it returns).
func (a *Archive) writable() error {
	if a.readOnly {
		return ErrReadOnly
	}
	if a.store.vol == nil {
		return fmt.Errorf("%s: an archive of format 1 is not written: %w", a.dir, ErrReadOnly)
	}
	return nil
}

// Get returns a document by its id, or by an unambiguous id prefix of at
// least 4 characters.
func (a *Archive) Get(id string) (*Document, error) {
	if err := a.check(); err != nil {
		return nil, err
	}
	id = strings.ToLower(strings.TrimSpace(id))
	if len(id) >= 4 && len(id) < 16 {
		full, err := a.store.resolvePrefix(id)
		if err != nil {
			return nil, err
		}
		id = full
	}
	if !validID(id) {
		return nil, fmt.Errorf("document %q: %w", id, ErrNotFound)
	}
	return a.store.getDoc(id)
}

// validID reports whether id has the form of a document id, so that it can
// safely name a file.
func validID(id string) bool {
	if len(id) != 16 {
		return false
	}
	for _, r := range id {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}

// OriginalPath is a file holding a document's original, byte for byte,
// to open with the system's program or to copy elsewhere ("save a copy").
// In an archive of format 2 the original lives in a volume: it is
// written out once into a cache folder (the archive's cache/originals,
// emptied when the archive is opened and closed, or the person's cache
// folder when the archive is open for reading only), named by its
// SHA-256 and format, read-only. An original that is missing or cannot
// be written out is an error, never a path to nothing.
func (a *Archive) OriginalPath(d *Document) (string, error) {
	if err := a.check(); err != nil {
		return "", err
	}
	return a.store.originalFile(d)
}

// Stats describes an archive.
type Stats struct {
	Documents   int   `json:"documents"` // as the list counts them: the formats of one text once (twins.go)
	Files       int   `json:"files"`     // originals, each format one
	Trash       int   `json:"trash"`
	IndexBytes  int64 `json:"index_bytes"`
	StoredBytes int64 `json:"stored_bytes"`
	Unsure      int   `json:"unsure"`
}

// Stats counts the archive's documents and sizes. The store's files are
// counted as they change (summary.go): only the first Stats after a
// process did not close the archive walks the folders.
func (a *Archive) Stats(ctx context.Context) (*Stats, error) {
	if err := a.check(); err != nil {
		return nil, err
	}
	idx := a.liveIndex()
	if idx == nil {
		return nil, ErrIndexBusy
	}
	n, err := idx.DocCount()
	if err != nil {
		return nil, fmt.Errorf("count documents: %w", replaced(err))
	}
	c, err := a.store.counts()
	if err != nil {
		return nil, err
	}
	unsure, err := a.Search(ctx, Request{Filters: Filters{Unsure: true}, Limit: 1, NoFacets: true})
	if err != nil {
		return nil, err
	}
	listed := int(n)
	if n > 0 {
		all, err := a.Search(ctx, Request{Limit: 1, NoFacets: true})
		if err != nil {
			return nil, err
		}
		listed = all.Total
	}
	return &Stats{
		Documents:   listed,
		Files:       int(n),
		Trash:       int(c.Trash),
		IndexBytes:  dirSize(filepath.Join(a.dir, indexDir)) + dirSize(filepath.Join(a.dir, facetsDir)),
		StoredBytes: a.store.storedBytes(c),
		Unsure:      unsure.Total,
	}, nil
}

// liveIndex is the live index, for a reader that holds neither a.mu nor
// a.runMu: a bulk import's swap replaces it meanwhile (the old one
// closed: the reader gets Bleve's error for a closed index).
func (a *Archive) liveIndex() bleve.Index {
	a.idxMu.RLock()
	defer a.idxMu.RUnlock()
	return a.idx
}

// snapshot opens a snapshot of the live index. Between the old index's
// close and the new one's open (a rebuild, a bulk import's swap) there is
// none, and a search then gets ErrIndexBusy, not a damaged index's error
// (which told the person to rebuild the index being rebuilt).
func (a *Archive) snapshot() (*engine.Snapshot, error) {
	idx := a.liveIndex()
	if idx == nil {
		return nil, ErrIndexBusy
	}
	snap, err := engine.OpenSnapshot(idx)
	return snap, replaced(err)
}

// replaced adds ErrIndexBusy to the error of an index closed under its
// caller by a rebuild or a swap.
func replaced(err error) error {
	if errors.Is(err, bleve.ErrorIndexClosed) {
		return fmt.Errorf("%w: %w", err, ErrIndexBusy)
	}
	return err
}

// setIndex replaces the live index (see liveIndex).
func (a *Archive) setIndex(idx bleve.Index) {
	a.idxMu.Lock()
	defer a.idxMu.Unlock()
	a.idx = idx
}
