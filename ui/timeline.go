package ui

import (
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
)

// timeline is a bar chart of the current results per year; tapping a bar
// chooses that year as a filter (and tapping it again removes it).
type timeline struct {
	widget.BaseWidget
	years    []yearCount // ascending
	selected []int
	drawn    bool // update has drawn years and selected
	// pending says that years are of an earlier search than the list's:
	// their bars are greyed, not clickable (setPending).
	pending bool
	onTap   func(year int)
}

type yearCount struct{ year, count int }

var (
	_ fyne.Widget        = (*timeline)(nil)
	_ fyne.Tappable      = (*timeline)(nil)
	_ desktop.Cursorable = (*timeline)(nil)
)

// Cursor shows a hand over the bars: they can be clicked.
func (t *timeline) Cursor() desktop.Cursor { return desktop.PointerCursor }

// timelineHeight is the chart's height, labels included.
const timelineHeight = 78

func newTimeline(onTap func(int)) *timeline {
	t := &timeline{onTap: onTap}
	t.ExtendBaseWidget(t)
	return t
}

// update shows the year facet of a search; the chart is redrawn only
// when it changes.
func (t *timeline) update(values []index.FacetValue, selected []int) {
	years := make([]yearCount, 0, len(values))
	for _, v := range values {
		y, err := strconv.Atoi(v.Value)
		if err != nil || y < 0 {
			continue
		}
		years = append(years, yearCount{y, v.Count})
	}
	slices.SortFunc(years, func(a, b yearCount) int { return a.year - b.year })
	if t.drawn && !t.pending && slices.Equal(years, t.years) && slices.Equal(selected, t.selected) {
		return
	}
	t.drawn, t.pending = true, false
	t.years = years
	t.selected = slices.Clone(selected)
	if len(t.years) == 0 {
		t.Hide()
	} else {
		t.Show()
	}
	t.Refresh()
}

// setPending greys the bars until update brings the years of the search
// shown: those held are of an earlier one (its counts come after its
// results, facetPause; usertest s11: the whole archive's years stood for
// seconds beside a search's results, read as its own). They stay drawn,
// not clickable: taken away at each key and drawn again at each pause,
// the chart flickered while the person typed (usertest s13); with none
// to draw it says "Đang đếm…".
func (t *timeline) setPending() {
	if t.pending {
		return
	}
	t.pending = true
	t.Refresh()
}

// Tapped chooses the year under the pointer.
func (t *timeline) Tapped(e *fyne.PointEvent) {
	if i := t.barAt(e.Position.X); i >= 0 && t.onTap != nil {
		t.onTap(t.years[i].year)
	}
}

// barAt is the index of the bar at x, or -1.
func (t *timeline) barAt(x float32) int {
	n := len(t.years)
	if n == 0 || t.pending {
		return -1
	}
	first, slot := t.columns(t.Size().Width)
	if x < 0 {
		return -1
	}
	i := 0
	if x >= first {
		i = 1 + int((x-first)/slot)
	}
	if i >= n {
		return -1
	}
	return i
}

// columns are the widths of the first year's column and of each other
// one: all the same, but that of undated documents, first, is as wide as
// its word "Chưa rõ" where a year's is narrower (usertest at 1024×768:
// the word, wider than its column, hid the year beside it, and the
// counts went with their years).
func (t *timeline) columns(width float32) (first, slot float32) {
	n := len(t.years)
	slot = width / float32(max(1, n))
	if n < 2 || t.years[0].year != 0 {
		return slot, slot
	}
	small := theme.CaptionTextSize()
	word := fyne.MeasureText(yearLabel(0), small, fyne.TextStyle{Bold: true}).Width + labelGap
	if word <= slot {
		return slot, slot
	}
	// And room for the half of the year beside it that is wider than its
	// column.
	year := fyne.MeasureText("2014", small, fyne.TextStyle{Bold: true}).Width
	first = word + max(0, year-(width-word)/float32(n-1))/2
	first = min(first, width*0.4)
	return first, (width - first) / float32(n-1)
}

// labelGap is the least room between two labels side by side.
const labelGap = 4

// columnX is where column i starts.
func columnX(i int, first, slot float32) float32 {
	if i == 0 {
		return 0
	}
	return first + slot*float32(i-1)
}

func (t *timeline) MinSize() fyne.Size {
	t.ExtendBaseWidget(t)
	return fyne.NewSize(100, timelineHeight)
}

// CreateRenderer draws the years the chart already holds: Fyne makes a
// new renderer when it has dropped an old one (a widget unseen for a
// while), and update redraws only when the years change, so a renderer
// made empty kept no bars while the years were there (usertest s11: a
// crash laying the chart out after a long freeze).
func (t *timeline) CreateRenderer() fyne.WidgetRenderer {
	r := &timelineRenderer{t: t}
	r.build()
	return r
}

type timelineRenderer struct {
	t       *timeline
	bars    []*canvas.Rectangle
	years   []*canvas.Text
	counts  []*canvas.Text
	objects []fyne.CanvasObject
	// wait says "Đang đếm…" while the chart is pending.
	wait *canvas.Text
}

func (r *timelineRenderer) Destroy() {}

func (r *timelineRenderer) MinSize() fyne.Size { return fyne.NewSize(100, timelineHeight) }

func (r *timelineRenderer) Objects() []fyne.CanvasObject { return r.objects }

// yearLabel is the year under its bar; undated documents (year 0) come
// first on the axis as "Chưa rõ" (unknown).
func yearLabel(year int) string {
	if year == 0 {
		return lang.L("Chưa rõ")
	}
	return strconv.Itoa(year)
}

// Refresh draws the years again.
func (r *timelineRenderer) Refresh() {
	r.build()
	r.Layout(r.t.Size())
	canvas.Refresh(r.t)
}

// build makes one bar and two labels per year, or the word that the
// years are being counted.
func (r *timelineRenderer) build() {
	n := len(r.t.years)
	if r.t.pending {
		if r.wait == nil {
			r.wait = canvas.NewText("", nil)
			r.wait.TextStyle.Italic = true
		}
		r.wait.Text = lang.L("Đang đếm…")
		r.wait.TextSize = theme.CaptionTextSize()
		r.wait.Color = theme.Color(theme.ColorNamePlaceHolder)
	}
	for len(r.bars) < n {
		r.bars = append(r.bars, canvas.NewRectangle(nil))
		r.years = append(r.years, canvas.NewText("", nil))
		r.counts = append(r.counts, canvas.NewText("", nil))
	}
	r.bars, r.years, r.counts = r.bars[:n], r.years[:n], r.counts[:n]
	r.objects = r.objects[:0]
	small := theme.CaptionTextSize()
	for i, yc := range r.t.years[:n] {
		sel := slices.Contains(r.t.selected, yc.year)
		r.bars[i].FillColor = theme.Color(theme.ColorNameDisabled)
		if (sel || len(r.t.selected) == 0) && !r.t.pending {
			r.bars[i].FillColor = theme.Color(theme.ColorNamePrimary)
		}
		r.bars[i].CornerRadius = 2
		r.years[i].Text = yearLabel(yc.year)
		r.years[i].TextSize = small
		r.years[i].TextStyle.Bold = sel
		r.years[i].Color = theme.Color(theme.ColorNameForeground)
		r.counts[i].Text = formatCount(yc.count)
		r.counts[i].TextSize = small
		r.counts[i].Color = theme.Color(theme.ColorNamePlaceHolder)
		if r.t.pending {
			r.counts[i].Color = theme.Color(theme.ColorNameDisabled)
		}
		r.objects = append(r.objects, r.bars[i], r.years[i], r.counts[i])
	}
	if r.t.pending && n == 0 {
		r.objects = append(r.objects, r.wait)
	}
}

// Layout scales the bars to the largest count. When the bars are too
// narrow for every year label, only every k-th year is written, and the
// chosen years always; a label that would overlap one already written is
// left out, chosen years having the first place.
func (r *timelineRenderer) Layout(size fyne.Size) {
	if r.t.pending && r.wait != nil && len(r.t.years) == 0 {
		m := r.wait.MinSize()
		r.wait.Move(fyne.NewPos((size.Width-m.Width)/2, (size.Height-m.Height)/2))
		return
	}
	n := len(r.t.years)
	if n == 0 || n != len(r.bars) || size.Width <= 0 {
		// Years changed and not yet built: the Refresh that follows lays out.
		return
	}
	small := theme.CaptionTextSize()
	labelH := fyne.MeasureText("2014", small, fyne.TextStyle{}).Height
	first, slot := r.t.columns(size.Width)
	// Every year is written where the widest fits its column, else every
	// k-th (undated documents' column has room for its word).
	labelW := float32(0)
	maxCount := 1
	for i, yc := range r.t.years {
		maxCount = max(maxCount, yc.count)
		if yc.year != 0 {
			labelW = max(labelW, r.years[i].MinSize().Width, r.counts[i].MinSize().Width)
		}
	}
	labelW += labelGap
	every := 1
	for slot*float32(every) < labelW && every < n {
		every++
	}
	barW := max(2, min(slot*0.7, 48))
	chartTop := labelH
	chartH := size.Height - 2*labelH - 2
	clamp := func(x, w float32) float32 { return max(0, min(size.Width-w, x)) }
	for i, yc := range r.t.years {
		col, colW := columnX(i, first, slot), slot
		if i == 0 {
			colW = first
		}
		x := col + (colW-barW)/2
		h := max(2, chartH*float32(yc.count)/float32(maxCount))
		r.bars[i].Move(fyne.NewPos(x, chartTop+chartH-h))
		r.bars[i].Resize(fyne.NewSize(barW, h))
		yw := r.years[i].MinSize().Width
		yx := col + (colW-yw)/2
		if i == 0 && first > slot {
			yx = 0 // its column is wider for it: the year beside it keeps its room
		}
		r.years[i].Move(fyne.NewPos(clamp(yx, yw), chartTop+chartH+2))
		cw := r.counts[i].MinSize().Width
		r.counts[i].Move(fyne.NewPos(clamp(col+(colW-cw)/2, cw), chartTop+chartH-h-labelH))
		r.years[i].Hidden, r.counts[i].Hidden = true, true
	}
	order := labelOrder(r.t.years, r.t.selected, every)
	const gap = labelGap
	var years, counts []fyne.CanvasObject
	free := func(o fyne.CanvasObject, placed []fyne.CanvasObject) bool {
		p, s := o.Position(), o.MinSize()
		for _, q := range placed {
			qp, qs := q.Position(), q.MinSize()
			if p.X < qp.X+qs.Width+gap && qp.X < p.X+s.Width+gap && p.Y < qp.Y+qs.Height && qp.Y < p.Y+s.Height {
				return false
			}
		}
		return true
	}
	for _, i := range order {
		if !free(r.years[i], years) {
			continue
		}
		r.years[i].Hidden = false
		years = append(years, r.years[i])
		if free(r.counts[i], counts) {
			r.counts[i].Hidden = false
			counts = append(counts, r.counts[i])
		}
	}
}

// labelOrder is the order in which the years' labels are written, each
// left out where it would overlap one written before: the chosen years
// first, then "Chưa rõ", the year with the most documents, the newest,
// and every k-th year from the first.
func labelOrder(years []yearCount, selected []int, every int) []int {
	n := len(years)
	// The chosen years first, then "Chưa rõ" and every k-th year from the
	// first: counted from "Chưa rõ", the year beside it was never written.
	var order []int
	for i, yc := range years {
		if slices.Contains(selected, yc.year) {
			order = append(order, i)
		}
	}
	from := 0
	if years[0].year == 0 {
		order = append(order, 0)
		from = 1
	}
	// Then the year with the most documents and the newest: every k-th
	// year from the first left 2025's bar, the tallest, without its count
	// or its year (usertest s23, 1024x768: 28 years, every other one
	// written).
	most := from
	for i := from; i < n; i++ {
		if years[i].count > years[most].count {
			most = i
		}
	}
	for _, i := range []int{most, n - 1} {
		if i >= from && i < n && !slices.Contains(order, i) {
			order = append(order, i)
		}
	}
	for i := from; i < n; i += every {
		if !slices.Contains(order, i) {
			order = append(order, i)
		}
	}
	return order
}
