package ui

import (
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
)

// importNews keeps the list still while an import adds documents: the
// rows the person sees stay where they are, and a line beside the count
// says how many documents came since ("12 văn bản mới — bấm để xem"),
// which shows them when clicked (usertest session 9, finding 3: new
// documents inserted above moved a row under the pointer, and a tick
// landed on another document).
type importNews struct {
	line *widget.Button
	// row is the row on screen that holds the line (reveal).
	row *fyne.Container
	// counting: a count of the documents found now runs; again: the
	// import told of more meanwhile, to count once it is done.
	counting, again bool
}

func newImportNews(onTap func()) *importNews {
	n := &importNews{line: widget.NewButtonWithIcon("", theme.ViewRefreshIcon(), onTap)}
	n.line.Importance = widget.LowImportance
	n.line.Hide()
	return n
}

// show says that n documents are found beyond those listed; none hides
// the line.
func (n *importNews) show(count int) {
	if count <= 0 {
		n.hide()
		return
	}
	text := lang.L("{{.Count}} văn bản mới — bấm để xem", map[string]any{"Count": formatCount(count)})
	if n.line.Text != text {
		n.line.SetText(text)
	}
	reveal(n.line, n.row)
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
