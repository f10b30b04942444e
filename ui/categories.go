package ui

import (
	"context"
	"errors"
	"maps"
	"reflect"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
	"khovanban/index/classify"
	"khovanban/ui/messages"
)

// categoriesWindow manages the campaigns and topics: add, rename, merge,
// delete and their rules. Each change refiles every document, with
// progress.
type categoriesWindow struct {
	v    *view // nil while the archive is being changed
	w    fyne.Window
	keys *dialogKeys // the session's (dialogkeys.go)
	tabs map[classify.Kind]*categoryTab
	// changed receives after each change is applied (tests wait on it).
	changed  chan error
	closeBtn *widget.Button
	// form is the name form open in the window (Thêm…, Đổi tên…, Gộp
	// vào…), and kept the one that was open when the window was emptied:
	// the window built again over the same archive (a change of language)
	// opens it again with what was typed in it (usertest s26: a name
	// typed was lost when the language changed).
	form, kept *openForm
}

// openForm is a form open in the categories window: reopen shows it again
// in tab, a tab of the window built again, with what is typed in it now.
type openForm struct {
	kind    classify.Kind
	archive *index.Archive
	reopen  func(tab *categoryTab)
}

// takeForm is the form open in the window, if any, forgotten.
func (cw *categoriesWindow) takeForm() *openForm {
	f := cw.form
	cw.form = nil
	return f
}

// showInfo shows a message in the window.
func (cw *categoriesWindow) showInfo(title, msg string) {
	cw.keys.show(cw.w, dialog.NewInformation(title, msg, cw.w), nil, nil)
}

// onEscape closes the window, unless a dialog is open in it (which
// Escape is for).
func (cw *categoriesWindow) onEscape() {
	if cw.w.Canvas().Overlays().Top() == nil {
		cw.requestClose()
	}
}

// requestClose closes the window (Đóng, Escape, Ctrl+W, the title bar's
// cross), after asking when rules typed in it are not saved: one Escape
// threw them away (usertest s26).
func (cw *categoriesWindow) requestClose() {
	names := cw.unsavedRules()
	if len(names) == 0 {
		cw.w.Close()
		return
	}
	ask := dialog.NewConfirm(lang.L("Bỏ những gì đã sửa?"),
		lang.L("Quy tắc vừa gõ cho {{.Names}} chưa được lưu (bấm “Lưu quy tắc” để lưu). Đóng cửa sổ bây giờ thì mất các thay đổi đó.", map[string]any{"Names": strings.Join(names, ", ")}),
		func(discard bool) {
			if discard {
				cw.w.Close()
			}
		}, cw.w)
	ask.SetConfirmText(lang.L("Bỏ, không lưu"))
	ask.SetConfirmImportance(widget.DangerImportance)
	ask.SetDismissText(lang.L("Tiếp tục sửa"))
	cw.keys.showKeyed(cw.w, ask, ask.Hide, ask.Hide, nil)
}

// unsavedRules names, quoted, the campaigns and topics whose rules are
// typed in the window and not saved.
func (cw *categoriesWindow) unsavedRules() []string {
	var names []string
	for _, kind := range []classify.Kind{classify.Campaign, classify.Topic} {
		t := cw.tabs[kind]
		if t == nil || !t.typed {
			continue
		}
		if c, ok := t.current(); ok && t.rules.Text != formatRules(c.Rules) {
			names = append(names, "“"+c.Name+"”")
		}
	}
	return names
}

// onShowCategories opens the campaigns and topics window.
func (v *view) onShowCategories() { v.showCategories() }

// showCategories opens the campaigns and topics window, or brings it to
// the front when it is open.
func (v *view) showCategories() *categoriesWindow {
	return showWindow(v.s, lang.L("Phong trào và chủ đề"), fyne.NewSize(1000, 620), func(w fyne.Window) *categoriesWindow {
		return &categoriesWindow{w: w, keys: &v.s.keys, tabs: map[classify.Kind]*categoryTab{}, changed: make(chan error, 8)}
	})
}

func (cw *categoriesWindow) window() fyne.Window { return cw.w }

// attach shows the campaigns and topics of v's archive.
func (cw *categoriesWindow) attach(v *view) {
	form := cw.takeForm()
	if form == nil {
		form = cw.kept
	}
	cw.kept = nil
	clearOverlays(cw.w)
	cw.v = v
	cw.w.SetTitle(lang.L("Phong trào và chủ đề"))
	old := cw.tabs
	cw.tabs = map[classify.Kind]*categoryTab{
		classify.Campaign: newCategoryTab(cw, classify.Campaign),
		classify.Topic:    newCategoryTab(cw, classify.Topic),
	}
	// The one chosen, with the rules typed for it, stays over a change of
	// language (the window is built again in the new one).
	for kind, t := range old {
		if v.arc == t.archive {
			cw.tabs[kind].keep = t.draft()
		}
	}
	// A way out in the window itself, as the Trash has, for a screen
	// where no title bar shows (usertest s12: under twm the window could
	// only be covered by the main one); Escape closes it too.
	closeBtn := newDialogButton(lang.L("Đóng"), theme.CancelIcon(), cw.requestClose)
	cw.closeBtn = &closeBtn.Button
	cw.w.SetContent(container.NewBorder(nil, container.NewBorder(nil, nil, nil, closeBtn), nil, nil, container.NewAppTabs(
		container.NewTabItem(lang.L("Phong trào"), cw.tabs[classify.Campaign].content()),
		container.NewTabItem(lang.L("Chủ đề"), cw.tabs[classify.Topic].content()),
	)))
	cw.reload()
	if form != nil && form.archive == v.arc {
		form.reopen(cw.tabs[form.kind])
	}
}

// detach empties the window while the archive is being changed; the form
// open in it is kept for attach.
func (cw *categoriesWindow) detach() {
	if f := cw.takeForm(); f != nil {
		cw.kept = f
	}
	clearOverlays(cw.w)
	cw.v = nil
	cw.w.SetContent(detachedContent())
}

// reload reads the categories and their counts again.
func (cw *categoriesWindow) reload() {
	for _, t := range cw.tabs {
		t.load()
	}
}

// apply runs a registry change; the documents are filed again in the
// background, their progress at the main window's foot (refiling.go).
func (cw *categoriesWindow) apply(op index.RegistryOp) {
	v := cw.v
	if v == nil {
		return
	}
	v.changeRegistry(op, cw.w, func(err error) {
		if cw.v == v {
			switch {
			case errors.Is(err, context.Canceled):
				cw.reload() // the rules are saved; the strip says the rest
			case errors.Is(err, index.ErrRefileUnfinished):
				// The rules are saved, the rest is filed at the next start.
				cw.reload()
				cw.showInfo(lang.L("Có lỗi"), messages.Error(err))
			case err != nil:
				// Nothing changed: what was typed stays, to be corrected.
				cw.showInfo(lang.L("Có lỗi"), messages.Error(err))
			default:
				cw.reload()
			}
		}
		v.runSearch()
		cw.changed <- err
	})
}

// categoryTab is the list of one kind with the chosen one's details.
type categoryTab struct {
	cw    *categoriesWindow
	kind  classify.Kind
	items []index.CategoryCount
	list  *escList
	// rowsWidth is the width the rows' heights were worked out for
	// (fitRows).
	rowsWidth float32
	selected  int
	name      *widget.Label
	info      *widget.Label
	rules     *dialogEntry
	detail    *fyne.Container
	// typed says that the rules box holds what the person typed, not
	// saved, rather than the rules of the one chosen.
	typed   bool
	archive *index.Archive // whose categories these are
	// keep is what the tab this one replaces (a change of language) had
	// chosen, with the rules typed in it, for load to show again.
	keep tabDraft
}

// tabDraft is the category chosen in a tab and the rules typed for it and
// not saved ("" when none were): a reload of the list, or the window
// built again after a change of language, keeps both as long as the
// category's saved rules are still those it had (usertest s26: rules being
// typed were lost when the language changed).
type tabDraft struct {
	name  string
	rules []classify.Rule // its saved rules when the draft was taken
	typed string
}

// draft is the tab's tabDraft: what load keeps over a reload.
func (t *categoryTab) draft() tabDraft {
	c, ok := t.current()
	if !ok {
		return t.keep
	}
	d := tabDraft{name: c.Name, rules: c.Rules}
	if t.typed {
		d.typed = t.rules.Text
	}
	return d
}

func newCategoryTab(cw *categoriesWindow, kind classify.Kind) *categoryTab {
	t := &categoryTab{cw: cw, kind: kind, selected: -1, name: widget.NewLabel(""), info: widget.NewLabel("")}
	if cw.v != nil {
		t.archive = cw.v.arc
	}
	t.name.TextStyle.Bold = true
	t.name.Wrapping = fyne.TextWrapWord
	t.info.Wrapping = fyne.TextWrapWord
	t.info.TextStyle.Italic = true
	// One rule a line: Enter starts a line, Tab moves on (a tab is no
	// part of a rule).
	t.rules = newDialogEntry()
	t.rules.MultiLine = true
	t.rules.Wrapping = fyne.TextWrapWord
	t.rules.OnChanged = func(string) { t.typed = true }
	// Names are shown whole, wrapped, with their counts (usertest s12: "Học
	// tập và làm theo tư tưởng, đạo đức, phong c…" hid its count), and a
	// campaign under another right after it, set in.
	t.list = newEscList(func() int { return len(t.items) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Wrapping = fyne.TextWrapWord
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(t.rowText(i))
		}, cw.onEscape)
	t.list.OnSelected = t.onSelected
	return t
}

func (t *categoryTab) content() fyne.CanvasObject {
	// Buttons that Enter presses, as Space does.
	add := newDialogButton(lang.L("Thêm…"), theme.ContentAddIcon(), t.onAdd)
	add.Importance = widget.HighImportance
	// Objects in the order Tab takes them (a Border puts its centre
	// first): Thêm… before the list; the buttons over the rules, the
	// rules, then Lưu quy tắc.
	left := container.New(layout.NewBorderLayout(add, nil, nil, nil), add, container.New(widthWatch{t.fitRows}, t.list))
	saveRules := newDialogButton(lang.L("Lưu quy tắc"), theme.DocumentSaveIcon(), t.onSaveRules)
	rename := newDialogButton(lang.L("Đổi tên…"), nil, t.onRename)
	merge := newDialogButton(lang.L("Gộp vào…"), nil, t.onMerge)
	del := newDialogButton(lang.L("Xóa"), theme.DeleteIcon(), t.onDelete)
	del.Importance = widget.DangerImportance
	if t.cw.v != nil && t.cw.v.readOnly() {
		// Nothing typed in the rules could be saved.
		t.rules.Disable()
	}
	help := widget.NewLabel(lang.L(rulesHelp))
	help.Wrapping = fyne.TextWrapWord
	help.TextStyle.Italic = true
	top := container.NewVBox(t.name, t.info, container.NewHBox(rename, merge, del), sectionLabel(lang.L("Quy tắc nhận biết")))
	bottom := container.NewVBox(help, container.NewHBox(saveRules))
	t.detail = container.New(layout.NewBorderLayout(top, bottom, nil, nil), top, t.rules, bottom)
	t.detail.Hide()
	split := container.NewHSplit(left, container.NewStack(t.detail))
	split.Offset = 0.4
	return split
}

// rulesHelp explains the rule lines, with the words of the kinds as the
// box shows them in the language of the window (ruleKindLabels); those
// of the other language are read too (ruleKindWords).
const rulesHelp = `Mỗi dòng một quy tắc: "cụm từ: 3 không - 3 cần", "một trong: từ 1; từ 2", "tất cả: từ 1; từ 2", "số hiệu: 03-CT/TW; 05-CT/TW", "biểu thức: ...". Văn bản khớp một dòng bất kỳ sẽ được xếp vào đây. Gõ không dấu (cum tu:) hay tiếng Anh (phrase:) cũng được.`

// stale reports that the window has moved on to another archive or
// language since this tab was made.
func (t *categoryTab) stale() bool { return t.cw.v == nil || t.cw.tabs[t.kind] != t }

// refuseReadOnly says, before any form opens, that an archive opened for
// reading only takes no change to its campaigns and topics. An import
// under way does not stop them: the archive takes them between its
// batches, and the documents it reads are filed under the new rules.
func (t *categoryTab) refuseReadOnly() bool {
	return !t.stale() && t.cw.v.refuseReadOnlyIn(t.cw.w)
}

func (t *categoryTab) load() {
	v := t.cw.v
	if t.stale() {
		return
	}
	find, waits := v.find, v.busyWaits
	v.spawn(func() {
		items, err := untilNotBusy(v.ctx, waits, func() ([]index.CategoryCount, error) { return find.CategoryCounts(v.ctx, t.kind) })
		v.do(func() {
			if t.stale() {
				return
			}
			if err != nil {
				t.cw.showInfo(lang.L("Có lỗi"), messages.Error(err))
				return
			}
			t.show(items)
		})
	})
}

// show lists items. The one chosen stays chosen (its new counts and rules
// shown), as long as it is still there, with the rules typed for it and
// not saved while its saved rules are unchanged.
func (t *categoryTab) show(items []index.CategoryCount) {
	was := t.draft()
	t.keep = tabDraft{}
	t.items = underParents(items)
	t.rowsWidth = 0
	t.fitRows(t.list.Size().Width)
	t.list.UnselectAll()
	t.selected = -1
	t.detail.Hide()
	t.list.Refresh()
	i := slices.IndexFunc(t.items, func(c index.CategoryCount) bool { return c.Name == was.name })
	if was.name == "" || i < 0 {
		return
	}
	t.list.Select(i)
	if was.typed != "" && reflect.DeepEqual(t.items[i].Rules, was.rules) {
		t.rules.SetText(was.typed)
		t.typed = true
	}
}

// rowText is row i as the list shows it: the name, its count, and set in
// under the campaign it belongs to.
func (t *categoryTab) rowText(i int) string {
	c := t.items[i]
	text := c.Name + " (" + formatCount(c.Documents) + ")"
	if c.Parent != "" && slices.ContainsFunc(t.items, func(p index.CategoryCount) bool { return p.Name == c.Parent }) {
		text = "    ↳ " + text
	}
	return text
}

// fitRows gives each row the height of its name wrapped at width.
func (t *categoryTab) fitRows(width float32) {
	if width <= 0 || width == t.rowsWidth {
		return
	}
	t.rowsWidth = width
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	one := l.MinSize().Height
	for i := range t.items {
		l.SetText(t.rowText(i))
		l.Resize(fyne.NewSize(width-theme.Padding()*2-theme.ScrollBarSize(), one))
		t.list.SetItemHeight(i, max(one, l.MinSize().Height))
	}
}

// underParents puts each campaign that belongs to another right after
// it (and those under it), the others keeping their order.
func underParents(items []index.CategoryCount) []index.CategoryCount {
	has := map[string]bool{}
	for _, c := range items {
		has[c.Name] = true
	}
	out := make([]index.CategoryCount, 0, len(items))
	placed := map[string]bool{}
	var place func(c index.CategoryCount)
	place = func(c index.CategoryCount) {
		if placed[c.Name] {
			return
		}
		placed[c.Name] = true
		out = append(out, c)
		for _, k := range items {
			if k.Parent == c.Name {
				place(k)
			}
		}
	}
	for _, c := range items {
		if c.Parent == "" || !has[c.Parent] || c.Parent == c.Name {
			place(c)
		}
	}
	for _, c := range items { // a loop of parents: as they were
		place(c)
	}
	return out
}

// widthWatch lays out its one object over its whole size, telling fit
// its width first.
type widthWatch struct{ fit func(float32) }

func (w widthWatch) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

func (w widthWatch) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w.fit(size.Width)
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
}

// escList is a List on which Escape, when the list has the keyboard
// (after a click on a row), closes the window: Fyne gives a key to the
// widget that has the keyboard, never to the window's own handler.
type escList struct {
	widget.List
	onEscape func()
}

func newEscList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject), onEscape func()) *escList {
	l := &escList{onEscape: onEscape}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey closes the window on Escape; other keys move in the list.
func (l *escList) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && l.onEscape != nil {
		l.onEscape()
		return
	}
	l.List.TypedKey(k)
}

func (t *categoryTab) current() (index.CategoryCount, bool) {
	if t.selected < 0 || t.selected >= len(t.items) {
		return index.CategoryCount{}, false
	}
	return t.items[t.selected], true
}

func (t *categoryTab) onSelected(i widget.ListItemID) {
	t.selected = i
	c := t.items[i]
	t.name.SetText(c.Name)
	var info []string
	if c.Parent != "" {
		info = append(info, lang.L("Thuộc phong trào: {{.Parent}}", map[string]any{"Parent": c.Parent}))
	}
	if c.Description != "" {
		info = append(info, c.Description)
	}
	info = append(info, messages.N("{{.Count}} văn bản", c.Documents, map[string]any{"Count": formatCount(c.Documents)}))
	t.info.SetText(strings.Join(info, "\n"))
	t.rules.SetText(formatRules(c.Rules))
	t.typed = false
	t.detail.Show()
}

// onAdd asks for a name (and a parent campaign) and adds it with its name
// as a phrase rule.
func (t *categoryTab) onAdd() {
	if t.stale() || t.refuseReadOnly() {
		return
	}
	t.askAdd("", "")
}

// askAdd is onAdd's form, with typed in the name and parent chosen ("" for
// none).
func (t *categoryTab) askAdd(typed, parentName string) {
	name := newDialogEntry()
	name.SetText(typed)
	items := []*widget.FormItem{widget.NewFormItem(lang.L("Tên"), name)}
	parent := newSelectBox(nil, nil)
	if t.kind == classify.Campaign {
		var names []string
		for _, c := range t.cw.v.arc.Categories(classify.Campaign) {
			names = append(names, c.Name)
		}
		parent.Options = append([]string{lang.L("(không có)")}, names...)
		parent.SetSelectedIndex(0)
		if i := slices.Index(names, parentName); i >= 0 {
			parent.SetSelectedIndex(i + 1)
		}
		items = append(items, widget.NewFormItem(lang.L("Thuộc phong trào"), parent))
	}
	t.askForm(lang.L("Thêm mới"), lang.L("Thêm"), items, name, fyne.NewSize(640, 260), func() {
		n := strings.Join(strings.Fields(name.Text), " ")
		if n == "" {
			return
		}
		c := classify.Category{Name: n, Kind: t.kind, Rules: []classify.Rule{{Kind: classify.Phrase, Terms: []string{n}}}}
		if parent.SelectedIndex() > 0 {
			c.Parent = parent.Selected
		}
		t.cw.apply(index.RegistryOp{Op: index.OpAdd, Kind: t.kind, Category: c})
	}, func(tab *categoryTab) {
		chosen := ""
		if parent.SelectedIndex() > 0 {
			chosen = parent.Selected
		}
		tab.askAdd(name.Text, chosen)
	})
}

// askForm shows a form in the window, with the keyboard in first; onOK
// runs when it is confirmed and the archive it was asked over is still
// the one shown. reopen shows it again, with what is typed in it, in a
// tab of the window built again (the cw.form).
func (t *categoryTab) askForm(title, confirm string, items []*widget.FormItem, first fyne.Focusable, size fyne.Size, onOK func(), reopen func(*categoryTab)) {
	form := &openForm{kind: t.kind, archive: t.archive, reopen: reopen}
	d := dialog.NewForm(title, confirm, lang.L("Hủy"), items, func(ok bool) {
		if t.cw.form == form {
			t.cw.form = nil
		}
		if ok && !t.stale() {
			onOK()
		}
	}, t.cw.w)
	d.Resize(size)
	t.cw.form = form
	t.cw.keys.show(t.cw.w, d, nil, first)
}

func (t *categoryTab) onRename() {
	c, ok := t.current()
	if !ok || t.refuseReadOnly() {
		return
	}
	t.askRename(c.Name, c.Name)
}

// askRename is onRename's form for the category named old, typed in the
// new name.
func (t *categoryTab) askRename(old, typed string) {
	name := newDialogEntry()
	name.SetText(typed)
	t.askForm(lang.L("Đổi tên"), lang.L("Đổi tên"), []*widget.FormItem{widget.NewFormItem(lang.L("Tên mới"), name)}, name, fyne.NewSize(640, 200), func() {
		if n := strings.Join(strings.Fields(name.Text), " "); n != "" && n != old {
			t.cw.apply(index.RegistryOp{Op: index.OpRename, Kind: t.kind, Name: old, NewName: n})
		}
	}, func(tab *categoryTab) { tab.askRename(old, name.Text) })
}

func (t *categoryTab) onMerge() {
	c, ok := t.current()
	if !ok || t.refuseReadOnly() {
		return
	}
	var names []string
	for _, o := range t.items {
		if o.Name != c.Name {
			names = append(names, o.Name)
		}
	}
	t.askMerge(c.Name, names, "")
}

// askMerge is onMerge's form for the category named from, into one of
// names, chosen the one already chosen.
func (t *categoryTab) askMerge(from string, names []string, chosen string) {
	into := newSelectBox(names, nil)
	if chosen != "" {
		into.SetSelected(chosen)
	}
	label := lang.L("Gộp “{{.Name}}” vào", map[string]any{"Name": fitText(from, 200)})
	t.askForm(lang.L("Gộp vào"), lang.L("Gộp"), []*widget.FormItem{widget.NewFormItem(label, into)}, into, fyne.NewSize(700, 220), func() {
		if into.Selected != "" {
			t.cw.apply(index.RegistryOp{Op: index.OpMerge, Kind: t.kind, Name: from, NewName: into.Selected})
		}
	}, func(tab *categoryTab) { tab.askMerge(from, names, into.Selected) })
}

func (t *categoryTab) onDelete() {
	c, ok := t.current()
	if !ok || t.refuseReadOnly() {
		return
	}
	d := dialog.NewConfirm(lang.L("Xóa"), lang.L("Xóa “{{.Name}}”? Văn bản vẫn được giữ, chỉ bỏ nhãn này.", map[string]any{"Name": c.Name}),
		func(ok bool) {
			if ok && !t.stale() {
				t.cw.apply(index.RegistryOp{Op: index.OpDelete, Kind: t.kind, Name: c.Name})
			}
		}, t.cw.w)
	d.SetConfirmImportance(widget.DangerImportance)
	t.cw.keys.show(t.cw.w, d, nil, nil)
}

func (t *categoryTab) onSaveRules() {
	c, ok := t.current()
	if !ok || t.refuseReadOnly() {
		return
	}
	if msg := t.ruleFault(); msg != "" {
		// Nothing changed: what was typed stays, to be corrected.
		t.cw.showInfo(lang.L("Có lỗi"), msg)
		return
	}
	rules, _, _ := parseRules(t.rules.Text)
	t.cw.apply(index.RegistryOp{Op: index.OpRules, Kind: t.kind, Name: c.Name, Rules: rules})
}

// ruleFault says which typed line of the rules is wrong and why, or "".
func (t *categoryTab) ruleFault() string {
	lines := strings.Split(t.rules.Text, "\n")
	rules, at, bad := parseRules(t.rules.Text)
	if bad > 0 {
		labels := ruleKindLabels()
		var kinds []string
		for _, k := range []classify.RuleKind{classify.Phrase, classify.Any, classify.All, classify.Number, classify.Regex} {
			kinds = append(kinds, "“"+labels[k]+":”")
		}
		return lang.L("Dòng {{.Line}} “{{.Text}}”: không hiểu. Mỗi dòng bắt đầu bằng {{.Kinds}}.", map[string]any{
			"Line": bad, "Text": strings.TrimSpace(lines[bad-1]), "Kinds": strings.Join(kinds, ", ")})
	}
	var re *classify.RuleError
	if err := classify.CheckRules(rules); errors.As(err, &re) {
		// The line as typed, counted with the empty lines.
		typed := *re
		typed.Line = at[re.Line-1]
		typed.Text = strings.TrimSpace(lines[typed.Line-1])
		return messages.RuleMessage(&typed)
	} else if err != nil {
		return messages.Error(err)
	}
	return ""
}

// ruleKindLabels name the rule kinds in the rule lines.
func ruleKindLabels() map[classify.RuleKind]string {
	return map[classify.RuleKind]string{
		classify.Phrase: lang.L("cụm từ"), classify.Any: lang.L("một trong"), classify.All: lang.L("tất cả"),
		classify.Number: lang.L("số hiệu"), classify.Regex: lang.L("biểu thức"),
	}
}

// ruleKindWords are the words of each rule kind taken in either language,
// whatever the one shown: rules typed in Vietnamese are read in the
// English window and the other way round (usertest session 10, finding
// 11), with or without accents.
var ruleKindWords = map[string]classify.RuleKind{
	"cụm từ": classify.Phrase, "một trong": classify.Any, "tất cả": classify.All, "số hiệu": classify.Number, "biểu thức": classify.Regex,
	"cum tu": classify.Phrase, "mot trong": classify.Any, "tat ca": classify.All, "so hieu": classify.Number, "bieu thuc": classify.Regex,
	string(classify.Phrase): classify.Phrase, string(classify.Any): classify.Any, string(classify.All): classify.All,
	string(classify.Number): classify.Number, string(classify.Regex): classify.Regex,
}

// formatRules writes rules one per line: "một trong: a; b".
func formatRules(rules []classify.Rule) string {
	labels := ruleKindLabels()
	var lines []string
	for _, r := range rules {
		lines = append(lines, labels[r.Kind]+": "+strings.Join(r.Terms, "; "))
	}
	return strings.Join(lines, "\n")
}

// parseRules reads rule lines back; at holds the line (from 1) each rule
// was typed on, and bad is the first line it cannot read (0 for none).
func parseRules(text string) (rules []classify.Rule, at []int, bad int) {
	kinds := maps.Clone(ruleKindWords)
	for k, l := range ruleKindLabels() {
		kinds[strings.ToLower(l)] = k
	}
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		label, terms, ok := strings.Cut(line, ":")
		kind, known := kinds[strings.ToLower(strings.TrimSpace(label))]
		if !ok || !known {
			return nil, nil, n + 1
		}
		var ts []string
		for _, t := range strings.Split(terms, ";") {
			if t = strings.TrimSpace(t); t != "" {
				ts = append(ts, t)
			}
		}
		rules = append(rules, classify.Rule{Kind: kind, Terms: ts})
		at = append(at, n+1)
	}
	return rules, at, 0
}
