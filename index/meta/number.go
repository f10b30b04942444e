package meta

import (
	"strings"

	"khovanban/index/internal/lazyre"
	"khovanban/index/vntext"
)

// NormalizeNumber returns the canonical form of a số hiệu for matching:
// NFC, upper case, no spaces, any "Số:" prefix stripped, every dash a
// plain "-" ("số 12 - KH/HU" → "12-KH/HU", "Số: 45/kh-ubnd" → "45/KH-UBND").
// Đ stays Đ.
func NormalizeNumber(s string) string {
	s = strings.ToUpper(replaceDashes(vntext.NFC(s)))
	s = strings.TrimSpace(s)
	for _, p := range []string{"SỐ HIỆU", "SỐ", "SO"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			rest = strings.TrimLeft(rest, " :.")
			if rest != "" && rest[0] >= '0' && rest[0] <= '9' {
				s = rest
			}
			break
		}
	}
	s = strings.Join(strings.Fields(s), "")
	return strings.TrimRight(s, ".,;:)")
}

// numberBodyRe matches a số hiệu: digits, then codes joined by "-" and "/"
// ("12-KH/HU", "45/KH-UBND", "666/2015/QĐ-UBND", "367-QĐ/TWĐTN-VP"), the
// digits in two groups where a series is numbered within another
// ("66.17/2026/NQ-CP").
// A unit's code in brackets glued to the end belongs to it: "409/TTr-CAT(PC04)".
var numberBodyRe = lazyre.New(`^(\d+(?:\.\d+)?[a-z]?)\s*([-/])\s*([\p{L}\d&]+(?:\s*[-/]\s*[\p{L}\d&]+)*(?:\([\p{Lu}\d&-]{2,12}\))?)`)

// oldNumberRe matches the older party form with a space: "05 NQ/HU".
var oldNumberRe = lazyre.New(`^(\d+[a-z]?)\s+(\p{Lu}[\p{L}]{0,4})\s*/\s*([\p{L}\d]+(?:-[\p{L}\d]+)*)`)

// gluedNumberRe matches a number whose slash OCR lost, the digits glued
// to a type's code: "01NQ-HĐQLQ" for "01/NQ-HĐQLQ" (the code must be a
// type's, see typeByCode).
var gluedNumberRe = lazyre.New(`^(\d{1,5})(\p{Lu}\p{L}{0,3})-(\p{Lu}[\p{L}\d&]*(?:-[\p{L}\d&]+)*)`)

// headerNumberRe finds "Số 12-KH/HU", "Số: 45/KH-UBND", "SỐ: 05 NQ/HU".
// A law, resolution or precedent names its kind before the word: "Luật số:
// 72/2025/QH15", "Nghị quyết số: 35/2025/UBTVQH15", "ÁN LỆ SỐ 49/2021/AL".
var headerNumberRe = lazyre.New(`^(?:(Luật|LUẬT|Bộ luật|BỘ LUẬT|Nghị quyết|NGHỊ QUYẾT|Pháp lệnh|PHÁP LỆNH|Lệnh|LỆNH|Án lệ|ÁN LỆ)\s+)?(?:Số|SỐ|số|So|SO)\s*(?:hiệu)?\s*[:.]?\s*(.*)$`)

// headerNumber reads the number cell of a header. It returns the number as
// written (spaces dropped), the rest of the cell (a place and date glued
// to it by one space), and whether the cell was a number.
func headerNumber(s string) (number, rest string, ok bool) {
	number, rest, _, ok = headerNumberKind(s)
	return number, rest, ok
}

// headerNumberKind is headerNumber that also returns the kind written
// before "số" ("Luật"), or "".
func headerNumberKind(s string) (number, rest, kind string, ok bool) {
	m := headerNumberRe.FindStringSubmatch(s)
	if m == nil {
		return "", "", "", false
	}
	kind, body := m[1], m[2]
	if n := oldNumberRe.FindStringSubmatch(body); n != nil && !strings.ContainsAny(body[:len(n[1])+1], "-/") {
		return n[1] + "-" + n[2] + "/" + n[3], strings.TrimSpace(body[len(n[0]):]), kind, true
	}
	if n := gluedNumberRe.FindStringSubmatch(body); n != nil {
		if _, ok := typeByCode(n[2], false); ok {
			return n[1] + "/" + n[2] + "-" + n[3], strings.TrimSpace(body[len(n[0]):]), kind, true
		}
	}
	if n := yearNumberRe.FindStringSubmatch(body); n != nil {
		// no type code: "Số: 01/2025", the digits and the year alone
		if rest := strings.TrimSpace(body[len(n[0]):]); !strings.HasPrefix(rest, "/") && !strings.HasPrefix(rest, "-") {
			return n[1] + "/" + n[2], rest, kind, true
		}
	}
	n := numberBodyRe.FindStringSubmatch(body)
	if n == nil || !hasLetter(n[3]) {
		return "", "", "", false
	}
	num := strings.Join(strings.Fields(n[0]), "")
	rest = body[len(n[0]):]
	if sub := dottedCodeRe.FindStringSubmatch(rest); sub != nil {
		// "03/BC-LĐVTCT.LĐ": a unit's code after a dot (OCR may read the dot as a comma)
		num += "." + sub[1]
		rest = rest[len(sub[0]):]
	}
	return num, strings.TrimSpace(rest), kind, true
}

// yearNumberRe matches a number without a type code, the digits and the
// year alone ("01/2025" of "Số: 01/2025", "15/2024" of "Số 15/2024 Long
// Xuyên, ngày..."): an association's, a firm's or a school's. Not a number
// whose codes follow ("12/2025/NQ-HĐND", "12/2025-QĐ"), nor a period
// ("2021-2025").
var yearNumberRe = lazyre.New(`^(\d{1,5}[a-z]?)\s*/\s*((?:19|20)\d{2})(?:\s+|$)`)

// dottedCodeRe matches a code in capitals glued after a dot to the end of
// a number ("LĐ" of "03/BC-LĐVTCT.LĐ"), standing at the end of the cell or
// before a space: not a place glued on ("VP.Lâm Đồng").
var dottedCodeRe = lazyre.New(`^[.,]([\p{Lu}\d]{1,8})(?:\s|$)`)

func hasLetter(s string) bool {
	for _, r := range s {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r > 127 {
			return true
		}
	}
	return false
}

// number is a parsed số hiệu.
type number struct {
	typeCode   string // "KH"; "" for a công văn
	issuerCode string // "HU", "UBND", "UBND-VP"
	year       int    // from the state form "666/2015/QĐ-UBND"
	party      bool   // party form "12-KH/HU"
}

var (
	partyNumberRe = lazyre.New(`^\d+[a-z]?-(\p{L}+)/(.+)$`)
	stateNumberRe = lazyre.New(`^\d+[a-z]?/(?:(\d{4})/)?(\p{L}+)-(.+)$`)
	lawNumberRe   = lazyre.New(`^\d+/(\d{4})/(\p{L}[\p{L}\d]*)$`) // "72/2025/QH15", "49/2021/AL"
)

// parseNumber splits a number into its codes.
func parseNumber(s string) number {
	s = strings.TrimSpace(s)
	if m := partyNumberRe.FindStringSubmatch(s); m != nil {
		return number{typeCode: m[1], issuerCode: m[2], party: true}
	}
	if m := stateNumberRe.FindStringSubmatch(s); m != nil {
		n := number{year: atoi(m[1])}
		if _, ok := typeByCode(m[2], false); ok {
			n.typeCode, n.issuerCode = m[2], m[3]
		} else if i := strings.LastIndex(m[3], "-"); oldOrderIssuer(m[2]) && (i < 0 && isTypeCode(m[3]) || i >= 0 && isTypeCode(m[3][i+1:])) {
			// the older order of people's committees, issuer before type:
			// "45/UB-QĐ" (a department's "12/BYT-KH" is a công văn of its
			// planning office)
			n.typeCode, n.issuerCode = m[3][i+1:], m[2]
			if i > 0 {
				n.issuerCode += "-" + m[3][:i]
			}
		} else {
			n.issuerCode = m[2] + "-" + m[3] // công văn: "123/UBND-VP"
		}
		return n
	}
	if m := lawNumberRe.FindStringSubmatch(s); m != nil {
		return number{year: atoi(m[1]), issuerCode: m[2]}
	}
	return number{}
}

// oldOrderIssuer reports the issuer codes that wrote the type last
// (people's committees and councils before 2004).
func oldOrderIssuer(s string) bool {
	u := strings.ToUpper(s)
	return strings.HasPrefix(u, "UB") || strings.HasPrefix(u, "HĐ")
}

func isTypeCode(s string) bool {
	_, ok := typeCodes[strings.ToUpper(s)]
	return ok
}

// typeByCode returns the document type a type code stands for; party
// numbers use TT for thông tri where state numbers use it for thông tư.
func typeByCode(code string, party bool) (string, bool) {
	c := strings.ToUpper(code)
	if c == "TT" && !party {
		return "Thông tư", true
	}
	t, ok := typeCodes[c]
	return t, ok
}

var typeCodes = map[string]string{
	"NQ": "Nghị quyết", "QĐ": "Quyết định", "QĐI": "Quy định", "CT": "Chỉ thị", "KL": "Kết luận",
	"QC": "Quy chế", "TT": "Thông tri", "TTR": "Tờ trình", "HD": "Hướng dẫn", "TB": "Thông báo",
	"BC": "Báo cáo", "KH": "Kế hoạch", "CTR": "Chương trình", "ĐA": "Đề án", "PA": "Phương án",
	"BB": "Biên bản", "CV": "Công văn", "CĐ": "Công điện", "NĐ": "Nghị định", "HDLT": "Hướng dẫn",
	"NQLT": "Nghị quyết liên tịch", "TTLT": "Thông tư liên tịch", "VBHN": "Văn bản hợp nhất", "GM": "Giấy mời",
	"GGT": "Giấy giới thiệu", "PTR": "Phiếu trình", "CTĐ": "Công điện",
}
