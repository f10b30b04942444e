package index

import (
	"context"
	"strings"
	"testing"
)

// accentDocs hold "đô thị" and "nêu gương", and documents that hold the
// same syllables only with other accents ("Tự do", "đó", "độ", "thi đua",
// "Nguyễn Thị", "nếu"), which outnumber them.
var accentDocs = map[string]string{
	"do-thi.txt":     "Kế hoạch chỉnh trang đô thị văn minh năm 2024.\nXây dựng đô thị xanh, sạch, đẹp.",
	"nong-thon.txt":  "Kế hoạch xây dựng nông thôn mới nâng cao năm 2024.\nNêu gương người tốt việc tốt ở nông thôn.",
	"thu-do.txt":     "Báo cáo về thủ đô và các chỉ thị của cấp trên; bà Nguyễn Thị Lan dự họp.",
	"tu-do.txt":      "Báo cáo tự do tín ngưỡng; đồng chí Trần Thị Hoa phát biểu.",
	"tien-do.txt":    "Báo cáo tiến độ thi công; việc đó xong trước thời hạn.",
	"thi-dua.txt":    "Kế hoạch thi đua: mức độ hoàn thành; nếu chậm thì báo cáo do ai chịu trách nhiệm.",
	"neu-guong.txt":  "Hướng dẫn: cán bộ nêu gương trong học tập.",
	"neu-chua.txt":   "Công văn: nếu chưa xong thì gương mẫu làm lại; nếu được thì báo.",
	"neu-gương2.txt": "Thông báo: nếu cán bộ làm gương thì tốt.",
}

// TestAccentsTypedMeanThoseAccents checks that a word typed with accents
// matches those accents only, in the final search (the command line) and
// as the window searches while typing, with and without a space after the
// last word: one answer, the documents that hold the words so spelt.
func TestAccentsTypedMeanThoseAccents(t *testing.T) {
	a := newTestArchive(t)
	names := idNames(importDocs(t, a, accentDocs))
	cases := []struct {
		query string
		want  []string
		first string
	}{
		{"đô thị", []string{"do-thi.txt", "thu-do.txt"}, "do-thi.txt"},
		{"nêu gương", []string{"neu-guong.txt", "nong-thon.txt"}, ""},
		// Without accents, every spelling; "đô thị" side by side first.
		{"do thi", []string{"do-thi.txt", "thu-do.txt", "tu-do.txt", "tien-do.txt", "thi-dua.txt"}, "do-thi.txt"},
		{"neu guong", []string{"neu-guong.txt", "nong-thon.txt", "neu-chua.txt", "neu-gương2.txt"}, ""},
		// A spelling the archive does not hold (a word still being
		// composed, "quyêt" before its tone): every spelling.
		{"nêú gương", []string{"neu-guong.txt", "nong-thon.txt", "neu-gương2.txt", "neu-chua.txt"}, ""},
	}
	for _, c := range cases {
		final := searchNames(t, a, names, Request{Query: c.query})
		if !sameSet(final, c.want) {
			t.Errorf("Search(%q) = %v, want %v", c.query, final, c.want)
		}
		if c.first != "" && (len(final) == 0 || final[0] != c.first) {
			t.Errorf("Search(%q) ranked %v, want %s first", c.query, final, c.first)
		}
		for _, typed := range []string{c.query, c.query + " "} {
			res, err := a.SearchAsTyped(context.Background(), Request{Query: typed})
			if err != nil {
				t.Fatalf("SearchAsTyped(%q): %v", typed, err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, names[h.ID])
			}
			if !sameSet(got, final) || res.Total != len(final) {
				t.Errorf("SearchAsTyped(%q) = %v (%d), Search(%q) = %v", typed, got, res.Total, c.query, final)
			}
		}
	}
}

// TestSnippetMarksTypedAccents checks that the snippet of a hit marks a
// word typed with accents only in that spelling when the text has it: the
// words the search found, not "do" and "thi" of other words.
func TestSnippetMarksTypedAccents(t *testing.T) {
	a := newTestArchive(t)
	importDocs(t, a, map[string]string{"mix.txt": "Báo cáo tự do thi đua; chỉnh trang đô thị văn minh."})
	res, err := a.Search(context.Background(), Request{Query: "đô thị"})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("Search(đô thị) = %v, %v", res, err)
	}
	sn := res.Hits[0].Snippet
	var marked []string
	for _, m := range sn.Marks {
		marked = append(marked, sn.Text[m.Start:m.End])
	}
	if len(marked) != 2 || marked[0] != "đô" || marked[1] != "thị" {
		t.Errorf("snippet %q marks %q, want [đô thị]", sn.Text, marked)
	}
}

// TestSnippetPrefersWordsSideBySide checks that a snippet shows where the
// words typed stand side by side rather than a passage where one of them
// stands twice apart (names with "Thị" before "Hạ tầng và Đô thị").
func TestSnippetPrefersWordsSideBySide(t *testing.T) {
	a := newTestArchive(t)
	filler := strings.Repeat("các thành viên làm việc theo quy chế của ban ", 5)
	importDocs(t, a, map[string]string{"ban.txt": "Mời bà Lê Thị Lan, ủy viên; bà Trần Thị Hoa, ủy viên; " + filler + "ông Nam, Phòng Kinh tế, Hạ tầng và Đô thị, ủy viên."})
	res, err := a.Search(context.Background(), Request{Query: "đô thị"})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("Search(đô thị) = %v, %v", res, err)
	}
	if sn := res.Hits[0].Snippet.Text; !strings.Contains(sn, "Đô thị") {
		t.Errorf("snippet %q, want the passage with Đô thị", sn)
	}
}
