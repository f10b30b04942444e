package index

import (
	"context"
	"slices"
	"strings"

	"khovanban/index/vntext"
)

// Highlight returns where a query matches a document's text, for a reader
// to mark and step through, by the search's rules, so that what is marked
// is what made the document a result: a quoted phrase is one range where
// it stands whole; a word is a range wherever it stands, in any spelling
// when typed without accents, and only in the spelling typed (any case)
// when typed with accents, as the search takes it ("động" never marks
// "Đồng"), unless no document of the archive has that spelling (then the
// search takes every spelling, and so do the marks); a phrase's words
// typed with accents likewise; the unfinished last word of a query typed
// as-you-type only next to the word typed before it. Excluded words, OR
// and filters mark nothing, nor does the country's name or motto in a
// heading (motto.go). A malformed query returns a *QueryError.
func (a *Archive) Highlight(ctx context.Context, query string, asYouType bool, text string) ([]Range, error) {
	clauses, err := parseQuery(query, asYouType)
	if err != nil {
		return nil, err
	}
	clauses = a.joinFilterValues(ctx, clauses)
	h := newHighlighter(clauses)
	typed, phrases := typedSpellings(clauses), phraseSpellings(clauses)
	a.dropUnheldSpellings(typed, phrases)
	return h.ranges(text, typed, phrases), nil
}

// dropUnheldSpellings forgets the spellings typed with accents that no
// live document holds: the search takes every spelling of those words
// (wordNode's Fallback, a Phrase's Spelt), and the marks follow it. When
// the index cannot be read, the spellings are kept.
func (a *Archive) dropUnheldSpellings(typed map[string]string, phrases map[string][]string) {
	var keys []string
	for _, k := range typed {
		keys = append(keys, k)
	}
	for _, ks := range phrases {
		for _, k := range ks {
			if k != "" {
				keys = append(keys, k)
			}
		}
	}
	if len(keys) == 0 {
		return
	}
	snap, err := a.snapshot()
	if err != nil {
		return
	}
	defer snap.Close()
	df, err := snap.DocFreqs(fieldExact, keys)
	if err != nil {
		return
	}
	held := map[string]bool{}
	for i, k := range keys {
		held[k] = held[k] || df[i] > 0
	}
	for f, k := range typed {
		if !held[k] {
			delete(typed, f)
		}
	}
	for _, ks := range phrases {
		for i, k := range ks {
			if !held[k] {
				ks[i] = ""
			}
		}
	}
}

// ranges finds the query's words and phrases in the whole of text: typed
// are the words to mark only as spelt (folded → key), phrases the words of
// each phrase to match as spelt (by the phrase folded; "" for any spelling).
func (h *highlighter) ranges(text string, typed map[string]string, phrases map[string][]string) []Range {
	if h.none() {
		return nil
	}
	tokens, prefixAt := h.tokens(text)
	var out []Range
	for i, tk := range tokens {
		switch {
		case prefixAt[i]:
			out = append(out, tk.Range)
		case tk.word:
			if want, ok := typed[tk.folded]; !ok || vntext.Key(text[tk.Start:tk.End]) == want {
				out = append(out, tk.Range)
			}
		}
	}
	out = append(out, h.phraseRanges(text, tokens, phrases)...)
	if h.motto {
		// The country's name and motto make no document a result.
		spans := mottoSpans(text)
		out = slices.DeleteFunc(out, func(r Range) bool {
			for _, s := range spans {
				if r.Start >= s[0] && r.Start < s[1] {
					return true
				}
			}
			return false
		})
	}
	slices.SortFunc(out, func(a, b Range) int { return a.Start - b.Start })
	return mergeRanges(out)
}

// typedSpellings are the words typed with accents, by folded form: marked
// only in that spelling. A word also typed without accents marks every
// spelling, and is not among them.
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

// phraseSpellings are the quoted phrases' words as typed, by the phrase
// folded ("quyet tam" → ["quyết", "tâm"]): a word typed with accents
// matches only that spelling where the phrase stands, as in the search; a
// word typed without them (in any one of the phrases that fold alike) is
// "", any spelling.
func phraseSpellings(clauses []clause) map[string][]string {
	out := map[string][]string{}
	for _, c := range clauses {
		if c.negate || c.kind != clausePhrase || len(c.words) < 2 {
			continue
		}
		key := strings.Join(foldAll(c.words), " ")
		keys := make([]string, len(c.words))
		for i, w := range c.words {
			if vntext.HasMarks(w) {
				keys[i] = vntext.Key(w)
			}
		}
		if prev, ok := out[key]; ok {
			for i := range keys {
				if prev[i] != keys[i] {
					keys[i] = ""
				}
			}
		}
		out[key] = keys
	}
	return out
}

// markToken is a token of a text being marked.
type markToken struct {
	Range
	folded string
	word   bool // a word of the query (not of a phrase only)
}

// tokens reads text's tokens; prefixAt tells which tokens the unfinished
// last word matches.
func (h *highlighter) tokens(text string) (tokens []markToken, prefixAt map[int]bool) {
	prefixAt = map[int]bool{}
	vntext.ForEachToken(text, func(t vntext.Token) {
		f := vntext.Fold(t.Text)
		tk := markToken{Range: Range{t.Start, t.End}, folded: f}
		i := len(tokens)
		if h.words[f] {
			tk.word = true
		} else if h.prefix != "" && (f == h.prefix || len(f) > len(h.prefix) && f[:len(h.prefix)] == h.prefix &&
			(h.after == "" || i > 0 && tokens[i-1].folded == h.after)) {
			// The unfinished word matches as the finished word would too,
			// wherever it stands, as in the search and the snippets.
			prefixAt[i] = true
		}
		tokens = append(tokens, tk)
	})
	return tokens, prefixAt
}

// phraseRanges are the whole occurrences of the phrases among tokens, each
// one range, first word to last; the words typed with accents (spelt, by
// the phrase folded) only where they stand so spelt.
func (h *highlighter) phraseRanges(text string, tokens []markToken, spelt map[string][]string) []Range {
	var out []Range
	for _, phrase := range h.phrases {
		keys := spelt[strings.Join(phrase, " ")]
		for i := 0; i+len(phrase) <= len(tokens); i++ {
			match := true
			for j, w := range phrase {
				tk := tokens[i+j]
				if tk.folded != w || j < len(keys) && keys[j] != "" && vntext.Key(text[tk.Start:tk.End]) != keys[j] {
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

// Finds reports whether a request finds any of the documents ids (the
// formats of one text: the list shows them as one row), its query read as
// SearchAsTyped reads it when req.AsYouType: for a reader that must say
// when the document it shows is not among the results, also when they are
// more than the list has loaded.
func (a *Archive) Finds(ctx context.Context, req Request, ids ...string) (bool, error) {
	found, err := a.allIDs(ctx, req)
	if err != nil {
		return false, err
	}
	return slices.ContainsFunc(found, func(id string) bool { return slices.Contains(ids, id) }), nil
}
