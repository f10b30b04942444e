package meta

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"khovanban/index/vntext"
)

// cell is one column of a line: text extracted from Word often puts the
// left and right header columns on one line separated by spaces.
type cell struct {
	text string
	col  int // rune column where the cell starts
}

// national headers and motto, in folded form; they separate columns even
// when the extractor glued them to the left column without any space.
var nationalPhrases = []string{
	"cong hoa xa hoi chu nghia viet nam",
	"dang cong san viet nam",
	"doc lap - tu do - hanh phuc",
	"viet nam dan chu cong hoa", // before 1976
	"doan tncs ho chi minh",     // the Youth Union's own header
	"doan thanh nien cong san ho chi minh",
}

// splitCells splits a line into columns at runs of two or more spaces and
// in front of a national header glued to the text before it.
func splitCells(line string) []cell {
	var out []cell
	col, start, startCol, spaces := 0, -1, 0, 0
	flush := func(end int) {
		if start >= 0 {
			out = append(out, splitGlued(cell{strings.TrimSpace(line[start:end]), startCol})...)
		}
		start = -1
	}
	for i, r := range line {
		if r == ' ' {
			spaces++
		} else {
			if start >= 0 && spaces >= 2 {
				flush(i)
			}
			if start < 0 {
				start, startCol = i, col
			}
			spaces = 0
		}
		col++
	}
	flush(len(line))
	return out
}

// splitGlued splits "UBND XÃ BÌNH PHƯỚC XUÂNCỘNG HÒA XÃ HỘI..." into its
// two columns.
func splitGlued(c cell) []cell {
	if !strings.Contains(c.text, "CỘNG") {
		return []cell{c}
	}
	upper := strings.ToUpper(c.text)
	for _, p := range []string{"CỘNG HÒA XÃ HỘI", "CỘNG HOÀ XÃ HỘI", "ĐẢNG CỘNG SẢN VIỆT NAM"} {
		i := strings.Index(upper, p)
		if i <= 0 || len(upper) != len(c.text) {
			continue
		}
		left := strings.TrimSpace(c.text[:i])
		if left == "" || !isUpperText(left) {
			continue
		}
		return []cell{{left, c.col}, {c.text[i:], c.col + utf8.RuneCountInString(c.text[:i])}}
	}
	return []cell{c}
}

// foldWords returns s as folded words separated by single spaces, with
// "-" kept as a word of its own so mottos compare.
func foldWords(s string) string {
	var b strings.Builder
	last := 0
	vntext.ForEachToken(s, func(t vntext.Token) {
		if b.Len() > 0 {
			b.WriteByte(' ')
			if strings.Contains(s[last:t.Start], "-") {
				b.WriteString("- ")
			}
		}
		b.WriteString(vntext.Fold(t.Text))
		last = t.End
	})
	return b.String()
}

// isUpperText reports whether s has letters and (almost) all are upper case.
func isUpperText(s string) bool {
	up, low := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			up++
		case unicode.IsLower(r):
			low++
		}
	}
	return up >= 2 && low*10 <= up
}

// trimRule takes off a rule the layout drew after a line's text, on the
// same line: "... đến năm 2030 ______________" (a run of at least three
// underscores, dashes, equals signs or stars at its end).
func trimRule(s string) string {
	t := strings.TrimRightFunc(s, unicode.IsSpace)
	end := len(t)
	marks := 0
	for end > 0 {
		r, n := utf8.DecodeLastRuneInString(t[:end])
		if !strings.ContainsRune("_-=*~–—", r) && !unicode.IsSpace(r) {
			break
		}
		if !unicode.IsSpace(r) {
			marks++
		}
		end -= n
	}
	if marks < 3 {
		return t
	}
	return strings.TrimRightFunc(t[:end], unicode.IsSpace)
}

// isDecoration reports lines such as "*", "-----" or "___".
func isDecoration(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}
