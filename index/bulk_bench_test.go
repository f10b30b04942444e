package index

import (
	"context"
	"testing"
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
