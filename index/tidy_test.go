package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// withSmallSegments makes an online import commit batches of n documents
// and keeps Bleve from merging them as the index grows, so that a small
// import leaves the many segments a large one does.
func withSmallSegments(t testing.TB, n int) {
	oldBatch, oldMerge := importBatchDocs, onlineMergeOptions
	importBatchDocs = n
	onlineMergeOptions = map[string]any{
		"MaxSegmentsPerTier":   1 << 20,
		"MaxSegmentSize":       1 << 20,
		"TierGrowth":           10,
		"SegmentsPerMergeTask": 10,
		"FloorSegmentSize":     1,
	}
	t.Cleanup(func() { importBatchDocs, onlineMergeOptions = oldBatch, oldMerge })
}

// liveSegments are the live documents of each segment of the archive's
// index on disk, largest first.
func liveSegments(t testing.TB, a *Archive) []int64 {
	t.Helper()
	s, err := scorchOf(a.liveIndex())
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var sizes []int64
	for _, ss := range r.(*scorch.IndexSnapshot).Segments() {
		if _, ok := ss.Segment().(segment.PersistedSegment); ok {
			sizes = append(sizes, ss.LiveSize())
		}
	}
	slices.Sort(sizes)
	slices.Reverse(sizes)
	return sizes
}

// TestImportTidiesSegments: an online import that leaves the index in
// many segments merges them into one at its end, saying so in its
// progress, and every document is found as before, also once the archive
// is opened again.
func TestImportTidiesSegments(t *testing.T) {
	withSmallSegments(t, 6)
	a := newTestArchive(t)
	dir := t.TempDir()
	const files = 60
	for i := range files {
		text := fmt.Sprintf("KẾ HOẠCH số %d/KH-UBND\nVề việc trồng cây xanh ở thôn số %d, đợt %d.\n", i+1, i, i*7919)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("kh-%03d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var tidying []int
	rep, err := a.Import(context.Background(), []string{dir}, ImportOptions{Progress: func(p Progress) {
		if p.Tidying {
			tidying = append(tidying, p.Done)
		}
	}})
	if err != nil || rep.Added != files {
		t.Fatalf("Import: %v, added %d of %d", err, rep.Added, files)
	}
	if len(tidying) == 0 || tidying[len(tidying)-1] != 100 {
		t.Errorf("progress while tidying: %v, want it to end at 100", tidying)
	}
	if got := liveSegments(t, a); len(got) > 1 || got[0] != files {
		t.Errorf("segments after the import: %v, want one of %d documents", got, files)
	}
	// The merged segments' files are gone: a process that closes the
	// archive at once leaves no second copy of the index on disk.
	if names := segmentFileNames(filepath.Join(a.dir, indexDir, "store")); len(names) != 1 {
		t.Errorf("segment files on disk after the merge: %v, want one", names)
	}
	found := func() int {
		res, err := a.Search(context.Background(), Request{Query: "trồng cây xanh", Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	if n := found(); n != files {
		t.Errorf("found %d documents after the merge, want %d", n, files)
	}
	dirA := a.dir
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := Open(dirA, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	a = b
	if n := found(); n != files {
		t.Errorf("found %d documents once opened again, want %d", n, files)
	}
}

// TestImportLeavesFewSegments: an import that leaves no more than
// tidyMaxSegments segments merges nothing.
func TestImportLeavesFewSegments(t *testing.T) {
	withSmallSegments(t, 6)
	a := newTestArchive(t)
	dir := t.TempDir()
	for i := range 3 * 6 {
		text := fmt.Sprintf("THÔNG BÁO số %d\nVề lịch tiếp dân tháng %d.\n", i+1, i%12+1)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("tb-%02d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tidied := false
	if _, err := a.Import(context.Background(), []string{dir}, ImportOptions{Progress: func(p Progress) { tidied = tidied || p.Tidying }}); err != nil {
		t.Fatal(err)
	}
	if tidied {
		t.Errorf("an import that left %v segments was followed by a merge", liveSegments(t, a))
	}
}

// fakeSegment is a segment of a merge plan, by its sizes only.
type fakeSegment struct {
	id         uint64
	full, live int64
}

func (f fakeSegment) Id() uint64          { return f.id } //lint:ignore ST1003 mergeplan.Segment names it so
func (f fakeSegment) FullSize() int64     { return f.full }
func (f fakeSegment) LiveSize() int64     { return f.live }
func (f fakeSegment) HasVector() bool     { return false }
func (f fakeSegment) FileSize() int64     { return f.full * 4000 }
func (f fakeSegment) LiveFileSize() int64 { return f.live * 4000 }

// TestTidyOptionsMergeTheSmallerHalf: under a tidy's options Bleve's
// planner makes one task of exactly the segments that hold less than half
// of the documents each: the million's 24 segments as an online import
// leaves them (all of them), and a large segment with small ones beside
// it (only the small ones).
func TestTidyOptionsMergeTheSmallerHalf(t *testing.T) {
	for _, tc := range []struct {
		name  string
		sizes []int64
		want  int // segments in the task: the smallest ones
	}{
		{"a million online", append(append(repeat(4, 195_000), repeat(10, 19_000)...), repeat(10, 1_000)...), 24},
		{"a large one and small ones", append([]int64{600_000}, repeat(8, 12_000)...), 8},
		{"two halves and small ones", append([]int64{400_000, 390_000}, repeat(5, 3_000)...), 7},
		{"deletes in the small ones", append([]int64{90_000}, repeat(6, 2_000)...), 6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var segs []mergeplan.Segment
			plan := &tidyPlan{segments: len(tc.sizes)}
			for i, n := range tc.sizes {
				live := n
				if tc.name == "deletes in the small ones" && i > 0 {
					live = n - int64(i)*100
				}
				segs = append(segs, fakeSegment{id: uint64(i + 1), full: n, live: live})
				plan.total += live
			}
			p, err := mergeplan.Plan(segs, plan.options())
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Tasks) != 1 {
				t.Fatalf("%d tasks, want one", len(p.Tasks))
			}
			var ids []uint64
			for _, s := range p.Tasks[0].Segments {
				ids = append(ids, s.Id())
			}
			slices.Sort(ids)
			var want []uint64
			for i := len(tc.sizes) - tc.want; i < len(tc.sizes); i++ {
				want = append(want, uint64(i+1))
			}
			if !slices.Equal(ids, want) {
				t.Errorf("task merges %v, want %v", ids, want)
			}
		})
	}
}

func repeat(n int, size int64) []int64 {
	out := make([]int64, n)
	for i := range out {
		out[i] = size
	}
	return out
}
