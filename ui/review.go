package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// reviewButton shows how many documents have fields to review and lists
// them (the Unsure filter) when pressed.
type reviewButton struct {
	search *searchState
	run    func() // runs the search
	button *tabButton
	bar    *fyne.Container // the toolbar it sits in
	count  int
}

func newReviewButton(search *searchState, run func()) *reviewButton {
	r := &reviewButton{search: search, run: run}
	r.button = newTabButton(lang.L("Cần xem lại"), theme.WarningIcon(), r.onToggle)
	return r
}

// onToggle shows only the documents to review, or all again.
func (r *reviewButton) onToggle() {
	r.search.filters.Unsure = !r.search.filters.Unsure
	r.run()
}

// show writes the count on the button; it runs after every search, so
// the button is redrawn only when it changes.
func (r *reviewButton) show(n int) {
	r.count = n
	text := lang.L("Cần xem lại ({{.Count}})", map[string]any{"Count": formatCount(n)})
	imp := widget.MediumImportance
	if n > 0 {
		imp = widget.WarningImportance
	}
	if r.search.filters.Unsure {
		imp = widget.HighImportance
	}
	if text == r.button.Text && imp == r.button.Importance {
		return
	}
	r.button.Text, r.button.Importance = text, imp
	r.button.Refresh()
	if r.bar != nil {
		r.bar.Refresh() // the button's width changed
	}
}
