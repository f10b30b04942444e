package ui

import (
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The keyboard on the main screen. Tab and Shift+Tab go round its parts:
// the search box, the results, the open document's text, the reader's
// buttons and links (reader.tabStops), the browse
// panel and the toolbar's controls (☰, the query help, the order, Nhập,
// Cần xem lại, the Trash, the settings), in that order, skipping a part
// that is not shown: Tab from the search box goes to the results (on
// the welcome of an empty archive, to its buttons). Within
// a part the arrows, Page Up/Down, Home and End move: through the results
// (opening each), down the text, from title to value in the browse panel
// (Space ticks a value, Enter or Space folds or unfolds a facet's title).
// A letter typed in the results, the text or the panel goes to the search
// box. A click on a result or a value leaves the keyboard in the search
// box: the person may be typing on, and a space would tick the row.
// Fyne's own order (the order of the widget tree) still moves between the
// other buttons once one of them has the keyboard.

// keyFocus tells the results and the browse values whether the keyboard
// comes to them by a key (Tab, an arrow) or by a click.
type keyFocus struct {
	byKeys bool
	canvas fyne.Canvas
	search fyne.Focusable
	do     func(func())
	// away is the part that had the keyboard when the window lost it (to
	// another window, a system dialog): when the window gets it back, the
	// part keeps it, as after a key, not sent to the search box as after
	// a click (closing the Trash or the campaigns left it in the search
	// box).
	away fyne.Focusable
}

// focus gives f the keyboard, as a key does.
func (k *keyFocus) focus(f fyne.Focusable) {
	k.byKeys = true
	k.canvas.Focus(f)
	k.byKeys = false
}

// lost notes that f lost the keyboard. When f still has the canvas's
// focus once the event is over, it was the window that lost it.
func (k *keyFocus) lost(f fyne.Focusable) {
	if k == nil || k.do == nil {
		return
	}
	k.do(func() {
		if k.canvas.Focused() == f {
			k.away = f
		}
	})
}

// keep reports whether f, a part that has just been given the keyboard,
// keeps it: when a click gave it, the keyboard goes back to the search
// box; when the window got it back, f keeps it.
func (k *keyFocus) keep(f fyne.Focusable) bool {
	if k == nil || k.byKeys {
		return true
	}
	if k.away != nil && k.away == f {
		k.away = nil
		return true
	}
	k.canvas.Focus(k.search)
	return false
}

// focusStops are the parts Tab goes round, in order: the toolbar's
// controls come last, so that Tab from the search box goes to the results.
func (v *view) focusStops() []fyne.Focusable {
	stops := []fyne.Focusable{v.search.entry}
	if len(v.body.Objects) == 0 || v.body.Objects[0] != v.main {
		// The welcome of an empty archive.
		for _, b := range v.welcome.buttons {
			if b.Visible() {
				stops = append(stops, b)
			}
		}
		return append(stops, v.toolbar...)
	}
	stops = v.buttonStops(stops, shownIn(v.search.undo, v.search.undo), v.chips.buttons())
	if v.results.total > 0 {
		stops = append(stops, v.results.list)
	}
	stops = v.buttonStops(stops, v.bulk.buttons())
	if v.reader.doc != nil {
		stops = append(stops, v.reader.text)
		stops = append(stops, v.reader.tabStops()...)
	}
	if !v.panels.folded {
		stops = v.buttonStops(stops, v.saved.buttons())
		if b := v.browse.focusTarget(); b != nil {
			stops = append(stops, b)
		}
	}
	stops = v.buttonStops(stops, v.imports.buttons(), v.refiles.buttons())
	return append(stops, v.toolbar...)
}

// buttonStops adds the buttons to stops, and gives them Tab by the rules
// above: with Fyne's order alone no key reached the selection bar, the
// chips, the saved searches or the import strip (session 16).
func (v *view) buttonStops(stops []fyne.Focusable, groups ...[]*tabButton) []fyne.Focusable {
	for _, bs := range groups {
		for _, b := range bs {
			if b.onTab == nil {
				b.onTab = func() { v.onTab(b) }
			}
			stops = append(stops, b)
		}
	}
	return stops
}

// shownIn are the buttons shown, box (which holds them) being shown.
func shownIn(box fyne.CanvasObject, bs ...*tabButton) []*tabButton {
	if !box.Visible() {
		return nil
	}
	var out []*tabButton
	for _, b := range bs {
		if b.Visible() {
			out = append(out, b)
		}
	}
	return out
}

// moveFocus gives the keyboard to the part delta (+1 Tab, -1 Shift+Tab)
// away from from.
func (v *view) moveFocus(from fyne.Focusable, delta int) {
	stops := v.focusStops()
	i := slices.Index(stops, from)
	if inBrowse(from) {
		i = slices.IndexFunc(stops, inBrowse)
	}
	n := len(stops)
	next := stops[0]
	if i >= 0 {
		next = stops[(i+delta+n)%n]
	}
	v.results.list.keys.focus(next)
}

// onTab is what a part does with Tab: Shift goes back.
func (v *view) onTab(from fyne.Focusable) {
	delta := 1
	if v.s.keyModifiers()&fyne.KeyModifierShift != 0 {
		delta = -1
	}
	v.moveFocus(from, delta)
}

// typeIntoSearch puts a letter typed elsewhere into the search box, at its
// end, and gives the box the keyboard, so that nothing typed is lost.
func (v *view) typeIntoSearch(r rune) {
	e := v.search.entry
	v.win.Canvas().Focus(e)
	e.CursorRow = 0
	e.CursorColumn = len([]rune(e.Text))
	e.TypedRune(r)
}

// wireKeys connects the parts to the keyboard rules above.
func (v *view) wireKeys() {
	keys := &keyFocus{canvas: v.win.Canvas(), search: v.search.entry, do: v.do}
	v.results.list.keys = keys
	v.browse.keys = keys
	v.search.entry.onTab = func() { v.onTab(v.search.entry) }
	v.results.list.onTab = func() { v.onTab(v.results.list) }
	v.results.list.onRune = v.typeIntoSearch
	v.reader.text.onTab = func() { v.onTab(v.reader.text) }
	v.reader.text.onRune = v.typeIntoSearch
	v.results.list.onKey = v.onKey
	v.reader.text.onKey = v.onKey
	v.search.entry.onHelp = v.onHelpKey
	v.search.entry.onF3 = v.onMatchKey
	v.search.entry.onDelete = func() { v.onKey(&fyne.KeyEvent{Name: fyne.KeyDelete}) }
	v.browse.onTab = v.onTab
	v.browse.onRune = v.typeIntoSearch
	for _, b := range v.reader.buttons() {
		b.onTab = func() { v.onTab(b) }
	}
	// Escape steps back: from the reader to the results, from the
	// results or the panel to the search box; only in the search box
	// does it empty the search (search.go).
	v.reader.text.onEscape = v.escape(v.onReaderEscape)
	for _, b := range v.reader.buttons() {
		b.onEscape = v.escape(v.onReaderEscape)
	}
	v.results.list.onEscape = v.escape(v.onFocusSearch)
	v.browse.onEscape = v.escape(v.onFocusSearch)
}

// escape is f, for Escape typed in a part of the window, unless an edit
// form is opening: the key then stops it, and does nothing else.
func (v *view) escape(f func()) func() {
	return func() {
		if !v.reader.cancelEdit() {
			f()
		}
	}
}

// onReaderEscape gives the keyboard, from the reader, back to the
// results, on the row of the open document when it is listed; the
// search, the results and the document stay as they are. With no
// results it goes to the search box.
func (v *view) onReaderEscape() {
	l := v.results.list
	if v.results.total == 0 {
		v.onFocusSearch()
		return
	}
	if d := v.reader.doc; d != nil {
		v.results.choose(d.ID)
	}
	l.keys.focus(l)
}

// wireToolbar gives Tab on the toolbar's controls to the rules above,
// once the toolbar is made.
func (v *view) wireToolbar() {
	for _, f := range v.toolbar {
		switch c := f.(type) {
		case *tabButton:
			c.onTab = func() { v.onTab(c) }
			c.onKey = v.onKey
		case *selectBox:
			c.onTab = func() { v.onTab(c) }
		}
	}
}

// scrollStep is how far an arrow key scrolls text: two lines.
func scrollStep() float32 {
	return 2 * (fyne.MeasureText("Ág", theme.TextSize(), fyne.TextStyle{}).Height + theme.LineSpacing())
}

// scrollByKey scrolls s for an arrow, Page Up/Down, Home or End key, and
// reports whether k was one of them.
func scrollByKey(s *container.Scroll, k fyne.KeyName) bool {
	page := max(scrollStep(), s.Size().Height-scrollStep())
	end := max(0, s.Content.MinSize().Height-s.Size().Height)
	y := s.Offset.Y
	switch k {
	case fyne.KeyUp:
		y -= scrollStep()
	case fyne.KeyDown:
		y += scrollStep()
	case fyne.KeyPageUp:
		y -= page
	case fyne.KeyPageDown:
		y += page
	case fyne.KeyHome:
		y = 0
	case fyne.KeyEnd:
		y = end
	default:
		return false
	}
	s.ScrollToOffset(fyne.NewPos(s.Offset.X, max(0, min(end, y))))
	return true
}

// scrollIntoView scrolls s the least that shows all of o (its top, when
// o is taller than s), o being somewhere inside s's content.
func scrollIntoView(s *container.Scroll, o fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(s.Content).Y
	bottom := top + o.Size().Height
	y := s.Offset.Y
	switch {
	case top < y || o.Size().Height > s.Size().Height:
		y = top
	case bottom > y+s.Size().Height:
		y = bottom - s.Size().Height
	default:
		return
	}
	s.ScrollToOffset(fyne.NewPos(s.Offset.X, max(0, y)))
}

// newFocusFrame is the line drawn round a part that has the keyboard
// (showFrame shows it).
func newFocusFrame() *canvas.Rectangle {
	f := canvas.NewRectangle(color.Transparent)
	f.StrokeWidth = 2
	f.Hide()
	return f
}

// showFrame shows frame f in the primary colour of the theme in use now
// (4.0:1 on the dark background, 4.5:1 on the light one): the focus
// colour, see-through, gave 2.1:1 on white, and taken when the frame was
// made it stayed the dark theme's pale blue (1.6:1) after a switch to the
// light one (seen under Xvfb, session 16).
func showFrame(f *canvas.Rectangle) {
	f.StrokeColor = theme.Color(theme.ColorNamePrimary)
	f.Show()
	f.Refresh()
}

// textScroll is the open document's text: it takes the keyboard when
// tapped or tabbed to, and scrolls with the arrows, Page Up/Down, Home and
// End.
type textScroll struct {
	widget.BaseWidget
	scroll *container.Scroll
	frame  *canvas.Rectangle
	onTab  func()
	onRune func(rune)
	onKey  func(*fyne.KeyEvent) bool // the window's Delete and F1 (shortcuts.go)
	// onEscape gives the keyboard back to the results (focus.go).
	onEscape func()
	// onWidth runs after the text is laid out at a new width, with where
	// it was scrolled to before (the new width may have moved it).
	onWidth func(before fyne.Position)
}

var (
	_ fyne.Focusable = (*textScroll)(nil)
	_ fyne.Tabbable  = (*textScroll)(nil)
	_ fyne.Tappable  = (*textScroll)(nil)
)

func newTextScroll(s *container.Scroll) *textScroll {
	t := &textScroll{scroll: s, frame: newFocusFrame()}
	t.ExtendBaseWidget(t)
	return t
}

func (t *textScroll) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(t.scroll, t.frame))
}

// Resize lays the text out at its new size, then tells onWidth if the
// width changed.
func (t *textScroll) Resize(size fyne.Size) {
	old, before := t.Size(), t.scroll.Offset
	t.BaseWidget.Resize(size)
	if size.Width != old.Width && t.onWidth != nil {
		t.onWidth(before)
	}
}

// Tapped gives the text the keyboard.
func (t *textScroll) Tapped(*fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(t); c != nil {
		c.Focus(t)
	}
}

func (t *textScroll) FocusGained() { showFrame(t.frame) }
func (t *textScroll) FocusLost()   { t.frame.Hide(); t.frame.Refresh() }
func (t *textScroll) AcceptsTab() bool {
	return true
}

func (t *textScroll) TypedRune(r rune) {
	if t.onRune != nil {
		t.onRune(r)
	}
}

func (t *textScroll) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyTab {
		if t.onTab != nil {
			t.onTab()
		}
		return
	}
	if t.onKey != nil && t.onKey(k) {
		return
	}
	if k.Name == fyne.KeyEscape && t.onEscape != nil {
		t.onEscape()
		return
	}
	scrollByKey(t.scroll, k.Name)
}

// keyList is the results list with the keys of focus.go: the arrows, Page
// Up/Down, Home and End select (and open) a result, Space ticks it, Enter
// opens it. It shows that it has the keyboard by a frame round it, not by
// the list's own mark on a row, which would stand apart from the
// selection.
type keyList struct {
	widget.List
	keys   *keyFocus
	r      *resultList
	frame  *canvas.Rectangle
	onTab  func()
	onRune func(rune)
	onKey  func(*fyne.KeyEvent) bool // the window's Delete and F1 (shortcuts.go)
	// onEscape gives the keyboard to the search box, which keeps its
	// text.
	onEscape func()
}

var _ fyne.Tabbable = (*keyList)(nil)

func newKeyList(r *resultList) *keyList {
	l := &keyList{r: r, frame: newFocusFrame()}
	l.Length = r.length
	l.CreateItem = func() fyne.CanvasObject { return newResultRow() }
	l.UpdateItem = r.updateItem
	l.ExtendBaseWidget(l)
	return l
}

func (l *keyList) FocusGained() {
	if l.keys.keep(l) {
		showFrame(l.frame)
	}
}
func (l *keyList) FocusLost() { l.frame.Hide(); l.frame.Refresh(); l.keys.lost(l) }
func (l *keyList) AcceptsTab() bool {
	return true
}

func (l *keyList) TypedRune(r rune) {
	if r == ' ' {
		if i := l.r.selected; i >= 0 {
			_, on := l.r.marked[l.r.idAt(i)]
			l.r.mark(i, !on, false)
		}
		return
	}
	if l.onRune != nil {
		l.onRune(r)
	}
}

func (l *keyList) TypedKey(k *fyne.KeyEvent) {
	r := l.r
	switch k.Name {
	case fyne.KeyTab:
		if l.onTab != nil {
			l.onTab()
		}
	case fyne.KeyUp:
		r.move(-1)
	case fyne.KeyDown:
		r.move(1)
	case fyne.KeyPageUp:
		r.move(-resultsPage)
	case fyne.KeyPageDown:
		r.move(resultsPage)
	case fyne.KeyHome:
		r.move(-r.total)
	case fyne.KeyEnd:
		r.move(r.total)
	case fyne.KeyReturn, fyne.KeyEnter:
		r.openSelected()
	case fyne.KeyEscape:
		if l.onEscape != nil {
			l.onEscape()
		}
	default:
		if l.onKey != nil {
			l.onKey(k)
		}
	}
}

// resultsPage is how many results Page Up and Page Down move.
const resultsPage = 10

// inBrowse reports whether f is in the browse panel.
func inBrowse(f fyne.Focusable) bool {
	switch f.(type) {
	case *facetBox, *sectionHeader:
		return true
	}
	return false
}

// facetBox is a browse value's check box: Space ticks it, the arrows,
// Page Up/Down, Home and End move to another value or section title of
// the panel, and the panel scrolls to show the one that has the keyboard.
type facetBox struct {
	widget.Check
	p     *browsePanel
	owner *facetCheck
}

var _ fyne.Tabbable = (*facetBox)(nil)

func newFacetBox(owner *facetCheck, onChanged func(bool)) *facetBox {
	b := &facetBox{owner: owner}
	b.OnChanged = onChanged
	b.ExtendBaseWidget(b)
	return b
}

// AcceptsTab: in the browse panel, Tab goes to the panel's rules
// (focus.go); in a dialog's list it moves on, as in any dialog.
func (b *facetBox) AcceptsTab() bool { return b.p != nil }

func (b *facetBox) FocusLost() {
	b.Check.FocusLost()
	if b.p != nil {
		b.p.keys.lost(b)
	}
}

func (b *facetBox) FocusGained() {
	if b.p != nil && !b.p.keys.keep(b) {
		return
	}
	b.Check.FocusGained()
	if b.p != nil {
		b.p.gained(b, b.owner)
	}
}

// TypedRune ticks the box for a space; a letter goes to the search box.
func (b *facetBox) TypedRune(r rune) {
	if r != ' ' && b.p != nil && b.p.onRune != nil {
		b.p.onRune(r)
		return
	}
	b.Check.TypedRune(r)
}

// TypedKey: in a dialog's list (the edit form's campaigns and topics)
// Enter and Escape are the dialog's; Escape did nothing there.
func (b *facetBox) TypedKey(k *fyne.KeyEvent) {
	if b.p != nil {
		b.p.typedKey(b, k)
		return
	}
	dialogKey(b, k)
}

// sectionHeader is a facet's title: tapped, or Space or Enter when it has
// the keyboard, folds or unfolds the facet's values; the arrows move on
// as in the values.
type sectionHeader struct {
	widget.Button
	p    *browsePanel
	box  *fyne.Container
	open bool
	ring keyRing
}

var _ fyne.Tabbable = (*sectionHeader)(nil)

func newSectionHeader(p *browsePanel, title string, box *fyne.Container) *sectionHeader {
	h := &sectionHeader{p: p, box: box}
	h.Text = title
	h.Alignment = widget.ButtonAlignLeading
	h.Importance = widget.LowImportance
	h.OnTapped = func() { h.setOpen(!h.open) }
	h.ring.button = &h.Button
	h.ExtendBaseWidget(h)
	h.setOpen(false)
	return h
}

// setOpen unfolds (open) or folds the section.
func (h *sectionHeader) setOpen(open bool) {
	h.open = open
	if open {
		h.SetIcon(theme.MenuDropUpIcon())
		h.box.Show()
	} else {
		h.SetIcon(theme.MenuDropDownIcon())
		h.box.Hide()
	}
	// The column and its scroll take the new height; a Refresh of the
	// column would redraw every value's check box.
	if s := h.p.scroll; s != nil {
		relayout(s.Content)
		s.Refresh()
		h.p.clampScroll()
	}
}

func (h *sectionHeader) AcceptsTab() bool                    { return true }
func (h *sectionHeader) CreateRenderer() fyne.WidgetRenderer { return h.ring.renderer() }

func (h *sectionHeader) FocusLost() {
	h.ring.FocusLost()
	h.p.keys.lost(h)
}

func (h *sectionHeader) FocusGained() {
	if !h.p.keys.keep(h) {
		return
	}
	h.ring.FocusGained()
	h.p.gained(h, h)
}

// TypedRune folds or unfolds for a space; a letter goes to the search box.
func (h *sectionHeader) TypedRune(r rune) {
	if r != ' ' && h.p.onRune != nil {
		h.p.onRune(r)
		return
	}
	h.Button.TypedRune(r)
}

func (h *sectionHeader) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter {
		h.setOpen(!h.open)
		return
	}
	h.p.typedKey(h, k)
}

// gained remembers f, which has the keyboard, and scrolls the panel to
// show o, its widget.
func (p *browsePanel) gained(f fyne.Focusable, o fyne.CanvasObject) {
	p.focused = f
	p.focusedValue = [2]string{}
	if b, ok := f.(*facetBox); ok {
		p.focusedValue = [2]string{b.owner.facet, b.owner.value}
	}
	if p.scroll != nil {
		scrollIntoView(p.scroll, o)
	}
}

// typedKey moves the keyboard from f through the panel's titles and
// values for the arrows, Page Up/Down, Home and End; Tab leaves it.
func (p *browsePanel) typedKey(f fyne.Focusable, k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyTab:
		if p.onTab != nil {
			p.onTab(f)
		}
		return
	case fyne.KeyEscape:
		if p.onEscape != nil {
			p.onEscape()
		}
		return
	}
	items := p.items()
	i := slices.Index(items, f)
	if i < 0 {
		return
	}
	switch k.Name {
	case fyne.KeyHome:
		i = 0
	case fyne.KeyEnd:
		i = len(items) - 1
	default:
		d, ok := map[fyne.KeyName]int{fyne.KeyUp: -1, fyne.KeyDown: 1, fyne.KeyPageUp: -resultsPage, fyne.KeyPageDown: resultsPage}[k.Name]
		if !ok {
			return
		}
		i = max(0, min(len(items)-1, i+d))
	}
	p.keys.focus(items[i])
}

// items are the panel's section titles and the check boxes of the
// values shown, in order; those of a folded section are not.
func (p *browsePanel) items() []fyne.Focusable {
	var out []fyne.Focusable
	for i, ft := range facetTitles() {
		out = append(out, p.headers[i])
		box := p.sections[ft.name]
		if !box.Visible() {
			continue
		}
		for _, o := range box.Objects {
			if c, ok := o.(*facetCheck); ok {
				out = append(out, c.check)
			}
		}
	}
	return out
}

// boxes are the check boxes of the values shown, in order.
func (p *browsePanel) boxes() []*facetBox {
	var out []*facetBox
	for _, f := range p.items() {
		if b, ok := f.(*facetBox); ok {
			out = append(out, b)
		}
	}
	return out
}

// focusTarget is where Tab comes to in the panel: what had the keyboard
// last, if it is still shown, else the first value, else the first title.
func (p *browsePanel) focusTarget() fyne.Focusable {
	items := p.items()
	if v := p.focusedValue; v[0] != "" {
		if c, ok := p.checks[v[0]][v[1]]; ok && slices.Contains(items, fyne.Focusable(c.check)) {
			return c.check
		}
	} else if slices.Contains(items, p.focused) {
		return p.focused
	}
	if b := p.boxes(); len(b) > 0 {
		return b[0]
	}
	return items[0]
}

// tabStops are the reader's buttons and links shown, in the order Tab
// goes through them after its text, the order they are read in: the
// formats under the title, the row of actions (its "⋯", Đóng), the row
// of matches (▲, ▼, Chép đoạn này), then the related documents beside
// the text. Fyne's own order went from the actions to the browse panel:
// no key reached the row of matches or the links, and Shift+Tab went
// from the panel to the text past every button (session 17).
func (r *reader) tabStops() []fyne.Focusable {
	var out []fyne.Focusable
	if r.formats.Visible() {
		for _, o := range r.formats.Objects {
			if b, ok := o.(*tabButton); ok && b.Visible() {
				out = append(out, b)
			}
		}
	}
	for _, b := range append(slices.Clone(r.bar.items), r.bar.more, r.closeDoc, r.prev, r.next, r.copyPassage) {
		if b.Visible() {
			out = append(out, b)
		}
	}
	if len(r.metaBox.Objects) > 0 {
		for _, l := range r.links {
			out = append(out, l)
		}
	}
	return out
}

// tabButton is a button of the main window that hands Tab to onTab and
// the window's Delete and F1 to onKey; Enter presses it, as Space does.
// Escape closes the dialog on top; with none, it does onEscape (the
// reader's buttons: back to the results), or else what it does in the
// window (the keyboard to the search box, which keeps its text): Fyne's
// button kept it, Escape on a reader's button did nothing (session 15),
// then emptied the search (session 16).
type tabButton struct {
	widget.Button
	onTab    func()
	onKey    func(*fyne.KeyEvent) bool
	onEscape func()
	ring     keyRing
}

var _ fyne.Tabbable = (*tabButton)(nil)

func newTabButton(label string, icon fyne.Resource, tapped func()) *tabButton {
	b := &tabButton{}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ring.button = &b.Button
	b.ExtendBaseWidget(b)
	return b
}

func (b *tabButton) CreateRenderer() fyne.WidgetRenderer { return b.ring.renderer() }
func (b *tabButton) FocusGained()                        { b.ring.FocusGained() }
func (b *tabButton) FocusLost()                          { b.ring.FocusLost() }

func (b *tabButton) AcceptsTab() bool { return b.onTab != nil }

func (b *tabButton) TypedKey(k *fyne.KeyEvent) {
	switch {
	case k.Name == fyne.KeyTab && b.onTab != nil:
		b.onTab()
	case k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter:
		if !b.Disabled() {
			b.Tapped(nil)
		}
	case b.onKey != nil && b.onKey(k):
	case k.Name == fyne.KeyEscape:
		c := canvasOf(b)
		switch {
		case c == nil:
		case b.onEscape != nil && c.Overlays().Top() == nil:
			b.onEscape()
		case c.OnTypedKey() != nil:
			c.OnTypedKey()(k)
		}
	default:
		b.Button.TypedKey(k)
	}
}
