package index

import (
	"context"
	"strings"
	"testing"
)

func TestHighlight(t *testing.T) {
	a := newTestArchive(t)
	const text = "Căn cứ Kế hoạch, cán bộ, đảng viên quyết tâm thực hiện; nhất là cán bộ trẻ. Nhất là, trong các xã, nhất là trong các thôn. Cần có cạn kiệt."
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

// TestHighlightSpellings: a word typed with accents is marked in that
// spelling when the text has it, as the search ranks it first.
func TestHighlightSpellings(t *testing.T) {
	a := newTestArchive(t)
	text := "Người đứng đầu phải nêu gương; NEU GUONG; nếu"
	cases := map[string]int{
		// Typed with accents, the words spelt so are marked, not "nếu"
		// ("if") nor the unaccented capitals, when the text has them.
		"nêu gương ":           2,
		"nêu gương":            3, // "gương" may be unfinished: "GUONG" too
		"neu guong ":           5, // without accents: every spelling
		"nêu -gương ":          1,
		`"nêu gương" năm:2016`: 2, // the phrase, one mark each time it stands
		"gươ":                  2,
		"gương OR xyz":         1,
		"nêu neu":              3, // typed both ways: every "neu"
		"nều gường":            5, // no such spelling here: every one
	}
	for q, want := range cases {
		rs, err := a.Highlight(context.Background(), q, true, text)
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != want {
			t.Errorf("%q: %d marks, want %d", q, len(rs), want)
		}
	}
	text = "Căn cứ Nghị quyết, cán bộ cần nắm chắc; CÁN BỘ không để cạn kiệt"
	rs, err := a.Highlight(context.Background(), "cán bộ ", true, text)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rs {
		got = append(got, text[r.Start:r.End])
	}
	if strings.Join(got, ",") != "cán,bộ,CÁN,BỘ" {
		t.Errorf("cán bộ marks %q", got)
	}
}
