package meta

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"khovanban/index/internal/lazyre"
	"khovanban/index/vntext"
)

// typeNames maps the folded type word of a type line to the type's name.
// Longer names come before the shorter ones they start with.
var typeNames = []struct{ fold, name string }{
	{"nghi quyet lien tich", "Nghị quyết liên tịch"}, {"thong tu lien tich", "Thông tư liên tịch"},
	{"nghi quyet", "Nghị quyết"}, {"quyet dinh", "Quyết định"}, {"quy dinh", "Quy định"},
	{"chi thi", "Chỉ thị"}, {"ket luan", "Kết luận"}, {"quy che", "Quy chế"},
	{"thong tri", "Thông tri"}, {"to trinh", "Tờ trình"}, {"phieu trinh", "Phiếu trình"}, {"huong dan", "Hướng dẫn"},
	{"thong bao", "Thông báo"}, {"bao cao", "Báo cáo"}, {"ke hoach", "Kế hoạch"},
	{"chuong trinh", "Chương trình"}, {"de an", "Đề án"}, {"phuong an", "Phương án"},
	{"bien ban", "Biên bản"}, {"cong van", "Công văn"}, {"cong dien", "Công điện"},
	{"nghi dinh", "Nghị định"}, {"thong tu", "Thông tư"}, {"bo luat", "Bộ luật"}, {"luat", "Luật"},
	{"phap lenh", "Pháp lệnh"}, {"hien phap", "Hiến pháp"}, {"van ban hop nhat", "Văn bản hợp nhất"},
	{"an le", "Án lệ"}, {"giay moi", "Giấy mời"}, {"dieu le", "Điều lệ"}, {"lenh", "Lệnh"},
	{"giay gioi thieu", "Giấy giới thiệu"}, {"giay xac nhan", "Giấy xác nhận"}, {"quy trinh", "Quy trình"},
	// papers without a header of their own, issued with another or on
	// their own: a list, an annex, an explanation, a summary table, a form
	{"danh sach", "Danh sách"}, {"phu luc", "Phụ lục"}, {"ban giai trinh", "Giải trình"}, {"giai trinh", "Giải trình"},
	{"bang tong hop", "Bảng tổng hợp"}, {"to khai", "Tờ khai"}, {"phieu", "Phiếu"},
	// an outline ("ĐỀ CƯƠNG TUYÊN TRUYỀN", "ĐỀ CƯƠNG BÁO CÁO"): a propaganda
	// committee's paper of its own, or the outline a plan sends for reports
	{"de cuong", "Đề cương"},
	// A petition names its kind on the type line ("ĐƠN ĐỀ NGHỊ"): "ĐƠN"
	// alone starts too many other words ("ĐƠN VỊ", "ĐƠN GIÁ").
	{"don de nghi", "Đơn"}, {"don xin", "Đơn"}, {"don kien nghi", "Đơn"}, {"don khieu nai", "Đơn"},
	{"don to cao", "Đơn"}, {"don dang ky", "Đơn"}, {"don yeu cau", "Đơn"}, {"don phan anh", "Đơn"},
	{"bai phat bieu", "Bài phát biểu"}, {"dien van", "Diễn văn"}, {"bai tham luan", "Tham luận"}, {"tham luan", "Tham luận"},
	// an explanation sent with a draft or filed with a project ("THUYẾT
	// MINH DỰ THẢO THÔNG TƯ", "THUYẾT MINH DỰ ÁN"), a person's record on a
	// form ("SƠ YẾU LÝ LỊCH", "LÝ LỊCH KHOA HỌC")
	{"thuyet minh", "Thuyết minh"}, {"so yeu ly lich", "Sơ yếu lý lịch"}, {"ly lich", "Lý lịch"},
	// a party member's or a cadre's yearly self-assessment ("BẢN TỰ KIỂM
	// ĐIỂM", "BẢN KIỂM ĐIỂM CÁ NHÂN"), on a form
	{"ban tu kiem diem", "Bản kiểm điểm"}, {"ban kiem diem", "Bản kiểm điểm"},
}

// typeLineConf is the confidence of a type read on the type line: less
// for a paper's heading alone, without a header around it.
func typeLineConf(h header) float64 {
	if paperTypes[h.typeName] && !h.national {
		return confDerived
	}
	return confHeader
}

// paperTypes are the papers that often have no header of their own (a
// list, an annex, an explanation, a table, a form), named by a heading.
var paperTypes = map[string]bool{"Danh sách": true, "Phụ lục": true, "Giải trình": true, "Bảng tổng hợp": true, "Tờ khai": true, "Phiếu": true,
	"Đề cương": true, "Thuyết minh": true, "Lý lịch": true, "Sơ yếu lý lịch": true}

// lineTypes are the types whose type line names the paper in more words
// than the type ("ĐƠN ĐỀ NGHỊ", "BÀI PHÁT BIỂU KHAI MẠC"): its title
// starts with the whole line, in small letters.
var lineTypes = map[string]bool{"Đơn": true, "Bài phát biểu": true, "Diễn văn": true, "Tham luận": true, "Đề cương": true,
	"Thuyết minh": true, "Lý lịch": true, "Sơ yếu lý lịch": true}

// speechTypes are the papers read out at a meeting: their speaker is named
// on a line of its own under the subject, not in a header.
var speechTypes = map[string]bool{"Bài phát biểu": true, "Diễn văn": true, "Tham luận": true}

// typeNameOf returns the type's name for a type word in any case ("LUẬT"), or "".
func typeNameOf(s string) string {
	f := foldWords(s)
	for _, t := range typeNames {
		if f == t.fold {
			return t.name
		}
	}
	return ""
}

// typeLineSearch is how far from the top a type line may stand.
const typeLineSearch = 40

// findTypeLine finds the type line ("KẾ HOẠCH", "NGHỊ QUYẾT
// LIÊN TỊCH") and returns its index, the type and any words after the
// type word, or -1.
func findTypeLine(lines []string) (int, string, string) {
	for i := 0; i < len(lines) && i < typeLineSearch; i++ {
		// what OCR made of a mark or a rule before the type word: "¬ _ ĐƠN ĐỀ NGHỊ"
		s := strings.TrimLeft(strings.TrimSpace(lines[i]), "¬_~*`'.,:;|«»•·^ ")
		if s == "" {
			continue
		}
		s = dropLeadingJunk(s) // "Ä. ĐƠN ĐỀ NGHỊ": what OCR made of a mark, a word of its own
		if name := spacedTypeName(s); name != "" {
			return i, name, ""
		}
		if len(splitCells(lines[i])) > 1 {
			continue
		}
		if rest, ok := numberedAnnex(s); ok {
			return i, "Phụ lục", rest
		}
		if startsBody(s) {
			break // the type line stands above the body
		}
		if r, _ := utf8.DecodeRuneInString(s); !unicode.IsUpper(r) {
			continue // "quy định" alone: a body line wrapped, not a type line
		}
		upper := isUpperText(s)
		if upper {
			s = dropGluedMark(s) // "THÔNG TƯ1", "QUYẾT ĐỊNH²": a footnote's mark glued to the type word
		}
		if spaces := strings.Count(s, " "); spaces > 14 || !upper && spaces > 3 {
			continue // too long for a type line, or for a type word standing alone
		}
		f := foldWords(s)
		if strings.HasPrefix(f, "van ban hop nhat -") || f == "van ban hop nhat" && strings.HasSuffix(s, "-") {
			continue // the gazette's heading over a consolidated text ("VĂN BẢN HỢP NHẤT - BỘ TÀI CHÍNH"): its type line is below
		}
		if stampWords(s) {
			continue // the receiving office's stamp: the type line is below
		}

		for _, lead := range []string{"ban ", "noi dung "} {
			// "BẢN QUY ĐỊNH", "BẢN HƯỚNG DẪN", "NỘI DUNG THAM LUẬN": the
			// word for a paper or its text before the type word, the
			// whole line
			if upper && strings.HasPrefix(f, lead) {
				if name := typeNameOf(f[len(lead):]); name != "" {
					return i, name, ""
				}
			}
		}
		if name, rest, ok := typeLineName(s, f, upper); ok {
			return i, name, rest
		}
	}
	return -1, "", ""
}

// stampWords reports a line of a received stamp, an office's (see
// receivedStamp) or the Government portal's (see portalStamp).
func stampWords(s string) bool {
	return receivedStamp(s) || portalStamp(s)
}

// typeLineName returns the type a line s (folded f, in capitals when
// upper) names as a type line, and the rest of the line after the type's
// words; or one letter OCR misread in it (see misreadTypeName).
func typeLineName(s, f string, upper bool) (name, rest string, ok bool) {
	for _, t := range typeNames {
		// A type word in capitals may run on ("NGHỊ QUYẾT LIÊN TỊCH");
		// one in small letters (capitals only as a font effect) must
		// stand alone.
		if f != t.fold && !(upper && strings.HasPrefix(f, t.fold) && len(f) > len(t.fold) && f[len(t.fold)] == ' ') {
			continue
		}
		if strings.Count(f, " ") > 14 && !lineTypes[t.name] {
			continue // (a line that names the paper may be long: "THUYẾT MINH DỰ THẢO THÔNG TƯ THAY THẾ THÔNG TƯ SỐ 244/2016/TT-BTC")
		}
		words := strings.Count(t.fold, " ") + 1
		if lineTypes[t.name] {
			words = strings.Count(t.name, " ") + 1 // "ĐƠN ĐỀ NGHỊ": "ĐỀ NGHỊ" is the rest
		}
		return t.name, typeLineRest(s, words), true
	}
	if name := misreadTypeName(f, upper); name != "" {
		return name, "", true
	}
	return "", "", false
}

// misreadTypeName returns the type a line in capitals (upper) names alone
// with one letter misread by OCR ("DUYÉT ĐỊNH" for "QUYẾT ĐỊNH"), a type
// of two words or more, or "". f is the folded line.
func misreadTypeName(f string, upper bool) string {
	words := strings.Count(f, " ") + 1
	if !upper || words < 2 || words > 3 {
		return ""
	}
	for _, t := range typeNames {
		if len(t.fold) >= 7 && strings.Count(t.fold, " ")+1 == words && oneLetterOff(f, t.fold) {
			return t.name
		}
	}
	return ""
}

// oneLetterOff reports two strings of the same length that differ in one
// letter, none a space.
func oneLetterOff(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) {
		return false
	}
	off := 0
	for i := range ra {
		if ra[i] != rb[i] {
			if ra[i] == ' ' || rb[i] == ' ' {
				return false
			}
			off++
		}
	}
	return off == 1
}

// dropLeadingJunk drops from the start of s the words OCR made of marks
// or specks, when a word in capitals follows them: hard junk (see
// ocrJunk) such as "ˆ", or a letter or two that are no Vietnamese
// syllable ("Ä.").
func dropLeadingJunk(s string) string {
	words := strings.Fields(s)
	k := 0
	for k < len(words)-1 && (ocrJunk(words[k], true) || specks(words[k])) {
		k++
	}
	if k == 0 || !isUpperText(words[k]) {
		return s
	}
	return strings.Join(words[k:], " ")
}

// specks reports a word of one or two letters that is no Vietnamese
// syllable, with a mark beside them or a letter no plain one: "Ä.",
// "Ñ@"; not the "T" of a type word a text layer split ("T HÔNG BÁO").
func specks(w string) bool {
	t := strings.Trim(w, ".,:;'`\"-_~@")
	if t == "" {
		return true
	}
	plain := t == w && strings.IndexFunc(t, func(r rune) bool { return r >= utf8.RuneSelf }) < 0
	return !plain && utf8.RuneCountInString(t) <= 2 && !vntext.IsSyllable(t)
}

// typeLineRest returns the words of the type line s after its first
// words, its type's: none when they are only marks OCR read beside the
// type word ("QUYÉT ĐỊNH : :").
func typeLineRest(s string, words int) string {
	rest := strings.TrimSpace(skipWords(s, words))
	if !strings.ContainsFunc(rest, isAlnum) {
		return ""
	}
	return rest
}

// receivedStamp reports the word of the stamp an office puts on a paper
// it receives, "CÔNG VĂN ĐẾN" under the office's name, over the hour, the
// day and who it goes to: OCR reads it among the header's lines, where it
// is neither a type line nor the issuer.
func receivedStamp(s string) bool {
	f := foldWords(strings.Trim(s, " |_~[]"))
	return f == "cong van den" || strings.HasPrefix(f, "cong van den ")
}

// portalStamp reports the first line of the stamp the Government's portal
// puts on the papers it receives for publishing, "CỔNG THÔNG TIN ĐIỆN TỬ
// CHÍNH PHỦ", as OCR reads it across a scan's header or subject, its
// words misspelt ("CÔNG. THÔNG TÍN sa TỦ CHÍNH PHỦ", "GỒNG THÔNG TÍN BIỆN
// TỬ CHÍNH pH"): "thông tin" then "chính" within four words, or "điện tử
// chính", on a short line.
func portalStamp(s string) bool {
	words := strings.Fields(foldWords(s))
	if len(words) > 10 {
		return false
	}
	for i := 0; i+1 < len(words); i++ {
		switch {
		case words[i] == "thong" && words[i+1] == "tin":
			for j := i + 2; j < len(words) && j <= i+5; j++ {
				if words[j] == "chinh" {
					return true
				}
			}
		case words[i] == "dien" && i+2 < len(words) && words[i+1] == "tu" && words[i+2] == "chinh":
			return true
		}
	}
	return false
}

// dropMarks drops from a line of OCR's text the marks that stand alone
// between its words, what a seal or a stamp left ("nhiệm vụ, ‹ quyền hạn
// và ˆ"; "ˆ" is a modifier letter, no letter of a word).
func dropMarks(s string) string {
	words := strings.Fields(s)
	out := words[:0]
	for _, w := range words {
		if r := []rune(w); len(r) == 1 && (!unicode.IsLetter(r[0]) || unicode.Is(unicode.Lm, r[0])) && !unicode.IsDigit(r[0]) && !strings.ContainsRune("-–&()", r[0]) {
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// subjectUnderIssuer reads the subject under a type line that names the
// issuer ("NGHỊ QUYẾT CỦA HỘI ĐỒNG QUẢN LÝ QUỸ"), past the lines in
// capitals that carry the issuer's name on ("KHUYẾN HỌC TỈNH BÌNH
// THUẬN"), from the first line that is not in capitals or opens with
// "Về"; brackets around the whole subject are dropped.
func subjectUnderIssuer(lines []string, from int, ocr bool, issuer string) string {
	for start := from; from < len(lines) && from < start+4; from++ {
		t := strings.TrimSpace(lines[from])
		if t == "" {
			continue
		}
		f := foldWords(cutAt(strings.TrimLeft(t, "( "), 12))
		if !isUpperText(t) || strings.HasPrefix(f, "ve ") || f == "ve" || isBodyStart(t) {
			break
		}
	}
	sub := readSubject(lines, from, ocr, false, issuer)
	if strings.HasPrefix(sub, "(") && strings.HasSuffix(sub, ")") && strings.Count(sub, "(") == 1 {
		sub = strings.TrimSpace(sub[1 : len(sub)-1])
	}
	return sub
}

// numberedAnnex reads the heading of an annex numbered in small letters,
// "Phụ lục VII", "Phụ lục 02", "Phụ lục số 3", alone on its line, and
// returns its number.
func numberedAnnex(s string) (string, bool) {
	if !strings.HasPrefix(s, "Phụ lục ") {
		return "", false
	}
	rest := strings.TrimSpace(s[len("Phụ lục "):])
	return rest, annexNumberRe.MatchString(rest)
}

// annexNumberRe matches the number of an annex: a Roman or Arabic numeral,
// a letter after it, after "số" or not ("VII", "02", "3a", "số 3").
var annexNumberRe = lazyre.New(`^(?:số\s+)?(?:[IVXLC]+|\d{1,3})[a-zđ]?[.:]?$`)

// spacedTypeName returns the type a type line in capitals names with its
// letters set apart ("Q U Y Ế T  Đ Ị N H", a heading typed with spaced
// letters; "K ÉT LUẬN", a text layer that split a word), from its folded
// word's, and a letter stands alone on it.
func spacedTypeName(s string) string {
	if len(s) > 80 || !isUpperText(s) {
		return ""
	}
	f := foldWords(s)
	words := strings.Fields(f)
	alone := false
	for _, w := range words {
		alone = alone || len(w) == 1
	}
	if !alone || len(words) < 2 {
		return ""
	}
	compact := strings.Join(words, "")
	for _, t := range typeNames {
		if t.fold != f && strings.ReplaceAll(t.fold, " ", "") == compact {
			return t.name
		}
	}
	return ""
}

// skipWords returns s after its first n words.
func skipWords(s string, n int) string {
	f := strings.Fields(s)
	if n >= len(f) {
		return ""
	}
	i := 0
	for k := 0; k < n; k++ {
		i += strings.Index(s[i:], f[k]) + len(f[k])
	}
	return s[i:]
}

// readTitle fills Type and Title of a formal document, and returns the
// title's reason: the rule that read it and where, and, when the title is
// to review, why in words a clerk knows.
func readTitle(d *doc, h header, hint Hint, r *Result) (why string) {
	code := parseNumber(h.number)
	if h.number == "" && h.numberCodes != "" {
		code = parseNumber("0" + h.numberCodes) // "Số:    /KH-UBND", "Số I0 -CV/BTGDVTU": the codes are there
	}
	switch {
	case strings.EqualFold(code.typeCode, "VBHN"):
		r.Type = Value{"Văn bản hợp nhất", confHeader}
	case h.typeName != "":
		r.Type = Value{h.typeName, typeLineConf(h)}
		if t, ok := typeByCode(code.typeCode, code.party); ok && t != h.typeName && code.typeCode != "QĐ" {
			r.Type.Confidence = confGuess // the number says otherwise: worth a look
		}
	case h.numberKind != "":
		r.Type = Value{h.numberKind, confHeader} // "Luật số: ..."
	case code.typeCode != "":
		if t, ok := typeByCode(code.typeCode, code.party); ok {
			r.Type = Value{t, confDerived}
		}
	}
	if h.typeLine >= 0 {
		return typeLineSubject(d, h, hint, r)
	}
	under := -1
	if h.numberSeen {
		under = h.numberAt
	}
	if vv := readVV(d.lines, under); vv != "" {
		r.Title = Value{vv, confHeader}
		if r.Type.Text == "" {
			r.Type = Value{"Công văn", confDerived}
		}
		return "trích yếu V/v"
	}
	if t := typedSubject(h.afterNumber); t != "" || h.number != "" && h.afterNumber == "" && subjectUnder(d.lines, h.numberAt) != "" {
		if t == "" {
			t = subjectUnder(d.lines, h.numberAt)
		}
		// "Số: 545/HD-BTV  Hướng dẫn một số nội dung ...": the subject under
		// the number names the type, as a party or association letter does
		r.Title = Value{t, confDerived}
		if r.Type.Text == "" {
			r.Type = Value{typeNameOf(t[:len(t)-len(skipWords(t, 2))]), confDerived}
		}
		return "trích yếu dưới số hiệu, " + lineWhere(d, h, h.numberAt)
	}
	if t := plainSubject(d.lines, h, code); t != "" {
		r.Title = Value{t, confDerived}
		if r.Type.Text == "" {
			r.Type = Value{"Công văn", confDerived}
		}
		return "trích yếu dưới số hiệu (công văn không ghi V/v), " + lineWhere(d, h, h.numberAt)
	}
	if r.Type.Text == "" && letterWithoutSubject(d.lines, h, code) {
		r.Type = Value{"Công văn", confDerived}
	}
	if hint.Title != "" && (h.issuer == "" || foldWords(hint.Title) != foldWords(h.issuer)) {
		// a file whose title property is its issuer's name, as office
		// templates leave it ("ỦY BAN NHÂN DÂN TỈNH ..."), names no subject
		r.Title = Value{strings.TrimSpace(hint.Title), confGuess}
		if isHTML(hint.FileName) { // the only format whose reader gives a title
			return "không thấy trích yếu trong văn bản, lấy tiêu đề của trang web"
		}
		return "không thấy trích yếu trong văn bản, lấy tiêu đề ghi trong tệp"
	}
	return ""
}

// typeLineSubject fills the Title of a document with a type line: the
// type, then the subject under it, and returns the title's reason (see
// readTitle).
func typeLineSubject(d *doc, h header, hint Hint, r *Result) (why string) {
	subject := readSubject(d.lines, h.typeLine+1, hint.OCR, speechTypes[h.typeName], h.issuer)
	title, rest := typeLineTitle(r.Type.Text, h)
	law := lawTypes[r.Type.Text]
	// "ĐIỀU LỆ HỘI GOLF TỈNH ..." over "(Kèm theo Quyết định số ...)":
	// the type line names the paper whole, and the line under it says
	// which paper it goes with, which is no part of its title
	if f := foldWords(cutAt(subject, 40)) + " "; strings.HasPrefix(foldWords(cutAt(rest, 40))+" ", "cua ") && strings.HasPrefix(f, "so ") {
		// the restated heading cut at its number: "QUYẾT ĐỊNH CỦA THỦ
		// TƯỚNG CHÍNH PHỦ" over "SỐ 69/2008/QĐ-TTG NGÀY ... VỀ ..."
		if d := dropRestated(rest + " " + subject); d != rest+" "+subject {
			subject, rest = d, ""
		}
	}
	subject, rest = dropRestated(subject), dropRestated(rest)
	if subject != "" && !issuedWith(subject) && r.Type.Text != "Điều lệ" && strings.HasPrefix(foldWords(cutAt(rest, 40))+" ", "cua ") {
		// "QUYẾT ĐỊNH CỦA ỦY BAN NHÂN DÂN TỈNH" over "Về việc ...", an
		// older heading: it names the issuer again, not the subject (a
		// charter's "ĐIỀU LỆ CỦA HỘI ..." names the paper)
		if sub := subjectUnderIssuer(d.lines, h.typeLine+1, hint.OCR, h.issuer); sub != "" {
			subject, rest = sub, ""
		}
	}
	annexed := noteUnderHeading(subject, rest, title != r.Type.Text)
	if annexed {
		subject = ""
	}
	withRest := rest != "" && (subject != "" || law || annexed) // "LUẬT ĐẤT ĐAI" on one line is the law's whole title
	// whole: the type line is the whole title
	whole := false
	if subject == "" {
		subject, whole = subjectOrRest(d.lines, h.typeLine+1, rest)
		withRest = withRest || whole
	}
	if withRest {
		if law {
			rest = lawName(rest)
		}
		title += " " + rest
	}
	switch {
	case subject != "" && law:
		title += " " + lawName(tidySubject(subject))
	case subject != "" && !withRest && namesType(subject, r.Type.Text):
		title = tidySubject(subject) // "Quy chế làm việc ..." under "QUY CHẾ": the type is said once
	case subject != "":
		title += " " + lowerVe(tidySubject(subject))
	}
	r.Title = Value{title, confHeader}
	where := lineWhere(d, h, h.typeLine)
	switch {
	case subject == "" && !(law && withRest || annexed || whole):
		r.Title.Confidence = confGuess
		return noSubjectWhy + ", " + where
	case len(strings.Fields(subject)) > longSubject:
		r.Title.Confidence = confGuess
		return longSubjectWhy + ", " + where
	}
	return "tên loại và trích yếu, " + where
}

// noteUnderHeading reports a subject that is only the note of the paper
// a heading goes with ("(Kèm theo Quyết định số ...)") under a type line
// whose own words name the paper: left after the type word (rest), or
// already in the title (a line that names the paper: "THUYẾT MINH DỰ ÁN
// ...").
func noteUnderHeading(subject, rest string, named bool) bool {
	return (rest != "" || named) && issuedWith(subject)
}

// Reasons of a title to review, for the person checking it.
const (
	// noSubjectWhy: the type line has no subject under it (the title is
	// the type alone, or the type line's own words).
	noSubjectWhy = "chỉ có tên loại, không thấy trích yếu dưới dòng tên loại"
	// longSubjectWhy: what was read as the subject is longer than a
	// subject is (longSubject words): it probably ran into the body.
	longSubjectWhy = "trích yếu dài bất thường, có thể lẫn cả phần nội dung"
)

// longSubject is the most words a subject read under the type line has
// before it is taken to have run into the body.
const longSubject = 70

// isHTML reports a web page's file name.
func isHTML(name string) bool {
	n := strings.ToLower(name)
	return strings.HasSuffix(n, ".html") || strings.HasSuffix(n, ".htm") || strings.HasSuffix(n, ".xhtml")
}

// typeLineTitle returns the start of a title read under the type line:
// the type, with the rest of its line in small letters when the line names
// the paper ("ĐƠN ĐỀ NGHỊ", "BÀI PHÁT BIỂU KHAI MẠC"); else the type and
// subjectOrRest is what stands for the subject when none stands under the
// type line: a form's labelled line ("PHIẾU TRÌNH GIẢI QUYẾT CÔNG VIỆC"
// over "1. Vấn đề trình: ..."), else the words after the type word, which
// are then the whole title ("BÁO CÁO ĐỊNH KỲ VỀ BẢO HỘ LAO ĐỘNG" over
// "Kính gửi: ...") unless they name the issuer ("CỦA ...").
func subjectOrRest(lines []string, from int, rest string) (subject string, whole bool) {
	if s := labelledSubject(lines, from); s != "" {
		return s, false
	}
	return "", len(strings.Fields(rest)) >= 2 && !strings.HasPrefix(foldWords(cutAt(rest, 40))+" ", "cua ")
}

// the rest of the line, to go before a subject ("ÁN LỆ SỐ 12/2023/AL").
func typeLineTitle(typ string, h header) (title, rest string) {
	if lineTypes[h.typeName] && h.typeRest != "" && !strings.ContainsAny(h.typeRest, "0123456789") {
		return typ + " " + strings.ToLower(h.typeRest), ""
	}
	return typ, h.typeRest
}

// letterWithoutSubject reports a letter that has no subject: its number
// has the issuer's codes and no type's ("Số: 405/UBND-NC"), and it is
// addressed.
func letterWithoutSubject(lines []string, h header, code number) bool {
	return h.numberSeen && code.typeCode == "" && code.issuerCode != "" && !code.party && code.year == 0 &&
		addressed(lines, h.numberAt)
}

// plainSubject returns the subject a letter sets under its number without
// "V/v" or a type word, as a party letter does (Hướng dẫn 36-HD/VPTW):
// "Số 12-CV/ĐU" over "Mời họp Ban Thường vụ Đảng uỷ", or over "Tham mưu
// triển khai thực hiện" and "Nghị quyết số 01-NQ/TU ...". The lines count
// only when the national heading, the place and date or "Kính gửi" ends
// them within three lines and they do not end a sentence, so that a
// letter's first sentence is never taken; a number that names a type other than a letter's has its type
// line instead. It returns "" when there is no such subject.
func plainSubject(lines []string, h header, code number) string {
	if !h.numberSeen || h.afterNumber != "" || code.typeCode != "" && code.typeCode != "CV" || !addressed(lines, h.numberAt) {
		return ""
	}
	var parts []string
	for i := h.numberAt + 1; i < len(lines) && i <= h.numberAt+5; i++ {
		cells := splitCells(lines[i])
		if len(cells) == 0 {
			continue
		}
		s := strings.TrimSpace(cells[0].text)
		if nationalLine(lines[i]) || strings.HasPrefix(s, "Kính gửi") || subjectEnd(cells) || placeDate(strings.TrimSpace(lines[i])) != nil {
			// the place and date line ends the subject, a draft's too,
			// whose blanks split it into cells ("Sơn La, ngày      tháng")
			t := strings.Join(parts, " ")
			if len(parts) == 0 || strings.HasSuffix(t, ".") || utf8.RuneCountInString(t) > 250 {
				return "" // a sentence, not a subject
			}
			return t
		}
		r, _ := utf8.DecodeRuneInString(s)
		if len(parts) == 3 || isUpperText(s) || len(parts) == 0 && !unicode.IsUpper(r) ||
			utf8.RuneCountInString(s) > 200 || strings.HasSuffix(s, ":") || strings.HasSuffix(s, ";") {
			return ""
		}
		parts = append(parts, s)
	}
	return ""
}

// subjectEnd reports a header line that ends a plain subject: one of its
// cells is the place and date or the motto.
func subjectEnd(cells []cell) bool {
	for _, c := range cells {
		if placeDate(c.text) != nil || mottoRe.MatchString(strings.TrimSpace(c.text)) {
			return true
		}
	}
	return false
}

// addressed reports whether a "Kính gửi" line follows the number line at
// within the header's next lines.
func addressed(lines []string, at int) bool {
	for i := at + 1; i < len(lines) && i <= at+12; i++ {
		if strings.HasPrefix(strings.TrimSpace(lines[i]), "Kính gửi") {
			return true
		}
	}
	return false
}

// subjectUnder returns the subject standing on the lines under the number
// line at, when it starts with a type word ("Hướng dẫn một số nội dung
// liên quan" over "đến hợp nhất ..."), or "".
func subjectUnder(lines []string, at int) string {
	for i := at + 1; i < len(lines) && i <= at+2; i++ {
		cells := splitCells(lines[i])
		if len(cells) == 0 {
			continue
		}
		t := typedSubject(cells[0].text)
		if t == "" {
			return ""
		}
		parts := []string{t}
		for j := i + 1; j < len(lines) && j <= i+3; j++ {
			next := splitCells(lines[j])
			if len(next) == 0 {
				break
			}
			r, _ := utf8.DecodeRuneInString(next[0].text)
			if !unicode.IsLower(r) {
				break
			}
			parts = append(parts, next[0].text)
		}
		return strings.Join(parts, " ")
	}
	return ""
}

// typedSubject returns s when it is a subject that starts with a type
// word in small letters ("Hướng dẫn một số nội dung ..."), else "".
func typedSubject(s string) string {
	if s == "" || isUpperText(s) || utf8.RuneCountInString(s) > 300 {
		return ""
	}
	f := foldWords(s)
	for _, t := range typeNames {
		if strings.HasPrefix(f, t.fold+" ") && strings.Count(t.fold, " ") == 1 {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

// readSubject reads the trích yếu under the type line: the lines up to a
// rule or the start of the body. A subject set as several paragraphs goes
// on past a blank line when the next paragraph carries on the sentence
// (it starts with a small letter or a bracket). In OCR's text (ocr) what
// a stamp beside the subject left at the start of its lines is dropped,
// and a line that is mostly such junk ends it. The line that names the
// issuer (the header's, issuer) as the authority over the body ends it
// too, even under a subject in capitals.
func readSubject(lines []string, from int, ocr, speech bool, issuer string) string {
	r := subjectReader{lines: lines, from: from, speech: speech, issuer: authorityKey(issuer)}
	for i := from; i < len(lines) && i < from+12; i++ {
		s := strings.TrimSpace(lines[i])
		if s == "" {
			r.blank = true
			continue
		}
		if r.endsBefore(i, s) {
			break
		}
		if len(r.parts) == 0 && footnoteMark(s) {
			r.from, r.blank = i, false // the mark of a footnote on the type line, raised onto a line of its own: "THÔNG TƯ¹"
			continue
		}
		if isJunk(s) {
			continue // what OCR makes of a rule or a seal: "^ .^A ,À k4"
		}
		if ocr {
			if stampLine(s) || portalStamp(s) {
				if len(r.parts) > 0 {
					break // a stamp or a seal under the subject: what follows is not sure
				}
				r.from, r.blank = i, false // the subject may stand under it, past a blank line
				continue
			}
			if s = dropMarks(afterStamp(s)); s == "" {
				continue
			}
		}
		if r.notSubject(s) {
			break
		}
		r.parts = append(r.parts, dropGluedMark(s))
		if strings.ContainsAny(s[len(s)-1:], ".:;") && !r.colonLists(i, s) || len(r.parts) >= 5 {
			break
		}
		if r.blank {
			r.block = 0
		}
		r.block++
		r.blank = false
	}
	return trimRule(strings.Join(r.parts, " "))
}

// colonLists reports a subject's line i (s) that ends with a colon over
// the numbers of the documents it announces, on the next line: "... bãi
// bỏ các Nghị quyết:" over "Số 39/2011/NQ-HĐND ngày ...". The subject goes
// on with them.
func (r *subjectReader) colonLists(i int, s string) bool {
	if !strings.HasSuffix(s, ":") || i+1 >= len(r.lines) {
		return false
	}
	next := strings.TrimSpace(r.lines[i+1])
	for _, p := range []string{"Số ", "số ", "SỐ "} {
		if rest, ok := strings.CutPrefix(next, p); ok {
			c, _ := utf8.DecodeRuneInString(rest)
			return unicode.IsDigit(c)
		}
	}
	return false
}

// dropGluedMark takes off the end of a line the mark of a footnote glued
// to its last word: one or two digits, or raised ones ("¹²"), right after
// a Vietnamese word of letters ("THÔNG TƯ1", "QUYẾT ĐỊNH2", "... các
// hội2"). A word with a digit of its own ("H5N1", "COVID19"), a number
// written apart ("năm 2025") or a code ("QH15", "ĐA2") keeps its digits:
// the letters before them must be a syllable, and no code is one.
func dropGluedMark(s string) string {
	end := len(s)
	marks := 0
	for end > 0 && marks < 3 {
		r, n := utf8.DecodeLastRuneInString(s[:end])
		if !(r >= '0' && r <= '9') && !strings.ContainsRune(raisedDigits, r) {
			break
		}
		end -= n
		marks++
	}
	if marks == 0 || marks > 2 || end == 0 {
		return s
	}
	word := s[strings.LastIndexByte(s[:end], ' ')+1 : end]
	if utf8.RuneCountInString(word) < 2 || !vntext.IsSyllable(word) {
		return s
	}
	return s[:end]
}

// raisedDigits are the superscript digits a text layer may keep for a
// footnote's mark.
const raisedDigits = "⁰¹²³⁴⁵⁶⁷⁸⁹"

// footnoteMark reports a line that is only the mark of a footnote: one
// or two digits.
func footnoteMark(s string) bool {
	return len(s) <= 2 && strings.Trim(s, "0123456789") == ""
}

// citesDocument reports a paragraph that opens by citing a document,
// "Thông tư số 86/2024/TT-BTC ngày ...": the body under a subject (the
// opening of a consolidated text), not more of it, unless the subject
// broke off before it on a word that wants what follows ("... theo").
func citesDocument(prev, s string) bool {
	f := foldWords(cutAt(s, 60))
	cites := false
	for _, t := range typeNames {
		if strings.HasPrefix(f, t.fold+" so ") {
			cites = strings.Contains(cutAt(s, 60), "/")
			break
		}
	}
	if !cites {
		return false
	}
	words := strings.Fields(foldWords(prev))
	if len(words) == 0 {
		return true
	}
	switch words[len(words)-1] {
	case "theo", "tai", "cua", "va", "ve", "hien", "kem", "tu", "voi", "cac":
		return false
	}
	return true
}

// opensBody reports a paragraph after a blank line that opens what
// follows the subject: the speaker's line under a speech's subject, or
// a sentence that cites a document.
func (r *subjectReader) opensBody(s string) bool {
	return r.speech && speakerLine(s) || citesDocument(r.parts[len(r.parts)-1], s)
}

// subjectReader is readSubject's state.
type subjectReader struct {
	lines []string
	from  int
	parts []string
	blank bool // a blank line since the last line taken
	// block counts the lines of the subject's last paragraph: when it is
	// set as a block of lines, a paragraph after a blank line that ends
	// with a comma runs on into the body ("ngành: Xây dựng, Tài chính,"),
	// where a subject set one line a paragraph may wrap at a comma.
	block int
	// speech: the subject of a speech, which ends at the speaker's line
	// ("UBND tỉnh Điện Biên" alone under it).
	speech bool
	// issuer is the header's issuer as authorityKey gives it, or "".
	issuer string
}

// authorityKey folds the name of a body the same way whether it is
// written short or in full ("UBND" or "ỦY BAN NHÂN DÂN").
func authorityKey(s string) string {
	f := " " + foldWords(s) + " "
	f = strings.ReplaceAll(f, " ubnd ", " uy ban nhan dan ")
	f = strings.ReplaceAll(f, " hdnd ", " hoi dong nhan dan ")
	f = strings.ReplaceAll(f, " mttq ", " mat tran to quoc ")
	return strings.TrimSpace(f)
}

// authorityLine reports the line that names who decides, over the body:
// the issuer ("ỦY BAN THƯỜNG VỤ QUỐC HỘI", "BAN THƯỜNG TRỰC ỦY BAN MTTQ
// ... XÃ LƯƠNG MINH" under "BAN THƯỜNG TRỰC") or its head ("CHỦ TỊCH ỦY
// BAN NHÂN DÂN TỈNH ..."), in capitals, with the body ("Căn cứ ...")
// next. Under a subject in capitals it would read as more of the subject.
func (r *subjectReader) authorityLine(i int, s string) bool {
	if r.issuer == "" || !isUpperText(s) {
		return false
	}
	f := authorityKey(s)
	if f != r.issuer && !strings.HasPrefix(f, r.issuer+" ") && !(strings.HasSuffix(f, " "+r.issuer) && titleRe.MatchString(s)) {
		return false
	}
	for j := i + 1; j < len(r.lines) && j < i+4; j++ {
		// "- Căn cứ ...": the dash may stand on a line of its own
		if t := strings.TrimLeft(strings.TrimSpace(r.lines[j]), "-+• "); t != "" {
			return isBodyStart(t)
		}
	}
	return false
}

// endsBefore reports whether the subject ends before line i (s trimmed):
// the body, a rule, the authority line, or a paragraph after a blank line
// that does not carry the subject on.
func (r *subjectReader) endsBefore(i int, s string) bool {
	parts, lines := r.parts, r.lines
	if len(parts) == 0 && r.blank && i > r.from+2 {
		return true
	}
	if isDecoration(s) || isBodyStart(s) && !(len(parts) == 0 && subjectLike(s)) {
		return true
	}
	if len(parts) > 0 && (tableHead(s) || issuedWith(s)) {
		return true // a list's table starts, or an annex names the paper it goes with
	}
	if len(parts) > 0 && isUpperText(s) && (!isUpperText(parts[0]) || r.authorityLine(i, s)) {
		return true // the authority line of a decision: "CHỦ TỊCH ỦY BAN NHÂN DÂN ..."
	}
	if len(parts) > 0 && r.blank && r.opensBody(s) {
		return true
	}
	// after a blank line only a paragraph of one line carries the subject
	// on: a longer one is the body, wrapped, unless it opens with a small
	// letter, which no paragraph of the body does ("Quy trình hiệp thương
	// ... đại biểu Quốc hội" over "khóa XVI, ..." and "của Ủy ban ...")
	return len(parts) > 0 && r.blank && (!carriesOn(parts[len(parts)-1], s) || len(splitCells(lines[i])) > 1 ||
		r.block >= 2 && strings.HasSuffix(s, ",") ||
		isRecipientLine(s) || isCapacity(s) ||
		i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" && !startsSmall(s))
}

// startsSmall reports a line that opens with a small letter.
func startsSmall(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// tableHead reports the first cell of a table's header row: "STT", "TT",
// "Số TT".
func tableHead(s string) bool {
	return s == "STT" || s == "TT" || s == "Số TT" || s == "Stt"
}

// issuedWith reports the line of an annex or a list that names the paper
// it is issued with: "(Kèm theo Quyết định số ...)", "(Ban hành kèm theo
// ...)", "(Phê duyệt kèm theo ...)".
func issuedWith(s string) bool {
	if !strings.HasPrefix(s, "(") {
		return false
	}
	f := foldWords(cutAt(s, 60))
	if rest, ok := strings.CutPrefix(f, "duoc "); ok {
		// "(Được ban hành kèm theo ...)", "(Được công nhận kèm theo ...)"
		f = skipWords(rest, 2)
		f = strings.TrimSpace(f)
	}
	for _, verb := range []string{"ban hanh ", "phe duyet ", "cong nhan "} {
		// "(Phê duyệt kèm theo Quyết định số ...)": the verb of the decision
		if rest, ok := strings.CutPrefix(f, verb); ok && strings.HasPrefix(rest, "kem ") {
			return true
		}
	}
	return strings.HasPrefix(f, "kem theo") || strings.HasPrefix(f, "dinh kem")
}

// restatedRe matches what the heading of an older paper, or of a copy
// printed by a gazette or a legal portal, says again before its subject:
// the issuer, the number and the date ("CỦA HỘI ĐỒNG BỘ TRƯỞNG SỐ 194-HĐBT
// NGÀY 9 THÁNG 12 NĂM 1982 VỀ VIỆC ...", "của Thủ tướng Chính phủ số
// 69/2008/QĐ-TTg ngày 28/5/2008 về ...").
var restatedRe = lazyre.New(`^(?i:của)\s.{3,150}?\s(?i:số)\s*:?\s*\S+\s+(?i:ngày)\s+\d{1,2}(?:\s+(?i:tháng)\s+\d{1,2}\s+(?i:năm)\s+\d{4}|\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{4})\s*,?\s*`)

// dropRestated returns a subject without the issuer, number and date its
// heading says again before it (see restatedRe), when a subject follows.
func dropRestated(s string) string {
	if !strings.HasPrefix(s, "CỦA ") && !strings.HasPrefix(s, "của ") && !strings.HasPrefix(s, "Của ") {
		return s
	}
	m := restatedRe.FindStringIndex(s)
	if m == nil || len(strings.Fields(s[m[1]:])) < 2 {
		return s
	}
	return s[m[1]:]
}

// namesType reports a subject that opens with its paper's type in small
// letters ("Quy chế làm việc của ..." under "QUY CHẾ"), which a drafter
// writes when the type line stands over it anyway.
func namesType(subject, typ string) bool {
	if typ == "" || isUpperText(subject) {
		return false
	}
	return strings.HasPrefix(foldWords(subject), foldWords(typ)+" ")
}

// notSubject reports a line that is the national header, the motto, a
// place and date, or a sentence of the body after the subject.
func (r *subjectReader) notSubject(s string) bool {
	if len(r.parts) > 0 && (meetingDetail(s) || personField(s)) {
		return true // a programme's "Thời gian: 14h00, ngày ..." under its subject, a form's "Họ và tên: ..."
	}
	if maybeHeaderLine(s) {
		if _, ok := nationalPart(foldWords(s)); ok || placeDate(s) != nil && !r.citedDate(s) {
			return true
		}
	}
	return len(r.parts) > 0 && strings.ContainsAny(s[len(s)-1:], ".:;") && !endsSubject(r.parts[len(r.parts)-1], s)
}

// personField reports the field of a form about a person that follows
// its heading ("HỌ VÀ TÊN: TRẦN VĂN BÌNH", "Chức vụ hiện nay: ...").
func personField(s string) bool {
	label, _, ok := strings.Cut(cutAt(s, 40), ":")
	if !ok {
		return false
	}
	switch foldWords(label) {
	case "ho va ten", "ho ten", "chuc vu", "chuc vu hien nay", "ngay sinh", "ngay thang nam sinh", "que quan", "don vi cong tac", "noi cong tac":
		return true
	}
	return false
}

// meetingDetail reports a line that gives a meeting's time, place, chair
// or who attends ("Thời gian: 14h00, ngày 22/01/2026", "Địa điểm: Hội
// trường ..."), as a programme or an invitation sets them under its
// subject.
func meetingDetail(s string) bool {
	label, _, ok := strings.Cut(cutAt(s, 40), ":")
	if !ok {
		return false
	}
	switch foldWords(label) {
	case "thoi gian", "dia diem", "chu tri", "thanh phan", "thanh phan moi", "thanh phan tham du":
		return true
	}
	return false
}

// citedDate reports a line of the subject that goes on with the date of
// the document it names ("Hướng dẫn thi hành Nghị định số 30/1998/NĐ-CP"
// over "ngày 13 tháng 5 năm 1998 của Chính phủ quy định"), not the
// paper's own date line: it opens with a small letter and words follow
// the year. A draft's "ngày    tháng    năm 2026" has none after it.
func (r *subjectReader) citedDate(s string) bool {
	if len(r.parts) == 0 || !startsSmall(s) {
		return false
	}
	m := placeDate(s)
	return m != nil && m[1] == "" && strings.IndexFunc(s[len(m[0]):], unicode.IsLetter) >= 0
}

// ocrJunk reports a word OCR made of a stamp, a seal or a signature
// beside the text: brackets, bars, letters and digits mixed (see
// isJunkWord), letters no Vietnamese or English text has ("ÿ", "ƒ"),
// marks alone or inside a word (":40⁄4"); and, unless hard only, a word
// of letters that is no Vietnamese syllable ("lpệ", "L.Ã..L") nor an
// abbreviation in capitals ("UBND", "GPMB") nor a name ("Zalo"), and a
// lone small letter other than "ở" and "ý".
func ocrJunk(w string, hard bool) bool {
	if isJunkWord(w) {
		return true
	}
	t := strings.Trim(w, ",.;:!?'`\"“”()_~") // specks OCR glues on
	if t == "" {
		return w != "-" && w != "–" // a mark alone; a dash stands between names
	}
	for _, r := range t {
		if isForeignLetter(r) || !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("-/.,&", r) {
			return true
		}
	}
	if hard {
		return false
	}
	for _, p := range strings.FieldsFunc(t, func(r rune) bool { return r == '-' || r == '/' }) {
		switch {
		case strings.Trim(p, "0123456789.,") == "":
		case isUpperText(p) && utf8.RuneCountInString(p) <= 8 && !strings.ContainsAny(p, ".,"):
		case nameWord(p):
		case utf8.RuneCountInString(p) == 1 && unicode.IsLower([]rune(p)[0]):
			if p != "ở" && p != "ý" {
				return true
			}
		case !vntext.IsSyllable(p):
			return true
		}
	}
	return false
}

// stampLine reports a line of OCR's text most of whose words (two or
// more) are junk (see ocrJunk): "lpệ : Ngày :40⁄4 L.Ã..L A4".
func stampLine(s string) bool {
	words := strings.Fields(s)
	junk := 0
	for _, w := range words {
		if ocrJunk(w, false) {
			junk++
		}
	}
	return junk >= 2 && junk*2 >= len(words)
}

// afterStamp drops from the start of a line of OCR's text what a stamp
// beside it left ("CV T86: .JLÿ-2 ị trên địa bàn ..."): the words up to
// the last junk word in the first half of the line, when at least half
// of them are junk, one of them hard junk, and at least three words
// without hard junk follow. A word like "H5N1" among a subject's words
// stays.
func afterStamp(s string) string {
	words := strings.Fields(s)
	last, junk, junkTo, hard := -1, 0, 0, false
	for i, w := range words[:(len(words)+1)/2] {
		if ocrJunk(w, false) {
			junk++
			last, junkTo = i, junk
			hard = hard || ocrJunk(w, true)
		}
	}
	if !hard || junkTo*2 < last+1 {
		return s
	}
	rest := words[last+1:]
	if len(rest) < 3 || slices.ContainsFunc(rest, func(w string) bool { return ocrJunk(w, true) }) {
		return s
	}
	return strings.Join(rest, " ")
}

// tidySubject drops what OCR leaves before a subject (",Về việc") and
// puts back the space it loses in "Vềviệc".
func tidySubject(s string) string {
	s = strings.TrimLeft(s, ",.;:'`\"-_~ ")
	for _, p := range []string{"Vềviệc", "VỀVIỆC", "vềviệc"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			return p[:len("Về")] + " " + p[len("Về"):] + rest
		}
	}
	// "và việc", "Vẻ việc": OCR's misreadings of the "Về việc" that opens a subject
	for _, p := range []string{"và việc ", "Và việc ", "Vẻ việc ", "Vê việc ", "Vệ việc "} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			return "Về việc " + rest
		}
	}
	return s
}

// maybeHeaderLine is a quick test for a line that could be the national
// header, the motto or a place and date.
func maybeHeaderLine(s string) bool {
	return isUpperText(s) || strings.HasPrefix(s, "Độc") || strings.Contains(s, "ngày") || strings.Contains(s, "NGÀY")
}

// endsSubject reports whether a line ending with a full stop is the last
// line of the subject prev (a subject may end with "."): a short line
// that does not open a sentence of its own.
func endsSubject(prev, s string) bool {
	if strings.ContainsAny(prev[len(prev)-1:], ".;:") || !strings.HasSuffix(s, ".") || utf8.RuneCountInString(s) > 120 {
		return false
	}
	for _, p := range []string{"Ngày ", "Hôm nay", "Vào ", "Sáng ", "Chiều ", "Tối "} {
		if strings.HasPrefix(s, p) {
			return false
		}
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r) || r == '('
}

// isJunk reports a line where letters, digits, dashes and commas are fewer
// than two in three of the characters that are not spaces.
func isJunk(s string) bool {
	letters, other := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsLower(r) || unicode.IsUpper(r) || unicode.IsDigit(r) || r == '-' || r == ',':
			letters++
		case r != ' ':
			other++
		}
	}
	return letters*3 < (letters+other)*2
}

// carriesOn reports whether the paragraph next continues the subject
// prev after a blank line: prev does not end a sentence, and next is a
// short line that does not end one either, nor opens a list or the body.
func carriesOn(prev, next string) bool {
	if strings.ContainsAny(prev[len(prev)-1:], ".;:") || utf8.RuneCountInString(next) > 250 ||
		strings.ContainsAny(next[len(next)-1:], ".;:!?") && !endsSubject(prev, next) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(next)
	if r == '-' || r == '+' || r == '*' || r == '•' || unicode.IsDigit(r) && !afterNumberWord(prev) || listMarkRe.MatchString(next) {
		return false
	}
	return !strings.HasPrefix(next, "Ngày ") && !strings.HasPrefix(next, "Hôm nay")
}

// afterNumberWord reports a line that wraps before a cited number or
// date: "... HƯỚNG DẪN THI HÀNH NGHỊ QUYẾT SỐ" over "197/2025/QH15 NGÀY
// ...", "... THÔNG TƯ 60 TC/CĐKT, NGÀY" over "01/09/1997 CỦA BỘ ...".
func afterNumberWord(prev string) bool {
	for _, w := range []string{" số", " SỐ", " ngày", " NGÀY"} {
		if strings.HasSuffix(prev, w) {
			return true
		}
	}
	return false
}

// listMarkRe matches the mark of a list item or a heading: "a)", "II.", "1.2".
var listMarkRe = lazyre.New(`^(?:[a-zđ]\)|[IVXLC]+\.|\d+[.)])`)

// labelledSearch is how far under the type line a form's labelled
// subject may stand: on a scan, what OCR made of the handwritten notes
// beside "Kính gửi" comes before it.
const labelledSearch = 20

// wrappedOn returns s with the lines from `from` on that carry it on: a
// form's labelled line wraps ("2. Trích yếu: V/v ... các cơ quan chuyên
// môn" over "thuộc UBND tỉnh, ..."), and the next line opens with a small
// letter, which no label does.
func wrappedOn(s string, lines []string, from int) string {
	for i := from; i < len(lines) && i < from+3; i++ {
		l := strings.TrimSpace(lines[i])
		if l == "" || !startsSmall(l) || strings.ContainsAny(s[len(s)-1:], ".;") {
			break
		}
		s += " " + l
	}
	return s
}

// labelledSubjectRe matches a subject given on a labelled line of a form.
var labelledSubjectRe = lazyre.New(`^(?:\d+\.\s*)?(?:Vấn đề trình|Nội dung trình|Trích yếu|Trích yếu nội dung|Nội dung đề nghị|Về việc)\s*:\s*(.+)$`)

// labelledSubject returns the subject of a form's labelled line in the
// lines after from, or "".
func labelledSubject(lines []string, from int) string {
	for i := from; i < len(lines) && i < from+labelledSearch; i++ {
		l := strings.TrimSpace(lines[i])
		if m := labelledSubjectRe.FindStringSubmatch(l); m != nil {
			return strings.TrimRight(wrappedOn(m[1], lines, i+1), " .;")
		}
		if emptyLabelRe.MatchString(l) {
			return listedSubject(lines, i+1)
		}
	}
	return ""
}

// emptyLabelRe matches a subject's label with nothing after it: the
// subject is listed on the lines under it ("1. Vấn đề trình:" over
// "1) Thông báo …;" and "2) Thời gian …").
var emptyLabelRe = lazyre.New(`^(?:\d+\.\s*)?(?:Vấn đề trình|Nội dung trình|Trích yếu|Trích yếu nội dung|Nội dung đề nghị)\s*:$`)

// listItemRe matches the mark of a listed item: "1)", "a)", "-", "+".
var listItemRe = lazyre.New(`^(?:(?:\d{1,2}|[a-zđ])\)|[-+])\s*`)

// listedSubject joins the items listed from line from, up to the next
// numbered part of the form ("2. Hồ sơ kèm theo:"), without their marks.
func listedSubject(lines []string, from int) string {
	var items []string
	for i := from; i < len(lines) && i < from+10 && len(items) < 4; i++ {
		l := strings.TrimSpace(lines[i])
		if l == "" {
			continue
		}
		m := listItemRe.FindString(l)
		if m == "" {
			break // "2. Hồ sơ kèm theo:", or what is no list
		}
		items = append(items, strings.TrimRight(l[len(m):], " .;"))
	}
	return strings.Join(items, "; ")
}

// subjectLike reports whether a line right under the type line that
// starts like the body ("Thực hiện phong trào thi đua ...") is the
// subject after all: a short line that does not end a sentence.
func subjectLike(s string) bool {
	return strings.HasPrefix(foldWords(s), "thuc hien") && len([]rune(s)) <= 200 &&
		!strings.ContainsAny(s[len(s)-1:], ".:;")
}

// isBodyStart reports the lines that begin the body of a document.
func isBodyStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if unicode.IsLower(r) || !strings.ContainsRune("CKTIXĐP", r) {
		return false // "thực hiện ..." carries on a subject; the body starts with a capital
	}
	f := foldWords(s)
	if isChapter(f) {
		return true
	}
	for _, p := range []string{"can cu", "kinh gui", "kinh thua", "thuc hien", "i ", "xet de nghi", "dieu 1"} {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}

// lawTypes are the types whose subject is the name of a law, printed in
// capitals under the type line ("LUẬT" over "BẢO HIỂM XÃ HỘI") and cited
// in small letters after a capital ("Luật Bảo hiểm xã hội").
var lawTypes = map[string]bool{"Luật": true, "Bộ luật": true, "Pháp lệnh": true}

// lawName writes the name of a law printed in capitals the way laws cite
// it: its first word capitalised, the rest in small letters but for the
// state's bodies and proper names ("Quốc hội", "Việt Nam": see
// properPhrases), abbreviations ("HIV/AIDS"), and the name of another law
// named in it: "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT ĐẤT ĐAI" → "Sửa
// đổi, bổ sung một số điều của Luật Đất đai". A name not in capitals is
// returned as it is.
func lawName(s string) string {
	if !isUpperText(s) {
		return s
	}
	words := strings.Fields(s)
	cores := make([]string, len(words))
	lead := make([]int, len(words)) // the bytes of marks before each word's letters: "(HIV/AIDS)"
	for i, w := range words {
		c := strings.TrimLeft(w, "(\"“'")
		lead[i] = len(w) - len(c)
		cores[i] = strings.TrimRight(c, ",;:.)\"”'")
	}
	fixed := fixedCase(cores)
	out := make([]string, len(words))
	capNext := true
	for i, w := range words {
		core := cores[i]
		lw := newTone(strings.ToLower(core))
		f := vntext.Fold(core)
		switch {
		case fixed[i] != "":
			lw = fixed[i]
		case lawAcronym(core):
			lw = core
		case capNext:
			lw = title(lw)
		}
		capNext = false
		if f == "luat" && lawCited(cores, i) {
			if i > 0 && vntext.Fold(cores[i-1]) == "bo" {
				out[i-1] = title(out[i-1]) // "Bộ luật Dân sự"
			} else {
				lw = title(lw)
			}
			capNext = true
		}
		out[i] = w[:lead[i]] + lw + w[lead[i]+len(core):]
	}
	return strings.Join(out, " ")
}

// lawCited reports whether the word "LUẬT" at i of a law's name in
// capitals names a law ("CỦA LUẬT ĐẤT ĐAI"), not laws in general ("CÁC
// LUẬT VỀ ...", "LUẬT NÀY").
func lawCited(words []string, i int) bool {
	if i+1 >= len(words) || strings.HasSuffix(words[i], ",") {
		return false
	}
	if i > 0 {
		switch vntext.Fold(words[i-1]) {
		case "cac", "nhung", "mot":
			return false
		}
	}
	switch vntext.Fold(words[i+1]) {
	case "ve", "nay", "va", "co", "so", "lien", "cac", "de":
		return false
	}
	return true
}

// lawAcronym reports an abbreviation in a law's name, kept in capitals:
// "HIV/AIDS", "ASEAN": capitals without marks that are no Vietnamese
// syllable.
func lawAcronym(w string) bool {
	for _, p := range strings.FieldsFunc(w, func(r rune) bool { return r == '/' || r == '-' }) {
		if isAcronym(p) {
			continue
		}
		if len(p) < 2 || strings.Trim(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" || vntext.IsSyllable(p) {
			return false
		}
	}
	return w != ""
}

// lowerVe joins a subject to the type word the way a title is read out:
// "Về việc ..." and "Tổ chức Ngày hội ..." become "về việc ...", "tổ chức
// Ngày hội ...". A subject starting with a proper name ("Hồ Chí Minh ...",
// where the next word is capitalised too) or written in capitals keeps
// its first letter.
func lowerVe(s string) string {
	words := strings.Fields(s)
	if len(words) == 0 || isUpperText(s) {
		return s
	}
	if len(words) > 1 && words[0] != "Về" {
		r, _ := utf8.DecodeRuneInString(words[1])
		if unicode.IsUpper(r) {
			return s
		}
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// endsVV reports a line that is no more of a V/v subject: the body,
// a line in capitals, a decoration, the place and date, the number cell
// or the national header.
func endsVV(t string) bool {
	if isBodyStart(t) || isUpperText(t) || isDecoration(t) || placeDate(t) != nil {
		return true
	}
	if _, _, ok := headerNumber(t); ok && !strings.HasPrefix(t, "số ") {
		return true // not a letter the subject cites, wrapped: "V/v triển khai Công văn" over "số 3653/VPCP-CĐS"
	}
	if blankNumberRe.MatchString(t) {
		return true // a draft's number cell under its subject: "Số:      /UBND-NC"
	}
	_, ok := nationalPart(foldWords(t))
	return ok
}

// vvGoesOnAfter reports whether a V/v subject goes on after the place and
// date line at, which OCR read between its lines ("V/v dự kiến mục tiêu,
// nhiệm vụ, kế hoạch" / "Hà Nội, ngày 16 tháng 12 năm 2025" / "đầu tư công
// trung hạn ..."): the next line opens with a small letter and is no
// more of the header or the body.
func vvGoesOnAfter(lines []string, at int) bool {
	for j := at + 1; j < len(lines) && j <= at+2; j++ {
		t := strings.TrimSpace(lines[j])
		if t == "" {
			continue
		}
		return startsSmall(t) && !endsVV(t)
	}
	return false
}

// ocrVVRe matches "V/v" as OCR misreads it: "V%", "W%", "W⁄%", "ƒ/%", "V/w".
var ocrVVRe = lazyre.New(`^[VWƒ][⁄%/]+[vVwW%]?\s`)

// readVV reads the "V/v ..." subject of a công văn, which may run over
// several lines of the left column. Written out, "Về việc ...", it is
// taken only on the three lines under the number line under (-1: none).
func readVV(lines []string, under int) string {
	for i := 0; i < len(lines) && i < typeLineSearch; i++ {
		cells := splitCells(lines[i])
		if len(cells) == 0 {
			continue
		}
		c := cells[0]
		c.text = strings.TrimLeft(c.text, "“\"")
		f := foldWords(c.text)
		if m := ocrVVRe.FindString(c.text); m != "" {
			c.text = "V/v " + strings.TrimSpace(c.text[len(m):]) // OCR's "W% ..."
		} else if !strings.HasPrefix(f, "v v ") && !strings.HasPrefix(c.text, "V/v") && !strings.HasPrefix(c.text, "v/v") &&
			!(under >= 0 && i > under && i <= under+3 && (strings.HasPrefix(f, "ve viec ") || strings.HasPrefix(c.text, "Về "))) {
			continue
		}
		parts := []string{c.text}
		blank := false
		for j := i + 1; j < len(lines) && j < i+8 && len(parts) < 6; j++ {
			next := splitCells(lines[j])
			if len(next) == 0 {
				blank = true
				continue
			}
			if len(parts) >= 4 && blank {
				break // past four lines, only a block without gaps goes on
			}
			if next[0].col > c.col+4 {
				break
			}
			t := next[0].text
			if placeDate(t) != nil && vvGoesOnAfter(lines, j) {
				continue // OCR put the date line of the right column inside the subject
			}
			if endsVV(t) || endsVV(strings.TrimSpace(lines[j])) || strings.HasSuffix(parts[len(parts)-1], ".") {
				break // the subject's sentence has ended
			}
			if blank && !carriesOn(parts[len(parts)-1], t) && !(utf8.RuneCountInString(t) < 40 && !strings.ContainsAny(t, ".:;")) {
				break
			}
			parts = append(parts, t)
			blank = false
		}
		return trimRule(strings.Join(parts, " "))
	}
	return ""
}
