package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// TestProgressCountsWhatIsStored: an online import's progress counts a
// batch's files done once they are stored, not once they are indexed, so
// that the count a person stops at is what the import keeps (usertest
// session 9: "1.719/8.001" on the strip, 7,900 kept after "Dừng nhập").
// Each batch's indexing waits here until the progress has counted every
// document stored so far: without the count at store time it never does.
func TestProgressCountsWhatIsStored(t *testing.T) {
	a := newTestArchive(t)
	dir := t.TempDir()
	files := 3*importBatchDocs + 40 // an online import: the archive is empty, but it is below bulkImportMin
	for i := range files {
		text := fmt.Sprintf("KẾ HOẠCH số %d\nVề việc trồng cây ở thôn %d, đợt %d.\n", i, i%41, i*7919)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("kh-%04d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var (
		mu      sync.Mutex
		last    Progress
		counted = make(chan struct{}, 1)
		batches int
		worst   time.Duration
	)
	rep, err := a.Import(context.Background(), []string{dir}, ImportOptions{
		Workers: 2,
		Progress: func(p Progress) {
			mu.Lock()
			last = p
			mu.Unlock()
			select {
			case counted <- struct{}{}:
			default:
			}
		},
		beforeIndex: func() {
			ids, err := a.store.ids(docsDir)
			if err != nil {
				t.Error(err)
				return
			}
			batches++
			start := time.Now()
			deadline := time.After(20 * time.Second)
			for {
				mu.Lock()
				done := last.Done
				mu.Unlock()
				if done >= len(ids) {
					worst = max(worst, time.Since(start))
					return
				}
				select {
				case <-counted:
				case <-deadline:
					t.Errorf("batch %d: %d documents stored, the progress says %d done", batches, len(ids), done)
					return
				}
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != files || batches < 2 {
		t.Fatalf("added %d of %d in %d batches", rep.Added, files, batches)
	}
	if last.Done != files || last.Total != files {
		t.Errorf("last progress %d/%d, want %d/%d", last.Done, last.Total, files, files)
	}
	t.Logf("%d batches; the stored count was told within %v", batches, worst)
}

// TestProgressWhileCounting: the count of an import's files, before any
// is read, is told as it goes (Progress.Scanning, the files found so
// far): on a large folder it took minutes with the bar at 0% (usertest
// s13).
func TestProgressWhileCounting(t *testing.T) {
	dir := t.TempDir()
	for i := range 5 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("kh-%d.txt", i)), []byte("KẾ HOẠCH trồng cây"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var heard []int
	if n := countSources(t.Context(), []string{dir}, func(n int) { heard = append(heard, n) }); n != 5 || len(heard) != 5 || heard[4] != 5 {
		t.Errorf("counted %d, heard %v", n, heard)
	}

	a := newTestArchive(t)
	var first *Progress
	_, err := a.Import(t.Context(), []string{dir}, ImportOptions{Progress: func(p Progress) {
		if first == nil {
			first = &p
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if first == nil || !first.Scanning || first.Total != 1 || first.Done != 0 {
		t.Errorf("first progress %+v, want the count's, one file found", first)
	}
}
