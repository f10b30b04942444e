package ui

import (
	"reflect"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
)

// browsePanel lists the values of each facet with their counts; ticking
// one narrows the results to it.
type browsePanel struct {
	// headers fold and unfold each facet's values, which sections hold
	// (hidden while folded), in facetTitles order.
	headers  []*sectionHeader
	column   *fyne.Container
	sections map[string]*fyne.Container
	onToggle func(facet, value string, on bool)
	// checks are the current check boxes by facet and value, for tests.
	checks map[string]map[string]*facetCheck
	pool   map[string][]*facetCheck // reused check boxes by facet
	empty  map[string]fyne.CanvasObject
	// scroll is the column's scroll; focused the value that had the
	// keyboard last; onTab leaves the panel (focus.go).
	scroll  *container.Scroll
	focused fyne.Focusable
	// focusedValue is the facet and value that had the keyboard last: its
	// check box may show another value after a search.
	focusedValue [2]string
	onTab        func(fyne.Focusable)
	onRune       func(rune) // a letter typed in the panel (focus.go)
	onEscape     func()     // Escape in the panel (focus.go)
	keys         *keyFocus
	// facets are what update showed last; pending says that their counts
	// are of an earlier search than the list's and are greyed
	// (setPending), counting says so beside the panel's title.
	facets   map[string][]index.FacetValue
	pending  bool
	counting *widget.Label
}

// facetTitles names the facets in the panel, in display order.
func facetTitles() []struct{ name, title string } {
	return []struct{ name, title string }{
		{index.FacetCampaign, fieldLabel(index.FieldCampaigns)},
		{index.FacetYear, fieldLabel(index.FieldYear)},
		{index.FacetTopic, fieldLabel(index.FieldTopics)},
		{index.FacetType, fieldLabel(index.FieldType)},
		{index.FacetIssuer, fieldLabel(index.FieldIssuer)},
	}
}

func newBrowsePanel(onToggle func(facet, value string, on bool)) *browsePanel {
	p := &browsePanel{sections: map[string]*fyne.Container{}, onToggle: onToggle, checks: map[string]map[string]*facetCheck{},
		pool: map[string][]*facetCheck{}, empty: map[string]fyne.CanvasObject{}}
	p.column = container.NewVBox()
	p.counting = widget.NewLabel(lang.L("Đang đếm…"))
	p.counting.Importance = widget.LowImportance
	p.counting.TextStyle.Italic = true
	// Cut rather than widen the column: shown and hidden at each search,
	// it moved the column's edge.
	p.counting.Truncation = fyne.TextTruncateEllipsis
	p.counting.Hide()
	for i, f := range facetTitles() {
		box := container.NewVBox()
		box.Hide()
		p.sections[f.name] = box
		none := widget.NewLabel(lang.L("(không có)"))
		none.Importance = widget.LowImportance
		p.empty[f.name] = none
		h := newSectionHeader(p, f.title, box)
		p.headers = append(p.headers, h)
		if i > 0 {
			p.column.Add(widget.NewSeparator())
		}
		p.column.Add(h)
		p.column.Add(box)
		if i < 2 { // the campaigns and the years
			h.setOpen(true)
		}
	}
	return p
}

// content is the column: top (the saved searches), then the facets.
func (p *browsePanel) content(top fyne.CanvasObject) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(lang.L("Duyệt theo"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.scroll = container.NewVScroll(container.NewVBox(top, container.NewBorder(nil, nil, title, nil, p.counting), p.column))
	return p.scroll
}

// update shows the counts of a search, keeping chosen values visible. The
// check boxes are reused from one search to the next, as this runs on
// every keystroke, and only what changed is redrawn.
//
// With facets nil (a query that could not be run) the column holds the
// chosen values alone, without counts, so that the person can still take
// them off, and no count of an earlier query is read as this one's.
// update ends a wait for the counts (setPending).
func (p *browsePanel) update(facets map[string][]index.FacetValue, f index.Filters) {
	p.facets = facets
	if p.pending {
		p.pending = false
		p.counting.Hide()
	}
	p.show(facets, f, facets != nil)
}

// setPending says that the counts shown are of an earlier search than the
// list's (a keystroke's results come before their counts, facetPause):
// the values stay with their counts greyed, "Đang đếm…" beside the
// title, until update brings the search's own (usertest s11: the whole
// archive's counts stood for seconds beside a search's results, read as
// its own). Taken away at each key and written again at each pause, they
// flickered while the person typed (usertest s13). f are the filters of
// the search shown, whose chosen values stay listed.
func (p *browsePanel) setPending(f index.Filters) {
	if !p.pending {
		p.pending = true
		p.counting.Show()
	}
	p.show(p.facets, f, p.facets != nil)
}

// show lists the values of facets, with their counts when counted.
func (p *browsePanel) show(facets map[string][]index.FacetValue, f index.Filters, counted bool) {
	chosen := chosenValues(f)
	relaid := false
	for _, ft := range facetTitles() {
		values := slices.Clone(facets[ft.name])
		for _, c := range chosen[ft.name] {
			if !slices.ContainsFunc(values, func(v index.FacetValue) bool { return v.Value == c }) {
				values = append(values, index.FacetValue{Value: c})
			}
		}
		pool := p.pool[ft.name]
		for len(pool) < len(values) {
			c := newFacetCheck()
			c.check.p = p
			pool = append(pool, c)
		}
		p.pool[ft.name] = pool
		checks := map[string]*facetCheck{}
		objs := make([]fyne.CanvasObject, 0, len(values))
		// greyed: counts greyed or shown again, which lays the rows out
		// as a change of text does (the column is fitted after it).
		retexted, greyed := false, false
		for i, fv := range values {
			name, value := ft.name, fv.Value
			c := pool[i]
			count := fv.Count
			if !counted {
				count = -1
			}
			text := p.label(name, value, count)
			retexted = retexted || c.label.Text != text
			greyed = greyed || (c.label.Importance == widget.LowImportance) != p.pending
			c.set(text, slices.Contains(chosen[name], value), p.pending, func(on bool) { p.onToggle(name, value, on) })
			c.facet, c.value = name, value
			checks[value] = c
			objs = append(objs, c)
		}
		if len(objs) == 0 {
			objs = append(objs, p.empty[ft.name])
		}
		p.checks[ft.name] = checks
		box := p.sections[ft.name]
		switch {
		case !sameObjects(box.Objects, objs):
			box.Objects = objs
			box.Refresh()
		case (retexted || greyed) && box.Visible():
			// The same rows with other values: a row keeps the height of
			// the value it showed before unless laid out again.
			relayout(box)
			relaid = true
		}
	}
	if relaid {
		p.fitColumn()
	}
	p.clampScroll()
}

// fitColumn lays the facets out again below a section whose rows changed
// height, and fits the scrolled content to them, without refreshing every
// row (which would redraw each check box).
func (p *browsePanel) fitColumn() {
	relayout(p.column)
	if p.scroll == nil {
		return
	}
	c := p.scroll.Content
	size := fyne.NewSize(c.Size().Width, max(c.MinSize().Height, p.scroll.Size().Height))
	if size == c.Size() {
		relayout(c)
		return
	}
	c.Resize(size)
}

// clampScroll keeps the column's offset within its content: scrolled far
// down, then made shorter by a narrower search, it showed nothing at all
// until the wheel was turned.
func (p *browsePanel) clampScroll() {
	s := p.scroll
	if s == nil {
		return
	}
	end := max(0, s.Content.MinSize().Height-s.Size().Height)
	if s.Offset.Y > end {
		s.ScrollToOffset(fyne.NewPos(s.Offset.X, end))
	}
}

// facetCheck is one facet value: a check box and its label, which is
// also tapped to tick. They are apart because redrawing a check box
// decodes its SVG icon again: only the label changes as counts follow
// the query, the box only when ticked or unticked.
type facetCheck struct {
	widget.BaseWidget
	check     *facetBox
	label     *widget.Label
	onChanged func(on bool)
	// facet and value are what it shows now (check boxes are reused).
	facet, value string
}

var _ fyne.Tappable = (*facetCheck)(nil)

func newFacetCheck() *facetCheck {
	f := &facetCheck{label: widget.NewLabel("")}
	f.label.Wrapping = fyne.TextWrapWord
	f.check = newFacetBox(f, func(on bool) {
		if f.onChanged != nil {
			f.onChanged(on)
		}
	})
	f.ExtendBaseWidget(f)
	return f
}

func (f *facetCheck) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(&fyne.Container{Layout: &facetLayout{}, Objects: []fyne.CanvasObject{f.check, f.label}})
}

// Tapped on the label ticks or unticks the box.
func (f *facetCheck) Tapped(*fyne.PointEvent) { f.check.SetChecked(!f.check.Checked) }

// set shows text and checked, greyed when stale (counts of an earlier
// search), redrawing only what changed.
func (f *facetCheck) set(text string, checked, stale bool, onChanged func(bool)) {
	f.onChanged = nil
	if f.check.Checked != checked {
		f.check.SetChecked(checked)
	}
	f.onChanged = onChanged
	imp := widget.MediumImportance
	if stale {
		imp = widget.LowImportance
	}
	if f.label.Text != text || f.label.Importance != imp {
		f.label.Text, f.label.Importance = text, imp
		f.label.Refresh()
	}
}

// facetLayout puts the check box's square and the label side by side,
// the text where a check box with text writes it.
type facetLayout struct {
	width float32 // the width it was last laid out at
}

// facetTextX is where the label starts: the check box writes its text
// after the square and its focus ring, and the label pads its text.
func facetTextX() float32 {
	return theme.Size(theme.SizeNameInlineIcon) + 2*theme.Size(theme.SizeNameInputBorder)
}

func (l *facetLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(objs[0].MinSize().Width, size.Height))
	x := facetTextX()
	objs[1].Move(fyne.NewPos(x, 0))
	objs[1].Resize(fyne.NewSize(max(0, size.Width-x), size.Height))
}

// MinSize counts the lines the label wraps to at the width the row had:
// a wrapped label reports the height of its last layout, which is stale
// when a reused row gets a longer value, and rows then overlap.
func (l *facetLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	c, m := objs[0].MinSize(), objs[1].MinSize()
	h := m.Height
	if label, ok := objs[1].(*widget.Label); ok && l.width > 0 {
		pad := theme.InnerPadding()
		lines := wrappedLines(label.Text, l.width-facetTextX()-2*pad, label.TextStyle)
		h = float32(lines)*fyne.MeasureText("Ág", theme.TextSize(), label.TextStyle).Height + 2*pad
	}
	return fyne.NewSize(max(c.Width, facetTextX()+m.Width), max(c.Height, h))
}

// wrappedLines is how many lines text takes at width, wrapped at spaces.
func wrappedLines(text string, width float32, style fyne.TextStyle) int {
	size := theme.TextSize()
	space := fyne.MeasureText(" ", size, style).Width
	lines, x := 1, float32(0)
	for _, word := range strings.Fields(text) {
		w := fyne.MeasureText(word, size, style).Width
		if x > 0 && x+space+w > width {
			lines, x = lines+1, 0
		}
		if x > 0 {
			x += space
		}
		x += w
	}
	return lines
}

func sameObjects(a, b []fyne.CanvasObject) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// label is "Kế hoạch (12)". The whole value is shown, wrapped over as
// many lines as the panel's width needs: values that differ only at
// their end ("Ủy ban nhân dân xã A", "… xã B") must be told apart. A
// count below 0 is none known: the value alone.
func (p *browsePanel) label(facet, value string, count int) string {
	shown := value
	if facet == index.FacetYear && value == "0" {
		shown = lang.L("Chưa rõ năm")
	}
	if count < 0 {
		return shown
	}
	return shown + " (" + formatCount(count) + ")"
}

// fitText shortens s with "…" so that it is at most width wide.
func fitText(s string, width float32) string { return fitTextSize(s, width, theme.TextSize()) }

// fitTextSize is fitText for text of the given size.
func fitTextSize(s string, width, size float32) string {
	return fitRunes(s, width, size, fyne.TextStyle{}, func(r []rune, n int) string {
		if n == len(r) {
			return s
		}
		return string(r[:n]) + "…"
	})
}

// fitRunes finds the most runes n of s for which cut(runes, n) fits width
// at the given text size and style, and returns cut(runes, n).
func fitRunes(s string, width, size float32, style fyne.TextStyle, cut func(r []rune, n int) string) string {
	fits := func(t string) bool { return fyne.MeasureText(t, size, style).Width <= width }
	r := []rune(s)
	if fits(cut(r, len(r))) {
		return cut(r, len(r))
	}
	lo, hi := 0, len(r)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fits(cut(r, mid)) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return cut(r, lo)
}

// chosenValues lists the filter values by facet name.
func chosenValues(f index.Filters) map[string][]string {
	years := make([]string, len(f.Years))
	for i, y := range f.Years {
		years[i] = strconv.Itoa(y)
	}
	return map[string][]string{
		index.FacetCampaign: f.Campaigns, index.FacetTopic: f.Topics, index.FacetType: f.Types,
		index.FacetIssuer: f.Issuers, index.FacetYear: years,
	}
}

// toggle adds or removes one value of a facet from the filters.
func toggle(f index.Filters, facet, value string, on bool) index.Filters {
	set := func(list []string) []string {
		list = slices.DeleteFunc(slices.Clone(list), func(s string) bool { return s == value })
		if on {
			list = append(list, value)
		}
		return list
	}
	switch facet {
	case index.FacetCampaign:
		f.Campaigns = set(f.Campaigns)
	case index.FacetTopic:
		f.Topics = set(f.Topics)
	case index.FacetType:
		f.Types = set(f.Types)
	case index.FacetIssuer:
		f.Issuers = set(f.Issuers)
	case index.FacetYear:
		y, err := strconv.Atoi(value)
		if err != nil {
			return f
		}
		f.Years = slices.DeleteFunc(slices.Clone(f.Years), func(v int) bool { return v == y })
		if on {
			f.Years = append(f.Years, y)
		}
	}
	return f
}

// onFilterToggled narrows or widens the results by a facet value.
func (v *view) onFilterToggled(facet, value string, on bool) {
	v.state.filters = toggle(v.state.filters, facet, value, on)
	v.state.dropped = ""
	v.runSearch()
}

// onYearTapped chooses or unchooses a year from the timeline.
func (v *view) onYearTapped(year int) {
	on := !slices.Contains(v.state.filters.Years, year)
	v.onFilterToggled(index.FacetYear, strconv.Itoa(year), on)
}

// chipBar shows the chosen filters as buttons that remove them.
type chipBar struct {
	box     *fyne.Container
	flow    *flowLayout
	chips   []*tabButton
	labels  []string      // the chips' words, whole (fit)
	clear   *tabButton    // Bỏ hết bộ lọc, when more than one is chosen
	filters index.Filters // the filters shown
	shown   bool
}

func newChipBar(do func(func())) *chipBar {
	c := &chipBar{flow: newFlowLayout(do)}
	c.flow.onWidth = c.fit
	c.box = container.New(c.flow)
	return c
}

// chipWidth is the most a chip's words take, when the bar has room.
const chipWidth = 300

// fit cuts each chip's words to what the bar's width leaves them, so that
// a chip is never wider than the bar: the results column beside an open
// document at 1024x768 is about 315 pixels, and a campaign's chip, cut to
// 300 pixels of plain text but drawn bold with its "✕", overflowed it on
// both sides, its "✕" on the divider (usertest s25).
func (c *chipBar) fit(width float32) {
	if width <= 0 {
		return
	}
	for i, b := range c.chips {
		style := fyne.TextStyle{Bold: true} // as a button draws its words
		size := theme.TextSize()
		around := b.MinSize().Width - fyne.MeasureText(b.Text, size, style).Width
		room := min(width-around, chipWidth+fyne.MeasureText(chipX, size, style).Width)
		text := fitRunes(c.labels[i], room, size, style, func(r []rune, n int) string {
			if n == len(r) {
				return c.labels[i] + chipX
			}
			return string(r[:n]) + "…" + chipX
		})
		if text != b.Text {
			b.SetText(text)
		}
	}
}

// chipX ends a chip's words: the chip removes its filter.
const chipX = "  ✕"

func (c *chipBar) object() fyne.CanvasObject { return c.box }

// buttons are the chips shown and Bỏ hết bộ lọc, for Tab (focus.go).
func (c *chipBar) buttons() []*tabButton {
	bs := c.chips
	if c.clear != nil {
		bs = append(slices.Clone(bs), c.clear)
	}
	return shownIn(c.box, bs...)
}

// chip is one chosen filter value.
type chip struct{ facet, value string }

func (c *chipBar) update(f index.Filters, onRemove func(chip)) {
	if c.shown && reflect.DeepEqual(f, c.filters) {
		return // the same chips: typing does not change them
	}
	c.shown, c.filters = true, f
	c.chips, c.labels, c.clear = nil, nil, nil
	var objs []fyne.CanvasObject
	titles := map[string]string{}
	for _, ft := range facetTitles() {
		titles[ft.name] = ft.title
	}
	chosen := chosenValues(f)
	for _, ft := range facetTitles() {
		for _, value := range chosen[ft.name] {
			ch := chip{ft.name, value}
			shown := value
			if ft.name == index.FacetYear && value == "0" {
				shown = yearLabel(0) // as the year chart writes it, not "Năm: 0"
			}
			label := titles[ft.name] + ": " + shown
			b := newTabButton(fitText(label, chipWidth)+chipX, nil, func() { onRemove(ch) })
			b.Importance = widget.MediumImportance
			c.chips = append(c.chips, b)
			c.labels = append(c.labels, label)
			objs = append(objs, b)
		}
	}
	if f.Unsure {
		ch := chip{facet: facetUnsure}
		b := newTabButton(lang.L("Cần xem lại")+chipX, nil, func() { onRemove(ch) })
		b.Importance = widget.WarningImportance
		c.chips = append(c.chips, b)
		c.labels = append(c.labels, lang.L("Cần xem lại"))
		objs = append(objs, b)
	}
	if len(objs) > 1 {
		clear := newTabButton(lang.L("Bỏ hết bộ lọc"), nil, func() { onRemove(chip{facet: facetAll}) })
		clear.Importance = widget.LowImportance
		c.clear = clear
		objs = append(objs, clear)
	}
	c.box.Objects = objs
	c.fit(c.flow.width)
	c.box.Refresh()
}

// Pseudo-facets of chips that are not facet values.
const (
	facetUnsure = "unsure"
	facetAll    = "all"
)

// onChipRemoved drops a filter.
func (v *view) onChipRemoved(c chip) {
	v.state.dropped = ""
	switch c.facet {
	case facetAll:
		v.state.filters = index.Filters{}
	case facetUnsure:
		v.state.filters.Unsure = false
	default:
		v.state.filters = toggle(v.state.filters, c.facet, c.value, false)
	}
	v.runSearch()
}

// flowLayout places objects left to right, wrapping onto new rows. Its
// height depends on its width, which Fyne's layouts do not ask for: it
// remembers the last width and, when that changes the height it needs,
// has the container around it (outer) laid out again.
//
// That second layout is put off with the view's do until the pass that
// asked for it is over (in tests do is a queue that settle runs).
type flowLayout struct {
	width, height float32
	outer         fyne.CanvasObject
	do            func(func())
	// onWidth, when set, is told the width before the objects are placed
	// (chipBar.fit).
	onWidth func(width float32)
}

func newFlowLayout(do func(func())) *flowLayout { return &flowLayout{do: do} }

func (l *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if l.onWidth != nil && size.Width != l.width {
		l.onWidth(size.Width)
	}
	l.width = size.Width
	h := flow(objs, size.Width, func(o fyne.CanvasObject, pos fyne.Position, size fyne.Size) {
		o.Move(pos)
		o.Resize(size)
	})
	if h != l.height {
		l.height = h
		if l.outer != nil {
			l.do(func() { relayout(l.outer) })
		}
	}
}

// flow places the visible objects in rows of the given width, each at
// its minimum size (no wider than a row), calls place for each, and
// returns the height of the rows.
func flow(objs []fyne.CanvasObject, width float32, place func(fyne.CanvasObject, fyne.Position, fyne.Size)) float32 {
	x, y, rowH := float32(0), float32(0), float32(0)
	pad := theme.Padding()
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		w := min(m.Width, width)
		if x > 0 && x+w > width {
			x, y, rowH = 0, y+rowH+pad, 0
		}
		if place != nil {
			place(o, fyne.NewPos(x, y), fyne.NewSize(w, m.Height))
		}
		x += w + pad
		rowH = max(rowH, m.Height)
	}
	return y + rowH
}

// relayout lays o out again where it is, to take the new height of
// something inside it. A container is laid out and repainted without
// refreshing what it holds: Refresh would measure again every line of
// the text below (a long law's text made each change of a row of buttons
// above it cost seconds, and the keys typed meanwhile waited).
func relayout(o fyne.CanvasObject) {
	c, ok := o.(*fyne.Container)
	if !ok || c.Layout == nil {
		o.Refresh()
		return
	}
	c.Layout.Layout(c.Objects, c.Size())
	canvas.Refresh(c)
}

func (l *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	width := l.width
	if width <= 0 {
		width = 400
	}
	return fyne.NewSize(0, flow(objs, width, nil))
}
