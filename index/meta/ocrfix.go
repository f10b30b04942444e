package meta

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"khovanban/index/vntext"
)

// bodyNames are the names Vietnamese issuing bodies are made of: the
// kinds of body, their departments and fields, and the provinces (the 34
// after the 2025 merger and the 63 before it). They are the vocabulary an
// issuer read by OCR is corrected against: "Lâm Đòng" → "Lâm Đồng",
// "Sở Nọi vụ" → "Sở Nội vụ", "tĩnh Quảng Ngãi" → "tỉnh Quảng Ngãi".
const bodyNames = `
ủy ban nhân dân|hội đồng nhân dân|ủy ban mặt trận tổ quốc việt nam|ủy ban mttq việt nam|
ban chấp hành|ban thường vụ|ban thường trực|thường trực|đảng bộ|đảng ủy|tỉnh ủy|thành ủy|huyện ủy|quận ủy|thị ủy|
ủy ban kiểm tra|ban tuyên giáo|ban dân vận|ban tổ chức|ban nội chính|ban tuyên giáo và dân vận|văn phòng|
ban chỉ đạo|ban quản lý|ban quản lý dự án|ban dân tộc|ban bí thư|bộ chính trị|trung ương|chính phủ|thủ tướng chính phủ|quốc hội|
ủy ban thường vụ quốc hội|hội đồng bầu cử quốc gia|ủy ban bầu cử|ban bầu cử|tổ bầu cử|hội đồng thẩm định|hội đồng thi đua khen thưởng|
sở nội vụ|sở tài chính|sở tư pháp|sở xây dựng|sở công thương|sở y tế|sở giáo dục và đào tạo|sở văn hóa thể thao và du lịch|
sở văn hóa và thể thao|sở du lịch|sở khoa học và công nghệ|sở nông nghiệp và môi trường|sở dân tộc và tôn giáo|sở ngoại vụ|
sở thông tin và truyền thông|sở kế hoạch và đầu tư|sở lao động thương binh và xã hội|sở tài nguyên và môi trường|
sở giao thông vận tải|sở nông nghiệp và phát triển nông thôn|thanh tra tỉnh|thanh tra|công an tỉnh|công an xã|công an phường|
bộ chỉ huy quân sự|bộ chỉ huy bộ đội biên phòng|ban chỉ huy quân sự|bộ tư lệnh|quân khu|
liên đoàn lao động|hội liên hiệp phụ nữ|hội nông dân|hội cựu chiến binh|đoàn thanh niên cộng sản hồ chí minh|tỉnh đoàn|
hội chữ thập đỏ|hội khuyến học|hội người cao tuổi|hội luật gia|hội nhà báo|hội văn học nghệ thuật|liên minh hợp tác xã|
liên hiệp các hội khoa học và kỹ thuật|báo và phát thanh truyền hình|đài phát thanh và truyền hình|báo|trung tâm|
trung tâm phục vụ hành chính công|trung tâm y tế|trung tâm công báo và tin học|chi cục|cục|vụ|viện|phòng|
phòng kiểm soát thủ tục hành chính|phòng nội vụ|phòng văn hóa xã hội|phòng kinh tế|phòng tài chính kế hoạch|
tòa án nhân dân|viện kiểm sát nhân dân|thi hành án dân sự|cục thuế|kho bạc nhà nước|bảo hiểm xã hội|ngân hàng chính sách xã hội|
cục thống kê|trường đại học|trường cao đẳng|trường trung học phổ thông|trường trung học cơ sở|trường tiểu học|trường mầm non|
bệnh viện đa khoa|tập đoàn bưu chính viễn thông việt nam|viễn thông|bưu điện|điện lực|công ty|tổng công ty|
hiệp hội doanh nghiệp|liên đoàn luật sư việt nam|hiệp hội công chứng viên việt nam|hợp tác xã|cải cách hành chính|chỉ số cải cách hành chính|chuyển đổi số|đề án|kiểm soát thủ tục hành chính|
thi đua khen thưởng|an toàn giao thông|phòng chống tham nhũng|xây dựng nông thôn mới|giảm nghèo bền vững|
xã|phường|thị trấn|đặc khu|huyện|quận|thị xã|thành phố|tỉnh|ấp|thôn|khóm|tổ dân phố|khu phố|
đông|tây|nam|bắc|trung|thượng|hạ|tân|phú|an|bình|hòa|thạnh|phước|long|mỹ|hưng|thuận|lợi|đức|vĩnh|lộc|
`

// provinces are the provinces and centrally run cities, after the 2025
// merger and before it; each is also written after "tỉnh" and "thành phố".
const provinces = `
hà nội|huế|lai châu|điện biên|sơn la|lạng sơn|quảng ninh|thanh hóa|nghệ an|hà tĩnh|cao bằng|tuyên quang|lào cai|
thái nguyên|phú thọ|bắc ninh|hưng yên|hải phòng|ninh bình|quảng trị|đà nẵng|quảng ngãi|gia lai|khánh hòa|lâm đồng|
đắk lắk|hồ chí minh|đồng nai|tây ninh|cần thơ|vĩnh long|đồng tháp|cà mau|an giang|
hà giang|yên bái|bắc kạn|hòa bình|vĩnh phúc|bắc giang|hải dương|thái bình|hà nam|nam định|quảng bình|thừa thiên huế|
quảng nam|kon tum|bình định|phú yên|ninh thuận|bình thuận|đắk nông|bình phước|bình dương|bà rịa vũng tàu|long an|
tiền giang|bến tre|trà vinh|sóc trăng|hậu giang|bạc liêu|kiên giang|
`

// markVocab is the vocabulary of body names by folded form: the usual
// spelling of each syllable and of each pair of neighbouring syllables.
type markVocab struct {
	words map[string]map[string]int // fold → spelling → occurrences
	pairs map[string]string         // "lam dong" → "lâm đồng"; "" when two spellings share a fold
	next  map[string][]string       // "quang" → "quảng ngãi", "quảng ninh"…: the pairs by their first word's fold
}

// ocrVocab builds the vocabulary once; it is read-only afterwards.
var ocrVocab = sync.OnceValue(func() *markVocab {
	v := &markVocab{words: map[string]map[string]int{}, pairs: map[string]string{}, next: map[string][]string{}}
	for _, p := range strings.Split(provinces, "|") {
		if p = strings.TrimSpace(p); p != "" {
			v.add(p)
			v.add("tỉnh " + p)
			v.add("thành phố " + p)
		}
	}
	for _, p := range strings.Split(bodyNames, "|") {
		if p = strings.TrimSpace(p); p != "" {
			v.add(p)
		}
	}
	return v
})

func (v *markVocab) add(phrase string) {
	words := strings.Fields(phrase)
	for i, w := range words {
		f := vntext.Fold(w)
		if v.words[f] == nil {
			v.words[f] = map[string]int{}
		}
		v.words[f][w]++
		if i == 0 {
			continue
		}
		pair := words[i-1] + " " + w
		key := vntext.Fold(words[i-1]) + " " + f
		old, ok := v.pairs[key]
		if !ok {
			v.next[vntext.Fold(words[i-1])] = append(v.next[vntext.Fold(words[i-1])], pair)
		}
		if ok && old != pair {
			pair = ""
		}
		v.pairs[key] = pair
	}
}

// usual returns the spelling of a lower-case word that is far more common
// in body names than the word's own, or "" when there is none.
func (v *markVocab) usual(w string) string {
	forms := v.words[vntext.Fold(w)]
	best, n := "", 0
	for f, c := range forms {
		if c > n || c == n && f < best {
			best, n = f, c
		}
	}
	if best == "" || best == w || forms[w]*5 >= n {
		return ""
	}
	return best
}

// fixOCRIssuer corrects the slips OCR makes in an issuer's name against
// the vocabulary of body names: a pair of syllables that differs from a
// known pair only in its marks takes the known spelling ("Lâm Đòng",
// "Lầm Đông" → "Lâm Đồng"; "Thương trục" → "Thường trực"), and a
// lower-case word takes the spelling far more common in body names
// when it is not a Vietnamese syllable ("truyèn" → "truyền") or is a unit
// before a proper name ("tĩnh", "tính Quảng Ngãi" → "tỉnh"). Other words
// alone are left as they are: proper names, and real words that share
// their letters with a body word ("giá", "số").
func fixOCRIssuer(s string) string {
	fields := strings.Fields(s)
	for len(fields) > 2 && utf8.RuneCountInString(fields[len(fields)-1]) == 1 && vntext.HasMarks(fields[len(fields)-1]) {
		fields = fields[:len(fields)-1] // a seal's mark after the name: "Quảng Ngãi Ằ"
	}
	if len(fields) == 0 {
		return s
	}
	v := ocrVocab()
	words := make([]string, len(fields)) // without the punctuation after them
	lower := make([]string, len(fields))
	folds := make([]string, len(fields))
	for i, w := range fields {
		words[i] = undoubleMarked(strings.TrimRightFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }))
		lower[i] = newTone(strings.ToLower(words[i]))
		folds[i] = vntext.Fold(words[i])
	}
	done := make([]bool, len(words))
	for i := 1; i < len(words); i++ {
		pair := v.pairs[folds[i-1]+" "+folds[i]]
		if pair == "" {
			// "QUẢNG NGAÀI": a vowel read twice, plain and with its marks
			if u := undoubleVowel(words[i]); u != words[i] {
				if pair = v.pairs[folds[i-1]+" "+vntext.Fold(u)]; pair != "" {
					words[i] = u
				}
			}
		}
		if pair == "" || words[i-1] == "" || words[i] == "" {
			continue
		}
		a, b, _ := strings.Cut(pair, " ")
		for j, want := range map[int]string{i - 1: a, i: b} {
			if !isUpperText(words[j]) && utf8.RuneCountInString(words[j]) > 1 {
				words[j] = matchCase(want, words[j])
			}
			done[j] = true
		}
	}
	for i, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if done[i] || !unicode.IsLower(r) {
			continue
		}
		u := v.usual(lower[i])
		beforeName := i+1 < len(words) && isUnit(vntext.Fold(u), "") && startsUpper(words[i+1])
		if u != "" && (beforeName || !vntext.IsSyllable(w)) {
			words[i] = u
		}
	}
	for i, w := range fields {
		core := strings.TrimRightFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		fields[i] = words[i] + w[len(core):]
	}
	return strings.Join(fields, " ")
}

// cutIssuerNumber cuts a document number glued on the end of an issuer
// ("Sở Nông nghiệp và Môi trường số 12/SNNMT-TCCB", "… só+2/2/snnmt"):
// a word "số" (or OCR's "só", "so") followed by a số hiệu, or glued to it.
func cutIssuerNumber(s string) string {
	words := strings.Fields(s)
	for i := 1; i < len(words); i++ {
		f := vntext.Fold(words[i])
		if !strings.HasPrefix(f, "so") {
			continue
		}
		rest := strings.TrimLeft(f[2:], ":.+ ")
		glued := len(f) > 2 && !isLetterByte(f[2]) && isDocNumber(rest)
		next := strings.Join(words[i+1:min(i+3, len(words))], "") // "257 1/VNPT": OCR splits numbers too
		if glued || strings.TrimRight(f, ":.") == "so" && next != "" && isDigitByte(next[0]) && isDocNumber(next) {
			return strings.TrimRight(strings.Join(words[:i], " "), " ,;:-")
		}
	}
	return s
}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

func isLetterByte(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// isDocNumber reports a số hiệu: digits and a slash ("12/KH-UBND"),
// not the number of a school ("Trường THCS số 2").
func isDocNumber(s string) bool {
	return strings.ContainsAny(s, "0123456789") && strings.Contains(s, "/")
}

// fixOCR cuts a number glued on the issuers and, when the text was read
// by OCR, corrects the OCR slips of the issuers, of the names in the
// title and the signer's, and of the place.
func (r *Result) fixOCR(ocr bool) {
	if ocr {
		r.Title.Text = fixOCRNames(cleanOCRTitle(r.Title.Text, r.Type.Text))
	}
	for _, v := range []*Value{&r.Issuer, &r.SuperiorIssuer} {
		if ocr {
			v.Text = fixOCRIssuer(v.Text)
		}
		v.Text = cutIssuerNumber(v.Text)
	}
	if ocr {
		r.Number.Text = fixOCRTypeCode(r.Number.Text, r.Type.Text)
		r.Signer.Text = fixOCRSurname(r.Signer.Text)
		r.Place.Text = fixOCRIssuer(r.Place.Text) // "Lầm Đồng, ngày …": a province's marks
	}
}

// fixOCRTypeCode puts back the type's code of a number OCR read one
// letter off ("01/2016/TTUT-TANDTC-VKSNDTC-BTP" for "TTLT"), when the code
// read is no type's and the one a letter away is the type the type line
// names (typ).
func fixOCRTypeCode(num, typ string) string {
	slash := strings.LastIndex(num, "/")
	if slash < 0 || typ == "" {
		return num
	}
	c, _, _ := strings.Cut(num[slash+1:], "-")
	if _, known := typeByCode(c, false); known || len(c) < 3 {
		return num
	}
	for k, t := range typeCodes {
		if t == typ && oneLetterOff(strings.ToUpper(c), k) {
			return num[:slash+1] + k + num[slash+1+len(c):]
		}
	}
	return num
}

// fixOCRSurname gives the family name of a name OCR read its usual
// marks when it lost or changed them ("Nguyên Hoàng Giang" → "Nguyễn
// Hoàng Giang", "Trân Phước Hiền" → "Trần Phước Hiền"): the first word
// of a name of three words or more. The given names are left as read
// ("Hiên" and "Hiền" are both names).
func fixOCRSurname(s string) string {
	words := strings.Fields(s)
	if len(words) < 3 || len(words) > 5 {
		return s
	}
	spelled := surnames()[vntext.Fold(words[0])]
	if spelled == "" || strings.EqualFold(words[0], spelled) || isUpperText(words[0]) {
		return s
	}
	words[0] = spelled
	return strings.Join(words, " ")
}

// undoubleVowel drops the plain vowel OCR set before or after the same
// vowel with its marks ("Ngaài" → "Ngài"), or returns w.
func undoubleVowel(w string) string {
	r := []rune(w)
	for i := 1; i < len(r); i++ {
		a, b := string(r[i-1]), string(r[i])
		if vntext.Fold(a) != vntext.Fold(b) || !strings.ContainsAny(vntext.Fold(a), "aeiouyAEIOUY") || vntext.HasMarks(a) == vntext.HasMarks(b) {
			continue
		}
		if vntext.HasMarks(a) {
			return string(append(r[:i:i], r[i+1:]...))
		}
		return string(append(r[:i-1:i-1], r[i:]...))
	}
	return w
}

// undoubleMarked mends a vowel OCR read twice, both times with marks
// ("LÂẦM", "vèẻ"): no Vietnamese syllable has the same vowel twice with
// marks on both, so the first is dropped ("LẦM", "vẻ"), and the marks are
// left to the vocabulary of body names to set right.
func undoubleMarked(w string) string {
	r := []rune(w)
	for i := 1; i < len(r); i++ {
		a, b := string(r[i-1]), string(r[i])
		if vntext.HasMarks(a) && vntext.HasMarks(b) && vntext.Fold(a) == vntext.Fold(b) && strings.ContainsAny(vntext.Fold(a), "aeiouy") {
			return string(append(r[:i-1:i-1], r[i:]...))
		}
	}
	return w
}

// fixOCRNames corrects the proper names of places and bodies in an OCR'd
// title: two capitalised words that differ from a known pair only in
// their marks, or by a letter Vietnamese does not have standing for or
// added to one of its letters ("Quảng Nøãi", "Quảng Nøgãi" → "Quảng
// Ngãi", "Lâm Đòng" → "Lâm Đồng"). Lower-case words are left as read.
func fixOCRNames(s string) string {
	fields := strings.Fields(s)
	v := ocrVocab()
	for i := 1; i < len(fields); i++ {
		a, b := fields[i-1], fields[i]
		if !startsUpper(a) || !startsUpper(b) || isUpperText(a) || isUpperText(b) {
			continue
		}
		core := strings.TrimRightFunc(b, func(r rune) bool { return !unicode.IsLetter(r) })
		if want := v.namePair(a, core); want != "" {
			x, y, _ := strings.Cut(want, " ")
			fields[i-1], fields[i] = matchCase(x, a), matchCase(y, core)+b[len(core):]
		}
	}
	return strings.Join(fields, " ")
}

// namePair returns the known pair that words a and b stand for, or "".
func (v *markVocab) namePair(a, b string) string {
	fa, fb := vntext.Fold(a), vntext.Fold(b)
	if p := v.pairs[fa+" "+fb]; p != "" {
		return p
	}
	if !strings.ContainsFunc(b, isForeignLetter) {
		return ""
	}
	found := ""
	for _, p := range v.next[fa] {
		_, y, _ := strings.Cut(p, " ")
		if v.pairs[fa+" "+vntext.Fold(y)] == p && slipOf(vntext.Fold(y), fb) {
			if found != "" {
				return "" // two names fit
			}
			found = p
		}
	}
	return found
}

// slipOf reports whether read is want with letters Vietnamese does not
// have put in place of some of its letters or added to them.
func slipOf(want, read string) bool {
	w, r := []rune(want), []rune(read)
	if len(w) == len(r) {
		for i := range w {
			if w[i] != r[i] && !isForeignLetter(r[i]) {
				return false
			}
		}
		return true
	}
	return string(w) == strings.Map(func(r rune) rune {
		if isForeignLetter(r) {
			return -1
		}
		return r
	}, read)
}

// isForeignLetter reports a letter that is not in the Vietnamese
// alphabet nor plain Latin, such as OCR's "ø" or "ƒ".
func isForeignLetter(r rune) bool {
	return r >= utf8.RuneSelf && unicode.IsLetter(r) && !vntext.HasMarks(string(r))
}

// cleanOCRTitle drops what a stamp or the page's marks left in a title
// read by OCR: before a "Về việc", what follows the type when it holds
// junk ("Chỉ thị [:RuN6 TÊM-CÔNG BẢO | Về việc …", a receipt stamp read
// into it), then the words with brackets, bars or back slashes and the
// words of symbols alone ("\@", "1]", ")").
func cleanOCRTitle(title, typ string) string {
	if rest, ok := strings.CutPrefix(title, typ+" "); ok && typ != "" {
		if k := strings.Index(rest, "Về việc"); k > 0 && slices.ContainsFunc(strings.Fields(rest[:k]), isJunkWord) {
			title = typ + " về" + rest[k+len("Về"):] // as the title of a clean header reads
		}
	}
	fields := strings.Fields(title)
	kept := fields[:0]
	for _, f := range fields {
		if strings.Trim(f, `\@|[]{}~^*_#<>()`) != "" && !strings.ContainsAny(f, `[]{}|\`) {
			kept = append(kept, f)
		}
	}
	return strings.Join(kept, " ")
}

// isJunkWord reports a word no title has: brackets, bars or slashes
// back, or letters and digits mixed without a number's separators
// ("[:RuN6", "T86:", "8140|").
func isJunkWord(w string) bool {
	if strings.ContainsAny(w, `[]{}|\@`) {
		return true
	}
	letter, digit := false, false
	for _, r := range w {
		letter = letter || unicode.IsLetter(r)
		digit = digit || unicode.IsDigit(r)
	}
	return letter && digit && !strings.ContainsAny(w, "/-.")
}
