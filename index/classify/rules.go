package classify

import (
	"fmt"
	"strings"
	"unicode"

	"khovanban/index/vntext"
)

// words returns the folded words of s for phrase matching: no accents, no
// case, punctuation ignored, and digits split from letters glued to them
// ("3cần" → "3", "can"; "COVID-19" → "covid", "19").
func words(s string) []string {
	// Folding the whole text once keeps the words as slices of one string.
	f := vntext.Fold(s)
	out := make([]string, 0, len(f)/5)
	vntext.ForEachToken(f, func(t vntext.Token) {
		out = appendSplit(out, t.Text)
	})
	return out
}

// bodyWords are the words of in's body: words(in.Text), or the same cut
// from the syllables the caller folded. Folding is done rune by rune and
// keeps letters, digits and combining marks (the runes that make
// syllables) apart from the rest, so the syllables of the folded text are
// the folded syllables of the text, but for a syllable of combining marks
// alone, which folds to nothing.
func bodyWords(in Input) []string {
	if in.BodyWords == nil {
		return words(in.Text)
	}
	if !needSplit(in.BodyWords) {
		// Almost always: a copy of every document's words was 4% of what
		// an import allocated.
		return in.BodyWords
	}
	out := make([]string, 0, len(in.BodyWords)+len(in.BodyWords)/8)
	for _, w := range in.BodyWords {
		if w != "" {
			out = appendSplit(out, w)
		}
	}
	return out
}

// needSplit reports whether bodyWords would change ws: an empty word, or
// one where digits meet letters (which are ASCII bytes apart from every
// other rune's).
func needSplit(ws []string) bool {
	for _, w := range ws {
		if w == "" {
			return true
		}
		for i := 1; i < len(w); i++ {
			if isASCIIDigit(w[i]) != isASCIIDigit(w[i-1]) {
				return true
			}
		}
	}
	return false
}

func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }

// appendSplit appends w, split where digits meet letters.
func appendSplit(out []string, w string) []string {
	start := 0
	prevDigit := false
	for i, r := range w {
		d := r >= '0' && r <= '9'
		if i > 0 && d != prevDigit {
			out = append(out, w[start:i])
			start = i
		}
		prevDigit = d
	}
	return append(out, w[start:])
}

// validate checks a category at position self (or -1 for a new one)
// against the others.
func (r *Registry) validate(c Category, self int) error {
	if strings.TrimSpace(c.Name) == "" {
		return fmt.Errorf("category with no name: %w", ErrInvalid)
	}
	if c.Kind != Campaign && c.Kind != Topic {
		return fmt.Errorf("%q: kind %q: %w", c.Name, c.Kind, ErrInvalid)
	}
	if i := r.index(c.Kind, c.Name); i >= 0 && i != self {
		return fmt.Errorf("%s %q: %w", c.Kind, c.Name, ErrExists)
	}
	if c.Parent != "" {
		if err := r.validParent(c, self); err != nil {
			return err
		}
	}
	for i, rule := range c.Rules {
		if err := validateRule(i+1, rule); err != nil {
			return fmt.Errorf("%s %q: %w", c.Kind, c.Name, err)
		}
	}
	return nil
}

// validParent checks that the parent exists, has the same kind and does
// not make a cycle.
func (r *Registry) validParent(c Category, self int) error {
	name := c.Parent
	for range len(r.cats) + 1 {
		if nameKey(name) == nameKey(c.Name) {
			return fmt.Errorf("%q under itself: %w", c.Name, ErrInvalid)
		}
		i := r.index(c.Kind, name)
		if i < 0 {
			return fmt.Errorf("parent %q of %q: %w", name, c.Name, ErrNotFound)
		}
		if i == self || r.cats[i].Parent == "" {
			return nil
		}
		name = r.cats[i].Parent
	}
	return fmt.Errorf("%q: parents make a cycle: %w", c.Name, ErrInvalid)
}

func hasDigit(s string) bool {
	return strings.IndexFunc(s, unicode.IsDigit) >= 0
}

// describe writes a rule term the way the user interface shows why a
// document was filed: `cụm từ "3 không - 3 cần"`, `số hiệu 03-CT/TW`.
func describe(kind RuleKind, terms []string) string {
	switch kind {
	case Number:
		return "số hiệu " + strings.Join(terms, ", ")
	case Regex:
		return `biểu thức "` + terms[0] + `"`
	case All:
		q := make([]string, len(terms))
		for i, t := range terms {
			q[i] = `"` + t + `"`
		}
		return "đủ các cụm từ " + strings.Join(q, ", ")
	default:
		return `cụm từ "` + terms[0] + `"`
	}
}
