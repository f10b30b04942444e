package index

import (
	"context"
	"slices"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestHighlight(t *testing.T) {
	a := newTestArchive(t)
	const text = "Căn cứ Kế hoạch, cán bộ, đảng viên quyết tâm thực hiện; nhất là cán bộ trẻ. Nhất là, trong các xã, nhất là trong các thôn. Cần có cạn kiệt."
	// The archive holds the spellings typed (else the search, and so the
	// marks, take every spelling: TestHighlightSpellings).
	importDocs(t, a, map[string]string{"a.txt": text})
	marked := func(q string, asYouType bool) []string {
		t.Helper()
		rs, err := a.Highlight(context.Background(), q, asYouType, text)
		if err != nil {
			t.Fatalf("Highlight(%q): %v", q, err)
		}
		var out []string
		for _, r := range rs {
			out = append(out, text[r.Start:r.End])
		}
		return out
	}
	for _, c := range []struct {
		q         string
		asYouType bool
		want      []string
	}{
		// A phrase is one mark, only where it stands whole (punctuation
		// between its words does not part them, as in the search).
		{`"nhất là trong các"`, false, []string{"Nhất là, trong các", "nhất là trong các"}},
		// Typed with accents: that spelling, not "Căn", "Cần", "cạn".
		{"cán bộ", false, []string{"cán", "bộ", "cán", "bộ"}},
		// Without accents: every spelling.
		{"can", false, []string{"Căn", "cán", "cán", "Cần", "cạn"}},
		// The unfinished last word, next to the word before it.
		{"quyet ta", true, []string{"quyết", "tâm"}},
		// Whole, it is marked wherever it stands, as the search and the
		// snippets take it ("thực" does not follow "quyết").
		{"quyet thuc", true, []string{"quyết", "thực"}},
		// Alone, an unfinished word is the start of any spelling.
		{"cán", true, []string{"Căn", "cán", "cán", "Cần", "cạn"}},
		// Excluded words and filters mark nothing.
		{"cán -bộ năm:2014", false, []string{"cán", "cán"}},
		{`"cán bộ" trẻ`, false, []string{"cán bộ", "cán bộ", "trẻ"}},
		{"", false, nil},
	} {
		got := marked(c.q, c.asYouType)
		if len(got) != len(c.want) {
			t.Errorf("%q: marked %q, want %q", c.q, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%q: marked %q, want %q", c.q, got, c.want)
				break
			}
		}
	}
	if _, err := a.Highlight(context.Background(), `"không đóng`, false, text); err == nil {
		t.Error("an unclosed quote gave no error")
	}
}

// TestHighlightSpellings: a word typed with accents marks only that
// spelling, in any case, as the search takes it; without accents, every
// spelling; a spelling no document of the archive holds, every spelling
// (the search falls back so). Usertest finding 1: "ban vận động" marked
// "ĐỒNG" of "LÂM ĐỒNG" in a text without "động".
func TestHighlightSpellings(t *testing.T) {
	a := newTestArchive(t)
	importDocs(t, a, map[string]string{
		"a.txt": "Người đứng đầu phải nêu gương; NEU GUONG; nếu. Ban vận động thành lập hội. Quyết tâm xây dựng.",
		"b.txt": "Căn cứ Nghị quyết, cán bộ cần nắm chắc; CÁN BỘ không để cạn kiệt.",
	})
	const (
		guong   = "Người đứng đầu phải nêu gương; NEU GUONG; nếu"
		lamDong = "UBND TỈNH LÂM ĐỒNG\nTờ trình về việc ban hành Kế hoạch tuyên truyền của tỉnh Lâm Đồng; VẬN ĐỘNG"
		can     = "Căn cứ Nghị quyết, cán bộ cần nắm chắc; CÁN BỘ không để cạn kiệt"
		quyet   = "quyet tam cua dang bo; Quyết tâm; QUYẾT TÂM; quyết tám"
	)
	for _, c := range []struct {
		name, q, text string
		want          []string
	}{
		{"typed with accents: that spelling only", "nêu gương ", guong, []string{"nêu", "gương"}},
		{"the unfinished last word next to the one before", "nêu gương", guong, []string{"nêu", "gương", "GUONG"}},
		{"without accents: every spelling", "neu guong ", guong, []string{"nêu", "gương", "NEU", "GUONG", "nếu"}},
		{"an excluded word marks nothing", "nêu -gương ", guong, []string{"nêu"}},
		{"an unfinished word alone: any spelling", "gươ", guong, []string{"gương", "GUONG"}},
		{"OR", "gương OR xyz", guong, []string{"gương"}},
		{"typed both ways: every spelling", "nêu neu", guong, []string{"nêu", "NEU", "nếu"}},
		{"a spelling no document holds: every spelling", "nều gường ", guong, []string{"nêu", "gương", "NEU", "GUONG", "nếu"}},
		{"finding 1: động is not Đồng, even where the text lacks động", "ban vận động -pickleball", lamDong, []string{"ban", "VẬN", "ĐỘNG"}},
		{"finding 1, the text without vận động", "ban vận động ", "UBND TỈNH LÂM ĐỒNG; ban hành", []string{"ban"}},
		{"any case", "cán bộ ", can, []string{"cán", "bộ", "CÁN", "BỘ"}},
		{"NFD text", "cán bộ ", norm.NFD.String(can), []string{norm.NFD.String("cán"), norm.NFD.String("bộ"), norm.NFD.String("CÁN"), norm.NFD.String("BỘ")}},
		{"a phrase typed with accents: where it stands so spelt", `"quyết tâm"`, quyet, []string{"Quyết tâm", "QUYẾT TÂM"}},
		{"a phrase without accents: every spelling", `"quyet tam"`, quyet, []string{"quyet tam", "Quyết tâm", "QUYẾT TÂM", "quyết tám"}},
		{"a phrase's word in a spelling nobody holds: that word in any", `"quyết tầm"`, quyet, []string{"Quyết tâm", "QUYẾT TÂM", "quyết tám"}},
		{"a phrase with a filter", `"nêu gương" năm:2016`, guong, []string{"nêu gương"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			rs, err := a.Highlight(context.Background(), c.q, true, c.text)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range rs {
				got = append(got, c.text[r.Start:r.End])
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("%q marks %q, want %q", c.q, got, c.want)
			}
		})
	}
}
