package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// panels arranges the main screen's three columns, browse, results and
// reader, in two splits, and gives the width to what is in use: with no
// document open the results take the reader's room, and the browse column
// folds away on demand. The widths the person drags to are kept while
// the program runs and saved when it closes.
type panels struct {
	outer *container.Split // browse | inner
	inner *container.Split // results | reader
	// browseBox holds the browse column, or nothing while it is folded.
	browseBox *fyne.Container
	browse    fyne.CanvasObject
	// fold shows or hides the browse column (the menu has it too).
	fold *tabButton

	browseOffset  float64 // the outer split's offset while browse shows
	resultsOffset float64 // the inner split's offset while a document is open
	reading       bool
	folded        bool
	// onToggled runs once the browse column is folded or back: the
	// reader's width has changed.
	onToggled func()
}

// Split offsets used until the person drags the dividers.
const (
	defaultBrowseOffset  = 0.2
	defaultResultsOffset = 0.4
	// closedReaderOffset gives the results all of the inner split when no
	// document is open; the divider stays at the edge to be dragged.
	closedReaderOffset = 1.0
)

func newPanels(browse, results, reader fyne.CanvasObject, p fyne.Preferences) *panels {
	ps := &panels{
		browse:        browse,
		browseOffset:  clampOffset(p.FloatWithFallback(prefBrowseOffset, defaultBrowseOffset), defaultBrowseOffset),
		resultsOffset: clampOffset(p.FloatWithFallback(prefResultsOffset, defaultResultsOffset), defaultResultsOffset),
	}
	ps.browseBox = container.NewStack(browse)
	ps.inner = container.NewHSplit(results, reader)
	ps.inner.Offset = closedReaderOffset
	ps.outer = container.NewHSplit(ps.browseBox, ps.inner)
	ps.outer.Offset = ps.browseOffset
	ps.fold = newTabButton("", theme.MenuIcon(), ps.toggleBrowse)
	return ps
}

// clampOffset keeps a saved offset where both sides stay visible.
func clampOffset(o, fallback float64) float64 {
	if o < 0.05 || o > 0.95 {
		return fallback
	}
	return o
}

func (ps *panels) object() fyne.CanvasObject { return ps.outer }

// setReading gives the reader its share of the width when a document is
// open, and the results the whole width when none is.
func (ps *panels) setReading(open bool) {
	if open == ps.reading {
		return
	}
	ps.remember()
	ps.reading = open
	if open {
		ps.inner.SetOffset(ps.resultsOffset)
	} else {
		ps.inner.SetOffset(closedReaderOffset)
	}
}

// readerWidth is about how wide the reader is while a document is open.
func (ps *panels) readerWidth() float32 {
	return ps.inner.Size().Width * float32(1-ps.resultsOffset)
}

// toggleBrowse folds the browse column away or brings it back.
func (ps *panels) toggleBrowse() {
	ps.remember()
	ps.folded = !ps.folded
	if ps.folded {
		ps.browseBox.Objects = nil
		ps.outer.SetOffset(0)
	} else {
		ps.browseBox.Objects = []fyne.CanvasObject{ps.browse}
		ps.outer.SetOffset(ps.browseOffset)
	}
	ps.browseBox.Refresh()
	if ps.onToggled != nil {
		ps.onToggled()
	}
}

// remember keeps the offsets the person dragged the dividers to.
func (ps *panels) remember() {
	if !ps.folded {
		ps.browseOffset = clampOffset(ps.outer.Offset, ps.browseOffset)
	}
	if ps.reading {
		ps.resultsOffset = clampOffset(ps.inner.Offset, ps.resultsOffset)
	}
}

// save writes the widths for the next start.
func (ps *panels) save(p fyne.Preferences) {
	ps.remember()
	p.SetFloat(prefBrowseOffset, ps.browseOffset)
	p.SetFloat(prefResultsOffset, ps.resultsOffset)
}
