package index

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/document"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"khovanban/index/internal/memmap"
)

// TestMergeReleasesSegmentPages: the pages of the segments a bulk build
// merges, once read, are let go of (releaseSegmentPages: none of their
// files stays resident in the process), and a merge that lets them go
// after every write it makes gives the same segment as one that keeps
// them.
func TestMergeReleasesSegmentPages(t *testing.T) {
	engine := engineDocs(5, 60)
	var docs []*Document
	for i, name := range slices.Sorted(maps.Keys(engine)) {
		docs = append(docs, &Document{ID: fmt.Sprintf("d%03d", i), Title: fmt.Sprintf("Văn bản số %d", i), Text: strings.Repeat(engine[name], 1+i%5), Type: "Kế hoạch", Year: 2023})
	}
	dir := t.TempDir()
	tc := newTermCounter(termCounterMax)
	var paths []string
	for k, part := range [][]*Document{docs[:20], docs[20:40], docs[40:]} {
		entries := make([]bulkEntry, len(part))
		for j, d := range part {
			terms, _ := tc.analyze(d)
			f := terms.fields()
			entries[j] = func(*fieldScratch) *document.Document { return bleveEntry(d, f) }
		}
		path := filepath.Join(dir, fmt.Sprintf("%d.zap", k))
		if err := buildSegment(entries, path, &fieldScratch{}); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	isSeg := func(p string) bool { return slices.Contains(paths, p) }
	open := func() []segment.Segment {
		var segs []segment.Segment
		for _, p := range paths {
			s, err := bulkSegments.Open(p)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = s.Close() })
			segs = append(segs, s)
		}
		return segs
	}

	segs := open()
	sum := 0
	for _, s := range segs {
		for _, b := range s.(interface{ Data() []byte }).Data() {
			sum += int(b)
		}
	}
	if kb, err := memmap.ResidentKB(isSeg); err != nil || kb == 0 {
		t.Fatalf("segments read whole: %d KB resident (%v, sum %d)", kb, err, sum)
	}
	releaseSegmentPages(segs)
	if kb, err := memmap.ResidentKB(isSeg); err != nil || kb != 0 {
		t.Fatalf("segments released: %d KB resident, want none (%v)", kb, err)
	}

	merge := func(name string, rel *mergeReleaser) string {
		segs := open()
		path := filepath.Join(dir, name)
		var r segment.StatsReporter
		if rel != nil {
			rel.segs = segs
			r = rel
		}
		if _, _, err := bulkSegments.Merge(segs, make([]*roaring.Bitmap, len(segs)), path, nil, r); err != nil {
			t.Fatal(err)
		}
		return segmentContents(t, path)
	}
	kept := merge("kept.zap", nil)
	rel := &mergeReleaser{step: 1, next: 1}
	released := merge("released.zap", rel)
	if rel.releases < 10 {
		t.Fatalf("%d releases in a merge of %d bytes, one a write", rel.releases, rel.written)
	}
	if kept != released {
		t.Errorf("the merge differs with its segments let go of:\n%.2000s\n%.2000s", kept, released)
	}
	if !strings.Contains(kept, "p quyet tam: ") {
		t.Fatalf("no pair term 'quyet tam' in %.500s", kept)
	}
}
