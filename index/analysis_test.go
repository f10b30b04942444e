package index

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"golang.org/x/text/unicode/norm"

	"khovanban/index/vntext"
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

// TestTermCounterCountsLikeOneDocument checks that a termCounter, going
// from document to document with what it remembers (and forgetting it
// when it has seen too many spellings), counts every text field as
// documentTerms does and cuts the same shingles as shingle.
func TestTermCounterCountsLikeOneDocument(t *testing.T) {
	var docs []*Document
	add := func(title, text string) {
		docs = append(docs, &Document{ID: fmt.Sprint(len(docs)), Title: title, Text: text})
	}
	add("", "")
	add("Kế hoạch", "")
	add("", "Quyết tâm xây dựng nông thôn mới, QUYẾT TÂM hoà hòa uỷ ủy 12-KH/HU")
	add("Báo cáo", testDocs["bc-typo.txt"]+norm.NFD.String(testDocs["bc-typo.txt"]))
	add(norm.NFD.String("Ủy ban nhân dân"), testDocs["kh-quyet-tam.txt"])
	// The country's name and motto, counted out (motto.go): at the start,
	// side by side, broken, at the end, decomposed, in a title (kept).
	for _, d := range mottoDocs {
		add("Kế hoạch", d)
	}
	add("Độc lập - Tự do - Hạnh phúc", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc")
	add("", "xã hội Độc lập tự chủ, Độc lập Tự do Hạnh phúc Hạnh phúc. Cộng hòa xã hội chủ nghĩa Việt Nam")
	add("", norm.NFD.String("Số 12 CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM Việt Nam độc lập"))
	engine := engineDocs(3, 30)
	for i, name := range slices.Sorted(maps.Keys(engine)) {
		add(fmt.Sprintf("Văn bản số %d về cán bộ", i), engine[name])
	}
	describe := func(f *termsField) string {
		if f == nil {
			return "none"
		}
		m := map[string]int{}
		for k, tf := range f.AnalyzedTokenFrequencies() {
			if k != string(tf.Term) {
				t.Errorf("term %q filed under %q", tf.Term, k)
			}
			m[k] = tf.Frequency()
		}
		return fmt.Sprint(f.Name(), " ", f.AnalyzedLength(), " ", f.NumPlainTextBytes(), " ", m)
	}
	remembered := 0
	for _, limit := range []int{termCounterMax, 20} {
		tc := newTermCounter(limit)
		for round := range 2 { // the second time, every spelling is known
			for _, d := range docs {
				terms, sh := tc.analyze(d)
				got := terms.fields()
				want := documentTerms(d)
				for _, c := range [][2]*termsField{{got.exact, want.exact}, {got.folded, want.folded}, {got.pairs, want.pairs},
					{got.titleExact, want.titleExact}, {got.titleFolded, want.titleFolded}} {
					if g, w := describe(c[0]), describe(c[1]); g != w {
						t.Errorf("limit %d, round %d, document %s:\n got %.300s\nwant %.300s", limit, round, d.ID, g, w)
					}
				}
				// A bulk build's fields, read as the patched zapx reads them
				// (VisitTermFreqs): each term once, as counted. A term counted
				// out with the motto and met again was listed twice.
				lazy := terms.lazyFields(&fieldScratch{})
				for _, c := range [][2]*termsField{{lazy.exact, want.exact}, {lazy.folded, want.folded}, {lazy.pairs, want.pairs},
					{lazy.titleExact, want.titleExact}, {lazy.titleFolded, want.titleFolded}} {
					if c[0] == nil || c[1] == nil {
						if (c[0] == nil) != (c[1] == nil) {
							t.Errorf("document %s: lazy field %v, counted %v", d.ID, c[0], c[1])
						}
						continue
					}
					visited := map[string]int{}
					c[0].VisitTermFreqs(func(term string, freq int) {
						if _, twice := visited[term]; twice {
							t.Errorf("limit %d, document %s: %s lists %q twice", limit, d.ID, c[0].Name(), term)
						}
						visited[term] = freq
					})
					counted := map[string]int{}
					for k, tf := range c[1].AnalyzedTokenFrequencies() {
						counted[k] = tf.Frequency()
					}
					if !maps.Equal(visited, counted) {
						t.Errorf("limit %d, document %s: %s visits %.300v, counted %.300v", limit, d.ID, c[0].Name(), visited, counted)
					}
				}
				wsh := shingle(d.Text)
				if !slices.Equal(sh.hashes, wsh.hashes) || !slices.Equal(sh.pairs, wsh.pairs) || !slices.Equal(sh.sample, wsh.sample) {
					t.Errorf("limit %d, document %s: shingles differ (%d/%d hashes, pairs %q against %q)", limit, d.ID, len(sh.hashes), len(wsh.hashes), sh.pairs, wsh.pairs)
				}
			}
		}
		if limit == termCounterMax {
			remembered = len(tc.spellings)
		} else if len(tc.spellings) >= remembered {
			t.Errorf("a counter limited to 20 spellings remembers %d, as many as one without limit", len(tc.spellings))
		}
	}
}

// TestTextWordsAreFoldedSyllables: the words an import files a document
// by (classify.Input's BodyWords) are its text's syllables, each folded,
// without its title's, for every document a counter analyses in turn.
func TestTextWordsAreFoldedSyllables(t *testing.T) {
	tc := newTermCounter(termCounterMax)
	for _, d := range []*Document{
		{Title: "Kế hoạch số 12", Text: "Quyết tâm xây dựng NÔNG THÔN mới, 3cần - COVID-19."},
		{Text: "Quye\u0302\u0301t ta\u0302m \u0301 - Đảng ủy"},
		{Title: "Chỉ có tiêu đề"},
	} {
		tc.analyze(d)
		var want []string
		vntext.ForEachToken(d.Text, func(tok vntext.Token) { want = append(want, vntext.Fold(tok.Text)) })
		if got := tc.textWords(); !slices.Equal(got, want) {
			t.Errorf("%q: textWords %q, want %q", d.Text, got, want)
		}
	}
}
