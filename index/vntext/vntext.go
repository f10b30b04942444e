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

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}
