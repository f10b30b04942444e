package meta

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"khovanban/index/vntext"
)

// acronyms keep their capitals in an issuer's name.
var acronyms = map[string]bool{
	"ubnd": true, "hdnd": true, "mttq": true, "bch": true, "tw": true, "tp": true, "ct": true,
	"tnhh": true, "ubkt": true, "cstt": true, "tncs": true, "lhpn": true, "ccb": true, "hcm": true,
	"thcs": true, "thpt": true, "vn": true, "bchqs": true,
}

// committees are the party committees whose name is written with a
// capital and followed by a proper place name ("Huyện ủy Chợ Mới").
var committees = map[string]bool{"huyen uy": true, "tinh uy": true, "thanh uy": true, "quan uy": true, "thi uy": true, "dang uy": true}

// orgCase writes an upper-case issuing body the normal way, with the new
// tone placement: "HUYỆN UỶ CHỢ MỚI" → "Huyện ủy Chợ Mới", "ỦY BAN MTTQ
// VIỆT NAM XÃ PHÚ LÂM" → "Ủy ban MTTQ Việt Nam xã Phú Lâm", "BAN DÂN VẬN" →
// "Ban Dân vận". Text that is not upper case keeps its capitals and only
// gets the new tone placement.
func orgCase(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if !isUpperText(s) {
		return newToneWords(s)
	}
	words, glued := splitHyphens(strings.Fields(s))
	c := orgCaser{words: words, fixed: fixedCase(words), capNext: true}
	name := ownNameAt(words)
	out := make([]string, len(words))
	for i, w := range words {
		f := vntext.Fold(w)
		if i == name {
			c.proper = true // a school's or a company's own name: "Kiến An", "Phú Tân"
		}
		var unit bool
		out[i], unit = c.word(i, w, f)
		if unit {
			continue // "thị trấn", "thành phố", "thị xã": the unit goes on
		}
		c.next(i, w, f)
	}
	var b strings.Builder
	for i, w := range out {
		if i > 0 && !glued[i] {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

// schoolLevels are the folded kinds of school a school's own name follows
// ("TRƯỜNG TRUNG HỌC CƠ SỞ KIẾN AN"), longest first.
var schoolLevels = []string{"tieu hoc va trung hoc co so", "trung hoc co so", "trung hoc pho thong", "tieu hoc",
	"mam non", "mau giao", "thcs", "thpt", "th", "mn", "ptdtnt", "ptdtbt", "th&thcs", "thcs&thpt"}

// companyForms are the folded legal forms after "CÔNG TY", longest first.
var companyForms = []string{"tnhh mot thanh vien", "tnhh mtv", "tnhh", "co phan", "cp", "hop danh"}

// tradeWords are the folded words that say what a company does, written
// in small letters before its own name ("CÔNG TY TNHH THƯƠNG MẠI PHÚ TÂN":
// "thương mại Phú Tân").
var tradeWords = map[string]bool{"thuong": true, "mai": true, "dich": true, "vu": true, "xay": true, "dung": true,
	"dau": true, "tu": true, "phat": true, "trien": true, "san": true, "xuat": true, "cap": true, "nuoc": true,
	"dien": true, "luc": true, "van": true, "tai": true, "cong": true, "nghe": true, "du": true,
	"lich": true, "nhap": true, "khau": true, "kinh": true, "doanh": true, "bat": true, "dong": true, "moi": true,
	"truong": true, "do": true, "thi": true, "nong": true, "nghiep": true, "thuc": true, "pham": true, "va": true,
	"thiet": true, "bi": true, "in": true, "may": true, "xang": true, "vat": true, "lieu": true, "sach": true}

// ownNameAt returns the index of the first word of a school's or a
// company's own name in an upper-case name (words), or -1: after the
// school's kind ("TRƯỜNG TIỂU HỌC"), or after a company's legal form and
// the words of its trade or their abbreviations ("CÔNG TY TNHH TM DV"),
// when two words or more are left ("PHÚ TÂN"; a word alone may be of the
// trade still: "NƯỚC SẠCH").
func ownNameAt(words []string) int {
	f := make([]string, len(words))
	for i, w := range words {
		f[i] = vntext.Fold(strings.Trim(w, ",;."))
	}
	at := func(i int, phrase string) int { // the index after phrase at i, or -1
		p := strings.Fields(phrase)
		if i+len(p) > len(f) || strings.Join(f[i:i+len(p)], " ") != phrase {
			return -1
		}
		return i + len(p)
	}
	for i := 0; i+1 < len(f); i++ {
		switch {
		case f[i] == "truong":
			for _, l := range schoolLevels {
				if k := at(i+1, l); k > 0 && k < len(f) && f[k] != "so" {
					return k
				}
			}
		case f[i] == "cong" && f[i+1] == "ty":
			for _, form := range companyForms {
				if k := at(i+2, form); k > 0 {
					for k < len(f) && (tradeWords[f[k]] || isAcronym(words[k])) {
						k++
					}
					if k+1 < len(f) {
						return k // a name of two words or more: "PHÚ TÂN"
					}
					return -1
				}
			}
		}
	}
	return -1
}

// splitHyphens splits the words joined by a hyphen without spaces
// ("ĐỘNG-THƯƠNG") into the words and the hyphen, so that they are cased
// as when spaced ("Lao động-Thương binh"); glued marks the pieces written
// against the one before.
func splitHyphens(words []string) (out []string, glued []bool) {
	for _, w := range words {
		parts := strings.Split(w, "-")
		if len(parts) == 1 || slices.Contains(parts, "") {
			out, glued = append(out, w), append(glued, false)
			continue
		}
		for j, p := range parts {
			if j > 0 {
				out, glued = append(out, "-"), append(glued, true)
			}
			out, glued = append(out, p), append(glued, j > 0)
		}
	}
	return out, glued
}

// newToneWords gives each word of a name not in capitals the new tone
// placement, keeping its capitals.
func newToneWords(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if nw := newTone(strings.ToLower(w)); nw != strings.ToLower(w) {
			words[i] = matchCase(nw, w)
		}
	}
	return strings.Join(words, " ")
}

// orgCaser is orgCase's state along the words of an upper-case name.
type orgCaser struct {
	words   []string
	fixed   []string // the spelling of words in proper phrases
	proper  bool     // within a place's proper name: each word capitalised
	capNext bool     // the next word is capitalised (the name of a department)
	dept    bool     // a department's name has begun ("Phòng Tài chính - Kế hoạch")
	lastCap int      // the last word capitalised as a field's first
}

// word writes word i (w, folded f), and reports a unit of two words
// whose first word leaves the state as it is.
func (c *orgCaser) word(i int, w, f string) (string, bool) {
	words := c.words
	lw := newTone(strings.ToLower(w))
	pair := ""
	if i+1 < len(words) {
		pair = f + " " + vntext.Fold(words[i+1])
	}
	switch {
	case c.fixed[i] != "":
		return c.fixed[i], false
	case i > 1 && committees[vntext.Fold(words[i-2])+" "+vntext.Fold(words[i-1])] && isUnit(f, pair):
		return lw, false // "Đảng ủy xã Kiến An"
	case acronyms[f] || !hasLower(lw) || isAcronym(strings.TrimRight(w, ",;:.")):
		return w, false // an acronym, or a letter such as the "B" of "Long Điền B"
	case c.proper, committees[pair]:
		return title(lw), false
	case i > 0 && committees[vntext.Fold(words[i-1])+" "+f]:
		c.proper = true
		return lw, false
	case isUnit(f, pair) && i > 0 && !society(words, i):
		if pair == "thi tran" || pair == "thanh pho" || pair == "thi xa" {
			return lw, true
		}
		c.proper = true
		return lw, false
	case i > 0 && (f == "tran" || f == "pho" || f == "xa") && isUnit(vntext.Fold(words[i-1])+" "+f, ""):
		c.proper = true
		return lw, false
	}
	return c.plainWord(i, lw, f), false
}

// plainWord writes a word that is neither an acronym nor in a place name.
func (c *orgCaser) plainWord(i int, lw, f string) string {
	switch {
	case f == "viet" && i+1 < len(c.words) && vntext.Fold(c.words[i+1]) == "nam":
		return "Việt"
	case f == "nam" && i > 0 && vntext.Fold(c.words[i-1]) == "viet":
		return "Nam"
	case (f == "bac" || f == "trung" || f == "nam") && i > 0 && vntext.Fold(c.words[i-1]) == "mien":
		return title(lw) // a region: "miền Nam", "miền Trung", "miền Bắc"
	case c.capNext:
		return title(lw)
	}
	return lw
}

// next updates the state after word i: "Ban Dân vận", "Ủy ban Kiểm tra",
// "Hội Nông dân": the word after the kind of body is capitalised, and so
// is each field joined to it by "và", "-" or a comma: "Phòng Văn hóa và
// Thông tin", "Phòng Tài chính - Kế hoạch", "Sở Văn hóa, Thể thao và Du
// lịch". A joint far from the field's first word is within a subject
// ("Ban Chỉ đạo phát triển khoa học, công nghệ, ... và đề án 06"). The
// kinds are matched with their tones: "số" is not "sở", "bổ" not "bộ".
// "Hội đồng" is a kind whose subject stays as it is ("Hội đồng nhân dân",
// "Hội đồng thẩm định").
func (c *orgCaser) next(i int, w, f string) {
	if c.capNext {
		c.lastCap = i
	}
	lw := newTone(strings.ToLower(w))
	following := ""
	if i+1 < len(c.words) {
		following = newTone(strings.ToLower(c.words[i+1]))
	}
	c.capNext = fieldKinds[lw] || f == "tam" && i > 0 && vntext.Fold(c.words[i-1]) == "trung"
	if lw == "ban" && following == "nhân" || lw == "hội" && following == "đồng" || following == "trưởng" {
		c.capNext = false // "Hội đồng nhân dân", "Bộ trưởng"
	}
	if lw == "trưởng" && i > 0 && fieldKinds[newTone(strings.ToLower(c.words[i-1]))] {
		c.capNext, c.dept = true, false // "Bộ trưởng Bộ Tài chính": a body follows its head
	}
	switch {
	case c.capNext:
		c.dept = true
	case c.dept && (f == "va" || w == "-") && i-c.lastCap <= 2,
		c.dept && strings.HasSuffix(w, ",") && i-c.lastCap <= 1:
		c.capNext = true
	}
}

// fieldKinds are the kinds of body after which the body's field is
// capitalised, lower case with their tones.
var fieldKinds = map[string]bool{"ban": true, "hội": true, "đoàn": true, "phòng": true, "sở": true, "bộ": true, "bch": true, "cục": true}

// society reports the "xã hội" (society) of "Lao động - Thương binh và
// Xã hội", "khoa học xã hội", "trợ giúp xã hội" at word i, not a commune
// ("xã") named "Hội ...": it follows a joint or a field.
func society(words []string, i int) bool {
	if i+1 >= len(words) || vntext.Fold(words[i]) != "xa" || vntext.Fold(words[i+1]) != "hoi" {
		return false
	}
	prev := vntext.Fold(strings.TrimRight(words[i-1], ",;"))
	if j := strings.LastIndexByte(prev, '-'); j >= 0 {
		prev = prev[j+1:] // "ĐỘNG-THƯƠNG BINH VÀ"
	}
	switch prev {
	case "va", "binh", "hiem", "sach", "hoc", "nghia", "tro", "giup", "dong", "-":
		return true
	}
	return false
}

func isUnit(f, pair string) bool {
	if pair == "quan ly" {
		return false // "quản lý" (to manage) folds like "quận"
	}
	for _, u := range adminUnits {
		if f == u || pair == u {
			return true
		}
	}
	return false
}

// isAcronym reports an upper-case word of plain letters that is not a
// Vietnamese syllable and has no two vowels in a row, so an abbreviation
// ("NCKSTTHC", "CCHC", "HĐND"), not a word that lost its marks ("VIEN").
func isAcronym(w string) bool {
	if a, b, ok := strings.Cut(w, "&"); ok {
		// "NC&KSTTHC", "ĐT&QHXD": abbreviations joined by an ampersand
		return acronymPart(a) && acronymPart(b)
	}
	if utf8.RuneCountInString(w) < 2 || vntext.IsSyllable(w) {
		return false
	}
	vowel := false
	vowels := 0
	for _, r := range w {
		if (r < 'A' || r > 'Z') && r != 'Đ' {
			return false
		}
		v := strings.ContainsRune("AEIOUY", r)
		if v && vowel {
			return false // "VIEN": a word OCR read without its marks
		}
		if v {
			vowels++
		}
		vowel = v
	}
	return vowels < 3 // "KARATE": a foreign word, spoken as it is written
}

// acronymPart reports a piece of an abbreviation joined by "&": an
// abbreviation, or one capital letter ("P&L").
func acronymPart(w string) bool {
	if r, n := utf8.DecodeRuneInString(w); n == len(w) && n > 0 {
		return r >= 'A' && r <= 'Z' || r == 'Đ'
	}
	return isAcronym(w)
}

func hasLower(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// matchCase gives the lower-case word w the capital first letter of like.
func matchCase(w, like string) string {
	r, _ := utf8.DecodeRuneInString(like)
	if unicode.IsUpper(r) {
		return title(w)
	}
	return w
}

// title capitalises the first letter of a lower-case word.
func title(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[n:]
}

// newTone moves the tone mark of a word-final "oa", "oe" or "uy" to the
// first vowel, the new placement the archive displays ("uỷ" → "ủy",
// "hoà" → "hòa"); "quý" keeps its mark where it is.
func newTone(w string) string {
	r := []rune(w)
	n := len(r)
	if n < 2 {
		return w
	}
	for _, p := range tonePairs {
		if r[n-2] == p[0] && r[n-1] == p[1] {
			if n >= 3 && r[n-3] == 'q' {
				return w
			}
			r[n-2], r[n-1] = p[2], p[3]
			return string(r)
		}
	}
	return w
}

// tonePairs maps old placement (first two runes) to new (last two).
var tonePairs = [][4]rune{
	{'o', 'à', 'ò', 'a'}, {'o', 'á', 'ó', 'a'}, {'o', 'ả', 'ỏ', 'a'}, {'o', 'ã', 'õ', 'a'}, {'o', 'ạ', 'ọ', 'a'},
	{'o', 'è', 'ò', 'e'}, {'o', 'é', 'ó', 'e'}, {'o', 'ẻ', 'ỏ', 'e'}, {'o', 'ẽ', 'õ', 'e'}, {'o', 'ẹ', 'ọ', 'e'},
	{'u', 'ỳ', 'ù', 'y'}, {'u', 'ý', 'ú', 'y'}, {'u', 'ỷ', 'ủ', 'y'}, {'u', 'ỹ', 'ũ', 'y'}, {'u', 'ỵ', 'ụ', 'y'},
}

// properPhrases are written the same way wherever they stand in a name:
// the state's own bodies and the fields of ministries written as the
// laws write them ("Thủ tướng Chính phủ", "Ủy ban Thường vụ Quốc hội",
// "Bộ Lao động - Thương binh và Xã hội", "Ngân hàng Nhà nước Việt Nam").
var properPhrases = [][]string{
	{"Hồ", "Chí", "Minh"}, {"Việt", "Nam"}, {"Trung", "ương"}, {"Mặt", "trận"}, {"Tổ", "quốc"},
	{"Đoàn", "TNCS"}, {"Đoàn", "Thanh", "niên"},
	{"Chính", "phủ"}, {"Quốc", "hội"}, {"Thương", "binh", "và", "Xã", "hội"},
	{"Ngân", "hàng", "Nhà", "nước"}, {"Ngân", "hàng", "Chính", "sách", "xã", "hội"},
	{"Tổng", "Liên", "đoàn"}, {"Liên", "hiệp", "Phụ", "nữ"}, {"Đảng", "Cộng", "sản"}, {"Bộ", "Công", "Thương"},
	{"Bộ", "Chỉ", "huy", "Quân", "sự"}, {"Hội", "đồng", "Dân", "tộc"}, {"Hội", "đồng", "Thẩm", "phán"},
	{"Tòa", "án"}, {"Ủy", "ban", "nhân", "dân"}, {"Hội", "đồng", "nhân", "dân"}, {"Ủy", "ban", "Mặt", "trận"},
	{"Ủy", "ban", "MTTQ"}, {"Bảo", "hiểm", "xã", "hội"},
}

// fixedPhrases are properPhrases and the provinces' names of two words
// or more (see provinces), capitalised: proper wherever they stand in a
// name, also without "tỉnh" before them ("Công ty cổ phần cấp nước An
// Giang", "Điện lực Quảng Ngãi").
var fixedPhrases = sync.OnceValue(func() [][]string {
	out := slices.Clone(properPhrases)
	for _, p := range strings.Split(provinces, "|") {
		words := strings.Fields(p)
		if len(words) < 2 {
			continue // "huế": a word of other names too
		}
		for k, w := range words {
			words[k] = title(w)
		}
		out = append(out, words)
	}
	return out
})

// fixedPhrase is a fixed phrase with its words folded, to compare.
type fixedPhrase struct {
	words, folded []string
}

// fixedByFirst are the fixed phrases by their first word folded, each
// word's in the order of fixedPhrases.
var fixedByFirst = sync.OnceValue(func() map[string][]fixedPhrase {
	out := map[string][]fixedPhrase{}
	for _, p := range fixedPhrases() {
		f := fixedPhrase{words: p, folded: make([]string, len(p))}
		for k, w := range p {
			f.folded[k] = vntext.Fold(w)
		}
		out[f.folded[0]] = append(out[f.folded[0]], f)
	}
	return out
})

// fixedCase returns, for each word of an upper-case name, its fixed
// spelling when it is part of a proper phrase or a province's name, else
// "". The words are folded once and each is looked up among the phrases
// it may begin: comparing every phrase at every word, folding both each
// time, was 2.3% of an import's CPU once the provinces' names joined the
// phrases.
func fixedCase(words []string) []string {
	out := make([]string, len(words))
	folded := make([]string, len(words))
	for i, w := range words {
		folded[i] = vntext.Fold(w)
	}
	byFirst := fixedByFirst()
	for i := range words {
		for _, p := range byFirst[folded[i]] {
			if i+len(p.words) <= len(words) && slices.Equal(folded[i:i+len(p.words)], p.folded) {
				copy(out[i:], p.words)
			}
		}
	}
	return out
}

// cleanOrg tidies an issuer's cell as OCR gives it: it drops the marks a
// rule or a seal leaves ("LIÊN ĐOÀN LAO ĐỘNG ¬-~ ` , l", "—_ TỈNH ỦY .")
// and splits the words of a name in capitals that OCR glued together
// ("ỦY BANNHÂN DÂN", "TỈNHỦYLÂMĐỒNG"). Other cells are returned as they
// are, at the cost of one pass over their bytes.
func cleanOrg(s string) string {
	if strings.HasPrefix(s, "/") {
		s = strings.TrimLeft(s, "/ ") // a slip of the keyboard: "/ỦY BAN MTTQ VIỆT NAM"
	}
	if !orgNoise(s) {
		return s
	}
	words := strings.Fields(s)
	upper := isUpperText(s)
	out := make([]string, 0, len(words)+2)
	for _, w := range words {
		switch {
		case !strings.ContainsFunc(w, isAlnum):
			if w == "-" || w == "&" {
				out = append(out, w) // "TÀI CHÍNH - KẾ HOẠCH"
			}
		case upper && utf8.RuneCountInString(w) == 1 && unicode.IsLower([]rune(w)[0]):
			// a stroke OCR read as a letter, in a name in capitals
		case upper && utf8.RuneCountInString(w) >= 6:
			out = append(out, splitSyllables(w)...)
		default:
			out = append(out, w)
		}
	}
	for len(out) > 0 && (out[len(out)-1] == "-" || out[len(out)-1] == "&") {
		out = out[:len(out)-1]
	}
	for len(out) > 0 && (out[0] == "-" || out[0] == "&") {
		out = out[1:]
	}
	return strings.Join(out, " ")
}

// orgNoise is a quick test for a cell cleanOrg may change: a rune that is
// no letter, digit, space or the punctuation of a name, or a run of six
// letters or more (a Vietnamese syllable has at most seven, "NGHIÊNG").
func orgNoise(s string) bool {
	run := 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			run++
			if run >= 6 {
				return true
			}
			continue
		case unicode.IsDigit(r) || r == ' ' || r == ',' || r == '(' || r == ')' || r == '/' || r == '"' || r == '“' || r == '”':
		case r == '-' || r == '&' || r == '.':
			// "TÀI CHÍNH - KẾ HOẠCH", "TP. HỒ CHÍ MINH": noise only standing alone
		default:
			return true
		}
		run = 0
	}
	return strings.Contains(s, " . ") || strings.HasSuffix(s, " .") || strings.HasPrefix(s, "- ") || strings.HasSuffix(s, " -")
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// splitSyllables splits a word in capitals that is no Vietnamese syllable
// into the syllables OCR glued together ("BANNHÂN" → "BAN", "NHÂN"), the
// fewest that make it up, each of two letters or more; a word that cannot
// be split so (an acronym, "UBMTTQ") is kept whole.
// Between splits of as many syllables, the one with more words of
// headerWords wins ("TỈNH ỦY" rather than "TỈ NHỦY"); see likelyGlued.
func splitSyllables(w string) []string {
	r := []rune(w)
	n := len(r)
	if n > 40 || vntext.IsSyllable(w) {
		return []string{w}
	}
	// cost[i]: of the best split of r[:i] (-1: none), 8 a syllable less one
	// a header word; from[i]: where its last syllable starts
	cost := make([]int, n+1)
	from := make([]int, n+1)
	for i := 1; i <= n; i++ {
		cost[i] = -1
		for j := max(0, i-7); j <= i-2; j++ {
			p := string(r[j:i])
			if cost[j] < 0 || !vntext.IsSyllable(p) {
				continue
			}
			c := cost[j] + 8
			if headerWords()[vntext.Fold(p)] {
				c--
			}
			if cost[i] < 0 || c < cost[i] {
				cost[i], from[i] = c, j
			}
		}
	}
	var parts []string
	for i := n; cost[n] > 8 && i > 0; i = from[i] {
		parts = append(parts, string(r[from[i]:i]))
	}
	if len(parts) < 2 || !likelyGlued(parts) {
		return []string{w}
	}
	slices.Reverse(parts)
	return parts
}

// likelyGlued reports whether syllables found in a word are words OCR
// glued: half of them at least are header words, and each that starts
// with a vowel is one ("ỦY"), where a misread word falls apart at a vowel
// ("TRUYÈN" as "TRUY", "ÈN"), and a foreign word into syllables of which
// one is a header word by chance ("KARATE" as "KA", "RA", "TE").
func likelyGlued(parts []string) bool {
	known := 0
	for _, p := range parts {
		f := vntext.Fold(p)
		if headerWords()[f] {
			known++
		} else if strings.IndexByte("aeiouy", f[0]) >= 0 {
			return false
		}
	}
	return known > 0 && 2*known >= len(parts)
}

// headerWords are the folded syllables that names of issuing bodies are
// mostly made of.
var headerWords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("uy ban nhan dan hoi dong tinh huyen xa phuong thi tran thanh pho quan " +
		"dang bo chi cong san mat to quoc viet nam so phong van lien doan lao hiep thuong truc vu " +
		"chap hanh trung uong an ninh giao duc tai chinh noi kinh te ke hoach nong nghiep moi truong " +
		"y tu phap bao phat truyen hinh thong tin doi ngoai thanh nien phu nu cuu chien binh") {
		m[w] = true
	}
	return m
})

// speakerSearch is how many lines under a speech's type line its speaker
// is looked for.
const speakerSearch = 16

// readSpeaker reads the issuer of a speech (Tham luận, Bài phát biểu,
// Diễn văn), which has no issuer column: the body that gives it, named
// on a line of its own under the subject and before the address ("UBND
// tỉnh Điện Biên" over "Kính thưa ..."), taken whole and nothing past
// it; without one, the body named near the top as holding the meeting
// ("... hôm nay, Ủy ban nhân dân tỉnh Lâm Đồng tổ chức Hội nghị"), a
// guess.
func readSpeaker(d *doc, h header, r *Result) {
	for i := h.typeLine + 2; i < len(d.lines) && i <= h.typeLine+speakerSearch; i++ {
		s := strings.TrimSpace(d.lines[i])
		if strings.HasPrefix(s, "Kính thưa") || strings.HasPrefix(s, "Kính gửi") {
			break
		}
		if s != "" && strings.TrimSpace(d.lines[i-1]) == "" && speakerLine(s) {
			r.Issuer = Value{orgCase(s), confDerived}
			if r.Why == nil {
				r.Why = map[string]string{}
			}
			r.Why["issuer"] = "dòng tên cơ quan trình bày «" + s + "»"
			return
		}
	}
	top := cutAt(d.flat, 800)
	for _, m := range orgMentionRe.FindAllStringIndex(top, -1) {
		if issuingVerbRe.MatchString(top[m[1]:]) {
			r.Issuer = Value{orgCase(top[m[0]:m[1]]), confGuess}
			if r.Why == nil {
				r.Why = map[string]string{}
			}
			r.Why["issuer"] = "cơ quan tổ chức hội nghị nêu trong bài (cần xem lại)"
			return
		}
	}
}

// speakerLine reports a line that names a body and nothing else: a few
// words that start with a kind of body, no sentence mark ("UBND Thành phố
// Hải Phòng", "Bộ Tư pháp", "Bộ Văn hóa, Thể thao và Du lịch", "UBND TP.
// Hồ Chí Minh"). Kinds are matched with their tones: "Sở", not "Số".
func speakerLine(s string) bool {
	if len(s) > 120 || strings.Count(s, " ") > 10 || strings.Count(s, " ") < 1 || strings.ContainsAny(s, ";:!?()\"“") || strings.HasSuffix(s, ".") {
		return false
	}
	k := keyWords(s) + " "
	if strings.HasPrefix(k, "ban hành ") {
		return false
	}
	for _, kind := range speakerKinds {
		if strings.HasPrefix(k, kind+" ") {
			return true
		}
	}
	return false
}

// speakerKinds are the first words of a body giving a speech, as keyWords
// writes them.
var speakerKinds = []string{"ubnd", "ủy ban", "hđnd", "hội đồng", "bộ", "sở", "tổng", "ban", "hội", "hiệp hội", "liên đoàn",
	"công an", "tỉnh ủy", "thành ủy", "huyện ủy", "đảng ủy", "đảng bộ", "mặt trận", "mttq", "tỉnh đoàn", "trung ương",
	"cục", "viện", "trường", "trung tâm", "văn phòng", "ngân hàng", "tập đoàn", "công ty", "phòng", "tòa án"}
