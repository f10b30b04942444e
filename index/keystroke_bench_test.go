package index

import (
	"context"
	"slices"
	"testing"
	"time"
)

// BenchmarkSearchAsTyped types a query one letter at a time as the window
// does, with no filter and with a year and a type chosen (so two facets
// are counted as if unchosen), over the archive named by
// KHOVANBAN_BENCH_ARCHIVE: each keystroke is one SearchAsTyped, and the
// median and 99th percentile are reported, and the CPU time per keystroke
// (both cores; steadier than wall time on a shared machine).
func BenchmarkSearchAsTyped(b *testing.B) {
	a := benchArchive(b)
	ctx := context.Background()
	chosen := Filters{}
	if res, err := a.Search(ctx, Request{Limit: 1}); err == nil && len(res.Facets[FacetType]) > 0 && len(res.Facets[FacetYear]) > 0 {
		chosen.Types = []string{res.Facets[FacetType][0].Value}
		chosen.Years = []int{atoiOr(res.Facets[FacetYear][len(res.Facets[FacetYear])/2].Value)}
	}
	for _, k := range []struct {
		name    string
		filters Filters
	}{{"no-filter", Filters{}}, {"two-facets-chosen", chosen}} {
		b.Run(k.name, func(b *testing.B) {
			var took []time.Duration
			cpu0 := cpuTime()
			for b.Loop() {
				typed := ""
				for _, r := range "quyet tam cong tac" {
					typed += string(r)
					start := time.Now()
					if _, err := a.SearchAsTyped(ctx, Request{Query: typed, Filters: k.filters, Limit: 25}); err != nil {
						b.Fatal(err)
					}
					took = append(took, time.Since(start))
				}
			}
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(len(took)), "cpu-ms/key")
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
		})
	}
}

func atoiOr(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}
