package ui

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"khovanban/assets"
	"khovanban/index"
	"khovanban/ui/messages"
)

// BenchmarkKeystroke types a query one letter at a time into the window
// over the archive named by KHOVANBAN_BENCH_ARCHIVE (`make bench` builds
// one) and reports how long each keystroke takes until its results are on
// screen, debounce included: median and 95th percentile; and, once the
// last key is typed, how long until the facets are drawn (they wait for
// typing to pause: facetPause), the median.
func BenchmarkKeystroke(b *testing.B) {
	dir := os.Getenv("KHOVANBAN_BENCH_ARCHIVE")
	if dir == "" {
		b.Skip("KHOVANBAN_BENCH_ARCHIVE not set")
	}
	a := test.NewTempApp(b)
	messages.UseLanguage("vi")
	arc, err := index.Open(dir, index.Options{Registry: assets.Registry})
	if err != nil {
		b.Fatal(err)
	}
	defer arc.Close()
	queue := make(chan func(), 10000)
	win := test.NewTempWindow(b, nil)
	win.Resize(defaultWindowSize)
	s := newSession(a, win, Config{Version: "bench", Registry: assets.Registry}, func(f func()) { queue <- f })
	s.arc = arc
	s.showArchive()
	v := s.view
	defer v.stop()
	settle := func(cond func() bool) { drain(b, queue, cond) }
	idle := func() bool { return !v.state.pending && v.state.shown == v.state.gen }
	settle(idle)
	var took, facets []time.Duration
	for b.Loop() {
		v.search.entry.SetText("")
		settle(func() bool { return idle() && v.state.query == "" && v.state.facets == v.state.gen })
		typed := ""
		for _, r := range "quyet tam cong tac" {
			typed += string(r)
			start := time.Now()
			test.Type(v.search.entry, string(r))
			settle(func() bool { return idle() && v.state.query == typed })
			took = append(took, time.Since(start))
		}
		// Typing stops: the facets follow (facetPause included).
		start := time.Now()
		settle(func() bool { return v.state.facets == v.state.gen })
		facets = append(facets, time.Since(start))
	}
	slices.Sort(took)
	slices.Sort(facets)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(took[len(took)*95/100].Microseconds())/1000, "p95-ms")
	b.ReportMetric(float64(facets[len(facets)/2].Microseconds())/1000, "facets-p50-ms")
}

// BenchmarkOpenLongDocument opens a 600 KB law with 8,000 matches in the
// reader, from a closed reader (as a click in the results does): the text
// must be laid out once, at the reader's width (it was laid out in the
// folded reader and again at each change of width: 1.5 MB took over a
// minute).
func BenchmarkOpenLongDocument(b *testing.B) {
	h := newHarness(b, true)
	var text strings.Builder
	for i := 0; text.Len() < 600_000; i++ {
		text.WriteString("Điều " + itoa(i) + ". Cán bộ, đảng viên phải nêu gương, quyết tâm thực hiện nhiệm vụ được giao; xây dựng nông thôn mới.\n")
	}
	d := &index.Document{ID: "law", Title: "Luật dài", Text: text.String()}
	h.v.reader.setQuery("nêu gương")
	b.ResetTimer()
	for b.Loop() {
		h.v.reader.clear()
		h.v.reader.show(d, nil)
	}
}
