package index

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// BenchmarkImportCorpus imports the corpus named by KHOVANBAN_CORPUS (a
// folder written by vncorpus) into a new archive; `make bench` sets it.
func BenchmarkImportCorpus(b *testing.B) {
	dir := os.Getenv("KHOVANBAN_CORPUS")
	if dir == "" {
		b.Skip("KHOVANBAN_CORPUS not set")
	}
	for i := 0; i < b.N; i++ {
		a, err := Open(filepath.Join(b.TempDir(), "a"), Options{Registry: testRegistry(b)})
		if err != nil {
			b.Fatal(err)
		}
		rep, err := a.Import(context.Background(), []string{dir}, ImportOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(rep.Added)/b.Elapsed().Seconds(), "docs/s")
		a.Close()
	}
}

// benchArchive opens the archive named by KHOVANBAN_BENCH_ARCHIVE (built by
// `khovanban import` in `make bench`).
func benchArchive(b *testing.B) *Archive {
	dir := os.Getenv("KHOVANBAN_BENCH_ARCHIVE")
	if dir == "" {
		b.Skip("KHOVANBAN_BENCH_ARCHIVE not set")
	}
	a, err := Open(dir, Options{Registry: testRegistry(b)})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { a.Close() })
	return a
}

// BenchmarkOpen opens and closes a large archive.
func BenchmarkOpen(b *testing.B) {
	dir := os.Getenv("KHOVANBAN_BENCH_ARCHIVE")
	if dir == "" {
		b.Skip("KHOVANBAN_BENCH_ARCHIVE not set")
	}
	for b.Loop() {
		a, err := Open(dir, Options{Registry: testRegistry(b)})
		if err != nil {
			b.Fatal(err)
		}
		a.Close()
	}
}

// BenchmarkSearchKinds runs each kind of query the issue names, with
// snippets and facets, and reports its median and 99th percentile.
func BenchmarkSearchKinds(b *testing.B) {
	a := benchArchive(b)
	kinds := []struct{ name, query string }{
		{"one-word", "Đảng"},
		{"two-words-no-accents", "quyet tam"},
		{"phrase-common-syllables", `"xây dựng nông thôn mới"`},
		{"two-facet-filters", "cán bộ năm:2020 loại:kế hoạch"},
		{"as-you-type", "quyet ta"},
	}
	for _, k := range kinds {
		b.Run(k.name, func(b *testing.B) {
			var took []time.Duration
			for b.Loop() {
				start := time.Now()
				res, err := a.Search(context.Background(), Request{Query: k.query, AsYouType: k.name == "as-you-type"})
				if err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(start))
				if res.Total == 0 {
					b.Fatalf("%q found nothing", k.query)
				}
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
		})
	}
}
