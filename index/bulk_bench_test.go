package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
)

// BenchmarkRebuild rebuilds the archive named by KHOVANBAN_BENCH_ARCHIVE
// (its document files may be rewritten: give it a copy).
func BenchmarkRebuild(b *testing.B) {
	a := benchArchive(b)
	for i := 0; i < b.N; i++ {
		if err := a.Rebuild(context.Background(), nil); err != nil {
			b.Fatal(err)
		}
	}
	n, _ := a.idx.DocCount()
	b.ReportMetric(float64(n), "docs")
}

// BenchmarkBuildSegment builds bulk segments (bulkBatch documents each,
// as a bulk import does) of the first 960 documents of the archive named
// by KHOVANBAN_BENCH_ARCHIVE (KHOVANBAN_BENCH_READONLY=1 is enough),
// counted as an import counts them, and reports the CPU a document's
// entry costs in Bleve's building of a segment alone: no reading, no
// merge, one goroutine.
func BenchmarkBuildSegment(b *testing.B) {
	a := benchArchive(b)
	ids, err := a.store.ids(docsDir)
	if err != nil {
		b.Fatal(err)
	}
	ids = ids[:min(len(ids), 5*bulkBatch)]
	tc := newTermCounter(termCounterMax)
	type countedDoc struct {
		d *Document
		t *docTerms
	}
	docs := make([]countedDoc, 0, len(ids))
	for _, id := range ids {
		d, err := a.store.getDoc(id)
		if err != nil {
			b.Fatal(err)
		}
		t, _ := tc.analyze(d)
		docs = append(docs, countedDoc{d, t})
	}
	dir := b.TempDir()
	s := &fieldScratch{}
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		for at := 0; at < len(docs); at += bulkBatch {
			var entries []bulkEntry
			for _, c := range docs[at:min(at+bulkBatch, len(docs))] {
				entries = append(entries, func(s *fieldScratch) *document.Document { return bleveEntry(c.d, c.t.lazyFields(s)) })
			}
			if err := buildSegment(entries, filepath.Join(dir, fmt.Sprintf("%d-%d.zap", i, at)), s); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric((cpuTime()-cpu).Seconds()*1e6/float64(b.N*len(docs)), "cpu-µs/doc")
}

// BenchmarkMergeSegments merges the bulk segments (bulkBatch documents
// each) of the first 60 batches (every document of a 10,000 corpus) of
// the archive named by KHOVANBAN_BENCH_ARCHIVE (KHOVANBAN_BENCH_READONLY=1
// is enough) into one, as a bulk import's last step does, and reports the
// CPU a document costs in the merge alone: the segments are built once,
// before the timing, of the documents in the order of their file names
// (an import's), so that a field few documents have (unsure, twin) is in
// some segments and not in others, as after an import.
func BenchmarkMergeSegments(b *testing.B) {
	a := benchArchive(b)
	ids, err := a.store.ids(docsDir)
	if err != nil {
		b.Fatal(err)
	}
	var docs []*Document
	for _, id := range ids[:min(len(ids), 60*bulkBatch)] {
		d, err := a.store.getDoc(id)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
	}
	slices.SortFunc(docs, func(x, y *Document) int { return strings.Compare(x.OriginalName, y.OriginalName) })
	dir := b.TempDir()
	bb := &bulkBuilder{path: dir}
	s := &fieldScratch{}
	for at := 0; at < len(docs); at += bulkBatch {
		var entries []bulkEntry
		for _, d := range docs[at:min(at+bulkBatch, len(docs))] {
			entries = append(entries, func(*fieldScratch) *document.Document { return bleveDocument(d) })
		}
		path := filepath.Join(dir, fmt.Sprintf("%06d.zap", at))
		if err := buildSegment(entries, path, s); err != nil {
			b.Fatal(err)
		}
		bb.segs = append(bb.segs, path)
	}
	if err := os.MkdirAll(filepath.Join(dir, "segments"), 0o755); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := bb.merge(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuTime()-cpu).Seconds()*1e6/float64(b.N*len(docs)), "cpu-µs/doc")
}
