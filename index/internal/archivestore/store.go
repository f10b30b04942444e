// Package archivestore keeps an archive's documents in a few large files:
// the originals, byte for byte, and the texts, each once, compressed, as
// records appended to volume files (volumes/NNNNNN.vol), and a catalog
// (catalog.db, a bbolt file) of every document's metadata and where its
// records lie.
//
// A commit appends its records, makes the volume durable, then changes
// the catalog in one bbolt transaction that also records the volume's new
// committed length. A kill before the transaction leaves records past the
// committed length, which nothing names and the next writable Open cuts
// off; a kill after it leaves the whole commit. Records are never changed
// in place: a replaced or removed one is counted dead, and Compact copies
// the live records of a volume that is a quarter dead and removes it.
//
// One writer at a time (Begin waits for the last transaction to end);
// readers may read at any time, also while a transaction is open.
package archivestore

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/golang/snappy"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// ErrDamaged means a record, a volume or the catalog is not as written.
var ErrDamaged = errors.New("archive store damaged")

// ErrNotFound means no entry has that id, or no original that hash.
var ErrNotFound = errors.New("not in the archive store")

// errVolumeGone means a location names a volume the catalog does not
// (any more: Compact removed it after the location was read).
var errVolumeGone = fmt.Errorf("volume not in the catalog: %w", ErrDamaged)

// ErrReadOnly is returned by every write to a store opened for reading.
var ErrReadOnly = errors.New("archive store opened for reading only")

// ErrBusy means another process has the catalog open for writing (or, to
// write, for reading): Open waited for it (Options' 5 seconds) in vain.
var ErrBusy = errors.New("archive store in use by another process")

const (
	// CatalogFile is the catalog's file name in the store's folder.
	CatalogFile = "catalog.db"
	// VolumesDir is the folder of the volume files.
	VolumesDir = "volumes"

	volumeMagic  = "KVBVOL\x00\x01"
	volumeHeader = 16

	// DefaultVolumeSize is the length past which the next commit starts
	// a new volume.
	DefaultVolumeSize = 256 << 20
)

// Options tune Open.
type Options struct {
	// ReadOnly opens the store without writing anything: no volume is
	// cut, no orphan removed, and every write returns ErrReadOnly.
	ReadOnly bool
	// VolumeSize overrides DefaultVolumeSize (tests use small volumes).
	VolumeSize int64
	// BeforeFileOp, if set, hears of each file operation just before it
	// is done: "create", "sync", "truncate" or "remove" of a volume,
	// "commit" of the catalog, "rename" of its compacted copy over it
	// (kill tests stop the process there).
	BeforeFileOp func(op, path string)
}

// Store is an open archive store.
type Store struct {
	dir      string
	readOnly bool
	volSize  int64

	// db is the catalog, used under dbmu held for reading (view, update);
	// CompactCatalog replaces it under the write lock.
	db   *bolt.DB
	dbmu sync.RWMutex
	// cmu keeps ClearUnindexed out while CompactCatalog swaps the
	// catalog (commits are kept out by wmu); ccmu keeps a second
	// CompactCatalog out, and afterCopy, in tests, runs once a copy is
	// made, before it is swapped.
	cmu       sync.Mutex
	ccmu      sync.Mutex
	afterCopy func()

	wmu  sync.Mutex   // one write transaction (or compaction) at a time
	enc  encoder      // used under wmu
	hold sync.RWMutex // Hold keeps Compact from removing volumes

	readers sync.Pool // *snappy.Reader, reused by whole reads

	mu      sync.Mutex            // guards vols
	vols    map[uint32]*volFile   // the volume files opened so far
	active  uint32                // the volume commits append to; 0 before the first
	retired map[uint32]bool       // compacted: removed when the last reader is done
	sizes   map[uint32]int64      // committed lengths, as of the last commit
	onFile  func(op, path string) // test hook, before each file operation
}

// volFile is an open volume file, shared by the readers that hold it.
type volFile struct {
	f    *os.File
	refs int
}

// Open opens the store in dir, creating it unless opts.ReadOnly. A
// writable Open cuts each volume to its committed length (what a kill
// left past it was never committed) and removes volume files the catalog
// does not name (a new volume whose commit was killed, a compacted one
// whose removal was).
func Open(dir string, opts Options) (*Store, error) {
	return open(dir, opts, opts.BeforeFileOp)
}

// open is Open with a hook called before each file operation (tests).
func open(dir string, opts Options, onFile func(op, path string)) (*Store, error) {
	s := &Store{
		onFile:   onFile,
		dir:      dir,
		readOnly: opts.ReadOnly,
		volSize:  opts.VolumeSize,
		vols:     map[uint32]*volFile{},
		retired:  map[uint32]bool{},
		sizes:    map[uint32]int64{},
	}
	if s.volSize <= 0 {
		s.volSize = DefaultVolumeSize
	}
	path := filepath.Join(dir, CatalogFile)
	if opts.ReadOnly {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("open catalog: %w", err)
		}
	} else if err := os.MkdirAll(filepath.Join(dir, VolumesDir), 0o755); err != nil {
		return nil, fmt.Errorf("create store folder: %w", err)
	} else if _, err := Unshare(path); err != nil {
		// bbolt writes the catalog in place: a copy made with hard
		// links would see every commit of this one (Unshare).
		return nil, fmt.Errorf("open catalog: %w", err)
	}
	db, err := bolt.Open(path, 0o644, catalogOptions(opts.ReadOnly))
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("open catalog: %w", ErrBusy)
	}
	if err != nil {
		return nil, fmt.Errorf("open catalog: %w: %w", err, ErrDamaged)
	}
	setAllocSize(db)
	s.db = db
	if !opts.ReadOnly {
		_ = os.Remove(path + compactSuffix) // a compaction a kill stopped
	}
	if err := s.load(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// catalogOptions are the options the catalog is opened with. Pages of 16
// KB hold ten documents' metadata where 4 KB ones held two and were a
// third empty.
func catalogOptions(readOnly bool) *bolt.Options {
	return &bolt.Options{Timeout: 5 * time.Second, FreelistType: bolt.FreelistMapType, ReadOnly: readOnly, PageSize: 16 << 10}
}

// setAllocSize sets how the catalog's file grows: bbolt grows it by 16 MB
// at a time, or to its whole memory map (a power of two) while smaller;
// 4 MB steps keep a small archive small, for an fsync of the new length
// every 4 MB of catalog.
func setAllocSize(db *bolt.DB) { db.AllocSize = 4 << 20 }

// view runs fn in a read transaction of the catalog.
func (s *Store) view(fn func(*bolt.Tx) error) error {
	s.dbmu.RLock()
	defer s.dbmu.RUnlock()
	return s.db.View(fn)
}

// update runs fn in a write transaction of the catalog, first letting
// go of the catalog's pages that earlier transactions mapped (see
// releaseMapped).
func (s *Store) update(fn func(*bolt.Tx) error) error {
	s.dbmu.RLock()
	defer s.dbmu.RUnlock()
	return s.db.Update(func(tx *bolt.Tx) error {
		releaseMapped(tx)
		return fn(tx)
	})
}

// ReleaseMapped lets go of the catalog's pages that reads mapped into the
// process (see releaseMapped), for a long run of reads with no write
// among them, such as a rebuild's. Within a read transaction bbolt cannot
// remap the catalog; other reads at the same moment map again what they
// read.
func (s *Store) ReleaseMapped() {
	_ = s.view(func(tx *bolt.Tx) error {
		releaseMapped(tx)
		return nil
	})
}

// releaseMin is the size of catalog below which its mapped pages are
// kept: a small catalog's pages are few, and all of them are read again
// soon.
var releaseMin int64 = 32 << 20

// load reads the volumes' committed lengths and, when writable, creates
// the buckets and tidies the volumes.
func (s *Store) load() error {
	if !s.readOnly {
		err := s.update(func(tx *bolt.Tx) error {
			for _, b := range [][]byte{bucketDocs, bucketTrash, bucketOriginals, bucketVolumes, bucketUnindexed, bucketMeta} {
				if _, err := tx.CreateBucketIfNotExists(b); err != nil {
					return err
				}
			}
			meta := tx.Bucket(bucketMeta)
			if meta.Get(keyFormat) == nil {
				return meta.Put(keyFormat, []byte(strconv.Itoa(catalogFormat)))
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("open catalog: %w", err)
		}
	}
	err := s.view(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil || tx.Bucket(bucketVolumes) == nil {
			return fmt.Errorf("catalog without its buckets: %w", ErrDamaged)
		}
		if f := string(meta.Get(keyFormat)); f != strconv.Itoa(catalogFormat) {
			return fmt.Errorf("catalog format %q, this program reads %d: %w", f, catalogFormat, ErrDamaged)
		}
		return tx.Bucket(bucketVolumes).ForEach(func(k, v []byte) error {
			vol, err := decodeVolume(v)
			if err != nil || len(k) != 4 {
				return fmt.Errorf("catalog volume entry: %w", ErrDamaged)
			}
			n := getVolumeKey(k)
			s.sizes[n] = vol.size
			s.active = max(s.active, n)
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("open catalog: %w", err)
	}
	if s.readOnly {
		return nil
	}
	return s.tidyVolumes()
}

func getVolumeKey(k []byte) uint32 {
	return uint32(k[0])<<24 | uint32(k[1])<<16 | uint32(k[2])<<8 | uint32(k[3])
}

// tidyVolumes cuts each volume to its committed length and removes the
// volume files the catalog does not name. A volume with other names
// (hard links: a copy of the archive made by cp -al or a backup tool) is
// not cut: the copy may have committed records there that this store
// never did. What lies past the committed length is never read, and the
// next commit starts a new volume (openVolume); removing a name, as
// Compact does, leaves the other names' file as it is.
func (s *Store) tidyVolumes() error {
	dir := filepath.Join(s.dir, VolumesDir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("list volumes: %w", err)
	}
	changed := false
	for _, e := range entries {
		n, ok := volumeNumber(e.Name())
		size, named := s.sizes[n]
		if strings.HasSuffix(e.Name(), UnshareSuffix) {
			_ = os.Remove(filepath.Join(dir, e.Name())) // an Unshare a kill stopped
			continue
		}
		if !ok || !named {
			if strings.HasSuffix(e.Name(), ".vol") {
				s.fileOp("remove", filepath.Join(dir, e.Name()))
				if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
					return fmt.Errorf("remove uncommitted volume: %w", err)
				}
				changed = true
			}
			continue
		}
		info, err := e.Info()
		if err != nil {
			return fmt.Errorf("volume %s: %w", e.Name(), err)
		}
		if info.Size() > size && !Shared(filepath.Join(dir, e.Name())) {
			if err := s.truncate(n, size); err != nil {
				return err
			}
		}
	}
	if changed {
		return SyncDir(dir)
	}
	return nil
}

// truncate cuts volume n to length size, durably.
func (s *Store) truncate(n uint32, size int64) error {
	path := s.volumePath(n)
	s.fileOp("truncate", path)
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("cut volume: %w", err)
	}
	err = errors.Join(f.Truncate(size), f.Sync(), f.Close())
	if err != nil {
		return fmt.Errorf("cut volume: %w", err)
	}
	return nil
}

func volumeNumber(name string) (uint32, bool) {
	base, ok := strings.CutSuffix(name, ".vol")
	if !ok || len(base) < 6 {
		return 0, false
	}
	n, err := strconv.ParseUint(base, 10, 32)
	return uint32(n), err == nil && n > 0
}

func (s *Store) volumePath(n uint32) string {
	return filepath.Join(s.dir, VolumesDir, fmt.Sprintf("%06d.vol", n))
}

func (s *Store) fileOp(op, path string) {
	if s.onFile != nil {
		s.onFile(op, path)
	}
}

// Close closes the catalog and the volume files.
func (s *Store) Close() error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.mu.Lock()
	var errs []error
	for n, v := range s.vols {
		errs = append(errs, v.f.Close())
		delete(s.vols, n)
	}
	s.mu.Unlock()
	s.dbmu.Lock()
	defer s.dbmu.Unlock()
	errs = append(errs, s.db.Close())
	return errors.Join(errs...)
}

// Hold keeps every record the catalog names now readable until release
// is called, whatever is committed meanwhile: Compact waits. A backup
// holds the store while it copies it; writes go on.
func (s *Store) Hold() (release func()) {
	s.hold.RLock()
	return sync.OnceFunc(s.hold.RUnlock)
}

// ReadOnly reports whether the store was opened for reading only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// acquire opens volume n for reading, or shares it when it is open.
func (s *Store) acquire(n uint32) (*os.File, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if v, ok := s.vols[n]; ok {
		v.refs++
		return v.f, nil
	}
	if _, ok := s.sizes[n]; !ok {
		return nil, fmt.Errorf("volume %d: %w", n, errVolumeGone)
	}
	f, err := os.Open(s.volumePath(n))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("volume %d missing: %w", n, ErrDamaged)
		}
		return nil, fmt.Errorf("open volume: %w", err)
	}
	s.vols[n] = &volFile{f: f, refs: 1}
	return f, nil
}

// release gives back a volume acquire opened; a compacted volume is
// closed and removed when its last reader is done.
func (s *Store) release(n uint32) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := s.vols[n]
	if v == nil {
		return
	}
	v.refs--
	if v.refs > 0 || !s.retired[n] {
		return
	}
	delete(s.vols, n)
	delete(s.retired, n)
	v.f.Close()
	s.fileOp("remove", s.volumePath(n))
	_ = os.Remove(s.volumePath(n)) // else the next writable Open removes it
}

// readRecord reads a whole record and checks it.
func (s *Store) readRecord(l Loc, kind byte, key string) ([]byte, recordHead, error) {
	if l.Len < recordHeader {
		return nil, recordHead{}, fmt.Errorf("%s: bad location: %w", key, ErrDamaged)
	}
	f, err := s.acquire(l.Volume)
	if err != nil {
		return nil, recordHead{}, err
	}
	defer s.release(l.Volume)
	rec := make([]byte, l.Len)
	if _, err := f.ReadAt(rec, l.Off); err != nil {
		return nil, recordHead{}, fmt.Errorf("%s: %w: %w", key, ErrDamaged, err)
	}
	h, k, err := checkRecord(rec)
	if err != nil || h.kind != kind || k != key {
		return nil, h, fmt.Errorf("%s: record at volume %d offset %d: %w", key, l.Volume, l.Off, ErrDamaged)
	}
	return rec, h, nil
}

// readContent reads a whole record's content, checked.
func (s *Store) readContent(l Loc, kind byte, key string) ([]byte, error) {
	rec, h, err := s.readRecord(l, kind, key)
	if err != nil {
		return nil, err
	}
	content, err := decodeContent(rec, h, &s.readers)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", key, err)
	}
	return content, nil
}

// openContent reads a record's content as it decompresses.
func (s *Store) openContent(l Loc, kind byte, key string) (io.ReadCloser, error) {
	if l.Len < recordHeader {
		return nil, fmt.Errorf("%s: bad location: %w", key, ErrDamaged)
	}
	f, err := s.acquire(l.Volume)
	if err != nil {
		return nil, err
	}
	head := make([]byte, recordHeader+len(key))
	if _, err := f.ReadAt(head, l.Off); err != nil {
		s.release(l.Volume)
		return nil, fmt.Errorf("%s: %w: %w", key, ErrDamaged, err)
	}
	h, err := parseHead(head)
	if err != nil || h.length != l.Len || h.kind != kind || int(h.keyLen) != len(key) || string(head[recordHeader:]) != key {
		s.release(l.Volume)
		return nil, fmt.Errorf("%s: record at volume %d offset %d: %w", key, l.Volume, l.Off, ErrDamaged)
	}
	body := io.NewSectionReader(f, l.Off+int64(len(head)), int64(l.Len)-int64(len(head)))
	r, _ := s.readers.Get().(*snappy.Reader)
	if r == nil {
		r = snappy.NewReader(nil)
	}
	r.Reset(body)
	return &contentCloser{
		contentReader: contentReader{r: r, left: h.rawLen},
		close: sync.OnceFunc(func() {
			r.Reset(nil)
			s.readers.Put(r)
			s.release(l.Volume)
		}),
	}, nil
}

type contentCloser struct {
	contentReader
	close func()
}

// Close gives back the volume and the decompressor; reading after it
// reads nothing.
func (c *contentCloser) Close() error {
	c.close()
	c.r = strings.NewReader("")
	return nil
}

// Get returns the entry of id in bucket b.
func (s *Store) Get(b Bucket, id string) (Entry, error) {
	var e Entry
	err := s.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(b.name()).Get([]byte(id))
		if v == nil {
			return fmt.Errorf("%s %s: %w", b, id, ErrNotFound)
		}
		var err error
		e, err = decodeEntry(v)
		if err != nil {
			return fmt.Errorf("%s %s: %w", b, id, err)
		}
		return nil
	})
	return e, err
}

// Has reports whether bucket b has an entry for id.
func (s *Store) Has(b Bucket, id string) bool {
	found := false
	_ = s.view(func(tx *bolt.Tx) error {
		found = tx.Bucket(b.name()).Get([]byte(id)) != nil
		return nil
	})
	return found
}

// Text reads an entry's whole text, checked against its record's CRC.
func (s *Store) Text(id string, e Entry) ([]byte, error) {
	if e.Text == (Loc{}) {
		return nil, nil
	}
	text, err := s.readContent(e.Text, kindText, id)
	if l, ok := s.movedText(err, id, e.Text); ok {
		return s.readContent(l, kindText, id)
	}
	return text, err
}

// OpenText reads an entry's text as it decompresses: a reader that stops
// early reads only what it needs.
func (s *Store) OpenText(id string, e Entry) (io.ReadCloser, error) {
	if e.Text == (Loc{}) {
		return io.NopCloser(strings.NewReader("")), nil
	}
	r, err := s.openContent(e.Text, kindText, id)
	if l, ok := s.movedText(err, id, e.Text); ok {
		return s.openContent(l, kindText, id)
	}
	return r, err
}

// movedText tells, after a read of a text at l failed because its volume
// is no longer in the catalog, where the text of id lies now: Compact
// moved it between the caller's Get and the read.
func (s *Store) movedText(err error, id string, l Loc) (Loc, bool) {
	if !errors.Is(err, errVolumeGone) {
		return Loc{}, false
	}
	for _, b := range []Bucket{Live, Trash} {
		if e, err := s.Get(b, id); err == nil && e.Text != l && e.Text != (Loc{}) {
			return e.Text, true
		}
	}
	return Loc{}, false
}

// Original reads a whole original, checked against its record's CRC.
func (s *Store) Original(hash string) ([]byte, error) {
	for try := 0; ; try++ {
		o, err := s.original(hash)
		if err != nil {
			return nil, err
		}
		data, err := s.readContent(o.loc, kindOriginal, hash)
		if try == 0 && errors.Is(err, errVolumeGone) {
			continue // compacted between the lookup and the read
		}
		return data, err
	}
}

// OpenOriginal reads an original as it decompresses, and gives its length.
func (s *Store) OpenOriginal(hash string) (io.ReadCloser, int64, error) {
	for try := 0; ; try++ {
		o, err := s.original(hash)
		if err != nil {
			return nil, 0, err
		}
		r, err := s.openContent(o.loc, kindOriginal, hash)
		if try == 0 && errors.Is(err, errVolumeGone) {
			continue
		}
		return r, o.size, err
	}
}

// HasOriginal reports whether the store holds the original of this hash.
func (s *Store) HasOriginal(hash string) bool {
	_, err := s.original(hash)
	return err == nil
}

func (s *Store) original(hash string) (original, error) {
	var o original
	err := s.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketOriginals).Get([]byte(hash))
		if v == nil {
			return fmt.Errorf("original %s: %w", hash, ErrNotFound)
		}
		var err error
		o, err = decodeOriginal(v)
		return err
	})
	return o, err
}

// IDs lists the ids in bucket b, sorted.
func (s *Store) IDs(b Bucket) ([]string, error) {
	var ids []string
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(b.name()).ForEach(func(k, _ []byte) error {
			ids = append(ids, string(k))
			return nil
		})
	})
	return ids, err
}

// IDsFrom lists at most n ids of bucket b from the first at or after
// from, in order.
func (s *Store) IDsFrom(b Bucket, from string, n int) ([]string, error) {
	var ids []string
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(b.name()).Cursor()
		for k, _ := c.Seek([]byte(from)); k != nil && len(ids) < n; k, _ = c.Next() {
			ids = append(ids, string(k))
		}
		return nil
	})
	return ids, err
}

// ForEach calls fn for each entry of bucket b in order of id. It reads
// the catalog a page of entries at a time, so fn may take long and may
// write: an entry added or removed meanwhile may or may not be seen.
func (s *Store) ForEach(b Bucket, fn func(id string, e Entry) error) error {
	const page = 512
	var after []byte
	for {
		type item struct {
			id string
			e  Entry
		}
		var items []item
		err := s.view(func(tx *bolt.Tx) error {
			c := tx.Bucket(b.name()).Cursor()
			k, v := c.First()
			if after != nil {
				k, v = c.Seek(after)
				if k != nil && string(k) == string(after) {
					k, v = c.Next()
				}
			}
			for ; k != nil && len(items) < page; k, v = c.Next() {
				e, err := decodeEntry(v)
				if err != nil {
					return fmt.Errorf("%s %s: %w", b, k, err)
				}
				items = append(items, item{string(k), e})
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, it := range items {
			if err := fn(it.id, it.e); err != nil {
				return err
			}
		}
		if len(items) < page {
			return nil
		}
		after = []byte(items[len(items)-1].id)
	}
}

// Counts returns the catalog's totals.
func (s *Store) Counts() Counts {
	var c Counts
	_ = s.view(func(tx *bolt.Tx) error {
		c = readCounts(tx)
		return nil
	})
	return c
}

// Seq is the number of the last commit (0 for none): how many commits
// the store has had.
func (s *Store) Seq() uint64 {
	var n uint64
	_ = s.view(func(tx *bolt.Tx) error { n = seqOf(tx); return nil })
	return n
}

// Note is the value SetNote last committed under name, nil when none.
func (s *Store) Note(name string) ([]byte, error) {
	var out []byte
	err := s.view(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get([]byte(notePrefix + name)); v != nil {
			out = bytes.Clone(v)
		}
		return nil
	})
	return out, err
}

// Unindexed returns the ids a commit marked and ClearUnindexed has not
// cleared, with the commit that marked each.
func (s *Store) Unindexed() (map[string]uint64, error) {
	out := map[string]uint64{}
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketUnindexed).ForEach(func(k, v []byte) error {
			out[string(k)] = decodeSeq(v)
			return nil
		})
	})
	return out, err
}

// ClearUnindexed clears the marks of these ids that commit seq made; a
// later commit's mark of the same id stays.
func (s *Store) ClearUnindexed(ids []string, seq uint64) error {
	if s.readOnly {
		return ErrReadOnly
	}
	s.cmu.Lock()
	defer s.cmu.Unlock()
	return s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketUnindexed)
		for _, id := range ids {
			if v := b.Get([]byte(id)); v != nil && decodeSeq(v) <= seq {
				if err := b.Delete([]byte(id)); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// Volumes lists the volume numbers the catalog names, in order.
func (s *Store) Volumes() []uint32 {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]uint32, 0, len(s.sizes))
	for n := range s.sizes {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// Size is the bytes the store takes on disk: the catalog and the volumes.
func (s *Store) Size() int64 {
	var n int64
	if info, err := os.Stat(filepath.Join(s.dir, CatalogFile)); err == nil {
		n += info.Size()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, size := range s.sizes {
		n += size
	}
	return n
}
