package vntext

import (
	"bytes"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// IsSyllable reports whether word is a well-formed Vietnamese syllable:
// an initial consonant, a rhyme that Vietnamese spelling allows, and at
// most one tone mark, with a stop ending (-p, -t, -c, -ch) only under the
// sắc or nặng tone. Case, NFC/NFD and old or new tone placement do not
// matter. It is meant for telling Vietnamese text from mis-decoded bytes,
// so it is lenient about rare spellings but rejects most foreign words.
func IsSyllable(word string) bool {
	if word == "" || len(word) > 32 {
		return false
	}
	var buf [64]byte
	base, tone, ok := splitTone(buf[:0], word)
	if !ok || len(base) == 0 {
		return false
	}
	rhymes := validRhymes()
	for _, on := range onsets {
		if !bytes.HasPrefix(base, []byte(on)) {
			continue
		}
		rhyme := base[len(on):]
		if !rhymes[string(rhyme)] {
			continue
		}
		if isStopRhyme(string(rhyme)) && tone != '\u0301' && tone != '\u0323' {
			continue
		}
		return true
	}
	return false
}

// splitTone appends word to dst in lower case without its tone mark and
// returns it with the tone mark as a combining rune (0 for the level
// tone). ok is false when word has more than one tone or characters that
// are not Vietnamese letters. Precomposed letters go through toneTable;
// only decomposed (NFD) words take the slower normalising path.
func splitTone(dst []byte, word string) (base []byte, tone rune, ok bool) {
	table := toneTable()
	for _, r := range word {
		if r >= 0x300 && r <= 0x36F {
			return splitToneNFD(dst[:0], word)
		}
		r = unicode.ToLower(r)
		if t, found := table[r]; found {
			if t.tone != 0 {
				if tone != 0 {
					return nil, 0, false
				}
				tone = t.tone
			}
			dst = utf8.AppendRune(dst, t.base)
			continue
		}
		if r < 'a' || r > 'z' {
			return nil, 0, false
		}
		dst = append(dst, byte(r))
	}
	return dst, tone, true
}

// splitToneNFD is splitTone for words with combining marks.
func splitToneNFD(dst []byte, word string) ([]byte, rune, bool) {
	if base, tone, ok, sure := splitToneMarks(dst, word); sure {
		return base, tone, ok
	}
	return splitToneNorm(dst, word)
}

// splitToneNorm is splitToneNFD by normalising: word decomposed, its tone
// marks taken out, and composed again.
func splitToneNorm(dst []byte, word string) ([]byte, rune, bool) {
	var tone rune
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(word)) {
		if isToneMark(r) {
			if tone != 0 {
				return nil, 0, false
			}
			tone = r
			continue
		}
		b.WriteRune(r)
	}
	for _, r := range norm.NFC.String(b.String()) {
		if !(r >= 'a' && r <= 'z') && !strings.ContainsRune("ăâêôơưđ", r) {
			return nil, 0, false
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst, tone, true
}

// splitToneMarks is splitToneNFD without normalising, for the words it
// can tell apart rune by rune, the way Windows-1258 writes them (letters
// with their other marks precomposed, the tone a combining mark after):
// sure is false for a word with any other combining mark or any rune
// neither in toneTable nor a..z, which splitToneNFD normalises. Each rune
// it takes makes the same letter and tone as its decomposition would,
// and the letters' marks stay with their own letter, so the result is
// splitToneNFD's (TestSplitToneMarks). Normalising twice was a third of
// guessing a Windows-1258 file's encoding.
func splitToneMarks(dst []byte, word string) (base []byte, tone rune, ok, sure bool) {
	table := toneTable()
	for _, r := range word {
		r = unicode.ToLower(r)
		if isToneMark(r) {
			if tone != 0 {
				return nil, 0, false, true
			}
			tone = r
			continue
		}
		if r >= 0x300 && r <= 0x36F || r == 'ṍ' || r == 'ṹ' {
			// ṍ and ṹ decompose with two tone marks (a tilde and an
			// acute), which toneTable takes as one.
			return nil, 0, false, false
		}
		if t, found := table[r]; found {
			if t.tone != 0 {
				if tone != 0 {
					return nil, 0, false, true
				}
				tone = t.tone
			}
			dst = utf8.AppendRune(dst, t.base)
			continue
		}
		if r < 'a' || r > 'z' {
			return nil, 0, false, false
		}
		dst = append(dst, byte(r))
	}
	return dst, tone, true, true
}

func isToneMark(r rune) bool {
	return r == '\u0300' || r == '\u0301' || r == '\u0303' || r == '\u0309' || r == '\u0323'
}

// toned is a lower-case Vietnamese letter split into its letter without
// tone and its tone mark.
type toned struct{ base, tone rune }

// toneTable maps every precomposed lower-case Vietnamese letter other than
// a..z (à, ấ, ơ, ự, đ, ...) to its letter without tone and its tone. Built
// at its first use.
var toneTable = sync.OnceValue(buildToneTable)

func buildToneTable() map[rune]toned {
	m := map[rune]toned{}
	for r := rune(0xC0); r <= 0x1EFF; r++ {
		if !unicode.IsLower(r) {
			continue
		}
		var tone rune
		var rest []rune
		for _, d := range norm.NFD.String(string(r)) {
			if isToneMark(d) {
				tone = d
			} else {
				rest = append(rest, d)
			}
		}
		base := []rune(norm.NFC.String(string(rest)))
		if len(base) != 1 || !(base[0] >= 'a' && base[0] <= 'z') && !strings.ContainsRune("ăâêôơưđ", base[0]) {
			continue
		}
		m[r] = toned{base: base[0], tone: tone}
	}
	return m
}

func isStopRhyme(rhyme string) bool {
	return strings.HasSuffix(rhyme, "p") || strings.HasSuffix(rhyme, "t") ||
		strings.HasSuffix(rhyme, "c") || strings.HasSuffix(rhyme, "ch")
}

// onsets are the initial consonants, longest first so that "ngh" is tried
// before "ng"; the empty onset comes last. Every prefix that matches is
// tried, so "gìn" is g + in and "giá" is gi + a.
var onsets = []string{
	"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
	"b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
}

// validRhymes is every rhyme (vowel nucleus plus ending) without its
// tone. Built at its first use.
var validRhymes = sync.OnceValue(buildRhymes)

func buildRhymes() map[string]bool {
	m := make(map[string]bool)
	open := "a e ê i y o ô ơ u ư ai ao au ay âu ây eo êu ia iu oa oe oi ôi ơi ua uê ui uy " +
		"ưa ưi ưu ươi ươu oai oay oao oeo uây uôi iêu yêu uya uyu uơ ươ uâ"
	for _, r := range strings.Fields(open) {
		m[r] = true
	}
	// nucleus: the endings it takes.
	closed := map[string]string{
		"a": "m n ng nh p t c ch", "ă": "m n ng p t c", "â": "m n ng p t c",
		"e": "m n ng p t c", "ê": "m n nh p t ch", "i": "m n nh p t ch",
		"o": "m n ng p t c", "ô": "m n ng p t c", "ơ": "m n p t",
		"u": "m n ng p t c", "ư": "m n ng t c", "y": "n nh t ch",
		"iê": "m n ng p t c", "yê": "m n ng t", "uô": "m n ng t c",
		"ươ": "m n ng p t c", "oa": "m n ng nh p t c ch", "oă": "m n ng t c",
		"oe": "m n t", "uâ": "n ng t", "uê": "n nh ch", "uy": "n nh t ch",
		"uyê": "n t", "oo": "ng c",
	}
	for nucleus, endings := range closed {
		for _, e := range strings.Fields(endings) {
			m[nucleus+e] = true
		}
	}
	return m
}
