package ui

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
	"khovanban/index/classify"
	"khovanban/ui/messages"
)

// editForm edits a document's details. Campaigns and topics are ticked
// from the registries, or created on the spot.
type editForm struct {
	v         *view
	doc       *index.Document
	entries   map[string]*widget.Entry
	form      *widget.Form      // the fields, each with where its value came from under it
	scroll    *container.Scroll // the fields' scroll, which the wheel moves over the boxes too
	hints     map[string]string // where each field's value came from, as shown
	body      *container.Split  // the fields beside the campaigns and topics
	types     *selectEntry      // the type field's entry and its list
	campaigns *labelPicker
	topics    *labelPicker
	errLabel  *widget.Label
	// waitLabel says, while a save waits, what for (an import's batch).
	waitLabel *widget.Label
	// confirmNote says which fields to review Lưu confirms as shown,
	// those the person has not changed (showConfirmNote).
	confirmNote *widget.Label
	saving      bool
	dialog      *dialog.CustomDialog
	saved       chan struct{} // closed after a successful save (tests wait on it)
	// next opens the next document of the list in the form once this one
	// is saved, for going through a review list.
	next    *widget.Button
	saveBtn *widget.Button
	asked   *dialog.ConfirmDialog // the last question before closing (tests)
}

// showEdit opens the form for d.
func (v *view) showEdit(d *index.Document) *editForm {
	f := &editForm{v: v, doc: d, entries: map[string]*widget.Entry{}, hints: map[string]string{}, saved: make(chan struct{})}
	f.form = widget.NewForm()
	var first fyne.Focusable // the first field, which has the keyboard
	for _, name := range index.EditableFields {
		if name == index.FieldCampaigns || name == index.FieldTopics {
			continue
		}
		var e *widget.Entry
		var w fyne.CanvasObject
		var inner func() *container.Scroll
		// onFocus: Tab shows the field it moves to (dialogfields.go).
		var onFocus *func()
		var box fyne.Focusable
		switch name {
		case index.FieldType:
			f.types = newSelectEntry(index.DocumentTypes())
			e, w, onFocus, box = &f.types.Entry, f.types, &f.types.onFocus, f.types
		case index.FieldNotes, index.FieldTitle:
			we := newWheelEntry()
			e, w, inner, onFocus, box = &we.Entry, we, we.ownScroll, &we.onFocus, we
			e.SetMinRowsVisible(3)
			// Enter saves from the title, as from a one-line field; in
			// the notes it starts a new line.
			we.enterSaves = name == index.FieldTitle
			if name == index.FieldNotes {
				e.SetMinRowsVisible(2)
			}
		default:
			de := newDialogEntry()
			e, w, onFocus, box = &de.Entry, de, &de.onFocus, de
		}
		w = shielded(w, inner, func() *container.Scroll { return f.scroll })
		e.SetText(fieldValue(d, name))
		if name == index.FieldDate {
			e.SetPlaceHolder(lang.L("ngày/tháng/năm, ví dụ 14/4/2014"))
		}
		item := f.formItem(name, w)
		*onFocus = revealOnFocus(func() *container.Scroll { return f.scroll }, item.Widget)
		if first == nil {
			first = box
		}
		f.form.AppendItem(item)
		f.entries[name] = e
		e.OnChanged = func(string) { f.showConfirmNote() }
	}
	f.campaigns = newLabelPicker(v, classify.Campaign, d.Campaigns)
	f.topics = newLabelPicker(v, classify.Topic, d.Topics)
	f.errLabel = widget.NewLabel("")
	f.errLabel.Importance = widget.DangerImportance
	f.errLabel.Wrapping = fyne.TextWrapWord
	f.errLabel.Hide()
	f.waitLabel = widget.NewLabel("")
	f.waitLabel.Wrapping = fyne.TextWrapWord
	f.waitLabel.Hide()
	f.confirmNote = widget.NewLabel("")
	f.confirmNote.Wrapping = fyne.TextWrapWord
	f.confirmNote.Importance = widget.WarningImportance
	f.showConfirmNote()
	labels := container.NewAppTabs(
		container.NewTabItem(fieldLabel(index.FieldCampaigns), f.campaigns.content()),
		container.NewTabItem(fieldLabel(index.FieldTopics), f.topics.content()),
	)
	f.scroll = container.NewVScroll(f.form)
	body := container.NewHSplit(f.scroll, labels)
	f.body = body
	body.Offset = 0.55
	// With large text in a small window the fields get most of the width
	// (usertest finding 18: at Rất lớn on 1024x768 they had 315 pixels).
	if dialogSize(v.win).Width < 60*theme.TextSize() {
		body.Offset = 0.68
	}
	save := newDialogButton(lang.L("Lưu"), theme.DocumentSaveIcon(), f.onSave)
	save.Importance = widget.HighImportance
	f.saveBtn = &save.Button
	cancel := newDialogButton(lang.L("Hủy"), nil, f.onCancel)
	next := newDialogButton(lang.L("Lưu và sửa văn bản tiếp"), theme.NavigateNextIcon(), f.onSaveAndNext)
	f.next = &next.Button
	f.dialog = dialog.NewCustomWithoutButtons(editTitle(d, v.results.position(d.ID), v.results.total, dialogSize(v.win).Width), container.NewBorder(nil, container.NewVBox(f.confirmNote, f.waitLabel, f.errLabel), nil, nil, body), v.win)
	// The original beside the form, to compare while correcting (usertest
	// s13: only the reader could open it, and the form had to be closed).
	open := newDialogButton(lang.L("Mở tệp gốc"), theme.FileApplicationIcon(), f.onOpenOriginal)
	buttons := []fyne.CanvasObject{open, cancel, save}
	if v.results.position(d.ID) >= 0 {
		buttons = append(buttons, next)
	}
	// Each button as wide as its own label: Fyne's row gives all four the
	// widest one's width, and at Rất lớn on a 1024x768 screen the form ran
	// off it (TestEditFormFitsNarrowWindow).
	f.dialog.SetButtons([]fyne.CanvasObject{container.NewHBox(buttons...)})
	f.dialog.Resize(dialogSize(v.win))
	v.editing = f
	f.dialog.SetOnClosed(func() {
		if v.editing == f {
			v.editing = nil
		}
	})
	v.s.keys.showKeyed(v.win, f.dialog, f.onSave, f.onCancel, first)
	return f
}

// changed reports whether the form holds something typed or ticked that
// is not saved: a box whose text is not the document's, a campaign or a
// topic ticked or unticked, a name typed to add one.
func (f *editForm) changed() bool {
	for name, e := range f.entries {
		if e.Text != fieldValue(f.doc, name) {
			return true
		}
	}
	return !f.campaigns.holds(f.doc.Campaigns) || !f.topics.holds(f.doc.Topics) ||
		strings.TrimSpace(f.campaigns.name.Text) != "" || strings.TrimSpace(f.topics.name.Text) != ""
}

// onCancel closes the form (Hủy, Escape), after asking when what is typed
// or ticked in it would be lost: Escape, pressed out of habit or to leave
// a list, threw a note being typed away without a word (usertest s26).
// Enter and Escape in the question go back to the form; only its button
// throws the changes away.
func (f *editForm) onCancel() {
	if f.saving || !f.changed() {
		f.dialog.Hide()
		return
	}
	ask := dialog.NewConfirm(lang.L("Bỏ những gì đã sửa?"),
		lang.L("Những gì vừa gõ hoặc đánh dấu trong bảng sửa chưa được lưu. Đóng bảng sửa bây giờ thì mất các thay đổi đó."),
		func(discard bool) {
			if discard {
				f.dialog.Hide()
			}
		}, f.v.win)
	ask.SetConfirmText(lang.L("Bỏ, không lưu"))
	ask.SetConfirmImportance(widget.DangerImportance)
	ask.SetDismissText(lang.L("Tiếp tục sửa"))
	f.asked = ask
	f.v.s.keys.showKeyed(f.v.win, ask, ask.Hide, ask.Hide, nil)
}

// editDraft is what the edit form holds, typed or ticked and not saved
// yet, carried over a change of language, which builds the screen and its
// dialogs again.
type editDraft struct {
	id        string
	texts     map[string]string // each field's box
	campaigns []string          // ticked
	topics    []string
	newNames  [2]string // the names typed to add a campaign, a topic
}

// takeEditDraft closes the edit form open over v, if one is, and returns
// what it held; nil when none is open, or it is saving (the save goes on).
func (v *view) takeEditDraft() *editDraft {
	f := v.editing
	if f == nil || f.saving {
		return nil
	}
	d := &editDraft{id: f.doc.ID, texts: map[string]string{},
		campaigns: slices.Clone(f.campaigns.group.Selected), topics: slices.Clone(f.topics.group.Selected),
		newNames: [2]string{f.campaigns.name.Text, f.topics.name.Text}}
	for name, e := range f.entries {
		d.texts[name] = e.Text
	}
	f.dialog.Hide()
	return d
}

// reopenThen is then, once the form is open again over s's view (built
// again) with what the draft holds.
func (d *editDraft) reopenThen(s *session, then func()) func() {
	return func() {
		then()
		v := s.view
		doc := v.reader.doc
		if doc == nil || doc.ID != d.id {
			got, err := v.arc.Get(d.id)
			if err != nil {
				v.showError(err)
				return
			}
			doc = got
		}
		f := v.showEdit(doc)
		for name, text := range d.texts {
			if e, ok := f.entries[name]; ok && e.Text != text {
				e.SetText(text)
			}
		}
		f.campaigns.group.SetSelected(d.campaigns)
		f.topics.group.SetSelected(d.topics)
		f.campaigns.name.SetText(d.newNames[0])
		f.topics.name.SetText(d.newNames[1])
	}
}

// formItem is the form's row for a field: its name, marked when it is to
// be checked, and under it where its value came from (fieldReason), whole,
// wrapped to the field's width: Fyne's own hint line does not wrap, and a
// reason cut there hid what the clerk must act on (usertest finding 18).
func (f *editForm) formItem(name string, w fyne.CanvasObject) *widget.FormItem {
	item := &widget.FormItem{Text: fieldLabel(name), Widget: w}
	hint := fieldReason(f.doc, name)
	unsure := slices.Contains(f.doc.Unsure(), name)
	if unsure {
		item.Text = "⚠ " + item.Text
		hint = lang.L("Cần xem lại: đọc từ văn bản nhưng chưa chắc chắn")
		if why := fieldReason(f.doc, name); why != "" {
			hint = lang.L("Cần xem lại: {{.Why}}", map[string]any{"Why": why})
		}
	}
	f.hints[name] = hint
	if hint == "" {
		return item
	}
	style := widget.RichTextStyle{SizeName: theme.SizeNameCaptionText, ColorName: theme.ColorNamePlaceHolder, Inline: true}
	if unsure {
		style.ColorName = theme.ColorNameWarning
	}
	text := widget.NewRichText(&widget.TextSegment{Text: hint, Style: style})
	text.Wrapping = fyne.TextWrapWord
	item.Widget = container.NewVBox(w, text)
	return item
}

// onOpenOriginal opens the document's original file with the system's
// program, the form staying open.
func (f *editForm) onOpenOriginal() {
	path, err := f.v.arc.OriginalPath(f.doc)
	if err != nil {
		f.errLabel.SetText(messages.Error(err))
		f.errLabel.Show()
		return
	}
	f.v.openFile(path, f.doc.OriginalName)
}

// editTitle names the document the form edits, so that "Lưu và sửa văn
// bản tiếp" visibly moves on (two notices can start with the same words):
// its number, date and file, and its place in the list (at, of total;
// at < 0 when it is not in it).
func editTitle(d *index.Document, at, total int, width float32) string {
	var parts []string
	for _, p := range []string{d.Number, formatDate(d.Date, d.Year), d.OriginalName} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	head, tail := lang.L("Sửa thông tin văn bản")+": ", ""
	if at >= 0 && total > 0 {
		tail = " — " + lang.L("{{.N}}/{{.Total}} trong danh sách", map[string]any{"N": formatCount(at + 1), "Total": formatCount(total)})
	}
	// Fyne's dialog title is one bold line that never wraps nor cuts: a
	// long file name made the form wider than a 1024x768 screen at Rất
	// lớn (TestEditFormFitsNarrowWindow). The middle is cut to the room the
	// dialog of the given width leaves it (its margins, the label's).
	bold := fyne.TextStyle{Bold: true}
	size := theme.TextSize()
	room := width - 32 - 2*theme.InnerPadding() - fyne.MeasureText(head+tail, size, bold).Width
	middle := fitRunes(strings.Join(parts, " · "), max(room, 0), size, bold, func(r []rune, n int) string {
		if n == len(r) {
			return string(r)
		}
		return string(r[:n]) + "…"
	})
	return head + middle + tail
}

// values are the fields to save: those changed, and those to review (saving
// confirms them).
func (f *editForm) values() map[string]string {
	unsure := f.doc.Unsure()
	out := map[string]string{}
	for name, e := range f.entries {
		if e.Text != fieldValue(f.doc, name) || slices.Contains(unsure, name) {
			out[name] = strings.TrimSpace(e.Text)
		}
	}
	if c := f.campaigns.value(); c != f.doc.Value(index.FieldCampaigns) {
		out[index.FieldCampaigns] = c
	}
	if t := f.topics.value(); t != f.doc.Value(index.FieldTopics) {
		out[index.FieldTopics] = t
	}
	return out
}

// toConfirm are the fields to review that the person has not changed, in
// the form's order: saving keeps their values as shown, confirmed.
func (f *editForm) toConfirm() []string {
	var out []string
	unsure := f.doc.Unsure()
	for _, name := range index.EditableFields {
		if e, ok := f.entries[name]; ok && slices.Contains(unsure, name) && e.Text == fieldValue(f.doc, name) {
			out = append(out, name)
		}
	}
	return out
}

// showConfirmNote says, beside the buttons, which fields marked ⚠ Lưu
// confirms as they are shown: saving one field used to clear the doubt
// on every other without a word (usertest s12: a handwritten date read
// unsure was "người sửa" after only the number was corrected). A review
// is finished by looking and saving, so Lưu still confirms them, but the
// person knows before.
func (f *editForm) showConfirmNote() {
	names := f.toConfirm()
	if len(names) == 0 {
		f.confirmNote.Hide()
		return
	}
	labels := make([]string, len(names))
	for i, n := range names {
		labels[i] = fieldLabel(n)
	}
	f.confirmNote.SetText(lang.L("Bấm Lưu là xác nhận các ô ⚠ chưa sửa đúng như đang hiện: {{.Fields}}. Ô nào chưa chắc, hãy sửa trước khi lưu hoặc bấm Hủy.", map[string]any{"Fields": strings.Join(labels, ", ")}))
	f.confirmNote.Show()
}

// matchYearToDate keeps the year and the date together: the year facet
// and the timeline count the year, newest and oldest sort by the date. A
// year left as it was follows the date; a year changed to another than
// the date's is refused with the reason.
func (f *editForm) matchYearToDate(values map[string]string) string {
	date := strings.TrimSpace(f.entries[index.FieldDate].Text)
	dy := dateYear(date)
	if dy == 0 {
		return ""
	}
	year := strings.TrimSpace(f.entries[index.FieldYear].Text)
	if year == fieldValue(f.doc, index.FieldYear) {
		if year != itoa(dy) {
			values[index.FieldYear] = itoa(dy)
		}
		return ""
	}
	if y, err := strconv.Atoi(year); err == nil && y != dy {
		return lang.L("Năm {{.Year}} khác với năm của ngày ban hành ({{.Date}}); hãy sửa năm hoặc ngày cho khớp.", map[string]any{"Year": year, "Date": date})
	}
	return ""
}

// dateProblem says what is wrong with a date typed in the form's way
// (14/4/2014, 2014-04-14) whose day or month does not exist, or ""
// (usertest s24: 31/02/2023 was refused as "Giá trị không hợp lệ. Ngày
// ghi theo dạng ngày/tháng/năm, ví dụ 14/4/2014", though written so).
// Other mistakes are left to the archive's check.
func dateProblem(date string) string {
	parts := strings.FieldsFunc(strings.TrimSpace(date), func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	if len(parts) != 3 {
		return ""
	}
	n := make([]int, 3)
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return ""
		}
		n[i] = v
	}
	day, month, year := n[0], n[1], n[2]
	switch {
	case len(parts[0]) == 4:
		year, month, day = n[0], n[1], n[2]
	case len(parts[2]) != 4:
		return ""
	}
	if month < 1 || month > 12 {
		return lang.L("Không có tháng {{.Month}}: ngày ghi theo thứ tự ngày/tháng/năm, ví dụ 14/4/2014.", map[string]any{"Month": month})
	}
	if days := time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day(); day < 1 || day > days {
		return lang.L("Tháng {{.Month}} năm {{.Year}} không có ngày {{.Day}} (chỉ có {{.Days}} ngày).", map[string]any{"Month": month, "Year": year, "Day": day, "Days": days})
	}
	return ""
}

// dateYear is the year of a date typed as the form takes it (14/4/2014,
// 2014-04-14), or 0.
func dateYear(date string) int {
	for _, part := range strings.FieldsFunc(date, func(r rune) bool { return r == '/' || r == '-' || r == '.' }) {
		if y, err := strconv.Atoi(strings.TrimSpace(part)); err == nil && len(strings.TrimSpace(part)) == 4 && y >= 1000 {
			return y
		}
	}
	return 0
}

// onSaveAndNext saves, then opens the document after this one in the list
// in the form: the review list is gone through without leaving the form.
// Saving what was to review takes the document off that list, so the next
// one is then where it was. The form stays, saying what it does, until
// the next one replaces it (usertest s13: after the click nothing showed
// for seconds).
func (f *editForm) onSaveAndNext() {
	v, id := f.v, f.doc.ID
	at := v.results.position(id)
	f.next.SetText(lang.L("Đang lưu…"))
	f.save(func() {
		f.showWaitText(lang.L("Đã lưu. Đang mở văn bản tiếp…"))
		v.state.afterShow = func() {
			i := at
			if v.results.idAt(i) == id {
				i++
			}
			if i < 0 || i >= v.results.total {
				f.dialog.Hide()
				return
			}
			v.results.list.Select(i)
			v.results.list.ScrollTo(i)
			v.editAt(i, f.dialog.Hide)
		}
	})
}

// editAt opens result i in the edit form, once it is read; before then
// (if not nil) is called as it opens, or fails to.
func (v *view) editAt(i int, before func()) {
	id := v.results.idAt(i)
	if id == "" {
		if before != nil {
			before()
		}
		return
	}
	v.spawn(func() {
		d, err := v.arc.Get(id)
		v.do(func() {
			if before != nil {
				before()
			}
			if err != nil {
				v.showError(err)
				return
			}
			v.lastEdit = v.showEdit(d)
		})
	})
}

// setSaving disables the form's buttons while it saves, and says at once,
// beside them, that it saves (usertest s13: "Lưu và sửa văn bản tiếp"
// showed nothing for seconds); a save that waits more than busyDelay
// during an import says what for: the batch being stored (usertest
// session 9: Lưu greyed for 85 s, no word).
func (f *editForm) setSaving(on bool) {
	f.saving = on
	f.waitLabel.Hide()
	if on {
		f.showWaitText(lang.L("Đang lưu…"))
		time.AfterFunc(busyDelay, func() { f.v.do(f.showWait) })
	} else {
		f.next.SetText(lang.L("Lưu và sửa văn bản tiếp"))
	}
	for _, b := range []*widget.Button{f.saveBtn, f.next} {
		if on {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

// showWait says, once a save has waited busyDelay, what for when an
// import runs.
func (f *editForm) showWait() {
	if f.saving && f.v.importing != nil {
		f.showWaitText(lang.L("Đang chờ việc nhập lưu xong một đợt, sẽ lưu ngay sau đó."))
	}
}

// showWaitText says beside the buttons what the form is doing.
func (f *editForm) showWaitText(text string) {
	f.waitLabel.SetText(text)
	f.waitLabel.Show()
}

// onSave writes the changes in the background; a bad value keeps the form
// open with the reason under it.
func (f *editForm) onSave() { f.save(nil) }

// save writes the changes and, once they are saved, calls then (if any)
// before the list is searched again.
func (f *editForm) save(then func()) {
	values := f.values()
	if err := dateProblem(f.entries[index.FieldDate].Text); err != "" {
		f.errLabel.SetText(err)
		f.errLabel.Show()
		return
	}
	if err := f.matchYearToDate(values); err != "" {
		f.errLabel.SetText(err)
		f.errLabel.Show()
		return
	}
	if len(values) == 0 {
		if then == nil {
			f.dialog.Hide()
			return
		}
		f.saveBtn.Disable()
		f.next.Disable()
		then()
		f.v.runSearch()
		return
	}
	v, id := f.v, f.doc.ID
	// An import under way does not stop it: the archive takes the change
	// between two of its batches (index/importchanges.go), a moment's
	// wait.
	// Saving a long document takes a moment: the buttons wait meanwhile,
	// so a second click does not save twice.
	done := v.busySign.start(lang.L("Đang lưu…"))
	f.setSaving(true)
	v.spawn(func() {
		d, err := v.arc.Edit(id, values)
		v.do(func() {
			done()
			f.setSaving(false)
			if err != nil {
				f.errLabel.SetText(messages.Error(err))
				f.errLabel.Show()
				return
			}
			close(f.saved)
			if v.reader.doc != nil && v.reader.doc.ID == d.ID {
				v.reader.show(d, v.reader.related)
			}
			if then == nil {
				// The list stays where the person had it, the edited
				// document's row chosen, followed to where its new
				// details put it (usertest s25: fixing a date far down
				// the list, it jumped back to its top, no row chosen).
				f.dialog.Hide()
				v.state.afterShow = func() { v.results.choose(d.ID) }
				v.refreshSearch()
				return
			}
			// then closes the form: it says what comes next until then,
			// its buttons greyed.
			f.saveBtn.Disable()
			f.next.Disable()
			then()
			v.runSearch()
		})
	})
}

// labelPicker ticks campaigns or topics from the registry and adds new
// ones.
type labelPicker struct {
	v      *view
	kind   classify.Kind
	group  *checkList
	name   *dialogEntry // Enter adds the name typed, Escape closes the form
	status *widget.Label
}

func newLabelPicker(v *view, kind classify.Kind, chosen []string) *labelPicker {
	p := &labelPicker{v: v, kind: kind, name: newDialogEntry(), status: widget.NewLabel("")}
	p.name.OnSubmitted = func(string) { p.onAdd() }
	var options []string
	for _, c := range v.arc.Categories(kind) {
		options = append(options, c.Name)
	}
	for _, c := range chosen {
		if !slices.Contains(options, c) {
			options = append(options, c)
		}
	}
	p.group = newCheckList(options)
	p.group.SetSelected(slices.Clone(chosen))
	p.name.SetPlaceHolder(lang.L("Tên mới…"))
	p.status.TextStyle.Italic = true
	p.status.Wrapping = fyne.TextWrapWord
	return p
}

func (p *labelPicker) content() fyne.CanvasObject {
	add := newDialogButton(lang.L("Thêm"), theme.ContentAddIcon(), p.onAdd)
	addRow := container.NewBorder(nil, nil, nil, add, p.name)
	return container.NewBorder(nil, container.NewVBox(addRow, p.status), nil, nil, container.NewVScroll(p.group.object()))
}

// value is the ticked names, comma-separated, in registry order.
// holds reports whether the names ticked are names, in any order: the
// picker lists them in the archive's order, a document in its own
// (usertest s27: an untouched form of a document under two campaigns
// asked before closing).
func (p *labelPicker) holds(names []string) bool {
	ticked := slices.Sorted(slices.Values(p.group.Selected))
	want := slices.Sorted(slices.Values(names))
	return slices.Equal(slices.Compact(ticked), slices.Compact(want))
}

func (p *labelPicker) value() string {
	var out []string
	for _, o := range p.group.Options {
		if slices.Contains(p.group.Selected, o) {
			out = append(out, o)
		}
	}
	// As Document.Value joins them: many names hold commas.
	return strings.Join(out, "; ")
}

// onAdd creates a campaign or topic whose rule is its own name as a
// phrase, then ticks it.
func (p *labelPicker) onAdd() {
	name := strings.Join(strings.Fields(p.name.Text), " ")
	if name == "" {
		return
	}
	if slices.Contains(p.group.Options, name) {
		p.group.SetSelected(append(slices.Clone(p.group.Selected), name))
		p.name.SetText("")
		return
	}
	v := p.v
	op := index.RegistryOp{Op: index.OpAdd, Kind: p.kind, Category: classify.Category{
		Name: name, Kind: p.kind, Rules: []classify.Rule{{Kind: classify.Phrase, Terms: []string{name}}},
	}}
	p.status.SetText(lang.L("Đang xếp lại văn bản theo “{{.Name}}”…", map[string]any{"Name": name}))
	v.spawn(func() {
		err := v.arc.ChangeRegistry(v.ctx, op, nil)
		v.do(func() {
			if err != nil {
				p.status.SetText(messages.Error(err))
				return
			}
			p.status.SetText(lang.L("Đã thêm “{{.Name}}”.", map[string]any{"Name": name}))
			p.name.SetText("")
			p.group.add(name)
			p.group.SetSelected(append(slices.Clone(p.group.Selected), name))
		})
	})
}
