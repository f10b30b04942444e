package index

import (
	"html"
	"strings"

	"khovanban/index/vntext"
)

// Snippet is a short passage of a document's accented text with the words
// that matched the query marked, also when they matched only without
// accents.
type Snippet struct {
	Text  string
	Marks []Range // byte ranges of Text, in order, not overlapping
}

// Range is a half-open byte range.
type Range struct{ Start, End int }

// Marked returns the snippet with each mark wrapped in open and close. With
// html set, the text is escaped for HTML first.
func (s Snippet) Marked(open, close string, escape bool) string {
	esc := func(t string) string {
		if escape {
			return html.EscapeString(t)
		}
		return t
	}
	var b strings.Builder
	at := 0
	for _, m := range s.Marks {
		b.WriteString(esc(s.Text[at:m.Start]))
		b.WriteString(open)
		b.WriteString(esc(s.Text[m.Start:m.End]))
		b.WriteString(close)
		at = m.End
	}
	b.WriteString(esc(s.Text[at:]))
	return b.String()
}

// highlighter finds the query's words in a text.
type highlighter struct {
	words  map[string]bool // folded syllables to mark
	prefix string          // folded unfinished last syllable, if any
}

func newHighlighter(clauses []clause) *highlighter {
	h := &highlighter{words: map[string]bool{}}
	for _, c := range clauses {
		if c.negate || c.kind == clauseFilter {
			continue
		}
		for i, w := range c.words {
			f := vntext.Fold(w)
			if c.prefix && i == len(c.words)-1 {
				h.prefix = f
				continue
			}
			h.words[f] = true
		}
	}
	return h
}

// match reports whether a folded token is one of the query's words.
func (h *highlighter) match(f string) bool {
	return h.words[f] || (h.prefix != "" && strings.HasPrefix(f, h.prefix))
}

// Sizes of a snippet, in syllables.
const (
	snippetWords  = 32
	snippetBefore = 8
)

// snippet picks the passage of text where the query's words are densest.
func (h *highlighter) snippet(text string) Snippet {
	toks := vntext.Tokens(text)
	if len(toks) == 0 {
		return Snippet{}
	}
	hit := make([]bool, len(toks))
	any := false
	seen := make(map[string]bool, 256) // syllables repeat: fold each once
	for i, t := range toks {
		m, ok := seen[t.Text]
		if !ok {
			m = h.match(vntext.Fold(t.Text))
			seen[t.Text] = m
		}
		if m {
			hit[i], any = true, true
		}
	}
	first := 0
	if any {
		best, bestScore := 0, -1
		window := 0
		for i := range toks { // sliding count of hits in [i, i+snippetWords)
			if i == 0 {
				for j := 0; j < snippetWords && j < len(toks); j++ {
					if hit[j] {
						window++
					}
				}
			} else {
				if hit[i-1] {
					window--
				}
				if j := i + snippetWords - 1; j < len(toks) && hit[j] {
					window++
				}
			}
			if hit[i] && window > bestScore {
				best, bestScore = i, window
			}
		}
		first = max(0, best-snippetBefore)
	}
	last := min(len(toks)-1, first+snippetWords-1)
	start, end := toks[first].Start, toks[last].End
	var s Snippet
	var b strings.Builder
	if first > 0 {
		b.WriteString("… ")
	}
	base := b.Len()
	b.WriteString(oneLine(text[start:end]))
	for i := first; i <= last; i++ {
		if hit[i] {
			s.Marks = append(s.Marks, Range{base + toks[i].Start - start, base + toks[i].End - start})
		}
	}
	if last < len(toks)-1 {
		b.WriteString(" …")
	}
	s.Text = b.String()
	return s
}

// oneLine replaces line breaks with spaces without changing byte offsets.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}
