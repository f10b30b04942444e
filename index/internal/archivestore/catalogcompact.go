package archivestore

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// compactSuffix names the copy CompactCatalog writes beside the catalog;
// a writable Open removes one a kill left.
const compactSuffix = ".compact"

// CompactCatalog writes the catalog again with its pages full and puts
// the copy in its place, and returns the catalog's size before and after.
// Entries committed in random order (an import's: ids are hashes) leave
// bbolt's pages about two-thirds full, never fuller; in key order they
// fill them. The copy is read from one read transaction while readers and
// writers go on; only its swap keeps commits and ClearUnindexed out, and
// only if none was made since the copy began: else the copy is made
// again, and after compactTries copies the catalog is left as it is (it
// held the archive's changes for the whole copy, 85 s and more during an
// import at a load of 25: usertest session 9). A kill during the copy
// leaves the catalog as it was (Open removes the copy); the copy is
// synced before a rename puts it in place, so after a kill or a power cut
// the catalog is the old file or the copy, which hold the same.
func (s *Store) CompactCatalog() (before, after int64, err error) {
	if s.readOnly {
		return 0, 0, ErrReadOnly
	}
	s.ccmu.Lock() // one copy at a time
	defer s.ccmu.Unlock()
	path := filepath.Join(s.dir, CatalogFile)
	if info, err := os.Stat(path); err == nil {
		before = info.Size()
	}
	tmp := path + compactSuffix
	for range compactTries {
		from := s.lastWrite()
		if err := s.copyCatalog(tmp); err != nil {
			_ = os.Remove(tmp)
			return before, before, fmt.Errorf("compact catalog: %w", err)
		}
		if s.afterCopy != nil {
			s.afterCopy()
		}
		swapped, err := s.swapIfUnchanged(tmp, path, from)
		if err != nil {
			return before, before, fmt.Errorf("compact catalog: %w", err)
		}
		if swapped {
			after = before
			if info, err := os.Stat(path); err == nil {
				after = info.Size()
			}
			return before, after, nil
		}
	}
	_ = os.Remove(tmp)
	return before, before, nil
}

// compactTries is how many copies CompactCatalog makes before it leaves
// a catalog written during each of them as it is.
const compactTries = 3

// lastWrite is the catalog's last write transaction.
func (s *Store) lastWrite() (id int) {
	_ = s.view(func(tx *bolt.Tx) error { id = tx.ID(); return nil })
	return id
}

// swapIfUnchanged puts the copy at tmp in place of the catalog, unless a
// write was made since transaction from, which the copy may lack.
func (s *Store) swapIfUnchanged(tmp, path string, from int) (bool, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.cmu.Lock()
	defer s.cmu.Unlock()
	if s.lastWrite() != from {
		return false, nil
	}
	return true, s.swapCatalog(tmp, path)
}

// copyCatalog writes the catalog, in key order, into a new file at tmp,
// synced.
func (s *Store) copyCatalog(tmp string) error {
	if err := os.Remove(tmp); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	opts := catalogOptions(false)
	opts.NoSync = true // synced once, at the end
	dst, err := bolt.Open(tmp, 0o644, opts)
	if err != nil {
		return err
	}
	setAllocSize(dst)
	s.dbmu.RLock()
	err = compactInto(dst, s.db, compactTxMax)
	s.dbmu.RUnlock()
	if err == nil {
		err = dst.Sync()
	}
	return errors.Join(err, dst.Close())
}

// swapCatalog closes the catalog, renames the copy at tmp over it at path
// (a file open cannot be replaced on Windows) and opens it again; when
// the close or the rename fails, the old catalog is opened again.
func (s *Store) swapCatalog(tmp, path string) error {
	s.dbmu.Lock()
	defer s.dbmu.Unlock()
	renameErr := s.db.Close()
	if renameErr == nil {
		s.fileOp("rename", path)
		renameErr = os.Rename(tmp, path)
	}
	if renameErr != nil {
		_ = os.Remove(tmp)
	} else {
		renameErr = SyncDir(s.dir)
	}
	db, err := bolt.Open(path, 0o644, catalogOptions(false))
	if err != nil {
		return errors.Join(renameErr, fmt.Errorf("open catalog: %w: %w", err, ErrDamaged))
	}
	setAllocSize(db)
	s.db = db
	return renameErr
}

// compactTxMax is how many bytes of entries one transaction of the copy
// holds: bbolt keeps a transaction's new pages in the heap until its
// commit writes them (64 MB took the import's peak up by as much).
var compactTxMax int64 = 8 << 20

// compactInto copies src into dst in key order, its pages full, as
// bbolt's Compact does, committing dst every txMaxSize bytes, but it
// commits dst's last transaction before its read transaction of src ends.
// bbolt's Put keeps the value it is given until the commit writes it,
// and here that value lies in src's memory map: bbolt's Compact commits
// its last transaction after its read of src ended, and since the copy
// is made while commits go on, a commit to src that grew the catalog
// past its map had unmapped it by then: the copy read unmapped memory, a
// SIGSEGV that ended the process (review session 10:
// TestCompactCatalogKeepsEveryCommit, 1 run in 7 under -race), or
// another mapping's bytes. A read transaction keeps src's map in place.
func compactInto(dst, src *bolt.DB, txMaxSize int64) error {
	return src.View(func(stx *bolt.Tx) error {
		tx, err := dst.Begin(true)
		if err != nil {
			return err
		}
		defer func() { _ = tx.Rollback() }() // the last one begun; after Commit a no-op
		var size int64
		put := func(keys [][]byte, k, v []byte, seq uint64) error {
			sz := int64(len(k) + len(v))
			if size+sz > txMaxSize {
				if err := tx.Commit(); err != nil {
					return err
				}
				// Each of src's pages is read once, in key order: those
				// read so far go (the copy mapped the whole catalog into
				// the process, on top of an import's memory).
				releaseMapped(stx)
				next, err := dst.Begin(true)
				if err != nil {
					return err
				}
				tx, size = next, 0
			}
			size += sz
			if len(keys) == 0 {
				b, err := tx.CreateBucket(k)
				if err != nil {
					return err
				}
				return b.SetSequence(seq)
			}
			b := tx.Bucket(keys[0])
			for _, key := range keys[1:] {
				b = b.Bucket(key)
			}
			b.FillPercent = 1.0 // in key order: pages full
			if v == nil {
				nb, err := b.CreateBucket(k)
				if err != nil {
					return err
				}
				return nb.SetSequence(seq)
			}
			return b.Put(k, v)
		}
		var walk func(b *bolt.Bucket, keys [][]byte, k []byte) error
		walk = func(b *bolt.Bucket, keys [][]byte, k []byte) error {
			if err := put(keys, k, nil, b.Sequence()); err != nil {
				return err
			}
			keys = append(slices.Clip(keys), k)
			return b.ForEach(func(k, v []byte) error {
				if v == nil {
					return walk(b.Bucket(k), keys, k)
				}
				return put(keys, k, v, 0)
			})
		}
		if err := stx.ForEach(func(name []byte, b *bolt.Bucket) error { return walk(b, nil, name) }); err != nil {
			return err
		}
		return tx.Commit() // within src's read transaction: see above
	})
}
