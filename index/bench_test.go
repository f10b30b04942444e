package index

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// BenchmarkImportCorpus imports the corpus named by KHOVANBAN_CORPUS (a
// folder written by vncorpus) into a new archive; `make bench` sets it.
// Besides the rate it reports the import's CPU time, and the archive on
// disk after Close: its files and its size against the texts it holds.
func BenchmarkImportCorpus(b *testing.B) {
	dir := os.Getenv("KHOVANBAN_CORPUS")
	if dir == "" {
		b.Skip("KHOVANBAN_CORPUS not set")
	}
	for i := 0; i < b.N; i++ {
		archive := filepath.Join(b.TempDir(), "a")
		a, err := Open(archive, Options{Registry: testRegistry(b)})
		if err != nil {
			b.Fatal(err)
		}
		cpu := cpuTime()
		rep, err := a.Import(context.Background(), []string{dir}, ImportOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(rep.Added)/b.Elapsed().Seconds(), "docs/s")
		b.ReportMetric((cpuTime() - cpu).Seconds(), "cpu-s")
		b.StopTimer()
		var text int64
		ids, _ := a.store.ids(docsDir)
		for _, id := range ids {
			if d, err := a.store.getDoc(id); err == nil {
				text += int64(len(d.Text))
			}
		}
		a.Close()
		var files int
		var size int64
		filepath.WalkDir(archive, func(_ string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if info, err := d.Info(); err == nil {
					files++
					size += info.Size()
				}
			}
			return nil
		})
		b.ReportMetric(float64(files), "files")
		b.ReportMetric(float64(size)/1e6, "archive-MB")
		b.ReportMetric(float64(text)/1e6, "text-MB")
		b.ReportMetric(float64(size)/float64(text), "x-text")
		b.StartTimer()
	}
}

// benchArchive opens the archive named by KHOVANBAN_BENCH_ARCHIVE (built by
// `khovanban import` in `make bench`), read only when
// KHOVANBAN_BENCH_READONLY is set (an archive others measure too), every
// match scored when KHOVANBAN_BENCH_PLAIN is set (ranking as before
// block-max ranking, to compare).
func benchArchive(b testing.TB) *Archive {
	dir := os.Getenv("KHOVANBAN_BENCH_ARCHIVE")
	if dir == "" {
		b.Skip("KHOVANBAN_BENCH_ARCHIVE not set")
	}
	open := Open
	if os.Getenv("KHOVANBAN_BENCH_READONLY") != "" {
		open = OpenReadOnly
	}
	a, err := open(dir, Options{Registry: testRegistry(b)})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { a.Close() })
	a.eng.SetPlainRanking(os.Getenv("KHOVANBAN_BENCH_PLAIN") != "")
	if os.Getenv("KHOVANBAN_BENCH_WARM") != "" {
		// As the window does once its first results are drawn.
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		cpu, start := cpuTime(), time.Now()
		if err := a.WarmFacets(context.Background()); err != nil {
			b.Fatal(err)
		}
		took, cpu := time.Since(start), cpuTime()-cpu
		runtime.GC()
		runtime.ReadMemStats(&m1)
		b.Logf("facet tables of %d segments warmed in %v, %v of CPU, heap %+d kB", a.eng.FacetTables(), took, cpu, (int64(m1.HeapAlloc)-int64(m0.HeapAlloc))/1024)
	}
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
		{"five-words-no-accents", "xay dung nong thon moi"}, // the best 10 texts read again (phrase.go)
		{"phrase-common-syllables", `"xây dựng nông thôn mới"`},
		{"two-facet-filters", "cán bộ năm:2020 loại:kế hoạch"},
		{"as-you-type", "quyet ta"},
		{"phrase-four-syllables", `"trên cơ sở đó"`}, // in 43% of vncorpus documents
		{"phrase-seven-syllables", `"góp phần giữ vững ổn định chính trị"`},
		{"number-typed", "1600/QĐ-TTg"},
		{"number-with-space", "199 HD-UBND"}, // 444 documents of the seed-7 million
	}
	for _, k := range kinds {
		b.Run(k.name, func(b *testing.B) {
			req := Request{Query: k.query, AsYouType: k.name == "as-you-type"}
			// The first search of a kind reads what later ones find kept
			// (texts of a phrase's candidates, postings, facet tables): it
			// is reported apart and not counted in the percentiles, which
			// would otherwise take it as the p99 of 100 runs.
			start := time.Now()
			res, err := a.Search(context.Background(), req)
			if err != nil {
				b.Fatal(err)
			}
			first := time.Since(start)
			if res.Total == 0 {
				b.Logf("%q found nothing", k.query) // an archive without it
			}
			var took []time.Duration
			cpu0 := cpuTime()
			for b.Loop() {
				start := time.Now()
				if _, err := a.Search(context.Background(), req); err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(start))
			}
			b.ReportMetric(float64(first.Microseconds())/1000, "first-ms")
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(len(took)), "cpu-ms/op")
			slices.Sort(took)
			b.ReportMetric(float64(rankedAt(took, 50).Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(rankedAt(took, 99).Microseconds())/1000, "p99-ms")
		})
	}
}

// rankedAt is the p-th percentile of sorted durations by nearest rank:
// the second slowest of 100 for the 99th, the slowest only under 100.
func rankedAt(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted)*p+99)/100 - 1
	return sorted[max(i, 0)]
}

// BenchmarkFirstFacetSearch opens the archive read-only and measures the
// CPU of its first search of five words, which counts the facets of a
// match under half of each segment: without KHOVANBAN_BENCH_WARM it
// builds the segments' facet tables itself, with it they were warmed
// (WarmFacets, as the window does after its first results) before the
// measure.
func BenchmarkFirstFacetSearch(b *testing.B) {
	dir := os.Getenv("KHOVANBAN_BENCH_ARCHIVE")
	if dir == "" {
		b.Skip("KHOVANBAN_BENCH_ARCHIVE not set")
	}
	warm := os.Getenv("KHOVANBAN_BENCH_WARM") != ""
	var first time.Duration
	for range b.N {
		b.StopTimer()
		a, err := OpenReadOnly(dir, Options{Registry: testRegistry(b)})
		if err != nil {
			b.Fatal(err)
		}
		if warm {
			if err := a.WarmFacets(context.Background()); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		cpu := cpuTime()
		if _, err := a.Search(context.Background(), Request{Query: "xay dung nong thon moi"}); err != nil {
			b.Fatal(err)
		}
		first += cpuTime() - cpu
		b.StopTimer()
		a.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(first.Microseconds())/1000/float64(b.N), "first-cpu-ms")
}

// docxOf builds a minimal Word document with one paragraph per line.
func docxOf(b testing.TB, lines []string) []byte {
	var body strings.Builder
	for _, l := range lines {
		body.WriteString(`<w:p><w:r><w:t xml:space="preserve">`)
		xml.EscapeText(&body, []byte(l))
		body.WriteString(`</w:t></w:r></w:p>`)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels":         `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml":   `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() + `</w:body></w:document>`,
	}
	for name, data := range parts {
		w, err := zw.Create(name)
		if err != nil {
			b.Fatal(err)
		}
		w.Write([]byte(data))
	}
	zw.Close()
	return buf.Bytes()
}

// BenchmarkImportDocx imports 1,000 Word documents of about five pages
// (15,000 characters) each into a new archive: files per second and the
// peak Go heap.
func BenchmarkImportDocx(b *testing.B) {
	src := b.TempDir()
	keys := slices.Sorted(maps.Keys(testDocs))
	for i := range 1000 {
		var lines []string
		for len(strings.Join(lines, "\n")) < 15000 {
			for _, k := range keys {
				lines = append(lines, strings.Split(testDocs[k], "\n")...)
			}
		}
		lines = append(lines, fmt.Sprintf("Văn bản thử số %d.", i))
		os.WriteFile(filepath.Join(src, fmt.Sprintf("vb%04d.docx", i)), docxOf(b, lines), 0o644)
	}
	for b.Loop() {
		a, err := Open(filepath.Join(b.TempDir(), "a"), Options{Registry: testRegistry(b)})
		if err != nil {
			b.Fatal(err)
		}
		var peak uint64
		stop := make(chan struct{})
		go func() {
			var m runtime.MemStats
			for {
				select {
				case <-stop:
					return
				case <-time.After(50 * time.Millisecond):
					runtime.ReadMemStats(&m)
					peak = max(peak, m.HeapInuse)
				}
			}
		}()
		start := time.Now()
		rep, err := a.Import(context.Background(), []string{src}, ImportOptions{})
		took := time.Since(start)
		close(stop)
		if err != nil || rep.Added != 1000 {
			b.Fatalf("import: %v, %d added", err, rep.Added)
		}
		b.ReportMetric(1000/took.Seconds(), "files/s")
		b.ReportMetric(float64(peak>>20), "peak-heap-MB")
		a.Close()
	}
}
