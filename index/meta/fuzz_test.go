package meta

import (
	"strings"
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

// oneLine is strings.Join(strings.Fields(s), " ").
func TestOneLine(t *testing.T) {
	for _, s := range []string{"", " ", "a", " Quyết  tâm\n\tsố 12 \r\n", "a\u00a0b\u3000c\u2003d\u1680e\u0085f", "ẠẢ\u2028x", "\xc2 \xe1\xe2\x80", "\xf0\xe1\x9a\x80z", "đ\u200bc",
		"a\u2000b\u200ac\u200bd\u2028e\u2029f\u202fg\u205fh\u2060i\u3000j\u3001k", "x \xe2\x80", "x \xe3\x80", "x\xe1\x9a", "\xe1\xc2\xa0y",
		"một  hai", "một hai ", " một", "a b\nc d\u00a0 e"} {
		if got, want := oneLine(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzOneLine(f *testing.F) {
	f.Add(" Quyết  tâm\n\tsố 12 \r\n")
	f.Add("a\u00a0b\u3000c")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := oneLine(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("oneLine(%q) = %q, want %q", s, got, want)
		}
	})
}

// dashes is what replaceDashes does, as strings.Replacer does it.
var dashes = strings.NewReplacer("\u2010", "-", "\u2011", "-", "\u2012", "-", "\u2013", "-", "\u2014", "-", "\u2015", "-", "\u2212", "-", "\t", "    ")

func TestReplaceDashes(t *testing.T) {
	for _, s := range []string{"", "a", "a\tb", "\t\t", "Độc lập – Tự do", "a\u2010b", "\u2015", "x\u2212", "“trích”…", "\u2016\u2009\u2211",
		"\xe2\x80", "\xe2\x80\x93", "\xe2\xe2\x80\x93x", "12\u2013KH\u2014UBND\t", "\u2212\u2212"} {
		if got, want := replaceDashes(s), dashes.Replace(s); got != want {
			t.Errorf("replaceDashes(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzReplaceDashes(f *testing.F) {
	f.Add("Độc lập – Tự do")
	f.Add("“a”\u2212\t")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := replaceDashes(s), dashes.Replace(s); got != want {
			t.Fatalf("replaceDashes(%q) = %q, want %q", s, got, want)
		}
	})
}
