package index

import (
	"fmt"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	bindex "github.com/blevesearch/bleve_index_api"
	"golang.org/x/text/unicode/norm"
)

// TestTextFieldsCountLikeBleve checks that the fields counted in one pass
// hold what Bleve would count from the analyzers' token streams.
func TestTextFieldsCountLikeBleve(t *testing.T) {
	texts := []string{
		"",
		"Quyết tâm",
		testDocs["kh-quyet-tam.txt"],
		testDocs["bc-typo.txt"] + norm.NFD.String(testDocs["bc-typo.txt"]),
		"cán bộ Cán Bộ CÁN BỘ cán bộ, cán bộ; hoà hòa uỷ ủy 12-KH/HU 12-KH/HU",
	}
	for _, d := range engineDocs(3, 20) {
		texts = append(texts, d)
	}
	describe := func(length int, tfs bindex.TokenFrequencies) string {
		m := map[string]string{}
		for k, tf := range tfs {
			if k != string(tf.Term) {
				t.Errorf("term %q filed under %q", tf.Term, k)
			}
			m[k] = fmt.Sprint(tf.Frequency())
		}
		return fmt.Sprint(length, m)
	}
	for i, s := range texts {
		exact, folded, pairs := textFields([]string{s}, "x", "f", "p")
		streams := analyzeText(s)
		for _, c := range []struct {
			got  *termsField
			want analysis.TokenStream
		}{{exact, streams.exact}, {folded, streams.folded}, {pairs, streams.pairs}} {
			want := describe(len(c.want), analysis.TokenFrequency(c.want, nil, bindex.IndexField))
			if got := describe(c.got.AnalyzedLength(), c.got.AnalyzedTokenFrequencies()); got != want {
				t.Errorf("text %d, field %s:\n got %.300s\nwant %.300s", i, c.got.Name(), got, want)
			}
		}
	}
}
