package extract

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"khovanban/index/vntext"
)

// Some phone scanning apps (Adobe Scan for Android among them) write the
// text layer of a scanned page in a one-byte font keeping only the low
// byte of each letter's code point: "ộ" (U+1ED9) becomes 0xD9, read "Ù";
// "ư" (U+01B0) 0xB0, read "°"; "đ" (U+0111) 0x11, a control character;
// "CỘNG HÒA" reads "CØNG HÒA". pdftotext gives the same garbage. Each
// byte stands for at most three letters (U+00xx, U+01xx, U+1Exx), so a
// word is read back as the spelling that is a Vietnamese syllable, the
// more common one when several are.

// commonSyllables lists frequent Vietnamese syllables, most frequent
// first: those occurring at least 100 times in 10,000 documents of the
// project's generated corpus (vncorpus, seed 1), up to 7 bytes.
//
//go:embed common_syllables.txt
var commonSyllables string

// encLowByte is Result.Encoding for text read back from low bytes.
const encLowByte = "low-byte"

// lowByteMarks are the runes only such text has inside words: the low
// bytes of Ă ă Đ đ.
const lowByteMarks = "\x02\x03\x10\x11"

// lowByteDecoder reads low-byte text back; build it with newLowByteDecoder.
type lowByteDecoder struct {
	letters [256][]rune    // the letters whose code point ends in each byte
	rank    map[string]int // common syllable → its rank (lower is more common)
}

func newLowByteDecoder() *lowByteDecoder {
	d := &lowByteDecoder{rank: map[string]int{}}
	add := func(r rune) { d.letters[r&0xFF] = append(d.letters[r&0xFF], r) }
	// A byte's own letter first, so that a tie keeps the text as it is.
	for r := rune('A'); r <= 'z'; r++ {
		if unicode.IsLetter(r) {
			add(r)
		}
	}
	for _, r := range "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư" {
		add(r)
	}
	for r := rune(0x1EA0); r <= 0x1EF9; r++ {
		add(r)
	}
	for i, s := range strings.Fields(commonSyllables) {
		if _, ok := d.rank[s]; !ok {
			d.rank[s] = i
		}
	}
	return d
}

// lowByteRune reports whether r may stand for a letter in low-byte text.
func (d *lowByteDecoder) lowByteRune(r rune) bool {
	if r > 0xFF {
		if b, ok := runeToByte(r); ok { // a Windows-1252 special
			r = rune(b)
		} else {
			return false
		}
	}
	return len(d.letters[r]) > 0 || r == '(' || r == ')'
}

// fixLowByte reads text back when it is low-byte text: words hold the
// marks of Ă ă Đ đ, and the words read as Vietnamese syllables once read
// back clearly more often than as they are. It returns the text and
// whether it was changed.
func fixLowByte(text string) (string, bool) {
	if !strings.ContainsAny(text, lowByteMarks) {
		return text, false
	}
	d := newLowByteDecoder()
	var b strings.Builder
	b.Grow(len(text))
	marked := 0
	rawValid, fixedValid, words := 0, 0, 0
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !d.lowByteRune(r) || r == '(' || r == ')' {
			b.WriteString(text[i : i+n])
			i += n
			continue
		}
		j := i
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if !d.lowByteRune(r) {
				break
			}
			j += n
		}
		word := text[i:j]
		fixed := d.word(word)
		if fixed != word || strings.ContainsAny(word, lowByteMarks) || hasNonASCII(word) {
			words++
			if strings.ContainsAny(word, lowByteMarks) {
				marked++
			}
			if vntext.IsSyllable(word) {
				rawValid++
			}
			if vntext.IsSyllable(fixed) {
				fixedValid++
			}
		}
		b.WriteString(fixed)
		i = j
	}
	if marked < 3 || float64(fixedValid-rawValid) < 0.1*float64(words) {
		return text, false
	}
	return b.String(), true
}

// maxLowByteSpellings bounds the spellings tried for one word.
const maxLowByteSpellings = 512

// word reads one word back: the most common of its spellings that are
// syllables, else the first that is, else the word as it is.
func (d *lowByteDecoder) word(w string) string {
	runes := []rune(w)
	if len(runes) > 10 {
		return w
	}
	// A bracket is a letter only inside a word ("NGH(A" is NGHĨA).
	choices := make([][]rune, len(runes))
	n := 1
	for i, r := range runes {
		b := r
		if r > 0xFF {
			c, _ := runeToByte(r)
			b = rune(c)
		}
		switch {
		case (r == '(' || r == ')') && (i == 0 || i == len(runes)-1 && r == '('):
			choices[i] = []rune{r}
		case r == '(':
			choices[i] = []rune{'Ĩ'}
		case r == ')':
			choices[i] = []rune{'ĩ'}
		default:
			choices[i] = d.letters[b]
		}
		if len(choices[i]) == 0 {
			choices[i] = []rune{r}
		}
		n *= len(choices[i])
		if n > maxLowByteSpellings {
			return w
		}
	}
	best, bestRank := "", len(d.rank)+1
	first := ""
	spelling := make([]rune, len(runes))
	var try func(i int)
	try = func(i int) {
		if i == len(runes) {
			s := string(spelling)
			if !wordCase(spelling) || !vntext.IsSyllable(s) {
				return
			}
			if first == "" {
				first = s
			}
			if rank, ok := d.rank[strings.ToLower(s)]; ok && rank < bestRank {
				best, bestRank = s, rank
			}
			return
		}
		for _, c := range choices[i] {
			spelling[i] = c
			try(i + 1)
		}
	}
	try(0)
	switch {
	case best != "":
		return best
	case first != "":
		return first
	}
	return w
}

// wordCase reports whether a word is written in lower case, in capitals,
// or with a capital first.
func wordCase(w []rune) bool {
	lower, upper := 0, 0
	for _, r := range w[1:] {
		switch {
		case unicode.IsLower(r):
			lower++
		case unicode.IsUpper(r):
			upper++
		}
	}
	return upper == 0 || lower == 0 && unicode.IsUpper(w[0])
}
