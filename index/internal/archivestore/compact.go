package archivestore

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// DeadShare is the share of a volume's records that must be dead for
// Compact to rewrite it.
const DeadShare = 0.25

// Compact rewrites each volume at least DeadShare dead: its live records
// are appended to the active volume and the catalog pointed at them in
// one commit, then the volume file is removed. A kill at any moment
// leaves the old volume named by the catalog, or the new records: never
// a record lost. It returns how many volumes it removed.
func (s *Store) Compact() (int, error) { return s.CompactEach(nil) }

// CompactEach is Compact with each volume's rewrite run by around (a
// caller's lock taken for each volume, not for the whole run), when not
// nil.
func (s *Store) CompactEach(around func(rewrite func() error) error) (int, error) {
	if s.readOnly {
		return 0, ErrReadOnly
	}
	s.hold.Lock()
	defer s.hold.Unlock()
	var todo []uint32
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketVolumes).ForEach(func(k, v []byte) error {
			vol, err := decodeVolume(v)
			if err != nil {
				return err
			}
			if body := vol.size - volumeHeader; body > 0 && float64(vol.dead) >= DeadShare*float64(body) {
				todo = append(todo, getVolumeKey(k))
			}
			return nil
		})
	})
	if err != nil {
		return 0, fmt.Errorf("compact: %w", err)
	}
	for i, n := range todo {
		rewrite := func() error { return s.compactVolume(n) }
		if around != nil {
			if err := around(rewrite); err != nil {
				return i, err
			}
		} else if err := rewrite(); err != nil {
			return i, err
		}
	}
	return len(todo), nil
}

// relocation is a live record copied by compaction.
type relocation struct {
	kind     byte
	key      string
	from, to Loc
}

func (s *Store) compactVolume(n uint32) error {
	tx, err := s.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	s.mu.Lock()
	size, active := s.sizes[n], s.active
	s.mu.Unlock()
	if n == active {
		// Its live records go to a new volume, not after themselves.
		if err := tx.newVolume(active + 1); err != nil {
			return fmt.Errorf("compact: %w", err)
		}
	}
	var moved []relocation
	err = s.scanVolume(n, size, func(l Loc, rec []byte, h recordHead, key string) error {
		if !s.live(l, h.kind, key) {
			return nil
		}
		to, err := tx.appendRecord(rec)
		if err != nil {
			return err
		}
		moved = append(moved, relocation{kind: h.kind, key: key, from: l, to: to})
		return nil
	})
	if err != nil {
		return fmt.Errorf("compact volume %d: %w", n, err)
	}
	tx.ops = append(tx.ops, func(c *catalogTx) error { return c.relocate(n, moved) })
	if _, err := tx.Commit(); err != nil {
		return fmt.Errorf("compact volume %d: %w", n, err)
	}
	s.retire(n)
	return nil
}

// live reports whether the catalog names the record at l.
func (s *Store) live(l Loc, kind byte, key string) bool {
	found := false
	_ = s.view(func(tx *bolt.Tx) error {
		if kind == kindOriginal {
			if v := tx.Bucket(bucketOriginals).Get([]byte(key)); v != nil {
				o, err := decodeOriginal(v)
				found = err == nil && o.loc == l
			}
			return nil
		}
		for _, b := range []Bucket{Live, Trash} {
			if v := tx.Bucket(b.name()).Get([]byte(key)); v != nil {
				e, err := decodeEntry(v)
				found = found || (err == nil && e.Text == l)
			}
		}
		return nil
	})
	return found
}

// relocate points the catalog at the copied records and forgets volume n.
func (c *catalogTx) relocate(n uint32, moved []relocation) error {
	for _, m := range moved {
		if m.kind == kindOriginal {
			b := c.tx.Bucket(bucketOriginals)
			o, err := decodeOriginal(b.Get([]byte(m.key)))
			if err != nil {
				return fmt.Errorf("original %s: %w", m.key, err)
			}
			o.loc = m.to
			if err := b.Put([]byte(m.key), o.encode()); err != nil {
				return err
			}
			continue
		}
		for _, bk := range []Bucket{Live, Trash} {
			e, ok, err := c.get(bk, m.key)
			if err != nil {
				return err
			}
			if ok && e.Text == m.from {
				e.Text = m.to
				if err := c.tx.Bucket(bk.name()).Put([]byte(m.key), encodeEntry(e)); err != nil {
					return err
				}
			}
		}
	}
	vols := c.tx.Bucket(bucketVolumes)
	v, err := decodeVolume(vols.Get(volumeKey(n)))
	if err != nil {
		return fmt.Errorf("volume %d: %w", n, err)
	}
	c.counts.VolumeBytes -= v.size
	c.counts.DeadBytes -= v.dead
	return vols.Delete(volumeKey(n))
}

// retire forgets a compacted volume and removes its file, now or when
// its last reader is done.
func (s *Store) retire(n uint32) {
	s.mu.Lock()
	delete(s.sizes, n)
	v := s.vols[n]
	if v != nil && v.refs > 0 {
		s.retired[n] = true
		s.mu.Unlock()
		return
	}
	if v != nil {
		v.f.Close()
		delete(s.vols, n)
	}
	s.mu.Unlock()
	s.fileOp("remove", s.volumePath(n))
	if os.Remove(s.volumePath(n)) == nil {
		_ = SyncDir(filepath.Join(s.dir, VolumesDir))
	}
}

// scanVolume reads the records of volume n up to its committed length,
// checking each, and calls fn for each with its location.
func (s *Store) scanVolume(n uint32, size int64, fn func(l Loc, rec []byte, h recordHead, key string) error) error {
	f, err := os.Open(s.volumePath(n))
	if err != nil {
		return fmt.Errorf("open volume: %w: %w", err, ErrDamaged)
	}
	defer f.Close()
	head := make([]byte, volumeHeader)
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head[:8], []byte(volumeMagic)) ||
		binary.LittleEndian.Uint32(head[8:]) != n {
		return fmt.Errorf("volume %d: bad header: %w", n, ErrDamaged)
	}
	var rec []byte
	for off := int64(volumeHeader); off < size; {
		var lenField [4]byte
		if _, err := f.ReadAt(lenField[:], off); err != nil {
			return fmt.Errorf("offset %d: %w: %w", off, ErrDamaged, err)
		}
		length := int64(binary.LittleEndian.Uint32(lenField[:]))
		if length < recordHeader || off+length > size {
			return fmt.Errorf("offset %d: record length %d: %w", off, length, ErrDamaged)
		}
		if int64(cap(rec)) < length {
			rec = make([]byte, length)
		}
		rec = rec[:length]
		if _, err := f.ReadAt(rec, off); err != nil {
			return fmt.Errorf("offset %d: %w: %w", off, ErrDamaged, err)
		}
		h, key, err := checkRecord(rec)
		if err != nil {
			return fmt.Errorf("offset %d: %w", off, err)
		}
		if err := fn(Loc{Volume: n, Off: off, Len: uint32(length)}, rec, h, key); err != nil {
			return err
		}
		off += length
	}
	return nil
}
