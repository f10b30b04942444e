package index

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"testing"
)

// TestBlockRankingOnArchive searches the archive named by
// KHOVANBAN_BENCH_ARCHIVE (read only: it opens it with OpenReadOnly) with
// common words, numbers, filters and every prefix of a query typed a
// letter at a time, keeping from 1 to 100 hits and paging, once scoring
// every match and once by blocks (engine/blockmax.go), and for each query
// once as the first search of a newly opened archive (block bounds read
// from their files, the postings of the scored blocks alone): the same
// documents in the same order with the same scores, totals and facets.
func TestBlockRankingOnArchive(t *testing.T) {
	t.Setenv("KHOVANBAN_BENCH_READONLY", "1")
	t.Setenv("KHOVANBAN_BENCH_PLAIN", "")
	a := benchArchive(t)
	ctx := context.Background()
	queries := []string{"to chuc thuc hien", "tổ chức thực hiện kế hoạch", "Đảng", "quyet tam", "quyết tâm",
		"xay dung nong thon moi", "cán bộ năm:2020 loại:kế hoạch", "1600/QĐ-TTg", "471 QĐ-UBND", "bao cao tong ket",
		"dang uy", "phong chong dich", "thi dua yeu nuoc", "ke hoach OR bao cao", "nghi quyet -dang",
		`"xây dựng nông thôn mới"`, `"góp phần giữ vững ổn định chính trị"`, `"to chuc" thuc hien`}
	var reqs []Request
	for _, q := range queries {
		for _, limit := range []int{1, 10, 25, 100} {
			reqs = append(reqs, Request{Query: q, Limit: limit})
		}
		reqs = append(reqs, Request{Query: q, Offset: 20, Limit: 20})
	}
	typed := ""
	for _, r := range "quyet tam cong tac" {
		typed += string(r)
		reqs = append(reqs, Request{Query: typed, AsYouType: true, Limit: 25})
	}
	for i, req := range reqs {
		a.eng.SetPlainRanking(true)
		want, err := a.Search(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		a.eng.SetPlainRanking(false)
		got, err := a.Search(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		check := func(how string, got *Result) {
			t.Helper()
			g, w := *got, *want
			// A phrase's total may be estimated from the texts read so
			// far, which the first search adds to (phraseBudget).
			if g.Estimated || w.Estimated {
				g.Total, w.Total, g.Facets, w.Facets = 0, 0, nil, nil
			}
			if rankedList(&g) != rankedList(&w) || !reflect.DeepEqual(g.Facets, w.Facets) {
				t.Errorf("%+v:\n%s %s\nevery match:  %s", req, how, rankedList(&g), rankedList(&w))
			}
		}
		check("by blocks:  ", got)
		if i%5 != 0 && i%5 != 3 {
			continue
		}
		// The first search of a process, as `khovanban search` is: the
		// terms' bounds read from the bounds files, and only the postings
		// of the blocks scored (blockCursor).
		fresh, err := OpenReadOnly(os.Getenv("KHOVANBAN_BENCH_ARCHIVE"), Options{Registry: testRegistry(t)})
		if err != nil {
			t.Fatal(err)
		}
		first, err := fresh.Search(ctx, req)
		fresh.Close()
		if err != nil {
			t.Fatal(err)
		}
		check("first search:", first)
	}
}

// rankedList is a result's total and its hits' ids and scores, in order.
func rankedList(r *Result) string {
	s := fmt.Sprint(r.Total)
	for _, h := range r.Hits {
		s += fmt.Sprintf(" %s:%v", h.ID, h.Score)
	}
	return s
}
