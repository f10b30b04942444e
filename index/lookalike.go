package index

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Office names are Vietnamese, written in Latin letters only. Other
// scripts have letters a screen draws the same: Cyrillic "о", "а", "с",
// "р", "е", "Т", "Н", Greek "Ο", "Α", "Ρ"…, and Unicode has wide,
// bold and script forms of the Latin ones (full-width "Ｈ", 𝐇). A
// forger who signs a pack as "Huyện ủy Chợ Mới" written with a
// Cyrillic "о" would otherwise be an office of its own, seen for the
// first time, that reads the same as the known one. So office names are
// compared by their skeleton (officeName): compatibility forms folded
// (NFKC) and each lookalike letter taken as the Latin one it looks like;
// and a name that still holds letters of another script is said to the
// person (TrustLookalike, Signer.Foreign).

// latinLookalike is the Latin letter r looks like on a screen, or r.
func latinLookalike(r rune) rune {
	switch r {
	// Cyrillic capitals.
	case 'А':
		return 'A'
	case 'В':
		return 'B'
	case 'С':
		return 'C'
	case 'Е':
		return 'E'
	case 'Н':
		return 'H'
	case 'І', 'Ӏ':
		return 'I'
	case 'Ј':
		return 'J'
	case 'К':
		return 'K'
	case 'М':
		return 'M'
	case 'О':
		return 'O'
	case 'Р':
		return 'P'
	case 'Ԛ':
		return 'Q'
	case 'Ѕ':
		return 'S'
	case 'Т':
		return 'T'
	case 'Ԝ':
		return 'W'
	case 'Х':
		return 'X'
	case 'У', 'Ү':
		return 'Y'
	// Cyrillic small letters.
	case 'а':
		return 'a'
	case 'с', 'ϲ':
		return 'c'
	case 'ԁ':
		return 'd'
	case 'е':
		return 'e'
	case 'һ', 'հ':
		return 'h'
	case 'і', 'ι', 'ı':
		return 'i'
	case 'ј', 'ϳ', 'ȷ':
		return 'j'
	case 'ӏ':
		return 'l'
	case 'ո':
		return 'n'
	case 'о', 'ο', 'օ':
		return 'o'
	case 'р', 'ρ':
		return 'p'
	case 'ԛ':
		return 'q'
	case 'ѕ':
		return 's'
	case 'υ', 'ս':
		return 'u'
	case 'ν':
		return 'v'
	case 'ԝ':
		return 'w'
	case 'х', 'χ':
		return 'x'
	case 'у', 'ү':
		return 'y'
	// Greek capitals.
	case 'Α':
		return 'A'
	case 'Β':
		return 'B'
	case 'Ε':
		return 'E'
	case 'Ζ':
		return 'Z'
	case 'Η':
		return 'H'
	case 'Ι':
		return 'I'
	case 'Κ':
		return 'K'
	case 'Μ':
		return 'M'
	case 'Ν':
		return 'N'
	case 'Ο':
		return 'O'
	case 'Ρ':
		return 'P'
	case 'Τ':
		return 'T'
	case 'Υ':
		return 'Y'
	case 'Χ':
		return 'X'
	// Greek small letters and Latin ones that stand for others.
	case 'α', 'ɑ':
		return 'a'
	case 'κ':
		return 'k'
	case 'ɡ':
		return 'g'
	}
	return r
}

// skeleton is s as a screen shows it: compatibility forms folded, marks
// taken apart from their letters, each lookalike letter made the Latin
// one, and the marks put back (NFC): "Сhợ" with a Cyrillic "С" and "о"
// is "Chợ".
func skeleton(s string) string {
	s = norm.NFKD.String(s)
	return norm.NFC.String(strings.Map(latinLookalike, s))
}

// foreignLetters lists, once each in the order met, the letters of s
// that are not Latin once compatibility forms are folded (NFKC): "" for
// a Vietnamese name, "оС" for one written with a Cyrillic "о" and "С".
func foreignLetters(s string) string {
	var out []rune
	for _, r := range norm.NFKC.String(s) {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) && !strings.ContainsRune(string(out), r) {
			out = append(out, r)
		}
	}
	return string(out)
}
