package ui

import (
	"encoding/json"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
)

// prefSavedSearches holds the saved searches, as JSON, in the app's
// preferences.
const prefSavedSearches = "searches.saved"

// savedSearch is a search kept under a name: the words typed, the
// filters chosen and the order, brought back with one click.
type savedSearch struct {
	Name    string        `json:"name"`
	Query   string        `json:"query"`
	Filters index.Filters `json:"filters"`
	Sort    index.Sort    `json:"sort"`
}

func loadSavedSearches(p fyne.Preferences) []savedSearch {
	var out []savedSearch
	if s := p.String(prefSavedSearches); s != "" {
		if err := json.Unmarshal([]byte(s), &out); err != nil {
			fyne.LogError("saved searches", err)
			return nil
		}
	}
	return out
}

func storeSavedSearches(p fyne.Preferences, list []savedSearch) {
	data, err := json.Marshal(list)
	if err != nil {
		fyne.LogError("saved searches", err)
		return
	}
	p.SetString(prefSavedSearches, string(data))
}

// savedPanel lists the saved searches at the top of the browse column,
// with a button to save the one on screen.
type savedPanel struct {
	v    *view
	list *fyne.Container
	save *tabButton
	box  *fyne.Container
	// runs are the buttons of the saved searches, each with its forget.
	runs []*tabButton
}

func newSavedPanel(v *view) *savedPanel {
	p := &savedPanel{v: v, list: container.NewVBox()}
	p.save = newTabButton(lang.L("Lưu tìm kiếm này…"), theme.ContentAddIcon(), p.onSave)
	p.save.Importance = widget.LowImportance
	title := widget.NewLabelWithStyle(lang.L("Tìm kiếm đã lưu"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.box = container.NewVBox(title, p.list, p.save, widget.NewSeparator())
	p.refresh()
	return p
}

func (p *savedPanel) object() fyne.CanvasObject { return p.box }

// buttons are the panel's buttons shown, for Tab (focus.go).
func (p *savedPanel) buttons() []*tabButton {
	return shownIn(p.box, append(slices.Clone(p.runs), p.save)...)
}

// refresh shows the saved searches, each a button that runs it and one
// that forgets it.
func (p *savedPanel) refresh() {
	var objs []fyne.CanvasObject
	p.runs = nil
	for _, s := range loadSavedSearches(p.v.s.app.Preferences()) {
		// A long name is cut to the column's width: the button's width
		// would widen the column.
		run := newTabButton(fitBold(s.Name, savedNameWidth), theme.SearchIcon(), func() { p.v.applySearch(s) })
		run.Alignment = widget.ButtonAlignLeading
		run.Importance = widget.LowImportance
		forget := newTabButton("", theme.CancelIcon(), func() { p.onForget(s.Name) })
		forget.Importance = widget.LowImportance
		p.runs = append(p.runs, run, forget)
		objs = append(objs, container.NewBorder(nil, nil, nil, forget, container.New(&nameFit{b: run, name: s.Name}, run)))
	}
	if len(objs) == 0 {
		hint := widget.NewLabel(lang.L("Chưa có. Tìm và lọc, rồi bấm “Lưu tìm kiếm này”."))
		hint.Wrapping = fyne.TextWrapWord
		// In italics, not greyed: the theme's grey for what is disabled
		// was all but unreadable on white (seen under Xvfb, session 16).
		hint.TextStyle.Italic = true
		objs = append(objs, hint)
	}
	p.list.Objects = objs
	p.list.Refresh()
}

// onSave asks for a name and keeps the search on screen under it; a name
// already used is replaced.
func (p *savedPanel) onSave() {
	name := newDialogEntry()
	name.SetText(p.suggestName())
	items := []*widget.FormItem{widget.NewFormItem(lang.L("Tên"), name)}
	d := dialog.NewForm(lang.L("Lưu tìm kiếm"), lang.L("Lưu"), lang.L("Hủy"), items, func(ok bool) {
		if ok {
			p.saveAs(name.Text)
		}
	}, p.v.win)
	// Wide enough for a name of 40-50 letters.
	d.Resize(fyne.NewSize(min(520, p.v.win.Canvas().Size().Width-40), d.MinSize().Height))
	p.v.showDialog(d, name)
}

// savedNameWidth is the most a saved search's name takes in the browse
// column: no wider than its "Lưu tìm kiếm này…" button, which sets the
// column's least width.
const savedNameWidth = 88

// nameFit gives a saved search's button the name cut to the width it is
// given, asking only the width of the name cut to savedNameWidth: a name
// cut to that width alone read "neu guon…" in a column with room for
// "neu guong, Cải cách hà…" (seen under Xvfb at 1366x768, session 18).
type nameFit struct {
	b    *tabButton
	name string
}

// bold is the style of a button's words.
var bold = fyne.TextStyle{Bold: true}

// fitBold is fitText for a button's bold words.
func fitBold(s string, width float32) string {
	r := []rune(s)
	fits := func(t string) bool { return fyne.MeasureText(t, theme.TextSize(), bold).Width <= width }
	if fits(s) {
		return s
	}
	lo, hi := 0, len(r)-1
	for lo < hi {
		if mid := (lo + hi + 1) / 2; fits(string(r[:mid]) + "…") {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return string(r[:lo]) + "…"
}

// chrome is the button's width besides its words (icon, padding).
func (f *nameFit) chrome() float32 {
	return f.b.MinSize().Width - fyne.MeasureText(f.b.Text, theme.TextSize(), bold).Width
}

func (f *nameFit) MinSize([]fyne.CanvasObject) fyne.Size {
	least := fyne.MeasureText(fitBold(f.name, savedNameWidth), theme.TextSize(), bold).Width
	return fyne.NewSize(f.chrome()+least, f.b.MinSize().Height)
}

func (f *nameFit) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	if text := fitBold(f.name, size.Width-f.chrome()); text != f.b.Text {
		f.b.SetText(text)
	}
	f.b.Move(fyne.NewPos(0, 0))
	f.b.Resize(size)
}

// saveAs keeps the current search under name.
func (p *savedPanel) saveAs(name string) {
	name = strings.TrimSpace(name)
	if name == "" {
		return
	}
	v := p.v
	s := savedSearch{Name: name, Query: v.state.query, Filters: v.state.filters, Sort: v.state.sort}
	prefs := v.s.app.Preferences()
	list := slices.DeleteFunc(loadSavedSearches(prefs), func(o savedSearch) bool { return o.Name == name })
	storeSavedSearches(prefs, append(list, s))
	p.refresh()
}

// suggestName is a first name for the search on screen, which the person
// may change: the words typed, the values chosen, "Cần xem lại" for the
// review list, and the order when it is not the usual one; "Tất cả văn
// bản" when nothing narrows the list (usertest s25: the review list, or
// the whole archive newest first, opened the dialog with an empty name).
func (p *savedPanel) suggestName() string {
	var parts []string
	st := p.v.state
	if q := strings.Join(strings.Fields(st.query), " "); q != "" {
		parts = append(parts, q)
	}
	for _, ft := range facetTitles() {
		parts = append(parts, chosenValues(st.filters)[ft.name]...)
	}
	if st.filters.Unsure {
		parts = append(parts, lang.L("Cần xem lại"))
	}
	if len(parts) == 0 {
		parts = append(parts, lang.L("Tất cả văn bản"))
	}
	if i := slices.Index(sortOrders, st.sort); i > 0 {
		parts = append(parts, strings.ToLower(sortLabels()[i]))
	}
	return strings.Join(parts, ", ")
}

func (p *savedPanel) onForget(name string) {
	prefs := p.v.s.app.Preferences()
	storeSavedSearches(prefs, slices.DeleteFunc(loadSavedSearches(prefs), func(o savedSearch) bool { return o.Name == name }))
	p.refresh()
}

// applySearch puts a saved search on screen: its words in the search box,
// its filters and its order.
func (v *view) applySearch(s savedSearch) {
	v.state.filters = s.Filters
	if i := slices.Index(sortOrders, s.Sort); i >= 0 {
		v.state.sort = s.Sort
		v.search.sort.SetSelectedIndex(i)
	}
	v.search.entry.SetText(s.Query)
	v.state.query = s.Query
	v.runSearch()
}
