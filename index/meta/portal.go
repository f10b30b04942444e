package meta

import (
	"strings"
)

// A page saved from a legal portal puts a block of labels and values
// ("Số hiệu: 471/QĐ-UBND", "Loại văn bản: Quyết định", "Nơi ban hành: ...")
// before or after the document. Such a block is metadata about the
// document, not the document: readPortal reads it and takes its lines out
// of the text the header is read from.

// portalBlock is what a portal's label-value block says.
type portalBlock struct {
	number, typ, issuer, date, signer, capacity, title string
}

// portalLabels maps a folded label to the field it gives; "" marks the
// labels whose values are skipped (an effective or a gazette date is
// never the document's date).
var portalLabels = map[string]string{
	"so hieu": "number", "so ky hieu": "number", "loai van ban": "type", "noi ban hanh": "issuer",
	"co quan ban hanh": "issuer", "nguoi ky": "signer", "ngay ban hanh": "date", "trich yeu": "title",
	"ngay hieu luc": "", "ngay co hieu luc": "", "chuc danh": "capacity", "tinh trang": "", "tinh trang hieu luc": "", "linh vuc": "", "ngay cong bao": "",
	"so cong bao": "", "ngay dang": "", "nguon": "", "ngay het hieu luc": "", "ap dung": "",
}

// portalSearch is how far from the top a portal block is looked for.
const portalSearch = 80

// readPortal reads a label-value block near the top of the text, blanks
// its lines in place, and reports whether there was one (two labels or
// more).
func readPortal(lines []string) (portalBlock, bool) {
	var p portalBlock
	var used []int
	found := 0
	for i := 0; i < len(lines) && i < portalSearch; i++ {
		t := strings.TrimSpace(lines[i])
		if t == "" || len(t) > 200 {
			continue
		}
		label, value, ok := strings.Cut(t, ":")
		if !ok || len(label) > 40 || len(label) < 5 || strings.IndexByte("SLNCTAĐđ", label[0]) < 0 && !strings.HasPrefix(label, "Đ") {
			continue
		}
		field, known := portalLabels[foldWords(label)]
		if !known {
			continue
		}
		found++
		used = append(used, i)
		value = strings.TrimSpace(value)
		if value == "" && i+1 < len(lines) {
			// the value in the next cell of a table
			if next := strings.TrimSpace(lines[i+1]); next != "" && !strings.Contains(cutAt(next, 40), ":") {
				value = next
				used = append(used, i+1)
				i++
			}
		}
		p.set(field, value)
	}
	if found < 2 {
		return portalBlock{}, false
	}
	for _, i := range used {
		lines[i] = ""
	}
	return p, true
}

func (p *portalBlock) set(field, value string) {
	switch field {
	case "number":
		p.number = NormalizeNumber(value)
	case "type":
		p.typ = typeNameOf(value)
	case "issuer":
		p.issuer = value
	case "signer":
		p.signer = personName(value)
	case "date":
		p.date, _ = firstDate(value)
	case "title":
		p.title = value
	case "capacity":
		p.capacity = value
	}
}

// fill gives the fields the document itself did not give the portal's
// values, as metadata read from the page (below the header's confidence),
// and says so. Without a "Trích yếu" the title is the page's headline
// when it names the document by its type and number ("Thông tư số
// 34/2024/TT-BTNMT Quy định kỹ thuật ..."), the number cut out.
func (p portalBlock) fill(r *Result, lines []string) {
	const conf = 0.9
	const why = "bảng thuộc tính của trang lưu từ cổng văn bản"
	if r.Why == nil {
		r.Why = map[string]string{}
	}
	set := func(field string, v *Value, s string) {
		if v.Text == "" && s != "" {
			*v = Value{s, conf}
			r.Why[field] = why
		}
	}
	set("number", &r.Number, p.number)
	set("type", &r.Type, p.typ)
	if p.issuer != "" && r.Issuer.Text == "" {
		r.Issuer = Value{orgCase(p.issuer), conf}
		r.Why["issuer"] = why
	}
	set("date", &r.Date, p.date)
	set("signer", &r.Signer, p.signer)
	if r.Signer.Text == p.signer && r.SignerCapacity.Text == "" && p.capacity != "" {
		r.SignerCapacity = Value{p.capacity, conf}
	}
	set("title", &r.Title, p.title)
	if r.Title.Text == "" && p.number != "" && p.typ != "" {
		if t := headlineTitle(lines, p.typ, p.number); t != "" {
			r.Title = Value{t, confDerived}
			r.Why["title"] = "dòng tiêu đề của trang lưu từ cổng văn bản"
		}
	}
}

// headlineTitle returns the title a portal's headline gives ("Thông tư số
// 34/2024/TT-BTNMT Quy định kỹ thuật ..." → "Thông tư quy định kỹ thuật
// ..."), or "".
func headlineTitle(lines []string, typ, number string) string {
	lead := foldWords(typ + " số " + number)
	for i, l := range lines {
		if i >= portalSearch {
			break
		}
		t := strings.Join(strings.Fields(l), " ")
		if len(t) < len(lead) || !strings.HasPrefix(foldWords(t), lead+" ") {
			continue
		}
		rest := skipWords(t, len(strings.Fields(typ))+2) // the type, "số" and the number
		if rest == "" {
			return ""
		}
		return typ + " " + lowerVe(tidySubject(rest))
	}
	return ""
}
