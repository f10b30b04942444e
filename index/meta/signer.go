package meta

import (
	"regexp"
	"strings"
	"unicode"

	"khovanban/index/vntext"
)

// tailLines is how far from the end the signature block is looked for.
const tailLines = 40

// capacityRe matches the start of a signing capacity: "T/M BAN THƯỜNG
// VỤ", "TM. ỦY BAN NHÂN DÂN", "K/T BÍ THƯ", "KT. CHỦ TỊCH", "T/L", "TL.",
// "TUQ.", "Q. CHỦ TỊCH".
var capacityRe = regexp.MustCompile(`^(?:T/M|TM\.|TM\s|K/T|KT\.|KT\s|T/L|TL\.|TUQ\.|Q\.|Q/)\s*\p{Lu}`)

// titleRe matches a signer's title standing alone: "BÍ THƯ", "PHÓ CHỦ TỊCH",
// "TRƯỞNG BAN", "GIÁM ĐỐC", "CHÁNH VĂN PHÒNG".
var titleRe = regexp.MustCompile(`^(?:PHÓ\s+)?(?:BÍ THƯ|CHỦ TỊCH|TRƯỞNG|GIÁM ĐỐC|CHÁNH|CHỦ NHIỆM|THỦ TRƯỞNG|TỔNG|NGƯỜI KÝ|THƯ KÝ|CHỦ TỌA|CHỦ TOẠ)`)

// readSigner fills Signer and SignerCapacity from the signature block.
func readSigner(d *doc, r *Result) {
	cells := tailCells(d.lines)
	start := -1
	for i, c := range cells {
		if capacityRe.MatchString(c.text) {
			start = i
			break
		}
	}
	if start < 0 {
		for i, c := range cells {
			if isUpperText(c.text) && titleRe.MatchString(c.text) && len(strings.Fields(c.text)) <= 5 {
				start = i
				break
			}
		}
	}
	if start < 0 {
		return
	}
	capacity := []string{cells[start].text}
	i := start + 1
	for ; i < len(cells); i++ {
		t := cells[i].text
		if isRecipientLine(t) {
			continue
		}
		if !isUpperText(t) || isPersonName(t) && !titleRe.MatchString(t) && !capacityRe.MatchString(t) {
			break
		}
		capacity = append(capacity, t)
	}
	r.SignerCapacity = Value{strings.Join(capacity, " - "), confHeader}
	for ; i < len(cells); i++ {
		t := cells[i].text
		if isRecipientLine(t) || strings.HasPrefix(t, "(") {
			continue
		}
		if isPersonName(t) {
			r.Signer = Value{t, confDerived}
			return
		}
	}
}

// tailCells returns the cells of the last lines, except the recipients
// list, in reading order.
func tailCells(lines []string) []cell {
	from := max(0, len(lines)-tailLines)
	var out []cell
	for _, l := range lines[from:] {
		for _, c := range splitCells(l) {
			if c.text != "" {
				out = append(out, c)
			}
		}
	}
	return out
}

// isRecipientLine reports the lines of the recipients column.
func isRecipientLine(s string) bool {
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") || strings.HasPrefix(s, "•") {
		return true
	}
	f := foldWords(s)
	return strings.HasPrefix(f, "noi nhan") || strings.HasPrefix(f, "luu")
}

// isPersonName reports whether s looks like a Vietnamese personal name:
// two to six words, each starting with a capital letter, no digits.
func isPersonName(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 6 {
		return false
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
	return true
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
		if !strings.HasPrefix(f, "noi nhan") && !strings.HasPrefix(f, "kinh gui") {
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
	return strings.HasPrefix(f, "noi nhan") || strings.HasPrefix(f, "kinh gui")
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
