package archivestore

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// Problem is one thing Check found wrong.
type Problem struct {
	Bucket string // "docs", "trash", "originals", "volumes" or "counts"
	Key    string // the id, hash or volume file concerned
	Err    error
}

func (p Problem) Error() string { return fmt.Sprintf("%s %s: %v", p.Bucket, p.Key, p.Err) }

// Check reads every record the catalog names and reports, through
// report, each entry whose text record is missing, damaged or another's,
// each original whose record is damaged or whose bytes do not match its
// SHA-256, references and counts that do not add up, an id both live and
// in the Trash, and volume files the catalog does not name or that are
// shorter than it says. It returns an error only when it cannot read the
// catalog.
func (s *Store) Check(report func(Problem)) error {
	s.checkVolumes(report)
	refs := map[string]uint32{}
	var counted Counts
	live := map[string]bool{}
	for _, b := range []Bucket{Live, Trash} {
		err := s.ForEach(b, func(id string, e Entry) error {
			if b == Live {
				live[id] = true
			} else if live[id] {
				report(Problem{b.String(), id, errors.New("both live and in the Trash")})
			}
			counted.count(b)
			counted.TextBytes += e.TextLen
			if e.Original != "" {
				refs[e.Original]++
				if !s.HasOriginal(e.Original) {
					report(Problem{b.String(), id, fmt.Errorf("original %s: %w", e.Original, ErrNotFound)})
				}
			}
			if e.Text != (Loc{}) {
				text, err := s.Text(id, e)
				if err == nil && int64(len(text)) != e.TextLen {
					err = fmt.Errorf("text of %d bytes, %d in the catalog: %w", len(text), e.TextLen, ErrDamaged)
				}
				if err != nil {
					report(Problem{b.String(), id, err})
				}
			} else if e.TextLen != 0 {
				report(Problem{b.String(), id, fmt.Errorf("text of %d bytes without a record: %w", e.TextLen, ErrDamaged)})
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("check: %w", err)
		}
	}
	if err := s.checkOriginals(refs, &counted, report); err != nil {
		return fmt.Errorf("check: %w", err)
	}
	stored := s.Counts()
	counted.VolumeBytes, counted.DeadBytes = stored.VolumeBytes, stored.DeadBytes
	if counted != stored {
		report(Problem{"counts", "", fmt.Errorf("catalog counts %+v, entries give %+v", stored, counted)})
	}
	return nil
}

func (c *Counts) count(b Bucket) {
	if b == Trash {
		c.Trash++
	} else {
		c.Docs++
	}
}

// checkOriginals reads every original and compares it with its hash and
// its references with the entries that name it.
func (s *Store) checkOriginals(refs map[string]uint32, counted *Counts, report func(Problem)) error {
	type item struct {
		hash string
		o    original
	}
	var all []item
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketOriginals).ForEach(func(k, v []byte) error {
			o, err := decodeOriginal(v)
			if err != nil {
				report(Problem{"originals", string(k), err})
				return nil
			}
			all = append(all, item{string(k), o})
			return nil
		})
	})
	if err != nil {
		return err
	}
	for _, it := range all {
		counted.Originals++
		counted.OriginalBytes += it.o.size
		if it.o.refs != refs[it.hash] {
			report(Problem{"originals", it.hash, fmt.Errorf("%d references, %d entries name it: %w", it.o.refs, refs[it.hash], ErrDamaged)})
		}
		if err := s.checkOriginal(it.hash, it.o); err != nil {
			report(Problem{"originals", it.hash, err})
		}
	}
	return nil
}

func (s *Store) checkOriginal(hash string, o original) error {
	rec, h, err := s.readRecord(o.loc, kindOriginal, hash)
	if err != nil {
		return err
	}
	content, err := decodeContent(rec, h, &s.readers)
	if err != nil {
		return err
	}
	if int64(len(content)) != o.size {
		return fmt.Errorf("%d bytes, %d in the catalog: %w", len(content), o.size, ErrDamaged)
	}
	sum := sha256.Sum256(content)
	if hex.EncodeToString(sum[:]) != hash {
		return fmt.Errorf("its bytes do not match its SHA-256: %w", ErrDamaged)
	}
	return nil
}

// checkVolumes compares the volume files with the catalog.
func (s *Store) checkVolumes(report func(Problem)) {
	dir := filepath.Join(s.dir, VolumesDir)
	entries, _ := os.ReadDir(dir)
	s.mu.Lock()
	sizes := make(map[uint32]int64, len(s.sizes))
	for n, size := range s.sizes {
		sizes[n] = size
	}
	s.mu.Unlock()
	for _, e := range entries {
		if n, ok := volumeNumber(e.Name()); !ok || sizes[n] == 0 {
			report(Problem{"volumes", e.Name(), errors.New("a volume file the catalog does not name")})
		}
	}
	for n, size := range sizes {
		f, err := os.Open(s.volumePath(n))
		if err != nil {
			report(Problem{"volumes", filepath.Base(s.volumePath(n)), fmt.Errorf("%w: %w", ErrDamaged, err)})
			continue
		}
		end, err := f.Seek(0, io.SeekEnd)
		f.Close()
		if err != nil || end < size {
			report(Problem{"volumes", filepath.Base(s.volumePath(n)), fmt.Errorf("%d bytes, %d committed: %w", end, size, ErrDamaged)})
		}
	}
}
