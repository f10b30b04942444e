package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// longText is a text of about size bytes of varied sentences, with mark
// standing once at about the byte offset at.
func longText(size, at int, mark string) string {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		if at >= 0 && b.Len() >= at {
			b.WriteString("Đoạn này nói về " + mark + " của chi bộ.\n")
			at = -1
		}
		fmt.Fprintf(&b, "Điều %d. Ủy ban nhân dân xã Kiến An báo cáo kết quả công tác dân vận khéo, cải cách hành chính và phòng chống thiên tai tháng %d năm %d.\n", i, i%12+1, 2000+i%25)
	}
	return b.String()
}

// BenchmarkSnippetLong times one hit's summary and snippet (store.hit) on
// documents of growing length, with the query's words near the start of
// the text or only deep in it: what reading only the windows around the
// matches saves. KHOVANBAN_BENCH_LONG names a real document to add (the
// development set's longest text, for example).
func BenchmarkSnippetLong(b *testing.B) {
	a := newTestArchive(b)
	dir := b.TempDir()
	docs := map[string]string{
		"short.txt":  "Báo cáo ngắn\n\n" + longText(6<<10, 3<<10, "xây dựng nông thôn mới"),
		"200k.txt":   "Báo cáo vừa\n\n" + longText(200<<10, 180<<10, "xây dựng nông thôn mới"),
		"1m.txt":     "Báo cáo dài\n\n" + longText(1<<20, 900<<10, "xây dựng nông thôn mới"),
		"1m-far.txt": "Báo cáo rất dài\n\n" + longText(1<<20, -1, ""),
	}
	for name, text := range docs {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	paths := []string{dir}
	if p := os.Getenv("KHOVANBAN_BENCH_LONG"); p != "" {
		paths = append(paths, p)
	}
	if _, err := a.Import(context.Background(), paths, ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	idOf := func(query string) string {
		res, err := a.Search(context.Background(), Request{Query: query, Limit: 1})
		if err != nil || len(res.Hits) == 0 {
			b.Fatalf("%q: %v", query, err)
		}
		return res.Hits[0].ID
	}
	type kase struct{ name, doc, query string }
	cases := []kase{
		{"6KB-phrase", "ngắn", `"xây dựng nông thôn mới"`},
		{"200KB-words-at-start", "vừa", "cải cách hành chính"},
		{"200KB-phrase-deep", "vừa", `"xây dựng nông thôn mới"`},
		{"1MB-words-at-start", "dài", "cải cách hành chính"},
		{"1MB-phrase-deep", "dài", `"xây dựng nông thôn mới"`},
		{"1MB-no-match", "\"rất dài\"", "thanh niên"}, // the worst case: read to the end
	}
	if os.Getenv("KHOVANBAN_BENCH_LONG") != "" {
		q := os.Getenv("KHOVANBAN_BENCH_LONG_QUERY") // a title word of the real document
		for _, w := range []string{"cải cách hành chính", "thủ tục", "chuyển đổi số"} {
			cases = append(cases, kase{"real-" + strings.ReplaceAll(w, " ", "-"), q, w})
		}
	}
	for _, k := range cases {
		id := idOf(k.doc)
		clauses, err := parseQuery(k.query, false)
		if err != nil {
			b.Fatal(err)
		}
		hl := newHighlighter(clauses)
		if h, err := a.store.hit(id, hl); err == nil && testing.Verbose() {
			b.Logf("%s: %s, %d marks: %.80q", k.name, h.Title, len(h.Snippet.Marks), h.Snippet.Text)
		}
		b.Run(k.name, func(b *testing.B) {
			cpu0, n := cpuTime(), 0
			for b.Loop() {
				if _, err := a.store.hit(id, hl); err != nil {
					b.Fatal(err)
				}
				n++
			}
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(n), "cpu-µs/op")
		})
	}
}
