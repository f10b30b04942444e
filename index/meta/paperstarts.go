package meta

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// paperHeading is how many lines a paper's heading may take: a type line
// fewer lines under a national header is the same paper's.
const paperHeading = 12

// PaperStarts returns the byte offsets in text of the lines where a
// paper starts: a national header ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
// "ĐẢNG CỘNG SẢN VIỆT NAM"), or a type line in capitals standing alone
// ("THAM LUẬN", "BÁO CÁO TỔNG KẾT NĂM 2024") over a line that is not an
// article. A type word that only opens a body ("QUYẾT ĐỊNH" over
// "Điều 1."), a label ("QUYẾT ĐỊNH:"), or a type line within paperHeading
// lines under a national header (the same heading) is none. A compilation of
// papers (a conference's bundle of tham luận) has one for each paper;
// a law, however long, one.
func PaperStarts(text string) []int {
	var out []int
	national := -paperHeading // the line of the last national header
	lines := strings.Split(text, "\n")
	at := 0
	for i, l := range lines {
		start := at
		at += len(l) + 1
		switch {
		case nationalLine(l):
			last := national
			if national = i; i-last <= 2 {
				continue // the same header over two lines
			}
		case i-national >= paperHeading && typeHeading(l) && !bodyNext(lines[i+1:]):
		default:
			continue
		}
		out = append(out, start)
	}
	return out
}

// nationalLine reports whether one of the line's columns is a national
// header (the motto alone is no start: it stands under the header).
func nationalLine(l string) bool {
	for _, c := range splitCells(l) {
		f := foldWords(c.text)
		for _, p := range nationalPhrases {
			if p != "doc lap - tu do - hanh phuc" && !strings.HasPrefix(p, "doan ") && strings.HasPrefix(f, p) {
				return true
			}
		}
	}
	return false
}

// typeHeading reports whether the line is a type line in capitals alone
// on its line, as findTypeLine takes one, not a label ending in a colon.
func typeHeading(l string) bool {
	s := strings.TrimSpace(l)
	if s == "" || strings.HasSuffix(s, ":") || len(splitCells(l)) > 1 || !isUpperText(s) || strings.Count(s, " ") > 14 {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(s); !unicode.IsUpper(r) {
		return false
	}
	f := foldWords(s)
	for _, t := range typeNames {
		if f == t.fold || strings.HasPrefix(f, t.fold+" ") {
			return true
		}
	}
	return false
}

// bodyNext reports whether the first of lines that is not blank is an
// article ("Điều 1."), under a decision's second type word, or there is
// none.
func bodyNext(lines []string) bool {
	for _, l := range lines[:min(len(lines), 4)] {
		if s := strings.TrimSpace(l); s != "" {
			return strings.HasPrefix(s, "Điều ") || strings.HasPrefix(s, "ĐIỀU ")
		}
	}
	return true
}
