package index

import (
	"strings"
	"unicode"

	"khovanban/index/vntext"
)

// typedValue is a value a person typed or pasted for field (the command
// line's edit, the window's edit form, a group's details, a pack's
// corrections), as it is stored: vntext.Clean's tidying, then no
// character a screen or a terminal acts on instead of showing. Control
// characters (escape sequences, the bell, NUL) become a space; format
// characters (right-to-left and other direction overrides and isolates,
// zero-width joiners, word joiners, tags) are dropped, since they turn
// what the window and the listings show round or hide part of it
// ("‮fdp.exe" drawn as "exe.pdf"). Only the notes keep their lines: a
// line feed or tab there stays, and a line or paragraph separator is a
// line feed; elsewhere each is a space.
func typedValue(field, v string) string {
	lines := field == FieldNotes
	if lines {
		v = strings.NewReplacer("\u2028", "\n", "\u2029", "\n").Replace(v) // before Clean makes them spaces
	}
	v = vntext.Clean(v)
	if strings.IndexFunc(v, unshown) < 0 {
		return strings.TrimSpace(v)
	}
	v = strings.Map(func(r rune) rune {
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
	return strings.TrimSpace(v)
}

// unshown reports whether r is a character a field stores otherwise:
// a control (line feeds and tabs too), a format character, or a line or
// paragraph separator.
func unshown(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029'
}
