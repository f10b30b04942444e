package meta

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"khovanban/index/internal/lazyre"
)

// headerLines is how far from the top the header may reach when no type
// line ends it earlier.
const headerLines = 16

// header is what the top of a formal document says.
type header struct {
	national     bool   // a national header was found
	nationalFull bool   // ... whole on one line: a "VIỆT NAM" alone later is no piece of it
	numberSeen   bool   // the number cell was read, even a draft's blank one
	numberNext   bool   // a bare "Số:": the number may stand on the next line
	numberKind   string // the type named before "số" ("Luật số: ..."), or ""
	numberDigits string // "Số: 321" whose codes stand on a later line
	numberCodes  string // the codes of a number left blank or unreadable: "/KH-UBND", "-CV/BTGDVTU"
	numberJoined bool   // the number's digits were read apart and joined: "Số: 257 1/VNPT-LĐG"
	afterNumber  string // text after the number in its cell: a subject under it ("Hướng dẫn ...")
	numberAt     int    // line of the number, of the date and of the issuer's last name
	dateAt       int
	issuerAt     int
	late         bool // the header stands after the text (read where the national header is)
	number       string
	issuer       string
	superior     string
	issuerOf     string // the organisation a standing body (issuer) belongs to
	place        string
	date         string // YYYY-MM-DD
	draftYear    int    // a date with blanks: only the year is known
	unreadDay    bool   // the day or month is there but cannot be read (a scan)
	unreadMonth  int    // the month read beside a day that could not be
	handMonth    bool   // unreadMonth is the handwriting reader's (see useHandwriting)
	dayGuess     bool   // the day or month the reader gave is a guess
	numberGuess  bool   // the number's digits the reader gave are a guess
	urgency      Value
	secrecy      Value
	typeLine     int // index of the type line in doc.lines, -1 if none
	typeName     string
	typeRest     string     // words after the type word on the type line
	attach       attachment // a paper issued with another: that one's date
}

// formal reports whether the document has the official layout rather than
// being a news article.
func (h header) formal() bool {
	return h.national || h.number != "" || h.typeLine >= 0
}

// readHeader reads the header: everything above the type line, and never
// past the start of the body (a chapter, an article, "Căn cứ").
func readHeader(d *doc) header {
	h := header{typeLine: -1}
	h.typeLine, h.typeName, h.typeRest = findTypeLine(d.lines)
	end := h.typeLine
	if end < 0 {
		end = min(len(d.lines), headerLines+countBlank(d.lines, headerLines))
	}
	if b := bodyStart(d.lines, end); b < end {
		end = b
	}
	orgs := h.readLines(d.lines, end)
	if h.number == "" && h.typeRest != "" {
		// "ÁN LỆ SỐ 49/2021/AL": the number on the type line
		if n, _, ok := headerNumber(h.typeRest); ok {
			h.number, h.numberSeen, h.numberAt = n, true, h.typeLine
		}
	}
	if h.number == "" && h.numberDigits != "" && h.numberCodes == "" {
		h.number = h.numberDigits // "Số: 05": the digits alone, no codes in the header
	}
	h.setIssuer(orgs)
	return h
}

// readLines reads the header's cells in lines[:end] and returns the
// names of the issuer column, each joined over the lines it wraps on.
func (h *header) readLines(lines []string, end int) []string {
	var orgs []string
	subject := false // a "V/v" subject was seen: what follows is not the issuer
	for i := 0; i < end; i++ {
		line := lines[i]
		if (h.national || h.date != "" || h.draftYear != 0) && strings.HasPrefix(strings.TrimSpace(line), "Kính gửi") {
			break // the header is read; a right column printed after "Kính gửi" is not
		}
		if i < headerLines+8 {
			line = tidyDate(line)
		}
		for _, c := range splitCells(line) {
			c.text = strings.Trim(c.text, " |_~")
			if len(orgs) > 0 && h.issuerAt == i-1 && !h.numberSeen && foldWords(c.text) == "viet nam" {
				// "NGÂN HÀNG NHÀ NƯỚC" over "VIỆT NAM": the name wraps; alone
				// the words would read as the start of the old national
				// header ("VIỆT NAM DÂN CHỦ CỘNG HÒA")
				orgs[len(orgs)-1] += " " + c.text
				continue
			}
			if c.text == "" || h.readCellAt(c, i) {
				continue
			}
			if receivedStamp(c.text) {
				continue // not a line of the issuer's name
			}
			if strings.HasPrefix(c.text, "V/v") || strings.HasPrefix(c.text, "v/v") {
				subject = true // the issuer column stands above the subject of a letter
			}
			if subject || h.numberSeen || utf8.RuneCountInString(c.text) > 160 {
				continue
			}
			raw := c.text
			if c.text = cleanOrg(c.text); notIssuerName(raw, c.text) {
				continue
			}
			for _, o := range splitOrgRun(c.text) {
				if len(orgs) > 0 && foldWords(orgs[len(orgs)-1]) == foldWords(o) {
					// a gazette's copy prints the body's name over its
					// header, which names it again
					h.issuerAt = i
					continue
				}
				if len(orgs) > 0 && continuesOrg(orgs[len(orgs)-1], o) {
					orgs[len(orgs)-1] += " " + o
					continue
				}
				orgs = append(orgs, o)
				h.issuerAt = i
			}
		}
	}
	return orgs
}

// notIssuerName reports a cell of the issuer column, cleaned (see
// cleanOrg; raw as read), that is no line of the issuer's name: not like
// one, a gazette's heading, a filing code, or a form's body left blank
// ("PHÒNG ………..", under the office it belongs to).
func notIssuerName(raw, s string) bool {
	blank := strings.Contains(raw, "…") || strings.Contains(raw, "...")
	return !isOrgLike(s) || gazetteHeading(s) || filingCode(s) || blank && bareOrgKind(s)
}

// bareOrgKind reports a body's kind without its name: "PHÒNG", "SỞ".
func bareOrgKind(s string) bool {
	k := keyWords(s)
	for _, o := range orgKindKeys() {
		if k == o {
			return true
		}
	}
	return false
}

// filingCode reports a code alone on a line of the header, one word with
// a digit ("XV80", a form's "B1-1-ĐONTC"): an office's filing mark, not
// a line of the issuer's name.
func filingCode(s string) bool {
	return !strings.Contains(s, " ") && strings.ContainsAny(s, "0123456789")
}

// gazetteHeadings are the headings of the sections of the official
// gazette (Công báo), printed over the documents it reprints, folded.
var gazetteHeadings = []string{"van ban quy pham phap luat", "van ban phap luat khac", "van ban khac"}

// gazetteHeading reports a heading of the official gazette's sections
// ("VĂN BẢN QUY PHẠM PHÁP LUẬT", "VĂN BẢN PHÁP LUẬT KHÁC") or its page
// header ("CÔNG BÁO/Số 321/Ngày 10-06-2026"): no issuer's name.
func gazetteHeading(s string) bool {
	if len(s) > 60 || (s[0] != 'V' && s[0] != 'C') {
		return false
	}
	f := foldWords(s)
	if strings.HasPrefix(f, "cong bao") {
		return true
	}
	for _, g := range gazetteHeadings {
		if f == g {
			return true
		}
	}
	return false
}

// readCellAt is readCell for a cell of line i, which also notes the line
// of the number and of the date; decorations are taken too.
func (h *header) readCellAt(c cell, i int) bool {
	number, seen, date, draft := h.number, h.numberSeen, h.date, h.draftYear
	if !h.readCell(c) && !isDecoration(c.text) {
		return false
	}
	if h.number != number || h.numberSeen != seen {
		h.numberAt = i
	}
	if h.date != date || h.draftYear != draft {
		h.dateAt = i
	}
	return true
}

// setIssuer takes the issuer from the names of the issuer column: the
// last, under the one before it.
func (h *header) setIssuer(orgs []string) {
	n := len(orgs)
	if n == 0 {
		return
	}
	h.issuer = orgs[n-1]
	if n > 1 {
		h.superior = orgs[n-2]
		if isSubBody(h.issuer) {
			// "BAN THƯỜNG TRỰC" under "ỦY BAN MTTQ VIỆT NAM XÃ LƯƠNG MINH"
			// is only whole with the body it belongs to
			h.issuerOf = h.superior
		}
	}
}

// bodyStart returns the index of the first line before end that begins the
// body of a document (a chapter, part or article, "Căn cứ", a preamble),
// or end.
func bodyStart(lines []string, end int) int {
	for i := 0; i < end && i < len(lines); i++ {
		s := strings.TrimSpace(lines[i])
		if s == "" {
			continue
		}
		if strings.IndexByte("CcPpĐđLlKk", s[0]) < 0 && !strings.HasPrefix(s, "Đ") && !strings.HasPrefix(s, "đ") {
			continue // none of the openings below
		}
		f := foldWords(cutAt(s, 40))
		if isChapter(f) {
			return i
		}
		for _, p := range []string{"phan thu ", "dieu 1", "can cu ", "loi noi dau", "loi mo dau"} {
			if strings.HasPrefix(f+" ", p) {
				return i
			}
		}
	}
	return end
}

// chapterRe matches the folded start of a chapter or part heading: "chuong
// i", "chuong 2", "phan ii", "phan thu nhat" (not "chương trình").
var chapterRe = lazyre.New(`^(?:chuong|phan) (?:[ivxlc]+|\d+|thu (?:nhat|hai|ba|tu|nam|sau|bay|tam|chin|muoi))(?: |$)`)

// isChapter reports whether folded words start a chapter or part heading.
func isChapter(f string) bool {
	return (strings.HasPrefix(f, "chuong ") || strings.HasPrefix(f, "phan ")) && chapterRe.MatchString(f)
}

// subBodies are the folded names of the standing bodies of an organisation,
// which name it only together with the organisation.
var subBodies = []string{"van phong", "ban thuong truc", "thuong truc", "ban thuong vu", "ban chap hanh", "doan chu tich", "ban thu ky", "ban chi dao", "ban to chuc"}

// isSubBody reports whether an issuer is a standing body that needs its
// organisation's name ("BAN THƯỜNG TRỰC").
func isSubBody(s string) bool {
	f := foldWords(s)
	for _, b := range subBodies {
		if f == b {
			return true
		}
	}
	return false
}

// countBlank counts blank lines among the first n lines, so that a header
// spread by empty lines is still read to its end.
func countBlank(lines []string, n int) int {
	k := 0
	for i := 0; i < n && i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == "" {
			k++
		}
	}
	return k
}

// readCell takes the cell if it is a national header, motto, number,
// place and date, V/v subject or mark, and reports whether it did.
func (h *header) readCell(c cell) bool {
	if len(c.text) > 300 {
		return false // running text, not a header cell
	}
	c.text = strings.Trim(c.text, " |_.:;,~")
	if c.text == "" {
		return true
	}
	f := foldWords(c.text)
	if h.readNational(c.text, f) {
		return true
	}
	if mayBeStamp(c.text) && signStampRe.MatchString(c.text) {
		return true // the image of a digital signature's stamp: "Ký bởi: ỦY BAN ..."
	}
	if h.readNumberNext(c.text) || !h.numberSeen && h.readNumberCell(c, f) {
		return true
	}
	if f == "du thao" || blankCodesRe.MatchString(c.text) {
		if codes := strings.Join(strings.Fields(c.text), ""); h.numberDigits != "" && h.number == "" && blankCodesRe.MatchString(c.text) {
			h.number = h.numberDigits + codes
		} else if h.numberSeen && h.number == "" && h.numberCodes == "" && f != "du thao" {
			h.numberCodes = codes
		}
		return true // the draft mark, or the codes of a blank number
	}
	if h.date == "" && h.draftYear == 0 {
		if m := placeDate(c.text); m != nil {
			h.place = cleanPlace(m[1])
			h.date, h.draftYear, h.unreadMonth, h.unreadDay = headerDate(m[2], m[3], m[4])
			return true
		}
	}
	return h.readMark(c.text)
}

// readNational takes the national header or the motto, whole, wrapped
// (f is the folded cell) or garbled by OCR.
func (h *header) readNational(s, f string) bool {
	if f == "viet nam" && h.nationalFull {
		return false // the end of an issuer's name: "BƯU CHÍNH VIỄN THÔNG" over "VIỆT NAM"
	}
	if national, ok := nationalPart(f); ok {
		h.national = h.national || national
		h.nationalFull = h.nationalFull || strings.HasPrefix(f, "cong hoa xa hoi chu nghia viet nam")
		return true
	}
	if s[0] == 'C' && strings.HasPrefix(f, "cong hoa xa ") {
		if n := nationalAt(s); n > 0 && strings.TrimSpace(s[n:]) == "" {
			h.national = true // OCR's "CỘNG HÒA XÃ HỌC HỦ NGHĨA VIỆT NAM"
			return true
		}
	}
	return false
}

// readNumberNext takes the number under a bare "Số:" in the same column.
func (h *header) readNumberNext(s string) bool {
	if !h.numberNext {
		return false
	}
	h.numberNext = false
	if n := numberBodyRe.FindString(s); n != "" && n == s && hasLetter(n) {
		h.number = strings.Join(strings.Fields(n), "")
		return true
	}
	if m := yearNumberRe.FindStringSubmatch(s); m != nil && m[0] == s {
		h.number = m[1] + "/" + m[2] // no type code: "01/2025"
		return true
	}
	return false
}

// readNumberCell takes the number cell (f is the folded cell): a number,
// its digits alone, a number OCR could not read, or a draft's blank.
func (h *header) readNumberCell(c cell, f string) bool {
	if m := spacedDigitsRe.FindStringSubmatchIndex(c.text); m != nil {
		c.text = c.text[:m[2]] + c.text[m[3]:] // "Số: 257 1/VNPT-LĐG": OCR set a digit apart
		h.numberJoined = true
	}
	if n, rest, kind, ok := headerNumberKind(c.text); ok {
		h.number, h.numberSeen = n, true
		if kind != "" {
			h.numberKind = typeNameOf(kind)
		}
		if rest != "" && !h.readCell(cell{rest, c.col}) {
			h.afterNumber = rest
		}
		return true
	}
	if m := blankNumberRe.FindStringSubmatch(c.text); m != nil {
		// a draft: "Số     -BC/ĐU"; before the unread number, which
		// would take "/TTr" of "Số /TTr- CAT-PC04" for junk
		h.numberSeen = true
		h.numberNext = strings.TrimRight(f, " ") == "so"
		h.numberCodes = strings.Join(strings.Fields(m[1]), "")
		return true
	}
	if c.text[0] == 'S' {
		if m := digitsOnlyRe.FindStringSubmatch(c.text); m != nil {
			// "Số: 321" with its codes "/TTr-SNV" further down the column
			h.numberSeen, h.numberDigits = true, m[1]
			return true
		}
		if m := unreadNumberRe.FindStringSubmatchIndex(c.text); m != nil {
			h.numberSeen = true // a number OCR could not read: "Số I0 -CV/BTGDVTU"
			after := trimCodes(c.text[m[1]:])
			if u := unitCodeRe.FindString(after); u != "" {
				after = after[len(u):] // "Số: 7# /TTr- CAT(PA05)": the unit's code in brackets is the number's
			}
			h.numberCodes = misreadTTr(typeCodeOnce(strings.Join(strings.Fields(c.text[m[2]:len(c.text)-len(after)]), "")), h.typeName)
			if rest := strings.TrimSpace(after); rest != "" {
				h.readCell(cell{rest, c.col}) // the place and date glued after it
			}
			return true
		}
		if m := slashLostNumberRe.FindStringSubmatch(c.text); m != nil && strings.ContainsFunc(m[1], notLetter) {
			if _, ok := typeByCode(m[2], false); ok || utf8.RuneCountInString(m[2]) >= 3 && isUpperText(m[2]+m[3]) {
				// "Só:#6` KH-TCTLNTW-C04": the digits unread, the slash
				// lost; a letter's codes are its issuer's ("S£ LĐLSVN-BTV")
				h.numberSeen = true
				h.numberCodes = "/" + m[2] + "-" + m[3]
				return true
			}
		}
	}
	return false
}

// unitCodeRe matches a unit's code in brackets glued to the end of a
// number's codes: "(PC04)" of "/TTr-CAT(PC04)" (see numberBodyRe).
var unitCodeRe = lazyre.New(`^\([\p{Lu}\d&-]{2,12}\)`)

// misreadTTrRe matches the code "TTr" of a tờ trình's number as OCR
// misreads its capitals on a scan, first in the codes: "/TIr-CAT",
// "/ULIr-CAT-PC04", "/Tlr-UBND".
var misreadTTrRe = lazyre.New(`^/[TIlUL1|]{1,3}r(?:[-/]|$)`)

// misreadTTr gives the codes of a tờ trình's unread number their "TTr"
// where OCR misread it (see misreadTTrRe); the type line must say TỜ
// TRÌNH.
func misreadTTr(codes, typeName string) string {
	if typeName != "Tờ trình" || strings.HasPrefix(codes, "/TTr") {
		return codes
	}
	if m := misreadTTrRe.FindString(codes); m != "" {
		k := len(m)
		if c := m[len(m)-1]; c == '-' || c == '/' {
			k--
		}
		return "/TTr" + codes[k:]
	}
	return codes
}

// slashLostNumberRe matches a scanned number cell whose handwritten digits
// OCR made junk of and whose slash it lost, the codes standing alone after
// a space: "Só:#6` KH-TCTLNTW-C04". The first code must be a type's, or
// in capitals an issuer's ("S£ LĐLSVN-BTV").
var slashLostNumberRe = lazyre.New(`^(?:Số|SỐ|S[óòỏõọôồổỗộ])\s*:?\s*(\S{1,8})\s+(\p{Lu}\p{L}{0,9})-(\p{Lu}[\p{L}\d&]*(?:-[\p{L}\d&]+)*)\s*$`)

func notLetter(r rune) bool { return !unicode.IsLetter(r) }

// nationalPart reports whether the folded cell is the national header, the
// motto or a piece of one of them wrapped over two lines ("CỘNG HÒA XÃ" over
// "HỘI CHỦ NGHĨA VIỆT NAM"), and whether it is the national header proper.
func nationalPart(f string) (national, ok bool) {
	for _, p := range nationalPhrases {
		motto := p == "doc lap - tu do - hanh phuc"
		if strings.HasPrefix(p, "doan ") {
			// the Youth Union's header stands alone; "BCH TRUNG ƯƠNG ĐOÀN
			// TNCS HỒ CHÍ MINH" is an issuer
			if f == p {
				return true, true
			}
			continue
		}
		if strings.HasPrefix(f, p) {
			return !motto, true
		}
		if len(f) < 8 {
			continue
		}
		// a piece of two words or more at either end of the phrase
		if len(f) >= len(p) {
			continue
		}
		if strings.HasPrefix(p, f) && p[len(f)] == ' ' && strings.Count(f, " ") >= 1 ||
			strings.HasSuffix(p, f) && p[len(p)-len(f)-1] == ' ' && strings.Count(f, " ") >= 2 {
			return !motto, true
		}
	}
	return false, false
}

// isCodeRune reports the runes of a number's codes: "QĐ-UBND", "B&PTTH".
// typeCodeOnce is a number's codes ("/QĐĐ-UBND") with the type code's Đ
// once where OCR read it twice, the bar of the Đ as a letter of its own:
// "QĐĐ" is no type code, "QĐ" is. An issuer's code may hold two
// ("/SNNMT-CCQLĐĐ") and keeps them.
func typeCodeOnce(codes string) string {
	if codes == "" || codes[0] != '/' && codes[0] != '-' {
		return codes
	}
	code, rest := codes[1:], ""
	if k := strings.IndexAny(code, "/-"); k >= 0 {
		code, rest = code[:k], code[k:]
	}
	if once := strings.Replace(code, "ĐĐ", "Đ", 1); once != code && !isTypeCode(code) && isTypeCode(once) {
		return codes[:1] + once + rest
	}
	return codes
}

// trimCodes is s after the rest of a number's codes at its start: capitals,
// digits, "-", "/" and "&", and the small letters that end a code
// ("TTg", "TTr": one or two after a capital, before a mark or the end).
func trimCodes(s string) string {
	for {
		s = strings.TrimLeftFunc(s, isCodeRune)
		n := 0
		for n < len(s) && n < 3 && s[n] >= 'a' && s[n] <= 'z' {
			n++
		}
		if n == 0 || n > 2 || n < len(s) && strings.IndexByte(" -/,;", s[n]) < 0 {
			return s
		}
		s = s[n:]
	}
}

func isCodeRune(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsDigit(r) || r == '-' || r == '/' || r == '&'
}

// mayBeStamp is a quick test, before the regular expression, for a line
// of a digital signature's stamp.
func mayBeStamp(s string) bool {
	return strings.Contains(s, "ký") || strings.Contains(s, "Ký") || strings.Contains(s, "KÝ")
}

// signStampRe matches the lines of a digital signature's stamp, which a
// scan of the signed file shows in a corner of the first page.
var signStampRe = lazyre.New(`(?i)(?:^|\s)(?:ký bởi|thời gian ký|giờ ký|ngày ký)\s*:`)

// blankNumberRe matches a draft's number cell with the number left blank.
var blankNumberRe = lazyre.New(`^(?:Số|SỐ)\s*:?\s*((?:[-/]\s*\p{Lu}[\p{L}&\d]*(?:\s*[-/]\s*\p{Lu}[\p{L}&\d()]*)*)?)$`)

// unreadNumberRe matches a number cell whose number is garbled but whose
// codes can be seen: "Số I0 -CV/BTGDVTU", "Số: 4š /LĐLSVN-BTV", "Số: O{_
// /TTr-UBND", "Số: .{|5 /CV- BTV" (a space OCR put in the codes), "Số: 5 6Ø/GM-UBND"
// (the junk in two words), "Só:}492 /TB-UBND" (Số itself read with another
// mark; not Sở), "Só/‡t2j# /UBND-NC" (four digits' junk, up to eight
// marks: the codes are the first that follow it, so "}492/TB-UBND-VP"
// keeps its "/TB"). The junk is taken in one word when it can be: "Số: /26
// /TTr-CAT-PC04" (a handwritten 196) keeps its "/TTr".
var unreadNumberRe = lazyre.New(`^(?:Số|SỐ|S[óòỏõọôồổỗộ])\s*:?\s*(?:\S{1,3}\s)??\S{1,8}?\s*([-/]\s*\p{Lu}\p{L}{0,5}\s?[/-]\s?\p{Lu})`)

// spacedDigitsRe matches a number whose last one or two digits OCR set
// apart from the others, "Số: 257 1/VNPT-LĐG-NSTH"; its group is the space.
var spacedDigitsRe = lazyre.New(`^(?:Số|SỐ)\s*:?\s*\d+(\s)\d{1,2}[/-]\s?\p{Lu}`)

// digitsOnlyRe matches a number cell holding only the digits: "Số: 321".
var digitsOnlyRe = lazyre.New(`^(?:Số|SỐ)\s*:?\s*(\d+[a-z]?)\s*$`)

// blankCodesRe matches the codes of a blank number split off by spaces: "-BC/ĐU", "/KH-UBND".
var blankCodesRe = lazyre.New(`^[-/]\p{Lu}[\p{L}&]*\s*[-/]\s*\p{Lu}[\p{L}&\d]*$`)

// orgWords are folded words that name a body in a header written in
// mixed case ("Huyện ủy Chợ Mới" from a Word file whose capitals are only
// a font effect).
var orgWords = []string{"uy", "ban", "ubnd", "hdnd", "dang bo", "chi bo", "mat tran", "mttq", "hoi", "phong", "so", "doan", "van phong"}

// isOrgLike reports whether a header cell can name the issuing body.
func isOrgLike(s string) bool {
	if isUpperText(s) {
		return !stampDigits(s)
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) || strings.Count(s, " ") > 12 || strings.ContainsAny(s, ",.;:/") {
		return false
	}
	f := " " + foldWords(s) + " "
	if strings.HasPrefix(f, " ve ") || strings.HasPrefix(f, " kinh gui ") {
		return false
	}
	// with the marks: "Văn bản pháp luật" (a site's name over a saved
	// page) is no "Ban", "Số liệu" no "Sở"
	l := " " + strings.Join(strings.Fields(strings.ToLower(s)), " ") + " "
	for _, w := range orgWordsMarked {
		if strings.Contains(l, " "+w+" ") {
			return true
		}
	}
	return false
}

// stampDigits reports a line in capitals that is what OCR made of a
// stamp's date or number beside the issuer ("HN # 95/4/2225"): a date's
// three parts, or more digits than letters. No body's name is written so.
func stampDigits(s string) bool {
	letters, digits := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			digits++
		case unicode.IsLetter(r):
			letters++
		}
	}
	return digits > 0 && (digits >= letters || slashDateRe.MatchString(s))
}

// slashDateRe matches a date written with slashes: "05/9/2025".
var slashDateRe = lazyre.New(`\d{1,2}/\d{1,2}/\d{2,4}`)

// orgWordsMarked are orgWords as written, marks kept, for a name not in
// capitals.
var orgWordsMarked = []string{"ủy", "uỷ", "ban", "ubnd", "hđnd", "đảng bộ", "chi bộ", "mặt trận", "mttq", "hội", "phòng", "sở", "đoàn", "văn phòng"}

// continuesOrg reports whether next continues the organisation name prev
// on a second line, as in "ỦY BAN NHÂN DÂN" over "XÃ KIẾN AN", or "HỘI
// ĐỒNG BẦU CỬ" over "QUỐC GIA": a name that has not reached its place yet
// goes on unless the next line starts a body of its own ("SỞ NỘI VỤ").
func continuesOrg(prev, next string) bool {
	if p := foldWords(prev); hasAdminUnit(p) {
		// "VĂN PHÒNG UBND TỈNH" over "BÌNH THUẬN": the unit waits for its name
		return endsWithAdminUnit(p) && isUpperText(prev) && isUpperText(next) && len(strings.Fields(next)) <= 4 &&
			!startsOrgKindFolded(foldWords(next)) && !hasAdminUnit(foldWords(next))
	}
	n := foldWords(next)
	for _, u := range adminUnits {
		if strings.HasPrefix(n, u+" ") {
			return true
		}
	}
	if !isUpperText(next) || !isUpperText(prev) || isOrgKind(next) || isSubBody(next) {
		return false
	}
	p := foldWords(prev)
	if strings.HasSuffix(p, " viet nam") {
		return false // a national body's name ends there; a unit of it follows ("VIÊN THÔNG LÂM ĐỒNG", as OCR read it)
	}
	for _, k := range []string{"uy ban nhan dan", "ubnd", "hoi dong nhan dan", "hdnd", "dang uy", "huyen uy", "tinh uy", "thanh uy"} {
		if p == k {
			return false // waits for its place, not for another name
		}
	}
	return !strings.HasPrefix(n, "bch ") && !strings.HasPrefix(n, "tong ") && !strings.HasPrefix(n, "hoi ") && !strings.HasPrefix(n, "hiep hoi ")
}

// adminUnits are the administrative units whose proper name follows them.
var adminUnits = []string{"xa", "phuong", "thi tran", "huyen", "quan", "thi xa", "thanh pho", "tinh", "tp", "ap", "thon", "khom"}

// startsOrgKindFolded reports folded words that start with a body's kind,
// whatever marks OCR gave it ("hoi dong" of "HỘI ĐÒNG"), or with "hội".
func startsOrgKindFolded(f string) bool {
	if strings.HasPrefix(f, "hoi ") {
		return true
	}
	for _, o := range orgKinds {
		if k := foldWords(o); f == k || strings.HasPrefix(f, k+" ") {
			return true
		}
	}
	return false
}

// endsWithAdminUnit reports folded words that end with an administrative
// unit ("van phong ubnd tinh").
func endsWithAdminUnit(f string) bool {
	for _, u := range adminUnits {
		if strings.HasSuffix(f, " "+u) {
			return u != "quan" || !strings.HasSuffix(f, " quan ly quan")
		}
	}
	return false
}

func hasAdminUnit(f string) bool {
	words := " " + f + " "
	for _, u := range adminUnits {
		if strings.Contains(words, " "+u+" ") {
			if u == "quan" && strings.Count(words, " quan ") == strings.Count(words, " quan ly ") {
				continue // "quản lý" (to manage) folds like "quận"
			}
			return true
		}
	}
	return false
}

// readMark reads the urgency and secrecy marks, which stand alone in a cell.
func (h *header) readMark(s string) bool {
	if len(s) > 40 || !isUpperText(s) && !strings.HasPrefix(s, "Độ") {
		return false
	}
	f := foldWords(strings.TrimPrefix(strings.TrimPrefix(s, "Độ khẩn:"), "Độ mật:"))
	switch f {
	case "khan", "thuong khan", "hoa toc", "hoa toc hen gio":
		h.urgency = Value{strings.ToUpper(markText[f]), confHeader}
		return true
	case "mat", "toi mat", "tuyet mat":
		h.secrecy = Value{strings.ToUpper(markText[f]), confHeader}
		return true
	}
	return false
}

var markText = map[string]string{
	"khan": "KHẨN", "thuong khan": "THƯỢNG KHẨN", "hoa toc": "HỎA TỐC", "hoa toc hen gio": "HỎA TỐC HẸN GIỜ",
	"mat": "MẬT", "toi mat": "TỐI MẬT", "tuyet mat": "TUYỆT MẬT",
}
