package index

import (
	"path/filepath"
	"strings"

	"khovanban/index/meta"
)

// reread fills the fields that reading the document sets, from its text,
// keeping every field a person set.
func (a *Archive) reread(d *Document) {
	a.readMeta(d)
	a.classify(d)
}

// readMeta is reread but for the campaigns and topics (classify).
func (a *Archive) readMeta(d *Document) {
	r := meta.Read(d.Text, meta.Hint{Title: d.FileTitle, FileName: d.OriginalName, OCR: d.OCRPages > 0,
		HandNumber: d.HandNumber, HandDay: d.HandDay, OCRNumber: d.HandOCRNumber, OCRDay: d.HandOCRDay,
		HandMonth: d.HandMonth, HandDayGuess: d.HandDayGuess, HandMonthGuess: d.HandMonthGuess,
		HandNumberGuess: d.HandNumberGuess})
	if d.Fields == nil {
		d.Fields = map[string]FieldInfo{}
	}
	title, titleWhy := r.Title, r.Why["title"]
	if title.Text == "" {
		text, why := fallbackTitle(d)
		title, titleWhy = meta.Value{Text: text, Confidence: 0.3}, why
	}
	a.setRead(d, FieldTitle, &d.Title, title, titleWhy)
	a.setRead(d, FieldNumber, &d.Number, r.Number, r.Why["number"])
	a.setRead(d, FieldType, &d.Type, r.Type, r.Why["type"])
	a.setRead(d, FieldIssuer, &d.Issuer, r.Issuer, r.Why["issuer"])
	a.setRead(d, FieldDate, &d.Date, r.Date, r.Why["date"])
	a.setRead(d, FieldPlace, &d.Place, r.Place, "")
	a.setRead(d, FieldSigner, &d.Signer, r.Signer, r.Why["signer"])
	a.setRead(d, FieldSource, &d.Source, r.Source, "")
	if !d.SetByPerson(FieldYear) {
		d.Year = r.Year
		conf, why := r.Date.Confidence, r.Why["date"]
		if r.Date.Text == "" && r.Year > 0 && conf < UnsureBelow {
			conf = 0.5 // a day a scan does not show, or the year of a number: the why says which
		}
		if r.Year == 0 {
			why = ""
		}
		d.Fields[FieldYear] = FieldInfo{Origin: ByReader, Confidence: conf, Why: why}
		if d.SetByPerson(FieldDate) && len(d.Date) >= 4 {
			d.Year = atoi(d.Date[:4])
			d.Fields[FieldYear] = FieldInfo{Origin: ByReader, Confidence: 1}
		}
	}
	d.SignerTitle = r.SignerCapacity.Text
	d.Urgency = r.Urgency.Text
	d.Secrecy = r.Secrecy.Text
	d.Recipients = r.Recipients
	d.Citations = d.Citations[:0]
	for _, c := range r.Citations {
		d.Citations = append(d.Citations, Citation{Type: c.Type, Number: c.Number, Date: c.Date, Issuer: c.Issuer})
	}
	if len(d.Citations) == 0 {
		d.Citations = nil
	}
}

// setRead sets one read field, with why it was read, unless a person set it.
// A field left empty keeps its why too: why a day could not be read, or
// that a draft leaves it blank, is what the person checking it needs.
func (a *Archive) setRead(d *Document, field string, dst *string, v meta.Value, why string) {
	if d.SetByPerson(field) {
		return
	}
	*dst = v.Text
	d.Fields[field] = FieldInfo{Origin: ByReader, Confidence: v.Confidence, Why: why}
}

// fallbackTitle is the file's own title, else the first line of text,
// else the file name, with which one it is (the field's Why).
func fallbackTitle(d *Document) (title, why string) {
	if d.FileTitle != "" {
		return d.FileTitle, "không thấy trích yếu, lấy tiêu đề ghi trong tệp"
	}
	for _, line := range strings.Split(d.Text, "\n") {
		if line = strings.TrimSpace(line); len([]rune(line)) >= 8 {
			r := []rune(line)
			if len(r) > 120 {
				r = append(r[:120], '…')
			}
			return string(r), "không thấy trích yếu, lấy dòng đầu của văn bản"
		}
	}
	return strings.TrimSuffix(filepath.Base(d.OriginalName), filepath.Ext(d.OriginalName)), "không thấy trích yếu, lấy tên tệp"
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0
		}
		n = n*10 + int(r-'0')
	}
	return n
}
