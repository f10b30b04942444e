package ui

import (
	"os"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"khovanban/assets"
	"khovanban/index"
)

// BenchmarkKeystroke types a query one letter at a time into the window
// over the archive named by KHOVANBAN_BENCH_ARCHIVE (`make bench` builds
// one) and reports how long each keystroke takes until its results are on
// screen, debounce included: median and 95th percentile.
func BenchmarkKeystroke(b *testing.B) {
	dir := os.Getenv("KHOVANBAN_BENCH_ARCHIVE")
	if dir == "" {
		b.Skip("KHOVANBAN_BENCH_ARCHIVE not set")
	}
	a := test.NewTempApp(b)
	UseLanguage("vi")
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
	settle := func(cond func() bool) {
		deadline := time.After(30 * time.Second)
		for !cond() {
			select {
			case f := <-queue:
				f()
			case <-deadline:
				b.Fatal("timed out")
			}
		}
	}
	idle := func() bool { return !v.pending && v.shown == v.gen }
	settle(idle)
	var took []time.Duration
	for b.Loop() {
		v.search.entry.SetText("")
		settle(func() bool { return idle() && v.query == "" })
		typed := ""
		for _, r := range "quyet tam cong tac" {
			typed += string(r)
			start := time.Now()
			test.Type(v.search.entry, string(r))
			settle(func() bool { return idle() && v.query == typed })
			took = append(took, time.Since(start))
		}
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(took[len(took)*95/100].Microseconds())/1000, "p95-ms")
}
