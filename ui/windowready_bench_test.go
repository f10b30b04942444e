package ui

import (
	"bufio"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkWindowReady opens the archive named by KHOVANBAN_BENCH_ARCHIVE
// as the window does (writable, in the background, "Đang mở kho văn bản…"
// first) and measures the time until its first results and their facets
// are on screen, and the process's CPU by then. Once ready it searches
// five queries and opens a document of each in the reader, and reports the
// process's resident memory after that, in the first round, as a window
// opened afresh would have it (make bench-million: under 1 GB at a million
// documents). Fyne's test driver draws nothing on a screen: a
// real window adds its first frame to the time.
func BenchmarkWindowReady(b *testing.B) {
	dir := os.Getenv("KHOVANBAN_BENCH_ARCHIVE")
	if dir == "" {
		b.Skip("KHOVANBAN_BENCH_ARCHIVE not set")
	}
	queries := []string{"quyết tâm", "xay dung nong thon moi", "Đảng ủy", `"ban chấp hành"`, "kế hoạch năm:2020"}
	var ready, cpu []time.Duration
	var rss, anon int64 // after the first round's reading: a fresh process's
	for b.Loop() {
		s, queue := newSessionHarness(b)
		settle := func(cond func() bool) { drain(b, queue, cond) }
		start, cpu0 := time.Now(), cpuTime(b)
		s.openArchive(dir)
		settle(func() bool {
			v := s.view
			return v != nil && !v.state.pending && v.state.shown == v.state.gen && v.state.facets == v.state.gen
		})
		ready = append(ready, time.Since(start))
		cpu = append(cpu, cpuTime(b)-cpu0)

		v := s.view
		for _, q := range queries {
			v.search.entry.SetText(q)
			settle(func() bool {
				return v.state.query == q && !v.state.pending && v.state.shown == v.state.gen && v.state.facets == v.state.gen
			})
			if v.state.answer == nil || len(v.state.answer.Hits) == 0 {
				b.Fatalf("%q found nothing", q)
			}
			opened := false
			v.openDocumentThen(v.state.answer.Hits[0].ID, func() { opened = true })
			settle(func() bool { return opened })
			if v.reader.doc == nil {
				b.Fatalf("%q: its first document was not shown", q)
			}
		}
		if rss == 0 {
			rss, anon = residentKB(b, "VmRSS:"), residentKB(b, "RssAnon:")
		}
		s.closeArchive()
	}
	slices.Sort(ready)
	slices.Sort(cpu)
	b.ReportMetric(float64(ready[len(ready)/2].Microseconds())/1000, "ready-ms")
	b.ReportMetric(float64(cpu[len(cpu)/2].Microseconds())/1000, "ready-cpu-ms")
	if rss > 0 {
		b.ReportMetric(float64(rss)/1024, "rss-after-reading-MB")
		b.ReportMetric(float64(anon)/1024, "anon-after-reading-MB")
	}
}

// residentKB is a figure of the process's resident memory in KB (field
// "VmRSS:" the whole, "RssAnon:" its heap and stacks, the rest being
// files mapped), or 0 where /proc does not say it.
func residentKB(t testing.TB, field string) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				t.Fatalf("VmRSS %q: %v", rest, err)
			}
			return kb
		}
	}
	return 0
}
