package index

import (
	"context"
	"strings"

	"khovanban/index/internal/engine"
	"khovanban/index/internal/parallel"
	"khovanban/index/vntext"
)

// numberKey is the form a số hiệu is indexed and looked up in: folded,
// without spaces and without a leading "Số", so "Số: 45/KH-UBND",
// "45/kh-ubnd" and "45 / KH-UBND" meet, as do "05-NQ/ĐU" and "05-NQ/DU".
func numberKey(s string) string {
	s = strings.TrimSpace(vntext.Fold(vntext.NFC(s)))
	for _, p := range []string{"so:", "so "} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			s = rest
			break
		}
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case ' ', '\t', '\u00a0':
			continue
		case '–', '—', '‐':
			r = '-'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// A typed number should find the document that bears it before those
// citing it. A bearer whose number was read ranks first by its number
// field (numberBoost), but one whose number was not read (a scan, a header
// the reader did not follow) has only its words, and a document citing
// the number three times outranks it. So the best hits of a query with a
// number are read again: those whose number, or whose text's header ("Số:
// 471/QĐ-UBND" in its first lines), bears it move to the front, in their
// order.

// bearerWindow is how many of the best hits a typed number reorders.
const bearerWindow = 50

// headerBytes is how much of a document's text holds its header.
const headerBytes = 1500

// numberInQuery is the folded syllables of the first document number
// typed in the query, nil when it has none.
func numberInQuery(clauses []clause) []string {
	for i, c := range clauses {
		if c.negate || c.kind == clauseFilter {
			continue
		}
		if w := typedNumber(clauses, i); w != nil {
			return w
		}
		if w := spacedNumber(clauses, i); w != nil {
			return w
		}
	}
	return nil
}

// bearersFirst moves the hits whose document bears the number (folded
// syllables) to the front, keeping the order of both parts.
func (s *store) bearersFirst(ctx context.Context, hits []engine.Hit, number []string) ([]engine.Hit, error) {
	bear := make([]bool, len(hits))
	err := parallel.Each(ctx, len(hits), func() struct{} { return struct{}{} }, func(_ struct{}, i int) {
		bear[i] = s.bears(hits[i].ID, number)
	})
	if err != nil {
		return nil, err
	}
	var bearers, others []engine.Hit
	for i, h := range hits {
		if bear[i] {
			bearers = append(bearers, h)
		} else {
			others = append(others, h)
		}
	}
	if len(bearers) == 0 {
		return hits, nil
	}
	return append(bearers, others...), nil
}

// bears tells whether a stored document's number, or a "Số" line at the
// start of its text, starts with at least two of the number's syllables
// (typed with spaces, the words after the number may be other words).
func (s *store) bears(id string, number []string) bool {
	d, head, ok := s.headText(id, headerBytes)
	if !ok {
		return false
	}
	if numberStarts(syllables(d.Number), number) {
		return true
	}
	// The header's number follows "Số" (or "SỐ", "Số:"); a citation in the
	// text is "số" in a sentence, or the number alone.
	words := vntext.Tokens(head)
	for i, w := range words {
		if (w.Text == "Số" || w.Text == "SỐ" || w.Text == "So" || w.Text == "SO") && i+1 < len(words) {
			var after []string
			for _, a := range words[i+1 : min(len(words), i+1+len(number))] {
				after = append(after, a.Text)
			}
			if numberStarts(after, number) {
				return true
			}
		}
	}
	return false
}

// numberStarts tells whether the syllables of a number (as written) and
// the typed number's folded syllables begin alike over at least two of
// them, and over all of the shorter.
func numberStarts(have, typed []string) bool {
	n := 0
	for n < len(have) && n < len(typed) && vntext.Fold(have[n]) == typed[n] {
		n++
	}
	return n >= 2 && (n == len(typed) || n == len(have) || n >= 3)
}

// numberFilter matches so:value. A number typed short finds the longer
// ones it starts: 12-KH finds 12-KH/HU, 37/CT finds 37/CT-UBND. A whole
// number, its digits and two codes or more (12/TB-UBND, 12-KH/ĐU), finds
// the documents bearing that number, not 12/TB-UBND-VP; both however it
// is spelt ("12 / tb - ubnd", "12/TB–UBND"). When no document bears it
// (its number was not read), the documents whose text holds it: a filter
// that found nothing would hide the one sought, and one that always let
// the text in would bring every document citing it.
func numberFilter(value string) engine.Node {
	words := foldAll(syllables(value))
	if len(words) == 0 {
		return engine.None{}
	}
	key := numberKey(value)
	first := engine.Node(engine.Or{Parts: []engine.Node{
		engine.Term{Field: fieldNumber, Term: key},
		engine.Prefix{Field: fieldNumber, Prefix: words[0], Words: words},
	}})
	if wholeNumber(words) {
		first = engine.Prefix{Field: fieldNumber, Prefix: words[0], Words: words, Whole: true}
	}
	return engine.Fallback{First: first, Second: newPhraseNode(words, value, 0)}
}

// wholeNumber tells whether a number's folded syllables hold its digits
// and two codes or more: 12/TB-UBND, 12/2026/QĐ-UBND, 215/UBND-VP.
func wholeNumber(words []string) bool {
	codes := 0
	for _, w := range words[1:] {
		if strings.Trim(w, "0123456789") != "" {
			codes++
		}
	}
	return strings.Trim(words[0], "0123456789") == "" && codes >= 2
}
