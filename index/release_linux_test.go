package index

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"khovanban/index/internal/memmap"
)

// mappedIndexKB is how much of the index's segment files under dir is
// mapped into this process and resident, in KB.
func mappedIndexKB(t *testing.T, dir string) int {
	t.Helper()
	kb, err := memmap.ResidentKB(func(p string) bool {
		return strings.HasPrefix(p, dir+string(filepath.Separator)) && strings.HasSuffix(p, ".zap")
	})
	if err != nil {
		t.Skip(err)
	}
	return kb
}

// An import lets go, once a batch, of the index pages mapped into the
// process (releaseIndexPages, engine's ReleaseMapped): searches read the
// same afterwards, their pages mapped again.
func TestReleaseMapped(t *testing.T) {
	// A folder with spaces in its name, as people name them: the
	// engine's own reading of /proc/self/maps skipped its segments.
	dir := filepath.Join(t.TempDir(), "Kho văn bản")
	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Import(context.Background(), []string{killCorpus(t)}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	// Read only: a writable open would let Bleve merge the import's two
	// segments meanwhile, and the merged segment, mapped as it is
	// introduced, was counted as not let go of (one run in ten under load).
	a, err = OpenReadOnly(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	search := func() []int {
		var totals []int
		for _, q := range []string{"công tác dân vận", "nông thôn mới", "kt17", "\"Đảng ủy xã\""} {
			res, err := a.Search(context.Background(), Request{Query: q, Limit: 20})
			if err != nil {
				t.Fatal(err)
			}
			totals = append(totals, res.Total)
		}
		return totals
	}
	before := search()
	index, err := filepath.EvalSymlinks(filepath.Join(dir, indexDir))
	if err != nil {
		t.Fatal(err)
	}
	read := mappedIndexKB(t, index)
	if read == 0 {
		t.Fatal("no index page mapped after searching")
	}
	a.releaseIndexPages()
	released := mappedIndexKB(t, index)
	if released > read/8 {
		t.Errorf("%d KB of the index mapped after the release, %d KB before: want at most an eighth", released, read)
	}
	if after := search(); !slices.Equal(after, before) {
		t.Errorf("results after the release %v, before %v", after, before)
	}
	t.Logf("index mapped: %d KB after searching, %d KB after the release; results %v", read, released, before)
}
