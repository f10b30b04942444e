package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

func TestFitSize(t *testing.T) {
	least := fyne.NewSize(320, 240)
	for _, c := range []struct {
		name         string
		want, screen fyne.Size
		out          fyne.Size
	}{
		{"a 1024×768 screen with a taskbar", firstWindowSize, fyne.NewSize(1024, 728), fyne.NewSize(1008, 680)},
		{"1366×768", firstWindowSize, fyne.NewSize(1366, 728), fyne.NewSize(1350, 680)},
		{"1920×1080", firstWindowSize, fyne.NewSize(1920, 1040), fyne.NewSize(1600, 992)},
		{"a large screen keeps a readable size", firstWindowSize, fyne.NewSize(2560, 1400), firstWindowSize},
		{"a saved size that fits stays", fyne.NewSize(900, 600), fyne.NewSize(1920, 1040), fyne.NewSize(900, 600)},
		{"a saved size from a larger screen shrinks", fyne.NewSize(1800, 1000), fyne.NewSize(1024, 768), fyne.NewSize(1008, 720)},
		{"an unknown screen leaves the size", defaultWindowSize, fyne.Size{}, defaultWindowSize},
		{"never below the least", fyne.NewSize(100, 100), fyne.NewSize(1024, 768), least},
	} {
		if got := fitSize(c.want, least, c.screen); got != c.out {
			t.Errorf("%s: fitSize(%v, %v) = %v, want %v", c.name, c.want, c.screen, got, c.out)
		}
	}
}

func TestWindowSizeRemembered(t *testing.T) {
	a := test.NewTempApp(t)
	p := a.Preferences()
	if _, ok := savedWindowSize(p); ok {
		t.Fatal("a new app has no saved size")
	}
	saveWindowSize(p, fyne.NewSize(1100, 700))
	got, ok := savedWindowSize(p)
	if !ok || got != fyne.NewSize(1100, 700) {
		t.Errorf("saved size: %v %v", got, ok)
	}
	// A damaged value is not used.
	p.SetFloat(prefWindowWidth, -5)
	if _, ok := savedWindowSize(p); ok {
		t.Error("a negative width was taken")
	}
}

// TestMainScreenFits1024 lays the main screen out in a 1024×768 window:
// nothing may need more width than the window has.
func TestMainScreenFits1024(t *testing.T) {
	h := newHarness(t, true)
	h.win.Resize(fyne.NewSize(1008, 680))
	h.openFirst("nêu gương")
	if min := h.win.Content().MinSize(); min.Width > 1008 || min.Height > 680 {
		t.Errorf("the main screen needs %v, more than a 1024×768 screen gives", min)
	}
	if got := h.win.Canvas().Size(); got.Width > 1008 {
		t.Errorf("the window grew to %v", got)
	}
}

// TestPanelsGiveWidthToWhatIsOpen: the results have the reader's width
// while no document is open; the reader gets it back when one opens; the
// browse column and the details fold away; the widths are saved.
func TestPanelsGiveWidthToWhatIsOpen(t *testing.T) {
	h := newHarness(t, true)
	h.search("nêu gương")
	ps := h.v.panels
	results := h.v.results.object().Size().Width
	inner := ps.inner.Size().Width
	if results < inner-20 {
		t.Errorf("no document open: results %v wide of %v", results, inner)
	}
	h.openFirst("nêu gương")
	if w := h.v.reader.content().Size().Width; w < inner/2 {
		t.Errorf("a document open: reader %v wide of %v", w, inner)
	}
	// Closing gives the width back.
	h.v.reader.clear()
	if w := h.v.results.object().Size().Width; w < inner-20 {
		t.Errorf("closed: results %v wide of %v", w, inner)
	}

	// Folding the browse column gives its width to the rest.
	before := ps.inner.Size().Width
	ps.toggleBrowse()
	if after := ps.inner.Size().Width; after < before+100 {
		t.Errorf("folding browse: %v → %v", before, after)
	}
	ps.toggleBrowse()
	if after := ps.inner.Size().Width; after > before+1 || after < before-1 {
		t.Errorf("unfolding browse: %v, was %v", after, before)
	}

	// A width dragged to while reading is kept and saved.
	h.openFirst("nêu gương")
	ps.inner.SetOffset(0.3)
	h.v.reader.clear()
	ps.save(h.app.Preferences())
	if got := h.app.Preferences().Float(prefResultsOffset); got != 0.3 {
		t.Errorf("saved results offset %v", got)
	}

	// The details beside the text fold and unfold, and the choice is kept.
	h.openFirst("nêu gương")
	r := h.v.reader
	folded := len(r.metaBox.Objects) == 0
	r.onFoldMeta()
	if (len(r.metaBox.Objects) == 0) == folded {
		t.Error("the details did not fold or unfold")
	}
	want := detailsFolded
	if folded {
		want = detailsShown
	}
	if got := h.app.Preferences().String(prefReaderDetails); got != want {
		t.Errorf("details choice saved as %q, want %q", got, want)
	}
}

// TestWheelScrollsResults: a wheel notch over a result's snippet moves the
// list; the snippet does not take the wheel for itself.
func TestWheelScrollsResults(t *testing.T) {
	h := newHarness(t, true)
	h.search("")
	if h.v.results.total < 8 {
		t.Fatalf("%d results", h.v.results.total)
	}
	scroll := findScroll(t, h.v.results.list)
	if scroll == nil {
		t.Fatal("no scroll container in the list")
	}
	// Over the first row's snippet: below its title and meta line.
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(h.v.results.list)
	test.Scroll(h.win.Canvas(), pos.AddXY(100, 75), 0, -40)
	if scroll.Offset.Y <= 0 {
		t.Errorf("the wheel over a snippet did not move the list (offset %v)", scroll.Offset.Y)
	}
}

// findScroll is the first scroll container inside o.
func findScroll(t *testing.T, o fyne.CanvasObject) *container.Scroll {
	if s, ok := o.(*container.Scroll); ok {
		return s
	}
	var children []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		children = x.Objects
	case fyne.Widget:
		children = test.TempWidgetRenderer(t, x).Objects()
	}
	for _, c := range children {
		if s := findScroll(t, c); s != nil {
			return s
		}
	}
	return nil
}

// TestFacetLabelsWhole: a long facet value is shown whole, wrapped, not cut.
func TestFacetLabelsWhole(t *testing.T) {
	h := newHarness(t, true)
	h.search("")
	for facet, checks := range h.v.browse.checks {
		for value, c := range checks {
			if strings.Contains(c.label.Text, "…") {
				t.Errorf("%s %q shown cut: %q", facet, value, c.label.Text)
			}
			if facet != "year" && !strings.HasPrefix(c.label.Text, value) {
				t.Errorf("%s %q shown as %q", facet, value, c.label.Text)
			}
		}
	}
}
