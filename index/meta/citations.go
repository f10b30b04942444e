package meta

import (
	"strings"
	"unicode/utf8"

	"khovanban/index/internal/lazyre"
)

// citeTailRe reads a cited number and what follows it: an optional date
// and an optional issuer after "của" ("03-CT/TW ngày 14/5/2011 của Bộ
// Chính trị").
var citeTailRe = lazyre.New(`^(\d+[a-z]?(?:\s*/\s*\d{4})?\s*[-/]\s*\p{Lu}[\p{L}]*(?:\s*[-/]\s*[\p{Lu}\d][\p{L}\d]*)*)` +
	`(?:\s*,?\s*ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}))?` +
	`(?:\s*,?\s*của\s+(\p{Lu}[\p{L}\d]*(?:\s+[\p{L}\d]+){0,11}))?`)

// citeTypeRe reads the type written just before a cited number:
// "Chỉ thị số ", "kế hoạch ".
var citeTypeRe = lazyre.New(`(?:^|[^\p{L}])(` + citeTypes + `)\s+(?:số\s*:?\s*)?$`)

const citeTypes = `[Nn]ghị quyết|[Qq]uyết định|[Qq]uy định|[Cc]hỉ thị|[Kk]ết luận|[Qq]uy chế|[Tt]hông tri|[Tt]ờ trình|` +
	`[Hh]ướng dẫn|[Tt]hông báo|[Bb]áo cáo|[Kk]ế hoạch|[Cc]hương trình|[Đđ]ề án|[Pp]hương án|[Cc]ông văn|` +
	`[Cc]ông điện|[Nn]ghị định|[Tt]hông tư`

// issuerStops end an issuer's name inside a citation.
var issuerStops = []string{"về", "phê", "ban", "quy", "hướng", "tại", "đã", "đối", "và", "trong", "theo", "nhằm", "thực", "triển", "tiếp", "để"}

// readCitations finds the documents cited in flat text, once each, leaving
// out the document's own number. It looks at each number that starts a
// word and reads the type before it and the date and issuer after it,
// which is much faster than one regular expression over the whole text.
func readCitations(flat, own string) []Citation {
	var out []Citation
	seen := map[string]bool{NormalizeNumber(own): true}
	for i := 0; i < len(flat); i++ {
		if !isDigit(flat[i]) || i > 0 && (isDigit(flat[i-1]) || isASCIILetter(flat[i-1])) || !looksLikeNumber(flat[i:]) {
			continue
		}
		m := citeTailRe.FindStringSubmatch(flat[i:min(len(flat), i+200)])
		if m == nil {
			continue
		}
		t := citeTypeRe.FindStringSubmatch(before(flat, i, 40))
		if t == nil {
			continue
		}
		i += len(m[1]) - 1
		num := strings.Join(strings.Fields(m[1]), "")
		key := NormalizeNumber(num)
		if seen[key] || !hasLetter(num) {
			continue
		}
		seen[key] = true
		c := Citation{Type: capFirst(t[1]), Number: num, Issuer: citationIssuer(m[5])}
		if m[4] != "" {
			c.Date, _ = dateOf(m[2], m[3], m[4])
		}
		out = append(out, c)
	}
	return out
}

// looksLikeNumber is a quick test, before any regular expression, that s
// starts like a số hiệu: digits, "-" or "/", then a capital (after an
// optional year: "666/2015/QĐ").
func looksLikeNumber(s string) bool {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i < len(s) && isASCIILetter(s[i]) {
		i++
	}
	for round := 0; round < 2; round++ {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i >= len(s) || s[i] != '-' && s[i] != '/' {
			return false
		}
		i++
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i < len(s) && (s[i] >= 'A' && s[i] <= 'Z' || s[i] >= 0x80) {
			return true // a capital, or a letter such as Đ
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j-i != 4 {
			return false
		}
		i = j // a year: "666/2015/..."
	}
	return false
}

// before returns up to n bytes of s before i, starting on a whole rune.
func before(s string, i, n int) string {
	j := max(0, i-n)
	for j < i && !utf8.RuneStart(s[j]) {
		j++
	}
	return s[j:i]
}

func isDigit(c byte) bool       { return c >= '0' && c <= '9' }
func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// citationIssuer cuts the words after "của" at the first word that no
// longer names the issuer ("Bộ Chính trị về ..." → "Bộ Chính trị").
func citationIssuer(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if i == 0 {
			continue
		}
		for _, stop := range issuerStops {
			if w == stop {
				// "Ban Bí thư", "Ban Chấp hành": "ban" with a capital stays.
				return strings.Join(words[:i], " ")
			}
		}
	}
	return strings.Join(words, " ")
}

func capFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = []rune(strings.ToUpper(string(r[0])))[0]
	return string(r)
}
