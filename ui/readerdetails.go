package ui

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
	"khovanban/ui/messages"
)

// narrowReader is the reader's width below which the details beside the
// text fold away by themselves: the text would be a column of a few words.
const narrowReader = 720

// readerTextOffset is the text's share of the reader beside the details,
// readerTextOffsetUnder its share of the height above them.
const (
	readerTextOffset      = 0.7
	readerTextOffsetUnder = 0.55
)

// onFoldMeta hides the document's details beside the text, or shows them
// again, so that the text can have the reader's whole width.
func (r *reader) onFoldMeta() {
	fold := len(r.metaBox.Objects) > 0
	r.foldMeta(fold)
	choice := detailsShown
	if fold {
		choice = detailsFolded
	}
	r.v.s.app.Preferences().SetString(prefReaderDetails, choice)
}

// updateFoldButton says what folded details hold: the related documents
// are among them, and must not be missed.
func (r *reader) updateFoldButton() {
	switch {
	case len(r.metaBox.Objects) > 0:
		r.metaFold.SetText(lang.L("Ẩn thông tin"))
	case len(r.related) > 0:
		r.metaFold.SetText(messages.N("Hiện thông tin ({{.Count}} văn bản liên quan)", len(r.related), map[string]any{"Count": formatCount(len(r.related))}))
	default:
		r.metaFold.SetText(lang.L("Hiện thông tin"))
	}
}

// Values of prefReaderDetails: the person's choice, kept from one start to
// the next; without one the details fold by themselves where the reader is
// narrow.
const (
	detailsShown  = "shown"
	detailsFolded = "folded"
)

// foldMeta hides or shows the details beside the text.
func (r *reader) foldMeta(fold bool) {
	shown := len(r.metaBox.Objects) > 0
	switch {
	case fold && shown:
		r.metaBox.Objects = nil
		r.split.SetOffset(1)
		r.metaBox.Refresh()
	case !fold:
		if !shown {
			r.metaBox.Objects = []fyne.CanvasObject{container.NewVScroll(r.meta)}
			r.metaBox.Refresh()
		}
		r.placeMeta()
	}
	r.updateFoldButton()
}

// placeMeta puts the shown details beside the text where the reader is
// wide enough for both; in a narrow reader (1024x768 with the browse
// column) beside them the text would be a strip of two or three words a
// line, so they go under it.
func (r *reader) placeMeta() {
	horizontal := r.v.panels.readerWidth() >= narrowReader
	offset := readerTextOffset
	if !horizontal {
		offset = readerTextOffsetUnder
	}
	if r.split.Horizontal != horizontal || r.split.Offset != offset {
		r.split.Horizontal = horizontal
		r.split.SetOffset(offset)
		r.split.Refresh()
	}
}

// metaObjects are the document's details: each field with who set it,
// fields to review highlighted, then labels, warnings and related
// documents.
func (r *reader) metaObjects() []fyne.CanvasObject {
	d := r.doc
	unsure := d.Unsure()
	r.captions = map[string]string{}
	r.reasons = map[string]string{}
	var objs []fyne.CanvasObject
	if len(unsure) > 0 {
		warn := widget.NewLabel(lang.L("Có thông tin cần xem lại (tô màu cam). Bấm “Sửa thông tin” để sửa hoặc xác nhận."))
		warn.Wrapping = fyne.TextWrapWord
		warn.Importance = widget.WarningImportance
		objs = append(objs, warn)
	}
	objs = append(objs, r.relatedObjects()...)
	for _, f := range index.EditableFields {
		objs = append(objs, r.fieldObjects(f, slices.Contains(unsure, f))...)
		if f == index.FieldSigner {
			objs = append(objs, r.signerTitleObjects()...)
		}
	}
	if len(d.Why) > 0 {
		objs = append(objs, sectionLabel(lang.L("Vì sao thuộc phong trào, chủ đề")))
		for _, n := range slices.Concat(d.Campaigns, d.Topics) {
			if why, ok := d.Why[n]; ok {
				l := widget.NewLabel(n + ": " + why)
				l.Wrapping = fyne.TextWrapWord
				l.TextStyle.Italic = true
				objs = append(objs, l)
			}
		}
	}
	for _, w := range d.Warnings {
		l := widget.NewLabel(messages.Warning(w))
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.WarningImportance
		objs = append(objs, l)
	}
	if d.OCRPages > 0 {
		l := widget.NewLabel(messages.N("Chữ của {{.Pages}} trang quét do máy nhận dạng (OCR): có thể sai chữ.", d.OCRPages, map[string]any{"Pages": formatCount(d.OCRPages)}))
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.WarningImportance
		objs = append(objs, l)
	}
	file := widget.NewLabel(lang.L("Tệp gốc: {{.Name}}", map[string]any{"Name": d.OriginalName}))
	file.Wrapping = fyne.TextWrapWord
	file.TextStyle.Italic = true
	return append(objs, file)
}

// fieldObjects are field f's caption, its value and why it was read so;
// none for a field without a value unless it is to be reviewed
// (isUnsure).
func (r *reader) fieldObjects(f string, isUnsure bool) []fyne.CanvasObject {
	d := r.doc
	value := fieldValue(d, f)
	if value == "" && !isUnsure {
		return nil
	}
	if value == "" {
		value = lang.L("(chưa có)")
	}
	caption := fieldLabel(f)
	switch {
	case isUnsure:
		caption += " · " + lang.L("cần xem lại")
	case d.SetByPerson(f) && d.Fields[f].Confirmed:
		caption += " · " + lang.L("người xác nhận")
	case d.SetByPerson(f):
		caption += " · " + lang.L("người sửa")
	case d.Fields[f].Origin == index.ByReader:
		caption += " · " + lang.L("đọc từ văn bản")
	}
	r.captions[f] = caption
	c := widget.NewLabel(caption)
	c.TextStyle.Bold = true
	if isUnsure {
		c.Importance = widget.WarningImportance
	}
	val := widget.NewLabel(value)
	val.Wrapping = fyne.TextWrapWord
	if isUnsure {
		val.Importance = widget.WarningImportance
	}
	objs := []fyne.CanvasObject{c, val}
	if why := fieldReason(d, f); why != "" && !d.SetByPerson(f) {
		// A line of its own: it starts with a capital.
		if c, n := utf8.DecodeRuneInString(why); c != utf8.RuneError {
			why = string(unicode.ToUpper(c)) + why[n:]
		}
		r.reasons[f] = why
		l := widget.NewLabel(why)
		l.Wrapping = fyne.TextWrapWord
		l.TextStyle.Italic = true
		l.SizeName = theme.SizeNameCaptionText
		objs = append(objs, l)
	}
	return objs
}

// signerTitleObjects show the signer's title (chức vụ: "KT. GIÁM ĐỐC -
// PHÓ GIÁM ĐỐC") under its own caption, never as the signer's name: a
// draft has the title and no name (realdev lamdong-144 read "Người ký:
// CHỦ TỊCH").
func (r *reader) signerTitleObjects() []fyne.CanvasObject {
	title := strings.TrimSpace(r.doc.SignerTitle)
	if title == "" {
		return nil
	}
	caption := lang.L("Chức vụ người ký")
	r.captions[fieldSignerTitle] = caption
	c := widget.NewLabel(caption)
	c.TextStyle.Bold = true
	val := widget.NewLabel(title)
	val.Wrapping = fyne.TextWrapWord
	return []fyne.CanvasObject{c, val}
}

// fieldSignerTitle is the signer's title among the reader's captions: read
// from the document, shown, not edited.
const fieldSignerTitle = "signer_title"

// relatedObjects are links to the documents this one cites and those that
// cite it.
func (r *reader) relatedObjects() []fyne.CanvasObject {
	r.links = nil
	if len(r.related) == 0 {
		return nil
	}
	objs := []fyne.CanvasObject{sectionLabel(lang.L("Văn bản liên quan"))}
	// Those it cites, then those that cite it, each under one heading.
	related := slices.Clone(r.related)
	slices.SortStableFunc(related, func(a, b index.Related) int {
		return boolInt(a.Relation == index.CitedBy) - boolInt(b.Relation == index.CitedBy)
	})
	for i, rel := range related {
		id := rel.ID
		label := summaryLine(rel.Summary)
		if rel.Title != "" {
			label = rel.Title + " (" + label + ")"
		}
		if i == 0 || related[i-1].Relation != rel.Relation {
			prefix := lang.L("Văn bản này trích dẫn:")
			if rel.Relation == index.CitedBy {
				prefix = lang.L("Được trích dẫn bởi:")
			}
			hint := widget.NewLabel(prefix)
			hint.TextStyle.Italic = true
			objs = append(objs, hint)
		}
		link := newReaderLink(label, r.v.escape(r.v.onReaderEscape))
		link.onTab = func() { r.v.onTab(link) }
		link.OnTapped = func() {
			if r.doc != nil {
				r.history = append(r.history, r.doc.ID)
			}
			r.v.openDocument(id)
		}
		r.links = append(r.links, link)
		objs = append(objs, link)
	}
	return objs
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func sectionLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Bold = true
	return l
}

// fieldReason says where a field's value came from (index.FieldInfo): set
// by a person, or found by the reader, where and by which rule, and how
// sure it is; "" for campaigns and topics, whose reasons are their own.
func fieldReason(d *index.Document, f string) string {
	info, ok := d.Fields[f]
	switch {
	case !ok || f == index.FieldCampaigns || f == index.FieldTopics:
		return ""
	case info.Origin == index.ByPerson && info.Confirmed:
		// Kept as read: where it was read stays worth seeing.
		if info.Why != "" {
			return lang.L("người xác nhận") + " · " + messages.Reason(info.Why)
		}
		return lang.L("người xác nhận")
	case info.Origin == index.ByPerson:
		return lang.L("người sửa")
	case fieldValue(d, f) == "" && info.Why == "":
		return lang.L("không tìm thấy trong văn bản")
	}
	sure := map[string]any{"Percent": int(math.Round(info.Confidence * 100))}
	switch {
	case f == index.FieldYear && info.Why != "" && info.Why == d.Fields[index.FieldDate].Why && d.Date != "":
		return lang.L("theo ngày ban hành · độ tin cậy {{.Percent}}%", sure)
	case info.Why != "":
		sure["Why"] = messages.Reason(info.Why)
		return lang.L("{{.Why}} · độ tin cậy {{.Percent}}%", sure)
	}
	return lang.L("độ tin cậy {{.Percent}}%", sure)
}

// fieldLabel names a metadata field for people.
func fieldLabel(f string) string { return lang.L(index.FieldLabel(f)) }

// fieldValue is a field's value as text, dates as dd/mm/yyyy.
func fieldValue(d *index.Document, f string) string {
	switch f {
	case index.FieldTitle:
		return d.Title
	case index.FieldNumber:
		return d.Number
	case index.FieldType:
		return d.Type
	case index.FieldIssuer:
		return d.Issuer
	case index.FieldDate:
		return formatDate(d.Date, 0)
	case index.FieldYear:
		if d.Year > 0 {
			return itoa(d.Year)
		}
		return ""
	case index.FieldPlace:
		return d.Place
	case index.FieldSigner:
		return d.Signer
	case index.FieldCampaigns:
		return strings.Join(d.Campaigns, "; ")
	case index.FieldTopics:
		return strings.Join(d.Topics, "; ")
	case index.FieldSource:
		return d.Source
	case index.FieldNotes:
		return d.Notes
	}
	return ""
}

// readerLink is a link to a related document: Enter follows it, as Space
// does (Fyne's link takes only Space), and Escape goes back to the
// results, as from the reader's buttons.
type readerLink struct {
	widget.Hyperlink
	onEscape func()
	onTab    func() // on to the next part (focus.go)
}

var _ fyne.Tabbable = (*readerLink)(nil)

func (l *readerLink) AcceptsTab() bool { return l.onTab != nil }

func newReaderLink(label string, onEscape func()) *readerLink {
	l := &readerLink{onEscape: onEscape}
	l.Text = label
	l.Wrapping = fyne.TextWrapWord
	l.ExtendBaseWidget(l)
	return l
}

func (l *readerLink) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyTab:
		if l.onTab != nil {
			l.onTab()
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		l.Hyperlink.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	case fyne.KeyEscape:
		if l.onEscape != nil {
			l.onEscape()
		}
	default:
		l.Hyperlink.TypedKey(k)
	}
}
