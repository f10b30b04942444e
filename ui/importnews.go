package ui

import (
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
	"khovanban/ui/messages"
)

// importNews keeps the list still while an import adds documents: the
// rows the person sees stay where they are, and a line beside the count
// says how many documents came since ("12 văn bản mới — bấm để xem"),
// which shows them when clicked (usertest session 9, finding 3: new
// documents inserted above moved a row under the pointer, and a tick
// landed on another document).
type importNews struct {
	line *tabButton
	// row is the row on screen that holds the line (reveal).
	row *fyne.Container
	// counting: a count of the documents found now runs; again: the
	// import told of more meanwhile, to count once it is done.
	counting, again bool
	// long and short are the line's words with and without "bấm để xem";
	// wide and narrow are buttons out of the window with them, whose
	// widths are theirs (statusLayout).
	long, short  string
	wide, narrow *tabButton
}

func newImportNews(onTap func()) *importNews {
	n := &importNews{line: newTabButton("", theme.ViewRefreshIcon(), onTap), wide: newTabButton("", theme.ViewRefreshIcon(), nil), narrow: newTabButton("", theme.ViewRefreshIcon(), nil)}
	n.line.Importance = widget.LowImportance
	n.wide.Importance, n.narrow.Importance = widget.LowImportance, widget.LowImportance
	n.line.Hide()
	return n
}

// fit shows the long words when width has room for them, else the short
// ones.
func (n *importNews) fit(width float32) {
	text := n.short
	if n.wide.MinSize().Width <= width {
		text = n.long
	}
	if n.line.Text != text {
		n.line.SetText(text)
	}
}

// statusLayout lays out the row of the result count (objects: the count,
// the news line, then the signs and Hoàn tác): the count at the left, the
// others at the right; the news line takes its long words only when they
// fit beside the count, so that it never widens the result list (usertest
// s12: at 1024x768 "37 văn bản mới — bấm để xem" widened the list from
// 218 to 600 pixels and pushed the reader's "Mở tệp gốc" into "…").
type statusLayout struct{ n *importNews }

func (l statusLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var size fyne.Size
	pad := theme.Padding()
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		if o == l.n.line {
			m = l.n.narrow.MinSize()
		}
		size.Width += m.Width + pad
		size.Height = max(size.Height, m.Height)
	}
	return size
}

func (l statusLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	count, line, rest := objs[0], objs[1], objs[2]
	restW := rest.MinSize().Width
	if line.Visible() {
		l.n.fit(size.Width - count.MinSize().Width - restW - 2*pad)
	}
	x := size.Width - restW
	rest.Move(fyne.NewPos(x, 0))
	rest.Resize(fyne.NewSize(restW, size.Height))
	if line.Visible() {
		w := line.MinSize().Width
		x -= w + pad
		line.Move(fyne.NewPos(x, (size.Height-line.MinSize().Height)/2))
		line.Resize(fyne.NewSize(w, line.MinSize().Height))
	}
	count.Move(fyne.NewPos(0, 0))
	count.Resize(fyne.NewSize(max(0, x-pad), size.Height))
}

// show says that n documents are found beyond those listed; none hides
// the line.
func (n *importNews) show(count int) {
	if count <= 0 {
		n.hide()
		return
	}
	n.long = messages.N("{{.Count}} văn bản mới — bấm để xem", count, map[string]any{"Count": formatCount(count)})
	n.short = lang.L("{{.Count}} văn bản mới", map[string]any{"Count": formatCount(count)})
	n.wide.SetText(n.long)
	n.narrow.SetText(n.short)
	if n.line.Text != n.long && n.line.Text != n.short || !n.line.Visible() {
		n.line.SetText(n.short)
	}
	reveal(n.line, n.row)
	if n.row != nil {
		n.row.Refresh() // the long words if they fit
	}
}

func (n *importNews) hide() { n.line.Hide() }

// onImportedMore is called, on the UI goroutine, when an import has
// added documents (once a second at most, and at its end). When the list
// shows nothing yet, they are listed; otherwise the list stays and the
// documents the search finds now are counted in the line. A search of
// the person's under way is not cancelled: the count waits for it.
func (v *view) onImportedMore() {
	n := v.news
	if v.stopped {
		return
	}
	if n.counting || v.state.pending || v.state.shown != v.state.gen {
		n.again = true
		return
	}
	n.again = false
	if v.results.total == 0 {
		v.refreshSearch() // nothing listed that could move
		return
	}
	n.counting = true
	gen := v.state.gen
	req := v.state.request()
	req.Limit, req.NoFacets = 1, true
	find, waits := v.find, v.busyWaits
	v.spawn(func() {
		// The index being replaced (a bulk import's swap, a rebuild) is
		// waited for as the list's searches wait: the count at an
		// import's end is the last, and one lost said nothing at all.
		typed, err := untilNotBusy(v.ctx, waits, func() (*index.Typed, error) { return find.SearchAsTyped(v.ctx, req) })
		v.do(func() {
			n.counting = false
			if v.stopped {
				return
			}
			if err == nil {
				// The documents to review are the archive's, whatever the
				// search: the button counts those the import brought
				// (after a bulk import it kept the count from before).
				v.review.show(typed.Unsure)
			}
			if err == nil && gen == v.state.gen && v.state.shown == gen {
				n.show(typed.Total - v.results.found)
			}
			if n.again {
				v.onImportedMore()
			} else if errors.Is(err, index.ErrIndexBusy) {
				// Still being replaced after the waits: counted again
				// once more after the last of them.
				time.AfterFunc(lastWait(waits), func() { v.do(v.onImportedMore) })
			}
		})
	})
}

// lastWait is the longest of the waits for the index (untilNotBusy).
func lastWait(waits []time.Duration) time.Duration {
	if len(waits) == 0 {
		return busyWaits[len(busyWaits)-1]
	}
	return waits[len(waits)-1]
}

// onShowNews lists the documents the line counts, keeping the row
// chosen, the ticks and the scroll.
func (v *view) onShowNews() {
	v.news.hide()
	v.refreshSearch()
}

// afterShown, once a search is on screen, hides the line (the list holds
// every document found) and counts again what an import told of while
// the search ran.
func (v *view) afterShown() {
	v.news.hide()
	if v.news.again {
		v.onImportedMore()
	}
}
