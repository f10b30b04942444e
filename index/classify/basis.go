package classify

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"khovanban/index/vntext"
)

// The basis of a document is the paragraph under its title that says what
// it carries out: "Thực hiện Kế hoạch số 05-KH/HU của Huyện ủy về học tập
// và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, Đảng ủy xã xây
// dựng kế hoạch như sau". A commune's short plan names its campaign there
// once, and nowhere else: a campaign's phrase in the basis is evidence as
// strong as citing its founding document, where a passing mention in the
// body is not.

// basisOpeners are the folded words a basis paragraph opens with.
var basisOpeners = []string{"thuc hien ", "can cu ", "trien khai ", "quan triet ", "theo chi dao ", "thuc hien:"}

const (
	// basisLines is how many lines from the text's start a basis may
	// begin in: it stands under the header and the title.
	basisLines = 40
	// basisWords bounds the words of one basis paragraph.
	basisWords = 90
)

// span is a run of word positions [from, to) of a text.
type span struct{ from, to int }

// basisSpans returns the word positions (as words counts them) of the
// text's basis paragraphs: those that open with a basis word in its first
// lines, one after the other ("Căn cứ ...; Căn cứ ...;"), each up to its
// sentence's end. A line of a list ("- Thực hiện tốt ...") is a task, not
// a basis.
func basisSpans(text string) []span {
	var out []span
	at, line := 0, 0
	inBasis := false
	counted, pos := 0, 0 // words before text[counted:]
	for line < basisLines && at < len(text) {
		end := strings.IndexByte(text[at:], '\n')
		if end < 0 {
			end = len(text) - at
		}
		s := strings.TrimSpace(text[at : at+end])
		start := at
		at += end + 1
		line++
		if s == "" {
			continue
		}
		if !opensBasis(s) {
			if inBasis && endsSentence(text[:start]) {
				break // the body begins
			}
			continue // before the basis, or the basis wrapped onto this line
		}
		inBasis = true
		pos += len(words(text[counted:start]))
		counted = start
		from := pos
		n := len(words(sentence(text[start:min(len(text), start+4096)])))
		out = append(out, span{from, from + min(n, basisWords)})
	}
	return out
}

// opensBasis reports whether a trimmed line opens a basis paragraph. It
// opens with a capital, as a paragraph does: "thực hiện tốt ..." at a
// line's start is a sentence of the body wrapped there (a PDF's lines).
func opensBasis(s string) bool {
	if r, _ := utf8.DecodeRuneInString(s); !unicode.IsUpper(r) {
		return false
	}
	n := min(len(s), 40)
	for n < len(s) && !utf8.RuneStart(s[n]) {
		n++
	}
	f := vntext.Fold(s[:n]) + " "
	for _, o := range basisOpeners {
		if strings.HasPrefix(f, o) {
			return true
		}
	}
	return false
}

// sentence returns s up to the end of its first sentence: a full stop,
// colon or semicolon before a space or a line's end.
func sentence(s string) string {
	for i := 0; i+1 < len(s); i++ {
		switch s[i] {
		case '.', ':', ';':
			if c := s[i+1]; c == ' ' || c == '\n' || c == '\r' {
				return s[:i]
			}
		}
	}
	return s
}

// endsSentence reports whether the text so far ends a sentence.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, " \t\r\n")
	return s == "" || strings.ContainsAny(s[len(s)-1:], ".:;")
}

// inSpans reports whether any position of at lies in one of the spans.
func inSpans(at []int, spans []span) bool {
	for _, p := range at {
		for _, sp := range spans {
			if p >= sp.from && p < sp.to {
				return true
			}
		}
	}
	return false
}
