package meta

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"khovanban/index/internal/lazyre"
)

// placeDateRe matches "Chợ Mới, ngày 14 tháng 4 năm 2014" and the draft
// "ngày   tháng   năm 2026"; the place may be missing. The words may lack
// their accents, as OCR without the Vietnamese alphabet reads them
// ("ngay 03 thang 9 nam 2025", "ngdy ... thdng ... ndm"), and the day and
// month may be what OCR made of handwriting ("ngày Oÿ_ tháng 02"): see
// dayMonthOf. A colon may follow "năm" ("năm: 1999"). The t of "tháng" may
// be lost, a typing slip or OCR's ("ngày 12 háng 01 năm 2026").
var placeDateRe = lazyre.New(`(?i)^(?:(.{0,60}?)\s*,\s*)?(?:ngày|ngay|ngdy)\s*(\d{1,2}|[ ._…]*|\S{1,4}?|\S{1,2}\s\S{1,2})\s*(?:t?háng|t?hang|thdng)\s*(\d{1,2}|[ ._…]*|\S{1,3}?)\s*(?:năm|nam|ndm)\s*:?\s*(\d{4})\b`)

// placeDate matches placeDateRe, after a quick test that s holds the
// "ng" of "ngày" in some case.
func placeDate(s string) []string {
	if !strings.Contains(s, "ng") && !strings.Contains(s, "NG") && !strings.Contains(s, "Ng") {
		return nil
	}
	return placeDateRe.FindStringSubmatch(s)
}

// numericDateRe and wordDateRe match the dates of running text at a given
// place: "14/4/2014", "01-10-1997", "2.5.2019" and "ngày 14 tháng 4 năm 2014".
var (
	numericDateRe = lazyre.New(`^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})`)
	wordDateRe    = lazyre.New(`^(?i:ngày)\s+(\d{1,2})\s+(?i:tháng)\s+(\d{1,2})\s+(?i:năm)\s+(\d{4})`)
)

// headerDate reads the day, month and year of a header's date line. A
// blank day or month (a draft) gives only the year. So does a day or
// month that cannot be read (OCR of a handwritten day: "Oÿ_", "99"),
// which is reported by unread along with the month when that was read.
func headerDate(day, month, year string) (date string, yearOnly, unreadMonth int, unread bool) {
	y := atoi(year)
	if y < 1930 || y > 2100 {
		return "", 0, 0, false
	}
	d, dok := dayMonthOf(day)
	m, mok := dayMonthOf(month)
	if dok && mok && d != 0 && m != 0 && validDate(d, m, y) {
		return fmt.Sprintf("%04d-%02d-%02d", y, m, d), 0, 0, false
	}
	unread = !dok || !mok || d != 0 && m != 0 // garbled, or impossible ("ngày 80")
	if mok && m >= 1 && m <= 12 {
		unreadMonth = m
	}
	return "", y, unreadMonth, unread
}

// dayMonthOf reads the day or month of a header date: digits, or a blank
// (0, true), or digits as OCR misreads them ("3|" for 31, "0I" for 01,
// "I1]" for 11). Anything else, or junk before the digits ("-14", "/1}"),
// is not read (0, false).
func dayMonthOf(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if strings.Trim(s, " ._…") == "" {
		return 0, true
	}
	if n := atoi(s); n > 0 {
		return n, true
	}
	s = strings.TrimRight(s, "]})_.")
	if s == "" || len(s) > 2 || !isDigit(s[0]) && !isDigit(s[len(s)-1]) {
		return 0, false // no digit to anchor the reading: handwriting
	}
	b := []byte(s)
	for i, c := range b {
		switch c {
		case 'l', 'I', '|', 'i', '!':
			b[i] = '1'
		case 'O', 'o':
			b[i] = '0'
		}
	}
	if n := atoi(string(b)); n > 0 {
		return n, true
	}
	return 0, false
}

// dateOf turns day, month and year strings into YYYY-MM-DD. A blank day or
// month (a draft) gives only the year; an impossible date gives nothing.
func dateOf(day, month, year string) (date string, draftYear int) {
	y := atoi(year)
	if y < 1930 || y > 2100 {
		return "", 0
	}
	d, m := atoi(strings.TrimSpace(day)), atoi(strings.TrimSpace(month))
	if d == 0 || m == 0 {
		return "", y
	}
	if !validDate(d, m, y) {
		return "", 0
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d), 0
}

func validDate(d, m, y int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	if m == 2 && !(y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
		return d <= 28
	}
	return d <= days[m]
}

// firstDate returns the first valid date in s and its byte offset, or "".
// It tries the date patterns only where a date can start, which keeps it
// fast on long texts.
func firstDate(s string) (string, int) {
	for i := 0; i < len(s); i++ {
		var m []string
		switch c := s[i]; {
		case isDigit(c):
			if i > 0 && strings.IndexByte("0123456789/.-", s[i-1]) >= 0 {
				continue
			}
			m = numericDateRe.FindStringSubmatch(s[i:min(len(s), i+24)])
			if m != nil && i+len(m[0]) < len(s) && strings.IndexByte("0123456789/-", s[i+len(m[0])]) >= 0 {
				m = nil // part of a longer run of numbers
			}
		case c == 'n' || c == 'N':
			m = wordDateRe.FindStringSubmatch(s[i:min(len(s), i+48)])
		}
		if m == nil {
			continue
		}
		if date, _ := dateOf(m[1], m[2], m[3]); date != "" {
			return date, i
		}
	}
	return "", -1
}

// cleanPlace trims what is left of a number or a label before the place.
func cleanPlace(s string) string {
	s = strings.TrimSpace(s)
	if _, rest, ok := headerNumber(s); ok {
		s = rest
	}
	if strings.Count(s, " ") > 6 {
		return ""
	}
	return strings.Trim(s, " ,.-")
}

// readDate fills Place, Date and Year: from the header, else from the first
// date in the text, else the year from the number. A draft's blank day
// and month, in a text that is not OCR's (ocr), are read for sure: Date
// stays empty with the header's confidence, as there is nothing to check;
// a blank in OCR's text may be a handwritten day it dropped.
func readDate(d *doc, h header, ocr bool, r *Result) {
	if h.place != "" {
		r.Place = Value{h.place, confHeader}
	}
	switch {
	case h.date != "":
		r.Date = Value{h.date, confHeader}
	case h.draftYear != 0:
		r.Year = h.draftYear // a draft: the clerk fills the day in later
		if !h.unreadDay && !ocr {
			r.Date.Confidence = confHeader
		}
	case h.attach.ok:
		// a paper issued with another ("Kèm theo Quyết định số ... ngày
		// ..."): the date is that paper's, its blanks a draft's
		if h.attach.date != "" {
			r.Date = Value{h.attach.date, confDerived}
		} else {
			r.Year = h.attach.year
			if !ocr {
				r.Date.Confidence = confHeader
			}
		}
	default:
		// No header date: the clause that adopts or signs the document
		// ("... thông qua ngày 19 tháng 02 năm 2025"), never the first date
		// of the body, which is a cited document's or an effective date.
		// A law's own closing clause ("Luật này được Quốc hội ... thông
		// qua ngày ...") is where its date is printed: sure.
		if date, own := adoptionDate(d.flat); date != "" {
			r.Date = Value{date, confGuess}
			if own {
				r.Date.Confidence = confHeader
			}
		} else if h.typeName == "Đơn" || h.typeName == "Giấy xác nhận" {
			// a petition's place and date stand over its signature, and a
			// confirmation's, laid out the same way
			if date, year := signedPlaceDate(d.lines); date != "" || year != 0 {
				r.Date, r.Year, r.dateSigned = Value{date, confGuess}, year, true
			}
		} else if h.typeName == "Biên bản" {
			if date := minutesDate(d.lines, h.typeLine); date != "" {
				r.Date = Value{date, confDerived}
			}
		}
	}
	if r.Date.Text != "" {
		r.Year = atoi(r.Date.Text[:4])
	}
}

// signedPlaceDate returns the date of a place and date line among the
// last lines (signedSearch), where a petition or a statement without a
// dated header puts it, over the signature ("Lâm Đồng, ngày 26 tháng 11
// năm 2025" over "TM. HỘI ĐỒNG QUẢN LÝ QUỸ"); a blank day gives the year
// only.
func signedPlaceDate(lines []string) (date string, year int) {
	if date, year = placeDateAbove(lines, len(lines)); date != "" || year != 0 {
		return date, year
	}
	// a list sent with the paper ("DANH SÁCH ..." over "(Kèm theo Đơn
	// ...)") may stand after its signature: the date is over where it starts
	if at := annexStart(lines); at > 0 {
		return placeDateAbove(lines, at)
	}
	return "", 0
}

// annexStart returns the index of the heading of a list or an annex sent
// with a paper, in capitals past the first quarter of the text, over its
// "(Kèm theo ...)" line, or -1.
func annexStart(lines []string) int {
	for i := len(lines) / 4; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		f := foldWords(t)
		if !isUpperText(t) || !strings.HasPrefix(f, "danh sach ") && !strings.HasPrefix(f, "phu luc") {
			continue
		}
		for j := i + 1; j < len(lines) && j < i+5; j++ {
			if issuedWith(strings.TrimSpace(lines[j])) {
				return i
			}
		}
	}
	return -1
}

// placeDateAbove is signedPlaceDate over the last lines before end.
func placeDateAbove(lines []string, end int) (date string, year int) {
	seen := 0
	for i := end - 1; i >= 0 && seen < signedSearch; i-- {
		t := strings.TrimSpace(lines[i])
		if t == "" {
			continue
		}
		seen++
		m := placeDate(t)
		if m == nil || strings.TrimSpace(m[1]) == "" || len(t) > len(m[0])+4 {
			continue // a place is named, and nothing else stands on the line
		}
		date, year, _, _ = headerDate(m[2], m[3], m[4])
		if date != "" {
			year = atoi(date[:4])
		}
		return date, year
	}
	return "", 0
}

// signedSearch is how many of the last lines are looked at for a place and
// date over the signature.
const signedSearch = 25

// joinWrappedWord joins the first word of a header cell that a narrow
// column of a saved page wrapped onto a line of its own ("ỦY" over "BAN
// NHÂN DÂN", "CỘNG" over "HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Thái" over
// "Nguyên, ngày 22 tháng 3 năm 2018") to the line under it, when only the
// two together make the national header, a body's name or a place. The
// line under is left empty.
func joinWrappedWord(lines []string) {
	for i := 0; i+1 < len(lines) && i < segmentLines; i++ {
		t := strings.TrimSpace(lines[i])
		next := strings.TrimSpace(lines[i+1])
		if t == "" || next == "" || len(t) > 12 || strings.IndexFunc(t, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
			continue // one word of letters
		}
		if r, _ := utf8.DecodeRuneInString(t); !unicode.IsUpper(r) {
			continue
		}
		joined := t + " " + next
		switch {
		case isUpperText(t) && isUpperText(next) && nationalAt(next) == 0 && nationalAt(joined) > 0:
		case isUpperText(t) && isUpperText(next) && wrappedOrg(foldWords(joined)):
		case !isUpperText(t) && placeDate(next) != nil && strings.Index(next, ",") > 0 && !strings.Contains(next[:strings.Index(next, ",")], " "):
			// a place of two words wrapped after the first: "Thái" over "Nguyên, ngày ..."
		default:
			continue
		}
		lines[i], lines[i+1] = joined, ""
	}
}

// wrappedOrg reports the folded start of a body's name whose first word
// is no name alone: "uy ban ...", "hoi dong ...".
func wrappedOrg(f string) bool {
	return strings.HasPrefix(f, "uy ban nhan dan") || strings.HasPrefix(f, "hoi dong nhan dan") || strings.HasPrefix(f, "uy ban mat tran")
}

// joinWrappedDate joins the place and date of the header that wrapped
// after "ngày", as a narrow column of a saved web page or of a table sets
// it ("Sóc Trăng, ngày" over "27 tháng 09 năm 2022"): the line under it
// is the rest of the date, and the two make one date only together. The
// line under is left empty, so that the lines keep their places.
func joinWrappedDate(lines []string) {
	for i := 0; i+1 < len(lines) && i < segmentLines; i++ {
		t := strings.TrimSpace(lines[i])
		if len(t) > 80 || !strings.HasSuffix(strings.ToLower(t), "ngày") || placeDate(t) != nil {
			continue
		}
		next := strings.TrimSpace(lines[i+1])
		if len(next) > 40 || next == "" || (next[0] < '0' || next[0] > '9') && !strings.HasPrefix(strings.ToLower(next), "tháng") {
			continue // the day, or a draft's blank day: "tháng 3 năm 2026"
		}
		if joined := t + " " + next; placeDate(joined) != nil {
			lines[i], lines[i+1] = joined, ""
		}
	}
}

// spacedDateRe matches a header date with any spacing, blanks or dots
// for the day and month: "ngày 14  tháng 4  năm 2014", "ngày   tháng   năm 2026".
var spacedDateRe = lazyre.New(`(?i)ngày[\s._…]*(\d{0,2})[\s._…]*tháng[\s._…]*(\d{0,2})[\s._…]*năm\s*(\d{4})`)

// tidyDate writes a header date with single spaces and "…" for blanks, so
// that the spaces around or instead of the day and month do not split the
// line into columns.
func tidyDate(line string) string {
	if !strings.Contains(line, "tháng") && !strings.Contains(line, "THÁNG") {
		return line
	}
	return spacedDateRe.ReplaceAllStringFunc(line, func(s string) string {
		m := spacedDateRe.FindStringSubmatch(s)
		day, month := m[1], m[2]
		if day == "" {
			day = "…"
		}
		if month == "" {
			month = "…"
		}
		return "ngày " + day + " tháng " + month + " năm " + m[3]
	})
}

// attachment is the line under the title of a paper issued with another
// (a charter, an annex, a list): "(Kèm theo Quyết định số /QĐ-UBND ngày
// tháng 02 năm 2025 của Chủ tịch Ủy ban nhân dân tỉnh)". Such a paper
// bears that one's date, not the day its text was adopted by a congress
// ("... đã được Đại hội thông qua ngày 18 tháng 12 năm 2024"): it is
// issued when the decision is signed, and while the decision's day is
// blank the paper is a draft.
type attachment struct {
	ok   bool
	line int    // index of the line
	date string // YYYY-MM-DD, or "" when the day or month is blank
	year int
}

// attachedRe matches an attachment line with the date of the paper it
// goes with; the day and month may be blank ("ngày   tháng   năm 2025",
// "ngày / /2026", "ngày /10/2025").
var attachedRe = lazyre.New(`^\(?\s*(?:(?:[Bb]an hành|BAN HÀNH|[Pp]hê duyệt|PHÊ DUYỆT|[Cc]ông nhận|CÔNG NHẬN)\s+)?(?:[Kk]èm theo|KÈM THEO)\s.{0,160}?(?:ngày|NGÀY)[\s._…]*(\d{0,2})[\s._…]*(?:tháng|THÁNG|/|-)[\s._…]*(\d{0,2})[\s._…]*(?:năm|NĂM|/|-)[\s._…]*(\d{4})`)

// blankAttachedRe matches an attachment line whose date is blank whole,
// the year too: "(Kèm theo Quyết định số ... /QĐ-UBND ngày... tháng...
// năm ...", a draft that says nothing of when it will be signed.
var blankAttachedRe = lazyre.New(`^\(?\s*(?:(?:[Bb]an hành|BAN HÀNH|[Pp]hê duyệt|PHÊ DUYỆT|[Cc]ông nhận|CÔNG NHẬN)\s+)?(?:[Kk]èm theo|KÈM THEO)\s.{0,160}?(?:ngày|NGÀY)[\s._…]*(?:tháng|THÁNG)[\s._…]*(?:năm|NĂM)[\s._…]*(?:\)|$|của|CỦA)`)

// attachedSearch is how far from the top an attachment line is looked for.
const attachedSearch = 30

// findAttachment returns the attachment line of a paper issued with
// another, above its body, joined to the next line when its date wrapped.
func findAttachment(lines []string) attachment {
	for i := 0; i < len(lines) && i < attachedSearch; i++ {
		s := strings.TrimSpace(lines[i])
		if s == "" {
			continue
		}
		if startsBody(s) || isBodyStart(s) {
			break
		}
		if !strings.Contains(s, "èm theo") && !strings.Contains(s, "ÈM THEO") {
			continue
		}
		m := attachedRe.FindStringSubmatch(s)
		if m == nil {
			for j := i + 1; j < len(lines) && j <= i+2; j++ {
				if next := strings.TrimSpace(lines[j]); next != "" {
					m = attachedRe.FindStringSubmatch(s + " " + next)
					break
				}
			}
		}
		if m == nil {
			if blankAttachedRe.MatchString(s) {
				return attachment{ok: true, line: i}
			}
			continue
		}
		date, year, _, unread := headerDate(m[1], m[2], m[3])
		if date == "" && (year == 0 || unread) {
			continue
		}
		return attachment{ok: true, line: i, date: date, year: year}
	}
	return attachment{}
}

// adoptionRe finds the clause of a law or a resolution that says when it
// was adopted.
var adoptionRe = lazyre.New(`(?i)thông qua\s+(?:vào\s+)?(ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4})`)

// ownAdoptionRe finds the clause with which a law, a code, an ordinance
// or a resolution closes, naming itself: "Luật này được Quốc hội nước
// Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, kỳ họp thứ 8 thông qua ngày
// 29 tháng 11 năm 2024", "Nghị quyết này đã được Hội đồng nhân dân tỉnh
// ... thông qua ngày ...". The date it gives is the document's: such texts
// have no place and date line in their header.
var ownAdoptionRe = lazyre.New(`(?i)(?:luật|bộ luật|pháp lệnh|nghị quyết|hiến pháp) này (?:đã )?được .{1,240}?thông qua\s+(?:vào\s+)?ngày`)

// adoptionDate returns the date of the last adoption clause in s, or "",
// and whether that clause is the document's own (ownAdoptionRe).
func adoptionDate(s string) (date string, own bool) {
	if !strings.Contains(s, "thông qua") && !strings.Contains(s, "THÔNG QUA") {
		return "", false
	}
	all := adoptionRe.FindAllStringSubmatchIndex(s, -1)
	if len(all) == 0 {
		return "", false
	}
	last := all[len(all)-1]
	m := s[last[2]:last[3]]
	t := strings.TrimSpace(m[len("ngày"):])
	if date, _ = firstDate(t); date == "" {
		date, _ = firstDate(m)
	}
	if date == "" {
		return "", false
	}
	// the clause's own words, from the sentence's start to its date
	from := max(0, last[0]-300)
	if k := strings.LastIndexAny(s[from:last[0]], ".;"); k >= 0 {
		from += k + 1
	}
	own = ownAdoptionRe.MatchString(s[from:last[3]])
	return date, own
}

// signTimeRe finds the time of a digital signature's stamp: "Thời gian
// ký: 04/02/2025 16:42:36", "Giờ ký: 30/09/2025", "Thời gian ký:
// 2025-07-15T17:42:37+07:00".
var signTimeRe = lazyre.New(`(?i)(?:thời gian ký|giờ ký|ngày ký)\s*:\s*(\d{1,2}[/.]\d{1,2}[/.]\d{4}|\d{4}-\d{2}-\d{2})`)

// firstSigned is the date of the earliest digital signature stamped in
// s, as YYYY-MM-DD, or "": no paper is dated after it was signed.
func firstSigned(s string) string {
	first := ""
	for _, m := range signTimeRe.FindAllStringSubmatch(s, 8) {
		d := m[1]
		if d[4] != '-' {
			f := strings.FieldsFunc(d, func(r rune) bool { return r == '/' || r == '.' })
			if len(f) != 3 {
				continue
			}
			d = fmt.Sprintf("%s-%02d-%02d", f[2], atoi(f[1]), atoi(f[0]))
		}
		if first == "" || d < first {
			first = d
		}
	}
	return first
}

// stampTimeRe finds a date and time a digital signature stamped on a
// scan, with or without its caption: "04.04.2018 14:21:14 +07:00",
// "Thời gian ký: 08.04.2026 17:35".
var stampTimeRe = lazyre.New(`\b(\d{1,2})[./](\d{1,2})[./](\d{4})\s+\d{1,2}:\d{2}`)

// stampedYear reads again the year of an OCR'd date (r.Date) that OCR
// read one digit off ("năm 2016" for 2018), as the year of a signing
// stamp in flat: when only that digit differs and, with the stamp's
// year, the date falls within two months before the stamp, the day the
// paper was signed or published. The date is then for review.
func stampedYear(flat string, r *Result) {
	date := r.Date.Text
	if len(date) != 10 {
		return
	}
	for _, m := range stampTimeRe.FindAllStringSubmatch(flat, 8) {
		if m[3] == date[:4] || !oneLetterOff(m[3], date[:4]) {
			continue
		}
		stamp, err := time.Parse("2006-1-2", m[3]+"-"+m[2]+"-"+m[1])
		if err != nil {
			continue
		}
		day, err := time.Parse("2006-01-02", m[3]+date[4:])
		if err != nil || day.After(stamp) || stamp.Sub(day) > 61*24*time.Hour {
			continue
		}
		r.Date = Value{day.Format("2006-01-02"), min(r.Date.Confidence, confGuess)}
		r.Year = day.Year()
		if r.Why == nil {
			r.Why = map[string]string{}
		}
		r.Why["date"] = strings.TrimSuffix("năm đọc lại theo dấu thời gian ký số «"+m[0]+"»; "+r.Why["date"], "; ")
		return
	}
}

// signedOn returns, for the reason of a date whose day cannot be read,
// the date of the first digital signature in s ("; chữ ký số ngày
// 04/02/2025"), or "". It is a hint for the person who checks: a scan is
// often signed a day or more after the date written on it, so it is not
// taken as the date.
func signedOn(s string) string {
	m := signTimeRe.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	d := m[1]
	if len(d) == 10 && d[4] == '-' {
		d = d[8:10] + "/" + d[5:7] + "/" + d[:4]
	}
	return "; chữ ký số ngày " + strings.ReplaceAll(d, ".", "/")
}

// minutesOpeningRe matches the sentence minutes open with when no place
// and date line stands in their header: "Vào lúc 14 giờ 00 phút, ngày 09
// tháng 12 năm 2025, tại ...", "Hôm nay, ngày 05/3/2026, ...".
var minutesOpeningRe = lazyre.New(`^(?:Vào lúc|Vào hồi|Hôm nay|Hồi)\b.{0,60}?\bngày\s+(\d{1,2})\s*(?:tháng\s+|[/.-]\s*)(\d{1,2})\s*(?:năm\s+|[/.-]\s*)(\d{4})`)

// minutesDate returns the date of minutes (a biên bản) that their opening
// sentence gives, within the first lines under the type line, or "". The
// sentence may be cut into lines at its date.
func minutesDate(lines []string, typeLine int) string {
	var parts []string
	for i := max(typeLine+1, 0); i < len(lines) && len(parts) < 8; i++ {
		if s := strings.TrimSpace(lines[i]); s != "" {
			parts = append(parts, s)
		}
	}
	for k := range parts {
		if m := minutesOpeningRe.FindStringSubmatch(strings.Join(parts[k:min(k+4, len(parts))], " ")); m != nil {
			date, _ := dateOf(m[1], m[2], m[3])
			return date
		}
	}
	return ""
}
