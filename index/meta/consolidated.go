package meta

import (
	"strconv"
	"strings"
)

// A văn bản hợp nhất (consolidated text, "VBHN") starts with the header of
// the document it consolidates ("THÔNG TƯ / Quy định ..."), which has no
// number or date of its own: its own number, date, issuing body and
// signer stand in the block that closes the text, under the words "XÁC
// THỰC VĂN BẢN HỢP NHẤT" (Pháp lệnh hợp nhất văn bản quy phạm pháp luật
// 2012):
//
//	BỘ TÀI CHÍNH
//	Số: 22/VBHN-BTC          XÁC THỰC VĂN BẢN HỢP NHẤT
//	                         Hà Nội, ngày 29 tháng 5 năm 2020
//	                         KT. BỘ TRƯỞNG
//	                         THỨ TRƯỞNG
//	                         Đỗ Hoàng Anh Tuấn
//
// The annexes of the text consolidated may follow the block.

// consolidationWords is the folded line that marks the block.
const consolidationWords = "xac thuc van ban hop nhat"

// consolidationReach is how many lines around the marking line the
// block's number, issuer and date are looked for.
const consolidationReach = 6

// readConsolidated fills the number, type, issuer, date and signer of a
// consolidated text from its closing block, when the header gave no
// number and the block holds a VBHN number. It reports whether it did.
func readConsolidated(d *doc, r *Result) bool {
	k := consolidationLine(d.lines)
	if k < 0 {
		return consolidatedHeading(d.lines, r)
	}
	from, to := max(0, k-consolidationReach), min(len(d.lines), k+consolidationReach)
	numAt, dateAt := -1, -1
	var num, date, place string
	for i := from; i < to; i++ {
		t := strings.TrimSpace(d.lines[i])
		if numAt < 0 {
			if n, ok := vbhnNumber(t); ok {
				num, numAt = n, i
				continue
			}
		}
		if dateAt < 0 && i > k-3 {
			if m := placeDate(t); m != nil {
				if dt, _, _, _ := headerDate(m[2], m[3], m[4]); dt != "" {
					date, place, dateAt = dt, cleanPlace(m[1]), i
				}
			}
		}
	}
	if numAt < 0 {
		return consolidatedHeading(d.lines, r)
	}
	if r.Why == nil {
		r.Why = map[string]string{}
	}
	where := func(i int) string {
		return "khối xác thực văn bản hợp nhất, dòng " + strconv.Itoa(i+1) + " «" + cutAt(strings.TrimSpace(d.lines[i]), 90) + "»"
	}
	if num != "" {
		r.Number = Value{num, confHeader}
		r.Why["number"] = where(numAt)
	}
	n := parseNumber(num)
	r.TypeCode = Value{n.typeCode, confHeader}
	if n.issuerCode != "" {
		r.IssuerCode = Value{n.issuerCode, confHeader}
	}
	r.Type = Value{"Văn bản hợp nhất", confHeader}
	r.Why["type"] = "mã loại VBHN trong số hiệu, " + where(numAt)
	if org := consolidatingBody(d.lines, min(numAt, k)); org != "" {
		r.Issuer = Value{orgCase(org), confHeader}
		r.SuperiorIssuer = Value{}
		r.Why["issuer"] = "cơ quan xác thực, " + where(numAt)
	}
	if dateAt >= 0 {
		r.Date = Value{date, confHeader}
		r.Year = atoi(date[:4])
		r.Why["date"] = where(dateAt)
		if place != "" {
			r.Place = Value{place, confHeader}
		}
	} else if n.year != 0 {
		r.Year = n.year
	}
	after := max(k, numAt, dateAt) + 1
	var s Result
	if readSignature(blockCells(d.lines[after:min(len(d.lines), after+8)]), &s) && s.Signer.Text != "" {
		r.Signer, r.SignerCapacity = s.Signer, s.SignerCapacity
		r.Why["signer"] = "khối chữ ký xác thực văn bản hợp nhất: " + s.SignerCapacity.Text
	}
	return true
}

// consolidationLine returns the index of the last line that reads "XÁC
// THỰC VĂN BẢN HỢP NHẤT", or -1.
func consolidationLine(lines []string) int {
	for i := len(lines) - 1; i >= 0; i-- {
		t := strings.TrimSpace(lines[i])
		if len(t) < len("XÁC THỰC") || len(t) > 80 || (t[0] != 'X' && t[0] != 'x') {
			continue
		}
		if foldWords(t) == consolidationWords {
			return i
		}
	}
	return -1
}

// vbhnNumber reads "Số: 22/VBHN-BTC" at the start of s or after the
// body's name glued before it ("BỘ TÀI CHÍNH Số: 22/VBHN-BTC").
func vbhnNumber(s string) (string, bool) {
	i := strings.Index(s, "Số")
	if i < 0 {
		i = strings.Index(s, "SỐ")
	}
	if i < 0 {
		return "", false
	}
	n, _, ok := headerNumber(s[i:])
	if !ok || !strings.EqualFold(parseNumber(n).typeCode, "VBHN") {
		// "Số: đó /VBHN-BQP": the number written by hand, that OCR made
		// junk of; the line is the block's all the same, its number unread
		return "", strings.Contains(s[i:], "/VBHN-") && len(s)-i < 40
	}
	return n, true
}

// consolidatingBody returns the body's name written in capitals on the
// lines just above line k of a consolidation block (over two or three
// lines: "BỘ LAO ĐỘNG - THƯƠNG BINH / VÀ XÃ HỘI"), or the part of line k
// before "Số", or "".
func consolidatingBody(lines []string, k int) string {
	if t := strings.TrimSpace(lines[k]); strings.Contains(t, "Số") {
		if head := strings.TrimSpace(t[:strings.Index(t, "Số")]); head != "" && isUpperText(head) && isOrgLike(head) {
			return head
		}
	}
	var parts []string
	for i := k - 1; i >= 0 && i >= k-4; i-- {
		t := strings.TrimSpace(lines[i])
		if t == "" {
			if len(parts) > 0 {
				break
			}
			continue
		}
		if !isUpperText(t) || foldWords(t) == consolidationWords || len(t) > 80 {
			break
		}
		parts = append([]string{t}, parts...)
	}
	org := strings.Join(parts, " ")
	if org == "" || !isOrgLike(org) {
		return ""
	}
	return org
}

// consolidatedHeading reads a consolidated text whose closing block is
// missing (pages of the file lost) from the heading the gazette prints
// over it, "VĂN BẢN HỢP NHẤT - BỘ TÀI CHÍNH" (or with the body's name on
// the next line): the type, and the body as the issuer, for review, as
// the heading is the gazette's. It reports whether it found one.
func consolidatedHeading(lines []string, r *Result) bool {
	for i := 0; i < len(lines) && i < 8; i++ {
		t := strings.TrimSpace(lines[i])
		if len(t) < len("VĂN BẢN HỢP NHẤT") || t[0] != 'V' {
			continue
		}
		head, body, ok := strings.Cut(t, "-")
		if !ok || foldWords(head) != "van ban hop nhat" {
			continue
		}
		body = strings.TrimSpace(body)
		if body == "" && i+1 < len(lines) {
			body = strings.TrimSpace(lines[i+1])
		}
		if r.Why == nil {
			r.Why = map[string]string{}
		}
		why := "tiêu đề của Công báo, dòng " + strconv.Itoa(i+1) + " «" + cutAt(t, 90) + "»; không thấy khối xác thực (cần xem lại)"
		r.Type, r.TypeCode = Value{"Văn bản hợp nhất", confGuess}, Value{"VBHN", confGuess}
		r.Why["type"] = why
		if body != "" && isUpperText(body) && isOrgLike(body) {
			r.Issuer, r.SuperiorIssuer = Value{orgCase(body), confGuess}, Value{}
			r.Why["issuer"] = why
		}
		return true
	}
	return consolidatedPreamble(lines, r)
}

// consolidatedPreamble reads a consolidated text with neither its block
// nor the gazette's heading from the paragraph under its subject, which
// names the text consolidated and ends "được sửa đổi, bổ sung bởi:",
// the documents that amended it listed below: the type, for review.
func consolidatedPreamble(lines []string, r *Result) bool {
	for i := 0; i < len(lines) && i < typeLineSearch; i++ {
		t := strings.TrimSpace(lines[i])
		if !strings.HasSuffix(t, "bởi:") || !strings.Contains(foldWords(t), "duoc sua doi bo sung boi") {
			continue
		}
		if r.Why == nil {
			r.Why = map[string]string{}
		}
		r.Type, r.TypeCode = Value{"Văn bản hợp nhất", confGuess}, Value{"VBHN", confGuess}
		r.Why["type"] = "đoạn mở đầu của văn bản hợp nhất, dòng " + strconv.Itoa(i+1) + " «…" + lastRunes(t, 60) + "»; không thấy khối xác thực (cần xem lại)"
		return true
	}
	return false
}

// lastRunes returns the last n runes of s.
func lastRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[len(r)-n:])
}
