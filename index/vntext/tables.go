package vntext

import (
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldLatin and foldExtended give the bare lower-case letter of every
// precomposed Latin letter with marks from U+00C0 to U+024F and from U+1E00
// to U+1EFF (Vietnamese and its neighbours in Windows-1252), "." where a
// character is not such a letter; đ and Đ fold to d. Constants, so that
// nothing is built at start-up or at the first search (TestFoldTables
// derives them again from the Unicode decompositions).
const (
	foldLatin = "aaaaaa.ceeeeiiii.nooooo..uuuuy..aaaaaa.ceeeeiiii.nooooo..uuuuy.y" +
		"aaaaaaccccccccddddeeeeeeeeeegggggggghh..iiiiiiiii...jjkk.llllll." +
		"...nnnnnn...oooooo..rrrrrrsssssssstttt..uuuuuuuuuuuuwwyyyzzzzzz." +
		"................................oo.............uu..............." +
		".............aaiioouuuuuuuuuu.aaaa....ggkkoooo..j...gg..nnaa...." +
		"aaaaeeeeiiiioooorrrruuuusstt..hh......aaeeooooooooyy............" +
		"................"
	foldExtended = "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmm" +
		"mmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvv" +
		"wwwwwwwwwwxxxxyyzzzzzzhtwy......aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee" +
		"eeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy......"
)

// foldRune is the bare lower-case letter of a letter with marks; 0 for a
// lone combining mark of Vietnamese (dropped); ok is false for any other
// character.
func foldRune(r rune) (f rune, ok bool) {
	var c byte = '.'
	switch {
	case r >= 0xC0 && r <= 0x24F:
		c = foldLatin[r-0xC0]
	case r >= 0x1E00 && r <= 0x1EFF:
		c = foldExtended[r-0x1E00]
	case r >= 0x300 && r <= 0x323:
		switch r {
		case '\u0300', '\u0301', '\u0303', '\u0309', '\u0323', '\u0302', '\u0306', '\u031b':
			return 0, true
		}
	}
	if c == '.' {
		return 0, false
	}
	return rune(c), true
}

// toneShift lists, for the vowel pairs whose tone mark old and new spelling
// place differently, the old form of the first vowel with a tone (key) and
// the second vowel with that same tone (value's second rune), keyed by the
// second vowel. canonicalTone moves "òa" to "oà", "ủy" to "uỷ" and so on.
// Built at its first use.
var toneShift = sync.OnceValue(buildToneShift)

type shift struct {
	plain  rune // the first vowel without tone
	toned  rune // the second vowel with the tone
	second rune
}

func buildToneShift() map[[2]rune]shift {
	tones := []rune{'\u0300', '\u0301', '\u0303', '\u0309', '\u0323'}
	m := make(map[[2]rune]shift)
	for _, pair := range [][2]rune{{'o', 'a'}, {'o', 'e'}, {'u', 'y'}} {
		for _, tone := range tones {
			first := []rune(norm.NFC.String(string([]rune{pair[0], tone})))[0]
			second := []rune(norm.NFC.String(string([]rune{pair[1], tone})))[0]
			m[[2]rune{first, pair[1]}] = shift{plain: pair[0], toned: second, second: pair[1]}
		}
	}
	return m
}

// canonicalTone rewrites a lower-case NFC word ending in an old-style
// "òa/òe/ùy" to the new style "oà/oè/uỳ".
func canonicalTone(w string) string {
	last, n1 := utf8.DecodeLastRuneInString(w)
	if last != 'a' && last != 'e' && last != 'y' {
		return w
	}
	prev, n2 := utf8.DecodeLastRuneInString(w[:len(w)-n1])
	s, ok := toneShift()[[2]rune{prev, last}]
	if !ok {
		return w
	}
	return w[:len(w)-n1-n2] + string(s.plain) + string(s.toned)
}
