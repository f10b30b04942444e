package index

import (
	"context"
	"testing"
)

// operatorDocs: two-syllable words that share syllables with others, so
// that an operator binding one syllable gives another answer than one
// binding the word.
var operatorDocs = map[string]string{
	// Three plans under a type line; the rest have no type.
	"nong-thon.txt": "KẾ HOẠCH\nKế hoạch xây dựng nông thôn mới năm 2024.",
	"do-thi.txt":    "KẾ HOẠCH\nKế hoạch chỉnh trang đô thị văn minh năm 2024.",
	"tien-do.txt":   "Báo cáo về tiến độ thi công của xã.",
	"de-an.txt":     "Đề án chuyển đổi số của xã năm 2024.",
	"de-nghi.txt":   "Tờ trình đề nghị về chuyển đổi số; vấn đề nhân lực.",
	"an-ninh.txt":   "KẾ HOẠCH\nKế hoạch chuyển đổi số bảo đảm an ninh mạng.",
}

// TestOperatorsTakeWords checks that OR and the minus take the words
// typed beside them, not one syllable: "nông thôn OR đô thị" is either
// two-syllable word, and "-đề án" leaves out "đề án", not every "đề".
func TestOperatorsTakeWords(t *testing.T) {
	a := newTestArchive(t)
	names := idNames(importDocs(t, a, operatorDocs))
	cases := []struct {
		query string
		want  []string
	}{
		{"nông thôn OR đô thị", []string{"nong-thon.txt", "do-thi.txt"}},
		{"nong thon OR do thi", []string{"nong-thon.txt", "do-thi.txt", "tien-do.txt"}},
		{`"nông thôn" OR "đô thị"`, []string{"nong-thon.txt", "do-thi.txt"}},
		{`nông thôn OR đô thị loại:"kế hoạch"`, []string{"nong-thon.txt", "do-thi.txt"}},
		{`kế hoạch nông thôn OR "đô thị"`, []string{"nong-thon.txt", "do-thi.txt"}},
		{"chuyển đổi số -đề án", []string{"de-nghi.txt", "an-ninh.txt"}},
		{`chuyển đổi số -"đề án"`, []string{"de-nghi.txt", "an-ninh.txt"}},
		{"chuyển đổi số -đề", []string{"an-ninh.txt"}},
		{"-đề án chuyển đổi số", []string{"nong-thon.txt", "do-thi.txt", "tien-do.txt", "de-nghi.txt", "an-ninh.txt"}},
		{`-đề án loại:"kế hoạch"`, []string{"nong-thon.txt", "do-thi.txt", "an-ninh.txt"}},
		{"chuyển đổi số -đề án -an ninh", []string{"de-nghi.txt"}},
	}
	for _, c := range cases {
		final := searchNames(t, a, names, Request{Query: c.query})
		if !sameSet(final, c.want) {
			t.Errorf("Search(%q) = %v, want %v", c.query, final, c.want)
		}
		res, err := a.SearchAsTyped(context.Background(), Request{Query: c.query + " "})
		if err != nil {
			t.Fatalf("SearchAsTyped(%q): %v", c.query, err)
		}
		if res.Total != len(c.want) {
			t.Errorf("SearchAsTyped(%q) = %d, want %d", c.query+" ", res.Total, len(c.want))
		}
	}
	// While the last word is typed, it completes beside the one before it.
	res, err := a.SearchAsTyped(context.Background(), Request{Query: "nông thôn OR đô th"})
	if err != nil || res.Total != 2 {
		t.Errorf("SearchAsTyped(nông thôn OR đô th) = %v, %v; want 2", res, err)
	}
}
