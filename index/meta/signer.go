package meta

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"khovanban/index/internal/lazyre"
	"khovanban/index/vntext"
)

// tailLines is how far from the end the signature block is looked for.
const tailLines = 40

// capacityRe matches the start of a signing capacity: "T/M BAN THƯỜNG
// VỤ", "TM. ỦY BAN NHÂN DÂN", "K/T BÍ THƯ", "KT. CHỦ TỊCH", "T/L", "TL.",
// "TUQ.", "Q. CHỦ TỊCH".
var capacityRe = lazyre.New(`^(?:T/M|TM\.|TM\s|K/T|KT\.|KT\s|T/L|TL\.|TUQ\.|Q\.|Q/)\s*\p{Lu}`)

// isCapacity reports a line that opens with a signing capacity (see
// capacityRe); "TM" before "DV" is a company's "thương mại - dịch vụ"
// ("TM DV PHÚ TÂN", "TM-DV", "TM & DV"), not "thay mặt".
func isCapacity(s string) bool {
	if !capacityRe.MatchString(s) {
		return false
	}
	if rest, ok := strings.CutPrefix(s, "TM"); ok {
		if f := strings.TrimLeft(rest, " .-&,"); strings.HasPrefix(f, "DV") || strings.HasPrefix(f, "VÀ DV") || strings.HasPrefix(f, "- DV") {
			return false
		}
	}
	return true
}

// titleRe matches a signer's title standing alone: "BÍ THƯ", "PHÓ CHỦ TỊCH",
// "TRƯỞNG BAN", "GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"; and a person who signs a
// paper of his own: "NGƯỜI TỰ KIỂM ĐIỂM", "NGƯỜI LÀM ĐƠN", "NGƯỜI ĐỀ NGHỊ".
var titleRe = lazyre.New(`^(?:PHÓ\s+)?(?:BÍ THƯ|CHỦ TỊCH|(?:\p{Lu}+\s)?TRƯỞNG|GIÁM ĐỐC|CHÁNH|CHỦ NHIỆM|THỦ TRƯỞNG|THỦ TƯỚNG|THỐNG ĐỐC|TỔNG|NGƯỜI KÝ|NGƯỜI (?:TỰ )?KIỂM ĐIỂM|NGƯỜI (?:LÀM|VIẾT) ĐƠN|NGƯỜI ĐỀ NGHỊ|THƯ KÝ|CHỦ TỌA|CHỦ TOẠ|TỔ PHÓ)`)

// readSigner fills Signer and SignerCapacity from the signature block. The
// block is looked for by structure first: next to the first "Nơi nhận:"
// list that has one, so that annexes, forms and page footers after the
// signature are never taken for it; then among the last lines.
func readSigner(d *doc, r *Result) {
	heads := recipientHeads(d.lines)
	found := false
	if next := nextPaperStart(d.lines); next > 0 && (len(heads) == 0 || heads[0] > next) {
		// papers filed together (a petition, then the minutes it cites):
		// the first, without its own "Nơi nhận:", is signed over the
		// second's header, not in the recipients' block of a later one
		if found = readSignature(blockCells(d.lines[max(0, next-12):next]), r) && r.Signer.Text != ""; found {
			return
		}
		r.Signer, r.SignerCapacity = Value{}, Value{}
	}
	for _, k := range heads {
		from, to := max(0, k-12), min(len(d.lines), max(k+28, recipientsEnd(d.lines, k)+12))
		if found = readSignature(blockCells(d.lines[from:to]), r); found {
			break
		}
	}
	if !found {
		readSignature(blockCells(d.lines[max(0, len(d.lines)-tailLines):]), r)
	}
	if r.Signer.Text == "" && len(heads) == 0 {
		signatureByCapacity(d.lines, r)
	} else if r.Signer.Text == "" {
		signedBeforeForms(d.lines, heads[0], r)
	}
	if r.Signer.Text == "" {
		nameBySignedMark(d.lines, r)
	}
	if r.Signer.Text != "" || len(heads) == 0 {
		return
	}
	// No name by the capacity, or no capacity (a scan whose seal hid
	// them): a name standing alone after the recipients, or run onto the
	// end of a recipient line ("- UBND các huyện; Trần Văn Ba"), is the
	// signer's, as a guess.
	k := heads[0]
	limit := min(len(d.lines), k+60)
	end := limit
	for j := k + 1; j < end; j++ {
		t := strings.TrimSpace(d.lines[j])
		if strings.HasPrefix(foldWords(cutAt(strings.TrimLeft(t, "-+• "), 12)), "luu") {
			end = min(end, j+8) // the list ends with "Lưu": the name stands just below
		}
		if t != "" && (isJunk(t) || utf8.RuneCountInString(t) <= 3) {
			end = min(end+1, limit) // what OCR made of the seal does not count
			continue
		}
		if isRecipientLine(t) {
			if i := strings.LastIndexAny(t, ";,"); i > 0 {
				t = strings.TrimSpace(t[i+1:])
			} else {
				continue
			}
		}
		if name := personName(t); name != "" && strings.Count(name, " ") >= 2 {
			r.Signer = Value{name, confGuess}
			return
		}
	}
}

// recipientsEnd returns the index of the last line of the "Nơi nhận:"
// list headed at k, its "Lưu ..." line, within a list of forty entries
// with blank lines between them, or -1.
func recipientsEnd(lines []string, k int) int {
	for j := k + 1; j < len(lines) && j < k+82; j++ {
		t := strings.TrimSpace(lines[j])
		if strings.HasPrefix(foldWords(cutAt(strings.TrimLeft(t, "-+• "), 12)), "luu") {
			return j
		}
	}
	return -1
}

// nextPaperStart returns the index of the national header of a second
// paper in lines, one filed after the first in the same file, or -1.
func nextPaperStart(lines []string) int {
	first := -1
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" || t[0] != 'C' || len(t) > 80 {
			continue
		}
		if national, ok := nationalPart(foldWords(t)); !ok || !national {
			continue
		}
		if first < 0 {
			first = i
		} else if i > first+10 {
			return i
		}
	}
	return -1
}

// nameBySignedMark reads the signer of a copy that printed no capacity,
// only the name and the mark of the signature beside it ("Tố Hữu" over
// "(Đã ký)", as legal portals print older papers), among the last lines:
// a person's name on the line next to a line that is the mark alone. It is
// for review.
func nameBySignedMark(lines []string, r *Result) {
	var tail []string
	for i := len(lines) - 1; i >= 0 && len(tail) < 12; i-- {
		if t := strings.TrimSpace(lines[i]); t != "" {
			tail = append(tail, t)
		}
	}
	for k, t := range tail {
		m := signedMark(t)
		if m == nil || m[0] != 0 || m[1] != len(t) {
			continue
		}
		for _, j := range []int{k + 1, k - 1} { // the line above the mark, then the one below
			if j < 0 || j >= len(tail) {
				continue
			}
			if name := personName(tail[j]); name != "" && name == tail[j] && strings.Contains(name, " ") {
				r.Signer, r.signedBeside = Value{name, confGuess}, true
				return
			}
		}
	}
}

// signatureByCapacity reads the signature block of a document without a
// "Nơi nhận:" list whose signature stands before annexes or forms, further
// up than the last lines ("CHỦ TỊCH QUỐC HỘI", "(Đã ký)", then the name,
// then "PHỤ LỤC 1"): the first capacity line of the second half that a
// name follows. The forms of annexes leave their signer's name blank. What
// is found this way is for review.
//
// A capacity right under the line that closes the body ("... để được
// hướng dẫn./.") is the signature's wherever it stands: a text printed
// without its "Nơi nhận:" (a gazette's copy) whose annexes run on for
// pages puts it in the first quarter of the lines.
func signatureByCapacity(lines []string, r *Result) {
	if k := capacityAfterClosing(lines); k >= 0 {
		var found Result
		if readSignature(blockCells(lines[k:min(len(lines), k+8)]), &found) && found.Signer.Text != "" {
			r.SignerCapacity = found.SignerCapacity
			r.Signer = Value{found.Signer.Text, min(found.Signer.Confidence, confDerived)}
			return
		}
	}
	for i := len(lines) / 4; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if t == "" || len(t) > 120 {
			continue
		}
		if !isCapacity(t) && !(isUpperText(t) && titleRe.MatchString(t) && len(strings.Fields(t)) <= 5) {
			continue
		}
		end := min(len(lines), i+8)
		if !isCapacity(t) {
			// a title alone ("NGƯỜI TỰ KIỂM ĐIỂM"): its block ends where a
			// capacity of another's starts ("T/M CẤP ỦY CƠ SỞ" under a form)
			for j := i + 1; j < end; j++ {
				if isCapacity(strings.TrimSpace(lines[j])) {
					end = j
					break
				}
			}
		}
		var found Result
		if readSignature(blockCells(lines[i:end]), &found) && found.Signer.Text != "" {
			r.SignerCapacity = found.SignerCapacity
			r.Signer = Value{found.Signer.Text, min(found.Signer.Confidence, confGuess)}
			return
		}
	}
}

// signedBeforeForms reads the signature of a paper copied without its
// "Nơi nhận:" list, where its body closes ("./."), when the first list
// (head) is a form's that comes after it: a decree and the forms it
// issues, whose "Nơi nhận:" stands over a capacity with no name.
func signedBeforeForms(lines []string, head int, r *Result) {
	k := capacityAfterClosing(lines)
	if k < 0 || k >= head {
		return
	}
	var found Result
	if readSignature(blockCells(lines[k:min(head, k+8)]), &found) && found.Signer.Text != "" {
		r.SignerCapacity = found.SignerCapacity
		r.Signer = Value{found.Signer.Text, min(found.Signer.Confidence, confDerived)}
	}
}

// capacityAfterClosing returns the index of the first capacity line
// (within two lines) after a line that closes a body with "./.", or -1.
// A closing inside quotes ("... Thông tư này./.”", an amendment quoted in a
// consolidated text) is not the body's.
func capacityAfterClosing(lines []string) int {
	for i, l := range lines {
		if !strings.HasSuffix(strings.TrimSpace(l), "./.") {
			continue
		}
		for j, seen := i+1, 0; j < len(lines) && seen < 2; j++ {
			t := strings.TrimSpace(lines[j])
			if t == "" {
				continue
			}
			seen++
			if len(t) <= 120 && (isCapacity(t) || isUpperText(t) && titleRe.MatchString(t) && len(strings.Fields(t)) <= 5) {
				return j
			}
		}
	}
	return -1
}

// recipientHeads returns the indices of the lines that start a "Nơi nhận:"
// list.
func recipientHeads(lines []string) []int {
	var out []int
	for i, l := range lines {
		t := strings.TrimLeft(l, " *_|#.")
		if t == "" || t[0] != 'N' && t[0] != 'V' && !misreadRecipientsHead(t) {
			continue
		}
		// "Vơi nhận": OCR's N read as V, with the marks that say it is no "Với"
		if f := foldWords(cutAt(t, 16)); strings.HasPrefix(f, "noi nhan") || strings.HasPrefix(t, "Vơi nhận") || oldRecipientsHead(t) || misreadRecipientsHead(t) {
			out = append(out, i)
		}
	}
	return out
}

// misreadRecipientsHead reports "Nơi nhận:" as OCR misreads its first
// word on a scan, the N lost or read as another letter: "ơi nhận:", "Ai
// nhận:". The colon must follow: a word of one to three letters ending in
// i, then "nhận:", opens no sentence of a paper.
func misreadRecipientsHead(t string) bool {
	first, rest, ok := strings.Cut(t, " ")
	if !ok || utf8.RuneCountInString(first) > 3 || !strings.HasSuffix(vntext.Fold(first), "i") {
		return false
	}
	rest = strings.TrimSpace(rest)
	return strings.HasPrefix(rest, "nhận:") || strings.HasPrefix(rest, "nhận :")
}

// signStampBracketRe matches the caption a signing program prints where the
// signature stands, in brackets: "[ KÝ BỞI CHỮ KÝ SỐ HỢP LỆ ]", "[Đã ký]".
var signStampBracketRe = lazyre.New(`\s*\[[^\]]{0,60}(?i:ký|KÝ)[^\]]{0,60}\]`)

// dropSignStamp takes the caption of a digital signature out of a
// capacity glued to it ("PHÓ CHỦ TỊCH [ KÝ BỞI CHỮ KÝ SỐ HỢP LỆ ]").
func dropSignStamp(s string) string {
	if !strings.Contains(s, "[") {
		return s
	}
	return strings.TrimRight(strings.TrimSpace(signStampBracketRe.ReplaceAllString(s, "")), " -")
}

// signatureStart returns the index of the cell a signature block starts
// at: the first capacity ("TM. ỦY BAN NHÂN DÂN"), else the first title
// standing alone ("GIÁM ĐỐC"), or -1.
func signatureStart(cells []cell) int {
	for i, c := range cells {
		if isCapacity(c.text) {
			return i
		}
	}
	for i, c := range cells {
		if isUpperText(c.text) && titleRe.MatchString(c.text) && len(strings.Fields(c.text)) <= 5 {
			return i
		}
	}
	return -1
}

// nameUnderPersonTitle reports the line t in capitals under a person's
// title (last, "NGƯỜI TỰ KIỂM ĐIỂM", "NGƯỜI LÀM ĐƠN") that is the person's
// name ("TRẦN VĂN BÌNH"), not a caption of the title.
func nameUnderPersonTitle(last, t string) bool {
	return strings.HasPrefix(last, "NGƯỜI ") && !isCapacity(t) && !titleRe.MatchString(t) && upperName(t) != ""
}

// readSignature reads the capacity and the signer's name from the cells of
// a signature block and reports whether it found a capacity.
func readSignature(cells []cell, r *Result) bool {
	start := signatureStart(cells)
	if start < 0 {
		return false
	}
	capacity := []string{cells[start].text}
	titled := false // the signer's own title is read: what follows is the name
	i := start + 1
	for ; i < len(cells); i++ {
		t := cells[i].text
		if isRecipientLine(t) {
			continue
		}
		if !isUpperText(t) || isPersonName(t) && !titleRe.MatchString(t) && !isCapacity(t) {
			break
		}
		if nameUnderPersonTitle(capacity[len(capacity)-1], t) {
			break // the name itself in capitals, under a person's title: "NGƯỜI TỰ KIỂM ĐIỂM" over "TRẦN VĂN BÌNH"
		}
		if titled && !isCapacity(t) && !titleRe.MatchString(t) {
			continue // a caption in capitals between the title and the name
		}
		titled = titled || titleRe.MatchString(t)
		if len(strings.Fields(t)) == 1 && !titleRe.MatchString(t) {
			continue // a stray mark of the seal or the signature image: "LLL"
		}
		capacity = append(capacity, t)
	}
	r.SignerCapacity = Value{dropSignStamp(strings.Join(capacity, " - ")), confHeader}
	after := cells[start+1:]
	for k := 0; i < len(cells) && k < 8; i++ {
		t := cells[i].text
		if notNameLine(t) {
			continue
		}
		k++
		if name := personName(t); name != "" {
			r.Signer = Value{name, confDerived}
			return true
		}
		if name := upperName(t); name != "" && k <= 3 {
			r.Signer = Value{name, confGuess}
			return true
		}
	}
	for _, c := range after {
		// no name of its own: one OCR ran onto the end of a recipient line
		if isRecipientLine(c.text) {
			if name := gluedName(c.text); name != "" {
				r.Signer = Value{name, confGuess}
				break
			}
		}
	}
	return true
}

// gluedName returns the name at the end of a recipient line that OCR ran
// the signature column into, after what it made of the signature or the
// seal between them ("- Lưu: VT, NC. =-_ = Nguyễn Minh"): two to five
// words written as a name, the first a common family name, after a word
// with no letter. Otherwise it returns "".
func gluedName(t string) string {
	words := strings.Fields(t)
	n := 0
	for n < len(words) && n < 5 && nameWord(words[len(words)-1-n]) {
		n++
	}
	for ; n >= 2; n-- {
		at := len(words) - n
		if at == 0 || surnames()[vntext.Fold(words[at])] == "" || strings.IndexFunc(words[at-1], unicode.IsLetter) >= 0 {
			continue
		}
		if name := strings.Join(words[at:], " "); isPersonName(name) {
			return name
		}
	}
	return ""
}

// surnames are the commonest Vietnamese family names. A name in capitals
// right under the capacity is taken (written the normal way, for review)
// only when it starts with one: captions of forms in capitals ("ĐẠI DIỆN
// CỬ TRI CHỨNG KIẾN") never do.
var surnames = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, n := range strings.Fields("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Trương Đinh Lâm Mai " +
		"Trịnh Đoàn Lương Cao Tô Hà Tạ Châu Thái Lưu Kiều Quách Tăng Lữ Vương Thạch Danh") {
		m[vntext.Fold(n)] = n
	}
	return m
})

// upperName returns a name written in capitals ("TRƯƠNG VĂN HẢI") the
// normal way, or "".
func upperName(s string) string {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 5 || !isUpperText(s) || surnames()[vntext.Fold(words[0])] == "" {
		return ""
	}
	for i, w := range words {
		for _, r := range w {
			if !unicode.IsLetter(r) {
				return ""
			}
		}
		if notNameWords[vntext.Key(w)] {
			return ""
		}
		words[i] = title(strings.ToLower(w))
	}
	return strings.Join(words, " ")
}

// blockCells returns the cells of a signature block's lines in reading
// order, markup trimmed, with a name glued to the capacity before it ("KT.
// GIÁM ĐỐC PHÓ GIÁM ĐỐC Nguyễn Đức Vũ") set apart.
func blockCells(lines []string) []cell {
	var out []cell
	for _, l := range lines {
		for _, c := range splitCells(l) {
			c.text = strings.Trim(c.text, " *_#|")
			if c.text == "" {
				continue
			}
			// "- Lưu: VT, TCBC. KT. GIÁM ĐỐC ...": the recipients column
			// run into the signature column
			if len(c.text) > 400 {
				out = append(out, c) // running text
				continue
			}
			if m := signedMark(c.text); m != nil && len(c.text) <= 120 {
				// "THỨ TRƯỞNG(Đã ký) Phan Chí Hiếu": a copy's mark where the
				// signature was, between the title and the name
				// "Lê Văn Sơn – Đã ký": the mark after the name, set off by a dash
				before, after := strings.TrimRight(c.text[:m[0]], " –-"), strings.TrimSpace(c.text[m[1]:])
				before = strings.TrimSpace(before)
				if before != "" {
					out = append(out, cell{before, c.col})
				}
				if after == "" {
					continue
				}
				c.text = after
			}
			if m := innerCapacity(c.text); m != nil && m[0] > 0 {
				out = append(out, cell{strings.TrimSpace(c.text[:m[0]]), c.col})
				c.text = strings.TrimSpace(c.text[m[0]:])
			}
			if upper, name, ok := splitNameTail(c.text); ok {
				out = append(out, cell{upper, c.col}, cell{name, c.col})
				continue
			}
			out = append(out, c)
		}
	}
	return out
}

// signedMarkRe finds the mark a copy prints where the signature was:
// "(Đã ký)", "( Đã ký)", "[đã ký]", "Đã ký" glued to the name.
var signedMarkRe = lazyre.New(`[(\[]?\s*[Đđ]ã\s*[Kk]ý\s*[)\]]?`)

// signedMark returns where a signed mark stands in s, or nil; the regular
// expression runs only on cells holding "ký".
func signedMark(s string) []int {
	if !strings.Contains(s, "ký") && !strings.Contains(s, "Ký") {
		return nil
	}
	return signedMarkRe.FindStringIndex(s)
}

// innerCapacity finds a signing capacity after other text in a cell; the
// regular expression runs only on cells that hold a capacity's mark.
func innerCapacity(s string) []int {
	if !strings.Contains(s, "T/") && !strings.Contains(s, "TM") && !strings.Contains(s, "KT") &&
		!strings.Contains(s, "K/") && !strings.Contains(s, "TL") && !strings.Contains(s, "TUQ") {
		return nil
	}
	return innerCapacityRe.FindStringIndex(s)
}

// innerCapacityRe finds a signing capacity after other text in a cell.
var innerCapacityRe = lazyre.New(`\s(?:T/M|TM\.|K/T|KT\.|T/L|TL\.|TUQ\.)\s*\p{Lu}{2}`)

// splitNameTail splits "PHÓ GIÁM ĐỐC Nguyễn Đức Vũ" into the words in
// capitals and the name after them.
func splitNameTail(s string) (upper, name string, ok bool) {
	if len(s) > 200 || !nameWord(s[strings.LastIndexByte(s, ' ')+1:]) {
		return "", "", false
	}
	words := strings.Fields(s)
	n := 0
	for n < len(words) && nameWord(words[len(words)-1-n]) {
		n++
	}
	if n < 2 || n == len(words) || n > 5 {
		return "", "", false
	}
	upper = strings.Join(words[:len(words)-n], " ")
	if !isUpperText(upper) {
		return "", "", false
	}
	return upper, strings.Join(words[len(words)-n:], " "), true
}

// nameWord reports a word written as in a name: a capital, then small letters.
func nameWord(w string) bool {
	for i, r := range w {
		if !unicode.IsLetter(r) || (i == 0) != unicode.IsUpper(r) {
			return false
		}
	}
	return utf8.RuneCountInString(w) > 1 || w == "Y"
}

// ranks are titles written before a signer's name.
var ranks = []string{
	"đại tướng", "thượng tướng", "trung tướng", "thiếu tướng", "đại tá", "thượng tá", "trung tá", "thiếu tá",
	"đại úy", "đại uý", "thượng úy", "trung úy", "thiếu úy", "pgs.ts.", "pgs. ts.", "gs.ts.", "ts.", "ths.", "bs.",
	"bác sĩ", "luật sư", "nhà giáo", "kỹ sư", "ls.", "ls", "ts", "ths", "gs.", "pgs.",
}

// personName returns the signer's name in s without a rank before it
// ("Thiếu tướng Trương Minh Đương"), or "" when s is not a name.
func personName(s string) string {
	// marks of the seal or the signature before the name: "` Nguyễn",
	// "ˆ Đại tá" (a modifier letter, no letter of a name)
	s = strings.TrimLeftFunc(s, func(r rune) bool { return !unicode.IsLetter(r) || unicode.Is(unicode.Lm, r) })
	s = stripRanks(s)
	if name := nameIn(strings.Fields(s)); name != "" {
		return strayBefore(name)
	}
	if words := strings.Fields(s); len(words) > 2 {
		if rest := junkBefore(words); len(rest) < len(words) {
			return nameIn(rest)
		}
	}
	return ""
}

// strayBefore drops from a name of three words or more a first word of
// one or two letters that no family name is, before a common family
// name: what OCR made of the signature's stroke on the name's line ("Ru
// Phạm Triều").
func strayBefore(name string) string {
	words := strings.Fields(name)
	if len(words) < 3 || utf8.RuneCountInString(words[0]) > 2 || surnames()[vntext.Fold(words[0])] != "" ||
		shortSurnames[vntext.Fold(words[0])] || surnames()[vntext.Fold(words[1])] == "" {
		return name
	}
	return strings.Join(words[1:], " ")
}

// shortSurnames are family names of one or two letters outside the
// common ones (see surnames), which strayBefore keeps.
var shortSurnames = map[string]bool{"lo": true, "tu": true, "au": true, "ong": true, "la": true, "ma": true, "y": true, "o": true}

// nameIn is personName for the words of a line, marks before it dropped.
func nameIn(words []string) string {
	if len(words) > 0 {
		// a stray mark glued before the name: "ơNguyễn"
		for i, r := range words[0] {
			if i > 0 && unicode.IsUpper(r) && i <= 3 {
				words[0] = words[0][i:]
				break
			}
		}
	}
	// a name followed by a sentence: "Đỗ Ngọc Huỳnh Số điện thoại ..."
	n := 0
	for n < len(words) && nameWord(words[n]) {
		n++
	}
	if n >= 3 && n < len(words) {
		if r, _ := utf8.DecodeRuneInString(words[n]); unicode.IsLower(r) {
			words = words[:n-1]
		}
	}
	s := stripRanks(strings.Join(words, " "))
	if fixed := clippedSurname(s); fixed != "" && isPersonName(fixed) {
		return fixed
	}
	if isPersonName(s) {
		return s
	}
	return ""
}

// notNameLine reports the lines of a signature block that are not looked
// at for the name and not counted: recipients, a note in brackets, and
// what OCR made of the seal or the signature ("lb ⁄¿.—", "7:", "si").
func notNameLine(t string) bool {
	return isRecipientLine(t) || strings.HasPrefix(t, "(") || isJunk(t) || utf8.RuneCountInString(strings.TrimSpace(t)) <= 3
}

// junkBefore drops one or two words before a name that cannot belong to
// it, what OCR made of a seal, a signature or a rank ("siết. Nguyễn Ngọc
// Phúc", "ø tá Phạm Thanh Hùng", "Thiễu tướng Ngô Văn An", "Đại t Lê
// Văn Ba", "ST. Võ Minh Tâm"), when a family name follows: words not
// starting with a capital, an abbreviation with its full stop, or a rank
// OCR misread (see misreadRank).
func junkBefore(words []string) []string {
	for k := 1; k <= 2 && k < len(words)-1; k++ {
		r, _ := utf8.DecodeRuneInString(words[k-1])
		if unicode.IsUpper(r) && !strings.HasSuffix(words[k-1], ".") && !misreadRank(words[:k]) {
			return words
		}
		if r, _ := utf8.DecodeRuneInString(words[k]); unicode.IsUpper(r) && surnames()[vntext.Fold(words[k])] != "" {
			return words[k:]
		}
	}
	return words
}

// misreadRank reports words that, without their marks, start a rank
// (see ranks): what OCR made of one, a mark or a letter wrong or lost
// ("Thiễu tướng", "Đại t").
func misreadRank(words []string) bool {
	f := vntext.Fold(strings.Join(words, " "))
	if len(f) < 2 {
		return false
	}
	for _, r := range ranks {
		if strings.Contains(r, " ") && strings.HasPrefix(vntext.Fold(r), f) {
			return true
		}
	}
	return false
}

// stripRanks drops the ranks and degrees written before a name, one or
// more: "Thiếu tướng Trương Minh Đương", "LS. TS. Đỗ Ngọc Thịnh",
// "Thượng-tướng Nguyễn Văn Long".
func stripRanks(s string) string {
	for again := true; again; {
		again = false
		// "Thượng-tướng": a rank's words joined by a hyphen (OCR, or typed so)
		low := strings.Replace(strings.ToLower(cutAt(s, 40)), "-", " ", 1)
		for _, r := range ranks {
			if strings.HasPrefix(low, r+" ") {
				s, again = strings.TrimSpace(s[len(r):]), true
				break
			}
		}
	}
	return s
}

// clippedSurname mends the family name of a signer's name whose first
// letters a scan lost under the signature or the seal, or OCR misread:
// "rần Hoàng Tuấn" → "Trần Hoàng Tuấn", "guyễn Văn An" → "Nguyễn Văn An",
// "Âguyễn Văn An" → "Nguyễn Văn An". Only an unambiguous mend of a
// common family name is made, before two or more words written as a name;
// otherwise it returns "".
func clippedSurname(s string) string {
	words := strings.Fields(s)
	if len(words) < 3 || len(words) > 5 {
		return ""
	}
	for _, w := range words[1:] {
		if !nameWord(w) {
			return ""
		}
	}
	first := words[0]
	f := vntext.Fold(first)
	if surnames()[f] != "" {
		return ""
	}
	r0, n0 := utf8.DecodeRuneInString(first)
	// exact: mends that keep the marks OCR left ("ạch" is Thạch, not
	// Quách); loose: mends of the letters alone ("guyến": Nguyễn)
	var exact, loose []string
	for sn, spelled := range surnames() {
		switch {
		case unicode.IsLower(r0) && len(f) >= 3 && len(sn) > len(f) && len(sn)-len(f) <= 2 && strings.HasSuffix(sn, f):
			// the first one or two letters lost: "rần", "hạm", "guyễn"
			cand := string([]rune(spelled)[:len(sn)-len(f)]) + first
			if strings.EqualFold(vntext.NFC(cand), spelled) {
				exact = append(exact, spelled)
			} else {
				loose = append(loose, cand)
			}
		case unicode.IsUpper(r0) && len(f) >= 5 && len(sn) == len(f) && sn[1:] == f[1:] && strings.IndexByte("aeiouy", f[0]) >= 0:
			// a first letter misread as a vowel: "Âguyên"
			loose = append(loose, strings.ToUpper(sn[:1])+first[n0:])
		}
	}
	var fixed string
	switch {
	case len(exact) == 1:
		fixed = exact[0]
	case len(exact) == 0 && len(loose) == 1:
		fixed = loose[0]
	default:
		return "" // none, or two family names would fit: no guess
	}
	return strings.Join(append([]string{fixed}, words[1:]...), " ")
}

// isRecipientLine reports the lines of the recipients column.
func isRecipientLine(s string) bool {
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") || strings.HasPrefix(s, "•") {
		return true
	}
	if s == "" || strings.IndexByte("NnLl", s[0]) < 0 {
		return false
	}
	f := foldWords(cutAt(s, 24))
	return strings.HasPrefix(f, "noi nhan") || strings.HasPrefix(f, "luu") || oldRecipientsHead(s)
}

// oldRecipientsHead reports "Nơi gửi:", the head of the recipients list
// in papers of the 1990s, alone in its cell.
func oldRecipientsHead(line string) bool {
	cells := splitCells(line)
	return len(cells) > 0 && strings.HasSuffix(strings.TrimSpace(cells[0].text), ":") && foldWords(cells[0].text) == "noi gui"
}

// isPersonName reports whether s looks like a Vietnamese personal name:
// two to six words, each starting with a capital letter, no digits.
func isPersonName(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 6 || provinceNames()[vntext.Fold(s)] {
		return false // "Bình Thuận" on a line of its own, in a table over the signature
	}
	for _, w := range words {
		if notNameWords[vntext.Key(w)] {
			return false
		}
		for i, r := range w {
			if !unicode.IsLetter(r) {
				return false
			}
			if i == 0 && !unicode.IsUpper(r) {
				return false
			}
		}
	}
	if !isUpperText(s) {
		for _, w := range words {
			if !nameWord(w) {
				return false // "PhAT", a lone letter: not written as a name
			}
		}
	}
	for _, w := range words {
		if !syllableEnd(w) {
			return false // "Vfr": not a Vietnamese syllable
		}
	}
	return !isUpperText(s) // a name is never written all in capitals
}

// syllableEnd reports whether a word ends the way a Vietnamese syllable
// does: a vowel, or c, ch, m, n, ng, nh, p, t.
func syllableEnd(w string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.ToLower(w))
	if strings.ContainsRune("cmnptgh", r) {
		return true
	}
	return strings.ContainsAny(vntext.Fold(string(r)), "aeiouy")
}

// readRecipients reads the "Nơi nhận:" list (and a "Kính gửi:" list).
func readRecipients(d *doc) []string {
	var out []string
	for i, l := range d.lines {
		if !startsList(l) {
			continue
		}
		cells := splitCells(l)
		if len(cells) == 0 {
			continue
		}
		f := foldWords(cells[0].text)
		if !strings.HasPrefix(f, "noi nhan") && !strings.HasPrefix(f, "kinh gui") && !oldRecipientsHead(l) {
			continue
		}
		if _, rest, ok := strings.Cut(cells[0].text, ":"); ok && strings.TrimSpace(rest) != "" {
			// "Nơi nhận: Ban Thường vụ Tỉnh ủy (để báo cáo); các đảng bộ; lưu VP."
			for _, p := range strings.Split(rest, ";") {
				if p = cleanRecipient(p); p != "" {
					out = append(out, p)
				}
			}
		}
		out = append(out, listAfter(d.lines, i+1, cells[0].col)...)
	}
	return out
}

// startsList is a quick test for a line that starts with "Nơi nhận" or
// "Kính gửi", in any case.
func startsList(l string) bool {
	t := strings.TrimLeft(l, " ")
	if t == "" || strings.IndexByte("NnKk", t[0]) < 0 {
		return false
	}
	f := foldWords(cutAt(t, 24))
	return strings.HasPrefix(f, "noi nhan") || strings.HasPrefix(f, "kinh gui") || oldRecipientsHead(t)
}

// listAfter collects the "- ..." items of the column at col below line from.
func listAfter(lines []string, from, col int) []string {
	var out []string
	misses := 0
	for j := from; j < len(lines) && misses < 2; j++ {
		cells := splitCells(lines[j])
		if len(cells) == 0 || cells[0].col > col+6 {
			misses++
			continue
		}
		t := cells[0].text
		if !strings.HasPrefix(t, "-") && !strings.HasPrefix(t, "+") && !strings.HasPrefix(t, "•") {
			break
		}
		misses = 0
		out = append(out, cleanRecipient(t))
	}
	return out
}

func cleanRecipient(s string) string {
	s = strings.TrimLeft(strings.TrimSpace(s), "-+• ")
	return strings.TrimRight(s, " ,;.")
}

// notNameWords are words of titles and bodies that never stand in a
// personal name ("HUYỆN ỦY", "BÍ THƯ", "Ký tên").
var notNameWords = map[string]bool{
	vntext.Key("ủy"): true, "ban": true, "tịch": true, "huyện": true, "tỉnh": true, "xã": true,
	"đảng": true, "phó": true, "bí": true, "chủ": true, "trưởng": true, "ký": true, "dấu": true, "nhận": true, "lưu": true,
}

// provinceNames are the folded names of the provinces (see provinces),
// which are no person's name.
var provinceNames = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, p := range strings.Split(provinces, "|") {
		if p = strings.TrimSpace(p); p != "" {
			m[vntext.Fold(p)] = true
		}
	}
	return m
})
