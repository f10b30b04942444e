package index

import (
	"strings"
	"unicode"
	"unicode/utf8"

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

// lookalikes pairs each letter of another script (Cyrillic, Greek,
// Armenian) or Latin form that a screen draws as a Latin letter with
// that letter: "АA" is the Cyrillic "А", then the Latin "A" it looks like.
const lookalikes = "АAВBСCЕEНHІIӀIЈJКKМMОOРPԚQЅSТTԜWХXУYҮYаaсcϲcԁdеeһhհhіiιiıiјjϳjȷjӏlոnоoοoօoрpρpԛqѕsυuսuνvԝwхxχxуyүyΑAΒBΕEΖZΗHΙIΚKΜMΝNΟOΡPΤTΥYΧXαaɑaκkɡg"

// latinLookalike is the Latin letter r looks like on a screen, or r.
func latinLookalike(r rune) rune {
	for s := lookalikes; s != ""; {
		from, n := utf8.DecodeRuneInString(s)
		to, m := utf8.DecodeRuneInString(s[n:])
		if from == r {
			return to
		}
		s = s[n+m:]
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
