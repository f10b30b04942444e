package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"khovanban/index"
)

func TestTimeline(t *testing.T) {
	test.NewTempApp(t)
	var tapped []int
	tl := newTimeline(func(y int) { tapped = append(tapped, y) })
	tl.update([]index.FacetValue{{Value: "2016", Count: 4}, {Value: "2014", Count: 2}, {Value: "0", Count: 9}, {Value: "2015", Count: 1}}, []int{2015})
	if len(tl.years) != 3 || tl.years[0].year != 2014 || tl.years[2].year != 2016 {
		t.Fatalf("years %v", tl.years)
	}
	w := test.NewTempWindow(t, tl)
	w.Resize(fyne.NewSize(320, timelineHeight+8))
	test.AssertRendersToMarkup(t, "timeline.xml", w.Canvas())
	test.TapAt(tl, fyne.NewPos(tl.Size().Width-2, 30))
	test.TapAt(tl, fyne.NewPos(1, 30))
	if len(tapped) != 2 || tapped[0] != 2016 || tapped[1] != 2014 {
		t.Errorf("tapped %v", tapped)
	}
	tl.update(nil, nil)
	if tl.Visible() {
		t.Error("an empty timeline shows")
	}
}
