package index

import (
	"strings"
	"unicode"

	"khovanban/index/classify"
	"khovanban/index/vntext"
)

// typedValue is a value a person typed or pasted for field (the command
// line's edit, the window's edit form, a group's details, a pack's
// corrections), as it is stored: vntext.Clean's tidying, then no
// character a screen or a terminal acts on instead of showing. Control
// characters (escape sequences, the bell, NUL) become a space; format
// characters (right-to-left and other direction overrides and isolates,
// zero-width joiners, word joiners, tags) are dropped, since they turn
// what the window and the listings show round or hide part of it (a
// right-to-left override before "fdp.exe" draws it "exe.pdf"). Only the
// notes keep their lines: a line feed or tab there stays, and a line or
// paragraph separator is a line feed; elsewhere each is a space.
func typedValue(field, v string) string {
	lines := field == FieldNotes
	if lines {
		v = strings.NewReplacer("\u2028", "\n", "\u2029", "\n").Replace(v) // before Clean makes them spaces
	}
	return strings.TrimSpace(shownOnly(vntext.Clean(v), lines))
}

// shownOnly is v without the characters typedValue takes out: each
// control a space and each format character dropped, but line feeds and
// tabs kept when lines.
func shownOnly(v string, lines bool) string {
	if strings.IndexFunc(v, unshown) < 0 {
		return v
	}
	return strings.Map(func(r rune) rune {
		switch {
		case lines && (r == '\n' || r == '\t'):
			return r
		case unicode.Is(unicode.Cf, r):
			return -1
		case unshown(r):
			return ' '
		}
		return r
	}, v)
}

// unshown reports whether r is a character a field stores otherwise:
// a control (line feeds and tabs too), a format character, or a line or
// paragraph separator.
func unshown(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029'
}

// typedOp is a change of the campaigns or topics with the names and the
// description a person typed as typedValue stores them (the description
// keeps its lines, as notes do), and the rules' terms without those
// characters (an expression's spaces are its own). The name acted on is
// left as given: it names one that exists.
func typedOp(op RegistryOp) RegistryOp {
	line := func(s string) string { return typedValue("", s) }
	rules := func(rules []classify.Rule) []classify.Rule {
		out := make([]classify.Rule, len(rules))
		for i, r := range rules {
			out[i] = classify.Rule{Kind: r.Kind, Terms: make([]string, len(r.Terms))}
			for j, t := range r.Terms {
				out[i].Terms[j] = shownOnly(t, false)
			}
		}
		return out
	}
	op.NewName = line(op.NewName)
	c := &op.Category
	c.Name, c.Parent, c.Description = line(c.Name), line(c.Parent), typedValue(FieldNotes, c.Description)
	if c.Rules != nil {
		c.Rules = rules(c.Rules)
	}
	if op.Rules != nil {
		op.Rules = rules(op.Rules)
	}
	return op
}
