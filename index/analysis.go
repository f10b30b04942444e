package index

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"khovanban/index/vntext"
)

// How text is split into terms. Every text is split into syllables with
// vntext.Tokens, and each syllable makes terms in three fields:
//
//   - exact: the syllable's Key (lower case, NFC, one tone placement), so
//     that a query typed with accents can rank the exact spelling first;
//     only syllables with marks, as one without marks is its own folded
//     form;
//   - folded: the syllable's Fold (no diacritics, "quyet");
//   - pairs: each pair of adjacent folded syllables as one term
//     ("quyet tam"). Vietnamese words are mostly two syllables, so pair
//     terms make phrase and adjacency queries single-term lookups, and a
//     prefix query on pairs ("quyet ta*") completes the last word as
//     someone types it without losing adjacency.
//
// None of them keeps positions: phrases are matched by their pair terms.
// Documents reach Bleve already counted (textFields, fields.go); Bleve
// analyses only the short filter values, with foldedAnalyzer, and keyword
// fields, with keywordAnalyzer. analyzeText gives the same terms as token
// streams, which the tests hold textFields to.

// analyzerFolded is the index's default analyzer, by its name in Bleve's
// registry.
const analyzerFolded = "vi_folded"

func init() {
	// Bleve finds analyzers by name in its global registry; registering
	// there is the library's only way in.
	registry.RegisterAnalyzer(analyzerFolded, func(map[string]interface{}, *registry.Cache) (analysis.Analyzer, error) {
		return foldedAnalyzer{}, nil
	})
}

// foldedAnalyzer gives the folded terms of a text.
type foldedAnalyzer struct{}

func (foldedAnalyzer) Analyze(input []byte) analysis.TokenStream {
	return analyzeText(string(input)).folded
}

// pair is the term for two adjacent folded syllables.
func pair(a, b string) string { return a + " " + b }

type keywordAnalyzer struct{}

func (keywordAnalyzer) Analyze(input []byte) analysis.TokenStream {
	if len(input) == 0 {
		return nil
	}
	return analysis.TokenStream{{Term: input, Start: 0, End: len(input), Position: 1, Type: analysis.AlphaNumeric}}
}

// textStreams are the exact, folded and pair token streams of one text.
type textStreams struct {
	exact, folded, pairs analysis.TokenStream
}

// analyzeText computes, in one pass over s, the exact, folded and pairs
// token streams of a text. Syllables repeat a lot in
// Vietnamese text, so each distinct one is keyed and folded only once.
func analyzeText(s string) textStreams {
	type forms struct{ key, fold []byte }
	toks := vntext.Tokens(s)
	// Sized for the text: filter values and titles are a few syllables,
	// and a map made for 512 costs 40 kB each time.
	seen := make(map[string]forms, min(512, len(toks)))
	store := make([]analysis.Token, 3*len(toks))
	out := textStreams{
		exact:  make(analysis.TokenStream, 0, len(toks)),
		folded: make(analysis.TokenStream, 0, len(toks)),
		pairs:  make(analysis.TokenStream, 0, len(toks)),
	}
	// Pair terms are cut from one buffer instead of allocated one by one.
	arena := make([]byte, 0, 2*len(s)+len(toks))
	var prevFold []byte
	prevStart := 0
	for i, t := range toks {
		f, ok := seen[t.Text]
		if !ok {
			f = forms{key: []byte(vntext.Key(t.Text)), fold: []byte(vntext.Fold(t.Text))}
			seen[t.Text] = f
		}
		pos := i + 1
		// A syllable without marks is its own folded form: queries look
		// for exact spellings only of words typed with marks, so the
		// exact stream keeps just the syllables that have them.
		if string(f.key) != string(f.fold) {
			x := &store[3*i]
			*x = analysis.Token{Term: f.key, Start: t.Start, End: t.End, Position: pos, Type: analysis.AlphaNumeric}
			out.exact = append(out.exact, x)
		}
		fo := &store[3*i+1]
		*fo = analysis.Token{Term: f.fold, Start: t.Start, End: t.End, Position: pos, Type: analysis.AlphaNumeric}
		out.folded = append(out.folded, fo)
		if prevFold != nil {
			start := len(arena)
			arena = append(append(append(arena, prevFold...), ' '), f.fold...)
			term := arena[start:len(arena):len(arena)]
			p := &store[3*i+2]
			*p = analysis.Token{Term: term, Start: prevStart, End: t.End, Position: i, Type: analysis.Shingle}
			out.pairs = append(out.pairs, p)
		}
		prevFold, prevStart = f.fold, t.Start
	}
	return out
}
