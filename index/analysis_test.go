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
	if got, want := terms(exactAnalyzer{}.Analyze(in)), []string{"quyết", "tâm", "hoà", "đảng"}; !slices.Equal(got, want) {
		t.Errorf("exact = %q, want %q", got, want)
	}
	if got, want := terms(foldedAnalyzer{}.Analyze(in)), []string{"quyet", "tam", "hoa", "dang"}; !slices.Equal(got, want) {
		t.Errorf("folded = %q, want %q", got, want)
	}
	if got, want := terms(pairAnalyzer{}.Analyze(in)), []string{"quyet tam", "tam hoa", "hoa dang"}; !slices.Equal(got, want) {
		t.Errorf("pairs = %q, want %q", got, want)
	}
}

// The one-pass analysis the index uses must give what the named
// analyzers give, offsets included.
func TestAnalyzeTextMatchesAnalyzers(t *testing.T) {
	for _, s := range []string{"", "một", "Số 12-KH/HU, ngày 14/4/2014: “Quyết tâm” quyết tâm", norm.NFD.String("Ủy ban hòa giải")} {
		got := analyzeText(s)
		for _, c := range []struct {
			name      string
			got, want analysis.TokenStream
		}{
			{"exact", got.exact, exactAnalyzer{}.Analyze([]byte(s))},
			{"folded", got.folded, foldedAnalyzer{}.Analyze([]byte(s))},
			{"pairs", got.pairs, pairAnalyzer{}.Analyze([]byte(s))},
		} {
			if len(c.got) != len(c.want) {
				t.Fatalf("%s(%q): %d tokens, want %d", c.name, s, len(c.got), len(c.want))
			}
			for i := range c.got {
				g, w := c.got[i], c.want[i]
				if string(g.Term) != string(w.Term) || g.Start != w.Start || g.End != w.End {
					t.Errorf("%s(%q)[%d] = %q %d-%d, want %q %d-%d", c.name, s, i, g.Term, g.Start, g.End, w.Term, w.Start, w.End)
				}
			}
		}
	}
}
