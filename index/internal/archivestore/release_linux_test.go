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
