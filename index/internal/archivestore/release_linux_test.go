package archivestore

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"khovanban/index/internal/memmap"
)

// mappedKB is how much of the file at path is mapped into this process
// and resident, in KB.
func mappedKB(t *testing.T, path string) int {
	t.Helper()
	kb, err := memmap.ResidentKB(func(p string) bool { return p == path })
	if err != nil {
		t.Skip(err)
	}
	return kb
}

// A write transaction lets go of the catalog pages that reads mapped
// (releaseMapped): an import into a large archive reads pages all over
// its catalog, and they stayed in its resident memory. The entries read
// the same afterwards.
func TestWriteReleasesMappedCatalog(t *testing.T) {
	defer func(m int64) { releaseMin = m }(releaseMin)
	releaseMin = 1 << 20
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	rng := rand.New(rand.NewPCG(1, 2))
	meta := make([]byte, 3000)
	for i := range meta {
		meta[i] = byte(rng.Uint32()) // does not compress: about 3 KB an entry
	}
	const n = 4000
	for b := range 4 {
		tx, err := s.Begin()
		if err != nil {
			t.Fatal(err)
		}
		for i := b * n / 4; i < (b+1)*n/4; i++ {
			if err := tx.PutDoc(Live, fmt.Sprintf("%016x", rng.Uint64()), meta, "", ""); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	count := func() int {
		k := 0
		err := s.ForEach(Live, func(id string, e Entry) error {
			if string(e.Meta) != string(meta) {
				return fmt.Errorf("entry %s differs", id)
			}
			k++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	if k := count(); k != n {
		t.Fatalf("%d entries, want %d", k, n)
	}
	path := filepath.Join(dir, CatalogFile)
	read := mappedKB(t, path)
	if read < 8<<10 {
		t.Fatalf("%d KB of the catalog mapped after reading every entry, want at least 8 MB", read)
	}
	if err := s.ClearUnindexed(nil, 0); err != nil { // a write transaction
		t.Fatal(err)
	}
	after := mappedKB(t, path)
	if after > read/8 {
		t.Errorf("%d KB of the catalog mapped after a write, %d KB before: want at most an eighth", after, read)
	}
	if k := count(); k != n {
		t.Fatalf("%d entries after the release, want %d", k, n)
	}
	t.Logf("catalog mapped: %d KB after reading, %d KB after a write", read, after)
}

// TestCompactionReleasesMappedCatalog: CompactCatalog's copy reads every
// page of the catalog through its map; the pages read for each committed
// part of the copy are let go (the copy after a 100,000-document import
// mapped the whole catalog into the importing process, on top of what the
// import held). The copy holds every entry.
func TestCompactionReleasesMappedCatalog(t *testing.T) {
	defer func(m, x int64) { releaseMin, compactTxMax = m, x }(releaseMin, compactTxMax)
	releaseMin, compactTxMax = 1<<20, 1<<20
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	rng := rand.New(rand.NewPCG(3, 4))
	meta := make([]byte, 3000)
	for i := range meta {
		meta[i] = byte(rng.Uint32()) // does not compress: about 3 KB an entry
	}
	const n = 8000 // about 24 MB of entries
	for b := range 4 {
		tx, err := s.Begin()
		if err != nil {
			t.Fatal(err)
		}
		for i := b * n / 4; i < (b+1)*n/4; i++ {
			if err := tx.PutDoc(Live, fmt.Sprintf("%016x", rng.Uint64()), meta, "", ""); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, CatalogFile)
	src := -1
	s.afterCopy = func() { src = mappedKB(t, path) }
	if _, _, err := s.CompactCatalog(); err != nil {
		t.Fatal(err)
	}
	// What one part of the copy (1 MB of entries) reads, and the branch
	// pages above it; the whole catalog is some 50 MB.
	if src < 0 || src > 4<<10 {
		t.Errorf("after the copy, %d KB of the catalog mapped: want at most 4 MB", src)
	}
	k := 0
	err := s.ForEach(Live, func(id string, e Entry) error {
		if string(e.Meta) != string(meta) {
			return fmt.Errorf("entry %s differs", id)
		}
		k++
		return nil
	})
	if err != nil || k != n {
		t.Fatalf("%d entries after the compaction (%v), want %d", k, err, n)
	}
	t.Logf("catalog mapped after the copy: %d KB", src)
}

// ReleaseMapped lets go of the catalog pages that reads mapped, with no
// write among them (a rebuild reads every entry and writes none), and
// the entries read the same afterwards.
func TestReleaseMappedAfterReads(t *testing.T) {
	defer func(m int64) { releaseMin = m }(releaseMin)
	releaseMin = 1 << 20
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	rng := rand.New(rand.NewPCG(3, 4))
	meta := make([]byte, 3000)
	for i := range meta {
		meta[i] = byte(rng.Uint32())
	}
	tx, err := s.Begin()
	if err != nil {
		t.Fatal(err)
	}
	const n = 4000
	for range n {
		if err := tx.PutDoc(Live, fmt.Sprintf("%016x", rng.Uint64()), meta, "", ""); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	readAll := func() {
		k := 0
		if err := s.ForEach(Live, func(id string, e Entry) error {
			if string(e.Meta) != string(meta) {
				return fmt.Errorf("entry %s differs", id)
			}
			k++
			return nil
		}); err != nil || k != n {
			t.Fatalf("%d entries, want %d (%v)", k, n, err)
		}
	}
	path := filepath.Join(dir, CatalogFile)
	readAll()
	read := mappedKB(t, path)
	if read < 8<<10 {
		t.Fatalf("%d KB of the catalog mapped after reading every entry, want at least 8 MB", read)
	}
	s.ReleaseMapped()
	if after := mappedKB(t, path); after > read/8 {
		t.Errorf("%d KB of the catalog mapped after ReleaseMapped, %d KB before: want at most an eighth", after, read)
	}
	readAll()
}
