package ui

import (
	"slices"
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"khovanban/index"
)

func TestTimeline(t *testing.T) {
	test.NewTempApp(t)
	var tapped []int
	tl := newTimeline(func(y int) { tapped = append(tapped, y) })
	tl.update([]index.FacetValue{{Value: "2016", Count: 4}, {Value: "2014", Count: 2}, {Value: "0", Count: 9}, {Value: "2015", Count: 1}}, []int{2015})
	// Undated documents (year 0) come first, as "Chưa rõ".
	if len(tl.years) != 4 || tl.years[0].year != 0 || tl.years[1].year != 2014 || tl.years[3].year != 2016 {
		t.Fatalf("years %v", tl.years)
	}
	if got := yearLabel(0); got != "Chưa rõ" {
		t.Errorf("the unknown year is labelled %q", got)
	}
	w := test.NewTempWindow(t, tl)
	w.Resize(fyne.NewSize(320, timelineHeight+8))
	test.AssertRendersToMarkup(t, "timeline.xml", w.Canvas())
	test.TapAt(tl, fyne.NewPos(tl.Size().Width-2, 30))
	test.TapAt(tl, fyne.NewPos(1, 30))
	if len(tapped) != 2 || tapped[0] != 2016 || tapped[1] != 0 {
		t.Errorf("tapped %v", tapped)
	}
	tl.update(nil, nil)
	if tl.Visible() {
		t.Error("an empty timeline shows")
	}
}

// TestTimelineLabelsDoNotOverlap: on a narrow chart only every few years
// are written, and the chosen years always; two chosen years side by side
// (2015 and 2016) wrote "20152016" over each other, and their counts too.
func TestTimelineLabelsDoNotOverlap(t *testing.T) {
	test.NewTempApp(t)
	var values []index.FacetValue
	for y := 2005; y <= 2025; y++ {
		values = append(values, index.FacetValue{Value: strconv.Itoa(y), Count: 9000 + y})
	}
	for _, selected := range [][]int{nil, {2015}, {2015, 2016}, {2014, 2015, 2016}, {2005, 2006}, {2024, 2025}} {
		tl := newTimeline(nil)
		tl.update(values, selected)
		w := test.NewTempWindow(t, tl)
		w.Resize(fyne.NewSize(450, timelineHeight+8))
		r := test.TempWidgetRenderer(t, tl).(*timelineRenderer)
		type box struct {
			text           string
			x0, y0, x1, y1 float32
		}
		check := func(kind string, texts []*canvas.Text) {
			var shown []box
			for _, tx := range texts {
				if !tx.Visible() {
					continue
				}
				p, s := tx.Position(), tx.MinSize()
				b := box{tx.Text, p.X, p.Y, p.X + s.Width, p.Y + s.Height}
				for _, o := range shown {
					if b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1 {
						t.Errorf("chosen %v: %s %q at %.0f–%.0f overlaps %q at %.0f–%.0f", selected, kind, b.text, b.x0, b.x1, o.text, o.x0, o.x1)
					}
				}
				shown = append(shown, b)
			}
			if len(shown) < 4 {
				t.Errorf("chosen %v: only %d %s labels written", selected, len(shown), kind)
			}
		}
		check("year", r.years)
		check("count", r.counts)
		for i, yc := range tl.years {
			if slices.Contains(selected, yc.year) && len(selected) == 1 && !r.years[i].Visible() {
				t.Errorf("the chosen year %d is not written", yc.year)
			}
		}
	}
}

// TestTimelineWritesTheTallestAndNewest: where only every few years are
// written, the year with the most documents and the newest are written
// with their counts, the others thinned round them without overlap
// (usertest s23, 1024x768: of 28 years every other one was written, and
// 2025, the tallest bar, had neither its year nor its count). Here the
// tallest is 2019, an odd year among 23 from 2004, which every other
// year from the first would leave out.
func TestTimelineWritesTheTallestAndNewest(t *testing.T) {
	test.NewTempApp(t)
	values := []index.FacetValue{{Value: "0", Count: 14}}
	for y := 2004; y <= 2026; y++ {
		c := 10 + y%7
		if y == 2019 {
			c = 222
		}
		values = append(values, index.FacetValue{Value: strconv.Itoa(y), Count: c})
	}
	tl := newTimeline(nil)
	tl.update(values, nil)
	w := test.NewTempWindow(t, tl)
	w.Resize(fyne.NewSize(450, timelineHeight+8))
	r := test.TempWidgetRenderer(t, tl).(*timelineRenderer)
	written := 0
	var boxes [][2]float32
	for i, yc := range tl.years {
		if !r.years[i].Visible() {
			continue
		}
		written++
		p, s := r.years[i].Position(), r.years[i].MinSize()
		for _, b := range boxes {
			if p.X < b[1] && b[0] < p.X+s.Width {
				t.Errorf("%q at %.0f–%.0f overlaps another year", r.years[i].Text, p.X, p.X+s.Width)
			}
		}
		boxes = append(boxes, [2]float32{p.X, p.X + s.Width})
		if (yc.year == 2019 || yc.year == 2026) && !r.counts[i].Visible() {
			t.Errorf("%d's count is not written", yc.year)
		}
	}
	if written == len(tl.years) || written < 5 {
		t.Fatalf("%d of %d years written: not the thinned chart meant", written, len(tl.years))
	}
	for i, yc := range tl.years {
		if (yc.year == 2019 || yc.year == 2026) && !r.years[i].Visible() {
			t.Errorf("%d (%d documents) is not written", yc.year, yc.count)
		}
	}
	// Undated documents alone: their column, and nothing past it.
	tl.update([]index.FacetValue{{Value: "0", Count: 3}}, nil)
	if !r.years[0].Visible() {
		t.Error("the undated documents' column is not written alone")
	}
}

// TestTimelineYearsBesideUndated: the chart of the 240 real documents in
// the list beside an open document at 1024×768 (312 px) writes every
// year and every count: "Chưa rõ", wider than a year's column, hid 2016
// beside it, and the labels were thinned to every other year, 2025 and
// its 171 among those left out. A tap on each column chooses its year.
func TestTimelineYearsBesideUndated(t *testing.T) {
	test.NewTempApp(t)
	counts := map[int]int{0: 1, 2016: 1, 2018: 2, 2020: 1, 2021: 1, 2022: 1, 2024: 8, 2025: 171, 2026: 41}
	var values []index.FacetValue
	for y, c := range counts {
		values = append(values, index.FacetValue{Value: strconv.Itoa(y), Count: c})
	}
	var tapped []int
	tl := newTimeline(func(y int) { tapped = append(tapped, y) })
	tl.update(values, nil)
	w := test.NewTempWindow(t, tl)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(312, timelineHeight))
	r := test.TempWidgetRenderer(t, tl).(*timelineRenderer)
	var boxes [][2]float32
	for i, yc := range tl.years {
		for _, tx := range []*canvas.Text{r.years[i], r.counts[i]} {
			if !tx.Visible() {
				t.Errorf("%s (%d documents): %q is not written", yearLabel(yc.year), yc.count, tx.Text)
			}
		}
		p, s := r.years[i].Position(), r.years[i].MinSize()
		for _, b := range boxes {
			if p.X < b[1] && b[0] < p.X+s.Width {
				t.Errorf("%q at %.0f–%.0f overlaps a year before it", r.years[i].Text, p.X, p.X+s.Width)
			}
		}
		boxes = append(boxes, [2]float32{p.X, p.X + s.Width})
		bar := r.bars[i]
		test.TapAt(tl, fyne.NewPos(bar.Position().X+bar.Size().Width/2, 30))
	}
	want := []int{0, 2016, 2018, 2020, 2021, 2022, 2024, 2025, 2026}
	if !slices.Equal(tapped, want) {
		t.Errorf("tapping each bar chose %v, want %v", tapped, want)
	}
	// Where not every year fits (quyet tam's 11 years beside an open
	// document), the one beside "Chưa rõ" is written still.
	for _, y := range []int{2017, 2019, 2023} {
		values = append(values, index.FacetValue{Value: strconv.Itoa(y), Count: 1})
	}
	tl.update(values, nil)
	if !r.years[0].Visible() || !r.years[1].Visible() || r.years[2].Visible() {
		t.Errorf("11 years in 312 px: %q %v, %q %v, %q %v", r.years[0].Text, r.years[0].Visible(), r.years[1].Text, r.years[1].Visible(), r.years[2].Text, r.years[2].Visible())
	}
}

// TestTimelineRendererMadeAgain: Fyne drops the renderer of a widget
// unseen for a while and makes a new one; the chart must draw the years
// it holds in it (usertest s11: laying out a new renderer panicked with
// "index out of range [0] with length 0" when the reader closed after a
// long freeze, losing the window).
func TestTimelineRendererMadeAgain(t *testing.T) {
	test.NewTempApp(t)
	tl := newTimeline(nil)
	tl.update([]index.FacetValue{{Value: "2014", Count: 2}, {Value: "2016", Count: 4}}, nil)
	r := tl.CreateRenderer().(*timelineRenderer)
	r.Layout(fyne.NewSize(300, timelineHeight))
	if len(r.bars) != 2 || len(r.Objects()) != 6 {
		t.Fatalf("a new renderer draws %d bars, %d objects; want 2 and 6", len(r.bars), len(r.Objects()))
	}
	if r.bars[1].Size().Height <= r.bars[0].Size().Height {
		t.Errorf("bar of 4 documents %v not taller than that of 2 %v", r.bars[1].Size(), r.bars[0].Size())
	}
	// The same years given again draw nothing new, yet the chart is whole.
	tl.update([]index.FacetValue{{Value: "2014", Count: 2}, {Value: "2016", Count: 4}}, nil)
	r.Layout(fyne.NewSize(200, timelineHeight))
	if r.bars[0].Size().Width == 0 {
		t.Error("bars not laid out after the same years came again")
	}
}
