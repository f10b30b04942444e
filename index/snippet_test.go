package index

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"khovanban/index/vntext"
)

// TestSnippetSpacesOneEach: a snippet is one line of words with one space
// between them, whatever stood between them in the text: a blank line, a
// line or page end, the spaces that set a table's cells apart (usertest
// s13: "Sở Nội vụ  Sở Xây dựng" with a double gap in the list); its
// marks stay on the words found.
func TestSnippetSpacesOneEach(t *testing.T) {
	a := newTestArchive(t)
	dir := t.TempDir()
	text := "KẾ HOẠCH\nTriển khai xây dựng nông thôn mới năm 2025\n\n" +
		"Nơi nhận:\n- Sở Nội vụ;    - Sở Xây dựng;\n- Sở Tài chính;\t\tSở Y tế;\n\n\n" +
		"Kính gửi các đơn vị\fxây dựng\u00a0nông thôn mới và\r\nđô thị văn minh.\n"
	if err := os.WriteFile(filepath.Join(dir, "kh.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Import(context.Background(), []string{dir}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"sở xây dựng", "so y te", "đô thị", "nông thôn", ""} {
		res, err := a.Search(context.Background(), Request{Query: q, Limit: 10})
		if err != nil || res.Total != 1 {
			t.Fatalf("%q: %v, %d hits", q, err, res.Total)
		}
		s := res.Hits[0].Snippet
		if strings.Contains(s.Text, "  ") || strings.ContainsAny(s.Text, "\n\r\t\v\f") {
			t.Errorf("%q: snippet %q has a gap of more than one space", q, s.Text)
		}
		if q == "" {
			continue
		}
		words := map[string]bool{}
		for _, w := range strings.Fields(q) {
			words[vntext.Fold(w)] = true
		}
		if len(s.Marks) == 0 {
			t.Errorf("%q: nothing marked in %q", q, s.Text)
		}
		for _, m := range s.Marks {
			if w := vntext.Fold(s.Text[m.Start:m.End]); !words[w] {
				t.Errorf("%q: mark %q in %q is not a word of the query", q, s.Text[m.Start:m.End], s.Text)
			}
		}
	}
	res, err := a.Search(context.Background(), Request{Query: "sở xây dựng", Limit: 1})
	if err != nil || !strings.Contains(res.Hits[0].Snippet.Text, "Sở Nội vụ; - Sở Xây dựng; - Sở Tài chính; Sở Y tế; Kính gửi") {
		t.Errorf("snippet %q", res.Hits[0].Snippet.Text)
	}
	res, err = a.Search(context.Background(), Request{Query: "đô thị", Limit: 1})
	if err != nil || !strings.Contains(res.Hits[0].Snippet.Text, "đơn vị xây dựng") || !strings.Contains(res.Hits[0].Snippet.Text, "mới và đô thị văn minh") {
		t.Errorf("snippet %q", res.Hits[0].Snippet.Text)
	}
}

// TestWriteSpaced: every line or page end a text may hold reads as one
// space, a run of spaces of any kind as one; a single no-break or thin
// space between two words stays.
func TestWriteSpaced(t *testing.T) {
	for in, want := range map[string]string{
		"mới,\vđô":              "mới, đô",
		"mới,\u2028đô":          "mới, đô",
		"mới,\u2029đô":          "mới, đô",
		"mới,\u0085đô":          "mới, đô",
		"mới, \n\n  đô":         "mới, đô",
		"Số\u00a0215":           "Số\u00a0215",
		"Số\u00a0\u00a0215":     "Số 215",
		"a\u2009b  c\t d":       "a\u2009b c d",
		"không có khoảng trắng": "không có khoảng trắng",
	} {
		var b strings.Builder
		writeSpaced(&b, in)
		if b.String() != want {
			t.Errorf("%q: %q, want %q", in, b.String(), want)
		}
	}
}
