package ui

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
	"khovanban/index/classify"
	"khovanban/ui/messages"
)

// keyModifiers are the modifier keys held down now, where the driver
// knows them (the desktop); none elsewhere.
func keyModifiers() fyne.KeyModifier {
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()
	}
	return 0
}

// idAt is the id of result i, or "" while its page is not loaded.
func (r *resultList) idAt(i int) string {
	if h, ok := r.hit(i); ok {
		return h.ID
	}
	return ""
}

// position is where document id stands in the loaded results, or -1.
func (r *resultList) position(id string) int {
	for page, hits := range r.pages {
		for j, h := range hits {
			if h.ID == id {
				return page*pageSize + j
			}
		}
	}
	return -1
}

// mark ticks (on) or unticks result i; with span, also every loaded row
// between it and the last row ticked or opened.
func (r *resultList) mark(i int, on, span bool) {
	from, to := i, i
	if span && r.anchor >= 0 {
		from, to = min(r.anchor, i), max(r.anchor, i)
	}
	for j := from; j <= to; j++ {
		h, ok := r.hit(j)
		if !ok {
			continue
		}
		if on {
			r.marked[h.ID] = h.Summary
		} else {
			delete(r.marked, h.ID)
		}
	}
	r.anchor = i
	r.list.Refresh()
	r.onMarked()
}

// setMarked ticks exactly these documents.
func (r *resultList) setMarked(docs []index.Summary) {
	clear(r.marked)
	for _, d := range docs {
		r.marked[d.ID] = d
	}
	r.list.Refresh()
	r.onMarked()
}

// markedIDs are the ticked documents' ids, sorted.
func (r *resultList) markedIDs() []string {
	ids := make([]string, 0, len(r.marked))
	for id := range r.marked {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// markedInOrder are the ticked results in the list's order.
func (r *resultList) markedInOrder() []index.Summary {
	out := make([]index.Summary, 0, len(r.marked))
	for _, id := range r.markedIDs() {
		out = append(out, r.marked[id])
	}
	slices.SortStableFunc(out, func(a, b index.Summary) int {
		pa, pb := r.position(a.ID), r.position(b.ID)
		if pa < 0 {
			pa = math.MaxInt
		}
		if pb < 0 {
			pb = math.MaxInt
		}
		return cmp.Compare(pa, pb)
	})
	return out
}

// bulkBar shows, while results are ticked, how many and what can be done
// with all of them at once.
type bulkBar struct {
	v     *view
	count *widget.Label
	all   *tabButton
	edit  *tabButton
	trash *tabButton
	none  *tabButton
	box   *fyne.Container
}

func newBulkBar(v *view) *bulkBar {
	b := &bulkBar{v: v, count: widget.NewLabel("")}
	b.count.TextStyle.Bold = true
	b.all = newTabButton(lang.L("Chọn tất cả"), nil, v.onMarkAll)
	b.edit = newTabButton(lang.L("Sửa thông tin…"), theme.DocumentCreateIcon(), v.onBulkEdit)
	b.edit.Importance = widget.HighImportance
	b.trash = newTabButton(lang.L("Xóa"), theme.DeleteIcon(), v.onBulkDelete)
	if v.readOnly() {
		b.edit.Disable()
		b.trash.Disable()
	}
	b.none = newTabButton(lang.L("Bỏ chọn"), theme.CancelIcon(), func() { v.results.setMarked(nil) })
	flow := newFlowLayout(v.do)
	b.box = container.New(flow, b.count, b.edit, b.trash, b.all, b.none)
	flow.outer = b.box
	b.box.Hide()
	return b
}

func (b *bulkBar) object() fyne.CanvasObject { return b.box }

// buttons are the bar's buttons shown, for Tab (focus.go).
func (b *bulkBar) buttons() []*tabButton {
	return shownIn(b.box, b.edit, b.trash, b.all, b.none)
}

// update follows the ticked results.
func (b *bulkBar) update() {
	n := len(b.v.results.marked)
	if n == 0 {
		b.box.Hide()
		return
	}
	b.count.SetText(messages.N("Đã chọn {{.Count}} văn bản", n, map[string]any{"Count": formatCount(n)}))
	b.all.SetText(lang.L("Chọn cả {{.Count}}", map[string]any{"Count": formatCount(b.v.results.total)}))
	if n >= b.v.results.total {
		b.all.Hide()
	} else {
		b.all.Show()
	}
	b.box.Show()
	b.box.Refresh()
}

// onMarkAll ticks every result of the search, also those not loaded yet.
func (v *view) onMarkAll() { v.markAll() }

func (v *view) markAll() *job {
	j := newJob()
	req := v.state.request()
	gen := v.state.gen
	find, waits := v.find, v.busyWaits
	var docs []index.Summary
	v.withProgress(lang.L("Đang chọn tất cả kết quả"), j, func(ctx context.Context, progress func(index.Progress)) (err error) {
		docs, err = listAll(ctx, find, waits, req, progress)
		return err
	}, func() {
		if gen == v.state.gen {
			v.results.setMarked(docs)
		}
	})
	return j
}

// onBulkDelete moves the ticked documents to the Trash (with undo).
func (v *view) onBulkDelete() {
	ids := v.results.markedIDs()
	if len(ids) == 0 || v.refuseReadOnly() {
		return
	}
	v.s.showConfirm(lang.L("Chuyển vào Thùng rác"),
		messages.N("Chuyển {{.Count}} văn bản đã chọn vào Thùng rác? Có thể khôi phục lại từ Thùng rác.", len(ids), map[string]any{"Count": formatCount(len(ids))}),
		func(ok bool) {
			if ok {
				v.deleteDocuments(ids...)
			}
		}, v.win)
}

// bulkForm sets the same details on every ticked document: campaigns and
// topics are added to each one's own; a field left empty is left as it is.
type bulkForm struct {
	v         *view
	ids       []string
	typ       *selectEntry
	issuer    *dialogEntry
	year      *dialogEntry
	campaigns *labelPicker
	topics    *labelPicker
	errLabel  *widget.Label
	dialog    *dialog.CustomDialog
	saved     *job
}

// onBulkEdit opens the form for the ticked documents.
func (v *view) onBulkEdit() {
	if !v.refuseReadOnly() {
		v.showBulkEdit()
	}
}

func (v *view) showBulkEdit() *bulkForm {
	f := &bulkForm{v: v, ids: v.results.markedIDs(), typ: newSelectEntry(index.DocumentTypes()),
		issuer: newDialogEntry(), year: newDialogEntry(), errLabel: widget.NewLabel(""), saved: newJob()}
	keep := lang.L("(để trống: giữ nguyên)")
	f.typ.SetPlaceHolder(keep)
	f.issuer.SetPlaceHolder(keep)
	f.year.SetPlaceHolder(keep)
	f.campaigns = newLabelPicker(v, classify.Campaign, nil)
	f.topics = newLabelPicker(v, classify.Topic, nil)
	f.errLabel.Importance = widget.DangerImportance
	f.errLabel.Wrapping = fyne.TextWrapWord
	f.errLabel.Hide()
	intro := widget.NewLabel(messages.N("Các thông tin dưới đây được đặt cho cả {{.Count}} văn bản đã chọn. Phong trào và chủ đề được đánh dấu sẽ được thêm vào những gì mỗi văn bản đã có.", len(f.ids),
		map[string]any{"Count": formatCount(len(f.ids))}))
	intro.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem(fieldLabel(index.FieldType), f.typ),
		widget.NewFormItem(fieldLabel(index.FieldIssuer), f.issuer),
		widget.NewFormItem(fieldLabel(index.FieldYear), f.year),
	)
	labels := container.NewAppTabs(
		container.NewTabItem(lang.L("Thêm phong trào"), f.campaigns.content()),
		container.NewTabItem(lang.L("Thêm chủ đề"), f.topics.content()),
	)
	body := container.NewBorder(container.NewVBox(intro, form), f.errLabel, nil, nil, labels)
	save := newDialogButton(lang.L("Lưu"), theme.DocumentSaveIcon(), f.onSave)
	save.Importance = widget.HighImportance
	cancel := newDialogButton(lang.L("Hủy"), nil, func() { f.dialog.Hide() })
	f.dialog = dialog.NewCustomWithoutButtons(lang.L("Sửa thông tin nhiều văn bản"), body, v.win)
	f.dialog.SetButtons([]fyne.CanvasObject{cancel, save})
	f.dialog.Resize(dialogSize(v.win))
	v.s.keys.show(v.win, f.dialog, f.onSave, f.typ)
	return f
}

// edit is what the form asks for.
func (f *bulkForm) edit() index.BulkEdit {
	e := index.BulkEdit{Set: map[string]string{}}
	for field, entry := range map[string]*widget.Entry{index.FieldType: &f.typ.Entry, index.FieldIssuer: &f.issuer.Entry, index.FieldYear: &f.year.Entry} {
		if t := strings.TrimSpace(entry.Text); t != "" {
			e.Set[field] = t
		}
	}
	e.AddCampaigns = f.campaigns.group.Selected
	e.AddTopics = f.topics.group.Selected
	return e
}

// onSave writes the change in the background and says what it did.
func (f *bulkForm) onSave() {
	e := f.edit()
	if len(e.Set) == 0 && len(e.AddCampaigns) == 0 && len(e.AddTopics) == 0 {
		f.dialog.Hide()
		return
	}
	v, ids := f.v, f.ids
	done := v.busySign.start(lang.L("Đang lưu…"))
	v.spawn(func() {
		res, err := v.arc.EditMany(ids, e)
		v.do(func() {
			done()
			defer close(f.saved.done)
			f.saved.err = err
			if err != nil {
				f.errLabel.SetText(messages.Error(err))
				f.errLabel.Show()
				return
			}
			f.dialog.Hide()
			msg := messages.N("Đã sửa {{.Count}} văn bản.", res.Changed, map[string]any{"Count": formatCount(res.Changed)})
			if len(res.Skipped) > 0 {
				msg += "\n" + messages.N("{{.Count}} văn bản giữ nguyên vì năm đã chọn khác với năm của ngày ban hành.", len(res.Skipped), map[string]any{"Count": formatCount(len(res.Skipped))})
			}
			v.s.showInfo(lang.L("Sửa thông tin nhiều văn bản"), msg, v.win)
			if d := v.reader.doc; d != nil && slices.Contains(ids, d.ID) {
				v.openDocument(d.ID)
			}
			v.runSearch()
		})
	})
}
