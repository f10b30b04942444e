package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"khovanban/index/vntext"
)

// A document decoded right may still hold words left in TCVN3: a run set
// in a Unicode font over .VnTime text ("Sè: 12/2001/Q§-BTC" in a Word
// file whose other lines read well), or a PDF made from a .VnTime file
// whose text is half mapped ("Quyết định cña Thñ t−íng ChÝnh phñ sè
// 115/2004/Q§-TTg ngµy 25 th¸ng 6"). fixLegacyWords re-decodes such
// words, line by line, where the line shows TCVN3 beyond doubt.

// legacyMarks are the characters TCVN3 text shows when read as
// Windows-1252 that Unicode Vietnamese never has: Latin-1 signs and
// letters other than the Vietnamese ones, and what PDF readers give for
// TCVN3's ư (0xAD) and ã (0xB7): a minus sign and a bullet operator.
func legacyMark(r rune) bool {
	switch {
	case r == '\u2212' || r == '\u2219':
		return true
	case r < 0xA1 || r > 0xFF || r == 0xD7 || r == 0xF7: // × and ÷ are signs anyone writes
		return false
	case r == 0xD0 || r == 0xF0: // the eth a font gives for Đ (see ethToD)
		return false
	}
	return !strings.ContainsRune("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý", r)
}

// legacyByte maps a rune of TCVN3 text read as Windows-1252 (or as a
// PDF's glyph names) back to its byte.
func legacyByte(r rune) (byte, bool) {
	switch r {
	case '\u2212':
		return 0xAD, true
	case '\u2219':
		return 0xB7, true
	}
	return runeToByte(r)
}

// legacyWord is one word of a line and what TCVN3 makes of it.
type legacyWord struct {
	start, end int    // the word's bytes in the line
	dec        string // TCVN3's reading, "" if the word cannot be TCVN3
	strong     bool   // it has a mark Unicode text never has, and reads as Vietnamese decoded
	code       bool   // "Q§-BTC", "N§-CP": TCVN3's Đ in a number's codes
	unicode    bool   // a Vietnamese word in Unicode ("Quyết", "định")
}

// fixLegacyWords re-decodes the TCVN3 words of the lines that hold them:
// a line is re-decoded when at least two of its words carry a mark and
// read as Vietnamese once decoded (or one is a number's code with "§"),
// and such words are no fewer than its Unicode Vietnamese words; then
// every word of it that reads as Vietnamese decoded is decoded ("Sè" →
// "Số" beside "N§-CP"), but for a word in capitals that is one already
// ("KÝ"). A stray "µm" or "§ 3" in Unicode text is kept.
func fixLegacyWords(text string) (string, bool) {
	if !hasLegacyWordChar(text) {
		return text, false
	}
	lines := strings.Split(text, "\n")
	changed := false
	for i, l := range lines {
		if f, ok := fixLegacyLine(l); ok {
			lines[i], changed = f, true
		}
	}
	if !changed {
		return text, false
	}
	return strings.Join(lines, "\n"), true
}

// legacyWordChars are the characters of TCVN3 words read as Windows-1252
// that fixLegacyWords looks for before it reads a text's lines.
const legacyWordChars = "§¶µ¸¹ºª«¬®¯°±²³´·¼½¾¿ÆÇËÎÏÑÖØÛÜÞßæçëîïñöøûüþÿ\u2212\u2219¨©¡¢£¤¥¦ÄÅäåèÈ"

// legacyWordSecond marks the second bytes of legacyWordChars' characters
// in Latin-1 (U+00A1-U+00FF, two bytes: 0xC2 or 0xC3, then 0x80-0xBF),
// by their first byte's 0xC2 or 0xC3; the other two are U+2212 and U+2219.
var legacyWordSecond = func() (t [2][256]bool) {
	for _, r := range legacyWordChars {
		var b [4]byte
		n := utf8.EncodeRune(b[:], r)
		switch {
		case n == 2 && (b[0] == 0xC2 || b[0] == 0xC3):
			t[b[0]-0xC2][b[1]] = true
		case r != '\u2212' && r != '\u2219':
			panic("legacyWordChars: a character hasLegacyWordChar does not look for")
		}
	}
	return t
}()

// hasLegacyWordChar is strings.ContainsAny(text, legacyWordChars) byte by
// byte: ContainsAny looked each non-ASCII letter of the text up among the
// 61 characters in turn (strings.IndexAny, 1% of an import's CPU). A lead
// byte 0xC2, 0xC3 or 0xE2 is never another rune's continuation byte, and
// one followed by bytes that do not make a whole rune decodes as U+FFFD,
// not one of the set, as the table's continuation bytes say
// (TestHasLegacyWordChar).
func hasLegacyWordChar(text string) bool {
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case 0xC2, 0xC3:
			if i+1 < len(text) && legacyWordSecond[c-0xC2][text[i+1]] {
				return true
			}
		case 0xE2:
			if i+2 < len(text) && text[i+1] == 0x88 && (text[i+2] == 0x92 || text[i+2] == 0x99) {
				return true
			}
		}
	}
	return false
}

// fixLegacyLine is fixLegacyWords for one line.
func fixLegacyLine(l string) (string, bool) {
	if rest, ok := legacyNumberLabel(l); ok {
		l = "Số" + rest // "Sè: 01/2006/TT-NHNN": the number's label, in TCVN3
		if f, ok := fixLegacyLine(l); ok {
			return f, true
		}
		return l, true
	}
	if !hasLegacyMark(l) {
		return l, false
	}
	words := legacyWords(l)
	strong, codes, uni := 0, 0, 0
	for _, w := range words {
		switch {
		case w.code:
			codes++
		case w.strong:
			strong++
		case w.unicode:
			uni++
		}
	}
	if strong < 2 && codes == 0 || strong+codes < uni {
		return l, false
	}
	var b strings.Builder
	last := 0
	for _, w := range words {
		if w.dec == "" || !(w.strong || w.code || syllable(w.dec) && !upperSyllable(l[w.start:w.end])) {
			continue
		}
		b.WriteString(l[last:w.start])
		b.WriteString(w.dec)
		last = w.end
	}
	if last == 0 {
		return l, false
	}
	b.WriteString(l[last:])
	return b.String(), true
}

func hasLegacyMark(s string) bool {
	for _, r := range s {
		if legacyMark(r) {
			return true
		}
	}
	return false
}

// legacyWords splits a line at spaces and reads each word as TCVN3.
func legacyWords(l string) []legacyWord {
	var out []legacyWord
	for i := 0; i < len(l); {
		for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
			i++
		}
		j := i
		for j < len(l) && l[j] != ' ' && l[j] != '\t' {
			j++
		}
		if j > i {
			out = append(out, readLegacyWord(l, i, j))
		}
		i = j
	}
	return out
}

func readLegacyWord(l string, i, j int) legacyWord {
	w := legacyWord{start: i, end: j}
	s := l[i:j]
	var dec strings.Builder
	marked, high := false, false
	prev := rune(0)
	for k, r := range s {
		if r >= 0x80 {
			high = true
		}
		c, ok := legacyByte(r)
		if !ok {
			w.unicode = w.unicode || unicode.IsLetter(r)
			return w
		}
		if legacyMark(r) {
			marked = true
		}
		if r == '§' {
			next, _ := utf8.DecodeRuneInString(s[k+len("§"):])
			if isCodeNeighbour(prev) || isCodeNeighbour(next) {
				w.code = true
			}
		}
		if c < 0x80 {
			dec.WriteByte(c)
		} else {
			dec.WriteString(legacy().tcvn3[c])
		}
		prev = r
	}
	if !high {
		return w
	}
	w.dec = vntext.NFC(dec.String())
	w.strong = marked && syllable(w.dec) && letters(w.dec) >= 2 // "Ð." is an initial
	w.code = w.code && marked
	return w
}

// isCodeNeighbour reports a character a number's code puts beside its
// Đ: a capital letter, "-" or "/".
func isCodeNeighbour(r rune) bool {
	return r >= 'A' && r <= 'Z' || r == '-' || r == '/'
}

// syllable reports a word, trimmed of the punctuation around it, that is
// a Vietnamese syllable in any case.
func syllable(s string) bool {
	s = strings.TrimFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	return s != "" && vntext.IsSyllable(strings.ToLower(s))
}

// upperSyllable reports a word in capitals that is a Vietnamese syllable
// as it stands ("KÝ", "HÀ"): TCVN3 would make it small letters.
func upperSyllable(s string) bool {
	return syllable(s) && strings.ToUpper(s) == s
}

// legacyNumberLabel reports a line that opens with "Sè", TCVN3's "Số"
// read as Windows-1252, before a number ("Sè : 01/2006/TT-NHNN"), and
// returns what follows the word.
func legacyNumberLabel(l string) (rest string, ok bool) {
	for _, p := range []string{"Sè", "SÈ"} {
		if r, found := strings.CutPrefix(l, p); found {
			t := strings.TrimLeft(r, " :.")
			if t != "" && t[0] >= '0' && t[0] <= '9' {
				return r, true
			}
		}
	}
	return "", false
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}
