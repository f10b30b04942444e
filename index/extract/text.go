package extract

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"khovanban/index/vntext"
)

// vietnameseThreshold is the share of marked words that must be valid
// Vietnamese syllables for a legacy decoding to be believed. Right
// decodings of Vietnamese score about 1.0, wrong ones 0.4–0.7, French
// text read as Windows-1258 about 0.3.
const vietnameseThreshold = 0.75

// detectSample is how much of a long file is used to pick its encoding.
const detectSample = 64 << 10

// readText reads .txt and .md files: it finds the encoding, decodes, and
// drops the site chrome of pages saved from a browser as text.
func readText(ctx context.Context, data []byte, opt Options) (Result, error) {
	if !isUTF16(data) {
		// 8-bit and UTF-8 text is at least as long as its file: refused
		// before it is decoded
		if err := checkTextSize("text", len(data), opt.Limits); err != nil {
			return Result{}, err
		}
	}
	text, enc, err := decodeText(data)
	if err != nil {
		return Result{Encoding: enc}, fmt.Errorf("text: %w", err)
	}
	if err := checkTextSize("text", len(text), opt.Limits); err != nil {
		return Result{Encoding: enc}, err
	}
	if legacyByName(enc) == nil { // Unicode: some paragraphs may be pasted TCVN3
		text, _ = fixLegacyParagraphs(text)
	}
	return Result{Text: dropWebChrome(vntext.Clean(text)), Encoding: enc}, nil
}

// decodeText finds the encoding of text bytes and returns the text (not
// yet NFC) and the encoding's name. It returns ErrBinary for data that is
// not text in any encoding.
func decodeText(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return checkText(strings.ToValidUTF8(string(data[3:]), "\uFFFD"), encUTF8BOM)
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return checkText(decodeUTF16(data[2:], false), encUTF16LE)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return checkText(decodeUTF16(data[2:], true), encUTF16BE)
	}
	if enc := guessUTF16(data); enc != "" {
		return checkText(decodeUTF16(data, enc == encUTF16BE), enc)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", "", ErrBinary
	}
	if utf8.Valid(data) {
		s := string(data)
		if enc := legacyInUnicode(s); enc != "" {
			// TCVN3 or VNI text saved as Unicode by a program that took
			// it for Windows-1252 ("§¶ng bé" for "Đảng bộ")
			return checkText(decodeLegacyRunes(s, enc), enc)
		}
		return checkText(s, encUTF8)
	}
	enc := guessLegacy(data)
	return checkText(decodeLegacy(data, enc), enc)
}

// checkText refuses text in which control characters are common: a
// binary file that happened to decode.
func checkText(s, enc string) (string, string, error) {
	// Byte by byte: a byte below 0x20 is always a rune of its own, and
	// RuneCountInString counts an invalid byte as one rune as a range
	// loop does (the loop over runes was 0.7% of an import's CPU).
	controls, total := 0, utf8.RuneCountInString(s)
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1a {
			controls++
		}
	}
	if total > 0 && controls*20 > total {
		return "", enc, fmt.Errorf("%w (%d of %d characters are control codes)", ErrBinary, controls, total)
	}
	return s, enc, nil
}

// isUTF16 reports whether decodeText reads data as UTF-16.
func isUTF16(data []byte) bool {
	return bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || guessUTF16(data) != ""
}

// guessUTF16 recognises UTF-16 without a byte order mark by its NUL
// bytes: text in Latin letters has a zero in every other byte.
func guessUTF16(data []byte) string {
	n := min(len(data), 4096) &^ 1
	if n < 4 {
		return ""
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	case odd*10 >= pairs*3 && even*20 < pairs:
		return encUTF16LE
	case even*10 >= pairs*3 && odd*20 < pairs:
		return encUTF16BE
	}
	return ""
}

func decodeUTF16(data []byte, bigEndian bool) string {
	u := make([]uint16, len(data)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			u[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
		}
	}
	return string(utf16.Decode(u))
}

// guessLegacy picks the 8-bit encoding whose decoding of data reads most
// like Vietnamese; text that is not Vietnamese in any of them is taken as
// Windows-1252 (Western European).
func guessLegacy(data []byte) string {
	sample := data[:min(len(data), detectSample)]
	best, bestScore := encCP1252, 0.0
	for _, c := range legacy().tried {
		score, words := vietnameseScore(c.table.decode(sample))
		if words > 0 && score > bestScore {
			best, bestScore = c.name, score
		}
		if bestScore == 1 {
			break // every word a syllable: no other decoding can do better (two thirds of vncorpus's Windows-1258 files)
		}
	}
	if bestScore < vietnameseThreshold {
		return encCP1252
	}
	return best
}

// legacyInUnicode tells whether Unicode text s is really TCVN3 or VNI
// read as Windows-1252: all its letters are Latin-1 and it reads as
// Vietnamese only once re-decoded. It returns the encoding, or "".
func legacyInUnicode(s string) string {
	sample := s[:min(len(s), detectSample)]
	for _, r := range sample {
		if _, ok := runeToByte(r); !ok {
			return "" // real Unicode Vietnamese (or anything beyond Latin-1)
		}
	}
	if !hasNonASCII(sample) {
		return ""
	}
	if score, _ := vietnameseScore(sample); score >= vietnameseThreshold {
		return ""
	}
	for _, enc := range []string{encTCVN3, encVNI} {
		if score, _ := vietnameseScore(decodeLegacyRunes(sample, enc)); score >= vietnameseThreshold {
			return enc
		}
	}
	return ""
}

// fixLegacyParagraphs re-decodes the paragraphs of Unicode text that are
// TCVN3 or VNI read as Windows-1252 (see legacyInUnicode): documents whose
// legacy font was lost or never named, like a PDF made from a .VnTime
// document without a Unicode map. It returns the text and the encoding
// found ("" if none).
func fixLegacyParagraphs(text string) (string, string) {
	paras := strings.Split(text, "\n")
	found := ""
	for i, p := range paras {
		if enc := legacyInUnicode(p); enc != "" {
			paras[i] = decodeLegacyRunes(p, enc)
			found = cmpOr(found, enc)
		}
	}
	if found == "" {
		return text, ""
	}
	return strings.Join(paras, "\n"), found
}

// vietnameseScore returns the share of words with non-ASCII letters that
// are valid Vietnamese syllables, and how many such words there were.
// Plain ASCII words are left out: every decoding reads them the same.
func vietnameseScore(s string) (float64, int) {
	valid, total := 0, 0
	// Words repeat: each is checked once (a Windows-1258 file's first
	// 64 KB is scored in three decodings).
	seen := map[string]bool{}
	vntext.ForEachToken(s, func(t vntext.Token) {
		if !hasNonASCII(t.Text) {
			return
		}
		total++
		ok, known := seen[t.Text]
		if !known {
			ok = vntext.IsSyllable(t.Text)
			seen[t.Text] = ok
		}
		if ok {
			valid++
		}
	})
	if total == 0 {
		return 0, 0
	}
	return float64(valid) / float64(total), total
}

func hasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// decodeLegacy decodes data from a legacy encoding by name.
func decodeLegacy(data []byte, enc string) string {
	t := legacyByName(enc)
	if t == nil {
		return string(data)
	}
	s := t.decode(data)
	if enc == encTCVN3 {
		s = capitaliseSentences(vntext.NFC(s))
	}
	return s
}

// capitaliseSentences restores the case TCVN3 loses. TCVN3 keeps
// upper-case toned letters in a separate font (.VnTimeH), so a plain
// TCVN3 file has "ủy ban" where the author wrote "Ủy ban" and "THƯờNG"
// for "THƯỜNG". A lower-case letter is raised at the start of a line that
// starts a sentence and of a tab-separated cell, and in lines whose other
// letters are all capitals.
func capitaliseSentences(s string) string {
	lines := strings.Split(s, "\n")
	prevEnds := true
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			prevEnds = true
			continue
		}
		if allCapsASCII(line) {
			lines[i] = strings.ToUpper(line)
		} else {
			cells := strings.Split(line, "\t")
			for j, cell := range cells {
				if j > 0 || prevEnds {
					cells[j] = capitaliseFirst(cell)
				}
			}
			lines[i] = strings.Join(cells, "\t")
		}
		last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(trimmed, "\r"))
		prevEnds = strings.ContainsRune(".!?:;\"”)", last) || len(trimmed) < 60
	}
	return strings.Join(lines, "\n")
}

// capitaliseFirst raises the first letter of s if it is a lower-case
// non-ASCII letter (one TCVN3 could not write in upper case).
func capitaliseFirst(s string) string {
	trimmed := strings.TrimLeft(s, " \r")
	r, size := utf8.DecodeRuneInString(trimmed)
	if r < utf8.RuneSelf || !unicode.IsLower(r) {
		return s
	}
	lead := len(s) - len(trimmed)
	return s[:lead] + string(unicode.ToUpper(r)) + trimmed[size:]
}

// allCapsASCII reports whether line has at least four ASCII letters, all
// upper case.
func allCapsASCII(line string) bool {
	n := 0
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c >= 'a' && c <= 'z':
			return false
		case c >= 'A' && c <= 'Z':
			n++
		}
	}
	return n >= 4
}
