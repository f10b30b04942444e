package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"khovanban/index"
)

// TestSavedSearches keeps a search with its filters under a name, brings
// it back with one click after the screen changed, and forgets it.
func TestSavedSearches(t *testing.T) {
	h := newHarness(t, true)
	h.search("nêu gương")
	h.v.onFilterToggled(index.FacetType, "Kế hoạch", true)
	h.settle(func() bool { return h.idle() && len(h.v.results.req.Filters.Types) == 1 })
	want := h.v.results.total
	if want == 0 {
		t.Fatal("nothing found to save")
	}
	if got := h.v.saved.suggestName(); got != "nêu gương, Kế hoạch" {
		t.Errorf("suggested name %q", got)
	}
	h.v.saved.saveAs("Kế hoạch nêu gương")

	h.v.state.filters = index.Filters{}
	h.search("")
	if h.v.results.total == want {
		t.Fatal("the screen did not change")
	}
	// The view is built again (as after a change of language): the saved
	// search is still there.
	h.s.rebuildView(func() {})
	h.v = h.s.view
	h.settle(h.idle)
	list := loadSavedSearches(h.app.Preferences())
	if len(list) != 1 || list[0].Name != "Kế hoạch nêu gương" {
		t.Fatalf("saved: %+v", list)
	}
	h.v.applySearch(list[0])
	h.settle(func() bool { return h.idle() && h.v.results.req.Query == "nêu gương" })
	if h.v.results.total != want || len(h.v.results.req.Filters.Types) != 1 || h.v.search.entry.Text != "nêu gương" {
		t.Errorf("brought back: %d results, filters %+v, box %q", h.v.results.total, h.v.results.req.Filters, h.v.search.entry.Text)
	}
	h.v.saved.onForget("Kế hoạch nêu gương")
	if len(loadSavedSearches(h.app.Preferences())) != 0 {
		t.Error("not forgotten")
	}
}

// TestLongSavedNameKeepsTheColumn: a long saved search's name is cut in
// the browse column rather than widening it, and the name box is wide
// (usertest finding 26).
func TestLongSavedNameKeepsTheColumn(t *testing.T) {
	h := newHarness(t, true)
	h.search("kế hoạch")
	before := h.v.saved.object().MinSize().Width
	long := "Kế hoạch tuyên truyền về bầu cử đại biểu Quốc hội và HĐND các cấp nhiệm kỳ 2026 - 2031"
	h.v.saved.saveAs(long)
	if after := h.v.saved.object().MinSize().Width; after > before {
		t.Errorf("the saved searches need %v pixels, %v before", after, before)
	}
	// Cut to the column's width, not to the least of it: "neu guon…"
	// stood where "neu guong, Cải cách hà…" had room (session 18).
	h.win.Resize(fyne.NewSize(1366, 768))
	h.v.panels.outer.SetOffset(0.3)
	h.settle(h.idle)
	run := h.v.saved.runs[0]
	if !strings.HasSuffix(run.Text, "…") || run.MinSize().Width > run.Size().Width ||
		run.Size().Width-run.MinSize().Width > fyne.MeasureText("HĐND", theme.TextSize(), fyne.TextStyle{Bold: true}).Width {
		t.Errorf("in a button %.0f px wide the name reads %q (%.0f px)", run.Size().Width, run.Text, run.MinSize().Width)
	}
	h.v.saved.onSave()
	top := h.win.Canvas().Overlays().Top()
	if top == nil || top.Size().Width < 480 {
		t.Errorf("the name dialog is %v wide", top)
	}
}

// TestSaveProposesAName: "Lưu tìm kiếm này…" opens with a name made of
// what is on screen, the person free to change it: the words typed and
// the values chosen, the review list, the order when it is not the usual
// one, and "Tất cả văn bản" for the whole archive (usertest s25: the
// review list opened the dialog with an empty name).
func TestSaveProposesAName(t *testing.T) {
	h := newHarness(t, true)
	proposed := func() string {
		t.Helper()
		h.v.saved.onSave()
		top := h.win.Canvas().Overlays().Top()
		entries := findAll[*dialogEntry](top)
		if len(entries) != 1 {
			t.Fatalf("%d boxes in the dialog", len(entries))
		}
		name := entries[0].Text
		h.win.Canvas().Overlays().Remove(top)
		return name
	}
	h.v.onAllToReview()
	h.settle(func() bool { return h.idle() && h.v.results.req.Filters.Unsure })
	if got := proposed(); got != "Cần xem lại" {
		t.Errorf("the review list: %q", got)
	}
	h.v.state.filters = index.Filters{}
	h.search("")
	h.v.search.sort.SetSelectedIndex(1) // newest first
	h.settle(func() bool { return h.idle() && h.v.results.req.Sort == index.Newest })
	if got := proposed(); got != "Tất cả văn bản, mới nhất trước" {
		t.Errorf("the whole archive, newest first: %q", got)
	}
	h.search("  nêu   gương ")
	h.v.onFilterToggled(index.FacetType, "Kế hoạch", true)
	h.settle(func() bool { return h.idle() && len(h.v.results.req.Filters.Types) == 1 })
	got := proposed()
	if got != "nêu gương, Kế hoạch, mới nhất trước" {
		t.Errorf("words and a type: %q", got)
	}
	// Saved under the name proposed, it comes back as it was.
	h.v.saved.saveAs(got)
	if list := loadSavedSearches(h.app.Preferences()); len(list) != 1 || list[0].Name != got || list[0].Sort != index.Newest {
		t.Errorf("saved %+v", list)
	}
}
