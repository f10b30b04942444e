package vntext

import (
	"strings"

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
	base, tone, ok := splitTone(strings.ToLower(word))
	if !ok || base == "" {
		return false
	}
	for _, on := range onsets {
		if !strings.HasPrefix(base, on) {
			continue
		}
		rhyme := base[len(on):]
		if !validRhymes[rhyme] {
			continue
		}
		if isStopRhyme(rhyme) && tone != '\u0301' && tone != '\u0323' {
			continue
		}
		return true
	}
	return false
}

// splitTone returns word without its tone mark, and the tone mark as a
// combining rune (0 for the level tone). ok is false when word has more
// than one tone or characters that are not Vietnamese letters.
func splitTone(word string) (base string, tone rune, ok bool) {
	var b strings.Builder
	for _, r := range norm.NFD.String(word) {
		switch r {
		case '\u0300', '\u0301', '\u0303', '\u0309', '\u0323':
			if tone != 0 {
				return "", 0, false
			}
			tone = r
		default:
			b.WriteRune(r)
		}
	}
	base = norm.NFC.String(b.String())
	for _, r := range base {
		if !(r >= 'a' && r <= 'z') && !strings.ContainsRune("ăâêôơưđ", r) {
			return "", 0, false
		}
	}
	return base, tone, true
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

// validRhymes is every rhyme (vowel nucleus plus ending) without its tone.
var validRhymes = buildRhymes()

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
