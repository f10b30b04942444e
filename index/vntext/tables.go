package vntext

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldTable maps every precomposed Latin letter with marks that Vietnamese
// (and its neighbours in Windows-1252) uses to its bare lower-case letter,
// and lone combining marks to 0 (dropped). It is built at its first use
// (not at start-up, which a command-line search waits for) and never
// changed.
var foldTable = sync.OnceValue(buildFoldTable)

func buildFoldTable() map[rune]rune {
	t := make(map[rune]rune, 512)
	for r := rune(0x00C0); r <= 0x024F; r++ {
		addFold(t, r)
	}
	for r := rune(0x1E00); r <= 0x1EFF; r++ {
		addFold(t, r)
	}
	t['đ'], t['Đ'] = 'd', 'd'
	for _, r := range "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b" {
		t[r] = 0
	}
	return t
}

func addFold(t map[rune]rune, r rune) {
	if !unicode.IsLetter(r) {
		return
	}
	d := []rune(norm.NFD.String(string(r)))
	if len(d) < 2 || d[0] >= 0x80 {
		return
	}
	t[r] = unicode.ToLower(d[0])
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
