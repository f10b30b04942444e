package index

import (
	"unicode"
)

// A query typed in the window is searched at each pause of the typing, so
// it is often unfinished: its last word cut short (Request.AsYouType reads
// it as a word start), a single letter just typed, or a phrase whose
// closing quote is still to come. These rules say what is searched
// meanwhile; SearchAsTyped and HighlightAsTyped apply them.

// WaitForMore reports whether the query ends in a single letter being
// typed, which cannot be searched as a word start yet: the window keeps
// what it shows until the next letter.
func WaitForMore(q string) bool {
	r := []rune(q)
	n := len(r)
	if n == 0 || !unicode.IsLetter(r[n-1]) {
		return false
	}
	return n == 1 || !unicode.IsLetter(r[n-2]) && !unicode.IsDigit(r[n-2]) && r[n-2] != ':'
}

// TypingQuery is what to search for while a quoted phrase is being
// typed, before its closing quote: the phrase's words as plain words
// (those next to each other first, the last one maybe unfinished). An
// excluded phrase being typed (-"...) is left out until it is closed. A
// query with its quotes closed is returned as it is.
func TypingQuery(q string) string {
	rs := []rune(q)
	open := -1
	for i, r := range rs {
		if isQuote(r) {
			if open < 0 {
				open = i
			} else {
				open = -1
			}
		}
	}
	switch {
	case open < 0:
		return q
	case open > 0 && rs[open-1] == '-' && (open == 1 || unicode.IsSpace(rs[open-2])):
		return string(rs[:open-1])
	}
	return string(rs[:open]) + string(rs[open+1:])
}
