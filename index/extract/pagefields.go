package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"

	"khovanban/index/vntext"
)

// A page saved from a legal portal on its "properties" tab holds no text
// of the document, only a table of labels and values ("Số hiệu" over
// "34/2024/TT-BTNMT", "Cơ quan ban hành" over "Bộ Tài nguyên và Môi
// trường"). Readability takes that table for the site's furniture and
// keeps the headline alone; the reader of metadata needs the table.

// fieldLabels are the labels of a portal's metadata table, as written.
var fieldLabels = []string{
	"Số hiệu", "Số ký hiệu", "Loại văn bản", "Cơ quan ban hành", "Nơi ban hành", "Ngày ban hành",
	"Người ký", "Chức danh", "Trích yếu", "Ngày có hiệu lực", "Tình trạng hiệu lực", "Lĩnh vực",
}

// shortArticle is the length under which an article found by readability
// holds no document text, only a headline.
const shortArticle = 1500

// mayHoldFields is a quick test for a page that may hold such a table.
func mayHoldFields(page string) bool {
	return strings.Contains(page, "Số hiệu") || strings.Contains(page, "Loại văn bản") || strings.Contains(page, "Cơ quan ban hành")
}

// pageFields returns the label and value lines of a portal's metadata
// table in the page's body, one "Label: value" a line, or "" when the
// body holds fewer than two of them.
func pageFields(body *html.Node) string {
	lines := strings.Split(vntext.Clean(nodeText(body)), "\n")
	var out []string
	for i := 0; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		label := fieldLabelOf(t)
		if label == "" {
			continue
		}
		value := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(t[len(label):]), ":"))
		if value == "" {
			// the value in the next cell of the table
			for j := i + 1; j < len(lines) && j <= i+3; j++ {
				if v := strings.TrimSpace(lines[j]); v != "" {
					if !isFieldLabel(strings.TrimSuffix(v, ":")) {
						value, i = v, j
					}
					break
				}
			}
		}
		if value == "" || strings.Trim(value, "-– ") == "" || len(value) > 400 {
			continue // "--": no value given
		}
		out = append(out, label+": "+value)
	}
	if len(out) < 2 {
		return ""
	}
	return strings.Join(out, "\n")
}

func isFieldLabel(s string) bool {
	for _, l := range fieldLabels {
		if s == l {
			return true
		}
	}
	return false
}

// fieldLabelOf returns the label a line starts with, alone, before a colon
// or glued to its value the way the cells of a table run together ("Số
// hiệu34/2024/TT-BTNMT", "Người kýNguyễn Thị Hoa"), or "".
func fieldLabelOf(t string) string {
	best := ""
	for _, l := range fieldLabels {
		if !strings.HasPrefix(t, l) || len(l) <= len(best) {
			continue
		}
		rest := strings.TrimLeft(t[len(l):], " ")
		r, _ := utf8.DecodeRuneInString(rest)
		if rest == "" || r == ':' || unicode.IsUpper(r) || unicode.IsDigit(r) {
			best = l
		}
	}
	return best
}

// withFields returns an article's text with the metadata table's lines
// in it, which readability kept glued ("Số hiệu21/2025/TT-BXD") or left
// out, replaced by fields, one "Label: value" a line, after the rest.
func withFields(body, fields string) string {
	lines := strings.Split(body, "\n")
	out := lines[:0]
	for i := 0; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		l := fieldLabelOf(t)
		if l == "" {
			out = append(out, lines[i])
			continue
		}
		if t == l || t == l+":" {
			// its value on the next line that has one
			for i+1 < len(lines) && strings.TrimSpace(lines[i+1]) == "" {
				i++
			}
			if i+1 < len(lines) && fieldLabelOf(strings.TrimSpace(lines[i+1])) == "" {
				i++
			}
		}
	}
	return strings.TrimRight(strings.Join(out, "\n"), "\n ") + "\n\n" + fields + "\n"
}
