// Package meta reads a document's metadata from its plain text the way an
// experienced office clerk does: the number (số hiệu), type, issuing body,
// place and date from the header; the title from the type line and its
// subject; the signer from the signature block; the recipients; the marks
// of urgency and secrecy; and the other documents the body cites. Pages
// saved from news sites, which have none of that layout, are read as
// articles: headline, source tag and the date and issuer of the lead
// sentence.
//
// Every field comes with a confidence in [0,1]; a field below about 0.7 is
// one the user interface offers for review.
package meta

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"khovanban/index/internal/lazyre"
	"khovanban/index/vntext"
)

// Value is one field read from a document. Confidence is in [0,1]; an
// empty Text with Confidence 0 means the field was not found.
type Value struct {
	Text       string
	Confidence float64
}

// Citation is another document cited in the body, such as "Chỉ thị số
// 03-CT/TW ngày 14/5/2011 của Bộ Chính trị".
type Citation struct {
	Type   string // "Chỉ thị"
	Number string // "03-CT/TW", as written (see NormalizeNumber)
	Date   string // YYYY-MM-DD or ""
	Issuer string // "Bộ Chính trị" or ""
}

// Hint carries what the file format knew about the document.
type Hint struct {
	Title    string // e.g. the HTML headline; may be ""
	FileName string
	OCR      bool // the text, or part of it, was read from page images
	// HandNumber and HandDay are the digits a handwriting reader read in
	// the blanks of a scanned header, where OCR read none: the number's
	// ("125" before the printed "/KH-UBND") and the day's ("12" after
	// "ngày"). They fill a number or day the text leaves unread, for
	// review (see handWhy).
	HandNumber, HandDay string
	// OCRNumber and OCRDay are the digits OCR itself read in those
	// blanks, unsure of them (handwriting): a number or day of the text
	// made of them is a guess, which HandNumber or HandDay replaces, and
	// which goes to review either way.
	OCRNumber, OCRDay string
	// HandMonth is the month the reader read in the blank after "tháng",
	// where the text's month cannot be read. HandDayGuess and
	// HandMonthGuess are a day and a month it read unsure, used where
	// HandDay and HandMonth are "": a date made with them is a guess,
	// for review.
	HandMonth, HandDayGuess, HandMonthGuess string
	// HandNumberGuess is the number's digits the reader read unsure of
	// them, used where HandNumber is "": a number made with them is a
	// guess, for review.
	HandNumberGuess string
}

// Result is everything Read found in a document.
//
// Type is the Vietnamese document type with normal capitalisation
// ("Kế hoạch", "Công văn"); news articles and web pages get "Bài viết".
// Issuer is the issuing body as written in the header, recapitalised the
// normal way and with the new tone placement ("HUYỆN UỶ CHỢ MỚI" →
// "Huyện ủy Chợ Mới"); SuperiorIssuer is the body above it in the header.
// Number is the số hiệu without "Số" ("12-KH/HU", "45/KH-UBND").
// Date is YYYY-MM-DD; a draft with blanks ("ngày   tháng   năm 2026")
// leaves Date empty and sets Year only.
type Result struct {
	Title          Value
	Number         Value // "12-KH/HU", "45/KH-UBND": without "Số"
	Type           Value // "Kế hoạch"; "Bài viết" for an article
	TypeCode       Value // "KH"
	Issuer         Value // "Huyện ủy Chợ Mới"
	IssuerCode     Value // "HU", "UBND", "UBND-VP"
	SuperiorIssuer Value // "Đảng bộ tỉnh An Giang"
	Place          Value // "Chợ Mới"
	Date           Value // YYYY-MM-DD
	Signer         Value // "Nguyễn Văn An"
	SignerCapacity Value // "T/M BAN THƯỜNG VỤ - BÍ THƯ"
	// Why says, for each field read ("number", "type", "issuer", "date",
	// "title", "signer"), where and by which rule it was read, in
	// Vietnamese for the person checking it: `dòng 3 «Số: 45/KH-UBND»`.
	Why        map[string]string
	Urgency    Value // "KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"
	Secrecy    Value // "MẬT", "TỐI MẬT", "TUYỆT MẬT"
	Source     Value // an article's source tag: "TGAG"
	Year       int   // from Date, or a draft's date, or the number
	Recipients []string
	Citations  []Citation
	Article    bool // a news article or web page, not a formal document
	// signedBeside: the signer was read beside the mark "(Đã ký)" alone,
	// without a capacity (see nameBySignedMark)
	signedBeside bool
	// dateSigned: the date was read on the place and date line over the
	// signature (see signedPlaceDate)
	dateSigned bool
}

// minText is the least text worth reading: less is a scan without OCR
// or an empty page.
const minText = 40

// Confidence levels used across the package.
const (
	confHeader  = 0.95 // read from its proper place in the layout
	confDerived = 0.8  // derived from another field, e.g. type from number
	confGuess   = 0.6  // found somewhere plausible, worth a review
	confWeak    = 0.4  // a fallback
)

// Read reads the metadata of one document from its text. It never fails:
// fields it cannot find are left empty.
func Read(text string, hint Hint) Result {
	var r Result
	if len(strings.TrimSpace(text)) < minText {
		return r // a scan without text: nothing to read, and no guess
	}
	d := newDoc(text)
	portal, isPortal := readPortal(d.lines)
	h := readHeader(d)
	hd := d
	if !h.national && !h.numberSeen {
		// The header may come after the text when a PDF stores its
		// boxes last: read it where the national header stands.
		if k := lateHeader(d.lines); k > 0 {
			ld := &doc{lines: segmentHeader(d.lines[k:]), flat: d.flat}
			lh := readHeader(ld)
			lh.late = true
			if lh.typeLine >= 0 || h.typeLine < 0 {
				hd, h = ld, lh
			} else {
				lh.typeLine, lh.typeName, lh.typeRest = h.typeLine, h.typeName, h.typeRest
				h = lh
			}
		}
	}
	if !h.formal() {
		readArticle(d, hint, &r)
	} else {
		readFormal(hd, d, h, hint, &r)
	}
	readRestated(d, h, &r)
	if isPortal {
		if r.Article && (portal.number != "" || portal.typ != "") {
			r.Article, r.Type, r.Issuer, r.Date = false, Value{}, Value{}, Value{}
			r.Title = Value{}
			delete(r.Why, "title")
		}
		portal.fill(&r, d.lines)
		if r.Year == 0 {
			r.Year = parseNumber(r.Number.Text).year
		}
	}
	layerOCR := !hint.OCR && (garbled(r.Title.Text, 2) || isPDF(hint.FileName) && garbled(cutAt(d.flat, 2000), 3))
	r.fixOCR(hint.OCR || layerOCR)
	if layerOCR {
		// a text layer an OCR program left in a scanned PDF, read without
		// the Vietnamese alphabet ("vd viQc cho ph6p"): for review too
		for f, v := range map[string]*Value{"number": &r.Number, "date": &r.Date, "title": &r.Title, "signer": &r.Signer, "issuer": &r.Issuer} {
			if v.Confidence > confGuess { // a draft's blank date too: what OCR could not read
				v.Confidence = confGuess
				if r.Why != nil && r.Why[f] != "" {
					r.Why[f] += " (chữ nhận dạng sai trong tệp PDF quét)"
				}
			}
		}
	}
	if hint.OCR {
		// OCR misreads digits and letters: what it gave is for review
		for f, v := range map[string]*Value{"number": &r.Number, "date": &r.Date, "title": &r.Title, "signer": &r.Signer} {
			if v.Text != "" && v.Confidence > confGuess {
				v.Confidence = confGuess
				if r.Why != nil && r.Why[f] != "" {
					r.Why[f] += " (chữ nhận dạng từ ảnh quét)"
				}
			}
		}
	}
	r.Citations = readCitations(d.flat, r.Number.Text)
	if r.Year == 0 && len(r.Date.Text) >= 4 {
		r.Year = atoi(r.Date.Text[:4])
	}
	return r
}

// isPDF reports a PDF's file name: only a PDF carries a text layer that
// an OCR program left under its page images.
func isPDF(name string) bool {
	return len(name) > 4 && strings.EqualFold(name[len(name)-4:], ".pdf")
}

// garbled reports a text with at least min words where OCR put digits,
// marks or a capital among small letters ("ph6p", "chri'ng", "viQc",
// "nguÝi"), which Vietnamese words never have.
func garbled(s string, min int) bool {
	n, lower, odd := 0, 0, false
	p2, p1 := ' ', ' '
	endWord := func() bool {
		if odd && lower >= 2 {
			n++
		}
		lower, odd = 0, false
		return n >= min
	}
	for _, r := range s {
		if r == ' ' {
			if endWord() {
				return true
			}
			p2, p1 = ' ', ' '
			continue
		}
		if r < 128 && r >= 'a' && r <= 'z' || r >= 128 && unicode.IsLower(r) {
			lower++
		}
		// p1 stands between two letters: a digit or mark ("ph6p", not
		// "Covid-19"), or a capital among small letters ("viQc", "nguÝi")
		if p2 != ' ' && (p1 >= '0' && p1 <= '9' || p1 == '$' || p1 == '\'' || p1 == '*') && unicode.IsLetter(p2) && unicode.IsLetter(r) ||
			p1 >= 'A' && unicode.IsUpper(p1) && unicode.IsLower(p2) && unicode.IsLower(r) {
			odd = true
		}
		p2, p1 = p1, r
	}
	return endWord()
}

// lateHeader returns the index of the first line of a header that stands
// below the top of the text (the body's text came first), or -1: the
// national header and the issuer lines in capitals just above it.
func lateHeader(lines []string) int {
	for i := 1; i < len(lines) && i < lateHeaderSearch; i++ {
		l := strings.TrimSpace(lines[i])
		if len(l) < 20 || (l[0] != 0xC4 && l[0] != 'C') { // "C" of CỘNG, "Đ" of ĐẢNG
			continue
		}
		if national, ok := nationalPart(foldWords(cutAt(l, 120))); !ok || !national {
			continue
		}
		k := i
		for k > 0 && i-k < 3 {
			p := strings.TrimSpace(lines[k-1])
			if p == "" || isUpperText(p) && isOrgLike(p) && !isDecoration(p) {
				k--
				continue
			}
			break
		}
		return k
	}
	return -1
}

// lateHeaderSearch is how far down a header placed after the text is looked for.
const lateHeaderSearch = 120

// readFormal fills r from a document with the official layout; hd holds
// the header, which is d itself unless the header came after the text.
func readFormal(hd, d *doc, h header, hint Hint, r *Result) {
	handNumber, handDate := useHandwriting(&h, hint, d.flat)
	stamped := h.number == "" && stampedNumber(hd.lines, &h)
	if h.number != "" {
		r.Number = Value{h.number, confHeader}
		n := parseNumber(h.number)
		if n.typeCode != "" {
			r.TypeCode = Value{n.typeCode, confHeader}
		}
		if n.issuerCode != "" {
			r.IssuerCode = Value{n.issuerCode, confHeader}
		}
		if n.year != 0 {
			r.Year = n.year
		}
	}
	if h.issuer != "" {
		r.Issuer = Value{orgCase(h.issuer), confHeader}
		if h.issuerOf != "" {
			r.Issuer.Text += " " + orgCase(h.issuerOf)
		}
		if !plausibleOrg(h.issuer + " " + h.issuerOf) {
			r.Issuer.Confidence = confGuess // "A i", "Tài chính": a piece of a name
		}
	}
	if h.superior != "" {
		r.SuperiorIssuer = Value{orgCase(h.superior), confHeader}
	}
	r.Urgency, r.Secrecy = h.urgency, h.secrecy
	if h.date == "" && h.draftYear == 0 {
		h.attach = findAttachment(hd.lines)
	}
	readDate(d, h, hint.OCR, r)
	titleWhy := readTitle(hd, h, hint, r)
	readSigner(d, r)
	r.Recipients = readRecipients(d)
	explain(hd, h, r, titleWhy)
	if hint.OCR {
		stampedYear(d.flat, r)
	}
	if r.Number.Text == "" && !h.numberSeen {
		readConsolidated(d, r) // a consolidated text: its number and date close it
	}
	if r.Issuer.Text == "" && speechTypes[r.Type.Text] {
		readSpeaker(hd, h, r)
	}
	numberDoubts(h, hint.OCR, handNumber, stamped, r)
	if r.Number.Text == "" && h.numberSeen {
		blankNumber(r, hint.OCR)
	}
	if handDate && r.Date.Text == h.date {
		r.Date.Confidence = confWeak
		what, why := "ngày ", handWhy
		if h.handMonth {
			what = "ngày, tháng "
		}
		if h.dayGuess {
			why = handGuessWhy
		}
		r.Why["date"] = what + why + "; " + r.Why["date"]
	}
}

// blankNumber says why the number is empty though its cell ("Số: …")
// was read: on a scan, digits the reader could not read (by hand, or
// blurred), to review as an empty date is; in a typed document, a number
// left blank on purpose (a draft, or one numbered by pen once printed),
// sure (usertest s13: a scanned MTTQ letter's empty number had no ⚠).
func blankNumber(r *Result, ocr bool) {
	if r.Why == nil {
		r.Why = map[string]string{}
	}
	if ocr {
		r.Number.Confidence = 0
		r.Why["number"] = unreadNumberWhy
		return
	}
	r.Number.Confidence = confHeader
	r.Why["number"] = blankNumberWhy
}

// unreadNumberWhy and blankNumberWhy say why a number cell gave no number.
const (
	unreadNumberWhy = "không đọc được số trong ô số hiệu (viết tay hoặc ảnh mờ)"
	blankNumberWhy  = "ô số hiệu để trống (bản dự thảo hoặc số ghi tay sau khi in)"
)

// joinedWhy says that OCR read a number's digits apart and they were joined.
const joinedWhy = "chữ số rời nhau trong chữ nhận dạng, đã ghép lại — cần kiểm tra"

// handWhy says that a number or day was handwritten and read by machine.
const handWhy = "số viết tay, đọc tự động — cần kiểm tra"

// handGuessWhy says that a day, month or number was handwritten and the
// machine that read it was unsure.
const handGuessWhy = "số viết tay, máy đọc không chắc — cần kiểm tra"

// numberDoubts lowers the confidence of a number whose digits were not
// read in its cell as printed, and says why: digits OCR read apart and
// joined, digits stamped apart from the cell (stamped), digits a
// handwriting reader read (handNumber).
func numberDoubts(h header, ocr, handNumber, stamped bool, r *Result) {
	if r.Number.Text != h.number {
		return
	}
	if h.numberJoined && ocr && !handNumber {
		// OCR reads handwritten digits apart as often as printed ones
		// ("Số: 47 7/CAT-PA05" for a handwritten 177)
		r.Number.Confidence = confWeak
		r.Why["number"] = joinedWhy + "; " + r.Why["number"]
	}
	if stamped {
		r.Number.Confidence = confGuess
		r.Why["number"] = stampedWhy + "; " + r.Why["number"]
	}
	if handNumber {
		r.Number.Confidence = confWeak
		why := handWhy
		if h.numberGuess {
			why = handGuessWhy
		}
		r.Why["number"] = why + "; " + r.Why["number"]
	}
}

// stampedWhy says that the number's digits stood apart from its cell.
const stampedWhy = "chữ số đứng riêng trên dòng trên ô số hiệu (số đóng khi ký số) — cần kiểm tra"

// stampedDigitsRe matches the digits of a number alone on a line.
var stampedDigitsRe = lazyre.New(`^[1-9]\d{1,5}$`)

// stampedNumber completes a number cell whose digits are blank ("Số:
// /BNV-CCHC") with the digits alone on the line right above it, between
// it and the issuer: where a signing program stamps the number of a
// digitally signed PDF ("BỘ NỘI VỤ" / "12094" / "Số: /BNV-CCHC"). It
// reports whether it did.
func stampedNumber(lines []string, h *header) bool {
	if !strings.HasPrefix(h.numberCodes, "/") || h.numberAt < 2 || h.numberAt >= len(lines) {
		return false
	}
	k := h.numberAt - 1
	for k > 0 && strings.TrimSpace(lines[k]) == "" {
		k--
	}
	digits := strings.TrimSpace(lines[k])
	if k < 1 || k <= h.issuerAt || !stampedDigitsRe.MatchString(digits) {
		return false
	}
	h.number = digits + h.numberCodes
	return true
}

// useHandwriting completes a scanned header's number and date with the
// digits a handwriting reader read in their blanks (hint.HandNumber,
// hint.HandDay): a number whose codes alone were read ("Số:    /KH-UBND")
// gets its digits, a date whose day alone was blank or could not be read
// gets its day. A number or day the text holds as OCR read it unsure in
// the blank (hint.OCRNumber, hint.OCRDay: "Số: 4140/CAT-PA05" for a
// handwritten 1710) is a guess: the reader's digits replace it, and it is
// for review even when the reader has none. Nothing else the text gives
// is replaced. A day that would date the paper after its first digital
// signature (in flat, the text) is not taken. Digits the reader read
// unsure of (hint.HandNumberGuess) stand in for a number's sure ones
// that it has not, as a guess (h.numberGuess): the number stays for
// review like any the reader gave.
func useHandwriting(h *header, hint Hint, flat string) (number, date bool) {
	n := hint.HandNumber
	if !digitsOnly(n, 5) {
		n, h.numberGuess = hint.HandNumberGuess, true
	}
	if !digitsOnly(n, 5) {
		n, h.numberGuess = "", false
	}
	switch o := hint.OCRNumber; {
	case n != "" && h.number == "" && h.numberCodes != "" && (h.numberCodes[0] == '/' || h.numberCodes[0] == '-'):
		h.number, number = n+h.numberCodes, true
	case o != "" && len(h.number) > len(o) && strings.HasPrefix(h.number, o) && strings.IndexByte("/-", h.number[len(o)]) >= 0:
		if n != "" && n != strings.TrimLeft(o, "0") {
			// (the reader drops a typed leading zero: "1" for OCR's
			// "01" is the same number, written as OCR read it)
			h.number = n + h.number[len(o):]
		}
		number = true
	}
	return number, handDate(h, hint, flat)
}

// handDate is useHandwriting for the day and month: it reports whether
// the header's date is made of, or is, what the reader or OCR read by
// hand.
func handDate(h *header, hint Hint, flat string) (date bool) {
	d, guess := hint.HandDay, false
	if !digitsOnly(d, 2) {
		d, guess = hint.HandDayGuess, true
	}
	if !digitsOnly(d, 2) {
		d = ""
	}
	month, monthGuess := h.unreadMonth, false
	if h.date == "" && month == 0 {
		// the month written by hand too ("tháng Ø†"): read, or guessed
		m := hint.HandMonth
		if !digitsOnly(m, 2) {
			m, monthGuess = hint.HandMonthGuess, true
		}
		if digitsOnly(m, 2) {
			month = atoi(m)
		}
	}
	signed := ""
	if d != "" {
		signed = firstSigned(flat)
	}
	valid := func(day, month, year int) bool {
		return validDate(day, month, year) && (signed == "" || fmt.Sprintf("%04d-%02d-%02d", year, month, day) <= signed)
	}
	switch o := hint.OCRDay; {
	case d != "" && h.date == "" && h.draftYear != 0 && month != 0:
		if day := atoi(d); valid(day, month, h.draftYear) {
			h.date, date = fmt.Sprintf("%04d-%02d-%02d", h.draftYear, month, day), true
			h.handMonth = month != h.unreadMonth
			h.dayGuess = guess || h.handMonth && monthGuess
		}
	case o != "" && len(h.date) == 10 && atoi(h.date[8:]) == atoi(o):
		y, m := atoi(h.date[:4]), atoi(h.date[5:7])
		if day := atoi(d); d != "" && valid(day, m, y) {
			h.date = fmt.Sprintf("%04d-%02d-%02d", y, m, day)
			h.dayGuess = guess
		}
		date = true
	}
	return date
}

// digitsOnly reports 1 to most ASCII digits.
func digitsOnly(s string, most int) bool {
	if s == "" || len(s) > most {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// lineWhere says which line of the header doc hd, i, a field was read
// from, for a reason: `dòng «Số: 215/UBND-VP»`, after "đầu văn bản in sau
// nội dung" when the header came after the text; "" for no line. The line
// is quoted, not numbered: hd's lines are the header's after its columns
// were split, whose count is not the document's (session 15: "dòng 7"
// where the reader shows it fifth).
func lineWhere(hd *doc, h header, i int) string {
	if i < 0 || i >= len(hd.lines) {
		return ""
	}
	l := strings.TrimSpace(hd.lines[i])
	if len(l) > 90 {
		l = cutAt(l, 90) + "…"
	}
	s := "dòng «" + l + "»"
	if h.late {
		s = "đầu văn bản in sau nội dung, " + s
	}
	return s
}

// explain fills r.Why for the fields of a formal document and lowers the
// confidence of what was read away from its usual place; titleWhy is
// the rule readTitle read the title by.
func explain(hd *doc, h header, r *Result, titleWhy string) {
	r.Why = map[string]string{}
	where := func(i int) string { return lineWhere(hd, h, i) }
	if r.Number.Text != "" {
		r.Why["number"] = "ô số hiệu, " + where(h.numberAt)
	}
	switch {
	case r.Type.Text == "":
	case h.typeLine >= 0 && r.Type.Text == h.typeName:
		r.Why["type"] = "dòng tên loại, " + where(h.typeLine)
	case h.numberKind != "" && r.Type.Text == h.numberKind:
		r.Why["type"] = "tên loại trước số hiệu, " + where(h.numberAt)
	case r.TypeCode.Text != "":
		r.Why["type"] = "mã loại " + r.TypeCode.Text + " trong số hiệu"
	default:
		r.Why["type"] = "có dòng V/v (công văn)"
	}
	if r.Issuer.Text != "" {
		r.Why["issuer"] = "cột cơ quan ban hành, " + where(h.issuerAt)
		if r.Issuer.Confidence < confHeader {
			r.Why["issuer"] += "; tên không đủ (cần xem lại)"
		}
	}
	if why := dateWhy(hd, h, r, where); why != "" {
		r.Why["date"] = why
	}
	if r.Title.Text != "" && titleWhy != "" {
		r.Why["title"] = titleWhy
	}
	switch {
	case r.Signer.Text != "" && r.SignerCapacity.Text != "":
		r.Why["signer"] = "khối chữ ký: " + r.SignerCapacity.Text
	case r.Signer.Text != "" && r.signedBeside:
		r.Why["signer"] = "tên cạnh dấu «(Đã ký)», không thấy chức vụ ký (cần xem lại)"
	case r.Signer.Text != "":
		r.Why["signer"] = "tên đứng riêng sau danh sách nơi nhận, không thấy chức vụ ký (cần xem lại)"
	}
	if h.late {
		for _, v := range []*Value{&r.Number, &r.Issuer, &r.Date, &r.Type, &r.Title} {
			v.Confidence = min(v.Confidence, confDerived)
		}
	}
	if len(r.Why) == 0 {
		r.Why = nil
	}
}

// dateWhy is the reason of the date read (explain): where is the line
// of the header doc hd that explain writes.
func dateWhy(hd *doc, h header, r *Result, where func(int) string) string {
	switch {
	case h.date != "":
		return "dòng địa danh, ngày tháng, " + where(h.dateAt)
	case h.attach.ok && r.Date.Text != "":
		return "ngày của văn bản ban hành kèm theo, " + where(h.attach.line)
	case h.attach.ok && h.attach.year == 0:
		return "ngày của văn bản ban hành kèm theo để trống, cả năm (bản dự thảo), " + where(h.attach.line)
	case h.attach.ok:
		return "ngày của văn bản ban hành kèm theo để trống (bản dự thảo), chỉ có năm, " + where(h.attach.line)
	case r.dateSigned && r.Date.Text != "":
		return "dòng địa danh, ngày tháng trên chữ ký (không có ngày ở đầu văn bản)"
	case r.dateSigned:
		return "dòng địa danh, ngày tháng trên chữ ký để trống, chỉ có năm (không có ngày ở đầu văn bản)"
	case r.Date.Text != "":
		return "câu thông qua văn bản (không có ngày ở đầu văn bản)"
	case h.unreadDay && h.unreadMonth != 0:
		return "không đọc được ngày (viết tay hoặc ảnh mờ), chỉ có tháng " + strconv.Itoa(h.unreadMonth) + " năm " + strconv.Itoa(h.draftYear) + ", " + where(h.dateAt) + signedOn(hd.flat)
	case h.unreadDay:
		return "không đọc được ngày tháng (viết tay hoặc ảnh mờ), chỉ có năm, " + where(h.dateAt) + signedOn(hd.flat)
	case h.draftYear != 0:
		return "ngày để trống (bản dự thảo), chỉ có năm"
	}
	return ""
}

// plausibleOrg reports whether an issuer read from the header names a
// whole body: a kind of body, a committee or an administrative unit, in
// two words or more.
func plausibleOrg(s string) bool {
	if strings.Count(strings.TrimSpace(s), " ") < 1 {
		return false
	}
	f := " " + foldWords(s) + " "
	for _, w := range orgWords {
		if strings.Contains(f, " "+w+" ") {
			return true
		}
	}
	for _, k := range []string{"bo", "cuc", "vien", "truong", "trung tam", "cong an", "quoc hoi", "chinh phu", "toa an", "lien doan", "cong ty", "benh vien", "bch", "tinh doan", "hiep hoi"} {
		if strings.Contains(f, " "+k+" ") {
			return true
		}
	}
	return hasAdminUnit(strings.TrimSpace(f))
}

// doc is a document's text prepared once for all readers.
type doc struct {
	lines []string // normalised lines, column spacing kept
	flat  string   // the whole text on one line with runs of spaces folded
}

// replaceDashes writes "-" for each of U+2010-U+2015 and U+2212 (dashes
// and the minus sign) and four spaces for each tab, in one pass over the
// bytes; s itself when it holds none. strings.Replacer allocated twice
// even when it replaced nothing, and was 0.9% of an import's CPU with a
// test for whether it had anything to do.
func replaceDashes(s string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\t':
			b.Grow(len(s) + 8)
			b.WriteString(s[last:i])
			b.WriteString("    ")
			last = i + 1
		case c == 0xE2 && i+2 < len(s) && (s[i+1] == 0x80 && s[i+2] >= 0x90 && s[i+2] <= 0x95 || s[i+1] == 0x88 && s[i+2] == 0x92):
			b.Grow(len(s))
			b.WriteString(s[last:i])
			b.WriteByte('-')
			i += 2
			last = i + 1
		}
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

func newDoc(text string) *doc {
	s := vntext.Clean(text)
	s = replaceDashes(s)
	if strings.Contains(s, "Ð") {
		s = strings.ReplaceAll(s, "Ð", "Đ") // the Icelandic eth some fonts use for Đ
	}
	if strings.Contains(s, "&amp;") {
		// a signing program's stamp written escaped, as in XML:
		// "Số: 2775/SNV-CCHC&amp;VTLT; 10/11/2025; 10:59:46;"
		s = strings.ReplaceAll(s, "&amp;", "&")
	}
	if strings.Contains(s, "C ỘNG") {
		// a PDF that spaces the first letter off: "C ỘNG HÒA XÃ HỘI ..."
		s = strings.ReplaceAll(s, "C ỘNG HÒA", "CỘNG HÒA")
		s = strings.ReplaceAll(s, "C ỘNG HOÀ", "CỘNG HOÀ")
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	joinWrappedWord(lines)
	joinWrappedDate(lines)
	return &doc{lines: segmentHeader(lines), flat: oneLine(s)}
}

// oneLine is strings.Join(strings.Fields(s), " ") in one pass, without
// the list of words: the whole text's words with one space between them.
// Words one space apart are copied as one run, and spaces are told from
// their bytes (spaceAt): no rune is decoded. It was 1.8% of an import's
// CPU when it decoded the runes of the lead bytes spaces share and wrote
// word by word.
func oneLine(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	start := -1 // of the run of words being read
	for i := 0; i < len(s); {
		if start >= 0 {
			if i = nextSpaceLead(s, i); i == len(s) {
				break
			}
		}
		n, space := spaceAt(s, i)
		switch {
		case !space:
			if start < 0 {
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				start = i
			}
		case start >= 0 && s[i] == ' ' && i+1 < len(s) && !isSpaceAt(s, i+1):
			// one space between two words: the run goes on
		case start >= 0:
			b.WriteString(s[start:i])
			start = -1
		}
		i += n
	}
	if start >= 0 {
		b.WriteString(s[start:])
	}
	return b.String()
}

// spaceAt tells whether a Unicode space (unicode.IsSpace) starts at s[i],
// and its length; anything else is one byte long. A rune's other bytes
// are never spaces, and a space is only taken when its bytes are whole,
// so s is read as strings.Fields decodes it, invalid bytes included.
func spaceAt(s string, i int) (int, bool) {
	switch s[i] {
	case ' ', '\t', '\n', '\v', '\f', '\r':
		return 1, true
	case 0xC2: // U+0085, U+00A0
		if i+1 < len(s) && (s[i+1] == 0x85 || s[i+1] == 0xA0) {
			return 2, true
		}
	case 0xE1: // U+1680
		if i+2 < len(s) && s[i+1] == 0x9A && s[i+2] == 0x80 {
			return 3, true
		}
	case 0xE2: // U+2000-U+200A, U+2028, U+2029, U+202F, U+205F
		if i+2 < len(s) {
			b, c := s[i+1], s[i+2]
			if b == 0x80 && (c >= 0x80 && c <= 0x8A || c == 0xA8 || c == 0xA9 || c == 0xAF) || b == 0x81 && c == 0x9F {
				return 3, true
			}
		}
	case 0xE3: // U+3000
		if i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x80 {
			return 3, true
		}
	}
	return 1, false
}

// nextSpaceLead returns where the next byte of s from i is that may start
// a space (spaceAt), len(s) if none: the bytes of a word are skipped
// without a call for each.
func nextSpaceLead(s string, i int) int {
	for ; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c == 0xC2 || c == 0xE2 || c == 0xE3 || c == 0xE1 && i+1 < len(s) && s[i+1] == 0x9A {
			return i
		}
	}
	return i
}

func isSpaceAt(s string, i int) bool {
	_, space := spaceAt(s, i)
	return space
}

// atoi parses a small non-negative decimal number; it returns 0 on anything else.
func atoi(s string) int {
	n := 0
	if s == "" || len(s) > 9 {
		return 0
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// cutAt returns at most the first n bytes of s, ending on a whole rune.
func cutAt(s string, n int) string {
	if n >= len(s) {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
