// Package vntext holds the Vietnamese text rules that indexing, searching,
// importing and metadata reading all share: Unicode normalisation, one tone
// placement for old and new spelling, diacritic folding and syllable
// tokenisation.
package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode normalisation form C, the form every text and
// query is kept in. It returns s itself when s is already NFC.
func NFC(s string) string {
	if plainNFC(s) || norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}

// plainNFC is a fast check for the text Vietnamese documents are made of:
// a string whose runes are all below U+0300 (ASCII and Latin letters), in
// Latin Extended Additional (U+1E00–U+1EFF, where the precomposed
// Vietnamese letters live) or general punctuation without the two
// singleton spaces (U+2010–U+206F) has no combining mark and nothing that
// decomposes, so it is NFC. Anything else goes to the full check.
func plainNFC(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !(r < 0x300 || r >= 0x1E00 && r <= 0x1EFF || r >= 0x2010 && r <= 0x206F) {
			return false
		}
		i += n
	}
	return true
}

// Clean returns s as NFC with the invisible differences that word
// processors add folded away: no-break and other Unicode spaces become a
// plain space, and soft hyphens and zero-width characters are dropped.
// Line breaks are kept.
func Clean(s string) string {
	if cleanNFC(s) {
		return s
	}
	s = NFC(s)
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\u00ad' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff':
			continue
		case r == '\r':
			continue
		case r != '\n' && r != '\t' && unicode.IsSpace(r):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// cleanNFC is plainNFC and isClean in one pass over the bytes of s,
// without decoding the runes of Vietnamese letters: a text is read by
// Clean three times on its way into the archive (its reader, extract's
// tidying, the metadata reader), and almost always goes through as it is.
// It says yes only for well-formed UTF-8 of the runes plainNFC takes
// (below U+0300, U+1E00–U+1EFF, U+2010–U+206F) with nothing Clean
// changes; anything else goes to those two checks.
func cleanNFC(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			if c == '\r' {
				return false
			}
			i++
		case c >= 0xC2 && c <= 0xCB: // U+0080–U+02FF
			if i+1 >= len(s) || s[i+1]&0xC0 != 0x80 {
				return false
			}
			if c == 0xC2 && (s[i+1] == 0x85 || s[i+1] == 0xA0 || s[i+1] == 0xAD) {
				return false // the two Unicode spaces and the soft hyphen
			}
			i += 2
		case c == 0xE1: // U+1E00–U+1EFF: the precomposed Vietnamese letters
			if i+2 >= len(s) || s[i+1] < 0xB8 || s[i+1] > 0xBB || s[i+2]&0xC0 != 0x80 {
				return false
			}
			i += 3
		case c == 0xE2: // U+2010–U+206F: dashes, quotes, dots
			if i+2 >= len(s) || s[i+2]&0xC0 != 0x80 {
				return false
			}
			b, d := s[i+1], s[i+2]
			if !(b == 0x80 && d >= 0x90 || b == 0x81 && d <= 0xAF) ||
				b == 0x80 && (d == 0xA8 || d == 0xA9 || d == 0xAF) || b == 0x81 && d == 0x9F {
				return false // outside them, or U+2028, U+2029, U+202F, U+205F (spaces)
			}
			i += 3
		default:
			return false
		}
	}
	return true
}

// isClean reports whether Clean would leave s as it is: no carriage
// returns and no Unicode space or invisible character.
func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\r':
			return false
		case c < utf8.RuneSelf:
			continue
		case c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3 || c == 0xEF:
			// Lead bytes of the runes Clean changes: U+0080–U+00BF (no-break
			// space, soft hyphen), U+1680, U+2000–U+206F, U+3000, U+FEFF.
			r, _ := utf8.DecodeRuneInString(s[i:])
			if r == '\u00ad' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || unicode.IsSpace(r) {
				return false
			}
		}
	}
	return true
}

// Key returns the exact search form of one word: NFC, lower case, with the
// tone mark of "oa", "oe" and "uy" at the end of a syllable always on the
// second vowel, so that old and new spellings meet (hòa = hoà, ủy = uỷ).
func Key(word string) string {
	if isLowerASCII(word) {
		return word
	}
	w := strings.ToLower(NFC(word))
	return canonicalTone(w)
}

// isLowerASCII reports whether s has only ASCII characters and no capital.
func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || (s[i] >= 'A' && s[i] <= 'Z') {
			return false
		}
	}
	return true
}

// Fold returns the diacritic-free search form of one word: lower case,
// without tone or vowel marks, đ as d ("Quyết" → "quyet", "Đảng" → "dang").
func Fold(word string) string {
	if isLowerASCII(word) {
		return word
	}
	var b strings.Builder
	b.Grow(len(word))
	for _, r := range word {
		if r < utf8.RuneSelf {
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		}
		if f, ok := foldRune(r); ok {
			if f != 0 {
				b.WriteRune(f)
			}
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			continue // a combining mark left by NFD text
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// HasMarks reports whether s has any Vietnamese diacritic (or đ), that is
// whether Fold changes more than its case.
func HasMarks(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf {
			continue
		}
		if _, ok := foldRune(r); ok {
			return true
		}
		if unicode.Is(unicode.Mn, r) {
			return true
		}
	}
	return false
}

// Token is one word of a text, with its byte offsets in that text.
type Token struct {
	Text       string
	Start, End int
}

// Tokens splits s into words: runs of letters, digits and combining marks.
// Offsets are bytes into s, so marks can be placed on the original text.
func Tokens(s string) []Token {
	var out []Token
	ForEachToken(s, func(t Token) { out = append(out, t) })
	return out
}

// ForEachToken calls fn for every word of s in order, without allocating a
// slice; see Tokens.
func ForEachToken(s string, fn func(Token)) {
	start := -1
	for i, r := range s {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			fn(Token{Text: s[start:i], Start: start, End: i})
			start = -1
		}
	}
	if start >= 0 {
		fn(Token{Text: s[start:], Start: start, End: len(s)})
	}
}

// isWordRune reports whether r is part of a syllable: a letter, a digit
// or a combining mark. The blocks Vietnamese text is written in are
// answered without Unicode's tables, whose binary searches were most of
// a tokeniser's time on a letter past U+00FF (ư, ơ, đ and every letter
// with a tone mark); TestWordRuneBlocks holds them to the tables.
func isWordRune(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	case r >= 0xC0 && r <= 0x24F: // Latin-1's letters, Latin Extended-A and -B
		return r != 0xD7 && r != 0xF7 // × and ÷
	case r >= 0x1E00 && r <= 0x1EFF: // Latin Extended Additional: letters with tones
		return true
	case r >= 0x300 && r <= 0x36F: // combining marks (NFD text)
		return true
	}
	return wordRuneByTables(r)
}

// wordRuneByTables is isWordRune by Unicode's tables alone.
func wordRuneByTables(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}
