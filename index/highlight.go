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
	// Words typed with accents, by folded form: marked only in that
	// spelling when the text has it. A word also typed without accents
	// marks every spelling.
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

	type token struct {
		Range
		folded, key string
		word        bool // a word of the query (not of a phrase only)
	}
	var tokens []token
	spelt := map[string]bool{}
	prefixAt := map[int]bool{}
	vntext.ForEachToken(text, func(t vntext.Token) {
		f := vntext.Fold(t.Text)
		tk := token{Range: Range{t.Start, t.End}, folded: f}
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
	var out []Range
	for i, tk := range tokens {
		switch {
		case prefixAt[i]:
			out = append(out, tk.Range)
		case tk.word && !(spelt[tk.folded] && tk.key != typed[tk.folded]):
			out = append(out, tk.Range)
		}
	}
	// Each whole occurrence of a phrase is one range, first word to last.
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
	slices.SortFunc(out, func(a, b Range) int { return a.Start - b.Start })
	// A word that is also inside a phrase occurrence is marked once.
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
