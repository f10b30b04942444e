package meta

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"khovanban/index/internal/lazyre"
)

// What follows a cited number (citedNumberLen): an optional date and an
// optional issuer after "của" ("03-CT/TW ngày 14/5/2011 của Bộ Chính trị").
var (
	citeDateRe   = lazyre.New(`^\s*,?\s*ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})`)
	citeIssuerRe = lazyre.New(`^\s*,?\s*của\s+(\p{Lu}[\p{L}\d]*(?:\s+[\p{L}\d]+){0,11})`)
)

// citeTypes are the types a cited number is read after ("Chỉ thị số
// 03-CT/TW", "kế hoạch 128-KH/HU"), written in lower case: the first
// letter may be a capital.
var citeTypes = []string{"nghị quyết", "quyết định", "quy định", "chỉ thị", "kết luận", "quy chế",
	"thông tri", "tờ trình", "hướng dẫn", "thông báo", "báo cáo", "kế hoạch", "chương trình", "đề án",
	"phương án", "công văn", "công điện", "nghị định", "thông tư"}

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
		i = nextDigit(flat, i)
		if i == len(flat) {
			break
		}
		if i > 0 && (isDigit(flat[i-1]) || isASCIILetter(flat[i-1])) || !looksLikeNumber(flat[i:]) {
			continue
		}
		typ := citedType(before(flat, i, 40))
		if typ == "" {
			continue
		}
		tail := flat[i:min(len(flat), i+200)]
		n := citedNumberLen(tail)
		if n < 0 {
			continue
		}
		num := strings.Join(strings.Fields(tail[:n]), "")
		i += n - 1
		key := NormalizeNumber(num)
		if seen[key] || !hasLetter(num) {
			continue
		}
		seen[key] = true
		c := Citation{Type: capFirst(typ), Number: num}
		c.Date, c.Issuer = citedDateIssuer(tail[n:])
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

// citedNumberLen returns the length of the number s starts with, as a
// cited number is written: digits, a small letter perhaps, a year after
// "/" perhaps, then "-" or "/" and a capital starting letters, and more
// parts after "-" or "/" each starting with a capital or a digit
// ("128-KH/HU", "666/2015/QĐ-UBND", "03 - CT/TW"); -1 if it does not start
// with one. It is the regular expression
//
//	^\d+[a-z]?(?:\s*/\s*\d{4})?\s*[-/]\s*\p{Lu}[\p{L}]*(?:\s*[-/]\s*[\p{Lu}\d][\p{L}\d]*)*
//
// written out (it was most of reading the citations): a year is taken only
// when it is four digits, which is the one path that expression can match.
func citedNumberLen(s string) int {
	i := digitsEnd(s, 0)
	if i == 0 {
		return -1
	}
	if i < len(s) && s[i] >= 'a' && s[i] <= 'z' {
		i++
	}
	if j := reSpacesEnd(s, i); j < len(s) && s[j] == '/' {
		k := reSpacesEnd(s, j+1)
		if d := digitsEnd(s, k); d-k == 4 {
			i = d
		}
	}
	i = reSpacesEnd(s, i)
	if i >= len(s) || s[i] != '-' && s[i] != '/' {
		return -1
	}
	i = reSpacesEnd(s, i+1)
	r, n := utf8.DecodeRuneInString(s[i:])
	if !unicode.IsUpper(r) {
		return -1
	}
	i = wordEnd(s, i+n, false)
	for {
		j := reSpacesEnd(s, i)
		if j >= len(s) || s[j] != '-' && s[j] != '/' {
			return i
		}
		j = reSpacesEnd(s, j+1)
		if j >= len(s) {
			return i
		}
		r, n := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsUpper(r) && !isDigit(s[j]) {
			return i
		}
		i = wordEnd(s, j+n, true)
	}
}

// citedDateIssuer reads the date and the issuer written after a cited
// number: ", ngày 14/5/2011 của Bộ Chính trị về ...". Either may be "".
func citedDateIssuer(s string) (date, issuer string) {
	if startsAfterComma(s, "ngày") {
		if m := citeDateRe.FindStringSubmatch(s); m != nil {
			date, _ = dateOf(m[1], m[2], m[3])
			s = s[len(m[0]):]
		}
	}
	if startsAfterComma(s, "của") {
		if m := citeIssuerRe.FindStringSubmatch(s); m != nil {
			issuer = citationIssuer(m[1])
		}
	}
	return date, issuer
}

// startsAfterComma reports whether s starts with word after spaces and a
// comma, as citeDateRe and citeIssuerRe read them: a quick test before
// either is tried.
func startsAfterComma(s, word string) bool {
	i := reSpacesEnd(s, 0)
	if i < len(s) && s[i] == ',' {
		i = reSpacesEnd(s, i+1)
	}
	return strings.HasPrefix(s[i:], word)
}

// nextDigit returns where the next ASCII digit of s from i is, len(s) if
// none.
func nextDigit(s string, i int) int {
	for i < len(s) && !isDigit(s[i]) {
		i++
	}
	return i
}

// digitsEnd returns where the ASCII digits of s from i end.
func digitsEnd(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// reSpacesEnd returns where the spaces of s from i end, as a regular
// expression's \s reads them (tab, newline, form feed, carriage return,
// space).
func reSpacesEnd(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
		i++
	}
	return i
}

// wordEnd returns where the letters (and the digits, if digits) of s from
// i end.
func wordEnd(s string, i int, digits bool) int {
	for i < len(s) {
		if s[i] < utf8.RuneSelf {
			if !isASCIILetter(s[i]) && !(digits && isDigit(s[i])) {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			return i
		}
		i += n
	}
	return i
}

// citedType returns the type s ends with, as it is written there, when s
// is the text just before a cited number: a type of citeTypes, its first
// letter of either case, after a character that is not a letter (or at
// the start of s), then spaces, then optionally "số" and a colon
// ("Chỉ thị số ", "kế hoạch ", "Quyết định số: "); "" when s does not end
// so. It is what the regular expression
//
//	(?:^|[^\p{L}])(types)\s+(?:số\s*:?\s*)?$
//
// matches, written out: it ran once for each number of a text, and was
// the larger part of reading its citations.
func citedType(s string) string {
	t := trimRightRESpace(s)
	if u, ok := strings.CutSuffix(t, ":"); ok {
		if s, ok = strings.CutSuffix(trimRightRESpace(u), "số"); !ok {
			return ""
		}
	} else if u, ok := strings.CutSuffix(t, "số"); ok {
		s = u
	}
	t = trimRightRESpace(s)
	if len(t) == len(s) {
		return "" // no space after the type
	}
	for _, typ := range citeTypes {
		if len(t) < len(typ) {
			continue
		}
		w := t[len(t)-len(typ):]
		first, n := utf8.DecodeRuneInString(typ)
		if !strings.HasSuffix(w, typ[n:]) {
			continue
		}
		r, m := utf8.DecodeRuneInString(w)
		if m != n || r != first && r != unicode.ToUpper(first) {
			continue
		}
		if rest := t[:len(t)-len(typ)]; rest != "" {
			if r, _ := utf8.DecodeLastRuneInString(rest); unicode.IsLetter(r) {
				continue
			}
		}
		return w
	}
	return ""
}

// trimRightRESpace cuts off the spaces ending s, as a regular expression's
// \s reads them (tab, newline, form feed, carriage return, space).
func trimRightRESpace(s string) string {
	return strings.TrimRight(s, "\t\n\f\r ")
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
