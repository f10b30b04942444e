package meta

import (
	"regexp"
	"strings"
)

// citationRe finds "Chỉ thị số 03-CT/TW ngày 14/5/2011 của Bộ Chính trị":
// a type, an optional "số", a number with codes, an optional date and an
// optional issuer after "của".
var citationRe = regexp.MustCompile(`(?:^|[^\p{L}])(` + citeTypes + `)\s+(?:số\s*:?\s*)?` +
	`(\d+[a-z]?(?:\s*/\s*\d{4})?\s*[-/]\s*\p{Lu}[\p{L}]*(?:\s*[-/]\s*[\p{Lu}\d][\p{L}\d]*)*)` +
	`(?:\s*,?\s*ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}))?` +
	`(?:\s*,?\s*của\s+(\p{Lu}[\p{L}\d]*(?:\s+[\p{L}\d]+){0,11}))?`)

const citeTypes = `[Nn]ghị quyết|[Qq]uyết định|[Qq]uy định|[Cc]hỉ thị|[Kk]ết luận|[Qq]uy chế|[Tt]hông tri|[Tt]ờ trình|` +
	`[Hh]ướng dẫn|[Tt]hông báo|[Bb]áo cáo|[Kk]ế hoạch|[Cc]hương trình|[Đđ]ề án|[Pp]hương án|[Cc]ông văn|` +
	`[Cc]ông điện|[Nn]ghị định|[Tt]hông tư`

// issuerStops end an issuer's name inside a citation.
var issuerStops = []string{"về", "phê", "ban", "quy", "hướng", "tại", "đã", "đối", "và", "trong", "theo", "nhằm", "thực", "triển", "tiếp", "để"}

// readCitations finds the documents cited in flat text, once each, leaving
// out the document's own number.
func readCitations(flat, own string) []Citation {
	var out []Citation
	seen := map[string]bool{NormalizeNumber(own): true}
	for _, m := range citationRe.FindAllStringSubmatch(flat, -1) {
		num := strings.Join(strings.Fields(m[2]), "")
		key := NormalizeNumber(num)
		if seen[key] || !hasLetter(num) {
			continue
		}
		seen[key] = true
		c := Citation{Type: capFirst(m[1]), Number: num, Issuer: citationIssuer(m[6])}
		if m[5] != "" {
			c.Date, _ = dateOf(m[3], m[4], m[5])
		}
		out = append(out, c)
	}
	return out
}

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
