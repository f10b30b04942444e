package index

import (
	"context"
	"strings"
	"testing"

	"khovanban/index/vntext"
)

// allWordsDocs hold "cai nghiện" side by side, "cải" and "nghiên" far
// apart (usertest s10 finding 13: on real files `cai nghien` found them,
// their snippets showing only "cải"), one of the two words alone, and a
// number with its code.
var allWordsDocs = map[string]string{
	"cai-nghien.txt": "Tờ trình về công tác cai nghiện ma túy tại gia đình và cộng đồng.",
	"cai-cach.txt": "Báo cáo công tác cải cách hành chính năm 2025 của Ủy ban nhân dân xã. " +
		strings.Repeat("Các phòng ban thực hiện đúng quy chế làm việc đã ban hành. ", 8) +
		"Giao Văn phòng nghiên cứu, đề xuất giải pháp trong quý tới.",
	"cai-thien.txt":  "Báo cáo tình hình cải thiện môi trường đầu tư của tỉnh.",
	"nghien.txt":     "Kế hoạch hỗ trợ người nghiện hòa nhập cộng đồng.",
	"so-199.txt":     "ỦY BAN NHÂN DÂN XÃ AN BÌNH\nSố: 199/HD-UBND\nHướng dẫn thực hiện chương trình nông thôn mới.",
	"cites-199.txt":  "Căn cứ Hướng dẫn số 199/HD-UBND của Ủy ban nhân dân xã, báo cáo kết quả.",
	"only-199.txt":   "Báo cáo: đã cấp 199 thẻ bảo hiểm y tế; Ủy ban nhân dân xã hướng dẫn HD chi tiết.",
	"cai-only-2.txt": "Kế hoạch cải tạo đường giao thông nông thôn.",
	"ky-cuong.txt": "Báo cáo cải cách hành chính năm 2025 của xã về việc thực hiện các nhiệm vụ được giao trong quý, bảo đảm kỷ cương hành chính. " +
		strings.Repeat("Các phòng ban thực hiện đúng quy chế làm việc đã ban hành. ", 8) +
		"Giao Văn phòng nghiên cứu, đề xuất giải pháp trong quý tới.",
}

// TestEveryWordRequired checks that every document found holds every word
// typed (folded, so "cai" is "cải" too), on the command line (Search) and
// in the window (SearchAsTyped, the last word maybe unfinished), for one
// word, several, a phrase and a number with its code; and that totals
// count exactly those.
func TestEveryWordRequired(t *testing.T) {
	a := newTestArchive(t)
	names := idNames(importDocs(t, a, allWordsDocs))
	folded := map[string]string{}
	for name, text := range allWordsDocs {
		var words []string
		vntext.ForEachToken(text, func(tk vntext.Token) { words = append(words, vntext.Fold(tk.Text)) })
		folded[name] = " " + strings.Join(words, " ") + " "
	}
	cases := []struct {
		query string
		want  []string
		first string
	}{
		{"cai", []string{"cai-nghien.txt", "cai-cach.txt", "cai-thien.txt", "cai-only-2.txt", "ky-cuong.txt"}, ""},
		{"cai nghien", []string{"cai-nghien.txt", "cai-cach.txt", "ky-cuong.txt"}, "cai-nghien.txt"},
		{"cai nghiện", []string{"cai-nghien.txt"}, ""}, // nghiện so spelt, not nghiên
		{"cải nghiện", nil, ""}, // each so spelt, in no document together
		{`"cai nghien"`, []string{"cai-nghien.txt"}, ""},
		{"cai nghien ma tuy", []string{"cai-nghien.txt"}, ""},
		{"199 HD-UBND", []string{"so-199.txt", "cites-199.txt"}, ""},
	}
	for _, c := range cases {
		for _, typed := range []bool{false, true} {
			req := Request{Query: c.query}
			var res *Result
			var err error
			if typed {
				var ty *Typed
				if ty, err = a.SearchAsTyped(context.Background(), req); err == nil {
					res = &ty.Result
				}
			} else {
				res, err = a.Search(context.Background(), req)
			}
			if err != nil {
				t.Fatalf("%q (as typed %v): %v", c.query, typed, err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, names[h.ID])
			}
			if !sameSet(got, c.want) || res.Total != len(c.want) {
				t.Errorf("%q (as typed %v) = %v (total %d), want %v", c.query, typed, got, res.Total, c.want)
			}
			if c.first != "" && (len(got) == 0 || got[0] != c.first) {
				t.Errorf("%q (as typed %v) ranked %v, want %s first", c.query, typed, got, c.first)
			}
			var year int
			for _, v := range res.Facets[FacetYear] {
				year += v.Count
			}
			if year > res.Total {
				t.Errorf("%q (as typed %v): years count %d documents, total %d", c.query, typed, year, res.Total)
			}
			for _, name := range got {
				for _, w := range syllables(strings.Trim(c.query, `"`)) {
					if !strings.Contains(folded[name], " "+vntext.Fold(w)+" ") {
						t.Errorf("%q (as typed %v) found %s, which lacks %q", c.query, typed, name, w)
					}
				}
			}
		}
	}
}

// TestSnippetShowsEveryWord checks that the snippet of a document whose
// words stand far apart shows each of them, a short passage around each,
// so that the list says why it was found (usertest s10 finding 13: the
// snippet of "cải cách … nghiên cứu" showed only "cải").
func TestSnippetShowsEveryWord(t *testing.T) {
	a := newTestArchive(t)
	names := idNames(importDocs(t, a, allWordsDocs))
	for _, q := range []string{"cai nghien", "cai nghien ", "cai ky cuong nghien"} {
		ty, err := a.SearchAsTyped(context.Background(), Request{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range ty.Hits {
			var marked []string
			for _, m := range h.Snippet.Marks {
				marked = append(marked, vntext.Fold(h.Snippet.Text[m.Start:m.End]))
			}
			all := " " + strings.Join(marked, " ") + " "
			for _, w := range strings.Fields(q) {
				if !strings.Contains(all, " "+w+" ") {
					t.Errorf("%q: snippet of %s %q marks %q, not %s", q, names[h.ID], h.Snippet.Text, marked, w)
				}
			}
			if n := len(strings.Fields(h.Snippet.Text)); n > snippetWords+4 {
				t.Errorf("%q: snippet of %s has %d words: %q", q, names[h.ID], n, h.Snippet.Text)
			}
		}
	}
}
