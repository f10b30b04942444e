package meta

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"khovanban/index/internal/lazyre"
	"khovanban/index/vntext"
)

// segmentLines is how many lines from the top are cut into header parts.
const segmentLines = 30

// Text taken out of a PDF often runs the parts of the header together on
// one line ("UBND TỈNH BÌNH THUẬN SỞ NỘI VỤ Số: 3367/TTr-SNV", "Độc lập -
// Tự do - Hạnh phúc Bình Thuận, ngày 22 tháng 01 năm 2025 TỜ TRÌNH Về việc
// ..."). segmentHeader cuts such lines where a part of the header begins,
// so that each part stands on its own line as it does on paper. A line
// whose parts are already apart is left as it is: the cuts are made only
// inside a line, never at its start.
//
// It stops at the first line where the body begins ("Kính gửi", "Căn
// cứ", a chapter or an article), which ends the header.
func segmentHeader(lines []string) []string {
	var out []string
	afterType := -1 // lines left to cut after a type line standing alone
	seen := false   // a number or national header was met
	for i, l := range lines {
		if i >= segmentLines || afterType == 0 {
			return append(out, lines[i:]...)
		}
		t := strings.TrimSpace(l)
		if t == "" || len(l) < 12 {
			out = append(out, l)
			if afterType < 0 && isUpperText(t) && typeNameOf(t) != "" {
				afterType = 3 // the subject, and the body run onto it, are near
			}
			continue
		}
		if afterType > 0 {
			afterType--
		}
		parts, body := cutHeaderLine(l)
		out = append(out, parts...)
		if body && seen {
			return append(out, lines[i+1:]...)
		}
		// "Kính gửi" above any header part: the header comes later
		seen = seen || strings.Contains(l, "Số") || strings.Contains(l, "SỐ") || strings.Contains(l, "CỘNG H")
		if afterType < 0 && len(parts) == 1 && len(t) < 40 && isUpperText(t) && typeNameOf(t) != "" {
			afterType = 3
		}
	}
	return out
}

// The parts of the header, matched at the start of a word.
var (
	numberAnchorRe  = lazyre.New(`^(?:(?:Số|SỐ)\s*:|(?:Số|SỐ)\s+\d|(?:Luật|LUẬT|Bộ luật|BỘ LUẬT|Nghị quyết|NGHỊ QUYẾT|Pháp lệnh|PHÁP LỆNH|Lệnh|LỆNH)\s+(?:số|SỐ)\s*:|ÁN LỆ SỐ)`)
	mottoRe         = lazyre.New(`^(?i:độc)\s+(?i:lập)\s*-*\s*(?i:tự)\s+(?i:do)\s*-*\s*(?i:hạnh)\s+(?i:phúc)`)
	placeDateCutRe  = lazyre.New(`^,\s*(?:ngày|Ngày)[\s._…]*\d{0,2}[\s._…]*tháng[\s._…]*\d{0,2}[\s._…]*năm\s*\d{4}`)
	authorityLineRe = lazyre.New(`^(?:BỘ TRƯỞNG|CHỦ TỊCH|THỦ TƯỚNG|GIÁM ĐỐC|TỔNG GIÁM ĐỐC|CHÁNH ÁN|VIỆN TRƯỞNG|TRƯỞNG BAN|ỦY BAN|UỶ BAN|HỘI ĐỒNG|BAN THƯỜNG VỤ|BAN CHẤP HÀNH|QUỐC HỘI)\s+\p{Lu}`)
)

// nationalWords are the national headers as folded words: compared word
// by word without accents, they are found in OCR text too ("CỌNG HÒA XÃ
// HỘI CHÚ NGHĨA VIỆT NAM").
var nationalWords = [][]string{
	strings.Fields("cong hoa xa hoi chu nghia viet nam"),
	strings.Fields("dang cong san viet nam"),
	strings.Fields("doan tncs ho chi minh"),
	strings.Fields("doan thanh nien cong san ho chi minh"),
}

// nationalAt returns the length of the national header at the start of
// s, or 0.
func nationalAt(s string) int {
	end := 0
	var got []string
	for k := 0; k < 9; k++ {
		t := strings.TrimLeft(s[end:], " ")
		if t == "" {
			break
		}
		start := len(s) - len(t)
		w, _, _ := strings.Cut(t, " ")
		got = append(got, vntext.Fold(w))
		end = start + len(w)
		prefix := false
		for _, p := range nationalWords {
			if len(got) <= len(p) && slices.Equal(got, p[:len(got)]) {
				if len(got) == len(p) {
					return end
				}
				prefix = true
			}
		}
		if !prefix && !garbledState(got) {
			return 0
		}
		if len(got) == len(nationalWords[0]) {
			return end // the state header with a word or two OCR garbled
		}
	}
	return 0
}

// garbledState reports whether the folded words got, so far, can be the
// state's national header with at most two of its last five words garbled
// by OCR ("CỘNG HÒA XÃ HỌC HỦ NGHĨA VIỆT AM"): the first three must be
// right.
func garbledState(got []string) bool {
	p := nationalWords[0]
	if len(got) > len(p) || len(got) < 3 || !slices.Equal(got[:3], p[:3]) {
		return false
	}
	wrong := 0
	for i := 3; i < len(got); i++ {
		if got[i] != p[i] {
			wrong++
		}
	}
	return wrong <= 2
}

// upperTypeRe matches an upper-case type word: "TỜ TRÌNH", "QUYẾT ĐỊNH",
// "NGHỊ QUYẾT LIÊN TỊCH".
var upperTypeRe = lazyre.New(func() string {
	names := make([]string, 0, len(typeNames))
	for _, t := range typeNames {
		if foldWords(t.name) != t.fold {
			continue // "Đơn" of "ĐƠN ĐỀ NGHỊ": "ĐƠN" alone starts other words
		}
		names = append(names, regexp.QuoteMeta(strings.ToUpper(t.name)))
	}
	sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	return `^(?:` + strings.Join(names, "|") + `)(?:\s+LIÊN\s+TỊCH)?`
}())

// typeFirstWords are the first words of the type names in capitals ("TỜ",
// "QUYẾT"), so that the type expression runs only where one can start.
var typeFirstWords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, t := range typeNames {
		if foldWords(t.name) != t.fold {
			continue
		}
		first, _, _ := strings.Cut(strings.ToUpper(t.name), " ")
		m[first] = true
	}
	return m
})

// segmentReach is how far into a line header parts are looked for: what
// comes later is the body run on after the header.
const segmentReach = 900

// cutHeaderLine cuts one line into header parts and reports whether the
// body begins in it. Each word start is tried against the parts that can
// begin with its first letter, so that long lines cost little.
func cutHeaderLine(l string) (parts []string, body bool) {
	lead := len(l) - len(strings.TrimLeft(l, " "))
	s := l[lead:]
	if startsBody(s) {
		return []string{l}, true
	}
	c := lineCutter{s: s, head: cutAt(s, segmentReach)}
	for i := 0; i < len(c.head); i++ {
		if c.head[i] == ',' {
			i = c.placeDate(i)
			continue
		}
		if i > 0 && c.head[i-1] != ' ' {
			continue // not the start of a word
		}
		var stop bool
		if i, stop = c.word(i); stop {
			break
		}
	}
	return c.parts(l, lead), c.body
}

// lineCutter is cutHeaderLine's state: the line without its indentation,
// its head where parts are looked for, the cuts found, and whether the
// body begins.
type lineCutter struct {
	s, head string
	cuts    []int
	body    bool
}

func (c *lineCutter) add(i int) {
	if i > 0 && i < len(c.s) {
		c.cuts = append(c.cuts, i)
	}
}

// span cuts before and after the match m of the text at i and returns the
// index of its last byte, or i when there is no match.
func (c *lineCutter) span(i int, m []int) int {
	if m == nil {
		return i
	}
	c.add(i)
	c.add(i + m[1])
	return i + m[1] - 1
}

// placeDate cuts out a place and date whose comma is at i.
func (c *lineCutter) placeDate(i int) int {
	head := c.head
	if t := strings.TrimLeft(head[i+1:min(len(head), i+12)], " "); !strings.HasPrefix(t, "ngày") && !strings.HasPrefix(t, "Ngày") {
		return i
	}
	if m := placeDateCutRe.FindStringIndex(head[i:]); m != nil {
		c.add(placeStart(head, i))
		c.add(i + m[1])
		return i + m[1] - 1
	}
	return i
}

// word tries the header parts that can start at the word at i; it returns
// where the scan goes on and whether the body begins there.
func (c *lineCutter) word(i int) (int, bool) {
	head := c.head
	w := head[i:]
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return i, false
	}
	if i > 0 && (strings.HasPrefix(w, "Kính gửi") || strings.HasPrefix(w, "Căn cứ ") ||
		strings.HasPrefix(w, "Thực hiện ") && lowerBefore(head, i)) {
		c.add(i)
		c.body = true
		return i, true
	}
	if strings.HasPrefix(w, "V/v ") || strings.HasPrefix(w, "V/V ") || ocrVVRe.MatchString(w) {
		c.add(i)
		return i, false
	}
	if strings.IndexByte("SLBNPÁ", w[0]) >= 0 && numberAnchorRe.MatchString(w) {
		if !afterTypeWord(head, i) { // "ÁN LỆ SỐ 12/2023/AL" is one line
			c.add(i)
		}
		return i, false
	}
	if len(w) < 4 || !isUpperWord(w) {
		if w[0] == 0xC4 { // "Đ" of the motto
			return c.span(i, mottoRe.FindStringIndex(w)), false
		}
		return i, false
	}
	return c.upperPart(i, w), false
}

// upperPart tries the parts written in capitals at i: the national header,
// the motto, a type word, the authority line of a decision.
func (c *lineCutter) upperPart(i int, w string) int {
	head := c.head
	if n := nationalAt(w); n > 0 && (!strings.HasPrefix(w, "ĐOÀN") || hasAdminUnit(foldWords(head[:i]))) {
		return c.span(i, []int{0, n})
	}
	if w[0] == 0xC4 { // the motto's "ĐỘC"
		if m := mottoRe.FindStringIndex(w); m != nil {
			return c.span(i, m)
		}
	}
	if first, _, _ := strings.Cut(w, " "); typeFirstWords()[first] {
		if m := upperTypeRe.FindStringIndex(w); m != nil && !upperBefore(head, i) && mixedAfter(head, i+m[1]) {
			return c.span(i, m)
		}
	}
	if i > 0 && lowerBefore(head, i) && authorityLineRe.MatchString(w) && isUpperText(c.s[i:]) {
		c.add(i)
	}
	return i
}

// parts returns the line l cut at the cuts found; the first part keeps
// the line's indentation (lead bytes) and any column spacing.
func (c *lineCutter) parts(l string, lead int) []string {
	if len(c.cuts) == 0 {
		return []string{l}
	}
	sort.Ints(c.cuts)
	var parts []string
	prev := 0
	for _, k := range append(c.cuts, len(c.s)) {
		if k <= prev {
			continue
		}
		if p := strings.TrimSpace(c.s[prev:k]); p != "" {
			parts = append(parts, p)
		}
		prev = k
	}
	if len(parts) == 1 {
		return []string{l}
	}
	parts[0] = l[:lead] + parts[0]
	return parts
}

// startsBody reports a line that opens the body: "Kính gửi", "Căn cứ",
// "Thực hiện", a chapter or the first article.
func startsBody(s string) bool {
	for _, p := range []string{"Kính gửi", "Căn cứ ", "Thực hiện ", "Điều 1", "LỜI NÓI ĐẦU", "Lời nói đầu"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return (strings.HasPrefix(s, "Chương ") || strings.HasPrefix(s, "CHƯƠNG ")) && isChapter(foldWords(cutAt(s, 30)))
}

// isUpperWord reports whether the word at the start of s is in capitals.
func isUpperWord(s string) bool {
	w, _, _ := strings.Cut(s, " ")
	return isUpperText(w) || utf8.RuneCountInString(w) == 1 && unicode.IsUpper([]rune(w)[0])
}

// afterTypeWord reports whether the words just before s[i] are a type
// word in capitals.
func afterTypeWord(s string, i int) bool {
	f := strings.Fields(s[:i])
	for n := 1; n <= 3 && n <= len(f); n++ {
		w := strings.Join(f[len(f)-n:], " ")
		if isUpperText(w) && typeNameOf(w) != "" {
			return true
		}
	}
	return false
}

// lowerBefore reports whether the word before s[i] ends in a small letter
// or a closing mark, as the end of a subject does.
func lowerBefore(s string, i int) bool {
	t := strings.TrimRight(s[:i], " ")
	r, _ := utf8.DecodeLastRuneInString(t)
	return unicode.IsLower(r) || unicode.IsDigit(r) || strings.ContainsRune(")”\"", r)
}

// upperBefore reports whether the word before s[i] is in capitals, as in
// a title written all in capitals where a type word is just a word.
func upperBefore(s string, i int) bool {
	f := strings.Fields(s[:i])
	if len(f) == 0 {
		return false
	}
	w := f[len(f)-1]
	return isUpperText(w) && !strings.ContainsAny(w, "0123456789")
}

// mixedAfter reports whether the word from s[i] on starts with a capital
// followed by small letters, or is in small letters: the subject after a
// type word in capitals.
func mixedAfter(s string, i int) bool {
	t := strings.TrimLeft(s[i:], " ")
	if t == "" {
		return false
	}
	w, _, _ := strings.Cut(t, " ")
	if strings.HasPrefix(w, "V/") || strings.HasPrefix(w, "“") || strings.HasPrefix(w, "\"") {
		return true
	}
	low := false
	for _, r := range w {
		if unicode.IsLower(r) {
			low = true
		}
	}
	return low
}

// placeStart finds where the place name before ", ngày" begins: up to
// four words written with a capital and small letters ("Bình Thuận",
// "TP. Hồ Chí Minh"), but not a code or a word in capitals before them.
func placeStart(s string, comma int) int {
	start := comma
	words := 0
	for words < 5 {
		t := strings.TrimRight(s[:start], " ")
		i := strings.LastIndexByte(t, ' ') + 1
		w := t[i:]
		if w == "" || !placeWord(w) {
			break
		}
		start = i
		words++
	}
	return start
}

func placeWord(w string) bool {
	if w == "TP." || w == "Tp." || w == "TX." {
		return true
	}
	r, n := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	for _, c := range w[n:] {
		if !unicode.IsLower(c) {
			return false
		}
	}
	return true
}

// orgKinds are the words (lower case, new tone placement) that start the
// name of a body inside a longer header line in capitals: "UBND TỈNH LÂM
// ĐỒNG SỞ NỘI VỤ" is the department "SỞ NỘI VỤ" under "UBND TỈNH LÂM
// ĐỒNG". Accents count: "MỸ HỘI ĐÔNG" is a place, "HỘI ĐỒNG" a body.
var orgKinds = []string{
	"sở", "ban", "phòng", "văn phòng", "trung tâm", "công an", "đảng ủy", "chi bộ", "đoàn",
	"hội đồng", "hội nông dân", "hội liên hiệp", "hội cựu chiến binh", "liên đoàn", "cục", "chi cục",
	"ủy ban", "thường trực", "bộ chỉ huy", "bệnh viện", "tòa án", "viện kiểm sát", "tổ công tác", "tổ giúp việc",
}

// orgKindKeys are orgKinds as keyWords gives them, made once.
var orgKindKeys = sync.OnceValue(func() []string {
	out := make([]string, len(orgKinds))
	for i, o := range orgKinds {
		out[i] = keyWords(o)
	}
	return out
})

// isOrgKind reports whether the words start with the kind of a body.
func isOrgKind(s string) bool {
	k := keyWords(s)
	for _, o := range orgKindKeys() {
		if strings.HasPrefix(k, o) && (len(k) == len(o) || k[len(o)] == ' ') {
			return true
		}
	}
	return false
}

// keyWords returns s as exact search keys (lower case, new tone placement)
// separated by single spaces.
func keyWords(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = vntext.Key(w)
	}
	return strings.Join(words, " ")
}

// splitOrgRun cuts a header part in capitals naming a body and the body
// above it ("UBND TỈNH BÌNH THUẬN SỞ NỘI VỤ") into the two names: after an
// administrative unit and its place name, a word that starts a body
// begins the second name.
func splitOrgRun(p string) []string {
	if len(p) > 300 || strings.Count(p, " ") < 3 || !isUpperText(p) {
		return []string{p} // too short to hold two names
	}
	words := strings.Fields(p)
	folded := make([]string, len(words))
	for i, w := range words {
		folded[i] = vntext.Fold(w)
	}
	if !hasAdminUnit(strings.Join(folded, " ")) {
		return []string{p} // no place name, after which a second name could start
	}
	seenUnit := false
	for i := 0; i < len(words); i++ {
		f := folded[i]
		if i+1 < len(words) {
			f += " " + folded[i+1]
		}
		if seenUnit && i > 0 && i+1 < len(words) && isOrgKind(words[i]+" "+words[i+1]) && !isUnit(folded[i-1], "") {
			left := strings.Join(words[:i], " ")
			return append([]string{left}, splitOrgRun(strings.Join(words[i:], " "))...)
		}
		w := folded[i]
		if isUnit(w, f) && i+1 < len(words) {
			seenUnit = true
			if strings.Contains(f, " ") && isUnit("", f) {
				i++ // "THÀNH PHỐ", "THỊ TRẤN"
			}
			i++ // the place name's first word is never a kind of body
		}
	}
	return []string{p}
}
