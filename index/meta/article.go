package meta

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"khovanban/index/internal/lazyre"
)

// sourceTagRe matches the source tag that opens a news article: "(TGAG)-",
// "(TTXVN) - ", "(ĐCSVN) ".
var sourceTagRe = lazyre.New(`^\((\p{Lu}[\p{Lu}\d.]{1,14})\)\s*-?`)

// chrome lists folded fragments of the lines a web site puts around an
// article: visitor counters, view counts, menus.
var chrome = []string{
	"truy cap", "khach va", "dang online", "online", "so lan xem", "luot xem", "trang chu", "dang nhap",
	"tim kiem", "lien he", "chia se", "ban in", "in bai", "gui email", "cap nhat", "thanh vien",
}

// leadIssuerRe finds the issuer in a lead sentence: "ngày 14/4/2014, Ban
// Thường vụ Huyện ủy Chợ Mới ban hành ...".
var leadIssuerRe = lazyre.New(`^\s*,?\s*(\p{Lu}[^,.;:“"()]{3,90}?)\s+(?:đã\s+|vừa\s+)?(?:ban hành|ra|tổ chức|triển khai|phát động|chỉ đạo|họp|ký|quyết định|thông báo|công bố|có)\s`)

// readArticle fills r from a news article or a saved web page.
func readArticle(d *doc, hint Hint, r *Result) {
	r.Article = true
	r.Type = Value{articleType, confGuess} // sure only with a source tag or a web page's headline
	lines := nonEmpty(d.lines)
	lead := -1
	for i, l := range lines {
		if m := sourceTagRe.FindStringSubmatch(l); m != nil {
			r.Source = Value{m[1], confHeader}
			r.Type.Confidence = confDerived
			lead = i
			break
		}
	}
	var titleWhy string
	r.Title, titleWhy = articleTitle(lines, lead)
	if hint.Title != "" {
		r.Title = Value{strings.Join(strings.Fields(hint.Title), " "), confHeader}
		r.Type.Confidence = confDerived
		titleWhy = pageTitleWhy(hint.FileName)
		if len(strings.Fields(hint.Title)) < 5 {
			// a site's name more often than a headline: "Văn bản pháp
			// luật" over every page of a legal portal
			r.Title.Confidence, r.Type.Confidence = confGuess, confGuess
			titleWhy += shortPageTitleWhy
		}
	}
	if titleWhy != "" {
		r.Why = map[string]string{"title": titleWhy}
	}
	body := d.flat
	if lead >= 0 {
		body = strings.Join(strings.Fields(strings.Join(lines[lead:], " ")), " ")
	}
	news := readLead(body, r)
	if org := coverIssuer(lines, r.Title.Text); org != "" && lead < 0 && hint.Title == "" {
		r.Issuer = Value{orgCase(org), confWeak}
		if year, at := coverYear(lines); year != 0 {
			// the booklet's year under its title, not a date of its text
			// (a law's it explains)
			r.Date, r.Year = Value{}, year
			if r.Why == nil {
				r.Why = map[string]string{}
			}
			r.Why["date"] = "năm trên bìa, dòng «" + cutAt(lines[at], 60) + "» (không có ngày)"
		}
	}
	if a := findAttachment(d.lines); a.ok {
		// an annex or a list issued with a decision or a plan: the first
		// date of its text is a birth date or a cited paper's, not its own
		r.Date, r.Year = Value{a.date, confDerived}, a.year
		why := "ngày của văn bản ban hành kèm theo"
		switch {
		case a.date == "" && a.year == 0:
			r.Date.Confidence = confGuess
			why += " để trống, cả năm (bản dự thảo)"
		case a.date == "":
			r.Date.Confidence = confGuess
			why += " để trống (bản dự thảo), chỉ có năm"
		}
		if r.Why == nil {
			r.Why = map[string]string{}
		}
		r.Why["date"] = why + ", dòng " + strconv.Itoa(a.line+1)
	}
	if r.Source.Text == "" && hint.Title == "" {
		// no source tag, no headline: not clearly an article, and its first
		// date may be a signature stamp's or a cited document's
		r.Date.Confidence = min(r.Date.Confidence, confGuess)
		r.Issuer.Confidence = min(r.Issuer.Confidence, confGuess)
		if !news {
			// nor a lead sentence that tells who did what on which day:
			// a form, a table, a page of notes. Its type is not known,
			// rather than an article's.
			r.Type = Value{}
		}
	}
	readUnheaded(d, r)
}

// readLead reads the date and the issuer from the lead of an article. It
// reports whether the text opens as news does: a date near the top, then
// who did what ("Ngày 14/4/2014, Ban Thường vụ Huyện ủy ... ban hành"),
// or a body named near the top as doing something.
func readLead(body string, r *Result) (news bool) {
	date, at := leadDate(body)
	if date != "" {
		r.Date = Value{date, confGuess}
		if at < 400 {
			r.Date.Confidence = confDerived
		}
		// The issuer follows the date in the lead sentence ...
		rest := body[at:]
		if i := strings.Index(rest, ","); i >= 0 && i < 40 {
			if m := leadIssuerRe.FindStringSubmatch(rest[i:]); m != nil {
				r.Issuer = Value{orgCase(m[1]), confGuess}
				return at < 400
			}
		}
	}
	// ... or is the body named near the top as issuing something, or the
	// first body named at all.
	top := cutAt(body, 800)
	for _, m := range orgMentionRe.FindAllStringIndex(top, -1) {
		if issuingVerbRe.MatchString(top[m[1]:]) {
			r.Issuer = Value{orgCase(top[m[0]:m[1]]), confGuess}
			return true
		}
	}
	if m := orgMentionRe.FindString(top); m != "" {
		r.Issuer = Value{orgCase(m), confWeak}
	}
	return false
}

// leadDate returns the first date of an article's text that is not a
// cited document's ("Công văn số 118/SNV-VP ngày 29/8/2025"), and its
// offset, or "" and -1.
func leadDate(body string) (string, int) {
	off := 0
	for k := 0; k < 8 && off < len(body); k++ {
		date, at := firstDate(body[off:])
		if date == "" {
			return "", -1
		}
		at += off
		if !citedBefore(body[max(0, at-40):at]) {
			return date, at
		}
		off = at + 6
	}
	return "", -1
}

// citedNumberRe matches the end of a cited document's number, just before
// its date: "số 118/SNV-VP ngày ", "116/2021/NĐ-CP, ngày ".
var citedNumberRe = lazyre.New(`\d+\s*[-/]\s*(?:[\p{L}\d&]+\s*[-/]\s*)*[\p{L}\d&]*\p{L}[\p{L}\d&]*\s*,?\s*(?i:ngày|ngay)?\s*$`)

// citedBefore reports whether the text before a date ends with a
// document's number, so that the date is that document's.
func citedBefore(s string) bool {
	return strings.ContainsAny(s, "/-") && citedNumberRe.MatchString(s)
}

// issuingVerbRe matches what follows an issuer's name in a sentence.
var issuingVerbRe = lazyre.New(`^\s+(?:đã\s+|vừa\s+)?(?:ban hành|ra|phát động|triển khai|tổ chức|chỉ đạo|quyết định|thông báo|ký)\s`)

// readUnheaded finishes a text without a formal header that still ends
// like a formal document, with a signature: it is a document whose header
// was lost, not an article, and its title may name its type.
func readUnheaded(d *doc, r *Result) {
	readSigner(d, r)
	r.Recipients = readRecipients(d)
	if r.SignerCapacity.Text == "" {
		return
	}
	r.Article, r.Type = false, Value{}
	f := foldWords(r.Title.Text)
	for _, t := range typeNames {
		if strings.HasPrefix(f, t.fold+" ve ") || strings.HasPrefix(f, t.fold+" so ") {
			r.Type = Value{t.name, confGuess}
		}
	}
}

// orgMentionRe finds a named body in running text: "Ban Thường vụ Huyện
// ủy Chợ Mới", "Ủy ban nhân dân xã Kiến An".
var orgMentionRe = lazyre.New(`(?:Ban Thường vụ|Ban Chấp hành|Thường trực|Ban Tuyên giáo|Ban Dân vận|Ban Tổ chức|` +
	`(?:Ủy|Uỷ) ban Kiểm tra|(?:Ủy|Uỷ) ban nhân dân|UBND|Hội đồng nhân dân|HĐND|(?:Ủy|Uỷ) ban MTTQ Việt Nam|` +
	`(?:Ủy|Uỷ) ban Mặt trận Tổ quốc Việt Nam|Huyện (?:ủy|uỷ)|Tỉnh (?:ủy|uỷ)|Thành (?:ủy|uỷ)|Quận (?:ủy|uỷ)|Đảng (?:ủy|uỷ)|Chi bộ)` +
	`(?:\s+(?:Huyện (?:ủy|uỷ)|Tỉnh (?:ủy|uỷ)|Thành (?:ủy|uỷ)|Đảng (?:ủy|uỷ)|huyện|tỉnh|xã|thị trấn|phường|thành phố|\p{Lu}[\p{L}]*))*`)

// Reasons of an article's title.
const (
	// headlineWhy: the headline over the lead that names its source.
	headlineWhy = "dòng tiêu đề trên lời dẫn có nguồn tin"
	// topLineWhy: no formal header, and no headline for sure.
	topLineWhy = "không có phần đầu của văn bản hành chính, lấy dòng dài nhất giống tiêu đề ở đầu văn bản"
	// shortPageTitleWhy follows pageTitleWhy for a title of a few words.
	shortPageTitleWhy = ", quá ngắn: thường là tên của trang web, không phải của bài"
)

// pageTitleWhy says that the title is the one the file gave: a web
// page's (the only format whose reader gives one), else the file's own.
func pageTitleWhy(name string) string {
	if isHTML(name) {
		return "tiêu đề của trang web"
	}
	return "tiêu đề ghi trong tệp"
}

// articleTitle picks the headline: the line before the source tag, else
// the longest title-like line near the top; with its reason.
func articleTitle(lines []string, lead int) (Value, string) {
	if lead > 0 {
		for i := lead - 1; i >= 0 && i >= lead-3; i-- {
			if isHeadline(lines[i]) {
				return Value{strings.Join(strings.Fields(lines[i]), " "), confDerived}, headlineWhy
			}
		}
	}
	best := ""
	note := 0 // open parentheses of an attachment note
	for i, l := range lines {
		if i >= 12 || isSentence(l) || best != "" && sectionHeadRe.MatchString(l) {
			break // the body, or a form's first section, has begun
		}
		if note > 0 || strings.HasPrefix(l, "(") {
			// "(Kèm theo Quyết định số ... ngày ..." over a line or two
			// under an annexed form's heading names another document
			note = max(0, note+strings.Count(l, "(")-strings.Count(l, ")"))
			continue
		}
		if h := wrappedHeadline(lines[i:min(len(lines), 12)]); h != "" {
			l = h
		}
		if isHeadline(l) && utf8.RuneCountInString(l) > utf8.RuneCountInString(best) {
			best = l
		}
	}
	if best == "" {
		return Value{}, ""
	}
	return Value{strings.Join(strings.Fields(best), " "), confWeak}, topLineWhy
}

// wrappedHeadline returns a heading in capitals that wraps over the
// lines that follow it ("TÓM TẮT ... BÁO CÁO CÔNG TÁC" over "CẢI CÁCH
// HÀNH CHÍNH NĂM 2025 VÀ PHƯƠNG HƯỚNG," over "NHIỆM VỤ NĂM 2026 ..."),
// joined, or "": its first line is a headline of five words or more (or
// three, when the next line goes on with "CỦA", "VỀ" ...: "LÝ LỊCH KHOA
// HỌC" over "CỦA CÁ NHÂN ĐĂNG KÝ ..."), and each line it wraps onto has
// three words or more and opens no section ("I. BỐI CẢNH ...").
func wrappedHeadline(lines []string) string {
	if len(lines) < 2 || !isUpperText(lines[0]) || !opensHeadline(lines[0], lines[1]) {
		return ""
	}
	joined := lines[0]
	for _, l := range lines[1:] {
		if !isUpperText(l) || len(strings.Fields(l)) < 3 || sectionHeadRe.MatchString(l) || !isHeadline(l) {
			break
		}
		joined += " " + l
	}
	if joined == lines[0] || !isHeadline(joined) {
		return ""
	}
	return joined
}

// coverYearRe matches the line of a booklet's cover that says when it
// was printed: "An Giang, tháng 6 năm 2025", "AN GIANG - 2025", "Long
// Xuyên, 6/2025", "NĂM 2025".
var coverYearRe = lazyre.New(`^(?:\p{Lu}[\p{L} .]{1,30}?\s*[,\-–]\s*)?(?:(?:tháng|THÁNG)\s+\d{1,2}\s*(?:[/-]|năm|NĂM)\s*|\d{1,2}\s*/\s*|(?:năm|NĂM)\s+)?((?:19|20)\d{2})$`)

// coverYear returns the year a booklet's cover gives on a line of its own
// over its foreword or its first question, and the line's index, or 0.
func coverYear(lines []string) (year, at int) {
	for i, l := range lines {
		t := strings.TrimSpace(l)
		f := foldWords(cutAt(t, 20))
		if i >= 30 || strings.HasPrefix(f, "loi noi dau") || strings.HasPrefix(f, "loi gioi thieu") ||
			strings.HasPrefix(f, "muc luc") || strings.HasPrefix(f, "cau 1") {
			break
		}
		if m := coverYearRe.FindStringSubmatch(t); m != nil && m[0] != m[1] {
			return atoi(m[1]), i
		}
	}
	return 0, -1
}

// coverIssuer returns the body named in capitals on the first line of a
// booklet's cover, over its title in capitals ("HỘI ĐỒNG BẦU CỬ QUỐC
// GIA" over "HỎI ĐÁP" / "VỀ BẦU CỬ ..."), or "": it compiled the booklet,
// where a body its text names is any.
func coverIssuer(lines []string, title string) string {
	if len(lines) < 2 || title == "" || !isUpperText(title) || !isUpperText(lines[0]) {
		return ""
	}
	first := strings.Join(strings.Fields(lines[0]), " ")
	if strings.HasPrefix(title, first) || !strings.Contains(strings.Join(lines[1:min(len(lines), 12)], " "), firstWords(title, 2)) {
		return "" // the first line is the title's, or the title is not on the cover
	}
	f := " " + foldWords(first) + " "
	for _, w := range orgWords {
		if strings.Contains(f, " "+w+" ") {
			return first
		}
	}
	return ""
}

// firstWords returns the first n words of s, joined by a space.
func firstWords(s string, n int) string {
	w := strings.Fields(s)
	return strings.Join(w[:min(n, len(w))], " ")
}

// opensHeadline reports the first line of a heading that wraps onto
// next: a headline of five words or more, or a shorter one when next goes
// on with "CỦA", "VỀ" ...; on a booklet's cover, a word or two of plain
// letters ("HỎI ĐÁP" over "VỀ BẦU CỬ" over "ĐẠI BIỂU QUỐC HỘI ...").
func opensHeadline(first, next string) bool {
	n := len(strings.Fields(first))
	switch {
	case n >= 5:
		return isHeadline(first)
	case !headlineGoesOnRe.MatchString(next):
		return false
	case n >= 3:
		return isHeadline(first)
	}
	return n > 0 && !strings.ContainsFunc(first, func(r rune) bool { return r != ' ' && !unicode.IsLetter(r) })
}

// headlineGoesOnRe matches a heading's line that goes on with the
// heading's line above.
var headlineGoesOnRe = lazyre.New(`^(?:CỦA|VỀ|VÀ|CHO|ĐỐI VỚI|TRONG|TẠI)\s`)

// sectionHeadRe matches the mark that opens a section: "I.", "2.", "A)".
var sectionHeadRe = lazyre.New(`^(?:[IVXLC]+|\d+|[A-ZĐ])[.)]\s`)

// isSentence reports a line of running text: long, ending like a sentence.
func isSentence(l string) bool {
	return len(strings.Fields(l)) > 12 && strings.ContainsAny(l[len(l)-1:], ".:;")
}

// isHeadline reports whether a line can be a headline: a few words, not a
// sentence, not site chrome.
func isHeadline(l string) bool {
	n := len(strings.Fields(l))
	if n < 3 || n > 40 || strings.HasSuffix(l, ".") || strings.ContainsAny(l, "|»") || strings.Contains(l, "   ") {
		return false
	}
	f := foldWords(l)
	for _, c := range chrome {
		if strings.Contains(f, c) {
			return false
		}
	}
	for _, c := range colophon {
		if strings.HasPrefix(f, c) {
			return false
		}
	}
	return true
}

// colophon are the folded openings of a booklet's lines that name who
// wrote or published it, under the title on its cover: "BẢN QUYỀN XUẤT
// BẢN", "NHÀ XUẤT BẢN ...", "CHỈ ĐẠO BIÊN SOẠN", "CHỦ BIÊN".
var colophon = []string{"ban quyen", "nha xuat ban", "chi dao bien soan", "bien soan", "chu bien"}

func nonEmpty(lines []string) []string {
	var out []string
	for _, l := range lines {
		if s := strings.TrimSpace(l); s != "" {
			out = append(out, s)
		}
	}
	return out
}
