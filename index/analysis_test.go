package index

import (
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"golang.org/x/text/unicode/norm"
)

func terms(ts analysis.TokenStream) []string {
	var out []string
	for _, t := range ts {
		out = append(out, string(t.Term))
	}
	return out
}

func TestAnalyzers(t *testing.T) {
	in := []byte("Quyết tâm HÒA " + norm.NFD.String("đảng"))
	if got, want := terms(analyzeText(string(in)).exact), []string{"quyết", "tâm", "hoà", "đảng"}; !slices.Equal(got, want) {
		t.Errorf("exact = %q, want %q", got, want)
	}
	if got, want := terms(foldedAnalyzer{}.Analyze(in)), []string{"quyet", "tam", "hoa", "dang"}; !slices.Equal(got, want) {
		t.Errorf("folded = %q, want %q", got, want)
	}
	if got, want := terms(analyzeText(string(in)).pairs), []string{"quyet tam", "tam hoa", "hoa dang"}; !slices.Equal(got, want) {
		t.Errorf("pairs = %q, want %q", got, want)
	}
}

// Offsets point at the original text, so marks land on the right letters
// whichever form matched.
func TestAnalysisOffsets(t *testing.T) {
	s := "Số 12-KH/HU: “Quyết tâm” " + norm.NFD.String("Ủy ban")
	got := analyzeText(s)
	for _, ts := range []analysis.TokenStream{got.exact, got.folded, got.pairs} {
		for _, tok := range ts {
			if tok.Start < 0 || tok.End > len(s) || tok.Start >= tok.End {
				t.Fatalf("token %q at %d-%d", tok.Term, tok.Start, tok.End)
			}
		}
	}
	want := []string{"Số", "12", "KH", "HU", "Quyết", "tâm", norm.NFD.String("Ủy"), "ban"}
	for i, tok := range got.folded {
		if s[tok.Start:tok.End] != want[i] {
			t.Errorf("token %d covers %q, want %q", i, s[tok.Start:tok.End], want[i])
		}
	}
	if p := got.pairs[4]; s[p.Start:p.End] != "Quyết tâm" || string(p.Term) != "quyet tam" {
		t.Errorf("pair %q covers %q", p.Term, s[p.Start:p.End])
	}
}
