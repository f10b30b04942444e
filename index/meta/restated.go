package meta

import (
	"strings"

	"khovanban/index/internal/lazyre"
)

// A paper reprinted by the gazette, by a legal database (LAWDATA) or by a
// ministry's web site, and many older papers, open with a heading that
// names the type, the issuer, the number and the date in one sentence,
// with no header cells above it: "THÔNG TƯ" over "CỦA BỘ TÀI CHÍNH SỐ
// 172/1998/TT/BTC NGÀY 22 THÁNG 12 NĂM 1998 HƯỚNG DẪN ...", "Nghị định
// của Chính phủ số 114/2003/NĐ-CP" over "ngày 10/10/2003 về ...".

// restatedHeadRe matches such a heading from its type word on: the type
// (group 1), the issuer after "của" (2) or a joint issuer after "liên
// tịch" (3), one of which it must name (a consolidated text's "Thông tư
// số 07/2019/TT-BXD ngày ..." tells of another paper), the number (4) and the date's day, month and year, in words
// (5-7) or in figures (8-10).
var restatedHeadRe = lazyre.New(`^(\p{L}+(?:\s+\p{L}+){0,2}?)\s+(?:(?:của|CỦA|Của)\s+(.{3,120}?)\s+|((?:liên tịch|LIÊN TỊCH|Liên tịch)\s+.{3,120}?)\s+)(?:số|SỐ|Số)\s*:?\s*(\d{1,5}[^\s]*(?:\s+/\s*[^\s]+|\s*/\s*[^\s]+)?)\s+(?:ngày|NGÀY|Ngày)\s+(?:(\d{1,2})\s+(?:tháng|THÁNG)\s+(\d{1,2})\s+(?:năm|NĂM)\s*(\d{4})|(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4}))`)

// restatedSearch is how many lines from the top such a heading may start.
const restatedSearch = 8

// restated is what a heading of that kind says.
type restated struct {
	typ, issuer, number, date string
	line, end                 int // the first line, and the line after the last one read
	// subject is what follows the date on its line, and subjectFrom the
	// line after that one: the subject may go on there
	subject     string
	subjectFrom int
}

// mayBeRestated is a quick test before restatedHeadRe on parts joined
// by spaces: the expression needs the word "của" or "liên" (as "Của",
// "CỦA", "Liên" or "LIÊN" too) second, third or fourth, after the type's
// words, and "số" and "ngày" (in the cases it takes) later. Few windows
// of lines at the top of a text have them, and the expression's lazy
// spans backtracked over each of the others (0.8% of an import's CPU).
// Words are split where the expression's \s is: ASCII spaces.
func mayBeRestated(parts []string) bool {
	joins, k := false, 0
	for _, p := range parts {
		for w := range strings.FieldsFuncSeq(p, isRESpace) {
			if k++; k >= 2 && restatedJoins[w] {
				joins = true
			}
			if joins || k >= 4 {
				break
			}
		}
		if joins || k >= 4 {
			break
		}
	}
	if !joins {
		return false
	}
	number, day := false, false
	for _, p := range parts {
		number = number || strings.Contains(p, "ố") || strings.Contains(p, "Ố")
		day = day || strings.Contains(p, "gày") || strings.Contains(p, "GÀY")
	}
	return number && day
}

// restatedJoins are the words after a restated heading's type.
var restatedJoins = map[string]bool{"của": true, "Của": true, "CỦA": true, "liên": true, "Liên": true, "LIÊN": true}

// isRESpace reports the bytes of a regular expression's \s.
func isRESpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r'
}

// findRestated looks for such a heading in the first lines: a type word
// opens it, and it may run over up to four lines. ok is false when there
// is none.
func findRestated(lines []string) (h restated, ok bool) {
	seen := 0
	for i := 0; i < len(lines) && seen < restatedSearch; i++ {
		l := strings.TrimSpace(lines[i])
		if l == "" {
			continue
		}
		seen++
		parts, at := []string{l}, []int{i}
		for j := i + 1; j < len(lines) && len(parts) < 5; j++ {
			if s := strings.TrimSpace(lines[j]); s != "" {
				parts, at = append(parts, s), append(at, j)
			}
		}
		if !mayBeRestated(parts) {
			continue
		}
		joined := strings.Join(parts, " ")
		loc := restatedHeadRe.FindStringSubmatchIndex(joined)
		if loc == nil {
			continue
		}
		m := make([]string, len(loc)/2)
		for k := range m {
			if loc[2*k] >= 0 {
				m[k] = joined[loc[2*k]:loc[2*k+1]]
			}
		}
		typ := typeNameOf(m[1])
		if typ == "" {
			continue
		}
		date, _ := dateOf(m[5]+m[8], m[6]+m[9], m[7]+m[10])
		if date == "" {
			continue
		}
		num := NormalizeNumber(m[4])
		if !hasLetter(num) {
			continue // "số 5 ngày ...": no number's codes, not a heading
		}
		issuer := strings.TrimSpace(m[2])
		if issuer == "" { // "LIÊN TỊCH (CỦA) BỘ TÀI CHÍNH - CÔNG NGHIỆP - ..."
			_, issuer, _ = strings.Cut(m[3], " ")
			_, issuer, _ = strings.Cut(strings.TrimSpace(issuer), " ")
			if f := foldWords(cutAt(issuer, 5)); f == "cua" || strings.HasPrefix(f, "cua ") {
				_, issuer, _ = strings.Cut(strings.TrimSpace(issuer), " ")
			}
			issuer = strings.TrimSpace(issuer)
		}
		rh := restated{typ: typ, issuer: issuer, number: num, date: date, line: i, end: lineAfter(lines, i, len(parts))}
		// the part of the joined lines where the date ends
		for k, off := 0, 0; k < len(parts); k++ {
			if loc[1] <= off+len(parts[k]) {
				rh.subject = strings.TrimSpace(parts[k][loc[1]-off:])
				rh.subjectFrom = at[k] + 1
				break
			}
			off += len(parts[k]) + 1
		}
		return rh, true
	}
	return restated{}, false
}

// readRestated fills the number, the date and the issuer a paper's
// heading says (see findRestated) when its header gave none: a paper
// whose header has a number, or a number cell left blank, is never read
// this way. The issuer the
// heading names replaces one read from a header with no number, which
// is the reprinter's (the database's page header), not the issuer's.
func readRestated(d *doc, h header, r *Result) {
	rh, ok := findRestated(d.lines)
	if !ok || h.numberSeen && (h.numberAt < rh.line || h.numberAt >= rh.end) {
		return // a number cell of its own, maybe left blank (a draft)
	}
	if r.Number.Text != "" && NormalizeNumber(r.Number.Text) != rh.number {
		return // the header's number is another: the heading is not this paper's
	}
	if r.Why == nil {
		r.Why = map[string]string{}
	}
	where := "dòng tiêu đề ghi cả cơ quan, số và ngày, " + lineWhere(d, header{}, rh.line)
	if r.Number.Text == "" {
		r.Number = Value{rh.number, confDerived}
		r.Why["number"] = where
		n := parseNumber(rh.number)
		if n.typeCode != "" {
			r.TypeCode = Value{n.typeCode, confDerived}
		}
		if n.issuerCode != "" {
			r.IssuerCode = Value{n.issuerCode, confDerived}
		}
	}
	if r.Date.Text == "" || r.Date.Confidence < confHeader {
		r.Date = Value{rh.date, confDerived}
		r.Why["date"] = where
		r.Year = atoi(rh.date[:4])
	}
	if rh.issuer != "" {
		r.Issuer = Value{orgCase(rh.issuer), confDerived}
		r.Why["issuer"] = where
	}
	if r.Type.Text == "" {
		r.Type = Value{rh.typ, confDerived}
		r.Why["type"] = where
	}
	if r.Title.Text == "" || strings.Contains(NormalizeNumber(r.Title.Text), rh.number) {
		// no title, or the heading read as one, number and all
		if subject := tidySubject(restatedSubject(d.lines, rh)); subject != "" {
			r.Title = Value{r.Type.Text + " " + lowerVe(subject), confDerived}
			r.Why["title"] = "trích yếu sau số và ngày của " + where
		}
	}
}

// lineAfter returns the index of the line after the n-th non-blank line
// from i on.
func lineAfter(lines []string, i, n int) int {
	for ; i < len(lines) && n > 0; i++ {
		if strings.TrimSpace(lines[i]) != "" {
			n--
		}
	}
	return i
}

// restatedSubject returns the subject of a heading of that kind: what
// follows its date, then the lines that carry it on, in the heading's
// case (capitals under capitals) or starting with a small letter, up to
// the body, the restated authority ("CHÍNH PHỦ") or four lines.
func restatedSubject(lines []string, rh restated) string {
	subject, upper := rh.subject, rh.subject != "" && isUpperText(rh.subject)
	n := 0
	for j := rh.subjectFrom; j < len(lines) && n < 4; j++ {
		s := strings.TrimSpace(lines[j])
		if s == "" {
			continue
		}
		n++
		sameCase := upper && isUpperText(s) || !upper && startsSmall(s)
		if subject == "" {
			sameCase, upper = true, isUpperText(s)
		}
		if !sameCase || isBodyStart(s) || typeNameOf(s) != "" || authorityKey(s) == authorityKey(rh.issuer) {
			break
		}
		subject = strings.TrimSpace(subject + " " + s)
		if strings.HasSuffix(s, ".") {
			break
		}
	}
	return strings.TrimSuffix(subject, ".")
}
