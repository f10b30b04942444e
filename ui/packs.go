package ui

import (
	"context"
	"errors"
	"slices"
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

// packExt is the file extension of document packs.
const packExt = ".kvbpack"

// prefOffice is the office name written into the packs it sends.
const prefOffice = "office.name"

// onExportPack writes the documents of the current search, or those
// ticked, into a pack to carry to another office.
func (v *view) onExportPack() {
	office := newDialogEntry()
	office.SetText(v.s.app.Preferences().String(prefOffice))
	office.SetPlaceHolder(lang.L("ví dụ: Văn phòng Huyện ủy Thanh Bình"))
	// A name every receiving archive refuses is refused here, where it
	// is typed: the button stays greyed and the reason shows under it.
	office.Validator = func(s string) error {
		if err := index.CheckOfficeName(strings.TrimSpace(s)); err != nil {
			return errors.New(messages.Error(err))
		}
		return nil
	}
	chosen := v.results.markedInOrder()
	scope := newExportScope(chosen, v.results.total,
		messages.N("Gói sẽ chứa {{.Count}} văn bản đang hiện trong danh sách (theo ô tìm kiếm và bộ lọc).", v.results.total,
			map[string]any{"Count": formatCount(v.results.total)}),
		messages.N("Gói sẽ chứa {{.Count}} văn bản đã chọn trong danh sách.", len(chosen), map[string]any{"Count": formatCount(len(chosen))}))
	items := []*widget.FormItem{widget.NewFormItem("", scope.sentence)}
	if item := scope.choiceItem(); item != nil {
		items = append(items, item)
	}
	items = append(items, widget.NewFormItem(lang.L("Nơi gửi"), office))
	form := dialog.NewForm(lang.L("Xuất gói văn bản"), lang.L("Chọn nơi lưu…"), lang.L("Hủy"), items, func(ok bool) {
		if !ok {
			return
		}
		var ids []string
		for _, s := range scope.picked() {
			ids = append(ids, s.ID)
		}
		name := strings.TrimSpace(office.Text)
		v.s.app.Preferences().SetString(prefOffice, name)
		v.confirmOfficeName(name, func() {
			v.pickBundleSave(lang.L("Lưu gói văn bản vào"), packName(time.Now()), packExt, func(path string) {
				v.exportPack(name, path, ids)
			})
		})
	}, v.win)
	form.Resize(fyne.NewSize(640, 300))
	v.showDialog(form, office)
	if office.Validate() != nil {
		// A name kept from before the check: the form took its state
		// before it listened, and shows no reason until the name is
		// typed in. Told again, it shows the reason under the field.
		office.SetValidationError(nil)
		office.Validate()
	}
}

// confirmOfficeName calls next at once for an office name of Vietnamese
// letters; for one with letters of another script that look like them
// (a Cyrillic "о" typed on another keyboard), which every office the
// pack goes to is warned of, it says so first and calls next only if
// the person keeps the name.
func (v *view) confirmOfficeName(name string, next func()) {
	letters := index.OfficeLookalikes(name)
	if letters == "" {
		next()
		return
	}
	d := dialog.NewConfirm(lang.L("Tên nơi gửi"), messages.OfficeLookalikes(letters)+"\n\n"+lang.L("Vẫn dùng tên này?"), func(ok bool) {
		if ok {
			next()
		}
	}, v.win)
	d.SetConfirmText(lang.L("Vẫn dùng tên này"))
	d.SetDismissText(lang.L("Sửa lại tên"))
	d.SetConfirmImportance(widget.WarningImportance)
	v.showDialog(d, nil)
}

// exportPack writes the current search's documents to path; with ids,
// those documents only (and their other formats).
func (v *view) exportPack(office, path string, ids []string) *job {
	j := newJob()
	req := v.state.request()
	var info *index.PackInfo
	find, waits := v.find, v.busyWaits
	v.withProgress(lang.L("Đang xuất gói văn bản"), j, func(ctx context.Context, progress func(index.Progress)) (err error) {
		if ids != nil {
			// The ticked documents are read from the store, not looked
			// up in the index.
			info, err = v.arc.ExportPackOf(ctx, ids, office, path, progress)
		} else {
			// The search's documents are listed by the index before the
			// pack is begun: one being replaced is waited for, as a
			// search does.
			info, err = untilNotBusy(ctx, waits, func() (*index.PackInfo, error) {
				return find.ExportPack(ctx, req, office, path, progress)
			})
		}
		return err
	}, func() {
		v.s.showInfo(lang.L("Đã xuất gói"), messages.N("Đã ghi {{.Count}} văn bản{{.Files}} vào tệp:\n{{.File}}", info.Documents, map[string]any{"Count": formatCount(info.Documents), "Files": messages.FilesBeside(info.Documents, info.Files), "File": path}), v.win)
	})
	return j
}

// onImportPack reads a pack, shows what it would change and merges it
// when the person agrees.
func (v *view) onImportPack() {
	if v.refuseReadOnly() || v.refuseWhileImporting() || v.refuseWhileRefiling() {
		return
	}
	v.pickFile(lang.L("Chọn gói văn bản cần nhập"), packExt, func(path string) { v.planPack(path) })
}

// packReview shows a pack's plan: who signed it, what it does to each
// document, and the conflicts, each with a choice of side.
type packReview struct {
	v       *view
	plan    *index.PackPlan
	warning *dialog.ConfirmDialog // first, when the sender cannot be verified
	summary *widget.Label
	signer  *widget.Label
	lines   []string        // what import does, one line per document
	theirs  []*widget.Check // one per conflict: take the sender's value
	dialog  *dialog.CustomDialog
	apply   *dialogButton // "Nhập gói", nil when the pack has nothing new
	planned *job
	applied *job
}

// planPack verifies the pack in the background and shows its plan, after
// a warning when the pack is unsigned or its office's key changed.
func (v *view) planPack(path string) *packReview {
	pr := &packReview{v: v, planned: newJob(), applied: newJob()}
	v.spawn(func() {
		plan, err := v.arc.PlanPack(path)
		v.do(func() {
			defer close(pr.planned.done)
			pr.planned.err = err
			if err != nil {
				v.showError(err)
				return
			}
			pr.plan = plan
			if t := plan.Info.Signer.Trust; t == index.TrustUnsigned || t == index.TrustChanged || t == index.TrustLookalike {
				pr.warn()
				return
			}
			pr.show()
		})
	})
	return pr
}

// warn asks whether to go on with a pack whose sender cannot be verified.
func (pr *packReview) warn() {
	s := pr.plan.Info.Signer
	msg := lang.L("Gói này không có chữ ký số, nên không biết chắc ai đã làm gói. Chỉ nhập khi đã hỏi lại nơi gửi (ví dụ gọi điện) và chắc chắn gói đúng là của họ.\n\nVẫn xem và nhập gói này?")
	switch s.Trust {
	case index.TrustLookalike:
		msg = lang.L("Tên nơi gửi “{{.Office}}” có chữ cái không phải chữ Việt (“{{.Letters}}”: chữ Nga, Hy Lạp…) trông giống hệt chữ Việt. Gói có thể do nơi khác làm để giả tên một nơi quen. Hãy gọi hỏi nơi gửi và so mã khóa {{.Key}} trước khi nhập.\n\nVẫn xem và nhập gói này?",
			map[string]any{"Office": s.Office, "Letters": s.Foreign, "Key": s.Fingerprint})
	case index.TrustChanged:
		msg = lang.L("Gói ghi là của “{{.Office}}” nhưng được ký bằng khóa {{.Key}}, khác khóa nơi này đã dùng trước đây. Có thể nơi gửi vừa cài lại máy, cũng có thể gói do người khác làm. Hãy gọi hỏi nơi gửi và so mã khóa trước khi nhập.\n\nVẫn xem và nhập gói này?",
			map[string]any{"Office": s.Office, "Key": s.Fingerprint})
		if s.Foreign != "" {
			// Written with letters of another script to read as the
			// known office: no reinstalled PC explains that.
			msg = lang.L("Gói ghi là của “{{.Office}}” nhưng được ký bằng khóa {{.Key}}, khác khóa nơi này đã dùng trước đây, và tên ấy có chữ cái không phải chữ Việt (“{{.Letters}}”: chữ Nga, Hy Lạp…) trông giống hệt chữ Việt. Gói có thể do nơi khác làm để giả tên nơi quen. Hãy gọi hỏi nơi gửi và so mã khóa trước khi nhập.\n\nVẫn xem và nhập gói này?",
				map[string]any{"Office": s.Office, "Key": s.Fingerprint, "Letters": s.Foreign})
		}
	}
	pr.warning = dialog.NewConfirm(lang.L("Chưa xác minh được nơi gửi"), msg, pr.onWarningAnswer, pr.v.win)
	pr.warning.SetConfirmText(lang.L("Vẫn xem gói"))
	pr.warning.SetDismissText(lang.L("Hủy"))
	pr.warning.SetConfirmImportance(widget.WarningImportance)
	pr.v.showDialog(pr.warning, nil)
}

func (pr *packReview) onWarningAnswer(goOn bool) {
	if goOn {
		pr.show()
	}
}

// signerText says who signed the pack, for the review dialog.
func signerText(s index.Signer) string {
	arg := map[string]any{"Key": s.Fingerprint, "Letters": s.Foreign}
	switch s.Trust {
	case index.TrustUnsigned:
		return lang.L("Không có chữ ký số: không biết chắc ai đã làm gói này.")
	case index.TrustChanged:
		if s.Foreign != "" {
			return lang.L("Chữ ký số hợp lệ nhưng bằng khóa lạ ({{.Key}}), khác khóa nơi này dùng trước đây; tên nơi gửi có chữ cái không phải chữ Việt trông giống hệt chữ Việt: “{{.Letters}}”.", arg)
		}
		return lang.L("Chữ ký số hợp lệ nhưng bằng khóa lạ ({{.Key}}), khác khóa nơi này dùng trước đây.", arg)
	case index.TrustLookalike:
		return lang.L("Chữ ký số hợp lệ ({{.Key}}), nhưng tên nơi gửi có chữ cái không phải chữ Việt trông giống hệt chữ Việt: “{{.Letters}}”.", arg)
	case index.TrustNew:
		return lang.L("Chữ ký số: hợp lệ. Lần đầu nhận gói của nơi này; mã khóa {{.Key}} sẽ được ghi nhớ.", arg)
	}
	return lang.L("Chữ ký số: hợp lệ, đúng khóa đã biết của nơi này ({{.Key}}).", arg)
}

// planLines says what importing does to each document, as the command
// line's dry run does.
func planLines(p *index.PackPlan) []string {
	var out []string
	name := func(s index.Summary) string {
		t := fitText(s.Title, 600)
		if s.Number != "" {
			t += " (" + s.Number + ")"
		}
		return t
	}
	for _, s := range p.New {
		out = append(out, lang.L("Thêm mới: {{.Doc}}", map[string]any{"Doc": name(s)}))
	}
	for _, s := range p.Updated {
		var fields []string
		for _, f := range p.Taken[s.ID] {
			fields = append(fields, fieldLabel(f))
		}
		out = append(out, lang.L("Cập nhật theo nơi gửi ({{.Fields}}): {{.Doc}}", map[string]any{"Fields": strings.Join(fields, ", "), "Doc": name(s)}))
	}
	for _, s := range sameNotConflicting(p) {
		out = append(out, lang.L("Giữ nguyên (đã có, giống hệt): {{.Doc}}", map[string]any{"Doc": name(s)}))
	}
	for _, s := range p.InTrash {
		out = append(out, lang.L("Bỏ qua (đang ở Thùng rác, để nguyên): {{.Doc}}", map[string]any{"Doc": name(s)}))
	}
	for _, c := range p.Categories {
		line := lang.L("Thêm phong trào: {{.Name}}", map[string]any{"Name": c.Name})
		if c.Kind == classify.Topic {
			line = lang.L("Thêm chủ đề: {{.Name}}", map[string]any{"Name": c.Name})
		}
		out = append(out, line)
	}
	for _, r := range p.Refused {
		out = append(out, messages.RefusedCategory(r))
	}
	for _, c := range p.Cut {
		c.Title = fitText(c.Title, 600)
		out = append(out, messages.ListCut(c))
	}
	return out
}

func (pr *packReview) show() {
	p := pr.plan
	office := p.Info.Office
	if office == "" {
		office = lang.L("(không ghi)")
	}
	same := sameNotConflicting(p)
	pr.summary = widget.NewLabel(messages.N("Gói từ: {{.Office}}, lập ngày {{.Date}}, có {{.Total}} văn bản{{.Files}}.\nMới: {{.New}} · Đã có, giống hệt: {{.Same}} · Nơi gửi đã sửa thông tin: {{.Updated}} · Hai nơi sửa khác nhau: {{.Differ}} · Đang ở Thùng rác: {{.Trash}}", p.Info.Documents,
		map[string]any{"Office": office, "Date": p.Info.Created.Local().Format("02/01/2006"), "Total": formatCount(p.Info.Documents), "Files": messages.FilesBeside(p.Info.Documents, p.Info.Files),
			"New": messages.DocumentsIn(p.New), "Same": messages.DocumentsIn(same), "Updated": messages.DocumentsIn(p.Updated), "Differ": formatCount(len(conflictingIDs(p))), "Trash": messages.DocumentsIn(p.InTrash)}) +
		categoriesLine(p.Categories))
	pr.summary.Wrapping = fyne.TextWrapWord
	pr.signer = widget.NewLabel(signerText(p.Info.Signer))
	pr.signer.Wrapping = fyne.TextWrapWord
	if t := p.Info.Signer.Trust; t == index.TrustUnsigned || t == index.TrustChanged || t == index.TrustLookalike {
		pr.signer.Importance = widget.WarningImportance
	}
	pr.lines = planLines(p)
	list := widget.NewList(func() int { return len(pr.lines) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(pr.lines[i]) })
	head := widget.NewLabel(lang.L("Khi nhập, từng văn bản sẽ:"))
	if nothingNew(p) {
		// Nothing to import: no button that seems to do something
		// (usertest s25: "Nhập gói" offered, and a report of nothing).
		head.SetText(lang.L("Gói không có gì mới để nhập: máy này đã có đủ các văn bản trong gói, với cùng thông tin. Các văn bản trong gói:"))
		head.Importance = widget.HighImportance
	}
	head.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(pr.summary, pr.signer, head)
	bottom := container.NewVBox()
	if len(p.Conflicts) > 0 {
		hint := widget.NewLabel(lang.L("Hai nơi đã sửa khác nhau những thông tin dưới đây. Đánh dấu ô nào muốn lấy theo nơi gửi; ô không đánh dấu giữ giá trị của máy này."))
		hint.Wrapping = fyne.TextWrapWord
		bottom.Add(hint)
		checks := container.NewVBox()
		for _, c := range p.Conflicts {
			check, values := conflictRow(c)
			pr.theirs = append(pr.theirs, check)
			checks.Add(container.NewVBox(check, values))
		}
		scroll := container.NewVScroll(checks)
		// Room for two conflicts at least, each value whole.
		scroll.SetMinSize(fyne.NewSize(0, min(checks.MinSize().Height, 2*conflictHeight())))
		bottom.Add(scroll)
	}
	pr.dialog = dialog.NewCustomWithoutButtons(lang.L("Nhập gói văn bản"), container.NewBorder(top, bottom, nil, nil, list), pr.v.win)
	pr.dialog.Resize(dialogSize(pr.v.win))
	if nothingNew(p) {
		closeBtn := newDialogButton(lang.L("Đóng"), nil, func() { pr.dialog.Hide() })
		closeBtn.Importance = widget.HighImportance
		pr.dialog.SetButtons([]fyne.CanvasObject{closeBtn})
		pr.v.s.keys.show(pr.v.win, pr.dialog, pr.dialog.Hide, nil)
		return
	}
	pr.apply = newDialogButton(lang.L("Nhập gói"), nil, pr.onApply)
	pr.apply.Importance = widget.HighImportance
	pr.dialog.SetButtons([]fyne.CanvasObject{newDialogButton(lang.L("Hủy"), nil, func() { pr.dialog.Hide() }), pr.apply})
	pr.v.s.keys.show(pr.v.win, pr.dialog, pr.onApply, nil)
}

// nothingNew reports whether importing p would change nothing here: no
// new document, no correction to take, no choice to make, no campaign or
// topic to add (the documents in the Trash stay there).
func nothingNew(p *index.PackPlan) bool {
	return len(p.New) == 0 && len(p.Updated) == 0 && len(p.Conflicts) == 0 && len(p.Categories) == 0
}

// onApply merges the pack with the chosen sides.
func (pr *packReview) onApply() {
	v := pr.v
	pr.dialog.Hide()
	take := map[int]bool{}
	for i, c := range pr.theirs {
		take[i] = c.Checked
	}
	plan := pr.plan
	v.withProgress(lang.L("Đang nhập gói văn bản"), pr.applied, func(ctx context.Context, progress func(index.Progress)) error {
		return v.arc.ApplyPack(ctx, plan, take, progress)
	}, func() {
		msg := appliedText(plan, take)
		v.s.showInfo(lang.L("Đã nhập gói"), msg, v.win)
		v.runSearch()
	})
}

// conflictRow is a conflict's check box, ticked to take the sender's
// value, and under it both values whole, wrapped: cut to a few words they
// could not be told apart (usertest s13).
func conflictRow(c index.Conflict) (*widget.Check, fyne.CanvasObject) {
	check := widget.NewCheck(lang.L("Lấy theo nơi gửi: {{.Field}} của “{{.Title}}”", map[string]any{"Field": fieldLabel(c.Field), "Title": fitText(c.Title, 400)}), nil)
	values := widget.NewLabel(lang.L("Máy này: {{.Local}}", map[string]any{"Local": orNone(c.Local)}) + "\n" +
		lang.L("Nơi gửi: {{.Theirs}}", map[string]any{"Theirs": orNone(c.Theirs)}))
	values.Wrapping = fyne.TextWrapWord
	values.SizeName = theme.SizeNameCaptionText
	return check, container.NewPadded(values)
}

// conflictHeight is about the height of a conflict's row with short values.
func conflictHeight() float32 {
	return 4 * textLineHeight()
}

// orNone is a value, or says that it is empty.
func orNone(v string) string {
	if strings.TrimSpace(v) == "" {
		return lang.L("(trống)")
	}
	return v
}

// conflictingIDs are the documents with fields both sides set differently.
func conflictingIDs(p *index.PackPlan) map[string]bool {
	out := map[string]bool{}
	for _, c := range p.Conflicts {
		out[c.ID] = true
	}
	return out
}

// sameNotConflicting are the pack's documents already here and the same,
// those with conflicts apart: the plan counts them with the same, and the
// review said "giống hệt" of a document whose fields differ.
func sameNotConflicting(p *index.PackPlan) []index.Summary {
	differ := conflictingIDs(p)
	var out []index.Summary
	for _, s := range p.Same {
		if !differ[s.ID] {
			out = append(out, s)
		}
	}
	return out
}

// categoriesLine names the campaigns and topics a pack adds, on a line
// of its own, "" when it adds none: a count alone left the person
// wondering which (usertest s13).
func categoriesLine(cats []classify.Category) string {
	var campaigns, topics []string
	for _, c := range cats {
		if c.Kind == classify.Topic {
			topics = append(topics, "“"+c.Name+"”")
		} else {
			campaigns = append(campaigns, "“"+c.Name+"”")
		}
	}
	line := ""
	if len(campaigns) > 0 {
		line += "\n" + lang.L("Phong trào mới: {{.Names}}", map[string]any{"Names": strings.Join(campaigns, ", ")})
	}
	if len(topics) > 0 {
		line += "\n" + lang.L("Chủ đề mới: {{.Names}}", map[string]any{"Names": strings.Join(topics, ", ")})
	}
	return line
}

// appliedText says what a pack's import did: the documents added, the
// files among them that joined a document already here, the documents
// updated, for each conflict which side was kept, and the campaigns and
// topics added. Every count is of documents, with files beside where
// they differ.
func appliedText(plan *index.PackPlan, take map[int]bool) string {
	byID := map[string]index.Summary{}
	for _, s := range slices.Concat(plan.Same, plan.Updated) {
		byID[s.ID] = s
	}
	updated := slices.Clone(plan.Updated)
	theirs := 0
	for i, c := range plan.Conflicts {
		if !take[i] {
			continue
		}
		theirs++
		if !slices.ContainsFunc(updated, func(s index.Summary) bool { return s.ID == c.ID }) {
			s, ok := byID[c.ID]
			if !ok {
				s = index.Summary{ID: c.ID}
			}
			updated = append(updated, s)
		}
	}
	// The files beside the documents they make up, and the documents
	// updated only when there are some: "Added 59 (60 files) new
	// documents, updated 0." (usertest s28).
	added := index.CountDocuments(plan.New)
	counts := map[string]any{"New": formatCount(added), "Files": messages.FilesBeside(added, len(plan.New)), "Updated": ""}
	if len(updated) > 0 {
		counts["Updated"] = lang.L(", cập nhật {{.Count}} văn bản", map[string]any{"Count": messages.DocumentsIn(updated)})
	}
	msg := messages.N("Đã thêm {{.New}} văn bản mới{{.Files}}{{.Updated}}.", added, counts)
	if n := len(plan.Conflicts); n > 0 {
		msg += "\n" + lang.L("Thông tin hai nơi sửa khác nhau: lấy theo nơi gửi {{.Theirs}}, giữ của máy này {{.Kept}}.", map[string]any{"Theirs": formatCount(theirs), "Kept": formatCount(n - theirs)})
	}
	msg += categoriesLine(plan.Categories)
	for _, it := range plan.Twins {
		msg += "\n" + it.Path + ": " + lang.L("trùng nội dung với {{.Name}}: lưu thêm như một định dạng khác của văn bản đó", map[string]any{"Name": it.TwinName})
	}
	return msg
}

// packName is the name suggested for a pack made on day, in the language
// in use (backupName).
func packName(day time.Time) string {
	return lang.L("goi-van-ban") + "-" + day.Format("2006-01-02") + packExt
}
