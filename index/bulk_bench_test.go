package index

import (
	"context"
	"fmt"
	"path/filepath"
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
