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

// The keyboard on the main screen. Tab and Shift+Tab go round its four
// parts: the search box, the results, the open document's text and the
// browse panel's values, in that order, skipping a part that is not
// shown. Within a part the arrows, Page Up/Down, Home and End move:
// through the results (opening each), down the text, from value to
// value in the browse panel (Space ticks one). A letter typed in the
// results or the text goes to the search box. A click on a result or a
// value leaves the keyboard in the search box: the person may be typing
// on, and a space would tick the row. Fyne's own order (the order of the
// widget tree) still moves between the other buttons once one of them
// has the keyboard.

// keyFocus tells the results and the browse values whether the keyboard
// comes to them by a key (Tab, an arrow) or by a click.
type keyFocus struct {
	byKeys bool
	canvas fyne.Canvas
	search fyne.Focusable
}

// focus gives f the keyboard, as a key does.
func (k *keyFocus) focus(f fyne.Focusable) {
	k.byKeys = true
	k.canvas.Focus(f)
	k.byKeys = false
}

// keep reports whether a part that has just been given the keyboard
// keeps it: when a click gave it, the keyboard goes back to the search box.
func (k *keyFocus) keep() bool {
	if k == nil || k.byKeys {
		return true
	}
	k.canvas.Focus(k.search)
	return false
}

// focusStops are the parts Tab goes round, in order.
func (v *view) focusStops() []fyne.Focusable {
	stops := []fyne.Focusable{v.search.entry}
	if len(v.body.Objects) == 0 || v.body.Objects[0] != v.main {
		return stops // the welcome of an empty archive
	}
	if v.results.total > 0 {
		stops = append(stops, v.results.list)
	}
	if v.reader.doc != nil {
		stops = append(stops, v.reader.text)
	}
	if b := v.browse.focusTarget(); b != nil && !v.panels.folded {
		stops = append(stops, b)
	}
	return stops
}

// moveFocus gives the keyboard to the part delta (+1 Tab, -1 Shift+Tab)
// away from from.
func (v *view) moveFocus(from fyne.Focusable, delta int) {
	stops := v.focusStops()
	i := slices.Index(stops, from)
	if _, ok := from.(*facetBox); ok {
		i = slices.IndexFunc(stops, func(f fyne.Focusable) bool { _, ok := f.(*facetBox); return ok })
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
	if keyModifiers()&fyne.KeyModifierShift != 0 {
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
	keys := &keyFocus{canvas: v.win.Canvas(), search: v.search.entry}
	v.results.list.keys = keys
	v.browse.keys = keys
	v.search.entry.onTab = func() { v.onTab(v.search.entry) }
	v.results.list.onTab = func() { v.onTab(v.results.list) }
	v.results.list.onRune = v.typeIntoSearch
	v.reader.text.onTab = func() { v.onTab(v.reader.text) }
	v.reader.text.onRune = v.typeIntoSearch
	v.browse.onTab = func(b *facetBox) { v.onTab(b) }
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

// focusFrame is the line drawn round a part that has the keyboard.
func newFocusFrame() *canvas.Rectangle {
	f := canvas.NewRectangle(color.Transparent)
	f.StrokeColor = theme.Color(theme.ColorNameFocus)
	f.StrokeWidth = 2
	f.Hide()
	return f
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

// Tapped gives the text the keyboard.
func (t *textScroll) Tapped(*fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(t); c != nil {
		c.Focus(t)
	}
}

func (t *textScroll) FocusGained() { t.frame.Show(); t.frame.Refresh() }
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
	if l.keys.keep() {
		l.frame.Show()
		l.frame.Refresh()
	}
}
func (l *keyList) FocusLost() { l.frame.Hide(); l.frame.Refresh() }
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
	}
}

// resultsPage is how many results Page Up and Page Down move.
const resultsPage = 10

// facetBox is a browse value's check box: Space ticks it, the arrows,
// Page Up/Down, Home and End move to another value of the panel, and the
// panel scrolls to show the one that has the keyboard.
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

func (b *facetBox) AcceptsTab() bool { return true }

func (b *facetBox) FocusGained() {
	if b.p != nil && !b.p.keys.keep() {
		return
	}
	b.Check.FocusGained()
	if b.p != nil {
		b.p.focused = b
		b.p.showFocused(b)
	}
}

func (b *facetBox) TypedKey(k *fyne.KeyEvent) {
	if b.p == nil {
		return
	}
	if k.Name == fyne.KeyTab {
		if b.p.onTab != nil {
			b.p.onTab(b)
		}
		return
	}
	delta := map[fyne.KeyName]int{fyne.KeyUp: -1, fyne.KeyDown: 1, fyne.KeyPageUp: -resultsPage, fyne.KeyPageDown: resultsPage}
	boxes := b.p.boxes()
	i := slices.Index(boxes, b)
	if i < 0 || len(boxes) == 0 {
		return
	}
	switch k.Name {
	case fyne.KeyHome:
		i = 0
	case fyne.KeyEnd:
		i = len(boxes) - 1
	default:
		d, ok := delta[k.Name]
		if !ok {
			return
		}
		i = max(0, min(len(boxes)-1, i+d))
	}
	b.p.keys.focus(boxes[i])
}

// boxes are the check boxes of the values shown, in the panel's order;
// those of a folded section are not.
func (p *browsePanel) boxes() []*facetBox {
	var out []*facetBox
	for _, ft := range facetTitles() {
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

// focusTarget is the value Tab comes to in the panel: the one that had
// the keyboard last, if it is still shown, else the first; nil when no
// value is shown.
func (p *browsePanel) focusTarget() *facetBox {
	boxes := p.boxes()
	if len(boxes) == 0 {
		return nil
	}
	if slices.Contains(boxes, p.focused) {
		return p.focused
	}
	return boxes[0]
}

// showFocused scrolls the panel to show the value that has the keyboard.
func (p *browsePanel) showFocused(b *facetBox) {
	if p.scroll != nil {
		scrollIntoView(p.scroll, b.owner)
	}
}
