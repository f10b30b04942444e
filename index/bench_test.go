package index

import (
	"context"
	"os"
	"path/filepath"
	"testing"
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
