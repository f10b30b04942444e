package archivestore

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// Tx is a write transaction: records are appended to the active volume
// as they are given, and Commit makes them and every change to the
// catalog durable at once. Until Commit returns, nothing of it is seen by
// readers; after a kill, nothing of it is in the store unless Commit
// returned.
type Tx struct {
	s    *Store
	ops  []func(*catalogTx) error
	done bool

	vol     uint32 // the volume appended to; 0 until the first record
	f       *os.File
	w       *bufio.Writer
	start   int64 // its committed length when the transaction began
	size    int64 // its length with this transaction's records
	created bool  // this transaction created the volume

	originals map[string]original // given in this transaction
	unindexed []string
	inOrder   bool
}

// Begin starts a write transaction, waiting for the one before to end.
// Every Begin must be followed by Commit or Rollback.
func (s *Store) Begin() (*Tx, error) {
	if s.readOnly {
		return nil, ErrReadOnly
	}
	s.wmu.Lock()
	return &Tx{s: s, originals: map[string]original{}}, nil
}

// appendRecord appends an encoded record and returns its location.
func (tx *Tx) appendRecord(rec []byte) (Loc, error) {
	if tx.done {
		return Loc{}, errors.New("archive store: transaction already ended")
	}
	if tx.w == nil {
		if err := tx.openVolume(); err != nil {
			return Loc{}, err
		}
	}
	l := Loc{Volume: tx.vol, Off: tx.size, Len: uint32(len(rec))}
	if _, err := tx.w.Write(rec); err != nil {
		return Loc{}, fmt.Errorf("write volume: %w", err)
	}
	tx.size += int64(len(rec))
	return l, nil
}

// openVolume opens the active volume for appending, or a new one when
// there is none yet, it has reached its size, or it has other names
// (hard links: a copy of the archive made by cp -al, rsnapshot or a
// backup tool): appended to, or cut by an abort, it would change in the
// copy too, and the copy's own commits there would be overwritten.
func (tx *Tx) openVolume() error {
	s := tx.s
	s.mu.Lock()
	n, size := s.active, s.sizes[s.active]
	s.mu.Unlock()
	if n == 0 || size >= s.volSize || Shared(s.volumePath(n)) {
		return tx.newVolume(n + 1)
	}
	path := s.volumePath(n)
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, fs.ErrNotExist) {
		// Removed behind the archive's back: what it held is lost (Check
		// says which documents), what comes is kept in a new volume.
		return tx.newVolume(n + 1)
	}
	if err != nil {
		return fmt.Errorf("open volume: %w", err)
	}
	if _, err := f.Seek(size, 0); err != nil {
		f.Close()
		return fmt.Errorf("open volume: %w", err)
	}
	tx.vol, tx.f, tx.start, tx.size = n, f, size, size
	tx.w = bufio.NewWriterSize(f, 1<<20)
	return nil
}

func (tx *Tx) newVolume(n uint32) error {
	path := tx.s.volumePath(n)
	tx.s.fileOp("create", path)
	// A file there is no committed volume (n is past the last): an
	// uncommitted one, perhaps with other names, whose inode is not
	// written; a new one is.
	_ = os.Remove(path)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("create volume: %w", err)
	}
	head := make([]byte, volumeHeader)
	copy(head, volumeMagic)
	binary.LittleEndian.PutUint32(head[8:], n)
	tx.vol, tx.f, tx.start, tx.size, tx.created = n, f, 0, volumeHeader, true
	tx.w = bufio.NewWriterSize(f, 1<<20)
	_, err = tx.w.Write(head)
	return err
}

// PutOriginal stores an original under its SHA-256 unless the store
// already has it. An original no entry names when the transaction
// commits is not kept.
func (tx *Tx) PutOriginal(hash string, data []byte) error {
	if _, ok := tx.originals[hash]; ok || tx.s.HasOriginal(hash) {
		return nil
	}
	rec, err := tx.s.enc.encode(kindOriginal, hash, data)
	if err != nil {
		return fmt.Errorf("original %s: %w", hash, err)
	}
	l, err := tx.appendRecord(rec)
	if err != nil {
		return err
	}
	o := original{loc: l, size: int64(len(data))}
	tx.originals[hash] = o
	tx.ops = append(tx.ops, func(c *catalogTx) error { return c.addOriginal(hash, o) })
	return nil
}

// PutDoc stores an entry for id in bucket b (Live, or Trash when an
// archive is migrated): its metadata, its text and the hash of its
// original (given to PutOriginal in this transaction or stored before;
// "" for none). It replaces an entry of the same id in b; one in the
// other bucket stays (Remove it in the same transaction to take it out).
func (tx *Tx) PutDoc(b Bucket, id string, meta []byte, text string, originalHash string) error {
	e := Entry{Meta: meta, Original: originalHash, TextLen: int64(len(text))}
	if len(text) > 0 {
		rec, err := tx.s.enc.encode(kindText, id, []byte(text))
		if err != nil {
			return fmt.Errorf("text %s: %w", id, err)
		}
		if e.Text, err = tx.appendRecord(rec); err != nil {
			return err
		}
	}
	tx.ops = append(tx.ops, func(c *catalogTx) error { return c.put(b, id, e) })
	return nil
}

// SetMeta changes the metadata of the entry of id in bucket b, keeping
// its text and original.
func (tx *Tx) SetMeta(b Bucket, id string, meta []byte) {
	tx.ops = append(tx.ops, func(c *catalogTx) error { return c.setMeta(b, id, meta) })
}

// Move moves the entry of id from one bucket to the other (to the Trash
// or back), replacing an entry of that id already there.
func (tx *Tx) Move(id string, from, to Bucket) {
	tx.ops = append(tx.ops, func(c *catalogTx) error { return c.move(id, from, to) })
}

// Remove removes the entry of id from bucket b, with its text and, when
// no other entry names it, its original. No entry is no error.
func (tx *Tx) Remove(b Bucket, id string) {
	tx.ops = append(tx.ops, func(c *catalogTx) error { return c.remove(b, id) })
}

// SetNote records, in the same commit, a small value of the caller's
// under a name (Note reads it); nil removes it. A caller keeps with its
// documents, all or nothing, what it has still to do with them.
func (tx *Tx) SetNote(name string, value []byte) {
	tx.ops = append(tx.ops, func(c *catalogTx) error {
		meta, key := c.tx.Bucket(bucketMeta), []byte(notePrefix+name)
		if value == nil {
			return meta.Delete(key)
		}
		return meta.Put(key, value)
	})
}

// InOrder says that this transaction's ids and hashes mostly come after
// those in the catalog (a migration copying in sorted order): the
// catalog's pages are then filled to 95% instead of half, as bbolt
// advises for appends.
func (tx *Tx) InOrder() { tx.inOrder = true }

// MarkUnindexed records, in the same commit, that these ids are not yet
// in the caller's index; Unindexed lists them until ClearUnindexed.
func (tx *Tx) MarkUnindexed(ids ...string) {
	tx.unindexed = append(tx.unindexed, ids...)
}

// Commit makes the transaction durable: the volume is flushed and synced,
// then the catalog changed in one bbolt transaction. It returns the
// commit's sequence number (for ClearUnindexed). On failure nothing of
// the transaction is in the store.
func (tx *Tx) Commit() (uint64, error) {
	if tx.done {
		return 0, errors.New("archive store: transaction already ended")
	}
	seq, err := tx.commit()
	if err != nil {
		tx.abort()
	}
	tx.finish()
	return seq, err
}

func (tx *Tx) commit() (uint64, error) {
	s := tx.s
	if tx.w != nil {
		s.fileOp("sync", s.volumePath(tx.vol))
		if err := errors.Join(tx.w.Flush(), tx.f.Sync()); err != nil {
			return 0, fmt.Errorf("write volume: %w", err)
		}
		if tx.created {
			if err := SyncDir(filepath.Join(s.dir, VolumesDir)); err != nil {
				return 0, err
			}
		}
	}
	var seq uint64
	s.fileOp("commit", filepath.Join(s.dir, CatalogFile))
	err := s.update(func(btx *bolt.Tx) error {
		c := newCatalogTx(btx)
		if tx.inOrder {
			for _, b := range [][]byte{bucketDocs, bucketTrash, bucketOriginals} {
				btx.Bucket(b).FillPercent = 0.95
			}
		}
		for _, op := range tx.ops {
			if err := op(c); err != nil {
				return err
			}
		}
		if err := c.dropUnnamed(tx.originals); err != nil {
			return err
		}
		if tx.w != nil {
			c.grow(tx.vol, tx.size-tx.start)
		}
		seq = seqOf(btx) + 1
		if err := c.finish(seq, tx.unindexed); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("commit catalog: %w", err)
	}
	if tx.w != nil {
		s.mu.Lock()
		s.sizes[tx.vol] = tx.size
		s.active = max(s.active, tx.vol)
		s.mu.Unlock()
	}
	return seq, nil
}

// Rollback ends the transaction without changing the store; after Commit
// it does nothing.
func (tx *Tx) Rollback() {
	if tx.done {
		return
	}
	tx.abort()
	tx.finish()
}

// abort takes back the records appended: the volume is cut to its
// committed length (a new one removed); what cannot be cut now is past
// the committed length, and the next writable Open cuts it.
func (tx *Tx) abort() {
	if tx.f == nil {
		return
	}
	if tx.created {
		tx.f.Close()
		tx.f = nil
		_ = os.Remove(tx.s.volumePath(tx.vol))
		return
	}
	_ = tx.f.Truncate(tx.start)
}

func (tx *Tx) finish() {
	if tx.f != nil {
		tx.f.Close()
	}
	tx.done = true
	tx.s.wmu.Unlock()
}
