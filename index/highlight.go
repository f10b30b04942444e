package index

import (
	"context"
	"slices"

	"khovanban/index/vntext"
)

// Highlight returns where a query matches a document's text, for a reader
// to mark and step through: by the rules that pick snippets (see
// highlighter), so that the reader and the result list agree. A quoted
// phrase is one range where it stands whole; a word is a range wherever it
// stands, in any spelling, or only in the spelling typed when it was typed
// with accents and the text has that spelling (as the search ranks those
// first); the unfinished last word of a query typed as-you-type only next
// to the word typed before it. Excluded words, OR and filters mark
// nothing. A malformed query returns a *QueryError.
func (a *Archive) Highlight(ctx context.Context, query string, asYouType bool, text string) ([]Range, error) {
	clauses, err := parseQuery(query, asYouType)
	if err != nil {
		return nil, err
	}
	clauses = a.joinFilterValues(ctx, clauses)
	h := newHighlighter(clauses)
	return h.ranges(clauses, text), nil
}

// ranges finds the query's words and phrases in the whole of text.
func (h *highlighter) ranges(clauses []clause, text string) []Range {
	if h.none() {
		return nil
	}
	typed := typedSpellings(clauses)
	tokens, spelt, prefixAt := h.tokens(text, typed)
	var out []Range
	for i, tk := range tokens {
		switch {
		case prefixAt[i]:
			out = append(out, tk.Range)
		case tk.word && !(spelt[tk.folded] && tk.key != typed[tk.folded]):
			out = append(out, tk.Range)
		}
	}
	out = append(out, h.phraseRanges(tokens)...)
	slices.SortFunc(out, func(a, b Range) int { return a.Start - b.Start })
	return mergeRanges(out)
}

// typedSpellings are the words typed with accents, by folded form: marked
// only in that spelling when the text has it. A word also typed without
// accents marks every spelling, and is not among them.
func typedSpellings(clauses []clause) map[string]string {
	typed := map[string]string{}
	anyForm := map[string]bool{}
	for _, c := range clauses {
		if c.negate || c.kind == clauseFilter || c.kind == clausePhrase && len(c.words) > 1 {
			continue
		}
		for _, w := range c.words {
			f := vntext.Fold(w)
			if vntext.HasMarks(w) {
				typed[f] = vntext.Key(w)
			} else {
				anyForm[f] = true
			}
		}
	}
	for f := range anyForm {
		delete(typed, f)
	}
	return typed
}

// markToken is a token of a text being marked.
type markToken struct {
	Range
	folded, key string
	word        bool // a word of the query (not of a phrase only)
}

// tokens reads text's tokens; spelt tells which words typed with accents
// (typed) the text has in that spelling, and prefixAt which tokens the
// unfinished last word matches.
func (h *highlighter) tokens(text string, typed map[string]string) (tokens []markToken, spelt map[string]bool, prefixAt map[int]bool) {
	spelt, prefixAt = map[string]bool{}, map[int]bool{}
	vntext.ForEachToken(text, func(t vntext.Token) {
		f := vntext.Fold(t.Text)
		tk := markToken{Range: Range{t.Start, t.End}, folded: f}
		i := len(tokens)
		if h.words[f] {
			tk.word = true
			if want, ok := typed[f]; ok {
				tk.key = vntext.Key(t.Text)
				spelt[f] = spelt[f] || tk.key == want
			}
		} else if h.prefix != "" && len(f) >= len(h.prefix) && f[:len(h.prefix)] == h.prefix &&
			(h.after == "" || i > 0 && tokens[i-1].folded == h.after) {
			prefixAt[i] = true
		}
		tokens = append(tokens, tk)
	})
	return tokens, spelt, prefixAt
}

// phraseRanges are the whole occurrences of the phrases among tokens, each
// one range, first word to last.
func (h *highlighter) phraseRanges(tokens []markToken) []Range {
	var out []Range
	for _, phrase := range h.phrases {
		for i := 0; i+len(phrase) <= len(tokens); i++ {
			match := true
			for j, w := range phrase {
				if tokens[i+j].folded != w {
					match = false
					break
				}
			}
			if match {
				out = append(out, Range{tokens[i].Start, tokens[i+len(phrase)-1].End})
				i += len(phrase) - 1
			}
		}
	}
	return out
}

// mergeRanges joins ranges sorted by start that overlap: a word that is
// also inside a phrase occurrence is marked once.
func mergeRanges(out []Range) []Range {
	merged := out[:0]
	for _, r := range out {
		if n := len(merged); n > 0 && r.Start < merged[n-1].End {
			merged[n-1].End = max(merged[n-1].End, r.End)
			continue
		}
		merged = append(merged, r)
	}
	return merged
}
