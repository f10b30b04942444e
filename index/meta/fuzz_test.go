package meta

import (
	"testing"
	"unicode/utf8"
)

// FuzzRead checks that Read never panics and keeps its promises on any text.
func FuzzRead(f *testing.F) {
	for _, s := range []string{partyPlan, stateDecision, congVan, draft, article, "", "Số", "Số: 1/", "ngày   tháng   năm 2026", "T/M\nBÍ THƯ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		r := Read(text, Hint{})
		for _, v := range []Value{r.Title, r.Number, r.Type, r.Issuer, r.Date, r.Signer} {
			if v.Confidence < 0 || v.Confidence > 1 || utf8.ValidString(text) && !utf8.ValidString(v.Text) {
				t.Fatalf("bad value %+v", v)
			}
		}
		if r.Date.Text != "" && len(r.Date.Text) != 10 {
			t.Fatalf("bad date %q", r.Date.Text)
		}
	})
}
